/**
 * 行政处罚信息公示 (penalty publication) rules, after 《市场监督管理行政处罚信息公示规定》 (总局令第45号, 2021-09-01;
 * shared/laws, legal-rules.md §1.7): what is published, for how long, and how personal data is taken out of the text.
 *
 * Pure code (no I/O, no clock): the server builds the publication with it, the web shows the same labels.
 */
import { addMonthsIso, type IsoDate } from './calendar';
import { maskIdNo, maskPhone } from './masking';

// ---------- what is published (第二条) ----------

export const PUBLICATION_PERIODS = { threeMonths: '三个月', threeYears: '三年' } as const;
export type PublicationPeriod = keyof typeof PUBLICATION_PERIODS;
export const PUBLICATION_PERIOD_LIST = Object.keys(PUBLICATION_PERIODS) as PublicationPeriod[];

/**
 * Measures that are not administrative penalties (行政处罚法 第九条 lists the kinds; 责令停止侵权、责令改正 are orders,
 * 行政处罚法 第二十八条) and the warning, which alone is not published (第二条第二款: 仅受到警告行政处罚的不予公示).
 * A decision whose measures are all in this list is not published.
 */
export const PUBLICATION_EXEMPT_KINDS = ['warning', 'orderToStop', 'orderToCorrect'] as const;

/** Wording of each penalty kind in the published 行政处罚内容 (in the order a decision lists them). */
export const PUBLICATION_PENALTY_WORDS: Record<string, string> = {
  orderToStop: '责令立即停止侵权行为',
  orderToCorrect: '责令改正',
  warning: '警告',
  publicCriticism: '通报批评',
  confiscateGoods: '没收、销毁侵权商品和主要用于违法行为的工具',
  confiscateGains: '没收违法所得',
  fine: '罚款',
};
const WORD_ORDER = Object.keys(PUBLICATION_PENALTY_WORDS);

/** 违法行为类型 of the summary (第四条) by case type. */
export const PUBLICATION_VIOLATION_TYPES: Record<string, string> = {
  trademarkInfringement: '侵犯注册商标专用权',
  patentCounterfeiting: '假冒专利',
  geographicalIndication: '违反地理标志管理规定',
  agencyViolation: '违反专利、商标代理管理规定',
  other: '其他知识产权违法行为',
};

export interface PenaltyFacts {
  penaltyKinds: readonly string[];
  /** Yuan; numeric columns arrive as strings ('12500.00'). */
  fineAmount?: number | string | null;
  confiscatedAmount?: number | string | null;
}

function amountOf(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The penalty kinds of a decision, completed from the amounts (a fine amount means a fine, even if the kind was not ticked). */
export function penaltyKindsOf(f: PenaltyFacts): string[] {
  const kinds = new Set(f.penaltyKinds);
  if ((amountOf(f.fineAmount) ?? 0) > 0) kinds.add('fine');
  if ((amountOf(f.confiscatedAmount) ?? 0) > 0) kinds.add('confiscateGains');
  return [...kinds].sort((a, b) => rank(a) - rank(b));
}

function rank(kind: string): number {
  const i = WORD_ORDER.indexOf(kind);
  return i < 0 ? WORD_ORDER.length : i;
}

/** The penalties that make a decision publishable: all kinds except the warning and the non-penalty orders. */
function publishedKinds(f: PenaltyFacts): string[] {
  return penaltyKindsOf(f).filter((k) => !(PUBLICATION_EXEMPT_KINDS as readonly string[]).includes(k));
}

/** 第二条: a penalty decision is published unless it is a warning only (orders such as 责令停止侵权 are no penalty). */
export function isPublishablePenalty(f: PenaltyFacts): boolean {
  return publishedKinds(f).length > 0;
}

// ---------- how long (第十三条) ----------

export interface PeriodInput extends PenaltyFacts {
  /**
   * 较低数额罚款: the amount (yuan) at or below which a fine counts as low. 第十三条第二款 leaves it to the provincial
   * bureau; null when the province's figure is not configured (then no fine counts as low).
   */
  lowFineThresholdYuan: number | null;
}

export interface PeriodSuggestion {
  period: PublicationPeriod;
  /** Why, in words an officer reads in the publish drawer. */
  reason: string;
}

/**
 * 第十三条第一款: 仅受到通报批评或者较低数额罚款的 → three months; other penalties → three years. A decision that also
 * confiscates goods or gains is not "only" criticism or a low fine. (第十三条第三款, restrictions longer than three years,
 * does not arise in IP cases handled here: no period type for it.)
 */
export function publicationPeriodFor(i: PeriodInput): PeriodSuggestion {
  const kinds = publishedKinds(i);
  const onlyLight = kinds.length > 0 && kinds.every((k) => k === 'publicCriticism' || k === 'fine');
  if (onlyLight && !kinds.includes('fine')) {
    return { period: 'threeMonths', reason: '仅受到通报批评，自公示之日起公示三个月（第十三条第一款）' };
  }
  if (onlyLight) {
    const fine = amountOf(i.fineAmount);
    if (i.lowFineThresholdYuan === null) {
      return { period: 'threeYears', reason: '本省“较低数额罚款”标准未配置，罚款按其他行政处罚信息公示三年（第十三条第一款）' };
    }
    if (fine !== null && fine <= i.lowFineThresholdYuan) {
      return {
        period: 'threeMonths',
        reason: `罚款${formatYuanText(fine)}，不超过本省较低数额罚款标准${formatYuanText(i.lowFineThresholdYuan)}，公示三个月（第十三条）`,
      };
    }
    return {
      period: 'threeYears',
      reason: `罚款${fine === null ? '' : formatYuanText(fine)}超过本省较低数额罚款标准${formatYuanText(i.lowFineThresholdYuan)}，公示三年（第十三条第一款）`,
    };
  }
  return { period: 'threeYears', reason: '除通报批评、较低数额罚款以外的行政处罚信息，自公示之日起公示三年（第十三条第一款）' };
}

/**
 * The last day of the publication: 自公示之日起届满三个月（三年）. The publication day is not counted (民法典 第二百零一条),
 * so the period ends on the corresponding day of the last month, or that month's last day (2026-11-30 + 3 months =
 * 2027-02-28). Not rolled to a working day: it is the end of a publication, not a time limit for anyone's act.
 * From the next day the portal no longer shows it.
 */
export function publicationExpiresOn(publishedOn: IsoDate, period: PublicationPeriod): IsoDate {
  return addMonthsIso(publishedOn, period === 'threeMonths' ? 3 : 36);
}

// ---------- personal data (第六条) ----------

/** Two-character surnames (复姓) kept whole when a name is reduced to its surname. */
export const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '钟离', '澹台', '公冶', '申屠', '太史', '端木', '赫连', '独孤', '南宫', '西门', '百里', '呼延', '万俟', '闻人', '濮阳',
  '单于', '司空', '东郭', '拓跋', '完颜', '第五', '淳于', '仲孙', '叔孙', '左丘', '梁丘', '乐正', '公羊', '谷梁', '壤驷',
];

/**
 * A natural person's name as published: the surname + 某 ('张三' → '张某', '欧阳娜娜' → '欧阳某', '买买提·艾力' → '买某').
 * The same convention courts and bureaus use for published decisions.
 */
export function redactPersonName(name: string): string {
  const c = Array.from(name.trim());
  if (c.length === 0) return '';
  if (c.length === 1) return '某';
  if (c.some((x) => x === '·' || x === '•' || x === '・')) return `${c[0]}某`;
  const two = c.slice(0, 2).join('');
  if (c.length >= 3 && COMPOUND_SURNAMES.includes(two)) return `${two}某`;
  return `${c[0]}某`;
}

/** 18-digit resident ID numbers (GB 11643: region, a birth date 18xx-20xx, sequence, check character). */
const ID_NO_RE = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** Mainland mobile numbers, also written 138 1234 1234 or 138-1234-1234. */
const MOBILE_RE = /(?<!\d)1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
/** Landlines with area code: 0538-8221234, 0538 8221234, (0538)8221234. */
const LANDLINE_RE = /(?<!\d)[(（]?0\d{2,3}[)）]?[\s-]?\d{7,8}(?!\d)/g;

export interface RedactionResult {
  text: string;
  /** What was taken out, in words for the editor ('当事人姓名 2 处'); no removed value is repeated here. */
  notes: string[];
}

export interface RedactionInput {
  /** Names of natural persons to reduce to surname + 某 (the party, if a person; others the text names). */
  personNames?: readonly string[];
  /** Exact values to mask wherever they appear (the party's decrypted ID number, phone). */
  idNos?: readonly string[];
  phones?: readonly string[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/**
 * Removes personal data from a text to be published (第六条; 个人信息保护法): the given persons' names become surname + 某,
 * ID numbers and phone numbers (the given ones and anything shaped like one) are masked as in lists (110105********002X,
 * 138****1234). Idempotent: running it on its own output changes nothing. Trade secrets are for the editor to remove.
 */
export function redactPersonalData(text: string, input: RedactionInput = {}): RedactionResult {
  let out = text;
  const notes: string[] = [];
  const count = (label: string, n: number) => {
    if (n > 0) notes.push(`${label} ${n} 处`);
  };

  let names = 0;
  // Longer names first, so '欧阳娜娜' is not cut by a shorter name that it contains.
  const persons = [...new Set((input.personNames ?? []).map((n) => n.trim()).filter((n) => Array.from(n).length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of persons) {
    const re = new RegExp(escapeRe(name), 'g');
    const redacted = redactPersonName(name);
    out = out.replace(re, () => {
      names++;
      return redacted;
    });
  }
  count('自然人姓名', names);

  let ids = 0;
  for (const idNo of input.idNos ?? []) {
    if (!idNo || idNo.length < 7) continue;
    out = out.replace(new RegExp(escapeRe(idNo), 'gi'), (m) => {
      ids++;
      return maskIdNo(m);
    });
  }
  out = out.replace(ID_NO_RE, (m) => {
    ids++;
    return maskIdNo(m);
  });
  count('身份证号码', ids);

  let phones = 0;
  for (const phone of input.phones ?? []) {
    const d = digitsOf(phone);
    if (d.length < 7) continue;
    out = out.replace(new RegExp(`(?<!\\d)${escapeRe(d)}(?!\\d)`, 'g'), (m) => {
      phones++;
      return maskPhone(m);
    });
  }
  out = out.replace(MOBILE_RE, (m) => {
    phones++;
    return maskPhone(digitsOf(m));
  });
  out = out.replace(LANDLINE_RE, (m) => {
    phones++;
    return maskPhone(m);
  });
  count('电话号码', phones);

  return { text: out, notes };
}

// ---------- texts of the summary (第四条) ----------

/** 12500 → '12,500.00元' (amounts in published texts and drawers, always with two decimals). */
export function formatYuanText(amount: number | string): string {
  const n = typeof amount === 'number' ? amount : Number(amount);
  return `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
}

/** 行政处罚内容: '责令立即停止侵权行为；没收、销毁…；罚款人民币12,500.00元。' */
export function penaltyContentText(f: PenaltyFacts): string {
  const fine = amountOf(f.fineAmount);
  const gains = amountOf(f.confiscatedAmount);
  const parts = penaltyKindsOf(f).map((k) => {
    const word = PUBLICATION_PENALTY_WORDS[k] ?? k;
    if (k === 'fine' && fine !== null) return `${word}人民币${formatYuanText(fine)}`;
    if (k === 'confiscateGains' && gains !== null) return `${word}人民币${formatYuanText(gains)}`;
    return word;
  });
  return parts.length > 0 ? `${parts.join('；')}。` : '';
}

export interface PublicationBodyInput {
  authorityName: string;
  docNo: string;
  /** As published: a person's name already reduced to surname + 某. */
  partyName: string;
  partyKind: 'organization' | 'person';
  partyUscc: string | null;
  /** As published: a person's address already masked. */
  partyAddress: string | null;
  partyLegalRep: string | null;
  caseTitle: string;
  facts: string | null;
  /** The provisions broken and the provision applied, as printed in the decision (absent: the sentence is left out). */
  violatedProvision?: string | null;
  penaltyBasis?: string | null;
  violationType: string;
  penaltyContent: string;
  decidedOn: IsoDate;
}

function cnDate(d: IsoDate): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/**
 * The published text of the decision, built from the case (第七条: the same as the decision served, apart from the
 * 第六条 redactions). The editor may change it before publishing, e.g. to take out trade secrets.
 */
export function publicationBodyText(b: PublicationBodyInput): string {
  const lines: string[] = [];
  lines.push(`${b.authorityName}`, '行政处罚决定书', b.docNo, '');
  lines.push(`当事人：${b.partyName}`);
  if (b.partyUscc) lines.push(`统一社会信用代码：${b.partyUscc}`);
  if (b.partyAddress) lines.push(`${b.partyKind === 'organization' ? '住所' : '住址'}：${b.partyAddress}`);
  if (b.partyKind === 'organization' && b.partyLegalRep) lines.push(`法定代表人（负责人）：${b.partyLegalRep}`);
  lines.push('');
  lines.push(`案由：${b.caseTitle}`);
  if (b.facts && b.facts.trim()) lines.push('', '经查明：', b.facts.trim());
  lines.push('', `当事人的上述行为属于${b.violationType}的违法行为${b.violatedProvision ? `，违反了${b.violatedProvision}的规定` : ''}。`);
  lines.push('', `${b.penaltyBasis ? `依据${b.penaltyBasis}的规定，` : ''}本机关依法作出如下行政处罚决定：${b.penaltyContent}`);
  lines.push('', `${b.authorityName}`, cnDate(b.decidedOn));
  return lines.join('\n');
}
