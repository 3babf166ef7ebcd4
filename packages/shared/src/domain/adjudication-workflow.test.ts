import { describe, expect, it } from 'vitest';
import {
  ADJUDICATION_ACTION_LIST,
  ADJUDICATION_PUBLIC_STEPS,
  ADJUDICATION_STATUS_LIST,
  ADJUDICATION_WORKFLOW,
  adjudicationActionAllowed,
  allowedAdjudicationActions,
  evaluationReportExpected,
  nextAdjudicationStatus,
  panelProblem,
  type AdjudicationAction,
  type AdjudicationStatus,
} from './adjudication-workflow';

/**
 * The expected table, written out independently of the implementation: for each status, every allowed action and the
 * status it leads to ('=' stays). Every pair not listed must be refused.
 */
const PRE = {
  assignPanel: '=', requestEvaluationReport: '=', startAppraisal: '=', endAppraisal: '=', requestAssist: '=', refuseSuspension: '=',
  suspend: 'suspended', dismissNoReport: 'closed', withdraw: 'closed', settle: 'closed', startDamagesMediation: '=',
} as const;

const EXPECTED: Record<AdjudicationStatus, Partial<Record<AdjudicationAction, AdjudicationStatus | '='>>> = {
  requested: { file: 'filed', reject: 'notAccepted', requestAssist: '=', withdraw: 'closed' },
  notAccepted: {},
  filed: { serveRequest: 'answering', ...PRE },
  answering: { serveRequest: '=', recordAnswer: '=', forwardAnswer: '=', scheduleHearing: 'hearingScheduled', chooseWrittenReview: 'deliberating', ...PRE },
  hearingScheduled: { recordAnswer: '=', forwardAnswer: '=', scheduleHearing: '=', holdHearing: 'deliberating', chooseWrittenReview: 'deliberating', ...PRE },
  deliberating: { forwardAnswer: '=', scheduleHearing: 'hearingScheduled', decide: 'decided', ...PRE },
  // resume goes back to the status before the suspension (tested below).
  suspended: { resume: 'deliberating', dismissInvalidated: 'closed', withdraw: 'closed', settle: 'closed', startDamagesMediation: '=' },
  decided: { serveDecision: 'lawsuitWindow', startDamagesMediation: '=', publish: '=', unpublish: '=' },
  lawsuitWindow: { serveDecision: '=', recordLawsuit: 'inLitigation', becomeEffective: 'effective', startDamagesMediation: '=', publish: '=', unpublish: '=' },
  // recordJudgment depends on the judgment (tested below); upheld → effective.
  inLitigation: { recordJudgment: 'effective', publish: '=', unpublish: '=' },
  effective: { recordPerformance: '=', recordNonPerformance: '=', applyEnforcement: '=', close: 'closed', startDamagesMediation: '=', publish: '=', unpublish: '=' },
  closed: { publish: '=', unpublish: '=' },
  revoked: { unpublish: '=' },
};

const pairs = ADJUDICATION_STATUS_LIST.flatMap((s) => ADJUDICATION_ACTION_LIST.map((a) => [s, a] as const));

describe('adjudication status × action table', () => {
  it('covers every status', () => {
    expect(Object.keys(ADJUDICATION_WORKFLOW).sort()).toEqual([...ADJUDICATION_STATUS_LIST].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...ADJUDICATION_STATUS_LIST].sort());
  });

  it.each(pairs)('%s × %s', (status, action) => {
    const expected = EXPECTED[status][action];
    expect(adjudicationActionAllowed(status, action)).toBe(expected !== undefined);
    expect(allowedAdjudicationActions(status).includes(action)).toBe(expected !== undefined);
    if (expected !== undefined) {
      expect(nextAdjudicationStatus(status, action, { judgment: 'upheld' })).toBe(expected === '=' ? status : expected);
    }
  });

  it('register is never an action on an existing case (it is the first log row)', () => {
    for (const s of ADJUDICATION_STATUS_LIST) expect(adjudicationActionAllowed(s, 'register')).toBe(false);
  });

  it('the terminal statuses allow nothing but the publication', () => {
    expect(allowedAdjudicationActions('notAccepted')).toEqual([]);
    expect(allowedAdjudicationActions('revoked')).toEqual(['unpublish']);
  });

  it.each(['filed', 'answering', 'hearingScheduled', 'deliberating'] as const)('resume returns to %s, where the suspension began', (before) => {
    expect(adjudicationActionAllowed(before, 'suspend')).toBe(true);
    expect(nextAdjudicationStatus(before, 'suspend')).toBe('suspended');
    expect(nextAdjudicationStatus('suspended', 'resume', { statusBeforeSuspension: before })).toBe(before);
  });

  it('the judgment: upheld or changed → effective, revoked → revoked', () => {
    expect(nextAdjudicationStatus('inLitigation', 'recordJudgment', { judgment: 'upheld' })).toBe('effective');
    expect(nextAdjudicationStatus('inLitigation', 'recordJudgment', { judgment: 'changed' })).toBe('effective');
    expect(nextAdjudicationStatus('inLitigation', 'recordJudgment', { judgment: 'revoked' })).toBe('revoked');
  });

  it('the public steps are actions of the table', () => {
    for (const s of ADJUDICATION_PUBLIC_STEPS) expect(ADJUDICATION_ACTION_LIST).toContain(s);
  });
});

describe('panelProblem (合议组: 三名以上单数, one 主审)', () => {
  const m = (userId: number, role: 'chief' | 'member' = 'member') => ({ userId, role });
  it.each([
    ['three with a chief', [m(1, 'chief'), m(2), m(3)], null],
    ['five with a chief', [m(1, 'chief'), m(2), m(3), m(4), m(5)], null],
    ['two', [m(1, 'chief'), m(2)], '合议组应由三名以上办案人员组成'],
    ['one', [m(1, 'chief')], '合议组应由三名以上办案人员组成'],
    ['none', [], '合议组应由三名以上办案人员组成'],
    ['four', [m(1, 'chief'), m(2), m(3), m(4)], '合议组成员应为单数'],
    ['no chief', [m(1), m(2), m(3)], '合议组应指定一名主审'],
    ['two chiefs', [m(1, 'chief'), m(2, 'chief'), m(3)], '合议组应指定一名主审'],
    ['a member twice', [m(1, 'chief'), m(2), m(2)], '合议组成员不能重复'],
  ] as const)('%s', (_label, handlers, expected) => {
    expect(panelProblem(handlers)).toBe(expected);
  });
});

describe('evaluationReportExpected (专利法 第六十六条第二款, 山东省专利条例 第二十条)', () => {
  it('for utility models and designs, not inventions', () => {
    expect(evaluationReportExpected('utilityModel')).toBe(true);
    expect(evaluationReportExpected('design')).toBe(true);
    expect(evaluationReportExpected('invention')).toBe(false);
  });
});
