/**
 * Shared bits of the portal's intake pages (我要投诉 / 我要举报 / 维权援助申请, 回执, 进度查询):
 * the kinds and their plain-language explanations, the page paths, and the receipt kept for the receipt page.
 */
import type { SubmissionKind, SubmissionReceiptDto } from '@zhichan/shared';

/** URL segment of each kind: /submit/complaint, /submit/report, /submit/assistance. */
export const KIND_SLUGS: Record<SubmissionKind, string> = {
  complaint: 'complaint',
  report: 'report',
  assistanceRequest: 'assistance',
};

export function kindFromPath(pathname: string): SubmissionKind | null {
  const slug = pathname.replace(/\/+$/, '').split('/').pop();
  const hit = (Object.entries(KIND_SLUGS) as [SubmissionKind, string][]).find(([, s]) => s === slug);
  return hit ? hit[0] : null;
}

export const submitPath = (kind: SubmissionKind) => `/submit/${KIND_SLUGS[kind]}`;
export const RECEIPT_PATH = '/submit/receipt';
export const PROGRESS_PATH = '/progress';

export interface KindInfo {
  /** Page title / button text. */
  action: string;
  /** Noun used in sentences: 投诉 / 举报 / 申请. */
  noun: string;
  /** The submitter: 投诉人 / 举报人 / 申请人. */
  person: string;
  /** The other side: 被投诉人 / 被举报人 / 侵权方. */
  other: string;
  summary: string;
  /** Plain explanation: when to choose this kind. */
  when: string[];
  /** What happens next, with the legal basis. */
  next: string;
  identity: string;
}

export const KIND_INFO: Record<SubmissionKind, KindInfo> = {
  complaint: {
    action: '我要投诉',
    noun: '投诉',
    person: '投诉人',
    other: '被投诉人',
    summary: '与自身权益相关的纠纷，需实名',
    when: [
      '您本人或本单位的合法权益受到损害，与经营者或代理机构发生纠纷，希望市场监管部门居中调解；',
      '例如：购买到假冒注册商标的商品，委托的专利代理、商标代理机构未按约定提供服务等。',
    ],
    next: '自收到投诉之日起七个工作日内作出受理或者不予受理的决定，并告知您（《市场监督管理投诉举报处理暂行办法》第十四条）。受理后经双方同意可以调解。',
    identity: '须提供真实姓名、联系电话和身份证号码（暂行办法 第九条）',
  },
  report: {
    action: '我要举报',
    noun: '举报',
    person: '举报人',
    other: '被举报人',
    summary: '反映他人违法线索，可匿名',
    when: [
      '您发现他人涉嫌违反知识产权法律法规，向市场监管部门提供线索，由执法部门依法核查处理；',
      '例如：销售假冒注册商标商品、假冒专利、擅自使用地理标志、无资质从事专利代理等。',
    ],
    next: '执法部门按照行政处罚程序核查线索、决定是否立案。实名举报的，自作出是否立案决定之日起五个工作日内告知您（暂行办法 第三十一条）。',
    identity: '可以实名，也可以匿名；匿名举报不告知处理结果',
  },
  assistanceRequest: {
    action: '维权援助申请',
    noun: '申请',
    person: '申请人',
    other: '侵权方',
    summary: '企业或权利人提出保护需求、反映维权困难',
    when: [
      '企业或权利人在知识产权保护中遇到困难，需要政府部门提供维权指导、援助或协调；',
      '例如：遭遇批量或跨地区侵权、电商平台侵权取证困难、海外维权需要指导等。',
    ],
    next: '统一受理后分派给有关部门或县（市、区）局，与您联系了解情况并提供维权指导或援助。',
    identity: '须提供经办人真实身份信息，代表企业申请的请填写企业名称和统一社会信用代码',
  },
};

/** 著作权 goes to the copyright administration (党委宣传部门/版权局), not to this bureau. */
export function copyrightReferral(cityName: string | null | undefined): string {
  const where = cityName ? `${cityName}委宣传部（市版权局）` : '当地党委宣传部门（版权局）';
  return `著作权（版权）由版权管理部门负责，不属于市场监督管理部门（知识产权局）的职责。涉及作品、软件著作权侵权或盗版的，请向${where}或文化市场综合行政执法机构反映，也可拨打 12345 政务服务便民热线咨询。`;
}

// ---------- the receipt between the form and the receipt page ----------

const RECEIPT_KEY = 'zc-submission-receipt';

/** Kept in sessionStorage (this tab only) so that a reload of the receipt page still shows it. */
export function keepReceipt(r: SubmissionReceiptDto): void {
  try {
    sessionStorage.setItem(RECEIPT_KEY, JSON.stringify(r));
  } catch {
    // private mode: the receipt is still passed in the navigation state
  }
}

export function keptReceipt(): SubmissionReceiptDto | null {
  try {
    const raw = sessionStorage.getItem(RECEIPT_KEY);
    return raw ? (JSON.parse(raw) as SubmissionReceiptDto) : null;
  } catch {
    return null;
  }
}

/** The progress page's prefill (navigation state: the lookup code never goes into the address bar). */
export interface ProgressPrefill {
  receiptNo: string;
  lookupCode?: string;
}

export function receiptPdfUrl(receiptNo: string, lookupCode: string): string {
  const q = new URLSearchParams({ receiptNo, lookupCode });
  return `/api/public/submissions/receipt.pdf?${q.toString()}`;
}

/** 12.5 MB, 800 KB … */
export function fmtBytes(n: number): string {
  if (n >= 1048576) return `${Number((n / 1048576).toFixed(1))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/**
 * A random UUID v4 for the Idempotency-Key. crypto.randomUUID exists only in secure contexts (https, localhost);
 * an intranet deployment on plain http still has crypto.getRandomValues.
 */
export function newRequestKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
