/**
 * npm run backup [-- --out DIR]
 * Writes DIR/zhichan-YYYYMMDD-HHmmss/ (default DIR: ./backups) with manifest.json, the database dump
 * (pglite.tar.gz or db.sql) and a copy of the files store. See backup.lib.ts.
 */
import fs from 'node:fs';
import { loadConfig } from '../config';
import { acquirePidFile } from '../lib/pidfile';
import { createBackup, parseArgs, refuseWhileServerRuns, runCli } from './backup.lib';

runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  if (flags.help) {
    console.log('用法：npm run backup [-- --out 目录]   备份数据库与文件库到 目录/zhichan-日期-时间/（默认 ./backups）');
    return 0;
  }
  const config = loadConfig();
  refuseWhileServerRuns(config, '备份');
  let release = () => {};
  if (!config.databaseUrl) {
    if (!fs.existsSync(`${config.pgliteDir}/PG_VERSION`)) throw new Error(`数据目录 ${config.pgliteDir} 中没有数据库，无可备份`);
    // Hold the data folder so that no server starts on it while we read it.
    release = acquirePidFile(config.dataDir);
  }
  try {
    const { dir, manifest } = await createBackup(config, {
      outDir: typeof flags.out === 'string' ? flags.out : undefined,
      log: (l) => console.log(`  ${l}`),
    });
    const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
    console.log(`备份完成：${dir}`);
    console.log(
      `  数据库 ${manifest.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}：${Object.keys(manifest.tables).length} 张表，共 ${rows} 行；` +
        `文件 ${manifest.files.count} 个（${(manifest.files.bytes / 1048576).toFixed(1)} MiB）；迁移 ${manifest.migrations.length} 个`,
    );
    return 0;
  } finally {
    release();
  }
});
