/**
 * Workflow of a patent-infringement dispute administrative adjudication (专利侵权纠纷行政裁决), legal-rules.md §1.4 and
 * §4.5. Status is derived from the append-only log adjudication_actions; this table is the one list of statuses and of
 * the actions each allows, shared by server and UI. The server answers 409 ACTION_NOT_ALLOWED with
 * `details.allowedActions` when an action is not in the row.
 *
 *   请求 (门户 / 窗口, 县局或所可代收) ─5个工作日─▶ 立案 (合议组 ≥3 单数) | 不予受理
 *   立案 ─5个工作日─▶ 送达被请求人 (直接、邮寄、电子或公告送达; 公告期不计入) ─15日─▶ 答辩 ─5个工作日─▶ 答辩书副本送达请求人
 *   ─▶ 口头审理 (通知、技术调查官、与复审和无效审理部联合审理) 或 书面审理 ─▶ 裁决 (责令停止侵权 / 驳回请求)
 *      [自立案之日起三个月, 经批准延长一个月; 中止、公告、鉴定期间不计入; 本局六十日办结目标并列显示]
 *   ─▶ 送达 ─15日─▶ 起诉期 ─▶ 生效 (履行 / 拒不履行 → 信用 / 申请强制执行) | 诉讼 (维持 → 生效, 撤销 → 撤销)
 *   中止: 被请求人提出无效宣告请求且被受理, 请求中止并经同意 → 时钟暂停; 无效决定后恢复, 或专利权被宣告无效 → 驳回
 *   撤回、和解: 裁决前任何时候结束; 赔偿数额调解: 另立调解 (专利法 第六十五条), 不改变裁决状态.
 *
 * The time limits are rule data (deadline_rules adjudication.*), not code: the 2015 专利行政执法办法 numbers are
 * superseded by the 2025 national rule and Shandong's 2024 rule, whose texts the bureau can enter as new versions.
 */

export const ADJUDICATION_STATUSES = {
  /** 请求已收到, 待审查立案 (5 working days, adjudication.filing). */
  requested: '待立案审查',
  /** 不予受理 (terminal). */
  notAccepted: '不予受理',
  /** 已立案: the request copy must be served on the respondent (5 working days, adjudication.service). */
  filed: '待送达被请求人',
  /** Served (or announced: the answer period counts from the deemed-served day); the 15-day answer period runs. */
  answering: '答辩期',
  /** 口头审理 notice sent; waiting for the hearing. */
  hearingScheduled: '待口头审理',
  /** Heard, or 书面审理 chosen: waiting for the decision. */
  deliberating: '合议待裁决',
  /** 中止 (invalidation request accepted by CNIPA); the decision clock is paused. */
  suspended: '已中止',
  /** 已裁决: the decision must be served on both parties. */
  decided: '待送达裁决书',
  /** Served: the 15-day window for an administrative lawsuit runs (专利法 第六十五条). */
  lawsuitWindow: '起诉期',
  /** A party sued; waiting for the judgment. */
  inLitigation: '诉讼中',
  /** 裁决生效: performance is followed (履行 / 拒不履行 / 申请强制执行). */
  effective: '已生效',
  /** 结案 (terminal; publication can still be withdrawn). */
  closed: '已结案',
  /** The court revoked the decision (terminal). */
  revoked: '裁决被撤销',
} as const;
export type AdjudicationStatus = keyof typeof ADJUDICATION_STATUSES;
export const ADJUDICATION_STATUS_LIST = Object.keys(ADJUDICATION_STATUSES) as AdjudicationStatus[];

/** Statuses in which the case is being handled before the decision (中止, 撤回, 和解 and 评价报告 apply). */
export const ADJUDICATION_ACTIVE_STATUSES: readonly AdjudicationStatus[] = ['filed', 'answering', 'hearingScheduled', 'deliberating'];

export const ADJUDICATION_ACTIONS = {
  /** 登记请求 (first log row: portal or window). */
  register: '登记请求',
  /** 立案 with the panel (合议组, ≥3, odd). */
  file: '立案',
  /** 不予受理 with the reason. */
  reject: '不予受理',
  /** 变更合议组. */
  assignPanel: '变更合议组',
  /** 请求书副本送达被请求人 (a service record; 公告送达 counts from the deemed-served day). */
  serveRequest: '送达请求书副本',
  /** 收到答辩书. */
  recordAnswer: '收到答辩书',
  /** 答辩书副本送达请求人. */
  forwardAnswer: '答辩书副本送达请求人',
  /** 口头审理通知 (or a new date). */
  scheduleHearing: '口头审理通知',
  /** 举行口头审理. */
  holdHearing: '举行口头审理',
  /** 书面审理. */
  chooseWrittenReview: '决定书面审理',
  /** 要求请求人提供专利权评价报告 (实用新型、外观设计, 山东省专利条例 第二十条). */
  requestEvaluationReport: '要求提供评价报告',
  /** 鉴定 starts / ends (not counted in the decision period). */
  startAppraisal: '委托鉴定',
  endAppraisal: '鉴定完成',
  /** 请县局、所协助调查 (三级联动). */
  requestAssist: '请求协助调查',
  /** 被请求人请求中止 but refused (山东省专利条例 第十九条第二款 grounds). */
  refuseSuspension: '不予中止',
  /** 中止 (无效宣告请求已受理). */
  suspend: '中止',
  /** 无效宣告审查决定 维持有效 / 部分无效: resume where it was. */
  resume: '恢复审理',
  /** 专利权被宣告无效: the request is dismissed (驳回). */
  dismissInvalidated: '专利权无效驳回请求',
  /** 拒不提供评价报告: the request is dismissed (山东省专利条例 第二十条). */
  dismissNoReport: '拒不提供评价报告驳回',
  /** 撤回请求. */
  withdraw: '请求人撤回',
  /** 和解结案. */
  settle: '和解',
  /** 赔偿数额调解 (a linked mediation; the status stays). */
  startDamagesMediation: '赔偿数额调解',
  /** 裁决 (责令停止侵权 / 驳回请求). */
  decide: '作出裁决',
  /** 裁决书送达 (one party; the lawsuit window counts from the last service). */
  serveDecision: '送达裁决书',
  /** 当事人提起行政诉讼. */
  recordLawsuit: '登记行政诉讼',
  /** 起诉期满未起诉: 生效. */
  becomeEffective: '裁决生效',
  /** 法院判决. */
  recordJudgment: '登记判决结果',
  /** 履行. */
  recordPerformance: '登记履行',
  /** 拒不履行 (flagged for credit supervision). */
  recordNonPerformance: '登记拒不履行',
  /** 申请人民法院强制执行. */
  applyEnforcement: '申请强制执行',
  close: '结案',
  /** 裁决书网上公开 / 撤回公开 (status stays). */
  publish: '公开裁决书',
  unpublish: '撤回公开',
} as const;
export type AdjudicationAction = keyof typeof ADJUDICATION_ACTIONS;
export const ADJUDICATION_ACTION_LIST = Object.keys(ADJUDICATION_ACTIONS) as AdjudicationAction[];

const STAY = null;

/** Actions possible before the decision in each active status (besides the status's own). */
const PRE_DECISION_COMMON: readonly AdjudicationAction[] = [
  'assignPanel', 'requestEvaluationReport', 'startAppraisal', 'endAppraisal', 'requestAssist', 'refuseSuspension', 'suspend',
  'dismissNoReport', 'withdraw', 'settle', 'startDamagesMediation',
];
const PRE_DECISION_NEXT = {
  assignPanel: STAY, requestEvaluationReport: STAY, startAppraisal: STAY, endAppraisal: STAY, requestAssist: STAY, refuseSuspension: STAY,
  suspend: 'suspended', dismissNoReport: 'closed', withdraw: 'closed', settle: 'closed', startDamagesMediation: STAY,
} as const;

/** What each status allows, and where each action leads (null = stays; resume goes back to status_before_suspension). */
export const ADJUDICATION_WORKFLOW: Record<AdjudicationStatus, { actions: readonly AdjudicationAction[]; next: Partial<Record<AdjudicationAction, AdjudicationStatus | null>> }> = {
  requested: {
    actions: ['file', 'reject', 'requestAssist', 'withdraw'],
    next: { file: 'filed', reject: 'notAccepted', requestAssist: STAY, withdraw: 'closed' },
  },
  notAccepted: { actions: [], next: {} },
  filed: {
    actions: ['serveRequest', ...PRE_DECISION_COMMON],
    next: { serveRequest: 'answering', ...PRE_DECISION_NEXT },
  },
  answering: {
    actions: ['serveRequest', 'recordAnswer', 'forwardAnswer', 'scheduleHearing', 'chooseWrittenReview', ...PRE_DECISION_COMMON],
    next: { serveRequest: STAY, recordAnswer: STAY, forwardAnswer: STAY, scheduleHearing: 'hearingScheduled', chooseWrittenReview: 'deliberating', ...PRE_DECISION_NEXT },
  },
  hearingScheduled: {
    actions: ['recordAnswer', 'forwardAnswer', 'scheduleHearing', 'holdHearing', 'chooseWrittenReview', ...PRE_DECISION_COMMON],
    next: { recordAnswer: STAY, forwardAnswer: STAY, scheduleHearing: STAY, holdHearing: 'deliberating', chooseWrittenReview: 'deliberating', ...PRE_DECISION_NEXT },
  },
  deliberating: {
    actions: ['forwardAnswer', 'scheduleHearing', 'decide', ...PRE_DECISION_COMMON],
    next: { forwardAnswer: STAY, scheduleHearing: 'hearingScheduled', decide: 'decided', ...PRE_DECISION_NEXT },
  },
  suspended: {
    actions: ['resume', 'dismissInvalidated', 'withdraw', 'settle', 'startDamagesMediation'],
    next: { dismissInvalidated: 'closed', withdraw: 'closed', settle: 'closed', startDamagesMediation: STAY },
  },
  decided: {
    actions: ['serveDecision', 'startDamagesMediation', 'publish', 'unpublish'],
    next: { serveDecision: 'lawsuitWindow', startDamagesMediation: STAY, publish: STAY, unpublish: STAY },
  },
  lawsuitWindow: {
    actions: ['serveDecision', 'recordLawsuit', 'becomeEffective', 'startDamagesMediation', 'publish', 'unpublish'],
    next: { serveDecision: STAY, recordLawsuit: 'inLitigation', becomeEffective: 'effective', startDamagesMediation: STAY, publish: STAY, unpublish: STAY },
  },
  inLitigation: {
    actions: ['recordJudgment', 'publish', 'unpublish'],
    next: { publish: STAY, unpublish: STAY },
  },
  effective: {
    actions: ['recordPerformance', 'recordNonPerformance', 'applyEnforcement', 'close', 'startDamagesMediation', 'publish', 'unpublish'],
    next: { recordPerformance: STAY, recordNonPerformance: STAY, applyEnforcement: STAY, close: 'closed', startDamagesMediation: STAY, publish: STAY, unpublish: STAY },
  },
  closed: { actions: ['publish', 'unpublish'], next: { publish: STAY, unpublish: STAY } },
  revoked: { actions: ['unpublish'], next: { unpublish: STAY } },
};

export function allowedAdjudicationActions(status: AdjudicationStatus): AdjudicationAction[] {
  return [...(ADJUDICATION_WORKFLOW[status]?.actions ?? [])];
}

export function adjudicationActionAllowed(status: AdjudicationStatus, action: AdjudicationAction): boolean {
  return ADJUDICATION_WORKFLOW[status]?.actions.includes(action) ?? false;
}

/**
 * The status after an action. `resume` returns to the status before the suspension; `recordJudgment` goes to
 * 生效 when the decision was upheld or changed and to 撤销 when revoked.
 */
export function nextAdjudicationStatus(
  status: AdjudicationStatus,
  action: AdjudicationAction,
  opts: { statusBeforeSuspension?: AdjudicationStatus | null; judgment?: 'upheld' | 'revoked' | 'changed' } = {},
): AdjudicationStatus {
  if (action === 'resume') return opts.statusBeforeSuspension ?? 'deliberating';
  if (action === 'recordJudgment') return opts.judgment === 'revoked' ? 'revoked' : 'effective';
  const n = ADJUDICATION_WORKFLOW[status]?.next[action];
  return n ?? status;
}

/**
 * 合议组: 三名以上单数 (专利行政执法办法 第十条, 2015; check against the 2025 rule): at least three, an odd number, one
 * 主审. Returns the Chinese problem or null.
 */
export function panelProblem(handlers: readonly { userId: number; role: 'chief' | 'member' }[]): string | null {
  const ids = new Set(handlers.map((h) => h.userId));
  if (ids.size !== handlers.length) return '合议组成员不能重复';
  if (handlers.length < 3) return '合议组应由三名以上办案人员组成';
  if (handlers.length % 2 === 0) return '合议组成员应为单数';
  const chiefs = handlers.filter((h) => h.role === 'chief').length;
  if (chiefs !== 1) return '合议组应指定一名主审';
  return null;
}

// ---------- 代码表 ----------

export const ADJUDICATION_CHANNELS = { portal: '门户在线', window: '窗口', mail: '邮寄', transferred: '移送' } as const;
export type AdjudicationChannel = keyof typeof ADJUDICATION_CHANNELS;

export const PATENT_KINDS = { invention: '发明', utilityModel: '实用新型', design: '外观设计' } as const;
export type PatentKind = keyof typeof PATENT_KINDS;

/** 专利法 第六十五条: 专利权人或者利害关系人. */
export const REQUESTER_ROLES = {
  patentee: '专利权人',
  exclusiveLicensee: '独占实施许可合同的被许可人',
  heir: '专利权的合法继承人',
  otherInterested: '其他利害关系人',
} as const;
export type RequesterRole = keyof typeof REQUESTER_ROLES;

export const PATENT_CHECKS = {
  valid: '专利数据库显示有效',
  invalid: '专利数据库显示失效',
  pending: '专利数据库显示审中（尚未授权）',
  unknown: '专利数据库中法律状态未知',
  notFound: '专利数据库未收录，需人工核对',
  mismatch: '专利类型或名称与专利数据库不符',
} as const;
export type PatentCheck = keyof typeof PATENT_CHECKS;

/** 不予受理 grounds (山东省专利条例 (2013) 第十八条 conditions, 第十八条第三款 重复请求, 专利法实施细则 第九十七条 管辖). */
export const ADJUDICATION_REJECTION_REASONS = {
  notInterested: '请求人不是专利权人或者利害关系人',
  noRespondent: '没有明确的被请求人',
  noClaims: '没有明确的请求事项和具体事实、理由',
  noJurisdiction: '不属于本机关受案和管辖范围',
  inLitigation: '当事人已就该专利侵权纠纷向人民法院起诉',
  repeated: '同一请求人以相同事实和理由对同一被请求人再次请求',
  patentNotInForce: '涉案专利权已终止或者被宣告无效',
  other: '其他不符合受理条件的情形',
} as const;
export type AdjudicationRejectionReason = keyof typeof ADJUDICATION_REJECTION_REASONS;

/** 可以不中止的情形 (山东省专利条例 第十九条第二款). */
export const SUSPENSION_REFUSAL_GROUNDS = {
  groundsUntenable: '请求宣告专利权无效的理由不成立或者提交的证据材料不充分',
  priorArt: '被请求人所实施的技术或者设计属于现有技术或者设计',
  outsideScope: '被请求人所实施的技术或者设计未落入涉案专利权保护范围',
  other: '专利行政部门认为不应当中止处理的其他情形',
} as const;
export type SuspensionRefusalGround = keyof typeof SUSPENSION_REFUSAL_GROUNDS;

export const ADJUDICATION_DECISIONS = { infringement: '侵权行为成立，责令停止侵权', noInfringement: '侵权行为不成立，驳回请求' } as const;
export type AdjudicationDecision = keyof typeof ADJUDICATION_DECISIONS;

/** 责令事项 (山东省专利条例 第二十五条). */
export const ADJUDICATION_ORDERS = {
  stopManufacture: '立即停止制造侵权产品',
  stopUse: '立即停止使用专利方法或侵权产品',
  stopSale: '立即停止销售侵权产品',
  stopOffer: '立即停止许诺销售侵权产品',
  stopImport: '立即停止进口侵权产品',
  destroyProducts: '销毁侵权产品或者使用侵权方法直接获得的产品',
  destroyTools: '销毁制造侵权产品或者使用侵权方法的专用零部件、工具、模具、设备',
} as const;
export type AdjudicationOrder = keyof typeof ADJUDICATION_ORDERS;

export const JUDGMENT_RESULTS = { upheld: '维持裁决', changed: '变更裁决', revoked: '撤销裁决' } as const;
export type JudgmentResult = keyof typeof JUDGMENT_RESULTS;

export const INVALIDATION_RESULTS = { valid: '维持专利权有效', partlyValid: '宣告专利权部分无效', invalidated: '宣告专利权全部无效' } as const;
export type InvalidationResult = keyof typeof INVALIDATION_RESULTS;

export const ADJUDICATION_ENDED_REASONS = {
  withdrawn: '请求人撤回请求',
  settled: '当事人和解',
  dismissedInvalidated: '专利权被宣告无效，驳回请求',
  dismissedNoReport: '请求人无正当理由拒不提供专利权评价报告，驳回请求',
} as const;
export type AdjudicationEndedReason = keyof typeof ADJUDICATION_ENDED_REASONS;

/** The public steps a requester sees on the portal ("我的申请"), in order. */
export const ADJUDICATION_PUBLIC_STEPS = ['register', 'file', 'reject', 'serveRequest', 'recordAnswer', 'scheduleHearing', 'holdHearing', 'suspend', 'resume', 'decide', 'serveDecision', 'becomeEffective', 'withdraw', 'settle', 'close'] as const;

/**
 * Whether 专利权评价报告 is asked for with an online request: for 实用新型 and 外观设计 (专利法 第六十六条第二款, 山东省专利条例
 * 第二十条 allow the office to require it; the portal asks for it up front so the case is not held up).
 */
export function evaluationReportExpected(patentType: PatentKind): boolean {
  return patentType === 'utilityModel' || patentType === 'design';
}
