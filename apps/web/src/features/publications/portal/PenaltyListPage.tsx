/**
 * 行政处罚信息公示 on the portal: penalty decisions of the bureaus within their publication period (总局令第45号), newest
 * first, searchable by party, document number and violation type. Natural persons appear as surname + 某.
 */
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { PublicPenaltyListItemDto } from '@zhichan/shared';
import { PublicSearchList, cnDate } from './shared';
import './publications.css';

export default function PenaltyListPage() {
  useEffect(() => {
    document.title = '行政处罚信息公示 · 知识产权一体化综合服务平台';
  }, []);
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
        <PublicSearchList<PublicPenaltyListItemDto>
          path="/api/public/penalties"
          placeholder="当事人名称、决定书文号或违法行为类型"
          aside={
            <Link to="/service-announcements" className="zpp-side-link">
              送达公告 ›
            </Link>
          }
          testId="penalty-list"
          empty="暂无公示的行政处罚信息"
          emptyForQuery="没有查到相关的处罚信息，请换个关键词试试。"
          renderItem={(p) => (
            <>
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
            </>
          )}
        />
      </div>
    </div>
  );
}
