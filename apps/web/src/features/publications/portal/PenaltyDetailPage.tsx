/** 行政处罚决定信息: the information summary (总局令第45号 第四条) and the decision's text with personal data removed. */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PublicPenaltyDto } from '@zhichan/shared';
import { cnDate, usePublicGet } from './shared';
import './publications.css';

export default function PenaltyDetailPage() {
  const { id } = useParams();
  const valid = !!id && /^\d{1,9}$/.test(id);
  const res = usePublicGet<PublicPenaltyDto>(valid ? `/api/public/penalties/${id}` : null);
  const p = res.data;
  useEffect(() => {
    if (p) document.title = `${p.docNo} · 行政处罚信息公示`;
  }, [p]);

  if (!valid || res.notFound) {
    return (
      <div className="zp-page">
        <div className="zp-page-inner zp-empty-page">
          <h1>该处罚信息不存在或已停止公示</h1>
          <p className="zpp-muted">公示期届满或处罚决定被变更、撤销的，相关信息不再公示。</p>
          <Link to="/penalties" className="zp-btn zp-btn-primary">
            返回处罚公示
          </Link>
        </div>
      </div>
    );
  }
  if (!p) {
    return (
      <div className="zp-page">
        <div className="zp-page-inner">{res.error ? <div className="zpp-empty">{res.error}</div> : <div className="zp-page-loading">正在加载…</div>}</div>
      </div>
    );
  }

  const rows: [string, string][] = [
    ['行政处罚决定书文号', p.docNo],
    ['当事人', p.partyName],
    ...(p.partyUscc ? ([['统一社会信用代码', p.partyUscc]] as [string, string][]) : []),
    ['违法行为类型', p.violationType],
    ['行政处罚内容', p.penaltyContent],
    ['作出行政处罚决定机关', p.authorityName],
    ['作出行政处罚决定日期', cnDate(p.decidedOn)],
    ['公示日期', cnDate(p.publishedOn)],
    ['公示截止日期', cnDate(p.expiresOn)],
  ];

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zpp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <Link to="/penalties">行政处罚信息公示</Link> › <span>行政处罚决定信息</span>
        </nav>
        <article className="zpp-doc" data-testid="penalty-detail">
          <header className="zpp-doc-head">
            <h1>行政处罚决定信息</h1>
            <div className="zpp-muted">{p.authorityName}</div>
          </header>
          <table className="zpp-summary">
            <caption>行政处罚信息摘要</caption>
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section className="zpp-body" aria-label="行政处罚决定书">
            <h2>行政处罚决定书</h2>
            <div className="zpp-body-text">{p.body}</div>
          </section>
          <p className="zpp-note">
            本信息依据《市场监督管理行政处罚信息公示规定》公示，已依法对个人信息、商业秘密作必要处理。当事人认为公示信息不准确的，可以向作出决定的机关提出更正要求（第十二条）。
          </p>
        </article>
        <p className="zpp-back">
          <Link to="/penalties">‹ 返回行政处罚信息公示</Link>
        </p>
      </div>
    </div>
  );
}
