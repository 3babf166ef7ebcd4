import { DUPLICATE_NAME_SIMILARITY, type SubmissionListQuery } from '@zhichan/shared';
import { sql, type Insertable, type RawBuilder, type Selectable, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { SubmissionsTable } from '../../db/schema';

export type SubmissionRow = Selectable<SubmissionsTable>;

/** Columns of the queue and the detail (never the ciphertexts: those are read only by the identity view). */
const LIST_COLUMNS = [
  's.id', 's.receiptNo', 's.kind', 's.ipType', 's.category', 's.status', 's.respondentName', 's.respondentUscc', 's.respondentRegionCode',
  's.online', 's.anonymous', 's.submitterNameMasked', 's.phoneMasked', 's.idNoMasked', 's.createdAt', 's.version', 's.unitId',
] as const;

export type ListedSubmission = Pick<
  SubmissionRow,
  | 'id' | 'receiptNo' | 'kind' | 'ipType' | 'category' | 'status' | 'respondentName' | 'respondentUscc' | 'respondentRegionCode' | 'online'
  | 'anonymous' | 'submitterNameMasked' | 'phoneMasked' | 'idNoMasked' | 'createdAt' | 'version' | 'unitId'
> & { regionName: string | null; fileCount: number; deadlineTitle: string | null; deadlineDueOn: string | null; deadlineState: string | null };

/**
 * Possible duplicates are found once, just after a submission is filed (findDuplicateCandidates, in the duplicate sweep
 * that follows the intake's commit), and kept as pairs in submission_duplicates; the queue only reads the pairs, filtered by the current
 * window (DUPLICATE_WINDOW_DAYS) and without pairs already linked or merged, so listing stays fast at any size.
 */
function pairVisible(windowDays: number) {
  return sql<boolean>`o.created_at BETWEEN s.created_at - ${windowDays}::int * interval '1 day' AND s.created_at + ${windowDays}::int * interval '1 day'
    AND NOT EXISTS (SELECT 1 FROM submission_links l
                     WHERE LEAST(l.submission_id, l.other_id) = LEAST(s.id, o.id) AND GREATEST(l.submission_id, l.other_id) = GREATEST(s.id, o.id))`;
}

export interface DuplicateCandidate {
  id: number;
  respondentUscc: string | null;
  respondentNameNorm: string;
  respondentNameBigrams: string[];
  ipType: SubmissionRow['ipType'];
}

/**
 * Group slots of the duplicate query: bigramCandidateFilter gives at most 9 groups up to 25 bigrams (8 subsets, or a
 * partition of n−⌈2n/3⌉+1); a batch with a longer name gets as many slots as it needs (another statement shape).
 */
const GROUP_SLOTS = 9;

function snakeCase(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** ZC-2026-370900-000123: the receipt number's prefix for a year and a 6-digit city code, and its yearly sequence. */
function receiptPrefix(year: number, cityCode6: string): string {
  return `ZC-${year}-${cityCode6}-`;
}

export function receiptSeq(receiptNo: string): number {
  return Number(receiptNo.slice(-6));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface DuplicateProbe {
  /** The submission's own id (0 when it is not inserted yet). */
  id: number;
  respondentUscc: string | null;
  respondentNameNorm: string;
  ipType: SubmissionRow['ipType'];
  /** The name's bigrams (distinct, as nameBigrams gives them). */
  bigrams: string[];
  filter: { groups: string[][]; minSize: number; maxSize: number };
  from: string;
  to: string;
}

/**
 * INSERT of submissions from one JSON parameter, whatever their number. A row whose Idempotency-Key is already taken
 * — by a committed submission, by a concurrent one that then commits, or by an earlier row of the same batch — is
 * skipped (ON CONFLICT DO NOTHING) and not returned; the caller answers it as a retry.
 */
function insertSubmissionsStatement(rows: Insertable<SubmissionsTable>[]): RawBuilder<{ id: number; idempotencyKey: string; createdAt: string }> {
  const keys = Object.keys(rows[0]!);
  const snake = keys.map(snakeCase);
  const cols = sql.raw(snake.join(', '));
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k, i) => [snake[i], (r as Record<string, unknown>)[k] ?? null]))));
  return sql`INSERT INTO submissions (${cols})
    SELECT ${cols} FROM json_populate_recordset(NULL::submissions, ${json}::json)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, idempotency_key AS "idempotencyKey", created_at AS "createdAt"`;
}

/**
 * The possible duplicates of several submissions in one statement, among the submissions already checked
 * (submission_name_keys, written by the duplicate sweep): for each probe, the rows of its window with the
 * same credit code, or the same IP type and the same normalised name, or the same IP type and one of the bigram
 * groups (bigramCandidateFilter) and a bigram Dice 2·common/(n + m) of at least DUPLICATE_NAME_SIMILARITY (a group
 * made of the region's and the trade's bigrams lets through hundreds of names: they are dropped here, not sent to
 * the caller, and the limit no longer cuts off close names behind them) — at most `limit` of each kind. The probes travel as one JSON parameter and are
 * joined LATERAL, so the statement is planned once; the window test of the bigram part is written so that no B-tree
 * on created_at can serve it, which leaves the planner the GIN index (a plan through submissions_ip_time read the
 * whole window).
 */
function duplicateCandidatesQuery(probes: DuplicateProbe[], limit: number): RawBuilder<DuplicateCandidate & { probe: number }> {
  const slots = Math.max(GROUP_SLOTS, ...probes.map((p) => p.filter.groups.length));
  const json = JSON.stringify(
    probes.map((p, k) => {
      const g: Record<string, string[] | null> = {};
      for (let i = 0; i < slots; i++) g[`g${i}`] = p.filter.groups[i] ?? null;
      return { k, id: p.id, uscc: p.respondentUscc, norm: p.respondentNameNorm || null, ip: p.ipType, b: p.bigrams, n: p.bigrams.length, ...g, mn: p.filter.minSize, mx: p.filter.maxSize, f: p.from, t: p.to };
    }),
  );
  const groupCols = sql.raw(Array.from({ length: slots }, (_, i) => `g${i} text[]`).join(', '));
  const anyGroup = sql.raw(Array.from({ length: slots }, (_, i) => `s.respondent_name_bigrams @> q.g${i}`).join(' OR '));
  const cols = sql`s.submission_id AS id, s.respondent_uscc, s.respondent_name_norm, s.respondent_name_bigrams, s.ip_type`;
  return sql`
    SELECT q.k AS probe, c.id, c.respondent_uscc AS "respondentUscc", c.respondent_name_norm AS "respondentNameNorm",
           c.respondent_name_bigrams AS "respondentNameBigrams", c.ip_type AS "ipType"
      FROM json_to_recordset(${json}::json)
           AS q(k int, id int, uscc text, norm text, ip text, b text[], n int, ${groupCols}, mn int, mx int, f timestamptz, t timestamptz)
     CROSS JOIN LATERAL (
       (SELECT ${cols} FROM submission_name_keys s
         WHERE q.uscc IS NOT NULL AND s.respondent_uscc = q.uscc AND s.submission_id <> q.id AND s.created_at BETWEEN q.f AND q.t LIMIT ${limit})
       UNION
       (SELECT ${cols} FROM submission_name_keys s
         WHERE q.norm IS NOT NULL AND s.respondent_name_norm = q.norm AND s.ip_type = q.ip AND s.submission_id <> q.id AND s.created_at BETWEEN q.f AND q.t LIMIT ${limit})
       UNION
       (SELECT ${cols} FROM submission_name_keys s
         WHERE (${anyGroup}) AND s.ip_type = q.ip AND cardinality(s.respondent_name_bigrams) BETWEEN q.mn AND q.mx
           AND s.submission_id <> q.id AND (s.created_at + interval '0 s') BETWEEN q.f AND q.t
           AND 2 * (SELECT count(*) FROM unnest(s.respondent_name_bigrams) AS x(g) WHERE x.g = ANY(q.b))
               >= ${String(DUPLICATE_NAME_SIMILARITY)}::numeric * (q.n + cardinality(s.respondent_name_bigrams))
         LIMIT ${limit})
     ) c`;
}

export const submissionsRepository = {
  /** The lead (线索) a dispatched submission became, with its responsible unit. */
  leadOf(db: Executor, submissionId: number) {
    return db
      .selectFrom('leads')
      .innerJoin('units', 'units.id', 'leads.unitId')
      .select(['leads.id', 'leads.leadNo', 'units.name as unitName', 'leads.status'])
      .where('leads.submissionId', '=', submissionId)
      .executeTakeFirst();
  },

  /** The intake unit (统一受理): the root of the organisation tree, the city bureau. */
  async intakeUnit(ex: Executor): Promise<{ id: number; name: string; phone: string | null } | undefined> {
    return ex.selectFrom('units').select(['id', 'name', 'phone']).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
  },

  async regionName(ex: Executor, code: string): Promise<string | undefined> {
    return (await ex.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst())?.name;
  },

  findByIdempotencyKey(ex: Executor, key: string) {
    return ex
      .selectFrom('submissions')
      .select(['id', 'receiptNo', 'lookupCodeEnc', 'kind', 'requestHash', 'createdAt'])
      .where('idempotencyKey', '=', key)
      .executeTakeFirst();
  },

  /** Submissions from one address since an instant (rate limit and captcha; index submissions_ip_time). */
  async countFromIpSince(ex: Executor, ip: string, since: string): Promise<number> {
    const r = await ex
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('createdAt', '>', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** Upload rows of the given files, with the files' current owner. */
  uploads(ex: Executor, fileIds: number[]) {
    if (fileIds.length === 0) return Promise.resolve([]);
    return ex
      .selectFrom('evidenceUploads as u')
      .innerJoin('files as f', 'f.id', 'u.fileId')
      .select(['u.fileId', 'u.tokenHash', 'u.usedAt', 'u.createdAt', 'f.ownerType'])
      .where('u.fileId', 'in', fileIds)
      .execute();
  },

  insertUpload(ex: Executor, row: { fileId: number; tokenHash: string; ip: string | null; createdAt: string }) {
    return ex.insertInto('evidenceUploads').values(row).execute();
  },

  /** Deletes up to `limit` unclaimed uploads made at or before `cutoff`; returns their file ids. */
  async deleteExpiredUploads(ex: Executor, cutoff: string, limit: number): Promise<number[]> {
    const rows = await ex
      .deleteFrom('evidenceUploads')
      .where('fileId', 'in', (eb) =>
        eb.selectFrom('evidenceUploads').select('fileId').where('usedAt', 'is', null).where('createdAt', '<=', cutoff).orderBy('createdAt').limit(limit),
      )
      .where('usedAt', 'is', null)
      .returning('fileId')
      .execute();
    return rows.map((r) => r.fileId);
  },

  /** Deletes the files rows of the given ids that no module owns; returns their content hashes. */
  async deleteUnownedFiles(ex: Executor, fileIds: number[]): Promise<string[]> {
    if (fileIds.length === 0) return [];
    const rows = await ex.deleteFrom('files').where('id', 'in', fileIds).where('ownerType', 'is', null).returning('sha256').execute();
    return rows.map((r) => r.sha256);
  },

  async fileWithContentExists(ex: Executor, sha256: string): Promise<boolean> {
    return !!(await ex.selectFrom('files').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst());
  },

  insertSubmission(ex: Executor, values: Insertable<SubmissionsTable>) {
    return ex.insertInto('submissions').values(values).returning(['id', 'createdAt']).executeTakeFirstOrThrow();
  },

  /**
   * Takes `ids.length` consecutive receipt numbers of the year, in the order of `ids`, and writes them on the
   * submissions, in one statement: one step of the counter row (created on first use, otherwise locked by INSERT … ON
   * CONFLICT DO UPDATE until commit), so numbers are gap-free and unique across app nodes.
   */
  async assignReceiptNos(
    ex: Executor,
    ids: number[],
    year: number,
    cityCode6: string,
    opts: { lockAuditHead?: boolean } = {},
  ): Promise<{ numbers: Map<number, string>; auditHead: { seq: number; hash: string } | null }> {
    if (ids.length === 0) return { numbers: new Map(), auditHead: null };
    const prefix = receiptPrefix(year, cityCode6);
    const n = ids.length;
    // With lockAuditHead the same statement locks and reads the audit chain head (writeAuditMany's first step), one
    // round trip less. The two locks must always be taken in the same order, counter first: the head is locked by the
    // statement's top-level FOR UPDATE, on rows of the join with u, which exist only once the counter is taken. (Locked
    // in a subquery joined to u, the order was the plan's: two batches took them in opposite orders and deadlocked,
    // 2 of 3,641 submissions at 10 connections.)
    const head = opts.lockAuditHead
      ? sql`, h.seq AS "headSeq", h.hash AS "headHash" FROM u JOIN audit_chain_head h ON h.id = 1 FOR UPDATE OF h`
      : sql`, NULL::bigint AS "headSeq", NULL::text AS "headHash" FROM u`;
    const r = await sql<{ id: number; receiptNo: string; headSeq: number | null; headHash: string | null }>`
      WITH c AS (
        INSERT INTO receipt_counters (year, city_code, last_seq) VALUES (${year}, ${cityCode6}, ${n})
        ON CONFLICT (year, city_code) DO UPDATE SET last_seq = receipt_counters.last_seq + ${n}
        RETURNING last_seq),
      v AS (SELECT * FROM unnest(${sql.val(ids)}::int[]) WITH ORDINALITY AS v(id, ord)),
      u AS (
        UPDATE submissions SET receipt_no = ${prefix} || lpad((c.last_seq - ${n} + v.ord)::text, 6, '0')
          FROM c, v
         WHERE submissions.id = v.id
        RETURNING submissions.id, submissions.receipt_no)
      SELECT u.id, u.receipt_no AS "receiptNo"${head}`.execute(ex);
    const first = r.rows[0]!;
    return {
      numbers: new Map(r.rows.map((x) => [x.id, x.receiptNo])),
      auditHead: opts.lockAuditHead ? { seq: Number(first.headSeq), hash: first.headHash! } : null,
    };
  },

  /** Attaches uploaded files: claims each upload once (a second use of a token fails), owns the files, lists them. */
  /** Marks unused uploads used (locking them); returns how many were claimed. */
  async claimUploads(ex: Executor, fileIds: number[], now: string, submissionId: number | null): Promise<number> {
    if (fileIds.length === 0) return 0;
    const claimed = await ex
      .updateTable('evidenceUploads')
      .set({ usedAt: now, submissionId })
      .where('fileId', 'in', fileIds)
      .where('usedAt', 'is', null)
      .returning('fileId')
      .execute();
    return claimed.length;
  },

  setFilesOwner(ex: Executor, fileIds: number[], ownerType: string, ownerId: string) {
    return ex.updateTable('files').set({ ownerType, ownerId }).where('id', 'in', fileIds).where('ownerType', 'is', null).execute();
  },

  insertSubmissionFiles(ex: Executor, submissionId: number, fileIds: number[]) {
    return ex.insertInto('submissionFiles').values(fileIds.map((fileId, sort) => ({ submissionId, fileId, sort }))).execute();
  },

  insertEvents(
    ex: Executor,
    rows: { submissionId: number; kind: string; public: boolean; text: string | null; note: string | null; actorId: number | null; actorName: string | null; at: string }[],
  ) {
    return ex.insertInto('submissionEvents').values(rows).execute();
  },

  /** A submission inside the actor's data scope (404 outside). */
  getInScope(ex: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    const q = ex.selectFrom('submissions as s').selectAll('s').where('s.id', '=', id).where((eb) => inScope(eb, actor, 's.unitId'));
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  /** By receipt number, without scope: only for the public lookup, which then checks the lookup code. */
  unsafeGetByReceiptNo(ex: Executor, receiptNo: string, opts: { forUpdate?: boolean } = {}) {
    const q = ex.selectFrom('submissions').selectAll().where('receiptNo', '=', receiptNo);
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  unsafeGetById(ex: Executor, id: number) {
    return ex.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  updateSubmission(ex: Executor, id: number, version: number, patch: Updateable<SubmissionsTable>) {
    return ex
      .updateTable('submissions')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async list(ex: Executor, actor: Actor, q: SubmissionListQuery, windowDays: number): Promise<{ total: number; items: ListedSubmission[] }> {
    let base = ex.selectFrom('submissions as s').where((eb) => inScope(eb, actor, 's.unitId'));
    if (q.status) base = base.where('s.status', '=', q.status);
    if (q.kind) base = base.where('s.kind', '=', q.kind);
    if (q.ipType) base = base.where('s.ipType', '=', q.ipType);
    if (q.keyword) {
      const kw = q.keyword;
      const like = `%${escapeLike(kw)}%`;
      base = base.where((eb) =>
        eb.or([
          eb('s.receiptNo', '=', kw.toUpperCase()),
          eb('s.respondentUscc', '=', kw.toUpperCase()),
          eb('s.respondentName', 'like', like),
          eb('s.facts', 'like', like),
        ]),
      );
    }
    if (q.duplicatesOnly) {
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('submissionDuplicates as p')
            .innerJoin('submissions as o', 'o.id', 'p.otherId')
            .select(sql.lit(1).as('one'))
            .whereRef('p.submissionId', '=', 's.id')
            .where(pairVisible(windowDays))
            .where((eb2) => inScope(eb2, actor, 'o.unitId')),
        ),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .leftJoin('regions as r', 'r.code', 's.respondentRegionCode')
      .select([...LIST_COLUMNS, 'r.name as regionName'])
      .select((eb) => [
        eb.selectFrom('submissionFiles as sf').select(eb.fn.countAll<number>().as('c')).whereRef('sf.submissionId', '=', 's.id').as('fileCount'),
        // The open deadline of the next step (the earliest one still running), for 黄灯/红灯 in the queue.
        eb.selectFrom('deadlines as d').select('d.title').where('d.entityType', '=', 'submission').where(sql<boolean>`d.entity_id = s.id::text`)
          .where('d.completedOn', 'is', null).orderBy('d.id').limit(1).as('deadlineTitle'),
        eb.selectFrom('deadlines as d').select('d.dueOn').where('d.entityType', '=', 'submission').where(sql<boolean>`d.entity_id = s.id::text`)
          .where('d.completedOn', 'is', null).orderBy('d.id').limit(1).as('deadlineDueOn'),
        eb.selectFrom('deadlines as d').select('d.state').where('d.entityType', '=', 'submission').where(sql<boolean>`d.entity_id = s.id::text`)
          .where('d.completedOn', 'is', null).orderBy('d.id').limit(1).as('deadlineState'),
      ])
      .orderBy('s.createdAt', 'desc')
      .orderBy('s.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { total: Number(n), items: items.map((i) => ({ ...i, fileCount: Number(i.fileCount ?? 0) })) as ListedSubmission[] };
  },

  /** Possible duplicates of the given submissions (in the actor's scope), at most `perRow` each, newest first. */
  async duplicatesOf(ex: Executor, actor: Actor, ids: number[], windowDays: number, perRow = 10) {
    if (ids.length === 0) return new Map<number, DuplicateRow[]>();
    const rows = await ex
      .selectFrom('submissionDuplicates as p')
      .innerJoin('submissions as s', 's.id', 'p.submissionId')
      .innerJoin('submissions as o', 'o.id', 'p.otherId')
      .where('p.submissionId', 'in', ids)
      .where(pairVisible(windowDays))
      .where((eb) => inScope(eb, actor, 'o.unitId'))
      .select(['p.submissionId as forId', 'o.id', 'o.receiptNo', 'o.kind', 'o.ipType', 'o.status', 'o.respondentName', 'o.createdAt', 'p.reason', 'p.similarity'])
      .orderBy('p.submissionId')
      .orderBy('o.createdAt', 'desc')
      .execute();
    const out = new Map<number, DuplicateRow[]>();
    for (const r of rows) {
      const list = out.get(r.forId) ?? [];
      if (list.length < perRow) list.push({ ...r, similarity: Number(r.similarity) });
      out.set(r.forId, list);
    }
    return out;
  },

  /**
   * The possible duplicates of several submissions, in one statement (duplicateCandidatesQuery): the same credit
   * code; or the same IP type and the same normalised name; or the same IP type and a bigram set that can reach
   * Dice ≥ 0.8 (GIN `@>` on the candidate groups, see bigramCandidateFilter). The caller computes the exact Dice.
   */
  async findDuplicateCandidates(ex: Executor, probes: DuplicateProbe[], limit = 200): Promise<(DuplicateCandidate & { probe: number })[]> {
    if (probes.length === 0) return [];
    return (await duplicateCandidatesQuery(probes, limit).execute(ex)).rows;
  },

  /** Inserts a batch of submissions (insertSubmissionsStatement): the rows inserted, without those whose key was taken. */
  async insertSubmissions(ex: Executor, rows: Insertable<SubmissionsTable>[]): Promise<{ id: number; idempotencyKey: string; createdAt: string }[]> {
    if (rows.length === 0) return [];
    return (await insertSubmissionsStatement(rows).execute(ex)).rows;
  },

  /** The (year, city) receipt counters with submissions the duplicate sweep has not checked yet. */
  async sweepsBehind(ex: Executor): Promise<{ year: number; cityCode: string }[]> {
    const r = await sql<{ year: number; cityCode: string }>`
      SELECT c.year, c.city_code AS "cityCode" FROM receipt_counters c
        LEFT JOIN submission_duplicate_sweeps s ON s.year = c.year AND s.city_code = c.city_code
       WHERE c.last_seq > coalesce(s.checked_seq, 0)
       ORDER BY c.year, c.city_code`.execute(ex);
    return r.rows;
  },

  /**
   * Locks the sweep's row of (year, city), creating it at 0, and returns how far it has checked. Run it alone: the
   * caller's next statement then sees everything committed before the lock was granted.
   */
  async lockSweep(ex: Executor, year: number, cityCode: string, opts: { seqscanOff?: boolean } = {}): Promise<number> {
    // seqscanOff: the same statement turns sequential scans off for the rest of the transaction (set_config local),
    // one round trip less than a SET LOCAL of its own.
    const off = opts.seqscanOff ? sql`, set_config('enable_seqscan', 'off', true) AS s` : sql``;
    const r = await sql<{ checkedSeq: number }>`
      INSERT INTO submission_duplicate_sweeps (year, city_code) VALUES (${year}, ${cityCode})
      ON CONFLICT (year, city_code) DO UPDATE SET checked_seq = submission_duplicate_sweeps.checked_seq
      RETURNING checked_seq AS "checkedSeq"${off}`.execute(ex);
    return r.rows[0]!.checkedSeq;
  },

  /**
   * The submissions numbered after `afterSeq` in the year's receipt sequence of a city, at most `limit`, in receipt
   * order (receipt numbers are zero-padded, so their text order is their order); the same statement writes their name
   * keys (again if present: the current values), so that they find each other and later submissions find them.
   */
  async keySubmissionsAfterSeq(ex: Executor, year: number, cityCode: string, afterSeq: number, limit: number) {
    const prefix = receiptPrefix(year, cityCode);
    const r = await sql<{ id: number; receiptNo: string; createdAt: string; respondentUscc: string | null; respondentNameNorm: string; respondentNameBigrams: string[]; ipType: SubmissionRow['ipType'] }>`
      WITH subs AS MATERIALIZED (
        SELECT s.id, s.receipt_no, s.created_at, s.respondent_uscc, s.respondent_name_norm, s.respondent_name_bigrams, s.ip_type
          FROM submissions s
         WHERE s.receipt_no > ${prefix + String(afterSeq).padStart(6, '0')} AND s.receipt_no < ${prefix + '9999999'}
         ORDER BY s.receipt_no
         LIMIT ${limit}),
      k AS (
        INSERT INTO submission_name_keys (submission_id, created_at, ip_type, respondent_uscc, respondent_name_norm, respondent_name_bigrams)
        SELECT id, created_at, ip_type, respondent_uscc, respondent_name_norm, respondent_name_bigrams FROM subs
        ON CONFLICT (submission_id) DO UPDATE SET ip_type = EXCLUDED.ip_type, respondent_uscc = EXCLUDED.respondent_uscc,
          respondent_name_norm = EXCLUDED.respondent_name_norm, respondent_name_bigrams = EXCLUDED.respondent_name_bigrams)
      SELECT id, receipt_no AS "receiptNo", created_at AS "createdAt", respondent_uscc AS "respondentUscc",
             respondent_name_norm AS "respondentNameNorm", respondent_name_bigrams AS "respondentNameBigrams", ip_type AS "ipType"
        FROM subs ORDER BY receipt_no`.execute(ex);
    return r.rows;
  },

  /** A corrected IP type reaches the submission's name key, when it has one (checked already). */
  async setNameKeyIpType(ex: Executor, id: number, ipType: string): Promise<void> {
    await sql`UPDATE submission_name_keys SET ip_type = ${ipType} WHERE submission_id = ${id}`.execute(ex);
  },

  /** Moves the sweep of (year, city) on to `checkedSeq`, storing the pairs it found (ON CONFLICT DO NOTHING). */
  async advanceSweep(
    ex: Executor, year: number, cityCode: string, checkedSeq: number, now: string,
    pairs: { submissionId: number; otherId: number; reason: 'uscc' | 'name'; similarity: number }[],
  ): Promise<void> {
    const json = JSON.stringify(pairs.map((r) => ({ submission_id: r.submissionId, other_id: r.otherId, reason: r.reason, similarity: r.similarity })));
    await sql`
      WITH p AS (
        INSERT INTO submission_duplicates (submission_id, other_id, reason, similarity)
        SELECT submission_id, other_id, reason, similarity FROM json_populate_recordset(NULL::submission_duplicates, ${json}::json)
        ON CONFLICT (submission_id, other_id) DO NOTHING)
      UPDATE submission_duplicate_sweeps SET checked_seq = ${checkedSeq}, updated_at = ${now}::timestamptz
       WHERE year = ${year} AND city_code = ${cityCode} AND checked_seq < ${checkedSeq}`.execute(ex);
  },

  /** How many checked submissions since `since` contain each respondent-name bigram (the duplicate check's hints). */
  async nameBigramCounts(ex: Executor, since: string, limit = 5000): Promise<{ counts: Map<string, number>; rows: number }> {
    const r = await sql<{ bigram: string; n: number }>`
      SELECT b AS bigram, count(*)::int AS n
        FROM submission_name_keys, unnest(respondent_name_bigrams) AS b
       WHERE created_at >= ${since}::timestamptz
       GROUP BY b ORDER BY n DESC LIMIT ${limit}`.execute(ex);
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM submission_name_keys WHERE created_at >= ${since}::timestamptz`.execute(ex);
    return { counts: new Map(r.rows.map((x) => [x.bigram, x.n])), rows: total.rows[0]!.n };
  },

  /** insertEvents as a statement to embed (JSON rows). */
  eventsStatement(rows: { submissionId: number; kind: string; public: boolean; text: string | null; note: string | null; actorId: number | null; actorName: string | null; at: string }[]): RawBuilder<unknown> {
    const json = JSON.stringify(rows.map((r) => ({ submission_id: r.submissionId, kind: r.kind, public: r.public, text: r.text, note: r.note, actor_id: r.actorId, actor_name: r.actorName, at: r.at })));
    return sql`INSERT INTO submission_events (submission_id, kind, public, text, note, actor_id, actor_name, at)
      SELECT submission_id, kind, public, text, note, actor_id, actor_name, at FROM json_populate_recordset(NULL::submission_events, ${json}::json)`;
  },

  insertDuplicatePairs(ex: Executor, rows: { submissionId: number; otherId: number; reason: 'uscc' | 'name'; similarity: number }[]) {
    if (rows.length === 0) return Promise.resolve();
    return ex.insertInto('submissionDuplicates').values(rows).onConflict((oc) => oc.columns(['submissionId', 'otherId']).doNothing()).execute().then(() => undefined);
  },

  /** Forgets the pairs of a submission (both directions), before they are found again after a correction. */
  deleteDuplicatePairs(ex: Executor, id: number) {
    return ex.deleteFrom('submissionDuplicates').where((eb) => eb.or([eb('submissionId', '=', id), eb('otherId', '=', id)])).execute();
  },

  events(ex: Executor, submissionId: number, opts: { publicOnly?: boolean } = {}) {
    let q = ex.selectFrom('submissionEvents').selectAll().where('submissionId', '=', submissionId);
    if (opts.publicOnly) q = q.where('public', '=', true);
    return q.orderBy('id').execute();
  },

  files(ex: Executor, submissionId: number) {
    return ex
      .selectFrom('submissionFiles as sf')
      .innerJoin('files as f', 'f.id', 'sf.fileId')
      .select(['f.id', 'f.originalName', 'f.size', 'f.mime', 'f.sha256'])
      .where('sf.submissionId', '=', submissionId)
      .orderBy('sf.sort')
      .execute();
  },

  /** Links in both directions, with the other submission's number and status. */
  links(ex: Executor, submissionId: number) {
    return ex
      .selectFrom('submissionLinks as l')
      // the other end of the link, whichever direction it was made in
      .innerJoin('submissions as o', (j) => j.on(sql<boolean>`o.id = CASE WHEN l.submission_id = ${submissionId} THEN l.other_id ELSE l.submission_id END`))
      .select(['l.submissionId', 'l.otherId', 'l.mode', 'l.createdAt', 'o.id as oid', 'o.receiptNo as oReceiptNo', 'o.status as oStatus'])
      .where((eb) => eb.or([eb('l.submissionId', '=', submissionId), eb('l.otherId', '=', submissionId)]))
      .orderBy('l.id')
      .execute();
  },

  linkExists(ex: Executor, a: number, b: number) {
    return ex
      .selectFrom('submissionLinks')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('submissionId', '=', a), eb('otherId', '=', b)]), eb.and([eb('submissionId', '=', b), eb('otherId', '=', a)])]))
      .executeTakeFirst();
  },

  insertLink(ex: Executor, row: { submissionId: number; otherId: number; mode: 'duplicate' | 'related'; createdBy: number | null; createdAt: string }) {
    return ex.insertInto('submissionLinks').values(row).execute();
  },

  ratingFor(ex: Executor, submissionId: number, closedAt: string | null) {
    if (!closedAt) return Promise.resolve(undefined);
    return ex.selectFrom('submissionRatings').selectAll().where('submissionId', '=', submissionId).where('closedAt', '=', closedAt).executeTakeFirst();
  },

  latestRating(ex: Executor, submissionId: number) {
    return ex.selectFrom('submissionRatings').selectAll().where('submissionId', '=', submissionId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  insertRating(ex: Executor, row: { submissionId: number; closedAt: string; satisfaction: 'satisfied' | 'basicallySatisfied' | 'dissatisfied'; comment: string | null; createdAt: string }) {
    return ex.insertInto('submissionRatings').values(row).onConflict((oc) => oc.columns(['submissionId', 'closedAt']).doNothing()).returning('id').executeTakeFirst();
  },

  /** Deadlines of a submission, open ones first (the next step's due date). */
  deadlines(ex: Executor, submissionId: number) {
    return ex
      .selectFrom('deadlines as d')
      .innerJoin('deadlineRules as r', 'r.id', 'd.ruleId')
      .select(['d.id', 'd.title', 'd.dueOn', 'd.state', 'd.completedOn', 'd.provisional', 'r.key as ruleKey', 'r.regulation', 'r.article'])
      .where('d.entityType', '=', 'submission')
      .where('d.entityId', '=', String(submissionId))
      .orderBy('d.id')
      .execute();
  },

  mine(ex: Executor, userId: number, page: number, pageSize: number) {
    const base = ex.selectFrom('submissions').where('submitterUserId', '=', userId);
    return Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      base
        .select(['id', 'receiptNo', 'kind', 'ipType', 'status', 'respondentName', 'createdAt'])
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
  },
};

export interface DuplicateRow {
  forId: number;
  id: number;
  receiptNo: string;
  kind: SubmissionRow['kind'];
  ipType: SubmissionRow['ipType'];
  status: SubmissionRow['status'];
  respondentName: string;
  createdAt: string;
  reason: 'uscc' | 'name';
  similarity: number;
}
