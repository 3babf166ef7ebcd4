/**
 * Contracts of supervision (督办), extension approval (延期审批), case-file review (案卷评查), typical cases (典型案例)
 * and enforcement statistics (执法统计), issue 4 capabilities 8 and 9.
 *
 *   GET  /api/supervision/overview?unitId                       (deadline.read)       → SupervisionOverviewDto
 *   GET  /api/supervision/items?unitId&entityType&kind&deadlineState&flagged&page&pageSize (deadline.read) → Page<SupervisionItemDto>
 *   POST /api/supervision/reminders                             (deadline.supervise)  → SupervisionReminderDto   催办
 *   GET  /api/supervision/reminders?entityType&entityId         (deadline.read)       → SupervisionReminderDto[]
 *   POST /api/supervision/flags                                 (deadline.supervise)  → SupervisionFlagDto       挂牌督办
 *   POST /api/supervision/flags/:id/lift                        (deadline.supervise)  → SupervisionFlagDto       摘牌
 *   GET  /api/supervision/flags?entityType&entityId             (deadline.read)       → SupervisionFlagDto[]
 *   POST /api/supervision/typical-cases                         (case.review or deadline.supervise) → TypicalCaseNominationDto
 *   POST /api/extension-requests                                (lead.handle / case.handle) → ExtensionRequestDto
 *   GET  /api/extension-requests?box&entityType&entityId&deadlineId&status (deadline.read) → Page<ExtensionRequestDto>
 *   GET  /api/extension-requests/eligibility?deadlineId         (deadline.read)       → ExtensionEligibilityDto
 *   POST /api/extension-requests/:id/approve | /deny            (lead.approve / case.approve) → ExtensionRequestDto
 *   POST /api/case-reviews                                      (case.review)         → CaseReviewDto
 *   GET  /api/case-reviews?unitId&grade&year&caseId              (case.review)         → Page<CaseReviewDto>
 *   GET  /api/case-reviews/candidates?unitId&year&reviewed       (case.review)         → Page<CaseReviewCandidateDto>
 *   GET  /api/case-reviews/:id                                  (case.review)         → CaseReviewDto
 *   GET  /api/statistics/enforcement?from&to&groupBy            (enforcement.stats)   → EnforcementStatisticsDto
 *   GET  /api/statistics/enforcement.xlsx?from&to&groupBy       (enforcement.stats)   → .xlsx
 */
import { z } from 'zod';
import {
  CASE_REVIEW_GRADE_LIST,
  STAT_TYPE_LIST,
  type CaseReviewGrade,
  type StatisticsGroupBy,
  type StatType,
} from '../domain/supervision-rules';
import { IsoDateString, PageQuery } from './common';

const BoolQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

const text = (min: number, max: number, minMessage: string) => z.string().trim().min(min, minMessage).max(max, `不能超过 ${max} 个字`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `不能超过 ${max} 个字`).nullish().transform((v) => (v ? v : null));

// ---------- what is supervised ----------

export const SUPERVISED_ENTITY_TYPES = { lead: '线索', case: '案件' } as const;
export type SupervisedEntityType = keyof typeof SUPERVISED_ENTITY_TYPES;
export const SupervisedEntityTypeEnum = z.enum(['lead', 'case']);

/** The kind of an open item: a lead's path (投诉/举报/线索) or a case's type. */
export const SUPERVISION_ITEM_KINDS = {
  complaint: '投诉',
  report: '举报',
  lead: '其他线索',
  trademarkInfringement: '商标侵权案件',
  patentCounterfeiting: '假冒专利案件',
  geographicalIndication: '地理标志违法案件',
  agencyViolation: '代理违法案件',
  other: '其他案件',
} as const;
export type SupervisionItemKind = keyof typeof SUPERVISION_ITEM_KINDS;
export const SUPERVISION_ITEM_KIND_LIST = Object.keys(SUPERVISION_ITEM_KINDS) as SupervisionItemKind[];
export const LEAD_ITEM_KINDS: readonly SupervisionItemKind[] = ['complaint', 'report', 'lead'];
export const CASE_ITEM_KINDS: readonly SupervisionItemKind[] = ['trademarkInfringement', 'patentCounterfeiting', 'geographicalIndication', 'agencyViolation', 'other'];
export const SupervisionItemKindEnum = z.enum(SUPERVISION_ITEM_KIND_LIST as [SupervisionItemKind, ...SupervisionItemKind[]]);

/** Deadline state of an open item; `none` = no open deadline (e.g. waiting for execution). */
export const SUPERVISION_DEADLINE_STATES = { normal: '正常', warning: '黄灯', overdue: '红灯', paused: '暂停计时', none: '无期限' } as const;
export type SupervisionDeadlineState = keyof typeof SUPERVISION_DEADLINE_STATES;
export const SupervisionDeadlineStateEnum = z.enum(['normal', 'warning', 'overdue', 'paused', 'none']);

export const RecordRefQuery = z.object({
  entityType: SupervisedEntityTypeEnum,
  entityId: z.coerce.number().int().positive().max(2147483647),
});
export type RecordRefQuery = z.infer<typeof RecordRefQuery>;

// ---------- dashboard ----------

export const SupervisionOverviewQuery = z.object({
  /** Only this unit and its subtree (inside the actor's scope). */
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
});
export type SupervisionOverviewQuery = z.infer<typeof SupervisionOverviewQuery>;

const StateCounts = z.object({
  open: z.number().int(),
  normal: z.number().int(),
  warning: z.number().int(),
  overdue: z.number().int(),
  paused: z.number().int(),
  none: z.number().int(),
  flagged: z.number().int(),
});
export type SupervisionStateCounts = z.infer<typeof StateCounts>;

export const SupervisionOverviewRowDto = StateCounts.extend({
  /** The responsible county bureau (stations rolled up), or the city bureau for items still at intake. */
  unitId: z.number(),
  unitName: z.string(),
  leads: z.number().int(),
  cases: z.number().int(),
  /** Open items per kind. */
  byKind: z.record(z.string(), z.number().int()),
});
export type SupervisionOverviewRowDto = z.infer<typeof SupervisionOverviewRowDto>;

export const SupervisionOverviewDto = z.object({
  asOf: z.string(),
  totals: StateCounts.extend({ leads: z.number().int(), cases: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
  rows: z.array(SupervisionOverviewRowDto),
  /** Flags past their 督办 date while the item is still open. */
  flagsOverdue: z.number().int(),
});
export type SupervisionOverviewDto = z.infer<typeof SupervisionOverviewDto>;

// ---------- items ----------

export const SupervisionItemsQuery = PageQuery.extend({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  entityType: SupervisedEntityTypeEnum.optional(),
  kind: SupervisionItemKindEnum.optional(),
  deadlineState: SupervisionDeadlineStateEnum.optional(),
  flagged: BoolQuery,
});
export type SupervisionItemsQuery = z.infer<typeof SupervisionItemsQuery>;

export const SupervisionFlagDto = z.object({
  id: z.number(),
  entityType: SupervisedEntityTypeEnum,
  entityId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  level: z.enum(['city', 'county']),
  levelLabel: z.string(),
  reason: z.string(),
  dueOn: z.string().nullable(),
  flaggedBy: z.string().nullable(),
  flaggedAt: z.string(),
  escalatedAt: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftNote: z.string().nullable(),
  /** Past the 督办 date and not lifted. */
  overdue: z.boolean(),
  abilities: z.object({ lift: z.boolean() }),
});
export type SupervisionFlagDto = z.infer<typeof SupervisionFlagDto>;

export const SupervisionItemDto = z.object({
  entityType: SupervisedEntityTypeEnum,
  entityId: z.number(),
  /** 线索编号 or 立案号. */
  number: z.string(),
  title: z.string(),
  kind: SupervisionItemKindEnum,
  kindLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  countyUnitId: z.number().nullable(),
  countyName: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  deadlineState: SupervisionDeadlineStateEnum,
  /** Working days left until dueOn (negative when overdue), by the official calendar. */
  workingDaysLeft: z.number().nullable(),
  flag: SupervisionFlagDto.nullable(),
  reminderCount: z.number().int(),
  lastRemindedAt: z.string().nullable(),
  /** The record's page in the back office. */
  link: z.string(),
  abilities: z.object({ remind: z.boolean(), flag: z.boolean() }),
});
export type SupervisionItemDto = z.infer<typeof SupervisionItemDto>;

// ---------- 催办 and 挂牌督办 ----------

export const CreateReminderInput = z.object({
  entityType: SupervisedEntityTypeEnum,
  entityId: z.number().int().positive().max(2147483647),
  message: text(2, 500, '请填写催办内容（至少 2 个字）'),
});
export type CreateReminderInput = z.infer<typeof CreateReminderInput>;

export const SupervisionReminderDto = z.object({
  id: z.number(),
  entityType: SupervisedEntityTypeEnum,
  entityId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  message: z.string(),
  sentBy: z.string().nullable(),
  sentAt: z.string(),
  /** How many users were notified (in-app). */
  notified: z.number().int().optional(),
});
export type SupervisionReminderDto = z.infer<typeof SupervisionReminderDto>;

export const CreateFlagInput = z.object({
  entityType: SupervisedEntityTypeEnum,
  entityId: z.number().int().positive().max(2147483647),
  reason: text(2, 1000, '请填写督办理由和要求（至少 2 个字）'),
  /** 督办要求的办结日期 (today or later). */
  dueOn: IsoDateString,
});
export type CreateFlagInput = z.infer<typeof CreateFlagInput>;

export const LiftFlagInput = z.object({
  note: text(2, 500, '请填写摘牌说明（至少 2 个字）'),
});
export type LiftFlagInput = z.infer<typeof LiftFlagInput>;

// ---------- 典型案例 ----------

export const NominateTypicalCaseInput = z.object({
  caseId: z.number().int().positive().max(2147483647),
  title: text(2, 200, '标题至少 2 个字'),
  summary: text(10, 1000, '请填写案例摘要（至少 10 个字）'),
  /** Full text; when omitted, a draft body is written from the case (without the party's personal data). */
  body: z.string().trim().max(50_000, '正文过长').nullish().transform((v) => (v ? v : null)),
});
export type NominateTypicalCaseInput = z.infer<typeof NominateTypicalCaseInput>;

export const TypicalCaseNominationDto = z.object({
  caseId: z.number(),
  articleId: z.number(),
  articleStatus: z.string(),
  title: z.string(),
  /** The back-office page of the article draft (review → publish there). */
  link: z.string(),
});
export type TypicalCaseNominationDto = z.infer<typeof TypicalCaseNominationDto>;

// ---------- 延期申请 ----------

export const DeadlineUnitEnum = z.enum(['workingDays', 'calendarDays', 'months']);

export const CreateExtensionRequestInput = z.object({
  deadlineId: z.number().int().positive().max(2147483647),
  amount: z.number().int('延长期限应为整数').min(1, '延长期限至少为 1').max(366, '延长期限过长'),
  unit: DeadlineUnitEnum,
  reason: text(5, 1000, '请写明延期理由（至少 5 个字）'),
  /** A further extension of the penalty decision decided by the heads' collective discussion (集体讨论决定). */
  collective: z.boolean().default(false),
});
export type CreateExtensionRequestInput = z.infer<typeof CreateExtensionRequestInput>;

export const EXTENSION_REQUEST_STATUSES = { pending: '待审批', approved: '已批准', denied: '不予批准' } as const;
export type ExtensionRequestStatus = keyof typeof EXTENSION_REQUEST_STATUSES;
export const ExtensionRequestStatusEnum = z.enum(['pending', 'approved', 'denied']);

export const ExtensionRequestQuery = PageQuery.extend({
  /** pending: 待我审批; mine: 我的申请; all: every request in scope (default). */
  box: z.enum(['pending', 'mine', 'all']).default('all'),
  entityType: SupervisedEntityTypeEnum.optional(),
  entityId: z.coerce.number().int().positive().max(2147483647).optional(),
  deadlineId: z.coerce.number().int().positive().max(2147483647).optional(),
  status: ExtensionRequestStatusEnum.optional(),
});
export type ExtensionRequestQuery = z.infer<typeof ExtensionRequestQuery>;

export const ApproveExtensionInput = z.object({
  version: z.number().int(),
  note: optionalText(500),
});
export type ApproveExtensionInput = z.infer<typeof ApproveExtensionInput>;

export const DenyExtensionInput = z.object({
  version: z.number().int(),
  note: text(2, 500, '请写明不予批准的理由（至少 2 个字）'),
});
export type DenyExtensionInput = z.infer<typeof DenyExtensionInput>;

export const ExtensionRequestDto = z.object({
  id: z.number(),
  deadlineId: z.number(),
  deadlineTitle: z.string(),
  ruleKey: z.string(),
  ruleName: z.string(),
  /** 'adjudication': 行政裁决案件 (issue 6, the decision period only). */
  entityType: z.enum(['lead', 'case', 'adjudication']),
  entityId: z.number(),
  entityNumber: z.string().nullable(),
  entityTitle: z.string().nullable(),
  link: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  amount: z.number(),
  unit: DeadlineUnitEnum,
  /** e.g. 15个工作日. */
  amountText: z.string(),
  reason: z.string(),
  collective: z.boolean(),
  approval: z.enum(['head', 'collective']),
  approvalLabel: z.string(),
  basis: z.string(),
  status: ExtensionRequestStatusEnum,
  statusLabel: z.string(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The deadline's due date now (after an approval: the extended one). */
  dueOn: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ approve: z.boolean(), deny: z.boolean() }),
});
export type ExtensionRequestDto = z.infer<typeof ExtensionRequestDto>;

export const ExtensionEligibilityQuery = z.object({ deadlineId: z.coerce.number().int().positive().max(2147483647) });

export const ExtensionEligibilityDto = z.object({
  deadlineId: z.number(),
  ruleKey: z.string(),
  ruleName: z.string(),
  dueOn: z.string().nullable(),
  /** The law allows a further extension of this deadline now. */
  extendable: z.boolean(),
  /** Why not (when not extendable). */
  reason: z.string().nullable(),
  /** The next extension: its limit, unit and who approves it. */
  next: z
    .object({
      maxAmount: z.number(),
      unit: DeadlineUnitEnum,
      approval: z.enum(['head', 'collective']),
      approvalLabel: z.string(),
      basis: z.string(),
      note: z.string(),
    })
    .nullable(),
  approvedCount: z.number().int(),
  pending: ExtensionRequestDto.nullable(),
  /** The actor may ask (handles this kind of record, deadline open, nothing pending, extendable). */
  canRequest: z.boolean(),
});
export type ExtensionEligibilityDto = z.infer<typeof ExtensionEligibilityDto>;

// ---------- 案卷评查 ----------

export const CaseReviewGradeEnum = z.enum(CASE_REVIEW_GRADE_LIST as [CaseReviewGrade, ...CaseReviewGrade[]]);

export const CreateCaseReviewInput = z.object({
  caseId: z.number().int().positive().max(2147483647),
  items: z
    .array(
      z.object({
        key: z.string().trim().min(1).max(50),
        score: z.number().min(0, '得分不能为负数').max(100),
        note: optionalText(500),
      }),
    )
    .min(1, '请逐项评分')
    .max(50),
  comments: optionalText(2000),
});
export type CreateCaseReviewInput = z.infer<typeof CreateCaseReviewInput>;

export const CaseReviewItemDto = z.object({ key: z.string(), title: z.string(), max: z.number(), score: z.number(), note: z.string().nullable() });

export const CaseReviewDto = z.object({
  id: z.number(),
  caseId: z.number(),
  caseNo: z.string(),
  caseTitle: z.string(),
  caseTypeLabel: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  reviewerName: z.string(),
  reviewedOn: z.string(),
  items: z.array(CaseReviewItemDto),
  totalScore: z.number(),
  grade: CaseReviewGradeEnum,
  gradeLabel: z.string(),
  comments: z.string().nullable(),
  createdAt: z.string(),
});
export type CaseReviewDto = z.infer<typeof CaseReviewDto>;

export const CaseReviewQuery = PageQuery.extend({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  grade: CaseReviewGradeEnum.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  caseId: z.coerce.number().int().positive().max(2147483647).optional(),
});
export type CaseReviewQuery = z.infer<typeof CaseReviewQuery>;

export const CaseReviewCandidateQuery = PageQuery.extend({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  /** Year of closing (结案). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** true: reviewed at least once; false: not yet reviewed. */
  reviewed: BoolQuery,
});
export type CaseReviewCandidateQuery = z.infer<typeof CaseReviewCandidateQuery>;

export const CaseReviewCandidateDto = z.object({
  caseId: z.number(),
  caseNo: z.string(),
  title: z.string(),
  caseTypeLabel: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  filedOn: z.string(),
  closedOn: z.string(),
  decisionLabel: z.string().nullable(),
  reviewCount: z.number().int(),
  lastScore: z.number().nullable(),
  lastGrade: CaseReviewGradeEnum.nullable(),
  /** May be proposed as 典型案例 (decided, not 销案). */
  canNominate: z.boolean(),
});
export type CaseReviewCandidateDto = z.infer<typeof CaseReviewCandidateDto>;

// ---------- 执法统计 ----------

export const StatisticsGroupByEnum = z.enum(['unit', 'month', 'type'] as [StatisticsGroupBy, ...StatisticsGroupBy[]]);

export const StatisticsQuery = z
  .object({
    from: IsoDateString,
    to: IsoDateString,
    groupBy: StatisticsGroupByEnum.default('unit'),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
    else if (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4)) > 5) ctx.addIssue({ code: 'custom', path: ['to'], message: '统计期间不能超过五年' });
  });
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

export const StatTypeEnum = z.enum(STAT_TYPE_LIST as [StatType, ...StatType[]]);

export const StatisticsRowDto = z.object({
  /** unit id, 'YYYY-MM' or a StatType. */
  key: z.string(),
  label: z.string(),
  received: z.number().int(),
  accepted: z.number().int(),
  leadsVerified: z.number().int(),
  casesFiled: z.number().int(),
  complaintToCase: z.number().int(),
  /** 元 (exact) and 万元 (two decimals). */
  fineYuan: z.number(),
  fineWan: z.number(),
  transferredToPolice: z.number().int(),
  closedCases: z.number().int(),
  closedWorkingDays: z.number().int(),
  avgWorkingDaysToClose: z.number().nullable(),
  deadlinesCompleted: z.number().int(),
  deadlinesOnTime: z.number().int(),
  /** 0..1. */
  onTimeRate: z.number().nullable(),
});
export type StatisticsRowDto = z.infer<typeof StatisticsRowDto>;

export const EnforcementStatisticsDto = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: StatisticsGroupByEnum,
  /** 制表单位 (the actor's unit). */
  preparedBy: z.string(),
  preparedOn: z.string(),
  rows: z.array(StatisticsRowDto),
  total: StatisticsRowDto,
});
export type EnforcementStatisticsDto = z.infer<typeof EnforcementStatisticsDto>;
