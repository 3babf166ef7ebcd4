/**
 * 人民调解员专家库: mediators (人民调解员, 法院特邀调解员, 技术专家) with expertise, certificates, availability and the
 * interests they declared (利害关系). Assignment refuses a conflicted, unavailable or inactive mediator: a mediator with an
 * interest in the dispute must withdraw (回避, 最高人民法院关于人民法院特邀调解的规定 第十五条; 人民法院在线调解规则 第十三条).
 *
 * Scope: a pool belongs to a unit (mediators.unit_id). Staff see the pools of their data scope and of the units above their
 * own (a county bureau assigns the city's experts); they edit (mediation.manage) only mediators of units in their scope.
 */
import {
  MEDIATION_PARTY_SIDES,
  MEDIATOR_KINDS,
  maskPhone,
  mediatorConflicts,
  type MediatorAccountDto,
  type MediatorCandidateDto,
  type MediatorConflictInput,
  type MediatorDto,
  type MediatorExpertise,
  type MediatorInput,
  type MediatorListQuery,
  type Page,
  type UpdateMediatorInput,
} from '@zhichan/shared';
import type { Transaction } from 'kysely';
import { can, unitInScope, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { availableNow, presentMediator } from './mediation.presenter';
import { mediationRepository as repo, visiblePoolUnits, type MediatorRow } from './mediation.repository';

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

const todayOf = (deps: Deps) => chinaDate(deps.clock.now());

/** The expertise that matches a mediation's IP type (专长 covers the dispute). */
const EXPERTISE_OF_IP_TYPE: Record<string, MediatorExpertise | null> = {
  patent: 'patent',
  trademark: 'trademark',
  geographicalIndication: 'geographicalIndication',
  tradeSecret: 'tradeSecret',
  other: null,
};

async function presentMany(ex: Executor, actor: Actor, rows: MediatorRow[], today: string): Promise<MediatorDto[]> {
  const ids = rows.map((r) => r.id);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const userIds = [...new Set(rows.map((r) => r.userId).filter((v): v is number => v !== null))];
  const [conflicts, counts, users, units] = await Promise.all([
    repo.conflictsOf(ex, ids),
    repo.openCounts(ex, ids),
    repo.userNames(ex, userIds),
    unitIds.length ? ex.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : Promise.resolve([]),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const manage = can(actor, 'mediation.manage');
  return rows.map((r) =>
    presentMediator(r, {
      unitName: unitName.get(r.unitId) ?? '',
      userName: r.userId !== null ? (userName.get(r.userId) ?? null) : null,
      conflicts: conflicts.filter((c) => c.mediatorId === r.id),
      openCount: counts.get(r.id) ?? 0,
      today,
      canEdit: manage && unitInScope(actor, r.unitId),
    }),
  );
}

export async function listMediators(deps: Deps, ctx: Ctx, q: MediatorListQuery): Promise<Page<MediatorDto>> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  const pool = await visiblePoolUnits(deps.db, actor);
  const { total, rows } = await repo.mediatorPage(deps.db, pool, q, today);
  return { items: await presentMany(deps.db, actor, rows, today), total, page: q.page, pageSize: q.pageSize };
}

async function mediatorDto(ex: Executor, actor: Actor, id: number, today: string): Promise<MediatorDto> {
  const pool = await visiblePoolUnits(ex, actor);
  const r = await repo.mediator(ex, id, pool);
  if (!r) throw new AppError('NOT_FOUND', { message: '调解员不存在或无权访问' });
  return (await presentMany(ex, actor, [r], today))[0]!;
}

export async function getMediator(deps: Deps, ctx: Ctx, id: number): Promise<MediatorDto> {
  return mediatorDto(deps.db, staff(ctx), id, todayOf(deps));
}

/** A mediator the actor may edit: visible, and of a unit in the actor's data scope. */
async function editable(trx: Executor, actor: Actor, id: number): Promise<MediatorRow> {
  const r = await repo.mediator(trx, id, await visiblePoolUnits(trx, actor), { forUpdate: true });
  if (!r) throw new AppError('NOT_FOUND', { message: '调解员不存在或无权访问' });
  if (!unitInScope(actor, r.unitId)) throw new AppError('FORBIDDEN', { message: '只能维护本机构及下级机构专家库中的调解员' });
  return r;
}

/** The account to link: an active staff account holding the 调解员 role, not linked to another mediator. */
async function checkAccount(ex: Executor, userId: number | null, selfId: number | null): Promise<void> {
  if (userId === null) return;
  const accounts = await repo.mediatorAccounts(ex);
  const acc = accounts.find((a) => a.id === userId);
  if (!acc) throw fieldError('body.userId', '关联账号须为启用状态、具有“调解员”角色的工作人员账号');
  if (acc.linkedMediatorId !== null && acc.linkedMediatorId !== selfId) throw fieldError('body.userId', '该账号已关联其他调解员');
}

function checkDates(input: { unavailableUntil: string | null; available: boolean }, today: string): void {
  if (input.unavailableUntil && input.unavailableUntil < '2000-01-01') throw fieldError('body.unavailableUntil', '日期不正确，请核对年份');
  if (!input.available && input.unavailableUntil && input.unavailableUntil < today) {
    throw fieldError('body.unavailableUntil', '暂不可用截止日期不能早于今天（已恢复可用的请直接勾选“可接受指派”）');
  }
}

function mediatorColumns(deps: Deps, input: MediatorInput | UpdateMediatorInput) {
  return {
    userId: input.userId,
    name: input.name,
    kind: input.kind,
    employer: input.employer,
    title: input.title,
    expertise: [...new Set(input.expertise)],
    technicalFields: [...new Set(input.technicalFields)],
    certificates: input.certificates,
    available: input.available,
    unavailableUntil: input.available ? null : input.unavailableUntil,
    active: input.active,
    note: input.note,
  };
}

/** What the audit row keeps of a mediator (no phone, not even masked). */
const auditView = (r: MediatorRow) => ({
  name: r.name, kind: r.kind, unitId: r.unitId, userId: r.userId, employer: r.employer, title: r.title, expertise: r.expertise,
  technicalFields: r.technicalFields, certificates: r.certificates, available: r.available, unavailableUntil: r.unavailableUntil, active: r.active,
  phoneMasked: r.phoneMasked,
});

export async function createMediator(deps: Deps, ctx: Ctx, input: MediatorInput): Promise<MediatorDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  const unitId = input.unitId ?? actor.unitId;
  if (unitId === null || unitId === undefined) throw fieldError('body.unitId', '请选择所属调解组织（机构）');
  if (!unitInScope(actor, unitId)) throw new AppError('NOT_FOUND', { message: '机构不存在或无权访问' });
  checkDates(input, today);
  return deps.db.transaction().execute(async (trx) => {
    await checkAccount(trx, input.userId, null);
    const nowIso = deps.clock.now().toISOString();
    const r = await repo.insertMediator(trx, {
      unitId,
      ...mediatorColumns(deps, input),
      phoneEnc: input.phone ? deps.cipher.encrypt(input.phone) : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
      demo: false,
      createdBy: actor.userId,
      createdAt: nowIso,
      updatedAt: nowIso,
    });
    await writeAudit(trx, deps.clock, ctx, { action: 'mediator.create', entityType: 'mediator', entityId: r.id, after: auditView(r) });
    return mediatorDto(trx, actor, r.id, today);
  });
}

export async function updateMediator(deps: Deps, ctx: Ctx, id: number, input: UpdateMediatorInput): Promise<MediatorDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  checkDates(input, today);
  return deps.db.transaction().execute(async (trx) => {
    const r = await editable(trx, actor, id);
    if (r.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const unitId = input.unitId ?? r.unitId;
    if (!unitInScope(actor, unitId)) throw new AppError('NOT_FOUND', { message: '机构不存在或无权访问' });
    await checkAccount(trx, input.userId, r.id);
    const phone =
      input.phone === undefined
        ? {}
        : { phoneEnc: input.phone ? deps.cipher.encrypt(input.phone) : null, phoneMasked: input.phone ? maskPhone(input.phone) : null };
    const updated = await repo.updateMediator(trx, r.id, r.version, { unitId, ...mediatorColumns(deps, input), ...phone, updatedAt: deps.clock.now().toISOString() });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await writeAudit(trx, deps.clock, ctx, { action: 'mediator.update', entityType: 'mediator', entityId: r.id, before: auditView(r), after: auditView(updated) });
    return mediatorDto(trx, actor, r.id, today);
  });
}

/** 申报利害关系: the mediator will be kept out of disputes of that party (回避). */
export async function addConflict(deps: Deps, ctx: Ctx, id: number, input: MediatorConflictInput): Promise<MediatorDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  const declaredOn = input.declaredOn ?? today;
  if (declaredOn > today) throw fieldError('body.declaredOn', '申报日期不能晚于今天');
  if (declaredOn < '2000-01-01') throw fieldError('body.declaredOn', '日期不正确，请核对年份');
  return deps.db.transaction().execute(async (trx) => {
    const r = await editable(trx, actor, id);
    const c = await repo.insertConflict(trx, {
      mediatorId: r.id, partyName: input.partyName, partyUscc: input.partyUscc, relation: input.relation, declaredOn, createdBy: actor.userId,
      createdAt: deps.clock.now().toISOString(),
    });
    await trx.updateTable('mediators').set({ updatedAt: deps.clock.now().toISOString() }).where('id', '=', r.id).execute();
    await writeAudit(trx, deps.clock, ctx, {
      action: 'mediator.conflict.add', entityType: 'mediator', entityId: r.id,
      after: { conflictId: c.id, partyName: c.partyName, partyUscc: c.partyUscc, relation: c.relation, declaredOn },
    });
    return mediatorDto(trx, actor, r.id, today);
  });
}

export async function removeConflict(deps: Deps, ctx: Ctx, id: number, conflictId: number): Promise<MediatorDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const r = await editable(trx, actor, id);
    const c = await repo.deleteConflict(trx, r.id, conflictId);
    if (!c) throw new AppError('NOT_FOUND', { message: '该利害关系申报不存在' });
    await trx.updateTable('mediators').set({ updatedAt: deps.clock.now().toISOString() }).where('id', '=', r.id).execute();
    await writeAudit(trx, deps.clock, ctx, {
      action: 'mediator.conflict.remove', entityType: 'mediator', entityId: r.id,
      before: { conflictId: c.id, partyName: c.partyName, partyUscc: c.partyUscc, relation: c.relation, declaredOn: c.declaredOn },
    });
    return mediatorDto(trx, actor, r.id, today);
  });
}

export async function mediatorAccounts(deps: Deps, ctx: Ctx): Promise<MediatorAccountDto[]> {
  staff(ctx);
  const rows = await repo.mediatorAccounts(deps.db);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, unitName: r.unitName, linkedMediatorId: r.linkedMediatorId }));
}

// ---------- assignment ----------

export interface PartyForConflict {
  side: 'applicant' | 'respondent';
  name: string;
  uscc: string | null;
}

function conflictText(hits: { partyName: string; relation: string }[], parties: PartyForConflict[]): string {
  return hits
    .map((h) => {
      const side = parties.find((p) => p.name === h.partyName)?.side;
      return `与${side ? MEDIATION_PARTY_SIDES[side] : '当事人'}“${h.partyName}”存在利害关系（${h.relation}）`;
    })
    .join('；');
}

/** Why a mediator cannot be assigned to this dispute, or null. A mediator kept from the earlier assignment is checked for conflicts only. */
function assignmentProblem(
  r: MediatorRow,
  declarations: { partyName: string; partyUscc: string | null; relation: string }[],
  parties: PartyForConflict[],
  today: string,
  kept = false,
): string | null {
  const hits = mediatorConflicts(declarations, parties);
  if (hits.length > 0) return `调解员${r.name}${conflictText(hits, parties)}，应当回避（最高人民法院关于人民法院特邀调解的规定 第十五条）`;
  if (kept) return null;
  if (!r.active) return `调解员${r.name}已退出专家库`;
  if (!availableNow(r, today)) return `调解员${r.name}${r.unavailableUntil ? `在 ${r.unavailableUntil} 前` : '目前'}暂不可接受指派`;
  return null;
}

/**
 * Checks the mediators of 受理 / 变更调解员 inside the caller's transaction: each must be in a pool the actor sees (400
 * otherwise), active, available today and without a declared interest in a party (409 ACTION_NOT_ALLOWED naming the party
 * and the relation). A mediator already assigned and kept is not re-checked for availability (only for conflicts).
 */
export async function checkAssignable(
  trx: Transaction<Database>,
  actor: Actor,
  assignments: { mediatorId: number; role: 'chief' | 'member' }[],
  parties: PartyForConflict[],
  today: string,
  ctx: { status: string; allowedActions: string[]; alreadyAssigned: number[] },
): Promise<MediatorRow[]> {
  const pool = await visiblePoolUnits(trx, actor);
  const ids = assignments.map((a) => a.mediatorId);
  const rows = await repo.mediatorsByIds(trx, ids);
  const byId = new Map(rows.filter((r) => pool === null || pool.includes(r.unitId)).map((r) => [r.id, r]));
  const conflicts = await repo.conflictsOf(trx, ids);
  const problems: string[] = [];
  assignments.forEach((a, i) => {
    const r = byId.get(a.mediatorId);
    if (!r) throw fieldError(`body.mediators.${i}.mediatorId`, '所选调解员不存在或不在可用的专家库中');
    const decl = conflicts.filter((c) => c.mediatorId === r.id);
    const p = assignmentProblem(r, decl, parties, today, ctx.alreadyAssigned.includes(r.id));
    if (p) problems.push(p);
  });
  if (problems.length > 0) {
    throw new AppError('ACTION_NOT_ALLOWED', { message: problems.join('；'), details: { status: ctx.status, allowedActions: ctx.allowedActions, reason: 'mediatorConflict' } });
  }
  return ids.map((id) => byId.get(id)!);
}

/** 候选调解员: active mediators of the visible pools, selectable and matching expertise first. */
export async function candidatesFor(
  ex: Executor,
  actor: Actor,
  m: { ipType: string; assigned: { mediatorId: number; role: 'chief' | 'member' }[] },
  parties: PartyForConflict[],
  today: string,
): Promise<MediatorCandidateDto[]> {
  const pool = await visiblePoolUnits(ex, actor);
  const rows = await repo.activeMediators(ex, pool);
  const ids = rows.map((r) => r.id);
  const [conflicts, counts] = await Promise.all([repo.conflictsOf(ex, ids), repo.openCounts(ex, ids)]);
  const want = EXPERTISE_OF_IP_TYPE[m.ipType] ?? null;
  const list = rows.map((r) => {
    const decl = conflicts.filter((c) => c.mediatorId === r.id);
    const hits = mediatorConflicts(decl, parties);
    const now = availableNow(r, today);
    const assignedRole = m.assigned.find((a) => a.mediatorId === r.id)?.role ?? null;
    const disabledReason = hits.length
      ? `${conflictText(hits, parties)}，应当回避`
      : !now && !assignedRole
        ? r.unavailableUntil ? `${r.unavailableUntil} 前暂不可接受指派` : '暂不可接受指派'
        : null;
    const expertise = r.expertise as MediatorExpertise[];
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      kindLabel: MEDIATOR_KINDS[r.kind],
      employer: r.employer,
      title: r.title,
      expertise,
      technicalFields: r.technicalFields,
      expertiseMatch: want !== null && expertise.includes(want),
      conflicts: hits,
      availableNow: now,
      openMediationCount: counts.get(r.id) ?? 0,
      assignedRole,
      selectable: disabledReason === null,
      disabledReason,
    } satisfies MediatorCandidateDto;
  });
  // Selectable first, then matching expertise, then the lighter workload, then the name.
  return list.sort(
    (a, b) =>
      Number(b.selectable) - Number(a.selectable) ||
      Number(b.expertiseMatch) - Number(a.expertiseMatch) ||
      a.openMediationCount - b.openMediationCount ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.id - b.id,
  );
}
