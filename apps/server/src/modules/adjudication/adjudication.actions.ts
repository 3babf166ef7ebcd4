/**
 * The workflow actions of an adjudication (POST /api/adjudications/:id/actions/:action). Each runs in one transaction:
 * the case is locked (its unit in the actor's scope; a receiving or assisting unit only reads: 403), the status table
 * (packages/shared adjudication-workflow.ts) and the action's guard are checked (409 ACTION_NOT_ALLOWED with the allowed
 * actions), the row version is compared (409 VERSION_CONFLICT), the step runs (deadlines, service, hearings …), the row
 * is updated (version + 1), the action is appended to adjudication_actions and the audit row written.
 */
import {
  ADJUDICATION_ACTION_PERMISSIONS,
  ADJUDICATION_ACTIONS,
  ADJUDICATION_DECISIONS,
  ADJUDICATION_ORDERS,
  ADJUDICATION_REJECTION_REASONS,
  ADJUDICATION_STATUSES,
  INVALIDATION_RESULTS,
  JUDGMENT_RESULTS,
  SUSPENSION_REFUSAL_GROUNDS,
  addDaysIso,
  adjudicationActionAllowed,
  formatDocNo,
  organCode,
  allowedAdjudicationActions,
  nextAdjudicationStatus,
  type AdjudicationAction,
  type AdjudicationActionInput,
  type AdjudicationDetailDto,
  type AdjudicationEndpointAction,
  type AdjudicationStatus,
  type ServiceMethod,
} from '@zhichan/shared';
import type { Updateable } from 'kysely';
import { can, type Actor, type Ctx } from '../../access/actor';
import { nextRecordNumber } from '../../db/record-counters';
import type { AdjudicationsTable } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { completeDeadline, deadlinesOf, findOpenDeadline, pauseDeadline, resumeDeadline } from '../deadlines/deadlines.service';
import { latestDocument } from '../documents/documents.service';
import { createMediationFromSource } from '../mediation/mediation.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import { createServiceRecord } from '../service/service.service';
import { adjudicationRepository as repo, type AdjudicationRow } from './adjudication.repository';
import {
  appraisalRunning,
  decisionServices,
  detailOf,
  earliestHearingOn,
  guardProblem,
  lastData,
  lockForAction,
  openCaseDeadline,
  pickDate,
  staff,
  todayOf,
  type CaseFacts,
  type Trx,
} from './adjudication.service';
import { withdrawPublicationOf } from './adjudication-publications.service';

function notAllowed(status: AdjudicationStatus, message: string): AppError {
  return new AppError('ACTION_NOT_ALLOWED', { message, details: { status, allowedActions: allowedAdjudicationActions(status) } });
}

interface Outcome {
  /** Status after the action; default: the table's next status. */
  to?: AdjudicationStatus;
  patch?: Updateable<AdjudicationsTable>;
  note?: string | null;
  /** Logged with the action; `on` is the day the step took place (the requester's timeline shows it). */
  data: Record<string, unknown> & { on: string };
  /** Work after the row is updated. */
  after?: (updated: AdjudicationRow) => Promise<void>;
}

interface StepCtx {
  actor: Actor;
  today: string;
  facts: CaseFacts;
}

async function factsOf(trx: Trx, a: AdjudicationRow, today: string): Promise<CaseFacts> {
  const [actions, files, hearings, deadlines] = await Promise.all([repo.actions(trx, a.id), repo.files(trx, a.id), repo.hearings(trx, a.id), repo.deadlines(trx, a.id)]);
  return { a, today, actions, fileKinds: files.map((f) => f.kind), hearings, deadlines };
}

async function act(
  deps: Deps,
  ctx: Ctx,
  id: number,
  action: AdjudicationAction,
  version: number,
  step: (trx: Trx, a: AdjudicationRow, s: StepCtx) => Promise<Outcome>,
): Promise<AdjudicationDetailDto> {
  const actor = staff(ctx);
  if (!can(actor, ADJUDICATION_ACTION_PERMISSIONS[action])) {
    throw new AppError('FORBIDDEN', { message: action === 'decide' ? '行政裁决须由负责人作出' : '您没有办理行政裁决案件的权限' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, actor, id);
    const status = a.status as AdjudicationStatus;
    if (!adjudicationActionAllowed(status, action)) {
      throw notAllowed(status, `案件当前状态为“${ADJUDICATION_STATUSES[status] ?? status}”，不能${ADJUDICATION_ACTIONS[action]}`);
    }
    if (a.version !== version) throw new AppError('VERSION_CONFLICT');
    const today = todayOf(deps);
    const facts = await factsOf(trx, a, today);
    const problem = guardProblem(action, facts);
    if (problem) throw notAllowed(status, problem);
    const o = await step(trx, a, { actor, today, facts });
    const to = o.to ?? nextAdjudicationStatus(status, action);
    const nowIso = deps.clock.now().toISOString();
    const updated = await repo.update(trx, id, a.version, { ...o.patch, status: to, updatedAt: nowIso });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await repo.insertAction(trx, {
      adjudicationId: id, action, fromStatus: status, toStatus: to, note: o.note ?? null, data: JSON.stringify(o.data), actorId: actor.userId, actorName: actor.displayName, at: nowIso,
    });
    if (o.after) await o.after(updated);
    await writeAudit(trx, deps.clock, ctx, {
      action: `adjudication.${action}`, entityType: 'adjudication', entityId: id,
      before: { status, version: a.version }, after: { status: to, requestNo: a.requestNo, caseNo: updated.caseNo, ...o.data },
    });
    return detailOf(deps, actor, (await repo.unsafeGet(trx, id))!, trx, true);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// clocks: the decision period (and the answer period) do not run while 公告, 鉴定, 中止
// ---------------------------------------------------------------------------------------------------------------

/**
 * Stops the decision clock (and, with `answer`, the answer clock) from `from`. When another cause already stopped it,
 * nothing changes: the excluded period is the union of the causes and ends when the last one ends.
 */
async function pauseClocks(trx: Trx, deps: Deps, ctx: Ctx, a: AdjudicationRow, from: string, reason: string, opts: { answer?: boolean } = {}): Promise<void> {
  const keys = opts.answer ? ['adjudication.decision', 'adjudication.answer'] : ['adjudication.decision'];
  for (const key of keys) {
    const d = await findOpenDeadline(trx, 'adjudication', a.id, key);
    if (!d || (await repo.openPause(trx, d.id))) continue;
    await pauseDeadline(trx, deps, ctx, { deadlineId: d.id, from: from < d.startOn ? d.startOn : from, reason });
  }
}

/** The deemed-served day of a 公告送达 of the request issued on or before `on` (its period is excluded too). */
function announcementEnd(actions: { action: string; data: unknown }[], on: string): string | null {
  let end: string | null = null;
  for (const x of actions) {
    const d = (x.data ?? {}) as { method?: string; announcedOn?: string; deemedServedOn?: string };
    if (x.action === 'serveRequest' && d.method === 'announcement' && d.announcedOn && d.deemedServedOn && d.announcedOn <= on) end = d.deemedServedOn;
  }
  return end;
}

/**
 * Restarts the clocks on `on` (the first day that counts again) unless another cause still holds the decision clock
 * (中止 or a running 鉴定). A 公告 period that began while the clock was stopped extends the stop to its end.
 */
async function resumeClocks(
  trx: Trx, deps: Deps, ctx: Ctx, a: AdjudicationRow, on: string,
  after: { status: AdjudicationStatus; appraisal: boolean; answer?: boolean; actions: { action: string; data: unknown }[] },
): Promise<void> {
  if (after.answer) {
    const d = await findOpenDeadline(trx, 'adjudication', a.id, 'adjudication.answer');
    const p = d ? await repo.openPause(trx, d.id) : undefined;
    if (d && p) await resumeDeadline(trx, deps, ctx, { deadlineId: d.id, on: on < p.fromOn ? p.fromOn : on });
  }
  if (after.status === 'suspended' || after.appraisal) return;
  const d = await findOpenDeadline(trx, 'adjudication', a.id, 'adjudication.decision');
  const p = d ? await repo.openPause(trx, d.id) : undefined;
  if (!d || !p) return;
  let day = on < p.fromOn ? p.fromOn : on;
  const end = announcementEnd(after.actions, day);
  if (end && end > day) day = end;
  await resumeDeadline(trx, deps, ctx, { deadlineId: d.id, on: day });
}

/** Completes an open deadline; a deadline that starts later (counted from a deemed-served day) is completed on its start. */
async function completeOpen(trx: Trx, deps: Deps, ctx: Ctx, id: number, keys: string[], on: string): Promise<void> {
  const rows = (await deadlinesOf(trx, 'adjudication', id)).filter((d) => d.completedOn === null);
  const ruleKeys = new Map((await trx.selectFrom('deadlineRules').select(['id', 'key']).where('id', 'in', rows.length > 0 ? rows.map((r) => r.ruleId) : [-1]).execute()).map((r) => [r.id, r.key]));
  for (const d of rows) {
    if (keys.length > 0 && !keys.includes(ruleKeys.get(d.ruleId) ?? '')) continue;
    await completeDeadline(trx, deps, ctx, { deadlineId: d.id, on: on < d.startOn ? d.startOn : on });
  }
}

/** Ends the case before a decision (撤回、和解、驳回): every open deadline is completed. */
async function endCase(trx: Trx, deps: Deps, ctx: Ctx, a: AdjudicationRow, on: string): Promise<void> {
  await completeOpen(trx, deps, ctx, a.id, [], on);
  await trx.updateTable('adjudicationHearings').set({ status: 'cancelled' }).where('adjudicationId', '=', a.id).where('status', '=', 'scheduled').execute();
}

// ---------------------------------------------------------------------------------------------------------------
// the panel
// ---------------------------------------------------------------------------------------------------------------

/**
 * 合议组 (专利行政执法办法 第十条: 三名以上单数, one 主审): active staff of the case's unit or below holding
 * adjudication.handle. The schema checked the count and the chief (panelProblem).
 */
async function resolvePanel(trx: Trx, a: AdjudicationRow, panel: { userId: number; role: 'chief' | 'member' }[]) {
  const unit = await repo.unit(trx, a.unitId);
  if (!unit) throw new AppError('INTERNAL');
  const ok = new Map((await repo.staffWithPermissionUnder(trx, unit.path, 'adjudication.handle', panel.map((p) => p.userId))).map((u) => [u.id, u]));
  panel.forEach((p, i) => {
    if (!ok.has(p.userId)) throw fieldError(`body.panel.${i}.userId`, `所选人员不是${unit.name}及其下属机构具有行政裁决办案权限的在岗人员`);
  });
  return panel.map((p) => ({ userId: p.userId, role: p.role, name: ok.get(p.userId)!.displayName }));
}

// ---------------------------------------------------------------------------------------------------------------
// service (送达)
// ---------------------------------------------------------------------------------------------------------------

type ServiceInput = AdjudicationActionInput<'serveRequest'>;

async function serve(trx: Trx, deps: Deps, ctx: Ctx, a: AdjudicationRow, input: ServiceInput, documentTitle: string, today: string, notBefore: { date: string | null; label: string }) {
  const announcement = input.method === 'announcement';
  const path = announcement ? 'body.announcedOn' : 'body.servedOn';
  const actOn = pickDate(path, announcement ? input.announcedOn : input.servedOn, today, notBefore);
  const rec = await createServiceRecord(trx, deps, ctx, {
    entityType: 'adjudication', entityId: a.id, unitId: a.unitId, documentId: input.documentId, documentTitle, method: input.method as ServiceMethod,
    recipient: input.recipient, servedOn: announcement ? null : actOn, announcedOn: announcement ? actOn : null, trackingNo: input.trackingNo,
    electronicConsent: input.electronicConsent, proofFileId: input.proofFileId, announcementText: input.announcementText, note: input.note,
  });
  return { rec, actOn, announcement, effective: rec.effectiveServedOn };
}

function docTitle(doc: { title: string; docNo: string | null } | undefined, fallback: string): string {
  if (!doc) return fallback;
  return doc.docNo && !doc.title.includes(doc.docNo) ? `${doc.title}（${doc.docNo}）` : doc.title;
}

// ---------------------------------------------------------------------------------------------------------------
// the actions
// ---------------------------------------------------------------------------------------------------------------

type Handler<A extends AdjudicationEndpointAction> = (deps: Deps, ctx: Ctx, id: number, input: AdjudicationActionInput<A>) => Promise<AdjudicationDetailDto>;

/**
 * 立案 within 5 working days of receipt (专利行政执法办法 第十条) with the panel; the 立案号 (泰市监专纠〔2026〕3号) from the
 * organ's yearly sequence; the service period (5 WD) and the decision period (3 months, 第十三条) start.
 */
const file: Handler<'file'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'file', input.version, async (trx, a, { today }) => {
    const filedOn = pickDate('body.filedOn', input.filedOn, today, { date: a.receivedOn, label: '收到请求之日' });
    const panel = await resolvePanel(trx, a, input.panel);
    const chain = await repo.unitChain(trx, a.unitId);
    const city = chain.find((u) => u.kind === 'cityBureau') ?? chain[0]!;
    const county = chain.find((u) => u.kind === 'countyBureau') ?? null;
    const year = Number(filedOn.slice(0, 4));
    const caseNo = formatDocNo(organCode(city.name, county?.name), '专纠', year, await nextRecordNumber(trx, `adjudication:${a.unitId}`, year));
    await repo.replaceHandlers(trx, a.id, panel.map((p) => ({ userId: p.userId, role: p.role })));
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.filing'], filedOn);
    await openCaseDeadline(trx, deps, ctx, a, 'adjudication.service', filedOn);
    await openCaseDeadline(trx, deps, ctx, a, 'adjudication.decision', filedOn);
    return {
      patch: { caseNo, filedOn, simpleCase: input.simpleCase },
      note: input.note,
      data: { on: filedOn, caseNo, simpleCase: input.simpleCase, panel, publicText: `已立案，立案号 ${caseNo}。` },
      after: async () => {
        await sendNotifications(
          trx,
          panel.filter((p) => p.userId !== ctx.actor?.userId).map((p) => ({
            userId: p.userId, kind: 'adjudication.panel', title: `您已被指定为行政裁决案件合议组${p.role === 'chief' ? '主审' : '成员'}`,
            body: `${caseNo}：${a.respondentName}涉嫌侵犯专利权（${a.patentNo}）`, link: `/admin/adjudications/${a.id}`, dedupeKey: `adjudication:panel:${a.id}:${p.userId}:${caseNo}`,
          })),
        );
      },
    };
  });

/** 不予受理 with the reason (山东省专利条例 第十八条 conditions); the filing period ends. */
const reject: Handler<'reject'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'reject', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.rejectedOn', input.rejectedOn, today, { date: a.receivedOn, label: '收到请求之日' });
    const reason = `${ADJUDICATION_REJECTION_REASONS[input.reason]}：${input.reasonText}`;
    await endCase(trx, deps, ctx, a, on);
    return { patch: { notAcceptedReason: reason, closedOn: on }, note: reason, data: { on, reason: input.reason, reasonText: input.reasonText, publicText: `不予受理。理由：${reason}` } };
  });

const assignPanel: Handler<'assignPanel'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'assignPanel', input.version, async (trx, a, { today }) => {
    const before = await repo.handlers(trx, a.id);
    const panel = await resolvePanel(trx, a, input.panel);
    await repo.replaceHandlers(trx, a.id, panel.map((p) => ({ userId: p.userId, role: p.role })));
    return { note: input.reason, data: { on: today, reason: input.reason, before: before.map((h) => ({ userId: h.userId, role: h.role })), panel } };
  });

/**
 * 请求书副本送达被请求人 (专利行政执法办法 第十一条: within 5 WD of filing). The answer period (15 日) counts from the
 * service day; for 公告送达 from the deemed-served day (民事诉讼法 第九十五条: 30 日 after the announcement, computed by the
 * deadline engine), and the announcement period is not counted in the decision period (legal-rules §1.4 A6). A second
 * service (e.g. after a failed posting) restarts the answer period.
 */
const serveRequest: Handler<'serveRequest'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'serveRequest', input.version, async (trx, a, { today }) => {
    const doc = await latestDocument(trx, 'adjudication', a.id, 'answerNotice');
    const title = input.documentTitle ?? docTitle(doc, '专利侵权纠纷处理请求书副本及答辩通知书');
    const s = await serve(trx, deps, ctx, a, input, title, today, { date: a.filedOn, label: '立案日期' });
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.service'], s.actOn);
    // A new service restarts the answer period.
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.answer'], today);
    const answer = await openCaseDeadline(trx, deps, ctx, a, 'adjudication.answer', s.effective);
    if (s.announcement && s.effective > s.actOn) {
      const d = await findOpenDeadline(trx, 'adjudication', a.id, 'adjudication.decision');
      if (d && !(await repo.openPause(trx, d.id))) {
        // 公告期间不计入结案期限: from the announcement day until the deemed-served day.
        await pauseDeadline(trx, deps, ctx, { deadlineId: d.id, from: s.actOn < d.startOn ? d.startOn : s.actOn, reason: `公告送达期间不计入（${s.actOn} 公告，${s.effective} 视为送达）` });
        await resumeDeadline(trx, deps, ctx, { deadlineId: d.id, on: s.effective });
      }
    }
    return {
      patch: { respondentServedOn: s.effective },
      data: {
        on: s.actOn, method: input.method, serviceRecordId: s.rec.id, recipient: input.recipient, servedOn: s.announcement ? null : s.actOn,
        announcedOn: s.announcement ? s.actOn : null, deemedServedOn: s.announcement ? s.effective : null, answerDueOn: answer.dueOn,
        publicText: s.announcement ? `被请求人无法直接送达，已公告送达，${s.effective} 视为送达。` : '请求书副本已送达被请求人，被请求人答辩期开始计算。',
      },
    };
  });

/** 收到答辩书: the copy goes to the requester within 5 WD (adjudication.answerForward). */
const recordAnswer: Handler<'recordAnswer'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'recordAnswer', input.version, async (trx, a, { today }) => {
    const receivedOn = pickDate('body.receivedOn', input.receivedOn, today, { date: a.filedOn, label: '立案日期' });
    if (input.fileId !== null && !(await repo.fileOfCase(trx, a.id, input.fileId))) throw fieldError('body.fileId', '所选答辩书文件不属于本案材料，请先上传');
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.answer'], receivedOn);
    const d = await openCaseDeadline(trx, deps, ctx, a, 'adjudication.answerForward', receivedOn);
    return { patch: { answerReceivedOn: receivedOn }, note: input.note, data: { on: receivedOn, fileId: input.fileId, forwardDueOn: d.dueOn } };
  });

const forwardAnswer: Handler<'forwardAnswer'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'forwardAnswer', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.forwardedOn', input.forwardedOn, today, { date: a.answerReceivedOn, label: '收到答辩书之日' });
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.answerForward'], on);
    return { patch: { answerForwardedOn: on }, note: input.note, data: { on } };
  });

/**
 * 口头审理通知 (notice day = today): the hearing day at least adjudication.hearingNotice (3 WD) after it, else 400 with
 * the earliest allowed day. A new notice cancels the earlier date (改期).
 */
const scheduleHearing: Handler<'scheduleHearing'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'scheduleHearing', input.version, async (trx, a, { actor, today }) => {
    const earliest = await earliestHearingOn(trx, deps, today);
    if (input.scheduledOn < earliest) {
      throw fieldError('body.scheduledOn', `口头审理的时间、地点应当在审理三个工作日前通知当事人，今天（${today}）发出通知的，审理最早安排在 ${earliest}`);
    }
    const scheduledAt = new Date(`${input.scheduledOn}T${input.scheduledTime}:00+08:00`).toISOString();
    await trx.updateTable('adjudicationHearings').set({ status: 'cancelled' }).where('adjudicationId', '=', a.id).where('status', '=', 'scheduled').execute();
    const h = await repo.insertHearing(trx, {
      adjudicationId: a.id, scheduledAt, place: input.place, online: input.online, noticeOn: today, technicalInvestigators: input.technicalInvestigators,
      jointWithCnipa: input.jointWithCnipa, status: 'scheduled', heldOn: null, recordSummary: null, createdBy: actor.userId, createdAt: deps.clock.now().toISOString(),
    });
    return {
      patch: { procedureMode: 'oral' },
      note: input.note,
      data: {
        on: today, hearingId: h.id, scheduledOn: input.scheduledOn, scheduledTime: input.scheduledTime, place: input.place, online: input.online,
        technicalInvestigators: input.technicalInvestigators, jointWithCnipa: input.jointWithCnipa, earliestHearingOn: earliest,
        publicText: `口头审理定于 ${input.scheduledOn} ${input.scheduledTime}${input.online ? '在线' : ''}举行，地点：${input.place}。`,
      },
    };
  });

const holdHearing: Handler<'holdHearing'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'holdHearing', input.version, async (trx, a, { today, facts }) => {
    const h = [...facts.hearings].reverse().find((x) => x.status === 'scheduled') as { id: number; noticeOn: string } | undefined;
    if (!h) throw notAllowed(a.status as AdjudicationStatus, '尚未发出口头审理通知');
    const heldOn = pickDate('body.heldOn', input.heldOn, today, { date: h.noticeOn, label: '口头审理通知日期' });
    if (input.fileId !== null && !(await repo.fileOfCase(trx, a.id, input.fileId))) throw fieldError('body.fileId', '所选审理笔录文件不属于本案材料，请先上传');
    await repo.updateHearing(trx, h.id, { status: 'held', heldOn, recordSummary: input.recordSummary });
    return { note: input.recordSummary, data: { on: heldOn, hearingId: h.id, fileId: input.fileId } };
  });

const chooseWrittenReview: Handler<'chooseWrittenReview'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'chooseWrittenReview', input.version, async (trx, a, { today }) => {
    await trx.updateTable('adjudicationHearings').set({ status: 'cancelled' }).where('adjudicationId', '=', a.id).where('status', '=', 'scheduled').execute();
    return { patch: { procedureMode: 'written' }, note: input.reason, data: { on: today, reason: input.reason } };
  });

/** 山东省专利条例 第二十条: 实用新型、外观设计 — the office may require the 专利权评价报告. */
const requestEvaluationReport: Handler<'requestEvaluationReport'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'requestEvaluationReport', input.version, async (_trx, a, { today }) => {
    const on = pickDate('body.requestedOn', input.requestedOn, today, { date: a.filedOn, label: '立案日期' });
    if (input.dueOn && input.dueOn < on) throw fieldError('body.dueOn', '提交期限不能早于要求提供之日');
    return { note: input.note, data: { on, dueOn: input.dueOn } };
  });

/** 鉴定 (鉴定时间不计入结案期限): the decision clock stops from the start day. */
const startAppraisal: Handler<'startAppraisal'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'startAppraisal', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.startedOn', input.startedOn, today, { date: a.filedOn, label: '立案日期' });
    await pauseClocks(trx, deps, ctx, a, on, `鉴定期间不计入：${input.subject}`);
    return { data: { on, subject: input.subject, institution: input.institution } };
  });

/** 鉴定完成: the decision clock runs again from the next day. */
const endAppraisal: Handler<'endAppraisal'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'endAppraisal', input.version, async (trx, a, { today, facts }) => {
    const since = (lastData(facts.actions, 'startAppraisal')?.on as string | undefined) ?? a.filedOn;
    const on = pickDate('body.endedOn', input.endedOn, today, { date: since, label: '鉴定开始日期' });
    await resumeClocks(trx, deps, ctx, a, addDaysIso(on, 1), { status: a.status as AdjudicationStatus, appraisal: false, actions: facts.actions });
    return { note: input.result, data: { on, result: input.result } };
  });

/** 三级联动: a county bureau or station under the case's unit is asked to assist (勘验、调查取证、送达). */
const requestAssist: Handler<'requestAssist'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'requestAssist', input.version, async (trx, a, { actor, today }) => {
    const unit = await repo.unit(trx, a.unitId);
    const below = await repo.unitsBelow(trx, unit!.path);
    const target = below.find((u) => u.id === input.unitId);
    if (!target) throw fieldError('body.unitId', `协助单位应为${unit!.name}下属的县级市场监管局或市场监管所`);
    if (input.dueOn && input.dueOn < today) throw fieldError('body.dueOn', '要求完成日期不能早于今天');
    const x = await repo.insertAssist(trx, {
      adjudicationId: a.id, unitId: target.id, task: input.task, requestedOn: today, dueOn: input.dueOn, status: 'open', result: null, doneBy: null, doneOn: null,
      requestedBy: actor.userId, createdAt: deps.clock.now().toISOString(),
    });
    const recipients = await usersHoldingPermission(trx, 'adjudication.handle', { unitIds: [target.id] });
    await sendNotifications(
      trx,
      recipients.map((userId) => ({
        userId, kind: 'adjudication.assist', title: `协助调查：${a.caseNo ?? a.requestNo}`,
        body: `${unit!.name}请本单位协助：${input.task}${input.dueOn ? `（请于 ${input.dueOn} 前完成）` : ''}`, link: `/admin/adjudications/${a.id}`,
        dedupeKey: `adjudication:assist:${x.id}`,
      })),
    );
    return { note: input.task, data: { on: today, assistId: x.id, unitId: target.id, unitName: target.name, task: input.task, dueOn: input.dueOn } };
  });

/** 不予中止 (山东省专利条例 第十九条第二款 grounds): the case goes on. */
const refuseSuspension: Handler<'refuseSuspension'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'refuseSuspension', input.version, async (_trx, _a, { today }) => {
    return { note: input.reason, data: { on: today, ground: input.ground, groundLabel: SUSPENSION_REFUSAL_GROUNDS[input.ground], reason: input.reason, invalidationCaseNo: input.invalidationCaseNo } };
  });

/**
 * 中止 (山东省专利条例 第十九条: 被请求人提出无效宣告请求并被受理): the decision clock and any running answer period stop from
 * the suspension day; the status to return to is kept.
 */
const suspend: Handler<'suspend'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'suspend', input.version, async (trx, a, { today }) => {
    const acceptedOn = pickDate('body.invalidationAcceptedOn', input.invalidationAcceptedOn, today);
    const on = pickDate('body.suspendedOn', input.suspendedOn, today, { date: a.filedOn, label: '立案日期' });
    if (input.fileId !== null && !(await repo.fileOfCase(trx, a.id, input.fileId))) throw fieldError('body.fileId', '所选受理通知书文件不属于本案材料，请先上传');
    await pauseClocks(trx, deps, ctx, a, on, `中止处理（无效宣告请求 ${input.invalidationCaseNo} 已受理）`, { answer: true });
    return {
      patch: { statusBeforeSuspension: a.status, invalidationCaseNo: input.invalidationCaseNo, invalidationAcceptedOn: acceptedOn, invalidationResult: null },
      note: input.note,
      data: { on, invalidationCaseNo: input.invalidationCaseNo, invalidationAcceptedOn: acceptedOn, fileId: input.fileId, publicText: '被请求人提出的专利权无效宣告请求已被受理，案件中止处理。' },
    };
  });

/** 恢复 after the invalidation decision kept the patent (in whole or part): back to the status before, clocks run again. */
const resume: Handler<'resume'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'resume', input.version, async (trx, a, { today, facts }) => {
    const since = (lastData(facts.actions, 'suspend')?.on as string | undefined) ?? a.filedOn;
    const decidedOn = pickDate('body.invalidationDecidedOn', input.invalidationDecidedOn, today);
    const on = pickDate('body.resumedOn', input.resumedOn, today, { date: since, label: '中止日期' });
    const to = nextAdjudicationStatus('suspended', 'resume', { statusBeforeSuspension: (a.statusBeforeSuspension as AdjudicationStatus | null) ?? null });
    await resumeClocks(trx, deps, ctx, a, on, { status: to, appraisal: appraisalRunning(facts.actions), answer: true, actions: facts.actions });
    return {
      to,
      patch: { statusBeforeSuspension: null, invalidationResult: input.invalidationResult },
      note: input.note,
      data: { on, invalidationResult: input.invalidationResult, invalidationDecidedOn: decidedOn, publicText: `无效宣告审查决定：${INVALIDATION_RESULTS[input.invalidationResult]}，案件恢复处理。` },
    };
  });

/** 专利权被宣告全部无效: the request is dismissed (驳回). */
const dismissInvalidated: Handler<'dismissInvalidated'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'dismissInvalidated', input.version, async (trx, a, { today }) => {
    const decidedOn = pickDate('body.invalidationDecidedOn', input.invalidationDecidedOn, today);
    await endCase(trx, deps, ctx, a, today);
    return {
      patch: { invalidationResult: 'invalidated', endedReason: 'dismissedInvalidated', closedOn: today, statusBeforeSuspension: null },
      note: input.note,
      data: { on: today, invalidationDecidedOn: decidedOn, publicText: '涉案专利权已被宣告全部无效，驳回请求。' },
    };
  });

/** 山东省专利条例 第二十条: 无正当理由拒不提供评价报告 → 驳回. */
const dismissNoReport: Handler<'dismissNoReport'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'dismissNoReport', input.version, async (trx, a, { today }) => {
    await endCase(trx, deps, ctx, a, today);
    return { patch: { endedReason: 'dismissedNoReport', closedOn: today }, note: input.note, data: { on: today, publicText: '请求人无正当理由未提供专利权评价报告，驳回请求。' } };
  });

function ending(action: 'withdraw' | 'settle'): Handler<'withdraw'> {
  return (deps, ctx, id, input) =>
    act(deps, ctx, id, action, input.version, async (trx, a, { today }) => {
      const on = pickDate('body.endedOn', input.endedOn, today, { date: a.receivedOn, label: '收到请求之日' });
      await endCase(trx, deps, ctx, a, on);
      return {
        patch: { endedReason: action === 'withdraw' ? 'withdrawn' : 'settled', closedOn: on, statusBeforeSuspension: null },
        note: input.note,
        data: { on, publicText: action === 'withdraw' ? '请求人撤回请求，案件结案。' : '当事人和解，案件结案。' },
      };
    });
}

/** 赔偿数额调解 (专利法 第六十五条): a linked mediation by the mediation module; the adjudication's status stays. */
const startDamagesMediation: Handler<'startDamagesMediation'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'startDamagesMediation', input.version, async (trx, a, { today }) => {
    const m = await createMediationFromSource(trx, deps, ctx, {
      source: 'adjudication',
      adjudicationId: a.id,
      unitId: a.unitId,
      ipType: 'patent',
      disputeType: 'infringementDamages',
      subject: `${a.patentTitle}（${a.patentNo}）专利侵权纠纷赔偿数额调解`,
      claims: input.claims,
      amountClaimed: input.amountClaimed,
      parties: [
        { side: 'applicant', kind: a.requesterKind, name: a.requesterName, uscc: a.requesterUscc, address: a.requesterAddress, agent: a.requesterAgent },
        { side: 'respondent', kind: a.respondentKind, name: a.respondentName, uscc: a.respondentUscc, address: a.respondentAddress, agent: null },
      ],
    });
    return { data: { on: today, mediationId: m.id, mediationNo: m.mediationNo, amountClaimed: input.amountClaimed } };
  });

/**
 * 裁决 (the head, adjudication.approve): 认定侵权 with the orders (山东省专利条例 第二十五条) or 驳回请求. Completes the decision
 * period and the periods before it.
 */
const decide: Handler<'decide'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'decide', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.decidedOn', input.decidedOn, today, { date: a.filedOn, label: '立案日期' });
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.decision', 'adjudication.service', 'adjudication.answer', 'adjudication.answerForward'], on);
    const orders = input.decision === 'infringement' ? input.orders : [];
    return {
      patch: { decision: input.decision, decisionOn: on, orders, decisionSummary: input.decisionSummary },
      note: input.decisionSummary,
      data: {
        on, decision: input.decision, orders, orderLabels: orders.map((o) => ADJUDICATION_ORDERS[o]), decisionSummary: input.decisionSummary,
        publicText: `作出行政裁决：${ADJUDICATION_DECISIONS[input.decision]}。`,
      },
    };
  });

/**
 * 裁决书送达 one party per call. The lawsuit window (专利法 第六十五条: 收到之日起十五日) counts from the later effective
 * service of the two parties (公告送达: the deemed day); it opens with the first service and opens again from the later one.
 */
const serveDecision: Handler<'serveDecision'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'serveDecision', input.version, async (trx, a, { today, facts }) => {
    const doc = await latestDocument(trx, 'adjudication', a.id, 'adjudicationDecision');
    const title = input.documentTitle ?? docTitle(doc, `专利侵权纠纷行政裁决书${a.decisionDocNo ? `（${a.decisionDocNo}）` : ''}`);
    const s = await serve(trx, deps, ctx, a, input, title, today, { date: a.decisionOn, label: '裁决日期' });
    const served = decisionServices([...facts.actions, { action: 'serveDecision', data: { party: input.party, effectiveOn: s.effective } }]);
    const latest = [served.requester, served.respondent].filter((x): x is string => !!x).sort().at(-1)!;
    const open = await findOpenDeadline(trx, 'adjudication', a.id, 'adjudication.lawsuitWindow');
    let lawsuitDueOn = a.lawsuitDueOn;
    if (!open || open.startOn !== latest) {
      await completeOpen(trx, deps, ctx, a.id, ['adjudication.lawsuitWindow'], today);
      lawsuitDueOn = (await openCaseDeadline(trx, deps, ctx, a, 'adjudication.lawsuitWindow', latest)).dueOn;
    }
    const partyLabel = input.party === 'requester' ? '请求人' : '被请求人';
    return {
      patch: { decisionServedOn: latest, lawsuitDueOn },
      data: {
        on: s.actOn, party: input.party, method: input.method, serviceRecordId: s.rec.id, recipient: input.recipient, effectiveOn: s.effective,
        announcedOn: s.announcement ? s.actOn : null, lawsuitDueOn,
        publicText: s.announcement ? `行政裁决书已向${partyLabel}公告送达，${s.effective} 视为送达。` : `行政裁决书已送达${partyLabel}。`,
      },
    };
  });

/** 当事人起诉 (专利法 第六十五条: 十五日内): a filing after the window needs the court's acceptance confirmed. */
const recordLawsuit: Handler<'recordLawsuit'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'recordLawsuit', input.version, async (trx, a, { today }) => {
    const filedOn = pickDate('body.filedOn', input.filedOn, today, { date: a.decisionOn, label: '裁决日期' });
    if (a.lawsuitDueOn && filedOn > a.lawsuitDueOn && !input.lateConfirmed) {
      throw fieldError('body.filedOn', `起诉日期晚于起诉期届满日（${a.lawsuitDueOn}，专利法 第六十五条）；如人民法院已受理，请勾选“法院已受理”后再登记`);
    }
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.lawsuitWindow'], filedOn);
    return {
      patch: { lawsuitFiledOn: filedOn, lawsuitCourt: input.court, lawsuitCaseNo: input.caseNo },
      note: input.note,
      data: { on: filedOn, plaintiff: input.plaintiff, court: input.court, caseNo: input.caseNo, late: !!a.lawsuitDueOn && filedOn > a.lawsuitDueOn },
    };
  });

/** 起诉期满未起诉: the decision takes effect (only after lawsuit_due_on, guarded). */
const becomeEffective: Handler<'becomeEffective'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'becomeEffective', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.effectiveOn', input.effectiveOn, today, { date: addDaysIso(a.lawsuitDueOn!, 1), label: '起诉期届满次日' });
    await completeOpen(trx, deps, ctx, a.id, ['adjudication.lawsuitWindow'], a.lawsuitDueOn!);
    return { patch: { effectiveOn: on }, note: input.note, data: { on, publicText: '起诉期届满，当事人未起诉，行政裁决已生效。' } };
  });

/** 法院判决: 维持、变更 → 生效; 撤销 → 裁决被撤销. A changed or revoked decision is withdrawn from publication. */
const recordJudgment: Handler<'recordJudgment'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'recordJudgment', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.judgedOn', input.judgedOn, today, { date: a.lawsuitFiledOn, label: '起诉日期' });
    const to = nextAdjudicationStatus('inLitigation', 'recordJudgment', { judgment: input.result });
    const patch: Updateable<AdjudicationsTable> = { judgmentResult: input.result };
    if (to === 'effective') patch.effectiveOn = on;
    else patch.closedOn = on;
    return {
      to,
      patch,
      note: input.note,
      data: { on, result: input.result, resultLabel: JUDGMENT_RESULTS[input.result] },
      after: async () => {
        if (input.result !== 'upheld') await withdrawPublicationOf(trx, deps, ctx, a.id, `人民法院判决${JUDGMENT_RESULTS[input.result]}`, on);
      },
    };
  });

const recordPerformance: Handler<'recordPerformance'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'recordPerformance', input.version, async (_trx, a, { today }) => {
    const on = pickDate('body.performedOn', input.performedOn, today, { date: a.decisionOn, label: '裁决日期' });
    return { patch: { performance: 'performed', performanceOn: on }, note: input.note, data: { on } };
  });

/** 拒不履行: flagged for credit supervision (credit_flagged_on, read by the credit module), audited as adjudication.creditFlag. */
const recordNonPerformance: Handler<'recordNonPerformance'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'recordNonPerformance', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.on', input.on, today, { date: a.decisionOn, label: '裁决日期' });
    return {
      patch: { performance: 'notPerformed', performanceOn: on, creditFlaggedOn: today },
      note: input.note,
      data: { on, creditFlaggedOn: today },
      after: async () => {
        await writeAudit(trx, deps.clock, ctx, {
          action: 'adjudication.creditFlag', entityType: 'adjudication', entityId: a.id,
          after: { caseNo: a.caseNo, respondentName: a.respondentName, respondentUscc: a.respondentUscc, creditFlaggedOn: today, note: input.note },
        });
      },
    };
  });

const applyEnforcement: Handler<'applyEnforcement'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'applyEnforcement', input.version, async (_trx, a, { today }) => {
    const on = pickDate('body.appliedOn', input.appliedOn, today, { date: a.decisionOn, label: '裁决日期' });
    return { patch: { performance: 'enforcementApplied', performanceOn: on }, note: input.note, data: { on, court: input.court } };
  });

const close: Handler<'close'> = (deps, ctx, id, input) =>
  act(deps, ctx, id, 'close', input.version, async (trx, a, { today }) => {
    const on = pickDate('body.closedOn', input.closedOn, today, { date: a.effectiveOn ?? a.decisionOn, label: '裁决生效日期' });
    await completeOpen(trx, deps, ctx, a.id, [], on);
    return { patch: { closedOn: on }, note: input.summary, data: { on, summary: input.summary, publicText: '案件已结案。' } };
  });

const HANDLERS: { [A in AdjudicationEndpointAction]: Handler<A> } = {
  file,
  reject,
  assignPanel,
  serveRequest,
  recordAnswer,
  forwardAnswer,
  scheduleHearing,
  holdHearing,
  chooseWrittenReview,
  requestEvaluationReport,
  startAppraisal,
  endAppraisal,
  requestAssist,
  refuseSuspension,
  suspend,
  resume,
  dismissInvalidated,
  dismissNoReport,
  withdraw: ending('withdraw'),
  settle: ending('settle') as unknown as Handler<'settle'>,
  startDamagesMediation,
  decide,
  serveDecision,
  recordLawsuit,
  becomeEffective,
  recordJudgment,
  recordPerformance,
  recordNonPerformance,
  applyEnforcement,
  close,
};

/** Runs one action (the route validated the body with ADJUDICATION_ACTION_INPUTS[action]). */
export function runAction<A extends AdjudicationEndpointAction>(deps: Deps, ctx: Ctx, id: number, action: A, input: AdjudicationActionInput<A>): Promise<AdjudicationDetailDto> {
  return (HANDLERS[action] as Handler<A>)(deps, ctx, id, input);
}
