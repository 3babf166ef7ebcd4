/**
 * Supervision (督办) rules shared by server and web: the extension (延期) limits per deadline rule key, the case-file
 * review (案卷评查) score sheet and its grades, and the definitions of the enforcement statistics (执法统计).
 *
 * Pure data and pure functions: the server checks a request against them, the web pre-fills its forms from them.
 */
import type { DeadlineUnit } from './deadline';

// ---------------------------------------------------------------------------------------------------------------
// 延期 (extensions of a statutory deadline)
// ---------------------------------------------------------------------------------------------------------------

/** Who approves an extension: the head of the bureau (负责人批准) or the heads' collective discussion (集体讨论决定). */
export type ExtensionApproval = 'head' | 'collective';

export const EXTENSION_APPROVALS: Record<ExtensionApproval, string> = {
  head: '负责人批准',
  collective: '集体讨论决定',
};

export const DEADLINE_UNIT_LABELS: Record<DeadlineUnit, string> = {
  workingDays: '个工作日',
  calendarDays: '日',
  months: '个月',
};

/** One approved extension of a deadline, in order: the first follows steps[0], the second steps[1], … */
export interface ExtensionStep {
  /** The most one approved extension of this step may add, in the policy's unit. */
  maxAmount: number;
  approval: ExtensionApproval;
}

export interface ExtensionPolicy {
  /** The deadline rule key (deadline_rules.key) this policy applies to. */
  ruleKey: string;
  name: string;
  unit: DeadlineUnit;
  steps: ExtensionStep[];
  /** After the last step, further extensions follow the last step again (only with its approval). */
  repeatLast: boolean;
  /**
   * The deadline rule that holds the statutory number of the first extension (e.g. lead.verificationExtension = 15 WD).
   * Rule numbers are data keyed by effective date: the server uses that rule's amount in force, when it exists, as the
   * first step's limit, so a new regulation changes the limit without a code change.
   */
  amountRuleKey?: string;
  /** Legal basis shown to the applicant and the approver. */
  basis: string;
  trust: 'verified' | 'secondary' | 'unverified';
  /** Why the limits are what they are (shown in the form). */
  note: string;
}

/**
 * The deadlines that may be extended, and how far. Any other rule key cannot be extended (the server answers 409 with
 * the explanation of NOT_EXTENDABLE or a generic one).
 */
export const EXTENSION_POLICIES: Record<string, ExtensionPolicy> = {
  // 市场监督管理行政处罚程序规定 第十八条: 核查期限十五个工作日；特殊情况下经负责人批准可以延长十五个工作日（一次）。
  'lead.verification': {
    ruleKey: 'lead.verification',
    name: '线索核查',
    unit: 'workingDays',
    steps: [{ maxAmount: 15, approval: 'head' }],
    repeatLast: false,
    amountRuleKey: 'lead.verificationExtension',
    basis: '《市场监督管理行政处罚程序规定》第十八条',
    trust: 'secondary',
    note: '特殊情况下经负责人批准，可以延长一次，延长不超过十五个工作日。',
  },
  // 市场监督管理投诉举报处理暂行办法 第二十三条: 调解中发现的违法线索十五个工作日内核查；特殊情况下可以延长十五个工作日。
  'mediation.leadVerification': {
    ruleKey: 'mediation.leadVerification',
    name: '调解中发现违法线索核查',
    unit: 'workingDays',
    steps: [{ maxAmount: 15, approval: 'head' }],
    repeatLast: false,
    basis: '《市场监督管理投诉举报处理暂行办法》第二十三条',
    trust: 'verified',
    note: '特殊情况下，核查时限可以延长一次，延长不超过十五个工作日。',
  },
  // 行政处罚法 第六十条 (90 日) and 市场监督管理行政处罚程序规定 第六十四条: 经负责人批准可以延长三十日；案情特别复杂或者
  // 有其他特殊情况，经延期仍不能作出决定的，应当由负责人集体讨论决定是否继续延期，决定继续延期的，应当同时确定延长的合理期限。
  // The law fixes no number for the collective extension, only a "合理期限". We cap one collective extension at 90 days
  // (our own choice, not a statutory figure): no longer than the ordinary 90-day period itself, so a case cannot go
  // longer than one ordinary period without the heads discussing it again; a longer need is a further collective decision.
  'penalty.decision': {
    ruleKey: 'penalty.decision',
    name: '普通程序处罚决定',
    unit: 'calendarDays',
    steps: [
      { maxAmount: 30, approval: 'head' },
      { maxAmount: 90, approval: 'collective' },
    ],
    repeatLast: true,
    amountRuleKey: 'penalty.decisionExtension',
    basis: '《中华人民共和国行政处罚法》第六十条；《市场监督管理行政处罚程序规定》第六十四条',
    trust: 'secondary',
    note: '首次延期经负责人批准，不超过三十日；仍不能作出决定的，须经负责人集体讨论决定继续延期并确定合理期限（本系统每次不超过九十日，即不超过一个普通程序办案期限）。',
  },
  // 行政强制法 第二十五条: 查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。
  'penalty.seizure': {
    ruleKey: 'penalty.seizure',
    name: '查封扣押',
    unit: 'calendarDays',
    steps: [{ maxAmount: 30, approval: 'head' }],
    repeatLast: false,
    amountRuleKey: 'penalty.seizureExtension',
    basis: '《中华人民共和国行政强制法》第二十五条',
    trust: 'secondary',
    note: '情况复杂的，经负责人批准可以延长一次，延长期限不超过三十日。',
  },
  // 法制审核期限十个工作日，经负责人批准可以延长（二手资料, legal-rules.md §1.2 P6）. The sources give no length: we allow one
  // extension of at most the original ten working days.
  'penalty.legalReview': {
    ruleKey: 'penalty.legalReview',
    name: '法制审核',
    unit: 'workingDays',
    steps: [{ maxAmount: 10, approval: 'head' }],
    repeatLast: false,
    basis: '《市场监督管理行政处罚程序规定》（法制审核期限，条款未核对）',
    trust: 'secondary',
    note: '经负责人批准可以延长一次，本系统按不超过原审核期限（十个工作日）掌握。',
  },
  // 专利行政执法办法 (2015) 第十三条: 处理专利侵权纠纷，应当自立案之日起三个月内结案；案件特别复杂需要延长期限的，应当由
  // 管理专利工作的部门负责人批准，经批准延长的期限，最多不超过一个月. ⚠️ Superseded by 专利纠纷行政裁决和调解办法 (2025) and
  // 山东省专利纠纷行政裁决和行政调解办法 (2024), texts not at hand: the number is rule data (adjudication.decisionExtension).
  'adjudication.decision': {
    ruleKey: 'adjudication.decision',
    name: '专利侵权纠纷行政裁决结案',
    unit: 'months',
    steps: [{ maxAmount: 1, approval: 'head' }],
    repeatLast: false,
    amountRuleKey: 'adjudication.decisionExtension',
    basis: '《专利行政执法办法》（2015）第十三条（待按 2025 年《专利纠纷行政裁决和调解办法》核对）',
    trust: 'secondary',
    note: '案件特别复杂需要延长期限的，经负责人批准可以延长一次，最多不超过一个月。',
  },
};

/** Deadlines that the law does not allow to extend, with the explanation the applicant sees. */
export const NOT_EXTENDABLE: Record<string, string> = {
  // 暂行办法 第二十一条第一款第（五）项: 自投诉受理之日起四十五个工作日内未能达成调解协议的，终止调解.
  'complaint.mediation':
    '投诉调解期限不能延长：自受理之日起四十五个工作日内未能达成调解协议的，应当终止调解（《市场监督管理投诉举报处理暂行办法》第二十一条第一款第（五）项）。需要检定、检验、检测、鉴定的，可暂停计算期限（第二十条）。',
  'complaint.acceptance': '投诉受理期限不能延长：应当自收到投诉之日起七个工作日内作出受理或者不予受理的决定（《市场监督管理投诉举报处理暂行办法》第十四条）。',
  'report.reporterNotice': '告知实名举报人的期限不能延长（《市场监督管理投诉举报处理暂行办法》第三十一条）。',
  'penalty.finePayment': '缴纳罚款的期限由法律规定，不能通过延期审批变更；当事人确有经济困难的，依法申请暂缓或者分期缴纳（《中华人民共和国行政处罚法》第六十六条）。',
  'service.announcement': '公告送达期间由法律规定（《中华人民共和国民事诉讼法》第九十五条），不能延长。',
};

export function extensionPolicyOf(ruleKey: string): ExtensionPolicy | undefined {
  return EXTENSION_POLICIES[ruleKey];
}

/** Why a deadline of this rule cannot be extended (for keys without a policy). */
export function notExtendableReason(ruleKey: string, ruleName?: string): string {
  return NOT_EXTENDABLE[ruleKey] ?? `该期限${ruleName ? `（${ruleName}）` : ''}没有可以延期的法定依据，不能申请延期；如因检测、鉴定等法定事由不计入期限，请办理暂停计算。`;
}

export interface ExtensionStepInfo {
  policy: ExtensionPolicy;
  /** 0-based index of the extension being asked for. */
  index: number;
  maxAmount: number;
  unit: DeadlineUnit;
  approval: ExtensionApproval;
}

export type NextExtension = { ok: true; step: ExtensionStepInfo } | { ok: false; code: 'notExtendable' | 'exhausted'; message: string };

/** "十五个工作日" style text of an amount. */
export function amountText(amount: number, unit: DeadlineUnit): string {
  return `${amount}${DEADLINE_UNIT_LABELS[unit]}`;
}

/**
 * The next extension a deadline may have, after `approvedCount` approved ones.
 * @param firstStepMaxAmount the statutory amount of the first extension in force (from the policy's amountRuleKey)
 */
export function nextExtension(ruleKey: string, approvedCount: number, opts: { ruleName?: string; firstStepMaxAmount?: number } = {}): NextExtension {
  const policy = EXTENSION_POLICIES[ruleKey];
  if (!policy) return { ok: false, code: 'notExtendable', message: notExtendableReason(ruleKey, opts.ruleName) };
  const index = approvedCount;
  let step = policy.steps[index];
  if (!step && policy.repeatLast) step = policy.steps[policy.steps.length - 1];
  if (!step) {
    const first = policy.steps[0]!;
    return {
      ok: false,
      code: 'exhausted',
      message: `${policy.name}期限只能延长${policy.steps.length === 1 ? '一次' : `${policy.steps.length}次`}（${amountText(opts.firstStepMaxAmount ?? first.maxAmount, policy.unit)}），已经延长过，不能再次延期（${policy.basis}）。`,
    };
  }
  const maxAmount = index === 0 && opts.firstStepMaxAmount !== undefined ? opts.firstStepMaxAmount : step.maxAmount;
  return { ok: true, step: { policy, index, maxAmount, unit: policy.unit, approval: step.approval } };
}

export interface ExtensionRequestShape {
  amount: number;
  unit: DeadlineUnit;
  collective: boolean;
}

export type ExtensionCheck =
  | { ok: true; step: ExtensionStepInfo }
  | {
      ok: false;
      /** notExtendable / exhausted / collectiveRequired: the state of the deadline forbids it (409); the others are bad input (400). */
      code: 'notExtendable' | 'exhausted' | 'collectiveRequired' | 'collectiveNotApplicable' | 'unitMismatch' | 'tooLong';
      message: string;
      field?: 'amount' | 'unit' | 'collective';
    };

/** Checks one request for an extension against the policy of the deadline's rule and the extensions approved so far. */
export function checkExtensionRequest(
  ruleKey: string,
  approvedCount: number,
  req: ExtensionRequestShape,
  opts: { ruleName?: string; firstStepMaxAmount?: number } = {},
): ExtensionCheck {
  const next = nextExtension(ruleKey, approvedCount, opts);
  if (!next.ok) return next;
  const { step } = next;
  const { policy } = step;
  if (step.approval === 'collective' && !req.collective) {
    return {
      ok: false,
      code: 'collectiveRequired',
      message: `${policy.name}期限已经负责人批准延期，仍需延期的，须经负责人集体讨论决定并确定合理期限（${policy.basis}）；请在集体讨论后按“集体讨论决定”提出。`,
    };
  }
  if (step.approval === 'head' && req.collective) {
    return {
      ok: false,
      code: 'collectiveNotApplicable',
      field: 'collective',
      message: index0Text(step.index, policy),
    };
  }
  if (req.unit !== step.unit) {
    return { ok: false, code: 'unitMismatch', field: 'unit', message: `${policy.name}期限按${DEADLINE_UNIT_LABELS[step.unit].replace(/^个/, '')}计算，延长期限的单位应为“${DEADLINE_UNIT_LABELS[step.unit].replace(/^个/, '')}”` };
  }
  if (!Number.isInteger(req.amount) || req.amount < 1) {
    return { ok: false, code: 'tooLong', field: 'amount', message: '延长期限应为正整数' };
  }
  if (req.amount > step.maxAmount) {
    return {
      ok: false,
      code: 'tooLong',
      field: 'amount',
      message: `本次延期最多${amountText(step.maxAmount, step.unit)}（${EXTENSION_APPROVALS[step.approval]}，${policy.basis}）`,
    };
  }
  return { ok: true, step };
}

function index0Text(index: number, policy: ExtensionPolicy): string {
  return index === 0
    ? `${policy.name}的首次延期经负责人批准即可，不属于集体讨论决定的继续延期`
    : `${policy.name}的本次延期经负责人批准即可，不属于集体讨论决定的继续延期`;
}

// ---------------------------------------------------------------------------------------------------------------
// 案卷评查 (case-file review)
// ---------------------------------------------------------------------------------------------------------------

export interface CaseReviewSheetItem {
  key: string;
  title: string;
  max: number;
  /** What the reviewer checks (评查要点). */
  points: string;
}

/**
 * The score sheet. SOURCE: our own sheet, modelled on the common practice of provincial market-supervision case-file
 * review schemes (立案、调查取证、证据、定性与法律适用、程序、裁量、文书、送达执行、归档, 100 points, 优秀/合格/不合格).
 * It is NOT a regulation: a bureau with its own 评查办法 replaces these items and weights.
 */
export const CASE_REVIEW_SHEET: readonly CaseReviewSheetItem[] = [
  { key: 'filing', title: '立案', max: 10, points: '立案审批手续完备；线索核查、立案决定在规定期限内作出；管辖正确' },
  { key: 'investigation', title: '调查取证', max: 15, points: '执法人员不少于两人并出示执法证件；询问笔录、现场检查笔录制作规范；先行登记保存、查封扣押程序合法' },
  { key: 'evidence', title: '证据', max: 15, points: '证据合法、真实、与案件关联，形成完整证据链，足以证明违法事实' },
  { key: 'facts', title: '事实认定', max: 10, points: '违法事实清楚，当事人认定准确，违法经营额、违法所得计算有据' },
  { key: 'lawApplication', title: '法律适用', max: 10, points: '定性准确，适用法律、法规、规章条款正确、完整' },
  { key: 'procedure', title: '程序（告知、听证、审核）', max: 15, points: '行政处罚告知、陈述申辩、听证、法制审核、集体讨论等程序合法；办案期限符合规定' },
  { key: 'discretion', title: '自由裁量', max: 8, points: '处罚种类和幅度适当，符合裁量基准，从重从轻理由充分' },
  { key: 'documents', title: '文书制作', max: 7, points: '文书格式规范，文号、日期、签章齐全，表述准确' },
  { key: 'serviceEnforcement', title: '送达与执行', max: 5, points: '送达方式合法、送达回证完整；罚没款按期缴纳或依法强制执行' },
  { key: 'archiving', title: '归档', max: 5, points: '案卷材料齐全，排列有序，按时立卷归档' },
];

export const CASE_REVIEW_TOTAL = CASE_REVIEW_SHEET.reduce((s, i) => s + i.max, 0);

/** Smallest step of a score (half points). */
export const CASE_REVIEW_SCORE_STEP = 0.5;

export type CaseReviewGrade = 'excellent' | 'qualified' | 'unqualified';

export const CASE_REVIEW_GRADES: Record<CaseReviewGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  unqualified: '不合格',
};
export const CASE_REVIEW_GRADE_LIST = Object.keys(CASE_REVIEW_GRADES) as CaseReviewGrade[];

/** Grade thresholds (our own, see CASE_REVIEW_SHEET): 90 and above 优秀, 75 to 89.5 合格, below 75 不合格. */
export const CASE_REVIEW_THRESHOLDS = { excellent: 90, qualified: 75 } as const;

export function caseReviewGrade(total: number): CaseReviewGrade {
  if (total >= CASE_REVIEW_THRESHOLDS.excellent) return 'excellent';
  if (total >= CASE_REVIEW_THRESHOLDS.qualified) return 'qualified';
  return 'unqualified';
}

export interface CaseReviewItemInput {
  key: string;
  score: number;
  note?: string | null;
}

export interface ScoredItem {
  key: string;
  title: string;
  max: number;
  score: number;
  note: string | null;
}

export type CaseReviewScoring =
  | { ok: true; items: ScoredItem[]; total: number; grade: CaseReviewGrade }
  | { ok: false; issues: { path: string; message: string }[] };

/**
 * Scores a filled sheet: every item once, each score between 0 and its maximum in half points, a note for every
 * deduction (评查意见须写明扣分理由). Paths are relative to the items array (`items.3.score`).
 */
export function scoreCaseReview(items: CaseReviewItemInput[]): CaseReviewScoring {
  const issues: { path: string; message: string }[] = [];
  const byKey = new Map(CASE_REVIEW_SHEET.map((i) => [i.key, i]));
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const def = byKey.get(it.key);
    if (!def) {
      issues.push({ path: `items.${i}.key`, message: '评分表中没有这一项' });
      return;
    }
    if (seen.has(it.key)) issues.push({ path: `items.${i}.key`, message: `“${def.title}”重复评分` });
    seen.add(it.key);
    if (!Number.isFinite(it.score) || it.score < 0) issues.push({ path: `items.${i}.score`, message: '得分不能为负数' });
    else if (it.score > def.max) issues.push({ path: `items.${i}.score`, message: `“${def.title}”最高 ${def.max} 分` });
    else if (Math.round(it.score / CASE_REVIEW_SCORE_STEP) * CASE_REVIEW_SCORE_STEP !== it.score) issues.push({ path: `items.${i}.score`, message: '得分以 0.5 分为单位' });
    else if (it.score < def.max && !(it.note ?? '').trim()) issues.push({ path: `items.${i}.note`, message: `“${def.title}”有扣分，请写明扣分理由` });
  });
  const missing = CASE_REVIEW_SHEET.filter((d) => !seen.has(d.key));
  if (missing.length > 0) issues.push({ path: 'items', message: `评分表未填完：${missing.map((m) => m.title).join('、')}` });
  if (issues.length > 0) return { ok: false, issues };
  const scored = CASE_REVIEW_SHEET.map((def) => {
    const it = items.find((x) => x.key === def.key)!;
    const note = (it.note ?? '').trim();
    return { key: def.key, title: def.title, max: def.max, score: it.score, note: note ? note : null };
  });
  // Half points only: the sum in tenths is exact.
  const total = Math.round(scored.reduce((s, i) => s + i.score * 10, 0)) / 10;
  return { ok: true, items: scored, total, grade: caseReviewGrade(total) };
}

// ---------------------------------------------------------------------------------------------------------------
// 执法统计 (enforcement statistics)
// ---------------------------------------------------------------------------------------------------------------

export type StatisticsGroupBy = 'unit' | 'month' | 'type';
export const STATISTICS_GROUP_BY: Record<StatisticsGroupBy, string> = { unit: '按单位', month: '按月份', type: '按类型' };

/** The type dimension shared by leads (ip_type) and cases (case_type). */
export type StatType = 'trademark' | 'patent' | 'geographicalIndication' | 'agency' | 'other';
export const STAT_TYPES: Record<StatType, string> = {
  trademark: '商标',
  patent: '专利',
  geographicalIndication: '地理标志',
  agency: '知识产权代理',
  other: '其他',
};
export const STAT_TYPE_LIST = Object.keys(STAT_TYPES) as StatType[];

/** leads.ip_type → the statistics type. */
export const LEAD_IP_TYPE_TO_STAT: Record<string, StatType> = {
  trademark: 'trademark',
  patent: 'patent',
  geographicalIndication: 'geographicalIndication',
  patentAgency: 'agency',
  trademarkAgency: 'agency',
  other: 'other',
};

/** cases.case_type → the statistics type. */
export const CASE_TYPE_TO_STAT: Record<string, StatType> = {
  trademarkInfringement: 'trademark',
  patentCounterfeiting: 'patent',
  geographicalIndication: 'geographicalIndication',
  agencyViolation: 'agency',
  other: 'other',
};

export type StatMetric =
  | 'received'
  | 'accepted'
  | 'leadsVerified'
  | 'casesFiled'
  | 'complaintToCase'
  | 'finesAndConfiscations'
  | 'transferredToPolice'
  | 'avgWorkingDaysToClose'
  | 'onTimeRate';

export interface StatMetricDef {
  key: StatMetric;
  label: string;
  /** Column unit in tables and Excel. */
  unit: '件' | '万元' | '工作日' | '%';
  definition: string;
}

/** The columns of the statistics, in order, with what each counts (shown as the table's notes and in the Excel). */
export const STAT_METRICS: readonly StatMetricDef[] = [
  { key: 'received', label: '收到诉求/线索', unit: '件', definition: '统计期间内收到（收到之日）的投诉、举报和其他来源线索' },
  { key: 'accepted', label: '投诉受理', unit: '件', definition: '统计期间内作出受理决定的投诉' },
  { key: 'leadsVerified', label: '线索核查完成', unit: '件', definition: '统计期间内核查完毕并作出立案或者不予立案决定的线索' },
  { key: 'casesFiled', label: '立案', unit: '件', definition: '统计期间内立案的行政处罚案件（含简易程序）' },
  { key: 'complaintToCase', label: '诉转案', unit: '件', definition: '统计期间内立案的案件中，由投诉中发现的线索立案的' },
  { key: 'finesAndConfiscations', label: '罚没金额', unit: '万元', definition: '统计期间内作出的行政处罚决定中的罚款与没收违法所得之和' },
  { key: 'transferredToPolice', label: '移送公安', unit: '件', definition: '统计期间内决定移送公安机关的案件（行刑衔接）' },
  { key: 'avgWorkingDaysToClose', label: '平均办结工作日', unit: '工作日', definition: '统计期间内结案的案件，自立案之日至结案之日的法定工作日数的平均值（按官方节假日安排计算）' },
  { key: 'onTimeRate', label: '按期办结率', unit: '%', definition: '统计期间内完成的线索、案件办理期限中，在届满日（含）之前完成的比例' },
];

/** Raw counts of one statistics row; the derived figures (average, rate) follow from them, also for the 合计 row. */
export interface StatCounts {
  received: number;
  accepted: number;
  leadsVerified: number;
  casesFiled: number;
  complaintToCase: number;
  /** 元, exact (numeric summed in SQL). */
  fineYuan: number;
  transferredToPolice: number;
  closedCases: number;
  closedWorkingDays: number;
  deadlinesCompleted: number;
  deadlinesOnTime: number;
}

export function emptyStatCounts(): StatCounts {
  return {
    received: 0, accepted: 0, leadsVerified: 0, casesFiled: 0, complaintToCase: 0, fineYuan: 0, transferredToPolice: 0,
    closedCases: 0, closedWorkingDays: 0, deadlinesCompleted: 0, deadlinesOnTime: 0,
  };
}

export function addStatCounts(a: StatCounts, b: StatCounts): StatCounts {
  const out = emptyStatCounts();
  for (const k of Object.keys(out) as (keyof StatCounts)[]) out[k] = a[k] + b[k];
  // Money summed in fen, so that 0.1 + 0.2 stays 0.3.
  out.fineYuan = Math.round(a.fineYuan * 100 + b.fineYuan * 100) / 100;
  return out;
}

/** Average working days to close, one decimal; null when nothing closed. */
export function avgWorkingDays(c: StatCounts): number | null {
  return c.closedCases === 0 ? null : Math.round((c.closedWorkingDays / c.closedCases) * 10) / 10;
}

/** On-time rate as a fraction 0..1 (four decimals); null when no deadline was completed. */
export function onTimeRate(c: StatCounts): number | null {
  return c.deadlinesCompleted === 0 ? null : Math.round((c.deadlinesOnTime / c.deadlinesCompleted) * 10000) / 10000;
}

/** 元 → 万元 with two decimals (statistics show money in 万元, user-expectations §5.1). */
export function yuanToWan(yuan: number): number {
  return Math.round(yuan / 100) / 100;
}
