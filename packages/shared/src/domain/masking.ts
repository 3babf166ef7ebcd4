/**
 * Masking of personal data for lists and published documents (PIPL practice, user-expectations.md §5.4).
 * All functions are null/empty-safe: null, undefined and '' are returned unchanged. Characters are counted as
 * Unicode code points, so rare characters outside the BMP (e.g. 𠮷) count as one.
 */

type Maybe = string | null | undefined;

function chars(s: string): string[] {
  return Array.from(s);
}

/** Keep `keepStart` leading and `keepEnd` trailing characters and replace each character between with '*'. */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string;
export function maskMiddle(value: Maybe, keepStart: number, keepEnd: number): Maybe;
export function maskMiddle(value: Maybe, keepStart: number, keepEnd: number): Maybe {
  if (!value) return value;
  const c = chars(value);
  if (keepStart + keepEnd >= c.length) return '*'.repeat(c.length);
  return c.slice(0, keepStart).join('') + '*'.repeat(c.length - keepStart - keepEnd) + c.slice(c.length - keepEnd).join('');
}

/**
 * Phone numbers: first 3 + '*' … + last 4, same length: '13812341234' → '138****1234',
 * '0538-8221234' → '053*****1234'. Shorter than 8 characters: only the last 2 stay visible.
 */
export function maskPhone(value: string): string;
export function maskPhone(value: Maybe): Maybe;
export function maskPhone(value: Maybe): Maybe {
  if (!value) return value;
  return chars(value).length >= 8 ? maskMiddle(value, 3, 4) : maskMiddle(value, 0, 2);
}

/**
 * Identity document numbers: first 6 (the region code) + '*' … + last 4, same length:
 * '11010519491231002X' → '110105********002X'; 15-digit numbers → 6 + 5 stars + 4. Shorter than 11 characters
 * (passports, permits): first 1 and last 2 stay visible; shorter than 7: fully masked.
 */
export function maskIdNo(value: string): string;
export function maskIdNo(value: Maybe): Maybe;
export function maskIdNo(value: Maybe): Maybe {
  if (!value) return value;
  const n = chars(value).length;
  if (n > 10) return maskMiddle(value, 6, 4);
  return n >= 7 ? maskMiddle(value, 1, 2) : '*'.repeat(n);
}

/**
 * Personal names: the surname stays visible, every other character becomes '*' (same length).
 * 1 character → '*'; 2–3 characters → the first character ('张三' → '张*', '李小明' → '李**');
 * 4 or more → the first two, because 4-character Han names usually have a compound surname
 * ('欧阳娜娜' → '欧阳**', '司马相如' → '司马**').
 * Names with a middle dot (minority and foreign names, '·' or '•'): the first character stays, the dots stay,
 * everything else is masked ('买买提·艾力' → '买**·**').
 */
export function maskName(value: string): string;
export function maskName(value: Maybe): Maybe;
export function maskName(value: Maybe): Maybe {
  if (!value) return value;
  const trimmed = value.trim();
  const c = chars(trimmed);
  if (c.some((x) => x === '·' || x === '•' || x === '・')) {
    return c.map((x, i) => (i === 0 || x === '·' || x === '•' || x === '・' ? x : '*')).join('');
  }
  if (c.length <= 1) return '*'.repeat(c.length);
  const keep = c.length >= 4 ? 2 : 1;
  return c.slice(0, keep).join('') + '*'.repeat(c.length - keep);
}

const MUNICIPALITY_RE = /^(北京市|天津市|上海市|重庆市)/;
const PROVINCE_RE = /^[^省市区县]{2,12}?(?:省|自治区|特别行政区)/;
/** Prefecture level: 市, 自治州, 地区, 盟. No digits or street words, so it cannot run into the street part. */
const CITY_RE = /^[^省市区县\d路街道号巷弄镇乡村]{1,10}?(?:自治州|地区|盟|市)/;
/** County level: 区, 县 (incl. 自治县), 市 (county-level city), 旗 (incl. 自治旗). */
const COUNTY_RE = /^[^省市区县\d路街道号巷弄镇乡村]{1,12}?(?:区|县|市|旗)/;

/**
 * Address: keeps the administrative part up to the county level (province / city / the first 区, 县, 市 or 旗
 * after the city) and replaces the rest with '****':
 * '山东省泰安市泰山区财源街道东岳大街1号' → '山东省泰安市泰山区****', '北京市海淀区中关村大街1号' → '北京市海淀区****'.
 * When no county is found, the part recognised so far is kept; when nothing is recognised the whole address
 * becomes '****'. An address that is only the administrative part is returned unchanged.
 */
export function maskAddress(value: string): string;
export function maskAddress(value: Maybe): Maybe;
export function maskAddress(value: Maybe): Maybe {
  if (!value) return value;
  let pos = 0;
  const take = (re: RegExp): boolean => {
    const m = re.exec(value.slice(pos));
    if (!m) return false;
    pos += m[0].length;
    return true;
  };
  if (!take(MUNICIPALITY_RE)) {
    take(PROVINCE_RE);
    take(CITY_RE);
  }
  take(COUNTY_RE);
  if (pos === 0) return '****';
  if (pos >= value.length) return value;
  return value.slice(0, pos) + '****';
}

/**
 * E-mail: the first character of the local part + '***' + the domain: 'dong@126.com' → 'd***@126.com'.
 * Without '@' the value is treated as a local part ('dong' → 'd***').
 */
export function maskEmail(value: string): string;
export function maskEmail(value: Maybe): Maybe;
export function maskEmail(value: Maybe): Maybe {
  if (!value) return value;
  const at = value.lastIndexOf('@');
  const local = at < 0 ? value : value.slice(0, at);
  const domain = at < 0 ? '' : value.slice(at);
  if (!local) return value;
  return chars(local)[0] + '***' + domain;
}
