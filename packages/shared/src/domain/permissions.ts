/**
 * Permissions are `resource.verb` strings. Roles hold permissions and one data scope.
 * The built-in role table below is typed: a permission that is not listed here does not compile.
 */
export const PERMISSIONS = {
  'unit.read': '查看机构',
  'unit.create': '新增机构',
  'unit.update': '修改机构',
  'unit.delete': '删除机构',
  'user.read': '查看用户',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.assignRole': '分配角色',
  'user.resetPassword': '重置密码',
  'user.unlock': '解锁账号',
  'role.read': '查看角色',
  'role.create': '新增角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'dict.read': '查看字典',
  'dict.update': '维护字典',
  'calendar.update': '维护节假日',
  'rule.read': '查看期限规则',
  'rule.update': '维护期限规则',
  'audit.read': '查看审计日志',
  'audit.verify': '校验审计链',
  'loginLog.read': '查看登录日志',
  'session.read': '查看在线用户',
  'session.revoke': '强制退出',
  'deadline.read': '查看办理期限',
  'deadline.supervise': '督办',
  'content.read': '查看内容',
  'content.edit': '编辑内容',
  'content.review': '审核内容',
  'content.publish': '发布与撤回内容',
  'consultation.read': '查看咨询',
  'consultation.answer': '答复咨询',
  'consultation.publish': '发布常见问题',
  'submission.read': '查看投诉举报',
  'submission.register': '登记与分类',
  'submission.merge': '合并与关联',
  'submission.identity.read': '查看提交人身份信息',
  'lead.read': '查看线索',
  'lead.create': '登记与导入线索',
  'lead.dispatch': '分派线索',
  'lead.handle': '办理线索（签收、退回、受理、核查）',
  'lead.approve': '线索审批（立案与否、延期）',
  'case.read': '查看案件',
  'case.handle': '办理案件',
  'case.approve': '案件审批（立案、延期、处罚决定）',
  'case.legalReview': '法制审核',
  'case.publish': '行政处罚信息公示',
  'case.review': '案卷评查',
  'enforcement.stats': '执法统计',
  'patent.read': '查看专利数据库与分析',
  'patent.import': '导入专利数据',
  'patent.configure': '维护产业链、人口、获奖名单与指标目标',
  'patent.report': '生成产业专利分析报告',
  'adjudication.read': '查看行政裁决',
  'adjudication.handle': '办理行政裁决（登记、立案、送达、审理、协助调查）',
  'adjudication.approve': '行政裁决审批（裁决、延期）',
  'adjudication.publish': '行政裁决书公开',
  'mediation.read': '查看调解',
  'mediation.handle': '办理调解',
  'mediation.manage': '维护调解员专家库',
  'mediation.stats': '调解统计',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_LIST = Object.keys(PERMISSIONS) as Permission[];

/** Permission groups for the role editor (a tree in the UI). */
export const PERMISSION_GROUPS: { label: string; permissions: Permission[] }[] = [
  { label: '机构管理', permissions: ['unit.read', 'unit.create', 'unit.update', 'unit.delete'] },
  { label: '用户管理', permissions: ['user.read', 'user.create', 'user.update', 'user.assignRole', 'user.resetPassword', 'user.unlock'] },
  { label: '角色与权限', permissions: ['role.read', 'role.create', 'role.update', 'role.delete'] },
  { label: '字典管理', permissions: ['dict.read', 'dict.update'] },
  { label: '节假日与期限规则', permissions: ['calendar.update', 'rule.read', 'rule.update'] },
  { label: '办理期限', permissions: ['deadline.read', 'deadline.supervise'] },
  { label: '内容管理', permissions: ['content.read', 'content.edit', 'content.review', 'content.publish'] },
  { label: '咨询答复', permissions: ['consultation.read', 'consultation.answer', 'consultation.publish'] },
  { label: '统一受理', permissions: ['submission.read', 'submission.register', 'submission.merge', 'submission.identity.read'] },
  { label: '线索办理', permissions: ['lead.read', 'lead.create', 'lead.dispatch', 'lead.handle', 'lead.approve'] },
  { label: '案件办理', permissions: ['case.read', 'case.handle', 'case.approve', 'case.legalReview', 'case.publish', 'case.review', 'enforcement.stats'] },
  { label: '专利信息', permissions: ['patent.read', 'patent.import', 'patent.configure', 'patent.report'] },
  { label: '行政裁决', permissions: ['adjudication.read', 'adjudication.handle', 'adjudication.approve', 'adjudication.publish'] },
  { label: '纠纷调解', permissions: ['mediation.read', 'mediation.handle', 'mediation.manage', 'mediation.stats'] },
  { label: '安全审计', permissions: ['audit.read', 'audit.verify', 'loginLog.read', 'session.read', 'session.revoke'] },
];

/**
 * 数据权限. `custom` means an explicit list of units (without their children);
 * `unitAndBelow` the user's own unit and its whole subtree; `self` only records the user created.
 */
export const DATA_SCOPES = {
  all: '全部数据',
  custom: '自定义机构',
  unitAndBelow: '本机构及下级',
  unit: '本机构',
  self: '仅本人',
} as const;
export type DataScopeKind = keyof typeof DATA_SCOPES;
export const DATA_SCOPE_LIST = Object.keys(DATA_SCOPES) as DataScopeKind[];

export const BUILTIN_ROLES = {
  sysAdmin: '系统管理员',
  secAdmin: '安全管理员',
  auditAdmin: '审计管理员',
  leader: '局领导',
  cityIpOfficer: '市局知识产权科',
  countyLeader: '县级局负责人',
  countyOfficer: '县级局执法人员',
  stationOfficer: '市场监管所工作人员',
  mediator: '调解员',
} as const;
export type BuiltinRole = keyof typeof BUILTIN_ROLES;

const BUSINESS_READ: Permission[] = ['unit.read', 'user.read', 'dict.read', 'rule.read', 'deadline.read'];

/**
 * Built-in roles. The three administrators are separated (等保 2.0 三权分立):
 * the system administrator runs accounts and configuration but grants no roles and reads no audit log;
 * the security administrator grants roles and handles lock-outs and sessions;
 * the audit administrator only reads and verifies the logs.
 */
export const BUILTIN_ROLE_TABLE = {
  sysAdmin: {
    dataScope: 'all',
    permissions: [
      'unit.read', 'unit.create', 'unit.update', 'unit.delete',
      'user.read', 'user.create', 'user.update',
      'role.read', 'dict.read', 'dict.update', 'calendar.update', 'rule.read', 'rule.update',
    ],
  },
  secAdmin: {
    dataScope: 'all',
    permissions: [
      'unit.read', 'user.read', 'user.assignRole', 'user.resetPassword', 'user.unlock',
      'role.read', 'role.create', 'role.update', 'role.delete',
      'loginLog.read', 'session.read', 'session.revoke',
    ],
  },
  auditAdmin: { dataScope: 'all', permissions: ['unit.read', 'audit.read', 'audit.verify', 'loginLog.read'] },
  leader: {
    dataScope: 'all',
    permissions: [
      ...BUSINESS_READ, 'deadline.supervise', 'content.read', 'content.review', 'content.publish', 'consultation.read', 'submission.read',
      'lead.read', 'lead.approve', 'case.read', 'case.approve', 'case.review', 'enforcement.stats',
      'patent.read', 'patent.report',
      'adjudication.read', 'adjudication.approve', 'mediation.read', 'mediation.stats',
    ],
  },
  // The city IP office runs the portal: content, consultations and the unified intake (统一受理).
  cityIpOfficer: {
    dataScope: 'unitAndBelow',
    permissions: [
      ...BUSINESS_READ, 'deadline.supervise',
      'content.read', 'content.edit', 'content.review', 'content.publish',
      'consultation.read', 'consultation.answer', 'consultation.publish',
      'submission.read', 'submission.register', 'submission.merge', 'submission.identity.read',
      'lead.read', 'lead.create', 'lead.dispatch', 'lead.handle',
      'case.read', 'case.handle', 'case.legalReview', 'case.publish', 'case.review', 'enforcement.stats',
      'patent.read', 'patent.import', 'patent.configure', 'patent.report',
      'adjudication.read', 'adjudication.handle', 'adjudication.publish',
      'mediation.read', 'mediation.handle', 'mediation.manage', 'mediation.stats',
    ],
  },
  countyLeader: {
    dataScope: 'unitAndBelow',
    permissions: [
      ...BUSINESS_READ, 'deadline.supervise', 'lead.read', 'lead.handle', 'lead.approve', 'case.read', 'case.handle', 'case.approve', 'case.publish', 'enforcement.stats', 'patent.read',
      'adjudication.read', 'adjudication.handle', 'mediation.read', 'mediation.handle', 'mediation.stats',
    ],
  },
  countyOfficer: {
    dataScope: 'unitAndBelow',
    permissions: [...BUSINESS_READ, 'lead.read', 'lead.handle', 'case.read', 'case.handle', 'patent.read', 'adjudication.read', 'adjudication.handle', 'mediation.read', 'mediation.handle'],
  },
  // A 市场监管所 receives adjudication requests and assists the investigation (三级联动).
  stationOfficer: { dataScope: 'unit', permissions: [...BUSINESS_READ, 'lead.read', 'lead.handle', 'case.read', 'case.handle', 'adjudication.read', 'adjudication.handle'] },
  // A mediator sees the mediations assigned to them (scope 仅本人 = assigned, see the mediation repository).
  mediator: { dataScope: 'self', permissions: ['dict.read', 'rule.read', 'mediation.read', 'mediation.handle'] },
} as const satisfies Record<BuiltinRole, { dataScope: DataScopeKind; permissions: readonly Permission[] }>;

/** Order used to merge several roles: the widest scope wins. */
export const DATA_SCOPE_WIDTH: Record<DataScopeKind, number> = { all: 4, unitAndBelow: 3, custom: 2, unit: 1, self: 0 };
