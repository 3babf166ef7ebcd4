#!/usr/bin/env node
// Chinese full-text search latency and recall: a fixed list of queries (2-6 characters, common and rare words of real
// titles) through the product's search (searchPatents: first page of 20 by relevance + the count capped at 10,000, with
// the presenter), against an ILIKE scan giving the same first page and capped count; recall checked on the complete
// id sets (the product's WHERE without LIMIT vs the ILIKE scan) for every query.
// Target (issue 5): PostgreSQL at 1M p95 ≤ 50 ms, ≥ 50x faster than the scan, 100% recall.
//
//   node --import tsx bench/patents-search.mjs --rows 1000000 --engines postgres,pglite
//   node --import tsx bench/patents-search.mjs --rows 10000 --runs 5 --engines pglite         # smoke run
//   node --import tsx bench/patents-search.mjs --rows 1000000 --engines postgres --keep-db zc_search_1m
//   (--load-only: load or migrate the kept database and stop; --queries a,b: only these queries)
//
// --keep-db NAME (PostgreSQL only): use the database NAME on the scripts/pg-local.sh cluster and keep it after the run.
// When it already holds exactly --rows patents it is reused as it is (no seed, no COPY: a 1M load takes minutes); the
// product's migrations still run on it (createDeps), so a new migration is applied to — and backfills — a database that
// already holds patents, as on a production server. Otherwise it is (re)created and loaded. Drop it by hand when done:
//   psql postgres://postgres@127.0.0.1:54329/postgres -c 'DROP DATABASE zc_search_1m'
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createDeps } from '../apps/server/src/bootstrap.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { seedIfEmpty } from '../apps/server/src/seed/seed.ts';
import { runPendingReclassification } from '../apps/server/src/modules/patents/patent-classification.service.ts';
import { patentConditions, SEARCH_COUNT_CAP } from '../apps/server/src/modules/patents/patents.repository.ts';
import { searchPatents } from '../apps/server/src/modules/patents/patents.service.ts';
import { cleanup, fmtInt, log, machine, markdownTable, onCleanup, parseArgs, pgQuery, tempDir } from './lib.mjs';
import { bulkLoadPatents, ms, openBenchDeps, preparedTsv, timeRuns } from './patents-lib.mjs';

const args = parseArgs(process.argv.slice(2), { rows: 1_000_000, engines: 'postgres,pglite', runs: 20, scanRuns: 0, keepDb: '', queries: '', loadOnly: false });
const SCAN_RUNS = args.scanRuns || Math.min(args.runs, 5);

/** Common and rare words of real CN titles (cn-patents-ipc-titles), 2-6 characters; 招待所 is in no title (empty result). */
const QUERIES = ['装置', '电池', '一种', '传感器', '检测方法', '无人机', '锂电池', '机壳', '钢板', '招待所', '石墨烯', '5G', '有限公司', '新能源汽车', '智能控制系统'];

/** The product's search, as GET /api/patents/search?q= runs it (default filter: the whole city, relevance order). */
const productSearch = (deps, q) => searchPatents(deps, { q, sort: 'relevance', page: 1, pageSize: 20 });

/** The same first page and capped count by a substring scan (ILIKE; ASCII case-insensitive like the product). */
function scanWhere(deps, q) {
  const pat = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  return sql`p.city_code = ${deps.config.cityCode} AND (p.title ILIKE ${pat} OR coalesce(p.abstract, '') ILIKE ${pat} OR array_to_string(p.applicants, ' ') ILIKE ${pat})`;
}
async function scanSearch(deps, q) {
  const page = await sql`SELECT p.id, p.title FROM patents p WHERE ${scanWhere(deps, q)} ORDER BY p.app_date DESC NULLS LAST, p.id DESC LIMIT 20`.execute(deps.db);
  const count = await sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM patents p WHERE ${scanWhere(deps, q)} LIMIT ${SEARCH_COUNT_CAP + 1}) s`.execute(deps.db);
  return { page: page.rows, n: count.rows[0].n };
}

async function recall(deps, q) {
  const spec = { filter: {}, q, cityCode: deps.config.cityCode };
  const product = new Set((await sql`SELECT p.id FROM patents p WHERE ${patentConditions(spec)}`.execute(deps.db)).rows.map((r) => r.id));
  const scan = (await sql`SELECT p.id FROM patents p WHERE ${scanWhere(deps, q)}`.execute(deps.db)).rows.map((r) => r.id);
  const found = scan.filter((id) => product.has(id)).length;
  return { expected: scan.length, found, extra: product.size - found };
}

/** --keep-db: the named database on the pg-local cluster, reused when it holds n patents, else created and loaded. */
async function keptPgDatabase(name, n) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--keep-db: ${name} is not a plain database name`);
  const status = spawnSync('bash', [path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'scripts/pg-local.sh'), 'start'], { encoding: 'utf8' });
  if (status.status !== 0) throw new Error(`scripts/pg-local.sh start failed:\n${status.stderr}`);
  const adminUrl = status.stdout.trim().split('\n').pop();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  const exists = (await pgQuery(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  let have = -1;
  if (exists) {
    const t = await pgQuery(databaseUrl, "SELECT to_regclass('public.patents') IS NOT NULL AS ok");
    if (t[0].ok) have = Number((await pgQuery(databaseUrl, 'SELECT count(*)::int AS n FROM patents'))[0].n);
  }
  const reuse = have === n;
  if (!reuse) {
    if (exists) await pgQuery(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    await pgQuery(adminUrl, `CREATE DATABASE ${name}`);
  }
  const dataDir = tempDir(`patents-search-kept`);
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CITY_CODE: '3709', DEMO: 'true', DEMO_PATENTS: '0',
    SCHEDULER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent',
  });
  const t0 = Date.now();
  const deps = await createDeps(config); // runs the pending migrations, also on a reused database
  onCleanup(() => deps.dbh.close());
  const serverVersion = (await sql`SELECT current_setting('server_version') AS v`.execute(deps.db)).rows[0].v;
  if (reuse) {
    log(`postgres: reusing database ${name} with ${fmtInt(have)} patents (migrations: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return { bench: { deps, engine: 'postgres', serverVersion }, loaded: true };
  }
  await seedIfEmpty(deps);
  await runPendingReclassification(deps);
  return { bench: { deps, engine: 'postgres', serverVersion }, loaded: false };
}

async function runEngine(engine, n) {
  let bench;
  let loaded = false;
  if (args.keepDb && engine === 'postgres') ({ bench, loaded } = await keptPgDatabase(args.keepDb, n));
  else bench = await openBenchDeps(engine, `search_${engine}`);
  const { deps } = bench;
  let count = n;
  if (!loaded) {
    const { file } = await preparedTsv(n, deps);
    count = await bulkLoadPatents(bench, file);
  }
  const rows = [];
  if (args.loadOnly) return { engine: bench.serverVersion, count, rows };
  // --queries 传感器,锂电池: a subset of the list (for a quick look; the recorded figures use the whole list).
  for (const q of args.queries ? String(args.queries).split(',') : QUERIES) {
    const r = await recall(deps, q);
    const res = await productSearch(deps, q);
    const prod = await timeRuns(() => productSearch(deps, q), { runs: args.runs });
    const scan = await timeRuns(() => scanSearch(deps, q), { runs: SCAN_RUNS, warmup: 1 });
    rows.push({ q, matches: r.expected, total: res.totalCapped ? `${fmtInt(res.total)}+` : fmtInt(res.total), recall: r.expected ? r.found / r.expected : 1, extra: r.extra, prod, scan });
    log(`${engine} "${q}": ${fmtInt(r.expected)} matches, p95 ${ms(prod.p95)} vs scan ${ms(scan.p95)}, recall ${r.found}/${r.expected}${r.extra ? `, ${r.extra} extra` : ''}`);
  }
  return { engine: `${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${bench.serverVersion}`, count, rows };
}

const engines = String(args.engines).split(',').map((s) => s.trim()).filter(Boolean);
const results = [];
try {
  for (const e of engines) results.push(await runEngine(e, args.rows));
} finally {
  await cleanup();
}
if (args.loadOnly) process.exit(0);

const m = machine();
for (const r of results) {
  console.log(`\n### Search, ${r.engine}, ${fmtInt(r.count)} patents (${m.date}, ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node})\n`);
  console.log(`Product: searchPatents (first page of 20 by relevance + count capped at ${fmtInt(SEARCH_COUNT_CAP)}), ${args.runs} runs after 2 warm-ups; scan: ILIKE over title, abstract and applicants, ${SCAN_RUNS} runs. Default filter: the city's patents.\n`);
  console.log(
    markdownTable(
      ['query', 'matches (scan)', 'total shown', 'p50', 'p95', 'scan p50', 'scan p95', 'scan ÷ product (p50)', 'recall'],
      r.rows.map((x) => [x.q, fmtInt(x.matches), x.total, ms(x.prod.p50), ms(x.prod.p95), ms(x.scan.p50), ms(x.scan.p95), `${(x.scan.p50 / x.prod.p50).toFixed(0)}x`, `${(100 * x.recall).toFixed(1)}%${x.extra ? ` (+${x.extra} not in scan)` : ''}`]),
    ),
  );
  const p95s = r.rows.map((x) => x.prod.p95).sort((a, b) => a - b);
  console.log(`\nWorst query p95: ${ms(p95s[p95s.length - 1])}; recall 100% on ${r.rows.filter((x) => x.recall === 1 && !x.extra).length} of ${r.rows.length} queries.`);
}
console.log('\nTarget (issue 5): PostgreSQL at 1M p95 ≤ 50 ms, ≥ 50x faster than the scan, 100% recall.');
