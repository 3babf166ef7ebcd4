/**
 * Pages for a logged-in public user (行政裁决请求, 我的裁决与调解): while the visitor is not logged in, a short explanation and
 * the portal's own login / register dialog; the page itself renders once the session is there.
 */
import { useState, type ReactNode } from 'react';
import { Button, Card, Space, Spin, Typography } from 'antd';
import { AuthModal, type AuthTab } from '../../../portal/AuthModal';
import { usePortalAuth } from '../../../portal/auth';
import './disputes.css';

export function LoginGate({ title, reason, children }: { title: string; reason: string; children: ReactNode }) {
  const { me, ready } = usePortalAuth();
  const [auth, setAuth] = useState<{ open: boolean; tab: AuthTab }>({ open: false, tab: 'login' });
  if (!ready) {
    return (
      <div className="zd-page zd-login-card">
        <Spin />
      </div>
    );
  }
  if (me?.kind === 'public') return <>{children}</>;
  return (
    <div className="zd-page">
      <div className="zd-head">
        <Typography.Title level={2} className="zd-title">
          {title}
        </Typography.Title>
      </div>
      <Card>
        <div className="zd-login-card" data-testid="login-required">
          <Typography.Paragraph>{reason}</Typography.Paragraph>
          <Space>
            <Button type="primary" onClick={() => setAuth({ open: true, tab: 'login' })}>
              登录
            </Button>
            <Button onClick={() => setAuth({ open: true, tab: 'register' })}>注册账号</Button>
          </Space>
        </div>
      </Card>
      <AuthModal
        open={auth.open}
        tab={auth.tab}
        onTab={(tab) => setAuth({ open: true, tab })}
        onClose={() => setAuth((a) => ({ ...a, open: false }))}
      />
    </div>
  );
}
