import {
  allowedContentActions,
  REQUESTABLE_CONTENT_ACTIONS,
  type ArticleActionDto,
  type ArticleAttachmentDto,
  type ArticleDto,
  type ArticleListItemDto,
  type ArticleRefDto,
  type PublicArticleDto,
  type PublicArticleListItemDto,
  type PublicArticleRefDto,
  type RequestableContentAction,
} from '@zhichan/shared';
import type { Actor } from '../../access/actor';
import type { Selectable } from 'kysely';
import type { ArticleActionsTable } from '../../db/schema';
import type { ArticleListRow, ArticleRow } from './content.repository';

export function presentArticleListItem(r: ArticleListRow): ArticleListItemDto {
  return {
    id: r.id,
    kind: r.kind,
    category: r.category,
    title: r.title,
    issuer: r.issuer,
    documentNo: r.documentNo,
    issuedOn: r.issuedOn,
    unitId: r.unitId,
    unitName: r.unitName,
    status: r.status,
    publishAt: r.publishAt,
    publishedAt: r.publishedAt,
    createdByName: r.createdByName,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export function presentArticle(
  actor: Actor,
  r: ArticleRow,
  extra: { relatedArticle: ArticleRefDto | null; interpretations: ArticleRefDto[]; attachments: ArticleAttachmentDto[] },
): ArticleDto {
  const allowed = allowedContentActions(r.status, actor.kind === 'staff' ? actor.permissions : []);
  return {
    ...presentArticleListItem(r),
    summary: r.summary,
    body: r.body,
    effectiveOn: r.effectiveOn,
    edition: r.edition,
    relatedArticle: extra.relatedArticle,
    interpretations: extra.interpretations,
    attachments: extra.attachments,
    createdAt: r.createdAt,
    abilities: {
      edit: allowed.includes('edit'),
      actions: allowed.filter((a): a is RequestableContentAction => (REQUESTABLE_CONTENT_ACTIONS as readonly string[]).includes(a)),
    },
  };
}

export function presentAction(a: Selectable<ArticleActionsTable>): ArticleActionDto {
  return {
    id: a.id,
    action: a.action,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    actorName: a.actorName,
    note: a.note,
    publishAt: a.publishAt,
    at: a.at,
  };
}

/** The list text: the summary, else the beginning of the body without heading marks. */
export function listSummary(summary: string | null, bodyStart: string): string {
  const text = summary ?? bodyStart.replace(/^#{1,3}\s+/gmu, '');
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

export function presentPublicListItem(r: {
  id: number;
  kind: PublicArticleListItemDto['kind'];
  category: PublicArticleListItemDto['category'];
  title: string;
  summary: string | null;
  bodyStart: string;
  issuer: string | null;
  documentNo: string | null;
  issuedOn: string | null;
  publishedAt: string | null;
  attachmentCount: number | string | null;
}): PublicArticleListItemDto {
  return {
    id: r.id,
    kind: r.kind,
    category: r.category,
    title: r.title,
    summary: listSummary(r.summary, r.bodyStart),
    issuer: r.issuer,
    documentNo: r.documentNo,
    issuedOn: r.issuedOn,
    publishedAt: r.publishedAt!,
    attachmentCount: Number(r.attachmentCount ?? 0),
  };
}

export function presentPublicArticle(
  r: Omit<ArticleRow, 'createdByName'>,
  extra: { attachments: ArticleAttachmentDto[]; relatedPolicy: PublicArticleRefDto | null; interpretations: PublicArticleRefDto[] },
): PublicArticleDto {
  return {
    id: r.id,
    kind: r.kind,
    category: r.category,
    title: r.title,
    summary: r.summary ?? '',
    issuer: r.issuer,
    documentNo: r.documentNo,
    issuedOn: r.issuedOn,
    publishedAt: r.publishedAt!,
    attachmentCount: extra.attachments.length,
    body: r.body,
    effectiveOn: r.effectiveOn,
    edition: r.edition,
    unitName: r.unitName,
    attachments: extra.attachments,
    relatedPolicy: extra.relatedPolicy,
    interpretations: extra.interpretations,
  };
}

export function presentPublicRef(r: { id: number; kind: PublicArticleRefDto['kind']; title: string; publishedAt: string | null }): PublicArticleRefDto {
  return { id: r.id, kind: r.kind, title: r.title, publishedAt: r.publishedAt! };
}
