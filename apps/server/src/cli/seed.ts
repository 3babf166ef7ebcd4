/**
 * npm run seed
 * Migrates the configured database and seeds it when empty (what the server does at start): regions, the city's
 * unit tree, roles, demo accounts when DEMO=true, dictionaries, the holiday calendar and deadline rules.
 * Useful to prepare a PostgreSQL database before the first app node starts.
 */
import fs from 'node:fs';
import { createDeps } from '../bootstrap';
import { loadConfig } from '../config';
import { acquirePidFile } from '../lib/pidfile';
import { seedIfEmpty } from '../seed/seed';
import { refuseWhileServerRuns, runCli } from './backup.lib';

runCli(async () => {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  refuseWhileServerRuns(config, '初始化');
  const release = config.databaseUrl ? () => {} : acquirePidFile(config.dataDir);
  const deps = await createDeps(config);
  try {
    const r = await seedIfEmpty(deps);
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.pgliteDir}`;
    if (r.seeded) {
      console.log(`已初始化 ${where}：${r.cityName}${config.demo ? `，演示账号 ${r.demoAccounts.length} 个（初始密码 Zhichan@2026，首次登录须修改）` : ''}`);
    } else {
      console.log(`数据库 ${where} 已有数据（${r.cityName}），仅执行了迁移，未重复初始化。`);
    }
    return 0;
  } finally {
    await deps.dbh.close();
    release();
  }
});
