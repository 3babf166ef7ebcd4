import {
  DISPUTE_TYPES,
  MEDIATION_ACTIONS,
  MEDIATION_IP_TYPES,
  MEDIATION_SOURCES,
  MEDIATION_STATUSES,
  MEDIATOR_KINDS,
  MEDIATOR_ROLES,
  maskName,
  type MediationAction,
  type MediationActionDto,
  type MediationListItemDto,
  type MediationStatus,
  type MediatorDto,
  type MediatorExpertise,
} from '@zhichan/shared';
import type { MediationActionRow, MediationPartyRow, MediationRow, MediatorConflictRow, MediatorRow } from './mediation.repository';

export const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** A natural person's name is personal data: lists show the surname only (user-expectations §5.4). */
export function listName(p: { kind: string; name: string }): string {
  return p.kind === 'person' ? maskName(p.name) : p.name;
}

export function presentListItem(
  m: MediationRow & { unitName: string; chiefMediatorName: string | null },
  parties: MediationPartyRow[],
): MediationListItemDto {
  const status = m.status as MediationStatus;
  return {
    id: m.id,
    mediationNo: m.mediationNo,
    unitId: m.unitId,
    unitName: m.unitName,
    source: m.source,
    sourceLabel: MEDIATION_SOURCES[m.source],
    channel: m.channel,
    ipType: m.ipType,
    ipTypeLabel: MEDIATION_IP_TYPES[m.ipType],
    disputeType: m.disputeType,
    disputeTypeLabel: DISPUTE_TYPES[m.disputeType],
    subject: m.subject,
    applicantNames: parties.filter((p) => p.side === 'applicant').map(listName),
    respondentNames: parties.filter((p) => p.side === 'respondent').map(listName),
    status,
    statusLabel: MEDIATION_STATUSES[status] ?? m.status,
    appliedOn: m.appliedOn,
    courtName: m.courtName,
    courtCaseNo: m.courtCaseNo,
    chiefMediatorName: m.chiefMediatorName,
    dueOn: m.dueOn,
    deadlineState: m.deadlineState,
    version: m.version,
  };
}

export function presentAction(a: MediationActionRow): MediationActionDto {
  return {
    id: a.id,
    action: a.action,
    label: MEDIATION_ACTIONS[a.action as MediationAction] ?? a.action,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    note: a.note,
    data: a.data && typeof a.data === 'object' && !Array.isArray(a.data) ? (a.data as Record<string, unknown>) : null,
    actorName: a.actorName,
    at: a.at,
  };
}

/** Available today: in the pool, and available (or the unavailability ended before today). */
export function availableNow(r: Pick<MediatorRow, 'active' | 'available' | 'unavailableUntil'>, today: string): boolean {
  return r.active && (r.available || (r.unavailableUntil !== null && r.unavailableUntil < today));
}

export function presentMediator(
  r: MediatorRow,
  p: { unitName: string; userName: string | null; conflicts: MediatorConflictRow[]; openCount: number; today: string; canEdit: boolean },
): MediatorDto {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: p.unitName,
    userId: r.userId,
    userName: p.userName,
    name: r.name,
    kind: r.kind,
    kindLabel: MEDIATOR_KINDS[r.kind],
    employer: r.employer,
    title: r.title,
    expertise: r.expertise as MediatorExpertise[],
    technicalFields: r.technicalFields,
    certificates: r.certificates,
    phoneMasked: r.phoneMasked,
    available: r.available,
    unavailableUntil: r.unavailableUntil,
    availableNow: availableNow(r, p.today),
    active: r.active,
    note: r.note,
    demo: r.demo,
    conflicts: p.conflicts.map((c) => ({ id: c.id, partyName: c.partyName, partyUscc: c.partyUscc, relation: c.relation, declaredOn: c.declaredOn })),
    openMediationCount: p.openCount,
    version: r.version,
    abilities: { edit: p.canEdit },
  };
}

export const mediatorRoleLabel = (role: 'chief' | 'member') => MEDIATOR_ROLES[role];
