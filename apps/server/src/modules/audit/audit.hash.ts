import { sm3Hex } from '../../lib/crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an audit row (everything but the hashes themselves). */
export interface AuditContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** JSON with object keys sorted at every level, so that jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * hash = SM3(prevHash + "\n" + canonical JSON of the row). SM3 (GB/T 32905) is the hash 密评 expects;
 * the chain makes an edited, inserted or deleted row visible to `verifyAuditChain`.
 */
export function auditHash(prevHash: string, c: AuditContent): string {
  const content = canonicalJson({
    seq: c.seq,
    at: c.at,
    actorId: c.actorId,
    actorName: c.actorName,
    unitId: c.unitId,
    unitName: c.unitName,
    action: c.action,
    entityType: c.entityType,
    entityId: c.entityId,
    before: c.before ?? null,
    after: c.after ?? null,
    ip: c.ip,
  });
  return sm3Hex(`${prevHash}\n${content}`);
}
