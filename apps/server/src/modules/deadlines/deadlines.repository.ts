import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { DeadlineExtensionsTable, DeadlinePausesTable, DeadlineRulesTable, DeadlinesTable } from '../../db/schema';

export type DeadlineRuleRow = Selectable<DeadlineRulesTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
export type DeadlinePauseRow = Selectable<DeadlinePausesTable>;
export type DeadlineExtensionRow = Selectable<DeadlineExtensionsTable>;
export type DeadlineState = DeadlineRow['state'];

/** A deadline with what its DTO and its reminders show: the unit's name and the rule's legal basis. */
const LISTED = [
  'deadlines.id', 'deadlines.entityType', 'deadlines.entityId', 'deadlines.title', 'deadlines.unitId', 'deadlines.ruleId',
  'deadlines.startOn', 'deadlines.dueOn', 'deadlines.state', 'deadlines.provisional', 'deadlines.completedOn',
  'deadlines.notifiedState', 'deadlines.version', 'units.name as unitName', 'deadlineRules.key as ruleKey',
  'deadlineRules.name as ruleName', 'deadlineRules.regulation', 'deadlineRules.article', 'deadlineRules.version as ruleVersion',
] as const;

/** Queries of the deadline rules and deadlines. Repositories only query; the service decides. */
export const deadlinesRepository = {
  // ---------- rules ----------
  listRules(db: Executor, key?: string | string[]): Promise<DeadlineRuleRow[]> {
    let q = db.selectFrom('deadlineRules').selectAll();
    if (typeof key === 'string') q = q.where('key', '=', key);
    else if (key !== undefined) q = q.where('key', 'in', key.length > 0 ? key : ['']);
    return q.orderBy('key').orderBy('effectiveFrom').orderBy('id').execute();
  },

  findRuleVersion(db: Executor, key: string, effectiveFrom: string) {
    return db.selectFrom('deadlineRules').select('id').where('key', '=', key).where('effectiveFrom', '=', effectiveFrom).executeTakeFirst();
  },

  findRuleById(db: Executor, id: number) {
    return db.selectFrom('deadlineRules').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insertRule(db: Executor, row: Insertable<DeadlineRulesTable>) {
    return db.insertInto('deadlineRules').values(row).returningAll().executeTakeFirstOrThrow();
  },

  // ---------- deadlines ----------
  insertDeadline(db: Executor, row: Insertable<DeadlinesTable>) {
    return db.insertInto('deadlines').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Locks the row for the rest of the caller's transaction, so two changes to one deadline are serialised. */
  lockById(db: Executor, id: number) {
    return db.selectFrom('deadlines').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  updateDeadline(db: Executor, id: number, patch: Updateable<DeadlinesTable>) {
    return db
      .updateTable('deadlines')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  listPauses(db: Executor, deadlineIds: number[]): Promise<DeadlinePauseRow[]> {
    if (deadlineIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('deadlinePauses').selectAll().where('deadlineId', 'in', deadlineIds).orderBy('fromOn').orderBy('id').execute();
  },

  listExtensions(db: Executor, deadlineIds: number[]): Promise<DeadlineExtensionRow[]> {
    if (deadlineIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('deadlineExtensions').selectAll().where('deadlineId', 'in', deadlineIds).orderBy('id').execute();
  },

  insertPause(db: Executor, row: Insertable<DeadlinePausesTable>) {
    return db.insertInto('deadlinePauses').values(row).returningAll().executeTakeFirstOrThrow();
  },

  closePause(db: Executor, pauseId: number, untilOn: string) {
    return db.updateTable('deadlinePauses').set({ untilOn }).where('id', '=', pauseId).execute();
  },

  insertExtension(db: Executor, row: Insertable<DeadlineExtensionsTable>) {
    return db.insertInto('deadlineExtensions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  listOpenByEntityAndRuleKeys(db: Executor, entityType: string, entityId: string, ruleKeys: string[]) {
    if (ruleKeys.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('deadlines')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .selectAll('deadlines')
      .where('deadlines.entityType', '=', entityType)
      .where('deadlines.entityId', '=', entityId)
      .where('deadlines.completedOn', 'is', null)
      .where('deadlineRules.key', 'in', ruleKeys)
      .orderBy('deadlines.id')
      .execute();
  },

  listByEntity(db: Executor, entityType: string, entityId: string) {
    return db.selectFrom('deadlines').selectAll().where('entityType', '=', entityType).where('entityId', '=', entityId).orderBy('id').execute();
  },

  /** One page of the deadlines inside the actor's data scope: 红灯 first, then by due date. */
  async listInScope(db: Executor, actor: Actor, filter: { state?: DeadlineState; page: number; pageSize: number }) {
    let base = db
      .selectFrom('deadlines')
      .innerJoin('units', 'units.id', 'deadlines.unitId')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .where((eb) => inScope(eb, actor, 'deadlines.unitId'));
    if (filter.state) base = base.where('deadlines.state', '=', filter.state);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select(LISTED)
      .orderBy(sql`case when deadlines.state = 'overdue' then 0 else 1 end`)
      .orderBy(sql`deadlines.due_on asc nulls last`)
      .orderBy('deadlines.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  /**
   * Open deadlines after `afterId`, in id order, for the scheduled refresh. No data scope: a job has no actor
   * (DESIGN: anything that skips the scope is named unsafe… and used only by jobs and migrations).
   */
  unsafeListOpenBatch(db: Executor, afterId: number, limit: number) {
    return db
      .selectFrom('deadlines')
      .innerJoin('units', 'units.id', 'deadlines.unitId')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select(LISTED)
      .where('deadlines.completedOn', 'is', null)
      .where('deadlines.id', '>', afterId)
      .orderBy('deadlines.id')
      .limit(limit)
      .execute();
  },

  /**
   * Open deadlines whose counting may pass through [from, to] (started by `to`, not yet due before `from`):
   * those a change of the holiday calendar in that window can move. No data scope: the calendar applies to all units.
   */
  unsafeListOpenTouching(db: Executor, from: string, to: string) {
    return db
      .selectFrom('deadlines')
      .innerJoin('units', 'units.id', 'deadlines.unitId')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select(LISTED)
      .where('deadlines.completedOn', 'is', null)
      .where('deadlines.startOn', '<=', to)
      .where((eb) => eb.or([eb('deadlines.dueOn', 'is', null), eb('deadlines.dueOn', '>=', from)]))
      .orderBy('deadlines.id')
      .execute();
  },

  findUnit(db: Executor, id: number) {
    return db.selectFrom('units').select(['id', 'parentId', 'name']).where('id', '=', id).executeTakeFirst();
  },

};

export type ListedDeadline = Awaited<ReturnType<typeof deadlinesRepository.unsafeListOpenBatch>>[number];
