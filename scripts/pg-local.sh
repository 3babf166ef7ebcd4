#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests (Debian's postgresql-15 package), listening on 127.0.0.1 only.
#   scripts/pg-local.sh start   # idempotent; prints DATABASE_URL on stdout (last line)
#   scripts/pg-local.sh stop    # idempotent; removes the cluster
#   scripts/pg-local.sh status  # exit 0 when running
# Environment: PGPORT (default 54329), PG_LOCAL_DIR (default /tmp/zhichan-pg), PG_BIN (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PORT="${PGPORT:-54329}"
DIR="${PG_LOCAL_DIR:-/tmp/zhichan-pg}"
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DATA="$DIR/data"
LOG="$DIR/server.log"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

if [[ ! -x "$BIN/pg_ctl" ]]; then
  echo "pg-local: $BIN/pg_ctl not found; install Debian's PostgreSQL 15: apt-get install -y postgresql" >&2
  exit 2
fi

# initdb and the server refuse to run as root: run them as the postgres user (created by the Debian package).
as_pg() {
  if [[ "$(id -u)" == "0" ]]; then
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

is_running() {
  [[ -f "$DATA/postmaster.pid" ]] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  if is_running; then
    echo "pg-local: already running on port $PORT ($DATA)" >&2
    echo "$URL"
    return 0
  fi
  mkdir -p "$DIR"
  if [[ "$(id -u)" == "0" ]]; then chown postgres:postgres "$DIR"; fi
  chmod 700 "$DIR"
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    rm -rf "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    # Trust only loopback TCP and the private socket folder; nothing else can connect.
    cat >"$DATA/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF
    cat >>"$DATA/postgresql.conf" <<EOF

# zhichan pg-local: a throw-away test cluster, speed over durability
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
timezone = 'UTC'
EOF
  fi
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null || { tail -n 30 "$LOG" >&2; exit 1; }
  echo "pg-local: started PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DATA)" >&2
  echo "$URL"
}

stop() {
  if is_running; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    echo "pg-local: stopped" >&2
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "$URL"; else exit 1; fi ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
