import { describe, expect, it } from 'vitest';
import {
  SUBMISSION_ACTION_LIST,
  SUBMISSION_EVENTS,
  SUBMISSION_STATUS_LIST,
  allowedSubmissionActions,
  bigramCandidateFilter,
  diceSimilarity,
  nameBigrams,
  nextSubmissionStatus,
  normalizeRespondentName,
  rateOutcome,
  respondentNamesClose,
  submissionActionAllowed,
  type SubmissionAction,
  type SubmissionStatus,
} from './submission-workflow';

// The whole table, spelled out: a change to the workflow must change this test on purpose.
const EXPECTED: Record<SubmissionStatus, Partial<Record<SubmissionAction, SubmissionStatus>>> = {
  received: { register: 'registered', link: 'received', merge: 'merged', close: 'closed' },
  registered: { register: 'registered', link: 'registered', merge: 'merged', close: 'closed', dispatch: 'dispatched' },
  reopened: { register: 'reopened', link: 'reopened', merge: 'merged', close: 'closed', dispatch: 'dispatched' },
  closed: { rate: 'closed', link: 'closed' },
  merged: {},
  dispatched: { link: 'dispatched' },
  inProgress: { link: 'inProgress' },
};

describe('submission workflow table', () => {
  const cases = SUBMISSION_STATUS_LIST.flatMap((s) => SUBMISSION_ACTION_LIST.map((a) => [s, a] as const));
  it.each(cases)('%s + %s', (status, action) => {
    const expected = EXPECTED[status][action];
    expect(submissionActionAllowed(status, action)).toBe(expected !== undefined);
    if (expected) expect(nextSubmissionStatus(status, action)).toBe(expected);
  });

  it('lists the allowed actions for the 409 answer', () => {
    expect(allowedSubmissionActions('received')).toEqual(['register', 'link', 'merge', 'close']);
    expect(allowedSubmissionActions('merged')).toEqual([]);
  });

  it('dispatches only a classified (registered) or reopened submission (暂行办法 第三十七条)', () => {
    expect(SUBMISSION_STATUS_LIST.filter((s) => submissionActionAllowed(s, 'dispatch'))).toEqual(['registered', 'reopened']);
  });

  it.each([
    ['satisfied', 'closed'],
    ['basicallySatisfied', 'closed'],
    ['dissatisfied', 'reopened'],
  ] as const)('rating %s leaves the submission %s', (sat, status) => {
    expect(rateOutcome(sat)).toBe(status);
  });

  it('shows exactly the public steps on the portal', () => {
    const pub = Object.entries(SUBMISSION_EVENTS).filter(([, e]) => e.public).map(([k]) => k);
    expect(pub).toEqual([
      'receive', 'dispatch', 'sign', 'accept', 'reject', 'mediation', 'terminateMediation', 'verify', 'fileCase', 'declineCase', 'caseDecision',
      'merge', 'close', 'rate', 'reopen',
    ]);
  });
});

describe('respondent name normalisation and similarity', () => {
  it.each([
    ['某某科技有限公司', '某某科技'],
    ['某某科技公司', '某某科技'],
    ['某某科技 股份有限公司', '某某科技'],
    ['泰安市某某商贸有限责任公司', '泰安市某某商贸'],
    ['（泰安）某某商行', '泰安某某'],
    ['ＡＢＣ 旗舰店', 'abc'],
    ['公司', '公司'],
    ['张三五金店', '张三五金'],
  ])('%s → %s', (input, norm) => {
    expect(normalizeRespondentName(input)).toBe(norm);
  });

  it.each([
    ['某某科技有限公司', '某某科技公司', true],
    ['泰山某某茶叶有限公司', '泰山某某茶业有限公司', true], // one character apart: Dice 0.8
    ['泰安市某某商贸有限公司', '泰安某某商贸有限公司', false], // 0.73: below the threshold
    ['泰安某某食品有限公司', '泰安某某餐饮有限公司', false],
    ['甲乙丙丁戊', '完全不同的名称', false],
  ] as const)('%s ~ %s: %s', (a, b, close) => {
    expect(respondentNamesClose(a, b).close).toBe(close);
  });

  it('computes Dice on bigram sets', () => {
    expect(nameBigrams('某某科技')).toEqual(['某某', '某科', '科技']);
    expect(nameBigrams('甲')).toEqual(['甲']);
    expect(diceSimilarity(['ab', 'bc'], ['ab', 'bc'])).toBe(1);
    expect(diceSimilarity(['ab', 'bc'], ['ab', 'cd'])).toBe(0.5);
    expect(diceSimilarity([], [])).toBe(0);
  });
});

describe('bigram candidate filter (exact for Dice ≥ 0.8)', () => {
  it('uses all k-subsets for short names and disjoint groups for long ones', () => {
    expect(bigramCandidateFilter(['ab', 'bc', 'cd'])).toEqual({ groups: [['ab', 'bc'], ['ab', 'cd'], ['bc', 'cd']], minSize: 2, maxSize: 4 });
    const long = bigramCandidateFilter(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
    expect(long.groups).toHaveLength(4); // n 9, k 6: 4 disjoint groups
    expect(long.groups.flat().sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
    expect(bigramCandidateFilter([])).toEqual({ groups: [], minSize: 0, maxSize: 0 });
  });

  it('seeds every group with one of the rarest bigrams when their frequencies are known', () => {
    // 泰安礼岳东农业科技: region 泰安, 字号 礼岳东, trade 农业科技; counts as over a city's recent submissions
    const counts: Record<string, number> = { 泰安: 3000, 科技: 900, 业科: 300, 农业: 250, 东农: 40, 安礼: 45, 礼岳: 2, 岳东: 3 };
    const f = bigramCandidateFilter(nameBigrams('泰安礼岳东农业科技'), (b) => counts[b] ?? 0);
    expect(f.groups).toEqual([['安礼', '礼岳', '科技'], ['农业', '岳东', '泰安'], ['业科', '东农']]); // 礼岳, 岳东, 东农 one each
    // without frequencies: the sorted order, the same guarantee
    expect(bigramCandidateFilter(nameBigrams('泰安礼岳东农业科技')).groups).toEqual([['业科', '安礼', '礼岳'], ['东农', '岳东', '科技'], ['农业', '泰安']]);
  });

  it('never loses a pair with Dice ≥ 0.8 (random sets)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pool = Array.from({ length: 14 }, (_, i) => `g${i}`);
    for (let trial = 0; trial < 3000; trial++) {
      const pick = () => pool.filter(() => rnd() < 0.5);
      const a = pick();
      const b = rnd() < 0.5 ? a.filter(() => rnd() < 0.9).concat(pool.filter(() => rnd() < 0.08)) : pick();
      const dice = diceSimilarity(a, b);
      if (dice < 0.8 || a.length === 0) continue;
      const f = bigramCandidateFilter(a, trial % 2 ? (x) => (x.charCodeAt(1) * 7919) % 13 : undefined);
      const setB = new Set(b);
      expect(setB.size >= f.minSize && setB.size <= f.maxSize).toBe(true);
      expect(f.groups.some((g) => g.every((x) => setB.has(x)))).toBe(true);
    }
  });
});
