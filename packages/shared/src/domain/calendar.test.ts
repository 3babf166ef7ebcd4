import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  addMonthsIso,
  compareIso,
  dayNumberToIso,
  diffDaysIso,
  isIsoDate,
  isoToDayNumber,
  mergeHolidayYears,
  WorkCalendar,
  weekdayIso,
  workCalendarFromHolidayFiles,
  type HolidayYearFile,
} from './calendar';

// ------------------------------------------------------------------------------------------------
// Real data: the holiday-cn files (State Council notices), read from the server seed folder.
// ------------------------------------------------------------------------------------------------
const holidayDir = fileURLToPath(new URL('../../../../apps/server/seed/holiday-cn/', import.meta.url));
const files: HolidayYearFile[] = readdirSync(holidayDir)
  .filter((f) => /^\d{4}\.json$/.test(f))
  .sort()
  .map((f) => JSON.parse(readFileSync(holidayDir + f, 'utf8')) as HolidayYearFile);
const cal = workCalendarFromHolidayFiles(files);

// ------------------------------------------------------------------------------------------------
// Independent oracle: uses JS Date in UTC and the raw JSON entries, walking day by day. It shares no
// code with calendar.ts.
// ------------------------------------------------------------------------------------------------
const rawOff = new Map<string, boolean>();
for (const f of files) for (const d of f.days) rawOff.set(d.date, d.isOffDay);

function oracleNext(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
function oracleWorking(iso: string): boolean {
  const listed = rawOff.get(iso);
  if (listed !== undefined) return !listed;
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6; // 2027 and other unlisted days: weekends only
}
function oracleAddWorkingDays(start: string, n: number): string {
  let d = start;
  let left = n;
  while (left > 0) {
    d = oracleNext(d);
    if (oracleWorking(d)) left--;
  }
  return d;
}
function oracleAddCalendarDays(start: string, n: number): string {
  let d = start;
  for (let i = 0; i < n; i++) d = oracleNext(d);
  while (!oracleWorking(d)) d = oracleNext(d);
  return d;
}
function oracleAddMonths(start: string, n: number): string {
  const [y, m, day] = start.split('-').map(Number);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, lastDay));
  let d = firstOfTarget.toISOString().slice(0, 10);
  while (!oracleWorking(d)) d = oracleNext(d);
  return d;
}
function allDates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = oracleNext(d)) out.push(d);
  return out;
}

describe('date helpers (UTC string arithmetic)', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    [' 2024-01-01', false],
    ['', false],
  ])('isIsoDate(%j) = %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-31', -31, '2024-02-29'],
    ['2019-01-01', 2921, '2026-12-31'],
  ])('addDaysIso(%s, %i) = %s', (d, n, expected) => {
    expect(addDaysIso(d, n)).toBe(expected);
  });

  it.each([
    ['2024-03-01', '2024-02-28', 2],
    ['2024-02-28', '2024-03-01', -2],
    ['2026-12-31', '2019-01-01', 2921],
    ['2024-05-05', '2024-05-05', 0],
  ])('diffDaysIso(%s, %s) = %i (a − b)', (a, b, expected) => {
    expect(diffDaysIso(a, b)).toBe(expected);
  });

  it('compareIso sorts dates', () => {
    expect(['2024-10-01', '2019-01-01', '2024-02-29'].sort(compareIso)).toEqual(['2019-01-01', '2024-02-29', '2024-10-01']);
    expect(compareIso('2024-01-01', '2024-01-01')).toBe(0);
  });

  it.each([
    ['1970-01-01', 4],
    ['2024-10-01', 2],
    ['2026-02-14', 6],
    ['2026-02-15', 0],
    ['1949-10-01', 6],
  ])('weekdayIso(%s) = %i', (d, expected) => {
    expect(weekdayIso(d)).toBe(expected);
  });

  it('day numbers round-trip and agree with Date.UTC for every day 1900–2100', () => {
    const bad: string[] = [];
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const n = isoToDayNumber(iso);
      if (n !== t / 86_400_000 || dayNumberToIso(n) !== iso || weekdayIso(iso) !== new Date(t).getUTCDay()) bad.push(iso);
    }
    expect(bad).toEqual([]);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-08-15', 6, '2025-02-15'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-11-30', 3, '2025-02-28'],
  ])('addMonthsIso(%s, %i) = %s (no roll)', (d, n, expected) => {
    expect(addMonthsIso(d, n)).toBe(expected);
  });

  it('throws on invalid dates instead of guessing', () => {
    expect(() => addDaysIso('2023-02-29', 1)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2024/01/01')).toThrow(RangeError);
  });
});

describe('mergeHolidayYears', () => {
  it('merges the holiday-cn files: dates from the next year\'s notice are kept, sorted, no duplicates', () => {
    const merged = mergeHolidayYears(files);
    const dates = merged.map((d) => d.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(merged.length).toBe(678); // SOURCES.md: 20 files holding 678 day entries, none duplicated
    expect(merged.find((d) => d.date === '2018-12-29')).toEqual({ date: '2018-12-29', isOffDay: false, name: '元旦' });
    expect(merged.find((d) => d.date === '2022-12-31')).toEqual({ date: '2022-12-31', isOffDay: true, name: '元旦' });
  });

  it('on a conflict, the file whose year equals the date\'s year wins, whatever the order', () => {
    const a: HolidayYearFile = { year: 2030, days: [{ name: 'X', date: '2029-12-31', isOffDay: true }] };
    const b: HolidayYearFile = { year: 2029, days: [{ name: 'Y', date: '2029-12-31', isOffDay: false }] };
    expect(mergeHolidayYears([a, b])).toEqual([{ date: '2029-12-31', isOffDay: false, name: 'Y' }]);
    expect(mergeHolidayYears([b, a])).toEqual([{ date: '2029-12-31', isOffDay: false, name: 'Y' }]);
  });

  it('the raw files never disagree with each other (so the oracle below may use any of them)', () => {
    const seen = new Map<string, boolean>();
    const conflicts: string[] = [];
    for (const f of files) {
      for (const d of f.days) {
        if (seen.has(d.date) && seen.get(d.date) !== d.isOffDay) conflicts.push(d.date);
        seen.set(d.date, d.isOffDay);
      }
    }
    expect(conflicts).toEqual([]);
  });
});

describe('WorkCalendar against an independent day-by-day oracle (every date 2019-01-01 … 2026-12-31)', () => {
  const dates = allDates('2019-01-01', '2026-12-31');

  it('covers 2922 start dates', () => {
    expect(dates.length).toBe(2922);
  });

  it.each([1, 5, 7, 15])('addWorkingDays(d, %i) for every start date', (n) => {
    const mismatches: string[] = [];
    for (const d of dates) {
      const got = cal.addWorkingDays(d, n);
      const want = oracleAddWorkingDays(d, n);
      if (got !== want) mismatches.push(`${d}+${n}WD: got ${got}, want ${want}`);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([15, 30])('addCalendarDays(d, %i) for every start date', (n) => {
    const mismatches: string[] = [];
    for (const d of dates) {
      const got = cal.addCalendarDays(d, n);
      const want = oracleAddCalendarDays(d, n);
      if (got !== want) mismatches.push(`${d}+${n}CD: got ${got}, want ${want}`);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([1, 2, 6])('addMonths(d, %i) for every start date', (n) => {
    const mismatches: string[] = [];
    for (const d of dates) {
      const got = cal.addMonths(d, n);
      const want = oracleAddMonths(d, n);
      if (got !== want) mismatches.push(`${d}+${n}M: got ${got}, want ${want}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('isWorkingDay and workingDaysBetween(d, d+k) for every date, k = 0 … 40', () => {
    const mismatches: string[] = [];
    for (const d of dates) {
      if (cal.isWorkingDay(d) !== oracleWorking(d)) mismatches.push(`isWorkingDay ${d}`);
      let count = 0;
      let e = d;
      for (let k = 0; k <= 40; k++) {
        if (k > 0) {
          e = oracleNext(e);
          if (oracleWorking(e)) count++;
        }
        if (cal.workingDaysBetween(d, e) !== count) mismatches.push(`between ${d} ${e}`);
        if (cal.workingDaysBetween(e, d) !== -count) mismatches.push(`between ${e} ${d}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('nextWorkingDay / rollToWorkingDay / previousWorkingDay for every date', () => {
    const mismatches: string[] = [];
    for (const d of dates) {
      if (cal.nextWorkingDay(d) !== oracleAddWorkingDays(d, 1)) mismatches.push(`next ${d}`);
      if (cal.rollToWorkingDay(d) !== oracleAddCalendarDays(d, 0)) mismatches.push(`roll ${d}`);
      const prev = cal.previousWorkingDay(d);
      if (!(prev < d && oracleWorking(prev) && oracleAddWorkingDays(prev, 1) >= d)) mismatches.push(`prev ${d}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('hand-checked cases around 春节 and 国庆, 2019–2026 (dates read from the notices in holiday-cn)', () => {
  // [year, what, start, n, expected]. "last WD" is the last working day before the holiday; the holiday days are
  // listed in the comment after each row as they appear in <year>.json.
  const workingDayCases: [string, string, number, string][] = [
    // 2019 春节: 班 02-02(六) 02-03(日); 休 02-04(一)–02-10(日)
    ['2019 春节: Fri before → Sat 调休', '2019-02-01', 1, '2019-02-02'],
    ['2019 春节: last WD (Sun 02-03) + 1', '2019-02-03', 1, '2019-02-11'],
    // 2019 国庆: 班 09-29(日) 10-12(六); 休 10-01(二)–10-07(一)
    ['2019 国庆: last WD + 1', '2019-09-30', 1, '2019-10-08'],
    ['2019 国庆: Fri 09-27 + 1 → Sun 调休 09-29', '2019-09-27', 1, '2019-09-29'],
    ['2019 国庆: Fri 10-11 + 1 → Sat 调休 10-12', '2019-10-11', 1, '2019-10-12'],
    // 2020 春节 (extended by the 2020-01-26 notice): 班 01-19(日); 休 01-24(五)–02-02(日)
    ['2020 春节: Fri 01-17 + 1 → Sun 调休 01-19', '2020-01-17', 1, '2020-01-19'],
    ['2020 春节: last WD (Thu 01-23) + 1', '2020-01-23', 1, '2020-02-03'],
    // 2020 国庆+中秋: 班 09-27(日) 10-10(六); 休 10-01(四)–10-08(四)
    ['2020 国庆: last WD + 1', '2020-09-30', 1, '2020-10-09'],
    ['2020 国庆: Fri 10-09 + 1 → Sat 调休 10-10', '2020-10-09', 1, '2020-10-10'],
    // 2021 春节: 班 02-07(日) 02-20(六); 休 02-11(四)–02-17(三)
    ['2021 春节: Fri 02-05 + 1 → Sun 调休 02-07', '2021-02-05', 1, '2021-02-07'],
    ['2021 春节: last WD (Wed 02-10) + 1', '2021-02-10', 1, '2021-02-18'],
    // 2021 国庆: 班 09-26(日) 10-09(六); 休 10-01(五)–10-07(四)
    ['2021 国庆: last WD + 1', '2021-09-30', 1, '2021-10-08'],
    ['2021 国庆: Fri 10-08 + 1 → Sat 调休 10-09', '2021-10-08', 1, '2021-10-09'],
    // 2022 春节: 班 01-29(六) 01-30(日); 休 01-31(一)–02-06(日)
    ['2022 春节: Fri 01-28 + 1 → Sat 调休 01-29', '2022-01-28', 1, '2022-01-29'],
    ['2022 春节: last WD (Sun 01-30) + 1', '2022-01-30', 1, '2022-02-07'],
    // 2022 国庆: 休 10-01(六)–10-07(五); 班 10-08(六) 10-09(日)
    ['2022 国庆: last WD (Fri 09-30) + 1 → Sat 调休 10-08', '2022-09-30', 1, '2022-10-08'],
    ['2022 国庆: last WD + 3', '2022-09-30', 3, '2022-10-10'],
    // 2023 春节: 休 01-21(六)–01-27(五); 班 01-28(六) 01-29(日)
    ['2023 春节: last WD (Fri 01-20) + 1 → Sat 调休 01-28', '2023-01-20', 1, '2023-01-28'],
    ['2023 春节: last WD + 3', '2023-01-20', 3, '2023-01-30'],
    // 2023 中秋国庆: 休 09-29(五)–10-06(五); 班 10-07(六) 10-08(日)
    ['2023 国庆: last WD (Thu 09-28) + 1 → Sat 调休 10-07', '2023-09-28', 1, '2023-10-07'],
    ['2023 国庆: last WD + 5', '2023-09-28', 5, '2023-10-11'],
    // 2024 春节: 班 02-04(日); 休 02-10(六)–02-17(六); 班 02-18(日)
    ['2024 春节: Fri 02-02 + 1 → Sun 调休 02-04', '2024-02-02', 1, '2024-02-04'],
    ['2024 春节: last WD (Fri 02-09) + 1 → Sun 调休 02-18', '2024-02-09', 1, '2024-02-18'],
    // 2024 国庆: 班 09-29(日) 10-12(六); 休 10-01(二)–10-07(一)
    ['2024 国庆: last WD (Mon 09-30) + 1', '2024-09-30', 1, '2024-10-08'],
    ['2024 国庆: Fri 09-27 + 1 → Sun 调休 09-29', '2024-09-27', 1, '2024-09-29'],
    // 2025 春节: 班 01-26(日); 休 01-28(二)–02-04(二); 班 02-08(六)
    ['2025 春节: Fri 01-24 + 1 → Sun 调休 01-26', '2025-01-24', 1, '2025-01-26'],
    ['2025 春节: last WD (Mon 01-27) + 1', '2025-01-27', 1, '2025-02-05'],
    ['2025 春节: last WD + 4 → Sat 调休 02-08', '2025-01-27', 4, '2025-02-08'],
    // 2025 国庆+中秋: 班 09-28(日) 10-11(六); 休 10-01(三)–10-08(三)
    ['2025 国庆: last WD (Tue 09-30) + 1', '2025-09-30', 1, '2025-10-09'],
    ['2025 国庆: Fri 09-26 + 1 → Sun 调休 09-28', '2025-09-26', 1, '2025-09-28'],
    // 2026 春节: 班 02-14(六); 休 02-15(日)–02-23(一); 班 02-28(六)
    ['2026 春节: Fri 02-13 + 1 → Sat 调休 02-14', '2026-02-13', 1, '2026-02-14'],
    ['2026 春节: last WD (Sat 02-14) + 1', '2026-02-14', 1, '2026-02-24'],
    ['2026 春节: last WD + 5 → Sat 调休 02-28', '2026-02-14', 5, '2026-02-28'],
    // 2026 国庆: 班 09-20(日) 10-10(六); 中秋 休 09-25(五)–09-27(日); 国庆 休 10-01(四)–10-07(三)
    ['2026 国庆: last WD (Wed 09-30) + 1', '2026-09-30', 1, '2026-10-08'],
    ['2026 中秋: Thu 09-24 + 1 → Mon 09-28', '2026-09-24', 1, '2026-09-28'],
  ];
  it.each(workingDayCases)('%s: addWorkingDays(%s, %i) = %s', (_label, start, n, expected) => {
    expect(cal.addWorkingDays(start, n)).toBe(expected);
  });

  // A 15-calendar-day period whose last day falls in the holiday rolls to the first working day after it.
  const calendarDayCases: [string, string, number, string][] = [
    ['2019 春节: 15th day 02-04 is off', '2019-01-20', 15, '2019-02-11'],
    ['2019 国庆: 15th day 10-01 is off', '2019-09-16', 15, '2019-10-08'],
    ['2020 春节: 15th day 01-25 is off', '2020-01-10', 15, '2020-02-03'],
    ['2020 国庆: 15th day 10-01 is off', '2020-09-16', 15, '2020-10-09'],
    ['2021 春节: 15th day 02-11 is off', '2021-01-27', 15, '2021-02-18'],
    ['2021 国庆: 15th day 10-05 is off', '2021-09-20', 15, '2021-10-08'],
    ['2022 春节: 15th day 02-01 is off', '2022-01-17', 15, '2022-02-07'],
    ['2022 国庆: 15th day 10-05 is off → Sat 调休', '2022-09-20', 15, '2022-10-08'],
    ['2023 春节: 15th day 01-21 is off → Sat 调休', '2023-01-06', 15, '2023-01-28'],
    ['2023 国庆: 15th day 10-01 is off → Sat 调休', '2023-09-16', 15, '2023-10-07'],
    ['2024 春节: 15th day 02-15 is off → Sun 调休', '2024-01-31', 15, '2024-02-18'],
    ['2024 国庆: 15th day 10-01 is off', '2024-09-16', 15, '2024-10-08'],
    ['2025 春节: 15th day 01-30 is off', '2025-01-15', 15, '2025-02-05'],
    ['2025 国庆: 15th day 10-01 is off', '2025-09-16', 15, '2025-10-09'],
    ['2026 春节: 15th day 02-16 is off', '2026-02-01', 15, '2026-02-24'],
    ['2026 国庆: 15th day 10-01 is off', '2026-09-16', 15, '2026-10-08'],
    ['30 days into 2024 国庆', '2024-09-02', 30, '2024-10-08'],
    ['last day on an ordinary Sunday rolls to Monday', '2024-03-02', 15, '2024-03-18'],
    ['last day on a 调休 Saturday does not roll', '2026-02-13', 15, '2026-02-28'],
  ];
  it.each(calendarDayCases)('%s: addCalendarDays(%s, %i) = %s', (_label, start, n, expected) => {
    expect(cal.addCalendarDays(start, n)).toBe(expected);
  });

  it.each([
    ['2026-02-14', { workingDay: true, kind: 'adjustedWorkday', name: '春节', covered: true }],
    ['2025-01-26', { workingDay: true, kind: 'adjustedWorkday', name: '春节', covered: true }],
    ['2018-12-29', { workingDay: true, kind: 'adjustedWorkday', name: '元旦', covered: true }], // from 2019.json
    ['2026-02-15', { workingDay: false, kind: 'holiday', name: '春节', covered: true }], // a Sunday inside 春节
    ['2024-10-01', { workingDay: false, kind: 'holiday', name: '国庆节', covered: true }],
    ['2024-10-12', { workingDay: true, kind: 'adjustedWorkday', name: '国庆节', covered: true }],
    ['2020-02-03', { workingDay: true, kind: 'workday', name: '春节', covered: true }], // a Monday listed as 上班
    ['2024-10-09', { workingDay: true, kind: 'workday', covered: true }],
    ['2024-10-13', { workingDay: false, kind: 'weekend', covered: true }],
    ['2027-01-01', { workingDay: true, kind: 'workday', covered: false }], // no 2027 notice yet: provisional
    ['2027-01-02', { workingDay: false, kind: 'weekend', covered: false }],
  ])('explain(%s)', (date, expected) => {
    expect(cal.explain(date)).toEqual({ date, ...expected });
  });

  it('addWorkingDays: n = 0 returns the start, even on a day off', () => {
    expect(cal.addWorkingDays('2024-10-01', 0)).toBe('2024-10-01');
    expect(() => cal.addWorkingDays('2024-10-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2024-10-01', 1.5)).toThrow(RangeError);
  });

  it('runs into 2027 with weekends only', () => {
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(cal.addCalendarDays('2026-12-20', 13)).toBe('2027-01-04'); // 2027-01-02 is a Saturday
    expect(cal.isCovered('2026-12-31')).toBe(true);
    expect(cal.isCovered('2027-01-01')).toBe(false);
  });

  it('an empty year file (published before the notice) does not make the year covered', () => {
    const c = workCalendarFromHolidayFiles([...files, { year: 2027, days: [] }]);
    expect(c.isCovered('2027-06-01')).toBe(false);
    expect(c.isCovered('2026-06-01')).toBe(true);
  });
});

describe('months (专利法实施细则 第5条)', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29', 'corresponding day missing: last day of February (leap year)'],
    ['2023-01-31', 1, '2023-02-28', 'corresponding day missing: last day of February'],
    ['2024-05-15', 1, '2024-06-17', '2024-06-15 is a Saturday'],
    ['2025-09-01', 1, '2025-10-09', '2025-10-01 is 国庆: rolls past the holiday'],
    ['2026-01-15', 1, '2026-02-24', '2026-02-15 is 春节'],
    ['2023-08-31', 1, '2023-10-07', '2023-09-30 is 中秋国庆: rolls to the Saturday 调休'],
    ['2024-02-29', 12, '2025-02-28', 'leap day + 12 months'],
    ['2024-04-02', 6, '2024-10-08', '2024-10-02 is 国庆'],
  ])('addMonths(%s, %i) = %s (%s)', (start, n, expected) => {
    expect(cal.addMonths(start, n)).toBe(expected);
  });
});

describe('speed', () => {
  it('a standalone calendar answers 100k addWorkingDays(…, 15) calls quickly', () => {
    const c = new WorkCalendar(mergeHolidayYears(files), { coveredYears: files.map((f) => f.year) });
    const t0 = performance.now();
    let d = '2019-01-01';
    for (let i = 0; i < 100_000; i++) {
      c.addWorkingDays(d, 15);
      if (i % 34 === 0) d = addDaysIso(d, 1);
    }
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
