#!/usr/bin/env bash
# Builds a throw-away copy of the server with proposed patches applied, to measure them with the same harness
# without touching the repository:
#   bash bench/proposals/make-tree.sh /tmp/zc-proto bench/proposals/01-audit-flush-at-commit.patch [more.patch …]
#   BENCH_SERVER_ROOT=/tmp/zc-proto node bench/intake.mjs --engines pglite,pg
# The copy has its own apps/server; node_modules and packages/shared are symlinks to this repository's.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DEST="${1:?usage: make-tree.sh <dest> <patch>...}"
shift
rm -rf "$DEST"
mkdir -p "$DEST/apps" "$DEST/packages"
cp -a "$ROOT/apps/server" "$DEST/apps/server"
rm -rf "$DEST/apps/server/node_modules"
cp -a "$ROOT/package.json" "$ROOT/tsconfig.base.json" "$ROOT/scripts" "$DEST/"
ln -s "$ROOT/node_modules" "$DEST/node_modules"
ln -s "$ROOT/apps/server/node_modules" "$DEST/apps/server/node_modules"
ln -s "$ROOT/packages/shared" "$DEST/packages/shared"
for p in "$@"; do
  patch -d "$DEST" -p1 --no-backup-if-mismatch < "$(cd "$(dirname "$p")" && pwd)/$(basename "$p")"
done
echo "$DEST"
