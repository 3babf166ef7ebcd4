import {
  CreatePublicationInput,
  IdParam,
  PublicationCandidateDto,
  PublicationCandidateQuery,
  PublicationDto,
  PublicationListQuery,
  PublicationPreviewDto,
  PublicationPreviewQuery,
  PublicPenaltyDto,
  PublicPenaltyListItemDto,
  PublicPenaltyQuery,
  WithdrawPublicationInput,
  pageOf,
} from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import {
  getPublication,
  getPublicPenalty,
  listCandidates,
  listPublicPenalties,
  listPublications,
  previewPublication,
  publish,
  withdraw,
} from './publications.service';

const tags = ['行政处罚信息公示'];
const portalTags = ['行政处罚信息公示（门户）'];

export const publicationRoutes: RouteModule = (app, deps) => {
  app.get('/api/penalty-publications/candidates', {
    schema: {
      tags,
      summary: '待公示：已作出处罚决定（普通程序、非仅警告）尚未公示的案件，附二十个工作日公示期限（总局令第45号 第二条、第九条）',
      querystring: PublicationCandidateQuery,
      response: { 200: pageOf(PublicationCandidateDto) },
    },
    config: { access: { auth: 'staff', permission: 'case.read' } },
  }, (req) => listCandidates(deps, ctxOf(req), req.query));

  app.get('/api/penalty-publications/preview', {
    schema: {
      tags,
      summary: '公示预览：信息摘要（第四条）与去除个人信息后的决定书正文（第六条），建议公示期（第十三条）',
      querystring: PublicationPreviewQuery,
      response: { 200: PublicationPreviewDto },
    },
    config: { access: { auth: 'staff', permission: 'case.publish' } },
  }, (req) => previewPublication(deps, ctxOf(req), req.query.caseId));

  app.get('/api/penalty-publications', {
    schema: { tags, summary: '公示信息列表（公示中、已撤回、公示期满）', querystring: PublicationListQuery, response: { 200: pageOf(PublicationDto) } },
    config: { access: { auth: 'staff', permission: 'case.read' } },
  }, (req) => listPublications(deps, ctxOf(req), req.query));

  app.get('/api/penalty-publications/:id', {
    schema: { tags, summary: '公示信息', params: IdParam, response: { 200: PublicationDto } },
    config: { access: { auth: 'staff', permission: 'case.read' } },
  }, (req) => getPublication(deps, ctxOf(req), req.params.id));

  app.post('/api/penalty-publications', {
    schema: {
      tags,
      summary: '公示行政处罚信息（正文可编辑以去除商业秘密；个人信息由系统再次处理）',
      body: CreatePublicationInput,
      response: { 201: PublicationDto },
    },
    config: { access: { auth: 'staff', permission: 'case.publish' } },
  }, async (req, reply) => reply.code(201).send(await publish(deps, ctxOf(req), req.body)));

  app.post('/api/penalty-publications/:id/withdraw', {
    schema: {
      tags,
      summary: '撤回公示信息（决定被变更、撤销、确认违法或无效，三个工作日内，第十一条）',
      params: IdParam,
      body: WithdrawPublicationInput,
      response: { 200: PublicationDto },
    },
    config: { access: { auth: 'staff', permission: 'case.publish' } },
  }, (req) => withdraw(deps, ctxOf(req), req.params.id, req.body));

  // ---------- portal ----------

  app.get('/api/public/penalties', {
    schema: { tags: portalTags, summary: '行政处罚信息公示（公示期内），可按当事人、文号、违法行为类型查询', querystring: PublicPenaltyQuery, response: { 200: pageOf(PublicPenaltyListItemDto) } },
    config: { access: { auth: 'none' } },
  }, (req) => listPublicPenalties(deps, req.query));

  app.get('/api/public/penalties/:id', {
    schema: { tags: portalTags, summary: '行政处罚决定信息（摘要与去除个人信息后的正文）', params: IdParam, response: { 200: PublicPenaltyDto } },
    config: { access: { auth: 'none' } },
  }, (req) => getPublicPenalty(deps, req.params.id));
};
