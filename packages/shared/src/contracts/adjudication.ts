/**
 * Contracts of 专利侵权纠纷行政裁决 (patent-infringement dispute administrative adjudication): the request (portal or
 * window), the patent check, the workflow actions, the portal progress, the publication of decisions, 三级联动 assists.
 * Workflow table: domain/adjudication-workflow.ts. Legal basis: 专利法 第六十五条, 专利法实施细则 第九十五条至第一百零二条,
 * 山东省专利条例 (2013) 第十六条至第二十七条, legal-rules.md §1.4, §1.6, §4.5. Time limits are rule data (adjudication.*).
 *
 * Endpoints (server: apps/server/src/modules/adjudication)
 *  portal (logged-in public user, realm portal)
 *   POST /api/portal/adjudications  header Idempotency-Key  PortalAdjudicationInput → 201 AdjudicationReceiptDto
 *        (same key + same body: 200 with the same receipt; same key + other body: 409 IDEMPOTENCY_CONFLICT)
 *   GET  /api/portal/adjudications/mine?page&pageSize                       → Page<MyAdjudicationDto>
 *   GET  /api/portal/adjudications/mine/:requestNo                          → AdjudicationProgressDto (another user's: 404)
 *  public (no login)
 *   GET  /api/public/adjudications/patent-check?patentNo&patentType&patentTitle → PatentCheckDto
 *   GET  /api/public/adjudication-decisions?q&page&pageSize                   → Page<PublicAdjudicationDecisionListItemDto>
 *   GET  /api/public/adjudication-decisions/:id                               → PublicAdjudicationDecisionDto
 *  back office (staff)
 *   GET  /api/adjudications?tab&status&deadlineState&q&mine&assist&page&pageSize (adjudication.read) → Page<AdjudicationListItemDto>
 *   POST /api/adjudications              WindowAdjudicationInput        (adjudication.handle) → 201 AdjudicationDetailDto
 *   GET  /api/adjudications/patent-check?patentNo&patentType&patentTitle (adjudication.read)  → PatentCheckDto
 *   GET  /api/adjudications/panel-candidates?adjudicationId            (adjudication.handle) → AdjudicationPanelCandidateDto[]
 *   GET  /api/adjudications/:id                                        (adjudication.read)   → AdjudicationDetailDto
 *   GET  /api/adjudications/:id/identity  (audited full ID number and phone) (adjudication.handle) → AdjudicationIdentityDto
 *   POST /api/adjudications/:id/files     multipart: fields kind, party, title, then `file` (adjudication.handle)
 *                                                                                             → AdjudicationFileDto (201)
 *   POST /api/adjudications/:id/actions/:action   body ADJUDICATION_ACTION_INPUTS[action]
 *        (permission ADJUDICATION_ACTION_PERMISSIONS[action]) → AdjudicationDetailDto. :action is the action key itself,
 *        e.g. /api/adjudications/12/actions/file, /actions/serveRequest, /actions/decide.
 *   POST /api/adjudication-assists/:id/complete  CompleteAdjudicationAssistInput  (adjudication.handle, the assisting unit) → AdjudicationDetailDto
 *   GET  /api/adjudication-publications?status&q&page&pageSize         (adjudication.read)    → Page<AdjudicationPublicationDto>
 *   GET  /api/adjudication-publications/draft?adjudicationId            (adjudication.publish) → AdjudicationPublicationDraftDto
 *   POST /api/adjudication-publications   PublishAdjudicationInput     (adjudication.publish) → 201 AdjudicationPublicationDto
 *   POST /api/adjudication-publications/:id/withdraw  WithdrawAdjudicationPublicationInput (adjudication.publish) → AdjudicationPublicationDto
 *  Files of the case download through GET /api/files/:id (owner 'adjudication', readable by whoever may read the case).
 *  Documents: /api/documents with entityType 'adjudication'; service records: GET /api/service-records?entityType=adjudication.
 *
 * Errors: 400 VALIDATION_FAILED with details[].path (body.requester.idNo, body.panel, body.scheduledOn …); 404 outside
 * the actor's scope; 403 without the permission; 409 VERSION_CONFLICT on a stale `version`; 409 ACTION_NOT_ALLOWED
 * {details: {status, allowedActions}} when the status does not allow the action or a guard fails (message says why).
 */
import { z } from 'zod';
import {
  ADJUDICATION_ACTION_LIST,
  ADJUDICATION_CHANNELS,
  ADJUDICATION_DECISIONS,
  ADJUDICATION_ENDED_REASONS,
  ADJUDICATION_ORDERS,
  ADJUDICATION_REJECTION_REASONS,
  ADJUDICATION_STATUS_LIST,
  JUDGMENT_RESULTS,
  PATENT_CHECKS,
  PATENT_KINDS,
  REQUESTER_ROLES,
  SUSPENSION_REFUSAL_GROUNDS,
  panelProblem,
  type AdjudicationAction,
  type AdjudicationStatus,
} from '../domain/adjudication-workflow';
import type { Permission } from '../domain/permissions';
import { isLandline, isMobile, isResidentIdNo, isUscc } from '../domain/validators';
import { IsoDateString, PageQuery } from './common';
import { SERVICE_METHOD_LIST, serviceRecordIssues, type ServiceMethod } from './service';

const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const AdjudicationStatusEnum = z.enum(ADJUDICATION_STATUS_LIST as [AdjudicationStatus, ...AdjudicationStatus[]]);
export const AdjudicationActionEnum = z.enum(ADJUDICATION_ACTION_LIST as [AdjudicationAction, ...AdjudicationAction[]]);
export const AdjudicationChannelEnum = z.enum(keysOf(ADJUDICATION_CHANNELS));
export const PatentKindEnum = z.enum(keysOf(PATENT_KINDS), { error: '请选择专利类型' });
export const RequesterRoleEnum = z.enum(keysOf(REQUESTER_ROLES), { error: '请选择请求人身份' });
export const PatentCheckEnum = z.enum(keysOf(PATENT_CHECKS));
export const AdjudicationRejectionReasonEnum = z.enum(keysOf(ADJUDICATION_REJECTION_REASONS), { error: '请选择不予受理的理由' });
export const SuspensionRefusalGroundEnum = z.enum(keysOf(SUSPENSION_REFUSAL_GROUNDS), { error: '请选择不予中止的理由' });
export const AdjudicationDecisionEnum = z.enum(keysOf(ADJUDICATION_DECISIONS), { error: '请选择裁决结论' });
export const AdjudicationOrderEnum = z.enum(keysOf(ADJUDICATION_ORDERS), { error: '责令事项不正确' });
export const JudgmentResultEnum = z.enum(keysOf(JUDGMENT_RESULTS), { error: '请选择判决结果' });
export const AdjudicationEndedReasonEnum = z.enum(keysOf(ADJUDICATION_ENDED_REASONS));
export const AdjudicationPartyKindEnum = z.enum(['organization', 'person'], { error: '请选择类别（单位或自然人）' });

/** Channels of a request registered by staff (the portal channel is the online form). */
export const ADJUDICATION_WINDOW_CHANNELS = { window: '窗口', mail: '邮寄', transferred: '移送' } as const;
export type AdjudicationWindowChannel = keyof typeof ADJUDICATION_WINDOW_CHANNELS;

/** Kinds of material of a case (adjudication_files.kind). */
export const ADJUDICATION_FILE_KINDS = {
  evidence: '证据',
  evaluationReport: '专利权评价报告',
  requestForm: '请求书',
  identity: '主体资格证明',
  answer: '答辩书',
  invalidationNotice: '无效宣告请求受理通知书',
  hearingRecord: '审理笔录',
  other: '其他材料',
} as const;
export type AdjudicationFileKind = keyof typeof ADJUDICATION_FILE_KINDS;
export const AdjudicationFileKindEnum = z.enum(keysOf(ADJUDICATION_FILE_KINDS), { error: '请选择材料种类' });

export const ADJUDICATION_FILE_PARTIES = { requester: '请求人', respondent: '被请求人', office: '本机关' } as const;
export type AdjudicationFileParty = keyof typeof ADJUDICATION_FILE_PARTIES;
export const AdjudicationFilePartyEnum = z.enum(keysOf(ADJUDICATION_FILE_PARTIES), { error: '请选择提交方' });

export const ADJUDICATION_PANEL_ROLES = { chief: '主审', member: '合议组成员' } as const;
export type AdjudicationPanelRole = keyof typeof ADJUDICATION_PANEL_ROLES;

/** 列表页签: open = every case not closed; all = every case. */
export const ADJUDICATION_TABS = { open: '办理中', requested: '待立案审查', decided: '已裁决', closed: '已结案', all: '全部' } as const;
export type AdjudicationTab = keyof typeof ADJUDICATION_TABS;

/**
 * The permission each action needs (besides adjudication.read and the case being the actor's own unit's): the decision
 * is the bureau head's (adjudication.approve); publishing goes through /api/adjudication-publications.
 */
export const ADJUDICATION_ACTION_PERMISSIONS: Record<AdjudicationAction, Permission> = {
  register: 'adjudication.handle',
  file: 'adjudication.handle',
  reject: 'adjudication.handle',
  assignPanel: 'adjudication.handle',
  serveRequest: 'adjudication.handle',
  recordAnswer: 'adjudication.handle',
  forwardAnswer: 'adjudication.handle',
  scheduleHearing: 'adjudication.handle',
  holdHearing: 'adjudication.handle',
  chooseWrittenReview: 'adjudication.handle',
  requestEvaluationReport: 'adjudication.handle',
  startAppraisal: 'adjudication.handle',
  endAppraisal: 'adjudication.handle',
  requestAssist: 'adjudication.handle',
  refuseSuspension: 'adjudication.handle',
  suspend: 'adjudication.handle',
  resume: 'adjudication.handle',
  dismissInvalidated: 'adjudication.handle',
  dismissNoReport: 'adjudication.handle',
  withdraw: 'adjudication.handle',
  settle: 'adjudication.handle',
  startDamagesMediation: 'adjudication.handle',
  decide: 'adjudication.approve',
  serveDecision: 'adjudication.handle',
  recordLawsuit: 'adjudication.handle',
  becomeEffective: 'adjudication.handle',
  recordJudgment: 'adjudication.handle',
  recordPerformance: 'adjudication.handle',
  recordNonPerformance: 'adjudication.handle',
  applyEnforcement: 'adjudication.handle',
  close: 'adjudication.handle',
  publish: 'adjudication.publish',
  unpublish: 'adjudication.publish',
};

// ---------- building blocks ----------
const text = (min: number, max: number, required: string) =>
  z.string({ error: required }).trim().min(min, required).max(max, `不能超过 ${max} 个字符`);
const optText = (max: number) =>
  z.string().trim().max(max, `不能超过 ${max} 个字符`).nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));
const Id = z.number().int().positive().max(2147483647);
const optId = Id.nullish().transform((v) => v ?? null);
const VersionField = z.number({ error: '缺少版本号' }).int().positive();
const optDate = IsoDateString.nullish().transform((v) => v ?? null);
const RegionCode = z.string({ error: '请选择被请求人所在区县' }).trim().regex(/^\d{6}(\d{3})?$/, '请选择被请求人所在区县');

/** A file uploaded through POST /api/portal/files ({fileId, uploadToken}); title defaults to the file name. */
export const AdjudicationFileRef = z.object({
  fileId: Id,
  uploadToken: z.string().min(16).max(100),
  title: optText(200),
});
export type AdjudicationFileRef = z.infer<typeof AdjudicationFileRef>;

export const AdjudicationPatentInput = z.object({
  /** 申请号 / 专利号, e.g. ZL202110123456.7 or 2021101234567 (normalised by the server). */
  patentNo: text(8, 30, '请填写专利号'),
  type: PatentKindEnum,
  title: text(2, 200, '请填写专利名称'),
  patentee: text(2, 200, '请填写专利权人'),
});
export type AdjudicationPatentInput = z.infer<typeof AdjudicationPatentInput>;

/**
 * 请求人: an organisation gives its 统一社会信用代码; a natural person the 居民身份证号 (stored SM4-encrypted, shown
 * masked). Kind-dependent checks are made in the request's superRefine (paths body.requester.uscc / .idNo / .phone).
 */
export const AdjudicationRequesterInput = z.object({
  kind: AdjudicationPartyKindEnum,
  name: text(2, 200, '请填写请求人名称或姓名'),
  uscc: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
  idNo: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
  phone: text(5, 30, '请填写联系电话'),
  address: text(2, 300, '请填写请求人地址（送达地址）'),
  role: RequesterRoleEnum,
  /** 委托代理人 (name and agency). */
  agent: optText(200),
});
export type AdjudicationRequesterInput = z.infer<typeof AdjudicationRequesterInput>;

export const AdjudicationRespondentInput = z.object({
  kind: AdjudicationPartyKindEnum,
  name: text(2, 200, '请填写被请求人名称或姓名'),
  /** Checked when given (an organisation's should be). */
  uscc: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
  address: text(2, 300, '请填写被请求人住所（送达地址）'),
  /** County-level (or township) code from the division list; must exist. */
  regionCode: RegionCode,
  legalRep: optText(50),
  phone: optText(30),
});
export type AdjudicationRespondentInput = z.infer<typeof AdjudicationRespondentInput>;

const requestFields = {
  patent: AdjudicationPatentInput,
  requester: AdjudicationRequesterInput,
  respondent: AdjudicationRespondentInput,
  /** 被控侵权产品或方法. */
  accusedProduct: text(2, 500, '请填写被控侵权产品或方法'),
  /** 权利要求与被控侵权技术特征对比. */
  claimsComparison: text(10, 10000, '请填写权利要求与被控侵权产品（方法）技术特征的对比（不少于 10 个字）'),
  /** 请求事项. */
  requests: text(2, 2000, '请填写请求事项'),
  /** 事实与理由. */
  factsReasons: text(10, 10000, '请填写事实与理由（不少于 10 个字）'),
  /** 山东省专利条例 第十八条第（五）项: 当事人未就该专利侵权纠纷向人民法院起诉. Must be true. */
  noLawsuitDeclared: z.boolean({ error: '请声明该纠纷未向人民法院起诉' }),
};

type RequestShape = {
  patent: AdjudicationPatentInput;
  requester: AdjudicationRequesterInput;
  respondent: AdjudicationRespondentInput;
  noLawsuitDeclared: boolean;
};

function checkRequest(v: RequestShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const r = v.requester;
  if (r.kind === 'organization') {
    if (!r.uscc) issue(['requester', 'uscc'], '请填写请求人的统一社会信用代码');
    else if (!isUscc(r.uscc)) issue(['requester', 'uscc'], '统一社会信用代码不正确，请核对（18 位，含校验码）');
    if (r.idNo) issue(['requester', 'idNo'], '单位请求人无需填写身份证号码');
  } else {
    if (!r.idNo) issue(['requester', 'idNo'], '请填写请求人的居民身份证号码');
    else if (!isResidentIdNo(r.idNo)) issue(['requester', 'idNo'], '居民身份证号码不正确，请核对');
    if (r.uscc) issue(['requester', 'uscc'], '自然人请求人无需填写统一社会信用代码');
  }
  if (!isMobile(r.phone) && !isLandline(r.phone)) issue(['requester', 'phone'], '联系电话应为 11 位手机号或带区号的固定电话');
  const p = v.respondent;
  if (p.uscc && !isUscc(p.uscc)) issue(['respondent', 'uscc'], '被请求人统一社会信用代码不正确，请核对（18 位，含校验码）');
  if (p.phone && !isMobile(p.phone) && !isLandline(p.phone)) issue(['respondent', 'phone'], '联系电话应为 11 位手机号或带区号的固定电话');
  if (v.noLawsuitDeclared !== true) {
    issue(['noLawsuitDeclared'], '请求处理专利侵权纠纷，须当事人未就该纠纷向人民法院起诉（山东省专利条例 第十八条第（五）项）；已起诉的，请向人民法院主张权利');
  }
}

// ---------- 请求 ----------

/**
 * Online request on the portal. files.evidence: at least one; files.evaluationReport: required for 实用新型 and 外观设计
 * (evaluationReportExpected; 专利法 第六十六条第二款, 山东省专利条例 第二十条).
 */
export const PortalAdjudicationInput = z
  .object({
    ...requestFields,
    files: z.object(
      {
        evidence: z.array(AdjudicationFileRef).min(1, '请上传至少一份证据材料').max(20, '证据材料最多 20 个'),
        evaluationReport: AdjudicationFileRef.nullish().transform((v) => v ?? null),
        requestForm: AdjudicationFileRef.nullish().transform((v) => v ?? null),
        identity: z.array(AdjudicationFileRef).max(5, '主体资格证明最多 5 个').default([]),
      },
      { error: '请上传证据材料' },
    ),
  })
  .superRefine((v, ctx) => {
    checkRequest(v, ctx);
    if ((v.patent.type === 'utilityModel' || v.patent.type === 'design') && !v.files.evaluationReport) {
      ctx.addIssue({
        code: 'custom',
        path: ['files', 'evaluationReport'],
        message: '涉案专利为实用新型或外观设计的，请上传国家知识产权局出具的专利权评价报告（山东省专利条例 第二十条）',
      });
    }
    const seen = new Set<number>();
    const all = [
      ...v.files.evidence.map((f, i) => ({ f, path: ['files', 'evidence', i, 'fileId'] })),
      ...(v.files.evaluationReport ? [{ f: v.files.evaluationReport, path: ['files', 'evaluationReport', 'fileId'] }] : []),
      ...(v.files.requestForm ? [{ f: v.files.requestForm, path: ['files', 'requestForm', 'fileId'] }] : []),
      ...v.files.identity.map((f, i) => ({ f, path: ['files', 'identity', i, 'fileId'] })),
    ];
    for (const { f, path } of all) {
      if (seen.has(f.fileId)) ctx.addIssue({ code: 'custom', path, message: '同一文件重复添加' });
      seen.add(f.fileId);
    }
  });
export type PortalAdjudicationInput = z.infer<typeof PortalAdjudicationInput>;
export type PortalAdjudicationRawInput = z.input<typeof PortalAdjudicationInput>;

/**
 * A paper request registered by staff (窗口、邮寄、移送). Files are added afterwards with POST /api/adjudications/:id/files.
 * The receiving unit is the actor's; the case belongs to the city bureau above it (三级联动).
 */
export const WindowAdjudicationInput = z
  .object({
    ...requestFields,
    channel: z.enum(keysOf(ADJUDICATION_WINDOW_CHANNELS), { error: '请选择请求渠道' }),
    /** 收到请求之日 (not after today; the 5 working days of 立案审查 count from it). */
    receivedOn: IsoDateString,
  })
  .superRefine((v, ctx) => checkRequest(v, ctx));
export type WindowAdjudicationInput = z.infer<typeof WindowAdjudicationInput>;
export type WindowAdjudicationRawInput = z.input<typeof WindowAdjudicationInput>;

export const AdjudicationReceiptDto = z.object({
  id: z.number(),
  requestNo: z.string(),
  receivedOn: z.string(),
  submittedAt: z.string(),
  /** 作出立案或者不予受理决定的期限 (adjudication.filing, working days on the calendar). */
  expectedFilingDecisionBy: z.string().nullable(),
  nextStep: z.string(),
  /** e.g. 《专利行政执法办法》第十条 (2015). */
  nextStepBasis: z.string(),
  provisional: z.boolean(),
  patentCheck: PatentCheckEnum,
  patentCheckNote: z.string().nullable(),
});
export type AdjudicationReceiptDto = z.infer<typeof AdjudicationReceiptDto>;

// ---------- 专利核对 ----------
export const PatentCheckQuery = z.object({
  patentNo: z.string({ error: '请填写专利号' }).trim().min(8, '请填写专利号').max(30),
  patentType: PatentKindEnum.optional(),
  patentTitle: z.string().trim().max(200).optional(),
});
export type PatentCheckQuery = z.infer<typeof PatentCheckQuery>;

export const PatentCheckDto = z.object({
  /** The normalised application number (ZL202110123456.7), null when the input is not one. */
  patentNo: z.string().nullable(),
  check: PatentCheckEnum,
  checkLabel: z.string(),
  /** Chinese note, e.g. 专利数据库未收录，受理时人工核对. */
  note: z.string(),
  /** The patent as the database has it (null when not found). */
  patent: z
    .object({
      id: z.number(),
      appNo: z.string(),
      title: z.string(),
      type: PatentKindEnum.nullable(),
      legalStatus: z.string(),
      patentees: z.array(z.string()),
      appDate: z.string().nullable(),
      grantDate: z.string().nullable(),
    })
    .nullable(),
});
export type PatentCheckDto = z.infer<typeof PatentCheckDto>;

// ---------- 办理动作 (POST /api/adjudications/:id/actions/:action) ----------

export const AdjudicationPanelMemberInput = z.object({ userId: Id, role: z.enum(['chief', 'member'], { error: '请选择主审或合议组成员' }) });
export type AdjudicationPanelMemberInput = z.infer<typeof AdjudicationPanelMemberInput>;

/** 合议组: 三名以上单数, one 主审 (panelProblem). Members: staff of the case's unit or below holding adjudication.handle. */
const Panel = z
  .array(AdjudicationPanelMemberInput, { error: '请指定合议组' })
  .max(15, '合议组成员最多 15 名')
  .superRefine((v, ctx) => {
    const p = panelProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: `${p}（专利行政执法办法 第十条）` });
  });

export const FileAdjudicationInput = z.object({
  version: VersionField,
  /** 立案日期 (default today; not before the request was received, not after today). */
  filedOn: optDate,
  panel: Panel,
  /** 繁简分流: 简易案件. */
  simpleCase: z.boolean().default(false),
  note: optText(1000),
});
export type FileAdjudicationInput = z.infer<typeof FileAdjudicationInput>;

export const RejectAdjudicationInput = z.object({
  version: VersionField,
  reason: AdjudicationRejectionReasonEnum,
  /** 不予受理的具体理由 (the requester sees it). */
  reasonText: text(4, 2000, '请填写不予受理的具体理由'),
  rejectedOn: optDate,
});
export type RejectAdjudicationInput = z.infer<typeof RejectAdjudicationInput>;

export const AssignPanelInput = z.object({ version: VersionField, panel: Panel, reason: text(2, 500, '请填写变更合议组的理由') });
export type AssignPanelInput = z.infer<typeof AssignPanelInput>;

/** The fields of a service record (送达), as CreateServiceRecordInput without entityType / entityId. */
const serviceFields = {
  documentId: optId,
  /** Defaults per action (请求书副本及答辩通知书 / 专利侵权纠纷行政裁决书). */
  documentTitle: optText(200),
  method: z.enum(SERVICE_METHOD_LIST as [ServiceMethod, ...ServiceMethod[]], { error: '请选择送达方式' }),
  recipient: text(1, 100, '请填写受送达人'),
  servedOn: optDate,
  announcedOn: optDate,
  trackingNo: z
    .string()
    .trim()
    .max(50, '邮件单号不能超过 50 个字符')
    .regex(/^[0-9A-Za-z-]*$/, '邮件单号只能包含字母、数字和短横线')
    .nullish()
    .transform((v) => v || null),
  electronicConsent: z.boolean().default(false),
  proofFileId: optId,
  announcementText: optText(5000),
  note: optText(500),
};
function checkService(v: Parameters<typeof serviceRecordIssues>[0], ctx: z.RefinementCtx): void {
  for (const i of serviceRecordIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
}

/**
 * 请求书副本送达被请求人 (专利法实施细则 第一百零一条 / 专利行政执法办法 第十三条: within 5 working days of filing). 公告送达:
 * deemed served 30 days after the announcement (service.announcement); the answer period counts from that day, and the
 * decision deadline is paused for the announcement period.
 */
export const ServeRequestInput = z.object({ version: VersionField, ...serviceFields }).superRefine(checkService);
export type ServeRequestInput = z.infer<typeof ServeRequestInput>;
export type ServeRequestRawInput = z.input<typeof ServeRequestInput>;

export const RecordAnswerInput = z.object({
  version: VersionField,
  receivedOn: IsoDateString,
  /** An adjudication file (POST /api/adjudications/:id/files, kind 'answer') of this case. */
  fileId: optId,
  note: optText(1000),
});
export type RecordAnswerInput = z.infer<typeof RecordAnswerInput>;

export const ForwardAnswerInput = z.object({ version: VersionField, forwardedOn: IsoDateString, note: optText(1000) });
export type ForwardAnswerInput = z.infer<typeof ForwardAnswerInput>;

/**
 * 口头审理通知: the hearing day must be at least adjudication.hearingNotice (3 working days) after the notice day (today);
 * otherwise 400 at body.scheduledOn with the earliest allowed day. Guard: the answer period has ended or the answer was
 * received (409 otherwise).
 */
export const ScheduleAdjudicationHearingInput = z.object({
  version: VersionField,
  scheduledOn: IsoDateString,
  /** HH:mm, China time. */
  scheduledTime: z.string({ error: '请填写审理时间' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '审理时间格式应为 HH:mm'),
  place: text(2, 200, '请填写审理地点（在线审理填写平台名称）'),
  online: z.boolean().default(false),
  technicalInvestigators: z.array(z.string().trim().min(2).max(50)).max(10, '技术调查官最多 10 名').default([]),
  /** 与国家知识产权局复审和无效审理部联合审理. */
  jointWithCnipa: z.boolean().default(false),
  note: optText(1000),
});
export type ScheduleAdjudicationHearingInput = z.infer<typeof ScheduleAdjudicationHearingInput>;

export const HoldAdjudicationHearingInput = z.object({
  version: VersionField,
  heldOn: IsoDateString,
  recordSummary: text(2, 5000, '请填写审理笔录摘要'),
  /** An adjudication file of this case (kind 'hearingRecord'). */
  fileId: optId,
});
export type HoldAdjudicationHearingInput = z.infer<typeof HoldAdjudicationHearingInput>;

export const ChooseWrittenReviewInput = z.object({ version: VersionField, reason: text(2, 1000, '请填写书面审理的理由') });
export type ChooseWrittenReviewInput = z.infer<typeof ChooseWrittenReviewInput>;

/** 山东省专利条例 第二十条: 实用新型、外观设计 — the office may require the 专利权评价报告. */
export const RequestEvaluationReportInput = z.object({
  version: VersionField,
  requestedOn: optDate,
  /** 要求提交的期限. */
  dueOn: optDate,
  note: optText(1000),
});
export type RequestEvaluationReportInput = z.infer<typeof RequestEvaluationReportInput>;

/** 鉴定 (not counted in the decision period). */
export const StartAppraisalInput = z.object({
  version: VersionField,
  startedOn: IsoDateString,
  subject: text(2, 500, '请填写鉴定事项'),
  institution: optText(200),
});
export type StartAppraisalInput = z.infer<typeof StartAppraisalInput>;

export const EndAppraisalInput = z.object({ version: VersionField, endedOn: IsoDateString, result: text(2, 2000, '请填写鉴定意见') });
export type EndAppraisalInput = z.infer<typeof EndAppraisalInput>;

/** 三级联动: a county bureau or station under the case's unit. */
export const RequestAssistInput = z.object({
  version: VersionField,
  unitId: z.number({ error: '请选择协助单位' }).int().positive().max(2147483647),
  task: text(2, 1000, '请填写协助事项'),
  dueOn: optDate,
});
export type RequestAssistInput = z.infer<typeof RequestAssistInput>;

export const CompleteAdjudicationAssistInput = z.object({ result: text(2, 3000, '请填写协助结果'), doneOn: optDate });
export type CompleteAdjudicationAssistInput = z.infer<typeof CompleteAdjudicationAssistInput>;

/** 山东省专利条例 第十九条第二款: 可以不中止. */
export const RefuseSuspensionInput = z.object({
  version: VersionField,
  ground: SuspensionRefusalGroundEnum,
  reason: text(2, 2000, '请填写不予中止的理由'),
  invalidationCaseNo: optText(60),
});
export type RefuseSuspensionInput = z.infer<typeof RefuseSuspensionInput>;

/** 中止 when CNIPA accepted the respondent's invalidation request (山东省专利条例 第十九条). Clocks pause from suspendedOn. */
export const SuspendAdjudicationInput = z.object({
  version: VersionField,
  invalidationCaseNo: text(4, 60, '请填写国家知识产权局无效宣告请求案件编号'),
  invalidationAcceptedOn: IsoDateString,
  /** Default today. */
  suspendedOn: optDate,
  /** An adjudication file of this case (kind 'invalidationNotice'). */
  fileId: optId,
  note: optText(1000),
});
export type SuspendAdjudicationInput = z.infer<typeof SuspendAdjudicationInput>;

export const ResumeAdjudicationInput = z.object({
  version: VersionField,
  invalidationResult: z.enum(['valid', 'partlyValid'], { error: '请选择无效宣告审查决定结果' }),
  /** 无效宣告审查决定之日. */
  invalidationDecidedOn: IsoDateString,
  /** Default today; the clocks resume on this day. */
  resumedOn: optDate,
  note: optText(1000),
});
export type ResumeAdjudicationInput = z.infer<typeof ResumeAdjudicationInput>;

export const DismissInvalidatedInput = z.object({
  version: VersionField,
  invalidationDecidedOn: IsoDateString,
  note: optText(1000),
});
export type DismissInvalidatedInput = z.infer<typeof DismissInvalidatedInput>;

export const DismissNoReportInput = z.object({ version: VersionField, note: text(2, 1000, '请填写驳回说明') });
export type DismissNoReportInput = z.infer<typeof DismissNoReportInput>;

export const EndAdjudicationInput = z.object({ version: VersionField, endedOn: optDate, note: text(2, 1000, '请填写说明') });
export type EndAdjudicationInput = z.infer<typeof EndAdjudicationInput>;

/** 赔偿数额调解 (专利法 第六十五条): a linked mediation (source 'adjudication'); the adjudication's status stays. */
export const StartDamagesMediationInput = z.object({
  version: VersionField,
  /** 请求人主张的赔偿数额 (元). */
  amountClaimed: z.number().nonnegative('金额不能为负数').nullish().transform((v) => v ?? null),
  claims: text(2, 2000, '请填写调解请求（赔偿数额及理由）'),
});
export type StartDamagesMediationInput = z.infer<typeof StartDamagesMediationInput>;

/** 裁决 (the head, adjudication.approve): 侵权 → at least one 责令事项 (山东省专利条例 第二十五条); 不侵权 → none. */
export const DecideAdjudicationInput = z
  .object({
    version: VersionField,
    decision: AdjudicationDecisionEnum,
    decidedOn: optDate,
    orders: z.array(AdjudicationOrderEnum).max(7).default([]),
    decisionSummary: text(10, 5000, '请填写裁决主文（不少于 10 个字）'),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'infringement' && v.orders.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['orders'], message: '认定侵权的，请选择责令停止侵权的事项（山东省专利条例 第二十五条）' });
    }
    if (v.decision === 'noInfringement' && v.orders.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['orders'], message: '驳回请求的裁决不应有责令事项' });
    }
    if (new Set(v.orders).size !== v.orders.length) ctx.addIssue({ code: 'custom', path: ['orders'], message: '责令事项重复' });
  });
export type DecideAdjudicationInput = z.infer<typeof DecideAdjudicationInput>;
export type DecideAdjudicationRawInput = z.input<typeof DecideAdjudicationInput>;

/** 裁决书送达 one party per call; the lawsuit window counts from the later effective service of both. */
export const ServeDecisionInput = z
  .object({ version: VersionField, party: z.enum(['requester', 'respondent'], { error: '请选择受送达的当事人' }), ...serviceFields })
  .superRefine(checkService);
export type ServeDecisionInput = z.infer<typeof ServeDecisionInput>;
export type ServeDecisionRawInput = z.input<typeof ServeDecisionInput>;

/**
 * 当事人提起行政诉讼 (专利法 第六十五条: 十五日内). A filedOn after lawsuit_due_on is refused (400 at body.filedOn)
 * unless `lateConfirmed` (the court accepted it anyway, e.g. 耽误期限 with 正当理由).
 */
export const RecordAdjudicationLawsuitInput = z.object({
  version: VersionField,
  plaintiff: z.enum(['requester', 'respondent'], { error: '请选择起诉的当事人' }),
  court: text(2, 100, '请填写受理诉讼的人民法院'),
  caseNo: text(4, 60, '请填写法院案号'),
  filedOn: IsoDateString,
  lateConfirmed: z.boolean().default(false),
  note: optText(1000),
});
export type RecordAdjudicationLawsuitInput = z.infer<typeof RecordAdjudicationLawsuitInput>;

/** 起诉期满未起诉: only after lawsuit_due_on (409 with the date otherwise). */
export const BecomeAdjudicationEffectiveInput = z.object({ version: VersionField, effectiveOn: optDate, note: optText(1000) });
export type BecomeAdjudicationEffectiveInput = z.infer<typeof BecomeAdjudicationEffectiveInput>;

export const RecordAdjudicationJudgmentInput = z.object({
  version: VersionField,
  result: JudgmentResultEnum,
  judgedOn: IsoDateString,
  note: optText(2000),
});
export type RecordAdjudicationJudgmentInput = z.infer<typeof RecordAdjudicationJudgmentInput>;

export const RecordAdjudicationPerformanceInput = z.object({ version: VersionField, performedOn: IsoDateString, note: optText(1000) });
export type RecordAdjudicationPerformanceInput = z.infer<typeof RecordAdjudicationPerformanceInput>;

/** 拒不履行: flagged for the credit module (credit_flagged_on). */
export const RecordAdjudicationNonPerformanceInput = z.object({ version: VersionField, on: optDate, note: text(2, 1000, '请填写拒不履行的情况') });
export type RecordAdjudicationNonPerformanceInput = z.infer<typeof RecordAdjudicationNonPerformanceInput>;

export const ApplyAdjudicationEnforcementInput = z.object({
  version: VersionField,
  appliedOn: IsoDateString,
  court: text(2, 100, '请填写受理申请的人民法院'),
  note: optText(1000),
});
export type ApplyAdjudicationEnforcementInput = z.infer<typeof ApplyAdjudicationEnforcementInput>;

export const CloseAdjudicationInput = z.object({ version: VersionField, closedOn: optDate, summary: text(2, 2000, '请填写结案意见') });
export type CloseAdjudicationInput = z.infer<typeof CloseAdjudicationInput>;

/** The body schema of each action endpoint (register is POST /api/adjudications; publish/unpublish are publications). */
export const ADJUDICATION_ACTION_INPUTS = {
  file: FileAdjudicationInput,
  reject: RejectAdjudicationInput,
  assignPanel: AssignPanelInput,
  serveRequest: ServeRequestInput,
  recordAnswer: RecordAnswerInput,
  forwardAnswer: ForwardAnswerInput,
  scheduleHearing: ScheduleAdjudicationHearingInput,
  holdHearing: HoldAdjudicationHearingInput,
  chooseWrittenReview: ChooseWrittenReviewInput,
  requestEvaluationReport: RequestEvaluationReportInput,
  startAppraisal: StartAppraisalInput,
  endAppraisal: EndAppraisalInput,
  requestAssist: RequestAssistInput,
  refuseSuspension: RefuseSuspensionInput,
  suspend: SuspendAdjudicationInput,
  resume: ResumeAdjudicationInput,
  dismissInvalidated: DismissInvalidatedInput,
  dismissNoReport: DismissNoReportInput,
  withdraw: EndAdjudicationInput,
  settle: EndAdjudicationInput,
  startDamagesMediation: StartDamagesMediationInput,
  decide: DecideAdjudicationInput,
  serveDecision: ServeDecisionInput,
  recordLawsuit: RecordAdjudicationLawsuitInput,
  becomeEffective: BecomeAdjudicationEffectiveInput,
  recordJudgment: RecordAdjudicationJudgmentInput,
  recordPerformance: RecordAdjudicationPerformanceInput,
  recordNonPerformance: RecordAdjudicationNonPerformanceInput,
  applyEnforcement: ApplyAdjudicationEnforcementInput,
  close: CloseAdjudicationInput,
} as const;
export type AdjudicationEndpointAction = keyof typeof ADJUDICATION_ACTION_INPUTS;
export const ADJUDICATION_ENDPOINT_ACTIONS = Object.keys(ADJUDICATION_ACTION_INPUTS) as AdjudicationEndpointAction[];
export type AdjudicationActionInput<A extends AdjudicationEndpointAction> = z.infer<(typeof ADJUDICATION_ACTION_INPUTS)[A]>;
export type AdjudicationActionRawInput<A extends AdjudicationEndpointAction> = z.input<(typeof ADJUDICATION_ACTION_INPUTS)[A]>;

export const AdjudicationActionParams = z.object({
  id: z.coerce.number().int().positive().max(2147483647),
  action: z.enum(ADJUDICATION_ENDPOINT_ACTIONS as [AdjudicationEndpointAction, ...AdjudicationEndpointAction[]], { error: '操作不正确' }),
});

// ---------- 列表 ----------
const BoolQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const AdjudicationListQuery = PageQuery.extend({
  tab: z.enum(keysOf(ADJUDICATION_TABS)).default('open'),
  status: AdjudicationStatusEnum.optional(),
  deadlineState: z.enum(['normal', 'warning', 'overdue', 'paused']).optional(),
  /** 请求登记号、立案号、当事人、专利号或被控侵权产品. */
  q: z.string().trim().max(100).optional(),
  /** 我参与合议的. */
  mine: BoolQuery,
  /** 需要本单位协助 (an open assist of a unit in the actor's scope). */
  assist: BoolQuery,
});
export type AdjudicationListQuery = z.infer<typeof AdjudicationListQuery>;

export const AdjudicationPanelCandidatesQuery = z.object({ adjudicationId: z.coerce.number().int().positive().max(2147483647) });

// ---------- DTOs ----------
const DeadlineStateEnum = z.enum(['normal', 'warning', 'overdue', 'paused']);
const BasisDto = z.object({ regulation: z.string(), article: z.string(), version: z.string() });

export const AdjudicationListItemDto = z.object({
  id: z.number(),
  requestNo: z.string(),
  caseNo: z.string().nullable(),
  status: AdjudicationStatusEnum,
  statusLabel: z.string(),
  channel: AdjudicationChannelEnum,
  unitId: z.number(),
  unitName: z.string(),
  receivedByUnitId: z.number(),
  receivedByUnitName: z.string(),
  patentNo: z.string(),
  patentType: PatentKindEnum,
  patentTitle: z.string(),
  patentCheck: PatentCheckEnum,
  /** A natural person's name masked (张*); an organisation's in full. */
  requesterName: z.string(),
  respondentName: z.string(),
  accusedProduct: z.string(),
  receivedOn: z.string(),
  filedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  deadlineState: DeadlineStateEnum.nullable(),
  chiefName: z.string().nullable(),
  /** Open assists for a unit in the actor's scope (三级联动: 需要本单位协助). */
  openAssistsForMe: z.number(),
  /** The actor may act on the case (its unit is in scope), not only read it as receiving or assisting unit. */
  actionable: z.boolean(),
  version: z.number(),
});
export type AdjudicationListItemDto = z.infer<typeof AdjudicationListItemDto>;

export const AdjudicationDeadlineDto = z.object({
  id: z.number(),
  ruleKey: z.string(),
  title: z.string(),
  startOn: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']),
  completedOn: z.string().nullable(),
  provisional: z.boolean(),
  basis: BasisDto,
  amount: z.number(),
  unit: z.enum(['workingDays', 'calendarDays', 'months']),
  pauses: z.array(z.object({ from: z.string(), until: z.string().nullable(), reason: z.string() })),
  extensions: z.array(z.object({ amount: z.number(), unit: z.string(), reason: z.string(), approvedOn: z.string() })),
});
export type AdjudicationDeadlineDto = z.infer<typeof AdjudicationDeadlineDto>;

export const AdjudicationHandlerDto = z.object({
  userId: z.number(),
  name: z.string(),
  role: z.enum(['chief', 'member']),
  roleLabel: z.string(),
  unitName: z.string().nullable(),
  certNo: z.string().nullable(),
});
export type AdjudicationHandlerDto = z.infer<typeof AdjudicationHandlerDto>;

export const AdjudicationActionDto = z.object({
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
export type AdjudicationActionDto = z.infer<typeof AdjudicationActionDto>;

export const AdjudicationFileDto = z.object({
  id: z.number(),
  fileId: z.number(),
  kind: AdjudicationFileKindEnum,
  kindLabel: z.string(),
  party: AdjudicationFilePartyEnum,
  title: z.string(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  /** GET /api/files/:fileId */
  downloadUrl: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type AdjudicationFileDto = z.infer<typeof AdjudicationFileDto>;

export const AddAdjudicationFileFields = z.object({
  kind: AdjudicationFileKindEnum,
  party: AdjudicationFilePartyEnum,
  title: text(2, 200, '请填写材料名称'),
});
export type AddAdjudicationFileFields = z.infer<typeof AddAdjudicationFileFields>;

export const AdjudicationHearingDto = z.object({
  id: z.number(),
  /** ISO timestamp; scheduledOn / scheduledTime in China time. */
  scheduledAt: z.string(),
  scheduledOn: z.string(),
  scheduledTime: z.string(),
  place: z.string(),
  online: z.boolean(),
  noticeOn: z.string(),
  technicalInvestigators: z.array(z.string()),
  jointWithCnipa: z.boolean(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  statusLabel: z.string(),
  heldOn: z.string().nullable(),
  recordSummary: z.string().nullable(),
});
export type AdjudicationHearingDto = z.infer<typeof AdjudicationHearingDto>;

export const AdjudicationAssistDto = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  task: z.string(),
  requestedOn: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'done']),
  statusLabel: z.string(),
  result: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneOn: z.string().nullable(),
  requestedByName: z.string().nullable(),
  /** The actor's unit is the assisting one and the task is open: POST /api/adjudication-assists/:id/complete. */
  canComplete: z.boolean(),
});
export type AdjudicationAssistDto = z.infer<typeof AdjudicationAssistDto>;

export const AdjudicationLinkedMediationDto = z.object({ id: z.number(), mediationNo: z.string(), status: z.string(), statusLabel: z.string() });
export type AdjudicationLinkedMediationDto = z.infer<typeof AdjudicationLinkedMediationDto>;

export const AdjudicationPublicationStatusEnum = z.enum(['published', 'withdrawn']);

export const AdjudicationPublicationBriefDto = z.object({
  id: z.number(),
  title: z.string(),
  publishedOn: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  status: AdjudicationPublicationStatusEnum,
  version: z.number(),
});
export type AdjudicationPublicationBriefDto = z.infer<typeof AdjudicationPublicationBriefDto>;

/** A service record of the case, as the detail shows it (full records: GET /api/service-records?entityType=adjudication). */
export const AdjudicationServiceBriefDto = z.object({
  id: z.number(),
  /** 'request' (请求书副本) or the decision's party. */
  purpose: z.enum(['request', 'decisionRequester', 'decisionRespondent', 'other']),
  documentTitle: z.string(),
  method: z.string(),
  methodLabel: z.string(),
  recipient: z.string(),
  servedOn: z.string().nullable(),
  announcedOn: z.string().nullable(),
  deemedServedOn: z.string().nullable(),
  /** servedOn, or for 公告送达 the deemed-served day. */
  effectiveServedOn: z.string().nullable(),
  pending: z.boolean(),
});
export type AdjudicationServiceBriefDto = z.infer<typeof AdjudicationServiceBriefDto>;

export const AdjudicationDetailDto = AdjudicationListItemDto.extend({
  patentee: z.string(),
  patentId: z.number().nullable(),
  patentCheckLabel: z.string(),
  patentCheckNote: z.string().nullable(),
  requester: z.object({
    kind: AdjudicationPartyKindEnum,
    /** In full (staff). */
    name: z.string(),
    uscc: z.string().nullable(),
    idNoMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    address: z.string().nullable(),
    role: RequesterRoleEnum,
    roleLabel: z.string(),
    agent: z.string().nullable(),
  }),
  respondent: z.object({
    kind: AdjudicationPartyKindEnum,
    name: z.string(),
    uscc: z.string().nullable(),
    address: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    legalRep: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  claimsComparison: z.string(),
  requests: z.string(),
  factsReasons: z.string(),
  noLawsuitDeclared: z.boolean(),
  evaluationReportExpected: z.boolean(),
  evaluationReportProvided: z.boolean(),
  channelLabel: z.string(),
  statusBeforeSuspension: AdjudicationStatusEnum.nullable(),
  notAcceptedReason: z.string().nullable(),
  procedureMode: z.enum(['oral', 'written']).nullable(),
  simpleCase: z.boolean(),
  /** 请求书副本送达被请求人之日; for 公告送达 the deemed-served day (also while it is still ahead). */
  respondentServedOn: z.string().nullable(),
  /** 公告送达 of the request: the announcement day (both dates are shown). */
  respondentAnnouncedOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  answerReceivedOn: z.string().nullable(),
  answerForwardedOn: z.string().nullable(),
  invalidationCaseNo: z.string().nullable(),
  invalidationAcceptedOn: z.string().nullable(),
  invalidationResult: z.enum(['valid', 'partlyValid', 'invalidated']).nullable(),
  decision: AdjudicationDecisionEnum.nullable(),
  decisionLabel: z.string().nullable(),
  decisionOn: z.string().nullable(),
  decisionDocNo: z.string().nullable(),
  decisionSummary: z.string().nullable(),
  orders: z.array(AdjudicationOrderEnum),
  orderLabels: z.array(z.string()),
  decisionServedOn: z.string().nullable(),
  lawsuitDueOn: z.string().nullable(),
  lawsuitFiledOn: z.string().nullable(),
  lawsuitCourt: z.string().nullable(),
  lawsuitCaseNo: z.string().nullable(),
  judgmentResult: JudgmentResultEnum.nullable(),
  effectiveOn: z.string().nullable(),
  performance: z.enum(['performed', 'notPerformed', 'enforcementApplied']).nullable(),
  performanceOn: z.string().nullable(),
  creditFlaggedOn: z.string().nullable(),
  endedReason: AdjudicationEndedReasonEnum.nullable(),
  endedReasonLabel: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** 3 months from filing (adjudication.decision, with pauses and extensions): the statutory due day. */
  decisionDueOn: z.string().nullable(),
  /** The bureau's own 60-day target (adjudication.pilotTarget) with the same pauses — shown beside, never a deadline. */
  pilotTargetOn: z.string().nullable(),
  pilotTargetBasis: BasisDto.nullable(),
  handlers: z.array(AdjudicationHandlerDto),
  actions: z.array(AdjudicationActionDto),
  files: z.array(AdjudicationFileDto),
  hearings: z.array(AdjudicationHearingDto),
  assists: z.array(AdjudicationAssistDto),
  services: z.array(AdjudicationServiceBriefDto),
  deadlines: z.array(AdjudicationDeadlineDto),
  mediations: z.array(AdjudicationLinkedMediationDto),
  publication: AdjudicationPublicationBriefDto.nullable(),
  /** Actions the status allows AND the actor may take on this case (buttons to show). Empty for a receiving/assisting unit. */
  allowedActions: z.array(AdjudicationActionEnum),
  abilities: z.object({
    viewIdentity: z.boolean(),
    addFiles: z.boolean(),
    /** Publish (or re-publish) the decision: adjudication.publish and a decided, not revoked case without a live publication. */
    publish: z.boolean(),
    withdrawPublication: z.boolean(),
    /** Ask for a decision-deadline extension (supervision module, policy adjudication.decision). */
    requestExtension: z.boolean(),
  }),
  /** Facts the action forms need. */
  guide: z.object({
    /** The first day a hearing may be held if the notice goes out today (3 working days, adjudication.hearingNotice). */
    earliestHearingOn: z.string().nullable(),
    /** scheduleHearing / chooseWrittenReview are possible now (answer received or answer period over). */
    hearingAllowed: z.boolean(),
    hearingBlockedReason: z.string().nullable(),
    /** becomeEffective possible (the lawsuit window has run). */
    effectiveAllowed: z.boolean(),
    /** Parties whose decision service is still missing. */
    decisionServicePending: z.array(z.enum(['requester', 'respondent'])),
    appraisalRunning: z.boolean(),
    evaluationReportRequested: z.boolean(),
    /** Units (county bureaus, stations under the case's unit) that may be asked to assist. */
    assistUnits: z.array(z.object({ id: z.number(), name: z.string() })),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdjudicationDetailDto = z.infer<typeof AdjudicationDetailDto>;

export const AdjudicationIdentityDto = z.object({ idNo: z.string().nullable(), phone: z.string().nullable() });
export type AdjudicationIdentityDto = z.infer<typeof AdjudicationIdentityDto>;

export const AdjudicationPanelCandidateDto = z.object({
  id: z.number(),
  displayName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  certNo: z.string().nullable(),
});
export type AdjudicationPanelCandidateDto = z.infer<typeof AdjudicationPanelCandidateDto>;

// ---------- 门户: 我的申请 ----------
export const AdjudicationRequestNoParam = z.object({
  requestNo: z.string().trim().toUpperCase().regex(/^CJ-\d{4}-\d{6}-\d{6}$/, '请求登记号格式应为 CJ-年份-六位区划-六位序号'),
});

export const MyAdjudicationDto = z.object({
  requestNo: z.string(),
  caseNo: z.string().nullable(),
  /** Plain-language status for the requester. */
  statusLabel: z.string(),
  status: AdjudicationStatusEnum,
  patentNo: z.string(),
  patentTitle: z.string(),
  respondentName: z.string(),
  submittedAt: z.string(),
  nextStep: z.string().nullable(),
  expectedNextStepBy: z.string().nullable(),
});
export type MyAdjudicationDto = z.infer<typeof MyAdjudicationDto>;

export const AdjudicationPublicStepDto = z.object({
  /** One of ADJUDICATION_PUBLIC_STEPS. */
  step: z.string(),
  title: z.string(),
  /** YYYY-MM-DD. */
  on: z.string(),
  text: z.string().nullable(),
});
export type AdjudicationPublicStepDto = z.infer<typeof AdjudicationPublicStepDto>;

export const AdjudicationProgressDto = MyAdjudicationDto.extend({
  receivedOn: z.string(),
  filedOn: z.string().nullable(),
  timeline: z.array(AdjudicationPublicStepDto),
  /** The next step and its expected date (the statutory due date, or the decision date). */
  nextStepBasis: z.string().nullable(),
  /** The decision / not-accepted / ended text. */
  result: z.string().nullable(),
  decisionOn: z.string().nullable(),
  /** Id of the published decision (/adjudication-decisions/:id) when published. */
  publicationId: z.number().nullable(),
  files: z.array(z.object({ kind: AdjudicationFileKindEnum, kindLabel: z.string(), title: z.string(), originalName: z.string(), downloadUrl: z.string() })),
});
export type AdjudicationProgressDto = z.infer<typeof AdjudicationProgressDto>;

// ---------- 裁决书公开 ----------
export const AdjudicationPublicationListQuery = PageQuery.extend({
  status: AdjudicationPublicationStatusEnum.optional(),
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});
export type AdjudicationPublicationListQuery = z.infer<typeof AdjudicationPublicationListQuery>;

export const AdjudicationPublicationDraftQuery = z.object({ adjudicationId: z.coerce.number().int().positive().max(2147483647) });

export const AdjudicationPublicationDraftDto = z.object({
  adjudicationId: z.number(),
  /** The adjudication's version (send it back with the publish). */
  version: z.number(),
  title: z.string(),
  docNo: z.string().nullable(),
  /** Parties (a natural person: surname + 某), patent, accused product, decision, orders, doc no, date. */
  body: z.string(),
  /** What was taken out automatically ('自然人姓名 1 处'), never the values. */
  autoRedactions: z.array(z.string()),
});
export type AdjudicationPublicationDraftDto = z.infer<typeof AdjudicationPublicationDraftDto>;

export const PublishAdjudicationInput = z.object({
  adjudicationId: Id,
  version: VersionField,
  title: text(4, 200, '请填写公开标题'),
  /** Edited text; personal data (ID numbers, phones, a person's full name) is taken out again on the server. */
  body: text(20, 30000, '公开正文不少于 20 个字'),
  /** What the publisher removed (e.g. 商业秘密：工艺参数 1 处). */
  redactions: z.array(z.string().trim().min(2).max(200)).max(50).default([]),
});
export type PublishAdjudicationInput = z.infer<typeof PublishAdjudicationInput>;
export type PublishAdjudicationRawInput = z.input<typeof PublishAdjudicationInput>;

export const WithdrawAdjudicationPublicationInput = z.object({
  version: VersionField,
  reason: text(4, 500, '撤回理由不少于 4 个字'),
});
export type WithdrawAdjudicationPublicationInput = z.infer<typeof WithdrawAdjudicationPublicationInput>;

export const AdjudicationPublicationDto = z.object({
  id: z.number(),
  adjudicationId: z.number(),
  requestNo: z.string(),
  caseNo: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  body: z.string(),
  redactions: z.array(z.string()),
  publishedOn: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  status: AdjudicationPublicationStatusEnum,
  statusLabel: z.string(),
  publishedByName: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ withdraw: z.boolean() }),
});
export type AdjudicationPublicationDto = z.infer<typeof AdjudicationPublicationDto>;

export const PublicAdjudicationDecisionQuery = PageQuery.extend({
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});
export type PublicAdjudicationDecisionQuery = z.infer<typeof PublicAdjudicationDecisionQuery>;

export const PublicAdjudicationDecisionListItemDto = z.object({
  id: z.number(),
  title: z.string(),
  docNo: z.string().nullable(),
  authorityName: z.string(),
  publishedOn: z.string(),
  decisionOn: z.string().nullable(),
  decisionLabel: z.string().nullable(),
  patentNo: z.string(),
  patentTitle: z.string(),
  /** As published (a natural person: surname + 某). */
  requesterName: z.string(),
  respondentName: z.string(),
});
export type PublicAdjudicationDecisionListItemDto = z.infer<typeof PublicAdjudicationDecisionListItemDto>;

export const PublicAdjudicationDecisionDto = PublicAdjudicationDecisionListItemDto.extend({ body: z.string() });
export type PublicAdjudicationDecisionDto = z.infer<typeof PublicAdjudicationDecisionDto>;
