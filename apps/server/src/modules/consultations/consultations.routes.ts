import {
  AnswerConsultationInput,
  CloseConsultationInput,
  ConsultationDetailDto,
  ConsultationFormDto,
  ConsultationIdempotencyHeaders,
  ConsultationListItemDto,
  ConsultationListQuery,
  ConsultationLookupQuery,
  ConsultationPublicDto,
  ConsultationReceiptDto,
  CreateConsultationInput,
  FaqDto,
  FaqQuery,
  IdParam,
  PageQuery,
  PublishFaqInput,
  UnpublishFaqInput,
  pageOf,
} from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { registerSearchSource } from '../content/search-sources';
import { faqSearchSource } from './consultations.search';
import {
  answerConsultation,
  closeConsultation,
  getConsultation,
  getConsultationForm,
  listConsultations,
  listFaq,
  listMyConsultations,
  lookupConsultation,
  publishFaq,
  submitConsultation,
  unpublishFaq,
} from './consultations.service';

const portalTags = ['咨询（门户）'];
const tags = ['咨询答复'];

export const consultationRoutes: RouteModule = (app, deps) => {
  registerSearchSource(faqSearchSource);

  // ---------- portal and public ----------

  app.get('/api/public/consultations/form', {
    schema: { tags: portalTags, summary: '咨询表单所需信息（业务类型、答复期限）', response: { 200: ConsultationFormDto } },
    config: { access: { auth: 'none' } },
  }, () => getConsultationForm(deps));

  app.post('/api/portal/consultations', {
    schema: {
      tags: portalTags,
      summary: '我要咨询（可匿名；同一 Idempotency-Key 的重试返回同一结果；同一 IP 10 分钟内最多 5 条）',
      headers: ConsultationIdempotencyHeaders,
      body: CreateConsultationInput,
      response: { 201: ConsultationReceiptDto },
    },
    config: { access: { auth: 'optionalPublic' } },
  }, async (req, reply) => {
    const receipt = await submitConsultation(deps, ctxOf(req), req.body, req.headers['idempotency-key'] ?? null);
    return reply.code(201).send(receipt);
  });

  app.get('/api/public/consultations/lookup', {
    schema: { tags: portalTags, summary: '凭咨询编号和查询码查询答复', querystring: ConsultationLookupQuery, response: { 200: ConsultationPublicDto } },
    config: { access: { auth: 'none' } },
  }, (req) => lookupConsultation(deps, req.query.no, req.query.code));

  app.get('/api/portal/consultations/mine', {
    schema: { tags: portalTags, summary: '我的咨询（登录的公众用户）', querystring: PageQuery, response: { 200: pageOf(ConsultationPublicDto) } },
    config: { access: { auth: 'public' } },
  }, (req) => listMyConsultations(deps, ctxOf(req), req.query));

  app.get('/api/public/faq', {
    schema: { tags: portalTags, summary: '常见问题（已发布）', querystring: FaqQuery, response: { 200: pageOf(FaqDto) } },
    config: { access: { auth: 'none' } },
  }, (req) => listFaq(deps, req.query));

  // ---------- back office ----------

  app.get('/api/consultations', {
    schema: { tags, summary: '咨询列表（数据权限内；待答复在前，红灯优先）', querystring: ConsultationListQuery, response: { 200: pageOf(ConsultationListItemDto) } },
    config: { access: { auth: 'staff', permission: 'consultation.read' } },
  }, (req) => listConsultations(deps, ctxOf(req), req.query));

  app.get('/api/consultations/:id', {
    schema: { tags, summary: '咨询详情（提问人信息脱敏）', params: IdParam, response: { 200: ConsultationDetailDto } },
    config: { access: { auth: 'staff', permission: 'consultation.read' } },
  }, (req) => getConsultation(deps, ctxOf(req), req.params.id));

  app.post('/api/consultations/:id/answer', {
    schema: { tags, summary: '答复咨询', params: IdParam, body: AnswerConsultationInput, response: { 200: ConsultationDetailDto } },
    config: { access: { auth: 'staff', permission: 'consultation.answer' } },
  }, (req) => answerConsultation(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/consultations/:id/close', {
    schema: { tags, summary: '关闭咨询（不予答复，须说明理由）', params: IdParam, body: CloseConsultationInput, response: { 200: ConsultationDetailDto } },
    config: { access: { auth: 'staff', permission: 'consultation.answer' } },
  }, (req) => closeConsultation(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/consultations/:id/publish-faq', {
    schema: { tags, summary: '发布为常见问题（或修改已发布的内容；不得含提问人姓名、手机号）', params: IdParam, body: PublishFaqInput, response: { 200: ConsultationDetailDto } },
    config: { access: { auth: 'staff', permission: 'consultation.publish' } },
  }, (req) => publishFaq(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/consultations/:id/unpublish-faq', {
    schema: { tags, summary: '撤回常见问题', params: IdParam, body: UnpublishFaqInput, response: { 200: ConsultationDetailDto } },
    config: { access: { auth: 'staff', permission: 'consultation.publish' } },
  }, (req) => unpublishFaq(deps, ctxOf(req), req.params.id, req.body.version));
};
