/**
 * Contracts of 咨询 (consultation) and 常见问题 (FAQ): the portal form, the receipt with its lookup code, the public
 * lookup, the FAQ, and the back office's answering queue. The status table below is the one source of which actions
 * each status allows, for the server (409 with the allowed actions) and for the buttons of the web.
 */
import { z } from 'zod';
import { PageQuery } from './common';

// ---------- status table ----------

export const CONSULTATION_STATUSES = {
  pending: '待答复',
  answered: '已答复',
  published: '已发布为常见问题',
  closed: '已关闭',
} as const;
export type ConsultationStatus = keyof typeof CONSULTATION_STATUSES;
export const CONSULTATION_STATUS_LIST = Object.keys(CONSULTATION_STATUSES) as ConsultationStatus[];

export const CONSULTATION_ACTIONS = {
  submit: '提交咨询',
  answer: '答复',
  close: '关闭（不予答复）',
  publishFaq: '发布为常见问题',
  unpublishFaq: '撤回常见问题',
} as const;
export type ConsultationAction = keyof typeof CONSULTATION_ACTIONS;

/**
 * Which action leads from which status to which. An answered question may be published to the FAQ; a published
 * one may be edited (published again) or withdrawn (back to answered). A question that is not for this bureau
 * (e.g. 著作权 belongs to the copyright administration) is closed with a reason the asker sees.
 */
export const CONSULTATION_TRANSITIONS: Record<ConsultationStatus, Partial<Record<Exclude<ConsultationAction, 'submit'>, ConsultationStatus>>> = {
  pending: { answer: 'answered', close: 'closed' },
  answered: { publishFaq: 'published' },
  published: { publishFaq: 'published', unpublishFaq: 'answered' },
  closed: {},
};

export function allowedConsultationActions(status: ConsultationStatus): Exclude<ConsultationAction, 'submit'>[] {
  return Object.keys(CONSULTATION_TRANSITIONS[status]) as Exclude<ConsultationAction, 'submit'>[];
}

/** Deadline colours as the back office shows them (the deadline engine's states, minus paused). */
export const CONSULTATION_DEADLINE_STATES = { normal: '正常', warning: '黄灯', overdue: '红灯', done: '已答复' } as const;
export type ConsultationDeadlineState = keyof typeof CONSULTATION_DEADLINE_STATES;

// ---------- formats ----------

/** ZX-<year>-<6-digit city code>-<6-digit yearly sequence>, e.g. ZX-2026-370900-000012. */
export const CONSULTATION_NO_RE = /^ZX-\d{4}-\d{6}-\d{6}$/;
/** Lookup codes use letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L). */
export const CONSULTATION_LOOKUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CONSULTATION_LOOKUP_CODE_LENGTH = 8;

/** Spaces and dashes a user may type into a code are ignored; case does not matter. */
export function normaliseConsultationLookupCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

const MOBILE_RE = /^1[3-9]\d{9}$/;

// ---------- portal ----------

export const CreateConsultationInput = z.object({
  ipType: z.string({ error: '请选择业务类型' }).trim().min(1, '请选择业务类型').max(50, '业务类型不正确'),
  title: z.string({ error: '请填写标题' }).trim().min(4, '标题至少 4 个字').max(100, '标题不能超过 100 个字'),
  question: z.string({ error: '请描述您的问题' }).trim().min(10, '问题描述至少 10 个字').max(2000, '问题描述不能超过 2000 个字'),
  askerName: z.string().trim().max(50, '姓名不能超过 50 个字').nullish(),
  askerPhone: z
    .string()
    .trim()
    .refine((v) => v === '' || MOBILE_RE.test(v), '请输入正确的手机号码')
    .nullish(),
});
export type CreateConsultationInput = z.infer<typeof CreateConsultationInput>;

/** Header of a submission that may be retried: the same key returns the same receipt. */
export const ConsultationIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key 应为 8 至 100 位字母、数字、下划线或连字符')
    .optional(),
});

/** The answer to a submission. The lookup code is shown only here (the server keeps only its keyed hash). */
export const ConsultationReceiptDto = z.object({
  consultationNo: z.string(),
  lookupCode: z.string(),
  /** The last day of the answering period (working days on the official calendar). */
  expectedAnswerBy: z.string().nullable(),
  submittedAt: z.string(),
});
export type ConsultationReceiptDto = z.infer<typeof ConsultationReceiptDto>;

export const ConsultationLookupQuery = z.object({
  no: z.string({ error: '请输入咨询编号' }).trim().toUpperCase().regex(CONSULTATION_NO_RE, '咨询编号格式应为 ZX-年份-六位地区码-六位流水号'),
  code: z
    .string({ error: '请输入查询码' })
    .transform(normaliseConsultationLookupCode)
    .pipe(z.string().regex(new RegExp(`^[A-Z0-9]{${CONSULTATION_LOOKUP_CODE_LENGTH}}$`), `查询码为 ${CONSULTATION_LOOKUP_CODE_LENGTH} 位字母或数字`)),
});
export type ConsultationLookupQuery = z.infer<typeof ConsultationLookupQuery>;

const StatusEnum = z.enum(CONSULTATION_STATUS_LIST as [ConsultationStatus, ...ConsultationStatus[]]);

/** What the asker sees (lookup, 我的咨询): never the asker's name or phone. */
export const ConsultationPublicDto = z.object({
  consultationNo: z.string(),
  ipType: z.string(),
  ipTypeLabel: z.string(),
  title: z.string(),
  question: z.string(),
  status: StatusEnum,
  statusLabel: z.string(),
  submittedAt: z.string(),
  expectedAnswerBy: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  answeringUnit: z.string(),
});
export type ConsultationPublicDto = z.infer<typeof ConsultationPublicDto>;

/** What the form needs: the business types and the answering period in force. */
export const ConsultationFormDto = z.object({
  ipTypes: z.array(z.object({ value: z.string(), label: z.string() })),
  answerPeriod: z.object({ amount: z.number(), unit: z.enum(['workingDays', 'calendarDays', 'months']) }).nullable(),
  answeringUnit: z.string(),
});
export type ConsultationFormDto = z.infer<typeof ConsultationFormDto>;

export const FaqQuery = PageQuery.extend({
  keyword: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
  ipType: z.string().trim().max(50).optional(),
});
export type FaqQuery = z.infer<typeof FaqQuery>;

export const FaqDto = z.object({
  id: z.number(),
  ipType: z.string(),
  ipTypeLabel: z.string(),
  question: z.string(),
  answer: z.string(),
  publishedAt: z.string(),
});
export type FaqDto = z.infer<typeof FaqDto>;

// ---------- back office ----------

export const ConsultationListQuery = PageQuery.extend({
  status: StatusEnum.optional(),
  deadlineState: z.enum(['normal', 'warning', 'overdue', 'done']).optional(),
  ipType: z.string().trim().max(50).optional(),
  /** Part of the consultation number or of the title. */
  keyword: z.string().trim().max(50).optional(),
});
export type ConsultationListQuery = z.infer<typeof ConsultationListQuery>;

export const ConsultationDeadlineDto = z.object({
  dueOn: z.string().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']),
  /** Working days left until the due date (negative when overdue); null when done. */
  workingDaysLeft: z.number().nullable(),
  completedOn: z.string().nullable(),
  basis: z.object({ regulation: z.string(), article: z.string(), version: z.string() }),
});
export type ConsultationDeadlineDto = z.infer<typeof ConsultationDeadlineDto>;

export const ConsultationAbilities = z.object({
  answer: z.boolean(),
  close: z.boolean(),
  publishFaq: z.boolean(),
  unpublishFaq: z.boolean(),
});

export const ConsultationListItemDto = z.object({
  id: z.number(),
  consultationNo: z.string(),
  ipType: z.string(),
  ipTypeLabel: z.string(),
  title: z.string(),
  /** Masked (张*); null when not given. */
  askerName: z.string().nullable(),
  /** Masked (138****1234); null when not given. */
  askerPhone: z.string().nullable(),
  /** Asked by a logged-in portal user (answers are also sent to the user's messages). */
  fromPortalUser: z.boolean(),
  status: StatusEnum,
  submittedAt: z.string(),
  answeredAt: z.string().nullable(),
  deadline: ConsultationDeadlineDto.nullable(),
  version: z.number(),
  abilities: ConsultationAbilities,
});
export type ConsultationListItemDto = z.infer<typeof ConsultationListItemDto>;

export const ConsultationActionDto = z.object({
  action: z.enum(Object.keys(CONSULTATION_ACTIONS) as [ConsultationAction, ...ConsultationAction[]]),
  fromStatus: StatusEnum.nullable(),
  toStatus: StatusEnum,
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type ConsultationActionDto = z.infer<typeof ConsultationActionDto>;

export const ConsultationDetailDto = ConsultationListItemDto.extend({
  question: z.string(),
  unitName: z.string(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  closeReason: z.string().nullable(),
  faqQuestion: z.string().nullable(),
  faqAnswer: z.string().nullable(),
  faqPublishedAt: z.string().nullable(),
  faqUnpublishedAt: z.string().nullable(),
  actions: z.array(ConsultationActionDto),
});
export type ConsultationDetailDto = z.infer<typeof ConsultationDetailDto>;

export const AnswerConsultationInput = z.object({
  answer: z.string({ error: '请填写答复内容' }).trim().min(5, '答复内容至少 5 个字').max(5000, '答复内容不能超过 5000 个字'),
  version: z.number().int(),
});
export type AnswerConsultationInput = z.infer<typeof AnswerConsultationInput>;

export const CloseConsultationInput = z.object({
  reason: z.string({ error: '请填写关闭理由' }).trim().min(4, '关闭理由至少 4 个字').max(500, '关闭理由不能超过 500 个字'),
  version: z.number().int(),
});
export type CloseConsultationInput = z.infer<typeof CloseConsultationInput>;

export const PublishFaqInput = z.object({
  faqQuestion: z.string({ error: '请填写公开的问题' }).trim().min(4, '问题至少 4 个字').max(300, '问题不能超过 300 个字'),
  faqAnswer: z.string({ error: '请填写公开的答复' }).trim().min(5, '答复至少 5 个字').max(5000, '答复不能超过 5000 个字'),
  version: z.number().int(),
});
export type PublishFaqInput = z.infer<typeof PublishFaqInput>;

export const UnpublishFaqInput = z.object({ version: z.number().int() });
export type UnpublishFaqInput = z.infer<typeof UnpublishFaqInput>;
