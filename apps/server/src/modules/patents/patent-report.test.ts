/**
 * The quarterly analysis report end to end: a small fixture whose quarter figures are counted by hand, POST → the
 * background runner → the stored .docx, opened and checked against what the dashboard shows for the same chain
 * (issue 5 tests: “the report opens and contains the numbers shown on screen”), plus validation and access.
 */
import JSZip from 'jszip';
import { appNoCheckChar, type PatentDashboardDto, type PatentReportDto } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { readDocx, runProperties } from '../../lib/docx/docx-inspect';
import type { ReportFigures } from './patent-report.docx';
import { rebuildPatentStats } from './patent-stats.service';
import { waitForPatentTasks } from './patent-tasks';
import { loadClassificationContext, preparePatent, upsertPatents, type RawPatentRecord } from './patent-write';

let t: TestApp;
let city: TestClient;
let county1: TestClient;
let newEnergy = 0;

function appNo(year: number, typeDigit: number, serial: number): string {
  const digits = `${year}${typeDigit}${String(serial).padStart(7, '0')}`;
  return `CN${digits}.${appNoCheckChar(digits)}`;
}

const LEADER = '泰安某某新能源有限公司';
const BATTERY = '山东某某电池科技有限公司';
const LI = 'H01M10/0525'; // 锂离子蓄电池: in the demo chain 新能源 (H01M*)
const FARM = 'A01B1/00'; // 手动工具 (农业): not in the chain

/**
 * By hand, chain 新能源 in 泰安, 2026Q3 (clock 2026-11-20): applications r1, r2 (invention), r3 (utility model) = 3;
 * 2026Q2: r4, r5 = 2 (环比 +50.0%); 2025Q3: r6 = 1 (同比 +200.0%); grants in 2026Q3: r5, r6 = 2.
 * r8 is in 济南 (not counted), r10 is not in the chain (counted only in the all-chains report: 4 applications).
 */
const RECORDS: (RawPatentRecord & { demo?: boolean })[] = [
  { appNo: appNo(2026, 1, 1), title: '一种锂离子电池正极材料', ipcCodes: LI, appDate: '2026-07-10', legalStatus: '实质审查', applicants: LEADER, applicantAddress: '山东省泰安市泰山区' },
  { appNo: appNo(2026, 1, 2), title: '一种锂电池电解液', ipcCodes: LI, appDate: '2026-08-20', legalStatus: '实质审查', applicants: LEADER, applicantAddress: '山东省泰安市泰山区' },
  { appNo: appNo(2026, 2, 3), title: '一种电池包外壳', ipcCodes: LI, appDate: '2026-09-30', legalStatus: '有效', grantDate: '2026-11-01', applicants: BATTERY, applicantAddress: '山东省泰安市岱岳区' },
  { appNo: appNo(2026, 1, 4), title: '一种负极材料的制备方法', ipcCodes: LI, appDate: '2026-04-15', legalStatus: '实质审查', applicants: LEADER, applicantAddress: '山东省泰安市泰山区' },
  { appNo: appNo(2026, 2, 5), title: '一种电池隔膜', ipcCodes: LI, appDate: '2026-06-30', legalStatus: '有效', grantDate: '2026-09-15', applicants: BATTERY, applicantAddress: '山东省泰安市岱岳区' },
  { appNo: appNo(2025, 1, 6), title: '一种固态电池', ipcCodes: LI, appDate: '2025-08-01', legalStatus: '有效', grantDate: '2026-08-05', foreignFamilyGranted: '是', applicants: LEADER, applicantAddress: '山东省泰安市泰山区' },
  { appNo: appNo(2012, 1, 7), title: '一种蓄电池极板', ipcCodes: LI, appDate: '2012-03-01', legalStatus: '有效', grantDate: '2014-05-01', applicants: LEADER, applicantAddress: '山东省新泰市' },
  { appNo: appNo(2026, 1, 8), title: '一种储能电池', ipcCodes: LI, appDate: '2026-07-15', legalStatus: '实质审查', applicants: '济南某某储能有限公司', applicantAddress: '山东省济南市历下区' },
  { appNo: appNo(2024, 1, 9), title: '一种光伏储能电池', ipcCodes: LI, appDate: '2024-05-05', legalStatus: '有效', grantDate: '2025-10-10', applicants: '肥城某某光伏有限公司', applicantAddress: '山东省肥城市', demo: true },
  { appNo: appNo(2026, 2, 10), title: '一种手动翻土工具', ipcCodes: FARM, appDate: '2026-08-08', legalStatus: '有效', applicants: '泰安某某农机有限公司', applicantAddress: '山东省泰安市岱岳区' },
];

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('cityip');
  county1 = await t.login('county1');
  newEnergy = (await t.deps.db.selectFrom('industryChains').select('id').where('code', '=', 'new-energy').executeTakeFirstOrThrow()).id;
  const cx = await loadClassificationContext(t.deps.db, t.deps);
  const rows = RECORDS.map(({ demo, ...r }) => {
    const p = preparePatent(r, cx, { importJobId: null, dataSource: demo ? 'demo' : 'import' });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.row;
  });
  await t.deps.db.transaction().execute((trx) => upsertPatents(trx, rows));
  await rebuildPatentStats(t.deps);
}, 120_000);

afterAll(async () => {
  await waitForPatentTasks();
  await t?.close();
});

async function generate(chainId: number | null, quarter = '2026Q3'): Promise<PatentReportDto> {
  const res = await city.post('/api/patent-reports', { quarter, chainId });
  expect(res.statusCode, res.body).toBe(201);
  const queued = res.json() as PatentReportDto;
  expect(queued.status === 'queued' || queued.status === 'running' || queued.status === 'succeeded').toBe(true);
  await waitForPatentTasks();
  const done = (await city.get(`/api/patent-reports/${queued.id}`)).json() as PatentReportDto;
  expect(done.status, done.message ?? '').toBe('succeeded');
  return done;
}

async function download(id: number) {
  const res = await city.get(`/api/patent-reports/${id}/file`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  expect(String(res.headers['content-disposition'])).toContain('filename*=UTF-8');
  const buf = res.rawPayload;
  const zip = await JSZip.loadAsync(buf);
  const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
  return { parts: await readDocx(buf), media, zip };
}

describe('quarterly analysis report', () => {
  it('for a chain: the .docx holds the dashboard figures, the hand-counted quarter, the changes, charts and East Asian fonts', async () => {
    const report = await generate(newEnergy);
    expect(report.chainName).toBe('新能源（锂电池与光伏）');
    expect(report.regionCode).toBe('3709');
    expect(report.fileId).not.toBeNull();

    const dash = (await city.get(`/api/patent-stats/dashboard?chainId=${newEnergy}`)).json() as PatentDashboardDto;
    const tot = dash.totals;
    // The fixture: 8 chain patents in 泰安 (r8 is in 济南, r10 outside the chain).
    expect(tot.patents).toBe(8);
    expect(dash.topApplicants[0]!.name).toBe(LEADER);

    const { parts, media, zip } = await download(report.id);
    const text = parts.text;
    expect(text).toContain('2026年第三季度新能源（锂电池与光伏）产业链专利发展情况分析');
    // The hand-counted quarter, with 环比 and 同比.
    expect(text).toContain('新提交专利申请3件，其中发明专利2件、实用新型专利1件、外观设计专利0件');
    expect(text).toContain('较上季度（2件）增长50.0%（环比）');
    expect(text).toContain('较上年同期（1件）增长200.0%（同比）');
    expect(text).toContain('本季度获得专利授权2件');
    // The numbers the dashboard shows for the same chain.
    expect(text).toContain(`专利${tot.patents}件，其中发明专利${tot.inventions}件`);
    expect(text).toContain(`有效发明专利${tot.validInventions}件，高价值发明专利${tot.highValue}件`);
    expect(text).toContain(`${dash.topApplicants[0]!.name}以${dash.topApplicants[0]!.n}件居首`);
    // Sections, the publication lag, the demo-data statement, the issuing organ.
    for (const h of ['一、总体情况', '二、专利申请与授权趋势', '三、主要创新主体', '四、技术构成', '五、高价值发明专利', '六、说明']) expect(text).toContain(h);
    expect(text).toContain('满18个月');
    expect(text).toContain('本报告所用数据含演示数据');
    expect(text).toContain('泰安市市场监督管理局');
    expect(text).toContain('2026年11月20日');
    // KPI: 泰安's population is not in the seed, so the city row says 待补录 (never guessed).
    expect(text).toContain('待补录');
    // IPC subclass with its Chinese title.
    expect(text).toMatch(/H01M\n[^\n]*电/);

    // GB/T 9704: every run names its East Asian font; charts are PNG images.
    const rprs = runProperties(parts.document);
    expect(rprs.length).toBeGreaterThan(20);
    for (const rpr of rprs) expect(rpr).toMatch(/w:eastAsia="[^"]+"/);
    expect(parts.document).toContain('w:eastAsia="方正小标宋简体"');
    expect(media.length).toBeGreaterThanOrEqual(1);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(parts.document).toContain('<w:drawing>');

    // The figures are stored with the report, and the file belongs to it.
    const row = await t.deps.db.selectFrom('patentReports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
    const figures = row.figures as ReportFigures;
    expect(figures.applications.current).toEqual({ invention: 2, utilityModel: 1, design: 0, total: 3 });
    expect(figures.applications.qoq).toBe(50);
    expect(figures.applications.yoy).toBe(200);
    expect(figures.grants.current.total).toBe(2);
    expect(figures.totals).toEqual(tot);
    const file = await t.deps.db.selectFrom('files').selectAll().where('id', '=', report.fileId!).executeTakeFirstOrThrow();
    expect(file.ownerType).toBe('patentReport');
    expect(file.ownerId).toBe(String(report.id));
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'patentReport').where('entityId', '=', String(report.id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['patentReport.generate', 'patentReport.request']);
    // Archived: listed, and downloadable by a county officer who may read the patent database.
    const list = (await county1.get('/api/patent-reports')).json() as PatentReportDto[];
    expect(list.map((r) => r.id)).toContain(report.id);
    expect((await county1.get(`/api/patent-reports/${report.id}/file`)).statusCode).toBe(200);
    expect((await county1.get(`/api/files/${report.fileId}`)).statusCode).toBe(200);
  }, 90_000);

  it('for all chains: every patent of the city counts, titled 重点产业链', async () => {
    const report = await generate(null);
    expect(report.chainName).toBeNull();
    const { parts } = await download(report.id);
    expect(parts.text).toContain('2026年第三季度重点产业链专利发展情况分析');
    expect(parts.text).toContain('新提交专利申请4件，其中发明专利2件、实用新型专利2件');
    const dash = (await city.get('/api/patent-stats/dashboard')).json() as PatentDashboardDto;
    expect(parts.text).toContain(`专利${dash.totals.patents}件，其中发明专利${dash.totals.inventions}件`);
  }, 90_000);

  it('for a chain without patents: still a complete report, with zeros stated plainly', async () => {
    const empty = (await t.deps.db.selectFrom('industryChains').select('id').where('code', '=', 'new-materials').executeTakeFirstOrThrow()).id;
    const report = await generate(empty, '2026Q2');
    const { parts } = await download(report.id);
    expect(parts.text).toContain('2026年第二季度新材料（玻璃纤维与复合材料）产业链专利发展情况分析');
    expect(parts.text).toContain('新提交专利申请0件');
    expect(parts.text).toContain('与上季度持平（均为0件）');
    expect(parts.text).toContain('数据库中暂无申请人数据');
  }, 90_000);

  it('refuses a quarter that has not ended, and a chain that does not exist (400 with the field)', async () => {
    const future = await city.post('/api/patent-reports', { quarter: '2026Q4', chainId: null });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('尚未结束');
    expect(future.json().details.map((d: { path: string }) => d.path)).toEqual(['body.quarter']);
    const bad = await city.post('/api/patent-reports', { quarter: '2026Q5', chainId: null });
    expect(bad.statusCode).toBe(400);
    const noChain = await city.post('/api/patent-reports', { quarter: '2026Q2', chainId: 99999 });
    expect(noChain.statusCode).toBe(400);
    expect(noChain.json().details.map((d: { path: string }) => d.path)).toEqual(['body.chainId']);
  });

  it('a county officer may read the archive but not generate (403); unknown report 404; a queued report cannot be downloaded yet', async () => {
    expect((await county1.post('/api/patent-reports', { quarter: '2026Q3', chainId: null })).statusCode).toBe(403);
    expect((await county1.get('/api/patent-reports')).statusCode).toBe(200);
    expect((await city.get('/api/patent-reports/99999')).statusCode).toBe(404);
    const now = t.clock.now().toISOString();
    const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'cityip').executeTakeFirstOrThrow();
    const { id } = await t.deps.db
      .insertInto('patentReports')
      .values({ quarter: '2026Q1', chainId: null, regionCode: '3709', status: 'running', worker: 'other-node', heartbeatAt: now, requestedBy: user.id, createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await city.get(`/api/patent-reports/${id}/file`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('正在生成');
  });
});
