/**
 * The portal's pages. The router (PortalApp) and the navigation (PortalLayout) are built from this table.
 * Every page is lazy: the first load of '/' fetches only the shell and the home page chunk.
 *
 * To add a public page: create it under features/<yours>/ (default export), then add one entry below in your
 * marked block. `nav: true` shows navLabel in the header; a path with parameters (':kind') needs `navTo` for
 * each nav link (one entry per link, the same lazy component is fine: React loads it once).
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import { lazyPage } from '../ui/lazyPage';

export interface PortalRoute {
  /** React Router path ('/policies', '/articles/:id'). */
  path: string;
  /** Text of the navigation link (and of the page's breadcrumb). */
  navLabel?: string;
  /** Show in the header navigation. */
  nav?: boolean;
  /** Link target when `path` has parameters, e.g. '/submit/complaint'. Defaults to path. */
  navTo?: string;
  /**
   * The page uses no antd (plain React + CSS): it is rendered without the lazy antd providers, so opening it does
   * not download antd. Leave it out for pages built with antd (the default).
   */
  bare?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

const HomePage = lazyPage(() => import('./pages/HomePage'));
const ArticleListPage = lazyPage(() => import('../features/content/portal/ArticleListPage'));
const ArticleDetailPage = lazyPage(() => import('../features/content/portal/ArticleDetailPage'));
const SearchPage = lazyPage(() => import('../features/content/portal/SearchPage'));

export const PORTAL_ROUTES: PortalRoute[] = [
  { path: '/', navLabel: '首页', nav: true, bare: true, component: HomePage },

  // ── content (政策法规, 典型案例, 动态, 办事指南, 站内搜索) ──────────────────────────────────────────────
  { path: '/policies', navLabel: '政策法规', nav: true, bare: true, component: ArticleListPage },
  { path: '/cases', navLabel: '典型案例', nav: true, bare: true, component: ArticleListPage },
  { path: '/news', navLabel: '维权动态', nav: true, bare: true, component: ArticleListPage },
  { path: '/guides', navLabel: '办事指南', nav: true, bare: true, component: ArticleListPage },
  { path: '/articles/:id', navLabel: '正文', bare: true, component: ArticleDetailPage },
  { path: '/search', navLabel: '站内搜索', bare: true, component: SearchPage },

  // ── consultation (consultation engineer): '/consult' 我要咨询, '/faq' 常见问题 ─────────────────────────
  { path: '/consult', navLabel: '我要咨询', nav: true, component: lazyPage(() => import('./pages/consult/ConsultPage')) },
  { path: '/faq', navLabel: '常见问题', nav: true, component: lazyPage(() => import('./pages/consult/FaqPage')) },

  // ── intake (intake web engineer): '/submit/:kind' 我要投诉 / 我要举报 / 维权援助, '/progress' 进度查询 ──
  // One entry per kind (literal paths, so each nav link and route is its own); the form reads the kind from the path.
  { path: '/submit', navLabel: '投诉举报', component: lazyPage(() => import('./pages/submit/SubmitEntryPage')) },
  { path: '/submit/complaint', navLabel: '我要投诉', nav: true, component: lazyPage(() => import('./pages/submit/SubmitFormPage')) },
  { path: '/submit/report', navLabel: '我要举报', nav: true, component: lazyPage(() => import('./pages/submit/SubmitFormPage')) },
  { path: '/submit/assistance', navLabel: '维权援助', nav: true, component: lazyPage(() => import('./pages/submit/SubmitFormPage')) },
  { path: '/submit/receipt', navLabel: '提交回执', component: lazyPage(() => import('./pages/submit/ReceiptPage')) },
  { path: '/progress', navLabel: '进度查询', nav: true, component: lazyPage(() => import('./pages/progress/ProgressPage')) },

  // ── enforcement publication (publications engineer): 行政处罚信息公示, 送达公告 ─────────────────────────
  { path: '/penalties', navLabel: '处罚公示', nav: true, bare: true, component: lazyPage(() => import('../features/publications/portal/PenaltyListPage')) },
  { path: '/penalties/:id', navLabel: '处罚信息', bare: true, component: lazyPage(() => import('../features/publications/portal/PenaltyDetailPage')) },
  { path: '/service-announcements', navLabel: '送达公告', bare: true, component: lazyPage(() => import('../features/publications/portal/ServiceAnnouncementsPage')) },

  // ── patent disputes (issue 6): 行政裁决请求, 调解申请, 我的申请, 行政裁决公开 ─────────────────────────────
  { path: '/disputes', navLabel: '纠纷处理', nav: true, component: lazyPage(() => import('../features/adjudication/portal/DisputesEntryPage')) },
  { path: '/disputes/adjudication', navLabel: '行政裁决请求', component: lazyPage(() => import('../features/adjudication/portal/AdjudicationRequestPage')) },
  { path: '/disputes/mediation', navLabel: '调解申请', component: lazyPage(() => import('../features/mediation/portal/MediationApplyPage')) },
  { path: '/disputes/mine', navLabel: '我的裁决与调解', component: lazyPage(() => import('../features/adjudication/portal/MyDisputesPage')) },
  { path: '/adjudication-decisions', navLabel: '裁决公开', bare: true, component: lazyPage(() => import('../features/adjudication/portal/DecisionListPage')) },
  { path: '/adjudication-decisions/:id', navLabel: '行政裁决书', bare: true, component: lazyPage(() => import('../features/adjudication/portal/DecisionDetailPage')) },

  // ── end of feature blocks ─────────────────────────────────────────────────────────────────────────────
];

/** The header navigation, in table order. */
export function portalNav(): { to: string; label: string }[] {
  return PORTAL_ROUTES.filter((r) => r.nav && r.navLabel).map((r) => ({ to: r.navTo ?? r.path, label: r.navLabel! }));
}
