import type { Deps } from '../../deps';
import type { JobDefinition } from '../../jobs/scheduler';
import { purgeExpiredUploads } from './submissions.service';

/** Deletes evidence uploads never attached to a submission within EVIDENCE_UPLOAD_TTL_HOURS, and their content. */
export const evidenceCleanupJob: JobDefinition = {
  name: 'evidence-cleanup',
  async run(deps: Deps): Promise<string> {
    let uploads = 0;
    let blobs = 0;
    // Batches keep each transaction short; a round ends when a batch comes back short.
    for (let i = 0; i < 20; i++) {
      const r = await purgeExpiredUploads(deps);
      uploads += r.uploads;
      blobs += r.blobs;
      if (r.uploads < 1000) break;
    }
    return `deleted ${uploads} expired uploads, ${blobs} blobs`;
  },
};
