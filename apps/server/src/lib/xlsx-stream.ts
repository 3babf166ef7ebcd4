/**
 * Streaming reader of the first worksheet of an .xlsx file, row by row, for imports of any size.
 *
 * The zip is read by its central directory (yauzl, random access on a local file), so the order of the parts inside the
 * zip does not matter: workbook, relationships, styles and shared strings are read first, then the sheet is inflated
 * and parsed (saxes) as it streams. Only the shared strings are held in memory, as in any xlsx reader.
 *
 * Why not exceljs' stream.xlsx.WorkbookReader: it walks the zip in stream order through unzipper 0.10, whose Parse
 * stream emits 'end' as soon as its input is written, while entries may still be queued. The reader then stops early,
 * now and then (1 in ~200 small files on a loaded machine), and fails with "Cannot read properties of undefined
 * (reading 'sheets')" or reads a sheet without its shared strings.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

export type XlsxValue = string | number | boolean | Date | null;

export interface XlsxRow {
  /** The row number Excel shows (1-based). */
  rowNo: number;
  /** Cell values from column A; a missing cell is null. Strings are as stored (not trimmed). */
  values: XlsxValue[];
  /** Share of the sheet's compressed bytes read so far, 0..1. */
  progress: number;
}

/** The file is not a workbook we can read; the message is Chinese and can be shown to the user. */
export class XlsxFormatError extends Error {}

/**
 * Parts read whole into memory (workbook, relationships, styles, shared strings) larger than this, uncompressed, are
 * refused: a zip bomb, or a workbook better saved as CSV. The sheet itself streams and has no such limit.
 */
const MAX_PART_BYTES = 512 * 1024 * 1024;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

/** Built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30, and the CJK locale ids). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a custom number format code displays a date or time: a d, m, y, h or s outside quotes, escapes and [..]. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs年月日时分秒]/i.test(bare);
}

/** "AB12" → 27 (0-based column of A1-style reference), or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (ST_Xstring), e.g. _x000D_ for a carriage return. */
function unescapeXstring(s: string): string {
  return s.indexOf('_x') === -1 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An Excel serial day number as a UTC Date (1900 or 1904 date system), as exceljs gives it. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Resolves a relationship target against the folder of the part that owns the relationships. */
function resolveTarget(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

class Zip {
  private constructor(
    private readonly file: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(path: string): Promise<Zip> {
    let file: yauzl.ZipFile;
    try {
      file = await yauzl.openPromise(path, { autoClose: false, strictFileNames: false, decodeStrings: true, validateEntrySizes: true });
    } catch {
      throw new XlsxFormatError('文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或不完整');
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const e of file.eachEntry()) entries.set(e.fileName.replace(/^\/+/, '').toLowerCase(), e);
    } catch {
      file.close();
      throw new XlsxFormatError('文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或不完整');
    }
    return new Zip(file, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The part's decompressed text chunks; onRaw gets the number of compressed bytes read with each chunk. */
  async *text(name: string, opts: { maxBytes?: number; onRaw?: (bytes: number, total: number) => void } = {}): AsyncGenerator<string> {
    const { maxBytes, onRaw } = opts;
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new XlsxFormatError(`文件不是有效的 Excel 工作簿（缺少 ${name}）`);
    if (entry.isEncrypted()) throw new XlsxFormatError('文件已加密，请在 Excel 中取消密码保护后另存为 .xlsx 再导入');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new XlsxFormatError('文件使用了不支持的压缩方式，请在 Excel 中另存为 .xlsx 后再导入');
    if (maxBytes !== undefined && entry.uncompressedSize > maxBytes) throw new XlsxFormatError('工作簿的共享字符串或样式过大，请在 Excel 中另存为 CSV（UTF-8）后再导入');
    const raw = await this.file.openReadStreamPromise(entry, { decodeFileData: false });
    const total = entry.compressedSize;
    if (onRaw) raw.on('data', (chunk: Buffer) => onRaw(chunk.length, total));
    const inflated: Readable = entry.compressionMethod === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
    raw.on('error', (err) => inflated.destroy(err));
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of inflated) {
        const s = decoder.write(chunk as Buffer);
        if (s) yield s;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    } catch (err) {
      if (err instanceof XlsxFormatError) throw err;
      throw new XlsxFormatError(`文件中的 ${name} 无法解压，文件可能已损坏`);
    } finally {
      raw.destroy();
      inflated.destroy();
    }
  }

  close(): void {
    this.file.close();
  }
}

/** Parses a whole (small) part with saxes, calling the handlers as elements open and close. */
async function parsePart(
  zip: Zip,
  name: string,
  handlers: { open?: (tag: { name: string; attributes: Record<string, string> }) => void; close?: (name: string) => void; text?: (t: string) => void },
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  if (handlers.open) parser.on('opentag', (t) => handlers.open!({ name: t.name, attributes: t.attributes as Record<string, string> }));
  if (handlers.close) parser.on('closetag', (t) => handlers.close!(t.name));
  if (handlers.text) parser.on('text', handlers.text);
  try {
    for await (const s of zip.text(name, { maxBytes: MAX_PART_BYTES })) parser.write(s);
    parser.close();
  } catch (err) {
    if (err instanceof XlsxFormatError) throw err;
    throw new XlsxFormatError(`文件中的 ${name} 格式有误，请在 Excel 中另存为 .xlsx 后再导入`);
  }
}

/** The local name of a (possibly prefixed) element: "x:row" → "row". */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
};

async function relationships(zip: Zip, relsPath: string, baseDir: string): Promise<{ id: string; type: string; target: string }[]> {
  const out: { id: string; type: string; target: string }[] = [];
  if (!zip.has(relsPath)) return out;
  await parsePart(zip, relsPath, {
    open: (t) => {
      if (local(t.name) === 'Relationship' && t.attributes.Target && t.attributes.TargetMode !== 'External') {
        out.push({ id: t.attributes.Id ?? '', type: t.attributes.Type ?? '', target: resolveTarget(baseDir, t.attributes.Target) });
      }
    },
  });
  return out;
}

/** Strings of a shared-strings part: the text runs of each <si>, without phonetic runs (<rPh>). */
async function sharedStrings(zip: Zip, name: string): Promise<string[]> {
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  await parsePart(zip, name, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'si') {
        inSi = true;
        cur = '';
      } else if (n === 'rPh') phonetic++;
      else if (n === 't' && inSi && phonetic === 0) inT = true;
    },
    close: (name) => {
      const n = local(name);
      if (n === 'si') {
        out.push(unescapeXstring(cur));
        inSi = false;
      } else if (n === 'rPh') phonetic--;
      else if (n === 't') inT = false;
    },
    text: (s) => {
      if (inT) cur += s;
    },
  });
  return out;
}

/** For each cell style (xf index), whether its number format shows a date. */
async function dateStyles(zip: Zip, name: string): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  const xfNumFmt: number[] = [];
  await parsePart(zip, name, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'numFmt') custom.set(Number(t.attributes.numFmtId), t.attributes.formatCode ?? '');
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) xfNumFmt.push(Number(t.attributes.numFmtId ?? 0));
    },
    close: (name) => {
      if (local(name) === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of xfNumFmt) {
    const code = custom.get(id);
    styles.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return styles;
}

interface Book {
  sheetPath: string;
  date1904: boolean;
  strings: string[];
  dates: boolean[];
}

async function readBook(zip: Zip): Promise<Book> {
  const root = await relationships(zip, '_rels/.rels', '');
  const workbookPath = root.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!zip.has(workbookPath)) throw new XlsxFormatError('文件不是有效的 Excel 工作簿（缺少 workbook.xml），请在 Excel 中另存为 .xlsx 后再导入');
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = await relationships(zip, relsPath, baseDir);

  let firstSheetRel: string | null = null;
  let date1904 = false;
  await parsePart(zip, workbookPath, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'workbookPr') date1904 = t.attributes.date1904 === '1' || t.attributes.date1904 === 'true';
      else if (n === 'sheet' && firstSheetRel === null) {
        // The relationship id is r:id (any prefix bound to the relationships namespace); sheetId is something else.
        const id = Object.entries(t.attributes).find(([k]) => k.endsWith(':id'))?.[1];
        firstSheetRel = id ?? '';
      }
    },
  });
  if (firstSheetRel === null) throw new XlsxFormatError('文件中没有工作表');
  const sheetPath = rels.find((r) => r.id === firstSheetRel)?.target;
  if (!sheetPath || !zip.has(sheetPath)) throw new XlsxFormatError('文件不是有效的 Excel 工作簿（找不到第一个工作表），请在 Excel 中另存为 .xlsx 后再导入');

  const ssPath = rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target ?? `${baseDir}sharedStrings.xml`;
  const stylesPath = rels.find((r) => REL_STYLES.test(r.type))?.target ?? `${baseDir}styles.xml`;
  const strings = zip.has(ssPath) ? await sharedStrings(zip, ssPath) : [];
  const dates = zip.has(stylesPath) ? await dateStyles(zip, stylesPath) : [];
  return { sheetPath, date1904, strings, dates };
}

/**
 * The rows of the workbook's first sheet (the first in the workbook's tab order), in file order. Empty rows that are not
 * written in the file are not yielded. The caller may stop early (break): the file is closed.
 */
export async function* readFirstSheet(path: string): AsyncGenerator<XlsxRow> {
  const zip = await Zip.open(path);
  try {
    const book = await readBook(zip);
    let rawRead = 0;
    let rawTotal = 1;
    const ready: XlsxRow[] = [];

    let rowNo = 0;
    let values: XlsxValue[] = [];
    let col = -1;
    let cellType = 'n';
    let cellStyle = 0;
    let text = '';
    let inV = false;
    let inIs = false;
    let inT = false;
    let phonetic = 0;
    let inlineText = '';
    let hasValue = false;

    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on('opentag', (t) => {
      const n = local(t.name);
      const a = t.attributes as Record<string, string>;
      switch (n) {
        case 'row':
          rowNo = a.r ? Number(a.r) : rowNo + 1;
          values = [];
          col = -1;
          break;
        case 'c': {
          const c = a.r ? columnOf(a.r) : -1;
          col = c >= 0 ? c : col + 1;
          cellType = a.t ?? 'n';
          cellStyle = a.s ? Number(a.s) : 0;
          text = '';
          inlineText = '';
          hasValue = false;
          break;
        }
        case 'v':
          inV = true;
          text = '';
          hasValue = true;
          break;
        case 'is':
          inIs = true;
          inlineText = '';
          hasValue = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inIs && phonetic === 0) inT = true;
          break;
      }
    });
    parser.on('text', (s) => {
      if (inV) text += s;
      else if (inT) inlineText += s;
    });
    parser.on('closetag', (t) => {
      const n = local(t.name);
      switch (n) {
        case 'v':
          inV = false;
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inIs = false;
          break;
        case 'c':
          if (hasValue && col >= 0) {
            while (values.length < col) values.push(null);
            values[col] = cellValue(cellType, cellStyle, text, inlineText, book);
          }
          break;
        case 'row':
          while (values.length > 0 && values[values.length - 1] === null) values.pop();
          ready.push({ rowNo, values, progress: Math.min(1, rawRead / rawTotal) });
          break;
      }
    });

    try {
      const onRaw = (bytes: number, total: number) => {
        rawRead += bytes;
        rawTotal = total || 1;
      };
      for await (const s of zip.text(book.sheetPath, { onRaw })) {
        parser.write(s);
        while (ready.length > 0) yield ready.shift()!;
      }
      parser.close();
    } catch (err) {
      if (err instanceof XlsxFormatError) throw err;
      throw new XlsxFormatError(`工作表格式有误（${err instanceof Error ? err.message.slice(0, 80) : '无法解析'}），请在 Excel 中另存为 .xlsx 后再导入`);
    }
    while (ready.length > 0) yield ready.shift()!;
  } finally {
    zip.close();
  }
}

function cellValue(type: string, style: number, v: string, inline: string, book: Book): XlsxValue {
  switch (type) {
    case 's': {
      const s = book.strings[Number(v)];
      return s === undefined ? null : s;
    }
    case 'inlineStr':
      return unescapeXstring(inline);
    case 'str':
      return unescapeXstring(v);
    case 'b':
      return v.trim() === '1' || v.trim() === 'true';
    case 'e':
      return null;
    case 'd': {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default: {
      if (v.trim() === '') return null;
      const num = Number(v);
      if (!Number.isFinite(num)) return null;
      return book.dates[style] ? excelDate(num, book.date1904) : num;
    }
  }
}
