/**
 * Contracts of IP-dispute mediation (人民调解 / 诉调对接 / 司法确认) and the mediator pool (人民调解员专家库).
 * Workflow table and code tables: domain/mediation-workflow.ts. Server: apps/server/src/modules/mediation.
 * Legal basis: 人民调解法 第十七条、第二十二条至第三十三条; 最高人民法院关于人民法院特邀调解的规定 第二十七条 (委派 30 日,
 * 委托 15 日 / 简易 7 日, 自调解员签收材料之日起, 双方同意可延长); 人民法院在线调解规则 第十二条、第二十四条; 民事诉讼法
 * 第二百零五条、第二百零六条; 民诉法解释 第三百五十五条 (确权协议不予司法确认); legal-rules.md §1.5, §4.6.
 *
 * Endpoints
 *  portal (logged-in public user)
 *   POST /api/portal/mediations     header Idempotency-Key  PortalMediationInput → 201 MediationReceiptDto
 *                                   (same key + same body → 201 with the same receipt and header idempotent-replayed: true;
 *                                   same key + other body → 409 IDEMPOTENCY_CONFLICT)
 *   GET  /api/portal/mediations/mine?page&pageSize                   → Page<MyMediationDto>
 *   GET  /api/portal/mediations/mine/:mediationNo                    → MyMediationProgressDto (own application only, else 404)
 *  mediator pool
 *   GET    /api/mediators?q&kind&expertise&status&page&pageSize      (mediation.read)   → Page<MediatorDto>
 *   GET    /api/mediators/accounts                                   (mediation.manage) → MediatorAccountDto[] (staff with the 调解员 role)
 *   GET    /api/mediators/candidates?mediationId=                    (mediation.handle) → MediatorCandidateDto[]
 *   GET    /api/mediators/:id                                        (mediation.read)   → MediatorDto
 *   POST   /api/mediators                 MediatorInput              (mediation.manage) → 201 MediatorDto
 *   PUT    /api/mediators/:id             UpdateMediatorInput        (mediation.manage) → MediatorDto
 *   POST   /api/mediators/:id/conflicts   MediatorConflictInput      (mediation.manage) → 201 MediatorDto
 *   DELETE /api/mediators/:id/conflicts/:cid                         (mediation.manage) → MediatorDto
 *  mediations (staff; scope: unit_id in the actor's scope, or — scope 仅本人 — a mediator assigned to it)
 *   GET  /api/mediations?tab&status&source&ipType&deadlineState&mediatorId&q&page&pageSize (mediation.read) → Page<MediationListItemDto>
 *   POST /api/mediations                  RegisterMediationInput     (mediation.handle) → 201 MediationDetailDto
 *   GET  /api/mediations/:id                                         (mediation.read)   → MediationDetailDto
 *   POST /api/mediations/:id/actions/:action  MEDIATION_ACTION_INPUTS[action] (each with `version`) (mediation.handle) → MediationDetailDto
 *   GET  /api/mediations/:id/identity     (audited: full ID numbers and phones) (mediation.handle) → MediationIdentityDto
 *   POST /api/mediations/:id/files        multipart, field "file"    (mediation.handle) → 201 MediationFileDto (e.g. signed minutes;
 *                                         then pass its id as recordSession.fileId)
 *   GET  /api/mediations/:id/files/:fileId                           (mediation.read)   → the file (download)
 *  statistics (scope-limited)
 *   GET  /api/mediation-stats?from&to                                (mediation.stats)  → MediationStatsDto
 *   GET  /api/mediation-stats.xlsx?from&to                           (mediation.stats)  → .xlsx (one sheet per breakdown)
 *  documents: the 调解协议书 is generated through /api/documents with entityType 'mediation', kind 'mediationAgreement'.
 *
 * Errors: 400 VALIDATION_FAILED with details[].path (body.parties.1.uscc, body.mediators …); 404 outside the data scope;
 * 409 VERSION_CONFLICT on a stale `version`; 409 ACTION_NOT_ALLOWED {details: {status, allowedActions}} when the status
 * does not allow the action or a guard fails (回避, 司法确认 window or 确权 block, court not yet informed …; the message says why).
 */
import { z } from 'zod';
import {
  AGREEMENT_TERM_KINDS,
  COURT_PROCEDURES,
  DISPUTE_TYPES,
  MEDIATION_ACTION_LIST,
  MEDIATION_IP_TYPES,
  MEDIATION_SOURCE_LIST,
  MEDIATION_STATUS_LIST,
  MEDIATION_TERMINATION_REASONS,
  MEDIATOR_EXPERTISE,
  MEDIATOR_KINDS,
  type AgreementTermKind,
  type CourtProcedure,
  type DisputeType,
  type MediationAction,
  type MediationIpType,
  type MediationSource,
  type MediationStatus,
  type MediationTerminationReason,
  type MediatorExpertise,
  type MediatorKind,
} from '../domain/mediation-workflow';
import { checkResidentIdNo, checkUscc, isLandline, isMobile } from '../domain/validators';
import { CaseDeadlineDto } from './case';
import { IsoDateString, PageQuery, pageOf } from './common';

const e = <T extends string>(list: readonly T[]) => z.enum(list as unknown as [T, ...T[]]);
const keys = <T extends string>(o: Record<T, string>) => Object.keys(o) as T[];

export const MediationStatusEnum = e<MediationStatus>(MEDIATION_STATUS_LIST);
export const MediationActionEnum = e<MediationAction>(MEDIATION_ACTION_LIST);
export const MediationSourceEnum = e<MediationSource>(MEDIATION_SOURCE_LIST);
export const MediationIpTypeEnum = e<MediationIpType>(keys(MEDIATION_IP_TYPES));
export const MediationDisputeTypeEnum = e<DisputeType>(keys(DISPUTE_TYPES));
export const MediationCourtProcedureEnum = e<CourtProcedure>(keys(COURT_PROCEDURES));
export const MediationTermKindEnum = e<AgreementTermKind>(keys(AGREEMENT_TERM_KINDS));
export const MediatorKindEnum = e<MediatorKind>(keys(MEDIATOR_KINDS));
export const MediatorExpertiseEnum = e<MediatorExpertise>(keys(MEDIATOR_EXPERTISE));
export const MediationTerminationReasonEnum = e<MediationTerminationReason>(keys(MEDIATION_TERMINATION_REASONS));
export const MediationChannelEnum = z.enum(['portal', 'window', 'court', 'internal']);
export type MediationChannel = z.infer<typeof MediationChannelEnum>;
export const MEDIATION_CHANNELS: Record<MediationChannel, string> = { portal: '门户在线申请', window: '窗口申请', court: '法院移送', internal: '系统内转入' };

/** Sources staff may register with POST /api/mediations ('adjudication' comes from the adjudication module only). */
export const REGISTRABLE_MEDIATION_SOURCES = ['application', 'courtDelegated', 'courtEntrusted', 'complaint'] as const;
export type RegistrableMediationSource = (typeof REGISTRABLE_MEDIATION_SOURCES)[number];

export const MEDIATION_PERFORMANCES = { performed: '已履行', partlyPerformed: '部分履行', notPerformed: '未履行' } as const;
export type MediationPerformance = keyof typeof MEDIATION_PERFORMANCES;
export const MEDIATION_RULINGS = { confirmed: '裁定调解协议有效', rejected: '裁定驳回申请' } as const;
export type MediationRuling = keyof typeof MEDIATION_RULINGS;
export const MEDIATION_AGREEMENT_TYPES = { written: '书面调解协议', oral: '口头调解协议' } as const;
export type MediationAgreementType = keyof typeof MEDIATION_AGREEMENT_TYPES;
export const MEDIATOR_ROLES = { chief: '主持调解员', member: '参与调解员' } as const;
export type MediatorRole = keyof typeof MEDIATOR_ROLES;
export const MEDIATION_PARTY_SIDES = { applicant: '申请人', respondent: '被申请人' } as const;
export type MediationPartySide = keyof typeof MEDIATION_PARTY_SIDES;

/** Every action needs mediation.handle (besides being in scope); the pool needs mediation.manage. */
export const MEDIATION_MAX_FILES = 10;

// ---------- building blocks ----------
const text = (min: number, max: number, required: string) => z.string({ error: required }).trim().min(min, required).max(max, `不能超过 ${max} 个字符`);
const optText = (max: number) =>
  z.string().trim().max(max, `不能超过 ${max} 个字符`).nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));
const Id = z.number().int().positive().max(2147483647);
const VersionField = z.number({ error: '缺少版本号' }).int().positive();
const optDate = IsoDateString.nullish().transform((v) => v ?? null);
/** Yuan, not negative, at most two decimals. */
export const MediationMoney = z
  .number({ error: '请填写金额' })
  .refine((v) => Number.isFinite(v) && v >= 0 && v < 1e14 && Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额应为不小于 0 的数字，最多两位小数');
const optMoney = MediationMoney.nullish().transform((v) => (v === undefined ? null : v));
const Phone = z
  .string()
  .trim()
  .max(30)
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isMobile(v) || isLandline(v), '联系电话应为 11 位手机号或带区号的固定电话');

// ---------- 当事人 ----------
/**
 * A party. An organisation's 统一社会信用代码 and a person's 居民身份证号 are optional (a respondent's may be unknown)
 * but checked when given; ID numbers and phones are stored SM4-encrypted and shown masked.
 */
export const MediationPartyInput = z
  .object({
    side: z.enum(['applicant', 'respondent'], { error: '请选择申请人或被申请人' }),
    kind: z.enum(['organization', 'person'], { error: '请选择当事人类别（单位或自然人）' }),
    name: text(2, 200, '请填写当事人名称或姓名'),
    uscc: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
    idNo: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
    phone: Phone,
    address: optText(300),
    /** 委托代理人 (name, and firm when a lawyer). */
    agent: optText(200),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'organization') {
      if (v.uscc) {
        const c = checkUscc(v.uscc);
        if (!c.ok) ctx.addIssue({ code: 'custom', path: ['uscc'], message: c.message ?? '统一社会信用代码不正确' });
      }
      if (v.idNo) ctx.addIssue({ code: 'custom', path: ['idNo'], message: '单位当事人不填写身份证号码' });
    } else {
      if (v.idNo) {
        const c = checkResidentIdNo(v.idNo);
        if (!c.ok) ctx.addIssue({ code: 'custom', path: ['idNo'], message: c.message });
      }
      if (v.uscc) ctx.addIssue({ code: 'custom', path: ['uscc'], message: '自然人当事人不填写统一社会信用代码' });
    }
  });
export type MediationPartyInput = z.infer<typeof MediationPartyInput>;
export type MediationPartyRawInput = z.input<typeof MediationPartyInput>;

function checkParties(parties: { side: string; name: string }[], ctx: z.RefinementCtx): void {
  if (!parties.some((p) => p.side === 'applicant')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '请至少填写一名申请人' });
  if (!parties.some((p) => p.side === 'respondent')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '请至少填写一名被申请人' });
}

const disputeFields = {
  ipType: MediationIpTypeEnum,
  disputeType: MediationDisputeTypeEnum,
  /** 纠纷事由, e.g. 某某公司诉某某厂侵害实用新型专利权纠纷. */
  subject: text(2, 200, '请填写纠纷事由'),
  /** 申请人的请求 (事实与请求). */
  claims: text(5, 5000, '请填写申请调解的事项和请求（不少于 5 个字）'),
  amountClaimed: optMoney,
  parties: z.array(MediationPartyInput).min(2, '请填写申请人和被申请人').max(20, '当事人最多 20 个'),
};

// ---------- 登记 (窗口 / 法院移送 / 投诉转调解) ----------
export const RegisterMediationInput = z
  .object({
    source: z.enum(REGISTRABLE_MEDIATION_SOURCES, { error: '请选择调解来源' }),
    /** The mediating unit; the actor's own unit by default. Must be in the actor's scope. */
    unitId: Id.nullish().transform((v) => v ?? null),
    /** 申请（收到委派、委托）日期 ≤ today; today by default. */
    appliedOn: optDate,
    /** Court sources: the court, its case number (诉前调解号 or 民事案号), the procedure (委托 only) and the day the
     * mediator signed for the materials (≤ today; the court period runs from it, 特邀调解规定 第二十七条). */
    courtName: optText(100),
    courtCaseNo: optText(60),
    courtProcedure: MediationCourtProcedureEnum.nullish().transform((v) => v ?? null),
    materialsReceivedOn: optDate,
    /** Source 'complaint': the complaint lead (kind 'complaint') in the actor's scope. */
    leadId: Id.nullish().transform((v) => v ?? null),
    ...disputeFields,
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.source === 'courtDelegated' || v.source === 'courtEntrusted') {
      if (!v.courtName) issue('courtName', '请填写委派（委托）调解的人民法院');
      if (!v.courtCaseNo) issue('courtCaseNo', '请填写法院案号');
      if (!v.materialsReceivedOn) issue('materialsReceivedOn', '请填写签收法院材料的日期（调解期限自签收之日起算）');
      if (v.source === 'courtEntrusted' && !v.courtProcedure) issue('courtProcedure', '请选择该案适用普通程序还是简易程序（委托调解期限分别为 15 日、7 日）');
    }
    if (v.source === 'complaint' && !v.leadId) issue('leadId', '请选择来源投诉');
    checkParties(v.parties, ctx);
  });
export type RegisterMediationInput = z.infer<typeof RegisterMediationInput>;
export type RegisterMediationRawInput = z.input<typeof RegisterMediationInput>;

// ---------- 门户在线申请 ----------
export const MediationFileRef = z.object({ fileId: Id, uploadToken: z.string().min(16).max(100) });

/**
 * A party's online application (source application, channel portal), handled by the city bureau. The applicant's
 * phone is required (the mediator must reach them). Files are uploaded first through POST /api/portal/files.
 */
export const PortalMediationInput = z
  .object({
    ...disputeFields,
    files: z.array(MediationFileRef).max(MEDIATION_MAX_FILES, `材料最多 ${MEDIATION_MAX_FILES} 个`).default([]),
    /** 申请人确认: 自愿申请调解, 所填信息真实 (人民调解法 第三条 自愿平等). */
    consent: z.literal(true, { error: '请确认自愿申请调解并保证所填信息真实' }),
  })
  .superRefine((v, ctx) => {
    checkParties(v.parties, ctx);
    v.parties.forEach((p, i) => {
      if (p.side === 'applicant' && !p.phone) ctx.addIssue({ code: 'custom', path: ['parties', i, 'phone'], message: '请填写申请人的联系电话' });
    });
    const seen = new Set<number>();
    v.files.forEach((f, i) => {
      if (seen.has(f.fileId)) ctx.addIssue({ code: 'custom', path: ['files', i, 'fileId'], message: '同一文件重复添加' });
      seen.add(f.fileId);
    });
  });
export type PortalMediationInput = z.infer<typeof PortalMediationInput>;
export type PortalMediationRawInput = z.input<typeof PortalMediationInput>;

export const MediationReceiptDto = z.object({
  mediationNo: z.string(),
  appliedOn: z.string(),
  status: MediationStatusEnum,
  statusLabel: z.string(),
  /** e.g. 征求被申请人意见 (专利纠纷: 15 日内) / 确认是否受理. */
  nextStep: z.string(),
  expectedNextStepBy: z.string().nullable(),
});
export type MediationReceiptDto = z.infer<typeof MediationReceiptDto>;

export const MyMediationDto = z.object({
  mediationNo: z.string(),
  ipType: MediationIpTypeEnum,
  disputeType: MediationDisputeTypeEnum,
  disputeTypeLabel: z.string(),
  subject: z.string(),
  respondentNames: z.array(z.string()),
  status: MediationStatusEnum,
  statusLabel: z.string(),
  appliedOn: z.string(),
});
export type MyMediationDto = z.infer<typeof MyMediationDto>;

export const MediationTimelineEntryDto = z.object({
  /** apply 申请 / accept 受理 / refuse 不予调解 / session 调解 / agreement 达成协议 / terminate 终止调解 /
   *  confirmation 申请司法确认 / ruling 司法确认裁定 / close 结案 */
  step: z.enum(['apply', 'accept', 'refuse', 'session', 'agreement', 'terminate', 'confirmation', 'ruling', 'close']),
  title: z.string(),
  on: z.string(),
  text: z.string().nullable(),
});
export type MediationTimelineEntryDto = z.infer<typeof MediationTimelineEntryDto>;

export const MyMediationProgressDto = MyMediationDto.extend({
  unitName: z.string(),
  claims: z.string(),
  timeline: z.array(MediationTimelineEntryDto),
  nextStep: z.string().nullable(),
  expectedNextStepBy: z.string().nullable(),
  /** Plain result text once agreed, refused, terminated or closed. */
  result: z.string().nullable(),
});
export type MyMediationProgressDto = z.infer<typeof MyMediationProgressDto>;
export const MediationNoParam = z.object({ mediationNo: z.string().trim().min(3).max(60) });

// ---------- 调解员专家库 ----------
const MediatorFields = {
  /** 所属调解组织（机构）; the actor's unit by default, must be in scope. */
  unitId: Id.nullish().transform((v) => v ?? null),
  /** A staff account holding the 调解员 role (it then sees the mediations assigned to this mediator). */
  userId: Id.nullish().transform((v) => v ?? null),
  name: text(2, 50, '请填写姓名'),
  kind: MediatorKindEnum,
  employer: optText(200),
  title: optText(100),
  expertise: z.array(MediatorExpertiseEnum).min(1, '请至少选择一项专长').max(6),
  technicalFields: z.array(z.string().trim().min(1).max(30)).max(20, '技术领域最多 20 个').default([]),
  certificates: optText(500),
  available: z.boolean().default(true),
  /** 暂不可用截止日期 (inclusive): with available false, the mediator is available again after it. */
  unavailableUntil: optDate,
  active: z.boolean().default(true),
  note: optText(1000),
};
export const MediatorInput = z.object({ ...MediatorFields, phone: Phone });
export type MediatorInput = z.infer<typeof MediatorInput>;
export type MediatorRawInput = z.input<typeof MediatorInput>;
/** phone: omitted = unchanged (only the masked value is ever shown), null or '' = cleared. */
export const UpdateMediatorInput = z.object({ ...MediatorFields, version: VersionField, phone: Phone.optional() });
export type UpdateMediatorInput = z.infer<typeof UpdateMediatorInput>;
export type UpdateMediatorRawInput = z.input<typeof UpdateMediatorInput>;

export const MediatorConflictInput = z.object({
  partyName: text(2, 200, '请填写有利害关系的单位或个人'),
  partyUscc: optText(18)
    .transform((v) => (v ? v.toUpperCase() : v))
    .superRefine((v, ctx) => {
      if (v) {
        const c = checkUscc(v);
        if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message ?? '统一社会信用代码不正确' });
      }
    }),
  /** e.g. 任职, 近亲属, 代理过其案件. */
  relation: text(2, 100, '请填写利害关系'),
  /** ≤ today; today by default. */
  declaredOn: optDate,
});
export type MediatorConflictInput = z.infer<typeof MediatorConflictInput>;
export const MediatorConflictParam = z.object({
  id: z.coerce.number().int().positive().max(2147483647),
  cid: z.coerce.number().int().positive().max(2147483647),
});

export const MediatorListQuery = PageQuery.extend({
  /** 姓名、工作单位或技术领域. */
  q: z.string().trim().max(100).optional(),
  kind: MediatorKindEnum.optional(),
  expertise: MediatorExpertiseEnum.optional(),
  /** active (default): in the pool; available: in the pool and available today; inactive: left the pool; all. */
  status: z.enum(['active', 'available', 'inactive', 'all']).default('active'),
});
export type MediatorListQuery = z.infer<typeof MediatorListQuery>;

export const MediatorConflictDto = z.object({
  id: z.number(),
  partyName: z.string(),
  partyUscc: z.string().nullable(),
  relation: z.string(),
  declaredOn: z.string(),
});
export type MediatorConflictDto = z.infer<typeof MediatorConflictDto>;

export const MediatorDto = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  userId: z.number().nullable(),
  userName: z.string().nullable(),
  name: z.string(),
  kind: MediatorKindEnum,
  kindLabel: z.string(),
  employer: z.string().nullable(),
  title: z.string().nullable(),
  expertise: z.array(MediatorExpertiseEnum),
  technicalFields: z.array(z.string()),
  certificates: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  available: z.boolean(),
  unavailableUntil: z.string().nullable(),
  /** Available today: active, and available (or the unavailability ended before today). */
  availableNow: z.boolean(),
  active: z.boolean(),
  note: z.string().nullable(),
  demo: z.boolean(),
  conflicts: z.array(MediatorConflictDto),
  /** Mediations not yet agreed / terminated / refused / closed with this mediator assigned. */
  openMediationCount: z.number(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});
export type MediatorDto = z.infer<typeof MediatorDto>;

export const MediatorAccountDto = z.object({
  id: z.number(),
  displayName: z.string(),
  unitName: z.string().nullable(),
  /** The mediator already linked to this account. */
  linkedMediatorId: z.number().nullable(),
});
export type MediatorAccountDto = z.infer<typeof MediatorAccountDto>;

export const MediatorCandidatesQuery = z.object({ mediationId: z.coerce.number().int().positive().max(2147483647) });

/** A mediator offered for a mediation; sorted: selectable and matching expertise first. */
export const MediatorCandidateDto = z.object({
  id: z.number(),
  name: z.string(),
  kind: MediatorKindEnum,
  kindLabel: z.string(),
  employer: z.string().nullable(),
  title: z.string().nullable(),
  expertise: z.array(MediatorExpertiseEnum),
  technicalFields: z.array(z.string()),
  /** Expertise covers the mediation's ip type. */
  expertiseMatch: z.boolean(),
  /** Declared interests matching a party (回避). */
  conflicts: z.array(z.object({ partyName: z.string(), relation: z.string() })),
  availableNow: z.boolean(),
  openMediationCount: z.number(),
  /** Already assigned to this mediation (with the role). */
  assignedRole: z.enum(['chief', 'member']).nullable(),
  selectable: z.boolean(),
  /** Why not selectable, e.g. 与被申请人泰安某某科技有限公司存在利害关系（任职），应当回避. */
  disabledReason: z.string().nullable(),
});
export type MediatorCandidateDto = z.infer<typeof MediatorCandidateDto>;

// ---------- 办理动作 ----------
export const MediatorAssignmentInput = z.object({ mediatorId: Id, role: z.enum(['chief', 'member']) });
const mediatorsField = z
  .array(MediatorAssignmentInput)
  .min(1, '请指派调解员')
  .max(7, '调解员最多 7 名')
  .superRefine((list, ctx) => {
    const chiefs = list.filter((m) => m.role === 'chief').length;
    if (chiefs !== 1) ctx.addIssue({ code: 'custom', message: '请指定一名（且仅一名）主持调解员' });
    const ids = list.map((m) => m.mediatorId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: '同一调解员不能重复指派' });
  });

/** 受理: both parties agree to mediation (人民调解法 第十七条), mediators assigned (回避 checked). Completes 征求意见. */
export const AcceptMediationInput = z.object({
  version: VersionField,
  acceptedOn: optDate,
  mediators: mediatorsField,
  note: optText(1000),
});
export type AcceptMediationInput = z.infer<typeof AcceptMediationInput>;

/** 不予调解: one party expressly refuses, or the dispute is not fit for mediation (人民调解法 第十七条). */
export const RefuseMediationInput = z.object({ version: VersionField, refusedOn: optDate, reason: text(2, 1000, '请填写不予调解的理由') });
export type RefuseMediationInput = z.infer<typeof RefuseMediationInput>;

export const AssignMediatorsInput = z.object({ version: VersionField, mediators: mediatorsField, reason: optText(500) });
export type AssignMediatorsInput = z.infer<typeof AssignMediatorsInput>;

/** 调解记录 (人民调解法 第二十七条). fileId: an upload from POST /api/mediations/:id/files (signed minutes). */
export const RecordSessionInput = z.object({
  version: VersionField,
  heldOn: IsoDateString,
  place: text(2, 200, '请填写调解地点（在线调解填写平台名称）'),
  online: z.boolean().default(false),
  attendees: text(2, 1000, '请填写参加人'),
  minutes: text(2, 10000, '请填写调解笔录'),
  fileId: Id.nullish().transform((v) => v ?? null),
});
export type RecordSessionInput = z.infer<typeof RecordSessionInput>;

/** 双方同意延长: extends the court period (特邀调解规定 第二十七条) by `days`. Court sources only. */
export const ExtendMediationInput = z.object({
  version: VersionField,
  days: z.number({ error: '请填写延长天数' }).int('延长天数应为整数').min(1, '延长天数至少 1 日').max(90, '延长天数不超过 90 日'),
  agreedOn: optDate,
  note: optText(500),
});
export type ExtendMediationInput = z.infer<typeof ExtendMediationInput>;

/** 达成调解协议 (人民调解法 第二十八条至第三十条). */
export const ReachAgreementInput = z
  .object({
    version: VersionField,
    form: z.enum(['written', 'oral'], { error: '请选择协议形式' }),
    /** 调解协议内容: 履行方式、期限. */
    terms: text(5, 10000, '请填写协议内容（不少于 5 个字）'),
    termKinds: z.array(MediationTermKindEnum).min(1, '请选择协议事项类别').max(7),
    amount: optMoney,
    /** Written: the day all parties signed and the committee sealed (第二十九条); oral: the day reached. ≤ today. */
    effectiveOn: IsoDateString,
    performanceDueOn: optDate,
  })
  .superRefine((v, ctx) => {
    if (v.termKinds.includes('compensation') && (v.amount === null || v.amount <= 0)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: '约定支付赔偿金的，请填写协议金额' });
    }
    if (v.performanceDueOn && v.performanceDueOn < v.effectiveOn) {
      ctx.addIssue({ code: 'custom', path: ['performanceDueOn'], message: '履行期限不能早于协议生效日' });
    }
  });
export type ReachAgreementInput = z.infer<typeof ReachAgreementInput>;
export type ReachAgreementRawInput = z.input<typeof ReachAgreementInput>;

/** 终止调解 (人民调解法 第二十六条: 告知当事人可依法通过仲裁、行政、司法等途径维护权利). */
export const TerminateMediationInput = z.object({
  version: VersionField,
  terminatedOn: optDate,
  reasonCode: MediationTerminationReasonEnum,
  reason: optText(1000),
});
export type TerminateMediationInput = z.infer<typeof TerminateMediationInput>;

/** 双方共同申请司法确认 within 30 days of the agreement taking effect (人民调解法 第三十三条, 民事诉讼法 第二百零五条). */
export const ApplyConfirmationInput = z.object({
  version: VersionField,
  appliedOn: IsoDateString,
  court: text(2, 100, '请填写受理司法确认申请的人民法院'),
  caseNo: optText(60),
});
export type ApplyConfirmationInput = z.infer<typeof ApplyConfirmationInput>;

/** 人民法院裁定 (民事诉讼法 第二百零六条). */
export const RecordRulingInput = z.object({
  version: VersionField,
  ruling: z.enum(['confirmed', 'rejected'], { error: '请选择裁定结果' }),
  rulingOn: IsoDateString,
  caseNo: text(2, 60, '请填写司法确认案号'),
  note: optText(1000),
});
export type RecordRulingInput = z.infer<typeof RecordRulingInput>;

export const RecordPerformanceInput = z.object({
  version: VersionField,
  performance: z.enum(['performed', 'partlyPerformed', 'notPerformed'], { error: '请选择履行情况' }),
  on: IsoDateString,
  note: optText(1000),
});
export type RecordPerformanceInput = z.infer<typeof RecordPerformanceInput>;

/** 向委派、委托法院反馈调解结果 (court sources only). */
export const InformCourtInput = z.object({ version: VersionField, informedOn: IsoDateString, note: optText(1000) });
export type InformCourtInput = z.infer<typeof InformCourtInput>;

export const CloseMediationInput = z.object({ version: VersionField, closedOn: optDate, note: optText(1000) });
export type CloseMediationInput = z.infer<typeof CloseMediationInput>;

/** The body of POST /api/mediations/:id/actions/:action ('register' is not an action of this endpoint). */
export const MEDIATION_ACTION_INPUTS = {
  accept: AcceptMediationInput,
  refuse: RefuseMediationInput,
  assignMediators: AssignMediatorsInput,
  recordSession: RecordSessionInput,
  extend: ExtendMediationInput,
  reachAgreement: ReachAgreementInput,
  terminate: TerminateMediationInput,
  applyConfirmation: ApplyConfirmationInput,
  recordRuling: RecordRulingInput,
  recordPerformance: RecordPerformanceInput,
  informCourt: InformCourtInput,
  close: CloseMediationInput,
} as const satisfies Record<Exclude<MediationAction, 'register'>, z.ZodType>;
export type MediationUserAction = keyof typeof MEDIATION_ACTION_INPUTS;
export const MEDIATION_USER_ACTIONS = Object.keys(MEDIATION_ACTION_INPUTS) as MediationUserAction[];
export const MediationActionParam = z.object({
  id: z.coerce.number().int().positive().max(2147483647),
  action: z.enum(MEDIATION_USER_ACTIONS as [MediationUserAction, ...MediationUserAction[]], { error: '不支持的调解操作' }),
});

// ---------- 列表 ----------
export const MEDIATION_TABS = {
  open: '办理中',
  pending: '待受理',
  mediating: '调解中',
  confirmation: '协议与司法确认',
  closed: '已结案',
  all: '全部',
} as const;
export type MediationTab = keyof typeof MEDIATION_TABS;

export const MediationListQuery = PageQuery.extend({
  /** open (default): not closed; pending: applied; mediating; confirmation: agreed … confirmationRejected; closed; all. */
  tab: z.enum(keys(MEDIATION_TABS) as [MediationTab, ...MediationTab[]]).default('open'),
  status: MediationStatusEnum.optional(),
  source: MediationSourceEnum.optional(),
  ipType: MediationIpTypeEnum.optional(),
  deadlineState: z.enum(['normal', 'warning', 'overdue', 'paused']).optional(),
  mediatorId: z.coerce.number().int().positive().max(2147483647).optional(),
  /** 调解案号、当事人、事由或法院案号. */
  q: z.string().trim().max(100).optional(),
});
export type MediationListQuery = z.infer<typeof MediationListQuery>;

// ---------- DTOs ----------
const DeadlineStateEnum = z.enum(['normal', 'warning', 'overdue', 'paused']);

export const MediationListItemDto = z.object({
  id: z.number(),
  mediationNo: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  source: MediationSourceEnum,
  sourceLabel: z.string(),
  channel: MediationChannelEnum,
  ipType: MediationIpTypeEnum,
  ipTypeLabel: z.string(),
  disputeType: MediationDisputeTypeEnum,
  disputeTypeLabel: z.string(),
  subject: z.string(),
  /** A person's name masked (张*); an organisation's in full. */
  applicantNames: z.array(z.string()),
  respondentNames: z.array(z.string()),
  status: MediationStatusEnum,
  statusLabel: z.string(),
  appliedOn: z.string(),
  courtName: z.string().nullable(),
  courtCaseNo: z.string().nullable(),
  chiefMediatorName: z.string().nullable(),
  dueOn: z.string().nullable(),
  deadlineState: DeadlineStateEnum.nullable(),
  version: z.number(),
});
export type MediationListItemDto = z.infer<typeof MediationListItemDto>;
export const MediationListPageDto = pageOf(MediationListItemDto);
export type MediationListPageDto = z.infer<typeof MediationListPageDto>;

export const MediationPartyDto = z.object({
  id: z.number(),
  side: z.enum(['applicant', 'respondent']),
  kind: z.enum(['organization', 'person']),
  /** In full (the handling staff need it); lists mask a person's name. */
  name: z.string(),
  uscc: z.string().nullable(),
  idNoMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  agent: z.string().nullable(),
});
export type MediationPartyDto = z.infer<typeof MediationPartyDto>;

export const MediationMediatorDto = z.object({
  mediatorId: z.number(),
  name: z.string(),
  kind: MediatorKindEnum,
  kindLabel: z.string(),
  employer: z.string().nullable(),
  role: z.enum(['chief', 'member']),
  roleLabel: z.string(),
  assignedAt: z.string(),
});
export type MediationMediatorDto = z.infer<typeof MediationMediatorDto>;

export const MediationFileDto = z.object({
  id: z.number(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  /** GET it with the staff session. */
  downloadUrl: z.string(),
});
export type MediationFileDto = z.infer<typeof MediationFileDto>;

export const MediationSessionDto = z.object({
  id: z.number(),
  heldOn: z.string(),
  place: z.string(),
  online: z.boolean(),
  attendees: z.string(),
  minutes: z.string(),
  file: MediationFileDto.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type MediationSessionDto = z.infer<typeof MediationSessionDto>;

export const MediationActionDto = z.object({
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
export type MediationActionDto = z.infer<typeof MediationActionDto>;

/** The deadline rows of the mediation (court period, 征求意见, 司法确认 window), same shape as the case deadlines. */
export const MediationDeadlineDto = CaseDeadlineDto;
export type MediationDeadlineDto = z.infer<typeof MediationDeadlineDto>;

export const MediationDetailDto = MediationListItemDto.extend({
  claims: z.string(),
  amountClaimed: z.number().nullable(),
  courtProcedure: MediationCourtProcedureEnum.nullable(),
  materialsReceivedOn: z.string().nullable(),
  lead: z.object({ id: z.number(), leadNo: z.string() }).nullable(),
  adjudication: z.object({ id: z.number(), requestNo: z.string(), caseNo: z.string().nullable() }).nullable(),
  acceptedOn: z.string().nullable(),
  refusedReason: z.string().nullable(),
  parties: z.array(MediationPartyDto),
  mediators: z.array(MediationMediatorDto),
  sessions: z.array(MediationSessionDto),
  files: z.array(MediationFileDto),
  agreement: z
    .object({
      form: z.enum(['written', 'oral']),
      formLabel: z.string(),
      terms: z.string(),
      termKinds: z.array(MediationTermKindEnum),
      amount: z.number().nullable(),
      effectiveOn: z.string(),
      performanceDueOn: z.string().nullable(),
    })
    .nullable(),
  termination: z.object({ terminatedOn: z.string(), reason: z.string() }).nullable(),
  confirmation: z.object({
    /** 民诉法解释 第三百五十五条: the agreement confirms ownership → no judicial confirmation; show this instead of a date. */
    blockMessage: z.string().nullable(),
    /** Last day to apply jointly (30 days after the agreement took effect), when the window applies. */
    windowDueOn: z.string().nullable(),
    appliedOn: z.string().nullable(),
    court: z.string().nullable(),
    caseNo: z.string().nullable(),
    ruling: z.enum(['confirmed', 'rejected']).nullable(),
    rulingOn: z.string().nullable(),
  }),
  performance: z
    .object({ performance: z.enum(['performed', 'partlyPerformed', 'notPerformed']), label: z.string(), on: z.string(), note: z.string().nullable() })
    .nullable(),
  /** The court's period (委派 30 日 / 委托 15 或 7 日) — it is the court's deadline, shown with the court and case number. */
  courtPeriod: z
    .object({ dueOn: z.string().nullable(), state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']), extendedDays: z.number(), basis: z.string() })
    .nullable(),
  courtInformedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  deadlines: z.array(MediationDeadlineDto),
  actions: z.array(MediationActionDto),
  /** Actions the status allows and the actor may take (buttons to show). */
  allowedActions: z.array(MediationActionEnum),
  abilities: z.object({
    handle: z.boolean(),
    viewIdentity: z.boolean(),
    uploadFile: z.boolean(),
    /** 调解协议书 (.docx) via the documents panel: agreed (written form) onwards. */
    generateAgreement: z.boolean(),
  }),
});
export type MediationDetailDto = z.infer<typeof MediationDetailDto>;

export const MediationIdentityDto = z.object({
  parties: z.array(z.object({ id: z.number(), side: z.enum(['applicant', 'respondent']), name: z.string(), idNo: z.string().nullable(), phone: z.string().nullable() })),
});
export type MediationIdentityDto = z.infer<typeof MediationIdentityDto>;

// ---------- 统计 ----------
export const MediationStatsQuery = z
  .object({ from: IsoDateString, to: IsoDateString })
  .refine((v) => v.from <= v.to, { path: ['to'], message: '截止日期不能早于起始日期' });
export type MediationStatsQuery = z.infer<typeof MediationStatsQuery>;

export const MEDIATION_OUTCOMES = { agreement: '达成协议', terminated: '调解终止', refused: '不予调解', open: '办理中' } as const;
export type MediationOutcome = keyof typeof MEDIATION_OUTCOMES;

/**
 * Mediations registered (applied_on) in [from, to] within the actor's scope. Outcome: agreement (an agreement took
 * effect), terminated, refused, open. successRate = agreement / (agreement + terminated), null when none concluded;
 * duration = calendar days from applied_on to the agreement's effective date or the termination date.
 */
export const MediationStatsDto = z.object({
  from: z.string(),
  to: z.string(),
  /** e.g. 泰安市市场监督管理局及下属单位. */
  scopeLabel: z.string(),
  total: z.number(),
  successRate: z.number().nullable(),
  averageDurationDays: z.number().nullable(),
  amountAgreed: z.number(),
  byOutcome: z.array(z.object({ outcome: z.enum(['agreement', 'terminated', 'refused', 'open']), label: z.string(), count: z.number() })),
  bySource: z.array(
    z.object({
      source: MediationSourceEnum,
      label: z.string(),
      total: z.number(),
      agreement: z.number(),
      terminated: z.number(),
      refused: z.number(),
      open: z.number(),
    }),
  ),
  byMediator: z.array(
    z.object({ mediatorId: z.number(), name: z.string(), count: z.number(), agreements: z.number(), averageDurationDays: z.number().nullable() }),
  ),
  /** Court sources: concluded (agreement, termination or refusal) within the court period (as extended) or after it; still open. */
  court: z.object({ total: z.number(), withinPeriod: z.number(), afterPeriod: z.number(), open: z.number() }),
});
export type MediationStatsDto = z.infer<typeof MediationStatsDto>;
