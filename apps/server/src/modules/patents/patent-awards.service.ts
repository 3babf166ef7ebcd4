/**
 * The award list (国家科学技术奖、中国专利奖) that administrators keep for 高价值发明专利 category 5 (legal-rules.md §2.1).
 * An entry names the patent by 专利号/申请号 or by 公开（公告）号; the matching patent's flags are recomputed in the same
 * transaction, the rollups are rebuilt in the background.
 */
import { normalizeAppNo, normalizePubNo, type PatentAwardDto } from '@zhichan/shared';
import type { z } from 'zod';
import type { PatentAwardInput } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { requestStatsRebuild } from './patent-classification.service';
import { kickPatentTasks } from './patent-tasks';
import { classifyPatent, loadClassificationContext } from './patent-write';
import { presentAward } from './patents.presenter';

type AwardInput = z.infer<typeof PatentAwardInput>;

/** The patent_key an award number stands for: the normalised application number (专利号 = ZL + 申请号) or P: + 公开号. */
export function awardKeyOf(number: string): { key: string; appKey: string | null; pubNo: string | null } | null {
  const app = normalizeAppNo(number);
  if (app) return { key: app.key, appKey: app.key, pubNo: null };
  const pub = normalizePubNo(number);
  if (pub) return { key: `P:${pub}`, appKey: null, pubNo: pub };
  return null;
}

async function findPatent(ex: Executor, k: { key: string; appKey: string | null; pubNo: string | null }) {
  let q = ex.selectFrom('patents').select(['id', 'title', 'patentKey']);
  q = k.pubNo
    ? q.where((eb) => eb.or([eb('patentKey', '=', k.key), eb('pubNo', '=', k.pubNo), eb('grantNo', '=', k.pubNo)]))
    : q.where('patentKey', '=', k.key);
  return q.orderBy('id').executeTakeFirst();
}

/** Recomputes the five flags of one patent with the award list as it is now in this transaction. */
async function recomputePatent(trx: Executor, deps: Deps, patentId: number): Promise<void> {
  const p = await trx.selectFrom('patents').selectAll().where('id', '=', patentId).forUpdate().executeTakeFirst();
  if (!p) return;
  const cx = await loadClassificationContext(trx, deps);
  const c = classifyPatent(
    {
      patentKey: p.patentKey,
      pubNo: p.pubNo,
      grantNo: p.grantNo,
      patentType: p.patentType,
      legalStatus: p.legalStatus,
      appDate: p.appDate,
      title: p.title,
      abstract: p.abstract,
      ipcCodes: p.ipcCodes,
      foreignFamilyGranted: p.foreignFamilyGranted,
      pledgeAmountWan: p.pledgeAmountWan === null ? null : Number(p.pledgeAmountWan),
    },
    cx,
  );
  await trx
    .updateTable('patents')
    .set({
      hvSei: c.hvSei,
      hvForeignFamily: c.hvForeignFamily,
      hvOver10Years: c.hvOver10Years,
      hvPledge: c.hvPledge,
      hvAward: c.hvAward,
      isHighValue: c.isHighValue,
      updatedAt: deps.clock.now().toISOString(),
    })
    .where('id', '=', patentId)
    .execute();
}

export async function listAwards(deps: Deps): Promise<PatentAwardDto[]> {
  const rows = await deps.db.selectFrom('patentAwards').selectAll().orderBy('awardYear', 'desc').orderBy('id', 'desc').execute();
  const out: PatentAwardDto[] = [];
  for (const a of rows) {
    const k = awardKeyOf(a.patentNumber) ?? { key: a.patentKey, appKey: null, pubNo: null };
    const p = await findPatent(deps.db, { ...k, key: a.patentKey });
    out.push(presentAward(a, p ? { id: p.id, title: p.title } : null));
  }
  return out;
}

export async function createAward(deps: Deps, ctx: Ctx, input: AwardInput): Promise<PatentAwardDto> {
  const k = awardKeyOf(input.patentNumber);
  if (!k) throw fieldError('body.patentNumber', `专利号格式不正确：“${input.patentNumber}”，应为专利号（申请号）或公开（公告）号`);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const patent = await findPatent(trx, k);
    // Stored under the patent's own key when it is in the database, so a 公开号 entry still reaches a patent keyed by 申请号.
    const patentKey = patent?.patentKey ?? k.key;
    const dup = await trx
      .selectFrom('patentAwards')
      .select('id')
      .where('patentKey', '=', patentKey)
      .where('award', '=', input.award)
      .where('awardYear', '=', input.awardYear)
      .executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE', { message: '该专利的这一年度奖项已登记' });
    const row = await trx
      .insertInto('patentAwards')
      .values({
        patentNumber: input.patentNumber.trim(),
        patentKey,
        award: input.award,
        awardYear: input.awardYear,
        awardLevel: input.awardLevel ?? null,
        note: input.note ?? null,
        createdBy: ctx.actor?.userId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (patent) await recomputePatent(trx, deps, patent.id);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'patentAward.create',
      entityType: 'patentAward',
      entityId: row.id,
      after: { patentNumber: row.patentNumber, patentKey, award: row.award, awardYear: row.awardYear, awardLevel: row.awardLevel, patentId: patent?.id ?? null },
    });
    return presentAward(row, patent ? { id: patent.id, title: patent.title } : null);
  });
  requestStatsRebuild();
  kickPatentTasks(deps);
  return dto;
}

export async function deleteAward(deps: Deps, ctx: Ctx, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('patentAwards').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { message: '未找到该获奖记录' });
    await trx.deleteFrom('patentAwards').where('id', '=', id).execute();
    const k = awardKeyOf(row.patentNumber) ?? { key: row.patentKey, appKey: null, pubNo: null };
    const patent = await findPatent(trx, { ...k, key: row.patentKey });
    if (patent) await recomputePatent(trx, deps, patent.id);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'patentAward.delete',
      entityType: 'patentAward',
      entityId: id,
      before: { patentNumber: row.patentNumber, patentKey: row.patentKey, award: row.award, awardYear: row.awardYear, awardLevel: row.awardLevel },
    });
  });
  requestStatsRebuild();
  kickPatentTasks(deps);
}
