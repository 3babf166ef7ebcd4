import { describe, expect, it } from 'vitest';
import {
  CASE_ACTION_LIST,
  CASE_ACTIONS,
  CASE_MEASURES,
  CASE_STATUS_LIST,
  CASE_STATUSES,
  CASE_TAB_LIST,
  CASE_TABS,
  allowedCaseActions,
  caseActionAllowed,
  decisionsAllowed,
  needsCollectiveDiscussion,
  nextCaseStatus,
  statusAfterDecision,
  statusAfterService,
  type CaseAction,
  type CaseStatus,
} from './case-workflow';

// The whole table, spelled out: a change to the workflow must change this test on purpose.
// 'decide' and 'serve' lead to a status that depends on their content (see the two functions tested below): '*'.
const EXPECTED: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus | '*'>>> = {
  investigating: {
    registerEvidence: 'investigating', startMeasure: 'investigating', endMeasure: 'investigating', suspend: 'suspended', conclude: 'legalReview', decide: '*',
  },
  suspended: { endMeasure: 'suspended', resume: 'investigating', decide: '*' },
  legalReview: { endMeasure: 'legalReview', passReview: 'reviewed', returnReview: 'investigating' },
  reviewed: { endMeasure: 'reviewed', notify: 'noticed', collectiveDiscuss: 'discussed', decide: '*' },
  noticed: { endMeasure: 'noticed', recordStatement: 'noticed', requestHearing: 'hearingRequested', collectiveDiscuss: 'discussed', decide: '*' },
  hearingRequested: { endMeasure: 'hearingRequested', scheduleHearing: 'hearingScheduled' },
  hearingScheduled: { endMeasure: 'hearingScheduled', scheduleHearing: 'hearingScheduled', holdHearing: 'heard' },
  heard: { endMeasure: 'heard', recordStatement: 'heard', collectiveDiscuss: 'discussed', decide: '*' },
  discussed: { endMeasure: 'discussed', decide: '*' },
  decided: { endMeasure: 'decided', serve: '*', changeDecision: '*' },
  executing: { endMeasure: 'executing', recordPayment: 'pendingClose', applyEnforcement: 'pendingClose', changeDecision: '*' },
  pendingClose: { endMeasure: 'pendingClose', close: 'closed', changeDecision: '*' },
  closed: { archive: 'archived', changeDecision: '*' },
  archived: { changeDecision: '*' },
  revoked: {},
};

describe('case workflow table (status × action)', () => {
  const pairs = CASE_STATUS_LIST.flatMap((s) => CASE_ACTION_LIST.map((a) => [s, a] as const));
  it.each(pairs)('%s + %s', (status, action) => {
    const expected = EXPECTED[status][action];
    expect(caseActionAllowed(status, action)).toBe(expected !== undefined);
    if (expected && expected !== '*') expect(nextCaseStatus(status, action)).toBe(expected);
  });

  it('never allows 立案 on an existing case (it is the first log row only)', () => {
    for (const s of CASE_STATUS_LIST) expect(caseActionAllowed(s, 'file')).toBe(false);
  });

  it('lists the allowed actions for the 409 answer, in table order', () => {
    expect(allowedCaseActions('legalReview')).toEqual(['endMeasure', 'passReview', 'returnReview']);
    expect(allowedCaseActions('revoked')).toEqual([]);
    // a copy: callers may not change the table
    allowedCaseActions('closed').push('decide');
    expect(allowedCaseActions('closed')).toEqual(['archive', 'changeDecision']);
  });

  it('has a Chinese label for every status and action', () => {
    for (const s of CASE_STATUS_LIST) expect(CASE_STATUSES[s]).toMatch(/[\u4e00-\u9fa5]/);
    for (const a of CASE_ACTION_LIST) expect(CASE_ACTIONS[a]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('every status is reachable from 调查中 and every table target is a known status', () => {
    const seen = new Set<CaseStatus>(['investigating']);
    const queue: CaseStatus[] = ['investigating'];
    const targets = (s: CaseStatus, a: CaseAction): CaseStatus[] => {
      if (a === 'decide') return decisionsAllowed(s).map(statusAfterDecision);
      if (a === 'serve') return [statusAfterService(true), statusAfterService(false)];
      if (a === 'changeDecision') return ['revoked', s];
      return [nextCaseStatus(s, a)];
    };
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of allowedCaseActions(s)) {
        for (const t of targets(s, a)) {
          expect(CASE_STATUS_LIST).toContain(t);
          if (!seen.has(t)) {
            seen.add(t);
            queue.push(t);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUS_LIST].sort());
  });
});

describe('decisions', () => {
  it('a penalty only after the 告知 (行政处罚法 第六十二条); 移送 and 销案 during the investigation', () => {
    expect(decisionsAllowed('investigating')).toEqual(['transferToPolice', 'withdrawn']);
    expect(decisionsAllowed('suspended')).toEqual(['transferToPolice', 'withdrawn']);
    expect(decisionsAllowed('reviewed')).toEqual(['noPenalty', 'transferToPolice', 'withdrawn']);
    for (const s of ['noticed', 'heard', 'discussed'] as const) expect(decisionsAllowed(s)).toContain('penalty');
    for (const s of CASE_STATUS_LIST) {
      expect(decisionsAllowed(s).length > 0).toBe(caseActionAllowed(s, 'decide'));
    }
  });

  it('collective discussion for a major case before a penalty or no-penalty decision (第五十七条第二款)', () => {
    expect(needsCollectiveDiscussion(true, 'penalty')).toBe(true);
    expect(needsCollectiveDiscussion(true, 'noPenalty')).toBe(true);
    expect(needsCollectiveDiscussion(true, 'transferToPolice')).toBe(false);
    expect(needsCollectiveDiscussion(false, 'penalty')).toBe(false);
  });

  it('penalty and no-penalty decisions are served; 移送 and 销案 go to 结案', () => {
    expect(statusAfterDecision('penalty')).toBe('decided');
    expect(statusAfterDecision('noPenalty')).toBe('decided');
    expect(statusAfterDecision('transferToPolice')).toBe('pendingClose');
    expect(statusAfterDecision('withdrawn')).toBe('pendingClose');
    expect(statusAfterService(true)).toBe('executing');
    expect(statusAfterService(false)).toBe('pendingClose');
  });
});

describe('measures and tabs', () => {
  it('testing and rights-holder identification pause the decision period; the others have their own deadline', () => {
    expect(CASE_MEASURES.testing.pausesDecision).toBe(true);
    expect(CASE_MEASURES.rightsHolderIdentification.pausesDecision).toBe(true);
    expect(CASE_MEASURES.evidencePreservation).toMatchObject({ ruleKey: 'penalty.evidencePreservation', pausesDecision: false });
    expect(CASE_MEASURES.seizure).toMatchObject({ ruleKey: 'penalty.seizure', endBeforeConclusion: false });
    expect(CASE_MEASURES.assistanceRequest.ruleKey).toBe('penalty.assistance');
  });

  it('the tabs cover every status exactly once', () => {
    const all = CASE_TAB_LIST.flatMap((t) => [...CASE_TABS[t].statuses]);
    expect([...all].sort()).toEqual([...CASE_STATUS_LIST].sort());
    expect(new Set(all).size).toBe(all.length);
  });
});
