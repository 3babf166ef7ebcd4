import type { JobDefinition } from '../../jobs/scheduler';

// Placeholder: filled in by the enforcement work (issue 4): ends publications whose period has passed.
export const publicationExpiryJob: JobDefinition = {
  name: 'publication-expiry',
  async run(): Promise<string> {
    return 'nothing to do';
  },
};
