import fs from 'node:fs';
import path from 'node:path';

export function pidFilePath(dataDir: string): string {
  return path.join(dataDir, 'server.pid');
}

/** The pid of a live server using this data folder, or null. */
export function runningServerPid(dataDir: string): number | null {
  const file = pidFilePath(dataDir);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Claims the data folder for this process; refuses when another live process holds it. */
export function acquirePidFile(dataDir: string): () => void {
  const other = runningServerPid(dataDir);
  if (other && other !== process.pid) {
    throw new Error(`数据目录 ${dataDir} 正被进程 ${other} 使用（内嵌数据库只能由一个进程打开）`);
  }
  const file = pidFilePath(dataDir);
  fs.writeFileSync(file, String(process.pid));
  return () => {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
  };
}
