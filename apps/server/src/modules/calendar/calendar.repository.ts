import { sql } from 'kysely';
import type { Executor } from '../../db/database';

export interface CalendarDayRow {
  date: string;
  isOffDay: boolean;
  name: string;
  noticeYear: number;
}

/** Queries of the calendar module (holiday_notices, calendar_days). The calendar is public data: no scope applies. */
export const calendarRepository = {
  /** Every notice's year and entry time: the cache stamp of the in-memory calendar. */
  listNoticeStamps(db: Executor) {
    return db.selectFrom('holidayNotices').select(['year', 'enteredAt']).orderBy('year').execute();
  },

  noticeExists(db: Executor, year: number) {
    return db.selectFrom('holidayNotices').select('year').where('year', '=', year).executeTakeFirst().then((r) => !!r);
  },

  listAllDays(db: Executor): Promise<CalendarDayRow[]> {
    return db.selectFrom('calendarDays').select(['date', 'isOffDay', 'name', 'noticeYear']).orderBy('date').execute();
  },

  /** The notice of a year with the name of whoever entered it. */
  findNotice(db: Executor, year: number) {
    return db
      .selectFrom('holidayNotices')
      .leftJoin('users', 'users.id', 'holidayNotices.enteredBy')
      .select([
        'holidayNotices.year', 'holidayNotices.title', 'holidayNotices.documentNo', 'holidayNotices.url', 'holidayNotices.source',
        'holidayNotices.fileId', 'holidayNotices.enteredBy', 'holidayNotices.enteredAt', 'users.displayName as enteredByName',
      ])
      .where('holidayNotices.year', '=', year)
      .executeTakeFirst();
  },

  /** The days a year's notice sets (its own year plus late-December / early-January spill-over). */
  listDaysOfNotice(db: Executor, year: number): Promise<CalendarDayRow[]> {
    return db.selectFrom('calendarDays').select(['date', 'isOffDay', 'name', 'noticeYear']).where('noticeYear', '=', year).orderBy('date').execute();
  },

  /** Days in [from, to] that belong to another year's notice. */
  listDaysOwnedByOthers(db: Executor, year: number, from: string, to: string): Promise<CalendarDayRow[]> {
    return db
      .selectFrom('calendarDays')
      .select(['date', 'isOffDay', 'name', 'noticeYear'])
      .where('noticeYear', '!=', year)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
  },

  upsertNotice(
    db: Executor,
    row: { year: number; title: string; documentNo: string | null; url: string | null; source: 'official-seed' | 'admin'; fileId: number | null; enteredBy: number | null; enteredAt?: string },
  ) {
    return db
      .insertInto('holidayNotices')
      .values(row)
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          title: row.title,
          documentNo: row.documentNo,
          url: row.url,
          source: row.source,
          fileId: row.fileId,
          enteredBy: row.enteredBy,
          enteredAt: row.enteredAt ?? sql<string>`now()`,
        }),
      )
      .execute();
  },

  deleteDaysOfNotice(db: Executor, year: number) {
    return db.deleteFrom('calendarDays').where('noticeYear', '=', year).execute();
  },

  insertDays(db: Executor, rows: CalendarDayRow[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('calendarDays').values(rows).execute();
  },

  findFile(db: Executor, id: number) {
    return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  },

  setFileOwner(db: Executor, id: number, ownerType: string, ownerId: string) {
    return db.updateTable('files').set({ ownerType, ownerId }).where('id', '=', id).execute();
  },
};
