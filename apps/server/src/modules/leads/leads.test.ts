import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { usccCheckChar, type CreateLeadRawInput, type LeadDeadlineDto } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import { linkCaseToLead, recordCaseOutcome } from './leads.service';

let t: TestApp;
let city: TestClient;
let county1: TestClient;
let county2: TestClient;
let county2head: TestClient;
let county1head: TestClient;
let station1: TestClient;
let leader: TestClient;
const units = { intake: 0, county1: 0, county2: 0, station1: 0, county2Station: 0 };

const uscc = (first17: string) => first17 + usccCheckChar(first17)!;
const USCC_A = uscc('91370911MA3C12345');
/** A wrong check character. */
const USCC_BAD = USCC_A.slice(0, 17) + (USCC_A[17] === '0' ? '1' : '0');

function lead(over: Partial<CreateLeadRawInput> = {}): CreateLeadRawInput {
  return {
    kind: 'report',
    source: 'hotline12315',
    externalId: null,
    ipType: 'trademark',
    title: '某商行销售假冒注册商标商品',
    facts: '12315 转来举报：某商行在岱岳区门店销售假冒注册商标的白酒，数量较多。',
    respondent: { name: '泰安某某商行', uscc: USCC_A, address: '岱岳区某路 8 号', regionCode: '370911' },
    informant: { name: '王举报', phone: '13912345678' },
    realName: true,
    receivedOn: '2026-11-20',
    ...over,
  };
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

async function expectOk(res: { statusCode: number; body: string; json(): any }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function register(over: Partial<CreateLeadRawInput> = {}) {
  return expectOk(await city.post('/api/leads', lead(over)), 201);
}

async function act(c: TestClient, id: number, action: string, body: Record<string, unknown> = {}) {
  const cur = (await c.get(`/api/leads/${id}`)).json();
  return c.post(`/api/leads/${id}/actions/${action}`, { version: cur.version, ...body });
}

async function actOk(c: TestClient, id: number, action: string, body: Record<string, unknown> = {}) {
  return expectOk(await act(c, id, action, body));
}

/** City registers, dispatches to a county, the county signs. */
async function atCounty(over: Partial<CreateLeadRawInput> = {}, county = units.county2, by = () => county2) {
  const l = await register(over);
  await actOk(city, l.id, 'dispatch', { toUnitId: county });
  return actOk(by(), l.id, 'sign');
}

function deadline(d: { deadlines: LeadDeadlineDto[] }, ruleKey: string): LeadDeadlineDto {
  return d.deadlines.find((x) => x.ruleKey === ruleKey)!;
}

beforeAll(async () => {
  // Friday 2026-11-20, 10:00 in China.
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  const db = t.deps.db;
  units.intake = (await db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  const uid = async (username: string) => (await db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow()).unitId!;
  units.county1 = await uid('county1');
  units.county2 = await uid('county2');
  units.station1 = await uid('station1');
  units.county2Station = (await db.selectFrom('units').select('id').where('parentId', '=', units.county2).orderBy('id').executeTakeFirstOrThrow()).id;
  [city, county1, county2, county2head, county1head, station1, leader] = await Promise.all(
    ['cityip', 'county1', 'county2', 'county2head', 'county1head', 'station1', 'leader'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

describe('registration (登记线索)', () => {
  it('registers a 12315 report at the intake: number, status 待分派, 15-WD verification from receipt, informant encrypted and masked', async () => {
    const d = await register();
    expect(d.leadNo).toMatch(/^XS-2026-370900-\d{6}$/);
    expect([d.status, d.statusLabel, d.unitId, d.kind, d.source]).toEqual(['pendingDispatch', '待分派', units.intake, 'report', 'hotline12315']);
    expect(d.informant).toEqual({ name: '王**', phone: '139****5678' });
    // 程序规定 第十八条: 15 working days from 2026-11-20 (Fri), the day itself not counted → 2026-12-11.
    const v = deadline(d, 'lead.verification');
    expect(v).toMatchObject({ startOn: '2026-11-20', dueOn: '2026-12-11', state: 'normal' });
    expect(v.basis).toMatchObject({ regulation: '市场监督管理行政处罚程序规定', article: '第十八条', trust: 'secondary' });
    expect(d.dueOn).toBe('2026-12-11');
    expect(d.timeline.map((a: any) => a.action)).toEqual(['create']);
    expect(d.allowedActions).toEqual(['dispatch', 'close']);
    expect(d.dispatchTargets[0]).toMatchObject({ id: units.county2, suggested: true });

    const row = await t.deps.db.selectFrom('leads').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13912345678');
    expect(t.deps.cipher.decrypt(row.informantPhoneEnc!)).toBe('13912345678');
    const audit = await t.deps.db.selectFrom('auditLogs').selectAll().where('entityType', '=', 'lead').where('entityId', '=', String(d.id)).execute();
    expect(audit.map((a) => a.action)).toContain('lead.create');
    expect(JSON.stringify(audit.map((a) => a.after))).not.toContain('13912345678');
  });

  it('opens the 7-WD acceptance period for a complaint (第十四条), counted on the official calendar across 国庆', async () => {
    // Received Monday 2026-09-28: 9/29, 9/30, (10/1-10/7 holiday) 10/8, 10/9, 10/10 (调休上班), 10/12, 10/13.
    const d = await register({ kind: 'complaint', receivedOn: '2026-09-28' });
    expect(deadline(d, 'complaint.acceptance')).toMatchObject({ startOn: '2026-09-28', dueOn: '2026-10-13', state: 'overdue' });
    expect(deadline(d, 'complaint.acceptance').basis).toMatchObject({ regulation: '市场监督管理投诉举报处理暂行办法', article: '第十四条', trust: 'verified' });
  });

  it('refuses bad input with field paths (400)', async () => {
    const r1 = await city.post('/api/leads', lead({ respondent: { name: '某', uscc: USCC_BAD, regionCode: '37' }, informant: { name: '王', phone: '123' } }));
    expect(r1.statusCode).toBe(400);
    expect(paths(r1)).toEqual(expect.arrayContaining(['body.respondent.name', 'body.respondent.regionCode', 'body.informant.name']));
    const r2 = await city.post('/api/leads', lead({ respondent: { name: '泰安某某商行', uscc: USCC_BAD }, informant: { name: '王举报', phone: '123' } }));
    expect(paths(r2)).toEqual(expect.arrayContaining(['body.respondent.uscc', 'body.informant.phone']));
    // 暂行办法 第九条: a complaint needs the complainant's name and phone.
    const r3 = await city.post('/api/leads', lead({ kind: 'complaint', informant: null, realName: false }));
    expect(paths(r3)).toContain('body.informant');
    const r4 = await city.post('/api/leads', lead({ receivedOn: '2026-11-21' }));
    expect(paths(r4)).toContain('body.receivedOn');
    const r5 = await city.post('/api/leads', lead({ respondent: { name: '泰安某某商行', regionCode: '370999' } }));
    expect(paths(r5)).toContain('body.respondent.regionCode');
    const r6 = await city.post('/api/leads', { ...lead(), source: 'portal' });
    expect(paths(r6)).toContain('body.source');
    // A county officer may not register (lead.create).
    expect((await county2.post('/api/leads', lead())).statusCode).toBe(403);
  });

  it('refuses a second lead with the same source and external id', async () => {
    await register({ externalId: 'SD-2026-0001' });
    const again = await city.post('/api/leads', lead({ externalId: 'SD-2026-0001' }));
    expect(again.statusCode).toBe(409);
    expect(paths(again)).toContain('body.externalId');
  });
});

describe('dispatch, sign, return, assign (暂行办法 第三十六条、第三十七条)', () => {
  it('city dispatches to the county: deadlines move, the county handlers are notified; another county gets 404', async () => {
    const l = await register();
    const d = await actOk(city, l.id, 'dispatch', { toUnitId: units.county2, note: '请依法核查' });
    expect([d.status, d.unitId, d.countyUnitId]).toEqual(['dispatched', units.county2, units.county2]);
    const dl = await t.deps.db.selectFrom('deadlines').select('unitId').where('entityType', '=', 'lead').where('entityId', '=', String(l.id)).execute();
    expect(dl.every((x) => x.unitId === units.county2)).toBe(true);
    const county2Id = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'county2').executeTakeFirstOrThrow()).id;
    const notes = await t.deps.db.selectFrom('notifications').selectAll().where('userId', '=', county2Id).where('kind', '=', 'lead.dispatched').execute();
    expect(notes.some((n) => n.link === `/admin/leads/${l.id}`)).toBe(true);

    expect((await county1.get(`/api/leads/${l.id}`)).statusCode).toBe(404);
    expect((await county1.post(`/api/leads/${l.id}/actions/sign`, { version: d.version })).statusCode).toBe(404);
    const seen = await expectOk(await county2.get(`/api/leads/${l.id}`));
    expect(seen.allowedActions).toEqual(['sign', 'return']);
    // The city sees it but signing is the county's.
    expect((await city.post(`/api/leads/${l.id}/actions/sign`, { version: d.version })).statusCode).toBe(403);
  });

  it('a county cannot dispatch, nor send a lead to another county or its stations (第三十七条: return, never forward)', async () => {
    const s = await atCounty();
    expect((await county2.post(`/api/leads/${s.id}/actions/dispatch`, { version: s.version, toUnitId: units.county1 })).statusCode).toBe(403);
    const toOther = await county2.post(`/api/leads/${s.id}/actions/assign`, { version: s.version, toUnitId: units.county1 });
    expect(toOther.statusCode).toBe(400);
    expect(toOther.json().message).toContain('第三十七条');
    expect(paths(toOther)).toEqual(['body.toUnitId']);
    const toOtherStation = await county2.post(`/api/leads/${s.id}/actions/assign`, { version: s.version, toUnitId: units.station1 });
    expect(toOtherStation.statusCode).toBe(400);
    // The city may dispatch only to a county bureau, not to a station.
    const l = await register();
    const toStation = await city.post(`/api/leads/${l.id}/actions/dispatch`, { version: l.version, toUnitId: units.station1 });
    expect(toStation.statusCode).toBe(400);
    expect(paths(toStation)).toEqual(['body.toUnitId']);
  });

  it('the county returns with a reason to the intake (待分派) and no longer sees it', async () => {
    const s = await atCounty();
    const bad = await county2.post(`/api/leads/${s.id}/actions/return`, { version: s.version, reasonCode: 'nope', note: '' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['body.reasonCode', 'body.note']));
    const r = await county2.post(`/api/leads/${s.id}/actions/return`, { version: s.version, reasonCode: 'noJurisdiction', note: '被举报人实际经营地在泰山区' });
    expect(r.statusCode).toBe(200);
    expect((await county2.get(`/api/leads/${s.id}`)).statusCode).toBe(404);
    const back = await expectOk(await city.get(`/api/leads/${s.id}`));
    expect([back.status, back.unitId, back.countyUnitId]).toEqual(['pendingDispatch', units.intake, null]);
    const ret = back.timeline.find((a: any) => a.action === 'return');
    expect(ret).toMatchObject({ reasonCode: 'noJurisdiction', reasonLabel: '不属于本机构管辖（无处理权限）', toUnitName: back.intakeUnitName });
    // Re-dispatched by the city to the right county.
    await actOk(city, s.id, 'dispatch', { toUnitId: units.county1 });
    expect((await county1.get(`/api/leads/${s.id}`)).json().status).toBe('dispatched');
  });

  it('the county assigns to its station, which signs or returns to the county', async () => {
    const s = await atCounty({}, units.county1, () => county1);
    expect(s.assignTargets.map((u: any) => u.id)).toContain(units.station1);
    const a = await actOk(county1, s.id, 'assign', { toUnitId: units.station1 });
    expect([a.status, a.unitId]).toEqual(['assigned', units.station1]);
    const seen = await expectOk(await station1.get(`/api/leads/${s.id}`));
    expect(seen.allowedActions).toEqual(['sign', 'return']);
    const signed = await actOk(station1, s.id, 'sign');
    expect(signed.allowedActions).not.toContain('assign');
    const ret = await actOk(station1, s.id, 'return', { reasonCode: 'noJurisdiction', note: '不在本所辖区' });
    expect([ret.status, ret.unitId]).toEqual(['signed', units.county1]);
    expect((await station1.get(`/api/leads/${s.id}`)).statusCode).toBe(404);
  });

  it('answers 409 with the allowed actions for a wrong step, and 409 for a stale version', async () => {
    const l = await register();
    const wrong = await city.post(`/api/leads/${l.id}/actions/startVerification`, { version: l.version });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { allowedActions: ['dispatch', 'close'] } });
    const stale = await city.post(`/api/leads/${l.id}/actions/dispatch`, { version: l.version - 1, toUnitId: units.county2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const noVersion = await city.post(`/api/leads/${l.id}/actions/dispatch`, { toUnitId: units.county2 });
    expect(paths(noVersion)).toContain('body.version');
  });
});

describe('complaint path (§4.1)', () => {
  it('accepts within 7 WD, mediates 45 WD from acceptance with a testing pause, terminates and tells both parties within 7 WD', async () => {
    const s = await atCounty({ kind: 'complaint', receivedOn: '2026-09-28' });
    expect(s.allowedActions).toEqual(['accept', 'reject', 'assign', 'return']);
    const acc = await actOk(county2, s.id, 'accept', { on: '2026-10-09' });
    expect(acc.status).toBe('accepted');
    expect(deadline(acc, 'complaint.acceptance')).toMatchObject({ completedOn: '2026-10-09', state: 'done' });

    // 第十六条: mediation needs both parties' consent.
    const noConsent = await act(county2, s.id, 'startMediation', {});
    expect(paths(noConsent)).toContain('body.bothConsent');
    const med = await actOk(county2, s.id, 'startMediation', { bothConsent: true, on: '2026-10-12', mediators: '李调解' });
    // 45 WD from acceptance (Fri 2026-10-09; Sat 10-10 is a 调休 working day) → Thu 2026-12-10.
    expect(deadline(med, 'complaint.mediation')).toMatchObject({ startOn: '2026-10-09', dueOn: '2026-12-10' });
    expect(deadline(med, 'complaint.mediation').basis.article).toBe('第二十一条第一款第（五）项');

    // 第二十条: 检测 from Mon 10-19, result on Fri 10-23 → four working days not counted → Wed 2026-12-16.
    const test = await actOk(county2, s.id, 'startTesting', { from: '2026-10-19', note: '委托检测机构鉴定商品真伪' });
    expect(test.status).toBe('testing');
    expect(deadline(test, 'complaint.mediation').state).toBe('paused');
    expect(test.deadlineState).toBe('paused');
    const back = await actOk(county2, s.id, 'endTesting', { on: '2026-10-23' });
    expect(back.status).toBe('mediating');
    expect(deadline(back, 'complaint.mediation')).toMatchObject({ dueOn: '2026-12-16', pauses: [{ from: '2026-10-19', until: '2026-10-23' }] });

    const badCode = await act(county2, s.id, 'terminateMediation', { reasonCode: 'whatever', note: '双方无法达成一致' });
    expect(paths(badCode)).toContain('body.reasonCode');
    const term = await actOk(county2, s.id, 'terminateMediation', { reasonCode: 'noAgreementPossible', note: '被投诉人明确表示无法达成协议', on: '2026-11-13' });
    expect([term.status, term.reasonCode]).toEqual(['mediationTerminated', 'noAgreementPossible']);
    expect(deadline(term, 'complaint.mediation').completedOn).toBe('2026-11-13');
    // 第二十一条第二款: 7 WD from the decision (Fri 11-13) → Tue 2026-11-24; today (11-20) is two working days before: 黄灯.
    expect(deadline(term, 'complaint.terminationNotice')).toMatchObject({ startOn: '2026-11-13', dueOn: '2026-11-24', state: 'warning', workingDaysLeft: 2 });
    const done = await actOk(county2, s.id, 'notifyTermination', { method: 'phone', note: '电话告知双方' });
    expect([done.status, done.closedOn]).toEqual(['closed', '2026-11-20']);
    expect(done.result).toContain('无法达成调解协议');
    expect(done.deadlines.every((x: any) => x.completedOn !== null)).toBe(true);
    expect(done.allowedActions).toEqual([]);
  });

  it('suspends mediation on a recusal request (第十九条) and resumes; an agreement closes it', async () => {
    const s = await atCounty({ kind: 'complaint', receivedOn: '2026-11-02' });
    await actOk(county2, s.id, 'accept', { on: '2026-11-04' });
    const med = await actOk(county2, s.id, 'startMediation', { bothConsent: true });
    const due = deadline(med, 'complaint.mediation').dueOn;
    const sus = await actOk(county2, s.id, 'suspendMediation', { from: '2026-11-16', note: '被投诉人申请调解员回避' });
    expect(sus.status).toBe('mediationSuspended');
    expect(deadline(sus, 'complaint.mediation').state).toBe('paused');
    const res = await actOk(county2, s.id, 'resumeMediation', { on: '2026-11-18', note: '决定调解员回避，更换调解员' });
    expect(res.status).toBe('mediating');
    expect(deadline(res, 'complaint.mediation').dueOn! > due!).toBe(true);
    const ok = await actOk(county2, s.id, 'agreementReached', { form: 'mediationDocument', result: '被投诉人赔偿投诉人 3000 元并停止销售' });
    expect([ok.status, ok.closedOn]).toEqual(['closed', '2026-11-20']);
    expect(ok.result).toContain('调解书');
  });

  it('rejects with one of the six grounds of 第十五条 and closes', async () => {
    const s = await atCounty({ kind: 'complaint', receivedOn: '2026-11-16' });
    const bad = await act(county2, s.id, 'reject', { reasonCode: 'noReason', publicText: '' });
    expect(paths(bad)).toEqual(expect.arrayContaining(['body.reasonCode', 'body.publicText']));
    const r = await actOk(county2, s.id, 'reject', { reasonCode: 'alreadyHandled', publicText: '同一争议已由人民法院受理。' });
    expect([r.status, r.statusLabel, r.reasonCode, r.closedOn]).toEqual(['notAccepted', '不予受理', 'alreadyHandled', '2026-11-20']);
    expect(r.result).toContain('第十五条第（二）项');
    expect(deadline(r, 'complaint.acceptance')).toMatchObject({ completedOn: '2026-11-20', state: 'done' });
  });

  it('a violation found in mediation spawns a lead: 15 WD from discovery (第二十三条), linked both ways', async () => {
    const s = await atCounty({ kind: 'complaint', receivedOn: '2026-11-02' });
    await actOk(county2, s.id, 'accept', { on: '2026-11-03' });
    const p = await actOk(county2, s.id, 'spawnLead', { on: '2026-11-20', title: '被投诉人涉嫌销售假冒注册商标商品', facts: '调解中发现被投诉人库存大量同款假冒商品，涉嫌商标侵权。' });
    expect(p.status).toBe('accepted');
    expect(p.children).toHaveLength(1);
    const child = await expectOk(await county2.get(`/api/leads/${p.children[0].id}`));
    expect([child.kind, child.source, child.status, child.parent.id, child.unitId]).toEqual(['lead', 'complaintMediation', 'verifying', s.id, units.county2]);
    // From Fri 2026-11-20: 15 WD → Fri 2026-12-11.
    expect(deadline(child, 'mediation.leadVerification')).toMatchObject({ startOn: '2026-11-20', dueOn: '2026-12-11' });
    expect(deadline(child, 'mediation.leadVerification').basis.article).toBe('第二十三条');
    expect(child.allowedActions).toEqual(['pauseVerification', 'submitVerification']);
  });
});

describe('report / lead path (§4.2, §4.3)', () => {
  it('verifies within 15 WD with a pause, the head decides 立案, the real-name reporter is told within 5 WD, the case links and closes it', async () => {
    const s = await atCounty({ receivedOn: '2026-09-28' });
    // 15 WD from Mon 2026-09-28 across 国庆 (10-10 调休上班) → Fri 2026-10-23.
    expect(deadline(s, 'lead.verification')).toMatchObject({ startOn: '2026-09-28', dueOn: '2026-10-23' });
    const v = await actOk(county2, s.id, 'startVerification');
    expect(v.allowedActions).toEqual(['pauseVerification', 'submitVerification']);
    const badReason = await act(county2, s.id, 'pauseVerification', { from: '2026-10-12', reasonCode: 'holiday' });
    expect(paths(badReason)).toContain('body.reasonCode');
    // 权利人辨认 from Mon 10-12 until Wed 10-14: two working days not counted → Tue 2026-10-27.
    const paused = await actOk(county2, s.id, 'pauseVerification', { from: '2026-10-12', reasonCode: 'rightsHolderIdentification', note: '请商标权利人辨认' });
    expect([paused.status, deadline(paused, 'lead.verification').state]).toEqual(['verificationPaused', 'paused']);
    const resumed = await actOk(county2, s.id, 'resumeVerification', { on: '2026-10-14' });
    expect(deadline(resumed, 'lead.verification').dueOn).toBe('2026-10-27');

    const sub = await actOk(county2, s.id, 'submitVerification', { result: 'substantiated', proposal: 'fileCase', opinion: '经现场检查，商品系假冒，建议立案。' });
    expect(sub.status).toBe('pendingApproval');
    // A county officer cannot approve (lead.approve); another county's head does not see it.
    expect((await county2.post(`/api/leads/${s.id}/actions/approveFiling`, { version: sub.version })).statusCode).toBe(403);
    expect((await county1head.post(`/api/leads/${s.id}/actions/approveFiling`, { version: sub.version })).statusCode).toBe(404);
    const headView = await expectOk(await county2head.get(`/api/leads/${s.id}`));
    expect(headView.allowedActions).toEqual(['approveFiling', 'declineFiling', 'sendBack']);
    const ok = await actOk(county2head, s.id, 'approveFiling', { opinion: '同意立案' });
    expect([ok.status, ok.statusLabel, ok.decision, ok.decidedOn]).toEqual(['filingApproved', '立案已批准待登记', 'fileCase', '2026-11-20']);
    expect(deadline(ok, 'lead.verification').completedOn).toBe('2026-11-20');
    // 第三十一条: 5 WD from the decision (Fri 11-20) → Fri 2026-11-27.
    expect(deadline(ok, 'report.reporterNotice')).toMatchObject({ startOn: '2026-11-20', dueOn: '2026-11-27' });
    expect(deadline(ok, 'report.reporterNotice').basis).toMatchObject({ article: '第三十一条第二款', trust: 'verified' });

    const officer = await expectOk(await county2.get(`/api/leads/${s.id}`));
    expect(officer.allowedActions).toEqual(['notifyReporter']);
    expect(officer.abilities.registerCase).toBe(true);
    const told = await actOk(county2, s.id, 'notifyReporter', { method: 'phone', note: '电话告知举报人已立案' });
    expect(told.reporterNotifiedOn).toBe('2026-11-20');
    expect(deadline(told, 'report.reporterNotice').completedOn).toBe('2026-11-20');
    expect(told.allowedActions).toEqual([]);

    // The cases module registers the case and links it.
    const kase = await t.deps.db
      .insertInto('cases')
      .values({
        caseNo: `泰岱市监立〔2026〕${crypto.randomInt(1000, 9999)}号`, unitId: units.county2, leadId: s.id, caseType: 'trademarkInfringement', procedure: 'ordinary',
        title: '泰安某某商行销售侵犯注册商标专用权商品案', partyKind: 'organization', partyName: '泰安某某商行', filedOn: '2026-11-20', status: 'filed',
      })
      .returning(['id', 'caseNo'])
      .executeTakeFirstOrThrow();
    await t.deps.db.transaction().execute((trx) => linkCaseToLead(trx, t.deps, SYSTEM_CTX, s.id, { id: kase.id, caseNo: kase.caseNo, filedOn: '2026-11-20' }));
    const filed = await expectOk(await county2.get(`/api/leads/${s.id}`));
    expect([filed.status, filed.case]).toEqual(['caseFiled', { id: kase.id, caseNo: kase.caseNo }]);
    await expect(t.deps.db.transaction().execute((trx) => linkCaseToLead(trx, t.deps, SYSTEM_CTX, s.id, { id: kase.id, caseNo: kase.caseNo, filedOn: '2026-11-20' }))).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    await t.deps.db.transaction().execute((trx) => recordCaseOutcome(trx, t.deps, SYSTEM_CTX, s.id, { step: 'decided', publicText: '已作出行政处罚决定' }));
    await t.deps.db.transaction().execute((trx) => recordCaseOutcome(trx, t.deps, SYSTEM_CTX, s.id, { step: 'closed', publicText: '案件已办结：罚款并没收侵权商品' }));
    const closed = await expectOk(await county2.get(`/api/leads/${s.id}`));
    expect([closed.status, closed.result, closed.closedOn]).toEqual(['closed', '案件已办结：罚款并没收侵权商品', '2026-11-20']);
    expect(closed.timeline.map((a: any) => a.action)).toEqual([
      'create', 'dispatch', 'sign', 'startVerification', 'pauseVerification', 'resumeVerification', 'submitVerification', 'approveFiling', 'notifyReporter',
      'linkCase', 'caseDecided', 'caseClosed',
    ]);
    // The log is append-only (DB trigger).
    await expect(t.deps.db.updateTable('leadActions').set({ note: 'x' }).where('leadId', '=', s.id).execute()).rejects.toThrow();
  });

  it('linkCaseToLead refuses a lead whose 立案 is not approved', async () => {
    const s = await atCounty();
    await expect(t.deps.db.transaction().execute((trx) => linkCaseToLead(trx, t.deps, SYSTEM_CTX, s.id, { id: 1, caseNo: 'x', filedOn: '2026-11-20' }))).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
  });

  it('不予立案: a real-name reporter must be told before closing; the head may also send it back', async () => {
    const s = await atCounty();
    await actOk(county2, s.id, 'startVerification');
    await actOk(county2, s.id, 'submitVerification', { result: 'unsubstantiated', proposal: 'declineCase', opinion: '现场未发现涉嫌侵权商品。' });
    const back = await actOk(county2head, s.id, 'sendBack', { opinion: '请调取近三个月进货记录' });
    expect([back.status, back.verificationResult]).toEqual(['verifying', null]);
    await actOk(county2, s.id, 'submitVerification', { result: 'unsubstantiated', proposal: 'declineCase', opinion: '进货记录齐全，来源合法。' });
    const noReason = await act(county2head, s.id, 'declineFiling', {});
    expect(paths(noReason)).toContain('body.opinion');
    const dec = await actOk(county2head, s.id, 'declineFiling', { opinion: '违法事实不成立' });
    expect([dec.status, dec.decision]).toEqual(['notFiled', 'declineCase']);
    const early = await act(county2, s.id, 'close', { result: '不予立案' });
    expect(early.statusCode).toBe(409);
    expect(early.json().details.allowedActions).toEqual(['notifyReporter']);
    await actOk(county2, s.id, 'notifyReporter', { method: 'letter' });
    const closed = await actOk(county2, s.id, 'close', { result: '经核查违法事实不成立，不予立案' });
    expect(closed.status).toBe('closed');
  });

  it('an anonymous report opens no reporter notice and closes at once after 不予立案', async () => {
    const s = await atCounty({ realName: false, informant: null });
    await actOk(county2, s.id, 'startVerification');
    await actOk(county2, s.id, 'submitVerification', { result: 'unsubstantiated', proposal: 'declineCase', opinion: '未发现违法行为。' });
    const dec = await actOk(county2head, s.id, 'declineFiling', { opinion: '违法事实不成立' });
    expect(dec.deadlines.map((d: any) => d.ruleKey)).toEqual(['lead.verification']);
    expect(dec.allowedActions).toEqual(['close']);
    expect((await actOk(county2, s.id, 'close', { result: '不予立案' })).status).toBe('closed');
  });

  it('the city head (leader, all scope) may decide; the city may close a lead that is not the bureau\'s duty', async () => {
    const s = await atCounty();
    await actOk(county2, s.id, 'startVerification');
    await actOk(county2, s.id, 'submitVerification', { result: 'substantiated', proposal: 'fileCase', opinion: '情况属实。' });
    expect((await actOk(leader, s.id, 'approveFiling')).status).toBe('filingApproved');
    const l = await register({ kind: 'lead', source: 'transfer', realName: false, informant: null });
    const closed = await actOk(city, l.id, 'close', { result: '不属于市场监管部门职责，已告知移送单位' });
    expect([closed.status, closed.deadlines[0].completedOn]).toEqual(['closed', '2026-11-20']);
  });
});

describe('list', () => {
  it('filters by tab, kind, deadline state and text, sorts by due date, and keeps to the data scope', async () => {
    const a = await atCounty({ title: '列表测试甲：销售假冒专利产品', kind: 'lead', realName: false, informant: null, receivedOn: '2026-11-10' });
    const b = await atCounty({ title: '列表测试乙：销售假冒专利产品', kind: 'lead', realName: false, informant: null, receivedOn: '2026-11-19' });
    const list = await expectOk(await county2.get('/api/leads?tab=inProgress&q=' + encodeURIComponent('列表测试')));
    expect(list.items.map((i: any) => i.id)).toEqual([a.id, b.id]);
    expect(list.items[0]).toMatchObject({ unitName: expect.stringContaining('岱岳'), statusLabel: '已签收', dueOn: '2026-12-01' });
    const byNo = await expectOk(await county2.get(`/api/leads?q=${a.leadNo.toLowerCase()}`));
    expect(byNo.items.map((i: any) => i.id)).toEqual([a.id]);
    expect((await expectOk(await county1.get('/api/leads?q=' + encodeURIComponent('列表测试')))).total).toBe(0);
    expect((await expectOk(await city.get('/api/leads?q=' + encodeURIComponent('列表测试') + '&kind=lead&tab=inProgress'))).total).toBe(2);
    const overdue = await expectOk(await county2.get('/api/leads?deadlineState=overdue&pageSize=200'));
    expect(overdue.items.every((i: any) => i.deadlineState === 'overdue')).toBe(true);
    const bad = await county2.get('/api/leads?tab=nope&unitId=x');
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['querystring.tab', 'querystring.unitId']));
  });
});

describe('system transfer (POST /api/leads/transfer)', () => {
  it('is idempotent by source + external id: replay 200 replayed, other content 409', async () => {
    const body = lead({ source: 'provincialPlatform', externalId: 'SDIP-2026-000777', kind: 'lead', realName: false, informant: null });
    const first = await city.post('/api/leads/transfer', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().replayed).toBe(false);
    const again = await city.post('/api/leads/transfer', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, lead: { id: first.json().lead.id, leadNo: first.json().lead.leadNo } });
    const other = await city.post('/api/leads/transfer', { ...body, title: '另一条线索的标题' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_CONFLICT');
    const n = await t.deps.db.selectFrom('leads').select('id').where('externalId', '=', 'SDIP-2026-000777').execute();
    expect(n).toHaveLength(1);
    const missing = await city.post('/api/leads/transfer', { ...body, externalId: undefined });
    expect(paths(missing)).toContain('body.externalId');
    expect((await county2.post('/api/leads/transfer', body)).statusCode).toBe(403);
  });
});

describe('Excel import', () => {
  async function templateRows(rows: (string | null)[][]): Promise<Buffer> {
    const res = await city.get('/api/leads/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('线索')!;
    rows.forEach((r, i) => ws.getRow(i + 2).values = r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  function multipart(name: string, content: Buffer) {
    const boundary = '----zc' + crypto.randomBytes(6).toString('hex');
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  const row = (externalId: string, usccValue: string, over: Partial<Record<number, string>> = {}) => {
    const r: (string | null)[] = ['12315 转办', externalId, '举报', '商标', '销售假冒注册商标商品', '举报某商行销售假冒注册商标的商品，请依法查处。', '泰安某某商行', usccValue, '岱岳区某路', '370911', '李四', '13800001111', '是', '2026-11-18'];
    for (const [i, v] of Object.entries(over)) r[Number(i)] = v ?? null;
    return r;
  };

  it('has Chinese headers, dropdowns and a 填写说明 sheet with the code lists', async () => {
    const res = await city.get('/api/leads/import-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('线索')!;
    expect((ws.getRow(1).values as string[]).slice(1, 4)).toEqual(['来源', '来源编号', '类型']);
    expect(ws.getCell('A2').dataValidation).toMatchObject({ type: 'list' });
    const help = wb.getWorksheet('填写说明')!;
    const text = JSON.stringify(help.getSheetValues());
    expect(text).toContain('省平台交办');
    expect(text).toContain('370911');
    expect((await county2.get('/api/leads/import-template.xlsx')).statusCode).toBe(403);
  });

  it('imports valid rows, reports a bad USCC by row and column, treats repeated external ids as 已存在, and serves an error report', async () => {
    const pre = await register({ externalId: 'IMP-EXIST-1' });
    const file = await templateRows([
      row('IMP-OK-1', USCC_A),
      row('IMP-BAD-1', USCC_BAD),
      row('IMP-OK-1', USCC_A),
      row('IMP-EXIST-1', USCC_A),
      row('IMP-BAD-2', USCC_A, { 0: '微博', 13: '2026-13-40' }),
      row('IMP-BAD-3', USCC_A, { 9: '370999' }),
    ]);
    const res = await city.request({ method: 'POST', url: '/api/leads/import', ...multipart('线索.xlsx', file) });
    const r = await expectOk(res);
    expect(r.total).toBe(6);
    expect(r.imported.map((i: any) => i.row)).toEqual([2]);
    expect(r.existing).toEqual([
      { row: 4, externalId: 'IMP-OK-1', id: r.imported[0].id, leadNo: r.imported[0].leadNo },
      { row: 5, externalId: 'IMP-EXIST-1', id: pre.id, leadNo: pre.leadNo },
    ]);
    expect(r.errors).toEqual(expect.arrayContaining([
      { row: 3, column: '统一社会信用代码', message: expect.stringContaining('统一社会信用代码不正确') },
      { row: 6, column: '来源', message: expect.stringContaining('不是有效的来源') },
      { row: 6, column: '收到日期', message: expect.stringContaining('不是有效日期') },
      { row: 8 - 1, column: '所在区划代码', message: expect.stringContaining('370999') },
    ]));
    const created = await expectOk(await city.get(`/api/leads/${r.imported[0].id}`));
    expect([created.source, created.externalId, created.status, created.realName, created.informant]).toEqual(['hotline12315', 'IMP-OK-1', 'pendingDispatch', true, { name: '李*', phone: '138****1111' }]);

    // The error report: the bad rows with a 错误说明 column, only for the importer.
    const rep = await city.get(`/api/files/${r.errorReportFileId}`);
    expect(rep.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rep.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(JSON.stringify(ws.getRow(2).values)).toContain('统一社会信用代码不正确');
    expect((await leader.get(`/api/files/${r.errorReportFileId}`)).statusCode).toBe(404);

    // Importing the same file again creates nothing new.
    const again = await expectOk(await city.request({ method: 'POST', url: '/api/leads/import', ...multipart('线索.xlsx', file) }));
    expect(again.imported).toEqual([]);
    expect(again.existing.map((e: any) => e.row)).toEqual([2, 4, 5]);
  });

  it('refuses a file that is not an Excel workbook or lacks the columns', async () => {
    const res = await city.request({ method: 'POST', url: '/api/leads/import', ...multipart('x.xlsx', Buffer.from('not excel')) });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.file']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('线索').addRow(['标题']);
    const res2 = await city.request({ method: 'POST', url: '/api/leads/import', ...multipart('x.xlsx', Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().message).toContain('缺少列');
  });
});

describe('informant identity', () => {
  it('shows the full identity only to submission.identity.read holders, audited', async () => {
    const l = await register();
    expect((await expectOk(await city.get(`/api/leads/${l.id}`))).abilities.viewInformant).toBe(true);
    const r = await expectOk(await city.get(`/api/leads/${l.id}/informant`));
    expect(r).toEqual({ name: '王举报', phone: '13912345678', realName: true, fromSubmission: false });
    expect((await leader.get(`/api/leads/${l.id}/informant`)).statusCode).toBe(403);
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'lead').where('entityId', '=', String(l.id)).execute();
    expect(audit.map((a) => a.action)).toContain('lead.informant.view');
  });
});
