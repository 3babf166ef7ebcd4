/**
 * Content workflow (内容管理): draft → review → publish, with scheduled publication and unpublishing.
 * The status of an article is derived from its append-only action log (article_actions) through TRANSITIONS;
 * the server stores the derived status as a cache and answers 409 ACTION_NOT_ALLOWED with allowedContentActions(...).
 */
import type { Permission } from './permissions';

export const CONTENT_STATUSES = {
  draft: '草稿',
  inReview: '待审核',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  unpublished: '已撤回',
} as const;
export type ContentStatus = keyof typeof CONTENT_STATUSES;
export const CONTENT_STATUS_LIST = Object.keys(CONTENT_STATUSES) as ContentStatus[];

export const CONTENT_ACTIONS = {
  create: '创建',
  /** First action of content published together with the system (the seeded laws): it starts as published. */
  import: '初始导入',
  edit: '修改',
  submitReview: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布',
  schedule: '定时发布',
  cancelSchedule: '取消定时',
  unpublish: '撤回',
} as const;
export type ContentAction = keyof typeof CONTENT_ACTIONS;
export const CONTENT_ACTION_LIST = Object.keys(CONTENT_ACTIONS) as ContentAction[];

/** Actions a user asks for through POST /api/articles/:id/actions (create and edit have their own endpoints). */
export const REQUESTABLE_CONTENT_ACTIONS = ['submitReview', 'approve', 'reject', 'publish', 'schedule', 'cancelSchedule', 'unpublish'] as const;
export type RequestableContentAction = (typeof REQUESTABLE_CONTENT_ACTIONS)[number];

export interface ContentTransition {
  to: ContentStatus;
  /** The actor needs every one of these. */
  requires: Permission[];
}

/**
 * The allowed-actions table. Text may change only in draft or unpublished (a published text is withdrawn first, so
 * what the public reads is always a reviewed text). Publishing straight from review is approval and publication in one
 * step, so it needs both the review and the publish permission.
 */
export const CONTENT_TRANSITIONS: Record<ContentStatus, Partial<Record<ContentAction, ContentTransition>>> = {
  draft: {
    edit: { to: 'draft', requires: ['content.edit'] },
    submitReview: { to: 'inReview', requires: ['content.edit'] },
  },
  inReview: {
    approve: { to: 'approved', requires: ['content.review'] },
    reject: { to: 'draft', requires: ['content.review'] },
    publish: { to: 'published', requires: ['content.review', 'content.publish'] },
    schedule: { to: 'scheduled', requires: ['content.review', 'content.publish'] },
  },
  approved: {
    publish: { to: 'published', requires: ['content.publish'] },
    schedule: { to: 'scheduled', requires: ['content.publish'] },
    reject: { to: 'draft', requires: ['content.review'] },
  },
  scheduled: {
    publish: { to: 'published', requires: ['content.publish'] },
    schedule: { to: 'scheduled', requires: ['content.publish'] },
    cancelSchedule: { to: 'approved', requires: ['content.publish'] },
  },
  published: {
    unpublish: { to: 'unpublished', requires: ['content.publish'] },
  },
  unpublished: {
    edit: { to: 'unpublished', requires: ['content.edit'] },
    submitReview: { to: 'inReview', requires: ['content.edit'] },
  },
};

/** The transition for an action in a status, or null when the table does not allow it. */
export function contentTransition(status: ContentStatus, action: ContentAction): ContentTransition | null {
  return CONTENT_TRANSITIONS[status][action] ?? null;
}

/**
 * Actions allowed in `status`; with `permissions`, only those the actor may take.
 * `system` (the scheduled-publication job) may publish without a user.
 */
export function allowedContentActions(status: ContentStatus, permissions?: ReadonlySet<string> | readonly string[]): ContentAction[] {
  const has = permissions === undefined ? null : new Set(permissions);
  return (Object.entries(CONTENT_TRANSITIONS[status]) as [ContentAction, ContentTransition][])
    .filter(([, t]) => !has || t.requires.every((p) => has.has(p)))
    .map(([a]) => a);
}

export class ContentWorkflowError extends Error {
  constructor(
    readonly status: ContentStatus,
    readonly action: ContentAction,
  ) {
    super(`action ${action} is not allowed in status ${status}`);
  }
}

/** Folds an action log (oldest first, starting with create or import) into the current status; throws on an impossible log. */
export function deriveContentStatus(actions: readonly ContentAction[]): ContentStatus {
  const first = actions[0];
  if (first !== 'create' && first !== 'import') throw new ContentWorkflowError('draft', first ?? 'create');
  let status: ContentStatus = first === 'create' ? 'draft' : 'published';
  for (const a of actions.slice(1)) {
    const t = contentTransition(status, a);
    if (!t) throw new ContentWorkflowError(status, a);
    status = t.to;
  }
  return status;
}

/** Whether the public sees an article in this status. */
export function isPublicContentStatus(status: ContentStatus): boolean {
  return status === 'published';
}
