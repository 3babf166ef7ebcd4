import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type {
  CaseFileReviewsTable,
  Database,
  ExtensionRequestsTable,
  SupervisionFlagsTable,
  SupervisionRemindersTable,
  UnitsTable,
} from '../../db/schema';

export type UnitRow = Pick<Selectable<UnitsTable>, 'id' | 'parentId' | 'name' | 'shortName' | 'kind' | 'path' | 'sort'>;
export type FlagRow = Selectable<SupervisionFlagsTable>;
export type ReminderRow = Selectable<SupervisionRemindersTable>;
export type ExtensionRequestRow = Selectable<ExtensionRequestsTable>;
export type CaseFileReviewRow = Selectable<CaseFileReviewsTable>;

/** An open or closed lead or case, as supervision sees it (the same shape for both). */
export interface RecordRef {
  entityType: 'lead' | 'case';
  id: number;
  number: string;
  title: string;
  kind: string;
  status: string;
  unitId: number;
  countyUnitId: number | null;
  receivedOn: string;
  dueOn: string | null;
  deadlineState: 'normal' | 'warning' | 'overdue' | 'paused' | null;
  closedOn: string | null;
}

/** 行政裁决 (issue 6) in the extension requests: the same shape with its own entity type. */
export type AdjudicationRef = Omit<RecordRef, 'entityType'> & { entityType: 'adjudication' };

export interface ItemFilter {
  unitIds?: number[];
  kind?: string;
  deadlineState?: 'normal' | 'warning' | 'overdue' | 'paused' | 'none';
  flagged?: boolean;
}

function leadRefs(ex: Executor) {
  return ex
    .selectFrom('leads')
    .select([
      sql.lit('lead').$castTo<'lead'>().as('entityType'),
      'leads.id', 'leads.leadNo as number', 'leads.title', 'leads.kind', 'leads.status', 'leads.unitId', 'leads.countyUnitId',
      'leads.receivedOn', 'leads.dueOn', 'leads.deadlineState', 'leads.closedOn',
    ]);
}

/** 专利侵权纠纷行政裁决 (issue 6): only its extension requests (policy adjudication.decision) go through supervision. */
function adjudicationRefs(ex: Executor) {
  return ex
    .selectFrom('adjudications')
    .select([
      sql.lit('adjudication').$castTo<'adjudication'>().as('entityType'),
      'adjudications.id', sql<string>`coalesce(adjudications.case_no, adjudications.request_no)`.as('number'),
      sql<string>`'“' || adjudications.patent_title || '”专利侵权纠纷'`.as('title'), sql<string>`'adjudication'`.as('kind'), 'adjudications.status',
      'adjudications.unitId', sql<number | null>`null`.as('countyUnitId'), 'adjudications.receivedOn', 'adjudications.dueOn', 'adjudications.deadlineState',
      'adjudications.closedOn',
    ]);
}

function caseRefs(ex: Executor) {
  return ex
    .selectFrom('cases')
    .select([
      sql.lit('case').$castTo<'case'>().as('entityType'),
      'cases.id', 'cases.caseNo as number', 'cases.title', 'cases.caseType as kind', 'cases.status', 'cases.unitId', 'cases.countyUnitId',
      'cases.filedOn as receivedOn', 'cases.dueOn', 'cases.deadlineState', 'cases.closedOn',
    ]);
}

/** Open flag of a record, for EXISTS filters. */
function openFlagExists(entityType: 'lead' | 'case', idColumn: 'leads.id' | 'cases.id') {
  return sql<boolean>`exists (select 1 from supervision_flags f where f.entity_type = ${entityType} and f.entity_id = ${sql.ref(idColumn)} and f.lifted_at is null)`;
}

/** Queries of supervision (督办), extension requests, case-file reviews. Every list and get carries the actor's scope. */
/**
 * A lead whose case is registered is handled as that case: it is not a second open item (it would count the same matter
 * twice), unless one of its own periods still runs (e.g. telling the real-name reporter, 暂行办法 第三十一条).
 */
function notHandledAsCase(eb: ExpressionBuilder<Database, 'leads'>) {
  return eb.or([eb('leads.caseId', 'is', null), eb('leads.deadlineState', 'is not', null)]);
}

export const supervisionRepository = {
  // ---------- organisation ----------

  listUnits(ex: Executor): Promise<UnitRow[]> {
    return ex.selectFrom('units').select(['id', 'parentId', 'name', 'shortName', 'kind', 'path', 'sort']).orderBy('sort').orderBy('id').execute();
  },

  // ---------- records (leads and cases) inside the actor's scope ----------

  /** An adjudication as the extension requests see it (its unit in the actor's scope). */
  adjudicationRefInScope(ex: Executor, actor: Actor, id: number): Promise<AdjudicationRef | undefined> {
    return adjudicationRefs(ex).where('adjudications.id', '=', id).where((eb) => inScope(eb, actor, 'adjudications.unitId')).executeTakeFirst();
  },

  async getRecordInScope(ex: Executor, actor: Actor, entityType: 'lead' | 'case', id: number): Promise<RecordRef | undefined> {
    if (entityType === 'lead') {
      return leadRefs(ex).where('leads.id', '=', id).where((eb) => inScope(eb, actor, 'leads.unitId')).executeTakeFirst();
    }
    return caseRefs(ex).where('cases.id', '=', id).where((eb) => inScope(eb, actor, 'cases.unitId')).executeTakeFirst();
  },

  /** Record refs by id, no scope: for rows already authorised through their own scoped query (a job, a list's page). */
  async unsafeRecordRefs(ex: Executor, refs: { entityType: string; entityId: number }[]): Promise<RecordRef[]> {
    const leadIds = [...new Set(refs.filter((r) => r.entityType === 'lead').map((r) => r.entityId))];
    const caseIds = [...new Set(refs.filter((r) => r.entityType === 'case').map((r) => r.entityId))];
    const out: RecordRef[] = [];
    if (leadIds.length > 0) out.push(...(await leadRefs(ex).where('leads.id', 'in', leadIds).execute()));
    if (caseIds.length > 0) out.push(...(await caseRefs(ex).where('cases.id', 'in', caseIds).execute()));
    return out;
  },

  /**
   * Open leads (closed_on IS NULL) of the scope, by due date (nulls last) then id: the order of the partial index
   * leads_open_due (due_on, id), so page 1 reads a few index entries even with a million rows.
   */
  async openLeads(ex: Executor, actor: Actor, f: ItemFilter, limit: number) {
    let q = leadRefs(ex).where('leads.closedOn', 'is', null).where(notHandledAsCase).where((eb) => inScope(eb, actor, 'leads.unitId'));
    if (f.unitIds) q = q.where('leads.unitId', 'in', f.unitIds.length > 0 ? f.unitIds : [-1]);
    if (f.kind) q = q.where('leads.kind', '=', f.kind as 'complaint');
    if (f.deadlineState === 'none') q = q.where('leads.deadlineState', 'is', null);
    else if (f.deadlineState) q = q.where('leads.deadlineState', '=', f.deadlineState);
    if (f.flagged === true) q = q.where(openFlagExists('lead', 'leads.id'));
    if (f.flagged === false) q = q.where(sql<boolean>`not ${openFlagExists('lead', 'leads.id')}`);
    const rows = await q.orderBy('leads.dueOn').orderBy('leads.id').limit(limit).execute();
    const { n } = await countOf(q);
    return { rows, total: n };
  },

  /** Open cases of the scope, in the order of cases_open_due / cases_unit_open_due (due_on, id). */
  async openCases(ex: Executor, actor: Actor, f: ItemFilter, limit: number) {
    let q = caseRefs(ex).where('cases.closedOn', 'is', null).where((eb) => inScope(eb, actor, 'cases.unitId'));
    if (f.unitIds) q = q.where('cases.unitId', 'in', f.unitIds.length > 0 ? f.unitIds : [-1]);
    if (f.kind) q = q.where('cases.caseType', '=', f.kind as 'other');
    if (f.deadlineState === 'none') q = q.where('cases.deadlineState', 'is', null);
    else if (f.deadlineState) q = q.where('cases.deadlineState', '=', f.deadlineState);
    if (f.flagged === true) q = q.where(openFlagExists('case', 'cases.id'));
    if (f.flagged === false) q = q.where(sql<boolean>`not ${openFlagExists('case', 'cases.id')}`);
    const rows = await q.orderBy('cases.dueOn').orderBy('cases.id').limit(limit).execute();
    const { n } = await countOf(q);
    return { rows, total: n };
  },

  /** Counts of open leads by responsible unit (county when known), kind and deadline state. Aggregated in SQL. */
  openLeadCounts(ex: Executor, actor: Actor, unitIds?: number[]) {
    let q = ex
      .selectFrom('leads')
      .where('leads.closedOn', 'is', null)
      .where(notHandledAsCase)
      .where((eb) => inScope(eb, actor, 'leads.unitId'));
    if (unitIds) q = q.where('leads.unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
    return q
      .select([
        sql<number>`coalesce(leads.county_unit_id, leads.unit_id)`.as('groupUnitId'),
        'leads.kind as kind',
        'leads.deadlineState as state',
        (eb) => eb.fn.countAll<string | number>().as('n'),
      ])
      .groupBy([sql`coalesce(leads.county_unit_id, leads.unit_id)`, 'leads.kind', 'leads.deadlineState'])
      .execute();
  },

  openCaseCounts(ex: Executor, actor: Actor, unitIds?: number[]) {
    let q = ex
      .selectFrom('cases')
      .where('cases.closedOn', 'is', null)
      .where((eb) => inScope(eb, actor, 'cases.unitId'));
    if (unitIds) q = q.where('cases.unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
    return q
      .select([
        sql<number>`coalesce(cases.county_unit_id, cases.unit_id)`.as('groupUnitId'),
        'cases.caseType as kind',
        'cases.deadlineState as state',
        (eb) => eb.fn.countAll<string | number>().as('n'),
      ])
      .groupBy([sql`coalesce(cases.county_unit_id, cases.unit_id)`, 'cases.caseType', 'cases.deadlineState'])
      .execute();
  },

  /** Open flags on open records of the scope, by responsible unit; `overdue` = past the 督办 date. */
  async openFlagCounts(ex: Executor, actor: Actor, today: string, unitIds?: number[]) {
    let leads = ex
      .selectFrom('supervisionFlags as f')
      .innerJoin('leads', (j) => j.on('f.entityType', '=', 'lead').onRef('leads.id', '=', 'f.entityId'))
      .where('f.liftedAt', 'is', null)
      .where('leads.closedOn', 'is', null)
      .where((eb) => inScope(eb, actor, 'leads.unitId'));
    if (unitIds) leads = leads.where('leads.unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
    let cases = ex
      .selectFrom('supervisionFlags as f')
      .innerJoin('cases', (j) => j.on('f.entityType', '=', 'case').onRef('cases.id', '=', 'f.entityId'))
      .where('f.liftedAt', 'is', null)
      .where('cases.closedOn', 'is', null)
      .where((eb) => inScope(eb, actor, 'cases.unitId'));
    if (unitIds) cases = cases.where('cases.unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
    const a = await leads
      .select([
        sql<number>`coalesce(leads.county_unit_id, leads.unit_id)`.as('groupUnitId'),
        (eb) => eb.fn.countAll<string | number>().as('n'),
        sql<string | number>`count(*) filter (where f.due_on < ${today})`.as('overdue'),
      ])
      .groupBy(sql`coalesce(leads.county_unit_id, leads.unit_id)`)
      .execute();
    const b = await cases
      .select([
        sql<number>`coalesce(cases.county_unit_id, cases.unit_id)`.as('groupUnitId'),
        (eb) => eb.fn.countAll<string | number>().as('n'),
        sql<string | number>`count(*) filter (where f.due_on < ${today})`.as('overdue'),
      ])
      .groupBy(sql`coalesce(cases.county_unit_id, cases.unit_id)`)
      .execute();
    return [...a, ...b];
  },

  // ---------- flags and reminders ----------

  /** Flags of records (open ones only, or all), with the names their DTO shows. No scope: the records were authorised. */
  flagsOf(ex: Executor, refs: { entityType: 'lead' | 'case'; entityId: number }[], opts: { openOnly: boolean }) {
    const leadIds = refs.filter((r) => r.entityType === 'lead').map((r) => r.entityId);
    const caseIds = refs.filter((r) => r.entityType === 'case').map((r) => r.entityId);
    if (leadIds.length === 0 && caseIds.length === 0) return Promise.resolve([]);
    let q = flagsWithNames(ex).where((eb) =>
      eb.or([
        ...(leadIds.length > 0 ? [eb.and([eb('f.entityType', '=', 'lead'), eb('f.entityId', 'in', leadIds)])] : []),
        ...(caseIds.length > 0 ? [eb.and([eb('f.entityType', '=', 'case'), eb('f.entityId', 'in', caseIds)])] : []),
      ]),
    );
    if (opts.openOnly) q = q.where('f.liftedAt', 'is', null);
    return q.orderBy('f.id', 'desc').execute();
  },

  flagById(ex: Executor, id: number, opts: { forUpdate?: boolean } = {}) {
    let q = ex.selectFrom('supervisionFlags').selectAll().where('id', '=', id);
    if (opts.forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  flagWithNames(ex: Executor, id: number) {
    return flagsWithNames(ex).where('f.id', '=', id).executeTakeFirstOrThrow();
  },

  openFlagOf(ex: Executor, entityType: 'lead' | 'case', entityId: number) {
    return ex
      .selectFrom('supervisionFlags')
      .selectAll()
      .where('entityType', '=', entityType)
      .where('entityId', '=', entityId)
      .where('liftedAt', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  },

  insertFlag(ex: Executor, row: Insertable<SupervisionFlagsTable>) {
    return ex.insertInto('supervisionFlags').values(row).returningAll().executeTakeFirstOrThrow();
  },

  liftFlag(ex: Executor, id: number, patch: { liftedAt: string; liftedBy: number; liftNote: string }) {
    return ex.updateTable('supervisionFlags').set(patch).where('id', '=', id).where('liftedAt', 'is', null).returningAll().executeTakeFirst();
  },

  /**
   * Flags past their 督办 date (due_on before today), not lifted, not yet escalated, on records still open: the
   * escalation job's work. No data scope: a job has no actor.
   */
  async unsafeFlagsToEscalate(ex: Executor, today: string, limit: number) {
    const base = ex
      .selectFrom('supervisionFlags as f')
      .leftJoin('leads', (j) => j.on('f.entityType', '=', 'lead').onRef('leads.id', '=', 'f.entityId'))
      .leftJoin('cases', (j) => j.on('f.entityType', '=', 'case').onRef('cases.id', '=', 'f.entityId'))
      .selectAll('f')
      .where('f.liftedAt', 'is', null)
      .where('f.escalatedAt', 'is', null)
      .where('f.dueOn', '<', today)
      .where((eb) =>
        eb.or([
          eb.and([eb('f.entityType', '=', 'lead'), eb('leads.id', 'is not', null), eb('leads.closedOn', 'is', null)]),
          eb.and([eb('f.entityType', '=', 'case'), eb('cases.id', 'is not', null), eb('cases.closedOn', 'is', null)]),
        ]),
      )
      .orderBy('f.id')
      .limit(limit);
    return base.forUpdate(['f']).execute();
  },

  markEscalated(ex: Executor, id: number, at: string) {
    return ex.updateTable('supervisionFlags').set({ escalatedAt: at }).where('id', '=', id).execute();
  },

  insertReminder(ex: Executor, row: Insertable<SupervisionRemindersTable>) {
    return ex.insertInto('supervisionReminders').values(row).returningAll().executeTakeFirstOrThrow();
  },

  remindersOf(ex: Executor, entityType: 'lead' | 'case', entityId: number) {
    return ex
      .selectFrom('supervisionReminders as r')
      .innerJoin('units', 'units.id', 'r.unitId')
      .leftJoin('users', 'users.id', 'r.sentBy')
      .select(['r.id', 'r.entityType', 'r.entityId', 'r.unitId', 'units.name as unitName', 'r.message', 'users.displayName as sentByName', 'r.sentAt'])
      .where('r.entityType', '=', entityType)
      .where('r.entityId', '=', entityId)
      .orderBy('r.id', 'desc')
      .execute();
  },

  /** Reminder count and last time per record, for a page of items. */
  reminderStats(ex: Executor, refs: { entityType: 'lead' | 'case'; entityId: number }[]) {
    const leadIds = refs.filter((r) => r.entityType === 'lead').map((r) => r.entityId);
    const caseIds = refs.filter((r) => r.entityType === 'case').map((r) => r.entityId);
    if (leadIds.length === 0 && caseIds.length === 0) return Promise.resolve([]);
    return ex
      .selectFrom('supervisionReminders as r')
      .select(['r.entityType', 'r.entityId', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.max('r.sentAt').as('lastAt')])
      .where((eb) =>
        eb.or([
          ...(leadIds.length > 0 ? [eb.and([eb('r.entityType', '=', 'lead'), eb('r.entityId', 'in', leadIds)])] : []),
          ...(caseIds.length > 0 ? [eb.and([eb('r.entityType', '=', 'case'), eb('r.entityId', 'in', caseIds)])] : []),
        ]),
      )
      .groupBy(['r.entityType', 'r.entityId'])
      .execute();
  },

  caseHandlerIds(ex: Executor, caseId: number) {
    return ex.selectFrom('caseHandlers').select('userId').where('caseId', '=', caseId).execute();
  },

  // ---------- deadlines and extension requests ----------

  /** A deadline with its rule, locked for the caller's transaction (requests on one deadline are serialised). */
  lockDeadline(ex: Executor, id: number) {
    return ex
      .selectFrom('deadlines')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select([
        'deadlines.id', 'deadlines.entityType', 'deadlines.entityId', 'deadlines.title', 'deadlines.unitId', 'deadlines.dueOn',
        'deadlines.completedOn', 'deadlines.state', 'deadlineRules.key as ruleKey', 'deadlineRules.name as ruleName',
      ])
      .where('deadlines.id', '=', id)
      .forUpdate(['deadlines'])
      .executeTakeFirst();
  },

  getDeadline(ex: Executor, id: number) {
    return ex
      .selectFrom('deadlines')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select([
        'deadlines.id', 'deadlines.entityType', 'deadlines.entityId', 'deadlines.title', 'deadlines.unitId', 'deadlines.dueOn',
        'deadlines.completedOn', 'deadlines.state', 'deadlineRules.key as ruleKey', 'deadlineRules.name as ruleName',
      ])
      .where('deadlines.id', '=', id)
      .executeTakeFirst();
  },

  async extensionCount(ex: Executor, deadlineId: number): Promise<number> {
    const { n } = await ex
      .selectFrom('deadlineExtensions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('deadlineId', '=', deadlineId)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  /** The amount of a deadline rule in force on a day (rule numbers are data keyed by effective date). */
  ruleInForce(ex: Executor, key: string, on: string) {
    return ex
      .selectFrom('deadlineRules')
      .select(['amount', 'unit'])
      .where('key', '=', key)
      .where('effectiveFrom', '<=', on)
      .orderBy('effectiveFrom', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },

  pendingRequestOf(ex: Executor, deadlineId: number) {
    return ex.selectFrom('extensionRequests').selectAll().where('deadlineId', '=', deadlineId).where('status', '=', 'pending').executeTakeFirst();
  },

  insertExtensionRequest(ex: Executor, row: Insertable<ExtensionRequestsTable>) {
    return ex.insertInto('extensionRequests').values(row).returningAll().executeTakeFirstOrThrow();
  },

  lockExtensionRequest(ex: Executor, id: number) {
    return ex.selectFrom('extensionRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  decideExtensionRequest(ex: Executor, id: number, version: number, patch: { status: 'approved' | 'denied'; decidedBy: number; decidedAt: string; decisionNote: string | null }) {
    return ex
      .updateTable('extensionRequests')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /**
   * Extension requests whose record (lead or case) lies inside the actor's scope, with what their DTO shows.
   * The scope is the record's current unit: a request follows its record when the record moves.
   */
  extensionRequestsInScope(ex: Executor, actor: Actor) {
    return ex
      .selectFrom('extensionRequests as r')
      .innerJoin('deadlines as d', 'd.id', 'r.deadlineId')
      .innerJoin('deadlineRules as dr', 'dr.id', 'd.ruleId')
      .innerJoin('units', 'units.id', 'r.unitId')
      .leftJoin('leads', (j) => j.on('r.entityType', '=', 'lead').onRef('leads.id', '=', 'r.entityId'))
      .leftJoin('cases', (j) => j.on('r.entityType', '=', 'case').onRef('cases.id', '=', 'r.entityId'))
      .leftJoin('adjudications', (j) => j.on('r.entityType', '=', 'adjudication').onRef('adjudications.id', '=', 'r.entityId'))
      .leftJoin('users as requester', 'requester.id', 'r.requestedBy')
      .leftJoin('users as decider', 'decider.id', 'r.decidedBy')
      .where((eb) =>
        eb.or([
          eb.and([eb('r.entityType', '=', 'lead'), inScope(eb, actor, 'leads.unitId')]),
          eb.and([eb('r.entityType', '=', 'case'), inScope(eb, actor, 'cases.unitId')]),
          eb.and([eb('r.entityType', '=', 'adjudication'), inScope(eb, actor, 'adjudications.unitId')]),
        ]),
      )
      .select([
        'r.id', 'r.deadlineId', 'r.entityType', 'r.entityId', 'r.unitId', 'r.amount', 'r.unit', 'r.reason', 'r.collective', 'r.status',
        'r.requestedBy', 'r.requestedAt', 'r.decidedBy', 'r.decidedAt', 'r.decisionNote', 'r.version',
        'd.title as deadlineTitle', 'd.dueOn', 'dr.key as ruleKey', 'dr.name as ruleName', 'units.name as unitName',
        sql<string | null>`coalesce(leads.lead_no, cases.case_no, adjudications.case_no, adjudications.request_no)`.as('entityNumber'),
        sql<string | null>`coalesce(leads.title, cases.title, '“' || adjudications.patent_title || '”专利侵权纠纷')`.as('entityTitle'),
        'requester.displayName as requestedByName', 'decider.displayName as decidedByName',
      ]);
  },

  // ---------- case-file reviews ----------

  insertReview(ex: Executor, row: Insertable<CaseFileReviewsTable>) {
    return ex.insertInto('caseFileReviews').values(row).returning('id').executeTakeFirstOrThrow();
  },

  /** Reviews whose case lies inside the actor's scope. */
  reviewsInScope(ex: Executor, actor: Actor) {
    return ex
      .selectFrom('caseFileReviews as r')
      .innerJoin('cases', 'cases.id', 'r.caseId')
      .innerJoin('units', 'units.id', 'r.unitId')
      .innerJoin('users', 'users.id', 'r.reviewerId')
      .where((eb) => inScope(eb, actor, 'cases.unitId'))
      .select([
        'r.id', 'r.caseId', 'r.unitId', 'r.reviewedOn', 'r.items', 'r.totalScore', 'r.grade', 'r.comments', 'r.createdAt',
        'cases.caseNo', 'cases.title as caseTitle', 'cases.caseType', 'units.name as unitName', 'users.displayName as reviewerName',
      ]);
  },

  /** Closed cases (结案 or 归档) of the scope, with their review count and latest review. */
  reviewCandidates(ex: Executor, actor: Actor) {
    return ex
      .selectFrom('cases')
      .innerJoin('units', 'units.id', 'cases.unitId')
      .where('cases.closedOn', 'is not', null)
      .where((eb) => inScope(eb, actor, 'cases.unitId'))
      .select([
        'cases.id as caseId', 'cases.caseNo', 'cases.title', 'cases.caseType', 'cases.unitId', 'units.name as unitName', 'cases.filedOn',
        'cases.closedOn', 'cases.decision',
        sql<string | number>`(select count(*) from case_file_reviews r where r.case_id = cases.id)`.as('reviewCount'),
        sql<string | null>`(select r.total_score from case_file_reviews r where r.case_id = cases.id order by r.id desc limit 1)`.as('lastScore'),
        sql<string | null>`(select r.grade from case_file_reviews r where r.case_id = cases.id order by r.id desc limit 1)`.as('lastGrade'),
      ]);
  },

  /** A case of the scope with what a review and a typical-case nomination need. */
  caseForReview(ex: Executor, actor: Actor, caseId: number) {
    return ex
      .selectFrom('cases')
      .innerJoin('units', 'units.id', 'cases.unitId')
      .select([
        'cases.id', 'cases.caseNo', 'cases.title', 'cases.caseType', 'cases.unitId', 'units.name as unitName', 'cases.status',
        'cases.partyKind', 'cases.partyName', 'cases.partyIdNoEnc', 'cases.partyAddress', 'cases.partyLegalRep', 'cases.filedOn',
        'cases.decision', 'cases.decisionOn', 'cases.penaltyKinds', 'cases.fineAmount', 'cases.confiscatedAmount', 'cases.closedOn',
        'cases.leadId',
      ])
      .where('cases.id', '=', caseId)
      .where((eb) => inScope(eb, actor, 'cases.unitId'))
      .executeTakeFirst();
  },

  /** Earlier nominations of a case as 典型案例 (kept in the audit log), whose article still exists. */
  typicalCaseNominations(ex: Executor, caseId: number) {
    return ex
      .selectFrom('auditLogs')
      .innerJoin('articles', (j) => j.on(sql<boolean>`articles.id::text = audit_logs.after->>'articleId'`))
      .select(['articles.id as articleId', 'articles.status', 'articles.title'])
      .where('auditLogs.entityType', '=', 'case')
      .where('auditLogs.entityId', '=', String(caseId))
      .where('auditLogs.action', '=', 'supervision.typicalCase')
      .orderBy('auditLogs.seq', 'desc')
      .execute();
  },
};

/** Total of a filtered query (ORDER BY and LIMIT stripped by wrapping). */
async function countOf(q: { clearSelect(): any }): Promise<{ n: number }> {
  const row = await (q.clearSelect() as any).select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { n: Number(row.n) };
}

function flagsWithNames(ex: Executor) {
  return ex
    .selectFrom('supervisionFlags as f')
    .innerJoin('units', 'units.id', 'f.unitId')
    .leftJoin('users as flagger', 'flagger.id', 'f.flaggedBy')
    .leftJoin('users as lifter', 'lifter.id', 'f.liftedBy')
    .select([
      'f.id', 'f.entityType', 'f.entityId', 'f.unitId', 'units.name as unitName', 'f.level', 'f.reason', 'f.dueOn', 'f.flaggedAt',
      'f.escalatedAt', 'f.liftedAt', 'f.liftNote', 'flagger.displayName as flaggedByName', 'lifter.displayName as liftedByName',
    ]);
}

export type FlagWithNames = Awaited<ReturnType<typeof supervisionRepository.flagWithNames>>;
export type ListedExtensionRequest = Awaited<ReturnType<ReturnType<typeof supervisionRepository.extensionRequestsInScope>['executeTakeFirstOrThrow']>>;
export type ListedReview = Awaited<ReturnType<ReturnType<typeof supervisionRepository.reviewsInScope>['executeTakeFirstOrThrow']>>;
export type ReviewCandidateRow = Awaited<ReturnType<ReturnType<typeof supervisionRepository.reviewCandidates>['executeTakeFirstOrThrow']>>;
export type CaseForReview = NonNullable<Awaited<ReturnType<typeof supervisionRepository.caseForReview>>>;
