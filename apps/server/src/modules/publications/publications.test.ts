import { maskIdNo, residentIdCheckChar } from '@zhichan/shared';
import type { Insertable } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import type { CasesTable } from '../../db/schema';
import { openDeadline } from '../deadlines/deadlines.service';
import { publicationExpiryJob } from './publication-expiry.job';
import { withdrawPublicationForCase } from './publications.service';

let t: TestApp;
let county1Unit: number;
let county2Unit: number;
/** 岱岳区局 leader: may publish (case.publish), scope = the county. */
let head2: TestClient;
let head1: TestClient;
let seq = 0;

const ID_NO = '37091119850312123' + residentIdCheckChar('37091119850312123')!;

async function unitOf(username: string): Promise<number> {
  const u = await t.deps.db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow();
  return u.unitId!;
}

/** Case rows are written directly: the cases module is built in parallel. Default: a decided trademark case of 岱岳区局. */
async function insertCase(over: Partial<Insertable<CasesTable>> = {}): Promise<number> {
  seq++;
  const row = await t.deps.db
    .insertInto('cases')
    .values({
      caseNo: `泰岱市监立〔2026〕${200 + seq}号`,
      unitId: county2Unit,
      caseType: 'trademarkInfringement',
      procedure: 'ordinary',
      title: '销售侵犯注册商标专用权商品案',
      partyKind: 'organization',
      partyName: `泰安市岱岳区某某商贸有限公司${seq}`,
      partyUscc: '91370911MA3C12345X',
      partyAddress: '山东省泰安市岱岳区粥店街道长城路1号',
      partyLegalRep: '李四',
      facts: '当事人于2026年5月起在其经营场所销售假冒“泰山”注册商标的茶叶120盒。',
      filedOn: '2026-08-03',
      status: 'decided',
      decision: 'penalty',
      decisionOn: '2026-11-02',
      decisionDocNo: `泰岱市监罚〔2026〕${seq}号`,
      penaltyKinds: ['orderToStop', 'confiscateGoods', 'fine'],
      fineAmount: 12500,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function openCaseDeadline(caseId: number, ruleKey: string, startOn: string) {
  return t.deps.db.transaction().execute((trx) =>
    openDeadline(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: caseId, title: ruleKey, unitId: county2Unit, ruleKey, startOn }),
  );
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

beforeAll(async () => {
  // Friday 2026-11-20, 10:00 in China.
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  county1Unit = await unitOf('county1');
  county2Unit = await unitOf('county2');
  head2 = await t.login('county2head');
  head1 = await t.login('county1head');
});
afterAll(() => t.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('待公示 candidates (总局令第45号 第二条, 第九条)', () => {
  it('lists decided ordinary-procedure penalties not yet published, in scope, with the 20-working-day deadline', async () => {
    const due = await insertCase({ decisionOn: '2026-11-02' });
    const late = await insertCase({ decisionOn: '2026-10-20' });
    const warningOnly = await insertCase({ penaltyKinds: ['warning', 'orderToStop'], fineAmount: null });
    const simplified = await insertCase({ procedure: 'simplified' });
    const noDocNo = await insertCase({ decisionDocNo: null });
    const noPenalty = await insertCase({ decision: 'noPenalty' });
    const otherCounty = await insertCase({ unitId: county1Unit });
    const res = await head2.get('/api/penalty-publications/candidates?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((c: { caseId: number }) => c.caseId);
    expect(ids).toEqual(expect.arrayContaining([due, late]));
    for (const id of [warningOnly, simplified, noDocNo, noPenalty, otherCounty]) expect(ids).not.toContain(id);
    // Oldest decision first.
    expect(ids.indexOf(late)).toBeLessThan(ids.indexOf(due));
    const item = res.json().items.find((c: { caseId: number }) => c.caseId === due);
    // Decided Monday 2026-11-02: 20 working days → Monday 2026-11-30; 6 working days left on 2026-11-20.
    expect(item.deadline).toMatchObject({
      dueOn: '2026-11-30', state: 'normal', workingDaysLeft: 6, computed: true,
      basis: { regulation: '市场监督管理行政处罚信息公示规定', article: '第九条' },
    });
    expect(item.abilities).toEqual({ publish: true });
    // Decided 2026-10-20: due 2026-11-17, overdue (红灯) today.
    expect(res.json().items.find((c: { caseId: number }) => c.caseId === late).deadline).toMatchObject({ dueOn: '2026-11-17', state: 'overdue' });
    // The other county only sees its own.
    const other = (await head1.get('/api/penalty-publications/candidates?pageSize=100')).json().items.map((c: { caseId: number }) => c.caseId);
    expect(other).toContain(otherCounty);
    expect(other).not.toContain(due);
  });

  it('shows the deadline opened by the cases module when there is one', async () => {
    const caseId = await insertCase({ decisionOn: '2026-11-09' });
    await openCaseDeadline(caseId, 'penalty.publication', '2026-11-09');
    const item = (await head2.get('/api/penalty-publications/candidates?pageSize=100')).json().items.find((c: { caseId: number }) => c.caseId === caseId);
    expect(item.deadline).toMatchObject({ dueOn: '2026-12-07', computed: false, state: 'normal' });
  });
});

describe('preview: summary and redaction (第四条, 第六条)', () => {
  it('a natural person: surname + 某, ID and phone masked, address to the county; nothing of them in the answer', async () => {
    const caseId = await insertCase({
      partyKind: 'person', partyName: '张三丰', partyUscc: null, partyLegalRep: null,
      partyIdNoEnc: t.deps.cipher.encrypt(ID_NO), partyIdNoMasked: '370911********',
      partyAddress: '山东省泰安市岱岳区粥店街道长城路88号',
      facts: `张三丰（身份证号${ID_NO}，联系电话13812341234）在其经营的门店内销售假冒注册商标的白酒。张三丰对违法事实无异议。`,
      decisionSummary: null, fineAmount: '8000.00', penaltyKinds: ['orderToStop', 'fine'],
    });
    const res = await head2.get(`/api/penalty-publications/preview?caseId=${caseId}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(res.body).not.toContain('张三丰');
    expect(res.body).not.toContain(ID_NO);
    expect(res.body).not.toContain('13812341234');
    expect(res.body).not.toContain('长城路88号');
    expect(p.summary).toEqual({
      docNo: expect.stringMatching(/^泰岱市监罚〔2026〕\d+号$/), partyName: '张某', partyUscc: null, violationType: '侵犯注册商标专用权',
      penaltyContent: '责令立即停止侵权行为；罚款人民币8,000.00元。', authorityName: '岱岳区市场监督管理局', decidedOn: '2026-11-02',
    });
    expect(p.body).toContain('当事人：张某');
    expect(p.body).toContain('张某对违法事实无异议');
    expect(p.body).toContain(maskIdNo(ID_NO));
    expect(p.body).toContain('138****1234');
    expect(p.body).toContain('住址：山东省泰安市岱岳区****');
    expect(p.redactions).toEqual(['自然人姓名 2 处', '身份证号码 1 处', '电话号码 1 处']);
    // No threshold configured for Shandong: a fine is suggested for three years.
    expect(p).toMatchObject({ suggestedPeriod: 'threeYears', lowFineThresholdYuan: null, publishedOn: '2026-11-20', expiresOn: { threeMonths: '2027-02-20', threeYears: '2029-11-20' } });
    expect(p.periodReason).toContain('未配置');
  });

  it('an organisation is published with its name, credit code, address and legal representative', async () => {
    const caseId = await insertCase();
    const p = (await head2.get(`/api/penalty-publications/preview?caseId=${caseId}`)).json();
    expect(p.summary.partyName).toMatch(/^泰安市岱岳区某某商贸有限公司\d+$/);
    expect(p.summary.partyUscc).toBe('91370911MA3C12345X');
    expect(p.body).toContain('住所：山东省泰安市岱岳区粥店街道长城路1号');
    expect(p.body).toContain('法定代表人（负责人）：李四');
    expect(p.summary.penaltyContent).toBe('责令立即停止侵权行为；没收、销毁侵权商品和主要用于违法行为的工具；罚款人民币12,500.00元。');
  });

  it('preview needs case.publish; a county officer gets 403, another county 404, a warning-only case 409', async () => {
    const caseId = await insertCase();
    const officer = await t.login('county2');
    expect((await officer.get(`/api/penalty-publications/preview?caseId=${caseId}`)).statusCode).toBe(403);
    expect((await head1.get(`/api/penalty-publications/preview?caseId=${caseId}`)).statusCode).toBe(404);
    const warningOnly = await insertCase({ penaltyKinds: ['warning'], fineAmount: null });
    const res = await head2.get(`/api/penalty-publications/preview?caseId=${warningOnly}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', message: '仅受到警告行政处罚的不予公示（总局令第45号 第二条）', details: { allowedActions: [] } });
  });
});

describe('publish (第九条, 第十三条)', () => {
  it('publishes with the suggested period, completes the publication deadlines, audits; the portal lists it', async () => {
    const caseId = await insertCase();
    const d1 = await openCaseDeadline(caseId, 'penalty.publication', '2026-11-02');
    const d2 = await openCaseDeadline(caseId, 'penalty.portalPublication', '2026-11-02');
    const res = await head2.post('/api/penalty-publications', { caseId });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      caseId, status: 'published', statusLabel: '公示中', period: 'threeYears', periodLabel: '三年', publishedOn: '2026-11-20',
      expiresOn: '2029-11-20', authorityName: '岱岳区市场监督管理局', unitId: county2Unit, version: 1, abilities: { withdraw: true },
    });
    const deadlines = await t.deps.db.selectFrom('deadlines').select(['id', 'completedOn', 'state']).where('id', 'in', [d1.id, d2.id]).orderBy('id').execute();
    // The 20 working days (due 2026-11-30) were kept; the portal's 7 working days (due 2026-11-11) were not, and that stays on record.
    expect(deadlines).toEqual([{ id: d1.id, completedOn: '2026-11-20', state: 'done' }, { id: d2.id, completedOn: '2026-11-20', state: 'done' }]);
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action', 'after']).where('entityType', '=', 'penaltyPublication').where('entityId', '=', String(p.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['publication.publish']);

    const anon = t.anonymous();
    const list = (await anon.get('/api/public/penalties?pageSize=100')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(p.id);
    const detail = await anon.get(`/api/public/penalties/${p.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ docNo: p.docNo, partyName: p.partyName, body: p.body, expiresOn: '2029-11-20' });
    // Search by document number, party and violation type.
    for (const q of [p.docNo, p.partyName.slice(-6), '商标']) {
      const found = (await anon.get(`/api/public/penalties?q=${encodeURIComponent(q)}&pageSize=100`)).json();
      expect(found.items.map((i: { id: number }) => i.id)).toContain(p.id);
    }
    expect((await anon.get('/api/public/penalties?q=' + encodeURIComponent('没有这个当事人'))).json().total).toBe(0);

    // Not a candidate any more: a second publication is refused.
    const again = await head2.post('/api/penalty-publications', { caseId });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ACTION_NOT_ALLOWED');
    const candidates = (await head2.get('/api/penalty-publications/candidates?pageSize=100')).json().items.map((c: { caseId: number }) => c.caseId);
    expect(candidates).not.toContain(caseId);
  });

  it('a low fine under a configured provincial threshold: three months (第十三条第二款)', async () => {
    vi.stubEnv('PENALTY_PUBLICATION_LOW_FINE_YUAN', '20000');
    const caseId = await insertCase({ penaltyKinds: ['orderToStop', 'fine'], fineAmount: 12500 });
    const preview = (await head2.get(`/api/penalty-publications/preview?caseId=${caseId}`)).json();
    expect(preview).toMatchObject({ suggestedPeriod: 'threeMonths', lowFineThresholdYuan: 20000 });
    const res = await head2.post('/api/penalty-publications', { caseId });
    expect(res.json()).toMatchObject({ period: 'threeMonths', expiresOn: '2027-02-20' });
  });

  it('the officer may choose the period; the edited text is cleaned of personal data again', async () => {
    const caseId = await insertCase({ partyKind: 'person', partyName: '王小二', partyUscc: null, partyLegalRep: null, partyAddress: null });
    const body = '当事人王小二，电话 0538-8221234，销售侵权商品，决定罚款。（此处已删去商业秘密内容）';
    const res = await head2.post('/api/penalty-publications', { caseId, body, period: 'threeMonths' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ period: 'threeMonths', expiresOn: '2027-02-20', partyName: '王某' });
    expect(res.json().body).toBe('当事人王某，电话 053*****1234，销售侵权商品，决定罚款。（此处已删去商业秘密内容）');
  });

  it('bad input → 400 with paths; not a candidate → 409; outside scope → 404; without case.publish → 403', async () => {
    const bad = await head2.post('/api/penalty-publications', { caseId: 'x', body: '短', period: 'forever' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad).sort()).toEqual(['body.body', 'body.caseId', 'body.period']);
    const simplified = await insertCase({ procedure: 'simplified' });
    const r409 = await head2.post('/api/penalty-publications', { caseId: simplified });
    expect(r409.statusCode).toBe(409);
    expect(r409.json().message).toContain('简易程序');
    const notDecided = await insertCase({ decision: null, decisionOn: null, status: 'investigating' });
    expect((await head2.post('/api/penalty-publications', { caseId: notDecided })).statusCode).toBe(409);
    const otherCounty = await insertCase({ unitId: county1Unit });
    expect((await head2.post('/api/penalty-publications', { caseId: otherCounty })).statusCode).toBe(404);
    const officer = await t.login('county2');
    expect((await officer.post('/api/penalty-publications', { caseId: await insertCase() })).statusCode).toBe(403);
    expect((await head2.post('/api/penalty-publications', { caseId: 999999 })).statusCode).toBe(404);
  });
});

describe('withdraw (第十一条: three working days)', () => {
  it('stale version → 409; bad reason → 400; withdrawn with its deadline; the portal no longer shows it', async () => {
    const caseId = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId })).json();
    expect((await head1.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '行政复议决定撤销原处罚决定', version: 1 })).statusCode).toBe(404);
    const stale = await head2.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '行政复议决定撤销原处罚决定', version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const bad = await head2.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '撤', version: 1, changedOn: '2026-13-01' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad).sort()).toEqual(['body.changedOn', 'body.reason']);
    const future = await head2.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '行政复议决定撤销原处罚决定', version: 1, changedOn: '2026-11-23' });
    expect(future.statusCode).toBe(400);

    // Revoked by the reconsideration body on Tuesday 2026-11-17: 3 working days → Friday 2026-11-20, today: in time.
    const res = await head2.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '行政复议决定撤销原处罚决定', version: 1, changedOn: '2026-11-17' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', withdrawnOn: '2026-11-20', withdrawReason: '行政复议决定撤销原处罚决定', version: 2, abilities: { withdraw: false } });
    const d = await t.deps.db.selectFrom('deadlines').innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select(['deadlines.startOn', 'deadlines.dueOn', 'deadlines.completedOn'])
      .where('deadlines.entityType', '=', 'case').where('deadlines.entityId', '=', String(caseId)).where('deadlineRules.key', '=', 'penalty.publicationWithdrawal')
      .executeTakeFirstOrThrow();
    expect(d).toEqual({ startOn: '2026-11-17', dueOn: '2026-11-20', completedOn: '2026-11-20' });
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action', 'after']).where('entityType', '=', 'penaltyPublication').where('entityId', '=', String(p.id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['publication.publish', 'publication.withdraw']);
    expect(audit[1]!.after).toMatchObject({ inTime: true, changedOn: '2026-11-17' });

    const anon = t.anonymous();
    expect((await anon.get(`/api/public/penalties/${p.id}`)).statusCode).toBe(404);
    expect((await anon.get('/api/public/penalties?pageSize=200')).json().items.map((i: { id: number }) => i.id)).not.toContain(p.id);
    const again = await head2.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '重复撤回测试', version: 2 });
    expect(again.statusCode).toBe(409);
    // The admin list keeps it under 已撤回.
    const withdrawn = (await head2.get('/api/penalty-publications?status=withdrawn')).json().items.map((i: { id: number }) => i.id);
    expect(withdrawn).toContain(p.id);
  });

  it('withdrawPublicationForCase (the cases module, on revocation) withdraws today; before publication it closes the open deadlines', async () => {
    const published = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId: published })).json();
    const unpublished = await insertCase();
    const d = await openCaseDeadline(unpublished, 'penalty.publication', '2026-11-02');
    await t.deps.db.transaction().execute(async (trx) => {
      await withdrawPublicationForCase(trx, t.deps, SYSTEM_CTX, published, '原处罚决定被人民法院判决撤销');
      await withdrawPublicationForCase(trx, t.deps, SYSTEM_CTX, unpublished, '原处罚决定已撤销');
    });
    expect((await head2.get(`/api/penalty-publications/${p.id}`)).json()).toMatchObject({ status: 'withdrawn', withdrawReason: '原处罚决定被人民法院判决撤销' });
    expect((await t.deps.db.selectFrom('deadlines').select('completedOn').where('id', '=', d.id).executeTakeFirstOrThrow()).completedOn).toBe('2026-11-20');
  });
});

describe('a changed or revoked decision (第十一条)', () => {
  it('a changed decision is published again after the withdrawal when the cases module opens a new publication deadline', async () => {
    const caseId = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId })).json();
    // What the cases module does on 决定变更: withdraw, then open the deadline of the changed decision.
    await t.deps.db.transaction().execute(async (trx) => {
      await withdrawPublicationForCase(trx, t.deps, SYSTEM_CTX, caseId, '决定已变更：行政复议决定变更罚款数额');
      await trx.updateTable('cases').set({ fineAmount: 6000, decisionSummary: null }).where('id', '=', caseId).execute();
      await openDeadline(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: caseId, title: '行政处罚信息公示（变更后的决定）', unitId: county2Unit, ruleKey: 'penalty.publication', startOn: '2026-11-19' });
    });
    const item = (await head2.get('/api/penalty-publications/candidates?pageSize=200')).json().items.find((c: { caseId: number }) => c.caseId === caseId);
    expect(item.deadline).toMatchObject({ dueOn: '2026-12-17', computed: false });
    const res = await head2.post('/api/penalty-publications', { caseId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: p.id, status: 'published', version: 3, withdrawnOn: null, withdrawReason: null });
    expect(res.json().penaltyContent).toContain('罚款人民币6,000.00元');
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'penaltyPublication').where('entityId', '=', String(p.id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['publication.publish', 'publication.withdraw', 'publication.republish']);
    const open = await t.deps.db.selectFrom('deadlines').select('completedOn').where('entityType', '=', 'case').where('entityId', '=', String(caseId)).where('completedOn', 'is', null).execute();
    expect(open).toEqual([]);
  });

  it('a withdrawn publication without a new decision stays withdrawn; a revoked decision is never a candidate', async () => {
    const caseId = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId })).json();
    await head2.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '原处罚决定已被撤销', version: 1 });
    const again = await head2.post('/api/penalty-publications', { caseId });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('请先在案件中登记决定变更');
    const revoked = await insertCase({ status: 'revoked' });
    expect((await head2.get('/api/penalty-publications/candidates?pageSize=200')).json().items.map((c: { caseId: number }) => c.caseId)).not.toContain(revoked);
    const r = await head2.post('/api/penalty-publications', { caseId: revoked });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('该案件的处罚决定已撤销，不予公示');
  });
});

describe('admin list and expiry (第十三条)', () => {
  it('lists by status inside the scope', async () => {
    const caseId = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId })).json();
    const mine = (await head2.get('/api/penalty-publications?status=published&pageSize=200')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(p.id);
    expect(mine.items.every((i: { status: string; unitId: number }) => i.status === 'published' && i.unitId === county2Unit)).toBe(true);
    expect((await head1.get('/api/penalty-publications?pageSize=200')).json().items.map((i: { id: number }) => i.id)).not.toContain(p.id);
    expect((await head1.get(`/api/penalty-publications/${p.id}`)).statusCode).toBe(404);
    const city = await t.login('cityip');
    expect((await city.get(`/api/penalty-publications/${p.id}`)).statusCode).toBe(200);
    const byDocNo = (await head2.get(`/api/penalty-publications?q=${encodeURIComponent(p.docNo)}`)).json();
    expect(byDocNo.items.map((i: { id: number }) => i.id)).toEqual([p.id]);
  });

  it('a three-month publication is shown through its last day, hidden the day after, and the job marks it expired', async () => {
    const caseId = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId, period: 'threeMonths' })).json();
    expect(p.expiresOn).toBe('2027-02-20');
    const anon = t.anonymous();
    try {
      t.clock.set('2027-02-20T15:00:00.000Z'); // 2027-02-20 23:00 in China: the last day
      expect((await anon.get(`/api/public/penalties/${p.id}`)).statusCode).toBe(200);
      t.clock.set('2027-02-20T16:30:00.000Z'); // 2027-02-21 00:30 in China
      expect((await anon.get(`/api/public/penalties/${p.id}`)).statusCode).toBe(404);
      expect((await anon.get('/api/public/penalties?pageSize=200')).json().items.map((i: { id: number }) => i.id)).not.toContain(p.id);
      const summary = await publicationExpiryJob.run(t.deps);
      expect(summary).toMatch(/^expired [1-9]\d* publications/);
      const row = await t.deps.db.selectFrom('penaltyPublications').select(['status', 'version']).where('id', '=', p.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'expired', version: 2 });
      // Three-year publications stay.
      const long = await t.deps.db.selectFrom('penaltyPublications').select('status').where('period', '=', 'threeYears').execute();
      expect(long.every((r) => r.status !== 'expired')).toBe(true);
      const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'penaltyPublication').where('entityId', '=', String(p.id)).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['publication.publish', 'publication.expire']);
    } finally {
      t.clock.set('2026-11-20T02:00:00.000Z');
    }
  });
});

describe('access matrix and robustness', () => {
  it('who may do what: city officer publishes a county case; leader reads only; station and anonymous users are kept out', async () => {
    const caseId = await insertCase();
    const city = await t.login('cityip');
    const leader = await t.login('leader');
    const station = await t.login('station1');
    const anon = t.anonymous();
    expect((await leader.get('/api/penalty-publications/candidates?pageSize=100')).json().items.map((c: { caseId: number }) => c.caseId)).toContain(caseId);
    expect((await leader.get('/api/penalty-publications/candidates?pageSize=100')).json().items.find((c: { caseId: number }) => c.caseId === caseId).abilities).toEqual({ publish: false });
    expect((await leader.post('/api/penalty-publications', { caseId })).statusCode).toBe(403);
    expect((await station.get('/api/penalty-publications/candidates?pageSize=100')).json().items.map((c: { caseId: number }) => c.caseId)).not.toContain(caseId);
    expect((await anon.get('/api/penalty-publications')).statusCode).toBe(401);
    expect((await anon.post('/api/penalty-publications', { caseId })).statusCode).toBe(401);
    const res = await city.post('/api/penalty-publications', { caseId });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect((await station.get(`/api/penalty-publications/${p.id}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/penalty-publications/${p.id}`)).json().abilities).toEqual({ withdraw: false });
    expect((await leader.post(`/api/penalty-publications/${p.id}/withdraw`, { reason: '原决定已被撤销', version: 1 })).statusCode).toBe(403);
  });

  it('random JSON bodies never produce a 5xx', async () => {
    const caseId = await insertCase();
    const p = (await head2.post('/api/penalty-publications', { caseId })).json();
    const cases: [string, unknown][] = [
      ['/api/penalty-publications', {}], ['/api/penalty-publications', []], ['/api/penalty-publications', null],
      ['/api/penalty-publications', { caseId: 2 ** 40 }], ['/api/penalty-publications', { caseId: -3 }], ['/api/penalty-publications', { caseId: 1, body: 7 }],
      ['/api/penalty-publications', { caseId: 1, body: 'x'.repeat(30000) }],
      [`/api/penalty-publications/${p.id}/withdraw`, {}], [`/api/penalty-publications/${p.id}/withdraw`, { reason: 5, version: 'a' }],
      [`/api/penalty-publications/${p.id}/withdraw`, { reason: '撤销撤销撤销', version: 2 ** 40 }],
      ['/api/penalty-publications/99999999999/withdraw', { reason: '撤销撤销撤销', version: 1 }],
    ];
    for (const [url, b] of cases) {
      const res = await head2.request({ method: 'POST', url, payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, `${url} ${JSON.stringify(b)?.slice(0, 80)} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const url of ['/api/public/penalties?page=0', '/api/public/penalties?pageSize=1000', '/api/public/penalties/abc', '/api/penalty-publications/preview?caseId=x', '/api/penalty-publications?status=gone']) {
      const res = await head2.get(url);
      expect(res.statusCode, url).toBe(400);
    }
  });
});
