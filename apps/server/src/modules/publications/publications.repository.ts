import { PUBLICATION_EXEMPT_KINDS } from '@zhichan/shared';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { PenaltyPublicationsTable } from '../../db/schema';

export type PublicationRow = Selectable<PenaltyPublicationsTable>;

/** LIKE pattern for a user's keyword: %, _ and \ are matched literally. */
function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const CASE_FIELDS = [
  'cases.id', 'cases.caseNo', 'cases.unitId', 'cases.caseType', 'cases.procedure', 'cases.title', 'cases.partyKind', 'cases.partyName',
  'cases.partyUscc', 'cases.partyIdNoEnc', 'cases.partyAddress', 'cases.partyLegalRep', 'cases.facts', 'cases.status', 'cases.decision',
  'cases.decisionOn', 'cases.decisionDocNo', 'cases.penaltyKinds', 'cases.fineAmount', 'cases.confiscatedAmount', 'cases.decisionSummary',
  'units.name as unitName',
] as const;

const LISTED = [
  'penaltyPublications.id', 'penaltyPublications.caseId', 'penaltyPublications.unitId', 'penaltyPublications.docNo',
  'penaltyPublications.partyName', 'penaltyPublications.partyUscc', 'penaltyPublications.violationType',
  'penaltyPublications.penaltyContent', 'penaltyPublications.authorityName', 'penaltyPublications.decidedOn',
  'penaltyPublications.publishedOn', 'penaltyPublications.period', 'penaltyPublications.expiresOn', 'penaltyPublications.body',
  'penaltyPublications.status', 'penaltyPublications.withdrawnOn', 'penaltyPublications.withdrawReason',
  'penaltyPublications.publishedBy', 'penaltyPublications.version', 'penaltyPublications.createdAt', 'penaltyPublications.updatedAt',
  'units.name as unitName', 'cases.caseNo', 'publisher.displayName as publishedByName',
] as const;

/** 总局令第45号 第九条: the deadline the cases module opens when a decision is to be published (again). */
const PUBLICATION_RULE = 'penalty.publication';

function withJoins(db: Executor) {
  return db
    .selectFrom('penaltyPublications')
    .innerJoin('units', 'units.id', 'penaltyPublications.unitId')
    .innerJoin('cases', 'cases.id', 'penaltyPublications.caseId')
    .leftJoin('users as publisher', 'publisher.id', 'penaltyPublications.publishedBy');
}

/**
 * Cases whose decision is published (总局令第45号 第二条): decided with a penalty under the ordinary procedure, with the
 * decision's document number, not a warning only (nor only orders, which are no penalty), not revoked, not yet
 * published (or to be published again after a change).
 */
function candidateCases(db: Executor) {
  return db
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unitId')
    .where('cases.decision', '=', 'penalty')
    .where('cases.procedure', '=', 'ordinary')
    .where('cases.decisionDocNo', 'is not', null)
    .where('cases.decisionOn', 'is not', null)
    .where((eb) =>
      eb.or([
        sql<boolean>`not (cases.penalty_kinds <@ array[${sql.join(PUBLICATION_EXEMPT_KINDS.map((k) => sql.val(k)))}]::text[])`,
        eb(sql`coalesce(cases.fine_amount, 0)`, '>', 0),
        eb(sql`coalesce(cases.confiscated_amount, 0)`, '>', 0),
      ]),
    )
    // A revoked decision is not published (the cases module keeps decision = penalty and sets the status).
    .where('cases.status', '<>', 'revoked')
    // Not yet published; or published, withdrawn after the decision was changed, and owed again: the cases module
    // opened a new penalty.publication deadline for the changed decision (第十一条, 第九条).
    .where(
      sql<boolean>`(not exists (select 1 from penalty_publications pp where pp.case_id = cases.id)
        or exists (select 1 from penalty_publications pp
          join deadlines d on d.entity_type = 'case' and d.entity_id = cast(pp.case_id as text) and d.completed_on is null
          join deadline_rules r on r.id = d.rule_id and r.key = ${PUBLICATION_RULE}
          where pp.case_id = cases.id and pp.status = 'withdrawn'))`,
    );
}

export type CaseForPublication = NonNullable<Awaited<ReturnType<typeof publicationsRepository.lockCaseInScope>>>;
export type ListedPublication = NonNullable<Awaited<ReturnType<typeof publicationsRepository.get>>>;

/** Queries of penalty publications and of the cases they come from. Repositories only query; the service decides. */
export const publicationsRepository = {
  /** The 调查终结报告 of the case's latest 调查终结 (the facts the investigation established). */
  async latestConcludeReport(ex: Executor, caseId: number): Promise<string | null> {
    const row = await ex.selectFrom('caseActions').select('data').where('caseId', '=', caseId).where('action', '=', 'conclude').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const report = (row?.data as { report?: unknown } | null | undefined)?.report;
    return typeof report === 'string' && report.trim() ? report.trim() : null;
  },

  /** The data snapshot of the case's current 行政处罚决定书 (not superseded), if one was generated. */
  async currentDecisionDocumentData(ex: Executor, caseId: number): Promise<unknown> {
    const row = await ex
      .selectFrom('documents')
      .select('data')
      .where('entityType', '=', 'case')
      .where('entityId', '=', caseId)
      .where('kind', '=', 'penaltyDecision')
      .where('supersededBy', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.data;
  },

  // ---------- candidates (inside the actor's scope by the case's unit) ----------

  async listCandidates(db: Executor, actor: Actor, filter: { q?: string; page: number; pageSize: number }) {
    let base = candidateCases(db).where((eb) => inScope(eb, actor, 'cases.unitId'));
    if (filter.q) {
      const p = likePattern(filter.q);
      base = base.where((eb) => eb.or([eb('cases.caseNo', 'ilike', p), eb('cases.decisionDocNo', 'ilike', p), eb('cases.partyName', 'ilike', p), eb('cases.title', 'ilike', p)]));
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select(CASE_FIELDS)
      // The oldest decision first: its 20 working days run out first.
      .orderBy('cases.decisionOn', 'asc')
      .orderBy('cases.id', 'asc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  /** The case, only inside the actor's scope, locked for the caller's transaction (whatever its state). */
  lockCaseInScope(db: Executor, actor: Actor, caseId: number) {
    return db
      .selectFrom('cases')
      .innerJoin('units', 'units.id', 'cases.unitId')
      .select(CASE_FIELDS)
      .where('cases.id', '=', caseId)
      .where((eb) => inScope(eb, actor, 'cases.unitId'))
      .forUpdate('cases')
      .executeTakeFirst();
  },

  /** Whether the case is a candidate (same conditions as the list). */
  async isCandidate(db: Executor, caseId: number): Promise<boolean> {
    return !!(await candidateCases(db).select('cases.id').where('cases.id', '=', caseId).executeTakeFirst());
  },

  /** The case's deadlines of the given rule keys (to show and complete the publication deadlines). */
  caseDeadlines(db: Executor, caseIds: number[], ruleKeys: string[]) {
    if (caseIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('deadlines')
      .innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select([
        'deadlines.id', 'deadlines.entityId', 'deadlines.title', 'deadlines.dueOn', 'deadlines.state', 'deadlines.provisional',
        'deadlines.completedOn', 'deadlineRules.key as ruleKey', 'deadlineRules.regulation', 'deadlineRules.article',
        'deadlineRules.version as ruleVersion',
      ])
      .where('deadlines.entityType', '=', 'case')
      .where('deadlines.entityId', 'in', caseIds.map(String))
      .where('deadlineRules.key', 'in', ruleKeys)
      .orderBy('deadlines.id')
      .execute();
  },

  // ---------- publications (inside the actor's scope by the deciding unit) ----------

  get(db: Executor, actor: Actor, id: number) {
    return withJoins(db)
      .select(LISTED)
      .where('penaltyPublications.id', '=', id)
      .where((eb) => inScope(eb, actor, 'penaltyPublications.unitId'))
      .executeTakeFirst();
  },

  lockInScope(db: Executor, actor: Actor, id: number) {
    return db
      .selectFrom('penaltyPublications')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, actor, 'penaltyPublications.unitId'))
      .forUpdate()
      .executeTakeFirst();
  },

  /** The publication of a case, locked (the caller has authorised the case). */
  lockByCase(db: Executor, caseId: number) {
    return db.selectFrom('penaltyPublications').selectAll().where('caseId', '=', caseId).forUpdate().executeTakeFirst();
  },

  async list(db: Executor, actor: Actor, filter: { status?: PublicationRow['status']; q?: string; page: number; pageSize: number }) {
    let base = withJoins(db).where((eb) => inScope(eb, actor, 'penaltyPublications.unitId'));
    if (filter.status) base = base.where('penaltyPublications.status', '=', filter.status);
    if (filter.q) {
      const p = likePattern(filter.q);
      base = base.where((eb) =>
        eb.or([
          eb('penaltyPublications.docNo', 'ilike', p), eb('penaltyPublications.partyName', 'ilike', p),
          eb('penaltyPublications.violationType', 'ilike', p), eb('cases.caseNo', 'ilike', p),
        ]),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select(LISTED)
      .orderBy('penaltyPublications.publishedOn', 'desc')
      .orderBy('penaltyPublications.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  insert(db: Executor, row: Insertable<PenaltyPublicationsTable>) {
    return db.insertInto('penaltyPublications').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, patch: Updateable<PenaltyPublicationsTable>) {
    return db.updateTable('penaltyPublications').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  // ---------- portal (no actor: what is published and within its period) ----------

  async listPublic(db: Executor, filter: { q?: string; today: string; page: number; pageSize: number }) {
    let base = db
      .selectFrom('penaltyPublications')
      .where('status', '=', 'published')
      // Shown through the last day of the period, also before the expiry job has run.
      .where('expiresOn', '>=', filter.today);
    if (filter.q) {
      const p = likePattern(filter.q);
      base = base.where((eb) => eb.or([eb('partyName', 'ilike', p), eb('docNo', 'ilike', p), eb('violationType', 'ilike', p), eb('authorityName', 'ilike', p)]));
    }
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select(['id', 'docNo', 'partyName', 'partyUscc', 'violationType', 'penaltyContent', 'authorityName', 'decidedOn', 'publishedOn'])
      .orderBy('publishedOn', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { total: Number(n), items };
  },

  getPublic(db: Executor, id: number, today: string) {
    return db
      .selectFrom('penaltyPublications')
      .select(['id', 'docNo', 'partyName', 'partyUscc', 'violationType', 'penaltyContent', 'authorityName', 'decidedOn', 'publishedOn', 'expiresOn', 'body'])
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('expiresOn', '>=', today)
      .executeTakeFirst();
  },

  // ---------- jobs (no actor) ----------

  /** Published rows whose period ended before `today`, locked (skipping rows another node holds). */
  unsafeListExpired(db: Executor, today: string, limit: number) {
    return db
      .selectFrom('penaltyPublications')
      .selectAll()
      .where('status', '=', 'published')
      .where('expiresOn', '<', today)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },
};
