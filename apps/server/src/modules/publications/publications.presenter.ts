import {
  PUBLICATION_PERIODS,
  PUBLICATION_STATUSES,
  type PublicationDto,
  type PublicPenaltyDto,
  type PublicPenaltyListItemDto,
} from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { ListedPublication } from './publications.repository';

export function presentPublication(actor: Actor, row: ListedPublication): PublicationDto {
  return {
    id: row.id,
    caseId: row.caseId,
    caseNo: row.caseNo,
    unitId: row.unitId,
    unitName: row.unitName,
    docNo: row.docNo,
    partyName: row.partyName,
    partyUscc: row.partyUscc,
    violationType: row.violationType,
    penaltyContent: row.penaltyContent,
    authorityName: row.authorityName,
    decidedOn: row.decidedOn,
    publishedOn: row.publishedOn,
    period: row.period,
    periodLabel: PUBLICATION_PERIODS[row.period],
    expiresOn: row.expiresOn,
    body: row.body,
    status: row.status,
    statusLabel: PUBLICATION_STATUSES[row.status],
    withdrawnOn: row.withdrawnOn,
    withdrawReason: row.withdrawReason,
    publishedByName: row.publishedByName,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    abilities: { withdraw: can(actor, 'case.publish') && row.status === 'published' },
  };
}

type PublicRow = Omit<PublicPenaltyListItemDto, never>;

export function presentPublicItem(row: PublicRow): PublicPenaltyListItemDto {
  return {
    id: row.id,
    docNo: row.docNo,
    partyName: row.partyName,
    partyUscc: row.partyUscc,
    violationType: row.violationType,
    penaltyContent: row.penaltyContent,
    authorityName: row.authorityName,
    decidedOn: row.decidedOn,
    publishedOn: row.publishedOn,
  };
}

export function presentPublicDetail(row: PublicRow & { body: string; expiresOn: string }): PublicPenaltyDto {
  return { ...presentPublicItem(row), body: row.body, expiresOn: row.expiresOn };
}
