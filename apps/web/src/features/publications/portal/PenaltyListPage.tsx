/**
 * 行政处罚信息公示 on the portal: penalty decisions of the bureaus within their publication period (总局令第45号), newest
 * first, searchable by party, document number and violation type. Natural persons appear as surname + 某.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Page, PublicPenaltyListItemDto } from '@zhichan/shared';
import { Pager, cnDate, useListParams, usePublicGet } from './shared';
import './publications.css';

const PAGE_SIZE = 10;

export default function PenaltyListPage() {
  const { q, page, update } = useListParams();
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  useEffect(() => {
    document.title = '行政处罚信息公示 · 知识产权一体化综合服务平台';
  }, []);
  const res = usePublicGet<Page<PublicPenaltyListItemDto>>('/api/public/penalties', { q: q || undefined, page, pageSize: PAGE_SIZE });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: input.trim().slice(0, 50), page: null });
  };

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zpp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <span>行政处罚信息公示</span>
        </nav>
        <header className="zpp-head">
          <h1>行政处罚信息公示</h1>
          <p>依据《市场监督管理行政处罚信息公示规定》，公示本市市场监督管理部门适用普通程序作出的知识产权行政处罚决定信息。自然人当事人的个人信息已作处理。</p>
        </header>
        <div className="zpp-toolbar">
          <form className="zpp-search" role="search" onSubmit={submit}>
            <input
              type="search"
              value={input}
              maxLength={50}
              onChange={(e) => setInput(e.target.value)}
              placeholder="当事人名称、决定书文号或违法行为类型"
              aria-label="查询关键词"
            />
            <button type="submit" className="zp-btn zp-btn-primary">
              查询
            </button>
          </form>
          <Link to="/service-announcements" className="zpp-side-link">
            送达公告 ›
          </Link>
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
            <ul className="zpp-list" data-testid="penalty-list">
              {res.data.items.map((p) => (
                <li key={p.id} className="zpp-item">
                  <Link to={`/penalties/${p.id}`} className="zpp-item-title">
                    {p.partyName}
                  </Link>
                  <p className="zpp-item-sub">
                    <span className="zpp-tag">{p.violationType}</span>
                    {p.penaltyContent}
                  </p>
                  <div className="zpp-meta">
                    <span>{p.docNo}</span>
                    <span>{p.authorityName}</span>
                    <span>决定日期 {cnDate(p.decidedOn)}</span>
                    <span>公示日期 {cnDate(p.publishedOn)}</span>
                  </div>
                </li>
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={(n) => update({ page: n === 1 ? null : String(n) })} />
          </>
        ) : (
          <div className="zpp-empty">{q ? '没有查到相关的处罚信息，请换个关键词试试。' : '暂无公示的行政处罚信息'}</div>
        )}
      </div>
    </div>
  );
}
