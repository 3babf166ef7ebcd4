/**
 * 送达公告: documents served by announcement (公告送达), deemed served thirty days after the announcement (民事诉讼法
 * 第九十五条). Shows only what the announcement itself publishes.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Page, PublicServiceAnnouncementDto } from '@zhichan/shared';
import { Pager, cnDate, useListParams, usePublicGet } from './shared';
import './publications.css';

const PAGE_SIZE = 10;

export default function ServiceAnnouncementsPage() {
  const { q, page, update } = useListParams();
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  useEffect(() => {
    document.title = '送达公告 · 知识产权一体化综合服务平台';
  }, []);
  const res = usePublicGet<Page<PublicServiceAnnouncementDto>>('/api/public/service-announcements', { q: q || undefined, page, pageSize: PAGE_SIZE });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: input.trim().slice(0, 50), page: null });
  };

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zpp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <Link to="/penalties">行政处罚信息公示</Link> › <span>送达公告</span>
        </nav>
        <header className="zpp-head">
          <h1>送达公告</h1>
          <p>受送达人下落不明或者以其他方式无法送达的，依法公告送达。自发出公告之日起，经过三十日，即视为送达（民事诉讼法 第九十五条）。</p>
        </header>
        <div className="zpp-toolbar">
          <form className="zpp-search" role="search" onSubmit={submit}>
            <input type="search" value={input} maxLength={50} onChange={(e) => setInput(e.target.value)} placeholder="文书名称、案件编号或公告内容" aria-label="查询关键词" />
            <button type="submit" className="zp-btn zp-btn-primary">
              查询
            </button>
          </form>
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
            <ul className="zpp-list" data-testid="announcement-list">
              {res.data.items.map((a) => (
                <li key={a.id} className="zpp-item">
                  <div className="zpp-item-title">
                    {a.addressee ? `${a.addressee}：` : ''}
                    {a.documentTitle}
                  </div>
                  <div className="zpp-announcement-text">{a.text}</div>
                  <div className="zpp-meta">
                    <span>{a.authorityName}</span>
                    {a.referenceNo && <span>{a.referenceNo}</span>}
                    <span>公告日期 {cnDate(a.announcedOn)}</span>
                    <span>视为送达日 {cnDate(a.deemedServedOn)}</span>
                  </div>
                </li>
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={(n) => update({ page: n === 1 ? null : String(n) })} />
          </>
        ) : (
          <div className="zpp-empty">{q ? '没有查到相关公告，请换个关键词试试。' : '暂无送达公告'}</div>
        )}
      </div>
    </div>
  );
}
