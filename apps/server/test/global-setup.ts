import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createDeps } from '../src/bootstrap';
import { seedIfEmpty } from '../src/seed/seed';
import { PG_URL, TEMPLATE_DB, TEMPLATE_DIR, testConfig, withDatabase } from './test-env';

/**
 * Builds one migrated and seeded database per run; every test file then gets its own copy
 * (a copied PGlite folder, or CREATE DATABASE … TEMPLATE on PostgreSQL), so files never share state.
 */
export default async function setup() {
  if (PG_URL) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'zc_test_%'`);
    for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const deps = await createDeps(testConfig({ dataDir: path.join(TEMPLATE_DIR, 'pg'), databaseUrl: withDatabase(PG_URL, TEMPLATE_DB) }));
    await seedIfEmpty(deps, { demoMustChangePassword: false });
    await deps.dbh.close();
    return;
  }
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const deps = await createDeps(testConfig({ dataDir: TEMPLATE_DIR, databaseUrl: null }));
  await seedIfEmpty(deps, { demoMustChangePassword: false });
  await deps.dbh.pglite!.exec('VACUUM ANALYZE');
  await deps.dbh.close();
}
