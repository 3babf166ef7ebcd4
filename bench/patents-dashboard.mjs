#!/usr/bin/env node
// Patent dashboard latency: every widget of the analytics page through the queries getPatentDashboard runs (the rollup
// tables when the filter is covered, see rollupCoverage), against the raw aggregate over the base table for the same
// numbers (the repository's *Base queries, which getPatentDashboard uses itself when a filter is not covered).
// Targets (issue 5): PostgreSQL at 5M: p95 ≤ 50 ms and ≥ 20x faster than raw; PGlite at 1M: p95 ≤ 300 ms.
//
//   node --import tsx bench/patents-dashboard.mjs --rows 1000000 --engines postgres,pglite
//   node --import tsx bench/patents-dashboard.mjs --rows 5000000 --engines postgres
//   node --import tsx bench/patents-dashboard.mjs --rows 20000 --runs 5 --engines pglite        # smoke run
//   … --rawRuns 1 --rawWarmup 0 --rawPage no    # at 5M: one timed raw run per widget, no raw whole page (saves ~30 min)
//
// Data: the synthetic set of n rows prepared by the product (preparePatent; cached TSV), bulk-loaded with COPY (indexes
// rebuilt after), then the product's rollup rebuild (rebuildPatentStats, timed) and VACUUM ANALYZE.
import { sql } from 'kysely';
import { getPatentDashboard, resolveFilter, rollupCoverage, rebuildPatentStats, TOP_APPLICANTS } from '../apps/server/src/modules/patents/patent-stats.service.ts';
import { patentStatsRepository as repo } from '../apps/server/src/modules/patents/patent-stats.repository.ts';
import { cleanup, fmtInt, log, machine, markdownTable, parseArgs } from './lib.mjs';
import { bulkLoadPatents, ms, openBenchDeps, preparedTsv, timeRuns } from './patents-lib.mjs';

const args = parseArgs(process.argv.slice(2), { rows: 1_000_000, engines: 'postgres,pglite', runs: 20, rawRuns: 0, rawWarmup: 1, rawPage: 'yes' });
const RAW_RUNS = args.rawRuns || Math.min(args.runs, 5);

/** Widgets of the analytics page and the repository queries behind them: [rollup query, base query, which coverage flag]. */
const WIDGETS = [
  // patent_stats groups feed the application trend, the type and status mixes and the high-value counts
  ['申请趋势 / 类型 / 法律状态 / 高价值', (ex, f) => repo.statsGroupsRollup(ex, f), (ex, f) => repo.statsGroupsBase(ex, f), 'stats'],
  ['授权趋势', (ex, f) => repo.grantsRollup(ex, f), (ex, f) => repo.grantsBase(ex, f), 'grants'],
  ['各县（市、区）', (ex, f, codes) => repo.regionsRollup(ex, f, codes), (ex, f, _c, level) => repo.regionsBase(ex, f, level), 'stats'],
  ['申请人排名', (ex, f) => repo.topApplicantsRollup(ex, f, TOP_APPLICANTS), (ex, f) => repo.topApplicantsBase(ex, f, TOP_APPLICANTS), 'others'],
  ['IPC 小类', (ex, f) => repo.ipcRollup(ex, f), (ex, f) => repo.ipcBase(ex, f), 'others'],
  ['战略性新兴产业', (ex, f) => repo.seiRollup(ex, f), (ex, f) => repo.seiBase(ex, f), 'others'],
  ['WIPO 技术领域', (ex, f) => repo.wipoRollup(ex, f), (ex, f) => repo.wipoBase(ex, f), 'others'],
];

function canonical(rows) {
  return JSON.stringify(
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]))).map((r) => JSON.stringify(r)).sort(),
  );
}

async function runEngine(engine, n) {
  const bench = await openBenchDeps(engine, `dash_${engine}`);
  const { deps } = bench;
  const { file } = await preparedTsv(n, deps);
  const count = await bulkLoadPatents(bench, file);
  const t = performance.now();
  const rebuilt = await rebuildPatentStats(deps);
  const rebuildMs = performance.now() - t;
  log(`${engine}: rollup rebuild ${(rebuildMs / 1000).toFixed(1)} s`);
  if (engine === 'pglite') await sql`VACUUM ANALYZE`.execute(deps.db);
  else await sql`ANALYZE`.execute(deps.db);

  const chain = await deps.db.selectFrom('industryChains').select(['id', 'name']).where('enabled', '=', true).orderBy('sort').orderBy('id').executeTakeFirst();
  const county = `${deps.config.cityCode}02`; // 泰安市泰山区 for 3709: the first urban district
  const filters = [
    ['默认（全市）', {}],
    ...(chain ? [[`产业链（${chain.name}）`, { chainId: chain.id }]] : []),
    [`县（${county}）`, { region: county }],
    ...(chain ? [[`产业链 + 县`, { chainId: chain.id, region: county }]] : []),
    // Year ranges: the applicant, IPC, SEI and WIPO widgets read the year-keyed rollups (migration 0010).
    ['申请年 2020-2024', { yearFrom: 2020, yearTo: 2024 }],
    ['申请年 2024', { yearFrom: 2024, yearTo: 2024 }],
    ['申请年 2016 起', { yearFrom: 2016 }],
    ...(chain ? [[`产业链 + 县 + 申请年 2020-2024`, { chainId: chain.id, region: county, yearFrom: 2020, yearTo: 2024 }]] : []),
  ];

  const rows = [];
  for (const [fname, filter] of filters) {
    const f = resolveFilter(deps, filter);
    const cover = rollupCoverage(f, true);
    const level = f.region.length === 2 ? 'city' : 'county';
    const codes = f.region.length === 4 ? (await repo.childRegions(deps.db, f.region, 'county')).map((r) => r.code) : [f.region];
    for (const [wname, rollupQ, baseQ, flag] of WIDGETS) {
      const productQ = cover[flag] ? rollupQ : baseQ;
      const prod = await timeRuns(() => productQ(deps.db, f, codes, level), { runs: args.runs });
      const raw = await timeRuns(() => baseQ(deps.db, f, codes, level), { runs: RAW_RUNS, warmup: Number(args.rawWarmup) });
      const same = canonical(await productQ(deps.db, f, codes, level)) === canonical(await baseQ(deps.db, f, codes, level));
      rows.push([fname, wname, cover[flag] ? 'rollup' : 'base', prod.p50, prod.p95, raw.p50, raw.p95, same]);
      log(`${engine} ${fname} ${wname}: p95 ${ms(prod.p95)} vs raw ${ms(raw.p95)}${same ? '' : ' (NUMBERS DIFFER)'}`);
    }
    // The whole page (every widget plus names and titles), as the endpoint computes it.
    const page = await timeRuns(() => getPatentDashboard(deps.db, deps, filter), { runs: args.runs });
    const pageRaw = args.rawPage === 'no'
      ? { p50: NaN, p95: NaN }
      : await timeRuns(() => getPatentDashboard(deps.db, deps, filter, { forceBase: true }), { runs: RAW_RUNS, warmup: Number(args.rawWarmup) });
    rows.push([fname, '**整页 getPatentDashboard**', cover.stats && cover.grants && cover.others ? 'rollup' : 'mixed', page.p50, page.p95, pageRaw.p50, pageRaw.p95, null]);
  }
  return { engine: `${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${bench.serverVersion}`, count, rebuildMs, rebuilt, rows };
}

const engines = String(args.engines).split(',').map((s) => s.trim()).filter(Boolean);
const results = [];
try {
  for (const e of engines) results.push(await runEngine(e, args.rows));
} finally {
  await cleanup();
}

const m = machine();
for (const r of results) {
  console.log(`\n### Dashboard widgets, ${r.engine}, ${fmtInt(r.count)} patents (${m.date}, ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node})\n`);
  console.log(`Rollup rebuild (rebuildPatentStats): ${(r.rebuildMs / 1000).toFixed(1)} s. Product: ${args.runs} runs after 2 warm-ups; raw: ${RAW_RUNS} runs after ${args.rawWarmup}${args.rawPage === "no" ? ", the raw whole page not run" : ""}.\n`);
  const worstP95 = Math.max(...r.rows.filter((x) => !String(x[1]).startsWith('**')).map((x) => x[4]));
  console.log(
    markdownTable(
      ['filter', 'widget', 'source', 'p50', 'p95', 'raw p50', 'raw p95', 'raw ÷ product (p50)', 'same numbers'],
      r.rows.map(([f, w, src, p50, p95, rp50, rp95, same]) => [f, w, src, ms(p50), ms(p95), ms(rp50), ms(rp95), Number.isFinite(rp50) ? `${(rp50 / p50).toFixed(0)}x` : "–", same === null ? '–' : same ? 'yes' : '**NO**']),
    ),
  );
  console.log(`\nWorst widget p95: ${ms(worstP95)}.`);
}
console.log('\nTargets (issue 5): PostgreSQL at 5M p95 ≤ 50 ms per widget and ≥ 20x faster than the raw aggregate; PGlite at 1M p95 ≤ 300 ms.');
