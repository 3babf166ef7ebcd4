import { sql, type RawBuilder } from 'kysely';
import type { AuditVerifyDto } from '@zhichan/shared';
import type { Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { auditHash, GENESIS_HASH, type AuditContent } from './audit.hash';

export interface AuditEntry {
  /** `resource.verb`, e.g. `unit.create`. */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Who acted, when there is no session yet (a login): recorded as the actor. */
  actingUser?: { userId: number; displayName: string; unitId: number | null; unitName: string | null };
}

/** Keys never written to the audit log in clear. */
const SECRET_KEYS = new Set(['passwordHash', 'password', 'newPassword', 'oldPassword', 'phoneEnc', 'csrfToken', 'initialPassword']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k] = SECRET_KEYS.has(k) ? '***' : redact(v);
    }
    return out;
  }
  return value;
}

/**
 * Appends one audit row inside the caller's transaction. The chain head row is locked (SELECT … FOR UPDATE),
 * which serialises audit writers across app nodes so the chain never forks; the lock is held only until commit.
 */
export function writeAudit(trx: Executor, clock: Clock, ctx: Ctx, entry: AuditEntry): Promise<void> {
  return writeAuditMany(trx, clock, [{ ctx, entry }]);
}

/**
 * Appends several audit rows, in the given order, with one lock of the chain head and two statements whatever
 * their number (the intake's group commit writes the rows of a whole batch of submissions this way): the head is
 * locked and read (or the caller passes the head it locked), then one statement inserts the rows and moves the head. Each row records its own actor and address.
 * `alongside`, when given, is another data-modifying statement run as a CTE of the second statement (one round trip
 * less for the caller; e.g. the outbox rows of the same transaction).
 */
export async function writeAuditMany(
  trx: Executor,
  clock: Clock,
  items: readonly { ctx: Ctx; entry: AuditEntry }[],
  alongside?: RawBuilder<unknown> | null,
  /** The chain head, when the caller has already locked it (SELECT … FOR UPDATE) in this transaction. */
  lockedHead?: { seq: number; hash: string } | null,
): Promise<void> {
  if (items.length === 0) {
    if (alongside) await alongside.execute(trx);
    return;
  }
  const head = lockedHead ?? (await trx.selectFrom('auditChainHead').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow());
  const at = clock.now().toISOString();
  let prevHash = head.hash;
  let seq = head.seq;
  const rows: Record<string, unknown>[] = [];
  for (const { ctx, entry } of items) {
    const who = ctx.actor ?? entry.actingUser;
    const content: AuditContent = {
      seq: ++seq,
      at,
      actorId: who?.userId ?? null,
      actorName: who?.displayName ?? null,
      unitId: who?.unitId ?? null,
      unitName: who?.unitName ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: redact(entry.before),
      after: redact(entry.after),
      ip: ctx.meta.ip,
    };
    const hash = auditHash(prevHash, content);
    rows.push({
      seq: content.seq, at: content.at, actor_id: content.actorId, actor_name: content.actorName, unit_id: content.unitId,
      unit_name: content.unitName, action: content.action, entity_type: content.entityType, entity_id: content.entityId,
      before: content.before, after: content.after, ip: content.ip, prev_hash: prevHash, hash,
    });
    prevHash = hash;
  }
  await sql`WITH ${alongside ? sql`extra AS (${alongside}), ` : sql``}ins AS (
      INSERT INTO audit_logs (seq, at, actor_id, actor_name, unit_id, unit_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash)
      SELECT seq, at, actor_id, actor_name, unit_id, unit_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash
        FROM json_populate_recordset(NULL::audit_logs, ${JSON.stringify(rows)}::json))
    UPDATE audit_chain_head SET seq = ${seq}, hash = ${prevHash} WHERE id = 1`.execute(trx);
}

/**
 * Walks the whole chain in order and reports the first break:
 * altered (a row's content no longer matches its hash), deleted (a sequence number is missing or the tail is gone),
 * inserted (a row that the chain does not lead to). Reads in pages so memory stays flat.
 */
export async function verifyAuditChain(db: Executor, clock: Clock): Promise<AuditVerifyDto> {
  const head = await db.selectFrom('auditChainHead').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const verifiedAt = clock.now().toISOString();
  let prevHash = GENESIS_HASH;
  let prevPrevHash: string | null = null;
  let expectedSeq = 1;
  let checked = 0;
  const result = (firstBreak: AuditVerifyDto['firstBreak']): AuditVerifyDto => ({ ok: firstBreak === null, checked, firstBreak, headSeq: head.seq, verifiedAt });

  for (;;) {
    const rows = await db.selectFrom('auditLogs').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(1000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq > head.seq) {
        return result({ seq: r.seq, problem: 'inserted', message: `第 ${r.seq} 条记录在审计链头之后，是链外插入的记录` });
      }
      if (r.seq !== expectedSeq) {
        return result({ seq: expectedSeq, problem: 'deleted', message: `第 ${expectedSeq} 条记录缺失（已被删除）` });
      }
      if (r.prevHash !== prevHash) {
        if (prevPrevHash !== null && r.prevHash === prevPrevHash) {
          return result({ seq: r.seq - 1, problem: 'inserted', message: `第 ${r.seq - 1} 条记录不在原审计链上（被插入或替换）` });
        }
        return result({ seq: r.seq, problem: 'deleted', message: `第 ${r.seq} 条记录的前序哈希不符，其前面的记录被删除或替换` });
      }
      const recomputed = auditHash(r.prevHash, r);
      if (recomputed !== r.hash) {
        return result({ seq: r.seq, problem: 'altered', message: `第 ${r.seq} 条记录的内容与哈希不符（已被篡改）` });
      }
      prevPrevHash = prevHash;
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
      checked++;
    }
  }
  if (expectedSeq - 1 < head.seq) {
    return result({ seq: expectedSeq, problem: 'truncated', message: `第 ${expectedSeq} 条至第 ${head.seq} 条记录缺失（末尾被删除）` });
  }
  if (head.seq > 0 && prevHash !== head.hash) {
    return result({ seq: head.seq, problem: 'altered', message: `第 ${head.seq} 条记录与审计链头不符` });
  }
  return result(null);
}
