import type { Deps } from '../../deps';
import type { JobDefinition } from '../../jobs/scheduler';
import { chinaDate } from '../../lib/clock';
import { unsafeCompleteAnnouncementPeriods } from '../service/service.service';
import { unsafeExpirePublications } from './publications.service';

/**
 * Ends public notices whose time has passed:
 * - penalty publications whose period (three months or three years, 总局令第45号 第十三条) ended before today → expired,
 *   no longer on the portal (the portal also hides them on the day after expires_on without waiting for this job);
 * - 公告送达 whose thirty days have run (民事诉讼法 第九十五条) → the announcement period is completed and the service
 *   record gets its 送达日期.
 */
export const publicationExpiryJob: JobDefinition = {
  name: 'publication-expiry',
  async run(deps: Deps): Promise<string> {
    const today = chinaDate(deps.clock.now());
    const expired = await unsafeExpirePublications(deps, today);
    const served = await unsafeCompleteAnnouncementPeriods(deps, today);
    return `expired ${expired} publications, ${served} announcements deemed served`;
  },
};
