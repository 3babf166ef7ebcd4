import { DeadlineDto, DeadlineRuleDto, DeadlineRuleInput, PageQuery, pageOf } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf, staffActor } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { addRuleVersion, listDeadlines, listRules } from './deadlines.service';

const DeadlineListQuery = PageQuery.extend({
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']).optional(),
});

export const deadlineRoutes: RouteModule = (app, deps) => {
  app.get('/api/deadline-rules', {
    schema: { tags: ['期限规则'], summary: '期限规则（含各版本）', response: { 200: z.array(DeadlineRuleDto) } },
    config: { access: { auth: 'staff', permission: 'rule.read' } },
  }, async () => listRules(deps));

  app.post('/api/deadline-rules', {
    schema: { tags: ['期限规则'], summary: '新增期限规则版本（规则不原地修改）', body: DeadlineRuleInput, response: { 200: DeadlineRuleDto } },
    config: { access: { auth: 'staff', permission: 'rule.update' } },
  }, async (req) => addRuleVersion(deps, ctxOf(req), req.body));

  app.get('/api/deadlines', {
    schema: { tags: ['办理期限'], summary: '办理期限（本人数据权限内，红灯在前）', querystring: DeadlineListQuery, response: { 200: pageOf(DeadlineDto) } },
    config: { access: { auth: 'staff', permission: 'deadline.read' } },
  }, async (req) => listDeadlines(deps, staffActor(req), req.query));
};
