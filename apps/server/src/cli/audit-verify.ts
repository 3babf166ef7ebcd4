/**
 * npm run audit:verify
 * Walks the audit hash chain of the configured database (same environment as the server) and reports the first
 * break. Exit code 0: intact; 1: broken; 2: refused (a server holds the embedded database).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { createDeps } from '../bootstrap';
import { systemClock } from '../lib/clock';
import { acquirePidFile, runningServerPid } from '../lib/pidfile';
import { verifyAuditChain } from '../modules/audit/audit.service';
import { CliRefusal, runCli } from './backup.lib';

runCli(async () => {
  const config = loadConfig();
  let release = () => {};
  if (!config.databaseUrl) {
    const pid = runningServerPid(config.dataDir);
    if (pid && pid !== process.pid) {
      throw new CliRefusal(
        `服务正在运行（进程 ${pid}），内嵌数据库只能由一个进程打开。` +
          `请在管理端「审计日志」页面点击「校验审计链」按钮，或先停止服务再运行 npm run audit:verify。`,
      );
    }
    if (!fs.existsSync(path.join(config.pgliteDir, 'PG_VERSION'))) {
      throw new CliRefusal(`数据目录 ${config.dataDir} 中没有数据库（请检查 DATA_DIR，或设置 DATABASE_URL 校验 PostgreSQL）`);
    }
    release = acquirePidFile(config.dataDir);
  }
  const deps = await createDeps(config);
  try {
    const r = await verifyAuditChain(deps.db, systemClock);
    if (r.ok) {
      console.log(`审计链完整，共校验 ${r.checked} 条（链头序号 ${r.headSeq}，校验时间 ${r.verifiedAt}）`);
      return 0;
    }
    const b = r.firstBreak!;
    console.log(`审计链在第 ${b.seq} 条记录处断裂：${b.message}（问题类型 ${b.problem}；此前 ${r.checked} 条完好，链头序号 ${r.headSeq}）`);
    return 1;
  } finally {
    await deps.dbh.close();
    release();
  }
});
