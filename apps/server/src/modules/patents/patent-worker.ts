import os from 'node:os';

/**
 * This app node, as recorded in the `worker` column of patent_import_jobs and patent_reports. One definition for the
 * runner (patent-tasks.ts) and the report service, which patent-tasks.ts imports (so the id cannot live there).
 */
export const WORKER_ID = `${os.hostname()}:${process.pid}`;
