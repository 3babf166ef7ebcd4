import crypto from 'node:crypto';
import { residentIdCheckChar, usccCheckChar, type SubmitSubmissionRawInput } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import { linkCaseToLead, recordCaseOutcome } from '../leads/leads.service';

let t: TestApp;
let city: TestClient;
let county1: TestClient;
let county2: TestClient;
let county2head: TestClient;
const units = { county1: 0, county2: 0, station1: 0 };

const USCC = '91370911MA3C54321' + usccCheckChar('91370911MA3C54321')!;
const ID = '37091119850312123' + residentIdCheckChar('37091119850312123')!;

function submission(over: Partial<SubmitSubmissionRawInput> = {}): SubmitSubmissionRawInput {
  return {
    kind: 'report',
    ipType: 'trademark',
    respondent: { name: '泰安岱岳某某商贸有限公司', uscc: USCC, address: '岱岳区粥店街道 1 号', regionCode: '370911', online: false },
    facts: '该公司门店销售假冒我公司注册商标的白酒，数量较大，请依法查处。',
    requestedOutcome: '请依法查处。',
    anonymous: false,
    submitter: { name: '赵举报', phone: '13712345678', idNo: ID },
    consentPublication: false,
    consentDelegatedMediation: false,
    files: [],
    ...over,
  };
}

let ipSeq = 0;
const freshIp = () => `10.8.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

/** Files a submission on the portal and classifies it at the intake (登记分类). */
async function filed(over: Partial<SubmitSubmissionRawInput> = {}, register = true) {
  const c = t.anonymous({ ip: freshIp() });
  const res = await c.request({ method: 'POST', url: '/api/portal/submissions', payload: submission(over) as object, headers: { 'idempotency-key': `k-${crypto.randomUUID()}` } });
  expect(res.statusCode, res.body).toBe(201);
  const receipt = res.json() as { receiptNo: string; lookupCode: string };
  const row = await t.deps.db.selectFrom('submissions').selectAll().where('receiptNo', '=', receipt.receiptNo).executeTakeFirstOrThrow();
  let version = row.version;
  if (register) {
    const reg = await city.post(`/api/submissions/${row.id}/register`, { ipType: row.ipType, category: '商标侵权', version });
    expect(reg.statusCode, reg.body).toBe(200);
    version = reg.json().version;
  }
  const lookup = async () => {
    const r = await c.get(`/api/public/submissions/lookup?receiptNo=${receipt.receiptNo}&lookupCode=${receipt.lookupCode}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  return { id: row.id, version, receipt, lookup };
}

async function actOk(c: TestClient, id: number, action: string, body: Record<string, unknown> = {}) {
  const cur = (await c.get(`/api/leads/${id}`)).json();
  const res = await c.post(`/api/leads/${id}/actions/${action}`, { version: cur.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  const uid = async (username: string) => (await t.deps.db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow()).unitId!;
  units.county1 = await uid('county1');
  units.county2 = await uid('county2');
  units.station1 = await uid('station1');
  [city, county1, county2, county2head] = await Promise.all(['cityip', 'county1', 'county2', 'county2head'].map((u) => t.login(u)));
});
afterAll(() => t.close());

describe('分派 of a portal submission (暂行办法 第三十七条)', () => {
  it('suggests the county from the respondent region and dispatches a report: a lead, the public 分派 step, the periods carried over', async () => {
    const s = await filed();
    const targets = (await city.get(`/api/submissions/${s.id}/dispatch-targets`)).json();
    expect(targets.suggestedUnitId).toBe(units.county2);
    expect(targets.targets[0]).toMatchObject({ id: units.county2, suggested: true });
    expect(targets.targets).toHaveLength(6);
    expect(targets.regionName).toContain('岱岳');
    const before = (await city.get(`/api/submissions/${s.id}`)).json();
    expect(before.abilities.dispatch).toBe(true);

    const res = await city.post(`/api/submissions/${s.id}/dispatch`, { toUnitId: units.county2, note: '请核查', version: s.version });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect([d.status, d.statusLabel, d.abilities.dispatch]).toEqual(['dispatched', '已分派', false]);
    expect(d.events.map((e: any) => e.kind)).toContain('dispatch');

    const lead = await t.deps.db.selectFrom('leads').selectAll().where('submissionId', '=', s.id).executeTakeFirstOrThrow();
    expect([lead.kind, lead.source, lead.status, lead.unitId, lead.receivedOn, lead.realName]).toEqual(['report', 'portal', 'dispatched', units.county2, '2026-11-20', true]);
    expect(lead.title).toBe('关于泰安岱岳某某商贸有限公司的商标侵权举报');
    expect(lead.informantNameMasked).toBe('赵**');
    expect(lead.informantNameEnc).toBeNull();
    // The intake officer sees what the submission became, and where it is handled.
    expect(d.lead).toEqual({ id: lead.id, leadNo: lead.leadNo, unitName: '岱岳区市场监督管理局', statusLabel: '待签收' });
    // 程序规定 第十八条: 15 WD from receipt (Fri 11-20) → 2026-12-11, now on the lead; the submission's own period is handed over.
    expect(lead.dueOn).toBe('2026-12-11');
    const subDeadlines = await t.deps.db.selectFrom('deadlines').selectAll().where('entityType', '=', 'submission').where('entityId', '=', String(s.id)).execute();
    expect(subDeadlines.every((x) => x.completedOn !== null)).toBe(true);

    const p = await s.lookup();
    expect([p.status, p.statusLabel, p.expectedNextStepBy]).toEqual(['dispatched', '已分派', '2026-12-11']);
    const step = p.timeline.find((e: any) => e.step === 'dispatch');
    expect(step).toMatchObject({ title: '分派', text: expect.stringContaining('岱岳区市场监督管理局') });
    expect(JSON.stringify(p.timeline)).not.toContain('请核查');

    // The county sees the lead with the receipt number; another county does not.
    const seen = (await county2.get(`/api/leads/${lead.id}`)).json();
    expect(seen.submission).toEqual({ id: s.id, receiptNo: s.receipt.receiptNo });
    expect((await county1.get(`/api/leads/${lead.id}`)).statusCode).toBe(404);

    const again = await city.post(`/api/submissions/${s.id}/dispatch`, { toUnitId: units.county2, version: d.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ACTION_NOT_ALLOWED');
  });

  it('walks the report through to the reporter: 签收, 核查, 立案 told (第三十一条), then closed by the case with the result', async () => {
    const s = await filed();
    const d = (await city.post(`/api/submissions/${s.id}/dispatch`, { toUnitId: units.county2, version: s.version })).json();
    expect(d.status).toBe('dispatched');
    const leadId = (await t.deps.db.selectFrom('leads').select('id').where('submissionId', '=', s.id).executeTakeFirstOrThrow()).id;
    await actOk(county2, leadId, 'sign');
    let p = await s.lookup();
    expect([p.status, p.statusLabel]).toEqual(['inProgress', '办理中']);
    expect(p.timeline.map((e: any) => e.title)).toEqual(['登记', '分派', '签收']);
    expect([p.nextStep, p.expectedNextStepBy]).toEqual(['承办机构依法对举报线索进行核查并决定是否立案', '2026-12-11']);

    await actOk(county2, leadId, 'startVerification');
    await actOk(county2, leadId, 'submitVerification', { result: 'substantiated', proposal: 'fileCase', opinion: '现场查获假冒商品 120 瓶，建议立案。' });
    await actOk(county2head, leadId, 'approveFiling');
    await actOk(county2, leadId, 'notifyReporter', { method: 'online' });
    p = await s.lookup();
    const filedStep = p.timeline.find((e: any) => e.step === 'fileCase');
    expect(filedStep.text).toContain('属实');
    expect(filedStep.text).toContain('立案');
    // The verification is done: the next step is no longer 核查, and no verification due date is promised.
    expect([p.nextStep, p.expectedNextStepBy]).toEqual(['承办机构依法立案调查并作出处理决定', null]);
    const sms = await t.deps.db.selectFrom('outboxMessages').selectAll().where('entityType', '=', 'submission').where('entityId', '=', String(s.id)).where('subject', '=', '举报已立案').execute();
    expect(sms.map((m) => m.channel)).toEqual(['sms']);

    const kase = await t.deps.db
      .insertInto('cases')
      .values({
        caseNo: `泰岱市监立〔2026〕${crypto.randomInt(1000, 9999)}号`, unitId: units.county2, leadId, caseType: 'trademarkInfringement', procedure: 'ordinary',
        title: '销售侵犯注册商标专用权商品案', partyKind: 'organization', partyName: '泰安岱岳某某商贸有限公司', filedOn: '2026-11-20', status: 'filed',
      })
      .returning(['id', 'caseNo'])
      .executeTakeFirstOrThrow();
    await t.deps.db.transaction().execute(async (trx) => {
      await linkCaseToLead(trx, t.deps, SYSTEM_CTX, leadId, { id: kase.id, caseNo: kase.caseNo, filedOn: '2026-11-20' });
      await recordCaseOutcome(trx, t.deps, SYSTEM_CTX, leadId, { step: 'decided', publicText: '已作出行政处罚决定' });
    });
    p = await s.lookup();
    expect([p.status, p.nextStep, p.expectedNextStepBy]).toEqual(['inProgress', '承办机构依法执行处理决定，结案后告知您办理结果', null]);
    await t.deps.db.transaction().execute(async (trx) => {
      await recordCaseOutcome(trx, t.deps, SYSTEM_CTX, leadId, { step: 'closed', publicText: '案件已办结：没收侵权商品并处罚款' });
    });
    p = await s.lookup();
    expect(p.nextStep).toBeNull();
    expect([p.status, p.result, p.rating.open]).toEqual(['closed', '案件已办结：没收侵权商品并处罚款', true]);
    // One 立案 step: the reporter was told of the decision (第三十一条), so the case registration adds no second one.
    expect(p.timeline.map((e: any) => e.title)).toEqual(['登记', '分派', '签收', '核查', '立案', '处理决定', '办结']);
  });

  it('a complaint: the complainant sees 受理, and 不予受理 closes the submission with the reason (rating opens)', async () => {
    const a = await filed({ kind: 'complaint', requestedOutcome: '请责令停止侵权并赔偿。', respondent: { name: '泰山区某某超市', regionCode: '370902', online: false } });
    const t1 = (await city.get(`/api/submissions/${a.id}/dispatch-targets`)).json();
    expect(t1.suggestedUnitId).toBe(units.county1);
    await city.post(`/api/submissions/${a.id}/dispatch`, { toUnitId: units.county1, version: a.version });
    const leadA = await t.deps.db.selectFrom('leads').selectAll().where('submissionId', '=', a.id).executeTakeFirstOrThrow();
    expect(leadA.kind).toBe('complaint');
    expect(leadA.facts).toContain('诉求：请责令停止侵权并赔偿。');
    await actOk(county1, leadA.id, 'sign');
    await actOk(county1, leadA.id, 'accept');
    const pa = await a.lookup();
    expect(pa.timeline.find((e: any) => e.step === 'accept').text).toContain('受理');
    expect([pa.nextStep, pa.expectedNextStepBy]).toEqual(['承办机构依法组织调解或者作出处理，并告知您结果', null]);

    const b = await filed({ kind: 'complaint', requestedOutcome: '请处理。', respondent: { name: '泰山区某某百货', regionCode: '370902', online: false } });
    await city.post(`/api/submissions/${b.id}/dispatch`, { toUnitId: units.county1, version: b.version });
    const leadB = await t.deps.db.selectFrom('leads').select('id').where('submissionId', '=', b.id).executeTakeFirstOrThrow();
    await actOk(county1, leadB.id, 'sign');
    await actOk(county1, leadB.id, 'reject', { reasonCode: 'timeBarred', publicText: '您知道权益受到侵害之日起已超过三年。' });
    const pb = await b.lookup();
    expect([pb.status, pb.rating.open]).toEqual(['closed', true]);
    expect(pb.timeline.find((e: any) => e.step === 'reject').text).toBe('您知道权益受到侵害之日起已超过三年。');
    expect(pb.result).toContain('第十五条第（四）项');
  });

  it('an assistance request becomes a lead of kind 其他线索; an anonymous report is not real-name', async () => {
    const a = await filed({ kind: 'assistanceRequest', requestedOutcome: '请协助维权。' });
    await city.post(`/api/submissions/${a.id}/dispatch`, { toUnitId: units.county2, version: a.version });
    expect((await t.deps.db.selectFrom('leads').select('kind').where('submissionId', '=', a.id).executeTakeFirstOrThrow()).kind).toBe('lead');
    const r = await filed({ anonymous: true, submitter: null });
    await city.post(`/api/submissions/${r.id}/dispatch`, { toUnitId: units.county2, version: r.version });
    const l = await t.deps.db.selectFrom('leads').selectAll().where('submissionId', '=', r.id).executeTakeFirstOrThrow();
    expect([l.realName, l.informantNameMasked]).toEqual([false, null]);
  });

  it('refuses: an unclassified submission (409), a station or no target (400), a county user (403), a stale version (409)', async () => {
    const raw = await filed({}, false);
    const r1 = await city.post(`/api/submissions/${raw.id}/dispatch`, { toUnitId: units.county2, version: raw.version });
    expect(r1.statusCode).toBe(409);
    expect(r1.json().details.allowed).toEqual(['register', 'link', 'merge', 'close']);
    const s = await filed();
    const r2 = await city.post(`/api/submissions/${s.id}/dispatch`, { toUnitId: units.station1, version: s.version });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().details.map((x: any) => x.path)).toEqual(['body.toUnitId']);
    const r3 = await city.post(`/api/submissions/${s.id}/dispatch`, { version: s.version });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().details.map((x: any) => x.path)).toContain('body.toUnitId');
    expect((await county2.post(`/api/submissions/${s.id}/dispatch`, { toUnitId: units.county2, version: s.version })).statusCode).toBe(403);
    const r4 = await city.post(`/api/submissions/${s.id}/dispatch`, { toUnitId: units.county2, version: s.version - 1 });
    expect(r4.statusCode).toBe(409);
    expect(r4.json().code).toBe('VERSION_CONFLICT');
    // Nothing was written by the refused attempts.
    expect(await t.deps.db.selectFrom('leads').select('id').where('submissionId', '=', s.id).execute()).toEqual([]);
  });
});
