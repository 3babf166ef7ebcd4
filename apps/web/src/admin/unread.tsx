import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, BACKGROUND_HEADER } from '../api/client';

interface UnreadContextValue {
  count: number;
  refresh: () => void;
}

const UnreadContext = createContext<UnreadContextValue>({ count: 0, refresh: () => undefined });

export const useUnread = () => useContext(UnreadContext);

const POLL_MS = 60_000;

/** Unread notification count for the header bell, polled every 60 s while the tab is visible. */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState(0);

  const fetchCount = useCallback((background: boolean) => {
    api
      .get<{ count: number }>('/api/notifications/unread-count', undefined, {
        headers: background ? BACKGROUND_HEADER : undefined,
      })
      .then((r) => setCount(r.count))
      .catch(() => undefined); // a failed poll is not worth a message; session ends are handled by the client hooks
  }, []);

  useEffect(() => {
    fetchCount(false);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') fetchCount(true);
    }, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && fetchCount(true);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [fetchCount]);

  const refresh = useCallback(() => fetchCount(false), [fetchCount]);
  return <UnreadContext.Provider value={{ count, refresh }}>{children}</UnreadContext.Provider>;
}
