import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it (camelCase through CamelCasePlugin).
 * Dates are 'YYYY-MM-DD' strings, timestamps ISO-8601 UTC strings, int8 numbers: the drivers are pinned in database.ts.
 * A schema-drift test compares this file with the migrated database.
 */
type Timestamp = ColumnType<string, string | undefined, string>;
type DateCol = string;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parentCode: string | null;
}

export interface UnitsTable {
  id: Generated<number>;
  parentId: number | null;
  name: string;
  shortName: string | null;
  kind: 'cityBureau' | 'countyBureau' | 'station' | 'department';
  regionCodes: ColumnType<string[], string[] | undefined, string[]>;
  path: Generated<string>;
  phone: string | null;
  address: string | null;
  sort: Generated<number>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface RolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  builtin: Generated<boolean>;
  permissions: ColumnType<string[], string[] | undefined, string[]>;
  dataScope: 'all' | 'custom' | 'unitAndBelow' | 'unit' | 'self';
  remark: string | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface RoleUnitsTable {
  roleId: number;
  unitId: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  kind: 'staff' | 'public';
  publicKind: 'enterprise' | 'person' | null;
  uscc: string | null;
  unitId: number | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  lawEnforcementCertNo: string | null;
  passwordHash: string;
  passwordChangedAt: string | null;
  mustChangePassword: Generated<boolean>;
  failedLoginCount: Generated<number>;
  lockedUntil: string | null;
  status: Generated<'active' | 'disabled'>;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface UserRolesTable {
  userId: number;
  roleId: number;
}

export interface SessionsTable {
  id: string;
  userId: number;
  realm: 'admin' | 'portal';
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  endedAt: string | null;
  endReason: 'logout' | 'idle' | 'revoked' | 'passwordChanged' | 'disabled' | null;
  endedBy: number | null;
}

export interface LoginLogsTable {
  id: Generated<number>;
  at: Timestamp;
  username: string;
  userId: number | null;
  realm: 'admin' | 'portal';
  success: boolean;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogsTable {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DictTypesTable {
  code: string;
  name: string;
  remark: string | null;
  builtin: Generated<boolean>;
  createdAt: Generated<string>;
}

export interface DictItemsTable {
  id: Generated<number>;
  typeCode: string;
  value: string;
  label: string;
  sort: Generated<number>;
  enabled: Generated<boolean>;
}

export interface FilesTable {
  id: Generated<number>;
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  ownerType: string | null;
  ownerId: string | null;
  uploadedBy: number | null;
  createdAt: Generated<string>;
}

export interface HolidayNoticesTable {
  year: number;
  title: string;
  documentNo: string | null;
  url: string | null;
  source: 'official-seed' | 'admin';
  fileId: number | null;
  enteredBy: number | null;
  enteredAt: Generated<string>;
}

export interface CalendarDaysTable {
  date: DateCol;
  isOffDay: boolean;
  name: string;
  noticeYear: number;
}

export interface DeadlineRulesTable {
  id: Generated<number>;
  key: string;
  name: string;
  effectiveFrom: DateCol;
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'months';
  regulation: string;
  article: string;
  version: string;
  trust: 'verified' | 'secondary' | 'unverified';
  note: string | null;
  createdBy: number | null;
  createdAt: Generated<string>;
}

export interface DeadlinesTable {
  id: Generated<number>;
  entityType: string;
  entityId: string;
  title: string;
  unitId: number;
  ruleId: number;
  startOn: DateCol;
  dueOn: DateCol | null;
  state: 'normal' | 'warning' | 'overdue' | 'paused' | 'done';
  provisional: Generated<boolean>;
  completedOn: DateCol | null;
  notifiedState: string | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface DeadlinePausesTable {
  id: Generated<number>;
  deadlineId: number;
  fromOn: DateCol;
  untilOn: DateCol | null;
  reason: string;
}

export interface DeadlineExtensionsTable {
  id: Generated<number>;
  deadlineId: number;
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'months';
  reason: string;
  approvedBy: number;
  approvedOn: DateCol;
}

export interface NotificationsTable {
  id: Generated<number>;
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string | null;
  createdAt: Generated<string>;
  readAt: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string | null;
  leaseUntil: Generated<string>;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastResult: string | null;
}

export interface Database {
  regions: RegionsTable;
  units: UnitsTable;
  roles: RolesTable;
  roleUnits: RoleUnitsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  loginLogs: LoginLogsTable;
  auditLogs: AuditLogsTable;
  auditChainHead: AuditChainHeadTable;
  dictTypes: DictTypesTable;
  dictItems: DictItemsTable;
  files: FilesTable;
  holidayNotices: HolidayNoticesTable;
  calendarDays: CalendarDaysTable;
  deadlineRules: DeadlineRulesTable;
  deadlines: DeadlinesTable;
  deadlinePauses: DeadlinePausesTable;
  deadlineExtensions: DeadlineExtensionsTable;
  notifications: NotificationsTable;
  jobLeases: JobLeasesTable;
}

export type Unit = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type User = Selectable<UsersTable>;
export type Role = Selectable<RolesTable>;
