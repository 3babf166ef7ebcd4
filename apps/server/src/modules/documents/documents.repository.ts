import { sql, type Selectable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { AdjudicationsTable, CasesTable, DocumentsTable, LeadsTable, MediationsTable, ServiceRecordsTable } from '../../db/schema';

export type DocumentRow = Selectable<DocumentsTable>;
export type LeadRow = Selectable<LeadsTable>;
export type CaseRow = Selectable<CasesTable>;
export type AdjudicationRow = Selectable<AdjudicationsTable>;
export type MediationRow = Selectable<MediationsTable>;
export type ServiceRecordRow = Selectable<ServiceRecordsTable>;

/** A document with the names its DTO shows. */
export type ListedDocument = DocumentRow & { fileName: string; size: number; generatedByName: string | null };

function listed(db: Executor) {
  return db
    .selectFrom('documents')
    .innerJoin('files', 'files.id', 'documents.fileId')
    .leftJoin('users', 'users.id', 'documents.generatedBy')
    .selectAll('documents')
    .select(['files.originalName as fileName', 'files.size as size', 'users.displayName as generatedByName']);
}

/**
 * Queries of the documents module. Leads, cases, adjudications, mediations, their logs and service records are read here,
 * never written (their modules own them; the one exception is the decision's 文号, written once onto cases /
 * adjudications when the decision document is first generated). Reads for a user carry the actor's scope on the owning
 * record (404 outside it): the documents of a record are reached only through the `…InScope` lookups (for adjudications
 * and mediations those of their modules, contracts.md 4 and 5). The `unsafe…`
 * reads skip the scope and serve generateDocument (whose caller has authorised the record) and the download, which
 * checks the owner after.
 */
export const documentsRepository = {
  // ---------- the owning records ----------

  leadInScope(db: Executor, actor: Actor, id: number) {
    return db.selectFrom('leads').selectAll().where('id', '=', id).where((eb) => inScope(eb, actor, 'leads.unitId')).executeTakeFirst();
  },

  caseInScope(db: Executor, actor: Actor, id: number) {
    return db.selectFrom('cases').selectAll().where('id', '=', id).where((eb) => inScope(eb, actor, 'cases.unitId')).executeTakeFirst();
  },

  /** The lead, locked for the generating transaction (the caller has authorised it), so two generations do not race. */
  unsafeLeadForUpdate(trx: Executor, id: number) {
    return trx.selectFrom('leads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  unsafeCaseForUpdate(trx: Executor, id: number) {
    return trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  unsafeCase(db: Executor, id: number) {
    return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  },

  unsafeAdjudication(db: Executor, id: number) {
    return db.selectFrom('adjudications').selectAll().where('id', '=', id).executeTakeFirst();
  },

  unsafeMediation(db: Executor, id: number) {
    return db.selectFrom('mediations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  unsafeAdjudicationForUpdate(trx: Executor, id: number) {
    return trx.selectFrom('adjudications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  unsafeMediationForUpdate(trx: Executor, id: number) {
    return trx.selectFrom('mediations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  adjudicationActions(db: Executor, adjudicationId: number) {
    return db.selectFrom('adjudicationActions').selectAll().where('adjudicationId', '=', adjudicationId).orderBy('id').execute();
  },

  /** 合议组: the chief (主审) first. */
  adjudicationPanel(db: Executor, adjudicationId: number) {
    return db
      .selectFrom('adjudicationHandlers')
      .innerJoin('users', 'users.id', 'adjudicationHandlers.userId')
      .select(['adjudicationHandlers.userId', 'adjudicationHandlers.role', 'users.displayName', 'users.lawEnforcementCertNo'])
      .where('adjudicationHandlers.adjudicationId', '=', adjudicationId)
      .orderBy(sql`case when adjudication_handlers.role = 'chief' then 0 else 1 end`)
      .orderBy('adjudicationHandlers.userId')
      .execute();
  },

  adjudicationHearings(db: Executor, adjudicationId: number) {
    return db.selectFrom('adjudicationHearings').selectAll().where('adjudicationId', '=', adjudicationId).orderBy('id').execute();
  },

  mediationActions(db: Executor, mediationId: number) {
    return db.selectFrom('mediationActions').selectAll().where('mediationId', '=', mediationId).orderBy('id').execute();
  },

  mediationParties(db: Executor, mediationId: number) {
    return db
      .selectFrom('mediationParties')
      .selectAll()
      .where('mediationId', '=', mediationId)
      .orderBy(sql`case when side = 'applicant' then 0 else 1 end`)
      .orderBy('sort')
      .orderBy('id')
      .execute();
  },

  /** The mediators of a mediation: the chief (主持调解员) first. */
  mediationMediators(db: Executor, mediationId: number) {
    return db
      .selectFrom('mediationMediators')
      .innerJoin('mediators', 'mediators.id', 'mediationMediators.mediatorId')
      .select(['mediators.id', 'mediators.name', 'mediators.kind', 'mediationMediators.role'])
      .where('mediationMediators.mediationId', '=', mediationId)
      .orderBy(sql`case when mediation_mediators.role = 'chief' then 0 else 1 end`)
      .orderBy('mediationMediators.assignedAt')
      .orderBy('mediators.id')
      .execute();
  },

  mediationSessions(db: Executor, mediationId: number) {
    return db.selectFrom('mediationSessions').select(['heldOn', 'place', 'online']).where('mediationId', '=', mediationId).orderBy('heldOn').orderBy('id').execute();
  },

  /** The case number of an adjudication (the source of a damages mediation). */
  adjudicationRef(db: Executor, id: number) {
    return db.selectFrom('adjudications').select(['caseNo', 'requestNo']).where('id', '=', id).executeTakeFirst();
  },

  /** The version of a deadline rule in force on a day (deadline_rules, keyed by effective date). */
  ruleInForce(db: Executor, key: string, on: string) {
    return db
      .selectFrom('deadlineRules')
      .select(['key', 'amount', 'unit', 'regulation', 'article', 'version', 'effectiveFrom'])
      .where('key', '=', key)
      .where('effectiveFrom', '<=', on)
      .orderBy('effectiveFrom', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },

  unsafeLead(db: Executor, id: number) {
    return db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
  },

  leadActions(db: Executor, leadId: number) {
    return db.selectFrom('leadActions').selectAll().where('leadId', '=', leadId).orderBy('id').execute();
  },

  caseActions(db: Executor, caseId: number) {
    return db.selectFrom('caseActions').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  },

  caseHandlers(db: Executor, caseId: number) {
    return db
      .selectFrom('caseHandlers')
      .innerJoin('users', 'users.id', 'caseHandlers.userId')
      .select(['caseHandlers.userId', 'caseHandlers.role', 'caseHandlers.certNo', 'users.displayName'])
      .where('caseHandlers.caseId', '=', caseId)
      .orderBy(sql`case when case_handlers.role = 'lead' then 0 else 1 end`)
      .orderBy('caseHandlers.userId')
      .execute();
  },

  caseEvidence(db: Executor, caseId: number) {
    return db.selectFrom('caseEvidence').selectAll().where('caseId', '=', caseId).orderBy('collectedOn').orderBy('id').execute();
  },

  /** Law-enforcement certificate numbers of the users who acted on a lead (its log holds names, not certificates). */
  usersCerts(db: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([] as { id: number; displayName: string; lawEnforcementCertNo: string | null }[]);
    return db.selectFrom('users').select(['id', 'displayName', 'lawEnforcementCertNo']).where('id', 'in', ids).execute();
  },

  submission(db: Executor, id: number) {
    return db
      .selectFrom('submissions')
      .select(['id', 'receiptNo', 'kind', 'createdAt', 'anonymous', 'submitterNameEnc', 'organizationName', 'submitterAddressEnc'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  serviceRecordsOf(db: Executor, entityType: string, entityId: number) {
    return db.selectFrom('serviceRecords').selectAll().where('entityType', '=', entityType).where('entityId', '=', entityId).orderBy('id').execute();
  },

  serviceRecord(db: Executor, id: number) {
    return db.selectFrom('serviceRecords').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The unit and its ancestors (from the materialised path), nearest first. */
  async unitChain(db: Executor, unitId: number) {
    const unit = await db.selectFrom('units').select(['id', 'path']).where('id', '=', unitId).executeTakeFirst();
    if (!unit) return [];
    const ids = unit.path.split('/').filter(Boolean).map(Number);
    const rows = await db.selectFrom('units').select(['id', 'name', 'kind', 'parentId', 'address', 'phone']).where('id', 'in', ids.length > 0 ? ids : [unitId]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.reverse().map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => !!r);
  },

  // ---------- documents ----------

  listOf(db: Executor, entityType: string, entityId: number): Promise<ListedDocument[]> {
    return listed(db).where('documents.entityType', '=', entityType).where('documents.entityId', '=', entityId).orderBy('documents.id', 'desc').execute();
  },

  unsafeGet(db: Executor, id: number): Promise<ListedDocument | undefined> {
    return listed(db).where('documents.id', '=', id).executeTakeFirst();
  },

  /** The current (not superseded) document of a kind; for 送达回证 the one of the given service record. */
  current(db: Executor, entityType: string, entityId: number, kind: string, serviceRecordId?: number | null) {
    let q = db
      .selectFrom('documents')
      .selectAll()
      .where('entityType', '=', entityType)
      .where('entityId', '=', entityId)
      .where('kind', '=', kind)
      .where('supersededBy', 'is', null);
    if (serviceRecordId) q = q.where(sql<string>`data->>'serviceRecordId'`, '=', String(serviceRecordId));
    return q.orderBy('id', 'desc').executeTakeFirst();
  },

  /** The latest document of a kind, current or not. */
  latest(db: Executor, entityType: string, entityId: number, kind: string) {
    return db
      .selectFrom('documents')
      .selectAll()
      .where('entityType', '=', entityType)
      .where('entityId', '=', entityId)
      .where('kind', '=', kind)
      .orderBy(sql`superseded_by is null`, 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },

  insert(trx: Executor, values: {
    entityType: string; entityId: number; unitId: number; kind: string; docNo: string | null; year: number | null; seq: number | null;
    title: string; fileId: number; data: unknown; generatedBy: number | null; generatedAt: string;
  }) {
    return trx
      .insertInto('documents')
      .values({ ...values, data: JSON.stringify(values.data), supersededBy: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  supersede(trx: Executor, oldId: number, newId: number) {
    return trx.updateTable('documents').set({ supersededBy: newId }).where('id', '=', oldId).where('supersededBy', 'is', null).executeTakeFirst();
  },

  setDocNo(trx: Executor, id: number, docNo: string) {
    return trx.updateTable('documents').set({ docNo }).where('id', '=', id).execute();
  },

  insertFile(trx: Executor, values: { sha256: string; size: number; mime: string; originalName: string; uploadedBy: number | null; createdAt: string }) {
    return trx.insertInto('files').values({ ...values, ownerType: 'document', ownerId: null }).returning('id').executeTakeFirstOrThrow();
  },

  setFileOwner(trx: Executor, fileId: number, documentId: number) {
    return trx.updateTable('files').set({ ownerType: 'document', ownerId: String(documentId) }).where('id', '=', fileId).execute();
  },

  /** adjudicationDecision: the adjudication's 裁决书文号, only when it has none yet. */
  setAdjudicationDecisionDocNo(trx: Executor, id: number, docNo: string, at: string) {
    return trx.updateTable('adjudications').set({ decisionDocNo: docNo, updatedAt: at }).where('id', '=', id).where('decisionDocNo', 'is', null).executeTakeFirst();
  },

  /** penaltyDecision: the case's 决定书文号, only when it has none yet (a re-generated decision keeps its number). */
  setDecisionDocNo(trx: Executor, caseId: number, docNo: string, at: string) {
    return trx.updateTable('cases').set({ decisionDocNo: docNo, updatedAt: at }).where('id', '=', caseId).where('decisionDocNo', 'is', null).executeTakeFirst();
  },
};
