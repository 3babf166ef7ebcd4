/**
 * Contracts of issue 3 (content): 政策法规, 政策解读, 典型案例, 维权动态/工作动态, 办事指南, and the portal's site search.
 *
 * Article bodies are plain text, never HTML (stored XSS is the classic hole of government portals): paragraphs are
 * separated by line breaks; a line starting with '# ', '## ' or '### ' is a heading. The web renders them as text nodes.
 */
import { z } from 'zod';
import { CONTENT_ACTION_LIST, CONTENT_STATUS_LIST, REQUESTABLE_CONTENT_ACTIONS, type ContentAction, type ContentStatus } from '../domain/content-workflow';
import { IsoDateString, PageQuery } from './common';

export const ARTICLE_KINDS = {
  policy: '政策法规',
  interpretation: '政策解读',
  typicalCase: '典型案例',
  news: '维权动态/工作动态',
  guide: '办事指南',
} as const;
export type ArticleKind = keyof typeof ARTICLE_KINDS;
export const ARTICLE_KIND_LIST = Object.keys(ARTICLE_KINDS) as ArticleKind[];

/** Category of a news article (only news has one). */
export const NEWS_CATEGORIES = { rights: '维权动态', work: '工作动态' } as const;
export type NewsCategory = keyof typeof NEWS_CATEGORIES;

/** Kinds that carry document facts (发文机关, 文号, 发布日期, 施行日期). */
export const DOCUMENT_KINDS: readonly ArticleKind[] = ['policy', 'interpretation'];

export const ArticleKindEnum = z.enum(ARTICLE_KIND_LIST as [ArticleKind, ...ArticleKind[]]);
export const NewsCategoryEnum = z.enum(['rights', 'work']);
export const ContentStatusEnum = z.enum(CONTENT_STATUS_LIST as [ContentStatus, ...ContentStatus[]]);
export const ContentActionEnum = z.enum(CONTENT_ACTION_LIST as [ContentAction, ...ContentAction[]]);

/** Longest body accepted (the longest seeded law, 民事诉讼法, has about 35,000 characters). */
export const ARTICLE_BODY_MAX = 200_000;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));

const ArticleFields = z.object({
  title: z.string().trim().min(2, '标题至少 2 个字').max(200),
  summary: optionalText(1000),
  body: z.string().max(ARTICLE_BODY_MAX).refine((v) => v.trim().length > 0, '请填写正文'),
  issuer: optionalText(100),
  documentNo: optionalText(100),
  issuedOn: IsoDateString.nullish().transform((v) => v ?? null),
  effectiveOn: IsoDateString.nullish().transform((v) => v ?? null),
  /** 版本, e.g. 2020年10月17日第四次修正. */
  edition: optionalText(100),
  /** An interpretation names the policy it explains. */
  relatedArticleId: z.number().int().positive().nullish().transform((v) => v ?? null),
  /** Files from POST /api/files (shown in upload order); replaces the list on update. */
  attachmentIds: z.array(z.number().int().positive()).max(30),
});

export const CreateArticleInput = ArticleFields.extend({
  kind: ArticleKindEnum,
  category: NewsCategoryEnum.nullish().transform((v) => v ?? null),
  /** Owning unit; defaults to the author's unit. */
  unitId: z.number().int().positive().optional(),
  attachmentIds: ArticleFields.shape.attachmentIds.default([]),
}).superRefine((v, ctx) => {
  if (v.kind === 'news' && !v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '请选择动态类别（维权动态或工作动态）' });
  if (v.kind !== 'news' && v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '只有动态有类别' });
  if (v.kind !== 'interpretation' && v.relatedArticleId) ctx.addIssue({ code: 'custom', path: ['relatedArticleId'], message: '只有政策解读可以关联政策法规' });
  if (v.issuedOn && v.effectiveOn && v.effectiveOn < v.issuedOn) ctx.addIssue({ code: 'custom', path: ['effectiveOn'], message: '施行日期不能早于发布日期' });
});
export type CreateArticleInput = z.infer<typeof CreateArticleInput>;

/** Changes to a draft or a withdrawn article; the kind never changes. */
export const UpdateArticleInput = ArticleFields.partial().extend({
  category: NewsCategoryEnum.nullish(),
  version: z.number().int(),
});
export type UpdateArticleInput = z.infer<typeof UpdateArticleInput>;

export const ArticleListQuery = PageQuery.extend({
  kind: ArticleKindEnum.optional(),
  category: NewsCategoryEnum.optional(),
  status: ContentStatusEnum.optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

export const ArticleActionInput = z
  .object({
    action: z.enum(REQUESTABLE_CONTENT_ACTIONS),
    note: optionalText(500),
    /** For schedule: when the article goes public (ISO timestamp, in the future). */
    publishAt: z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601' }).nullish(),
    version: z.number().int(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'schedule' && !v.publishAt) ctx.addIssue({ code: 'custom', path: ['publishAt'], message: '请选择发布时间' });
    if (v.action === 'reject' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写退回原因' });
  });
export type ArticleActionInput = z.infer<typeof ArticleActionInput>;

export const ArticleAttachmentDto = z.object({ id: z.number(), originalName: z.string(), size: z.number(), mime: z.string() });
export type ArticleAttachmentDto = z.infer<typeof ArticleAttachmentDto>;

export const ArticleRefDto = z.object({ id: z.number(), kind: ArticleKindEnum, title: z.string(), status: ContentStatusEnum });
export type ArticleRefDto = z.infer<typeof ArticleRefDto>;

export const ArticleListItemDto = z.object({
  id: z.number(),
  kind: ArticleKindEnum,
  category: NewsCategoryEnum.nullable(),
  title: z.string(),
  issuer: z.string().nullable(),
  documentNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  status: ContentStatusEnum,
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ArticleListItemDto = z.infer<typeof ArticleListItemDto>;

export const ArticleDto = ArticleListItemDto.extend({
  summary: z.string().nullable(),
  body: z.string(),
  effectiveOn: z.string().nullable(),
  edition: z.string().nullable(),
  relatedArticle: ArticleRefDto.nullable(),
  /** Interpretations that name this policy. */
  interpretations: z.array(ArticleRefDto),
  attachments: z.array(ArticleAttachmentDto),
  createdAt: z.string(),
  abilities: z.object({
    /** Fields may be changed (PATCH). */
    edit: z.boolean(),
    /** Workflow buttons to show: the requestable actions this user may take now. */
    actions: z.array(z.enum(REQUESTABLE_CONTENT_ACTIONS)),
  }),
});
export type ArticleDto = z.infer<typeof ArticleDto>;

export const ArticleActionDto = z.object({
  id: z.number(),
  action: ContentActionEnum,
  fromStatus: ContentStatusEnum.nullable(),
  toStatus: ContentStatusEnum,
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  publishAt: z.string().nullable(),
  at: z.string(),
});
export type ArticleActionDto = z.infer<typeof ArticleActionDto>;

// ---------- public portal ----------
export const PublicArticleQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
  kind: ArticleKindEnum.optional(),
  category: NewsCategoryEnum.optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type PublicArticleQuery = z.infer<typeof PublicArticleQuery>;

export const PublicArticleListItemDto = z.object({
  id: z.number(),
  kind: ArticleKindEnum,
  category: NewsCategoryEnum.nullable(),
  title: z.string(),
  /** The summary, or the beginning of the body. */
  summary: z.string(),
  issuer: z.string().nullable(),
  documentNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  publishedAt: z.string(),
  attachmentCount: z.number(),
});
export type PublicArticleListItemDto = z.infer<typeof PublicArticleListItemDto>;

export const PublicArticleRefDto = z.object({ id: z.number(), kind: ArticleKindEnum, title: z.string(), publishedAt: z.string() });
export type PublicArticleRefDto = z.infer<typeof PublicArticleRefDto>;

export const PublicArticleDto = PublicArticleListItemDto.extend({
  body: z.string(),
  effectiveOn: z.string().nullable(),
  edition: z.string().nullable(),
  unitName: z.string(),
  attachments: z.array(ArticleAttachmentDto),
  /** For an interpretation: the published policy it explains. */
  relatedPolicy: PublicArticleRefDto.nullable(),
  /** For a policy: its published interpretations. */
  interpretations: z.array(PublicArticleRefDto),
});
export type PublicArticleDto = z.infer<typeof PublicArticleDto>;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入搜索词').max(50),
  page: z.coerce.number().int().min(1).max(100).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHitDto = z.object({
  kind: z.string(),
  /** 政策法规, 常见问题 … */
  kindLabel: z.string(),
  id: z.string(),
  title: z.string(),
  /** Plain text around the first hit; the client highlights `terms`. */
  snippet: z.string(),
  /** Portal path. */
  url: z.string(),
  publishedAt: z.string().nullable(),
});
export type SearchHitDto = z.infer<typeof SearchHitDto>;

export const SearchResultDto = z.object({
  items: z.array(SearchHitDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** The query split at white space: every term occurs in each hit (substring match). */
  terms: z.array(z.string()),
  /** True when more hits exist than the search returns (the first SEARCH_MAX_HITS). */
  truncated: z.boolean(),
});
export type SearchResultDto = z.infer<typeof SearchResultDto>;

/** Hits fetched per source for one search; pages beyond are not offered. */
export const SEARCH_MAX_HITS = 200;

/** The search terms of a query: split at white space, lower-cased, duplicates removed. */
export function searchTerms(q: string): string[] {
  return [...new Set(q.trim().toLowerCase().split(/\s+/u).filter(Boolean))].slice(0, 5);
}

/** Portal path of a published article. */
export function articlePortalPath(id: number): string {
  return `/articles/${id}`;
}
