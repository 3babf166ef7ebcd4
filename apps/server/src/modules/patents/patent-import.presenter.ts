import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { PatentImportField, PatentImportJobDto } from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { ImportJobRow, ImportJobStatus } from './patent-import.repository';

/** Statuses from which an import can be (re)started: a failed or cancelled job re-runs from the first row (upserts are idempotent). */
export const STARTABLE: readonly ImportJobStatus[] = ['uploaded', 'failed', 'cancelled'];
export const CANCELLABLE: readonly ImportJobStatus[] = ['uploaded', 'queued', 'running'];

export function percentOf(job: Pick<ImportJobRow, 'status' | 'processedBytes' | 'totalBytes'>): number {
  if (job.status === 'succeeded') return 100;
  if (job.totalBytes <= 0) return 0;
  const p = Math.floor((Number(job.processedBytes) / Number(job.totalBytes)) * 100);
  // 100 only once the job has finished (stats rebuild and the error report still follow the last row).
  return Math.max(0, Math.min(job.status === 'running' || job.status === 'queued' ? 99 : 100, p));
}

export function presentImportJob(
  job: ImportJobRow,
  actor: Actor | null,
  extra: { suggestedMapping?: Partial<Record<PatentImportField, number | null>> | null; preview?: string[][] | null } = {},
): PatentImportJobDto {
  const mayImport = can(actor, 'patent.import');
  return {
    id: job.id,
    fileName: job.fileName,
    format: job.format,
    encoding: job.encoding,
    status: job.status,
    headers: Array.isArray(job.headers) ? job.headers : [],
    mapping: (job.mapping as Partial<Record<PatentImportField, number | null>> | null) ?? null,
    suggestedMapping: job.status === 'uploaded' ? extra.suggestedMapping ?? null : null,
    preview: job.status === 'uploaded' ? extra.preview ?? null : null,
    totalBytes: Number(job.totalBytes),
    processedBytes: Number(job.processedBytes),
    percent: percentOf(job),
    rowsRead: job.rowsRead,
    rowsInserted: job.rowsInserted,
    rowsUpdated: job.rowsUpdated,
    rowsFailed: job.rowsFailed,
    hasErrorReport: job.errorFileId !== null || job.rowsFailed > 0,
    message: job.message,
    createdByName: job.createdByName,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    abilities: {
      start: mayImport && STARTABLE.includes(job.status),
      cancel: mayImport && CANCELLABLE.includes(job.status),
    },
  };
}

/**
 * The error report (.xlsx), written row by row to a stream (exceljs' streaming writer), so even 100,000 error rows never
 * sit in memory as a workbook: 行号 (file row, header = 1), 列名 (the file's header), 原因, and the row's 申请号 and
 * 专利名称 when the runner has them, so a row can be found in the source file.
 */
export class ErrorReportWriter {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ws: ExcelJS.Worksheet;
  private rows = 0;

  constructor(stream: Writable, private readonly sourceName: string) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    this.ws = this.wb.addWorksheet('错误明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.ws.columns = [
      { header: '行号', key: 'rowNo', width: 8 },
      { header: '列名', key: 'column', width: 18 },
      { header: '原因', key: 'reason', width: 60 },
      { header: '申请号', key: 'appNo', width: 22 },
      { header: '专利名称', key: 'title', width: 40 },
    ];
    this.ws.getRow(1).font = { bold: true };
  }

  get count(): number {
    return this.rows;
  }

  add(rowNo: number, column: string | null, reason: string, appNo: string | null, title: string | null): void {
    this.ws.addRow([rowNo, column ?? '', reason, appNo ?? '', title ?? '']).commit();
    this.rows++;
  }

  /** Ends the workbook (and so the stream); `note` is added to the 说明 sheet. */
  async finish(note: string | null): Promise<void> {
    this.ws.commit();
    const info = this.wb.addWorksheet('说明');
    info.columns = [{ width: 100 }];
    info.addRow([`来源文件：${this.sourceName}`]).commit();
    info.addRow(['行号为源文件中的行号（表头为第 1 行）；有错误的行未导入，请按原因修改后重新导入（同一申请号会更新，不会重复）。']).commit();
    if (note) info.addRow([note]).commit();
    info.commit();
    await this.wb.commit();
  }
}
