/**
 * Quarterly analysis reports (issue 5 §7: 每季度开展一次产业专利发展情况分析). A request only queues the report and kicks
 * the background runner (patent-tasks.ts); runNextPatentReport claims one, computes the figures, renders the charts on
 * the server, stores the .docx as a file (owner 'patentReport') and the figures as jsonb, so the numbers in the document
 * can be checked against the screen later.
 *
 * No transaction is held while figures are read or charts are rendered (PGlite has one connection): the claim and the
 * final write are two short transactions.
 */
import { WORKER_ID } from './patent-worker';
import { Readable } from 'node:stream';
import {
  HIGH_VALUE_CATEGORY_LABELS,
  changeRate,
  countyBarOption,
  previousQuarter,
  quarterRange,
  sameQuarterLastYear,
  topApplicantsOption,
  trendOption,
  type PatentDashboardDto,
  type PatentReportDto,
} from '@zhichan/shared';
import type { z } from 'zod';
import type { PatentReportInput } from '@zhichan/shared';
import { SYSTEM_CTX, can, type Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { renderChartPng } from '../../lib/chart-image';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { registerFileOwner } from '../files/files.service';
import { getPatentKpi } from './patent-kpi.service';
import { CHART_SIZE, CHART_SIZE_TALL, buildPatentReportDocx, quarterLabel, reportTitle, type ReportCharts, type ReportFigures } from './patent-report.docx';
import { patentReportRepository as repo, type PatentReportRow, type ReportScope, type TypeCounts } from './patent-report.repository';
import { getPatentDashboard } from './patent-stats.service';
import { kickPatentTasks } from './patent-tasks';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Rows of the ranking and technology tables in the report. */
const TOP_N = 10;

// A report is public bibliographic statistics: whoever may read the patent database may download it.
registerFileOwner('patentReport', async (_deps, ctx) => can(ctx.actor, 'patent.read'));

function present(r: PatentReportRow): PatentReportDto {
  return {
    id: r.id,
    quarter: r.quarter,
    chainId: r.chainId,
    chainName: r.chainName,
    regionCode: r.regionCode,
    status: r.status,
    fileId: r.fileId,
    message: r.message,
    requestedByName: r.requestedByName,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

export async function listPatentReports(deps: Deps): Promise<PatentReportDto[]> {
  return (await repo.list(deps.db)).map(present);
}

export async function getPatentReport(deps: Deps, id: number): Promise<PatentReportDto> {
  const r = await repo.get(deps.db, id);
  if (!r) throw new AppError('NOT_FOUND', { message: '报告不存在' });
  return present(r);
}

/** Queues a report for a quarter that has ended (and a chain that exists), then kicks the runner. */
export async function requestPatentReport(deps: Deps, ctx: Ctx, input: z.infer<typeof PatentReportInput>): Promise<PatentReportDto> {
  const today = chinaDate(deps.clock.now());
  const range = quarterRange(input.quarter);
  // A quarter's figures are only complete after its last day (and even then publication lags: see the report's 说明).
  if (range.to >= today) throw fieldError('body.quarter', `${quarterLabel(input.quarter)}尚未结束，只能生成已结束季度的分析报告`);
  if (Number(input.quarter.slice(0, 4)) < 1985) throw fieldError('body.quarter', '季度不能早于1985年（我国专利制度实施之年）');
  const id = await deps.db.transaction().execute(async (trx) => {
    if (input.chainId !== null) {
      const chain = await repo.chain(trx, input.chainId);
      if (!chain) throw fieldError('body.chainId', '所选产业链不存在，请刷新后重新选择');
    }
    const { id } = await repo.insert(trx, {
      quarter: input.quarter,
      chainId: input.chainId,
      regionCode: deps.config.cityCode,
      requestedBy: ctx.actor!.userId,
      now: deps.clock.now().toISOString(),
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'patentReport.request',
      entityType: 'patentReport',
      entityId: id,
      after: { quarter: input.quarter, chainId: input.chainId, regionCode: deps.config.cityCode },
    });
    return id;
  });
  kickPatentTasks(deps);
  return getPatentReport(deps, id);
}

/** The stored .docx of a finished report. */
export async function openPatentReportFile(deps: Deps, id: number) {
  const r = await repo.get(deps.db, id);
  if (!r) throw new AppError('NOT_FOUND', { message: '报告不存在' });
  if (r.status !== 'succeeded' || r.fileId === null) {
    throw new AppError('ACTION_NOT_ALLOWED', { message: r.status === 'failed' ? `该报告生成失败：${r.message ?? ''}` : '报告正在生成，请稍后再下载' });
  }
  const f = await repo.file(deps.db, r.fileId);
  if (!f) throw new AppError('NOT_FOUND', { message: '报告文件不存在' });
  return { name: f.originalName, mime: f.mime, size: f.size, stream: deps.files.open(f.sha256) };
}

// ------------------------------------------------------------------------------------------------------------------
// the background step
// ------------------------------------------------------------------------------------------------------------------

/** Section → class → subclass of the dashboard's IPC tree, flattened to the subclasses, most frequent first. */
function topSubclasses(tree: PatentDashboardDto['ipcTree'], limit: number): ReportFigures['ipcSubclasses'] {
  const out: ReportFigures['ipcSubclasses'] = [];
  for (const s of tree) for (const c of s.children ?? []) for (const sc of c.children ?? []) out.push({ code: sc.code, titleZh: sc.name, n: sc.value });
  return out.sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)).slice(0, limit);
}

/** Every number of the report, read from the dashboard (the same figures as the screen) and the base table (quarters). */
export async function computeReportFigures(deps: Deps, report: { quarter: string; chainId: number | null; regionCode: string }): Promise<ReportFigures> {
  const ex = deps.db;
  const scope: ReportScope = { chainId: report.chainId, region: report.regionCode };
  const chain = report.chainId !== null ? await repo.chain(ex, report.chainId) : null;
  if (report.chainId !== null && !chain) throw new AppError('NOT_FOUND', { message: '报告所选的产业链已被删除' });
  const prevQ = previousQuarter(report.quarter);
  const lastYearQ = sameQuarterLastYear(report.quarter);
  const counts = async (on: 'app' | 'grant') => {
    const [current, previous, lastYear] = await repo.quarterCounts(ex, scope, on, [quarterRange(report.quarter), quarterRange(prevQ), quarterRange(lastYearQ)]) as [TypeCounts, TypeCounts, TypeCounts];
    return { current, previous, lastYear, qoq: changeRate(current.total, previous.total), yoy: changeRate(current.total, lastYear.total) };
  };
  const applications = await counts('app');
  const grants = await counts('grant');
  const dash = await getPatentDashboard(ex, deps, { chainId: report.chainId ?? 0, region: report.regionCode });
  const year = Number(report.quarter.slice(0, 4));
  const kpi = await getPatentKpi(ex, deps, { year });
  const bureau = await repo.cityBureau(ex);
  const regionName = (await repo.regionName(ex, report.regionCode)) ?? report.regionCode;
  return {
    quarter: report.quarter,
    quarterLabel: quarterLabel(report.quarter),
    range: quarterRange(report.quarter),
    previousQuarter: { quarter: prevQ, label: quarterLabel(prevQ) },
    sameQuarterLastYear: { quarter: lastYearQ, label: quarterLabel(lastYearQ) },
    chain: chain ? { id: chain.id, name: chain.name, isDemo: chain.isDemo } : null,
    regionCode: report.regionCode,
    regionName,
    organ: bureau?.name ?? `${regionName}市场监督管理局`,
    preparedOn: chinaDate(deps.clock.now()),
    applications,
    grants,
    totals: dash.totals,
    applicationTrend: dash.applicationTrend,
    grantTrend: dash.grantTrend,
    topApplicants: dash.topApplicants.slice(0, TOP_N),
    byCounty: dash.byCounty,
    ipcSubclasses: topSubclasses(dash.ipcTree, TOP_N),
    seiDistribution: dash.seiDistribution.slice(0, 15),
    highValueByCategory: dash.highValueByCategory.map((c) => ({ category: c.category, label: c.label || HIGH_VALUE_CATEGORY_LABELS[c.category], n: c.n })),
    kpi: { asOf: kpi.asOf, year, pledgeThresholdWan: kpi.pledgeThresholdWan, rows: kpi.rows, missingPopulation: kpi.missingPopulation },
    dataSources: await repo.dataSources(ex, scope),
    coverage: await repo.dateCoverage(ex, scope),
    rebuiltAt: dash.rebuiltAt,
  };
}

type YearRow = { year: number; invention: number; utilityModel: number; design: number };
/**
 * The ten calendar years up to the report's year, years without patents as zero (a continuous axis: the trend widget
 * lists only years with data). Empty when none of those years has a patent.
 */
export function lastYears(rows: YearRow[], untilYear: number, count = 10): YearRow[] {
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const out: YearRow[] = [];
  for (let y = untilYear - count + 1; y <= untilYear; y++) {
    const r = byYear.get(y);
    out.push({ year: y, invention: r?.invention ?? 0, utilityModel: r?.utilityModel ?? 0, design: r?.design ?? 0 });
  }
  return out.some((r) => r.invention + r.utilityModel + r.design > 0) ? out : [];
}

/** The charts of the report, rendered with the same option builders as the web page. */
export async function renderReportCharts(f: ReportFigures): Promise<ReportCharts> {
  const year = Number(f.quarter.slice(0, 4));
  const trend = lastYears(f.applicationTrend, year);
  const grants = lastYears(f.grantTrend, year);
  return {
    trend: trend.length ? await renderChartPng(trendOption(trend, '专利申请趋势', { subtext: '近18个月的申请因公开滞后尚不完整' }), CHART_SIZE) : null,
    grantTrend: grants.length ? await renderChartPng(trendOption(grants, '专利授权趋势'), CHART_SIZE) : null,
    topApplicants: f.topApplicants.length
      ? await renderChartPng(topApplicantsOption(f.topApplicants.map((r) => ({ name: r.name, n: r.n })), '主要申请人专利数量'), CHART_SIZE_TALL)
      : null,
    byCounty: f.byCounty.length ? await renderChartPng(countyBarOption(f.byCounty, '各县（市、区）专利情况'), CHART_SIZE) : null,
  };
}

function failureMessage(err: unknown): string {
  if (err instanceof AppError) return `报告生成失败：${err.userMessage}`;
  return '报告生成失败：系统处理时出错，请稍后重新生成；如仍失败请联系系统管理员';
}

/** Claims one queued report (status queued → running, worker, heartbeat), builds and stores the .docx, sets succeeded/failed. */
export async function runNextPatentReport(deps: Deps): Promise<boolean> {
  const claimed = await deps.db.transaction().execute((trx) => repo.claimNext(trx, WORKER_ID, deps.clock.now().toISOString()));
  if (!claimed) return false;
  const report = await repo.get(deps.db, claimed.id);
  if (!report) return true;
  try {
    const figures = await computeReportFigures(deps, report);
    await repo.heartbeat(deps.db, report.id, WORKER_ID, deps.clock.now().toISOString());
    const charts = await renderReportCharts(figures);
    const docx = await buildPatentReportDocx(figures, charts);
    const { sha256, size } = await deps.files.put(Readable.from([docx]));
    const name = `${reportTitle(figures)}.docx`;
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now().toISOString();
      const file = await repo.insertFile(trx, { sha256, size, mime: DOCX_MIME, originalName: name, reportId: report.id, uploadedBy: report.requestedBy, now });
      const r = await repo.finish(trx, report.id, WORKER_ID, { status: 'succeeded', fileId: file.id, figures: JSON.stringify(figures), message: null, now });
      // Re-queued meanwhile as stale by another node: leave it to that node (the file row stays unattached to the report).
      if (Number(r.numUpdatedRows) === 0) return;
      await writeAudit(trx, deps.clock, SYSTEM_CTX, {
        action: 'patentReport.generate',
        entityType: 'patentReport',
        entityId: report.id,
        after: { status: 'succeeded', fileId: file.id, quarter: report.quarter, chainId: report.chainId, applications: figures.applications.current.total, grants: figures.grants.current.total },
      });
    });
  } catch (err) {
    if (deps.config.logLevel !== 'silent') console.error(`[patent-report] report ${report.id} failed`, err);
    const message = failureMessage(err);
    await deps.db.transaction().execute(async (trx) => {
      const r = await repo.finish(trx, report.id, WORKER_ID, { status: 'failed', fileId: null, figures: null, message, now: deps.clock.now().toISOString() });
      if (Number(r.numUpdatedRows) === 0) return;
      await writeAudit(trx, deps.clock, SYSTEM_CTX, { action: 'patentReport.generate', entityType: 'patentReport', entityId: report.id, after: { status: 'failed', message } });
    });
  }
  return true;
}
