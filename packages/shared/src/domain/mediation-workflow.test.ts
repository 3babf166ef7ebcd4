import { describe, expect, it } from 'vitest';
import {
  MEDIATION_ACTION_LIST,
  MEDIATION_ACTIONS,
  MEDIATION_SOURCE_LIST,
  MEDIATION_STATUS_LIST,
  MEDIATION_STATUSES,
  allowedMediationActions,
  availableMediationActions,
  isCourtSource,
  judicialConfirmationBlock,
  mediationActionAllowed,
  mediationPeriodRule,
  mediatorConflicts,
  nextMediationStatus,
  normalizePartyName,
  type MediationAction,
  type MediationFacts,
  type MediationStatus,
} from './mediation-workflow';
import { usccCheckChar } from './validators';

// The whole table, spelled out: a change to the workflow must change this test on purpose.
// recordRuling leads to 已确认 or 被驳回 by the ruling: '*'.
const EXPECTED: Record<MediationStatus, Partial<Record<MediationAction, MediationStatus | '*'>>> = {
  applied: { accept: 'mediating', refuse: 'refused' },
  refused: { informCourt: 'refused', close: 'closed' },
  mediating: { assignMediators: 'mediating', recordSession: 'mediating', extend: 'mediating', reachAgreement: 'agreed', terminate: 'terminated' },
  agreed: { applyConfirmation: 'confirmationApplied', recordPerformance: 'agreed', informCourt: 'agreed', close: 'closed' },
  terminated: { informCourt: 'terminated', close: 'closed' },
  confirmationApplied: { recordRuling: '*', informCourt: 'confirmationApplied' },
  confirmed: { recordPerformance: 'confirmed', informCourt: 'confirmed', close: 'closed' },
  confirmationRejected: { recordPerformance: 'confirmationRejected', informCourt: 'confirmationRejected', close: 'closed' },
  closed: {},
};

describe('mediation workflow table (status × action)', () => {
  const pairs = MEDIATION_STATUS_LIST.flatMap((s) => MEDIATION_ACTION_LIST.map((a) => [s, a] as const));
  it.each(pairs)('%s + %s', (status, action) => {
    const expected = EXPECTED[status][action];
    expect(mediationActionAllowed(status, action)).toBe(expected !== undefined);
    if (expected && expected !== '*') expect(nextMediationStatus(status, action)).toBe(expected);
  });

  it('never allows 登记 on an existing mediation (first log row only)', () => {
    for (const s of MEDIATION_STATUS_LIST) expect(mediationActionAllowed(s, 'register')).toBe(false);
  });

  it('goes to 已确认 or 被驳回 by the ruling', () => {
    expect(nextMediationStatus('confirmationApplied', 'recordRuling', { ruling: 'confirmed' })).toBe('confirmed');
    expect(nextMediationStatus('confirmationApplied', 'recordRuling', { ruling: 'rejected' })).toBe('confirmationRejected');
  });

  it('has a Chinese label for every status and action', () => {
    for (const s of MEDIATION_STATUS_LIST) expect(MEDIATION_STATUSES[s]).toMatch(/[\u4e00-\u9fa5]/);
    for (const a of MEDIATION_ACTION_LIST) expect(MEDIATION_ACTIONS[a]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('answers a copy of the allowed actions', () => {
    allowedMediationActions('applied').push('close');
    expect(allowedMediationActions('applied')).toEqual(['accept', 'refuse']);
  });
});

describe('actions narrowed by the facts of one mediation', () => {
  const base: MediationFacts = { source: 'application', courtInformed: false, confirmationBlocked: false, courtPeriodOpen: false };
  it.each([
    // [status, facts, expected]
    ['mediating', base, ['assignMediators', 'recordSession', 'reachAgreement', 'terminate']],
    ['mediating', { ...base, source: 'courtDelegated', courtPeriodOpen: true }, ['assignMediators', 'recordSession', 'extend', 'reachAgreement', 'terminate']],
    ['agreed', base, ['applyConfirmation', 'recordPerformance', 'close']],
    ['agreed', { ...base, confirmationBlocked: true }, ['recordPerformance', 'close']],
    // a court case: tell the court first, then close (特邀调解规定: the result goes back to the court)
    ['agreed', { ...base, source: 'courtEntrusted' }, ['applyConfirmation', 'recordPerformance', 'informCourt']],
    ['agreed', { ...base, source: 'courtEntrusted', courtInformed: true }, ['applyConfirmation', 'recordPerformance', 'close']],
    ['terminated', { ...base, source: 'courtDelegated' }, ['informCourt']],
    ['refused', base, ['close']],
    ['closed', { ...base, source: 'courtDelegated' }, []],
  ] as [MediationStatus, MediationFacts, MediationAction[]][])('%s %j', (status, facts, expected) => {
    expect(availableMediationActions(status, facts)).toEqual(expected);
  });
});

describe('mediationPeriodRule (特邀调解规定 第二十七条)', () => {
  it('委派 30 日, 委托 15 日 (普通程序) / 7 日 (简易程序), none for other sources', () => {
    expect(mediationPeriodRule('courtDelegated', null)).toBe('mediation.courtDelegated');
    expect(mediationPeriodRule('courtEntrusted', 'ordinary')).toBe('mediation.courtEntrustedOrdinary');
    expect(mediationPeriodRule('courtEntrusted', 'simple')).toBe('mediation.courtEntrustedSimple');
    for (const s of MEDIATION_SOURCE_LIST) {
      if (!isCourtSource(s)) expect(mediationPeriodRule(s, null)).toBeNull();
    }
  });
});

describe('judicialConfirmationBlock (民诉法解释 第三百五十五条第一款第（五）项)', () => {
  it.each([
    [['compensation', 'stopInfringement'], 'infringementDamages', false],
    [['licence'], 'licence', false],
    [['ownership'], 'contract', true],
    [['compensation'], 'ownership', true],
    [[], 'inventorship', false],
  ] as [string[], string, boolean][])('%j / %s → blocked %s', (kinds, dispute, blocked) => {
    const msg = judicialConfirmationBlock(kinds, dispute);
    expect(msg !== null).toBe(blocked);
    if (msg) expect(msg).toContain('第三百五十五条');
  });
});

describe('mediatorConflicts (回避)', () => {
  const code = '91370900MA3C00001';
  const USCC = code + usccCheckChar(code)!;
  const parties = [
    { name: '泰安某某科技有限公司', uscc: USCC },
    { name: '张三', uscc: null },
    { name: 'ＡＢＣ（泰安）机械有限公司', uscc: null },
  ];
  it.each([
    ['same name', { partyName: '泰安某某科技有限公司', partyUscc: null, relation: '任职' }, '泰安某某科技有限公司'],
    ['short name contained in the full one', { partyName: '泰安某某科技', partyUscc: null, relation: '近亲属任职' }, '泰安某某科技有限公司'],
    ['other name, same credit code', { partyName: '某某科技（原名）', partyUscc: USCC.toLowerCase(), relation: '代理过其案件' }, '泰安某某科技有限公司'],
    ['full-width letters and brackets', { partyName: 'ABC(泰安)机械有限公司', partyUscc: null, relation: '股东' }, 'ＡＢＣ（泰安）机械有限公司'],
    ['a person by name', { partyName: '张三', partyUscc: null, relation: '近亲属' }, '张三'],
  ])('%s', (_label, decl, party) => {
    expect(mediatorConflicts([decl], parties)).toEqual([{ partyName: party, relation: decl.relation }]);
  });

  it('does not match unrelated or too short names', () => {
    expect(mediatorConflicts([{ partyName: '济南另一公司', partyUscc: null, relation: '任职' }], parties)).toEqual([]);
    // a one-character fragment must not match everything
    expect(mediatorConflicts([{ partyName: '张', partyUscc: null, relation: '近亲属' }], parties)).toEqual([]);
    // a three-character name is not matched inside a longer one (张三丰 is not 张三)
    expect(mediatorConflicts([{ partyName: '张三丰', partyUscc: null, relation: '近亲属' }], parties)).toEqual([]);
  });

  it('reports each declaration once', () => {
    const hits = mediatorConflicts(
      [
        { partyName: '泰安某某科技有限公司', partyUscc: USCC, relation: '任职' },
        { partyName: '张三', partyUscc: null, relation: '同学' },
      ],
      parties,
    );
    expect(hits).toEqual([
      { partyName: '泰安某某科技有限公司', relation: '任职' },
      { partyName: '张三', relation: '同学' },
    ]);
  });

  it('normalises names', () => {
    expect(normalizePartyName(' ａｂｃ （泰安） 有限公司 ')).toBe('ABC泰安有限公司');
  });
});
