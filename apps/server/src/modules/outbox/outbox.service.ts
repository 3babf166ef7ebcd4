import { maskEmail, maskPhone } from '@zhichan/shared';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { defaultTransports, type DeliverableMessage, type TransportTable } from './outbox.transports';

/**
 * The transactional outbox. A business change writes its messages with `enqueue` in its own transaction, so a
 * message exists exactly when the change committed; the 'outbox-deliver' job sends them later through the transport
 * of their channel. A failed send is retried with exponential back-off; after OUTBOX_MAX_ATTEMPTS the message is
 * marked dead and kept for a person to see (GET /api/outbox?status=dead), never deleted.
 */

export interface OutboxMessageInput {
  channel: 'sms' | 'email' | 'inApp';
  /** Phone number (sms) or e-mail address (email); stored encrypted. */
  to?: string | null;
  /** Receiving user (inApp). */
  userId?: number | null;
  subject: string;
  body: string;
  link?: string | null;
  entityType?: string | null;
  entityId?: string | number | null;
}

/** Writes messages inside the caller's transaction (one INSERT). */
export async function enqueue(trx: Executor, deps: Pick<Deps, 'cipher' | 'clock'>, messages: OutboxMessageInput[]): Promise<void> {
  const statement = enqueueStatement(deps, messages);
  if (statement) await statement.execute(trx);
}

/**
 * The INSERT of enqueue as a statement the caller runs (or embeds as a CTE, see writeAuditMany's `alongside`);
 * null when there is nothing to send. The rows travel as one JSON parameter.
 */
export function enqueueStatement(deps: Pick<Deps, 'cipher' | 'clock'>, messages: OutboxMessageInput[]): RawBuilder<unknown> | null {
  if (messages.length === 0) return null;
  const now = deps.clock.now().toISOString();
  const rows = messages.map((m) => ({
    channel: m.channel,
    recipient_enc: m.to ? deps.cipher.encrypt(m.to) : null,
    recipient_masked: m.to ? (m.channel === 'email' ? maskEmail(m.to) : maskPhone(m.to)) : null,
    user_id: m.userId ?? null,
    subject: m.subject,
    body: m.body,
    link: m.link ?? null,
    entity_type: m.entityType ?? null,
    entity_id: m.entityId === undefined || m.entityId === null ? null : String(m.entityId),
    next_attempt_at: now,
    created_at: now,
  }));
  const cols = sql.raw(Object.keys(rows[0]!).join(', '));
  return sql`INSERT INTO outbox_messages (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::outbox_messages, ${JSON.stringify(rows)}::json)`;
}

/** Delay before the next attempt after `attempts` failures: 30 s, 1 min, 2 min, … capped at 6 hours. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

export interface DeliverOptions {
  transports?: TransportTable;
  /** Messages claimed per round. */
  batchSize?: number;
  /** Rounds per run at most (a run never loops forever under a steady stream). */
  maxRounds?: number;
  /** How long a claim keeps other nodes away; a node that dies mid-send is retried after it. */
  leaseSeconds?: number;
  /** Parallel sends within a round. */
  concurrency?: number;
}

export interface DeliverResult {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
}

interface ClaimedRow {
  id: number;
  channel: 'sms' | 'email' | 'inApp';
  recipientEnc: string | null;
  userId: number | null;
  subject: string;
  body: string;
  link: string | null;
  attempts: number;
}

/**
 * Claims due messages for this node: one UPDATE over a sub-select with FOR UPDATE SKIP LOCKED, so nodes running at
 * the same time take disjoint sets; the claim (locked_until) then keeps them disjoint while the sends run outside
 * any transaction (a slow gateway never holds a database connection or a row lock).
 */
export async function claimDue(ex: Executor, now: Date, batchSize: number, leaseSeconds: number): Promise<ClaimedRow[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
  const r = await sql<ClaimedRow>`
    UPDATE outbox_messages SET locked_until = ${until}::timestamptz, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox_messages
        WHERE status IN ('pending', 'failed') AND next_attempt_at <= ${nowIso}::timestamptz
          AND (locked_until IS NULL OR locked_until < ${nowIso}::timestamptz)
        ORDER BY next_attempt_at, id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, channel, recipient_enc AS "recipientEnc", user_id AS "userId", subject, body, link, attempts`.execute(ex);
  return r.rows;
}

/** Sends due messages (the 'outbox-deliver' job; safe on several nodes at once). */
export async function deliverOutbox(deps: Deps, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const transports = opts.transports ?? defaultTransports(deps);
  const batchSize = opts.batchSize ?? 100;
  const maxRounds = opts.maxRounds ?? 20;
  const leaseSeconds = opts.leaseSeconds ?? 300;
  const concurrency = opts.concurrency ?? 8;
  const maxAttempts = deps.config.outboxMaxAttempts;
  const result: DeliverResult = { claimed: 0, sent: 0, failed: 0, dead: 0 };

  for (let round = 0; round < maxRounds; round++) {
    const rows = await claimDue(deps.db, deps.clock.now(), batchSize, leaseSeconds);
    if (rows.length === 0) break;
    result.claimed += rows.length;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const transport = transports[row.channel];
        const msg: DeliverableMessage = {
          id: row.id,
          channel: row.channel,
          to: row.recipientEnc ? deps.cipher.decrypt(row.recipientEnc) : null,
          userId: row.userId,
          subject: row.subject,
          body: row.body,
          link: row.link,
        };
        try {
          await transport.send(msg);
          await deps.db
            .updateTable('outboxMessages')
            .set({ status: 'sent', sentAt: deps.clock.now().toISOString(), lockedUntil: null, lastError: null, transport: transport.name })
            .where('id', '=', row.id)
            .execute();
          result.sent++;
        } catch (err) {
          const dead = row.attempts >= maxAttempts;
          const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
          await deps.db
            .updateTable('outboxMessages')
            .set({
              status: dead ? 'dead' : 'failed',
              lastError: error,
              lockedUntil: null,
              transport: transport.name,
              nextAttemptAt: new Date(deps.clock.now().getTime() + backoffSeconds(row.attempts) * 1000).toISOString(),
            })
            .where('id', '=', row.id)
            .execute();
          if (dead) result.dead++;
          else result.failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    if (rows.length < batchSize) break;
  }
  return result;
}

// ---------- prompt delivery ----------
const kicks = new WeakMap<Deps, { timer: NodeJS.Timeout | null; running: boolean; stopped: boolean }>();

/**
 * Asks for a delivery run soon (within 2 s, coalesced), so a receipt SMS does not wait for the next scheduler round.
 * Only where the scheduler runs (SCHEDULER_INTERVAL_SECONDS > 0): tests and benchmarks that turn it off get no
 * background work. Safe on several nodes: claims never overlap. A failure here is left to the scheduled job.
 */
export function kickOutbox(deps: Deps): void {
  if (deps.config.schedulerIntervalSeconds <= 0) return;
  let k = kicks.get(deps);
  if (!k) {
    k = { timer: null, running: false, stopped: false };
    kicks.set(deps, k);
  }
  const state = k;
  if (state.timer || state.stopped) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    if (state.running || state.stopped) return;
    state.running = true;
    deliverOutbox(deps, { maxRounds: 5 })
      .catch(() => {})
      .finally(() => {
        state.running = false;
      });
  }, 2000);
  state.timer.unref();
}

/** Stops prompt deliveries (on app close). */
export function stopOutboxKicks(deps: Deps): void {
  const k = kicks.get(deps) ?? { timer: null, running: false, stopped: true };
  k.stopped = true;
  if (k.timer) clearTimeout(k.timer);
  k.timer = null;
  kicks.set(deps, k);
}
