import {
  amountText,
  CASE_DECISIONS,
  CASE_REVIEW_GRADES,
  CASE_STATUSES,
  LEAD_STATUSES,
  EXTENSION_APPROVALS,
  EXTENSION_REQUEST_STATUSES,
  extensionPolicyOf,
  SUPERVISION_ITEM_KINDS,
  type CaseReviewDto,
  type CaseReviewGrade,
  type ExtensionRequestDto,
  type SupervisionFlagDto,
  type SupervisionItemDto,
  type SupervisionItemKind,
  type SupervisionReminderDto,
  type WorkCalendar,
} from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { FlagWithNames, ListedExtensionRequest, ListedReview, RecordRef, UnitRow } from './supervision.repository';

export const FLAG_LEVELS = { city: '市局挂牌督办', county: '县局挂牌督办' } as const;

/** 决定 labels of a case (the cases module's table). */
export function decisionLabel(decision: string | null): string | null {
  return decision ? ((CASE_DECISIONS as Record<string, string>)[decision] ?? decision) : null;
}

function statusLabel(entityType: 'lead' | 'case', status: string): string {
  const table = (entityType === 'lead' ? LEAD_STATUSES : CASE_STATUSES) as Record<string, string>;
  return table[status] ?? status;
}

/** The back-office page of a lead or case. */
export function recordLink(entityType: string, id: number): string {
  if (entityType === 'adjudication') return `/admin/adjudications/${id}`;
  return entityType === 'lead' ? `/admin/leads/${id}` : `/admin/cases/${id}`;
}

export function kindLabel(kind: string): string {
  return SUPERVISION_ITEM_KINDS[kind as SupervisionItemKind] ?? kind;
}

export function entityLabel(entityType: string): string {
  if (entityType === 'adjudication') return '行政裁决案件';
  return entityType === 'lead' ? '线索' : '案件';
}

/** The organisation, for rolling stations up to their county bureau and for names. */
export class OrgTree {
  readonly byId: Map<number, UnitRow>;

  constructor(readonly units: UnitRow[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
  }

  name(id: number | null | undefined): string {
    return id === null || id === undefined ? '' : (this.byId.get(id)?.name ?? '');
  }

  /** The county bureau a unit belongs to (itself when it is one); the city bureau or a root for units above counties. */
  reportingUnit(id: number): number {
    let u = this.byId.get(id);
    const start = u;
    while (u) {
      if (u.kind === 'countyBureau' || u.kind === 'cityBureau') return u.id;
      u = u.parentId === null ? undefined : this.byId.get(u.parentId);
    }
    return start?.id ?? id;
  }

  /** The unit and every unit below it. */
  subtree(id: number): number[] {
    const root = this.byId.get(id);
    if (!root) return [];
    return this.units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id);
  }

  /** The ancestors of a unit, nearest first (not the unit itself). */
  ancestors(id: number): number[] {
    const out: number[] = [];
    let p = this.byId.get(id)?.parentId ?? null;
    while (p !== null && !out.includes(p)) {
      out.push(p);
      p = this.byId.get(p)?.parentId ?? null;
    }
    return out;
  }

  /** The unit and its ancestors. */
  selfAndAncestors(id: number): number[] {
    return [id, ...this.ancestors(id)];
  }

  sortKey(id: number): [number, number, number] {
    const u = this.byId.get(id);
    const depth = u ? u.path.split('/').filter(Boolean).length : 99;
    return [depth, u?.sort ?? 0, id];
  }
}

export function compareUnits(org: OrgTree, a: number, b: number): number {
  const x = org.sortKey(a);
  const y = org.sortKey(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function presentFlag(actor: Actor, f: FlagWithNames, today: string): SupervisionFlagDto {
  return {
    id: f.id,
    entityType: f.entityType,
    entityId: f.entityId,
    unitId: f.unitId,
    unitName: f.unitName,
    level: f.level,
    levelLabel: FLAG_LEVELS[f.level],
    reason: f.reason,
    dueOn: f.dueOn,
    flaggedBy: f.flaggedByName,
    flaggedAt: f.flaggedAt,
    escalatedAt: f.escalatedAt,
    liftedAt: f.liftedAt,
    liftedBy: f.liftedByName,
    liftNote: f.liftNote,
    overdue: f.liftedAt === null && f.dueOn !== null && f.dueOn < today,
    abilities: { lift: f.liftedAt === null && can(actor, 'deadline.supervise') },
  };
}

export function presentItem(
  actor: Actor,
  r: RecordRef,
  ctx: { org: OrgTree; cal: WorkCalendar; today: string; flag: SupervisionFlagDto | null; reminders: { n: number; lastAt: string | null } | undefined },
): SupervisionItemDto {
  const county = r.countyUnitId ?? ctx.org.reportingUnit(r.unitId);
  const supervise = can(actor, 'deadline.supervise');
  return {
    entityType: r.entityType,
    entityId: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind as SupervisionItemKind,
    kindLabel: kindLabel(r.kind),
    status: r.status,
    statusLabel: statusLabel(r.entityType, r.status),
    unitId: r.unitId,
    unitName: ctx.org.name(r.unitId),
    countyUnitId: county,
    countyName: ctx.org.name(county) || null,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    deadlineState: r.deadlineState ?? 'none',
    workingDaysLeft: r.dueOn ? ctx.cal.workingDaysBetween(ctx.today, r.dueOn) : null,
    flag: ctx.flag,
    reminderCount: ctx.reminders?.n ?? 0,
    lastRemindedAt: ctx.reminders?.lastAt ?? null,
    link: recordLink(r.entityType, r.id),
    abilities: { remind: supervise, flag: supervise && ctx.flag === null },
  };
}

export function presentReminder(r: {
  id: number; entityType: 'lead' | 'case'; entityId: number; unitId: number; unitName: string; message: string; sentByName: string | null; sentAt: string;
}, notified?: number): SupervisionReminderDto {
  return {
    id: r.id,
    entityType: r.entityType,
    entityId: r.entityId,
    unitId: r.unitId,
    unitName: r.unitName,
    message: r.message,
    sentBy: r.sentByName,
    sentAt: r.sentAt,
    ...(notified === undefined ? {} : { notified }),
  };
}

/** Who may approve or deny a request: the approval permission of the record's kind, never the applicant. */
export function mayDecideExtension(actor: Actor, r: { entityType: string; requestedBy: number | null; status: string }): boolean {
  if (r.status !== 'pending' || r.requestedBy === actor.userId) return false;
  return can(actor, r.entityType === 'lead' ? 'lead.approve' : r.entityType === 'adjudication' ? 'adjudication.approve' : 'case.approve');
}

export function presentExtensionRequest(actor: Actor, r: ListedExtensionRequest): ExtensionRequestDto {
  const policy = extensionPolicyOf(r.ruleKey);
  const approval = r.collective ? 'collective' : 'head';
  const decide = mayDecideExtension(actor, r);
  return {
    id: r.id,
    deadlineId: r.deadlineId,
    deadlineTitle: r.deadlineTitle,
    ruleKey: r.ruleKey,
    ruleName: r.ruleName,
    entityType: r.entityType === 'lead' ? 'lead' : r.entityType === 'adjudication' ? 'adjudication' : 'case',
    entityId: r.entityId,
    entityNumber: r.entityNumber,
    entityTitle: r.entityTitle,
    link: recordLink(r.entityType, r.entityId),
    unitId: r.unitId,
    unitName: r.unitName,
    amount: r.amount,
    unit: r.unit,
    amountText: amountText(r.amount, r.unit),
    reason: r.reason,
    collective: r.collective,
    approval,
    approvalLabel: EXTENSION_APPROVALS[approval],
    basis: policy?.basis ?? '',
    status: r.status,
    statusLabel: EXTENSION_REQUEST_STATUSES[r.status],
    requestedBy: r.requestedByName,
    requestedAt: r.requestedAt,
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    dueOn: r.dueOn,
    version: r.version,
    abilities: { approve: decide, deny: decide },
  };
}

interface StoredReviewItem {
  key: string;
  title: string;
  max: number;
  score: number;
  note: string | null;
}

export function presentReview(r: ListedReview): CaseReviewDto {
  const items = (Array.isArray(r.items) ? r.items : []) as unknown as StoredReviewItem[];
  return {
    id: r.id,
    caseId: r.caseId,
    caseNo: r.caseNo,
    caseTitle: r.caseTitle,
    caseTypeLabel: kindLabel(r.caseType),
    unitId: r.unitId,
    unitName: r.unitName,
    reviewerName: r.reviewerName,
    reviewedOn: r.reviewedOn,
    items: items.map((i) => ({ key: i.key, title: i.title, max: Number(i.max), score: Number(i.score), note: i.note ?? null })),
    totalScore: Number(r.totalScore),
    grade: r.grade,
    gradeLabel: CASE_REVIEW_GRADES[r.grade as CaseReviewGrade],
    comments: r.comments,
    createdAt: r.createdAt,
  };
}
