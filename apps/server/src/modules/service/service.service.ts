import type { MultipartFile } from '@fastify/multipart';
import {
  serviceRecordIssues,
  type CreateServiceRecordInput,
  type Page,
  type Permission,
  type PublicServiceAnnouncementDto,
  type PublicServiceAnnouncementQuery,
  type ServiceDocumentOptionDto,
  type ServiceMethod,
  type ServiceRecordDto,
} from '@zhichan/shared';
import type { Selectable, Transaction } from 'kysely';
import { can, SYSTEM_CTX, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Database, ServiceRecordsTable } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { completeDeadline, openDeadline } from '../deadlines/deadlines.service';
import { adjudicationActionable, adjudicationInScope } from '../adjudication/adjudication.repository';
import { uploadFile } from '../files/files.service';
import { presentPublicAnnouncement, presentServiceRecord } from './service.presenter';
import { serviceRepository as repo, type ListedServiceRecord, type ServiceRecordRow } from './service.repository';

/** Rule of the announcement period: 民事诉讼法 第九十五条, 自发出公告之日起，经过三十日，即视为送达. */
export const ANNOUNCEMENT_RULE_KEY = 'service.announcement';

export type ServiceEntityType = 'lead' | 'case' | 'adjudication';

/** Who may read and record service on each kind of record. */
const PERMISSIONS: Record<ServiceEntityType, { read: Permission; handle: Permission }> = {
  lead: { read: 'lead.read', handle: 'lead.handle' },
  case: { read: 'case.read', handle: 'case.handle' },
  adjudication: { read: 'adjudication.read', handle: 'adjudication.handle' },
};

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

function permissionsOf(entityType: string) {
  return PERMISSIONS[entityType as ServiceEntityType] ?? PERMISSIONS.case;
}

function requirePermission(actor: Actor, p: Permission): void {
  if (!can(actor, p)) throw new AppError('FORBIDDEN');
}

function abilitiesOf(actor: Actor, row: { entityType: string }) {
  return { uploadProof: can(actor, permissionsOf(row.entityType).handle) };
}

// ---------- the service other modules call, inside their own transaction ----------

export interface CreateServiceRecordArgs {
  entityType: ServiceEntityType;
  entityId: number;
  /** The serving unit (the record's responsible unit); the data scope of the service record follows it. */
  unitId: number;
  documentId?: number | null;
  /** Name and number of the document, e.g. 行政处罚决定书（泰岱市监罚〔2026〕5号）. */
  documentTitle: string;
  method: ServiceMethod;
  recipient: string;
  /** Required for every method but 公告送达; not in the future. */
  servedOn?: string | null;
  /** 公告送达: the day the announcement was issued; not in the future. */
  announcedOn?: string | null;
  /** 邮寄送达: required. */
  trackingNo?: string | null;
  /** 电子送达: required true (民事诉讼法 第九十条: 经受送达人同意). */
  electronicConsent?: boolean;
  /** An uploaded, not yet attached file of this user (POST /api/files) as proof of service. */
  proofFileId?: number | null;
  /** 公告送达: the public text (shown on the portal under 送达公告). */
  announcementText?: string | null;
  note?: string | null;
}

export type CreatedServiceRecord = Selectable<ServiceRecordsTable> & { effectiveServedOn: string };

/**
 * Records one service (送达) of a document, in the caller's transaction, with its audit row. The caller has authorised
 * the record (lead, case, adjudication) the service belongs to.
 *
 * 公告送达: the deemed-served day is the due date of the rule service.announcement opened on the announcement day
 * (民事诉讼法 第九十五条: thirty days; 第八十五条: the announcement day is not counted and a last day that is a holiday moves
 * to the next working day), kept as the record's deadline. Until that day `servedOn` stays empty; the returned
 * `effectiveServedOn` is the deemed day, from which later periods (罚款缴纳十五日, 行政处罚法 第六十七条) count.
 *
 * Bad input is a 400 with field paths under 'body.' (the shape of the 登记送达 request).
 */
export async function createServiceRecord(trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: CreateServiceRecordArgs): Promise<CreatedServiceRecord> {
  const today = todayOf(deps);
  const issues = serviceRecordIssues(input, today, 'body.');
  if (!input.documentTitle || !input.documentTitle.trim()) issues.push({ path: 'body.documentTitle', message: '请填写送达的文书名称及文号' });
  if (!input.recipient || !input.recipient.trim()) issues.push({ path: 'body.recipient', message: '请填写受送达人' });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { message: issues[0]!.message, details: issues });

  if (input.documentId != null) {
    const doc = await repo.findDocument(trx, input.documentId);
    if (!doc || doc.entityType !== input.entityType || doc.entityId !== input.entityId) {
      throw fieldError('body.documentId', '所选文书不属于该记录');
    }
  }
  if (input.proofFileId != null) {
    const f = await repo.findFile(trx, input.proofFileId);
    if (!f || f.ownerType !== null || f.uploadedBy !== (ctx.actor?.userId ?? null)) {
      throw fieldError('body.proofFileId', '送达凭证文件不存在或已被使用，请重新上传');
    }
  }

  const announcement = input.method === 'announcement';
  let deadlineId: number | null = null;
  let deemed: string | null = null;
  let servedOn: string | null = announcement ? null : input.servedOn!;
  if (announcement) {
    const deadline = await openDeadline(trx, deps, ctx, {
      entityType: input.entityType,
      entityId: input.entityId,
      title: `公告送达期：${input.documentTitle.trim()}`,
      unitId: input.unitId,
      ruleKey: ANNOUNCEMENT_RULE_KEY,
      startOn: input.announcedOn!,
    });
    if (!deadline.dueOn) throw new AppError('INTERNAL');
    deadlineId = deadline.id;
    deemed = deadline.dueOn;
    // An announcement entered after its thirty days have run is served already.
    if (deemed <= today) {
      await completeDeadline(trx, deps, ctx, { deadlineId: deadline.id, on: deemed });
      servedOn = deemed;
    }
  }

  const row = await repo.insert(trx, {
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId,
    documentId: input.documentId ?? null,
    documentTitle: input.documentTitle.trim(),
    method: input.method,
    recipient: input.recipient.trim(),
    servedOn,
    announcedOn: announcement ? input.announcedOn! : null,
    deemedServedOn: deemed,
    trackingNo: input.trackingNo?.trim() || null,
    electronicConsent: input.electronicConsent === true,
    proofFileId: input.proofFileId ?? null,
    announcementText: announcement ? input.announcementText!.trim() : input.announcementText?.trim() || null,
    deadlineId,
    note: input.note?.trim() || null,
    createdBy: ctx.actor?.userId ?? null,
    createdAt: deps.clock.now().toISOString(),
  });
  if (row.proofFileId !== null) await repo.attachFile(trx, row.proofFileId, row.id);

  await writeAudit(trx, deps.clock, ctx, {
    action: 'service.record',
    entityType: 'serviceRecord',
    entityId: row.id,
    after: {
      entityType: row.entityType, entityId: row.entityId, unitId: row.unitId, documentId: row.documentId, documentTitle: row.documentTitle,
      method: row.method, recipient: row.recipient, servedOn: row.servedOn, announcedOn: row.announcedOn, deemedServedOn: row.deemedServedOn,
      trackingNo: row.trackingNo, electronicConsent: row.electronicConsent, proofFileId: row.proofFileId, deadlineId: row.deadlineId,
    },
  });
  return { ...row, effectiveServedOn: (row.servedOn ?? row.deemedServedOn)! };
}

// ---------- routes ----------

/**
 * The record a service is recorded for, locked, if the actor may act on it. 行政裁决: the deciding unit in scope; a unit
 * that only received or assists the case (三级联动, adjudicationInScope) reads its service records but records none (403).
 */
async function lockEntity(trx: Executor, actor: Actor, entityType: ServiceEntityType, entityId: number) {
  if (entityType === 'adjudication') {
    const a = await adjudicationActionable(trx, actor, entityId, { forUpdate: true });
    if (a) return a;
    if (await adjudicationInScope(trx, actor, entityId)) throw new AppError('FORBIDDEN', { message: '本单位为该案的接收或协助单位，不能登记送达' });
    throw new AppError('NOT_FOUND');
  }
  const entity = entityType === 'lead' ? await repo.lockLeadInScope(trx, actor, entityId) : await repo.lockCaseInScope(trx, actor, entityId);
  if (!entity) throw new AppError('NOT_FOUND');
  return entity;
}

/**
 * A service record the actor may read: its unit in scope, or (行政裁决) the case visible to the actor as the receiving
 * or assisting unit.
 */
async function getForActor(ex: Executor, actor: Actor, id: number): Promise<ListedServiceRecord | undefined> {
  const row = await repo.get(ex, actor, id);
  if (row) return row;
  const any = await repo.unsafeGet(ex, id);
  if (any && any.entityType === 'adjudication' && (await adjudicationInScope(ex, actor, any.entityId))) return any;
  return undefined;
}

async function dtoOf(ex: Executor, actor: Actor, id: number): Promise<ServiceRecordDto> {
  const row = await getForActor(ex, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentServiceRecord(row, abilitiesOf(actor, row));
}

/** 登记送达 from the back office, for a lead or a case inside the actor's scope. */
export async function recordService(deps: Deps, ctx: Ctx, input: CreateServiceRecordInput): Promise<ServiceRecordDto> {
  const actor = staff(ctx);
  requirePermission(actor, permissionsOf(input.entityType).handle);
  return deps.db.transaction().execute(async (trx) => {
    const entity = await lockEntity(trx, actor, input.entityType, input.entityId);
    const row = await createServiceRecord(trx, deps, ctx, { ...input, unitId: entity.unitId });
    return dtoOf(trx, actor, row.id);
  });
}

/** The service records of one record, oldest first (only those of units inside the actor's scope). */
export async function listServiceRecords(deps: Deps, ctx: Ctx, query: { entityType: ServiceEntityType; entityId: number }): Promise<ServiceRecordDto[]> {
  const actor = staff(ctx);
  requirePermission(actor, permissionsOf(query.entityType).read);
  if (query.entityType === 'adjudication') {
    // 三级联动: whoever sees the case sees its service records (the deciding city bureau's unit).
    if (!(await adjudicationInScope(deps.db, actor, query.entityId))) throw new AppError('NOT_FOUND');
    const rows = await repo.unsafeListOf(deps.db, 'adjudication', query.entityId);
    const mayHandle = !!(await adjudicationActionable(deps.db, actor, query.entityId));
    return rows.map((r) => presentServiceRecord(r, { uploadProof: mayHandle && can(actor, PERMISSIONS.adjudication.handle) }));
  }
  const rows = await repo.listOf(deps.db, actor, query.entityType, query.entityId);
  return rows.map((r) => presentServiceRecord(r, abilitiesOf(actor, r)));
}

/** Documents of the record that the 登记送达 form offers. */
export async function listServableDocuments(deps: Deps, ctx: Ctx, query: { entityType: ServiceEntityType; entityId: number }): Promise<ServiceDocumentOptionDto[]> {
  const actor = staff(ctx);
  requirePermission(actor, permissionsOf(query.entityType).read);
  return repo.documentsOf(deps.db, actor, query.entityType, query.entityId);
}

/** The record if the actor may read it (scope and permission), else 404 / 403. */
async function readable(deps: Deps, actor: Actor, id: number): Promise<ListedServiceRecord> {
  const row = await getForActor(deps.db, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  requirePermission(actor, permissionsOf(row.entityType).read);
  return row;
}

export async function getServiceRecord(deps: Deps, ctx: Ctx, id: number): Promise<ServiceRecordDto> {
  const actor = staff(ctx);
  const row = await readable(deps, actor, id);
  return presentServiceRecord(row, abilitiesOf(actor, row));
}

/**
 * Uploads the proof of service (signed 送达回证, postal receipt, photos of 留置) and attaches it to the record; a
 * second upload replaces the first (both stay in the audit trail).
 */
export async function attachProof(deps: Deps, ctx: Ctx, id: number, part: MultipartFile): Promise<ServiceRecordDto> {
  const actor = staff(ctx);
  const before = await repo.get(deps.db, actor, id);
  if (!before) {
    part.file.resume();
    throw new AppError('NOT_FOUND');
  }
  if (!can(actor, permissionsOf(before.entityType).handle)) {
    part.file.resume();
    throw new AppError('FORBIDDEN');
  }
  // The content is stored and its files row committed first (its own transaction); then it is attached.
  const file = await uploadFile(deps, ctx, part);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockInScope(trx, actor, id);
    if (!row) throw new AppError('NOT_FOUND');
    await repo.attachFile(trx, file.id, row.id);
    await repo.update(trx, row.id, { proofFileId: file.id });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'service.proof',
      entityType: 'serviceRecord',
      entityId: row.id,
      before: { proofFileId: row.proofFileId },
      after: { proofFileId: file.id, sha256: file.sha256, originalName: file.originalName, size: file.size },
    });
    return dtoOf(trx, actor, row.id);
  });
}

/** The proof file for download, through the record (scope and permission checked). */
export async function proofOf(deps: Deps, ctx: Ctx, id: number) {
  const actor = staff(ctx);
  const row = await readable(deps, actor, id);
  if (row.proofFileId === null || !row.proofSha256) throw new AppError('NOT_FOUND', { message: '该送达记录尚未上传送达凭证' });
  return { sha256: row.proofSha256, mime: row.proofMime ?? 'application/octet-stream', originalName: row.proofName ?? `送达凭证-${row.id}` };
}

/** registerFileOwner('serviceRecord'): staff who may read the record it belongs to. */
export async function serviceProofReadable(deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'staff') return false;
  const id = Number(ownerId);
  if (!Number.isInteger(id)) return false;
  const row = await getForActor(deps.db, actor, id);
  return !!row && can(actor, permissionsOf(row.entityType).read);
}

// ---------- portal ----------

/** 送达公告 on the portal: announcements issued up to today, newest first. */
export async function listPublicAnnouncements(deps: Deps, query: PublicServiceAnnouncementQuery): Promise<Page<PublicServiceAnnouncementDto>> {
  const { total, items } = await repo.listPublicAnnouncements(deps.db, { q: query.q || undefined, today: todayOf(deps), page: query.page, pageSize: query.pageSize });
  return { items: items.map(presentPublicAnnouncement), total, page: query.page, pageSize: query.pageSize };
}

// ---------- job ----------

/**
 * 公告送达 whose thirty days have run: the period is completed on its due day and the record gets its 送达日期 (the
 * deemed-served day). Runs from the publication-expiry job (both end public notices whose time has passed).
 */
export async function unsafeCompleteAnnouncementPeriods(deps: Deps, today: string): Promise<number> {
  let done = 0;
  for (let round = 0; round < 20; round++) {
    const n = await deps.db.transaction().execute(async (trx) => {
      const rows = await repo.unsafeListAnnouncementsRun(trx, today, 200);
      for (const r of rows) {
        const due = r.dueOn!;
        await completeDeadline(trx, deps, SYSTEM_CTX, { deadlineId: r.deadlineId, on: due });
        await repo.update(trx, r.id, { servedOn: due, deemedServedOn: due });
        await writeAudit(trx, deps.clock, SYSTEM_CTX, {
          action: 'service.deemedServed',
          entityType: 'serviceRecord',
          entityId: r.id,
          before: { servedOn: r.servedOn, deemedServedOn: r.deemedServedOn },
          after: { servedOn: due, deemedServedOn: due, reason: '公告期满，视为送达（民事诉讼法 第九十五条）' },
        });
      }
      return rows.length;
    });
    done += n;
    if (n < 200) break;
  }
  return done;
}

export type { ServiceRecordRow };
