/**
 * Patent data import (issue 5, capability 1): upload a CSV/XLSX export, check the suggested column mapping on a preview,
 * start, and let the background runner (patent-tasks.ts) stream it into `patents` in batches. The upload is streamed
 * straight to the file store; the file is read again from the store for the preview and the import, never held whole.
 */
import { PassThrough, Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import ExcelJS from 'exceljs';
import {
  PATENT_FIELD_LABELS,
  PATENT_IMPORT_FIELDS,
  suggestPatentMapping,
  type Page,
  type PatentImportField,
  type PatentImportJobDto,
  type PatentImportMappingInput,
} from '@zhichan/shared';
import { can, type Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { registerFileOwner } from '../files/files.service';
import { CANCELLABLE, ErrorReportWriter, STARTABLE, presentImportJob } from './patent-import.presenter';
import { ENCODING_SAMPLE_BYTES, ImportFileError, cellText, detectEncoding, isBlankRow, readRows, sniffFormat, type ImportFormat } from './patent-import.reader';
import { patentImportRepository as repo, type ImportJobRow } from './patent-import.repository';
import { kickPatentTasks } from './patent-tasks';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Columns of a file the mapping may point at (PatentImportMapping allows indexes 0-500). */
const MAX_COLUMNS = 501;
const PREVIEW_ROWS = 5;

/** Files of import jobs (the upload and the error report) are readable by whoever may import. */
registerFileOwner('patentImport', async (_deps, ctx) => can(ctx.actor, 'patent.import'));

// ---------------------------------------------------------------------------------------------------------------
// reading the stored file
// ---------------------------------------------------------------------------------------------------------------

export interface FileHead {
  headers: string[];
  preview: string[][];
}

/** Header (the first non-blank row) and the first data rows, read from the stored file; stops reading right after. */
export async function readFileHead(deps: Deps, sha256: string, format: ImportFormat, encoding: string | null, rows = PREVIEW_ROWS): Promise<FileHead> {
  let headers: string[] | null = null;
  const preview: string[][] = [];
  for await (const row of readRows(deps.files.open(sha256), format, encoding)) {
    if (isBlankRow(row.cells)) continue;
    if (!headers) {
      headers = row.cells.slice(0, MAX_COLUMNS).map((c, i) => cellText(c).replace(/\s+/g, ' ').trim() || `第${i + 1}列`);
      continue;
    }
    preview.push(headers.map((_, i) => cellText(row.cells[i] ?? null)));
    if (preview.length >= rows) break;
  }
  return { headers: headers ?? [], preview };
}

/** Previews of recent uploads (the table has no column for them); re-read from the file when evicted. */
const previewCache = new Map<number, string[][]>();
function rememberPreview(jobId: number, preview: string[][]) {
  previewCache.set(jobId, preview);
  if (previewCache.size > 50) previewCache.delete(previewCache.keys().next().value!);
}

async function present(deps: Deps, ctx: Ctx, job: ImportJobRow): Promise<PatentImportJobDto> {
  if (job.status !== 'uploaded') return presentImportJob(job, ctx.actor);
  let preview = previewCache.get(job.id);
  if (!preview) {
    preview = await readFileHead(deps, job.fileSha256, job.format, job.encoding).then((h) => h.preview).catch(() => []);
    rememberPreview(job.id, preview);
  }
  return presentImportJob(job, ctx.actor, { suggestedMapping: suggestPatentMapping(job.headers), preview });
}

// ---------------------------------------------------------------------------------------------------------------
// upload
// ---------------------------------------------------------------------------------------------------------------

async function discardBlob(deps: Deps, sha256: string) {
  if (!(await repo.blobReferenced(deps.db, sha256))) await deps.files.remove(sha256);
}

/**
 * Stores the upload (streamed, at most patentImportMaxBytes), detects format and encoding, reads the header and a
 * preview from the stored file, and registers the job (status uploaded) with its audit row.
 */
export async function uploadPatentImport(deps: Deps, ctx: Ctx, part: MultipartFile): Promise<PatentImportJobDto> {
  const fileName = (part.filename || 'import.csv').slice(0, 200);
  const iterator = part.file[Symbol.asyncIterator]();
  // The first 64 KB decide the type (magic bytes) and, for a CSV, the encoding; the rest is streamed on.
  const head: Buffer[] = [];
  let headLen = 0;
  while (headLen < ENCODING_SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value as Buffer);
    headLen += (next.value as Buffer).length;
  }
  const headBuf = Buffer.concat(head);
  const sniff = sniffFormat(headBuf, fileName);
  if ('refused' in sniff) {
    part.file.resume();
    throw fieldError('body.file', sniff.refused);
  }
  const body = Readable.from((async function* () {
    yield headBuf;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  })());
  const { sha256, size } = await deps.files.put(body);
  const limitMb = Math.round(deps.config.patentImportMaxBytes / 1048576);
  if (part.file.truncated) {
    await discardBlob(deps, sha256);
    throw new AppError('PAYLOAD_TOO_LARGE', { message: `文件超过 ${limitMb} MB 的导入上限，请分批导出后再导入`, details: [{ path: 'body.file', message: `文件超过 ${limitMb} MB` }] });
  }
  const format = sniff.format;
  const encoding = format === 'csv' ? detectEncoding(headBuf.subarray(0, ENCODING_SAMPLE_BYTES)) : null;

  let fileHead: FileHead;
  try {
    fileHead = await readFileHead(deps, sha256, format, encoding);
  } catch (err) {
    await discardBlob(deps, sha256);
    if (err instanceof ImportFileError) throw fieldError('body.file', err.message);
    throw err;
  }
  if (fileHead.headers.length === 0) {
    await discardBlob(deps, sha256);
    throw fieldError('body.file', '文件中没有内容');
  }
  if (fileHead.preview.length === 0) {
    await discardBlob(deps, sha256);
    throw fieldError('body.file', '文件中只有表头，没有数据行');
  }

  const now = deps.clock.now().toISOString();
  const job = await deps.db.transaction().execute(async (trx) => {
    const file = await trx
      .insertInto('files')
      .values({ sha256, size, mime: format === 'csv' ? 'text/csv' : XLSX_MIME, originalName: fileName, ownerType: 'patentImport', ownerId: null, uploadedBy: ctx.actor?.userId ?? null, createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('patentImportJobs')
      .values({
        fileId: file.id, fileName, format, encoding, headers: JSON.stringify(fileHead.headers), status: 'uploaded',
        totalBytes: size, createdBy: ctx.actor!.userId, createdAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('files').set({ ownerId: String(inserted.id) }).where('id', '=', file.id).execute();
    await writeAudit(trx, deps.clock, ctx, {
      action: 'patentImport.upload', entityType: 'patentImportJob', entityId: inserted.id,
      after: { fileName, format, encoding, size, sha256, columns: fileHead.headers.length },
    });
    return (await repo.get(trx, inserted.id))!;
  });
  rememberPreview(job.id, fileHead.preview);
  return present(deps, ctx, job);
}

// ---------------------------------------------------------------------------------------------------------------
// list, get, start, cancel
// ---------------------------------------------------------------------------------------------------------------

export async function listPatentImports(deps: Deps, ctx: Ctx, page: number, pageSize: number): Promise<Page<PatentImportJobDto>> {
  const { rows, total } = await repo.list(deps.db, page, pageSize);
  return { items: rows.map((r) => presentImportJob(r, ctx.actor)), total, page, pageSize };
}

export async function getPatentImport(deps: Deps, ctx: Ctx, id: number): Promise<PatentImportJobDto> {
  const job = await repo.get(deps.db, id);
  if (!job) throw new AppError('NOT_FOUND', { message: '导入任务不存在' });
  return present(deps, ctx, job);
}

/** Confirms the mapping and queues the job; the runner is kicked after the commit. */
export async function startPatentImport(deps: Deps, ctx: Ctx, id: number, input: { mapping: PatentImportMappingInput }): Promise<PatentImportJobDto> {
  const job = await deps.db.transaction().execute(async (trx) => {
    const cur = await repo.get(trx, id, { forUpdate: true });
    if (!cur) throw new AppError('NOT_FOUND', { message: '导入任务不存在' });
    if (!STARTABLE.includes(cur.status)) {
      throw new AppError('ACTION_NOT_ALLOWED', { message: cur.status === 'succeeded' ? '该导入任务已完成；如需再次导入，请重新上传文件' : '该导入任务正在排队或导入中' });
    }
    const headers = cur.headers;
    const mapping = {} as Record<PatentImportField, number | null>;
    for (const f of PATENT_IMPORT_FIELDS) {
      const idx = input.mapping[f] ?? null;
      if (idx !== null && idx >= headers.length) throw fieldError(`body.mapping.${f}`, `“${PATENT_FIELD_LABELS[f]}”所选的列不存在（文件共 ${headers.length} 列）`);
      mapping[f] = idx;
    }
    if (mapping.title === null) throw fieldError('body.mapping.title', '请选择“专利名称”对应的列');
    if (mapping.appNo === null && mapping.pubNo === null) throw fieldError('body.mapping.appNo', '请选择“申请号”或“公开（公告）号”对应的列（至少一项，用于识别同一件专利）');
    await trx
      .updateTable('patentImportJobs')
      .set({ status: 'queued', mapping: JSON.stringify(mapping), message: null, finishedAt: null, worker: null })
      .where('id', '=', id)
      .execute();
    const named = Object.fromEntries(PATENT_IMPORT_FIELDS.filter((f) => mapping[f] !== null).map((f) => [f, headers[mapping[f]!]]));
    await writeAudit(trx, deps.clock, ctx, { action: 'patentImport.start', entityType: 'patentImportJob', entityId: id, before: { status: cur.status }, after: { status: 'queued', mapping: named } });
    return (await repo.get(trx, id))!;
  });
  kickPatentTasks(deps);
  return present(deps, ctx, job);
}

/** Cancels a job. A running job stops between two batches: the rows already imported stay (the runner says how many). */
export async function cancelPatentImport(deps: Deps, ctx: Ctx, id: number): Promise<PatentImportJobDto> {
  const job = await deps.db.transaction().execute(async (trx) => {
    const cur = await repo.get(trx, id, { forUpdate: true });
    if (!cur) throw new AppError('NOT_FOUND', { message: '导入任务不存在' });
    if (!CANCELLABLE.includes(cur.status)) throw new AppError('ACTION_NOT_ALLOWED', { message: '该导入任务已结束，不能取消' });
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable('patentImportJobs')
      .set({ status: 'cancelled', finishedAt: now, message: cur.status === 'running' ? '已取消，正在停止…' : '已取消' })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'patentImport.cancel', entityType: 'patentImportJob', entityId: id, before: { status: cur.status }, after: { status: 'cancelled' } });
    return (await repo.get(trx, id))!;
  });
  return present(deps, ctx, job);
}

// ---------------------------------------------------------------------------------------------------------------
// error report and template
// ---------------------------------------------------------------------------------------------------------------

/**
 * The error report of a job: the stored .xlsx written by the runner (with 申请号 and 专利名称 of each row), or, while the
 * job runs or after a failure, one built now from the error rows kept so far.
 */
export async function openPatentImportErrors(deps: Deps, _ctx: Ctx, id: number): Promise<{ stream: Readable; fileName: string }> {
  const job = await repo.get(deps.db, id);
  if (!job) throw new AppError('NOT_FOUND', { message: '导入任务不存在' });
  const fileName = `专利导入错误报告（任务${job.id}）.xlsx`;
  if (job.errorFileId !== null) {
    const f = await repo.fileById(deps.db, job.errorFileId);
    if (f) return { stream: deps.files.open(f.sha256), fileName };
  }
  if (job.rowsFailed === 0) throw new AppError('NOT_FOUND', { message: '该导入任务没有错误记录' });
  const out = new PassThrough();
  const writer = new ErrorReportWriter(out, job.fileName);
  void (async () => {
    const page = 5000;
    for (let offset = 0; ; offset += page) {
      const rows = await repo.errorsPage(deps.db, id, offset, page);
      for (const r of rows) writer.add(r.rowNo, r.columnName, r.reason, null, null);
      if (rows.length < page) break;
    }
    await writer.finish(job.rowsFailed > 0 && job.status === 'running' ? '导入仍在进行，此报告仅含目前已发现的错误' : null);
  })().catch((err) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return { stream: out, fileName };
}

interface TemplateColumn {
  field: PatentImportField;
  required: string;
  width: number;
  help: string;
}

/** The columns of the standard layout, in the order of the usual Chinese export, with what each accepts. */
const TEMPLATE_COLUMNS: TemplateColumn[] = [
  { field: 'appNo', required: '与公开（公告）号至少填一项', width: 22, help: '如 CN202223220665.2、202223220665.2 或 ZL202223220665.2；同一申请号重复导入时更新原记录' },
  { field: 'appDate', required: '选填', width: 14, help: '如 2022-12-02、20221202、2022/12/2 或 2022年12月2日；也可为 Excel 日期' },
  { field: 'pubNo', required: '与申请号至少填一项', width: 18, help: '如 CN218751475U；无申请号时以公开（公告）号识别同一件专利' },
  { field: 'pubDate', required: '选填', width: 14, help: '日期，格式同申请日' },
  { field: 'grantNo', required: '选填', width: 18, help: '如 CN218751475U' },
  { field: 'grantDate', required: '选填', width: 14, help: '日期，格式同申请日；有授权公告日的计为已授权' },
  { field: 'patentType', required: '选填', width: 12, help: '发明、发明专利、发明授权、实用新型或外观设计；不填时由申请号或公开号判断' },
  { field: 'title', required: '必填', width: 36, help: '专利名称' },
  { field: 'abstract', required: '选填', width: 50, help: '摘要，用于全文检索和产业分类中的关键词判断' },
  { field: 'applicants', required: '选填', width: 30, help: '多个申请人用分号（;或；）、逗号或顿号分隔，第一个为第一申请人' },
  { field: 'applicantAddress', required: '选填', width: 36, help: '第一申请人地址，如 山东省泰安市泰山区……；用于确定所属市、县' },
  { field: 'provinceCode', required: '选填', width: 10, help: '如 37 或 山东；地址无法识别时用于确定所属省份' },
  { field: 'mainIpc', required: '选填', width: 16, help: '如 H01M10/0525；不填时取分类号的第一个' },
  { field: 'ipcCodes', required: '选填', width: 30, help: '多个分类号用分号分隔，如 H01M10/0525;H01M4/36' },
  { field: 'legalStatus', required: '选填', width: 14, help: '如 有效、有权-审定授权、失效、权利终止、审中、实质审查；原文保留' },
  { field: 'inventors', required: '选填', width: 24, help: '多个发明人用分号分隔' },
  { field: 'agency', required: '选填', width: 24, help: '专利代理机构名称' },
  { field: 'foreignFamilyGranted', required: '选填', width: 12, help: '是 / 否：在海外有获授权的同族专利（高价值发明专利第二类）' },
  { field: 'pledgeAmount', required: '选填', width: 14, help: '质押融资金额，单位万元，如 1200（高价值发明专利第四类）' },
];

/** The import template: the header row of the standard layout and a 填写说明 sheet. */
export async function buildPatentImportTemplate(deps: Deps): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '知识产权一体化综合服务平台';
  wb.created = deps.clock.now();
  const ws = wb.addWorksheet('专利数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: PATENT_FIELD_LABELS[c.field], key: c.field, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true, name: '宋体', size: 11 };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 24;
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    const required = c.required !== '选填';
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    if (required) cell.font = { bold: true, name: '宋体', size: 11, color: { argb: 'FFC00000' } };
    cell.note = `${c.required}。${c.help}`;
  });
  // Numbers such as 申请号 must stay text, or Excel turns them into 2.02223E+12.
  for (const f of ['appNo', 'pubNo', 'grantNo', 'provinceCode'] as const) ws.getColumn(f).numFmt = '@';

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 22 }, { width: 26 }, { width: 90 }];
  help.addRow(['专利数据导入填写说明']).font = { bold: true, size: 14 };
  help.addRow(['1. 可直接导入专利数据库导出的 CSV（UTF-8 或 GBK/GB18030 编码）或 .xlsx 文件，列名不必与本模板完全一致，上传后可逐列确认对应关系。']);
  help.addRow(['2. 第一行为列标题，其后每行一件专利；只读取第一个工作表。']);
  help.addRow(['3. 以申请号识别同一件专利（无申请号时以公开（公告）号），重复导入时更新原记录，不会重复。']);
  help.addRow(['4. 有错误的行不导入，其余行照常导入；导入完成后可下载错误报告（行号、列名、原因），修改后重新导入。']);
  help.addRow(['5. 不支持 Excel 97-2003（.xls）格式，请先另存为 .xlsx 或 .csv。']);
  help.addRow([]);
  help.addRow(['列', '是否必填', '格式与说明']).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) help.addRow([PATENT_FIELD_LABELS[c.field], c.required, c.help]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
