import { describe, expect, it } from 'vitest';
import { readDocx, runProperties } from './docx-inspect';
import {
  bodyParagraph,
  chineseDate,
  docNoLine,
  flushLeft,
  formTable,
  heading1,
  heading2,
  mm,
  organHeading,
  recordNotes,
  renderOfficialDocument,
  signatureBlock,
  title,
} from './gbt9704';

async function sample() {
  const buffer = await renderOfficialDocument({
    title: '行政处罚决定书',
    creator: '泰安市岱岳区市场监督管理局',
    children: [
      organHeading('岱岳区市场监督管理局'),
      title('行政处罚决定书'),
      docNoLine('泰岱市监罚〔2026〕5号'),
      flushLeft('当事人：泰安某某商贸有限公司'),
      heading1('一、违法事实和证据'),
      heading2('（一）书证'),
      bodyParagraph('当事人销售侵犯注册商标专用权的商品 120 件，违法经营额 ¥12,500.00。'),
      formTable([30, 60], [[{ lines: ['当事人'], label: true }, { lines: ['泰安某某商贸有限公司'] }], [{ lines: ['意见'], span: 2, minLines: 3 }]]),
      ...signatureBlock('岱岳区市场监督管理局', '2026-11-21'),
      ...recordNotes(['本文书一式两份，一份送达当事人，一份归档。']),
    ],
  });
  return { buffer, parts: await readDocx(buffer) };
}

describe('GB/T 9704-2012 layout', () => {
  it('uses A4 with the standard margins (37/35/28/26 mm, in twips) and the 22 × 28 grid', async () => {
    const { parts } = await sample();
    expect(mm(37)).toBe(2098);
    expect(mm(35)).toBe(1984);
    expect(mm(28)).toBe(1587);
    expect(mm(26)).toBe(1474);
    expect(parts.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(parts.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(parts.document).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/>');
  });

  it('sets the East Asian font on every run: 仿宋_GB2312 body, 方正小标宋简体 title, 黑体 and 楷体_GB2312 headings', async () => {
    const { parts } = await sample();
    const rprs = runProperties(parts.document);
    expect(rprs.length).toBeGreaterThan(10);
    for (const rpr of rprs) expect(rpr).toMatch(/w:eastAsia="[^"]+"/);
    expect(parts.document).toContain('w:eastAsia="方正小标宋简体"');
    expect(parts.document).toContain('w:eastAsia="仿宋_GB2312"');
    expect(parts.document).toContain('w:eastAsia="黑体"');
    expect(parts.document).toContain('w:eastAsia="楷体_GB2312"');
    // Digits and Latin letters in Times New Roman; body 3号 = 16 pt = 32 half-points, title 2号 = 22 pt = 44.
    expect(parts.document).toContain('w:ascii="Times New Roman"');
    expect(parts.document).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
    expect(parts.document).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    // The document defaults name the fonts too, so a run Word adds later keeps them.
    expect(parts.styles).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('body text: 28 pt fixed line spacing, first line indented two characters, justified', async () => {
    const { parts } = await sample();
    expect(parts.document).toMatch(/<w:spacing w:after="0" w:before="0" w:line="560" w:lineRule="exact"\/><w:ind w:firstLine="640"\/><w:jc w:val="both"\/>/);
  });

  it('page numbers "— 1 —" in 4号宋体 with a PAGE field, odd pages right and even pages left', async () => {
    const { parts } = await sample();
    expect(parts.settings).toContain('<w:evenAndOddHeaders/>');
    expect(parts.document).toContain('w:footerReference w:type="default"');
    expect(parts.document).toContain('w:footerReference w:type="even"');
    expect(parts.footers).toHaveLength(2);
    for (const f of parts.footers) {
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('— </w:t>');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(parts.footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(parts.footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  it('places the 文号 centred and the organ and date at the right (date 右空四字)', async () => {
    const { parts } = await sample();
    expect(parts.document).toMatch(/<w:jc w:val="center"\/><\/w:pPr><w:r><w:rPr>[^]*?泰岱市监罚〔2026〕5号/);
    expect(parts.document).toMatch(/<w:ind w:right="1280"\/><w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr>.*?<w:t xml:space="preserve">2026年11月21日<\/w:t>/);
    expect(parts.text).toContain('（印章）');
  });

  it('draws forms as bordered tables in the same fonts, labels in 黑体', async () => {
    const { parts } = await sample();
    expect(parts.document).toContain('<w:tbl>');
    expect(parts.document).toContain('<w:gridSpan w:val="2"/>');
    expect(parts.document).toMatch(/<w:tblBorders>.*<w:insideH w:val="single"/);
  });

  it('writes dates in Arabic numerals without leading zeros', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate(null)).toBe('    年  月  日');
  });
});
