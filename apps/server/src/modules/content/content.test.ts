import { deriveContentStatus, type ContentAction } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { runJobOnce } from '../../jobs/scheduler';

let t: TestApp;
let cityip: TestClient;
let leader: TestClient;
let anon: TestClient;
const units = { city: 0, county1: 0, county2: 0 };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(name: string, content: Buffer) {
  const boundary = '----zhichan' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: TestClient, name = '请求书模板.pdf'): Promise<number> {
  const res = await client.request({ method: 'POST', url: '/api/files', ...multipart(name, PDF) });
  expect(res.statusCode).toBe(200);
  return res.json().id;
}

const draft = (over: Record<string, unknown> = {}) => ({
  kind: 'guide',
  title: '商标侵权投诉办理指南',
  summary: '说明投诉需要的材料',
  body: '## 一、材料\n\n身份证明与证据材料。\n\n## 二、流程\n\n登记、受理、处理。',
  ...over,
});

async function create(client: TestClient, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/articles', draft(over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function act(client: TestClient, id: number, action: string, extra: Record<string, unknown> = {}) {
  const cur = await client.get(`/api/articles/${id}`);
  return client.post(`/api/articles/${id}/actions`, { action, version: cur.json().version, ...extra });
}

/** Create → review → publish through the API. */
async function publish(over: Record<string, unknown> = {}) {
  const a = await create(cityip, over);
  expect((await act(cityip, a.id, 'submitReview')).statusCode).toBe(200);
  const res = await act(cityip, a.id, 'publish');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  cityip = await t.login('cityip');
  leader = await t.login('leader');
  anon = t.anonymous();
  const rows = await t.deps.db.selectFrom('users').select(['username', 'unitId']).where('kind', '=', 'staff').execute();
  units.city = rows.find((r) => r.username === 'cityip')!.unitId!;
  units.county1 = rows.find((r) => r.username === 'county1')!.unitId!;
  units.county2 = rows.find((r) => r.username === 'county2')!.unitId!;
});
afterAll(() => t.close());

describe('seeded content', () => {
  it('publishes the ten laws with issuer, date and edition, and the demo items labelled 【演示】', async () => {
    const res = await anon.get('/api/public/articles?kind=policy&pageSize=50');
    expect(res.statusCode).toBe(200);
    const titles = res.json().items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['中华人民共和国专利法', '中华人民共和国商标法实施条例', '山东省专利条例', '市场监督管理投诉举报处理暂行办法', '中华人民共和国人民调解法']));
    expect(res.json().total).toBe(10);
    const patent = res.json().items.find((i: { title: string }) => i.title === '中华人民共和国专利法');
    expect(patent).toMatchObject({ issuer: '全国人民代表大会常务委员会', issuedOn: '2020-10-17' });
    const detail = (await anon.get(`/api/public/articles/${patent.id}`)).json();
    expect(detail.edition).toBe('2020年10月17日第四次修正');
    expect(detail.body).toContain('第六十五条 未经专利权人许可，实施其专利，即侵犯其专利权');
    expect(detail.body).not.toContain('INFO END');
    expect(detail.summary).toContain('2020年10月17日');
    // The demo interpretation names 专利法, and 专利法 lists it.
    expect(detail.interpretations).toEqual([expect.objectContaining({ title: '【演示】《中华人民共和国专利法》第四次修正要点解读' })]);
    const demo = await t.deps.db.selectFrom('articles').select(['title', 'kind']).where('kind', '<>', 'policy').execute();
    expect(demo.length).toBe(7);
    for (const d of demo) expect(d.title.startsWith('【演示】')).toBe(true);
  });

  it('stores no HTML in any seeded article', async () => {
    const rows = await t.deps.db.selectFrom('articles').select(['title', 'body']).execute();
    for (const r of rows) expect(/<[a-z!/][^>]*>/i.test(r.body), r.title).toBe(false);
  });
});

describe('workflow through the API', () => {
  it('runs draft → review → approve → schedule → (job) published, logging each action', async () => {
    const a = await create(cityip);
    expect(a).toMatchObject({ status: 'draft', unitId: units.city, abilities: { edit: true, actions: ['submitReview'] } });

    const edited = await cityip.patch(`/api/articles/${a.id}`, { title: '商标侵权投诉办理指南（修订）', version: a.version });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: '商标侵权投诉办理指南（修订）', version: a.version + 1, status: 'draft' });

    expect((await act(cityip, a.id, 'submitReview')).json().status).toBe('inReview');
    // No edits under review: 409 with what is allowed.
    const cur = (await cityip.get(`/api/articles/${a.id}`)).json();
    const locked = await cityip.patch(`/api/articles/${a.id}`, { title: '偷偷改', version: cur.version });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { status: 'inReview', allowed: ['approve', 'reject', 'publish', 'schedule'] } });

    const approved = await act(leader, a.id, 'approve', { note: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', abilities: { edit: false, actions: ['publish', 'schedule', 'reject'] } });

    const past = await act(leader, a.id, 'schedule', { publishAt: '2026-11-19T00:00:00.000Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().details).toEqual([expect.objectContaining({ path: 'body.publishAt' })]);

    // The clock stands at 2026-11-20 10:00 China time: "now" is not in the future.
    const now = await act(leader, a.id, 'schedule', { publishAt: '2026-11-20T10:00:00+08:00' });
    expect(now.statusCode).toBe(400);
    const scheduled = await act(leader, a.id, 'schedule', { publishAt: '2026-11-21T10:00:00+08:00', note: '周六上午发布' });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', publishAt: '2026-11-21T02:00:00.000Z', abilities: { actions: ['publish', 'schedule', 'cancelSchedule'] } });
    expect((await anon.get(`/api/public/articles/${a.id}`)).statusCode).toBe(404);
    const log = (await cityip.get(`/api/articles/${a.id}/actions`)).json();
    expect(log.map((l: { action: string; toStatus: string }) => `${l.action}→${l.toStatus}`)).toEqual([
      'create→draft', 'edit→draft', 'submitReview→inReview', 'approve→approved', 'schedule→scheduled',
    ]);
    expect(log[3]).toMatchObject({ actorName: expect.any(String), note: '同意' });
    expect(log[4]).toMatchObject({ publishAt: '2026-11-21T02:00:00.000Z', note: '周六上午发布' });
    const cancelled = await act(leader, a.id, 'cancelSchedule');
    expect(cancelled.json()).toMatchObject({ status: 'approved', publishAt: null });
  });

  it('publishes a scheduled article only when the fixed clock passes its time (content-publish job)', async () => {
    const a = await create(cityip, { title: '定时发布的办事指南' });
    await act(cityip, a.id, 'submitReview');
    // Sessions end after 30 idle minutes, so the clock moves forward by minutes only.
    const s = await act(cityip, a.id, 'schedule', { publishAt: '2026-11-20T10:20:00+08:00' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ status: 'scheduled', publishAt: '2026-11-20T02:20:00.000Z' });

    t.clock.set('2026-11-20T02:19:59.000Z');
    await runJobOnce(t.deps, 'content-publish');
    expect((await cityip.get(`/api/articles/${a.id}`)).json().status).toBe('scheduled');
    expect((await anon.get(`/api/public/articles/${a.id}`)).statusCode).toBe(404);

    t.clock.set('2026-11-20T02:25:00.000Z');
    expect(await runJobOnce(t.deps, 'content-publish')).toMatch(/^published [1-9]/);
    const after = (await cityip.get(`/api/articles/${a.id}`)).json();
    expect(after).toMatchObject({ status: 'published', publishedAt: '2026-11-20T02:20:00.000Z', publishAt: null });
    expect((await anon.get(`/api/public/articles/${a.id}`)).statusCode).toBe(200);

    const log = (await cityip.get(`/api/articles/${a.id}/actions`)).json();
    expect(log.map((l: { action: string }) => l.action)).toEqual(['create', 'submitReview', 'schedule', 'publish']);
    expect(log[3]).toMatchObject({ actorName: '系统', fromStatus: 'scheduled', toStatus: 'published' });
    // A second run finds nothing more to do for this article.
    const again = await runJobOnce(t.deps, 'content-publish');
    expect(again).toBe('published 0');
  });

  it('unpublishes: the public no longer sees it; it can be edited and goes through review again', async () => {
    const a = await publish({ title: '即将撤回的指南' });
    expect((await anon.get(`/api/public/articles/${a.id}`)).statusCode).toBe(200);
    const un = await act(cityip, a.id, 'unpublish', { note: '内容需更新' });
    expect(un.json()).toMatchObject({ status: 'unpublished', abilities: { edit: true, actions: ['submitReview'] } });
    expect((await anon.get(`/api/public/articles/${a.id}`)).statusCode).toBe(404);
    const list = (await anon.get('/api/public/articles?kind=guide&pageSize=50')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(a.id);
    const e = await cityip.patch(`/api/articles/${a.id}`, { body: '新的正文', version: un.json().version });
    expect(e.json()).toMatchObject({ status: 'unpublished', body: '新的正文' });
  });

  it('refuses an action the table does not allow with 409 and the allowed actions', async () => {
    const a = await create(cityip);
    const res = await act(cityip, a.id, 'publish');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { status: 'draft', action: 'publish', allowed: ['edit', 'submitReview'] } });
  });

  it('refuses a stale version with 409 VERSION_CONFLICT', async () => {
    const a = await create(cityip);
    await cityip.patch(`/api/articles/${a.id}`, { title: '第一次修改', version: a.version });
    const stale = await cityip.patch(`/api/articles/${a.id}`, { title: '第二次修改', version: a.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const staleAct = await cityip.post(`/api/articles/${a.id}/actions`, { action: 'submitReview', version: a.version });
    expect(staleAct.json().code).toBe('VERSION_CONFLICT');
  });

  it('keeps the stored status equal to the status derived from every article’s action log', async () => {
    const rows = await t.deps.db.selectFrom('articles').select(['id', 'status']).execute();
    const actions = await t.deps.db.selectFrom('articleActions').select(['articleId', 'action']).orderBy('id').execute();
    const byArticle = new Map<number, ContentAction[]>();
    for (const a of actions) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a.action]);
    for (const r of rows) expect(deriveContentStatus(byArticle.get(r.id) ?? [])).toBe(r.status);
  });

  it('writes an audit row for each change, without the body', async () => {
    const a = await create(cityip, { title: '审计测试' });
    const audits = await t.deps.db.selectFrom('auditLogs').select(['action', 'after']).where('entityType', '=', 'article').where('entityId', '=', String(a.id)).execute();
    expect(audits.map((x) => x.action)).toEqual(['article.create']);
    const after = audits[0]!.after as Record<string, unknown>;
    expect(after.body).toBeUndefined();
    expect(after.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('permissions and data scope', () => {
  it('needs a session and the permission', async () => {
    expect((await anon.get('/api/articles')).statusCode).toBe(401);
    const county1 = await t.login('county1');
    expect((await county1.get('/api/articles')).statusCode).toBe(403);
    // The leader reviews and publishes but does not write.
    const res = await leader.post('/api/articles', draft());
    expect(res.statusCode).toBe(403);
  });

  it('lets only the permitted role take each step (403 otherwise)', async () => {
    const a = await create(cityip);
    // The leader holds content.review but not content.edit: cannot submit a draft.
    const submit = await act(leader, a.id, 'submitReview');
    expect(submit.statusCode).toBe(403);
    const { id: roleId } = await t.deps.db
      .insertInto('roles')
      .values({ code: 'contentEditor', name: '内容编辑', permissions: ['content.read', 'content.edit'], dataScope: 'unitAndBelow' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editorUser = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'county2').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('userRoles').values({ userId: editorUser.id, roleId }).execute();
    const editor = await t.login('county2');
    const mine = await create(editor, { title: '县局编辑的指南' });
    expect(mine.unitId).toBe(units.county2);
    await act(editor, mine.id, 'submitReview');
    const approve = await act(editor, mine.id, 'approve');
    expect(approve.statusCode).toBe(403);
    expect(approve.json().code).toBe('FORBIDDEN');
  });

  it('hides articles outside the data scope (404) and refuses a unit outside it', async () => {
    const editor = await t.login('county2'); // contentEditor role from the test above, scope unitAndBelow of county2
    const cityArticle = await create(cityip, { title: '市局的草稿' });
    expect((await editor.get(`/api/articles/${cityArticle.id}`)).statusCode).toBe(404);
    expect((await editor.get(`/api/articles/${cityArticle.id}/actions`)).statusCode).toBe(404);
    expect((await editor.patch(`/api/articles/${cityArticle.id}`, { title: '越权修改', version: cityArticle.version })).statusCode).toBe(404);
    expect((await editor.post(`/api/articles/${cityArticle.id}/actions`, { action: 'submitReview', version: cityArticle.version })).statusCode).toBe(404);
    const list = (await editor.get('/api/articles?pageSize=200')).json();
    expect(list.items.every((i: { unitId: number }) => i.unitId === units.county2)).toBe(true);
    expect(list.items.length).toBeGreaterThan(0);
    const elsewhere = await editor.post('/api/articles', draft({ unitId: units.county1 }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().details).toEqual([expect.objectContaining({ path: 'body.unitId' })]);
    // The city office (unit and below) sees the county's article.
    const countyList = (await cityip.get('/api/articles?pageSize=200')).json();
    expect(countyList.items.some((i: { unitId: number }) => i.unitId === units.county2)).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    ['missing title and body', { kind: 'guide' }, ['body.title', 'body.body']],
    ['unknown kind', { ...draft(), kind: 'blog' }, ['body.kind']],
    ['news without category', { ...draft(), kind: 'news' }, ['body.category']],
    ['category on a guide', { ...draft(), category: 'rights' }, ['body.category']],
    ['related article on a guide', { ...draft(), relatedArticleId: 1 }, ['body.relatedArticleId']],
    ['bad date', { ...draft(), kind: 'policy', issuedOn: '2026-13-01' }, ['body.issuedOn']],
    ['effective before issued', { ...draft(), kind: 'policy', issuedOn: '2026-01-02', effectiveOn: '2026-01-01' }, ['body.effectiveOn']],
    ['title too long', { ...draft(), title: '长'.repeat(201) }, ['body.title']],
    ['attachment ids not numbers', { ...draft(), attachmentIds: ['x'] }, ['body.attachmentIds.0']],
  ])('POST /api/articles: %s → 400 with field paths', async (_name, body, paths) => {
    const res = await cityip.post('/api/articles', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.map((d: { path: string }) => d.path).sort()).toEqual([...paths].sort());
  });

  it('refuses an interpretation related to something that is not a policy', async () => {
    const guide = await create(cityip);
    const res = await cityip.post('/api/articles', draft({ kind: 'interpretation', relatedArticleId: guide.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.relatedArticleId');
    const missing = await cityip.post('/api/articles', draft({ kind: 'interpretation', relatedArticleId: 999999 }));
    expect(missing.json().details[0].path).toBe('body.relatedArticleId');
  });

  it.each([
    ['no version', { title: '新标题' }, 'body.version'],
    ['title too short', { title: '短', version: 1 }, 'body.title'],
    ['empty body', { body: '   ', version: 1 }, 'body.body'],
    ['category on a guide', { category: 'work', version: 1 }, 'body.category'],
    ['related article on a guide', { relatedArticleId: 1, version: 1 }, 'body.relatedArticleId'],
    ['unknown category', { category: 'gossip', version: 1 }, 'body.category'],
  ])('PATCH /api/articles/:id: %s → 400 at %s', async (_n, body, path) => {
    const a = await create(cityip);
    const res = await cityip.patch(`/api/articles/${a.id}`, { ...body, ...('version' in body ? { version: a.version } : {}) });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it.each([
    ['unknown action', { action: 'delete', version: 1 }, 'body.action'],
    ['schedule without time', { action: 'schedule', version: 1 }, 'body.publishAt'],
    ['reject without reason', { action: 'reject', version: 1 }, 'body.note'],
    ['bad time', { action: 'schedule', publishAt: 'tomorrow', version: 1 }, 'body.publishAt'],
    ['no version', { action: 'submitReview' }, 'body.version'],
  ])('POST /api/articles/:id/actions: %s → 400 at %s', async (_n, body, path) => {
    const a = await create(cityip);
    const res = await cityip.post(`/api/articles/${a.id}/actions`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it.each([
    ['/api/articles/abc', 'params.id'],
    ['/api/articles?status=gone', 'querystring.status'],
    ['/api/articles?pageSize=1000', 'querystring.pageSize'],
  ])('GET %s → 400 at %s', async (url, path) => {
    const res = await cityip.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe(path);
  });

  it.each([
    ['/api/public/articles?kind=blog', 'querystring.kind'],
    ['/api/public/articles?pageSize=500', 'querystring.pageSize'],
    ['/api/public/articles?keyword=' + 'x'.repeat(51), 'querystring.keyword'],
    ['/api/public/articles/0', 'params.id'],
    ['/api/public/articles/1/attachments/x', 'params.fileId'],
    ['/api/public/search', 'querystring.q'],
    ['/api/public/search?q=%20%20', 'querystring.q'],
    ['/api/public/search?q=' + '长'.repeat(51), 'querystring.q'],
    ['/api/public/search?q=专利&page=0', 'querystring.page'],
  ])('public GET %s → 400 at %s', async (url, path) => {
    const res = await anon.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe(path);
  });

  it('answers 404 for an unknown article', async () => {
    expect((await cityip.get('/api/articles/999999')).statusCode).toBe(404);
    expect((await anon.get('/api/public/articles/999999')).statusCode).toBe(404);
  });
});

describe('attachments', () => {
  it('attaches uploads; staff download through /api/files; the public only while published', async () => {
    const f1 = await upload(cityip, '专利侵权纠纷处理请求书.pdf');
    const f2 = await upload(cityip, '授权委托书.pdf');
    const a = await create(cityip, { attachmentIds: [f1, f2] });
    expect(a.attachments.map((x: { originalName: string }) => x.originalName)).toEqual(['专利侵权纠纷处理请求书.pdf', '授权委托书.pdf']);
    expect((await cityip.get(`/api/files/${f1}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/files/${f1}`)).statusCode).toBe(200);
    // Not published: no public download.
    expect((await anon.get(`/api/public/articles/${a.id}/attachments/${f1}`)).statusCode).toBe(404);

    await act(cityip, a.id, 'submitReview');
    await act(cityip, a.id, 'publish');
    const pub = (await anon.get(`/api/public/articles/${a.id}`)).json();
    expect(pub.attachments.map((x: { id: number }) => x.id)).toEqual([f1, f2]);
    const dl = await anon.get(`/api/public/articles/${a.id}/attachments/${f1}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    // A file id of another article through this article's path: 404.
    const other = await publish({ attachmentIds: [await upload(cityip)] });
    expect((await anon.get(`/api/public/articles/${a.id}/attachments/${other.attachments[0].id}`)).statusCode).toBe(404);

    await act(cityip, a.id, 'unpublish', { note: '更换表格' });
    expect((await anon.get(`/api/public/articles/${a.id}/attachments/${f1}`)).statusCode).toBe(404);
    // Replacing the list detaches the file that is left out.
    const cur = (await cityip.get(`/api/articles/${a.id}`)).json();
    const res = await cityip.patch(`/api/articles/${a.id}`, { attachmentIds: [f2], version: cur.version });
    expect(res.json().attachments.map((x: { id: number }) => x.id)).toEqual([f2]);
    const f1row = await t.deps.db.selectFrom('files').select(['ownerType', 'ownerId']).where('id', '=', f1).executeTakeFirstOrThrow();
    expect(f1row).toEqual({ ownerType: null, ownerId: null });
  });

  it('refuses a file that someone else uploaded or that belongs to another article', async () => {
    const sysadmin = await t.login('sysadmin');
    const theirs = await upload(sysadmin);
    const res = await cityip.post('/api/articles', draft({ attachmentIds: [theirs] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.attachmentIds.0');
    const owned = await create(cityip, { attachmentIds: [await upload(cityip)] });
    const steal = await cityip.post('/api/articles', draft({ attachmentIds: [owned.attachments[0].id] }));
    expect(steal.json().details[0].path).toBe('body.attachmentIds.0');
    // Staff without content.read cannot download an article's attachment.
    expect((await sysadmin.get(`/api/files/${owned.attachments[0].id}`)).statusCode).toBe(404);
  });
});

describe('public endpoints', () => {
  it('never return drafts, articles under review, scheduled or withdrawn ones', async () => {
    const marker = '独一无二的标记词';
    const d = await create(cityip, { title: `草稿${marker}` });
    const r = await create(cityip, { title: `审核中${marker}` });
    await act(cityip, r.id, 'submitReview');
    const s = await create(cityip, { title: `定时${marker}` });
    await act(cityip, s.id, 'submitReview');
    await act(cityip, s.id, 'schedule', { publishAt: '2027-01-01T00:00:00+08:00' });
    const u = await publish({ title: `撤回${marker}` });
    await act(cityip, u.id, 'unpublish', { note: '撤回' });
    const p = await publish({ title: `已发布${marker}` });

    const list = (await anon.get(`/api/public/articles?keyword=${encodeURIComponent(marker)}`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([p.id]);
    const all = (await anon.get('/api/public/articles?pageSize=50&page=1')).json();
    const ids = new Set<number>();
    for (let page = 1; page <= Math.ceil(all.total / 50); page++) {
      for (const i of (await anon.get(`/api/public/articles?pageSize=50&page=${page}`)).json().items) ids.add(i.id);
    }
    for (const hidden of [d.id, r.id, s.id, u.id]) {
      expect(ids.has(hidden)).toBe(false);
      expect((await anon.get(`/api/public/articles/${hidden}`)).statusCode).toBe(404);
    }
    const search = (await anon.get(`/api/public/search?q=${encodeURIComponent(marker)}`)).json();
    expect(search.items.map((i: { id: string }) => i.id)).toEqual([String(p.id)]);
    expect(search.items[0]).toMatchObject({ kind: 'guide', kindLabel: '办事指南', url: `/articles/${p.id}` });
  });

  it('lists newest first with kind and category filters and a body-less summary', async () => {
    const news = (await anon.get('/api/public/articles?kind=news&category=rights')).json();
    expect(news.items.length).toBe(2);
    expect(news.items.every((i: { category: string }) => i.category === 'rights')).toBe(true);
    const times = news.items.map((i: { publishedAt: string }) => i.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(news.items[0]).not.toHaveProperty('body');
    expect(news.items[0].summary.length).toBeLessThanOrEqual(161);
  });

  it('shows the related policy of an interpretation and only published interpretations of a policy', async () => {
    const policies = (await anon.get('/api/public/articles?kind=policy&keyword=' + encodeURIComponent('商标法实施条例'))).json();
    const policy = policies.items[0];
    const interp = await publish({ kind: 'interpretation', title: '商标法实施条例解读', relatedArticleId: policy.id });
    const hidden = await create(cityip, { kind: 'interpretation', title: '未发布的解读', relatedArticleId: policy.id });
    const p = (await anon.get(`/api/public/articles/${policy.id}`)).json();
    expect(p.interpretations.map((i: { id: number }) => i.id)).toEqual([interp.id]);
    expect(p.interpretations.map((i: { id: number }) => i.id)).not.toContain(hidden.id);
    const i = (await anon.get(`/api/public/articles/${interp.id}`)).json();
    expect(i.relatedPolicy).toMatchObject({ id: policy.id, title: '中华人民共和国商标法实施条例' });
    // Back office: the policy lists both interpretations, whatever their status.
    const back = (await cityip.get(`/api/articles/${policy.id}`)).json();
    expect(back.interpretations.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([interp.id, hidden.id]));
  });

  it('renders nothing as HTML: a body with markup is stored and returned as plain text', async () => {
    const p = await publish({ title: '<script>alert(1)</script>标题', body: '<img src=x onerror=alert(1)>正文' });
    const res = await anon.get(`/api/public/articles/${p.id}`);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().body).toBe('<img src=x onerror=alert(1)>正文');
  });
});
