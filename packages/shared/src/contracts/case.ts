/**
 * Contracts of the administrative-penalty cases (行政处罚案件): registration (立案) from an approved lead, the simplified
 * on-the-spot procedure (简易程序), the ordinary workflow actions, list and detail. Workflow table: domain/case-workflow.ts;
 * fine checks: domain/penalty-rules.ts. Legal basis: legal-rules.md §1.2, §1.3, §1.7, §4.4.
 *
 * Endpoints (server: apps/server/src/modules/cases), all staff:
 *   GET  /api/cases?tab&status&caseType&procedure&unitId&deadlineState&q&page&pageSize (case.read)   → CaseListPageDto
 *   GET  /api/cases/prefill-from-lead/:leadId                                       (case.handle) → CasePrefillDto
 *   GET  /api/cases/officers?unitId                                                 (case.handle) → CaseOfficerDto[]
 *   POST /api/cases                      FileCaseInput                              (case.handle) → CaseDetailDto (201)
 *   POST /api/cases/simplified           SimplifiedCaseInput                        (case.handle) → CaseDetailDto (201)
 *   GET  /api/cases/:id                                                            (case.read)   → CaseDetailDto
 *   GET  /api/cases/:id/party-identity   (the person's full ID number; audited)     (case.handle) → CasePartyIdentityDto
 *   POST /api/cases/:id/evidence         multipart (fields of RegisterEvidenceInput, then `file`) or JSON (case.handle)
 *   POST /api/cases/:id/<action>         one body per action below; the permission is CASE_ACTION_PERMISSIONS[action]
 *
 * Errors: 400 VALIDATION_FAILED with details[].path (body.assistantHandlerIds, body.fineAmount …, citing the article);
 * 404 outside the actor's scope; 409 VERSION_CONFLICT on a stale `version`; 409 ACTION_NOT_ALLOWED
 * {details: {status, allowedActions}} when the status does not allow the action or a guard fails (message says why).
 */
import { z } from 'zod';
import {
  CASE_ACTION_LIST,
  CASE_DECISION_LIST,
  CASE_EVIDENCE_KIND_LIST,
  CASE_MEASURE_KIND_LIST,
  CASE_PENALTY_KIND_LIST,
  CASE_PROCEDURE_LIST,
  CASE_STATUS_LIST,
  CASE_TAB_LIST,
  CASE_TYPE_LIST,
  DECISION_CHANGE_BASIS_LIST,
  DECISION_CHANGE_KIND_LIST,
  NO_PENALTY_REASON_LIST,
  type CaseAction,
  type CaseDecisionKind,
  type CaseEvidenceKind,
  type CaseMeasureKind,
  type CasePenaltyKind,
  type CaseProcedure,
  type CaseStatus,
  type CaseTab,
  type CaseTypeKey,
  type DecisionChangeBasis,
  type DecisionChangeKind,
  type NoPenaltyReason,
} from '../domain/case-workflow';
import { isMoneyAmount } from '../domain/penalty-rules';
import type { Permission } from '../domain/permissions';
import { checkResidentIdNo, checkUscc } from '../domain/validators';
import { IsoDateString, PageQuery, pageOf } from './common';

const e = <T extends string>(list: readonly T[]) => z.enum(list as unknown as [T, ...T[]]);
export const CaseStatusEnum = e<CaseStatus>(CASE_STATUS_LIST);
export const CaseActionEnum = e<CaseAction>(CASE_ACTION_LIST);
export const CaseTypeEnum = e<CaseTypeKey>(CASE_TYPE_LIST);
export const CaseProcedureEnum = e<CaseProcedure>(CASE_PROCEDURE_LIST);
export const CaseDecisionEnum = e<CaseDecisionKind>(CASE_DECISION_LIST);
export const CasePenaltyKindEnum = e<CasePenaltyKind>(CASE_PENALTY_KIND_LIST);
export const CaseEvidenceKindEnum = e<CaseEvidenceKind>(CASE_EVIDENCE_KIND_LIST);
export const CaseMeasureKindEnum = e<CaseMeasureKind>(CASE_MEASURE_KIND_LIST);
export const CaseTabEnum = e<CaseTab>(CASE_TAB_LIST);

/** The permission each action needs (besides case.read): 审核 by 法制审核人员, 决定 and 结案 by the head. */
export const CASE_ACTION_PERMISSIONS: Record<CaseAction, Permission> = {
  file: 'case.handle',
  registerEvidence: 'case.handle',
  startMeasure: 'case.handle',
  endMeasure: 'case.handle',
  suspend: 'case.handle',
  resume: 'case.handle',
  conclude: 'case.handle',
  passReview: 'case.legalReview',
  returnReview: 'case.legalReview',
  notify: 'case.handle',
  recordStatement: 'case.handle',
  requestHearing: 'case.handle',
  scheduleHearing: 'case.handle',
  holdHearing: 'case.handle',
  collectiveDiscuss: 'case.approve',
  decide: 'case.approve',
  serve: 'case.handle',
  recordPayment: 'case.handle',
  applyEnforcement: 'case.handle',
  close: 'case.approve',
  archive: 'case.handle',
  changeDecision: 'case.approve',
};

/** The URL of each action below /api/cases/:id/ (server routes and web share it). */
export const CASE_ACTION_PATHS: Record<Exclude<CaseAction, 'file'>, string> = {
  registerEvidence: 'evidence',
  startMeasure: 'measures',
  endMeasure: 'measures/end',
  suspend: 'suspend',
  resume: 'resume',
  conclude: 'conclude',
  passReview: 'legal-review/pass',
  returnReview: 'legal-review/return',
  notify: 'notify',
  recordStatement: 'statement',
  requestHearing: 'hearing/request',
  scheduleHearing: 'hearing/schedule',
  holdHearing: 'hearing/hold',
  collectiveDiscuss: 'collective-discussion',
  decide: 'decide',
  serve: 'serve',
  recordPayment: 'payment',
  applyEnforcement: 'enforcement',
  close: 'close',
  archive: 'archive',
  changeDecision: 'change-decision',
};

// ---------- building blocks ----------
const text = (min: number, max: number, required: string) => z.string({ error: required }).trim().min(min, required).max(max, `不能超过 ${max} 个字符`);
const optText = (max: number) =>
  z.string().trim().max(max, `不能超过 ${max} 个字符`).nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));
/** Yuan, not negative, at most two decimals. */
export const CaseMoneyAmount = z.number({ error: '请填写金额' }).refine(isMoneyAmount, '金额应为不小于 0 的数字，最多两位小数');
const optMoney = CaseMoneyAmount.nullish().transform((v) => (v === undefined ? null : v));
const optDate = IsoDateString.optional();
const Id = z.number().int().positive().max(2147483647);
const VersionField = z.number({ error: '缺少版本号' }).int().positive();
const RegionCode = z.string().trim().regex(/^\d{6}(\d{3})?$/, '请选择所在区县');

export const CaseOrganizationPartyInput = z.object({
  kind: z.literal('organization'),
  name: text(2, 200, '请填写当事人名称'),
  uscc: z
    .string({ error: '请填写统一社会信用代码' })
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const c = checkUscc(v);
      if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message ?? '统一社会信用代码不正确' });
    }),
  legalRep: text(2, 50, '请填写法定代表人（负责人）'),
  address: text(2, 300, '请填写住所（经营场所）'),
  regionCode: RegionCode,
});
export const CasePersonPartyInput = z.object({
  kind: z.literal('person'),
  name: text(2, 50, '请填写当事人姓名'),
  /** 居民身份证号 (GB 11643), stored SM4-encrypted and shown masked. */
  idNo: z
    .string({ error: '请填写身份证号码' })
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const c = checkResidentIdNo(v);
      if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message });
    }),
  address: optText(300),
  regionCode: RegionCode.nullish().transform((v) => v ?? null),
});
export const CasePartyInput = z.discriminatedUnion('kind', [CaseOrganizationPartyInput, CasePersonPartyInput], { error: '请选择当事人类别（单位或自然人）' });
export type CasePartyInput = z.infer<typeof CasePartyInput>;

/** 主办 + 协办: distinct people. The server checks their 执法证 and unit (行政处罚法 第四十二条). */
const handlers = () => ({
  leadHandlerId: Id,
  assistantHandlerIds: z.array(Id).max(10, '协办人员最多 10 名').default([]),
});
function checkHandlers(v: { leadHandlerId: number; assistantHandlerIds: number[] }, ctx: z.RefinementCtx, minTotal: number): void {
  const all = [v.leadHandlerId, ...v.assistantHandlerIds];
  if (new Set(all).size !== all.length) {
    ctx.addIssue({ code: 'custom', path: ['assistantHandlerIds'], message: '承办人员不能重复，主办人不能同时为协办人' });
  } else if (all.length < minTotal) {
    ctx.addIssue({
      code: 'custom',
      path: ['assistantHandlerIds'],
      message: '执法人员不得少于两人（行政处罚法 第四十二条），请再选择至少一名持有行政执法证的协办人员',
    });
  }
}

// ---------- 立案 ----------
export const FileCaseInput = z
  .object({
    leadId: Id,
    caseType: CaseTypeEnum,
    title: text(2, 200, '请填写案由'),
    party: CasePartyInput,
    facts: text(10, 5000, '请填写案件事实（不少于 10 个字）'),
    major: z.boolean().default(false),
    illegalTurnover: optMoney,
    illegalGains: optMoney,
    repeatWithin5Years: z.boolean().default(false),
    ...handlers(),
  })
  .superRefine((v, ctx) => checkHandlers(v, ctx, 2));
export type FileCaseInput = z.infer<typeof FileCaseInput>;
export type FileCaseRawInput = z.input<typeof FileCaseInput>;

/** 简易程序: 当场作出 and 当场交付 (行政处罚法 第五十一条、第五十二条). One officer showing the certificate is enough. */
export const SimplifiedCaseInput = z
  .object({
    /** The officers' unit by default. */
    unitId: Id.optional(),
    caseType: CaseTypeEnum,
    title: text(2, 200, '请填写案由'),
    party: CasePartyInput,
    facts: text(10, 5000, '请填写违法事实（不少于 10 个字）'),
    illegalTurnover: optMoney,
    illegalGains: optMoney,
    penaltyKinds: z.array(CasePenaltyKindEnum).min(1, '请选择处罚种类').max(6),
    fineAmount: optMoney,
    decisionSummary: text(2, 2000, '请填写处罚内容'),
    /** 处罚依据 (the article applied). */
    legalBasis: text(2, 500, '请填写处罚依据'),
    /** 地点 (第五十二条第二款). */
    place: text(2, 200, '请填写处罚地点'),
    decidedOn: optDate,
    /** The number of the pre-printed, numbered decision form (预定格式、编有号码的行政处罚决定书). */
    decisionDocNo: optText(60),
    /** 当场收缴 (第六十八条): 'smallFine' (100 元以下) or 'hardToEnforce' (不当场收缴事后难以执行). */
    onSpotCollection: z.enum(['smallFine', 'hardToEnforce']).nullish().transform((v) => v ?? null),
    ...handlers(),
  })
  .superRefine((v, ctx) => checkHandlers(v, ctx, 1));
export type SimplifiedCaseInput = z.infer<typeof SimplifiedCaseInput>;
export type SimplifiedCaseRawInput = z.input<typeof SimplifiedCaseInput>;

// ---------- 办理动作 ----------
export const RegisterEvidenceInput = z.object({
  version: z.coerce.number({ error: '缺少版本号' }).int().positive(),
  kind: CaseEvidenceKindEnum,
  title: text(2, 200, '请填写证据名称'),
  collectedOn: IsoDateString,
  collectedBy: text(2, 100, '请填写取证人'),
  note: optText(1000),
});
export type RegisterEvidenceInput = z.infer<typeof RegisterEvidenceInput>;

export const StartMeasureInput = z.object({
  version: VersionField,
  kind: CaseMeasureKindEnum,
  startedOn: IsoDateString,
  items: text(2, 2000, '请填写涉及的物品或事项'),
  /** 负责人批准 (先行登记保存、查封扣押), e.g. 经张局长批准. */
  approval: optText(200),
  note: optText(1000),
});
export type StartMeasureInput = z.infer<typeof StartMeasureInput>;

export const EndMeasureInput = z.object({
  version: VersionField,
  measureId: Id,
  endedOn: IsoDateString,
  outcome: text(2, 2000, '请填写处理决定或结果'),
});
export type EndMeasureInput = z.infer<typeof EndMeasureInput>;

export const SuspendCaseInput = z.object({
  version: VersionField,
  suspendedOn: optDate,
  reason: text(2, 1000, '请填写中止理由'),
  /** e.g. 商标法 第六十二条第三款. */
  basis: optText(200),
});
export type SuspendCaseInput = z.infer<typeof SuspendCaseInput>;

export const ResumeCaseInput = z.object({ version: VersionField, resumedOn: optDate, note: optText(1000) });
export type ResumeCaseInput = z.infer<typeof ResumeCaseInput>;

export const ConcludeCaseInput = z.object({
  version: VersionField,
  concludedOn: optDate,
  /** 调查终结报告 (summary). */
  report: text(10, 5000, '请填写调查终结报告（不少于 10 个字）'),
  /** 拟处理意见. */
  proposal: optText(2000),
});
export type ConcludeCaseInput = z.infer<typeof ConcludeCaseInput>;

export const LegalReviewInput = z.object({ version: VersionField, reviewedOn: optDate, opinion: text(2, 3000, '请填写审核意见') });
export type LegalReviewInput = z.infer<typeof LegalReviewInput>;

/** Fields of a proposed or decided penalty. */
const penaltyFields = {
  penaltyKinds: z.array(CasePenaltyKindEnum).max(6).default([]),
  fineAmount: optMoney,
  confiscatedAmount: optMoney,
  /** Updated findings (违法经营额 / 违法所得), when the investigation fixed them. */
  illegalTurnover: optMoney.optional(),
  illegalGains: optMoney.optional(),
  repeatWithin5Years: z.boolean().optional(),
};

export const NotifyCaseInput = z.object({
  version: VersionField,
  noticeOn: optDate,
  ...penaltyFields,
  /** 拟作出的行政处罚内容及事实、理由、依据 (第四十四条). */
  summary: text(2, 3000, '请填写拟作出的行政处罚内容及事实、理由、依据'),
  /** The party was told of its right to a hearing (第六十三条: 较大数额罚款等). */
  hearingRight: z.boolean().default(true),
});
export type NotifyCaseInput = z.infer<typeof NotifyCaseInput>;

export const RecordStatementInput = z.object({
  version: VersionField,
  statedOn: optDate,
  content: text(2, 5000, '请填写陈述申辩内容'),
  /** 复核意见: the facts, reasons or evidence stated were adopted (第四十五条). */
  adopted: z.boolean().default(false),
  review: optText(2000),
  /** The party says in writing it will not ask for a hearing (then the decision need not wait for the 5 working days). */
  waivesHearing: z.boolean().default(false),
});
export type RecordStatementInput = z.infer<typeof RecordStatementInput>;

export const RequestHearingInput = z.object({ version: VersionField, requestedOn: optDate, note: optText(1000) });
export type RequestHearingInput = z.infer<typeof RequestHearingInput>;

export const ScheduleHearingInput = z.object({
  version: VersionField,
  /** 听证通知书 date. */
  noticeOn: optDate,
  hearingOn: IsoDateString,
  place: text(2, 200, '请填写听证地点'),
  /** 主持人: not an investigator of this case (第六十四条第（四）项). */
  host: text(2, 50, '请填写听证主持人'),
});
export type ScheduleHearingInput = z.infer<typeof ScheduleHearingInput>;

export const HoldHearingInput = z.object({
  version: VersionField,
  heldOn: optDate,
  record: text(2, 5000, '请填写听证笔录摘要'),
  /** 无正当理由拒不出席 → 视为放弃听证 (第六十四条第（六）项). */
  partyAbsent: z.boolean().default(false),
});
export type HoldHearingInput = z.infer<typeof HoldHearingInput>;

export const CollectiveDiscussInput = z.object({
  version: VersionField,
  discussedOn: optDate,
  participants: text(2, 500, '请填写参加讨论的负责人'),
  conclusion: text(2, 3000, '请填写讨论结论'),
});
export type CollectiveDiscussInput = z.infer<typeof CollectiveDiscussInput>;

export const DecideCaseInput = z
  .object({
    version: VersionField,
    decision: CaseDecisionEnum,
    decidedOn: optDate,
    ...penaltyFields,
    /** 处罚内容 (penalty) or the decision's reasons. */
    summary: optText(3000),
    noPenaltyReason: z.enum(NO_PENALTY_REASON_LIST as [NoPenaltyReason, ...NoPenaltyReason[]]).nullish().transform((v) => v ?? null),
    /** 行刑衔接: the receiving police unit and the date of transfer. */
    policeUnit: optText(100),
    transferredOn: optDate,
    note: optText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'penalty' && !v.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: '请填写处罚内容' });
    if (v.decision === 'noPenalty' && !v.noPenaltyReason) ctx.addIssue({ code: 'custom', path: ['noPenaltyReason'], message: '请选择不予处罚的理由' });
    if (v.decision === 'transferToPolice' && !v.policeUnit) ctx.addIssue({ code: 'custom', path: ['policeUnit'], message: '请填写接收移送的公安机关' });
    if (v.decision === 'withdrawn' && !v.summary && !v.note) ctx.addIssue({ code: 'custom', path: ['summary'], message: '请填写销案理由' });
  });
export type DecideCaseInput = z.infer<typeof DecideCaseInput>;
export type DecideCaseRawInput = z.input<typeof DecideCaseInput>;

export const CASE_SERVICE_METHODS = {
  direct: '直接送达',
  electronic: '电子送达',
  mail: '邮寄送达',
  leaving: '留置送达',
  entrusted: '委托送达',
  forwarded: '转交送达',
  announcement: '公告送达',
} as const;
export type CaseServiceMethod = keyof typeof CASE_SERVICE_METHODS;

export const ServeCaseInput = z
  .object({
    version: VersionField,
    method: z.enum(Object.keys(CASE_SERVICE_METHODS) as [CaseServiceMethod, ...CaseServiceMethod[]]),
    recipient: text(2, 200, '请填写受送达人'),
    servedOn: optDate,
    announcedOn: optDate,
    trackingNo: optText(60),
    electronicConsent: z.boolean().default(false),
    proofFileId: Id.nullish().transform((v) => v ?? null),
    announcementText: optText(5000),
    note: optText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'announcement') {
      if (!v.announcedOn) ctx.addIssue({ code: 'custom', path: ['announcedOn'], message: '公告送达请填写公告日期' });
    } else if (!v.servedOn) {
      ctx.addIssue({ code: 'custom', path: ['servedOn'], message: '请填写送达日期' });
    }
    if (v.method === 'mail' && !v.trackingNo) ctx.addIssue({ code: 'custom', path: ['trackingNo'], message: '邮寄送达请填写邮件单号' });
    if (v.method === 'electronic' && !v.electronicConsent) {
      ctx.addIssue({ code: 'custom', path: ['electronicConsent'], message: '电子送达须经当事人同意并签订确认书（行政处罚法 第六十一条第二款）' });
    }
  });
export type ServeCaseInput = z.infer<typeof ServeCaseInput>;

export const RecordPaymentInput = z.object({ version: VersionField, paidOn: IsoDateString, amount: optMoney, note: optText(1000) });
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

export const ApplyEnforcementInput = z.object({
  version: VersionField,
  appliedOn: IsoDateString,
  court: text(2, 100, '请填写受理申请的人民法院'),
  note: optText(1000),
});
export type ApplyEnforcementInput = z.infer<typeof ApplyEnforcementInput>;

export const CloseCaseInput = z.object({
  version: VersionField,
  closedOn: optDate,
  /** 结案报告 summary (internal). */
  summary: text(2, 3000, '请填写结案意见'),
  /** Text the complainant / reporter sees (defaults to the decision's public wording). */
  publicText: optText(500),
});
export type CloseCaseInput = z.infer<typeof CloseCaseInput>;

export const ArchiveCaseInput = z.object({ version: VersionField, archivedOn: optDate, archiveNo: optText(60) });
export type ArchiveCaseInput = z.infer<typeof ArchiveCaseInput>;

export const ChangeDecisionInput = z
  .object({
    version: VersionField,
    kind: z.enum(DECISION_CHANGE_KIND_LIST as [DecisionChangeKind, ...DecisionChangeKind[]]),
    basis: z.enum(DECISION_CHANGE_BASIS_LIST as [DecisionChangeBasis, ...DecisionChangeBasis[]]),
    on: optDate,
    reason: text(2, 2000, '请填写变更或撤销的理由及文书'),
    ...penaltyFields,
    summary: optText(3000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'changed' && !v.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: '请填写变更后的处罚内容' });
  });
export type ChangeDecisionInput = z.infer<typeof ChangeDecisionInput>;

export const CaseListQuery = PageQuery.extend({
  /** 页签; default: every open case (closed_on IS NULL). 'all' lists closed ones too. */
  tab: z.union([CaseTabEnum, z.literal('open'), z.literal('all')]).default('open'),
  status: CaseStatusEnum.optional(),
  caseType: CaseTypeEnum.optional(),
  procedure: CaseProcedureEnum.optional(),
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  deadlineState: z.enum(['normal', 'warning', 'overdue', 'paused']).optional(),
  /** 案号、当事人或案由. */
  q: z.string().trim().max(100).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseLeadIdParam = z.object({ leadId: z.coerce.number().int().positive().max(2147483647) });
export const CaseOfficersQuery = z.object({ unitId: z.coerce.number().int().positive().max(2147483647).optional() });

// ---------- DTOs ----------
const DeadlineStateEnum = z.enum(['normal', 'warning', 'overdue', 'paused']);

export const CaseListItemDto = z.object({
  id: z.number(),
  caseNo: z.string(),
  title: z.string(),
  caseType: CaseTypeEnum,
  procedure: CaseProcedureEnum,
  status: CaseStatusEnum,
  statusLabel: z.string(),
  partyKind: z.enum(['organization', 'person']),
  /** A person's name masked (张*); an organisation's in full. */
  partyName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  filedOn: z.string(),
  dueOn: z.string().nullable(),
  deadlineState: DeadlineStateEnum.nullable(),
  major: z.boolean(),
  fromComplaint: z.boolean(),
  decision: CaseDecisionEnum.nullable(),
  fineAmount: z.number().nullable(),
  leadHandlerName: z.string().nullable(),
  version: z.number(),
});
export type CaseListItemDto = z.infer<typeof CaseListItemDto>;

export const CaseListPageDto = pageOf(CaseListItemDto).extend({
  /** The total was counted up to a cap (large lists): show “N 条以上”. */
  totalIsLowerBound: z.boolean(),
});
export type CaseListPageDto = z.infer<typeof CaseListPageDto>;

export const CaseDeadlineDto = z.object({
  id: z.number(),
  ruleKey: z.string(),
  title: z.string(),
  startOn: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']),
  completedOn: z.string().nullable(),
  provisional: z.boolean(),
  /** 法律依据 of the rule version in force when it was opened. */
  basis: z.object({ regulation: z.string(), article: z.string(), version: z.string() }),
  amount: z.number(),
  unit: z.enum(['workingDays', 'calendarDays', 'months']),
  /** Pauses (不计入期限) with their reasons. */
  pauses: z.array(z.object({ from: z.string(), until: z.string().nullable(), reason: z.string() })),
  extensions: z.array(z.object({ amount: z.number(), unit: z.string(), reason: z.string(), approvedOn: z.string() })),
});
export type CaseDeadlineDto = z.infer<typeof CaseDeadlineDto>;

export const CaseHandlerDto = z.object({
  userId: z.number(),
  name: z.string(),
  role: z.enum(['lead', 'assistant']),
  certNo: z.string(),
  unitName: z.string().nullable(),
});
export type CaseHandlerDto = z.infer<typeof CaseHandlerDto>;

export const CaseActionDto = z.object({
  id: z.number(),
  action: z.string(),
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type CaseActionDto = z.infer<typeof CaseActionDto>;

export const CaseEvidenceDto = z.object({
  id: z.number(),
  kind: CaseEvidenceKindEnum,
  title: z.string(),
  collectedOn: z.string(),
  collectedBy: z.string(),
  note: z.string().nullable(),
  file: z.object({ id: z.number(), name: z.string(), size: z.number(), mime: z.string(), downloadUrl: z.string() }).nullable(),
  createdAt: z.string(),
});
export type CaseEvidenceDto = z.infer<typeof CaseEvidenceDto>;

export const CaseMeasureDto = z.object({
  id: z.number(),
  kind: CaseMeasureKindEnum,
  label: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  items: z.string().nullable(),
  outcome: z.string().nullable(),
  running: z.boolean(),
  /** The measure's own deadline (先行登记保存 7 个工作日, 查封扣押 30 日, 协助调查 15 个工作日). */
  deadline: CaseDeadlineDto.nullable(),
});
export type CaseMeasureDto = z.infer<typeof CaseMeasureDto>;

export const CaseDetailDto = CaseListItemDto.extend({
  countyUnitId: z.number().nullable(),
  leadId: z.number().nullable(),
  leadNo: z.string().nullable(),
  party: z.object({
    kind: z.enum(['organization', 'person']),
    name: z.string(),
    uscc: z.string().nullable(),
    idNoMasked: z.string().nullable(),
    legalRep: z.string().nullable(),
    address: z.string().nullable(),
    regionCode: z.string().nullable(),
  }),
  facts: z.string().nullable(),
  illegalTurnover: z.number().nullable(),
  illegalGains: z.number().nullable(),
  repeatWithin5Years: z.boolean(),
  decisionLabel: z.string().nullable(),
  decisionOn: z.string().nullable(),
  decisionDocNo: z.string().nullable(),
  penaltyKinds: z.array(CasePenaltyKindEnum),
  confiscatedAmount: z.number().nullable(),
  decisionSummary: z.string().nullable(),
  /** Published under 总局令第45号 (ordinary procedure, not warning-only). */
  published: z.boolean(),
  servedOn: z.string().nullable(),
  fineDueOn: z.string().nullable(),
  paidOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  archivedOn: z.string().nullable(),
  handlers: z.array(CaseHandlerDto),
  actions: z.array(CaseActionDto),
  evidence: z.array(CaseEvidenceDto),
  measures: z.array(CaseMeasureDto),
  deadlines: z.array(CaseDeadlineDto),
  /** Actions the status allows and the actor may take (buttons to show). */
  allowedActions: z.array(CaseActionEnum),
  /** Decisions the status allows (for the decide form). */
  decisionsAllowed: z.array(CaseDecisionEnum),
  /** Facts the action forms need. */
  guide: z.object({
    /** A major case: 集体讨论 before a penalty or no-penalty decision (第五十七条第二款). */
    collectiveDiscussionRequired: z.boolean(),
    collectiveDiscussionDone: z.boolean(),
    /** Last day the party may state its defence or ask for a hearing (5 个工作日 after the notice). */
    statementPeriodUntil: z.string().nullable(),
    /** The penalty decision may be taken now (period over, or the party waived the hearing). */
    statementPeriodOver: z.boolean(),
    /** The proposal in the 行政处罚告知书 (for the decide form's defaults). */
    proposal: z
      .object({ penaltyKinds: z.array(CasePenaltyKindEnum), fineAmount: z.number().nullable(), confiscatedAmount: z.number().nullable(), summary: z.string() })
      .nullable(),
    hearing: z
      .object({ requestedOn: z.string().nullable(), noticeOn: z.string().nullable(), hearingOn: z.string().nullable(), place: z.string().nullable(), host: z.string().nullable(), heldOn: z.string().nullable() })
      .nullable(),
    /** Running measures that must end before 调查终结. */
    runningMeasuresBlockingConclusion: z.number(),
  }),
  abilities: z.object({ viewPartyIdentity: z.boolean() }),
});
export type CaseDetailDto = z.infer<typeof CaseDetailDto>;

export const CasePrefillDto = z.object({
  leadId: z.number(),
  leadNo: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  caseType: CaseTypeEnum,
  title: z.string(),
  facts: z.string(),
  fromComplaint: z.boolean(),
  party: z.object({
    kind: z.enum(['organization', 'person']),
    name: z.string(),
    uscc: z.string().nullable(),
    address: z.string().nullable(),
    regionCode: z.string().nullable(),
  }),
});
export type CasePrefillDto = z.infer<typeof CasePrefillDto>;

export const CaseOfficerDto = z.object({
  id: z.number(),
  displayName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  certNo: z.string(),
});
export type CaseOfficerDto = z.infer<typeof CaseOfficerDto>;

export const CasePartyIdentityDto = z.object({ idNo: z.string().nullable() });
export type CasePartyIdentityDto = z.infer<typeof CasePartyIdentityDto>;
