/**
 * Form values → request bodies of the mediation forms (登记调解 in the back office, 调解申请 on the portal). Pure, so a
 * test can check that what the forms send is exactly what the shared contracts accept (bodies.test.ts).
 */
import {
  normalizeResidentIdNo,
  type CourtProcedure,
  type DisputeType,
  type MediationIpType,
  type MediationPartySide,
  type PortalMediationRawInput,
  type RegisterMediationRawInput,
  type RegistrableMediationSource,
} from '@zhichan/shared';

export interface PartyValues {
  side: MediationPartySide;
  kind: 'organization' | 'person';
  name?: string;
  uscc?: string;
  idNo?: string;
  phone?: string;
  address?: string;
  agent?: string;
}

const txt = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const orNull = (v: unknown) => txt(v) || null;

/** A party as the contract wants it: empty optional fields null; the number that does not fit the kind left out. */
export function partyBody(p: PartyValues) {
  const org = p.kind === 'organization';
  const idNo = orNull(p.idNo);
  return {
    side: p.side,
    kind: p.kind,
    name: txt(p.name),
    uscc: org ? (orNull(p.uscc)?.toUpperCase() ?? null) : null,
    idNo: org || !idNo ? null : normalizeResidentIdNo(idNo),
    phone: orNull(p.phone),
    address: orNull(p.address),
    agent: orNull(p.agent),
  };
}

export const isCourt = (s: RegistrableMediationSource) => s === 'courtDelegated' || s === 'courtEntrusted';

/** 登记调解 values, dates already as 'YYYY-MM-DD'. */
export interface RegisterValues {
  source: RegistrableMediationSource;
  unitId?: number | null;
  appliedOn?: string | null;
  courtName?: string;
  courtCaseNo?: string;
  courtProcedure?: CourtProcedure;
  materialsReceivedOn?: string | null;
  leadId?: number | null;
  ipType: MediationIpType;
  disputeType: DisputeType;
  subject?: string;
  claims?: string;
  amountClaimed?: number | null;
  parties?: PartyValues[];
}

/** Fields of another source (left in the form when the user switched source) are sent as null. */
export function registerBody(v: RegisterValues): RegisterMediationRawInput {
  const court = isCourt(v.source);
  return {
    source: v.source,
    unitId: v.unitId ?? null,
    appliedOn: v.appliedOn ?? null,
    courtName: court ? orNull(v.courtName) : null,
    courtCaseNo: court ? orNull(v.courtCaseNo) : null,
    courtProcedure: v.source === 'courtEntrusted' ? (v.courtProcedure ?? null) : null,
    materialsReceivedOn: court ? (v.materialsReceivedOn ?? null) : null,
    leadId: v.source === 'complaint' ? (v.leadId ?? null) : null,
    ipType: v.ipType,
    disputeType: v.disputeType,
    subject: txt(v.subject),
    claims: txt(v.claims),
    amountClaimed: typeof v.amountClaimed === 'number' ? v.amountClaimed : null,
    parties: (v.parties ?? []).map(partyBody),
  };
}

export interface PortalValues {
  disputeType?: DisputeType;
  ipType?: MediationIpType;
  parties?: PartyValues[];
  subject?: string;
  claims?: string;
  amountClaimed?: number | null;
  files: { fileId: number; uploadToken: string }[];
}

/** Only called after the form checked the consent box (the server checks it again). */
export function portalBody(v: PortalValues): PortalMediationRawInput {
  return {
    ipType: v.ipType as MediationIpType,
    disputeType: v.disputeType as DisputeType,
    subject: txt(v.subject),
    claims: txt(v.claims),
    amountClaimed: typeof v.amountClaimed === 'number' ? v.amountClaimed : null,
    parties: (v.parties ?? []).map(partyBody),
    files: v.files,
    consent: true,
  };
}
