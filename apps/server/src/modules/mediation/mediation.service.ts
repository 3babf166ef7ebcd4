/**
 * 知识产权纠纷调解 (人民调解、诉调对接、司法确认). A mediation is registered from a party's application (portal or window), a
 * court's delegation (委派, 诉前) or entrustment (委托, 诉中), a complaint, or an adjudication's damages question; every step
 * runs in one transaction: the row is locked in the actor's scope, the status table (packages/shared mediation-workflow.ts)
 * and the row version are checked, the step is appended to mediation_actions, deadlines move, the audit row is written.
 *
 * Deadlines of a mediation (entity 'mediation', rule keys in deadline-rules.seed.ts):
 *   mediation.courtDelegated / courtEntrustedOrdinary / courtEntrustedSimple  30 / 15 / 7 日 from the day the materials were
 *       signed for (最高人民法院关于人民法院特邀调解的规定 第二十七条); the court's period, extended when both parties agree;
 *       completed by the agreement, the termination or the refusal.
 *   mediation.patentOpinion  15 日: the respondent of a patent dispute states whether it agrees to mediate (专利行政执法办法
 *       第二十一条, 2015 wording, unverified against the 2025 办法); completed by 受理 or 不予调解.
 *   mediation.judicialConfirmation  30 日 from the agreement's effective date (人民调解法 第三十三条, 民事诉讼法 第二百零五条);
 *       not opened for an agreement confirming ownership (民诉法解释 第三百五十五条); completed by the application.
 * 结案 closes whatever is still open.
 */
import type { MultipartFile } from '@fastify/multipart';
import {
  AGREEMENT_TERM_KINDS,
  DISPUTE_TYPES,
  MEDIATION_ACTIONS,
  MEDIATION_AGREEMENT_STATUSES,
  MEDIATION_AGREEMENT_TYPES,
  MEDIATION_PERFORMANCES,
  MEDIATION_RULINGS,
  MEDIATION_SOURCES,
  MEDIATION_STATUSES,
  MEDIATION_TERMINATION_REASONS,
  MEDIATOR_KINDS,
  allowedMediationActions,
  availableMediationActions,
  formatDocNo,
  isCourtSource,
  judicialConfirmationBlock,
  maskIdNo,
  maskPhone,
  mediationActionAllowed,
  mediationPeriodRule,
  nextMediationStatus,
  organCode,
  type AcceptMediationInput,
  type ApplyConfirmationInput,
  type AssignMediatorsInput,
  type CloseMediationInput,
  type CourtProcedure,
  type ExtendMediationInput,
  type InformCourtInput,
  type MediationAction,
  type MediationDeadlineDto,
  type MediationDetailDto,
  type MediationFileDto,
  type MediationIdentityDto,
  type MediationListPageDto,
  type MediationListQuery,
  type MediationPartyRawInput,
  type MediationReceiptDto,
  type MediationStatus,
  type MediationTimelineEntryDto,
  type MediationUserAction,
  type MediatorCandidateDto,
  type MyMediationDto,
  type MyMediationProgressDto,
  type Page,
  type PortalMediationInput,
  type ReachAgreementInput,
  type RecordPerformanceInput,
  type RecordRulingInput,
  type RecordSessionInput,
  type RefuseMediationInput,
  type RegisterMediationInput,
  type TerminateMediationInput,
} from '@zhichan/shared';
import type { Transaction, Updateable } from 'kysely';
import { can, unitInScope, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import { nextRecordNumber } from '../../db/record-counters';
import type { Database, MediationsTable } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { sha256Hex } from '../../lib/crypto';
import { canonicalJson } from '../audit/audit.hash';
import { writeAudit } from '../audit/audit.service';
import { completeDeadline, deadlinesOf, extendDeadline, findOpenDeadline, openDeadline, pausesAndExtensionsOf, type DeadlineRow } from '../deadlines/deadlines.service';
import { uploadFile } from '../files/files.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import { claimPortalUploads } from '../submissions/submissions.service';
import { listName, mediatorRoleLabel, num, presentAction, presentListItem } from './mediation.presenter';
import { mediationRepository as repo, type MediationPartyRow, type MediationRow } from './mediation.repository';
import { candidatesFor, checkAssignable, type PartyForConflict } from './mediators.service';

type Trx = Transaction<Database>;

// ---------------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------------

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

const todayOf = (deps: Deps) => chinaDate(deps.clock.now());

/** A date of the input, defaulting to today: never in the future, never before `notBefore`. */
function pickDate(path: string, value: string | undefined | null, today: string, notBefore?: { date: string | null; label: string }): string {
  const v = value ?? today;
  if (v > today) throw fieldError(path, '日期不能晚于今天');
  // A typing slip (0026-04-20) must not open a deadline counted from antiquity.
  if (v < '2000-01-01') throw fieldError(path, '日期不正确，请核对年份');
  if (notBefore?.date && v < notBefore.date) throw fieldError(path, `日期不能早于${notBefore.label}（${notBefore.date}）`);
  return v;
}

const COURT_RULE_KEYS = ['mediation.courtDelegated', 'mediation.courtEntrustedOrdinary', 'mediation.courtEntrustedSimple'];

function courtPeriodTitle(m: { source: string; courtName: string | null; courtCaseNo: string | null }): string {
  const kind = m.source === 'courtDelegated' ? '委派调解期限' : '委托调解期限';
  return `${kind}（${m.courtName ?? ''}${m.courtCaseNo ? `，${m.courtCaseNo}` : ''}）`;
}

const PATENT_OPINION_TITLE = '征求被申请人调解意见（专利纠纷）';
const CONFIRMATION_TITLE = '当事人申请司法确认（协议生效之日起三十日内）';

/** Completes the open deadlines of these rule keys (all when null) on `on`, never before a deadline's own start. */
async function completeOpen(trx: Trx, deps: Deps, ctx: Ctx, mediationId: number, ruleKeys: string[] | null, on: string): Promise<DeadlineRow[]> {
  const rows = await deadlinesOf(trx, 'mediation', mediationId);
  const rules = ruleKeys ? await ruleKeysOf(trx, rows) : null;
  const done: DeadlineRow[] = [];
  for (const d of rows) {
    if (d.completedOn !== null) continue;
    if (ruleKeys && !ruleKeys.includes(rules!.get(d.ruleId) ?? '')) continue;
    done.push(await completeDeadline(trx, deps, ctx, { deadlineId: d.id, on: on < d.startOn ? d.startOn : on }));
  }
  return done;
}

async function ruleKeysOf(ex: Executor, rows: DeadlineRow[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.ruleId))];
  if (ids.length === 0) return new Map();
  const rules = await ex.selectFrom('deadlineRules').select(['id', 'key']).where('id', 'in', ids).execute();
  return new Map(rules.map((r) => [r.id, r.key]));
}

async function openCourtPeriod(ex: Executor, m: MediationRow): Promise<DeadlineRow | undefined> {
  for (const key of COURT_RULE_KEYS) {
    const d = await findOpenDeadline(ex, 'mediation', m.id, key);
    if (d) return d;
  }
  return undefined;
}

function partiesForConflict(parties: MediationPartyRow[]): PartyForConflict[] {
  return parties.map((p) => ({ side: p.side, name: p.name, uscc: p.uscc }));
}

function facts(m: MediationRow, courtPeriodOpen: boolean) {
  return {
    source: m.source,
    courtInformed: m.courtInformedOn !== null,
    confirmationBlocked: m.agreementEffectiveOn !== null && judicialConfirmationBlock(m.agreementTermKinds, m.disputeType) !== null,
    courtPeriodOpen,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------------------------------------------

async function deadlineDtos(ex: Executor, mediationId: number): Promise<MediationDeadlineDto[]> {
  const rows = await repo.deadlines(ex, mediationId);
  const ids = rows.map((r) => r.id);
  const [pauses, extensions] = await pausesAndExtensionsOf(ex, ids);
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

const fileDto = (f: { id: number; originalName: string; size: number; mime: string }): MediationFileDto => ({
  id: f.id, name: f.originalName, size: f.size, mime: f.mime, downloadUrl: `/api/files/${f.id}`,
});

async function detailOf(deps: Deps, actor: Actor, m: MediationRow, ex: Executor): Promise<MediationDetailDto> {
  const [unit, parties, mediators, sessions, files, actions, deadlines] = await Promise.all([
    repo.unitName(ex, m.unitId),
    repo.parties(ex, [m.id]),
    repo.assignedMediators(ex, m.id),
    repo.sessions(ex, m.id),
    repo.files(ex, m.id),
    repo.actions(ex, m.id),
    deadlineDtos(ex, m.id),
  ]);
  const lead = m.leadId ? await repo.leadNo(ex, m.leadId) : undefined;
  const adjudication = m.adjudicationId ? await repo.adjudicationRef(ex, m.adjudicationId) : undefined;
  const status = m.status as MediationStatus;
  const court = [...deadlines].reverse().find((d) => COURT_RULE_KEYS.includes(d.ruleKey));
  const window = [...deadlines].reverse().find((d) => d.ruleKey === 'mediation.judicialConfirmation');
  const block = m.agreementEffectiveOn ? judicialConfirmationBlock(m.agreementTermKinds, m.disputeType) : null;
  const handle = can(actor, 'mediation.handle');
  const filesById = new Map(files.map((f) => [f.id, f]));
  const lastPerformance = [...actions].reverse().find((a) => a.action === 'recordPerformance');
  const perfNote = (lastPerformance?.data as { note?: string | null } | null)?.note ?? null;
  return {
    ...presentListItem({ ...m, unitName: unit?.name ?? '', chiefMediatorName: mediators.find((r) => r.role === 'chief')?.name ?? null }, parties),
    claims: m.claims,
    amountClaimed: num(m.amountClaimed),
    courtProcedure: m.courtProcedure,
    materialsReceivedOn: m.materialsReceivedOn,
    lead: m.leadId && lead ? { id: m.leadId, leadNo: lead.leadNo } : null,
    adjudication: adjudication ? { id: adjudication.id, requestNo: adjudication.requestNo, caseNo: adjudication.caseNo } : null,
    acceptedOn: m.acceptedOn,
    refusedReason: m.refusedReason,
    // The handling staff and mediators need the names in full; ID numbers and phones stay masked (GET …/identity, audited).
    parties: parties.map((p) => ({
      id: p.id, side: p.side, kind: p.kind, name: p.name, uscc: p.uscc, idNoMasked: p.idNoMasked, phoneMasked: p.phoneMasked, address: p.address, agent: p.agent,
    })),
    mediators: mediators.map((r) => ({
      mediatorId: r.mediatorId, name: r.name, kind: r.kind, kindLabel: MEDIATOR_KINDS[r.kind], employer: r.employer, role: r.role,
      roleLabel: mediatorRoleLabel(r.role), assignedAt: r.assignedAt,
    })),
    sessions: sessions.map((s) => {
      const f = s.fileId ? filesById.get(s.fileId) : undefined;
      return {
        id: s.id, heldOn: s.heldOn, place: s.place, online: s.online, attendees: s.attendees, minutes: s.minutes, file: f ? fileDto(f) : null,
        createdByName: s.createdByName ?? null, createdAt: s.createdAt,
      };
    }),
    files: files.map(fileDto),
    agreement:
      m.agreementForm && m.agreementEffectiveOn
        ? {
            form: m.agreementForm,
            formLabel: MEDIATION_AGREEMENT_TYPES[m.agreementForm],
            terms: m.agreementTerms ?? '',
            termKinds: m.agreementTermKinds as (keyof typeof AGREEMENT_TERM_KINDS)[],
            amount: num(m.agreementAmount),
            effectiveOn: m.agreementEffectiveOn,
            performanceDueOn: m.performanceDueOn,
          }
        : null,
    termination: m.terminatedOn ? { terminatedOn: m.terminatedOn, reason: m.terminationReason ?? '' } : null,
    confirmation: {
      blockMessage: block,
      windowDueOn: block ? null : (window?.dueOn ?? null),
      appliedOn: m.confirmationAppliedOn,
      court: m.confirmationCourt,
      caseNo: m.confirmationCaseNo,
      ruling: m.confirmationRuling,
      rulingOn: m.confirmationRulingOn,
    },
    performance: m.performance && m.performanceOn
      ? { performance: m.performance, label: MEDIATION_PERFORMANCES[m.performance], on: m.performanceOn, note: perfNote }
      : null,
    courtPeriod: court
      ? {
          dueOn: court.dueOn,
          state: court.state,
          extendedDays: court.extensions.reduce((s, e) => s + e.amount, 0),
          basis: `《${court.basis.regulation}》${court.basis.article}`,
        }
      : null,
    courtInformedOn: m.courtInformedOn,
    closedOn: m.closedOn,
    deadlines,
    actions: actions.map(presentAction),
    allowedActions: handle ? availableMediationActions(status, facts(m, !!court && court.completedOn === null)) : [],
    abilities: {
      handle,
      viewIdentity: handle,
      uploadFile: handle && status !== 'closed',
      generateAgreement: handle && m.agreementForm === 'written' && m.agreementEffectiveOn !== null,
    },
  };
}

async function getRow(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<MediationRow> {
  const m = await repo.get(ex, actor, id, { forUpdate });
  if (!m) throw new AppError('NOT_FOUND', { message: '调解案件不存在或无权访问' });
  return m;
}

export async function getMediation(deps: Deps, ctx: Ctx, id: number): Promise<MediationDetailDto> {
  const actor = staff(ctx);
  return detailOf(deps, actor, await getRow(deps.db, actor, id), deps.db);
}

export async function listMediations(deps: Deps, ctx: Ctx, q: MediationListQuery): Promise<MediationListPageDto> {
  const actor = staff(ctx);
  const { total, items } = await repo.list(deps.db, actor, q);
  const parties = await repo.parties(deps.db, items.map((i) => i.id));
  return {
    items: items.map((m) => presentListItem(m, parties.filter((p) => p.mediationId === m.id))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Full ID numbers and phones of the parties; every view is audited (user-expectations §5.4). */
export async function getIdentity(deps: Deps, ctx: Ctx, id: number): Promise<MediationIdentityDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const m = await getRow(trx, actor, id);
    const parties = await repo.parties(trx, [m.id]);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'mediation.identity.view', entityType: 'mediation', entityId: m.id,
      after: { mediationNo: m.mediationNo, parties: parties.map((p) => ({ id: p.id, fields: [p.idNoEnc ? 'idNo' : null, p.phoneEnc ? 'phone' : null].filter(Boolean) })) },
    });
    return {
      parties: parties.map((p) => ({
        id: p.id, side: p.side, name: p.name,
        idNo: p.idNoEnc ? deps.cipher.decrypt(p.idNoEnc) : null,
        phone: p.phoneEnc ? deps.cipher.decrypt(p.phoneEnc) : null,
      })),
    };
  });
}

export async function mediatorCandidates(deps: Deps, ctx: Ctx, mediationId: number): Promise<MediatorCandidateDto[]> {
  const actor = staff(ctx);
  const m = await getRow(deps.db, actor, mediationId);
  const [parties, assigned] = await Promise.all([repo.parties(deps.db, [m.id]), repo.assignedMediators(deps.db, m.id)]);
  return candidatesFor(deps.db, actor, { ipType: m.ipType, assigned: assigned.map((a) => ({ mediatorId: a.mediatorId, role: a.role })) }, partiesForConflict(parties), todayOf(deps));
}

/** Download check for files of a mediation (registered with the files module). */
export async function mediationFileReadable(deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || !can(actor, 'mediation.read')) return false;
  const id = Number(ownerId);
  if (!Number.isInteger(id)) return false;
  return !!(await repo.get(deps.db, actor, id));
}

/** A file of the mediation, for GET /api/mediations/:id/files/:fileId. */
export async function mediationFile(deps: Deps, ctx: Ctx, id: number, fileId: number) {
  const actor = staff(ctx);
  await getRow(deps.db, actor, id);
  const f = await repo.file(deps.db, fileId);
  if (!f || f.ownerType !== 'mediation' || f.ownerId !== String(id)) throw new AppError('NOT_FOUND', { message: '文件不存在' });
  return f;
}

// ---------------------------------------------------------------------------------------------------------------
// 登记
// ---------------------------------------------------------------------------------------------------------------

interface NewMediation {
  unitId: number;
  source: MediationRow['source'];
  channel: MediationRow['channel'];
  portalUserId?: number | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  courtName?: string | null;
  courtCaseNo?: string | null;
  courtProcedure?: CourtProcedure | null;
  materialsReceivedOn?: string | null;
  leadId?: number | null;
  adjudicationId?: number | null;
  ipType: MediationRow['ipType'];
  disputeType: MediationRow['disputeType'];
  subject: string;
  claims: string;
  amountClaimed: string | number | null;
  appliedOn: string;
  parties: MediationPartyRawInput[];
  createdBy: number | null;
}

/** 调解案号 泰市监知调〔2026〕5号: one gap-free sequence per 机关 (the county bureau, else the city bureau) and year. */
async function nextMediationNo(trx: Executor, unitId: number, year: number): Promise<string> {
  const chain = await repo.unitChain(trx, unitId);
  if (chain.length === 0) throw new AppError('NOT_FOUND', { message: '机构不存在或无权访问' });
  const city = chain[0]!;
  const county = chain.find((u) => u.kind === 'countyBureau') ?? null;
  const organ = county ?? city;
  const seq = await nextRecordNumber(trx, `mediation:${organ.id}`, year);
  return formatDocNo(organCode(city.name, county?.name), '知调', year, seq);
}

/**
 * Inserts a mediation with its parties (ID numbers and phones SM4-encrypted and masked), the 登记 log row, the deadlines
 * that start at registration and the audit row, in the caller's transaction.
 */
async function insertMediation(trx: Trx, deps: Deps, ctx: Ctx, n: NewMediation): Promise<MediationRow> {
  const nowIso = deps.clock.now().toISOString();
  const mediationNo = await nextMediationNo(trx, n.unitId, Number(todayOf(deps).slice(0, 4)));
  const m = await repo.insert(trx, {
    mediationNo,
    unitId: n.unitId,
    source: n.source,
    channel: n.channel,
    portalUserId: n.portalUserId ?? null,
    idempotencyKey: n.idempotencyKey ?? null,
    requestHash: n.requestHash ?? null,
    courtName: n.courtName ?? null,
    courtCaseNo: n.courtCaseNo ?? null,
    courtProcedure: n.source === 'courtEntrusted' ? (n.courtProcedure ?? null) : null,
    materialsReceivedOn: n.materialsReceivedOn ?? null,
    leadId: n.leadId ?? null,
    adjudicationId: n.adjudicationId ?? null,
    ipType: n.ipType,
    disputeType: n.disputeType,
    subject: n.subject,
    claims: n.claims,
    amountClaimed: n.amountClaimed,
    appliedOn: n.appliedOn,
    status: 'applied',
    createdBy: n.createdBy,
    createdAt: nowIso,
    updatedAt: nowIso,
  });
  await repo.insertParties(
    trx,
    n.parties.map((p, i) => {
      const idNo = p.kind === 'person' && p.idNo ? p.idNo.trim().toUpperCase() : null;
      const phone = p.phone ? p.phone.trim() : null;
      return {
        mediationId: m.id,
        side: p.side,
        kind: p.kind,
        name: p.name.trim(),
        uscc: p.kind === 'organization' && p.uscc ? p.uscc.trim().toUpperCase() : null,
        idNoEnc: idNo ? deps.cipher.encrypt(idNo) : null,
        idNoMasked: idNo ? maskIdNo(idNo) : null,
        phoneEnc: phone ? deps.cipher.encrypt(phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        address: p.address?.trim() || null,
        agent: p.agent?.trim() || null,
        sort: i,
      };
    }),
  );
  const actor = ctx.actor;
  const staffActor = actor?.kind === 'staff' ? actor : null;
  await repo.insertAction(trx, {
    mediationId: m.id,
    action: 'register',
    fromStatus: null,
    toStatus: 'applied',
    note: null,
    data: JSON.stringify({
      source: n.source, channel: n.channel, appliedOn: n.appliedOn, courtName: n.courtName ?? null, courtCaseNo: n.courtCaseNo ?? null,
      materialsReceivedOn: n.materialsReceivedOn ?? null, leadId: n.leadId ?? null, adjudicationId: n.adjudicationId ?? null,
    }),
    // A portal applicant is not staff: the log names the channel instead (mediation_actions.actor_id: 门户申请人为空).
    actorId: staffActor?.userId ?? null,
    actorName: staffActor?.displayName ?? (n.channel === 'portal' ? '申请人（门户在线申请）' : null),
    at: nowIso,
  });
  // 特邀调解规定 第二十七条: the court's period runs from the day the mediator signed for the materials.
  const courtRule = mediationPeriodRule(n.source, n.courtProcedure ?? null);
  if (courtRule && n.materialsReceivedOn) {
    await openDeadline(trx, deps, ctx, { entityType: 'mediation', entityId: m.id, title: courtPeriodTitle(m), unitId: m.unitId, ruleKey: courtRule, startOn: n.materialsReceivedOn });
  }
  // A patent dispute on a party's application: the respondent states within 15 days whether it agrees to mediate.
  if (n.source === 'application' && n.ipType === 'patent') {
    await openDeadline(trx, deps, ctx, { entityType: 'mediation', entityId: m.id, title: PATENT_OPINION_TITLE, unitId: m.unitId, ruleKey: 'mediation.patentOpinion', startOn: n.appliedOn });
  }
  await writeAudit(trx, deps.clock, ctx, {
    action: 'mediation.register', entityType: 'mediation', entityId: m.id,
    // No personal numbers in the audit log: they stay in the encrypted columns.
    after: {
      mediationNo, unitId: m.unitId, source: m.source, channel: m.channel, courtName: m.courtName, courtCaseNo: m.courtCaseNo, leadId: m.leadId,
      adjudicationId: m.adjudicationId, ipType: m.ipType, disputeType: m.disputeType, subject: m.subject,
      parties: n.parties.map((p) => ({ side: p.side, kind: p.kind, name: p.name })),
    },
  });
  return (await repo.unsafeGetById(trx, m.id))!;
}

/** 窗口登记 / 法院移送 / 投诉转调解 by staff (mediation.handle). */
export async function registerMediation(deps: Deps, ctx: Ctx, input: RegisterMediationInput): Promise<MediationDetailDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  // A mediator (仅本人 scope) only works on the mediations assigned to them: registering is the bureau's (调解组织) job.
  if (actor.scope.kind === 'limited' && actor.scope.unitIds.length === 0) throw new AppError('FORBIDDEN', { message: '调解员不能登记调解，请由知识产权管理部门登记后指派调解员' });
  const unitId = input.unitId ?? actor.unitId;
  if (unitId === null || unitId === undefined) throw fieldError('body.unitId', '请选择调解机构');
  if (!unitInScope(actor, unitId)) throw new AppError('NOT_FOUND', { message: '调解机构不存在或无权访问' });
  const court = isCourtSource(input.source);
  const materialsReceivedOn = court ? pickDate('body.materialsReceivedOn', input.materialsReceivedOn, today) : null;
  const appliedOn = pickDate('body.appliedOn', input.appliedOn ?? materialsReceivedOn, today);
  if (materialsReceivedOn && materialsReceivedOn < appliedOn) throw fieldError('body.materialsReceivedOn', `签收材料日期不能早于收到委派（委托）的日期（${appliedOn}）`);
  return deps.db.transaction().execute(async (trx) => {
    let leadId: number | null = null;
    if (input.source === 'complaint') {
      const lead = await repo.leadInScope(trx, actor, input.leadId!);
      if (!lead) throw fieldError('body.leadId', '来源投诉不存在或无权访问');
      if (lead.kind !== 'complaint') throw fieldError('body.leadId', `线索 ${lead.leadNo} 不是投诉，不能转调解`);
      leadId = lead.id;
    }
    const m = await insertMediation(trx, deps, ctx, {
      unitId,
      source: input.source,
      channel: court ? 'court' : input.source === 'complaint' ? 'internal' : 'window',
      courtName: court ? input.courtName : null,
      courtCaseNo: court ? input.courtCaseNo : null,
      courtProcedure: input.source === 'courtEntrusted' ? input.courtProcedure : null,
      materialsReceivedOn,
      leadId,
      ipType: input.ipType,
      disputeType: input.disputeType,
      subject: input.subject,
      claims: input.claims,
      amountClaimed: input.amountClaimed,
      appliedOn,
      parties: input.parties,
      createdBy: actor.userId,
    });
    return detailOf(deps, actor, m, trx);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// cross-module: the adjudication's damages mediation, a complaint's mediation (contracts.md 3)
// ---------------------------------------------------------------------------------------------------------------

export interface MediationFromSourceInput {
  source: 'adjudication' | 'complaint';
  adjudicationId?: number | null; // source 'adjudication'
  leadId?: number | null; // source 'complaint'
  unitId: number; // the mediating unit (the adjudication's unit)
  ipType: 'patent' | 'trademark' | 'geographicalIndication' | 'tradeSecret' | 'other';
  disputeType: 'infringementDamages' | 'ownership' | 'inventorship' | 'employeeReward' | 'provisionalUseFee' | 'licence' | 'contract' | 'other';
  subject: string;
  claims: string;
  amountClaimed?: string | number | null;
  parties: { side: 'applicant' | 'respondent'; kind: 'organization' | 'person'; name: string; uscc?: string | null; address?: string | null; agent?: string | null }[];
}

/**
 * Opens a mediation from another record inside the caller's transaction (status 待受理, channel internal, first log row
 * 登记, audit row). The caller has authorised its own record. No personal numbers are copied: the handler enters ID
 * numbers and phones of natural persons in the mediation if needed.
 */
export async function createMediationFromSource(
  trx: Transaction<Database>,
  deps: Deps,
  ctx: Ctx,
  input: MediationFromSourceInput,
): Promise<{ id: number; mediationNo: string }> {
  if (input.source === 'adjudication' && !input.adjudicationId) throw new AppError('VALIDATION_FAILED', { message: '缺少来源行政裁决案件' });
  if (input.source === 'complaint' && !input.leadId) throw new AppError('VALIDATION_FAILED', { message: '缺少来源投诉' });
  if (!input.parties.some((p) => p.side === 'applicant') || !input.parties.some((p) => p.side === 'respondent')) {
    throw new AppError('VALIDATION_FAILED', { message: '调解须有申请人和被申请人' });
  }
  const m = await insertMediation(trx, deps, ctx, {
    unitId: input.unitId,
    source: input.source,
    channel: 'internal',
    leadId: input.source === 'complaint' ? input.leadId : null,
    adjudicationId: input.source === 'adjudication' ? input.adjudicationId : null,
    ipType: input.ipType,
    disputeType: input.disputeType,
    subject: input.subject,
    claims: input.claims,
    amountClaimed: input.amountClaimed ?? null,
    appliedOn: todayOf(deps),
    parties: input.parties.map((p) => ({ side: p.side, kind: p.kind, name: p.name, uscc: p.kind === 'organization' ? (p.uscc ?? null) : null, address: p.address ?? null, agent: p.agent ?? null })),
    createdBy: ctx.actor?.kind === 'staff' ? ctx.actor.userId : null,
  });
  return { id: m.id, mediationNo: m.mediationNo };
}

/** The mediations opened from an adjudication (for its detail page). */
export async function mediationsOfAdjudication(
  ex: Executor,
  adjudicationId: number,
): Promise<{ id: number; mediationNo: string; status: string; statusLabel: string }[]> {
  const rows = await repo.ofAdjudication(ex, adjudicationId);
  return rows.map((r) => ({ ...r, statusLabel: MEDIATION_STATUSES[r.status as MediationStatus] ?? r.status }));
}

// ---------------------------------------------------------------------------------------------------------------
// portal: 在线申请调解, 我的调解
// ---------------------------------------------------------------------------------------------------------------

function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: string }).code === '23505';
}

/** The portal's next step of a mediation and its due date. */
async function nextStepOf(ex: Executor, m: MediationRow): Promise<{ nextStep: string | null; expectedNextStepBy: string | null }> {
  const status = m.status as MediationStatus;
  const rows = await deadlinesOf(ex, 'mediation', m.id);
  const keys = await ruleKeysOf(ex, rows);
  const open = (key: string[]) => rows.find((d) => d.completedOn === null && key.includes(keys.get(d.ruleId) ?? ''));
  if (status === 'applied') {
    const d = open(['mediation.patentOpinion']);
    return d ? { nextStep: '征求被申请人是否同意调解的意见', expectedNextStepBy: d.dueOn } : { nextStep: '确认是否受理调解申请', expectedNextStepBy: null };
  }
  if (status === 'mediating') {
    const d = open(COURT_RULE_KEYS);
    return { nextStep: '组织双方当事人调解', expectedNextStepBy: d?.dueOn ?? null };
  }
  if (status === 'agreed' && !judicialConfirmationBlock(m.agreementTermKinds, m.disputeType)) {
    const d = open(['mediation.judicialConfirmation']);
    if (d) return { nextStep: '双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认', expectedNextStepBy: d.dueOn };
  }
  return { nextStep: null, expectedNextStepBy: null };
}

async function receiptOf(ex: Executor, m: MediationRow): Promise<MediationReceiptDto> {
  const next = await nextStepOf(ex, m);
  const status = m.status as MediationStatus;
  return {
    mediationNo: m.mediationNo,
    appliedOn: m.appliedOn,
    status,
    statusLabel: MEDIATION_STATUSES[status] ?? m.status,
    nextStep: next.nextStep ?? '调解组织将与您联系',
    expectedNextStepBy: next.expectedNextStepBy,
  };
}

/**
 * A party's online application (人民调解法 第十七条: 当事人可以申请调解), handled by the city bureau's mediation. Saved in one
 * transaction with its files, deadlines, log and audit rows; the receipt is answered only after the commit. A retry with
 * the same Idempotency-Key and body returns the same receipt (201, header idempotent-replayed); another body → 409.
 */
export async function applyOnline(
  deps: Deps,
  ctx: Ctx,
  input: PortalMediationInput,
  meta: { idempotencyKey: string },
): Promise<{ receipt: MediationReceiptDto; replayed: boolean }> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'public') throw new AppError('UNAUTHENTICATED');
  const requestHash = sha256Hex(canonicalJson(input));
  const replay = async (prior: MediationRow) => {
    if (prior.portalUserId !== actor.userId || prior.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_CONFLICT');
    return { receipt: await receiptOf(deps.db, prior), replayed: true };
  };
  const prior = await repo.byIdempotencyKey(deps.db, meta.idempotencyKey);
  if (prior) return replay(prior);
  const root = await repo.rootUnit(deps.db);
  if (!root) throw new AppError('INTERNAL', { message: '尚未设置市级局，无法受理' });
  const today = todayOf(deps);
  try {
    const m = await deps.db.transaction().execute(async (trx) => {
      const row = await insertMediation(trx, deps, ctx, {
        unitId: root.id,
        source: 'application',
        channel: 'portal',
        portalUserId: actor.userId,
        idempotencyKey: meta.idempotencyKey,
        requestHash,
        ipType: input.ipType,
        disputeType: input.disputeType,
        subject: input.subject,
        claims: input.claims,
        amountClaimed: input.amountClaimed,
        appliedOn: today,
        parties: input.parties,
        createdBy: null,
      });
      // Each file must be an unused, unexpired upload whose token the applicant holds (400 at body.files.<i>.uploadToken).
      await claimPortalUploads(trx, deps, input.files, { ownerType: 'mediation', ownerId: row.id }, 'body.files');
      // The city's mediation handlers learn of it in the back office.
      const recipients = await usersHoldingPermission(trx, 'mediation.handle', { unitIds: [root.id] });
      await sendNotifications(
        trx,
        recipients.map((userId) => ({
          userId, kind: 'mediation.applied', title: '新的在线调解申请', body: `${row.mediationNo}：${row.subject}`, link: `/admin/mediations/${row.id}`,
          dedupeKey: `mediation.applied:${row.id}`,
        })),
      );
      return row;
    });
    return { receipt: await receiptOf(deps.db, m), replayed: false };
  } catch (err) {
    if (isUniqueViolation(err)) {
      const again = await repo.byIdempotencyKey(deps.db, meta.idempotencyKey);
      if (again) return replay(again);
    }
    throw err;
  }
}

function myItem(m: MediationRow, parties: MediationPartyRow[]): MyMediationDto {
  const status = m.status as MediationStatus;
  return {
    mediationNo: m.mediationNo,
    ipType: m.ipType,
    disputeType: m.disputeType,
    disputeTypeLabel: DISPUTE_TYPES[m.disputeType],
    subject: m.subject,
    respondentNames: parties.filter((p) => p.side === 'respondent').map(listName),
    status,
    statusLabel: MEDIATION_STATUSES[status] ?? m.status,
    appliedOn: m.appliedOn,
  };
}

export async function myMediations(deps: Deps, ctx: Ctx, page: number, pageSize: number): Promise<Page<MyMediationDto>> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'public') throw new AppError('UNAUTHENTICATED');
  const { total, rows } = await repo.minePage(deps.db, actor.userId, page, pageSize);
  const parties = await repo.parties(deps.db, rows.map((r) => r.id));
  return { items: rows.map((m) => myItem(m, parties.filter((p) => p.mediationId === m.id))), total, page, pageSize };
}

const dataOf = (a: { data: unknown }) => (a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : {});
const dateOf = (a: { at: string; data: unknown }, key: string) => (typeof dataOf(a)[key] === 'string' ? (dataOf(a)[key] as string) : chinaDate(new Date(a.at)));

/** The plain timeline the applicant sees: 申请, 受理/不予调解, 调解, 达成协议/终止, 司法确认, 结案 (no minutes, no staff names). */
export async function myMediation(deps: Deps, ctx: Ctx, mediationNo: string): Promise<MyMediationProgressDto> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'public') throw new AppError('UNAUTHENTICATED');
  const m = await repo.ofPortalUser(deps.db, actor.userId, mediationNo);
  if (!m) throw new AppError('NOT_FOUND', { message: '未找到该调解申请' });
  const [parties, actions, sessions, unit] = await Promise.all([repo.parties(deps.db, [m.id]), repo.actions(deps.db, m.id), repo.sessions(deps.db, m.id), repo.unitName(deps.db, m.unitId)]);
  const timeline: MediationTimelineEntryDto[] = [{ step: 'apply', title: '申请', on: m.appliedOn, text: '已收到您的调解申请。' }];
  for (const a of actions) {
    const d = dataOf(a);
    switch (a.action as MediationAction) {
      case 'accept':
        timeline.push({ step: 'accept', title: '受理', on: dateOf(a, 'acceptedOn'), text: '双方当事人同意调解，已受理并指派调解员。' });
        break;
      case 'refuse':
        timeline.push({ step: 'refuse', title: '不予调解', on: dateOf(a, 'refusedOn'), text: `不予调解：${String(d.reason ?? '')}` });
        break;
      case 'reachAgreement':
        timeline.push({ step: 'agreement', title: '达成调解协议', on: dateOf(a, 'effectiveOn'), text: `双方当事人达成调解协议，协议自 ${dateOf(a, 'effectiveOn')} 起生效。` });
        break;
      case 'terminate':
        timeline.push({
          step: 'terminate', title: '调解终止', on: dateOf(a, 'terminatedOn'),
          text: `${String(d.reasonLabel ?? '调解终止')}。您可以依法通过仲裁、行政、司法等途径维护自己的权利。`,
        });
        break;
      case 'applyConfirmation':
        timeline.push({ step: 'confirmation', title: '申请司法确认', on: dateOf(a, 'appliedOn'), text: `已向${String(d.court ?? '人民法院')}申请司法确认。` });
        break;
      case 'recordRuling':
        timeline.push({
          step: 'ruling', title: '司法确认裁定', on: dateOf(a, 'rulingOn'),
          text: d.ruling === 'rejected' ? '人民法院裁定驳回司法确认申请，可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。' : '人民法院裁定调解协议有效。',
        });
        break;
      case 'close':
        timeline.push({ step: 'close', title: '结案', on: dateOf(a, 'closedOn'), text: '本次调解已结案。' });
        break;
      default:
        break;
    }
  }
  for (const s of sessions) timeline.push({ step: 'session', title: '调解', on: s.heldOn, text: s.online ? '组织在线调解。' : '组织调解。' });
  const order = { apply: 0, accept: 1, refuse: 1, session: 2, agreement: 3, terminate: 3, confirmation: 4, ruling: 5, close: 6 } as const;
  timeline.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : order[a.step] - order[b.step]));
  const status = m.status as MediationStatus;
  const next = await nextStepOf(deps.db, m);
  const result =
    m.agreementEffectiveOn ? `已达成调解协议（${m.agreementEffectiveOn} 生效）。`
      : m.terminatedOn ? `调解终止：${m.terminationReason ?? ''}`
        : m.refusedReason ? `不予调解：${m.refusedReason}`
          : status === 'closed' ? '已结案。' : null;
  return {
    ...myItem(m, parties),
    unitName: unit?.name ?? '',
    claims: m.claims,
    timeline,
    nextStep: next.nextStep,
    expectedNextStepBy: next.expectedNextStepBy,
    result,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// actions
// ---------------------------------------------------------------------------------------------------------------

interface Outcome {
  to?: MediationStatus;
  patch?: Updateable<MediationsTable>;
  note?: string | null;
  data?: Record<string, unknown>;
}

function notAllowed(status: MediationStatus, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('ACTION_NOT_ALLOWED', { message, details: { status, allowedActions: allowedMediationActions(status), ...extra } });
}

/**
 * One workflow action: lock the mediation in scope, check the status table (409 with allowedActions) and the row version
 * (409), run the step, update the row (version + 1), append the action, write the audit row, answer the new detail.
 */
async function act(
  deps: Deps,
  ctx: Ctx,
  id: number,
  action: MediationUserAction,
  version: number,
  step: (trx: Trx, m: MediationRow, today: string, actor: Actor) => Promise<Outcome>,
): Promise<MediationDetailDto> {
  const actor = staff(ctx);
  if (!can(actor, 'mediation.handle')) throw new AppError('FORBIDDEN');
  return deps.db.transaction().execute(async (trx) => {
    const m = await getRow(trx, actor, id, true);
    const status = m.status as MediationStatus;
    if (!mediationActionAllowed(status, action)) {
      throw notAllowed(status, `调解当前状态为“${MEDIATION_STATUSES[status] ?? status}”，不能${MEDIATION_ACTIONS[action]}`);
    }
    if (m.version !== version) throw new AppError('VERSION_CONFLICT');
    const o = await step(trx, m, todayOf(deps), actor);
    const to = o.to ?? nextMediationStatus(status, action);
    const nowIso = deps.clock.now().toISOString();
    const updated = await repo.update(trx, id, m.version, { ...o.patch, status: to, updatedAt: nowIso });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await repo.insertAction(trx, {
      mediationId: id, action, fromStatus: status, toStatus: to, note: o.note ?? null, data: o.data ? JSON.stringify(o.data) : null,
      actorId: actor.userId, actorName: actor.displayName, at: nowIso,
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: `mediation.${action}`, entityType: 'mediation', entityId: id,
      before: { status, version: m.version }, after: { status: to, mediationNo: m.mediationNo, ...o.data },
    });
    return detailOf(deps, actor, updated, trx);
  });
}

async function assignmentsOf(trx: Trx, deps: Deps, actor: Actor, m: MediationRow, list: { mediatorId: number; role: 'chief' | 'member' }[], today: string) {
  const [parties, current] = await Promise.all([repo.parties(trx, [m.id]), repo.assignedMediators(trx, m.id)]);
  const rows = await checkAssignable(trx, actor, list, partiesForConflict(parties), today, {
    status: m.status,
    allowedActions: allowedMediationActions(m.status as MediationStatus),
    alreadyAssigned: current.map((c) => c.mediatorId),
  });
  const nowIso = deps.clock.now().toISOString();
  // A mediator kept in the new assignment keeps the time of the first assignment.
  const kept = new Map(current.map((c) => [c.mediatorId, c.assignedAt]));
  const assigned = list.map((a) => ({ mediatorId: a.mediatorId, role: a.role, assignedAt: kept.get(a.mediatorId) ?? nowIso }));
  return { rows, assigned, before: current.map((c) => ({ mediatorId: c.mediatorId, name: c.name, role: c.role })) };
}

/** 受理 (人民调解法 第十七条: both parties agree) with the mediators (第十九条), 回避 checked. */
export function accept(deps: Deps, ctx: Ctx, id: number, input: AcceptMediationInput) {
  return act(deps, ctx, id, 'accept', input.version, async (trx, m, today, actor) => {
    const notBefore = m.materialsReceivedOn && m.materialsReceivedOn > m.appliedOn
      ? { date: m.materialsReceivedOn, label: '签收材料日期' }
      : { date: m.appliedOn, label: '申请日期' };
    const acceptedOn = pickDate('body.acceptedOn', input.acceptedOn, today, notBefore);
    const { rows, assigned } = await assignmentsOf(trx, deps, actor, m, input.mediators, today);
    await repo.replaceMediators(trx, m.id, assigned);
    await completeOpen(trx, deps, ctx, m.id, ['mediation.patentOpinion'], acceptedOn);
    return {
      patch: { acceptedOn },
      note: input.note,
      data: { acceptedOn, mediators: input.mediators.map((a, i) => ({ mediatorId: a.mediatorId, name: rows[i]!.name, role: a.role })), note: input.note },
    };
  });
}

/** 不予调解: one party expressly refuses (人民调解法 第十七条) or the dispute is not fit for mediation. */
export function refuse(deps: Deps, ctx: Ctx, id: number, input: RefuseMediationInput) {
  return act(deps, ctx, id, 'refuse', input.version, async (trx, m, today) => {
    const refusedOn = pickDate('body.refusedOn', input.refusedOn, today, { date: m.appliedOn, label: '申请日期' });
    await completeOpen(trx, deps, ctx, m.id, null, refusedOn);
    return { patch: { refusedReason: input.reason }, note: input.reason, data: { refusedOn, reason: input.reason } };
  });
}

export function assignMediators(deps: Deps, ctx: Ctx, id: number, input: AssignMediatorsInput) {
  return act(deps, ctx, id, 'assignMediators', input.version, async (trx, m, today, actor) => {
    const { rows, assigned, before } = await assignmentsOf(trx, deps, actor, m, input.mediators, today);
    await repo.replaceMediators(trx, m.id, assigned);
    return {
      note: input.reason,
      data: { before, mediators: input.mediators.map((a, i) => ({ mediatorId: a.mediatorId, name: rows[i]!.name, role: a.role })), reason: input.reason },
    };
  });
}

/** 调解记录 (人民调解法 第二十七条), with the signed minutes when scanned. */
export function recordSession(deps: Deps, ctx: Ctx, id: number, input: RecordSessionInput) {
  return act(deps, ctx, id, 'recordSession', input.version, async (trx, m, today, actor) => {
    const heldOn = pickDate('body.heldOn', input.heldOn, today, { date: m.acceptedOn ?? m.appliedOn, label: '受理日期' });
    if (input.fileId !== null) {
      const f = await repo.file(trx, input.fileId);
      const own = f && f.ownerType === 'mediation' && f.ownerId === String(m.id);
      const fresh = f && f.ownerType === null && f.uploadedBy === actor.userId;
      if (!own && !fresh) throw fieldError('body.fileId', '笔录文件不存在或已被使用，请重新上传');
      if (fresh) await repo.setFileOwner(trx, f.id, m.id);
    }
    const s = await repo.insertSession(trx, {
      mediationId: m.id, heldOn, place: input.place, online: input.online, attendees: input.attendees, minutes: input.minutes, fileId: input.fileId,
      createdBy: actor.userId, createdAt: deps.clock.now().toISOString(),
    });
    return { data: { sessionId: s.id, heldOn, place: input.place, online: input.online, fileId: input.fileId } };
  });
}

/** 双方当事人同意延长 (特邀调解规定 第二十七条: 双方当事人同意延长调解期限的，不受此限). */
export function extend(deps: Deps, ctx: Ctx, id: number, input: ExtendMediationInput) {
  return act(deps, ctx, id, 'extend', input.version, async (trx, m, today, actor) => {
    const d = await openCourtPeriod(trx, m);
    if (!d) throw notAllowed(m.status as MediationStatus, '本调解没有正在计算的人民法院调解期限，无需延长');
    const agreedOn = pickDate('body.agreedOn', input.agreedOn, today, { date: m.acceptedOn ?? m.appliedOn, label: '受理日期' });
    const reason = `双方当事人同意延长调解期限${input.note ? `：${input.note}` : ''}（最高人民法院关于人民法院特邀调解的规定 第二十七条）`;
    const after = await extendDeadline(trx, deps, ctx, { deadlineId: d.id, amount: input.days, unit: 'calendarDays', reason, approvedBy: actor.userId, approvedOn: agreedOn });
    return { note: input.note, data: { days: input.days, agreedOn, dueBefore: d.dueOn, dueOn: after.dueOn } };
  });
}

/**
 * 达成调解协议 (人民调解法 第二十八条至第三十条). Completes the court period; opens the 30-day window for a joint application for
 * judicial confirmation (第三十三条) unless the agreement confirms ownership (民诉法解释 第三百五十五条).
 */
export function reachAgreement(deps: Deps, ctx: Ctx, id: number, input: ReachAgreementInput) {
  return act(deps, ctx, id, 'reachAgreement', input.version, async (trx, m, today) => {
    const effectiveOn = pickDate('body.effectiveOn', input.effectiveOn, today, { date: m.acceptedOn ?? m.appliedOn, label: '受理日期' });
    const termKinds = [...new Set(input.termKinds)];
    await completeOpen(trx, deps, ctx, m.id, COURT_RULE_KEYS, effectiveOn);
    const block = judicialConfirmationBlock(termKinds, m.disputeType);
    let windowDueOn: string | null = null;
    if (!block) {
      const d = await openDeadline(trx, deps, ctx, { entityType: 'mediation', entityId: m.id, title: CONFIRMATION_TITLE, unitId: m.unitId, ruleKey: 'mediation.judicialConfirmation', startOn: effectiveOn });
      windowDueOn = d.dueOn;
    }
    return {
      patch: {
        agreementForm: input.form, agreementTerms: input.terms, agreementTermKinds: termKinds, agreementAmount: input.amount, agreementEffectiveOn: effectiveOn,
        performanceDueOn: input.performanceDueOn,
      },
      data: { form: input.form, termKinds, amount: input.amount, effectiveOn, performanceDueOn: input.performanceDueOn, confirmationWindowDueOn: windowDueOn, confirmationBlocked: !!block },
    };
  });
}

/** 终止调解 (人民调解法 第二十六条: 告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利). */
export function terminate(deps: Deps, ctx: Ctx, id: number, input: TerminateMediationInput) {
  return act(deps, ctx, id, 'terminate', input.version, async (trx, m, today) => {
    const terminatedOn = pickDate('body.terminatedOn', input.terminatedOn, today, { date: m.acceptedOn ?? m.appliedOn, label: '受理日期' });
    const label = MEDIATION_TERMINATION_REASONS[input.reasonCode];
    if (input.reasonCode === 'other' && !input.reason) throw fieldError('body.reason', '请填写终止调解的理由');
    const text = input.reason ? `${label}：${input.reason}` : label;
    await completeOpen(trx, deps, ctx, m.id, COURT_RULE_KEYS, terminatedOn);
    return { patch: { terminatedOn, terminationReason: text }, note: text, data: { terminatedOn, reasonCode: input.reasonCode, reasonLabel: label, reason: input.reason } };
  });
}

/** 申请司法确认: jointly within 30 days of the agreement taking effect (人民调解法 第三十三条; 民事诉讼法 第二百零五条). */
export function applyConfirmation(deps: Deps, ctx: Ctx, id: number, input: ApplyConfirmationInput) {
  return act(deps, ctx, id, 'applyConfirmation', input.version, async (trx, m, today) => {
    const status = m.status as MediationStatus;
    const block = judicialConfirmationBlock(m.agreementTermKinds, m.disputeType);
    if (block) throw notAllowed(status, block, { reason: 'ownershipAgreement' });
    const appliedOn = pickDate('body.appliedOn', input.appliedOn, today, { date: m.agreementEffectiveOn, label: '协议生效日' });
    const d = await findOpenDeadline(trx, 'mediation', m.id, 'mediation.judicialConfirmation');
    if (d?.dueOn && appliedOn > d.dueOn) {
      throw notAllowed(
        status,
        `已超过申请司法确认的期限：调解协议自 ${m.agreementEffectiveOn} 生效，双方当事人应当在 ${d.dueOn} 前共同向人民法院申请（人民调解法 第三十三条）。逾期的，可以就调解协议的履行或者内容向人民法院提起诉讼。`,
        { reason: 'confirmationWindowExpired', windowDueOn: d.dueOn },
      );
    }
    if (d) await completeDeadline(trx, deps, ctx, { deadlineId: d.id, on: appliedOn < d.startOn ? d.startOn : appliedOn });
    return {
      patch: { confirmationAppliedOn: appliedOn, confirmationCourt: input.court, confirmationCaseNo: input.caseNo },
      data: { appliedOn, court: input.court, caseNo: input.caseNo },
    };
  });
}

/** 人民法院裁定 (民事诉讼法 第二百零六条): 确认有效 (可申请强制执行) or 驳回 (可变更协议、重新达成或起诉). */
export function recordRuling(deps: Deps, ctx: Ctx, id: number, input: RecordRulingInput) {
  return act(deps, ctx, id, 'recordRuling', input.version, async (_trx, m, today) => {
    const rulingOn = pickDate('body.rulingOn', input.rulingOn, today, { date: m.confirmationAppliedOn, label: '申请司法确认日期' });
    return {
      to: nextMediationStatus(m.status as MediationStatus, 'recordRuling', { ruling: input.ruling }),
      patch: { confirmationRuling: input.ruling, confirmationRulingOn: rulingOn, confirmationCaseNo: input.caseNo },
      note: input.note,
      data: { ruling: input.ruling, rulingLabel: MEDIATION_RULINGS[input.ruling], rulingOn, caseNo: input.caseNo, note: input.note },
    };
  });
}

/** 履行情况 (人民调解法 第三十一条、第三十二条). */
export function recordPerformance(deps: Deps, ctx: Ctx, id: number, input: RecordPerformanceInput) {
  return act(deps, ctx, id, 'recordPerformance', input.version, async (_trx, m, today) => {
    const on = pickDate('body.on', input.on, today, { date: m.agreementEffectiveOn, label: '协议生效日' });
    return {
      patch: { performance: input.performance, performanceOn: on },
      note: input.note,
      data: { performance: input.performance, label: MEDIATION_PERFORMANCES[input.performance], on, note: input.note },
    };
  });
}

/** 向委派、委托的人民法院反馈调解结果 (court sources only). */
export function informCourt(deps: Deps, ctx: Ctx, id: number, input: InformCourtInput) {
  return act(deps, ctx, id, 'informCourt', input.version, async (_trx, m, today) => {
    if (!isCourtSource(m.source)) {
      throw new AppError('VALIDATION_FAILED', {
        message: `本调解来源为“${MEDIATION_SOURCES[m.source]}”，不是人民法院委派或委托的案件，无需向法院反馈结果`,
        details: [{ path: 'params.action', message: '仅人民法院委派、委托的调解需要向法院反馈结果' }],
      });
    }
    if (m.courtInformedOn) throw notAllowed(m.status as MediationStatus, `已于 ${m.courtInformedOn} 向${m.courtName ?? '人民法院'}反馈调解结果`);
    const informedOn = pickDate('body.informedOn', input.informedOn, today, { date: m.appliedOn, label: '收到委派（委托）日期' });
    return { patch: { courtInformedOn: informedOn }, note: input.note, data: { informedOn, court: m.courtName, courtCaseNo: m.courtCaseNo, note: input.note } };
  });
}

/** 结案; a court case only after the court was told the result. Closes every deadline still open. */
export function close(deps: Deps, ctx: Ctx, id: number, input: CloseMediationInput) {
  return act(deps, ctx, id, 'close', input.version, async (trx, m, today) => {
    if (isCourtSource(m.source) && !m.courtInformedOn) {
      throw notAllowed(m.status as MediationStatus, `本调解由${m.courtName ?? '人民法院'}${m.source === 'courtDelegated' ? '委派' : '委托'}（${m.courtCaseNo ?? ''}），须先向法院反馈调解结果后才能结案`, {
        reason: 'courtNotInformed',
      });
    }
    const closedOn = pickDate('body.closedOn', input.closedOn, today, { date: m.appliedOn, label: '申请日期' });
    await completeOpen(trx, deps, ctx, m.id, null, closedOn);
    return { patch: { closedOn }, note: input.note, data: { closedOn, note: input.note } };
  });
}

type Runner = (deps: Deps, ctx: Ctx, id: number, input: never) => Promise<MediationDetailDto>;

export const ACTION_RUNNERS: Record<MediationUserAction, Runner> = {
  accept: accept as Runner,
  refuse: refuse as Runner,
  assignMediators: assignMediators as Runner,
  recordSession: recordSession as Runner,
  extend: extend as Runner,
  reachAgreement: reachAgreement as Runner,
  terminate: terminate as Runner,
  applyConfirmation: applyConfirmation as Runner,
  recordRuling: recordRuling as Runner,
  recordPerformance: recordPerformance as Runner,
  informCourt: informCourt as Runner,
  close: close as Runner,
};

// ---------------------------------------------------------------------------------------------------------------
// files
// ---------------------------------------------------------------------------------------------------------------

/** A file of the mediation (e.g. the signed minutes) uploaded by its handler: stored, owned by the mediation, audited. */
export async function uploadMediationFile(deps: Deps, ctx: Ctx, id: number, part: MultipartFile): Promise<MediationFileDto> {
  const actor = staff(ctx);
  const m = await getRow(deps.db, actor, id);
  if (m.status === 'closed') {
    part.file.resume();
    throw notAllowed('closed', '调解已结案，不能再添加材料');
  }
  const f = await uploadFile(deps, ctx, part);
  return deps.db.transaction().execute(async (trx) => {
    await getRow(trx, actor, id, true);
    await repo.setFileOwner(trx, f.id, id);
    await writeAudit(trx, deps.clock, ctx, { action: 'mediation.file.add', entityType: 'mediation', entityId: id, after: { fileId: f.id, name: f.originalName, sha256: f.sha256 } });
    return fileDto({ id: f.id, originalName: f.originalName, size: f.size, mime: f.mime });
  });
}
