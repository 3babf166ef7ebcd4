import { SERVICE_METHODS, type PublicServiceAnnouncementDto, type ServiceRecordDto } from '@zhichan/shared';
import type { ListedServiceRecord } from './service.repository';

/**
 * The deemed-served day of a 公告送达: the period's live due date (it follows a corrected holiday calendar while the
 * period runs), else the stored one.
 */
function deemedOf(row: { periodDueOn: string | null; deemedServedOn: string | null }): string | null {
  return row.periodDueOn ?? row.deemedServedOn;
}

export function presentServiceRecord(row: ListedServiceRecord, abilities: { uploadProof: boolean }): ServiceRecordDto {
  const announcement = row.method === 'announcement';
  const deemed = announcement ? deemedOf(row) : null;
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    unitId: row.unitId,
    unitName: row.unitName,
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    method: row.method,
    methodLabel: SERVICE_METHODS[row.method],
    recipient: row.recipient,
    servedOn: row.servedOn,
    announcedOn: row.announcedOn,
    deemedServedOn: deemed,
    effectiveServedOn: row.servedOn ?? deemed,
    pending: announcement && row.periodCompletedOn === null && row.servedOn === null,
    trackingNo: row.trackingNo,
    electronicConsent: row.electronicConsent,
    proof:
      row.proofFileId !== null && row.proofName !== null
        ? { fileId: row.proofFileId, originalName: row.proofName, size: row.proofSize ?? 0, mime: row.proofMime ?? 'application/octet-stream' }
        : null,
    announcementText: row.announcementText,
    announcementPeriod:
      announcement && row.deadlineId !== null
        ? {
            dueOn: row.periodDueOn,
            provisional: row.periodProvisional ?? false,
            completedOn: row.periodCompletedOn,
            basis: { regulation: row.periodRegulation ?? '', article: row.periodArticle ?? '', version: row.periodRuleVersion ?? '' },
          }
        : null,
    note: row.note,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    abilities,
  };
}

export interface PublicAnnouncementRow {
  id: number;
  recipient: string;
  documentTitle: string;
  announcedOn: string | null;
  deemedServedOn: string | null;
  announcementText: string | null;
  entityType: string;
  unitName: string;
  caseNo: string | null;
  periodDueOn: string | null;
  /** 行政裁决 (issue 6): its 立案号 (or request number) and the respondent served. */
  adjudicationCaseNo?: string | null;
  adjudicationRequestNo?: string | null;
  respondentKind?: 'organization' | 'person' | null;
  respondentName?: string | null;
}

/**
 * What the portal shows of a 公告送达: the announcement as published. The addressee is shown only when the announcement's
 * own text names it (a person named only in the internal record stays unnamed on the portal).
 */
export function presentPublicAnnouncement(row: PublicAnnouncementRow): PublicServiceAnnouncementDto {
  const text = row.announcementText ?? '';
  return {
    id: row.id,
    // Lead numbers are internal; a case's 立案号 is what the decision itself cites (行政裁决: its 立案号).
    referenceNo: row.entityType === 'case' ? row.caseNo : row.entityType === 'adjudication' ? (row.adjudicationCaseNo ?? row.adjudicationRequestNo ?? null) : null,
    // 行政裁决: the party served is named (an organisation respondent, or whoever the announcement text itself names).
    addressee:
      row.recipient && (text.includes(row.recipient.trim()) || (row.entityType === 'adjudication' && row.respondentKind === 'organization' && row.recipient.trim() === row.respondentName))
        ? row.recipient.trim()
        : null,
    documentTitle: row.documentTitle,
    authorityName: row.unitName,
    announcedOn: row.announcedOn ?? '',
    deemedServedOn: row.periodDueOn ?? row.deemedServedOn,
    text,
  };
}
