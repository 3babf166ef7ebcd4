/**
 * 行政裁决公开 on the portal (no antd): the published 专利侵权纠纷行政裁决书 of the bureau, newest first, searchable by title,
 * party and patent. Natural persons appear as surname + 某 (redacted by the publisher and again by the server).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Page, PublicAdjudicationDecisionListItemDto } from '@zhichan/shared';
import { Pager, cnDate, useListParams, usePublicGet } from '../../publications/portal/shared';
import '../../publications/portal/publications.css';

const PAGE_SIZE = 10;

export default function DecisionListPage() {
  const { q, page, update } = useListParams();
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  useEffect(() => {
    document.title = '行政裁决公开 · 知识产权一体化综合服务平台';
  }, []);
  const res = usePublicGet<Page<PublicAdjudicationDecisionListItemDto>>('/api/public/adjudication-decisions', { q: q || undefined, page, pageSize: PAGE_SIZE });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: input.trim().slice(0, 50), page: null });
  };

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zpp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <Link to="/disputes">纠纷处理</Link> › <span>行政裁决公开</span>
        </nav>
        <header className="zpp-head">
          <h1>行政裁决公开</h1>
          <p>本局作出的专利侵权纠纷行政裁决书。公开时已删除自然人的身份证件号码、联系方式等个人信息和商业秘密；自然人当事人以姓氏加“某”表示。</p>
        </header>
        <div className="zpp-toolbar">
          <form className="zpp-search" role="search" onSubmit={submit}>
            <input
              type="search"
              value={input}
              maxLength={50}
              onChange={(e) => setInput(e.target.value)}
              placeholder="当事人、专利号、专利名称或文号"
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
            <ul className="zpp-list" data-testid="decision-list">
              {res.data.items.map((d) => (
                <li key={d.id} className="zpp-item">
                  <Link to={`/adjudication-decisions/${d.id}`} className="zpp-item-title">
                    {d.title}
                  </Link>
                  <p className="zpp-item-sub">
                    {d.decisionLabel && <span className="zpp-tag">{d.decisionLabel}</span>}
                    请求人 {d.requesterName}，被请求人 {d.respondentName}；涉案专利 {d.patentNo}《{d.patentTitle}》
                  </p>
                  <div className="zpp-meta">
                    {d.docNo && <span>{d.docNo}</span>}
                    <span>{d.authorityName}</span>
                    {d.decisionOn && <span>裁决日期 {cnDate(d.decisionOn)}</span>}
                    <span>公开日期 {cnDate(d.publishedOn)}</span>
                  </div>
                </li>
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={(n) => update({ page: n === 1 ? null : String(n) })} />
          </>
        ) : (
          <div className="zpp-empty">{q ? '没有查到相关的行政裁决书，请换个关键词试试。' : '暂无公开的行政裁决书'}</div>
        )}
      </div>
    </div>
  );
}
