import { ERROR_TABLE, type ErrorBody, type ErrorCode, type FieldIssue } from '@zhichan/shared';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { redactUrl } from './lib/redact-url';

/**
 * The one error type of the server. Services throw `new AppError('NOT_FOUND')`; the error handler turns
 * the code into the HTTP status and the Chinese message of ERROR_TABLE (packages/shared/src/domain/errors.ts).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly userMessage: string;

  constructor(code: ErrorCode, opts: { message?: string; details?: unknown } = {}) {
    super(opts.message ?? ERROR_TABLE[code].message);
    this.code = code;
    this.details = opts.details;
    this.userMessage = opts.message ?? ERROR_TABLE[code].message;
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }
}

export function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: [{ path, message } satisfies FieldIssue] });
}

/** PostgreSQL SQLSTATEs caused by the input rather than by the server. */
const PG_INPUT_ERRORS: Record<string, ErrorCode> = {
  '23505': 'DUPLICATE',
  '23503': 'VALIDATION_FAILED',
  '23514': 'VALIDATION_FAILED',
  '22P02': 'VALIDATION_FAILED',
  '22007': 'VALIDATION_FAILED',
  '22008': 'VALIDATION_FAILED',
  '22001': 'VALIDATION_FAILED',
  '22003': 'VALIDATION_FAILED',
};

/** Fastify's own 4xx error codes mapped to ours. */
const FASTIFY_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export function toErrorBody(err: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (err instanceof AppError) {
    return { status: err.status, body: { code: err.code, message: err.userMessage, details: err.details }, internal: false };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const details: FieldIssue[] = err.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? '格式不正确',
    }));
    const first = details[0];
    return {
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: first ? `${first.path}：${first.message}` : ERROR_TABLE.VALIDATION_FAILED.message, details },
      internal: false,
    };
  }
  const e = err as Partial<FastifyError> & { code?: string };
  if (e && typeof e.code === 'string') {
    const mapped = FASTIFY_ERRORS[e.code] ?? PG_INPUT_ERRORS[e.code];
    if (mapped) {
      return { status: ERROR_TABLE[mapped].status, body: { code: mapped, message: ERROR_TABLE[mapped].message }, internal: false };
    }
  }
  if (isResponseSerializationError(err)) {
    return { status: 500, body: { code: 'INTERNAL', message: ERROR_TABLE.INTERNAL.message }, internal: true };
  }
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code: ErrorCode = e.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : e.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : e.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
    return { status: e.statusCode, body: { code, message: ERROR_TABLE[code].message }, internal: false };
  }
  return { status: 500, body: { code: 'INTERNAL', message: ERROR_TABLE.INTERNAL.message }, internal: true };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body, internal } = toErrorBody(err);
    if (internal) req.log.error({ err }, 'unhandled error');
    else req.log.info({ code: body.code, url: redactUrl(req.url) }, 'request rejected');
    void reply.status(status).send(body);
  });
}

export function routeNotFound(reply: FastifyReply): void {
  void reply.status(404).send({ code: 'ROUTE_NOT_FOUND', message: ERROR_TABLE.ROUTE_NOT_FOUND.message } satisfies ErrorBody);
}
