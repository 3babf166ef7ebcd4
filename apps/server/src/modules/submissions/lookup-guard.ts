import { AppError } from '../../errors';
import type { Deps } from '../../deps';

/** The window over which failed lookups are counted (INTAKE_LOOKUP_FAILURES_PER_10MIN). */
export const LOOKUP_WINDOW_MS = 600_000;

/** Errors thrown for a wrong receipt number or lookup code; only these count as failures. */
const misses = new WeakSet<Error>();

/** The one answer for an unknown receipt number and a wrong code, so neither can be told apart. */
export function lookupMiss(): AppError {
  const e = new AppError('NOT_FOUND', { message: '受理编号或查询码不正确' });
  misses.add(e);
  return e;
}

/**
 * Runs a lookup by receipt number and lookup code under the guessing limit. Failed lookups are counted per address in
 * submission_lookup_failures (not in this node's memory), so the limit holds however many app nodes answer. The
 * failure is recorded on deps.db after `fn` has thrown, i.e. after a transaction inside it has rolled back, so it
 * survives that rollback. Concurrent guesses from one address may overshoot the limit by the number in flight.
 */
export async function guardedLookup<T>(deps: Deps, ip: string | null, fn: () => Promise<T>): Promise<T> {
  const key = ip ?? 'unknown';
  const max = deps.config.intakeLookupFailuresPer10Min;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - LOOKUP_WINDOW_MS).toISOString();
  if (max > 0) {
    const row = await deps.db
      .selectFrom('submissionLookupFailures')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('ip', '=', key)
      .where('failedAt', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= max) throw new AppError('RATE_LIMITED', { message: '查询失败次数过多，请 10 分钟后再试' });
  }
  try {
    return await fn();
  } catch (e) {
    if (max > 0 && e instanceof Error && misses.has(e)) {
      // Lazy purge: rows older than the window no longer count for anyone.
      await deps.db.deleteFrom('submissionLookupFailures').where('failedAt', '<=', since).execute();
      await deps.db.insertInto('submissionLookupFailures').values({ ip: key, failedAt: now.toISOString() }).execute();
    }
    throw e;
  }
}
