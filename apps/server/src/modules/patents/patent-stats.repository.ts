import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database';

/**
 * Queries of the patent statistics: the rebuild of the rollup tables (patent_stats*) and the aggregates the dashboard
 * reads, either from the rollups or, when a filter is not covered by them, from the base table `patents`.
 * Both paths return the same row shapes, so the presenter cannot tell them apart and the numbers agree by construction.
 *
 * Rollup keys (migration 0007): chain_id 0 = all patents, otherwise each id in chain_ids; region_code '' = all regions,
 * 4 digits = the first applicant's city, 6 digits = the first applicant's county (a NULL region is skipped at its level);
 * app_year 0 = no filing date. The year-keyed twins of the applicant, IPC, SEI and WIPO rollups (migration 0010,
 * patent_stats_*_year) hold the city and county levels of the patents with a filing date, and are read only when the
 * filter has a year range.
 */

/** A dashboard filter with its defaults resolved (region always set; chain 0 = all chains). */
export interface StatsFilter {
  chainId: number;
  /** 2-digit province, 4-digit city or 6-digit county code. */
  region: string;
  types?: string[];
  statuses?: string[];
  yearFrom?: number;
  yearTo?: number;
  applicant?: string;
  seiBranch?: string;
  ipc?: string;
  highValue?: boolean;
  hvCategory?: 'sei' | 'foreignFamily' | 'over10Years' | 'pledge' | 'award';
}

/** One cell of patent_stats: type × legal status × application year (0 = unknown). */
export interface StatsGroupRow {
  patentType: string;
  legalStatus: string;
  appYear: number;
  n: number;
  nGranted: number;
  nHighValue: number;
  nHvSei: number;
  nHvForeignFamily: number;
  nHvOver10Years: number;
  nHvPledge: number;
  nHvAward: number;
  nSei: number;
}
export interface GrantGroupRow { patentType: string; grantYear: number; n: number }
export interface RegionGroupRow { regionCode: string; n: number; validInventions: number; highValue: number }
export interface ApplicantRow { name: string; n: number; nValidInvention: number; nHighValue: number }
export interface KeyCountRow { key: string; n: number }
export interface SeiCountRow { branchNo: string; n: number; nValidInvention: number }
export interface WipoCountRow { fieldNo: number; n: number }

const HV_COLUMN = {
  sei: 'hv_sei',
  foreignFamily: 'hv_foreign_family',
  over10Years: 'hv_over10_years',
  pledge: 'hv_pledge',
  award: 'hv_award',
} as const;

/** Expands each patent into chain 0 and its chains. */
const CHAIN_EXPANSION = sql`CROSS JOIN LATERAL unnest(array_prepend(0, p.chain_ids)) AS c(chain_id)`;

/** The region key of a GROUPING SETS row: '' for the all-regions set, else the city or county of that set. */
const REGION_KEY = sql`CASE WHEN GROUPING(p.city_code) = 0 THEN p.city_code WHEN GROUPING(p.county_code) = 0 THEN p.county_code ELSE '' END`;
/** Drops the city-level and county-level groups of patents whose region is unknown at that level. */
const REGION_HAVING = sql`(GROUPING(p.city_code) = 1 OR p.city_code IS NOT NULL) AND (GROUPING(p.county_code) = 1 OR p.county_code IS NOT NULL)`;

function regionSets(keys: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`GROUPING SETS ((${keys}), (${keys}, p.city_code), (${keys}, p.county_code))`;
}

/** The city and county sets only (the year-keyed rollups: region '' is never read with a year range). */
function cityCountySets(keys: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`GROUPING SETS ((${keys}, p.city_code), (${keys}, p.county_code))`;
}

/** The application-year range of a filter, or null without one. Open ends become 1 and 9999 (app_year 0 = no date). */
function yearRange(f: StatsFilter): { lo: number; hi: number } | null {
  if (f.yearFrom === undefined && f.yearTo === undefined) return null;
  return { lo: f.yearFrom ?? 1, hi: f.yearTo ?? 9999 };
}

function yearStart(y: number): string {
  return `${String(y).padStart(4, '0')}-01-01`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Region condition on the base table: province, city or county of the first applicant. */
function regionCondition(region: string): RawBuilder<unknown> {
  if (region.length === 2) return sql`p.province_code = ${region}`;
  if (region.length === 4) return sql`p.city_code = ${region}`;
  return sql`p.county_code = ${region}`;
}

/**
 * WHERE of a base-table aggregate for a filter. `yearOn` says which date the year range applies to: the filing date
 * (every widget except the grant trend), the grant date (grant trend: the rollup patent_stats_grant is keyed by grant
 * year), or none.
 */
function baseWhere(f: StatsFilter, yearOn: 'app' | 'grant' | 'none' = 'app', opts: { region?: boolean } = {}): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [sql`true`];
  if (f.chainId > 0) conds.push(sql`p.chain_ids @> ARRAY[${f.chainId}]::int[]`);
  if (opts.region !== false) conds.push(regionCondition(f.region));
  if (f.types?.length) conds.push(sql`p.patent_type IN (${sql.join(f.types)})`);
  if (f.statuses?.length) conds.push(sql`p.legal_status IN (${sql.join(f.statuses)})`);
  if (yearOn !== 'none') {
    const col = yearOn === 'app' ? sql`p.app_date` : sql`p.grant_date`;
    if (f.yearFrom !== undefined) conds.push(sql`${col} >= ${yearStart(f.yearFrom)}::date`);
    if (f.yearTo !== undefined) conds.push(sql`${col} < ${yearStart(f.yearTo + 1)}::date`);
  }
  if (f.applicant) conds.push(sql`p.applicants @> ARRAY[${f.applicant}]::text[]`);
  if (f.seiBranch) conds.push(sql`p.sei_branches @> ARRAY[${f.seiBranch}]::text[]`);
  // The same meaning as the patent list's filter (patents.repository.ts), so that a dashboard and its list agree:
  // ipc = any classification code with that prefix; hvCategory = the category flag (the widget highValueByCategory counts
  // it on high-value patents only; the drill-down adds highValue=true).
  if (f.ipc) conds.push(sql`EXISTS (SELECT 1 FROM unnest(p.ipc_codes) AS ic(code) WHERE ic.code LIKE ${`${escapeLike(f.ipc.toUpperCase())}%`})`);
  if (f.highValue !== undefined) conds.push(sql`p.is_high_value = ${f.highValue}`);
  if (f.hvCategory) conds.push(sql`${sql.ref(`p.${HV_COLUMN[f.hvCategory]}`)} = true`);
  return sql.join(conds, sql` AND `);
}

/** WHERE on a rollup table: chain and region, plus type, status and application years for patent_stats. */
function rollupWhere(f: StatsFilter, opts: { regions?: string[]; typeStatusYear?: boolean; grantYears?: boolean } = {}): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [sql`chain_id = ${f.chainId}`];
  conds.push(opts.regions ? sql`region_code IN (${sql.join(opts.regions)})` : sql`region_code = ${f.region}`);
  if (opts.typeStatusYear || opts.grantYears) {
    if (f.types?.length) conds.push(sql`patent_type IN (${sql.join(f.types)})`);
  }
  if (opts.typeStatusYear) {
    if (f.statuses?.length) conds.push(sql`legal_status IN (${sql.join(f.statuses)})`);
    // app_year 0 (no filing date) never matches a year range, also one open at the start (the base table's app_date < …).
    const years = yearRange(f);
    if (years) conds.push(sql`app_year BETWEEN ${years.lo} AND ${years.hi}`);
  }
  if (opts.grantYears) {
    if (f.yearFrom !== undefined) conds.push(sql`grant_year >= ${f.yearFrom}`);
    if (f.yearTo !== undefined) conds.push(sql`grant_year <= ${f.yearTo}`);
  }
  return sql.join(conds, sql` AND `);
}

/** The counts of one patent_stats cell, as aggregates over patents p. */
const STATS_AGGREGATES = sql`count(*)::int AS n,
  (count(*) FILTER (WHERE p.grant_date IS NOT NULL))::int AS n_granted,
  (count(*) FILTER (WHERE p.is_high_value))::int AS n_high_value,
  (count(*) FILTER (WHERE p.is_high_value AND p.hv_sei))::int AS n_hv_sei,
  (count(*) FILTER (WHERE p.is_high_value AND p.hv_foreign_family))::int AS n_hv_foreign_family,
  (count(*) FILTER (WHERE p.is_high_value AND p.hv_over10_years))::int AS n_hv_over10_years,
  (count(*) FILTER (WHERE p.is_high_value AND p.hv_pledge))::int AS n_hv_pledge,
  (count(*) FILTER (WHERE p.is_high_value AND p.hv_award))::int AS n_hv_award,
  (count(*) FILTER (WHERE cardinality(p.sei_branches) > 0))::int AS n_sei`;

/** Applicants kept per chain and region in patent_stats_applicant (the ranking shows 20). */
export const APPLICANT_RANK_KEEP = 200;

const APP_YEAR = sql`coalesce(extract(year FROM p.app_date)::int, 0)`;
const VALID_INVENTION = sql`p.patent_type = 'invention' AND p.legal_status = 'valid'`;
/** Rows of the year-keyed rollups: a filing date and a city or county. */
const DATED_WITH_REGION = sql`app_date IS NOT NULL AND (city_code IS NOT NULL OR county_code IS NOT NULL)`;
const DATED_YEAR = sql`extract(year FROM app_date)::int AS app_year`;

/**
 * Candidates per year for the exact ranking over a year range: first the top 50 of each year, then the top 400; above
 * that the whole range is summed. Measured at 1M synthetic patents (PostgreSQL, city of 泰安, 2005-2026): 50 proves the
 * top 20 with 152 candidates; the small slices that 50 cannot prove (a chain in one county) have fewer than 400
 * applicants a year, where 400 takes them all.
 */
export const APPLICANT_YEAR_CANDIDATES: readonly number[] = [50, 400];

export interface YearRankingOptions {
  /** Candidates per year, tried in order (default APPLICANT_YEAR_CANDIDATES). */
  candidates?: readonly number[];
  /** Called with the K that proved the ranking, or 'all' when the whole range was summed. */
  answeredBy?: (step: number | 'all') => void;
}

/**
 * The top `limit` applicants over a year range, exact, from patent_stats_applicant_year (every applicant of every year).
 * A threshold algorithm (Fagin et al.): the top K of each year in the range are the candidates, whose range totals are
 * summed exactly. An applicant that is not a candidate has, in each year y, at most the K-th count t(y) of that year (0
 * when the year has fewer than K applicants: then they are all candidates), so its total is at most T = Σ t(y). The
 * candidates' ranking is the true one when its `limit`-th total is greater than T (strictly: an applicant at T could
 * win the tie on its name), or when T = 0. Otherwise a larger K, and finally the sum over every applicant of the range.
 */
async function topApplicantsOverYears(
  ex: Executor,
  f: StatsFilter,
  years: { lo: number; hi: number },
  limit: number,
  opts: YearRankingOptions,
): Promise<ApplicantRow[]> {
  const where = sql`s.chain_id = ${f.chainId} AND s.region_code = ${f.region}`;
  for (const k of opts.candidates ?? APPLICANT_YEAR_CANDIDATES) {
    // The years come from patent_stats (small, keyed by chain, region, …, app_year); a year without applicants adds nothing.
    const r = await sql<ApplicantRow & { bound: number }>`WITH years AS (
          SELECT DISTINCT app_year FROM patent_stats
          WHERE chain_id = ${f.chainId} AND region_code = ${f.region} AND app_year BETWEEN ${years.lo} AND ${years.hi}),
        top AS (
          SELECT y.app_year, t.applicant, t.n FROM years y CROSS JOIN LATERAL (
            SELECT s.applicant, s.n FROM patent_stats_applicant_year s WHERE ${where} AND s.app_year = y.app_year
            ORDER BY s.n DESC LIMIT ${k}) t),
        bound AS (
          SELECT coalesce(sum(kth), 0)::int AS bound FROM (
            SELECT CASE WHEN count(*) < ${k} THEN 0 ELSE min(n) END AS kth FROM top GROUP BY app_year) b),
        ranked AS (
          SELECT s.applicant AS name, sum(s.n)::int AS n, sum(s.n_valid_invention)::int AS n_valid_invention,
                 sum(s.n_high_value)::int AS n_high_value
          FROM (SELECT DISTINCT applicant FROM top) c
          JOIN patent_stats_applicant_year s ON ${where} AND s.applicant = c.applicant AND s.app_year BETWEEN ${years.lo} AND ${years.hi}
          GROUP BY s.applicant ORDER BY 2 DESC, 1 LIMIT ${limit})
      SELECT bound.bound, ranked.name, ranked.n, ranked.n_valid_invention, ranked.n_high_value
      FROM bound LEFT JOIN ranked ON true ORDER BY ranked.n DESC, ranked.name`.execute(ex);
    const bound = r.rows[0]?.bound ?? 0;
    const rows = r.rows.filter((x) => x.name !== null).map(({ name, n, nValidInvention, nHighValue }) => ({ name, n, nValidInvention, nHighValue }));
    if (bound === 0 || (rows.length === limit && rows[limit - 1]!.n > bound)) {
      opts.answeredBy?.(k);
      return rows;
    }
  }
  opts.answeredBy?.('all');
  const r = await sql<ApplicantRow>`SELECT s.applicant AS name, sum(s.n)::int AS n, sum(s.n_valid_invention)::int AS n_valid_invention,
      sum(s.n_high_value)::int AS n_high_value
    FROM patent_stats_applicant_year s WHERE ${where} AND s.app_year BETWEEN ${years.lo} AND ${years.hi}
    GROUP BY s.applicant ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(ex);
  return r.rows;
}

export const patentStatsRepository = {
  // ---------------------------------------------------------------- rebuild (one transaction, see the service)

  /** Serialises rebuilds: a second rebuild waits here until the first commits (else both would insert the same keys). */
  async lockMeta(trx: Executor): Promise<void> {
    await sql`SELECT id FROM patent_stats_meta WHERE id = 1 FOR UPDATE`.execute(trx);
  },

  /**
   * `truncate` (PGlite): TRUNCATE instead of DELETE. PGlite never autovacuums, so DELETE leaves every old row dead and each
   * rebuild gets slower (measured at 100k patents: 16 s, 27 s, 42 s for three rebuilds in a row); TRUNCATE is transactional
   * and its exclusive lock costs nothing on PGlite's single connection. PostgreSQL keeps DELETE so that dashboards read
   * the old figures (MVCC) instead of waiting for the lock while a rebuild runs; autovacuum cleans up there.
   */
  async rebuildAll(trx: Executor, opts: { truncate: boolean }): Promise<void> {
    const tables = [
      'patent_stats', 'patent_stats_grant', 'patent_stats_applicant', 'patent_stats_ipc', 'patent_stats_sei', 'patent_stats_wipo',
      'patent_stats_applicant_year', 'patent_stats_ipc_year', 'patent_stats_sei_year', 'patent_stats_wipo_year',
    ];
    if (opts.truncate) await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx);
    else for (const t of tables) await sql`DELETE FROM ${sql.table(t)}`.execute(trx);

    await sql`INSERT INTO patent_stats (chain_id, region_code, patent_type, legal_status, app_year, n, n_granted, n_high_value,
        n_hv_sei, n_hv_foreign_family, n_hv_over10_years, n_hv_pledge, n_hv_award, n_sei)
      SELECT c.chain_id, ${REGION_KEY}, p.patent_type, p.legal_status, p.app_year, ${STATS_AGGREGATES}
      FROM (SELECT chain_ids, city_code, county_code, patent_type, legal_status, grant_date, is_high_value, hv_sei, hv_foreign_family,
                   hv_over10_years, hv_pledge, hv_award, sei_branches, coalesce(extract(year FROM app_date)::int, 0) AS app_year
              FROM patents) p
      ${CHAIN_EXPANSION}
      GROUP BY ${regionSets(sql`c.chain_id, p.patent_type, p.legal_status, p.app_year`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    await sql`INSERT INTO patent_stats_grant (chain_id, region_code, patent_type, grant_year, n)
      SELECT c.chain_id, ${REGION_KEY}, p.patent_type, p.grant_year, count(*)::int
      FROM (SELECT chain_ids, city_code, county_code, patent_type, extract(year FROM grant_date)::int AS grant_year
              FROM patents WHERE grant_date IS NOT NULL) p
      ${CHAIN_EXPANSION}
      GROUP BY ${regionSets(sql`c.chain_id, p.patent_type, p.grant_year`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    // Each applicant of a patent counts it once (共同申请各计); the region is the first applicant's.
    // Only the ranking reads this table per chain and region, so each (chain, region) keeps its APPLICANT_RANK_KEEP
    // applicants with most patents; the whole database (chain 0, region '') keeps every applicant. At 100k synthetic
    // patents this is 68k rows instead of 504k, and inserting rows is what PGlite is slowest at.
    await sql`INSERT INTO patent_stats_applicant (chain_id, region_code, applicant, n, n_invention, n_valid_invention, n_high_value)
      SELECT r.chain_id, r.region_code, r.applicant, r.n, r.n_invention, r.n_valid_invention, r.n_high_value FROM (
        SELECT g.*, row_number() OVER (PARTITION BY g.chain_id, g.region_code ORDER BY g.n DESC, g.applicant) AS rk FROM (
          SELECT c.chain_id, ${REGION_KEY} AS region_code, a.applicant, count(*)::int AS n,
            (count(*) FILTER (WHERE p.patent_type = 'invention'))::int AS n_invention,
            (count(*) FILTER (WHERE ${VALID_INVENTION}))::int AS n_valid_invention,
            (count(*) FILTER (WHERE p.is_high_value))::int AS n_high_value
          FROM patents p
          CROSS JOIN LATERAL unnest(p.applicants) AS a(applicant)
          ${CHAIN_EXPANSION}
          GROUP BY ${regionSets(sql`c.chain_id, a.applicant`)}
          HAVING ${REGION_HAVING}) g) r
      WHERE r.rk <= ${APPLICANT_RANK_KEEP} OR (r.chain_id = 0 AND r.region_code = '')`.execute(trx);

    await sql`INSERT INTO patent_stats_ipc (chain_id, region_code, ipc_subclass, n)
      SELECT c.chain_id, ${REGION_KEY}, p.ipc_subclass, count(*)::int
      FROM (SELECT chain_ids, city_code, county_code, left(main_ipc, 4) AS ipc_subclass
              FROM patents WHERE main_ipc IS NOT NULL AND length(main_ipc) >= 4) p
      ${CHAIN_EXPANSION}
      GROUP BY ${regionSets(sql`c.chain_id, p.ipc_subclass`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    await sql`INSERT INTO patent_stats_sei (chain_id, region_code, sei_branch, n, n_valid_invention)
      SELECT c.chain_id, ${REGION_KEY}, s.branch, count(*)::int, (count(*) FILTER (WHERE ${VALID_INVENTION}))::int
      FROM patents p
      CROSS JOIN LATERAL unnest(p.sei_branches) AS s(branch)
      ${CHAIN_EXPANSION}
      GROUP BY ${regionSets(sql`c.chain_id, s.branch`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    await sql`INSERT INTO patent_stats_wipo (chain_id, region_code, field_no, n)
      SELECT c.chain_id, ${REGION_KEY}, w.field_no, count(*)::int
      FROM patents p
      CROSS JOIN LATERAL unnest(p.wipo_fields) AS w(field_no)
      ${CHAIN_EXPANSION}
      GROUP BY ${regionSets(sql`c.chain_id, w.field_no`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    // The year-keyed twins (migration 0010), read only with a year range: patents with a filing date, city and county
    // levels. Every applicant of every year is kept, so that the ranking over any range is exact (topApplicantsRollup).
    await sql`INSERT INTO patent_stats_applicant_year (chain_id, region_code, applicant, app_year, n, n_valid_invention, n_high_value)
      SELECT c.chain_id, ${REGION_KEY}, a.applicant, p.app_year, count(*)::int,
        (count(*) FILTER (WHERE ${VALID_INVENTION}))::int, (count(*) FILTER (WHERE p.is_high_value))::int
      FROM (SELECT chain_ids, city_code, county_code, applicants, patent_type, legal_status, is_high_value, ${DATED_YEAR}
              FROM patents WHERE ${DATED_WITH_REGION}) p
      CROSS JOIN LATERAL unnest(p.applicants) AS a(applicant)
      ${CHAIN_EXPANSION}
      GROUP BY ${cityCountySets(sql`c.chain_id, a.applicant, p.app_year`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    await sql`INSERT INTO patent_stats_ipc_year (chain_id, region_code, app_year, ipc_subclass, n)
      SELECT c.chain_id, ${REGION_KEY}, p.app_year, p.ipc_subclass, count(*)::int
      FROM (SELECT chain_ids, city_code, county_code, left(main_ipc, 4) AS ipc_subclass, ${DATED_YEAR}
              FROM patents WHERE ${DATED_WITH_REGION} AND main_ipc IS NOT NULL AND length(main_ipc) >= 4) p
      ${CHAIN_EXPANSION}
      GROUP BY ${cityCountySets(sql`c.chain_id, p.app_year, p.ipc_subclass`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    await sql`INSERT INTO patent_stats_sei_year (chain_id, region_code, app_year, sei_branch, n, n_valid_invention)
      SELECT c.chain_id, ${REGION_KEY}, p.app_year, s.branch, count(*)::int, (count(*) FILTER (WHERE ${VALID_INVENTION}))::int
      FROM (SELECT chain_ids, city_code, county_code, sei_branches, patent_type, legal_status, ${DATED_YEAR}
              FROM patents WHERE ${DATED_WITH_REGION} AND cardinality(sei_branches) > 0) p
      CROSS JOIN LATERAL unnest(p.sei_branches) AS s(branch)
      ${CHAIN_EXPANSION}
      GROUP BY ${cityCountySets(sql`c.chain_id, p.app_year, s.branch`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    await sql`INSERT INTO patent_stats_wipo_year (chain_id, region_code, app_year, field_no, n)
      SELECT c.chain_id, ${REGION_KEY}, p.app_year, w.field_no, count(*)::int
      FROM (SELECT chain_ids, city_code, county_code, wipo_fields, ${DATED_YEAR}
              FROM patents WHERE ${DATED_WITH_REGION} AND cardinality(wipo_fields) > 0) p
      CROSS JOIN LATERAL unnest(p.wipo_fields) AS w(field_no)
      ${CHAIN_EXPANSION}
      GROUP BY ${cityCountySets(sql`c.chain_id, p.app_year, w.field_no`)}
      HAVING ${REGION_HAVING}`.execute(trx);

    // Fresh planner statistics for the new contents (PGlite never runs autovacuum/autoanalyze).
    await sql`ANALYZE ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx);
  },

  async countPatents(ex: Executor): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM patents`.execute(ex);
    return r.rows[0]?.n ?? 0;
  },

  async writeMeta(trx: Executor, m: { rebuiltAt: string; patentCount: number; durationMs: number }): Promise<void> {
    await trx.updateTable('patentStatsMeta').set(m).where('id', '=', 1).execute();
  },

  async meta(ex: Executor): Promise<{ rebuiltAt: string | null; patentCount: number; durationMs: number | null }> {
    const r = await ex.selectFrom('patentStatsMeta').select(['rebuiltAt', 'patentCount', 'durationMs']).where('id', '=', 1).executeTakeFirst();
    return r ?? { rebuiltAt: null, patentCount: 0, durationMs: null };
  },

  // ---------------------------------------------------------------- type × status × year cells

  async statsGroupsRollup(ex: Executor, f: StatsFilter): Promise<StatsGroupRow[]> {
    const r = await sql<StatsGroupRow>`SELECT patent_type, legal_status, app_year,
        sum(n)::int AS n, sum(n_granted)::int AS n_granted, sum(n_high_value)::int AS n_high_value, sum(n_hv_sei)::int AS n_hv_sei,
        sum(n_hv_foreign_family)::int AS n_hv_foreign_family, sum(n_hv_over10_years)::int AS n_hv_over10_years,
        sum(n_hv_pledge)::int AS n_hv_pledge, sum(n_hv_award)::int AS n_hv_award, sum(n_sei)::int AS n_sei
      FROM patent_stats WHERE ${rollupWhere(f, { typeStatusYear: true })}
      GROUP BY patent_type, legal_status, app_year`.execute(ex);
    return r.rows;
  },

  async statsGroupsBase(ex: Executor, f: StatsFilter): Promise<StatsGroupRow[]> {
    const r = await sql<StatsGroupRow>`SELECT p.patent_type, p.legal_status, ${APP_YEAR} AS app_year, ${STATS_AGGREGATES}
      FROM patents p WHERE ${baseWhere(f)}
      GROUP BY 1, 2, 3`.execute(ex);
    return r.rows;
  },

  // ---------------------------------------------------------------- grant trend

  async grantsRollup(ex: Executor, f: StatsFilter): Promise<GrantGroupRow[]> {
    const r = await sql<GrantGroupRow>`SELECT patent_type, grant_year, sum(n)::int AS n
      FROM patent_stats_grant WHERE ${rollupWhere(f, { grantYears: true })}
      GROUP BY patent_type, grant_year`.execute(ex);
    return r.rows;
  },

  async grantsBase(ex: Executor, f: StatsFilter): Promise<GrantGroupRow[]> {
    const r = await sql<GrantGroupRow>`SELECT p.patent_type, extract(year FROM p.grant_date)::int AS grant_year, count(*)::int AS n
      FROM patents p WHERE p.grant_date IS NOT NULL AND ${baseWhere(f, 'grant')}
      GROUP BY 1, 2`.execute(ex);
    return r.rows;
  },

  // ---------------------------------------------------------------- sub-regions (byCounty)

  async regionsRollup(ex: Executor, f: StatsFilter, regionCodes: string[]): Promise<RegionGroupRow[]> {
    if (regionCodes.length === 0) return [];
    const r = await sql<RegionGroupRow>`SELECT region_code, sum(n)::int AS n,
        coalesce(sum(n) FILTER (WHERE patent_type = 'invention' AND legal_status = 'valid'), 0)::int AS valid_inventions,
        sum(n_high_value)::int AS high_value
      FROM patent_stats WHERE ${rollupWhere(f, { regions: regionCodes, typeStatusYear: true })}
      GROUP BY region_code`.execute(ex);
    return r.rows;
  },

  /** Counts by county (or by city when the filter region is a province) of the patents matching the filter. */
  async regionsBase(ex: Executor, f: StatsFilter, level: 'city' | 'county'): Promise<RegionGroupRow[]> {
    const col = level === 'city' ? sql`p.city_code` : sql`p.county_code`;
    const r = await sql<RegionGroupRow>`SELECT ${col} AS region_code, count(*)::int AS n,
        (count(*) FILTER (WHERE ${VALID_INVENTION}))::int AS valid_inventions,
        (count(*) FILTER (WHERE p.is_high_value))::int AS high_value
      FROM patents p WHERE ${col} IS NOT NULL AND ${baseWhere(f)}
      GROUP BY 1`.execute(ex);
    return r.rows;
  },

  // ---------------------------------------------------------------- applicants

  /**
   * The ranking from the rollups: patent_stats_applicant, or with a year range patent_stats_applicant_year (exact, see
   * topApplicantsOverYears; `years` lets tests choose the candidate steps and see which one answered).
   */
  async topApplicantsRollup(ex: Executor, f: StatsFilter, limit: number, years: YearRankingOptions = {}): Promise<ApplicantRow[]> {
    const range = yearRange(f);
    if (range) return topApplicantsOverYears(ex, f, range, limit, years);
    const r = await sql<ApplicantRow>`SELECT applicant AS name, n, n_valid_invention, n_high_value
      FROM patent_stats_applicant WHERE ${rollupWhere(f)}
      ORDER BY n DESC, applicant LIMIT ${limit}`.execute(ex);
    return r.rows;
  },

  async topApplicantsBase(ex: Executor, f: StatsFilter, limit: number): Promise<ApplicantRow[]> {
    const r = await sql<ApplicantRow>`SELECT a.applicant AS name, count(*)::int AS n,
        (count(*) FILTER (WHERE ${VALID_INVENTION}))::int AS n_valid_invention,
        (count(*) FILTER (WHERE p.is_high_value))::int AS n_high_value
      FROM patents p CROSS JOIN LATERAL unnest(p.applicants) AS a(applicant)
      WHERE ${baseWhere(f)}
      GROUP BY a.applicant ORDER BY n DESC, a.applicant LIMIT ${limit}`.execute(ex);
    return r.rows;
  },

  /** Top applicant of every chain (chain 0 = all) in a region, from the rollup. */
  async topApplicantPerChain(ex: Executor, region: string): Promise<Map<number, string>> {
    const r = await sql<{ chainId: number; name: string }>`SELECT DISTINCT ON (chain_id) chain_id, applicant AS name
      FROM patent_stats_applicant WHERE region_code = ${region}
      ORDER BY chain_id, n DESC, applicant`.execute(ex);
    return new Map(r.rows.map((x) => [x.chainId, x.name]));
  },

  async topApplicantPerChainBase(ex: Executor, region: string): Promise<Map<number, string>> {
    const r = await sql<{ chainId: number; name: string }>`SELECT DISTINCT ON (chain_id) chain_id, name FROM (
        SELECT c.chain_id, a.applicant AS name, count(*) AS n
        FROM patents p CROSS JOIN LATERAL unnest(p.applicants) AS a(applicant) ${CHAIN_EXPANSION}
        WHERE ${regionCondition(region)}
        GROUP BY 1, 2) x
      ORDER BY chain_id, n DESC, name`.execute(ex);
    return new Map(r.rows.map((x) => [x.chainId, x.name]));
  },

  // ---------------------------------------------------------------- IPC, SEI, WIPO

  async ipcRollup(ex: Executor, f: StatsFilter): Promise<KeyCountRow[]> {
    const years = yearRange(f);
    const r = years
      ? await sql<KeyCountRow>`SELECT ipc_subclass AS key, sum(n)::int AS n FROM patent_stats_ipc_year
          WHERE ${rollupWhere(f)} AND app_year BETWEEN ${years.lo} AND ${years.hi} GROUP BY ipc_subclass`.execute(ex)
      : await sql<KeyCountRow>`SELECT ipc_subclass AS key, n FROM patent_stats_ipc WHERE ${rollupWhere(f)}`.execute(ex);
    return r.rows;
  },

  async ipcBase(ex: Executor, f: StatsFilter): Promise<KeyCountRow[]> {
    const r = await sql<KeyCountRow>`SELECT left(p.main_ipc, 4) AS key, count(*)::int AS n
      FROM patents p WHERE p.main_ipc IS NOT NULL AND length(p.main_ipc) >= 4 AND ${baseWhere(f)}
      GROUP BY 1`.execute(ex);
    return r.rows;
  },

  async seiRollup(ex: Executor, f: StatsFilter): Promise<SeiCountRow[]> {
    const years = yearRange(f);
    const r = years
      ? await sql<SeiCountRow>`SELECT sei_branch AS branch_no, sum(n)::int AS n, sum(n_valid_invention)::int AS n_valid_invention
          FROM patent_stats_sei_year WHERE ${rollupWhere(f)} AND app_year BETWEEN ${years.lo} AND ${years.hi} GROUP BY sei_branch`.execute(ex)
      : await sql<SeiCountRow>`SELECT sei_branch AS branch_no, n, n_valid_invention FROM patent_stats_sei WHERE ${rollupWhere(f)}`.execute(ex);
    return r.rows;
  },

  async seiBase(ex: Executor, f: StatsFilter): Promise<SeiCountRow[]> {
    const r = await sql<SeiCountRow>`SELECT s.branch AS branch_no, count(*)::int AS n, (count(*) FILTER (WHERE ${VALID_INVENTION}))::int AS n_valid_invention
      FROM patents p CROSS JOIN LATERAL unnest(p.sei_branches) AS s(branch)
      WHERE ${baseWhere(f)} GROUP BY 1`.execute(ex);
    return r.rows;
  },

  async wipoRollup(ex: Executor, f: StatsFilter): Promise<WipoCountRow[]> {
    const years = yearRange(f);
    const r = years
      ? await sql<WipoCountRow>`SELECT field_no, sum(n)::int AS n FROM patent_stats_wipo_year
          WHERE ${rollupWhere(f)} AND app_year BETWEEN ${years.lo} AND ${years.hi} GROUP BY field_no`.execute(ex)
      : await sql<WipoCountRow>`SELECT field_no, n FROM patent_stats_wipo WHERE ${rollupWhere(f)}`.execute(ex);
    return r.rows;
  },

  async wipoBase(ex: Executor, f: StatsFilter): Promise<WipoCountRow[]> {
    const r = await sql<WipoCountRow>`SELECT w.field_no, count(*)::int AS n
      FROM patents p CROSS JOIN LATERAL unnest(p.wipo_fields) AS w(field_no)
      WHERE ${baseWhere(f)} GROUP BY 1`.execute(ex);
    return r.rows;
  },

  // ---------------------------------------------------------------- chains overview

  /** Per chain (0 = all) in one region: patents, valid inventions, high value, and applications in two years. */
  async chainFiguresRollup(ex: Executor, region: string, year: number): Promise<ChainFigures[]> {
    const r = await sql<ChainFigures>`SELECT chain_id, sum(n)::int AS patents,
        coalesce(sum(n) FILTER (WHERE patent_type = 'invention' AND legal_status = 'valid'), 0)::int AS valid_inventions,
        sum(n_high_value)::int AS high_value,
        coalesce(sum(n) FILTER (WHERE app_year = ${year}), 0)::int AS apps_year,
        coalesce(sum(n) FILTER (WHERE app_year = ${year - 1}), 0)::int AS apps_prev_year
      FROM patent_stats WHERE region_code = ${region} GROUP BY chain_id`.execute(ex);
    return r.rows;
  },

  async chainFiguresBase(ex: Executor, region: string, year: number): Promise<ChainFigures[]> {
    const r = await sql<ChainFigures>`SELECT c.chain_id, count(*)::int AS patents,
        (count(*) FILTER (WHERE ${VALID_INVENTION}))::int AS valid_inventions,
        (count(*) FILTER (WHERE p.is_high_value))::int AS high_value,
        (count(*) FILTER (WHERE p.app_date >= ${yearStart(year)}::date AND p.app_date < ${yearStart(year + 1)}::date))::int AS apps_year,
        (count(*) FILTER (WHERE p.app_date >= ${yearStart(year - 1)}::date AND p.app_date < ${yearStart(year)}::date))::int AS apps_prev_year
      FROM patents p ${CHAIN_EXPANSION}
      WHERE ${regionCondition(region)} GROUP BY 1`.execute(ex);
    return r.rows;
  },

  // ---------------------------------------------------------------- reference names

  async regionName(ex: Executor, code: string): Promise<string | null> {
    const r = await ex.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
    return r?.name ?? null;
  },

  async regionNames(ex: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await ex.selectFrom('regions').select(['code', 'name']).where('code', 'in', [...new Set(codes)]).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  },

  /** Sub-regions of a region: the cities of a province, the counties of a city (regions table, in code order). */
  async childRegions(ex: Executor, parent: string, level: 'city' | 'county'): Promise<{ code: string; name: string }[]> {
    return ex.selectFrom('regions').select(['code', 'name']).where('parentCode', '=', parent).where('level', '=', level).orderBy('code').execute();
  },

  async ipcTitles(ex: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await ex.selectFrom('ipcTitles').select(['code', 'titleZh']).where('code', 'in', [...new Set(codes)]).execute();
    return new Map(rows.map((r) => [r.code, r.titleZh]));
  },

  /** Branch and industry names of the newest table version. */
  async seiBranchNames(ex: Executor): Promise<Map<string, { branchName: string; industryName: string }>> {
    const r = await sql<{ branchNo: string; branchName: string; industryName: string }>`SELECT DISTINCT ON (branch_no) branch_no, branch_name, industry_name
      FROM sei_rules ORDER BY branch_no, table_version DESC, rule_idx`.execute(ex);
    return new Map(r.rows.map((x) => [x.branchNo, { branchName: x.branchName, industryName: x.industryName }]));
  },

  async wipoNames(ex: Executor): Promise<Map<number, string>> {
    const rows = await ex.selectFrom('wipoFields').select(['fieldNo', 'fieldZh']).execute();
    return new Map(rows.map((r) => [r.fieldNo, r.fieldZh]));
  },

  async chains(ex: Executor, opts: { enabledOnly?: boolean } = {}): Promise<{ id: number; name: string; isDemo: boolean; enabled: boolean }[]> {
    let q = ex.selectFrom('industryChains').select(['id', 'name', 'isDemo', 'enabled']).orderBy('sort').orderBy('id');
    if (opts.enabledOnly) q = q.where('enabled', '=', true);
    return q.execute();
  },

  async chainName(ex: Executor, id: number): Promise<string | null> {
    const r = await ex.selectFrom('industryChains').select('name').where('id', '=', id).executeTakeFirst();
    return r?.name ?? null;
  },

  /** Whether any patent is demo or synthetic data (exports then say so). */
  async hasNonImportedData(ex: Executor): Promise<{ demo: boolean; synthetic: boolean }> {
    const r = await sql<{ demo: boolean; synthetic: boolean }>`SELECT
        EXISTS (SELECT 1 FROM patents WHERE data_source = 'demo') AS demo,
        EXISTS (SELECT 1 FROM patents WHERE data_source = 'synthetic') AS synthetic`.execute(ex);
    return r.rows[0] ?? { demo: false, synthetic: false };
  },
};

export interface ChainFigures {
  chainId: number;
  patents: number;
  validInventions: number;
  highValue: number;
  appsYear: number;
  appsPrevYear: number;
}
