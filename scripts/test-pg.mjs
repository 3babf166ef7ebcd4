#!/usr/bin/env node
// `npm run test:pg`: the whole Vitest suite on a real PostgreSQL 15. Starts the throw-away cluster of
// scripts/pg-local.sh unless one is already running (or DATABASE_URL is set), runs `npx vitest run` against it
// and stops the cluster it started. Extra arguments go to vitest. Exit code: vitest's.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pgLocal = path.join(root, 'scripts/pg-local.sh');

let url = process.env.DATABASE_URL || '';
let startedHere = false;
if (!url) {
  const status = spawnSync('bash', [pgLocal, 'status'], { encoding: 'utf8' });
  if (status.status === 0) {
    url = status.stdout.trim();
  } else {
    const r = spawnSync('bash', [pgLocal, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) {
      console.error('[test:pg] 无法启动本地 PostgreSQL（scripts/pg-local.sh start）');
      process.exit(r.status ?? 1);
    }
    url = r.stdout.trim().split('\n').pop();
    startedHere = true;
  }
}
console.log(`[test:pg] DATABASE_URL=${url}`);

function stopCluster() {
  if (startedHere) {
    startedHere = false;
    spawnSync('bash', [pgLocal, 'stop'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const child = spawn(npx, ['vitest', 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  stopCluster();
  process.exit(code ?? (signal ? 1 : 0));
});
