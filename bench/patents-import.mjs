#!/usr/bin/env node
// Patent import throughput: the product's import path against a raw COPY of the same prepared rows (issue 5, "Scale and
// figures": target ≥ 50% of raw COPY), on PostgreSQL 15 (scripts/pg-local.sh) and on PGlite (a fresh data folder).
//
//   node --import tsx bench/patents-import.mjs --rows 1000000                     # both engines
//   node --import tsx bench/patents-import.mjs --rows 10000 --engines pglite      # smoke run
//
// (a) product path, --mode job (default): the real import job. The synthetic CSV (synthetic-<n>-s1.csv, cached in
//     $BENCH_PATENTS_CACHE or /tmp/zhichan-bench-patents) is stored in the file store as an upload is, a patent_import_jobs
//     row is queued with the suggested mapping, and runPatentTasks runs it: readRows (streaming) → preparePatent →
//     upsertPatents in batches of 2,000 rows, each its own transaction with the progress update (batch n+1 prepared while
//     batch n is written), then VACUUM ANALYZE (PGlite) and the rollup rebuild. The row phase rate excludes that tail
//     (timed again right after on the same data).
//     --mode loop: the same inner loop written out here, one phase after the other (readRows → suggestPatentMapping →
//     preparePatent → upsertPatents, 2,000 per transaction) with read / prepare / upsert times split, to see where the
//     time goes.
// (b) raw COPY: the same rows prepared once (all columns incl. search_tokens) to a TSV, COPY'd into an empty copy of the
//     patents table with the same indexes (CREATE TABLE … (LIKE patents INCLUDING ALL)): COPY FROM STDIN (psql \copy) on
//     PostgreSQL, COPY FROM '/dev/blob' in 64 MiB chunks on PGlite.
import fs from 'node:fs';
import { sql } from 'kysely';
import { suggestPatentMapping } from '@zhichan/shared';
import { readRows } from '../apps/server/src/modules/patents/patent-import.reader.ts';
import { loadClassificationContext, preparePatent, upsertPatents } from '../apps/server/src/modules/patents/patent-write.ts';
import { rebuildPatentStats } from '../apps/server/src/modules/patents/patent-stats.service.ts';
// Imported lazily in jobImport: the task runner pulls in every background module (reports included).
import { cleanup, fmtInt, log, machine, markdownTable, parseArgs } from './lib.mjs';
import { copyTsv, openBenchDeps, preparedTsv, syntheticCsv } from './patents-lib.mjs';

const args = parseArgs(process.argv.slice(2), { rows: 1_000_000, engines: 'postgres,pglite', batch: 2000, mode: 'job' });
const BATCH = args.batch;

/** The import job's inner loop, with the product's functions: read → map → prepare → upsert in batches. */
async function productImport(deps, csvFile) {
  const cx = await loadClassificationContext(deps.db, deps);
  let mapping = null;
  let headers = null;
  let columnNames = {};
  let batch = [];
  let read = 0;
  let failed = 0;
  let inserted = 0;
  let prepareMs = 0;
  let writeMs = 0;
  const flush = async () => {
    if (!batch.length) return;
    const b = batch;
    batch = [];
    const t = performance.now();
    await deps.db.transaction().execute(async (trx) => {
      const r = await upsertPatents(trx, b);
      inserted += r.inserted + r.updated;
    });
    writeMs += performance.now() - t;
  };
  const t0 = performance.now();
  for await (const row of readRows(fs.createReadStream(csvFile), 'csv', 'utf-8')) {
    if (!mapping) {
      headers = row.cells.map((c) => (c == null ? '' : String(c)));
      mapping = suggestPatentMapping(headers);
      columnNames = Object.fromEntries(Object.entries(mapping).filter(([, i]) => i !== null).map(([f, i]) => [f, headers[i]]));
      continue;
    }
    read++;
    const t = performance.now();
    const raw = {};
    for (const [field, idx] of Object.entries(mapping)) if (idx !== null) raw[field] = row.cells[idx] ?? null;
    const p = preparePatent(raw, cx, { dataSource: 'synthetic', importJobId: null, columnNames });
    prepareMs += performance.now() - t;
    if (p.ok) batch.push(p.row);
    else failed++;
    if (batch.length >= BATCH) await flush();
    if (read % 100_000 === 0) log(`  ${fmtInt(read)} rows read`);
  }
  await flush();
  const totalMs = performance.now() - t0;
  return { read, failed, inserted, totalMs, prepareMs, writeMs, readMs: totalMs - prepareMs - writeMs };
}

/** The real import job, queued as POST /patent-imports + /start would queue it, run by the product's task runner. */
async function jobImport(deps, csvFile) {
  const { sha256, size } = await deps.files.put(fs.createReadStream(csvFile));
  let headers = null;
  for await (const row of readRows(fs.createReadStream(csvFile), 'csv', 'utf-8')) {
    headers = row.cells.map((c) => (c == null ? '' : String(c)));
    break;
  }
  const mapping = suggestPatentMapping(headers);
  const user = await deps.db.selectFrom('users').select('id').where('username', '=', 'cityip').executeTakeFirstOrThrow();
  const now = deps.clock.now().toISOString();
  const file = await deps.db
    .insertInto('files')
    .values({ sha256, size, mime: 'text/csv', originalName: 'synthetic.csv', ownerType: 'patentImport', ownerId: null, uploadedBy: user.id, createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const job = await deps.db
    .insertInto('patentImportJobs')
    .values({ fileId: file.id, fileName: 'synthetic.csv', format: 'csv', encoding: 'utf-8', headers: JSON.stringify(headers), mapping: JSON.stringify(mapping), status: 'queued', totalBytes: size, createdBy: user.id, createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { runPatentTasks } = await import('../apps/server/src/modules/patents/patent-tasks.ts');
  const t0 = performance.now();
  await runPatentTasks(deps);
  const totalMs = performance.now() - t0;
  const j = await deps.db.selectFrom('patentImportJobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
  if (j.status !== 'succeeded') throw new Error(`import job ${job.id} ended ${j.status}: ${j.message}`);
  return { read: j.rowsRead, failed: j.rowsFailed, inserted: j.rowsInserted + j.rowsUpdated, totalMs, prepareMs: null, writeMs: null, readMs: null, message: j.message };
}

async function runEngine(engine, n) {
  log(`${engine}: fresh database`);
  const bench = await openBenchDeps(engine, `import_${engine}`);
  const { deps } = bench;
  const csv = await syntheticCsv(n);
  const { file: tsv } = await preparedTsv(n, deps);

  log(`${engine}: (a) product import of ${fmtInt(n)} rows (${args.mode})`);
  const a = args.mode === 'loop' ? await productImport(deps, csv) : await jobImport(deps, csv);
  // The job's tail (VACUUM ANALYZE on PGlite, rollup rebuild), timed again on the same data.
  let vacuumMs = null;
  if (engine === 'pglite') {
    const t = performance.now();
    await sql`VACUUM ANALYZE patents`.execute(deps.db);
    vacuumMs = performance.now() - t;
  }
  const tStats = performance.now();
  const stats = await rebuildPatentStats(deps);
  const statsMs = performance.now() - tStats;
  const rowPhaseMs = args.mode === 'loop' ? a.totalMs : a.totalMs - statsMs - (vacuumMs ?? 0);

  log(`${engine}: (b) raw COPY of the prepared rows`);
  await sql`CREATE TABLE patents_copy (LIKE patents INCLUDING ALL)`.execute(deps.db);
  const tCopy = performance.now();
  await copyTsv(bench, 'patents_copy', tsv);
  const copyMs = performance.now() - tCopy;
  const copied = Number((await sql`SELECT count(*)::int AS n FROM patents_copy`.execute(deps.db)).rows[0].n);
  await sql`DROP TABLE patents_copy`.execute(deps.db);

  const productRate = a.inserted / (rowPhaseMs / 1000);
  const copyRate = copied / (copyMs / 1000);
  return {
    engine: `${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${bench.serverVersion}`,
    n, a, rowPhaseMs, productRate, copyRate, copied, statsMs, statsPatents: stats.patentCount, vacuumMs,
  };
}

const engines = String(args.engines).split(',').map((s) => s.trim()).filter(Boolean);
const results = [];
try {
  for (const e of engines) results.push(await runEngine(e, args.rows));
} finally {
  await cleanup();
}

const m = machine();
console.log(`\n### Patent import (${args.mode === 'loop' ? 'import loop' : 'import job'}), ${fmtInt(args.rows)} synthetic rows (${m.date}, ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node})\n`);
console.log(
  markdownTable(
    ['engine', 'rows imported', 'product import (row phase)', args.mode === 'loop' ? 'of which read / prepare / upsert' : 'whole job incl. tail', 'raw COPY (same rows, same indexes)', 'product ÷ COPY', 'rollup rebuild', 'VACUUM ANALYZE'],
    results.map((r) => [
      r.engine,
      `${fmtInt(r.a.inserted)}${r.a.failed ? ` (${fmtInt(r.a.failed)} rejected)` : ''}`,
      `**${fmtInt(r.productRate)} rows/s** (${(r.rowPhaseMs / 1000).toFixed(1)} s)`,
      args.mode === 'loop'
        ? `${(r.a.readMs / 1000).toFixed(1)} / ${(r.a.prepareMs / 1000).toFixed(1)} / ${(r.a.writeMs / 1000).toFixed(1)} s`
        : `${(r.a.totalMs / 1000).toFixed(1)} s (${fmtInt(r.a.inserted / (r.a.totalMs / 1000))} rows/s)`,
      `${fmtInt(r.copyRate)} rows/s (${fmtInt(r.copied)} rows)`,
      `**${((100 * r.productRate) / r.copyRate).toFixed(0)}%**`,
      `${(r.statsMs / 1000).toFixed(1)} s (${fmtInt(r.statsPatents)} patents)`,
      r.vacuumMs === null ? '–' : `${(r.vacuumMs / 1000).toFixed(1)} s`,
    ]),
  ),
);
console.log('\nTarget (issue 5): the product import at ≥ 50% of the raw COPY rate of the same prepared rows. Batches of 2,000 rows, one transaction each.');
