/**
 * Pure checks of a proposed or decided penalty against the statutory limits, shared by the server (which refuses a
 * decision that breaks them: 400 citing the article) and the web (the decide modal shows the same check as you type).
 *
 * - 商标法 第六十条第二款: 违法经营额五万元以上的，可以处违法经营额五倍以下的罚款；没有违法经营额或者违法经营额不足五万元的，
 *   可以处二十五万元以下的罚款。对五年内实施两次以上商标侵权行为或者有其他严重情节的，应当从重处罚。
 * - 专利法 第六十八条: 假冒专利的 … 没收违法所得，可以处违法所得五倍以下的罚款；没有违法所得或者违法所得在五万元以下的，可以处
 *   二十五万元以下的罚款。
 * - 行政处罚法 第五十一条: 对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，可以当场作出 (简易程序).
 * - 行政处罚法 第六十八条: 当场收缴罚款 only for fines of 一百元以下 or where it would be hard to collect afterwards.
 * - 市场监督管理行政处罚信息公示规定 (总局令第45号) 第二条: ordinary-procedure decisions are published; 仅受到警告行政处罚的不予公示.
 *
 * Amounts are yuan with at most two decimals; every comparison is done in whole fen (cents) so 0.1 + 0.2 never decides a case.
 */
import type { CaseDecisionKind, CasePartyKind, CasePenaltyKind, CaseProcedure, CaseTypeKey } from './case-workflow';

/** 5 万元: the threshold of 商标法 第六十条 and 专利法 第六十八条. */
export const ILLEGAL_AMOUNT_THRESHOLD = 50_000;
/** 25 万元: the cap where there is no (or a small) illegal turnover / gain. */
export const FLAT_FINE_CAP = 250_000;
/** 五倍 */
export const FINE_MULTIPLE = 5;
/** 行政处罚法 第五十一条: 公民 200 元, 法人或者其他组织 3,000 元. */
export const SIMPLIFIED_FINE_LIMIT: Record<CasePartyKind, number> = { person: 200, organization: 3_000 };
/** 行政处罚法 第六十八条第（一）项: 当场收缴 for fines of 100 元 or less. */
export const ON_SPOT_COLLECTION_LIMIT = 100;

/** Whole fen of a yuan amount (number or the database's numeric string); null stays null. */
export function toFen(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}

/** Yuan from whole fen. */
export function fromFen(fen: number): number {
  return fen / 100;
}

/** A money amount in yuan: finite, not negative, at most two decimals, below 10^14. */
export function isMoneyAmount(v: unknown): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1e14) return false;
  return Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
}

/** ¥12,500.00 */
export function formatYuan(v: number | string | null | undefined): string {
  const fen = toFen(v);
  if (fen === null) return '—';
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const int = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const dec = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}¥${int}.${dec}`;
}

export interface FineLimit {
  /** The highest fine allowed (yuan). */
  maxFine: number;
  /** The article the limit comes from, as cited to the user. */
  basis: string;
  /** How the limit was found, in Chinese (e.g. 违法经营额 ¥60,000.00 的五倍). */
  explanation: string;
}

/**
 * 商标法 第六十条第二款. 违法经营额 ≥ 5 万元 → up to 5 × turnover; none or under 5 万元 → up to 25 万元.
 * (At exactly 5 万元 both readings give 25 万元.)
 */
export function trademarkFineLimit(illegalTurnover: number | string | null | undefined): FineLimit {
  const fen = toFen(illegalTurnover);
  const basis = '商标法 第六十条第二款';
  if (fen !== null && fen >= ILLEGAL_AMOUNT_THRESHOLD * 100) {
    return { maxFine: fromFen(fen * FINE_MULTIPLE), basis, explanation: `违法经营额 ${formatYuan(fromFen(fen))} 的五倍` };
  }
  return {
    maxFine: FLAT_FINE_CAP,
    basis,
    explanation: fen === null || fen === 0 ? '没有违法经营额的，二十五万元' : `违法经营额 ${formatYuan(fromFen(fen))} 不足五万元的，二十五万元`,
  };
}

/**
 * 专利法 第六十八条. 违法所得 > 5 万元 → up to 5 × gains; none or ≤ 5 万元 (在五万元以下, inclusive) → up to 25 万元.
 */
export function patentCounterfeitingFineLimit(illegalGains: number | string | null | undefined): FineLimit {
  const fen = toFen(illegalGains);
  const basis = '专利法 第六十八条';
  if (fen !== null && fen > ILLEGAL_AMOUNT_THRESHOLD * 100) {
    return { maxFine: fromFen(fen * FINE_MULTIPLE), basis, explanation: `违法所得 ${formatYuan(fromFen(fen))} 的五倍` };
  }
  return {
    maxFine: FLAT_FINE_CAP,
    basis,
    explanation: fen === null || fen === 0 ? '没有违法所得的，二十五万元' : `违法所得 ${formatYuan(fromFen(fen))} 在五万元以下的，二十五万元`,
  };
}

/** The statutory fine limit of a case type, or null where this system has no rule (the handler checks the law cited). */
export function fineLimitFor(
  caseType: CaseTypeKey,
  amounts: { illegalTurnover?: number | string | null; illegalGains?: number | string | null },
): FineLimit | null {
  if (caseType === 'trademarkInfringement') return trademarkFineLimit(amounts.illegalTurnover ?? null);
  if (caseType === 'patentCounterfeiting') return patentCounterfeitingFineLimit(amounts.illegalGains ?? null);
  return null;
}

/** Penalty kinds that are 行政处罚 (行政处罚法 第九条); 责令停止/改正 are orders given with them (第二十八条). */
export const REAL_PENALTY_KINDS: readonly CasePenaltyKind[] = ['warning', 'fine', 'confiscateGains', 'confiscateGoods'];

/** The word a decision of a repeat infringer must carry (商标法 第六十条: 应当从重处罚). */
export const HEAVIER_WORD = '从重';

export type PenaltyField = 'penaltyKinds' | 'fineAmount' | 'confiscatedAmount' | 'decisionSummary';

export interface PenaltyIssue {
  field: PenaltyField;
  message: string;
  /** The article broken, e.g. 商标法 第六十条第二款. */
  article: string;
}

export interface PenaltyCheckInput {
  caseType: CaseTypeKey;
  procedure: CaseProcedure;
  partyKind: CasePartyKind;
  /** Default 'penalty'; the other decisions carry no penalty and pass. */
  decision?: CaseDecisionKind;
  penaltyKinds: readonly CasePenaltyKind[];
  fineAmount?: number | string | null;
  confiscatedAmount?: number | string | null;
  illegalTurnover?: number | string | null;
  illegalGains?: number | string | null;
  repeatWithin5Years?: boolean;
  /** The decision's text (处罚内容). With a repeat infringer it must state 从重. */
  decisionSummary?: string | null;
}

export interface PenaltyCheck {
  ok: boolean;
  issues: PenaltyIssue[];
  /** The statutory fine limit that applied (null where none is coded). */
  limit: FineLimit | null;
  /** 从重处罚 is mandatory (商标法 第六十条: 五年内两次以上). */
  heavier: boolean;
  /** The decision will be published (总局令第45号 第二条). */
  published: boolean;
  /** Reminders that do not block (e.g. 没收、销毁侵权商品 is also required). */
  notes: string[];
}

/**
 * 总局令第45号 第二条: decisions of the ordinary procedure are published, except those with only a warning. The orders
 * (责令停止、责令改正) are not penalties and do not count.
 */
export function isPublishedPenalty(input: { procedure: CaseProcedure; decision: CaseDecisionKind | null | undefined; penaltyKinds: readonly CasePenaltyKind[] }): boolean {
  if (input.procedure !== 'ordinary' || input.decision !== 'penalty') return false;
  const real = input.penaltyKinds.filter((k) => REAL_PENALTY_KINDS.includes(k));
  return real.length > 0 && !real.every((k) => k === 'warning');
}

/** Whether a fine is to be paid (罚款 > 0). */
export function fineDue(penaltyKinds: readonly CasePenaltyKind[], fineAmount: number | string | null | undefined): boolean {
  const fen = toFen(fineAmount);
  return penaltyKinds.includes('fine') && fen !== null && fen > 0;
}

/** Checks a penalty (ordinary or simplified procedure) against the rules above. */
export function checkPenalty(input: PenaltyCheckInput): PenaltyCheck {
  const decision = input.decision ?? 'penalty';
  const issues: PenaltyIssue[] = [];
  const notes: string[] = [];
  const kinds = input.penaltyKinds;
  const heavier = input.caseType === 'trademarkInfringement' && !!input.repeatWithin5Years;
  if (decision !== 'penalty') {
    return { ok: true, issues, limit: null, heavier: false, published: false, notes };
  }
  const limit = fineLimitFor(input.caseType, input);
  const fine = toFen(input.fineAmount);
  const confiscated = toFen(input.confiscatedAmount);

  if (!kinds.some((k) => REAL_PENALTY_KINDS.includes(k))) {
    issues.push({ field: 'penaltyKinds', message: '请至少选择一种行政处罚（警告、罚款、没收违法所得或没收侵权商品）', article: '行政处罚法 第九条' });
  }
  if (kinds.includes('fine') && (fine === null || fine <= 0)) {
    issues.push({ field: 'fineAmount', message: '已选择罚款，请填写罚款金额', article: '行政处罚法 第五十九条' });
  }
  if (!kinds.includes('fine') && fine !== null && fine > 0) {
    issues.push({ field: 'penaltyKinds', message: '填写了罚款金额，请在处罚种类中选择罚款', article: '行政处罚法 第五十九条' });
  }
  if (kinds.includes('confiscateGains') && (confiscated === null || confiscated <= 0)) {
    issues.push({ field: 'confiscatedAmount', message: '已选择没收违法所得，请填写没收金额', article: '行政处罚法 第二十八条第二款' });
  }
  if (input.procedure === 'simplified') {
    // 行政处罚法 第五十一条: only a fine within the limit or a warning may be decided on the spot.
    const allowed: CasePenaltyKind[] = ['warning', 'fine', 'orderToStop', 'orderToCorrect'];
    if (kinds.some((k) => !allowed.includes(k))) {
      issues.push({ field: 'penaltyKinds', message: '简易程序只能当场作出警告或者罚款（行政处罚法 第五十一条），没收等处罚应适用普通程序', article: '行政处罚法 第五十一条' });
    }
    const cap = SIMPLIFIED_FINE_LIMIT[input.partyKind];
    if (fine !== null && fine > cap * 100) {
      issues.push({
        field: 'fineAmount',
        message: `简易程序当场罚款，对${input.partyKind === 'person' ? '公民不得超过二百元' : '法人或者其他组织不得超过三千元'}（行政处罚法 第五十一条），超过的应适用普通程序`,
        article: '行政处罚法 第五十一条',
      });
    }
  }
  if (limit && fine !== null && fine > toFen(limit.maxFine)!) {
    issues.push({
      field: 'fineAmount',
      message: `罚款 ${formatYuan(fromFen(fine))} 超过法定上限 ${formatYuan(limit.maxFine)}（${limit.basis}：${limit.explanation}）`,
      article: limit.basis,
    });
  }
  if (input.caseType === 'patentCounterfeiting') {
    const gains = toFen(input.illegalGains);
    if (gains !== null && confiscated !== null && confiscated > gains) {
      issues.push({ field: 'confiscatedAmount', message: `没收金额 ${formatYuan(fromFen(confiscated))} 超过认定的违法所得 ${formatYuan(fromFen(gains))}`, article: '专利法 第六十八条' });
    }
    if (gains !== null && gains > 0 && !kinds.includes('confiscateGains')) notes.push('假冒专利有违法所得的，应当没收违法所得（专利法 第六十八条）');
    notes.push('假冒专利的，应当责令改正并予公告（专利法 第六十八条）');
  }
  if (input.caseType === 'trademarkInfringement' && input.procedure === 'ordinary' && !kinds.includes('confiscateGoods')) {
    notes.push('认定商标侵权成立的，应当没收、销毁侵权商品和主要用于制造侵权商品、伪造注册商标标识的工具（商标法 第六十条第二款）');
  }
  if (heavier && !(input.decisionSummary ?? '').includes(HEAVIER_WORD)) {
    issues.push({
      field: 'decisionSummary',
      message: '当事人五年内实施两次以上商标侵权行为，应当从重处罚（商标法 第六十条第二款），处罚内容中应写明“从重处罚”',
      article: '商标法 第六十条第二款',
    });
  }
  const published = isPublishedPenalty({ procedure: input.procedure, decision, penaltyKinds: kinds });
  return { ok: issues.length === 0, issues, limit, heavier, published, notes };
}

/**
 * 行政处罚法 第六十八条: on-the-spot collection of a fine decided in the simplified procedure is allowed for fines of
 * 100 元 or less, or where collecting later would be hard (第（二）项, which the officer states).
 */
export function onSpotCollectionAllowed(fineAmount: number | string | null | undefined, ground: 'smallFine' | 'hardToEnforce'): boolean {
  const fen = toFen(fineAmount);
  if (fen === null || fen <= 0) return false;
  return ground === 'hardToEnforce' || fen <= ON_SPOT_COLLECTION_LIMIT * 100;
}
