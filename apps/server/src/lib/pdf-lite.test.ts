import { describe, expect, it } from 'vitest';
import { renderReceiptPdf } from '../modules/submissions/receipt-pdf';
import { PdfDocument, textWidth, utf16Hex, wrapText } from './pdf-lite';

/** Checks what a reader relies on: header, every xref offset pointing at its "n 0 obj", startxref at the xref. */
function checkStructure(buf: Buffer) {
  const s = buf.toString('latin1');
  expect(s.startsWith('%PDF-1.4\n')).toBe(true);
  expect(s.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)![1]);
  expect(s.slice(startxref, startxref + 5)).toBe('xref\n');
  const m = /^xref\n0 (\d+)\n/.exec(s.slice(startxref))!;
  const count = Number(m[1]);
  const entries = s.slice(startxref + m[0].length).split('\n').slice(0, count);
  expect(entries[0]).toBe('0000000000 65535 f ');
  for (let id = 1; id < count; id++) {
    expect(entries[id]).toMatch(/^\d{10} 00000 n $/);
    const off = Number(entries[id]!.slice(0, 10));
    expect(s.slice(off, off + `${id} 0 obj\n`.length)).toBe(`${id} 0 obj\n`);
  }
  expect(s).toContain(`trailer\n<< /Size ${count} /Root 1 0 R`);
  // Every stream's /Length is its exact byte length.
  for (const sm of s.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = sm.index! + sm[0].length;
    expect(s.slice(start + Number(sm[1]), start + Number(sm[1]) + 'endstream'.length)).toBe('endstream');
  }
  return s;
}

describe('pdf-lite', () => {
  it('writes a valid A4 document with the STSong-Light CID font and UTF-16 text', () => {
    const doc = new PdfDocument({ title: '测试', createdAt: new Date('2026-11-20T02:00:00Z') });
    const p = doc.addPage();
    p.text(50, 60, '受理回执 ZC-2026-370900-000001', { size: 16 });
    p.line(50, 70, 300, 70).rect(50, 80, 100, 20, { fill: 0.9 });
    doc.addPage().text(50, 60, '第二页');
    const s = checkStructure(doc.toBuffer());
    expect(s).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(s).toContain('/BaseFont /STSong-Light /Encoding /UniGB-UTF16-H');
    expect(s).toContain('/Registry (Adobe) /Ordering (GB1)');
    expect(s).toContain(`<${utf16Hex('受理回执 ZC-2026-370900-000001')}> Tj`);
    expect(s).toContain('/Count 2');
    expect(s).toContain(`/Title <FEFF${utf16Hex('测试')}>`);
    expect(s).toContain('/CreationDate (D:20261120020000Z)');
    // Nothing but ASCII after the binary marker line.
    expect(/[^\x00-\x7f]/.test(s.slice(15))).toBe(false);
  });

  it('encodes characters outside the BMP as surrogate pairs', () => {
    expect(utf16Hex('A𠮷')).toBe('0041D842DFB7');
  });

  it('measures proportional ASCII and full-width Chinese, and wraps without starting a line with punctuation', () => {
    expect(textWidth('AB', 10)).toBeCloseTo(12.44); // A 684 + B 560
    expect(textWidth(' ', 1000)).toBe(207);
    expect(textWidth('中文', 10)).toBe(20);
    const lines = wrapText('一二三四五，六七八九十', 10, 50);
    expect(lines).toEqual(['一二三四五，', '六七八九十']);
    expect(wrapText('编号 ZC-2026-370900-000123 已登记', 10, 105)).toEqual(['编号', 'ZC-2026-370900-000123', '已登记']);
    expect(wrapText('第一段\n第二段', 10, 200)).toEqual(['第一段', '第二段']);
  });

  it('renders the receipt with its facts', () => {
    const buf = renderReceiptPdf({
      unitName: '泰安市市场监督管理局', unitPhone: '0538-12315', kind: 'complaint', ipType: 'trademark', receiptNo: 'ZC-2026-370900-000123',
      lookupCode: 'K7M2Q9XP', respondentName: '泰安某某科技有限公司', submittedAt: '2026-11-20T02:00:00.000Z', nextStep: '作出受理或者不予受理的决定并告知您',
      dueOn: '2026-12-01', provisional: false, basis: '《市场监督管理投诉举报处理暂行办法》第十四条', generatedAt: '2026-11-20T02:00:05.000Z',
    });
    const s = checkStructure(buf);
    for (const text of ['投诉登记回执', 'ZC-2026-370900-000123', 'K7M2Q9XP', '2026年12月1日前', '第十四条', '进度查询', '个人信息保护', '2026-11-20 10:00（北京时间）']) {
      expect(s, text).toContain(utf16Hex(text));
    }
  });
});
