import { useEffect, useState } from 'react';
import { api, isApiError, type Query } from '../../../api/client';

export interface PublicState<T> {
  data: T | null;
  loading: boolean;
  /** Chinese message, or null. */
  error: string | null;
  notFound: boolean;
}

/**
 * GET a public endpoint, re-fetching when the path or query changes. No antd (the portal's content pages are plain):
 * errors are returned for the page to show in place.
 */
export function usePublicGet<T>(path: string | null, query?: Query): PublicState<T> {
  const key = path ? path + JSON.stringify(query ?? {}) : '';
  const [state, setState] = useState<PublicState<T>>({ data: null, loading: !!path, error: null, notFound: false });
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, notFound: false }));
    api
      .get<T>(path, query, { signal: ctl.signal, quiet: true })
      .then((data) => setState({ data, loading: false, error: null, notFound: false }))
      .catch((e: unknown) => {
        if ((e as Error)?.name === 'AbortError') return;
        setState({
          data: null,
          loading: false,
          error: isApiError(e) ? e.message : '加载失败，请稍后再试',
          notFound: isApiError(e) && e.status === 404,
        });
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
