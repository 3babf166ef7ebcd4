import { z } from 'zod';

/**
 * 较低数额罚款 (总局令第45号 第十三条第二款): a fine at or below this amount is published for three months instead of three
 * years. The figure is set by the provincial bureau; Shandong's was not found in the sources available
 * (shared/reference/legal-rules.md §1.7 has none), so it is configuration:
 *
 *   PENALTY_PUBLICATION_LOW_FINE_YUAN=10000   (yuan; empty or unset = not configured)
 *
 * Default: not configured. Then no fine counts as low and fines are suggested for three years — the period the rule
 * gives to "other" penalties; the officer can still choose three months in the publish drawer where the provincial
 * rule allows it. Read at each use, so a changed setting needs no migration.
 */
const Threshold = z.coerce.number().finite().min(0).max(100_000_000);

export function lowFineThresholdYuan(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.PENALTY_PUBLICATION_LOW_FINE_YUAN;
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = Threshold.safeParse(raw.trim());
  // A malformed value is treated as not configured (three years), the conservative reading of 第十三条.
  return parsed.success ? parsed.data : null;
}
