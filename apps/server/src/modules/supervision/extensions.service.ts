/**
 * 延期申请: a handler asks to extend a statutory deadline of a lead or case; the head approves (or, for a further
 * extension of the penalty decision, records the heads' collective decision). The limits per deadline rule are in
 * packages/shared supervision-rules.ts (EXTENSION_POLICIES); an approval calls the deadline engine's extendDeadline in
 * the same transaction, so the record's due date moves at once.
 */
import {
  amountText,
  checkExtensionRequest,
  EXTENSION_APPROVALS,
  extensionPolicyOf,
  nextExtension,
  type ApproveExtensionInput,
  type CreateExtensionRequestInput,
  type DenyExtensionInput,
  type ExtensionEligibilityDto,
  type ExtensionRequestDto,
  type ExtensionRequestQuery,
  type Page,
  type Permission,
} from '@zhichan/shared';
import { can, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { extendDeadline } from '../deadlines/deadlines.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import { entityLabel, mayDecideExtension, presentExtensionRequest, recordLink } from './supervision.presenter';
import { supervisionRepository as repo } from './supervision.repository';
import { extensionRecordInScope, loadOrg, staff, todayOf } from './supervision.service';

/** 行政裁决 (issue 6): adjudication.handle asks, adjudication.approve (the head) decides; policy adjudication.decision. */
type EntityType = 'lead' | 'case' | 'adjudication';

function asEntityType(t: string): EntityType | null {
  return t === 'lead' || t === 'case' || t === 'adjudication' ? t : null;
}

function handlePermission(t: EntityType): Permission {
  return t === 'lead' ? 'lead.handle' : t === 'adjudication' ? 'adjudication.handle' : 'case.handle';
}

function approvePermission(t: EntityType): Permission {
  return t === 'lead' ? 'lead.approve' : t === 'adjudication' ? 'adjudication.approve' : 'case.approve';
}

/** The statutory amount of the first extension in force today, when the policy names a rule that holds it. */
async function firstStepMax(ex: Executor, deps: Deps, ruleKey: string): Promise<number | undefined> {
  const policy = extensionPolicyOf(ruleKey);
  if (!policy?.amountRuleKey) return undefined;
  const rule = await repo.ruleInForce(ex, policy.amountRuleKey, todayOf(deps));
  return rule && rule.unit === policy.unit ? rule.amount : undefined;
}

function notAllowed(message: string): AppError {
  return new AppError('ACTION_NOT_ALLOWED', { message, details: { allowedActions: [] } });
}

/** The check's refusal as the HTTP answer: a deadline that cannot be extended now is 409, a bad field 400 with its path. */
function refusal(check: Extract<ReturnType<typeof checkExtensionRequest>, { ok: false }>): AppError {
  if (check.field) return fieldError(`body.${check.field}`, check.message);
  return notAllowed(check.message);
}

async function dtoOf(ex: Executor, actor: Actor, id: number): Promise<ExtensionRequestDto> {
  const row = await repo.extensionRequestsInScope(ex, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentExtensionRequest(actor, row);
}

/** The deadline of a lead or case inside the actor's scope (404 otherwise), with its record. */
async function deadlineInScope(ex: Executor, actor: Actor, deadlineId: number, lock: boolean) {
  const d = lock ? await repo.lockDeadline(ex, deadlineId) : await repo.getDeadline(ex, deadlineId);
  const entityType = d ? asEntityType(d.entityType) : null;
  if (!d || !entityType) throw new AppError('NOT_FOUND');
  const rec = await extensionRecordInScope(ex, actor, entityType, Number(d.entityId));
  return { d, entityType, rec };
}

export async function requestExtension(deps: Deps, ctx: Ctx, input: CreateExtensionRequestInput): Promise<ExtensionRequestDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { d, entityType, rec } = await deadlineInScope(trx, actor, input.deadlineId, true);
    if (!can(actor, handlePermission(entityType))) throw new AppError('FORBIDDEN', { message: `只有${entityLabel(entityType)}的承办人员可以申请延期` });
    if (d.completedOn || rec.closedOn) throw notAllowed('该期限已完成，不能申请延期');
    const pending = await repo.pendingRequestOf(trx, d.id);
    if (pending) throw notAllowed('该期限已有待审批的延期申请，请等待审批结果');
    const approved = await repo.extensionCount(trx, d.id);
    const check = checkExtensionRequest(d.ruleKey, approved, input, { ruleName: d.ruleName, firstStepMaxAmount: await firstStepMax(trx, deps, d.ruleKey) });
    if (!check.ok) throw refusal(check);
    const now = deps.clock.now().toISOString();
    const row = await repo.insertExtensionRequest(trx, {
      deadlineId: d.id, entityType, entityId: rec.id, unitId: rec.unitId, amount: input.amount, unit: input.unit, reason: input.reason,
      collective: input.collective, status: 'pending', requestedBy: actor.userId, requestedAt: now,
    });
    // The approvers are the heads of the responsible unit and of the units above it (those whose scope holds the record).
    const org = await loadOrg(trx);
    const approvers = (await usersHoldingPermission(trx, approvePermission(entityType), { unitIds: org.selfAndAncestors(rec.unitId) })).filter((u) => u !== actor.userId);
    await sendNotifications(
      trx,
      approvers.map((userId) => ({
        userId,
        kind: 'extension.request',
        title: `【延期审批】${d.ruleName} ${rec.number}`,
        body: `${actor.displayName}申请将“${rec.title}”（${rec.number}）的${d.ruleName}期限延长${amountText(input.amount, input.unit)}（${EXTENSION_APPROVALS[check.step.approval]}）。理由：${input.reason}`,
        link: '/admin/extension-requests',
        dedupeKey: `extension:${row.id}:request`,
      })),
    );
    await writeAudit(trx, deps.clock, ctx, {
      action: 'extension.request',
      entityType: 'extensionRequest',
      entityId: row.id,
      after: {
        deadlineId: d.id, ruleKey: d.ruleKey, entityType, entityId: rec.id, amount: input.amount, unit: input.unit, reason: input.reason,
        collective: input.collective, approval: check.step.approval, extensionIndex: check.step.index, dueOn: d.dueOn,
      },
    });
    return dtoOf(trx, actor, row.id);
  });
}

/** Locks the request, checks the record's scope, the row version, the state and the approver. */
async function beginDecision(trx: Executor, actor: Actor, id: number, version: number) {
  const req = await repo.lockExtensionRequest(trx, id);
  const entityType = req ? asEntityType(req.entityType) : null;
  if (!req || !entityType) throw new AppError('NOT_FOUND');
  const rec = await extensionRecordInScope(trx, actor, entityType, req.entityId);
  if (req.version !== version) throw new AppError('VERSION_CONFLICT');
  if (req.status !== 'pending') throw notAllowed(`该申请已${req.status === 'approved' ? '批准' : '不予批准'}，不能再次审批`);
  if (!can(actor, approvePermission(entityType))) throw new AppError('FORBIDDEN', { message: `没有${entityLabel(entityType)}延期的审批权限` });
  if (!mayDecideExtension(actor, { entityType, requestedBy: req.requestedBy, status: req.status })) {
    throw new AppError('FORBIDDEN', { message: '不能审批本人提出的延期申请' });
  }
  return { req, entityType, rec };
}

export async function approveExtension(deps: Deps, ctx: Ctx, id: number, input: ApproveExtensionInput): Promise<ExtensionRequestDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { req, entityType, rec } = await beginDecision(trx, actor, id, input.version);
    const d = await repo.lockDeadline(trx, req.deadlineId);
    if (!d || d.completedOn || rec.closedOn) throw notAllowed('该期限已完成，不能再延期');
    // Checked again at approval: another extension may have been granted since the request.
    const approved = await repo.extensionCount(trx, d.id);
    const check = checkExtensionRequest(d.ruleKey, approved, req, { ruleName: d.ruleName, firstStepMaxAmount: await firstStepMax(trx, deps, d.ruleKey) });
    if (!check.ok) throw notAllowed(check.message);
    const how = req.collective ? '经负责人集体讨论决定' : '经负责人批准';
    const extended = await extendDeadline(trx, deps, ctx, {
      deadlineId: d.id,
      amount: req.amount,
      unit: req.unit,
      reason: `${req.reason}（${how}，延期申请第 ${req.id} 号）`,
      approvedBy: actor.userId,
    });
    const now = deps.clock.now().toISOString();
    const after = await repo.decideExtensionRequest(trx, id, req.version, { status: 'approved', decidedBy: actor.userId, decidedAt: now, decisionNote: input.note });
    if (!after) throw new AppError('VERSION_CONFLICT');
    if (req.requestedBy !== null) {
      await sendNotifications(trx, [{
        userId: req.requestedBy,
        kind: 'extension.approved',
        title: `【延期已批准】${d.ruleName} ${rec.number}`,
        body: `“${rec.title}”（${rec.number}）的${d.ruleName}期限已${how}延长${amountText(req.amount, req.unit)}，届满日调整为 ${extended.dueOn ?? '（暂停计算中）'}。${input.note ? `审批意见：${input.note}` : ''}`,
        link: recordLink(entityType, rec.id),
        dedupeKey: `extension:${id}:decided`,
      }]);
    }
    await writeAudit(trx, deps.clock, ctx, {
      action: 'extension.approve',
      entityType: 'extensionRequest',
      entityId: id,
      before: { status: 'pending', dueOn: d.dueOn },
      after: { status: 'approved', note: input.note, deadlineId: d.id, dueOn: extended.dueOn, collective: req.collective, extensionIndex: check.step.index },
    });
    return dtoOf(trx, actor, id);
  });
}

export async function denyExtension(deps: Deps, ctx: Ctx, id: number, input: DenyExtensionInput): Promise<ExtensionRequestDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { req, entityType, rec } = await beginDecision(trx, actor, id, input.version);
    const now = deps.clock.now().toISOString();
    const after = await repo.decideExtensionRequest(trx, id, req.version, { status: 'denied', decidedBy: actor.userId, decidedAt: now, decisionNote: input.note });
    if (!after) throw new AppError('VERSION_CONFLICT');
    const d = await repo.getDeadline(trx, req.deadlineId);
    if (req.requestedBy !== null) {
      await sendNotifications(trx, [{
        userId: req.requestedBy,
        kind: 'extension.denied',
        title: `【延期未批准】${d?.ruleName ?? '办理期限'} ${rec.number}`,
        body: `“${rec.title}”（${rec.number}）的延期申请不予批准，请在原期限 ${d?.dueOn ?? ''} 内办结。理由：${input.note}`,
        link: recordLink(entityType, rec.id),
        dedupeKey: `extension:${id}:decided`,
      }]);
    }
    await writeAudit(trx, deps.clock, ctx, {
      action: 'extension.deny',
      entityType: 'extensionRequest',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'denied', note: input.note },
    });
    return dtoOf(trx, actor, id);
  });
}

/**
 * Requests in scope. box=pending: those waiting for this approver (their kind of record, not their own);
 * box=mine: the actor's own; with entityType+entityId: the record's requests (shown on its page with the reasons).
 */
export async function listExtensionRequests(deps: Deps, ctx: Ctx, q: ExtensionRequestQuery): Promise<Page<ExtensionRequestDto>> {
  const actor = staff(ctx);
  if (q.entityType && q.entityId) await extensionRecordInScope(deps.db, actor, q.entityType, q.entityId);
  let base = repo.extensionRequestsInScope(deps.db, actor);
  if (q.box === 'pending') {
    const kinds = (['lead', 'case', 'adjudication'] as const).filter((t) => can(actor, approvePermission(t)));
    if (kinds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    base = base.where('r.status', '=', 'pending').where('r.entityType', 'in', kinds).where((eb) => eb.or([eb('r.requestedBy', 'is', null), eb('r.requestedBy', '<>', actor.userId)]));
  } else if (q.box === 'mine') {
    base = base.where('r.requestedBy', '=', actor.userId);
  }
  if (q.entityType) base = base.where('r.entityType', '=', q.entityType);
  if (q.entityId) base = base.where('r.entityId', '=', q.entityId);
  if (q.deadlineId) base = base.where('r.deadlineId', '=', q.deadlineId);
  if (q.status) base = base.where('r.status', '=', q.status);
  const { n } = await base.clearSelect().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .orderBy('r.requestedAt', q.box === 'pending' ? 'asc' : 'desc')
    .orderBy('r.id', q.box === 'pending' ? 'asc' : 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map((r) => presentExtensionRequest(actor, r)), total: Number(n), page: q.page, pageSize: q.pageSize };
}

/** What the 申请延期 button needs: can this deadline be extended now, by how much, who approves, and is one pending. */
export async function extensionEligibility(deps: Deps, ctx: Ctx, deadlineId: number): Promise<ExtensionEligibilityDto> {
  const actor = staff(ctx);
  const { d, entityType, rec } = await deadlineInScope(deps.db, actor, deadlineId, false);
  const approvedCount = await repo.extensionCount(deps.db, d.id);
  const pendingRow = await repo.pendingRequestOf(deps.db, d.id);
  const pending = pendingRow ? await dtoOf(deps.db, actor, pendingRow.id) : null;
  const open = !d.completedOn && !rec.closedOn;
  const next = nextExtension(d.ruleKey, approvedCount, { ruleName: d.ruleName, firstStepMaxAmount: await firstStepMax(deps.db, deps, d.ruleKey) });
  const extendable = open && next.ok;
  return {
    deadlineId: d.id,
    ruleKey: d.ruleKey,
    ruleName: d.ruleName,
    dueOn: d.dueOn,
    extendable,
    reason: !open ? '该期限已完成' : next.ok ? null : next.message,
    next: next.ok
      ? {
          maxAmount: next.step.maxAmount,
          unit: next.step.unit,
          approval: next.step.approval,
          approvalLabel: EXTENSION_APPROVALS[next.step.approval],
          basis: next.step.policy.basis,
          note: next.step.policy.note,
        }
      : null,
    approvedCount,
    pending,
    canRequest: extendable && !pending && can(actor, handlePermission(entityType)),
  };
}
