/**
 * 案卷评查 (score sheet, grades, closed cases only) and 执法统计 (figures on a small fixture by unit, month and type,
 * the data scope, and the .xlsx opened with exceljs).
 */
import ExcelJS from 'exceljs';
import type { CaseReviewCandidateDto, CaseReviewDto, EnforcementStatisticsDto, StatisticsRowDto } from '@zhichan/shared';
import { CASE_REVIEW_SHEET } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { loadWorkCalendar } from '../calendar/calendar.service';

let t: TestApp;
const ids = { city: 0, county1: 0, county2: 0, station1: 0 };
const cs = { a: 0, b: 0, c: 0, d: 0 };
const ls = { a: 0, b: 0, c: 0, d: 0 };
let seq = 0;

async function unitOf(username: string): Promise<number> {
  return (await t.deps.db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow()).unitId!;
}

type CaseType = 'trademarkInfringement' | 'patentCounterfeiting' | 'geographicalIndication';
async function insertCase(o: {
  unitId: number; countyUnitId: number; caseType: CaseType; filedOn: string; fromComplaint?: boolean;
  decision?: 'penalty' | 'transferToPolice'; decisionOn?: string; fine?: string; confiscated?: string; closedOn?: string;
}) {
  seq++;
  return (
    await t.deps.db
      .insertInto('cases')
      .values({
        caseNo: `泰市监立〔2026〕${600 + seq}号`, unitId: o.unitId, countyUnitId: o.countyUnitId, caseType: o.caseType, procedure: 'ordinary',
        title: `【测试】统计案件 ${seq}`, partyKind: 'organization', partyName: '泰安某有限公司', filedOn: o.filedOn, fromComplaint: o.fromComplaint ?? false,
        status: o.closedOn ? 'closed' : 'investigating', decision: o.decision ?? null, decisionOn: o.decisionOn ?? null, fineAmount: o.fine ?? null,
        confiscatedAmount: o.confiscated ?? null, closedOn: o.closedOn ?? null, createdAt: '2026-01-01T02:00:00.000Z', updatedAt: '2026-01-01T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function insertLead(o: { kind: 'complaint' | 'report' | 'lead'; unitId: number; countyUnitId: number; ipType: 'trademark' | 'patent' | 'patentAgency'; receivedOn: string; decidedOn?: string }) {
  seq++;
  return (
    await t.deps.db
      .insertInto('leads')
      .values({
        leadNo: `XS-2026-370900-${String(700000 + seq)}`, kind: o.kind, source: 'inspection', ipType: o.ipType, title: `【测试】统计线索 ${seq}`, facts: '【测试】',
        respondentName: '泰安某有限公司', receivedOn: o.receivedOn, intakeUnitId: ids.city, countyUnitId: o.countyUnitId, unitId: o.unitId,
        status: o.decidedOn ? 'caseFiled' : 'verifying', decision: o.decidedOn ? 'fileCase' : null, decidedOn: o.decidedOn ?? null,
        createdAt: '2026-01-01T02:00:00.000Z', updatedAt: '2026-01-01T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function completedDeadline(entityType: 'lead' | 'case', entityId: number, unitId: number, dueOn: string, completedOn: string) {
  const rule = await t.deps.db.selectFrom('deadlineRules').select('id').where('key', '=', entityType === 'lead' ? 'lead.verification' : 'penalty.decision').executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('deadlines')
    .values({ entityType, entityId: String(entityId), title: '【测试】', unitId, ruleId: rule.id, startOn: '2026-01-05', dueOn, state: 'done', completedOn, notifiedState: null })
    .execute();
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

const PERIOD = 'from=2026-01-01&to=2026-11-20';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  ids.city = (await t.deps.db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  ids.county1 = await unitOf('county1');
  ids.county2 = await unitOf('county2');
  ids.station1 = await unitOf('station1');
  // Cases.
  cs.a = await insertCase({ unitId: ids.county1, countyUnitId: ids.county1, caseType: 'trademarkInfringement', filedOn: '2026-03-02', fromComplaint: true, decision: 'penalty', decisionOn: '2026-04-01', fine: '12500.00', confiscated: '500.00', closedOn: '2026-04-10' });
  cs.b = await insertCase({ unitId: ids.county2, countyUnitId: ids.county2, caseType: 'patentCounterfeiting', filedOn: '2026-05-06', decision: 'transferToPolice', decisionOn: '2026-06-20', closedOn: '2026-06-30' });
  cs.c = await insertCase({ unitId: ids.station1, countyUnitId: ids.county1, caseType: 'geographicalIndication', filedOn: '2026-10-12' });
  cs.d = await insertCase({ unitId: ids.county1, countyUnitId: ids.county1, caseType: 'trademarkInfringement', filedOn: '2025-12-01', decision: 'penalty', decisionOn: '2026-01-15', fine: '3000.00', closedOn: '2026-02-10' });
  // Leads.
  ls.a = await insertLead({ kind: 'complaint', unitId: ids.county1, countyUnitId: ids.county1, ipType: 'trademark', receivedOn: '2026-03-01' });
  ls.b = await insertLead({ kind: 'report', unitId: ids.station1, countyUnitId: ids.county1, ipType: 'patent', receivedOn: '2026-02-10', decidedOn: '2026-03-01' });
  ls.c = await insertLead({ kind: 'lead', unitId: ids.county2, countyUnitId: ids.county2, ipType: 'patentAgency', receivedOn: '2026-06-01' });
  ls.d = await insertLead({ kind: 'report', unitId: ids.county1, countyUnitId: ids.county1, ipType: 'trademark', receivedOn: '2025-12-20', decidedOn: '2026-01-05' });
  // 受理 of the complaint on 2026-03-05 (Beijing).
  await t.deps.db.insertInto('leadActions').values({ leadId: ls.a, action: 'accept', fromStatus: 'signed', toStatus: 'accepted', unitId: ids.county1, at: '2026-03-05T02:00:00.000Z' }).execute();
  // Deadlines: one on time (county 1), one late (county 2).
  await completedDeadline('lead', ls.a, ids.county1, '2026-03-10', '2026-03-09');
  await completedDeadline('case', cs.b, ids.county2, '2026-06-01', '2026-06-20');
});
afterAll(() => t.close());

describe('执法统计 (statistics)', () => {
  it('by unit: each figure on the fixture, stations rolled up, 合计 from the sums', async () => {
    const res = await (await t.login('leader')).get(`/api/statistics/enforcement?${PERIOD}&groupBy=unit`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as EnforcementStatisticsDto;
    const cal = await loadWorkCalendar(t.deps.db);
    const wdA = cal.workingDaysBetween('2026-03-02', '2026-04-10');
    const wdD = cal.workingDaysBetween('2025-12-01', '2026-02-10');
    const wdB = cal.workingDaysBetween('2026-05-06', '2026-06-30');
    // 2026-03-02 (Mon) → 2026-04-10 (Fri): 29 weekdays after the start day, less 清明 (Monday 2026-04-06 off) = 28.
    expect(wdA).toBe(28);
    const c1 = s.rows.find((r) => r.key === String(ids.county1))!;
    expect(c1).toMatchObject({
      received: 2, accepted: 1, leadsVerified: 2, casesFiled: 2, complaintToCase: 1, fineYuan: 16000, fineWan: 1.6, transferredToPolice: 0,
      closedCases: 2, closedWorkingDays: wdA + wdD, avgWorkingDaysToClose: Math.round(((wdA + wdD) / 2) * 10) / 10, deadlinesCompleted: 1, deadlinesOnTime: 1, onTimeRate: 1,
    });
    const c2 = s.rows.find((r) => r.key === String(ids.county2))!;
    expect(c2).toMatchObject({ received: 1, casesFiled: 1, transferredToPolice: 1, closedCases: 1, avgWorkingDaysToClose: wdB, deadlinesCompleted: 1, onTimeRate: 0 });
    expect(s.total).toMatchObject({ label: '合计', received: 3, accepted: 1, leadsVerified: 2, casesFiled: 3, complaintToCase: 1, fineYuan: 16000, transferredToPolice: 1, closedCases: 3, onTimeRate: 0.5 });
    // Every county bureau is listed (zeros included), the city bureau first.
    expect(s.rows.length).toBe(7);
    expect(s.rows[0]!.label).toContain('（本级）');
    expect(s.preparedOn).toBe('2026-11-20');
  });

  it('by month and by type', async () => {
    const c = await t.login('leader');
    const byMonth = (await c.get(`/api/statistics/enforcement?${PERIOD}&groupBy=month`)).json() as EnforcementStatisticsDto;
    expect(byMonth.rows.map((r) => r.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const m = (k: string) => byMonth.rows.find((r) => r.key === k)!;
    expect(m('2026-03')).toMatchObject({ label: '2026年3月', received: 1, accepted: 1, leadsVerified: 1, casesFiled: 1, deadlinesCompleted: 1 });
    expect(m('2026-01')).toMatchObject({ leadsVerified: 1, fineYuan: 3000 });
    expect(m('2026-04')).toMatchObject({ fineYuan: 13000, closedCases: 1 });
    expect(byMonth.total.received).toBe(3);

    const byType = (await c.get(`/api/statistics/enforcement?${PERIOD}&groupBy=type`)).json() as EnforcementStatisticsDto;
    const ty = (k: string) => byType.rows.find((r) => r.key === k)!;
    expect(byType.rows.map((r) => r.label)).toEqual(['商标', '专利', '地理标志', '知识产权代理', '其他']);
    expect(ty('trademark')).toMatchObject({ received: 1, casesFiled: 1, fineYuan: 16000 });
    expect(ty('patent')).toMatchObject({ received: 1, casesFiled: 1, transferredToPolice: 1 });
    expect(ty('agency')).toMatchObject({ received: 1 });
    expect(ty('geographicalIndication')).toMatchObject({ casesFiled: 1 });
  });

  it('a county head sees only their county', async () => {
    const s = (await (await t.login('county2head')).get(`/api/statistics/enforcement?${PERIOD}`)).json() as EnforcementStatisticsDto;
    expect(s.rows.map((r: StatisticsRowDto) => r.key)).toEqual([String(ids.county2)]);
    expect(s.total).toMatchObject({ received: 1, casesFiled: 1, fineYuan: 0 });
  });

  it('bad period is 400 with the path; no permission is 403', async () => {
    const c = await t.login('leader');
    const bad = await c.get('/api/statistics/enforcement?from=2026-05-01&to=2026-04-01');
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['querystring.to']);
    expect(paths(await c.get('/api/statistics/enforcement?from=2026-13-01&to=2026-04-01&groupBy=year')).sort()).toEqual(['querystring.from', 'querystring.groupBy']);
    expect((await (await t.login('county1')).get(`/api/statistics/enforcement?${PERIOD}`)).statusCode).toBe(403);
  });

  it('exports an .xlsx: merged title, 制表单位 line, bordered bold headers, 合计 row, number formats, frozen header', async () => {
    const res = await (await t.login('leader')).get(`/api/statistics/enforcement.xlsx?${PERIOD}&groupBy=unit`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('执法统计')!;
    expect(String(ws.getCell('A1').value)).toContain('知识产权执法统计表（按单位）');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('K1').master.address).toBe('A1');
    expect(String(ws.getCell('A2').value)).toMatch(/制表单位：.+统计期间：2026-01-01 至 2026-11-20.+制表日期：2026-11-20/);
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual(['单位', '收到诉求/线索（件）', '投诉受理（件）', '线索核查完成（件）', '立案（件）', '诉转案（件）', '罚没金额（万元）', '移送公安（件）', '结案（件）', '平均办结工作日', '按期办结率']);
    expect(ws.getCell('B3').font.bold).toBe(true);
    expect(ws.getCell('B3').border.top?.style).toBe('thin');
    let totalRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '合计') totalRow = n;
    });
    expect(totalRow).toBe(3 + 7 + 1);
    const total = ws.getRow(totalRow);
    expect(total.getCell(1).font.bold).toBe(true);
    expect(total.getCell(2).value).toBe(3);
    expect(total.getCell(7).value).toBe(1.6);
    expect(total.getCell(7).numFmt).toBe('#,##0.00');
    expect(total.getCell(7).alignment.horizontal).toBe('right');
    expect(total.getCell(11).value).toBe(0.5);
    expect(total.getCell(11).numFmt).toBe('0.0%');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(1).width).toBe(30);
    // The definitions follow the table.
    let notes = '';
    ws.eachRow((row) => {
      notes += String(row.getCell(1).value ?? '');
    });
    expect(notes).toContain('填报说明');
    expect(notes).toContain('按期办结率');
  });
});

describe('案卷评查 (case-file review)', () => {
  const full = () => CASE_REVIEW_SHEET.map((i) => ({ key: i.key, score: i.max, note: null as string | null }));

  it('lists closed cases to review', async () => {
    const res = await (await t.login('cityip')).get('/api/case-reviews/candidates');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as CaseReviewCandidateDto[];
    expect(items.map((i) => i.caseId).sort()).toEqual([cs.a, cs.b, cs.d].sort());
    expect(items[0]).toMatchObject({ reviewCount: 0, lastGrade: null });
    expect(items.find((i) => i.caseId === cs.b)!.decisionLabel).toBe('移送公安机关');
  });

  it('scores a closed case: total, grade, deductions need a reason; an open case is 409', async () => {
    const c = await t.login('cityip');
    const open = await c.post('/api/case-reviews', { caseId: cs.c, items: full(), comments: null });
    expect(open.statusCode).toBe(409);
    expect(open.json().message).toContain('已结案');

    const over = full();
    over[0]!.score = 12;
    over[4]!.score = 6;
    const bad = await c.post('/api/case-reviews', { caseId: cs.a, items: over });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.items.0.score', 'body.items.4.note']);
    const partial = await c.post('/api/case-reviews', { caseId: cs.a, items: full().slice(0, 3) });
    expect(paths(partial)).toEqual(['body.items']);

    const items = full();
    items[1]!.score = 10;
    items[1]!.note = '询问笔录未载明执法证件出示情况';
    items[2]!.score = 11.5;
    items[2]!.note = '违法经营额证据不完整';
    items[7]!.score = 5;
    items[7]!.note = '告知书日期错误';
    const res = await c.post('/api/case-reviews', { caseId: cs.a, items, comments: '程序基本规范，证据需加强' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as CaseReviewDto;
    // 100 − 5 − 3.5 − 2 = 89.5 → 合格 (75–89.5).
    expect(r).toMatchObject({ caseId: cs.a, totalScore: 89.5, grade: 'qualified', gradeLabel: '合格', unitId: ids.county1, reviewedOn: '2026-11-20' });
    expect(r.items[1]).toMatchObject({ title: '调查取证', max: 15, score: 10, note: '询问笔录未载明执法证件出示情况' });

    const perfect = await c.post('/api/case-reviews', { caseId: cs.b, items: full() });
    expect(perfect.json()).toMatchObject({ totalScore: 100, grade: 'excellent' });
    const poor = CASE_REVIEW_SHEET.map((i) => ({ key: i.key, score: i.max / 2, note: '不规范' }));
    expect((await c.post('/api/case-reviews', { caseId: cs.d, items: poor })).json()).toMatchObject({ totalScore: 50, grade: 'unqualified', gradeLabel: '不合格' });

    const audit = await t.deps.db.selectFrom('auditLogs').selectAll().where('action', '=', 'caseReview.create').execute();
    expect(audit).toHaveLength(3);
  });

  it('lists reviews with filters; the candidate shows its last grade; GET by id', async () => {
    const c = await t.login('cityip');
    const all = (await c.get('/api/case-reviews')).json();
    expect(all.total).toBe(3);
    expect((await c.get('/api/case-reviews?grade=excellent')).json().items.map((i: CaseReviewDto) => i.caseId)).toEqual([cs.b]);
    expect((await c.get(`/api/case-reviews?unitId=${ids.county1}`)).json().total).toBe(2);
    expect((await c.get('/api/case-reviews?year=2025')).json().total).toBe(0);
    expect((await c.get(`/api/case-reviews?caseId=${cs.a}`)).json().items[0].totalScore).toBe(89.5);
    const one = await c.get(`/api/case-reviews/${all.items[0].id}`);
    expect(one.statusCode).toBe(200);
    const cand = (await c.get('/api/case-reviews/candidates?reviewed=true')).json().items as CaseReviewCandidateDto[];
    expect(cand.find((i) => i.caseId === cs.a)).toMatchObject({ reviewCount: 1, lastScore: 89.5, lastGrade: 'qualified' });
    expect((await c.get('/api/case-reviews/candidates?reviewed=false')).json().total).toBe(0);
  });

  it('a reviewer of one county cannot see or review another county’s case (404); without case.review 403', async () => {
    // A county-level reviewer role (本机构及下级) for county 1's head.
    const role = await t.deps.db
      .insertInto('roles')
      .values({ code: 'countyReviewer', name: '县局案卷评查员', permissions: ['case.read', 'case.review', 'deadline.read'], dataScope: 'unitAndBelow', remark: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'county1head').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('userRoles').values({ userId: user.id, roleId: role.id }).execute();
    const c = await t.login('county1head');
    expect((await c.post('/api/case-reviews', { caseId: cs.b, items: full() })).statusCode).toBe(404);
    const mine = (await c.get('/api/case-reviews')).json();
    expect(mine.items.every((i: CaseReviewDto) => i.unitId === ids.county1)).toBe(true);
    const other = (await t.deps.db.selectFrom('caseFileReviews').select('id').where('caseId', '=', cs.b).executeTakeFirstOrThrow()).id;
    expect((await c.get(`/api/case-reviews/${other}`)).statusCode).toBe(404);
    expect((await (await t.login('county2')).get('/api/case-reviews')).statusCode).toBe(403);
  });
});
