import { highValueCategories, previousQuarter, quarterOf, quarterRange } from '@zhichan/shared';
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import type { JobDefinition } from '../../jobs/scheduler';
import { chinaDate } from '../../lib/clock';
import { storeComputedSnapshots } from './patent-kpi.service';
import { rebuildPatentStats } from './patent-stats.service';

/**
 * Daily upkeep of the patent database (the scheduler calls it every period; the work runs once per China calendar day):
 *  1. 高价值第三类 "维持年限超过10年" depends on today's date: valid inventions cross the line every day. The flag and
 *     is_high_value are brought up to date in batches (and set back where the type, filing date or status no longer
 *     qualifies); the rollups are rebuilt only when a row changed, or when they are not built while patents exist (a
 *     migration that adds a rollup table clears patent_stats_meta.rebuilt_at, e.g. 0010).
 *  2. At the first run after a quarter end, the KPI of that quarter end is kept as a computed snapshot (city and
 *     counties) unless one exists, so the trend has a point per quarter (每季度开展一次产业专利发展情况分析).
 */

const JOB_NAME = 'patent-maintenance';
const BATCH = 5000;

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The latest filing date that is "more than 10 years" before `asOf`, by the domain rule itself (highValueCategories),
 * found by bisection so that this SQL and the import's classification can never disagree on the boundary day.
 */
export function over10YearsCutoff(asOf: string, pledgeThresholdWan: number): string {
  const over10 = (appDate: string) =>
    highValueCategories(
      { patentType: 'invention', legalStatus: 'valid', appDate, seiBranches: [], foreignFamilyGranted: false, pledgeAmountWan: null, awarded: false },
      { asOf, pledgeThresholdWan },
    ).categories.over10Years;
  // lo qualifies (13 years back), hi does not (9 years back).
  let lo = -13 * 366;
  let hi = -9 * 365;
  if (!over10(addDays(asOf, lo)) || over10(addDays(asOf, hi))) throw new Error('over10Years rule is not monotonic in the filing date');
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (over10(addDays(asOf, mid))) lo = mid;
    else hi = mid;
  }
  return addDays(asOf, lo);
}

/** Brings hv_over10_years and is_high_value up to date for `asOf`; returns the number of rows changed. */
export async function refreshOver10Years(deps: Deps, asOf: string): Promise<number> {
  const cutoff = over10YearsCutoff(asOf, deps.config.patentPledgeHighValueWan);
  const over10 = sql`(p.patent_type = 'invention' AND p.app_date IS NOT NULL AND p.app_date <= ${cutoff}::date)`;
  // 高价值发明专利 = 有效发明专利且符合五类之一 (legal-rules.md §2.1), counted once.
  const highValue = sql`(p.patent_type = 'invention' AND p.legal_status = 'valid'
    AND (p.hv_sei OR p.hv_foreign_family OR ${over10} OR p.hv_pledge OR p.hv_award))`;
  let changed = 0;
  for (;;) {
    // Each batch is its own short transaction (PGlite has one connection: users must not wait for the whole run).
    const r = await sql`UPDATE patents AS p SET hv_over10_years = ${over10}, is_high_value = ${highValue}
      WHERE p.id IN (SELECT p.id FROM patents AS p
                      WHERE p.hv_over10_years IS DISTINCT FROM ${over10} OR p.is_high_value IS DISTINCT FROM ${highValue}
                      LIMIT ${BATCH})`.execute(deps.db);
    const n = Number(r.numAffectedRows ?? 0);
    changed += n;
    if (n < BATCH) break;
  }
  return changed;
}

/** Stores the computed KPI of the last quarter end if it is missing; returns the quarter stored, or null. */
export async function snapshotLastQuarter(deps: Deps, today: string): Promise<string | null> {
  const q = previousQuarter(quarterOf(today));
  const asOf = quarterRange(q).to;
  return deps.db.transaction().execute(async (trx) => {
    const has = await trx
      .selectFrom('patentKpiSnapshots')
      .select('asOf')
      .where('regionCode', '=', deps.config.cityCode)
      .where('asOf', '=', asOf)
      .where('origin', '=', 'computed')
      .executeTakeFirst();
    if (has) return null;
    // An empty database has no KPI to keep (a zero would read as a real figure in the trend).
    const any = await trx.selectFrom('patents').select('id').limit(1).executeTakeFirst();
    if (!any) return null;
    const note = today === addDays(asOf, 1) ? `${q}季度末时点值` : `${q}季度末时点值（系统于 ${today} 按当时数据补算）`;
    await storeComputedSnapshots(trx, deps, asOf, { createdBy: null, note });
    return q;
  });
}

async function doneToday(deps: Deps, today: string): Promise<boolean> {
  const r = await deps.db.selectFrom('jobLeases').select('lastResult').where('name', '=', JOB_NAME).executeTakeFirst();
  return !!r?.lastResult && r.lastResult.startsWith(`ok: ${today}`);
}

export async function runPatentMaintenance(deps: Deps, opts: { force?: boolean } = {}): Promise<string> {
  const today = chinaDate(deps.clock.now());
  if (!opts.force && (await doneToday(deps, today))) return `${today}: already done today`;
  const parts: string[] = [];
  const changed = await refreshOver10Years(deps, today);
  parts.push(`high-value flags changed on ${changed} patents`);
  const unbuilt =
    changed === 0 &&
    (await deps.db.selectFrom('patentStatsMeta').select('rebuiltAt').where('id', '=', 1).executeTakeFirst())?.rebuiltAt === null &&
    !!(await deps.db.selectFrom('patents').select('id').limit(1).executeTakeFirst());
  if (changed > 0 || unbuilt) {
    if (changed >= 1000 && deps.dbh.engine === 'pglite') await sql`VACUUM ANALYZE patents`.execute(deps.db);
    const r = await rebuildPatentStats(deps);
    parts.push(`stats rebuilt in ${r.durationMs} ms`);
  }
  const q = await snapshotLastQuarter(deps, today);
  if (q) parts.push(`KPI snapshot of ${q} stored`);
  return `${today}: ${parts.join('; ')}`;
}

export const patentMaintenanceJob: JobDefinition = {
  name: JOB_NAME,
  run: (deps) => runPatentMaintenance(deps),
};
