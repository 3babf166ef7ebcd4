/**
 * Statutory deadlines (法定期限) on top of the working-day calendar.
 *
 * Counting rules (legal-rules.md §0.3):
 * - 行政处罚法 第85条: "二日""三日""五日""七日" are working days, not counting 法定节假日; other periods are calendar days.
 * - 民事诉讼法 第85条 / 专利法实施细则 第5条: the start day is not counted; a last day that is a day off moves to the
 *   next working day; periods in months end on the corresponding day (or the month's last day).
 * - Time for 中止, 听证, 公告, 检测检验检疫鉴定, 权利人辨认或者鉴别 etc. is not counted (不计入期限): modelled as pauses.
 * - 延期 (extensions approved by the head) are added after the base period.
 *
 * Rule numbers (how many days, which unit) are data keyed by effective date (DeadlineRule), so a new regulation
 * such as SAMR Order No. 121 (2026-04-15) is a data change, not a code change.
 */
import { addMonthsIso, dayNumberToIso, isIsoDate, isoToDayNumber } from './calendar';
import type { IsoDate, WorkCalendar } from './calendar';

export type DeadlineUnit = 'workingDays' | 'calendarDays' | 'months';

/** Where a deadline comes from: 《regulation》 article, version (e.g. the amendment date) in force. */
export interface LegalBasis {
  regulation: string;
  article: string;
  version: string;
}

/** verified: read in the full official text; secondary: from secondary sources; unverified: not yet checked. */
export type RuleTrust = 'verified' | 'secondary' | 'unverified';

export interface DeadlineRule {
  /** Stable identifier of the deadline, e.g. 'complaint.acceptDecision'. */
  key: string;
  /** First day this version of the rule applies. */
  effectiveFrom: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  basis: LegalBasis;
  trust: RuleTrust;
  note?: string;
}

/**
 * The version of rule `key` in force on `on`: the one with the latest effectiveFrom ≤ on.
 * If two rows share key and effectiveFrom, the later row in the array wins.
 */
export function ruleInForce(rules: DeadlineRule[], key: string, on: IsoDate): DeadlineRule | undefined {
  if (!isIsoDate(on)) throw new RangeError(`不是有效的日期 (YYYY-MM-DD): ${String(on)}`);
  let best: DeadlineRule | undefined;
  for (const rule of rules) {
    if (rule.key !== key || rule.effectiveFrom > on) continue; // ISO strings compare like dates
    if (!best || rule.effectiveFrom >= best.effectiveFrom) best = rule;
  }
  return best;
}

/**
 * A period that is not counted (不计入期限). Half-open: days d with from ≤ d < until do not count;
 * `until` is the day the clock resumes; null = still paused.
 */
export interface Pause {
  from: IsoDate;
  until: IsoDate | null;
  reason: string;
}

/** An approved extension (延期), added after the base period in its own unit. */
export interface Extension {
  amount: number;
  unit: DeadlineUnit;
  reason: string;
  approvedBy: string;
  approvedOn: IsoDate;
}

export interface DueDateInput {
  /** The day the period starts from (not itself counted), e.g. the day a complaint was received. */
  start: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  pauses?: Pause[];
  extensions?: Extension[];
}

export interface DueDateResult {
  /** Last day of the period, or null while an open pause has stopped the clock before the due date. */
  dueOn: IsoDate | null;
  /**
   * Calendar days inside a pause between start (exclusive) and dueOn (inclusive). When dueOn is null: the paused
   * days before the open pause began (the open pause's own length is not known without today).
   */
  pausedDays: number;
  /** An open pause stopped the clock. */
  paused: boolean;
  /** The result depends on a day whose year has no official holiday notice loaded (show it as 暂定). */
  provisional: boolean;
}

/** Safety net against bad data (e.g. a calendar with no working days): about 100 years of walking. */
const MAX_STEPS = 36_600;

interface PauseSpan {
  from: number;
  until: number; // exclusive; Infinity for an open pause
}

class Walker {
  day: number;
  stopped = false;
  provisional = false;
  private steps = 0;

  constructor(
    private readonly cal: WorkCalendar,
    private readonly pauses: PauseSpan[],
    start: number,
  ) {
    this.day = start;
  }

  /** 'open' when d lies in an open pause, 'closed' in a closed one, null otherwise. */
  private pauseAt(d: number): 'open' | 'closed' | null {
    let closed = false;
    for (const p of this.pauses) {
      if (d >= p.from && d < p.until) {
        if (p.until === Infinity) return 'open';
        closed = true;
      }
    }
    return closed ? 'closed' : null;
  }

  private visit(d: number): void {
    if (++this.steps > MAX_STEPS) throw new RangeError('deadline computation did not terminate (calendar without working days?)');
    if (!this.provisional && !this.cal.isCovered(dayNumberToIso(d))) this.provisional = true;
  }

  private isWorking(d: number): boolean {
    return this.cal.isWorkingDay(dayNumberToIso(d));
  }

  /** Count `n` working days after the current day, skipping paused days. */
  workingDays(n: number): void {
    let left = n;
    while (left > 0 && !this.stopped) {
      const d = this.day + 1;
      this.visit(d);
      const p = this.pauseAt(d);
      if (p === 'open') {
        this.stopped = true;
        return;
      }
      this.day = d;
      if (p === null && this.isWorking(d)) left--;
    }
  }

  /** Count `n` calendar days after the current day, skipping paused days, then roll to a working day. */
  calendarDays(n: number): void {
    let left = n;
    while (left > 0 && !this.stopped) {
      const d = this.day + 1;
      this.visit(d);
      const p = this.pauseAt(d);
      if (p === 'open') {
        this.stopped = true;
        return;
      }
      this.day = d;
      if (p === null) left--;
    }
    this.roll();
  }

  /**
   * 民事诉讼法 第85条 / 专利法实施细则 第5条: a last day that is a day off moves to the next working day.
   * A last day inside a (closed) pause also moves on: the clock does not run on it.
   */
  roll(): void {
    while (!this.stopped) {
      const d = this.day;
      this.visit(d);
      const p = this.pauseAt(d);
      if (p === 'open') {
        this.stopped = true;
        return;
      }
      if (p === null && this.isWorking(d)) return;
      this.day = d + 1;
    }
  }

  /**
   * Months (专利法实施细则 第5条): the corresponding day n months later (or the month's last day), pushed back by
   * the calendar days paused on the way, then rolled. Equivalent to counting that many unpaused calendar days.
   */
  months(n: number): void {
    const here = dayNumberToIso(this.day);
    const target = isoToDayNumber(addMonthsIso(here, n));
    this.calendarDays(target - this.day);
  }

  apply(amount: number, unit: DeadlineUnit): void {
    if (unit === 'workingDays') this.workingDays(amount);
    else if (unit === 'calendarDays') this.calendarDays(amount);
    else if (unit === 'months') this.months(amount);
    else throw new RangeError(`unknown deadline unit: ${String(unit)}`);
  }

  /** Calendar days in (a, b] that lie in some pause. */
  pausedDaysIn(a: number, b: number): number {
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.pauseAt(d) !== null) count++;
    return count;
  }
}

function assertAmount(amount: number, what: string): void {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`${what} must be a non-negative integer: ${amount}`);
}

function toSpans(pauses: Pause[]): PauseSpan[] {
  return pauses.map((p) => {
    const from = isoToDayNumber(p.from);
    const until = p.until === null ? Infinity : isoToDayNumber(p.until);
    if (until < from) throw new RangeError(`pause ends before it starts: ${p.from} → ${String(p.until)}`);
    return { from, until };
  });
}

/**
 * The due date of a period.
 * - workingDays: the n-th working day after start that is not inside a pause.
 * - calendarDays: the n-th calendar day after start that is not inside a pause, rolled to a working day.
 * - months: addMonthsIso(start, n), extended by the calendar days paused between start and the (moving) due date,
 *   then rolled to a working day.
 * Extensions are applied afterwards, in order, each counted from the current (rolled) due date in its own unit,
 * still skipping pauses. An open pause that began on or before the running due date stops the clock:
 * dueOn = null, paused = true.
 */
export function computeDueDate(cal: WorkCalendar, input: DueDateInput): DueDateResult {
  const start = isoToDayNumber(input.start);
  assertAmount(input.amount, 'amount');
  const extensions = input.extensions ?? [];
  for (const e of extensions) assertAmount(e.amount, 'extension amount');
  const walker = new Walker(cal, toSpans(input.pauses ?? []), start);

  walker.apply(input.amount, input.unit);
  for (const e of extensions) {
    if (walker.stopped) break;
    walker.apply(e.amount, e.unit);
  }

  if (walker.stopped) {
    // walker.day is the last day before the open pause took effect.
    return { dueOn: null, pausedDays: walker.pausedDaysIn(start, walker.day), paused: true, provisional: walker.provisional };
  }
  const provisional = walker.provisional || !cal.isCovered(dayNumberToIso(walker.day));
  return {
    dueOn: dayNumberToIso(walker.day),
    pausedDays: walker.pausedDaysIn(start, walker.day),
    paused: false,
    provisional,
  };
}

/** Result of computeDueDate plus the rule version that was applied. */
export interface RuleDueDateResult extends DueDateResult {
  rule: DeadlineRule;
}

/**
 * Due date for the rule `key` in force on `start` (or on `ruleDate`, e.g. the day a case was opened).
 * Undefined when no version of the rule is in force on that day.
 */
export function computeRuleDueDate(
  cal: WorkCalendar,
  rules: DeadlineRule[],
  key: string,
  input: { start: IsoDate; ruleDate?: IsoDate; pauses?: Pause[]; extensions?: Extension[] },
): RuleDueDateResult | undefined {
  const rule = ruleInForce(rules, key, input.ruleDate ?? input.start);
  if (!rule) return undefined;
  const result = computeDueDate(cal, {
    start: input.start,
    amount: rule.amount,
    unit: rule.unit,
    pauses: input.pauses,
    extensions: input.extensions,
  });
  return { ...result, rule };
}

/** warning = 黄灯 (close to the due date), overdue = 红灯. */
export type DeadlineState = 'normal' | 'warning' | 'overdue' | 'paused' | 'done';

export interface DeadlineStateInput {
  dueOn: IsoDate | null;
  today: IsoDate;
  /** Warn when this many working days or fewer are left (0 = warn on the due day only). */
  warningWorkingDays: number;
  paused?: boolean;
  completedOn?: IsoDate | null;
}

/**
 * Working days left until dueOn: workingDaysBetween(today, dueOn) = working days d with today < d ≤ dueOn.
 * 0 on the due day; negative when overdue (minus the working days since dueOn, up to and including today).
 */
export function workingDaysLeft(cal: WorkCalendar, today: IsoDate, dueOn: IsoDate): number {
  return cal.workingDaysBetween(today, dueOn);
}

/**
 * done if completed; paused if the clock is stopped; overdue if today is after the due date (the due day itself
 * is still in time); warning if at most warningWorkingDays working days are left; else normal.
 * A deadline with no due date that is not paused (nothing to count) is 'normal'.
 */
export function deadlineState(cal: WorkCalendar, input: DeadlineStateInput): DeadlineState {
  if (input.completedOn) return 'done';
  if (input.paused) return 'paused';
  if (input.dueOn === null) return 'normal';
  if (isoToDayNumber(input.today) > isoToDayNumber(input.dueOn)) return 'overdue';
  if (workingDaysLeft(cal, input.today, input.dueOn) <= input.warningWorkingDays) return 'warning';
  return 'normal';
}

/**
 * Periods that run for a party or for the public, not for the staff: the announcement period of 公告送达 (民事诉讼法
 * 第九十五条), the party's 5 working days for 陈述、申辩 and a hearing request (行政处罚法 第六十四条), 15 days to pay a fine (行政处罚法 第六十七条), to answer (专利行政执法办法 第十一条), to sue
 * (专利法 第六十五条) or to apply for judicial confirmation (人民调解法 第三十三条). Nobody can hurry them, so the 黄灯
 * reminder is not sent; the 红灯 one is (when the period ends, the staff act: record the service, enforce the fine …).
 */
export const PARTY_PERIOD_RULE_KEYS: readonly string[] = [
  'service.announcement',
  'penalty.statementDefence',
  'penalty.finePayment',
  'adjudication.answer',
  'adjudication.lawsuitWindow',
  'mediation.judicialConfirmation',
];

/** Whether the deadline job sends a reminder for this state of a deadline of this rule. */
export function remindsOn(ruleKey: string, state: 'warning' | 'overdue'): boolean {
  return state === 'overdue' || !PARTY_PERIOD_RULE_KEYS.includes(ruleKey);
}
