// Shared helpers of the benchmarks in bench/: start and stop the real server, a throw-away PostgreSQL database on the
// scripts/pg-local.sh cluster, the bare Fastify reference server, and small formatting helpers.
// Plain ESM JavaScript so that `node bench/<x>.mjs` runs without a build; the server itself runs through tsx.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The tree whose server is started (apps/server/src/main.ts under it). Default: this repository. BENCH_SERVER_ROOT
 * points at another checkout, e.g. a copy with a proposed change, to compare both with the same harness.
 */
export const SERVER_ROOT = process.env.BENCH_SERVER_ROOT ? path.resolve(process.env.BENCH_SERVER_ROOT) : ROOT;
const PG_LOCAL = path.join(ROOT, 'scripts/pg-local.sh');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function log(...args) {
  console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `zhichan-bench-${label}-`));
}

/** Every child process we started, so that an interrupted run (Ctrl-C, an exception) still kills them. */
const children = new Set();
const cleanups = [];
/** Registers a clean-up step run once at exit (in reverse order), also on SIGINT/SIGTERM and uncaught errors. */
export function onCleanup(fn) {
  cleanups.push(fn);
}
let cleaning = null;
export function cleanup() {
  cleaning ??= (async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log('clean-up step failed:', err?.message ?? err);
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/**
 * The environment of a benchmark server. The intake's protections (per-IP rate limit, captcha after repeated
 * submissions) are raised by configuration: every load client here comes from 127.0.0.1, which in production would be
 * thousands of different addresses.
 */
export function benchServerEnv({ dataDir, port, databaseUrl = '', extra = {} }) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CITY_CODE: '3709',
    DEMO: 'true',
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...INTAKE_LIMITS_RAISED,
    ...extra,
  };
}

/**
 * The configuration keys of the intake's protections (apps/server/src/config.ts), raised for load tests.
 */
export const INTAKE_LIMITS_RAISED = {
  /** 0 = no per-IP limit on submissions. */
  INTAKE_RATE_LIMIT_PER_10MIN: '0',
  /** 0 = never ask for a captcha. */
  INTAKE_CAPTCHA_AFTER: '0',
  /** Only failed lookups count; raised so that a bug in the harness shows as 404s, not as 429s. */
  INTAKE_LOOKUP_FAILURES_PER_10MIN: '1000000',
};

/**
 * Starts the real server (node --import tsx apps/server/src/main.ts) and waits until /api/public/site answers.
 * `nodeArgs` go before --import (e.g. --cpu-prof).
 */
export async function startServer({ dataDir, port, databaseUrl = '', extra = {}, nodeArgs = [], timeoutMs = 180_000, label = 'server' }) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: SERVER_ROOT,
      env: benchServerEnv({ dataDir, port, databaseUrl, extra }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with code ${child.exitCode} before it was ready:\n${out.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/public/site`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${label} not ready on ${url} after ${timeoutMs} ms:\n${out.slice(-4000)}`);
    }
    await sleep(200);
  }
  const readyMs = Date.now() - t0;
  return {
    url,
    port,
    dataDir,
    pid: child.pid,
    readyMs,
    output: () => out,
    /** kill -9: no shutdown hook, no database close. */
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid, 'SIGKILL');
      await exited;
    },
    /** SIGTERM and wait for the clean shutdown (the embedded database is closed, the pid file removed). */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const r = await exited;
      clearTimeout(timer);
      if (r.code !== 0) throw new Error(`${label} stopped with ${r.code ?? r.signal}:\n${out.slice(-4000)}`);
    },
  };
}

/** The bare Fastify JSON endpoint (GET /hello) in its own process: the ceiling of this machine's HTTP stack. */
export async function startHelloServer() {
  const port = await freePort();
  const child = track(spawn(process.execPath, [path.join(ROOT, 'bench/hello-server.mjs'), String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      if (String(c).includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// ---------- PostgreSQL (scripts/pg-local.sh) ----------

function pgLocal(cmd, env = {}) {
  return spawnSync('bash', [PG_LOCAL, cmd], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

/**
 * A private cluster for this run only (scripts/pg-local.sh on its own port and folder), removed at the end. With
 * `durable`, the speed-over-durability settings of pg-local.sh are turned back to PostgreSQL's defaults
 * (fsync, synchronous_commit, full_page_writes on), as a production server runs.
 */
const privateClusters = new Map();
/** One private cluster per process and setting, started at the first use and removed at the end. */
function privateCluster(durable) {
  if (!privateClusters.has(durable)) privateClusters.set(durable, startPrivateCluster(durable));
  return privateClusters.get(durable);
}

async function startPrivateCluster(durable) {
  const port = await freePort();
  const env = { PGPORT: String(port), PG_LOCAL_DIR: path.join(os.tmpdir(), `zhichan-bench-pg-${process.pid}-${durable ? 'durable' : 'fast'}`) };
  const r = pgLocal('start', env);
  if (r.status !== 0) throw new Error(`scripts/pg-local.sh start (private cluster) failed:\n${r.stderr}`);
  onCleanup(() => {
    pgLocal('stop', env);
    log(`stopped and removed the private PostgreSQL cluster on port ${port}`);
  });
  const adminUrl = r.stdout.trim().split('\n').pop();
  log(`started a private PostgreSQL cluster on port ${port}${durable ? ' (durable settings)' : ''}`);
  if (durable) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    for (const q of ['ALTER SYSTEM SET fsync = on', 'ALTER SYSTEM SET synchronous_commit = on', 'ALTER SYSTEM SET full_page_writes = on', 'SELECT pg_reload_conf()']) await c.query(q);
    await c.end();
    await sleep(500);
  }
  return adminUrl;
}

/**
 * A fresh database on the shared throw-away cluster of scripts/pg-local.sh, created for this run and dropped at
 * clean-up. The cluster is started only if it was not running, and then stopped again at clean-up, unless somebody
 * else has created a database on it in the meantime (a test run of another engineer): then it is left running.
 * With BENCH_DATABASE_URL set (an admin URL of another server), that server is used and never stopped.
 */
export async function freshPgDatabase(label, { privateCluster: own = false, durable = false } = {}) {
  const pg = (await import('pg')).default;
  let adminUrl = process.env.BENCH_DATABASE_URL || '';
  let startedHere = false;
  if (own || durable) {
    adminUrl = await privateCluster(durable);
  } else if (!adminUrl) {
    const status = pgLocal('status');
    if (status.status === 0) {
      adminUrl = status.stdout.trim();
    } else {
      const r = pgLocal('start');
      if (r.status !== 0) throw new Error(`scripts/pg-local.sh start failed:\n${r.stderr}`);
      adminUrl = r.stdout.trim().split('\n').pop();
      startedHere = true;
      log('started the local PostgreSQL cluster (scripts/pg-local.sh); it is stopped again at the end');
    }
  }
  const name = `zc_bench_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  const version = await (async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const r = await c.query(
      `SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc,
              split_part(current_setting('unix_socket_directories'), ',', 1) AS socket_dir`,
    );
    await c.end();
    return r.rows[0];
  })();

  onCleanup(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const others = await c.query(`SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'`);
    await c.end();
    if (startedHere) {
      if (others.rows.length === 0) {
        pgLocal('stop');
        log('stopped the local PostgreSQL cluster it had started');
      } else {
        log(`left the local PostgreSQL cluster running: other databases appeared on it (${others.rows.map((r) => r.datname).join(', ')})`);
      }
    }
  });
  // The same database over the cluster's Unix socket instead of TCP on 127.0.0.1.
  const socketUrl = version.socket_dir ? `postgres://${u.username || 'postgres'}@localhost:${u.port || 5432}/${name}?host=${encodeURIComponent(version.socket_dir.trim())}` : null;
  return { databaseUrl, socketUrl, name, serverVersion: version.v, fsync: version.fsync, synchronousCommit: version.sc };
}

/** Runs one SQL query on a PostgreSQL database and returns the rows. */
export async function pgQuery(databaseUrl, text, params = []) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Runs one SQL query on a PGlite data folder (the server must be stopped: PGlite is single-process). */
export async function pgliteQuery(dataDir, text, params = []) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.close();
  }
}

// ---------- formatting ----------

export function fmtInt(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** autocannon records latencies in whole milliseconds (a 0 means under 1 ms). */
export function fmtMs(n) {
  if (n === 0) return '< 1 ms';
  return n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`;
}

export function markdownTable(headers, rows) {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Parses `--name value`, `--name=value` and `--flag` arguments. */
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split('=', 2);
    const key = k.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (typeof defaults[key] === 'boolean') {
      out[key] = inline === undefined ? true : inline !== 'false';
    } else {
      const v = inline ?? argv[++i];
      out[key] = typeof defaults[key] === 'number' ? Number(v) : v;
    }
  }
  return out;
}
