import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workCalendarFromHolidayFiles, type HolidayYearFile } from './calendar';
import {
  computeDueDate,
  computeRuleDueDate,
  deadlineState,
  ruleInForce,
  workingDaysLeft,
  type DeadlineRule,
  type DueDateInput,
  type DueDateResult,
  type Extension,
  type Pause,
} from './deadline';

const holidayDir = fileURLToPath(new URL('../../../../apps/server/seed/holiday-cn/', import.meta.url));
const files: HolidayYearFile[] = readdirSync(holidayDir)
  .filter((f) => /^\d{4}\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(holidayDir + f, 'utf8')) as HolidayYearFile);
const cal = workCalendarFromHolidayFiles(files);

const pause = (from: string, until: string | null, reason = '检测鉴定'): Pause => ({ from, until, reason });
const ext = (amount: number, unit: Extension['unit'], reason = '案情复杂'): Extension => ({
  amount,
  unit,
  reason,
  approvedBy: '局长',
  approvedOn: '2024-01-01',
});
const due = (dueOn: string | null, pausedDays = 0, extra: Partial<DueDateResult> = {}): DueDateResult => ({
  dueOn,
  pausedDays,
  paused: dueOn === null,
  provisional: false,
  ...extra,
});

describe('computeDueDate without pauses agrees with the calendar', () => {
  it.each([
    [{ start: '2024-03-01', amount: 7, unit: 'workingDays' }, '2024-03-12'],
    [{ start: '2024-09-30', amount: 1, unit: 'workingDays' }, '2024-10-08'],
    [{ start: '2026-02-13', amount: 1, unit: 'workingDays' }, '2026-02-14'],
    [{ start: '2024-03-01', amount: 15, unit: 'calendarDays' }, '2024-03-18'],
    [{ start: '2024-09-16', amount: 15, unit: 'calendarDays' }, '2024-10-08'],
    [{ start: '2024-01-31', amount: 1, unit: 'months' }, '2024-02-29'],
    [{ start: '2025-09-01', amount: 1, unit: 'months' }, '2025-10-09'],
    [{ start: '2024-03-01', amount: 0, unit: 'workingDays' }, '2024-03-01'],
  ] as [DueDateInput, string][])('%j → %s', (input, expected) => {
    expect(computeDueDate(cal, input)).toEqual(due(expected));
  });

  it('matches addWorkingDays / addCalendarDays / addMonths for every start date in 2024', () => {
    const bad: string[] = [];
    for (let d = '2024-01-01'; d <= '2024-12-31'; d = nextDay(d)) {
      if (computeDueDate(cal, { start: d, amount: 7, unit: 'workingDays' }).dueOn !== cal.addWorkingDays(d, 7)) bad.push(`WD ${d}`);
      if (computeDueDate(cal, { start: d, amount: 30, unit: 'calendarDays' }).dueOn !== cal.addCalendarDays(d, 30)) bad.push(`CD ${d}`);
      if (computeDueDate(cal, { start: d, amount: 3, unit: 'months' }).dueOn !== cal.addMonths(d, 3)) bad.push(`M ${d}`);
    }
    expect(bad).toEqual([]);
  });
});

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe('pauses (不计入期限)', () => {
  it.each([
    [
      '7 WD; 03-05 and 03-06 paused (resumes 03-07)',
      { start: '2024-03-01', amount: 7, unit: 'workingDays', pauses: [pause('2024-03-05', '2024-03-07')] },
      due('2024-03-14', 2),
    ],
    [
      '7 WD; pause over a weekend only changes nothing, but the paused days are reported',
      { start: '2024-03-01', amount: 7, unit: 'workingDays', pauses: [pause('2024-03-09', '2024-03-11')] },
      due('2024-03-12', 2),
    ],
    [
      '7 WD; pause before start does not matter',
      { start: '2024-03-01', amount: 7, unit: 'workingDays', pauses: [pause('2024-02-20', '2024-03-01')] },
      due('2024-03-12', 0),
    ],
    [
      '7 WD; pause that started before start runs into the period (03-02..03-04 paused)',
      { start: '2024-03-01', amount: 7, unit: 'workingDays', pauses: [pause('2024-02-20', '2024-03-05')] },
      due('2024-03-13', 3),
    ],
    [
      '15 CD; 03-05..03-07 paused: 15 unpaused days end 03-19 (Tue)',
      { start: '2024-03-01', amount: 15, unit: 'calendarDays', pauses: [pause('2024-03-05', '2024-03-08')] },
      due('2024-03-19', 3),
    ],
    [
      '15 CD; a 10-day pause pushes the last day (03-26, Tue)',
      { start: '2024-03-01', amount: 15, unit: 'calendarDays', pauses: [pause('2024-03-10', '2024-03-20')] },
      due('2024-03-26', 10),
    ],
    [
      '15 CD; pause pushes the last day into 清明 (2024-04-04..06 off) → rolls to Sun 调休 04-07',
      { start: '2024-03-20', amount: 15, unit: 'calendarDays', pauses: [pause('2024-03-25', '2024-03-26')] },
      due('2024-04-07', 1),
    ],
    [
      '1 month; 3 days paused: 02-29 + 3 = 03-03 (Sun) → 03-04',
      { start: '2024-01-31', amount: 1, unit: 'months', pauses: [pause('2024-02-05', '2024-02-08')] },
      due('2024-03-04', 3),
    ],
    [
      'two pauses add up (2 + 2 days) for calendar days',
      {
        start: '2024-05-06',
        amount: 30,
        unit: 'calendarDays',
        pauses: [pause('2024-05-10', '2024-05-12'), pause('2024-05-20', '2024-05-22')],
      },
      due('2024-06-11', 4), // 06-05 + 4 = 06-09 (Sun); 06-10 is 端午节 → 06-11
    ],
    [
      'overlapping pauses count each day once',
      {
        start: '2024-03-01',
        amount: 7,
        unit: 'workingDays',
        pauses: [pause('2024-03-05', '2024-03-07'), pause('2024-03-06', '2024-03-08')],
      },
      due('2024-03-15', 3),
    ],
  ] as [string, DueDateInput, DueDateResult][])('%s', (_label, input, expected) => {
    expect(computeDueDate(cal, input)).toEqual(expected);
  });

  it.each([
    ['open pause from before the due date → null', '2024-03-05', due(null, 0)],
    ['open pause from exactly the due date → null', '2024-03-12', due(null, 0)],
    ['open pause from the start day → null', '2024-03-01', due(null, 0)],
    ['open pause after the due date → the due date stands', '2024-03-13', due('2024-03-12', 0)],
  ])('%s', (_label, from, expected) => {
    expect(computeDueDate(cal, { start: '2024-03-01', amount: 7, unit: 'workingDays', pauses: [pause(from, null)] })).toEqual(expected);
  });

  it('open pause after a closed one: paused days so far are reported', () => {
    expect(
      computeDueDate(cal, {
        start: '2024-03-01',
        amount: 30,
        unit: 'calendarDays',
        pauses: [pause('2024-03-05', '2024-03-08'), pause('2024-03-20', null, '中止')],
      }),
    ).toEqual(due(null, 3));
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() =>
      computeDueDate(cal, { start: '2024-03-01', amount: 7, unit: 'workingDays', pauses: [pause('2024-03-08', '2024-03-05')] }),
    ).toThrow(RangeError);
  });
});

describe('extensions (延期)', () => {
  it.each([
    [
      '90 CD (行政处罚 普通程序) from 2024-06-03: 09-01 (Sun) → 09-02',
      { start: '2024-06-03', amount: 90, unit: 'calendarDays' },
      due('2024-09-02'),
    ],
    [
      '90 CD + 30 CD: 09-02 + 30 = 10-02 (国庆) → 10-08',
      { start: '2024-06-03', amount: 90, unit: 'calendarDays', extensions: [ext(30, 'calendarDays')] },
      due('2024-10-08'),
    ],
    [
      '15 WD 核查 + 15 WD 延期 across 中秋 and 国庆 2024 (调休 09-14, 09-29, 10-12 count)',
      { start: '2024-09-02', amount: 15, unit: 'workingDays', extensions: [ext(15, 'workingDays')] },
      due('2024-10-18'),
    ],
    [
      '15 WD without the extension ends 09-24',
      { start: '2024-09-02', amount: 15, unit: 'workingDays' },
      due('2024-09-24'),
    ],
    [
      'extensions apply in order, each in its own unit: 7 WD → 03-12, +1 month → 04-12, +2 WD → 04-16',
      { start: '2024-03-01', amount: 7, unit: 'workingDays', extensions: [ext(1, 'months'), ext(2, 'workingDays')] },
      due('2024-04-16'),
    ],
    [
      'pause in the base period: 09-01 + 3 paused days = 09-04; + 30 CD = 10-04 (国庆) → 10-08',
      {
        start: '2024-06-03',
        amount: 90,
        unit: 'calendarDays',
        extensions: [ext(30, 'calendarDays')],
        pauses: [pause('2024-09-10', '2024-09-13')],
      },
      due('2024-10-08', 3),
    ],
    [
      'pause inside the extension period: 15 WD + 15 WD with 10-14 and 10-15 paused → 10-22',
      {
        start: '2024-09-02',
        amount: 15,
        unit: 'workingDays',
        extensions: [ext(15, 'workingDays')],
        pauses: [pause('2024-10-14', '2024-10-16')],
      },
      due('2024-10-22', 2),
    ],
    [
      'an open pause during the extension stops the clock',
      {
        start: '2024-09-02',
        amount: 15,
        unit: 'workingDays',
        extensions: [ext(15, 'workingDays')],
        pauses: [pause('2024-10-10', null)],
      },
      due(null, 0),
    ],
  ] as [string, DueDateInput, DueDateResult][])('%s', (_label, input, expected) => {
    expect(computeDueDate(cal, input)).toEqual(expected);
  });
});

describe('provisional (no notice for the year)', () => {
  it.each([
    [
      '15 WD from 2026-12-20 runs into 2027 (weekends only; 2027-01-01 treated as a working day)',
      { start: '2026-12-20', amount: 15, unit: 'workingDays' },
      due('2027-01-08', 0, { provisional: true }),
    ],
    [
      '3 months from 2026-11-30 → 2027-02-28 (Sun) → 2027-03-01',
      { start: '2026-11-30', amount: 3, unit: 'months' },
      due('2027-03-01', 0, { provisional: true }),
    ],
    ['15 WD from 2026-06-01 stays in 2026 (端午 06-19 off)', { start: '2026-06-01', amount: 15, unit: 'workingDays' }, due('2026-06-23')],
    [
      'an extension that crosses into 2027 makes it provisional',
      { start: '2026-11-02', amount: 30, unit: 'calendarDays', extensions: [ext(30, 'calendarDays')] },
      due('2027-01-01', 0, { provisional: true }), // 12-02 + 30 = 2027-01-01: a Friday, working until a notice says otherwise
    ],
  ] as [string, DueDateInput, DueDateResult][])('%s', (_label, input, expected) => {
    expect(computeDueDate(cal, input)).toEqual(expected);
  });
});

describe('deadlineState (黄灯 warning, 红灯 overdue)', () => {
  // dueOn 2024-10-18 (Fri). Working days after 10-10: 10-11, 10-12 (调休 Sat), 10-14 … 10-18 = 7.
  it.each([
    ['normal: 7 WD left', { today: '2024-10-10' }, 'normal'],
    ['warning: exactly 3 WD left (10-16, 10-17, 10-18)', { today: '2024-10-15' }, 'warning'],
    ['warning on the due day itself', { today: '2024-10-18' }, 'warning'],
    ['overdue the day after', { today: '2024-10-19' }, 'overdue'],
    ['paused wins over overdue', { today: '2024-11-01', paused: true }, 'paused'],
    ['done wins over everything', { today: '2024-11-01', paused: true, completedOn: '2024-10-30' }, 'done'],
    ['done before the due date', { today: '2024-10-01', completedOn: '2024-09-30' }, 'done'],
    ['no due date, not paused', { today: '2024-10-01', dueOn: null }, 'normal'],
    ['no due date, paused', { today: '2024-10-01', dueOn: null, paused: true }, 'paused'],
    // Over 国庆 2024 only one working day (10-08) lies between 09-30 and 10-08, although it is 8 calendar days.
    ['holiday compresses the time left: warning with 1 WD', { today: '2024-09-30', dueOn: '2024-10-08', warningWorkingDays: 1 }, 'warning'],
    ['…and normal the week before', { today: '2024-09-20', dueOn: '2024-10-08', warningWorkingDays: 1 }, 'normal'],
  ] as [string, Record<string, unknown>, string][])('%s', (_label, over, expected) => {
    expect(
      deadlineState(cal, { dueOn: '2024-10-18', warningWorkingDays: 3, paused: false, completedOn: null, today: '', ...over } as never),
    ).toBe(expected);
  });

  it.each([
    ['2024-10-10', '2024-10-18', 7],
    ['2024-10-18', '2024-10-18', 0],
    ['2024-10-19', '2024-10-18', 0], // Saturday after a Friday due date: overdue, but no working day lost yet
    ['2024-10-21', '2024-10-18', -1],
    ['2024-10-25', '2024-10-18', -5],
    ['2024-09-30', '2024-10-08', 1],
    ['2026-02-13', '2026-02-24', 2], // 02-14 (调休 Sat) and 02-24
  ])('workingDaysLeft(today %s, due %s) = %i', (today, dueOn, expected) => {
    expect(workingDaysLeft(cal, today, dueOn)).toBe(expected);
  });
});

describe('rules keyed by effective date', () => {
  const basis20 = { regulation: '市场监督管理投诉举报处理暂行办法', article: '第十四条', version: '2022-03-24' };
  const rules: DeadlineRule[] = [
    {
      key: 'complaint.acceptDecision',
      effectiveFrom: '2020-01-01',
      amount: 7,
      unit: 'workingDays',
      basis: { ...basis20, version: '2019-12-31' },
      trust: 'verified',
    },
    { key: 'complaint.acceptDecision', effectiveFrom: '2022-03-24', amount: 7, unit: 'workingDays', basis: basis20, trust: 'verified' },
    {
      key: 'complaint.acceptDecision',
      effectiveFrom: '2026-04-15',
      amount: 5, // hypothetical value for the test: the full text of Order 121 has not been read
      unit: 'workingDays',
      basis: { regulation: '市场监督管理投诉举报处理办法', article: '第十四条', version: '2026-04-15' },
      trust: 'unverified',
    },
    {
      key: 'case.decision',
      effectiveFrom: '2021-07-15',
      amount: 90,
      unit: 'calendarDays',
      basis: { regulation: '中华人民共和国行政处罚法', article: '第六十条', version: '2021-01-22' },
      trust: 'verified',
    },
  ];

  it.each([
    ['complaint.acceptDecision', '2019-12-31', undefined],
    ['complaint.acceptDecision', '2020-01-01', '2020-01-01'],
    ['complaint.acceptDecision', '2022-03-23', '2020-01-01'],
    ['complaint.acceptDecision', '2022-03-24', '2022-03-24'],
    ['complaint.acceptDecision', '2026-04-14', '2022-03-24'],
    ['complaint.acceptDecision', '2026-04-15', '2026-04-15'],
    ['complaint.acceptDecision', '2030-01-01', '2026-04-15'],
    ['case.decision', '2024-01-01', '2021-07-15'],
    ['no.such.rule', '2024-01-01', undefined],
  ])('ruleInForce(%s, %s) → effectiveFrom %s', (key, on, expected) => {
    expect(ruleInForce(rules, key, on)?.effectiveFrom).toBe(expected);
  });

  it('does not depend on the order of the rows', () => {
    expect(ruleInForce([...rules].reverse(), 'complaint.acceptDecision', '2025-01-01')?.effectiveFrom).toBe('2022-03-24');
  });

  it('computeRuleDueDate applies the version in force and returns its basis', () => {
    const before = computeRuleDueDate(cal, rules, 'complaint.acceptDecision', { start: '2026-04-14' });
    expect(before).toMatchObject({ dueOn: '2026-04-23', rule: { amount: 7, basis: basis20 } });
    const after = computeRuleDueDate(cal, rules, 'complaint.acceptDecision', { start: '2026-04-15' });
    expect(after).toMatchObject({ dueOn: '2026-04-22', rule: { amount: 5, trust: 'unverified' } });
    expect(computeRuleDueDate(cal, rules, 'complaint.acceptDecision', { start: '2019-06-01' })).toBeUndefined();
  });
});
