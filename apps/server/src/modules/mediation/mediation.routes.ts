import {
  IdParam,
  MEDIATION_ACTION_INPUTS,
  MEDIATION_ACTIONS,
  MEDIATION_USER_ACTIONS,
  MediationDetailDto,
  MediationFileDto,
  MediationIdentityDto,
  MediationListPageDto,
  MediationListQuery,
  MediationNoParam,
  MediationReceiptDto,
  MediationStatsDto,
  MediationStatsQuery,
  MediatorAccountDto,
  MediatorCandidateDto,
  MediatorCandidatesQuery,
  MediatorConflictInput,
  MediatorConflictParam,
  MediatorDto,
  MediatorInput,
  MediatorListQuery,
  MyMediationDto,
  MyMediationProgressDto,
  PageQuery,
  PortalMediationInput,
  RegisterMediationInput,
  UpdateMediatorInput,
  pageOf,
} from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import { mediationStatistics } from './mediation-stats.service';
import { mediationStatsFileName, mediationStatsWorkbook } from './mediation-stats.xlsx';
import * as svc from './mediation.service';
import * as pool from './mediators.service';

const tags = ['纠纷调解'];
const poolTags = ['调解员专家库'];
const portalTags = ['在线调解申请（门户）'];

/** Idempotency-Key: one per filled-in form (the web makes a UUID when the form opens), reused by every retry. */
const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string({ error: '缺少请求头 Idempotency-Key' })
    .min(8, 'Idempotency-Key 应为 8 至 100 个字符')
    .max(100, 'Idempotency-Key 应为 8 至 100 个字符')
    .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key 只能包含可见的 ASCII 字符'),
});

/** What each action does, for the API documentation. */
const ACTION_SUMMARIES: Record<(typeof MEDIATION_USER_ACTIONS)[number], string> = {
  accept: '双方同意调解，受理并指派调解员（须指定一名主持调解员；有利害关系、暂不可用或已退出专家库的调解员不能指派）',
  refuse: '一方当事人明确拒绝调解或不宜调解，不予调解（人民调解法 第十七条）',
  assignMediators: '变更调解员（同样检查回避）',
  recordSession: '记录调解情况（人民调解法 第二十七条），可附签字笔录扫描件',
  extend: '双方当事人同意延长人民法院委派、委托调解的期限（特邀调解规定 第二十七条）',
  reachAgreement: '达成调解协议（书面协议自各方签名、盖章并加盖调解委员会印章之日起生效，口头协议自达成之日起生效）；开始计算三十日的司法确认申请期限（确权协议除外）',
  terminate: '调解不成，终止调解（人民调解法 第二十六条）',
  applyConfirmation: '登记双方当事人共同申请司法确认（协议生效之日起三十日内；涉及知识产权确权的协议不予受理）',
  recordRuling: '登记人民法院司法确认裁定（确认有效或驳回申请）',
  recordPerformance: '登记调解协议履行情况',
  informCourt: '向委派、委托的人民法院反馈调解结果（仅法院来源）',
  close: '结案（法院来源须先反馈结果）；尚未完成的期限一并结束',
};

export const mediationRoutes: RouteModule = (app, deps) => {
  registerFileOwner('mediation', svc.mediationFileReadable);

  // ------------------------------------------------------------------ portal
  app.post('/api/portal/mediations', {
    schema: {
      tags: portalTags,
      summary: '在线申请调解知识产权纠纷；保存成功后返回调解案号',
      description: '请求头 Idempotency-Key 必填（8–100 个字符，每份表单一个，重试时不变）：同一键同一内容重复提交返回同一回执（响应头 idempotent-replayed: true），内容不同返回 409。',
      headers: IdempotencyHeaders,
      body: PortalMediationInput,
      response: { 201: MediationReceiptDto },
    },
    config: { access: { auth: 'public' } },
  }, async (req, reply) => {
    const { receipt, replayed } = await svc.applyOnline(deps, ctxOf(req), req.body, { idempotencyKey: req.headers['idempotency-key'] });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(receipt);
  });

  app.get('/api/portal/mediations/mine', {
    schema: { tags: portalTags, summary: '我的调解申请', querystring: PageQuery, response: { 200: pageOf(MyMediationDto) } },
    config: { access: { auth: 'public' } },
  }, (req) => svc.myMediations(deps, ctxOf(req), req.query.page, req.query.pageSize));

  app.get('/api/portal/mediations/mine/:mediationNo', {
    schema: { tags: portalTags, summary: '我的调解申请的办理进度', params: MediationNoParam, response: { 200: MyMediationProgressDto } },
    config: { access: { auth: 'public' } },
  }, (req) => svc.myMediation(deps, ctxOf(req), req.params.mediationNo));

  // ------------------------------------------------------------------ 调解员专家库
  app.get('/api/mediators', {
    schema: { tags: poolTags, summary: '调解员专家库（本机构、下级机构及上级机构的调解员；电话已脱敏）', querystring: MediatorListQuery, response: { 200: pageOf(MediatorDto) } },
    config: { access: { auth: 'staff', permission: 'mediation.read' } },
  }, (req) => pool.listMediators(deps, ctxOf(req), req.query));

  app.get('/api/mediators/accounts', {
    schema: { tags: poolTags, summary: '可关联的调解员账号（具有“调解员”角色的工作人员）', response: { 200: MediatorAccountDto.array() } },
    config: { access: { auth: 'staff', permission: 'mediation.manage' } },
  }, (req) => pool.mediatorAccounts(deps, ctxOf(req)));

  app.get('/api/mediators/candidates', {
    schema: {
      tags: poolTags,
      summary: '可指派的调解员：在库、当前可用、无利害关系者在前，专长与纠纷类型相符者优先；有利害关系的列出但不可选',
      querystring: MediatorCandidatesQuery,
      response: { 200: MediatorCandidateDto.array() },
    },
    config: { access: { auth: 'staff', permission: 'mediation.handle' } },
  }, (req) => svc.mediatorCandidates(deps, ctxOf(req), req.query.mediationId));

  app.get('/api/mediators/:id', {
    schema: { tags: poolTags, summary: '调解员详情（含利害关系申报）', params: IdParam, response: { 200: MediatorDto } },
    config: { access: { auth: 'staff', permission: 'mediation.read' } },
  }, (req) => pool.getMediator(deps, ctxOf(req), req.params.id));

  app.post('/api/mediators', {
    schema: { tags: poolTags, summary: '新增调解员（联系电话加密保存）', body: MediatorInput, response: { 201: MediatorDto } },
    config: { access: { auth: 'staff', permission: 'mediation.manage' } },
  }, async (req, reply) => reply.status(201).send(await pool.createMediator(deps, ctxOf(req), req.body)));

  app.put('/api/mediators/:id', {
    schema: { tags: poolTags, summary: '修改调解员（不传 phone 则电话不变）', params: IdParam, body: UpdateMediatorInput, response: { 200: MediatorDto } },
    config: { access: { auth: 'staff', permission: 'mediation.manage' } },
  }, (req) => pool.updateMediator(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/mediators/:id/conflicts', {
    schema: { tags: poolTags, summary: '申报利害关系（指派时自动回避）', params: IdParam, body: MediatorConflictInput, response: { 201: MediatorDto } },
    config: { access: { auth: 'staff', permission: 'mediation.manage' } },
  }, async (req, reply) => reply.status(201).send(await pool.addConflict(deps, ctxOf(req), req.params.id, req.body)));

  app.delete('/api/mediators/:id/conflicts/:cid', {
    schema: { tags: poolTags, summary: '删除利害关系申报', params: MediatorConflictParam, response: { 200: MediatorDto } },
    config: { access: { auth: 'staff', permission: 'mediation.manage' } },
  }, (req) => pool.removeConflict(deps, ctxOf(req), req.params.id, req.params.cid));

  // ------------------------------------------------------------------ 调解
  app.get('/api/mediations', {
    schema: { tags, summary: '调解列表（本机构及数据权限内；调解员只看到指派给自己的调解）', querystring: MediationListQuery, response: { 200: MediationListPageDto } },
    config: { access: { auth: 'staff', permission: 'mediation.read' } },
  }, (req) => svc.listMediations(deps, ctxOf(req), req.query));

  app.post('/api/mediations', {
    schema: {
      tags,
      summary: '登记调解：当事人窗口申请、人民法院委派（诉前，30 日）或委托（诉中，普通程序 15 日、简易程序 7 日，自签收材料之日起算）、投诉转调解',
      body: RegisterMediationInput,
      response: { 201: MediationDetailDto },
    },
    config: { access: { auth: 'staff', permission: 'mediation.handle' } },
  }, async (req, reply) => reply.status(201).send(await svc.registerMediation(deps, ctxOf(req), req.body)));

  app.get('/api/mediations/:id', {
    schema: { tags, summary: '调解详情：当事人（证件号、电话脱敏）、调解员、调解记录、协议、司法确认、期限及法律依据、可执行的操作', params: IdParam, response: { 200: MediationDetailDto } },
    config: { access: { auth: 'staff', permission: 'mediation.read' } },
  }, (req) => svc.getMediation(deps, ctxOf(req), req.params.id));

  app.get('/api/mediations/:id/identity', {
    schema: { tags, summary: '查看当事人完整身份证号和联系电话（每次查看记入审计日志）', params: IdParam, response: { 200: MediationIdentityDto } },
    config: { access: { auth: 'staff', permission: 'mediation.handle' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return svc.getIdentity(deps, ctxOf(req), req.params.id);
  });

  app.post('/api/mediations/:id/files', {
    schema: { tags, summary: '上传调解材料（multipart，字段名 file），如签字的调解笔录', consumes: ['multipart/form-data'], params: IdParam, response: { 201: MediationFileDto } },
    config: { access: { auth: 'staff', permission: 'mediation.handle' } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传文件' });
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { message: '请选择要上传的文件', details: [{ path: 'body.file', message: '请选择要上传的文件' }] });
    return reply.status(201).send(await svc.uploadMediationFile(deps, ctxOf(req), req.params.id, part));
  });

  app.get('/api/mediations/:id/files/:fileId', {
    schema: { tags, summary: '下载调解材料', params: z.object({ id: z.coerce.number().int().positive().max(2147483647), fileId: z.coerce.number().int().positive().max(2147483647) }) },
    config: { access: { auth: 'staff', permission: 'mediation.read' } },
  }, async (req, reply) => {
    const f = await svc.mediationFile(deps, ctxOf(req), req.params.id, req.params.fileId);
    void reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.originalName)).header('x-content-type-options', 'nosniff');
    return reply.send(deps.files.open(f.sha256));
  });

  for (const action of MEDIATION_USER_ACTIONS) {
    app.post(`/api/mediations/:id/actions/${action}`, {
      schema: { tags, summary: `${MEDIATION_ACTIONS[action]}：${ACTION_SUMMARIES[action]}`, params: IdParam, body: MEDIATION_ACTION_INPUTS[action], response: { 200: MediationDetailDto } },
      config: { access: { auth: 'staff', permission: 'mediation.handle' } },
    }, (req) => svc.ACTION_RUNNERS[action](deps, ctxOf(req), (req.params as { id: number }).id, req.body as never));
  }

  // ------------------------------------------------------------------ 统计
  app.get('/api/mediation-stats', {
    schema: { tags, summary: '调解统计：按来源、结果、调解员，成功率、平均用时、诉调对接按期反馈、协议金额', querystring: MediationStatsQuery, response: { 200: MediationStatsDto } },
    config: { access: { auth: 'staff', permission: 'mediation.stats' } },
  }, (req) => mediationStatistics(deps, ctxOf(req), req.query));

  app.get('/api/mediation-stats.xlsx', {
    schema: { tags, summary: '调解统计导出 Excel（每种分类一个工作表）', querystring: MediationStatsQuery },
    config: { access: { auth: 'staff', permission: 'mediation.stats' } },
  }, async (req, reply) => {
    const stats = await mediationStatistics(deps, ctxOf(req), req.query);
    const buf = await mediationStatsWorkbook(stats);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(mediationStatsFileName(stats)))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(buf);
  });
};
