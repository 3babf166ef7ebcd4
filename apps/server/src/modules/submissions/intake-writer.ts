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
import { insertPlannedDeadlines, loadDeadlineReference, planDeadlines, type DeadlinePlan, type DeadlineReference } from '../deadlines/deadlines.service';
import { enqueueStatement, type OutboxMessageInput } from '../outbox/outbox.service';
import { receiptSeq, submissionsRepository as repo, type DuplicateProbe, type SubmissionRow } from './submissions.repository';
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
 * one by one, each with its own transaction and its own error. The search for possible duplicates, which the staff
 * see in the queue, follows each commit (sweepDuplicates), off the submitter's path.
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
export const INTAKE_BATCH_MAX = 50;
/** The most batches in flight at once (each on its own connection of the pool). */
const INTAKE_PIPELINE = 3;
/** The most submissions the duplicate sweep checks in one transaction. */
export const SWEEP_BATCH_MAX = 200;
/** After a commit the sweep starts this much later, so that under load one sweep checks many batches. */
const SWEEP_DELAY_MS = 50;
/** How long the deadline rules and the calendar read for planning are used before they are read again. */
const REFERENCE_MAX_AGE_MS = 1000;

interface Pending {
  p: PreparedSubmission;
  resolve: (o: WriteOutcome) => void;
  reject: (e: unknown) => void;
}

class IntakeWriter {
  private queue: Pending[] = [];
  private running = false;
  private held: Promise<void> | null = null;
  private midBatch: Promise<void> | null = null;
  private readonly active = new Set<Promise<void>>();
  private sweeping: Promise<void> | null = null;
  private sweepAgain = false;
  /** Batch sizes written since start (for tests and the benchmark's log). */
  readonly stats = { batches: 0, submissions: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly deps: Deps,
    private readonly claim: ClaimUploads,
  ) {}

  /** Submissions waiting for the next batch. */
  get queued(): number {
    return this.queue.length;
  }

  /** For tests: holds the writing until the returned function is called (submissions queue up meanwhile). */
  hold(): () => void {
    return this.gate((g) => (this.held = g));
  }

  /** For tests: batches stop after writing their rows, before the receipt numbers, until the function is called. */
  holdMidBatch(): () => void {
    return this.gate((g) => (this.midBatch = g));
  }

  /** Sets a gate (a promise the writer waits for) and returns the function that clears and opens it. */
  private gate(set: (g: Promise<void> | null) => void): () => void {
    let open!: () => void;
    set(new Promise((r) => (open = r)));
    return () => {
      set(null);
      open();
    };
  }

  /**
   * Resolves when nothing is queued or being written and the duplicate sweep has caught up with what was written
   * (tests and the benchmark: the possible duplicates of a new submission are found just after its receipt).
   */
  async settled(): Promise<void> {
    for (;;) {
      if (this.running || this.active.size > 0) await new Promise((r) => setTimeout(r, 2));
      else if (this.sweeping) await this.sweeping;
      else return;
    }
  }

  /**
   * Starts the duplicate sweep SWEEP_DELAY_MS from now, or has the running one go round again, as long after its round
   * (it may have read the counter before this commit).
   */
  private requestSweep(): void {
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = (async () => {
      do {
        // Commits during the wait are taken by this round (it reads the counter after it).
        await new Promise((r) => setTimeout(r, SWEEP_DELAY_MS));
        this.sweepAgain = false;
        try {
          // A round that stops short has caught up with every commit before its lock; a batch committed since has set
          // sweepAgain.
          while ((await sweepDuplicates(this.deps)) >= SWEEP_BATCH_MAX);
        } catch (err) {
          // The submissions stay unchecked; the next request or the scheduler's sweep takes them.
          if (this.deps.config.logLevel !== 'silent') console.error('[intake] duplicate sweep failed', err);
        }
      } while (this.sweepAgain);
    })().finally(() => {
      this.sweeping = null;
    });
  }

  write(p: PreparedSubmission): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ p, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // The rules and the calendar are read off the batches' path, while a batch's transaction runs (on another
    // connection of the pool; on PGlite after it), at most once per REFERENCE_MAX_AGE_MS: a submission may be
    // planned with rules read up to that long before it arrived, as if it had arrived then.
    const keys = Object.values(NEXT_STEP).map((n) => n.ruleKey);
    let loadedAt = 0;
    const loadReference = () => {
      loadedAt = Date.now();
      const p = loadDeadlineReference(this.deps.db, this.deps, keys);
      p.catch(() => {}); // not left unhandled when the loop ends with it unused
      return p;
    };
    let reference = loadReference();
    try {
      for (;;) {
        if (this.queue.length === 0) {
          // Submissions that arrive while the last batches finish are taken by this loop (a new one starts only
          // when it has ended), so it ends only when nothing is queued and nothing is in flight.
          if (this.active.size === 0) break;
          await Promise.race(this.active);
          continue;
        }
        while (this.held) await this.held;
        // Let the requests whose bytes have arrived meanwhile reach the queue before it is taken: the previous batch
        // may have resolved without the event loop ever polling for I/O (PGlite's queries run in this thread, their
        // promises settle as microtasks), and then every batch would be a single submission while the others starve.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.queue.splice(0, INTAKE_BATCH_MAX);
        this.stats.batches++;
        this.stats.submissions += batch.length;
        this.stats.largest = Math.max(this.stats.largest, batch.length);
        // On a failed read the batch reads them itself (and fails with the error if it fails again).
        const ref = await reference.catch(() => undefined);
        if (!ref || Date.now() - loadedAt >= REFERENCE_MAX_AGE_MS) reference = loadReference();
        // Pipelining: the next batch starts once this one has inserted its records, so its statements run while this
        // one finishes; the batches then meet at the receipt counter, in order.
        while (this.active.size >= INTAKE_PIPELINE) await Promise.race(this.active);
        let firstHalfDone!: () => void;
        const firstHalf = new Promise<void>((r) => (firstHalfDone = r));
        const run = this.runBatch(batch, ref, firstHalfDone).finally(() => {
          firstHalfDone();
          this.active.delete(run);
        });
        this.active.add(run);
        await firstHalf;
      }
    } finally {
      this.running = false;
    }
  }

  /** Writes a batch and settles its submissions; a failed batch is written again one by one. */
  private async runBatch(batch: Pending[], ref: DeadlineReference | undefined, firstHalfDone: () => void): Promise<void> {
    try {
      const out = await writeBatch(this.deps, this.claim, batch.map((b) => b.p), ref, firstHalfDone, () => this.midBatch ?? undefined);
      batch.forEach((b, i) => b.resolve(out[i]!));
      this.requestSweep();
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One submission's bad input (an upload taken meanwhile…) must not fail the others: one by one.
      this.stats.fallbacks++;
      for (const b of batch) {
        try {
          b.resolve((await writeBatch(this.deps, this.claim, [b.p], ref))[0]!);
        } catch (e) {
          b.reject(e);
        }
      }
      this.requestSweep();
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
 * Writes a batch in one transaction; the outcomes are in the order of `items`. Six round trips whatever the batch's
 * size: BEGIN · the INSERT of the records · one statement for the 登记 events and the deadlines · the receipt numbers
 * with the audit chain head (both locked) · one statement for the audit rows, the head and the outbox messages ·
 * COMMIT. The rules and the calendar are read before (`reference`, at most a second old). The possible duplicates are
 * found after the commit (sweepDuplicates).
 */
async function writeBatch(
  deps: Deps,
  claim: ClaimUploads,
  items: PreparedSubmission[],
  reference: DeadlineReference | undefined,
  /** Called once the records are inserted: the next batch may begin. */
  rowsWritten: () => void = () => {},
  /** Called before the receipt numbers; the batch waits for a promise it returns (tests). */
  midBatch: () => Promise<void> | void = () => {},
): Promise<WriteOutcome[]> {
  // 暂行办法 第十四条 (complaint) etc.: counted from the day of receipt, which itself is not counted. The entity ids
  // are filled in once the records exist.
  const plan = await planDeadlines(
    deps.db,
    deps,
    items.map((p) => ({
      ctx: p.ctx,
      input: { entityType: 'submission', entityId: 0, title: NEXT_STEP[p.kind].deadlineTitle, unitId: p.row.unitId, ruleKey: NEXT_STEP[p.kind].ruleKey, startOn: chinaDate(new Date(p.row.createdAt)) },
    })),
    reference,
  );
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertSubmissions(trx, items.map((p) => p.row));
    rowsWritten();
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
    const deadlines = await insertPlannedDeadlines(trx, mine, [events]);

    await midBatch();
    // Receipt numbers: one step of the counter per (year, city), in the order of the records' ids; the last statement
    // also locks the audit chain head.
    const receiptNos = new Map<number, string>();
    const groups = new Map<string, { year: number; city: string; ids: number[] }>();
    for (const c of created) {
      const year = Number(chinaDate(new Date(c.createdAt)).slice(0, 4));
      const k = `${year}:${c.p.cityCode6}`;
      const g = groups.get(k) ?? { year, city: c.p.cityCode6, ids: [] };
      g.ids.push(c.id);
      groups.set(k, g);
    }
    let auditHead: { seq: number; hash: string } | null = null;
    const groupList = [...groups.values()];
    for (const [gi, g] of groupList.entries()) {
      const r = await repo.assignReceiptNos(trx, g.ids.sort((a, b) => a - b), g.year, g.city, { lockAuditHead: gi === groupList.length - 1 });
      for (const [id, no] of r.numbers) receiptNos.set(id, no);
      auditHead = r.auditHead ?? auditHead;
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
    await writeAuditMany(trx, deps.clock, audits, enqueueStatement(deps, messages), auditHead);

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

type DuplicateSubject = { createdAt: string; respondentUscc: string | null; respondentNameNorm: string; respondentNameBigrams: string[]; ipType: SubmissionRow['ipType'] };
type DuplicatePair = { submissionId: number; otherId: number; reason: 'uscc' | 'name'; similarity: number };

function duplicateSubject(r: { createdAt: string; respondentUscc?: string | null; respondentNameNorm: string; respondentNameBigrams: unknown; ipType: SubmissionRow['ipType'] }): DuplicateSubject {
  return { createdAt: r.createdAt, respondentUscc: r.respondentUscc ?? null, respondentNameNorm: r.respondentNameNorm, respondentNameBigrams: r.respondentNameBigrams as string[], ipType: r.ipType };
}

/** The window (DUPLICATE_WINDOW_DAYS before the submission, and after it when `bothSides`) and the bigram groups. */
function duplicateProbe(deps: Deps, id: number, s: DuplicateSubject, frequency: (b: string) => number, bothSides: boolean): DuplicateProbe {
  const windowMs = deps.config.duplicateWindowDays * 86_400_000;
  const at = new Date(s.createdAt).getTime();
  return {
    id,
    respondentUscc: s.respondentUscc,
    respondentNameNorm: s.respondentNameNorm,
    ipType: s.ipType,
    bigrams: s.respondentNameBigrams,
    filter: bigramCandidateFilter(s.respondentNameBigrams, frequency),
    from: new Date(at - windowMs).toISOString(),
    to: bothSides ? new Date(at + windowMs).toISOString() : s.createdAt,
  };
}

type DuplicateRow = { id: number; respondentUscc: string | null; respondentNameNorm: string; respondentNameBigrams: string[]; ipType: SubmissionRow['ipType'] };

/**
 * The duplicate rule: adds the pair (both directions) when `s` and `c` share the credit code (any IP type), or have the
 * same IP type and a close respondent name (normalised equal, or bigram Dice ≥ 0.8, `dice` computed only then).
 */
function addPair(pairs: DuplicatePair[], s: DuplicateRow, c: DuplicateRow, dice: () => number): void {
  let reason: 'uscc' | 'name';
  let similarity = 1;
  if (s.respondentUscc && c.respondentUscc === s.respondentUscc) {
    reason = 'uscc';
  } else if (c.ipType === s.ipType) {
    if (c.respondentNameNorm !== s.respondentNameNorm) {
      similarity = dice();
      if (similarity < DUPLICATE_NAME_SIMILARITY) return;
    }
    reason = 'name';
  } else {
    return;
  }
  similarity = Math.round(similarity * 1000) / 1000;
  pairs.push({ submissionId: s.id, otherId: c.id, reason, similarity }, { submissionId: c.id, otherId: s.id, reason, similarity });
}

/** The duplicate rule on candidates the database found. */
function pairsOf(candidates: { subject: DuplicateRow; other: DuplicateRow }[]): DuplicatePair[] {
  const pairs: DuplicatePair[] = [];
  for (const { subject: s, other: c } of candidates) addPair(pairs, s, c, () => diceSimilarity(s.respondentNameBigrams, c.respondentNameBigrams));
  return pairs;
}

/**
 * Finds the possible duplicates of a registered submission again (after its IP type was corrected) and stores them
 * as pairs, in the caller's transaction, within DUPLICATE_WINDOW_DAYS before and (with `bothSides`) after it.
 */
export async function detectDuplicates(
  trx: Executor,
  deps: Deps,
  subs: ({ id: number } & Parameters<typeof duplicateSubject>[0])[],
  bothSides = false,
): Promise<number> {
  const pairs = await findDuplicatePairs(trx, deps, subs, bothSides);
  await repo.insertDuplicatePairs(trx, pairs);
  return pairs.length / 2;
}

/** The possible duplicate pairs (both directions) of submissions among the checked ones (submission_name_keys). */
async function findDuplicatePairs(
  trx: Executor,
  deps: Deps,
  subs: ({ id: number } & Parameters<typeof duplicateSubject>[0])[],
  bothSides: boolean,
): Promise<DuplicatePair[]> {
  const frequency = bigramFrequency(deps);
  const subjects = subs.map((s) => ({ ...duplicateSubject(s), id: s.id }));
  const candidates = await repo.findDuplicateCandidates(trx, subjects.map((s) => duplicateProbe(deps, s.id, s, frequency, bothSides)));
  return pairsOf(candidates.map((c) => ({ subject: subjects[c.probe]!, other: c })));
}

/**
 * Finds the possible duplicates of the submissions filed since the last sweep and stores the pairs; returns how many
 * submissions it checked (at most `limit` per year and city; 0 when it has caught up).
 *
 * The intake does not look for duplicates in its own transaction: the lookup was most of the database's work per
 * submission and grows with the window. It runs here instead, just after each batch has committed (the intake writer
 * requests it), and in the scheduler's job for whatever a stopped process left. Submissions are checked in the order
 * of their receipt numbers, which is the order of their commits: the number is taken under the counter's row lock in
 * the transaction that writes the record, gaplessly. The lookup searches the name keys of the submissions checked so
 * far (submission_name_keys), and a submission's key is written when it is checked: so of any two submissions, the
 * one checked second finds the other (the window is looked at on both sides; a pair found twice is stored once).
 */
export async function sweepDuplicates(deps: Deps, limit = SWEEP_BATCH_MAX): Promise<number> {
  const behind = await repo.sweepsBehind(deps.db);
  if (behind.length === 0) return 0;
  // Outside the transaction: on PGlite a query of deps.db would wait for the transaction's connection.
  await refreshHints(deps);
  let checked = 0;
  for (const { year, cityCode } of behind) {
    checked += await deps.db.transaction().execute(async (trx) => {
      // Sweepers (this process's, the scheduler's, another node's) take turns on the row of (year, city). The lock is
      // its own statement, so the next ones see every submission committed before it was granted.
      // The duplicate lookup is joined LATERAL to its probes, so it is planned with generic estimates, and on a table
      // without fresh statistics (PGlite never runs autovacuum; a young PostgreSQL table) the planner then scans every
      // row for every probe. Every access here has an index; sequential scans are turned off for this transaction.
      const after = await repo.lockSweep(trx, year, cityCode, { seqscanOff: true });
      // Their keys are written in the same statement: the chunk's submissions find each other, later ones find them.
      const subs = await repo.keySubmissionsAfterSeq(trx, year, cityCode, after, limit);
      if (subs.length === 0) return 0;
      const pairs = await findDuplicatePairs(trx, deps, subs, true);
      const last = receiptSeq(subs[subs.length - 1]!.receiptNo);
      await repo.advanceSweep(trx, year, cityCode, last, deps.clock.now().toISOString(), pairs);
      return subs.length;
    });
  }
  hintsOf(deps).writtenSince += checked;
  return checked;
}
