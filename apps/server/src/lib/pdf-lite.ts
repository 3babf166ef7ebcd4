/**
 * A minimal PDF writer for simple printable documents (receipts): A4 pages, text lines at given positions, lines and
 * boxes. No PDF library is installed, and none is needed for this.
 *
 * Chinese text uses the standard CID font STSong-Light (Adobe-GB1) with the CMap UniGB-UTF16-H, not embedded: every
 * conforming viewer knows it and substitutes an installed Song (宋体) face, so the file stays a few kilobytes.
 * Strings are written as UTF-16BE hex, so the whole file is 7-bit ASCII apart from the binary marker in the header,
 * and byte offsets equal string lengths (latin1).
 *
 * Coordinates in the API are points (1/72 in) from the top-left corner of the page; the writer flips them.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MM = 72 / 25.4;

export type Align = 'left' | 'center' | 'right';

export interface TextOptions {
  size?: number;
  align?: Align;
  /** Grey level 0 (black) … 1 (white), or an RGB triple 0..1. */
  color?: number | [number, number, number];
}

/**
 * Widths (1/1000 em) of CIDs 1–95 of STSong-Light: the proportional Latin glyphs that UniGB-UTF16-H maps printable
 * ASCII (U+0020–U+007E) to, in code order; Adobe's published metrics (the same table ReportLab ships). Written into
 * the font's /W array, so a viewer places substituted glyphs exactly where the layout measured them.
 */
const ASCII_WIDTHS = [
  207, 270, 342, 467, 462, 797, 710, 239, 374, 374, 423, 605, 238, 375, 238, 334,
  462, 462, 462, 462, 462, 462, 462, 462, 462, 462, 238, 238, 605, 605, 605, 344,
  748, 684, 560, 695, 739, 563, 511, 729, 793, 318, 312, 666, 526, 896, 758, 772,
  544, 772, 628, 465, 607, 753, 711, 972, 647, 620, 607, 374, 333, 374, 606, 500,
  239, 417, 503, 427, 529, 415, 264, 444, 518, 241, 230, 495, 228, 793, 527, 524,
  524, 504, 338, 336, 277, 517, 450, 652, 466, 452, 407, 370, 258, 370, 605,
];

/** Width of a text in 1/1000 em: the proportional widths above for printable ASCII, one em for everything else. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x20 && cp <= 0x7e ? ASCII_WIDTHS[cp - 0x20]! : 1000;
  }
  return w;
}

export function textWidth(text: string, size: number): number {
  return (textWidthEm(text) * size) / 1000;
}

/**
 * Breaks a text into lines no wider than maxWidth. Chinese breaks between any two characters; runs of ASCII letters
 * and digits (receipt numbers, URLs) are kept whole unless a run alone is too wide. Line breaks in the text are kept.
 * 行首禁则: closing punctuation never starts a line.
 */
export function wrapText(text: string, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  const noLineStart = new Set(Array.from('，。、；：？！）》」』”’,.;:?!)]}%'));
  for (const para of text.split('\n')) {
    const tokens = para.match(/[A-Za-z0-9@._\-/:#%+=&?~]+|[\s\S]/gu) ?? [];
    let line = '';
    const start = (tok: string) => {
      // a token wider than a whole line is cut by characters
      let piece = '';
      for (const ch of tok) {
        if (piece && textWidth(piece + ch, size) > maxWidth) {
          out.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    };
    for (const tok of tokens) {
      if (line === '') {
        if (tok !== ' ') start(tok);
        continue;
      }
      const w = textWidth(line + tok, size);
      // 行首禁则: closing punctuation may hang one character into the margin rather than start a line.
      if (w <= maxWidth || (noLineStart.has(tok) && w <= maxWidth + size)) {
        line += tok;
      } else {
        out.push(line.trimEnd());
        line = '';
        if (tok !== ' ') start(tok);
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** UTF-16BE hex of a string (surrogate pairs for characters outside the BMP, which UniGB-UTF16-H maps). */
export function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex;
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

function colorOp(c: TextOptions['color'], stroke = false): string {
  if (c === undefined) return stroke ? '0 G' : '0 g';
  if (typeof c === 'number') return `${n2(c)} ${stroke ? 'G' : 'g'}`;
  return `${c.map(n2).join(' ')} ${stroke ? 'RG' : 'rg'}`;
}

export class PdfPage {
  readonly ops: string[] = [];
  constructor(readonly width: number, readonly height: number) {}

  /** A line of text with its baseline at y (from the top). */
  text(x: number, y: number, text: string, opts: TextOptions = {}): this {
    if (!text) return this;
    const size = opts.size ?? 11;
    const w = textWidth(text, size);
    const left = opts.align === 'center' ? x - w / 2 : opts.align === 'right' ? x - w : x;
    this.ops.push(`BT ${colorOp(opts.color)} /F1 ${n2(size)} Tf ${n2(left)} ${n2(this.height - y)} Td <${utf16Hex(text)}> Tj ET`);
    return this;
  }

  /** Wrapped text from (x, y) downwards; returns the y below the last line. */
  paragraph(x: number, y: number, text: string, maxWidth: number, opts: TextOptions & { leading?: number } = {}): number {
    const size = opts.size ?? 11;
    const leading = opts.leading ?? size * 1.6;
    let yy = y;
    for (const line of wrapText(text, size, maxWidth)) {
      this.text(x, yy, line, opts);
      yy += leading;
    }
    return yy;
  }

  line(x1: number, y1: number, x2: number, y2: number, opts: { width?: number; color?: TextOptions['color'] } = {}): this {
    this.ops.push(`${colorOp(opts.color, true)} ${n2(opts.width ?? 0.6)} w ${n2(x1)} ${n2(this.height - y1)} m ${n2(x2)} ${n2(this.height - y2)} l S`);
    return this;
  }

  /** A box with its top-left corner at (x, y). */
  rect(x: number, y: number, w: number, h: number, opts: { stroke?: TextOptions['color'] | false; fill?: TextOptions['color']; width?: number } = {}): this {
    const paint = opts.fill !== undefined && opts.stroke !== false ? 'B' : opts.fill !== undefined ? 'f' : 'S';
    const ops = [`${n2(opts.width ?? 0.6)} w`];
    if (opts.fill !== undefined) ops.push(colorOp(opts.fill));
    if (opts.stroke !== false) ops.push(colorOp(opts.stroke === undefined ? 0 : opts.stroke, true));
    ops.push(`${n2(x)} ${n2(this.height - y - h)} ${n2(w)} ${n2(h)} re ${paint}`);
    this.ops.push(`q ${ops.join(' ')} Q`);
    return this;
  }

  content(): string {
    return this.ops.join('\n') + '\n';
  }
}

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  /** Creation time (defaults to now). */
  createdAt?: Date;
}

function pdfDate(d: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** A text string in the document information dictionary: UTF-16BE with BOM, as hex. */
function infoString(s: string): string {
  return `<FEFF${utf16Hex(s)}>`;
}

export class PdfDocument {
  private readonly pages: PdfPage[] = [];
  constructor(private readonly info: PdfInfo = {}) {}

  addPage(width: number = A4.width, height: number = A4.height): PdfPage {
    const p = new PdfPage(width, height);
    this.pages.push(p);
    return p;
  }

  /** Serialises the document: objects, a cross-reference table with exact byte offsets, the trailer. */
  toBuffer(): Buffer {
    if (this.pages.length === 0) this.addPage();
    // 1 catalog, 2 pages, 3 Type0 font, 4 CIDFont, 5 font descriptor, 6 info, then (page, contents) per page.
    const objects: string[] = [];
    const pageIds = this.pages.map((_, i) => 7 + i * 2);
    objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
    objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${this.pages.length} >>`;
    objects[3] = '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>';
    // /W: CIDs 1–95 (printable ASCII) have their proportional widths; everything else the default full width (/DW 1000).
    objects[4] =
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      `/FontDescriptor 5 0 R /DW 1000 /W [1 [${ASCII_WIDTHS.join(' ')}]] >>`;
    objects[5] =
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 ' +
      '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
    const info: string[] = ['/Producer (Zhichan pdf-lite)', `/CreationDate (${pdfDate(this.info.createdAt ?? new Date())})`];
    if (this.info.title) info.push(`/Title ${infoString(this.info.title)}`);
    if (this.info.author) info.push(`/Author ${infoString(this.info.author)}`);
    if (this.info.subject) info.push(`/Subject ${infoString(this.info.subject)}`);
    objects[6] = `<< ${info.join(' ')} >>`;
    this.pages.forEach((p, i) => {
      const pageId = pageIds[i]!;
      const content = p.content();
      objects[pageId] =
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n2(p.width)} ${n2(p.height)}] ` +
        `/Resources << /Font << /F1 3 0 R >> /ProcSet [/PDF /Text] >> /Contents ${pageId + 1} 0 R >>`;
      objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`;
    });

    let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
    const offsets: number[] = [];
    for (let id = 1; id < objects.length; id++) {
      offsets[id] = Buffer.byteLength(out, 'latin1');
      out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
    }
    const xrefAt = Buffer.byteLength(out, 'latin1');
    out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
    for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  }
}
