/**
 * Queries of the patent base table: filters, Chinese full-text search, export batches, detail, applicant profile and
 * the reference lookups. Only queries; transactions and rules live in the services.
 *
 * Search (tech-measurements.md §B, issue 5 capability 6): every patent stores the distinct character bigrams of its title,
 * abstract and applicants (search_tokens, GIN). A query of 2+ characters keeps the rows whose tokens contain all the
 * query's bigrams (`@>`, served by the index) and rechecks the substring, which gives exactly substring semantics: 100 %
 * recall, unlike word segmentation (jieba misses 模组, 机壳 …) or pg_trgm (no index use for 2-character words).
 * Case: normalizeSearchText lower-cases ASCII A-Z only; the recheck mirrors it with translate(), which — unlike lower() —
 * does not depend on the database collation (lower() would also fold full-width or Greek letters on a non-C database),
 * and only when the query holds an ASCII letter (see textMatcher).
 */
import { normalizeSearchText, queryTokens, type PatentFilter, type PatentSearchInput } from '@zhichan/shared';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database';

/** Exact counts stop here; above it the UI shows “1 万条以上”. */
export const SEARCH_COUNT_CAP = 10_000;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
/** ASCII-only lower-casing in SQL, the mirror of normalizeSearchText. */
function asciiLower(expr: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`translate(${expr}, ${UPPER}, ${LOWER})`;
}

/**
 * `field contains q` as SQL, the exact mirror of normalizeSearchText(field).includes(normalizeSearchText(q)).
 * LIKE '%q%' with %, _ and \ escaped: measured on 1M patents it checks a candidate 5x faster than
 * strpos(translate(...)) (translate walks every character of the abstract; 传感器, 6,218 rows: 111 → 18 ms).
 * The ASCII lower-casing of the text is needed only when the needle holds a letter a-z: a needle without one can only
 * match characters that translate() leaves unchanged (A-Z become a-z, which are not in the needle; UTF-8 never puts an
 * ASCII byte inside a multi-byte character), so both sides compare equal with or without it.
 * LIKE compares bytes under any deterministic collation, as strpos does.
 */
export function textMatcher(q: string): (field: RawBuilder<unknown>) => RawBuilder<boolean> {
  const needle = normalizeSearchText(q.trim());
  const pattern = `%${needle.replace(/[\\%_]/g, '\\$&')}%`;
  if (/[a-z]/.test(needle)) return (field) => sql<boolean>`coalesce(${asciiLower(field)} LIKE ${pattern}, false)`;
  return (field) => sql<boolean>`coalesce(${field} LIKE ${pattern}, false)`;
}

const HV_COLUMNS = {
  sei: 'hv_sei',
  foreignFamily: 'hv_foreign_family',
  over10Years: 'hv_over10_years',
  pledge: 'hv_pledge',
  award: 'hv_award',
} as const;

export interface SearchSpec {
  filter: PatentFilter;
  q?: string;
  /** region absent = this city code. */
  cityCode: string;
}

/** The WHERE conditions of a filter and query on `patents` (alias p), ANDed. */
export function patentConditions(spec: SearchSpec, bigramIndex = true): RawBuilder<boolean> {
  const { filters, needsRecheck } = conditionParts(spec, bigramIndex);
  const c = needsRecheck ? [...filters, substringCheck(spec.q!, sql`p.title`, sql`array_to_string(p.applicants, ' ')`, sql`p.abstract`)] : filters;
  return c.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(c, sql` AND `)}`;
}

/** The substring recheck of a query on the three fields. The cheap short fields first: OR stops at the first hit. */
function substringCheck(q: string, title: RawBuilder<unknown>, applicants: RawBuilder<unknown>, abstract: RawBuilder<unknown>): RawBuilder<boolean> {
  const m = textMatcher(q);
  return sql<boolean>`(${m(title)} OR ${m(applicants)} OR ${m(abstract)})`;
}

/**
 * The filter conditions incl. the bigram prefilter, and whether the query's substring must still be rechecked. Without
 * the prefilter (bigramIndex false) the substring check alone decides: the same rows, found by reading the table.
 */
function conditionParts(spec: SearchSpec, bigramIndex = true): { filters: RawBuilder<boolean>[]; needsRecheck: boolean } {
  const f = spec.filter;
  const c: RawBuilder<boolean>[] = [];
  if (f.chainId !== undefined && f.chainId > 0) c.push(sql<boolean>`p.chain_ids @> ARRAY[${f.chainId}]::int[]`);
  const region = f.region ?? spec.cityCode;
  const tokens = spec.q?.trim() ? queryTokens(spec.q.trim()) : [];
  // With a query, the region is checked on the rows the bigram index finds and never through the region indexes:
  // measured at 1M, the planner ANDed the GIN bitmap of 5G/电池 with the whole city's bitmap from patents_city_app
  // (805,090 entries, 90-170 ms) to save heap visits it makes anyway. `IS TRUE` (same truth: a NULL code is not a
  // match either way) is not an indexable form, so the plan stays "bigram bitmap, then filter".
  const regionCheck = (cond: RawBuilder<boolean>) => (tokens.length > 0 ? sql<boolean>`(${cond}) IS TRUE` : cond);
  if (region.length === 2) c.push(regionCheck(sql<boolean>`p.province_code = ${region}`));
  else if (region.length === 4) c.push(regionCheck(sql<boolean>`p.city_code = ${region}`));
  else if (region.length === 6) c.push(regionCheck(sql<boolean>`p.county_code = ${region}`));
  if (f.type && f.type.length > 0) c.push(sql<boolean>`p.patent_type = ANY(${sql.val(f.type)}::text[])`);
  if (f.status && f.status.length > 0) c.push(sql<boolean>`p.legal_status = ANY(${sql.val(f.status)}::text[])`);
  if (f.yearFrom !== undefined) c.push(sql<boolean>`p.app_date >= ${`${f.yearFrom}-01-01`}::date`);
  if (f.yearTo !== undefined) c.push(sql<boolean>`p.app_date <= ${`${f.yearTo}-12-31`}::date`);
  if (f.applicant) c.push(sql<boolean>`p.applicants @> ARRAY[${f.applicant}]::text[]`);
  if (f.seiBranch) c.push(sql<boolean>`p.sei_branches @> ARRAY[${f.seiBranch}]::text[]`);
  if (f.ipc) c.push(sql<boolean>`EXISTS (SELECT 1 FROM unnest(p.ipc_codes) AS ic(code) WHERE ic.code LIKE ${`${f.ipc.toUpperCase()}%`})`);
  if (f.highValue !== undefined) c.push(sql<boolean>`p.is_high_value = ${f.highValue}`);
  if (f.hvCategory) c.push(sql<boolean>`${sql.raw(`p.${HV_COLUMNS[f.hvCategory]}`)} = true`);
  const q = spec.q?.trim();
  if (!q) return { filters: c, needsRecheck: false };
  if (!bigramIndex) return { filters: c, needsRecheck: true };
  if (tokens.length > 0) c.push(sql<boolean>`p.search_tokens @> ${sql.val(tokens)}::text[]`);
  // A two-character query is one bigram, and the tokens are the bigrams of each field on its own: containing the token
  // IS containing the substring, so the recheck (which reads the wide abstract of every candidate) is skipped. Longer
  // queries need it: all their bigrams may occur in a field without forming the phrase.
  return { filters: c, needsRecheck: Array.from(normalizeSearchText(q)).length > 2 || tokens.length === 0 };
}

function orderBy(sort: PatentSearchInput['sort'], q: string | undefined): RawBuilder<unknown> {
  if (sort === 'relevance' && q?.trim()) {
    // Title hit first, then applicant hit, then the newest filing.
    const m = textMatcher(q);
    return sql`${m(sql`p.title`)} DESC, ${m(sql`array_to_string(p.applicants, ' ')`)} DESC, p.app_date DESC NULLS LAST, p.id DESC`;
  }
  if (sort === 'appDateAsc') return sql`p.app_date ASC NULLS LAST, p.id ASC`;
  if (sort === 'grantDateDesc') return sql`p.grant_date DESC NULLS LAST, p.id DESC`;
  return sql`p.app_date DESC NULLS LAST, p.id DESC`;
}

/**
 * Runs fn with planner settings changed for its statements only: set_config(…, is_local) inside a transaction of its
 * own (ended, so the settings end with it), or, when the caller already holds a transaction, restored after.
 */
async function withSettings<T>(ex: Executor, settings: Record<string, string>, fn: (e: Executor) => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const set = (e: Executor, values: string[]) =>
    sql<Record<string, string>>`SELECT ${sql.join(names.map((name, i) => sql`current_setting(${name}) AS ${sql.ref(`s${i}`)}, set_config(${name}, ${values[i]!}, true)`))}`.execute(e);
  if (!ex.isTransaction) {
    return ex.transaction().execute(async (trx) => {
      await set(trx, Object.values(settings));
      return fn(trx);
    });
  }
  const before = (await set(ex, Object.values(settings))).rows[0]!;
  try {
    return await fn(ex);
  } finally {
    await set(ex, names.map((_, i) => before[`s${i}`]!));
  }
}

export interface PatentListRow {
  id: number;
  appNo: string | null;
  pubNo: string | null;
  grantNo: string | null;
  appDate: string | null;
  grantDate: string | null;
  patentType: 'invention' | 'utilityModel' | 'design';
  legalStatus: 'valid' | 'invalid' | 'pending' | 'unknown';
  title: string;
  abstract: string | null;
  applicants: string[];
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  mainIpc: string | null;
  chainIds: number[];
  isHighValue: boolean;
  dataSource: 'import' | 'demo' | 'synthetic';
}

const LIST_COLUMNS = sql.raw(
  'p.id, p.app_no, p.pub_no, p.grant_no, p.app_date, p.grant_date, p.patent_type, p.legal_status, p.title, p.abstract, p.applicants, ' +
    'p.province_code, p.city_code, p.county_code, p.main_ipc, p.chain_ids, p.is_high_value, p.data_source',
);

export const patentsRepository = {
  /**
   * One page. 'relevance' ranks title hits first, then applicant hits, then the newest filing — over all matches, which is
   * cheap when they are few (the bigram GIN index finds them, a sort of ≤ 10,000 rows). For a query matching more than
   * SEARCH_COUNT_CAP patents (`manyHits`, known from the capped count) ranking every match would read them all, so the
   * page is the newest matches instead, read in the order of the index patents_app_date_desc (migration 0008) and
   * stopped after one page; the UI says the results are ordered by date because there are too many to rank.
   * (Ordering two tiers by index walk was tried first and measured: a word common in applicants but rare in titles,
   * such as 有限公司, made the title tier walk the whole index.)
   */
  async searchPage(ex: Executor, spec: SearchSpec, sort: PatentSearchInput['sort'], page: number, pageSize: number, manyHits: boolean): Promise<PatentListRow[]> {
    const order = sort === 'relevance' && manyHits ? 'appDateDesc' : sort;
    const query = (e: Executor) =>
      sql<PatentListRow>`
        SELECT ${LIST_COLUMNS} FROM patents p
        WHERE ${patentConditions(spec)}
        ORDER BY ${orderBy(order, spec.q)}
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(e);
    const hasTokens = !!spec.q?.trim() && queryTokens(spec.q.trim()).length > 0;
    if (!(manyHits && hasTokens && order === 'appDateDesc')) return (await query(ex)).rows;
    // More than SEARCH_COUNT_CAP matches (≥ 1.2 % of a city's patents): walking patents_app_date_desc meets the first page
    // after a few thousand rows at most. The planner does not know it: it estimates a few hundred rows for a multi-bigram
    // `@>` (it multiplies the bigrams' frequencies, but 石墨 and 墨烯 always come together) and picks the bigram bitmap
    // plus a sort of every match (石墨烯: 20,233 rows, 270 ms; 新能源汽车: 36,082 rows, 460 ms, measured at 1M). Bitmap
    // and sequential scans are switched off for this one statement, so the index walk is the plan. So are JIT and
    // parallel workers: the walk's cost is estimated from the same wrong row count (660,000 for 新能源汽车), far above
    // jit_above_cost, and compiling it took 1.5 s to run a walk of 1,300 rows that takes 5 ms.
    const settings = { enable_bitmapscan: 'off', enable_seqscan: 'off', jit: 'off', max_parallel_workers_per_gather: '0' };
    return (await withSettings(ex, settings, query)).rows;
  },

  /**
   * The capped count and, when the matches are few enough to rank (≤ SEARCH_COUNT_CAP), the page — in one pass over the
   * matching rows: the first SEARCH_COUNT_CAP + 1 matches are materialised with their sort keys (id, dates, title and
   * applicant hit), counted, and the page is sorted from them; only the page's 20 rows are then read in full. (Counting
   * first and ranking in a second query read every match twice.) When there are more matches, `rows` is null: the
   * caller reads the page with searchPage(manyHits), which does not need them all.
   */
  async searchCountedPage(
    ex: Executor, spec: SearchSpec, sort: PatentSearchInput['sort'], page: number, pageSize: number,
  ): Promise<{ total: number; capped: boolean; rows: PatentListRow[] | null }> {
    const q = spec.q?.trim();
    const relevance = sort === 'relevance' && !!q;
    let matches: RawBuilder<unknown>;
    const { filters, needsRecheck } = conditionParts(spec);
    const where = filters.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(filters, sql` AND `)}`;
    if (relevance) {
      // The title and applicant hits are sort keys and, for a query of 3+ characters, the first two thirds of the
      // substring recheck: computed once in the inner query (OFFSET 0 keeps the planner from merging it and computing
      // them twice), the recheck outside reuses them and reads the abstract only when neither hit.
      const m = textMatcher(q);
      matches = sql`
        SELECT x.id, x.app_date, x.grant_date, x.th, x.ah FROM (
          SELECT p.id, p.app_date, p.grant_date, ${m(sql`p.title`)} AS th, ${m(sql`array_to_string(p.applicants, ' ')`)} AS ah, p.abstract
          FROM patents p WHERE ${where} OFFSET 0
        ) x
        WHERE ${needsRecheck ? sql`(x.th OR x.ah OR ${m(sql`x.abstract`)})` : sql`true`}`;
    } else {
      matches = sql`SELECT p.id, p.app_date, p.grant_date, false AS th, false AS ah FROM patents p WHERE ${patentConditions(spec)}`;
    }
    const order = relevance
      ? sql`k.th DESC, k.ah DESC, k.app_date DESC NULLS LAST, k.id DESC`
      : sort === 'appDateAsc'
        ? sql`k.app_date ASC NULLS LAST, k.id ASC`
        : sort === 'grantDateDesc'
          ? sql`k.grant_date DESC NULLS LAST, k.id DESC`
          : sql`k.app_date DESC NULLS LAST, k.id DESC`;
    const r = await sql<PatentListRow & { n: number; rn: number | null }>`
      WITH m AS MATERIALIZED (${matches} LIMIT ${SEARCH_COUNT_CAP + 1}), n AS (SELECT count(*)::int AS n FROM m)
      SELECT n.n, pg.* FROM n LEFT JOIN LATERAL (
        SELECT ${LIST_COLUMNS}, k.rn FROM (
          SELECT k.id, row_number() OVER (ORDER BY ${order}) AS rn FROM m k
          WHERE n.n <= ${SEARCH_COUNT_CAP}
          ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
        ) k JOIN patents p ON p.id = k.id
      ) pg ON true
      ORDER BY pg.rn`.execute(ex);
    const n = r.rows[0]?.n ?? 0;
    if (n > SEARCH_COUNT_CAP) return { total: SEARCH_COUNT_CAP, capped: true, rows: null };
    const rows = r.rows.filter((x) => x.id !== null).map(({ n: _n, rn: _rn, ...row }) => row as PatentListRow);
    return { total: n, capped: false, rows };
  },

  /**
   * The planner's estimate of how many patents hold every bigram of the query: the table's row estimate times the
   * frequency of the query's rarest bigram, both from the statistics ANALYZE keeps (pg_class.reltuples and the array
   * column's most_common_elems in pg_stats). Null when any bigram is not among the common elements (then it is rare),
   * when there are no statistics yet, or when the query has no bigram. Only the choice of plan depends on it, never a
   * result.
   */
  async estimatedTokenMatches(ex: Executor, tokens: string[]): Promise<{ matches: number; share: number } | null> {
    if (tokens.length === 0) return null;
    const r = await sql<{ rows: number | null; share: number | null; found: number }>`
      SELECT c.reltuples::float8 AS rows, min(f.freq)::float8 AS share, count(DISTINCT f.elem)::int AS found
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'search_tokens'
      LEFT JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS f(elem, freq)
        ON f.elem = ANY(${sql.val(tokens)}::text[])
      WHERE c.oid = 'patents'::regclass
      GROUP BY c.reltuples`.execute(ex);
    const row = r.rows[0];
    if (!row || row.found < tokens.length || row.share === null || row.rows === null || row.rows <= 0) return null;
    return { matches: Number(row.rows) * Number(row.share), share: Number(row.share) };
  },

  /**
   * The number of matches, counted up to SEARCH_COUNT_CAP + 1 (no sort keys, no page). bigramIndex false counts by the
   * substring check alone, reading the table in order: cheaper for a word in most patents, where `@>` over a row's ~90
   * bigrams costs more than the LIKE it spares (装置, 10,001 of 18,500 rows read: 75 → 25 ms at 1M).
   */
  async searchCappedCount(ex: Executor, spec: SearchSpec, bigramIndex = true): Promise<number> {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM patents p WHERE ${patentConditions(spec, bigramIndex)} LIMIT ${SEARCH_COUNT_CAP + 1}) s`.execute(ex);
    return r.rows[0]?.n ?? 0;
  },

  /** One keyset batch for the export, by id. */
  async exportBatch(ex: Executor, spec: SearchSpec, afterId: number, limit: number): Promise<PatentListRow[]> {
    const r = await sql<PatentListRow>`
      SELECT ${LIST_COLUMNS} FROM patents p
      WHERE p.id > ${afterId} AND ${patentConditions(spec)}
      ORDER BY p.id
      LIMIT ${limit}`.execute(ex);
    return r.rows;
  },

  async get(ex: Executor, id: number) {
    return ex.selectFrom('patents').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async chainNames(ex: Executor): Promise<Map<number, { name: string; isDemo: boolean }>> {
    const rows = await ex.selectFrom('industryChains').select(['id', 'name', 'isDemo']).execute();
    return new Map(rows.map((r) => [r.id, { name: r.name, isDemo: r.isDemo }]));
  },

  async seiBranches(ex: Executor): Promise<{ industryNo: string; industryName: string; branchNo: string; branchName: string }[]> {
    const rows = await ex
      .selectFrom('seiRules')
      .select(['industryNo', 'industryName', 'branchNo', 'branchName'])
      .distinct()
      .execute();
    const cmp = (a: string, b: string) => {
      const [a1, a2] = a.split('.').map(Number);
      const [b1, b2] = b.split('.').map(Number);
      return a1! - b1! || (a2 ?? 0) - (b2 ?? 0);
    };
    return rows.sort((a, b) => cmp(a.branchNo, b.branchNo));
  },

  async wipoFields(ex: Executor): Promise<{ fieldNo: number; fieldZh: string; sectorZh: string }[]> {
    return ex.selectFrom('wipoFields').select(['fieldNo', 'fieldZh', 'sectorZh']).orderBy('fieldNo').execute();
  },

  async awardsOfKeys(ex: Executor, keys: string[]) {
    if (keys.length === 0) return [];
    return ex
      .selectFrom('patentAwards')
      .select(['award', 'awardYear', 'awardLevel'])
      .where('patentKey', 'in', keys)
      .orderBy('awardYear', 'desc')
      .execute();
  },

  /** IPC codes whose code starts with q (upper-cased) or whose Chinese title contains q; codes first, then shorter codes. */
  async searchIpc(ex: Executor, q: string, limit: number): Promise<{ code: string; titleZh: string }[]> {
    const code = q.toUpperCase().replace(/\s+/g, '');
    const r = await sql<{ code: string; titleZh: string }>`
      SELECT code, title_zh FROM ipc_titles
      WHERE code LIKE ${`${code.replace(/[\\%_]/g, '\\$&')}%`} ESCAPE '\\' OR strpos(title_zh, ${q}) > 0
      ORDER BY (code LIKE ${`${code.replace(/[\\%_]/g, '\\$&')}%`} ESCAPE '\\') DESC, length(code), code
      LIMIT ${limit}`.execute(ex);
    return r.rows;
  },

  /** Applicant names containing q (bigram prefilter + substring), most patents first. */
  async suggestApplicants(ex: Executor, q: string, limit: number): Promise<{ name: string; n: number }[]> {
    const tokens = queryTokens(q);
    if (tokens.length === 0) return [];
    const r = await sql<{ name: string; n: number }>`
      SELECT a.name, count(*)::int AS n
      FROM patents p CROSS JOIN LATERAL unnest(p.applicants) AS a(name)
      WHERE p.search_tokens @> ${sql.val(tokens)}::text[] AND ${textMatcher(q)(sql`a.name`)}
      GROUP BY a.name ORDER BY n DESC, a.name LIMIT ${limit}`.execute(ex);
    return r.rows;
  },

  async applicantProfile(ex: Executor, name: string) {
    const has = sql<boolean>`p.applicants @> ARRAY[${name}]::text[]`;
    const totals = await sql<{ patentType: string; legalStatus: string; n: number; highValue: number }>`
      SELECT p.patent_type, p.legal_status, count(*)::int AS n, count(*) FILTER (WHERE p.is_high_value)::int AS high_value
      FROM patents p WHERE ${has} GROUP BY 1, 2`.execute(ex);
    const apps = await sql<{ year: number; n: number }>`
      SELECT extract(year FROM p.app_date)::int AS year, count(*)::int AS n FROM patents p
      WHERE ${has} AND p.app_date IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(ex);
    const grants = await sql<{ year: number; n: number }>`
      SELECT extract(year FROM p.grant_date)::int AS year, count(*)::int AS n FROM patents p
      WHERE ${has} AND p.grant_date IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(ex);
    const ipc = await sql<{ subclass: string; n: number }>`
      SELECT left(p.main_ipc, 4) AS subclass, count(*)::int AS n FROM patents p
      WHERE ${has} AND p.main_ipc IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10`.execute(ex);
    const chains = await sql<{ chainId: number; n: number }>`
      SELECT c.id AS chain_id, count(*)::int AS n FROM patents p CROSS JOIN LATERAL unnest(p.chain_ids) AS c(id)
      WHERE ${has} GROUP BY 1 ORDER BY n DESC, 1`.execute(ex);
    const co = await sql<{ name: string; n: number }>`
      SELECT a.name, count(*)::int AS n FROM patents p CROSS JOIN LATERAL unnest(p.applicants) AS a(name)
      WHERE ${has} AND a.name <> ${name} GROUP BY 1 ORDER BY n DESC, 1 LIMIT 20`.execute(ex);
    // The region where this applicant is most often the first applicant (its seat, as far as the data tells).
    const region = await sql<{ countyCode: string | null; cityCode: string | null }>`
      SELECT p.county_code, p.city_code FROM patents p
      WHERE p.first_applicant = ${name} AND (p.county_code IS NOT NULL OR p.city_code IS NOT NULL)
      GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`.execute(ex);
    return { totals: totals.rows, apps: apps.rows, grants: grants.rows, ipc: ipc.rows, chains: chains.rows, co: co.rows, region: region.rows[0] ?? null };
  },

  /** Patent count and high-value count per chain, from the rollup (chain rows over all regions). */
  async chainCounts(ex: Executor): Promise<Map<number, { n: number; highValue: number }>> {
    const rows = await ex
      .selectFrom('patentStats')
      .select((eb) => ['chainId', eb.fn.sum<number>('n').as('n'), eb.fn.sum<number>('nHighValue').as('highValue')])
      .where('regionCode', '=', '')
      .where('chainId', '>', 0)
      .groupBy('chainId')
      .execute();
    return new Map(rows.map((r) => [r.chainId, { n: Number(r.n), highValue: Number(r.highValue) }]));
  },
};
