import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'kysely';
import type { Config } from '../config';
import { openDatabase, type DatabaseHandle, type Executor } from '../db/database';
import { runningServerPid } from '../lib/pidfile';

/**
 * Backup and restore of one installation: the database (a PGlite data-folder tarball or a pg_dump script)
 * plus the content-addressed files store, with a manifest of per-table row counts and checksums computed in SQL,
 * so that a restore proves it brought back exactly what was saved.
 */

export const BACKUP_FORMAT = 'zhichan-backup/1';
export const PGLITE_DUMP = 'pglite.tar.gz';
export const PG_DUMP = 'db.sql';

export interface TableChecksum {
  rows: number;
  md5: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  engine: 'pglite' | 'postgres';
  created: string;
  appVersion: string;
  /** `SELECT version()` of the database that was saved. */
  serverVersion: string;
  /** Applied migrations, in order (kysely_migration). */
  migrations: string[];
  database: { file: string; bytes: number; sha256: string };
  files: { count: number; bytes: number };
  /** Every table of schema public: row count and md5 over the rows in primary-key order. */
  tables: Record<string, TableChecksum>;
}

export type Log = (line: string) => void;

/** A refusal the user can act on (exit code 2), as opposed to a failure. */
export class CliRefusal extends Error {}

const SHA256_NAME = /^[0-9a-f]{64}$/;

export function appVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  try {
    return JSON.parse(fs.readFileSync(path.resolve(here, '../../../../package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The embedded database can be opened by one process only: refuse while a server holds the folder. */
export function refuseWhileServerRuns(config: Config, what: string): void {
  if (config.databaseUrl) return;
  const pid = runningServerPid(config.dataDir);
  if (pid && pid !== process.pid) {
    throw new CliRefusal(
      `服务正在运行（进程 ${pid}，数据目录 ${config.dataDir}）。内嵌数据库（PGlite）只能由一个进程打开，` +
        `请先停止服务（Ctrl+C 或 kill ${pid}）再${what}；生产环境请使用 PostgreSQL（DATABASE_URL）。`,
    );
  }
}

function q(ident: string): string {
  return `"${ident.replace(/"/g, '""')}"`;
}

/**
 * Row count and checksum of every table in schema public, computed in SQL. Rows are hashed one by one and the
 * row hashes are concatenated in primary-key order (32 bytes a row, so tables up to tens of millions of rows fit
 * in one aggregate); tables without a primary key are ordered by their text form.
 * Both engines print rows the same way for the same session settings (UTC, ISO dates), and a backup is only
 * ever compared with a restore on the same engine.
 */
export async function tableChecksums(db: Executor): Promise<Record<string, TableChecksum>> {
  const tables = await sql<{ name: string; pk: string | null }>`
    SELECT c.relname::text AS name,
      (SELECT string_agg(quote_ident(a.attname::text), ',' ORDER BY k.ord)
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`.execute(db);
  const out: Record<string, TableChecksum> = {};
  for (const t of tables.rows) {
    const order = t.pk ? t.pk.split(',').map((c) => `t.${c}`).join(', ') : `t::text COLLATE "C"`;
    const r = await sql<{ n: number; md5: string | null }>`
      SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY ${sql.raw(order)})) AS md5
      FROM public.${sql.raw(q(t.name))} t`.execute(db);
    out[t.name] = { rows: Number(r.rows[0]!.n), md5: r.rows[0]!.md5 ?? 'empty' };
  }
  return out;
}

export async function appliedMigrations(db: Executor): Promise<string[]> {
  const exists = await sql<{ ok: boolean }>`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS ok`.execute(db);
  if (!exists.rows[0]?.ok) return [];
  const r = await sql<{ name: string }>`SELECT name FROM public.kysely_migration ORDER BY timestamp, name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Differences between two checksum sets, one Chinese line each; empty when equal. */
export function compareChecksums(expected: Record<string, TableChecksum>, actual: Record<string, TableChecksum>): string[] {
  const diffs: string[] = [];
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    if (!a) diffs.push(`表 ${name} 缺失`);
    else if (a.rows !== e.rows) diffs.push(`表 ${name} 行数不符：备份 ${e.rows} 行，现为 ${a.rows} 行`);
    else if (a.md5 !== e.md5) diffs.push(`表 ${name} 内容校验和不符：备份 ${e.md5}，现为 ${a.md5}`);
  }
  for (const name of Object.keys(actual)) if (!expected[name]) diffs.push(`表 ${name} 不在备份中`);
  return diffs;
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Content files of a local store (root/ab/cd/<sha256>), skipping its tmp/ folder. */
function listStoreFiles(root: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(root)) return out;
  for (const a of fs.readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const name of fs.readdirSync(path.join(root, a, b))) {
        if (SHA256_NAME.test(name) && name.startsWith(a + b)) out.push(name);
      }
    }
  }
  return out.sort();
}

function storePath(root: string, sha: string): string {
  return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
}

/**
 * Copies the store's files from one root to another, checking that every copy's SHA-256 equals its name.
 * Files already present at the destination with the right content are kept (the store is content-addressed).
 */
export async function copyFilesStore(from: string, to: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  const bad: string[] = [];
  for (const sha of listStoreFiles(from)) {
    const dst = storePath(to, sha);
    if (!fs.existsSync(dst) || (await sha256File(dst)) !== sha) {
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      const tmp = `${dst}.copying`;
      fs.copyFileSync(storePath(from, sha), tmp);
      fs.renameSync(tmp, dst);
      if ((await sha256File(dst)) !== sha) bad.push(sha);
    }
    count++;
    bytes += fs.statSync(dst).size;
  }
  if (bad.length) throw new Error(`以下文件的 SHA-256 与文件名不符（源文件已损坏？）：\n  ${bad.join('\n  ')}`);
  return { count, bytes };
}

function run(cmd: string, args: string[], opts: { stdoutFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : 'ignore';
    const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'], env: opts.env ?? process.env });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    child.on('error', (err) => {
      if (typeof out === 'number') fs.closeSync(out);
      reject(new Error(`无法运行 ${cmd}：${err.message}（需要 PostgreSQL 客户端：apt-get install postgresql-client）`));
    });
    child.on('exit', (code) => {
      if (typeof out === 'number') fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} 失败（退出码 ${code}）：\n${stderr.trim()}`));
    });
  });
}

function timestampName(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `zhichan-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

/** Writes <outDir>/zhichan-YYYYMMDD-HHmmss/ with manifest.json, the database dump and files/. */
export async function createBackup(config: Config, opts: { outDir?: string; log?: Log } = {}): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  refuseWhileServerRuns(config, '备份');
  const outDir = path.resolve(opts.outDir ?? 'backups');
  const now = new Date();
  let dir = path.join(outDir, timestampName(now));
  for (let i = 2; fs.existsSync(dir) || fs.existsSync(`${dir}.partial`); i++) dir = path.join(outDir, `${timestampName(now)}-${i}`);
  // Written under a .partial name and renamed at the end: a folder without that suffix is always complete.
  const work = `${dir}.partial`;
  fs.mkdirSync(work, { recursive: true });
  try {
    let engine: Manifest['engine'];
    let dumpFile: string;
    let serverVersion: string;
    let migrations: string[];
    let tables: Record<string, TableChecksum>;
    const dbh = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, poolSize: 2 });
    try {
      serverVersion = (await sql<{ v: string }>`SELECT version() AS v`.execute(dbh.db)).rows[0]!.v;
      if (dbh.engine === 'pglite') {
        engine = 'pglite';
        dumpFile = PGLITE_DUMP;
        migrations = await appliedMigrations(dbh.db);
        log(`计算表校验和…`);
        tables = await tableChecksums(dbh.db);
        await dbh.pglite!.exec('CHECKPOINT');
        log(`导出内嵌数据库 → ${PGLITE_DUMP}`);
        const blob = await dbh.pglite!.dumpDataDir('gzip');
        fs.writeFileSync(path.join(work, PGLITE_DUMP), Buffer.from(await blob.arrayBuffer()));
      } else {
        engine = 'postgres';
        dumpFile = PG_DUMP;
        // The checksums and pg_dump read one snapshot, so a server writing meanwhile cannot make them disagree.
        const r = await dbh.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            const snap = (await sql<{ s: string }>`SELECT pg_export_snapshot() AS s`.execute(trx)).rows[0]!.s;
            const m = await appliedMigrations(trx);
            log(`计算表校验和…`);
            const t = await tableChecksums(trx);
            log(`pg_dump → ${PG_DUMP}`);
            await run('pg_dump', ['--no-owner', '--no-privileges', '--format=plain', '--encoding=UTF8', `--snapshot=${snap}`, `--dbname=${config.databaseUrl}`], {
              stdoutFile: path.join(work, PG_DUMP),
            });
            return { m, t };
          });
        migrations = r.m;
        tables = r.t;
      }
    } finally {
      await dbh.close();
    }
    const dumpPath = path.join(work, dumpFile);
    log(`复制文件库 ${config.filesDir}`);
    const files = await copyFilesStore(config.filesDir, path.join(work, 'files'));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      engine,
      created: now.toISOString(),
      appVersion: appVersion(),
      serverVersion,
      migrations,
      database: { file: dumpFile, bytes: fs.statSync(dumpPath).size, sha256: await sha256File(dumpPath) },
      files,
      tables,
    };
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    fs.renameSync(work, dir);
    return { dir, manifest };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new CliRefusal(`${dir} 不是完整的备份（缺少 manifest.json）`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== BACKUP_FORMAT) throw new CliRefusal(`不支持的备份格式：${m.format}`);
  return m;
}

export interface TargetSummary {
  empty: boolean;
  tables: number;
  rows: number;
  /** A few recognisable counts, to tell the user what a restore would replace. */
  details: string[];
}

async function summarise(db: Executor): Promise<TargetSummary> {
  const t = await tableChecksums(db);
  const names = Object.keys(t);
  const rows = names.reduce((s, n) => s + t[n]!.rows, 0);
  const details = ['units', 'users', 'audit_logs', 'files'].filter((n) => t[n]).map((n) => `${n} ${t[n]!.rows} 行`);
  return { empty: names.length === 0, tables: names.length, rows, details };
}

/** What the configured database holds now (without migrating it). */
export async function describeTarget(config: Config): Promise<TargetSummary> {
  if (!config.databaseUrl && !fs.existsSync(path.join(config.pgliteDir, 'PG_VERSION'))) return { empty: true, tables: 0, rows: 0, details: [] };
  const dbh = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, poolSize: 1 });
  try {
    return await summarise(dbh.db);
  } finally {
    await dbh.close();
  }
}

export interface RestoreResult {
  manifest: Manifest;
  /** Where the replaced PGlite folder was moved (PGlite only). */
  movedAside: string | null;
  files: { count: number; bytes: number };
}

/**
 * Restores a backup onto the configured database and files store, then recomputes every table checksum and
 * compares it with the manifest. Refuses a non-empty target unless `yes` is set.
 */
export async function restoreBackup(config: Config, dirArg: string, opts: { yes?: boolean; log?: Log } = {}): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const dir = path.resolve(dirArg);
  const manifest = readManifest(dir);
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw new CliRefusal(
      `备份来自 ${manifest.engine === 'pglite' ? '内嵌数据库 PGlite' : 'PostgreSQL'}，当前配置的是 ${engine === 'pglite' ? '内嵌数据库 PGlite' : 'PostgreSQL'}；只能恢复到同类数据库`,
    );
  }
  refuseWhileServerRuns(config, '恢复');

  // Check the backup itself before touching anything.
  const dumpPath = path.join(dir, manifest.database.file);
  if (!fs.existsSync(dumpPath)) throw new CliRefusal(`备份不完整：缺少 ${manifest.database.file}`);
  if ((await sha256File(dumpPath)) !== manifest.database.sha256) throw new Error(`备份已损坏：${manifest.database.file} 的 SHA-256 与清单不符`);
  for (const sha of listStoreFiles(path.join(dir, 'files'))) {
    if ((await sha256File(storePath(path.join(dir, 'files'), sha))) !== sha) throw new Error(`备份已损坏：文件 ${sha} 的内容与其 SHA-256 不符`);
  }

  const target = await describeTarget(config);
  if (!target.empty) {
    const what = `目标数据库现有 ${target.tables} 张表、共 ${target.rows} 行（${target.details.join('，')}），将被备份 ${path.basename(dir)}（${manifest.created}）的内容替换`;
    if (!opts.yes) throw new CliRefusal(`${what}。确认替换请加 --yes 重新运行。`);
    log(what);
  }

  let movedAside: string | null = null;
  if (engine === 'pglite') {
    if (fs.existsSync(config.pgliteDir)) {
      const ts = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
      movedAside = path.join(config.dataDir, `pglite.before-restore-${ts}`);
      fs.renameSync(config.pgliteDir, movedAside);
      log(`原数据库已移至 ${movedAside}`);
    }
    fs.mkdirSync(config.pgliteDir, { recursive: true });
    log(`从 ${PGLITE_DUMP} 重建内嵌数据库 ${config.pgliteDir}`);
    try {
      const blob = new Blob([fs.readFileSync(dumpPath)]);
      const pglite = await PGlite.create(config.pgliteDir, { loadDataDir: blob, extensions: { pg_trgm } });
      await pglite.close();
    } catch (err) {
      // Put the old database back rather than leave a half-written one in its place.
      fs.rmSync(config.pgliteDir, { recursive: true, force: true });
      if (movedAside) fs.renameSync(movedAside, config.pgliteDir);
      throw err;
    }
  } else {
    log(`psql 导入 ${PG_DUMP}（单一事务：失败时数据库保持原样）`);
    await run('psql', [
      '-X',
      '-q',
      '--single-transaction',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'DROP SCHEMA IF EXISTS public CASCADE',
      '-c',
      'CREATE SCHEMA public',
      '-f',
      dumpPath,
      `--dbname=${config.databaseUrl}`,
    ]);
  }

  log(`恢复文件库 → ${config.filesDir}`);
  const files = await copyFilesStore(path.join(dir, 'files'), config.filesDir);

  log('重新计算表校验和并与备份清单比对…');
  const dbh: DatabaseHandle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, poolSize: 1 });
  let diffs: string[];
  try {
    diffs = compareChecksums(manifest.tables, await tableChecksums(dbh.db));
  } finally {
    await dbh.close();
  }
  if (diffs.length) throw new Error(`恢复后的数据与备份不一致：\n  ${diffs.join('\n  ')}`);
  if (files.count !== manifest.files.count) throw new Error(`恢复后的文件数 ${files.count} 与备份清单 ${manifest.files.count} 不符`);
  return { manifest, movedAside, files };
}

/** Shared `main` wrapper of the CLIs: Chinese message, exit 2 for a refusal, 1 for a failure. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      if (err instanceof CliRefusal) {
        console.error(`拒绝执行：${err.message}`);
        process.exit(2);
      }
      console.error(err instanceof Error ? `失败：${err.message}` : err);
      if (err instanceof Error && process.env.DEBUG) console.error(err.stack);
      process.exit(1);
    },
  );
}

export function parseArgs(argv: string[]): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags[k] = v;
      else if (k === 'out' && argv[i + 1] && !argv[i + 1]!.startsWith('--')) flags[k] = argv[++i]!;
      else flags[k] = true;
    } else positional.push(a);
  }
  return { flags, positional };
}
