/** One published article: document facts, body as text, attachments (downloads), related policy and interpretations. */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ArticleKind, PublicArticleDto } from '@zhichan/shared';
import { articleLabel, cnDate, fileSize, isoDay } from '../labels';
import { ArticleText, headingsOf } from './ArticleText';
import { usePublicGet } from './usePublic';
import './content.css';

const COLUMN_PATH: Record<ArticleKind, { to: string; label: string }> = {
  policy: { to: '/policies', label: '政策法规' },
  interpretation: { to: '/policies?tab=interpretation', label: '政策解读' },
  typicalCase: { to: '/cases', label: '典型案例' },
  news: { to: '/news', label: '维权动态' },
  guide: { to: '/guides', label: '办事指南' },
};

/** 'PDF', 'DOCX' … from the file name, for the download list. */
function fileType(name: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  return m ? m[1]!.toUpperCase() : '文件';
}

export default function ArticleDetailPage() {
  const { id } = useParams();
  const valid = !!id && /^\d{1,9}$/.test(id);
  const res = usePublicGet<PublicArticleDto>(valid ? `/api/public/articles/${id}` : null);
  const a = res.data;
  useEffect(() => {
    if (a) document.title = `${a.title} · 知识产权一体化综合服务平台`;
  }, [a]);

  if (!valid || res.notFound) {
    return (
      <div className="zp-page">
        <div className="zp-page-inner zcp-empty-page">
          <h1>内容不存在或已撤回</h1>
          <p className="zcp-muted">您访问的内容可能已被撤回或链接有误。</p>
          <Link to="/policies" className="zp-btn zp-btn-primary">
            查看政策法规
          </Link>
        </div>
      </div>
    );
  }
  if (!a) {
    return (
      <div className="zp-page">
        <div className="zp-page-inner">{res.error ? <div className="zcp-empty">{res.error}</div> : <div className="zp-page-loading">正在加载…</div>}</div>
      </div>
    );
  }

  const column = COLUMN_PATH[a.kind];
  const toc = headingsOf(a.body);
  const facts: [string, string][] = [];
  if (a.issuer) facts.push(['发文机关', a.issuer]);
  if (a.documentNo) facts.push(['文号', a.documentNo]);
  if (a.issuedOn) facts.push([a.kind === 'policy' ? '本版日期' : '发布日期', cnDate(a.issuedOn)]);
  if (a.effectiveOn) facts.push(['施行日期', cnDate(a.effectiveOn)]);
  if (a.edition) facts.push(['版本', a.edition]);

  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zcp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <Link to={column.to}>{column.label}</Link> › <span>正文</span>
        </nav>
        <article className="zcp-article" data-testid="article-detail">
          <header className="zcp-article-head">
            <span className="zcp-tag">{articleLabel(a)}</span>
            <h1>{a.title}</h1>
            <div className="zcp-meta zcp-meta-center">
              <span>发布机构：{a.unitName}</span>
              <span>发布时间：{isoDay(a.publishedAt)}</span>
            </div>
          </header>
          {facts.length > 0 && (
            <dl className="zcp-facts">
              {facts.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
          {a.relatedPolicy && (
            <p className="zcp-related-line">
              解读的政策法规：<Link to={`/articles/${a.relatedPolicy.id}`}>《{a.relatedPolicy.title}》</Link>
            </p>
          )}
          {a.summary && (
            <div className="zcp-summary">
              {a.summary.split('\n').map((line, i) => (
                <p key={i}>{line}</p>
              ))}
            </div>
          )}
          {toc.length >= 3 && (
            <details className="zcp-toc">
              <summary>目录（{toc.length}）</summary>
              <ol>
                {toc.map((h) => (
                  <li key={h.id} className={`zcp-toc-l${h.level}`}>
                    <a href={`#${h.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(h.id)?.scrollIntoView({ block: 'start' }); }}>
                      {h.text}
                    </a>
                  </li>
                ))}
              </ol>
            </details>
          )}
          <ArticleText body={a.body} />
          {a.attachments.length > 0 && (
            <section className="zcp-attachments" aria-label="附件">
              <h2>附件下载</h2>
              <ul>
                {a.attachments.map((f) => (
                  <li key={f.id}>
                    <span className="zcp-file-type">{fileType(f.originalName)}</span>
                    <a href={`/api/public/articles/${a.id}/attachments/${f.id}`} download={f.originalName}>
                      {f.originalName}
                    </a>
                    <span className="zcp-muted">（{fileSize(f.size)}）</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {a.interpretations.length > 0 && (
            <section className="zcp-related" aria-label="政策解读">
              <h2>政策解读</h2>
              <ul>
                {a.interpretations.map((i) => (
                  <li key={i.id}>
                    <Link to={`/articles/${i.id}`}>{i.title}</Link>
                    <span className="zcp-muted">{isoDay(i.publishedAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </article>
        <p className="zcp-back">
          <Link to={column.to}>‹ 返回{column.label}</Link>
        </p>
      </div>
    </div>
  );
}
