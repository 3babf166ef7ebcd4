/**
 * 督办中心: the dashboard counts and the items list under the data scope, 催办 to the right people, 挂牌督办 with its
 * one-time escalation, and the 典型案例 nomination. Leads and cases are written directly with Kysely (their own modules
 * are built in parallel); the supervision module only reads them.
 */
import type { SupervisionItemDto, SupervisionOverviewDto } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { runJobOnce } from '../../jobs/scheduler';

let t: TestApp;
const ids = { city: 0, county1: 0, county2: 0, station1: 0 };
const rec = { l1: 0, l2: 0, l3: 0, c1: 0, c2: 0, c3: 0 };
let leadSeq = 0;

async function unitOf(username: string): Promise<number> {
  return (await t.deps.db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow()).unitId!;
}

async function insertLead(o: { kind: 'complaint' | 'report' | 'lead'; unitId: number; countyUnitId: number | null; dueOn: string | null; state: 'normal' | 'warning' | 'overdue' | 'paused' | null; title: string; closedOn?: string }) {
  leadSeq++;
  const row = await t.deps.db
    .insertInto('leads')
    .values({
      leadNo: `XS-2026-370900-${String(900000 + leadSeq)}`,
      kind: o.kind,
      source: 'inspection',
      ipType: 'trademark',
      title: o.title,
      facts: '【测试】线索内容',
      respondentName: '泰安某商贸有限公司',
      receivedOn: '2026-11-10',
      intakeUnitId: ids.city,
      countyUnitId: o.countyUnitId,
      unitId: o.unitId,
      status: o.countyUnitId ? 'verifying' : 'pendingDispatch',
      dueOn: o.dueOn,
      deadlineState: o.state,
      closedOn: o.closedOn ?? null,
      createdAt: '2026-11-10T02:00:00.000Z',
      updatedAt: '2026-11-10T02:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertCase(o: {
  caseNo: string; unitId: number; countyUnitId: number; dueOn: string | null; state: 'normal' | 'warning' | 'overdue' | 'paused' | null; title: string;
  closedOn?: string; decision?: 'penalty'; decisionOn?: string; partyKind?: 'person' | 'organization'; partyName?: string; partyLegalRep?: string;
}) {
  const row = await t.deps.db
    .insertInto('cases')
    .values({
      caseNo: o.caseNo,
      unitId: o.unitId,
      countyUnitId: o.countyUnitId,
      caseType: 'trademarkInfringement',
      procedure: 'ordinary',
      title: o.title,
      partyKind: o.partyKind ?? 'organization',
      partyName: o.partyName ?? '泰安某商贸有限公司',
      partyLegalRep: o.partyLegalRep ?? null,
      filedOn: '2026-09-01',
      status: o.closedOn ? 'closed' : 'investigating',
      dueOn: o.dueOn,
      deadlineState: o.state,
      closedOn: o.closedOn ?? null,
      decision: o.decision ?? null,
      decisionOn: o.decisionOn ?? null,
      fineAmount: o.decision ? '12500.00' : null,
      createdAt: '2026-09-01T02:00:00.000Z',
      updatedAt: '2026-09-01T02:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

beforeAll(async () => {
  // Friday 2026-11-20, 10:00 in China.
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  ids.city = (await t.deps.db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  ids.county1 = await unitOf('county1');
  ids.county2 = await unitOf('county2');
  ids.station1 = await unitOf('station1');
  rec.l1 = await insertLead({ kind: 'complaint', unitId: ids.county1, countyUnitId: ids.county1, dueOn: '2026-11-19', state: 'overdue', title: '【测试】销售假冒注册商标的商品投诉' });
  rec.l2 = await insertLead({ kind: 'report', unitId: ids.station1, countyUnitId: ids.county1, dueOn: '2026-12-09', state: 'normal', title: '【测试】门店销售侵权商品举报' });
  rec.l3 = await insertLead({ kind: 'lead', unitId: ids.city, countyUnitId: null, dueOn: null, state: null, title: '【测试】省平台交办线索（待分派）' });
  await insertLead({ kind: 'lead', unitId: ids.county1, countyUnitId: ids.county1, dueOn: '2026-10-01', state: 'overdue', title: '【测试】已办结线索', closedOn: '2026-10-01' });
  rec.c1 = await insertCase({ caseNo: '泰岱市监立〔2026〕901号', unitId: ids.county2, countyUnitId: ids.county2, dueOn: '2026-11-24', state: 'warning', title: '【测试】某公司侵犯注册商标专用权案' });
  rec.c2 = await insertCase({
    caseNo: '泰岱市监立〔2026〕902号', unitId: ids.county2, countyUnitId: ids.county2, dueOn: null, state: null, title: '【测试】王某销售侵权商品案',
    closedOn: '2026-11-02', decision: 'penalty', decisionOn: '2026-10-20', partyKind: 'person', partyName: '王小明',
  });
  rec.c3 = await insertCase({ caseNo: '泰山市监立〔2026〕903号', unitId: ids.county1, countyUnitId: ids.county1, dueOn: '2026-11-24', state: 'warning', title: '【测试】某店假冒专利案' });
});
afterAll(() => t.close());

describe('overview (督办中心统计)', () => {
  it('counts open items by county bureau, kind and deadline state; stations roll up to their county', async () => {
    const res = await (await t.login('leader')).get('/api/supervision/overview');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as SupervisionOverviewDto;
    expect(o.asOf).toBe('2026-11-20');
    // 5 open: l1, l2, l3, c1, c3 (the closed lead and c2 are not counted).
    expect(o.totals).toMatchObject({ open: 5, overdue: 1, warning: 2, normal: 1, none: 1, leads: 3, cases: 2 });
    const c1 = o.rows.find((r) => r.unitId === ids.county1)!;
    expect(c1).toMatchObject({ open: 3, overdue: 1, normal: 1, warning: 1, leads: 2, cases: 1 });
    expect(c1.byKind).toMatchObject({ complaint: 1, report: 1, trademarkInfringement: 1 });
    expect(o.rows.find((r) => r.unitId === ids.county2)).toMatchObject({ open: 1, warning: 1, cases: 1 });
    // The lead still at intake counts for the city bureau.
    expect(o.rows.find((r) => r.unitId === ids.city)).toMatchObject({ open: 1, none: 1 });
    // Every county bureau has a row, also with nothing open.
    expect(o.rows.filter((r) => r.open === 0).length).toBeGreaterThanOrEqual(4);
    expect(o.rows[0]!.unitId).toBe(ids.city);
  });

  it('a county user sees only their county', async () => {
    const o = (await (await t.login('county1head')).get('/api/supervision/overview')).json() as SupervisionOverviewDto;
    expect(o.rows.map((r) => r.unitId)).toEqual([ids.county1]);
    expect(o.totals.open).toBe(3);
  });

  it('unitId narrows to a subtree', async () => {
    const o = (await (await t.login('leader')).get(`/api/supervision/overview?unitId=${ids.station1}`)).json() as SupervisionOverviewDto;
    expect(o.totals.open).toBe(1);
    expect(o.totals.byKind.report).toBe(1);
  });
});

describe('items (督办事项)', () => {
  it('lists leads and cases together by due date, nulls last', async () => {
    const res = await (await t.login('leader')).get('/api/supervision/items');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(5);
    const items = page.items as SupervisionItemDto[];
    expect(items.map((i) => `${i.entityType}:${i.entityId}`)).toEqual([`lead:${rec.l1}`, `case:${rec.c1}`, `case:${rec.c3}`, `lead:${rec.l2}`, `lead:${rec.l3}`]);
    const l2 = items.find((i) => i.entityId === rec.l2 && i.entityType === 'lead')!;
    expect(l2).toMatchObject({ kind: 'report', kindLabel: '举报', countyUnitId: ids.county1, link: `/admin/leads/${rec.l2}`, deadlineState: 'normal' });
    // 2026-11-20 → 2026-12-09: 13 working days left.
    expect(l2.workingDaysLeft).toBe(13);
    expect(items[0]!.workingDaysLeft).toBe(-1);
    expect(items[0]!.abilities).toEqual({ remind: true, flag: true });
  });

  it('a lead whose case is registered is not a second open item (unless one of its own periods runs)', async () => {
    const leader = await t.login('leader');
    const before = (await leader.get('/api/supervision/items')).json().total as number;
    const handled = await insertLead({ kind: 'report', unitId: ids.county1, countyUnitId: ids.county1, dueOn: null, state: null, title: '【测试】已立案的线索' });
    const telling = await insertLead({ kind: 'report', unitId: ids.county1, countyUnitId: ids.county1, dueOn: '2026-11-27', state: 'normal', title: '【测试】待告知举报人' });
    await t.deps.db.updateTable('leads').set({ caseId: rec.c1, status: 'caseFiled' }).where('id', 'in', [handled, telling]).execute();
    const page = (await leader.get('/api/supervision/items?pageSize=50')).json();
    const ids_ = (page.items as SupervisionItemDto[]).filter((i) => i.entityType === 'lead').map((i) => i.entityId);
    expect(ids_).toContain(telling);
    expect(ids_).not.toContain(handled);
    expect(page.total).toBe(before + 1);
    await t.deps.db.updateTable('leads').set({ closedOn: '2026-11-20' }).where('id', 'in', [handled, telling]).execute();
  });

  it('pages merge correctly', async () => {
    const c = await t.login('leader');
    const p1 = (await c.get('/api/supervision/items?page=1&pageSize=2')).json();
    const p2 = (await c.get('/api/supervision/items?page=2&pageSize=2')).json();
    const p3 = (await c.get('/api/supervision/items?page=3&pageSize=2')).json();
    expect([...p1.items, ...p2.items, ...p3.items].map((i: SupervisionItemDto) => i.entityId)).toEqual([rec.l1, rec.c1, rec.c3, rec.l2, rec.l3]);
    expect(p3.total).toBe(5);
  });

  it('filters: unit subtree, kind, entity type, deadline state', async () => {
    const c = await t.login('leader');
    const ofUnit = (await c.get(`/api/supervision/items?unitId=${ids.county1}`)).json();
    expect(ofUnit.items.map((i: SupervisionItemDto) => i.entityId).sort()).toEqual([rec.l1, rec.l2, rec.c3].sort());
    expect((await c.get('/api/supervision/items?kind=complaint')).json().items.map((i: SupervisionItemDto) => i.entityId)).toEqual([rec.l1]);
    expect((await c.get('/api/supervision/items?entityType=case')).json().total).toBe(2);
    expect((await c.get('/api/supervision/items?deadlineState=overdue')).json().items.map((i: SupervisionItemDto) => i.entityId)).toEqual([rec.l1]);
    expect((await c.get('/api/supervision/items?deadlineState=none')).json().items.map((i: SupervisionItemDto) => i.entityId)).toEqual([rec.l3]);
    const bad = await c.get('/api/supervision/items?kind=bogus&deadlineState=red');
    expect(bad.statusCode).toBe(400);
    expect(paths(bad).sort()).toEqual(['querystring.deadlineState', 'querystring.kind']);
  });

  it('a county user sees only their county; a station officer only their station', async () => {
    const c2 = (await (await t.login('county2')).get('/api/supervision/items')).json();
    expect(c2.items.map((i: SupervisionItemDto) => `${i.entityType}:${i.entityId}`)).toEqual([`case:${rec.c1}`]);
    expect(c2.items[0].abilities).toEqual({ remind: false, flag: false });
    const st = (await (await t.login('station1')).get('/api/supervision/items')).json();
    expect(st.items.map((i: SupervisionItemDto) => i.entityId)).toEqual([rec.l2]);
  });
});

describe('催办 (reminders)', () => {
  it('notifies the handlers of the responsible unit, records and audits', async () => {
    const city = await t.login('cityip');
    const res = await city.post('/api/supervision/reminders', { entityType: 'lead', entityId: rec.l1, message: '该投诉已超期，请于本周内作出受理决定' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ entityType: 'lead', entityId: rec.l1, unitId: ids.county1, sentBy: expect.any(String) });
    const notes = await t.deps.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.username', 'notifications.title', 'notifications.body', 'notifications.link'])
      .where('notifications.kind', '=', 'supervision.reminder')
      .execute();
    // county1's holders of lead.handle: the two officers and the county head; not station1, not county2, not the sender.
    expect(notes.map((n) => n.username).sort()).toEqual(['county1', 'county1b', 'county1head']);
    expect(r.notified).toBe(3);
    expect(notes[0]!.title).toContain('催办');
    expect(notes[0]!.body).toContain('请于本周内作出受理决定');
    expect(notes[0]!.link).toBe(`/admin/leads/${rec.l1}`);
    const audit = await t.deps.db.selectFrom('auditLogs').selectAll().where('action', '=', 'supervision.remind').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(String(rec.l1));

    const hist = await city.get(`/api/supervision/reminders?entityType=lead&entityId=${rec.l1}`);
    expect(hist.json()).toHaveLength(1);
    const items = (await city.get('/api/supervision/items?kind=complaint')).json().items as SupervisionItemDto[];
    expect(items[0]!.reminderCount).toBe(1);
  });

  it('outside the scope is 404; without 督办 permission 403; bad input 400 with the path; a closed item 409', async () => {
    const county2head = await t.login('county2head');
    expect((await county2head.post('/api/supervision/reminders', { entityType: 'lead', entityId: rec.l1, message: '请尽快办理' })).statusCode).toBe(404);
    expect((await county2head.get(`/api/supervision/reminders?entityType=lead&entityId=${rec.l1}`)).statusCode).toBe(404);
    expect((await (await t.login('county1')).post('/api/supervision/reminders', { entityType: 'lead', entityId: rec.l1, message: '请尽快办理' })).statusCode).toBe(403);
    const bad = await county2head.post('/api/supervision/reminders', { entityType: 'petition', entityId: 0, message: '' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad).sort()).toEqual(['body.entityId', 'body.entityType', 'body.message']);
    const closed = await county2head.post('/api/supervision/reminders', { entityType: 'case', entityId: rec.c2, message: '请尽快办理' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toContain('已办结');
  });
});

describe('挂牌督办 (flags) and escalation', () => {
  let flagId = 0;

  it('flags an item: the unit is told, the items list shows it, a second flag is 409', async () => {
    const city = await t.login('cityip');
    const past = await city.post('/api/supervision/flags', { entityType: 'case', entityId: rec.c1, reason: '群众反映强烈，请限期办结', dueOn: '2026-11-19' });
    expect(past.statusCode).toBe(400);
    expect(paths(past)).toEqual(['body.dueOn']);
    const res = await city.post('/api/supervision/flags', { entityType: 'case', entityId: rec.c1, reason: '群众反映强烈，请限期办结', dueOn: '2026-11-25' });
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json();
    flagId = f.id;
    expect(f).toMatchObject({ level: 'city', levelLabel: '市局挂牌督办', unitId: ids.county2, dueOn: '2026-11-25', overdue: false, abilities: { lift: true } });
    const told = await t.deps.db
      .selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.userId').select('users.username')
      .where('notifications.kind', '=', 'supervision.flag').execute();
    expect(told.map((x) => x.username).sort()).toEqual(['county2', 'county2b', 'county2head']);
    expect((await city.post('/api/supervision/flags', { entityType: 'case', entityId: rec.c1, reason: '再次挂牌', dueOn: '2026-11-30' })).statusCode).toBe(409);

    const flagged = (await city.get('/api/supervision/items?flagged=true')).json();
    expect(flagged.items.map((i: SupervisionItemDto) => i.entityId)).toEqual([rec.c1]);
    expect(flagged.items[0].flag).toMatchObject({ id: flagId, reason: '群众反映强烈，请限期办结' });
    expect(flagged.items[0].abilities.flag).toBe(false);
    expect((await city.get('/api/supervision/items?flagged=false')).json().total).toBe(4);
    const o = (await city.get('/api/supervision/overview')).json() as SupervisionOverviewDto;
    expect(o.totals.flagged).toBe(1);
    expect(o.rows.find((r) => r.unitId === ids.county2)!.flagged).toBe(1);
    expect(o.flagsOverdue).toBe(0);
  });

  it('a county head may not lift the city bureau’s flag; another county cannot see it', async () => {
    expect((await (await t.login('county2head')).post(`/api/supervision/flags/${flagId}/lift`, { note: '已办结' })).statusCode).toBe(403);
    expect((await (await t.login('county1head')).post(`/api/supervision/flags/${flagId}/lift`, { note: '已办结' })).statusCode).toBe(404);
  });

  it('past the 督办 date the leaders above are told once (escalation job, audited as system)', async () => {
    expect(await runJobOnce(t.deps, 'supervision-escalation')).toBe('nothing to do');
    t.clock.set('2026-11-26T02:00:00.000Z');
    try {
      const out = await runJobOnce(t.deps, 'supervision-escalation');
      expect(out).toMatch(/^escalated 1 flags/);
      const told = await t.deps.db
        .selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.userId').select(['users.username', 'notifications.title'])
        .where('notifications.kind', '=', 'supervision.escalation').execute();
      // deadline.supervise holders of the units above 岱岳区局: the city bureau's leader and IP office.
      expect(told.map((x) => x.username).sort()).toEqual(['cityip', 'leader']);
      expect(told[0]!.title).toContain('督办逾期');
      const flag = await t.deps.db.selectFrom('supervisionFlags').selectAll().where('id', '=', flagId).executeTakeFirstOrThrow();
      expect(flag.escalatedAt).not.toBeNull();
      const audit = await t.deps.db.selectFrom('auditLogs').selectAll().where('action', '=', 'supervision.escalate').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorId).toBeNull();
      // Once only.
      expect(await runJobOnce(t.deps, 'supervision-escalation')).toBe('nothing to do');
      const o = (await (await t.login('leader')).get('/api/supervision/overview')).json() as SupervisionOverviewDto;
      expect(o.flagsOverdue).toBe(1);
    } finally {
      t.clock.set('2026-11-20T02:00:00.000Z');
    }
  });

  it('the city lifts the flag with a note; a second lift is 409; the history keeps it', async () => {
    const city = await t.login('cityip');
    expect((await city.post(`/api/supervision/flags/${flagId}/lift`, { note: '' })).statusCode).toBe(400);
    const res = await city.post(`/api/supervision/flags/${flagId}/lift`, { note: '已按期作出处罚决定' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ liftNote: '已按期作出处罚决定', abilities: { lift: false } });
    expect((await city.post(`/api/supervision/flags/${flagId}/lift`, { note: '重复摘牌' })).statusCode).toBe(409);
    const hist = (await city.get(`/api/supervision/flags?entityType=case&entityId=${rec.c1}`)).json();
    expect(hist).toHaveLength(1);
    expect(hist[0].liftedAt).not.toBeNull();
    // A new flag may be placed again after lifting.
    expect((await city.get('/api/supervision/items?flagged=true')).json().total).toBe(0);
  });
});

describe('典型案例 (typical-case nomination)', () => {
  it('refuses the party’s personal data, creates a draft 典型案例 once, links it in the audit', async () => {
    const city = await t.login('cityip');
    const pii = await city.post('/api/supervision/typical-cases', { caseId: rec.c2, title: '王小明销售侵权商品案', summary: '当事人王小明在其经营的门店销售侵犯注册商标专用权的商品。' });
    expect(pii.statusCode).toBe(400);
    expect(paths(pii)).toEqual(['body.title', 'body.summary']);
    const phone = await city.post('/api/supervision/typical-cases', { caseId: rec.c2, title: '王某销售侵权商品案', summary: '当事人王某（电话13812345678）在其门店销售侵权商品。' });
    expect(paths(phone)).toEqual(['body.summary']);

    const res = await city.post('/api/supervision/typical-cases', { caseId: rec.c2, title: '王某销售侵犯注册商标专用权商品案', summary: '当事人王某在其经营的门店销售侵犯注册商标专用权的商品，执法人员依法查处。' });
    expect(res.statusCode, res.body).toBe(201);
    const nom = res.json();
    expect(nom).toMatchObject({ caseId: rec.c2, articleStatus: 'draft', link: `/admin/articles/${nom.articleId}` });
    const article = await t.deps.db.selectFrom('articles').selectAll().where('id', '=', nom.articleId).executeTakeFirstOrThrow();
    expect(article.kind).toBe('typicalCase');
    expect(article.status).toBe('draft');
    expect(article.body).toContain('基本案情');
    expect(article.body).toContain('12,500.00元');
    expect(article.body).not.toContain('王小明');
    const audit = await t.deps.db.selectFrom('auditLogs').selectAll().where('action', '=', 'supervision.typicalCase').execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.after as { articleId: number }).articleId).toBe(nom.articleId);

    expect((await city.post('/api/supervision/typical-cases', { caseId: rec.c2, title: '再次推荐', summary: '当事人王某销售侵权商品，执法人员依法查处。' })).statusCode).toBe(409);
  });

  it('an undecided case is 409; a user without 评查/督办 permission 403; another county 404', async () => {
    const body = { caseId: rec.c1, title: '某公司侵犯注册商标专用权案', summary: '某公司销售侵犯注册商标专用权的商品，执法人员依法查处。' };
    expect((await (await t.login('cityip')).post('/api/supervision/typical-cases', body)).statusCode).toBe(409);
    expect((await (await t.login('county2')).post('/api/supervision/typical-cases', body)).statusCode).toBe(403);
    expect((await (await t.login('county1head')).post('/api/supervision/typical-cases', body)).statusCode).toBe(404);
  });
});

describe('access', () => {
  it('every supervision route wants a session; the mediator has no 督办 access', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/supervision/overview')).statusCode).toBe(401);
    expect((await anon.get('/api/supervision/items')).statusCode).toBe(401);
    const mediator = await t.login('mediator');
    expect((await mediator.get('/api/supervision/overview')).statusCode).toBe(403);
    expect((await mediator.post('/api/supervision/flags', { entityType: 'lead', entityId: rec.l1, reason: '督办', dueOn: '2026-12-01' })).statusCode).toBe(403);
  });
});
