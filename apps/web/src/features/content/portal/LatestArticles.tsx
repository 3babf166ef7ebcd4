/** Home page block: the latest items of four columns, each with a link to its list. */
import { Link } from 'react-router-dom';
import type { ArticleKind, Page, PublicArticleListItemDto } from '@zhichan/shared';
import { articleLabel, isoDay } from '../labels';
import { usePublicGet } from './usePublic';
import './content.css';

const BLOCKS: { kind: ArticleKind; title: string; to: string }[] = [
  { kind: 'policy', title: '政策法规', to: '/policies' },
  { kind: 'news', title: '维权动态 · 工作动态', to: '/news' },
  { kind: 'typicalCase', title: '典型案例', to: '/cases' },
  { kind: 'guide', title: '办事指南', to: '/guides' },
];

function Block({ kind, title, to }: (typeof BLOCKS)[number]) {
  const res = usePublicGet<Page<PublicArticleListItemDto>>('/api/public/articles', { kind, pageSize: 5 });
  return (
    <div className="zcp-latest-block" data-testid={`latest-${kind}`}>
      <div className="zcp-latest-head">
        <h2 className="zp-h2">{title}</h2>
        <Link to={to} className="zcp-more">
          更多 ›
        </Link>
      </div>
      {res.loading && !res.data ? (
        <div className="zcp-muted zcp-latest-empty">正在加载…</div>
      ) : res.error ? (
        <div className="zcp-muted zcp-latest-empty">暂时无法加载，请稍后再试</div>
      ) : res.data && res.data.items.length > 0 ? (
        <ul className="zcp-latest-list">
          {res.data.items.map((a) => (
            <li key={a.id}>
              <Link to={`/articles/${a.id}`} title={a.title}>
                {kind === 'news' && <span className="zcp-tag">{articleLabel(a)}</span>}
                {a.title}
              </Link>
              <time dateTime={a.publishedAt}>{isoDay(a.issuedOn ?? a.publishedAt)}</time>
            </li>
          ))}
        </ul>
      ) : (
        <div className="zcp-muted zcp-latest-empty">暂无内容</div>
      )}
    </div>
  );
}

export function LatestArticles() {
  return (
    <div className="zcp-latest">
      {BLOCKS.map((b) => (
        <Block key={b.kind} {...b} />
      ))}
    </div>
  );
}
