import {
  DOCUMENT_ENTITY_TYPES,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS_BY_ENTITY,
  type DocumentEntityType,
  type DocumentKind,
} from '@zhichan/shared';

/**
 * Which document a record may have generated in its current state (the statuses of lead-workflow.ts, case-workflow.ts,
 * adjudication-workflow.ts and mediation-workflow.ts, and the facts of the action log). A kind that does not fit answers
 * 409 with the reason; the list DTO carries the same answer per kind so the UI offers only what the server accepts.
 */

export interface LeadFacts {
  entityType: 'lead';
  kind: string;
  status: string;
  verificationResult: string | null;
  decision: string | null;
  /** Actions in the lead's log. */
  actions: ReadonlySet<string>;
  serviceRecordCount: number;
}

export interface CaseFacts {
  entityType: 'case';
  status: string;
  procedure: string;
  decision: string | null;
  actions: ReadonlySet<string>;
  serviceRecordCount: number;
}

export interface AdjudicationFacts {
  entityType: 'adjudication';
  status: string;
  decision: string | null;
  /** Actions in the adjudication's log. */
  actions: ReadonlySet<string>;
  /** Oral hearings scheduled and not yet held or cancelled (adjudication_hearings.status 'scheduled'). */
  scheduledHearingCount: number;
  serviceRecordCount: number;
}

export interface MediationFacts {
  entityType: 'mediation';
  status: string;
  agreementForm: string | null;
  agreementTerms: string | null;
}

export type RecordFacts = LeadFacts | CaseFacts | AdjudicationFacts | MediationFacts;

/** 法制审核通过 until the decision: the window of the 行政处罚告知书 (行政处罚法 第四十四条, 第六十二条). */
const NOTICE_STATUSES = new Set(['reviewed', 'noticed', 'hearingRequested', 'hearingScheduled', 'heard', 'discussed']);
/** 执行完毕 (or nothing to execute) onwards: the window of the 结案审批表. */
const CLOSING_STATUSES = new Set(['pendingClose', 'closed', 'archived']);

export interface Availability {
  allowed: boolean;
  reason: string | null;
}

const OK: Availability = { allowed: true, reason: null };
const no = (reason: string): Availability => ({ allowed: false, reason });

function leadAvailability(kind: DocumentKind, f: LeadFacts): Availability {
  const complaint = f.kind === 'complaint';
  switch (kind) {
    // 暂行办法 第十四条: the complainant is told of the acceptance decision.
    case 'acceptanceNotice':
      if (!complaint) return no('受理通知书只用于投诉');
      return f.actions.has('accept') ? OK : no('尚未作出受理决定，不能制作受理通知书');
    // 暂行办法 第十四条、第十五条.
    case 'rejectionNotice':
      if (!complaint) return no('不予受理通知书只用于投诉');
      return f.actions.has('reject') || f.status === 'notAccepted' ? OK : no('尚未作出不予受理决定，不能制作不予受理通知书');
    // 暂行办法 第二十一条: the decision to end mediation, told to both parties within 7 working days.
    case 'mediationTermination':
      if (!complaint) return no('终止调解决定书只用于投诉');
      return f.actions.has('terminateMediation') ? OK : no('尚未决定终止调解，不能制作终止调解决定书');
    // 程序规定 第十八条、第二十条: the verification result goes to the head on the 立案审批表.
    case 'filingApproval':
      if (complaint) return no('投诉不直接立案；调解中发现的违法线索转为线索后核查立案（暂行办法 第二十三条）');
      return f.verificationResult !== null || f.decision !== null || f.actions.has('submitVerification')
        ? OK
        : no('核查尚未完成（未提交核查结果），不能制作立案审批表');
    case 'serviceReceipt':
      return f.serviceRecordCount > 0 ? OK : no('尚无送达记录，请先登记送达');
    default:
      return no(`线索不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
}

function caseAvailability(kind: DocumentKind, f: CaseFacts): Availability {
  switch (kind) {
    case 'filingApproval':
      return OK;
    // 行政处罚法 第四十四条: told before the decision; here after 法制审核 (case-workflow.ts requires it for every ordinary case).
    case 'penaltyNotice':
      if (f.procedure !== 'ordinary') return no('简易程序当场告知，不制作行政处罚告知书');
      if (f.decision !== null) return no('案件已作出决定，不能再制作行政处罚告知书');
      return NOTICE_STATUSES.has(f.status) ? OK : no('法制审核通过后才能制作行政处罚告知书');
    // 行政处罚法 第五十九条: the decision document of a penalty.
    case 'penaltyDecision':
      if (f.decision === null) return no('案件尚未作出处罚决定，不能制作行政处罚决定书');
      if (f.decision !== 'penalty') return no('案件的决定不是给予行政处罚，不制作行政处罚决定书');
      // 行政处罚法 第五十二条: the on-the-spot decision form was filled in and handed over on the spot, with its own number.
      if (f.procedure !== 'ordinary') return no('简易程序的行政处罚决定书已当场填写交付，不在此制作');
      return OK;
    case 'closingApproval':
      return CLOSING_STATUSES.has(f.status) ? OK : no('案件执行完毕（待结案）后才能制作结案审批表');
    case 'serviceReceipt':
      return f.serviceRecordCount > 0 ? OK : no('尚无送达记录，请先登记送达');
    default:
      return no(`案件不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
}

function adjudicationAvailability(kind: DocumentKind, f: AdjudicationFacts): Availability {
  switch (kind) {
    // 山东省专利条例 第十八条; 专利法 第六十五条: the requester is told that the case was filed.
    case 'adjudicationFilingNotice':
      return f.actions.has('file') ? OK : no('尚未立案，不能制作立案通知书');
    // 山东省专利条例 第十八条第二款: 经审查认为不符合受理条件的，不予受理，并出具不予受理通知书.
    case 'adjudicationRejectionNotice':
      return f.actions.has('reject') || f.status === 'notAccepted' ? OK : no('尚未作出不予受理决定，不能制作不予受理通知书');
    // The request copy goes to the respondent after filing, with the answer period (专利行政执法办法 第十一条 ⚠️).
    case 'answerNotice':
      return f.actions.has('file') ? OK : no('立案后才能制作答辩通知书（随请求书副本送达被请求人）');
    case 'oralHearingNotice':
      return f.scheduledHearingCount > 0 ? OK : no('尚未安排口头审理（请先登记口头审理的时间、地点），不能制作口头审理通知书');
    // 专利法实施细则 第九十八条; 山东省专利条例 第十九条.
    case 'suspensionNotice':
      return f.actions.has('suspend') ? OK : no('尚未决定中止处理，不能制作中止通知书');
    case 'adjudicationDecision':
      if (!f.actions.has('decide') || f.decision === null) return no('尚未作出裁决，不能制作行政裁决书');
      return OK;
    case 'serviceReceipt':
      return f.serviceRecordCount > 0 ? OK : no('尚无送达记录，请先登记送达');
    default:
      return no(`行政裁决案件不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
}

/** From the agreement onwards (mediation-workflow.ts): 协议已生效, 司法确认中, 已确认, 确认被驳回, 已结案. */
const AGREED_STATUSES = new Set(['agreed', 'confirmationApplied', 'confirmed', 'confirmationRejected', 'closed']);

function mediationAvailability(kind: DocumentKind, f: MediationFacts): Availability {
  switch (kind) {
    // 人民调解法 第二十八条: the agreement is written down when the parties reach it; an oral agreement is recorded instead.
    case 'mediationAgreement':
      if (!f.agreementTerms || !AGREED_STATUSES.has(f.status)) return no('尚未达成调解协议，不能制作调解协议书');
      if (f.agreementForm === 'oral') return no('当事人采取口头协议方式（人民调解法 第二十八条），协议内容已记入调解记录，不制作调解协议书');
      return OK;
    default:
      return no(`调解案件不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
}

/** One availability function per record type: a new record type is one entry here and one in DOCUMENT_KINDS_BY_ENTITY. */
const AVAILABILITY: { [E in DocumentEntityType]: (kind: DocumentKind, facts: Extract<RecordFacts, { entityType: E }>) => Availability } = {
  lead: leadAvailability,
  case: caseAvailability,
  adjudication: adjudicationAvailability,
  mediation: mediationAvailability,
};

/** Whether the record's state lets it have the document generated now, and why not. */
export function documentAvailability(kind: DocumentKind, facts: RecordFacts): Availability {
  if (!DOCUMENT_KINDS_BY_ENTITY[facts.entityType].includes(kind)) {
    return no(`${DOCUMENT_ENTITY_TYPES[facts.entityType]}不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
  return (AVAILABILITY[facts.entityType] as (kind: DocumentKind, facts: RecordFacts) => Availability)(kind, facts);
}

/** The kinds of the record that may be generated now. */
export function allowedDocumentKinds(facts: RecordFacts): DocumentKind[] {
  return DOCUMENT_KINDS_BY_ENTITY[facts.entityType].filter((k) => documentAvailability(k, facts).allowed);
}
