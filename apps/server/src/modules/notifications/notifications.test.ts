import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { sendNotifications } from './notifications.service';

let t: TestApp;
const ids: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.deps.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
});
afterAll(() => t.close());

describe('notifications', () => {
  it('sends once per dedupe key and shows each user only their own inbox', async () => {
    const note = (userId: number, n: number) => ({ userId, kind: 'test', title: `消息${n}`, body: '正文', link: null, dedupeKey: `test:${n}` });
    const sent = await t.deps.db.transaction().execute((trx) => sendNotifications(trx, [note(ids.county1, 1), note(ids.county1, 2), note(ids.county2, 1)]));
    expect(sent).toBe(3);
    expect(await t.deps.db.transaction().execute((trx) => sendNotifications(trx, [note(ids.county1, 1)]))).toBe(0);

    const c1 = await t.login('county1');
    const list = (await c1.get('/api/notifications')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((n: { title: string }) => n.title).sort()).toEqual(['消息1', '消息2']);
    expect((await c1.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });

    const mine = list.items[0].id;
    const theirs = (await t.deps.db.selectFrom('notifications').select('id').where('userId', '=', ids.county2).executeTakeFirstOrThrow()).id;
    expect((await c1.post(`/api/notifications/${theirs}/read`)).statusCode).toBe(404);
    const read = await c1.post(`/api/notifications/${mine}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    expect((await c1.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
    expect((await c1.get('/api/notifications?unread=true')).json().total).toBe(1);
    expect((await c1.get('/api/notifications?unread=false')).json().total).toBe(1);
    expect((await c1.get('/api/notifications?unread=maybe')).statusCode).toBe(400);

    expect((await c1.post('/api/notifications/read-all')).json()).toEqual({ count: 1 });
    expect((await c1.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    // The other user's message is untouched.
    const c2 = await t.login('county2');
    expect((await c2.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
    // Reading one's inbox is not audited (it changes only the reader's own inbox state).
    expect(await t.deps.db.selectFrom('auditLogs').select('seq').where('action', 'like', 'notification%').execute()).toHaveLength(0);
    expect((await t.anonymous().get('/api/notifications')).statusCode).toBe(401);
  });
});

describe('public users: their own profile data in /me and their own inbox on the portal', () => {
  const PASSWORD = 'Pub#2026person';
  let pubId: number;
  beforeAll(async () => {
    const res = await t.anonymous({ ip: '10.4.0.1' }).post('/api/portal/auth/register', {
      username: 'pub_person1', password: PASSWORD, displayName: '王小二', publicKind: 'person', phone: '13912345678',
    });
    expect(res.statusCode, res.body).toBe(200);
    // Registration answers with the new user's MeDto already.
    expect(res.json()).toMatchObject({ kind: 'public', publicKind: 'person', phone: '13912345678' });
    pubId = res.json().id;
  });

  it('gives a public user their publicKind and full phone, and staff null for both', async () => {
    const pub = await t.login('pub_person1', { password: PASSWORD });
    expect((await pub.get('/api/portal/auth/me')).json()).toMatchObject({ publicKind: 'person', phone: '13912345678' });
    const ent = await t.login('demo_enterprise');
    expect((await ent.get('/api/portal/auth/me')).json()).toMatchObject({ publicKind: 'enterprise', phone: null });
    const staff = await t.login('county1');
    expect((await staff.get('/api/auth/me')).json()).toMatchObject({ publicKind: null, phone: null });
  });

  it('lists, counts and marks read only the public user’s own messages; staff and anonymous sessions are refused', async () => {
    const note = (userId: number, n: number) => ({ userId, kind: 'test', title: `门户消息${n}`, body: '您的诉求有新进展', link: null, dedupeKey: `portal-test:${userId}:${n}` });
    await t.deps.db.transaction().execute((trx) => sendNotifications(trx, [note(pubId, 1), note(pubId, 2), note(ids.demo_enterprise, 1)]));
    const pub = await t.login('pub_person1', { password: PASSWORD });
    const list = await pub.get('/api/portal/notifications');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(2);
    expect(list.json().items.map((n: { title: string }) => n.title).sort()).toEqual(['门户消息1', '门户消息2']);
    expect((await pub.get('/api/portal/notifications/unread-count')).json()).toEqual({ count: 2 });

    const mine = list.json().items[0].id as number;
    const theirs = (await t.deps.db.selectFrom('notifications').select('id').where('userId', '=', ids.demo_enterprise).executeTakeFirstOrThrow()).id;
    expect((await pub.post(`/api/portal/notifications/${theirs}/read`)).statusCode).toBe(404);
    const read = await pub.post(`/api/portal/notifications/${mine}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    expect((await pub.get('/api/portal/notifications/unread-count')).json()).toEqual({ count: 1 });
    const unread = (await pub.get('/api/portal/notifications?unread=true')).json();
    expect(unread.items.map((n: { id: number }) => n.id)).not.toContain(mine);
    expect(unread.total).toBe(1);
    expect((await pub.get('/api/portal/notifications?page=1&pageSize=1')).json().items).toHaveLength(1);

    // A back-office session is not a portal session, and the staff inbox does not take the portal cookie.
    const staff = await t.login('county1');
    expect((await staff.get('/api/portal/notifications')).statusCode).toBe(401);
    expect((await pub.get('/api/notifications')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/portal/notifications/unread-count')).statusCode).toBe(401);
  });
});
