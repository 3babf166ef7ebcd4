import {
  computeDueDate,
  deadlineState,
  isPublishablePenalty,
  maskAddress,
  penaltyContentText,
  PUBLICATION_VIOLATION_TYPES,
  publicationBodyText,
  publicationExpiresOn,
  publicationPeriodFor,
  redactPersonalData,
  redactPersonName,
  ruleInForce,
  type CreatePublicationInput,
  type DeadlineRule,
  type Page,
  type PublicationCandidateDto,
  type PublicationCandidateQuery,
  type PublicationDeadlineDto,
  type PublicationDto,
  type PublicationListQuery,
  type PublicationPreviewDto,
  type PublicationSummaryDto,
  type PublicPenaltyDto,
  type PublicPenaltyListItemDto,
  type PublicPenaltyQuery,
  type RedactionInput,
  type WithdrawPublicationInput,
  type WorkCalendar,
} from '@zhichan/shared';
import type { Transaction } from 'kysely';
import { can, SYSTEM_CTX, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import { deadlinesRepository } from '../deadlines/deadlines.repository';
import { completeDeadline, completeOpenDeadlines, findOpenDeadline, openDeadline } from '../deadlines/deadlines.service';
import { lowFineThresholdYuan } from './publications.config';
import { presentPublication, presentPublicDetail, presentPublicItem } from './publications.presenter';
import { publicationsRepository as repo, type CaseForPublication, type PublicationRow } from './publications.repository';

/** 总局令第45号 第九条: published within 20 working days of the decision (same province as the party's registration). */
export const PUBLICATION_RULE_KEY = 'penalty.publication';
/** 国办发〔2018〕118号: the bureau's own portal within 7 working days (unverified rule, kept as a separate deadline). */
export const PORTAL_PUBLICATION_RULE_KEY = 'penalty.portalPublication';
/** 第十一条: withdrawn within 3 working days of the decision being changed, revoked or found unlawful. */
export const WITHDRAWAL_RULE_KEY = 'penalty.publicationWithdrawal';

const DEADLINE_TITLES: Record<string, string> = {
  [PUBLICATION_RULE_KEY]: '行政处罚信息公示',
  [PORTAL_PUBLICATION_RULE_KEY]: '执法决定网上公开',
};

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

// ---------- deadlines of the candidates ----------

interface DeadlineContext {
  cal: WorkCalendar;
  today: string;
  warn: number;
  rules: DeadlineRule[];
}

async function deadlineContext(deps: Deps, ex: Executor): Promise<DeadlineContext> {
  const rows = [...(await deadlinesRepository.listRules(ex, PUBLICATION_RULE_KEY)), ...(await deadlinesRepository.listRules(ex, PORTAL_PUBLICATION_RULE_KEY))];
  return {
    cal: await loadWorkCalendar(ex, deps.db),
    today: todayOf(deps),
    warn: deps.config.deadlineWarningWorkingDays,
    rules: rows.map((r) => ({
      key: r.key, effectiveFrom: r.effectiveFrom, amount: r.amount, unit: r.unit,
      basis: { regulation: r.regulation, article: r.article, version: r.version }, trust: r.trust,
    })),
  };
}

type CaseDeadlineRow = Awaited<ReturnType<typeof repo.caseDeadlines>>[number];

/**
 * The case's deadline of one rule, coloured for today. When the cases module opened it at the decision, that row
 * (with its pauses and extensions already applied) is shown; otherwise it is computed from the decision day with the
 * rule version in force then, and marked `computed`.
 */
function deadlineOf(key: string, caseId: number, decisionOn: string, rows: CaseDeadlineRow[], dc: DeadlineContext): PublicationDeadlineDto | null {
  const mine = rows.filter((r) => r.entityId === String(caseId) && r.ruleKey === key);
  const row = mine.find((r) => r.completedOn === null) ?? mine.at(-1);
  if (row) {
    const state = deadlineState(dc.cal, { dueOn: row.dueOn, today: dc.today, warningWorkingDays: dc.warn, paused: row.state === 'paused', completedOn: row.completedOn });
    return {
      title: row.title,
      dueOn: row.dueOn,
      state,
      workingDaysLeft: row.dueOn && !row.completedOn ? dc.cal.workingDaysBetween(dc.today, row.dueOn) : null,
      provisional: row.provisional,
      basis: { regulation: row.regulation, article: row.article, version: row.ruleVersion },
      computed: false,
    };
  }
  const rule = ruleInForce(dc.rules, key, decisionOn);
  if (!rule) return null;
  const r = computeDueDate(dc.cal, { start: decisionOn, amount: rule.amount, unit: rule.unit });
  return {
    title: DEADLINE_TITLES[key] ?? key,
    dueOn: r.dueOn,
    state: deadlineState(dc.cal, { dueOn: r.dueOn, today: dc.today, warningWorkingDays: dc.warn }),
    workingDaysLeft: r.dueOn ? dc.cal.workingDaysBetween(dc.today, r.dueOn) : null,
    provisional: r.provisional,
    basis: rule.basis,
    computed: true,
  };
}

function publicationDeadline(caseId: number, decisionOn: string, rows: CaseDeadlineRow[], dc: DeadlineContext): PublicationDeadlineDto {
  return (
    deadlineOf(PUBLICATION_RULE_KEY, caseId, decisionOn, rows, dc) ?? {
      title: DEADLINE_TITLES[PUBLICATION_RULE_KEY]!, dueOn: null, state: 'normal', workingDaysLeft: null, provisional: false,
      basis: { regulation: '市场监督管理行政处罚信息公示规定', article: '第九条', version: '' }, computed: true,
    }
  );
}

// ---------- building the publication from the case ----------

/** Why a case cannot be published, in words for the officer; null when it can. */
function notPublishableReason(c: CaseForPublication): string | null {
  if (c.status === 'revoked') return '该案件的处罚决定已撤销，不予公示';
  if (c.decision !== 'penalty' || !c.decisionOn) return '该案件尚未作出行政处罚决定，不能公示';
  if (c.procedure !== 'ordinary') return '适用简易程序作出的行政处罚决定不予公示（总局令第45号 第二条）';
  if (!c.decisionDocNo) return '该案件尚无行政处罚决定书文号，请先生成决定书';
  if (!isPublishablePenalty(c)) return '仅受到警告行政处罚的不予公示（总局令第45号 第二条）';
  return null;
}

function decryptOrNull(deps: Deps, enc: string | null): string | null {
  if (!enc) return null;
  try {
    return deps.cipher.decrypt(enc);
  } catch {
    // Unreadable under the current key: the pattern-based masking still catches ID numbers in the text.
    return null;
  }
}

interface Built {
  summary: PublicationSummaryDto;
  body: string;
  redactions: string[];
  redaction: RedactionInput;
}

/**
 * The summary (第四条) and text of the publication, with the personal data of a natural person taken out (第六条): the
 * name as surname + 某, the address down to the county, ID and phone numbers masked. An organisation's name, credit
 * code, address and legal representative are registration facts published as they are.
 */
/** What the decision itself says beyond the case row: the facts the investigation established and the provisions applied. */
interface DecisionText {
  facts: string | null;
  violated: string | null;
  penaltyBasis: string | null;
}

/**
 * 总局令第45号: the published text follows the decision. The facts are the 调查终结报告 (not the lead's "涉嫌…" wording at
 * filing) and the provisions are those printed in the current 行政处罚决定书 (its data snapshot).
 */
async function decisionTextOf(ex: Executor, c: CaseForPublication): Promise<DecisionText> {
  const [report, decisionDoc] = await Promise.all([repo.latestConcludeReport(ex, c.id), repo.currentDecisionDocumentData(ex, c.id)]);
  const basis = (decisionDoc as { legalBasis?: { violated?: unknown; penalty?: unknown } } | undefined)?.legalBasis;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return { facts: report ?? c.facts, violated: str(basis?.violated), penaltyBasis: str(basis?.penalty) };
}

function build(deps: Deps, c: CaseForPublication, d: DecisionText): Built {
  const person = c.partyKind === 'person';
  const idNo = person ? decryptOrNull(deps, c.partyIdNoEnc) : null;
  const redaction: RedactionInput = { personNames: person ? [c.partyName] : [], idNos: idNo ? [idNo] : [] };
  const violationType = PUBLICATION_VIOLATION_TYPES[c.caseType] ?? PUBLICATION_VIOLATION_TYPES.other!;
  const penaltyContent = redactPersonalData(c.decisionSummary?.trim() || penaltyContentText(c), redaction).text;
  const summary: PublicationSummaryDto = {
    docNo: c.decisionDocNo!,
    partyName: person ? redactPersonName(c.partyName) : c.partyName,
    partyUscc: c.partyUscc,
    violationType,
    penaltyContent,
    authorityName: c.unitName,
    decidedOn: c.decisionOn!,
  };
  const text = publicationBodyText({
    authorityName: c.unitName,
    docNo: summary.docNo,
    partyName: summary.partyName,
    partyKind: c.partyKind,
    partyUscc: c.partyUscc,
    partyAddress: person && c.partyAddress ? maskAddress(c.partyAddress) : c.partyAddress,
    partyLegalRep: c.partyLegalRep,
    caseTitle: c.title,
    facts: d.facts,
    violatedProvision: d.violated,
    penaltyBasis: d.penaltyBasis,
    violationType,
    penaltyContent,
    decidedOn: summary.decidedOn,
  });
  const r = redactPersonalData(text, redaction);
  return { summary, body: r.text, redactions: r.notes, redaction };
}

async function lockCase(trx: Executor, actor: Actor, caseId: number): Promise<CaseForPublication> {
  const c = await repo.lockCaseInScope(trx, actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

// ---------- back office ----------

/** 待公示: decided penalty cases inside the actor's scope that must still be published, the most urgent first. */
export async function listCandidates(deps: Deps, ctx: Ctx, query: PublicationCandidateQuery): Promise<Page<PublicationCandidateDto>> {
  const actor = staff(ctx);
  const { total, items } = await repo.listCandidates(deps.db, actor, { q: query.q || undefined, page: query.page, pageSize: query.pageSize });
  const dc = await deadlineContext(deps, deps.db);
  const rows = await repo.caseDeadlines(deps.db, items.map((c) => c.id), [PUBLICATION_RULE_KEY, PORTAL_PUBLICATION_RULE_KEY]);
  return {
    items: items.map((c) => ({
      caseId: c.id,
      caseNo: c.caseNo,
      title: c.title,
      unitId: c.unitId,
      unitName: c.unitName,
      caseType: c.caseType,
      partyName: c.partyKind === 'person' ? redactPersonName(c.partyName) : c.partyName,
      partyKind: c.partyKind,
      decisionOn: c.decisionOn!,
      decisionDocNo: c.decisionDocNo!,
      fineAmount: c.fineAmount,
      penaltyKinds: c.penaltyKinds,
      deadline: publicationDeadline(c.id, c.decisionOn!, rows, dc),
      portalDeadline: deadlineOf(PORTAL_PUBLICATION_RULE_KEY, c.id, c.decisionOn!, rows, dc),
      abilities: { publish: can(actor, 'case.publish') },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** What would be published for the case today: the summary, the redacted text, the suggested period. */
export async function previewPublication(deps: Deps, ctx: Ctx, caseId: number): Promise<PublicationPreviewDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, actor, caseId);
    await assertCandidate(trx, c);
    const b = build(deps, c, await decisionTextOf(trx, c));
    const threshold = lowFineThresholdYuan();
    const suggestion = publicationPeriodFor({ ...c, lowFineThresholdYuan: threshold });
    const today = todayOf(deps);
    const dc = await deadlineContext(deps, trx);
    const rows = await repo.caseDeadlines(trx, [c.id], [PUBLICATION_RULE_KEY]);
    return {
      caseId: c.id,
      caseNo: c.caseNo,
      summary: b.summary,
      body: b.body,
      redactions: b.redactions,
      suggestedPeriod: suggestion.period,
      periodReason: suggestion.reason,
      lowFineThresholdYuan: threshold,
      publishedOn: today,
      expiresOn: { threeMonths: publicationExpiresOn(today, 'threeMonths'), threeYears: publicationExpiresOn(today, 'threeYears') },
      deadline: publicationDeadline(c.id, c.decisionOn!, rows, dc),
    };
  });
}

/** 409 unless the case is to be published now; returns its earlier (withdrawn) publication when it is published again. */
async function assertCandidate(trx: Executor, c: CaseForPublication): Promise<PublicationRow | undefined> {
  const reason = notPublishableReason(c);
  if (reason) throw new AppError('ACTION_NOT_ALLOWED', { message: reason, details: { allowedActions: [] } });
  const existing = await repo.lockByCase(trx, c.id);
  if (!(await repo.isCandidate(trx, c.id))) {
    const message =
      existing?.status === 'published' ? '该案件的行政处罚信息已在公示中，不能重复公示'
      : existing?.status === 'expired' ? '该案件的行政处罚信息已公示期满'
      : '该案件的公示信息已撤回；处罚决定变更后需重新公示的，请先在案件中登记决定变更';
    throw new AppError('ACTION_NOT_ALLOWED', { message, details: { allowedActions: [] } });
  }
  return existing;
}

async function dtoOf(ex: Executor, actor: Actor, id: number): Promise<PublicationDto> {
  const row = await repo.get(ex, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentPublication(actor, row);
}

/**
 * Publishes the case's decision today (第九条), with the edited text (personal data taken out again, 第六条) and the
 * period (第十三条; the suggested one when not chosen). Completes the case's publication deadlines.
 */
export async function publish(deps: Deps, ctx: Ctx, input: CreatePublicationInput): Promise<PublicationDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, actor, input.caseId);
    const earlier = await assertCandidate(trx, c);
    const b = build(deps, c, await decisionTextOf(trx, c));
    const body = input.body !== undefined ? redactPersonalData(input.body, b.redaction).text : b.body;
    if (c.partyKind === 'person' && c.partyName.trim().length >= 2 && body.includes(c.partyName.trim())) {
      throw fieldError('body.body', '公示正文不得包含自然人当事人的姓名');
    }
    const suggestion = publicationPeriodFor({ ...c, lowFineThresholdYuan: lowFineThresholdYuan() });
    const period = input.period ?? suggestion.period;
    const today = todayOf(deps);
    const now = deps.clock.now().toISOString();
    const content = {
      unitId: c.unitId,
      ...b.summary,
      publishedOn: today,
      period,
      expiresOn: publicationExpiresOn(today, period),
      body,
      status: 'published' as const,
      withdrawnOn: null,
      withdrawReason: null,
      publishedBy: actor.userId,
      updatedAt: now,
    };
    // A changed decision published again replaces the withdrawn one (one publication per case; the earlier text
    // stays in the audit trail).
    const row = earlier
      ? await repo.update(trx, earlier.id, { ...content, version: earlier.version + 1 })
      : await repo.insert(trx, { caseId: c.id, ...content, createdAt: now });
    // 第九条 (20 WD) and the portal's 7 WD are both met by this publication.
    const done = await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, [PUBLICATION_RULE_KEY, PORTAL_PUBLICATION_RULE_KEY], today);
    await writeAudit(trx, deps.clock, ctx, {
      action: earlier ? 'publication.republish' : 'publication.publish',
      entityType: 'penaltyPublication',
      entityId: row.id,
      before: earlier
        ? { status: earlier.status, penaltyContent: earlier.penaltyContent, publishedOn: earlier.publishedOn, withdrawnOn: earlier.withdrawnOn, withdrawReason: earlier.withdrawReason, body: earlier.body }
        : undefined,
      after: {
        caseId: c.id, caseNo: c.caseNo, docNo: row.docNo, partyName: row.partyName, violationType: row.violationType,
        penaltyContent: row.penaltyContent, publishedOn: row.publishedOn, period, suggestedPeriod: suggestion.period,
        expiresOn: row.expiresOn, bodyEdited: input.body !== undefined, deadlinesCompleted: done.map((d) => d.id),
      },
    });
    return dtoOf(trx, actor, row.id);
  });
}

/**
 * 第十一条: withdraws a publication within three working days of the decision being changed, revoked, or confirmed
 * unlawful or void, with the reason. The deadline penalty.publicationWithdrawal (opened by the cases module at the
 * change, or here from `changedOn`) is completed today, which records whether the three days were kept.
 */
async function withdrawRow(trx: Transaction<Database>, deps: Deps, ctx: Ctx, row: PublicationRow, reason: string, changedOn: string): Promise<PublicationRow> {
  const today = todayOf(deps);
  let deadline = await findOpenDeadline(trx, 'case', row.caseId, WITHDRAWAL_RULE_KEY);
  if (!deadline) {
    deadline = await openDeadline(trx, deps, ctx, {
      entityType: 'case', entityId: row.caseId, title: '撤回行政处罚公示信息', unitId: row.unitId, ruleKey: WITHDRAWAL_RULE_KEY, startOn: changedOn,
    });
  }
  const completed = await completeDeadline(trx, deps, ctx, { deadlineId: deadline.id, on: today });
  const updated = await repo.update(trx, row.id, {
    status: 'withdrawn', withdrawnOn: today, withdrawReason: reason, version: row.version + 1, updatedAt: deps.clock.now().toISOString(),
  });
  await writeAudit(trx, deps.clock, ctx, {
    action: 'publication.withdraw',
    entityType: 'penaltyPublication',
    entityId: row.id,
    before: { status: row.status },
    after: {
      status: updated.status, withdrawnOn: today, reason, changedOn, dueOn: completed.dueOn,
      inTime: completed.dueOn === null || today <= completed.dueOn,
    },
  });
  return updated;
}

export async function withdraw(deps: Deps, ctx: Ctx, id: number, input: WithdrawPublicationInput): Promise<PublicationDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  if (input.changedOn && input.changedOn > today) throw fieldError('body.changedOn', '决定变更（撤销）日期不能晚于今天');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockInScope(trx, actor, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (row.status !== 'published') {
      throw new AppError('ACTION_NOT_ALLOWED', { message: row.status === 'withdrawn' ? '该公示信息已撤回' : '该公示信息已期满停止公示，无需撤回', details: { allowedActions: [] } });
    }
    await withdrawRow(trx, deps, ctx, row, input.reason, input.changedOn ?? today);
    return dtoOf(trx, actor, id);
  });
}

/**
 * Called by the cases module, in its transaction, when a decision is changed or revoked (第十一条): withdraws the case's
 * publication today. A decision not yet published needs no publication any more: its open publication deadlines
 * are closed instead. The caller has authorised the case.
 */
export async function withdrawPublicationForCase(trx: Transaction<Database>, deps: Deps, ctx: Ctx, caseId: number, reason: string): Promise<void> {
  const row = await repo.lockByCase(trx, caseId);
  if (!row) {
    await completeOpenDeadlines(trx, deps, ctx, 'case', caseId, [PUBLICATION_RULE_KEY, PORTAL_PUBLICATION_RULE_KEY]);
    return;
  }
  if (row.status !== 'published') return;
  await withdrawRow(trx, deps, ctx, row, reason, todayOf(deps));
}

export async function listPublications(deps: Deps, ctx: Ctx, query: PublicationListQuery): Promise<Page<PublicationDto>> {
  const actor = staff(ctx);
  const { total, items } = await repo.list(deps.db, actor, { status: query.status, q: query.q || undefined, page: query.page, pageSize: query.pageSize });
  return { items: items.map((r) => presentPublication(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

export async function getPublication(deps: Deps, ctx: Ctx, id: number): Promise<PublicationDto> {
  return dtoOf(deps.db, staff(ctx), id);
}

// ---------- portal ----------

export async function listPublicPenalties(deps: Deps, query: PublicPenaltyQuery): Promise<Page<PublicPenaltyListItemDto>> {
  const { total, items } = await repo.listPublic(deps.db, { q: query.q || undefined, today: todayOf(deps), page: query.page, pageSize: query.pageSize });
  return { items: items.map(presentPublicItem), total, page: query.page, pageSize: query.pageSize };
}

/** One publication on the portal; withdrawn and expired ones are simply not found. */
export async function getPublicPenalty(deps: Deps, id: number): Promise<PublicPenaltyDto> {
  const row = await repo.getPublic(deps.db, id, todayOf(deps));
  if (!row) throw new AppError('NOT_FOUND', { message: '该处罚信息不存在或已停止公示' });
  return presentPublicDetail(row);
}

// ---------- job ----------

/** 第十三条: publications whose period ended before `today` stop being shown (status expired); one audit row each. */
export async function unsafeExpirePublications(deps: Deps, today: string): Promise<number> {
  let done = 0;
  for (let round = 0; round < 50; round++) {
    const n = await deps.db.transaction().execute(async (trx) => {
      const rows = await repo.unsafeListExpired(trx, today, 200);
      const now = deps.clock.now().toISOString();
      for (const r of rows) {
        await repo.update(trx, r.id, { status: 'expired', version: r.version + 1, updatedAt: now });
        await writeAudit(trx, deps.clock, SYSTEM_CTX, {
          action: 'publication.expire',
          entityType: 'penaltyPublication',
          entityId: r.id,
          before: { status: r.status },
          after: { status: 'expired', expiresOn: r.expiresOn, reason: '公示期满，停止公示（总局令第45号 第十三条）' },
        });
      }
      return rows.length;
    });
    done += n;
    if (n < 200) break;
  }
  return done;
}
