import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import { openDeadline } from '../deadlines/deadlines.service';
import { attributeDays, readHolidayFiles } from './calendar.seed';
import { loadWorkCalendar, validateNoticeDays } from './calendar.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A plausible 2027 notice: 元旦 on Friday 2027-01-01, 春节 with two 调休 Saturdays/Sundays. */
const NOTICE_2027 = {
  title: '国务院办公厅关于2027年部分节假日安排的通知',
  documentNo: '国办发明电〔2026〕7号',
  url: 'https://www.gov.cn/zhengce/content/2027-notice.htm',
  days: [
    { date: '2027-01-01', isOffDay: true, name: '元旦' },
    { date: '2027-01-02', isOffDay: true, name: '元旦' },
    { date: '2027-01-03', isOffDay: true, name: '元旦' },
    { date: '2027-02-06', isOffDay: true, name: '春节' },
    { date: '2027-02-07', isOffDay: true, name: '春节' },
    { date: '2027-02-08', isOffDay: true, name: '春节' },
    { date: '2027-02-09', isOffDay: true, name: '春节' },
    { date: '2027-02-10', isOffDay: true, name: '春节' },
    { date: '2027-02-11', isOffDay: true, name: '春节' },
    { date: '2027-02-12', isOffDay: true, name: '春节' },
    { date: '2027-02-13', isOffDay: true, name: '春节' },
    { date: '2027-02-14', isOffDay: true, name: '春节' },
    { date: '2027-02-20', isOffDay: false, name: '春节' },
  ],
};

describe('the seeded official calendar', () => {
  it('puts late-December days of the next notice under that notice (2019.json sets 2018-12-29..31)', () => {
    const days = attributeDays(readHolidayFiles());
    expect(days.find((d) => d.date === '2018-12-29')).toEqual({ date: '2018-12-29', isOffDay: false, name: '元旦', noticeYear: 2019 });
    expect(days.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', isOffDay: false, name: '国庆节', noticeYear: 2026 });
  });

  it('seeds one official notice per year 2007-2026 with its days', async () => {
    const notices = await t.deps.db.selectFrom('holidayNotices').select(['year', 'source', 'url', 'title']).orderBy('year').execute();
    expect(notices.map((n) => n.year)).toEqual(Array.from({ length: 20 }, (_, i) => 2007 + i));
    expect(notices.every((n) => n.source === 'official-seed')).toBe(true);
    expect(notices[19].title).toBe('国务院办公厅关于2026年部分节假日安排的通知');
    expect(notices[19].url).toBe('https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm');
    const res = await t.anonymous().get('/api/calendar/years/2019');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.covered).toBe(true);
    expect(body.notice.source).toBe('official-seed');
    expect(body.specialDays[0]).toEqual({ date: '2018-12-29', isOffDay: false, name: '元旦' });
  });

  it('answers an uncovered year with covered false and no notice', async () => {
    const body = (await t.anonymous().get('/api/calendar/years/2030')).json();
    expect(body).toEqual({ year: 2030, covered: false, notice: null, specialDays: [] });
    expect((await t.anonymous().get('/api/calendar/years/1800')).json().code).toBe('VALIDATION_FAILED');
    expect((await t.anonymous().get('/api/calendar/years/abc')).statusCode).toBe(400);
  });
});

describe('GET /api/calendar/days/:date', () => {
  it('knows 2026-02-14 (Saturday) is a 调休 working day of 春节', async () => {
    const res = await t.anonymous().get('/api/calendar/days/2026-02-14');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-02-14', workingDay: true, kind: 'adjustedWorkday', name: '春节', covered: true });
  });

  it('knows holidays, weekends and ordinary days', async () => {
    expect((await t.anonymous().get('/api/calendar/days/2026-10-05')).json()).toMatchObject({ workingDay: false, kind: 'holiday', name: '国庆节' });
    expect((await t.anonymous().get('/api/calendar/days/2026-10-11')).json()).toMatchObject({ workingDay: false, kind: 'weekend', covered: true });
    expect((await t.anonymous().get('/api/calendar/days/2026-10-12')).json()).toMatchObject({ workingDay: true, kind: 'workday' });
  });

  it('refuses a bad date with 400 VALIDATION_FAILED', async () => {
    for (const d of ['2026-02-30', '2026-2-1', 'today', '20260214']) {
      const res = await t.anonymous().get(`/api/calendar/days/${d}`);
      expect(res.statusCode, d).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('adding working days and calendar days', () => {
  it('counts working days with the start day excluded and 调休 Saturdays included', async () => {
    const a = (await t.anonymous().get('/api/calendar/working-days/add?from=2026-02-13&days=1')).json();
    expect(a).toEqual({ from: '2026-02-13', days: 1, result: '2026-02-14', provisional: false, basis: '起算日不计入，第 1 个工作日' });
    const b = (await t.anonymous().get('/api/calendar/working-days/add?from=2025-09-30&days=1')).json();
    expect(b.result).toBe('2025-10-09');
    // 2026 国庆: 10-01..10-07 off, 10-10 (Saturday) 上班: 09-30, 10-08, 10-09, 10-10, 10-12, 10-13, 10-14.
    expect((await t.anonymous().get('/api/calendar/working-days/add?from=2026-09-29&days=7')).json().result).toBe('2026-10-14');
  });

  it('rolls a calendar-day period ending on a holiday to the next working day (民事诉讼法 第八十五条)', async () => {
    const r = (await t.anonymous().get('/api/calendar/calendar-days/add?from=2026-09-20&days=15')).json();
    expect(r.result).toBe('2026-10-08');
    expect(r.basis).toContain('第八十五条');
    expect(r.basis).toContain('以法定休假日后的第一日为期间届满的日期');
    expect((await t.anonymous().get('/api/calendar/calendar-days/add?from=2026-09-20&days=0')).json().result).toBe('2026-09-20');
  });

  it('marks a result in a year without a notice as provisional', async () => {
    const r = (await t.anonymous().get('/api/calendar/working-days/add?from=2027-03-01&days=5')).json();
    expect(r.provisional).toBe(true);
  });

  it('answers bad input with 400 VALIDATION_FAILED, never 5xx', async () => {
    const urls = [
      '/api/calendar/working-days/add?from=2026-02-30&days=1',
      '/api/calendar/working-days/add?from=2026-02-13&days=-1',
      '/api/calendar/working-days/add?from=2026-02-13&days=abc',
      '/api/calendar/working-days/add?from=2026-02-13&days=1.5',
      '/api/calendar/working-days/add?days=1',
      '/api/calendar/working-days/add?from=2026-02-13&days=99999',
      '/api/calendar/working-days/add?from=9999-12-31&days=3660',
      '/api/calendar/working-days/add?from=0001-01-01&days=1',
      '/api/calendar/calendar-days/add?from=2026-13-01&days=1',
      '/api/calendar/calendar-days/add?from=9999-12-31&days=10',
    ];
    for (const url of urls) {
      const res = await t.anonymous().get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('VALIDATION_FAILED');
    }
  });
});

describe('PUT /api/calendar/years/:year', () => {
  it('refuses a user without calendar.update (403)', async () => {
    const c = await t.login('county1');
    const res = await c.put('/api/calendar/years/2027', NOTICE_2027);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await t.anonymous().put('/api/calendar/years/2027', NOTICE_2027)).statusCode).toBe(401);
  });

  it('refuses a 调休上班 day on a weekday, a date outside the notice window and a duplicate (400 CALENDAR_INVALID)', async () => {
    const c = await t.login('sysadmin');
    const weekday = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, days: [...NOTICE_2027.days, { date: '2027-02-19', isOffDay: false, name: '春节' }] });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().code).toBe('CALENDAR_INVALID');
    expect(weekday.json().details).toEqual([{ path: 'body.days.13.isOffDay', message: expect.stringContaining('2027-02-19') }]);

    const outside = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, days: [{ date: '2026-11-30', isOffDay: true, name: '元旦' }] });
    expect(outside.json().code).toBe('CALENDAR_INVALID');
    const dup = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, days: [NOTICE_2027.days[0], NOTICE_2027.days[0]] });
    expect(dup.json().code).toBe('CALENDAR_INVALID');
    // A day already set by another year's notice (2018-12-30 by the 2019 notice) is not taken over silently.
    const clash = await c.put('/api/calendar/years/2018', { title: '国务院办公厅关于2018年部分节假日安排的通知（更正）', days: [{ date: '2018-12-30', isOffDay: true, name: '元旦' }] });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toMatchObject({ code: 'CALENDAR_INVALID', details: [{ path: 'body.days.0.date', message: expect.stringContaining('2019') }] });
    expect((await t.anonymous().get('/api/calendar/years/2018')).json().notice.source).toBe('official-seed');
    const bad = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, days: [{ date: '2027-02-30', isOffDay: true, name: '春节' }] });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    // Nothing was stored.
    expect((await t.anonymous().get('/api/calendar/years/2027')).json().covered).toBe(false);
  });

  it('validates pure rules without a database', () => {
    expect(validateNoticeDays(2027, [{ date: '2026-12-31', isOffDay: true, name: '元旦' }, { date: '2028-01-02', isOffDay: false, name: '元旦' }])).toEqual([]);
    expect(validateNoticeDays(2027, [{ date: '2028-02-01', isOffDay: true, name: '春节' }])).toHaveLength(1);
  });

  it('lets a system administrator enter 2027: the year becomes covered and deadlines into 2027 are recomputed', async () => {
    // Before: 2027-01-01 (Friday) counts as a working day, provisionally.
    const before = (await t.anonymous().get('/api/calendar/working-days/add?from=2026-12-28&days=7')).json();
    expect(before).toMatchObject({ result: '2027-01-06', provisional: true });
    const unit = await t.deps.db.selectFrom('units').select('id').where('kind', '=', 'countyBureau').orderBy('id').executeTakeFirstOrThrow();
    const deadline = await t.deps.db.transaction().execute((trx) =>
      openDeadline(trx, t.deps, SYSTEM_CTX, { entityType: 'complaint', entityId: 'T-2027', title: '投诉受理决定', unitId: unit.id, ruleKey: 'complaint.acceptance', startOn: '2026-12-28' }),
    );
    expect(deadline).toMatchObject({ dueOn: '2027-01-06', provisional: true });
    const cal = await loadWorkCalendar(t.deps.db);
    expect(cal.isCovered('2027-03-01')).toBe(false);

    const c = await t.login('sysadmin');
    const res = await c.put('/api/calendar/years/2027', NOTICE_2027);
    expect(res.statusCode).toBe(200);
    const year = res.json();
    expect(year.covered).toBe(true);
    expect(year.notice).toMatchObject({ year: 2027, source: 'admin', documentNo: '国办发明电〔2026〕7号', enteredBy: '系统管理员（演示）', fileId: null });
    expect(year.specialDays).toHaveLength(13);

    const after = (await t.anonymous().get('/api/calendar/working-days/add?from=2026-12-28&days=7')).json();
    expect(after).toMatchObject({ result: '2027-01-07', provisional: false });
    expect((await t.anonymous().get('/api/calendar/days/2027-02-20')).json()).toMatchObject({ kind: 'adjustedWorkday', covered: true });
    // The cached calendar was replaced.
    expect((await loadWorkCalendar(t.deps.db)).isCovered('2027-03-01')).toBe(true);

    const moved = await t.deps.db.selectFrom('deadlines').select(['dueOn', 'provisional']).where('id', '=', deadline.id).executeTakeFirstOrThrow();
    expect(moved).toEqual({ dueOn: '2027-01-07', provisional: false });
    const audits = await t.deps.db.selectFrom('auditLogs').select(['action', 'entityId', 'after']).where('action', 'in', ['calendar.setYear', 'deadline.recompute']).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['calendar.setYear', 'deadline.recompute']);
    expect(audits[0].entityId).toBe('2027');
    expect((audits[0].after as { days: unknown[] }).days).toHaveLength(13);

    // Replacing the notice replaces its days.
    const again = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, days: NOTICE_2027.days.slice(0, 3) });
    expect(again.json().specialDays).toHaveLength(3);
    expect((await t.anonymous().get('/api/calendar/days/2027-02-20')).json().kind).toBe('weekend');
  });

  it('attaches the uploaded original and serves it with an RFC 5987 file name', async () => {
    expect((await t.anonymous().get('/api/calendar/years/2027/notice-file')).statusCode).toBe(404);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const { sha256, size } = await t.deps.files.put(Readable.from([pdf]));
    const sysadmin = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'sysadmin').executeTakeFirstOrThrow();
    const county1 = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'county1').executeTakeFirstOrThrow();
    const insert = (uploadedBy: number) =>
      t.deps.db.insertInto('files').values({ sha256, size, mime: 'application/pdf', originalName: '2027年节假日安排.pdf', ownerType: null, ownerId: null, uploadedBy }).returning('id').executeTakeFirstOrThrow();
    const mine = await insert(sysadmin.id);
    const theirs = await insert(county1.id);
    const c = await t.login('sysadmin');
    const refused = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, fileId: theirs.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0].path).toBe('body.fileId');

    const ok = await c.put('/api/calendar/years/2027', { ...NOTICE_2027, fileId: mine.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().notice.fileId).toBe(mine.id);
    const file = await t.deps.db.selectFrom('files').select(['ownerType', 'ownerId']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(file).toEqual({ ownerType: 'holidayNotice', ownerId: '2027' });

    const res = await t.anonymous().get('/api/calendar/years/2027/notice-file');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2027年节假日安排.pdf')}`);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    // Re-saving the notice with the same attachment is fine.
    expect((await c.put('/api/calendar/years/2027', { ...NOTICE_2027, fileId: mine.id })).statusCode).toBe(200);
  });
});
