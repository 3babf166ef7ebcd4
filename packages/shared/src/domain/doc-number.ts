/**
 * 文号 of enforcement documents: 机关代字 + 文书代字 + 〔年份〕 + 序号 + 号, e.g. 泰岱市监罚〔2026〕5号 (GB/T 9704-2012 7.2.4:
 * the year in hexagonal brackets 〔〕, the number without leading zeros and without 第).
 */

/** Short region names drop these suffixes before the first character is taken (泰安市 → 泰, 岱岳区 → 岱). */
const REGION_SUFFIXES = ['自治县', '市', '区', '县'];

function stem(name: string): string {
  const base = name.replace(/市场监督管理局.*$/, '').replace(/市场监管所$/, '');
  for (const s of REGION_SUFFIXES) if (base.endsWith(s) && base.length > s.length) return base.slice(0, base.length - s.length);
  return base;
}

/**
 * The 机关代字 of a unit from its own and its city's names: the city's first character, then the county's first character,
 * then 市监 (泰安市市场监督管理局 → 泰市监, 岱岳区市场监督管理局 → 泰岱市监). When the county's first character equals the
 * city's (泰山区 under 泰安), the county's first two characters are used (泰泰山 would read oddly: 泰山市监).
 */
export function organCode(cityName: string, countyName?: string | null): string {
  const city = stem(cityName);
  const c1 = Array.from(city)[0] ?? '';
  if (!countyName) return `${c1}市监`;
  const county = Array.from(stem(countyName));
  if (county[0] === c1) return `${county.slice(0, 2).join('')}市监`;
  return `${c1}${county[0] ?? ''}市监`;
}

/** 泰岱市监 + 罚 + 〔2026〕 + 5 + 号. */
export function formatDocNo(organ: string, kindWord: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('序号应为正整数');
  return `${organ}${kindWord}〔${year}〕${seq}号`;
}
