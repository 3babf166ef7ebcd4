/**
 * Batch import of leads from Excel (exceljs; user-expectations §1.4: templates with dictionary dropdowns, two-way
 * label↔code mapping, row- and cell-level error reports). Idempotent by source + external id: a row whose source and
 * 来源编号 were imported before (or earlier in the same file) is reported as 已存在 and nothing is changed.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CreateLeadInput,
  IP_TYPES,
  LEAD_KINDS,
  LEAD_SOURCES,
  MANUAL_LEAD_SOURCES,
  isIsoDate,
  type LeadImportResultDto,
} from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { leadsRepository as repo } from './leads.repository';
import { insertImportedLeads } from './leads.service';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Data rows accepted in one file (one transaction). */
export const IMPORT_MAX_ROWS = 2000;
const SHEET = '线索';

interface Column {
  key: string;
  title: string;
  required: boolean;
  width: number;
  /** Chinese labels → codes for a dropdown column. */
  list?: Record<string, string>;
  help: string;
}

const invert = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k]));
const SOURCE_LABELS = invert(Object.fromEntries(MANUAL_LEAD_SOURCES.map((s) => [s, LEAD_SOURCES[s]])));
const KIND_LABELS = invert(LEAD_KINDS);
const IP_LABELS = invert(IP_TYPES);
const YES_NO = { 是: 'true', 否: 'false' };

export const IMPORT_COLUMNS: Column[] = [
  { key: 'source', title: '来源', required: true, width: 14, list: SOURCE_LABELS, help: '从下拉列表选择' },
  { key: 'externalId', title: '来源编号', required: true, width: 22, help: '来源系统中的编号（12315 登记号、省平台线索号等）；同一来源同一编号只导入一次' },
  { key: 'kind', title: '类型', required: true, width: 10, list: KIND_LABELS, help: '投诉：受理、调解；举报、其他线索：核查、立案决定' },
  { key: 'ipType', title: '知识产权类型', required: true, width: 14, list: IP_LABELS, help: '从下拉列表选择' },
  { key: 'title', title: '标题', required: true, width: 30, help: '案由摘要，4 至 200 个字' },
  { key: 'facts', title: '线索内容', required: true, width: 50, help: '至少 10 个字' },
  { key: 'respondentName', title: '被投诉（举报）人名称', required: true, width: 28, help: '企业名称、店铺名称或个人姓名' },
  { key: 'respondentUscc', title: '统一社会信用代码', required: false, width: 22, help: '18 位，含校验码；个人可不填' },
  { key: 'respondentAddress', title: '地址', required: false, width: 30, help: '' },
  { key: 'respondentRegionCode', title: '所在区划代码', required: false, width: 14, help: '6 位县级或 9 位乡镇区划代码（见下方代码表），用于建议承办的县级局' },
  { key: 'informantName', title: '投诉人（举报人）姓名', required: false, width: 16, help: '投诉、实名举报必填' },
  { key: 'informantPhone', title: '联系电话', required: false, width: 16, help: '投诉必填；手机号或带区号的固定电话' },
  { key: 'realName', title: '是否实名', required: false, width: 10, list: YES_NO, help: '是：立案与否决定后五个工作日内告知举报人（暂行办法 第三十一条）；不填视为否' },
  { key: 'receivedOn', title: '收到日期', required: true, width: 14, help: '格式 2026-11-20；受理、核查期限自次日起算' },
];

/** zod issue path → the template column it came from. */
function columnOfPath(path: readonly PropertyKey[]): Column {
  const p = path.map(String);
  const key =
    p[0] === 'respondent' ? `respondent${(p[1] ?? 'name').replace(/^./, (c) => c.toUpperCase())}`
      : p[0] === 'informant' ? `informant${(p[1] ?? 'name').replace(/^./, (c) => c.toUpperCase())}`
        : p[0]!;
  return IMPORT_COLUMNS.find((c) => c.key === key) ?? IMPORT_COLUMNS.find((c) => c.key === 'title')!;
}

// ---------------------------------------------------------------------------------------------------------------
// template
// ---------------------------------------------------------------------------------------------------------------

/** The import template: the 线索 sheet with dropdowns, and a 填写说明 sheet with the columns and the code lists. */
export async function buildImportTemplate(deps: Deps): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '知识产权一体化综合服务平台';
  wb.created = deps.clock.now();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true, name: '宋体', size: 11 };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 24;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    if (c.required) cell.font = { bold: true, name: '宋体', size: 11, color: { argb: 'FFC00000' } };
    cell.note = `${c.required ? '必填。' : '选填。'}${c.help}`;
  });
  // Dropdowns from the code lists (user-expectations §1.4: dictionary dropdowns in templates).
  for (let r = 2; r <= 1001; r++) {
    IMPORT_COLUMNS.forEach((c, i) => {
      if (c.list) {
        ws.getCell(r, i + 1).dataValidation = {
          type: 'list', allowBlank: !c.required, formulae: [`"${Object.keys(c.list).join(',')}"`],
          showErrorMessage: true, errorTitle: '请从下拉列表选择', error: `${c.title}应为：${Object.keys(c.list).join('、')}`,
        };
      }
      if (c.key === 'receivedOn' || c.key === 'externalId' || c.key === 'respondentRegionCode' || c.key === 'informantPhone' || c.key === 'respondentUscc') {
        ws.getCell(r, i + 1).numFmt = '@';
      }
    });
  }

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 24 }, { width: 10 }, { width: 90 }];
  help.addRow(['线索批量导入填写说明']).font = { bold: true, size: 14 };
  help.addRow(['1. 在“线索”工作表中每行填写一条线索，第一行为列标题，请勿修改或删除。']);
  help.addRow(['2. 红色标题为必填项；带下拉列表的列请从列表中选择。']);
  help.addRow(['3. 同一来源、同一来源编号的线索只导入一次，重复导入的行显示为“已存在”，不会重复登记。']);
  help.addRow(['4. 导入后有错误的行不会导入，可下载错误报告，按提示修改后重新导入。']);
  help.addRow([]);
  help.addRow(['列', '是否必填', '说明']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.title, c.required ? '必填' : '选填', c.help]);
  help.addRow([]);
  const lists: [string, string[]][] = [
    ['来源', Object.keys(SOURCE_LABELS)],
    ['类型', Object.keys(KIND_LABELS)],
    ['知识产权类型', Object.keys(IP_LABELS)],
    ['是否实名', Object.keys(YES_NO)],
  ];
  help.addRow(['代码表', '', '']).font = { bold: true };
  for (const [t, vals] of lists) help.addRow([t, '', vals.join('、')]);
  help.addRow([]);
  help.addRow(['所在区划代码', '', '本市县级区划代码（乡镇可填 9 位代码）']).font = { bold: true };
  const intake = await repo.intakeUnit(deps.db);
  if (intake) {
    for (const county of await repo.countyBureausUnder(deps.db, intake.path)) {
      for (const code of county.regionCodes) help.addRow([code, '', `${(await repo.regionName(deps.db, code)) ?? ''}（${county.name}）`]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------------------------------------------

/** A cell as text: rich text joined, formulas by their result, dates as YYYY-MM-DD, numbers without exponent. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text ?? '').trim();
  }
  return String(v).trim();
}

/** 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日 → 2026-11-20; anything else is returned as given (and fails). */
function normalizeDate(s: string): string {
  const m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

interface ParsedRow {
  row: number;
  cells: Record<string, string>;
}

export async function readImportFile(buf: Buffer): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', { message: '无法读取文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）', details: [{ path: 'body.file', message: '文件不是有效的 .xlsx 文件' }] });
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION_FAILED', { message: '文件中没有工作表', details: [{ path: 'body.file', message: '文件中没有工作表' }] });
  const header = ws.getRow(1);
  const colOf = new Map<string, number>();
  header.eachCell((cell, col) => {
    const t = cellText(cell.value).replace(/[*＊]|（必填）|\(必填\)/g, '').trim();
    const c = IMPORT_COLUMNS.find((x) => x.title === t);
    if (c && !colOf.has(c.key)) colOf.set(c.key, col);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !colOf.has(c.key)).map((c) => c.title);
  if (missing.length > 0) {
    const message = `缺少列：${missing.join('、')}。请使用导入模板，不要修改第一行的列标题`;
    throw new AppError('VALIDATION_FAILED', { message, details: [{ path: 'body.file', message }] });
  }
  const rows: ParsedRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    for (const [key, col] of colOf) cells[key] = cellText(row.getCell(col).value);
    if (Object.values(cells).every((v) => v === '')) continue;
    rows.push({ row: r, cells });
    if (rows.length > IMPORT_MAX_ROWS) {
      const message = `一次最多导入 ${IMPORT_MAX_ROWS} 行，请分批导入`;
      throw new AppError('VALIDATION_FAILED', { message, details: [{ path: 'body.file', message }] });
    }
  }
  return rows;
}

interface RowError {
  row: number;
  column: string;
  message: string;
}

/** One row → CreateLeadInput, or its errors by column (labels mapped to codes, then the same schema as the form). */
function validateRow(r: ParsedRow, today: string): { input?: CreateLeadInput; errors: RowError[] } {
  const errors: RowError[] = [];
  const c = r.cells;
  const err = (key: string, message: string) => errors.push({ row: r.row, column: IMPORT_COLUMNS.find((x) => x.key === key)!.title, message });
  const coded = (key: string): string | undefined => {
    const col = IMPORT_COLUMNS.find((x) => x.key === key)!;
    const v = c[key] ?? '';
    if (v === '') return undefined;
    const code = col.list![v] ?? (Object.values(col.list!).includes(v) ? v : undefined);
    if (code === undefined) err(key, `“${v}”不是有效的${col.title}，应为：${Object.keys(col.list!).join('、')}`);
    return code;
  };
  for (const col of IMPORT_COLUMNS) if (col.required && !c[col.key]) err(col.key, `${col.title}不能为空`);
  const source = coded('source');
  const kind = coded('kind');
  const ipType = coded('ipType');
  const realName = coded('realName');
  const receivedOn = c.receivedOn ? normalizeDate(c.receivedOn) : '';
  if (receivedOn && !isIsoDate(receivedOn)) err('receivedOn', `“${c.receivedOn}”不是有效日期，格式应为 2026-11-20`);
  else if (receivedOn > today) err('receivedOn', '收到日期不能晚于今天');
  if (errors.length > 0) return { errors };
  const raw = {
    kind, source, ipType,
    externalId: c.externalId,
    title: c.title,
    facts: c.facts,
    respondent: { name: c.respondentName, uscc: c.respondentUscc || null, address: c.respondentAddress || null, regionCode: c.respondentRegionCode || null },
    informant: c.informantName || c.informantPhone ? { name: c.informantName ?? '', phone: c.informantPhone || null } : null,
    realName: realName === 'true',
    receivedOn,
  };
  const parsed = CreateLeadInput.safeParse(raw);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const col = columnOfPath(issue.path);
      if (seen.has(col.key)) continue;
      seen.add(col.key);
      errors.push({ row: r.row, column: col.title, message: issue.message });
    }
    return { errors };
  }
  return { input: parsed.data, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// import
// ---------------------------------------------------------------------------------------------------------------

/**
 * Validates every row (schema, credit code check character, region code in the division list, dates, codes by their
 * Chinese labels), imports the valid new ones in one transaction, reports 已存在 and errors by row and column, and stores
 * an error report (the bad rows with the bad cells marked) for the importer to download.
 */
export async function importLeads(deps: Deps, ctx: Ctx, buf: Buffer, fileName: string): Promise<LeadImportResultDto> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  const parsed = await readImportFile(buf);
  const today = chinaDate(deps.clock.now());
  const errors: RowError[] = [];
  const valid: { row: number; input: CreateLeadInput }[] = [];
  for (const r of parsed) {
    const v = validateRow(r, today);
    if (v.input) valid.push({ row: r.row, input: v.input });
    errors.push(...v.errors);
  }
  // Region codes against the division list, in one query.
  const regions = await repo.existingRegions(deps.db, valid.flatMap((v) => (v.input.respondent.regionCode ? [v.input.respondent.regionCode] : [])));
  const checked = valid.filter((v) => {
    const code = v.input.respondent.regionCode;
    if (code && !regions.has(code)) {
      errors.push({ row: v.row, column: '所在区划代码', message: `区划代码 ${code} 不在行政区划代码表中` });
      return false;
    }
    return true;
  });

  const result = await deps.db.transaction().execute(async (trx) => {
    const prior = await repo.unsafeBySourceExternals(trx, checked.map((v) => ({ source: v.input.source, externalId: v.input.externalId! })));
    const known = new Map(prior.map((l) => [`${l.source}\u0000${l.externalId}`, { id: l.id, leadNo: l.leadNo }]));
    const existing: (LeadImportResultDto['existing'][number] & { key?: string })[] = [];
    const fresh: { row: number; input: CreateLeadInput }[] = [];
    const firstRowOf = new Map<string, number>();
    for (const v of checked) {
      const key = `${v.input.source}\u0000${v.input.externalId}`;
      const hit = known.get(key);
      if (hit) existing.push({ row: v.row, externalId: v.input.externalId!, ...hit });
      else if (firstRowOf.has(key)) existing.push({ row: v.row, externalId: v.input.externalId!, id: 0, leadNo: '', key });
      else {
        firstRowOf.set(key, v.row);
        fresh.push(v);
      }
    }
    const imported = await insertImportedLeads(trx, deps, ctx, fresh);
    // A repeated row in the same file points to the lead its first occurrence created.
    const byRow = new Map(imported.map((i) => [i.row, i]));
    for (const e of existing) {
      if (!e.key) continue;
      const first = byRow.get(firstRowOf.get(e.key)!);
      if (first) Object.assign(e, { id: first.id, leadNo: first.leadNo });
      delete e.key;
    }
    await writeAudit(trx, deps.clock, ctx, {
      action: 'lead.import', entityType: 'lead', entityId: null,
      after: { fileName, rows: parsed.length, imported: imported.length, existing: existing.length, errors: errors.length, leadNos: imported.map((i) => i.leadNo) },
    });
    return { imported, existing };
  });

  errors.sort((a, b) => a.row - b.row);
  const errorReportFileId = errors.length > 0 ? await storeErrorReport(deps, actor.userId, parsed, errors) : null;
  return { total: parsed.length, imported: result.imported, existing: result.existing.sort((a, b) => a.row - b.row), errors, errorReportFileId };
}

/** The bad rows as they were sent, the bad cells marked in red with the reason as a note, and a 错误说明 column. */
export async function buildErrorReport(rows: ParsedRow[], errors: RowError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '原行号', key: '_row', width: 8 },
    ...IMPORT_COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.width })),
    { header: '错误说明', key: '_errors', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  for (const r of rows) {
    const errs = byRow.get(r.row);
    if (!errs) continue;
    const line = ws.addRow({ _row: r.row, ...r.cells, _errors: errs.map((e) => `${e.column}：${e.message}`).join('；') });
    for (const e of errs) {
      const idx = IMPORT_COLUMNS.findIndex((c) => c.title === e.column);
      if (idx < 0) continue;
      const cell = line.getCell(idx + 2);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      cell.note = e.message;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Stores the error report as a file only the importer can download (owner 'leadImport', the user's id). */
async function storeErrorReport(deps: Deps, userId: number, rows: ParsedRow[], errors: RowError[]): Promise<number> {
  const buf = await buildErrorReport(rows, errors);
  const { sha256, size } = await deps.files.put(Readable.from([buf]));
  const stamp = chinaDate(deps.clock.now()).replace(/-/g, '');
  const row = await deps.db
    .insertInto('files')
    .values({ sha256, size, mime: XLSX_MIME, originalName: `线索导入错误报告-${stamp}.xlsx`, ownerType: 'leadImport', ownerId: String(userId), uploadedBy: userId, createdAt: deps.clock.now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Download check of an error report: only the user who imported. */
export async function importReportReadable(_deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  return !!ctx.actor && ctx.actor.kind === 'staff' && String(ctx.actor.userId) === ownerId && ctx.actor.permissions.has('lead.create');
}
