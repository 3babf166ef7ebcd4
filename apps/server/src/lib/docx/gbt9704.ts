import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IRunOptions,
} from 'docx';

/**
 * A small layout builder after GB/T 9704-2012 《党政机关公文格式》, used for the enforcement documents (执法文书).
 * shared/reference/user-expectations.md §4.1 has the rules; the numbers below cite the standard's clauses.
 *
 * - 5.2.1 A4 paper (210 mm × 297 mm).
 * - 5.2.2 天头 (top margin) 37 mm ± 1 mm, 订口 (left) 28 mm ± 1 mm, text block 156 mm × 225 mm: so bottom 35 mm, right 26 mm.
 * - 5.2.3 / 6 Body 3号仿宋 (16 pt) throughout unless a clause says otherwise; 22 lines of 28 characters per page.
 * - 7.3.1 Title 2号小标宋 (22 pt), centred. 7.3.3 Headings: 一、 黑体, （一） 楷体, 1. 仿宋.
 * - 7.2.4 发文字号 (文号) centred, the year in 〔〕, no leading zeros.
 * - 7.3.5 署名 and 成文日期 at the right, the date in Arabic numerals, 右空四字.
 * - 7.4 版记: 抄送 and 印发机关/印发日期 in 4号仿宋 between thin lines.
 * - 7.5 Page numbers: 4号 half-width 宋体 Arabic numerals between 一字线 "— 1 —", 7 mm under the text block; odd pages at
 *   the right, even pages at the left, one character in from the edge (hence even/odd footers).
 *
 * Word picks Chinese glyphs from w:eastAsia, so every run names its East Asian font explicitly (and the document
 * defaults do too): a run with only w:ascii would fall back to the theme font (dolanmiu/docx #549).
 * The fonts are those of the standard; 方正小标宋简体 is commercial and 仿宋_GB2312 / 楷体_GB2312 come with older Windows:
 * a machine without them substitutes (FangSong, KaiTi, SimSun), which keeps the layout but not the exact glyphs.
 */

// ---------- units ----------

/** Twips (1/20 pt) from millimetres, rounded as Word stores them. */
export function mm(millimetres: number): number {
  return Math.round((millimetres / 25.4) * 1440);
}

/** Chinese font sizes (字号) in points. */
export const FONT_SIZE_PT = { 二号: 22, 三号: 16, 四号: 14, 小四: 12 } as const;

/** docx sizes are half-points. */
function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** Distance of the footer's bottom from the page edge: the page number sits 7 mm under the text block (7.5). */
  footer: mm(35 - 7 - 5),
  header: mm(15),
} as const;

/** 22 lines in the 225 mm text block: 225 mm / 22 ≈ 28.95 pt per line (579 twips), the grid line pitch. */
export const GRID_LINE_PITCH = 579;
/**
 * 28 characters in the 156 mm text block: 442.2 pt / 28 ≈ 15.79 pt per character, 0.207 pt narrower than a 16 pt
 * character; w:charSpace is that difference in 1/4096 pt (the value Word writes for 28 characters of 3号).
 */
export const GRID_CHAR_SPACE = -849;
/** The fixed line spacing of body text, 28 pt (560 twips), as implementers of the 22-line grid use. */
export const BODY_LINE = 560;

export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** The four font channels of a run: Chinese glyphs from eastAsia, digits and Latin letters from Times New Roman. */
export function fontOf(eastAsia: string, latin: string = FONTS.latin) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia };
}

const BODY_PT = FONT_SIZE_PT.三号;
/** Width of one body character in twips (for 右空四字, first-line indents and the like). */
export const CHAR = BODY_PT * 20;

// ---------- runs and paragraphs ----------

export interface RunStyle {
  font?: string;
  sizePt?: number;
  bold?: boolean;
  underline?: boolean;
}

/** One run with all font channels set. */
export function run(text: string, style: RunStyle = {}): TextRun {
  const opts: IRunOptions = {
    text,
    font: fontOf(style.font ?? FONTS.body),
    size: halfPoints(style.sizePt ?? BODY_PT),
    ...(style.bold ? { bold: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
  };
  return new TextRun(opts);
}

/** A piece of inline text: plain, or with its own style (e.g. 黑体 for a lead-in such as 当事人：). */
export type Inline = string | { text: string; style?: RunStyle };

function runsOf(parts: Inline | Inline[], base: RunStyle): TextRun[] {
  const list = Array.isArray(parts) ? parts : [parts];
  return list.map((p) => (typeof p === 'string' ? run(p, base) : run(p.text, { ...base, ...p.style })));
}

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

/** Body text (正文): 3号仿宋, justified, first line indented two characters, 28 pt fixed line spacing. */
export function bodyParagraph(text: Inline | Inline[], opts: { indent?: boolean; style?: RunStyle } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing: exact(BODY_LINE),
    indent: opts.indent === false ? undefined : { firstLine: 2 * CHAR },
    children: runsOf(text, opts.style ?? {}),
  });
}

/** Several body paragraphs from a text with line breaks (each non-empty line its own paragraph). */
export function bodyText(text: string | null | undefined, fallback = '（无）'): Paragraph[] {
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return (lines.length > 0 ? lines : [fallback]).map((l) => bodyParagraph(l));
}

/** A line flush left without indent (主送机关, 当事人 lines). */
export function flushLeft(text: Inline | Inline[], style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.LEFT, spacing: exact(BODY_LINE), children: runsOf(text, style) });
}

/**
 * A line set at the right, `rightChars` characters in from the margin (署名 lines such as 合议组成员 or 人民调解员 above
 * the organ's signature, 7.3.5).
 */
export function rightLine(text: Inline | Inline[], rightChars = 4, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(BODY_LINE), indent: { right: rightChars * CHAR }, children: runsOf(text, style) });
}

/** An empty line of the grid. */
export function blankLine(): Paragraph {
  return new Paragraph({ spacing: exact(BODY_LINE), children: [run('')] });
}

/** 标题 (7.3.1): 2号方正小标宋简体, centred. Long titles are broken by the caller into lines. */
export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exact(Math.round(FONT_SIZE_PT.二号 * 20 * 1.5)),
    children: [run(text, { font: FONTS.title, sizePt: FONT_SIZE_PT.二号 })],
  });
}

/** The issuing organ's name over the title of an enforcement document (执法文书 carry the organ, not a red letterhead). */
export function organHeading(text: string): Paragraph {
  return title(text);
}

/** 发文字号 (7.2.4): centred under the organ and title, 3号仿宋. */
export function docNoLine(docNo: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(BODY_LINE), children: [run(docNo)] });
}

/** First-level heading 一、… (7.3.3): 3号黑体, indented two characters, no full stop after it. */
export function heading1(text: string): Paragraph {
  return new Paragraph({ spacing: exact(BODY_LINE), indent: { firstLine: 2 * CHAR }, children: [run(text, { font: FONTS.heading1 })] });
}

/** Second-level heading （一）… (7.3.3): 3号楷体_GB2312. */
export function heading2(text: string): Paragraph {
  return new Paragraph({ spacing: exact(BODY_LINE), indent: { firstLine: 2 * CHAR }, children: [run(text, { font: FONTS.heading2 })] });
}

/** 2026-11-21 → 2026年11月21日 (7.3.5: Arabic numerals, no leading zeros). */
export function chineseDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '    年  月  日';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * 署名 and 成文日期 with room for the seal (7.3.5.1): the date 右空四字, the organ centred over the date, the seal
 * (盖章) pressing on both. A blank line pair above leaves space for the seal.
 */
export function signatureBlock(organ: string, isoDate: string | null, opts: { sealNote?: boolean } = {}): Paragraph[] {
  const date = chineseDate(isoDate);
  const dateLen = Array.from(date).length;
  const organLen = Array.from(organ).length;
  // Centre the organ over the date: its right indent is the date's indent plus half the difference in length.
  const organRight = Math.max(0, 4 * CHAR + Math.round(((dateLen - organLen) / 2) * CHAR));
  const out: Paragraph[] = [blankLine(), blankLine()];
  out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(BODY_LINE), indent: { right: organRight }, children: [run(organ)] }));
  if (opts.sealNote !== false) {
    out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(BODY_LINE), indent: { right: 4 * CHAR + Math.max(0, Math.round(((dateLen - 4) / 2) * CHAR)) }, children: [run('（印章）')] }));
  }
  out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(BODY_LINE), indent: { right: 4 * CHAR }, children: [run(date)] }));
  return out;
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 } as const;
const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } as const;

/**
 * 版记 (7.4): 抄送 and 印发机关/印发日期 (or other closing notes) in 4号仿宋, indented one character, between lines
 * (the first and last a little heavier, as the standard draws them).
 */
export function recordNotes(lines: string[]): Paragraph[] {
  return lines.map((text, i) =>
    new Paragraph({
      spacing: exact(Math.round(FONT_SIZE_PT.四号 * 20 * 1.75)),
      indent: { left: FONT_SIZE_PT.四号 * 20, right: FONT_SIZE_PT.四号 * 20 },
      border: { ...(i === 0 ? { top: THICK } : {}), bottom: i === lines.length - 1 ? THICK : LINE },
      children: [run(text, { sizePt: FONT_SIZE_PT.四号 })],
    }),
  );
}

// ---------- forms (审批表, 送达回证) ----------

const FORM_PT = FONT_SIZE_PT.四号;
const FORM_LINE = Math.round(FORM_PT * 20 * 1.6);
/** The text block's width: 156 mm. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

export interface FormCell {
  /** Lines of the cell (each its own paragraph). */
  lines: string[];
  /** Columns this cell spans. */
  span?: number;
  /** Labels are centred and set in 黑体; values flush left in 仿宋. */
  label?: boolean;
  /** A minimum height in lines, for opinions to be written by hand (审批意见, 签名). */
  minLines?: number;
  align?: 'left' | 'center' | 'right';
}

/** A form as a table in the document's fonts (4号, so that the usual 审批表 fits one page). */
export function formTable(columnsMm: number[], rows: FormCell[][]): Table {
  const total = columnsMm.reduce((a, b) => a + b, 0);
  const widths = columnsMm.map((w) => Math.round((w / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: rows.map((cells) => {
      let col = 0;
      return new TableRow({
        cantSplit: true,
        height: { value: FORM_LINE * Math.max(1, ...cells.map((c) => c.minLines ?? 1)) + 120, rule: 'atLeast' },
        children: cells.map((c) => {
          const span = c.span ?? 1;
          const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
          col += span;
          const align = c.align === 'right' ? AlignmentType.RIGHT : c.align === 'center' || (c.label && !c.align) ? AlignmentType.CENTER : AlignmentType.LEFT;
          const lines = c.lines.length > 0 ? c.lines : [''];
          return new TableCell({
            columnSpan: span > 1 ? span : undefined,
            width: { size: width, type: WidthType.DXA },
            verticalAlign: c.minLines && c.minLines > 1 ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
            margins: { left: 100, right: 100, top: 60, bottom: 60 },
            children: lines.map((l) =>
              new Paragraph({
                alignment: align,
                spacing: exact(FORM_LINE),
                children: [run(l, { sizePt: FORM_PT, font: c.label ? FONTS.heading1 : FONTS.body })],
              }),
            ),
          });
        }),
      });
    }),
  });
}

// ---------- reports: data tables, figures and captions (used by the quarterly patent report) ----------

/** 表题 above a table and 图题 under a figure: centred, 黑体 小四 (common practice in 公文附件 and analysis reports). */
export function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.round(FONT_SIZE_PT.小四 * 20 * 1.5), lineRule: LineRuleType.EXACT, before: 60, after: 60 },
    keepNext: true,
    children: [run(text, { font: FONTS.heading1, sizePt: FONT_SIZE_PT.小四 })],
  });
}

export interface DataTableColumn {
  title: string;
  /** Relative width (the table always spans the text block). */
  widthMm: number;
  /** Numbers at the right, names at the left (default), short codes centred. */
  align?: 'left' | 'center' | 'right';
}

/**
 * A table of figures: header row in 黑体 on a light grey ground, repeated on each page; cells in 仿宋 小四, so that a
 * table of five or six columns fits the 156 mm text block. Every run names its East Asian font (see `run`).
 */
export function dataTable(columns: DataTableColumn[], rows: (string | number)[][], opts: { sizePt?: number } = {}): Table {
  const sizePt = opts.sizePt ?? FONT_SIZE_PT.小四;
  const line = Math.round(sizePt * 20 * 1.4);
  const total = columns.reduce((a, c) => a + c.widthMm, 0);
  const widths = columns.map((c) => Math.round((c.widthMm / total) * TEXT_WIDTH));
  const alignOf = (a: DataTableColumn['align']) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      ...(header ? { shading: { fill: 'EDEDED', color: 'auto', type: 'clear' as const } } : {}),
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : alignOf(columns[i]!.align),
          spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [run(text, { sizePt, font: header ? FONTS.heading1 : FONTS.body })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.title, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(String(v), i, false)) })),
    ],
  });
}

/** Width of the text block in CSS pixels (96 per inch), the unit docx uses for image sizes: 156 mm ≈ 590 px. */
export const TEXT_WIDTH_PX = Math.floor((156 / 25.4) * 96);

/**
 * A PNG picture centred on its own line, scaled to the text width keeping its aspect ratio. The paragraph uses single
 * (auto) line spacing: the body's fixed 28 pt spacing would clip the picture to one line.
 */
export function imageParagraph(png: Buffer, size: { width: number; height: number }, altText?: string): Paragraph {
  const width = Math.min(TEXT_WIDTH_PX, size.width);
  const height = Math.round((size.height / size.width) * width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 0 },
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width, height },
        ...(altText ? { altText: { name: altText, description: altText, title: altText } } : {}),
      }),
    ],
  });
}

// ---------- the document ----------

/** "— 1 —" in 4号 half-width 宋体 (7.5), at the right on odd pages and at the left on even pages. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: FONT_SIZE_PT.四号 * 20 } : { left: FONT_SIZE_PT.四号 * 20 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: fontOf(FONTS.pageNumber, FONTS.pageNumber),
            size: halfPoints(FONT_SIZE_PT.四号),
          }),
        ],
      }),
    ],
  });
}

export interface OfficialDocumentSpec {
  /** The document's title, for the file's properties. */
  title: string;
  /** The issuing organ, for the file's properties. */
  creator: string;
  children: FileChild[];
}

/** Lays the children out on the GB/T 9704 page and packs the .docx. */
export async function renderOfficialDocument(spec: OfficialDocumentSpec): Promise<Buffer> {
  const doc = new Document({
    title: spec.title,
    creator: spec.creator,
    lastModifiedBy: spec.creator,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontOf(FONTS.body), size: halfPoints(BODY_PT) },
          paragraph: { spacing: exact(BODY_LINE) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, header: PAGE.header, footer: PAGE.footer, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GRID_LINE_PITCH, charSpace: GRID_CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: spec.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
