import { suggestPatentMapping, type PatentImportField } from '@zhichan/shared';
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { chinaDate } from '../../lib/clock';
import { rebuildPatentStats } from './patent-stats.service';
import { SYNTHETIC_HEADERS, syntheticPatentRows } from './patent-synthetic';
import { loadClassificationContext, preparePatent, upsertPatents, type PreparedPatent, type RawPatentRecord } from './patent-write';

const BATCH = 2_000;

/** Export-layout cells → the import record, by the same header mapping an uploaded file gets (suggestPatentMapping). */
export function rawRecordFromRow(
  row: Record<string, string>,
  headers: string[],
  mapping: Record<PatentImportField, number | null>,
): RawPatentRecord {
  const raw: RawPatentRecord = {};
  for (const [field, idx] of Object.entries(mapping) as [PatentImportField, number | null][]) {
    if (idx !== null && idx !== undefined) raw[field] = row[headers[idx]!] ?? null;
  }
  return raw;
}

/**
 * Demo patents (演示数据): when DEMO_PATENTS > 0 and the patents table is empty, generates that many synthetic patents for
 * the demo city and loads them through the import path (mapping → preparePatent → upsertPatents), in batches of 2,000,
 * each its own transaction (PGlite has one connection: no long transaction), then rebuilds the rollups.
 * Every row is stored with data_source 'demo', which the UI labels 演示数据. Returns the number of patents loaded.
 */
export async function seedDemoPatentsIfEmpty(deps: Deps): Promise<number> {
  const want = deps.config.demoPatents;
  if (!(want > 0)) return 0;
  const any = await deps.db.selectFrom('patents').select('id').limit(1).executeTakeFirst();
  if (any) return 0;

  const t0 = Date.now();
  const cx = await loadClassificationContext(deps.db, deps);
  const mapping = suggestPatentMapping(SYNTHETIC_HEADERS);
  const rows = syntheticPatentRows({ count: want, seed: 1, cityCode: deps.config.cityCode, asOf: chinaDate(deps.clock.now()) });
  let loaded = 0;
  let rejected = 0;
  let batch: PreparedPatent[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const b = batch;
    batch = [];
    await deps.db.transaction().execute(async (trx) => {
      const r = await upsertPatents(trx, b);
      loaded += r.inserted + r.updated;
    });
  };
  for (const row of rows) {
    const p = preparePatent(rawRecordFromRow(row, SYNTHETIC_HEADERS, mapping), cx, { dataSource: 'demo', importJobId: null });
    if (p.ok) batch.push(p.row);
    else rejected++;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await rebuildPatentStats(deps);
  // PGlite never autovacuums: without fresh statistics the planner guesses badly on the new rows.
  if (deps.dbh.engine === 'pglite') await sql`VACUUM ANALYZE patents`.execute(deps.db);
  console.log(
    `演示专利数据：已生成 ${loaded} 件合成专利（${deps.config.cityCode}，data_source=demo）${rejected ? `，${rejected} 行未通过校验` : ''}，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`,
  );
  return loaded;
}
