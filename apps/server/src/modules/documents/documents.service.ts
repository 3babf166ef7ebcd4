import { Readable } from 'node:stream';
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS_BY_ENTITY,
  DOCUMENT_NUMBER_WORDS,
  formatDocNo,
  type DocumentDto,
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
import { loadCaseContext, loadLeadContext, loadServiceRecord, type RecordContext } from './documents.data';
import { presentDocument, presentServiceRecord } from './documents.presenter';
import { documentsRepository as repo, type CaseRow, type LeadRow, type ServiceRecordRow } from './documents.repository';
import { allowedDocumentKinds, documentAvailability, type RecordFacts } from './documents.rules';
import { renderTemplate } from './documents.templates';

export type { DocumentKind } from '@zhichan/shared';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type EntityType = 'lead' | 'case';

const READ_PERMISSION: Record<EntityType, Permission> = { lead: 'lead.read', case: 'case.read' };
const GENERATE_PERMISSION: Record<EntityType, Permission> = { lead: 'lead.handle', case: 'case.handle' };

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

function labelOfEntity(t: EntityType): string {
  return t === 'lead' ? '线索' : '案件';
}

// ---------- facts and context ----------

type RecordRow = { entityType: 'lead'; row: LeadRow } | { entityType: 'case'; row: CaseRow };

async function factsOf(ex: Executor, rec: RecordRow): Promise<RecordFacts> {
  const services = await repo.serviceRecordsOf(ex, rec.entityType, rec.row.id);
  if (rec.entityType === 'lead') {
    const actions = new Set((await repo.leadActions(ex, rec.row.id)).map((a) => a.action));
    const r = rec.row;
    return { entityType: 'lead', kind: r.kind, status: r.status, verificationResult: r.verificationResult, decision: r.decision, actions, serviceRecordCount: services.length };
  }
  const actions = new Set((await repo.caseActions(ex, rec.row.id)).map((a) => a.action));
  const r = rec.row;
  return { entityType: 'case', status: r.status, procedure: r.procedure, decision: r.decision, actions, serviceRecordCount: services.length };
}

/** The forms that print a natural person's ID number (the decision must identify the party, 行政处罚法 第五十九条第（一）项). */
const PRINTS_ID_NO: readonly DocumentKind[] = ['penaltyDecision', 'filingApproval'];

async function contextOf(ex: Executor, deps: Deps, rec: RecordRow, kind: DocumentKind): Promise<RecordContext> {
  return rec.entityType === 'lead'
    ? loadLeadContext(ex, deps, rec.row)
    : loadCaseContext(ex, deps, rec.row, { withIdNo: PRINTS_ID_NO.includes(kind) });
}

// ---------- generation (cross-module contract, contracts.md) ----------

/**
 * Renders the document from the record's current data, numbers it (per issuing bureau, kind and year for kinds that carry
 * a 文号; re-generating keeps the number and supersedes the old version), stores the .docx, writes the documents row and
 * the audit row, all inside the caller's transaction. For penaltyDecision it also sets cases.decision_doc_no when empty.
 * The caller has authorised the record (scope and permission); the record's state is checked here (409 with the reason).
 *
 * The 文号 is numbered per issuing bureau (a 市场监管所 issues in its county bureau's name, so a station and its bureau
 * share one sequence and one 机关代字): scope `doc:<bureau unit id>:<kind>` of record_counters, gap-free in the transaction.
 */
export async function generateDocument(
  trx: Transaction<Database>,
  deps: Deps,
  ctx: Ctx,
  input: { entityType: EntityType; entityId: number; kind: DocumentKind; serviceRecordId?: number },
): Promise<DocumentDto> {
  const { entityType, entityId, kind } = input;
  if (!DOCUMENT_KINDS_BY_ENTITY[entityType].includes(kind)) {
    throw fieldError('body.kind', `${labelOfEntity(entityType)}不能制作${DOCUMENT_KIND_LABELS[kind]}`);
  }
  // Lock the record: two generations of the same document wait for each other instead of racing for the number.
  const row = entityType === 'lead' ? await repo.unsafeLeadForUpdate(trx, entityId) : await repo.unsafeCaseForUpdate(trx, entityId);
  if (!row) throw new AppError('NOT_FOUND');
  const rec = { entityType, row } as RecordRow;

  const facts = await factsOf(trx, rec);
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

  const context = await contextOf(trx, deps, rec, kind);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = chinaDate(now);
  const previous = await repo.current(trx, entityType, entityId, kind, serviceRecordId);

  // 文号: kept from the version it replaces; a new one from the bureau's yearly sequence otherwise.
  let docNo: string | null = null;
  let year: number | null = null;
  let seq: number | null = null;
  const word = DOCUMENT_NUMBER_WORDS[kind];
  if (word) {
    if (previous?.docNo) {
      ({ docNo, year, seq } = previous);
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

  let decisionDocNoSet = false;
  if (kind === 'penaltyDecision' && docNo && entityType === 'case') {
    // 决定书文号 on the case (for publication and the lists); never overwritten, so a re-generated decision keeps it.
    decisionDocNoSet = Number((await repo.setDecisionDocNo(trx, entityId, docNo, nowIso)).numUpdatedRows) > 0;
  }

  const personalData = context.entityType === 'case' && context.partyIdNo ? ['partyIdNo'] : context.entityType === 'lead' && context.informantName ? ['informantName'] : [];
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
      personalDataPrinted: personalData,
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

async function recordInScope(ex: Executor, actor: Actor, entityType: EntityType, entityId: number): Promise<RecordRow> {
  if (entityType === 'lead') {
    const row = await repo.leadInScope(ex, actor, entityId);
    if (!row) throw new AppError('NOT_FOUND');
    return { entityType, row };
  }
  const row = await repo.caseInScope(ex, actor, entityId);
  if (!row) throw new AppError('NOT_FOUND');
  return { entityType, row };
}

function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}

/** GET /api/documents: the record's documents (every version), the kinds it may have generated now, its service records. */
export async function listDocuments(deps: Deps, ctx: Ctx, q: DocumentListQuery): Promise<DocumentListDto> {
  const actor = staff(ctx);
  requirePermission(actor, READ_PERMISSION[q.entityType]);
  const rec = await recordInScope(deps.db, actor, q.entityType, q.entityId);
  const [docs, services, facts] = await Promise.all([
    repo.listOf(deps.db, q.entityType, q.entityId),
    repo.serviceRecordsOf(deps.db, q.entityType, q.entityId),
    factsOf(deps.db, rec),
  ]);
  const mayGenerate = can(actor, GENERATE_PERMISSION[q.entityType]);
  return {
    items: docs.map(presentDocument),
    kinds: DOCUMENT_KINDS_BY_ENTITY[q.entityType].map((kind) => {
      const a = mayGenerate ? documentAvailability(kind, facts) : { allowed: false, reason: '没有制作文书的权限' };
      return { kind, label: DOCUMENT_KIND_LABELS[kind], allowed: a.allowed, reason: a.reason, needsServiceRecord: kind === 'serviceReceipt', numbered: !!DOCUMENT_NUMBER_WORDS[kind] };
    }),
    serviceRecords: services.map(presentServiceRecord),
    abilities: { generate: mayGenerate },
  };
}

/** POST /api/documents: the user's own generation (permission, scope, then generateDocument in one transaction). */
export async function generateDocumentForUser(deps: Deps, ctx: Ctx, input: GenerateDocumentInput): Promise<DocumentDto> {
  const actor = staff(ctx);
  requirePermission(actor, GENERATE_PERMISSION[input.entityType]);
  return deps.db.transaction().execute(async (trx) => {
    await recordInScope(trx, actor, input.entityType, input.entityId);
    return generateDocument(trx, deps, ctx, input);
  });
}

/** A document the actor may read: its record must be in scope and readable (404 otherwise, never 403). */
export async function readableDocument(deps: Deps, ctx: Ctx, id: number) {
  const actor = staff(ctx);
  const doc = await repo.unsafeGet(deps.db, id);
  if (!doc || (doc.entityType !== 'lead' && doc.entityType !== 'case')) throw new AppError('NOT_FOUND');
  const entityType = doc.entityType as EntityType;
  if (!can(actor, READ_PERMISSION[entityType])) throw new AppError('NOT_FOUND');
  await recordInScope(deps.db, actor, entityType, doc.entityId);
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
