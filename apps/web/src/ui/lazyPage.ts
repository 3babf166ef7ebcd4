import { lazy, type ComponentType } from 'react';

const RELOAD_FLAG = 'zc-chunk-reload';

/**
 * React.lazy for route pages that survives a deployment: when a page's chunk from the previous build is gone
 * (404 after a rebuild), reload once so the browser fetches the new index and chunk names.
 */
export function lazyPage<T extends ComponentType>(loader: () => Promise<{ default: T }>) {
  return lazy(async () => {
    try {
      const mod = await loader();
      sessionStorage.removeItem(RELOAD_FLAG);
      return mod;
    } catch (err) {
      if (!sessionStorage.getItem(RELOAD_FLAG)) {
        sessionStorage.setItem(RELOAD_FLAG, '1');
        window.location.reload();
        // Keep Suspense waiting while the page reloads.
        return new Promise<{ default: T }>(() => {});
      }
      throw err;
    }
  });
}
