import { describe, expect, it } from 'vitest';
import {
  checkPenalty,
  fineDue,
  fineLimitFor,
  formatYuan,
  isMoneyAmount,
  isPublishedPenalty,
  onSpotCollectionAllowed,
  patentCounterfeitingFineLimit,
  toFen,
  trademarkFineLimit,
  type PenaltyCheckInput,
} from './penalty-rules';

describe('商标法 第六十条第二款: fine limit from the illegal turnover', () => {
  it.each([
    // [违法经营额, 上限]
    [null, 250_000],
    [0, 250_000],
    [1, 250_000],
    [49_999.99, 250_000],
    [50_000, 250_000], // 五万元以上 → 5×: 250,000 either way
    [50_000.01, 250_000.05],
    [60_000, 300_000],
    [1_234_567.89, 6_172_839.45],
  ])('turnover %s → max %s', (turnover, max) => {
    expect(trademarkFineLimit(turnover).maxFine).toBe(max);
    expect(trademarkFineLimit(turnover).basis).toBe('商标法 第六十条第二款');
  });

  it('reads the database numeric strings', () => {
    expect(trademarkFineLimit('60000.00').maxFine).toBe(300_000);
  });
});

describe('专利法 第六十八条: fine limit from the illegal gains', () => {
  it.each([
    [null, 250_000],
    [0, 250_000],
    [49_999.99, 250_000],
    [50_000, 250_000], // 在五万元以下 (inclusive) → 25 万元
    [50_000.01, 250_000.05],
    [100_000, 500_000],
  ])('gains %s → max %s', (gains, max) => {
    expect(patentCounterfeitingFineLimit(gains).maxFine).toBe(max);
  });

  it('has no coded limit for other case types', () => {
    expect(fineLimitFor('agencyViolation', {})).toBeNull();
    expect(fineLimitFor('trademarkInfringement', { illegalTurnover: 100_000 })!.maxFine).toBe(500_000);
  });
});

const base: PenaltyCheckInput = {
  caseType: 'trademarkInfringement',
  procedure: 'ordinary',
  partyKind: 'organization',
  penaltyKinds: ['fine', 'confiscateGoods', 'orderToStop'],
  fineAmount: 100_000,
  illegalTurnover: null,
  repeatWithin5Years: false,
  decisionSummary: '责令立即停止侵权行为，没收侵权商品，罚款十万元。',
};

describe('checkPenalty: ordinary procedure', () => {
  it.each([
    // [违法经营额, 罚款, ok]
    [null, 250_000, true],
    [null, 250_000.01, false],
    [49_999.99, 250_000, true],
    [49_999.99, 250_000.01, false],
    [50_000, 250_000, true],
    [50_000, 250_000.01, false],
    [60_000, 300_000, true],
    [60_000, 300_000.01, false],
  ])('trademark: turnover %s, fine %s → ok %s', (turnover, fine, ok) => {
    const r = checkPenalty({ ...base, illegalTurnover: turnover, fineAmount: fine });
    expect(r.ok).toBe(ok);
    if (!ok) {
      expect(r.issues[0]).toMatchObject({ field: 'fineAmount', article: '商标法 第六十条第二款' });
      expect(r.issues[0]!.message).toContain('超过法定上限');
    }
  });

  it.each([
    [null, 250_000, true],
    [null, 250_000.01, false],
    [50_000, 250_000, true],
    [50_000, 250_000.01, false],
    [80_000, 400_000, true],
    [80_000, 400_000.01, false],
  ])('patent counterfeiting: gains %s, fine %s → ok %s', (gains, fine, ok) => {
    const r = checkPenalty({ ...base, caseType: 'patentCounterfeiting', penaltyKinds: ['fine', 'orderToCorrect'], illegalGains: gains, fineAmount: fine });
    expect(r.ok).toBe(ok);
    if (!ok) expect(r.issues[0]!.article).toBe('专利法 第六十八条');
    expect(r.notes.join()).toContain('责令改正并予公告');
  });

  it('a repeat infringer within five years: the decision must state 从重', () => {
    const without = checkPenalty({ ...base, repeatWithin5Years: true });
    expect(without.ok).toBe(false);
    expect(without.heavier).toBe(true);
    expect(without.issues).toEqual([expect.objectContaining({ field: 'decisionSummary', article: '商标法 第六十条第二款' })]);
    const withWord = checkPenalty({ ...base, repeatWithin5Years: true, decisionSummary: '当事人五年内两次以上侵权，依法从重处罚，罚款十万元。' });
    expect(withWord.ok).toBe(true);
    // the limit itself does not change
    expect(withWord.limit!.maxFine).toBe(250_000);
  });

  it('kinds and amounts agree', () => {
    expect(checkPenalty({ ...base, penaltyKinds: ['orderToStop'] }).issues.map((i) => i.field)).toContain('penaltyKinds');
    expect(checkPenalty({ ...base, penaltyKinds: ['fine'], fineAmount: null }).issues[0]!.field).toBe('fineAmount');
    expect(checkPenalty({ ...base, penaltyKinds: ['warning'], fineAmount: 100 }).issues[0]!.field).toBe('penaltyKinds');
    expect(checkPenalty({ ...base, penaltyKinds: ['warning', 'confiscateGains'], fineAmount: null }).issues[0]!.field).toBe('confiscatedAmount');
    const over = checkPenalty({ ...base, caseType: 'patentCounterfeiting', penaltyKinds: ['confiscateGains'], fineAmount: null, illegalGains: 1000, confiscatedAmount: 1000.01 });
    expect(over.issues[0]!.field).toBe('confiscatedAmount');
  });

  it('reminds that infringing goods are confiscated and destroyed (商标法 第六十条)', () => {
    expect(checkPenalty({ ...base, penaltyKinds: ['fine'] }).notes.join()).toContain('没收、销毁侵权商品');
    expect(checkPenalty(base).notes).toEqual([]);
  });

  it('decisions without a penalty pass', () => {
    expect(checkPenalty({ ...base, decision: 'noPenalty', penaltyKinds: [], fineAmount: 9e9 }).ok).toBe(true);
  });
});

describe('checkPenalty: simplified procedure (行政处罚法 第五十一条)', () => {
  const simple = (partyKind: 'person' | 'organization', fine: number | null, kinds: PenaltyCheckInput['penaltyKinds'] = ['fine']) =>
    checkPenalty({ ...base, procedure: 'simplified', partyKind, fineAmount: fine, penaltyKinds: kinds, decisionSummary: '罚款' });
  it.each([
    ['person', 200, true],
    ['person', 200.01, false],
    ['organization', 3_000, true],
    ['organization', 3_000.01, false],
    ['person', 3_000, false],
  ] as const)('%s fined %s → ok %s', (kind, fine, ok) => {
    const r = simple(kind, fine);
    expect(r.ok).toBe(ok);
    if (!ok) expect(r.issues[0]).toMatchObject({ field: 'fineAmount', article: '行政处罚法 第五十一条' });
  });

  it('a warning alone is allowed; confiscation is not', () => {
    expect(simple('person', null, ['warning']).ok).toBe(true);
    const r = simple('organization', 100, ['fine', 'confiscateGoods']);
    expect(r.issues[0]).toMatchObject({ field: 'penaltyKinds', article: '行政处罚法 第五十一条' });
  });

  it('simplified decisions are never published', () => {
    expect(simple('organization', 3_000).published).toBe(false);
  });
});

describe('publication (总局令第45号 第二条) and execution', () => {
  it.each([
    [['fine'], 'ordinary', 'penalty', true],
    [['warning'], 'ordinary', 'penalty', false],
    [['warning', 'orderToCorrect'], 'ordinary', 'penalty', false],
    [['warning', 'fine'], 'ordinary', 'penalty', true],
    [['confiscateGoods'], 'ordinary', 'penalty', true],
    [['fine'], 'simplified', 'penalty', false],
    [[], 'ordinary', 'noPenalty', false],
  ] as const)('%j %s %s → published %s', (kinds, procedure, decision, published) => {
    expect(isPublishedPenalty({ procedure, decision, penaltyKinds: kinds })).toBe(published);
  });

  it('a fine is due only when fined more than zero', () => {
    expect(fineDue(['fine'], '100.00')).toBe(true);
    expect(fineDue(['fine'], 0)).toBe(false);
    expect(fineDue(['warning'], 100)).toBe(false);
  });

  it('on-the-spot collection (第六十八条): 100 元 or less, or hard to collect later', () => {
    expect(onSpotCollectionAllowed(100, 'smallFine')).toBe(true);
    expect(onSpotCollectionAllowed(100.01, 'smallFine')).toBe(false);
    expect(onSpotCollectionAllowed(2_000, 'hardToEnforce')).toBe(true);
    expect(onSpotCollectionAllowed(null, 'hardToEnforce')).toBe(false);
  });
});

describe('money', () => {
  it('counts in whole fen', () => {
    expect(toFen(0.1 + 0.2)).toBe(30);
    expect(toFen('250000.01')).toBe(25_000_001);
    expect(toFen(null)).toBeNull();
  });
  it('formats as ¥12,500.00', () => {
    expect(formatYuan(12_500)).toBe('¥12,500.00');
    expect(formatYuan('1234567.8')).toBe('¥1,234,567.80');
    expect(formatYuan(0.05)).toBe('¥0.05');
    expect(formatYuan(null)).toBe('—');
  });
  it('accepts amounts with at most two decimals', () => {
    expect(isMoneyAmount(12.34)).toBe(true);
    expect(isMoneyAmount(0.07)).toBe(true);
    expect(isMoneyAmount(12.345)).toBe(false);
    expect(isMoneyAmount(-1)).toBe(false);
    expect(isMoneyAmount(Number.NaN)).toBe(false);
  });
});
