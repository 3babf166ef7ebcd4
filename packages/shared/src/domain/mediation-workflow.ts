/**
 * Workflow of an IP-dispute mediation (人民调解 / 行政调解 / 诉调对接), legal-rules.md §1.5 and §4.6. Status is derived from
 * the append-only log mediation_actions; this table is shared by server and UI.
 *
 *   申请 (当事人在线或窗口 / 法院委派 诉前 / 法院委托 诉中 / 投诉转调解 / 行政裁决中的赔偿调解)
 *     ─ 一方明确拒绝 ─▶ 不予调解 (人民调解法 第十七条)
 *     ─ 双方同意, 指派调解员 (回避) ─▶ 调解中 [委派 30 日 / 委托 15 日 (普通) 或 7 日 (简易), 自签收材料起, 特邀调解规定 第二十七条;
 *                                          双方同意可延长]
 *   调解中 ─ 达成协议 (书面: 各方签名盖章及调解员签名、调解委员会盖章生效; 口头: 达成即生效) ─▶ 协议生效
 *          ─ 调解不成 / 期满 ─▶ 调解终止 (告知仲裁、行政、司法途径, 人民调解法 第二十六条)
 *   协议生效 ─ 30 日内双方共同申请司法确认 (人民调解法 第三十三条; 确权协议不予受理, 民诉法解释 第三百五十五条) ─▶ 司法确认中
 *   司法确认中 ─ 裁定 ─▶ 已确认 (可申请强制执行) | 确认被驳回 (可重新调解或起诉)
 *   履行 ─▶ 结案; 法院来源的调解须先向法院反馈结果才能结案.
 */

export const MEDIATION_STATUSES = {
  applied: '待受理',
  refused: '不予调解',
  mediating: '调解中',
  agreed: '协议已生效',
  terminated: '调解终止',
  confirmationApplied: '司法确认中',
  confirmed: '已司法确认',
  confirmationRejected: '司法确认被驳回',
  closed: '已结案',
} as const;
export type MediationStatus = keyof typeof MEDIATION_STATUSES;
export const MEDIATION_STATUS_LIST = Object.keys(MEDIATION_STATUSES) as MediationStatus[];

export const MEDIATION_ACTIONS = {
  /** 登记 (first log row). */
  register: '登记',
  /** 受理 with the mediators (both parties agree). */
  accept: '受理并指派调解员',
  /** 一方明确拒绝调解 / 不属于调解范围. */
  refuse: '不予调解',
  assignMediators: '变更调解员',
  recordSession: '记录调解',
  /** 双方同意延长调解期限. */
  extend: '延长调解期限',
  reachAgreement: '达成调解协议',
  terminate: '终止调解',
  applyConfirmation: '申请司法确认',
  recordRuling: '登记司法确认裁定',
  recordPerformance: '登记履行情况',
  informCourt: '向法院反馈结果',
  close: '结案',
} as const;
export type MediationAction = keyof typeof MEDIATION_ACTIONS;
export const MEDIATION_ACTION_LIST = Object.keys(MEDIATION_ACTIONS) as MediationAction[];

const STAY = null;

export const MEDIATION_WORKFLOW: Record<MediationStatus, { actions: readonly MediationAction[]; next: Partial<Record<MediationAction, MediationStatus | null>> }> = {
  applied: { actions: ['accept', 'refuse'], next: { accept: 'mediating', refuse: 'refused' } },
  refused: { actions: ['informCourt', 'close'], next: { informCourt: STAY, close: 'closed' } },
  mediating: {
    actions: ['assignMediators', 'recordSession', 'extend', 'reachAgreement', 'terminate'],
    next: { assignMediators: STAY, recordSession: STAY, extend: STAY, reachAgreement: 'agreed', terminate: 'terminated' },
  },
  agreed: {
    actions: ['applyConfirmation', 'recordPerformance', 'informCourt', 'close'],
    next: { applyConfirmation: 'confirmationApplied', recordPerformance: STAY, informCourt: STAY, close: 'closed' },
  },
  terminated: { actions: ['informCourt', 'close'], next: { informCourt: STAY, close: 'closed' } },
  confirmationApplied: { actions: ['recordRuling', 'informCourt'], next: { informCourt: STAY } },
  confirmed: { actions: ['recordPerformance', 'informCourt', 'close'], next: { recordPerformance: STAY, informCourt: STAY, close: 'closed' } },
  confirmationRejected: { actions: ['recordPerformance', 'informCourt', 'close'], next: { recordPerformance: STAY, informCourt: STAY, close: 'closed' } },
  closed: { actions: [], next: {} },
};

export function allowedMediationActions(status: MediationStatus): MediationAction[] {
  return [...(MEDIATION_WORKFLOW[status]?.actions ?? [])];
}

export function mediationActionAllowed(status: MediationStatus, action: MediationAction): boolean {
  return MEDIATION_WORKFLOW[status]?.actions.includes(action) ?? false;
}

/** The status after an action; recordRuling goes to 已确认 or 被驳回 by the ruling. */
export function nextMediationStatus(status: MediationStatus, action: MediationAction, opts: { ruling?: 'confirmed' | 'rejected' } = {}): MediationStatus {
  if (action === 'recordRuling') return opts.ruling === 'rejected' ? 'confirmationRejected' : 'confirmed';
  const n = MEDIATION_WORKFLOW[status]?.next[action];
  return n ?? status;
}

/** Statuses after an agreement took effect (协议与司法确认). */
export const MEDIATION_AGREEMENT_STATUSES: readonly MediationStatus[] = ['agreed', 'confirmationApplied', 'confirmed', 'confirmationRejected'];

/** Facts of one mediation that narrow the table's actions (the buttons the UI shows). */
export interface MediationFacts {
  source: MediationSource;
  /** The court was already told the result (court_informed_on set). */
  courtInformed: boolean;
  /** judicialConfirmationBlock gave a message (确权协议). */
  confirmationBlocked: boolean;
  /** The court's mediation period is open (only it can be extended by consent). */
  courtPeriodOpen: boolean;
}

/**
 * The table's actions narrowed by the facts: 向法院反馈 only for court sources and once; 结案 of a court case only after
 * the court was told (特邀调解规定 第二十七条 ff.: the result goes back to the court); 延长 only while the court period runs;
 * 申请司法确认 not for an agreement confirming ownership (民诉法解释 第三百五十五条).
 */
export function availableMediationActions(status: MediationStatus, f: MediationFacts): MediationAction[] {
  const court = isCourtSource(f.source);
  return allowedMediationActions(status).filter((a) => {
    if (a === 'informCourt') return court && !f.courtInformed;
    if (a === 'close') return !court || f.courtInformed;
    if (a === 'extend') return f.courtPeriodOpen;
    if (a === 'applyConfirmation') return !f.confirmationBlocked;
    return true;
  });
}

// ---------- 代码表 ----------

export const MEDIATION_SOURCES = {
  application: '当事人申请',
  courtDelegated: '法院委派（诉前）',
  courtEntrusted: '法院委托（诉中）',
  complaint: '投诉转调解',
  adjudication: '行政裁决赔偿调解',
} as const;
export type MediationSource = keyof typeof MEDIATION_SOURCES;
export const MEDIATION_SOURCE_LIST = Object.keys(MEDIATION_SOURCES) as MediationSource[];

export const COURT_PROCEDURES = { ordinary: '普通程序', simple: '简易程序' } as const;
export type CourtProcedure = keyof typeof COURT_PROCEDURES;

export const MEDIATION_IP_TYPES = { patent: '专利', trademark: '商标', geographicalIndication: '地理标志', tradeSecret: '商业秘密', other: '其他' } as const;
export type MediationIpType = keyof typeof MEDIATION_IP_TYPES;

/** 专利法实施细则 第一百零二条 and 专利法 第六十五条 (damages), plus trademark and contract disputes. */
export const DISPUTE_TYPES = {
  infringementDamages: '侵权赔偿',
  ownership: '权属纠纷',
  inventorship: '发明人、设计人资格纠纷',
  employeeReward: '职务发明奖励、报酬纠纷',
  provisionalUseFee: '临时保护期使用费纠纷',
  licence: '许可使用纠纷',
  contract: '技术合同纠纷',
  other: '其他纠纷',
} as const;
export type DisputeType = keyof typeof DISPUTE_TYPES;

export const AGREEMENT_TERM_KINDS = {
  compensation: '支付赔偿金',
  stopInfringement: '停止侵权',
  licence: '许可使用',
  ownership: '确认权属',
  apology: '赔礼道歉',
  withdrawal: '撤回投诉或起诉',
  other: '其他',
} as const;
export type AgreementTermKind = keyof typeof AGREEMENT_TERM_KINDS;

export const MEDIATOR_KINDS = { peopleMediator: '人民调解员', specialMediator: '特邀调解员', expert: '技术专家' } as const;
export type MediatorKind = keyof typeof MEDIATOR_KINDS;

export const MEDIATOR_EXPERTISE = {
  patent: '专利',
  trademark: '商标',
  geographicalIndication: '地理标志',
  tradeSecret: '商业秘密',
  contract: '技术合同',
  law: '法律',
} as const;
export type MediatorExpertise = keyof typeof MEDIATOR_EXPERTISE;

/** 终止调解 reasons (人民调解法 第二十六条; 特邀调解规定 第二十七条 期满). */
export const MEDIATION_TERMINATION_REASONS = {
  noAgreement: '经调解不能达成协议',
  partyWithdrew: '一方当事人退出调解',
  expired: '调解期限届满未达成协议',
  unreachable: '无法联系当事人',
  other: '其他',
} as const;
export type MediationTerminationReason = keyof typeof MEDIATION_TERMINATION_REASONS;

/** The deadline rule of the mediation period by source (deadline_rules; 特邀调解规定 第二十七条). null = none in statute. */
export function mediationPeriodRule(source: MediationSource, courtProcedure: CourtProcedure | null): string | null {
  if (source === 'courtDelegated') return 'mediation.courtDelegated';
  if (source === 'courtEntrusted') return courtProcedure === 'simple' ? 'mediation.courtEntrustedSimple' : 'mediation.courtEntrustedOrdinary';
  return null;
}

export function isCourtSource(source: MediationSource): boolean {
  return source === 'courtDelegated' || source === 'courtEntrusted';
}

/**
 * 民诉法解释 第三百五十五条第一款第（五）项: an agreement that confirms 物权 or 知识产权 ownership (确权) cannot be judicially
 * confirmed. Returns the message to show, or null when the application may go ahead.
 */
export function judicialConfirmationBlock(termKinds: readonly string[], disputeType: DisputeType | string): string | null {
  if (termKinds.includes('ownership') || disputeType === 'ownership') {
    return '该调解协议涉及知识产权权属确认，人民法院不予受理司法确认申请（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十五条第一款第（五）项）；权属须通过诉讼或仲裁确认。';
  }
  return null;
}

/** Normalises a party name for conflict matching: full-width to half-width, no spaces or brackets, upper case. */
export function normalizePartyName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s()（）【】\[\]·.,，、]/g, '')
    .toUpperCase();
}

/**
 * Conflicts of interest (回避): a mediator's declarations that match a party of the mediation, by credit code or by
 * normalised name (one contains the other, so 泰安某某科技 matches 泰安某某科技有限公司).
 */
export function mediatorConflicts(
  declarations: readonly { partyName: string; partyUscc: string | null; relation: string }[],
  parties: readonly { name: string; uscc: string | null }[],
): { partyName: string; relation: string }[] {
  const hits: { partyName: string; relation: string }[] = [];
  for (const d of declarations) {
    const dn = normalizePartyName(d.partyName);
    const du = d.partyUscc?.toUpperCase() ?? null;
    for (const p of parties) {
      const pn = normalizePartyName(p.name);
      const sameCode = du !== null && p.uscc !== null && du === p.uscc.toUpperCase();
      const sameName = dn.length >= 2 && pn.length >= 2 && (dn === pn || (dn.length >= 4 && pn.includes(dn)) || (pn.length >= 4 && dn.includes(pn)));
      if (sameCode || sameName) {
        hits.push({ partyName: p.name, relation: d.relation });
        break;
      }
    }
  }
  return hits;
}
