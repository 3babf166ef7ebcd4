/**
 * Industry chains (重点产业链) maintained by the bureau: IPC patterns, keywords and SEI branches. A change bumps the version
 * and marks the chain pending; the background runner (patent-tasks) then reclassifies every patent and rebuilds the rollups.
 */
import type { IndustryChainDto } from '@zhichan/shared';
import type { z } from 'zod';
import type { IndustryChainInput, UpdateIndustryChainInput } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { requestReclassification } from './patent-classification.service';
import { ipcTitles } from './patent-reference.seed';
import { kickPatentTasks } from './patent-tasks';
import { patternCode, presentChain } from './patents.presenter';
import { patentsRepository as repo } from './patents.repository';

type ChainInput = z.infer<typeof IndustryChainInput>;
type ChainUpdate = z.infer<typeof UpdateIndustryChainInput>;

async function presentChains(ex: Executor, rows: Parameters<typeof presentChain>[0][]): Promise<IndustryChainDto[]> {
  const codes = rows.flatMap((r) => r.ipcPatterns.map((p) => patternCode(p) ?? '')).filter(Boolean);
  const [titles, sei, counts] = [await ipcTitles(ex, codes), await repo.seiBranches(ex), await repo.chainCounts(ex)];
  const seiMap = new Map(sei.map((s) => [s.branchNo, s]));
  return rows.map((r) => presentChain(r, { titles, sei: seiMap, counts }));
}

export async function listChains(deps: Deps): Promise<IndustryChainDto[]> {
  const rows = await deps.db.selectFrom('industryChains').selectAll().orderBy('sort').orderBy('id').execute();
  return presentChains(deps.db, rows);
}

async function getChainDto(ex: Executor, id: number): Promise<IndustryChainDto> {
  const row = await ex.selectFrom('industryChains').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: '未找到该产业链' });
  return (await presentChains(ex, [row]))[0]!;
}

/** Normalised, de-duplicated lists; SEI branches must exist in the 2021 table. */
async function cleanInput(ex: Executor, input: ChainInput) {
  const ipcPatterns = [...new Set(input.ipcPatterns.map((p) => p.trim().toUpperCase()))];
  const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
  const seiBranches = [...new Set(input.seiBranches)].sort();
  if (seiBranches.length > 0) {
    const known = new Set((await repo.seiBranches(ex)).map((b) => b.branchNo));
    const i = seiBranches.findIndex((b) => !known.has(b));
    if (i >= 0) throw fieldError(`body.seiBranches.${input.seiBranches.indexOf(seiBranches[i]!)}`, `战略性新兴产业分支 ${seiBranches[i]} 不存在`);
  }
  if (ipcPatterns.length === 0 && keywords.length === 0 && seiBranches.length === 0) {
    throw fieldError('body.ipcPatterns', '请至少设置 IPC 式样、关键词或战略性新兴产业分支中的一项');
  }
  return {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    ipcPatterns,
    keywords,
    seiBranches,
    enabled: input.enabled,
    sort: input.sort,
  };
}

export async function createChain(deps: Deps, ctx: Ctx, input: ChainInput): Promise<IndustryChainDto> {
  const dto = await deps.db.transaction().execute(async (trx) => {
    const values = await cleanInput(trx, input);
    const dup = await trx.selectFrom('industryChains').select('id').where('code', '=', values.code).executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE', { message: `产业链代码 ${values.code} 已存在`, details: [{ path: 'body.code', message: '代码已存在' }] });
    const row = await trx
      .insertInto('industryChains')
      .values({ ...values, isDemo: false, version: 1, classifiedVersion: 0, classifyStatus: 'pending', createdBy: ctx.actor?.userId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, { action: 'patentChain.create', entityType: 'industryChain', entityId: row.id, after: values });
    return getChainDto(trx, row.id);
  });
  kickPatentTasks(deps);
  return dto;
}

export async function updateChain(deps: Deps, ctx: Ctx, id: number, input: ChainUpdate): Promise<IndustryChainDto> {
  const dto = await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('industryChains').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', { message: '未找到该产业链' });
    if (before.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', { message: '该产业链已被他人修改，请刷新后重试' });
    }
    const values = await cleanInput(trx, input);
    if (values.code !== before.code) {
      const dup = await trx.selectFrom('industryChains').select('id').where('code', '=', values.code).where('id', '!=', id).executeTakeFirst();
      if (dup) throw new AppError('DUPLICATE', { message: `产业链代码 ${values.code} 已存在`, details: [{ path: 'body.code', message: '代码已存在' }] });
    }
    await trx
      .updateTable('industryChains')
      .set({ ...values, version: before.version + 1, classifyStatus: 'pending', updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      action: 'patentChain.update',
      entityType: 'industryChain',
      entityId: id,
      before: { code: before.code, name: before.name, description: before.description, ipcPatterns: before.ipcPatterns, keywords: before.keywords, seiBranches: before.seiBranches, enabled: before.enabled, sort: before.sort, version: before.version },
      after: { ...values, version: before.version + 1 },
    });
    return getChainDto(trx, id);
  });
  kickPatentTasks(deps);
  return dto;
}

/** Reclassify every patent now (e.g. after the reference tables changed): all chains pending, the runner started. */
export async function reclassifyAll(deps: Deps, ctx: Ctx): Promise<IndustryChainDto[]> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('industryChains').set({ classifyStatus: 'pending' }).execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'patentChain.reclassify', entityType: 'industryChain', entityId: null, after: { all: true } });
  });
  requestReclassification();
  kickPatentTasks(deps);
  return listChains(deps);
}
