import { IP_TYPES, SUBMISSION_KINDS, type SubmissionKind } from '@zhichan/shared';

/**
 * The statutory (or promised) next step after receipt, per kind, with the deadline rule it is counted by.
 * 市场监督管理投诉举报处理暂行办法 第十四条: 投诉 — decide on acceptance within 7 working days of receipt;
 * 市场监督管理行政处罚程序规定 第十八条: 举报 (a lead) — verify within 15 working days;
 * 维权援助申请 — the bureau's service promise (rule 'assistance.response', migration 0005, not a statutory period).
 */
export const NEXT_STEP: Record<SubmissionKind, { ruleKey: string; deadlineTitle: string; text: string }> = {
  complaint: { ruleKey: 'complaint.acceptance', deadlineTitle: '投诉受理决定', text: '作出受理或者不予受理的决定并告知您' },
  report: { ruleKey: 'lead.verification', deadlineTitle: '举报线索核查', text: '对举报线索进行核查并决定是否立案' },
  assistanceRequest: { ruleKey: 'assistance.response', deadlineTitle: '维权援助申请答复', text: '与您联系并答复维权援助安排' },
};

/** Who the respondent is called on forms and receipts, per kind. */
export const RESPONDENT_LABEL: Record<SubmissionKind, string> = {
  complaint: '被投诉人',
  report: '被举报人',
  assistanceRequest: '侵权方（对方当事人）',
};

export function kindLabel(kind: SubmissionKind): string {
  return SUBMISSION_KINDS[kind];
}

export function ipTypeLabel(ipType: keyof typeof IP_TYPES): string {
  return IP_TYPES[ipType];
}

/** 《办法》第十四条, or the plain name of a non-statutory promise. */
export function basisText(rule: { regulation: string; article: string }): string {
  if (rule.article === '服务承诺' || rule.article === '—') return `${rule.regulation}（非法定期限）`;
  return `《${rule.regulation}》${rule.article}`;
}

/** 'YYYY-MM-DD HH:mm' in China time (UTC+8) for receipts and messages. */
export function chinaDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** '2026年12月1日' */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const PRIVACY_NOTE =
  '您提交的姓名、联系电话、身份证号码等个人信息经加密保存，仅用于办理本件并依法保密，不会向被投诉（举报）人或无关人员提供（《市场监督管理投诉举报处理暂行办法》第三十三条）。';
