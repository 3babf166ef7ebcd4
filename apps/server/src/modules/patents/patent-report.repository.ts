import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { PatentReportsTable } from '../../db/schema';

export type PatentReportRow = Selectable<PatentReportsTable> & { chainName: string | null; requestedByName: string | null };

/** Counts by patent type (invention, utility model, design) of one quarter. */
export interface TypeCounts {
  invention: number;
  utilityModel: number;
  design: number;
  total: number;
}

export interface ReportScope {
  /** null = every patent of the region (all chains). */
  chainId: number | null;
  /** The city (4 digits): the first applicant's city, as the dashboards count (patents.city_code). */
  region: string;
}

function scopeWhere(s: ReportScope) {
  // The same conditions as the dashboard's base-table aggregates (patent-stats.repository.ts baseWhere), so a quarter's
  // figures and the dashboard agree.
  const region = s.region.length === 2 ? sql`province_code = ${s.region}` : s.region.length === 4 ? sql`city_code = ${s.region}` : sql`county_code = ${s.region}`;
  return s.chainId ? sql`${region} AND chain_ids @> ARRAY[${s.chainId}]::int[]` : region;
}

const toInt = (v: unknown) => Number(v ?? 0);

/** Quarterly analysis reports, and the few base-table figures the report needs beyond the dashboard. Queries only. */
export const patentReportRepository = {
  baseList(ex: Executor) {
    return ex
      .selectFrom('patentReports as r')
      .leftJoin('industryChains as c', 'c.id', 'r.chainId')
      .leftJoin('users as u', 'u.id', 'r.requestedBy')
      .selectAll('r')
      .select(['c.name as chainName', 'u.displayName as requestedByName']);
  },

  list(ex: Executor, limit = 500): Promise<PatentReportRow[]> {
    return this.baseList(ex).orderBy('r.id', 'desc').limit(limit).execute();
  },

  get(ex: Executor, id: number): Promise<PatentReportRow | undefined> {
    return this.baseList(ex).where('r.id', '=', id).executeTakeFirst();
  },

  insert(ex: Executor, v: { quarter: string; chainId: number | null; regionCode: string; requestedBy: number; now: string }) {
    return ex
      .insertInto('patentReports')
      .values({ quarter: v.quarter, chainId: v.chainId, regionCode: v.regionCode, status: 'queued', requestedBy: v.requestedBy, createdAt: v.now })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  /** Claims the oldest queued report atomically (FOR UPDATE SKIP LOCKED: two app nodes never take the same one). */
  claimNext(ex: Executor, worker: string, now: string): Promise<{ id: number } | undefined> {
    return ex
      .updateTable('patentReports')
      .set({ status: 'running', worker, heartbeatAt: now, message: null, finishedAt: null })
      .where('id', '=', (eb) => eb.selectFrom('patentReports').select('id').where('status', '=', 'queued').orderBy('id').limit(1).forUpdate().skipLocked())
      .where('status', '=', 'queued')
      .returning('id')
      .executeTakeFirst();
  },

  heartbeat(ex: Executor, id: number, worker: string, now: string) {
    return ex.updateTable('patentReports').set({ heartbeatAt: now }).where('id', '=', id).where('worker', '=', worker).execute();
  },

  /** Succeeded or failed; only while this node still holds the report (it may have been re-queued as stale). */
  finish(ex: Executor, id: number, worker: string, v: { status: 'succeeded' | 'failed'; fileId: number | null; figures: string | null; message: string | null; now: string }) {
    return ex
      .updateTable('patentReports')
      .set({ status: v.status, fileId: v.fileId, figures: v.figures, message: v.message, finishedAt: v.now, heartbeatAt: v.now })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('worker', '=', worker)
      .executeTakeFirst();
  },

  chain(ex: Executor, id: number) {
    return ex.selectFrom('industryChains').select(['id', 'name', 'isDemo', 'enabled']).where('id', '=', id).executeTakeFirst();
  },

  regionName(ex: Executor, code: string): Promise<string | null> {
    return ex.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst().then((r) => r?.name ?? null);
  },

  /** The city bureau (the issuing organ of the report). */
  cityBureau(ex: Executor) {
    return ex.selectFrom('units').select(['name', 'shortName']).where('kind', '=', 'cityBureau').orderBy('id').limit(1).executeTakeFirst();
  },

  /**
   * Applications filed (app_date) or granted (grant_date) within each of the given ranges, by type, in ONE scan of the
   * scope (the ranges of a report lie within 15 months: the quarter, the one before and the same quarter a year before).
   */
  async quarterCounts(ex: Executor, s: ReportScope, on: 'app' | 'grant', ranges: { from: string; to: string }[]): Promise<TypeCounts[]> {
    const col = on === 'app' ? sql.ref('app_date') : sql.ref('grant_date');
    const from = ranges.map((r) => r.from).sort()[0]!;
    const to = ranges.map((r) => r.to).sort().at(-1)!;
    const r = await sql<Record<string, string | number>>`
      SELECT patent_type,
             ${sql.join(ranges.map((rg, i) => sql`count(*) FILTER (WHERE ${col} >= ${rg.from}::date AND ${col} <= ${rg.to}::date) AS ${sql.ref(`n${i}`)}`))}
        FROM patents
       WHERE ${scopeWhere(s)} AND ${col} >= ${from}::date AND ${col} <= ${to}::date
       GROUP BY patent_type`.execute(ex);
    return ranges.map((_, i) => {
      const out: TypeCounts = { invention: 0, utilityModel: 0, design: 0, total: 0 };
      for (const row of r.rows) {
        const k = row.patentType as keyof Omit<TypeCounts, 'total'>;
        const v = toInt(row[`n${i}`]);
        if (k in out) out[k] = v;
        out.total += v;
      }
      return out;
    });
  },

  /** Patents of the scope by data source (import / demo / synthetic), to state the share of demo or synthetic data. */
  async dataSources(ex: Executor, s: ReportScope): Promise<{ import: number; demo: number; synthetic: number }> {
    const r = await sql<{ dataSource: string; n: string | number }>`
      SELECT data_source, count(*) AS n FROM patents WHERE ${scopeWhere(s)} GROUP BY data_source`.execute(ex);
    const out = { import: 0, demo: 0, synthetic: 0 };
    for (const row of r.rows) if (row.dataSource in out) out[row.dataSource as keyof typeof out] = toInt(row.n);
    return out;
  },

  /** Latest application and grant dates of the scope (how far the data reach, for the 说明). */
  async dateCoverage(ex: Executor, s: ReportScope): Promise<{ maxAppDate: string | null; maxGrantDate: string | null }> {
    const r = await sql<{ maxAppDate: string | Date | null; maxGrantDate: string | Date | null }>`
      SELECT max(app_date)::text AS max_app_date, max(grant_date)::text AS max_grant_date FROM patents WHERE ${scopeWhere(s)}`.execute(ex);
    const row = r.rows[0];
    const d = (v: string | Date | null | undefined) => (v == null ? null : String(v).slice(0, 10));
    return { maxAppDate: d(row?.maxAppDate), maxGrantDate: d(row?.maxGrantDate) };
  },

  async insertFile(ex: Executor, v: { sha256: string; size: number; mime: string; originalName: string; reportId: number; uploadedBy: number | null; now: string }) {
    return ex
      .insertInto('files')
      .values({ sha256: v.sha256, size: v.size, mime: v.mime, originalName: v.originalName, ownerType: 'patentReport', ownerId: String(v.reportId), uploadedBy: v.uploadedBy, createdAt: v.now })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  file(ex: Executor, id: number) {
    return ex.selectFrom('files').select(['id', 'sha256', 'size', 'mime', 'originalName']).where('id', '=', id).executeTakeFirst();
  },
};
