import { describe, expect, it } from 'vitest';
import type { HighValueCategory } from '../contracts/patent';
import {
  changeRate,
  highValueCategories,
  kpiPer10k,
  previousQuarter,
  quarterOf,
  quarterRange,
  sameQuarterLastYear,
  type HighValueInput,
} from './patent-value';

const base: HighValueInput = {
  patentType: 'invention',
  legalStatus: 'valid',
  appDate: '2020-05-01',
  seiBranches: [],
  foreignFamilyGranted: false,
  pledgeAmountWan: null,
  awarded: false,
};
const opts = { asOf: '2026-03-01', pledgeThresholdWan: 1000 };
const none: Record<HighValueCategory, boolean> = { sei: false, foreignFamily: false, over10Years: false, pledge: false, award: false };

describe('highValueCategories (CNIPA five categories, legal-rules.md §2.1)', () => {
  it.each([
    ['SEI invention, valid', { seiBranches: ['3.2'] }, { ...none, sei: true }, true, null],
    ['foreign family', { foreignFamilyGranted: true }, { ...none, foreignFamily: true }, true, null],
    ['filed exactly 10 years before asOf: not more than 10', { appDate: '2016-03-01' }, none, false, '不符合五类情形中的任何一类'],
    ['10 years and 1 day', { appDate: '2016-02-29' }, none, false, '不符合五类情形中的任何一类'],
    ['11 whole years', { appDate: '2015-03-01' }, { ...none, over10Years: true }, true, null],
    ['pledge exactly at the threshold counts', { pledgeAmountWan: 1000 }, { ...none, pledge: true }, true, null],
    ['pledge just below', { pledgeAmountWan: 999.99 }, none, false, '不符合五类情形中的任何一类'],
    ['award', { awarded: true }, { ...none, award: true }, true, null],
    ['several categories count once', { seiBranches: ['1.1'], awarded: true }, { ...none, sei: true, award: true }, true, null],
    ['no filing date', { appDate: null }, none, false, '不符合五类情形中的任何一类'],
    ['valid utility model in SEI is never high-value', { patentType: 'utilityModel', seiBranches: ['1.1'], awarded: true }, none, false, '非发明专利'],
    ['design', { patentType: 'design', foreignFamilyGranted: true }, none, false, '非发明专利'],
    ['invalid invention in SEI', { legalStatus: 'invalid', seiBranches: ['1.1'] }, { ...none, sei: true }, false, '专利权不在有效状态'],
    ['pending invention in SEI', { legalStatus: 'pending', seiBranches: ['1.1'] }, { ...none, sei: true }, false, '专利权不在有效状态'],
    ['unknown status', { legalStatus: 'unknown', awarded: true }, { ...none, award: true }, false, '专利权不在有效状态'],
  ] as [string, Partial<HighValueInput>, Record<HighValueCategory, boolean>, boolean, string | null][])(
    '%s',
    (_name, patch, categories, isHighValue, reasonIfNot) => {
      expect(highValueCategories({ ...base, ...patch }, opts)).toEqual({ categories, isHighValue, reasonIfNot });
    },
  );
});

describe('kpiPer10k (每万人口高价值发明专利拥有量)', () => {
  it.each([
    [1000, 540.4, 1.85], // 1.8504 → 1.85
    [0, 540.4, 0],
    [9400, 1000, 9.4],
    [1, 3, 0.33],
    [2, 3, 0.67],
    [5, 1000, 0.01], // 0.005 rounds up
    [10, 0, null],
    [10, -1, null],
    [10, null, null],
    [10, undefined, null],
  ] as [number, number | null | undefined, number | null][])('%s / %s万人 = %s', (n, pop, out) => expect(kpiPer10k(n, pop)).toBe(out));
});

describe('quarters', () => {
  it.each([
    ['2026Q1', '2026-01-01', '2026-03-31', '2025Q4', '2025Q1'],
    ['2026Q2', '2026-04-01', '2026-06-30', '2026Q1', '2025Q2'],
    ['2026Q3', '2026-07-01', '2026-09-30', '2026Q2', '2025Q3'],
    ['2026Q4', '2026-10-01', '2026-12-31', '2026Q3', '2025Q4'],
  ])('%s', (q, from, to, prev, lastYear) => {
    expect(quarterRange(q)).toEqual({ from, to });
    expect(previousQuarter(q)).toBe(prev);
    expect(sameQuarterLastYear(q)).toBe(lastYear);
    expect(quarterOf(from)).toBe(q);
    expect(quarterOf(to)).toBe(q);
  });
  it('rejects malformed quarters', () => {
    expect(() => quarterRange('2026Q5')).toThrow();
    expect(() => previousQuarter('2026-3')).toThrow();
  });
});

describe('changeRate', () => {
  it.each([
    [110, 100, 10],
    [90, 100, -10],
    [1, 3, -66.7],
    [2, 3, -33.3],
    [4, 3, 33.3],
    [100, 100, 0],
    [5, 0, null],
    [0, 0, null],
  ] as [number, number, number | null][])('%s vs %s → %s', (cur, prev, out) => expect(changeRate(cur, prev)).toBe(out));
});
