/**
 * Bridges between the shared zod contracts, antd forms and the server's error answers,
 * so that the browser checks the same rules as the server and shows the server's field errors in place.
 */
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { checkPassword, checkUscc, isMobile } from '@zhichan/shared';
import { isApiError } from './client';
import { showError } from '../ui/feedback';

/** Minimal structural view of a zod schema (avoids a direct dependency on zod in the web package). */
interface SafeParser {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: ZodIssueLike[] } };
}
interface ZodIssueLike {
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  input?: unknown;
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/**
 * A message written by the schema's author (shown as is), as opposed to zod's generic locale text
 * ("无效输入：期望 数字，实际接收 undefined", or English), which reads like a stack trace to a civil servant.
 */
function isAuthoredMessage(m: string | undefined): m is string {
  return !!m && hasChinese(m) && !/^(无效|数值过[大小]|出现未知)/.test(m);
}

/** Chinese text for a zod issue: the schema's own message when it has one, else a message from the issue code. */
export function issueMessage(issue: ZodIssueLike): string {
  if (isAuthoredMessage(issue.message)) return issue.message;
  const min = issue.minimum !== undefined ? Number(issue.minimum) : undefined;
  const max = issue.maximum !== undefined ? Number(issue.maximum) : undefined;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '此项为必填项' : '格式不正确';
    case 'too_small':
      if (issue.origin === 'string') return min === 1 ? '此项为必填项' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少选择 ${min} 项`;
      return `不能小于 ${min}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      return `不能大于 ${max}`;
    case 'invalid_format':
      if (issue.format === 'url') return '请输入正确的网址（以 http:// 或 https:// 开头）';
      if (issue.format === 'date') return '日期格式应为 YYYY-MM-DD';
      return '格式不正确';
    case 'invalid_value':
      return '请选择有效的选项';
    default:
      return '格式不正确';
  }
}

/**
 * An antd rule that runs one field's zod schema (e.g. `CreateUnitInput.shape.name`).
 * An empty input counts as "not given", so optional fields may stay empty.
 */
export function zodRule(schema: SafeParser): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const v = value === '' ? undefined : value;
      const r = schema.safeParse(v);
      if (!r.success) throw new Error(issueMessage(r.error.issues[0]));
    },
  };
}

export const mobileRule: Rule = {
  validator: async (_r, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (!isMobile(String(value).trim())) throw new Error('请输入正确的手机号码');
  },
};

export const usccRule: Rule = {
  validator: async (_r, value: unknown) => {
    if (value === undefined || value === null || value === '') throw new Error('请输入统一社会信用代码');
    const c = checkUscc(String(value).trim().toUpperCase());
    if (!c.ok) throw new Error(c.message ?? '统一社会信用代码不正确');
  },
};

export const PASSWORD_HINT = '至少 8 位，包含大写字母、小写字母、数字、符号中的三类，且不能包含用户名';

/** Password policy rule; `username` may be a function reading another form field. */
export function passwordRule(username?: () => string | undefined): Rule {
  return {
    validator: async (_r, value: unknown) => {
      if (!value) throw new Error('请输入新密码');
      const c = checkPassword(String(value), { username: username?.() });
      if (!c.ok) throw new Error(c.problems.join('；'));
    },
  };
}

/** '' → null for the listed optional fields, so the server receives "no value" rather than an empty string. */
export function emptyToNull<T extends Record<string, unknown>>(values: T, keys: (keyof T)[]): T {
  const out = { ...values };
  for (const k of keys) {
    const v = out[k];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) out[k] = null as T[keyof T];
  }
  return out;
}

/** 'days.3.date', '/days/3/date', 'body.days[3].date' → ['days', 3, 'date'] */
export function pathToName(path: string | (string | number)[]): (string | number)[] {
  const parts = Array.isArray(path)
    ? path
    : path
        .replace(/\[(\d+)\]/g, '.$1')
        .split(/[./]/)
        .filter(Boolean);
  const cleaned = parts[0] === 'body' ? parts.slice(1) : parts;
  return cleaned.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors onto the form. Returns true when at least one error was placed on a field.
 * Errors that match no field, and every other error, are shown as a message.
 */
export interface ServerErrorOptions {
  /** Maps a server path to a form field name when they differ (e.g. days expanded from ranges); null = no field. */
  rename?: (name: (string | number)[]) => (string | number)[] | null;
  /** The field a DUPLICATE answer is about (用户名、编码 …). */
  duplicateField?: string;
}

export function applyServerErrors(form: FormInstance, e: unknown, options: ServerErrorOptions = {}): boolean {
  const { rename, duplicateField } = options;
  if (!isApiError(e)) {
    showError(e);
    return false;
  }
  if (e.code === 'DUPLICATE' && duplicateField && duplicateField in form.getFieldsValue()) {
    form.setFields([{ name: duplicateField, errors: [e.message] }]);
    return true;
  }
  if (e.code === 'WEAK_PASSWORD') {
    const problems = Array.isArray(e.details) ? (e.details as unknown[]).map(String) : [];
    const registered = form.getFieldsValue();
    if ('newPassword' in registered) {
      form.setFields([{ name: 'newPassword', errors: problems.length ? problems : [e.message] }]);
      return true;
    }
    showError(e);
    return false;
  }
  const issues = e.fieldIssues;
  if (issues.length === 0) {
    showError(e);
    return false;
  }
  const registered = form.getFieldsValue() as Record<string, unknown>;
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const unplaced: string[] = [];
  for (const raw of issues) {
    // The server's own messages are shown as is; zod's generic text is replaced by a plain one.
    const issue = { path: raw.path, message: isAuthoredMessage(raw.message) ? raw.message : '格式不正确' };
    let name: (string | number)[] | null = pathToName(issue.path);
    if (rename) name = rename(name);
    if (name && name.length > 0 && String(name[0]) in registered) {
      const existing = placed.find((p) => p.name.join('.') === name!.join('.'));
      if (existing) existing.errors.push(issue.message);
      else placed.push({ name, errors: [issue.message] });
    } else {
      unplaced.push(issue.path ? `${issue.path}：${issue.message}` : issue.message);
    }
  }
  if (placed.length) form.setFields(placed);
  if (unplaced.length) showError(new Error(unplaced.join('；')), `${e.message}：${unplaced.join('；')}`);
  else if (!placed.length) showError(e);
  return placed.length > 0;
}

/** The server's message, with the attempts left before the account is locked when it says so. */
export function loginErrorText(e: unknown): string {
  if (!isApiError(e)) return '登录失败，请稍后再试';
  const left = (e.details as { remainingAttempts?: unknown } | undefined)?.remainingAttempts;
  if (e.code === 'INVALID_CREDENTIALS' && typeof left === 'number' && left > 0 && left <= 3) {
    return `${e.message}，再输错 ${left} 次账号将被锁定`;
  }
  return e.message;
}
