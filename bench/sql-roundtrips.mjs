#!/usr/bin/env node
// Diagnostic for the intake benchmark: which SQL statements one submission sends to PostgreSQL, and how many round
// trips they take. A small TCP proxy between the server and PostgreSQL reads the frontend protocol messages (Query,
// Parse, Sync) without changing anything; the server is the real one on a fresh database.
//
//   node bench/sql-roundtrips.mjs                 # 20 anonymous reports, one after the other
//   node bench/sql-roundtrips.mjs --mode realName --count 20
import fs from 'node:fs';
import net from 'node:net';
import { cleanup, freePort, freshPgDatabase, log, onCleanup, parseArgs, startServer, tempDir } from './lib.mjs';
import { idempotencyKey, rng, SUBMIT_PATH, submissionBody } from './payload.mjs';

const args = parseArgs(process.argv.slice(2), { mode: 'anonymous', count: 20 });

/** Counts frontend messages per type and records the SQL text of Query ('Q') and Parse ('P') messages. */
function startProxy(targetHost, targetPort) {
  const stats = { roundTrips: 0, statements: [], messages: {} };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    let buf = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          // StartupMessage (or SSLRequest): int32 length, no type byte.
          if (buf.length < 4) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(len);
          if (code !== 80877103) started = true; // not an SSLRequest
          continue;
        }
        if (buf.length < 5) break;
        const type = String.fromCharCode(buf[0]);
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) break;
        const body = buf.subarray(5, 1 + len);
        buf = buf.subarray(1 + len);
        stats.messages[type] = (stats.messages[type] ?? 0) + 1;
        if (type === 'Q') {
          stats.roundTrips++;
          stats.statements.push(body.toString('utf8', 0, body.length - 1));
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          const textEnd = body.indexOf(0, nameEnd + 1);
          stats.statements.push(body.toString('utf8', nameEnd + 1, textEnd));
        } else if (type === 'S') {
          stats.roundTrips++;
        }
      }
    });
    upstream.on('data', (c) => client.write(c));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, stats, close: () => server.close() }));
  });
}

async function main() {
  const pgdb = await freshPgDatabase('sqlcount');
  const target = new URL(pgdb.databaseUrl);
  const proxy = await startProxy(target.hostname, Number(target.port));
  onCleanup(() => proxy.close());
  const viaProxy = new URL(pgdb.databaseUrl);
  viaProxy.port = String(proxy.port);
  const dataDir = tempDir('sqlcount');
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const server = await startServer({ dataDir, databaseUrl: viaProxy.toString(), port: await freePort(), label: 'server(pg via proxy)' });
  const r = rng(42);
  // One submission first, so that one-time work (caches) is not counted.
  const post = async (n) => {
    const res = await fetch(`${server.url}${SUBMIT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey() },
      body: JSON.stringify(submissionBody(r, n, args.mode)),
    });
    if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  };
  await post(0);
  const s0 = { rt: proxy.stats.roundTrips, st: proxy.stats.statements.length };
  for (let i = 1; i <= args.count; i++) await post(i);
  const rt = (proxy.stats.roundTrips - s0.rt) / args.count;
  const stmts = proxy.stats.statements.slice(s0.st);
  await server.stop();

  const perSubmission = stmts.length / args.count;
  const byText = new Map();
  for (const s of stmts) {
    const k = s.replace(/\s+/g, ' ').slice(0, 160);
    byText.set(k, (byText.get(k) ?? 0) + 1);
  }
  console.log(`### SQL per submission (${args.mode}, PostgreSQL ${pgdb.serverVersion}, mean of ${args.count})\n`);
  console.log(`- round trips: **${rt.toFixed(1)}**, statements: **${perSubmission.toFixed(1)}**\n`);
  console.log('| per submission | statement (first 160 characters) |\n|---|---|');
  for (const [k, n] of byText) console.log(`| ${(n / args.count).toFixed(2)} | \`${k.replace(/\|/g, '\\|')}\` |`);
  log('done');
  return 0;
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
