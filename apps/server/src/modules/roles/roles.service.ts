import type { Permission, RoleDto, RoleInput, UpdateRoleInput } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';

/** Roles are global (not per unit); the data scope is a property of the role. */
async function loadRoles(db: Executor, ids?: number[]): Promise<RoleDto[]> {
  let q = db.selectFrom('roles').selectAll().orderBy('builtin', 'desc').orderBy('id');
  if (ids) q = q.where('id', 'in', ids);
  const roles = await q.execute();
  if (roles.length === 0) return [];
  const roleIds = roles.map((r) => r.id);
  const [units, counts] = await Promise.all([
    db.selectFrom('roleUnits').select(['roleId', 'unitId']).where('roleId', 'in', roleIds).execute(),
    db.selectFrom('userRoles').select(['roleId', (eb) => eb.fn.countAll<number>().as('n')]).where('roleId', 'in', roleIds).groupBy('roleId').execute(),
  ]);
  return roles.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    builtin: r.builtin,
    permissions: r.permissions as Permission[],
    dataScope: r.dataScope,
    customUnitIds: units.filter((u) => u.roleId === r.id).map((u) => u.unitId),
    remark: r.remark,
    userCount: Number(counts.find((c) => c.roleId === r.id)?.n ?? 0),
    version: r.version,
  }));
}

export function listRoles(deps: Deps): Promise<RoleDto[]> {
  return loadRoles(deps.db);
}

async function checkCustomUnits(db: Executor, input: { dataScope: string; customUnitIds: number[] }) {
  if (input.dataScope !== 'custom') return [];
  if (input.customUnitIds.length === 0) throw fieldError('body.customUnitIds', '自定义数据权限请至少选择一个机构');
  const ids = [...new Set(input.customUnitIds)];
  const found = await db.selectFrom('units').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw fieldError('body.customUnitIds', '所选机构不存在');
  return ids;
}

/** A security administrator must not widen their own rights: roles one holds cannot be edited by oneself. */
function assertNotOwnRole(ctx: Ctx, roleId: number) {
  if (ctx.actor?.roles.some((r) => r.id === roleId)) throw new AppError('ACTION_NOT_ALLOWED', { message: '不能修改自己持有的角色' });
}

export async function createRole(deps: Deps, ctx: Ctx, input: RoleInput): Promise<RoleDto> {
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('roles').select('id').where('code', '=', input.code).executeTakeFirst()) throw new AppError('DUPLICATE', { message: '角色编码已存在' });
    const unitIds = await checkCustomUnits(trx, input);
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('roles')
      .values({ code: input.code, name: input.name, builtin: false, permissions: [...new Set(input.permissions)].sort(), dataScope: input.dataScope, remark: input.remark ?? null, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (unitIds.length) await trx.insertInto('roleUnits').values(unitIds.map((unitId) => ({ roleId: row.id, unitId }))).execute();
    const [dto] = await loadRoles(trx, [row.id]);
    await writeAudit(trx, deps.clock, ctx, { action: 'role.create', entityType: 'role', entityId: row.id, after: dto });
    return dto!;
  });
}

export async function updateRole(deps: Deps, ctx: Ctx, id: number, input: UpdateRoleInput): Promise<RoleDto> {
  assertNotOwnRole(ctx, id);
  return deps.db.transaction().execute(async (trx) => {
    const [before] = await loadRoles(trx, [id]);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const unitIds = await checkCustomUnits(trx, input);
    await trx
      .updateTable('roles')
      .set({ name: input.name, permissions: [...new Set(input.permissions)].sort(), dataScope: input.dataScope, remark: input.remark ?? null, version: before.version + 1, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .execute();
    await trx.deleteFrom('roleUnits').where('roleId', '=', id).execute();
    if (unitIds.length) await trx.insertInto('roleUnits').values(unitIds.map((unitId) => ({ roleId: id, unitId }))).execute();
    const [after] = await loadRoles(trx, [id]);
    await writeAudit(trx, deps.clock, ctx, { action: 'role.update', entityType: 'role', entityId: id, before, after });
    return after!;
  });
}

export async function deleteRole(deps: Deps, ctx: Ctx, id: number): Promise<void> {
  assertNotOwnRole(ctx, id);
  await deps.db.transaction().execute(async (trx) => {
    const [before] = await loadRoles(trx, [id]);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.builtin) throw new AppError('ROLE_BUILTIN');
    await trx.deleteFrom('roles').where('id', '=', id).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'role.delete', entityType: 'role', entityId: id, before });
  });
}
