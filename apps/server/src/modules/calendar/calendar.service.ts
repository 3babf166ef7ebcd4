import type { Readable } from 'node:stream';
import {
  computeDueDate,
  isIsoDate,
  weekdayIso,
  WorkCalendar,
  type CalendarDayDto,
  type CalendarYearDto,
  type FieldIssue,
  type HolidayNoticeInput,
} from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Db, Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { recomputeDeadlinesInWindow } from '../deadlines/deadlines.service';
import { calendarRepository as repo } from './calendar.repository';

// ---------- the working-day calendar, cached per database ----------

interface CacheEntry {
  stamp: string;
  calendar: WorkCalendar;
}

/**
 * One cached calendar per database handle (a WeakMap, so test files with their own database never share one).
 * Every use checks a stamp of the notices (year and entry time of each, ~20 rows): a notice entered on another app
 * node is picked up at once, and the calendar itself (≈700 days) is rebuilt only when a notice changed.
 */
const cache = new WeakMap<object, CacheEntry>();

function stampOf(rows: { year: number; enteredAt: string }[]): string {
  return rows.map((r) => `${r.year}@${r.enteredAt}`).join(',');
}

/** Builds the calendar from the tables, uncached (inside a transaction that changed the calendar, use this). */
export async function readWorkCalendar(ex: Executor): Promise<WorkCalendar> {
  const [notices, days] = await Promise.all([repo.listNoticeStamps(ex), repo.listAllDays(ex)]);
  return new WorkCalendar(days, { coveredYears: notices.map((n) => n.year) });
}

/**
 * The working-day calendar: the official notices in holiday_notices / calendar_days; a year is covered when it has a
 * notice. `ex` runs the queries (pass the transaction inside one: PGlite has one connection); `cacheKey` is the
 * database handle the cache belongs to (deps.db), which defaults to `ex`.
 */
export async function loadWorkCalendar(ex: Executor, cacheKey: Db | Executor = ex): Promise<WorkCalendar> {
  const notices = await repo.listNoticeStamps(ex);
  const stamp = stampOf(notices);
  const hit = cache.get(cacheKey);
  if (hit && hit.stamp === stamp) return hit.calendar;
  const days = await repo.listAllDays(ex);
  const calendar = new WorkCalendar(days, { coveredYears: notices.map((n) => n.year) });
  cache.set(cacheKey, { stamp, calendar });
  return calendar;
}

export function invalidateWorkCalendar(cacheKey: Db | Executor): void {
  cache.delete(cacheKey);
}

// ---------- reading ----------

export async function getCalendarYear(ex: Executor, year: number): Promise<CalendarYearDto> {
  const [notice, days] = await Promise.all([repo.findNotice(ex, year), repo.listDaysOfNotice(ex, year)]);
  return {
    year,
    covered: !!notice,
    notice: notice
      ? {
          year: notice.year,
          title: notice.title,
          documentNo: notice.documentNo,
          url: notice.url,
          source: notice.source,
          fileId: notice.fileId,
          enteredBy: notice.enteredByName ?? null,
          enteredAt: notice.enteredAt,
        }
      : null,
    specialDays: days.map((d) => ({ date: d.date, isOffDay: d.isOffDay, name: d.name })),
  };
}

export async function getCalendarDay(deps: Deps, date: string): Promise<CalendarDayDto> {
  const cal = await loadWorkCalendar(deps.db);
  const e = cal.explain(date);
  return { date: e.date, workingDay: e.workingDay, kind: e.kind, ...(e.name ? { name: e.name } : {}), covered: e.covered };
}

/** The engine is meant for the years around the data (2007 onwards); far dates are refused as bad input, not 500. */
function checkFrom(from: string): void {
  const y = Number(from.slice(0, 4));
  if (y < 1900 || y > 2100) throw fieldError('querystring.from', '起算日应在 1900 年至 2100 年之间');
}

export interface AddDaysAnswer {
  from: string;
  days: number;
  result: string;
  provisional: boolean;
  basis: string;
}

/** from + n working days; the start day is not counted (行政处罚法 第八十五条: 五日、七日 are working days). */
export async function addWorkingDays(deps: Deps, from: string, days: number): Promise<AddDaysAnswer> {
  checkFrom(from);
  const cal = await loadWorkCalendar(deps.db);
  const r = computeDueDate(cal, { start: from, amount: days, unit: 'workingDays' });
  return { from, days, result: r.dueOn!, provisional: r.provisional, basis: `起算日不计入，第 ${days} 个工作日` };
}

/**
 * from + n calendar days, a last day that is a day off moving to the next working day
 * (民事诉讼法 第八十五条: 期间开始的时和日，不计算在期间内；期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期).
 */
export async function addCalendarDays(deps: Deps, from: string, days: number): Promise<AddDaysAnswer> {
  checkFrom(from);
  const cal = await loadWorkCalendar(deps.db);
  const r = computeDueDate(cal, { start: from, amount: days, unit: 'calendarDays' });
  return {
    from,
    days,
    result: r.dueOn!,
    provisional: r.provisional,
    basis: `起算日不计入，第 ${days} 日届满；依民事诉讼法 第八十五条，期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期`,
  };
}

// ---------- entering a year's notice ----------

/** Checks the days of a notice; returns the problems with their paths (empty when fine). */
export function validateNoticeDays(year: number, days: HolidayNoticeInput['days']): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    const path = `body.days.${i}.date`;
    if (!isIsoDate(d.date)) {
      issues.push({ path, message: `${d.date} 不是有效日期` });
      return;
    }
    const y = Number(d.date.slice(0, 4));
    const m = Number(d.date.slice(5, 7));
    // A notice sets its own year; it may reach into late December of the year before (2019's notice set
    // 2018-12-29..31) and early January of the year after, never further.
    const inWindow = y === year || (y === year - 1 && m === 12) || (y === year + 1 && m === 1);
    if (!inWindow) issues.push({ path, message: `${d.date} 不在 ${year} 年通知的范围内（${year - 1} 年 12 月至 ${year + 1} 年 1 月）` });
    const prev = seen.get(d.date);
    if (prev !== undefined) issues.push({ path, message: `${d.date} 重复（与第 ${prev + 1} 项相同）` });
    else seen.set(d.date, i);
    // 调休上班 moves a weekend day to a working day; an ordinary Monday-Friday is a working day already.
    const wd = weekdayIso(d.date);
    if (!d.isOffDay && wd !== 0 && wd !== 6) issues.push({ path: `body.days.${i}.isOffDay`, message: `${d.date} 是周一至周五，本就是工作日，不能设为调休上班` });
  });
  return issues;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw fieldError('params.year', '年度应在 1900 至 2100 之间');
}

/**
 * Enters (or replaces) the State Council notice of a year and the days it sets. Open deadlines whose counting passes
 * through the year are recomputed in the same transaction, so a 暂定 due date becomes final at once.
 */
export async function setCalendarYear(deps: Deps, ctx: Ctx, year: number, input: HolidayNoticeInput): Promise<CalendarYearDto> {
  assertYear(year);
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const issues = validateNoticeDays(year, input.days);
  if (issues.length > 0) throw new AppError('CALENDAR_INVALID', { message: `节假日安排有误：${issues[0].message}`, details: issues });
  const { db, clock } = deps;
  const windowFrom = `${year - 1}-12-01`;
  const windowTo = `${year + 1}-01-31`;
  try {
    return await db.transaction().execute(async (trx) => {
      const others = await repo.listDaysOwnedByOthers(trx, year, windowFrom, windowTo);
      const owner = new Map(others.map((o) => [o.date, o.noticeYear]));
      const clashes: FieldIssue[] = [];
      input.days.forEach((d, i) => {
        const other = owner.get(d.date);
        if (other !== undefined) clashes.push({ path: `body.days.${i}.date`, message: `${d.date} 已由 ${other} 年通知安排，请先修改 ${other} 年的安排` });
      });
      if (clashes.length > 0) throw new AppError('CALENDAR_INVALID', { message: `节假日安排有误：${clashes[0].message}`, details: clashes });

      const before = await getCalendarYear(trx, year);
      const fileId = input.fileId ?? null;
      if (fileId !== null && fileId !== before.notice?.fileId) {
        const file = await repo.findFile(trx, fileId);
        const owned = file && file.ownerType === 'holidayNotice' && file.ownerId === String(year);
        if (!file || (!owned && (file.uploadedBy !== actor.userId || file.ownerType !== null))) {
          throw fieldError('body.fileId', '附件不存在、不是您上传的，或已关联到其他记录');
        }
        await repo.setFileOwner(trx, fileId, 'holidayNotice', String(year));
      }
      await repo.upsertNotice(trx, {
        year,
        title: input.title,
        documentNo: input.documentNo ?? null,
        url: input.url ?? null,
        source: 'admin',
        fileId,
        enteredBy: actor.userId,
        enteredAt: clock.now().toISOString(),
      });
      await repo.deleteDaysOfNotice(trx, year);
      const sorted = [...input.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      await repo.insertDays(trx, sorted.map((d) => ({ date: d.date, isOffDay: d.isOffDay, name: d.name, noticeYear: year })));
      const after = await getCalendarYear(trx, year);
      await writeAudit(trx, clock, ctx, {
        action: 'calendar.setYear',
        entityType: 'holidayNotice',
        entityId: year,
        before: before.notice ? { notice: before.notice, days: before.specialDays } : null,
        after: { notice: after.notice, days: after.specialDays },
      });
      // The new calendar is not committed yet: build it from this transaction, uncached.
      const cal = await readWorkCalendar(trx);
      await recomputeDeadlinesInWindow(trx, deps, ctx, cal, { from: windowFrom, to: windowTo });
      return after;
    });
  } finally {
    invalidateWorkCalendar(db);
  }
}

export interface NoticeFile {
  stream: Readable;
  mime: string;
  name: string;
  size: number;
}

/** The attached original of a year's notice (public: it is a published government document). */
export async function openNoticeFile(deps: Deps, year: number): Promise<NoticeFile> {
  assertYear(year);
  const notice = await repo.findNotice(deps.db, year);
  if (!notice || notice.fileId === null) throw new AppError('NOT_FOUND', { message: '该年度未上传通知原文' });
  const file = await repo.findFile(deps.db, notice.fileId);
  if (!file || !(await deps.files.has(file.sha256))) throw new AppError('NOT_FOUND', { message: '该年度未上传通知原文' });
  return { stream: deps.files.open(file.sha256), mime: file.mime, name: file.originalName, size: file.size };
}
