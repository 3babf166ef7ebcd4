/**
 * Contracts of the enforcement documents (执法文书): .docx generated from a lead's or a case's data, laid out after
 * GB/T 9704-2012, numbered per issuing bureau, kind and year (泰岱市监罚〔2026〕5号).
 *
 * Endpoints (server: apps/server/src/modules/documents):
 *   GET  /api/documents?entityType=lead|case&entityId=      → DocumentListDto (the record must be in the actor's scope, else 404)
 *   POST /api/documents  GenerateDocumentInput              → 201 DocumentDto (lead.handle for leads, case.handle for cases;
 *                                                              409 ACTION_NOT_ALLOWED with a Chinese reason when the kind does
 *                                                              not fit the record's state, details.allowedKinds)
 *   GET  /api/documents/:id/file                             → the .docx (Content-Disposition with the Chinese file name)
 */
import { z } from 'zod';

/** The documents and their names (市场监督管理行政执法文书格式范本 names). */
export const DOCUMENT_KIND_LABELS = {
  filingApproval: '立案审批表',
  acceptanceNotice: '受理通知书',
  rejectionNotice: '不予受理通知书',
  penaltyNotice: '行政处罚告知书',
  penaltyDecision: '行政处罚决定书',
  serviceReceipt: '送达回证',
  closingApproval: '结案审批表',
  mediationTermination: '终止调解决定书',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KIND_LABELS;
export const DOCUMENT_KIND_LIST = Object.keys(DOCUMENT_KIND_LABELS) as DocumentKind[];

/**
 * 文书代字 of the kinds that carry a 文号 (notices and decisions sent out of the bureau). Approval forms (审批表) are
 * internal and the 送达回证 refers to the served document's number, so they carry none.
 *   受 受理通知书 · 不受 不予受理通知书 · 罚告 行政处罚告知书 · 罚 行政处罚决定书 · 终调 终止调解决定书
 * e.g. 泰岱市监罚〔2026〕5号, 泰岱市监不受〔2026〕2号.
 */
export const DOCUMENT_NUMBER_WORDS: Partial<Record<DocumentKind, string>> = {
  acceptanceNotice: '受',
  rejectionNotice: '不受',
  penaltyNotice: '罚告',
  penaltyDecision: '罚',
  mediationTermination: '终调',
};

export function documentKindCarriesNumber(kind: DocumentKind): boolean {
  return DOCUMENT_NUMBER_WORDS[kind] !== undefined;
}

export const DOCUMENT_ENTITY_TYPES = { lead: '线索', case: '案件' } as const;
export type DocumentEntityType = keyof typeof DOCUMENT_ENTITY_TYPES;

/** Which documents belong to which record: complaint notices to leads (投诉), penalty documents to cases. */
export const DOCUMENT_KINDS_BY_ENTITY: Record<DocumentEntityType, DocumentKind[]> = {
  lead: ['acceptanceNotice', 'rejectionNotice', 'mediationTermination', 'filingApproval', 'serviceReceipt'],
  case: ['filingApproval', 'penaltyNotice', 'penaltyDecision', 'serviceReceipt', 'closingApproval'],
};

export const DocumentKindEnum = z.enum(DOCUMENT_KIND_LIST as [DocumentKind, ...DocumentKind[]]);
export const DocumentEntityTypeEnum = z.enum(['lead', 'case']);

export const DocumentListQuery = z.object({
  entityType: DocumentEntityTypeEnum,
  entityId: z.coerce.number().int().positive().max(2147483647),
});
export type DocumentListQuery = z.infer<typeof DocumentListQuery>;

export const GenerateDocumentInput = z.object({
  entityType: DocumentEntityTypeEnum,
  entityId: z.number().int().positive().max(2147483647),
  kind: DocumentKindEnum,
  /** 送达回证 only: the service record (送达记录) the receipt is for. */
  serviceRecordId: z.number().int().positive().max(2147483647).optional(),
});
export type GenerateDocumentInput = z.infer<typeof GenerateDocumentInput>;

export const DocumentDto = z.object({
  id: z.number().int(),
  entityType: z.string(),
  entityId: z.number().int(),
  unitId: z.number().int(),
  kind: z.string(),
  kindLabel: z.string(),
  docNo: z.string().nullable(),
  title: z.string(),
  fileId: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  /** The service record a 送达回证 belongs to. */
  serviceRecordId: z.number().int().nullable(),
  generatedAt: z.string(),
  generatedById: z.number().int().nullable(),
  generatedByName: z.string().nullable(),
  /** The newer version that replaced this one (same 文号); null for the current version. */
  supersededBy: z.number().int().nullable(),
  downloadUrl: z.string(),
});
export type DocumentDto = z.infer<typeof DocumentDto>;

/** One kind the record may (or may not yet) have generated, with the reason when it may not. */
export const DocumentKindOptionDto = z.object({
  kind: DocumentKindEnum,
  label: z.string(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
  /** 送达回证: generated per service record, so the UI asks which one. */
  needsServiceRecord: z.boolean(),
  /** The kind carries a 文号 (kept when the document is generated again). */
  numbered: z.boolean(),
});
export type DocumentKindOptionDto = z.infer<typeof DocumentKindOptionDto>;

export const DocumentServiceRecordDto = z.object({
  id: z.number().int(),
  documentTitle: z.string(),
  recipient: z.string(),
  method: z.string(),
  methodLabel: z.string(),
  /** The date served, or the deemed date of a service by announcement. */
  servedOn: z.string().nullable(),
});
export type DocumentServiceRecordDto = z.infer<typeof DocumentServiceRecordDto>;

export const DocumentListDto = z.object({
  /** Every version, newest first; superseded versions carry `supersededBy`. */
  items: z.array(DocumentDto),
  /** The kinds of this record, each with whether it may be generated now (only for users who may generate). */
  kinds: z.array(DocumentKindOptionDto),
  /** Service records of the record, for 送达回证. */
  serviceRecords: z.array(DocumentServiceRecordDto),
  abilities: z.object({ generate: z.boolean() }),
});
export type DocumentListDto = z.infer<typeof DocumentListDto>;
