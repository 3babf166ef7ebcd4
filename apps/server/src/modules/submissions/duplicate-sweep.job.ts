import type { Deps } from '../../deps';
import type { JobDefinition } from '../../jobs/scheduler';
import { sweepDuplicates } from './intake-writer';

/**
 * Finds the possible duplicates of submissions that no sweep has checked yet. The intake writer sweeps right after
 * each commit; this catches what a stopped or crashed process left unchecked.
 */
export const duplicateSweepJob: JobDefinition = {
  name: 'submission-duplicate-sweep',
  async run(deps: Deps): Promise<string> {
    let checked = 0;
    for (let i = 0; i < 100; i++) {
      const n = await sweepDuplicates(deps);
      checked += n;
      if (n === 0) break;
    }
    return `checked ${checked} submissions for possible duplicates`;
  },
};
