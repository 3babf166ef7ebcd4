/** 行政裁决书 on the portal (no antd): the summary of a published decision and its redacted text. */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PublicAdjudicationDecisionDto } from '@zhichan/shared';
import { cnDate, usePublicGet } from '../../publications/portal/shared';
import '../../publications/portal/publications.css';

export default function DecisionDetailPage() {
  const { id } = useParams();
  const valid = !!id && /^\d{1,9}$/.test(id);
  const res = usePublicGet<PublicAdjudicationDecisionDto>(valid ? `/api/public/adjudication-decisions/${id}` : null);
  const d = res.data;
  useEffect(() => {
    if (d) document.title = `${d.title} · 行政裁决公开`;
  }, [d]);

  if (!valid || res.notFound) {
    return (
      <div className="zp-page">
        <div className="zp-page-inner zp-empty-page">
          <h1>该行政裁决书不存在或已撤回公开</h1>
          <p className="zpp-muted">行政裁决被人民法院撤销或者变更的，相关裁决书不再公开。</p>
          <Link to="/adjudication-decisions" className="zp-btn zp-btn-primary">
            返回行政裁决公开
          </Link>
        </div>
      </div>
    );
  }
  if (!d) {
    return (
      <div className="zp-page">
        <div className="zp-page-inner">{res.error ? <div className="zpp-empty">{res.error}</div> : <div className="zp-page-loading">正在加载…</div>}</div>
      </div>
    );
  }

  const rows: [string, string][] = [
    ...(d.docNo ? ([['裁决书文号', d.docNo]] as [string, string][]) : []),
    ['请求人', d.requesterName],
    ['被请求人', d.respondentName],
    ['涉案专利', `${d.patentNo}《${d.patentTitle}》`],
    ...(d.decisionLabel ? ([['裁决结果', d.decisionLabel]] as [string, string][]) : []),
    ['裁决机关', d.authorityName],
    ...(d.decisionOn ? ([['裁决日期', cnDate(d.decisionOn)]] as [string, string][]) : []),
    ['公开日期', cnDate(d.publishedOn)],
  ];

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zpp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <Link to="/adjudication-decisions">行政裁决公开</Link> › <span>行政裁决书</span>
        </nav>
        <article className="zpp-doc" data-testid="decision-detail">
          <header className="zpp-doc-head">
            <h1>{d.title}</h1>
            <div className="zpp-muted">{d.authorityName}</div>
          </header>
          <table className="zpp-summary">
            <caption>裁决信息</caption>
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section className="zpp-body" aria-label="行政裁决书">
            <h2>行政裁决书</h2>
            <div className="zpp-body-text">{d.body}</div>
          </section>
          <p className="zpp-note">
            本裁决书公开时已依法删除自然人的身份证件号码、联系方式等个人信息和商业秘密。行政裁决被人民法院撤销或者变更的，本页面停止公开。
          </p>
        </article>
        <p className="zpp-back">
          <Link to="/adjudication-decisions">‹ 返回行政裁决公开</Link>
        </p>
      </div>
    </div>
  );
}
