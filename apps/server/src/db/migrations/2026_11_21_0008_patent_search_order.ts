import type { Kysely } from 'kysely';
import { execSqlScript } from '../sql-script';

/**
 * Patent search pages are ordered newest filing first (app_date DESC NULLS LAST, id DESC). An index in exactly that
 * order lets a query for a very common word (一种, 装置: most of the table) read one page from the index and stop,
 * instead of ranking every match (bench/patents-search.mjs).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await execSqlScript(db, `
CREATE INDEX patents_app_date_desc ON patents (app_date DESC NULLS LAST, id DESC);
DROP INDEX patents_app_date;
`);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
