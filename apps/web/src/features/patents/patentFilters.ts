/**
 * Patent filters in the URL query string, shared by the search, analytics and drill-down pages.
 * The parameter names and formats are exactly those of PatentFilterQuery (packages/shared/src/contracts/patent.ts), so a page URL's
 * query string can be passed on to the API (/patents/search, /patents/export.xlsx, /patent-stats/dashboard) unchanged.
 */
import {
  HIGH_VALUE_CATEGORIES,
  HIGH_VALUE_CATEGORY_LABELS,
  LEGAL_STATUSES,
  LEGAL_STATUS_LABELS,
  PATENT_TYPES,
  PATENT_TYPE_LABELS,
  type HighValueCategory,
  type LegalStatusCode,
  type PatentFilter,
  type PatentTypeCode,
} from '@zhichan/shared';

export type PatentFilterWithQ = PatentFilter & { q?: string };

/** Keys in the order they are written to the query string (stable URLs). */
const KEYS = [
  'q', 'chainId', 'region', 'type', 'status', 'yearFrom', 'yearTo', 'applicant', 'seiBranch', 'ipc', 'highValue', 'hvCategory',
] as const;

function intOf(v: string | null, min: number, max: number): number | undefined {
  if (v === null || v.trim() === '' || !/^\d+$/.test(v.trim())) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

function listOf<T extends string>(v: string | null, allowed: readonly T[]): T[] | undefined {
  if (!v) return undefined;
  const out: T[] = [];
  for (const part of v.split(',')) {
    const s = part.trim() as T;
    if (allowed.includes(s) && !out.includes(s)) out.push(s);
  }
  return out.length ? out : undefined;
}

/**
 * Reads a filter from a URL query string. Invalid values are dropped silently (a hand-edited or outdated link should still open the
 * page), using the same rules as the server's PatentFilterQuery.
 */
export function filterFromSearch(params: URLSearchParams): PatentFilterWithQ {
  const f: PatentFilterWithQ = {};
  const q = params.get('q')?.trim();
  if (q) f.q = q.slice(0, 100);
  const chainId = intOf(params.get('chainId'), 0, 2_147_483_647);
  if (chainId !== undefined) f.chainId = chainId;
  const region = params.get('region')?.trim();
  if (region && /^(\d{2}|\d{4}|\d{6})$/.test(region)) f.region = region;
  const type = listOf<PatentTypeCode>(params.get('type'), PATENT_TYPES);
  if (type) f.type = type;
  const status = listOf<LegalStatusCode>(params.get('status'), LEGAL_STATUSES);
  if (status) f.status = status;
  const yearFrom = intOf(params.get('yearFrom'), 1985, 2100);
  if (yearFrom !== undefined) f.yearFrom = yearFrom;
  const yearTo = intOf(params.get('yearTo'), 1985, 2100);
  if (yearTo !== undefined) f.yearTo = yearTo;
  const applicant = params.get('applicant')?.trim();
  if (applicant) f.applicant = applicant.slice(0, 200);
  const sei = params.get('seiBranch')?.trim();
  if (sei && /^\d\.\d{1,2}$/.test(sei)) f.seiBranch = sei;
  const ipc = params.get('ipc')?.trim().toUpperCase();
  if (ipc && /^[A-H](\d{2}([A-Z](\d{1,4}(\/\d{1,6})?)?)?)?$/.test(ipc)) f.ipc = ipc;
  const hv = params.get('highValue');
  if (hv === 'true') f.highValue = true;
  else if (hv === 'false') f.highValue = false;
  const cat = params.get('hvCategory') as HighValueCategory | null;
  if (cat && HIGH_VALUE_CATEGORIES.includes(cat)) f.hvCategory = cat;
  return f;
}

/** Filter → query string without the leading '?' (empty values omitted; lists comma-separated, as the API expects). */
export function filterToSearch(f: PatentFilterWithQ): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const v = (f as Record<string, unknown>)[key];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(key, v.join(','));
    } else params.set(key, String(v));
  }
  return params.toString();
}

/** Filter → a query object for api.get (same keys and formats as filterToSearch). */
export function filterToQuery(f: PatentFilterWithQ): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [k, v] of new URLSearchParams(filterToSearch(f))) out[k] = v;
  return out;
}

export interface FilterNames {
  /** chain id → name (id 0 means all chains). */
  chains?: Map<number, string> | Record<number, string> | { id: number; name: string }[];
  /** region code → name. */
  regions?: Map<string, string> | Record<string, string> | { code: string; name: string }[];
}

function lookup<K extends string | number>(
  src: Map<K, string> | Record<string, string> | { id?: number; code?: string; name: string }[] | undefined,
  key: K,
): string | undefined {
  if (!src) return undefined;
  if (src instanceof Map) return src.get(key);
  if (Array.isArray(src)) return src.find((x) => String(x.id ?? x.code) === String(key))?.name;
  return (src as Record<string, string>)[String(key)];
}

/**
 * A Chinese summary of a filter, e.g. 产业链：新材料；地区：泰山区；类型：发明. Returns '' when nothing is filtered.
 * Unknown chain ids or region codes are shown as their number so the summary never hides a filter.
 */
export function filterLabel(f: PatentFilterWithQ, names: FilterNames = {}): string {
  const parts: string[] = [];
  if (f.q) parts.push(`关键词：${f.q}`);
  if (f.chainId !== undefined && f.chainId !== 0) {
    parts.push(`产业链：${lookup(names.chains as never, f.chainId) ?? `编号 ${f.chainId}`}`);
  }
  if (f.region) parts.push(`地区：${lookup(names.regions as never, f.region) ?? f.region}`);
  if (f.type?.length) parts.push(`类型：${f.type.map((t) => PATENT_TYPE_LABELS[t]).join('、')}`);
  if (f.status?.length) parts.push(`法律状态：${f.status.map((s) => LEGAL_STATUS_LABELS[s]).join('、')}`);
  if (f.yearFrom !== undefined || f.yearTo !== undefined) {
    if (f.yearFrom !== undefined && f.yearTo !== undefined) {
      parts.push(f.yearFrom === f.yearTo ? `申请年：${f.yearFrom}年` : `申请年：${f.yearFrom}—${f.yearTo}年`);
    } else if (f.yearFrom !== undefined) parts.push(`申请年：${f.yearFrom}年起`);
    else parts.push(`申请年：${f.yearTo}年及以前`);
  }
  if (f.applicant) parts.push(`申请人：${f.applicant}`);
  if (f.seiBranch) parts.push(`战略性新兴产业分支：${f.seiBranch}`);
  if (f.ipc) parts.push(`分类号：${f.ipc}`);
  if (f.highValue === true) parts.push('仅高价值发明专利');
  else if (f.highValue === false) parts.push('非高价值发明专利');
  if (f.hvCategory) parts.push(`高价值类别：${HIGH_VALUE_CATEGORY_LABELS[f.hvCategory]}`);
  return parts.join('；');
}

/** Select options (Chinese labels) for the filter bars. */
export const PATENT_TYPE_OPTIONS = PATENT_TYPES.map((t) => ({ value: t, label: PATENT_TYPE_LABELS[t] }));
export const LEGAL_STATUS_OPTIONS = LEGAL_STATUSES.map((s) => ({ value: s, label: LEGAL_STATUS_LABELS[s] }));
export const HIGH_VALUE_CATEGORY_OPTIONS = HIGH_VALUE_CATEGORIES.map((c) => ({ value: c, label: HIGH_VALUE_CATEGORY_LABELS[c] }));
/** Tag colours of the legal status. */
export const LEGAL_STATUS_COLORS: Record<LegalStatusCode, string> = {
  valid: 'green',
  invalid: 'default',
  pending: 'blue',
  unknown: 'default',
};
