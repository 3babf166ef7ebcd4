import { ChangePasswordInput, LoginInput, MeDto, OkDto, PublicRegisterInput } from '@zhichan/shared';
import type { FastifyReply } from 'fastify';
import { cookieName, ctxOf } from '../../access/authenticate';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import type { RouteModule, ZApp } from '../../http';
import { changePassword, login, loadActorForSession, logout, presentMe, registerPublicUser } from './auth.service';

function setSessionCookie(reply: FastifyReply, deps: Deps, realm: 'admin' | 'portal', token: string) {
  // No Max-Age: a browser session cookie; the server enforces the 30-minute idle timeout.
  void reply.setCookie(cookieName(realm), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure });
}

function realmRoutes(app: ZApp, deps: Deps, realm: 'admin' | 'portal', prefix: string, tag: string) {
  const auth = realm === 'admin' ? 'staff' : 'public';

  app.post(`${prefix}/login`, {
    schema: { tags: [tag], summary: '登录', body: LoginInput, response: { 200: MeDto } },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    const { token, actor } = await login(deps, realm, req.body, ctxOf(req).meta);
    setSessionCookie(reply, deps, realm, token);
    return presentMe(deps, actor);
  });

  app.post(`${prefix}/logout`, {
    schema: { tags: [tag], summary: '退出登录', response: { 200: OkDto } },
    config: { access: { auth, allowPasswordChange: true } },
  }, async (req, reply) => {
    await logout(deps, ctxOf(req));
    void reply.clearCookie(cookieName(realm), { path: '/' });
    return { ok: true as const };
  });

  app.get(`${prefix}/me`, {
    schema: { tags: [tag], summary: '当前用户', response: { 200: MeDto } },
    config: { access: { auth, allowPasswordChange: true } },
  }, async (req) => presentMe(deps, req.actor!));

  app.post(`${prefix}/password`, {
    schema: { tags: [tag], summary: '修改密码', body: ChangePasswordInput, response: { 200: MeDto } },
    config: { access: { auth, allowPasswordChange: true } },
  }, async (req) => {
    await changePassword(deps, ctxOf(req), req.body);
    const reloaded = await loadActorForSession(deps, req.cookies[cookieName(realm)]!, realm);
    if (reloaded.kind !== 'ok') throw new AppError('UNAUTHENTICATED');
    return presentMe(deps, reloaded.actor);
  });
}

export const authRoutes: RouteModule = (app, deps) => {
  realmRoutes(app, deps, 'admin', '/api/auth', '登录与会话');
  realmRoutes(app, deps, 'portal', '/api/portal/auth', '门户账号');

  app.post('/api/portal/auth/register', {
    schema: { tags: ['门户账号'], summary: '公众用户注册（企业/个人）', body: PublicRegisterInput, response: { 200: MeDto } },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    await registerPublicUser(deps, ctx, req.body);
    const { token, actor } = await login(deps, 'portal', { username: req.body.username, password: req.body.password }, ctx.meta);
    setSessionCookie(reply, deps, 'portal', token);
    return presentMe(deps, actor);
  });
};
