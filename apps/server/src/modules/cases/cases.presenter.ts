import {
  CASE_ACTION_PERMISSIONS,
  CASE_ACTIONS,
  CASE_DECISIONS,
  CASE_MEASURES,
  CASE_STATUSES,
  allowedCaseActions,
  decisionsAllowed,
  isPublishedPenalty,
  maskName,
  needsCollectiveDiscussion,
  type CaseAction,
  type CaseDeadlineDto,
  type CaseDetailDto,
  type CaseListItemDto,
  type CasePenaltyKind,
  type CaseStatus,
} from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { CaseActionRow, CaseMeasureRow, CaseRow, ListedCase } from './cases.repository';

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** The actions the status allows and the actor holds the permission for: the buttons the UI shows. */
export function actionsFor(actor: Actor, status: CaseStatus): CaseAction[] {
  return allowedCaseActions(status).filter((a) => can(actor, CASE_ACTION_PERMISSIONS[a]));
}

export function presentListItem(c: ListedCase): CaseListItemDto {
  return {
    id: c.id,
    caseNo: c.caseNo,
    title: c.title,
    caseType: c.caseType,
    procedure: c.procedure,
    status: c.status as CaseStatus,
    statusLabel: CASE_STATUSES[c.status as CaseStatus] ?? c.status,
    partyKind: c.partyKind,
    // A natural person's name is personal data: lists show the surname only (user-expectations §5.4).
    partyName: c.partyKind === 'person' ? maskName(c.partyName) : c.partyName,
    unitId: c.unitId,
    unitName: c.unitName,
    filedOn: c.filedOn,
    dueOn: c.dueOn,
    deadlineState: c.deadlineState,
    major: c.major,
    fromComplaint: c.fromComplaint,
    decision: c.decision,
    fineAmount: num(c.fineAmount),
    leadHandlerName: c.leadHandlerName,
    version: c.version,
  };
}

export interface DetailParts {
  unitName: string;
  leadNo: string | null;
  leadHandlerName: string | null;
  handlers: { userId: number; role: 'lead' | 'assistant'; certNo: string; displayName: string; unitName: string | null }[];
  actions: CaseActionRow[];
  evidence: {
    id: number; kind: CaseDetailDto['evidence'][number]['kind']; title: string; collectedOn: string; collectedBy: string; note: string | null;
    createdAt: string; fileId: number | null; originalName: string | null; size: number | null; mime: string | null;
  }[];
  measures: CaseMeasureRow[];
  deadlines: CaseDeadlineDto[];
  guide: CaseDetailDto['guide'];
}

export function presentDetail(actor: Actor, c: CaseRow, p: DetailParts): CaseDetailDto {
  const status = c.status as CaseStatus;
  const kinds = c.penaltyKinds as CasePenaltyKind[];
  const byId = new Map(p.deadlines.map((d) => [d.id, d]));
  return {
    ...presentListItem({ ...c, unitName: p.unitName, leadHandlerName: p.leadHandlerName }),
    // The detail is for the case's handlers: the name in full, the ID number masked (GET …/party-identity reveals it, audited).
    partyName: c.partyName,
    countyUnitId: c.countyUnitId,
    leadId: c.leadId,
    leadNo: p.leadNo,
    party: {
      kind: c.partyKind,
      name: c.partyName,
      uscc: c.partyUscc,
      idNoMasked: c.partyIdNoMasked,
      legalRep: c.partyLegalRep,
      address: c.partyAddress,
      regionCode: c.partyRegionCode,
    },
    facts: c.facts,
    illegalTurnover: num(c.illegalTurnover),
    illegalGains: num(c.illegalGains),
    repeatWithin5Years: c.repeatWithin5Years,
    decisionLabel: c.decision ? CASE_DECISIONS[c.decision] : null,
    decisionOn: c.decisionOn,
    decisionDocNo: c.decisionDocNo,
    penaltyKinds: kinds,
    confiscatedAmount: num(c.confiscatedAmount),
    decisionSummary: c.decisionSummary,
    published: isPublishedPenalty({ procedure: c.procedure, decision: c.decision, penaltyKinds: kinds }),
    servedOn: c.servedOn,
    fineDueOn: c.fineDueOn,
    paidOn: c.paidOn,
    closedOn: c.closedOn,
    archivedOn: c.archivedOn,
    handlers: p.handlers.map((h) => ({ userId: h.userId, name: h.displayName, role: h.role, certNo: h.certNo, unitName: h.unitName })),
    actions: p.actions.map((a) => ({
      id: a.id,
      action: a.action,
      label: CASE_ACTIONS[a.action as CaseAction] ?? a.action,
      fromStatus: a.fromStatus,
      toStatus: a.toStatus,
      note: a.note,
      data: (a.data && typeof a.data === 'object' ? a.data : null) as Record<string, unknown> | null,
      actorName: a.actorName,
      at: a.at,
    })),
    evidence: p.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      collectedOn: e.collectedOn,
      collectedBy: e.collectedBy,
      note: e.note,
      file: e.fileId ? { id: e.fileId, name: e.originalName ?? '', size: e.size ?? 0, mime: e.mime ?? '', downloadUrl: `/api/files/${e.fileId}` } : null,
      createdAt: e.createdAt,
    })),
    measures: p.measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      label: CASE_MEASURES[m.kind].label,
      startedOn: m.startedOn,
      endedOn: m.endedOn,
      items: m.items,
      outcome: m.outcome,
      running: m.endedOn === null,
      deadline: m.deadlineId ? (byId.get(m.deadlineId) ?? null) : null,
    })),
    deadlines: p.deadlines,
    allowedActions: actionsFor(actor, status),
    decisionsAllowed: decisionsAllowed(status).filter(
      // 第五十七条第二款: before the discussion, a major case's penalty / no-penalty decision is not offered.
      (d) => !(needsCollectiveDiscussion(c.major, d) && status !== 'discussed'),
    ),
    guide: p.guide,
    abilities: { viewPartyIdentity: c.partyKind === 'person' && can(actor, 'case.handle') },
  };
}
