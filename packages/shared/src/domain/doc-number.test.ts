import { describe, expect, it } from 'vitest';
import { formatDocNo, organCode } from './doc-number';

describe('文号', () => {
  it.each([
    ['泰安市市场监督管理局', undefined, '泰市监'],
    ['泰安市市场监督管理局', '岱岳区市场监督管理局', '泰岱市监'],
    ['泰安市市场监督管理局', '泰山区市场监督管理局', '泰山市监'],
    ['泰安市市场监督管理局', '新泰市市场监督管理局', '泰新市监'],
    ['潍坊市市场监督管理局', '寿光市市场监督管理局', '潍寿市监'],
  ])('organCode(%s, %s) = %s', (city, county, code) => {
    expect(organCode(city, county)).toBe(code);
  });

  it('writes the year in 〔〕 and the number without leading zeros', () => {
    expect(formatDocNo('泰岱市监', '罚', 2026, 5)).toBe('泰岱市监罚〔2026〕5号');
    expect(() => formatDocNo('泰市监', '立', 2026, 0)).toThrow();
  });
});
