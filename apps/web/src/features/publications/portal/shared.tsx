/**
 * Small pieces of the portal's publication pages (行政处罚信息公示, 送达公告, 行政裁决公开): the searchable, paged list, the
 * list's query string and dates in Chinese. The GET hook and the pager are the content pages' own (no antd on these pages).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Page } from '@zhichan/shared';
import { usePublicGet } from '../../content/portal/usePublic';
import { Pager } from '../../content/portal/Pager';
export { usePublicGet, Pager };

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

/**
 * A public list with a keyword search, kept in the query string: the search form (and an optional link beside it), the
 * "results for" line, loading/error/empty states, the items and the pager. The page renders its own heading around it.
 */
export function PublicSearchList<T extends { id: number }>(props: {
  path: string;
  pageSize?: number;
  placeholder: string;
  /** Beside the search form, e.g. a link to 送达公告. */
  aside?: ReactNode;
  testId: string;
  /** The empty text without a keyword, and with one. */
  empty: string;
  emptyForQuery: string;
  renderItem: (item: T) => ReactNode;
}) {
  const pageSize = props.pageSize ?? 10;
  const { q, page, update } = useListParams();
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  const res = usePublicGet<Page<T>>(props.path, { q: q || undefined, page, pageSize });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: input.trim().slice(0, 50), page: null });
  };
  return (
    <>
      <div className="zpp-toolbar">
        <form className="zpp-search" role="search" onSubmit={submit}>
          <input type="search" value={input} maxLength={50} onChange={(e) => setInput(e.target.value)} placeholder={props.placeholder} aria-label="查询关键词" />
          <button type="submit" className="zp-btn zp-btn-primary">
            查询
          </button>
        </form>
        {props.aside}
      </div>
      {q && (
        <p className="zpp-muted">
          “{q}”的查询结果{res.data ? `：${res.data.total} 条` : ''}{' '}
          <button type="button" className="zpp-link-btn" onClick={() => update({ q: null, page: null })}>
            清除
          </button>
        </p>
      )}
      {res.loading && !res.data ? (
        <div className="zp-page-loading">正在加载…</div>
      ) : res.error ? (
        <div className="zpp-empty">{res.error}</div>
      ) : res.data && res.data.items.length > 0 ? (
        <>
          <ul className="zpp-list" data-testid={props.testId}>
            {res.data.items.map((item) => (
              <li key={item.id} className="zpp-item">
                {props.renderItem(item)}
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={pageSize} total={res.data.total} onPage={(n) => update({ page: n === 1 ? null : String(n) })} />
        </>
      ) : (
        <div className="zpp-empty">{q ? props.emptyForQuery : props.empty}</div>
      )}
    </>
  );
}
