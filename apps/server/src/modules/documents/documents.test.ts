import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CTX } from '../../access/actor';
import { readDocx, runProperties } from '../../lib/docx/docx-inspect';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { generateDocument, latestDocument } from './documents.service';

// Today (China time) is 2026-11-20: every new 文号 is of 〔2026〕.
let t: TestApp;
let cityId = 0;
let county1Id = 0;
let county2Id = 0;
let station1Id = 0;
const users: Record<string, number> = {};
const certs: Record<string, string> = {};
let county2: TestClient;
let leadSeq = 0;
let caseSeq = 0;

async function unitId(name: string) {
  return (await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

const json = (v: unknown) => JSON.stringify(v);

async function insertLead(over: Record<string, unknown> & { unitId: number }) {
  leadSeq++;
  const row = await t.deps.db
    .insertInto('leads')
    .values({
      leadNo: `XS-2026-370900-${String(leadSeq).padStart(6, '0')}`,
      kind: 'complaint',
      source: 'hotline12315',
      ipType: 'trademark',
      title: '销售假冒“泰山”注册商标的矿泉水',
      facts: '投诉人称在被投诉人门店购买的矿泉水使用了与“泰山”注册商标近似的标识。',
      respondentName: '泰安市岱岳区某某便利店',
      respondentAddress: '泰安市岱岳区粥店街道某路1号',
      informantNameEnc: t.deps.cipher.encrypt('王小明'),
      informantNameMasked: '王*',
      realName: true,
      receivedOn: '2026-11-10',
      intakeUnitId: cityId,
      countyUnitId: county2Id,
      status: 'signed',
      createdAt: '2026-11-10T01:00:00.000Z',
      updatedAt: '2026-11-10T01:00:00.000Z',
      ...over,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

async function leadAction(leadId: number, unit: number, action: string, toStatus: string, extra: { reasonCode?: string; note?: string; data?: unknown; actor?: string; at?: string } = {}) {
  const actor = extra.actor ?? 'county2';
  await t.deps.db
    .insertInto('leadActions')
    .values({
      leadId,
      action,
      fromStatus: null,
      toStatus,
      unitId: unit,
      toUnitId: null,
      reasonCode: extra.reasonCode ?? null,
      note: extra.note ?? null,
      data: extra.data === undefined ? null : json(extra.data),
      actorId: users[actor]!,
      actorName: actor,
      at: extra.at ?? '2026-11-12T02:00:00.000Z',
    })
    .execute();
  await t.deps.db.updateTable('leads').set({ status: toStatus }).where('id', '=', leadId).execute();
}

async function insertCase(over: Record<string, unknown> & { unitId: number }) {
  caseSeq++;
  const row = await t.deps.db
    .insertInto('cases')
    .values({
      caseNo: `泰岱市监立〔2026〕${caseSeq}号`,
      countyUnitId: county2Id,
      caseType: 'trademarkInfringement',
      procedure: 'ordinary',
      title: '销售侵犯注册商标专用权的商品',
      partyKind: 'organization',
      partyName: '泰安某某商贸有限公司',
      partyUscc: '91370911MA3C5AB70A',
      partyAddress: '泰安市岱岳区粥店街道某路8号',
      partyLegalRep: '李大山',
      facts: '当事人于2026年10月购进并销售标有“泰山”注册商标的矿泉水120箱，经商标权利人辨认为侵权商品。\n违法经营额为人民币12500元。',
      filedOn: '2026-10-20',
      status: 'reviewed',
      illegalTurnover: '12500.00',
      createdAt: '2026-10-20T01:00:00.000Z',
      updatedAt: '2026-10-20T01:00:00.000Z',
      ...over,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  const [a, b] = row.unitId === county2Id ? ['county2', 'county2b'] : ['county1', 'county1b'];
  for (const [u, role] of [[a, 'lead'], [b, 'assistant']] as const) {
    const cert = (await t.deps.db.selectFrom('users').select('lawEnforcementCertNo').where('id', '=', users[u]!).executeTakeFirstOrThrow()).lawEnforcementCertNo!;
    await t.deps.db.insertInto('caseHandlers').values({ caseId: row.id, userId: users[u]!, role, certNo: cert }).execute();
  }
  await caseAction(row.id, 'file', 'investigating', { note: '经核查，当事人涉嫌销售侵犯注册商标专用权的商品，建议立案。', at: '2026-10-20T02:00:00.000Z' });
  // The test starts the case in the status it asks for (the log's later rows are not needed for documents).
  await t.deps.db.updateTable('cases').set({ status: row.status }).where('id', '=', row.id).execute();
  await t.deps.db
    .insertInto('caseEvidence')
    .values([
      { caseId: row.id, kind: 'inspectionRecord', title: '现场检查笔录', collectedOn: '2026-10-21', collectedBy: '张三、李四', note: '当事人经营场所存放涉案商品' },
      { caseId: row.id, kind: 'documentary', title: '进货单据复印件', collectedOn: '2026-10-22', collectedBy: '张三、李四', note: '涉案商品的进货数量和价格' },
      { caseId: row.id, kind: 'partyStatement', title: '当事人询问笔录', collectedOn: '2026-10-23', collectedBy: '张三、李四', note: null },
    ])
    .execute();
  return row;
}

async function caseAction(caseId: number, action: string, toStatus: string, extra: { note?: string; data?: unknown; at?: string; actor?: string } = {}) {
  const actor = extra.actor ?? 'county2';
  await t.deps.db
    .insertInto('caseActions')
    .values({
      caseId,
      action,
      fromStatus: null,
      toStatus,
      note: extra.note ?? null,
      data: extra.data === undefined ? null : json(extra.data),
      actorId: users[actor]!,
      actorName: actor,
      at: extra.at ?? '2026-11-05T02:00:00.000Z',
    })
    .execute();
  await t.deps.db.updateTable('cases').set({ status: toStatus }).where('id', '=', caseId).execute();
}

async function decide(caseId: number, over: Record<string, unknown> = {}) {
  await caseAction(caseId, 'decide', 'decided', { at: '2026-11-18T02:00:00.000Z' });
  await t.deps.db
    .updateTable('cases')
    .set({ decision: 'penalty', decisionOn: '2026-11-18', penaltyKinds: ['orderToStop', 'confiscateGoods', 'fine'], fineAmount: '37500.00', ...over } as never)
    .where('id', '=', caseId)
    .execute();
}

async function generate(client: TestClient, body: Record<string, unknown>) {
  return client.post('/api/documents', body);
}

async function generated(client: TestClient, body: Record<string, unknown>) {
  const res = await generate(client, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; docNo: string | null; title: string; fileName: string; kind: string; supersededBy: number | null; downloadUrl: string };
}

async function docxOf(client: TestClient, id: number) {
  const res = await client.get(`/api/documents/${id}/file`);
  expect(res.statusCode, res.body).toBe(200);
  return { res, parts: await readDocx(res.rawPayload) };
}

function expectGbt9704(parts: Awaited<ReturnType<typeof readDocx>>) {
  expect(parts.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  for (const rpr of runProperties(parts.document)) expect(rpr).toMatch(/w:eastAsia="/);
  expect(parts.document).toContain('w:eastAsia="仿宋_GB2312"');
  expect(parts.document).toContain('w:eastAsia="方正小标宋简体"');
  expect(parts.footers.join('')).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
  expect(parts.settings).toContain('<w:evenAndOddHeaders/>');
}

beforeAll(async () => {
  t = await createTestApp();
  cityId = await unitId('泰安市市场监督管理局');
  county1Id = await unitId('泰山区市场监督管理局');
  county2Id = await unitId('岱岳区市场监督管理局');
  for (const u of await t.deps.db.selectFrom('users').select(['id', 'username', 'lawEnforcementCertNo']).execute()) {
    users[u.username] = u.id;
    if (u.lawEnforcementCertNo) certs[u.username] = u.lawEnforcementCertNo;
  }
  station1Id = (await t.deps.db.selectFrom('users').select('unitId').where('username', '=', 'station1').executeTakeFirstOrThrow()).unitId!;
  county2 = await t.login('county2');
});
afterAll(() => t.close());

describe('complaint notices (暂行办法)', () => {
  it('受理通知书: numbered 泰岱市监受〔2026〕1号, addressed to the complainant, citing 第十四条, laid out after GB/T 9704', async () => {
    const lead = await insertLead({ unitId: county2Id });
    await leadAction(lead.id, county2Id, 'accept', 'accepted', { at: '2026-11-13T02:00:00.000Z', data: { on: '2026-11-12' } });
    const doc = await generated(county2, { entityType: 'lead', entityId: lead.id, kind: 'acceptanceNotice' });
    expect(doc.docNo).toBe('泰岱市监受〔2026〕1号');
    expect(doc.title).toBe('受理通知书（泰岱市监受〔2026〕1号）');
    const { res, parts } = await docxOf(county2, doc.id);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('受理通知书（泰岱市监受〔2026〕1号）.docx')}`);
    expectGbt9704(parts);
    expect(parts.text).toContain('岱岳区市场监督管理局');
    expect(parts.text).toContain('泰岱市监受〔2026〕1号');
    expect(parts.text).toContain('王小明：');
    expect(parts.text).toContain('泰安市岱岳区某某便利店');
    expect(parts.text).toContain('《市场监督管理投诉举报处理暂行办法》第十四条');
    expect(parts.text).toContain('2026年11月12日');
    // The snapshot keeps the complainant's name masked; the audit row says the name was printed.
    const row = await t.deps.db.selectFrom('documents').select('data').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).not.toContain('王小明');
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action', 'after']).where('entityType', '=', 'document').where('entityId', '=', String(doc.id)).executeTakeFirstOrThrow();
    expect(audit.action).toBe('document.generate');
    expect(audit.after).toMatchObject({ kind: 'acceptanceNotice', docNo: '泰岱市监受〔2026〕1号', personalDataPrinted: ['informantName'] });
  });

  it('不予受理通知书 cites 第十五条 with the reason code’s ground', async () => {
    const lead = await insertLead({ unitId: county2Id });
    await leadAction(lead.id, county2Id, 'reject', 'notAccepted', { reasonCode: 'timeBarred', note: '投诉人于2022年购买涉案商品' });
    const doc = await generated(county2, { entityType: 'lead', entityId: lead.id, kind: 'rejectionNotice' });
    expect(doc.docNo).toBe('泰岱市监不受〔2026〕1号');
    const { parts } = await docxOf(county2, doc.id);
    expectGbt9704(parts);
    expect(parts.text).toContain('第十五条第（四）项');
    expect(parts.text).toContain('投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年');
    expect(parts.text).toContain('本局决定不予受理');
    expect(parts.text).toContain('六十日内依法申请行政复议');
  });

  it('终止调解决定书 cites 第二十一条 with the ground and names both parties', async () => {
    const lead = await insertLead({ unitId: county2Id });
    await leadAction(lead.id, county2Id, 'accept', 'accepted', { at: '2026-11-11T02:00:00.000Z' });
    await leadAction(lead.id, county2Id, 'startMediation', 'mediating');
    const early = await generate(county2, { entityType: 'lead', entityId: lead.id, kind: 'mediationTermination' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', message: '尚未决定终止调解，不能制作终止调解决定书' });
    expect(early.json().details.allowedActions).toEqual(['acceptanceNotice']);
    await leadAction(lead.id, county2Id, 'terminateMediation', 'mediationTerminated', { reasonCode: 'absentOrRefused', at: '2026-11-19T02:00:00.000Z' });
    const doc = await generated(county2, { entityType: 'lead', entityId: lead.id, kind: 'mediationTermination' });
    expect(doc.docNo).toBe('泰岱市监终调〔2026〕1号');
    const { parts } = await docxOf(county2, doc.id);
    expect(parts.text).toContain('投诉人：王小明');
    expect(parts.text).toContain('被投诉人：泰安市岱岳区某某便利店');
    expect(parts.text).toContain('第二十一条第一款第（三）项');
    expect(parts.text).toContain('被投诉人明确拒绝调解');
    expect(parts.text).toContain('2026年11月19日');
  });

  it('立案审批表 of a report: no 文号, the verification result and the officers with their certificate numbers', async () => {
    const lead = await insertLead({ unitId: county2Id, kind: 'report', source: 'inspection', informantNameEnc: null });
    await leadAction(lead.id, county2Id, 'startVerification', 'verifying');
    const early = await generate(county2, { entityType: 'lead', entityId: lead.id, kind: 'filingApproval' });
    expect(early.statusCode).toBe(409);
    await leadAction(lead.id, county2Id, 'submitVerification', 'pendingApproval', { note: '现场检查发现涉案商品120箱。', data: { result: 'substantiated', proposal: 'fileCase' }, actor: 'county2b' });
    await t.deps.db.updateTable('leads').set({ verificationResult: 'substantiated' }).where('id', '=', lead.id).execute();
    const doc = await generated(county2, { entityType: 'lead', entityId: lead.id, kind: 'filingApproval' });
    expect(doc.docNo).toBeNull();
    const { parts } = await docxOf(county2, doc.id);
    expectGbt9704(parts);
    expect(parts.document).toContain('<w:tbl>');
    expect(parts.document).toContain('w:eastAsia="黑体"');
    for (const s of ['立案审批表', '案件来源', '监督检查发现', lead.leadNo, '简要案情', '承办人意见', '负责人审批意见', '核查结果：属实', '建议立案', `执法证号：${certs.county2}`, `执法证号：${certs.county2b}`]) {
      expect(parts.text).toContain(s);
    }
  });

  it('refuses a complaint’s 立案审批表 and a penalty document on a lead', async () => {
    const lead = await insertLead({ unitId: county2Id });
    const res = await generate(county2, { entityType: 'lead', entityId: lead.id, kind: 'filingApproval' });
    expect(res.statusCode).toBe(409);
    const wrong = await generate(county2, { entityType: 'lead', entityId: lead.id, kind: 'penaltyDecision' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual([{ path: 'body.kind', message: '线索不能制作行政处罚决定书' }]);
  });
});

describe('penalty documents (行政处罚法)', () => {
  it('行政处罚告知书: facts, evidence, legal basis, the proposed penalty and the rights to 陈述申辩 and 听证 within 5 working days', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'legalReview' });
    const early = await generate(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyNotice' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('法制审核通过后才能制作行政处罚告知书');
    await caseAction(kase.id, 'passReview', 'reviewed', { data: { proposedPenalty: { penaltyKinds: ['orderToStop', 'fine'], fineAmount: 125000 } } });
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyNotice' });
    expect(doc.docNo).toBe('泰岱市监罚告〔2026〕1号');
    const { parts } = await docxOf(county2, doc.id);
    expectGbt9704(parts);
    for (const s of [
      '行政处罚告知书', '泰安某某商贸有限公司：', '违法经营额为人民币12500元', '现场检查笔录', '进货单据复印件',
      '《中华人民共和国商标法》第五十七条', '《中华人民共和国商标法》第六十条第二款',
      '罚款人民币壹拾贰万伍仟元整（¥125,000.00）', '责令立即停止侵权行为',
      '第四十四条、第四十五条', '五个工作日内向本局提出陈述、申辩意见', '第六十三条、第六十四条', '五个工作日内向本局提出听证要求',
      '联系人：',
    ]) expect(parts.text).toContain(s);
  });

  it('the notice of a small fine to an organisation tells of 陈述申辩 but not of a hearing (第六十三条: 较大数额)', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed', penaltyKinds: ['fine'], fineAmount: '5000.00' });
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyNotice' });
    expect(doc.docNo).toBe('泰岱市监罚告〔2026〕2号');
    const { parts } = await docxOf(county2, doc.id);
    expect(parts.text).toContain('陈述、申辩');
    expect(parts.text).not.toContain('听证要求');
    // The handler decided to offer the hearing when giving the notice (cases module: notify.data.hearingRight): made again,
    // same 文号, dated the day of the 告知.
    await caseAction(kase.id, 'notify', 'noticed', { data: { noticeOn: '2026-11-09', penaltyKinds: ['fine'], fineAmount: 5000, hearingRight: true } });
    const again = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyNotice' });
    expect(again.docNo).toBe(doc.docNo);
    const p2 = (await docxOf(county2, again.id)).parts;
    expect(p2.text).toContain('五个工作日内向本局提出听证要求');
    expect(p2.text).toContain('2026年11月9日');
  });

  it('行政处罚决定书: refused before the decision; then numbered, written onto the case, with payment, late fee, remedies and publication', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await caseAction(kase.id, 'passReview', 'reviewed', { data: { proposedPenalty: { penaltyKinds: ['orderToStop', 'confiscateGoods', 'fine'], fineAmount: 37500 } } });
    const notice = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyNotice' });
    await caseAction(kase.id, 'notify', 'noticed', { at: '2026-11-07T02:00:00.000Z', data: { noticeOn: '2026-11-06', penaltyKinds: ['orderToStop', 'confiscateGoods', 'fine'], fineAmount: 37500, hearingRight: false } });
    await caseAction(kase.id, 'recordStatement', 'noticed', {
      note: '当事人称系初次销售，请求从轻处罚',
      data: { statedOn: '2026-11-08', content: '当事人称系初次销售，请求从轻处罚', review: '当事人销售数量较大，不符合从轻情形', adopted: false, waivesHearing: true },
    });

    const early = await generate(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', message: '案件尚未作出处罚决定，不能制作行政处罚决定书' });

    await decide(kase.id);
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    expect(doc.docNo).toBe('泰岱市监罚〔2026〕1号');
    const row = await t.deps.db.selectFrom('cases').select('decisionDocNo').where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(row.decisionDocNo).toBe('泰岱市监罚〔2026〕1号');

    const { parts } = await docxOf(county2, doc.id);
    expectGbt9704(parts);
    expect(parts.document).toContain('w:eastAsia="黑体"');
    expect(parts.document).toContain('w:eastAsia="楷体_GB2312"');
    for (const s of [
      '行政处罚决定书', '泰岱市监罚〔2026〕1号', '当事人：泰安某某商贸有限公司', '统一社会信用代码：91370911MA3C5AB70A', '法定代表人（负责人）：李大山',
      '一、违法事实和证据', '（一）勘验笔录、现场笔录', '二、陈述、申辩和听证情况', `于2026年11月6日以《行政处罚告知书》（${notice.docNo}）告知当事人`, '请求从轻处罚',
      '进行了复核（《中华人民共和国行政处罚法》第四十五条）：当事人销售数量较大，不符合从轻情形，不予采纳。', '当事人书面表示放弃听证。',
      '三、处罚依据和处罚决定', '罚款人民币叁万柒仟伍佰元整（¥37,500.00）', '没收、销毁侵权商品',
      '十五日内，到指定的银行或者通过电子支付系统缴纳罚款', '第六十七条第三款', '每日按罚款数额的百分之三加处罚款', '第七十二条',
      '六十日内向泰安市岱岳区人民政府申请行政复议', '六个月内依法向人民法院提起行政诉讼',
      '《市场监督管理行政处罚信息公示规定》第八条', '国家企业信用信息公示系统',
      '2026年11月18日',
    ]) expect(parts.text).toContain(s);
  });

  it('re-generating keeps the 文号, supersedes the old version and does not use up a number', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(kase.id, { fineAmount: '20000.00' });
    const first = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    expect(first.docNo).toBe('泰岱市监罚〔2026〕2号');
    // The decision's amount is corrected before service; the document is made again.
    await t.deps.db.updateTable('cases').set({ fineAmount: '22000.00' }).where('id', '=', kase.id).execute();
    const second = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    expect(second.docNo).toBe(first.docNo);
    expect(second.id).not.toBe(first.id);
    const { parts } = await docxOf(county2, second.id);
    expect(parts.text).toContain('罚款人民币贰万贰仟元整（¥22,000.00）');

    const list = (await county2.get(`/api/documents?entityType=case&entityId=${kase.id}`)).json();
    expect(list.items.map((d: { id: number; supersededBy: number | null }) => [d.id, d.supersededBy])).toEqual([[second.id, null], [first.id, second.id]]);
    const rows = await t.deps.db.selectFrom('documents').select(['docNo']).where('entityId', '=', kase.id).where('entityType', '=', 'case').execute();
    expect(rows.every((r) => r.docNo === first.docNo)).toBe(true);
    // The next case's decision takes the next number: none was used by the re-generation.
    const other = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(other.id);
    expect((await generated(county2, { entityType: 'case', entityId: other.id, kind: 'penaltyDecision' })).docNo).toBe('泰岱市监罚〔2026〕3号');
    // The case keeps the number first written.
    expect((await t.deps.db.selectFrom('cases').select('decisionDocNo').where('id', '=', kase.id).executeTakeFirstOrThrow()).decisionDocNo).toBe(first.docNo);
  });

  it('numbers per issuing bureau: 泰山区局 has its own sequence, and its station issues in the bureau’s name and sequence', async () => {
    const c1 = await t.login('county1');
    const a = await insertCase({ unitId: county1Id, countyUnitId: county1Id, status: 'reviewed' });
    await decide(a.id);
    expect((await generated(c1, { entityType: 'case', entityId: a.id, kind: 'penaltyDecision' })).docNo).toBe('泰山市监罚〔2026〕1号');
    const station = await t.login('station1');
    const b = await insertCase({ unitId: station1Id, countyUnitId: county1Id, status: 'reviewed' });
    await decide(b.id);
    const doc = await generated(station, { entityType: 'case', entityId: b.id, kind: 'penaltyDecision' });
    expect(doc.docNo).toBe('泰山市监罚〔2026〕2号');
    const { parts } = await docxOf(station, doc.id);
    expect(parts.text).toContain('泰山区市场监督管理局');
    expect(parts.text).toContain('向泰安市泰山区人民政府申请行政复议');
  });

  it('a new year starts the sequence again at 1 (the year of the day it is made, in China time)', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(kase.id);
    // 2026-12-31 16:30 UTC is already 2027-01-01 in China.
    t.clock.set('2026-12-31T16:30:00.000Z');
    try {
      // Through the service (a session would time out across the jump of the clock).
      const doc = await t.deps.db.transaction().execute((trx) => generateDocument(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' }));
      expect(doc.docNo).toBe('泰岱市监罚〔2027〕1号');
    } finally {
      t.clock.set('2026-11-20T02:00:00.000Z');
    }
  });

  it('a natural person’s decision prints the ID number (decrypted for the form), the snapshot keeps it masked', async () => {
    const kase = await insertCase({
      unitId: county2Id, status: 'reviewed', partyKind: 'person', partyName: '赵六', partyUscc: null, partyLegalRep: null,
      partyIdNoEnc: t.deps.cipher.encrypt('370902199001011234'), partyIdNoMasked: '370***********1234',
    });
    await decide(kase.id, { penaltyKinds: ['warning'], fineAmount: null });
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    const { parts } = await docxOf(county2, doc.id);
    expect(parts.text).toContain('当事人：赵六');
    expect(parts.text).toContain('居民身份证号码：370902199001011234');
    expect(parts.text).toContain('1. 警告。');
    // 总局令第45号 第二条: a warning only is not published; no fine, so no payment paragraph.
    expect(parts.text).not.toContain('国家企业信用信息公示系统');
    expect(parts.text).not.toContain('百分之三');
    const row = await t.deps.db.selectFrom('documents').select('data').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).not.toContain('370902199001011234');
    expect(JSON.stringify(row.data)).not.toContain('赵六');
  });

  it('送达回证 per service record: the document and its 文号, recipient, method, place, date and signature cells', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(kase.id);
    const decision = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    const none = await generate(county2, { entityType: 'case', entityId: kase.id, kind: 'serviceReceipt' });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toBe('尚无送达记录，请先登记送达');
    const sr = await t.deps.db
      .insertInto('serviceRecords')
      .values({ entityType: 'case', entityId: kase.id, unitId: county2Id, documentId: decision.id, documentTitle: '行政处罚决定书', method: 'direct', recipient: '泰安某某商贸有限公司（签收人：李大山）', servedOn: '2026-11-19' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const missing = await generate(county2, { entityType: 'case', entityId: kase.id, kind: 'serviceReceipt' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].path).toBe('body.serviceRecordId');
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'serviceReceipt', serviceRecordId: sr.id });
    expect(doc.docNo).toBeNull();
    const { parts } = await docxOf(county2, doc.id);
    expectGbt9704(parts);
    for (const s of ['送达回证', `行政处罚决定书（${decision.docNo}）`, '泰安某某商贸有限公司（签收人：李大山）', '直接送达', '泰安市岱岳区粥店街道某路8号', '2026年11月19日', '受送达人签名或者盖章', '送达人签名', '见证人签名']) {
      expect(parts.text).toContain(s);
    }
    // Another service record of the same case gets its own receipt (the first one is not superseded).
    const ann = await t.deps.db
      .insertInto('serviceRecords')
      .values({ entityType: 'case', entityId: kase.id, unitId: county2Id, documentId: decision.id, documentTitle: '行政处罚决定书', method: 'announcement', recipient: '泰安某某商贸有限公司', announcedOn: '2026-11-20', deemedServedOn: '2026-12-20' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const second = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'serviceReceipt', serviceRecordId: ann.id });
    const p2 = await docxOf(county2, second.id);
    expect(p2.parts.text).toContain('2026年11月20日公告，2026年12月20日视为送达');
    const list = (await county2.get(`/api/documents?entityType=case&entityId=${kase.id}`)).json();
    const receipts = list.items.filter((d: { kind: string }) => d.kind === 'serviceReceipt');
    expect(receipts.map((d: { supersededBy: number | null; serviceRecordId: number }) => [d.serviceRecordId, d.supersededBy])).toEqual([[ann.id, null], [sr.id, null]]);
    expect(list.serviceRecords.map((s: { id: number; methodLabel: string }) => [s.id, s.methodLabel])).toEqual([[sr.id, '直接送达'], [ann.id, '公告送达']]);
    // A service record of another case is not found.
    const foreign = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await t.deps.db
      .insertInto('serviceRecords')
      .values({ entityType: 'case', entityId: foreign.id, unitId: county2Id, documentTitle: '行政处罚告知书', method: 'direct', recipient: '泰安某某商贸有限公司', servedOn: '2026-11-19' })
      .execute();
    const res = await generate(county2, { entityType: 'case', entityId: foreign.id, kind: 'serviceReceipt', serviceRecordId: sr.id });
    expect(res.statusCode).toBe(404);
  });

  it('结案审批表 after execution: the decision, its 文号, service and payment, and the head’s approval', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(kase.id);
    await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
    await caseAction(kase.id, 'serve', 'executing');
    const early = await generate(county2, { entityType: 'case', entityId: kase.id, kind: 'closingApproval' });
    expect(early.statusCode).toBe(409);
    await t.deps.db.updateTable('cases').set({ servedOn: '2026-11-19', paidOn: '2026-11-20' }).where('id', '=', kase.id).execute();
    await caseAction(kase.id, 'recordPayment', 'pendingClose');
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'closingApproval' });
    const { parts } = await docxOf(county2, doc.id);
    const decisionNo = (await t.deps.db.selectFrom('cases').select('decisionDocNo').where('id', '=', kase.id).executeTakeFirstOrThrow()).decisionDocNo!;
    for (const s of ['结案审批表', kase.caseNo, '给予行政处罚', decisionNo, '决定书于2026年11月19日送达', '罚款于2026年11月20日缴清', '承办人意见', '负责人审批意见']) {
      expect(parts.text).toContain(s);
    }
    await caseAction(kase.id, 'close', 'closed', { note: '同意结案', actor: 'county2head', at: '2026-11-20T03:00:00.000Z' });
    const again = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'closingApproval' });
    const p2 = await docxOf(county2, again.id);
    expect(p2.parts.text).toContain('负责人：county2head');
  });

  it('立案审批表 of a case prints the case number and the two handlers with certificates', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'investigating' });
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'filingApproval' });
    const { parts } = await docxOf(county2, doc.id);
    for (const s of [kase.caseNo, '泰安某某商贸有限公司', '91370911MA3C5AB70A', '法定代表人（负责人）', certs.county2!, certs.county2b!, '建议立案']) expect(parts.text).toContain(s);
  });
});

describe('list, access and input', () => {
  it('lists the kinds with what the state allows, and only to users who may generate', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    const list = (await county2.get(`/api/documents?entityType=case&entityId=${kase.id}`)).json();
    expect(list.abilities).toEqual({ generate: true });
    const byKind = Object.fromEntries(list.kinds.map((k: { kind: string; allowed: boolean }) => [k.kind, k.allowed]));
    expect(byKind).toEqual({ filingApproval: true, penaltyNotice: true, penaltyDecision: false, serviceReceipt: false, closingApproval: false });
    expect(list.kinds.find((k: { kind: string }) => k.kind === 'penaltyDecision')).toMatchObject({ label: '行政处罚决定书', numbered: true, reason: '案件尚未作出处罚决定，不能制作行政处罚决定书' });

    // The leader reads every case but does not handle them: no generation.
    const leader = await t.login('leader');
    const seen = await leader.get(`/api/documents?entityType=case&entityId=${kase.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.generate).toBe(false);
    expect(seen.json().kinds.every((k: { allowed: boolean }) => !k.allowed)).toBe(true);
    expect((await generate(leader, { entityType: 'case', entityId: kase.id, kind: 'filingApproval' })).statusCode).toBe(403);
  });

  it('another county’s officer gets 404 for the list, the generation and the download', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'filingApproval' });
    const c1 = await t.login('county1');
    expect((await c1.get(`/api/documents?entityType=case&entityId=${kase.id}`)).statusCode).toBe(404);
    expect((await generate(c1, { entityType: 'case', entityId: kase.id, kind: 'filingApproval' })).statusCode).toBe(404);
    expect((await c1.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(404);
    const lead = await insertLead({ unitId: county2Id });
    expect((await c1.get(`/api/documents?entityType=lead&entityId=${lead.id}`)).statusCode).toBe(404);
    // The city bureau's officer (unit and below) sees it; a station of another county does not.
    const city = await t.login('cityip');
    expect((await city.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(200);
    const station = await t.login('station1');
    expect((await station.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(404);
    // Anonymous: 401.
    expect((await t.anonymous().get(`/api/documents?entityType=case&entityId=${kase.id}`)).statusCode).toBe(401);
  });

  it('the generated file is also readable through /api/files/:id for those who may read the record', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    const doc = await generated(county2, { entityType: 'case', entityId: kase.id, kind: 'filingApproval' });
    const fileId = (await t.deps.db.selectFrom('documents').select('fileId').where('id', '=', doc.id).executeTakeFirstOrThrow()).fileId;
    expect((await county2.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await t.login('county1')).get(`/api/files/${fileId}`)).statusCode).toBe(404);
  });

  it('bad input answers 400 with the field paths', async () => {
    const res = await generate(county2, { entityType: 'letter', entityId: -1, kind: 'letter' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['body.entityId', 'body.entityType', 'body.kind']);
    const q = await county2.get('/api/documents?entityType=case&entityId=abc');
    expect(q.statusCode).toBe(400);
    expect(q.json().details[0].path).toBe('querystring.entityId');
    expect((await county2.get('/api/documents/999999/file')).statusCode).toBe(404);
    expect((await generate(county2, { entityType: 'case', entityId: 999999, kind: 'filingApproval' })).statusCode).toBe(404);
  });
});

describe('the cross-module contract', () => {
  it('generateDocument runs in the caller’s transaction; latestDocument finds the current version', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(kase.id);
    const dto = await t.deps.db.transaction().execute((trx) => generateDocument(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' }));
    expect(dto.docNo).toMatch(/^泰岱市监罚〔2026〕\d+号$/);
    expect(dto.generatedById).toBeNull();
    const again = await t.deps.db.transaction().execute((trx) => generateDocument(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' }));
    const latest = await latestDocument(t.deps.db, 'case', kase.id, 'penaltyDecision');
    expect(latest).toMatchObject({ id: again.id, docNo: dto.docNo, supersededBy: null });
    expect(await latestDocument(t.deps.db, 'case', kase.id, 'closingApproval')).toBeUndefined();
  });

  it('a rolled-back caller leaves no document and no number used', async () => {
    const kase = await insertCase({ unitId: county2Id, status: 'reviewed' });
    await decide(kase.id);
    const before = await t.deps.db.selectFrom('recordCounters').select('lastSeq').where('scope', '=', `doc:${county2Id}:penaltyDecision`).executeTakeFirstOrThrow();
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await generateDocument(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: kase.id, kind: 'penaltyDecision' });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await latestDocument(t.deps.db, 'case', kase.id, 'penaltyDecision')).toBeUndefined();
    const after = await t.deps.db.selectFrom('recordCounters').select('lastSeq').where('scope', '=', `doc:${county2Id}:penaltyDecision`).executeTakeFirstOrThrow();
    expect(after.lastSeq).toBe(before.lastSeq);
  });
});
