/** Small pieces of the portal's publication pages: a GET hook without antd, paging, the list's query string. */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError, type Query } from '../../../api/client';

export interface PublicState<T> {
  data: T | null;
  loading: boolean;
  /** Chinese message, or null. */
  error: string | null;
  notFound: boolean;
}

/** GET a public endpoint, again when the path or query changes; errors are returned for the page to show in place. */
export function usePublicData<T>(path: string | null, query?: Query): PublicState<T> {
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
        setState({ data: null, loading: false, error: isApiError(e) ? e.message : '加载失败，请稍后再试', notFound: isApiError(e) && e.status === 404 });
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

/** Keyword and page kept in the query string, so a result list can be bookmarked and shared. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const update = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };
  return { q, page, update };
}

/** Previous / next paging (plain buttons, large enough to tap on a phone). */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="zpp-pager" aria-label="分页">
      <button type="button" className="zp-btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <span className="zpp-pager-info">
        第 {page} / {pages} 页，共 {total} 条
      </span>
      <button type="button" className="zp-btn" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </nav>
  );
}

/** '2026-11-20' → '2026年11月20日' */
export function cnDate(d: string | null | undefined): string {
  if (!d) return '—';
  const [y, m, day] = d.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}
