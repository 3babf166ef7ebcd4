import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app';
import { PG_URL } from '../../test/test-env';
import { createDeps } from '../bootstrap';
import type { Config } from '../config';
import { LocalFileStore } from '../modules/files/file-store';
import { CliRefusal, createBackup, PG_DUMP, PGLITE_DUMP, restoreBackup, tableChecksums, type BackupResult } from './backup.lib';

/**
 * Backup → change → restore on a seeded test database (PGlite, or PostgreSQL when DATABASE_URL is set):
 * every table's checksum must come back equal to the backup's, the change must be gone and the files store
 * must round-trip.
 */
describe('backup and restore', () => {
  let config: Config;
  let dbName: string | null = null;
  let backup: BackupResult;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhichan-backups-'));
  const content = Buffer.from(`证据材料 ${crypto.randomUUID()}`);
  const sha = crypto.createHash('sha256').update(content).digest('hex');

  async function withDb<T>(fn: (deps: Awaited<ReturnType<typeof createDeps>>) => Promise<T>): Promise<T> {
    const deps = await createDeps(config, { migrate: false });
    try {
      return await fn(deps);
    } finally {
      await deps.dbh.close();
    }
  }

  beforeAll(async () => {
    const t = await createTestApp();
    config = t.deps.config;
    if (config.databaseUrl) dbName = new URL(config.databaseUrl).pathname.slice(1);
    const put = await t.deps.files.put(Readable.from([content]));
    expect(put.sha256).toBe(sha);
    // The embedded database allows one open handle: close the app's before the backup opens its own.
    await t.app.close();
    await t.deps.dbh.close();
  });

  afterAll(async () => {
    fs.rmSync(config.dataDir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
    if (PG_URL && dbName) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    }
  });

  it('writes a manifest with per-table checksums, the dump and the files store', async () => {
    backup = await createBackup(config, { outDir });
    const m = backup.manifest;
    expect(path.basename(backup.dir)).toMatch(/^zhichan-\d{8}-\d{6}$/);
    expect(m.engine).toBe(PG_URL ? 'postgres' : 'pglite');
    expect(m.database.file).toBe(PG_URL ? PG_DUMP : PGLITE_DUMP);
    expect(fs.statSync(path.join(backup.dir, m.database.file)).size).toBe(m.database.bytes);
    expect(m.migrations.length).toBeGreaterThan(0);
    expect(m.tables.units!.rows).toBeGreaterThan(5);
    expect(m.tables.audit_logs).toBeDefined();
    expect(m.tables.calendar_days!.rows).toBeGreaterThan(300);
    expect(m.files).toEqual({ count: 1, bytes: content.length });
    expect(fs.readFileSync(path.join(backup.dir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha))).toEqual(content);
    // What the manifest records is what the database holds.
    expect(await withDb((d) => tableChecksums(d.db))).toEqual(m.tables);
  });

  it('refuses to replace a non-empty database without --yes, and a backup that was tampered with', async () => {
    await expect(restoreBackup(config, backup.dir)).rejects.toThrow(CliRefusal);
    await expect(restoreBackup(config, backup.dir)).rejects.toThrow(/--yes/);

    const copy = `${backup.dir}-tampered`;
    fs.cpSync(backup.dir, copy, { recursive: true });
    const f = path.join(copy, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
    fs.writeFileSync(f, 'tampered');
    await expect(restoreBackup(config, copy, { yes: true })).rejects.toThrow(/SHA-256/);
    fs.rmSync(copy, { recursive: true, force: true });
  });

  it.skipIf(PG_URL)('refuses while a server holds the embedded database', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(config.dataDir, 'server.pid'), String(sleeper.pid));
      await expect(createBackup(config, { outDir })).rejects.toThrow(/服务正在运行/);
      await expect(restoreBackup(config, backup.dir, { yes: true })).rejects.toThrow(/服务正在运行/);
    } finally {
      sleeper.kill();
      fs.rmSync(path.join(config.dataDir, 'server.pid'), { force: true });
    }
  });

  it('restores every table to the backup checksum: later changes are gone, files round-trip', async () => {
    // Change the data after the backup: a new unit, an edited one, and a lost file plus a new one.
    await withDb(async (d) => {
      const city = await d.db.selectFrom('units').select(['id']).where('parentId', 'is', null).executeTakeFirstOrThrow();
      await sql`INSERT INTO units (parent_id, name, kind) VALUES (${city.id}, '备份后新增的测试机构', 'department')`.execute(d.db);
      await sql`UPDATE units SET phone = '0538-0000000' WHERE id = ${city.id}`.execute(d.db);
      const after = await tableChecksums(d.db);
      expect(after.units).not.toEqual(backup.manifest.tables.units);
    });
    const store = new LocalFileStore(config.filesDir);
    fs.rmSync(path.join(config.filesDir, sha.slice(0, 2), sha.slice(2, 4), sha));
    await store.put(Readable.from([Buffer.from('备份后上传的文件')]));

    const r = await restoreBackup(config, backup.dir, { yes: true });
    expect(r.files.count).toBe(1);
    if (PG_URL) expect(r.movedAside).toBeNull();
    else expect(fs.existsSync(path.join(r.movedAside!, 'PG_VERSION'))).toBe(true);

    await withDb(async (d) => {
      expect(await tableChecksums(d.db)).toEqual(backup.manifest.tables);
      const added = await d.db.selectFrom('units').select('id').where('name', '=', '备份后新增的测试机构').execute();
      expect(added).toEqual([]);
      // Identity sequences came back too: the next insert does not collide with restored rows.
      const city = await d.db.selectFrom('units').select(['id']).where('parentId', 'is', null).executeTakeFirstOrThrow();
      await sql`INSERT INTO units (parent_id, name, kind) VALUES (${city.id}, '恢复后新增', 'department')`.execute(d.db);
    });
    const back = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      store.open(sha).on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    });
    expect(back).toEqual(content);
  });
});
