/**
 * The in-process background runner of the patent database: import jobs, then pending reclassification, then queued
 * quarterly reports, until there is nothing left. A request only queues work and kicks the runner; the scheduler job
 * 'patent-tasks' runs it too, so queued work survives a restart, and it re-queues work whose node stopped reporting
 * (heartbeat older than 10 minutes): the upserts are idempotent, so a re-run from the first row is correct.
 *
 * PGlite has one connection: an import never holds one long transaction, it commits every 2,000 rows, so users keep
 * working while a large file loads (common brief: batches of ~1,000-5,000 rows).
 */
import { WORKER_ID } from './patent-worker';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { PATENT_IMPORT_FIELDS, type PatentImportField } from '@zhichan/shared';
import { SYSTEM_CTX } from '../../access/actor';
import type { Deps } from '../../deps';
import { writeAudit } from '../audit/audit.service';
import { runPendingReclassification } from './patent-classification.service';
import { ErrorReportWriter } from './patent-import.presenter';
import { batchSource, IMPORT_BATCH_ROWS, MAX_KEPT_ERRORS, WORKER_MIN_BYTES, type PreparedBatch } from './patent-import.pipeline';
import { ImportFileError } from './patent-import.reader';
import { patentImportRepository as repo, type ImportJobRow } from './patent-import.repository';
import { runNextPatentReport } from './patent-report.service';
import { rebuildPatentStats } from './patent-stats.service';
import { loadClassificationContext, upsertPatentsJson } from './patent-write';

export { IMPORT_BATCH_ROWS, MAX_KEPT_ERRORS };
/** A running item whose node has not reported for this long is considered abandoned and re-queued. */
export const STALE_MINUTES = 10;

export { WORKER_ID };

/** Tests only: awaited after each committed batch (e.g. to cancel a job between two batches, deterministically). */
export const importTestHooks: {
  afterBatch: ((jobId: number, rowsRead: number) => Promise<void>) | null;
  /** Overrides WORKER_MIN_BYTES (0: every file goes through the worker thread). */
  workerMinBytes: number | null;
} = { afterBatch: null, workerMinBytes: null };

interface LoopState {
  running: Promise<string> | null;
  /** A kick arrived while the loop ran: look for work once more before stopping. */
  again: boolean;
  stopping: boolean;
}
const loops = new Map<Deps, LoopState>();

function stateOf(deps: Deps): LoopState {
  let s = loops.get(deps);
  if (!s) {
    s = { running: null, again: false, stopping: false };
    loops.set(deps, s);
  }
  return s;
}

function logError(deps: Deps, msg: string, err: unknown): void {
  if (deps.config.logLevel === 'silent') return;
  console.error(`[patent-tasks] ${msg}`, err);
}

/** Starts the runner unless it already runs in this process (then it looks for work once more when done). Never throws. */
export function kickPatentTasks(deps: Deps): void {
  runPatentTasks(deps).catch((err) => logError(deps, 'runner failed', err));
}

/** Runs the loop until idle and returns a one-line summary; joins the loop already running in this process. */
export function runPatentTasks(deps: Deps): Promise<string> {
  const st = stateOf(deps);
  if (st.stopping) return Promise.resolve('stopping');
  if (st.running) {
    st.again = true;
    return st.running;
  }
  const loop = async (): Promise<string> => {
    const total = { imports: 0, reclassified: 0, reports: 0 };
    do {
      st.again = false;
      const r = await oneRound(deps, st);
      total.imports += r.imports;
      total.reclassified += r.reclassified;
      total.reports += r.reports;
    } while (st.again && !st.stopping);
    return total.imports + total.reclassified + total.reports === 0
      ? 'nothing to do'
      : `imports ${total.imports}, reclassifications ${total.reclassified}, reports ${total.reports}`;
  };
  const p = loop().finally(() => {
    st.running = null;
    // A kick that landed after the last look for work.
    if (st.again && !st.stopping) kickPatentTasks(deps);
  });
  st.running = p;
  return p;
}

/** Tests: resolves when no runner is active in this process. */
export async function waitForPatentTasks(): Promise<void> {
  for (;;) {
    const running = [...loops.values()].map((s) => s.running).filter((p): p is Promise<string> => p !== null);
    if (running.length === 0) return;
    await Promise.allSettled(running);
  }
}

/** On app close: no new work; an import in progress stops after its current batch and is put back in the queue. */
export async function stopPatentTasks(deps: Deps): Promise<void> {
  const st = stateOf(deps);
  st.stopping = true;
  if (st.running) await st.running.catch(() => {});
}

async function oneRound(deps: Deps, st: LoopState): Promise<{ imports: number; reclassified: number; reports: number }> {
  const done = { imports: 0, reclassified: 0, reports: 0 };
  try {
    const staleBefore = new Date(deps.clock.now().getTime() - STALE_MINUTES * 60_000).toISOString();
    // Never the jobs of this node's own loop: they are alive (this loop is the only one in the process).
    await repo.requeueStale(deps.db, staleBefore, WORKER_ID);
    await repo.requeueStaleReports(deps.db, staleBefore, WORKER_ID);
  } catch (err) {
    logError(deps, 'requeue failed', err);
  }
  let reclassifyBroken = false;
  let reportsBroken = false;
  while (!st.stopping) {
    const claimed = await repo.claimNext(deps.db, WORKER_ID, deps.clock.now().toISOString());
    if (claimed) {
      await runImportJob(deps, claimed.id, st);
      done.imports++;
      continue;
    }
    // A failing step is not retried in the same round (it would spin); the next kick or scheduler run tries again.
    if (!reclassifyBroken) {
      try {
        if (await runPendingReclassification(deps)) {
          done.reclassified++;
          continue;
        }
      } catch (err) {
        reclassifyBroken = true;
        logError(deps, 'reclassification failed', err);
      }
    }
    if (!reportsBroken) {
      try {
        if (await runNextPatentReport(deps)) {
          done.reports++;
          continue;
        }
      } catch (err) {
        reportsBroken = true;
        logError(deps, 'report failed', err);
      }
    }
    break;
  }
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// one import job
// ---------------------------------------------------------------------------------------------------------------

/** Why the row loop stopped early. */
class Stop extends Error {
  constructor(readonly why: 'cancelled' | 'stopping' | 'lost') {
    super(why);
  }
}

interface Progress {
  processedBytes: number;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsFailed: number;
  errorsKept: number;
}

function summaryOf(p: Progress): string {
  return `新增 ${p.rowsInserted} 件，更新 ${p.rowsUpdated} 件，错误 ${p.rowsFailed} 行`;
}

/** Reads the stored file, prepares and upserts every data row in batches, then rebuilds the rollups and the error report. */
async function runImportJob(deps: Deps, jobId: number, st: LoopState): Promise<void> {
  const job = await repo.get(deps.db, jobId);
  if (!job) return;
  const p: Progress = { processedBytes: 0, rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsFailed: 0, errorsKept: 0 };
  const rep: { current: ReportHandle | null } = { current: null };
  const reportOf = () => {
    if (!rep.current) {
      const out = new PassThrough();
      const stored = deps.files.put(out);
      // put() is awaited at the end; an early failure must not be an unhandled rejection meanwhile.
      stored.catch(() => {});
      rep.current = { out, writer: new ErrorReportWriter(out, job.fileName), stored };
    }
    return rep.current.writer;
  };
  try {
    // A re-run starts from the first row: the errors of an earlier attempt go.
    await repo.deleteErrors(deps.db, jobId);
    const cx = await loadClassificationContext(deps.db, deps);
    const mapping = (job.mapping ?? {}) as Partial<Record<PatentImportField, number | null>>;
    const fields = PATENT_IMPORT_FIELDS.filter((f) => mapping[f] !== null && mapping[f] !== undefined);
    const columnNames: Partial<Record<PatentImportField, string>> = {};
    for (const f of fields) columnNames[f] = job.headers[mapping[f]!] ?? `第${mapping[f]! + 1}列`;

    const source = batchSource({
      setup: { jobId: job.id, mapping, fields, columnNames, cx },
      format: job.format,
      encoding: job.encoding,
      open: () => deps.files.open(job.fileSha256),
      localPath: deps.files.localPath(job.fileSha256),
      size: Number(job.totalBytes),
      workerMinBytes: importTestHooks.workerMinBytes ?? WORKER_MIN_BYTES,
    });

    // Two batches overlap: batch n+1 is read and prepared (in a worker thread for a large file, else between this
    // thread's turns) while batch n's transaction runs. Batches still commit one after the other, in file order.
    let writing: Promise<void> | null = null;
    try {
      for await (const batch of source) {
        for (const e of batch.errors) reportOf().add(e.rowNo, e.column, e.reason, e.appNo, e.title);
        // Counted when they go into the report (not at commit), so that the cap holds while a batch is in flight.
        p.errorsKept += batch.errors.length;
        if (writing) await writing;
        if (st.stopping) throw new Stop('stopping');
        writing = writeBatch(deps, job, batch, batch.bytesRead ?? Number(job.totalBytes), p);
        // Awaited before the next batch or at the end; a failure meanwhile must not count as unhandled.
        writing.catch(() => {});
      }
      await writing;
    } catch (err) {
      // Whatever stopped the loop, the batch in flight settles first, so that the progress is final (its own failure,
      // e.g. a cancel, wins over the reason the loop stopped: it happened first).
      if (writing) await writing;
      throw err;
    }
    await finishJob(deps, job, p, rep.current, null);
  } catch (err) {
    if (err instanceof Stop && err.why === 'cancelled') {
      await finishJob(deps, job, p, rep.current, null).catch((e) => logError(deps, `import ${jobId}: could not finish after cancel`, e));
      return;
    }
    if (err instanceof Stop) {
      // Stopping (app close) or another node took the job over: leave the rows committed; no report for a partial run.
      // The partial report is dropped (put() removes its temporary file).
      rep.current?.out.destroy(new Error('import stopped'));
      if (err.why === 'stopping') {
        await deps.db
          .updateTable('patentImportJobs')
          .set({ status: 'queued', worker: null, message: '服务重启，任务已重新排队' })
          .where('id', '=', jobId)
          .where('status', '=', 'running')
          .where('worker', '=', WORKER_ID)
          .execute()
          .catch((e) => logError(deps, `import ${jobId}: could not requeue`, e));
      }
      return;
    }
    logError(deps, `import ${jobId} failed`, err);
    const reason = err instanceof ImportFileError
      ? err.message
      : `处理过程中出错（${err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200)}）`;
    await finishJob(deps, job, p, rep.current, reason).catch((e) => logError(deps, `import ${jobId}: could not record the failure`, e));
  }
}

interface ReportHandle {
  out: PassThrough;
  writer: ErrorReportWriter;
  stored: Promise<{ sha256: string; size: number }>;
}

/**
 * One short transaction: checks that the job is still this node's and not cancelled, upserts the valid rows, keeps the
 * errors and records the progress and heartbeat.
 */
async function writeBatch(deps: Deps, job: ImportJobRow, b: PreparedBatch, bytesRead: number, p: Progress): Promise<void> {
  const { json, errors, failed } = b;
  const now = deps.clock.now().toISOString();
  const counts = await deps.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('patentImportJobs').select(['status', 'worker']).where('id', '=', job.id).forUpdate().executeTakeFirst();
    if (!cur || cur.status === 'cancelled') throw new Stop('cancelled');
    if (cur.status !== 'running' || cur.worker !== WORKER_ID) throw new Stop('lost');
    const r = json !== null ? await upsertPatentsJson(trx, json) : { inserted: 0, updated: 0 };
    if (errors.length > 0) await repo.insertErrors(trx, job.id, errors.map(({ rowNo, column, reason }) => ({ rowNo, column, reason })));
    const next = {
      processedBytes: Math.min(bytesRead, Number(job.totalBytes)),
      rowsRead: p.rowsRead + b.rowCount,
      rowsInserted: p.rowsInserted + r.inserted,
      rowsUpdated: p.rowsUpdated + r.updated,
      rowsFailed: p.rowsFailed + failed,
    };
    await trx.updateTable('patentImportJobs').set({ ...next, heartbeatAt: now }).where('id', '=', job.id).execute();
    return next;
  });
  Object.assign(p, counts);
  if (importTestHooks.afterBatch) await importTestHooks.afterBatch(job.id, p.rowsRead);
}

/**
 * The end of a job (succeeded, cancelled or failed): VACUUM ANALYZE on PGlite (autovacuum never runs there), the rollups
 * rebuilt, the error report stored, the final status with a Chinese summary, and the audit row.
 */
async function finishJob(
  deps: Deps,
  job: ImportJobRow,
  p: Progress,
  report: ReportHandle | null,
  failure: string | null,
): Promise<void> {
  const heartbeat = () =>
    deps.db.updateTable('patentImportJobs').set({ heartbeatAt: deps.clock.now().toISOString() }).where('id', '=', job.id).execute();
  let statsNote = '';
  if (p.rowsInserted + p.rowsUpdated > 0) {
    await heartbeat();
    if (deps.dbh.engine === 'pglite') {
      await sql`VACUUM ANALYZE patents`.execute(deps.db).catch((err) => logError(deps, 'VACUUM ANALYZE failed', err));
    }
    await heartbeat();
    try {
      await rebuildPatentStats(deps);
    } catch (err) {
      logError(deps, 'rebuildPatentStats failed', err);
      statsNote = '（统计汇总未能更新，将在下次导入或归类后重建）';
    }
  }
  let stored: { sha256: string; size: number } | null = null;
  if (report) {
    await heartbeat();
    const note = p.rowsFailed > p.errorsKept ? `错误共 ${p.rowsFailed} 行，报告仅列出前 ${MAX_KEPT_ERRORS} 条错误` : null;
    await report.writer.finish(note);
    stored = await report.stored;
  }
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('patentImportJobs').select(['status']).where('id', '=', job.id).forUpdate().executeTakeFirst();
    if (!cur) return;
    const status = failure ? 'failed' : cur.status === 'cancelled' ? 'cancelled' : 'succeeded';
    const message =
      status === 'failed' ? `导入失败：${failure}。已处理的 ${p.rowsRead} 行中${summaryOf(p)}，可修正后重新开始导入`
        : status === 'cancelled' ? `已取消：取消前${summaryOf(p)}`
          : summaryOf(p);
    let errorFileId: number | null = null;
    if (stored) {
      const f = await trx
        .insertInto('files')
        .values({
          sha256: stored.sha256, size: stored.size, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          originalName: `专利导入错误报告（任务${job.id}）.xlsx`, ownerType: 'patentImport', ownerId: String(job.id), uploadedBy: null, createdAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      errorFileId = f.id;
    }
    await trx
      .updateTable('patentImportJobs')
      .set({
        status, message: message + statsNote, errorFileId, finishedAt: now, heartbeatAt: now,
        processedBytes: status === 'succeeded' ? Number(job.totalBytes) : p.processedBytes,
        rowsRead: p.rowsRead, rowsInserted: p.rowsInserted, rowsUpdated: p.rowsUpdated, rowsFailed: p.rowsFailed,
      })
      .where('id', '=', job.id)
      .execute();
    await writeAudit(trx, deps.clock, SYSTEM_CTX, {
      action: status === 'failed' ? 'patentImport.fail' : 'patentImport.complete',
      entityType: 'patentImportJob',
      entityId: job.id,
      before: { status: cur.status },
      after: { status, rowsRead: p.rowsRead, rowsInserted: p.rowsInserted, rowsUpdated: p.rowsUpdated, rowsFailed: p.rowsFailed, message },
    });
  });
}
