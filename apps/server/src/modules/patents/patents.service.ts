/** Patent search, Excel export, detail, applicant profile and reference lookups (all read-only: patent data is public, no scope). */
import { PassThrough, type Readable } from 'node:stream';
import {
  LEGAL_STATUS_LABELS,
  PATENT_TYPE_LABELS,
  queryTokens,
  type ApplicantProfileDto,
  type IpcLabel,
  type LegalStatusCode,
  type PatentDetailDto,
  type PatentFilter,
  type PatentSearchInput,
  type PatentSearchResultDto,
  type PatentTypeCode,
} from '@zhichan/shared';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { ipcTitles } from './patent-reference.seed';
import { divisionIndex } from './patent-write';
import { placeName, presentDetail, presentListItem } from './patents.presenter';
import { SEARCH_COUNT_CAP, patentsRepository as repo, type PatentListRow, type SearchSpec } from './patents.repository';

export const EXPORT_BATCH = 2_000;
export const EXPORT_CAP = 100_000;

function checkQuery(q: string | undefined, path = 'querystring.q'): string | undefined {
  const t = q?.trim();
  if (!t) return undefined;
  if (Array.from(t).length < 2) throw fieldError(path, '检索词至少 2 个字');
  return t;
}

async function listContext(ex: Executor, rows: PatentListRow[]) {
  const [titles, chains] = [await ipcTitles(ex, rows.map((r) => r.mainIpc ?? '')), await repo.chainNames(ex)];
  return { titles, chains, divisions: divisionIndex() };
}

export async function searchPatents(deps: Deps, input: PatentSearchInput): Promise<PatentSearchResultDto> {
  const started = performance.now();
  const { q: rawQ, sort, page, pageSize, ...filter } = input;
  const q = checkQuery(rawQ);
  const spec: SearchSpec = { filter, q, cityCode: deps.config.cityCode };
  const effectiveSort = sort === 'relevance' && !q ? 'appDateDesc' : sort;
  // The capped count and, for up to 10,000 matches, the ranked page in one pass; above that the page is read along the
  // date index (see searchPage). A word the statistics say is in far more than 10,000 patents (装置, 一种, 有限公司,
  // 电池) is counted first without the sort keys: when the count passes the cap, nothing needs ranking, and the one pass
  // would have computed the keys of 10,001 rows for nothing (measured at 1M: see docs/benchmarks.md). The margin (3x)
  // is there because the estimate of a phrase is its rarest bigram's (无人机: 10,400 estimated, 8,228 found). When the
  // estimate is wrong all the same (a filter, a rare phrase of common bigrams), the one pass follows: slower, same result.
  let counted: { total: number; capped: boolean; rows: PatentListRow[] | null } | null = null;
  if (q) {
    const estimate = await repo.estimatedTokenMatches(deps.db, queryTokens(q));
    if (estimate !== null && estimate.matches > 3 * SEARCH_COUNT_CAP) {
      // In half the patents or more, the bigram index spares nothing: count by the substring check alone.
      const n = await repo.searchCappedCount(deps.db, spec, estimate.share < 0.5);
      if (n > SEARCH_COUNT_CAP) counted = { total: SEARCH_COUNT_CAP, capped: true, rows: null };
    }
  }
  counted ??= await repo.searchCountedPage(deps.db, spec, effectiveSort, page, pageSize);
  const { total, capped } = counted;
  const rows = counted.rows ?? (await repo.searchPage(deps.db, spec, effectiveSort, page, pageSize, capped));
  const ctx = await listContext(deps.db, rows);
  return {
    items: rows.map((r) => presentListItem(r, q, ctx)),
    total,
    totalCapped: capped,
    page,
    pageSize,
    tookMs: Math.round(performance.now() - started),
  };
}

const DATA_SOURCE_LABELS = { import: '导入', demo: '演示数据', synthetic: '合成数据' } as const;

/** The export's file name: 专利检索结果_2026-11-20.xlsx. */
export function exportFileName(deps: Deps): string {
  return `专利检索结果_${chinaDate(deps.clock.now())}.xlsx`;
}

/**
 * All rows matching the filter and query as a streamed .xlsx (exceljs WorkbookWriter): keyset batches of 2,000 by id,
 * each batch committed to the stream, so memory stays flat; at most 100,000 rows, the cut stated in a last row.
 * Each batch is its own short query, never one long transaction (PGlite has one connection).
 */
export function exportPatents(deps: Deps, filter: PatentFilter, rawQ: string | undefined): Readable {
  const q = checkQuery(rawQ);
  const spec: SearchSpec = { filter, q, cityCode: deps.config.cityCode };
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('专利检索结果');
  ws.columns = [
    { header: '申请号', key: 'appNo', width: 20 },
    { header: '申请日', key: 'appDate', width: 12 },
    { header: '公开（公告）号', key: 'pubNo', width: 18 },
    { header: '授权公告日', key: 'grantDate', width: 12 },
    { header: '专利类型', key: 'type', width: 10 },
    { header: '法律状态', key: 'status', width: 8 },
    { header: '专利名称', key: 'title', width: 50 },
    { header: '申请人', key: 'applicants', width: 40 },
    { header: '地区', key: 'region', width: 12 },
    { header: '主分类号', key: 'mainIpc', width: 14 },
    { header: '产业链', key: 'chains', width: 30 },
    { header: '高价值', key: 'hv', width: 8 },
    { header: '数据来源', key: 'source', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  const run = async () => {
    const chains = await repo.chainNames(deps.db);
    const divisions = divisionIndex();
    let afterId = 0;
    let written = 0;
    let more = false;
    for (;;) {
      const want = Math.min(EXPORT_BATCH, EXPORT_CAP - written);
      const rows = await repo.exportBatch(deps.db, spec, afterId, want + 1);
      const page = rows.slice(0, want);
      for (const r of page) {
        ws.addRow({
          appNo: r.appNo ?? '',
          appDate: r.appDate ?? '',
          pubNo: r.pubNo ?? '',
          grantDate: r.grantDate ?? '',
          type: PATENT_TYPE_LABELS[r.patentType],
          status: LEGAL_STATUS_LABELS[r.legalStatus],
          title: r.title,
          applicants: r.applicants.join('；'),
          region: placeName(r, divisions) ?? '',
          mainIpc: r.mainIpc ?? '',
          chains: r.chainIds.map((id) => chains.get(id)?.name).filter(Boolean).join('；'),
          hv: r.isHighValue ? '是' : '否',
          source: DATA_SOURCE_LABELS[r.dataSource],
        }).commit();
      }
      written += page.length;
      if (rows.length <= want) break;
      if (written >= EXPORT_CAP) {
        more = true;
        break;
      }
      afterId = page[page.length - 1]!.id;
    }
    if (more) {
      ws.addRow([`说明：符合条件的专利超过 ${EXPORT_CAP.toLocaleString('en-US')} 件，本表仅含前 ${EXPORT_CAP.toLocaleString('en-US')} 件（按内部编号排序），请缩小筛选范围后分批导出。`]).commit();
    } else if (written === 0) {
      ws.addRow(['没有符合条件的专利。']).commit();
    }
    ws.commit();
    await wb.commit();
  };
  run().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

export async function getPatent(deps: Deps, id: number): Promise<PatentDetailDto> {
  const ex = deps.db;
  const p = await repo.get(ex, id);
  if (!p) throw new AppError('NOT_FOUND', { message: '未找到该专利' });
  const codes = [...new Set([p.mainIpc ?? '', ...p.ipcCodes].filter(Boolean))];
  const keys = [p.patentKey, p.pubNo ? `P:${p.pubNo}` : '', p.grantNo ? `P:${p.grantNo}` : ''].filter(Boolean);
  const [titles, chains, sei, wipo, awards] = [
    await ipcTitles(ex, codes),
    await repo.chainNames(ex),
    await repo.seiBranches(ex),
    await repo.wipoFields(ex),
    await repo.awardsOfKeys(ex, keys),
  ];
  return presentDetail(p, {
    titles,
    chains,
    sei: new Map(sei.map((s) => [s.branchNo, s])),
    wipo: new Map(wipo.map((w) => [w.fieldNo, w])),
    awards,
    divisions: divisionIndex(),
    asOf: chinaDate(deps.clock.now()),
    pledgeThresholdWan: deps.config.patentPledgeHighValueWan,
  });
}

export async function getApplicantProfile(deps: Deps, name: string): Promise<ApplicantProfileDto> {
  const ex = deps.db;
  const r = await repo.applicantProfile(ex, name);
  const total = r.totals.reduce((s, x) => s + x.n, 0);
  if (total === 0) throw new AppError('NOT_FOUND', { message: '数据库中没有该申请人的专利' });
  const byType: Record<PatentTypeCode, number> = { invention: 0, utilityModel: 0, design: 0 };
  const byStatus: Record<LegalStatusCode, number> = { valid: 0, invalid: 0, pending: 0, unknown: 0 };
  let validInventions = 0;
  let highValue = 0;
  for (const t of r.totals) {
    byType[t.patentType as PatentTypeCode] += t.n;
    byStatus[t.legalStatus as LegalStatusCode] += t.n;
    if (t.patentType === 'invention' && t.legalStatus === 'valid') validInventions += t.n;
    highValue += t.highValue;
  }
  const years = new Map<number, { year: number; applications: number; grants: number }>();
  const yearRow = (y: number) => years.get(y) ?? years.set(y, { year: y, applications: 0, grants: 0 }).get(y)!;
  for (const a of r.apps) yearRow(a.year).applications = a.n;
  for (const g of r.grants) yearRow(g.year).grants = g.n;
  const titles = await ipcTitles(ex, r.ipc.map((i) => i.subclass));
  const chains = await repo.chainNames(ex);
  return {
    name,
    total,
    byType,
    byStatus,
    validInventions,
    highValue,
    trend: [...years.values()].sort((a, b) => a.year - b.year),
    topIpc: r.ipc.map((i) => ({ subclass: i.subclass, titleZh: titles.get(i.subclass) ?? null, n: i.n })),
    chains: r.chains.filter((c) => chains.has(c.chainId)).map((c) => ({ chainId: c.chainId, name: chains.get(c.chainId)!.name, n: c.n })),
    coApplicants: r.co,
    countyName: r.region ? placeName({ countyCode: r.region.countyCode, cityCode: r.region.cityCode, provinceCode: null }, divisionIndex()) : null,
  };
}

export async function suggestApplicants(deps: Deps, q: string): Promise<{ name: string; n: number }[]> {
  const t = q.trim();
  if (Array.from(t).length < 2) return [];
  return repo.suggestApplicants(deps.db, t, 20);
}

export async function seiBranchList(deps: Deps) {
  return repo.seiBranches(deps.db);
}

/** Labels for codes: each code normalised as given ('H01M', 'H01M10/00'); unknown codes get titleZh null. */
export async function ipcLabels(deps: Deps, codes: string[]): Promise<IpcLabel[]> {
  const list = [...new Set(codes.map((c) => c.trim().toUpperCase().replace(/\s+/g, '')).filter(Boolean))].slice(0, 200);
  const titles = await ipcTitles(deps.db, list);
  return list.map((code) => ({ code, titleZh: titles.get(code) ?? null }));
}

export async function searchIpc(deps: Deps, q: string): Promise<IpcLabel[]> {
  const t = q.trim();
  if (!t) return [];
  const rows = await repo.searchIpc(deps.db, t, 50);
  return rows.map((r) => ({ code: r.code, titleZh: r.titleZh }));
}
