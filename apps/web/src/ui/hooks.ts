import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@zhichan/shared';
import { api, type Query } from '../api/client';
import { showError } from './feedback';

/** Loads data when deps change; errors are shown as a message. */
export function useRequest<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
  options: { enabled?: boolean; onError?: (e: unknown) => void } = {},
) {
  const { enabled = true } = options;
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState<boolean>(enabled);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const onErrorRef = useRef(options.onError);
  onErrorRef.current = options.onError;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    fnRef
      .current(ctl.signal)
      .then((d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted || (e as Error)?.name === 'AbortError') return;
        setError(e);
        if (onErrorRef.current) onErrorRef.current(e);
        else showError(e, '加载失败，请稍后再试');
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, enabled]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, setData, loading, error, reload };
}

/** A server-paged list (Page<T>) with filters; resets to page 1 when the filters change. */
export function usePagedList<T>(url: string, filters: Query, initialPageSize = 20, enabled = true) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const filterKey = JSON.stringify(filters);
  const lastFilterKey = useRef(filterKey);
  if (lastFilterKey.current !== filterKey) {
    lastFilterKey.current = filterKey;
    if (page !== 1) setPage(1);
  }
  const req = useRequest<Page<T>>(
    (signal) => api.get<Page<T>>(url, { ...filters, page, pageSize }, { signal }),
    [url, filterKey, page, pageSize],
    { enabled },
  );
  const pagination = {
    current: page,
    pageSize,
    total: req.data?.total ?? 0,
    showSizeChanger: true,
    showTotal: (total: number) => `共 ${total} 条`,
    onChange: (p: number, ps: number) => {
      if (ps !== pageSize) {
        setPageSize(ps);
        setPage(1);
      } else setPage(p);
    },
  };
  return { ...req, items: req.data?.items ?? [], page, pageSize, setPage, pagination };
}
