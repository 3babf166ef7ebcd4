/**
 * Contracts of the documents (执法文书, 行政裁决文书, 调解协议书): .docx generated from a lead's, a case's, an adjudication's or
 * a mediation's data, laid out after GB/T 9704-2012, numbered per issuing bureau, kind and year (泰岱市监罚〔2026〕5号).
 *
 * Endpoints (server: apps/server/src/modules/documents):
 *   GET  /api/documents?entityType=lead|case|adjudication|mediation&entityId=
 *                                                            → DocumentListDto (the record must be visible to the actor, else 404;
 *                                                              read permission by type: lead.read, case.read, adjudication.read,
 *                                                              mediation.read; an assisting county bureau or station sees an
 *                                                              adjudication's documents read-only)
 *   POST /api/documents  GenerateDocumentInput              → 201 DocumentDto (lead.handle, case.handle, adjudication.handle (and
 *                                                              the case's own unit in scope: an assisting unit may not generate),
 *                                                              mediation.handle; 409 ACTION_NOT_ALLOWED with a Chinese reason
 *                                                              when the kind does not fit the record's state,
 *                                                              details.allowedActions = the kinds allowed now)
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
  // 专利侵权纠纷行政裁决 (专利法 第六十五条; 山东省专利条例 第十八条至第二十六条)
  adjudicationFilingNotice: '立案通知书',
  adjudicationRejectionNotice: '不予受理通知书',
  answerNotice: '答辩通知书',
  oralHearingNotice: '口头审理通知书',
  suspensionNotice: '中止通知书',
  adjudicationDecision: '专利侵权纠纷行政裁决书',
  // 调解 (人民调解法 第二十八条、第二十九条)
  mediationAgreement: '调解协议书',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KIND_LABELS;
export const DOCUMENT_KIND_LIST = Object.keys(DOCUMENT_KIND_LABELS) as DocumentKind[];

/**
 * 文书代字 of the kinds that carry a 文号 (notices and decisions sent out of the bureau). Approval forms (审批表) are
 * internal and the 送达回证 refers to the served document's number, so they carry none.
 *   受 受理通知书 · 不受 不予受理通知书 · 罚告 行政处罚告知书 · 罚 行政处罚决定书 · 终调 终止调解决定书
 *   裁立 立案通知书 · 裁不受 不予受理通知书 (裁决) · 裁答 答辩通知书 · 裁审 口头审理通知书 · 裁止 中止通知书 ·
 *   专裁 专利侵权纠纷行政裁决书 · 知调 调解协议书 (it carries the mediation's own 调解案号, which is numbered with 知调)
 * e.g. 泰岱市监罚〔2026〕5号, 泰岱市监不受〔2026〕2号, 泰市监专裁〔2026〕1号.
 */
export const DOCUMENT_NUMBER_WORDS: Partial<Record<DocumentKind, string>> = {
  acceptanceNotice: '受',
  rejectionNotice: '不受',
  penaltyNotice: '罚告',
  penaltyDecision: '罚',
  mediationTermination: '终调',
  adjudicationFilingNotice: '裁立',
  adjudicationRejectionNotice: '裁不受',
  answerNotice: '裁答',
  oralHearingNotice: '裁审',
  suspensionNotice: '裁止',
  adjudicationDecision: '专裁',
  mediationAgreement: '知调',
};

export function documentKindCarriesNumber(kind: DocumentKind): boolean {
  return DOCUMENT_NUMBER_WORDS[kind] !== undefined;
}

export const DOCUMENT_ENTITY_TYPES = { lead: '线索', case: '案件', adjudication: '行政裁决案件', mediation: '调解案件' } as const;
export type DocumentEntityType = keyof typeof DOCUMENT_ENTITY_TYPES;
export const DOCUMENT_ENTITY_TYPE_LIST = Object.keys(DOCUMENT_ENTITY_TYPES) as DocumentEntityType[];

/**
 * Which documents belong to which record: complaint notices to leads (投诉), penalty documents to cases, the adjudication
 * documents to adjudications (in the order of the procedure), the agreement to mediations.
 */
export const DOCUMENT_KINDS_BY_ENTITY: Record<DocumentEntityType, DocumentKind[]> = {
  lead: ['acceptanceNotice', 'rejectionNotice', 'mediationTermination', 'filingApproval', 'serviceReceipt'],
  case: ['filingApproval', 'penaltyNotice', 'penaltyDecision', 'serviceReceipt', 'closingApproval'],
  adjudication: [
    'adjudicationFilingNotice', 'adjudicationRejectionNotice', 'answerNotice', 'oralHearingNotice', 'suspensionNotice',
    'adjudicationDecision', 'serviceReceipt',
  ],
  mediation: ['mediationAgreement'],
};

export const DocumentKindEnum = z.enum(DOCUMENT_KIND_LIST as [DocumentKind, ...DocumentKind[]]);
export const DocumentEntityTypeEnum = z.enum(DOCUMENT_ENTITY_TYPE_LIST as [DocumentEntityType, ...DocumentEntityType[]]);

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
