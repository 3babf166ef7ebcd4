import type { Deps } from '../deps';
import { chinaDate } from '../lib/clock';
import { refreshDeadlineStates } from '../modules/deadlines/deadlines.service';
import type { JobDefinition } from './scheduler';

/** Recomputes 黄灯/红灯 of every open deadline for today (China time) and sends the reminders. */
export const deadlineStatesJob: JobDefinition = {
  name: 'deadline-states',
  async run(deps: Deps): Promise<string> {
    const today = chinaDate(deps.clock.now());
    const r = await refreshDeadlineStates(deps, today);
    return `${today}: checked ${r.checked}, changed ${r.changed}, notified ${r.notified}`;
  },
};
