import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database';
import * as m0001 from './migrations/2026_11_21_0001_foundation';
import * as m0002 from './migrations/2026_11_21_0002_grant_portal_permissions';
import * as m0003 from './migrations/2026_11_21_0003_content';
import * as m0004 from './migrations/2026_11_21_0004_consultations';
import * as m0005 from './migrations/2026_11_21_0005_submissions';
import * as m0006 from './migrations/2026_11_21_0006_enforcement';
import * as m0007 from './migrations/2026_11_21_0007_patents';
import * as m0008 from './migrations/2026_11_21_0008_patent_search_order';
import * as m0009 from './migrations/2026_11_21_0009_adjudication_mediation';
import * as m0010 from './migrations/2026_11_21_0010_patent_stats_years';
import * as m0011 from './migrations/2026_11_22_0011_submission_name_index';
import * as m0012 from './migrations/2026_11_22_0012_duplicate_sweeps';

/** Migrations in order. Listed explicitly: no directory scanning, the same list on every engine. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_21_0001_foundation': m0001,
  '2026_11_21_0002_grant_portal_permissions': m0002,
  '2026_11_21_0003_content': m0003,
  '2026_11_21_0004_consultations': m0004,
  '2026_11_21_0005_submissions': m0005,
  '2026_11_21_0006_enforcement': m0006,
  '2026_11_21_0007_patents': m0007,
  '2026_11_21_0008_patent_search_order': m0008,
  '2026_11_21_0009_adjudication_mediation': m0009,
  '2026_11_21_0010_patent_stats_years': m0010,
  '2026_11_22_0011_submission_name_index': m0011,
  '2026_11_22_0012_duplicate_sweeps': m0012,
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
