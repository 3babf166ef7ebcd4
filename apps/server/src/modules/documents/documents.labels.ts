import {
  ADJUDICATION_REJECTION_REASONS,
  LEAD_REJECTION_REASON_LIST,
  LEAD_REJECTION_REASONS,
  LEAD_TERMINATION_REASON_LIST,
  LEAD_TERMINATION_REASONS,
} from '@zhichan/shared';

/**
 * Code → text tables the documents print. The workflow tables of leads and cases (packages/shared lead-workflow.ts,
 * case-workflow.ts) own the codes; these maps only give each code the wording a 文书 needs, and stay tolerant: an
 * unknown code prints a neutral text instead of failing the document.
 */

export const CASE_TYPE_TEXT: Record<string, string> = {
  trademarkInfringement: '商标侵权',
  patentCounterfeiting: '假冒专利',
  geographicalIndication: '地理标志违法',
  agencyViolation: '代理违法',
  other: '其他违法',
};

export const LEAD_SOURCE_TEXT: Record<string, string> = {
  portal: '网上投诉举报',
  provincialPlatform: '山东省知识产权保护监管平台交办',
  hotline12315: '12315平台转办',
  inspection: '监督检查发现',
  transfer: '其他部门移送',
  superiorAssignment: '上级交办',
  onlineMonitoring: '网络监测发现',
  complaintMediation: '投诉调解中发现',
};

export const LEAD_KIND_TEXT: Record<string, string> = { complaint: '投诉', report: '举报', lead: '线索' };

export const IP_TYPE_TEXT: Record<string, string> = {
  patent: '专利',
  trademark: '商标',
  geographicalIndication: '地理标志',
  patentAgency: '专利代理',
  trademarkAgency: '商标代理',
  other: '其他',
};

/** 行政处罚法 第四十六条 证据种类. */
export const EVIDENCE_KIND_TEXT: Record<string, string> = {
  documentary: '书证',
  physical: '物证',
  audiovisual: '视听资料',
  electronic: '电子数据',
  witness: '证人证言',
  partyStatement: '当事人的陈述',
  expertOpinion: '鉴定意见',
  inspectionRecord: '勘验笔录、现场笔录',
};

export const PENALTY_KIND_TEXT: Record<string, string> = {
  warning: '警告',
  fine: '罚款',
  confiscateGains: '没收违法所得',
  confiscateGoods: '没收、销毁侵权商品和主要用于制造侵权商品、伪造注册商标标识的工具',
  orderToStop: '责令立即停止侵权行为',
  orderToCorrect: '责令改正',
};

export const DECISION_TEXT: Record<string, string> = {
  penalty: '给予行政处罚',
  noPenalty: '不予行政处罚',
  transferToPolice: '移送公安机关',
  withdrawn: '销案',
};

/** 送达方式 (行政处罚法 第六十一条; 民事诉讼法 第八十七条至第九十五条). */
export const SERVICE_METHOD_TEXT: Record<string, string> = {
  direct: '直接送达',
  electronic: '电子送达',
  mail: '邮寄送达',
  leaving: '留置送达',
  entrusted: '委托送达',
  forwarded: '转交送达',
  announcement: '公告送达',
};

export const VERIFICATION_RESULT_TEXT: Record<string, string> = { substantiated: '属实', unsubstantiated: '不属实' };

/** A label from a table, or a neutral text for an unknown code. */
export function labelOf(table: Record<string, string>, code: string | null | undefined, unknown = ''): string {
  if (!code) return unknown;
  return table[code] ?? unknown;
}

// ---------- 不予受理 and 终止调解 grounds ----------

/** One statutory ground: where it is in the article (第十五条第（一）项) and its words. */
export interface Ground {
  basis: string;
  text: string;
}

/** 暂行办法 第十五条 items by number, for codes that are not in the leads module's table (imported or older rows). */
const REJECTION_BY_ITEM = ['', ...LEAD_REJECTION_REASON_LIST.map((c) => LEAD_REJECTION_REASONS[c].label)];
const TERMINATION_BY_ITEM = ['', ...LEAD_TERMINATION_REASON_LIST.map((c) => LEAD_TERMINATION_REASONS[c].label)];

function groundOf(
  table: Record<string, { label: string; basis: string }>,
  byItem: string[],
  article: string,
  code: string | null | undefined,
): Ground | null {
  if (!code) return null;
  const known = table[code];
  if (known) return { basis: known.basis, text: known.label };
  // A code carrying its item number (3, art15_3) from an import or another system.
  const numbered = /(\d+)$/.exec(code);
  const item = numbered ? Number(numbered[1]) : NaN;
  if (item >= 1 && item < byItem.length) return { basis: `${article}${itemNumeral(item)}项`, text: byItem[item]! };
  return null;
}

/** The 暂行办法 第十五条 ground of a 不予受理 reason code (codes: LEAD_REJECTION_REASONS in lead-workflow.ts). */
export function rejectionGround(code: string | null | undefined): Ground | null {
  return groundOf(LEAD_REJECTION_REASONS, REJECTION_BY_ITEM, '第十五条第', code);
}

/** The 暂行办法 第二十一条第一款 ground of a 终止调解 reason code (LEAD_TERMINATION_REASONS). */
export function terminationGround(code: string | null | undefined): Ground | null {
  return groundOf(LEAD_TERMINATION_REASONS, TERMINATION_BY_ITEM, '第二十一条第一款第', code);
}

/**
 * 行政裁决 不予受理 grounds with where they are in 山东省专利条例 (2013) 第十八条 (the conditions of a request; 第三款 重复请求)
 * and 专利法实施细则 第九十七条 (管辖). The codes and their words are ADJUDICATION_REJECTION_REASONS (adjudication-workflow.ts).
 */
const ADJUDICATION_REJECTION_BASIS: Record<string, string | null> = {
  notInterested: '《山东省专利条例》第十八条第一款第（一）项',
  noRespondent: '《山东省专利条例》第十八条第一款第（二）项',
  noClaims: '《山东省专利条例》第十八条第一款第（三）项',
  noJurisdiction: '《山东省专利条例》第十八条第一款第（四）项、《中华人民共和国专利法实施细则》第九十七条',
  inLitigation: '《山东省专利条例》第十八条第一款第（五）项',
  repeated: '《山东省专利条例》第十八条第三款',
  patentNotInForce: null,
  other: null,
};

/** The ground of an adjudication's 不予受理 reason code; null for an unknown code (the text is then printed as given). */
export function adjudicationRejectionGround(code: string | null | undefined): { text: string; basis: string | null } | null {
  if (!code) return null;
  const text = (ADJUDICATION_REJECTION_REASONS as Record<string, string>)[code];
  return text ? { text, basis: ADJUDICATION_REJECTION_BASIS[code] ?? null } : null;
}

/** （一）…（十） for the item numbers of an article. */
export function itemNumeral(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  return `（${digits[n] ?? String(n)}）`;
}

// ---------- money ----------

/**
 * 大写金额 as financial documents write it: 12500 → 壹万贰仟伍佰元整, 1200.5 → 壹仟贰佰元伍角.
 * Works on whole fen (分) to avoid floating-point surprises.
 */
export function rmbUpper(amount: string | number): string {
  const digits = '零壹贰叁肆伍陆柒捌玖';
  const units = ['', '拾', '佰', '仟'];
  const groups = ['', '万', '亿', '万亿'];
  const fen = Math.round(Number(amount) * 100);
  if (!Number.isFinite(fen) || fen < 0) return '';
  const integer = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenDigit = fen % 10;
  let intText = '';
  if (integer === 0) intText = '';
  else {
    const s = String(integer);
    const groupCount = Math.ceil(s.length / 4);
    let zeroPending = false;
    for (let g = 0; g < groupCount; g++) {
      const end = s.length - (groupCount - 1 - g) * 4;
      const start = Math.max(0, end - 4);
      const part = s.slice(start, end).padStart(4, '0');
      let partText = '';
      for (let i = 0; i < 4; i++) {
        const d = Number(part[i]);
        if (d === 0) {
          if (partText || intText) zeroPending = true;
        } else {
          if (zeroPending) partText += '零';
          zeroPending = false;
          partText += digits[d] + units[3 - i];
        }
      }
      if (partText) intText += partText + groups[groupCount - 1 - g];
    }
    intText += '元';
  }
  if (jiao === 0 && fenDigit === 0) return intText ? `${intText}整` : '零元整';
  let out = intText;
  if (jiao > 0) out += `${digits[jiao]}角`;
  else if (intText) out += '零';
  if (fenDigit > 0) out += `${digits[fenDigit]}分`;
  return out;
}

// ---------- numbers and periods in words ----------

/** 1 → 一, 15 → 十五, 30 → 三十, 105 → 一百零五: how a 文书 writes a period (民事诉讼法 and 专利法 write 十五日). */
export function chineseNumber(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : digits[n % 10]}`;
  const units = ['', '十', '百', '千'];
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i]!;
    if (d === 0) zero = out !== '';
    else {
      if (zero) out += '零';
      zero = false;
      out += digits[d] + unit;
    }
  }
  return out;
}

/** A rule's period as a 文书 states it: 十五日, 五个工作日, 三个月. */
export function periodText(p: { amount: number; unit: 'workingDays' | 'calendarDays' | 'months' }): string {
  const n = chineseNumber(p.amount);
  if (p.unit === 'workingDays') return `${n}个工作日`;
  if (p.unit === 'months') return `${p.amount === 2 ? '两' : n}个月`;
  return `${n}日`;
}
