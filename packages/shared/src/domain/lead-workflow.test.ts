import { describe, expect, it } from 'vitest';
import {
  LEAD_ACTION_LIST,
  LEAD_KIND_LIST,
  LEAD_REJECTION_REASON_LIST,
  LEAD_RETURN_REASON_LIST,
  LEAD_STATUS_LIST,
  LEAD_TABS,
  LEAD_TAB_LIST,
  LEAD_TERMINATION_REASON_LIST,
  LEAD_TERMINATION_REASONS,
  LEAD_REJECTION_REASONS,
  LEAD_USER_ACTIONS,
  LEAD_VERIFICATION_PAUSE_REASON_LIST,
  allowedLeadActions,
  formatLeadNo,
  leadActionAllowed,
  leadReasonLabel,
  nextLeadStatus,
  suggestCountyUnit,
  type LeadAction,
  type LeadKind,
  type LeadStatus,
  type LeadWorkflowState,
} from './lead-workflow';

type Row = Partial<Record<LeadAction, LeadStatus>>;

// The whole table, spelled out per path: a change to the workflow must change this test on purpose.
// Flags for the guarded actions are set so that they pass (real-name reporter, decided, not yet told; at a county bureau).
const COMPLAINT: Record<LeadStatus, Row> = {
  pendingDispatch: { dispatch: 'dispatched', close: 'closed' },
  dispatched: { sign: 'signed', return: 'pendingDispatch' },
  assigned: { sign: 'signed', return: 'pendingDispatch' },
  signed: { accept: 'accepted', reject: 'notAccepted', assign: 'assigned', return: 'pendingDispatch' },
  accepted: { startMediation: 'mediating', terminateMediation: 'mediationTerminated', spawnLead: 'accepted' },
  mediating: {
    startTesting: 'testing', suspendMediation: 'mediationSuspended', agreementReached: 'closed', terminateMediation: 'mediationTerminated', spawnLead: 'mediating',
  },
  testing: { endTesting: 'mediating', terminateMediation: 'mediationTerminated', spawnLead: 'testing' },
  mediationSuspended: { resumeMediation: 'mediating', terminateMediation: 'mediationTerminated', spawnLead: 'mediationSuspended' },
  mediationTerminated: { notifyTermination: 'closed', spawnLead: 'mediationTerminated' },
  notAccepted: {},
  verifying: {},
  verificationPaused: {},
  pendingApproval: {},
  filingApproved: {},
  caseFiled: {},
  notFiled: {},
  closed: {},
};

const REPORT: Record<LeadStatus, Row> = {
  pendingDispatch: { dispatch: 'dispatched', close: 'closed' },
  dispatched: { sign: 'signed', return: 'pendingDispatch' },
  assigned: { sign: 'signed', return: 'pendingDispatch' },
  signed: { startVerification: 'verifying', assign: 'assigned', return: 'pendingDispatch' },
  accepted: {},
  mediating: {},
  testing: {},
  mediationSuspended: {},
  mediationTerminated: {},
  notAccepted: {},
  verifying: { pauseVerification: 'verificationPaused', submitVerification: 'pendingApproval' },
  verificationPaused: { resumeVerification: 'verifying' },
  pendingApproval: { approveFiling: 'filingApproved', declineFiling: 'notFiled', sendBack: 'verifying' },
  filingApproved: { linkCase: 'caseFiled', notifyReporter: 'filingApproved' },
  caseFiled: { notifyReporter: 'caseFiled', caseDecided: 'caseFiled', caseClosed: 'closed' },
  // close is allowed here only once the real-name reporter was told (guard test below)
  notFiled: { notifyReporter: 'notFiled' },
  closed: { notifyReporter: 'closed' },
};

const EXPECTED: Record<LeadKind, Record<LeadStatus, Row>> = { complaint: COMPLAINT, report: REPORT, lead: REPORT };

describe('lead workflow table: every kind × status × action', () => {
  const cases = LEAD_KIND_LIST.flatMap((k) => LEAD_STATUS_LIST.flatMap((s) => LEAD_ACTION_LIST.map((a) => [k, s, a] as const)));
  it.each(cases)('%s / %s + %s', (kind, status, action) => {
    const state: LeadWorkflowState = { kind, status, realName: true, decided: true, reporterNotified: false, atStation: false };
    const expected = EXPECTED[kind][status][action];
    expect(leadActionAllowed(state, action)).toBe(expected !== undefined);
    if (expected) expect(nextLeadStatus(state, action)).toBe(expected);
  });

  it('lists the allowed actions in table order for the 409 answer', () => {
    expect(allowedLeadActions({ kind: 'complaint', status: 'signed' })).toEqual(['accept', 'reject', 'assign', 'return']);
    expect(allowedLeadActions({ kind: 'report', status: 'signed' })).toEqual(['startVerification', 'assign', 'return']);
    expect(allowedLeadActions({ kind: 'complaint', status: 'notAccepted' })).toEqual([]);
  });

  it('every user action is reachable from some status', () => {
    for (const a of LEAD_USER_ACTIONS) {
      const somewhere = LEAD_KIND_LIST.some((kind) =>
        LEAD_STATUS_LIST.some((status) => leadActionAllowed({ kind, status, realName: true, decided: true, reporterNotified: false }, a)),
      );
      expect(somewhere, a).toBe(true);
    }
  });
});

describe('guards', () => {
  it('a station cannot assign further, and its 退回 goes to the county bureau (已签收), never sideways (第三十七条)', () => {
    expect(leadActionAllowed({ kind: 'report', status: 'signed', atStation: true }, 'assign')).toBe(false);
    expect(nextLeadStatus({ kind: 'report', status: 'signed', atStation: true }, 'return')).toBe('signed');
    expect(nextLeadStatus({ kind: 'report', status: 'assigned', atStation: true }, 'return')).toBe('signed');
    expect(nextLeadStatus({ kind: 'report', status: 'dispatched', atStation: false }, 'return')).toBe('pendingDispatch');
  });

  it('告知举报人 only for a real-name reporter, after the decision, once (第三十一条)', () => {
    const base: LeadWorkflowState = { kind: 'report', status: 'notFiled', decided: true };
    expect(leadActionAllowed({ ...base, realName: false }, 'notifyReporter')).toBe(false);
    expect(leadActionAllowed({ ...base, realName: true, reporterNotified: true }, 'notifyReporter')).toBe(false);
    expect(leadActionAllowed({ ...base, realName: true, decided: false }, 'notifyReporter')).toBe(false);
    expect(leadActionAllowed({ ...base, realName: true }, 'notifyReporter')).toBe(true);
  });

  it('不予立案 closes only after the real-name reporter was told; an anonymous one closes at once', () => {
    expect(leadActionAllowed({ kind: 'report', status: 'notFiled', realName: true, decided: true }, 'close')).toBe(false);
    expect(leadActionAllowed({ kind: 'report', status: 'notFiled', realName: true, decided: true, reporterNotified: true }, 'close')).toBe(true);
    expect(leadActionAllowed({ kind: 'report', status: 'notFiled', realName: false, decided: true }, 'close')).toBe(true);
    expect(nextLeadStatus({ kind: 'report', status: 'notFiled' }, 'close')).toBe('closed');
  });
});

describe('codes', () => {
  it('has the six grounds for 不予受理 (第十五条) and the seven for 终止调解 (第二十一条)', () => {
    expect(LEAD_REJECTION_REASON_LIST).toHaveLength(6);
    expect(LEAD_TERMINATION_REASON_LIST).toHaveLength(7);
    expect(LEAD_REJECTION_REASONS.timeBarred.basis).toBe('第十五条第（四）项');
    expect(LEAD_TERMINATION_REASONS.timeLimitExpired.basis).toBe('第二十一条第一款第（五）项');
    expect(LEAD_RETURN_REASON_LIST.length).toBeGreaterThan(0);
    expect(LEAD_VERIFICATION_PAUSE_REASON_LIST).toEqual(['testing', 'inspection', 'quarantine', 'appraisal', 'rightsHolderIdentification']);
    expect(leadReasonLabel('absentOrRefused')).toContain('拒绝调解');
    expect(leadReasonLabel(null)).toBeNull();
  });

  it('every status is in exactly one list tab', () => {
    for (const s of LEAD_STATUS_LIST) {
      expect(LEAD_TAB_LIST.filter((t) => (LEAD_TABS[t].statuses as readonly string[]).includes(s)), s).toHaveLength(1);
    }
  });

  it('formats lead numbers XS-年度-市级区划-六位序号', () => {
    expect(formatLeadNo(2026, '370900', 12)).toBe('XS-2026-370900-000012');
  });

  it('suggests the county bureau from the 6-digit county prefix of the region code', () => {
    const counties = [
      { id: 2, regionCodes: ['370902'] },
      { id: 3, regionCodes: ['370911'] },
    ];
    expect(suggestCountyUnit('370911', counties)?.id).toBe(3);
    expect(suggestCountyUnit('370902004', counties)?.id).toBe(2);
    expect(suggestCountyUnit('370100', counties)).toBeUndefined();
    expect(suggestCountyUnit(null, counties)).toBeUndefined();
  });
});
