import type { Clock } from '../../lib/clock';

/**
 * A per-key counter over a fixed window, in this node's memory. Used against floods of uploads and captcha requests;
 * submissions (submissions.ip) and failed lookups (submission_lookup_failures, lookup-guard.ts) are counted in the
 * database, which holds across app nodes. A restart forgets the counts, which only ever lets someone through sooner.
 */
export class WindowCounter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly max: number,
  ) {}

  private entry(key: string) {
    const now = this.clock.now().getTime();
    let e = this.hits.get(key);
    if (!e || e.resetAt <= now) {
      e = { count: 0, resetAt: now + this.windowMs };
      this.hits.set(key, e);
      if (this.hits.size > 50_000) this.sweep(now);
    }
    return e;
  }

  private sweep(now: number) {
    for (const [k, e] of this.hits) if (e.resetAt <= now) this.hits.delete(k);
  }

  /** True when the key has used up its allowance in the current window. */
  exceeded(key: string): boolean {
    return this.max > 0 && this.entry(key).count >= this.max;
  }

  /** Counts one hit; returns false when the allowance was already used up. */
  hit(key: string): boolean {
    if (this.max <= 0) return true;
    const e = this.entry(key);
    if (e.count >= this.max) return false;
    e.count++;
    return true;
  }
}
