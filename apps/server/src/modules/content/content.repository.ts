import type { ArticleKind, ArticleListQuery, ContentStatus, PublicArticleQuery } from '@zhichan/shared';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { articleQueryMatch } from './content.search';

/** Columns of list rows (no body, no bigrams). */
const LIST_COLUMNS = [
  'articles.id', 'articles.kind', 'articles.category', 'articles.title', 'articles.issuer', 'articles.documentNo', 'articles.issuedOn',
  'articles.unitId', 'articles.status', 'articles.publishAt', 'articles.publishedAt', 'articles.updatedAt', 'articles.version',
] as const;

const ARTICLE_COLUMNS = [
  ...LIST_COLUMNS, 'articles.summary', 'articles.body', 'articles.effectiveOn', 'articles.edition', 'articles.relatedArticleId',
  'articles.createdBy', 'articles.createdAt',
] as const;

export const contentRepository = {
  /** Back-office list inside the actor's data scope (articles.unit_id), newest change first. */
  async list(db: Executor, actor: Actor, q: ArticleListQuery) {
    let base = db
      .selectFrom('articles')
      .where((eb) => inScope(eb, actor, 'articles.unitId', 'articles.createdBy'));
    if (q.kind) base = base.where('articles.kind', '=', q.kind);
    if (q.category) base = base.where('articles.category', '=', q.category);
    if (q.status) base = base.where('articles.status', '=', q.status);
    if (q.keyword) {
      const keyword = q.keyword;
      base = base.where((eb) => articleQueryMatch(eb, keyword));
    }
    const [rows, count] = await Promise.all([
      base
        .innerJoin('units', 'units.id', 'articles.unitId')
        .leftJoin('users', 'users.id', 'articles.createdBy')
        .select([...LIST_COLUMNS, 'units.name as unitName', 'users.displayName as createdByName'])
        .orderBy('articles.updatedAt', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  /** One article inside the actor's scope (undefined → 404). */
  get(db: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    let q = db
      .selectFrom('articles')
      .innerJoin('units', 'units.id', 'articles.unitId')
      .leftJoin('users', 'users.id', 'articles.createdBy')
      .select([...ARTICLE_COLUMNS, 'units.name as unitName', 'users.displayName as createdByName'])
      .where('articles.id', '=', id)
      .where((eb) => inScope(eb, actor, 'articles.unitId', 'articles.createdBy'));
    if (opts.forUpdate) q = q.forUpdate('articles');
    return q.executeTakeFirst();
  },

  /** Reference (id, kind, title, status) of an article inside the actor's scope. */
  ref(db: Executor, actor: Actor, id: number) {
    return db
      .selectFrom('articles')
      .select(['id', 'kind', 'title', 'status'])
      .where('id', '=', id)
      .where((eb) => inScope(eb, actor, 'articles.unitId', 'articles.createdBy'))
      .executeTakeFirst();
  },

  /** Interpretations naming a policy, inside the actor's scope. */
  interpretationsOf(db: Executor, actor: Actor, policyId: number) {
    return db
      .selectFrom('articles')
      .select(['id', 'kind', 'title', 'status'])
      .where('relatedArticleId', '=', policyId)
      .where((eb) => inScope(eb, actor, 'articles.unitId', 'articles.createdBy'))
      .orderBy('id')
      .execute();
  },

  attachments(db: Executor, articleId: number) {
    return db
      .selectFrom('files')
      .select(['id', 'originalName', 'size', 'mime'])
      .where('ownerType', '=', 'article')
      .where('ownerId', '=', String(articleId))
      .orderBy('id')
      .execute();
  },

  actions(db: Executor, articleId: number) {
    return db.selectFrom('articleActions').selectAll().where('articleId', '=', articleId).orderBy('id').execute();
  },

  unitName(db: Executor, unitId: number) {
    return db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  },

  // ---------- public (published only; no data scope: the portal is public) ----------

  async publicList(db: Executor, q: PublicArticleQuery) {
    let base = db.selectFrom('articles').where('articles.status', '=', 'published');
    if (q.kind) base = base.where('articles.kind', '=', q.kind);
    if (q.category) base = base.where('articles.category', '=', q.category);
    if (q.keyword) {
      const keyword = q.keyword;
      base = base.where((eb) => articleQueryMatch(eb, keyword));
    }
    const [rows, count] = await Promise.all([
      base
        .select([
          'articles.id', 'articles.kind', 'articles.category', 'articles.title', 'articles.issuer', 'articles.documentNo', 'articles.issuedOn',
          'articles.publishedAt', 'articles.summary',
          // The list shows the start of the body when there is no summary; never ship whole laws to a list.
          (eb) => eb.fn<string>('substr', ['articles.body', eb.val(1), eb.val(300)]).as('bodyStart'),
          (eb) =>
            eb
              .selectFrom('files')
              .select((f) => f.fn.countAll<number>().as('n'))
              .where('files.ownerType', '=', 'article')
              .where('files.ownerId', '=', sql<string>`articles.id::text`)
              .as('attachmentCount'),
        ])
        .orderBy('articles.publishedAt', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  publicGet(db: Executor, id: number) {
    return db
      .selectFrom('articles')
      .innerJoin('units', 'units.id', 'articles.unitId')
      .select([...ARTICLE_COLUMNS, 'units.name as unitName'])
      .where('articles.id', '=', id)
      .where('articles.status', '=', 'published')
      .executeTakeFirst();
  },

  publicRefs(db: Executor, where: { id?: number; relatedTo?: number; kind: ArticleKind }) {
    let q = db
      .selectFrom('articles')
      .select(['id', 'kind', 'title', 'publishedAt'])
      .where('status', '=', 'published')
      .where('kind', '=', where.kind);
    if (where.id !== undefined) q = q.where('id', '=', where.id);
    if (where.relatedTo !== undefined) q = q.where('relatedArticleId', '=', where.relatedTo);
    return q.orderBy('publishedAt', 'desc').execute();
  },

  /** Jobs only: scheduled articles due at `now`, outside any data scope. */
  unsafeDueScheduled(db: Executor, nowIso: string) {
    return db
      .selectFrom('articles')
      .select(['id', 'version', 'publishAt'])
      .where('status', '=', 'scheduled' satisfies ContentStatus)
      .where('publishAt', '<=', nowIso)
      .orderBy('publishAt')
      .orderBy('id')
      .execute();
  },
};

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof contentRepository.get>>>;
export type ArticleListRow = Awaited<ReturnType<typeof contentRepository.list>>['rows'][number];
