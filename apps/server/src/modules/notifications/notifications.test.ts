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
