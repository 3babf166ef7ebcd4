import type { PatentImportField } from '../contracts/patent';

/**
 * Patent information database (issue 5): pure normalisation of the fields of a Chinese patent export
 * (application/publication numbers, type, legal status, names, dates, IPC symbols, region of the first patentee).
 * No I/O: the server and the importer call these on every row.
 */

export type PatentType = 'invention' | 'utilityModel' | 'design';
export type LegalStatus = 'valid' | 'invalid' | 'pending' | 'unknown';

/** Full-width ASCII (Ａ-Ｚ, ０-９, ．, （ …) to half-width, ideographic space to a space. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// ---------------------------------------------------------------- application numbers

/**
 * Check character of a CNIPA application number (国家知识产权局《专利申请号标准》ZC 0006-2003): digits weighted
 * 2,3,4,5,6,7,8,9,2,3,4,5 (12-digit numbers since 2003) or 2..9 (8-digit numbers before 2003), sum mod 11, 10 written X.
 * Verified against the 10 real numbers of the sample export (patentsemantix_henan_10.csv).
 */
export function appNoCheckChar(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error(`appNoCheckChar: digits expected, got ${digits}`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (2 + (i % 8));
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const APP_TYPE_DIGITS = '12389';

/** 'CN202223220665.2' | '202223220665.2' | '2022232206652' | 'ZL 2022 2 3220665.2' | old '89100001.1' → display 'CN202223220665.2', key '2022232206652'; null if not an application number (incl. a wrong check character). */
export function normalizeAppNo(raw: string | null | undefined): { display: string; key: string } | null {
  if (raw == null) return null;
  let s = halfWidth(String(raw)).toUpperCase().replace(/\s+/g, '');
  s = s.replace(/^(ZL|CN)/, '');
  const m = /^(\d{12}|\d{8})(?:\.?([\dX]))?$/.exec(s);
  if (!m) return null;
  const digits = m[1];
  if (digits.length === 12) {
    const year = Number(digits.slice(0, 4));
    if (year < 2003 || year > 2099 || !APP_TYPE_DIGITS.includes(digits[4])) return null;
  } else if (!APP_TYPE_DIGITS.includes(digits[2])) {
    return null;
  }
  const check = appNoCheckChar(digits);
  // The check character is verified when present; a number written without it gets it computed.
  if (m[2] !== undefined && m[2] !== check) return null;
  return { display: `CN${digits}.${check}`, key: digits + check };
}

// ---------------------------------------------------------------- publication numbers

/** 'CN 218751475 U' → 'CN218751475U' (country + digits + kind code A/B/C/U/Y/S/D[+digit]); null otherwise. A number without a country is taken as CN. */
export function normalizePubNo(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = halfWidth(String(raw)).toUpperCase().replace(/[\s.\-_]+/g, '');
  const m = /^([A-Z]{2})?(\d{6,10})([ABCUYSD]\d?)$/.exec(s);
  if (!m) return null;
  return `${m[1] ?? 'CN'}${m[2]}${m[3]}`;
}

// ---------------------------------------------------------------- type and legal status

/** From the type text ('发明专利','发明授权','发明申请','发明公开','实用新型','外观设计'), else the application number's type digit (12-digit numbers: 5th digit 1/8 invention, 2/9 utility model, 3 design), else the publication kind code (A/B/C invention, U/Y utility model, S/D design). */
export function patentTypeFrom(rawType: string | null | undefined, appNo: string | null, pubNo: string | null): PatentType | null {
  const t = halfWidth(rawType ?? '').trim().toLowerCase();
  if (t) {
    if (t.includes('发明') || t.includes('invention')) return 'invention';
    if (t.includes('实用') || t.includes('utility')) return 'utilityModel';
    if (t.includes('外观') || t.includes('design')) return 'design';
  }
  const a = normalizeAppNo(appNo);
  if (a) {
    const d = a.key.length === 13 ? a.key[4] : a.key[2];
    if (d === '1' || d === '8') return 'invention';
    if (d === '2' || d === '9') return 'utilityModel';
    if (d === '3') return 'design';
  }
  const p = normalizePubNo(pubNo);
  if (p) {
    const kind = /([A-Z])\d?$/.exec(p)![1];
    if ('ABC'.includes(kind)) return 'invention';
    if ('UY'.includes(kind)) return 'utilityModel';
    if ('SD'.includes(kind)) return 'design';
  }
  return null;
}

/** Exact values of common exports (incoPat, 智慧芽, CNIPA 检索系统, the sample's '有权-审定授权'). */
const LEGAL_STATUS_EXACT: Record<string, LegalStatus> = {
  有效: 'valid', 有权: 'valid', 授权: 'valid', 专利权维持: 'valid', 部分无效: 'valid',
  失效: 'invalid', 无效: 'invalid', 无权: 'invalid', 全部无效: 'invalid',
  审中: 'pending', 公开: 'pending', 实质审查: 'pending', 受理: 'pending',
  // PCT 国际申请: 30 个月期限内尚可进入中国国家阶段
  'PCT-有效期内': 'pending', 'PCT-有效期满': 'invalid', 'PCT-未进入指定国': 'invalid',
  valid: 'valid', active: 'valid', granted: 'valid', invalid: 'invalid', inactive: 'invalid', dead: 'invalid',
  pending: 'pending', unknown: 'unknown', 未知: 'unknown',
};
/** Evaluated in order; the first rule whose term the text contains wins (so '有效期满' is tested before '有效'). */
const LEGAL_STATUS_RULES: [string, LegalStatus][] = [
  ['部分无效', 'valid'], // 部分无效宣告后专利权仍然有效（维持部分权利要求）
  ['有效期内', 'pending'],
  ['有效期满', 'invalid'],
  ['未缴年费', 'invalid'], ['终止', 'invalid'], ['失效', 'invalid'], ['无效', 'invalid'], ['放弃', 'invalid'],
  ['驳回', 'invalid'], ['撤回', 'invalid'], ['届满', 'invalid'], ['撤销', 'invalid'], ['无权', 'invalid'],
  ['审中', 'pending'], ['实质审查', 'pending'], ['实审', 'pending'], ['公开', 'pending'], ['受理', 'pending'], ['审查', 'pending'],
  ['有效', 'valid'], ['有权', 'valid'], ['授权', 'valid'], ['维持', 'valid'],
];

/** Table-driven: '有权-审定授权','有效','授权' → valid; '失效','权利终止','未缴年费终止','放弃','驳回','撤回','期限届满','全部无效' … → invalid; '审中','实质审查','公开','审中-实质审查','PCT-有效期内' → pending; empty/unrecognised → unknown. */
export function legalStatusFrom(raw: string | null | undefined): LegalStatus {
  const s = halfWidth(raw ?? '').replace(/\s+/g, '').replace(/[—–－]/g, '-');
  if (!s) return 'unknown';
  const exact = LEGAL_STATUS_EXACT[s] ?? LEGAL_STATUS_EXACT[s.toLowerCase()];
  if (exact) return exact;
  // '有权-审定授权' / '无权-未缴年费' / '审中-实质审查': the part before the dash is the status itself.
  const head = /^(有权|无权|审中)-/.exec(s);
  if (head) return head[1] === '有权' ? 'valid' : head[1] === '无权' ? 'invalid' : 'pending';
  for (const [term, status] of LEGAL_STATUS_RULES) if (s.includes(term)) return status;
  return 'unknown';
}

// ---------------------------------------------------------------- names, dates, yes/no

/** Splits applicants/inventors on ; ； , ， 、 | and newlines; trims, drops empties, dedupes, keeps order. */
export function splitNames(raw: string | null | undefined): string[] {
  if (raw == null) return [];
  const out: string[] = [];
  for (const part of String(raw).split(/[;；,，、|\r\n]+/)) {
    const name = part.replace(/\s+/g, ' ').trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

function ymd(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel serial day (1900 date system, with its 1900-02-29 bug: serial 60 is skipped by starting at 1899-12-30). */
function fromExcelSerial(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 1 || n > 80000) return undefined;
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86400000);
  return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** '20221202' | '2022-12-02' | '2022/12/2' | '2022.12.02' | '2022年12月2日' | Date | Excel serial number → 'YYYY-MM-DD'; null if empty; undefined for unparseable non-empty input (so the importer can report it). */
export function parseDateCn(raw: string | number | Date | null | undefined): string | null | undefined {
  if (raw == null) return null;
  // Exports write 0 (or 00000000) in 授权公告日 and the like for an application not yet granted: no date, not a bad date.
  if (raw === 0 || (typeof raw === 'string' && /^\s*0+\s*$/.test(raw))) return null;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return undefined;
    // exceljs and most readers give dates as UTC midnight
    return ymd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 19000101 && raw <= 21001231) return parseDateCn(String(raw));
    return fromExcelSerial(raw);
  }
  const s = halfWidth(raw).trim();
  if (!s) return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  if (/^\d{1,5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  return undefined;
}

/** Boolean-ish cells: 是/有/Y/true/1 → true; 否/无/N/false/0/'' → false; else undefined. */
export function parseYesNo(raw: unknown): boolean | undefined {
  if (raw == null) return false;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : undefined;
  const s = halfWidth(String(raw)).trim().toLowerCase();
  if (['是', '有', 'y', 'yes', 'true', '1', '√', '✓'].includes(s)) return true;
  if (['否', '无', 'n', 'no', 'false', '0', '', '-', '×'].includes(s)) return false;
  return undefined;
}

// ---------------------------------------------------------------- IPC

const IPC_RE = /^([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})(?:\/(\d{1,6}))?)?)?)?$/;

/** 'H01M 10/0525 (2006.01)' → 'H01M10/0525'; 'g06f' → 'G06F'; 'G06F11' → 'G06F11/00'; null if not an IPC symbol (section, class, subclass or group). */
export function normalizeIpc(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = halfWidth(String(raw))
    .toUpperCase()
    .replace(/\([^)]*\)/g, '') // version '(2006.01)'
    .replace(/\s+/g, '');
  const m = IPC_RE.exec(s);
  if (!m) return null;
  const [, section, cls, sub, main, subgroup] = m;
  if (!cls) return section;
  if (!sub) return section + cls;
  if (!main) return section + cls + sub;
  return `${section}${cls}${sub}${Number(main)}/${subgroup ?? '00'}`;
}

/** Splits a 分类号 cell on ; ； , ， | and newlines and normalises each; drops invalid ones (returns them in `invalid`). Keeps order, dedupes. */
export function splitIpcCodes(raw: string | null | undefined): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  if (raw == null) return { codes, invalid };
  for (const part of String(raw).split(/[;；,，|\r\n]+/)) {
    const t = part.trim();
    if (!t) continue;
    const c = normalizeIpc(t);
    if (c) {
      if (!codes.includes(c)) codes.push(c);
    } else invalid.push(t);
  }
  return { codes, invalid };
}

/** 'H01M10/0525' → 'H01M'; null below subclass level. */
export function ipcSubclass(code: string): string | null {
  const c = normalizeIpc(code);
  return c && c.length >= 4 ? c.slice(0, 4) : null;
}

/** 'H01M10/0525' → 'H01M10/00'; null for codes without a group. */
export function ipcMainGroup(code: string): string | null {
  const c = normalizeIpc(code);
  if (!c || !c.includes('/')) return null;
  return c.slice(0, c.indexOf('/')) + '/00';
}

/** Codes to look up Chinese titles for, from the section down: 'H01M10/0525' → ['H','H01','H01M','H01M10/00','H01M10/0525']. */
export function ipcLineage(code: string): string[] {
  const c = normalizeIpc(code);
  if (!c) return [];
  const out = [c.slice(0, 1)];
  if (c.length >= 3) out.push(c.slice(0, 3));
  if (c.length >= 4) out.push(c.slice(0, 4));
  const mg = ipcMainGroup(c);
  if (mg) out.push(mg);
  if (mg && mg !== c) out.push(c);
  return out;
}

// ---------------------------------------------------------------- regions

export interface DivisionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
}

interface Division extends DivisionRow {
  /** Names to look for in addresses: the full name, plus a short one for provinces and cities (山东省/山东, 泰安市/泰安). */
  aliases: string[];
}

export interface DivisionIndex {
  readonly byCode: ReadonlyMap<string, Division>;
  /** alias → divisions with that alias, per level */
  readonly provinces: ReadonlyMap<string, Division[]>;
  readonly cities: ReadonlyMap<string, Division[]>;
  readonly counties: ReadonlyMap<string, Division[]>;
}

/** NBS placeholders that are not place names (municipal districts, province-administered counties). */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const ETHNIC_SUFFIX =
  /(蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族$/;

function shortName(name: string, level: DivisionRow['level']): string | null {
  let s = name;
  if (level === 'province') s = s.replace(/(省|市|特别行政区|自治区)$/, '');
  else if (level === 'city') s = s.replace(/(市|地区|盟|自治州)$/, '');
  else return null;
  for (let i = 0; i < 3 && ETHNIC_SUFFIX.test(s); i++) s = s.replace(ETHNIC_SUFFIX, '');
  return s.length >= 2 && s !== name ? s : null;
}

export function buildDivisionIndex(rows: DivisionRow[]): DivisionIndex {
  const byCode = new Map<string, Division>();
  const maps = { province: new Map<string, Division[]>(), city: new Map<string, Division[]>(), county: new Map<string, Division[]>() };
  for (const r of rows) {
    const name = r.name.trim();
    const d: Division = { code: r.code.trim(), name, level: r.level, aliases: [] };
    byCode.set(d.code, d);
    if (PLACEHOLDER_NAMES.has(name)) continue;
    d.aliases.push(name);
    const short = shortName(name, r.level);
    if (short) d.aliases.push(short);
    for (const a of d.aliases) {
      const list = maps[r.level].get(a) ?? [];
      list.push(d);
      maps[r.level].set(a, list);
    }
  }
  return { byCode, provinces: maps.province, cities: maps.city, counties: maps.county };
}

type Found = { div: Division; len: number } | 'ambiguous' | null;

/**
 * Longest alias of the given maps (in priority order: province, city, county) that starts `text` at `pos`, restricted to
 * codes starting with `within`. Several divisions of the same level with that name: 'ambiguous' (we never guess).
 */
function matchAt(text: string, pos: number, maps: ReadonlyMap<string, Division[]>[], within: string): Found {
  for (let len = Math.min(16, text.length - pos); len >= 2; len--) {
    const sub = text.slice(pos, pos + len);
    for (const map of maps) {
      const hits = (map.get(sub) ?? []).filter((d) => d.code.startsWith(within));
      if (hits.length === 1) return { div: hits[0], len };
      if (hits.length > 1) return 'ambiguous';
    }
  }
  return null;
}

/** Province from a 国省代码 cell: '37', '山东', '山东;37', '河南(41)'. */
function provinceFromCode(raw: string, index: DivisionIndex): string | null {
  const s = halfWidth(raw).trim();
  for (const m of s.matchAll(/\d{2,}/g)) {
    const code = m[0].slice(0, 2);
    const d = index.byCode.get(code);
    if (d && d.level === 'province') return code;
  }
  for (const part of s.split(/[;；,，()（）\s]+/)) {
    const hits = index.provinces.get(part);
    if (hits && hits.length === 1) return hits[0].code;
  }
  return null;
}

/** Region of the first patentee: from the address (province, city, county names, full or short: 山东省/山东, 泰安市/泰安, 泰山区; municipalities; an address starting with a city or county name without province), else 国省代码 ('37', '山东', '山东;37', '河南(41)') → province only. A county is resolved only inside the resolved city, or when its name is unique nationwide. */
export function resolveRegion(
  address: string | null | undefined,
  provinceCodeRaw: string | null | undefined,
  index: DivisionIndex,
): { provinceCode: string | null; cityCode: string | null; countyCode: string | null; source: 'address' | 'provinceCode' | 'none' } {
  const text = halfWidth(address ?? '')
    .replace(/\s+/g, '')
    .replace(/^\d{6}/, '') // 邮政编码 before the address in CNIPA exports ('450000河南省郑州市…')
    .replace(/^(中华人民共和国|中国)/, '');
  let province: Division | null = null;
  let city: Division | null = null;
  let county: Division | null = null;
  if (text) {
    let pos = 0;
    const first = matchAt(text, 0, [index.provinces, index.cities, index.counties], '');
    if (first && first !== 'ambiguous') {
      pos = first.len;
      if (first.div.level === 'province') province = first.div;
      else if (first.div.level === 'city') city = first.div;
      else county = first.div;
    }
    if (province) {
      const next = matchAt(text, pos, [index.cities, index.counties], province.code);
      if (next && next !== 'ambiguous') {
        pos += next.len;
        if (next.div.level === 'city') city = next.div;
        else county = next.div;
      }
    }
    if (city && !county) {
      const c = matchAt(text, pos, [index.counties], city.code);
      if (c && c !== 'ambiguous') county = c.div;
      else if (!c) {
        // a county further on in the address (泰安市高新区…岱岳区…), full names only and only inside the resolved city
        for (let p = pos + 1; p < text.length - 1 && !county; p++) {
          const later = matchAt(text, p, [index.counties], city.code);
          if (later && later !== 'ambiguous' && later.div.name === text.slice(p, p + later.len)) county = later.div;
        }
      }
    }
    if (county) {
      city = index.byCode.get(county.code.slice(0, 4)) ?? city;
      province = index.byCode.get(county.code.slice(0, 2)) ?? province;
    } else if (city) {
      province = index.byCode.get(city.code.slice(0, 2)) ?? province;
    } else if (province && index.byCode.get(`${province.code}01`)?.name === '市辖区') {
      // 直辖市 (北京市, 上海市 …): the NBS city level is a '市辖区' placeholder
      city = index.byCode.get(`${province.code}01`)!;
    }
    if (province) {
      return { provinceCode: province.code, cityCode: city?.code ?? null, countyCode: county?.code ?? null, source: 'address' };
    }
  }
  const p = provinceCodeRaw ? provinceFromCode(provinceCodeRaw, index) : null;
  if (p) return { provinceCode: p, cityCode: null, countyCode: null, source: 'provinceCode' };
  return { provinceCode: null, cityCode: null, countyCode: null, source: 'none' };
}

/** Name of a division; a municipality's '市辖区' city level is named after the municipality (1101 → 北京市). */
export function regionName(code: string, index: DivisionIndex): string | null {
  const d = index.byCode.get(code);
  if (!d) return null;
  if (PLACEHOLDER_NAMES.has(d.name) && d.level === 'city') return index.byCode.get(code.slice(0, 2))?.name ?? d.name;
  return d.name;
}

/** Whole years from the filing date to asOf (维持年限); null without a filing date. */
export function maintenanceYears(appDate: string | null, asOf: string): number | null {
  if (!appDate) return null;
  const [y1, m1, d1] = appDate.slice(0, 10).split('-').map(Number);
  const [y2, m2, d2] = asOf.slice(0, 10).split('-').map(Number);
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years--;
  return Math.max(0, years);
}

// ---------------------------------------------------------------- import column mapping

export const PATENT_FIELD_LABELS: Record<PatentImportField, string> = {
  appNo: '申请号',
  appDate: '申请日',
  pubNo: '公开（公告）号',
  pubDate: '公开（公告）日',
  grantNo: '授权公告号',
  grantDate: '授权公告日',
  patentType: '专利类型',
  title: '专利名称',
  abstract: '摘要',
  applicants: '申请人（专利权人）',
  applicantAddress: '申请人地址',
  provinceCode: '国省代码',
  mainIpc: '主分类号',
  ipcCodes: '分类号',
  legalStatus: '法律状态',
  inventors: '发明人',
  agency: '专利代理机构',
  foreignFamilyGranted: '海外同族授权',
  pledgeAmount: '质押金额（万元）',
};

/** Header texts seen in CNIPA, incoPat, 智慧芽 and 佰腾 exports and in public data sets; the first is the preferred one. */
export const PATENT_FIELD_ALIASES: Record<PatentImportField, string[]> = {
  appNo: ['申请号', '专利申请号', '申请号码', 'application_number', 'application_no', 'app_no', 'appno', 'Application Number'],
  appDate: ['申请日', '申请日期', 'application_date', 'app_date', 'filing_date', 'Application Date'],
  pubNo: ['公开(公告)号', '公开号', '公告号', '公开公告号', '文献号', 'publication_numbers', 'publication_number', 'pub_no', 'Publication Number'],
  pubDate: ['公开(公告)日', '公开日', '公告日', '公开日期', '公开公告日', 'publication_date', 'pub_date', 'Publication Date'],
  grantNo: ['授权公告号', '授权号', 'grant_number', 'grant_no'],
  grantDate: ['授权公告日', '授权日', '授权日期', 'grant_date'],
  patentType: ['专利类型', '类型', '专利种类', 'patent_type', 'Patent Type', 'type'],
  title: ['专利名称', '标题', '名称', '发明名称', '中文标题', 'patent_title', 'title', 'Title'],
  abstract: ['摘要', '申请摘要', '中文摘要', 'abstract', 'Abstract'],
  applicants: ['申请人', '专利权人', '当前权利人', '申请(专利权)人', '申请人/专利权人', '第一申请人', '第一权利人', 'applicants', 'applicant', 'assignee'],
  applicantAddress: ['申请人地址', '地址', '专利权人地址', '第一申请人地址', 'applicant_address', 'address'],
  provinceCode: ['国省代码', '申请人所在省', '省份', 'province_code', 'province'],
  mainIpc: ['主分类号', 'IPC主分类', 'IPC主分类号', '主IPC', 'main_ipc', 'Main IPC'],
  ipcCodes: ['分类号', 'IPC', 'IPC分类号', 'IPC分类', '国际专利分类号', 'ipc_subclasses', 'ipc_codes', 'ipc'],
  legalStatus: ['法律状态', '当前法律状态', '专利法律状态', '简单法律状态', 'legal_status', 'Legal Status'],
  inventors: ['发明人', '发明(设计)人', '设计人', '当前发明人', 'inventors', 'inventor'],
  agency: ['专利代理机构', '代理机构', '当前专利代理机构', 'agency', 'Agency'],
  // Not 同族专利: that column lists the family members, it does not say whether one is granted abroad.
  foreignFamilyGranted: ['海外同族授权', '海外同族', '是否有海外同族授权', 'foreign_family_granted'],
  pledgeAmount: ['质押金额', '质押金额(万元)', '质押融资金额', '质押融资金额(万元)', 'pledge_amount'],
};

/** Header words that keep a column from being matched by "contains" to a field (申请人地址 is not 申请人, CPC分类号 is not 分类号). */
const CONTAINS_AVOID: Partial<Record<PatentImportField, string[]>> = {
  applicants: ['地址', '类型', '数量', '邮编', '国别', '省'],
  inventors: ['第一', '数量'],
  ipcCodes: ['CPC', 'FI', '主', 'LOC', '外观'],
  mainIpc: ['CPC', 'FI'],
  title: ['授权', '英文', '原文', '申请人', '权利人', '发明人', '设计人', '代理', '机构', '分类'],
  appNo: ['国际', '优先权'],
  appDate: ['国际', '优先权'],
  pubNo: ['国际'],
  pubDate: ['国际'],
  legalStatus: ['事件'],
  agency: ['变更'],
};

function normHeader(s: string): string {
  return halfWidth(s)
    .toLowerCase()
    .replace(/[\s_\-()[\]【】（）:：*]/g, '');
}

/** Best column for each field by exact alias, then normalised (spaces, brackets, full-width, case) alias, then contains; each column used once. */
export function suggestPatentMapping(headers: string[]): Record<PatentImportField, number | null> {
  const fields = Object.keys(PATENT_FIELD_ALIASES) as PatentImportField[];
  const result = Object.fromEntries(fields.map((f) => [f, null])) as Record<PatentImportField, number | null>;
  const used = new Set<number>();
  const trimmed = headers.map((h) => (h ?? '').replace(/^\uFEFF/, '').trim());
  const normed = trimmed.map(normHeader);
  const passes: ((h: number, alias: string, f: PatentImportField) => boolean)[] = [
    (h, alias) => trimmed[h] === alias,
    (h, alias) => normed[h] === normHeader(alias),
    (h, alias, f) => {
      const a = normHeader(alias);
      // short Latin aliases ('ipc', 'type') only match whole headers
      if (a.length < 2 || (/^[a-z]+$/.test(a) && a.length < 5)) return false;
      return normed[h].includes(a) && !(CONTAINS_AVOID[f] ?? []).some((w) => normed[h].includes(normHeader(w)));
    },
  ];
  for (const pass of passes) {
    for (const f of fields) {
      if (result[f] !== null) continue;
      search: for (const alias of PATENT_FIELD_ALIASES[f]) {
        for (let h = 0; h < trimmed.length; h++) {
          if (!used.has(h) && pass(h, alias, f)) {
            result[f] = h;
            used.add(h);
            break search;
          }
        }
      }
    }
  }
  return result;
}
