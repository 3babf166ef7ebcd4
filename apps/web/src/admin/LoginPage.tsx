import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ERROR_TABLE, LoginInput, type MeDto } from '@zhichan/shared';
import { api } from '../api/client';
import { loginErrorText, zodRule } from '../api/forms';
import { PLATFORM_NAME, useSite } from '../api/site';
import { useAuth, type LoginRedirectState } from './auth';

const REASONS: Record<string, string> = {
  SESSION_EXPIRED: ERROR_TABLE.SESSION_EXPIRED.message,
  SESSION_REVOKED: ERROR_TABLE.SESSION_REVOKED.message,
  UNAUTHENTICATED: '请先登录',
};

export function LoginPage() {
  const { me, setMe, endReason } = useAuth();
  const site = useSite();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginRedirectState;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm<LoginInput>();

  if (me) return <Navigate to={me.mustChangePassword ? '/password' : (state.from ?? '/')} replace />;

  const onFinish = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const m = await api.post<MeDto>('/api/auth/login', values, { quiet: true });
      setMe(m);
      const target = m.mustChangePassword ? '/password' : state.from && !state.from.startsWith('/login') ? state.from : '/';
      navigate(target, { replace: true });
    } catch (e) {
      setError(loginErrorText(e));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const reasonCode = state.reason ?? endReason ?? undefined;
  const reason = reasonCode ? REASONS[reasonCode] : undefined;

  return (
    <div className="zc-login">
      <div className="zc-login-panel">
        <div className="zc-login-brand">
          <div className="zc-login-emblem">知</div>
          <Typography.Title level={3} className="zc-login-bureau">
            {site?.bureauName ?? ' '}
          </Typography.Title>
          <Typography.Text className="zc-login-platform">{PLATFORM_NAME} · 管理端</Typography.Text>
          {site?.demo && (
            <div style={{ marginTop: 8 }}>
              <Tag color="orange">演示数据</Tag>
            </div>
          )}
        </div>
        <Card className="zc-login-card" title="用户登录">
          {reason && !error && <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item name="username" label="用户名" rules={[zodRule(LoginInput.shape.username)]}>
              <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" size="large" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[zodRule(LoginInput.shape.password)]}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            本系统仅供授权工作人员使用，所有操作均记录审计日志。连续多次输入错误密码，账号将被锁定。
          </Typography.Paragraph>
        </Card>
        <div className="zc-login-foot">
          <a href="/">返回公众服务门户</a>
        </div>
      </div>
    </div>
  );
}
