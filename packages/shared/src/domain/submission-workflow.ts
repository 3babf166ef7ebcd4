/**
 * Workflow of a public submission (诉求: 投诉 complaint / 举报 report / 维权援助申请 assistanceRequest) at the unified
 * intake (统一受理). 市场监督管理投诉举报处理暂行办法 第三十六条、第三十七条: one intake body registers (登记) and dispatches
 * (分送) to the competent unit. After 分派 the submission is handled as a lead (线索, lead-workflow.ts) by the county bureau:
 * the submission then only mirrors it (dispatched → inProgress once signed → closed when the lead is finished), and the
 * lead's public steps (签收, 受理, 调解, 核查, 立案 …) are written to the submission's timeline for the submitter.
 *
 * The server answers 409 ACTION_NOT_ALLOWED with `allowedSubmissionActions(status)` when an action is not in the row.
 */

export const SUBMISSION_STATUSES = {
  /** Filed online; the public 登记 step is recorded at receipt; waits for the staff's classification. */
  received: '待登记',
  /** Classified by intake staff (类别已核定); waits for dispatch (issue 4) or closing. */
  registered: '已登记',
  /** Merged into another submission as its duplicate; handled there (terminal). */
  merged: '已合并',
  /** 办结: closed with a reason the submitter sees. */
  closed: '已办结',
  /** The submitter was 不满意 with the handling: the city reviews it again. */
  reopened: '重新审查',
  /** 分派: handed to a county bureau as a lead (暂行办法 第三十七条), not yet signed there. */
  dispatched: '已分派',
  /** The county bureau (or its station) signed the lead and handles it; closed with the lead. */
  inProgress: '办理中',
} as const;
export type SubmissionStatus = keyof typeof SUBMISSION_STATUSES;
export const SUBMISSION_STATUS_LIST = Object.keys(SUBMISSION_STATUSES) as SubmissionStatus[];

export const SUBMISSION_ACTIONS = {
  /** 登记/分类 by intake staff (internal event; the public 登记 step is written at receipt). */
  register: '登记分类',
  /** Link to a related submission (both stay open). */
  link: '关联',
  /** Merge into another submission as a duplicate (this one becomes `merged`). */
  merge: '合并',
  /** 办结 with a reason (e.g. not this bureau's duty: tell the submitter where to go, 暂行办法 第二十九条). */
  close: '办结',
  /** The submitter rates the handling after closing (once). */
  rate: '评价',
  /** 分派: hand-over to the competent county bureau as a lead (暂行办法 第三十七条); only once per submission. */
  dispatch: '分派',
} as const;
export type SubmissionAction = keyof typeof SUBMISSION_ACTIONS;
export const SUBMISSION_ACTION_LIST = Object.keys(SUBMISSION_ACTIONS) as SubmissionAction[];

/** What each status allows. A status not listed for an action means 409 ACTION_NOT_ALLOWED. */
export const SUBMISSION_WORKFLOW: Record<SubmissionStatus, { actions: readonly SubmissionAction[]; next: Partial<Record<SubmissionAction, SubmissionStatus>> }> = {
  received: { actions: ['register', 'link', 'merge', 'close'], next: { register: 'registered', merge: 'merged', close: 'closed' } },
  // Dispatch needs the classification (登记分类) first: the county receives a lead of a known IP type.
  registered: { actions: ['register', 'link', 'merge', 'close', 'dispatch'], next: { register: 'registered', merge: 'merged', close: 'closed', dispatch: 'dispatched' } },
  // A reopened submission that never had a lead may be dispatched; one that had a lead is refused by the server (one lead each).
  reopened: { actions: ['register', 'link', 'merge', 'close', 'dispatch'], next: { register: 'reopened', merge: 'merged', close: 'closed', dispatch: 'dispatched' } },
  // While the lead is handled the submission follows it; only a link may still be recorded.
  dispatched: { actions: ['link'], next: {} },
  inProgress: { actions: ['link'], next: {} },
  // Rating belongs to the closed state; 不满意 moves it to `reopened` (see rateOutcome), the others keep it closed.
  closed: { actions: ['rate', 'link'], next: { rate: 'closed' } },
  merged: { actions: [], next: {} },
};

export function allowedSubmissionActions(status: SubmissionStatus): SubmissionAction[] {
  return [...(SUBMISSION_WORKFLOW[status]?.actions ?? [])];
}

export function submissionActionAllowed(status: SubmissionStatus, action: SubmissionAction): boolean {
  return SUBMISSION_WORKFLOW[status]?.actions.includes(action) ?? false;
}

/** The status after an action (the status itself when the action does not move it). */
export function nextSubmissionStatus(status: SubmissionStatus, action: SubmissionAction): SubmissionStatus {
  return SUBMISSION_WORKFLOW[status]?.next[action] ?? status;
}

// ---------- 评价 satisfaction ----------
export const SATISFACTION_LEVELS = { satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意' } as const;
export type Satisfaction = keyof typeof SATISFACTION_LEVELS;
export const SATISFACTION_LIST = Object.keys(SATISFACTION_LEVELS) as Satisfaction[];

/** Status after a rating: 不满意 reopens review by the city; the others leave it closed. */
export function rateOutcome(satisfaction: Satisfaction): SubmissionStatus {
  return satisfaction === 'dissatisfied' ? 'reopened' : 'closed';
}

// ---------- 时间轴 events ----------
/**
 * Event kinds of the append-only action log. `public` ones are shown on the portal's progress page (with their
 * Chinese title); the others are internal to the back office.
 */
export const SUBMISSION_EVENTS = {
  receive: { title: '登记', public: true },
  classify: { title: '登记分类', public: false },
  dispatch: { title: '分派', public: true },
  sign: { title: '签收', public: true },
  return: { title: '退回', public: false },
  accept: { title: '受理', public: true },
  reject: { title: '不予受理', public: true },
  mediation: { title: '调解', public: true },
  terminateMediation: { title: '终止调解', public: true },
  verify: { title: '核查', public: true },
  fileCase: { title: '立案', public: true },
  declineCase: { title: '不予立案', public: true },
  caseDecision: { title: '处理决定', public: true },
  link: { title: '关联', public: false },
  merge: { title: '合并办理', public: true },
  mergedFrom: { title: '并入重复件', public: false },
  close: { title: '办结', public: true },
  rate: { title: '评价', public: true },
  reopen: { title: '重新审查', public: true },
} as const satisfies Record<string, { title: string; public: boolean }>;
export type SubmissionEventKind = keyof typeof SUBMISSION_EVENTS;
export const SUBMISSION_EVENT_LIST = Object.keys(SUBMISSION_EVENTS) as SubmissionEventKind[];

// ---------- 疑似重复 duplicate detection ----------
/** Legal-form and shop suffixes that do not distinguish one respondent from another (longest first). */
export const RESPONDENT_NAME_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '分公司', '公司', '旗舰店', '专卖店', '专营店', '商行', '店'] as const;

/**
 * Normalises a respondent name for duplicate detection: NFKC (full-width → half-width), lower case, strips spaces and
 * punctuation, brackets such as （泰安）, and one trailing legal-form suffix. '某某科技有限公司' and '某某科技 公司' both become
 * '某某科技'. A name that would become empty keeps its stripped form.
 */
export function normalizeRespondentName(name: string): string {
  const base = name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  for (const suffix of RESPONDENT_NAME_SUFFIXES) {
    if (base.endsWith(suffix) && base.length > suffix.length) return base.slice(0, base.length - suffix.length);
  }
  return base;
}

/** The set of character bigrams of a normalised name (a one-character name is its own single gram), sorted. */
export function nameBigrams(norm: string): string[] {
  const chars = Array.from(norm);
  if (chars.length === 0) return [];
  if (chars.length === 1) return [chars[0]!];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return [...set].sort();
}

/** Sørensen–Dice coefficient of two bigram sets: 2|A∩B| / (|A|+|B|), 0..1. */
export function diceSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  let common = 0;
  for (const g of setA) if (setB.has(g)) common++;
  return (2 * common) / (setA.size + setB.size);
}

/** Threshold above which two respondent names (same IP type) are flagged as possibly the same respondent. */
export const DUPLICATE_NAME_SIMILARITY = 0.8;

/** Whether two respondent names are close: equal after normalisation, or bigram Dice ≥ 0.8. */
export function respondentNamesClose(a: string, b: string): { close: boolean; similarity: number } {
  const na = normalizeRespondentName(a);
  const nb = normalizeRespondentName(b);
  if (na === nb) return { close: true, similarity: 1 };
  const similarity = diceSimilarity(nameBigrams(na), nameBigrams(nb));
  return { close: similarity >= DUPLICATE_NAME_SIMILARITY, similarity };
}

/**
 * Index-friendly candidate filter for the Dice threshold 0.8 on bigram sets. With |A| = n, a set B with
 * Dice(A, B) ≥ 0.8 shares at least k = ⌈2n/3⌉ of A's bigrams and has between ⌈2n/3⌉ and ⌊1.5n⌋ of its own
 * (2c/(n+m) ≥ 0.8 with c ≤ min(n, m)). So B contains one of these groups entirely: every k-subset of A when there are
 * few, otherwise one of n−k+1 disjoint groups partitioning A (pigeonhole: B misses at most n−k bigrams of A).
 * The database answers `bigrams @> group` from the GIN index; the exact Dice is then computed on the few candidates.
 *
 * Which bigram goes into which group does not change the guarantee, only how many candidates a group lets through
 * (and the database returns at most 200 per query). Region and trade bigrams (泰安, 科技, 商贸…) are shared by thousands
 * of names, the 字号's are rare: given how often each bigram occurs (`frequency`, e.g. counted over recent
 * submissions), each group starts with one of the n−k+1 rarest, so that no group is made only of common bigrams
 * ({农业, 科技} would match a twelfth of a city's submissions).
 */
export function bigramCandidateFilter(bigrams: readonly string[], frequency?: (bigram: string) => number): { groups: string[][]; minSize: number; maxSize: number } {
  const a = [...new Set(bigrams)].sort();
  const n = a.length;
  if (n === 0) return { groups: [], minSize: 0, maxSize: 0 };
  const k = Math.ceil((2 * n) / 3 - 1e-9);
  const out = { minSize: k, maxSize: Math.floor(1.5 * n + 1e-9) };
  const subsets: string[][] = [];
  const choose = (start: number, picked: string[]) => {
    if (subsets.length > 8) return;
    if (picked.length === k) {
      subsets.push([...picked]);
      return;
    }
    for (let i = start; i < n; i++) choose(i + 1, [...picked, a[i]!]);
  };
  choose(0, []);
  if (subsets.length <= 8) return { groups: subsets, ...out };
  const g = n - k + 1;
  const groups: string[][] = Array.from({ length: g }, () => []);
  const order = frequency ? [...a].sort((x, y) => frequency(x) - frequency(y)) : a; // stable: ties stay sorted
  order.forEach((x, i) => groups[i % g]!.push(x));
  return { groups: groups.map((grp) => grp.sort()), ...out };
}
