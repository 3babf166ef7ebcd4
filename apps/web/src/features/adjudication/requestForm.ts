/**
 * The request form's values and the body the contract expects (pure, no React): shared by the portal's online form and the
 * back office's 登记请求 drawer, and tested against the shared zod schemas (requestForm.test.ts).
 */
import { normalizeResidentIdNo, type AdjudicationRespondentInput, type PatentKind, type RequesterRole } from '@zhichan/shared';

type PartyKind = 'organization' | 'person';

export interface RequestFormValues {
  patent?: { patentNo?: string; type?: PatentKind; title?: string; patentee?: string };
  requester?: {
    kind?: PartyKind;
    name?: string;
    uscc?: string;
    idNo?: string;
    phone?: string;
    address?: string;
    role?: RequesterRole;
    agent?: string;
  };
  respondent?: {
    kind?: PartyKind;
    name?: string;
    uscc?: string;
    address?: string;
    region?: string[];
    legalRep?: string;
    phone?: string;
  };
  accusedProduct?: string;
  claimsComparison?: string;
  requests?: string;
  factsReasons?: string;
  noLawsuitDeclared?: boolean;
}

const text = (v: string | undefined | null) => (v ?? '').trim();
const orNull = (v: string | undefined | null) => text(v) || null;

/** The request's fields in the contract's shape (files and channel are added by the caller). */
export function requestBody(v: RequestFormValues) {
  const r = v.requester ?? {};
  const p = v.respondent ?? {};
  const kind = r.kind ?? 'organization';
  const region = p.region ?? [];
  const respondent: AdjudicationRespondentInput = {
    kind: p.kind ?? 'organization',
    name: text(p.name),
    uscc: (p.kind ?? 'organization') === 'organization' ? (orNull(p.uscc)?.toUpperCase() ?? null) : null,
    address: text(p.address),
    regionCode: region[region.length - 1] ?? '',
    legalRep: orNull(p.legalRep),
    phone: orNull(p.phone),
  };
  return {
    patent: { patentNo: text(v.patent?.patentNo), type: v.patent?.type as PatentKind, title: text(v.patent?.title), patentee: text(v.patent?.patentee) },
    requester: {
      kind,
      name: text(r.name),
      // Only the field of the chosen kind goes out: the server refuses an ID number for an organisation and vice versa.
      uscc: kind === 'organization' ? (orNull(r.uscc)?.toUpperCase() ?? null) : null,
      idNo: kind === 'person' ? normalizeResidentIdNo(text(r.idNo)) || null : null,
      phone: text(r.phone),
      address: text(r.address),
      role: r.role as RequesterRole,
      agent: orNull(r.agent),
    },
    respondent,
    accusedProduct: text(v.accusedProduct),
    claimsComparison: text(v.claimsComparison),
    requests: text(v.requests),
    factsReasons: text(v.factsReasons),
    noLawsuitDeclared: v.noLawsuitDeclared === true,
  };
}

/** Server path → form field (for applyServerErrors' rename). */
export function renameRequestPath(name: (string | number)[]): (string | number)[] | null {
  const [a, b] = name;
  if (a === 'respondent' && b === 'regionCode') return ['respondent', 'region'];
  return name;
}

/**
 * The portal form's server paths → its fields: the files (files.evidence.3.uploadToken …) land on the upload fields,
 * the rest as in renameRequestPath.
 */
export function renamePortalPath(name: (string | number)[]): (string | number)[] | null {
  const [a, b] = name;
  if (a === 'files') {
    if (b === 'evaluationReport') return ['reportFiles'];
    if (b === 'identity') return ['identityFiles'];
    return ['evidenceFiles'];
  }
  return renameRequestPath(name);
}
