import { LoginLogDto, LoginLogQuery, pageOf, OkDto, SessionDto } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { listLoginLogs, listSessions, revokeSession } from './security.service';

const tags = ['安全审计'];

export const securityRoutes: RouteModule = (app, deps) => {
  app.get('/api/login-logs', {
    schema: { tags, summary: '登录日志', querystring: LoginLogQuery, response: { 200: pageOf(LoginLogDto) } },
    config: { access: { auth: 'staff', permission: 'loginLog.read' } },
  }, (req) => listLoginLogs(deps, ctxOf(req), req.query));

  app.get('/api/sessions', {
    schema: { tags, summary: '在线用户', response: { 200: z.array(SessionDto) } },
    config: { access: { auth: 'staff', permission: 'session.read' } },
  }, (req) => listSessions(deps, ctxOf(req)));

  app.delete('/api/sessions/:id', {
    schema: { tags, summary: '强制退出', params: z.object({ id: z.string().regex(/^[0-9a-f]{16,64}$/) }), response: { 200: OkDto } },
    config: { access: { auth: 'staff', permission: 'session.revoke' } },
  }, async (req) => {
    await revokeSession(deps, ctxOf(req), req.params.id);
    return { ok: true as const };
  });
};
