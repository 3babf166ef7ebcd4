import crypto from 'node:crypto';
import { maskPhone, type AssignRolesInput, type CreateUserInput, type Page, type UpdateUserInput, type UserDto, type UserListQuery } from '@zhichan/shared';
import { can, unitInScope, type Actor, type Ctx } from '../../access/actor';
import { widestScopeKind } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.service';
import { usersRepository as repo } from './users.repository';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.get>>>;

function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

/** A one-time initial password that meets the policy: upper, lower, digits and a symbol, 12 characters. */
export function generateInitialPassword(): string {
  const pick = (set: string, n: number) => Array.from({ length: n }, () => set[crypto.randomInt(set.length)]).join('');
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 2)}${pick('abcdefghijkmnpqrstuvwxyz', 5)}${pick('23456789', 4)}${pick('@#%&*', 1)}`;
}

async function present(deps: Deps, actor: Actor, rows: UserRow[]): Promise<UserDto[]> {
  const roles = await repo.rolesOf(deps.db, rows.map((r) => r.id));
  const now = deps.clock.now();
  return rows.map((u) => {
    const mine = roles.filter((r) => r.userId === u.id);
    const self = u.id === actor.userId;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      unitId: u.unitId,
      unitName: u.unitName,
      phone: u.phoneEnc ? maskPhone(deps.cipher.decrypt(u.phoneEnc)) : null,
      lawEnforcementCertNo: u.lawEnforcementCertNo,
      status: u.status,
      locked: !!u.lockedUntil && new Date(u.lockedUntil) > now,
      mustChangePassword: u.mustChangePassword,
      lastLoginAt: u.lastLoginAt,
      roles: mine.map((r) => ({ id: r.id, code: r.code, name: r.name })),
      effectiveDataScope: mine.length ? widestScopeKind(mine.map((r) => ({ roleId: r.id, dataScope: r.dataScope }))) : null,
      version: u.version,
      abilities: {
        update: can(actor, 'user.update'),
        // Nobody changes their own roles or resets their own password here (separation of duties).
        assignRole: can(actor, 'user.assignRole') && !self,
        resetPassword: can(actor, 'user.resetPassword') && !self,
        unlock: can(actor, 'user.unlock'),
      },
    };
  });
}

async function getOr404(db: Executor, actor: Actor, id: number, forUpdate = false): Promise<UserRow> {
  const u = await repo.get(db, actor, id, { forUpdate });
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

/** The audited view of a user: no secrets, phone masked. */
function auditView(deps: Deps, u: Omit<UserRow, 'unitName'> & { unitName?: string | null }) {
  return {
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    phone: u.phoneEnc ? maskPhone(deps.cipher.decrypt(u.phoneEnc)) : null,
    lawEnforcementCertNo: u.lawEnforcementCertNo,
    status: u.status,
  };
}

export async function listUsers(deps: Deps, ctx: Ctx, q: UserListQuery): Promise<Page<UserDto>> {
  const actor = actorOf(ctx);
  let unitPath: string | undefined;
  if (q.unitId) {
    const unit = await deps.db.selectFrom('units').select(['id', 'path']).where('id', '=', q.unitId).executeTakeFirst();
    // A filter unit outside scope simply yields nothing (the scope WHERE still applies to every row).
    if (!unit) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (q.includeChildren) unitPath = unit.path;
  }
  const { rows, total } = await repo.list(deps.db, actor, { unitPath, unitId: q.unitId, keyword: q.keyword, status: q.status }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await present(deps, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getUser(deps: Deps, ctx: Ctx, id: number): Promise<UserDto> {
  const actor = actorOf(ctx);
  const [dto] = await present(deps, actor, [await getOr404(deps.db, actor, id)]);
  return dto!;
}

export async function createUser(deps: Deps, ctx: Ctx, input: CreateUserInput): Promise<{ user: UserDto; initialPassword: string }> {
  const actor = actorOf(ctx);
  const unit = await deps.db.selectFrom('units').select(['id']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit || !unitInScope(actor, unit.id)) throw fieldError('body.unitId', '所属机构不存在或不在您的数据权限内');
  const existing = await deps.db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase())).executeTakeFirst();
  if (existing) throw new AppError('DUPLICATE', { message: '该用户名已存在' });
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        displayName: input.displayName,
        kind: 'staff',
        publicKind: null,
        uscc: null,
        unitId: input.unitId,
        phoneEnc: input.phone ? deps.cipher.encrypt(input.phone) : null,
        phoneHash: input.phone ? deps.cipher.keyedHash(input.phone) : null,
        lawEnforcementCertNo: input.lawEnforcementCertNo ?? null,
        passwordHash,
        passwordChangedAt: null,
        mustChangePassword: true,
        lockedUntil: null,
        lastLoginAt: null,
        lastLoginIp: null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, after: auditView(deps, row) });
    return row.id;
  });
  return { user: await getUser(deps, ctx, id), initialPassword };
}

export async function updateUser(deps: Deps, ctx: Ctx, id: number, input: UpdateUserInput): Promise<UserDto> {
  const actor = actorOf(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const before = await getOr404(trx, actor, id, true);
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (input.unitId !== undefined && input.unitId !== before.unitId) {
      const unit = await trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst();
      if (!unit || !unitInScope(actor, unit.id)) throw fieldError('body.unitId', '所属机构不存在或不在您的数据权限内');
    }
    if (input.status === 'disabled' && id === actor.userId) throw new AppError('ACTION_NOT_ALLOWED', { message: '不能停用自己的账号' });
    const now = deps.clock.now().toISOString();
    const after = await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
        ...(input.phone !== undefined ? { phoneEnc: input.phone ? deps.cipher.encrypt(input.phone) : null, phoneHash: input.phone ? deps.cipher.keyedHash(input.phone) : null } : {}),
        ...(input.lawEnforcementCertNo !== undefined ? { lawEnforcementCertNo: input.lawEnforcementCertNo } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        version: before.version + 1,
        updatedAt: now,
      })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.status === 'disabled') {
      await trx.updateTable('sessions').set({ endedAt: now, endReason: 'disabled', endedBy: actor.userId }).where('userId', '=', id).where('endedAt', 'is', null).execute();
    }
    await writeAudit(trx, deps.clock, ctx, { action: 'user.update', entityType: 'user', entityId: id, before: auditView(deps, before), after: auditView(deps, after) });
  });
  return getUser(deps, ctx, id);
}

export async function assignRoles(deps: Deps, ctx: Ctx, id: number, input: AssignRolesInput): Promise<UserDto> {
  const actor = actorOf(ctx);
  if (id === actor.userId) throw new AppError('ACTION_NOT_ALLOWED', { message: '不能为自己分配角色' });
  await deps.db.transaction().execute(async (trx) => {
    const user = await getOr404(trx, actor, id, true);
    if (user.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const roleIds = [...new Set(input.roleIds)];
    const roles = roleIds.length ? await trx.selectFrom('roles').select(['id', 'code']).where('id', 'in', roleIds).execute() : [];
    if (roles.length !== roleIds.length) throw fieldError('body.roleIds', '角色不存在');
    const before = await repo.rolesOf(trx, [id]);
    await trx.deleteFrom('userRoles').where('userId', '=', id).execute();
    if (roleIds.length) await trx.insertInto('userRoles').values(roleIds.map((roleId) => ({ userId: id, roleId }))).execute();
    await trx.updateTable('users').set({ version: user.version + 1, updatedAt: deps.clock.now().toISOString() }).where('id', '=', id).execute();
    await writeAudit(trx, deps.clock, ctx, {
      action: 'user.assignRole',
      entityType: 'user',
      entityId: id,
      before: { roles: before.map((r) => r.code) },
      after: { roles: roles.map((r) => r.code).sort() },
    });
  });
  return getUser(deps, ctx, id);
}

export async function resetPassword(deps: Deps, ctx: Ctx, id: number): Promise<{ userId: number; initialPassword: string }> {
  const actor = actorOf(ctx);
  if (id === actor.userId) throw new AppError('ACTION_NOT_ALLOWED', { message: '请通过“修改密码”修改自己的密码' });
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  await deps.db.transaction().execute(async (trx) => {
    await getOr404(trx, actor, id, true);
    const now = deps.clock.now().toISOString();
    await trx.updateTable('users').set({ passwordHash, mustChangePassword: true, passwordChangedAt: null, failedLoginCount: 0, lockedUntil: null, updatedAt: now }).where('id', '=', id).execute();
    await trx.updateTable('sessions').set({ endedAt: now, endReason: 'revoked', endedBy: actor.userId }).where('userId', '=', id).where('endedAt', 'is', null).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'user.resetPassword', entityType: 'user', entityId: id });
  });
  return { userId: id, initialPassword };
}

export async function unlockUser(deps: Deps, ctx: Ctx, id: number): Promise<UserDto> {
  const actor = actorOf(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const before = await getOr404(trx, actor, id, true);
    await trx.updateTable('users').set({ lockedUntil: null, failedLoginCount: 0 }).where('id', '=', id).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'user.unlock', entityType: 'user', entityId: id, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: null } });
  });
  return getUser(deps, ctx, id);
}
