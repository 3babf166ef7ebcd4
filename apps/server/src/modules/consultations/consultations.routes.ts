import type { RouteModule } from '../../http';

/** Placeholder: filled in by issue 3. */
export const consultationRoutes: RouteModule = () => {};
