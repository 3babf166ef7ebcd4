import {
  bigramCandidateFilter,
  diceSimilarity,
  DUPLICATE_NAME_SIMILARITY,
  isMobile,
  type SubmissionKind,
} from '@zhichan/shared';
import type { Insertable, Transaction } from 'kysely';
import type { Ctx } from '../../access/actor';
import type { Database, SubmissionsTable } from '../../db/schema';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { chinaDate } from '../../lib/clock';
import { writeAuditMany, type AuditEntry } from '../audit/audit.service';
import { insertPlannedDeadlines, planDeadlines, type DeadlinePlan } from '../deadlines/deadlines.service';
import { enqueueStatement, type OutboxMessageInput } from '../outbox/outbox.service';
import { submissionsRepository as repo, type SubmissionRow } from './submissions.repository';
import { NEXT_STEP, kindLabel } from './submissions.texts';

/**
 * Group commit of the intake (issue 3: ≥ 1,000 submissions/s).
 *
 * Every submission must lock two rows that all writers share, the audit chain head and the year's receipt counter,
 * and costs a dozen statements. Written one transaction per submission, concurrent submissions queue behind those
 * locks and each pays the statements' fixed cost. Here the submissions that arrive while a transaction is running
 * wait for it and are then written together, in ONE transaction: one multi-row INSERT each for the records, events,
 * deadlines and outbox messages, one step of the receipt counter, one append to the audit chain. Under light load a
 * batch is a single submission and nothing waits; under heavy load batches grow and the cost per submission falls.
 *
 * Nothing changes for the submitter: each receipt is answered only after the transaction that holds its record has
 * committed. One submission's failure never fails another's: when a batch fails, its submissions are written again
 * one by one, each with its own transaction and its own error.
 */

/** A submission checked and prepared by the service (submit), ready to be written. */
export interface PreparedSubmission {
  ctx: Ctx;
  /** The record, without the receipt number (assigned in the transaction). */
  row: Insertable<SubmissionsTable> & { idempotencyKey: string; createdAt: string; unitId: number };
  kind: SubmissionKind;
  /** Upload references to claim ({fileId, uploadToken}), in order. */
  files: { fileId: number; uploadToken: string }[];
  /** For the submitter's messages (cleartext, only in memory). */
  submitter: { phone: string; email?: string | null } | null;
  submitterUserId: number | null;
  intakeName: string;
  /** 6-digit city code of the receipt number, e.g. 370900. */
  cityCode6: string;
  /** The audit row's `after` (no personal data), completed with the receipt number. */
  auditAfter: Record<string, unknown>;
}

export type WriteOutcome =
  | { kind: 'created'; id: number; receiptNo: string; createdAt: string; dueOn: string | null; provisional: boolean; ruleId: number }
  /** The Idempotency-Key was already taken: the caller answers as to a retry (same receipt, or 409 for another body). */
  | { kind: 'duplicateKey' };

/** Claims uploads for a record in a transaction; injected by the service (it lives there with its checks). */
export type ClaimUploads = (
  trx: Transaction<Database>,
  deps: Deps,
  refs: { fileId: number; uploadToken: string }[],
  owner: { ownerType: string; ownerId: number },
  pathPrefix: string,
) => Promise<number[]>;

/** The most submissions written in one transaction. */
export const INTAKE_BATCH_MAX = 100;

interface Pending {
  p: PreparedSubmission;
  resolve: (o: WriteOutcome) => void;
  reject: (e: unknown) => void;
}

class IntakeWriter {
  private queue: Pending[] = [];
  private running = false;
  /** Batch sizes written since start (for tests and the benchmark's log). */
  readonly stats = { batches: 0, submissions: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly deps: Deps,
    private readonly claim: ClaimUploads,
  ) {}

  write(p: PreparedSubmission): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ p, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Outside the transaction: on PGlite a query of deps.db would wait for the transaction's connection.
        await refreshHints(this.deps);
        const batch = this.queue.splice(0, INTAKE_BATCH_MAX);
        hintsOf(this.deps).writtenSince += batch.length;
        this.stats.batches++;
        this.stats.submissions += batch.length;
        this.stats.largest = Math.max(this.stats.largest, batch.length);
        try {
          const out = await writeBatch(this.deps, this.claim, batch.map((b) => b.p));
          batch.forEach((b, i) => b.resolve(out[i]!));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          // One submission's bad input (an upload taken meanwhile…) must not fail the others: one by one.
          this.stats.fallbacks++;
          for (const b of batch) {
            try {
              b.resolve((await writeBatch(this.deps, this.claim, [b.p]))[0]!);
            } catch (e) {
              b.reject(e);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/**
 * How often each respondent-name bigram occurs among the submissions of the duplicate window. Only a hint: it decides
 * which bigrams bigramCandidateFilter puts together (each group gets one of the rarest), never whether a pair is
 * found. Loaded on first use, then again in the background when 10 minutes have passed or the number of submissions
 * written since has reached the number counted (so a young table's hints follow its growth).
 */
interface BigramHints {
  counts: Map<string, number>;
  loadedAt: number;
  rowsAtLoad: number;
  writtenSince: number;
  loading: Promise<void> | null;
}

const hintsByDb = new WeakMap<object, BigramHints>();
const HINTS_TTL_MS = 10 * 60_000;

function hintsOf(deps: Deps): BigramHints {
  let h = hintsByDb.get(deps.db);
  if (!h) {
    h = { counts: new Map(), loadedAt: 0, rowsAtLoad: 0, writtenSince: 0, loading: null };
    hintsByDb.set(deps.db, h);
  }
  return h;
}

/** Starts a reload when due; resolves when the first load is done (later reloads run in the background). */
function refreshHints(deps: Deps): Promise<void> {
  const h = hintsOf(deps);
  const due = h.loadedAt === 0 || Date.now() - h.loadedAt > HINTS_TTL_MS || h.writtenSince >= Math.max(200, h.rowsAtLoad);
  if (due && !h.loading) {
    const since = new Date(deps.clock.now().getTime() - deps.config.duplicateWindowDays * 86_400_000).toISOString();
    h.loading = repo
      .nameBigramCounts(deps.db, since)
      .then(({ counts, rows }) => {
        h.counts = counts;
        h.rowsAtLoad = rows;
      })
      .catch(() => {}) // a hint: without it the groups are formed in sorted order
      .finally(() => {
        h.loadedAt = Date.now();
        h.writtenSince = 0;
        h.loading = null;
      });
  }
  return h.loadedAt === 0 && h.loading ? h.loading : Promise.resolve();
}

/** The bigram frequency function of the hints (0 for a bigram not counted). */
export function bigramFrequency(deps: Deps): (bigram: string) => number {
  const counts = hintsOf(deps).counts;
  return (b) => counts.get(b) ?? 0;
}

const writers = new WeakMap<Deps, IntakeWriter>();

/** The process's intake writer for these deps (one batch in flight at a time). */
export function intakeWriter(deps: Deps, claim: ClaimUploads): IntakeWriter {
  let w = writers.get(deps);
  if (!w) {
    w = new IntakeWriter(deps, claim);
    writers.set(deps, w);
  }
  return w;
}

/**
 * Writes a batch in one transaction; the outcomes are in the order of `items`. Seven round trips whatever the batch's
 * size: BEGIN · INSERT of the records · the duplicate candidates · one statement for the duplicate pairs, the 登记
 * events and the deadlines · the receipt numbers · the audit chain head (locked) · one statement for the audit rows,
 * the head and the outbox messages · COMMIT. The rules and the calendar are read before, outside the transaction.
 */
async function writeBatch(deps: Deps, claim: ClaimUploads, items: PreparedSubmission[]): Promise<WriteOutcome[]> {
  // 暂行办法 第十四条 (complaint) etc.: counted from the day of receipt, which itself is not counted. The entity ids
  // are filled in once the records exist.
  const plan = await planDeadlines(
    deps.db,
    deps,
    items.map((p) => ({
      ctx: p.ctx,
      input: { entityType: 'submission', entityId: 0, title: NEXT_STEP[p.kind].deadlineTitle, unitId: p.row.unitId, ruleKey: NEXT_STEP[p.kind].ruleKey, startOn: chinaDate(new Date(p.row.createdAt)) },
    })),
  );
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertSubmissions(trx, items.map((p) => p.row));
    const byKey = new Map(inserted.map((r) => [r.idempotencyKey, r]));
    // The first item of a key gets the row; a later one of the same batch is a retry of it.
    const created: { p: PreparedSubmission; id: number; createdAt: string; at: number }[] = [];
    const slot: (number | null)[] = items.map((p, at) => {
      const r = byKey.get(p.row.idempotencyKey);
      if (!r) return null;
      byKey.delete(p.row.idempotencyKey);
      created.push({ p, id: r.id, createdAt: p.row.createdAt, at });
      return created.length - 1;
    });
    if (created.length === 0) return items.map(() => ({ kind: 'duplicateKey' as const }));

    for (const c of created) {
      if (c.p.files.length === 0) continue;
      const fileIds = await claim(trx, deps, c.p.files, { ownerType: 'submission', ownerId: c.id }, 'body.files');
      await repo.insertSubmissionFiles(trx, c.id, fileIds);
    }
    const pairs = await findDuplicatePairs(trx, deps, created.map((c) => ({ ...c.p.row, id: c.id, respondentNameBigrams: c.p.row.respondentNameBigrams as string[] })));

    const events = repo.eventsStatement(
      created.map(({ p, id, createdAt }) => ({
        submissionId: id, kind: 'receive', public: true, actorId: null, actorName: null, at: createdAt, note: null,
        text: `已收到您的${kindLabel(p.kind)}并登记，将依法${NEXT_STEP[p.kind].text}。`,
      })),
    );
    const mine: DeadlinePlan = {
      items: created.map((c) => plan.items[c.at]!),
      rules: created.map((c) => plan.rules[c.at]!),
      values: created.map((c) => ({ ...plan.values[c.at]!, entityId: String(c.id) })),
    };
    const deadlines = await insertPlannedDeadlines(trx, mine, [repo.duplicatePairsStatement(pairs), events].filter((x) => x !== null));

    // Receipt numbers: one step of the counter per (year, city), in the order of the records' ids.
    const receiptNos = new Map<number, string>();
    const groups = new Map<string, { year: number; city: string; ids: number[] }>();
    for (const c of created) {
      const year = Number(chinaDate(new Date(c.createdAt)).slice(0, 4));
      const k = `${year}:${c.p.cityCode6}`;
      const g = groups.get(k) ?? { year, city: c.p.cityCode6, ids: [] };
      g.ids.push(c.id);
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      for (const [id, no] of await repo.assignReceiptNos(trx, g.ids.sort((a, b) => a - b), g.year, g.city)) receiptNos.set(id, no);
    }

    const messages: OutboxMessageInput[] = [];
    const audits: { ctx: Ctx; entry: AuditEntry }[] = [];
    created.forEach(({ p, id }, i) => {
      const receiptNo = receiptNos.get(id)!;
      messages.push(...messagesOnFiling(p, id, receiptNo));
      audits.push(deadlines.audits[i]!, {
        ctx: p.ctx,
        // No personal data in the audit log: the identity stays in the encrypted columns.
        entry: { action: 'submission.create', entityType: 'submission', entityId: id, after: { receiptNo, ...p.auditAfter } },
      });
    });
    await writeAuditMany(trx, deps.clock, audits, enqueueStatement(deps, messages));

    return items.map((_, at) => {
      const k = slot[at];
      if (k === null || k === undefined) return { kind: 'duplicateKey' as const };
      const c = created[k]!;
      const d = deadlines.rows[k]!;
      return { kind: 'created' as const, id: c.id, receiptNo: receiptNos.get(c.id)!, createdAt: c.createdAt, dueOn: d.dueOn, provisional: d.provisional, ruleId: d.ruleId };
    });
  });
}

/** SMS to a mobile, e-mail when given, in-app when filed logged in: the receipt number and what happens next. */
function messagesOnFiling(p: PreparedSubmission, id: number, receiptNo: string): OutboxMessageInput[] {
  const kind = kindLabel(p.kind);
  const body = `您的${kind}已登记，受理编号${receiptNo}。我局将依法${NEXT_STEP[p.kind].text}。请凭受理编号和查询码在门户“进度查询”中查看办理情况。`;
  const out: OutboxMessageInput[] = [];
  const base = { entityType: 'submission', entityId: id };
  if (p.submitter && isMobile(p.submitter.phone)) out.push({ ...base, channel: 'sms', to: p.submitter.phone, subject: `${kind}已登记`, body: `【${p.intakeName}】${body}` });
  if (p.submitter?.email) out.push({ ...base, channel: 'email', to: p.submitter.email, subject: `${kind}已登记（${receiptNo}）`, body: `【${p.intakeName}】${body}` });
  if (p.submitterUserId) out.push({ ...base, channel: 'inApp', userId: p.submitterUserId, subject: `${kind}已登记`, body, link: `/progress?receiptNo=${receiptNo}` });
  return out;
}

/**
 * Finds the possible duplicates of submissions and stores them as pairs (both directions), in the caller's
 * transaction: the same credit code (any IP type), or the same IP type and a close respondent name (normalised
 * equal, or bigram Dice ≥ 0.8), within DUPLICATE_WINDOW_DAYS before each (and after it, when `bothSides`). One
 * statement for all of them; a submission of the batch finds the earlier ones (they are inserted already).
 */
export async function detectDuplicates(trx: Executor, deps: Deps, subs: DuplicateProbe[], bothSides = false): Promise<number> {
  const pairs = await findDuplicatePairs(trx, deps, subs, bothSides);
  await repo.insertDuplicatePairs(trx, pairs);
  return pairs.length / 2;
}

type DuplicateProbe = { id: number; createdAt: string; respondentUscc?: string | null; respondentNameNorm: string; respondentNameBigrams: string[]; ipType: SubmissionRow['ipType'] };
type DuplicatePair = { submissionId: number; otherId: number; reason: 'uscc' | 'name'; similarity: number };

/** The pairs detectDuplicates stores (both directions), found with one statement; not stored. */
export async function findDuplicatePairs(trx: Executor, deps: Deps, subs: DuplicateProbe[], bothSides = false): Promise<DuplicatePair[]> {
  const windowMs = deps.config.duplicateWindowDays * 86_400_000;
  const frequency = bigramFrequency(deps);
  const probes = subs.map((s) => {
    const at = new Date(s.createdAt).getTime();
    return {
      id: s.id,
      respondentUscc: s.respondentUscc ?? null,
      respondentNameNorm: s.respondentNameNorm,
      ipType: s.ipType,
      filter: bigramCandidateFilter(s.respondentNameBigrams, frequency),
      from: new Date(at - windowMs).toISOString(),
      to: bothSides ? new Date(at + windowMs).toISOString() : s.createdAt,
    };
  });
  const candidates = await repo.findDuplicateCandidates(trx, probes);
  const pairs: DuplicatePair[] = [];
  for (const c of candidates) {
    const s = subs[c.probe]!;
    const uscc = s.respondentUscc ?? null;
    let reason: 'uscc' | 'name';
    let similarity = 1;
    if (uscc && c.respondentUscc === uscc) {
      reason = 'uscc';
    } else if (c.ipType === s.ipType) {
      if (c.respondentNameNorm !== s.respondentNameNorm) similarity = diceSimilarity(s.respondentNameBigrams, c.respondentNameBigrams);
      if (similarity < DUPLICATE_NAME_SIMILARITY) continue;
      reason = 'name';
    } else {
      continue;
    }
    similarity = Math.round(similarity * 1000) / 1000;
    pairs.push({ submissionId: s.id, otherId: c.id, reason, similarity }, { submissionId: c.id, otherId: s.id, reason, similarity });
  }
  return pairs;
}
