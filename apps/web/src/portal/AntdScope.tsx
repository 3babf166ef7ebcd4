import { Suspense, type ReactNode } from 'react';
import { lazyWithProps } from './lazyWithProps';

/** antd ConfigProvider (zh_CN, theme), antd App and dayjs zh-cn — fetched with the first page that needs them. */
const AppProviders = lazyWithProps<{ children: ReactNode }>(() => import('../ui/AppProviders').then((m) => ({ default: m.AppProviders })));

export function PageFallback() {
  return (
    <div className="zp-page-loading" role="status" aria-live="polite">
      正在加载…
    </div>
  );
}

/** Wrap antd content of the portal (pages, lazy home sections, the login dialog). */
export function AntdScope({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <Suspense fallback={fallback ?? <PageFallback />}>
      <AppProviders>{children}</AppProviders>
    </Suspense>
  );
}
