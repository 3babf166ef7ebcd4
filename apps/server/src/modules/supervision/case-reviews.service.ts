/**
 * 案卷评查: a reviewer scores the file of a closed case on the score sheet of supervision-rules.ts (our own sheet,
 * modelled on provincial practice, not a regulation) and the grade follows from the total.
 */
import {
  CASE_REVIEW_GRADES,
  scoreCaseReview,
  type CaseReviewCandidateDto,
  type CaseReviewCandidateQuery,
  type CaseReviewDto,
  type CaseReviewGrade,
  type CaseReviewQuery,
  type CreateCaseReviewInput,
  type Page,
} from '@zhichan/shared';
import { sql } from 'kysely';
import type { Actor, Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { decisionLabel, kindLabel, presentReview } from './supervision.presenter';
import { supervisionRepository as repo } from './supervision.repository';
import { loadOrg, staff, todayOf } from './supervision.service';

async function reviewDto(ex: Executor, actor: Actor, id: number): Promise<CaseReviewDto> {
  const row = await repo.reviewsInScope(ex, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentReview(row);
}

export async function createCaseReview(deps: Deps, ctx: Ctx, input: CreateCaseReviewInput): Promise<CaseReviewDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const kase = await repo.caseForReview(trx, actor, input.caseId);
    if (!kase) throw new AppError('NOT_FOUND');
    // The file is complete only when the case is closed (结案) or archived (归档).
    if (!kase.closedOn) throw new AppError('ACTION_NOT_ALLOWED', { message: '只有已结案（或已归档）的案件才能进行案卷评查', details: { allowedActions: [] } });
    const scored = scoreCaseReview(input.items);
    if (!scored.ok) {
      const details = scored.issues.map((i) => ({ path: `body.${i.path}`, message: i.message }));
      throw new AppError('VALIDATION_FAILED', { message: details[0]!.message, details });
    }
    const today = todayOf(deps);
    const row = await repo.insertReview(trx, {
      caseId: kase.id,
      unitId: kase.unitId,
      reviewerId: actor.userId,
      reviewedOn: today,
      items: JSON.stringify(scored.items),
      totalScore: scored.total,
      grade: scored.grade,
      comments: input.comments,
      createdAt: deps.clock.now().toISOString(),
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'caseReview.create',
      entityType: 'case',
      entityId: kase.id,
      after: { reviewId: row.id, caseNo: kase.caseNo, totalScore: scored.total, grade: scored.grade, items: scored.items.map((i) => ({ key: i.key, score: i.score })) },
    });
    return reviewDto(trx, actor, row.id);
  });
}

export async function getCaseReview(deps: Deps, ctx: Ctx, id: number): Promise<CaseReviewDto> {
  return reviewDto(deps.db, staff(ctx), id);
}

export async function listCaseReviews(deps: Deps, ctx: Ctx, q: CaseReviewQuery): Promise<Page<CaseReviewDto>> {
  const actor = staff(ctx);
  let base = repo.reviewsInScope(deps.db, actor);
  if (q.unitId) {
    const ids = (await loadOrg(deps.db)).subtree(q.unitId);
    base = base.where('cases.unitId', 'in', ids.length > 0 ? ids : [-1]);
  }
  if (q.grade) base = base.where('r.grade', '=', q.grade);
  if (q.year) base = base.where('r.reviewedOn', '>=', `${q.year}-01-01`).where('r.reviewedOn', '<=', `${q.year}-12-31`);
  if (q.caseId) base = base.where('r.caseId', '=', q.caseId);
  const { n } = await base.clearSelect().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(presentReview), total: Number(n), page: q.page, pageSize: q.pageSize };
}

/** Closed cases of the scope to review, newest closing first, with how often and how well they were reviewed. */
export async function listReviewCandidates(deps: Deps, ctx: Ctx, q: CaseReviewCandidateQuery): Promise<Page<CaseReviewCandidateDto>> {
  const actor = staff(ctx);
  let base = repo.reviewCandidates(deps.db, actor);
  if (q.unitId) {
    const ids = (await loadOrg(deps.db)).subtree(q.unitId);
    base = base.where('cases.unitId', 'in', ids.length > 0 ? ids : [-1]);
  }
  if (q.year) base = base.where('cases.closedOn', '>=', `${q.year}-01-01`).where('cases.closedOn', '<=', `${q.year}-12-31`);
  if (q.reviewed === true) base = base.where(sql<boolean>`exists (select 1 from case_file_reviews r where r.case_id = cases.id)`);
  if (q.reviewed === false) base = base.where(sql<boolean>`not exists (select 1 from case_file_reviews r where r.case_id = cases.id)`);
  const { n } = await base.clearSelect().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.orderBy('cases.closedOn', 'desc').orderBy('cases.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    items: rows.map((r) => ({
      caseId: r.caseId,
      caseNo: r.caseNo,
      title: r.title,
      caseTypeLabel: kindLabel(r.caseType),
      unitId: r.unitId,
      unitName: r.unitName,
      filedOn: r.filedOn,
      closedOn: r.closedOn ?? '',
      decisionLabel: decisionLabel(r.decision),
      reviewCount: Number(r.reviewCount),
      lastScore: r.lastScore === null ? null : Number(r.lastScore),
      lastGrade: (r.lastGrade as CaseReviewGrade | null) && r.lastGrade! in CASE_REVIEW_GRADES ? (r.lastGrade as CaseReviewGrade) : null,
      canNominate: r.decision !== null && r.decision !== 'withdrawn',
    })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
