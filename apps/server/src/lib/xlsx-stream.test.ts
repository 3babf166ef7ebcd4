import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { XlsxFormatError, isDateFormatCode, readFirstSheet, type XlsxRow } from './xlsx-stream';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function save(buf: Buffer | Uint8Array): string {
  const p = path.join(dir, `${++n}.xlsx`);
  fs.writeFileSync(p, buf);
  return p;
}
async function rows(p: string): Promise<XlsxRow[]> {
  const out: XlsxRow[] = [];
  for await (const r of readFirstSheet(p)) out.push(r);
  return out;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`;
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand, part by part, in the given zip order. */
async function handMade(parts: Record<string, string>): Promise<string> {
  const zip = new JSZip();
  for (const [name, xml] of Object.entries(parts)) zip.file(name, xml);
  return save(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

describe('isDateFormatCode', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-F800]dddd, mmmm dd, yyyy', true],
    ['h:mm:ss', true],
    ['[Red]0.00', false],
    ['0.00"m"', false],
    ['"日期"0', false],
    ['General', false],
    ['#,##0;[Red]-#,##0', false],
    ['@', false],
    ['yyyy年m月d日', true],
  ])('%s → %s', (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });
});

describe('readFirstSheet', () => {
  it('reads every workbook exceljs writes with notes and two sheets, every time (the exceljs stream reader failed 1 in ~200)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专利数据', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = Array.from({ length: 11 }, (_, i) => ({ header: `列${i + 1}`, key: `k${i}`, width: 12 }));
    for (let i = 1; i <= 11; i++) ws.getRow(1).getCell(i).note = `必填。说明${i}`;
    ws.getColumn('k0').numFmt = '@';
    wb.addWorksheet('填写说明').addRows(Array.from({ length: 20 }, (_, i) => [`行${i}`, '必填', '说明']));
    const tpl = Buffer.from(await wb.xlsx.writeBuffer());
    for (let i = 0; i < 250; i++) {
      const again = new ExcelJS.Workbook();
      await again.xlsx.load(tpl as unknown as ArrayBuffer);
      again.worksheets[0]!.addRow([String(202310000000 + i * 7919), '2023-05-06', null, null, null, null, '发明专利', '一种按模板填写的专利']);
      const got = await rows(save(Buffer.from(await again.xlsx.writeBuffer())));
      expect(got.map((r) => r.values.length)).toEqual([11, 8]);
      expect(got[1]!.values[0]).toBe(String(202310000000 + i * 7919));
    }
  });

  it('reads inline strings, ISO dates, errors, booleans, phonetic runs, _xHHHH_ escapes, custom date formats and the 1904 date system', async () => {
    const p = await handMade({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': ROOT_RELS,
      // The sheet comes first in the zip, the strings and styles after it, as Excel writes them.
      'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>内联</x:t></x:r><x:r><x:t xml:space="preserve"> 文本</x:t></x:r></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" s="1"><x:v>0</x:v></x:c><x:c r="B3" t="d"><x:v>2023-05-06T00:00:00Z</x:v></x:c><x:c r="C3" t="e"><x:v>#N/A</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c r="E3" t="s"><x:v>1</x:v></x:c></x:row>
<x:row><x:c><x:v>42</x:v></x:c><x:c t="str"><x:f>A4&amp;""</x:f><x:v>42</x:v></x:c><x:c r="F5" s="2"><x:v>1.5</x:v></x:c><x:c r="G5"><x:f>NOW()</x:f></x:c></x:row>
</x:sheetData></x:worksheet>`,
      'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><workbookPr date1904="1"/><sheets><sheet name="数据" sheetId="1" r:id="rId7"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId8" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId9" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>申请号_x000D_</t></si><si><r><t>东京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>`,
      'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="10"/></cellXfs></styleSheet>`,
    });
    const got = await rows(p);
    expect(got.map((r) => r.rowNo)).toEqual([1, 3, 4]);
    expect(got[0]!.values).toEqual(['申请号\r', null, '内联 文本']);
    // Serial 0 in the 1904 system is 1904-01-01.
    expect(got[1]!.values).toEqual([new Date(Date.UTC(1904, 0, 1)), new Date(Date.UTC(2023, 4, 6)), null, true, '东京']);
    // A formula without a cached result is empty; a percentage style is not a date.
    expect(got[2]!.values).toEqual([42, '42', null, null, null, 1.5]);
    expect(got.at(-1)!.progress).toBe(1);
  });

  it('takes the first sheet in tab order, whatever its file is called', async () => {
    const sheet = (text: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const p = await handMade({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': ROOT_RELS,
      'xl/workbook.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="专利" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': sheet('说明页'),
      'xl/worksheets/sheet2.xml': sheet('专利页'),
    });
    expect((await rows(p)).map((r) => r.values)).toEqual([['专利页']]);
  });

  it('stops reading when the caller breaks, and closes the file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    for (let i = 0; i < 5000; i++) ws.addRow([`一种装置${i}`, i]);
    const p = save(Buffer.from(await wb.xlsx.writeBuffer()));
    let seen = 0;
    for await (const r of readFirstSheet(p)) {
      seen++;
      if (r.rowNo === 10) break;
    }
    expect(seen).toBe(10);
    fs.rmSync(p); // an open handle would still be fine on Linux; this checks nothing throws afterwards
  });

  it.each([
    ['not a zip', Buffer.from('PK\x03\x04 not really a zip')],
    ['a zip without a workbook', null],
  ])('refuses %s with a Chinese message', async (_, buf) => {
    const p = buf ? save(buf) : await handMade({ 'readme.txt': '你好' });
    await expect(rows(p)).rejects.toThrow(XlsxFormatError);
    await expect(rows(p)).rejects.toThrow(/Excel 工作簿/);
  });
});
