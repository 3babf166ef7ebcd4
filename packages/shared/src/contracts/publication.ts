/**
 * Contracts of 行政处罚信息公示 (《市场监督管理行政处罚信息公示规定》, 总局令第45号): the candidates (decided ordinary-procedure
 * penalty cases not yet published, with the 20-working-day deadline of 第九条), the preview with personal data removed
 * (第六条), publishing with its period (第十三条), withdrawal (第十一条), and the portal's list and detail.
 */
import { z } from 'zod';
import { IsoDateString, PageQuery } from './common';
import { PUBLICATION_PERIOD_LIST, type PublicationPeriod } from '../domain/publication-rules';

export const PUBLICATION_STATUSES = { published: '公示中', withdrawn: '已撤回', expired: '公示期满' } as const;
export type PublicationStatus = keyof typeof PUBLICATION_STATUSES;
export const PUBLICATION_STATUS_LIST = Object.keys(PUBLICATION_STATUSES) as PublicationStatus[];

const PeriodEnum = z.enum(PUBLICATION_PERIOD_LIST as [PublicationPeriod, ...PublicationPeriod[]], { error: '公示期应为三个月或三年' });

const BasisDto = z.object({ regulation: z.string(), article: z.string(), version: z.string() });

/** A statutory deadline of the publication, as the list shows it (computed live for today). */
export const PublicationDeadlineDto = z.object({
  title: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']),
  workingDaysLeft: z.number().int().nullable(),
  provisional: z.boolean(),
  basis: BasisDto,
  /** No deadline row was opened for the case: computed from the decision date with the rule in force. */
  computed: z.boolean(),
});
export type PublicationDeadlineDto = z.infer<typeof PublicationDeadlineDto>;

// ---------- back office ----------

export const PublicationCandidateQuery = PageQuery.extend({
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});
export type PublicationCandidateQuery = z.infer<typeof PublicationCandidateQuery>;

export const PublicationCandidateDto = z.object({
  caseId: z.number().int(),
  caseNo: z.string(),
  title: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  caseType: z.string(),
  /** As it will be published (a natural person: surname + 某). */
  partyName: z.string(),
  partyKind: z.enum(['organization', 'person']),
  decisionOn: z.string(),
  decisionDocNo: z.string(),
  fineAmount: z.string().nullable(),
  penaltyKinds: z.array(z.string()),
  /** 第九条: within 20 working days of the decision (国家企业信用信息公示系统). */
  deadline: PublicationDeadlineDto,
  /** 国办发〔2018〕118号: the bureau's own portal within 7 working days (unverified rule), when known. */
  portalDeadline: PublicationDeadlineDto.nullable(),
  abilities: z.object({ publish: z.boolean() }),
});
export type PublicationCandidateDto = z.infer<typeof PublicationCandidateDto>;

export const PublicationPreviewQuery = z.object({ caseId: z.coerce.number().int().positive().max(2147483647) });

/** 行政处罚信息摘要 (第四条). */
export const PublicationSummaryDto = z.object({
  docNo: z.string(),
  partyName: z.string(),
  partyUscc: z.string().nullable(),
  violationType: z.string(),
  penaltyContent: z.string(),
  authorityName: z.string(),
  decidedOn: z.string(),
});
export type PublicationSummaryDto = z.infer<typeof PublicationSummaryDto>;

export const PublicationPreviewDto = z.object({
  caseId: z.number().int(),
  caseNo: z.string(),
  summary: PublicationSummaryDto,
  /** The decision's text with personal data removed; the editor may still change it (trade secrets). */
  body: z.string(),
  /** What was removed automatically ('自然人姓名 2 处'), never the removed values. */
  redactions: z.array(z.string()),
  suggestedPeriod: PeriodEnum,
  periodReason: z.string(),
  /** The configured 较低数额罚款 threshold in yuan (null: not configured for the province). */
  lowFineThresholdYuan: z.number().nullable(),
  publishedOn: z.string(),
  /** The last day of publication for each period if published today. */
  expiresOn: z.object({ threeMonths: z.string(), threeYears: z.string() }),
  deadline: PublicationDeadlineDto,
});
export type PublicationPreviewDto = z.infer<typeof PublicationPreviewDto>;

export const CreatePublicationInput = z.object({
  caseId: z.number({ error: '请选择案件' }).int().positive().max(2147483647),
  /** Edited text; personal data is taken out again on the server. Omitted: the text of the preview. */
  body: z.string().trim().min(20, '公示正文不少于 20 个字').max(20000, '公示正文不能超过 20000 个字').optional(),
  /** Omitted: the period the rules suggest. */
  period: PeriodEnum.optional(),
});
export type CreatePublicationInput = z.infer<typeof CreatePublicationInput>;

export const WithdrawPublicationInput = z.object({
  reason: z.string({ error: '请填写撤回理由' }).trim().min(4, '撤回理由不少于 4 个字').max(500, '撤回理由不能超过 500 个字'),
  version: z.number({ error: '缺少版本号' }).int().positive(),
  /** The day the decision was changed, revoked or found unlawful: the three working days count from it (default today). */
  changedOn: IsoDateString.optional(),
});
export type WithdrawPublicationInput = z.infer<typeof WithdrawPublicationInput>;

export const PublicationListQuery = PageQuery.extend({
  status: z.enum(PUBLICATION_STATUS_LIST as [PublicationStatus, ...PublicationStatus[]], { error: '状态不正确' }).optional(),
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});
export type PublicationListQuery = z.infer<typeof PublicationListQuery>;

export const PublicationDto = PublicationSummaryDto.extend({
  id: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  publishedOn: z.string(),
  period: PeriodEnum,
  periodLabel: z.string(),
  expiresOn: z.string(),
  body: z.string(),
  status: z.enum(PUBLICATION_STATUS_LIST as [PublicationStatus, ...PublicationStatus[]]),
  statusLabel: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  publishedByName: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ withdraw: z.boolean() }),
});
export type PublicationDto = z.infer<typeof PublicationDto>;

// ---------- portal ----------

export const PublicPenaltyQuery = PageQuery.extend({
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});
export type PublicPenaltyQuery = z.infer<typeof PublicPenaltyQuery>;

export const PublicPenaltyListItemDto = PublicationSummaryDto.extend({
  id: z.number().int(),
  publishedOn: z.string(),
});
export type PublicPenaltyListItemDto = z.infer<typeof PublicPenaltyListItemDto>;

export const PublicPenaltyDto = PublicPenaltyListItemDto.extend({
  body: z.string(),
  expiresOn: z.string(),
});
export type PublicPenaltyDto = z.infer<typeof PublicPenaltyDto>;
