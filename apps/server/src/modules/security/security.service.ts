import type { LoginLogDto, Page, SessionDto } from '@zhichan/shared';
import type { z } from 'zod';
import type { LoginLogQuery } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { writeAudit } from '../audit/audit.service';

/**
 * Sessions are identified to administrators by a prefix of their stored hash: the full hash is the lookup key of
 * a live session and is never sent to a browser.
 */
const PUBLIC_ID_LENGTH = 16;

export async function listLoginLogs(deps: Deps, ctx: Ctx, q: z.infer<typeof LoginLogQuery>): Promise<Page<LoginLogDto>> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  // Outside the full scope, only logins of users of the actor's units are visible (unknown user names never are).
  let query = deps.db
    .selectFrom('loginLogs')
    .leftJoin('users', 'users.id', 'loginLogs.userId')
    .where((eb) => (actor.scope.kind === 'all' ? eb.val(true) : inScope(eb, actor, 'users.unitId')));
  if (q.username) query = query.where('loginLogs.username', '=', q.username);
  if (q.success) query = query.where('loginLogs.success', '=', q.success === 'true');
  if (q.ip) query = query.where('loginLogs.ip', '=', q.ip);
  const [items, count] = await Promise.all([
    query.selectAll('loginLogs').orderBy('loginLogs.at', 'desc').orderBy('loginLogs.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

export async function listSessions(deps: Deps, ctx: Ctx): Promise<SessionDto[]> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const idleSince = new Date(deps.clock.now().getTime() - deps.config.sessionIdleMinutes * 60_000).toISOString();
  const rows = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .leftJoin('units', 'units.id', 'users.unitId')
    .select(['sessions.id', 'sessions.userId', 'users.username', 'users.displayName', 'units.name as unitName', 'sessions.realm', 'sessions.ip', 'sessions.userAgent', 'sessions.createdAt', 'sessions.lastSeenAt'])
    .where('sessions.endedAt', 'is', null)
    .where('sessions.lastSeenAt', '>', idleSince)
    // Staff sessions follow the unit scope; public users' sessions are visible to holders of the full scope only.
    .where((eb) => (actor.scope.kind === 'all' ? eb.val(true) : inScope(eb, actor, 'users.unitId')))
    .orderBy('sessions.lastSeenAt', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: r.id.slice(0, PUBLIC_ID_LENGTH), current: r.id === actor.sessionId }));
}

export async function revokeSession(deps: Deps, ctx: Ctx, publicId: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  await deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(['sessions.id', 'sessions.userId', 'users.username'])
      .where('sessions.id', 'like', `${publicId.slice(0, PUBLIC_ID_LENGTH)}%`)
      .where('sessions.endedAt', 'is', null)
      .where((eb) => (actor.scope.kind === 'all' ? eb.val(true) : inScope(eb, actor, 'users.unitId')))
      .executeTakeFirst();
    if (!s) throw new AppError('NOT_FOUND');
    if (s.id === actor.sessionId) throw new AppError('ACTION_NOT_ALLOWED', { message: '不能强制退出当前会话，请使用“退出登录”' });
    await trx.updateTable('sessions').set({ endedAt: deps.clock.now().toISOString(), endReason: 'revoked', endedBy: actor.userId }).where('id', '=', s.id).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'session.revoke', entityType: 'user', entityId: s.userId, after: { username: s.username, session: publicId.slice(0, PUBLIC_ID_LENGTH) } });
  });
}
