import type { JobDefinition } from '../../jobs/scheduler';

// Placeholder: written by the statistics engineer (issue 5).
export const patentMaintenanceJob: JobDefinition = { name: 'patent-maintenance', run: async () => 'nothing to do' };
