import type { Executor } from '../../db/database';
import { makeSnippet, type SearchSource } from '../content/search-sources';
import { likePattern } from './consultations.repository';

/**
 * 常见问题 in the portal's site search: published entries only (status published), matched in the public question
 * and answer — never in the asker's original text, which may hold personal details.
 * The FAQ is small (hundreds of entries), so a scan with ILIKE is enough; no bigram index is needed here.
 */
export const faqSearchSource: SearchSource = {
  kind: 'faq',
  label: '常见问题',
  async search(db: Executor, q: string, limit: number) {
    const p = likePattern(q);
    const rows = await db
      .selectFrom('consultations')
      .select(['id', 'faqQuestion', 'faqAnswer', 'faqPublishedAt'])
      .where('status', '=', 'published')
      .where((eb) => eb.or([eb('faqQuestion', 'ilike', p), eb('faqAnswer', 'ilike', p)]))
      .orderBy('faqPublishedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: 'faq',
      id: String(r.id),
      title: r.faqQuestion ?? '',
      snippet: makeSnippet(r.faqAnswer ?? '', q),
      url: `/faq#faq-${r.id}`,
      publishedAt: r.faqPublishedAt,
    }));
  },
};
