/**
 * The one fetch wrapper of the web app. Both entry points (portal and admin) use it; each page load has its own
 * module instance, so the CSRF token kept here belongs to the realm of the page (admin session or portal session).
 */
// Narrow import: the package root would bring zod and every contract into the portal's first load.
import { ERROR_TABLE, type ErrorCode, type FieldIssue } from '@zhichan/shared/domain/errors';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field problems of a VALIDATION_FAILED answer. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue => typeof d === 'object' && d !== null && 'path' in d && 'message' in d,
    );
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Codes after which the admin app sends the user back to the login page. */
export const SESSION_END_CODES = new Set(['SESSION_EXPIRED', 'SESSION_REVOKED', 'UNAUTHENTICATED']);

let csrfToken: string | null = null;

/** Set from MeDto.csrfToken after /auth/me, login, register or a password change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface ClientHooks {
  /** 401 with a session-end code on a request that did not ask to handle it itself. */
  onSessionEnd?: (error: ApiError) => void;
  /** 403 PASSWORD_CHANGE_REQUIRED. */
  onPasswordChangeRequired?: (error: ApiError) => void;
  /**
   * 403 CSRF_INVALID (the session was renewed in another tab): fetch the current token (GET .../me) so that the
   * request can be retried once. Returns null when there is no session any more.
   */
  refreshCsrfToken?: () => Promise<string | null>;
}

let hooks: ClientHooks = {};

export function setClientHooks(h: ClientHooks): void {
  hooks = h;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not run the session hooks (the caller handles 401 itself, e.g. GET /auth/me at start-up). */
  quiet?: boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, empty body)
  }
  if (body && typeof body === 'object' && 'code' in body) {
    const b = body as { code: string; message?: string; details?: unknown };
    const known = (ERROR_TABLE as Record<string, { message: string }>)[b.code];
    return new ApiError(res.status, b.code, b.message || known?.message || '请求失败', b.details);
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new ApiError(res.status, 'INTERNAL', '服务暂时不可用，请稍后再试');
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'HTTP_' + res.status, ERROR_TABLE.INTERNAL.message);
}

function runHooks(err: ApiError, quiet?: boolean) {
  if (quiet) return;
  if (err.status === 401 && SESSION_END_CODES.has(err.code)) hooks.onSessionEnd?.(err);
  else if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') hooks.onPasswordChangeRequired?.(err);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, opts);
  } catch (e) {
    if (isApiError(e) && e.code === 'CSRF_INVALID' && hooks.refreshCsrfToken) {
      const token = await hooks.refreshCsrfToken().catch(() => null);
      if (token) {
        csrfToken = token;
        return send<T>(method, path, opts);
      }
    }
    throw e;
  }
}

async function send<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body; // the browser sets the multipart boundary
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await parseError(res);
    runHooks(err, opts.quiet);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Header sent on automatic background requests (the unread-count poll), so that the server can leave them out
 * when it measures the idle timeout: polling must not keep an unattended session alive.
 */
export const BACKGROUND_HEADER = { 'x-background-request': '1' };

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('DELETE', path, { ...opts, query }),
  /** multipart/form-data upload, field name `file`. */
  upload: <T>(path: string, file: File | Blob, fileName?: string) => {
    const form = new FormData();
    if (fileName) form.append('file', file, fileName);
    else form.append('file', file);
    return request<T>('POST', path, { body: form });
  },
};
