import type { AdjudicationListQuery } from '@zhichan/shared';
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type {
  AdjudicationActionsTable,
  AdjudicationAssistsTable,
  AdjudicationFilesTable,
  AdjudicationHandlersTable,
  AdjudicationHearingsTable,
  AdjudicationPublicationsTable,
  AdjudicationsTable,
  Database,
} from '../../db/schema';

export type AdjudicationRow = Selectable<AdjudicationsTable>;
export type AdjudicationActionRow = Selectable<AdjudicationActionsTable>;
export type AdjudicationHearingRow = Selectable<AdjudicationHearingsTable>;
export type AdjudicationPublicationRow = Selectable<AdjudicationPublicationsTable>;

export interface UnitNode {
  id: number;
  parentId: number | null;
  name: string;
  kind: 'cityBureau' | 'countyBureau' | 'station' | 'department';
  path: string;
  regionCodes: string[];
}

function escapeLike(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * 三级联动 (contracts.md 4): an adjudication is visible when its unit (the deciding city bureau) is in the actor's scope,
 * or the unit that received the request is, or a unit asked to assist is.
 */
function visibleTo(eb: ExpressionBuilder<Database, 'adjudications'>, actor: Actor) {
  return eb.or([
    inScope(eb, actor, 'adjudications.unitId'),
    inScope(eb, actor, 'adjudications.receivedByUnitId'),
    eb.exists(
      eb
        .selectFrom('adjudicationAssists')
        .select('adjudicationAssists.id')
        .whereRef('adjudicationAssists.adjudicationId', '=', 'adjudications.id')
        .where((e2) => inScope(e2, actor, 'adjudicationAssists.unitId')),
    ),
  ]);
}

/**
 * The adjudication if the actor may see it (its unit, the receiving unit or an assisting unit in scope), else undefined
 * (the caller answers 404). Exported for the documents module (contracts.md 4).
 */
export async function adjudicationInScope(
  ex: Executor,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<{ id: number; unitId: number; status: string } | undefined> {
  const q = ex.selectFrom('adjudications').select(['adjudications.id', 'adjudications.unitId', 'adjudications.status']).where('adjudications.id', '=', id).where((eb) => visibleTo(eb, actor));
  return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** The adjudication if the actor may act on the case itself (its unit in scope): receiving and assisting units only read. */
export async function adjudicationActionable(
  ex: Executor,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<{ id: number; unitId: number; status: string } | undefined> {
  const q = ex.selectFrom('adjudications').select(['id', 'unitId', 'status']).where('id', '=', id).where((eb) => inScope(eb, actor, 'adjudications.unitId'));
  return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export const adjudicationRepository = {
  /** The full row if visible (三级联动), with whether the actor may act on it. */
  async getVisible(ex: Executor, actor: Actor, id: number): Promise<{ row: AdjudicationRow; actionable: boolean } | undefined> {
    const row = await ex.selectFrom('adjudications').selectAll('adjudications').where('adjudications.id', '=', id).where((eb) => visibleTo(eb, actor)).executeTakeFirst();
    if (!row) return undefined;
    const actionable = !!(await adjudicationActionable(ex, actor, id));
    return { row, actionable };
  },

  /** The full row, locked, if the actor may act on it (its unit in scope). */
  lockActionable(ex: Executor, actor: Actor, id: number) {
    return ex.selectFrom('adjudications').selectAll().where('id', '=', id).where((eb) => inScope(eb, actor, 'adjudications.unitId')).forUpdate().executeTakeFirst();
  },

  /** By id with no scope: for rows the caller has already authorised (inside its transaction). */
  unsafeGet(ex: Executor, id: number) {
    return ex.selectFrom('adjudications').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIdempotencyKey(ex: Executor, key: string) {
    return ex.selectFrom('adjudications').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
  },

  insert(ex: Executor, row: Insertable<AdjudicationsTable>) {
    return ex.insertInto('adjudications').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(ex: Executor, id: number, version: number, patch: Updateable<AdjudicationsTable>) {
    return ex.updateTable('adjudications').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  },

  // ---------- organisation ----------

  /** The unit and its ancestors, root first (from the materialised path /1/3/17/). */
  async unitChain(ex: Executor, unitId: number): Promise<UnitNode[]> {
    const u = await ex.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!u) return [];
    const ids = u.path.split('/').filter(Boolean).map(Number);
    const rows = await ex.selectFrom('units').select(['id', 'parentId', 'name', 'kind', 'path', 'regionCodes']).where('id', 'in', ids).execute();
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is UnitNode => !!r);
  },

  unit(ex: Executor, id: number) {
    return ex.selectFrom('units').select(['id', 'parentId', 'name', 'kind', 'path', 'regionCodes']).where('id', '=', id).executeTakeFirst() as Promise<UnitNode | undefined>;
  },

  /**
   * The enabled city bureau whose region list holds the city of a region code (专利法实施细则 第九十七条: the respondent's
   * city); region lists hold the city as 3709 or 370900.
   */
  cityBureauFor(ex: Executor, regionCode: string) {
    const short = regionCode.slice(0, 4);
    const long = `${short}00`;
    return ex
      .selectFrom('units')
      .select(['id', 'parentId', 'name', 'kind', 'path', 'regionCodes'])
      .where('kind', '=', 'cityBureau')
      .where('enabled', '=', true)
      .where(sql<boolean>`(${short} = any(region_codes) or ${long} = any(region_codes))`)
      .orderBy('id')
      .executeTakeFirst() as Promise<UnitNode | undefined>;
  },

  /** County bureaus and stations below a unit (the units that may be asked to assist). */
  unitsBelow(ex: Executor, path: string) {
    return ex
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'path'])
      .where('path', 'like', `${path}%`)
      .where('path', '<>', path)
      .where('kind', 'in', ['countyBureau', 'station'])
      .where('enabled', '=', true)
      .orderBy('path')
      .execute();
  },

  region(ex: Executor, code: string) {
    return ex.selectFrom('regions').select(['code', 'name', 'level', 'parentCode']).where('code', '=', code).executeTakeFirst();
  },

  /** Active staff of a unit subtree holding a permission (panel members, assist notifications). */
  staffWithPermissionUnder(ex: Executor, unitPath: string, permission: string, userIds?: number[]) {
    let q = ex
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unitId')
      .select(['u.id', 'u.displayName', 'u.unitId', 'un.name as unitName', 'u.lawEnforcementCertNo', 'un.path as unitPath'])
      .where('u.kind', '=', 'staff')
      .where('u.status', '=', 'active')
      .where('un.path', 'like', `${unitPath}%`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('userRoles as ur')
            .innerJoin('roles as r', 'r.id', 'ur.roleId')
            .select('ur.userId')
            .whereRef('ur.userId', '=', 'u.id')
            .where(sql<boolean>`${permission} = any(r.permissions)`),
        ),
      );
    if (userIds) q = q.where('u.id', 'in', userIds.length > 0 ? userIds : [-1]);
    return q.orderBy('un.path').orderBy('u.id').execute();
  },

  // ---------- parts of a case ----------

  insertAction(ex: Executor, row: Insertable<AdjudicationActionsTable>) {
    return ex.insertInto('adjudicationActions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  actions(ex: Executor, adjudicationId: number) {
    return ex.selectFrom('adjudicationActions').selectAll().where('adjudicationId', '=', adjudicationId).orderBy('id').execute();
  },

  handlers(ex: Executor, adjudicationId: number) {
    return ex
      .selectFrom('adjudicationHandlers as h')
      .innerJoin('users as u', 'u.id', 'h.userId')
      .leftJoin('units as un', 'un.id', 'u.unitId')
      .select(['h.userId', 'h.role', 'u.displayName', 'u.lawEnforcementCertNo', 'un.name as unitName'])
      .where('h.adjudicationId', '=', adjudicationId)
      .orderBy(sql`case when h.role = 'chief' then 0 else 1 end`)
      .orderBy('h.userId')
      .execute();
  },

  async replaceHandlers(ex: Executor, adjudicationId: number, rows: Omit<Insertable<AdjudicationHandlersTable>, 'adjudicationId'>[]) {
    await ex.deleteFrom('adjudicationHandlers').where('adjudicationId', '=', adjudicationId).execute();
    if (rows.length > 0) await ex.insertInto('adjudicationHandlers').values(rows.map((r) => ({ ...r, adjudicationId }))).execute();
  },

  insertFiles(ex: Executor, rows: Insertable<AdjudicationFilesTable>[]) {
    if (rows.length === 0) return Promise.resolve([]);
    return ex.insertInto('adjudicationFiles').values(rows).returningAll().execute();
  },

  files(ex: Executor, adjudicationId: number) {
    return ex
      .selectFrom('adjudicationFiles as af')
      .innerJoin('files as f', 'f.id', 'af.fileId')
      .leftJoin('users as u', 'u.id', 'af.createdBy')
      .select(['af.id', 'af.fileId', 'af.kind', 'af.party', 'af.title', 'af.createdAt', 'f.originalName', 'f.size', 'f.mime', 'u.displayName as createdByName'])
      .where('af.adjudicationId', '=', adjudicationId)
      .orderBy('af.id')
      .execute();
  },

  fileOfCase(ex: Executor, adjudicationId: number, fileId: number) {
    return ex.selectFrom('adjudicationFiles').selectAll().where('adjudicationId', '=', adjudicationId).where('fileId', '=', fileId).executeTakeFirst();
  },

  uploadedFile(ex: Executor, id: number) {
    return ex.selectFrom('files').select(['id', 'originalName', 'ownerType', 'ownerId', 'uploadedBy']).where('id', '=', id).executeTakeFirst();
  },

  fileNames(ex: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return ex.selectFrom('files').select(['id', 'originalName']).where('id', 'in', ids).execute();
  },

  setFileOwner(ex: Executor, fileId: number, adjudicationId: number) {
    return ex.updateTable('files').set({ ownerType: 'adjudication', ownerId: String(adjudicationId) }).where('id', '=', fileId).execute();
  },

  hearings(ex: Executor, adjudicationId: number) {
    return ex.selectFrom('adjudicationHearings').selectAll().where('adjudicationId', '=', adjudicationId).orderBy('id').execute();
  },

  insertHearing(ex: Executor, row: Insertable<AdjudicationHearingsTable>) {
    return ex.insertInto('adjudicationHearings').values(row).returningAll().executeTakeFirstOrThrow();
  },

  updateHearing(ex: Executor, id: number, patch: Updateable<AdjudicationHearingsTable>) {
    return ex.updateTable('adjudicationHearings').set(patch).where('id', '=', id).execute();
  },

  assists(ex: Executor, adjudicationId: number) {
    return ex
      .selectFrom('adjudicationAssists as a')
      .innerJoin('units as un', 'un.id', 'a.unitId')
      .leftJoin('users as d', 'd.id', 'a.doneBy')
      .leftJoin('users as r', 'r.id', 'a.requestedBy')
      .selectAll('a')
      .select(['un.name as unitName', 'd.displayName as doneByName', 'r.displayName as requestedByName'])
      .where('a.adjudicationId', '=', adjudicationId)
      .orderBy('a.id')
      .execute();
  },

  insertAssist(ex: Executor, row: Insertable<AdjudicationAssistsTable>) {
    return ex.insertInto('adjudicationAssists').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** An assist task whose unit is in the actor's scope, locked. */
  lockAssistInScope(ex: Executor, actor: Actor, id: number) {
    return ex.selectFrom('adjudicationAssists').selectAll().where('id', '=', id).where((eb) => inScope(eb, actor, 'adjudicationAssists.unitId')).forUpdate().executeTakeFirst();
  },

  updateAssist(ex: Executor, id: number, patch: Updateable<AdjudicationAssistsTable>) {
    return ex.updateTable('adjudicationAssists').set(patch).where('id', '=', id).execute();
  },

  /** Service records of the case (the case is authorised by the caller). */
  serviceRecords(ex: Executor, adjudicationId: number) {
    return ex
      .selectFrom('serviceRecords')
      .selectAll()
      .where('entityType', '=', 'adjudication')
      .where('entityId', '=', adjudicationId)
      .orderBy('id')
      .execute();
  },

  /** The case's deadlines with the rule's legal basis. */
  deadlines(ex: Executor, adjudicationId: number) {
    return ex
      .selectFrom('deadlines as d')
      .innerJoin('deadlineRules as r', 'r.id', 'd.ruleId')
      .select([
        'd.id', 'd.title', 'd.startOn', 'd.dueOn', 'd.state', 'd.completedOn', 'd.provisional', 'r.key as ruleKey', 'r.regulation', 'r.article',
        'r.version as ruleVersion', 'r.amount', 'r.unit',
      ])
      .where('d.entityType', '=', 'adjudication')
      .where('d.entityId', '=', String(adjudicationId))
      .orderBy('d.id')
      .execute();
  },

  openPause(ex: Executor, deadlineId: number) {
    return ex.selectFrom('deadlinePauses').selectAll().where('deadlineId', '=', deadlineId).where('untilOn', 'is', null).executeTakeFirst();
  },

  /** The versions of one deadline rule (to compute a date without opening a deadline). */
  ruleVersions(ex: Executor, key: string) {
    return ex.selectFrom('deadlineRules').selectAll().where('key', '=', key).orderBy('effectiveFrom').orderBy('id').execute();
  },

  // ---------- patents (issue 5) ----------

  patentByKey(ex: Executor, key: string) {
    return ex
      .selectFrom('patents')
      .select(['id', 'appNo', 'title', 'patentType', 'legalStatus', 'applicants', 'appDate', 'grantDate'])
      .where('patentKey', '=', key)
      .executeTakeFirst();
  },

  // ---------- lists ----------

  async list(ex: Executor, actor: Actor, q: AdjudicationListQuery) {
    let base = ex.selectFrom('adjudications').where((eb) => visibleTo(eb, actor));
    if (q.tab === 'open') base = base.where('adjudications.closedOn', 'is', null);
    else if (q.tab === 'requested') base = base.where('adjudications.status', '=', 'requested');
    else if (q.tab === 'decided') base = base.where('adjudications.status', 'in', ['decided', 'lawsuitWindow', 'inLitigation', 'effective']);
    else if (q.tab === 'closed') base = base.where('adjudications.closedOn', 'is not', null);
    if (q.status) base = base.where('adjudications.status', '=', q.status);
    if (q.deadlineState) base = base.where('adjudications.deadlineState', '=', q.deadlineState);
    if (q.mine) {
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('adjudicationHandlers as h').select('h.userId').whereRef('h.adjudicationId', '=', 'adjudications.id').where('h.userId', '=', actor.userId)),
      );
    }
    if (q.assist) {
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('adjudicationAssists as x')
            .select('x.id')
            .whereRef('x.adjudicationId', '=', 'adjudications.id')
            .where('x.status', '=', 'open')
            .where('x.unitId', '=', actor.unitId ?? -1),
        ),
      );
    }
    if (q.q) {
      const kw = q.q;
      const like = escapeLike(kw);
      base = base.where((eb) =>
        eb.or([
          eb('adjudications.requestNo', '=', kw.toUpperCase()),
          eb('adjudications.caseNo', '=', kw),
          eb('adjudications.requesterName', 'like', like),
          eb('adjudications.respondentName', 'like', like),
          eb('adjudications.patentNo', 'like', like.toUpperCase()),
          eb('adjudications.patentTitle', 'like', like),
          eb('adjudications.accusedProduct', 'like', like),
        ]),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let rows = base
      .innerJoin('units as u', 'u.id', 'adjudications.unitId')
      .innerJoin('units as ru', 'ru.id', 'adjudications.receivedByUnitId')
      .selectAll('adjudications')
      .select(['u.name as unitName', 'ru.name as receivedByUnitName'])
      .select((eb) =>
        eb
          .selectFrom('adjudicationHandlers as h')
          .innerJoin('users as hu', 'hu.id', 'h.userId')
          .select('hu.displayName')
          .whereRef('h.adjudicationId', '=', 'adjudications.id')
          .where('h.role', '=', 'chief')
          .limit(1)
          .as('chiefName'),
      )
      .select((eb) =>
        eb
          .selectFrom('adjudicationAssists as x')
          .select((e2) => e2.fn.countAll<number>().as('c'))
          .whereRef('x.adjudicationId', '=', 'adjudications.id')
          .where('x.status', '=', 'open')
          .where('x.unitId', '=', actor.unitId ?? -1)
          .as('openAssistsForMe'),
      );
    rows =
      q.tab === 'open' || q.tab === 'requested'
        ? rows.orderBy(sql`adjudications.due_on asc nulls last`).orderBy('adjudications.id', 'asc')
        : rows.orderBy('adjudications.id', 'desc');
    const items = await rows.limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { total: Number(n), items };
  },

  /** Adjudications of the actor's scope whose unit is in scope (to mark list rows actionable). */
  async actionableIds(ex: Executor, actor: Actor, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await ex.selectFrom('adjudications').select('id').where('id', 'in', ids).where((eb) => inScope(eb, actor, 'adjudications.unitId')).execute();
    return new Set(rows.map((r) => r.id));
  },

  // ---------- portal ----------

  async mine(ex: Executor, userId: number, page: number, pageSize: number) {
    const base = ex.selectFrom('adjudications').where('portalUserId', '=', userId);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { total: Number(n), items };
  },

  /** True when the file is one of the requester-side materials of an adjudication this portal user requested. */
  async requesterFileOf(ex: Executor, userId: number, adjudicationId: number, fileId: number): Promise<boolean> {
    const r = await ex
      .selectFrom('adjudicationFiles as af')
      .innerJoin('adjudications as a', 'a.id', 'af.adjudicationId')
      .select('af.id')
      .where('af.adjudicationId', '=', adjudicationId)
      .where('af.fileId', '=', fileId)
      .where('af.party', '=', 'requester')
      .where('a.portalUserId', '=', userId)
      .executeTakeFirst();
    return !!r;
  },

  mineOne(ex: Executor, userId: number, requestNo: string) {
    return ex.selectFrom('adjudications').selectAll().where('portalUserId', '=', userId).where('requestNo', '=', requestNo).executeTakeFirst();
  },

  // ---------- publications ----------

  publicationOf(ex: Executor, adjudicationId: number) {
    return ex.selectFrom('adjudicationPublications').selectAll().where('adjudicationId', '=', adjudicationId).executeTakeFirst();
  },

  insertPublication(ex: Executor, row: Insertable<AdjudicationPublicationsTable>) {
    return ex.insertInto('adjudicationPublications').values(row).returningAll().executeTakeFirstOrThrow();
  },

  updatePublication(ex: Executor, id: number, version: number, patch: Updateable<AdjudicationPublicationsTable>) {
    return ex
      .updateTable('adjudicationPublications')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  publicationsQuery(ex: Executor) {
    return ex
      .selectFrom('adjudicationPublications as p')
      .innerJoin('adjudications as a', 'a.id', 'p.adjudicationId')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .leftJoin('users as pb', 'pb.id', 'p.publishedBy')
      .selectAll('p')
      .select([
        'a.requestNo', 'a.caseNo', 'a.patentNo', 'a.patentTitle', 'a.requesterKind', 'a.requesterName', 'a.respondentKind', 'a.respondentName',
        'a.decision', 'a.decisionOn', 'u.name as unitName', 'pb.displayName as publishedByName',
      ]);
  },

  async listPublications(ex: Executor, actor: Actor, f: { status?: 'published' | 'withdrawn'; q?: string; page: number; pageSize: number }) {
    let base = ex
      .selectFrom('adjudicationPublications as p')
      .innerJoin('adjudications as a', 'a.id', 'p.adjudicationId')
      .where((eb) => inScope(eb, actor, 'p.unitId'));
    if (f.status === 'published') base = base.where('p.withdrawnOn', 'is', null);
    if (f.status === 'withdrawn') base = base.where('p.withdrawnOn', 'is not', null);
    if (f.q) {
      const like = escapeLike(f.q);
      base = base.where((eb) => eb.or([eb('p.title', 'like', like), eb('a.caseNo', 'like', like), eb('a.patentNo', 'like', like.toUpperCase()), eb('a.respondentName', 'like', like)]));
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = await base.select('p.id').orderBy('p.publishedOn', 'desc').orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    const items = ids.length === 0 ? [] : await this.publicationsQuery(ex).where('p.id', 'in', ids.map((r) => r.id)).orderBy('p.publishedOn', 'desc').orderBy('p.id', 'desc').execute();
    return { total: Number(n), items };
  },

  publicationInScope(ex: Executor, actor: Actor, id: number) {
    return this.publicationsQuery(ex).where('p.id', '=', id).where((eb) => inScope(eb, actor, 'p.unitId')).executeTakeFirst();
  },

  lockPublicationInScope(ex: Executor, actor: Actor, id: number) {
    return ex.selectFrom('adjudicationPublications').selectAll().where('id', '=', id).where((eb) => inScope(eb, actor, 'adjudicationPublications.unitId')).forUpdate().executeTakeFirst();
  },

  /** The portal's list: published up to today, not withdrawn, newest first; ?q on title, parties, patent. */
  async listPublic(ex: Executor, f: { q?: string; today: string; page: number; pageSize: number }) {
    let base = ex
      .selectFrom('adjudicationPublications as p')
      .innerJoin('adjudications as a', 'a.id', 'p.adjudicationId')
      .where('p.withdrawnOn', 'is', null)
      .where('p.publishedOn', '<=', f.today);
    if (f.q) {
      const like = escapeLike(f.q);
      // Searching the published body (already de-identified) finds the parties as published, never the hidden full name.
      base = base.where((eb) =>
        eb.or([eb('p.title', 'like', like), eb('p.body', 'like', like), eb('p.docNo', 'like', like), eb('a.patentNo', 'like', like.toUpperCase()), eb('a.patentTitle', 'like', like)]),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = await base.select('p.id').orderBy('p.publishedOn', 'desc').orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    const items = ids.length === 0 ? [] : await this.publicationsQuery(ex).where('p.id', 'in', ids.map((r) => r.id)).orderBy('p.publishedOn', 'desc').orderBy('p.id', 'desc').execute();
    return { total: Number(n), items };
  },

  getPublic(ex: Executor, id: number, today: string) {
    return this.publicationsQuery(ex).where('p.id', '=', id).where('p.withdrawnOn', 'is', null).where('p.publishedOn', '<=', today).executeTakeFirst();
  },
};

export type ListedAdjudication = Awaited<ReturnType<typeof adjudicationRepository.list>>['items'][number];
export type ListedPublication = NonNullable<Awaited<ReturnType<typeof adjudicationRepository.publicationInScope>>>;
export type AssistRow = Awaited<ReturnType<typeof adjudicationRepository.assists>>[number];
export type FileRow = Awaited<ReturnType<typeof adjudicationRepository.files>>[number];
export type HandlerRow = Awaited<ReturnType<typeof adjudicationRepository.handlers>>[number];
export type DeadlineListRow = Awaited<ReturnType<typeof adjudicationRepository.deadlines>>[number];
