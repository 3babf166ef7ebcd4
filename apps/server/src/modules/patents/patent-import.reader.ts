/**
 * Streaming readers of patent export files (CSV in UTF-8 or GB18030, XLSX). A row is yielded as soon as it is parsed,
 * so a 1M-row file never sits in memory: the CSV path is source → (iconv-lite) → csv-parse, the XLSX path
 * lib/xlsx-stream (the first sheet, inflated and parsed as it streams). Row numbers are the file's own (the header is row 1), which is
 * what the user sees in Excel and what the error report cites.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { parse as csvParse } from 'csv-parse';
import iconv from 'iconv-lite';
import { XlsxFormatError, readFirstSheet, type XlsxValue } from '../../lib/xlsx-stream';

export type ImportCell = string | number | Date | null;
export interface ImportRow {
  /** 1-based row number in the file (header = 1). */
  rowNo: number;
  cells: ImportCell[];
  /** Bytes of the (stored, compressed for XLSX) file consumed so far: the progress numerator. */
  bytesRead: number;
}
export type ImportFormat = 'csv' | 'xlsx';
export type ImportEncoding = 'utf-8' | 'gb18030';

/** Bytes sampled to decide the encoding of a CSV. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/** Thrown for a file the readers cannot understand; the message is Chinese and shown to the user. */
export class ImportFileError extends Error {}

/**
 * UTF-8 (with or without BOM) versus GB18030 (GBK and GB2312 are subsets), from the first 64 KB: a BOM decides;
 * otherwise the sample is UTF-8 when it decodes strictly (a multi-byte character cut at the sample's end is allowed),
 * and GB18030 when it does not. Chinese text in GBK is practically never valid UTF-8.
 */
export function detectEncoding(sample: Buffer): ImportEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  try {
    // stream: true keeps an incomplete trailing sequence pending instead of failing on it.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** What the first bytes say about the upload: a format we read, or the Chinese reason it is refused. */
export function sniffFormat(head: Buffer, fileName: string): { format: ImportFormat } | { refused: string } {
  const name = fileName.toLowerCase();
  if (head.length === 0) return { refused: '文件为空' };
  // Office 97-2003 compound file (.xls): exceljs cannot read it.
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return { refused: '不支持 Excel 97-2003 工作簿（.xls），请在 Excel 中另存为 .xlsx 或 .csv 后再导入' };
  }
  // A zip container: an .xlsx (its parts are checked when the preview is read).
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (name.endsWith('.xlsx') || head.includes('xl/')) return { format: 'xlsx' };
    return { refused: '只能导入 .csv 或 .xlsx 文件' };
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { refused: '该文件为 UTF-16 编码（Excel“Unicode 文本”），请另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入' };
  }
  // Text: no NUL bytes and no other control characters than tab, CR, LF, ESC, FF.
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27)) return { refused: '只能导入 .csv 或 .xlsx 文件' };
  }
  if (name.endsWith('.xls')) return { refused: '不支持 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入' };
  if (!name.endsWith('.csv') && !name.endsWith('.txt')) return { refused: '只能导入 .csv 或 .xlsx 文件' };
  return { format: 'csv' };
}

/** A cell as display text (preview, error report): dates as YYYY-MM-DD, integers without exponent. */
export function cellText(c: ImportCell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return c;
}

/** True when every cell is empty (such rows are skipped, their numbers kept). */
export function isBlankRow(cells: ImportCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Reads a whole file row by row. The caller may stop early (break): the source stream is destroyed. */
export function readRows(stream: Readable, format: ImportFormat, encoding: string | null): AsyncGenerator<ImportRow> {
  return format === 'csv' ? readCsv(stream, encoding === 'gb18030' ? 'gb18030' : 'utf-8') : readXlsx(stream);
}

async function* readCsv(source: Readable, encoding: ImportEncoding): AsyncGenerator<ImportRow> {
  let bytesRead = 0;
  source.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length;
  });
  const parser = csvParse({
    bom: true,
    relax_column_count: true,
    // A stray quote inside an unquoted field (常见于 名称含英寸符号) is kept as text instead of failing the file.
    relax_quotes: true,
    skip_empty_lines: false,
    trim: false,
  });
  // pipeline destroys every stage on an error, so a read or parse error surfaces in the loop below.
  if (encoding === 'gb18030') pipeline(source, iconv.decodeStream('gb18030'), parser, () => {});
  else pipeline(source, utf8Decoder(), parser, () => {});
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      const cells: ImportCell[] = record.map((v) => {
        const s = v.trim();
        return s === '' ? null : s;
      });
      yield { rowNo, cells, bytesRead };
    }
  } catch (err) {
    throw csvError(err, rowNo + 1);
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** UTF-8 bytes → text with multi-byte characters kept whole across chunk boundaries (csv-parse gets strings). */
function utf8Decoder() {
  const decoder = new StringDecoder('utf8');
  return async function* (src: AsyncIterable<Buffer>) {
    for await (const chunk of src) {
      const s = decoder.write(chunk);
      if (s) yield s;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  };
}

function csvError(err: unknown, rowNo: number): Error {
  const code = (err as { code?: string } | null)?.code ?? '';
  const line = (err as { lines?: number } | null)?.lines;
  if (code.startsWith('CSV_')) {
    const where = line ? `第 ${line} 行附近` : `第 ${rowNo} 行附近`;
    if (code === 'CSV_QUOTE_NOT_CLOSED') return new ImportFileError(`文件${where}有未闭合的引号，文件可能不完整，请检查后重新导出`);
    return new ImportFileError(`文件${where}的 CSV 格式有误（引号或分隔符不正确），请检查后重新导出`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function xlsxCell(v: XlsxValue): ImportCell {
  if (v === null) return null;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

async function* readXlsx(source: Readable): AsyncGenerator<ImportRow> {
  // The xlsx reader needs random access (the zip's central directory): a file from the local store is read where it lies,
  // any other stream is spooled to a temporary file first.
  const own = source instanceof fs.ReadStream && typeof source.path === 'string' ? source.path : null;
  let path = own;
  let size = 0;
  try {
    if (path) source.destroy();
    else {
      path = nodePath.join(os.tmpdir(), `zhichan-import-${crypto.randomUUID()}.xlsx`);
      await pipelineAsync(source, fs.createWriteStream(path));
    }
    size = fs.statSync(path).size;
    for await (const row of readFirstSheet(path)) {
      const cells: ImportCell[] = new Array(row.values.length);
      for (let i = 0; i < row.values.length; i++) cells[i] = xlsxCell(row.values[i]);
      yield { rowNo: row.rowNo, cells, bytesRead: Math.round(size * row.progress) };
    }
  } catch (err) {
    if (err instanceof XlsxFormatError) throw new ImportFileError(err.message);
    throw err;
  } finally {
    source.destroy();
    if (path && !own) fs.rmSync(path, { force: true });
  }
}
