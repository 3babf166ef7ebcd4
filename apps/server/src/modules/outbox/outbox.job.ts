import type { JobDefinition } from '../../jobs/scheduler';
import { deliverOutbox } from './outbox.service';

/** Sends the due outbox messages (SMS, e-mail, in-app) and retries failed ones with back-off. */
export const outboxDeliverJob: JobDefinition = {
  name: 'outbox-deliver',
  async run(deps) {
    const r = await deliverOutbox(deps);
    return `claimed ${r.claimed}, sent ${r.sent}, failed ${r.failed}, dead ${r.dead}`;
  },
};
