/**
 * Labels of the content module for the web. Kept here (type-checked against the shared types) instead of importing
 * the constants from '@zhichan/shared', whose root would bring zod and every contract into the portal's pages.
 */
import type { ArticleKind, ContentAction, ContentStatus, NewsCategory } from '@zhichan/shared';
import { chinaParts, partsDay } from '../../ui/chinaTime';

export const KIND_LABELS: Record<ArticleKind, string> = {
  policy: '政策法规',
  interpretation: '政策解读',
  typicalCase: '典型案例',
  news: '动态',
  guide: '办事指南',
};

export const CATEGORY_LABELS: Record<NewsCategory, string> = { rights: '维权动态', work: '工作动态' };

export const STATUS_LABELS: Record<ContentStatus, string> = {
  draft: '草稿',
  inReview: '待审核',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  unpublished: '已撤回',
};

export const ACTION_LABELS: Record<ContentAction, string> = {
  create: '创建',
  import: '初始导入',
  edit: '修改',
  submitReview: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布',
  schedule: '定时发布',
  cancelSchedule: '取消定时',
  unpublish: '撤回',
};

/** Label of an article's column: news shows its category. */
export function articleLabel(a: { kind: ArticleKind; category: NewsCategory | null }): string {
  return a.kind === 'news' && a.category ? CATEGORY_LABELS[a.category] : KIND_LABELS[a.kind];
}

/** 'YYYY-MM-DD' of an ISO instant in China time (UTC+8), whatever the browser's time zone. */
export function isoDay(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso; // already a legal date
  const p = chinaParts(iso);
  return p ? partsDay(p) : '';
}

/** 'YYYY年M月D日' of a 'YYYY-MM-DD' legal date. */
export function cnDate(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
