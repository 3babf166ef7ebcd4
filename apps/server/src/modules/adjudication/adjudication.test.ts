/**
 * 行政裁决: the portal request (idempotency, validation with field paths, files, the patent check), the requester's
 * progress, the window registration and 三级联动 access (receiving and assisting units read, only the deciding unit
 * acts; another county gets 404), the audited identity view, case files, publication with redaction, the damages
 * mediation, the evaluation-report path and withdrawal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import {
  ID_PERSON,
  INV_DIGITS,
  PNG,
  UM_DIGITS,
  actOn,
  deadline,
  insertPatent,
  multipart,
  panel,
  paths,
  portalBody,
  upload,
  windowBody,
} from './adjudication.fixtures';

let t: TestApp;
let city: TestClient;
let leader: TestClient;
let county1: TestClient;
let county2: TestClient;
let mediator: TestClient;
let portal: TestClient;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  city = await t.login('cityip');
  leader = await t.login('leader');
  county1 = await t.login('county1');
  county2 = await t.login('county2');
  mediator = await t.login('mediator');
  portal = await t.login('demo_enterprise');
  await insertPatent(t, INV_DIGITS);
  await insertPatent(t, UM_DIGITS, { patentType: 'utilityModel', title: '一种便携式支架', legalStatus: 'valid' });
}, 120_000);
afterAll(() => t.close());

let keySeq = 0;
const newKey = () => `adj-key-${Date.now()}-${++keySeq}`;

async function submit(body: unknown, key: string | null = newKey(), c: TestClient = portal) {
  return c.request({ method: 'POST', url: '/api/portal/adjudications', payload: body as object, headers: key ? { 'idempotency-key': key } : {} });
}

async function unitId(name: string): Promise<number> {
  return (await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

describe('patent check (issue 5 database)', () => {
  it('valid, mismatch, not found (not an error) and a malformed number (400)', async () => {
    const anon = t.anonymous();
    let res = await anon.get(`/api/public/adjudications/patent-check?patentNo=ZL${INV_DIGITS}&patentType=invention`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ check: 'valid', patentNo: expect.stringMatching(/^ZL202110654321\.\w$/), patent: { title: '一种高效节能换热器' } });
    res = await anon.get(`/api/public/adjudications/patent-check?patentNo=${INV_DIGITS}&patentType=design`);
    expect(res.json()).toMatchObject({ check: 'mismatch', note: expect.stringContaining('发明') });
    res = await anon.get(`/api/public/adjudications/patent-check?patentNo=CN202130999999`);
    expect(res.json()).toMatchObject({ check: 'notFound', note: '专利数据库未收录，受理时人工核对', patent: null });
    res = await anon.get(`/api/public/adjudications/patent-check?patentNo=ZL${INV_DIGITS}.Y`);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['query.patentNo']);
  });
});

describe('portal request', () => {
  let requestNo: string;
  let body: ReturnType<typeof portalBody>;
  const key = newKey();

  it('files an online request in one transaction: 201, request number, the filing date, files claimed, staff notified', async () => {
    const ev = await upload(portal);
    body = portalBody({ evidence: [{ ...ev, title: '公证购买的被控产品照片' }] });
    const res = await submit(body, key);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    requestNo = r.requestNo;
    expect(r.requestNo).toMatch(/^CJ-2026-370900-\d{6}$/);
    // 2026-11-20 (Fri) + 5 WD = 2026-11-27.
    expect(r).toMatchObject({ receivedOn: '2026-11-20', expectedFilingDecisionBy: '2026-11-27', patentCheck: 'valid', nextStepBasis: expect.stringContaining('专利行政执法办法') });
    const row = await t.deps.db.selectFrom('adjudications').selectAll().where('requestNo', '=', r.requestNo).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'requested', channel: 'portal', patentCheck: 'valid' });
    const cityId = await unitId('泰安市市场监督管理局');
    expect(row.unitId).toBe(cityId);
    expect(row.receivedByUnitId).toBe(cityId);
    const files = await t.deps.db.selectFrom('files').select(['ownerType', 'ownerId']).where('id', '=', ev.fileId).executeTakeFirstOrThrow();
    expect(files).toEqual({ ownerType: 'adjudication', ownerId: String(row.id) });
    const cityipId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'cityip').executeTakeFirstOrThrow()).id;
    const n = await t.deps.db.selectFrom('notifications').select('title').where('userId', '=', cityipId).where('kind', '=', 'adjudication.request').execute();
    expect(n.length).toBeGreaterThan(0);
    const detail = (await city.get(`/api/adjudications/${row.id}`)).json();
    expect(detail.files).toEqual([expect.objectContaining({ kind: 'evidence', title: '公证购买的被控产品照片', party: 'requester' })]);
    expect(detail.actions[0]).toMatchObject({ action: 'register', toStatus: 'requested' });
  });

  it('the same key and body answers the same receipt (200); another body under the key is 409', async () => {
    const again = await submit(body, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().requestNo).toBe(requestNo);
    const other = await submit({ ...body, accusedProduct: '另一种产品' }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_CONFLICT');
    const none = await submit(body, null);
    expect(none.statusCode).toBe(400);
  });

  it('is for logged-in public users only', async () => {
    expect((await submit(body, newKey(), t.anonymous())).statusCode).toBe(401);
    expect((await submit(body, newKey(), city)).statusCode).toBe(401);
  });

  it('bad input is 400 with field paths', async () => {
    const ev = await upload(portal);
    const files = { evidence: [ev] };
    const cases: [Record<string, unknown>, string][] = [
      [{ requester: { ...body.requester, uscc: '91370900MA3C12345X' } }, 'body.requester.uscc'],
      [{ requester: { ...body.requester, kind: 'person', name: '张三丰', uscc: null, idNo: '370902198503121230' } }, 'body.requester.idNo'],
      [{ requester: { ...body.requester, phone: '12345' } }, 'body.requester.phone'],
      [{ respondent: { ...body.respondent, uscc: '91370911MA3D6789XX' } }, 'body.respondent.uscc'],
      [{ noLawsuitDeclared: false }, 'body.noLawsuitDeclared'],
      [{ patent: { ...body.patent, patentNo: `ZL${UM_DIGITS}`, type: 'utilityModel', title: '一种便携式支架' } }, 'body.files.evaluationReport'],
      [{ files: { evidence: [] } }, 'body.files.evidence'],
    ];
    for (const [over, path] of cases) {
      const res = await submit(portalBody(files, over as never));
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(paths(res)).toContain(path);
    }
    const nl = await submit(portalBody(files, { noLawsuitDeclared: false }));
    expect(nl.json().details.find((d: any) => d.path === 'body.noLawsuitDeclared').message).toContain('山东省专利条例 第十八条');
    // Checked by the server: the region list, the city's jurisdiction, the patent number, the upload token.
    let res = await submit(portalBody(files, { respondent: { ...body.respondent, regionCode: '370999' } }));
    expect(paths(res)).toEqual(['body.respondent.regionCode']);
    res = await submit(portalBody(files, { respondent: { ...body.respondent, regionCode: '370102' } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('管辖');
    res = await submit(portalBody(files, { patent: { ...body.patent, patentNo: `ZL${INV_DIGITS}.Y` } }));
    expect(paths(res)).toEqual(['body.patent.patentNo']);
    res = await submit(portalBody({ evidence: [{ fileId: ev.fileId, uploadToken: 'x'.repeat(32) }] }));
    expect(paths(res)).toEqual(['body.files.evidence.0.uploadToken']);
    // A used upload cannot be attached twice.
    const first = body.files.evidence[0]!;
    res = await submit(portalBody({ evidence: [first] }));
    expect(paths(res)).toEqual(['body.files.evidence.0.uploadToken']);
  });

  it('the requester follows the progress; another public user sees nothing of it (404)', async () => {
    const mine = (await portal.get('/api/portal/adjudications/mine')).json();
    expect(mine.items.map((x: any) => x.requestNo)).toContain(requestNo);
    let p = (await portal.get(`/api/portal/adjudications/mine/${requestNo}`)).json();
    expect(p).toMatchObject({ status: 'requested', nextStep: expect.stringContaining('立案'), expectedNextStepBy: '2026-11-27', timeline: [{ step: 'register', on: '2026-11-20' }] });
    const id = (await t.deps.db.selectFrom('adjudications').select('id').where('requestNo', '=', requestNo).executeTakeFirstOrThrow()).id;
    expect((await actOn(city, id, 'file', { panel: await panel(t) })).statusCode).toBe(200);
    p = (await portal.get(`/api/portal/adjudications/mine/${requestNo}`)).json();
    expect(p.timeline.map((s: any) => s.step)).toEqual(['register', 'file']);
    expect(p.timeline[1].text).toContain('泰市监专纠');
    expect(p).toMatchObject({ status: 'filed', nextStep: '向被请求人送达请求书副本', expectedNextStepBy: '2026-11-27' });
    const reg = await t.anonymous({ ip: '10.9.0.1' }).post('/api/portal/auth/register', {
      username: 'pub_adj_other', password: 'Pub#2026other', displayName: '刘某某', publicKind: 'person', phone: '13912340000',
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const other = await t.login('pub_adj_other', { password: 'Pub#2026other' });
    expect((await other.get('/api/portal/adjudications/mine')).json().total).toBe(0);
    expect((await other.get(`/api/portal/adjudications/mine/${requestNo}`)).statusCode).toBe(404);
    // The requester downloads what it filed; the respondent's papers and other users' requests stay closed (404).
    expect(p.files).toEqual([expect.objectContaining({ kind: 'evidence', title: '公证购买的被控产品照片', downloadUrl: expect.stringMatching(/^\/api\/portal\/files\/\d+$/) })]);
    const own = await portal.get(p.files[0].downloadUrl);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PNG)).toBe(true);
    expect((await other.get(p.files[0].downloadUrl)).statusCode).toBe(404);
    const answer = await city.request({ method: 'POST', url: `/api/adjudications/${id}/files`, ...multipart({ kind: 'answer', party: 'respondent', title: '答辩书' }, { name: '答辩书.png', content: PNG }) });
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await portal.get(`/api/portal/files/${answer.json().fileId}`)).statusCode).toBe(404);
    expect((await portal.get(`/api/files/${answer.json().fileId}`)).statusCode).toBe(401);
    expect((await city.get(`/api/files/${answer.json().fileId}`)).statusCode).toBe(200);
    p = (await portal.get(`/api/portal/adjudications/mine/${requestNo}`)).json();
    expect(p.files.map((f: any) => f.title)).toEqual(['公证购买的被控产品照片']);
  });
});

describe('三级联动 and access', () => {
  let id: number;
  it('a county bureau registers a paper request for the city bureau: it reads the case but cannot act on it', async () => {
    const res = await county2.post('/api/adjudications', windowBody({
      channel: 'window',
      requester: { kind: 'person', name: '张三丰', idNo: ID_PERSON, phone: '13812341234', address: '泰安市岱岳区某村', role: 'patentee', agent: null },
      patent: { patentNo: `ZL${INV_DIGITS}`, type: 'invention', title: '一种高效节能换热器', patentee: '张三丰' },
    }));
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    id = a.id;
    expect(a.unitName).toBe('泰安市市场监督管理局');
    expect(a.receivedByUnitName).toBe('岱岳区市场监督管理局');
    expect(a.actionable).toBe(false);
    expect(a.allowedActions).toEqual([]);
    expect(a.requester).toMatchObject({ idNoMasked: expect.stringContaining('*'), phoneMasked: expect.stringContaining('*') });
    expect(JSON.stringify(a)).not.toContain(ID_PERSON);
    const row = await t.deps.db.selectFrom('adjudications').select(['requesterIdNoEnc', 'requesterPhoneEnc']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.requesterIdNoEnc).not.toContain(ID_PERSON);
    // The county may read, not act: 403 (not 404: it sees the case).
    const act = await actOn(county2, id, 'file', { panel: await panel(t) });
    expect(act.statusCode).toBe(403);
    expect((await county2.get('/api/adjudications')).json().items.map((x: any) => x.id)).toContain(id);
  });

  it('another county gets 404; the mediator has no adjudication permission (403); the portal session is refused (401)', async () => {
    expect((await county1.get(`/api/adjudications/${id}`)).statusCode).toBe(404);
    expect((await actOn(county1, id, 'file', { panel: await panel(t) }, 1)).statusCode).toBe(404);
    expect((await county1.get('/api/adjudications')).json().items.map((x: any) => x.id)).not.toContain(id);
    expect((await mediator.get(`/api/adjudications/${id}`)).statusCode).toBe(403);
    expect((await portal.get(`/api/adjudications/${id}`)).statusCode).toBe(401);
  });

  it('the full identity is shown to the deciding unit only, and every view is audited', async () => {
    const res = await city.get(`/api/adjudications/${id}/identity`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNo: ID_PERSON, phone: '13812341234' });
    expect((await county2.get(`/api/adjudications/${id}/identity`)).statusCode).toBe(403);
    expect((await county1.get(`/api/adjudications/${id}/identity`)).statusCode).toBe(404);
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('action', '=', 'adjudication.identity.view').where('entityId', '=', String(id)).execute();
    expect(audit).toHaveLength(1);
  });

  it('the city asks a station to assist: the station sees the case, completes its task, and still cannot act on the case', async () => {
    await actOn(city, id, 'file', { panel: await panel(t) });
    const station = await unitId((await t.deps.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unitId').select('units.name').where('username', '=', 'station1').executeTakeFirstOrThrow()).name);
    const bad = await actOn(city, id, 'requestAssist', { unitId: await unitId('泰安市市场监督管理局'), task: '现场勘验' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.unitId']);
    const st = await t.login('station1');
    expect((await st.get(`/api/adjudications/${id}`)).statusCode).toBe(404);
    const res = await actOn(city, id, 'requestAssist', { unitId: station, task: '到被请求人经营场所现场勘验并拍照取证', dueOn: '2026-11-30' });
    expect(res.statusCode, res.body).toBe(200);
    const assistId = res.json().assists[0].id;
    const seen = await st.get(`/api/adjudications/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ actionable: false, allowedActions: [], openAssistsForMe: 1 });
    expect(seen.json().assists[0].canComplete).toBe(true);
    const list = (await st.get('/api/adjudications?assist=true')).json();
    expect(list.items.map((x: any) => x.id)).toEqual([id]);
    expect((await actOn(st, id, 'serveRequest', { method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-11-20' })).statusCode).toBe(403);
    const done = await st.post(`/api/adjudication-assists/${assistId}/complete`, { result: '已现场勘验，拍照 12 张，被请求人店内陈列被控产品 3 台。' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().assists[0]).toMatchObject({ status: 'done', doneOn: '2026-11-20' });
    expect((await st.post(`/api/adjudication-assists/${assistId}/complete`, { result: '再次登记' })).statusCode).toBe(409);
    // County 1 is the station's county bureau (its scope holds the station): it sees the task, already done.
    expect((await county1.post(`/api/adjudication-assists/${assistId}/complete`, { result: '再次登记' })).statusCode).toBe(409);
    const other = await t.login('county2b');
    expect((await other.post(`/api/adjudication-assists/${assistId}/complete`, { result: '不是本单位' })).statusCode).toBe(404);
  });

  it('staff add case files (multipart) and download them; the receiving county may download too', async () => {
    const up = await city.request({ method: 'POST', url: `/api/adjudications/${id}/files`, ...multipart({ kind: 'answer', party: 'respondent', title: '答辩书' }, { name: '答辩书.png', content: PNG }) });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'answer', kindLabel: '答辩书', party: 'respondent' });
    const bad = await city.request({ method: 'POST', url: `/api/adjudications/${id}/files`, ...multipart({ kind: 'nope', party: 'respondent', title: '答辩书' }, { name: 'x.png', content: PNG }) });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toContain('body.kind');
    expect((await county2.get(`/api/files/${up.json().fileId}`)).statusCode).toBe(200);
    expect((await mediator.get(`/api/files/${up.json().fileId}`)).statusCode).toBe(404);
    const served = await actOn(city, id, 'serveRequest', { method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-11-20' });
    expect(served.statusCode, served.body).toBe(200);
    const ans = await actOn(city, id, 'recordAnswer', { receivedOn: '2026-11-20', fileId: up.json().fileId });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json().answerReceivedOn).toBe('2026-11-20');
  });

  it('panel candidates are the deciding unit’s staff holding adjudication.handle', async () => {
    const res = await city.get(`/api/adjudications/panel-candidates?adjudicationId=${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().map((x: any) => x.displayName);
    expect(res.json().length).toBeGreaterThanOrEqual(5);
    expect(names).not.toContain((await t.deps.db.selectFrom('users').select('displayName').where('username', '=', 'leader').executeTakeFirstOrThrow()).displayName);
    expect((await county2.get(`/api/adjudications/panel-candidates?adjudicationId=${id}`)).statusCode).toBe(404);
  });
});

describe('decision publication, damages mediation, lawsuit', () => {
  let id: number;
  it('a decided case is published with personal data removed; the portal lists and searches it', async () => {
    const res = await city.post('/api/adjudications', windowBody({
      requester: { kind: 'person', name: '欧阳娜娜', idNo: ID_PERSON, phone: '13812345678', address: '泰安市泰山区某小区', role: 'patentee', agent: null },
      patent: { patentNo: `ZL${INV_DIGITS}`, type: 'invention', title: '一种高效节能换热器', patentee: '欧阳娜娜' },
    }));
    id = res.json().id;
    await actOn(city, id, 'file', { panel: await panel(t) });
    await actOn(city, id, 'serveRequest', { method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-11-20' });
    await actOn(city, id, 'recordAnswer', { receivedOn: '2026-11-20' });
    await actOn(city, id, 'chooseWrittenReview', { reason: '事实清楚' });
    const med = await actOn(city, id, 'startDamagesMediation', { claims: '请求被请求人赔偿经济损失 20 万元', amountClaimed: 200000 });
    expect(med.statusCode, med.body).toBe(200);
    expect(med.json().status).toBe('deliberating');
    expect(med.json().mediations).toEqual([expect.objectContaining({ mediationNo: expect.any(String) })]);
    const dec = await actOn(leader, id, 'decide', {
      decision: 'infringement', orders: ['stopManufacture', 'stopSale', 'destroyProducts'], decisionSummary: '被请求人制造、销售的产品落入涉案专利保护范围，联系电话 13812345678 的请求人欧阳娜娜的请求成立。',
    });
    expect(dec.statusCode, dec.body).toBe(200);
    expect(dec.json().abilities.publish).toBe(false); // the head decides; the publisher publishes
    expect((await city.get(`/api/adjudications/${id}`)).json().abilities.publish).toBe(true);
    const draft = await city.get(`/api/adjudication-publications/draft?adjudicationId=${id}`);
    expect(draft.statusCode, draft.body).toBe(200);
    const d = draft.json();
    expect(d.body).toContain('欧阳某');
    expect(d.body).not.toContain('欧阳娜娜');
    expect(d.body).not.toContain('13812345678');
    expect(d.body).toContain('立即停止制造侵权产品');
    expect(d.autoRedactions.join()).toContain('自然人姓名');
    const pub = await city.post('/api/adjudication-publications', { adjudicationId: id, version: d.version, title: d.title, body: `${d.body}\n工艺参数：温度 300 度`.replace('工艺参数：温度 300 度', ''), redactions: ['商业秘密：工艺参数 1 处'] });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json()).toMatchObject({ status: 'published', publishedOn: '2026-11-20', redactions: expect.arrayContaining(['商业秘密：工艺参数 1 处']) });
    const dup = await city.post('/api/adjudication-publications', { adjudicationId: id, version: d.version + 1, title: d.title, body: d.body });
    expect(dup.statusCode).toBe(409);
    const list = (await t.anonymous().get('/api/public/adjudication-decisions?q=%E6%AC%A7%E9%98%B3%E6%9F%90')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ requesterName: '欧阳某', respondentName: '岱岳某某设备厂', decisionLabel: expect.stringContaining('侵权') });
    expect((await t.anonymous().get('/api/public/adjudication-decisions?q=%E6%AC%A7%E9%98%B3%E5%A8%9C%E5%A8%9C')).json().items).toHaveLength(0);
    const one = await t.anonymous().get(`/api/public/adjudication-decisions/${pub.json().id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().body).not.toContain('欧阳娜娜');
    expect(one.json().body).not.toContain(ID_PERSON);
  });

  it('the decision changed by the court withdraws the publication; the requester sees the result', async () => {
    await actOn(city, id, 'serveDecision', { party: 'requester', method: 'direct', recipient: '欧阳娜娜', servedOn: '2026-11-20' });
    const served = await actOn(city, id, 'serveDecision', { party: 'respondent', method: 'electronic', electronicConsent: true, recipient: '岱岳某某设备厂', servedOn: '2026-11-20' });
    expect(served.json()).toMatchObject({ status: 'lawsuitWindow', lawsuitDueOn: '2026-12-07' });
    const suit = await actOn(city, id, 'recordLawsuit', { plaintiff: 'respondent', court: '泰安市中级人民法院', caseNo: '（2026）鲁09行初88号', filedOn: '2026-11-20' });
    expect(suit.statusCode, suit.body).toBe(200);
    const judged = await actOn(city, id, 'recordJudgment', { result: 'changed', judgedOn: '2026-11-20' });
    expect(judged.json()).toMatchObject({ status: 'effective', judgmentResult: 'changed', publication: { status: 'withdrawn', withdrawnReason: expect.stringContaining('变更') } });
    expect((await t.anonymous().get('/api/public/adjudication-decisions')).json().items.map((x: any) => x.id)).not.toContain(judged.json().publication.id);
    expect((await t.anonymous().get(`/api/public/adjudication-decisions/${judged.json().publication.id}`)).statusCode).toBe(404);
  });

  it('withdrawing a publication by hand needs a reason and the version', async () => {
    const a = (await city.post('/api/adjudications', windowBody())).json();
    await actOn(city, a.id, 'file', { panel: await panel(t) });
    await actOn(city, a.id, 'serveRequest', { method: 'direct', recipient: '岱岳某某设备厂', servedOn: '2026-11-20' });
    await actOn(city, a.id, 'recordAnswer', { receivedOn: '2026-11-20' });
    await actOn(city, a.id, 'chooseWrittenReview', { reason: '事实清楚' });
    await actOn(leader, a.id, 'decide', { decision: 'noInfringement', decisionSummary: '被控产品未落入涉案专利保护范围，驳回请求。' });
    const d = (await city.get(`/api/adjudication-publications/draft?adjudicationId=${a.id}`)).json();
    expect((await county1.get(`/api/adjudication-publications/draft?adjudicationId=${a.id}`)).statusCode).toBe(403);
    const p = (await city.post('/api/adjudication-publications', { adjudicationId: a.id, version: d.version, title: d.title, body: d.body })).json();
    const noReason = await city.post(`/api/adjudication-publications/${p.id}/withdraw`, { version: p.version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const stale = await city.post(`/api/adjudication-publications/${p.id}/withdraw`, { version: p.version + 1, reason: '裁决书文字有误' });
    expect(stale.statusCode).toBe(409);
    const w = await city.post(`/api/adjudication-publications/${p.id}/withdraw`, { version: p.version, reason: '裁决书文字有误，更正后重新公开' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-11-20' });
    const again = (await city.get(`/api/adjudications/${a.id}`)).json();
    expect(again.abilities.publish).toBe(true);
    const re = await city.post('/api/adjudication-publications', { adjudicationId: a.id, version: again.version, title: d.title, body: d.body });
    expect(re.statusCode, re.body).toBe(201);
    expect(re.json()).toMatchObject({ id: p.id, status: 'published' });
  });
});

describe('evaluation report and ending without a decision', () => {
  it('a utility model without a report: the report is required, then the request is dismissed', async () => {
    const a = (await city.post('/api/adjudications', windowBody({ patent: { patentNo: `ZL${UM_DIGITS}`, type: 'utilityModel', title: '一种便携式支架', patentee: '泰安某某机械有限公司' } }))).json();
    expect(a.patentCheck).toBe('valid');
    expect(a.evaluationReportExpected).toBe(true);
    let d = (await actOn(city, a.id, 'file', { panel: await panel(t) })).json();
    expect(d.allowedActions).toContain('requestEvaluationReport');
    expect(d.allowedActions).not.toContain('dismissNoReport');
    const early = await actOn(city, a.id, 'dismissNoReport', { note: '未提供' });
    expect(early.statusCode).toBe(409);
    d = (await actOn(city, a.id, 'requestEvaluationReport', { dueOn: '2026-12-20' })).json();
    expect(d.allowedActions).toContain('dismissNoReport');
    expect(d.allowedActions).not.toContain('requestEvaluationReport');
    d = (await actOn(city, a.id, 'dismissNoReport', { note: '请求人逾期无正当理由未提供专利权评价报告' })).json();
    expect(d).toMatchObject({ status: 'closed', endedReason: 'dismissedNoReport', closedOn: '2026-11-20' });
    expect(d.deadlines.every((x: any) => x.completedOn !== null)).toBe(true);
    expect(d.deadlineState).toBeNull();
  });

  it('an invention needs no report; withdrawal closes the case and every open deadline', async () => {
    const a = (await city.post('/api/adjudications', windowBody())).json();
    let d = (await actOn(city, a.id, 'file', { panel: await panel(t) })).json();
    expect(d.allowedActions).not.toContain('requestEvaluationReport');
    d = (await actOn(city, a.id, 'withdraw', { note: '请求人书面申请撤回' })).json();
    expect(d).toMatchObject({ status: 'closed', endedReason: 'withdrawn' });
    expect(deadline(d, 'adjudication.decision').completedOn).toBe('2026-11-20');
  });
});
