/**
 * 延期申请与审批: request → approval → the deadline's due date moves (deadline engine, official calendar); the limits
 * per rule (程序规定 第十八条 one extension of 15 working days; 行政处罚法 第六十条 + 程序规定: 30 days by the head, then only
 * by collective decision; 暂行办法 第二十一条: mediation not extendable); scope, permissions and row versions.
 */
import type { ExtensionEligibilityDto, ExtensionRequestDto } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import { openDeadline } from '../deadlines/deadlines.service';

let t: TestApp;
const ids = { city: 0, county1: 0, county2: 0 };
let seq = 0;

async function unitOf(username: string): Promise<number> {
  return (await t.deps.db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow()).unitId!;
}

/** A lead of county 1 with one open deadline of the given rule, started on `startOn`. */
async function leadWithDeadline(ruleKey: string, startOn: string, kind: 'complaint' | 'report' = 'report') {
  seq++;
  const lead = await t.deps.db
    .insertInto('leads')
    .values({
      leadNo: `XS-2026-370900-${String(800000 + seq)}`, kind, source: 'inspection', ipType: 'trademark', title: `【测试】延期线索 ${seq}`,
      facts: '【测试】', respondentName: '泰安某商贸有限公司', receivedOn: startOn, intakeUnitId: ids.city, countyUnitId: ids.county1,
      unitId: ids.county1, status: 'verifying', createdAt: '2026-11-10T02:00:00.000Z', updatedAt: '2026-11-10T02:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const d = await t.deps.db.transaction().execute((trx) =>
    openDeadline(trx, t.deps, SYSTEM_CTX, { entityType: 'lead', entityId: lead.id, title: '线索核查', unitId: ids.county1, ruleKey, startOn }),
  );
  return { leadId: lead.id, deadlineId: d.id, dueOn: d.dueOn };
}

async function caseWithDecisionDeadline(filedOn: string) {
  seq++;
  const kase = await t.deps.db
    .insertInto('cases')
    .values({
      caseNo: `泰岱市监立〔2026〕${700 + seq}号`, unitId: ids.county2, countyUnitId: ids.county2, caseType: 'patentCounterfeiting', procedure: 'ordinary',
      title: `【测试】假冒专利案 ${seq}`, partyKind: 'organization', partyName: '泰安某科技有限公司', filedOn, status: 'investigating',
      createdAt: '2026-10-01T02:00:00.000Z', updatedAt: '2026-10-01T02:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const d = await t.deps.db.transaction().execute((trx) =>
    openDeadline(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: kase.id, title: '作出处罚决定', unitId: ids.county2, ruleKey: 'penalty.decision', startOn: filedOn }),
  );
  return { caseId: kase.id, deadlineId: d.id, dueOn: d.dueOn };
}

async function dueOf(deadlineId: number) {
  return (await t.deps.db.selectFrom('deadlines').select('dueOn').where('id', '=', deadlineId).executeTakeFirstOrThrow()).dueOn;
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

async function request(c: TestClient, body: Record<string, unknown>) {
  return c.post('/api/extension-requests', { reason: '需要权利人辨认鉴别，核查工作量大', ...body });
}

beforeAll(async () => {
  // Friday 2026-11-20, 10:00 in China.
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  ids.city = (await t.deps.db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  ids.county1 = await unitOf('county1');
  ids.county2 = await unitOf('county2');
});
afterAll(() => t.close());

describe('线索核查延期 (程序规定 第十八条: once, ≤ 15 working days, head approval)', () => {
  it('request → approve: the due date moves by 15 working days and the record shows the reason', async () => {
    // Started Wednesday 2026-11-18: 15 working days → Wednesday 2026-12-09.
    const { leadId, deadlineId, dueOn } = await leadWithDeadline('lead.verification', '2026-11-18');
    expect(dueOn).toBe('2026-12-09');
    const officer = await t.login('county1');

    const elig = (await officer.get(`/api/extension-requests/eligibility?deadlineId=${deadlineId}`)).json() as ExtensionEligibilityDto;
    expect(elig).toMatchObject({ extendable: true, canRequest: true, approvedCount: 0, next: { maxAmount: 15, unit: 'workingDays', approval: 'head' } });
    expect(elig.next!.basis).toContain('第十八条');

    const res = await request(officer, { deadlineId, amount: 15, unit: 'workingDays' });
    expect(res.statusCode, res.body).toBe(201);
    const req = res.json() as ExtensionRequestDto;
    expect(req).toMatchObject({ status: 'pending', statusLabel: '待审批', amountText: '15个工作日', approvalLabel: '负责人批准', entityType: 'lead', entityId: leadId, abilities: { approve: false, deny: false } });
    // The county head is told.
    const told = await t.deps.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.userId').select('users.username').where('notifications.kind', '=', 'extension.request').execute();
    expect(told.map((x) => x.username)).toContain('county1head');
    expect(told.map((x) => x.username)).not.toContain('county2head');

    // While one is pending, no second request; the button shows 待审批.
    expect((await request(officer, { deadlineId, amount: 5, unit: 'workingDays' })).statusCode).toBe(409);
    const pending = (await officer.get(`/api/extension-requests/eligibility?deadlineId=${deadlineId}`)).json() as ExtensionEligibilityDto;
    expect(pending.pending?.id).toBe(req.id);
    expect(pending.canRequest).toBe(false);

    // Who may decide: not the applicant's colleague without lead.approve, not another county, not with a stale version.
    expect((await officer.post(`/api/extension-requests/${req.id}/approve`, { version: req.version })).statusCode).toBe(403);
    expect((await (await t.login('county2head')).post(`/api/extension-requests/${req.id}/approve`, { version: req.version })).statusCode).toBe(404);
    const head = await t.login('county1head');
    const box = (await head.get('/api/extension-requests?box=pending')).json();
    expect(box.items.map((i: ExtensionRequestDto) => i.id)).toEqual([req.id]);
    expect(box.items[0].abilities).toEqual({ approve: true, deny: true });
    expect((await head.post(`/api/extension-requests/${req.id}/approve`, { version: req.version + 1 })).statusCode).toBe(409);

    const ok = await head.post(`/api/extension-requests/${req.id}/approve`, { version: req.version, note: '同意延期' });
    expect(ok.statusCode, ok.body).toBe(200);
    // 2026-12-09 + 15 working days → Wednesday 2026-12-30.
    expect(ok.json()).toMatchObject({ status: 'approved', decisionNote: '同意延期', dueOn: '2026-12-30', version: req.version + 1 });
    expect(await dueOf(deadlineId)).toBe('2026-12-30');
    const lead = await t.deps.db.selectFrom('leads').select(['dueOn']).where('id', '=', leadId).executeTakeFirstOrThrow();
    expect(lead.dueOn).toBe('2026-12-30');
    const ext = await t.deps.db.selectFrom('deadlineExtensions').selectAll().where('deadlineId', '=', deadlineId).execute();
    expect(ext).toHaveLength(1);
    expect(ext[0]!.reason).toContain('经负责人批准');
    // Approving twice is 409 (the request is no longer pending).
    expect((await head.post(`/api/extension-requests/${req.id}/approve`, { version: req.version + 1 })).statusCode).toBe(409);

    // The record shows its approved extensions with the reason.
    const onRecord = (await officer.get(`/api/extension-requests?entityType=lead&entityId=${leadId}`)).json();
    expect(onRecord.items).toHaveLength(1);
    expect(onRecord.items[0]).toMatchObject({ reason: '需要权利人辨认鉴别，核查工作量大', statusLabel: '已批准' });
    const decided = await t.deps.db.selectFrom('notifications').select('body').where('kind', '=', 'extension.approved').execute();
    expect(decided[0]!.body).toContain('2026-12-30');
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', 'in', ['extensionRequest', 'deadline']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['extension.request', 'deadline.extend', 'extension.approve']));

    // A second extension of a lead verification → 409 with the reason.
    const again = await request(officer, { deadlineId, amount: 5, unit: 'workingDays' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('只能延长一次');
    const after = (await officer.get(`/api/extension-requests/eligibility?deadlineId=${deadlineId}`)).json() as ExtensionEligibilityDto;
    expect(after).toMatchObject({ extendable: false, canRequest: false, approvedCount: 1 });
  });

  it('more than 15 working days, or in calendar days, is 400 with the field path', async () => {
    const { deadlineId } = await leadWithDeadline('lead.verification', '2026-11-19');
    const officer = await t.login('county1');
    const tooLong = await request(officer, { deadlineId, amount: 16, unit: 'workingDays' });
    expect(tooLong.statusCode).toBe(400);
    expect(paths(tooLong)).toEqual(['body.amount']);
    expect(tooLong.json().message).toContain('15个工作日');
    expect(paths(await request(officer, { deadlineId, amount: 10, unit: 'calendarDays' }))).toEqual(['body.unit']);
    expect(paths(await request(officer, { deadlineId, amount: 10, unit: 'workingDays', collective: true }))).toEqual(['body.collective']);
    const bad = await officer.post('/api/extension-requests', { deadlineId: 'x', amount: 0, unit: 'weeks', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad).sort()).toEqual(['body.amount', 'body.deadlineId', 'body.reason', 'body.unit']);
  });

  it('another county cannot ask (404); a user without lead.handle cannot (403)', async () => {
    const { deadlineId } = await leadWithDeadline('lead.verification', '2026-11-19');
    expect((await request(await t.login('county2'), { deadlineId, amount: 5, unit: 'workingDays' })).statusCode).toBe(404);
    expect((await (await t.login('county2')).get(`/api/extension-requests/eligibility?deadlineId=${deadlineId}`)).statusCode).toBe(404);
    // The leader sees everything but does not handle leads.
    expect((await request(await t.login('leader'), { deadlineId, amount: 5, unit: 'workingDays' })).statusCode).toBe(403);
  });

  it('deny needs a reason; the deadline stays; the applicant is told', async () => {
    const { deadlineId, dueOn } = await leadWithDeadline('lead.verification', '2026-11-19');
    const req = (await request(await t.login('county1b'), { deadlineId, amount: 10, unit: 'workingDays' })).json() as ExtensionRequestDto;
    const head = await t.login('county1head');
    const noNote = await head.post(`/api/extension-requests/${req.id}/deny`, { version: req.version });
    expect(paths(noNote)).toEqual(['body.note']);
    const res = await head.post(`/api/extension-requests/${req.id}/deny`, { version: req.version, note: '理由不充分，请按期核查' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'denied', statusLabel: '不予批准', decisionNote: '理由不充分，请按期核查' });
    expect(await dueOf(deadlineId)).toBe(dueOn);
    const told = await t.deps.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.userId').select('users.username').where('notifications.kind', '=', 'extension.denied').execute();
    expect(told.map((x) => x.username)).toEqual(['county1b']);
    // My requests: the applicant's box.
    const mine = (await (await t.login('county1b')).get('/api/extension-requests?box=mine')).json();
    expect(mine.items.map((i: ExtensionRequestDto) => i.id)).toContain(req.id);
  });
});

describe('调解期限 (暂行办法 第二十一条): not extendable', () => {
  it('409 with the legal explanation', async () => {
    const { deadlineId } = await leadWithDeadline('complaint.mediation', '2026-11-02', 'complaint');
    const res = await request(await t.login('county1'), { deadlineId, amount: 5, unit: 'workingDays' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTION_NOT_ALLOWED');
    expect(res.json().message).toContain('第二十一条');
    const elig = (await (await t.login('county1')).get(`/api/extension-requests/eligibility?deadlineId=${deadlineId}`)).json() as ExtensionEligibilityDto;
    expect(elig).toMatchObject({ extendable: false, canRequest: false, next: null });
  });
});

describe('处罚决定延期 (行政处罚法 第六十条; 程序规定: +30 days by the head, further only by collective decision)', () => {
  it('first 30 days by the head; a second without 集体讨论 is 409; with it, approved', async () => {
    // Filed Thursday 2026-10-01: 90 days → 2026-12-30 (Wednesday).
    const { caseId, deadlineId, dueOn } = await caseWithDecisionDeadline('2026-10-01');
    expect(dueOn).toBe('2026-12-30');
    const officer = await t.login('county2');
    const head = await t.login('county2head');

    const first = (await request(officer, { deadlineId, amount: 30, unit: 'calendarDays', reason: '案情复杂，需等待鉴定结论' })).json() as ExtensionRequestDto;
    expect(first).toMatchObject({ status: 'pending', approval: 'head', entityType: 'case', entityId: caseId });
    const ok = await head.post(`/api/extension-requests/${first.id}/approve`, { version: first.version });
    expect(ok.statusCode, ok.body).toBe(200);
    // 2026-12-30 + 30 days = 2027-01-29 (Friday).
    expect(await dueOf(deadlineId)).toBe('2027-01-29');

    const second = await request(officer, { deadlineId, amount: 30, unit: 'calendarDays', reason: '仍需补充调查' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('集体讨论');
    const elig = (await officer.get(`/api/extension-requests/eligibility?deadlineId=${deadlineId}`)).json() as ExtensionEligibilityDto;
    expect(elig.next).toMatchObject({ approval: 'collective', maxAmount: 90 });

    expect(paths(await request(officer, { deadlineId, amount: 91, unit: 'calendarDays', collective: true }))).toEqual(['body.amount']);
    const collective = (await request(officer, { deadlineId, amount: 60, unit: 'calendarDays', collective: true, reason: '经局长办公会集体讨论，继续延期六十日' })).json() as ExtensionRequestDto;
    expect(collective).toMatchObject({ approval: 'collective', approvalLabel: '集体讨论决定' });
    const ok2 = await head.post(`/api/extension-requests/${collective.id}/approve`, { version: collective.version });
    expect(ok2.statusCode, ok2.body).toBe(200);
    // 2026-12-30 + 30 days + 60 days: 2027-03-30 (Tuesday).
    expect(await dueOf(deadlineId)).toBe('2027-03-30');
    const ext = await t.deps.db.selectFrom('deadlineExtensions').select('reason').where('deadlineId', '=', deadlineId).orderBy('id').execute();
    expect(ext[1]!.reason).toContain('集体讨论');
    const cse = await t.deps.db.selectFrom('cases').select('dueOn').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(cse.dueOn).toBe('2027-03-30');
  });

  it('a county head does not approve a lead request of another county and sees only own pending', async () => {
    const box = (await (await t.login('county2head')).get('/api/extension-requests?box=pending')).json();
    for (const i of box.items as ExtensionRequestDto[]) expect(i.unitId).toBe(ids.county2);
  });
});
