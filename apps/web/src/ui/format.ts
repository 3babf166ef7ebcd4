import dayjs from 'dayjs';
import { chinaParts, partsTime } from './chinaTime';

/** A timestamp (ISO UTC from the server) in China time (UTC+8, see chinaTime.ts), for tables. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = chinaParts(iso);
  return p ? partsTime(p) : iso;
}

/** Same with seconds, for audit records. */
export function fmtTimeSec(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = chinaParts(iso);
  return p ? partsTime(p, true) : iso;
}

/** A legal date (already 'YYYY-MM-DD'): shown as is. */
export function fmtDate(d: string | null | undefined): string {
  return d ? d.slice(0, 10) : '—';
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** '2026-03-02' → '2026年3月2日（星期一）' */
export function fmtDateLong(d: string): string {
  const x = dayjs(d);
  return `${x.format('YYYY年M月D日')}（${WEEKDAYS[x.day()]}）`;
}

export function greeting(now = new Date()): string {
  const h = chinaParts(now)!.hour;
  if (h < 6) return '夜深了';
  if (h < 9) return '早上好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}
