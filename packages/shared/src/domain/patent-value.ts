import type { HighValueCategory } from '../contracts/patent';
import { maintenanceYears, type LegalStatus, type PatentType } from './patent-normalize';

/**
 * 高价值发明专利 (CNIPA, legal-rules.md §2.1) and the KPI 每万人口高价值发明专利拥有量 (§2.2), plus quarter helpers for
 * the quarterly report. Pure functions.
 */

export interface HighValueInput {
  patentType: PatentType;
  legalStatus: LegalStatus;
  appDate: string | null;
  seiBranches: string[];
  foreignFamilyGranted: boolean;
  pledgeAmountWan: number | null;
  awarded: boolean;
}

export const HV_REASON_NOT_INVENTION = '非发明专利';
export const HV_REASON_NOT_VALID = '专利权不在有效状态';
export const HV_REASON_NO_CATEGORY = '不符合五类情形中的任何一类';

/**
 * CNIPA's five categories. They are evaluated for invention patents only (all false otherwise); over10Years = more than 10
 * whole years since the filing date at asOf (exactly 10 is not "超过10年"); pledge = amount ≥ threshold (万元, configurable
 * because the threshold is not published). isHighValue = invention AND valid AND any category.
 */
export function highValueCategories(
  p: HighValueInput,
  opts: { asOf: string; pledgeThresholdWan: number },
): { categories: Record<HighValueCategory, boolean>; isHighValue: boolean; reasonIfNot: string | null } {
  const inv = p.patentType === 'invention';
  const years = maintenanceYears(p.appDate, opts.asOf);
  const categories: Record<HighValueCategory, boolean> = {
    sei: inv && p.seiBranches.length > 0,
    foreignFamily: inv && p.foreignFamilyGranted,
    over10Years: inv && years !== null && years > 10,
    pledge: inv && p.pledgeAmountWan !== null && p.pledgeAmountWan >= opts.pledgeThresholdWan,
    award: inv && p.awarded,
  };
  const any = Object.values(categories).some(Boolean);
  // 只统计有效发明专利（legal-rules.md §2.1）
  const reasonIfNot = !inv ? HV_REASON_NOT_INVENTION : p.legalStatus !== 'valid' ? HV_REASON_NOT_VALID : !any ? HV_REASON_NO_CATEGORY : null;
  return { categories, isHighValue: reasonIfNot === null, reasonIfNot };
}

/** 每万人口高价值发明专利拥有量 = count ÷ population (万人), 2 decimals; null when population missing or ≤ 0. */
export function kpiPer10k(highValueCount: number, populationWan: number | null | undefined): number | null {
  if (populationWan == null || !Number.isFinite(populationWan) || populationWan <= 0) return null;
  return Math.round((highValueCount / populationWan) * 100 + 1e-9) / 100;
}

function parseQuarter(q: string): { y: number; n: number } {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) throw new Error(`季度格式应为 2026Q3: ${q}`);
  return { y: Number(m[1]), n: Number(m[2]) };
}

/** '2026Q3' → { from: '2026-07-01', to: '2026-09-30' } (both inclusive). */
export function quarterRange(q: string): { from: string; to: string } {
  const { y, n } = parseQuarter(q);
  const m1 = (n - 1) * 3 + 1;
  const m3 = m1 + 2;
  const last = new Date(Date.UTC(y, m3, 0)).getUTCDate();
  const p = (x: number) => String(x).padStart(2, '0');
  return { from: `${y}-${p(m1)}-01`, to: `${y}-${p(m3)}-${p(last)}` };
}

/** '2026Q1' → '2025Q4' */
export function previousQuarter(q: string): string {
  const { y, n } = parseQuarter(q);
  return n === 1 ? `${y - 1}Q4` : `${y}Q${n - 1}`;
}

/** '2026Q3' → '2025Q3' */
export function sameQuarterLastYear(q: string): string {
  const { y, n } = parseQuarter(q);
  return `${y - 1}Q${n}`;
}

/** '2026-08-15' → '2026Q3' */
export function quarterOf(date: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD: ${date}`);
  return `${m[1]}Q${Math.floor((Number(m[2]) - 1) / 3) + 1}`;
}

/** Percentage change, 1 decimal ((cur - prev) / prev × 100); null when prev is 0. */
export function changeRate(cur: number, prev: number): number | null {
  if (prev === 0) return null;
  const v = ((cur - prev) / prev) * 100;
  // half away from zero, so a fall rounds like a rise (-2.25 → -2.3)
  return (Math.sign(v) * Math.round(Math.abs(v) * 10 + 1e-9)) / 10;
}
