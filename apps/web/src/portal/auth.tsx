import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeDto } from '@zhichan/shared';
import { api, setClientHooks, setCsrfToken } from '../api/client';

interface PortalAuthValue {
  me: MeDto | null;
  ready: boolean;
  setMe: (m: MeDto | null) => void;
  logout: () => Promise<void>;
}

const Ctx = createContext<PortalAuthValue | null>(null);

export function usePortalAuth(): PortalAuthValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePortalAuth outside PortalAuthProvider');
  return v;
}

/** The public user's session (portal realm: its own cookie and CSRF token). */
export function PortalAuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<MeDto | null>(null);
  const [ready, setReady] = useState(false);

  const setMe = useCallback((m: MeDto | null) => {
    setCsrfToken(m?.csrfToken ?? null);
    setMeState(m);
  }, []);

  useEffect(() => {
    api
      .get<MeDto>('/api/portal/auth/me', undefined, { quiet: true })
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setReady(true));
    // On the portal an ended session simply shows the visitor as logged out.
    setClientHooks({
      onSessionEnd: () => setMe(null),
      refreshCsrfToken: async () => {
        const m = await api.get<MeDto>('/api/portal/auth/me', undefined, { quiet: true });
        setMe(m);
        return m.csrfToken;
      },
    });
    return () => setClientHooks({});
  }, [setMe]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/portal/auth/logout', undefined, { quiet: true });
    } catch {
      // already logged out
    }
    setMe(null);
  }, [setMe]);

  const value = useMemo(() => ({ me, ready, setMe, logout }), [me, ready, setMe, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
