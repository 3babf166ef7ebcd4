import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { checkPassword, isUscc, type MeDto, type Permission, type PublicRegisterInput } from '@zhichan/shared';
import type { Actor, Ctx, RequestMeta } from '../../access/actor';
import { resolveScope, widestScopeKind } from '../../access/scope';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { writeAudit } from '../audit/audit.service';
import { authRepository as repo } from './auth.repository';

type Realm = 'admin' | 'portal';

/** argon2id (the library default), m=19 MiB, t=2: about 8 ms per hash on the target machine. */
export function hashPassword(password: string): Promise<string> {
  return argonHash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// A hash to verify against when the user does not exist, so that timing does not reveal which user names exist.
let dummyHash: Promise<string> | null = null;

export type SessionLoad = { kind: 'ok'; actor: Actor } | { kind: 'missing' } | { kind: 'expired' } | { kind: 'revoked' };

/** Resolves a session token into the actor of this request (idle timeout applied; data scope resolved fresh). */
export async function loadActorForSession(deps: Deps, token: string, realm: Realm, opts: { background?: boolean } = {}): Promise<SessionLoad> {
  const { db, clock, config } = deps;
  const id = sha256Hex(token);
  const session = await repo.findOpenSession(db, id);
  if (!session || session.realm !== realm) return { kind: 'missing' };
  if (session.endedAt) return { kind: session.endReason === 'revoked' ? 'revoked' : session.endReason === 'idle' ? 'expired' : 'missing' };
  const now = clock.now();
  const idleMs = now.getTime() - new Date(session.lastSeenAt).getTime();
  if (idleMs > config.sessionIdleMinutes * 60_000) {
    await db.updateTable('sessions').set({ endedAt: now.toISOString(), endReason: 'idle' }).where('id', '=', id).where('endedAt', 'is', null).execute();
    return { kind: 'expired' };
  }
  const loaded = await repo.loadUserWithRoles(db, session.userId);
  if (!loaded || loaded.user.status !== 'active') {
    await db.updateTable('sessions').set({ endedAt: now.toISOString(), endReason: 'disabled' }).where('id', '=', id).execute();
    return { kind: 'revoked' };
  }
  const { user, roles } = loaded;
  if ((realm === 'admin') !== (user.kind === 'staff')) return { kind: 'missing' };
  // Touch at most once a minute: the idle timeout needs minute precision, not a write per request.
  // Background polls (the unread-count badge) are not user activity and must not keep an idle session alive.
  if (idleMs > 60_000 && !opts.background) {
    await db.updateTable('sessions').set({ lastSeenAt: now.toISOString() }).where('id', '=', id).execute();
  }
  const roleScopes = roles.map((r) => ({ roleId: r.id, dataScope: r.dataScope }));
  const permissions = new Set<Permission>(roles.flatMap((r) => r.permissions as Permission[]));
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    unitId: user.unitId,
    unitName: user.unitName,
    roles: roles.map((r) => ({ id: r.id, code: r.code, name: r.name })),
    permissions,
    dataScopeKind: widestScopeKind(roleScopes),
    scope: user.kind === 'staff' ? await resolveScope(db, user, roleScopes) : { kind: 'limited', unitIds: [], self: true },
    sessionId: id,
    realm,
    csrfToken: session.csrfToken,
    mustChangePassword: user.mustChangePassword,
  };
  return { kind: 'ok', actor };
}

export async function presentMe(deps: Deps, actor: Actor): Promise<MeDto> {
  // Staff get null: the back office has no use for it, and a staff member's phone is managed under 用户管理.
  const own = actor.kind === 'public'
    ? await deps.db.selectFrom('users').select(['publicKind', 'phoneEnc']).where('id', '=', actor.userId).executeTakeFirst()
    : undefined;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    kind: actor.kind,
    unitId: actor.unitId,
    unitName: actor.unitName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    dataScope: actor.dataScopeKind,
    mustChangePassword: actor.mustChangePassword,
    csrfToken: actor.csrfToken,
    idleTimeoutMinutes: deps.config.sessionIdleMinutes,
    publicKind: own?.publicKind ?? null,
    // The user's own number, shown to the user themself only, so not masked.
    phone: own?.phoneEnc ? deps.cipher.decrypt(own.phoneEnc) : null,
  };
}

async function logAttempt(deps: Deps, realm: Realm, username: string, userId: number | null, success: boolean, reason: string | null, meta: RequestMeta) {
  await repo.insertLoginLog(deps.db, { at: deps.clock.now().toISOString(), username: username.slice(0, 64), userId, realm, success, reason, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null });
}

/**
 * Password login (等保 2.0 8.1.4.1 b): a per-IP limit across accounts, 5 failures lock the account for 30 minutes,
 * the answer never says whether the user name exists. Returns the session token for the cookie.
 */
export async function login(deps: Deps, realm: Realm, input: { username: string; password: string }, meta: RequestMeta): Promise<{ token: string; actor: Actor }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  if (meta.ip) {
    const since = new Date(now.getTime() - 15 * 60_000).toISOString();
    const failures = await repo.countRecentIpFailures(db, meta.ip, since);
    if (failures >= config.loginIpMaxFailures) {
      await logAttempt(deps, realm, input.username, null, false, 'TOO_MANY_ATTEMPTS', meta);
      throw new AppError('TOO_MANY_ATTEMPTS');
    }
  }
  const user = await repo.findUserByUsername(db, input.username);
  const realmMatches = !!user && (realm === 'admin') === (user.kind === 'staff');
  if (!user || !realmMatches) {
    dummyHash ??= hashPassword('not-a-real-password-Zz1!');
    await argonVerify(await dummyHash, input.password).catch(() => false);
    await logAttempt(deps, realm, input.username, null, false, 'INVALID_CREDENTIALS', meta);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && new Date(user.lockedUntil) > now) {
    await logAttempt(deps, realm, input.username, user.id, false, 'ACCOUNT_LOCKED', meta);
    throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: user.lockedUntil } });
  }
  const ok = await argonVerify(user.passwordHash, input.password).catch(() => false);
  if (!ok) {
    const failures = user.failedLoginCount + 1;
    const lock = failures >= config.loginMaxFailures;
    const lockedUntil = lock ? new Date(now.getTime() + config.loginLockMinutes * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failedLoginCount: lock ? 0 : failures, lockedUntil }).where('id', '=', user.id).execute();
      if (lock) {
        await writeAudit(trx, clock, { actor: null, meta }, { action: 'user.lock', entityType: 'user', entityId: user.id, after: { lockedUntil, reason: `连续 ${failures} 次登录失败` } });
      }
    });
    await logAttempt(deps, realm, input.username, user.id, false, lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS', meta);
    if (lock) throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil } });
    throw new AppError('INVALID_CREDENTIALS', { details: { remainingAttempts: config.loginMaxFailures - failures } });
  }
  if (user.status !== 'active') {
    await logAttempt(deps, realm, input.username, user.id, false, 'ACCOUNT_DISABLED', meta);
    throw new AppError('ACCOUNT_DISABLED');
  }
  const token = randomToken();
  const passwordExpired =
    config.passwordMaxAgeDays > 0 &&
    user.passwordChangedAt !== null &&
    now.getTime() - new Date(user.passwordChangedAt).getTime() > config.passwordMaxAgeDays * 86_400_000;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now.toISOString(), lastLoginIp: meta.ip, ...(passwordExpired ? { mustChangePassword: true } : {}) })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({ id: sha256Hex(token), userId: user.id, realm, csrfToken: randomToken(24), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null, createdAt: now.toISOString(), lastSeenAt: now.toISOString() })
      .execute();
    const unit = user.unitId === null ? null : await trx.selectFrom('units').select('name').where('id', '=', user.unitId).executeTakeFirst();
    await writeAudit(trx, clock, { actor: null, meta }, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { username: user.username, realm },
      actingUser: { userId: user.id, displayName: user.displayName, unitId: user.unitId, unitName: unit?.name ?? null },
    });
  });
  await logAttempt(deps, realm, input.username, user.id, true, null, meta);
  const loaded = await loadActorForSession(deps, token, realm);
  if (loaded.kind !== 'ok') throw new AppError('INTERNAL');
  return { token, actor: loaded.actor };
}

export async function logout(deps: Deps, ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (!actor) return;
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ endedAt: deps.clock.now().toISOString(), endReason: 'logout' }).where('id', '=', actor.sessionId).where('endedAt', 'is', null).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
  await logAttempt(deps, actor.realm, actor.username, actor.userId, true, 'logout', ctx.meta);
}

/** Changes the password; ends the user's other sessions (the current one stays). */
export async function changePassword(deps: Deps, ctx: Ctx, input: { oldPassword: string; newPassword: string }): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const { db, clock } = deps;
  const user = await db.selectFrom('users').select(['id', 'passwordHash', 'username']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await argonVerify(user.passwordHash, input.oldPassword).catch(() => false))) throw new AppError('WRONG_PASSWORD');
  const check = checkPassword(input.newPassword, { username: user.username });
  if (!check.ok) throw new AppError('WEAK_PASSWORD', { message: `密码不符合安全要求：${check.problems.join('；')}`, details: check.problems });
  if (input.newPassword === input.oldPassword) throw new AppError('WEAK_PASSWORD', { message: '新密码不能与原密码相同', details: ['新密码不能与原密码相同'] });
  const passwordHash = await hashPassword(input.newPassword);
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now }).where('id', '=', actor.userId).execute();
    await trx
      .updateTable('sessions')
      .set({ endedAt: now, endReason: 'passwordChanged' })
      .where('userId', '=', actor.userId)
      .where('id', '!=', actor.sessionId)
      .where('endedAt', 'is', null)
      .execute();
    await writeAudit(trx, clock, ctx, { action: 'auth.changePassword', entityType: 'user', entityId: actor.userId });
  });
}

/** Registration of a public user (企业/个人). Public accounts can only ever log in to the portal. */
export async function registerPublicUser(deps: Deps, ctx: Ctx, input: PublicRegisterInput): Promise<number> {
  const check = checkPassword(input.password, { username: input.username });
  if (!check.ok) throw new AppError('WEAK_PASSWORD', { message: `密码不符合安全要求：${check.problems.join('；')}`, details: check.problems });
  if (input.publicKind === 'enterprise') {
    if (!input.uscc) throw fieldError('body.uscc', '企业用户请填写统一社会信用代码');
    if (!isUscc(input.uscc)) throw fieldError('body.uscc', '统一社会信用代码校验不通过，请核对');
  }
  const { db, clock, cipher } = deps;
  if (await repo.findUserByUsername(db, input.username)) throw new AppError('DUPLICATE', { message: '该用户名已被注册' });
  const passwordHash = await hashPassword(input.password);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        displayName: input.displayName,
        kind: 'public',
        publicKind: input.publicKind,
        uscc: input.publicKind === 'enterprise' ? input.uscc! : null,
        unitId: null,
        phoneEnc: cipher.encrypt(input.phone),
        phoneHash: cipher.keyedHash(input.phone),
        lawEnforcementCertNo: null,
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: false,
        lockedUntil: null,
        lastLoginAt: null,
        lastLoginIp: null,
        createdBy: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, clock, ctx, {
      action: 'auth.register',
      entityType: 'user',
      entityId: row.id,
      after: { username: input.username, displayName: input.displayName, publicKind: input.publicKind, uscc: input.uscc ?? null },
    });
    return row.id;
  });
}
