/**
 * Site search across all published content (门户站内搜索).
 * Each module that publishes something to the portal registers a source here (the content module registers
 * 政策法规/政策解读/典型案例/动态/办事指南; the consultation module registers 常见问题). A source returns only
 * what the public may see — published items — and searchAll merges them newest first.
 */
import type { Executor } from '../../db/database';

export interface SearchHit {
  /** Source kind, e.g. 'policy', 'interpretation', 'typicalCase', 'news', 'guide', 'faq'. */
  kind: string;
  id: string;
  title: string;
  /** Plain text around the first occurrence of the query (no HTML; the client highlights). */
  snippet: string;
  /** Portal path of the item, e.g. '/articles/<id>' or '/faq#<id>'. */
  url: string;
  /** ISO timestamp. */
  publishedAt: string | null;
}

export interface SearchSource {
  kind: string;
  /** Chinese label shown with results (政策法规, 常见问题 …). */
  label: string;
  search(db: Executor, q: string, limit: number): Promise<SearchHit[]>;
}

const sources = new Map<string, SearchSource>();

/** Register (or replace, on re-import in tests) the source of one kind. */
export function registerSearchSource(source: SearchSource): void {
  sources.set(source.kind, source);
}

export function searchSources(): SearchSource[] {
  return [...sources.values()];
}

export function searchSourceLabel(kind: string): string {
  return sources.get(kind)?.label ?? kind;
}

/**
 * Query every registered source (each capped at `limit`) and merge the hits, newest first.
 * An empty or blank query finds nothing.
 */
export async function searchAll(db: Executor, q: string, limit: number): Promise<SearchHit[]> {
  const query = q.trim();
  if (!query) return [];
  const all: SearchHit[] = [];
  for (const s of sources.values()) {
    // Sequential: a transaction (Executor may be one) runs one statement at a time.
    all.push(...(await s.search(db, query, limit)));
  }
  all.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.title.localeCompare(b.title));
  return all.slice(0, limit);
}

/** Plain-text snippet of up to `width` characters around the first occurrence of q (case-insensitive). */
export function makeSnippet(text: string, q: string, width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = flat.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return flat.length > width ? flat.slice(0, width) + '…' : flat;
  const start = Math.max(0, at - Math.floor((width - q.length) / 3));
  const end = Math.min(flat.length, start + width);
  return (start > 0 ? '…' : '') + flat.slice(start, end) + (end < flat.length ? '…' : '');
}
