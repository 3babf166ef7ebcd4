import { describe, expect, it } from 'vitest';
import {
  addStatCounts,
  avgWorkingDays,
  CASE_REVIEW_SHEET,
  CASE_REVIEW_TOTAL,
  caseReviewGrade,
  checkExtensionRequest,
  emptyStatCounts,
  EXTENSION_POLICIES,
  nextExtension,
  NOT_EXTENDABLE,
  onTimeRate,
  scoreCaseReview,
  yuanToWan,
} from './supervision-rules';

type Req = { amount: number; unit: 'workingDays' | 'calendarDays' | 'months'; collective: boolean };
const wd = (amount: number, collective = false): Req => ({ amount, unit: 'workingDays', collective });
const cd = (amount: number, collective = false): Req => ({ amount, unit: 'calendarDays', collective });

describe('extension limits (延期)', () => {
  // [rule key, extensions approved so far, request, expected code (ok = allowed)]
  const table: [string, number, Req, string][] = [
    // 市场监督管理行政处罚程序规定 第十八条: one extension of at most 15 working days, head approval.
    ['lead.verification', 0, wd(15), 'ok'],
    ['lead.verification', 0, wd(10), 'ok'],
    ['lead.verification', 0, wd(16), 'tooLong'],
    ['lead.verification', 0, cd(15), 'unitMismatch'],
    ['lead.verification', 0, wd(15, true), 'collectiveNotApplicable'],
    ['lead.verification', 1, wd(5), 'exhausted'],
    // 暂行办法 第二十三条: the same for a lead found in mediation.
    ['mediation.leadVerification', 0, wd(15), 'ok'],
    ['mediation.leadVerification', 1, wd(15), 'exhausted'],
    // 行政处罚法 第六十条 + 程序规定: first ≤ 30 days by the head; then only by collective decision (our cap 90 days each).
    ['penalty.decision', 0, cd(30), 'ok'],
    ['penalty.decision', 0, cd(31), 'tooLong'],
    ['penalty.decision', 0, cd(30, true), 'collectiveNotApplicable'],
    ['penalty.decision', 0, wd(20), 'unitMismatch'],
    ['penalty.decision', 1, cd(30), 'collectiveRequired'],
    ['penalty.decision', 1, cd(60, true), 'ok'],
    ['penalty.decision', 1, cd(90, true), 'ok'],
    ['penalty.decision', 1, cd(91, true), 'tooLong'],
    ['penalty.decision', 2, cd(45, true), 'ok'],
    ['penalty.decision', 2, cd(45), 'collectiveRequired'],
    // 行政强制法 第二十五条: seizure once, at most 30 days.
    ['penalty.seizure', 0, cd(30), 'ok'],
    ['penalty.seizure', 0, cd(31), 'tooLong'],
    ['penalty.seizure', 1, cd(10), 'exhausted'],
    // 法制审核: head approval, at most 10 working days, once.
    ['penalty.legalReview', 0, wd(10), 'ok'],
    ['penalty.legalReview', 0, wd(11), 'tooLong'],
    ['penalty.legalReview', 1, wd(3), 'exhausted'],
    // 暂行办法 第二十一条: the 45-working-day mediation period is a hard end.
    ['complaint.mediation', 0, wd(5), 'notExtendable'],
    ['complaint.acceptance', 0, wd(1), 'notExtendable'],
    ['penalty.finePayment', 0, cd(10), 'notExtendable'],
    ['penalty.publication', 0, wd(5), 'notExtendable'],
    ['some.unknown.rule', 0, wd(5), 'notExtendable'],
  ];
  it.each(table)('%s after %i approved, %o → %s', (ruleKey, approved, req, expected) => {
    const r = checkExtensionRequest(ruleKey, approved, req);
    expect(r.ok ? 'ok' : r.code).toBe(expected);
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('the mediation refusal cites 第二十一条 and the pause for testing (第二十条)', () => {
    const r = nextExtension('complaint.mediation', 0);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('第二十一条');
      expect(r.message).toContain('第二十条');
    }
    expect(NOT_EXTENDABLE['complaint.mediation']).toContain('四十五个工作日');
  });

  it('the second penalty-decision extension asks for the collective decision', () => {
    const r = checkExtensionRequest('penalty.decision', 1, cd(30));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('集体讨论');
  });

  it('a rule amount in force (data) overrides the first step limit', () => {
    expect(checkExtensionRequest('lead.verification', 0, wd(12), { firstStepMaxAmount: 10 }).ok).toBe(false);
    expect(checkExtensionRequest('lead.verification', 0, wd(10), { firstStepMaxAmount: 10 }).ok).toBe(true);
    const n = nextExtension('penalty.decision', 1, { firstStepMaxAmount: 20 });
    expect(n.ok && n.step.maxAmount).toBe(90);
  });

  it('every policy has a basis, a Chinese note and steps', () => {
    for (const p of Object.values(EXTENSION_POLICIES)) {
      expect(p.steps.length).toBeGreaterThan(0);
      expect(p.basis).toMatch(/《.+》/);
      expect(p.note).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('case-file review (案卷评查)', () => {
  const full = () => CASE_REVIEW_SHEET.map((i) => ({ key: i.key, score: i.max, note: null as string | null }));

  it('the sheet sums to 100', () => {
    expect(CASE_REVIEW_TOTAL).toBe(100);
    expect(new Set(CASE_REVIEW_SHEET.map((i) => i.key)).size).toBe(CASE_REVIEW_SHEET.length);
  });

  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.5, 'qualified'],
    [75, 'qualified'],
    [74.5, 'unqualified'],
    [0, 'unqualified'],
  ] as const)('total %d → %s', (total, grade) => {
    expect(caseReviewGrade(total)).toBe(grade);
  });

  it('scores a full sheet: total and grade', () => {
    const items = full();
    items[1]!.score = 12.5;
    items[1]!.note = '询问笔录未记录执法证件出示情况';
    items[5]!.score = 10;
    items[5]!.note = '未在告知书中载明听证权利';
    const r = scoreCaseReview(items);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.total).toBe(92.5);
      expect(r.grade).toBe('excellent');
      expect(r.items[1]).toMatchObject({ key: 'investigation', title: '调查取证', max: 15, score: 12.5 });
    }
  });

  it('reports each bad item with its path', () => {
    const items = full();
    items[0]!.score = 11; // over the max of 10
    items[2]!.score = 14.3; // not a half point
    items[3]!.score = 8; // deduction without a reason
    items.push({ key: 'bogus', score: 1, note: null });
    const r = scoreCaseReview(items.filter((i) => i.key !== 'archiving'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['items.0.score', 'items.2.score', 'items.3.note', 'items.9.key', 'items']));
      expect(r.issues.find((i) => i.path === 'items.0.score')!.message).toContain('最高 10 分');
      expect(r.issues.find((i) => i.path === 'items')!.message).toContain('归档');
    }
  });

  it('a duplicate item is refused', () => {
    const items = [...full(), { key: 'filing', score: 10, note: null }];
    const r = scoreCaseReview(items);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe(`items.${items.length - 1}.key`);
  });
});

describe('statistics arithmetic', () => {
  it('sums counts, money in fen, derived figures from the sums', () => {
    const a = { ...emptyStatCounts(), fineYuan: 0.1, closedCases: 2, closedWorkingDays: 37, deadlinesCompleted: 4, deadlinesOnTime: 3 };
    const b = { ...emptyStatCounts(), fineYuan: 0.2, closedCases: 1, closedWorkingDays: 20, deadlinesCompleted: 0, deadlinesOnTime: 0 };
    const s = addStatCounts(a, b);
    expect(s.fineYuan).toBe(0.3);
    expect(avgWorkingDays(s)).toBe(19);
    expect(onTimeRate(s)).toBe(0.75);
    expect(avgWorkingDays(emptyStatCounts())).toBeNull();
    expect(onTimeRate(emptyStatCounts())).toBeNull();
    expect(yuanToWan(12500)).toBe(1.25);
    expect(yuanToWan(255000.5)).toBe(25.5);
  });
});
