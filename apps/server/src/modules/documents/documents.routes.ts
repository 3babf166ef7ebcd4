import type { RouteModule } from '../../http';

// Placeholder: filled in by the enforcement work (issue 4).
export const documentRoutes: RouteModule = () => {};
