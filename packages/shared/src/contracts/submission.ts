/**
 * Contracts of the online intake (我要投诉 / 我要举报 / 维权援助申请), its receipt and progress lookup, and the back
 * office's 统一受理 queue. Legal basis: 市场监督管理投诉举报处理暂行办法 (legal-rules.md §1.1, §4.1, §4.2).
 *
 * Endpoints (server: apps/server/src/modules/submissions):
 *  public / portal
 *   GET  /api/public/captcha                                  → CaptchaDto
 *   GET  /api/public/submissions/intake-info                  → IntakeInfoDto (limits, whether this IP must solve a captcha)
 *   POST /api/portal/files            multipart, field "file" → UploadedEvidenceDto (anonymous allowed)
 *   POST /api/portal/submissions      header Idempotency-Key  SubmitSubmissionInput → 201 SubmissionReceiptDto
 *   GET  /api/public/submissions/lookup?receiptNo&lookupCode  → SubmissionProgressDto (same 404 for unknown/wrong code)
 *   GET  /api/public/submissions/receipt.pdf?receiptNo&lookupCode → application/pdf (回执)
 *   POST /api/public/submissions/rate RateSubmissionInput     → SubmissionProgressDto
 *   GET  /api/portal/submissions/mine?page&pageSize           → Page<MySubmissionDto> (logged-in public user)
 *   GET  /api/portal/submissions/mine/:receiptNo              → SubmissionProgressDto (own submission, no lookup code needed)
 *  back office (统一受理, scope on the intake unit)
 *   GET  /api/submissions?status&kind&ipType&keyword&duplicatesOnly&page&pageSize  (submission.read) → Page<SubmissionListItemDto>
 *   GET  /api/submissions/:id                                 (submission.read) → SubmissionDetailDto
 *   GET  /api/submissions/:id/identity                        (submission.identity.read, audited) → SubmissionIdentityDto
 *   POST /api/submissions/:id/register  RegisterSubmissionInput (submission.register) → SubmissionDetailDto
 *   POST /api/submissions/:id/link      LinkSubmissionInput     (submission.merge)    → SubmissionDetailDto
 *   POST /api/submissions/:id/close     CloseSubmissionInput    (submission.register) → SubmissionDetailDto
 *   GET  /api/files/:id (files module) downloads an evidence file for staff who may read the submission.
 *   GET  /api/outbox?status&page&pageSize                     (submission.read)     → Page<OutboxMessageDto>
 *   POST /api/outbox/:id/retry                                 (submission.register) → {ok: true} (a failed or dead message)
 *
 * Errors: 400 VALIDATION_FAILED with details[].path (e.g. body.submitter.idNo); 400/428 CAPTCHA_REQUIRED /
 * CAPTCHA_INVALID; 409 IDEMPOTENCY_CONFLICT; 429 RATE_LIMITED; 409 ACTION_NOT_ALLOWED {details: {allowed: [...]}}.
 */
import { z } from 'zod';
import {
  SATISFACTION_LIST,
  SUBMISSION_ACTION_LIST,
  SUBMISSION_STATUS_LIST,
  type Satisfaction,
  type SubmissionAction,
  type SubmissionStatus,
} from '../domain/submission-workflow';
import { isMobile, isResidentIdNo, isUscc, isLandline } from '../domain/validators';
import { PageQuery } from './common';

// ---------- 代码表 ----------
export const SUBMISSION_KINDS = { complaint: '投诉', report: '举报', assistanceRequest: '维权援助申请' } as const;
export type SubmissionKind = keyof typeof SUBMISSION_KINDS;
export const SUBMISSION_KIND_LIST = Object.keys(SUBMISSION_KINDS) as SubmissionKind[];

/** IP types handled by the bureau (市场监管局/知识产权局). Copyright (版权) is not among them: see COPYRIGHT_REFERRAL. */
export const IP_TYPES = {
  patent: '专利',
  trademark: '商标',
  geographicalIndication: '地理标志',
  patentAgency: '专利代理',
  trademarkAgency: '商标代理',
  other: '其他',
} as const;
export type IpType = keyof typeof IP_TYPES;
export const IP_TYPE_LIST = Object.keys(IP_TYPES) as IpType[];

/** The message for ipType 'copyright': 著作权 belongs to the copyright administration (党委宣传部门/版权局). */
export const COPYRIGHT_REFERRAL =
  '著作权（版权）事项不属于市场监督管理部门（知识产权局）职责，请向当地党委宣传部门（版权局）或文化市场综合执法机构反映';

/** Sizes and counts (the server's configuration may lower the per-file size; IntakeInfoDto says the live value). */
export const SUBMISSION_MAX_FILES = 10;
/**
 * Content types accepted as evidence, detected from the content (not the name). The same list as the files module
 * (apps/server/src/modules/files/files.service.ts): images, PDF, Word (.doc is detected as application/x-cfb), Excel
 * (sales records), video and MP3 recordings.
 */
export const EVIDENCE_MIME_TYPES = [
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff',
  'application/pdf',
  'application/msword', 'application/x-cfb', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'video/mp4', 'video/quicktime', 'video/x-msvideo',
  'audio/mpeg',
] as const;

export const SubmissionKindEnum = z.enum(SUBMISSION_KIND_LIST as [SubmissionKind, ...SubmissionKind[]]);
export const IpTypeEnum = z.enum(IP_TYPE_LIST as [IpType, ...IpType[]]);
export const SubmissionStatusEnum = z.enum(SUBMISSION_STATUS_LIST as [SubmissionStatus, ...SubmissionStatus[]]);
export const SubmissionActionEnum = z.enum(SUBMISSION_ACTION_LIST as [SubmissionAction, ...SubmissionAction[]]);
export const SatisfactionEnum = z.enum(SATISFACTION_LIST as [Satisfaction, ...Satisfaction[]]);

/** ZC-2026-370900-000123 */
export const RECEIPT_NO_PATTERN = /^ZC-\d{4}-\d{6}-\d{6}$/;
/** 8 characters without look-alikes (no 0/O, 1/I/L). Case-insensitive on input. */
export const LOOKUP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ReceiptNo = z.string().trim().toUpperCase().regex(RECEIPT_NO_PATTERN, '受理编号格式应为 ZC-年份-六位区划-六位序号');
export const LookupCode = z.string().trim().toUpperCase().regex(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/, '查询码为 8 位字母或数字');

// ---------- 验证码 captcha ----------
export const CaptchaDto = z.object({ id: z.string(), svg: z.string(), expiresAt: z.string() });
export type CaptchaDto = z.infer<typeof CaptchaDto>;

export const IntakeInfoDto = z.object({
  maxFiles: z.number(),
  maxFileBytes: z.number(),
  acceptedMimeTypes: z.array(z.string()),
  /** True when this address must send captchaId/captchaAnswer with its next submission. */
  captchaRequired: z.boolean(),
});
export type IntakeInfoDto = z.infer<typeof IntakeInfoDto>;

// ---------- 证据上传 evidence ----------
export const UploadedEvidenceDto = z.object({
  fileId: z.number(),
  /** Proves the uploader when the file is attached to a submission; shown once, only its hash is stored. */
  uploadToken: z.string(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  sha256: z.string(),
});
export type UploadedEvidenceDto = z.infer<typeof UploadedEvidenceDto>;

// ---------- 提交 submit ----------
const optText = (max: number) =>
  z.string().trim().max(max).nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const RespondentInput = z.object({
  /** 被投诉/被举报人名称（企业名称、店铺名称或个人姓名） */
  name: z.string().trim().min(2, '请填写被投诉（举报）人名称').max(200),
  /** 统一社会信用代码 (GB 32100), optional; checked when given. */
  uscc: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
  address: optText(300),
  /** County-level (or township) region code from the division list; must exist. */
  regionCode: z.string().trim().regex(/^\d{6}(\d{3})?$/, '请选择所在区县'),
  online: z.boolean().default(false),
  /** Online shop or page URL (required when online). */
  shopUrl: optText(500),
  /** Platform name, e.g. 淘宝、京东、拼多多、抖音 (required when online). */
  platform: optText(100),
});
export type RespondentInput = z.infer<typeof RespondentInput>;

export const SubmitterInput = z.object({
  name: z.string().trim().min(2, '请填写真实姓名').max(50),
  /** Mobile or landline. */
  phone: z.string().trim().max(30),
  /** 居民身份证号 (GB 11643); a lower-case x is accepted and upper-cased. */
  idNo: z.string().trim().toUpperCase(),
  address: optText(300),
  email: z.string().trim().max(200).email('邮箱格式不正确').nullish().or(z.literal('')).transform((v) => v || null),
  /** When filing for an enterprise or other organisation (维权援助申请 usually): its name and credit code. */
  organizationName: optText(200),
  organizationUscc: optText(18).transform((v) => (v ? v.toUpperCase() : v)),
});
export type SubmitterInput = z.infer<typeof SubmitterInput>;

export const EvidenceRef = z.object({ fileId: z.number().int().positive(), uploadToken: z.string().min(16).max(100) });

export const SubmitSubmissionInput = z
  .object({
    kind: SubmissionKindEnum,
    /** 'copyright' is accepted by the schema only to answer with COPYRIGHT_REFERRAL at body.ipType. */
    ipType: z.union([IpTypeEnum, z.literal('copyright')]),
    respondent: RespondentInput,
    /** 事实与理由 */
    facts: z.string().trim().min(10, '请至少用 10 个字说明事实与理由').max(5000),
    /** 诉求 (required for a complaint and an assistance request). */
    requestedOutcome: optText(2000),
    /** Only a report may be anonymous (暂行办法 第九条、第十条: a complaint needs the complainant's real identity). */
    anonymous: z.boolean().default(false),
    submitter: SubmitterInput.nullish().transform((v) => v ?? null),
    /** 是否同意公开（去除个人信息后）, as the SAMR 投诉登记表 asks. */
    consentPublication: z.boolean().default(false),
    /** 是否同意委托（委派）调解组织调解, 暂行办法 第十八条. */
    consentDelegatedMediation: z.boolean().default(false),
    files: z.array(EvidenceRef).max(SUBMISSION_MAX_FILES, `证据材料最多 ${SUBMISSION_MAX_FILES} 个`).default([]),
    captchaId: z.string().max(64).nullish(),
    captchaAnswer: z.string().max(16).nullish(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (v.ipType === 'copyright') issue(['ipType'], COPYRIGHT_REFERRAL);
    if (v.respondent.uscc && !isUscc(v.respondent.uscc)) issue(['respondent', 'uscc'], '统一社会信用代码不正确，请核对（18 位，含校验码）');
    if (v.respondent.online) {
      if (!v.respondent.shopUrl) issue(['respondent', 'shopUrl'], '网络经营的请填写店铺或页面网址');
      else if (!/^https?:\/\/\S+$/i.test(v.respondent.shopUrl)) issue(['respondent', 'shopUrl'], '网址应以 http:// 或 https:// 开头');
      if (!v.respondent.platform) issue(['respondent', 'platform'], '网络经营的请填写平台名称');
    }
    if (v.kind !== 'report' && !v.requestedOutcome) issue(['requestedOutcome'], '请填写您的诉求');
    if (v.anonymous) {
      // 暂行办法 第九条: 投诉应当提供投诉人的真实身份信息; only a report may be anonymous.
      if (v.kind !== 'report') issue(['anonymous'], `${SUBMISSION_KINDS[v.kind]}须提供真实身份信息，不能匿名`);
    } else if (!v.submitter) {
      issue(['submitter'], '请填写姓名、联系电话和身份证号码（仅举报可以匿名）');
    }
    const s = v.submitter;
    if (s && !v.anonymous) {
      if (!isMobile(s.phone) && !isLandline(s.phone)) issue(['submitter', 'phone'], '联系电话应为 11 位手机号或带区号的固定电话');
      if (!isResidentIdNo(s.idNo)) issue(['submitter', 'idNo'], '居民身份证号码不正确，请核对');
      if (s.organizationUscc && !isUscc(s.organizationUscc)) issue(['submitter', 'organizationUscc'], '统一社会信用代码不正确');
    }
    const seen = new Set<number>();
    v.files.forEach((f, i) => {
      if (seen.has(f.fileId)) issue(['files', i, 'fileId'], '同一文件重复添加');
      seen.add(f.fileId);
    });
  });
export type SubmitSubmissionInput = z.infer<typeof SubmitSubmissionInput>;
export type SubmitSubmissionRawInput = z.input<typeof SubmitSubmissionInput>;

/** The answer to a successful submit, given only after the commit. */
export const SubmissionReceiptDto = z.object({
  receiptNo: z.string(),
  /** Shown once; keep it with the receipt number to look the submission up. */
  lookupCode: z.string(),
  kind: SubmissionKindEnum,
  submittedAt: z.string(),
  /** Due date of the next statutory step (YYYY-MM-DD), from the working-day calendar. */
  expectedNextStepBy: z.string().nullable(),
  /** e.g. 作出受理或者不予受理的决定 */
  nextStep: z.string(),
  /** e.g. 《市场监督管理投诉举报处理暂行办法》第十四条 */
  nextStepBasis: z.string(),
  /** The due date lies in a year whose holiday notice is not entered yet. */
  provisional: z.boolean(),
});
export type SubmissionReceiptDto = z.infer<typeof SubmissionReceiptDto>;

// ---------- 进度查询 lookup ----------
export const LookupQuery = z.object({ receiptNo: ReceiptNo, lookupCode: LookupCode });
export type LookupQuery = z.infer<typeof LookupQuery>;

export const PublicTimelineEntryDto = z.object({
  at: z.string(),
  /** SubmissionEventKind of a public event: receive, dispatch, sign, accept, reject, mediation, terminateMediation, verify, fileCase, declineCase, caseDecision, merge, close, rate, reopen */
  step: z.string(),
  /** 登记 / 分派 / 受理 / 不予受理 / 核查 / 合并办理 / 办结 / 评价 / 重新审查 */
  title: z.string(),
  /** Chinese text for the submitter, e.g. the reason of 不予受理 or 已与 ZC-… 合并办理. */
  text: z.string().nullable(),
});
export type PublicTimelineEntryDto = z.infer<typeof PublicTimelineEntryDto>;

export const RatingDto = z.object({ satisfaction: SatisfactionEnum, comment: z.string().nullable(), ratedAt: z.string() });
export type RatingDto = z.infer<typeof RatingDto>;

export const SubmissionProgressDto = z.object({
  receiptNo: z.string(),
  kind: SubmissionKindEnum,
  ipType: IpTypeEnum,
  status: SubmissionStatusEnum,
  /** 待登记 / 已登记 / 已合并 / 已办结 / 重新审查 */
  statusLabel: z.string(),
  submittedAt: z.string(),
  respondentName: z.string(),
  timeline: z.array(PublicTimelineEntryDto),
  /** The next statutory step and its due date while one is open. */
  nextStep: z.string().nullable(),
  expectedNextStepBy: z.string().nullable(),
  /** 办结 result text when closed (or merged). */
  result: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Receipt number of the primary submission when merged into it. */
  mergedInto: z.string().nullable(),
  rating: z.object({ open: z.boolean(), given: RatingDto.nullable() }),
});
export type SubmissionProgressDto = z.infer<typeof SubmissionProgressDto>;

export const RateSubmissionInput = z.object({
  receiptNo: ReceiptNo,
  lookupCode: LookupCode,
  satisfaction: SatisfactionEnum,
  comment: z.string().trim().max(1000).nullish().transform((v) => v || null),
});
export type RateSubmissionInput = z.infer<typeof RateSubmissionInput>;

export const MySubmissionDto = z.object({
  receiptNo: z.string(),
  kind: SubmissionKindEnum,
  ipType: IpTypeEnum,
  status: SubmissionStatusEnum,
  statusLabel: z.string(),
  respondentName: z.string(),
  submittedAt: z.string(),
  expectedNextStepBy: z.string().nullable(),
});
export type MySubmissionDto = z.infer<typeof MySubmissionDto>;
export const ReceiptNoParam = z.object({ receiptNo: ReceiptNo });

// ---------- 统一受理 back office ----------
const BoolQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const SubmissionListQuery = PageQuery.extend({
  status: SubmissionStatusEnum.optional(),
  kind: SubmissionKindEnum.optional(),
  ipType: IpTypeEnum.optional(),
  /** Receipt number, respondent name or credit code, or words of the facts. */
  keyword: z.string().trim().max(100).optional(),
  duplicatesOnly: BoolQuery,
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuery>;

export const PossibleDuplicateDto = z.object({
  id: z.number(),
  receiptNo: z.string(),
  kind: SubmissionKindEnum,
  ipType: IpTypeEnum,
  status: SubmissionStatusEnum,
  respondentName: z.string(),
  submittedAt: z.string(),
  /** uscc: same 统一社会信用代码; name: close respondent name (normalised equal or bigram Dice ≥ 0.8) and same IP type. */
  reason: z.enum(['uscc', 'name']),
  /** 0..1 name similarity (1 for the same credit code). */
  similarity: z.number(),
});
export type PossibleDuplicateDto = z.infer<typeof PossibleDuplicateDto>;

export const SubmissionAbilitiesDto = z.object({
  register: z.boolean(),
  link: z.boolean(),
  merge: z.boolean(),
  close: z.boolean(),
  /** 分派 to a county bureau (lead.dispatch; registered or reopened). */
  dispatch: z.boolean(),
  viewIdentity: z.boolean(),
});

export const SubmissionListItemDto = z.object({
  id: z.number(),
  receiptNo: z.string(),
  kind: SubmissionKindEnum,
  ipType: IpTypeEnum,
  category: z.string().nullable(),
  status: SubmissionStatusEnum,
  statusLabel: z.string(),
  respondentName: z.string(),
  respondentUscc: z.string().nullable(),
  respondentRegionCode: z.string(),
  respondentRegionName: z.string().nullable(),
  online: z.boolean(),
  anonymous: z.boolean(),
  /** Masked (张*), or 匿名. */
  submitterName: z.string(),
  submitterPhone: z.string().nullable(),
  submitterIdNo: z.string().nullable(),
  submittedAt: z.string(),
  /** Open deadline of the next step, with its state (黄灯 warning / 红灯 overdue). */
  deadline: z.object({ title: z.string(), dueOn: z.string().nullable(), state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']) }).nullable(),
  fileCount: z.number(),
  possibleDuplicates: z.array(PossibleDuplicateDto),
  version: z.number(),
  abilities: SubmissionAbilitiesDto,
});
export type SubmissionListItemDto = z.infer<typeof SubmissionListItemDto>;

export const SubmissionEventDto = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  text: z.string().nullable(),
  public: z.boolean(),
  actorName: z.string().nullable(),
});
export type SubmissionEventDto = z.infer<typeof SubmissionEventDto>;

export const SubmissionLinkDto = z.object({
  otherId: z.number(),
  otherReceiptNo: z.string(),
  otherStatus: SubmissionStatusEnum,
  mode: z.enum(['duplicate', 'related']),
  /** primary: the other was merged into this one; merged: this one was merged into the other; related: plain link. */
  role: z.enum(['primary', 'merged', 'related']),
  createdAt: z.string(),
});
export type SubmissionLinkDto = z.infer<typeof SubmissionLinkDto>;

export const SubmissionFileDto = z.object({
  id: z.number(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  sha256: z.string(),
  /** GET it with the staff session. */
  downloadUrl: z.string(),
});
export type SubmissionFileDto = z.infer<typeof SubmissionFileDto>;

export const SubmissionDetailDto = SubmissionListItemDto.extend({
  respondentAddress: z.string().nullable(),
  shopUrl: z.string().nullable(),
  platform: z.string().nullable(),
  facts: z.string(),
  requestedOutcome: z.string().nullable(),
  consentPublication: z.boolean(),
  consentDelegatedMediation: z.boolean(),
  /** Organisation the submitter filed for (not masked: it is not personal data). */
  organizationName: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  result: z.string().nullable(),
  closedAt: z.string().nullable(),
  mergedInto: z.object({ id: z.number(), receiptNo: z.string() }).nullable(),
  /** The lead (线索) this submission became at 分派, with its responsible unit and status label. */
  lead: z.object({ id: z.number(), leadNo: z.string(), unitName: z.string(), statusLabel: z.string() }).nullable(),
  files: z.array(SubmissionFileDto),
  events: z.array(SubmissionEventDto),
  links: z.array(SubmissionLinkDto),
  rating: RatingDto.nullable(),
  allowedActions: z.array(SubmissionActionEnum),
});
export type SubmissionDetailDto = z.infer<typeof SubmissionDetailDto>;

export const SubmissionIdentityDto = z.object({
  anonymous: z.boolean(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  idNo: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  organizationName: z.string().nullable(),
  organizationUscc: z.string().nullable(),
});
export type SubmissionIdentityDto = z.infer<typeof SubmissionIdentityDto>;

export const RegisterSubmissionInput = z.object({
  ipType: IpTypeEnum,
  /** Free classification (e.g. 商标侵权, 假冒专利, 专利代理违法); a dictionary may come later. */
  category: z.string().trim().max(50).nullish().transform((v) => v || null),
  note: z.string().trim().max(1000).nullish().transform((v) => v || null),
  version: z.number().int(),
});
export type RegisterSubmissionInput = z.infer<typeof RegisterSubmissionInput>;

export const LinkSubmissionInput = z.object({
  otherId: z.number().int().positive(),
  /** duplicate: merge this one into the other (the other is the primary); related: link both, both stay open. */
  mode: z.enum(['duplicate', 'related']),
  version: z.number().int(),
});
export type LinkSubmissionInput = z.infer<typeof LinkSubmissionInput>;

export const CloseSubmissionInput = z.object({
  /** Shown to the submitter, e.g. 不属于本部门职责，已告知向有权机关提出. */
  reason: z.string().trim().min(4, '请填写办结理由').max(1000),
  version: z.number().int(),
});
export type CloseSubmissionInput = z.infer<typeof CloseSubmissionInput>;

// ---------- 发件箱 outbox (messages to submitters; GET /api/outbox, POST /api/outbox/:id/retry, submission.register) ----------
export const OUTBOX_STATUSES = { pending: '待发送', sent: '已发送', failed: '失败待重试', dead: '已停止重试' } as const;
export type OutboxStatus = keyof typeof OUTBOX_STATUSES;
export const OutboxQuery = PageQuery.extend({
  status: z.enum(Object.keys(OUTBOX_STATUSES) as [OutboxStatus, ...OutboxStatus[]]).optional(),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;
export const OutboxMessageDto = z.object({
  id: z.number(),
  channel: z.enum(['sms', 'email', 'inApp']),
  /** Masked phone or e-mail; null for in-app. */
  recipient: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(Object.keys(OUTBOX_STATUSES) as [OutboxStatus, ...OutboxStatus[]]),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  transport: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The submission it belongs to. */
  submissionId: z.number().nullable(),
  receiptNo: z.string().nullable(),
  abilities: z.object({ retry: z.boolean() }),
});
export type OutboxMessageDto = z.infer<typeof OutboxMessageDto>;
