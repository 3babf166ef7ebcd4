/**
 * Article bodies are plain text (never HTML): a line starting with '#', '##' or '###' is a heading, any other
 * non-empty line is a paragraph. Shared by the portal and the back-office preview; React renders the strings as text.
 */
export interface TextBlock {
  kind: 'heading' | 'paragraph';
  /** 1 to 3 for headings. */
  level: number;
  text: string;
}

export function textBlocks(body: string): TextBlock[] {
  const out: TextBlock[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(#{1,3})\s+(.*)$/u.exec(line);
    if (m) out.push({ kind: 'heading', level: m[1]!.length, text: m[2]!.trim() });
    else out.push({ kind: 'paragraph', level: 0, text: line });
  }
  return out;
}

/** Splits text at every occurrence of the terms (case-insensitive) for highlighting; odd parts are hits. */
export function splitByTerms(text: string, terms: string[]): string[] {
  const ts = terms.map((t) => t.toLowerCase()).filter(Boolean);
  if (ts.length === 0) return [text];
  const lower = text.toLowerCase();
  const parts: string[] = [];
  let i = 0;
  let last = 0;
  while (i < text.length) {
    // The longest term that starts here, so overlapping terms highlight as one run.
    let len = 0;
    for (const t of ts) if (t.length > len && lower.startsWith(t, i)) len = t.length;
    if (len > 0) {
      parts.push(text.slice(last, i), text.slice(i, i + len));
      i += len;
      last = i;
    } else i++;
  }
  parts.push(text.slice(last));
  return parts;
}
