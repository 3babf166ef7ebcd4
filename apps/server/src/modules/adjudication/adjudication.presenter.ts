/**
 * DTOs of the adjudication module: list rows, the staff detail, the requester's portal progress, publications.
 * Pure functions of rows already read and authorised by the service.
 */
import {
  ADJUDICATION_ACTIONS,
  ADJUDICATION_CHANNELS,
  ADJUDICATION_DECISIONS,
  ADJUDICATION_ENDED_REASONS,
  ADJUDICATION_FILE_KINDS,
  ADJUDICATION_ORDERS,
  ADJUDICATION_PANEL_ROLES,
  ADJUDICATION_PUBLIC_STEPS,
  ADJUDICATION_STATUSES,
  PATENT_CHECKS,
  REQUESTER_ROLES,
  SERVICE_METHODS,
  maskName,
  redactPersonName,
  type AdjudicationAction,
  type AdjudicationActionDto,
  type AdjudicationAssistDto,
  type AdjudicationDeadlineDto,
  type AdjudicationDetailDto,
  type AdjudicationFileDto,
  type AdjudicationHearingDto,
  type AdjudicationListItemDto,
  type AdjudicationOrder,
  type AdjudicationPublicStepDto,
  type AdjudicationPublicationDto,
  type AdjudicationServiceBriefDto,
  type AdjudicationStatus,
  type MyAdjudicationDto,
  type PublicAdjudicationDecisionListItemDto,
  type ServiceMethod,
} from '@zhichan/shared';
import type { Selectable } from 'kysely';
import type { ServiceRecordsTable } from '../../db/schema';
import type { AdjudicationRow, AssistRow, FileRow, HandlerRow, ListedAdjudication, ListedPublication } from './adjudication.repository';

/** A natural person's name masked in lists (张*); an organisation's in full. */
export function listName(kind: 'organization' | 'person', name: string): string {
  return kind === 'person' ? maskName(name) : name;
}

/** A party's name as published (a natural person: surname + 某). */
export function publishedName(kind: 'organization' | 'person', name: string): string {
  return kind === 'person' ? redactPersonName(name) : name;
}

export function listItemOf(
  a: AdjudicationRow,
  extra: { unitName: string; receivedByUnitName: string; chiefName: string | null; openAssistsForMe: number; actionable: boolean },
): AdjudicationListItemDto {
  const status = a.status as AdjudicationStatus;
  return {
    id: a.id,
    requestNo: a.requestNo,
    caseNo: a.caseNo,
    status,
    statusLabel: ADJUDICATION_STATUSES[status] ?? a.status,
    channel: a.channel,
    unitId: a.unitId,
    unitName: extra.unitName,
    receivedByUnitId: a.receivedByUnitId,
    receivedByUnitName: extra.receivedByUnitName,
    patentNo: a.patentNo,
    patentType: a.patentType,
    patentTitle: a.patentTitle,
    patentCheck: a.patentCheck,
    requesterName: listName(a.requesterKind, a.requesterName),
    respondentName: listName(a.respondentKind, a.respondentName),
    accusedProduct: a.accusedProduct,
    receivedOn: a.receivedOn,
    filedOn: a.filedOn,
    dueOn: a.dueOn,
    deadlineState: a.deadlineState,
    chiefName: extra.chiefName,
    openAssistsForMe: extra.openAssistsForMe,
    actionable: extra.actionable,
    version: a.version,
  };
}

export function presentListItem(r: ListedAdjudication, actionable: boolean): AdjudicationListItemDto {
  return listItemOf(r, {
    unitName: r.unitName,
    receivedByUnitName: r.receivedByUnitName,
    chiefName: r.chiefName ?? null,
    openAssistsForMe: Number(r.openAssistsForMe ?? 0),
    actionable,
  });
}

export function presentAction(a: { id: number; action: string; fromStatus: string | null; toStatus: string; note: string | null; data: unknown; actorName: string | null; at: string }): AdjudicationActionDto {
  return {
    id: a.id,
    action: a.action,
    label: ADJUDICATION_ACTIONS[a.action as AdjudicationAction] ?? a.action,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    note: a.note,
    data: a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : null,
    actorName: a.actorName,
    at: a.at,
  };
}

export function presentHandler(h: HandlerRow) {
  return {
    userId: h.userId,
    name: h.displayName,
    role: h.role,
    roleLabel: ADJUDICATION_PANEL_ROLES[h.role],
    unitName: h.unitName ?? null,
    certNo: h.lawEnforcementCertNo ?? null,
  };
}

export function presentFile(f: FileRow): AdjudicationFileDto {
  return {
    id: f.id,
    fileId: f.fileId,
    kind: f.kind,
    kindLabel: ADJUDICATION_FILE_KINDS[f.kind],
    party: f.party,
    title: f.title,
    name: f.originalName,
    size: f.size,
    mime: f.mime,
    downloadUrl: `/api/files/${f.fileId}`,
    createdByName: f.createdByName ?? null,
    createdAt: f.createdAt,
  };
}

/** ISO timestamp → China date and HH:mm. */
export function chinaDateTimeParts(iso: string): { date: string; time: string } {
  const s = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

const HEARING_STATUS = { scheduled: '已排期', held: '已审理', cancelled: '已改期' } as const;

export function presentHearing(h: { id: number; scheduledAt: string; place: string; online: boolean; noticeOn: string; technicalInvestigators: string[]; jointWithCnipa: boolean; status: 'scheduled' | 'held' | 'cancelled'; heldOn: string | null; recordSummary: string | null }): AdjudicationHearingDto {
  const p = chinaDateTimeParts(h.scheduledAt);
  return {
    id: h.id,
    scheduledAt: h.scheduledAt,
    scheduledOn: p.date,
    scheduledTime: p.time,
    place: h.place,
    online: h.online,
    noticeOn: h.noticeOn,
    technicalInvestigators: h.technicalInvestigators,
    jointWithCnipa: h.jointWithCnipa,
    status: h.status,
    statusLabel: HEARING_STATUS[h.status],
    heldOn: h.heldOn,
    recordSummary: h.recordSummary,
  };
}

export function presentAssist(a: AssistRow, canComplete: boolean): AdjudicationAssistDto {
  return {
    id: a.id,
    unitId: a.unitId,
    unitName: a.unitName,
    task: a.task,
    requestedOn: a.requestedOn,
    dueOn: a.dueOn,
    status: a.status,
    statusLabel: a.status === 'open' ? '办理中' : '已完成',
    result: a.result,
    doneByName: a.doneByName ?? null,
    doneOn: a.doneOn,
    requestedByName: a.requestedByName ?? null,
    canComplete,
  };
}

export function presentService(r: Selectable<ServiceRecordsTable>, purpose: AdjudicationServiceBriefDto['purpose'], today: string): AdjudicationServiceBriefDto {
  const effective = r.servedOn ?? r.deemedServedOn;
  return {
    id: r.id,
    purpose,
    documentTitle: r.documentTitle,
    method: r.method,
    methodLabel: SERVICE_METHODS[r.method as ServiceMethod] ?? r.method,
    recipient: r.recipient,
    servedOn: r.servedOn,
    announcedOn: r.announcedOn,
    deemedServedOn: r.deemedServedOn,
    effectiveServedOn: effective,
    pending: r.method === 'announcement' && !!r.deemedServedOn && r.deemedServedOn > today,
  };
}

export interface DetailParts {
  unitName: string;
  receivedByUnitName: string;
  respondentRegionName: string | null;
  actionable: boolean;
  openAssistsForMe: number;
  handlers: HandlerRow[];
  actions: AdjudicationActionDto[];
  files: AdjudicationFileDto[];
  hearings: AdjudicationHearingDto[];
  assists: AdjudicationAssistDto[];
  services: AdjudicationServiceBriefDto[];
  deadlines: AdjudicationDeadlineDto[];
  mediations: { id: number; mediationNo: string; status: string; statusLabel: string }[];
  publication: ListedPublication | AdjudicationPublicationRowLike | null;
  allowedActions: AdjudicationAction[];
  abilities: AdjudicationDetailDto['abilities'];
  guide: AdjudicationDetailDto['guide'];
  evaluationReportExpected: boolean;
  evaluationReportProvided: boolean;
  respondentAnnouncedOn: string | null;
  answerDueOn: string | null;
  decisionDueOn: string | null;
  pilotTargetOn: string | null;
  pilotTargetBasis: { regulation: string; article: string; version: string } | null;
}

interface AdjudicationPublicationRowLike {
  id: number;
  title: string;
  publishedOn: string;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  version: number;
}

export function presentDetail(a: AdjudicationRow, p: DetailParts): AdjudicationDetailDto {
  const status = a.status as AdjudicationStatus;
  const orders = (a.orders ?? []) as AdjudicationOrder[];
  return {
    ...listItemOf(a, {
      unitName: p.unitName,
      receivedByUnitName: p.receivedByUnitName,
      chiefName: p.handlers.find((h) => h.role === 'chief')?.displayName ?? null,
      openAssistsForMe: p.openAssistsForMe,
      actionable: p.actionable,
    }),
    // Staff who may open the case see the names in full; the list masks a person's name.
    requesterName: a.requesterName,
    respondentName: a.respondentName,
    patentee: a.patentee,
    patentId: a.patentId,
    patentCheckLabel: PATENT_CHECKS[a.patentCheck],
    patentCheckNote: a.patentCheckNote,
    requester: {
      kind: a.requesterKind,
      name: a.requesterName,
      uscc: a.requesterUscc,
      idNoMasked: a.requesterIdNoMasked,
      phoneMasked: a.requesterPhoneMasked,
      address: a.requesterAddress,
      role: a.requesterRole,
      roleLabel: REQUESTER_ROLES[a.requesterRole],
      agent: a.requesterAgent,
    },
    respondent: {
      kind: a.respondentKind,
      name: a.respondentName,
      uscc: a.respondentUscc,
      address: a.respondentAddress,
      regionCode: a.respondentRegionCode,
      regionName: p.respondentRegionName,
      legalRep: a.respondentLegalRep,
      phone: a.respondentPhone,
    },
    claimsComparison: a.claimsComparison,
    requests: a.requests,
    factsReasons: a.factsReasons,
    noLawsuitDeclared: a.noLawsuitDeclared,
    evaluationReportExpected: p.evaluationReportExpected,
    evaluationReportProvided: p.evaluationReportProvided,
    channelLabel: ADJUDICATION_CHANNELS[a.channel],
    statusBeforeSuspension: (a.statusBeforeSuspension as AdjudicationStatus | null) ?? null,
    notAcceptedReason: a.notAcceptedReason,
    procedureMode: a.procedureMode,
    simpleCase: a.simpleCase,
    respondentServedOn: a.respondentServedOn,
    respondentAnnouncedOn: p.respondentAnnouncedOn,
    answerDueOn: p.answerDueOn,
    answerReceivedOn: a.answerReceivedOn,
    answerForwardedOn: a.answerForwardedOn,
    invalidationCaseNo: a.invalidationCaseNo,
    invalidationAcceptedOn: a.invalidationAcceptedOn,
    invalidationResult: a.invalidationResult,
    decision: a.decision,
    decisionLabel: a.decision ? ADJUDICATION_DECISIONS[a.decision] : null,
    decisionOn: a.decisionOn,
    decisionDocNo: a.decisionDocNo,
    decisionSummary: a.decisionSummary,
    orders,
    orderLabels: orders.map((o) => ADJUDICATION_ORDERS[o] ?? o),
    decisionServedOn: a.decisionServedOn,
    lawsuitDueOn: a.lawsuitDueOn,
    lawsuitFiledOn: a.lawsuitFiledOn,
    lawsuitCourt: a.lawsuitCourt,
    lawsuitCaseNo: a.lawsuitCaseNo,
    judgmentResult: a.judgmentResult,
    effectiveOn: a.effectiveOn,
    performance: a.performance,
    performanceOn: a.performanceOn,
    creditFlaggedOn: a.creditFlaggedOn,
    endedReason: a.endedReason,
    endedReasonLabel: a.endedReason ? ADJUDICATION_ENDED_REASONS[a.endedReason] : null,
    closedOn: a.closedOn,
    decisionDueOn: p.decisionDueOn,
    pilotTargetOn: p.pilotTargetOn,
    pilotTargetBasis: p.pilotTargetBasis,
    handlers: p.handlers.map(presentHandler),
    actions: p.actions,
    files: p.files,
    hearings: p.hearings,
    assists: p.assists,
    services: p.services,
    deadlines: p.deadlines,
    mediations: p.mediations,
    publication: p.publication
      ? {
          id: p.publication.id,
          title: p.publication.title,
          publishedOn: p.publication.publishedOn,
          withdrawnOn: p.publication.withdrawnOn,
          withdrawnReason: p.publication.withdrawnReason,
          status: p.publication.withdrawnOn ? 'withdrawn' : 'published',
          version: p.publication.version,
        }
      : null,
    allowedActions: p.allowedActions,
    abilities: p.abilities,
    guide: p.guide,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    status,
  };
}

// ---------- portal ----------

/** Plain-language status for the requester. */
export const PORTAL_STATUS_LABELS: Record<AdjudicationStatus, string> = {
  requested: '已收到请求，正在审查是否立案',
  notAccepted: '不予受理',
  filed: '已立案，正在向被请求人送达',
  answering: '被请求人答辩期内',
  hearingScheduled: '已安排口头审理',
  deliberating: '合议审理中',
  suspended: '中止处理（等待专利权无效宣告审查结果）',
  decided: '已作出裁决，正在送达裁决书',
  lawsuitWindow: '裁决书已送达，起诉期内',
  inLitigation: '当事人已提起行政诉讼',
  effective: '裁决已生效',
  closed: '已结案',
  revoked: '裁决已被人民法院撤销',
};

/** The requester's step titles (ADJUDICATION_PUBLIC_STEPS). */
const PUBLIC_STEP_TITLES: Record<(typeof ADJUDICATION_PUBLIC_STEPS)[number], string> = {
  register: '请求已登记',
  file: '已立案',
  reject: '不予受理',
  serveRequest: '请求书副本已送达被请求人',
  recordAnswer: '收到被请求人答辩书',
  scheduleHearing: '口头审理通知',
  holdHearing: '举行口头审理',
  suspend: '中止处理',
  resume: '恢复处理',
  decide: '作出行政裁决',
  serveDecision: '送达行政裁决书',
  becomeEffective: '裁决生效',
  withdraw: '请求已撤回',
  settle: '当事人和解',
  close: '结案',
};

export function publicTimeline(actions: { action: string; data: unknown; at: string }[]): AdjudicationPublicStepDto[] {
  const steps = new Set<string>(ADJUDICATION_PUBLIC_STEPS);
  const out: AdjudicationPublicStepDto[] = [];
  for (const a of actions) {
    if (!steps.has(a.action)) continue;
    const d = (a.data && typeof a.data === 'object' ? a.data : {}) as Record<string, unknown>;
    const on = typeof d.on === 'string' ? d.on : chinaDateTimeParts(a.at).date;
    out.push({ step: a.action, title: PUBLIC_STEP_TITLES[a.action as keyof typeof PUBLIC_STEP_TITLES], on, text: typeof d.publicText === 'string' ? d.publicText : null });
  }
  return out;
}

export function presentMine(a: AdjudicationRow, next: { nextStep: string | null; expectedNextStepBy: string | null }): MyAdjudicationDto {
  const status = a.status as AdjudicationStatus;
  return {
    requestNo: a.requestNo,
    caseNo: a.caseNo,
    status,
    statusLabel: PORTAL_STATUS_LABELS[status] ?? a.status,
    patentNo: a.patentNo,
    patentTitle: a.patentTitle,
    respondentName: a.respondentName,
    submittedAt: a.createdAt,
    nextStep: next.nextStep,
    expectedNextStepBy: next.expectedNextStepBy,
  };
}

// ---------- publications ----------

export function presentPublication(r: ListedPublication, abilities: { withdraw: boolean }): AdjudicationPublicationDto {
  return {
    id: r.id,
    adjudicationId: r.adjudicationId,
    requestNo: r.requestNo,
    caseNo: r.caseNo,
    unitId: r.unitId,
    unitName: r.unitName,
    title: r.title,
    docNo: r.docNo,
    body: r.body,
    redactions: Array.isArray(r.redactions) ? (r.redactions as unknown[]).map(String) : [],
    publishedOn: r.publishedOn,
    withdrawnOn: r.withdrawnOn,
    withdrawnReason: r.withdrawnReason,
    status: r.withdrawnOn ? 'withdrawn' : 'published',
    statusLabel: r.withdrawnOn ? '已撤回' : '已公开',
    publishedByName: r.publishedByName ?? null,
    version: r.version,
    abilities,
  };
}

export function presentPublicItem(r: ListedPublication): PublicAdjudicationDecisionListItemDto {
  return {
    id: r.id,
    title: r.title,
    docNo: r.docNo,
    authorityName: r.unitName,
    publishedOn: r.publishedOn,
    decisionOn: r.decisionOn,
    decisionLabel: r.decision ? ADJUDICATION_DECISIONS[r.decision] : null,
    patentNo: r.patentNo,
    patentTitle: r.patentTitle,
    requesterName: publishedName(r.requesterKind, r.requesterName),
    respondentName: publishedName(r.respondentKind, r.respondentName),
  };
}
