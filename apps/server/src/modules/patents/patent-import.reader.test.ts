import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportFileError, detectEncoding, readRows, sniffFormat, type ImportRow } from './patent-import.reader';

/** A stream that hands out the bytes in small chunks, so multi-byte characters and quoted fields straddle chunk borders. */
function chunked(buf: Buffer, size = 7): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

async function all(gen: AsyncGenerator<ImportRow>): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

describe('encoding and format detection', () => {
  it('tells UTF-8 (with or without BOM) from GB18030, also when the 64 KB sample cuts a character', () => {
    const text = '申请号,专利名称\nCN202223220665.2,一种无人机机载多功能盒\n';
    expect(detectEncoding(Buffer.from(text))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe('utf-8');
    expect(detectEncoding(iconv.encode(text, 'gb18030'))).toBe('gb18030');
    expect(detectEncoding(iconv.encode('專利名稱,申請人\n', 'gb18030'))).toBe('gb18030');
    // '一' is 3 bytes in UTF-8: a sample ending after its first byte is still UTF-8.
    expect(detectEncoding(Buffer.from('专利').subarray(0, 4))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('plain ascii, 123\n'))).toBe('utf-8');
  });

  it('accepts .csv text and .xlsx zips; refuses .xls, UTF-16 and other files with a Chinese reason', () => {
    expect(sniffFormat(Buffer.from('申请号,专利名称\n'), 'a.csv')).toEqual({ format: 'csv' });
    expect(sniffFormat(iconv.encode('申请号,专利名称\n', 'gb18030'), 'a.CSV')).toEqual({ format: 'csv' });
    expect(sniffFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'a.xlsx')).toEqual({ format: 'xlsx' });
    const xls = sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls');
    expect(xls).toEqual({ refused: expect.stringContaining('另存为 .xlsx 或 .csv') });
    expect(sniffFormat(Buffer.from([0xff, 0xfe, 0x33, 0x75]), 'a.csv')).toEqual({ refused: expect.stringContaining('UTF-16') });
    expect(sniffFormat(Buffer.from('%PDF-1.4\n\x00\x01'), 'a.pdf')).toEqual({ refused: '只能导入 .csv 或 .xlsx 文件' });
    expect(sniffFormat(Buffer.from('申请号\n'), 'a.docx')).toEqual({ refused: '只能导入 .csv 或 .xlsx 文件' });
    expect(sniffFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'a.zip')).toEqual({ refused: '只能导入 .csv 或 .xlsx 文件' });
    expect(sniffFormat(Buffer.alloc(0), 'a.csv')).toEqual({ refused: '文件为空' });
  });
});

describe('CSV reader', () => {
  it('streams records with file row numbers: BOM stripped, quoted commas and line breaks, ragged rows, blanks as null', async () => {
    const text = '\ufeff申请号,专利名称,摘要\n' +
      'CN1,"一种装置，含""引号""",第一行\n' +
      'CN2,"跨行的\n名称"\n' +
      ',,\n' +
      'CN3,一种方法,摘要,多出的一列\n';
    const rows = await all(readRows(chunked(Buffer.from(text)), 'csv', 'utf-8'));
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.cells).toEqual(['申请号', '专利名称', '摘要']);
    expect(rows[1]!.cells).toEqual(['CN1', '一种装置，含"引号"', '第一行']);
    expect(rows[2]!.cells).toEqual(['CN2', '跨行的\n名称']);
    expect(rows[3]!.cells).toEqual([null, null, null]);
    expect(rows[4]!.cells).toEqual(['CN3', '一种方法', '摘要', '多出的一列']);
    expect(rows[4]!.bytesRead).toBe(Buffer.byteLength(text));
  });

  it('decodes GB18030 across chunk borders', async () => {
    const text = '申请号,专利名称,申请人\nCN202223220665.2,一种泰山茶叶揉捻装置,泰安市某某茶业有限公司；山东农业大学\n';
    const rows = await all(readRows(chunked(iconv.encode(text, 'gb18030'), 5), 'csv', 'gb18030'));
    expect(rows[1]!.cells).toEqual(['CN202223220665.2', '一种泰山茶叶揉捻装置', '泰安市某某茶业有限公司；山东农业大学']);
  });

  it('keeps a stray quote inside a field, and reports an unclosed quote with its line in Chinese', async () => {
    const rows = await all(readRows(chunked(Buffer.from('a,b\n12"显示屏,x\n')), 'csv', 'utf-8'));
    expect(rows[1]!.cells).toEqual(['12"显示屏', 'x']);
    await expect(all(readRows(chunked(Buffer.from('a,b\n1,"未闭合\n2,3\n')), 'csv', 'utf-8'))).rejects.toThrow(ImportFileError);
    await expect(all(readRows(chunked(Buffer.from('a,b\n1,"未闭合\n2,3\n')), 'csv', 'utf-8'))).rejects.toThrow(/未闭合的引号/);
  });

  it('stops reading when the caller stops (the source is destroyed)', async () => {
    let pulled = 0;
    const source = Readable.from((function* () {
      yield Buffer.from('a,b\n');
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield Buffer.from(`${i},x\n`);
      }
    })());
    for await (const r of readRows(source, 'csv', 'utf-8')) if (r.rowNo >= 3) break;
    expect(source.destroyed).toBe(true);
    // Read-ahead of the stream buffers only, not the rest of the file.
    expect(pulled).toBeLessThan(10_000);
  });
});

describe('XLSX reader', () => {
  it('reads the first worksheet only, with shared strings, rich text, formula results, dates and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('数据');
    first.addRow(['申请号', '申请日', '专利名称', '金额', '是否']);
    first.addRow(['CN202223220665.2', new Date(Date.UTC(2022, 11, 2)), { richText: [{ text: '一种' }, { text: '装置', font: { bold: true } }] }, 1200.5, true]);
    first.addRow([]);
    first.addRow([2022232206652, { formula: 'TEXT(1,"0")', result: '1' }, '  名称带空格  ', null, false]);
    wb.addWorksheet('说明').addRow(['不读取']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await all(readRows(chunked(buf, 4096), 'xlsx', null));
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 4]);
    expect(rows[1]!.cells).toEqual(['CN202223220665.2', new Date(Date.UTC(2022, 11, 2)), '一种装置', 1200.5, '是']);
    expect(rows[2]!.cells).toEqual([2022232206652, '1', '名称带空格', null, '否']);
    expect(rows.at(-1)!.bytesRead).toBeGreaterThan(0);
  });

  it('reads a file whose sheets come before the shared strings and styles in the zip (as Excel writes them)', async () => {
    // exceljs writes sharedStrings.xml and styles.xml first; Excel writes them after the sheets, and the streaming reader
    // then spools the sheet to a temporary file until the strings are known. Both orders must give the same rows.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专利');
    ws.addRows([['专利名称', '申请日'], ['一种装置', new Date(Date.UTC(2021, 0, 5))], ['一种方法', null]]);
    const src = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const late = ['xl/sharedStrings.xml', 'xl/styles.xml'];
    const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir);
    const out = new JSZip();
    for (const n of [...names.filter((x) => !late.includes(x)), ...late.filter((x) => names.includes(x))]) {
      out.file(n, await src.file(n)!.async('uint8array'));
    }
    const buf = await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const order = Object.keys((await JSZip.loadAsync(buf)).files);
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/sharedStrings.xml'));
    const rows = await all(readRows(Readable.from([buf]), 'xlsx', null));
    expect(rows.map((r) => r.cells)).toEqual([['专利名称', '申请日'], ['一种装置', new Date(Date.UTC(2021, 0, 5))], ['一种方法']]);
  });

  it('refuses what is not a workbook with a Chinese message', async () => {
    await expect(all(readRows(Readable.from([Buffer.from('PK\x03\x04 not really a zip')]), 'xlsx', null))).rejects.toThrow(ImportFileError);
  });
});
