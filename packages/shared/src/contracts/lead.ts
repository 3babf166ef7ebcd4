/**
 * Contracts of leads (线索): registration, Excel import, system-to-system transfer, dispatch from the city to a county
 * bureau and its stations, the complaint path (受理、调解) and the report/lead path (核查、立案决定、告知举报人).
 * Workflow table: domain/lead-workflow.ts. Server: apps/server/src/modules/leads.
 *
 * Endpoints
 *   GET  /api/leads?tab&status&kind&source&unitId&deadlineState&q&page&pageSize   (lead.read)   → Page<LeadListItemDto>
 *   GET  /api/leads/:id                                                          (lead.read)   → LeadDetailDto
 *   GET  /api/leads/:id/informant      (submission.identity.read, audited)                      → LeadInformantDto
 *   POST /api/leads                    CreateLeadInput                           (lead.create) → 201 LeadDetailDto
 *   POST /api/leads/transfer           LeadTransferInput                         (lead.create) → 201/200 LeadTransferResultDto
 *   GET  /api/leads/import-template.xlsx                                         (lead.create)
 *   POST /api/leads/import             multipart, field "file" (.xlsx)           (lead.create) → LeadImportResultDto
 *   POST /api/leads/:id/actions/:action  LEAD_ACTION_INPUTS[action] (each with `version`)        → LeadDetailDto
 *   GET  /api/submissions/:id/dispatch-targets                          (submission.read)  → DispatchTargetsDto
 *   POST /api/submissions/:id/dispatch   DispatchSubmissionInput        (lead.dispatch)    → SubmissionDetailDto
 *
 * Errors: 400 VALIDATION_FAILED with details[].path; 404 outside the data scope; 409 VERSION_CONFLICT;
 * 409 ACTION_NOT_ALLOWED {details: {allowedActions}}; 409 IDEMPOTENCY_CONFLICT (transfer: same external id, other content).
 */
import { z } from 'zod';
import {
  FILING_DECISIONS,
  LEAD_ACTION_LIST,
  LEAD_KIND_LIST,
  LEAD_REJECTION_REASON_LIST,
  LEAD_RETURN_REASON_LIST,
  LEAD_SOURCE_LIST,
  LEAD_STATUS_LIST,
  LEAD_TAB_LIST,
  LEAD_TERMINATION_REASON_LIST,
  LEAD_USER_ACTIONS,
  LEAD_VERIFICATION_PAUSE_REASON_LIST,
  MANUAL_LEAD_SOURCES,
  MEDIATION_AGREEMENT_FORMS,
  VERIFICATION_RESULTS,
  type FilingDecision,
  type LeadAction,
  type LeadKind,
  type LeadRejectionReason,
  type LeadReturnReason,
  type LeadSource,
  type LeadStatus,
  type LeadTab,
  type LeadTerminationReason,
  type LeadUserAction,
  type LeadVerificationPauseReason,
  type ManualLeadSource,
  type MediationAgreementForm,
  type VerificationResult,
} from '../domain/lead-workflow';
import { isLandline, isMobile, isUscc } from '../domain/validators';
import { IsoDateString, PageQuery } from './common';
import { IpTypeEnum } from './submission';

const enumOf = <T extends string>(list: readonly T[]) => z.enum(list as unknown as [T, ...T[]]);

export const LeadKindEnum = enumOf<LeadKind>(LEAD_KIND_LIST);
export const LeadSourceEnum = enumOf<LeadSource>(LEAD_SOURCE_LIST);
export const ManualLeadSourceEnum = enumOf<ManualLeadSource>(MANUAL_LEAD_SOURCES);
export const LeadStatusEnum = enumOf<LeadStatus>(LEAD_STATUS_LIST);
export const LeadActionEnum = enumOf<LeadAction>(LEAD_ACTION_LIST);
export const LeadUserActionEnum = enumOf<LeadUserAction>(LEAD_USER_ACTIONS);
export const LeadTabEnum = enumOf<LeadTab>(LEAD_TAB_LIST);
export const LeadRejectionReasonEnum = enumOf<LeadRejectionReason>(LEAD_REJECTION_REASON_LIST);
export const LeadTerminationReasonEnum = enumOf<LeadTerminationReason>(LEAD_TERMINATION_REASON_LIST);
export const LeadReturnReasonEnum = enumOf<LeadReturnReason>(LEAD_RETURN_REASON_LIST);
export const LeadVerificationPauseReasonEnum = enumOf<LeadVerificationPauseReason>(LEAD_VERIFICATION_PAUSE_REASON_LIST);
export const MediationAgreementFormEnum = enumOf<MediationAgreementForm>(Object.keys(MEDIATION_AGREEMENT_FORMS) as MediationAgreementForm[]);
export const VerificationResultEnum = enumOf<VerificationResult>(Object.keys(VERIFICATION_RESULTS) as VerificationResult[]);
export const FilingDecisionEnum = enumOf<FilingDecision>(Object.keys(FILING_DECISIONS) as FilingDecision[]);
export const LeadDeadlineStateEnum = z.enum(['normal', 'warning', 'overdue', 'paused']);

/** How a party was told (告知方式). */
export const LEAD_NOTICE_METHODS = { phone: '电话', sms: '短信', letter: '书面', inPerson: '当面', online: '网上告知' } as const;
export type LeadNoticeMethod = keyof typeof LEAD_NOTICE_METHODS;
export const LeadNoticeMethodEnum = enumOf<LeadNoticeMethod>(Object.keys(LEAD_NOTICE_METHODS) as LeadNoticeMethod[]);

const optText = (max: number) =>
  z.string().trim().max(max).nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));
const reqText = (min: number, max: number, message: string) => z.string({ error: message }).trim().min(min, message).max(max);

// ---------- registration ----------

export const LeadRespondentInput = z.object({
  name: reqText(2, 200, '请填写被投诉（举报）人或涉嫌违法主体名称'),
  uscc: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
  address: optText(300),
  /** County (6 digits) or township (9 digits) code from the division list; the server checks that it exists. */
  regionCode: z
    .string()
    .trim()
    .regex(/^(\d{6}|\d{9})?$/, '区划代码应为 6 位（县级）或 9 位（乡镇）数字')
    .nullish()
    .transform((v) => v || null),
});
export type LeadRespondentInput = z.infer<typeof LeadRespondentInput>;

export const LeadInformantInput = z.object({
  name: reqText(2, 50, '请填写投诉人、举报人或联系人姓名'),
  phone: optText(30),
});
export type LeadInformantInput = z.infer<typeof LeadInformantInput>;

const leadFields = {
  kind: LeadKindEnum,
  source: ManualLeadSourceEnum,
  /** The number in the source system (12315 登记号, 省平台线索号 …); one lead per source and number. */
  externalId: optText(100),
  ipType: IpTypeEnum,
  title: reqText(4, 200, '请填写标题（案由摘要），至少 4 个字'),
  facts: reqText(10, 5000, '请填写线索内容，至少 10 个字'),
  respondent: LeadRespondentInput,
  informant: LeadInformantInput.nullish().transform((v) => v ?? null),
  /** 实名举报 (暂行办法 第三十一条: told of the 立案 decision within 5 working days). */
  realName: z.boolean().default(false),
  /** 收到之日: the acceptance and verification periods count from it (the day itself not counted). */
  receivedOn: IsoDateString,
  note: optText(1000),
};

type LeadFields = { kind: LeadKind; respondent: { uscc: string | null }; informant: { name: string; phone: string | null } | null; realName: boolean };

function checkLead(v: LeadFields, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (v.respondent.uscc && !isUscc(v.respondent.uscc)) issue(['respondent', 'uscc'], '统一社会信用代码不正确，请核对（18 位，含校验码）');
  if (v.informant?.phone && !isMobile(v.informant.phone) && !isLandline(v.informant.phone)) {
    issue(['informant', 'phone'], '联系电话应为 11 位手机号或带区号的固定电话');
  }
  // 暂行办法 第九条: 投诉应当提供投诉人的姓名、电话号码.
  if (v.kind === 'complaint') {
    if (!v.informant) issue(['informant'], '投诉须登记投诉人姓名和联系电话（暂行办法 第九条）');
    else if (!v.informant.phone) issue(['informant', 'phone'], '投诉须登记投诉人联系电话（暂行办法 第九条）');
  }
  if (v.realName && !v.informant) issue(['informant'], '实名举报须登记举报人姓名');
}

export const CreateLeadInput = z.object(leadFields).superRefine(checkLead);
export type CreateLeadInput = z.infer<typeof CreateLeadInput>;
export type CreateLeadRawInput = z.input<typeof CreateLeadInput>;

/**
 * System-to-system transfer (省平台、12315 等): the same fields, the external id required. Idempotent by source + external
 * id: a replay of the same content answers the existing lead with `replayed: true`; other content under the same id is 409.
 */
export const LeadTransferInput = z
  .object({ ...leadFields, externalId: reqText(1, 100, '请提供来源系统中的线索编号（externalId）') })
  .superRefine(checkLead);
export type LeadTransferInput = z.infer<typeof LeadTransferInput>;

// ---------- list ----------

export const LeadListQuery = PageQuery.extend({
  tab: LeadTabEnum.optional(),
  status: LeadStatusEnum.optional(),
  kind: LeadKindEnum.optional(),
  source: LeadSourceEnum.optional(),
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  deadlineState: LeadDeadlineStateEnum.optional(),
  /** Lead number, title or respondent name (part of it). */
  q: z.string().trim().max(100).optional(),
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const LeadListItemDto = z.object({
  id: z.number(),
  leadNo: z.string(),
  kind: LeadKindEnum,
  source: LeadSourceEnum,
  ipType: IpTypeEnum,
  title: z.string(),
  respondentName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  status: LeadStatusEnum,
  statusLabel: z.string(),
  receivedOn: z.string(),
  /** Earliest due date of the open deadlines, and their worst state (黄灯 warning / 红灯 overdue / paused). */
  dueOn: z.string().nullable(),
  deadlineState: LeadDeadlineStateEnum.nullable(),
  realName: z.boolean(),
  version: z.number(),
});
export type LeadListItemDto = z.infer<typeof LeadListItemDto>;

// ---------- detail ----------

export const LeadTimelineEntryDto = z.object({
  id: z.number(),
  action: LeadActionEnum,
  actionLabel: z.string(),
  fromStatus: LeadStatusEnum.nullable(),
  toStatus: LeadStatusEnum,
  unitName: z.string(),
  toUnitName: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reasonLabel: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type LeadTimelineEntryDto = z.infer<typeof LeadTimelineEntryDto>;

export const LeadDeadlineDto = z.object({
  id: z.number(),
  /** 事项 */
  title: z.string(),
  ruleKey: z.string(),
  /** 起算日 (not itself counted) */
  startOn: z.string(),
  /** 届满日 */
  dueOn: z.string().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']),
  /** Working days left until the due date (negative when overdue); null when done. */
  workingDaysLeft: z.number().nullable(),
  completedOn: z.string().nullable(),
  provisional: z.boolean(),
  basis: z.object({ regulation: z.string(), article: z.string(), version: z.string(), trust: z.enum(['verified', 'secondary', 'unverified']) }),
  /** Pauses (不计入期限的期间) and approved extensions, for the record. */
  pauses: z.array(z.object({ from: z.string(), until: z.string().nullable(), reason: z.string() })),
  extensions: z.array(z.object({ amount: z.number(), unit: z.string(), reason: z.string(), approvedOn: z.string() })),
});
export type LeadDeadlineDto = z.infer<typeof LeadDeadlineDto>;

export const LeadUnitOptionDto = z.object({ id: z.number(), name: z.string(), suggested: z.boolean() });
export type LeadUnitOptionDto = z.infer<typeof LeadUnitOptionDto>;

export const LeadRefDto = z.object({ id: z.number(), leadNo: z.string(), title: z.string(), status: LeadStatusEnum, statusLabel: z.string() });
export type LeadRefDto = z.infer<typeof LeadRefDto>;

export const LeadDetailDto = LeadListItemDto.extend({
  externalId: z.string().nullable(),
  facts: z.string(),
  respondentUscc: z.string().nullable(),
  respondentAddress: z.string().nullable(),
  respondentRegionCode: z.string().nullable(),
  respondentRegionName: z.string().nullable(),
  /** Masked (张*, 138****1234); the full identity only via /informant (audited). Null when none was recorded. */
  informant: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  intakeUnitId: z.number(),
  intakeUnitName: z.string(),
  countyUnitId: z.number().nullable(),
  countyUnitName: z.string().nullable(),
  submission: z.object({ id: z.number(), receiptNo: z.string() }).nullable(),
  parent: LeadRefDto.nullable(),
  children: z.array(LeadRefDto),
  case: z.object({ id: z.number(), caseNo: z.string() }).nullable(),
  reasonCode: z.string().nullable(),
  reasonLabel: z.string().nullable(),
  verificationResult: VerificationResultEnum.nullable(),
  decision: FilingDecisionEnum.nullable(),
  decidedOn: z.string().nullable(),
  reporterNotifiedOn: z.string().nullable(),
  result: z.string().nullable(),
  closedOn: z.string().nullable(),
  createdAt: z.string(),
  timeline: z.array(LeadTimelineEntryDto),
  deadlines: z.array(LeadDeadlineDto),
  /** The actions this user may take now (status table ∩ permissions ∩ responsible unit): the buttons to show. */
  allowedActions: z.array(LeadUserActionEnum),
  abilities: z.object({
    /** 查看完整身份信息 (submission.identity.read, audited). */
    viewInformant: z.boolean(),
    /** 登记案件: 立案 approved, the user may handle cases (opens /admin/cases?newFromLead=id). */
    registerCase: z.boolean(),
  }),
  /** County bureaus for 分派 (the suggested one from the respondent's region first), when dispatch is allowed. */
  dispatchTargets: z.array(LeadUnitOptionDto),
  /** Stations of the county bureau for 指派, when assign is allowed. */
  assignTargets: z.array(LeadUnitOptionDto),
});
export type LeadDetailDto = z.infer<typeof LeadDetailDto>;

export const LeadInformantDto = z.object({ name: z.string().nullable(), phone: z.string().nullable(), realName: z.boolean(), fromSubmission: z.boolean() });
export type LeadInformantDto = z.infer<typeof LeadInformantDto>;

export const LeadTransferResultDto = z.object({ replayed: z.boolean(), lead: LeadDetailDto });
export type LeadTransferResultDto = z.infer<typeof LeadTransferResultDto>;

// ---------- actions (each with the row version it was read at) ----------

const version = z.number({ error: '缺少版本号' }).int();
const on = IsoDateString.optional();
const note = optText(1000);
const unitId = z.number({ error: '请选择机构' }).int().positive().max(2147483647);

export const LEAD_ACTION_INPUTS = {
  dispatch: z.object({ version, toUnitId: unitId, note }),
  sign: z.object({ version, note }),
  return: z.object({ version, reasonCode: LeadReturnReasonEnum, note: reqText(4, 1000, '请说明退回理由，至少 4 个字') }),
  assign: z.object({ version, toUnitId: unitId, note }),
  accept: z.object({ version, on, note }),
  reject: z.object({
    version, on, reasonCode: LeadRejectionReasonEnum,
    /** Shown to the complainant. */
    publicText: reqText(4, 1000, '请填写告知投诉人的不予受理理由，至少 4 个字'),
  }),
  startMediation: z.object({
    version, on,
    // 暂行办法 第十六条: 经投诉人和被投诉人同意，采用调解的方式处理投诉.
    bothConsent: z.literal(true, { error: '调解须经投诉人和被投诉人双方同意（暂行办法 第十六条）' }),
    mediators: optText(200),
    note,
  }),
  startTesting: z.object({ version, from: IsoDateString, note: reqText(2, 500, '请说明检定、检验、检测或鉴定事项') }),
  endTesting: z.object({ version, on: IsoDateString, note }),
  suspendMediation: z.object({ version, from: IsoDateString, note: reqText(2, 500, '请说明回避申请的提出人和理由') }),
  resumeMediation: z.object({ version, on: IsoDateString, note: reqText(2, 500, '请填写是否回避的决定') }),
  agreementReached: z.object({ version, on, form: MediationAgreementFormEnum, result: reqText(4, 1000, '请填写调解结果，至少 4 个字') }),
  terminateMediation: z.object({ version, on, reasonCode: LeadTerminationReasonEnum, note: reqText(4, 1000, '请说明终止调解的情况，至少 4 个字') }),
  notifyTermination: z.object({ version, on, method: LeadNoticeMethodEnum, note }),
  spawnLead: z.object({
    version, on,
    title: reqText(4, 200, '请填写违法线索标题，至少 4 个字'),
    facts: reqText(10, 5000, '请填写发现的违法线索内容，至少 10 个字'),
  }),
  startVerification: z.object({ version, note }),
  pauseVerification: z.object({ version, from: IsoDateString, reasonCode: LeadVerificationPauseReasonEnum, note }),
  resumeVerification: z.object({ version, on: IsoDateString, note }),
  submitVerification: z.object({
    version, result: VerificationResultEnum, proposal: FilingDecisionEnum,
    opinion: reqText(4, 2000, '请填写核查情况和处理意见，至少 4 个字'),
  }),
  approveFiling: z.object({ version, on, opinion: note }),
  declineFiling: z.object({ version, on, opinion: reqText(4, 1000, '请填写不予立案的理由，至少 4 个字') }),
  sendBack: z.object({ version, opinion: reqText(4, 1000, '请说明需要补充核查的内容，至少 4 个字') }),
  notifyReporter: z.object({ version, on, method: LeadNoticeMethodEnum, note }),
  close: z.object({ version, on, result: reqText(4, 1000, '请填写办理结果，至少 4 个字') }),
} as const satisfies Record<LeadUserAction, z.ZodType>;

export type LeadActionInput<A extends LeadUserAction> = z.infer<(typeof LEAD_ACTION_INPUTS)[A]>;
export type LeadActionRawInput<A extends LeadUserAction> = z.input<(typeof LEAD_ACTION_INPUTS)[A]>;

/** The permission each user action needs (coarse; the service adds the responsible-unit check). */
export const LEAD_ACTION_PERMISSIONS = {
  dispatch: 'lead.dispatch',
  approveFiling: 'lead.approve',
  declineFiling: 'lead.approve',
  sendBack: 'lead.approve',
} as const satisfies Partial<Record<LeadUserAction, string>>;
export function leadActionPermission(action: LeadUserAction): 'lead.dispatch' | 'lead.approve' | 'lead.handle' {
  return (LEAD_ACTION_PERMISSIONS as Partial<Record<LeadUserAction, 'lead.dispatch' | 'lead.approve'>>)[action] ?? 'lead.handle';
}

// ---------- import ----------

export const LeadImportResultDto = z.object({
  /** Data rows read (the header row not counted). */
  total: z.number(),
  imported: z.array(z.object({ row: z.number(), id: z.number(), leadNo: z.string() })),
  /** 已存在: the same source and external id was imported before (nothing changed). */
  existing: z.array(z.object({ row: z.number(), externalId: z.string(), id: z.number(), leadNo: z.string() })),
  /** Row number as in Excel (header = 1), column title, reason. */
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  /** The error report (.xlsx) to download through GET /api/files/:id; null without errors. */
  errorReportFileId: z.number().nullable(),
});
export type LeadImportResultDto = z.infer<typeof LeadImportResultDto>;

// ---------- dispatch of a portal submission (统一受理 → 县级局) ----------

export const DispatchSubmissionInput = z.object({ version, toUnitId: unitId, note });
export type DispatchSubmissionInput = z.infer<typeof DispatchSubmissionInput>;

export const DispatchTargetsDto = z.object({
  targets: z.array(LeadUnitOptionDto),
  suggestedUnitId: z.number().nullable(),
  /** The respondent's region the suggestion comes from. */
  regionName: z.string().nullable(),
});
export type DispatchTargetsDto = z.infer<typeof DispatchTargetsDto>;
