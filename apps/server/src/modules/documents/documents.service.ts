import { Readable } from 'node:stream';
import {
  DOCUMENT_ENTITY_TYPES,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS_BY_ENTITY,
  DOCUMENT_NUMBER_WORDS,
  formatDocNo,
  type DocumentDto,
  type DocumentEntityType,
  type DocumentKind,
  type DocumentListDto,
  type DocumentListQuery,
  type GenerateDocumentInput,
  type Permission,
} from '@zhichan/shared';
import type { Selectable, Transaction } from 'kysely';
import { can, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import { nextRecordNumber } from '../../db/record-counters';
import type { Database, DocumentsTable } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { renderOfficialDocument } from '../../lib/docx/gbt9704';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { adjudicationActionable, adjudicationInScope } from '../adjudication/adjudication.repository';
import { mediationInScope } from '../mediation/mediation.repository';
import { loadAdjudicationContext, loadCaseContext, loadLeadContext, loadMediationContext, loadServiceRecord, type RecordContext } from './documents.data';
import { presentDocument, presentServiceRecord } from './documents.presenter';
import { documentsRepository as repo, type AdjudicationRow, type CaseRow, type LeadRow, type MediationRow, type ServiceRecordRow } from './documents.repository';
import { allowedDocumentKinds, documentAvailability, type RecordFacts } from './documents.rules';
import { renderTemplate } from './documents.templates';

export type { DocumentKind } from '@zhichan/shared';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type EntityType = DocumentEntityType;

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

// ---------- the record types (one entry each) ----------

/** A record a document belongs to, as its module's table row; every row carries its id and responsible unit. */
type AnyRow = { id: number; unitId: number };

interface GenerateHooks {
  /** The record's row, read without the scope (after the caller has checked it). */
  load(ex: Executor, id: number): Promise<AnyRow | undefined>;
  /** The record's row, locked for the generating transaction (the caller has authorised it). */
  lock(trx: Executor, id: number): Promise<AnyRow | undefined>;
  facts(ex: Executor, row: AnyRow): Promise<RecordFacts>;
  context(ex: Executor, deps: Deps, row: AnyRow, kind: DocumentKind, today: string): Promise<RecordContext>;
  /** A 文号 the record already fixes for a kind (the 调解协议书 carries the mediation's 调解案号), used before numbering one. */
  presetDocNo?(row: AnyRow, kind: DocumentKind): string | null;
  /** After the document is stored: e.g. the decision's 文号 written onto the record. Returns whether the record changed. */
  afterGenerate?(trx: Executor, row: AnyRow, kind: DocumentKind, docNo: string | null, nowIso: string): Promise<boolean>;
  /** Which personal data the context decrypted to print (listed in the audit row). */
  personalData(ctx: RecordContext): string[];
}

interface EntityDef extends GenerateHooks {
  readPermission: Permission;
  generatePermission: Permission;
  /** The record if the actor may see it (list its documents, download them); undefined otherwise (404). */
  visible(ex: Executor, actor: Actor, id: number): Promise<AnyRow | undefined>;
  /** The record if the actor may generate its documents (may be narrower than visible: an assisting unit only reads). */
  actionable(ex: Executor, actor: Actor, id: number): Promise<AnyRow | undefined>;
}

/** The forms that print a natural person's ID number (the decision must identify the party, 行政处罚法 第五十九条第（一）项). */
const PRINTS_ID_NO: readonly DocumentKind[] = ['penaltyDecision', 'filingApproval', 'adjudicationDecision', 'mediationAgreement'];

const setOf = (rows: { action: string }[]) => new Set(rows.map((a) => a.action));

const ENTITIES: Record<EntityType, EntityDef> = {
  lead: {
    readPermission: 'lead.read',
    generatePermission: 'lead.handle',
    visible: (ex, actor, id) => repo.leadInScope(ex, actor, id),
    actionable: (ex, actor, id) => repo.leadInScope(ex, actor, id),
    load: (ex, id) => repo.unsafeLead(ex, id),
    lock: (trx, id) => repo.unsafeLeadForUpdate(trx, id),
    async facts(ex, row) {
      const r = row as LeadRow;
      const [actions, services] = await Promise.all([repo.leadActions(ex, r.id), repo.serviceRecordsOf(ex, 'lead', r.id)]);
      return { entityType: 'lead', kind: r.kind, status: r.status, verificationResult: r.verificationResult, decision: r.decision, actions: setOf(actions), serviceRecordCount: services.length };
    },
    context: (ex, deps, row) => loadLeadContext(ex, deps, row as LeadRow),
    personalData: (c) => (c.entityType === 'lead' && c.informantName ? ['informantName'] : []),
  },
  case: {
    readPermission: 'case.read',
    generatePermission: 'case.handle',
    visible: (ex, actor, id) => repo.caseInScope(ex, actor, id),
    actionable: (ex, actor, id) => repo.caseInScope(ex, actor, id),
    load: (ex, id) => repo.unsafeCase(ex, id),
    lock: (trx, id) => repo.unsafeCaseForUpdate(trx, id),
    async facts(ex, row) {
      const r = row as CaseRow;
      const [actions, services] = await Promise.all([repo.caseActions(ex, r.id), repo.serviceRecordsOf(ex, 'case', r.id)]);
      return { entityType: 'case', status: r.status, procedure: r.procedure, decision: r.decision, actions: setOf(actions), serviceRecordCount: services.length };
    },
    context: (ex, deps, row, kind) => loadCaseContext(ex, deps, row as CaseRow, { withIdNo: PRINTS_ID_NO.includes(kind) }),
    async afterGenerate(trx, row, kind, docNo, nowIso) {
      // 决定书文号 on the case (for publication and the lists); never overwritten, so a re-generated decision keeps it.
      if (kind !== 'penaltyDecision' || !docNo) return false;
      return Number((await repo.setDecisionDocNo(trx, row.id, docNo, nowIso)).numUpdatedRows) > 0;
    },
    personalData: (c) => (c.entityType === 'case' && c.partyIdNo ? ['partyIdNo'] : []),
  },
  adjudication: {
    readPermission: 'adjudication.read',
    generatePermission: 'adjudication.handle',
    // 三级联动 (contracts.md 4): the receiving and assisting units read the case; only the case's own unit generates.
    visible: (ex, actor, id) => adjudicationInScope(ex, actor, id),
    actionable: (ex, actor, id) => adjudicationActionable(ex, actor, id),
    load: (ex, id) => repo.unsafeAdjudication(ex, id),
    lock: (trx, id) => repo.unsafeAdjudicationForUpdate(trx, id),
    async facts(ex, row) {
      const r = row as AdjudicationRow;
      const [actions, services, hearings] = await Promise.all([
        repo.adjudicationActions(ex, r.id),
        repo.serviceRecordsOf(ex, 'adjudication', r.id),
        repo.adjudicationHearings(ex, r.id),
      ]);
      return {
        entityType: 'adjudication',
        status: r.status,
        decision: r.decision,
        actions: setOf(actions),
        scheduledHearingCount: hearings.filter((h) => h.status === 'scheduled').length,
        serviceRecordCount: services.length,
      };
    },
    context: (ex, deps, row, kind, today) => loadAdjudicationContext(ex, deps, row as AdjudicationRow, { withIdNo: PRINTS_ID_NO.includes(kind), today }),
    // A 文号 the adjudication module already recorded for the decision is the decision's number.
    presetDocNo: (row, kind) => (kind === 'adjudicationDecision' ? (row as AdjudicationRow).decisionDocNo : null),
    async afterGenerate(trx, row, kind, docNo, nowIso) {
      if (kind !== 'adjudicationDecision' || !docNo) return false;
      return Number((await repo.setAdjudicationDecisionDocNo(trx, row.id, docNo, nowIso)).numUpdatedRows) > 0;
    },
    personalData: (c) => (c.entityType === 'adjudication' && c.requesterIdNo ? ['requesterIdNo'] : []),
  },
  mediation: {
    readPermission: 'mediation.read',
    generatePermission: 'mediation.handle',
    // contracts.md 5: the mediation's unit in scope, or the actor is an assigned mediator's account (仅本人).
    visible: (ex, actor, id) => mediationInScope(ex, actor, id),
    actionable: (ex, actor, id) => mediationInScope(ex, actor, id),
    load: (ex, id) => repo.unsafeMediation(ex, id),
    lock: (trx, id) => repo.unsafeMediationForUpdate(trx, id),
    async facts(_ex, row) {
      const r = row as MediationRow;
      return { entityType: 'mediation', status: r.status, agreementForm: r.agreementForm, agreementTerms: r.agreementTerms };
    },
    context: (ex, deps, row, kind, today) => loadMediationContext(ex, deps, row as MediationRow, { withIdNo: PRINTS_ID_NO.includes(kind), today }),
    // The 调解协议书 carries the mediation's 调解案号 (泰市监知调〔2026〕5号), numbered with 知调 when the mediation was registered.
    presetDocNo: (row, kind) => (kind === 'mediationAgreement' ? (row as MediationRow).mediationNo : null),
    personalData: (c) => (c.entityType === 'mediation' && c.parties.some((p) => p.idNo) ? ['partyIdNo'] : []),
  },
};

/** 泰市监知调〔2026〕5号 → year 2026, seq 5 (null when the number is not in that form). */
function yearSeqOf(docNo: string): { year: number | null; seq: number | null } {
  const m = /〔(\d{4})〕(\d+)号$/.exec(docNo);
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : { year: null, seq: null };
}

// ---------- generation (cross-module contract, contracts.md) ----------

/**
 * Renders the document from the record's current data, numbers it (per issuing bureau, kind and year for kinds that carry
 * a 文号; re-generating keeps the number and supersedes the old version), stores the .docx, writes the documents row and
 * the audit row, all inside the caller's transaction. For penaltyDecision it also sets cases.decision_doc_no when empty,
 * for adjudicationDecision adjudications.decision_doc_no (a number the adjudication already has is used as the 文号).
 * The caller has authorised the record (scope and permission); the record's state is checked here (409 with the reason).
 *
 * The 文号 is numbered per issuing bureau (a 市场监管所 issues in its county bureau's name, so a station and its bureau
 * share one sequence and one 机关代字): scope `doc:<bureau unit id>:<kind>` of record_counters, gap-free in the transaction.
 * The 调解协议书 carries the mediation's own 调解案号 instead (it is numbered with 知调 when the mediation is registered).
 */
export async function generateDocument(
  trx: Transaction<Database>,
  deps: Deps,
  ctx: Ctx,
  input: { entityType: 'lead' | 'case' | 'adjudication' | 'mediation'; entityId: number; kind: DocumentKind; serviceRecordId?: number },
): Promise<DocumentDto> {
  const { entityType, entityId, kind } = input;
  const def = ENTITIES[entityType];
  if (!def || !DOCUMENT_KINDS_BY_ENTITY[entityType].includes(kind)) {
    throw fieldError('body.kind', `${DOCUMENT_ENTITY_TYPES[entityType] ?? '该记录'}不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
  // Lock the record: two generations of the same document wait for each other instead of racing for the number.
  const row = await def.lock(trx, entityId);
  if (!row) throw new AppError('NOT_FOUND');

  const facts = await def.facts(trx, row);
  const availability = documentAvailability(kind, facts);
  if (!availability.allowed) {
    throw new AppError('ACTION_NOT_ALLOWED', { message: availability.reason ?? undefined, details: { allowedActions: allowedDocumentKinds(facts) } });
  }

  let serviceRecord: ServiceRecordRow | undefined;
  let servedDocNo: string | null = null;
  if (kind === 'serviceReceipt') {
    if (!input.serviceRecordId) throw fieldError('body.serviceRecordId', '请选择要制作送达回证的送达记录');
    serviceRecord = await loadServiceRecord(trx, entityType, entityId, input.serviceRecordId);
    if (serviceRecord.documentId !== null) {
      servedDocNo = (await trx.selectFrom('documents').select('docNo').where('id', '=', serviceRecord.documentId).executeTakeFirst())?.docNo ?? null;
    }
  }
  const serviceRecordId = serviceRecord?.id ?? null;

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = chinaDate(now);
  const context = await def.context(trx, deps, row, kind, today);
  const previous = await repo.current(trx, entityType, entityId, kind, serviceRecordId);

  // 文号: kept from the version it replaces; the one the record fixes; else a new one from the bureau's yearly sequence.
  let docNo: string | null = null;
  let year: number | null = null;
  let seq: number | null = null;
  const word = DOCUMENT_NUMBER_WORDS[kind];
  const preset = def.presetDocNo?.(row, kind) ?? null;
  if (word) {
    if (previous?.docNo) {
      ({ docNo, year, seq } = previous);
    } else if (preset) {
      docNo = preset;
      ({ year, seq } = yearSeqOf(preset));
    } else {
      year = Number(today.slice(0, 4));
      seq = await nextRecordNumber(trx, `doc:${context.organ.unitId}:${kind}`, year);
      docNo = formatDocNo(context.organ.code, word, year, seq);
    }
  }

  const rendered = renderTemplate(kind, context, { docNo, today, serviceRecord, servedDocNo });
  const buffer = await renderOfficialDocument({ title: rendered.title, creator: rendered.creator, children: rendered.children });
  const stored = await deps.files.put(Readable.from([buffer]));
  const file = await repo.insertFile(trx, { sha256: stored.sha256, size: stored.size, mime: DOCX_MIME, originalName: rendered.fileName, uploadedBy: ctx.actor?.userId ?? null, createdAt: nowIso });

  // The new row takes the number only after the old one is marked superseded: the unique index on doc_no covers
  // current versions only (migration 0006, documents_doc_no).
  const inserted = await repo.insert(trx, {
    entityType,
    entityId,
    unitId: row.unitId,
    kind,
    docNo: previous?.docNo ? null : docNo,
    year,
    seq,
    title: rendered.title,
    fileId: file.id,
    data: { ...rendered.snapshot, serviceRecordId },
    generatedBy: ctx.actor?.userId ?? null,
    generatedAt: nowIso,
  });
  if (previous) {
    await repo.supersede(trx, previous.id, inserted.id);
    if (previous.docNo) await repo.setDocNo(trx, inserted.id, previous.docNo);
  }
  await repo.setFileOwner(trx, file.id, inserted.id);

  const decisionDocNoSet = def.afterGenerate ? await def.afterGenerate(trx, row, kind, docNo, nowIso) : false;

  await writeAudit(trx, deps.clock, ctx, {
    action: 'document.generate',
    entityType: 'document',
    entityId: inserted.id,
    before: previous ? { id: previous.id, docNo: previous.docNo, fileId: previous.fileId } : null,
    after: {
      entityType,
      entityId,
      kind,
      docNo,
      title: rendered.title,
      fileId: file.id,
      sha256: stored.sha256,
      supersedes: previous?.id ?? null,
      serviceRecordId,
      decisionDocNoSet,
      // Decrypted to print them in the document (the full view is audited, DESIGN: personal data).
      personalDataPrinted: def.personalData(context),
    },
  });

  const generatedByName = ctx.actor?.displayName ?? null;
  return presentDocument({ ...inserted, docNo, fileName: rendered.fileName, size: stored.size, generatedByName });
}

/** The latest document of a kind for a record (the current version if there is one). */
export async function latestDocument(ex: Executor, entityType: string, entityId: number, kind: DocumentKind): Promise<Selectable<DocumentsTable> | undefined> {
  return repo.latest(ex, entityType, entityId, kind);
}

// ---------- routes' services ----------

function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}

/** GET /api/documents: the record's documents (every version), the kinds it may have generated now, its service records. */
export async function listDocuments(deps: Deps, ctx: Ctx, q: DocumentListQuery): Promise<DocumentListDto> {
  const actor = staff(ctx);
  const def = ENTITIES[q.entityType];
  requirePermission(actor, def.readPermission);
  if (!(await def.visible(deps.db, actor, q.entityId))) throw new AppError('NOT_FOUND');
  const row = await def.load(deps.db, q.entityId);
  if (!row) throw new AppError('NOT_FOUND');
  const [docs, services, facts] = await Promise.all([
    repo.listOf(deps.db, q.entityType, q.entityId),
    repo.serviceRecordsOf(deps.db, q.entityType, q.entityId),
    def.facts(deps.db, row),
  ]);
  // Generating needs the permission and the record itself in hand (an assisting unit of an adjudication only reads).
  const mayGenerate = can(actor, def.generatePermission) && !!(await def.actionable(deps.db, actor, q.entityId));
  return {
    items: docs.map(presentDocument),
    kinds: DOCUMENT_KINDS_BY_ENTITY[q.entityType].map((kind) => {
      const a = mayGenerate ? documentAvailability(kind, facts) : { allowed: false, reason: can(actor, def.generatePermission) ? '本单位仅可查阅该案（代收请求或协助调查），文书由裁决机关制作' : '没有制作文书的权限' };
      return { kind, label: DOCUMENT_KIND_LABELS[kind], allowed: a.allowed, reason: a.reason, needsServiceRecord: kind === 'serviceReceipt', numbered: !!DOCUMENT_NUMBER_WORDS[kind] };
    }),
    serviceRecords: services.map(presentServiceRecord),
    abilities: { generate: mayGenerate },
  };
}

/** POST /api/documents: the user's own generation (permission, scope, then generateDocument in one transaction). */
export async function generateDocumentForUser(deps: Deps, ctx: Ctx, input: GenerateDocumentInput): Promise<DocumentDto> {
  const actor = staff(ctx);
  const def = ENTITIES[input.entityType];
  requirePermission(actor, def.generatePermission);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await def.actionable(trx, actor, input.entityId))) {
      // Visible but not actionable (an assisting unit of an adjudication): it may read, not issue the case's documents.
      if (await def.visible(trx, actor, input.entityId)) throw new AppError('FORBIDDEN', { message: '本单位仅可查阅该案（代收请求或协助调查），不能制作该案文书，请由裁决机关制作' });
      throw new AppError('NOT_FOUND');
    }
    return generateDocument(trx, deps, ctx, input);
  });
}

/** A document the actor may read: its record must be visible and readable (404 otherwise, never 403). */
export async function readableDocument(deps: Deps, ctx: Ctx, id: number) {
  const actor = staff(ctx);
  const doc = await repo.unsafeGet(deps.db, id);
  const def = doc ? ENTITIES[doc.entityType as EntityType] : undefined;
  if (!doc || !def) throw new AppError('NOT_FOUND');
  if (!can(actor, def.readPermission)) throw new AppError('NOT_FOUND');
  if (!(await def.visible(deps.db, actor, doc.entityId))) throw new AppError('NOT_FOUND');
  const file = await deps.db.selectFrom('files').select(['sha256', 'mime', 'originalName']).where('id', '=', doc.fileId).executeTakeFirstOrThrow();
  return { doc, file };
}

/** registerFileOwner('document'): GET /api/files/:id of a generated document follows the same rule as its download. */
export async function documentFileReadable(deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  const id = Number(ownerId);
  if (!Number.isInteger(id) || id <= 0) return false;
  try {
    await readableDocument(deps, ctx, id);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}
