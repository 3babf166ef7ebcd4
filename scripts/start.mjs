#!/usr/bin/env node
// `npm start`: builds the web front end when it is missing or older than its sources, then runs the server.
// Works on a fresh clone after `npm ci`: nothing but Node and the installed workspaces is needed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = path.join(root, 'apps/web/dist/index.html');
const SOURCES = ['apps/web/src', 'apps/web/index.html', 'apps/web/admin/index.html', 'apps/web/public', 'apps/web/vite.config.ts', 'packages/shared/src'];

/** Newest modification time under a file or folder (0 when it does not exist). */
function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file changes its folder's mtime
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function webIsStale() {
  if (!fs.existsSync(distIndex)) return '前端尚未构建';
  const built = fs.statSync(distIndex).mtimeMs;
  for (const s of SOURCES) {
    if (newestMtime(path.join(root, s)) > built) return `${s} 比构建结果新`;
  }
  return null;
}

const reason = webIsStale();
if (reason) {
  console.log(`[start] ${reason}，正在构建前端（npm run build -w apps/web）…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] 前端构建失败（退出码 ${r.status ?? r.signal}）`);
    process.exit(r.status ?? 1);
  }
}

// `node --import tsx` needs Node >= 20.6 (tsx 4); older Nodes fall back to the tsx binary.
const [major, minor] = process.versions.node.split('.').map(Number);
const canImport = major > 20 || (major === 20 && minor >= 6);
const tsxBin = path.join(root, 'node_modules/.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const entry = path.join(root, 'apps/server/src/main.ts');
const [cmd, args] = canImport ? [process.execPath, ['--import', 'tsx', entry]] : [tsxBin, [entry]];

// The server runs in its own process group so that a Ctrl-C in the terminal reaches it once, through us:
// it stops gracefully on the first SIGINT/SIGTERM, and a second one would end it before it closes the database.
const child = spawn(cmd, [...args, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', detached: process.platform !== 'win32' });
const running = () => child.exitCode === null && child.signalCode === null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (running()) child.kill(sig);
  });
}
process.on('exit', () => {
  if (running()) child.kill('SIGTERM');
});
child.on('error', (err) => {
  console.error('[start] 无法启动服务端:', err.message);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  // Ended by a signal: report it the shell's way (128 + signal number).
  process.exit(128 + (os.constants.signals[signal] ?? 1));
});
