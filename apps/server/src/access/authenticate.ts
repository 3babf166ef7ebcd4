import type { Permission } from '@zhichan/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { loadActorForSession } from '../modules/auth/auth.service';
import { safeEqual } from '../lib/crypto';
import type { Actor, Ctx } from './actor';

export const ADMIN_COOKIE = 'zc_sid';
export const PORTAL_COOKIE = 'zc_psid';

/** Per-route access declaration, read by the preHandler below. Routes stay declarative: `config: { auth: 'staff', permission: 'unit.read' }`. */
export interface RouteAccess {
  /** none: anyone; staff: a back-office session; public: a portal session; optionalPublic: a portal session if any. */
  auth: 'none' | 'staff' | 'public' | 'optionalPublic';
  permission?: Permission;
  /** Routes a user may call while the initial password is still to be changed. */
  allowPasswordChange?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route with its declared access, collected as routes are added (the route-access test walks it). */
    declaredRoutes: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

function realmOf(req: FastifyRequest): 'admin' | 'portal' {
  return req.url.startsWith('/api/portal/') ? 'portal' : 'admin';
}

export function cookieName(realm: 'admin' | 'portal'): string {
  return realm === 'admin' ? ADMIN_COOKIE : PORTAL_COOKIE;
}


export function ctxOf(req: FastifyRequest): Ctx {
  return { actor: req.actor, meta: { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] ?? null) as string | null } };
}

/** Requires a staff actor; for services called from routes that already passed the preHandler. */
export function staffActor(req: FastifyRequest): Actor {
  if (!req.actor || req.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session (server-side, idle timeout), checks CSRF on state-changing requests, then applies the route's
 * declared access. Runs before validation so that an anonymous caller learns nothing about a route's input rules.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) declared.push({ method: String(method), url: r.url, access: r.config?.access });
  });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config?.access;
    // Routes open to anyone (login, public pages) never look at a session, so a stale cookie cannot block them.
    if (!access || access.auth === 'none') return;
    const realm = realmOf(req);
    const token = req.cookies[cookieName(realm)];
    if (token) {
      const background = req.headers['x-background-request'] === '1';
      const result = await loadActorForSession(deps, token, realm, { background });
      if (result.kind === 'ok') req.actor = result.actor;
      else {
        void reply.clearCookie(cookieName(realm), { path: '/' });
        if (access.auth === 'staff' || access.auth === 'public') {
          throw new AppError(result.kind === 'expired' ? 'SESSION_EXPIRED' : result.kind === 'revoked' ? 'SESSION_REVOKED' : 'UNAUTHENTICATED');
        }
      }
    }
    const actor = req.actor;
    if (actor && !SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, actor.csrfToken)) throw new AppError('CSRF_INVALID');
    }
    if (access.auth === 'optionalPublic') return;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (access.auth === 'staff' && actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
    if (access.auth === 'public' && actor.kind !== 'public') throw new AppError('UNAUTHENTICATED');
    if (actor.mustChangePassword && !access.allowPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (access.permission && !actor.permissions.has(access.permission)) throw new AppError('FORBIDDEN');
  });
}
