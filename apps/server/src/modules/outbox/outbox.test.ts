import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { backoffSeconds, claimDue, deliverOutbox, enqueue, type OutboxMessageInput } from './outbox.service';
import { httpEmailTransport, httpSmsTransport, logTransport, type DeliverableMessage, type OutboxTransport, type TransportTable } from './outbox.transports';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
});
afterAll(() => t.close());

beforeEach(async () => {
  // Each test starts with an empty outbox (nothing else in this file writes to it).
  await t.deps.db.deleteFrom('outboxMessages').execute();
});

async function put(messages: OutboxMessageInput[]): Promise<number[]> {
  await t.deps.db.transaction().execute((trx) => enqueue(trx, t.deps, messages));
  return (await t.deps.db.selectFrom('outboxMessages').select('id').orderBy('id').execute()).map((r) => r.id);
}

const sms = (i = 0): OutboxMessageInput => ({ channel: 'sms', to: `1380000${String(1000 + i)}`, subject: '测试', body: `短信 ${i}`, entityType: 'test', entityId: i });

function recording(fail: (m: DeliverableMessage) => boolean = () => false, delayMs = 0) {
  const sent: DeliverableMessage[] = [];
  const transport: OutboxTransport = {
    name: 'fake',
    async send(m) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (fail(m)) throw new Error('gateway down');
      sent.push(m);
    },
  };
  const table: TransportTable = { sms: transport, email: transport, inApp: transport };
  return { sent, table };
}

describe('outbox', () => {
  it('stores the recipient encrypted and masked, and sends through the channel transport', async () => {
    const [id] = await put([sms(1)]);
    const row = await t.deps.db.selectFrom('outboxMessages').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row.recipientEnc).toMatch(/^sm4:/);
    expect(row.recipientMasked).toBe('138****1001');
    expect(row.status).toBe('pending');
    const { sent, table } = recording();
    expect(await deliverOutbox(t.deps, { transports: table })).toEqual({ claimed: 1, sent: 1, failed: 0, dead: 0 });
    expect(sent[0]).toMatchObject({ to: '13800001001', body: '短信 1', channel: 'sms' });
    const after = await t.deps.db.selectFrom('outboxMessages').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'sent', attempts: 1, transport: 'fake', lockedUntil: null, sentAt: '2026-11-20T02:00:00.000Z' });
    expect(await deliverOutbox(t.deps, { transports: table })).toMatchObject({ claimed: 0 });
  });

  it('retries a failing transport with exponential back-off, then marks it dead and keeps it', async () => {
    const saved = t.deps.config.outboxMaxAttempts;
    t.deps.config.outboxMaxAttempts = 3;
    const start = t.clock.now().toISOString();
    try {
      const [id] = await put([sms(2)]);
      const { table } = recording(() => true);
      const row = () => t.deps.db.selectFrom('outboxMessages').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();

      expect(await deliverOutbox(t.deps, { transports: table })).toEqual({ claimed: 1, sent: 0, failed: 1, dead: 0 });
      expect(await row()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'gateway down', nextAttemptAt: '2026-11-20T02:00:30.000Z' });
      // Not due yet: nothing is claimed.
      expect((await deliverOutbox(t.deps, { transports: table })).claimed).toBe(0);

      t.clock.advanceMinutes(1);
      expect((await deliverOutbox(t.deps, { transports: table })).failed).toBe(1);
      expect(await row()).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: '2026-11-20T02:02:00.000Z' });

      t.clock.advanceMinutes(5);
      expect((await deliverOutbox(t.deps, { transports: table })).dead).toBe(1);
      expect(await row()).toMatchObject({ status: 'dead', attempts: 3, lastError: 'gateway down' });

      t.clock.advanceMinutes(24 * 60);
      expect((await deliverOutbox(t.deps, { transports: table })).claimed).toBe(0);
      expect((await row()).status).toBe('dead');
      expect([backoffSeconds(1), backoffSeconds(2), backoffSeconds(3), backoffSeconds(30)]).toEqual([30, 60, 120, 21600]);
    } finally {
      t.deps.config.outboxMaxAttempts = saved;
      t.clock.set(start);
    }
  });

  it('never sends one message twice when several deliveries run at once', async () => {
    await put(Array.from({ length: 30 }, (_, i) => sms(100 + i)));
    const { sent, table } = recording(() => false, 5);
    const results = await Promise.all([
      deliverOutbox(t.deps, { transports: table, batchSize: 7 }),
      deliverOutbox(t.deps, { transports: table, batchSize: 7 }),
      deliverOutbox(t.deps, { transports: table, batchSize: 7 }),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
    expect(sent).toHaveLength(30);
    expect(new Set(sent.map((m) => m.id)).size).toBe(30);
  });

  it('takes a message again after the claim of a node that died mid-send expires', async () => {
    const [id] = await put([sms(3)]);
    const claimed = await claimDue(t.deps.db, t.clock.now(), 10, 300);
    expect(claimed.map((c) => c.id)).toEqual([id]);
    // The node is gone: the row stays claimed until the lease runs out.
    expect(await claimDue(t.deps.db, t.clock.now(), 10, 300)).toEqual([]);
    const later = new Date(t.clock.now().getTime() + 301_000);
    const again = await claimDue(t.deps.db, later, 10, 300);
    expect(again.map((c) => [c.id, c.attempts])).toEqual([[id, 2]]);
  });

  it.runIf(!!process.env.DATABASE_URL)('skips rows locked by another node (FOR UPDATE SKIP LOCKED) without waiting', async () => {
    const ids = await put([sms(4), sms(5), sms(6)]);
    await t.deps.db.transaction().execute(async (trx) => {
      // Another node holds the first row locked inside its claim.
      await trx.selectFrom('outboxMessages').select('id').where('id', '=', ids[0]!).forUpdate().execute();
      const claimed = await claimDue(t.deps.db, t.clock.now(), 10, 300);
      expect(claimed.map((c) => c.id).sort()).toEqual([ids[1], ids[2]]);
    });
  });

  it('posts JSON to the SMS and e-mail gateways; a non-2xx answer is a failure', async () => {
    const received: { url: string; body: unknown }[] = [];
    let answer = 500;
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ url: req.url!, body: JSON.parse(data) });
        res.statusCode = answer;
        res.end(answer === 200 ? 'ok' : 'busy');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const msg: DeliverableMessage = { id: 1, channel: 'sms', to: '13800001234', userId: null, subject: '标题', body: '正文', link: null };
      await expect(httpSmsTransport(`http://127.0.0.1:${port}/sms`).send(msg)).rejects.toThrow('gateway answered 500: busy');
      answer = 200;
      await httpSmsTransport(`http://127.0.0.1:${port}/sms`).send(msg);
      await httpEmailTransport(`http://127.0.0.1:${port}/mail`).send({ ...msg, channel: 'email', to: 'a@example.com' });
      expect(received).toEqual([
        { url: '/sms', body: { to: '13800001234', text: '正文' } },
        { url: '/sms', body: { to: '13800001234', text: '正文' } },
        { url: '/mail', body: { to: 'a@example.com', subject: '标题', text: '正文' } },
      ]);
      await logTransport.send(msg);
    } finally {
      server.close();
    }
  });
});
