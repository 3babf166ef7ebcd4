import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './deps';

/** The Fastify instance with zod schemas as the type provider. */
export type ZApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Every module exports one of these from `<area>.routes.ts`; app.ts registers them in one list. */
export type RouteModule = (app: ZApp, deps: Deps) => void;
