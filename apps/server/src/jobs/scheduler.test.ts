import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { checkCalendarCoverage } from './calendar-coverage.job';
import { runJobOnce, runWithLease, startScheduler, type JobDefinition } from './scheduler';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { info: () => {}, error: () => {} };

function countingJob(name: string, ms = 20) {
  const state = { runs: 0, active: 0, maxActive: 0, nodes: [] as string[] };
  const job: JobDefinition = {
    name,
    async run() {
      state.runs++;
      state.active++;
      state.maxActive = Math.max(state.maxActive, state.active);
      await sleep(ms);
      state.active--;
      return `run ${state.runs}`;
    },
  };
  return { job, state };
}

async function lease(name: string) {
  return t.deps.db.selectFrom('jobLeases').selectAll().where('name', '=', name).executeTakeFirst();
}

describe('job leases', () => {
  it('lets only one of two nodes run a job per lease period', async () => {
    const { job, state } = countingJob('test-lease');
    const a = await runWithLease(t.deps, job, 'node-a', 1, quiet);
    const b = await runWithLease(t.deps, job, 'node-b', 1, quiet);
    expect(a).toMatchObject({ ran: true, ok: true, result: 'run 1' });
    expect(b).toEqual({ ran: false });
    expect(state.runs).toBe(1);
    const row = await lease('test-lease');
    expect(row).toMatchObject({ holder: 'node-a', lastResult: 'ok: run 1' });
    expect(row!.lastFinishedAt).not.toBeNull();
    // Once the period has passed, the other node may take it.
    await sleep(1100);
    expect((await runWithLease(t.deps, job, 'node-b', 1, quiet)).ran).toBe(true);
    expect((await runWithLease(t.deps, job, 'node-a', 1, quiet)).ran).toBe(false);
    expect((await lease('test-lease'))!.holder).toBe('node-b');
  });

  it('runs two schedulers on one database without running a job twice in a period', async () => {
    const { job, state } = countingJob('test-two-schedulers', 50);
    const stopA = startScheduler(t.deps, { intervalSeconds: 60, nodeId: 'node-a', jobs: [job], logger: quiet, firstRunDelayMs: 0 });
    const stopB = startScheduler(t.deps, { intervalSeconds: 60, nodeId: 'node-b', jobs: [job], logger: quiet, firstRunDelayMs: 0 });
    await sleep(600);
    await Promise.all([stopA(), stopB()]);
    expect(state.runs).toBe(1);
    expect(state.maxActive).toBe(1);
    expect(['node-a', 'node-b']).toContain((await lease('test-two-schedulers'))!.holder);
  });

  it('records a failing job without throwing and goes on with the next job', async () => {
    const failing: JobDefinition = { name: 'test-failing', run: async () => { throw new Error('boom'); } };
    const { job: next, state } = countingJob('test-after-failure');
    const errors: unknown[] = [];
    const stop = startScheduler(t.deps, { intervalSeconds: 60, nodeId: 'node-f', jobs: [failing, next], logger: { info: () => {}, error: (o) => errors.push(o) }, firstRunDelayMs: 0 });
    await sleep(400);
    await stop();
    expect(errors).toHaveLength(1);
    expect((await lease('test-failing'))!.lastResult).toBe('error: boom');
    expect(state.runs).toBe(1);
  });

  it('stop() waits for the running job to finish', async () => {
    const { job, state } = countingJob('test-stop', 300);
    const stop = startScheduler(t.deps, { intervalSeconds: 60, nodeId: 'node-s', jobs: [job], logger: quiet, firstRunDelayMs: 0 });
    await sleep(100);
    expect(state.active).toBe(1);
    await stop();
    expect(state.active).toBe(0);
    expect(state.runs).toBe(1);
    expect((await lease('test-stop'))!.lastResult).toBe('ok: run 1');
  });

  it('does nothing when the interval is 0', async () => {
    const { job, state } = countingJob('test-disabled');
    const stop = startScheduler(t.deps, { intervalSeconds: 0, nodeId: 'node-x', jobs: [job], logger: quiet, firstRunDelayMs: 0 });
    await sleep(50);
    await stop();
    expect(state.runs).toBe(0);
  });
});

describe('the platform jobs', () => {
  it('runs deadline-states once on request and records it', async () => {
    const result = await runJobOnce(t.deps, 'deadline-states');
    expect(result).toMatch(/^2026-11-20: checked \d+, changed \d+, notified \d+$/);
    expect((await lease('deadline-states'))!.lastResult).toBe(`ok: ${result}`);
    await expect(runJobOnce(t.deps, 'no-such-job')).rejects.toThrow('unknown job');
  });

  it('reminds the calendar administrators from November on, once per year', async () => {
    expect(await checkCalendarCoverage(t.deps, '2026-10-31')).toEqual({ year: null, notified: 0 });
    const first = await runJobOnce(t.deps, 'calendar-coverage');
    expect(first).toBe('2026-11-20: year 2027, notified 1');
    const notes = await t.deps.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.username', 'notifications.title', 'notifications.body', 'notifications.kind'])
      .where('notifications.dedupeKey', '=', 'calendar:missing:2027')
      .execute();
    expect(notes).toEqual([{ username: 'sysadmin', title: '【提醒】尚未录入2027年节假日安排', body: expect.stringContaining('节假日与工作日'), kind: 'calendar.missingYear' }]);
    expect(await checkCalendarCoverage(t.deps, '2026-12-15')).toEqual({ year: 2027, notified: 0 });
    // 2026 has its notice: nothing to say in November 2025.
    expect(await checkCalendarCoverage(t.deps, '2025-11-02')).toEqual({ year: 2026, notified: 0 });
  });
});
