import type { JobDefinition } from '../../jobs/scheduler';
import { escalateOverdueFlags } from './supervision.service';

/**
 * 挂牌督办 escalation: a flagged item still open after its 督办 date is reported once to the 督办 staff of the units
 * above the responsible unit (escalated_at marks it; reruns send nothing twice).
 */
export const supervisionEscalationJob: JobDefinition = {
  name: 'supervision-escalation',
  async run(deps): Promise<string> {
    const r = await escalateOverdueFlags(deps);
    return r.escalated === 0 ? 'nothing to do' : `escalated ${r.escalated} flags, ${r.notified} notifications`;
  },
};
