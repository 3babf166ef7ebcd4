import { describe, expect, it } from 'vitest';
import { adjudicationRejectionGround, chineseNumber, periodText, rejectionGround, rmbUpper, terminationGround } from './documents.labels';
import { allowedDocumentKinds, documentAvailability, type AdjudicationFacts, type CaseFacts, type LeadFacts, type MediationFacts } from './documents.rules';

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

describe('periods in words (a rule’s amount as a 文书 writes it)', () => {
  it.each([
    [1, '一'], [3, '三'], [10, '十'], [15, '十五'], [20, '二十'], [30, '三十'], [45, '四十五'], [60, '六十'], [90, '九十'], [100, '一百'], [105, '一百零五'], [110, '一百一十'],
  ])('%s → %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });

  it('names the unit of the rule', () => {
    expect(periodText({ amount: 15, unit: 'calendarDays' })).toBe('十五日');
    expect(periodText({ amount: 5, unit: 'workingDays' })).toBe('五个工作日');
    expect(periodText({ amount: 3, unit: 'months' })).toBe('三个月');
    expect(periodText({ amount: 2, unit: 'months' })).toBe('两个月');
  });

  it('gives the 山东省专利条例 ground of an adjudication’s 不予受理 reason', () => {
    expect(adjudicationRejectionGround('noRespondent')).toEqual({ text: '没有明确的被请求人', basis: '《山东省专利条例》第十八条第一款第（二）项' });
    expect(adjudicationRejectionGround('repeated')?.basis).toBe('《山东省专利条例》第十八条第三款');
    expect(adjudicationRejectionGround('noJurisdiction')?.basis).toContain('第九十七条');
    expect(adjudicationRejectionGround('other')).toEqual({ text: '其他不符合受理条件的情形', basis: null });
    expect(adjudicationRejectionGround('whatever')).toBeNull();
  });
});

describe('which adjudication and mediation documents fit the record state', () => {
  const adj = (over: Partial<AdjudicationFacts> = {}): AdjudicationFacts => ({
    entityType: 'adjudication', status: 'requested', decision: null, actions: new Set(['register']), scheduledHearingCount: 0, serviceRecordCount: 0, ...over,
  });
  const med = (over: Partial<MediationFacts> = {}): MediationFacts => ({ entityType: 'mediation', status: 'mediating', agreementForm: null, agreementTerms: null, ...over });

  it('follows the procedure: 立案 → 立案通知书、答辩通知书; 不予受理; 口头审理; 中止; 裁决; 送达', () => {
    expect(allowedDocumentKinds(adj())).toEqual([]);
    expect(allowedDocumentKinds(adj({ status: 'notAccepted', actions: new Set(['register', 'reject']) }))).toEqual(['adjudicationRejectionNotice']);
    const filed = new Set(['register', 'file']);
    expect(allowedDocumentKinds(adj({ status: 'filed', actions: filed }))).toEqual(['adjudicationFilingNotice', 'answerNotice']);
    expect(documentAvailability('oralHearingNotice', adj({ status: 'hearingScheduled', actions: filed, scheduledHearingCount: 1 })).allowed).toBe(true);
    expect(documentAvailability('suspensionNotice', adj({ status: 'suspended', actions: new Set([...filed, 'suspend']) })).allowed).toBe(true);
    expect(documentAvailability('adjudicationDecision', adj({ status: 'deliberating', actions: filed })).reason).toBe('尚未作出裁决，不能制作行政裁决书');
    expect(documentAvailability('adjudicationDecision', adj({ status: 'decided', decision: 'infringement', actions: new Set([...filed, 'decide']) })).allowed).toBe(true);
    expect(documentAvailability('serviceReceipt', adj({ status: 'answering', actions: filed, serviceRecordCount: 1 })).allowed).toBe(true);
    expect(documentAvailability('penaltyDecision', adj({ decision: 'infringement' }))).toEqual({ allowed: false, reason: '行政裁决案件不能制作行政处罚决定书' });
  });

  it('调解协议书 from the written agreement on', () => {
    expect(documentAvailability('mediationAgreement', med()).allowed).toBe(false);
    for (const status of ['agreed', 'confirmationApplied', 'confirmed', 'confirmationRejected', 'closed']) {
      expect(documentAvailability('mediationAgreement', med({ status, agreementForm: 'written', agreementTerms: '赔偿五万元' })).allowed).toBe(true);
    }
    expect(documentAvailability('mediationAgreement', med({ status: 'closed', agreementTerms: null })).allowed).toBe(false);
    expect(documentAvailability('mediationAgreement', med({ status: 'agreed', agreementForm: 'oral', agreementTerms: '赔偿五万元' })).reason).toContain('口头协议');
    expect(documentAvailability('answerNotice', med()).reason).toBe('调解案件不能制作答辩通知书');
  });
});
