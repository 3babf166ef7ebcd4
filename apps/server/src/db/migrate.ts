import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database';
import * as m0001 from './migrations/2026_11_21_0001_foundation';

/** Migrations in order. Listed explicitly: no directory scanning, the same list on every engine. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_21_0001_foundation': m0001,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
