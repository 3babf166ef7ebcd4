import type { Kysely } from 'kysely';
import { execSqlScript } from '../sql-script';

/** Placeholder: filled in by the module that owns these tables (issue 3). */
export async function up(db: Kysely<any>): Promise<void> {
  await execSqlScript(db, `SELECT 1`);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
