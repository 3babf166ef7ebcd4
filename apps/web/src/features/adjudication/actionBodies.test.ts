/** The action forms' bodies pass the contract's schemas; the announcement texts name no natural person who is not the addressee. */
import { describe, expect, it } from 'vitest';
import { FileAdjudicationInput, ServeDecisionInput, ServeRequestInput } from '@zhichan/shared';
import { decisionAnnouncement, panelOf, renamePanel, requestAnnouncement, serviceBody } from './actionBodies';

const day = (iso: string) => ({ format: () => iso });

describe('panel (合议组)', () => {
  it('three members with one chief is accepted; two or four are refused at the panel', () => {
    expect(FileAdjudicationInput.safeParse({ version: 1, panel: panelOf({ members: [4, 5, 6], chief: 5 }) }).success).toBe(true);
    for (const members of [[4, 5], [4, 5, 6, 7]]) {
      const r = FileAdjudicationInput.safeParse({ version: 1, panel: panelOf({ members, chief: 4 }) });
      expect(r.success).toBe(false);
      if (!r.success) expect(renamePanel(r.error.issues[0].path as (string | number)[])).toEqual(['members']);
    }
  });
  it('a panel without a chief is refused', () => {
    expect(FileAdjudicationInput.safeParse({ version: 1, panel: panelOf({ members: [4, 5, 6] }) }).success).toBe(false);
  });
});

describe('service fields', () => {
  it('公告送达 sends the announcement date and text, never a served date', () => {
    const b = serviceBody({ method: 'announcement', recipient: ' 泰安某某机械制造有限公司 ', servedOn: day('2026-11-22'), announcedOn: day('2026-11-22'), announcementText: '公告正文'.repeat(6), trackingNo: '123' });
    expect(b).toMatchObject({ servedOn: null, announcedOn: '2026-11-22', trackingNo: null, recipient: '泰安某某机械制造有限公司' });
    expect(ServeRequestInput.safeParse({ version: 3, ...b }).success).toBe(true);
  });
  it('直接送达 sends the served date; 电子送达 needs the consent; 邮寄 the tracking number', () => {
    expect(ServeDecisionInput.safeParse({ version: 3, party: 'requester', ...serviceBody({ method: 'direct', recipient: '甲公司', servedOn: day('2026-11-22') }) }).success).toBe(true);
    expect(ServeRequestInput.safeParse({ version: 3, ...serviceBody({ method: 'electronic', recipient: '甲公司', servedOn: day('2026-11-22') }) }).success).toBe(false);
    expect(ServeRequestInput.safeParse({ version: 3, ...serviceBody({ method: 'electronic', recipient: '甲公司', servedOn: day('2026-11-22'), electronicConsent: true }) }).success).toBe(true);
    expect(ServeRequestInput.safeParse({ version: 3, ...serviceBody({ method: 'mail', recipient: '甲公司', servedOn: day('2026-11-22') }) }).success).toBe(false);
  });
});

describe('announcement texts', () => {
  const person = { kind: 'person' as const, name: '张某某', uscc: null, idNoMasked: '3709**********1235', phoneMasked: '139****1111', address: '泰安市', role: 'patentee' as const, roleLabel: '专利权人', agent: null };
  const org = { kind: 'organization' as const, name: '泰安某某数控设备有限公司', uscc: null, address: '泰安市', regionCode: '370902', regionName: '泰山区', legalRep: null, phone: null };
  const d = { requester: person, respondent: org, patentNo: 'ZL202110123456.7', patentTitle: '一种数控机床主轴冷却装置', filedOn: '2026-11-22', caseNo: '泰市监专纠〔2026〕2号', requestNo: 'CJ-2026-370900-000003', decisionOn: '2026-12-01', decisionDocNo: '泰市监专裁〔2026〕2号' };

  it('the request copy: addressed to the respondent, a natural-person requester not named, with the case number and the answer period', () => {
    const text = requestAnnouncement(d);
    expect(text.startsWith('泰安某某数控设备有限公司：')).toBe(true);
    expect(text).not.toContain('张某某');
    expect(text).toContain('泰市监专纠〔2026〕2号');
    expect(text).toContain('三十日');
    expect(text).toContain('十五日内');
    expect(text.length).toBeGreaterThanOrEqual(20);
  });

  it('the decision: the addressee by name, the other natural person by role only; the lawsuit window', () => {
    expect(decisionAnnouncement(d, 'respondent')).not.toContain('张某某');
    const toRequester = decisionAnnouncement(d, 'requester');
    expect(toRequester.startsWith('张某某：')).toBe(true);
    expect(toRequester).toContain('你（单位）与泰安某某数控设备有限公司');
    expect(toRequester).toContain('泰市监专裁〔2026〕2号');
    expect(toRequester).toContain('十五日内');
  });
});
