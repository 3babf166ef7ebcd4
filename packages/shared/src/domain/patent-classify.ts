import { normalizeIpc } from './patent-normalize';

/**
 * Classification of patents by IPC (and keywords): the 2021 strategic-emerging-industry table (参照关系表), the WIPO
 * technology fields and the bureau's industry chains. Pure functions; the server loads the reference tables.
 */

interface IpcParts {
  /** 'G06F', or shorter for section/class-level symbols ('G06', 'G') */
  head: string;
  /** main group number, null above group level */
  main: number | null;
  /** subgroup digits as written ('0525'), null above group level */
  sub: string | null;
}

function partsOf(code: string): IpcParts | null {
  const m = /^([A-H](?:\d{2}(?:[A-Z])?)?)(?:(\d{1,4})(?:\/(\d{1,6}))?)?$/.exec(code);
  if (!m) return null;
  if (m[2] !== undefined && m[1].length !== 4) return null;
  return { head: m[1], main: m[2] === undefined ? null : Number(m[2]), sub: m[3] ?? null };
}

/** A pattern of the table parsed once: head ('G06F', 'B60', 'A'), main group, subgroup prefix as written, trailing *. */
interface CompiledPattern {
  head: string;
  main: number | null;
  sub: string | undefined;
  star: boolean;
}

/*
 * Import classifies every row against the SEI table and every chain: the same few thousand patterns and IPC codes are
 * tested millions of times, and parsing them on each test was most of preparePatent's time. Both are parsed once and
 * kept (bounded: cleared when full, so a file of ever-new codes cannot grow them without limit).
 */
const CACHE_MAX = 100_000;
const compiledPatterns = new Map<string, CompiledPattern | null>();
const codePartsCache = new Map<string, IpcParts | null>();

function compilePattern(pattern: string): CompiledPattern | null {
  let c = compiledPatterns.get(pattern);
  if (c !== undefined) return c;
  const raw = pattern.trim().toUpperCase().replace(/\s+/g, '');
  const star = raw.endsWith('*');
  const base = star ? raw.slice(0, -1) : raw;
  // '(H01M10/05)*': a subgroup prefix, kept as written (normalizeIpc would append /00 to a bare main group)
  const pm = base ? /^([A-H](?:\d{2}(?:[A-Z])?)?)(?:(\d{1,4})(?:\/(\d{0,6}))?)?$/.exec(base) : null;
  c = pm ? { head: pm[1], main: pm[2] === undefined ? null : Number(pm[2]), sub: pm[3], star } : null;
  if (compiledPatterns.size >= CACHE_MAX) compiledPatterns.clear();
  compiledPatterns.set(pattern, c);
  return c;
}

/** normalizeIpc + partsOf of a code, cached. */
function codeParts(code: string): IpcParts | null {
  let cp = codePartsCache.get(code);
  if (cp !== undefined) return cp;
  const c = normalizeIpc(code);
  cp = c ? partsOf(c) : null;
  if (codePartsCache.size >= CACHE_MAX) codePartsCache.clear();
  codePartsCache.set(code, cp);
  return cp;
}

function compiledMatches(p: CompiledPattern, cp: IpcParts): boolean {
  if (p.main === null) {
    // section, class or subclass level: the code must lie under it
    return cp.head.length >= p.head.length && cp.head.startsWith(p.head);
  }
  if (cp.head !== p.head || cp.main === null || cp.main !== p.main) return false;
  if (p.sub === undefined || p.sub === '') return true; // 'G06F11*' / 'G06F11': the main group and its subgroups
  if (p.star) return cp.sub !== null && cp.sub.startsWith(p.sub);
  return cp.sub === p.sub;
}

/**
 * 参照关系表 semantics: trailing * = that symbol and everything below it ('G06F*' any G06F code; 'G06F11*' main group 11 and its
 * subgroups, NOT G06F110; 'H01M10/05*' subgroups starting 05); no * = exactly that group ('G06F11/14' does not cover
 * G06F11/1402). Written without * and without a group ('G16H', 'H03M13', two patterns of the table) = the whole symbol, as with *.
 * A subclass-only code ('G06F', from data that has only subclasses) matches only subclass-level (or higher) patterns.
 */
export function ipcPatternMatches(pattern: string, code: string): boolean {
  const p = compilePattern(pattern);
  if (!p) return false;
  const cp = codeParts(code);
  return cp !== null && compiledMatches(p, cp);
}

/** One of the patterns matches the (parsed) code. */
function someMatches(patterns: string[], cp: IpcParts): boolean {
  for (const pt of patterns) {
    const p = compilePattern(pt);
    if (p && compiledMatches(p, cp)) return true;
  }
  return false;
}

export interface SeiRule {
  industryNo: string;
  branchNo: string;
  ipcPatterns: string[];
  excludePatterns: string[];
  keywordTerms: string[];
}

/** Generic words of the 国民经济行业分类 names in the 关键词概述, cut from the end (or start) of a term. */
const GENERIC_TAILS = ['相关关键词', '关键词', '制造', '生产', '服务', '加工', '开发', '建设'];
/** Left-overs too general to decide anything on a title ('产品相关关键词' → '产品'). */
const GENERIC_TERMS = new Set([
  '产品', '系统', '设备', '装置', '材料', '技术', '相关', '专用', '应用', '其他', '制品', '器件', '产业', '服务', '管理', '研究',
  '工程', '处理', '网络', '通信', '配件', '模块', '附件', '农业',
]);
/** '等' ends a list of examples, except inside words such as 等离子, 等级, 等温, 等静压. */
const ETC = /等(?!离子|级|温|静压|轴|效|径|同|距|比|厚|强|值|电位|压)/;

/**
 * Search terms from a 关键词概述 (our reading of the table, documented in the reference-data page): split on ；;、，,及 and
 * parentheses; 'A、B等其他C制造' lists examples A, B of an industry class C: the examples are kept, the class name after
 * '等其他' dropped; 'X等Y' keeps X and Y; generic tails (制造, 生产, 服务, 加工, 开发, 建设, 相关关键词) and a leading 其他 are cut;
 * terms of 2+ characters are kept, generic left-overs (产品, 系统 …) dropped; deduplicated.
 */
export function seiKeywordTerms(summary: string | null | undefined): string[] {
  if (!summary) return [];
  const out: string[] = [];
  for (const piece of summary.split(/[；;、，,及()（）\s]+/)) {
    const parts = piece.includes('等其他') ? [piece.slice(0, piece.indexOf('等其他'))] : piece.split(ETC);
    for (let t of parts) {
      for (let changed = true; changed; ) {
        changed = false;
        t = t.trim();
        if (t.startsWith('其他') || t.startsWith('以上')) {
          t = t.slice(2);
          changed = true;
        }
        for (const tail of GENERIC_TAILS) {
          if (t.endsWith(tail) && t.length > tail.length) {
            t = t.slice(0, -tail.length);
            changed = true;
          }
        }
      }
      if ([...t].length >= 2 && !GENERIC_TERMS.has(t) && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

/** Keywords lower-cased once (the same few hundred are tested on every imported row). */
const loweredNeedles = new Map<string, string>();

/** ASCII case-insensitive 'contains' (keywords such as 'Al-Ca', 'RFID', 'IPv6'). */
function textHas(haystack: string, needle: string): boolean {
  let n = loweredNeedles.get(needle);
  if (n === undefined) {
    n = needle.replace(/[A-Z]/g, (c) => c.toLowerCase());
    if (loweredNeedles.size >= CACHE_MAX) loweredNeedles.clear();
    loweredNeedles.set(needle, n);
  }
  return haystack.includes(n);
}
function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function compareBranch(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2 || a.localeCompare(b);
}

/**
 * Branch numbers (sorted, unique) whose rule matches: some IPC code matches an ipcPattern and no excludePattern of that rule,
 * AND (no keywordTerms, or the title/abstract contains one).
 * // 参照关系表（2021）: 非空关键词须与 IPC 结合使用
 */
export function classifySei(p: { ipcCodes: string[]; title: string; abstract: string | null }, rules: SeiRule[]): string[] {
  const found = new Set<string>();
  let text: string | null = null;
  const codes = p.ipcCodes.map(codeParts);
  for (const rule of rules) {
    if (found.has(rule.branchNo)) continue;
    const ipcHit = codes.some(
      (cp) => cp !== null && someMatches(rule.ipcPatterns, cp) && !someMatches(rule.excludePatterns, cp),
    );
    if (!ipcHit) continue;
    if (rule.keywordTerms.length > 0) {
      text ??= lowerAscii(`${p.title ?? ''}\n${p.abstract ?? ''}`);
      if (!rule.keywordTerms.some((k) => textHas(text!, k))) continue;
    }
    found.add(rule.branchNo);
  }
  return [...found].sort(compareBranch);
}

export interface WipoPrefix {
  fieldNo: number;
  /** like 'H01M' or 'A61K8' (the concordance's % removed, spaces removed; a trailing '/' is tolerated) */
  prefix: string;
}

const wipoPrefixCache = new Map<string, { head: string; main: number | null } | null>();

/** 'A61K8' → { head: 'A61K', main: 8 }; 'H01M' → main null; parsed once per prefix. */
function wipoPrefixParts(prefix: string): { head: string; main: number | null } | null {
  let parts = wipoPrefixCache.get(prefix);
  if (parts !== undefined) return parts;
  const m = /^([A-H]\d{2}[A-Z])(\d{1,4})?\/?$/.exec(prefix.replace(/[\s%]/g, '').toUpperCase());
  parts = m ? { head: m[1], main: m[2] === undefined ? null : Number(m[2]) } : null;
  if (wipoPrefixCache.size >= CACHE_MAX) wipoPrefixCache.clear();
  wipoPrefixCache.set(prefix, parts);
  return parts;
}

/** WIPO technology fields (1-35, sorted, unique) of a patent's IPC codes: a subclass prefix covers the subclass, 'A61K8' covers main group 8 only. */
export function wipoFieldsOf(ipcCodes: string[], concordance: WipoPrefix[]): number[] {
  const fields = new Set<number>();
  for (const code of ipcCodes) {
    const cp = codeParts(code);
    if (!cp) continue;
    for (const w of concordance) {
      const m = wipoPrefixParts(w.prefix);
      if (!m) continue;
      if (m.head !== cp.head) continue;
      if (m.main === null || (cp.main !== null && cp.main === m.main)) fields.add(w.fieldNo);
    }
  }
  return [...fields].sort((a, b) => a - b);
}

export interface ChainDefinition {
  id: number;
  ipcPatterns: string[];
  keywords: string[];
  seiBranches: string[];
}

/** member = SEI branch in chain.seiBranches OR (ipcPatterns and keywords both set ? ipc AND keyword : ipc OR keyword). Sorted chain ids. */
export function matchChains(
  p: { ipcCodes: string[]; title: string; abstract: string | null; seiBranches: string[] },
  chains: ChainDefinition[],
): number[] {
  const text = lowerAscii(`${p.title ?? ''}\n${p.abstract ?? ''}`);
  const codes = p.ipcCodes.map(codeParts);
  const ids: number[] = [];
  for (const ch of chains) {
    const bySei = ch.seiBranches.some((b) => p.seiBranches.includes(b));
    const hasIpc = ch.ipcPatterns.length > 0;
    const hasKw = ch.keywords.length > 0;
    const ipcHit = hasIpc && codes.some((cp) => cp !== null && someMatches(ch.ipcPatterns, cp));
    const kwHit = hasKw && ch.keywords.some((k) => k.trim() !== '' && textHas(text, k.trim()));
    const byRule = hasIpc && hasKw ? ipcHit && kwHit : ipcHit || kwHit;
    if (bySei || byRule) ids.push(ch.id);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}
