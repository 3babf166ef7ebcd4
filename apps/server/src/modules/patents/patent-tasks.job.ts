import type { JobDefinition } from '../../jobs/scheduler';
import { runPatentTasks } from './patent-tasks';

/**
 * Runs the patent runner from the scheduler, so queued imports, reclassifications and reports survive a restart, and
 * re-queues work whose node stopped reporting for 10 minutes (see patent-tasks.ts). Joins the loop when it already runs.
 */
export const patentTasksJob: JobDefinition = { name: 'patent-tasks', run: (deps) => runPatentTasks(deps) };
