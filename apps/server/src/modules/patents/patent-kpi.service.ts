import {
  HIGH_VALUE_CATEGORIES,
  HIGH_VALUE_CATEGORY_LABELS,
  KPI_HIGH_VALUE_PER_10K,
  kpiPer10k,
  type KpiRegionRow,
  type PatentKpiDto,
  type PopulationDto,
} from '@zhichan/shared';
import type { z } from 'zod';
import type { KpiTargetInput, OfficialKpiInput, PopulationInput } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { isDevelopmentZone } from '../../seed/regions.seed';
import { writeAudit } from '../audit/audit.service';
import { patentKpiRepository as repo, type PopulationRow, type RegionCounts, type TargetRow } from './patent-kpi.repository';
import { patentStatsRepository } from './patent-stats.repository';

/**
 * 每万人口高价值发明专利拥有量 (legal-rules.md §2.2): 本地区高价值有效发明专利件数 ÷ 年末常住人口（万人）, for the city and each
 * of its counties, by the first patentee's address. The population is the latest year-end figure not after the requested
 * year, always with its source; a missing figure is listed for entry, never estimated.
 */

export interface KpiTargetDto {
  regionCode: string;
  regionName: string;
  year: number;
  target: number;
  source: string | null;
  updatedAt: string;
}

export interface KpiSnapshotDto {
  regionCode: string;
  asOf: string;
  origin: 'computed' | 'official';
  value: number | null;
  note: string | null;
}

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** The target for a year: that year's, else the nearest later one (a target "by 2025"), else the latest earlier one. */
function pickTarget(rows: TargetRow[], year: number): TargetRow | null {
  const exact = rows.find((r) => r.year === year);
  if (exact) return exact;
  const later = rows.filter((r) => r.year > year).sort((a, b) => a.year - b.year)[0];
  if (later) return later;
  return rows.filter((r) => r.year < year).sort((a, b) => b.year - a.year)[0] ?? null;
}

interface KpiRegion {
  code: string;
  name: string;
  level: 'city' | 'county';
}

/** The city and its counties; development zones (xx7x, 统计用区划) only when they hold valid inventions. */
async function kpiRegions(ex: Executor, cityCode: string, counts: Map<string | null, RegionCounts>): Promise<KpiRegion[]> {
  const cityName = (await patentStatsRepository.regionName(ex, cityCode)) ?? cityCode;
  const counties = await patentStatsRepository.childRegions(ex, cityCode, 'county');
  return [
    { code: cityCode, name: cityName, level: 'city' },
    ...counties
      .filter((c) => !isDevelopmentZone(c.code) || (counts.get(c.code)?.validInventions ?? 0) > 0)
      .map((c) => ({ code: c.code, name: c.name, level: 'county' as const })),
  ];
}

function today(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

interface KpiFigures {
  asOf: string;
  year: number;
  rows: KpiRegionRow[];
  counts: Map<string | null, RegionCounts>;
}

/**
 * `exact`: count from the base table (snapshots: a stored figure must be exact at its moment). Otherwise the rollups are
 * read when they have been built (the page: cheap at a million patents on PGlite).
 */
async function computeKpi(ex: Executor, deps: Deps, year: number, asOf: string, opts: { exact: boolean }): Promise<KpiFigures> {
  const cityCode = deps.config.cityCode;
  const rebuilt = !opts.exact && (await patentStatsRepository.meta(ex)).rebuiltAt !== null;
  const countRows = rebuilt
    ? await repo.countsByCountyRollup(ex, cityCode, (await patentStatsRepository.childRegions(ex, cityCode, 'county')).map((c) => c.code))
    : await repo.countsByCounty(ex, cityCode);
  const counts = new Map(countRows.map((c) => [c.countyCode, c]));
  const regions = await kpiRegions(ex, cityCode, counts);
  const codes = regions.map((r) => r.code);
  const population = await repo.latestPopulation(ex, codes, year);
  const targets = await repo.targets(ex, codes);
  const rows: KpiRegionRow[] = regions.map((r) => {
    const c = counts.get(r.level === 'city' ? null : r.code);
    const pop: PopulationRow | undefined = population.get(r.code);
    const t = pickTarget(targets.filter((x) => x.regionCode === r.code), year);
    const highValueCount = c?.highValue ?? 0;
    const populationWan = num(pop?.populationWan);
    return {
      regionCode: r.code,
      name: r.name,
      level: r.level,
      highValueCount,
      validInventions: c?.validInventions ?? 0,
      populationWan,
      populationYear: pop?.year ?? null,
      populationSource: pop?.source ?? null,
      value: kpiPer10k(highValueCount, populationWan),
      target: num(t?.target),
      targetYear: t?.year ?? null,
    };
  });
  return { asOf, year, rows, counts };
}

/** The KPI table, the city's trend and the category breakdown. `year` chooses the population and the target (default: this year). */
export async function getPatentKpi(ex: Executor, deps: Deps, opts: { year?: number }): Promise<PatentKpiDto> {
  const asOf = today(deps);
  const year = opts.year ?? Number(asOf.slice(0, 4));
  const k = await computeKpi(ex, deps, year, asOf, { exact: false });
  const city = k.counts.get(null);
  const catCount: Record<(typeof HIGH_VALUE_CATEGORIES)[number], number> = {
    sei: city?.hvSei ?? 0,
    foreignFamily: city?.hvForeignFamily ?? 0,
    over10Years: city?.hvOver10Years ?? 0,
    pledge: city?.hvPledge ?? 0,
    award: city?.hvAward ?? 0,
  };
  const snaps = await repo.snapshots(ex, deps.config.cityCode);
  return {
    asOf,
    pledgeThresholdWan: deps.config.patentPledgeHighValueWan,
    rows: k.rows,
    trend: snaps.map((s) => ({ asOf: s.asOf, value: num(s.value), origin: s.origin, note: s.note })),
    byCategory: HIGH_VALUE_CATEGORIES.map((c) => ({ category: c, label: HIGH_VALUE_CATEGORY_LABELS[c], n: catCount[c] })),
    missingPopulation: k.rows.filter((r) => r.populationWan === null).map((r) => ({ regionCode: r.regionCode, name: r.name })),
  };
}

/**
 * Stores computed snapshots (origin computed) for the city and each county at `asOf`, inside the caller's transaction.
 * The population year is that of `asOf` (the latest figure not after it). Returns the number of rows written.
 */
export async function storeComputedSnapshots(trx: Executor, deps: Deps, asOf: string, opts: { createdBy: number | null; note: string | null }): Promise<KpiRegionRow[]> {
  const k = await computeKpi(trx, deps, Number(asOf.slice(0, 4)), asOf, { exact: true });
  const createdAt = deps.clock.now().toISOString();
  for (const r of k.rows) {
    await repo.upsertSnapshot(trx, {
      regionCode: r.regionCode,
      asOf,
      origin: 'computed',
      highValueCount: r.highValueCount,
      populationWan: r.populationWan,
      populationYear: r.populationYear,
      value: r.value,
      note: opts.note,
      createdBy: opts.createdBy,
      createdAt,
    });
  }
  return k.rows;
}

/** POST /patent-kpi/snapshot: compute now and keep the figures of today for the trend. */
export async function takeKpiSnapshot(deps: Deps, ctx: Ctx): Promise<PatentKpiDto> {
  const asOf = today(deps);
  await deps.db.transaction().execute(async (trx) => {
    const rows = await storeComputedSnapshots(trx, deps, asOf, { createdBy: null, note: '手动留存' });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'patentKpi.snapshot',
      entityType: 'patentKpiSnapshot',
      entityId: `${deps.config.cityCode}:${asOf}`,
      after: { asOf, rows: rows.map((r) => ({ regionCode: r.regionCode, highValueCount: r.highValueCount, populationWan: r.populationWan, value: r.value })) },
    });
  });
  return getPatentKpi(deps.db, deps, {});
}

// ---------------------------------------------------------------- official figures

export async function addOfficialKpi(deps: Deps, ctx: Ctx, input: z.infer<typeof OfficialKpiInput>): Promise<KpiSnapshotDto> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.regionExists(trx, input.regionCode))) throw fieldError('body.regionCode', '没有这个地区代码，请检查');
    if (Number.isNaN(Date.parse(`${input.asOf}T00:00:00Z`)) || new Date(`${input.asOf}T00:00:00Z`).toISOString().slice(0, 10) !== input.asOf) {
      throw fieldError('body.asOf', '统计时点不是有效日期');
    }
    if (input.asOf > today(deps)) throw fieldError('body.asOf', '统计时点不能晚于今天');
    const before = await repo.getSnapshot(trx, input.regionCode, input.asOf, 'official');
    await repo.upsertSnapshot(trx, {
      regionCode: input.regionCode,
      asOf: input.asOf,
      origin: 'official',
      highValueCount: null,
      populationWan: null,
      populationYear: null,
      value: input.value,
      note: input.note,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: deps.clock.now().toISOString(),
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: before ? 'patentKpi.official.update' : 'patentKpi.official.create',
      entityType: 'patentKpiSnapshot',
      entityId: `${input.regionCode}:${input.asOf}:official`,
      before: before ?? null,
      after: input,
    });
    return { regionCode: input.regionCode, asOf: input.asOf, origin: 'official', value: input.value, note: input.note };
  });
}

// ---------------------------------------------------------------- population

function presentPopulation(r: PopulationRow, names: Map<string, string>): PopulationDto {
  return {
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    year: r.year,
    populationWan: Number(r.populationWan),
    source: r.source,
    sourceUrl: r.sourceUrl,
    note: r.note,
    updatedAt: r.updatedAt,
  };
}

export async function listPopulation(deps: Deps): Promise<PopulationDto[]> {
  const rows = await repo.listPopulation(deps.db);
  const names = await patentStatsRepository.regionNames(deps.db, rows.map((r) => r.regionCode));
  return rows.map((r) => presentPopulation(r, names));
}

export async function putPopulation(deps: Deps, ctx: Ctx, input: z.infer<typeof PopulationInput>): Promise<PopulationDto> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.regionExists(trx, input.regionCode))) throw fieldError('body.regionCode', '没有这个地区代码，请检查');
    if (input.year > Number(today(deps).slice(0, 4))) throw fieldError('body.year', '年末常住人口的年度不能晚于今年');
    const before = await repo.getPopulation(trx, input.regionCode, input.year);
    await repo.upsertPopulation(trx, {
      regionCode: input.regionCode,
      year: input.year,
      populationWan: input.populationWan,
      source: input.source,
      sourceUrl: input.sourceUrl ?? null,
      note: input.note ?? null,
      updatedBy: ctx.actor?.userId ?? null,
      updatedAt: deps.clock.now().toISOString(),
    });
    const after = (await repo.getPopulation(trx, input.regionCode, input.year))!;
    await writeAudit(trx, deps.clock, ctx, {
      action: before ? 'patentPopulation.update' : 'patentPopulation.create',
      entityType: 'residentPopulation',
      entityId: `${input.regionCode}:${input.year}`,
      before: before ?? null,
      after,
    });
    return presentPopulation(after, await patentStatsRepository.regionNames(trx, [input.regionCode]));
  });
}

export async function deletePopulation(deps: Deps, ctx: Ctx, regionCode: string, year: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.getPopulation(trx, regionCode, year);
    if (!before) throw new AppError('NOT_FOUND', { message: '没有这条常住人口数据' });
    await repo.deletePopulation(trx, regionCode, year);
    await writeAudit(trx, deps.clock, ctx, { action: 'patentPopulation.delete', entityType: 'residentPopulation', entityId: `${regionCode}:${year}`, before });
  });
}

// ---------------------------------------------------------------- targets

export async function listTargets(deps: Deps): Promise<KpiTargetDto[]> {
  const rows = await repo.targets(deps.db);
  const names = await patentStatsRepository.regionNames(deps.db, rows.map((r) => r.regionCode));
  return rows.map((r) => ({ regionCode: r.regionCode, regionName: names.get(r.regionCode) ?? r.regionCode, year: r.year, target: Number(r.target), source: r.source, updatedAt: r.updatedAt }));
}

export async function putTarget(deps: Deps, ctx: Ctx, input: z.infer<typeof KpiTargetInput>): Promise<KpiTargetDto> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.regionExists(trx, input.regionCode))) throw fieldError('body.regionCode', '没有这个地区代码，请检查');
    const before = await repo.getTarget(trx, input.regionCode, input.year);
    await repo.upsertTarget(trx, {
      regionCode: input.regionCode,
      year: input.year,
      target: input.target,
      source: input.source ?? null,
      updatedBy: ctx.actor?.userId ?? null,
      updatedAt: deps.clock.now().toISOString(),
    });
    const after = (await repo.getTarget(trx, input.regionCode, input.year))!;
    await writeAudit(trx, deps.clock, ctx, {
      action: before ? 'patentKpiTarget.update' : 'patentKpiTarget.create',
      entityType: 'kpiTarget',
      entityId: `${KPI_HIGH_VALUE_PER_10K}:${input.regionCode}:${input.year}`,
      before: before ?? null,
      after,
    });
    const names = await patentStatsRepository.regionNames(trx, [input.regionCode]);
    return { regionCode: after.regionCode, regionName: names.get(after.regionCode) ?? after.regionCode, year: after.year, target: Number(after.target), source: after.source, updatedAt: after.updatedAt };
  });
}
