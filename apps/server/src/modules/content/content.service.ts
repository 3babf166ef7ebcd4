import {
  allowedContentActions,
  contentTransition,
  SEARCH_MAX_HITS,
  searchTerms,
  type ArticleActionDto,
  type ArticleActionInput,
  type ArticleDto,
  type ArticleListItemDto,
  type ArticleListQuery,
  type ContentAction,
  type ContentStatus,
  type CreateArticleInput,
  type Page,
  type PublicArticleDto,
  type PublicArticleListItemDto,
  type PublicArticleQuery,
  type SearchQuery,
  type SearchResultDto,
  type UpdateArticleInput,
} from '@zhichan/shared';
import { can, SYSTEM_CTX, unitInScope, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { sha256Hex } from '../../lib/crypto';
import { writeAudit } from '../audit/audit.service';
import { contentRepository as repo, type ArticleRow } from './content.repository';
import { articleBigrams } from './content.search';
import {
  presentAction,
  presentArticle,
  presentArticleListItem,
  presentPublicArticle,
  presentPublicListItem,
  presentPublicRef,
} from './content.presenter';
import { searchAll, searchSourceLabel } from './search-sources';

/** Name recorded on actions taken by the scheduled-publication job. */
const SYSTEM_ACTOR_NAME = '系统';

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

/** What the audit log keeps of an article: everything but the body (its hash instead) and the search index. */
function auditView(a: { body: string; searchBigrams?: unknown } & Record<string, unknown>) {
  const { body, searchBigrams: _g, ...rest } = a;
  return { ...rest, bodyLength: body.length, bodySha256: sha256Hex(body) };
}

async function loadDto(db: Executor, actor: Actor, row: ArticleRow): Promise<ArticleDto> {
  const [related, interpretations, attachments] = [
    row.relatedArticleId ? await repo.ref(db, actor, row.relatedArticleId) : undefined,
    row.kind === 'policy' ? await repo.interpretationsOf(db, actor, row.id) : [],
    await repo.attachments(db, row.id),
  ];
  return presentArticle(actor, row, { relatedArticle: related ?? null, interpretations, attachments });
}

async function mustGet(db: Executor, actor: Actor, id: number, forUpdate = false): Promise<ArticleRow> {
  const row = await repo.get(db, actor, id, { forUpdate });
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function notAllowed(status: ContentStatus, actor: Actor, action: ContentAction): AppError {
  const allowed = allowedContentActions(status, actor.permissions);
  return new AppError('ACTION_NOT_ALLOWED', {
    message: `当前状态下不允许此操作（${action}）`,
    details: { status, action, allowed },
  });
}

/** The transition for the action, or 409 (not in the table for this status) / 403 (the actor lacks a permission). */
function checkTransition(actor: Actor, status: ContentStatus, action: ContentAction) {
  const t = contentTransition(status, action);
  if (!t) throw notAllowed(status, actor, action);
  if (!t.requires.every((p) => can(actor, p))) throw new AppError('FORBIDDEN');
  return t;
}

// ---------- checks shared by create and update ----------

async function checkRelated(trx: Executor, actor: Actor, relatedArticleId: number | null, selfId?: number) {
  if (relatedArticleId === null) return;
  const ref = await repo.ref(trx, actor, relatedArticleId);
  if (!ref || ref.kind !== 'policy' || ref.id === selfId) throw fieldError('body.relatedArticleId', '关联的政策法规不存在');
}

/** Attaches the files (uploaded by this actor and not attached elsewhere, or already this article's) and detaches the rest. */
async function setAttachments(trx: Executor, actor: Actor, articleId: number, fileIds: number[]) {
  const ids = [...new Set(fileIds)];
  if (ids.length > 0) {
    const files = await trx.selectFrom('files').select(['id', 'ownerType', 'ownerId', 'uploadedBy']).where('id', 'in', ids).execute();
    const byId = new Map(files.map((f) => [f.id, f]));
    fileIds.forEach((id, i) => {
      const f = byId.get(id);
      const own = f && f.ownerType === 'article' && f.ownerId === String(articleId);
      const fresh = f && f.ownerType === null && f.uploadedBy === actor.userId;
      if (!own && !fresh) throw fieldError(`body.attachmentIds.${i}`, '附件不存在或不可使用，请重新上传');
    });
  }
  let detach = trx.updateTable('files').set({ ownerType: null, ownerId: null }).where('ownerType', '=', 'article').where('ownerId', '=', String(articleId));
  if (ids.length > 0) detach = detach.where('id', 'not in', ids);
  await detach.execute();
  if (ids.length > 0) await trx.updateTable('files').set({ ownerType: 'article', ownerId: String(articleId) }).where('id', 'in', ids).execute();
}

async function appendAction(
  trx: Executor,
  deps: Deps,
  a: { articleId: number; action: ContentAction; from: ContentStatus | null; to: ContentStatus; actor: Actor | null; note?: string | null; publishAt?: string | null },
) {
  await trx
    .insertInto('articleActions')
    .values({
      articleId: a.articleId,
      action: a.action,
      fromStatus: a.from,
      toStatus: a.to,
      actorId: a.actor?.userId ?? null,
      actorName: a.actor?.displayName ?? SYSTEM_ACTOR_NAME,
      note: a.note ?? null,
      publishAt: a.publishAt ?? null,
      at: deps.clock.now().toISOString(),
    })
    .execute();
}

// ---------- back office ----------

export async function listArticles(deps: Deps, ctx: Ctx, q: ArticleListQuery): Promise<Page<ArticleListItemDto>> {
  const actor = staff(ctx);
  const { rows, total } = await repo.list(deps.db, actor, q);
  return { items: rows.map(presentArticleListItem), total, page: q.page, pageSize: q.pageSize };
}

export async function getArticle(deps: Deps, ctx: Ctx, id: number): Promise<ArticleDto> {
  const actor = staff(ctx);
  return loadDto(deps.db, actor, await mustGet(deps.db, actor, id));
}

export async function listArticleActions(deps: Deps, ctx: Ctx, id: number): Promise<ArticleActionDto[]> {
  const actor = staff(ctx);
  await mustGet(deps.db, actor, id);
  return (await repo.actions(deps.db, id)).map(presentAction);
}

export async function createArticle(deps: Deps, ctx: Ctx, input: CreateArticleInput): Promise<ArticleDto> {
  const actor = staff(ctx);
  const unitId = input.unitId ?? actor.unitId;
  if (unitId === null || unitId === undefined || !unitInScope(actor, unitId)) throw fieldError('body.unitId', '所属机构不存在或不在您的数据权限内');
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.unitName(trx, unitId))) throw fieldError('body.unitId', '所属机构不存在或不在您的数据权限内');
    await checkRelated(trx, actor, input.relatedArticleId);
    const now = deps.clock.now().toISOString();
    const values = {
      kind: input.kind,
      category: input.category,
      title: input.title,
      summary: input.summary,
      body: input.body,
      issuer: input.issuer,
      documentNo: input.documentNo,
      issuedOn: input.issuedOn,
      effectiveOn: input.effectiveOn,
      edition: input.edition,
      relatedArticleId: input.relatedArticleId,
      unitId,
      createdBy: actor.userId,
    };
    const row = await trx
      .insertInto('articles')
      .values({ ...values, status: 'draft', searchBigrams: articleBigrams(input), createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setAttachments(trx, actor, row.id, input.attachmentIds);
    await appendAction(trx, deps, { articleId: row.id, action: 'create', from: null, to: 'draft', actor });
    await writeAudit(trx, deps.clock, ctx, { action: 'article.create', entityType: 'article', entityId: row.id, after: auditView({ ...values, attachmentIds: input.attachmentIds }) });
    return loadDto(trx, actor, await mustGet(trx, actor, row.id));
  });
}

export async function updateArticle(deps: Deps, ctx: Ctx, id: number, input: UpdateArticleInput): Promise<ArticleDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const before = await mustGet(trx, actor, id, true);
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    // Only drafts and withdrawn articles change: the public always reads a reviewed text.
    const t = checkTransition(actor, before.status, 'edit');
    const { version: _v, attachmentIds, ...changes } = input;
    const merged = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ArticleRow;
    if (before.kind === 'news' && !merged.category) throw fieldError('body.category', '请选择动态类别（维权动态或工作动态）');
    if (before.kind !== 'news' && merged.category) throw fieldError('body.category', '只有动态有类别');
    if (before.kind !== 'interpretation' && merged.relatedArticleId) throw fieldError('body.relatedArticleId', '只有政策解读可以关联政策法规');
    if (merged.issuedOn && merged.effectiveOn && merged.effectiveOn < merged.issuedOn) throw fieldError('body.effectiveOn', '施行日期不能早于发布日期');
    if (changes.relatedArticleId !== undefined) await checkRelated(trx, actor, changes.relatedArticleId, id);
    const set = {
      title: merged.title,
      category: merged.category,
      summary: merged.summary,
      body: merged.body,
      issuer: merged.issuer,
      documentNo: merged.documentNo,
      issuedOn: merged.issuedOn,
      effectiveOn: merged.effectiveOn,
      edition: merged.edition,
      relatedArticleId: merged.relatedArticleId,
    };
    await trx
      .updateTable('articles')
      .set({ ...set, searchBigrams: articleBigrams(merged), version: before.version + 1, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .execute();
    if (attachmentIds) await setAttachments(trx, actor, id, attachmentIds);
    await appendAction(trx, deps, { articleId: id, action: 'edit', from: before.status, to: t.to, actor });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'article.update',
      entityType: 'article',
      entityId: id,
      before: auditView(before),
      after: auditView({ ...set, ...(attachmentIds ? { attachmentIds } : {}) }),
    });
    return loadDto(trx, actor, await mustGet(trx, actor, id));
  });
}

/** submitReview, approve, reject, publish (now), schedule, cancelSchedule, unpublish. */
export async function actOnArticle(deps: Deps, ctx: Ctx, id: number, input: ArticleActionInput): Promise<ArticleDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const before = await mustGet(trx, actor, id, true);
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const t = checkTransition(actor, before.status, input.action);
    const now = deps.clock.now();
    let publishAt: string | null = before.publishAt;
    let publishedAt: string | null = before.publishedAt;
    if (input.action === 'schedule') {
      const at = new Date(input.publishAt!);
      if (!(at.getTime() > now.getTime())) throw fieldError('body.publishAt', '定时发布时间应晚于当前时间');
      publishAt = at.toISOString();
    } else if (input.action === 'publish') {
      publishAt = null;
      publishedAt = now.toISOString();
    } else if (input.action === 'cancelSchedule') {
      publishAt = null;
    }
    await trx
      .updateTable('articles')
      .set({ status: t.to, publishAt, publishedAt, version: before.version + 1, updatedAt: now.toISOString() })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .execute();
    await appendAction(trx, deps, {
      articleId: id,
      action: input.action,
      from: before.status,
      to: t.to,
      actor,
      note: input.note,
      publishAt: input.action === 'schedule' ? publishAt : null,
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: `article.${input.action}`,
      entityType: 'article',
      entityId: id,
      before: { status: before.status, publishAt: before.publishAt, publishedAt: before.publishedAt, version: before.version },
      after: { status: t.to, publishAt, publishedAt, note: input.note ?? null },
    });
    return loadDto(trx, actor, await mustGet(trx, actor, id));
  });
}

/**
 * The content-publish job: publishes every scheduled article whose time has come. Each article is its own
 * transaction, re-checked under the row lock, so a concurrent cancel or a second app node never publishes twice.
 */
export async function publishDueArticles(deps: Deps): Promise<{ published: number }> {
  const now = deps.clock.now();
  const due = await repo.unsafeDueScheduled(deps.db, now.toISOString());
  let published = 0;
  for (const d of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('articles').select(['id', 'status', 'publishAt', 'version']).where('id', '=', d.id).forUpdate().executeTakeFirst();
      if (!row || row.status !== 'scheduled' || !row.publishAt || new Date(row.publishAt).getTime() > now.getTime()) return false;
      const t = contentTransition('scheduled', 'publish')!;
      // The article counts as published at its scheduled time, even when the job runs a few minutes later.
      const publishedAt = row.publishAt;
      await trx
        .updateTable('articles')
        .set({ status: t.to, publishAt: null, publishedAt, version: row.version + 1, updatedAt: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      await appendAction(trx, deps, { articleId: row.id, action: 'publish', from: 'scheduled', to: t.to, actor: null, note: '定时发布' });
      await writeAudit(trx, deps.clock, SYSTEM_CTX, {
        action: 'article.publish',
        entityType: 'article',
        entityId: row.id,
        before: { status: 'scheduled', publishAt: row.publishAt, version: row.version },
        after: { status: t.to, publishedAt, by: 'content-publish' },
      });
      return true;
    });
    if (done) published++;
  }
  return { published };
}

/** registerFileOwner('article'): staff who may read content and whose scope holds the article. */
export async function staffMayReadArticleFile(deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || !can(actor, 'content.read')) return false;
  const id = Number(ownerId);
  if (!Number.isInteger(id)) return false;
  return !!(await repo.ref(deps.db, actor, id));
}

// ---------- public portal (published only) ----------

export async function listPublicArticles(deps: Deps, q: PublicArticleQuery): Promise<Page<PublicArticleListItemDto>> {
  const { rows, total } = await repo.publicList(deps.db, q);
  return { items: rows.map(presentPublicListItem), total, page: q.page, pageSize: q.pageSize };
}

export async function getPublicArticle(deps: Deps, id: number): Promise<PublicArticleDto> {
  const row = await repo.publicGet(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', { message: '内容不存在或已撤回' });
  const attachments = await repo.attachments(deps.db, id);
  const related = row.kind === 'interpretation' && row.relatedArticleId ? await repo.publicRefs(deps.db, { id: row.relatedArticleId, kind: 'policy' }) : [];
  const interpretations = row.kind === 'policy' ? await repo.publicRefs(deps.db, { relatedTo: id, kind: 'interpretation' }) : [];
  return presentPublicArticle(row, {
    attachments,
    relatedPolicy: related[0] ? presentPublicRef(related[0]) : null,
    interpretations: interpretations.map(presentPublicRef),
  });
}

/** An attachment of a published article (the public download). */
export async function getPublicAttachment(deps: Deps, articleId: number, fileId: number) {
  const article = await deps.db.selectFrom('articles').select('id').where('id', '=', articleId).where('status', '=', 'published').executeTakeFirst();
  const f = article
    ? await deps.db
        .selectFrom('files')
        .select(['id', 'sha256', 'mime', 'originalName', 'size'])
        .where('id', '=', fileId)
        .where('ownerType', '=', 'article')
        .where('ownerId', '=', String(articleId))
        .executeTakeFirst()
    : undefined;
  if (!f) throw new AppError('NOT_FOUND', { message: '附件不存在或已撤回' });
  return f;
}

export async function publicSearch(deps: Deps, q: SearchQuery): Promise<SearchResultDto> {
  const terms = searchTerms(q.q);
  const hits = await searchAll(deps.db, q.q, SEARCH_MAX_HITS);
  const start = (q.page - 1) * q.pageSize;
  return {
    items: hits.slice(start, start + q.pageSize).map((h) => ({ ...h, kindLabel: searchSourceLabel(h.kind) })),
    total: hits.length,
    page: q.page,
    pageSize: q.pageSize,
    terms,
    truncated: hits.length >= SEARCH_MAX_HITS,
  };
}
