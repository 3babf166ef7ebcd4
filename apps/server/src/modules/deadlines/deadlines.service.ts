import {
  computeDueDate,
  deadlineState,
  isIsoDate,
  remindsOn,
  ruleInForce,
  workingDaysLeft,
  type DeadlineDto,
  type DeadlineRule,
  type DeadlineRuleDto,
  type DeadlineRuleInput,
  type DeadlineUnit,
  type Extension,
  type Page,
  type Pause,
  type WorkCalendar,
} from '@zhichan/shared';
import { sql, type Insertable, type RawBuilder, type Transaction } from 'kysely';
import { SYSTEM_CTX, type Actor, type Ctx } from '../../access/actor';
import type { Database, DeadlinesTable } from '../../db/schema';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit, writeAuditMany, type AuditEntry } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import { sendNotifications, usersHoldingPermission, type NewNotification } from '../notifications/notifications.service';
import {
  deadlinesRepository as repo,
  type DeadlineExtensionRow,
  type DeadlinePauseRow,
  type DeadlineRow,
  type DeadlineRuleRow,
  type DeadlineState,
  type ListedDeadline,
} from './deadlines.repository';

export type { DeadlineRow } from './deadlines.repository';

// ---------- rules ----------

export function presentRule(r: DeadlineRuleRow): DeadlineRuleDto {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    effectiveFrom: r.effectiveFrom,
    amount: r.amount,
    unit: r.unit,
    regulation: r.regulation,
    article: r.article,
    version: r.version,
    trust: r.trust,
    note: r.note,
  };
}

function toDomainRule(r: DeadlineRuleRow): DeadlineRule & { id: number } {
  return {
    id: r.id,
    key: r.key,
    effectiveFrom: r.effectiveFrom,
    amount: r.amount,
    unit: r.unit,
    basis: { regulation: r.regulation, article: r.article, version: r.version },
    trust: r.trust,
    note: r.note ?? undefined,
  };
}

export async function listRules(deps: Deps): Promise<DeadlineRuleDto[]> {
  return (await repo.listRules(deps.db)).map(presentRule);
}

/**
 * Adds a version of a rule. Rules are never edited in place: a new regulation (or a corrected reading) is a new row
 * with its effective date, so deadlines opened under the old version keep the basis they were computed with.
 */
export async function addRuleVersion(deps: Deps, ctx: Ctx, input: DeadlineRuleInput): Promise<DeadlineRuleDto> {
  const { db, clock } = deps;
  return db.transaction().execute(async (trx) => {
    if (await repo.findRuleVersion(trx, input.key, input.effectiveFrom)) {
      throw new AppError('DUPLICATE', { message: `期限规则 ${input.key} 在 ${input.effectiveFrom} 生效的版本已存在；如需更正，请以新的生效日期新增版本` });
    }
    const row = await repo.insertRule(trx, { ...input, note: input.note ?? null, createdBy: ctx.actor?.userId ?? null });
    await writeAudit(trx, clock, ctx, { action: 'rule.create', entityType: 'deadlineRule', entityId: row.id, after: presentRule(row) });
    return presentRule(row);
  });
}

// ---------- the owning record's summary (leads.due_on / deadline_state, cases.…) ----------

/** Records whose table carries a summary of their open deadlines, for lists sorted by due date and for counts. */
const SUMMARISED_ENTITIES = { lead: 'leads', case: 'cases', adjudication: 'adjudications', mediation: 'mediations' } as const;
const STATE_RANK: Record<string, number> = { overdue: 3, warning: 2, normal: 1, paused: 0 };

/**
 * Writes the earliest due date and the worst state of a record's open deadlines onto the record (leads, cases,
 * adjudications, mediations), so
 * "my open items sorted by due date" and the supervision counts read one indexed table. Called after every change of a
 * deadline of such a record; other entity types have no summary and are ignored.
 */
export async function syncEntityDeadline(trx: Executor, entityType: string, entityId: string | number): Promise<void> {
  const table = SUMMARISED_ENTITIES[entityType as keyof typeof SUMMARISED_ENTITIES];
  const id = Number(entityId);
  if (!table || !Number.isInteger(id)) return;
  const open = (await repo.listByEntity(trx, entityType, String(entityId))).filter((d) => d.completedOn === null);
  let dueOn: string | null = null;
  let state: 'normal' | 'warning' | 'overdue' | 'paused' | null = null;
  for (const d of open) {
    if (d.dueOn !== null && (dueOn === null || d.dueOn < dueOn)) dueOn = d.dueOn;
    const st = d.state === 'done' ? null : d.state;
    if (st && (state === null || STATE_RANK[st]! > STATE_RANK[state]!)) state = st;
  }
  await trx.updateTable(table).set({ dueOn, deadlineState: state }).where('id', '=', id).execute();
}

// ---------- computing one deadline ----------

function toPauses(rows: DeadlinePauseRow[]): Pause[] {
  return rows.map((p) => ({ from: p.fromOn, until: p.untilOn, reason: p.reason }));
}

function toExtensions(rows: DeadlineExtensionRow[]): Extension[] {
  return rows.map((e) => ({ amount: e.amount, unit: e.unit, reason: e.reason, approvedBy: String(e.approvedBy), approvedOn: e.approvedOn }));
}

interface Evaluation {
  dueOn: string | null;
  provisional: boolean;
  state: DeadlineState;
}

/** Due date and state of a deadline from its rule version, pauses and extensions (the engine in packages/shared). */
function evaluate(
  cal: WorkCalendar,
  rule: { amount: number; unit: DeadlineUnit },
  d: { startOn: string; completedOn: string | null },
  pauses: DeadlinePauseRow[],
  extensions: DeadlineExtensionRow[],
  today: string,
  warningWorkingDays: number,
): Evaluation {
  const r = computeDueDate(cal, { start: d.startOn, amount: rule.amount, unit: rule.unit, pauses: toPauses(pauses), extensions: toExtensions(extensions) });
  const state = deadlineState(cal, { dueOn: r.dueOn, today, warningWorkingDays, paused: r.paused, completedOn: d.completedOn });
  return { dueOn: r.dueOn, provisional: r.provisional, state };
}

/** Callers pass dates from their own validated input; a malformed one is still a 400, never a RangeError 500. */
function assertDate(path: string, value: string | undefined): void {
  if (value !== undefined && !isIsoDate(value)) throw fieldError(path, '日期格式应为 YYYY-MM-DD');
}

function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

async function recomputeRow(trx: Executor, deps: Deps, row: DeadlineRow, cal?: WorkCalendar): Promise<Evaluation> {
  const rule = await repo.findRuleById(trx, row.ruleId);
  if (!rule) throw new AppError('INTERNAL');
  const calendar = cal ?? (await loadWorkCalendar(trx, deps.db));
  const [pauses, extensions] = await Promise.all([repo.listPauses(trx, [row.id]), repo.listExtensions(trx, [row.id])]);
  return evaluate(calendar, rule, row, pauses, extensions, todayOf(deps), deps.config.deadlineWarningWorkingDays);
}

function snapshot(row: DeadlineRow) {
  return { dueOn: row.dueOn, state: row.state, provisional: row.provisional, completedOn: row.completedOn };
}

async function lockOpen(trx: Executor, id: number): Promise<DeadlineRow> {
  const row = await repo.lockById(trx, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.completedOn) throw new AppError('ACTION_NOT_ALLOWED', { message: '该期限已完成，不能再变更', details: { allowedActions: [] } });
  return row;
}

// ---------- the service other modules call, inside their own transaction ----------

export interface OpenDeadlineInput {
  entityType: string;
  entityId: string | number;
  /** What must be done, e.g. 投诉受理决定. */
  title: string;
  /** The responsible unit (责任机构). */
  unitId: number;
  ruleKey: string;
  /** The day the period starts from; it is not itself counted (民事诉讼法 第八十五条). */
  startOn: string;
}

/**
 * Opens a deadline for a step of a record. The rule version is the one in force on `startOn` (rule numbers are data
 * keyed by effective date). Runs in the caller's transaction and writes its audit row there. The caller has already
 * authorised the record the deadline belongs to.
 */
export async function openDeadline(trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: OpenDeadlineInput): Promise<DeadlineRow> {
  const { rows, audits } = await openDeadlines(trx, deps, [{ ctx, input }]);
  await writeAuditMany(trx, deps.clock, audits);
  await syncEntityDeadline(trx, rows[0]!.entityType, rows[0]!.entityId);
  return rows[0]!;
}

/**
 * Opens several deadlines with one read of the rules and of the calendar and one INSERT; returns the rows in the
 * order given and their `deadline.open` audit entries, which the caller writes (writeAuditMany) with its own, in its
 * transaction. Records summarised by syncEntityDeadline (leads, cases…) go through openDeadline; the intake's group
 * commit uses this for submissions, which are not summarised.
 */
export async function openDeadlines(
  trx: Transaction<Database>,
  deps: Deps,
  items: readonly { ctx: Ctx; input: OpenDeadlineInput }[],
): Promise<{ rows: DeadlineRow[]; audits: { ctx: Ctx; entry: AuditEntry }[] }> {
  return insertPlannedDeadlines(trx, await planDeadlines(trx, deps, items));
}

/** What planDeadlines reads: the versions of some rules and the work calendar. */
export interface DeadlineReference {
  keys: string[];
  rules: (DeadlineRule & { id: number })[];
  cal: WorkCalendar;
}

/** Reads the versions of the rules `keys` and the work calendar (cached by its notices' stamps). */
export async function loadDeadlineReference(ex: Executor, deps: Deps, keys: string[]): Promise<DeadlineReference> {
  const [ruleRows, cal] = await Promise.all([
    repo.listRules(ex, keys),
    loadWorkCalendar(ex, deps.db),
  ]);
  return { keys, rules: ruleRows.map(toDomainRule), cal };
}

export interface DeadlinePlan {
  items: readonly { ctx: Ctx; input: OpenDeadlineInput }[];
  rules: (DeadlineRule & { id: number })[];
  values: Insertable<DeadlinesTable>[];
}

/**
 * The deadlines to open, computed: the rule version in force on each start date and the due date on the work
 * calendar. Only reads (rules, calendar), so the intake runs it before its transaction; rule rows are never edited.
 */
export async function planDeadlines(
  ex: Executor,
  deps: Deps,
  items: readonly { ctx: Ctx; input: OpenDeadlineInput }[],
  reference?: DeadlineReference,
): Promise<DeadlinePlan> {
  if (items.length === 0) return { items, rules: [], values: [] };
  const keys = [...new Set(items.map((i) => i.input.ruleKey))];
  const ref = reference && keys.every((k) => reference.keys.includes(k)) ? reference : await loadDeadlineReference(ex, deps, keys);
  const allRules = ref.rules;
  const cal = ref.cal;
  const today = todayOf(deps);
  const now = deps.clock.now().toISOString();
  const rules: (DeadlineRule & { id: number })[] = [];
  const values = items.map(({ input }) => {
    assertDate('startOn', input.startOn);
    const candidates = allRules.filter((r) => r.key === input.ruleKey);
    if (candidates.length === 0) throw new AppError('VALIDATION_FAILED', { message: `期限规则 ${input.ruleKey} 不存在` });
    const rule = ruleInForce(candidates, input.ruleKey, input.startOn) as (DeadlineRule & { id: number }) | undefined;
    if (!rule) throw new AppError('VALIDATION_FAILED', { message: `${input.startOn} 时期限规则 ${input.ruleKey} 尚未生效，无法计算期限` });
    rules.push(rule);
    const ev = evaluate(cal, rule, { startOn: input.startOn, completedOn: null }, [], [], today, deps.config.deadlineWarningWorkingDays);
    return {
      entityType: input.entityType,
      entityId: String(input.entityId),
      title: input.title,
      unitId: input.unitId,
      ruleId: rule.id,
      startOn: input.startOn,
      dueOn: ev.dueOn,
      state: ev.state,
      provisional: ev.provisional,
      completedOn: null,
      notifiedState: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  return { items, rules, values };
}

/**
 * Inserts planned deadlines in one statement (with `alongside` data-modifying statements as its CTEs, one round trip
 * for all); returns the rows in the plan's order and their audit entries.
 */
export async function insertPlannedDeadlines(
  trx: Executor,
  plan: DeadlinePlan,
  alongside: RawBuilder<unknown>[] = [],
): Promise<{ rows: DeadlineRow[]; audits: { ctx: Ctx; entry: AuditEntry }[] }> {
  if (plan.values.length === 0) {
    for (const st of alongside) await st.execute(trx);
    return { rows: [], audits: [] };
  }
  const keys = Object.keys(plan.values[0]!);
  const snake = keys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const cols = sql.raw(snake.join(', '));
  const json = JSON.stringify(plan.values.map((v) => Object.fromEntries(keys.map((k, i) => [snake[i], (v as Record<string, unknown>)[k] ?? null]))));
  const ctes = alongside.length > 0 ? sql`WITH ${sql.join(alongside.map((st, i) => sql`${sql.raw(`a${i}`)} AS (${st})`))} ` : sql``;
  const inserted = (await sql<DeadlineRow>`${ctes}INSERT INTO deadlines (${cols})
      SELECT ${cols} FROM json_populate_recordset(NULL::deadlines, ${json}::json) RETURNING *`.execute(trx)).rows;
  // RETURNING gives no order guarantee: match the rows back by (entity, title), unique within one plan.
  const byEntity = new Map(inserted.map((r) => [`${r.entityType}:${r.entityId}:${r.title}`, r]));
  const rows = plan.values.map((v) => byEntity.get(`${v.entityType}:${v.entityId}:${v.title}`)!);
  const audits = rows.map((row, i) => {
    const rule = plan.rules[i]!;
    return {
      ctx: plan.items[i]!.ctx,
      entry: {
        action: 'deadline.open',
        entityType: 'deadline',
        entityId: row.id,
        after: {
          entityType: row.entityType, entityId: row.entityId, title: row.title, unitId: row.unitId, ruleKey: rule.key, ruleId: rule.id,
          basis: rule.basis, amount: rule.amount, unit: rule.unit, startOn: row.startOn, dueOn: row.dueOn, state: row.state, provisional: row.provisional,
        },
      },
    };
  });
  return { rows, audits };
}

/** Stops the clock from `from` (inclusive): 中止, 检测检验鉴定, 听证, 公告 etc. are not counted (不计入期限). */
export async function pauseDeadline(trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: { deadlineId: number; from: string; reason: string }): Promise<DeadlineRow> {
  assertDate('from', input.from);
  const row = await lockOpen(trx, input.deadlineId);
  const pauses = await repo.listPauses(trx, [row.id]);
  if (pauses.some((p) => p.untilOn === null)) throw new AppError('ACTION_NOT_ALLOWED', { message: '该期限已处于暂停状态', details: { allowedActions: ['resume', 'complete'] } });
  if (input.from < row.startOn) throw fieldError('from', '暂停开始日不能早于起算日');
  const pause = await repo.insertPause(trx, { deadlineId: row.id, fromOn: input.from, untilOn: null, reason: input.reason });
  const ev = await recomputeRow(trx, deps, row);
  const updated = await repo.updateDeadline(trx, row.id, { ...ev, updatedAt: deps.clock.now().toISOString() });
  await writeAudit(trx, deps.clock, ctx, {
    action: 'deadline.pause', entityType: 'deadline', entityId: row.id,
    before: snapshot(row), after: { ...snapshot(updated), pause: { id: pause.id, from: pause.fromOn, reason: pause.reason } },
  });
  await syncEntityDeadline(trx, row.entityType, row.entityId);
  return updated;
}

/** Restarts the clock on `on` (the first day that counts again). */
export async function resumeDeadline(trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: { deadlineId: number; on: string }): Promise<DeadlineRow> {
  assertDate('on', input.on);
  const row = await lockOpen(trx, input.deadlineId);
  const open = (await repo.listPauses(trx, [row.id])).find((p) => p.untilOn === null);
  if (!open) throw new AppError('ACTION_NOT_ALLOWED', { message: '该期限未处于暂停状态', details: { allowedActions: ['pause', 'extend', 'complete'] } });
  if (input.on < open.fromOn) throw fieldError('on', '恢复计算日不能早于暂停开始日');
  await repo.closePause(trx, open.id, input.on);
  const ev = await recomputeRow(trx, deps, row);
  const updated = await repo.updateDeadline(trx, row.id, { ...ev, updatedAt: deps.clock.now().toISOString() });
  await writeAudit(trx, deps.clock, ctx, {
    action: 'deadline.resume', entityType: 'deadline', entityId: row.id,
    before: snapshot(row), after: { ...snapshot(updated), pause: { id: open.id, from: open.fromOn, until: input.on } },
  });
  await syncEntityDeadline(trx, row.entityType, row.entityId);
  return updated;
}

export interface ExtendDeadlineInput {
  deadlineId: number;
  amount: number;
  unit: DeadlineUnit;
  reason: string;
  /** The head (负责人) who approved the extension. */
  approvedBy: number;
  /** Defaults to today (China time). */
  approvedOn?: string;
}

/** Adds an approved extension (延期), counted after the base period in its own unit. */
export async function extendDeadline(trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: ExtendDeadlineInput): Promise<DeadlineRow> {
  if (!Number.isInteger(input.amount) || input.amount < 1) throw fieldError('amount', '延长期限应为正整数');
  assertDate('approvedOn', input.approvedOn);
  const row = await lockOpen(trx, input.deadlineId);
  const ext = await repo.insertExtension(trx, {
    deadlineId: row.id, amount: input.amount, unit: input.unit, reason: input.reason, approvedBy: input.approvedBy, approvedOn: input.approvedOn ?? todayOf(deps),
  });
  const ev = await recomputeRow(trx, deps, row);
  const updated = await repo.updateDeadline(trx, row.id, { ...ev, updatedAt: deps.clock.now().toISOString() });
  await writeAudit(trx, deps.clock, ctx, {
    action: 'deadline.extend', entityType: 'deadline', entityId: row.id,
    before: snapshot(row),
    after: { ...snapshot(updated), extension: { id: ext.id, amount: ext.amount, unit: ext.unit, reason: ext.reason, approvedBy: ext.approvedBy, approvedOn: ext.approvedOn } },
  });
  await syncEntityDeadline(trx, row.entityType, row.entityId);
  return updated;
}

/** Marks the step done on `on` (default today); the due date stays as it was, for the record. */
export async function completeDeadline(trx: Transaction<Database>, deps: Deps, ctx: Ctx, input: { deadlineId: number; on?: string }): Promise<DeadlineRow> {
  assertDate('on', input.on);
  const row = await lockOpen(trx, input.deadlineId);
  const on = input.on ?? todayOf(deps);
  if (on < row.startOn) throw fieldError('on', '完成日期不能早于起算日');
  const updated = await repo.updateDeadline(trx, row.id, { completedOn: on, state: 'done', updatedAt: deps.clock.now().toISOString() });
  await writeAudit(trx, deps.clock, ctx, {
    action: 'deadline.complete', entityType: 'deadline', entityId: row.id,
    before: snapshot(row), after: { ...snapshot(updated), inTime: row.dueOn === null || on <= row.dueOn },
  });
  await syncEntityDeadline(trx, row.entityType, row.entityId);
  return updated;
}

/**
 * Completes the record's open deadlines of the given rule keys (e.g. the step that was just done), in the caller's
 * transaction. Returns the completed rows; a key with no open deadline is skipped.
 */
export async function completeOpenDeadlines(
  trx: Transaction<Database>, deps: Deps, ctx: Ctx, entityType: string, entityId: string | number, ruleKeys: string[], on?: string,
): Promise<DeadlineRow[]> {
  const open = await repo.listOpenByEntityAndRuleKeys(trx, entityType, String(entityId), ruleKeys);
  const done: DeadlineRow[] = [];
  for (const d of open) done.push(await completeDeadline(trx, deps, ctx, { deadlineId: d.id, on }));
  return done;
}

/**
 * Moves the record's open deadlines to a new responsible unit (分派、指派、退回): the period keeps running (暂行办法 counts from
 * receipt), only who answers for it changes. The caller's action row and audit record the move.
 */
export async function moveOpenDeadlines(trx: Transaction<Database>, deps: Deps, entityType: string, entityId: string | number, unitId: number): Promise<number> {
  const r = await trx
    .updateTable('deadlines')
    .set({ unitId, updatedAt: deps.clock.now().toISOString() })
    .where('entityType', '=', entityType)
    .where('entityId', '=', String(entityId))
    .where('completedOn', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The record's open deadline of one rule key, if any (to pause, resume or extend it). */
export async function findOpenDeadline(ex: Executor, entityType: string, entityId: string | number, ruleKey: string): Promise<DeadlineRow | undefined> {
  return (await repo.listOpenByEntityAndRuleKeys(ex, entityType, String(entityId), [ruleKey]))[0];
}

/** The deadlines of one record (for its detail page and for closing them when the record moves on). */
export function deadlinesOf(ex: Executor, entityType: string, entityId: string | number): Promise<DeadlineRow[]> {
  return repo.listByEntity(ex, entityType, String(entityId));
}

/** The pauses and the extensions of some deadlines, e.g. for a record's 办理期限 tab. */
export function pausesAndExtensionsOf(ex: Executor, deadlineIds: number[]): Promise<[DeadlinePauseRow[], DeadlineExtensionRow[]]> {
  return Promise.all([repo.listPauses(ex, deadlineIds), repo.listExtensions(ex, deadlineIds)]);
}

// ---------- recomputing many ----------

async function evaluateBatch(ex: Executor, rows: ListedDeadline[], cal: WorkCalendar, today: string, warn: number) {
  const ids = rows.map((r) => r.id);
  const [pauses, extensions] = await Promise.all([repo.listPauses(ex, ids), repo.listExtensions(ex, ids)]);
  const ruleIds = [...new Set(rows.map((r) => r.ruleId))];
  const rules = new Map<number, DeadlineRuleRow>();
  for (const id of ruleIds) {
    const rule = await repo.findRuleById(ex, id);
    if (rule) rules.set(id, rule);
  }
  return rows.map((row) => ({
    row,
    ev: evaluate(
      cal,
      rules.get(row.ruleId)!,
      row,
      pauses.filter((p) => p.deadlineId === row.id),
      extensions.filter((e) => e.deadlineId === row.id),
      today,
      warn,
    ),
  }));
}

/**
 * After the holiday calendar of a year changed: recomputes the open deadlines whose counting passes through the
 * window [from, to], with the new calendar, in the caller's transaction; one audit row per deadline that moved.
 * Returns the ids of the deadlines that changed.
 */
export async function recomputeDeadlinesInWindow(trx: Transaction<Database>, deps: Deps, ctx: Ctx, cal: WorkCalendar, window: { from: string; to: string }): Promise<number[]> {
  const rows = await repo.unsafeListOpenTouching(trx, window.from, window.to);
  const changed: number[] = [];
  const now = deps.clock.now().toISOString();
  for (const { row, ev } of await evaluateBatch(trx, rows, cal, todayOf(deps), deps.config.deadlineWarningWorkingDays)) {
    if (ev.dueOn === row.dueOn && ev.provisional === row.provisional && ev.state === row.state) continue;
    await repo.updateDeadline(trx, row.id, { ...ev, updatedAt: now });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'deadline.recompute', entityType: 'deadline', entityId: row.id,
      before: { dueOn: row.dueOn, state: row.state, provisional: row.provisional },
      after: { dueOn: ev.dueOn, state: ev.state, provisional: ev.provisional, reason: `节假日安排变更（${window.from} 至 ${window.to}）` },
    });
    await syncEntityDeadline(trx, row.entityType, row.entityId);
    changed.push(row.id);
  }
  return changed;
}

function ancestorIdsOf(units: Map<number, number | null>, unitId: number): number[] {
  const out: number[] = [];
  let p = units.get(unitId) ?? null;
  while (p !== null && !out.includes(p)) {
    out.push(p);
    p = units.get(p) ?? null;
  }
  return out;
}

async function loadParents(ex: Executor, unitId: number, cache: Map<number, number | null>): Promise<void> {
  let id: number | null = unitId;
  while (id !== null && !cache.has(id)) {
    const u = await repo.findUnit(ex, id);
    cache.set(id, u?.parentId ?? null);
    id = u?.parentId ?? null;
  }
}

function reminderFor(row: ListedDeadline, state: 'warning' | 'overdue', dueOn: string): Omit<NewNotification, 'userId'> {
  const basis = `${row.regulation}${row.article}（${row.ruleVersion}）`;
  return state === 'warning'
    ? {
        kind: 'deadline.warning',
        title: `【黄灯】${row.title}将于${dueOn}到期`,
        body: `${row.unitName}办理的“${row.title}”（${row.entityType} ${row.entityId}）将于 ${dueOn} 届满，请抓紧办理。期限依据：${basis}。`,
        link: `/admin/deadlines?state=warning`,
        dedupeKey: `deadline:${row.id}:warning:${dueOn}`,
      }
    : {
        kind: 'deadline.overdue',
        title: `【红灯】${row.title}已超期`,
        body: `${row.unitName}办理的“${row.title}”（${row.entityType} ${row.entityId}）已于 ${dueOn} 届满，现已超期，请尽快办结并说明原因。期限依据：${basis}。`,
        link: `/admin/deadlines?state=overdue`,
        dedupeKey: `deadline:${row.id}:overdue:${dueOn}`,
      };
}

export interface RefreshResult {
  checked: number;
  changed: number;
  notified: number;
}

const BATCH = 200;

/**
 * The scheduled refresh: recomputes due date and state of every open deadline for `today`, and sends the 黄灯 / 红灯
 * reminders to the responsible unit and to the 督办 staff of its ancestor units. Reminders carry a dedupe key
 * (deadline, state, due date), so a rerun never sends one twice, while a new due date after an extension warns again.
 *
 * A state colour that changes only because a day passed is derived data, not an act of anyone: it is not audited
 * (the reminders are the record). A due date that moves here (a calendar or rule fixed outside the normal paths)
 * is audited as a system action.
 *
 * Works in batches, each in its own short transaction, so the single PGlite connection is never held for long.
 */
export async function refreshDeadlineStates(deps: Deps, today: string): Promise<RefreshResult> {
  const cal = await loadWorkCalendar(deps.db);
  const warn = deps.config.deadlineWarningWorkingDays;
  const parents = new Map<number, number | null>();
  const result: RefreshResult = { checked: 0, changed: 0, notified: 0 };
  let afterId = 0;
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const rows = await repo.unsafeListOpenBatch(trx, afterId, BATCH);
      if (rows.length === 0) return true;
      afterId = rows[rows.length - 1].id;
      result.checked += rows.length;
      const now = deps.clock.now().toISOString();
      for (const { row, ev } of await evaluateBatch(trx, rows, cal, today, warn)) {
        const patch: Partial<DeadlineRow> = {};
        if (ev.dueOn !== row.dueOn || ev.provisional !== row.provisional) {
          patch.dueOn = ev.dueOn;
          patch.provisional = ev.provisional;
          await writeAudit(trx, deps.clock, SYSTEM_CTX, {
            action: 'deadline.recompute', entityType: 'deadline', entityId: row.id,
            before: { dueOn: row.dueOn, provisional: row.provisional }, after: { dueOn: ev.dueOn, provisional: ev.provisional, reason: '定时任务重新计算' },
          });
        }
        if (ev.state !== row.state) patch.state = ev.state;
        if ((ev.state === 'warning' || ev.state === 'overdue') && ev.state !== row.notifiedState && ev.dueOn && remindsOn(row.ruleKey, ev.state)) {
          await loadParents(trx, row.unitId, parents);
          // Who is told: staff of the responsible unit who may read deadlines, and staff of its ancestors who hold 督办.
          const own = await usersHoldingPermission(trx, 'deadline.read', { unitIds: [row.unitId] });
          const supervisors = await usersHoldingPermission(trx, 'deadline.supervise', { unitIds: ancestorIdsOf(parents, row.unitId) });
          const userIds = [...new Set([...own, ...supervisors])].sort((a, b) => a - b);
          const note = reminderFor(row, ev.state, ev.dueOn);
          result.notified += await sendNotifications(trx, userIds.map((userId) => ({ ...note, userId })));
          patch.notifiedState = ev.state;
        } else if (ev.state !== 'warning' && ev.state !== 'overdue' && row.notifiedState !== null) {
          // Back to normal (extended, paused): a later 黄灯 for the new due date is a new reminder.
          patch.notifiedState = null;
        }
        if (Object.keys(patch).length > 0) {
          await repo.updateDeadline(trx, row.id, { ...patch, updatedAt: now });
          if (patch.dueOn !== undefined || patch.state !== undefined) await syncEntityDeadline(trx, row.entityType, row.entityId);
          result.changed++;
        }
      }
      return rows.length < BATCH;
    });
    if (done) break;
  }
  return result;
}

// ---------- the list ----------

function presentDeadline(row: ListedDeadline, cal: WorkCalendar, today: string): DeadlineDto {
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    title: row.title,
    unitId: row.unitId,
    unitName: row.unitName,
    ruleKey: row.ruleKey,
    startOn: row.startOn,
    dueOn: row.dueOn,
    state: row.state,
    workingDaysLeft: row.dueOn && !row.completedOn ? workingDaysLeft(cal, today, row.dueOn) : null,
    basis: { regulation: row.regulation, article: row.article, version: row.ruleVersion },
    provisional: row.provisional,
  };
}

/** Deadlines inside the actor's data scope (a record outside it is never listed), 红灯 first, then by due date. */
export async function listDeadlines(deps: Deps, actor: Actor, query: { state?: DeadlineState; page: number; pageSize: number }): Promise<Page<DeadlineDto>> {
  const { total, items } = await repo.listInScope(deps.db, actor, query);
  const cal = await loadWorkCalendar(deps.db);
  const today = todayOf(deps);
  return { items: items.map((r) => presentDeadline(r, cal, today)), total, page: query.page, pageSize: query.pageSize };
}
