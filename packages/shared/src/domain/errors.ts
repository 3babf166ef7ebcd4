/**
 * Error codes shared by server and web. The server answers `{ code, message, details }`;
 * the status and the Chinese message come from this table so that both sides agree.
 */
export const ERROR_TABLE = {
  /** A request field failed validation (wrong type, missing, unknown enum, bad date). */
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后重试' },
  /** The body is not valid JSON. */
  MALFORMED_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  /** The body or an uploaded file is larger than allowed. */
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容超过大小限制' },
  /** The content type is not accepted by this endpoint. */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  /** An uploaded file's content does not match an allowed type. */
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '不支持该文件类型' },
  /** No session, or the session has ended. */
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  /** The session expired after the idle timeout. */
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  /** The session was ended by a security administrator. */
  SESSION_REVOKED: { status: 401, message: '您的登录已被管理员强制退出' },
  /** Wrong user name or password (never says which). */
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  /** Too many failed logins: the account is locked. */
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已锁定，请稍后再试' },
  /** The account is disabled. */
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  /** Too many failed logins from this address. */
  TOO_MANY_ATTEMPTS: { status: 429, message: '尝试次数过多，请稍后再试' },
  /** The initial or expired password must be changed first. */
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  /** The new password breaks the password policy. */
  WEAK_PASSWORD: { status: 400, message: '密码不符合安全要求' },
  /** The old password is wrong. */
  WRONG_PASSWORD: { status: 400, message: '原密码不正确' },
  /** A state-changing request lacks a valid CSRF token. */
  CSRF_INVALID: { status: 403, message: '页面已过期，请刷新后重试' },
  /** The actor lacks the permission for this action. */
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  /** The record does not exist or lies outside the actor's data scope. */
  NOT_FOUND: { status: 404, message: '记录不存在或无权访问' },
  /** Unique key already taken. */
  DUPLICATE: { status: 409, message: '记录已存在' },
  /** The record changed since it was read (row version mismatch). */
  VERSION_CONFLICT: { status: 409, message: '记录已被他人修改，请刷新后重试' },
  /** The action is not allowed in the record's current state. */
  ACTION_NOT_ALLOWED: { status: 409, message: '当前状态下不允许此操作' },
  /** A unit still has children or users and cannot be removed. */
  UNIT_NOT_EMPTY: { status: 409, message: '该机构下仍有下级机构或用户，不能删除' },
  /** A built-in role cannot be removed. */
  ROLE_BUILTIN: { status: 409, message: '内置角色不能删除' },
  /** Holiday data for a year is missing or inconsistent. */
  CALENDAR_INVALID: { status: 400, message: '节假日安排有误' },
  /** Rate limit on an endpoint. */
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  /** Intake: this address has submitted repeatedly; the next submission needs a solved captcha. */
  CAPTCHA_REQUIRED: { status: 428, message: '提交较频繁，请输入图片中的验证码' },
  /** Intake: the captcha answer is wrong, expired or already used. */
  CAPTCHA_INVALID: { status: 400, message: '验证码不正确或已过期，请换一张重试' },
  /** Intake: the same Idempotency-Key was used before with a different request body. */
  IDEMPOTENCY_CONFLICT: { status: 409, message: '该请求标识已用于另一份内容，请刷新页面后重新提交' },
  /** The route does not exist. */
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  /** Unexpected server failure (never for bad input). */
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** One field problem, with the path into the request. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
