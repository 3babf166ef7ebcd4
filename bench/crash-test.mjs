#!/usr/bin/env node
// Crash test (issue 3: "no acknowledged submission is lost"): 200 clients submit continuously, the server is killed
// with SIGKILL in the middle of the load, restarted on the same data, and every acknowledged receipt (a 2xx answer
// carrying receiptNo + lookupCode) is looked up through the public progress lookup. Exit code 1 if any is missing.
//
//   node bench/crash-test.mjs                  # PGlite (the embedded default)
//   node bench/crash-test.mjs --pg             # PostgreSQL (a fresh database on the scripts/pg-local.sh cluster)
//   node bench/crash-test.mjs --durable        # PostgreSQL on a private cluster with fsync and synchronous_commit on
//   node bench/crash-test.mjs --clients 200 --kill-after 4 --rounds 3 --mode realName
//
// Requests failed by the kill (connection reset or refused, no answer) were never acknowledged: the client would retry
// them with the same Idempotency-Key. They are counted, not lost.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { cleanup, freshPgDatabase, log, machine, onCleanup, parseArgs, pgliteQuery, pgQuery, SERVER_ROOT, benchServerEnv, sleep, startServer, tempDir } from './lib.mjs';
import { idempotencyKey, LOOKUP_PATH, rng, SUBMIT_PATH, submissionBody } from './payload.mjs';

const args = parseArgs(process.argv.slice(2), {
  pg: false,
  durable: false,
  clients: 200,
  killAfter: 4,
  rounds: 1,
  mode: 'anonymous',
  lookupConcurrency: 8,
  requestTimeout: 15,
});
const engine = args.pg || args.durable ? 'pg' : 'pglite';

/**
 * `clients` loops, each posting one submission after the other on keep-alive connections (Node's fetch, undici), until
 * `stop()` is called. Each loop has at most one request in flight, so the load is bounded by the number of clients.
 */
function startClients(url, state) {
  let stopping = false;
  const loop = async (i) => {
    const r = rng(7919 * (i + 1) + state.round * 104729);
    while (!stopping) {
      const n = ++state.sent;
      const body = JSON.stringify(submissionBody(r, n, args.mode));
      const key = idempotencyKey();
      try {
        const res = await fetch(`${url}${SUBMIT_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(args.requestTimeout * 1000),
        });
        const text = await res.text();
        if (res.status >= 200 && res.status < 300) {
          const j = JSON.parse(text);
          if (!j.receiptNo || !j.lookupCode) throw new Error(`2xx without a receipt: ${text.slice(0, 200)}`);
          state.acked.push({ receiptNo: j.receiptNo, lookupCode: j.lookupCode, at: Date.now(), round: state.round });
        } else {
          state.non2xx[res.status] = (state.non2xx[res.status] ?? 0) + 1;
          if (state.samples.length < 5) state.samples.push(`${res.status} ${text.slice(0, 200)}`);
          await sleep(50);
        }
      } catch (err) {
        // No answer: the server died (reset/refused) or the request timed out. Not acknowledged.
        state.failed++;
        const c = err?.cause?.code ?? err?.name ?? 'error';
        state.failures[c] = (state.failures[c] ?? 0) + 1;
        if (stopping) break;
        await sleep(20);
      }
    }
  };
  const loops = Array.from({ length: args.clients }, (_, i) => loop(i));
  return {
    stop() {
      stopping = true;
      return Promise.all(loops);
    },
  };
}

/** Looks every acknowledged receipt up through GET /api/public/submissions/lookup, a few at a time. */
async function lookupAll(url, acked) {
  const missing = [];
  const errors = {};
  let found = 0;
  let next = 0;
  const worker = async () => {
    while (next < acked.length) {
      const a = acked[next++];
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${url}${LOOKUP_PATH}?receiptNo=${encodeURIComponent(a.receiptNo)}&lookupCode=${encodeURIComponent(a.lookupCode)}`);
        const text = await res.text();
        if (res.status === 429 && attempt < 20) {
          // The lookup's rate limit: spread the lookups out rather than fail.
          await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        if (res.ok) {
          const j = JSON.parse(text);
          if (j.receiptNo === a.receiptNo && j.timeline?.some((t) => t.step === 'receive')) found++;
          else missing.push({ ...a, why: `answer without the 登记 step: ${text.slice(0, 200)}` });
        } else {
          errors[res.status] = (errors[res.status] ?? 0) + 1;
          missing.push({ ...a, why: `${res.status} ${text.slice(0, 200)}` });
        }
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: args.lookupConcurrency }, worker));
  return { found, missing, errors };
}

function auditVerify(dataDir, databaseUrl) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/audit-verify.ts'], {
      cwd: SERVER_ROOT,
      env: benchServerEnv({ dataDir, port: 1, databaseUrl }), // the CLI does not listen; PORT only has to be valid
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out: out.trim() }));
  });
}

async function main() {
  const m = machine();
  const dataDir = tempDir(`crash-${engine}`);
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl = '';
  let pgInfo = null;
  if (engine === 'pg') {
    pgInfo = await freshPgDatabase('crash', { durable: args.durable });
    databaseUrl = pgInfo.databaseUrl;
  }
  log(`${engine}: first start (migrate + seed) in ${dataDir}`);
  let server = await startServer({ dataDir, databaseUrl, label: `server(${engine})` });
  const port = server.port;

  const state = { sent: 0, acked: [], failed: 0, failures: {}, non2xx: {}, samples: [], round: 0 };
  const rounds = [];
  for (let round = 1; round <= args.rounds; round++) {
    state.round = round;
    const ackedBefore = state.acked.length;
    const failedBefore = state.failed;
    log(`round ${round}: ${args.clients} clients submitting; kill -9 after ${args.killAfter} s`);
    const clients = startClients(server.url, state);
    await sleep(args.killAfter * 1000);
    const killedAt = Date.now();
    // The signal is sent synchronously; then the clients stop sending new requests, so the failures counted are
    // the requests in flight at the kill.
    const dying = server.kill9();
    const stopped = clients.stop();
    await dying;
    log(`round ${round}: server (pid ${server.pid}) killed with SIGKILL; ${state.acked.length - ackedBefore} acknowledged so far`);
    await stopped;
    const lateAcks = state.acked.filter((a) => a.round === round && a.at > killedAt).length;
    const t0 = Date.now();
    server = await startServer({ dataDir, databaseUrl, port, label: `server(${engine}) restart` });
    rounds.push({
      round,
      acked: state.acked.length - ackedBefore,
      failedByKill: state.failed - failedBefore,
      lateAcks,
      restartMs: Date.now() - t0,
    });
    log(`round ${round}: restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  log(`looking up ${state.acked.length} acknowledged receipts`);
  const lookup = await lookupAll(server.url, state.acked);
  await server.stop();

  // Possible duplicates are found after the commit: a kill leaves committed submissions unchecked. The scheduler's
  // submission-duplicate-sweep job (first run 5 s after a start) must catch up with them.
  const backlogQ = `SELECT coalesce(sum(c.last_seq - coalesce(s.checked_seq, 0)), 0)::int AS n FROM receipt_counters c
    LEFT JOIN submission_duplicate_sweeps s ON s.year = c.year AND s.city_code = c.city_code`;
  const backlog = async () => (engine === 'pg' ? await pgQuery(databaseUrl, backlogQ) : await pgliteQuery(dataDir, backlogQ))[0].n;
  const sweep = { afterCrash: await backlog(), afterJob: null };
  log(`${sweep.afterCrash} submissions left unchecked for duplicates; one more start with the scheduler on`);
  server = await startServer({ dataDir, databaseUrl, port, label: `server(${engine}) sweep`, extra: { SCHEDULER_INTERVAL_SECONDS: '60' } });
  await sleep(9000);
  await server.stop();
  sweep.afterJob = await backlog();

  const q = 'SELECT count(*)::int AS n FROM submissions';
  const rows = (engine === 'pg' ? await pgQuery(databaseUrl, q) : await pgliteQuery(dataDir, q))[0].n;
  const audit = await auditVerify(dataDir, databaseUrl);
  const lost = lookup.missing.length;

  const lines = [
    `### Crash test (${engine === 'pg' ? `PostgreSQL ${pgInfo.serverVersion}, fsync=${pgInfo.fsync}, synchronous_commit=${pgInfo.synchronousCommit}` : 'PGlite'}), ${m.date}`,
    '',
    `${args.clients} clients (mode ${args.mode}), kill -9 after ${args.killAfter} s of load, ${args.rounds} round(s); Node ${m.node}.`,
    '',
    '| round | acknowledged (2xx with receipt) | of which read after the kill | requests failed by the kill (no answer) | restart |',
    '|---|---|---|---|---|',
    ...rounds.map((r) => `| ${r.round} | ${r.acked} | ${r.lateAcks} | ${r.failedByKill} | ${(r.restartMs / 1000).toFixed(1)} s |`),
    '',
    `- acknowledged: **${state.acked.length}**, found after restart by receipt number + lookup code: **${lookup.found}**, lost: **${lost}**`,
    `- requests without an answer (failed by the kill, never acknowledged): ${state.failed} ${JSON.stringify(state.failures)}; other non-2xx: ${JSON.stringify(state.non2xx)}`,
    `- rows in submissions after the test: ${rows} (acknowledged ${state.acked.length}; the ${rows - state.acked.length} more were committed but their answer was cut by the kill)`,
    `- audit chain after the crash: ${audit.code === 0 ? 'intact' : `exit ${audit.code}`} — ${audit.out.split('\n').pop()}`,
    `- duplicate sweep: ${sweep.afterCrash} committed submissions left unchecked by the kills; ${sweep.afterJob} after the scheduler's first round on the next start`,
  ];
  if (lost) lines.push(`- LOST: ${lookup.missing.slice(0, 10).map((x) => `${x.receiptNo} (${x.why})`).join('; ')}`);
  if (state.samples.length) lines.push(`- non-2xx samples: ${state.samples.join(' | ')}`);
  console.log(lines.join('\n'));
  if (state.acked.length === 0) {
    console.error('nothing was acknowledged: the test proves nothing');
    return 1;
  }
  return lost === 0 && rows >= state.acked.length && sweep.afterJob === 0 ? 0 : 1;
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
