import { z } from 'zod';
import { DATA_SCOPE_LIST, PERMISSION_LIST, type DataScopeKind, type Permission } from '../domain/permissions';
import { IsoDateString, PageQuery } from './common';

const PermissionEnum = z.enum(PERMISSION_LIST as [Permission, ...Permission[]]);
const DataScopeEnum = z.enum(DATA_SCOPE_LIST as [DataScopeKind, ...DataScopeKind[]]);

// ---------- 机构 units ----------
export const UNIT_KINDS = { cityBureau: '市级局', countyBureau: '县级局', station: '市场监管所', department: '内设机构' } as const;
export type UnitKind = keyof typeof UNIT_KINDS;
/** Which kinds of unit may sit under which: city bureau → county bureaus and departments; county bureau → stations and departments. */
export const UNIT_CHILD_KINDS: Record<UnitKind, UnitKind[]> = {
  cityBureau: ['countyBureau', 'department'],
  countyBureau: ['station', 'department'],
  station: [],
  department: ['department'],
};
const UnitKindEnum = z.enum(Object.keys(UNIT_KINDS) as [UnitKind, ...UnitKind[]]);
const RegionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, '区划代码应为 2、4、6、9 或 12 位数字');

export const UnitDto = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: UnitKindEnum,
  regionCodes: z.array(z.string()),
  /** Names of the region codes, from the division list. */
  regionNames: z.array(z.string()),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  sort: z.number(),
  enabled: z.boolean(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean(), createChild: z.boolean() }),
});
export type UnitDto = z.infer<typeof UnitDto>;

export const CreateUnitInput = z.object({
  parentId: z.number().int().positive(),
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().max(50).nullish(),
  kind: UnitKindEnum,
  regionCodes: z.array(RegionCode).max(100).default([]),
  phone: z.string().trim().max(30).nullish(),
  address: z.string().trim().max(200).nullish(),
  sort: z.number().int().min(0).max(100000).default(0),
});
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const UpdateUnitInput = CreateUnitInput.omit({ parentId: true }).partial().extend({
  enabled: z.boolean().optional(),
  version: z.number().int(),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnitInput>;

// ---------- 用户 users ----------
export const UserDto = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  /** Masked unless the viewer may see it whole. */
  phone: z.string().nullable(),
  lawEnforcementCertNo: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  /** The effective data scope: the widest of the user's roles. */
  effectiveDataScope: DataScopeEnum.nullable(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), assignRole: z.boolean(), resetPassword: z.boolean(), unlock: z.boolean() }),
});
export type UserDto = z.infer<typeof UserDto>;

export const UserListQuery = PageQuery.extend({
  unitId: z.coerce.number().int().positive().optional(),
  /** Include users of the unit's subtree. */
  includeChildren: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  keyword: z.string().trim().max(50).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const CreateUserInput = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.]{3,32}$/, '用户名为 3 至 32 位字母、数字、下划线或点'),
  displayName: z.string().trim().min(1).max(50),
  unitId: z.number().int().positive(),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入正确的手机号码').nullish(),
  lawEnforcementCertNo: z.string().trim().max(30).nullish(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  unitId: z.number().int().positive().optional(),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入正确的手机号码').nullish(),
  lawEnforcementCertNo: z.string().trim().max(30).nullish(),
  status: z.enum(['active', 'disabled']).optional(),
  version: z.number().int(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const AssignRolesInput = z.object({ roleIds: z.array(z.number().int().positive()).max(20), version: z.number().int() });
export type AssignRolesInput = z.infer<typeof AssignRolesInput>;

/** Answer to create and reset: the one-time initial password, shown once. */
export const InitialPasswordDto = z.object({ userId: z.number(), initialPassword: z.string() });

// ---------- 角色 roles ----------
export const RoleDto = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  permissions: z.array(PermissionEnum),
  dataScope: DataScopeEnum,
  customUnitIds: z.array(z.number()),
  remark: z.string().nullable(),
  userCount: z.number(),
  version: z.number(),
});
export type RoleDto = z.infer<typeof RoleDto>;

export const RoleInput = z.object({
  code: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{1,31}$/, '角色编码为字母开头的 2 至 32 位字母、数字或下划线'),
  name: z.string().trim().min(1).max(50),
  permissions: z.array(PermissionEnum).max(200),
  dataScope: DataScopeEnum,
  customUnitIds: z.array(z.number().int().positive()).max(500).default([]),
  remark: z.string().trim().max(200).nullish(),
});
export type RoleInput = z.infer<typeof RoleInput>;
export const UpdateRoleInput = RoleInput.omit({ code: true }).extend({ version: z.number().int() });
export type UpdateRoleInput = z.infer<typeof UpdateRoleInput>;

// ---------- 字典 dictionaries ----------
export const DictItemDto = z.object({ id: z.number(), typeCode: z.string(), value: z.string(), label: z.string(), sort: z.number(), enabled: z.boolean() });
export type DictItemDto = z.infer<typeof DictItemDto>;
export const DictTypeDto = z.object({ code: z.string(), name: z.string(), remark: z.string().nullable(), builtin: z.boolean(), items: z.array(DictItemDto) });
export type DictTypeDto = z.infer<typeof DictTypeDto>;
export const DictTypeInput = z.object({
  code: z.string().trim().regex(/^[a-z][a-zA-Z0-9_]{1,49}$/, '字典编码为小写字母开头的字母、数字或下划线'),
  name: z.string().trim().min(1).max(50),
  remark: z.string().trim().max(200).nullish(),
});
export type DictTypeInput = z.infer<typeof DictTypeInput>;
export const DictItemInput = z.object({
  value: z.string().trim().min(1).max(50),
  label: z.string().trim().min(1).max(100),
  sort: z.number().int().min(0).max(100000).default(0),
  enabled: z.boolean().default(true),
});
export type DictItemInput = z.infer<typeof DictItemInput>;

// ---------- 节假日与工作日 calendar ----------
export const CalendarDayDto = z.object({
  date: z.string(),
  workingDay: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'adjustedWorkday']),
  name: z.string().optional(),
  covered: z.boolean(),
});
export type CalendarDayDto = z.infer<typeof CalendarDayDto>;

export const HolidayNoticeDto = z.object({
  year: z.number(),
  title: z.string(),
  documentNo: z.string().nullable(),
  url: z.string().nullable(),
  source: z.enum(['official-seed', 'admin']),
  fileId: z.number().nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string(),
});
export type HolidayNoticeDto = z.infer<typeof HolidayNoticeDto>;

export const CalendarYearDto = z.object({
  year: z.number(),
  covered: z.boolean(),
  notice: HolidayNoticeDto.nullable(),
  /** Only the days that differ from an ordinary Monday-Friday week. */
  specialDays: z.array(z.object({ date: z.string(), isOffDay: z.boolean(), name: z.string() })),
});
export type CalendarYearDto = z.infer<typeof CalendarYearDto>;

/** An administrator enters the State Council notice for a year (e.g. next year's 放假安排). */
export const HolidayNoticeInput = z.object({
  title: z.string().trim().min(4).max(200),
  documentNo: z.string().trim().max(50).nullish(),
  url: z.string().trim().url().max(500).nullish(),
  fileId: z.number().int().positive().nullish(),
  days: z
    .array(z.object({ date: IsoDateString, isOffDay: z.boolean(), name: z.string().trim().min(1).max(20) }))
    .min(1)
    .max(80),
});
export type HolidayNoticeInput = z.infer<typeof HolidayNoticeInput>;

export const WorkingDaysAddQuery = z.object({
  from: IsoDateString,
  days: z.coerce.number().int().min(0).max(3660),
});
export const WorkingDaysAddDto = z.object({ from: z.string(), days: z.number(), result: z.string(), provisional: z.boolean(), basis: z.string() });

// ---------- 期限规则 deadline rules ----------
export const DeadlineRuleDto = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  amount: z.number(),
  unit: z.enum(['workingDays', 'calendarDays', 'months']),
  regulation: z.string(),
  article: z.string(),
  version: z.string(),
  trust: z.enum(['verified', 'secondary', 'unverified']),
  note: z.string().nullable(),
});
export type DeadlineRuleDto = z.infer<typeof DeadlineRuleDto>;
export const DeadlineRuleInput = DeadlineRuleDto.omit({ id: true }).extend({
  key: z.string().regex(/^[a-z][a-zA-Z0-9.]{2,60}$/),
  name: z.string().trim().min(2).max(100),
  effectiveFrom: IsoDateString,
  amount: z.number().int().min(1).max(3650),
  note: z.string().max(500).nullable().default(null),
});
export type DeadlineRuleInput = z.infer<typeof DeadlineRuleInput>;

// ---------- 办理期限 deadlines ----------
export const DeadlineDto = z.object({
  id: z.number(),
  entityType: z.string(),
  entityId: z.string(),
  title: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  ruleKey: z.string(),
  startOn: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'done']),
  workingDaysLeft: z.number().nullable(),
  basis: z.object({ regulation: z.string(), article: z.string(), version: z.string() }),
  provisional: z.boolean(),
});
export type DeadlineDto = z.infer<typeof DeadlineDto>;

// ---------- 审计 audit ----------
export const AuditQuery = PageQuery.extend({
  actor: z.string().trim().max(50).optional(),
  action: z.string().trim().max(80).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(64).optional(),
  from: IsoDateString.optional(),
  to: IsoDateString.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditLogDto = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditLogDto = z.infer<typeof AuditLogDto>;
export const AuditVerifyDto = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** The first row where the chain breaks, and why. */
  firstBreak: z
    .object({ seq: z.number(), problem: z.enum(['altered', 'inserted', 'deleted', 'truncated']), message: z.string() })
    .nullable(),
  headSeq: z.number(),
  verifiedAt: z.string(),
});
export type AuditVerifyDto = z.infer<typeof AuditVerifyDto>;

// ---------- 登录日志 / 在线用户 ----------
export const LoginLogQuery = PageQuery.extend({
  username: z.string().trim().max(64).optional(),
  success: z.enum(['true', 'false']).optional(),
  ip: z.string().trim().max(64).optional(),
});
export const LoginLogDto = z.object({
  id: z.number(),
  at: z.string(),
  username: z.string(),
  userId: z.number().nullable(),
  realm: z.enum(['admin', 'portal']),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type LoginLogDto = z.infer<typeof LoginLogDto>;
export const SessionDto = z.object({
  id: z.string(),
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  unitName: z.string().nullable(),
  realm: z.enum(['admin', 'portal']),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type SessionDto = z.infer<typeof SessionDto>;

// ---------- 消息 notifications ----------
export const NotificationDto = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof NotificationDto>;

// ---------- 文件 files ----------
export const FileDto = z.object({
  id: z.number(),
  sha256: z.string(),
  size: z.number(),
  mime: z.string(),
  originalName: z.string(),
  createdAt: z.string(),
});
export type FileDto = z.infer<typeof FileDto>;
