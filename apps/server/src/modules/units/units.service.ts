import { UNIT_CHILD_KINDS, UNIT_KINDS, type CreateUnitInput, type UnitDto, type UpdateUnitInput } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { unitsRepository as repo } from './units.repository';
import { presentUnit } from './units.presenter';

function actorOf(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

async function regionMap(db: Executor, codes: string[]) {
  const rows = await repo.regionNames(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function checkRegionCodes(db: Executor, codes: string[]) {
  const known = await regionMap(db, codes);
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) throw fieldError('body.regionCodes', `区划代码不存在：${unknown.join('、')}`);
}

export async function listUnits(deps: Deps, ctx: Ctx): Promise<UnitDto[]> {
  const actor = actorOf(ctx);
  const units = await repo.list(deps.db, actor);
  const names = await regionMap(deps.db, units.flatMap((u) => u.regionCodes));
  return units.map((u) => presentUnit(actor, u, names));
}

export async function getUnit(deps: Deps, ctx: Ctx, id: number): Promise<UnitDto> {
  const actor = actorOf(ctx);
  const u = await repo.get(deps.db, actor, id);
  if (!u) throw new AppError('NOT_FOUND');
  return presentUnit(actor, u, await regionMap(deps.db, u.regionCodes));
}

export async function createUnit(deps: Deps, ctx: Ctx, input: CreateUnitInput): Promise<UnitDto> {
  const actor = actorOf(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const parent = await repo.get(trx, actor, input.parentId, { forUpdate: true });
    if (!parent) throw new AppError('NOT_FOUND', { message: '上级机构不存在或无权访问' });
    if (!UNIT_CHILD_KINDS[parent.kind].includes(input.kind)) {
      throw fieldError('body.kind', `${UNIT_KINDS[parent.kind]}下不能设立${UNIT_KINDS[input.kind]}`);
    }
    await checkRegionCodes(trx, input.regionCodes);
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('units')
      .values({
        parentId: parent.id,
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        regionCodes: input.regionCodes,
        phone: input.phone ?? null,
        address: input.address ?? null,
        sort: input.sort,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await trx.updateTable('units').set({ path: `${parent.path}${row.id}/` }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, { action: 'unit.create', entityType: 'unit', entityId: created.id, after: created });
    return presentUnit(actor, created, await regionMap(trx, created.regionCodes));
  });
}

export async function updateUnit(deps: Deps, ctx: Ctx, id: number, input: UpdateUnitInput): Promise<UnitDto> {
  const actor = actorOf(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.get(trx, actor, id, { forUpdate: true });
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (input.kind && input.kind !== before.kind) {
      const parent = before.parentId === null ? null : await trx.selectFrom('units').select('kind').where('id', '=', before.parentId).executeTakeFirst();
      if (!parent || !UNIT_CHILD_KINDS[parent.kind].includes(input.kind)) throw fieldError('body.kind', '机构类型与上级机构不匹配');
    }
    if (input.regionCodes) await checkRegionCodes(trx, input.regionCodes);
    const { version: _v, ...changes } = input;
    const after = await trx
      .updateTable('units')
      .set({ ...changes, version: before.version + 1, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, before, after });
    return presentUnit(actor, after, await regionMap(trx, after.regionCodes));
  });
}

export async function deleteUnit(deps: Deps, ctx: Ctx, id: number, version: number): Promise<void> {
  const actor = actorOf(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.get(trx, actor, id, { forUpdate: true });
    if (!before) throw new AppError('NOT_FOUND');
    if (before.parentId === null) throw new AppError('ACTION_NOT_ALLOWED', { message: '不能删除本市的市级局' });
    if (before.version !== version) throw new AppError('VERSION_CONFLICT');
    if ((await repo.countChildren(trx, id)) > 0 || (await repo.countUsers(trx, id)) > 0) throw new AppError('UNIT_NOT_EMPTY');
    await trx.deleteFrom('units').where('id', '=', id).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'unit.delete', entityType: 'unit', entityId: id, before });
  });
}

/** Children of a region in the division list (for pickers). */
export function listRegions(deps: Deps, parent: string | undefined) {
  const q = deps.db.selectFrom('regions').select(['code', 'name', 'level']).orderBy('code');
  return (parent ? q.where('parentCode', '=', parent) : q.where('parentCode', 'is', null)).execute();
}
