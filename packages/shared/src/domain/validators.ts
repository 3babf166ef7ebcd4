/**
 * Validators for Chinese identifiers and account passwords (user-expectations.md §5.3, §5.5).
 * Pure functions. The `is...` functions are strict: callers normalise input (trim, upper-case) explicitly first.
 */
import { isIsoDate } from './calendar';
import type { IsoDate } from './calendar';

// ---------------------------------------------------------------------------------------------------------------
// 统一社会信用代码 (unified social credit code), GB 32100-2015
// ---------------------------------------------------------------------------------------------------------------

/** The 31 code characters of GB 32100-2015, in value order (no I, O, Z, S, V). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^i mod 31 for i = 0..16 (GB 32100-2015 §5). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character of the first 17 characters of a USCC, or undefined if they use a character outside the set. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]; // 31 → 0
}

export type UsccProblem = 'format' | 'checkChar';

export interface UsccCheck {
  ok: boolean;
  problem?: UsccProblem;
  /** Chinese message for the form. */
  message?: string;
  /** Position 1: 登记管理部门代码 (9 = 市场监管/工商). */
  registrationAuthority?: string;
  /** Position 2: 机构类别代码 (1 = 企业, 2 = 个体工商户, 3 = 农民专业合作社 under authority 9). */
  organizationType?: string;
  /** Positions 3–8: GB/T 2260 登记管理机关行政区划码. */
  regionCode?: string;
  /** Positions 9–17: 主体标识码 (GB 11714 organisation code, with its own check character at position 17). */
  organizationCode?: string;
  /** Whether positions 9–17 also pass the GB 11714 check (informational; not required for `ok`). */
  organizationCodeCheckOk?: boolean;
}

/** GB 11714-1997 organisation code check: weights 3,7,9,10,5,8,4,2; C9 = 11 − (Σ mod 11), 10 → 'X', 11 → '0'. */
export function isOrganizationCode(code: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return false;
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = code.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * w[i]; // '0'-'9' → 0-9, 'A'-'Z' → 10-35
  }
  const r = 11 - (sum % 11);
  const expected = r === 10 ? 'X' : r === 11 ? '0' : String(r);
  return code[8] === expected;
}

/** Detailed USCC check: which problem, plus the decoded parts. Upper-case only (normalise input first). */
export function checkUscc(code: string): UsccCheck {
  if (typeof code !== 'string' || !USCC_RE.test(code)) {
    return { ok: false, problem: 'format', message: '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）' };
  }
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) {
    return { ok: false, problem: 'checkChar', message: '统一社会信用代码校验位不正确，请核对' };
  }
  const organizationCode = code.slice(8, 17);
  return {
    ok: true,
    registrationAuthority: code[0],
    organizationType: code[1],
    regionCode: code.slice(2, 8),
    organizationCode,
    organizationCodeCheckOk: isOrganizationCode(organizationCode),
  };
}

/** 统一社会信用代码, GB 32100-2015: charset, digits in positions 3–8, and the mod-31 check character. */
export function isUscc(code: string): boolean {
  return checkUscc(code).ok;
}

// ---------------------------------------------------------------------------------------------------------------
// 居民身份证号码 (resident identity card number), GB 11643-1999
// ---------------------------------------------------------------------------------------------------------------

/** Province-level codes that can start an ID number (71 台湾, 81 香港, 82 澳门, 83 台湾居民居住证). */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Is this a valid 2-digit province-level prefix? */
export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of the first 17 digits, or undefined if they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/**
 * Normalise user input before validation: trim, drop inner spaces, and upper-case a trailing 'x'.
 * isResidentIdNo itself accepts only the upper-case 'X' written in GB 11643.
 */
export function normalizeResidentIdNo(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export type ResidentIdProblem = 'format' | 'province' | 'birthDate' | 'checkChar';

export interface ResidentIdCheck {
  ok: boolean;
  problem?: ResidentIdProblem;
  message?: string;
  provinceCode?: string;
  /** Positions 1–6: 常住户口所在县（市、旗、区）的行政区划代码. */
  regionCode?: string;
  birthDate?: IsoDate;
  /** Position 17: odd = male, even = female. */
  sex?: 'male' | 'female';
}

const MIN_BIRTH_DATE = '1900-01-01';

/**
 * Detailed check of an 18-character resident ID number (GB 11643-1999): 17 digits + check character
 * (digit or upper-case 'X'), a known province prefix, a real birth date from 1900-01-01 on (and not after
 * `options.today` when given), and the mod-11 check character.
 */
export function checkResidentIdNo(id: string, options: { today?: IsoDate } = {}): ResidentIdCheck {
  if (typeof id !== 'string' || !/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, problem: 'format', message: '身份证号码应为 18 位，前 17 位为数字，最后一位为数字或大写 X' };
  }
  const provinceCode = id.slice(0, 2);
  if (!PROVINCE_CODES.has(provinceCode)) {
    return { ok: false, problem: 'province', message: '身份证号码的地区码不正确' };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < MIN_BIRTH_DATE || (options.today !== undefined && birthDate > options.today)) {
    return { ok: false, problem: 'birthDate', message: '身份证号码中的出生日期不正确' };
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, problem: 'checkChar', message: '身份证号码校验位不正确，请核对' };
  }
  return {
    ok: true,
    provinceCode,
    regionCode: id.slice(0, 6),
    birthDate,
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
}

/** 18-character resident ID number (GB 11643-1999). Strict: a lower-case 'x' fails; use normalizeResidentIdNo first. */
export function isResidentIdNo(id: string, options: { today?: IsoDate } = {}): boolean {
  return checkResidentIdNo(id, options).ok;
}

// ---------------------------------------------------------------------------------------------------------------
// Telephone numbers
// ---------------------------------------------------------------------------------------------------------------

/** Mainland mobile number, 11 digits: ^1[3-9]\d{9}$ (no +86, no separators). */
export function isMobile(s: string): boolean {
  return typeof s === 'string' && /^1[3-9]\d{9}$/.test(s);
}

/**
 * Mainland landline with area code. 3-digit area codes (010, 020–029) take an 8-digit local number; 4-digit area
 * codes (03xx–09xx) take 7 or 8 digits. A local number never starts with 0 or 1. Accepted forms: '0538-8221234',
 * '05388221234', '(0538)8221234', '010 12345678', with an optional extension '-123' / '转123'.
 */
export function isLandline(s: string): boolean {
  return (
    typeof s === 'string' &&
    // 010 and 020–029: 8-digit local number | 03xx–09xx: 7- or 8-digit local number
    (/^(?:\(0(?:10|2\d)\)|0(?:10|2\d)[-\s]?)[2-9]\d{7}(?:(?:-|转)\d{1,6})?$/.test(s) ||
      /^(?:\(0[3-9]\d{2}\)|0[3-9]\d{2}[-\s]?)[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$/.test(s))
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 行政区划代码 (administrative division codes, GB/T 2260 and the NBS 统计用区划代码)
// ---------------------------------------------------------------------------------------------------------------

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

const REGION_LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'township',
  12: 'village',
};

/** Segment boundaries: 省 2 | 市 2 | 县 2 | 乡 3 | 村 3. */
const SEGMENT_ENDS = [2, 4, 6, 9, 12];

/**
 * A region code in the short form used by this project: 2 digits (province), 4 (city), 6 (county), 9 (township),
 * 12 (village). Structurally valid: a known province prefix, a non-zero city segment, and a non-zero last segment
 * (a zero tail means the code is a padded code of a higher level: '370900' is the city 3709 — see
 * normalizeRegionCode). The county segment may be '00' below the county level: cities without counties
 * (东莞 4419, 中山 4420, 儋州 4604) have townships such as '441900003'.
 */
export function isRegionCode(s: string): boolean {
  if (typeof s !== 'string' || !/^\d+$/.test(s)) return false;
  if (REGION_LEVEL_BY_LENGTH[s.length] === undefined) return false;
  if (!PROVINCE_CODES.has(s.slice(0, 2))) return false;
  if (s.length >= 4 && s.slice(2, 4) === '00') return false;
  if (s.length >= 6) {
    const lastStart = SEGMENT_ENDS[SEGMENT_ENDS.indexOf(s.length) - 1];
    if (/^0+$/.test(s.slice(lastStart))) return false;
  }
  return true;
}

/**
 * Strip all-zero trailing segments of a padded code: '370000' → '37', '370900' → '3709',
 * '370902000000' → '370902'. Returns undefined for anything that is not 2/4/6/9/12 digits.
 */
export function normalizeRegionCode(s: string): string | undefined {
  if (typeof s !== 'string' || !/^\d+$/.test(s) || REGION_LEVEL_BY_LENGTH[s.length] === undefined) return undefined;
  let code = s;
  while (code.length > 2) {
    const i = SEGMENT_ENDS.indexOf(code.length);
    const prevEnd = SEGMENT_ENDS[i - 1];
    if (!/^0+$/.test(code.slice(prevEnd))) break;
    code = code.slice(0, prevEnd);
  }
  return code;
}

/** Level of a region code by its length, or undefined if the code is not structurally valid. */
export function regionLevel(code: string): RegionLevel | undefined {
  return isRegionCode(code) ? REGION_LEVEL_BY_LENGTH[code.length] : undefined;
}

/**
 * Proper ancestors, from the province down: regionAncestors('370902001') → ['37', '3709', '370902'].
 * Empty for a province or an invalid code.
 */
export function regionAncestors(code: string): string[] {
  if (!isRegionCode(code)) return [];
  return SEGMENT_ENDS.filter((end) => end < code.length).map((end) => code.slice(0, end));
}

// ---------------------------------------------------------------------------------------------------------------
// Passwords (等保 2.0 三级 practice, GB/T 22239-2019 身份鉴别: 口令复杂度)
// ---------------------------------------------------------------------------------------------------------------

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

export interface PasswordCheck {
  ok: boolean;
  /** Chinese messages, empty when ok. */
  problems: string[];
}

/**
 * Password policy: 8–64 characters (counted as Unicode code points); at least 3 of the 4 classes upper-case
 * letters, lower-case letters, digits, symbols (any other character); must not contain the user name
 * (case-insensitive).
 */
export function checkPassword(password: string, options: { username?: string } = {}): PasswordCheck {
  const problems: string[] = [];
  const chars = Array.from(password ?? '');
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`密码长度不能少于 ${PASSWORD_MIN_LENGTH} 位`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`密码长度不能超过 ${PASSWORD_MAX_LENGTH} 位`);
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const c of chars) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;
  }
  const classes = [upper, lower, digit, symbol].filter(Boolean).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、特殊符号中的至少 3 类');
  const username = options.username?.trim();
  if (username && (password ?? '').toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  return { ok: problems.length === 0, problems };
}
