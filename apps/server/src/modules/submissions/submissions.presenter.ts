import {
  SATISFACTION_LEVELS,
  SUBMISSION_EVENTS,
  SUBMISSION_STATUSES,
  LEAD_STATUSES,
  allowedSubmissionActions,
  submissionActionAllowed,
  type PossibleDuplicateDto,
  type SubmissionDetailDto,
  type LeadStatus,
  type SubmissionEventKind,
  type SubmissionListItemDto,
  type SubmissionProgressDto,
} from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { DuplicateRow, ListedSubmission, SubmissionRow } from './submissions.repository';

type DeadlineState = 'normal' | 'warning' | 'overdue' | 'paused' | 'done';

export function abilitiesOf(actor: Actor, s: Pick<SubmissionRow, 'status' | 'anonymous'>, hasLead = false) {
  return {
    register: can(actor, 'submission.register') && submissionActionAllowed(s.status, 'register'),
    link: can(actor, 'submission.merge') && submissionActionAllowed(s.status, 'link'),
    merge: can(actor, 'submission.merge') && submissionActionAllowed(s.status, 'merge'),
    close: can(actor, 'submission.register') && submissionActionAllowed(s.status, 'close'),
    // One lead per submission: a reopened one that was already dispatched is reviewed and closed by the city.
    dispatch: can(actor, 'lead.dispatch') && submissionActionAllowed(s.status, 'dispatch') && !hasLead,
    viewIdentity: can(actor, 'submission.identity.read') && !s.anonymous,
  };
}

export function presentDuplicate(d: DuplicateRow): PossibleDuplicateDto {
  return {
    id: d.id,
    receiptNo: d.receiptNo,
    kind: d.kind,
    ipType: d.ipType,
    status: d.status,
    respondentName: d.respondentName,
    submittedAt: d.createdAt,
    reason: d.reason,
    similarity: d.similarity,
  };
}

/** A queue row: the submitter's identity only masked (姓名 张*, 电话 138****1234, 身份证 370902********1234), or 匿名. */
export function presentListItem(actor: Actor, s: ListedSubmission, duplicates: DuplicateRow[]): SubmissionListItemDto {
  return {
    id: s.id,
    receiptNo: s.receiptNo,
    kind: s.kind,
    ipType: s.ipType,
    category: s.category,
    status: s.status,
    statusLabel: SUBMISSION_STATUSES[s.status],
    respondentName: s.respondentName,
    respondentUscc: s.respondentUscc,
    respondentRegionCode: s.respondentRegionCode,
    respondentRegionName: s.regionName,
    online: s.online,
    anonymous: s.anonymous,
    submitterName: s.anonymous ? '匿名' : (s.submitterNameMasked ?? '—'),
    submitterPhone: s.anonymous ? null : s.phoneMasked,
    submitterIdNo: s.anonymous ? null : s.idNoMasked,
    submittedAt: s.createdAt,
    deadline: s.deadlineTitle ? { title: s.deadlineTitle, dueOn: s.deadlineDueOn, state: (s.deadlineState ?? 'normal') as DeadlineState } : null,
    fileCount: s.fileCount,
    possibleDuplicates: duplicates.map(presentDuplicate),
    version: s.version,
    abilities: abilitiesOf(actor, s),
  };
}

export interface DetailParts {
  regionName: string | null;
  unitName: string;
  deadline: { title: string; dueOn: string | null; state: DeadlineState } | null;
  files: { id: number; originalName: string; size: number; mime: string; sha256: string }[];
  events: { id: number; at: string; kind: string; text: string | null; note: string | null; public: boolean; actorName: string | null }[];
  links: { submissionId: number; otherId: number; mode: 'duplicate' | 'related'; createdAt: string; oid: number; oReceiptNo: string; oStatus: SubmissionRow['status'] }[];
  duplicates: DuplicateRow[];
  rating: { satisfaction: 'satisfied' | 'basicallySatisfied' | 'dissatisfied'; comment: string | null; createdAt: string } | undefined;
  mergedInto: { id: number; receiptNo: string } | null;
  lead: { id: number; leadNo: string; unitName: string; status: string } | null;
}

function eventTitle(kind: string): string {
  return SUBMISSION_EVENTS[kind as SubmissionEventKind]?.title ?? kind;
}

export function presentDetail(actor: Actor, s: SubmissionRow, p: DetailParts): SubmissionDetailDto {
  return {
    ...presentListItem(
      actor,
      {
        ...s,
        regionName: p.regionName,
        fileCount: p.files.length,
        deadlineTitle: p.deadline?.title ?? null,
        deadlineDueOn: p.deadline?.dueOn ?? null,
        deadlineState: p.deadline?.state ?? null,
      },
      p.duplicates,
    ),
    abilities: abilitiesOf(actor, s, p.lead !== null),
    respondentAddress: s.respondentAddress,
    shopUrl: s.shopUrl,
    platform: s.platform,
    facts: s.facts,
    requestedOutcome: s.requestedOutcome,
    consentPublication: s.consentPublication,
    consentDelegatedMediation: s.consentDelegatedMediation,
    organizationName: s.organizationName,
    unitId: s.unitId,
    unitName: p.unitName,
    result: s.result,
    closedAt: s.closedAt,
    mergedInto: p.mergedInto,
    lead: p.lead ? { id: p.lead.id, leadNo: p.lead.leadNo, unitName: p.lead.unitName, statusLabel: LEAD_STATUSES[p.lead.status as LeadStatus] ?? p.lead.status } : null,
    files: p.files.map((f) => ({ id: f.id, name: f.originalName, size: f.size, mime: f.mime, sha256: f.sha256, downloadUrl: `/api/files/${f.id}` })),
    events: p.events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      title: eventTitle(e.kind),
      // Staff see the public text and their internal note together.
      text: [e.text, e.note].filter(Boolean).join('\n') || null,
      public: e.public,
      actorName: e.actorName,
    })),
    links: p.links.map((l) => ({
      otherId: l.oid,
      otherReceiptNo: l.oReceiptNo,
      otherStatus: l.oStatus,
      mode: l.mode,
      role: l.mode === 'related' ? 'related' : l.submissionId === s.id ? 'merged' : 'primary',
      createdAt: l.createdAt,
    })),
    rating: p.rating ? { satisfaction: p.rating.satisfaction, comment: p.rating.comment, ratedAt: p.rating.createdAt } : null,
    allowedActions: allowedSubmissionActions(s.status),
  };
}

export interface ProgressParts {
  events: { at: string; kind: string; text: string | null }[];
  nextStep: string | null;
  expectedNextStepBy: string | null;
  mergedInto: string | null;
  rating: { satisfaction: 'satisfied' | 'basicallySatisfied' | 'dissatisfied'; comment: string | null; createdAt: string } | undefined;
}

/** What the submitter sees: public steps only, in Chinese, and nothing about staff or internal notes. */
export function presentProgress(s: SubmissionRow, p: ProgressParts): SubmissionProgressDto {
  const ratingOpen = s.status === 'closed' && !p.rating;
  return {
    receiptNo: s.receiptNo,
    kind: s.kind,
    ipType: s.ipType,
    status: s.status,
    statusLabel: SUBMISSION_STATUSES[s.status],
    submittedAt: s.createdAt,
    respondentName: s.respondentName,
    timeline: p.events.map((e) => ({ at: e.at, step: e.kind, title: eventTitle(e.kind), text: e.text })),
    nextStep: p.nextStep,
    expectedNextStepBy: p.expectedNextStepBy,
    result: s.result,
    closedAt: s.closedAt,
    mergedInto: p.mergedInto,
    rating: { open: ratingOpen, given: p.rating ? { satisfaction: p.rating.satisfaction, comment: p.rating.comment, ratedAt: p.rating.createdAt } : null },
  };
}

export function satisfactionLabel(s: keyof typeof SATISFACTION_LEVELS): string {
  return SATISFACTION_LEVELS[s];
}
