#!/usr/bin/env node
// Intake benchmark (issue 3): POST /api/portal/submissions under autocannon against the real server, on PGlite and on
// PostgreSQL, with a count check (every 2xx answer is a row in the database, and every new row was answered), and the
// same load against a bare Fastify JSON endpoint for the ratio. Prints a Markdown table on stdout; progress on stderr.
//
//   node bench/intake.mjs                              # both engines, 50 connections, 3 s warm-up + 10 s
//   node bench/intake.mjs --engines pg --connections 1,10,50 --duration 10 --warmup 3
//   node bench/intake.mjs --engines pg-durable             # a private cluster with fsync/synchronous_commit on
//   node bench/intake.mjs --engines pg --mode realName     # real-name complaints (SM4/HMAC-SM3 on phone and ID number)
//   node bench/intake.mjs --engines pg --cpu-prof          # writes a V8 CPU profile of the server and summarises it
//   node bench/intake.mjs --engines pg --pg-waits          # samples pg_stat_activity: what the pool's backends wait for
//   node bench/intake.mjs --engines pg --pg-socket         # the server reaches PostgreSQL over its Unix socket, not TCP
//   node bench/intake.mjs --json /tmp/intake.json          # also writes the raw figures
//   node bench/intake.mjs --quiet-tries 4                  # on a shared machine: repeat a measurement that other
//                                                          # processes disturbed (up to 4 times), keep the quietest
//
// Environment: BENCH_SERVER_ROOT=<tree> runs the server of another checkout (e.g. a git worktree of an older commit);
// BENCH_DATABASE_URL=<admin URL> uses another PostgreSQL server instead of scripts/pg-local.sh.
//
// Only 127.0.0.1. Everything it starts (servers, a fresh DATA_DIR, a fresh PostgreSQL database) is removed at the end;
// the scripts/pg-local.sh cluster is started only if it was not running, and then stopped again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  cleanup,
  fmtInt,
  fmtMs,
  freshPgDatabase,
  log,
  machine,
  markdownTable,
  onCleanup,
  parseArgs,
  pgliteQuery,
  pgQuery,
  sleep,
  startHelloServer,
  startServer,
  tempDir,
} from './lib.mjs';
import { idempotencyKey, rng, SUBMIT_PATH, submissionBody } from './payload.mjs';
import { summariseProfile } from './cpu-profile.mjs';

const args = parseArgs(process.argv.slice(2), {
  engines: 'pglite,pg',
  connections: '50',
  duration: 10,
  warmup: 3,
  mode: 'anonymous',
  cpuProf: false,
  pgWaits: false,
  pgSocket: false,
  quietTries: 1,
  json: '',
  timeout: 10,
});
const ENGINES = args.engines.split(',').map((s) => s.trim()).filter(Boolean);
const CONNECTIONS = String(args.connections).split(',').map(Number);
for (const e of ENGINES) if (!['pglite', 'pg', 'pg-durable'].includes(e)) throw new Error(`unknown engine ${e} (pglite, pg, pg-durable)`);
/** 'pg': the shared scripts/pg-local.sh cluster (fsync off); 'pg-durable': a private cluster with fsync and synchronous_commit on. */
const isPg = (engine) => engine === 'pg' || engine === 'pg-durable';

/** autocannon's programmatic API as a promise. */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: args.timeout, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** CPU seconds (user + system) of a process and, optionally, of every process with the given command name. */
function cpuSeconds(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(parts[11]) + Number(parts[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}
/** The PostgreSQL backends serving the benchmark's database (the server's pool), from pg_stat_activity. */
async function backendPids(databaseUrl) {
  const rows = await pgQuery(databaseUrl, 'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return rows.map((r) => r.pid);
}
/** CPU seconds the database's backends used since `start` (a Map pid → CPU seconds then; new backends from 0). */
async function backendCpuSince(databaseUrl, start) {
  let total = 0;
  for (const pid of new Set([...start.keys(), ...(await backendPids(databaseUrl))])) total += Math.max(0, cpuSeconds(pid) - (start.get(pid) ?? 0));
  return total;
}

function cpuSince(start) {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

/** Busy CPU seconds of the whole machine (all cores) from /proc/stat: user+nice+system+irq+softirq+steal. */
function machineBusySeconds() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/** Load average and the machine's busy time, to tell a quiet measurement from one disturbed by other work. */
function quietness() {
  return { load1: os.loadavg()[0], busy: machineBusySeconds() };
}

/**
 * Samples pg_stat_activity of the benchmark's database every `everyMs` while the load runs: for each backend of the
 * server's pool, whether it runs a statement, waits for a lock (and on which statement), or sits idle in a
 * transaction (waiting for the Node process to send the next statement). Returns shares of the samples.
 */
function samplePgActivity(databaseUrl, everyMs = 25) {
  let stop = false;
  const counts = new Map();
  let samples = 0;
  const done = (async () => {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    while (!stop) {
      const r = await c.query(
        `SELECT state, wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS q
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      for (const row of r.rows) {
        const what =
          row.state === 'active'
            ? row.wait_event_type === 'Lock'
              ? `waiting for a lock (${row.wait_event}) in: ${row.q}`
              : row.wait_event_type
                ? `active, waiting on ${row.wait_event_type}:${row.wait_event}`
                : `running: ${row.q}`
            : row.state === 'idle in transaction'
              ? 'idle in transaction (waiting for the app)'
              : row.state;
        counts.set(what, (counts.get(what) ?? 0) + 1);
        samples++;
      }
      await sleep(everyMs);
    }
    await c.end();
  })();
  return async () => {
    stop = true;
    await done;
    return [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => ({ what, share: n / samples }));
  };
}

/** A bare Fastify GET /hello under the same autocannon settings. */
async function measureHello(connections) {
  const hello = await startHelloServer();
  try {
    await cannon({ url: `${hello.url}/hello`, connections, duration: args.warmup });
    const q0 = quietness();
    const cpu0 = { server: cpuSeconds(hello.pid), bench: process.cpuUsage() };
    const r = await cannon({ url: `${hello.url}/hello`, connections, duration: args.duration });
    const cpu = { server: cpuSeconds(hello.pid) - cpu0.server, bench: cpuSince(cpu0.bench), machine: machineBusySeconds() - q0.busy };
    cpu.others = Math.max(0, cpu.machine - cpu.server - cpu.bench);
    return {
      load1: q0.load1,
      cpu,
      target: 'bare Fastify GET /hello',
      connections,
      rps: r['2xx'] / args.duration,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      ok: r['2xx'],
    };
  } finally {
    await hello.stop();
  }
}

/**
 * Load on POST /api/portal/submissions. Every request carries its own Idempotency-Key; the keys still waiting for an
 * answer when autocannon stops (cut off by the end of the run or by a client timeout) are kept, so they can be replayed
 * afterwards and the count check can be exact.
 */
function submissionLoad(state, url, connections, duration) {
  const requests = [
    {
      method: 'POST',
      path: SUBMIT_PATH,
      setupRequest(req, context) {
        const key = idempotencyKey();
        const body = JSON.stringify(submissionBody(state.r, ++state.n, args.mode));
        state.outstanding.set(key, body);
        context.key = key;
        return { ...req, headers: { ...req.headers, 'content-type': 'application/json', 'idempotency-key': key }, body };
      },
      onResponse(status, body, context) {
        state.outstanding.delete(context.key);
        state.status[status] = (state.status[status] ?? 0) + 1;
        if (status >= 200 && status < 300) {
          const j = JSON.parse(body);
          state.acked.set(j.receiptNo, j.lookupCode);
          state.ok++;
        } else if (state.samples.length < 5) {
          state.samples.push(`${status} ${body.slice(0, 300)}`);
        }
      },
    },
  ];
  return cannon({ url, connections, duration, requests });
}

/** Replays the requests that got no answer, with their original key and body: the server must not create a second row. */
async function replayOutstanding(state, url) {
  const replays = { count: 0, ok: 0, status: {} };
  for (const [key, body] of state.outstanding) {
    replays.count++;
    const res = await fetch(`${url}${SUBMIT_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
    const text = await res.text();
    replays.status[res.status] = (replays.status[res.status] ?? 0) + 1;
    if (res.ok) {
      const j = JSON.parse(text);
      state.acked.set(j.receiptNo, j.lookupCode);
      replays.ok++;
    } else if (state.samples.length < 10) {
      state.samples.push(`replay ${res.status} ${text.slice(0, 300)}`);
    }
  }
  state.outstanding.clear();
  return replays;
}

async function countRows(engine, ctx) {
  const q = 'SELECT count(*)::int AS n FROM submissions';
  const rows = isPg(engine) ? await pgQuery(ctx.databaseUrl, q) : await pgliteQuery(ctx.dataDir, q);
  return rows[0].n;
}

/** Submissions the duplicate sweep has not checked yet (it runs after each commit, off the submitter's path). */
const SWEEP_BACKLOG = `SELECT coalesce(sum(c.last_seq - coalesce(s.checked_seq, 0)), 0)::int AS n FROM receipt_counters c
  LEFT JOIN submission_duplicate_sweeps s ON s.year = c.year AND s.city_code = c.city_code`;

async function sweepBacklog(engine, ctx) {
  try {
    const rows = isPg(engine) ? await pgQuery(ctx.databaseUrl, SWEEP_BACKLOG) : await pgliteQuery(ctx.dataDir, SWEEP_BACKLOG);
    return rows[0].n;
  } catch (err) {
    if (err?.code === '42P01') return null; // a server of an older commit (BENCH_SERVER_ROOT): no sweep
    throw err;
  }
}

async function receiptNos(engine, ctx) {
  const q = 'SELECT receipt_no FROM submissions';
  const rows = isPg(engine) ? await pgQuery(ctx.databaseUrl, q) : await pgliteQuery(ctx.dataDir, q);
  return new Set(rows.map((r) => r.receipt_no));
}

async function measureIntake(engine, connections) {
  const dataDir = tempDir(`intake-${engine}`);
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const ctx = { dataDir, databaseUrl: '', serverDatabaseUrl: '' };
  let pgInfo = null;
  if (isPg(engine)) {
    pgInfo = await freshPgDatabase('intake', { durable: engine === 'pg-durable' });
    ctx.databaseUrl = pgInfo.databaseUrl;
    ctx.serverDatabaseUrl = args.pgSocket ? pgInfo.socketUrl : pgInfo.databaseUrl;
  }
  const profDir = args.cpuProf ? tempDir('cpuprof') : null;
  if (profDir) onCleanup(() => fs.rmSync(profDir, { recursive: true, force: true }));

  // First start: migrations and the seed. On PGlite the folder can be read only when the server is down, so the
  // baseline count is taken between a first start and the measured start.
  log(`${engine}: first start (migrate + seed) in ${dataDir}`);
  let server = await startServer({ dataDir, databaseUrl: ctx.serverDatabaseUrl, label: `server(${engine})` });
  const firstStartMs = server.readyMs;
  let before;
  if (engine === 'pglite') {
    await server.stop();
    before = await countRows(engine, ctx);
    server = await startServer({ dataDir, databaseUrl: '', label: 'server(pglite)', nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [] });
  } else {
    if (profDir) {
      await server.stop();
      server = await startServer({ dataDir, databaseUrl: ctx.serverDatabaseUrl, label: 'server(pg)', nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
    }
    before = await countRows(engine, ctx);
  }

  const state = { r: rng(20260301 + connections), n: 0, outstanding: new Map(), acked: new Map(), status: {}, samples: [], ok: 0 };
  const url = server.url;
  log(`${engine}: warm-up ${args.warmup} s with ${connections} connections`);
  const warm = await submissionLoad(state, url, connections, args.warmup);
  const okAfterWarmup = state.ok;
  const q0 = quietness();
  const backends0 = isPg(engine) ? await backendPids(ctx.databaseUrl) : [];
  const cpu0 = { server: cpuSeconds(server.pid), pg: new Map(backends0.map((p) => [p, cpuSeconds(p)])), bench: process.cpuUsage() };
  log(`${engine}: measuring ${args.duration} s with ${connections} connections`);
  const tStart = Date.now();
  const stopSampler = args.pgWaits && isPg(engine) ? samplePgActivity(ctx.databaseUrl) : null;
  const r = await submissionLoad(state, url, connections, args.duration);
  const tEnd = Date.now();
  const pgWaits = stopSampler ? await stopSampler() : null;
  const cpu = {
    server: cpuSeconds(server.pid) - cpu0.server,
    pg: isPg(engine) ? await backendCpuSince(ctx.databaseUrl, cpu0.pg) : 0,
    bench: cpuSince(cpu0.bench),
  };
  cpu.machine = machineBusySeconds() - q0.busy;
  // What the rest of the machine used meanwhile: other engineers' builds and tests make a measurement worthless.
  cpu.others = Math.max(0, cpu.machine - cpu.server - cpu.pg - cpu.bench);
  // The duplicate sweep: how far behind it was when the load stopped, and how long it took to catch up (PostgreSQL;
  // a PGlite folder can be read only when the server is down: there, what is left unchecked after the stop).
  const sweep = { backlogAtEnd: null, catchUpMs: null, leftAfterStop: null };
  if (isPg(engine)) {
    sweep.backlogAtEnd = await sweepBacklog(engine, ctx);
    const t0 = Date.now();
    while ((await sweepBacklog(engine, ctx)) > 0 && Date.now() - t0 < 60_000) await sleep(20);
    if (sweep.backlogAtEnd !== null) sweep.catchUpMs = Date.now() - t0;
  }
  await sleep(300);
  const cutOff = state.outstanding.size;
  const replays = await replayOutstanding(state, url);

  // BENCH_SERVER_LOG=<file>: what the server printed (errors behind a 5xx).
  if (process.env.BENCH_SERVER_LOG) fs.writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
  await server.stop();
  const tExit = Date.now();
  const after = await countRows(engine, ctx);
  sweep.leftAfterStop = await sweepBacklog(engine, ctx);
  const inDb = await receiptNos(engine, ctx);
  const missing = [...state.acked.keys()].filter((no) => !inDb.has(no));
  const newRows = after - before;
  const answered2xx = warm['2xx'] + r['2xx'] + replays.ok;
  // Every 2xx carries a receipt; a replay of a committed request answers with the same receipt, so the distinct
  // receipts are the submissions the clients know about. They must be exactly the new rows.
  const countOk = missing.length === 0 && newRows === state.acked.size;

  let profile = null;
  if (profDir) {
    const files = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length) {
      const keep = path.join(process.cwd(), `intake-${engine}-c${connections}.cpuprofile`);
      fs.copyFileSync(path.join(profDir, files[0]), keep);
      // Only the measured run: not the start-up (tsx compiling the sources) nor the replays and the shutdown.
      profile = { file: keep, summary: summariseProfile(keep, 15, { fromEndMs: tExit - tStart, toEndMs: tExit - tEnd }) };
      log(`${engine}: CPU profile kept in ${keep}`);
    }
  }

  return {
    target: `Zhichan POST ${SUBMIT_PATH} (${args.mode === 'anonymous' ? '匿名举报' : '实名投诉'})`,
    engine,
    pg: pgInfo && { serverVersion: pgInfo.serverVersion, fsync: pgInfo.fsync, synchronousCommit: pgInfo.synchronousCommit, via: args.pgSocket ? 'Unix socket' : 'TCP 127.0.0.1' },
    connections,
    firstStartMs,
    load1: q0.load1,
    rps: r['2xx'] / args.duration,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    ok: r['2xx'],
    warmupOk: warm['2xx'],
    trackedOk: state.ok - okAfterWarmup,
    statusCodes: state.status,
    samples: state.samples,
    cutOff,
    replays,
    answered2xx,
    distinctReceipts: state.acked.size,
    rowsBefore: before,
    sweep,
    newRows,
    missing: missing.length,
    countOk,
    cpu,
    profile,
    pgWaits,
  };
}

/** A measurement disturbed by other processes (more than 5 % of the machine) is repeated, up to --quiet-tries times. */
async function quietest(label, fn) {
  let best = null;
  for (let attempt = 1; attempt <= Math.max(1, args.quietTries); attempt++) {
    const r = await fn();
    r.attempts = attempt;
    if (!best || r.cpu.others < best.cpu.others) best = r;
    if (r.cpu.others <= args.duration * 0.1) break;
    if (attempt < args.quietTries) {
      log(`${label}: other processes used ${r.cpu.others.toFixed(1)} CPU-s during the run; again in 15 s (attempt ${attempt + 1}/${args.quietTries})`);
      await sleep(15_000);
    }
  }
  return best;
}

async function main() {
  const m = machine();
  log(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}`);
  const results = [];
  for (const c of CONNECTIONS) {
    log(`bare Fastify /hello with ${c} connections`);
    const hello = await quietest(`hello c=${c}`, () => measureHello(c));
    results.push(hello);
    for (const engine of ENGINES) {
      const res = await quietest(`${engine} c=${c}`, () => measureIntake(engine, c));
      res.ratio = res.rps / hello.rps;
      results.push(res);
    }
  }

  const rows = results.map((x) => [
    x.engine ? `${x.target} · ${isPg(x.engine) ? `PostgreSQL ${x.pg.serverVersion.split(' ')[0]}${x.engine === 'pg-durable' ? ' (fsync on)' : ' (fsync off)'}${args.pgSocket ? ', Unix socket' : ''}` : 'PGlite'}` : x.target,
    String(x.connections),
    `**${fmtInt(x.rps)}**`,
    fmtMs(x.p50),
    fmtMs(x.p99),
    `${fmtInt(x.non2xx)} / ${x.errors} / ${x.timeouts}`,
    x.engine ? `${fmtInt(x.answered2xx)} → ${fmtInt(x.distinctReceipts)} receipts, ${fmtInt(x.newRows)} new rows, ${x.missing} missing: ${x.countOk ? '✅' : '❌'}` : '—',
    x.engine ? `${(x.ratio * 100).toFixed(1)} % (1 : ${Math.round(1 / x.ratio)})` : '100 %',
  ]);
  const table = markdownTable(
    ['target', 'connections', '2xx/s (sustained)', 'p50', 'p99', 'non-2xx / errors / timeouts', 'count check (2xx answers incl. warm-up and replays)', 'of bare Fastify'],
    rows,
  );
  const details = results
    .map((x) => {
      if (!x.engine) {
        return `- bare Fastify c=${x.connections}: p90 ${fmtMs(x.p90)}; CPU during the ${args.duration} s: server ${x.cpu.server.toFixed(1)} s, load generator ${x.cpu.bench.toFixed(1)} s, other processes ${x.cpu.others.toFixed(1)} s.`;
      }
      const perSub = (s) => (x.ok ? `${((s * 1000) / x.ok).toFixed(2)} ms` : '—');
      return [
        `- ${x.engine} c=${x.connections}: ${fmtInt(x.ok)} × 2xx in ${args.duration} s (+${fmtInt(x.warmupOk)} in the warm-up), p90 ${fmtMs(x.p90)}, max ${fmtMs(x.max)}; status codes ${JSON.stringify(x.statusCodes)};`,
        `  requests cut off by the end of the warm-up and of the run ${x.cutOff}, replayed with the same Idempotency-Key → ${JSON.stringify(x.replays.status)}; rows before ${x.rowsBefore}, new ${x.newRows}.`,
        x.sweep.leftAfterStop === null
          ? '  duplicate sweep: none (the duplicates are looked up in the intake transaction)'
          : `  duplicate sweep (after each commit, off the submitter's path): ` +
            (x.sweep.backlogAtEnd !== null ? `${fmtInt(x.sweep.backlogAtEnd)} submissions unchecked when the load stopped, caught up ${fmtInt(x.sweep.catchUpMs)} ms later; ` : '') +
            `${fmtInt(x.sweep.leftAfterStop)} unchecked after the server stopped.`,
        `  CPU during the measured ${args.duration} s: server ${x.cpu.server.toFixed(1)} s (${perSub(x.cpu.server)} per submission)` +
          (isPg(x.engine) ? `, PostgreSQL backends ${x.cpu.pg.toFixed(1)} s (${perSub(x.cpu.pg)})` : '') +
          `, load generator ${x.cpu.bench.toFixed(1)} s, other processes ${x.cpu.others.toFixed(1)} s (load average before ${x.load1.toFixed(2)}). First start (migrate + seed) ${(x.firstStartMs / 1000).toFixed(1)} s.` +
          (x.pg ? ` PostgreSQL fsync=${x.pg.fsync}, synchronous_commit=${x.pg.synchronousCommit}.` : ''),
        ...(x.samples.length ? [`  non-2xx samples: ${x.samples.map((s) => '`' + s.replace(/`/g, "'") + '`').join('; ')}`] : []),
        ...(x.pgWaits ? [`  PostgreSQL backends of the pool, sampled every 25 ms (share of backend-samples):\n${x.pgWaits.slice(0, 8).map((w) => `    - ${(w.share * 100).toFixed(1)} % ${w.what}`).join('\n')}`] : []),
        ...(x.profile ? [`  CPU profile (${x.profile.file}), self time by area:\n${x.profile.summary}`] : []),
      ].join('\n');
    })
    .join('\n');
  const pgRows = results.filter((x) => isPg(x.engine));
  const target = pgRows
    .map((x) => `- target on PostgreSQL (≥ 1,000 submissions/s with p99 ≤ 100 ms) at c=${x.connections}: ${x.rps >= 1000 && x.p99 <= 100 ? 'met' : 'NOT met'} (${fmtInt(x.rps)}/s, p99 ${fmtMs(x.p99)})`)
    .join('\n');

  console.log(
    [
      `### Intake benchmark, ${m.date}`,
      '',
      ...results.filter((x) => x.cpu.others > args.duration * 0.1)
        .map((x) => `> WARNING: the machine was busy with other work during ${x.engine ?? 'hello'} c=${x.connections} (other processes used ${x.cpu.others.toFixed(1)} CPU-s of the ${m.cpus * args.duration} available): the figures are not representative.\n`),
      ...(process.env.BENCH_SERVER_ROOT ? [`Server from ${process.env.BENCH_SERVER_ROOT} (BENCH_SERVER_ROOT), not this repository.\n`] : []),
      `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memGiB} GiB, Node ${m.node}; autocannon ${args.warmup} s warm-up + ${args.duration} s, timeout ${args.timeout} s; mode ${args.mode}.`,
      '',
      table,
      '',
      details,
      ...(target ? ['', target] : []),
    ].join('\n'),
  );
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ machine: m, args, results }, null, 2));
  return results.every((x) => !x.engine || x.countOk) ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err);
} finally {
  await cleanup();
}
process.exit(code);
