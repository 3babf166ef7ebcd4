import type { RouteModule } from '../../http';

/** 专利侵权纠纷行政裁决 (issue 6): placeholder registered in app.ts, filled by the adjudication module. */
export const adjudicationRoutes: RouteModule = () => {};
