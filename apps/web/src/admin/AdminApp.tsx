import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { useDocumentTitle, useSite } from '../api/site';
import { AppProviders } from '../ui/AppProviders';
import { AdminLayout } from './AdminLayout';
import { AuthProvider, useAuth, type LoginRedirectState } from './auth';
import { ChangePasswordPage } from './ChangePasswordPage';
import { LoginPage } from './LoginPage';
import { PAGES, type PageDef } from './routes';

function FullScreenSpin() {
  return (
    <div className="zc-center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

/** Logged-in staff only; a forced password change comes before everything else. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me, initializing, startError, retry } = useAuth();
  const location = useLocation();
  if (initializing) return <FullScreenSpin />;
  if (startError) {
    return (
      <Result
        status="500"
        title="无法连接服务器"
        subTitle="请检查网络连接，或稍后再试。"
        extra={
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me) {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

function PageGuard({ page }: { page: PageDef }) {
  const { can } = useAuth();
  if (page.permission && !can(page.permission)) {
    return <Result status="403" title="没有访问权限" subTitle="您的角色未包含访问此页面所需的权限，如需使用请联系安全管理员。" />;
  }
  const C = page.component;
  return <C />;
}

function LoginRoute() {
  const { initializing } = useAuth();
  return initializing ? <FullScreenSpin /> : <LoginPage />;
}

function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" />;
}

function AdminTitle() {
  useDocumentTitle(useSite(), '管理端');
  return null;
}

export function AdminApp() {
  return (
    <AppProviders>
      <BrowserRouter basename="/admin">
        <AuthProvider>
          <AdminTitle />
          <Routes>
            <Route path="/login" element={<LoginRoute />} />
            <Route
              element={
                <RequireAuth>
                  <AdminLayout />
                </RequireAuth>
              }
            >
              {PAGES.map((p) =>
                p.path === '' ? (
                  <Route key="home" index element={<PageGuard page={p} />} />
                ) : (
                  <Route key={p.path} path={p.path} element={<PageGuard page={p} />} />
                ),
              )}
              <Route path="password" element={<ChangePasswordPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </AppProviders>
  );
}
