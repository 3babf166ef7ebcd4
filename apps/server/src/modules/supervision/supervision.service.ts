/**
 * 督办: the dashboard of open leads and cases by unit, type and deadline state (黄灯/红灯), 催办 reminders, 挂牌督办 flags
 * with their escalation, and the nomination of a decided case as 典型案例 (a content draft that then goes through the
 * content module's review → publish workflow).
 */
import {
  SUPERVISION_ITEM_KIND_LIST,
  CASE_ITEM_KINDS,
  LEAD_ITEM_KINDS,
  type CreateFlagInput,
  type CreateReminderInput,
  type LiftFlagInput,
  type NominateTypicalCaseInput,
  type Page,
  type Permission,
  type RecordRefQuery,
  type SupervisionFlagDto,
  type SupervisionItemDto,
  type SupervisionItemsQuery,
  type SupervisionOverviewDto,
  type SupervisionOverviewQuery,
  type SupervisionOverviewRowDto,
  type SupervisionReminderDto,
  type TypicalCaseNominationDto,
} from '@zhichan/shared';
import { can, SYSTEM_CTX, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { writeAudit } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import { createArticle } from '../content/content.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import {
  decisionLabel,
  compareUnits,
  entityLabel,
  FLAG_LEVELS,
  kindLabel,
  OrgTree,
  presentFlag,
  presentItem,
  presentReminder,
  recordLink,
} from './supervision.presenter';
import { supervisionRepository as repo, type AdjudicationRef, type CaseForReview, type RecordRef } from './supervision.repository';

// ---------- helpers ----------

export function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

export function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

export async function loadOrg(ex: Executor): Promise<OrgTree> {
  return new OrgTree(await repo.listUnits(ex));
}

/** The record inside the actor's scope, or 404 (never 403: a record outside the scope does not exist for the actor). */
export async function recordInScope(ex: Executor, actor: Actor, entityType: 'lead' | 'case', id: number): Promise<RecordRef> {
  const rec = await repo.getRecordInScope(ex, actor, entityType, id);
  if (!rec) throw new AppError('NOT_FOUND');
  return rec;
}

/**
 * The record of an extension request in the actor's scope, or 404: a lead or case (recordInScope), or a 行政裁决案件
 * (issue 6: the decision period, policy adjudication.decision; its unit in scope).
 */
export async function extensionRecordInScope(ex: Executor, actor: Actor, entityType: 'lead' | 'case' | 'adjudication', id: number): Promise<RecordRef | AdjudicationRef> {
  if (entityType !== 'adjudication') return recordInScope(ex, actor, entityType, id);
  const rec = await repo.adjudicationRefInScope(ex, actor, id);
  if (!rec) throw new AppError('NOT_FOUND');
  return rec;
}

function handlePermission(entityType: 'lead' | 'case'): Permission {
  return entityType === 'lead' ? 'lead.handle' : 'case.handle';
}

/** The handlers of a record: staff of its responsible unit who hold lead.handle / case.handle, and a case's named handlers. */
async function handlersOf(ex: Executor, rec: RecordRef): Promise<number[]> {
  const ids = new Set(await usersHoldingPermission(ex, handlePermission(rec.entityType), { unitIds: [rec.unitId] }));
  if (rec.entityType === 'case') for (const h of await repo.caseHandlerIds(ex, rec.id)) ids.add(h.userId);
  return [...ids].sort((a, b) => a - b);
}

function dueText(rec: RecordRef): string {
  return rec.dueOn ? `当前办理期限 ${rec.dueOn}` : '当前无进行中的办理期限';
}

// ---------- dashboard ----------

type StateKey = 'normal' | 'warning' | 'overdue' | 'paused' | 'none';

function emptyRow(unitId: number, unitName: string): SupervisionOverviewRowDto {
  return { unitId, unitName, open: 0, normal: 0, warning: 0, overdue: 0, paused: 0, none: 0, flagged: 0, leads: 0, cases: 0, byKind: {} };
}

/**
 * Counts of the open leads and cases of the actor's scope by responsible county bureau (stations rolled up), kind and
 * deadline state, with the flagged ones. Three GROUP BY queries on the open rows (closed_on IS NULL); no row loops.
 */
export async function supervisionOverview(deps: Deps, ctx: Ctx, q: SupervisionOverviewQuery): Promise<SupervisionOverviewDto> {
  const actor = staff(ctx);
  const org = await loadOrg(deps.db);
  const today = todayOf(deps);
  const unitIds = q.unitId ? org.subtree(q.unitId) : undefined;
  const leadCounts = await repo.openLeadCounts(deps.db, actor, unitIds);
  const caseCounts = await repo.openCaseCounts(deps.db, actor, unitIds);
  const flagCounts = await repo.openFlagCounts(deps.db, actor, today, unitIds);

  const rows = new Map<number, SupervisionOverviewRowDto>();
  const rowOf = (groupUnitId: number) => {
    const id = org.reportingUnit(groupUnitId);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = emptyRow(id, org.name(id))));
    return row;
  };
  // Every county bureau of the scope gets a row, also with nothing open: a zero is an answer too.
  const visible = actor.scope.kind === 'all' ? org.units.map((u) => u.id) : actor.scope.unitIds;
  const within = unitIds ? new Set(unitIds) : null;
  for (const id of visible) {
    const u = org.byId.get(id);
    if (u?.kind === 'countyBureau' && (!within || within.has(id))) rowOf(id);
  }
  for (const c of [...leadCounts.map((r) => ({ ...r, entity: 'lead' as const })), ...caseCounts.map((r) => ({ ...r, entity: 'case' as const }))]) {
    const n = Number(c.n);
    const row = rowOf(c.groupUnitId);
    const state: StateKey = c.state ?? 'none';
    row.open += n;
    row[state] += n;
    if (c.entity === 'lead') row.leads += n;
    else row.cases += n;
    row.byKind[c.kind] = (row.byKind[c.kind] ?? 0) + n;
  }
  let flagsOverdue = 0;
  for (const f of flagCounts) {
    rowOf(f.groupUnitId).flagged += Number(f.n);
    flagsOverdue += Number(f.overdue);
  }
  const sorted = [...rows.values()].sort((a, b) => compareUnits(org, a.unitId, b.unitId));
  const totals = { open: 0, normal: 0, warning: 0, overdue: 0, paused: 0, none: 0, flagged: 0, leads: 0, cases: 0, byKind: {} as Record<string, number> };
  for (const r of sorted) {
    for (const k of ['open', 'normal', 'warning', 'overdue', 'paused', 'none', 'flagged', 'leads', 'cases'] as const) totals[k] += r[k];
    for (const [k, v] of Object.entries(r.byKind)) totals.byKind[k] = (totals.byKind[k] ?? 0) + v;
  }
  for (const k of SUPERVISION_ITEM_KIND_LIST) totals.byKind[k] ??= 0;
  return { asOf: today, totals, rows: sorted, flagsOverdue };
}

/**
 * The open items of the scope, leads and cases together, by due date (nulls last). Each table is read in the order of
 * its partial index (due_on, id) WHERE closed_on IS NULL, up to the end of the requested page, and the two are merged.
 */
export async function supervisionItems(deps: Deps, ctx: Ctx, q: SupervisionItemsQuery): Promise<Page<SupervisionItemDto>> {
  const actor = staff(ctx);
  const org = await loadOrg(deps.db);
  const today = todayOf(deps);
  const filter = {
    unitIds: q.unitId ? org.subtree(q.unitId) : undefined,
    kind: q.kind,
    deadlineState: q.deadlineState,
    flagged: q.flagged,
  };
  const wantLeads = q.entityType !== 'case' && (!q.kind || LEAD_ITEM_KINDS.includes(q.kind));
  const wantCases = q.entityType !== 'lead' && (!q.kind || CASE_ITEM_KINDS.includes(q.kind));
  const upTo = q.page * q.pageSize;
  const leads = wantLeads ? await repo.openLeads(deps.db, actor, filter, upTo) : { rows: [], total: 0 };
  const cases = wantCases ? await repo.openCases(deps.db, actor, filter, upTo) : { rows: [], total: 0 };
  const merged: RecordRef[] = [...leads.rows, ...cases.rows].sort((a, b) => {
    if (a.dueOn !== b.dueOn) {
      if (a.dueOn === null) return 1;
      if (b.dueOn === null) return -1;
      return a.dueOn < b.dueOn ? -1 : 1;
    }
    if (a.entityType !== b.entityType) return a.entityType === 'case' ? -1 : 1;
    return a.id - b.id;
  });
  const page = merged.slice((q.page - 1) * q.pageSize, upTo);
  const refs = page.map((r) => ({ entityType: r.entityType, entityId: r.id }));
  const [flags, reminders, cal] = [await repo.flagsOf(deps.db, refs, { openOnly: true }), await repo.reminderStats(deps.db, refs), await loadWorkCalendar(deps.db)];
  const flagByKey = new Map(flags.map((f) => [`${f.entityType}:${f.entityId}`, presentFlag(actor, f, today)]));
  const remByKey = new Map(reminders.map((r) => [`${r.entityType}:${r.entityId}`, { n: Number(r.n), lastAt: (r.lastAt as string | null) ?? null }]));
  return {
    items: page.map((r) =>
      presentItem(actor, r, { org, cal, today, flag: flagByKey.get(`${r.entityType}:${r.id}`) ?? null, reminders: remByKey.get(`${r.entityType}:${r.id}`) }),
    ),
    total: leads.total + cases.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------- 催办 ----------

/**
 * 催办: a reminder from a supervisor to the responsible unit of an open lead or case. Recorded, sent in-app to the
 * unit's handlers, audited, all in one transaction.
 */
export async function sendReminder(deps: Deps, ctx: Ctx, input: CreateReminderInput): Promise<SupervisionReminderDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const rec = await recordInScope(trx, actor, input.entityType, input.entityId);
    if (rec.closedOn) throw new AppError('ACTION_NOT_ALLOWED', { message: `该${entityLabel(rec.entityType)}已办结，无需催办`, details: { allowedActions: [] } });
    const now = deps.clock.now().toISOString();
    const row = await repo.insertReminder(trx, { entityType: rec.entityType, entityId: rec.id, unitId: rec.unitId, message: input.message, sentBy: actor.userId, sentAt: now });
    const recipients = (await handlersOf(trx, rec)).filter((id) => id !== actor.userId);
    const notified = await sendNotifications(
      trx,
      recipients.map((userId) => ({
        userId,
        kind: 'supervision.reminder',
        title: `【催办】${entityLabel(rec.entityType)} ${rec.number}`,
        body: `${actor.unitName ?? ''}${actor.displayName}对“${rec.title}”（${rec.number}）催办：${input.message}。${dueText(rec)}，请抓紧办理。`,
        link: recordLink(rec.entityType, rec.id),
        dedupeKey: `supervision:reminder:${row.id}`,
      })),
    );
    await writeAudit(trx, deps.clock, ctx, {
      action: 'supervision.remind',
      entityType: rec.entityType,
      entityId: rec.id,
      after: { reminderId: row.id, unitId: rec.unitId, message: input.message, notifiedUserIds: recipients },
    });
    return presentReminder({ ...row, unitName: await unitName(trx, rec.unitId), sentByName: actor.displayName }, notified);
  });
}

async function unitName(ex: Executor, id: number): Promise<string> {
  const org = await loadOrg(ex);
  return org.name(id);
}

export async function listReminders(deps: Deps, ctx: Ctx, q: RecordRefQuery): Promise<SupervisionReminderDto[]> {
  const actor = staff(ctx);
  await recordInScope(deps.db, actor, q.entityType, q.entityId);
  return (await repo.remindersOf(deps.db, q.entityType, q.entityId)).map((r) => presentReminder(r));
}

// ---------- 挂牌督办 ----------

function flagLevel(actor: Actor, org: OrgTree): 'city' | 'county' {
  if (actor.unitId === null) return 'city';
  return org.byId.get(org.reportingUnit(actor.unitId))?.kind === 'cityBureau' ? 'city' : 'county';
}

/** 挂牌督办: a supervisor flags an open item with a date by which it must be done; the responsible unit is told. */
export async function flagItem(deps: Deps, ctx: Ctx, input: CreateFlagInput): Promise<SupervisionFlagDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  if (input.dueOn < today) throw fieldError('body.dueOn', '督办办结日期不能早于今天');
  return deps.db.transaction().execute(async (trx) => {
    const rec = await recordInScope(trx, actor, input.entityType, input.entityId);
    if (rec.closedOn) throw new AppError('ACTION_NOT_ALLOWED', { message: `该${entityLabel(rec.entityType)}已办结，不能挂牌督办`, details: { allowedActions: [] } });
    const existing = await repo.openFlagOf(trx, rec.entityType, rec.id);
    if (existing) throw new AppError('DUPLICATE', { message: `该${entityLabel(rec.entityType)}已挂牌督办（要求 ${existing.dueOn ?? '—'} 前办结），如需调整请先摘牌` });
    const org = await loadOrg(trx);
    const level = flagLevel(actor, org);
    const now = deps.clock.now().toISOString();
    const flag = await repo.insertFlag(trx, {
      entityType: rec.entityType, entityId: rec.id, unitId: rec.unitId, level, reason: input.reason, dueOn: input.dueOn, flaggedBy: actor.userId, flaggedAt: now,
    });
    const recipients = (await handlersOf(trx, rec)).filter((id) => id !== actor.userId);
    await sendNotifications(
      trx,
      recipients.map((userId) => ({
        userId,
        kind: 'supervision.flag',
        title: `【挂牌督办】${entityLabel(rec.entityType)} ${rec.number}`,
        body: `“${rec.title}”（${rec.number}）已由${actor.unitName ?? ''}${FLAG_LEVELS[level]}，要求于 ${input.dueOn} 前办结。督办要求：${input.reason}`,
        link: recordLink(rec.entityType, rec.id),
        dedupeKey: `supervision:flag:${flag.id}`,
      })),
    );
    await writeAudit(trx, deps.clock, ctx, {
      action: 'supervision.flag',
      entityType: rec.entityType,
      entityId: rec.id,
      after: { flagId: flag.id, unitId: rec.unitId, level, reason: input.reason, dueOn: input.dueOn, notifiedUserIds: recipients },
    });
    return presentFlag(actor, await repo.flagWithNames(trx, flag.id), today);
  });
}

/** 摘牌: ends a flag (done, or no longer needed), with a note. A flag of the city bureau is lifted by the city bureau. */
export async function liftFlag(deps: Deps, ctx: Ctx, id: number, input: LiftFlagInput): Promise<SupervisionFlagDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const flag = await repo.flagById(trx, id, { forUpdate: true });
    if (!flag) throw new AppError('NOT_FOUND');
    const rec = await recordInScope(trx, actor, flag.entityType, flag.entityId);
    if (flag.liftedAt) throw new AppError('ACTION_NOT_ALLOWED', { message: '该督办已摘牌', details: { allowedActions: [] } });
    const org = await loadOrg(trx);
    if (flag.level === 'city' && flagLevel(actor, org) !== 'city') {
      throw new AppError('FORBIDDEN', { message: '市局挂牌督办的事项由市局摘牌' });
    }
    const now = deps.clock.now().toISOString();
    const lifted = await repo.liftFlag(trx, id, { liftedAt: now, liftedBy: actor.userId, liftNote: input.note });
    if (!lifted) throw new AppError('ACTION_NOT_ALLOWED', { message: '该督办已摘牌', details: { allowedActions: [] } });
    const recipients = (await handlersOf(trx, rec)).filter((u) => u !== actor.userId);
    await sendNotifications(
      trx,
      recipients.map((userId) => ({
        userId,
        kind: 'supervision.lift',
        title: `【摘牌】${entityLabel(rec.entityType)} ${rec.number}`,
        body: `“${rec.title}”（${rec.number}）的挂牌督办已摘牌。说明：${input.note}`,
        link: recordLink(rec.entityType, rec.id),
        dedupeKey: `supervision:lift:${id}`,
      })),
    );
    await writeAudit(trx, deps.clock, ctx, {
      action: 'supervision.lift',
      entityType: rec.entityType,
      entityId: rec.id,
      before: { flagId: id, liftedAt: null },
      after: { flagId: id, liftedAt: now, note: input.note },
    });
    return presentFlag(actor, await repo.flagWithNames(trx, id), today);
  });
}

export async function listFlags(deps: Deps, ctx: Ctx, q: RecordRefQuery): Promise<SupervisionFlagDto[]> {
  const actor = staff(ctx);
  await recordInScope(deps.db, actor, q.entityType, q.entityId);
  const today = todayOf(deps);
  return (await repo.flagsOf(deps.db, [{ entityType: q.entityType, entityId: q.entityId }], { openOnly: false })).map((f) => presentFlag(actor, f, today));
}

const ESCALATION_BATCH = 100;

/**
 * The escalation job: a flag past its 督办 date, not lifted, on an item still open, is reported once to the 督办 staff
 * (deadline.supervise) of the units above the responsible unit — the leaders who asked for it to be done. escalated_at
 * records the one time; the notification's dedupe key makes a rerun harmless. Audited as a system action.
 */
export async function escalateOverdueFlags(deps: Deps): Promise<{ escalated: number; notified: number }> {
  const today = todayOf(deps);
  const result = { escalated: 0, notified: 0 };
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const flags = await repo.unsafeFlagsToEscalate(trx, today, ESCALATION_BATCH);
      if (flags.length === 0) return true;
      const org = await loadOrg(trx);
      const recs = new Map((await repo.unsafeRecordRefs(trx, flags)).map((r) => [`${r.entityType}:${r.id}`, r]));
      const now = deps.clock.now().toISOString();
      for (const f of flags) {
        const rec = recs.get(`${f.entityType}:${f.entityId}`);
        if (!rec) continue;
        const above = org.ancestors(rec.unitId);
        const recipients = await usersHoldingPermission(trx, 'deadline.supervise', { unitIds: above.length > 0 ? above : [rec.unitId] });
        result.notified += await sendNotifications(
          trx,
          recipients.map((userId) => ({
            userId,
            kind: 'supervision.escalation',
            title: `【督办逾期】${entityLabel(rec.entityType)} ${rec.number}`,
            body: `挂牌督办事项“${rec.title}”（${rec.number}，${org.name(rec.unitId)}承办）要求 ${f.dueOn} 前办结，现已逾期仍未办结。督办要求：${f.reason}`,
            link: recordLink(rec.entityType, rec.id),
            dedupeKey: `supervision:flag:${f.id}:escalated`,
          })),
        );
        await repo.markEscalated(trx, f.id, now);
        await writeAudit(trx, deps.clock, SYSTEM_CTX, {
          action: 'supervision.escalate',
          entityType: rec.entityType,
          entityId: rec.id,
          before: { flagId: f.id, escalatedAt: null },
          after: { flagId: f.id, escalatedAt: now, dueOn: f.dueOn, notifiedUserIds: recipients },
        });
        result.escalated++;
      }
      return flags.length < ESCALATION_BATCH;
    });
    if (done) break;
  }
  return result;
}

// ---------- 典型案例 ----------

const ID_NO_PATTERN = /\d{17}[\dXx]/;
const MOBILE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/;

/**
 * The party's personal data must not reach the portal (个人信息保护法 第六条; user-expectations §5.4): a natural
 * person's name, ID number and address, the legal representative's name, and anything that looks like an ID or mobile
 * number. A company's name is not personal data and may stay (its decision is public under 总局令第45号).
 */
function personalDataIssues(deps: Deps, kase: CaseForReview, texts: { path: string; text: string }[]) {
  const names: string[] = [];
  const secrets: string[] = [];
  if (kase.partyKind === 'person') {
    names.push(kase.partyName.trim());
    if (kase.partyAddress) secrets.push(kase.partyAddress.trim());
    if (kase.partyIdNoEnc) {
      try {
        secrets.push(deps.cipher.decrypt(kase.partyIdNoEnc));
      } catch {
        // unreadable under the current key: the pattern check below still applies
      }
    }
  }
  if (kase.partyLegalRep) names.push(kase.partyLegalRep.trim());
  const issues: { path: string; message: string }[] = [];
  for (const { path, text } of texts) {
    const compact = text.replace(/\s/g, '');
    if (names.some((n) => Array.from(n).length >= 2 && compact.includes(n.replace(/\s/g, '')))) {
      issues.push({ path, message: '不得包含当事人（自然人）或法定代表人的姓名，请以“张某”“某公司负责人”等代称' });
    } else if (secrets.some((s) => s.length >= 4 && compact.includes(s.replace(/\s/g, '')))) {
      issues.push({ path, message: '不得包含当事人的身份证号码或住址' });
    } else if (ID_NO_PATTERN.test(compact) || MOBILE_PATTERN.test(compact)) {
      issues.push({ path, message: '不得包含身份证号码或手机号码等个人信息' });
    }
  }
  return issues;
}

function money(v: string | null): string | null {
  if (v === null || Number(v) === 0) return null;
  return `${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
}

/** A first draft of the article from the case, without the party's identity (the editor completes it). */
function draftBody(kase: CaseForReview, summary: string): string {
  const fine = money(kase.fineAmount);
  const gains = money(kase.confiscatedAmount);
  const result = [
    kase.decision ? `${kase.unitName}依法作出${decisionLabel(kase.decision) ?? ''}决定` : null,
    fine ? `罚款${fine}` : null,
    gains ? `没收违法所得${gains}` : null,
  ].filter(Boolean).join('，');
  return [
    '## 基本案情',
    summary,
    '',
    '## 处理结果',
    `${result || `${kase.unitName}依法作出处理`}。`,
    '',
    '## 典型意义',
    '（请补充本案在法律适用、办案方法或社会影响方面的典型意义。）',
    '',
    `案件类型：${kindLabel(kase.caseType)}`,
  ].join('\n');
}

/**
 * 典型案例: a decided or closed case is proposed as a typical case. Creates a 典型案例 draft through the content module
 * (its own transaction and audit), then records the nomination (case → article) in the audit log. The portal shows the
 * article only after the normal content review → publish.
 */
export async function nominateTypicalCase(deps: Deps, ctx: Ctx, input: NominateTypicalCaseInput): Promise<TypicalCaseNominationDto> {
  const actor = staff(ctx);
  if (!can(actor, 'case.review') && !can(actor, 'deadline.supervise')) throw new AppError('FORBIDDEN');
  const kase = await repo.caseForReview(deps.db, actor, input.caseId);
  if (!kase) throw new AppError('NOT_FOUND');
  if (!kase.decisionOn && !kase.closedOn) {
    throw new AppError('ACTION_NOT_ALLOWED', { message: '只有已作出决定或已结案的案件才能推荐为典型案例', details: { allowedActions: [] } });
  }
  if (kase.decision === 'withdrawn') {
    throw new AppError('ACTION_NOT_ALLOWED', { message: '已销案的案件不能推荐为典型案例', details: { allowedActions: [] } });
  }
  const body = input.body ?? draftBody(kase, input.summary);
  // A generated body is made of the summary and the case's type and result: checking the summary covers it.
  const issues = personalDataIssues(deps, kase, [
    { path: 'body.title', text: input.title },
    { path: 'body.summary', text: input.summary },
    ...(input.body ? [{ path: 'body.body', text: input.body }] : []),
  ]);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { message: issues[0]!.message, details: issues });
  const existing = (await repo.typicalCaseNominations(deps.db, kase.id))[0];
  if (existing) {
    throw new AppError('DUPLICATE', { message: `该案件已推荐为典型案例（“${existing.title}”），请在内容管理中编辑该稿件` });
  }
  const article = await createArticle(deps, ctx, {
    kind: 'typicalCase',
    category: null,
    title: input.title,
    summary: input.summary,
    body,
    issuer: null,
    documentNo: null,
    issuedOn: null,
    effectiveOn: null,
    edition: null,
    relatedArticleId: null,
    attachmentIds: [],
  });
  await deps.db.transaction().execute(async (trx) => {
    await writeAudit(trx, deps.clock, ctx, {
      action: 'supervision.typicalCase',
      entityType: 'case',
      entityId: kase.id,
      after: { caseId: kase.id, caseNo: kase.caseNo, articleId: article.id, title: input.title },
    });
  });
  return { caseId: kase.id, articleId: article.id, articleStatus: article.status, title: article.title, link: `/admin/articles/${article.id}` };
}
