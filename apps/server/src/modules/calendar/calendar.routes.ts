import { CalendarDayDto, CalendarYearDto, HolidayNoticeInput, IsoDateString, WorkingDaysAddDto, WorkingDaysAddQuery } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import { addCalendarDays, addWorkingDays, getCalendarDay, getCalendarYear, openNoticeFile, setCalendarYear } from './calendar.service';

const TAG = '节假日与工作日';
const YearParam = z.object({ year: z.coerce.number().int().min(1900, '年度应在 1900 至 2100 之间').max(2100, '年度应在 1900 至 2100 之间') });
const DateParam = z.object({ date: IsoDateString });

export const calendarRoutes: RouteModule = (app, deps) => {
  // A notice's original is a published government document: any staff member may open it through /api/files too.
  registerFileOwner('holidayNotice', async (_deps, ctx) => ctx.actor?.kind === 'staff');

  app.get('/api/calendar/years/:year', {
    schema: { tags: [TAG], summary: '某年度的节假日安排', params: YearParam, response: { 200: CalendarYearDto } },
    config: { access: { auth: 'none' } },
  }, async (req) => getCalendarYear(deps.db, req.params.year));

  app.put('/api/calendar/years/:year', {
    schema: { tags: [TAG], summary: '录入或更正某年度的国务院节假日安排通知', params: YearParam, body: HolidayNoticeInput, response: { 200: CalendarYearDto } },
    config: { access: { auth: 'staff', permission: 'calendar.update' } },
  }, async (req) => setCalendarYear(deps, ctxOf(req), req.params.year, req.body));

  app.get('/api/calendar/years/:year/notice-file', {
    schema: { tags: [TAG], summary: '下载某年度通知原文', params: YearParam },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    const file = await openNoticeFile(deps, req.params.year);
    return reply
      .header('Content-Type', file.mime)
      .header('Content-Length', String(file.size))
      .header('Content-Disposition', contentDisposition(file.name))
      .header('X-Content-Type-Options', 'nosniff')
      .send(file.stream);
  });

  app.get('/api/calendar/days/:date', {
    schema: { tags: [TAG], summary: '某日是否工作日', params: DateParam, response: { 200: CalendarDayDto } },
    config: { access: { auth: 'none' } },
  }, async (req) => getCalendarDay(deps, req.params.date));

  app.get('/api/calendar/working-days/add', {
    schema: { tags: [TAG], summary: '推算 N 个工作日后的日期', querystring: WorkingDaysAddQuery, response: { 200: WorkingDaysAddDto } },
    config: { access: { auth: 'none' } },
  }, async (req) => addWorkingDays(deps, req.query.from, req.query.days));

  app.get('/api/calendar/calendar-days/add', {
    schema: { tags: [TAG], summary: '推算 N 日（自然日）期间的届满日', querystring: WorkingDaysAddQuery, response: { 200: WorkingDaysAddDto } },
    config: { access: { auth: 'none' } },
  }, async (req) => addCalendarDays(deps, req.query.from, req.query.days));
};
