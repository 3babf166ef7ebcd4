import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { ServiceRecordsTable } from '../../db/schema';

export type ServiceRecordRow = Selectable<ServiceRecordsTable>;

/** LIKE pattern for a user's keyword: %, _ and \ are matched literally. */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A service record with what its DTO shows: unit, creator, proof file, the announcement period and its legal basis. */
const LISTED = [
  'serviceRecords.id', 'serviceRecords.entityType', 'serviceRecords.entityId', 'serviceRecords.unitId', 'serviceRecords.documentId',
  'serviceRecords.documentTitle', 'serviceRecords.method', 'serviceRecords.recipient', 'serviceRecords.servedOn',
  'serviceRecords.announcedOn', 'serviceRecords.deemedServedOn', 'serviceRecords.trackingNo', 'serviceRecords.electronicConsent',
  'serviceRecords.proofFileId', 'serviceRecords.announcementText', 'serviceRecords.deadlineId', 'serviceRecords.note',
  'serviceRecords.createdBy', 'serviceRecords.createdAt',
  'units.name as unitName',
  'creator.displayName as createdByName',
  'proof.originalName as proofName', 'proof.size as proofSize', 'proof.mime as proofMime', 'proof.sha256 as proofSha256',
  'deadlines.dueOn as periodDueOn', 'deadlines.completedOn as periodCompletedOn', 'deadlines.provisional as periodProvisional',
  'deadlineRules.regulation as periodRegulation', 'deadlineRules.article as periodArticle', 'deadlineRules.version as periodRuleVersion',
] as const;

function withJoins(db: Executor) {
  return db
    .selectFrom('serviceRecords')
    .innerJoin('units', 'units.id', 'serviceRecords.unitId')
    .leftJoin('users as creator', 'creator.id', 'serviceRecords.createdBy')
    .leftJoin('files as proof', 'proof.id', 'serviceRecords.proofFileId')
    .leftJoin('deadlines', 'deadlines.id', 'serviceRecords.deadlineId')
    .leftJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId');
}

export type ListedServiceRecord = NonNullable<Awaited<ReturnType<typeof serviceRepository.get>>>;

/** Queries of service records (送达) and of the records they belong to. Repositories only query; the service decides. */
export const serviceRepository = {
  // ---------- back office (always inside the actor's data scope, by the record's unit) ----------

  get(db: Executor, actor: Actor, id: number) {
    return withJoins(db)
      .select(LISTED)
      .where('serviceRecords.id', '=', id)
      .where((eb) => inScope(eb, actor, 'serviceRecords.unitId'))
      .executeTakeFirst();
  },

  /** By id with no scope: the caller authorises through the record it belongs to (行政裁决: adjudicationInScope). */
  unsafeGet(db: Executor, id: number) {
    return withJoins(db).select(LISTED).where('serviceRecords.id', '=', id).executeTakeFirst();
  },

  /** A record's service records with no unit scope (the caller authorised the record). */
  unsafeListOf(db: Executor, entityType: string, entityId: number) {
    return withJoins(db)
      .select(LISTED)
      .where('serviceRecords.entityType', '=', entityType)
      .where('serviceRecords.entityId', '=', entityId)
      .orderBy('serviceRecords.id')
      .execute();
  },

  listOf(db: Executor, actor: Actor, entityType: string, entityId: number) {
    return withJoins(db)
      .select(LISTED)
      .where('serviceRecords.entityType', '=', entityType)
      .where('serviceRecords.entityId', '=', entityId)
      .where((eb) => inScope(eb, actor, 'serviceRecords.unitId'))
      .orderBy('serviceRecords.id')
      .execute();
  },

  lockInScope(db: Executor, actor: Actor, id: number) {
    return db
      .selectFrom('serviceRecords')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, actor, 'serviceRecords.unitId'))
      .forUpdate()
      .executeTakeFirst();
  },

  insert(db: Executor, row: Insertable<ServiceRecordsTable>) {
    return db.insertInto('serviceRecords').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, patch: Updateable<ServiceRecordsTable>) {
    return db.updateTable('serviceRecords').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** The lead a service is recorded for, locked, only inside the actor's scope. */
  lockLeadInScope(db: Executor, actor: Actor, id: number) {
    return db
      .selectFrom('leads')
      .select(['id', 'unitId', 'leadNo as referenceNo'])
      .where('id', '=', id)
      .where((eb) => inScope(eb, actor, 'leads.unitId'))
      .forUpdate()
      .executeTakeFirst();
  },

  /** The case a service is recorded for, locked, only inside the actor's scope. */
  lockCaseInScope(db: Executor, actor: Actor, id: number) {
    return db
      .selectFrom('cases')
      .select(['id', 'unitId', 'caseNo as referenceNo'])
      .where('id', '=', id)
      .where((eb) => inScope(eb, actor, 'cases.unitId'))
      .forUpdate()
      .executeTakeFirst();
  },

  /** The documents of a record that may be served: current versions (not superseded), inside the actor's scope. */
  documentsOf(db: Executor, actor: Actor, entityType: string, entityId: number) {
    return db
      .selectFrom('documents')
      .select(['id', 'kind', 'title', 'docNo', 'generatedAt'])
      .where('entityType', '=', entityType)
      .where('entityId', '=', entityId)
      .where('supersededBy', 'is', null)
      .where((eb) => inScope(eb, actor, 'documents.unitId'))
      .orderBy('id', 'desc')
      .execute();
  },

  findDocument(db: Executor, id: number) {
    return db.selectFrom('documents').select(['id', 'entityType', 'entityId', 'title', 'docNo']).where('id', '=', id).executeTakeFirst();
  },

  findFile(db: Executor, id: number) {
    return db.selectFrom('files').select(['id', 'ownerType', 'ownerId', 'uploadedBy']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  attachFile(db: Executor, fileId: number, serviceRecordId: number) {
    return db.updateTable('files').set({ ownerType: 'serviceRecord', ownerId: String(serviceRecordId) }).where('id', '=', fileId).execute();
  },

  // ---------- public 送达公告 (no actor: only what the announcement itself makes public) ----------

  async listPublicAnnouncements(db: Executor, filter: { q?: string; today: string; page: number; pageSize: number }) {
    let base = db
      .selectFrom('serviceRecords')
      .innerJoin('units', 'units.id', 'serviceRecords.unitId')
      .leftJoin('cases', (j) => j.onRef('cases.id', '=', 'serviceRecords.entityId').on('serviceRecords.entityType', '=', 'case'))
      .leftJoin('adjudications', (j) => j.onRef('adjudications.id', '=', 'serviceRecords.entityId').on('serviceRecords.entityType', '=', 'adjudication'))
      .leftJoin('deadlines', 'deadlines.id', 'serviceRecords.deadlineId')
      .where('serviceRecords.method', '=', 'announcement')
      .where('serviceRecords.announcedOn', '<=', filter.today);
    if (filter.q) {
      const p = likePattern(filter.q);
      base = base.where((eb) =>
        eb.or([
          eb('serviceRecords.documentTitle', 'ilike', p),
          eb('serviceRecords.announcementText', 'ilike', p),
          eb('cases.caseNo', 'ilike', p),
          eb('adjudications.caseNo', 'ilike', p),
          eb('units.name', 'ilike', p),
        ]),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select([
        'serviceRecords.id', 'serviceRecords.recipient', 'serviceRecords.documentTitle', 'serviceRecords.announcedOn',
        'serviceRecords.deemedServedOn', 'serviceRecords.announcementText', 'serviceRecords.entityType',
        'units.name as unitName', 'cases.caseNo', 'deadlines.dueOn as periodDueOn',
        'adjudications.caseNo as adjudicationCaseNo', 'adjudications.requestNo as adjudicationRequestNo', 'adjudications.respondentKind',
        'adjudications.respondentName',
      ])
      .orderBy('serviceRecords.announcedOn', 'desc')
      .orderBy('serviceRecords.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  // ---------- jobs (no actor) ----------

  /** 公告送达 whose thirty days have run by `today` and whose period is still open. */
  unsafeListAnnouncementsRun(db: Executor, today: string, limit: number) {
    return db
      .selectFrom('serviceRecords')
      .innerJoin('deadlines', 'deadlines.id', 'serviceRecords.deadlineId')
      .select(['serviceRecords.id', 'serviceRecords.deemedServedOn', 'serviceRecords.servedOn', 'deadlines.id as deadlineId', 'deadlines.dueOn'])
      .where('serviceRecords.method', '=', 'announcement')
      .where('deadlines.completedOn', 'is', null)
      .where('deadlines.dueOn', '<=', today)
      .orderBy('serviceRecords.id')
      .limit(limit)
      .forUpdate()
      .execute();
  },
};
