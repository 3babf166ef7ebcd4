/**
 * 行政处罚案件 (administrative-penalty cases): 立案 from an approved lead, the ordinary procedure step by step, and the
 * simplified on-the-spot procedure. Every action runs in one transaction: the case row is locked in the actor's scope,
 * the row version and the status table (packages/shared case-workflow.ts) are checked, the action is appended to
 * case_actions, the statutory deadlines move (deadlines module), other modules are told (leads, service, publications),
 * and the audit row is written.
 *
 * Deadlines of a case (entity 'case', rule keys in deadline-rules.seed.ts):
 *   penalty.decision          90 日 from 立案 (行政处罚法 第六十条); paused while 中止, 检测检验检疫鉴定, 权利人辨认或者鉴别 and
 *                             from the 听证 request to the end of the hearing (不计入期限); completed by the decision.
 *   penalty.evidencePreservation 7 个工作日 (第五十六条), penalty.seizure 30 日 (行政强制法 第二十五条), penalty.assistance 15 个工作日.
 *   penalty.legalReview       10 个工作日 from 调查终结.
 *   penalty.statementDefence  5 个工作日 from the 告知 (第六十四条第（一）项, 第八十五条).
 *   penalty.service           7 个工作日 from the decision (第六十一条).
 *   penalty.publication       20 个工作日 from the decision when it is published (总局令第45号 第九条; not for warnings only, 第二条).
 *   penalty.finePayment       15 日 from service (第六十七条第三款).
 */
import {
  CASE_ACTION_PERMISSIONS,
  CASE_ACTIONS,
  CASE_DECISIONS,
  CASE_DEADLINE_TITLES,
  CASE_MEASURES,
  CASE_STATUSES,
  CASE_TYPE_OF_IP_TYPE,
  NO_PENALTY_REASONS,
  addDaysIso,
  allowedCaseActions,
  caseActionAllowed,
  checkPenalty,
  computeDueDate,
  decisionsAllowed,
  fineDue,
  formatDocNo,
  formatYuan,
  isPublishedPenalty,
  maskIdNo,
  needsCollectiveDiscussion,
  nextCaseStatus,
  onSpotCollectionAllowed,
  organCode,
  ruleInForce,
  statusAfterDecision,
  statusAfterService,
  type ApplyEnforcementInput,
  type ArchiveCaseInput,
  type CaseAction,
  type CaseDeadlineDto,
  type CaseDecisionKind,
  type CaseDetailDto,
  type CaseListPageDto,
  type CaseListQuery,
  type CaseOfficerDto,
  type CasePartyIdentityDto,
  type CasePartyInput,
  type CasePenaltyKind,
  type CasePrefillDto,
  type CaseStatus,
  type ChangeDecisionInput,
  type CloseCaseInput,
  type CollectiveDiscussInput,
  type ConcludeCaseInput,
  type DecideCaseInput,
  type EndMeasureInput,
  type FileCaseInput,
  type HoldHearingInput,
  type LegalReviewInput,
  type NotifyCaseInput,
  type PenaltyIssue,
  type RecordPaymentInput,
  type RecordStatementInput,
  type RegisterEvidenceInput,
  type RequestHearingInput,
  type ResumeCaseInput,
  type ScheduleHearingInput,
  type ServeCaseInput,
  type SimplifiedCaseInput,
  type StartMeasureInput,
  type SuspendCaseInput,
} from '@zhichan/shared';
import type { Insertable, Selectable, Transaction, Updateable } from 'kysely';
import { can, unitInScope, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import { nextRecordNumber } from '../../db/record-counters';
import type { CaseHandlersTable, CasesTable, Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import {
  completeDeadline,
  completeOpenDeadlines,
  findOpenDeadline,
  openDeadline,
  pauseDeadline,
  resumeDeadline,
} from '../deadlines/deadlines.service';
import { latestDocument } from '../documents/documents.service';
import { linkCaseToLead, recordCaseOutcome } from '../leads/leads.service';
import { withdrawPublicationForCase } from '../publications/publications.service';
import { createServiceRecord } from '../service/service.service';
import { actionsFor, presentDetail, presentListItem } from './cases.presenter';
import { casesRepository as repo, type CaseRow, type UnitNode } from './cases.repository';

type Trx = Transaction<Database>;

// ---------------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------------

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

/** A date of the input, defaulting to today: never in the future, never before `notBefore`. */
function pickDate(path: string, value: string | undefined | null, today: string, notBefore?: { date: string | null; label: string }): string {
  const v = value ?? today;
  if (v > today) throw fieldError(path, '日期不能晚于今天');
  // A typing slip (0026-04-20) must not open a deadline counted from antiquity.
  if (v < '2000-01-01') throw fieldError(path, '日期不正确，请核对年份');
  if (notBefore?.date && v < notBefore.date) throw fieldError(path, `日期不能早于${notBefore.label}（${notBefore.date}）`);
  return v;
}

function notAllowed(status: CaseStatus, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('ACTION_NOT_ALLOWED', { message, details: { status, allowedActions: allowedCaseActions(status), ...extra } });
}

/**
 * Penalty-rule issues as a 400 with the field paths of the request. The decision text is `decisionSummary` in the
 * simplified form and `summary` in the 告知 / 决定 / 变更 forms.
 */
function penaltyError(issues: PenaltyIssue[], summaryField: 'summary' | 'decisionSummary' = 'summary'): AppError {
  const field = (f: PenaltyIssue['field']) => (f === 'decisionSummary' ? summaryField : f);
  return new AppError('VALIDATION_FAILED', {
    message: issues[0]!.message,
    details: issues.map((i) => ({ path: `body.${field(i.field)}`, message: i.message, article: i.article })),
  });
}

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Text the complainant or reporter sees on the portal (no personal data, no amounts). */
const DECISION_PUBLIC_TEXT: Record<CaseDecisionKind, string> = {
  penalty: '已依法作出行政处罚决定。',
  noPenalty: '经调查，依法作出不予行政处罚决定。',
  transferToPolice: '案件涉嫌犯罪，已依法移送公安机关。',
  withdrawn: '经调查，依法撤销立案。',
};

/** The suspected violation in a 案由 prefilled from a lead. */
const SUSPECTED_VIOLATION: Record<string, string> = {
  trademarkInfringement: '涉嫌侵犯注册商标专用权',
  patentCounterfeiting: '涉嫌假冒专利',
  geographicalIndication: '涉嫌违法使用地理标志',
  agencyViolation: '涉嫌违法从事代理业务',
  other: '涉嫌知识产权违法',
};

/** The county bureau above a unit (or itself), and the 机关 that numbers its cases: the county bureau, else the city. */
function organOf(chain: UnitNode[]): { city: UnitNode; county: UnitNode | null; organ: UnitNode } {
  const city = chain[0]!;
  const county = chain.find((u) => u.kind === 'countyBureau') ?? null;
  return { city, county, organ: county ?? city };
}

// ---------------------------------------------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------------------------------------------

/** Case row inside the actor's scope or NOT_FOUND (for documents/service/publication/supervision to authorise against). */
export async function getCaseRowInScope(ex: Executor, actor: Actor, caseId: number): Promise<Selectable<CasesTable>> {
  const c = await repo.getInScope(ex, actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

export async function listCases(deps: Deps, ctx: Ctx, q: CaseListQuery): Promise<CaseListPageDto> {
  const actor = staff(ctx);
  const { total, capped, items } = await repo.list(deps.db, actor, q);
  return { items: items.map(presentListItem), total, totalIsLowerBound: capped, page: q.page, pageSize: q.pageSize };
}

async function deadlineDtos(ex: Executor, caseId: number): Promise<CaseDeadlineDto[]> {
  const rows = await repo.deadlines(ex, caseId);
  const ids = rows.map((r) => r.id);
  const [pauses, extensions] = await Promise.all([repo.pausesOf(ex, ids), repo.extensionsOf(ex, ids)]);
  return rows.map((r) => ({
    id: r.id,
    ruleKey: r.ruleKey,
    title: r.title,
    startOn: r.startOn,
    dueOn: r.dueOn,
    state: r.state,
    completedOn: r.completedOn,
    provisional: r.provisional,
    basis: { regulation: r.regulation, article: r.article, version: r.ruleVersion },
    amount: r.amount,
    unit: r.unit,
    pauses: pauses.filter((p) => p.deadlineId === r.id).map((p) => ({ from: p.fromOn, until: p.untilOn, reason: p.reason })),
    extensions: extensions.filter((e) => e.deadlineId === r.id).map((e) => ({ amount: e.amount, unit: e.unit, reason: e.reason, approvedOn: e.approvedOn })),
  }));
}

/** The 陈述申辩 period: until when, and whether a penalty may now be decided (period over, or the hearing waived). */
function statementPeriod(deadlines: CaseDeadlineDto[], today: string): { until: string | null; over: boolean } {
  const d = [...deadlines].reverse().find((x) => x.ruleKey === 'penalty.statementDefence');
  if (!d) return { until: null, over: false };
  return { until: d.dueOn, over: d.completedOn !== null || (d.dueOn !== null && today > d.dueOn) };
}

function lastData(actions: { action: string; data: unknown }[], action: CaseAction): Record<string, unknown> | null {
  const a = [...actions].reverse().find((x) => x.action === action);
  return a && a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : null;
}

async function detailOf(deps: Deps, actor: Actor, c: CaseRow, ex: Executor): Promise<CaseDetailDto> {
  const [unit, handlers, actions, evidence, measures, deadlines] = await Promise.all([
    repo.unitName(ex, c.unitId),
    repo.handlers(ex, c.id),
    repo.actions(ex, c.id),
    repo.evidence(ex, c.id),
    repo.measures(ex, c.id),
    deadlineDtos(ex, c.id),
  ]);
  const leadNo = c.leadId ? ((await repo.leadNo(ex, c.leadId))?.leadNo ?? null) : null;
  const today = todayOf(deps);
  const period = statementPeriod(deadlines, today);
  const notice = lastData(actions, 'notify');
  const req = lastData(actions, 'requestHearing');
  const sched = lastData(actions, 'scheduleHearing');
  const held = lastData(actions, 'holdHearing');
  const status = c.status as CaseStatus;
  const hearingStage = req || sched || held;
  return presentDetail(actor, c, {
    unitName: unit?.name ?? '',
    leadNo,
    leadHandlerName: handlers.find((h) => h.role === 'lead')?.displayName ?? null,
    handlers,
    actions,
    evidence,
    measures,
    deadlines,
    guide: {
      collectiveDiscussionRequired: c.procedure === 'ordinary' && c.major,
      collectiveDiscussionDone: actions.some((a) => a.action === 'collectiveDiscuss'),
      statementPeriodUntil: period.until,
      statementPeriodOver: period.over || status === 'heard' || status === 'discussed',
      proposal: notice
        ? {
            penaltyKinds: (notice.penaltyKinds as CasePenaltyKind[]) ?? [],
            fineAmount: num(notice.fineAmount as number | null),
            confiscatedAmount: num(notice.confiscatedAmount as number | null),
            summary: String(notice.summary ?? ''),
          }
        : null,
      hearing: hearingStage
        ? {
            requestedOn: (req?.requestedOn as string) ?? null,
            noticeOn: (sched?.noticeOn as string) ?? null,
            hearingOn: (sched?.hearingOn as string) ?? null,
            place: (sched?.place as string) ?? null,
            host: (sched?.host as string) ?? null,
            heldOn: (held?.heldOn as string) ?? null,
          }
        : null,
      runningMeasuresBlockingConclusion: measures.filter((m) => m.endedOn === null && CASE_MEASURES[m.kind].endBeforeConclusion).length,
    },
  });
}

export async function getCase(deps: Deps, ctx: Ctx, id: number): Promise<CaseDetailDto> {
  const actor = staff(ctx);
  const c = await getCaseRowInScope(deps.db, actor, id);
  return detailOf(deps, actor, c, deps.db);
}

/** The full ID number of a natural-person party; every view is audited (user-expectations §5.4). */
export async function getPartyIdentity(deps: Deps, ctx: Ctx, id: number): Promise<CasePartyIdentityDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const c = await getCaseRowInScope(trx, actor, id);
    await writeAudit(trx, deps.clock, ctx, { action: 'case.party.view', entityType: 'case', entityId: id, after: { caseNo: c.caseNo, fields: c.partyIdNoEnc ? ['idNo'] : [] } });
    return { idNo: c.partyIdNoEnc ? deps.cipher.decrypt(c.partyIdNoEnc) : null };
  });
}

/** Download check for evidence files: staff who may read cases, for a case in their scope. */
export async function caseEvidenceFileReadable(deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || !can(actor, 'case.read')) return false;
  const id = Number(ownerId);
  if (!Number.isInteger(id)) return false;
  return !!(await repo.getInScope(deps.db, actor, id));
}

/** The 立案 form's initial values from a lead whose 立案 the head approved. */
export async function prefillFromLead(deps: Deps, ctx: Ctx, leadId: number): Promise<CasePrefillDto> {
  const actor = staff(ctx);
  const lead = await repo.leadInScope(deps.db, actor, leadId);
  if (!lead) throw new AppError('NOT_FOUND', { message: '线索不存在或无权访问' });
  assertLeadFileable(lead);
  const unit = await repo.unitName(deps.db, lead.unitId);
  return {
    leadId: lead.id,
    leadNo: lead.leadNo,
    unitId: lead.unitId,
    unitName: unit?.name ?? '',
    caseType: CASE_TYPE_OF_IP_TYPE[lead.ipType] ?? 'other',
    // 案由 in the usual form 当事人 + 涉嫌违法行为 + 案 (not the lead's title, which is the reporter's wording); the handler
    // corrects it when the facts are established.
    title: `${lead.respondentName}${SUSPECTED_VIOLATION[CASE_TYPE_OF_IP_TYPE[lead.ipType] ?? 'other']}案`,
    facts: lead.facts,
    fromComplaint: lead.parentLeadId !== null,
    party: {
      // A credit code means an organisation; without one the handler decides (and enters the ID number of a person).
      kind: 'organization',
      name: lead.respondentName,
      uscc: lead.respondentUscc,
      address: lead.respondentAddress,
      regionCode: lead.respondentRegionCode,
    },
  };
}

/** Officers with a 行政执法证 who may be handlers of a case of the unit: its county bureau (or city) and below. */
export async function listOfficers(deps: Deps, ctx: Ctx, unitId?: number): Promise<CaseOfficerDto[]> {
  const actor = staff(ctx);
  const id = unitId ?? actor.unitId;
  if (id === null || id === undefined || !unitInScope(actor, id)) throw new AppError('NOT_FOUND', { message: '机构不存在或无权访问' });
  const chain = await repo.unitChain(deps.db, id);
  if (chain.length === 0) throw new AppError('NOT_FOUND', { message: '机构不存在或无权访问' });
  const { organ } = organOf(chain);
  const rows = await repo.officersUnder(deps.db, organ.path);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, unitId: r.unitId!, unitName: r.unitName, certNo: r.lawEnforcementCertNo! }));
}

// ---------------------------------------------------------------------------------------------------------------
// 立案
// ---------------------------------------------------------------------------------------------------------------

function assertLeadFileable(lead: { decision: string | null; caseId: number | null; leadNo: string }): void {
  if (lead.caseId !== null) throw new AppError('DUPLICATE', { message: `线索 ${lead.leadNo} 已经立案，不能重复立案` });
  if (lead.decision !== 'fileCase') {
    throw new AppError('ACTION_NOT_ALLOWED', { message: `线索 ${lead.leadNo} 尚未经负责人批准立案，不能进行立案登记`, details: { allowedActions: [] } });
  }
}

/**
 * The handlers: distinct active staff with a 行政执法证号, of the case's county bureau (or the city bureau) and its units
 * below (行政处罚法 第四十二条: 执法人员不得少于两人, 具有行政执法资格). `min` is 2 for the ordinary procedure, 1 for the
 * simplified (第五十二条: the officer shows the certificate).
 */
async function resolveHandlers(
  ex: Executor,
  input: { leadHandlerId: number; assistantHandlerIds: number[] },
  organ: UnitNode,
  min: number,
): Promise<Omit<Insertable<CaseHandlersTable>, 'caseId'>[]> {
  const ids = [input.leadHandlerId, ...input.assistantHandlerIds];
  if (new Set(ids).size !== ids.length) throw fieldError('body.assistantHandlerIds', '承办人员不能重复，主办人不能同时为协办人');
  if (ids.length < min) {
    throw fieldError('body.assistantHandlerIds', '执法人员不得少于两人（行政处罚法 第四十二条），请再选择至少一名持有行政执法证的协办人员');
  }
  const users = new Map((await repo.usersForHandlers(ex, ids)).map((u) => [u.id, u]));
  return ids.map((id, i) => {
    const path = i === 0 ? 'body.leadHandlerId' : `body.assistantHandlerIds.${i - 1}`;
    const u = users.get(id);
    if (!u || u.kind !== 'staff' || u.status !== 'active') throw fieldError(path, '所选执法人员不存在或已停用');
    if (!u.lawEnforcementCertNo) throw fieldError(path, `${u.displayName} 未登记行政执法证号，不能承办行政处罚案件（行政处罚法 第四十二条）`);
    if (!u.unitPath || !u.unitPath.startsWith(organ.path)) throw fieldError(path, `${u.displayName} 不属于${organ.name}及其下属机构，不能承办本案`);
    return { userId: id, role: i === 0 ? ('lead' as const) : ('assistant' as const), certNo: u.lawEnforcementCertNo };
  });
}

async function partyColumns(ex: Executor, deps: Deps, party: CasePartyInput) {
  if (party.regionCode && !(await repo.regionExists(ex, party.regionCode))) throw fieldError('body.party.regionCode', '所在区县不在行政区划代码表中，请重新选择');
  if (party.kind === 'organization') {
    return {
      partyKind: 'organization' as const, partyName: party.name, partyUscc: party.uscc, partyIdNoEnc: null, partyIdNoMasked: null,
      partyAddress: party.address, partyRegionCode: party.regionCode, partyLegalRep: party.legalRep,
    };
  }
  // 居民身份证号: SM4 at rest, masked for display (DESIGN.md: personal data).
  return {
    partyKind: 'person' as const, partyName: party.name, partyUscc: null, partyIdNoEnc: deps.cipher.encrypt(party.idNo), partyIdNoMasked: maskIdNo(party.idNo),
    partyAddress: party.address, partyRegionCode: party.regionCode, partyLegalRep: null,
  };
}

/** 立案号 泰岱市监立〔2026〕3号: one gap-free sequence per 机关 and year (a station's cases count with its county bureau). */
async function nextCaseNo(trx: Executor, chain: UnitNode[], year: number): Promise<string> {
  const { city, county, organ } = organOf(chain);
  const seq = await nextRecordNumber(trx, `case:${organ.id}`, year);
  return formatDocNo(organCode(city.name, county?.name), '立', year, seq);
}

async function appendAction(
  trx: Executor,
  actor: Actor,
  row: { caseId: number; action: CaseAction; fromStatus: CaseStatus | null; toStatus: CaseStatus; note?: string | null; data?: Record<string, unknown> | null; at: string },
) {
  return repo.insertAction(trx, {
    caseId: row.caseId,
    action: row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    note: row.note ?? null,
    data: row.data ? JSON.stringify(row.data) : null,
    actorId: actor.userId,
    actorName: actor.displayName,
    at: row.at,
  });
}

/**
 * 立案 (ordinary procedure) from a lead whose 立案 the head approved: the case takes the lead's responsible unit, its
 * 立案号, at least two certified handlers; penalty.decision (90 日, 行政处罚法 第六十条) starts; the lead is told.
 */
export async function fileCase(deps: Deps, ctx: Ctx, input: FileCaseInput): Promise<CaseDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const lead = await repo.leadInScope(trx, actor, input.leadId, { forUpdate: true });
    if (!lead) throw new AppError('NOT_FOUND', { message: '线索不存在或无权访问' });
    assertLeadFileable(lead);
    const chain = await repo.unitChain(trx, lead.unitId);
    const { county, organ } = organOf(chain);
    const handlers = await resolveHandlers(trx, input, organ, 2);
    const party = await partyColumns(trx, deps, input.party);
    const today = todayOf(deps);
    const nowIso = deps.clock.now().toISOString();
    const caseNo = await nextCaseNo(trx, chain, Number(today.slice(0, 4)));
    const c = await repo.insertCase(trx, {
      caseNo,
      unitId: lead.unitId,
      countyUnitId: county?.id ?? null,
      leadId: lead.id,
      // 诉转案: the lead was found while handling a complaint (暂行办法 第二十三条).
      fromComplaint: lead.parentLeadId !== null,
      caseType: input.caseType,
      procedure: 'ordinary',
      title: input.title,
      ...party,
      facts: input.facts,
      filedOn: today,
      status: 'investigating',
      major: input.major,
      illegalTurnover: input.illegalTurnover,
      illegalGains: input.illegalGains,
      repeatWithin5Years: input.repeatWithin5Years,
      createdBy: actor.userId,
      createdAt: nowIso,
      updatedAt: nowIso,
    });
    await repo.insertHandlers(trx, handlers.map((h) => ({ ...h, caseId: c.id })));
    await appendAction(trx, actor, {
      caseId: c.id, action: 'file', fromStatus: null, toStatus: 'investigating', at: nowIso,
      data: { procedure: 'ordinary', leadId: lead.id, leadNo: lead.leadNo, caseNo, handlers: handlers.map((h) => ({ userId: h.userId, role: h.role, certNo: h.certNo })) },
    });
    // 行政处罚法 第六十条: 自行政处罚案件立案之日起九十日内作出行政处罚决定.
    await openDeadline(trx, deps, ctx, { entityType: 'case', entityId: c.id, title: CASE_DEADLINE_TITLES['penalty.decision']!, unitId: c.unitId, ruleKey: 'penalty.decision', startOn: today });
    await linkCaseToLead(trx, deps, ctx, lead.id, { id: c.id, caseNo, filedOn: today });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'case.file', entityType: 'case', entityId: c.id,
      after: { caseNo, leadId: lead.id, unitId: c.unitId, caseType: c.caseType, procedure: 'ordinary', partyKind: c.partyKind, partyName: c.partyName, major: c.major, handlers },
    });
    return detailOf(deps, actor, (await repo.getInScope(trx, actor, c.id))!, trx);
  });
}

/**
 * 简易程序 (行政处罚法 第五十一条、第五十二条): facts certain, a warning or a fine within 200 元 (person) / 3,000 元
 * (organisation), decided and handed over on the spot by an officer showing the certificate. The case is created already
 * decided and served; a fine is then due within 15 days (第五十三条 → 第六十七条) unless collected on the spot (第六十八条).
 * Simplified decisions are not published (总局令第45号 第二条: only the ordinary procedure).
 */
export async function fileSimplifiedCase(deps: Deps, ctx: Ctx, input: SimplifiedCaseInput): Promise<CaseDetailDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  const decidedOn = pickDate('body.decidedOn', input.decidedOn, today);
  const check = checkPenalty({
    caseType: input.caseType, procedure: 'simplified', partyKind: input.party.kind, penaltyKinds: input.penaltyKinds, fineAmount: input.fineAmount,
    illegalTurnover: input.illegalTurnover, illegalGains: input.illegalGains, decisionSummary: input.decisionSummary,
  });
  if (!check.ok) throw penaltyError(check.issues, 'decisionSummary');
  const due = fineDue(input.penaltyKinds, input.fineAmount);
  if (input.onSpotCollection && !(due && onSpotCollectionAllowed(input.fineAmount, input.onSpotCollection))) {
    throw fieldError('body.onSpotCollection', '当场收缴罚款限于依法给予一百元以下罚款或者不当场收缴事后难以执行的情形（行政处罚法 第六十八条）');
  }
  const unitId = input.unitId ?? actor.unitId;
  if (unitId === null || unitId === undefined) throw fieldError('body.unitId', '请选择办案机构');
  if (!unitInScope(actor, unitId)) throw new AppError('NOT_FOUND', { message: '办案机构不存在或无权访问' });
  return deps.db.transaction().execute(async (trx) => {
    const chain = await repo.unitChain(trx, unitId);
    if (chain.length === 0) throw new AppError('NOT_FOUND', { message: '办案机构不存在或无权访问' });
    const { county, organ } = organOf(chain);
    const handlers = await resolveHandlers(trx, input, organ, 1);
    const party = await partyColumns(trx, deps, input.party);
    const nowIso = deps.clock.now().toISOString();
    const collected = !!input.onSpotCollection;
    const status: CaseStatus = collected ? 'pendingClose' : statusAfterService(due);
    const caseNo = await nextCaseNo(trx, chain, Number(decidedOn.slice(0, 4)));
    const c = await repo.insertCase(trx, {
      caseNo, unitId, countyUnitId: county?.id ?? null, leadId: null, fromComplaint: false, caseType: input.caseType, procedure: 'simplified',
      title: input.title, ...party, facts: input.facts, filedOn: decidedOn, status, major: false,
      illegalTurnover: input.illegalTurnover, illegalGains: input.illegalGains, repeatWithin5Years: false,
      decision: 'penalty', decisionOn: decidedOn, decisionDocNo: input.decisionDocNo, penaltyKinds: input.penaltyKinds,
      fineAmount: due ? input.fineAmount : null, confiscatedAmount: null, decisionSummary: input.decisionSummary,
      // 第五十二条: 当场交付.
      servedOn: decidedOn, paidOn: collected ? decidedOn : null,
      createdBy: actor.userId, createdAt: nowIso, updatedAt: nowIso,
    });
    await repo.insertHandlers(trx, handlers.map((h) => ({ ...h, caseId: c.id })));
    const log = (action: CaseAction, from: CaseStatus | null, to: CaseStatus, data: Record<string, unknown>) =>
      appendAction(trx, actor, { caseId: c.id, action, fromStatus: from, toStatus: to, data, at: nowIso });
    await log('file', null, 'decided', { procedure: 'simplified', caseNo, place: input.place, handlers: handlers.map((h) => ({ userId: h.userId, role: h.role, certNo: h.certNo })) });
    await log('decide', 'decided', 'decided', {
      decision: 'penalty', decidedOn, penaltyKinds: input.penaltyKinds, fineAmount: input.fineAmount, summary: input.decisionSummary,
      legalBasis: input.legalBasis, place: input.place, decisionDocNo: input.decisionDocNo,
    });
    const afterServe = collected ? 'executing' : status;
    await log('serve', 'decided', afterServe, { method: 'direct', servedOn: decidedOn, onTheSpot: true, recipient: input.party.name });
    if (collected) await log('recordPayment', 'executing', 'pendingClose', { paidOn: decidedOn, amount: input.fineAmount, onSpotCollection: input.onSpotCollection });
    // The hand-over on the spot is the service (送达回证 of the decision form).
    await createServiceRecord(trx, deps, ctx, {
      entityType: 'case', entityId: c.id, unitId, documentId: null,
      documentTitle: `当场行政处罚决定书${input.decisionDocNo ? `（${input.decisionDocNo}）` : ''}`,
      method: 'direct', recipient: input.party.name, servedOn: decidedOn, note: `当场交付（行政处罚法 第五十二条），地点：${input.place}`,
    });
    if (due && !collected) {
      // 行政处罚法 第六十七条第三款: 自收到行政处罚决定书之日起十五日内缴纳罚款.
      const d = await openDeadline(trx, deps, ctx, { entityType: 'case', entityId: c.id, title: CASE_DEADLINE_TITLES['penalty.finePayment']!, unitId, ruleKey: 'penalty.finePayment', startOn: decidedOn });
      await trx.updateTable('cases').set({ fineDueOn: d.dueOn }).where('id', '=', c.id).execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      action: 'case.fileSimplified', entityType: 'case', entityId: c.id,
      after: { caseNo, unitId, caseType: c.caseType, partyKind: c.partyKind, partyName: c.partyName, penaltyKinds: input.penaltyKinds, fineAmount: input.fineAmount, decidedOn, status, handlers },
    });
    return detailOf(deps, actor, (await repo.getInScope(trx, actor, c.id))!, trx);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// the decision clock (penalty.decision): periods not counted
// ---------------------------------------------------------------------------------------------------------------

async function openPauseOf(ex: Executor, deadlineId: number) {
  return ex.selectFrom('deadlinePauses').selectAll().where('deadlineId', '=', deadlineId).where('untilOn', 'is', null).executeTakeFirst();
}

/**
 * Stops the 90-day clock from `from` (中止, 检测鉴定, 权利人辨认, 听证: 不计入期限). When another cause already stopped it,
 * nothing changes: the excluded period is the union of the causes, and it ends when the last one ends.
 */
async function pauseDecisionClock(trx: Trx, deps: Deps, ctx: Ctx, caseId: number, from: string, reason: string): Promise<void> {
  const d = await findOpenDeadline(trx, 'case', caseId, 'penalty.decision');
  if (!d || (await openPauseOf(trx, d.id))) return;
  await pauseDeadline(trx, deps, ctx, { deadlineId: d.id, from: from < d.startOn ? d.startOn : from, reason });
}

/** Whether a cause of not counting remains once an action is done (status after it, running measures but `exceptMeasureId`). */
async function pauseCauseRemains(ex: Executor, caseId: number, statusAfter: CaseStatus, exceptMeasureId?: number): Promise<boolean> {
  if (statusAfter === 'suspended' || statusAfter === 'hearingRequested' || statusAfter === 'hearingScheduled') return true;
  const ms = await repo.measures(ex, caseId);
  return ms.some((m) => m.endedOn === null && m.id !== exceptMeasureId && CASE_MEASURES[m.kind].pausesDecision);
}

/** Restarts the clock on `on` (the first day that counts again) unless another cause still holds it. */
async function resumeDecisionClock(trx: Trx, deps: Deps, ctx: Ctx, caseId: number, on: string, statusAfter: CaseStatus, exceptMeasureId?: number): Promise<void> {
  if (await pauseCauseRemains(trx, caseId, statusAfter, exceptMeasureId)) return;
  const d = await findOpenDeadline(trx, 'case', caseId, 'penalty.decision');
  if (!d) return;
  const p = await openPauseOf(trx, d.id);
  if (!p) return;
  await resumeDeadline(trx, deps, ctx, { deadlineId: d.id, on: on < p.fromOn ? p.fromOn : on });
}

async function openCaseDeadline(trx: Trx, deps: Deps, ctx: Ctx, c: CaseRow, ruleKey: string, startOn: string, title?: string) {
  return openDeadline(trx, deps, ctx, { entityType: 'case', entityId: c.id, title: title ?? CASE_DEADLINE_TITLES[ruleKey] ?? ruleKey, unitId: c.unitId, ruleKey, startOn });
}

// ---------------------------------------------------------------------------------------------------------------
// actions
// ---------------------------------------------------------------------------------------------------------------

interface Outcome {
  /** Status after the action; default: the table's next status. */
  to?: CaseStatus;
  patch?: Updateable<CasesTable>;
  note?: string | null;
  data?: Record<string, unknown>;
  /** Work after the case row is updated (cross-module calls that read the new state). */
  after?: (updated: CaseRow) => Promise<void>;
}

interface ActCtx {
  actor: Actor;
  today: string;
}

/**
 * One workflow action: lock the case in scope, check the status table (409 with allowedActions) and the row version
 * (409), run the step, update the row (version + 1), append the action, write the audit row, answer the new detail.
 */
async function act(
  deps: Deps,
  ctx: Ctx,
  id: number,
  action: CaseAction,
  version: number,
  step: (trx: Trx, c: CaseRow, a: ActCtx) => Promise<Outcome>,
): Promise<CaseDetailDto> {
  const actor = staff(ctx);
  if (!can(actor, CASE_ACTION_PERMISSIONS[action])) throw new AppError('FORBIDDEN');
  return deps.db.transaction().execute(async (trx) => {
    const c = await repo.getInScope(trx, actor, id, { forUpdate: true });
    if (!c) throw new AppError('NOT_FOUND');
    const status = c.status as CaseStatus;
    if (!caseActionAllowed(status, action)) throw notAllowed(status, `案件当前状态为“${CASE_STATUSES[status] ?? status}”，不能${CASE_ACTIONS[action]}`);
    if (c.version !== version) throw new AppError('VERSION_CONFLICT');
    const o = await step(trx, c, { actor, today: todayOf(deps) });
    const to = o.to ?? nextCaseStatus(status, action);
    const nowIso = deps.clock.now().toISOString();
    const updated = await repo.updateCase(trx, id, c.version, { ...o.patch, status: to, updatedAt: nowIso });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await appendAction(trx, actor, { caseId: id, action, fromStatus: status, toStatus: to, note: o.note, data: o.data, at: nowIso });
    if (o.after) await o.after(updated);
    await writeAudit(trx, deps.clock, ctx, {
      action: `case.${action}`, entityType: 'case', entityId: id,
      before: { status, version: c.version }, after: { status: to, caseNo: c.caseNo, ...o.data },
    });
    return detailOf(deps, actor, (await repo.getInScope(trx, actor, id))!, trx);
  });
}

/** 证据登记 (行政处罚法 第四十六条), with an uploaded file (already stored by the files module) or without. */
export function registerEvidence(deps: Deps, ctx: Ctx, id: number, input: RegisterEvidenceInput, fileId: number | null): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'registerEvidence', input.version, async (trx, c, { actor, today }) => {
    const collectedOn = pickDate('body.collectedOn', input.collectedOn, today);
    if (fileId !== null && !(await repo.claimFile(trx, fileId, actor.userId, c.id))) throw fieldError('body.file', '证据文件不存在或已被使用，请重新上传');
    const e = await repo.insertEvidence(trx, {
      caseId: c.id, kind: input.kind, title: input.title, collectedOn, collectedBy: input.collectedBy, fileId, note: input.note,
      createdBy: actor.userId, createdAt: deps.clock.now().toISOString(),
    });
    return { data: { evidenceId: e.id, kind: e.kind, title: e.title, collectedOn, fileId } };
  });
}

/** 调查措施: its own deadline (先行登记保存 7 个工作日, 查封扣押 30 日, 协助调查 15 个工作日) or a pause of the 90 days. */
export function startMeasure(deps: Deps, ctx: Ctx, id: number, input: StartMeasureInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'startMeasure', input.version, async (trx, c, { actor, today }) => {
    const startedOn = pickDate('body.startedOn', input.startedOn, today, { date: c.filedOn, label: '立案日期' });
    const rule = CASE_MEASURES[input.kind];
    const m = await repo.insertMeasure(trx, {
      caseId: c.id, kind: input.kind, startedOn, endedOn: null, items: input.items, outcome: null, deadlineId: null,
      createdBy: actor.userId, createdAt: deps.clock.now().toISOString(),
    });
    if (rule.ruleKey) {
      const d = await openCaseDeadline(trx, deps, ctx, c, rule.ruleKey, startedOn, `${rule.label}：${input.items.slice(0, 40)}`);
      await trx.updateTable('caseMeasures').set({ deadlineId: d.id }).where('id', '=', m.id).execute();
    }
    if (rule.pausesDecision) await pauseDecisionClock(trx, deps, ctx, c.id, startedOn, `${rule.label}期间不计入办案期限`);
    return { data: { measureId: m.id, kind: input.kind, startedOn, items: input.items, approval: input.approval, note: input.note } };
  });
}

/** 措施处理完毕: 先行登记保存 处理决定, 查封扣押 解除或处理, 协助调查 结果, 检测鉴定 / 辨认 结果 (the clock restarts the next day). */
export function endMeasure(deps: Deps, ctx: Ctx, id: number, input: EndMeasureInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'endMeasure', input.version, async (trx, c, { today }) => {
    const m = await repo.measureForUpdate(trx, c.id, input.measureId);
    if (!m) throw new AppError('NOT_FOUND', { message: '调查措施不存在' });
    const status = c.status as CaseStatus;
    if (m.endedOn !== null) throw notAllowed(status, `该${CASE_MEASURES[m.kind].label}已于 ${m.endedOn} 处理完毕`);
    const endedOn = pickDate('body.endedOn', input.endedOn, today, { date: m.startedOn, label: '措施开始日期' });
    const done = await repo.endMeasure(trx, m.id, m.version, { endedOn, outcome: input.outcome });
    if (!done) throw new AppError('VERSION_CONFLICT');
    const rule = CASE_MEASURES[m.kind];
    if (m.deadlineId) {
      const open = await findOpenDeadline(trx, 'case', c.id, rule.ruleKey!);
      if (open && open.id === m.deadlineId) await completeDeadline(trx, deps, ctx, { deadlineId: m.deadlineId, on: endedOn });
    }
    if (rule.pausesDecision) await resumeDecisionClock(trx, deps, ctx, c.id, addDaysIso(endedOn, 1), status, m.id);
    return { data: { measureId: m.id, kind: m.kind, endedOn, outcome: input.outcome } };
  });
}

/** 中止 (e.g. 商标法 第六十二条第三款): the 90 days stop until 恢复. */
export function suspendCase(deps: Deps, ctx: Ctx, id: number, input: SuspendCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'suspend', input.version, async (trx, c, { today }) => {
    const suspendedOn = pickDate('body.suspendedOn', input.suspendedOn, today, { date: c.filedOn, label: '立案日期' });
    await pauseDecisionClock(trx, deps, ctx, c.id, suspendedOn, `中止调查：${input.reason}`);
    return { note: input.reason, data: { suspendedOn, reason: input.reason, basis: input.basis } };
  });
}

export function resumeCase(deps: Deps, ctx: Ctx, id: number, input: ResumeCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'resume', input.version, async (trx, c, { today }) => {
    const actions = await repo.actions(trx, c.id);
    const since = (lastData(actions, 'suspend')?.suspendedOn as string | undefined) ?? c.filedOn;
    const resumedOn = pickDate('body.resumedOn', input.resumedOn, today, { date: since, label: '中止日期' });
    await resumeDecisionClock(trx, deps, ctx, c.id, resumedOn, 'investigating');
    return { note: input.note, data: { resumedOn, note: input.note } };
  });
}

/** 调查终结 → 法制审核 (10 个工作日). Measures that belong to the investigation must be finished first. */
export function concludeCase(deps: Deps, ctx: Ctx, id: number, input: ConcludeCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'conclude', input.version, async (trx, c, { today }) => {
    const running = (await repo.measures(trx, c.id)).filter((m) => m.endedOn === null && CASE_MEASURES[m.kind].endBeforeConclusion);
    if (running.length > 0) {
      throw notAllowed(c.status as CaseStatus, `尚有调查措施未处理完毕（${running.map((m) => CASE_MEASURES[m.kind].label).join('、')}），请先登记处理结果再终结调查`);
    }
    const concludedOn = pickDate('body.concludedOn', input.concludedOn, today, { date: c.filedOn, label: '立案日期' });
    // 行政处罚法 第五十八条 makes 法制审核 mandatory for the cases it lists; here every ordinary case is reviewed (see case-workflow.ts).
    await openCaseDeadline(trx, deps, ctx, c, 'penalty.legalReview', concludedOn);
    return { data: { concludedOn, report: input.report, proposal: input.proposal } };
  });
}

async function assertNotHandler(ex: Executor, c: CaseRow, actor: Actor, what: string): Promise<void> {
  const hs = await repo.handlers(ex, c.id);
  if (hs.some((h) => h.userId === actor.userId)) throw notAllowed(c.status as CaseStatus, `${what}人员不能是本案的承办人员`);
}

function legalReview(pass: boolean) {
  return (deps: Deps, ctx: Ctx, id: number, input: LegalReviewInput): Promise<CaseDetailDto> =>
    act(deps, ctx, id, pass ? 'passReview' : 'returnReview', input.version, async (trx, c, { actor, today }) => {
      // 法制审核 is done by 从事行政处罚决定法制审核的人员 (第五十八条), apart from the investigators.
      await assertNotHandler(trx, c, actor, '法制审核');
      const actions = await repo.actions(trx, c.id);
      const since = (lastData(actions, 'conclude')?.concludedOn as string | undefined) ?? c.filedOn;
      const reviewedOn = pickDate('body.reviewedOn', input.reviewedOn, today, { date: since, label: '调查终结日期' });
      await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, ['penalty.legalReview'], reviewedOn);
      return { note: input.opinion, data: { reviewedOn, opinion: input.opinion, passed: pass } };
    });
}
export const passReview = legalReview(true);
export const returnReview = legalReview(false);

type PenaltyParts = Pick<NotifyCaseInput, 'penaltyKinds' | 'fineAmount' | 'confiscatedAmount' | 'illegalTurnover' | 'illegalGains' | 'repeatWithin5Years'>;

/** The findings after this step: the input's when given, else the case's. */
function findings(c: CaseRow, p: PenaltyParts) {
  return {
    illegalTurnover: p.illegalTurnover !== undefined ? p.illegalTurnover : num(c.illegalTurnover),
    illegalGains: p.illegalGains !== undefined ? p.illegalGains : num(c.illegalGains),
    repeatWithin5Years: p.repeatWithin5Years ?? c.repeatWithin5Years,
  };
}

function checkProposed(c: CaseRow, p: PenaltyParts, summary: string | null) {
  const f = findings(c, p);
  const r = checkPenalty({
    caseType: c.caseType, procedure: c.procedure, partyKind: c.partyKind, penaltyKinds: p.penaltyKinds, fineAmount: p.fineAmount,
    confiscatedAmount: p.confiscatedAmount, ...f, decisionSummary: summary,
  });
  if (!r.ok) throw penaltyError(r.issues);
  return { findings: f, check: r };
}

/** 行政处罚告知 (第四十四条): the proposed penalty, checked against the law; the 5-working-day period starts. */
export function notifyCase(deps: Deps, ctx: Ctx, id: number, input: NotifyCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'notify', input.version, async (trx, c, { today }) => {
    const actions = await repo.actions(trx, c.id);
    const since = (lastData(actions, 'passReview')?.reviewedOn as string | undefined) ?? c.filedOn;
    const noticeOn = pickDate('body.noticeOn', input.noticeOn, today, { date: since, label: '法制审核日期' });
    const { findings: f } = checkProposed(c, input, input.summary);
    // 行政处罚法 第六十四条第（一）项、第八十五条: 告知后五个工作日内提出听证要求; the same period for 陈述申辩.
    await openCaseDeadline(trx, deps, ctx, c, 'penalty.statementDefence', noticeOn);
    return {
      patch: { illegalTurnover: f.illegalTurnover, illegalGains: f.illegalGains, repeatWithin5Years: f.repeatWithin5Years },
      data: {
        noticeOn, penaltyKinds: input.penaltyKinds, fineAmount: input.fineAmount, confiscatedAmount: input.confiscatedAmount,
        summary: input.summary, hearingRight: input.hearingRight,
      },
    };
  });
}

/** 陈述申辩 (第四十五条: 必须充分听取, 复核). A written waiver of the hearing ends the period early. */
export function recordStatement(deps: Deps, ctx: Ctx, id: number, input: RecordStatementInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'recordStatement', input.version, async (trx, c, { today }) => {
    const notice = lastData(await repo.actions(trx, c.id), 'notify');
    const statedOn = pickDate('body.statedOn', input.statedOn, today, { date: (notice?.noticeOn as string) ?? c.filedOn, label: '告知日期' });
    if (input.waivesHearing) await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, ['penalty.statementDefence'], statedOn);
    return { note: input.content, data: { statedOn, content: input.content, adopted: input.adopted, review: input.review, waivesHearing: input.waivesHearing } };
  });
}

/** 听证申请 within 5 working days of the 告知 (第六十四条第（一）项); from the request the 90 days stop until the hearing ends. */
export function requestHearing(deps: Deps, ctx: Ctx, id: number, input: RequestHearingInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'requestHearing', input.version, async (trx, c, { today }) => {
    const period = await findOpenDeadline(trx, 'case', c.id, 'penalty.statementDefence');
    if (!period) throw notAllowed(c.status as CaseStatus, '当事人已书面放弃听证或陈述申辩期已结束，不能再登记听证申请');
    const requestedOn = pickDate('body.requestedOn', input.requestedOn, today, { date: period.startOn, label: '告知日期' });
    if (period.dueOn && requestedOn > period.dueOn) {
      throw fieldError('body.requestedOn', `当事人要求听证的，应当在行政机关告知后五个工作日内提出（行政处罚法 第六十四条第（一）项），本案申请期限已于 ${period.dueOn} 届满`);
    }
    await completeDeadline(trx, deps, ctx, { deadlineId: period.id, on: requestedOn });
    // 听证期间不计入办案期限: from the request to the end of the hearing.
    await pauseDecisionClock(trx, deps, ctx, c.id, requestedOn, '听证期间不计入办案期限');
    return { note: input.note, data: { requestedOn, note: input.note } };
  });
}

/** The earliest hearing day for a notice date: 7 working days later (penalty.hearingNotice, 第六十四条第（二）项, 第八十五条). */
async function earliestHearingOn(trx: Trx, deps: Deps, noticeOn: string): Promise<string> {
  const rules = (await repo.ruleVersions(trx, 'penalty.hearingNotice')).map((r) => ({
    key: r.key, effectiveFrom: r.effectiveFrom, amount: r.amount, unit: r.unit, basis: { regulation: r.regulation, article: r.article, version: r.version }, trust: r.trust,
  }));
  const rule = ruleInForce(rules, 'penalty.hearingNotice', noticeOn);
  if (!rule) throw new AppError('INTERNAL', { message: '期限规则 penalty.hearingNotice 缺失' });
  const cal = await loadWorkCalendar(trx, deps.db);
  return computeDueDate(cal, { start: noticeOn, amount: rule.amount, unit: rule.unit }).dueOn!;
}

/**
 * 听证通知 (第六十四条第（二）项: 在举行听证的七日前通知, 7 working days by 第八十五条): the hearing day must be at least the
 * 7th working day after the notice (the engine counts it on the official calendar). The host is not an investigator
 * (第（四）项). Re-scheduling sends a new notice under the same rule.
 */
export function scheduleHearing(deps: Deps, ctx: Ctx, id: number, input: ScheduleHearingInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'scheduleHearing', input.version, async (trx, c, { today }) => {
    const actions = await repo.actions(trx, c.id);
    const since = (lastData(actions, 'requestHearing')?.requestedOn as string | undefined) ?? c.filedOn;
    const noticeOn = pickDate('body.noticeOn', input.noticeOn, today, { date: since, label: '听证申请日期' });
    const earliest = await earliestHearingOn(trx, deps, noticeOn);
    if (input.hearingOn < earliest) {
      throw fieldError('body.hearingOn', `行政机关应当在举行听证的七日（工作日）前通知当事人（行政处罚法 第六十四条第（二）项、第八十五条），${noticeOn} 通知的，听证最早安排在 ${earliest}`);
    }
    const hs = await repo.handlers(trx, c.id);
    if (hs.some((h) => h.displayName === input.host)) throw fieldError('body.host', '听证由行政机关指定的非本案调查人员主持（行政处罚法 第六十四条第（四）项）');
    return { data: { noticeOn, hearingOn: input.hearingOn, place: input.place, host: input.host, earliestHearingOn: earliest } };
  });
}

/** 举行听证 (or 视为放弃 when the party does not attend): the 90 days run again from the next day. */
export function holdHearing(deps: Deps, ctx: Ctx, id: number, input: HoldHearingInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'holdHearing', input.version, async (trx, c, { today }) => {
    const sched = lastData(await repo.actions(trx, c.id), 'scheduleHearing');
    const heldOn = pickDate('body.heldOn', input.heldOn, today, { date: (sched?.noticeOn as string) ?? c.filedOn, label: '听证通知日期' });
    await resumeDecisionClock(trx, deps, ctx, c.id, addDaysIso(heldOn, 1), 'heard');
    return { note: input.record, data: { heldOn, record: input.record, partyAbsent: input.partyAbsent, hearingOn: sched?.hearingOn ?? null } };
  });
}

/** 负责人集体讨论 (第五十七条第二款). */
export function collectiveDiscuss(deps: Deps, ctx: Ctx, id: number, input: CollectiveDiscussInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'collectiveDiscuss', input.version, async (_trx, c, { today }) => {
    const discussedOn = pickDate('body.discussedOn', input.discussedOn, today, { date: c.filedOn, label: '立案日期' });
    return { note: input.conclusion, data: { discussedOn, participants: input.participants, conclusion: input.conclusion } };
  });
}

/**
 * 作出决定 (by the head, case.approve): 处罚 (checked against 商标法 第六十条 / 专利法 第六十八条; a repeat infringer's decision
 * states 从重), 不予处罚, 移送公安 (行刑衔接), 销案. Completes the 90 days; opens 送达 (7 个工作日) and, for a published penalty,
 * 公示 (20 个工作日, 总局令第45号 第九条); tells the lead (and through it the submitter).
 */
export function decideCase(deps: Deps, ctx: Ctx, id: number, input: DecideCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'decide', input.version, async (trx, c, { today }) => {
    const status = c.status as CaseStatus;
    const decision = input.decision;
    if (!decisionsAllowed(status).includes(decision)) {
      const why = decision === 'penalty' ? '（作出行政处罚决定前，应当经法制审核并告知当事人拟作出的行政处罚，行政处罚法 第五十八条、第六十二条）' : '';
      throw notAllowed(status, `案件当前状态为“${CASE_STATUSES[status]}”，不能作出“${CASE_DECISIONS[decision]}”的决定${why}`, { decisionsAllowed: decisionsAllowed(status) });
    }
    if (needsCollectiveDiscussion(c.major, decision) && status !== 'discussed') {
      throw notAllowed(status, '重大案件应当由行政机关负责人集体讨论决定（行政处罚法 第五十七条第二款），请先登记集体讨论', { decisionsAllowed: decisionsAllowed(status) });
    }
    const deadlines = await deadlineDtos(trx, c.id);
    if (decision === 'penalty' && status === 'noticed' && !statementPeriod(deadlines, today).over) {
      const until = statementPeriod(deadlines, today).until;
      throw notAllowed(status, `当事人陈述申辩、要求听证的期限（至 ${until}）尚未届满，不能作出行政处罚决定（行政处罚法 第六十二条、第六十四条）；当事人书面放弃听证的，请先登记陈述申辩`);
    }
    const decidedOn = pickDate('body.decidedOn', input.decidedOn, today, { date: c.filedOn, label: '立案日期' });
    const penalty = decision === 'penalty';
    let f = findings(c, input);
    if (penalty) f = checkProposed(c, input, input.summary).findings;
    const kinds = penalty ? input.penaltyKinds : [];
    const published = isPublishedPenalty({ procedure: c.procedure, decision, penaltyKinds: kinds });
    const summary =
      input.summary ??
      (decision === 'noPenalty' && input.noPenaltyReason ? NO_PENALTY_REASONS[input.noPenaltyReason] : decision === 'transferToPolice' ? `移送${input.policeUnit}` : null);
    // The 90 days (and the periods before the decision) end with it.
    await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, ['penalty.decision', 'penalty.statementDefence', 'penalty.legalReview'], decidedOn);
    if (decision === 'penalty' || decision === 'noPenalty') {
      // 行政处罚法 第六十一条: 宣告后当场交付；当事人不在场的，七日（工作日）内送达.
      await openCaseDeadline(trx, deps, ctx, c, 'penalty.service', decidedOn, `送达${decision === 'penalty' ? '行政处罚' : '不予行政处罚'}决定书`);
    }
    // 总局令第45号 第九条: 自作出行政处罚决定之日起二十个工作日内公示 (第二条: 普通程序, 仅警告的不予公示).
    if (published) await openCaseDeadline(trx, deps, ctx, c, 'penalty.publication', decidedOn);
    const data = {
      decision, decidedOn, penaltyKinds: kinds, fineAmount: penalty ? input.fineAmount : null, confiscatedAmount: penalty ? input.confiscatedAmount : null,
      summary, noPenaltyReason: input.noPenaltyReason, policeUnit: input.policeUnit, transferredOn: decision === 'transferToPolice' ? (input.transferredOn ?? decidedOn) : null,
      published, note: input.note, ...f,
    };
    return {
      to: statusAfterDecision(decision),
      note: input.note,
      patch: {
        decision, decisionOn: decidedOn, penaltyKinds: kinds, fineAmount: penalty && fineDue(kinds, input.fineAmount) ? input.fineAmount : null,
        confiscatedAmount: penalty ? input.confiscatedAmount : null, decisionSummary: summary,
        illegalTurnover: f.illegalTurnover, illegalGains: f.illegalGains, repeatWithin5Years: f.repeatWithin5Years,
      },
      data,
      after: async () => {
        if (c.leadId) await recordCaseOutcome(trx, deps, ctx, c.leadId, { step: 'decided', publicText: DECISION_PUBLIC_TEXT[decision] });
      },
    };
  });
}

/**
 * 送达 of the decision: a 送达回证 by the service module (公告送达 is deemed served 30 days after the announcement), the
 * 7-working-day service period ends, and a fine is due 15 days after the (deemed) service (第六十七条第三款).
 */
export function serveCase(deps: Deps, ctx: Ctx, id: number, input: ServeCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'serve', input.version, async (trx, c, { today }) => {
    const doc = await latestDocument(trx, 'case', c.id, 'penaltyDecision');
    if (!doc && c.decision === 'penalty') {
      throw notAllowed(c.status as CaseStatus, '请先在“文书”中生成行政处罚决定书，再登记送达');
    }
    const docTitle = doc ? (doc.docNo && !doc.title.includes(doc.docNo) ? `${doc.title}（${doc.docNo}）` : doc.title) : '不予行政处罚决定书';
    const actOn = input.method === 'announcement' ? input.announcedOn : input.servedOn;
    const path = input.method === 'announcement' ? 'body.announcedOn' : 'body.servedOn';
    const on = pickDate(path, actOn, today, { date: c.decisionOn, label: '决定日期' });
    const rec = await createServiceRecord(trx, deps, ctx, {
      entityType: 'case', entityId: c.id, unitId: c.unitId, documentId: doc?.id ?? null, documentTitle: docTitle, method: input.method,
      recipient: input.recipient, servedOn: input.method === 'announcement' ? null : on, announcedOn: input.method === 'announcement' ? on : null,
      trackingNo: input.trackingNo, electronicConsent: input.electronicConsent, proofFileId: input.proofFileId,
      announcementText: input.announcementText, note: input.note,
    });
    const servedOn = rec.effectiveServedOn;
    await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, ['penalty.service'], on);
    const due = c.decision === 'penalty' && fineDue(c.penaltyKinds as CasePenaltyKind[], c.fineAmount);
    let fineDueOn: string | null = null;
    if (due) {
      // 行政处罚法 第六十七条第三款: 自收到行政处罚决定书之日起十五日内缴纳罚款.
      const d = await openCaseDeadline(trx, deps, ctx, c, 'penalty.finePayment', servedOn, `缴纳罚款 ${formatYuan(c.fineAmount)}`);
      fineDueOn = d.dueOn;
    }
    return {
      to: statusAfterService(due),
      patch: { servedOn, fineDueOn },
      data: { serviceRecordId: rec.id, method: input.method, recipient: input.recipient, servedOn, actedOn: on, documentId: doc?.id ?? null, documentTitle: docTitle, fineDueOn },
    };
  });
}

async function closeFinePayment(trx: Trx, deps: Deps, ctx: Ctx, caseId: number, on: string): Promise<void> {
  const d = await findOpenDeadline(trx, 'case', caseId, 'penalty.finePayment');
  if (d) await completeDeadline(trx, deps, ctx, { deadlineId: d.id, on: on < d.startOn ? d.startOn : on });
}

export function recordPayment(deps: Deps, ctx: Ctx, id: number, input: RecordPaymentInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'recordPayment', input.version, async (trx, c, { today }) => {
    const paidOn = pickDate('body.paidOn', input.paidOn, today, { date: c.decisionOn, label: '决定日期' });
    await closeFinePayment(trx, deps, ctx, c.id, paidOn);
    return { patch: { paidOn }, note: input.note, data: { paidOn, amount: input.amount ?? num(c.fineAmount), note: input.note } };
  });
}

/** 申请人民法院强制执行 (行政处罚法 第七十二条、行政强制法 第五十三条) recorded; the case can then be closed. */
export function applyEnforcement(deps: Deps, ctx: Ctx, id: number, input: ApplyEnforcementInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'applyEnforcement', input.version, async (trx, c, { today }) => {
    const appliedOn = pickDate('body.appliedOn', input.appliedOn, today, { date: c.servedOn, label: '送达日期' });
    await closeFinePayment(trx, deps, ctx, c.id, appliedOn);
    return { note: input.note, data: { appliedOn, court: input.court, note: input.note } };
  });
}

/** 结案 (by the head: 结案审批): the lead (and the submission) learn the result. */
export function closeCase(deps: Deps, ctx: Ctx, id: number, input: CloseCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'close', input.version, async (trx, c, { today }) => {
    const running = (await repo.measures(trx, c.id)).filter((m) => m.endedOn === null);
    if (running.length > 0) {
      throw notAllowed(c.status as CaseStatus, `尚有调查措施未处理完毕（${running.map((m) => CASE_MEASURES[m.kind].label).join('、')}），请先登记解除或处理结果再结案`);
    }
    const closedOn = pickDate('body.closedOn', input.closedOn, today, { date: c.decisionOn ?? c.filedOn, label: '决定日期' });
    const publicText = input.publicText ?? `案件已办结：${c.decision ? DECISION_PUBLIC_TEXT[c.decision] : '已办结'}`;
    return {
      patch: { closedOn },
      note: input.summary,
      data: { closedOn, summary: input.summary, publicText },
      after: async () => {
        if (c.leadId) await recordCaseOutcome(trx, deps, ctx, c.leadId, { step: 'closed', publicText });
      },
    };
  });
}

export function archiveCase(deps: Deps, ctx: Ctx, id: number, input: ArchiveCaseInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'archive', input.version, async (_trx, c, { today }) => {
    const archivedOn = pickDate('body.archivedOn', input.archivedOn, today, { date: c.closedOn, label: '结案日期' });
    return { patch: { archivedOn }, data: { archivedOn, archiveNo: input.archiveNo } };
  });
}

/**
 * 决定被变更或撤销 (行政复议、行政诉讼 or 自行纠正): recorded on the case; a published decision is withdrawn from publication
 * within 3 working days (总局令第45号 第十一条, by the publications module). A changed penalty that is still published is
 * published again (a new 20-working-day period, 第九条). A revoked decision ends the case (closed_on set if open).
 */
export function changeDecision(deps: Deps, ctx: Ctx, id: number, input: ChangeDecisionInput): Promise<CaseDetailDto> {
  return act(deps, ctx, id, 'changeDecision', input.version, async (trx, c, { today }) => {
    const on = pickDate('body.on', input.on, today, { date: c.decisionOn, label: '原决定日期' });
    const wasPublished = isPublishedPenalty({ procedure: c.procedure, decision: c.decision, penaltyKinds: c.penaltyKinds as CasePenaltyKind[] });
    const reason = `${input.kind === 'revoked' ? '决定已撤销' : '决定已变更'}：${input.reason}`;
    let patch: Updateable<CasesTable> = {};
    let to: CaseStatus = c.status as CaseStatus;
    let republish = false;
    const before = { penaltyKinds: c.penaltyKinds, fineAmount: num(c.fineAmount), confiscatedAmount: num(c.confiscatedAmount), summary: c.decisionSummary };
    if (input.kind === 'changed') {
      if (c.decision !== 'penalty') throw notAllowed(to, '只有行政处罚决定可以变更处罚内容；其他决定被撤销的，请选择“撤销”');
      const { findings: f } = checkProposed(c, input, input.summary);
      patch = {
        penaltyKinds: input.penaltyKinds, fineAmount: fineDue(input.penaltyKinds, input.fineAmount) ? input.fineAmount : null,
        confiscatedAmount: input.confiscatedAmount, decisionSummary: input.summary, illegalTurnover: f.illegalTurnover, illegalGains: f.illegalGains,
        repeatWithin5Years: f.repeatWithin5Years,
      };
      republish = isPublishedPenalty({ procedure: c.procedure, decision: 'penalty', penaltyKinds: input.penaltyKinds });
    } else {
      to = 'revoked';
      patch = { closedOn: c.closedOn ?? on };
      // Nothing is owed any more under a revoked decision.
      await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, ['penalty.service', 'penalty.finePayment'], on);
    }
    return {
      to,
      patch,
      note: input.reason,
      data: { kind: input.kind, basis: input.basis, on, reason: input.reason, before, after: input.kind === 'changed' ? patch : null },
      after: async () => {
        if (wasPublished) await withdrawPublicationForCase(trx, deps, ctx, c.id, reason);
        // An unpublished decision's publication period ends with it; a changed one that is still published starts anew.
        await completeOpenDeadlines(trx, deps, ctx, 'case', c.id, ['penalty.publication'], on);
        if (republish) await openCaseDeadline(trx, deps, ctx, c, 'penalty.publication', on, '行政处罚信息公示（变更后的决定）');
      },
    };
  });
}
