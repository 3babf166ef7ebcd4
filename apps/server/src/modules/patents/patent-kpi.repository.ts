import { KPI_HIGH_VALUE_PER_10K } from '@zhichan/shared';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';

/**
 * Queries of the KPI 每万人口高价值发明专利拥有量 (legal-rules.md §2.2): high-value inventions by the first patentee's
 * county, resident population by region and year, targets, and the snapshots that make the trend.
 */

export interface RegionCounts {
  /** null = the whole city. */
  countyCode: string | null;
  highValue: number;
  validInventions: number;
  hvSei: number;
  hvForeignFamily: number;
  hvOver10Years: number;
  hvPledge: number;
  hvAward: number;
}

export interface PopulationRow {
  regionCode: string;
  year: number;
  populationWan: string;
  source: string;
  sourceUrl: string | null;
  note: string | null;
  updatedAt: string;
}

export interface TargetRow {
  regionCode: string;
  year: number;
  target: string;
  source: string | null;
  updatedAt: string;
}

export interface SnapshotRow {
  regionCode: string;
  asOf: string;
  origin: 'computed' | 'official';
  highValueCount: number | null;
  populationWan: string | null;
  populationYear: number | null;
  value: string | null;
  note: string | null;
}

export const patentKpiRepository = {
  /**
   * Counts of the city (countyCode null) and of each county in it, from the base table: the KPI is exact at the moment
   * it is asked, independent of when the rollups were last rebuilt. is_high_value already means a valid invention in one
   * of the five categories (counted once).
   */
  async countsByCounty(ex: Executor, cityCode: string): Promise<RegionCounts[]> {
    const r = await sql<RegionCounts & { isTotal: number }>`SELECT county_code, GROUPING(county_code) AS is_total,
        (count(*) FILTER (WHERE is_high_value))::int AS high_value,
        (count(*) FILTER (WHERE patent_type = 'invention' AND legal_status = 'valid'))::int AS valid_inventions,
        (count(*) FILTER (WHERE is_high_value AND hv_sei))::int AS hv_sei,
        (count(*) FILTER (WHERE is_high_value AND hv_foreign_family))::int AS hv_foreign_family,
        (count(*) FILTER (WHERE is_high_value AND hv_over10_years))::int AS hv_over10_years,
        (count(*) FILTER (WHERE is_high_value AND hv_pledge))::int AS hv_pledge,
        (count(*) FILTER (WHERE is_high_value AND hv_award))::int AS hv_award
      FROM patents WHERE city_code = ${cityCode} AND patent_type = 'invention' AND legal_status = 'valid'
      GROUP BY GROUPING SETS ((county_code), ())`.execute(ex);
    // The group of the city's patents without a county is dropped; the total row has is_total = 1.
    return r.rows
      .filter((x) => x.isTotal === 1 || x.countyCode !== null)
      .map(({ isTotal, ...x }) => ({ ...x, countyCode: isTotal === 1 ? null : x.countyCode }));
  },

  /**
   * The same counts from the rollup patent_stats (chain 0; the city row and the county rows): cheap at any size, current
   * as of the last rebuild (after every import, reclassification or flag change).
   */
  async countsByCountyRollup(ex: Executor, cityCode: string, countyCodes: string[]): Promise<RegionCounts[]> {
    const r = await sql<RegionCounts & { regionCode: string }>`SELECT region_code,
        coalesce(sum(n_high_value), 0)::int AS high_value,
        coalesce(sum(n) FILTER (WHERE patent_type = 'invention' AND legal_status = 'valid'), 0)::int AS valid_inventions,
        coalesce(sum(n_hv_sei), 0)::int AS hv_sei,
        coalesce(sum(n_hv_foreign_family), 0)::int AS hv_foreign_family,
        coalesce(sum(n_hv_over10_years), 0)::int AS hv_over10_years,
        coalesce(sum(n_hv_pledge), 0)::int AS hv_pledge,
        coalesce(sum(n_hv_award), 0)::int AS hv_award
      FROM patent_stats WHERE chain_id = 0 AND region_code IN (${sql.join([cityCode, ...countyCodes])})
      GROUP BY region_code`.execute(ex);
    return r.rows.map(({ regionCode, ...x }) => ({ ...x, countyCode: regionCode === cityCode ? null : regionCode }));
  },

  /** For each region, the population of the latest year ≤ `year`. */
  async latestPopulation(ex: Executor, regionCodes: string[], year: number): Promise<Map<string, PopulationRow>> {
    if (regionCodes.length === 0) return new Map();
    const r = await sql<PopulationRow>`SELECT DISTINCT ON (region_code) region_code, year, population_wan, source, source_url, note, updated_at
      FROM resident_population WHERE region_code IN (${sql.join(regionCodes)}) AND year <= ${year}
      ORDER BY region_code, year DESC`.execute(ex);
    return new Map(r.rows.map((x) => [x.regionCode, x]));
  },

  listPopulation(ex: Executor): Promise<PopulationRow[]> {
    return ex
      .selectFrom('residentPopulation')
      .select(['regionCode', 'year', 'populationWan', 'source', 'sourceUrl', 'note', 'updatedAt'])
      .orderBy('regionCode')
      .orderBy('year', 'desc')
      .execute();
  },

  getPopulation(ex: Executor, regionCode: string, year: number): Promise<PopulationRow | undefined> {
    return ex
      .selectFrom('residentPopulation')
      .select(['regionCode', 'year', 'populationWan', 'source', 'sourceUrl', 'note', 'updatedAt'])
      .where('regionCode', '=', regionCode)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
  },

  async upsertPopulation(
    trx: Executor,
    v: { regionCode: string; year: number; populationWan: number; source: string; sourceUrl: string | null; note: string | null; updatedBy: number | null; updatedAt: string },
  ): Promise<void> {
    await trx
      .insertInto('residentPopulation')
      .values(v)
      .onConflict((oc) =>
        oc.columns(['regionCode', 'year']).doUpdateSet({
          populationWan: v.populationWan,
          source: v.source,
          sourceUrl: v.sourceUrl,
          note: v.note,
          updatedBy: v.updatedBy,
          updatedAt: v.updatedAt,
        }),
      )
      .execute();
  },

  async deletePopulation(trx: Executor, regionCode: string, year: number): Promise<void> {
    await trx.deleteFrom('residentPopulation').where('regionCode', '=', regionCode).where('year', '=', year).execute();
  },

  async targets(ex: Executor, regionCodes?: string[]): Promise<TargetRow[]> {
    let q = ex
      .selectFrom('kpiTargets')
      .select(['regionCode', 'year', 'target', 'source', 'updatedAt'])
      .where('kpi', '=', KPI_HIGH_VALUE_PER_10K)
      .orderBy('regionCode')
      .orderBy('year');
    if (regionCodes) {
      if (regionCodes.length === 0) return [];
      q = q.where('regionCode', 'in', regionCodes);
    }
    return q.execute();
  },

  getTarget(ex: Executor, regionCode: string, year: number): Promise<TargetRow | undefined> {
    return ex
      .selectFrom('kpiTargets')
      .select(['regionCode', 'year', 'target', 'source', 'updatedAt'])
      .where('kpi', '=', KPI_HIGH_VALUE_PER_10K)
      .where('regionCode', '=', regionCode)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
  },

  async upsertTarget(trx: Executor, v: { regionCode: string; year: number; target: number; source: string | null; updatedBy: number | null; updatedAt: string }): Promise<void> {
    await trx
      .insertInto('kpiTargets')
      .values({ kpi: KPI_HIGH_VALUE_PER_10K, ...v })
      .onConflict((oc) => oc.columns(['kpi', 'regionCode', 'year']).doUpdateSet({ target: v.target, source: v.source, updatedBy: v.updatedBy, updatedAt: v.updatedAt }))
      .execute();
  },

  snapshots(ex: Executor, regionCode: string): Promise<SnapshotRow[]> {
    return ex
      .selectFrom('patentKpiSnapshots')
      .select(['regionCode', 'asOf', 'origin', 'highValueCount', 'populationWan', 'populationYear', 'value', 'note'])
      .where('regionCode', '=', regionCode)
      .orderBy('asOf')
      .orderBy('origin')
      .execute();
  },

  getSnapshot(ex: Executor, regionCode: string, asOf: string, origin: 'computed' | 'official'): Promise<SnapshotRow | undefined> {
    return ex
      .selectFrom('patentKpiSnapshots')
      .select(['regionCode', 'asOf', 'origin', 'highValueCount', 'populationWan', 'populationYear', 'value', 'note'])
      .where('regionCode', '=', regionCode)
      .where('asOf', '=', asOf)
      .where('origin', '=', origin)
      .executeTakeFirst();
  },

  async upsertSnapshot(
    trx: Executor,
    v: {
      regionCode: string; asOf: string; origin: 'computed' | 'official'; highValueCount: number | null; populationWan: number | null;
      populationYear: number | null; value: number | null; note: string | null; createdBy: number | null; createdAt: string;
    },
  ): Promise<void> {
    await trx
      .insertInto('patentKpiSnapshots')
      .values(v)
      .onConflict((oc) =>
        oc.columns(['regionCode', 'asOf', 'origin']).doUpdateSet({
          highValueCount: v.highValueCount,
          populationWan: v.populationWan,
          populationYear: v.populationYear,
          value: v.value,
          note: v.note,
          createdBy: v.createdBy,
          createdAt: v.createdAt,
        }),
      )
      .execute();
  },

  async regionExists(ex: Executor, code: string): Promise<boolean> {
    const r = await ex.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
    return !!r;
  },
};
