/**
 * Chinese substring search over articles (reference/tech-measurements.md §B, recommendation 5):
 * every article stores the distinct character bigrams of its lower-cased title, summary and body in a GIN-indexed
 * text[]; a query term of two or more characters keeps the rows whose bigrams contain all the term's bigrams
 * (`@>`, served by the index) and rechecks the substring (strpos), which gives exactly substring semantics —
 * 100 % recall, unlike word segmentation (jieba misses 模组, 机壳 …) or pg_trgm (no index use for 2-character words).
 * A single-character term has no bigram: it is a plain substring scan (the table holds at most a few thousand rows).
 */
import { articlePortalPath, ARTICLE_KINDS, searchTerms, type ArticleKind } from '@zhichan/shared';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database';
import type { Database } from '../../db/schema';
import { makeSnippet, registerSearchSource, type SearchHit } from './search-sources';

/** Distinct overlapping character pairs of the lower-cased text; pairs containing white space are skipped. */
export function bigramsOf(text: string): string[] {
  const chars = Array.from(text.toLowerCase());
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (/\s/u.test(a) || /\s/u.test(b)) continue;
    out.add(a + b);
  }
  return [...out];
}

/** The index value of an article: bigrams of each field separately, so no bigram spans two fields. */
export function articleBigrams(a: { title: string; summary: string | null; body: string }): string[] {
  const all = new Set<string>();
  for (const field of [a.title, a.summary ?? '', a.body]) for (const g of bigramsOf(field)) all.add(g);
  return [...all].sort();
}

/**
 * The WHERE condition for one search term on `articles`: bigram containment (index) when the term has two or more
 * characters, always followed by the substring recheck on title, summary and body.
 * strpos instead of LIKE: no wildcard escaping needed for %, _ or \ in the user's query, same result.
 */
export function articleTermMatch(eb: ExpressionBuilder<Database, 'articles'>, term: string): Expression<SqlBool> {
  const t = term.toLowerCase();
  const recheck = sql<boolean>`(strpos(lower(articles.title), ${t}) > 0 OR strpos(lower(coalesce(articles.summary, '')), ${t}) > 0 OR strpos(lower(articles.body), ${t}) > 0)`;
  const grams = bigramsOf(t);
  if (grams.length === 0) return recheck;
  return eb.and([sql<boolean>`articles.search_bigrams @> ${sql.val(grams)}::text[]`, recheck]);
}

/** All terms of a query (AND). */
export function articleQueryMatch(eb: ExpressionBuilder<Database, 'articles'>, q: string): Expression<SqlBool> {
  const terms = searchTerms(q);
  if (terms.length === 0) return sql<boolean>`true`;
  return eb.and(terms.map((t) => articleTermMatch(eb, t)));
}

/** Published articles matching q (of one kind, if given), newest first: the portal's search sources. */
export async function searchPublishedArticles(db: Executor, q: string, limit: number, kind?: ArticleKind): Promise<SearchHit[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  let query = db
    .selectFrom('articles')
    .select(['id', 'kind', 'title', 'summary', 'body', 'publishedAt'])
    .where('status', '=', 'published')
    .where((eb) => articleQueryMatch(eb, q));
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.orderBy('publishedAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const first = terms[0]!;
  return rows.map((r) => {
    // The snippet comes from the field that holds the first term; a title-only hit shows the summary or the body's start.
    const source = r.summary?.toLowerCase().includes(first) ? r.summary : r.body.toLowerCase().includes(first) ? r.body : (r.summary ?? r.body);
    return {
      kind: r.kind,
      id: String(r.id),
      title: r.title,
      snippet: makeSnippet(stripHeadingMarks(source), first),
      url: articlePortalPath(r.id),
      publishedAt: r.publishedAt,
    };
  });
}

/** Body heading lines start with '#'; a snippet shows the words only. */
function stripHeadingMarks(text: string): string {
  return text.replace(/^#{1,3}\s+/gmu, '');
}

/** One search source per article kind, so each hit carries its kind's label (政策法规, 典型案例 …). */
export function registerArticleSearchSources(): void {
  for (const kind of Object.keys(ARTICLE_KINDS) as ArticleKind[]) {
    registerSearchSource({
      kind,
      label: kind === 'news' ? '动态' : ARTICLE_KINDS[kind],
      search: (db, q, limit) => searchPublishedArticles(db, q, limit, kind),
    });
  }
}
