/**
 * Working-day calendar for mainland China (法定工作日, with 调休).
 *
 * Pure code: no clock, no I/O. Dates are plain 'YYYY-MM-DD' strings and all arithmetic is done on
 * day numbers (days since 1970-01-01) with integer civil-calendar formulas, so the result never depends
 * on the server's time zone.
 *
 * The official holiday data are the State Council (国务院办公厅) notices as published in the holiday-cn
 * files (apps/server/seed/holiday-cn/<year>.json): only the days that differ from an ordinary Mon–Fri week.
 */

/** A calendar date written 'YYYY-MM-DD' (no time, no zone). */
export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatCivil(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Strict check: exactly 'YYYY-MM-DD' and a real calendar date (2023-02-29 is false). Years 0001-9999. */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(d: IsoDate): [number, number, number] {
  if (!isIsoDate(d)) throw new RangeError(`不是有效的日期 (YYYY-MM-DD): ${String(d)}`);
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

/** Day number (days since 1970-01-01) of an IsoDate; throws RangeError on an invalid date. */
export function isoToDayNumber(d: IsoDate): number {
  const [y, m, day] = parts(d);
  return daysFromCivil(y, m, day);
}

/** IsoDate of a day number (days since 1970-01-01). */
export function dayNumberToIso(n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`day number must be an integer: ${n}`);
  const [y, m, d] = civilFromDays(n);
  return formatCivil(y, m, d);
}

/** d + n calendar days (n may be negative). */
export function addDaysIso(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return dayNumberToIso(isoToDayNumber(d) + n);
}

/** Negative when a is before b, 0 when equal, positive when after (usable as an Array.sort comparator). */
export function compareIso(a: IsoDate, b: IsoDate): number {
  const x = isoToDayNumber(a);
  const y = isoToDayNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a − b in calendar days, like dayjs(a).diff(b, 'day'): diffDaysIso('2024-03-01', '2024-02-28') === 2. */
export function diffDaysIso(a: IsoDate, b: IsoDate): number {
  return isoToDayNumber(a) - isoToDayNumber(b);
}

function weekdayOfDayNumber(n: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((n + 4) % 7) + 7) % 7;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayIso(d: IsoDate): number {
  return weekdayOfDayNumber(isoToDayNumber(d));
}

/**
 * The corresponding day n months later (n may be negative), or that month's last day when the month has
 * no such day: 2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month = 2023-02-28.
 * Not rolled to a working day; WorkCalendar.addMonths does that.
 */
export function addMonthsIso(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer: ${n}`);
  const [y, m, day] = parts(d);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  if (ny < 1 || ny > 9999) throw new RangeError(`date out of range: ${d} + ${n} months`);
  return formatCivil(ny, nm, Math.min(day, daysInMonth(ny, nm)));
}

/** One day that differs from an ordinary Mon–Fri week. */
export interface CalendarDay {
  date: IsoDate;
  /** true: a holiday day off (放假); false: a weekend day that is a 调休 working day (上班). */
  isOffDay: boolean;
  /** Festival name from the notice, e.g. '春节'. */
  name: string;
}

/** Shape of one holiday-cn file (extra fields such as papers[] are ignored). */
export interface HolidayYearFile {
  year: number;
  days: { name: string; date: string; isOffDay: boolean }[];
}

/**
 * Merge holiday-cn files into one sorted list. A file is keyed by the year of its notice, not by the year of
 * its dates (2019.json holds 2018-12-29..31), so all files are merged and deduplicated by date. If two files
 * disagree about a date, the file whose `year` equals the date's year wins; otherwise the later notice wins.
 */
export function mergeHolidayYears(files: HolidayYearFile[]): CalendarDay[] {
  const chosen = new Map<IsoDate, { day: CalendarDay; fileYear: number }>();
  for (const file of files) {
    for (const raw of file.days) {
      if (!isIsoDate(raw.date)) throw new RangeError(`holiday file ${file.year}: bad date ${String(raw.date)}`);
      const day: CalendarDay = { date: raw.date, isOffDay: Boolean(raw.isOffDay), name: raw.name };
      const prev = chosen.get(raw.date);
      if (!prev) {
        chosen.set(raw.date, { day, fileYear: file.year });
        continue;
      }
      const dateYear = Number(raw.date.slice(0, 4));
      const prevOwns = prev.fileYear === dateYear;
      const thisOwns = file.year === dateYear;
      if (thisOwns && !prevOwns) chosen.set(raw.date, { day, fileYear: file.year });
      else if (thisOwns === prevOwns && file.year > prev.fileYear) chosen.set(raw.date, { day, fileYear: file.year });
    }
  }
  return [...chosen.values()].map((c) => c.day).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjustedWorkday';

export interface DayExplanation {
  date: IsoDate;
  workingDay: boolean;
  /** workday: ordinary Mon–Fri; weekend: ordinary Sat/Sun; holiday: 法定节假日 day off; adjustedWorkday: 调休上班. */
  kind: DayKind;
  /** Festival name when the day is listed in a notice. */
  name?: string;
  /**
   * false when no official notice covers the date (its year has not been loaded): the answer then uses
   * weekends only and callers must show it as provisional (暂定).
   */
  covered: boolean;
}

export interface WorkCalendarOptions {
  /** Years for which an official notice has been loaded (for holiday-cn: the `year` of each file). */
  coveredYears: number[];
}

/**
 * Working-day calendar built from official notices.
 *
 * A date listed in a notice uses the notice (even if its year is not in coveredYears, e.g. 2018-12-29 from the
 * 2019 notice). Any other date is a working day iff it is Mon–Fri; it is `covered` only if its year is in
 * coveredYears (an uncovered year may still have holidays that nobody has announced yet).
 */
export class WorkCalendar {
  readonly coveredYears: ReadonlySet<number>;
  /** day number → the notice's entry, only for listed days. */
  private readonly overrides = new Map<number, CalendarDay>();
  /** Sorted day numbers of listed days whose status differs from the weekday rule, with prefix sums of the correction. */
  private readonly corrDays: number[] = [];
  private readonly corrPrefix: number[] = [0];

  constructor(days: CalendarDay[], options: WorkCalendarOptions) {
    this.coveredYears = new Set(options.coveredYears);
    for (const day of days) this.overrides.set(isoToDayNumber(day.date), day);
    const corr: [number, number][] = [];
    for (const [n, day] of this.overrides) {
      const weekend = isWeekendDayNumber(n);
      if (day.isOffDay && !weekend) corr.push([n, -1]);
      else if (!day.isOffDay && weekend) corr.push([n, 1]);
    }
    corr.sort((a, b) => a[0] - b[0]);
    for (const [n, delta] of corr) {
      this.corrDays.push(n);
      this.corrPrefix.push(this.corrPrefix[this.corrPrefix.length - 1] + delta);
    }
  }

  /** Is the year of d covered by a loaded notice (or d itself listed in one)? */
  isCovered(d: IsoDate): boolean {
    const n = isoToDayNumber(d);
    return this.overrides.has(n) || this.coveredYears.has(Number(d.slice(0, 4)));
  }

  /** Working day on a day number; internal fast path. */
  private working(n: number): boolean {
    const o = this.overrides.get(n);
    return o ? !o.isOffDay : !isWeekendDayNumber(n);
  }

  isWorkingDay(d: IsoDate): boolean {
    return this.working(isoToDayNumber(d));
  }

  explain(d: IsoDate): DayExplanation {
    const n = isoToDayNumber(d);
    const o = this.overrides.get(n);
    const covered = this.isCovered(d);
    if (o) {
      if (o.isOffDay) return { date: d, workingDay: false, kind: 'holiday', name: o.name, covered };
      // A notice may list an ordinary weekday as 上班 (2020.json lists Monday 2020-02-03): only a weekend day
      // turned into a working day is a 调休 adjusted workday.
      return { date: d, workingDay: true, kind: isWeekendDayNumber(n) ? 'adjustedWorkday' : 'workday', name: o.name, covered };
    }
    return isWeekendDayNumber(n)
      ? { date: d, workingDay: false, kind: 'weekend', covered }
      : { date: d, workingDay: true, kind: 'workday', covered };
  }

  /** The first working day strictly after d. */
  nextWorkingDay(d: IsoDate): IsoDate {
    let n = isoToDayNumber(d) + 1;
    while (!this.working(n)) n++;
    return dayNumberToIso(n);
  }

  /** The last working day strictly before d. */
  previousWorkingDay(d: IsoDate): IsoDate {
    let n = isoToDayNumber(d) - 1;
    while (!this.working(n)) n--;
    return dayNumberToIso(n);
  }

  /** d itself if it is a working day, else the next working day. */
  rollToWorkingDay(d: IsoDate): IsoDate {
    let n = isoToDayNumber(d);
    while (!this.working(n)) n++;
    return dayNumberToIso(n);
  }

  /**
   * The n-th working day after start; the start day itself is not counted (期间开始的日不计算在期间内,
   * 民事诉讼法 第85条; 行政处罚法 第85条 "二日、三日、五日、七日" are working days). n = 0 returns start.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    assertCount(n);
    let day = isoToDayNumber(start);
    let left = n;
    while (left > 0) {
      day++;
      if (this.working(day)) left--;
    }
    return dayNumberToIso(day);
  }

  /**
   * start + n calendar days; if that last day is a day off, the period ends on the next working day.
   * 民事诉讼法 第85条: 期间开始的时和日，不计算在期间内; 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期.
   * 专利法实施细则 第5条 has the same rule for patent periods.
   */
  addCalendarDays(start: IsoDate, n: number): IsoDate {
    assertCount(n);
    return this.rollToWorkingDay(addDaysIso(start, n));
  }

  /**
   * Periods counted in months (专利法实施细则 第5条): the corresponding day of the last month, or that month's last
   * day when there is no such day; a last day that is a day off moves to the next working day.
   */
  addMonths(start: IsoDate, n: number): IsoDate {
    assertCount(n);
    return this.rollToWorkingDay(addMonthsIso(start, n));
  }

  /**
   * Number of working days d with a < d ≤ b. Antisymmetric: when b < a the result is −workingDaysBetween(b, a),
   * so workingDaysBetween(today, dueOn) is negative once a deadline has passed.
   * O(log k) with a closed-form weekday count plus prefix sums of the notice corrections.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const x = isoToDayNumber(a);
    const y = isoToDayNumber(b);
    if (y < x) return -this.workingCountUpTo(x) + this.workingCountUpTo(y);
    return this.workingCountUpTo(y) - this.workingCountUpTo(x);
  }

  /** Working days in (−∞ anchor, n], up to a constant: only differences are meaningful. */
  private workingCountUpTo(n: number): number {
    return weekdaysUpTo(n) + this.corrPrefix[upperBound(this.corrDays, n)];
  }
}

/**
 * Build a calendar from holiday-cn files. A file with no days (upstream publishes an empty <year>.json before the
 * notice is out) does not make its year covered.
 */
export function workCalendarFromHolidayFiles(files: HolidayYearFile[]): WorkCalendar {
  return new WorkCalendar(mergeHolidayYears(files), {
    coveredYears: files.filter((f) => f.days.length > 0).map((f) => f.year),
  });
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`count must be a non-negative integer: ${n}`);
}

function isWeekendDayNumber(n: number): boolean {
  const w = weekdayOfDayNumber(n);
  return w === 0 || w === 6;
}

/** Mon–Fri days in [anchor, n] relative to the Monday 1970-01-05 (day 4); negative below it. Only differences matter. */
function weekdaysUpTo(n: number): number {
  const t = n - 4; // days since Monday 1970-01-05
  const weeks = Math.floor(t / 7);
  const rem = t - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(rem + 1, 5);
}

/** Number of elements ≤ x in a sorted array. */
function upperBound(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
