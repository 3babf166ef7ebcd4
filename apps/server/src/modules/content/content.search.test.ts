import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_KINDS, searchTerms } from '@zhichan/shared';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { articleBigrams, bigramsOf, registerArticleSearchSources, searchPublishedArticles } from './content.search';
import { LAWS, LAWS_DIR, parseLawFile } from './content.seed';

let t: TestApp;
let anon: TestClient;

interface Doc {
  id: number;
  kind: string;
  title: string;
  summary: string | null;
  body: string;
  status: string;
}
let docs: Doc[] = [];

/** The ground truth: a plain JavaScript substring scan over the published articles (every term must occur). */
function scan(q: string): number[] {
  const terms = searchTerms(q);
  return docs
    .filter((d) => d.status === 'published')
    .filter((d) => terms.every((term) => [d.title, d.summary ?? '', d.body].some((f) => f.toLowerCase().includes(term))))
    .map((d) => d.id)
    .sort((a, b) => a - b);
}

async function search(q: string): Promise<number[]> {
  const hits = await searchPublishedArticles(t.deps.db, q, 100_000);
  return hits.map((h) => Number(h.id)).sort((a, b) => a - b);
}

/** A small deterministic generator, so a failure can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  anon = t.anonymous();
  registerArticleSearchSources();
  const cityip = await t.login('cityip');
  // A draft and a withdrawn article whose words exist nowhere else: they must never be found.
  const d = await cityip.post('/api/articles', { kind: 'news', category: 'work', title: '草稿里的青鸾火凤', body: '未发布的正文：青鸾火凤。' });
  expect(d.statusCode).toBe(200);
  docs = await t.deps.db.selectFrom('articles').select(['id', 'kind', 'title', 'summary', 'body', 'status']).execute();
});
afterAll(() => t.close());

describe('bigrams', () => {
  it('are the distinct overlapping character pairs, lower-cased, none across white space', () => {
    expect(bigramsOf('专利法专利')).toEqual(['专利', '利法', '法专']);
    expect(bigramsOf('5G 模组')).toEqual(['5g', '模组']);
    expect(bigramsOf('𠀀字')).toEqual(['𠀀字']); // a character outside the BMP is one character
    expect(bigramsOf('专')).toEqual([]);
  });

  it('index the fields separately (no pair spans title and body)', () => {
    expect(articleBigrams({ title: '甲乙', summary: null, body: '丙丁' })).toEqual(['丙丁', '甲乙']);
  });

  it('are stored for every article', async () => {
    const rows = await t.deps.db.selectFrom('articles').select(['title', 'summary', 'body', 'searchBigrams']).execute();
    for (const r of rows) expect(r.searchBigrams).toEqual(articleBigrams(r));
  });
});

describe('search recall (every published article containing the query is found)', () => {
  it('matches a JavaScript substring scan for fixed queries of 1 to 8 characters', async () => {
    const queries = [
      '专利', '商标', '行政裁决', '第六十五条', '演示', '侵权纠纷', '管理专利工作的部门', '五百万元', '山东省', '调解',
      '投诉', '举报', '罚', '裁', '《', '（一）', '，', '5', 'abc', '不存在的词组合', '青鸾火凤', '%', '_', '\\',
      '专利 调解', '商标 地理标志', '演示 典型', '专利法 第六十五条',
    ];
    for (const q of queries) expect(await search(q), q).toEqual(scan(q));
  });

  it('matches a JavaScript substring scan for 300 random substrings of 2 to 6 characters', async () => {
    const next = rng(20261121);
    const published = docs.filter((d) => d.status === 'published');
    let checked = 0;
    while (checked < 300) {
      const d = published[Math.floor(next() * published.length)]!;
      const fields = [d.title, d.summary ?? '', d.body].filter(Boolean);
      const f = Array.from(fields[Math.floor(next() * fields.length)]!);
      const len = 2 + Math.floor(next() * 5);
      if (f.length < len) continue;
      const start = Math.floor(next() * (f.length - len));
      const q = f.slice(start, start + len).join('');
      if (/\s/u.test(q)) continue;
      const expected = scan(q);
      expect(expected, q).toContain(d.id);
      expect(await search(q), q).toEqual(expected);
      checked++;
    }
  });

  it('never finds drafts', async () => {
    expect(await search('青鸾火凤')).toEqual([]);
    expect(docs.some((d) => d.status !== 'published' && d.body.includes('青鸾火凤'))).toBe(true);
  });

  it('uses the GIN index for a two-character query when sequential scans are off', async () => {
    await t.deps.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM articles WHERE search_bigrams @> ${sql.val(['钢板'])}::text[]`.execute(trx);
      expect(plan.rows.map((r) => Object.values(r)[0]).join('\n')).toContain('articles_search_bigrams');
    });
  });
});

describe('GET /api/public/search', () => {
  it('returns hits across kinds with labels, portal paths, snippets around the hit and the terms to highlight', async () => {
    const res = await anon.get(`/api/public/search?q=${encodeURIComponent('行政裁决')}&pageSize=50`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.terms).toEqual(['行政裁决']);
    // Other modules (常见问题) may register sources too: compare the article hits with the scan.
    const articleHits = body.items.filter((i: { kind: string }) => i.kind in ARTICLE_KINDS);
    expect(articleHits.map((i: { id: string }) => Number(i.id)).sort((a: number, b: number) => a - b)).toEqual(scan('行政裁决'));
    const kinds = new Set(body.items.map((i: { kind: string }) => i.kind));
    for (const k of ['policy', 'interpretation', 'typicalCase', 'guide']) expect(kinds).toContain(k);
    for (const i of articleHits) {
      expect(i.url).toBe(`/articles/${i.id}`);
      expect(i.title.includes('行政裁决') || i.snippet.includes('行政裁决')).toBe(true);
      expect(i.snippet.length).toBeLessThanOrEqual(122);
    }
    expect(body.items.find((i: { kind: string }) => i.kind === 'guide').kindLabel).toBe('办事指南');
    expect(body.total).toBe(body.items.length);
  });

  it('pages through the hits, newest first', async () => {
    const all = (await anon.get(`/api/public/search?q=${encodeURIComponent('专利')}&pageSize=50`)).json();
    const p1 = (await anon.get(`/api/public/search?q=${encodeURIComponent('专利')}&pageSize=3&page=1`)).json();
    const p2 = (await anon.get(`/api/public/search?q=${encodeURIComponent('专利')}&pageSize=3&page=2`)).json();
    expect(p1.total).toBe(all.total);
    expect([...p1.items, ...p2.items].map((i: { id: string }) => i.id)).toEqual(all.items.slice(0, 6).map((i: { id: string }) => i.id));
    const times = all.items.map((i: { publishedAt: string }) => i.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('finds articles through the public list keyword as well', async () => {
    for (const q of ['代理', '第六十五条', '演示 专利']) {
      const res = (await anon.get(`/api/public/articles?kind=policy&keyword=${encodeURIComponent(q)}&pageSize=50`)).json();
      const expected = scan(q).filter((id) => docs.find((d) => d.id === id)!.kind === 'policy');
      expect(res.items.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b), q).toEqual(expected);
    }
  });
});

describe('seeded laws', () => {
  it('are byte copies of shared/laws', () => {
    for (const law of LAWS) {
      const shared = path.resolve(LAWS_DIR, '../../../../../shared/laws', law.file);
      if (!fs.existsSync(shared)) continue; // a deployed server has no shared folder
      expect(fs.readFileSync(path.join(LAWS_DIR, law.file)).equals(fs.readFileSync(shared)), law.file).toBe(true);
    }
  });

  it('take issuer, dates and edition from the header lines of each file', () => {
    const cn = (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number);
      return `${y}年${m}月${d}日`;
    };
    for (const law of LAWS) {
      const text = fs.readFileSync(path.join(LAWS_DIR, law.file), 'utf8');
      const { title, summary, body } = parseLawFile(text);
      expect(title.length, law.file).toBeGreaterThan(3);
      expect(law.file.replace(/\(.*$/, ''), law.file).toBe(title.replace(/^中华人民共和国/, ''));
      // The version date is the date in the file name and appears in the header.
      expect(law.file).toContain(`(${law.issuedOn})`);
      expect(summary, law.file).toContain(cn(law.issuedOn));
      if (law.effectiveOn) expect(summary, law.file).toContain(`${cn(law.effectiveOn)} 施行`);
      if (law.documentNo) expect(summary.replace(/中华人民共和国/g, ''), law.file).toContain(law.documentNo.replace(/中华人民共和国/g, ''));
      const issuerWords = law.issuer === '全国人民代表大会常务委员会' ? '全国人民代表大会常务委员会' : law.issuer === '山东省人民代表大会常务委员会' ? '山东省' : law.issuer;
      expect(summary, law.file).toContain(issuerWords);
      expect(body.startsWith('#') || body.startsWith('第一条'), law.file).toBe(true);
      expect(body).not.toContain('INFO END');
    }
  });
});
