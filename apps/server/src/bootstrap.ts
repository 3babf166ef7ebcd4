import type { Config } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Deps } from './deps';
import { systemClock, type Clock } from './lib/clock';
import { FieldCipher } from './lib/crypto';
import { LocalFileStore } from './modules/files/file-store';

/** Opens the database, runs pending migrations and assembles the dependencies (shared by main, CLIs and tests). */
export async function createDeps(config: Config, opts: { clock?: Clock; migrate?: boolean } = {}): Promise<Deps> {
  const dbh = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  if (opts.migrate !== false) await migrateToLatest(dbh.db);
  return {
    config,
    db: dbh.db,
    dbh,
    clock: opts.clock ?? systemClock,
    cipher: new FieldCipher(config.fieldKeyHex),
    files: new LocalFileStore(config.filesDir),
  };
}
