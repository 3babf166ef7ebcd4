import type { Config } from './config';
import type { DatabaseHandle, Db } from './db/database';
import type { Clock } from './lib/clock';
import type { FieldCipher } from './lib/crypto';
import type { FileStore } from './modules/files/file-store';

/** What services need; built once in main.ts (or per test file) and passed down explicitly. */
export interface Deps {
  config: Config;
  db: Db;
  dbh: DatabaseHandle;
  clock: Clock;
  cipher: FieldCipher;
  files: FileStore;
}
