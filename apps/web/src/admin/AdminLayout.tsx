import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Spin, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  BellOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { PLATFORM_NAME, useSite } from '../api/site';
import { useAuth, useMe } from './auth';
import { MENU_GROUPS, PAGES } from './routes';
import { UnreadProvider, useUnread } from './unread';
import { ChangePasswordPage } from './ChangePasswordPage';

const { Header, Sider, Content } = Layout;

function useMenuItems(): MenuProps['items'] {
  const { can } = useAuth();
  return useMemo(() => {
    const visible = PAGES.filter((p) => !p.hidden && (!p.permission || can(p.permission)));
    const items: NonNullable<MenuProps['items']> = [];
    const groupsDone = new Set<string>();
    for (const page of visible) {
      if (!page.group) {
        items.push({ key: '/' + page.path, icon: page.icon, label: <Link to={'/' + page.path}>{page.label}</Link> });
        continue;
      }
      if (groupsDone.has(page.group)) continue;
      groupsDone.add(page.group);
      const group = MENU_GROUPS.find((g) => g.key === page.group);
      items.push({
        key: 'group:' + page.group,
        icon: group?.icon,
        label: group?.label ?? page.group,
        children: visible
          .filter((p) => p.group === page.group)
          .map((p) => ({ key: '/' + p.path, icon: p.icon, label: <Link to={'/' + p.path}>{p.label}</Link> })),
      });
    }
    // keep 消息通知 last, after the groups
    const idx = items.findIndex((i) => i && 'key' in i && i.key === '/notifications');
    if (idx >= 0) items.push(items.splice(idx, 1)[0]);
    return items;
  }, [can]);
}

/** The menu entry of a page: the longest menu path that is the pathname or a prefix of it (patents/search, not patents). */
function selectedKey(pathname: string): string {
  const path = pathname.replace(/^\/+|\/+$/g, '');
  let best: string | null = null;
  for (const p of PAGES) {
    if (p.hidden || p.path.includes(':')) continue;
    const hit = p.path === path || (p.path !== '' && path.startsWith(p.path + '/'));
    if (hit && (best === null || p.path.length > best.length)) best = p.path;
  }
  return '/' + (best ?? path.split('/')[0] ?? '');
}

function HeaderBell() {
  const { count } = useUnread();
  const navigate = useNavigate();
  return (
    <Tooltip title={count > 0 ? `${count} 条未读消息` : '消息通知'}>
      <Button
        type="text"
        aria-label="消息通知"
        data-testid="header-bell"
        onClick={() => navigate('/notifications')}
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Tooltip>
  );
}

function LayoutShell() {
  const me = useMe();
  const { logout } = useAuth();
  const site = useSite();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMenuItems();
  const key = selectedKey(location.pathname);
  const openGroup = PAGES.find((p) => '/' + p.path === key)?.group;
  const [openKeys, setOpenKeys] = useState<string[]>(
    openGroup ? ['group:' + openGroup] : MENU_GROUPS.map((g) => 'group:' + g.key),
  );
  const narrow = !screens.md;

  const userMenu: MenuProps = {
    items: [
      {
        key: 'me',
        disabled: true,
        label: (
          <span>
            {me.displayName}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {me.unitName ?? ''}
            </Typography.Text>
          </span>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key: k }) => {
      if (k === 'password') navigate('/password');
      if (k === 'logout') void logout();
    },
  };

  return (
    <Layout className="zc-admin" style={{ minHeight: '100vh' }}>
      <Sider
        width={220}
        collapsedWidth={narrow ? 56 : 80}
        collapsible
        collapsed={collapsed || narrow}
        onCollapse={setCollapsed}
        trigger={null}
        theme="dark"
        className="zc-sider"
      >
        <div className="zc-logo" title={PLATFORM_NAME}>
          <span className="zc-logo-mark">知</span>
          {!(collapsed || narrow) && <span className="zc-logo-text">知识产权综合服务</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[key]}
          openKeys={collapsed || narrow ? undefined : openKeys}
          onOpenChange={(keys) => setOpenKeys(keys as string[])}
          items={items}
        />
      </Sider>
      <Layout>
        <Header className="zc-header">
          <div className="zc-header-left">
            <Button
              type="text"
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              icon={collapsed || narrow ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
              disabled={narrow}
            />
            <div className="zc-header-title">
              {screens.sm && (
                <Typography.Text strong className="zc-header-bureau">
                  {site?.bureauName ?? ''}
                </Typography.Text>
              )}
              {screens.lg && <Typography.Text type="secondary">{PLATFORM_NAME} · 管理端</Typography.Text>}
              {site?.demo && <Tag color="orange">演示数据</Tag>}
            </div>
          </div>
          <div className="zc-header-right">
            <HeaderBell />
            <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
              <Button type="text" className="zc-user-button" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
                {screens.sm && <span className="zc-user-name">{me.displayName}</span>}
                {screens.sm && me.unitName && <span className="zc-user-unit">{me.unitName}</span>}
              </Button>
            </Dropdown>
          </div>
        </Header>
        <Content className="zc-content">
          <Suspense
            fallback={
              <div className="zc-center">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

/** Layout of the logged-in back office. A user who must change the password sees only that page. */
export function AdminLayout() {
  const me = useMe();
  if (me.mustChangePassword) return <ChangePasswordPage forced />;
  return (
    <UnreadProvider>
      <LayoutShell />
    </UnreadProvider>
  );
}
