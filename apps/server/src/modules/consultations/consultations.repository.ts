import type { ConsultationStatus } from '@zhichan/shared';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { ConsultationActionsTable, ConsultationsTable } from '../../db/schema';

export type ConsultationRow = Selectable<ConsultationsTable>;
export type ConsultationActionRow = Selectable<ConsultationActionsTable>;

/** LIKE pattern for a user's keyword: %, _ and \ are matched literally. */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A consultation with its deadline and the names its DTOs show. */
const LISTED = [
  'consultations.id', 'consultations.consultationNo', 'consultations.ipType', 'consultations.title', 'consultations.question',
  'consultations.askerName', 'consultations.askerPhoneEnc', 'consultations.askerUserId', 'consultations.unitId',
  'consultations.status', 'consultations.answer', 'consultations.answeredBy', 'consultations.answeredAt', 'consultations.closeReason',
  'consultations.faqQuestion', 'consultations.faqAnswer', 'consultations.faqPublishedAt', 'consultations.faqUnpublishedAt',
  'consultations.version', 'consultations.createdAt',
  'units.name as unitName',
  'deadlines.dueOn as deadlineDueOn', 'deadlines.completedOn as deadlineCompletedOn', 'deadlines.state as deadlineStoredState',
  'deadlineRules.regulation as deadlineRegulation', 'deadlineRules.article as deadlineArticle', 'deadlineRules.version as deadlineRuleVersion',
  'answerer.displayName as answeredByName',
] as const;

export interface ListFilter {
  status?: ConsultationStatus;
  ipType?: string;
  keyword?: string;
  /** Live deadline colour, as dates: overdue before `today`; 黄灯 from `today` to before `warnBefore`. */
  deadline?: { state: 'normal' | 'warning' | 'overdue' | 'done'; today: string; warnBefore: string };
  page: number;
  pageSize: number;
}

function withJoins(db: Executor) {
  return db
    .selectFrom('consultations')
    .innerJoin('units', 'units.id', 'consultations.unitId')
    .leftJoin('deadlines', 'deadlines.id', 'consultations.deadlineId')
    .leftJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
    .leftJoin('users as answerer', 'answerer.id', 'consultations.answeredBy');
}

export type ListedConsultation = NonNullable<Awaited<ReturnType<typeof consultationsRepository.get>>>;

/** Queries of consultations and their action log. Repositories only query; the service decides. */
export const consultationsRepository = {
  // ---------- numbers ----------

  /**
   * The next number of the year's sequence. The upsert takes the row lock until the caller's transaction ends, so
   * concurrent submissions get consecutive numbers and a rolled-back submission does not use one up.
   */
  async nextSequence(trx: Executor, year: number): Promise<number> {
    const row = await trx
      .insertInto('consultationSequences')
      .values({ year, lastValue: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ lastValue: sql<number>`consultation_sequences.last_value + 1` }))
      .returning('lastValue')
      .executeTakeFirstOrThrow();
    return row.lastValue;
  },

  /** The root of the organisation: the city bureau answers consultations. */
  rootUnit(db: Executor) {
    return db.selectFrom('units').select(['id', 'name']).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
  },

  ipTypeLabels(db: Executor) {
    return db.selectFrom('dictItems').select(['value', 'label', 'enabled']).where('typeCode', '=', 'ipType').orderBy('sort').orderBy('id').execute();
  },

  // ---------- intake ----------

  findByIdempotencyKey(db: Executor, key: string) {
    return db.selectFrom('consultations').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
  },

  /** Submissions from one address since an instant (the per-IP rate limit counts committed rows). */
  async countFromIpSince(db: Executor, ip: string, since: string): Promise<number> {
    const { n } = await db
      .selectFrom('consultations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('createdAt', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  insert(db: Executor, row: Insertable<ConsultationsTable>) {
    return db.insertInto('consultations').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, patch: Updateable<ConsultationsTable>) {
    return db.updateTable('consultations').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  insertAction(db: Executor, row: Insertable<ConsultationActionsTable>) {
    return db.insertInto('consultationActions').values(row).returning('id').executeTakeFirstOrThrow();
  },

  listActions(db: Executor, consultationId: number) {
    return db.selectFrom('consultationActions').selectAll().where('consultationId', '=', consultationId).orderBy('id').execute();
  },

  // ---------- public reads (no actor: identified by number + lookup code, or by the portal user) ----------

  findByNo(db: Executor, consultationNo: string) {
    return withJoins(db).select([...LISTED, 'consultations.lookupCodeHash']).where('consultations.consultationNo', '=', consultationNo).executeTakeFirst();
  },

  async listOfUser(db: Executor, userId: number, page: number, pageSize: number) {
    const base = withJoins(db).where('consultations.askerUserId', '=', userId);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base.select(LISTED).orderBy('consultations.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { total: Number(n), items };
  },

  /** Published FAQ entries only (status published): what anyone may read. */
  async listFaq(db: Executor, filter: { keyword?: string; ipType?: string; page: number; pageSize: number }) {
    let base = db.selectFrom('consultations').where('status', '=', 'published');
    if (filter.ipType) base = base.where('ipType', '=', filter.ipType);
    if (filter.keyword) {
      const p = likePattern(filter.keyword);
      base = base.where((eb) => eb.or([eb('faqQuestion', 'ilike', p), eb('faqAnswer', 'ilike', p)]));
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select(['id', 'ipType', 'faqQuestion', 'faqAnswer', 'faqPublishedAt'])
      .orderBy('faqPublishedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  // ---------- back office (always inside the actor's data scope) ----------

  get(db: Executor, actor: Actor, id: number) {
    return withJoins(db)
      .select(LISTED)
      .where('consultations.id', '=', id)
      .where((eb) => inScope(eb, actor, 'consultations.unitId'))
      .executeTakeFirst();
  },

  /** Locks the row for the caller's transaction, only if inside the actor's scope (otherwise undefined → 404). */
  lockInScope(db: Executor, actor: Actor, id: number) {
    return db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, actor, 'consultations.unitId'))
      .forUpdate()
      .executeTakeFirst();
  },

  async list(db: Executor, actor: Actor, filter: ListFilter) {
    let base = withJoins(db).where((eb) => inScope(eb, actor, 'consultations.unitId'));
    if (filter.status) base = base.where('consultations.status', '=', filter.status);
    if (filter.ipType) base = base.where('consultations.ipType', '=', filter.ipType);
    if (filter.keyword) {
      const p = likePattern(filter.keyword);
      base = base.where((eb) => eb.or([eb('consultations.consultationNo', 'ilike', p), eb('consultations.title', 'ilike', p)]));
    }
    const d = filter.deadline;
    if (d) {
      if (d.state === 'done') base = base.where('deadlines.completedOn', 'is not', null);
      else {
        base = base.where('deadlines.completedOn', 'is', null).where('deadlines.dueOn', 'is not', null);
        if (d.state === 'overdue') base = base.where('deadlines.dueOn', '<', d.today);
        else if (d.state === 'warning') base = base.where('deadlines.dueOn', '>=', d.today).where('deadlines.dueOn', '<', d.warnBefore);
        else base = base.where('deadlines.dueOn', '>=', d.warnBefore);
      }
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select(LISTED)
      // Pending first, the most urgent at the top; then the rest, newest first.
      .orderBy(sql`case when consultations.status = 'pending' then 0 else 1 end`)
      .orderBy(sql`case when consultations.status = 'pending' then deadlines.due_on end asc nulls last`)
      .orderBy('consultations.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  /** The logged-in asker's account facts a published FAQ must not reveal. */
  askerAccount(db: Executor, userId: number) {
    return db.selectFrom('users').select(['displayName', 'publicKind', 'phoneEnc']).where('id', '=', userId).executeTakeFirst();
  },
};
