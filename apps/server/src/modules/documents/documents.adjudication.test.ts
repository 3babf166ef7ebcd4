import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CTX } from '../../access/actor';
import { readDocx, runProperties } from '../../lib/docx/docx-inspect';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { generateDocument } from './documents.service';

/**
 * Adjudication (专利侵权纠纷行政裁决) and mediation (调解协议书) documents. The rows are built here directly with the fixed
 * schema of migration 0009, so these tests do not depend on the adjudication and mediation modules' endpoints.
 * Today (China time) is 2026-11-20: every new 文号 is of 〔2026〕; the city bureau's 机关代字 is 泰市监.
 */
let t: TestApp;
let cityId = 0;
let county1Id = 0;
let county2Id = 0;
const users: Record<string, number> = {};
let city: TestClient;
let adjSeq = 0;
let medSeq = 0;

const json = (v: unknown) => JSON.stringify(v);

async function unitId(name: string) {
  return (await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

type Over = Record<string, unknown>;

async function insertAdjudication(over: Over = {}) {
  adjSeq++;
  const row = await t.deps.db
    .insertInto('adjudications')
    .values({
      requestNo: `CJ-2026-370900-${String(adjSeq).padStart(6, '0')}`,
      caseNo: `泰市监专纠〔2026〕${adjSeq}号`,
      unitId: cityId,
      receivedByUnitId: cityId,
      channel: 'window',
      patentNo: 'ZL202110123456.7',
      patentType: 'utilityModel',
      patentTitle: '一种泰山石材切割装置',
      patentee: '泰安某某机械有限公司',
      patentCheck: 'valid',
      requesterKind: 'organization',
      requesterName: '泰安某某机械有限公司',
      requesterUscc: '91370900MA3C5AB70A',
      requesterAddress: '泰安市泰山区东岳大街1号',
      requesterRole: 'patentee',
      requesterAgent: '孙律师（山东某某律师事务所）',
      respondentKind: 'organization',
      respondentName: '泰安某某石材加工厂',
      respondentUscc: '91370911MA3C5AB71B',
      respondentAddress: '泰安市岱岳区满庄镇工业园8号',
      respondentLegalRep: '周大山',
      accusedProduct: '被请求人制造、销售的TS-200型石材切割机',
      claimsComparison: '被控侵权产品具备涉案专利权利要求1的全部技术特征：机架、切割刀盘、导轨和冷却水路。',
      requests: '责令被请求人立即停止制造、销售侵权产品，销毁库存侵权产品',
      factsReasons: '被请求人未经许可，制造、销售落入涉案专利权利要求1保护范围的石材切割机',
      noLawsuitDeclared: true,
      receivedOn: '2026-10-09',
      status: 'filed',
      filedOn: '2026-10-12',
      createdAt: '2026-10-09T01:00:00.000Z',
      updatedAt: '2026-10-09T01:00:00.000Z',
      ...over,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  // 合议组: three, odd, one chief.
  const panel: [string, 'chief' | 'member'][] = [['cityip', 'chief'], ['leader', 'member'], ['county1head', 'member']];
  for (const [u, role] of panel) await t.deps.db.insertInto('adjudicationHandlers').values({ adjudicationId: row.id, userId: users[u]!, role }).execute();
  await adjAction(row.id, 'register', 'requested', { at: '2026-10-09T01:00:00.000Z' });
  if (row.status !== 'requested' && row.status !== 'notAccepted') await adjAction(row.id, 'file', 'filed', { at: '2026-10-12T02:00:00.000Z' });
  await t.deps.db.updateTable('adjudications').set({ status: row.status }).where('id', '=', row.id).execute();
  return row;
}

async function adjAction(id: number, action: string, toStatus: string, extra: { note?: string; data?: unknown; at?: string } = {}) {
  await t.deps.db
    .insertInto('adjudicationActions')
    .values({
      adjudicationId: id,
      action,
      fromStatus: null,
      toStatus,
      note: extra.note ?? null,
      data: extra.data === undefined ? null : json(extra.data),
      actorId: users.cityip!,
      actorName: '张明',
      at: extra.at ?? '2026-11-12T02:00:00.000Z',
    })
    .execute();
  await t.deps.db.updateTable('adjudications').set({ status: toStatus }).where('id', '=', id).execute();
}

async function generate(client: TestClient, body: Record<string, unknown>) {
  return client.post('/api/documents', body);
}

async function generated(client: TestClient, body: Record<string, unknown>) {
  const res = await generate(client, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; docNo: string | null; title: string; fileName: string; kind: string };
}

async function docxOf(client: TestClient, id: number) {
  const res = await client.get(`/api/documents/${id}/file`);
  expect(res.statusCode, res.body).toBe(200);
  return readDocx(res.rawPayload);
}

function expectGbt9704(parts: Awaited<ReturnType<typeof readDocx>>) {
  expect(parts.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  for (const rpr of runProperties(parts.document)) expect(rpr).toMatch(/w:eastAsia="/);
  expect(parts.document).toContain('w:eastAsia="仿宋_GB2312"');
  expect(parts.document).toContain('w:eastAsia="方正小标宋简体"');
  expect(parts.footers.join('')).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
}

const adj = (id: number, kind: string, extra: Over = {}) => ({ entityType: 'adjudication', entityId: id, kind, ...extra });

async function mediatorFor(userId: number | null, name: string) {
  if (userId !== null) {
    const existing = await t.deps.db.selectFrom('mediators').select(['id', 'name']).where('userId', '=', userId).executeTakeFirst();
    if (existing) return existing;
  }
  return t.deps.db
    .insertInto('mediators')
    .values({ unitId: cityId, userId, name, kind: 'peopleMediator', expertise: ['patent'], technicalFields: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' } as never)
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

async function insertMediation(over: Over = {}, mediatorIds: number[] = []) {
  medSeq++;
  const row = await t.deps.db
    .insertInto('mediations')
    .values({
      mediationNo: `泰市监知调〔2026〕${100 + medSeq}号`,
      unitId: cityId,
      source: 'application',
      channel: 'window',
      ipType: 'patent',
      disputeType: 'infringementDamages',
      subject: '被申请人销售的石材切割机涉嫌侵犯申请人的实用新型专利权',
      claims: '被申请人停止销售并赔偿经济损失',
      amountClaimed: '200000.00',
      appliedOn: '2026-10-20',
      acceptedOn: '2026-10-22',
      status: 'agreed',
      agreementForm: 'written',
      agreementTerms: '被申请人自本协议生效之日起停止销售涉案石材切割机。\n被申请人向申请人支付赔偿金人民币伍万元。',
      agreementTermKinds: ['stopInfringement', 'compensation'],
      agreementAmount: '50000.00',
      agreementEffectiveOn: '2026-11-18',
      performanceDueOn: '2026-12-18',
      createdAt: '2026-10-20T01:00:00.000Z',
      updatedAt: '2026-10-20T01:00:00.000Z',
      ...over,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('mediationParties')
    .values([
      { mediationId: row.id, side: 'applicant', kind: 'organization', name: '泰安某某机械有限公司', uscc: '91370900MA3C5AB70A', address: '泰安市泰山区东岳大街1号', sort: 0 },
      {
        mediationId: row.id, side: 'respondent', kind: 'person', name: '刘某强', idNoEnc: t.deps.cipher.encrypt('370902198805061237'), idNoMasked: '370***********1237',
        address: '泰安市岱岳区粥店街道某村', sort: 0,
      },
    ] as never)
    .execute();
  for (const [i, mediatorId] of mediatorIds.entries()) {
    await t.deps.db.insertInto('mediationMediators').values({ mediationId: row.id, mediatorId, role: i === 0 ? 'chief' : 'member', assignedAt: '2026-10-22T02:00:00.000Z' }).execute();
  }
  await t.deps.db.insertInto('mediationSessions').values({ mediationId: row.id, heldOn: '2026-11-05', place: '泰安市市场监督管理局调解室', attendees: '双方当事人', minutes: '双方陈述意见。' }).execute();
  await t.deps.db
    .insertInto('mediationActions')
    .values({ mediationId: row.id, action: 'register', fromStatus: null, toStatus: 'applied', note: null, data: null, actorId: users.cityip!, actorName: '张明', at: '2026-10-20T01:00:00.000Z' })
    .execute();
  return row;
}

beforeAll(async () => {
  t = await createTestApp();
  cityId = await unitId('泰安市市场监督管理局');
  county1Id = await unitId('泰山区市场监督管理局');
  county2Id = await unitId('岱岳区市场监督管理局');
  for (const u of await t.deps.db.selectFrom('users').select(['id', 'username']).execute()) users[u.username] = u.id;
  // Names as a 合议组 would print them.
  for (const [u, name] of [['cityip', '张明'], ['leader', '李华'], ['county1head', '王芳']] as const) {
    await t.deps.db.updateTable('users').set({ displayName: name }).where('id', '=', users[u]!).execute();
  }
  city = await t.login('cityip');
});
afterAll(() => t.close());

describe('adjudication notices (专利法 第六十五条; 山东省专利条例)', () => {
  it('立案通知书: refused before filing; then numbered 泰市监裁立〔2026〕1号 with the case number, patent, respondent, panel and rights', async () => {
    const a = await insertAdjudication({ status: 'requested', caseNo: null, filedOn: null });
    const early = await generate(city, adj(a.id, 'adjudicationFilingNotice'));
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', message: '尚未立案，不能制作立案通知书' });
    expect(early.json().details.allowedActions).toEqual([]);

    const b = await insertAdjudication();
    const doc = await generated(city, adj(b.id, 'adjudicationFilingNotice'));
    expect(doc.docNo).toBe('泰市监裁立〔2026〕1号');
    expect(doc.title).toBe('立案通知书（泰市监裁立〔2026〕1号）');
    const parts = await docxOf(city, doc.id);
    expectGbt9704(parts);
    for (const s of [
      '泰安市市场监督管理局', '立案通知书', '泰市监裁立〔2026〕1号', '泰安某某机械有限公司：', b.caseNo!, b.requestNo,
      '侵犯实用新型专利权（专利号：ZL202110123456.7，专利名称：一种泰山石材切割装置）纠纷', '泰安某某石材加工厂',
      '本局依据《中华人民共和国专利法》第六十五条', '决定立案处理', '张明（主审）、李华、王芳组成合议组',
      '有责任提供证据', '《山东省专利条例》第二十一条', '申请其回避', '十五日内提交答辩书', '专利权评价报告', '2026年10月12日',
    ]) expect(parts.text).toContain(s);
  });

  it('不予受理通知书 cites the ground of the reason code and the remedy', async () => {
    const a = await insertAdjudication({ status: 'requested', caseNo: null, filedOn: null });
    await adjAction(a.id, 'reject', 'notAccepted', { data: { reason: 'inLitigation', reasonText: '请求人已于2026年9月向泰安市中级人民法院起诉' }, at: '2026-10-13T02:00:00.000Z' });
    const doc = await generated(city, adj(a.id, 'adjudicationRejectionNotice'));
    expect(doc.docNo).toBe('泰市监裁不受〔2026〕1号');
    const parts = await docxOf(city, doc.id);
    for (const s of [
      '不予受理通知书', '当事人已就该专利侵权纠纷向人民法院起诉', '《山东省专利条例》第十八条第一款第（五）项', '本局决定不予受理',
      '具体理由：请求人已于2026年9月向泰安市中级人民法院起诉。', '向泰安市人民政府申请行政复议', '提起行政诉讼', '2026年10月13日',
    ]) expect(parts.text).toContain(s);
    // A filed case has no 不予受理通知书.
    const b = await insertAdjudication();
    const res = await generate(city, adj(b.id, 'adjudicationRejectionNotice'));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('尚未作出不予受理决定，不能制作不予受理通知书');
  });

  it('答辩通知书 states the answer period and its source from the rule version in force (never a fixed 15)', async () => {
    const a = await insertAdjudication();
    const doc = await generated(city, adj(a.id, 'answerNotice'));
    expect(doc.docNo).toBe('泰市监裁答〔2026〕1号');
    const parts = await docxOf(city, doc.id);
    expectGbt9704(parts);
    for (const s of [
      '泰安某某石材加工厂：', '现将请求书及其附件副本送达你（单位）', '根据《专利行政执法办法》第十一条的规定', '十五日内向本局提交答辩书',
      '期满不答辩的，不影响本局对案件的处理', '申请其回避', '委托代理人', '第九十八条', '附件：请求书及其附件副本',
    ]) expect(parts.text).toContain(s);

    // The bureau enters the 2025 rule as a new version: a respondent served after it takes effect is told the new period.
    await t.deps.db
      .insertInto('deadlineRules')
      .values({ key: 'adjudication.answer', name: '被请求人答辩', effectiveFrom: '2027-01-01', amount: 20, unit: 'calendarDays', regulation: '专利纠纷行政裁决和调解办法', article: '第二十条', version: '2024年（测试版本）', trust: 'unverified', note: null, createdBy: null })
      .execute();
    const later = await insertAdjudication({ respondentServedOn: '2027-01-05' });
    const doc2 = await generated(city, adj(later.id, 'answerNotice'));
    const p2 = await docxOf(city, doc2.id);
    expect(p2.text).toContain('根据《专利纠纷行政裁决和调解办法》第二十条的规定');
    expect(p2.text).toContain('二十日内向本局提交答辩书');
    expect(p2.text).not.toContain('十五日内向本局提交答辩书');
  });

  it('口头审理通知书 only with a scheduled hearing: time, place, investigators, joint hearing and the parties’ rights', async () => {
    const a = await insertAdjudication({ status: 'answering', respondentServedOn: '2026-10-15' });
    const none = await generate(city, adj(a.id, 'oralHearingNotice'));
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toContain('尚未安排口头审理');
    await t.deps.db
      .insertInto('adjudicationHearings')
      .values({
        adjudicationId: a.id, scheduledAt: '2026-12-03T01:30:00.000Z', place: '泰安市市场监督管理局第三审理庭', online: false, noticeOn: '2026-11-20',
        technicalInvestigators: ['赵工', '钱工'], jointWithCnipa: true, status: 'scheduled',
      })
      .execute();
    await adjAction(a.id, 'scheduleHearing', 'hearingScheduled');
    const doc = await generated(city, adj(a.id, 'oralHearingNotice'));
    expect(doc.docNo).toBe('泰市监裁审〔2026〕1号');
    const parts = await docxOf(city, doc.id);
    expectGbt9704(parts);
    for (const s of [
      '泰安某某机械有限公司（请求人）、泰安某某石材加工厂（被请求人）：', '定于2026年12月3日上午9时30分在泰安市市场监督管理局第三审理庭进行口头审理',
      '复审和无效审理部联合进行', '技术调查官赵工、钱工', '合议组成员：张明（主审）、李华、王芳', '有权申请回避', '委托代理人',
      '按撤回请求处理', '缺席审理', '2026年11月20日',
    ]) expect(parts.text).toContain(s);
  });

  it('中止通知书 after suspend: the CNIPA case number and acceptance date, 细则 第九十八条 and 山东省专利条例 第十九条', async () => {
    const a = await insertAdjudication({ status: 'answering' });
    expect((await generate(city, adj(a.id, 'suspensionNotice'))).statusCode).toBe(409);
    await t.deps.db.updateTable('adjudications').set({ invalidationCaseNo: '4W117896', invalidationAcceptedOn: '2026-11-10', statusBeforeSuspension: 'answering' }).where('id', '=', a.id).execute();
    await adjAction(a.id, 'suspend', 'suspended', { data: { invalidationCaseNo: '4W117896', invalidationAcceptedOn: '2026-11-10', suspendedOn: '2026-11-16' } });
    const doc = await generated(city, adj(a.id, 'suspensionNotice'));
    expect(doc.docNo).toBe('泰市监裁止〔2026〕1号');
    const parts = await docxOf(city, doc.id);
    for (const s of [
      '中止通知书', '无效宣告请求案件编号：4W117896', '于2026年11月10日予以受理', '《中华人民共和国专利法实施细则》第九十八条',
      '《山东省专利条例》第十九条', '自2026年11月16日起中止本案的处理', '中止期间不计入本案的处理期限', '驳回请求人的请求',
    ]) expect(parts.text).toContain(s);
  });
});

describe('专利侵权纠纷行政裁决书', () => {
  it('infringement: parties (the person’s ID decrypted for print only), procedure, claims, answer, findings, numbered orders, the 15-day remedy, the panel', async () => {
    const a = await insertAdjudication({
      status: 'deliberating',
      requesterKind: 'person', requesterName: '陈某明', requesterUscc: null, requesterAddress: '泰安市泰山区岱宗大街9号',
      requesterIdNoEnc: t.deps.cipher.encrypt('370902198001011236'), requesterIdNoMasked: '370***********1236', requesterRole: 'patentee',
      patentee: '陈某明', respondentServedOn: '2026-10-15', answerReceivedOn: '2026-10-28', procedureMode: 'oral',
      invalidationCaseNo: '4W117001', invalidationResult: 'valid',
    });
    const early = await generate(city, adj(a.id, 'adjudicationDecision'));
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('尚未作出裁决，不能制作行政裁决书');
    await adjAction(a.id, 'serveRequest', 'answering', { data: { method: 'direct' }, at: '2026-10-15T02:00:00.000Z' });
    await adjAction(a.id, 'recordAnswer', 'answering', { data: { summary: '被控侵权产品使用的是现有技术，不构成侵权' }, at: '2026-10-28T02:00:00.000Z' });
    await adjAction(a.id, 'suspend', 'suspended', { at: '2026-10-30T02:00:00.000Z' });
    await adjAction(a.id, 'resume', 'answering', { at: '2026-11-06T02:00:00.000Z' });
    await t.deps.db
      .insertInto('adjudicationHearings')
      .values({ adjudicationId: a.id, scheduledAt: '2026-11-10T01:30:00.000Z', place: '第三审理庭', online: false, noticeOn: '2026-11-06', technicalInvestigators: ['赵工'], jointWithCnipa: false, status: 'held', heldOn: '2026-11-10' })
      .execute();
    await adjAction(a.id, 'holdHearing', 'deliberating', { at: '2026-11-10T02:00:00.000Z' });
    await adjAction(a.id, 'decide', 'decided', { at: '2026-11-19T02:00:00.000Z' });
    await t.deps.db
      .updateTable('adjudications')
      .set({
        decision: 'infringement', decisionOn: '2026-11-19', orders: ['stopManufacture', 'stopSale', 'destroyProducts'],
        decisionSummary: '被控侵权产品的技术特征与涉案专利权利要求1记载的全部技术特征相同，被请求人的现有技术抗辩不能成立。',
      })
      .where('id', '=', a.id)
      .execute();
    const doc = await generated(city, adj(a.id, 'adjudicationDecision'));
    expect(doc.docNo).toBe('泰市监专裁〔2026〕1号');
    expect(doc.title).toBe('专利侵权纠纷行政裁决书（泰市监专裁〔2026〕1号）');
    // The decision's 文号 is written onto the adjudication.
    expect((await t.deps.db.selectFrom('adjudications').select('decisionDocNo').where('id', '=', a.id).executeTakeFirstOrThrow()).decisionDocNo).toBe('泰市监专裁〔2026〕1号');
    const parts = await docxOf(city, doc.id);
    expectGbt9704(parts);
    for (const s of [
      '专利侵权纠纷行政裁决书', '泰市监专裁〔2026〕1号', '请求人：陈某明', '居民身份证号码：370902198001011236', '住址：泰安市泰山区岱宗大街9号',
      '被请求人：泰安某某石材加工厂', '统一社会信用代码：91370911MA3C5AB71B', '法定代表人：周大山',
      '于2026年10月12日依法立案', '张明（主审）、李华、王芳组成合议组', '本局于2026年10月15日将请求书副本送达被请求人。',
      '于2026年11月10日对本案进行了口头审理', '技术调查官赵工', '无效宣告请求案件编号：4W117001', '2026年10月30日中止处理', '维持专利权有效', '2026年11月6日恢复处理，中止期间不计入处理期限。本局于2026年11月10日对本案进行了口头审理',
      '请求人称：', '被请求人辩称：被控侵权产品使用的是现有技术，不构成侵权。', '本局查明', 'TS-200型石材切割机', '权利要求1的全部技术特征',
      '本局认为', '被请求人的现有技术抗辩不能成立', '《中华人民共和国专利法》第十一条、第六十五条', '责令被请求人泰安某某石材加工厂：',
      '一、立即停止制造侵权产品；', '二、立即停止销售侵权产品；', '三、销毁侵权产品或者使用侵权方法直接获得的产品。',
      '当事人不服本裁决的，可以自收到本裁决书之日起十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉；期满不起诉又不停止侵权行为的，本局可以申请人民法院强制执行。',
      '就侵犯专利权的赔偿数额，当事人可以请求本局进行调解', '合议组组长（主审）：张明', '合议组成员：李华  王芳', '2026年11月19日', '（印章）',
    ]) expect(parts.text).toContain(s);
    // The snapshot keeps the ID masked; the audit row lists it as printed.
    const row = await t.deps.db.selectFrom('documents').select('data').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).not.toContain('370902198001011236');
    expect(JSON.stringify(row.data)).not.toContain('陈某明');
    const audit = await t.deps.db.selectFrom('auditLogs').select('after').where('action', '=', 'document.generate').where('entityType', '=', 'document').where('entityId', '=', String(doc.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ entityType: 'adjudication', kind: 'adjudicationDecision', docNo: '泰市监专裁〔2026〕1号', decisionDocNoSet: true, personalDataPrinted: ['requesterIdNo'] });

    // Made again: the same 文号, the adjudication keeps it.
    const again = await generated(city, adj(a.id, 'adjudicationDecision'));
    expect(again.docNo).toBe(doc.docNo);
    const list = (await city.get(`/api/documents?entityType=adjudication&entityId=${a.id}`)).json();
    expect(list.items.filter((d: { kind: string }) => d.kind === 'adjudicationDecision').map((d: { supersededBy: number | null }) => d.supersededBy)).toEqual([null, again.id]);
  });

  it('no infringement: 驳回请求人的请求, the remedy without enforcement; a number the adjudication already has is used', async () => {
    const a = await insertAdjudication({ status: 'deliberating', procedureMode: 'written', claimsComparison: '被控侵权产品具备权利要求1的机架、切割刀盘和导轨，没有冷却水路。' });
    await adjAction(a.id, 'chooseWrittenReview', 'deliberating');
    await adjAction(a.id, 'decide', 'decided', { at: '2026-11-19T02:00:00.000Z' });
    await t.deps.db.updateTable('adjudications').set({ decision: 'noInfringement', decisionOn: '2026-11-19', decisionSummary: '被控侵权产品缺少权利要求1中的冷却水路特征，未落入涉案专利权的保护范围。' }).where('id', '=', a.id).execute();
    const doc = await generated(city, adj(a.id, 'adjudicationDecision'));
    expect(doc.docNo).toBe('泰市监专裁〔2026〕2号');
    const parts = await docxOf(city, doc.id);
    for (const s of ['本局依法进行书面审理', '被请求人在答辩期内未提交答辩书', '未落入涉案专利权的保护范围', '《山东省专利条例》第二十六条', '驳回请求人泰安某某机械有限公司的请求。', '十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉。']) {
      expect(parts.text).toContain(s);
    }
    expect(parts.text).not.toContain('强制执行');
    expect(parts.text).not.toContain('责令被请求人泰安某某石材加工厂：');

    const b = await insertAdjudication({ status: 'decided', decision: 'noInfringement', decisionOn: '2026-11-19', decisionDocNo: '泰市监专裁〔2026〕9号' });
    await adjAction(b.id, 'decide', 'decided');
    const preset = await generated(city, adj(b.id, 'adjudicationDecision'));
    expect(preset.docNo).toBe('泰市监专裁〔2026〕9号');
  });

  it('送达回证 of an adjudication’s service record: the respondent’s address, mail tracking number, the panel as servers', async () => {
    const a = await insertAdjudication({ status: 'answering' });
    const none = await generate(city, adj(a.id, 'serviceReceipt'));
    expect(none.statusCode).toBe(409);
    const notice = await generated(city, adj(a.id, 'answerNotice'));
    const sr = await t.deps.db
      .insertInto('serviceRecords')
      .values({ entityType: 'adjudication', entityId: a.id, unitId: cityId, documentId: notice.id, documentTitle: '答辩通知书及请求书副本', method: 'mail', recipient: '泰安某某石材加工厂', servedOn: '2026-10-16', trackingNo: '1178899223344' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const doc = await generated(city, adj(a.id, 'serviceReceipt', { serviceRecordId: sr.id }));
    expect(doc.docNo).toBeNull();
    const parts = await docxOf(city, doc.id);
    for (const s of ['送达回证', `答辩通知书及请求书副本（${notice.docNo}）`, '泰安某某石材加工厂', '邮寄送达', '泰安市岱岳区满庄镇工业园8号', '2026年10月16日', '邮件单号：1178899223344', '张明、李华、王芳']) {
      expect(parts.text).toContain(s);
    }
  });
});

describe('who may read and generate adjudication documents (三级联动)', () => {
  it('the list offers the kinds the state allows; an assisting county reads but does not generate; another county gets 404', async () => {
    const a = await insertAdjudication({ status: 'answering' });
    const list = (await city.get(`/api/documents?entityType=adjudication&entityId=${a.id}`)).json();
    expect(list.abilities).toEqual({ generate: true });
    expect(Object.fromEntries(list.kinds.map((k: { kind: string; allowed: boolean }) => [k.kind, k.allowed]))).toEqual({
      adjudicationFilingNotice: true, adjudicationRejectionNotice: false, answerNotice: true, oralHearingNotice: false, suspensionNotice: false,
      adjudicationDecision: false, serviceReceipt: false,
    });
    const filing = await generated(city, adj(a.id, 'adjudicationFilingNotice'));

    // 岱岳区局 is asked to assist: it sees the case's documents and downloads them, but may not issue them.
    await t.deps.db.insertInto('adjudicationAssists').values({ adjudicationId: a.id, unitId: county2Id, task: '现场勘验被请求人生产车间', requestedOn: '2026-11-13', status: 'open' }).execute();
    const c2 = await t.login('county2');
    const seen = await c2.get(`/api/documents?entityType=adjudication&entityId=${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.generate).toBe(false);
    expect(seen.json().kinds.every((k: { allowed: boolean }) => !k.allowed)).toBe(true);
    expect((await c2.get(`/api/documents/${filing.id}/file`)).statusCode).toBe(200);
    const refused = await generate(c2, adj(a.id, 'answerNotice'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('协助');

    // 泰山区局 neither received nor assists: 404 everywhere.
    const c1 = await t.login('county1');
    expect((await c1.get(`/api/documents?entityType=adjudication&entityId=${a.id}`)).statusCode).toBe(404);
    expect((await generate(c1, adj(a.id, 'answerNotice'))).statusCode).toBe(404);
    expect((await c1.get(`/api/documents/${filing.id}/file`)).statusCode).toBe(404);

    // A station (own unit only) of 泰山区: 404.
    const station = await t.login('station1');
    expect((await station.get(`/api/documents?entityType=adjudication&entityId=${a.id}`)).statusCode).toBe(404);

    // The leader reads every case but does not handle: no generation (403).
    const leader = await t.login('leader');
    const l = await leader.get(`/api/documents?entityType=adjudication&entityId=${a.id}`);
    expect(l.statusCode).toBe(200);
    expect(l.json().abilities.generate).toBe(false);
    expect((await generate(leader, adj(a.id, 'answerNotice'))).statusCode).toBe(403);

    // The mediator account holds no adjudication permission.
    const mediator = await t.login('mediator');
    expect((await mediator.get(`/api/documents?entityType=adjudication&entityId=${a.id}`)).statusCode).toBe(403);
    expect((await mediator.get(`/api/documents/${filing.id}/file`)).statusCode).toBe(404);
  });

  it('the county bureau that received the request sees the documents read-only', async () => {
    const a = await insertAdjudication({ receivedByUnitId: county1Id, channel: 'window' });
    const c1 = await t.login('county1');
    const seen = await c1.get(`/api/documents?entityType=adjudication&entityId=${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.generate).toBe(false);
    expect((await generate(c1, adj(a.id, 'adjudicationFilingNotice'))).statusCode).toBe(403);
  });

  it('bad input: a kind of another record type is 400 at body.kind; an unknown adjudication is 404', async () => {
    const a = await insertAdjudication();
    const wrong = await generate(city, adj(a.id, 'penaltyDecision'));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual([{ path: 'body.kind', message: '行政裁决案件不能制作行政处罚决定书' }]);
    expect((await generate(city, adj(999999, 'answerNotice'))).statusCode).toBe(404);
    expect((await city.get('/api/documents?entityType=adjudication&entityId=999999')).statusCode).toBe(404);
  });
});

describe('调解协议书 (人民调解法 第二十八条、第二十九条、第三十三条)', () => {
  it('written agreement: the committee, the mediation’s own number, parties, facts, terms, performance, effect, judicial confirmation, signatures', async () => {
    const m1 = await mediatorFor(null, '高秀兰');
    const m2 = await mediatorFor(null, '邓建国');
    const early = await insertMediation({ status: 'mediating', agreementTerms: null, agreementForm: null, agreementEffectiveOn: null }, [m1.id]);
    const refused = await generate(city, { entityType: 'mediation', entityId: early.id, kind: 'mediationAgreement' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('尚未达成调解协议，不能制作调解协议书');

    const med = await insertMediation({}, [m1.id, m2.id]);
    const doc = await generated(city, { entityType: 'mediation', entityId: med.id, kind: 'mediationAgreement' });
    expect(doc.docNo).toBe(med.mediationNo);
    expect(doc.title).toBe(`调解协议书（${med.mediationNo}）`);
    const parts = await docxOf(city, doc.id);
    expectGbt9704(parts);
    for (const s of [
      '泰安市知识产权纠纷人民调解委员会', '调解协议书', med.mediationNo,
      '申请人：泰安某某机械有限公司', '统一社会信用代码：91370900MA3C5AB70A', '被申请人：刘某强', '居民身份证号码：370902198805061237',
      '一、纠纷的主要事实、争议事项及各方当事人的责任', '于2026年10月20日申请调解', '请求金额人民币贰拾万元整（¥200,000.00）',
      '专利侵权赔偿纠纷', '指派人民调解员高秀兰（主持）、邓建国于2026年11月5日主持调解', '二、协议内容', '1. 被申请人自本协议生效之日起停止销售涉案石材切割机。',
      '2. 被申请人向申请人支付赔偿金人民币伍万元。', '人民币伍万元整（¥50,000.00）', '应当于2026年12月18日前按照上述约定履行完毕',
      '《中华人民共和国人民调解法》第三十一条', '《中华人民共和国人民调解法》第二十九条第二款', '本协议书一式三份',
      '可以自本协议生效之日起三十日内共同向当事人住所地、标的物所在地或者本调解委员会所在地的基层人民法院申请司法确认',
      '《中华人民共和国人民调解法》第三十三条', '《中华人民共和国民事诉讼法》第二百零五条', '签名、盖章或者按指印', '人民调解员', '高秀兰', '邓建国', '2026年11月18日',
    ]) expect(parts.text).toContain(s);
    expect(parts.text).not.toContain('确权');
    const row = await t.deps.db.selectFrom('documents').select('data').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).not.toContain('370902198805061237');
    const audit = await t.deps.db.selectFrom('auditLogs').select('after').where('action', '=', 'document.generate').where('entityType', '=', 'document').where('entityId', '=', String(doc.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ entityType: 'mediation', kind: 'mediationAgreement', personalDataPrinted: ['partyIdNo'] });
    // Made again: the same number.
    expect((await generated(city, { entityType: 'mediation', entityId: med.id, kind: 'mediationAgreement' })).docNo).toBe(med.mediationNo);
  });

  it('an agreement confirming ownership says why judicial confirmation is not available (民诉法解释 第三百五十五条)', async () => {
    const m = await mediatorFor(null, '高秀兰二');
    const med = await insertMediation({ disputeType: 'ownership', agreementTermKinds: ['ownership'], agreementTerms: '确认专利号ZL202110123456.7的实用新型专利权归申请人所有。', agreementAmount: null }, [m.id]);
    const doc = await generated(city, { entityType: 'mediation', entityId: med.id, kind: 'mediationAgreement' });
    const parts = await docxOf(city, doc.id);
    expect(parts.text).toContain('本协议涉及知识产权权属的确认');
    expect(parts.text).toContain('第三百五十五条第一款第（五）项');
    expect(parts.text).toContain('不能申请司法确认');
    expect(parts.text).not.toContain('三十日内共同');
  });

  it('a court-delegated mediation names the court for confirmation and for the feedback; an oral agreement has no 协议书', async () => {
    const m = await mediatorFor(null, '邓建国二');
    const med = await insertMediation({ source: 'courtDelegated', channel: 'court', courtName: '泰安市泰山区人民法院', courtCaseNo: '（2026）鲁0902诉前调1234号', materialsReceivedOn: '2026-10-21' }, [m.id]);
    const parts = await docxOf(city, (await generated(city, { entityType: 'mediation', entityId: med.id, kind: 'mediationAgreement' })).id);
    expect(parts.text).toContain('泰安市泰山区人民法院在立案前委派本调解委员会调解的纠纷（（2026）鲁0902诉前调1234号）');
    expect(parts.text).toContain('三十日内共同向泰安市泰山区人民法院申请司法确认');
    expect(parts.text).toContain('本调解委员会将调解结果反馈泰安市泰山区人民法院');

    const oral = await insertMediation({ agreementForm: 'oral' }, [m.id]);
    const res = await generate(city, { entityType: 'mediation', entityId: oral.id, kind: 'mediationAgreement' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('口头协议');
  });

  it('scope: the assigned mediator’s account reads and generates; another mediation of the unit and another county are 404', async () => {
    const own = await mediatorFor(users.mediator!, '调解员（演示）');
    const mine = await insertMediation({}, [own.id]);
    const other = await mediatorFor(null, '其他调解员');
    const notMine = await insertMediation({}, [other.id]);
    const mediator = await t.login('mediator');
    const list = await mediator.get(`/api/documents?entityType=mediation&entityId=${mine.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().abilities.generate).toBe(true);
    const doc = await generated(mediator, { entityType: 'mediation', entityId: mine.id, kind: 'mediationAgreement' });
    expect((await mediator.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(200);
    expect((await mediator.get(`/api/documents?entityType=mediation&entityId=${notMine.id}`)).statusCode).toBe(404);
    expect((await generate(mediator, { entityType: 'mediation', entityId: notMine.id, kind: 'mediationAgreement' })).statusCode).toBe(404);
    const c1 = await t.login('county1');
    expect((await c1.get(`/api/documents?entityType=mediation&entityId=${mine.id}`)).statusCode).toBe(404);
    expect((await c1.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(404);
    const wrong = await generate(city, { entityType: 'mediation', entityId: mine.id, kind: 'answerNotice' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual([{ path: 'body.kind', message: '调解案件不能制作答辩通知书' }]);
  });
});

describe('the cross-module contract', () => {
  it('generateDocument(trx, …, {entityType: adjudication}) runs in the caller’s transaction', async () => {
    const a = await insertAdjudication();
    const dto = await t.deps.db.transaction().execute((trx) => generateDocument(trx, t.deps, SYSTEM_CTX, { entityType: 'adjudication', entityId: a.id, kind: 'adjudicationFilingNotice' }));
    expect(dto).toMatchObject({ entityType: 'adjudication', entityId: a.id, kind: 'adjudicationFilingNotice', kindLabel: '立案通知书', generatedById: null });
    expect(dto.docNo).toMatch(/^泰市监裁立〔2026〕\d+号$/);
  });
});
