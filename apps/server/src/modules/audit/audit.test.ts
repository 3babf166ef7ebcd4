import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { verifyAuditChain } from './audit.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('sysadmin');
  const root = (await admin.get('/api/units')).json()[0];
  for (let i = 0; i < 3; i++) {
    const county = (await admin.get('/api/units')).json().find((u: { kind: string }) => u.kind === 'countyBureau');
    const res = await admin.post('/api/units', { parentId: county.id, name: `审计测试所${i}`, kind: 'station', regionCodes: [] });
    expect(res.statusCode).toBe(200);
  }
  expect(root.kind).toBe('cityBureau');
});
afterAll(() => t.close());

/** Simulates an attacker with direct database access: the append-only trigger must be switched off first. */
async function tamper(statement: string) {
  await sql.raw('ALTER TABLE audit_logs DISABLE TRIGGER USER').execute(t.deps.db);
  await sql.raw(statement).execute(t.deps.db);
  await sql.raw('ALTER TABLE audit_logs ENABLE TRIGGER USER').execute(t.deps.db);
}

describe('audit chain', () => {
  it('writes one audit row per state change in the same transaction, with actor, unit, before/after and IP', async () => {
    const rows = await t.deps.db.selectFrom('auditLogs').selectAll().where('action', '=', 'unit.create').orderBy('seq').execute();
    expect(rows).toHaveLength(3);
    expect(rows[0]!.actorName).toBe('系统管理员（演示）');
    expect(rows[0]!.unitName).toBe('泰安市市场监督管理局');
    expect(rows[0]!.ip).toBe('10.0.0.1');
    expect((rows[0]!.after as { name: string }).name).toBe('审计测试所0');
  });

  it('refuses UPDATE and DELETE of audit rows at the database level', async () => {
    await expect(sql`UPDATE audit_logs SET action = 'x' WHERE seq = 1`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_logs WHERE seq = 1`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });

  it('reports an intact chain through the API to the audit administrator only', async () => {
    const auditor = await t.login('auditadmin');
    const res = await auditor.post('/api/audit-logs/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, firstBreak: null });
    expect(res.json().checked).toBeGreaterThan(3);
    const sys = await t.login('sysadmin');
    expect((await sys.post('/api/audit-logs/verify')).statusCode).toBe(403);
    expect((await sys.get('/api/audit-logs')).statusCode).toBe(403);
  });

  it('reports the first altered row', async () => {
    await tamper(`UPDATE audit_logs SET after = jsonb_set(after, '{name}', '"篡改"') WHERE seq = 3`);
    const r = await verifyAuditChain(t.deps.db, t.deps.clock);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ seq: 3, problem: 'altered' });
  });

  it('reports a deleted row in the middle and a deleted tail', async () => {
    const fresh = await createTestApp();
    try {
      const admin = await fresh.login('sysadmin');
      await admin.post('/api/auth/logout');
      await fresh.login('leader');
      await fresh.login('cityip');
      await fresh.login('county1');
      const head = (await fresh.deps.db.selectFrom('auditChainHead').select('seq').executeTakeFirstOrThrow()).seq;
      expect(head).toBeGreaterThanOrEqual(5);
      await sql.raw('ALTER TABLE audit_logs DISABLE TRIGGER USER').execute(fresh.deps.db);
      await sql.raw(`DELETE FROM audit_logs WHERE seq = ${head}`).execute(fresh.deps.db);
      let r = await verifyAuditChain(fresh.deps.db, fresh.deps.clock);
      expect(r.firstBreak).toMatchObject({ seq: head, problem: 'truncated' });
      await sql.raw('DELETE FROM audit_logs WHERE seq = 2').execute(fresh.deps.db);
      r = await verifyAuditChain(fresh.deps.db, fresh.deps.clock);
      expect(r.firstBreak).toMatchObject({ seq: 2, problem: 'deleted' });
    } finally {
      await fresh.close();
    }
  });

  it('reports an inserted row', async () => {
    const fresh = await createTestApp();
    try {
      await fresh.login('sysadmin');
      await fresh.login('leader');
      const head = (await fresh.deps.db.selectFrom('auditChainHead').select('seq').executeTakeFirstOrThrow()).seq;
      await sql.raw(`INSERT INTO audit_logs (seq, at, action, entity_type, prev_hash, hash) VALUES (${head + 1}, now(), 'forged', 'x', repeat('0',64), repeat('1',64))`).execute(fresh.deps.db);
      const r = await verifyAuditChain(fresh.deps.db, fresh.deps.clock);
      expect(r.firstBreak).toMatchObject({ seq: head + 1, problem: 'inserted' });
    } finally {
      await fresh.close();
    }
  });
});
