import { CASE_TABS, type CaseListQuery } from '@zhichan/shared';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { CaseActionsTable, CaseEvidenceTable, CaseHandlersTable, CaseMeasuresTable, CasesTable, LeadsTable } from '../../db/schema';

export type CaseRow = Selectable<CasesTable>;
export type CaseActionRow = Selectable<CaseActionsTable>;
export type CaseMeasureRow = Selectable<CaseMeasuresTable>;
export type LeadRow = Selectable<LeadsTable>;

/** Counting a list stops here: beyond it the answer says “N 条以上” (a full count of a city's million cases costs more than the page). */
export const LIST_COUNT_CAP = 10_000;

export interface ListedCase {
  id: number;
  caseNo: string;
  title: string;
  caseType: CaseRow['caseType'];
  procedure: CaseRow['procedure'];
  status: string;
  partyKind: CaseRow['partyKind'];
  partyName: string;
  unitId: number;
  unitName: string;
  filedOn: string;
  dueOn: string | null;
  deadlineState: CaseRow['deadlineState'];
  major: boolean;
  fromComplaint: boolean;
  decision: CaseRow['decision'];
  fineAmount: string | null;
  leadHandlerName: string | null;
  version: number;
}

export interface UnitNode {
  id: number;
  parentId: number | null;
  name: string;
  kind: 'cityBureau' | 'countyBureau' | 'station' | 'department';
  path: string;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const casesRepository = {
  /** A case inside the actor's data scope (404 outside). */
  getInScope(ex: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    const q = ex.selectFrom('cases as c').selectAll('c').where('c.id', '=', id).where((eb) => inScope(eb, actor, 'c.unitId'));
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  /** A lead inside the actor's data scope (the case is registered from it). */
  leadInScope(ex: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    const q = ex.selectFrom('leads as l').selectAll('l').where('l.id', '=', id).where((eb) => inScope(eb, actor, 'l.unitId'));
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  leadNo(ex: Executor, id: number) {
    return ex.selectFrom('leads').select('leadNo').where('id', '=', id).executeTakeFirst();
  },

  /** The unit and its ancestors, root first (from the materialised path /1/3/17/). */
  async unitChain(ex: Executor, unitId: number): Promise<UnitNode[]> {
    const u = await ex.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!u) return [];
    const ids = u.path.split('/').filter(Boolean).map(Number);
    const rows = await ex.selectFrom('units').select(['id', 'parentId', 'name', 'kind', 'path']).where('id', 'in', ids).execute();
    return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean) as UnitNode[];
  },

  unitName(ex: Executor, id: number) {
    return ex.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst();
  },

  regionExists(ex: Executor, code: string) {
    return ex.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
  },

  /** Staff with a 行政执法证号 in a unit subtree (path prefix), active. */
  officersUnder(ex: Executor, unitPath: string) {
    return ex
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unitId')
      .select(['u.id', 'u.displayName', 'u.unitId', 'un.name as unitName', 'u.lawEnforcementCertNo', 'un.path as unitPath'])
      .where('u.kind', '=', 'staff')
      .where('u.status', '=', 'active')
      .where('u.lawEnforcementCertNo', 'is not', null)
      .where('un.path', 'like', `${unitPath}%`)
      .orderBy('un.path')
      .orderBy('u.id')
      .execute();
  },

  usersForHandlers(ex: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return ex
      .selectFrom('users as u')
      .leftJoin('units as un', 'un.id', 'u.unitId')
      .select(['u.id', 'u.displayName', 'u.kind', 'u.status', 'u.lawEnforcementCertNo', 'un.path as unitPath', 'un.name as unitName'])
      .where('u.id', 'in', ids)
      .execute();
  },

  insertCase(ex: Executor, row: Insertable<CasesTable>) {
    return ex.insertInto('cases').values(row).returningAll().executeTakeFirstOrThrow();
  },

  updateCase(ex: Executor, id: number, version: number, patch: Updateable<CasesTable>) {
    return ex
      .updateTable('cases')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  insertHandlers(ex: Executor, rows: Insertable<CaseHandlersTable>[]) {
    return ex.insertInto('caseHandlers').values(rows).execute();
  },

  handlers(ex: Executor, caseId: number) {
    return ex
      .selectFrom('caseHandlers as h')
      .innerJoin('users as u', 'u.id', 'h.userId')
      .leftJoin('units as un', 'un.id', 'u.unitId')
      .select(['h.userId', 'h.role', 'h.certNo', 'u.displayName', 'un.name as unitName'])
      .where('h.caseId', '=', caseId)
      .orderBy(sql`case when h.role = 'lead' then 0 else 1 end`)
      .orderBy('h.userId')
      .execute();
  },

  insertAction(ex: Executor, row: Insertable<CaseActionsTable>) {
    return ex.insertInto('caseActions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  actions(ex: Executor, caseId: number) {
    return ex.selectFrom('caseActions').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  },

  insertEvidence(ex: Executor, row: Insertable<CaseEvidenceTable>) {
    return ex.insertInto('caseEvidence').values(row).returningAll().executeTakeFirstOrThrow();
  },

  evidence(ex: Executor, caseId: number) {
    return ex
      .selectFrom('caseEvidence as e')
      .leftJoin('files as f', 'f.id', 'e.fileId')
      .select(['e.id', 'e.kind', 'e.title', 'e.collectedOn', 'e.collectedBy', 'e.note', 'e.createdAt', 'e.fileId', 'f.originalName', 'f.size', 'f.mime'])
      .where('e.caseId', '=', caseId)
      .orderBy('e.id')
      .execute();
  },

  /** Takes an unowned upload of the actor for the case's evidence. */
  async claimFile(ex: Executor, fileId: number, userId: number, caseId: number): Promise<boolean> {
    const r = await ex
      .updateTable('files')
      .set({ ownerType: 'caseEvidence', ownerId: String(caseId) })
      .where('id', '=', fileId)
      .where('ownerType', 'is', null)
      .where('uploadedBy', '=', userId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  insertMeasure(ex: Executor, row: Insertable<CaseMeasuresTable>) {
    return ex.insertInto('caseMeasures').values(row).returningAll().executeTakeFirstOrThrow();
  },

  measures(ex: Executor, caseId: number) {
    return ex.selectFrom('caseMeasures').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  },

  measureForUpdate(ex: Executor, caseId: number, id: number) {
    return ex.selectFrom('caseMeasures').selectAll().where('caseId', '=', caseId).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  endMeasure(ex: Executor, id: number, version: number, patch: { endedOn: string; outcome: string }) {
    return ex
      .updateTable('caseMeasures')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('endedOn', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  /** The case's deadlines with the rule's legal basis. */
  deadlines(ex: Executor, caseId: number) {
    return ex
      .selectFrom('deadlines as d')
      .innerJoin('deadlineRules as r', 'r.id', 'd.ruleId')
      .select([
        'd.id', 'd.title', 'd.startOn', 'd.dueOn', 'd.state', 'd.completedOn', 'd.provisional', 'r.key as ruleKey', 'r.regulation', 'r.article',
        'r.version as ruleVersion', 'r.amount', 'r.unit',
      ])
      .where('d.entityType', '=', 'case')
      .where('d.entityId', '=', String(caseId))
      .orderBy('d.id')
      .execute();
  },

  pausesOf(ex: Executor, deadlineIds: number[]) {
    if (deadlineIds.length === 0) return Promise.resolve([]);
    return ex.selectFrom('deadlinePauses').selectAll().where('deadlineId', 'in', deadlineIds).orderBy('id').execute();
  },

  extensionsOf(ex: Executor, deadlineIds: number[]) {
    if (deadlineIds.length === 0) return Promise.resolve([]);
    return ex.selectFrom('deadlineExtensions').selectAll().where('deadlineId', 'in', deadlineIds).orderBy('id').execute();
  },

  /** The versions of one deadline rule (to compute a date without opening a deadline, e.g. the earliest hearing day). */
  ruleVersions(ex: Executor, key: string) {
    return ex.selectFrom('deadlineRules').selectAll().where('key', '=', key).orderBy('effectiveFrom').orderBy('id').execute();
  },

  /** The list's two queries (count base and page), built but not run: list() runs them; tests read their plans. */
  listQueries(ex: Executor, actor: Actor, q: CaseListQuery) {
    const closedTab = q.tab === 'closed';
    let base = ex.selectFrom('cases as c').where((eb) => inScope(eb, actor, 'c.unitId'));
    if (q.tab === 'open') base = base.where('c.closedOn', 'is', null);
    else if (q.tab !== 'all') {
      base = base.where('c.status', 'in', [...CASE_TABS[q.tab].statuses]);
      if (!closedTab) base = base.where('c.closedOn', 'is', null);
    }
    if (q.status) base = base.where('c.status', '=', q.status);
    if (q.caseType) base = base.where('c.caseType', '=', q.caseType);
    if (q.procedure) base = base.where('c.procedure', '=', q.procedure);
    if (q.unitId) base = base.where('c.unitId', '=', q.unitId);
    if (q.deadlineState) base = base.where('c.deadlineState', '=', q.deadlineState);
    if (q.q) {
      const kw = q.q;
      const like = `%${escapeLike(kw)}%`;
      base = base.where((eb) => eb.or([eb('c.caseNo', '=', kw), eb('c.partyName', 'like', like), eb('c.title', 'like', like)]));
    }
    let rows = base
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .select([
        'c.id', 'c.caseNo', 'c.title', 'c.caseType', 'c.procedure', 'c.status', 'c.partyKind', 'c.partyName', 'c.unitId', 'u.name as unitName',
        'c.filedOn', 'c.dueOn', 'c.deadlineState', 'c.major', 'c.fromComplaint', 'c.decision', 'c.fineAmount', 'c.version',
      ])
      .select((eb) =>
        eb
          .selectFrom('caseHandlers as h')
          .innerJoin('users as hu', 'hu.id', 'h.userId')
          .select('hu.displayName')
          .whereRef('h.caseId', '=', 'c.id')
          .where('h.role', '=', 'lead')
          .limit(1)
          .as('leadHandlerName'),
      );
    rows = closedTab
      ? rows.orderBy('c.closedOn', 'desc').orderBy('c.id', 'desc')
      : rows.orderBy(sql`c.due_on asc nulls last`).orderBy('c.id', 'asc');
    return { base, page: rows.limit(q.pageSize).offset((q.page - 1) * q.pageSize) };
  },

  /**
   * The list: the scope on the handling unit in the WHERE, the filters, sorted by the earliest due date (nulls last) then
   * id. Open tabs add `closed_on IS NULL`, so the query walks the partial indexes cases_open_due / cases_unit_open_due in
   * their own order (no function on a column in WHERE or ORDER BY). The count is capped (LIST_COUNT_CAP).
   */
  async list(ex: Executor, actor: Actor, q: CaseListQuery): Promise<{ total: number; capped: boolean; items: ListedCase[] }> {
    const { base, page } = this.listQueries(ex, actor, q);
    const counted = await ex
      .selectFrom(base.select(sql<number>`1`.as('one')).limit(LIST_COUNT_CAP + 1).as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(counted.n);
    const items = await page.execute();
    return { total: Math.min(n, LIST_COUNT_CAP), capped: n > LIST_COUNT_CAP, items: items as ListedCase[] };
  },
};
