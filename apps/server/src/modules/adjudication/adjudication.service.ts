/**
 * 专利侵权纠纷行政裁决 (patent-infringement dispute administrative adjudication): requests (portal and window), the patent
 * check, list and detail, the audited identity view, case files, assists (三级联动) and the requester's portal progress.
 * The workflow actions are in adjudication.actions.ts, publication in adjudication-publications.service.ts.
 *
 * Legal basis: 专利法 第六十五条 (请求管理专利工作的部门处理; 十五日内起诉), 专利法实施细则 第九十五条至第一百零二条,
 * 山东省专利条例 (2013) 第十六条至第二十七条, 专利行政执法办法 (2015) 第八条至第十三条 (superseded by the 2025 national
 * rule and Shandong's 2024 rule, texts not at hand: every time limit is rule data, deadline_rules adjudication.*).
 *
 * Deadlines (entity 'adjudication'):
 *   adjudication.filing         5 WD from receipt: 立案 or 不予受理 (专利行政执法办法 第十条)
 *   adjudication.service        5 WD from filing: the request copy served on the respondent (第十一条)
 *   adjudication.answer         15 d from (deemed) service: the answer (第十一条); 公告送达 counts from the deemed day
 *   adjudication.answerForward  5 WD from the answer: its copy to the requester
 *   adjudication.decision       3 months from filing (第十三条), +1 month by extension (supervision, policy
 *                               adjudication.decision); 公告、鉴定、中止 not counted (paused)
 *   adjudication.lawsuitWindow  15 d from the (last) service of the decision (专利法 第六十五条)
 *   adjudication.pilotTarget    60 d, the bureau's own target: computed with the decision deadline's pauses and shown
 *                               beside it, never opened as a deadline row.
 */
import {
  ADJUDICATION_ACTION_PERMISSIONS,
  ADJUDICATION_FILE_KINDS,
  PATENT_CHECKS,
  PATENT_KINDS,
  allowedAdjudicationActions,
  computeDueDate,
  evaluationReportExpected,
  maskIdNo,
  maskPhone,
  normalizeAppNo,
  ruleInForce,
  type AddAdjudicationFileFields,
  type AdjudicationAction,
  type AdjudicationDeadlineDto,
  type AdjudicationDetailDto,
  type AdjudicationFileDto,
  type AdjudicationIdentityDto,
  type AdjudicationListItemDto,
  type AdjudicationListQuery,
  type AdjudicationPanelCandidateDto,
  type AdjudicationProgressDto,
  type AdjudicationReceiptDto,
  type AdjudicationServiceBriefDto,
  type AdjudicationStatus,
  type CompleteAdjudicationAssistInput,
  type DeadlineRule,
  type MyAdjudicationDto,
  type Page,
  type PatentCheck,
  type PatentCheckDto,
  type PatentCheckQuery,
  type PatentKind,
  type PortalAdjudicationInput,
  type WindowAdjudicationInput,
} from '@zhichan/shared';
import type { MultipartFile } from '@fastify/multipart';
import type { Transaction } from 'kysely';
import { can, type Actor, type Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import { nextRecordNumber } from '../../db/record-counters';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { sha256Hex } from '../../lib/crypto';
import { canonicalJson } from '../audit/audit.hash';
import { writeAudit } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import { openDeadline, pausesAndExtensionsOf } from '../deadlines/deadlines.service';
import { uploadFile } from '../files/files.service';
import { mediationsOfAdjudication } from '../mediation/mediation.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import { claimPortalUploads } from '../submissions/submissions.service';
import {
  presentAction,
  presentAssist,
  presentDetail,
  presentFile,
  presentHearing,
  presentListItem,
  presentMine,
  presentService,
  publicTimeline,
} from './adjudication.presenter';
import {
  adjudicationActionable,
  adjudicationInScope,
  adjudicationRepository as repo,
  type AdjudicationActionRow,
  type AdjudicationRow,
  type UnitNode,
} from './adjudication.repository';

export { adjudicationActionable, adjudicationInScope };

export type Trx = Transaction<Database>;

// ---------------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------------

export function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

export function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

/** A date of the input, defaulting to today: never in the future, never before `notBefore`. */
export function pickDate(path: string, value: string | undefined | null, today: string, notBefore?: { date: string | null; label: string }): string {
  const v = value ?? today;
  if (v > today) throw fieldError(path, '日期不能晚于今天');
  if (v < '2000-01-01') throw fieldError(path, '日期不正确，请核对年份');
  if (notBefore?.date && v < notBefore.date) throw fieldError(path, `日期不能早于${notBefore.label}（${notBefore.date}）`);
  return v;
}

export const DEADLINE_TITLES: Record<string, string> = {
  'adjudication.filing': '立案审查（作出立案或者不予受理的决定）',
  'adjudication.service': '请求书副本送达被请求人',
  'adjudication.answer': '被请求人提交答辩书',
  'adjudication.answerForward': '答辩书副本送达请求人',
  'adjudication.decision': '作出行政裁决（自立案之日起三个月）',
  'adjudication.lawsuitWindow': '当事人不服裁决提起行政诉讼的期限',
};

/** Every deadline rule the module opens (closing a case completes the open ones). */
export const ADJUDICATION_RULE_KEYS = Object.keys(DEADLINE_TITLES);

export function openCaseDeadline(trx: Trx, deps: Deps, ctx: Ctx, a: { id: number; unitId: number }, ruleKey: string, startOn: string, title?: string) {
  return openDeadline(trx, deps, ctx, { entityType: 'adjudication', entityId: a.id, title: title ?? DEADLINE_TITLES[ruleKey] ?? ruleKey, unitId: a.unitId, ruleKey, startOn });
}

/** The rule versions of a key in the engine's shape. */
export async function domainRules(ex: Executor, key: string): Promise<DeadlineRule[]> {
  return (await repo.ruleVersions(ex, key)).map((r) => ({
    key: r.key, effectiveFrom: r.effectiveFrom, amount: r.amount, unit: r.unit, basis: { regulation: r.regulation, article: r.article, version: r.version }, trust: r.trust,
  }));
}

/** 《专利行政执法办法》第十条 from a rule's basis. */
export function basisText(b: { regulation: string; article: string }): string {
  return `《${b.regulation}》${b.article}`;
}

/** The last row of an action in the log, and its data. */
export function lastData(actions: { action: string; data: unknown }[], action: AdjudicationAction): Record<string, unknown> | null {
  const a = [...actions].reverse().find((x) => x.action === action);
  return a && a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : null;
}

/** 鉴定 running: a startAppraisal after the last endAppraisal. */
export function appraisalRunning(actions: { action: string }[]): boolean {
  for (let i = actions.length - 1; i >= 0; i--) {
    if (actions[i]!.action === 'endAppraisal') return false;
    if (actions[i]!.action === 'startAppraisal') return true;
  }
  return false;
}

/** The parties served with the decision, each with its latest effective service day. */
export function decisionServices(actions: { action: string; data: unknown }[]): { requester: string | null; respondent: string | null } {
  const out = { requester: null as string | null, respondent: null as string | null };
  for (const a of actions) {
    if (a.action !== 'serveDecision' || !a.data || typeof a.data !== 'object') continue;
    const d = a.data as { party?: string; effectiveOn?: string };
    if ((d.party === 'requester' || d.party === 'respondent') && d.effectiveOn) out[d.party] = d.effectiveOn;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// patent check (issue 5 patent database)
// ---------------------------------------------------------------------------------------------------------------

const norm = (s: string) => s.replace(/[\s\p{P}]/gu, '');

/**
 * Looks the patent up by application number (ZL / CN prefix, dots and the check character normalised) and compares
 * type and title. A number not in the database is not an error: 专利数据库未收录，受理时人工核对.
 */
export async function checkPatent(ex: Executor, q: { patentNo: string; patentType?: PatentKind; patentTitle?: string }, path = 'query.patentNo'): Promise<PatentCheckDto> {
  const n = normalizeAppNo(q.patentNo);
  if (!n) throw fieldError(path, '专利号格式不正确，请填写专利申请号（如 ZL202110123456.7），并核对校验位');
  const patentNo = `ZL${n.display.slice(2)}`;
  const p = await repo.patentByKey(ex, n.key);
  const result = (check: PatentCheck, note: string): PatentCheckDto => ({
    patentNo,
    check,
    checkLabel: PATENT_CHECKS[check],
    note,
    patent: p
      ? {
          id: p.id, appNo: p.appNo ?? patentNo, title: p.title, type: p.patentType, legalStatus: p.legalStatus, patentees: p.applicants ?? [],
          appDate: p.appDate, grantDate: p.grantDate,
        }
      : null,
  });
  if (!p) return result('notFound', '专利数据库未收录，受理时人工核对');
  if (q.patentType && p.patentType !== q.patentType) {
    return result('mismatch', `专利数据库记载的专利类型为“${PATENT_KINDS[p.patentType]}”，与所填“${PATENT_KINDS[q.patentType]}”不符，请核对`);
  }
  if (q.patentTitle && norm(q.patentTitle) !== norm(p.title)) {
    return result('mismatch', `专利数据库记载的专利名称为“${p.title}”，与所填名称不符，请核对`);
  }
  switch (p.legalStatus) {
    case 'valid':
      return result('valid', '专利数据库显示该专利权有效');
    case 'invalid':
      return result('invalid', '专利数据库显示该专利权已失效（终止、放弃或被宣告无效），受理时请核对专利登记簿副本');
    case 'pending':
      return result('pending', '专利数据库显示该申请尚未授权，尚未授权的专利申请不能请求处理侵权纠纷');
    default:
      return result('unknown', '专利数据库中该专利的法律状态未知，受理时人工核对');
  }
}

export async function patentCheck(deps: Deps, q: PatentCheckQuery): Promise<PatentCheckDto> {
  return checkPatent(deps.db, q);
}

// ---------------------------------------------------------------------------------------------------------------
// registering a request (portal and window)
// ---------------------------------------------------------------------------------------------------------------

type RequestInput = Omit<PortalAdjudicationInput, 'files'>;

interface RegisterArgs {
  input: RequestInput;
  channel: 'portal' | 'window' | 'mail' | 'transferred';
  receivedOn: string;
  city: UnitNode;
  receivedByUnitId: number;
  portalUserId: number | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdBy: number | null;
  files?: PortalAdjudicationInput['files'];
}

/**
 * One request, in the caller's transaction: the row (status 待立案审查), its files (portal), the first log row, the
 * filing deadline (5 WD from receipt, 专利行政执法办法 第十条), the patent check, the notification of the city's
 * handlers and the audit row.
 */
async function registerRequest(trx: Trx, deps: Deps, ctx: Ctx, r: RegisterArgs): Promise<AdjudicationRow> {
  const { input } = r;
  if (!(await repo.region(trx, input.respondent.regionCode))) throw fieldError('body.respondent.regionCode', '所在区县不在行政区划代码表中，请重新选择');
  const check = await checkPatent(trx, { patentNo: input.patent.patentNo, patentType: input.patent.type, patentTitle: input.patent.title }, 'body.patent.patentNo');
  const nowIso = deps.clock.now().toISOString();
  const person = input.requester.kind === 'person';
  const year = Number(todayOf(deps).slice(0, 4));
  // 六位区划: the city's code as 370900 (region lists may hold it as 3709).
  const cityCode = (r.city.regionCodes[0] ?? deps.config.cityCode).slice(0, 4).padEnd(6, '0');
  const seq = await nextRecordNumber(trx, 'adjudication-request', year);
  const requestNo = `CJ-${year}-${cityCode}-${String(seq).padStart(6, '0')}`;
  const a = await repo.insert(trx, {
    requestNo,
    unitId: r.city.id,
    receivedByUnitId: r.receivedByUnitId,
    channel: r.channel,
    portalUserId: r.portalUserId,
    idempotencyKey: r.idempotencyKey,
    requestHash: r.requestHash,
    patentNo: check.patentNo!,
    patentType: input.patent.type,
    patentTitle: input.patent.title,
    patentee: input.patent.patentee,
    patentId: check.patent?.id ?? null,
    patentCheck: check.check,
    patentCheckNote: check.note,
    requesterKind: input.requester.kind,
    requesterName: input.requester.name,
    requesterUscc: person ? null : input.requester.uscc,
    // 个人信息: the ID number and phone are stored SM4-encrypted and shown masked (DESIGN.md).
    requesterIdNoEnc: person && input.requester.idNo ? deps.cipher.encrypt(input.requester.idNo) : null,
    requesterIdNoMasked: person && input.requester.idNo ? maskIdNo(input.requester.idNo) : null,
    requesterPhoneEnc: deps.cipher.encrypt(input.requester.phone),
    requesterPhoneMasked: maskPhone(input.requester.phone),
    requesterAddress: input.requester.address,
    requesterRole: input.requester.role,
    requesterAgent: input.requester.agent,
    respondentKind: input.respondent.kind,
    respondentName: input.respondent.name,
    respondentUscc: input.respondent.uscc,
    respondentAddress: input.respondent.address,
    respondentRegionCode: input.respondent.regionCode,
    respondentLegalRep: input.respondent.legalRep,
    respondentPhone: input.respondent.phone,
    accusedProduct: input.accusedProduct,
    claimsComparison: input.claimsComparison,
    requests: input.requests,
    factsReasons: input.factsReasons,
    noLawsuitDeclared: input.noLawsuitDeclared,
    receivedOn: r.receivedOn,
    status: 'requested',
    createdBy: r.createdBy,
    createdAt: nowIso,
    updatedAt: nowIso,
  });

  const fileIds: number[] = [];
  if (r.files) {
    const groups: { kind: keyof typeof ADJUDICATION_FILE_KINDS; refs: { fileId: number; uploadToken: string; title: string | null }[]; path: string }[] = [
      { kind: 'evidence', refs: r.files.evidence, path: 'body.files.evidence' },
      { kind: 'evaluationReport', refs: r.files.evaluationReport ? [r.files.evaluationReport] : [], path: 'body.files.evaluationReport' },
      { kind: 'requestForm', refs: r.files.requestForm ? [r.files.requestForm] : [], path: 'body.files.requestForm' },
      { kind: 'identity', refs: r.files.identity, path: 'body.files.identity' },
    ];
    for (const g of groups) {
      if (g.refs.length === 0) continue;
      const ids = await claimPortalUploads(trx, deps, g.refs, { ownerType: 'adjudication', ownerId: a.id }, g.path);
      const names = new Map((await repo.fileNames(trx, ids)).map((f) => [f.id, f.originalName]));
      await repo.insertFiles(
        trx,
        g.refs.map((ref) => ({
          adjudicationId: a.id, fileId: ref.fileId, kind: g.kind, party: 'requester' as const, title: ref.title ?? names.get(ref.fileId) ?? ADJUDICATION_FILE_KINDS[g.kind],
          createdBy: null, createdAt: nowIso,
        })),
      );
      fileIds.push(...ids);
    }
  }

  await repo.insertAction(trx, {
    adjudicationId: a.id, action: 'register', fromStatus: null, toStatus: 'requested', note: null,
    data: JSON.stringify({ on: r.receivedOn, channel: r.channel, requestNo, patentCheck: check.check, files: fileIds.length }),
    actorId: ctx.actor?.kind === 'staff' ? ctx.actor.userId : null, actorName: ctx.actor?.kind === 'staff' ? ctx.actor.displayName : null, at: nowIso,
  });
  // 专利行政执法办法 第十条: 收到请求书之日起五个工作日内立案 (or 不予受理), counted from receipt.
  await openCaseDeadline(trx, deps, ctx, a, 'adjudication.filing', r.receivedOn);

  const handlers = await usersHoldingPermission(trx, 'adjudication.handle', { unitIds: [r.city.id] });
  await sendNotifications(
    trx,
    handlers.map((userId) => ({
      userId,
      kind: 'adjudication.request',
      title: `新的专利侵权纠纷处理请求 ${requestNo}`,
      body: `${input.requester.kind === 'person' ? '自然人' : input.requester.name}请求处理与${input.respondent.name}的专利侵权纠纷（${check.patentNo}），请于五个工作日内审查是否立案。`,
      link: `/admin/adjudications/${a.id}`,
      dedupeKey: `adjudication:request:${a.id}`,
    })),
  );
  await writeAudit(trx, deps.clock, ctx, {
    action: 'adjudication.register',
    entityType: 'adjudication',
    entityId: a.id,
    // No personal numbers in the audit log: they stay in the encrypted columns.
    after: {
      requestNo, channel: r.channel, unitId: r.city.id, receivedByUnitId: r.receivedByUnitId, receivedOn: r.receivedOn, patentNo: check.patentNo, patentType: input.patent.type,
      patentCheck: check.check, requesterKind: input.requester.kind, respondentName: input.respondent.name, respondentUscc: input.respondent.uscc, files: fileIds,
    },
  });
  return (await repo.unsafeGet(trx, a.id))!;
}

async function receiptOf(ex: Executor, a: AdjudicationRow): Promise<AdjudicationReceiptDto> {
  const d = (await repo.deadlines(ex, a.id)).find((x) => x.ruleKey === 'adjudication.filing');
  return {
    id: a.id,
    requestNo: a.requestNo,
    receivedOn: a.receivedOn,
    submittedAt: a.createdAt,
    expectedFilingDecisionBy: d?.dueOn ?? null,
    nextStep: '审查请求，作出立案或者不予受理的决定并通知您',
    nextStepBasis: d ? basisText(d) : '',
    provisional: d?.provisional ?? false,
    patentCheck: a.patentCheck,
    patentCheckNote: a.patentCheckNote,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: string }).code === '23505';
}

/**
 * 在线请求 (portal, logged-in public user). The same Idempotency-Key with the same body answers the same receipt
 * (replayed); another body under the key is 409 IDEMPOTENCY_CONFLICT. The case belongs to the city bureau of the
 * respondent's city (专利法实施细则 第九十七条: 被请求人所在地或者侵权行为地).
 */
export async function submitPortalRequest(deps: Deps, ctx: Ctx, input: PortalAdjudicationInput, idempotencyKey: string): Promise<{ receipt: AdjudicationReceiptDto; replayed: boolean }> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'public') throw new AppError('UNAUTHENTICATED');
  const requestHash = sha256Hex(canonicalJson(input));
  const replay = async (prior: AdjudicationRow) => {
    if (prior.requestHash !== requestHash || prior.portalUserId !== actor.userId) throw new AppError('IDEMPOTENCY_CONFLICT');
    return { receipt: await receiptOf(deps.db, prior), replayed: true };
  };
  const prior = await repo.findByIdempotencyKey(deps.db, idempotencyKey);
  if (prior) return replay(prior);
  try {
    const a = await deps.db.transaction().execute(async (trx) => {
      const city = await repo.cityBureauFor(trx, input.respondent.regionCode);
      if (!city) {
        throw fieldError('body.respondent.regionCode', '被请求人所在地不在本局管辖范围内，请向被请求人所在地或者侵权行为地的管理专利工作的部门提出请求（专利法实施细则 第九十七条）');
      }
      return registerRequest(trx, deps, ctx, {
        input, channel: 'portal', receivedOn: todayOf(deps), city, receivedByUnitId: city.id, portalUserId: actor.userId, idempotencyKey, requestHash,
        createdBy: null, files: input.files,
      });
    });
    return { receipt: await receiptOf(deps.db, a), replayed: false };
  } catch (err) {
    if (isUniqueViolation(err)) {
      const again = await repo.findByIdempotencyKey(deps.db, idempotencyKey);
      if (again) return replay(again);
    }
    throw err;
  }
}

/**
 * 窗口登记 of a paper request (窗口、邮寄、移送) by staff holding adjudication.handle. The receiving unit is the actor's; a
 * county bureau or station receives for the city bureau above it, which decides (三级联动).
 */
export async function registerWindowRequest(deps: Deps, ctx: Ctx, input: WindowAdjudicationInput): Promise<AdjudicationDetailDto> {
  const actor = staff(ctx);
  const today = todayOf(deps);
  const receivedOn = pickDate('body.receivedOn', input.receivedOn, today);
  if (actor.unitId === null) throw new AppError('FORBIDDEN', { message: '您的账号未关联机构，不能登记请求' });
  return deps.db.transaction().execute(async (trx) => {
    const chain = await repo.unitChain(trx, actor.unitId!);
    const city = chain.find((u) => u.kind === 'cityBureau');
    if (!city) throw new AppError('FORBIDDEN', { message: '您所在的机构不属于任何市局，不能登记请求' });
    const { channel, receivedOn: _r, ...rest } = input;
    const a = await registerRequest(trx, deps, ctx, {
      input: rest, channel, receivedOn, city, receivedByUnitId: actor.unitId!, portalUserId: null, idempotencyKey: null, requestHash: null, createdBy: actor.userId,
    });
    return detailOf(deps, actor, a, trx, !!(await adjudicationActionable(trx, actor, a.id)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------------------------------------------

export async function listAdjudications(deps: Deps, ctx: Ctx, q: AdjudicationListQuery): Promise<Page<AdjudicationListItemDto>> {
  const actor = staff(ctx);
  const { total, items } = await repo.list(deps.db, actor, q);
  const actionable = await repo.actionableIds(deps.db, actor, items.map((i) => i.id));
  return { items: items.map((i) => presentListItem(i, actionable.has(i.id))), total, page: q.page, pageSize: q.pageSize };
}

async function deadlineDtos(ex: Executor, id: number): Promise<AdjudicationDeadlineDto[]> {
  const rows = await repo.deadlines(ex, id);
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

/** Facts of a case the guards of the actions read. */
export interface CaseFacts {
  a: AdjudicationRow;
  today: string;
  actions: { action: string; data: unknown }[];
  fileKinds: string[];
  hearings: { status: string }[];
  deadlines: { ruleKey: string; dueOn: string | null; completedOn: string | null }[];
}

export function evaluationReportProvided(f: CaseFacts): boolean {
  return f.fileKinds.includes('evaluationReport');
}

/** The answer was received, or its period has run: the hearing (or written review) may be arranged. */
export function hearingBlockedReason(f: CaseFacts): string | null {
  if (f.a.answerReceivedOn) return null;
  const answer = [...f.deadlines].reverse().find((d) => d.ruleKey === 'adjudication.answer');
  if (!answer) return '请求书副本尚未送达被请求人，答辩期尚未开始';
  if (answer.completedOn) return null;
  if (answer.dueOn && f.today > answer.dueOn) return null;
  return `被请求人答辩期至 ${answer.dueOn ?? '（暂停中）'} 届满，届满或收到答辩书后方可安排审理（专利行政执法办法 第十一条）`;
}

/**
 * Why an action the status allows cannot be taken now (null: it can). Shared by the buttons (allowedActions) and the
 * server's 409. Input-dependent checks (dates) are made by the action itself.
 */
export function guardProblem(action: AdjudicationAction, f: CaseFacts): string | null {
  const a = f.a;
  const requested = f.actions.some((x) => x.action === 'requestEvaluationReport');
  switch (action) {
    case 'requestEvaluationReport':
      if (!evaluationReportExpected(a.patentType)) return '涉案专利为发明专利，无需提供专利权评价报告';
      if (evaluationReportProvided(f)) return '请求人已提交专利权评价报告';
      if (requested) return '已要求请求人提供专利权评价报告';
      return null;
    case 'dismissNoReport':
      if (!requested) return '须先要求请求人提供专利权评价报告（山东省专利条例 第二十条）';
      if (evaluationReportProvided(f)) return '请求人已提交专利权评价报告';
      return null;
    case 'startAppraisal':
      return appraisalRunning(f.actions) ? '鉴定正在进行中' : null;
    case 'endAppraisal':
      return appraisalRunning(f.actions) ? null : '没有进行中的鉴定';
    case 'recordAnswer':
      return a.answerReceivedOn ? `已于 ${a.answerReceivedOn} 登记收到答辩书` : null;
    case 'forwardAnswer':
      if (!a.answerReceivedOn) return '尚未收到答辩书';
      return a.answerForwardedOn ? `答辩书副本已于 ${a.answerForwardedOn} 送达请求人` : null;
    case 'scheduleHearing':
    case 'chooseWrittenReview':
      return hearingBlockedReason(f);
    case 'holdHearing':
      return f.hearings.some((h) => h.status === 'scheduled') ? null : '尚未发出口头审理通知';
    case 'decide':
      return appraisalRunning(f.actions) ? '鉴定尚未完成，鉴定期间不能作出裁决' : null;
    case 'recordLawsuit':
      return a.decisionServedOn ? null : '裁决书尚未送达';
    case 'becomeEffective': {
      const s = decisionServices(f.actions);
      if (!s.requester || !s.respondent) return `裁决书尚未送达${!s.requester ? '请求人' : '被请求人'}，起诉期尚未开始`;
      if (!a.lawsuitDueOn || f.today <= a.lawsuitDueOn) return `起诉期至 ${a.lawsuitDueOn} 届满，届满后当事人未起诉的，裁决方可生效（专利法 第六十五条）`;
      return null;
    }
    case 'recordPerformance':
    case 'recordNonPerformance':
    case 'applyEnforcement':
      if (a.decision !== 'infringement') return '驳回请求的裁决无需登记履行情况';
      if (action === 'recordPerformance' && a.performance === 'performed') return '已登记履行';
      return null;
    default:
      return null;
  }
}

/** Buttons: the status table, the permission, the case's unit in scope, and the action's guard. */
export function allowedActionsFor(actor: Actor, actionable: boolean, f: CaseFacts): AdjudicationAction[] {
  if (!actionable) return [];
  const status = f.a.status as AdjudicationStatus;
  return allowedAdjudicationActions(status).filter(
    (x) => x !== 'register' && x !== 'publish' && x !== 'unpublish' && can(actor, ADJUDICATION_ACTION_PERMISSIONS[x]) && guardProblem(x, f) === null,
  );
}

/** The earliest hearing day if the notice goes out on `noticeOn` (adjudication.hearingNotice, working days). */
export async function earliestHearingOn(ex: Executor, deps: Deps, noticeOn: string): Promise<string> {
  const rule = ruleInForce(await domainRules(ex, 'adjudication.hearingNotice'), 'adjudication.hearingNotice', noticeOn);
  if (!rule) throw new AppError('INTERNAL', { message: '期限规则 adjudication.hearingNotice 缺失' });
  const cal = await loadWorkCalendar(ex, deps.db);
  return computeDueDate(cal, { start: noticeOn, amount: rule.amount, unit: rule.unit }).dueOn!;
}

/**
 * The bureau's 60-day target (adjudication.pilotTarget): counted from filing with the same excluded periods as the
 * statutory decision deadline (its pauses), never opened as a deadline row.
 */
async function pilotTarget(ex: Executor, deps: Deps, a: AdjudicationRow, deadlines: AdjudicationDeadlineDto[]) {
  if (!a.filedOn) return { on: null, basis: null };
  const rule = ruleInForce(await domainRules(ex, 'adjudication.pilotTarget'), 'adjudication.pilotTarget', a.filedOn);
  if (!rule) return { on: null, basis: null };
  const decision = [...deadlines].reverse().find((d) => d.ruleKey === 'adjudication.decision');
  const cal = await loadWorkCalendar(ex, deps.db);
  const r = computeDueDate(cal, { start: a.filedOn, amount: rule.amount, unit: rule.unit, pauses: decision?.pauses ?? [] });
  return { on: r.dueOn, basis: rule.basis };
}

export async function detailOf(deps: Deps, actor: Actor, a: AdjudicationRow, ex: Executor, actionable: boolean): Promise<AdjudicationDetailDto> {
  const [unit, receivedBy, handlers, actionRows, files, hearings, assists, services, deadlines, mediations, publication] = await Promise.all([
    repo.unit(ex, a.unitId),
    repo.unit(ex, a.receivedByUnitId),
    repo.handlers(ex, a.id),
    repo.actions(ex, a.id),
    repo.files(ex, a.id),
    repo.hearings(ex, a.id),
    repo.assists(ex, a.id),
    repo.serviceRecords(ex, a.id),
    deadlineDtos(ex, a.id),
    mediationsOfAdjudication(ex, a.id),
    repo.publicationOf(ex, a.id),
  ]);
  const region = a.respondentRegionCode ? await repo.region(ex, a.respondentRegionCode) : undefined;
  const today = todayOf(deps);
  const facts: CaseFacts = { a, today, actions: actionRows, fileKinds: files.map((f) => f.kind), hearings, deadlines };
  const allowedActions = allowedActionsFor(actor, actionable, facts);
  // Which service record served what (the log keeps the purpose of each).
  const purposes = new Map<number, AdjudicationServiceBriefDto['purpose']>();
  for (const x of actionRows) {
    const d = (x.data ?? {}) as { serviceRecordId?: number; party?: string };
    if (!d.serviceRecordId) continue;
    if (x.action === 'serveRequest') purposes.set(d.serviceRecordId, 'request');
    if (x.action === 'serveDecision') purposes.set(d.serviceRecordId, d.party === 'respondent' ? 'decisionRespondent' : 'decisionRequester');
  }
  const serviceDtos = services.map((s) => presentService(s, purposes.get(s.id) ?? 'other', today));
  const requestService = [...serviceDtos].reverse().find((s) => s.purpose === 'request');
  const last = <T extends { ruleKey: string }>(list: T[], key: string) => [...list].reverse().find((d) => d.ruleKey === key);
  const pilot = await pilotTarget(ex, deps, a, deadlines);
  const served = decisionServices(actionRows);
  const status = a.status as AdjudicationStatus;
  const decidedOrLater = ['decided', 'lawsuitWindow', 'inLitigation', 'effective', 'closed'].includes(status) && a.decision !== null;
  const units = actionable ? await repo.unitsBelow(ex, unit!.path) : [];
  return presentDetail(a, {
    unitName: unit?.name ?? '',
    receivedByUnitName: receivedBy?.name ?? '',
    respondentRegionName: region?.name ?? null,
    actionable,
    openAssistsForMe: assists.filter((x) => x.status === 'open' && x.unitId === actor.unitId).length,
    handlers,
    actions: actionRows.map(presentAction),
    files: files.map(presentFile),
    hearings: hearings.map(presentHearing),
    assists: assists.map((x) => presentAssist(x, x.status === 'open' && can(actor, 'adjudication.handle') && (actor.scope.kind === 'all' || actor.scope.unitIds.includes(x.unitId)))),
    services: serviceDtos,
    deadlines,
    mediations,
    publication: publication ?? null,
    allowedActions,
    abilities: {
      viewIdentity: actionable && can(actor, 'adjudication.handle') && (a.requesterIdNoEnc !== null || a.requesterPhoneEnc !== null),
      addFiles: actionable && can(actor, 'adjudication.handle') && a.closedOn === null,
      publish: actionable && can(actor, 'adjudication.publish') && decidedOrLater && (!publication || publication.withdrawnOn !== null),
      withdrawPublication: actionable && can(actor, 'adjudication.publish') && !!publication && publication.withdrawnOn === null,
      requestExtension: actionable && can(actor, 'adjudication.handle') && !!deadlines.find((d) => d.ruleKey === 'adjudication.decision' && d.completedOn === null),
    },
    guide: {
      earliestHearingOn: allowedActions.includes('scheduleHearing') ? await earliestHearingOn(ex, deps, today) : null,
      hearingAllowed: hearingBlockedReason(facts) === null,
      hearingBlockedReason: hearingBlockedReason(facts),
      effectiveAllowed: guardProblem('becomeEffective', facts) === null,
      decisionServicePending: a.decision ? (['requester', 'respondent'] as const).filter((p) => !served[p]) : [],
      appraisalRunning: appraisalRunning(actionRows),
      evaluationReportRequested: actionRows.some((x) => x.action === 'requestEvaluationReport'),
      assistUnits: units.map((u) => ({ id: u.id, name: u.name })),
    },
    evaluationReportExpected: evaluationReportExpected(a.patentType),
    evaluationReportProvided: evaluationReportProvided(facts),
    respondentAnnouncedOn: requestService?.method === 'announcement' ? requestService.announcedOn : null,
    answerDueOn: last(deadlines, 'adjudication.answer')?.dueOn ?? null,
    decisionDueOn: last(deadlines, 'adjudication.decision')?.dueOn ?? null,
    pilotTargetOn: pilot.on,
    pilotTargetBasis: pilot.basis,
  });
}

/** The case if visible (三级联动), else 404. */
async function visible(ex: Executor, actor: Actor, id: number) {
  const r = await repo.getVisible(ex, actor, id);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function getAdjudication(deps: Deps, ctx: Ctx, id: number): Promise<AdjudicationDetailDto> {
  const actor = staff(ctx);
  const { row, actionable } = await visible(deps.db, actor, id);
  return detailOf(deps, actor, row, deps.db, actionable);
}

/**
 * The case locked for an action by the actor: 404 when not visible, 403 when only visible as the receiving or
 * assisting unit (三级联动: it may read the case and complete its assist task, not act on the case).
 */
export async function lockForAction(trx: Trx, actor: Actor, id: number): Promise<AdjudicationRow> {
  const a = await repo.lockActionable(trx, actor, id);
  if (a) return a;
  if (await adjudicationInScope(trx, actor, id)) {
    throw new AppError('FORBIDDEN', { message: '本单位为该案的接收或协助单位，只能查看案件和登记协助结果，案件由裁决机关办理' });
  }
  throw new AppError('NOT_FOUND');
}

/** The requester's full ID number and phone; every view is audited (user-expectations §5.4). */
export async function getIdentity(deps: Deps, ctx: Ctx, id: number): Promise<AdjudicationIdentityDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const a = await repo.lockActionable(trx, actor, id);
    if (!a) {
      if (await adjudicationInScope(trx, actor, id)) throw new AppError('FORBIDDEN');
      throw new AppError('NOT_FOUND');
    }
    const fields = [a.requesterIdNoEnc ? 'idNo' : null, a.requesterPhoneEnc ? 'phone' : null].filter(Boolean);
    await writeAudit(trx, deps.clock, ctx, { action: 'adjudication.identity.view', entityType: 'adjudication', entityId: id, after: { requestNo: a.requestNo, fields } });
    return {
      idNo: a.requesterIdNoEnc ? deps.cipher.decrypt(a.requesterIdNoEnc) : null,
      phone: a.requesterPhoneEnc ? deps.cipher.decrypt(a.requesterPhoneEnc) : null,
    };
  });
}

/** registerFileOwner('adjudication'): staff who may read adjudications and see the case. */
export async function adjudicationFileReadable(deps: Deps, ctx: Ctx, ownerId: string, file: { id: number }): Promise<boolean> {
  const actor = ctx.actor;
  const id = Number(ownerId);
  if (!actor || !Number.isInteger(id)) return false;
  // The portal requester downloads the materials filed on its side (the same list as on 我的裁决与调解), never the
  // respondent's papers or the office's own documents.
  if (actor.kind === 'public') return repo.requesterFileOf(deps.db, actor.userId, id, file.id);
  if (!can(actor, 'adjudication.read')) return false;
  return !!(await adjudicationInScope(deps.db, actor, id));
}

/** Staff who may sit on the panel: active, of the case's unit or below, holding adjudication.handle. */
export async function panelCandidates(deps: Deps, ctx: Ctx, adjudicationId: number): Promise<AdjudicationPanelCandidateDto[]> {
  const actor = staff(ctx);
  const a = await adjudicationActionable(deps.db, actor, adjudicationId);
  if (!a) throw new AppError('NOT_FOUND');
  const unit = await repo.unit(deps.db, a.unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  const rows = await repo.staffWithPermissionUnder(deps.db, unit.path, 'adjudication.handle');
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, unitId: r.unitId!, unitName: r.unitName, certNo: r.lawEnforcementCertNo }));
}

/** A file added by staff (multipart: kind, party, title, then the file). */
export async function addFile(deps: Deps, ctx: Ctx, id: number, fields: AddAdjudicationFileFields, part: MultipartFile): Promise<AdjudicationFileDto> {
  const actor = staff(ctx);
  const pre = await repo.getVisible(deps.db, actor, id);
  if (!pre || !pre.actionable) {
    part.file.resume();
    if (pre) throw new AppError('FORBIDDEN', { message: '本单位为该案的接收或协助单位，不能添加案件材料' });
    throw new AppError('NOT_FOUND');
  }
  // The content is stored and its files row committed first (its own transaction); then it is attached.
  const file = await uploadFile(deps, ctx, part);
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, actor, id);
    if (a.closedOn) throw new AppError('ACTION_NOT_ALLOWED', { message: '案件已结案，不能再添加材料', details: { status: a.status, allowedActions: [] } });
    await repo.setFileOwner(trx, file.id, a.id);
    const [row] = await repo.insertFiles(trx, [
      { adjudicationId: a.id, fileId: file.id, kind: fields.kind, party: fields.party, title: fields.title, createdBy: actor.userId, createdAt: deps.clock.now().toISOString() },
    ]);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'adjudication.file.add', entityType: 'adjudication', entityId: a.id,
      after: { adjudicationFileId: row!.id, fileId: file.id, kind: fields.kind, party: fields.party, title: fields.title, sha256: file.sha256 },
    });
    const f = (await repo.files(trx, a.id)).find((x) => x.id === row!.id)!;
    return presentFile(f);
  });
}

/** 协助调查 done (三级联动): the assisting unit records the result; the deciding unit's handlers are told. */
export async function completeAssist(deps: Deps, ctx: Ctx, assistId: number, input: CompleteAdjudicationAssistInput): Promise<AdjudicationDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const x = await repo.lockAssistInScope(trx, actor, assistId);
    if (!x) throw new AppError('NOT_FOUND');
    if (x.status !== 'open') throw new AppError('ACTION_NOT_ALLOWED', { message: `该协助事项已于 ${x.doneOn} 办结`, details: { allowedActions: [] } });
    const today = todayOf(deps);
    const doneOn = pickDate('body.doneOn', input.doneOn, today, { date: x.requestedOn, label: '协助请求日期' });
    await repo.updateAssist(trx, x.id, { status: 'done', result: input.result, doneBy: actor.userId, doneOn });
    const a = (await repo.unsafeGet(trx, x.adjudicationId))!;
    const recipients = (await usersHoldingPermission(trx, 'adjudication.handle', { unitIds: [a.unitId] })).filter((u) => u !== actor.userId);
    await sendNotifications(
      trx,
      recipients.map((userId) => ({
        userId, kind: 'adjudication.assistDone', title: `协助调查已完成：${a.caseNo ?? a.requestNo}`, body: `${actor.unitName ?? ''}已完成协助事项“${x.task}”：${input.result}`,
        link: `/admin/adjudications/${a.id}`, dedupeKey: `adjudication:assist:${x.id}:done`,
      })),
    );
    await writeAudit(trx, deps.clock, ctx, {
      action: 'adjudication.assist.complete', entityType: 'adjudication', entityId: a.id,
      before: { assistId: x.id, status: 'open' }, after: { assistId: x.id, status: 'done', doneOn, result: input.result },
    });
    const r = await repo.getVisible(trx, actor, a.id);
    return detailOf(deps, actor, r!.row, trx, r!.actionable);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// portal: 我的申请
// ---------------------------------------------------------------------------------------------------------------

/** The requester's next step and its expected date. */
function nextStepOf(a: AdjudicationRow, deadlines: { ruleKey: string; dueOn: string | null; completedOn: string | null }[], hearings: { status: string; scheduledAt: string }[]) {
  const open = (key: string) => [...deadlines].reverse().find((d) => d.ruleKey === key && d.completedOn === null);
  const status = a.status as AdjudicationStatus;
  switch (status) {
    case 'requested':
      return { nextStep: '审查请求，作出立案或者不予受理的决定', expectedNextStepBy: open('adjudication.filing')?.dueOn ?? null, basis: 'adjudication.filing' };
    case 'filed':
      return { nextStep: '向被请求人送达请求书副本', expectedNextStepBy: open('adjudication.service')?.dueOn ?? null, basis: 'adjudication.service' };
    case 'answering':
      return { nextStep: '被请求人提交答辩书，之后安排审理', expectedNextStepBy: open('adjudication.answer')?.dueOn ?? null, basis: 'adjudication.answer' };
    case 'hearingScheduled': {
      const h = [...hearings].reverse().find((x) => x.status === 'scheduled');
      return { nextStep: '口头审理', expectedNextStepBy: h ? new Date(new Date(h.scheduledAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null, basis: null };
    }
    case 'deliberating':
      return { nextStep: '合议并作出行政裁决', expectedNextStepBy: open('adjudication.decision')?.dueOn ?? null, basis: 'adjudication.decision' };
    case 'suspended':
      return { nextStep: '等待国家知识产权局作出无效宣告审查决定后恢复处理', expectedNextStepBy: null, basis: null };
    case 'decided':
      return { nextStep: '向双方当事人送达行政裁决书', expectedNextStepBy: null, basis: null };
    case 'lawsuitWindow':
      return { nextStep: '起诉期届满，当事人未起诉的裁决生效', expectedNextStepBy: a.lawsuitDueOn, basis: 'adjudication.lawsuitWindow' };
    case 'inLitigation':
      return { nextStep: '等待人民法院判决', expectedNextStepBy: null, basis: null };
    default:
      return { nextStep: null, expectedNextStepBy: null, basis: null };
  }
}

function resultText(a: AdjudicationRow): string | null {
  const status = a.status as AdjudicationStatus;
  if (status === 'notAccepted') return `不予受理：${a.notAcceptedReason ?? ''}`;
  if (a.endedReason) {
    const words: Record<string, string> = {
      withdrawn: '请求人撤回请求，案件已结案。',
      settled: '当事人已和解，案件已结案。',
      dismissedInvalidated: '涉案专利权已被宣告无效，驳回请求。',
      dismissedNoReport: '请求人无正当理由未提供专利权评价报告，驳回请求。',
    };
    return words[a.endedReason] ?? null;
  }
  if (status === 'revoked') return '行政裁决已被人民法院撤销。';
  if (a.decision === 'infringement') return `已作出行政裁决：认定侵权行为成立，责令被请求人立即停止侵权行为。${a.decisionDocNo ? `（${a.decisionDocNo}）` : ''}`;
  if (a.decision === 'noInfringement') return `已作出行政裁决：侵权行为不成立，驳回请求。${a.decisionDocNo ? `（${a.decisionDocNo}）` : ''}`;
  return null;
}

export async function myRequests(deps: Deps, actor: Actor, page: number, pageSize: number): Promise<Page<MyAdjudicationDto>> {
  const { total, items } = await repo.mine(deps.db, actor.userId, page, pageSize);
  const out: MyAdjudicationDto[] = [];
  for (const a of items) {
    const [deadlines, hearings] = await Promise.all([repo.deadlines(deps.db, a.id), repo.hearings(deps.db, a.id)]);
    out.push(presentMine(a, nextStepOf(a, deadlines, hearings)));
  }
  return { items: out, total, page, pageSize };
}

export async function myRequest(deps: Deps, actor: Actor, requestNo: string): Promise<AdjudicationProgressDto> {
  const a = await repo.mineOne(deps.db, actor.userId, requestNo);
  if (!a) throw new AppError('NOT_FOUND', { message: '未找到该请求，请核对请求登记号' });
  const [deadlines, hearings, actions, files, publication] = await Promise.all([
    repo.deadlines(deps.db, a.id),
    repo.hearings(deps.db, a.id),
    repo.actions(deps.db, a.id),
    repo.files(deps.db, a.id),
    repo.publicationOf(deps.db, a.id),
  ]);
  const next = nextStepOf(a, deadlines, hearings);
  const basisRule = next.basis ? [...deadlines].reverse().find((d) => d.ruleKey === next.basis) : undefined;
  return {
    ...presentMine(a, next),
    receivedOn: a.receivedOn,
    filedOn: a.filedOn,
    timeline: publicTimeline(actions as AdjudicationActionRow[]),
    nextStepBasis: basisRule ? basisText(basisRule) : null,
    result: resultText(a),
    decisionOn: a.decisionOn,
    publicationId: publication && !publication.withdrawnOn ? publication.id : null,
    // The requester sees what it filed, not the respondent's or the office's papers.
    files: files
      .filter((f) => f.party === 'requester')
      .map((f) => ({ kind: f.kind, kindLabel: ADJUDICATION_FILE_KINDS[f.kind], title: f.title, originalName: f.originalName, downloadUrl: `/api/portal/files/${f.fileId}` })),
  };
}

