import { changeRate, type ChainOverviewDto, type PatentDashboardDto, type PatentFilter } from '@zhichan/shared';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { chinaDate } from '../../lib/clock';
import { isDevelopmentZone } from '../../seed/regions.seed';
import { patentStatsRepository as repo, type RegionGroupRow, type StatsFilter } from './patent-stats.repository';
import { presentDashboard, type DashboardParts } from './patent-stats.presenter';

/** How many applicants the ranking shows (user-expectations §3.1: top 10/20). */
export const TOP_APPLICANTS = 20;

/**
 * Rebuilds every rollup table from `patents` in ONE transaction: DELETE, then INSERT … SELECT … GROUP BY GROUPING SETS
 * (chain 0 and each chain × region '' / city / county). Readers see the old figures until the commit, never a half-built
 * table. The meta row is locked first so that two rebuilds (two app nodes, or an import finishing during the maintenance
 * job) run one after the other.
 */
export async function rebuildPatentStats(deps: Deps): Promise<{ durationMs: number; patentCount: number }> {
  const started = Date.now();
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockMeta(trx);
    await repo.rebuildAll(trx, { truncate: deps.dbh.engine === 'pglite' });
    const patentCount = await repo.countPatents(trx);
    const durationMs = Date.now() - started;
    await repo.writeMeta(trx, { rebuiltAt: deps.clock.now().toISOString(), patentCount, durationMs });
    return { durationMs, patentCount };
  });
}

export async function patentStatsStatus(ex: Executor): Promise<{ rebuiltAt: string | null; patentCount: number; durationMs: number | null }> {
  return repo.meta(ex);
}

export function resolveFilter(deps: Deps, filter: PatentFilter): StatsFilter {
  return {
    chainId: filter.chainId ?? 0,
    region: filter.region && filter.region.length > 0 ? filter.region : deps.config.cityCode,
    types: filter.type?.length ? filter.type : undefined,
    statuses: filter.status?.length ? filter.status : undefined,
    yearFrom: filter.yearFrom,
    yearTo: filter.yearTo,
    applicant: filter.applicant,
    seiBranch: filter.seiBranch,
    ipc: filter.ipc,
    highValue: filter.highValue,
    hvCategory: filter.hvCategory,
  };
}

/**
 * Which tables can answer a filter. patent_stats is keyed by chain, region, type, status and application year;
 * patent_stats_grant by chain, region, type and grant year; the applicant, IPC, SEI and WIPO rollups by chain and region,
 * and their year-keyed twins (patent_stats_*_year, read when the filter has a year range) by chain, region and
 * application year. Any filter on applicant, SEI branch, IPC or high value, a province-wide region, or rollups never
 * built → every widget from the base table; a type or status filter → those four widgets from the base table.
 */
export function rollupCoverage(f: StatsFilter, rebuilt: boolean): { stats: boolean; grants: boolean; others: boolean } {
  const forced = !rebuilt || f.region.length === 2 || !!f.applicant || !!f.seiBranch || !!f.ipc || f.highValue !== undefined || !!f.hvCategory;
  if (forced) return { stats: false, grants: false, others: false };
  return { stats: true, grants: !f.statuses, others: !f.types && !f.statuses };
}

/** Sub-regions the per-county widget lists: a province's cities, a city's counties, or the county itself. */
async function subRegions(ex: Executor, f: StatsFilter): Promise<{ level: 'city' | 'county'; regions: { code: string; name: string }[] }> {
  if (f.region.length === 2) return { level: 'city', regions: await repo.childRegions(ex, f.region, 'city') };
  if (f.region.length === 4) return { level: 'county', regions: await repo.childRegions(ex, f.region, 'county') };
  return { level: 'county', regions: [{ code: f.region, name: (await repo.regionName(ex, f.region)) ?? f.region }] };
}

/**
 * The analytics page for one filter. Region absent = the city (config). Widgets come from the rollups when the filter is
 * covered (see rollupCoverage), else from the base table with the same filter; `source` is 'rollup' only when every widget
 * came from the rollups. `forceBase` (benchmarks, tests) reads everything from the base table.
 */
export async function getPatentDashboard(
  ex: Executor,
  deps: Deps,
  filter: PatentFilter,
  opts: { forceBase?: boolean } = {},
): Promise<PatentDashboardDto> {
  const f = resolveFilter(deps, filter);
  const meta = await repo.meta(ex);
  const cover = rollupCoverage(f, meta.rebuiltAt !== null && !opts.forceBase);

  const groups = cover.stats ? await repo.statsGroupsRollup(ex, f) : await repo.statsGroupsBase(ex, f);
  const grants = cover.grants ? await repo.grantsRollup(ex, f) : await repo.grantsBase(ex, f);

  const sub = await subRegions(ex, f);
  let regionRows: RegionGroupRow[];
  if (cover.stats) regionRows = await repo.regionsRollup(ex, f, sub.regions.map((r) => r.code));
  else regionRows = await repo.regionsBase(ex, f, sub.level);
  const byCode = new Map(regionRows.map((r) => [r.regionCode, r]));
  // 统计用区划 development zones (xx7x) are listed only when they have patents: they are not divisions of their own.
  const byCounty = sub.regions
    .map((r) => ({ regionCode: r.code, name: r.name, n: byCode.get(r.code)?.n ?? 0, validInventions: byCode.get(r.code)?.validInventions ?? 0, highValue: byCode.get(r.code)?.highValue ?? 0 }))
    .filter((r) => !isDevelopmentZone(r.regionCode) || r.n > 0);

  const applicants = cover.others ? await repo.topApplicantsRollup(ex, f, TOP_APPLICANTS) : await repo.topApplicantsBase(ex, f, TOP_APPLICANTS);
  const ipc = cover.others ? await repo.ipcRollup(ex, f) : await repo.ipcBase(ex, f);
  const sei = cover.others ? await repo.seiRollup(ex, f) : await repo.seiBase(ex, f);
  const wipo = cover.others ? await repo.wipoRollup(ex, f) : await repo.wipoBase(ex, f);

  const subclasses = ipc.map((r) => r.key);
  const ipcCodes = [...new Set(subclasses.flatMap((c) => [c.slice(0, 1), c.slice(0, 3), c]))];
  const parts: DashboardParts = {
    filter,
    source: cover.stats && cover.grants && cover.others ? 'rollup' : 'base',
    rebuiltAt: meta.rebuiltAt,
    groups,
    grants,
    byCounty,
    applicants,
    ipc,
    ipcTitles: await repo.ipcTitles(ex, ipcCodes),
    sei,
    seiNames: sei.length ? await repo.seiBranchNames(ex) : new Map(),
    wipo,
    wipoNames: wipo.length ? await repo.wipoNames(ex) : new Map(),
    types: f.types,
    statuses: f.statuses,
  };
  return presentDashboard(parts);
}

/**
 * The chain overview of the city: per enabled chain (and the all-chains row, id 0) the patents, valid inventions,
 * high-value inventions, the applications of the last full calendar year with the change on the year before, and the
 * applicant with most patents.
 */
export async function getChainOverview(ex: Executor, deps: Deps): Promise<ChainOverviewDto> {
  const region = deps.config.cityCode;
  const lastFullYear = Number(chinaDate(deps.clock.now()).slice(0, 4)) - 1;
  const meta = await repo.meta(ex);
  const rebuilt = meta.rebuiltAt !== null;
  const figures = rebuilt ? await repo.chainFiguresRollup(ex, region, lastFullYear) : await repo.chainFiguresBase(ex, region, lastFullYear);
  const top = rebuilt ? await repo.topApplicantPerChain(ex, region) : await repo.topApplicantPerChainBase(ex, region);
  const fig = new Map(figures.map((r) => [r.chainId, r]));
  const chains = [{ id: 0, name: '全部产业链', isDemo: false }, ...(await repo.chains(ex, { enabledOnly: true }))];
  return {
    rebuiltAt: meta.rebuiltAt,
    chains: chains.map((c) => {
      const r = fig.get(c.id);
      const cur = r?.appsYear ?? 0;
      const prev = r?.appsPrevYear ?? 0;
      return {
        id: c.id,
        name: c.name,
        isDemo: c.isDemo,
        patents: r?.patents ?? 0,
        validInventions: r?.validInventions ?? 0,
        highValue: r?.highValue ?? 0,
        lastYearApplications: cur,
        yearOnYear: changeRate(cur, prev),
        topApplicant: top.get(c.id) ?? null,
      };
    }),
  };
}

/** The last full calendar year the overview's application figures refer to (for labels and exports). */
export function lastFullYear(deps: Deps): number {
  return Number(chinaDate(deps.clock.now()).slice(0, 4)) - 1;
}
