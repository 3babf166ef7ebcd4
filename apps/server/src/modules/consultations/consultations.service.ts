import crypto from 'node:crypto';
import {
  allowedConsultationActions,
  CONSULTATION_TRANSITIONS,
  CONSULTATION_LOOKUP_CODE_ALPHABET,
  CONSULTATION_LOOKUP_CODE_LENGTH,
  type AnswerConsultationInput,
  type CloseConsultationInput,
  type ConsultationAction,
  type ConsultationDetailDto,
  type ConsultationFormDto,
  type ConsultationListItemDto,
  type ConsultationListQuery,
  type ConsultationPublicDto,
  type ConsultationReceiptDto,
  type ConsultationStatus,
  type CreateConsultationInput,
  type FaqDto,
  type FaqQuery,
  type FieldIssue,
  type Page,
  type PublishFaqInput,
} from '@zhichan/shared';
import type { Transaction } from 'kysely';
import type { Actor, Ctx } from '../../access/actor';
import type { Executor } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { chinaDate } from '../../lib/clock';
import { safeEqual, sha256Hex } from '../../lib/crypto';
import { writeAudit } from '../audit/audit.service';
import { loadWorkCalendar } from '../calendar/calendar.service';
import { completeDeadline, openDeadline } from '../deadlines/deadlines.service';
import { deadlinesRepository } from '../deadlines/deadlines.repository';
import { sendNotifications } from '../notifications/notifications.service';
import { consultationsRepository as repo, type ConsultationRow, type ListedConsultation } from './consultations.repository';
import { presentDetail, presentListItem, presentPublic, type PresentContext } from './consultations.presenter';

/** The rule of the answering period (a service commitment, kept in 期限规则 so the bureau can change it). */
export const ANSWER_RULE_KEY = 'consultation.answer';
/** Per-address limit of the portal form: at most this many questions within the window. */
export const CONSULTATION_RATE_LIMIT = { max: 5, windowMinutes: 10 } as const;
/** A retried submission with the same Idempotency-Key gets the first answer again within this period. */
export const IDEMPOTENCY_REPLAY_HOURS = 24;

// ---------- helpers ----------

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

function todayOf(deps: Deps): string {
  return chinaDate(deps.clock.now());
}

async function ipTypeLabels(db: Executor): Promise<Map<string, string>> {
  return new Map((await repo.ipTypeLabels(db)).map((r) => [r.value, r.label]));
}

async function presentContext(deps: Deps, ex: Executor): Promise<PresentContext> {
  return {
    ipTypeLabels: await ipTypeLabels(ex),
    cal: await loadWorkCalendar(ex, deps.db),
    today: todayOf(deps),
    warningWorkingDays: deps.config.deadlineWarningWorkingDays,
    cipher: deps.cipher,
  };
}

/** Letters and digits from the unambiguous alphabet, drawn from a big number (random or derived). */
function codeFromNumber(n: bigint): string {
  const base = BigInt(CONSULTATION_LOOKUP_CODE_ALPHABET.length);
  let out = '';
  for (let i = 0; i < CONSULTATION_LOOKUP_CODE_LENGTH; i++) {
    out += CONSULTATION_LOOKUP_CODE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return out;
}

/**
 * The lookup code. With an Idempotency-Key it is derived from the key with the server's secret (HMAC-SM3), so a
 * retried request can be answered with the same code although only the code's keyed hash is stored.
 * Without a key it is random. 8 characters of 31 ≈ 40 bits, and a lookup also needs the consultation number.
 */
function lookupCodeFor(deps: Deps, idempotencyKey: string | null): string {
  const hex = idempotencyKey ? deps.cipher.keyedHash(`consultation.lookupCode\n${idempotencyKey}`) : crypto.randomBytes(16).toString('hex');
  return codeFromNumber(BigInt(`0x${hex}`));
}

function lookupCodeHash(deps: Deps, code: string): string {
  return deps.cipher.keyedHash(`consultation.lookup\n${code}`);
}


function requestHash(input: NormalisedInput): string {
  return sha256Hex(JSON.stringify([input.ipType, input.title, input.question, input.askerName, input.askerPhone]));
}

interface NormalisedInput {
  ipType: string;
  title: string;
  question: string;
  askerName: string | null;
  askerPhone: string | null;
}

function normalise(input: CreateConsultationInput): NormalisedInput {
  return {
    ipType: input.ipType,
    title: input.title,
    question: input.question,
    askerName: input.askerName ? input.askerName : null,
    askerPhone: input.askerPhone ? input.askerPhone : null,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** 409 with the actions the current status allows (DESIGN: the server answers 409 with the allowed actions). */
function assertAllowed(status: ConsultationStatus, action: Exclude<ConsultationAction, 'submit'>): ConsultationStatus {
  const next = CONSULTATION_TRANSITIONS[status][action];
  if (!next) throw new AppError('ACTION_NOT_ALLOWED', { details: { allowedActions: allowedConsultationActions(status) } });
  return next;
}

// ---------- portal ----------

export async function getConsultationForm(deps: Deps): Promise<ConsultationFormDto> {
  const [types, root, rules] = await Promise.all([
    repo.ipTypeLabels(deps.db),
    repo.rootUnit(deps.db),
    deadlinesRepository.listRules(deps.db, ANSWER_RULE_KEY),
  ]);
  const today = todayOf(deps);
  const inForce = rules.filter((r) => r.effectiveFrom <= today).at(-1) ?? null;
  return {
    ipTypes: types.filter((t) => t.enabled).map((t) => ({ value: t.value, label: t.label })),
    answerPeriod: inForce ? { amount: inForce.amount, unit: inForce.unit } : null,
    answeringUnit: root?.name ?? '',
  };
}

async function receiptOf(ex: Executor, deps: Deps, row: ConsultationRow, code: string): Promise<ConsultationReceiptDto> {
  const deadline = row.deadlineId === null ? undefined : await ex.selectFrom('deadlines').select('dueOn').where('id', '=', row.deadlineId).executeTakeFirst();
  return { consultationNo: row.consultationNo, lookupCode: code, expectedAnswerBy: deadline?.dueOn ?? null, submittedAt: row.createdAt };
}

/** A retried request: the same receipt for the same content, within the replay period; otherwise 409. */
async function replay(deps: Deps, row: ConsultationRow, hash: string): Promise<ConsultationReceiptDto> {
  if (row.requestHash !== hash) {
    throw new AppError('IDEMPOTENCY_CONFLICT', { message: '该请求标识已用于内容不同的另一条咨询，请刷新页面后重新提交' });
  }
  const ageMs = deps.clock.now().getTime() - new Date(row.createdAt).getTime();
  if (ageMs > IDEMPOTENCY_REPLAY_HOURS * 3600_000) {
    throw new AppError('IDEMPOTENCY_CONFLICT', { message: `该咨询已于此前提交（编号 ${row.consultationNo}），请凭查询码查询答复` });
  }
  return receiptOf(deps.db, deps, row, lookupCodeFor(deps, row.idempotencyKey));
}

/**
 * A question from the portal, anonymous or from a logged-in public user. Committed before the answer (nothing a user
 * submitted is lost); opens the answering deadline at the city bureau; the lookup code is returned once.
 */
export async function submitConsultation(deps: Deps, ctx: Ctx, raw: CreateConsultationInput, idempotencyKey: string | null): Promise<ConsultationReceiptDto> {
  const input = normalise(raw);
  const hash = requestHash(input);
  if (idempotencyKey) {
    const existing = await repo.findByIdempotencyKey(deps.db, idempotencyKey);
    if (existing) return replay(deps, existing, hash);
  }
  const types = await repo.ipTypeLabels(deps.db);
  if (!types.some((t) => t.enabled && t.value === input.ipType)) throw fieldError('body.ipType', '请选择有效的业务类型');
  const root = await repo.rootUnit(deps.db);
  if (!root) throw new AppError('INTERNAL');

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const code = lookupCodeFor(deps, idempotencyKey);
  const public_ = ctx.actor && ctx.actor.kind === 'public' ? ctx.actor : null;
  const ip = ctx.meta.ip;

  try {
    return await deps.db.transaction().execute(async (trx: Transaction<Database>) => {
      // Taking the number locks the year's counter row, which serialises submissions: the count below then sees
      // every earlier committed question from this address, so the limit holds exactly.
      const seq = await repo.nextSequence(trx, year);
      if (ip) {
        const since = new Date(now.getTime() - CONSULTATION_RATE_LIMIT.windowMinutes * 60_000).toISOString();
        if ((await repo.countFromIpSince(trx, ip, since)) >= CONSULTATION_RATE_LIMIT.max) {
          throw new AppError('RATE_LIMITED', { message: `提交过于频繁：同一网络 ${CONSULTATION_RATE_LIMIT.windowMinutes} 分钟内最多提交 ${CONSULTATION_RATE_LIMIT.max} 条咨询，请稍后再试` });
        }
      }
      const consultationNo = `ZX-${year}-${deps.config.cityCode.padEnd(6, '0')}-${String(seq).padStart(6, '0')}`;
      const row = await repo.insert(trx, {
        consultationNo,
        lookupCodeHash: lookupCodeHash(deps, code),
        idempotencyKey,
        requestHash: idempotencyKey ? hash : null,
        ipType: input.ipType,
        title: input.title,
        question: input.question,
        askerName: input.askerName,
        askerPhoneEnc: input.askerPhone ? deps.cipher.encrypt(input.askerPhone) : null,
        askerPhoneHash: input.askerPhone ? deps.cipher.keyedHash(input.askerPhone) : null,
        askerUserId: public_?.userId ?? null,
        ip,
        unitId: root.id,
        deadlineId: null,
        createdAt: nowIso,
        updatedAt: nowIso,
      });
      // The asker's identity is not copied into the action log (actor_name stays empty for the submission).
      await repo.insertAction(trx, { consultationId: row.id, action: 'submit', fromStatus: null, toStatus: 'pending', actorId: public_?.userId ?? null, actorName: null, note: null, createdAt: nowIso });
      const deadline = await openDeadline(trx, deps, ctx, {
        entityType: 'consultation',
        entityId: row.id,
        title: `咨询答复 ${consultationNo}`,
        unitId: root.id,
        ruleKey: ANSWER_RULE_KEY,
        startOn: today,
      });
      const saved = await repo.update(trx, row.id, { deadlineId: deadline.id });
      await writeAudit(trx, deps.clock, ctx, {
        action: 'consultation.submit',
        entityType: 'consultation',
        entityId: row.id,
        after: {
          consultationNo, ipType: input.ipType, title: input.title, unitId: root.id, askerUserId: saved.askerUserId,
          askerNameGiven: input.askerName !== null, askerPhoneGiven: input.askerPhone !== null, dueOn: deadline.dueOn,
        },
      });
      return { consultationNo, lookupCode: code, expectedAnswerBy: deadline.dueOn, submittedAt: saved.createdAt };
    });
  } catch (err) {
    // Two requests with the same key at the same moment: the loser's insert hits the unique key; answer as a retry.
    if (idempotencyKey && isUniqueViolation(err)) {
      const existing = await repo.findByIdempotencyKey(deps.db, idempotencyKey);
      if (existing) return replay(deps, existing, hash);
    }
    throw err;
  }
}

/** Number + lookup code → the question and its answer. A wrong code is the same 404 as an unknown number. */
export async function lookupConsultation(deps: Deps, no: string, code: string): Promise<ConsultationPublicDto> {
  const row = await repo.findByNo(deps.db, no);
  const expected = lookupCodeHash(deps, code);
  if (!row || !safeEqual(row.lookupCodeHash, expected)) throw new AppError('NOT_FOUND', { message: '咨询编号或查询码不正确' });
  return presentPublic(row, await ipTypeLabels(deps.db));
}

export async function listMyConsultations(deps: Deps, ctx: Ctx, query: { page: number; pageSize: number }): Promise<Page<ConsultationPublicDto>> {
  if (!ctx.actor || ctx.actor.kind !== 'public') throw new AppError('UNAUTHENTICATED');
  const { total, items } = await repo.listOfUser(deps.db, ctx.actor.userId, query.page, query.pageSize);
  const labels = await ipTypeLabels(deps.db);
  return { items: items.map((r) => presentPublic(r, labels)), total, page: query.page, pageSize: query.pageSize };
}

export async function listFaq(deps: Deps, query: FaqQuery): Promise<Page<FaqDto>> {
  const { total, items } = await repo.listFaq(deps.db, { keyword: query.keyword || undefined, ipType: query.ipType || undefined, page: query.page, pageSize: query.pageSize });
  const labels = await ipTypeLabels(deps.db);
  return {
    items: items.map((r) => ({
      id: r.id,
      ipType: r.ipType,
      ipTypeLabel: labels.get(r.ipType) ?? r.ipType,
      question: r.faqQuestion ?? '',
      answer: r.faqAnswer ?? '',
      publishedAt: r.faqPublishedAt ?? '',
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ---------- back office ----------

export async function listConsultations(deps: Deps, ctx: Ctx, query: ConsultationListQuery): Promise<Page<ConsultationListItemDto>> {
  const actor = staff(ctx);
  const pc = await presentContext(deps, deps.db);
  // 黄灯 while at most N working days are left: due before the (N+1)-th working day after today.
  const deadline = query.deadlineState
    ? { state: query.deadlineState, today: pc.today, warnBefore: pc.cal.addWorkingDays(pc.today, pc.warningWorkingDays + 1) }
    : undefined;
  const { total, items } = await repo.list(deps.db, actor, {
    status: query.status,
    ipType: query.ipType || undefined,
    keyword: query.keyword || undefined,
    deadline,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: items.map((r) => presentListItem(actor, r, pc)), total, page: query.page, pageSize: query.pageSize };
}

async function detailOf(deps: Deps, ex: Executor, actor: Actor, id: number): Promise<ConsultationDetailDto> {
  const row = await repo.get(ex, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentDetail(actor, row, await repo.listActions(ex, id), await presentContext(deps, ex));
}

export async function getConsultation(deps: Deps, ctx: Ctx, id: number): Promise<ConsultationDetailDto> {
  return detailOf(deps, deps.db, staff(ctx), id);
}

/** Locks the record in scope, checks the row version and the status table; returns the row and the next status. */
async function begin(trx: Executor, actor: Actor, id: number, version: number, action: Exclude<ConsultationAction, 'submit'>) {
  const row = await repo.lockInScope(trx, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.version !== version) throw new AppError('VERSION_CONFLICT');
  return { row, next: assertAllowed(row.status, action) };
}

async function appendAction(trx: Executor, deps: Deps, actor: Actor, row: ConsultationRow, action: Exclude<ConsultationAction, 'submit'>, to: ConsultationStatus, note: string | null) {
  await repo.insertAction(trx, {
    consultationId: row.id, action, fromStatus: row.status, toStatus: to, actorId: actor.userId, actorName: actor.displayName, note, createdAt: deps.clock.now().toISOString(),
  });
}

async function notifyAsker(trx: Executor, row: ConsultationRow, kind: 'answered' | 'closed'): Promise<void> {
  if (row.askerUserId === null) return;
  const answered = kind === 'answered';
  await sendNotifications(trx, [{
    userId: row.askerUserId,
    kind: `consultation.${kind}`,
    title: answered ? '您的咨询已答复' : '您的咨询已办结',
    body: answered
      ? `您提交的咨询“${row.title}”（编号 ${row.consultationNo}）已答复，请在“我的咨询”中查看答复内容。`
      : `您提交的咨询“${row.title}”（编号 ${row.consultationNo}）已办结，未作答复的原因请在“我的咨询”中查看。`,
    link: '/consult#mine',
    dedupeKey: `consultation:${row.id}:${kind}`,
  }]);
}

/** Answers a pending question: completes the answering deadline and tells a logged-in asker in-app. */
export async function answerConsultation(deps: Deps, ctx: Ctx, id: number, input: AnswerConsultationInput): Promise<ConsultationDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { row, next } = await begin(trx, actor, id, input.version, 'answer');
    const now = deps.clock.now().toISOString();
    const after = await repo.update(trx, id, { status: next, answer: input.answer, answeredBy: actor.userId, answeredAt: now, version: row.version + 1, updatedAt: now });
    await appendAction(trx, deps, actor, row, 'answer', next, null);
    if (row.deadlineId !== null) await completeDeadline(trx, deps, ctx, { deadlineId: row.deadlineId });
    await notifyAsker(trx, after, 'answered');
    await writeAudit(trx, deps.clock, ctx, {
      action: 'consultation.answer', entityType: 'consultation', entityId: id,
      before: { status: row.status }, after: { status: next, answer: input.answer },
    });
    return detailOf(deps, trx, actor, id);
  });
}

/** Closes a pending question without an answer (not this bureau's matter, repeated, abusive), with a reason the asker sees. */
export async function closeConsultation(deps: Deps, ctx: Ctx, id: number, input: CloseConsultationInput): Promise<ConsultationDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { row, next } = await begin(trx, actor, id, input.version, 'close');
    const now = deps.clock.now().toISOString();
    const after = await repo.update(trx, id, { status: next, closeReason: input.reason, version: row.version + 1, updatedAt: now });
    await appendAction(trx, deps, actor, row, 'close', next, input.reason);
    if (row.deadlineId !== null) await completeDeadline(trx, deps, ctx, { deadlineId: row.deadlineId });
    await notifyAsker(trx, after, 'closed');
    await writeAudit(trx, deps.clock, ctx, {
      action: 'consultation.close', entityType: 'consultation', entityId: id,
      before: { status: row.status }, after: { status: next, reason: input.reason },
    });
    return detailOf(deps, trx, actor, id);
  });
}

/** Strips what people put between digits of a phone number: spaces, dashes, dots. */
function digitsRun(text: string): string {
  return text.replace(/[\s\-－—.·]/g, '');
}

/**
 * The asker's details a public FAQ must not contain (个人信息保护法 第六条: no more personal information than needed):
 * the name and phone given on the form and, for a logged-in asker, the account's name and phone.
 */
async function identityIssues(trx: Executor, deps: Deps, row: ConsultationRow, texts: { path: string; text: string }[]): Promise<FieldIssue[]> {
  const names = new Set<string>();
  const phones = new Set<string>();
  const decrypt = (enc: string | null) => {
    if (!enc) return;
    try {
      phones.add(deps.cipher.decrypt(enc));
    } catch {
      // unreadable under the current key: nothing to compare
    }
  };
  if (row.askerName) names.add(row.askerName.trim());
  decrypt(row.askerPhoneEnc);
  if (row.askerUserId !== null) {
    const account = await repo.askerAccount(trx, row.askerUserId);
    if (account) {
      names.add(account.displayName.trim());
      decrypt(account.phoneEnc);
    }
  }
  const issues: FieldIssue[] = [];
  for (const { path, text } of texts) {
    const compact = text.replace(/\s/g, '');
    // A one-character "name" would match ordinary words; names of two or more characters are compared.
    if ([...names].some((n) => Array.from(n).length >= 2 && compact.includes(n.replace(/\s/g, '')))) {
      issues.push({ path, message: '不得包含提问人的姓名或名称，请删除后再发布' });
    }
    if ([...phones].some((p) => digitsRun(text).includes(p))) {
      issues.push({ path, message: '不得包含提问人的手机号码，请删除后再发布' });
    }
  }
  return issues;
}

/** Publishes (or edits) the public version of an answered question in 常见问题. */
export async function publishFaq(deps: Deps, ctx: Ctx, id: number, input: PublishFaqInput): Promise<ConsultationDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { row, next } = await begin(trx, actor, id, input.version, 'publishFaq');
    const issues = await identityIssues(trx, deps, row, [
      { path: 'body.faqQuestion', text: input.faqQuestion },
      { path: 'body.faqAnswer', text: input.faqAnswer },
    ]);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { message: issues[0].message, details: issues });
    const now = deps.clock.now().toISOString();
    await repo.update(trx, id, {
      status: next, faqQuestion: input.faqQuestion, faqAnswer: input.faqAnswer, faqPublishedAt: now, version: row.version + 1, updatedAt: now,
    });
    await appendAction(trx, deps, actor, row, 'publishFaq', next, row.status === 'published' ? '修改已发布的常见问题' : null);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'consultation.publishFaq', entityType: 'consultation', entityId: id,
      before: { status: row.status, faqQuestion: row.faqQuestion, faqAnswer: row.faqAnswer },
      after: { status: next, faqQuestion: input.faqQuestion, faqAnswer: input.faqAnswer },
    });
    return detailOf(deps, trx, actor, id);
  });
}

/** Withdraws the entry from 常见问题; the edited texts are kept for a later re-publication. */
export async function unpublishFaq(deps: Deps, ctx: Ctx, id: number, version: number): Promise<ConsultationDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const { row, next } = await begin(trx, actor, id, version, 'unpublishFaq');
    const now = deps.clock.now().toISOString();
    await repo.update(trx, id, { status: next, faqUnpublishedAt: now, version: row.version + 1, updatedAt: now });
    await appendAction(trx, deps, actor, row, 'unpublishFaq', next, null);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'consultation.unpublishFaq', entityType: 'consultation', entityId: id,
      before: { status: row.status }, after: { status: next },
    });
    return detailOf(deps, trx, actor, id);
  });
}

export type { ListedConsultation };
