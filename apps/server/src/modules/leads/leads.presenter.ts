import {
  LEAD_ACTIONS,
  LEAD_STATUSES,
  LEAD_USER_ACTIONS,
  allowedLeadActions,
  leadActionPermission,
  leadReasonLabel,
  type LeadAction,
  type LeadDeadlineDto,
  type LeadDetailDto,
  type LeadListItemDto,
  type LeadRefDto,
  type LeadStatus,
  type LeadTimelineEntryDto,
  type LeadUnitOptionDto,
  type LeadUserAction,
  type LeadWorkflowState,
} from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { LeadActionRow, LeadRow, ListedLead, UnitRow } from './leads.repository';

/** The facts of the lead the workflow table needs (status, kind, where it sits, the reporter-notice flags). */
export function workflowStateOf(lead: Pick<LeadRow, 'status' | 'kind' | 'realName' | 'decision' | 'reporterNotifiedOn'>, unit: Pick<UnitRow, 'kind'>): LeadWorkflowState {
  return {
    status: lead.status as LeadStatus,
    kind: lead.kind,
    atStation: unit.kind === 'station',
    realName: lead.realName,
    decided: lead.decision !== null,
    reporterNotified: lead.reporterNotifiedOn !== null,
  };
}

/**
 * Where the actor acts from: their unit, or for staff of an internal department (内设机构) the bureau it belongs to — a
 * 知识产权科 officer acts for the city bureau.
 */
export interface ActorPlace {
  unitId: number | null;
  /** That unit's path (/1/3/), null without a unit. */
  path: string | null;
}

/**
 * Whether this actor may take the action on this lead, besides the status table: the permission of the action and the
 * responsible unit. 签收/退回/分派 only by the unit the lead sits at; handling by that unit or, for a station's lead, by its
 * county bureau (暂行办法 第二十六条: stations act within the county's remit); approval by the head of that unit or a unit
 * above it (负责人批准).
 */
export function actorMayAct(actor: Actor, place: ActorPlace, lead: Pick<LeadRow, 'unitId'>, unit: Pick<UnitRow, 'kind' | 'parentId' | 'path'>, action: LeadUserAction): boolean {
  if (!can(actor, leadActionPermission(action))) return false;
  switch (action) {
    case 'dispatch':
    case 'sign':
    case 'return':
      return place.unitId === lead.unitId;
    case 'approveFiling':
    case 'declineFiling':
    case 'sendBack':
      return !!place.path && unit.path.startsWith(place.path);
    default:
      return place.unitId === lead.unitId || (unit.kind === 'station' && place.unitId === unit.parentId);
  }
}

/** The buttons: the status table ∩ what this actor may do. */
export function actionsForActor(actor: Actor, place: ActorPlace, lead: LeadRow, unit: UnitRow): LeadUserAction[] {
  const user = new Set<LeadAction>(LEAD_USER_ACTIONS);
  return allowedLeadActions(workflowStateOf(lead, unit)).filter((a): a is LeadUserAction => user.has(a) && actorMayAct(actor, place, lead, unit, a as LeadUserAction));
}

export function presentListItem(l: ListedLead): LeadListItemDto {
  return {
    id: l.id,
    leadNo: l.leadNo,
    kind: l.kind,
    source: l.source,
    ipType: l.ipType,
    title: l.title,
    respondentName: l.respondentName,
    unitId: l.unitId,
    unitName: l.unitName,
    status: l.status as LeadStatus,
    statusLabel: LEAD_STATUSES[l.status as LeadStatus] ?? l.status,
    receivedOn: l.receivedOn,
    dueOn: l.dueOn,
    deadlineState: l.deadlineState,
    realName: l.realName,
    version: l.version,
  };
}

export function presentRef(l: LeadRow): LeadRefDto {
  return { id: l.id, leadNo: l.leadNo, title: l.title, status: l.status as LeadStatus, statusLabel: LEAD_STATUSES[l.status as LeadStatus] ?? l.status };
}

export function presentTimeline(rows: LeadActionRow[], unitNames: Map<number, string>): LeadTimelineEntryDto[] {
  return rows.map((a) => ({
    id: a.id,
    action: a.action as LeadAction,
    actionLabel: LEAD_ACTIONS[a.action as LeadAction] ?? a.action,
    fromStatus: (a.fromStatus as LeadStatus | null) ?? null,
    toStatus: a.toStatus as LeadStatus,
    unitName: unitNames.get(a.unitId) ?? '',
    toUnitName: a.toUnitId ? (unitNames.get(a.toUnitId) ?? null) : null,
    reasonCode: a.reasonCode,
    reasonLabel: leadReasonLabel(a.reasonCode),
    note: a.note,
    data: a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : null,
    actorName: a.actorName,
    at: a.at,
  }));
}

export interface DetailParts {
  unitName: string;
  intakeUnitName: string;
  countyUnitName: string | null;
  regionName: string | null;
  submission: { id: number; receiptNo: string } | null;
  parent: LeadRow | null;
  children: LeadRow[];
  kase: { id: number; caseNo: string } | null;
  timeline: LeadTimelineEntryDto[];
  deadlines: LeadDeadlineDto[];
  allowedActions: LeadUserAction[];
  dispatchTargets: LeadUnitOptionDto[];
  assignTargets: LeadUnitOptionDto[];
}

export function presentDetail(actor: Actor, l: LeadRow, p: DetailParts): LeadDetailDto {
  const hasInformant = !!(l.informantNameMasked || l.informantPhoneMasked);
  return {
    ...presentListItem({ ...l, unitName: p.unitName }),
    externalId: l.externalId,
    facts: l.facts,
    respondentUscc: l.respondentUscc,
    respondentAddress: l.respondentAddress,
    respondentRegionCode: l.respondentRegionCode,
    respondentRegionName: p.regionName,
    informant: hasInformant ? { name: l.informantNameMasked, phone: l.informantPhoneMasked } : null,
    intakeUnitId: l.intakeUnitId,
    intakeUnitName: p.intakeUnitName,
    countyUnitId: l.countyUnitId,
    countyUnitName: p.countyUnitName,
    submission: p.submission,
    parent: p.parent ? presentRef(p.parent) : null,
    children: p.children.map(presentRef),
    case: p.kase,
    reasonCode: l.reasonCode,
    reasonLabel: leadReasonLabel(l.reasonCode),
    verificationResult: l.verificationResult,
    decision: l.decision,
    decidedOn: l.decidedOn,
    reporterNotifiedOn: l.reporterNotifiedOn,
    result: l.result,
    closedOn: l.closedOn,
    createdAt: l.createdAt,
    timeline: p.timeline,
    deadlines: p.deadlines,
    allowedActions: p.allowedActions,
    abilities: {
      viewInformant: can(actor, 'submission.identity.read') && (hasInformant || (l.submissionId !== null && l.realName)),
      registerCase: l.status === 'filingApproved' && can(actor, 'case.handle'),
    },
    dispatchTargets: p.dispatchTargets,
    assignTargets: p.assignTargets,
  };
}
