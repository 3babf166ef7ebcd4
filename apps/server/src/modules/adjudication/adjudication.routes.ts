import {
  ADJUDICATION_ACTION_INPUTS,
  ADJUDICATION_ACTION_PERMISSIONS,
  ADJUDICATION_ACTIONS,
  ADJUDICATION_ENDPOINT_ACTIONS,
  AddAdjudicationFileFields,
  AdjudicationDetailDto,
  AdjudicationFileDto,
  AdjudicationIdentityDto,
  AdjudicationListItemDto,
  AdjudicationListQuery,
  AdjudicationPanelCandidateDto,
  AdjudicationPanelCandidatesQuery,
  AdjudicationProgressDto,
  AdjudicationPublicationDraftDto,
  AdjudicationPublicationDraftQuery,
  AdjudicationPublicationDto,
  AdjudicationPublicationListQuery,
  AdjudicationReceiptDto,
  AdjudicationRequestNoParam,
  CompleteAdjudicationAssistInput,
  IdParam,
  MyAdjudicationDto,
  PageQuery,
  PatentCheckDto,
  PatentCheckQuery,
  PortalAdjudicationInput,
  PublicAdjudicationDecisionDto,
  PublicAdjudicationDecisionListItemDto,
  PublicAdjudicationDecisionQuery,
  PublishAdjudicationInput,
  WindowAdjudicationInput,
  WithdrawAdjudicationPublicationInput,
  pageOf,
  type AdjudicationEndpointAction,
  type FieldIssue,
} from '@zhichan/shared';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { registerFileOwner } from '../files/files.service';
import { runAction } from './adjudication.actions';
import * as pub from './adjudication-publications.service';
import * as svc from './adjudication.service';

const tags = ['专利侵权纠纷行政裁决'];
const portalTags = ['专利侵权纠纷行政裁决（门户）'];

/** Idempotency-Key: one per filled-in form, reused by every retry of it. */
const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string({ error: '缺少请求头 Idempotency-Key' })
    .min(8, 'Idempotency-Key 应为 8 至 100 个字符')
    .max(100, 'Idempotency-Key 应为 8 至 100 个字符')
    .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key 只能包含可见的 ASCII 字符'),
});

const ActionParams = z.object({ id: z.coerce.number().int().positive().max(2147483647) });

function bodyIssues(error: z.ZodError): AppError {
  const details: FieldIssue[] = error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
  return new AppError('VALIDATION_FAILED', { message: details[0]!.message, details });
}

/** One route per action so that each body is validated (400 with field paths) before the service runs. */
const ACTION_SUMMARIES: Partial<Record<AdjudicationEndpointAction, string>> = {
  file: '立案：指定合议组（三名以上单数，一名主审），编立案号；开始送达期限（5 个工作日）和结案期限（3 个月）',
  reject: '不予受理（说明理由）',
  serveRequest: '请求书副本送达被请求人；公告送达的，自视为送达之日起计算答辩期，公告期间不计入结案期限',
  recordAnswer: '收到答辩书；答辩书副本 5 个工作日内送达请求人',
  scheduleHearing: '口头审理通知（审理日不早于通知后第 3 个工作日）',
  suspend: '中止（无效宣告请求已受理），结案期限暂停',
  resume: '恢复处理（无效宣告审查决定维持专利权有效或部分有效）',
  decide: '作出裁决（负责人）：认定侵权并责令停止侵权，或驳回请求',
  serveDecision: '送达裁决书（每次一方当事人；起诉期自较晚的送达日起算 15 日）',
  becomeEffective: '起诉期届满未起诉，裁决生效',
  recordNonPerformance: '拒不履行（推送信用监管）',
};

export const adjudicationRoutes: RouteModule = (app, deps) => {
  registerFileOwner('adjudication', svc.adjudicationFileReadable, { portal: true });

  // ---------------------------------------------------------------- portal and public
  app.post('/api/portal/adjudications', {
    schema: {
      tags: portalTags,
      summary: '在线提交专利侵权纠纷处理请求；成功后返回请求登记号与立案审查期限',
      description: '请求头 Idempotency-Key 必填：同一键同一内容重复提交返回同一回执（200，响应头 idempotent-replayed: true），内容不同返回 409。',
      headers: IdempotencyHeaders,
      body: PortalAdjudicationInput,
      response: { 200: AdjudicationReceiptDto, 201: AdjudicationReceiptDto },
    },
    config: { access: { auth: 'public' } },
  }, async (req, reply) => {
    const { receipt, replayed } = await svc.submitPortalRequest(deps, ctxOf(req), req.body, req.headers['idempotency-key']);
    if (replayed) {
      void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(receipt);
    }
    return reply.status(201).send(receipt);
  });

  app.get('/api/portal/adjudications/mine', {
    schema: { tags: portalTags, summary: '我的行政裁决请求', querystring: PageQuery, response: { 200: pageOf(MyAdjudicationDto) } },
    config: { access: { auth: 'public' } },
  }, (req) => svc.myRequests(deps, req.actor!, req.query.page, req.query.pageSize));

  app.get('/api/portal/adjudications/mine/:requestNo', {
    schema: { tags: portalTags, summary: '我的行政裁决请求的办理进度', params: AdjudicationRequestNoParam, response: { 200: AdjudicationProgressDto } },
    config: { access: { auth: 'public' } },
  }, (req) => svc.myRequest(deps, req.actor!, req.params.requestNo));

  app.get('/api/public/adjudications/patent-check', {
    schema: { tags: portalTags, summary: '专利数据库核对（专利号、类型、名称、法律状态）；未收录不报错', querystring: PatentCheckQuery, response: { 200: PatentCheckDto } },
    config: { access: { auth: 'none' } },
  }, (req) => svc.patentCheck(deps, req.query));

  app.get('/api/public/adjudication-decisions', {
    schema: { tags: portalTags, summary: '行政裁决书公开（已公开且未撤回，最新在前）', querystring: PublicAdjudicationDecisionQuery, response: { 200: pageOf(PublicAdjudicationDecisionListItemDto) } },
    config: { access: { auth: 'none' } },
  }, (req) => pub.listPublicDecisions(deps, req.query));

  app.get('/api/public/adjudication-decisions/:id', {
    schema: { tags: portalTags, summary: '行政裁决书公开全文', params: IdParam, response: { 200: PublicAdjudicationDecisionDto } },
    config: { access: { auth: 'none' } },
  }, (req) => pub.getPublicDecision(deps, req.params.id));

  // ---------------------------------------------------------------- back office
  app.get('/api/adjudications', {
    schema: { tags, summary: '行政裁决案件列表（本单位裁决、接收或协助的案件）', querystring: AdjudicationListQuery, response: { 200: pageOf(AdjudicationListItemDto) } },
    config: { access: { auth: 'staff', permission: 'adjudication.read' } },
  }, (req) => svc.listAdjudications(deps, ctxOf(req), req.query));

  app.post('/api/adjudications', {
    schema: { tags, summary: '窗口登记请求（窗口、邮寄、移送）；县局、所代收的由上级市局裁决', body: WindowAdjudicationInput, response: { 201: AdjudicationDetailDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.handle' } },
  }, async (req, reply) => reply.status(201).send(await svc.registerWindowRequest(deps, ctxOf(req), req.body)));

  app.get('/api/adjudications/patent-check', {
    schema: { tags, summary: '专利数据库核对', querystring: PatentCheckQuery, response: { 200: PatentCheckDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.read' } },
  }, (req) => svc.patentCheck(deps, req.query));

  app.get('/api/adjudications/panel-candidates', {
    schema: { tags, summary: '可担任合议组成员的人员（裁决机关及下属机构具有办案权限的在岗人员）', querystring: AdjudicationPanelCandidatesQuery, response: { 200: AdjudicationPanelCandidateDto.array() } },
    config: { access: { auth: 'staff', permission: 'adjudication.handle' } },
  }, (req) => svc.panelCandidates(deps, ctxOf(req), req.query.adjudicationId));

  app.get('/api/adjudications/:id', {
    schema: { tags, summary: '行政裁决案件详情：期限（含本局六十日目标）、合议组、审理、协助、材料、办理记录、可执行的操作', params: IdParam, response: { 200: AdjudicationDetailDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.read' } },
  }, (req) => svc.getAdjudication(deps, ctxOf(req), req.params.id));

  app.get('/api/adjudications/:id/identity', {
    schema: { tags, summary: '查看请求人完整身份证号和联系电话（每次查看记入审计日志）', params: IdParam, response: { 200: AdjudicationIdentityDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.handle' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return svc.getIdentity(deps, ctxOf(req), req.params.id);
  });

  app.post('/api/adjudications/:id/files', {
    schema: {
      tags,
      summary: '添加案件材料：multipart/form-data 先传 kind、party、title 字段，再传文件 file',
      consumes: ['multipart/form-data'],
      params: IdParam,
      response: { 201: AdjudicationFileDto },
    },
    config: { access: { auth: 'staff', permission: 'adjudication.handle' } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传文件' });
    const fields: Record<string, string> = {};
    let done: AdjudicationFileDto | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const file = part as MultipartFile;
        if (file.fieldname !== 'file' || done) {
          file.file.resume();
          throw new AppError('VALIDATION_FAILED', { message: '每次上传一个文件，字段名为 file', details: [{ path: 'body.file', message: '每次上传一个文件' }] });
        }
        // The fields come first: a bad form is refused before anything is stored.
        const parsed = AddAdjudicationFileFields.safeParse(fields);
        if (!parsed.success) {
          file.file.resume();
          throw bodyIssues(parsed.error);
        }
        done = await svc.addFile(deps, ctxOf(req), req.params.id, parsed.data, file);
      } else {
        fields[part.fieldname] = String((part as { value: unknown }).value ?? '');
      }
    }
    if (!done) throw new AppError('VALIDATION_FAILED', { message: '请选择要上传的文件', details: [{ path: 'body.file', message: '请选择要上传的文件' }] });
    return reply.status(201).send(done);
  });

  for (const action of ADJUDICATION_ENDPOINT_ACTIONS) {
    app.post(`/api/adjudications/:id/actions/${action}`, {
      schema: {
        tags,
        summary: `${ADJUDICATION_ACTIONS[action]}${ACTION_SUMMARIES[action] ? `：${ACTION_SUMMARIES[action]}` : ''}`,
        params: ActionParams,
        body: ADJUDICATION_ACTION_INPUTS[action],
        response: { 200: AdjudicationDetailDto },
      },
      config: { access: { auth: 'staff', permission: ADJUDICATION_ACTION_PERMISSIONS[action] } },
    }, (req) => runAction(deps, ctxOf(req), (req.params as { id: number }).id, action, req.body as never));
  }

  app.post('/api/adjudication-assists/:id/complete', {
    schema: { tags, summary: '登记协助调查结果（协助单位）', params: IdParam, body: CompleteAdjudicationAssistInput, response: { 200: AdjudicationDetailDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.handle' } },
  }, (req) => svc.completeAssist(deps, ctxOf(req), req.params.id, req.body));

  // ---------------------------------------------------------------- publications
  app.get('/api/adjudication-publications', {
    schema: { tags, summary: '行政裁决书公开列表', querystring: AdjudicationPublicationListQuery, response: { 200: pageOf(AdjudicationPublicationDto) } },
    config: { access: { auth: 'staff', permission: 'adjudication.read' } },
  }, (req) => pub.listPublications(deps, ctxOf(req), req.query));

  app.get('/api/adjudication-publications/draft', {
    schema: { tags, summary: '公开文本草稿（已去除自然人姓名、身份证号码、电话）', querystring: AdjudicationPublicationDraftQuery, response: { 200: AdjudicationPublicationDraftDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.publish' } },
  }, (req) => pub.draftPublication(deps, ctxOf(req), req.query.adjudicationId));

  app.post('/api/adjudication-publications', {
    schema: { tags, summary: '公开行政裁决书（服务器再次去标识化）', body: PublishAdjudicationInput, response: { 201: AdjudicationPublicationDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.publish' } },
  }, async (req, reply) => reply.status(201).send(await pub.publishDecision(deps, ctxOf(req), req.body)));

  app.post('/api/adjudication-publications/:id/withdraw', {
    schema: { tags, summary: '撤回公开（说明理由）', params: IdParam, body: WithdrawAdjudicationPublicationInput, response: { 200: AdjudicationPublicationDto } },
    config: { access: { auth: 'staff', permission: 'adjudication.publish' } },
  }, (req) => pub.withdrawPublication(deps, ctxOf(req), req.params.id, req.body));
};
