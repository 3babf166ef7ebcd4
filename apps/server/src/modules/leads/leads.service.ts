import {
  IP_TYPES,
  LEAD_ACTIONS,
  LEAD_DEADLINE_RULES,
  LEAD_KINDS,
  LEAD_REJECTION_REASONS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LEAD_TERMINATION_REASONS,
  LEAD_VERIFICATION_PAUSE_REASONS,
  LEAD_VERIFICATION_RULE_KEYS,
  MEDIATION_AGREEMENT_FORMS,
  SUBMISSION_EVENTS,
  SUBMISSION_KINDS,
  VERIFICATION_RESULTS,
  allowedLeadActions,
  formatLeadNo,
  isMobile,
  leadActionAllowed,
  maskName,
  maskPhone,
  nextLeadStatus,
  suggestCountyUnit,
  workingDaysLeft,
  type CreateLeadInput,
  type LeadAction,
  type LeadActionInput,
  type LeadDeadlineDto,
  type LeadDetailDto,
  type LeadInformantDto,
  type LeadListItemDto,
  type LeadListQuery,
  type LeadStatus,
  type LeadTransferInput,
  type LeadUnitOptionDto,
  type LeadUserAction,
  type Page,
  type SubmissionEventKind,
  type SubmissionStatus,
} from '@zhichan/shared';
import type { Selectable, Transaction, Updateable } from 'kysely';
import type { Actor, Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import { nextRecordNumber } from '../../db/record-counters';
import type { Database, LeadsTable, SubmissionsTable } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import {
  completeDeadline,
  completeOpenDeadlines,
  deadlinesOf,
  findOpenDeadline,
  moveOpenDeadlines,
  openDeadline,
  pauseDeadline,
  resumeDeadline,
} from '../deadlines/deadlines.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import { enqueue, type OutboxMessageInput } from '../outbox/outbox.service';
import { actionsForActor, actorMayAct, presentDetail, presentListItem, presentTimeline, workflowStateOf, type ActorPlace } from './leads.presenter';
import { leadsRepository as repo, type LeadRow, type UnitRow } from './leads.repository';

type Trx = Transaction<Database>;
type SubmissionRow = Selectable<SubmissionsTable>;

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

function cityCode6(deps: Deps): string {
  return `${deps.config.cityCode}00`;
}

/** A date of an action (default today): never in the future, never before `min` (e.g. the receipt date). */
function actionDate(deps: Deps, path: string, value: string | undefined, min?: { on: string; what: string }): string {
  const today = todayOf(deps);
  const d = value ?? today;
  if (d > today) throw fieldError(`body.${path}`, '日期不能晚于今天');
  if (min && d < min.on) throw fieldError(`body.${path}`, `日期不能早于${min.what}（${min.on}）`);
  return d;
}

async function intakeUnit(ex: Executor): Promise<UnitRow> {
  const u = await repo.intakeUnit(ex);
  if (!u) throw new AppError('INTERNAL', { message: '尚未设置市级局（统一受理机构）' });
  return u;
}

async function unitOrFail(ex: Executor, id: number): Promise<UnitRow> {
  const u = await repo.unit(ex, id);
  if (!u) throw new AppError('INTERNAL');
  return u;
}

/** The unit the actor acts for: their own, or the bureau above an internal department (内设机构). */
async function placeOf(ex: Executor, actor: Actor): Promise<ActorPlace> {
  let u = actor.unitId === null ? undefined : await repo.unit(ex, actor.unitId);
  while (u && u.kind === 'department' && u.parentId !== null) u = await repo.unit(ex, u.parentId);
  return u ? { unitId: u.id, path: u.path } : { unitId: null, path: null };
}

/** The county bureau a unit belongs to (itself, or a station's parent). */
function countyOf(u: UnitRow): number | null {
  if (u.kind === 'countyBureau') return u.id;
  if (u.kind === 'station') return u.parentId;
  return null;
}

function notAllowed(lead: LeadRow, unit: UnitRow, action: LeadAction, message?: string): AppError {
  const state = workflowStateOf(lead, unit);
  return new AppError('ACTION_NOT_ALLOWED', {
    message: message ?? `线索当前状态为“${LEAD_STATUSES[lead.status as LeadStatus] ?? lead.status}”，不能${LEAD_ACTIONS[action]}`,
    details: { status: lead.status, allowedActions: allowedLeadActions(state) },
  });
}

function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: string }).code === '23505';
}

const DEADLINE_TITLES: Record<string, string> = {
  [LEAD_DEADLINE_RULES.acceptance]: '投诉受理决定',
  [LEAD_DEADLINE_RULES.mediation]: '投诉调解',
  [LEAD_DEADLINE_RULES.terminationNotice]: '终止调解告知',
  [LEAD_DEADLINE_RULES.verification]: '线索核查及立案决定',
  [LEAD_DEADLINE_RULES.mediationVerification]: '调解中发现违法线索核查',
  [LEAD_DEADLINE_RULES.reporterNotice]: '告知实名举报人',
};

function openLeadDeadline(trx: Trx, deps: Deps, ctx: Ctx, lead: Pick<LeadRow, 'id' | 'unitId'>, ruleKey: string, startOn: string) {
  return openDeadline(trx, deps, ctx, { entityType: 'lead', entityId: lead.id, title: DEADLINE_TITLES[ruleKey] ?? ruleKey, unitId: lead.unitId, ruleKey, startOn });
}

/** The open verification deadline (lead.verification, or mediation.leadVerification for a lead found in mediation). */
async function openVerificationDeadline(ex: Executor, leadId: number) {
  for (const key of LEAD_VERIFICATION_RULE_KEYS) {
    const d = await findOpenDeadline(ex, 'lead', leadId, key);
    if (d) return d;
  }
  return undefined;
}

/** In-app messages to the staff of some units who hold a permission (the receiving unit's handlers, the heads …). */
async function notifyStaff(trx: Executor, permission: 'lead.handle' | 'lead.dispatch' | 'lead.approve', unitIds: number[], lead: LeadRow, kind: string, title: string, body: string): Promise<void> {
  const userIds = await usersHoldingPermission(trx, permission, { unitIds: unitIds.filter((u) => u !== null) });
  await sendNotifications(
    trx,
    userIds.map((userId) => ({ userId, kind, title, body, link: `/admin/leads/${lead.id}`, dedupeKey: null })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// the action log: every change of a lead is one appended action, one row version, one audit row
// ---------------------------------------------------------------------------------------------------------------

interface TransitionSpec {
  action: LeadAction;
  toStatus: LeadStatus;
  patch?: Updateable<LeadsTable>;
  toUnitId?: number | null;
  reasonCode?: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

async function transition(trx: Trx, deps: Deps, ctx: Ctx, lead: LeadRow, spec: TransitionSpec): Promise<LeadRow> {
  const nowIso = deps.clock.now().toISOString();
  const after = await repo.updateLead(trx, lead.id, lead.version, { ...spec.patch, status: spec.toStatus, updatedAt: nowIso });
  if (!after) throw new AppError('VERSION_CONFLICT');
  await repo.insertAction(trx, {
    leadId: lead.id,
    action: spec.action,
    fromStatus: lead.status,
    toStatus: spec.toStatus,
    unitId: lead.unitId,
    toUnitId: spec.toUnitId ?? null,
    reasonCode: spec.reasonCode ?? null,
    note: spec.note ?? null,
    data: spec.data ? JSON.stringify(spec.data) : null,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    at: nowIso,
  });
  await writeAudit(trx, deps.clock, ctx, {
    action: `lead.${spec.action}`,
    entityType: 'lead',
    entityId: lead.id,
    before: { status: lead.status, unitId: lead.unitId, version: lead.version },
    after: {
      leadNo: lead.leadNo, status: spec.toStatus, unitId: after.unitId, toUnitId: spec.toUnitId ?? null, reasonCode: spec.reasonCode ?? null,
      note: spec.note ?? null, data: spec.data ?? null,
    },
  });
  return after;
}

// ---------------------------------------------------------------------------------------------------------------
// the originating submission: its public timeline and status follow the lead
// ---------------------------------------------------------------------------------------------------------------

/** Messages to a portal submitter (SMS to a mobile, e-mail when given, in-app when filed logged in); none when anonymous. */
function messagesToSubmitter(deps: Deps, s: SubmissionRow, unitName: string, subject: string, body: string): OutboxMessageInput[] {
  const out: OutboxMessageInput[] = [];
  const base = { subject, entityType: 'submission', entityId: s.id };
  if (s.phoneEnc) {
    const phone = deps.cipher.decrypt(s.phoneEnc);
    if (isMobile(phone)) out.push({ ...base, channel: 'sms', to: phone, body: `【${unitName}】${body}` });
  }
  if (s.submitterEmailEnc) out.push({ ...base, channel: 'email', to: deps.cipher.decrypt(s.submitterEmailEnc), body: `【${unitName}】${body}` });
  if (s.submitterUserId) out.push({ ...base, channel: 'inApp', userId: s.submitterUserId, body, link: `/progress?receiptNo=${encodeURIComponent(s.receiptNo)}` });
  return out;
}

interface ProgressStep {
  kind: SubmissionEventKind;
  /** Public text for the submitter (null: the title alone). */
  text: string | null;
  /** Internal note (staff only). */
  note?: string | null;
  /** Move the submission to this status (dispatched → inProgress, …). */
  status?: SubmissionStatus;
  /** 办结 the submission with this result (the submitter may then rate it). */
  closeWith?: string;
  /** Also send the submitter a message (SMS / e-mail / in-app) with this subject and text. */
  message?: { subject: string; body: string };
}

/**
 * Writes one step of the lead onto the submission it came from (if any): an event on its timeline (public or not, as
 * SUBMISSION_EVENTS says), a status change, 办结, and the messages to the submitter, in the caller's transaction.
 */
async function submissionStep(trx: Trx, deps: Deps, ctx: Ctx, lead: Pick<LeadRow, 'submissionId' | 'unitId'>, step: ProgressStep): Promise<void> {
  if (!lead.submissionId) return;
  const s = await trx.selectFrom('submissions').selectAll().where('id', '=', lead.submissionId).forUpdate().executeTakeFirst();
  if (!s) return;
  const nowIso = deps.clock.now().toISOString();
  await trx
    .insertInto('submissionEvents')
    .values({
      submissionId: s.id, kind: step.kind, public: SUBMISSION_EVENTS[step.kind].public, text: step.text, note: step.note ?? null,
      actorId: ctx.actor?.userId ?? null, actorName: ctx.actor?.displayName ?? null, at: nowIso,
    })
    .execute();
  const status: SubmissionStatus | undefined = step.closeWith !== undefined ? 'closed' : step.status;
  if (status && status !== s.status) {
    const patch: Updateable<SubmissionsTable> = { status, updatedAt: nowIso };
    if (step.closeWith !== undefined) Object.assign(patch, { result: step.closeWith, closedAt: nowIso });
    const r = await trx.updateTable('submissions').set({ ...patch, version: s.version + 1 }).where('id', '=', s.id).where('version', '=', s.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT');
    await writeAudit(trx, deps.clock, ctx, {
      action: step.closeWith !== undefined ? 'submission.close' : 'submission.follow',
      entityType: 'submission', entityId: s.id,
      before: { status: s.status }, after: { status, step: step.kind, result: step.closeWith ?? null },
    });
  }
  if (step.message) {
    const unit = await repo.unit(trx, lead.unitId);
    await enqueue(trx, deps, messagesToSubmitter(deps, s, unit?.name ?? '', step.message.subject, step.message.body));
  }
}

/** An SMS to the informant recorded on a manual lead (投诉人、实名举报人), when a mobile number was given. */
async function smsToInformant(trx: Trx, deps: Deps, lead: LeadRow, subject: string, body: string): Promise<void> {
  if (lead.submissionId || !lead.informantPhoneEnc) return;
  const phone = deps.cipher.decrypt(lead.informantPhoneEnc);
  if (!isMobile(phone)) return;
  const unit = await repo.unit(trx, lead.unitId);
  await enqueue(trx, deps, [{ channel: 'sms', to: phone, subject, body: `【${unit?.name ?? ''}】${body}`, entityType: 'lead', entityId: lead.id }]);
}

// ---------------------------------------------------------------------------------------------------------------
// creating leads: registration, transfer, import, portal dispatch, mediation
// ---------------------------------------------------------------------------------------------------------------

export interface NewLead {
  kind: LeadRow['kind'];
  source: LeadRow['source'];
  externalId: string | null;
  submissionId?: number | null;
  parentLeadId?: number | null;
  ipType: LeadRow['ipType'];
  title: string;
  facts: string;
  respondent: { name: string; uscc: string | null; address: string | null; regionCode: string | null };
  /** Plain identity of a manual lead: stored SM4-encrypted, with masked copies for lists. */
  informant?: { name: string; phone: string | null } | null;
  /** Masked identity only (a portal submission keeps the identity itself). */
  informantMasked?: { name: string | null; phone: string | null } | null;
  realName: boolean;
  receivedOn: string;
  intakeUnitId: number;
  unitId: number;
  countyUnitId: number | null;
  status: LeadStatus;
  note?: string | null;
  /** The first deadline and the day it counts from (the day itself is not counted). */
  deadline: { ruleKey: string; startOn: string };
  auditExtra?: Record<string, unknown>;
}

/**
 * Inserts a lead with its number (XS-年度-市级区划-序号, gap-free per year), its 登记 action, its first statutory deadline
 * and the audit row, in the caller's transaction.
 */
async function insertLead(trx: Trx, deps: Deps, ctx: Ctx, n: NewLead): Promise<LeadRow> {
  const nowIso = deps.clock.now().toISOString();
  const year = Number(todayOf(deps).slice(0, 4));
  const seq = await nextRecordNumber(trx, `lead:${cityCode6(deps)}`, year);
  const inf = n.informant ?? null;
  const lead = await repo.insertLead(trx, {
    leadNo: formatLeadNo(year, cityCode6(deps), seq),
    kind: n.kind,
    source: n.source,
    externalId: n.externalId,
    submissionId: n.submissionId ?? null,
    parentLeadId: n.parentLeadId ?? null,
    ipType: n.ipType,
    title: n.title,
    facts: n.facts,
    respondentName: n.respondent.name,
    respondentUscc: n.respondent.uscc,
    respondentAddress: n.respondent.address,
    respondentRegionCode: n.respondent.regionCode,
    informantNameEnc: inf ? deps.cipher.encrypt(inf.name) : null,
    informantNameMasked: inf ? maskName(inf.name) : (n.informantMasked?.name ?? null),
    informantPhoneEnc: inf?.phone ? deps.cipher.encrypt(inf.phone) : null,
    informantPhoneMasked: inf?.phone ? maskPhone(inf.phone) : (n.informantMasked?.phone ?? null),
    realName: n.realName,
    receivedOn: n.receivedOn,
    intakeUnitId: n.intakeUnitId,
    countyUnitId: n.countyUnitId,
    unitId: n.unitId,
    status: n.status,
    createdBy: ctx.actor?.kind === 'staff' ? ctx.actor.userId : null,
    createdAt: nowIso,
    updatedAt: nowIso,
  });
  await repo.insertAction(trx, {
    leadId: lead.id, action: 'create', fromStatus: null, toStatus: n.status, unitId: n.unitId, toUnitId: null, reasonCode: null,
    note: n.note ?? null, data: JSON.stringify({ source: n.source, externalId: n.externalId, submissionId: n.submissionId ?? null, parentLeadId: n.parentLeadId ?? null }),
    actorId: ctx.actor?.userId ?? null, actorName: ctx.actor?.displayName ?? null, at: nowIso,
  });
  await openLeadDeadline(trx, deps, ctx, lead, n.deadline.ruleKey, n.deadline.startOn);
  await writeAudit(trx, deps.clock, ctx, {
    action: 'lead.create',
    entityType: 'lead',
    entityId: lead.id,
    // No personal data in the audit log: the informant stays in the encrypted columns.
    after: {
      leadNo: lead.leadNo, kind: lead.kind, source: lead.source, externalId: lead.externalId, submissionId: lead.submissionId, parentLeadId: lead.parentLeadId,
      ipType: lead.ipType, title: lead.title, respondentName: lead.respondentName, respondentUscc: lead.respondentUscc, realName: lead.realName,
      receivedOn: lead.receivedOn, unitId: lead.unitId, status: lead.status, ...n.auditExtra,
    },
  });
  // Re-read: opening the deadline wrote its due date and state onto the row (syncEntityDeadline).
  return (await repo.unsafeGet(trx, lead.id)) ?? lead;
}

/** The first statutory period of a new lead: 受理 for a complaint (第十四条), 核查 for a report or lead (程序规定 第十八条). */
function firstDeadline(kind: LeadRow['kind'], receivedOn: string): { ruleKey: string; startOn: string } {
  return kind === 'complaint'
    ? { ruleKey: LEAD_DEADLINE_RULES.acceptance, startOn: receivedOn }
    : { ruleKey: LEAD_DEADLINE_RULES.verification, startOn: receivedOn };
}

/**
 * Where a lead registered by this actor starts: at the intake (待分派) when registered by the city; a county bureau or
 * station that finds a lead itself (检查发现 …) registers it as its own (已签收).
 */
async function startingPlace(ex: Executor, actor: Actor): Promise<{ intake: UnitRow; unitId: number; countyUnitId: number | null; status: LeadStatus }> {
  const intake = await intakeUnit(ex);
  const place = await placeOf(ex, actor);
  if (place.unitId === null || place.unitId === intake.id) return { intake, unitId: intake.id, countyUnitId: null, status: 'pendingDispatch' };
  const own = await unitOrFail(ex, place.unitId);
  const county = countyOf(own);
  if (county === null) return { intake, unitId: intake.id, countyUnitId: null, status: 'pendingDispatch' };
  return { intake, unitId: own.id, countyUnitId: county, status: 'signed' };
}

/** Checks the input the schema cannot: the receipt date against today, the region code against the division list. */
async function checkLeadInput(ex: Executor, deps: Deps, input: CreateLeadInput, prefix = 'body'): Promise<void> {
  if (input.receivedOn > todayOf(deps)) throw fieldError(`${prefix}.receivedOn`, '收到日期不能晚于今天');
  if (input.respondent.regionCode && !(await repo.regionExists(ex, input.respondent.regionCode))) {
    throw fieldError(`${prefix}.respondent.regionCode`, '区划代码不在行政区划代码表中，请核对');
  }
}

function newLeadFromInput(input: CreateLeadInput, place: Awaited<ReturnType<typeof startingPlace>>, extra: Partial<NewLead> = {}): NewLead {
  return {
    kind: input.kind,
    source: input.source,
    externalId: input.externalId,
    ipType: input.ipType,
    title: input.title,
    facts: input.facts,
    respondent: input.respondent,
    informant: input.informant,
    realName: input.realName,
    receivedOn: input.receivedOn,
    intakeUnitId: place.intake.id,
    unitId: place.unitId,
    countyUnitId: place.countyUnitId,
    status: place.status,
    note: input.note,
    deadline: firstDeadline(input.kind, input.receivedOn),
    ...extra,
  };
}

function duplicateExternal(existing: LeadRow, path: string): AppError {
  const message = `${LEAD_SOURCES[existing.source]}编号 ${existing.externalId} 已登记为线索 ${existing.leadNo}，不能重复登记`;
  return new AppError('DUPLICATE', { message, details: [{ path, message }] });
}

/** 登记线索 (lead.create): a lead from 12315, the provincial platform, an inspection, a transfer, an assignment, monitoring. */
export async function registerLead(deps: Deps, ctx: Ctx, input: CreateLeadInput): Promise<LeadDetailDto> {
  const actor = staff(ctx);
  await checkLeadInput(deps.db, deps, input);
  return deps.db.transaction().execute(async (trx) => {
    if (input.externalId) {
      const existing = await repo.unsafeBySourceExternal(trx, input.source, input.externalId);
      if (existing) throw duplicateExternal(existing, 'body.externalId');
    }
    const place = await startingPlace(trx, actor);
    const lead = await insertLead(trx, deps, ctx, newLeadFromInput(input, place));
    await notifyAfterCreate(trx, lead);
    return detailOf(trx, deps, actor, lead);
  });
}

async function notifyAfterCreate(trx: Trx, lead: LeadRow): Promise<void> {
  if (lead.status !== 'pendingDispatch') return;
  await notifyStaff(trx, 'lead.dispatch', [lead.unitId], lead, 'lead.toDispatch', `新线索 ${lead.leadNo} 待分派`,
    `${LEAD_SOURCES[lead.source]}${LEAD_KINDS[lead.kind]}“${lead.title}”（${lead.respondentName}）已登记，请分派至有处理权限的县级局。`);
}

/** The same content as a stored lead (to tell a replay of a transfer from another lead under a re-used external id). */
function sameContent(deps: Deps, l: LeadRow, i: LeadTransferInput): boolean {
  const dec = (v: string | null) => (v ? deps.cipher.decrypt(v) : null);
  return (
    l.kind === i.kind && l.ipType === i.ipType && l.title === i.title && l.facts === i.facts &&
    l.respondentName === i.respondent.name && l.respondentUscc === i.respondent.uscc && l.respondentAddress === i.respondent.address &&
    l.respondentRegionCode === i.respondent.regionCode && l.receivedOn === i.receivedOn && l.realName === i.realName &&
    dec(l.informantNameEnc) === (i.informant?.name ?? null) && dec(l.informantPhoneEnc) === (i.informant?.phone ?? null)
  );
}

/**
 * 系统对接转入 (省平台、12315 …), idempotent by source + external id: the same content again answers the existing lead with
 * replayed = true; other content under the same id is 409 IDEMPOTENCY_CONFLICT. Two concurrent deliveries meet at the
 * unique index leads_source_external; the loser answers as a replay.
 */
export async function transferLead(deps: Deps, ctx: Ctx, input: LeadTransferInput): Promise<{ replayed: boolean; lead: LeadDetailDto }> {
  const actor = staff(ctx);
  const replay = async (existing: LeadRow) => {
    if (!sameContent(deps, existing, input)) {
      throw new AppError('IDEMPOTENCY_CONFLICT', {
        message: `${LEAD_SOURCES[existing.source]}编号 ${existing.externalId} 已转入为线索 ${existing.leadNo}，本次内容与之不同；如为新线索请使用新的编号`,
        details: [{ path: 'body.externalId', message: `已转入为线索 ${existing.leadNo}，内容不同` }],
      });
    }
    const visible = await repo.getInScope(deps.db, actor, existing.id);
    if (!visible) throw new AppError('DUPLICATE', { message: `${LEAD_SOURCES[existing.source]}编号 ${existing.externalId} 已转入` });
    return { replayed: true, lead: await detailOf(deps.db, deps, actor, visible) };
  };
  const prior = await repo.unsafeBySourceExternal(deps.db, input.source, input.externalId);
  if (prior) return replay(prior);
  await checkLeadInput(deps.db, deps, input);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const place = await startingPlace(trx, actor);
      const lead = await insertLead(trx, deps, ctx, newLeadFromInput(input, place, { auditExtra: { via: 'transfer' } }));
      await notifyAfterCreate(trx, lead);
      return { replayed: false, lead: await detailOf(trx, deps, actor, lead) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const again = await repo.unsafeBySourceExternal(deps.db, input.source, input.externalId);
      if (again) return replay(again);
    }
    throw err;
  }
}

/** Used by the Excel import: creates the valid rows in one transaction (the caller validated them). */
export async function insertImportedLeads(
  trx: Trx, deps: Deps, ctx: Ctx, rows: { row: number; input: CreateLeadInput }[],
): Promise<{ row: number; id: number; leadNo: string }[]> {
  const actor = staff(ctx);
  const place = await startingPlace(trx, actor);
  const out: { row: number; id: number; leadNo: string }[] = [];
  for (const r of rows) {
    const lead = await insertLead(trx, deps, ctx, newLeadFromInput(r.input, place, { auditExtra: { via: 'import', row: r.row } }));
    out.push({ row: r.row, id: lead.id, leadNo: lead.leadNo });
  }
  if (out.length > 0 && place.status === 'pendingDispatch') {
    const userIds = await usersHoldingPermission(trx, 'lead.dispatch', { unitIds: [place.unitId] });
    await sendNotifications(trx, userIds.map((userId) => ({
      userId, kind: 'lead.toDispatch', title: `批量导入线索 ${out.length} 条待分派`, body: `已从 Excel 导入 ${out.length} 条线索（${out[0]!.leadNo} 等），请分派至有处理权限的县级局。`,
      link: '/admin/leads?tab=pendingDispatch', dedupeKey: null,
    })));
  }
  return out;
}

export { checkLeadInput as checkImportedLeadInput };

/** Dispatch targets: the county bureaus below the actor's unit (never another county's, 暂行办法 第三十七条). */
async function countyTargets(ex: Executor, place: ActorPlace, regionCode: string | null): Promise<LeadUnitOptionDto[]> {
  if (!place.path) return [];
  const counties = await repo.countyBureausUnder(ex, place.path);
  const suggested = suggestCountyUnit(regionCode, counties);
  const opts = counties.map((c) => ({ id: c.id, name: c.name, suggested: c.id === suggested?.id }));
  return [...opts.filter((o) => o.suggested), ...opts.filter((o) => !o.suggested)];
}

/**
 * The target of 分派 must be a county bureau inside the actor's own subtree: a unit never forwards a lead sideways to
 * another county (暂行办法 第三十七条第二款: 不具备处理权限的，应当及时反馈统一接收投诉举报的工作机构，不得自行移送).
 */
async function checkDispatchTarget(ex: Executor, actor: Actor, toUnitId: number, path = 'body.toUnitId'): Promise<UnitRow> {
  const place = await placeOf(ex, actor);
  const target = await repo.unit(ex, toUnitId);
  if (!target || !target.enabled) throw fieldError(path, '所选机构不存在或已停用');
  if (!place.path || !target.path.startsWith(place.path) || target.id === place.unitId) {
    throw fieldError(path, '只能分派给本机构下属的县级局；无处理权限的应退回统一受理机构，不得自行移送（暂行办法 第三十七条）');
  }
  if (target.kind !== 'countyBureau') throw fieldError(path, '请选择县级市场监督管理局（指派至市场监管所由县级局办理）');
  return target;
}

/** Dispatch targets of a submission (the suggested county first, from the respondent's region). */
export async function submissionDispatchTargets(ex: Executor, actor: Actor, regionCode: string | null) {
  const place = await placeOf(ex, actor);
  const targets = await countyTargets(ex, place, regionCode);
  return { targets, suggestedUnitId: targets.find((t) => t.suggested)?.id ?? null, regionName: await repo.regionName(ex, regionCode) };
}

const SUBMISSION_TO_LEAD_KIND = { complaint: 'complaint', report: 'report', assistanceRequest: 'lead' } as const;

/**
 * Creates the lead (kind complaint/report from the submission kind; assistanceRequest → kind 'lead') for a registered
 * portal submission being dispatched to a county bureau, appends the submission's public 分派 event, returns the lead row.
 *
 * The lead's periods count from the day the submission was received (暂行办法 第十四条; 程序规定 第十八条), so they end on
 * the same day as the submission's own: its open deadlines are completed here and the lead's carry on. The caller
 * (the submissions module) has locked the submission, checked its scope, status and version.
 */
export async function createLeadFromSubmission(
  trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: { submissionId: number; toUnitId: number; note?: string | null },
): Promise<Selectable<LeadsTable>> {
  const actor = staff(ctx);
  const s = await trx.selectFrom('submissions').selectAll().where('id', '=', input.submissionId).forUpdate().executeTakeFirst();
  if (!s) throw new AppError('NOT_FOUND');
  const existing = await repo.unsafeBySubmission(trx, s.id);
  if (existing) {
    throw new AppError('ACTION_NOT_ALLOWED', { message: `该诉求已分派，线索编号 ${existing.leadNo}；请在线索中继续办理`, details: { allowedActions: [] } });
  }
  if (s.status !== 'registered' && s.status !== 'reopened') {
    throw new AppError('ACTION_NOT_ALLOWED', { message: '诉求登记分类后才能分派', details: { allowedActions: [] } });
  }
  const target = await checkDispatchTarget(trx, actor, input.toUnitId);
  const intake = await intakeUnit(trx);
  const kind = SUBMISSION_TO_LEAD_KIND[s.kind];
  const receivedOn = chinaDate(new Date(s.createdAt));
  const kindLabel = SUBMISSION_KINDS[s.kind];
  const extra = [
    s.requestedOutcome ? `诉求：${s.requestedOutcome}` : null,
    s.online ? `网络经营：${[s.platform, s.shopUrl].filter(Boolean).join(' ')}` : null,
  ].filter(Boolean);
  const created = await insertLead(trx, deps, ctx, {
    kind,
    source: 'portal',
    externalId: null,
    submissionId: s.id,
    ipType: s.ipType,
    title: `关于${s.respondentName}的${s.category ?? IP_TYPES[s.ipType]}${kindLabel}`.slice(0, 200),
    facts: [s.facts, ...extra].join('\n\n'),
    respondent: { name: s.respondentName, uscc: s.respondentUscc, address: s.respondentAddress, regionCode: s.respondentRegionCode },
    // The identity stays in the submission (SM4); the lead shows only the masked values.
    informantMasked: s.anonymous ? null : { name: s.submitterNameMasked, phone: s.phoneMasked },
    realName: !s.anonymous,
    receivedOn,
    intakeUnitId: intake.id,
    unitId: intake.id,
    countyUnitId: null,
    status: 'pendingDispatch',
    note: `网上${kindLabel} ${s.receiptNo}`,
    deadline: firstDeadline(kind, receivedOn),
    auditExtra: { receiptNo: s.receiptNo },
  });
  const lead = await dispatchTo(trx, deps, ctx, created, target, input.note ?? null, false);
  // The submission's own periods are handed over to the lead's (same start, same rule).
  for (const d of await deadlinesOf(trx, 'submission', s.id)) {
    if (d.completedOn === null) await completeDeadline(trx, deps, ctx, { deadlineId: d.id });
  }
  await submissionStep(trx, deps, ctx, { submissionId: s.id, unitId: target.id }, {
    kind: 'dispatch',
    text: `已分派至${target.name}办理（线索编号 ${lead.leadNo}）。`,
    note: input.note ?? null,
    status: 'dispatched',
    message: { subject: `${kindLabel}已分派`, body: `您的${kindLabel}（${s.receiptNo}）已分派至${target.name}依法办理。` },
  });
  return lead;
}

/** 分派 to a county bureau: moves the lead, its open deadlines and tells the receiving unit's handlers. */
async function dispatchTo(trx: Trx, deps: Deps, ctx: Ctx, lead: LeadRow, target: UnitRow, note: string | null, toSubmission: boolean): Promise<LeadRow> {
  const after = await transition(trx, deps, ctx, lead, {
    action: 'dispatch', toStatus: 'dispatched', toUnitId: target.id, note, patch: { unitId: target.id, countyUnitId: target.id },
  });
  await moveOpenDeadlines(trx, deps, 'lead', lead.id, target.id);
  await notifyStaff(trx, 'lead.handle', [target.id], after, 'lead.dispatched', `线索 ${lead.leadNo} 待签收`,
    `统一受理机构分派${LEAD_KINDS[lead.kind]}“${lead.title}”（${lead.respondentName}），请及时签收；无处理权限的请退回（暂行办法 第三十七条）。`);
  if (toSubmission) {
    await submissionStep(trx, deps, ctx, after, { kind: 'dispatch', text: `已分派至${target.name}办理。`, note });
  }
  return after;
}

// ---------------------------------------------------------------------------------------------------------------
// list and detail
// ---------------------------------------------------------------------------------------------------------------

export async function listLeads(deps: Deps, ctx: Ctx, q: LeadListQuery): Promise<Page<LeadListItemDto>> {
  const actor = staff(ctx);
  const { total, items } = await repo.list(deps.db, actor, q);
  return { items: items.map(presentListItem), total, page: q.page, pageSize: q.pageSize };
}

async function deadlineDtos(ex: Executor, deps: Deps, leadId: number): Promise<LeadDeadlineDto[]> {
  const rows = await repo.deadlines(ex, leadId);
  if (rows.length === 0) return [];
  const cal = await loadWorkCalendar(ex, deps.db);
  const today = todayOf(deps);
  const { pauses, extensions } = await repo.pausesAndExtensions(ex, rows.map((r) => r.id));
  return rows.map((d) => ({
    id: d.id,
    title: d.title,
    ruleKey: d.ruleKey,
    startOn: d.startOn,
    dueOn: d.dueOn,
    state: d.state,
    workingDaysLeft: d.dueOn && !d.completedOn ? workingDaysLeft(cal, today, d.dueOn) : null,
    completedOn: d.completedOn,
    provisional: d.provisional,
    basis: { regulation: d.regulation, article: d.article, version: d.ruleVersion, trust: d.trust },
    pauses: pauses.filter((p) => p.deadlineId === d.id).map((p) => ({ from: p.fromOn, until: p.untilOn, reason: p.reason })),
    extensions: extensions.filter((e) => e.deadlineId === d.id).map((e) => ({ amount: e.amount, unit: e.unit, reason: e.reason, approvedOn: e.approvedOn })),
  }));
}

async function detailOf(ex: Executor, deps: Deps, actor: Actor, lead: LeadRow): Promise<LeadDetailDto> {
  const unit = await unitOrFail(ex, lead.unitId);
  const place = await placeOf(ex, actor);
  const actions = await repo.actions(ex, lead.id);
  const names = await repo.unitNames(ex, [lead.unitId, lead.intakeUnitId, ...(lead.countyUnitId ? [lead.countyUnitId] : []), ...actions.flatMap((a) => [a.unitId, ...(a.toUnitId ? [a.toUnitId] : [])])]);
  const allowed = actionsForActor(actor, place, lead, unit);
  const parent = lead.parentLeadId ? await repo.getInScope(ex, actor, lead.parentLeadId) : undefined;
  return presentDetail(actor, lead, {
    unitName: unit.name,
    intakeUnitName: names.get(lead.intakeUnitId) ?? '',
    countyUnitName: lead.countyUnitId ? (names.get(lead.countyUnitId) ?? null) : null,
    regionName: await repo.regionName(ex, lead.respondentRegionCode),
    submission: await repo.submissionRef(ex, lead.submissionId),
    parent: parent ?? null,
    children: await repo.children(ex, actor, lead.id),
    kase: await repo.caseRef(ex, lead.caseId),
    timeline: presentTimeline(actions, names),
    deadlines: await deadlineDtos(ex, deps, lead.id),
    allowedActions: allowed,
    dispatchTargets: allowed.includes('dispatch') ? await countyTargets(ex, place, lead.respondentRegionCode) : [],
    assignTargets: allowed.includes('assign') ? (await repo.stationsOf(ex, lead.unitId)).map((u) => ({ id: u.id, name: u.name, suggested: false })) : [],
  });
}

export async function getLead(deps: Deps, ctx: Ctx, id: number): Promise<LeadDetailDto> {
  const actor = staff(ctx);
  const lead = await repo.getInScope(deps.db, actor, id);
  if (!lead) throw new AppError('NOT_FOUND');
  return detailOf(deps.db, deps, actor, lead);
}

/**
 * The informant's full identity (投诉人、举报人), for staff holding submission.identity.read; every view is audited
 * (暂行办法 第三十三条: the reporter's identity is confidential). A portal lead reads it from its submission.
 */
export async function getLeadInformant(deps: Deps, ctx: Ctx, id: number): Promise<LeadInformantDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const lead = await repo.getInScope(trx, actor, id);
    if (!lead) throw new AppError('NOT_FOUND');
    const dec = (v: string | null) => (v ? deps.cipher.decrypt(v) : null);
    let name = dec(lead.informantNameEnc);
    let phone = dec(lead.informantPhoneEnc);
    if (lead.submissionId) {
      const s = await trx.selectFrom('submissions').select(['submitterNameEnc', 'phoneEnc', 'anonymous']).where('id', '=', lead.submissionId).executeTakeFirst();
      if (s && !s.anonymous) {
        name = dec(s.submitterNameEnc);
        phone = dec(s.phoneEnc);
      }
    }
    await writeAudit(trx, deps.clock, ctx, {
      action: 'lead.informant.view', entityType: 'lead', entityId: id,
      after: { leadNo: lead.leadNo, fromSubmission: lead.submissionId !== null, fields: [name ? 'name' : null, phone ? 'phone' : null].filter(Boolean) },
    });
    return { name, phone, realName: lead.realName, fromSubmission: lead.submissionId !== null };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// actions
// ---------------------------------------------------------------------------------------------------------------

interface ActionCtx {
  trx: Trx;
  deps: Deps;
  ctx: Ctx;
  actor: Actor;
  lead: LeadRow;
  unit: UnitRow;
  next: LeadStatus;
}

const noticeText = (lead: LeadRow) => (lead.kind === 'complaint' ? '投诉' : lead.kind === 'report' ? '举报' : '线索');

/** The day the complaint was accepted (受理), from the log: the mediation period counts from it (第二十一条第一款第（五）项). */
async function acceptedOn(ex: Executor, lead: LeadRow): Promise<string> {
  const a = await repo.lastAction(ex, lead.id, 'accept');
  const data = (a?.data ?? {}) as { on?: string };
  return data.on ?? (a ? chinaDate(new Date(a.at)) : lead.receivedOn);
}

type Handler<A extends LeadUserAction> = (c: ActionCtx, input: LeadActionInput<A>) => Promise<LeadRow>;

const HANDLERS: { [A in LeadUserAction]: Handler<A> } = {
  // ---- dispatch, sign, return, assign (暂行办法 第三十六条、第三十七条)
  async dispatch({ trx, deps, ctx, actor, lead }, i) {
    const target = await checkDispatchTarget(trx, actor, i.toUnitId);
    return dispatchTo(trx, deps, ctx, lead, target, i.note, true);
  },

  async sign({ trx, deps, ctx, lead, unit, next }, i) {
    const after = await transition(trx, deps, ctx, lead, { action: 'sign', toStatus: next, note: i.note });
    await submissionStep(trx, deps, ctx, lead, { kind: 'sign', text: `${unit.name}已签收，正在依法办理。`, status: 'inProgress' });
    return after;
  },

  async return({ trx, deps, ctx, lead, unit, next }, i) {
    // From a station back to its county bureau; from a county bureau back to the intake — never sideways (第三十七条).
    const toStation = unit.kind === 'station';
    const targetId = toStation ? (lead.countyUnitId ?? unit.parentId!) : lead.intakeUnitId;
    const after = await transition(trx, deps, ctx, lead, {
      action: 'return', toStatus: next, toUnitId: targetId, reasonCode: i.reasonCode, note: i.note,
      patch: { unitId: targetId, countyUnitId: toStation ? lead.countyUnitId : null },
    });
    await moveOpenDeadlines(trx, deps, 'lead', lead.id, targetId);
    await notifyStaff(trx, toStation ? 'lead.handle' : 'lead.dispatch', [targetId], after, 'lead.returned', `线索 ${lead.leadNo} 被${unit.name}退回`,
      `${unit.name}退回${LEAD_KINDS[lead.kind]}“${lead.title}”，理由：${i.note}`);
    await submissionStep(trx, deps, ctx, lead, { kind: 'return', text: null, note: `${unit.name}退回：${i.note}` });
    return after;
  },

  async assign({ trx, deps, ctx, actor, lead, unit, next }, i) {
    const target = await repo.unit(trx, i.toUnitId);
    if (!target || !target.enabled) throw fieldError('body.toUnitId', '所选机构不存在或已停用');
    if (target.parentId !== unit.id || target.kind !== 'station') {
      const place = await placeOf(trx, actor);
      const outside = !place.path || !target.path.startsWith(place.path);
      throw fieldError('body.toUnitId', outside
        ? '只能指派给本局下属的市场监管所；不属于本局管辖的应退回统一受理机构，不得自行移送（暂行办法 第三十七条）'
        : '只能指派给本局下属的市场监管所');
    }
    const after = await transition(trx, deps, ctx, lead, { action: 'assign', toStatus: next, toUnitId: target.id, note: i.note, patch: { unitId: target.id } });
    await moveOpenDeadlines(trx, deps, 'lead', lead.id, target.id);
    await notifyStaff(trx, 'lead.handle', [target.id], after, 'lead.assigned', `线索 ${lead.leadNo} 待签收`,
      `${unit.name}指派${LEAD_KINDS[lead.kind]}“${lead.title}”（${lead.respondentName}）由你所办理，请及时签收。`);
    return after;
  },

  // ---- complaint: acceptance (第十四条、第十五条)
  async accept({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, { on: lead.receivedOn, what: '收到投诉之日' });
    const after = await transition(trx, deps, ctx, lead, { action: 'accept', toStatus: next, note: i.note, data: { on } });
    await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [LEAD_DEADLINE_RULES.acceptance], on);
    const text = `您的投诉已于 ${on} 受理。经投诉人和被投诉人同意，将依法组织调解。`;
    await submissionStep(trx, deps, ctx, lead, { kind: 'accept', text, message: { subject: '投诉已受理', body: text } });
    await smsToInformant(trx, deps, lead, '投诉已受理', `您对${lead.respondentName}的投诉已于${on}受理。`);
    return after;
  },

  async reject({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, { on: lead.receivedOn, what: '收到投诉之日' });
    const basis = LEAD_REJECTION_REASONS[i.reasonCode];
    const result = `不予受理（暂行办法${basis.basis}）：${i.publicText}`;
    const after = await transition(trx, deps, ctx, lead, {
      action: 'reject', toStatus: next, reasonCode: i.reasonCode, note: i.publicText, data: { on },
      patch: { reasonCode: i.reasonCode, result, closedOn: on },
    });
    await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [LEAD_DEADLINE_RULES.acceptance], on);
    await submissionStep(trx, deps, ctx, lead, {
      kind: 'reject', text: i.publicText, closeWith: result,
      message: { subject: '投诉不予受理', body: `您的投诉经审查不予受理：${i.publicText}` },
    });
    await smsToInformant(trx, deps, lead, '投诉不予受理', `您对${lead.respondentName}的投诉经审查不予受理：${i.publicText}`);
    return after;
  },

  // ---- complaint: mediation (第十六条至第二十二条)
  async startMediation({ trx, deps, ctx, lead, next }, i) {
    const accepted = await acceptedOn(trx, lead);
    const on = actionDate(deps, 'on', i.on, { on: accepted, what: '受理之日' });
    const after = await transition(trx, deps, ctx, lead, { action: 'startMediation', toStatus: next, note: i.note, data: { on, mediators: i.mediators } });
    // 第二十一条第一款第（五）项: 自投诉受理之日起四十五个工作日内.
    await openLeadDeadline(trx, deps, ctx, after, LEAD_DEADLINE_RULES.mediation, accepted);
    await submissionStep(trx, deps, ctx, lead, { kind: 'mediation', text: '经双方同意，已开始调解。' });
    return after;
  },

  async startTesting({ trx, deps, ctx, lead, next }, i) {
    const from = actionDate(deps, 'from', i.from, { on: await acceptedOn(trx, lead), what: '受理之日' });
    const d = await findOpenDeadline(trx, 'lead', lead.id, LEAD_DEADLINE_RULES.mediation);
    const after = await transition(trx, deps, ctx, lead, { action: 'startTesting', toStatus: next, note: i.note, data: { from } });
    // 第二十条第三款: 检定、检验、检测、鉴定所需时间不计算在调解期限内.
    if (d) await pauseDeadline(trx, deps, ctx, { deadlineId: d.id, from, reason: `检定、检验、检测、鉴定：${i.note}` });
    return after;
  },

  async endTesting(c, i) {
    return resumeMediationClock(c, 'endTesting', i.on, i.note);
  },

  async suspendMediation({ trx, deps, ctx, lead, next }, i) {
    const from = actionDate(deps, 'from', i.from, { on: await acceptedOn(trx, lead), what: '受理之日' });
    const d = await findOpenDeadline(trx, 'lead', lead.id, LEAD_DEADLINE_RULES.mediation);
    const after = await transition(trx, deps, ctx, lead, { action: 'suspendMediation', toStatus: next, note: i.note, data: { from } });
    // 第十九条第二款: 提出回避申请的，应当中止调解，并作出是否回避的决定.
    if (d) await pauseDeadline(trx, deps, ctx, { deadlineId: d.id, from, reason: `回避申请中止调解：${i.note}` });
    return after;
  },

  async resumeMediation(c, i) {
    return resumeMediationClock(c, 'resumeMediation', i.on, i.note);
  },

  async agreementReached({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, { on: await acceptedOn(trx, lead), what: '受理之日' });
    const form = MEDIATION_AGREEMENT_FORMS[i.form];
    const result = `经调解达成协议（${form}）：${i.result}`;
    const after = await transition(trx, deps, ctx, lead, { action: 'agreementReached', toStatus: next, note: i.result, data: { on, form: i.form }, patch: { result, closedOn: on } });
    await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [LEAD_DEADLINE_RULES.mediation], on);
    await submissionStep(trx, deps, ctx, lead, { kind: 'mediation', text: result, closeWith: result, message: { subject: '投诉已办结', body: `您的投诉${result}。请查看办理结果并评价。` } });
    return after;
  },

  async terminateMediation({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, { on: await acceptedOn(trx, lead), what: '受理之日' });
    const reason = LEAD_TERMINATION_REASONS[i.reasonCode];
    const after = await transition(trx, deps, ctx, lead, {
      action: 'terminateMediation', toStatus: next, reasonCode: i.reasonCode, note: i.note, data: { on }, patch: { reasonCode: i.reasonCode },
    });
    await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [LEAD_DEADLINE_RULES.mediation], on);
    // 第二十一条第二款: 自作出终止调解决定之日起七个工作日内告知投诉人和被投诉人.
    await openLeadDeadline(trx, deps, ctx, after, LEAD_DEADLINE_RULES.terminationNotice, on);
    await submissionStep(trx, deps, ctx, lead, { kind: 'terminateMediation', text: `终止调解：${reason.label}（暂行办法${reason.basis}）。`, note: i.note });
    return after;
  },

  async notifyTermination({ trx, deps, ctx, lead, next }, i) {
    const decided = (await repo.lastAction(trx, lead.id, 'terminateMediation'))?.data as { on?: string } | undefined;
    const on = actionDate(deps, 'on', i.on, decided?.on ? { on: decided.on, what: '终止调解决定之日' } : undefined);
    const reason = lead.reasonCode && lead.reasonCode in LEAD_TERMINATION_REASONS ? LEAD_TERMINATION_REASONS[lead.reasonCode as keyof typeof LEAD_TERMINATION_REASONS].label : '';
    const result = `终止调解${reason ? `：${reason}` : ''}`;
    const after = await transition(trx, deps, ctx, lead, {
      action: 'notifyTermination', toStatus: next, note: i.note, data: { on, method: i.method }, patch: { result, closedOn: on },
    });
    await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [LEAD_DEADLINE_RULES.terminationNotice], on);
    await submissionStep(trx, deps, ctx, lead, { kind: 'close', text: `${result}。已告知投诉人和被投诉人。`, closeWith: result, message: { subject: '投诉已办结', body: `您的投诉${result}。请查看办理结果并评价。` } });
    await smsToInformant(trx, deps, lead, '终止调解告知', `您对${lead.respondentName}的投诉${result}。`);
    return after;
  },

  /** 暂行办法 第二十三条: a violation found in mediation is verified within 15 working days of its discovery, as a new lead. */
  async spawnLead({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, { on: lead.receivedOn, what: '收到投诉之日' });
    const child = await insertLead(trx, deps, ctx, {
      kind: 'lead',
      source: 'complaintMediation',
      externalId: null,
      parentLeadId: lead.id,
      ipType: lead.ipType,
      title: i.title,
      facts: i.facts,
      respondent: { name: lead.respondentName, uscc: lead.respondentUscc, address: lead.respondentAddress, regionCode: lead.respondentRegionCode },
      informant: null,
      realName: false,
      receivedOn: on,
      intakeUnitId: lead.intakeUnitId,
      unitId: lead.unitId,
      countyUnitId: lead.countyUnitId,
      status: 'verifying',
      note: `投诉 ${lead.leadNo} 调解中发现`,
      deadline: { ruleKey: LEAD_DEADLINE_RULES.mediationVerification, startOn: on },
    });
    return transition(trx, deps, ctx, lead, { action: 'spawnLead', toStatus: next, note: i.title, data: { on, childId: child.id, childLeadNo: child.leadNo } });
  },

  // ---- report / lead: verification and the head's decision (程序规定 第十八条)
  async startVerification({ trx, deps, ctx, lead, next }, i) {
    const after = await transition(trx, deps, ctx, lead, { action: 'startVerification', toStatus: next, note: i.note });
    // The period runs from receipt and was opened with the lead; a lead without one (older data) gets it now.
    const has = (await repo.deadlines(trx, lead.id)).some((d) => LEAD_VERIFICATION_RULE_KEYS.includes(d.ruleKey));
    if (!has) {
      await openLeadDeadline(trx, deps, ctx, after, LEAD_DEADLINE_RULES.verification, lead.receivedOn);
    }
    await submissionStep(trx, deps, ctx, lead, { kind: 'verify', text: '已开始核查。' });
    return after;
  },

  async pauseVerification({ trx, deps, ctx, lead, next }, i) {
    const from = actionDate(deps, 'from', i.from, { on: lead.receivedOn, what: '收到之日' });
    const label = LEAD_VERIFICATION_PAUSE_REASONS[i.reasonCode].label;
    const d = await openVerificationDeadline(trx, lead.id);
    const after = await transition(trx, deps, ctx, lead, { action: 'pauseVerification', toStatus: next, reasonCode: i.reasonCode, note: i.note, data: { from } });
    // 程序规定 第十八条: 检测、检验、检疫、鉴定以及权利人辨认或者鉴别等所需时间，不计入核查期限.
    if (d) await pauseDeadline(trx, deps, ctx, { deadlineId: d.id, from, reason: `${label}${i.note ? `：${i.note}` : ''}` });
    return after;
  },

  async resumeVerification({ trx, deps, ctx, lead, next }, i) {
    const paused = (await repo.lastAction(trx, lead.id, 'pauseVerification'))?.data as { from?: string } | undefined;
    const on = actionDate(deps, 'on', i.on, paused?.from ? { on: paused.from, what: '暂停计时之日' } : undefined);
    const d = await openVerificationDeadline(trx, lead.id);
    const after = await transition(trx, deps, ctx, lead, { action: 'resumeVerification', toStatus: next, note: i.note, data: { on } });
    if (d) await resumeDeadline(trx, deps, ctx, { deadlineId: d.id, on });
    return after;
  },

  async submitVerification({ trx, deps, ctx, lead, unit, next }, i) {
    const after = await transition(trx, deps, ctx, lead, {
      action: 'submitVerification', toStatus: next, note: i.opinion, data: { result: i.result, proposal: i.proposal }, patch: { verificationResult: i.result },
    });
    const heads = [unit.id, ...(unit.kind === 'station' && unit.parentId ? [unit.parentId] : [])];
    await notifyStaff(trx, 'lead.approve', heads, after, 'lead.pendingApproval', `线索 ${lead.leadNo} 核查结果待审批`,
      `“${lead.title}”核查结果：${VERIFICATION_RESULTS[i.result]}，建议${i.proposal === 'fileCase' ? '立案' : '不予立案'}。请审批。`);
    return after;
  },

  async approveFiling(c, i) {
    return decideFiling(c, 'fileCase', i.on, i.opinion);
  },

  async declineFiling(c, i) {
    return decideFiling(c, 'declineCase', i.on, i.opinion);
  },

  async sendBack({ trx, deps, ctx, lead, next }, i) {
    const after = await transition(trx, deps, ctx, lead, { action: 'sendBack', toStatus: next, note: i.opinion, patch: { verificationResult: null } });
    await notifyStaff(trx, 'lead.handle', [lead.unitId], after, 'lead.sentBack', `线索 ${lead.leadNo} 退回补充核查`, `负责人意见：${i.opinion}`);
    return after;
  },

  /** 暂行办法 第三十一条第二款: 实名举报的，自作出是否立案决定之日起五个工作日内告知举报人. */
  async notifyReporter({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, lead.decidedOn ? { on: lead.decidedOn, what: '立案决定之日' } : undefined);
    const after = await transition(trx, deps, ctx, lead, { action: 'notifyReporter', toStatus: next, note: i.note, data: { on, method: i.method }, patch: { reporterNotifiedOn: on } });
    await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [LEAD_DEADLINE_RULES.reporterNotice], on);
    const found = lead.verificationResult ? `经核查，${noticeText(lead)}反映的情况${VERIFICATION_RESULTS[lead.verificationResult]}，` : '';
    const decided = lead.decision === 'fileCase' ? '已决定立案调查' : '决定不予立案';
    const text = `${found}${decided}（${lead.decidedOn}）。`;
    await submissionStep(trx, deps, ctx, lead, {
      kind: lead.decision === 'fileCase' ? 'fileCase' : 'declineCase', text,
      message: { subject: lead.decision === 'fileCase' ? '举报已立案' : '举报不予立案', body: `您的举报${text}` },
    });
    if (i.method === 'sms') await smsToInformant(trx, deps, lead, '举报处理告知', `您对${lead.respondentName}的举报${text}`);
    return after;
  },

  async close({ trx, deps, ctx, lead, next }, i) {
    const on = actionDate(deps, 'on', i.on, { on: lead.receivedOn, what: '收到之日' });
    const after = await transition(trx, deps, ctx, lead, { action: 'close', toStatus: next, note: i.result, data: { on }, patch: { result: i.result, closedOn: on } });
    // Nothing stays running for a finished lead (the reporter notice was given first: see the close guard).
    for (const d of await deadlinesOf(trx, 'lead', lead.id)) {
      if (d.completedOn === null) await completeDeadline(trx, deps, ctx, { deadlineId: d.id, on: on < d.startOn ? d.startOn : on });
    }
    const k = noticeText(lead);
    await submissionStep(trx, deps, ctx, lead, { kind: 'close', text: i.result, closeWith: i.result, message: { subject: `${k}已办结`, body: `您的${k}已办结：${i.result}。请查看办理结果并评价。` } });
    return after;
  },
};

async function resumeMediationClock(c: ActionCtx, action: 'endTesting' | 'resumeMediation', onInput: string, note: string | null): Promise<LeadRow> {
  const { trx, deps, ctx, lead, next } = c;
  const started = (await repo.lastAction(trx, lead.id, action === 'endTesting' ? 'startTesting' : 'suspendMediation'))?.data as { from?: string } | undefined;
  const on = actionDate(deps, 'on', onInput, started?.from ? { on: started.from, what: '暂停开始之日' } : undefined);
  const d = await findOpenDeadline(trx, 'lead', lead.id, LEAD_DEADLINE_RULES.mediation);
  const after = await transition(trx, deps, ctx, lead, { action, toStatus: next, note, data: { on } });
  if (d) await resumeDeadline(trx, deps, ctx, { deadlineId: d.id, on });
  return after;
}

/** 负责人决定 立案 / 不予立案: completes the verification period; a real-name reporter must be told within 5 WD (第三十一条). */
async function decideFiling(c: ActionCtx, decision: 'fileCase' | 'declineCase', onInput: string | undefined, opinion: string | null): Promise<LeadRow> {
  const { trx, deps, ctx, lead, next } = c;
  const on = actionDate(deps, 'on', onInput, { on: lead.receivedOn, what: '收到之日' });
  const after = await transition(trx, deps, ctx, lead, {
    action: decision === 'fileCase' ? 'approveFiling' : 'declineFiling', toStatus: next, note: opinion, data: { on, decision },
    patch: { decision, decidedOn: on },
  });
  await completeOpenDeadlines(trx, deps, ctx, 'lead', lead.id, [...LEAD_VERIFICATION_RULE_KEYS, 'lead.verificationExtension'], on);
  if (lead.realName) await openLeadDeadline(trx, deps, ctx, after, LEAD_DEADLINE_RULES.reporterNotice, on);
  await notifyStaff(trx, 'lead.handle', [lead.unitId], after, 'lead.decided', `线索 ${lead.leadNo} ${decision === 'fileCase' ? '已批准立案' : '决定不予立案'}`,
    decision === 'fileCase'
      ? `“${lead.title}”立案已批准，请登记案件${lead.realName ? '，并在五个工作日内告知实名举报人' : ''}。`
      : `“${lead.title}”决定不予立案${lead.realName ? '，请在五个工作日内告知实名举报人' : ''}。`);
  return after;
}

/**
 * Performs a user action on a lead: locks the row in the actor's scope (404 outside), checks the status table (409 with the
 * allowed actions), the row version (409), the responsible unit, then the action's own rules — all in one transaction with
 * its action row, deadline changes, messages and audit rows.
 */
export async function performLeadAction<A extends LeadUserAction>(deps: Deps, ctx: Ctx, id: number, action: A, input: LeadActionInput<A>): Promise<LeadDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const lead = await repo.getInScope(trx, actor, id, { forUpdate: true });
    if (!lead) throw new AppError('NOT_FOUND');
    const unit = await unitOrFail(trx, lead.unitId);
    const state = workflowStateOf(lead, unit);
    if (!leadActionAllowed(state, action)) throw notAllowed(lead, unit, action);
    if (lead.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!actorMayAct(actor, await placeOf(trx, actor), lead, unit, action)) {
      throw new AppError('FORBIDDEN', { message: `该线索当前由${unit.name}办理，您不能${LEAD_ACTIONS[action]}` });
    }
    const handler = HANDLERS[action] as Handler<A>;
    const after = await handler({ trx, deps, ctx, actor, lead, unit, next: nextLeadStatus(state, action) }, input);
    const fresh = (await repo.unsafeGet(trx, after.id)) ?? after;
    // The actor may no longer see it (e.g. returned to the intake): answer with what they saw, as far as it is theirs.
    const visible = await repo.getInScope(trx, actor, fresh.id);
    return detailOf(trx, deps, actor, visible ?? fresh);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// cross-module functions (contracts.md): called by the cases module inside its own transaction
// ---------------------------------------------------------------------------------------------------------------

async function lockLeadForSystem(trx: Trx, leadId: number, action: LeadAction): Promise<{ lead: LeadRow; unit: UnitRow }> {
  const lead = await repo.unsafeGet(trx, leadId, { forUpdate: true });
  if (!lead) throw new AppError('NOT_FOUND', { message: '线索不存在' });
  const unit = await unitOrFail(trx, lead.unitId);
  if (!leadActionAllowed(workflowStateOf(lead, unit), action)) {
    throw notAllowed(lead, unit, action, action === 'linkCase'
      ? `线索 ${lead.leadNo} 当前为“${LEAD_STATUSES[lead.status as LeadStatus] ?? lead.status}”，负责人批准立案后才能登记案件`
      : undefined);
  }
  return { lead, unit };
}

/**
 * Called by the cases module when a case is registered for a lead whose 立案 was approved: lead → caseFiled, lead.caseId
 * set, public event to the submission (if any). Throws ACTION_NOT_ALLOWED when the lead is not in the approved state.
 */
export async function linkCaseToLead(trx: Transaction<Database>, deps: Deps, ctx: Ctx, leadId: number, kase: { id: number; caseNo: string; filedOn: string }): Promise<void> {
  const { lead } = await lockLeadForSystem(trx, leadId, 'linkCase');
  await transition(trx, deps, ctx, lead, {
    action: 'linkCase', toStatus: 'caseFiled', note: `立案号 ${kase.caseNo}`, data: { caseId: kase.id, caseNo: kase.caseNo, filedOn: kase.filedOn },
    patch: { caseId: kase.id },
  });
  // A real-name reporter already told of the 立案 decision (第三十一条) is not shown a second 立案 step; an anonymous
  // reporter learns it here.
  if (!lead.reporterNotifiedOn) await submissionStep(trx, deps, ctx, lead, { kind: 'fileCase', text: `已于 ${kase.filedOn} 立案调查。` });
}

/**
 * Called by the cases module at 决定 and 结案: appends a public event to the originating submission (if any) with
 * `publicText`, and on 'closed' closes the lead (and the submission, with the result text).
 */
export async function recordCaseOutcome(trx: Transaction<Database>, deps: Deps, ctx: Ctx, leadId: number, outcome: { step: 'decided' | 'closed'; publicText: string }): Promise<void> {
  const action: LeadAction = outcome.step === 'decided' ? 'caseDecided' : 'caseClosed';
  const { lead } = await lockLeadForSystem(trx, leadId, action);
  const today = todayOf(deps);
  if (outcome.step === 'decided') {
    await transition(trx, deps, ctx, lead, { action, toStatus: lead.status as LeadStatus, note: outcome.publicText });
    await submissionStep(trx, deps, ctx, lead, { kind: 'caseDecision', text: outcome.publicText });
    return;
  }
  await transition(trx, deps, ctx, lead, { action, toStatus: 'closed', note: outcome.publicText, patch: { result: outcome.publicText, closedOn: today } });
  const k = noticeText(lead);
  await submissionStep(trx, deps, ctx, lead, {
    kind: 'close', text: outcome.publicText, closeWith: outcome.publicText,
    message: { subject: `${k}已办结`, body: `您的${k}已办结：${outcome.publicText}。请查看办理结果并评价。` },
  });
}

