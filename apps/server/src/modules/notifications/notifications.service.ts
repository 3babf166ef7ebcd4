import type { NotificationDto, Page, Permission } from '@zhichan/shared';
import { sql } from 'kysely';
import type { Actor } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';

/** One in-app message for one user. */
export interface NewNotification {
  userId: number;
  /** e.g. deadline.warning, deadline.overdue, calendar.missingYear */
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Same user + same key is sent once (unique index notifications_dedupe); null never deduplicates. */
  dedupeKey: string | null;
}

/**
 * Sends messages inside the caller's transaction. A message whose (user, dedupe key) was already sent is skipped,
 * so jobs can rerun safely. Returns how many were actually created.
 */
export async function sendNotifications(ex: Executor, rows: NewNotification[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await ex
      .insertInto('notifications')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
      .returning('id')
      .execute();
    created += inserted.length;
  }
  return created;
}

/**
 * Active staff who hold a permission through any of their roles: the recipients of a role-addressed message.
 * With `unitIds`, only staff of those units (e.g. the responsible unit, or its ancestors for 督办).
 */
export async function usersHoldingPermission(ex: Executor, permission: Permission, opts: { unitIds?: number[] } = {}): Promise<number[]> {
  if (opts.unitIds && opts.unitIds.length === 0) return [];
  let q = ex
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select('users.id')
    .distinct()
    .where('users.status', '=', 'active')
    .where('users.kind', '=', 'staff')
    .where(sql<boolean>`${permission} = any(roles.permissions)`);
  if (opts.unitIds) q = q.where('users.unitId', 'in', opts.unitIds);
  const rows = await q.orderBy('users.id').execute();
  return rows.map((r) => r.id);
}

function present(r: { id: number; kind: string; title: string; body: string; link: string | null; createdAt: string; readAt: string | null }): NotificationDto {
  return { id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.createdAt, readAt: r.readAt };
}

// Reading, counting and marking messages touch only the actor's own inbox (user_id = actor.userId): a message is
// never visible to anyone else, so no data scope applies. Marking as read is not audited: it changes only the
// reader's own inbox state, not any record of the bureau's work (the audit log records acts on the bureau's data).

export async function listNotifications(deps: Deps, actor: Actor, query: { page: number; pageSize: number; unread?: boolean }): Promise<Page<NotificationDto>> {
  let base = deps.db.selectFrom('notifications').where('userId', '=', actor.userId);
  if (query.unread === true) base = base.where('readAt', 'is', null);
  if (query.unread === false) base = base.where('readAt', 'is not', null);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(present), total: Number(n), page: query.page, pageSize: query.pageSize };
}

export async function unreadCount(deps: Deps, actor: Actor): Promise<number> {
  const { n } = await deps.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks one of the actor's own messages read; another user's message is 404, as if it did not exist. */
export async function markRead(deps: Deps, actor: Actor, id: number): Promise<NotificationDto> {
  const row = await deps.db
    .updateTable('notifications')
    .set({ readAt: sql<string>`coalesce(read_at, ${deps.clock.now().toISOString()}::timestamptz)` })
    .where('id', '=', id)
    .where('userId', '=', actor.userId)
    .returning(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

export async function markAllRead(deps: Deps, actor: Actor): Promise<number> {
  const res = await deps.db
    .updateTable('notifications')
    .set({ readAt: deps.clock.now().toISOString() })
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
