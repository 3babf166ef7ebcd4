/**
 * Small pieces of the portal's publication pages: the list's query string and dates in Chinese. The GET hook and the pager
 * are the content pages' own (no antd on these pages).
 */
import { useSearchParams } from 'react-router-dom';
export { usePublicGet } from '../../content/portal/usePublic';
export { Pager } from '../../content/portal/Pager';

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

/** '2026-11-20' → '2026年11月20日' */
export function cnDate(d: string | null | undefined): string {
  if (!d) return '—';
  const [y, m, day] = d.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}
