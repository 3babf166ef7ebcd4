/**
 * One list page per column: 政策法规 (with 政策解读), 典型案例, 维权动态/工作动态, 办事指南. The column comes from the path;
 * tab, keyword and page live in the query string so that a list can be bookmarked and shared.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { ArticleKind, NewsCategory, Page, PublicArticleListItemDto } from '@zhichan/shared';
import { articleLabel, isoDay } from '../labels';
import { Pager } from './Pager';
import { usePublicGet } from './usePublic';
import './content.css';

interface Tab {
  key: string;
  label: string;
  kind: ArticleKind;
  category?: NewsCategory;
}

interface Column {
  title: string;
  intro: string;
  tabs: Tab[];
}

const COLUMNS: Record<string, Column> = {
  '/policies': {
    title: '政策法规',
    intro: '知识产权法律法规、规章及政策文件全文，并附政策解读。',
    tabs: [
      { key: 'policy', label: '政策法规', kind: 'policy' },
      { key: 'interpretation', label: '政策解读', kind: 'interpretation' },
    ],
  },
  '/cases': { title: '典型案例', intro: '知识产权行政保护典型案例（已隐去自然人个人信息）。', tabs: [{ key: 'all', label: '典型案例', kind: 'typicalCase' }] },
  '/news': {
    title: '维权动态',
    intro: '知识产权维权动态与工作动态。',
    tabs: [
      { key: 'all', label: '全部', kind: 'news' },
      { key: 'rights', label: '维权动态', kind: 'news', category: 'rights' },
      { key: 'work', label: '工作动态', kind: 'news', category: 'work' },
    ],
  },
  '/guides': { title: '办事指南', intro: '办事条件、所需材料、办理流程及表格下载。', tabs: [{ key: 'all', label: '办事指南', kind: 'guide' }] },
};

const PAGE_SIZE = 10;

export default function ArticleListPage() {
  const location = useLocation();
  const column = COLUMNS[location.pathname] ?? COLUMNS['/policies']!;
  const [params, setParams] = useSearchParams();
  const tab = column.tabs.find((t) => t.key === params.get('tab')) ?? column.tabs[0]!;
  const keyword = params.get('keyword') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [input, setInput] = useState(keyword);
  useEffect(() => setInput(keyword), [keyword]);
  useEffect(() => {
    document.title = `${column.title} · 知识产权一体化综合服务平台`;
  }, [column.title]);

  const res = usePublicGet<Page<PublicArticleListItemDto>>('/api/public/articles', {
    kind: tab.kind,
    category: tab.category,
    keyword: keyword || undefined,
    page,
    pageSize: PAGE_SIZE,
  });

  const update = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ keyword: input.trim().slice(0, 50), page: null });
  };

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zcp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <span>{column.title}</span>
        </nav>
        <header className="zcp-page-head">
          <h1>{column.title}</h1>
          <p className="zcp-muted">{column.intro}</p>
        </header>
        <div className="zcp-toolbar">
          {column.tabs.length > 1 && (
            <div className="zcp-tabs" role="tablist">
              {column.tabs.map((t) => (
                <button
                  key={t.key}
                  type="button"
                  role="tab"
                  aria-selected={t.key === tab.key}
                  className={t.key === tab.key ? 'zcp-tab zcp-tab-active' : 'zcp-tab'}
                  onClick={() => update({ tab: t.key === column.tabs[0]!.key ? null : t.key, page: null })}
                >
                  {t.label}
                </button>
              ))}
            </div>
          )}
          <form className="zcp-filter" role="search" onSubmit={submit}>
            <input type="search" value={input} maxLength={50} onChange={(e) => setInput(e.target.value)} placeholder={`在${tab.label}中查找`} aria-label="关键词" />
            <button type="submit" className="zp-btn zp-btn-primary">
              查找
            </button>
          </form>
        </div>
        {keyword && (
          <p className="zcp-muted">
            “{keyword}”的查找结果{res.data ? `：${res.data.total} 条` : ''}{' '}
            <button type="button" className="zcp-link-btn" onClick={() => update({ keyword: null, page: null })}>
              清除
            </button>
          </p>
        )}
        {res.loading && !res.data ? (
          <div className="zp-page-loading">正在加载…</div>
        ) : res.error ? (
          <div className="zcp-empty">{res.error}</div>
        ) : res.data && res.data.items.length > 0 ? (
          <>
            <ul className="zcp-list" data-testid="article-list">
              {res.data.items.map((a) => (
                <li key={a.id} className="zcp-list-item">
                  <Link to={`/articles/${a.id}`} className="zcp-list-title">
                    {a.title}
                  </Link>
                  {a.summary && <p className="zcp-list-summary">{a.summary}</p>}
                  <div className="zcp-meta">
                    {tab.kind === 'news' && <span className="zcp-tag">{articleLabel(a)}</span>}
                    {a.issuer && <span>{a.issuer}</span>}
                    {a.documentNo && <span>{a.documentNo}</span>}
                    <span>{a.issuedOn ? `发布日期 ${a.issuedOn}` : isoDay(a.publishedAt)}</span>
                    {a.attachmentCount > 0 && <span>附件 {a.attachmentCount} 个</span>}
                  </div>
                </li>
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={(p) => update({ page: p === 1 ? null : String(p) })} />
          </>
        ) : (
          <div className="zcp-empty">{keyword ? '没有找到相关内容，请换个关键词试试。' : '暂无内容'}</div>
        )}
      </div>
    </div>
  );
}
