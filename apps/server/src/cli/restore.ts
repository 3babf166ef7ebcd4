/**
 * npm run restore -- DIR [--yes]
 * Restores a backup made by `npm run backup` onto the configured DATA_DIR / DATABASE_URL and checks every
 * table checksum against the backup's manifest. A non-empty target is replaced only with --yes.
 */
import { loadConfig } from '../config';
import { acquirePidFile } from '../lib/pidfile';
import { CliRefusal, parseArgs, refuseWhileServerRuns, restoreBackup, runCli } from './backup.lib';

runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  if (flags.help || positional.length !== 1) {
    const usage = '用法：npm run restore -- 备份目录 [--yes]   目标数据库非空时须加 --yes';
    if (flags.help) {
      console.log(usage);
      return 0;
    }
    throw new CliRefusal(usage);
  }
  const config = loadConfig();
  refuseWhileServerRuns(config, '恢复');
  const release = config.databaseUrl ? () => {} : acquirePidFile(config.dataDir);
  try {
    const r = await restoreBackup(config, positional[0]!, { yes: flags.yes === true, log: (l) => console.log(`  ${l}`) });
    console.log(`恢复完成：${Object.keys(r.manifest.tables).length} 张表的行数与校验和均与备份（${r.manifest.created}）一致；文件 ${r.files.count} 个已校验。`);
    if (r.movedAside) console.log(`  原数据库保存在 ${r.movedAside}，确认无误后可删除。`);
    return 0;
  } finally {
    release();
  }
});
