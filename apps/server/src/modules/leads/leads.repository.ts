import { LEAD_TABS, type LeadListQuery } from '@zhichan/shared';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { LeadActionsTable, LeadsTable, UnitsTable } from '../../db/schema';

export type LeadRow = Selectable<LeadsTable>;
export type LeadActionRow = Selectable<LeadActionsTable>;
export type UnitRow = Pick<Selectable<UnitsTable>, 'id' | 'parentId' | 'name' | 'kind' | 'regionCodes' | 'path' | 'enabled'>;

export interface ListedLead {
  id: number;
  leadNo: string;
  kind: LeadRow['kind'];
  source: LeadRow['source'];
  ipType: LeadRow['ipType'];
  title: string;
  respondentName: string;
  unitId: number;
  unitName: string;
  status: string;
  receivedOn: string;
  dueOn: string | null;
  deadlineState: LeadRow['deadlineState'];
  realName: boolean;
  version: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UNIT_COLUMNS = ['id', 'parentId', 'name', 'kind', 'regionCodes', 'path', 'enabled'] as const;

export const leadsRepository = {
  // ---------------------------------------------------------------- units (the organisation tree, read only)

  /** The unified intake unit (统一受理, 暂行办法 第三十六条): the root of the organisation, the city bureau. */
  intakeUnit(ex: Executor): Promise<UnitRow | undefined> {
    return ex.selectFrom('units').select(UNIT_COLUMNS).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
  },

  unit(ex: Executor, id: number): Promise<UnitRow | undefined> {
    return ex.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  /** Enabled county bureaus below a unit path (the city's: all of them), in the configured order. */
  countyBureausUnder(ex: Executor, path: string): Promise<UnitRow[]> {
    return ex
      .selectFrom('units')
      .select(UNIT_COLUMNS)
      .where('kind', '=', 'countyBureau')
      .where('enabled', '=', true)
      .where('path', 'like', `${escapeLike(path)}%`)
      .orderBy('sort')
      .orderBy('id')
      .execute();
  },

  /** Enabled stations directly under a county bureau. */
  stationsOf(ex: Executor, countyId: number): Promise<UnitRow[]> {
    return ex
      .selectFrom('units')
      .select(UNIT_COLUMNS)
      .where('parentId', '=', countyId)
      .where('kind', '=', 'station')
      .where('enabled', '=', true)
      .orderBy('sort')
      .orderBy('id')
      .execute();
  },

  async unitNames(ex: Executor, ids: number[]): Promise<Map<number, string>> {
    const uniq = [...new Set(ids)];
    if (uniq.length === 0) return new Map();
    const rows = await ex.selectFrom('units').select(['id', 'name']).where('id', 'in', uniq).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async regionName(ex: Executor, code: string | null): Promise<string | null> {
    if (!code) return null;
    return (await ex.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst())?.name ?? null;
  },

  async regionExists(ex: Executor, code: string): Promise<boolean> {
    return !!(await ex.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst());
  },

  async existingRegions(ex: Executor, codes: string[]): Promise<Set<string>> {
    const uniq = [...new Set(codes)];
    if (uniq.length === 0) return new Set();
    const rows = await ex.selectFrom('regions').select('code').where('code', 'in', uniq).execute();
    return new Set(rows.map((r) => r.code));
  },

  // ---------------------------------------------------------------- leads

  insertLead(ex: Executor, values: Insertable<LeadsTable>): Promise<LeadRow> {
    return ex.insertInto('leads').values(values).returningAll().executeTakeFirstOrThrow();
  },

  /** Updates the row if it still has `version`, bumping it; undefined when someone else changed it meanwhile. */
  updateLead(ex: Executor, id: number, version: number, patch: Updateable<LeadsTable>): Promise<LeadRow | undefined> {
    return ex
      .updateTable('leads')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** A lead inside the actor's data scope (by its responsible unit); undefined outside it (404, never 403). */
  getInScope(ex: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}): Promise<LeadRow | undefined> {
    const q = ex.selectFrom('leads as l').selectAll('l').where('l.id', '=', id).where((eb) => inScope(eb, actor, 'l.unitId', 'l.createdBy'));
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  /** Without scope: only for the cross-module calls whose caller has authorised the record (cases, submissions). */
  unsafeGet(ex: Executor, id: number, opts: { forUpdate?: boolean } = {}): Promise<LeadRow | undefined> {
    const q = ex.selectFrom('leads').selectAll().where('id', '=', id);
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  /** The lead of a submission, without scope (a submission has at most one lead: leads.submission_id is unique). */
  unsafeBySubmission(ex: Executor, submissionId: number): Promise<LeadRow | undefined> {
    return ex.selectFrom('leads').selectAll().where('submissionId', '=', submissionId).executeTakeFirst();
  },

  /** The lead with a source's external id, without scope: idempotency of import and transfer is global. */
  unsafeBySourceExternal(ex: Executor, source: string, externalId: string): Promise<LeadRow | undefined> {
    return ex
      .selectFrom('leads')
      .selectAll()
      .where('source', '=', source as LeadRow['source'])
      .where('externalId', '=', externalId)
      .executeTakeFirst();
  },

  async unsafeBySourceExternals(ex: Executor, pairs: { source: string; externalId: string }[]): Promise<LeadRow[]> {
    if (pairs.length === 0) return [];
    const ids = [...new Set(pairs.map((p) => p.externalId))];
    const rows = await ex.selectFrom('leads').selectAll().where('externalId', 'in', ids).execute();
    const want = new Set(pairs.map((p) => `${p.source}\u0000${p.externalId}`));
    return rows.filter((r) => want.has(`${r.source}\u0000${r.externalId}`));
  },

  /**
   * The list: scope on the responsible unit in the WHERE, filters, sorted by the earliest due date (nulls last) then id,
   * so "my unit's open items by due date" reads the leads_open_due / leads_unit indexes.
   */
  async list(ex: Executor, actor: Actor, q: LeadListQuery): Promise<{ total: number; items: ListedLead[] }> {
    let base = ex.selectFrom('leads as l').where((eb) => inScope(eb, actor, 'l.unitId', 'l.createdBy'));
    if (q.tab) base = base.where('l.status', 'in', [...LEAD_TABS[q.tab].statuses]);
    if (q.status) base = base.where('l.status', '=', q.status);
    if (q.kind) base = base.where('l.kind', '=', q.kind);
    if (q.source) base = base.where('l.source', '=', q.source);
    if (q.unitId) base = base.where('l.unitId', '=', q.unitId);
    if (q.deadlineState) base = base.where('l.deadlineState', '=', q.deadlineState);
    if (q.q) {
      const kw = q.q;
      const like = `%${escapeLike(kw)}%`;
      base = base.where((eb) => eb.or([eb('l.leadNo', '=', kw.toUpperCase()), eb('l.title', 'like', like), eb('l.respondentName', 'like', like)]));
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .innerJoin('units as u', 'u.id', 'l.unitId')
      .select([
        'l.id', 'l.leadNo', 'l.kind', 'l.source', 'l.ipType', 'l.title', 'l.respondentName', 'l.unitId', 'u.name as unitName', 'l.status',
        'l.receivedOn', 'l.dueOn', 'l.deadlineState', 'l.realName', 'l.version',
      ])
      .orderBy(sql`l.due_on ASC NULLS LAST`)
      .orderBy('l.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  /** Child leads (spawned in mediation, 暂行办法 第二十三条) inside the actor's scope. */
  children(ex: Executor, actor: Actor, parentId: number): Promise<LeadRow[]> {
    return ex
      .selectFrom('leads as l')
      .selectAll('l')
      .where('l.parentLeadId', '=', parentId)
      .where((eb) => inScope(eb, actor, 'l.unitId', 'l.createdBy'))
      .orderBy('l.id')
      .execute();
  },

  // ---------------------------------------------------------------- the action log (append-only)

  insertAction(ex: Executor, row: Insertable<LeadActionsTable>): Promise<LeadActionRow> {
    return ex.insertInto('leadActions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  actions(ex: Executor, leadId: number): Promise<LeadActionRow[]> {
    return ex.selectFrom('leadActions').selectAll().where('leadId', '=', leadId).orderBy('id').execute();
  },

  lastAction(ex: Executor, leadId: number, action: string): Promise<LeadActionRow | undefined> {
    return ex.selectFrom('leadActions').selectAll().where('leadId', '=', leadId).where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  // ---------------------------------------------------------------- deadlines of a lead, with their legal basis

  deadlines(ex: Executor, leadId: number) {
    return ex
      .selectFrom('deadlines as d')
      .innerJoin('deadlineRules as r', 'r.id', 'd.ruleId')
      .select([
        'd.id', 'd.title', 'd.startOn', 'd.dueOn', 'd.state', 'd.completedOn', 'd.provisional',
        'r.key as ruleKey', 'r.regulation', 'r.article', 'r.version as ruleVersion', 'r.trust',
      ])
      .where('d.entityType', '=', 'lead')
      .where('d.entityId', '=', String(leadId))
      .orderBy('d.id')
      .execute();
  },

  async pausesAndExtensions(ex: Executor, deadlineIds: number[]) {
    if (deadlineIds.length === 0) return { pauses: [], extensions: [] };
    const [pauses, extensions] = [
      await ex.selectFrom('deadlinePauses').selectAll().where('deadlineId', 'in', deadlineIds).orderBy('id').execute(),
      await ex.selectFrom('deadlineExtensions').selectAll().where('deadlineId', 'in', deadlineIds).orderBy('id').execute(),
    ];
    return { pauses, extensions };
  },

  // ---------------------------------------------------------------- linked records

  async submissionRef(ex: Executor, submissionId: number | null): Promise<{ id: number; receiptNo: string } | null> {
    if (!submissionId) return null;
    return (await ex.selectFrom('submissions').select(['id', 'receiptNo']).where('id', '=', submissionId).executeTakeFirst()) ?? null;
  },

  async caseRef(ex: Executor, caseId: number | null): Promise<{ id: number; caseNo: string } | null> {
    if (!caseId) return null;
    return (await ex.selectFrom('cases').select(['id', 'caseNo']).where('id', '=', caseId).executeTakeFirst()) ?? null;
  },

  userName(ex: Executor, id: number | null) {
    if (!id) return Promise.resolve(undefined);
    return ex.selectFrom('users').select(['id', 'displayName']).where('id', '=', id).executeTakeFirst();
  },
};
