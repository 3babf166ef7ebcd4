import type { JobDefinition } from '../../jobs/scheduler';

// Placeholder: filled in by the enforcement work (issue 4): escalates overdue 挂牌督办 items.
export const supervisionEscalationJob: JobDefinition = {
  name: 'supervision-escalation',
  async run(): Promise<string> {
    return 'nothing to do';
  },
};
