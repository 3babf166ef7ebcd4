/** Site search: all published content (every registered source), keywords highlighted in titles and snippets. */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { SearchResultDto } from '@zhichan/shared';
import { isoDay } from '../labels';
import { Highlight } from './Highlight';
import { Pager } from './Pager';
import { usePublicGet } from './usePublic';
import './content.css';

const PAGE_SIZE = 10;

export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, 50);
  const page = Math.max(1, Math.min(100, Number(params.get('page')) || 1));
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  useEffect(() => {
    document.title = `${q ? `“${q}”的搜索结果` : '站内搜索'} · 知识产权一体化综合服务平台`;
  }, [q]);
  const res = usePublicGet<SearchResultDto>(q ? '/api/public/search' : null, { q, page, pageSize: PAGE_SIZE });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = input.trim().slice(0, 50);
    setParams(v ? { q: v } : {});
  };

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zcp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <span>站内搜索</span>
        </nav>
        <header className="zcp-page-head">
          <h1>站内搜索</h1>
          <p className="zcp-muted">在政策法规、政策解读、典型案例、动态、办事指南等已发布内容中查找；多个词用空格分开。</p>
        </header>
        <form className="zcp-filter zcp-filter-wide" role="search" onSubmit={submit}>
          <input type="search" value={input} maxLength={50} autoFocus={!q} onChange={(e) => setInput(e.target.value)} placeholder="例如：行政裁决、商标 侵权" aria-label="搜索词" />
          <button type="submit" className="zp-btn zp-btn-primary">
            搜索
          </button>
        </form>
        {!q ? null : res.loading && !res.data ? (
          <div className="zp-page-loading">正在搜索…</div>
        ) : res.error ? (
          <div className="zcp-empty">{res.error}</div>
        ) : res.data && res.data.total > 0 ? (
          <>
            <p className="zcp-muted" data-testid="search-summary">
              找到 {res.data.total}
              {res.data.truncated ? '+' : ''} 条与“{q}”相关的内容
            </p>
            <ul className="zcp-list" data-testid="search-results">
              {res.data.items.map((h) => (
                <li key={`${h.kind}-${h.id}`} className="zcp-list-item">
                  <div className="zcp-hit-head">
                    <span className="zcp-tag">{h.kindLabel}</span>
                    <Link to={h.url} className="zcp-list-title">
                      <Highlight text={h.title} terms={res.data!.terms} />
                    </Link>
                  </div>
                  <p className="zcp-list-summary">
                    <Highlight text={h.snippet} terms={res.data!.terms} />
                  </p>
                  {h.publishedAt && <div className="zcp-meta"><span>{isoDay(h.publishedAt)}</span></div>}
                </li>
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={(p) => setParams({ q, ...(p > 1 ? { page: String(p) } : {}) })} />
          </>
        ) : (
          <div className="zcp-empty">没有找到与“{q}”相关的内容，请换个词试试。</div>
        )}
      </div>
    </div>
  );
}
