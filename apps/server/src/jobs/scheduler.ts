import { sql } from 'kysely';
import type { Deps } from '../deps';
import { calendarCoverageJob } from './calendar-coverage.job';
import { deadlineStatesJob } from './deadline-states.job';
import { outboxDeliverJob } from '../modules/outbox/outbox.job';
import { contentPublishJob } from '../modules/content/content-publish.job';
import { evidenceCleanupJob } from '../modules/submissions/evidence-cleanup.job';
import { duplicateSweepJob } from '../modules/submissions/duplicate-sweep.job';
import { publicationExpiryJob } from '../modules/publications/publication-expiry.job';
import { supervisionEscalationJob } from '../modules/supervision/supervision-escalation.job';
import { patentTasksJob } from '../modules/patents/patent-tasks.job';
import { patentMaintenanceJob } from '../modules/patents/patent-maintenance.job';

/** A scheduled job: does its work and returns a one-line summary for job_leases.last_result. */
export interface JobDefinition {
  name: string;
  run(deps: Deps): Promise<string>;
}

/** The jobs every app node schedules. A new job adds its line here. */
export const JOBS: JobDefinition[] = [
  deadlineStatesJob, calendarCoverageJob, contentPublishJob, outboxDeliverJob, evidenceCleanupJob, duplicateSweepJob, publicationExpiryJob,
  supervisionEscalationJob, patentTasksJob, patentMaintenanceJob,
];

/** The subset of a pino logger the scheduler uses (Fastify's app.log fits). */
export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const consoleLogger: SchedulerLogger = {
  info: () => {},
  error: (obj, msg) => console.error(msg ?? 'scheduler error', obj),
};

export interface SchedulerOptions {
  /** Period between runs; also the lease period, so a job runs at most once per period across all nodes. 0 disables. */
  intervalSeconds: number;
  /** This app node's identity in job_leases.holder (e.g. hostname:pid). */
  nodeId: string;
  /** Defaults to JOBS. */
  jobs?: JobDefinition[];
  logger?: SchedulerLogger;
  /** Delay before the first round, so a starting node does not compete with its own start-up; default 5 s. */
  firstRunDelayMs?: number;
}

/** While a job runs its lease is at least this long, so a slow run is not started again by another node meanwhile. */
const MIN_RUNNING_LEASE_SECONDS = 900;

function summary(text: string): string {
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/**
 * Takes the job's lease for this node, or returns false when another node holds an unexpired one.
 * The row is created once (INSERT … ON CONFLICT DO NOTHING); the conditional UPDATE is atomic on both engines
 * (PostgreSQL re-checks the WHERE after a concurrent writer commits), so exactly one node wins a free lease.
 */
export async function acquireLease(deps: Deps, name: string, nodeId: string, intervalSeconds: number): Promise<boolean> {
  const { db } = deps;
  await db.insertInto('jobLeases').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const running = Math.max(intervalSeconds, MIN_RUNNING_LEASE_SECONDS);
  const got = await db
    .updateTable('jobLeases')
    .set({
      holder: nodeId,
      leaseUntil: sql<string>`now() + ${running}::int * interval '1 second'`,
      lastStartedAt: sql<string>`now()`,
    })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('leaseUntil', '<', sql<string>`now()`), eb('holder', '=', nodeId)]))
    .returning('name')
    .executeTakeFirst();
  return !!got;
}

/**
 * Records the outcome and shortens the lease to one period after the start: the next run, on whichever node, is
 * due one period after this one began.
 */
async function finishLease(deps: Deps, name: string, nodeId: string, intervalSeconds: number, result: string): Promise<void> {
  await deps.db
    .updateTable('jobLeases')
    .set({
      lastFinishedAt: sql<string>`now()`,
      lastResult: summary(result),
      leaseUntil: sql<string>`coalesce(last_started_at, now()) + ${intervalSeconds}::int * interval '1 second'`,
    })
    .where('name', '=', name)
    .where('holder', '=', nodeId)
    .execute();
}

/**
 * Runs one job if this node gets its lease. Never throws: a failure is logged and recorded as the job's last result,
 * and the scheduler goes on. Returns whether it ran and its result.
 */
export async function runWithLease(
  deps: Deps,
  job: JobDefinition,
  nodeId: string,
  intervalSeconds: number,
  logger: SchedulerLogger = consoleLogger,
): Promise<{ ran: boolean; ok?: boolean; result?: string }> {
  let leased = false;
  try {
    leased = await acquireLease(deps, job.name, nodeId, intervalSeconds);
    if (!leased) return { ran: false };
    const result = await job.run(deps);
    await finishLease(deps, job.name, nodeId, intervalSeconds, `ok: ${result}`);
    logger.info({ job: job.name, result }, 'job finished');
    return { ran: true, ok: true, result };
  } catch (err) {
    logger.error({ err, job: job.name }, 'job failed');
    const message = `error: ${err instanceof Error ? err.message : String(err)}`;
    if (leased) await finishLease(deps, job.name, nodeId, intervalSeconds, message).catch((e) => logger.error({ err: e, job: job.name }, 'could not record job failure'));
    return { ran: leased, ok: false, result: message };
  }
}

/**
 * Runs a job now, on this node, without waiting for a lease (tests and the operator's CLI). The outcome is recorded
 * in job_leases; an error is recorded and rethrown.
 */
export async function runJobOnce(deps: Deps, name: string, jobs: JobDefinition[] = JOBS): Promise<string> {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`unknown job: ${name} (known: ${jobs.map((j) => j.name).join(', ')})`);
  const { db } = deps;
  await db.insertInto('jobLeases').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  await db.updateTable('jobLeases').set({ lastStartedAt: sql<string>`now()` }).where('name', '=', name).execute();
  try {
    const result = await job.run(deps);
    await db.updateTable('jobLeases').set({ lastFinishedAt: sql<string>`now()`, lastResult: summary(`ok: ${result}`) }).where('name', '=', name).execute();
    return result;
  } catch (err) {
    const message = `error: ${err instanceof Error ? err.message : String(err)}`;
    await db.updateTable('jobLeases').set({ lastFinishedAt: sql<string>`now()`, lastResult: summary(message) }).where('name', '=', name).execute();
    throw err;
  }
}

/**
 * Starts the in-process scheduler: every `intervalSeconds` it runs each job whose lease this node gets, one after the
 * other. Safe with several app nodes on one database. Timers are unref()'d, so they never keep the process alive.
 * The returned function stops the scheduler and waits for a running job to finish.
 */
export function startScheduler(deps: Deps, opts: SchedulerOptions): () => Promise<void> {
  const { intervalSeconds, nodeId } = opts;
  if (!(intervalSeconds > 0)) return async () => {};
  const jobs = opts.jobs ?? JOBS;
  const logger = opts.logger ?? consoleLogger;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const round = async () => {
    for (const job of jobs) {
      if (stopped) return;
      await runWithLease(deps, job, nodeId, intervalSeconds, logger);
    }
  };

  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      timer = null;
      running = round()
        .catch((err) => logger.error({ err }, 'scheduler round failed'))
        .finally(() => {
          running = null;
          if (!stopped) schedule(intervalSeconds * 1000);
        });
    }, delayMs);
    timer.unref();
  };

  schedule(opts.firstRunDelayMs ?? 5000);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    if (running) await running;
  };
}
