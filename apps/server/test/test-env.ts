import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config';

/** PostgreSQL server for the suite when DATABASE_URL is set (CI runs the suite on both engines). */
export const PG_URL = process.env.DATABASE_URL || null;
/** Names of this run's template database/folder: unique per run, so parallel runs never touch each other's. */
export function templateNames(runId: string) {
  return { db: `zc_tpl_${runId}`, dir: path.join(os.tmpdir(), `zhichan-test-template-${runId}`) };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateRunId: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The configuration every test database is built with: 泰安 (3709), demo accounts, fast schedulers off. */
export function testConfig(overrides: Partial<Config> & { dataDir: string }): Config {
  const base = loadConfig({ DATA_DIR: overrides.dataDir, CITY_CODE: '3709', DEMO: 'true', DEMO_PATENTS: '0', SCHEDULER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent' });
  return { ...base, ...overrides };
}
