import type { JobDefinition } from '../../jobs/scheduler';

// Placeholder: written by the import engineer (issue 5).
export const patentTasksJob: JobDefinition = { name: 'patent-tasks', run: async () => 'nothing to do' };
