/**
 * 行政裁决公开 on the portal (no antd): the published 专利侵权纠纷行政裁决书 of the bureau, newest first, searchable by title,
 * party and patent. Natural persons appear as surname + 某 (redacted by the publisher and again by the server).
 */
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { PublicAdjudicationDecisionListItemDto } from '@zhichan/shared';
import { PublicSearchList, cnDate } from '../../publications/portal/shared';
import '../../publications/portal/publications.css';

export default function DecisionListPage() {
  useEffect(() => {
    document.title = '行政裁决公开 · 知识产权一体化综合服务平台';
  }, []);
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
        <PublicSearchList<PublicAdjudicationDecisionListItemDto>
          path="/api/public/adjudication-decisions"
          placeholder="当事人、专利号、专利名称或文号"
          aside={
            <Link to="/service-announcements" className="zpp-side-link">
              送达公告 ›
            </Link>
          }
          testId="decision-list"
          empty="暂无公开的行政裁决书"
          emptyForQuery="没有查到相关的行政裁决书，请换个关键词试试。"
          renderItem={(d) => (
            <>
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
            </>
          )}
        />
      </div>
    </div>
  );
}
