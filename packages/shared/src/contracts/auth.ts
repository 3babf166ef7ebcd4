import { z } from 'zod';
import { DATA_SCOPE_LIST, PERMISSION_LIST, type DataScopeKind, type Permission } from '../domain/permissions';

export const LoginInput = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z.object({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const PublicRegisterInput = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_]{4,32}$/, '用户名为 4 至 32 位字母、数字或下划线'),
  password: z.string().min(1).max(128),
  displayName: z.string().trim().min(1).max(100),
  /** 企业 or 个人. */
  publicKind: z.enum(['enterprise', 'person']),
  /** 统一社会信用代码, required for an enterprise. */
  uscc: z.string().trim().toUpperCase().optional(),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入正确的手机号码'),
});
export type PublicRegisterInput = z.infer<typeof PublicRegisterInput>;

export const MeDto = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'public']),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  permissions: z.array(z.enum(PERMISSION_LIST as [Permission, ...Permission[]])),
  dataScope: z.enum(DATA_SCOPE_LIST as [DataScopeKind, ...DataScopeKind[]]),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
  /** A public user's kind (企业 / 个人); null for staff. */
  publicKind: z.enum(['enterprise', 'person']).nullable().optional(),
  /** A public user's own phone number in full (their own data, e.g. to prefill a form); null for staff and when none is on file. */
  phone: z.string().nullable().optional(),
});
export type MeDto = z.infer<typeof MeDto>;
