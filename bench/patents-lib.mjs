// Shared harness of the patent benchmarks (bench/patents-*.mjs): a fresh seeded database on PGlite or PostgreSQL with
// the product's own dependencies, cached synthetic CSV files, the prepared-row TSV (the product's preparePatent output,
// all columns incl. search_tokens) and a fast bulk load through COPY for the dashboard and search benchmarks.
// Run the benchmarks with tsx as a loader so that they import the product's TypeScript directly:
//   node --import tsx bench/patents-import.mjs …
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import { suggestPatentMapping } from '@zhichan/shared';
import { createDeps } from '../apps/server/src/bootstrap.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { seedIfEmpty } from '../apps/server/src/seed/seed.ts';
import { runPendingReclassification } from '../apps/server/src/modules/patents/patent-classification.service.ts';
import { SYNTHETIC_HEADERS, syntheticPatentRows } from '../apps/server/src/modules/patents/patent-synthetic.ts';
import { rawRecordFromRow } from '../apps/server/src/modules/patents/patent-demo.seed.ts';
import { loadClassificationContext, pgArrayLiteral, preparePatent } from '../apps/server/src/modules/patents/patent-write.ts';
import { freshPgDatabase, log, onCleanup, tempDir } from './lib.mjs';

/** Cached synthetic files and prepared TSVs (reused across runs: generating 5M rows takes minutes). */
export const CACHE_DIR = process.env.BENCH_PATENTS_CACHE || path.join(os.tmpdir(), 'zhichan-bench-patents');

/**
 * Fingerprint of the code that shapes the cached files (generator, prepare, classification, normalisation): a change in
 * any of them makes new cache files instead of reusing stale ones. BENCH_PATENTS_FRESH=1 ignores the cache altogether.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
function codeFingerprint(files) {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(fs.readFileSync(path.resolve(here, '..', f)));
  return h.digest('hex').slice(0, 8);
}
const GENERATOR_FILES = ['apps/server/src/modules/patents/patent-synthetic.ts', 'apps/server/seed/patents-synthetic/titles.csv', 'apps/server/seed/patents-synthetic/ipc_full_codes.csv'];
const PREPARE_FILES = [
  ...GENERATOR_FILES, 'apps/server/src/modules/patents/patent-write.ts', 'packages/shared/src/domain/patent-normalize.ts',
  'packages/shared/src/domain/patent-classify.ts', 'packages/shared/src/domain/patent-value.ts', 'packages/shared/src/domain/patent-search.ts',
];
const useCache = (file) => process.env.BENCH_PATENTS_FRESH !== '1' && fs.existsSync(file);
/** Removes the stale cache files of the same kind, size and seed (a 1M-row TSV is 1.6 GB). */
function dropStale(file, prefix) {
  for (const f of fs.readdirSync(CACHE_DIR)) {
    const full = path.join(CACHE_DIR, f);
    if (f.startsWith(prefix) && full !== file) fs.rmSync(full, { force: true });
  }
}

export const sizeLabel = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}m` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

/**
 * A fresh, seeded database (reference data, demo chains, no patents) and the product's Deps on it.
 * engine 'pglite': a new data folder; 'postgres': a new database on the scripts/pg-local.sh cluster (or BENCH_DATABASE_URL).
 */
export async function openBenchDeps(engine, label) {
  const dataDir = tempDir(`patents-${label}`);
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl = '';
  let serverVersion = '';
  if (engine === 'postgres') {
    const pg = await freshPgDatabase(`patents_${label}`);
    databaseUrl = pg.databaseUrl;
    serverVersion = pg.serverVersion;
  }
  const config = loadConfig({
    DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CITY_CODE: '3709', DEMO: 'true', DEMO_PATENTS: '0',
    SCHEDULER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent',
  });
  const deps = await createDeps(config);
  onCleanup(() => deps.dbh.close());
  await seedIfEmpty(deps);
  // The seeded demo chains start as 'pending': classify now, on the empty table, so that the task runner does not
  // reclassify every imported patent right after an import job (which would count in the import time).
  await runPendingReclassification(deps);
  if (engine === 'pglite') serverVersion = (await sql`SELECT current_setting('server_version') AS v`.execute(deps.db)).rows[0].v;
  return { deps, engine, serverVersion, dataDir };
}

function csvCell(v) {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The synthetic export file of n rows (seed 1, city 3709), written once and cached: the same file the CLI writes. */
export async function syntheticCsv(n, seed = 1) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `synthetic-${sizeLabel(n)}-s${seed}-${codeFingerprint(GENERATOR_FILES)}.csv`);
  if (useCache(file)) return file;
  const t0 = Date.now();
  const tmp = `${file}.part`;
  const ws = fs.createWriteStream(tmp);
  let buf = `\uFEFF${SYNTHETIC_HEADERS.join(',')}\r\n`;
  for (const r of syntheticPatentRows({ count: n, seed, cityCode: '3709' })) {
    buf += `${SYNTHETIC_HEADERS.map((h) => csvCell(r[h] ?? '')).join(',')}\r\n`;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await once(ws, 'drain');
      buf = '';
    }
  }
  ws.end(buf);
  await once(ws, 'finish');
  fs.renameSync(tmp, file);
  dropStale(file, `synthetic-${sizeLabel(n)}-s${seed}-`);
  log(`generated ${file} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** Columns of the prepared rows as COPY writes them (the upsert's column list; id, created_at, updated_at by default). */
export const PATENT_COLUMNS = [
  ['patentKey', 'patent_key', 'text'], ['appNo', 'app_no', 'text'], ['pubNo', 'pub_no', 'text'], ['grantNo', 'grant_no', 'text'],
  ['appDate', 'app_date', 'text'], ['pubDate', 'pub_date', 'text'], ['grantDate', 'grant_date', 'text'],
  ['patentType', 'patent_type', 'text'], ['title', 'title', 'text'], ['abstract', 'abstract', 'text'],
  ['applicants', 'applicants', 'arr'], ['firstApplicant', 'first_applicant', 'text'], ['applicantAddress', 'applicant_address', 'text'],
  ['inventors', 'inventors', 'arr'], ['agency', 'agency', 'text'], ['provinceCodeRaw', 'province_code_raw', 'text'],
  ['provinceCode', 'province_code', 'text'], ['cityCode', 'city_code', 'text'], ['countyCode', 'county_code', 'text'],
  ['regionSource', 'region_source', 'text'], ['legalStatus', 'legal_status', 'text'], ['legalStatusRaw', 'legal_status_raw', 'text'],
  ['mainIpc', 'main_ipc', 'text'], ['ipcCodes', 'ipc_codes', 'arr'], ['seiBranches', 'sei_branches', 'arr'],
  ['wipoFields', 'wipo_fields', 'arr'], ['chainIds', 'chain_ids', 'arr'], ['foreignFamilyGranted', 'foreign_family_granted', 'bool'],
  ['pledgeAmountWan', 'pledge_amount_wan', 'text'], ['hvSei', 'hv_sei', 'bool'], ['hvForeignFamily', 'hv_foreign_family', 'bool'],
  ['hvOver10Years', 'hv_over10_years', 'bool'], ['hvPledge', 'hv_pledge', 'bool'], ['hvAward', 'hv_award', 'bool'],
  ['isHighValue', 'is_high_value', 'bool'], ['searchTokens', 'search_tokens', 'arr'], ['dataSource', 'data_source', 'text'],
  ['importJobId', 'import_job_id', 'text'],
];
export const COPY_COLUMN_LIST = PATENT_COLUMNS.map(([, c]) => c).join(', ');
const DEFAULTS = { regionSource: 'none', dataSource: 'synthetic', foreignFamilyGranted: false };

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function tsvText(v) {
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function tsvLine(row) {
  const cells = PATENT_COLUMNS.map(([key, , kind]) => {
    const v = row[key] ?? DEFAULTS[key];
    if (kind === 'arr') return tsvText(pgArrayLiteral(v ?? []));
    if (kind === 'bool') return v ? 't' : 'f';
    return v === undefined || v === null ? '\\N' : tsvText(v);
  });
  return `${cells.join('\t')}\n`;
}

/** Synthetic record n → the product's prepared row (mapping by suggestPatentMapping, then preparePatent). */
export function preparedRows(n, cx, seed = 1) {
  const mapping = suggestPatentMapping(SYNTHETIC_HEADERS);
  let failed = 0;
  const gen = (function* () {
    for (const r of syntheticPatentRows({ count: n, seed, cityCode: '3709' })) {
      const p = preparePatent(rawRecordFromRow(r, SYNTHETIC_HEADERS, mapping), cx, { dataSource: 'synthetic', importJobId: null });
      if (p.ok) yield p.row;
      else failed++;
    }
  })();
  return { rows: gen, failed: () => failed };
}

/**
 * The prepared rows of the n-row synthetic set as a COPY-ready TSV (cached). The classification context is the seeded
 * one (demo chains, no awards), the same on every fresh benchmark database.
 */
export async function preparedTsv(n, deps, seed = 1) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const cx = await loadClassificationContext(deps.db, deps);
  const ctxHash = crypto.createHash('sha256').update(JSON.stringify({ chains: cx.chains, sei: cx.seiRules.length, wipo: cx.wipo.length, asOf: cx.asOf })).digest('hex').slice(0, 6);
  const file = path.join(CACHE_DIR, `prepared-${sizeLabel(n)}-s${seed}-${codeFingerprint(PREPARE_FILES)}${ctxHash}.tsv`);
  if (useCache(file)) return { file, prepareMs: null };
  // BENCH_PATENTS_PREPARED=<file>: reuse a TSV prepared by an earlier version of the prepare code, when the change since
  // then is known not to alter the prepared rows (e.g. a speed-up with a test proving identical output). Say so in the
  // figures you record.
  const pinned = process.env.BENCH_PATENTS_PREPARED;
  if (pinned && path.basename(pinned).startsWith(`prepared-${sizeLabel(n)}-s${seed}-`) && fs.existsSync(pinned)) {
    log(`reusing ${pinned} (BENCH_PATENTS_PREPARED; the current prepare code would name it ${path.basename(file)})`);
    return { file: pinned, prepareMs: null };
  }
  const t0 = Date.now();
  const tmp = `${file}.part`;
  const ws = fs.createWriteStream(tmp);
  let buf = '';
  let count = 0;
  const pr = preparedRows(n, cx, seed);
  for (const row of pr.rows) {
    buf += tsvLine(row);
    count++;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await once(ws, 'drain');
      buf = '';
    }
    if (count % 250_000 === 0) log(`  prepared ${count.toLocaleString('en-US')} rows`);
  }
  ws.end(buf);
  await once(ws, 'finish');
  fs.renameSync(tmp, file);
  dropStale(file, `prepared-${sizeLabel(n)}-s${seed}-`);
  const prepareMs = Date.now() - t0;
  log(`prepared ${count} rows (${pr.failed()} rejected) → ${file} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${(prepareMs / 1000).toFixed(1)} s`);
  return { file, prepareMs };
}

/** Splits a TSV file into chunks of about `bytes` bytes on line boundaries (PGlite's /dev/blob holds one chunk in memory). */
export async function* tsvChunks(file, bytes = 64 * 2 ** 20) {
  const fd = fs.openSync(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(bytes);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, bytes, null);
      if (n === 0) break;
      const data = Buffer.concat([carry, buf.subarray(0, n)]);
      const cut = data.lastIndexOf(10);
      if (cut < 0) {
        carry = data;
        continue;
      }
      yield data.subarray(0, cut + 1);
      carry = Buffer.from(data.subarray(cut + 1));
    }
    if (carry.length) yield carry;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Raw COPY of a TSV into `table`: PostgreSQL through COPY FROM STDIN (pg-copy-streams when installed, else psql's
 * \copy), PGlite through COPY FROM '/dev/blob' in 64 MiB chunks.
 */
export async function copyTsv(bench, table, file) {
  const { deps, engine } = bench;
  if (engine === 'pglite') {
    const pglite = deps.dbh.pglite;
    for await (const chunk of tsvChunks(file)) {
      await pglite.query(`COPY ${table} (${COPY_COLUMN_LIST}) FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
    }
    return;
  }
  const { databaseUrl } = deps.config;
  const { spawn } = await import('node:child_process');
  const psql = fs.existsSync('/usr/lib/postgresql/15/bin/psql') ? '/usr/lib/postgresql/15/bin/psql' : 'psql';
  await new Promise((resolve, reject) => {
    const p = spawn(psql, [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} (${COPY_COLUMN_LIST}) FROM STDIN`], {
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    fs.createReadStream(file).pipe(p.stdin);
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql \\copy exited with ${code}`))));
  });
}

/** Index definitions of a table, except those that back a constraint (primary key, unique). */
export async function secondaryIndexes(db, table) {
  const r = await sql`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.tablename = ${table} AND i.schemaname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  return r.rows;
}

/**
 * Fast bulk load for the read benchmarks: drops the secondary indexes, COPYs the prepared TSV into patents, recreates
 * the indexes, ANALYZE (VACUUM ANALYZE on PGlite). The end state equals an import of the same rows.
 */
export async function bulkLoadPatents(bench, file) {
  const { deps, engine } = bench;
  const idx = await secondaryIndexes(deps.db, 'patents');
  const t0 = Date.now();
  for (const i of idx) await sql.raw(`DROP INDEX ${i.indexname}`).execute(deps.db);
  await copyTsv(bench, 'patents', file);
  const tCopy = Date.now();
  await sql.raw(`SET maintenance_work_mem = '${engine === 'pglite' ? '256MB' : '1GB'}'`).execute(deps.db);
  for (const i of idx) await sql.raw(i.indexdef).execute(deps.db);
  const tIdx = Date.now();
  await sql`VACUUM ANALYZE patents`.execute(deps.db);
  const count = Number((await sql`SELECT count(*)::int AS n FROM patents`.execute(deps.db)).rows[0].n);
  log(`${engine}: loaded ${count} patents: COPY ${((tCopy - t0) / 1000).toFixed(1)} s, indexes ${((tIdx - tCopy) / 1000).toFixed(1)} s, vacuum ${((Date.now() - tIdx) / 1000).toFixed(1)} s`);
  return count;
}

// ---------- statistics ----------

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Runs fn `runs` times after `warmup` untimed runs; returns {p50, p95, min, max} in ms. */
export async function timeRuns(fn, { runs = 20, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), min: ms[0], max: ms[ms.length - 1], runs };
}

export function ms(n) {
  if (!Number.isFinite(n)) return '–';
  return n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`;
}
