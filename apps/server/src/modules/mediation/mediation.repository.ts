import type { MediationListQuery, MediatorListQuery } from '@zhichan/shared';
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type {
  Database,
  MediationActionsTable,
  MediationPartiesTable,
  MediationSessionsTable,
  MediationsTable,
  MediatorConflictsTable,
  MediatorsTable,
} from '../../db/schema';

export type MediationRow = Selectable<MediationsTable>;
export type MediationPartyRow = Selectable<MediationPartiesTable>;
export type MediationActionRow = Selectable<MediationActionsTable>;
export type MediatorRow = Selectable<MediatorsTable>;
export type MediatorConflictRow = Selectable<MediatorConflictsTable>;

/** Statuses in which a mediation is still under way for its mediators (not yet agreed, terminated, refused or closed). */
export const OPEN_MEDIATION_STATUSES = ['applied', 'mediating'] as const;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The scope of a mediation: unit_id in the actor's data scope, or — for a role with the 仅本人 scope (调解员) — a mediation
 * the actor is assigned to as a mediator (mediation_mediators → mediators.user_id). Outside: not found (404).
 */
export function mediationScope(eb: ExpressionBuilder<Database & { m: MediationsTable }, 'm'>, actor: Actor): Expression<SqlBool> {
  const s = actor.scope;
  if (s.kind === 'all') return sql<boolean>`true`;
  const byUnit = inScope(eb, actor, 'm.unitId');
  if (!s.self) return byUnit;
  const assigned = eb.exists(
    eb
      .selectFrom('mediationMediators as sm')
      .innerJoin('mediators as sr', 'sr.id', 'sm.mediatorId')
      .select(sql<number>`1`.as('one'))
      .whereRef('sm.mediationId', '=', 'm.id')
      .where('sr.userId', '=', actor.userId),
  );
  return eb.or([byUnit, assigned]);
}

/**
 * Cross-module (contracts.md 5): the mediation if the actor may see it (documents authorise against it), else undefined.
 */
export async function mediationInScope(
  ex: Executor,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<{ id: number; unitId: number; status: string } | undefined> {
  let q = ex
    .selectFrom('mediations as m')
    .select(['m.id', 'm.unitId', 'm.status'])
    .where('m.id', '=', id)
    .where((eb) => mediationScope(eb, actor));
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The units whose mediator pools an actor sees: its data scope plus the ancestors of its own unit (a county bureau uses the
 * city's 人民调解员专家库; a mediator account sees the pool of its organisation). null = every unit.
 */
export async function visiblePoolUnits(ex: Executor, actor: Actor): Promise<number[] | null> {
  if (actor.scope.kind === 'all') return null;
  const ids = new Set(actor.scope.unitIds);
  if (actor.unitId !== null) {
    const u = await ex.selectFrom('units').select('path').where('id', '=', actor.unitId).executeTakeFirst();
    for (const p of u?.path.split('/').filter(Boolean) ?? []) ids.add(Number(p));
  }
  return [...ids];
}

export const mediationRepository = {
  get(ex: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    const q = ex.selectFrom('mediations as m').selectAll('m').where('m.id', '=', id).where((eb) => mediationScope(eb, actor));
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  /** Only the mediation's unit in scope: who may register from a lead, see stats … (not the assigned-mediator path). */
  unsafeGetById(ex: Executor, id: number) {
    return ex.selectFrom('mediations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  byIdempotencyKey(ex: Executor, key: string) {
    return ex.selectFrom('mediations').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
  },

  ofPortalUser(ex: Executor, userId: number, mediationNo: string) {
    return ex.selectFrom('mediations').selectAll().where('portalUserId', '=', userId).where('mediationNo', '=', mediationNo).executeTakeFirst();
  },

  async minePage(ex: Executor, userId: number, page: number, pageSize: number) {
    const base = ex.selectFrom('mediations').where('portalUserId', '=', userId);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { total: Number(n), rows };
  },

  insert(ex: Executor, row: Insertable<MediationsTable>) {
    return ex.insertInto('mediations').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(ex: Executor, id: number, version: number, patch: Updateable<MediationsTable>) {
    return ex
      .updateTable('mediations')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  insertParties(ex: Executor, rows: Insertable<MediationPartiesTable>[]) {
    return ex.insertInto('mediationParties').values(rows).execute();
  },

  parties(ex: Executor, mediationIds: number[]) {
    if (mediationIds.length === 0) return Promise.resolve([] as MediationPartyRow[]);
    return ex.selectFrom('mediationParties').selectAll().where('mediationId', 'in', mediationIds).orderBy('mediationId').orderBy('sort').orderBy('id').execute();
  },

  insertAction(ex: Executor, row: Insertable<MediationActionsTable>) {
    return ex.insertInto('mediationActions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  actions(ex: Executor, mediationId: number) {
    return ex.selectFrom('mediationActions').selectAll().where('mediationId', '=', mediationId).orderBy('id').execute();
  },

  assignedMediators(ex: Executor, mediationId: number) {
    return ex
      .selectFrom('mediationMediators as mm')
      .innerJoin('mediators as r', 'r.id', 'mm.mediatorId')
      .select(['mm.mediatorId', 'mm.role', 'mm.assignedAt', 'r.name', 'r.kind', 'r.employer', 'r.userId'])
      .where('mm.mediationId', '=', mediationId)
      .orderBy(sql`case when mm.role = 'chief' then 0 else 1 end`)
      .orderBy('mm.assignedAt')
      .orderBy('mm.mediatorId')
      .execute();
  },

  replaceMediators(ex: Executor, mediationId: number, rows: { mediatorId: number; role: 'chief' | 'member'; assignedAt: string }[]) {
    return ex
      .deleteFrom('mediationMediators')
      .where('mediationId', '=', mediationId)
      .execute()
      .then(() => (rows.length ? ex.insertInto('mediationMediators').values(rows.map((r) => ({ ...r, mediationId }))).execute() : undefined));
  },

  insertSession(ex: Executor, row: Insertable<MediationSessionsTable>) {
    return ex.insertInto('mediationSessions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  sessions(ex: Executor, mediationId: number) {
    return ex
      .selectFrom('mediationSessions as s')
      .leftJoin('users as u', 'u.id', 's.createdBy')
      .selectAll('s')
      .select('u.displayName as createdByName')
      .where('s.mediationId', '=', mediationId)
      .orderBy('s.heldOn')
      .orderBy('s.id')
      .execute();
  },

  files(ex: Executor, mediationId: number) {
    return ex
      .selectFrom('files')
      .select(['id', 'originalName', 'size', 'mime', 'createdAt'])
      .where('ownerType', '=', 'mediation')
      .where('ownerId', '=', String(mediationId))
      .orderBy('id')
      .execute();
  },

  file(ex: Executor, id: number) {
    return ex.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  },

  setFileOwner(ex: Executor, fileId: number, mediationId: number) {
    return ex.updateTable('files').set({ ownerType: 'mediation', ownerId: String(mediationId) }).where('id', '=', fileId).execute();
  },

  /** The mediation's deadlines with the rule's legal basis. */
  deadlines(ex: Executor, mediationId: number) {
    return ex
      .selectFrom('deadlines as d')
      .innerJoin('deadlineRules as r', 'r.id', 'd.ruleId')
      .select([
        'd.id', 'd.title', 'd.startOn', 'd.dueOn', 'd.state', 'd.completedOn', 'd.provisional', 'r.key as ruleKey', 'r.regulation', 'r.article',
        'r.version as ruleVersion', 'r.amount', 'r.unit',
      ])
      .where('d.entityType', '=', 'mediation')
      .where('d.entityId', '=', String(mediationId))
      .orderBy('d.id')
      .execute();
  },

  unitName(ex: Executor, id: number) {
    return ex.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst();
  },

  /** The unit and its ancestors, root first (materialised path /1/3/17/). */
  async unitChain(ex: Executor, unitId: number) {
    const u = await ex.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!u) return [];
    const ids = u.path.split('/').filter(Boolean).map(Number);
    const rows = await ex.selectFrom('units').select(['id', 'parentId', 'name', 'kind', 'path']).where('id', 'in', ids).execute();
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is NonNullable<typeof r> => !!r);
  },

  rootUnit(ex: Executor) {
    return ex.selectFrom('units').select(['id', 'name']).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
  },

  leadInScope(ex: Executor, actor: Actor, id: number) {
    return ex.selectFrom('leads as l').select(['l.id', 'l.leadNo', 'l.kind', 'l.unitId']).where('l.id', '=', id).where((eb) => inScope(eb, actor, 'l.unitId')).executeTakeFirst();
  },

  leadNo(ex: Executor, id: number) {
    return ex.selectFrom('leads').select('leadNo').where('id', '=', id).executeTakeFirst();
  },

  adjudicationRef(ex: Executor, id: number) {
    return ex.selectFrom('adjudications').select(['id', 'requestNo', 'caseNo']).where('id', '=', id).executeTakeFirst();
  },

  /** Mediations sourced from an adjudication (its damages sub-flow), oldest first. */
  ofAdjudication(ex: Executor, adjudicationId: number) {
    return ex.selectFrom('mediations').select(['id', 'mediationNo', 'status']).where('adjudicationId', '=', adjudicationId).orderBy('id').execute();
  },

  // ---------- list ----------

  listBase(ex: Executor, actor: Actor, q: MediationListQuery) {
    let base = ex.selectFrom('mediations as m').where((eb) => mediationScope(eb, actor));
    switch (q.tab) {
      case 'open':
        base = base.where('m.closedOn', 'is', null);
        break;
      case 'pending':
        base = base.where('m.status', '=', 'applied');
        break;
      case 'mediating':
        base = base.where('m.status', '=', 'mediating');
        break;
      case 'confirmation':
        base = base.where('m.status', 'in', ['agreed', 'confirmationApplied', 'confirmed', 'confirmationRejected']);
        break;
      case 'closed':
        base = base.where('m.status', '=', 'closed');
        break;
      default:
        break;
    }
    if (q.status) base = base.where('m.status', '=', q.status);
    if (q.source) base = base.where('m.source', '=', q.source);
    if (q.ipType) base = base.where('m.ipType', '=', q.ipType);
    if (q.deadlineState) base = base.where('m.deadlineState', '=', q.deadlineState);
    if (q.mediatorId) {
      const mediatorId = q.mediatorId;
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('mediationMediators as fm').select(sql<number>`1`.as('one')).whereRef('fm.mediationId', '=', 'm.id').where('fm.mediatorId', '=', mediatorId)),
      );
    }
    if (q.q) {
      const kw = q.q;
      const like = `%${escapeLike(kw)}%`;
      base = base.where((eb) =>
        eb.or([
          eb('m.mediationNo', '=', kw),
          eb('m.courtCaseNo', '=', kw),
          eb('m.subject', 'like', like),
          eb.exists(eb.selectFrom('mediationParties as qp').select(sql<number>`1`.as('one')).whereRef('qp.mediationId', '=', 'm.id').where('qp.name', 'like', like)),
        ]),
      );
    }
    return base;
  },

  async list(ex: Executor, actor: Actor, q: MediationListQuery) {
    const base = this.listBase(ex, actor, q);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let rows = base
      .innerJoin('units as u', 'u.id', 'm.unitId')
      .selectAll('m')
      .select('u.name as unitName')
      .select((eb) =>
        eb
          .selectFrom('mediationMediators as cm')
          .innerJoin('mediators as cr', 'cr.id', 'cm.mediatorId')
          .select('cr.name')
          .whereRef('cm.mediationId', '=', 'm.id')
          .where('cm.role', '=', 'chief')
          .limit(1)
          .as('chiefMediatorName'),
      );
    rows = q.tab === 'closed'
      ? rows.orderBy('m.closedOn', 'desc').orderBy('m.id', 'desc')
      : rows.orderBy(sql`m.due_on asc nulls last`).orderBy('m.id', 'desc');
    const items = await rows.limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { total: Number(n), items };
  },

  // ---------- mediators ----------

  mediator(ex: Executor, id: number, poolUnits: number[] | null, opts: { forUpdate?: boolean } = {}) {
    let q = ex.selectFrom('mediators as r').selectAll('r').where('r.id', '=', id);
    if (poolUnits !== null) q = poolUnits.length ? q.where('r.unitId', 'in', poolUnits) : q.where(sql<boolean>`false`);
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  mediatorsByIds(ex: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([] as MediatorRow[]);
    return ex.selectFrom('mediators').selectAll().where('id', 'in', ids).execute();
  },

  async mediatorPage(ex: Executor, poolUnits: number[] | null, q: MediatorListQuery, today: string) {
    let base = ex.selectFrom('mediators as r');
    if (poolUnits !== null) base = poolUnits.length ? base.where('r.unitId', 'in', poolUnits) : base.where(sql<boolean>`false`);
    if (q.status === 'active') base = base.where('r.active', '=', true);
    else if (q.status === 'inactive') base = base.where('r.active', '=', false);
    else if (q.status === 'available') {
      base = base
        .where('r.active', '=', true)
        .where((eb) => eb.or([eb('r.available', '=', true), eb.and([eb('r.unavailableUntil', 'is not', null), eb('r.unavailableUntil', '<', today)])]));
    }
    if (q.kind) base = base.where('r.kind', '=', q.kind);
    if (q.expertise) base = base.where(sql<boolean>`${q.expertise} = any(r.expertise)`);
    if (q.q) {
      const like = `%${escapeLike(q.q)}%`;
      base = base.where((eb) =>
        eb.or([eb('r.name', 'like', like), eb('r.employer', 'like', like), sql<boolean>`array_to_string(r.technical_fields, ' ') like ${like}`]),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll('r').orderBy('r.active', 'desc').orderBy('r.name').orderBy('r.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { total: Number(n), rows };
  },

  /** Active mediators of the pools (candidates for assignment). */
  activeMediators(ex: Executor, poolUnits: number[] | null) {
    let q = ex.selectFrom('mediators as r').selectAll('r').where('r.active', '=', true);
    if (poolUnits !== null) q = poolUnits.length ? q.where('r.unitId', 'in', poolUnits) : q.where(sql<boolean>`false`);
    return q.orderBy('r.name').orderBy('r.id').execute();
  },

  conflictsOf(ex: Executor, mediatorIds: number[]) {
    if (mediatorIds.length === 0) return Promise.resolve([] as MediatorConflictRow[]);
    return ex.selectFrom('mediatorConflicts').selectAll().where('mediatorId', 'in', mediatorIds).orderBy('mediatorId').orderBy('id').execute();
  },

  /** Open mediations (applied / mediating) per mediator. */
  async openCounts(ex: Executor, mediatorIds: number[]): Promise<Map<number, number>> {
    if (mediatorIds.length === 0) return new Map();
    const rows = await ex
      .selectFrom('mediationMediators as mm')
      .innerJoin('mediations as m', 'm.id', 'mm.mediationId')
      .select(['mm.mediatorId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('mm.mediatorId', 'in', mediatorIds)
      .where('m.status', 'in', [...OPEN_MEDIATION_STATUSES])
      .groupBy('mm.mediatorId')
      .execute();
    return new Map(rows.map((r) => [r.mediatorId, Number(r.n)]));
  },

  userNames(ex: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([] as { id: number; displayName: string }[]);
    return ex.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
  },

  /** Active staff accounts holding the built-in 调解员 role, with the mediator linked to each. */
  mediatorAccounts(ex: Executor) {
    return ex
      .selectFrom('users as u')
      .innerJoin('userRoles as ur', 'ur.userId', 'u.id')
      .innerJoin('roles as ro', 'ro.id', 'ur.roleId')
      .leftJoin('units as un', 'un.id', 'u.unitId')
      .leftJoin('mediators as r', 'r.userId', 'u.id')
      .select(['u.id', 'u.displayName', 'un.name as unitName', 'r.id as linkedMediatorId'])
      .where('u.kind', '=', 'staff')
      .where('u.status', '=', 'active')
      .where('ro.code', '=', 'mediator')
      .distinct()
      .orderBy('u.displayName')
      .orderBy('u.id')
      .execute();
  },

  insertMediator(ex: Executor, row: Insertable<MediatorsTable>) {
    return ex.insertInto('mediators').values(row).returningAll().executeTakeFirstOrThrow();
  },

  updateMediator(ex: Executor, id: number, version: number, patch: Updateable<MediatorsTable>) {
    return ex
      .updateTable('mediators')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  insertConflict(ex: Executor, row: Insertable<MediatorConflictsTable>) {
    return ex.insertInto('mediatorConflicts').values(row).returningAll().executeTakeFirstOrThrow();
  },

  deleteConflict(ex: Executor, mediatorId: number, id: number) {
    return ex.deleteFrom('mediatorConflicts').where('mediatorId', '=', mediatorId).where('id', '=', id).returningAll().executeTakeFirst();
  },
};
