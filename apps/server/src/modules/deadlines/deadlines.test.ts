import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { SEED_RULES } from './deadline-rules.seed';
import {
  completeDeadline,
  extendDeadline,
  openDeadline,
  pauseDeadline,
  refreshDeadlineStates,
  resumeDeadline,
  type OpenDeadlineInput,
} from './deadlines.service';

let t: TestApp;
const units = { county1: 0, county2: 0, station1: 0, city: 0 };
const users: Record<string, number> = {};

beforeAll(async () => {
  // Today (China time) is Monday 2026-10-12.
  t = await createTestApp({ now: '2026-10-12T02:00:00.000Z' });
  const rows = await t.deps.db.selectFrom('users').select(['id', 'username', 'unitId']).where('kind', '=', 'staff').execute();
  for (const r of rows) users[r.username] = r.id;
  units.county1 = rows.find((r) => r.username === 'county1')!.unitId!;
  units.county2 = rows.find((r) => r.username === 'county2')!.unitId!;
  units.station1 = rows.find((r) => r.username === 'station1')!.unitId!;
  units.city = rows.find((r) => r.username === 'leader')!.unitId!;
});
afterAll(() => t.close());

function open(input: Partial<OpenDeadlineInput> = {}) {
  return t.deps.db.transaction().execute((trx) =>
    openDeadline(trx, t.deps, SYSTEM_CTX, {
      entityType: 'complaint',
      entityId: 'TS-1',
      title: '投诉受理决定',
      unitId: units.county1,
      ruleKey: 'complaint.acceptance',
      startOn: '2026-09-29',
      ...input,
    }),
  );
}

function tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return t.deps.db.transaction().execute(fn);
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('the seeded rules', () => {
  it('has every rule the modules need, each with its legal basis and trust mark', () => {
    const keys = SEED_RULES.map((r) => r.key);
    for (const k of [
      'complaint.acceptance', 'complaint.mediation', 'complaint.terminationNotice', 'lead.verification', 'report.reporterNotice',
      'penalty.decision', 'penalty.decisionExtension', 'penalty.statementDefence', 'penalty.hearingNotice', 'penalty.service',
      'penalty.finePayment', 'penalty.evidencePreservation', 'penalty.seizure', 'penalty.legalReview', 'penalty.publication',
      'penalty.publicationWithdrawal', 'adjudication.filing', 'adjudication.service', 'adjudication.answer', 'adjudication.decision',
      'adjudication.decisionExtension', 'adjudication.lawsuitWindow', 'service.announcement', 'mediation.judicialConfirmation',
      'mediation.courtDelegated', 'mediation.courtEntrustedOrdinary', 'mediation.courtEntrustedSimple',
    ]) {
      expect(keys, k).toContain(k);
    }
    expect(new Set(keys.map((k) => k)).size).toBe(keys.length);
    const acceptance = SEED_RULES.find((r) => r.key === 'complaint.acceptance')!;
    expect(acceptance).toMatchObject({ amount: 7, unit: 'workingDays', article: '第十四条', trust: 'verified', effectiveFrom: '2022-03-24' });
    expect(SEED_RULES.find((r) => r.key === 'penalty.decision')).toMatchObject({ amount: 90, unit: 'calendarDays', article: '第六十条', effectiveFrom: '2021-07-15' });
    expect(SEED_RULES.find((r) => r.key === 'adjudication.decision')).toMatchObject({ amount: 3, unit: 'months' });
  });
});

describe('openDeadline and the clock', () => {
  it('computes 7 working days over 国庆 2026: 09-29 → 10-14 (09-30, 10-08, 10-09, 10-10 调休, 10-12, 10-13, 10-14)', async () => {
    const d = await open();
    expect(d).toMatchObject({ startOn: '2026-09-29', dueOn: '2026-10-14', provisional: false, completedOn: null });
    // Two working days left on 2026-10-12, within the 3-day warning threshold.
    expect(d.state).toBe('warning');
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action', 'after']).where('action', '=', 'deadline.open').where('entityId', '=', String(d.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ ruleKey: 'complaint.acceptance', basis: { regulation: '市场监督管理投诉举报处理暂行办法', article: '第十四条' }, dueOn: '2026-10-14' });
  });

  it('pauses, resumes, extends and completes, recomputing the due date each time', async () => {
    const d = await open({ entityId: 'TS-2' });
    const paused = await tx((trx) => pauseDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, from: '2026-10-09', reason: '检测' }));
    expect(paused).toMatchObject({ dueOn: null, state: 'paused' });
    expect((await errorOf(tx((trx) => pauseDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, from: '2026-10-10', reason: '再次' })))).code).toBe('ACTION_NOT_ALLOWED');

    // 10-09..10-15 not counted: 09-30, 10-08, then 10-16, 10-19, 10-20, 10-21, 10-22.
    const resumed = await tx((trx) => resumeDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, on: '2026-10-16' }));
    expect(resumed).toMatchObject({ dueOn: '2026-10-22', state: 'normal' });
    expect((await errorOf(tx((trx) => resumeDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, on: '2026-10-17' })))).code).toBe('ACTION_NOT_ALLOWED');

    const extended = await tx((trx) => extendDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, amount: 5, unit: 'workingDays', reason: '情况复杂', approvedBy: users.county1head }));
    expect(extended.dueOn).toBe('2026-10-29');
    const extra = await tx((trx) => extendDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, amount: 1, unit: 'months', reason: '再延', approvedBy: users.county1head }));
    expect(extra.dueOn).toBe('2026-11-30'); // 10-29 + 1 month = 11-29 (Sunday) → Monday 11-30

    const done = await tx((trx) => completeDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, on: '2026-10-20' }));
    expect(done).toMatchObject({ state: 'done', completedOn: '2026-10-20', dueOn: '2026-11-30' });
    expect((await errorOf(tx((trx) => extendDeadline(trx, t.deps, SYSTEM_CTX, { deadlineId: d.id, amount: 1, unit: 'workingDays', reason: 'x', approvedBy: users.county1head })))).code).toBe('ACTION_NOT_ALLOWED');

    const actions = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'deadline').where('entityId', '=', String(d.id)).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['deadline.open', 'deadline.pause', 'deadline.resume', 'deadline.extend', 'deadline.extend', 'deadline.complete']);
  });

  it('counts calendar-day and month rules and refuses unknown rules or a start before any version', async () => {
    const penalty = await open({ entityType: 'case', entityId: 'C-1', title: '作出处罚决定', ruleKey: 'penalty.decision', startOn: '2026-07-10' });
    // 2026-07-10 + 90 days = 2026-10-08 (Thursday, a working day after 国庆).
    expect(penalty.dueOn).toBe('2026-10-08');
    const adjudication = await open({ entityType: 'adjudication', entityId: 'A-1', title: '行政裁决结案', ruleKey: 'adjudication.decision', startOn: '2026-07-04' });
    // 3 months → 2026-10-04 (国庆) → 2026-10-08.
    expect(adjudication.dueOn).toBe('2026-10-08');
    expect((await errorOf(open({ ruleKey: 'no.such.rule' }))).code).toBe('VALIDATION_FAILED');
    expect((await errorOf(open({ startOn: '2020-01-02' }))).code).toBe('VALIDATION_FAILED');
    expect((await errorOf(open({ startOn: '2026-02-30' }))).code).toBe('VALIDATION_FAILED');
  });
});

describe('refreshDeadlineStates and the reminders', () => {
  it('warns the unit and the supervising ancestors once, then turns red once', async () => {
    const d = await open({ entityId: 'TS-R', title: '投诉受理决定（提醒测试）' });
    const inbox = async () =>
      t.deps.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.userId')
        .select(['users.username', 'notifications.title', 'notifications.kind'])
        .where('notifications.dedupeKey', 'like', `deadline:${d.id}:%`)
        .orderBy('users.username')
        .orderBy('notifications.id')
        .execute();

    await refreshDeadlineStates(t.deps, '2026-10-12');
    const first = await inbox();
    // The responsible county bureau's staff who may read deadlines, and the 督办 staff of the city bureau above it.
    expect(first.map((n) => n.username)).toEqual(['cityip', 'county1', 'county1b', 'county1head', 'leader']);
    expect(first[0].title).toBe('【黄灯】投诉受理决定（提醒测试）将于2026-10-14到期');
    expect(first[0].kind).toBe('deadline.warning');
    const row = await t.deps.db.selectFrom('deadlines').select(['state', 'notifiedState']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'warning', notifiedState: 'warning' });

    await refreshDeadlineStates(t.deps, '2026-10-13');
    expect(await inbox()).toHaveLength(5);

    await refreshDeadlineStates(t.deps, '2026-10-15');
    await refreshDeadlineStates(t.deps, '2026-10-15');
    const second = await inbox();
    expect(second).toHaveLength(10);
    const red = second.filter((n) => n.kind === 'deadline.overdue');
    expect(red.map((n) => n.username)).toEqual(['cityip', 'county1', 'county1b', 'county1head', 'leader']);
    expect(red[0].title).toBe('【红灯】投诉受理决定（提醒测试）已超期');
    // Staff of another county, of a station below, and administrators are not told.
    expect(second.some((n) => ['county2', 'station1', 'sysadmin', 'mediator'].includes(n.username))).toBe(false);
  });
});

describe('periods that run for the party', () => {
  it('sends no 黄灯 for a party period (罚款缴纳期限), but the 红灯 when it has run', async () => {
    // 行政处罚法 第六十七条: 15 days from service on 2026-09-14 → 2026-09-29 (a Tuesday).
    const d = await open({ entityId: 'TS-FINE', title: '缴纳罚款（提醒测试）', ruleKey: 'penalty.finePayment', startOn: '2026-09-14' });
    expect(d.dueOn).toBe('2026-09-29');
    const count = async () =>
      (await t.deps.db.selectFrom('notifications').select('id').where('dedupeKey', 'like', `deadline:${d.id}:%`).execute()).length;
    await refreshDeadlineStates(t.deps, '2026-09-28');
    expect((await t.deps.db.selectFrom('deadlines').select('state').where('id', '=', d.id).executeTakeFirstOrThrow()).state).toBe('warning');
    expect(await count()).toBe(0);
    await refreshDeadlineStates(t.deps, '2026-09-30');
    expect(await count()).toBeGreaterThan(0);
  });
});

describe('GET /api/deadlines', () => {
  it('lists only deadlines inside the actor scope, 红灯 first', async () => {
    const other = await open({ unitId: units.county2, entityId: 'TS-C2', title: '另一县的期限', startOn: '2026-10-09' });
    await refreshDeadlineStates(t.deps, '2026-10-15');
    t.clock.set('2026-10-15T02:00:00.000Z');

    const c1 = await t.login('county1');
    const list1 = (await c1.get('/api/deadlines?pageSize=200')).json();
    expect(list1.items.length).toBeGreaterThan(0);
    expect(list1.items.every((d: { unitId: number }) => d.unitId === units.county1)).toBe(true);
    expect(list1.items.some((d: { id: number }) => d.id === other.id)).toBe(false);
    expect(list1.total).toBe(list1.items.length);
    expect(list1.items[0].state).toBe('overdue');
    const states = list1.items.map((d: { state: string }) => d.state);
    expect(states.lastIndexOf('overdue')).toBeLessThan(states.findIndex((s: string) => s !== 'overdue'));
    expect(list1.items[0]).toMatchObject({ ruleKey: expect.any(String), basis: { regulation: expect.any(String), article: expect.any(String), version: expect.any(String) }, unitName: expect.stringContaining('市场监督管理局') });

    const c2 = await t.login('county2');
    const list2 = (await c2.get('/api/deadlines')).json();
    expect(list2.items.map((d: { id: number }) => d.id)).toEqual([other.id]);
    // 10-09 + 7 WD: 10-10 (调休 Saturday), 10-12, 10-13, 10-14, 10-15, 10-16, 10-19; on 10-15 two are left.
    expect(list2.items[0]).toMatchObject({ dueOn: '2026-10-19', state: 'warning', workingDaysLeft: 2 });

    const leader = await t.login('leader');
    const all = (await leader.get('/api/deadlines?pageSize=200')).json();
    expect(all.total).toBe(list1.total + 1);
    const overdue = (await leader.get('/api/deadlines?state=overdue&pageSize=5&page=1')).json();
    expect(overdue.items.every((d: { state: string }) => d.state === 'overdue')).toBe(true);
    expect(overdue.pageSize).toBe(5);

    const station = await t.login('station1');
    expect((await station.get('/api/deadlines')).json().total).toBe(0);
    expect((await (await t.login('sysadmin')).get('/api/deadlines')).statusCode).toBe(403);
    expect((await c1.get('/api/deadlines?state=late')).json().code).toBe('VALIDATION_FAILED');
    expect((await c1.get('/api/deadlines?pageSize=1000')).statusCode).toBe(400);
  });
});

describe('deadline rules API', () => {
  it('lists the rules by key and version, adds a new version, refuses a duplicate and editors without rule.update', async () => {
    const admin = await t.login('sysadmin');
    const rules = (await admin.get('/api/deadline-rules')).json();
    // Every seeded rule is listed (later migrations add rules of their own modules, e.g. consultation.answer).
    const listed = new Set(rules.map((r: { key: string; effectiveFrom: string }) => `${r.key}@${r.effectiveFrom}`));
    for (const r of SEED_RULES) expect(listed.has(`${r.key}@${r.effectiveFrom}`), r.key).toBe(true);
    const keys = rules.map((r: { key: string }) => r.key);
    expect(keys).toEqual([...keys].sort());
    expect(rules.find((r: { key: string }) => r.key === 'complaint.acceptance')).toMatchObject({ amount: 7, unit: 'workingDays', article: '第十四条', trust: 'verified' });

    const input = {
      key: 'complaint.acceptance',
      name: '投诉受理决定',
      effectiveFrom: '2026-04-15',
      amount: 7,
      unit: 'workingDays',
      regulation: '市场监督管理投诉举报处理办法',
      article: '第十四条',
      version: '总局令第121号',
      trust: 'unverified',
      note: '测试用新版本',
    };
    const created = await admin.post('/api/deadline-rules', input);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ ...input, id: expect.any(Number) });
    const dup = await admin.post('/api/deadline-rules', input);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE');
    expect(dup.json().message).toContain('已存在');
    expect((await admin.post('/api/deadline-rules', { ...input, effectiveFrom: '2026-04-16', amount: 0 })).statusCode).toBe(400);

    const mediator = await t.login('mediator');
    expect((await mediator.get('/api/deadline-rules')).statusCode).toBe(200);
    expect((await mediator.post('/api/deadline-rules', { ...input, effectiveFrom: '2026-05-01' })).statusCode).toBe(403);

    // A deadline started after the new version's effective date uses it; one started before keeps the old version.
    const newer = await open({ entityId: 'TS-V', startOn: '2026-09-29' });
    const older = await open({ entityId: 'TS-V0', startOn: '2026-04-14' });
    expect(newer.ruleId).toBe(created.json().id);
    expect(older.ruleId).not.toBe(created.json().id);
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('action', '=', 'rule.create').execute();
    expect(audit).toHaveLength(1);
  });
});
