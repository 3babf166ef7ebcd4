import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config';

/** PostgreSQL server for the suite when DATABASE_URL is set (CI runs the suite on both engines). */
export const PG_URL = process.env.DATABASE_URL || null;
export const TEMPLATE_DB = 'zc_test_template';
export const TEMPLATE_DIR = path.join(os.tmpdir(), 'zhichan-test-template');

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The configuration every test database is built with: 泰安 (3709), demo accounts, fast schedulers off. */
export function testConfig(overrides: Partial<Config> & { dataDir: string }): Config {
  const base = loadConfig({ DATA_DIR: overrides.dataDir, CITY_CODE: '3709', DEMO: 'true', SCHEDULER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent' });
  return { ...base, ...overrides };
}
