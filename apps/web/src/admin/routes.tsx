/**
 * The back office's pages: one table drives both the side menu and the router,
 * so a menu item and its route always ask for the same permission.
 * Adding a module = one entry here (and, for a new group, one entry in MENU_GROUPS).
 */
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import { lazyPage } from '../ui/lazyPage';
import {
  AlertOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  FundOutlined,
  SearchOutlined,
  TrophyOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CommentOutlined,
  DesktopOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HomeOutlined,
  InboxOutlined,
  LoginOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@zhichan/shared';

export interface PageDef {
  /** Path below /admin, without the leading slash ('' = home). */
  path: string;
  label: string;
  icon: ReactNode;
  /** The permission needed to see the menu item and open the page; none = every staff user. */
  permission?: Permission;
  group?: string;
  /** Not shown in the menu (reached from elsewhere). */
  hidden?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

export const MENU_GROUPS: { key: string; label: string; icon: ReactNode }[] = [
  { key: 'intake', label: '受理与办理', icon: <InboxOutlined /> },
  { key: 'enforcement', label: '执法办案', icon: <SafetyOutlined /> },
  { key: 'supervision', label: '督办与考评', icon: <AlertOutlined /> },
  { key: 'patents', label: '专利信息', icon: <BarChartOutlined /> },
  { key: 'content', label: '内容管理', icon: <FileTextOutlined /> },
  { key: 'system', label: '系统管理', icon: <SettingOutlined /> },
  { key: 'security', label: '安全审计', icon: <AuditOutlined /> },
];

export const PAGES: PageDef[] = [
  {
    path: '',
    label: '工作台',
    icon: <HomeOutlined />,
    component: lazyPage(() => import('../features/home/WorkbenchPage')),
  },
  {
    path: 'submissions',
    label: '统一受理',
    icon: <SolutionOutlined />,
    permission: 'submission.read',
    group: 'intake',
    component: lazyPage(() => import('../features/submissions/SubmissionsPage')),
  },
  {
    path: 'consultations',
    label: '咨询答复',
    icon: <CommentOutlined />,
    permission: 'consultation.read',
    group: 'intake',
    component: lazyPage(() => import('../features/consultations/ConsultationsPage')),
  },
  // ── leads (线索): list, import, detail ─────────────────────────────────────────────────────────────
  {
    path: 'leads',
    label: '线索办理',
    icon: <SolutionOutlined />,
    permission: 'lead.read',
    group: 'enforcement',
    component: lazyPage(() => import('../features/leads/LeadsPage')),
  },
  {
    path: 'leads/import',
    label: '线索导入',
    icon: <SolutionOutlined />,
    permission: 'lead.create',
    group: 'enforcement',
    hidden: true,
    component: lazyPage(() => import('../features/leads/LeadImportPage')),
  },
  {
    path: 'leads/:id',
    label: '线索详情',
    icon: <SolutionOutlined />,
    permission: 'lead.read',
    group: 'enforcement',
    hidden: true,
    component: lazyPage(() => import('../features/leads/LeadDetailPage')),
  },
  // ── cases (行政处罚案件): list, detail ─────────────────────────────────────────────────────────────
  {
    path: 'cases',
    label: '案件办理',
    icon: <FileTextOutlined />,
    permission: 'case.read',
    group: 'enforcement',
    component: lazyPage(() => import('../features/cases/CasesPage')),
  },
  {
    path: 'cases/:id',
    label: '案件详情',
    icon: <FileTextOutlined />,
    permission: 'case.read',
    group: 'enforcement',
    hidden: true,
    component: lazyPage(() => import('../features/cases/CaseDetailPage')),
  },
  // ── publication (行政处罚信息公示) ──────────────────────────────────────────────────────────────────
  {
    path: 'penalty-publications',
    label: '处罚信息公示',
    icon: <FileTextOutlined />,
    permission: 'case.read',
    group: 'enforcement',
    component: lazyPage(() => import('../features/publications/PublicationsAdminPage')),
  },
  // ── supervision (督办, 延期审批, 案卷评查, 统计) ───────────────────────────────────────────────────────
  {
    path: 'supervision',
    label: '督办中心',
    icon: <AlertOutlined />,
    permission: 'deadline.read',
    group: 'supervision',
    component: lazyPage(() => import('../features/supervision/SupervisionPage')),
  },
  {
    path: 'extension-requests',
    label: '延期审批',
    icon: <FieldTimeOutlined />,
    permission: 'deadline.read',
    group: 'supervision',
    component: lazyPage(() => import('../features/supervision/ExtensionRequestsPage')),
  },
  {
    path: 'case-reviews',
    label: '案卷评查',
    icon: <AuditOutlined />,
    permission: 'case.review',
    group: 'supervision',
    component: lazyPage(() => import('../features/supervision/CaseReviewsPage')),
  },
  {
    path: 'statistics',
    label: '执法统计',
    icon: <FileSearchOutlined />,
    permission: 'enforcement.stats',
    group: 'supervision',
    component: lazyPage(() => import('../features/supervision/StatisticsPage')),
  },
  // ── end of enforcement blocks ───────────────────────────────────────────────────────────────────
  // ── patent information database (issue 5) ──────────────────────────────────────────────────────────
  {
    path: 'patents',
    label: '产业链总览',
    icon: <ClusterOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/ChainOverviewPage')),
  },
  {
    path: 'patents/analytics',
    label: '专利分析',
    icon: <BarChartOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/AnalyticsPage')),
  },
  {
    path: 'patents/search',
    label: '专利检索',
    icon: <SearchOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/PatentSearchPage')),
  },
  {
    path: 'patents/applicant',
    label: '申请人画像',
    icon: <TeamOutlined />,
    permission: 'patent.read',
    group: 'patents',
    hidden: true,
    component: lazyPage(() => import('../features/patents/ApplicantProfilePage')),
  },
  {
    path: 'patents/kpi',
    label: '高价值发明专利',
    icon: <FundOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/KpiPage')),
  },
  {
    path: 'patents/reports',
    label: '季度分析报告',
    icon: <FileTextOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/ReportsPage')),
  },
  {
    path: 'patents/import',
    label: '数据导入',
    icon: <CloudUploadOutlined />,
    permission: 'patent.import',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/ImportPage')),
  },
  {
    path: 'patents/chains',
    label: '产业链配置',
    icon: <SettingOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/ChainsPage')),
  },
  {
    path: 'patents/awards',
    label: '获奖专利名单',
    icon: <TrophyOutlined />,
    permission: 'patent.read',
    group: 'patents',
    component: lazyPage(() => import('../features/patents/AwardsPage')),
  },
  // ── end of patent blocks ──
  {
    path: 'articles',
    label: '内容列表',
    icon: <FileTextOutlined />,
    permission: 'content.read',
    group: 'content',
    component: lazyPage(() => import('../features/content/admin/ArticlesPage')),
  },
  {
    path: 'articles/new',
    label: '新建内容',
    icon: <FileTextOutlined />,
    permission: 'content.edit',
    group: 'content',
    hidden: true,
    component: lazyPage(() => import('../features/content/admin/ArticleEditPage')),
  },
  {
    path: 'articles/:id',
    label: '编辑内容',
    icon: <FileTextOutlined />,
    permission: 'content.read',
    group: 'content',
    hidden: true,
    component: lazyPage(() => import('../features/content/admin/ArticleEditPage')),
  },
  {
    path: 'units',
    label: '机构管理',
    icon: <ApartmentOutlined />,
    permission: 'unit.read',
    group: 'system',
    component: lazyPage(() => import('../features/units/UnitsPage')),
  },
  {
    path: 'users',
    label: '用户管理',
    icon: <TeamOutlined />,
    permission: 'user.read',
    group: 'system',
    component: lazyPage(() => import('../features/users/UsersPage')),
  },
  {
    path: 'roles',
    label: '角色与权限',
    icon: <SafetyCertificateOutlined />,
    permission: 'role.read',
    group: 'system',
    component: lazyPage(() => import('../features/roles/RolesPage')),
  },
  {
    path: 'dicts',
    label: '字典管理',
    icon: <BookOutlined />,
    permission: 'dict.read',
    group: 'system',
    component: lazyPage(() => import('../features/dicts/DictsPage')),
  },
  {
    path: 'calendar',
    label: '节假日与工作日',
    icon: <CalendarOutlined />,
    group: 'system',
    component: lazyPage(() => import('../features/calendar/CalendarPage')),
  },
  {
    path: 'deadline-rules',
    label: '期限规则',
    icon: <FieldTimeOutlined />,
    permission: 'rule.read',
    group: 'system',
    component: lazyPage(() => import('../features/rules/DeadlineRulesPage')),
  },
  {
    path: 'audit-logs',
    label: '审计日志',
    icon: <FileSearchOutlined />,
    permission: 'audit.read',
    group: 'security',
    component: lazyPage(() => import('../features/audit/AuditLogsPage')),
  },
  {
    path: 'login-logs',
    label: '登录日志',
    icon: <LoginOutlined />,
    permission: 'loginLog.read',
    group: 'security',
    component: lazyPage(() => import('../features/audit/LoginLogsPage')),
  },
  {
    path: 'sessions',
    label: '在线用户',
    icon: <DesktopOutlined />,
    permission: 'session.read',
    group: 'security',
    component: lazyPage(() => import('../features/audit/SessionsPage')),
  },
  {
    path: 'notifications',
    label: '消息通知',
    icon: <BellOutlined />,
    component: lazyPage(() => import('../features/notifications/NotificationsPage')),
  },
];
