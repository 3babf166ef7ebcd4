import { useState } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { PLATFORM_NAME, useDocumentTitle, useSite } from '../api/site';
import { AppProviders } from '../ui/AppProviders';
import { PortalAuthProvider, usePortalAuth } from './auth';
import { AuthModal, type AuthTab } from './AuthModal';
import { PORTAL_SECTIONS } from './sections';

const { Header, Content, Footer } = Layout;

function scrollTo(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function UserArea({ onAuth }: { onAuth: (t: AuthTab) => void }) {
  const { me, ready, logout } = usePortalAuth();
  if (!ready) return null;
  if (me) {
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [{ key: 'logout', icon: <LogoutOutlined />, label: '退出' }],
          onClick: () => void logout(),
        }}
      >
        <Button type="text" className="zp-user" icon={<UserOutlined />} data-testid="portal-user">
          {me.displayName}
        </Button>
      </Dropdown>
    );
  }
  return (
    <Space size={4}>
      <Button type="text" className="zp-header-link" onClick={() => onAuth('login')}>
        登录
      </Button>
      <Button type="primary" ghost className="zp-register" onClick={() => onAuth('register')}>
        注册
      </Button>
    </Space>
  );
}

/** The same choices inside the mobile navigation drawer. */
function DrawerUserArea({ onAuth }: { onAuth: (t: AuthTab) => void }) {
  const { me, ready, logout } = usePortalAuth();
  if (!ready) return null;
  if (me) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          <UserOutlined /> {me.displayName}
        </Typography.Text>
        <Button block icon={<LogoutOutlined />} onClick={() => void logout()}>
          退出
        </Button>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button block type="primary" onClick={() => onAuth('login')}>
        登录
      </Button>
      <Button block onClick={() => onAuth('register')}>
        注册
      </Button>
    </Space>
  );
}

function PortalPage() {
  const site = useSite();
  useDocumentTitle(site);
  const screens = Grid.useBreakpoint();
  const [auth, setAuth] = useState<{ open: boolean; tab: AuthTab }>({ open: false, tab: 'login' });
  const [navOpen, setNavOpen] = useState(false);
  const narrow = !screens.md;
  const nav = [{ id: 'home', navLabel: '首页' }, ...PORTAL_SECTIONS];

  const go = (id: string) => {
    setNavOpen(false);
    if (id === 'home') window.scrollTo({ top: 0, behavior: 'smooth' });
    else scrollTo(id);
  };

  return (
    <Layout className="zp-layout">
      <Header className="zp-header">
        <div className="zp-header-inner">
          <a className="zp-brand" href="/" onClick={(e) => { e.preventDefault(); go('home'); }}>
            <span className="zp-emblem">知</span>
            <span className="zp-brand-text">
              <span className="zp-bureau">{site?.bureauName ?? '\u00a0'}</span>
              <span className="zp-platform">
                {PLATFORM_NAME}
                {site?.demo && (
                  <Tag color="orange" className="zp-demo-tag">
                    演示
                  </Tag>
                )}
              </span>
            </span>
          </a>
          {!narrow && (
            <nav className="zp-nav" aria-label="主导航">
              {nav.map((n) => (
                <a key={n.id} href={`#${n.id}`} onClick={(e) => { e.preventDefault(); go(n.id); }}>
                  {n.navLabel}
                </a>
              ))}
            </nav>
          )}
          <div className="zp-header-right">
            {!narrow && <UserArea onAuth={(tab) => setAuth({ open: true, tab })} />}
            {narrow && (
              <Button type="text" className="zp-header-link" icon={<MenuOutlined />} aria-label="导航菜单" onClick={() => setNavOpen(true)} />
            )}
          </div>
        </div>
      </Header>
      <Drawer open={navOpen} onClose={() => setNavOpen(false)} placement="right" size={240} title="导航">
        <nav className="zp-nav-vertical">
          {nav.map((n) => (
            <a key={n.id} href={`#${n.id}`} onClick={(e) => { e.preventDefault(); go(n.id); }}>
              {n.navLabel}
            </a>
          ))}
        </nav>
        <div className="zp-drawer-user">
          <DrawerUserArea
            onAuth={(tab) => {
              setNavOpen(false);
              setAuth({ open: true, tab });
            }}
          />
        </div>
      </Drawer>
      <Content>
        <section className="zp-hero" id="home">
          <div className="zp-hero-inner">
            <Typography.Title level={1} className="zp-hero-title">
              {PLATFORM_NAME}
            </Typography.Title>
            <Typography.Paragraph className="zp-hero-sub">
              {site?.bureauName ?? ''}面向企业和公众提供知识产权公共服务
            </Typography.Paragraph>
            <Typography.Paragraph className="zp-hero-motto">尊重知识 · 崇尚创新 · 诚信守法 · 公平竞争</Typography.Paragraph>
            <Space wrap className="zp-hero-actions">
              {PORTAL_SECTIONS.map((s) => (
                <Button key={s.id} size="large" onClick={() => go(s.id)}>
                  {s.navLabel}
                </Button>
              ))}
            </Space>
            {site?.demo && (
              <Typography.Paragraph className="zp-hero-demo">本站为演示环境，所示机构、数据均为演示数据。</Typography.Paragraph>
            )}
          </div>
        </section>
        {PORTAL_SECTIONS.map((s, i) => {
          const C = s.component;
          return (
            <section key={s.id} id={s.id} className={'zp-section' + (i % 2 ? ' zp-section-alt' : '')}>
              <div className="zp-section-inner">
                <C />
              </div>
            </section>
          );
        })}
      </Content>
      <Footer className="zp-footer">
        <div className="zp-footer-inner">
          <div>主办单位：{site?.bureauName ?? ''}</div>
          <div className="zp-footer-links">
            <a href="/admin/">管理端登录</a>
          </div>
        </div>
      </Footer>
      <AuthModal
        open={auth.open}
        tab={auth.tab}
        onTab={(tab) => setAuth({ open: true, tab })}
        onClose={() => setAuth((a) => ({ ...a, open: false }))}
      />
    </Layout>
  );
}

export function PortalApp() {
  return (
    <AppProviders>
      <PortalAuthProvider>
        <PortalPage />
      </PortalAuthProvider>
    </AppProviders>
  );
}
