/**
 * The CPU half of a patent import: rows of the stored file → prepared batches (classification, bigrams, the batch's
 * JSON for upsertPatentsJson, the error rows). No database here: the runner (patent-tasks.ts) writes the batches.
 *
 * A large file is read and prepared in a worker thread (patent-import.worker.ts), so that the thread that sends the
 * batches to the database — on PGlite, the thread that RUNS the database — does not also parse CSV and compute
 * classifications and bigrams (measured on PGlite at 100k rows: about a quarter of the import's time, see
 * docs/benchmarks.md). A small file, or a file store without local paths, is prepared in the runner's thread by the same
 * generator: one code path for the rows, two places to run it.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { PatentImportField } from '@zhichan/shared';
import { ImportFileError, cellText, isBlankRow, readRows, type ImportFormat, type ImportRow } from './patent-import.reader';
import { patentBatchJson, preparePatent, type ClassificationContext, type PreparedPatent, type RawPatentRecord } from './patent-write';

/** Rows committed per transaction. */
export const IMPORT_BATCH_ROWS = 2000;
/** Error rows kept per job (patent_import_errors; rows_failed still counts every failed row). */
export const MAX_KEPT_ERRORS = 100_000;
/**
 * Files from this size on (about 10,000 rows of a full export) are read and prepared in a worker thread; starting one
 * costs about a second (tsx compiles the modules it needs), more than a smaller file saves.
 */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export interface PrepareSetup {
  jobId: number;
  mapping: Partial<Record<PatentImportField, number | null>>;
  fields: PatentImportField[];
  columnNames: Partial<Record<PatentImportField, string>>;
  cx: ClassificationContext;
}

/** A failed row as the error table and the error report keep it. */
export interface ImportErrorEntry {
  rowNo: number;
  column: string | null;
  reason: string;
  appNo: string | null;
  title: string | null;
}

export interface PreparedBatch {
  /** Data rows read (blank rows and the header not counted). */
  rowCount: number;
  /** The valid rows as upsertPatentsJson's parameter; null when none. */
  json: string | null;
  failed: number;
  /** The errors to keep (the first MAX_KEPT_ERRORS of the job), in file order. */
  errors: ImportErrorEntry[];
  /** Bytes of the file consumed so far; null for the last batch (the whole file). */
  bytesRead: number | null;
}

/**
 * Reads rows, skips blank rows and the header, prepares each data row and hands out a batch every IMPORT_BATCH_ROWS rows,
 * then a last (possibly empty) batch. With yieldEvery it gives the event loop a turn every so many rows (in the runner's
 * thread, so that the batch being written meanwhile is not held up).
 */
export async function* preparedBatches(rows: AsyncIterable<ImportRow>, s: PrepareSetup, yieldEvery = 0): AsyncGenerator<PreparedBatch> {
  const appNoIdx = s.mapping.appNo ?? s.mapping.pubNo ?? null;
  const titleIdx = s.mapping.title ?? null;
  let kept = 0;
  let headerSeen = false;
  let batch: PreparedPatent[] = [];
  let rowCount = 0;
  let failed = 0;
  let errors: ImportErrorEntry[] = [];
  let sinceYield = 0;
  const take = (bytesRead: number | null): PreparedBatch => {
    const out = { rowCount, json: patentBatchJson(batch), failed, errors, bytesRead };
    batch = [];
    rowCount = 0;
    failed = 0;
    errors = [];
    return out;
  };
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    if (yieldEvery > 0 && ++sinceYield >= yieldEvery) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    rowCount++;
    const raw: RawPatentRecord = {};
    for (const f of s.fields) raw[f] = row.cells[s.mapping[f]!] ?? null;
    let res: ReturnType<typeof preparePatent>;
    try {
      res = preparePatent(raw, s.cx, { importJobId: s.jobId, dataSource: 'import', columnNames: s.columnNames });
    } catch (err) {
      res = { ok: false, errors: [{ column: null, reason: `无法处理该行（${err instanceof Error ? err.message.slice(0, 100) : '未知错误'}）` }] };
    }
    if (res.ok) batch.push(res.row);
    else {
      failed++;
      const appNo = appNoIdx === null ? null : cellText(row.cells[appNoIdx] ?? null) || null;
      const title = titleIdx === null ? null : cellText(row.cells[titleIdx] ?? null) || null;
      for (const e of res.errors.length > 0 ? res.errors : [{ column: null, reason: '该行数据无效' }]) {
        if (kept >= MAX_KEPT_ERRORS) break;
        kept++;
        errors.push({ rowNo: row.rowNo, column: e.column, reason: e.reason, appNo, title });
      }
    }
    if (rowCount >= IMPORT_BATCH_ROWS) yield take(row.bytesRead);
  }
  yield take(null);
}

/** Where the batches of a stored file come from. */
export interface BatchSourceInput {
  setup: PrepareSetup;
  format: ImportFormat;
  encoding: string | null;
  /** The stored file as a stream (always possible) and as a local path (a local file store). */
  open: () => Readable;
  localPath: string | null;
  size: number;
  workerMinBytes: number;
}

/** The prepared batches of a stored file: from a worker thread for a large local file, else in this thread. */
export function batchSource(input: BatchSourceInput): AsyncGenerator<PreparedBatch> {
  if (input.localPath && input.size >= input.workerMinBytes) return workerBatches(input.localPath, input);
  return preparedBatches(readRows(input.open(), input.format, input.encoding), input.setup, 50);
}

/** Messages of the worker (patent-import.worker.ts). */
export type WorkerMessage =
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'end' }
  | { type: 'error'; message: string; fileError: boolean };

export interface WorkerInput {
  path: string;
  format: ImportFormat;
  encoding: string | null;
  setup: PrepareSetup;
}

/**
 * Runs preparedBatches in a worker thread. Flow control: the worker posts a batch, prepares the next one, and posts it
 * only when this side has taken the previous one (an 'ack'), so at most two batches wait in memory. Stopping early
 * (break, an error) terminates the worker.
 */
async function* workerBatches(path: string, input: BatchSourceInput): AsyncGenerator<PreparedBatch> {
  if (!fs.existsSync(path)) throw new ImportFileError('导入文件已不存在，请重新上传');
  const data: WorkerInput = { path, format: input.format, encoding: input.encoding, setup: input.setup };
  const worker = new Worker(new URL('./patent-import.worker.mjs', import.meta.url), { workerData: data });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let ended = false;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (err) => {
    failure ??= err;
    poke();
  });
  worker.on('exit', (code) => {
    if (!ended) failure ??= new Error(`专利导入工作线程意外退出（${code}）`);
    poke();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw failure!;
      if (m.type === 'end') {
        ended = true;
        return;
      }
      if (m.type === 'error') throw m.fileError ? new ImportFileError(m.message) : new Error(m.message);
      yield m.batch;
      worker.postMessage('ack');
    }
  } finally {
    ended = true;
    await worker.terminate();
  }
}
