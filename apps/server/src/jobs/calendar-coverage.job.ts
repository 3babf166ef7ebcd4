import type { Deps } from '../deps';
import { chinaDate } from '../lib/clock';
import { calendarRepository } from '../modules/calendar/calendar.repository';
import { sendNotifications, usersHoldingPermission } from '../modules/notifications/notifications.service';
import type { JobDefinition } from './scheduler';

/**
 * The State Council publishes next year's 节假日安排 around November. From November 1 on, if next year has no notice,
 * everyone who may enter it (calendar.update) is reminded once per year (dedupe key calendar:missing:<year>): until it
 * is entered, deadlines reaching into next year count weekends only and are shown as 暂定.
 */
export async function checkCalendarCoverage(deps: Deps, today: string): Promise<{ year: number | null; notified: number }> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (month < 11) return { year: null, notified: 0 };
  const next = year + 1;
  if (await calendarRepository.noticeExists(deps.db, next)) return { year: next, notified: 0 };
  const notified = await deps.db.transaction().execute(async (trx) => {
    const userIds = await usersHoldingPermission(trx, 'calendar.update');
    return sendNotifications(
      trx,
      userIds.map((userId) => ({
        userId,
        kind: 'calendar.missingYear',
        title: `【提醒】尚未录入${next}年节假日安排`,
        body: `系统中还没有${next}年的节假日安排。国务院办公厅发布《关于${next}年部分节假日安排的通知》后，请在“节假日与工作日”中录入（可上传通知原文）。录入前，跨入${next}年的办理期限只按周末计算，显示为“暂定”。`,
        link: `/admin/calendar?year=${next}`,
        dedupeKey: `calendar:missing:${next}`,
      })),
    );
  });
  return { year: next, notified };
}

export const calendarCoverageJob: JobDefinition = {
  name: 'calendar-coverage',
  async run(deps: Deps): Promise<string> {
    const today = chinaDate(deps.clock.now());
    const r = await checkCalendarCoverage(deps, today);
    return r.year === null ? `${today}: not yet November` : `${today}: year ${r.year}, notified ${r.notified}`;
  },
};
