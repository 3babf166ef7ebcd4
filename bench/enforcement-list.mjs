#!/usr/bin/env node
// Enforcement list benchmark (issue 4): generates 1,000,000 administrative-penalty cases across the demo city's county bureaus
// and stations, then times, through the real server over HTTP on 127.0.0.1:
//   - "my unit's open items sorted by due date, page 1" (GET /api/cases, default order) for a station officer (本机构),
//     a county officer (本机构及下级), the city IP office (the whole city) and a leader (全部数据);
//   - the supervision items list (GET /api/supervision/items) and the dashboard counts (GET /api/supervision/overview).
// Requests are sequential (one client: latency, not throughput); p50/p95/p99 over --requests per target after --warmup.
// Target (issue 4): p95 ≤ 20 ms for the list on PostgreSQL. Prints a Markdown table on stdout, progress on stderr.
//
//   node bench/enforcement-list.mjs                       # both engines, 1M cases, 200 requests per target
//   node bench/enforcement-list.mjs --engines pg --cases 1000000 --requests 300
//   node bench/enforcement-list.mjs --open-share 0.08     # share of cases still open (default 8 %)
//
// Only 127.0.0.1. Everything it creates (a fresh DATA_DIR, a fresh PostgreSQL database) is removed at the end.
import { performance } from 'node:perf_hooks';
import {
  cleanup,
  fmtInt,
  freshPgDatabase,
  log,
  machine,
  markdownTable,
  parseArgs,
  pgliteQuery,
  pgQuery,
  startServer,
  tempDir,
} from './lib.mjs';

const args = parseArgs(process.argv.slice(2), {
  engines: 'pglite,pg',
  cases: 1_000_000,
  openShare: 0.08,
  requests: 200,
  warmup: 20,
  json: '',
});
const ENGINES = args.engines.split(',').map((s) => s.trim()).filter(Boolean);
const PASSWORD = 'Zhichan@2026';

/**
 * The generator, one SQL script for both engines. Cases are spread over the county bureaus and stations (a station's case
 * counts for its county); ~openShare of them are open, with due dates from 30 days ago to 90 days ahead and the deadline
 * state that follows. Filing dates cover five years. Labelled 【演示】 like all demo data.
 */
function generatorSql(n, openShare, today) {
  const openEvery = Math.max(1, Math.round(1 / openShare));
  return `
CREATE TEMP TABLE bench_units AS
  SELECT id, CASE WHEN kind = 'station' THEN parent_id ELSE id END AS county_id, (row_number() OVER (ORDER BY id)) - 1 AS rn
    FROM units WHERE kind IN ('countyBureau', 'station');
INSERT INTO cases (case_no, unit_id, county_unit_id, case_type, procedure, title, party_kind, party_name, filed_on, status,
                   due_on, deadline_state, closed_on, decision, created_at, updated_at)
SELECT 'BENCH-' || g,
       u.id, u.county_id,
       (ARRAY['trademarkInfringement','patentCounterfeiting','geographicalIndication','agencyViolation','other'])[1 + g % 5],
       CASE WHEN g % 10 = 0 THEN 'simplified' ELSE 'ordinary' END,
       '【演示】压测案件 ' || g,
       'organization',
       '压测当事人' || (g % 50000) || '有限公司',
       DATE '${today}' - (g % 1825),
       CASE WHEN g % ${openEvery} = 0 THEN 'investigating' ELSE 'closed' END,
       CASE WHEN g % ${openEvery} = 0 THEN DATE '${today}' + ((g::bigint * 7919) % 120 - 30)::int END,
       CASE WHEN g % ${openEvery} <> 0 THEN NULL
            WHEN (g::bigint * 7919) % 120 - 30 < 0 THEN 'overdue'
            WHEN (g::bigint * 7919) % 120 - 30 <= 3 THEN 'warning'
            ELSE 'normal' END,
       CASE WHEN g % ${openEvery} = 0 THEN NULL ELSE DATE '${today}' - (g % 1825) + 40 END,
       CASE WHEN g % ${openEvery} = 0 THEN NULL ELSE 'penalty' END,
       now(), now()
  FROM generate_series(1, ${n}) AS g
  JOIN bench_units u ON u.rn = (g * 31) % (SELECT count(*) FROM bench_units);
UPDATE users SET must_change_password = false, password_changed_at = now() WHERE kind = 'staff';
`;
}

async function login(url, username) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')]).map((c) => c.split(';')[0]).join('; ');
  return cookie;
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeTarget(url, cookie, path) {
  const get = async () => {
    const res = await fetch(`${url}${path}`, { headers: { cookie, 'x-background-request': '1' } });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 300)}`);
    return body;
  };
  for (let i = 0; i < args.warmup; i++) await get();
  const times = [];
  let sample = '';
  for (let i = 0; i < args.requests; i++) {
    const t0 = performance.now();
    sample = await get();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  let total = null;
  try {
    total = JSON.parse(sample).total ?? null;
  } catch {
    // not a page
  }
  return { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), total };
}

const TARGETS = [
  { label: '本所在办案件，按届满日，第 1 页', user: 'station1', path: '/api/cases?tab=open&page=1&pageSize=20' },
  { label: '本县局及下属所在办案件，按届满日，第 1 页', user: 'county2', path: '/api/cases?tab=open&page=1&pageSize=20' },
  { label: '全市在办案件（市局知识产权科），第 1 页', user: 'cityip', path: '/api/cases?tab=open&page=1&pageSize=20' },
  { label: '全部数据在办案件（局领导），第 1 页', user: 'leader', path: '/api/cases?tab=open&page=1&pageSize=20' },
  { label: '督办事项（县局），按届满日，第 1 页', user: 'county2head', path: '/api/supervision/items?page=1&pageSize=20' },
  { label: '督办中心统计（县局）', user: 'county2head', path: '/api/supervision/overview' },
  { label: '督办中心统计（全市）', user: 'leader', path: '/api/supervision/overview' },
];

async function runEngine(engine) {
  const dataDir = tempDir(`enf-${engine}`);
  const db = engine === 'pg' ? await freshPgDatabase('enf') : null;
  const databaseUrl = db?.databaseUrl ?? '';
  log(`[${engine}] first start: migrations and the demo city`);
  let server = await startServer({ dataDir, databaseUrl, label: `server-${engine}` });
  await server.stop();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const sqlText = generatorSql(args.cases, args.openShare, today);
  log(`[${engine}] generating ${fmtInt(args.cases)} cases`);
  const t0 = performance.now();
  if (engine === 'pg') {
    await pgQuery(databaseUrl, sqlText);
    await pgQuery(databaseUrl, 'VACUUM ANALYZE cases');
    await pgQuery(databaseUrl, 'VACUUM cases'); // a second pass sets the visibility map on every page (index-only counts)
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const path = await import('node:path');
    const pgl = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
    await pgl.exec(sqlText);
    await pgl.exec('VACUUM ANALYZE cases');
    await pgl.close();
  }
  const genSeconds = (performance.now() - t0) / 1000;
  const counts = engine === 'pg'
    ? await pgQuery(databaseUrl, 'SELECT count(*)::int AS n, count(*) FILTER (WHERE closed_on IS NULL)::int AS open FROM cases')
    : await pgliteQuery(dataDir, 'SELECT count(*)::int AS n, count(*) FILTER (WHERE closed_on IS NULL)::int AS open FROM cases');
  log(`[${engine}] ${fmtInt(counts[0].n)} cases (${fmtInt(counts[0].open)} open) in ${genSeconds.toFixed(1)} s`);
  server = await startServer({ dataDir, databaseUrl, label: `server-${engine}` });
  const cookies = {};
  const rows = [];
  try {
    for (const t of TARGETS) {
      cookies[t.user] ??= await login(server.url, t.user);
      const r = await timeTarget(server.url, cookies[t.user], t.path);
      log(`[${engine}] ${t.label}: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms`);
      rows.push({ engine, ...t, ...r });
    }
  } finally {
    await server.stop();
  }
  return { engine, serverVersion: db?.serverVersion ?? 'PGlite', cases: counts[0].n, open: counts[0].open, genSeconds, rows };
}

const results = [];
try {
  for (const e of ENGINES) results.push(await runEngine(e));
} finally {
  await cleanup();
}

const m = machine();
console.log(`\nEnforcement lists, ${m.date}, ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}; ${args.requests} sequential requests per row after ${args.warmup} warm-up.\n`);
for (const r of results) {
  console.log(`${r.engine === 'pg' ? `PostgreSQL ${r.serverVersion}` : 'PGlite'}: ${fmtInt(r.cases)} cases, ${fmtInt(r.open)} open; generated in ${r.genSeconds.toFixed(1)} s.\n`);
  console.log(
    markdownTable(
      ['target', 'user', 'total', 'p50', 'p95', 'p99'],
      r.rows.map((x) => [x.label, x.user, x.total === null ? '—' : fmtInt(x.total), `${x.p50.toFixed(2)} ms`, `${x.p95.toFixed(2)} ms`, `${x.p99.toFixed(2)} ms`]),
    ),
  );
  console.log('');
}
if (args.json) (await import('node:fs')).writeFileSync(args.json, JSON.stringify(results, null, 2));
