/**
 * Workflow of a lead (线索 / 案源): a complaint (投诉), a report (举报) or another lead (省平台交办、12315 转办、检查发现、移送、
 * 上级交办、网络监测、投诉调解中发现) from the unified intake (统一受理, the city bureau) to the county bureau and its stations.
 *
 * Legal basis (shared/reference/legal-rules.md §1.1, §1.2, §4.1-§4.3):
 *  - 市场监督管理投诉举报处理暂行办法 (总局令第20号, 2022年修正):
 *    第十四条 受理决定 7 个工作日; 第十五条 不予受理的六种情形; 第十六条 调解须双方同意; 第十九条 回避申请中止调解;
 *    第二十条 检定、检验、检测、鉴定时间不计入调解期限; 第二十一条 终止调解的七种情形、7 个工作日内告知双方;
 *    第二十二条 调解书或者调解记录; 第二十三条 调解中发现违法线索 15 个工作日内核查; 第三十一条 实名举报人 5 个工作日内告知;
 *    第三十六条、第三十七条 统一接收、分送，无处理权限的反馈统一接收机构、不得自行移送.
 *  - 市场监督管理行政处罚程序规定 第十八条: 线索 15 个工作日内核查并决定是否立案, 检测检验检疫鉴定、权利人辨认或者鉴别时间不计入.
 *
 * The status lives on the lead row and is derived from the append-only log `lead_actions`. This table is the one list of
 * statuses and of the actions each allows; server and web share it. A forbidden action answers 409 ACTION_NOT_ALLOWED with
 * `allowedLeadActions(...)`.
 */

// ---------- kinds and sources ----------

export const LEAD_KINDS = { complaint: '投诉', report: '举报', lead: '其他线索' } as const;
export type LeadKind = keyof typeof LEAD_KINDS;
export const LEAD_KIND_LIST = Object.keys(LEAD_KINDS) as LeadKind[];

export const LEAD_SOURCES = {
  portal: '网上诉求',
  provincialPlatform: '省平台交办',
  hotline12315: '12315 转办',
  inspection: '检查发现',
  transfer: '其他部门移送',
  superiorAssignment: '上级交办',
  onlineMonitoring: '网络监测',
  complaintMediation: '投诉调解中发现',
} as const;
export type LeadSource = keyof typeof LEAD_SOURCES;
export const LEAD_SOURCE_LIST = Object.keys(LEAD_SOURCES) as LeadSource[];

/** Sources a person registers by hand, imports from Excel or another system transfers (not portal, not mediation). */
export const MANUAL_LEAD_SOURCES = ['provincialPlatform', 'hotline12315', 'inspection', 'transfer', 'superiorAssignment', 'onlineMonitoring'] as const satisfies readonly LeadSource[];
export type ManualLeadSource = (typeof MANUAL_LEAD_SOURCES)[number];

// ---------- statuses ----------

export const LEAD_STATUSES = {
  /** At the unified intake (city): waits to be dispatched to a county bureau (or was returned by one). */
  pendingDispatch: '待分派',
  /** Dispatched to a county bureau: waits for it to sign (签收) or return (退回). */
  dispatched: '待签收',
  /** Assigned by the county bureau to one of its stations: waits for the station to sign or return. */
  assigned: '已指派待签收',
  /** Signed by the responsible unit: a complaint waits for the acceptance decision, a report or lead for verification. */
  signed: '已签收',
  // -- complaint path (暂行办法 第十四条至第二十三条)
  /** 受理: waits for mediation (both parties' consent, 第十六条) or its termination. */
  accepted: '已受理',
  mediating: '调解中',
  /** 检定、检验、检测、鉴定 in progress: the mediation clock stands still (第二十条). */
  testing: '检测鉴定中',
  /** A recusal request was made: mediation is suspended (中止) until the decision (第十九条); the clock stands still. */
  mediationSuspended: '调解中止',
  /** 终止调解 decided: both parties must be told within 7 working days (第二十一条第二款). */
  mediationTerminated: '已终止调解',
  /** 不予受理 (第十五条): terminal. */
  notAccepted: '不予受理',
  // -- report and lead path (程序规定 第十八条、暂行办法 第三十一条)
  verifying: '核查中',
  /** 检测、检验、检疫、鉴定 or 权利人辨认或者鉴别: the verification clock stands still. */
  verificationPaused: '核查暂停计时',
  /** The verification result and the proposal wait for the head's decision (立案 / 不予立案 / 退回补充核查). */
  pendingApproval: '待审批',
  /** 立案 approved: the case waits to be registered by the cases module, which then links it (caseFiled). */
  filingApproved: '立案已批准待登记',
  caseFiled: '已立案',
  notFiled: '不予立案',
  /** 办结. */
  closed: '已办结',
} as const;
export type LeadStatus = keyof typeof LEAD_STATUSES;
export const LEAD_STATUS_LIST = Object.keys(LEAD_STATUSES) as LeadStatus[];

/** Statuses in which the lead is finished (closed_on is set). */
export const LEAD_TERMINAL_STATUSES: readonly LeadStatus[] = ['notAccepted', 'closed'];

// ---------- actions ----------

export const LEAD_ACTIONS = {
  /** 登记 (system: written when a lead is created; not offered as a button). */
  create: '登记',
  dispatch: '分派',
  sign: '签收',
  return: '退回',
  assign: '指派',
  accept: '受理',
  reject: '不予受理',
  startMediation: '组织调解',
  startTesting: '检测鉴定',
  endTesting: '检测鉴定完毕',
  suspendMediation: '中止调解',
  resumeMediation: '恢复调解',
  agreementReached: '达成调解协议',
  terminateMediation: '终止调解',
  notifyTermination: '告知终止调解',
  spawnLead: '转违法线索',
  startVerification: '开始核查',
  pauseVerification: '核查暂停计时',
  resumeVerification: '恢复核查计时',
  submitVerification: '提交核查结果',
  approveFiling: '批准立案',
  declineFiling: '不予立案',
  sendBack: '退回补充核查',
  /** System: the cases module registered the case (linkCaseToLead). */
  linkCase: '登记案件',
  notifyReporter: '告知举报人',
  /** System: the case was decided (recordCaseOutcome 'decided'). */
  caseDecided: '案件作出决定',
  /** System: the case was closed (recordCaseOutcome 'closed'). */
  caseClosed: '案件结案',
  close: '办结',
} as const;
export type LeadAction = keyof typeof LEAD_ACTIONS;
export const LEAD_ACTION_LIST = Object.keys(LEAD_ACTIONS) as LeadAction[];

/** Actions only the system performs (never a button, never a route of their own). */
export const LEAD_SYSTEM_ACTIONS: readonly LeadAction[] = ['create', 'linkCase', 'caseDecided', 'caseClosed'];
/** Actions a user performs through POST /api/leads/:id/actions/:action. */
export const LEAD_USER_ACTIONS = LEAD_ACTION_LIST.filter((a) => !LEAD_SYSTEM_ACTIONS.includes(a)) as Exclude<LeadAction, 'create' | 'linkCase' | 'caseDecided' | 'caseClosed'>[];
export type LeadUserAction = (typeof LEAD_USER_ACTIONS)[number];

const COMPLAINT_ONLY: readonly LeadAction[] = [
  'accept', 'reject', 'startMediation', 'startTesting', 'endTesting', 'suspendMediation', 'resumeMediation', 'agreementReached',
  'terminateMediation', 'notifyTermination', 'spawnLead',
];
const VERIFICATION_ONLY: readonly LeadAction[] = [
  'startVerification', 'pauseVerification', 'resumeVerification', 'submitVerification', 'approveFiling', 'declineFiling', 'sendBack',
  'linkCase', 'notifyReporter', 'caseDecided', 'caseClosed',
];

/** The kinds an action applies to: the complaint path and the report/lead path share only intake, dispatch and closing. */
export function leadActionAppliesTo(action: LeadAction, kind: LeadKind): boolean {
  if (COMPLAINT_ONLY.includes(action)) return kind === 'complaint';
  if (VERIFICATION_ONLY.includes(action)) return kind !== 'complaint';
  return true;
}

/**
 * What each status allows (before the kind and the guards below). `next` gives the status after the action; an action
 * missing from `next` leaves the status as it is (告知举报人, 转违法线索, 案件作出决定).
 */
export const LEAD_WORKFLOW: Record<LeadStatus, { actions: readonly LeadAction[]; next: Partial<Record<LeadAction, LeadStatus>> }> = {
  // 暂行办法 第三十七条: the intake body dispatches (分送) to the competent unit; it may also close what is not the bureau's duty.
  pendingDispatch: { actions: ['dispatch', 'close'], next: { dispatch: 'dispatched', close: 'closed' } },
  dispatched: { actions: ['sign', 'return'], next: { sign: 'signed', return: 'pendingDispatch' } },
  assigned: { actions: ['sign', 'return'], next: { sign: 'signed', return: 'signed' } },
  signed: {
    actions: ['accept', 'reject', 'startVerification', 'assign', 'return'],
    next: { accept: 'accepted', reject: 'notAccepted', startVerification: 'verifying', assign: 'assigned', return: 'pendingDispatch' },
  },
  accepted: { actions: ['startMediation', 'terminateMediation', 'spawnLead'], next: { startMediation: 'mediating', terminateMediation: 'mediationTerminated' } },
  mediating: {
    actions: ['startTesting', 'suspendMediation', 'agreementReached', 'terminateMediation', 'spawnLead'],
    next: { startTesting: 'testing', suspendMediation: 'mediationSuspended', agreementReached: 'closed', terminateMediation: 'mediationTerminated' },
  },
  testing: { actions: ['endTesting', 'terminateMediation', 'spawnLead'], next: { endTesting: 'mediating', terminateMediation: 'mediationTerminated' } },
  mediationSuspended: { actions: ['resumeMediation', 'terminateMediation', 'spawnLead'], next: { resumeMediation: 'mediating', terminateMediation: 'mediationTerminated' } },
  mediationTerminated: { actions: ['notifyTermination', 'spawnLead'], next: { notifyTermination: 'closed' } },
  notAccepted: { actions: [], next: {} },
  verifying: { actions: ['pauseVerification', 'submitVerification'], next: { pauseVerification: 'verificationPaused', submitVerification: 'pendingApproval' } },
  verificationPaused: { actions: ['resumeVerification'], next: { resumeVerification: 'verifying' } },
  pendingApproval: {
    actions: ['approveFiling', 'declineFiling', 'sendBack'],
    next: { approveFiling: 'filingApproved', declineFiling: 'notFiled', sendBack: 'verifying' },
  },
  filingApproved: { actions: ['linkCase', 'notifyReporter'], next: { linkCase: 'caseFiled' } },
  caseFiled: { actions: ['notifyReporter', 'caseDecided', 'caseClosed'], next: { caseClosed: 'closed' } },
  notFiled: { actions: ['notifyReporter', 'close'], next: { close: 'closed' } },
  closed: { actions: ['notifyReporter'], next: {} },
};

/** The facts of a lead the allowed actions depend on, besides its status. */
export interface LeadWorkflowState {
  status: LeadStatus;
  kind: LeadKind;
  /** The lead sits at a station (市场监管所): it cannot be assigned further, and 退回 goes to its county bureau. */
  atStation?: boolean;
  /** A real-name reporter or informant who must be told of the 立案 decision (暂行办法 第三十一条). */
  realName?: boolean;
  /** The head has decided 立案 / 不予立案. */
  decided?: boolean;
  /** The reporter has been told. */
  reporterNotified?: boolean;
}

function guardOk(s: LeadWorkflowState, action: LeadAction): boolean {
  switch (action) {
    // A station cannot assign further; 指派 is the county bureau's (第二十六条: stations act within the county's remit).
    case 'assign':
      return !s.atStation;
    // 第三十一条: only a real-name reporter is told, once, after the decision.
    case 'notifyReporter':
      return !!s.realName && !!s.decided && !s.reporterNotified;
    // 不予立案 is closed only after the real-name reporter was told (the 5-working-day duty comes first).
    case 'close':
      return s.status !== 'notFiled' || !s.realName || !!s.reporterNotified;
    default:
      return true;
  }
}

/** Whether the action is allowed for this lead. */
export function leadActionAllowed(s: LeadWorkflowState, action: LeadAction): boolean {
  const row = LEAD_WORKFLOW[s.status];
  if (!row || !row.actions.includes(action)) return false;
  if (!leadActionAppliesTo(action, s.kind)) return false;
  return guardOk(s, action);
}

/** The allowed actions (system ones included), in table order: the 409 answer and the base of the DTO's buttons. */
export function allowedLeadActions(s: LeadWorkflowState): LeadAction[] {
  return (LEAD_WORKFLOW[s.status]?.actions ?? []).filter((a) => leadActionAllowed(s, a));
}

/**
 * The status after an action. 退回 depends on where the lead is: from a station it goes back to the county bureau (已签收
 * there), from a county bureau back to the intake (待分派) — 暂行办法 第三十七条: never forwarded sideways.
 */
export function nextLeadStatus(s: LeadWorkflowState, action: LeadAction): LeadStatus {
  if (action === 'return') return s.atStation ? 'signed' : 'pendingDispatch';
  return LEAD_WORKFLOW[s.status]?.next[action] ?? s.status;
}

// ---------- list tabs ----------

export const LEAD_TABS = {
  pendingDispatch: { label: '待分派', statuses: ['pendingDispatch'] },
  pendingSign: { label: '待签收', statuses: ['dispatched', 'assigned'] },
  inProgress: {
    label: '办理中',
    statuses: ['signed', 'accepted', 'mediating', 'testing', 'mediationSuspended', 'mediationTerminated', 'verifying', 'verificationPaused', 'filingApproved', 'notFiled'],
  },
  pendingApproval: { label: '待审批', statuses: ['pendingApproval'] },
  /** 已办结, and leads handed over to a case (已立案, followed in the case). */
  closed: { label: '已办结', statuses: ['caseFiled', 'notAccepted', 'closed'] },
} as const satisfies Record<string, { label: string; statuses: readonly LeadStatus[] }>;
export type LeadTab = keyof typeof LEAD_TABS;
export const LEAD_TAB_LIST = Object.keys(LEAD_TABS) as LeadTab[];

// ---------- reason codes ----------

export interface ReasonCode {
  label: string;
  /** The article and item it comes from. */
  basis: string;
}

/** 不予受理 (暂行办法 第十五条), six grounds. */
export const LEAD_REJECTION_REASONS = {
  notDutyOrNoJurisdiction: { label: '投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限', basis: '第十五条第（一）项' },
  alreadyHandled: { label: '法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会或者依法成立的其他调解组织已经受理或者处理过同一争议', basis: '第十五条第（二）项' },
  noDispute: { label: '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议', basis: '第十五条第（三）项' },
  timeBarred: { label: '投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年', basis: '第十五条第（四）项' },
  materialsMissing: { label: '未提供投诉人姓名、电话、地址，被投诉人名称、地址，具体投诉请求和争议事实等材料', basis: '第十五条第（五）项' },
  otherLegal: { label: '法律、法规、规章规定不予受理的其他情形', basis: '第十五条第（六）项' },
} as const satisfies Record<string, ReasonCode>;
export type LeadRejectionReason = keyof typeof LEAD_REJECTION_REASONS;
export const LEAD_REJECTION_REASON_LIST = Object.keys(LEAD_REJECTION_REASONS) as LeadRejectionReason[];

/** 终止调解 (暂行办法 第二十一条第一款), seven grounds. */
export const LEAD_TERMINATION_REASONS = {
  withdrawnOrSettled: { label: '投诉人撤回投诉或者双方自行和解', basis: '第二十一条第一款第（一）项' },
  testingDisagreement: { label: '双方对委托承担检定、检验、检测、鉴定工作的技术机构或者费用承担无法协商一致', basis: '第二十一条第一款第（二）项' },
  absentOrRefused: { label: '投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解', basis: '第二十一条第一款第（三）项' },
  noAgreementPossible: { label: '经组织调解，投诉人或者被投诉人明确表示无法达成调解协议', basis: '第二十一条第一款第（四）项' },
  timeLimitExpired: { label: '自投诉受理之日起四十五个工作日内未能达成调解协议', basis: '第二十一条第一款第（五）项' },
  article15Found: { label: '受理投诉后，发现存在不予受理情形', basis: '第二十一条第一款第（六）项' },
  otherLegal: { label: '法律、法规、规章规定的应当终止调解的其他情形', basis: '第二十一条第一款第（七）项' },
} as const satisfies Record<string, ReasonCode>;
export type LeadTerminationReason = keyof typeof LEAD_TERMINATION_REASONS;
export const LEAD_TERMINATION_REASON_LIST = Object.keys(LEAD_TERMINATION_REASONS) as LeadTerminationReason[];

/** 退回 (暂行办法 第三十七条第二款: 不具备处理权限的，应当及时反馈统一接收投诉举报的工作机构，不得自行移送). */
export const LEAD_RETURN_REASONS = {
  noJurisdiction: { label: '不属于本机构管辖（无处理权限）', basis: '第三十七条第二款' },
  notDuty: { label: '不属于市场监督管理部门职责', basis: '第三十七条第二款' },
  wrongDispatch: { label: '分派或者指派有误', basis: '第三十七条第二款' },
  insufficientInfo: { label: '线索信息不全，无法办理', basis: '第三十七条第二款' },
  other: { label: '其他', basis: '第三十七条第二款' },
} as const satisfies Record<string, ReasonCode>;
export type LeadReturnReason = keyof typeof LEAD_RETURN_REASONS;
export const LEAD_RETURN_REASON_LIST = Object.keys(LEAD_RETURN_REASONS) as LeadReturnReason[];

/** Periods not counted in the verification period (程序规定 第十八条). */
export const LEAD_VERIFICATION_PAUSE_REASONS = {
  testing: { label: '检测', basis: '程序规定 第十八条' },
  inspection: { label: '检验', basis: '程序规定 第十八条' },
  quarantine: { label: '检疫', basis: '程序规定 第十八条' },
  appraisal: { label: '鉴定', basis: '程序规定 第十八条' },
  rightsHolderIdentification: { label: '权利人辨认或者鉴别', basis: '程序规定 第十八条' },
} as const satisfies Record<string, ReasonCode>;
export type LeadVerificationPauseReason = keyof typeof LEAD_VERIFICATION_PAUSE_REASONS;
export const LEAD_VERIFICATION_PAUSE_REASON_LIST = Object.keys(LEAD_VERIFICATION_PAUSE_REASONS) as LeadVerificationPauseReason[];

/** 调解书 or 调解记录 (暂行办法 第二十二条). */
export const MEDIATION_AGREEMENT_FORMS = { mediationDocument: '调解书', mediationRecord: '调解记录' } as const;
export type MediationAgreementForm = keyof typeof MEDIATION_AGREEMENT_FORMS;

export const VERIFICATION_RESULTS = { substantiated: '属实', unsubstantiated: '不属实' } as const;
export type VerificationResult = keyof typeof VERIFICATION_RESULTS;
export const FILING_DECISIONS = { fileCase: '立案', declineCase: '不予立案' } as const;
export type FilingDecision = keyof typeof FILING_DECISIONS;

/** The label of a reason code of any of the tables above (the server stores only the code). */
export function leadReasonLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  const tables: Record<string, ReasonCode>[] = [LEAD_REJECTION_REASONS, LEAD_TERMINATION_REASONS, LEAD_RETURN_REASONS, LEAD_VERIFICATION_PAUSE_REASONS];
  for (const t of tables) if (t[code]) return t[code]!.label;
  return code;
}

// ---------- deadlines of the lead (rule keys seeded in deadline-rules.seed.ts) ----------

export const LEAD_DEADLINE_RULES = {
  /** 暂行办法 第十四条: 7 WD from receipt. */
  acceptance: 'complaint.acceptance',
  /** 暂行办法 第二十一条第一款第（五）项: 45 WD from acceptance. */
  mediation: 'complaint.mediation',
  /** 暂行办法 第二十一条第二款: 7 WD from the termination decision. */
  terminationNotice: 'complaint.terminationNotice',
  /** 程序规定 第十八条: 15 WD from receipt. */
  verification: 'lead.verification',
  /** 暂行办法 第二十三条: 15 WD from discovery in mediation. */
  mediationVerification: 'mediation.leadVerification',
  /** 暂行办法 第三十一条第二款: 5 WD from the decision. */
  reporterNotice: 'report.reporterNotice',
} as const;

/** Rule keys whose deadline is the verification of a report or lead (paused, resumed and completed together). */
export const LEAD_VERIFICATION_RULE_KEYS: readonly string[] = [LEAD_DEADLINE_RULES.verification, LEAD_DEADLINE_RULES.mediationVerification];

/** XS-2026-370900-000012 */
export const LEAD_NO_PATTERN = /^XS-\d{4}-\d{6}-\d{6}$/;
export function formatLeadNo(year: number, cityCode6: string, seq: number): string {
  return `XS-${year}-${cityCode6}-${String(seq).padStart(6, '0')}`;
}

/**
 * The county bureau whose jurisdiction covers a region code: its 6-digit county prefix against the county bureaus'
 * region codes (a township code 370902001 matches the bureau of 370902). 暂行办法 第十二条、第二十五条: the place of the
 * respondent's business or of the act decides.
 */
export function suggestCountyUnit<U extends { id: number; regionCodes: readonly string[] }>(regionCode: string | null | undefined, counties: readonly U[]): U | undefined {
  if (!regionCode || regionCode.length < 6) return undefined;
  const county = regionCode.slice(0, 6);
  return counties.find((u) => u.regionCodes.some((c) => c.slice(0, 6) === county));
}
