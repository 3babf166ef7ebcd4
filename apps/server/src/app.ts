import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAuthentication } from './access/authenticate';
import type { Deps } from './deps';
import { registerErrorHandler, routeNotFound } from './errors';
import type { RouteModule } from './http';
import { redactUrl } from './lib/redact-url';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { consultationRoutes } from './modules/consultations/consultations.routes';
import { contentRoutes } from './modules/content/content.routes';
import { deadlineRoutes } from './modules/deadlines/deadlines.routes';
import { dictRoutes } from './modules/dicts/dicts.routes';
import { fileRoutes } from './modules/files/files.routes';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { outboxRoutes } from './modules/outbox/outbox.routes';
import { publicRoutes } from './modules/public/public.routes';
import { roleRoutes } from './modules/roles/roles.routes';
import { securityRoutes } from './modules/security/security.routes';
import { submissionRoutes } from './modules/submissions/submissions.routes';
import { unitRoutes } from './modules/units/units.routes';
import { userRoutes } from './modules/users/users.routes';
import { leadRoutes } from './modules/leads/leads.routes';
import { caseRoutes } from './modules/cases/cases.routes';
import { documentRoutes } from './modules/documents/documents.routes';
import { serviceRoutes } from './modules/service/service.routes';
import { publicationRoutes } from './modules/publications/publications.routes';
import { supervisionRoutes } from './modules/supervision/supervision.routes';
import { patentImportRoutes } from './modules/patents/patent-import.routes';
import { patentRoutes } from './modules/patents/patents.routes';
import { patentStatsRoutes } from './modules/patents/patent-stats.routes';
import { patentReportRoutes } from './modules/patents/patent-report.routes';
import { adjudicationRoutes } from './modules/adjudication/adjudication.routes';
import { mediationRoutes } from './modules/mediation/mediation.routes';

/** All route modules, in one list. A new area adds its line here. */
const MODULES: RouteModule[] = [
  authRoutes,
  publicRoutes,
  unitRoutes,
  userRoutes,
  roleRoutes,
  dictRoutes,
  calendarRoutes,
  deadlineRoutes,
  auditRoutes,
  securityRoutes,
  notificationRoutes,
  fileRoutes,
  contentRoutes,
  consultationRoutes,
  submissionRoutes,
  outboxRoutes,
  leadRoutes,
  caseRoutes,
  documentRoutes,
  serviceRoutes,
  publicationRoutes,
  supervisionRoutes,
  patentRoutes,
  patentImportRoutes,
  patentStatsRoutes,
  patentReportRoutes,
  adjudicationRoutes,
  mediationRoutes,
];

export interface BuildAppOptions {
  /** Folder of the built web app (apps/web/dist); null serves the API only (tests). */
  webDist?: string | null;
  logger?: boolean | object;
  trustProxy?: boolean;
}

/** The logger options with a request serializer that keeps lookup codes, tokens and passwords out of the log. */
function loggerOptions(logger: boolean | object | undefined): boolean | object {
  if (!logger) return false;
  const base = (logger === true ? {} : logger) as { serializers?: Record<string, unknown> };
  return {
    ...base,
    serializers: {
      ...base.serializers,
      // Fastify's default request serializer, with the query string's secret values replaced by ***.
      req: (req: { method: string; url: string; headers?: Record<string, unknown>; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactUrl(req.url),
        version: req.headers?.['accept-version'],
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/** Builds the HTTP application. main.ts listens on it; tests call `app.inject()`. */
export async function buildApp(deps: Deps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // Query strings such as ?a=1&a=2 must not turn a scalar into an array behind the schema's back.
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Zhichan 知识产权一体化综合服务平台 API', version: '0.1.0', description: '错误响应均为 {code, message, details}；改变状态的请求须带 x-csrf-token。' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuthentication(app, deps);
  await app.register(async (scope) => {
    for (const mod of MODULES) mod(scope.withTypeProvider<ZodTypeProvider>(), deps);
  });

  if (!opts.webDist || !fs.existsSync(path.join(opts.webDist, 'index.html'))) {
    app.setNotFoundHandler((req, reply) => routeNotFound(reply));
  } else {
    const root = path.resolve(opts.webDist);
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: true, index: ['index.html'] });
    // SPA fallbacks: /admin/* → the back office, anything else (not /api) → the portal.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) {
        routeNotFound(reply);
      } else if (req.url === '/admin' || req.url.startsWith('/admin/')) {
        void reply.sendFile('admin/index.html', root);
      } else {
        void reply.sendFile('index.html', root);
      }
    });
  }
  return app;
}
