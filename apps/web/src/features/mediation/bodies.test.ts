/**
 * The mediation forms send exactly what the shared contracts accept: the 登记调解 drawer for each source (fields of
 * another source left in the form go as null), the portal application, and the parties (the number that does not fit
 * the kind is dropped; a bad credit code comes back at the form's own field path).
 */
import { describe, expect, it } from 'vitest';
import { PortalMediationInput, RegisterMediationInput } from '@zhichan/shared';
import { partyBody, portalBody, registerBody, type PartyValues, type RegisterValues } from './bodies';

const applicant: PartyValues = { side: 'applicant', kind: 'organization', name: ' 泰安某某科技有限公司 ', uscc: '91350100m000100y43', phone: '13905381234' };
const respondent: PartyValues = { side: 'respondent', kind: 'organization', name: '泰安某某机械制造有限公司', uscc: '', address: '  ' };
const person: PartyValues = { side: 'applicant', kind: 'person', name: '王某某', idNo: '110101199003071233', uscc: '91350100M000100Y43', phone: '0538-8221234' };

const base: RegisterValues = {
  source: 'application',
  appliedOn: '2026-11-20',
  ipType: 'patent',
  disputeType: 'infringementDamages',
  subject: '侵害实用新型专利权纠纷',
  claims: '停止侵权，赔偿损失 30 万元。',
  amountClaimed: 300000,
  parties: [applicant, respondent],
};

describe('party body', () => {
  it('trims, upper-cases the credit code and turns empty fields into null', () => {
    expect(partyBody(applicant)).toEqual({
      side: 'applicant',
      kind: 'organization',
      name: '泰安某某科技有限公司',
      uscc: '91350100M000100Y43',
      idNo: null,
      phone: '13905381234',
      address: null,
      agent: null,
    });
    expect(partyBody(respondent)).toMatchObject({ uscc: null, address: null });
  });

  it('keeps only the number that fits the kind (a person has no credit code)', () => {
    expect(partyBody(person)).toMatchObject({ idNo: '110101199003071233', uscc: null });
    expect(partyBody({ ...person, kind: 'organization' })).toMatchObject({ idNo: null, uscc: '91350100M000100Y43' });
  });
});

describe('登记调解 body', () => {
  it('a window application is accepted; court and complaint fields left in the form go as null', () => {
    const body = registerBody({ ...base, courtName: '泰安市中级人民法院', courtCaseNo: 'X', materialsReceivedOn: '2026-11-20', leadId: 5 });
    expect(body).toMatchObject({ courtName: null, courtCaseNo: null, materialsReceivedOn: null, leadId: null, courtProcedure: null });
    expect(RegisterMediationInput.safeParse(body).success).toBe(true);
  });

  it('a court-entrusted case carries court, case number, procedure and the materials date', () => {
    const body = registerBody({
      ...base,
      source: 'courtEntrusted',
      courtName: '泰安市泰山区人民法院',
      courtCaseNo: '（2026）鲁0902民初123号',
      courtProcedure: 'simple',
      materialsReceivedOn: '2026-11-20',
    });
    const r = RegisterMediationInput.safeParse(body);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ courtProcedure: 'simple', materialsReceivedOn: '2026-11-20' });
  });

  it('a court-delegated case without the court shows the problem on the form fields', () => {
    const r = RegisterMediationInput.safeParse(registerBody({ ...base, source: 'courtDelegated' }));
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['courtName', 'courtCaseNo', 'materialsReceivedOn']));
  });

  it('a complaint turned to mediation needs the lead; the procedure of a delegated case is not sent', () => {
    expect(RegisterMediationInput.safeParse(registerBody({ ...base, source: 'complaint', leadId: 7 })).success).toBe(true);
    expect(registerBody({ ...base, source: 'courtDelegated', courtProcedure: 'ordinary' }).courtProcedure).toBeNull();
  });

  it('a bad credit code of the second party comes back at parties.1.uscc (the form field of that party)', () => {
    const r = RegisterMediationInput.safeParse(registerBody({ ...base, parties: [applicant, { ...respondent, uscc: '91350100M000100Y4X' }] }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('parties.1.uscc');
  });
});

describe('portal application body', () => {
  it('is accepted with the uploaded files and the consent', () => {
    const body = portalBody({ ...base, parties: [person, respondent], files: [{ fileId: 3, uploadToken: 'a'.repeat(32) }] });
    const r = PortalMediationInput.safeParse(body);
    expect(r.success).toBe(true);
    expect(body.consent).toBe(true);
  });

  it("the applicant's phone is required (the mediator must reach them)", () => {
    const r = PortalMediationInput.safeParse(portalBody({ ...base, parties: [{ ...person, phone: '' }, respondent], files: [] }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('parties.0.phone');
  });
});
