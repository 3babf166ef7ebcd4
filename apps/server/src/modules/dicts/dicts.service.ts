import type { DictItemDto, DictItemInput, DictTypeDto, DictTypeInput } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { dictsRepository as repo } from './dicts.repository';

export interface DictTypePatch {
  name?: string;
  remark?: string | null;
}
export type DictItemPatch = Partial<DictItemInput>;

function present(item: DictItemDto): DictItemDto {
  return { id: item.id, typeCode: item.typeCode, value: item.value, label: item.label, sort: item.sort, enabled: item.enabled };
}

/** A unique index the pre-check did not catch (two writers at once) is still a 409 with a Chinese message. */
async function mapUnique<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('DUPLICATE', { message });
    throw err;
  }
}

export async function listDicts(deps: Deps): Promise<DictTypeDto[]> {
  const [types, items] = await Promise.all([repo.listTypes(deps.db), repo.listItems(deps.db)]);
  const byType = new Map<string, DictItemDto[]>();
  for (const it of items) byType.set(it.typeCode, [...(byType.get(it.typeCode) ?? []), present(it)]);
  return types.map((t) => ({ code: t.code, name: t.name, remark: t.remark, builtin: t.builtin, items: byType.get(t.code) ?? [] }));
}

async function getDict(deps: Deps, code: string): Promise<DictTypeDto> {
  const t = await repo.findType(deps.db, code);
  if (!t) throw new AppError('NOT_FOUND', { message: '字典不存在' });
  return { ...t, items: (await repo.listItems(deps.db, code)).map(present) };
}

export async function createDictType(deps: Deps, ctx: Ctx, input: DictTypeInput): Promise<DictTypeDto> {
  const message = `字典编码 ${input.code} 已存在`;
  await mapUnique(
    () =>
      deps.db.transaction().execute(async (trx) => {
        if (await repo.findType(trx, input.code)) throw new AppError('DUPLICATE', { message });
        const row = { code: input.code, name: input.name, remark: input.remark ?? null, builtin: false };
        await repo.insertType(trx, row);
        await writeAudit(trx, deps.clock, ctx, { action: 'dict.createType', entityType: 'dictType', entityId: input.code, after: row });
      }),
    message,
  );
  return getDict(deps, input.code);
}

export async function updateDictType(deps: Deps, ctx: Ctx, code: string, patch: DictTypePatch): Promise<DictTypeDto> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findType(trx, code, true);
    if (!before) throw new AppError('NOT_FOUND', { message: '字典不存在' });
    const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.remark !== undefined ? { remark: patch.remark } : {}) };
    if (Object.keys(set).length === 0) return;
    await repo.updateType(trx, code, set);
    await writeAudit(trx, deps.clock, ctx, { action: 'dict.updateType', entityType: 'dictType', entityId: code, before, after: { ...before, ...set } });
  });
  return getDict(deps, code);
}

export async function addDictItem(deps: Deps, ctx: Ctx, code: string, input: DictItemInput): Promise<DictItemDto> {
  const message = `字典 ${code} 中已有取值 ${input.value}`;
  return mapUnique(
    () =>
      deps.db.transaction().execute(async (trx) => {
        const type = await repo.findType(trx, code, true);
        if (!type) throw new AppError('NOT_FOUND', { message: '字典不存在' });
        if (await repo.findItemByValue(trx, code, input.value)) throw new AppError('DUPLICATE', { message });
        const [row] = await repo.insertItems(trx, [{ typeCode: code, value: input.value, label: input.label, sort: input.sort, enabled: input.enabled }]);
        await writeAudit(trx, deps.clock, ctx, { action: 'dict.createItem', entityType: 'dictItem', entityId: row.id, after: present(row) });
        return present(row);
      }),
    message,
  );
}

/**
 * Changes an item. In a built-in dictionary the code depends on the values (e.g. the 不予受理 grounds 1-6), so there a
 * value can be relabelled, reordered or disabled, but not changed.
 */
export async function updateDictItem(deps: Deps, ctx: Ctx, code: string, id: number, patch: DictItemPatch): Promise<DictItemDto> {
  const message = `字典 ${code} 中已有取值 ${patch.value ?? ''}`;
  return mapUnique(
    () =>
      deps.db.transaction().execute(async (trx) => {
        const type = await repo.findType(trx, code, true);
        const before = type ? await repo.findItem(trx, code, id) : undefined;
        if (!type || !before) throw new AppError('NOT_FOUND', { message: '字典项不存在' });
        if (patch.value !== undefined && patch.value !== before.value) {
          if (type.builtin) throw new AppError('ACTION_NOT_ALLOWED', { message: '内置字典的取值被系统引用，不能修改，可修改名称或停用', details: { allowedActions: ['updateLabel', 'disable'] } });
          if (await repo.findItemByValue(trx, code, patch.value)) throw new AppError('DUPLICATE', { message });
        }
        const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        if (Object.keys(set).length === 0) return present(before);
        const row = await repo.updateItem(trx, id, set);
        await writeAudit(trx, deps.clock, ctx, { action: 'dict.updateItem', entityType: 'dictItem', entityId: id, before: present(before), after: present(row) });
        return present(row);
      }),
    message,
  );
}

/** Deletes an item of an administrator's dictionary. Items of a built-in dictionary are disabled instead. */
export async function deleteDictItem(deps: Deps, ctx: Ctx, code: string, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const type = await repo.findType(trx, code, true);
    const before = type ? await repo.findItem(trx, code, id) : undefined;
    if (!type || !before) throw new AppError('NOT_FOUND', { message: '字典项不存在' });
    if (type.builtin) throw new AppError('ACTION_NOT_ALLOWED', { message: '内置字典的字典项被系统引用，不能删除，可停用', details: { allowedActions: ['disable'] } });
    await repo.deleteItem(trx, id);
    await writeAudit(trx, deps.clock, ctx, { action: 'dict.deleteItem', entityType: 'dictItem', entityId: id, before: present(before) });
  });
}
