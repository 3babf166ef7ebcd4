import crypto from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import {
  LOOKUP_CODE_ALPHABET,
  SUBMISSION_MAX_FILES,
  EVIDENCE_MIME_TYPES,
  isMobile,
  maskIdNo,
  maskName,
  maskPhone,
  nameBigrams,
  nextSubmissionStatus,
  normalizeRespondentName,
  rateOutcome,
  submissionActionAllowed,
  allowedSubmissionActions,
  type CloseSubmissionInput,
  type DispatchSubmissionInput,
  type DispatchTargetsDto,
  type IntakeInfoDto,
  type LinkSubmissionInput,
  type MySubmissionDto,
  type Page,
  type RateSubmissionInput,
  type RegisterSubmissionInput,
  type SubmissionAction,
  type SubmissionDetailDto,
  type SubmissionIdentityDto,
  type SubmissionListItemDto,
  type SubmissionListQuery,
  type SubmissionProgressDto,
  type SubmissionReceiptDto,
  type SubmitSubmissionInput,
  type UploadedEvidenceDto,
  SUBMISSION_STATUSES,
} from '@zhichan/shared';
import type { Transaction } from 'kysely';
import type { Actor, Ctx } from '../../access/actor';
import type { Database } from '../../db/schema';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { AppError, fieldError } from '../../errors';
import { randomToken, safeEqual, sha256Hex } from '../../lib/crypto';
import { canonicalJson } from '../audit/audit.hash';
import { writeAudit } from '../audit/audit.service';
import { completeDeadline, deadlinesOf } from '../deadlines/deadlines.service';
import { uploadFile } from '../files/files.service';
import { createLeadFromSubmission, submissionDispatchTargets } from '../leads/leads.service';
import { sendNotifications, usersHoldingPermission } from '../notifications/notifications.service';
import { enqueue, type OutboxMessageInput } from '../outbox/outbox.service';
import { consumeCaptcha } from './captcha';
import { guardedLookup, lookupMiss } from './lookup-guard';
import { renderReceiptPdf } from './receipt-pdf';
import { presentDetail, presentListItem, presentProgress, satisfactionLabel } from './submissions.presenter';
import { submissionsRepository as repo, type SubmissionRow } from './submissions.repository';
import { NEXT_STEP, basisText, kindLabel } from './submissions.texts';
import { detectDuplicates, intakeWriter } from './intake-writer';

// ---------------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------------

const intakeCache = new WeakMap<object, { id: number; name: string; phone: string | null }>();

/** The unified intake unit (统一受理, 暂行办法 第三十六条): the city bureau at the root of the organisation. */
async function intakeUnit(deps: Deps, ex: Executor = deps.db) {
  const hit = intakeCache.get(deps.db);
  if (hit) return hit;
  const u = await repo.intakeUnit(ex);
  if (!u) throw new AppError('INTERNAL', { message: '尚未设置市级局，无法受理' });
  intakeCache.set(deps.db, u);
  return u;
}

const regionCache = new WeakMap<object, Set<string>>();

/** The division list is seed data that no route changes: it is read once per process and database. */
async function regionExists(deps: Deps, code: string): Promise<boolean> {
  let set = regionCache.get(deps.db);
  if (!set) {
    set = new Set((await deps.db.selectFrom('regions').select('code').execute()).map((r) => r.code));
    regionCache.set(deps.db, set);
  }
  return set.has(code);
}

const ruleCache = new WeakMap<object, Map<number, { regulation: string; article: string }>>();

/** The legal basis of a rule version. Rule rows are never edited (a new regulation is a new row), so they cache. */
async function ruleBasis(deps: Deps, ruleId: number): Promise<{ regulation: string; article: string } | undefined> {
  let map = ruleCache.get(deps.db);
  if (!map) {
    map = new Map();
    ruleCache.set(deps.db, map);
  }
  let hit = map.get(ruleId);
  if (!hit) {
    hit = await deps.db.selectFrom('deadlineRules').select(['regulation', 'article']).where('id', '=', ruleId).executeTakeFirst();
    if (hit) map.set(ruleId, hit);
  }
  return hit;
}

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

/** 8 characters drawn uniformly from the alphabet: random bytes below the largest multiple of its size, modulo it. */
function lookupCode(): string {
  const n = LOOKUP_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let s = '';
  while (s.length < 8) {
    for (const b of crypto.randomBytes(16)) {
      if (b < limit) s += LOOKUP_CODE_ALPHABET[b % n];
      if (s.length === 8) break;
    }
  }
  return s;
}


function notAllowed(status: SubmissionRow['status'], action: SubmissionAction, message?: string): AppError {
  return new AppError('ACTION_NOT_ALLOWED', {
    message: message ?? `当前状态（${SUBMISSION_STATUSES[status]}）下不能${action === 'rate' ? '评价' : '执行此操作'}`,
    details: { status, allowed: allowedSubmissionActions(status) },
  });
}

/** Messages to the submitter about a public step: SMS to a mobile, e-mail when given, in-app when filed logged in. */
function messagesToSubmitter(deps: Deps, s: SubmissionRow, unitName: string, subject: string, body: string): OutboxMessageInput[] {
  const out: OutboxMessageInput[] = [];
  const base = { subject, entityType: 'submission', entityId: s.id };
  const text = `【${unitName}】${body}`;
  if (s.phoneEnc) {
    const phone = deps.cipher.decrypt(s.phoneEnc);
    if (isMobile(phone)) out.push({ ...base, channel: 'sms', to: phone, body: text });
  }
  if (s.submitterEmailEnc) out.push({ ...base, channel: 'email', to: deps.cipher.decrypt(s.submitterEmailEnc), body: text });
  if (s.submitterUserId) out.push({ ...base, channel: 'inApp', userId: s.submitterUserId, body, link: `/progress?receiptNo=${encodeURIComponent(s.receiptNo)}` });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// intake: evidence upload, submit, receipt
// ---------------------------------------------------------------------------------------------------------------

export async function intakeInfo(deps: Deps, ip: string | null): Promise<IntakeInfoDto> {
  return {
    maxFiles: SUBMISSION_MAX_FILES,
    maxFileBytes: deps.config.evidenceMaxBytes,
    acceptedMimeTypes: [...EVIDENCE_MIME_TYPES],
    captchaRequired: await captchaRequired(deps, ip),
  };
}

async function captchaRequired(deps: Deps, ip: string | null): Promise<boolean> {
  const after = deps.config.intakeCaptchaAfter;
  if (!ip || after <= 0) return false;
  const since = new Date(deps.clock.now().getTime() - 3600_000).toISOString();
  // From the `after`-th submission of an address within an hour on (e.g. the 3rd), a captcha is required.
  return (await repo.countFromIpSince(deps.db, ip, since)) + 1 >= after;
}

/**
 * Stores one evidence file (types checked from the content by the files module) and gives the uploader a token that
 * later proves the file is theirs when they attach it to their submission. Only the token's hash is kept.
 */
export async function uploadEvidence(deps: Deps, ctx: Ctx, part: MultipartFile): Promise<UploadedEvidenceDto> {
  let f;
  try {
    f = await uploadFile(deps, ctx, part);
  } catch (err) {
    if (err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', { message: `单个证据文件不能超过 ${Math.round(deps.config.evidenceMaxBytes / 1048576)} MB` });
    }
    if (err instanceof AppError && err.code === 'FILE_TYPE_NOT_ALLOWED') {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', { message: '证据材料只能是图片、PDF、Word、Excel、视频或 MP3 录音文件', details: err.details });
    }
    throw err;
  }
  const token = randomToken(24);
  await repo.insertUpload(deps.db, { fileId: f.id, tokenHash: sha256Hex(token), ip: ctx.meta.ip, createdAt: deps.clock.now().toISOString() });
  return { fileId: f.id, uploadToken: token, name: f.originalName, size: f.size, mime: f.mime, sha256: f.sha256 };
}

/** Uploads made at or before this instant have expired (EVIDENCE_UPLOAD_TTL_HOURS). */
export function uploadValidFrom(deps: Deps, now: Date = deps.clock.now()): Date {
  return new Date(now.getTime() - deps.config.evidenceUploadTtlHours * 3600_000);
}

/**
 * Checks portal upload references ({fileId, uploadToken} from POST /api/portal/files): each must be an unused, unexpired
 * upload whose token the caller holds. A bad one is a 400 at `${pathPrefix}.${i}.uploadToken`.
 */
async function checkPortalUploads(ex: Executor, deps: Deps, refs: readonly { fileId: number; uploadToken: string }[], pathPrefix: string, now: Date = deps.clock.now()): Promise<void> {
  if (refs.length === 0) return;
  const uploads = new Map((await repo.uploads(ex, refs.map((r) => r.fileId))).map((u) => [u.fileId, u]));
  const validFrom = uploadValidFrom(deps, now);
  refs.forEach((ref, i) => {
    const u = uploads.get(ref.fileId);
    if (!u || !safeEqual(u.tokenHash, sha256Hex(ref.uploadToken)) || u.usedAt !== null || u.ownerType !== null) {
      throw fieldError(`${pathPrefix}.${i}.uploadToken`, '证据文件的上传凭证无效或已使用，请重新上传该文件');
    }
    // Same cutoff as the evidence-cleanup job, which deletes such uploads.
    if (Date.parse(u.createdAt) <= validFrom.getTime()) {
      throw fieldError(`${pathPrefix}.${i}.uploadToken`, `证据文件的上传凭证已过期（上传后 ${deps.config.evidenceUploadTtlHours} 小时内有效），请重新上传该文件`);
    }
  });
}

/**
 * Claims portal uploads for a record, in the caller's transaction (contracts.md 6; used by submissions, adjudication
 * requests and mediation applications): checks each token (400 at `${pathPrefix}.${i}.uploadToken` when invalid, used
 * or expired), marks the upload used and sets files.owner_type / owner_id. Returns the file ids in order. The claim
 * locks the upload rows and re-checks used_at IS NULL, so a concurrent claim or the evidence-cleanup job cannot take
 * the same upload.
 */
export async function claimPortalUploads(
  trx: Transaction<Database>,
  deps: Deps,
  refs: { fileId: number; uploadToken: string }[],
  owner: { ownerType: string; ownerId: number },
  pathPrefix: string,
): Promise<number[]> {
  if (refs.length === 0) return [];
  const fileIds = refs.map((r) => r.fileId);
  if (new Set(fileIds).size !== fileIds.length) throw fieldError(pathPrefix, '同一文件重复添加');
  await checkPortalUploads(trx, deps, refs, pathPrefix);
  const claimed = await repo.claimUploads(trx, fileIds, deps.clock.now().toISOString(), owner.ownerType === 'submission' ? owner.ownerId : null);
  if (claimed !== fileIds.length) throw fieldError(pathPrefix, '证据文件已被使用，请重新上传');
  await repo.setFilesOwner(trx, fileIds, owner.ownerType, String(owner.ownerId));
  return fileIds;
}

/**
 * Deletes evidence uploads nobody attached to a submission within EVIDENCE_UPLOAD_TTL_HOURS, with their files rows,
 * and then each content blob that no files row refers to any more (content is stored once per SHA-256 and may be
 * shared). An upload being claimed concurrently is safe: the claim and the delete both lock the upload row and each
 * re-checks used_at IS NULL, so exactly one of them wins.
 */
export async function purgeExpiredUploads(deps: Deps, batch = 1000): Promise<{ uploads: number; blobs: number }> {
  const cutoff = uploadValidFrom(deps).toISOString();
  const shas = await deps.db.transaction().execute(async (trx) => {
    const fileIds = await repo.deleteExpiredUploads(trx, cutoff, batch);
    return { count: fileIds.length, shas: await repo.deleteUnownedFiles(trx, fileIds) };
  });
  let blobs = 0;
  for (const sha256 of new Set(shas.shas)) {
    if (await repo.fileWithContentExists(deps.db, sha256)) continue;
    await deps.files.remove(sha256);
    blobs++;
  }
  return { uploads: shas.count, blobs };
}

export interface SubmitMeta {
  idempotencyKey: string;
  ip: string | null;
}

/**
 * Files a submission. Everything that belongs to it — the record, its evidence, the 登记 event, the statutory
 * deadline of the next step, the receipt number, the outbox messages and the audit rows — is written in one
 * transaction, and the receipt is answered only after the commit: nothing acknowledged can be lost.
 *
 * The checks and the preparation (encryption, hashes) run here, per request; the writing is the intake writer's
 * (intake-writer.ts), which writes the submissions that arrive together in one transaction (group commit), so that
 * the rows every submission must lock — the audit chain head and the year's receipt counter — are locked once per
 * batch rather than once per submission.
 *
 * A retry with the same Idempotency-Key and the same body returns the same receipt; another body under the same key
 * is 409 IDEMPOTENCY_CONFLICT. Two concurrent requests with one key meet at the unique index: the later one answers
 * with the first one's receipt.
 */
export async function submit(deps: Deps, ctx: Ctx, input: SubmitSubmissionInput, meta: SubmitMeta): Promise<{ receipt: SubmissionReceiptDto; replayed: boolean }> {
  const { captchaId, captchaAnswer, ...content } = input;
  const requestHash = sha256Hex(canonicalJson(content));
  const cfg = deps.config;
  // A retry must get its receipt even when the address has meanwhile reached a limit, so with limits in force the key
  // is looked up first. Without them the unique index alone catches a retry (one round trip less per submission).
  const limited = !!meta.ip && (cfg.intakeRateLimitPer10Min > 0 || cfg.intakeCaptchaAfter > 0);
  if (limited) {
    const prior = await repo.findByIdempotencyKey(deps.db, meta.idempotencyKey);
    if (prior) return { receipt: await replay(deps, prior, requestHash), replayed: true };
  }
  if (input.ipType === 'copyright') throw fieldError('body.ipType', '著作权（版权）事项请向版权管理部门反映'); // the schema already refuses it
  const ipType = input.ipType;

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  if (meta.ip && cfg.intakeRateLimitPer10Min > 0) {
    const n = await repo.countFromIpSince(deps.db, meta.ip, new Date(now.getTime() - 600_000).toISOString());
    if (n >= cfg.intakeRateLimitPer10Min) throw new AppError('RATE_LIMITED', { message: '提交过于频繁，请 10 分钟后再试' });
  }

  // Input the schema cannot check: the region must be in the division list; each file must be an unused upload
  // whose token the caller holds.
  if (!(await regionExists(deps, input.respondent.regionCode))) throw fieldError('body.respondent.regionCode', '所在区县不在行政区划代码表中，请重新选择');
  const fileIds = input.files.map((f) => f.fileId);
  await checkPortalUploads(deps.db, deps, input.files, 'body.files', now);

  if (await captchaRequired(deps, meta.ip)) {
    if (!captchaId || !captchaAnswer) throw new AppError('CAPTCHA_REQUIRED', { details: [{ path: 'body.captchaAnswer', message: '请输入验证码' }] });
    if (!(await consumeCaptcha(deps, captchaId, captchaAnswer))) {
      throw new AppError('CAPTCHA_INVALID', { details: [{ path: 'body.captchaAnswer', message: '验证码不正确或已过期' }] });
    }
  }

  const intake = await intakeUnit(deps);
  const anonymous = input.anonymous && input.kind === 'report';
  const sub = anonymous ? null : input.submitter;
  const code = lookupCode();
  const norm = normalizeRespondentName(input.respondent.name);
  const online = input.respondent.online;
  const next = NEXT_STEP[input.kind];
  // An anonymous report keeps no link to an account either, or the account would reveal the reporter.
  const submitterUserId = !anonymous && ctx.actor?.kind === 'public' ? ctx.actor.userId : null;

  const outcome = await intakeWriter(deps, claimPortalUploads).write({
    ctx,
    row: {
      lookupCodeHash: deps.cipher.keyedHash(code),
      lookupCodeEnc: deps.cipher.encrypt(code),
      kind: input.kind,
      ipType,
      category: null,
      respondentName: input.respondent.name,
      respondentNameNorm: norm,
      respondentNameBigrams: nameBigrams(norm),
      respondentUscc: input.respondent.uscc,
      respondentAddress: input.respondent.address,
      respondentRegionCode: input.respondent.regionCode,
      online,
      shopUrl: online ? input.respondent.shopUrl : null,
      platform: online ? input.respondent.platform : null,
      facts: input.facts,
      requestedOutcome: input.requestedOutcome,
      anonymous,
      submitterNameEnc: sub ? deps.cipher.encrypt(sub.name) : null,
      submitterNameMasked: sub ? maskName(sub.name) : null,
      phoneEnc: sub ? deps.cipher.encrypt(sub.phone) : null,
      phoneHash: sub ? deps.cipher.keyedHash(sub.phone) : null,
      phoneMasked: sub ? maskPhone(sub.phone) : null,
      idNoEnc: sub ? deps.cipher.encrypt(sub.idNo) : null,
      idNoHash: sub ? deps.cipher.keyedHash(sub.idNo) : null,
      idNoMasked: sub ? maskIdNo(sub.idNo) : null,
      submitterAddressEnc: sub?.address ? deps.cipher.encrypt(sub.address) : null,
      submitterEmailEnc: sub?.email ? deps.cipher.encrypt(sub.email) : null,
      organizationName: sub?.organizationName ?? null,
      organizationUscc: sub?.organizationUscc ?? null,
      submitterUserId,
      consentPublication: input.consentPublication,
      consentDelegatedMediation: input.consentDelegatedMediation,
      unitId: intake.id,
      status: 'received',
      idempotencyKey: meta.idempotencyKey,
      requestHash,
      ip: meta.ip,
      createdAt: nowIso,
      updatedAt: nowIso,
    },
    kind: input.kind,
    files: input.files,
    submitter: sub ? { phone: sub.phone, email: sub.email ?? null } : null,
    submitterUserId,
    intakeName: intake.name,
    cityCode6: `${cfg.cityCode}00`,
    auditAfter: { kind: input.kind, ipType, respondentName: input.respondent.name, respondentUscc: input.respondent.uscc, anonymous, files: fileIds, unitId: intake.id },
  });
  if (outcome.kind === 'duplicateKey') {
    // The key was taken meanwhile (a concurrent retry, or the same form twice in one batch): answer as to a retry.
    const again = await repo.findByIdempotencyKey(deps.db, meta.idempotencyKey);
    if (!again) throw new AppError('INTERNAL');
    return { receipt: await replay(deps, again, requestHash), replayed: true };
  }
  // The basis text of the rule version (cached; rule rows never change).
  const basis = await ruleBasis(deps, outcome.ruleId);
  const receipt: SubmissionReceiptDto = {
    receiptNo: outcome.receiptNo,
    lookupCode: code,
    kind: input.kind,
    submittedAt: outcome.createdAt,
    expectedNextStepBy: outcome.dueOn,
    nextStep: next.text,
    nextStepBasis: basis ? basisText(basis) : '',
    provisional: outcome.provisional,
  };
  return { receipt, replayed: false };
}

async function replay(deps: Deps, prior: { id: number; requestHash: string; lookupCodeEnc: string }, requestHash: string): Promise<SubmissionReceiptDto> {
  if (prior.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_CONFLICT');
  return receiptOf(deps, prior.id, deps.cipher.decrypt(prior.lookupCodeEnc));
}

/** The receipt of a committed submission (read after the commit). */
async function receiptOf(deps: Deps, id: number, code: string): Promise<SubmissionReceiptDto> {
  const s = await repo.unsafeGetById(deps.db, id);
  if (!s) throw new AppError('INTERNAL');
  const first = (await repo.deadlines(deps.db, id))[0];
  return {
    receiptNo: s.receiptNo,
    lookupCode: code,
    kind: s.kind,
    submittedAt: s.createdAt,
    expectedNextStepBy: first?.dueOn ?? null,
    nextStep: NEXT_STEP[s.kind].text,
    nextStepBasis: first ? basisText(first) : '',
    provisional: first?.provisional ?? false,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// public lookup, receipt PDF, rating
// ---------------------------------------------------------------------------------------------------------------

/**
 * Finds a submission by receipt number and lookup code. An unknown number and a wrong code give the same 404; callers
 * run it inside guardedLookup, which counts such failures against the address (too many → 429), so codes cannot be
 * guessed.
 */
async function findByCode(deps: Deps, receiptNo: string, code: string, ex: Executor = deps.db, forUpdate = false): Promise<SubmissionRow> {
  const s = await repo.unsafeGetByReceiptNo(ex, receiptNo, { forUpdate });
  // Hash the code even for an unknown number, so both failures take the same time.
  const given = deps.cipher.keyedHash(code);
  if (!s || !safeEqual(s.lookupCodeHash, given)) throw lookupMiss();
  return s;
}

/** What follows the latest later-stage event of a dispatched submission (null while the first step is still open). */
const LATER_STAGES: Partial<Record<string, string>> = {
  accept: '组织调解或者作出处理，并告知您结果',
  mediation: '调解处理，并告知您结果',
  terminateMediation: '办结，并告知您结果',
  fileCase: '立案调查并作出处理决定',
  declineCase: '办结',
  caseDecision: '执行处理决定，结案后告知您办理结果',
};

function laterStage(events: { kind: string }[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const next = LATER_STAGES[events[i]!.kind];
    if (next) return next;
  }
  return null;
}

async function progressOf(deps: Deps, s: SubmissionRow, ex: Executor = deps.db): Promise<SubmissionProgressDto> {
  const [events, deadlines, rating, primary] = [
    await repo.events(ex, s.id, { publicOnly: true }),
    await repo.deadlines(ex, s.id),
    await repo.ratingFor(ex, s.id, s.closedAt),
    s.mergedIntoId ? await repo.unsafeGetById(ex, s.mergedIntoId) : undefined,
  ];
  const open = deadlines.find((d) => d.completedOn === null);
  const active = s.status === 'received' || s.status === 'registered';
  // After 分派 the statutory periods run on the lead (same start, same rule): show its nearest due date.
  const handled = s.status === 'dispatched' || s.status === 'inProgress';
  const lead = handled ? await ex.selectFrom('leads').select(['dueOn']).where('submissionId', '=', s.id).executeTakeFirst() : undefined;
  // Once the unit is past the first statutory step (受理 / 立案 / 决定), that step is no longer "next": say what follows,
  // without a date (the later periods are the unit's internal deadlines, not a promise to the submitter).
  const stage = handled ? laterStage(events) : null;
  return presentProgress(s, {
    events,
    nextStep: active ? NEXT_STEP[s.kind].text : s.status === 'reopened' ? '市局对办理情况重新审查' : handled ? `承办机构依法${stage ?? NEXT_STEP[s.kind].text}` : null,
    expectedNextStepBy: active ? (open?.dueOn ?? null) : handled && !stage ? (lead?.dueOn ?? null) : null,
    mergedInto: primary?.receiptNo ?? null,
    rating: s.status === 'closed' ? rating : await repo.latestRating(ex, s.id),
  });
}

export async function lookup(deps: Deps, ip: string | null, receiptNo: string, code: string): Promise<SubmissionProgressDto> {
  const s = await guardedLookup(deps, ip, () => findByCode(deps, receiptNo, code));
  return progressOf(deps, s);
}

export async function receiptPdf(deps: Deps, ip: string | null, receiptNo: string, code: string): Promise<{ receiptNo: string; pdf: Buffer }> {
  const s = await guardedLookup(deps, ip, () => findByCode(deps, receiptNo, code));
  const intake = await intakeUnit(deps);
  const first = (await repo.deadlines(deps.db, s.id))[0];
  const pdf = renderReceiptPdf({
    unitName: intake.name,
    unitPhone: intake.phone,
    kind: s.kind,
    ipType: s.ipType,
    receiptNo: s.receiptNo,
    lookupCode: code,
    respondentName: s.respondentName,
    submittedAt: s.createdAt,
    nextStep: NEXT_STEP[s.kind].text,
    dueOn: first?.dueOn ?? null,
    provisional: first?.provisional ?? false,
    basis: first ? basisText(first) : '—',
    generatedAt: deps.clock.now().toISOString(),
  });
  return { receiptNo: s.receiptNo, pdf };
}

/**
 * The submitter rates a closed submission, once per closing. 不满意 reopens review by the city: status reopened,
 * a public event, and an in-app message to the intake staff who may register submissions.
 */
export async function rate(deps: Deps, ctx: Ctx, input: RateSubmissionInput): Promise<SubmissionProgressDto> {
  return guardedLookup(deps, ctx.meta.ip, () => rateInTransaction(deps, ctx, input));
}

async function rateInTransaction(deps: Deps, ctx: Ctx, input: RateSubmissionInput): Promise<SubmissionProgressDto> {
  return deps.db.transaction().execute(async (trx) => {
    const s = await findByCode(deps, input.receiptNo, input.lookupCode, trx, true);
    if (!submissionActionAllowed(s.status, 'rate')) throw notAllowed(s.status, 'rate', '办结后才能评价');
    const nowIso = deps.clock.now().toISOString();
    const inserted = await repo.insertRating(trx, { submissionId: s.id, closedAt: s.closedAt!, satisfaction: input.satisfaction, comment: input.comment, createdAt: nowIso });
    if (!inserted) throw notAllowed(s.status, 'rate', '您已对本次办理结果作出评价');
    const status = rateOutcome(input.satisfaction);
    const label = satisfactionLabel(input.satisfaction);
    const events = [{ submissionId: s.id, kind: 'rate', public: true, text: `评价：${label}`, note: input.comment, actorId: null, actorName: null, at: nowIso }];
    if (status === 'reopened') {
      events.push({ submissionId: s.id, kind: 'reopen', public: true, text: '您对办理结果不满意，已转市局重新审查。', note: null, actorId: null, actorName: null, at: nowIso });
    }
    await repo.insertEvents(trx, events);
    const after = status !== s.status ? await repo.updateSubmission(trx, s.id, s.version, { status, updatedAt: nowIso }) : s;
    if (!after) throw new AppError('VERSION_CONFLICT');
    if (status === 'reopened') {
      const userIds = await usersHoldingPermission(trx, 'submission.register', { unitIds: [s.unitId] });
      await sendNotifications(
        trx,
        userIds.map((userId) => ({
          userId,
          kind: 'submission.reopened',
          title: `诉求 ${s.receiptNo} 的提交人不满意，需重新审查`,
          body: `${kindLabel(s.kind)} ${s.receiptNo}（${s.respondentName}）办结后，提交人评价为“不满意”${input.comment ? `，意见：${input.comment}` : ''}。请重新审查。`,
          link: `/admin/submissions/${s.id}`,
          dedupeKey: `submission:${s.id}:reopened:${s.closedAt}`,
        })),
      );
    }
    await writeAudit(trx, deps.clock, ctx, {
      action: 'submission.rate',
      entityType: 'submission',
      entityId: s.id,
      before: { status: s.status },
      after: { status, satisfaction: input.satisfaction, comment: input.comment },
    });
    return progressOf(deps, after as SubmissionRow, trx);
  });
}

export async function mine(deps: Deps, actor: Actor, page: number, pageSize: number): Promise<Page<MySubmissionDto>> {
  const [{ n }, rows] = await repo.mine(deps.db, actor.userId, page, pageSize);
  const items: MySubmissionDto[] = [];
  for (const r of rows) {
    const open = (await repo.deadlines(deps.db, r.id)).find((d) => d.completedOn === null);
    const active = r.status === 'received' || r.status === 'registered';
    items.push({
      receiptNo: r.receiptNo, kind: r.kind, ipType: r.ipType, status: r.status, statusLabel: SUBMISSION_STATUSES[r.status],
      respondentName: r.respondentName, submittedAt: r.createdAt, expectedNextStepBy: active ? (open?.dueOn ?? null) : null,
    });
  }
  return { items, total: Number(n), page, pageSize };
}

/** A logged-in submitter's own submission, without the lookup code. Someone else's is 404. */
export async function mineOne(deps: Deps, actor: Actor, receiptNo: string): Promise<SubmissionProgressDto> {
  const s = await repo.unsafeGetByReceiptNo(deps.db, receiptNo);
  if (!s || s.submitterUserId !== actor.userId) throw new AppError('NOT_FOUND');
  return progressOf(deps, s);
}

// ---------------------------------------------------------------------------------------------------------------
// back office: the 统一受理 queue
// ---------------------------------------------------------------------------------------------------------------

export async function listSubmissions(deps: Deps, ctx: Ctx, q: SubmissionListQuery): Promise<Page<SubmissionListItemDto>> {
  const actor = staff(ctx);
  const window = deps.config.duplicateWindowDays;
  const { total, items } = await repo.list(deps.db, actor, q, window);
  const dups = await repo.duplicatesOf(deps.db, actor, items.map((i) => i.id), window);
  return { items: items.map((i) => presentListItem(actor, i, dups.get(i.id) ?? [])), total, page: q.page, pageSize: q.pageSize };
}

async function detailOf(deps: Deps, actor: Actor, s: SubmissionRow, ex: Executor = deps.db): Promise<SubmissionDetailDto> {
  const window = deps.config.duplicateWindowDays;
  const intake = await intakeUnit(deps, ex);
  const regionName = (await repo.regionName(ex, s.respondentRegionCode)) ?? null;
  const files = await repo.files(ex, s.id);
  const events = await repo.events(ex, s.id);
  const links = await repo.links(ex, s.id);
  const dups = await repo.duplicatesOf(ex, actor, [s.id], window);
  const deadlines = await repo.deadlines(ex, s.id);
  const rating = await repo.latestRating(ex, s.id);
  const primary = s.mergedIntoId ? await repo.unsafeGetById(ex, s.mergedIntoId) : undefined;
  const open = deadlines.find((d) => d.completedOn === null);
  const unitName = s.unitId === intake.id ? intake.name : ((await ex.selectFrom('units').select('name').where('id', '=', s.unitId).executeTakeFirst())?.name ?? '');
  return presentDetail(actor, s, {
    regionName,
    unitName,
    deadline: open ? { title: open.title, dueOn: open.dueOn, state: open.state } : null,
    files,
    events,
    links,
    duplicates: dups.get(s.id) ?? [],
    rating,
    mergedInto: primary ? { id: primary.id, receiptNo: primary.receiptNo } : null,
    lead: (await repo.leadOf(ex, s.id)) ?? null,
  });
}

export async function getSubmission(deps: Deps, ctx: Ctx, id: number): Promise<SubmissionDetailDto> {
  const actor = staff(ctx);
  const s = await repo.getInScope(deps.db, actor, id);
  if (!s) throw new AppError('NOT_FOUND');
  return detailOf(deps, actor, s);
}

/**
 * The submitter's full identity, for staff holding submission.identity.read. Every view writes an audit row
 * (暂行办法 第三十三条: the reporter's identity is confidential; each access is accountable).
 */
export async function getIdentity(deps: Deps, ctx: Ctx, id: number): Promise<SubmissionIdentityDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const s = await repo.getInScope(trx, actor, id);
    if (!s) throw new AppError('NOT_FOUND');
    const dec = (v: string | null) => (v ? deps.cipher.decrypt(v) : null);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'submission.identity.view',
      entityType: 'submission',
      entityId: id,
      after: { receiptNo: s.receiptNo, anonymous: s.anonymous, fields: s.anonymous ? [] : ['name', 'phone', 'idNo', 'address', 'email'] },
    });
    return {
      anonymous: s.anonymous,
      name: dec(s.submitterNameEnc),
      phone: dec(s.phoneEnc),
      idNo: dec(s.idNoEnc),
      address: dec(s.submitterAddressEnc),
      email: dec(s.submitterEmailEnc),
      organizationName: s.organizationName,
      organizationUscc: s.organizationUscc,
    };
  });
}

/** Locks the submission in scope, checks the row version and that the action is allowed in its status. */
async function lockForAction(trx: Executor, actor: Actor, id: number, version: number, action: SubmissionAction): Promise<SubmissionRow> {
  const s = await repo.getInScope(trx, actor, id, { forUpdate: true });
  if (!s) throw new AppError('NOT_FOUND');
  if (!submissionActionAllowed(s.status, action)) throw notAllowed(s.status, action);
  if (s.version !== version) throw new AppError('VERSION_CONFLICT');
  return s;
}

async function completeOpenDeadlines(trx: Transaction<Database>, deps: Deps, ctx: Ctx, id: number): Promise<void> {
  for (const d of await deadlinesOf(trx, 'submission', id)) {
    if (d.completedOn === null) await completeDeadline(trx, deps, ctx, { deadlineId: d.id });
  }
}

/** 登记/分类 by intake staff: confirms or corrects the IP type and sets a category (an internal step). */
export async function registerSubmission(deps: Deps, ctx: Ctx, id: number, input: RegisterSubmissionInput): Promise<SubmissionDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const s = await lockForAction(trx, actor, id, input.version, 'register');
    const nowIso = deps.clock.now().toISOString();
    const status = nextSubmissionStatus(s.status, 'register');
    const after = await repo.updateSubmission(trx, id, s.version, { status, ipType: input.ipType, category: input.category, updatedAt: nowIso });
    if (!after) throw new AppError('VERSION_CONFLICT');
    if (input.ipType !== s.ipType) {
      // Close names count only within one IP type: find the pairs again under the corrected type.
      await repo.deleteDuplicatePairs(trx, id);
      await repo.setNameKeyIpType(trx, id, input.ipType);
      await detectDuplicates(trx, deps, [after], true);
    }
    const parts = [`知识产权类型：${input.ipType === s.ipType ? '' : `${s.ipType} → `}${input.ipType}`, input.category ? `分类：${input.category}` : null].filter(Boolean);
    await repo.insertEvents(trx, [
      { submissionId: id, kind: 'classify', public: false, text: null, note: [parts.join('；'), input.note].filter(Boolean).join('\n'), actorId: actor.userId, actorName: actor.displayName, at: nowIso },
    ]);
    await writeAudit(trx, deps.clock, ctx, {
      action: 'submission.register', entityType: 'submission', entityId: id,
      before: { status: s.status, ipType: s.ipType, category: s.category }, after: { status, ipType: input.ipType, category: input.category, note: input.note },
    });
    return detailOf(deps, actor, after, trx);
  });
}

/**
 * Links two submissions. 'duplicate' merges this one into the other (the primary): this one becomes merged, its
 * deadlines are completed, and its timeline tells the submitter where it is handled (已与 ZC-… 合并办理).
 * 'related' only records the link; both stay as they are.
 */
export async function linkSubmission(deps: Deps, ctx: Ctx, id: number, input: LinkSubmissionInput): Promise<SubmissionDetailDto> {
  const actor = staff(ctx);
  if (input.otherId === id) throw fieldError('body.otherId', '不能与自身关联或合并');
  return deps.db.transaction().execute(async (trx) => {
    const action: SubmissionAction = input.mode === 'duplicate' ? 'merge' : 'link';
    // Lock both rows in id order, so two staff linking the same pair in opposite directions cannot deadlock.
    const [firstId, secondId] = id < input.otherId ? [id, input.otherId] : [input.otherId, id];
    const a = await repo.getInScope(trx, actor, firstId, { forUpdate: true });
    const b = await repo.getInScope(trx, actor, secondId, { forUpdate: true });
    const s = a?.id === id ? a : b;
    const other = a?.id === id ? b : a;
    if (!s) throw new AppError('NOT_FOUND');
    if (!other) throw new AppError('NOT_FOUND', { message: '要关联的诉求不存在或无权访问' });
    if (!submissionActionAllowed(s.status, action)) throw notAllowed(s.status, action);
    if (s.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (await repo.linkExists(trx, id, other.id)) throw new AppError('DUPLICATE', { message: `已与 ${other.receiptNo} 关联或合并` });
    if (action === 'merge' && !submissionActionAllowed(other.status, 'merge')) {
      throw new AppError('ACTION_NOT_ALLOWED', { message: `主件 ${other.receiptNo} 处于“${SUBMISSION_STATUSES[other.status]}”状态，不能并入`, details: { status: other.status, allowed: allowedSubmissionActions(s.status) } });
    }
    const nowIso = deps.clock.now().toISOString();
    await repo.insertLink(trx, { submissionId: id, otherId: other.id, mode: input.mode, createdBy: actor.userId, createdAt: nowIso });
    let after: SubmissionRow | undefined;
    const who = { actorId: actor.userId, actorName: actor.displayName, at: nowIso };
    if (action === 'merge') {
      const result = `已与 ${other.receiptNo} 合并办理`;
      after = await repo.updateSubmission(trx, id, s.version, { status: 'merged', mergedIntoId: other.id, result, updatedAt: nowIso });
      await repo.insertEvents(trx, [
        { submissionId: id, kind: 'merge', public: true, text: `${result}，办理进度和结果请以 ${other.receiptNo} 为准。`, note: null, ...who },
        { submissionId: other.id, kind: 'mergedFrom', public: false, text: null, note: `重复件 ${s.receiptNo} 并入本件合并办理`, ...who },
      ]);
      await completeOpenDeadlines(trx, deps, ctx, id);
      const intake = await intakeUnit(deps, trx);
      await enqueue(trx, deps, messagesToSubmitter(deps, s, intake.name, `${kindLabel(s.kind)}合并办理`, `您的${kindLabel(s.kind)}（${s.receiptNo}）${result}。`));
    } else {
      after = await repo.updateSubmission(trx, id, s.version, { updatedAt: nowIso });
      await repo.insertEvents(trx, [
        { submissionId: id, kind: 'link', public: false, text: null, note: `与 ${other.receiptNo} 关联`, ...who },
        { submissionId: other.id, kind: 'link', public: false, text: null, note: `与 ${s.receiptNo} 关联`, ...who },
      ]);
    }
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(trx, deps.clock, ctx, {
      action: action === 'merge' ? 'submission.merge' : 'submission.link', entityType: 'submission', entityId: id,
      before: { status: s.status }, after: { status: after.status, otherId: other.id, otherReceiptNo: other.receiptNo, mode: input.mode },
    });
    return detailOf(deps, actor, after, trx);
  });
}

/** 办结 with a reason the submitter sees (e.g. not this bureau's duty: 暂行办法 第二十九条 tell them where to go). */
export async function closeSubmission(deps: Deps, ctx: Ctx, id: number, input: CloseSubmissionInput): Promise<SubmissionDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const s = await lockForAction(trx, actor, id, input.version, 'close');
    const nowIso = deps.clock.now().toISOString();
    const after = await repo.updateSubmission(trx, id, s.version, { status: 'closed', result: input.reason, closedAt: nowIso, updatedAt: nowIso });
    if (!after) throw new AppError('VERSION_CONFLICT');
    await repo.insertEvents(trx, [{ submissionId: id, kind: 'close', public: true, text: input.reason, note: null, actorId: actor.userId, actorName: actor.displayName, at: nowIso }]);
    await completeOpenDeadlines(trx, deps, ctx, id);
    const intake = await intakeUnit(deps, trx);
    const k = kindLabel(s.kind);
    await enqueue(trx, deps, messagesToSubmitter(deps, s, intake.name, `${k}已办结`, `您的${k}（${s.receiptNo}）已办结：${input.reason}。请凭受理编号和查询码查看结果并评价。`));
    await writeAudit(trx, deps.clock, ctx, { action: 'submission.close', entityType: 'submission', entityId: id, before: { status: s.status }, after: { status: 'closed', reason: input.reason } });
    return detailOf(deps, actor, after, trx);
  });
}

/**
 * 分派 (暂行办法 第三十七条: 统一接收投诉举报的工作机构应当及时将投诉举报分送有处理权限的下级市场监督管理部门): the city
 * hands a registered submission to a county bureau as a lead (leads module, createLeadFromSubmission), in one transaction
 * with the submission's public 分派 event and status.
 */
export async function dispatchSubmission(deps: Deps, ctx: Ctx, id: number, input: DispatchSubmissionInput): Promise<SubmissionDetailDto> {
  const actor = staff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const s = await lockForAction(trx, actor, id, input.version, 'dispatch');
    const lead = await createLeadFromSubmission(trx, deps, ctx, { submissionId: id, toUnitId: input.toUnitId, note: input.note });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'submission.dispatch', entityType: 'submission', entityId: id,
      before: { status: s.status }, after: { status: 'dispatched', leadId: lead.id, leadNo: lead.leadNo, toUnitId: input.toUnitId, note: input.note },
    });
    const after = await repo.getInScope(trx, actor, id);
    if (!after) throw new AppError('NOT_FOUND');
    return detailOf(deps, actor, after, trx);
  });
}

/** The county bureaus a submission may be dispatched to, the one of the respondent's region suggested first. */
export async function dispatchTargets(deps: Deps, ctx: Ctx, id: number): Promise<DispatchTargetsDto> {
  const actor = staff(ctx);
  const s = await repo.getInScope(deps.db, actor, id);
  if (!s) throw new AppError('NOT_FOUND');
  return submissionDispatchTargets(deps.db, actor, s.respondentRegionCode);
}

/** Download check for files owned by a submission: staff who may read submissions, within their scope. */
export async function submissionFileReadable(deps: Deps, ctx: Ctx, ownerId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'staff' || !actor.permissions.has('submission.read')) return false;
  const id = Number(ownerId);
  if (!Number.isInteger(id)) return false;
  return !!(await repo.getInScope(deps.db, actor, id));
}
