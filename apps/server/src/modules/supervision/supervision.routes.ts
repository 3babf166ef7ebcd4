import {
  ApproveExtensionInput,
  CaseReviewCandidateDto,
  CaseReviewCandidateQuery,
  CaseReviewDto,
  CaseReviewQuery,
  CreateCaseReviewInput,
  CreateExtensionRequestInput,
  CreateFlagInput,
  CreateReminderInput,
  DenyExtensionInput,
  EnforcementStatisticsDto,
  ExtensionEligibilityDto,
  ExtensionEligibilityQuery,
  ExtensionRequestDto,
  ExtensionRequestQuery,
  IdParam,
  LiftFlagInput,
  NominateTypicalCaseInput,
  RecordRefQuery,
  StatisticsQuery,
  SupervisionFlagDto,
  SupervisionItemDto,
  SupervisionItemsQuery,
  SupervisionOverviewDto,
  SupervisionOverviewQuery,
  SupervisionReminderDto,
  TypicalCaseNominationDto,
  pageOf,
} from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { contentDisposition } from '../files/files.service';
import { createCaseReview, getCaseReview, listCaseReviews, listReviewCandidates } from './case-reviews.service';
import { approveExtension, denyExtension, extensionEligibility, listExtensionRequests, requestExtension } from './extensions.service';
import { enforcementStatistics } from './statistics.service';
import { statisticsFileName, statisticsWorkbook } from './statistics.xlsx';
import {
  flagItem,
  liftFlag,
  listFlags,
  listReminders,
  loadOrg,
  nominateTypicalCase,
  sendReminder,
  supervisionItems,
  supervisionOverview,
} from './supervision.service';

const tags = ['督办'];
const extTags = ['延期审批'];
const reviewTags = ['案卷评查'];
const statTags = ['执法统计'];

export const supervisionRoutes: RouteModule = (app, deps) => {
  // ---------- 督办中心 ----------

  app.get('/api/supervision/overview', {
    schema: { tags, summary: '督办中心统计：数据权限内在办线索、案件按县级局、类型、期限状态（黄灯/红灯）计数', querystring: SupervisionOverviewQuery, response: { 200: SupervisionOverviewDto } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => supervisionOverview(deps, ctxOf(req), req.query));

  app.get('/api/supervision/items', {
    schema: { tags, summary: '督办事项：数据权限内在办线索和案件，按届满日排序（无期限的在后）', querystring: SupervisionItemsQuery, response: { 200: pageOf(SupervisionItemDto) } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => supervisionItems(deps, ctxOf(req), req.query));

  app.post('/api/supervision/reminders', {
    schema: { tags, summary: '催办：向责任机构的承办人员发出催办提醒', body: CreateReminderInput, response: { 201: SupervisionReminderDto } },
    config: { access: { auth: 'staff', permission: 'deadline.supervise' } },
  }, async (req, reply) => reply.code(201).send(await sendReminder(deps, ctxOf(req), req.body)));

  app.get('/api/supervision/reminders', {
    schema: { tags, summary: '某一线索或案件的催办记录', querystring: RecordRefQuery, response: { 200: z.array(SupervisionReminderDto) } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => listReminders(deps, ctxOf(req), req.query));

  app.post('/api/supervision/flags', {
    schema: { tags, summary: '挂牌督办：限期办结，逾期未办结的向上级领导升级提醒', body: CreateFlagInput, response: { 201: SupervisionFlagDto } },
    config: { access: { auth: 'staff', permission: 'deadline.supervise' } },
  }, async (req, reply) => reply.code(201).send(await flagItem(deps, ctxOf(req), req.body)));

  app.post('/api/supervision/flags/:id/lift', {
    schema: { tags, summary: '摘牌（须说明理由；市局挂牌的由市局摘牌）', params: IdParam, body: LiftFlagInput, response: { 200: SupervisionFlagDto } },
    config: { access: { auth: 'staff', permission: 'deadline.supervise' } },
  }, (req) => liftFlag(deps, ctxOf(req), req.params.id, req.body));

  app.get('/api/supervision/flags', {
    schema: { tags, summary: '某一线索或案件的挂牌督办记录', querystring: RecordRefQuery, response: { 200: z.array(SupervisionFlagDto) } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => listFlags(deps, ctxOf(req), req.query));

  app.post('/api/supervision/typical-cases', {
    schema: {
      tags,
      summary: '推荐典型案例：以已作出决定或已结案的案件生成“典型案例”稿件，经内容审核后在门户发布（不得含当事人个人信息；须具有案卷评查或督办权限）',
      body: NominateTypicalCaseInput,
      response: { 201: TypicalCaseNominationDto },
    },
    config: { access: { auth: 'staff' } },
  }, async (req, reply) => reply.code(201).send(await nominateTypicalCase(deps, ctxOf(req), req.body)));

  // ---------- 延期申请与审批 ----------

  app.post('/api/extension-requests', {
    schema: { tags: extTags, summary: '申请延期（承办人员；按期限规则的延期上限与审批层级）', body: CreateExtensionRequestInput, response: { 201: ExtensionRequestDto } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, async (req, reply) => reply.code(201).send(await requestExtension(deps, ctxOf(req), req.body)));

  app.get('/api/extension-requests', {
    schema: { tags: extTags, summary: '延期申请：待我审批（box=pending）、我的申请（box=mine）、某一记录的申请（entityType, entityId）', querystring: ExtensionRequestQuery, response: { 200: pageOf(ExtensionRequestDto) } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => listExtensionRequests(deps, ctxOf(req), req.query));

  app.get('/api/extension-requests/eligibility', {
    schema: { tags: extTags, summary: '某一期限能否申请延期、最多可延长多少、由谁批准', querystring: ExtensionEligibilityQuery, response: { 200: ExtensionEligibilityDto } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => extensionEligibility(deps, ctxOf(req), req.query.deadlineId));

  app.post('/api/extension-requests/:id/approve', {
    schema: { tags: extTags, summary: '批准延期（线索：lead.approve；案件：case.approve），期限随即顺延', params: IdParam, body: ApproveExtensionInput, response: { 200: ExtensionRequestDto } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => approveExtension(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/extension-requests/:id/deny', {
    schema: { tags: extTags, summary: '不予批准延期（须说明理由）', params: IdParam, body: DenyExtensionInput, response: { 200: ExtensionRequestDto } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, (req) => denyExtension(deps, ctxOf(req), req.params.id, req.body));

  // ---------- 案卷评查 ----------

  app.post('/api/case-reviews', {
    schema: { tags: reviewTags, summary: '案卷评查：对已结案件逐项评分，按总分评定等次', body: CreateCaseReviewInput, response: { 201: CaseReviewDto } },
    config: { access: { auth: 'staff', permission: 'case.review' } },
  }, async (req, reply) => reply.code(201).send(await createCaseReview(deps, ctxOf(req), req.body)));

  app.get('/api/case-reviews', {
    schema: { tags: reviewTags, summary: '评查记录（按单位、等次、年度、案件筛选）', querystring: CaseReviewQuery, response: { 200: pageOf(CaseReviewDto) } },
    config: { access: { auth: 'staff', permission: 'case.review' } },
  }, (req) => listCaseReviews(deps, ctxOf(req), req.query));

  app.get('/api/case-reviews/candidates', {
    schema: { tags: reviewTags, summary: '可评查的已结案件', querystring: CaseReviewCandidateQuery, response: { 200: pageOf(CaseReviewCandidateDto) } },
    config: { access: { auth: 'staff', permission: 'case.review' } },
  }, (req) => listReviewCandidates(deps, ctxOf(req), req.query));

  app.get('/api/case-reviews/:id', {
    schema: { tags: reviewTags, summary: '评查详情', params: IdParam, response: { 200: CaseReviewDto } },
    config: { access: { auth: 'staff', permission: 'case.review' } },
  }, (req) => getCaseReview(deps, ctxOf(req), req.params.id));

  // ---------- 执法统计 ----------

  app.get('/api/statistics/enforcement', {
    schema: { tags: statTags, summary: '执法统计（按单位、月份或类型）', querystring: StatisticsQuery, response: { 200: EnforcementStatisticsDto } },
    config: { access: { auth: 'staff', permission: 'enforcement.stats' } },
  }, (req) => enforcementStatistics(deps, ctxOf(req), req.query));

  app.get('/api/statistics/enforcement.xlsx', {
    schema: { tags: statTags, summary: '执法统计导出 Excel', querystring: StatisticsQuery },
    config: { access: { auth: 'staff', permission: 'enforcement.stats' } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const stats = await enforcementStatistics(deps, ctx, req.query);
    const org = await loadOrg(deps.db);
    const unitId = ctx.actor?.unitId ?? null;
    const organ = unitId === null ? (org.units.find((u) => u.parentId === null)?.name ?? '') : org.name(org.reportingUnit(unitId));
    const buf = await statisticsWorkbook(stats, organ);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(statisticsFileName(stats)))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(buf);
  });
};
