/**
 * Instants shown in China time (UTC+8), whatever the browser's time zone: a submission made at 19:49 in 泰安 is
 * 19:49 on every screen, also on a laptop set to another zone or a headless browser in UTC. China has kept UTC+8
 * without daylight saving since 1991, so a fixed offset is exact and needs no time-zone data (this module has no
 * dependencies, so the portal home page can use it without loading dayjs).
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

export interface ChinaParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = 星期日
}

/** The calendar fields of an instant (ISO string, epoch ms or Date) in China time; null if it is not a valid instant. */
export function chinaParts(at: string | number | Date): ChinaParts | null {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** 'YYYY-MM-DD' of the parts. */
export function partsDay(p: ChinaParts): string {
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD HH:mm' (with ':ss' when seconds is true) of the parts. */
export function partsTime(p: ChinaParts, seconds = false): string {
  return `${partsDay(p)} ${pad(p.hour)}:${pad(p.minute)}${seconds ? `:${pad(p.second)}` : ''}`;
}

/** Today's date in China ('YYYY-MM-DD'), e.g. for "not in the future" checks and the calendar's 今天. */
export function chinaToday(now: Date = new Date()): string {
  return partsDay(chinaParts(now)!);
}
