/**
 * Background reclassification: when an industry chain changes (version > classified_version) or an administrator asks for
 * it, every patent's SEI branches, WIPO fields, chains and high-value flags are recomputed with the current reference data,
 * in batches of 5,000 by id, each batch its own short transaction (PGlite has one connection: a long transaction would
 * make every user wait). Then the chains are marked current and the rollups rebuilt.
 */
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { rebuildPatentStats } from './patent-stats.service';
import { classifyPatent, loadClassificationContext, pgArrayLiteral, type ClassificationContext } from './patent-write';

export const RECLASSIFY_BATCH = 5_000;

/**
 * In-process requests that do not show in industry_chains: a forced full reclassification (POST /patent-chains/reclassify
 * when no chain is pending) and a rollup rebuild after an award changed one patent. Lost on restart, which is harmless:
 * the maintenance job rebuilds the rollups, and the reclassify endpoint also marks every chain pending (that survives).
 */
const requested = { reclassify: false, stats: false };

export function requestReclassification(): void {
  requested.reclassify = true;
}

export function requestStatsRebuild(): void {
  requested.stats = true;
}

/** Recomputes the classification columns of the patents with id in (afterId, …] up to `limit` rows; returns the last id or null. */
async function reclassifyBatch(deps: Deps, cx: ClassificationContext, afterId: number, limit: number): Promise<number | null> {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('patents')
      .select(['id', 'patentKey', 'pubNo', 'grantNo', 'patentType', 'legalStatus', 'appDate', 'title', 'abstract', 'ipcCodes', 'foreignFamilyGranted', 'pledgeAmountWan'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return null;
    const ids: number[] = [];
    const sei: string[] = [];
    const wipo: string[] = [];
    const chains: string[] = [];
    const flags: boolean[][] = [[], [], [], [], [], []];
    for (const r of rows) {
      const c = classifyPatent(
        {
          patentKey: r.patentKey,
          pubNo: r.pubNo,
          grantNo: r.grantNo,
          patentType: r.patentType,
          legalStatus: r.legalStatus,
          appDate: r.appDate,
          title: r.title,
          abstract: r.abstract,
          ipcCodes: r.ipcCodes,
          foreignFamilyGranted: r.foreignFamilyGranted,
          pledgeAmountWan: r.pledgeAmountWan === null ? null : Number(r.pledgeAmountWan),
        },
        cx,
      );
      ids.push(r.id);
      sei.push(pgArrayLiteral(c.seiBranches));
      wipo.push(pgArrayLiteral(c.wipoFields));
      chains.push(pgArrayLiteral(c.chainIds));
      [c.hvSei, c.hvForeignFamily, c.hvOver10Years, c.hvPledge, c.hvAward, c.isHighValue].forEach((v, i) => flags[i]!.push(v));
    }
    await sql`
      UPDATE patents p SET
        sei_branches = u.sei::text[], wipo_fields = u.wipo::int[], chain_ids = u.chains::int[],
        hv_sei = u.hv_sei, hv_foreign_family = u.hv_ff, hv_over10_years = u.hv_10, hv_pledge = u.hv_pledge,
        hv_award = u.hv_award, is_high_value = u.hv
      FROM unnest(${sql.val(ids)}::int[], ${sql.val(sei)}::text[], ${sql.val(wipo)}::text[], ${sql.val(chains)}::text[],
                  ${sql.val(flags[0])}::boolean[], ${sql.val(flags[1])}::boolean[], ${sql.val(flags[2])}::boolean[],
                  ${sql.val(flags[3])}::boolean[], ${sql.val(flags[4])}::boolean[], ${sql.val(flags[5])}::boolean[])
        AS u(id, sei, wipo, chains, hv_sei, hv_ff, hv_10, hv_pledge, hv_award, hv)
      WHERE p.id = u.id
        AND (p.sei_branches IS DISTINCT FROM u.sei::text[] OR p.wipo_fields IS DISTINCT FROM u.wipo::int[]
          OR p.chain_ids IS DISTINCT FROM u.chains::int[] OR p.hv_sei <> u.hv_sei OR p.hv_foreign_family <> u.hv_ff
          OR p.hv_over10_years <> u.hv_10 OR p.hv_pledge <> u.hv_pledge OR p.hv_award <> u.hv_award OR p.is_high_value <> u.hv)`.execute(trx);
    return rows[rows.length - 1]!.id;
  });
}

/**
 * If any chain is pending (classified_version < version, or status not current) or a reclassification was requested,
 * recompute sei/wipo/chain/hv columns for ALL patents in batches (each its own transaction), mark the chains current,
 * then rebuildPatentStats. Returns false when there was nothing to do.
 */
export async function runPendingReclassification(deps: Deps): Promise<boolean> {
  const pending = await deps.db
    .selectFrom('industryChains')
    .select(['id', 'version'])
    .where((eb) => eb.or([eb('classifiedVersion', '<', eb.ref('version')), eb('classifyStatus', '!=', 'current')]))
    .execute();
  const forced = requested.reclassify;
  if (pending.length === 0 && !forced) {
    if (!requested.stats) return false;
    requested.stats = false;
    await rebuildPatentStats(deps);
    return true;
  }
  requested.reclassify = false;
  requested.stats = false;

  // The versions this run classifies by; a chain edited meanwhile stays pending and is picked up by the next run.
  const chainsAtStart = await deps.db.selectFrom('industryChains').select(['id', 'version']).execute();
  await deps.db.updateTable('industryChains').set({ classifyStatus: 'running' }).where('id', 'in', pending.length ? pending.map((c) => c.id) : [-1]).execute();
  try {
    // Enabled chains only: a disabled chain's id disappears from chain_ids.
    const cx = await loadClassificationContext(deps.db, deps);
    let afterId = 0;
    for (;;) {
      const last = await reclassifyBatch(deps, cx, afterId, RECLASSIFY_BATCH);
      if (last === null) break;
      afterId = last;
    }
    const now = deps.clock.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      for (const c of chainsAtStart) {
        await trx
          .updateTable('industryChains')
          .set({ classifiedVersion: c.version, classifyStatus: 'current', classifiedAt: now })
          .where('id', '=', c.id)
          .where('version', '=', c.version)
          .execute();
      }
    });
  } catch (e) {
    await deps.db.updateTable('industryChains').set({ classifyStatus: 'failed' }).where('classifyStatus', '=', 'running').execute();
    throw e;
  }
  if (deps.dbh.engine === 'pglite') await sql`VACUUM ANALYZE patents`.execute(deps.db);
  await rebuildPatentStats(deps);
  return true;
}
