import type { RouteModule } from '../../http';

// Placeholder: written by the issue-5 engineer who owns this file.
export const patentImportRoutes: RouteModule = () => {};
