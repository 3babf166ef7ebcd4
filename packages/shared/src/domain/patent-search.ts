import type { TextSegment } from '../contracts/patent';

/**
 * Full-text search over Chinese titles/abstracts/names with character bigrams (tech-measurements.md §B): the index stores every
 * distinct bigram of each field, a query is the set of its bigrams (index lookup: tokens @> query), then the exact substring
 * is confirmed on the text. Any substring of ≥ 2 characters is therefore always found (100% recall); the candidate check
 * removes false positives. Characters are code points, so a character outside the BMP (𠮷) is one character.
 */

/** ASCII A-Z lower-cased, nothing else changed (length-preserving; SQL mirrors it with lower() on a C-collation database). */
export function normalizeSearchText(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function bigramsInto(text: string, into: Set<string>): void {
  const cps = Array.from(normalizeSearchText(text));
  for (let i = 0; i + 1 < cps.length; i++) into.add(cps[i] + cps[i + 1]);
}

/** Distinct character bigrams of each field's normalised text (never across fields), sorted. Code points, not UTF-16 units. */
export function searchTokens(fields: (string | null | undefined)[]): string[] {
  const set = new Set<string>();
  for (const f of fields) if (f) bigramsInto(f, set);
  return [...set].sort();
}

/** Bigrams of the normalised query (distinct, sorted); [] when the query has fewer than 2 characters. Spaces and punctuation are characters like any other. */
export function queryTokens(q: string): string[] {
  const set = new Set<string>();
  bigramsInto(q ?? '', set);
  return [...set].sort();
}

/** Code-point ranges [start, end) of every non-overlapping occurrence of q in text, case-insensitive for ASCII. */
function hitRanges(cps: string[], q: string): [number, number][] {
  const qcps = Array.from(normalizeSearchText(q ?? ''));
  if (qcps.length === 0) return [];
  const norm = cps.map(normalizeSearchText);
  const out: [number, number][] = [];
  for (let i = 0; i + qcps.length <= norm.length; ) {
    let ok = true;
    for (let j = 0; j < qcps.length; j++) {
      if (norm[i + j] !== qcps[j]) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out.push([i, i + qcps.length]);
      i += qcps.length;
    } else i++;
  }
  return out;
}

function segmentsOf(cps: string[], ranges: [number, number][], from: number, to: number): TextSegment[] {
  const segs: TextSegment[] = [];
  let pos = from;
  for (const [s, e] of ranges) {
    if (s < from || e > to) continue; // a hit cut by the snippet window is shown as plain text
    if (s > pos) segs.push({ text: cps.slice(pos, s).join(''), hit: false });
    segs.push({ text: cps.slice(s, e).join(''), hit: true });
    pos = e;
  }
  if (pos < to) segs.push({ text: cps.slice(pos, to).join(''), hit: false });
  return segs;
}

/** The text cut into plain and hit segments: every occurrence of q, case-insensitive for ASCII. Empty text → []. */
export function highlightSegments(text: string, q: string): TextSegment[] {
  if (!text) return [];
  const cps = Array.from(text);
  return segmentsOf(cps, hitRanges(cps, q), 0, cps.length);
}

/** About maxLen (120) characters around the first hit (from the start when there is none), highlighted, with … where text was cut. */
export function snippetAround(text: string, q: string, maxLen = 120): TextSegment[] {
  if (!text) return [];
  const cps = Array.from(text);
  const ranges = hitRanges(cps, q);
  if (cps.length <= maxLen) return segmentsOf(cps, ranges, 0, cps.length);
  let start = 0;
  if (ranges.length > 0) {
    const [s, e] = ranges[0];
    start = Math.max(0, s - Math.floor((maxLen - (e - s)) / 3)); // a third of the room before the hit, the rest after
  }
  const end = Math.min(cps.length, start + maxLen);
  start = Math.max(0, end - maxLen);
  const segs = segmentsOf(cps, ranges, start, end);
  if (start > 0) {
    if (segs[0] && !segs[0].hit) segs[0] = { text: '…' + segs[0].text, hit: false };
    else segs.unshift({ text: '…', hit: false });
  }
  if (end < cps.length) {
    const last = segs[segs.length - 1];
    if (last && !last.hit) segs[segs.length - 1] = { text: last.text + '…', hit: false };
    else segs.push({ text: '…', hit: false });
  }
  return segs;
}
