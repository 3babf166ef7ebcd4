import type { Deps } from '../../deps';
import type { JobDefinition } from '../../jobs/scheduler';
import { publishDueArticles } from './content.service';

/** Publishes scheduled articles (定时发布) whose time has passed. */
export const contentPublishJob: JobDefinition = {
  name: 'content-publish',
  async run(deps: Deps): Promise<string> {
    const r = await publishDueArticles(deps);
    return `published ${r.published}`;
  },
};
