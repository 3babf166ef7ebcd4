/**
 * Search recall on the REAL 9,740 Chinese patent titles (shared/data/cn-patents-ipc-titles): for every query of 2-6
 * characters the search must return exactly the records whose title contains the query (a JS substring scan is the
 * ground truth), through the HTTP endpoint. Also: 1-character queries are refused, ranking, highlighting, filters,
 * and the streamed Excel export.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { normalizeSearchText, type PatentSearchResultDto } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { readCsv } from '../../seed/csv';
import { loadClassificationContext, preparePatent, upsertPatents, type PreparedPatent } from './patent-write';
import { patentConditions, patentsRepository } from './patents.repository';
import { sql } from 'kysely';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const TITLES_CSV = path.resolve(REPO_ROOT, '../shared/data/cn-patents-ipc-titles/cn_patent_titles_ipc_subclasses.csv');

let t: TestApp;
let city: TestClient;
/** pubNo → title, as loaded (the last duplicate wins, as in upsertPatents). */
const titles = new Map<string, string>();

const QUERIES = [
  '装置', '电池', '检测方法', '无人机', '传感器', '机壳', '5G', 'led', 'LED', '一种', '锂电', '锂电池', '控制系统', '图像识别',
  '石墨烯', '模组', '钢板', '油气', '招待所', '智能控制', '数据处理', '太阳能', '光伏', '混凝土', '电机', '阀门', '机器人',
  '显示屏', '区块链', '人工智能', '深度学习', '神经网络', '污水处理', '玻璃纤维', '变压器', '轴承', '中药', '及其制备方法',
  '一种基于', '3D', 'wi', '储能', '新能源汽车', '5%', 'a_', '（一',
];

function truth(q: string): Set<string> {
  const needle = normalizeSearchText(q);
  const out = new Set<string>();
  for (const [pub, title] of titles) if (normalizeSearchText(title).includes(needle)) out.add(pub);
  return out;
}

async function search(qs: string): Promise<PatentSearchResultDto> {
  const res = await city.get(`/api/patents/search?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('cityip');
  const rows = readCsv(TITLES_CSV);
  expect(rows.length).toBe(9740);
  const cx = await loadClassificationContext(t.deps.db, t.deps);
  const prepared: PreparedPatent[] = [];
  const t0 = performance.now();
  for (const r of rows) {
    // The data set has publication numbers, titles and IPC subclasses only; every record is placed in 泰山区 so that the
    // default region (the city) covers it.
    const p = preparePatent(
      { pubNo: r.publication_numbers, title: r.patent_title, ipcCodes: (r.ipc_subclasses ?? '').replace(/\|/g, ';'), applicantAddress: '山东省泰安市泰山区' },
      cx,
      { importJobId: null, dataSource: 'import' },
    );
    if (!p.ok) throw new Error(`${r.publication_numbers}: ${JSON.stringify(p.errors)}`);
    prepared.push(p.row);
    titles.set(p.row.pubNo!, p.row.title);
  }
  const t1 = performance.now();
  let inserted = 0;
  for (let i = 0; i < prepared.length; i += 2000) {
    const batch = prepared.slice(i, i + 2000);
    inserted += (await t.deps.db.transaction().execute((trx) => upsertPatents(trx, batch))).inserted;
  }
  const t2 = performance.now();
  const again = await t.deps.db.transaction().execute((trx) => upsertPatents(trx, prepared.slice(0, 2000)));
  const t3 = performance.now();
  expect(inserted).toBe(titles.size);
  expect(again).toEqual({ inserted: 0, updated: 2000 });
  if (t.deps.dbh.engine === 'pglite') await t.deps.dbh.pglite!.exec('VACUUM ANALYZE patents');
  console.info(
    `[patent-search] ${t.deps.dbh.engine}: preparePatent ${Math.round(rows.length / ((t1 - t0) / 1000))} rows/s; ` +
      `upsertPatents insert ${Math.round(prepared.length / ((t2 - t1) / 1000))} rows/s (${Math.round(t2 - t1)} ms for ${prepared.length}); ` +
      `update ${Math.round(2000 / ((t3 - t2) / 1000))} rows/s`,
  );
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('search recall on the 9,740 real titles', () => {
  it('every query finds exactly the titles that contain it (SQL of the endpoint, whole result set)', async () => {
    for (const q of QUERIES) {
      const r = await sql<{ pubNo: string }>`SELECT p.pub_no FROM patents p WHERE ${patentConditions({ filter: {}, q, cityCode: '3709' })}`.execute(t.deps.db);
      const got = new Set(r.rows.map((x) => x.pubNo));
      const want = truth(q);
      expect([...got].filter((x) => !want.has(x)), `extra for ${q}`).toEqual([]);
      expect([...want].filter((x) => !got.has(x)), `missed for ${q}`).toEqual([]);
    }
  });

  it('the endpoint returns the same count, and the same ids over all pages for the rarer queries', async () => {
    const common: string[] = [];
    for (const q of QUERIES) {
      const want = truth(q);
      const first = await search(`q=${encodeURIComponent(q)}&pageSize=100`);
      expect(first.total, q).toBe(want.size);
      expect(first.totalCapped).toBe(false);
      if (want.size > 300) {
        common.push(q);
        continue;
      }
      const got = new Set(first.items.map((i) => i.pubNo!));
      for (let page = 2; (page - 1) * 100 < want.size; page++) {
        const next = await search(`q=${encodeURIComponent(q)}&pageSize=100&page=${page}`);
        for (const i of next.items) got.add(i.pubNo!);
      }
      expect([...got].sort(), q).toEqual([...want].sort());
    }
    // Queries with thousands of hits exist in the list (装置, 一种 …): their counts were compared above.
    expect(common.length).toBeGreaterThan(2);
    console.info(`[patent-search] queries compared by count only (>300 hits): ${common.join(' ')}`);
  });

  it('ranks the first pages over all matches: title hits, then applicant hits, then the newest filing (the one-pass count and page)', async () => {
    const all = (await sql<{ id: number; title: string; abstract: string | null; applicants: string[]; appDate: string | null }>`SELECT id, title, abstract, applicants, app_date FROM patents`.execute(t.deps.db)).rows;
    for (const q of ['电池', '传感器', '控制系统', 'LED', '5%']) {
      const needle = normalizeSearchText(q);
      const has = (s: string) => normalizeSearchText(s).includes(needle);
      const key = (r: (typeof all)[number]) => [has(r.title) ? 1 : 0, has(r.applicants.join(' ')) ? 1 : 0, r.appDate ?? '', r.id] as const;
      const want = all
        .filter((r) => has(r.title) || has(r.applicants.join(' ')) || has(r.abstract ?? ''))
        .sort((a, b) => {
          const [ka, kb] = [key(a), key(b)];
          for (let i = 0; i < 4; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? 1 : -1; // every key descending
          return 0;
        })
        .map((r) => r.id);
      for (const page of [1, 2]) {
        const r = await search(`q=${encodeURIComponent(q)}&pageSize=20&page=${page}`);
        expect(r.total, q).toBe(want.length);
        expect(r.items.map((i) => i.id), `${q} page ${page}`).toEqual(want.slice((page - 1) * 20, page * 20));
      }
    }
  });

  it('reads the page of a query with more than 10,000 matches newest first along the date index, and leaves the session settings as they were', async () => {
    const spec = { filter: {}, q: '一种', cityCode: '3709' };
    const want = (await sql<{ id: number }>`SELECT p.id FROM patents p WHERE ${patentConditions(spec)} ORDER BY p.app_date DESC NULLS LAST, p.id DESC LIMIT 20 OFFSET 20`.execute(t.deps.db)).rows.map((r) => r.id);
    expect(want.length).toBe(20);
    const got = await patentsRepository.searchPage(t.deps.db, spec, 'relevance', 2, 20, true);
    expect(got.map((r) => r.id)).toEqual(want);
    // Inside a caller's transaction the planner settings are restored after the statement.
    await t.deps.db.transaction().execute(async (trx) => {
      const again = await patentsRepository.searchPage(trx, spec, 'relevance', 2, 20, true);
      expect(again.map((r) => r.id)).toEqual(want);
      const s = (await sql<{ b: string; q: string }>`SELECT current_setting('enable_bitmapscan') AS b, current_setting('enable_seqscan') AS q`.execute(trx)).rows[0]!;
      expect(s.b).toBe('on');
      expect(s.q).toBe('on');
    });
  });

  it('estimates from the statistics how many patents hold a common word (to pick the count-first plan), and counts them exactly up to the cap', async () => {
    await sql`ANALYZE patents`.execute(t.deps.db);
    const all = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM patents`.execute(t.deps.db)).rows[0]!.n);
    for (const q of ['一种', '装置']) {
      const want = truth(q).size;
      const est = await patentsRepository.estimatedTokenMatches(t.deps.db, [q]);
      expect(est, q).not.toBeNull();
      // ANALYZE reads every row of a table this small; the element frequency is a fraction of the row estimate.
      expect(Math.abs(est!.matches - want), `${q}: estimate ${est!.matches}, ${want} titles`).toBeLessThan(all * 0.02 + 5);
      expect(est!.share).toBeCloseTo(est!.matches / all, 2);
      // With and without the bigram index: the same count.
      expect(await patentsRepository.searchCappedCount(t.deps.db, { filter: {}, q, cityCode: '3709' })).toBe(want);
      expect(await patentsRepository.searchCappedCount(t.deps.db, { filter: {}, q, cityCode: '3709' }, false)).toBe(want);
    }
    for (const q of ['新能源汽车', 'LED', '5%', '及其制备方法']) {
      const want = truth(q).size;
      expect(await patentsRepository.searchCappedCount(t.deps.db, { filter: {}, q, cityCode: '3709' }, false), q).toBe(want);
    }
    // A bigram too rare to be among the common elements, and a query with one such bigram: no estimate (the one pass).
    expect(await patentsRepository.estimatedTokenMatches(t.deps.db, ['招待'])).toBeNull();
    expect(await patentsRepository.estimatedTokenMatches(t.deps.db, ['一种', '招待'])).toBeNull();
    expect(await patentsRepository.estimatedTokenMatches(t.deps.db, [])).toBeNull();
    // Several common bigrams: the rarest one bounds the estimate.
    const both = await patentsRepository.estimatedTokenMatches(t.deps.db, ['一种', '装置']);
    const one = async (tok: string) => (await patentsRepository.estimatedTokenMatches(t.deps.db, [tok]))!.matches;
    expect(both!.matches).toBe(Math.min(await one('一种'), await one('装置')));
  });

  it('refuses a one-character query with a Chinese message', async () => {
    for (const q of ['锂', 'a']) {
      const res = await city.get(`/api/patents/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].path).toBe('querystring.q');
      expect(res.json().message).toContain('至少 2 个字');
    }
  });

  it('highlights the hits in the title, ASCII case-insensitively', async () => {
    const r = await search('q=led&pageSize=5');
    expect(r.items.length).toBeGreaterThan(0);
    for (const item of r.items) {
      const hits = item.titleSegments.filter((s) => s.hit).map((s) => s.text.toLowerCase());
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h === 'led')).toBe(true);
      expect(item.titleSegments.map((s) => s.text).join('')).toBe(item.title);
    }
  });

  it('shows subclass titles in Chinese and the city county name on list items', async () => {
    const r = await search('q=无人机&pageSize=3');
    const item = r.items[0]!;
    expect(item.mainIpc?.titleZh).toBeTruthy();
    expect(item.countyName).toBe('泰山区');
  });

  it('filters by type, IPC prefix and region on top of the query', async () => {
    const all = await search('q=电池&pageSize=1');
    const utility = await search('q=电池&type=utilityModel&pageSize=1');
    const invention = await search('q=电池&type=invention&pageSize=1');
    expect(utility.total + invention.total).toBe(all.total);
    const h01m = await search('q=电池&ipc=H01M&pageSize=100');
    expect(h01m.total).toBeGreaterThan(0);
    expect(h01m.total).toBeLessThan(all.total);
    expect(h01m.items.every((i) => i.title.includes('电池'))).toBe(true);
    expect((await search('q=电池&region=370902&pageSize=1')).total).toBe(all.total);
    expect((await search('q=电池&region=370911&pageSize=1')).total).toBe(0);
    expect((await search('q=电池&region=3701&pageSize=1')).total).toBe(0);
    expect((await search('pageSize=1')).total).toBe(titles.size);
  });

  it('rejects a malformed filter with the field path', async () => {
    const res = await city.get('/api/patents/search?region=37090');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('querystring.region');
  });

  it('exports the matching rows as a streamed Excel file with a Chinese file name', async () => {
    const want = truth('传感器');
    const res = await city.get(`/api/patents/export.xlsx?q=${encodeURIComponent('传感器')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E4%B8%93%E5%88%A9");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['申请号', '申请日', '公开（公告）号', '授权公告日', '专利类型', '法律状态', '专利名称', '申请人', '地区', '主分类号', '产业链', '高价值', '数据来源']);
    const pubs = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 1) pubs.add(String(row.getCell(3).value));
    });
    expect([...pubs].sort()).toEqual([...want].sort());
  });

  it('needs patent.read', async () => {
    const admin = await t.login('sysadmin');
    expect((await admin.get('/api/patents/search?q=电池')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/patents/search?q=电池')).statusCode).toBe(401);
  });
});
