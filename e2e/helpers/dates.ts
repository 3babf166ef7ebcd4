import fs from 'node:fs';
import path from 'node:path';
import { computeDueDate, workCalendarFromHolidayFiles, type DeadlineUnit, type HolidayYearFile, type IsoDate, type Pause, type WorkCalendar } from '@zhichan/shared';
import { ROOT } from './paths';

/** Today in China ('YYYY-MM-DD'), the day the server and the browser (Asia/Shanghai) count from. */
export function chinaToday(now = new Date()): IsoDate {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

let calendar: WorkCalendar | undefined;

/** The State Council holiday calendar of the seed (apps/server/seed/holiday-cn), as the server loads it on a fresh database. */
export function seedCalendar(): WorkCalendar {
  if (!calendar) {
    const dir = path.join(ROOT, 'apps/server/seed/holiday-cn');
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as HolidayYearFile);
    calendar = workCalendarFromHolidayFiles(files);
  }
  return calendar;
}

/**
 * The due date the deadline engine gives a period of `amount` `unit` from `start` (start itself not counted; a period in
 * calendar days that ends on a rest day runs to the next working day), on the seed calendar. The journeys compare it with
 * the date the screens show, so a rule applied from the wrong day or with the wrong length shows up. `pauses`: days not
 * counted ({from, until}: `until` is the first day counted again).
 */
export function dueAfter(start: IsoDate, amount: number, unit: DeadlineUnit, pauses: Pause[] = []): IsoDate {
  const r = computeDueDate(seedCalendar(), { start, amount, unit, pauses });
  if (!r.dueOn) throw new Error(`no due date for ${amount} ${unit} from ${start}`);
  return r.dueOn;
}
