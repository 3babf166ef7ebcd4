import { IdParam, OkDto, OutboxMessageDto, OutboxQuery, pageOf, type OutboxMessageDto as OutboxMessageDtoT, type Page } from '@zhichan/shared';
import { sql } from 'kysely';
import { can, type Actor, type Ctx } from '../../access/actor';
import { ctxOf, staffActor } from '../../access/authenticate';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { writeAudit } from '../audit/audit.service';
import { stopOutboxKicks } from './outbox.service';
import { setOutboxLogger } from './outbox.transports';

const tags = ['发件箱'];

/** Messages of submissions in the actor's scope (the only messages the outbox carries so far). */
function baseQuery(ex: Executor, actor: Actor) {
  return ex
    .selectFrom('outboxMessages as m')
    .innerJoin('submissions as s', (j) => j.on(sql`s.id::text`, '=', sql.ref('m.entityId')).on('m.entityType', '=', 'submission'))
    .where((eb) => inScope(eb, actor, 's.unitId'));
}

async function listOutbox(deps: Deps, actor: Actor, q: OutboxQuery): Promise<Page<OutboxMessageDtoT>> {
  let base = baseQuery(deps.db, actor);
  if (q.status) base = base.where('m.status', '=', q.status);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'm.id', 'm.channel', 'm.recipientMasked', 'm.subject', 'm.body', 'm.status', 'm.attempts', 'm.nextAttemptAt', 'm.lastError', 'm.transport',
      'm.createdAt', 'm.sentAt', 's.id as submissionId', 's.receiptNo',
    ])
    .orderBy('m.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const mayRetry = can(actor, 'submission.register');
  return {
    items: rows.map((r) => ({
      id: r.id, channel: r.channel, recipient: r.recipientMasked, subject: r.subject, body: r.body, status: r.status, attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt, lastError: r.lastError, transport: r.transport, createdAt: r.createdAt, sentAt: r.sentAt,
      submissionId: r.submissionId, receiptNo: r.receiptNo,
      abilities: { retry: mayRetry && (r.status === 'dead' || r.status === 'failed') },
    })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A person re-queues a dead (or failing) message after fixing the cause, e.g. the gateway's configuration. */
async function retryMessage(deps: Deps, ctx: Ctx, actor: Actor, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await baseQuery(trx, actor).select(['m.id', 'm.status', 'm.attempts']).where('m.id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'dead' && row.status !== 'failed') {
      throw new AppError('ACTION_NOT_ALLOWED', { message: '只有发送失败的消息可以重新发送', details: { allowed: [] } });
    }
    await trx
      .updateTable('outboxMessages')
      .set({ status: 'pending', attempts: 0, nextAttemptAt: deps.clock.now().toISOString(), lockedUntil: null })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, { action: 'outbox.retry', entityType: 'outboxMessage', entityId: id, before: { status: row.status, attempts: row.attempts }, after: { status: 'pending' } });
  });
}

export const outboxRoutes: RouteModule = (app, deps) => {
  setOutboxLogger(app.log);
  app.addHook('onClose', async () => stopOutboxKicks(deps));

  app.get('/api/outbox', {
    schema: { tags, summary: '发件箱：发给提交人的短信、邮件、站内消息及其发送状态', querystring: OutboxQuery, response: { 200: pageOf(OutboxMessageDto) } },
    config: { access: { auth: 'staff', permission: 'submission.read' } },
  }, (req) => listOutbox(deps, staffActor(req), req.query));

  app.post('/api/outbox/:id/retry', {
    schema: { tags, summary: '重新发送失败的消息', params: IdParam, response: { 200: OkDto } },
    config: { access: { auth: 'staff', permission: 'submission.register' } },
  }, async (req) => {
    await retryMessage(deps, ctxOf(req), staffActor(req), req.params.id);
    return { ok: true as const };
  });
};

