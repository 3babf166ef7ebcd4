/**
 * The portal's header (brand, search, login), navigation (from PORTAL_ROUTES), page outlet and footer.
 * Plain React + CSS on purpose: the shell is part of every first load (docs/benchmarks.md).
 */
import { Suspense, useEffect, useState, type FormEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PLATFORM_NAME, useDocumentTitle, useSite } from '../api/site';
import { lazyWithProps } from './lazyWithProps';
import { usePortalAuth } from './auth';
import { AntdScope } from './AntdScope';
import { portalNav } from './routes';

type AuthTab = 'login' | 'register';

const AuthModal = lazyWithProps(() => import('./AuthModalEntry'));

function UserArea({ onAuth, vertical }: { onAuth: (t: AuthTab) => void; vertical?: boolean }) {
  const { me, ready, logout } = usePortalAuth();
  const [menu, setMenu] = useState(false);
  if (!ready) return null;
  if (me) {
    if (vertical) {
      return (
        <div className="zp-user-vertical">
          <div className="zp-user-name">{me.displayName}</div>
          <button type="button" className="zp-btn zp-btn-block" onClick={() => void logout()}>
            退出
          </button>
        </div>
      );
    }
    return (
      <div className="zp-user-menu">
        <button type="button" className="zp-header-btn" data-testid="portal-user" aria-expanded={menu} onClick={() => setMenu((m) => !m)}>
          {me.displayName} ▾
        </button>
        {menu && (
          <div className="zp-user-pop" role="menu">
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setMenu(false);
                void logout();
              }}
            >
              退出
            </button>
          </div>
        )}
      </div>
    );
  }
  return (
    <div className={vertical ? 'zp-user-vertical' : 'zp-user-actions'}>
      <button type="button" className={vertical ? 'zp-btn zp-btn-primary zp-btn-block' : 'zp-header-btn'} onClick={() => onAuth('login')}>
        登录
      </button>
      <button type="button" className={vertical ? 'zp-btn zp-btn-block' : 'zp-header-btn zp-header-btn-outline'} onClick={() => onAuth('register')}>
        注册
      </button>
    </div>
  );
}

function HeaderSearch({ onDone }: { onDone?: () => void }) {
  const navigate = useNavigate();
  const location = useLocation();
  const current = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = q.trim();
    if (!v) return;
    navigate(`/search?q=${encodeURIComponent(v)}`);
    onDone?.();
  };
  return (
    <form className="zp-search" role="search" onSubmit={submit}>
      <input
        type="search"
        value={q}
        maxLength={50}
        onChange={(e) => setQ(e.target.value)}
        placeholder="搜索政策法规、案例、指南"
        aria-label="站内搜索"
      />
      <button type="submit">搜索</button>
    </form>
  );
}

export function PortalLayout() {
  const site = useSite();
  useDocumentTitle(site);
  const location = useLocation();
  const [auth, setAuth] = useState<{ open: boolean; tab: AuthTab; loaded: boolean }>({ open: false, tab: 'login', loaded: false });
  const [navOpen, setNavOpen] = useState(false);
  const nav = portalNav();

  useEffect(() => {
    setNavOpen(false);
    if (!location.hash) window.scrollTo(0, 0);
  }, [location.pathname, location.hash]);

  const openAuth = (tab: AuthTab) => {
    setNavOpen(false);
    setAuth({ open: true, tab, loaded: true });
  };

  return (
    <div className="zp-layout">
      <header className="zp-header">
        <div className="zp-header-inner">
          <Link className="zp-brand" to="/">
            <span className="zp-emblem">知</span>
            <span className="zp-brand-text">
              <span className="zp-bureau">{site?.bureauName ?? '\u00a0'}</span>
              <span className="zp-platform">
                {PLATFORM_NAME}
                {site?.demo && <span className="zp-demo-tag">演示</span>}
              </span>
            </span>
          </Link>
          <div className="zp-header-right zp-wide-only">
            <HeaderSearch />
            <UserArea onAuth={openAuth} />
          </div>
          <button type="button" className="zp-header-btn zp-menu-btn zp-narrow-only" aria-label="导航菜单" aria-expanded={navOpen} onClick={() => setNavOpen(true)}>
            ☰
          </button>
        </div>
        <nav className="zp-nav zp-wide-only" aria-label="主导航">
          <div className="zp-nav-inner">
            {nav.map((n) => (
              <NavLink key={n.to} to={n.to} end={n.to === '/'}>
                {n.label}
              </NavLink>
            ))}
          </div>
        </nav>
      </header>
      {navOpen && (
        <div className="zp-drawer-mask" onClick={() => setNavOpen(false)}>
          <aside className="zp-drawer" aria-label="导航" onClick={(e) => e.stopPropagation()}>
            <div className="zp-drawer-head">
              <span>导航</span>
              <button type="button" className="zp-drawer-close" aria-label="关闭" onClick={() => setNavOpen(false)}>
                ✕
              </button>
            </div>
            <HeaderSearch onDone={() => setNavOpen(false)} />
            <nav className="zp-nav-vertical">
              {nav.map((n) => (
                <NavLink key={n.to} to={n.to} end={n.to === '/'} onClick={() => setNavOpen(false)}>
                  {n.label}
                </NavLink>
              ))}
            </nav>
            <div className="zp-drawer-user">
              <UserArea vertical onAuth={openAuth} />
            </div>
          </aside>
        </div>
      )}
      <main className="zp-main">
        <Outlet />
      </main>
      <footer className="zp-footer">
        <div className="zp-footer-inner">
          <div>主办单位：{site?.bureauName ?? ''}</div>
          <div className="zp-footer-links">
            <Link to="/search">站内搜索</Link>
            <Link to="/penalties">行政处罚信息公示</Link>
            <Link to="/service-announcements">送达公告</Link>
            <a href="/admin/">管理端登录</a>
          </div>
        </div>
      </footer>
      {auth.loaded && (
        <Suspense fallback={null}>
          <AntdScope fallback={null}>
            <AuthModal
              open={auth.open}
              tab={auth.tab}
              onTab={(tab: AuthTab) => setAuth((a) => ({ ...a, open: true, tab }))}
              onClose={() => setAuth((a) => ({ ...a, open: false }))}
            />
          </AntdScope>
        </Suspense>
      )}
    </div>
  );
}
