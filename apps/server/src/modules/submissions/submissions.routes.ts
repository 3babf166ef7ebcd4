import {
  CaptchaDto,
  CloseSubmissionInput,
  DispatchSubmissionInput,
  DispatchTargetsDto,
  IdParam,
  IntakeInfoDto,
  LinkSubmissionInput,
  LookupQuery,
  MySubmissionDto,
  PageQuery,
  RateSubmissionInput,
  ReceiptNoParam,
  RegisterSubmissionInput,
  SubmissionDetailDto,
  SubmissionIdentityDto,
  SubmissionListItemDto,
  SubmissionListQuery,
  SubmissionProgressDto,
  SubmissionReceiptDto,
  SubmitSubmissionInput,
  UploadedEvidenceDto,
  pageOf,
} from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import { kickOutbox } from '../outbox/outbox.service';
import { createCaptcha } from './captcha';
import { WindowCounter } from './rate-limit';
import {
  closeSubmission,
  dispatchSubmission,
  dispatchTargets,
  getIdentity,
  getSubmission,
  intakeInfo,
  linkSubmission,
  listSubmissions,
  lookup,
  mine,
  mineOne,
  rate,
  receiptPdf,
  registerSubmission,
  submissionFileReadable,
  submit,
  uploadEvidence,
} from './submissions.service';

const portalTags = ['网上投诉举报（门户）'];
const tags = ['统一受理'];

/** Idempotency-Key: one per filled-in form (the web makes a UUID when the form opens), reused by every retry. */
const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string({ error: '缺少请求头 Idempotency-Key' })
    .min(8, 'Idempotency-Key 应为 8 至 100 个字符')
    .max(100, 'Idempotency-Key 应为 8 至 100 个字符')
    .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key 只能包含可见的 ASCII 字符'),
});

export const submissionRoutes: RouteModule = (app, deps) => {
  registerFileOwner('submission', submissionFileReadable);
  const tenMinutes = 600_000;
  // Guessing receipt/lookup-code pairs is limited in the database (lookup-guard.ts), across app nodes.
  // Against floods of stored files and captcha rows; tied to the submission limit (10 files per submission).
  const perSubmission = deps.config.intakeRateLimitPer10Min;
  const uploadGuard = new WindowCounter(deps.clock, tenMinutes, perSubmission > 0 ? perSubmission * 10 : 0);
  const captchaGuard = new WindowCounter(deps.clock, tenMinutes, perSubmission > 0 ? Math.max(30, perSubmission * 3) : 0);

  // ---------------------------------------------------------------- public and portal
  app.get('/api/public/captcha', {
    schema: { tags: portalTags, summary: '图形验证码（SVG）；多次提交后提交诉求须附 captchaId 与 captchaAnswer', response: { 200: CaptchaDto } },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    if (!captchaGuard.hit(req.ip)) throw new AppError('RATE_LIMITED');
    void reply.header('cache-control', 'no-store');
    return createCaptcha(deps, req.ip);
  });

  app.get('/api/public/submissions/intake-info', {
    schema: { tags: portalTags, summary: '提交须知：附件数量与大小限制、接受的文件类型、本地址是否须填验证码', response: { 200: IntakeInfoDto } },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return intakeInfo(deps, req.ip);
  });

  app.post('/api/portal/files', {
    schema: {
      tags: portalTags,
      summary: '上传证据材料（multipart，字段名 file；可匿名）：返回 fileId 与 uploadToken，提交诉求时一并提交',
      consumes: ['multipart/form-data'],
      response: { 200: UploadedEvidenceDto },
    },
    config: { access: { auth: 'optionalPublic' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传文件' });
    if (!uploadGuard.hit(req.ip)) throw new AppError('RATE_LIMITED', { message: '上传过于频繁，请稍后再试' });
    const part = await req.file({ limits: { fileSize: deps.config.evidenceMaxBytes, files: 1 } });
    if (!part || part.fieldname !== 'file') {
      throw new AppError('VALIDATION_FAILED', { message: '请选择要上传的文件', details: [{ path: 'body.file', message: '请选择要上传的文件' }] });
    }
    return uploadEvidence(deps, ctxOf(req), part);
  });

  app.post('/api/portal/submissions', {
    schema: {
      tags: portalTags,
      summary: '提交投诉、举报或维权援助申请；提交成功（已保存）后返回受理编号与查询码',
      description: '请求头 Idempotency-Key 必填（8–100 个字符，每份表单一个，重试时不变）：同一键同一内容重复提交返回同一回执，内容不同返回 409。',
      headers: IdempotencyHeaders,
      body: SubmitSubmissionInput,
      response: { 201: SubmissionReceiptDto },
    },
    config: { access: { auth: 'optionalPublic' } },
  }, async (req, reply) => {
    const { receipt, replayed } = await submit(deps, ctxOf(req), req.body, { idempotencyKey: req.headers['idempotency-key'], ip: req.ip ?? null });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    else kickOutbox(deps);
    return reply.status(201).send(receipt);
  });

  app.get('/api/public/submissions/lookup', {
    schema: { tags: portalTags, summary: '进度查询：受理编号 + 查询码（错误时统一返回 404，连续失败将暂时限制）', querystring: LookupQuery, response: { 200: SubmissionProgressDto } },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return lookup(deps, req.ip, req.query.receiptNo, req.query.lookupCode);
  });

  app.get('/api/public/submissions/receipt.pdf', {
    schema: { tags: portalTags, summary: '下载回执（PDF，可打印）', querystring: LookupQuery },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    const { receiptNo, pdf } = await receiptPdf(deps, req.ip, req.query.receiptNo, req.query.lookupCode);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(`回执-${receiptNo}.pdf`, 'inline'))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(pdf);
  });

  app.post('/api/public/submissions/rate', {
    schema: { tags: portalTags, summary: '办结后评价（满意 / 基本满意 / 不满意）；每次办结限评一次，不满意将转市局重新审查', body: RateSubmissionInput, response: { 200: SubmissionProgressDto } },
    config: { access: { auth: 'none' } },
  }, (req) => rate(deps, ctxOf(req), req.body));

  app.get('/api/portal/submissions/mine', {
    schema: { tags: portalTags, summary: '我的诉求（登录用户实名提交的）', querystring: PageQuery, response: { 200: pageOf(MySubmissionDto) } },
    config: { access: { auth: 'public' } },
  }, (req) => mine(deps, req.actor!, req.query.page, req.query.pageSize));

  app.get('/api/portal/submissions/mine/:receiptNo', {
    schema: { tags: portalTags, summary: '我的诉求的办理进度（无需查询码）', params: ReceiptNoParam, response: { 200: SubmissionProgressDto } },
    config: { access: { auth: 'public' } },
  }, (req) => mineOne(deps, req.actor!, req.params.receiptNo));

  // ---------------------------------------------------------------- back office: 统一受理
  app.get('/api/submissions', {
    schema: { tags, summary: '统一受理列表（提交人信息已脱敏；标出疑似重复）', querystring: SubmissionListQuery, response: { 200: pageOf(SubmissionListItemDto) } },
    config: { access: { auth: 'staff', permission: 'submission.read' } },
  }, (req) => listSubmissions(deps, ctxOf(req), req.query));

  app.get('/api/submissions/:id', {
    schema: { tags, summary: '诉求详情（脱敏），含证据、办理记录、关联与疑似重复', params: IdParam, response: { 200: SubmissionDetailDto } },
    config: { access: { auth: 'staff', permission: 'submission.read' } },
  }, (req) => getSubmission(deps, ctxOf(req), req.params.id));

  app.get('/api/submissions/:id/identity', {
    schema: { tags, summary: '查看提交人完整身份信息（每次查看记入审计日志）', params: IdParam, response: { 200: SubmissionIdentityDto } },
    config: { access: { auth: 'staff', permission: 'submission.identity.read' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return getIdentity(deps, ctxOf(req), req.params.id);
  });

  app.post('/api/submissions/:id/register', {
    schema: { tags, summary: '登记分类（核定知识产权类型与分类）', params: IdParam, body: RegisterSubmissionInput, response: { 200: SubmissionDetailDto } },
    config: { access: { auth: 'staff', permission: 'submission.register' } },
  }, (req) => registerSubmission(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/submissions/:id/link', {
    schema: { tags, summary: '合并（重复件并入主件）或关联', params: IdParam, body: LinkSubmissionInput, response: { 200: SubmissionDetailDto } },
    config: { access: { auth: 'staff', permission: 'submission.merge' } },
  }, async (req) => {
    const dto = await linkSubmission(deps, ctxOf(req), req.params.id, req.body);
    kickOutbox(deps);
    return dto;
  });

  app.get('/api/submissions/:id/dispatch-targets', {
    schema: { tags, summary: '可分派的县级局（按被投诉/举报人所在区划建议承办机构）', params: IdParam, response: { 200: DispatchTargetsDto } },
    config: { access: { auth: 'staff', permission: 'submission.read' } },
  }, (req) => dispatchTargets(deps, ctxOf(req), req.params.id));

  app.post('/api/submissions/:id/dispatch', {
    schema: { tags, summary: '分派至县级局（生成线索，暂行办法 第三十七条）；提交人可在进度查询中看到“分派”', params: IdParam, body: DispatchSubmissionInput, response: { 200: SubmissionDetailDto } },
    config: { access: { auth: 'staff', permission: 'lead.dispatch' } },
  }, async (req) => {
    const dto = await dispatchSubmission(deps, ctxOf(req), req.params.id, req.body);
    kickOutbox(deps);
    return dto;
  });

  app.post('/api/submissions/:id/close', {
    schema: { tags, summary: '办结（理由对提交人公开）', params: IdParam, body: CloseSubmissionInput, response: { 200: SubmissionDetailDto } },
    config: { access: { auth: 'staff', permission: 'submission.register' } },
  }, async (req) => {
    const dto = await closeSubmission(deps, ctxOf(req), req.params.id, req.body);
    kickOutbox(deps);
    return dto;
  });
};
