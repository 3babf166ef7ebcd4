import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { PatentImportJobsTable } from '../../db/schema';

export type ImportJobRow = Selectable<PatentImportJobsTable> & { createdByName: string | null; fileSha256: string };
export type ImportJobStatus = ImportJobRow['status'];

/** Patent import jobs, their error rows and their files. Queries only; the service and the runner own the transactions. */
export const patentImportRepository = {
  get(ex: Executor, id: number, opts: { forUpdate?: boolean } = {}): Promise<ImportJobRow | undefined> {
    let q = ex
      .selectFrom('patentImportJobs as j')
      .innerJoin('files as f', 'f.id', 'j.fileId')
      .leftJoin('users as u', 'u.id', 'j.createdBy')
      .selectAll('j')
      .select(['u.displayName as createdByName', 'f.sha256 as fileSha256'])
      .where('j.id', '=', id);
    if (opts.forUpdate) q = q.forUpdate('j');
    return q.executeTakeFirst();
  },

  async list(ex: Executor, page: number, pageSize: number): Promise<{ rows: ImportJobRow[]; total: number }> {
    const rows = await ex
      .selectFrom('patentImportJobs as j')
      .innerJoin('files as f', 'f.id', 'j.fileId')
      .leftJoin('users as u', 'u.id', 'j.createdBy')
      .selectAll('j')
      .select(['u.displayName as createdByName', 'f.sha256 as fileSha256'])
      .orderBy('j.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const { n } = await ex.selectFrom('patentImportJobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  },

  /**
   * Claims the oldest queued job for this worker: one UPDATE whose sub-select locks the row (SKIP LOCKED), re-checked on
   * status, so two app nodes never run the same job.
   */
  claimNext(ex: Executor, worker: string, now: string): Promise<{ id: number } | undefined> {
    return ex
      .updateTable('patentImportJobs')
      .set({
        status: 'running', worker, heartbeatAt: now, startedAt: now, finishedAt: null, message: null, errorFileId: null,
        processedBytes: 0, rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsFailed: 0,
      })
      .where('id', '=', (eb) => eb.selectFrom('patentImportJobs').select('id').where('status', '=', 'queued').orderBy('id').limit(1).forUpdate().skipLocked())
      .where('status', '=', 'queued')
      .returning('id')
      .executeTakeFirst();
  },

  /** Jobs left 'running' by a node that stopped reporting (crash, kill): back to the queue (upserts are idempotent). */
  async requeueStale(ex: Executor, staleBefore: string, exceptWorker: string | null): Promise<number> {
    let q = ex
      .updateTable('patentImportJobs')
      .set({ status: 'queued', worker: null, message: '执行节点中断，已重新排队' })
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', staleBefore)]));
    if (exceptWorker) q = q.where((eb) => eb.or([eb('worker', 'is', null), eb('worker', '<>', exceptWorker)]));
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** Reports have the same heartbeat rule (patent_reports.heartbeat_at); the report runner claims them again. */
  async requeueStaleReports(ex: Executor, staleBefore: string, exceptWorker: string | null): Promise<number> {
    let q = ex
      .updateTable('patentReports')
      .set({ status: 'queued', worker: null })
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', staleBefore)]));
    if (exceptWorker) q = q.where((eb) => eb.or([eb('worker', 'is', null), eb('worker', '<>', exceptWorker)]));
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async insertErrors(ex: Executor, jobId: number, errors: { rowNo: number; column: string | null; reason: string }[]): Promise<void> {
    // 4 parameters a row: chunks of 5,000 stay far below the 65,535-parameter limit.
    for (let i = 0; i < errors.length; i += 5000) {
      const chunk = errors.slice(i, i + 5000);
      await ex
        .insertInto('patentImportErrors')
        .values(chunk.map((e) => ({ jobId, rowNo: e.rowNo, columnName: e.column, reason: e.reason.slice(0, 500) })))
        .execute();
    }
  },

  deleteErrors(ex: Executor, jobId: number) {
    return ex.deleteFrom('patentImportErrors').where('jobId', '=', jobId).execute();
  },

  /** Error rows in file order, one page (the report is written page by page). */
  errorsPage(ex: Executor, jobId: number, offset: number, limit: number) {
    return ex
      .selectFrom('patentImportErrors')
      .select(['rowNo', 'columnName', 'reason'])
      .where('jobId', '=', jobId)
      .orderBy('rowNo')
      .orderBy(sql`column_name`)
      .limit(limit)
      .offset(offset)
      .execute();
  },

  fileById(ex: Executor, id: number) {
    return ex.selectFrom('files').select(['id', 'sha256', 'size', 'mime', 'originalName']).where('id', '=', id).executeTakeFirst();
  },

  /** Whether any files row still points at the content (before removing a blob). */
  async blobReferenced(ex: Executor, sha256: string): Promise<boolean> {
    const r = await ex.selectFrom('files').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
    return !!r;
  },
};
