import { describe, expect, it } from 'vitest';
import { rejectionGround, rmbUpper, terminationGround } from './documents.labels';
import { documentAvailability, type CaseFacts, type LeadFacts } from './documents.rules';

describe('大写金额', () => {
  it.each([
    [12500, '壹万贰仟伍佰元整'],
    [250000, '贰拾伍万元整'],
    [100005, '壹拾万零伍元整'],
    [10010, '壹万零壹拾元整'],
    [1000000, '壹佰万元整'],
    [1200.5, '壹仟贰佰元伍角'],
    [1200.05, '壹仟贰佰元零伍分'],
    ['3000.00', '叁仟元整'],
    [0.05, '伍分'],
    [0, '零元整'],
    [120000000, '壹亿贰仟万元整'],
  ])('%s → %s', (n, text) => {
    expect(rmbUpper(n)).toBe(text);
  });
});

describe('statutory grounds of the reason codes', () => {
  it('reads the leads module codes with their article and item (暂行办法 第十五条, 第二十一条)', () => {
    expect(rejectionGround('timeBarred')).toMatchObject({ basis: '第十五条第（四）项' });
    expect(terminationGround('absentOrRefused')).toMatchObject({ basis: '第二十一条第一款第（三）项' });
  });

  it('reads a numbered code from an import, and gives nothing for an unknown one', () => {
    expect(rejectionGround('art15_5')).toMatchObject({ basis: '第十五条第（五）项' });
    expect(terminationGround('7')?.basis).toBe('第二十一条第一款第（七）项');
    expect(rejectionGround('whatever')).toBeNull();
    expect(rejectionGround(null)).toBeNull();
  });
});

describe('which documents fit the record state', () => {
  const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
    entityType: 'lead', kind: 'complaint', status: 'signed', verificationResult: null, decision: null, actions: new Set(['create', 'sign']), serviceRecordCount: 0, ...over,
  });
  const kase = (over: Partial<CaseFacts> = {}): CaseFacts => ({
    entityType: 'case', status: 'investigating', procedure: 'ordinary', decision: null, actions: new Set(['file']), serviceRecordCount: 0, ...over,
  });

  it('complaint notices follow the acceptance decision and the termination', () => {
    expect(documentAvailability('acceptanceNotice', lead()).allowed).toBe(false);
    expect(documentAvailability('acceptanceNotice', lead({ status: 'mediating', actions: new Set(['accept', 'startMediation']) })).allowed).toBe(true);
    expect(documentAvailability('rejectionNotice', lead({ status: 'notAccepted', actions: new Set(['reject']) })).allowed).toBe(true);
    expect(documentAvailability('mediationTermination', lead({ status: 'mediationTerminated', actions: new Set(['accept', 'terminateMediation']) })).allowed).toBe(true);
    expect(documentAvailability('acceptanceNotice', lead({ kind: 'report', actions: new Set(['accept']) }))).toEqual({ allowed: false, reason: '受理通知书只用于投诉' });
  });

  it('the 立案审批表 of a lead needs the verification result', () => {
    expect(documentAvailability('filingApproval', lead({ kind: 'report', status: 'verifying' })).allowed).toBe(false);
    expect(documentAvailability('filingApproval', lead({ kind: 'report', status: 'pendingApproval', verificationResult: 'substantiated' })).allowed).toBe(true);
  });

  it.each([
    ['investigating', false],
    ['legalReview', false],
    ['reviewed', true],
    ['noticed', true],
    ['heard', true],
    ['discussed', true],
  ])('行政处罚告知书 in status %s: %s', (status, allowed) => {
    expect(documentAvailability('penaltyNotice', kase({ status })).allowed).toBe(allowed);
  });

  it('the decision needs a penalty decision; the closing form needs the execution done', () => {
    expect(documentAvailability('penaltyDecision', kase({ status: 'noticed' })).reason).toBe('案件尚未作出处罚决定，不能制作行政处罚决定书');
    expect(documentAvailability('penaltyDecision', kase({ status: 'decided', decision: 'noPenalty' })).allowed).toBe(false);
    expect(documentAvailability('penaltyDecision', kase({ status: 'decided', decision: 'penalty' })).allowed).toBe(true);
    expect(documentAvailability('penaltyNotice', kase({ status: 'decided', decision: 'penalty' })).allowed).toBe(false);
    expect(documentAvailability('closingApproval', kase({ status: 'executing', decision: 'penalty' })).allowed).toBe(false);
    expect(documentAvailability('closingApproval', kase({ status: 'pendingClose', decision: 'penalty' })).allowed).toBe(true);
    expect(documentAvailability('penaltyNotice', kase({ status: 'reviewed', procedure: 'simplified' })).allowed).toBe(false);
    // 行政处罚法 第五十二条: the on-the-spot form was handed over with its own number.
    expect(documentAvailability('penaltyDecision', kase({ status: 'executing', procedure: 'simplified', decision: 'penalty' })).allowed).toBe(false);
  });

  it('送达回证 needs a service record; kinds of the other record type never fit', () => {
    expect(documentAvailability('serviceReceipt', kase()).allowed).toBe(false);
    expect(documentAvailability('serviceReceipt', kase({ serviceRecordCount: 1 })).allowed).toBe(true);
    expect(documentAvailability('penaltyDecision', lead({ decision: 'fileCase' })).allowed).toBe(false);
    expect(documentAvailability('acceptanceNotice', kase({ actions: new Set(['accept']) })).allowed).toBe(false);
  });
});
