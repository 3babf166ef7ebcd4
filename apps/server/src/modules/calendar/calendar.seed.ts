import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeHolidayYears, type HolidayYearFile } from '@zhichan/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { calendarRepository as repo, type CalendarDayRow } from './calendar.repository';

/** apps/server/seed/holiday-cn: copies of the holiday-cn files (State Council notices, one file per notice year). */
export const HOLIDAY_DIR = fileURLToPath(new URL('../../../seed/holiday-cn/', import.meta.url));

interface HolidayFile extends HolidayYearFile {
  papers?: string[];
}

/** Reads every <year>.json in the folder, in year order. */
export function readHolidayFiles(dir: string = HOLIDAY_DIR): HolidayFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as HolidayFile);
}

/**
 * The notice each merged day belongs to, by the rule of mergeHolidayYears: the file of the date's own year wins,
 * otherwise the latest notice listing it (2019.json sets 2018-12-29..31).
 */
export function attributeDays(files: HolidayFile[]): CalendarDayRow[] {
  const listedBy = new Map<string, number[]>();
  for (const f of files) for (const d of f.days) listedBy.set(d.date, [...(listedBy.get(d.date) ?? []), f.year]);
  return mergeHolidayYears(files).map((day) => {
    const years = listedBy.get(day.date)!;
    const own = Number(day.date.slice(0, 4));
    const noticeYear = years.includes(own) ? own : Math.max(...years);
    return { date: day.date, isOffDay: day.isOffDay, name: day.name, noticeYear };
  });
}

/** First-start seed: one notice per holiday-cn file with days (2007-2026), and the merged days. */
export async function seedCalendar(trx: Transaction<Database>): Promise<void> {
  // An upstream file with no days is published before the notice is out: it does not cover its year.
  const files = readHolidayFiles().filter((f) => f.days.length > 0);
  for (const f of files) {
    await repo.upsertNotice(trx, {
      year: f.year,
      title: `国务院办公厅关于${f.year}年部分节假日安排的通知`,
      documentNo: null,
      url: f.papers?.[0] ?? null,
      source: 'official-seed',
      fileId: null,
      enteredBy: null,
    });
  }
  const days = attributeDays(files);
  for (let i = 0; i < days.length; i += 500) await repo.insertDays(trx, days.slice(i, i + 500));
}
