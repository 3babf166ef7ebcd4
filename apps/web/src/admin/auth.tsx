import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { MeDto, Permission } from '@zhichan/shared';
import { api, isApiError, setClientHooks, setCsrfToken } from '../api/client';

export interface AuthContextValue {
  me: MeDto | null;
  /** true until GET /api/auth/me has answered. */
  initializing: boolean;
  /** Start-up failed for a reason other than "not logged in" (server down). */
  startError: unknown;
  /** Why the last session ended, when the server said so at start-up (SESSION_EXPIRED, SESSION_REVOKED). */
  endReason: string | null;
  setMe: (me: MeDto | null) => void;
  can: (p: Permission) => boolean;
  canAny: (ps: Permission[]) => boolean;
  logout: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The logged-in staff user; only used below RequireAuth. */
export function useMe(): MeDto {
  const { me } = useAuth();
  if (!me) throw new Error('not logged in');
  return me;
}

export interface LoginRedirectState {
  from?: string;
  reason?: string;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<MeDto | null>(null);
  const [initializing, setInitializing] = useState(true);
  const [startError, setStartError] = useState<unknown>(null);
  const [endReason, setEndReason] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();

  const setMe = useCallback((m: MeDto | null) => {
    setCsrfToken(m?.csrfToken ?? null);
    setMeState(m);
  }, []);

  useEffect(() => {
    let alive = true;
    setInitializing(true);
    api
      .get<MeDto>('/api/auth/me', undefined, { quiet: true })
      .then((m) => {
        if (!alive) return;
        setMe(m);
        setStartError(null);
      })
      .catch((e: unknown) => {
        if (!alive) return;
        setMe(null);
        if (isApiError(e) && (e.status === 401 || e.status === 403)) {
          setStartError(null);
          if (e.code === 'SESSION_EXPIRED' || e.code === 'SESSION_REVOKED') setEndReason(e.code);
        } else setStartError(e);
      })
      .finally(() => alive && setInitializing(false));
    return () => {
      alive = false;
    };
  }, [attempt, setMe]);

  // Session hooks of the API client: a session that ended sends the user to the login page,
  // a required password change to the change-password page.
  useEffect(() => {
    setClientHooks({
      onSessionEnd: (err) => {
        setMe(null);
        const here = window.location.pathname.replace(/^\/admin/, '') || '/';
        if (here.startsWith('/login')) return;
        const state: LoginRedirectState = { from: here + window.location.search, reason: err.code };
        navigate('/login', { replace: true, state });
      },
      refreshCsrfToken: async () => {
        const m = await api.get<MeDto>('/api/auth/me', undefined, { quiet: true });
        setMe(m);
        return m.csrfToken;
      },
      onPasswordChangeRequired: () => {
        setMeState((m) => (m ? { ...m, mustChangePassword: true } : m));
        navigate('/password', { replace: true });
      },
    });
    return () => setClientHooks({});
  }, [navigate, setMe]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { quiet: true });
    } catch {
      // the session may already be gone; the user is logged out either way
    }
    setMe(null);
    navigate('/login', { replace: true });
  }, [navigate, setMe]);

  const value = useMemo<AuthContextValue>(() => {
    const perms = new Set<string>(me?.permissions ?? []);
    return {
      me,
      initializing,
      startError,
      endReason,
      setMe,
      can: (p) => perms.has(p),
      canAny: (ps) => ps.some((p) => perms.has(p)),
      logout,
      retry: () => setAttempt((a) => a + 1),
    };
  }, [me, initializing, startError, endReason, setMe, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
