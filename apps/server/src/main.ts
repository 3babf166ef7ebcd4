import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { createDeps } from './bootstrap';
import { loadConfig } from './config';
import { startScheduler } from './jobs/scheduler';
import { acquirePidFile } from './lib/pidfile';
import { seedIfEmpty } from './seed/seed';
import { seedDeadlineRules } from './modules/deadlines/deadline-rules.seed';
import { seedPatentReference } from './modules/patents/patent-reference.seed';
import { seedDemoPatentsIfEmpty } from './modules/patents/patent-demo.seed';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIST = path.resolve(here, '../../web/dist');

async function main() {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  // PGlite is single-process: a second server on the same data folder would corrupt it.
  const releasePid = config.databaseUrl ? () => {} : acquirePidFile(config.dataDir);
  const deps = await createDeps(config);
  const seed = await seedIfEmpty(deps);
  // A database seeded before the patent tables existed gets their reference data now (each table only when empty).
  await seedPatentReference(deps.db, { demo: config.demo });
  // Rule versions a release added (e.g. the adjudication and mediation rules) reach an existing database too.
  await seedDeadlineRules(deps.db);
  await seedDemoPatentsIfEmpty(deps);
  const app = await buildApp(deps, {
    webDist: WEB_DIST,
    logger: { level: config.logLevel },
    trustProxy: process.env.TRUST_PROXY === 'true',
  });
  const stopScheduler = config.schedulerIntervalSeconds > 0 ? startScheduler(deps, { intervalSeconds: config.schedulerIntervalSeconds, nodeId: `${os.hostname()}:${process.pid}` }) : async () => {};
  await app.listen({ port: config.port, host: config.host });

  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    `知识产权一体化综合服务平台 Zhichan — ${seed.cityName}${config.demo ? '（演示）' : ''}`,
    `  数据库: ${deps.dbh.engine === 'pglite' ? `PGlite（内嵌）${config.pgliteDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  门户:   ${base}/`,
    `  管理端: ${base}/admin/`,
    `  接口文档: ${base}/api/docs`,
  ];
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) lines.push('  (前端尚未构建：npm run build)');
  if (config.fieldKeyIsDefault) lines.push('  警告: 未设置 FIELD_ENCRYPTION_KEY，正在使用开发用密钥，生产环境必须配置');
  if (config.demo) {
    const accounts = await deps.db
      .selectFrom('users')
      .leftJoin('units', 'units.id', 'users.unitId')
      .leftJoin('userRoles', 'userRoles.userId', 'users.id')
      .leftJoin('roles', 'roles.id', 'userRoles.roleId')
      .select(['users.username', 'users.kind', 'users.mustChangePassword', 'roles.name as roleName', 'units.name as unitName'])
      .where('users.displayName', 'like', '%（演示）')
      .orderBy('users.id')
      .execute();
    lines.push('  演示账号（初始密码 Zhichan@2026，首次登录须修改）:');
    for (const a of accounts) {
      lines.push(`    ${a.username.padEnd(16)} ${a.kind === 'staff' ? '管理端' : '门户  '} ${a.roleName ?? '企业用户'} · ${a.unitName ?? '公众'}${a.kind === 'staff' && !a.mustChangePassword ? '（已改密）' : ''}`);
    }
  }
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    console.log(`\n收到 ${signal}，正在停止…`);
    await app.close();
    await stopScheduler();
    await deps.dbh.close();
    releasePid();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
