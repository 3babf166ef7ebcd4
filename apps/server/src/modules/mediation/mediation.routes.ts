import type { RouteModule } from '../../http';

/** 纠纷调解与调解员专家库 (issue 6): placeholder registered in app.ts, filled by the mediation module. */
export const mediationRoutes: RouteModule = () => {};
