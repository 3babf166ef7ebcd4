import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createDeps } from '../src/bootstrap';
import { seedIfEmpty } from '../src/seed/seed';
import type { TestProject } from 'vitest/node';
import { PG_URL, templateNames, testConfig, withDatabase } from './test-env';

/**
 * Builds one migrated and seeded database per run; every test file then gets its own copy
 * (a copied PGlite folder, or CREATE DATABASE … TEMPLATE on PostgreSQL), so files never share state.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const { db, dir } = templateNames(runId);
  project.provide('templateRunId', runId);
  if (PG_URL) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const deps = await createDeps(testConfig({ dataDir: path.join(dir, 'pg'), databaseUrl: withDatabase(PG_URL, db) }));
    await seedIfEmpty(deps, { demoMustChangePassword: false });
    await deps.dbh.close();
    return async () => {
      const c = new pg.Client({ connectionString: PG_URL! });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const deps = await createDeps(testConfig({ dataDir: dir, databaseUrl: null }));
  await seedIfEmpty(deps, { demoMustChangePassword: false });
  await deps.dbh.pglite!.exec('VACUUM ANALYZE');
  await deps.dbh.close();
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
