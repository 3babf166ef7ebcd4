import { sql } from 'kysely';
import type { Executor } from './database';

/**
 * The next number of a yearly sequence (线索编号, 立案号, 文号 …), taken inside the caller's transaction. The counter row
 * is locked by the upsert until that transaction ends, so numbers are gap-free and never issued twice, on both engines.
 * Call it as late as possible in the transaction: it serialises writers of the same sequence.
 */
export async function nextRecordNumber(trx: Executor, scope: string, year: number): Promise<number> {
  const r = await sql<{ lastSeq: number }>`
    INSERT INTO record_counters (scope, year, last_seq) VALUES (${scope}, ${year}, 1)
    ON CONFLICT (scope, year) DO UPDATE SET last_seq = record_counters.last_seq + 1
    RETURNING last_seq`.execute(trx);
  return r.rows[0]!.lastSeq;
}
