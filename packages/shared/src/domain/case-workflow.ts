/**
 * Workflow of an administrative-penalty case (行政处罚案件), legal-rules.md §4.4. Status is derived from the append-only
 * log case_actions; this table is the one list of statuses and of the actions each allows, shared by server and UI.
 * The server answers 409 ACTION_NOT_ALLOWED with `details.allowedActions` when an action is not in the row.
 *
 * Ordinary procedure (普通程序, 行政处罚法 第五十四条至第六十五条):
 *   立案 → 调查取证 (证据登记, 先行登记保存, 查封扣押, 协助调查, 检测检验检疫鉴定, 权利人辨认或者鉴别; 中止/恢复)
 *   → 调查终结 → 法制审核 (通过 / 退回补充调查) → 行政处罚告知 (陈述申辩; 听证申请 → 听证通知 → 听证)
 *   → 集体讨论 (重大案件) → 决定 (处罚 / 不予处罚 / 移送公安 / 销案) → 送达 → 执行 (缴纳罚款 / 申请强制执行) → 结案 → 归档.
 * Simplified procedure (简易程序, 第五十一条、第五十二条): 当场作出决定并当场交付 → 执行 → 结案 → 归档, created by one
 * request already decided and served (see the server's simplified route).
 *
 * 法制审核 is mandatory by 行政处罚法 第五十八条 only for the cases it lists (重大公共利益、经过听证、疑难复杂 …); this system
 * requires it for every ordinary-procedure case: the bureaus' own rules (and 国办发〔2018〕118号) make it the norm, and a
 * case cannot be known in advance not to need it.
 */

export const CASE_STATUSES = {
  /** 调查取证: evidence, measures; 中止 possible. */
  investigating: '调查中',
  /** 中止调查 (e.g. 商标法 第六十二条第三款: ownership of the mark disputed or sued in court); the decision clock is paused. */
  suspended: '已中止',
  /** 调查终结, waiting for 法制审核 (10 working days). */
  legalReview: '待法制审核',
  /** 法制审核通过: waiting for 行政处罚告知 (or a decision without penalty). */
  reviewed: '待告知',
  /** 已告知: the 5-working-day period for 陈述申辩 and 听证 requests runs (行政处罚法 第六十四条第（一）项). */
  noticed: '陈述申辩期',
  /** The party asked for a hearing within the period; the hearing period is not counted (decision clock paused). */
  hearingRequested: '待安排听证',
  /** The hearing notice has gone out (at least 7 working days before the hearing, 第六十四条第（二）项). */
  hearingScheduled: '待听证',
  /** The hearing was held; decide on the record (第六十五条). */
  heard: '已听证',
  /** 负责人集体讨论 done (第五十七条第二款); waiting for the decision. */
  discussed: '已集体讨论',
  /** 已作出决定: the decision document must be served (7 working days, 第六十一条). */
  decided: '待送达',
  /** 已送达, a fine is due (15 days from service, 第六十七条第三款). */
  executing: '执行中',
  /** Executed (paid, enforcement applied for), or no execution needed (移送、销案、无罚款): waiting for 结案. */
  pendingClose: '待结案',
  /** 结案. */
  closed: '已结案',
  /** 归档 (terminal, except a later change or revocation of the decision). */
  archived: '已归档',
  /** The decision was revoked (行政复议、行政诉讼撤销 or 自行纠正); terminal. */
  revoked: '决定已撤销',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
export const CASE_STATUS_LIST = Object.keys(CASE_STATUSES) as CaseStatus[];

export const CASE_ACTIONS = {
  /** 立案 (the first log row; also the first row of a simplified case). */
  file: '立案',
  registerEvidence: '证据登记',
  startMeasure: '采取调查措施',
  endMeasure: '措施处理完毕',
  suspend: '中止调查',
  resume: '恢复调查',
  conclude: '调查终结',
  passReview: '法制审核通过',
  returnReview: '法制审核退回',
  notify: '行政处罚告知',
  recordStatement: '陈述申辩',
  requestHearing: '申请听证',
  scheduleHearing: '听证通知',
  holdHearing: '举行听证',
  collectiveDiscuss: '集体讨论',
  decide: '作出决定',
  serve: '送达',
  recordPayment: '缴纳罚款',
  applyEnforcement: '申请强制执行',
  close: '结案',
  archive: '归档',
  changeDecision: '变更或撤销决定',
} as const;
export type CaseAction = keyof typeof CASE_ACTIONS;
export const CASE_ACTION_LIST = Object.keys(CASE_ACTIONS) as CaseAction[];

/** Actions that record something (the row gets a new action) without the status moving. */
const STAY = null;

/** What each status allows, and where each action leads (null = stays; see nextCaseStatus for decide/serve). */
export const CASE_WORKFLOW: Record<CaseStatus, { actions: readonly CaseAction[]; next: Partial<Record<CaseAction, CaseStatus | typeof STAY>> }> = {
  investigating: {
    actions: ['registerEvidence', 'startMeasure', 'endMeasure', 'suspend', 'conclude', 'decide'],
    next: { registerEvidence: STAY, startMeasure: STAY, endMeasure: STAY, suspend: 'suspended', conclude: 'legalReview' },
  },
  suspended: { actions: ['endMeasure', 'resume', 'decide'], next: { endMeasure: STAY, resume: 'investigating' } },
  legalReview: { actions: ['endMeasure', 'passReview', 'returnReview'], next: { endMeasure: STAY, passReview: 'reviewed', returnReview: 'investigating' } },
  reviewed: { actions: ['endMeasure', 'notify', 'collectiveDiscuss', 'decide'], next: { endMeasure: STAY, notify: 'noticed', collectiveDiscuss: 'discussed' } },
  noticed: {
    actions: ['endMeasure', 'recordStatement', 'requestHearing', 'collectiveDiscuss', 'decide'],
    next: { endMeasure: STAY, recordStatement: STAY, requestHearing: 'hearingRequested', collectiveDiscuss: 'discussed' },
  },
  hearingRequested: { actions: ['endMeasure', 'scheduleHearing'], next: { endMeasure: STAY, scheduleHearing: 'hearingScheduled' } },
  hearingScheduled: { actions: ['endMeasure', 'scheduleHearing', 'holdHearing'], next: { endMeasure: STAY, scheduleHearing: 'hearingScheduled', holdHearing: 'heard' } },
  heard: { actions: ['endMeasure', 'recordStatement', 'collectiveDiscuss', 'decide'], next: { endMeasure: STAY, recordStatement: STAY, collectiveDiscuss: 'discussed' } },
  discussed: { actions: ['endMeasure', 'decide'], next: { endMeasure: STAY } },
  decided: { actions: ['endMeasure', 'serve', 'changeDecision'], next: { endMeasure: STAY } },
  executing: { actions: ['endMeasure', 'recordPayment', 'applyEnforcement', 'changeDecision'], next: { endMeasure: STAY, recordPayment: 'pendingClose', applyEnforcement: 'pendingClose' } },
  pendingClose: { actions: ['endMeasure', 'close', 'changeDecision'], next: { endMeasure: STAY, close: 'closed' } },
  closed: { actions: ['archive', 'changeDecision'], next: { archive: 'archived' } },
  archived: { actions: ['changeDecision'], next: {} },
  revoked: { actions: [], next: {} },
};

export function allowedCaseActions(status: CaseStatus): CaseAction[] {
  return [...(CASE_WORKFLOW[status]?.actions ?? [])];
}

export function caseActionAllowed(status: CaseStatus, action: CaseAction): boolean {
  return CASE_WORKFLOW[status]?.actions.includes(action) ?? false;
}

// ---------- 决定 decisions ----------
export const CASE_DECISIONS = {
  penalty: '给予行政处罚',
  noPenalty: '不予行政处罚',
  transferToPolice: '移送公安机关',
  withdrawn: '销案',
} as const;
export type CaseDecisionKind = keyof typeof CASE_DECISIONS;
export const CASE_DECISION_LIST = Object.keys(CASE_DECISIONS) as CaseDecisionKind[];

/**
 * The decisions each status allows. A penalty needs the 告知 first (行政处罚法 第六十二条: no penalty without telling the
 * party and hearing its statement); 不予处罚 needs the 法制审核; 移送公安 (行刑衔接, 商标法 第六十一条) and 销案 are possible
 * at any point of the investigation.
 */
export const CASE_DECISIONS_BY_STATUS: Partial<Record<CaseStatus, readonly CaseDecisionKind[]>> = {
  investigating: ['transferToPolice', 'withdrawn'],
  suspended: ['transferToPolice', 'withdrawn'],
  reviewed: ['noPenalty', 'transferToPolice', 'withdrawn'],
  noticed: ['penalty', 'noPenalty', 'transferToPolice', 'withdrawn'],
  heard: ['penalty', 'noPenalty', 'transferToPolice', 'withdrawn'],
  discussed: ['penalty', 'noPenalty', 'transferToPolice', 'withdrawn'],
};

export function decisionsAllowed(status: CaseStatus): CaseDecisionKind[] {
  return [...(CASE_DECISIONS_BY_STATUS[status] ?? [])];
}

/**
 * 行政处罚法 第五十七条第二款: 对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定. A major case's penalty or
 * no-penalty decision is taken only after the collective discussion (status `discussed`).
 */
export function needsCollectiveDiscussion(major: boolean, decision: CaseDecisionKind): boolean {
  return major && (decision === 'penalty' || decision === 'noPenalty');
}

/** The status after a decision: a penalty or no-penalty decision must be served; 移送 and 销案 go to 结案 directly. */
export function statusAfterDecision(decision: CaseDecisionKind): CaseStatus {
  return decision === 'penalty' || decision === 'noPenalty' ? 'decided' : 'pendingClose';
}

/** The status after service: a fine to pay means execution (第六十七条), otherwise 结案 is next. */
export function statusAfterService(fineDue: boolean): CaseStatus {
  return fineDue ? 'executing' : 'pendingClose';
}

/** The status after an action that moves it by the table (decide and serve: see the two functions above). */
export function nextCaseStatus(status: CaseStatus, action: CaseAction): CaseStatus {
  const n = CASE_WORKFLOW[status]?.next[action];
  return n ?? status;
}

/** 不予处罚 grounds (行政处罚法 第三十三条, 第五十七条第一款第（二）（三）项). */
export const NO_PENALTY_REASONS = {
  minorCorrected: '违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款）',
  firstMinor: '初次违法且危害后果轻微并及时改正（第三十三条第一款）',
  noFault: '当事人有证据足以证明没有主观过错（第三十三条第二款）',
  factsNotEstablished: '违法事实不能成立（第五十七条第一款第（三）项）',
  innocentSeller: '销售不知道是侵权商品，能证明合法取得并说明提供者，责令停止销售（商标法 第六十条第二款）',
} as const;
export type NoPenaltyReason = keyof typeof NO_PENALTY_REASONS;
export const NO_PENALTY_REASON_LIST = Object.keys(NO_PENALTY_REASONS) as NoPenaltyReason[];

/** Where the decision was changed or revoked (决定变更、撤销). */
export const DECISION_CHANGE_BASES = {
  reconsideration: '行政复议决定',
  litigation: '人民法院判决',
  selfCorrection: '本机关自行纠正',
} as const;
export type DecisionChangeBasis = keyof typeof DECISION_CHANGE_BASES;
export const DECISION_CHANGE_BASIS_LIST = Object.keys(DECISION_CHANGE_BASES) as DecisionChangeBasis[];

export const DECISION_CHANGE_KINDS = { changed: '变更', revoked: '撤销' } as const;
export type DecisionChangeKind = keyof typeof DECISION_CHANGE_KINDS;
export const DECISION_CHANGE_KIND_LIST = Object.keys(DECISION_CHANGE_KINDS) as DecisionChangeKind[];

// ---------- 案件类型、当事人 ----------
export const CASE_TYPES = {
  trademarkInfringement: '商标侵权',
  patentCounterfeiting: '假冒专利',
  geographicalIndication: '地理标志违法',
  agencyViolation: '代理违法',
  other: '其他',
} as const;
export type CaseTypeKey = keyof typeof CASE_TYPES;
export const CASE_TYPE_LIST = Object.keys(CASE_TYPES) as CaseTypeKey[];

/** The case type suggested by a lead's IP type. */
export const CASE_TYPE_OF_IP_TYPE: Record<string, CaseTypeKey> = {
  trademark: 'trademarkInfringement',
  patent: 'patentCounterfeiting',
  geographicalIndication: 'geographicalIndication',
  patentAgency: 'agencyViolation',
  trademarkAgency: 'agencyViolation',
  other: 'other',
};

export const CASE_PROCEDURES = { ordinary: '普通程序', simplified: '简易程序' } as const;
export type CaseProcedure = keyof typeof CASE_PROCEDURES;
export const CASE_PROCEDURE_LIST = Object.keys(CASE_PROCEDURES) as CaseProcedure[];

export const CASE_PARTY_KINDS = { organization: '单位', person: '自然人' } as const;
export type CasePartyKind = keyof typeof CASE_PARTY_KINDS;

export const CASE_HANDLER_ROLES = { lead: '主办', assistant: '协办' } as const;
export type CaseHandlerRole = keyof typeof CASE_HANDLER_ROLES;

// ---------- 处罚种类 (行政处罚法 第九条; 责令改正/停止 are orders that go with a penalty, 第二十八条) ----------
export const CASE_PENALTY_KINDS = {
  warning: '警告',
  fine: '罚款',
  confiscateGains: '没收违法所得',
  confiscateGoods: '没收、销毁侵权商品和工具',
  orderToStop: '责令停止侵权',
  orderToCorrect: '责令改正',
} as const;
export type CasePenaltyKind = keyof typeof CASE_PENALTY_KINDS;
export const CASE_PENALTY_KIND_LIST = Object.keys(CASE_PENALTY_KINDS) as CasePenaltyKind[];

// ---------- 证据 (行政处罚法 第四十六条) ----------
export const CASE_EVIDENCE_KINDS = {
  documentary: '书证',
  physical: '物证',
  audiovisual: '视听资料',
  electronic: '电子数据',
  witness: '证人证言',
  partyStatement: '当事人的陈述',
  expertOpinion: '鉴定意见',
  inspectionRecord: '勘验笔录、现场笔录',
} as const;
export type CaseEvidenceKind = keyof typeof CASE_EVIDENCE_KINDS;
export const CASE_EVIDENCE_KIND_LIST = Object.keys(CASE_EVIDENCE_KINDS) as CaseEvidenceKind[];

// ---------- 调查措施 ----------
export interface CaseMeasureRule {
  label: string;
  /** The measure's own deadline (a rule key of deadline_rules), opened when it starts and completed when it ends. */
  ruleKey: string | null;
  /** The period of this measure is not counted in the 90-day decision period (penalty.decision is paused). */
  pausesDecision: boolean;
  /** Must be ended before the investigation is concluded. */
  endBeforeConclusion: boolean;
  /** What ending it means, for the UI. */
  endLabel: string;
  basis: string;
}

export const CASE_MEASURES = {
  evidencePreservation: {
    label: '先行登记保存',
    ruleKey: 'penalty.evidencePreservation',
    pausesDecision: false,
    endBeforeConclusion: true,
    endLabel: '作出处理决定',
    basis: '行政处罚法 第五十六条：经负责人批准，七日（工作日）内及时作出处理决定',
  },
  seizure: {
    label: '查封扣押',
    ruleKey: 'penalty.seizure',
    pausesDecision: false,
    endBeforeConclusion: false,
    endLabel: '解除或处理',
    basis: '行政强制法 第二十五条：查封、扣押的期限不得超过三十日，情况复杂的经负责人批准可延长三十日',
  },
  assistanceRequest: {
    label: '协助调查',
    ruleKey: 'penalty.assistance',
    pausesDecision: false,
    endBeforeConclusion: true,
    endLabel: '收到协助结果',
    basis: '市场监督管理行政处罚程序规定：协助调查（十五个工作日）',
  },
  testing: {
    label: '检测、检验、检疫、鉴定',
    ruleKey: null,
    pausesDecision: true,
    endBeforeConclusion: true,
    endLabel: '取得结果',
    basis: '市场监督管理行政处罚程序规定：检测、检验、检疫、鉴定期间不计入办案期限',
  },
  rightsHolderIdentification: {
    label: '权利人辨认或者鉴别',
    ruleKey: null,
    pausesDecision: true,
    endBeforeConclusion: true,
    endLabel: '取得辨认（鉴别）意见',
    basis: '市场监督管理行政处罚程序规定：权利人辨认或者鉴别期间不计入办案期限',
  },
} as const satisfies Record<string, CaseMeasureRule>;
export type CaseMeasureKind = keyof typeof CASE_MEASURES;
export const CASE_MEASURE_KIND_LIST = Object.keys(CASE_MEASURES) as CaseMeasureKind[];

// ---------- 列表页签 ----------
export const CASE_TABS = {
  investigating: { label: '调查中', statuses: ['investigating', 'suspended'] },
  review: { label: '待审核', statuses: ['legalReview'] },
  deciding: { label: '待决定', statuses: ['reviewed', 'noticed', 'hearingRequested', 'hearingScheduled', 'heard', 'discussed'] },
  serving: { label: '待送达', statuses: ['decided'] },
  executing: { label: '执行中', statuses: ['executing', 'pendingClose'] },
  closed: { label: '已结案', statuses: ['closed', 'archived', 'revoked'] },
} as const satisfies Record<string, { label: string; statuses: readonly CaseStatus[] }>;
export type CaseTab = keyof typeof CASE_TABS;
export const CASE_TAB_LIST = Object.keys(CASE_TABS) as CaseTab[];

/** Statuses of a case that is no longer open (closed_on is set): the list's 已结案 tab. */
export const CASE_FINISHED_STATUSES: readonly CaseStatus[] = CASE_TABS.closed.statuses;

// ---------- 期限 titles ----------
/** Titles of the case deadlines by rule key (the deadline rows carry them). */
export const CASE_DEADLINE_TITLES: Record<string, string> = {
  'penalty.decision': '作出行政处罚决定',
  'penalty.evidencePreservation': '先行登记保存处理决定',
  'penalty.seizure': '查封扣押期限',
  'penalty.assistance': '协助调查',
  'penalty.legalReview': '法制审核',
  'penalty.statementDefence': '陈述申辩与听证申请期',
  'penalty.service': '送达行政处罚决定书',
  'penalty.finePayment': '缴纳罚款',
  'penalty.publication': '行政处罚信息公示',
};
