/**
 * The portal: one BrowserRouter over PORTAL_ROUTES (routes.tsx) inside the shared layout.
 *
 * First-load budget (docs/benchmarks.md "Portal first load"): the shell and the home page are plain React + CSS.
 * antd (with its zh_CN locale and dayjs) is loaded with the first page or section that uses it: every route not marked
 * `bare` is wrapped in the lazy AntdScope, and the home page's tool and directory sections wrap themselves.
 */
import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { PortalAuthProvider } from './auth';
import { AntdScope, PageFallback } from './AntdScope';
import { PortalLayout } from './PortalLayout';
import { PORTAL_ROUTES, type PortalRoute } from './routes';
import NotFoundPage from './pages/NotFoundPage';

function RouteElement({ route }: { route: PortalRoute }) {
  const C = route.component;
  // Plain pages (the home page, the content pages) render without antd; every other page gets the antd providers.
  if (route.bare) {
    return (
      <Suspense fallback={<PageFallback />}>
        <C key={route.path} />
      </Suspense>
    );
  }
  return (
    <AntdScope>
      <C key={route.path} />
    </AntdScope>
  );
}

export function PortalApp() {
  return (
    <BrowserRouter>
      <PortalAuthProvider>
        <Routes>
          <Route element={<PortalLayout />}>
            {PORTAL_ROUTES.map((r) => (
              <Route key={r.path} path={r.path} element={<RouteElement route={r} />} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </PortalAuthProvider>
    </BrowserRouter>
  );
}
