import {
  allowedConsultationActions,
  CONSULTATION_STATUSES,
  deadlineState,
  maskName,
  maskPhone,
  type ConsultationActionDto,
  type ConsultationDeadlineDto,
  type ConsultationDetailDto,
  type ConsultationListItemDto,
  type ConsultationPublicDto,
  type WorkCalendar,
} from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { FieldCipher } from '../../lib/crypto';
import type { ConsultationActionRow, ListedConsultation } from './consultations.repository';

/** What presenting needs besides the row: labels, the calendar and today's date for the live deadline colour. */
export interface PresentContext {
  ipTypeLabels: Map<string, string>;
  cal: WorkCalendar;
  today: string;
  warningWorkingDays: number;
  cipher: FieldCipher;
}

function deadlineOf(row: ListedConsultation, pc: PresentContext): ConsultationDeadlineDto | null {
  if (row.deadlineStoredState === null) return null;
  const dueOn = row.deadlineDueOn;
  const completedOn = row.deadlineCompletedOn;
  // The colour is computed for today rather than read from the row, so the list never waits for the scheduled refresh.
  const state = deadlineState(pc.cal, { dueOn, today: pc.today, warningWorkingDays: pc.warningWorkingDays, paused: false, completedOn });
  return {
    dueOn,
    state,
    workingDaysLeft: dueOn && !completedOn ? pc.cal.workingDaysBetween(pc.today, dueOn) : null,
    completedOn,
    basis: { regulation: row.deadlineRegulation ?? '', article: row.deadlineArticle ?? '', version: row.deadlineRuleVersion ?? '' },
  };
}

function maskedPhone(pc: PresentContext, enc: string | null): string | null {
  if (!enc) return null;
  try {
    return maskPhone(pc.cipher.decrypt(enc));
  } catch {
    // A value encrypted under another key (restored backup with a new key) is shown as withheld, never as a 500.
    return '***';
  }
}

export function presentListItem(actor: Actor, row: ListedConsultation, pc: PresentContext): ConsultationListItemDto {
  const allowed = allowedConsultationActions(row.status);
  return {
    id: row.id,
    consultationNo: row.consultationNo,
    ipType: row.ipType,
    ipTypeLabel: pc.ipTypeLabels.get(row.ipType) ?? row.ipType,
    title: row.title,
    askerName: row.askerName ? maskName(row.askerName) : null,
    askerPhone: maskedPhone(pc, row.askerPhoneEnc),
    fromPortalUser: row.askerUserId !== null,
    status: row.status,
    submittedAt: row.createdAt,
    answeredAt: row.answeredAt,
    deadline: deadlineOf(row, pc),
    version: row.version,
    abilities: {
      answer: can(actor, 'consultation.answer') && allowed.includes('answer'),
      close: can(actor, 'consultation.answer') && allowed.includes('close'),
      publishFaq: can(actor, 'consultation.publish') && allowed.includes('publishFaq'),
      unpublishFaq: can(actor, 'consultation.publish') && allowed.includes('unpublishFaq'),
    },
  };
}

function presentAction(a: ConsultationActionRow): ConsultationActionDto {
  return { action: a.action, fromStatus: a.fromStatus, toStatus: a.toStatus, actorName: a.actorName, note: a.note, at: a.createdAt };
}

/** The back office's detail: the asker's name and phone stay masked (the answerer does not need the identity). */
export function presentDetail(actor: Actor, row: ListedConsultation, actions: ConsultationActionRow[], pc: PresentContext): ConsultationDetailDto {
  return {
    ...presentListItem(actor, row, pc),
    question: row.question,
    unitName: row.unitName,
    answer: row.answer,
    answeredByName: row.answeredByName,
    closeReason: row.closeReason,
    faqQuestion: row.faqQuestion,
    faqAnswer: row.faqAnswer,
    faqPublishedAt: row.faqPublishedAt,
    faqUnpublishedAt: row.faqUnpublishedAt,
    actions: actions.map(presentAction),
  };
}

/** What the asker sees by number + lookup code or under 我的咨询: no name, no phone, no staff names. */
export function presentPublic(row: ListedConsultation, ipTypeLabels: Map<string, string>): ConsultationPublicDto {
  return {
    consultationNo: row.consultationNo,
    ipType: row.ipType,
    ipTypeLabel: ipTypeLabels.get(row.ipType) ?? row.ipType,
    title: row.title,
    question: row.question,
    status: row.status,
    statusLabel: row.status === 'published' ? CONSULTATION_STATUSES.answered : CONSULTATION_STATUSES[row.status],
    submittedAt: row.createdAt,
    expectedAnswerBy: row.deadlineDueOn,
    answer: row.status === 'answered' || row.status === 'published' ? row.answer : null,
    answeredAt: row.answeredAt,
    closeReason: row.status === 'closed' ? row.closeReason : null,
    answeringUnit: row.unitName,
  };
}
