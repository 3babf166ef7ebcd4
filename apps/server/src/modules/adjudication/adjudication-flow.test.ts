/**
 * The adjudication workflow with its deadlines on the real calendar: filing within 5 working days (over the 2026
 * National Day holiday), service by announcement (deemed served 30 days later, the answer period from then, the
 * decision period paused for the announcement), the hearing notice, suspension and resumption, appraisal, the decision
 * extension through the supervision module, the decision, its service and the lawsuit window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { actOn, deadline, onDay, panel, paths, windowBody } from './adjudication.fixtures';

let t: TestApp;
let city: TestClient;
let leader: TestClient;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-09-28T02:00:00.000Z' });
  city = await t.login('cityip');
  leader = await t.login('leader');
}, 120_000);
afterAll(() => t.close());

/** Moves the clock to 10:00 China time on a day and logs in again (sessions expire when the clock jumps). */
async function day(d: string) {
  onDay(t, d);
  city = await t.login('cityip');
  leader = await t.login('leader');
}

async function register(receivedOn: string) {
  const res = await city.post('/api/adjudications', windowBody({ receivedOn }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('filing (专利行政执法办法 第十条: 5 working days from receipt)', () => {
  it('a request received on 2026-09-28 is due for filing on 2026-10-10 (National Day off, Saturday 10-10 a make-up working day)', async () => {
    await day('2026-09-28');
    const a = await register('2026-09-28');
    expect(a.status).toBe('requested');
    expect(a.requestNo).toMatch(/^CJ-2026-370900-\d{6}$/);
    const d = deadline(a, 'adjudication.filing');
    expect(d).toMatchObject({ startOn: '2026-09-28', dueOn: '2026-10-10', amount: 5, unit: 'workingDays' });
    expect(d.basis.regulation).toContain('专利行政执法办法');
    expect(a.dueOn).toBe('2026-10-10');
    expect(a.allowedActions).toEqual(expect.arrayContaining(['file', 'reject', 'withdraw']));
  });

  it('filing needs a panel of three or more, odd, one chief (400 at body.panel)', async () => {
    await day('2026-10-09');
    const a = await register('2026-10-09');
    const p = await panel(t);
    for (const bad of [p.slice(0, 2), [...p, { userId: (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'county1b').executeTakeFirstOrThrow()).id, role: 'member' }], p.map((x) => ({ ...x, role: 'member' }))]) {
      const res = await actOn(city, a.id, 'file', { panel: bad });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toContain('body.panel');
    }
    // A member from outside the case's unit tree who lacks the permission: the leader holds no adjudication.handle.
    const leaderId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow()).id;
    const res = await actOn(city, a.id, 'file', { panel: [p[0], p[1], { userId: leaderId, role: 'member' }] });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toContain('body.panel.2.userId');
  });

  it('files with the panel: case number, service due in 5 WD, decision due in 3 months, pilot target 60 days', async () => {
    await day('2026-10-09');
    const a = await register('2026-10-09');
    const res = await actOn(city, a.id, 'file', { panel: await panel(t), simpleCase: true });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.status).toBe('filed');
    expect(d.caseNo).toMatch(/^泰市监专纠〔2026〕\d+号$/);
    expect(d.handlers).toHaveLength(3);
    expect(d.handlers[0].role).toBe('chief');
    expect(deadline(d, 'adjudication.filing').completedOn).toBe('2026-10-09');
    // Fri 10-09 + 5 WD: Sat 10-10 (make-up working day), 10-12, 10-13, 10-14, 10-15.
    expect(deadline(d, 'adjudication.service')).toMatchObject({ startOn: '2026-10-09', dueOn: '2026-10-15' });
    expect(deadline(d, 'adjudication.decision')).toMatchObject({ startOn: '2026-10-09', dueOn: '2027-01-11' }); // 2027-01-09 is a Saturday
    expect(d.decisionDueOn).toBe('2027-01-11');
    expect(d.pilotTargetOn).toBe('2026-12-08');
    expect(d.deadlines.some((x: any) => x.ruleKey === 'adjudication.pilotTarget')).toBe(false);
    expect(d.simpleCase).toBe(true);
  });

  it('reject (不予受理) needs a reason and closes the filing deadline', async () => {
    await day('2026-10-09');
    const a = await register('2026-10-09');
    const bad = await actOn(city, a.id, 'reject', { reason: 'nope', reasonText: '理由' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toContain('body.reason');
    const res = await actOn(city, a.id, 'reject', { reason: 'inLitigation', reasonText: '请求人已就同一纠纷向泰安市中级人民法院起诉' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'notAccepted', closedOn: '2026-10-09' });
    expect(res.json().notAcceptedReason).toContain('已就该专利侵权纠纷向人民法院起诉');
    expect(deadline(res.json(), 'adjudication.filing').completedOn).toBe('2026-10-09');
    expect(res.json().allowedActions).toEqual([]);
  });
});

describe('service by announcement (公告送达)', () => {
  let id: number;
  it('deemed served 30 days after the announcement; the answer period (15 days) runs from then; the decision period is paused meanwhile', async () => {
    await day('2026-11-02');
    const a = await register('2026-11-02');
    id = a.id;
    expect((await actOn(city, id, 'file', { panel: await panel(t) })).statusCode).toBe(200);
    await day('2026-11-05');
    const missing = await actOn(city, id, 'serveRequest', { method: 'announcement', recipient: '岱岳某某设备厂', announcedOn: '2026-11-05' });
    expect(missing.statusCode).toBe(400);
    expect(paths(missing)).toContain('body.announcementText');
    const res = await actOn(city, id, 'serveRequest', {
      method: 'announcement', recipient: '岱岳某某设备厂', announcedOn: '2026-11-05',
      announcementText: '岱岳某某设备厂：泰安某某机械有限公司请求处理专利侵权纠纷一案已立案，因无法直接送达，现公告送达请求书副本及答辩通知书。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.status).toBe('answering');
    expect(d.respondentAnnouncedOn).toBe('2026-11-05');
    // 民事诉讼法 第九十五条: 经过三十日视为送达 → 2026-12-05 is a Saturday → 2026-12-07.
    expect(d.respondentServedOn).toBe('2026-12-07');
    expect(deadline(d, 'adjudication.service').completedOn).toBe('2026-11-05');
    // 答辩期 15 日 from the deemed day: 2026-12-22.
    expect(deadline(d, 'adjudication.answer')).toMatchObject({ startOn: '2026-12-07', dueOn: '2026-12-22' });
    expect(d.answerDueOn).toBe('2026-12-22');
    // 结案期限 3 months from 2026-11-02 = 2027-02-02, plus the 32 announcement days (11-05 … 12-06) = 2027-03-06 (Sat) → 2027-03-08.
    const dec = deadline(d, 'adjudication.decision');
    expect(dec.pauses).toEqual([{ from: '2026-11-05', until: '2026-12-07', reason: expect.stringContaining('公告') }]);
    expect(dec.dueOn).toBe('2027-03-08');
    expect(d.services[0]).toMatchObject({ purpose: 'request', method: 'announcement', pending: true, deemedServedOn: '2026-12-07' });
  });

  it('the portal 送达公告 lists it with the case number and the party', async () => {
    const res = await t.anonymous().get('/api/public/service-announcements?q=%E5%B2%B1%E5%B2%B3');
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((x: any) => x.text.includes('岱岳某某设备厂'));
    expect(item).toBeTruthy();
    expect(item.referenceNo).toMatch(/^泰市监专纠/);
    expect(item.addressee).toBe('岱岳某某设备厂');
    expect(item.deemedServedOn).toBe('2026-12-07');
  });

  it('the hearing cannot be scheduled before the answer period ends (409 with the reason); then needs 3 working days notice', async () => {
    await day('2026-12-10');
    let d = (await city.get(`/api/adjudications/${id}`)).json();
    expect(d.allowedActions).not.toContain('scheduleHearing');
    expect(d.guide.hearingBlockedReason).toContain('2026-12-22');
    const early = await actOn(city, id, 'scheduleHearing', { scheduledOn: '2026-12-30', scheduledTime: '09:30', place: '市局第一审理庭' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('2026-12-22');
    await day('2026-12-23');
    d = (await city.get(`/api/adjudications/${id}`)).json();
    expect(d.allowedActions).toContain('scheduleHearing');
    // Notice on Wed 2026-12-23: + 3 WD = Mon 2026-12-28.
    expect(d.guide.earliestHearingOn).toBe('2026-12-28');
    const tooSoon = await actOn(city, id, 'scheduleHearing', { scheduledOn: '2026-12-25', scheduledTime: '09:30', place: '市局第一审理庭' });
    expect(tooSoon.statusCode).toBe(400);
    expect(paths(tooSoon)).toEqual(['body.scheduledOn']);
    expect(tooSoon.json().message).toContain('2026-12-28');
    const ok = await actOn(city, id, 'scheduleHearing', {
      scheduledOn: '2026-12-28', scheduledTime: '09:30', place: '市局第一审理庭', technicalInvestigators: ['赵工程师'], jointWithCnipa: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('hearingScheduled');
    expect(ok.json().hearings[0]).toMatchObject({ scheduledOn: '2026-12-28', scheduledTime: '09:30', noticeOn: '2026-12-23', jointWithCnipa: true, status: 'scheduled' });
    expect(deadline(ok.json(), 'adjudication.answer').completedOn).toBeNull();
  });

  it('holds the hearing, then the head decides: the decision deadline is completed', async () => {
    await day('2026-12-28');
    const held = await actOn(city, id, 'holdHearing', { heldOn: '2026-12-28', recordSummary: '双方到庭，围绕权利要求 1 的技术特征进行了比对。' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('deliberating');
    expect(held.json().allowedActions).not.toContain('decide'); // the officer lacks adjudication.approve
    const forbidden = await actOn(city, id, 'decide', { decision: 'infringement', orders: ['stopManufacture'], decisionSummary: '被请求人制造销售的产品落入专利保护范围。' });
    expect(forbidden.statusCode).toBe(403);
    const noOrders = await actOn(leader, id, 'decide', { decision: 'infringement', orders: [], decisionSummary: '被请求人制造销售的产品落入专利保护范围。' });
    expect(noOrders.statusCode).toBe(400);
    expect(paths(noOrders)).toContain('body.orders');
    const res = await actOn(leader, id, 'decide', {
      decision: 'infringement', orders: ['stopManufacture', 'stopSale'], decisionSummary: '被请求人制造、销售的 HX-200 型换热器落入涉案专利权利要求 1 的保护范围，侵权行为成立。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.status).toBe('decided');
    expect(d.decisionOn).toBe('2026-12-28');
    expect(deadline(d, 'adjudication.decision').completedOn).toBe('2026-12-28');
    expect(d.guide.decisionServicePending).toEqual(['requester', 'respondent']);
  });

  it('the lawsuit window counts 15 days from the later service; effective only after it', async () => {
    await day('2026-12-29');
    let res = await actOn(city, id, 'serveDecision', { party: 'requester', method: 'direct', recipient: '泰安某某机械有限公司', servedOn: '2026-12-29' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'lawsuitWindow', decisionServedOn: '2026-12-29', lawsuitDueOn: '2027-01-13' });
    expect(res.json().allowedActions).not.toContain('becomeEffective');
    await day('2026-12-31');
    res = await actOn(city, id, 'serveDecision', { party: 'respondent', method: 'mail', recipient: '岱岳某某设备厂', servedOn: '2026-12-31', trackingNo: 'EMS1234567890' });
    expect(res.statusCode, res.body).toBe(200);
    // 2026-12-31 + 15 = 2027-01-15 (Fri).
    expect(res.json()).toMatchObject({ decisionServedOn: '2026-12-31', lawsuitDueOn: '2027-01-15' });
    const windows = res.json().deadlines.filter((x: any) => x.ruleKey === 'adjudication.lawsuitWindow');
    expect(windows.filter((x: any) => x.completedOn === null)).toHaveLength(1);
    expect(deadline(res.json(), 'adjudication.lawsuitWindow').basis).toMatchObject({ regulation: expect.stringContaining('专利法'), article: '第六十五条' });
    await day('2027-01-15');
    const early = await actOn(city, id, 'becomeEffective', {});
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('2027-01-15');
    await day('2027-01-16');
    res = await actOn(city, id, 'becomeEffective', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'effective', effectiveOn: '2027-01-16' });
    expect(deadline(res.json(), 'adjudication.lawsuitWindow').completedOn).toBe('2027-01-15');
  });

  it('non-performance flags the respondent for the credit module (audited)', async () => {
    const res = await actOn(city, id, 'recordNonPerformance', { note: '被请求人仍在销售侵权产品' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ performance: 'notPerformed', creditFlaggedOn: '2027-01-16' });
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('action', '=', 'adjudication.creditFlag').where('entityId', '=', String(id)).execute();
    expect(audit).toHaveLength(1);
    const enf = await actOn(city, id, 'applyEnforcement', { appliedOn: '2027-01-16', court: '泰安市泰山区人民法院' });
    expect(enf.json().performance).toBe('enforcementApplied');
    const closed = await actOn(city, id, 'close', { summary: '已申请人民法院强制执行，结案。' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2027-01-16' });
  });
});

describe('suspension, appraisal, extension, lawsuit', () => {
  let id: number;
  it('suspension pauses the decision and answer clocks; resumption restores the status and the clocks', async () => {
    await day('2026-11-02');
    const a = await register('2026-11-02');
    id = a.id;
    await actOn(city, id, 'file', { panel: await panel(t) });
    await day('2026-11-04');
    await actOn(city, id, 'serveRequest', { method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-11-04' });
    let d = (await city.get(`/api/adjudications/${id}`)).json();
    expect(deadline(d, 'adjudication.answer')).toMatchObject({ startOn: '2026-11-04', dueOn: '2026-11-19' });
    expect(d.respondentServedOn).toBe('2026-11-04');
    await day('2026-11-10');
    const res = await actOn(city, id, 'suspend', { invalidationCaseNo: '4W123456', invalidationAcceptedOn: '2026-11-09' });
    expect(res.statusCode, res.body).toBe(200);
    d = res.json();
    expect(d).toMatchObject({ status: 'suspended', statusBeforeSuspension: 'answering', invalidationCaseNo: '4W123456', deadlineState: 'paused' });
    expect(deadline(d, 'adjudication.decision')).toMatchObject({ state: 'paused', dueOn: null });
    expect(deadline(d, 'adjudication.answer')).toMatchObject({ state: 'paused', dueOn: null });
    expect(d.allowedActions).toEqual(expect.arrayContaining(['resume', 'dismissInvalidated']));
    await day('2026-12-10');
    const back = await actOn(city, id, 'resume', { invalidationResult: 'valid', invalidationDecidedOn: '2026-12-08', resumedOn: '2026-12-10' });
    expect(back.statusCode, back.body).toBe(200);
    d = back.json();
    expect(d).toMatchObject({ status: 'answering', statusBeforeSuspension: null, invalidationResult: 'valid' });
    // 30 paused days (11-10 … 12-09): the answer period 11-19 → 12-19 (Sat) → 12-21; the decision 2027-02-02 → 2027-03-04.
    expect(deadline(d, 'adjudication.answer').dueOn).toBe('2026-12-21');
    expect(deadline(d, 'adjudication.decision').dueOn).toBe('2027-03-04');
  });

  it('appraisal pauses the decision clock until the day after it ends; the decision is blocked meanwhile', async () => {
    await day('2026-12-11');
    let res = await actOn(city, id, 'recordAnswer', { receivedOn: '2026-12-11' });
    expect(res.statusCode, res.body).toBe(200);
    expect(deadline(res.json(), 'adjudication.answerForward')).toMatchObject({ startOn: '2026-12-11', dueOn: '2026-12-18' });
    expect(res.json().allowedActions).toContain('forwardAnswer');
    await day('2026-12-14');
    res = await actOn(city, id, 'forwardAnswer', { forwardedOn: '2026-12-14' });
    expect(res.statusCode, res.body).toBe(200);
    expect(deadline(res.json(), 'adjudication.answerForward').completedOn).toBe('2026-12-14');
    res = await actOn(city, id, 'chooseWrittenReview', { reason: '事实清楚，双方同意书面审理' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'deliberating', procedureMode: 'written' });
    res = await actOn(city, id, 'startAppraisal', { startedOn: '2026-12-14', subject: '被控产品技术特征比对鉴定' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().guide.appraisalRunning).toBe(true);
    expect(res.json().pilotTargetOn).toBeNull();
    const blocked = await actOn(leader, id, 'decide', { decision: 'noInfringement', decisionSummary: '被控产品未落入涉案专利保护范围，驳回请求。' });
    expect(blocked.statusCode).toBe(409);
    await day('2026-12-24');
    res = await actOn(city, id, 'endAppraisal', { endedOn: '2026-12-23', result: '被控产品缺少导流槽特征' });
    expect(res.statusCode, res.body).toBe(200);
    const dec = deadline(res.json(), 'adjudication.decision');
    expect(dec.pauses.at(-1)).toMatchObject({ from: '2026-12-14', until: '2026-12-24' });
    // 2027-03-04 + 10 days = 2027-03-14 (Sun) → 2027-03-15.
    expect(dec.dueOn).toBe('2027-03-15');
    expect(res.json().pilotTargetOn).not.toBeNull();
  });

  it('the decision deadline is extended by one month through an approved extension request (policy adjudication.decision)', async () => {
    const d = (await city.get(`/api/adjudications/${id}`)).json();
    const dec = deadline(d, 'adjudication.decision');
    const tooLong = await city.post('/api/extension-requests', { deadlineId: dec.id, amount: 2, unit: 'months', reason: '需要补充鉴定，案情复杂' });
    expect(tooLong.statusCode).toBe(400);
    const req = await city.post('/api/extension-requests', { deadlineId: dec.id, amount: 1, unit: 'months', reason: '案件特别复杂，需要补充鉴定' });
    expect(req.statusCode, req.body).toBe(201);
    const approved = await leader.post(`/api/extension-requests/${req.json().id}/approve`, { version: req.json().version });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = (await city.get(`/api/adjudications/${id}`)).json();
    expect(deadline(after, 'adjudication.decision').dueOn).toBe('2027-04-15');
    expect(deadline(after, 'adjudication.decision').extensions).toHaveLength(1);
  });

  it('a lawsuit after the window needs confirmation; the judgment revoking the decision ends the case', async () => {
    await day('2026-12-28');
    let res = await actOn(leader, id, 'decide', { decision: 'noInfringement', decisionSummary: '被控产品未落入涉案专利保护范围，驳回请求人的请求。' });
    expect(res.statusCode, res.body).toBe(200);
    await actOn(city, id, 'serveDecision', { party: 'requester', method: 'direct', recipient: '泰安某某机械有限公司', servedOn: '2026-12-28' });
    res = await actOn(city, id, 'serveDecision', { party: 'respondent', method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-12-28' });
    expect(res.json().lawsuitDueOn).toBe('2027-01-12');
    await day('2027-01-20');
    const late = await actOn(city, id, 'recordLawsuit', { plaintiff: 'requester', court: '泰安市中级人民法院', caseNo: '（2027）鲁09行初1号', filedOn: '2027-01-18' });
    expect(late.statusCode).toBe(400);
    expect(paths(late)).toEqual(['body.filedOn']);
    res = await actOn(city, id, 'recordLawsuit', { plaintiff: 'requester', court: '泰安市中级人民法院', caseNo: '（2027）鲁09行初1号', filedOn: '2027-01-18', lateConfirmed: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('inLitigation');
    res = await actOn(city, id, 'recordJudgment', { result: 'revoked', judgedOn: '2027-01-20' });
    expect(res.json()).toMatchObject({ status: 'revoked', judgmentResult: 'revoked', closedOn: '2027-01-20' });
  });

  it('a stale version is 409 VERSION_CONFLICT', async () => {
    await day('2026-11-20');
    const a = await register('2026-11-20');
    const res = await actOn(city, a.id, 'file', { panel: await panel(t) }, a.version + 5);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
  });

  it('an action the status does not allow is 409 with the allowed actions', async () => {
    const a = await register('2026-11-20');
    const res = await actOn(city, a.id, 'serveRequest', { method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-11-20' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { status: 'requested', allowedActions: expect.arrayContaining(['file', 'reject']) } });
  });
});
