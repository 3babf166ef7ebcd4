import {
  mergeHolidayYears,
  WorkCalendar,
  type CalendarYearDto,
  type DayExplanation,
  type DayKind,
} from '@zhichan/shared';
import { api } from '../../api/client';

export const FIRST_YEAR = 2007;

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日（放假）',
  adjustedWorkday: '调休上班',
};

export interface YearView {
  year: number;
  dto: CalendarYearDto;
  calendar: WorkCalendar;
  explain: (date: string) => DayExplanation;
}

/**
 * Loads a year for the calendar grid. A notice is filed under the year in its title, so late-December days can sit in
 * the next year's notice (the 2019 notice holds 2018-12-29..31): the neighbouring years are merged in, and each day
 * is classified by the shared WorkCalendar (the same rules the deadline engine uses).
 */
export async function loadYearView(year: number, signal?: AbortSignal): Promise<YearView> {
  const get = (y: number) => api.get<CalendarYearDto>(`/api/calendar/years/${y}`, undefined, { signal });
  const neighbour = (y: number) => (y >= FIRST_YEAR ? get(y).catch(() => null) : Promise.resolve(null));
  const [prev, dto, next] = await Promise.all([neighbour(year - 1), get(year), neighbour(year + 1)]);
  const files = [prev, dto, next]
    .filter((d): d is CalendarYearDto => !!d)
    .map((d) => ({ year: d.year, days: d.specialDays }));
  const calendar = new WorkCalendar(mergeHolidayYears(files), { coveredYears: dto.covered ? [year] : [] });
  return { year, dto, calendar, explain: (d) => calendar.explain(d) };
}

/** Consecutive days with the same name and kind, as date ranges (to prefill the notice form). */
export function compressDays(days: { date: string; isOffDay: boolean; name: string }[]) {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : 1));
  const ranges: { name: string; start: string; end: string; isOffDay: boolean }[] = [];
  for (const d of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.name === d.name && last.isOffDay === d.isOffDay && nextDay(last.end) === d.date) last.end = d.date;
    else ranges.push({ name: d.name, start: d.date, end: d.date, isOffDay: d.isOffDay });
  }
  return ranges;
}

function nextDay(iso: string): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
