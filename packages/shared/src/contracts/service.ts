/**
 * Contracts of 送达 (service of documents) and the public 送达公告 list. Methods after 行政处罚法 第六十一条 (service under
 * the Civil Procedure Law) and 民事诉讼法 第八十七条至第九十五条: direct, electronic (with the recipient's consent and a
 * confirmed address, 第九十条), by post (tracking number), by leaving (留置, 第八十九条), entrusted, forwarded, and by
 * announcement (公告送达, deemed served thirty days after the announcement, 第九十五条).
 */
import { z } from 'zod';
import { IsoDateString, PageQuery } from './common';
import type { FieldIssue } from '../domain/errors';

export const SERVICE_METHODS = {
  direct: '直接送达',
  electronic: '电子送达',
  mail: '邮寄送达',
  leaving: '留置送达',
  entrusted: '委托送达',
  forwarded: '转交送达',
  announcement: '公告送达',
} as const;
export type ServiceMethod = keyof typeof SERVICE_METHODS;
export const SERVICE_METHOD_LIST = Object.keys(SERVICE_METHODS) as ServiceMethod[];

/**
 * The record a service belongs to. 行政裁决 (issue 6): its request and decision are served through its own actions
 * (serveRequest, serveDecision), which also move its deadlines; other documents (e.g. 口头审理通知书) may be recorded here.
 */
export const SERVICE_ENTITY_TYPES = { lead: '线索', case: '案件', adjudication: '行政裁决' } as const;
export type ServiceEntityType = keyof typeof SERVICE_ENTITY_TYPES;

/** Hints shown under the method in the 登记送达 form. */
export const SERVICE_METHOD_HINTS: Record<ServiceMethod, string> = {
  direct: '受送达人在送达回证上签收的日期为送达日期（民事诉讼法 第八十七条）',
  electronic: '须经受送达人同意并确认送达地址；以到达受送达人特定系统的日期为送达日期（民事诉讼法 第九十条）',
  mail: '以挂号信回执上注明的收件日期为送达日期，须登记邮件单号（民事诉讼法 第九十一条）',
  leaving: '受送达人拒绝签收的，邀请见证人到场或拍照、录像记录后留置（民事诉讼法 第八十九条）',
  entrusted: '委托其他机关代为送达，以受送达人签收日期为送达日期',
  forwarded: '通过受送达人所在单位等转交，以受送达人签收日期为送达日期',
  announcement: '受送达人下落不明或以其他方式无法送达的，公告送达；自发出公告之日起经过三十日视为送达（民事诉讼法 第九十五条）',
};

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullish();

const ServiceFields = {
  documentId: z.number().int().positive().max(2147483647).nullish(),
  documentTitle: z.string({ error: '请填写送达的文书' }).trim().min(2, '请填写送达的文书名称及文号').max(200, '文书名称不能超过 200 个字'),
  method: z.enum(SERVICE_METHOD_LIST as [ServiceMethod, ...ServiceMethod[]], { error: '请选择送达方式' }),
  recipient: z.string({ error: '请填写受送达人' }).trim().min(1, '请填写受送达人').max(100, '受送达人不能超过 100 个字'),
  servedOn: IsoDateString.nullish(),
  announcedOn: IsoDateString.nullish(),
  trackingNo: z
    .string()
    .trim()
    .max(50, '邮件单号不能超过 50 个字符')
    .regex(/^[0-9A-Za-z-]*$/, '邮件单号只能包含字母、数字和短横线')
    .nullish(),
  electronicConsent: z.boolean().optional(),
  proofFileId: z.number().int().positive().max(2147483647).nullish(),
  announcementText: optionalText(5000, '公告正文'),
  note: optionalText(500, '备注'),
};

export interface ServiceRecordFields {
  method: ServiceMethod;
  servedOn?: string | null;
  announcedOn?: string | null;
  trackingNo?: string | null;
  electronicConsent?: boolean;
  announcementText?: string | null;
}

/**
 * The method-dependent requirements, with field paths (prefix 'body.' on the route). `today` (China date) adds the
 * check that no date lies in the future; without it (the browser) only the presence rules apply.
 */
export function serviceRecordIssues(r: ServiceRecordFields, today?: string, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const p = (f: string) => `${prefix}${f}`;
  if (r.method === 'announcement') {
    if (!r.announcedOn) issues.push({ path: p('announcedOn'), message: '公告送达须填写公告日期' });
    else if (today && r.announcedOn > today) issues.push({ path: p('announcedOn'), message: '公告日期不能晚于今天' });
    if (!r.announcementText || r.announcementText.trim().length < 20) {
      issues.push({ path: p('announcementText'), message: '公告送达须填写公告正文（不少于 20 个字），将在门户“送达公告”栏目公开' });
    }
    if (r.servedOn) issues.push({ path: p('servedOn'), message: '公告送达的送达日期为视为送达日，由系统按公告日期计算，请勿填写' });
  } else {
    if (!r.servedOn) issues.push({ path: p('servedOn'), message: '请填写送达日期' });
    else if (today && r.servedOn > today) issues.push({ path: p('servedOn'), message: '送达日期不能晚于今天' });
    if (r.announcedOn) issues.push({ path: p('announcedOn'), message: '只有公告送达才填写公告日期' });
  }
  if (r.method === 'electronic' && r.electronicConsent !== true) {
    issues.push({ path: p('electronicConsent'), message: '电子送达须经受送达人同意并确认送达地址（民事诉讼法 第九十条）' });
  }
  if (r.method === 'mail' && !r.trackingNo) issues.push({ path: p('trackingNo'), message: '邮寄送达须填写邮件单号' });
  return issues;
}

export const CreateServiceRecordInput = z
  .object({
    entityType: z.enum(['lead', 'case', 'adjudication'], { error: '所属记录类型应为线索、案件或行政裁决案件' }),
    entityId: z.number({ error: '缺少所属记录' }).int().positive().max(2147483647),
    ...ServiceFields,
  })
  .superRefine((v, ctx) => {
    for (const issue of serviceRecordIssues(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type CreateServiceRecordInput = z.infer<typeof CreateServiceRecordInput>;

export const ServiceRecordListQuery = z.object({
  entityType: z.enum(['lead', 'case', 'adjudication'], { error: '所属记录类型不正确' }),
  entityId: z.coerce.number().int().positive().max(2147483647),
});
export type ServiceRecordListQuery = z.infer<typeof ServiceRecordListQuery>;

const BasisDto = z.object({ regulation: z.string(), article: z.string(), version: z.string() });

export const ServiceRecordDto = z.object({
  id: z.number().int(),
  entityType: z.string(),
  entityId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  documentId: z.number().int().nullable(),
  documentTitle: z.string(),
  method: z.enum(SERVICE_METHOD_LIST as [ServiceMethod, ...ServiceMethod[]]),
  methodLabel: z.string(),
  recipient: z.string(),
  servedOn: z.string().nullable(),
  announcedOn: z.string().nullable(),
  /** 公告送达: the day service takes effect (thirty days after the announcement, rolled past a holiday). */
  deemedServedOn: z.string().nullable(),
  /** servedOn, or for 公告送达 deemedServedOn: the day later periods (罚款缴纳十五日 …) count from. */
  effectiveServedOn: z.string().nullable(),
  /** 公告送达: the announcement period has not yet run. */
  pending: z.boolean(),
  trackingNo: z.string().nullable(),
  electronicConsent: z.boolean(),
  proof: z.object({ fileId: z.number().int(), originalName: z.string(), size: z.number().int(), mime: z.string() }).nullable(),
  announcementText: z.string().nullable(),
  /** The announcement period's deadline with its legal basis (公告送达 only). */
  announcementPeriod: z
    .object({ dueOn: z.string().nullable(), provisional: z.boolean(), completedOn: z.string().nullable(), basis: BasisDto })
    .nullable(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ uploadProof: z.boolean() }),
});
export type ServiceRecordDto = z.infer<typeof ServiceRecordDto>;

/** Documents of a record that may be served (the 登记送达 form offers them). */
export const ServiceDocumentOptionDto = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  generatedAt: z.string(),
});
export type ServiceDocumentOptionDto = z.infer<typeof ServiceDocumentOptionDto>;

// ---------- public 送达公告 ----------

export const PublicServiceAnnouncementQuery = PageQuery.extend({
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});
export type PublicServiceAnnouncementQuery = z.infer<typeof PublicServiceAnnouncementQuery>;

export const PublicServiceAnnouncementDto = z.object({
  id: z.number().int(),
  /** 案件的立案号（线索为线索编号）. */
  referenceNo: z.string().nullable(),
  /** 受送达人, only as the announcement text itself names it; null otherwise. */
  addressee: z.string().nullable(),
  documentTitle: z.string(),
  authorityName: z.string(),
  announcedOn: z.string(),
  deemedServedOn: z.string().nullable(),
  text: z.string(),
});
export type PublicServiceAnnouncementDto = z.infer<typeof PublicServiceAnnouncementDto>;
