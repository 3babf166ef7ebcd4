import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { MeDto } from '@zhichan/shared';
import { api, isApiError } from '../api/client';
import { applyServerErrors, PASSWORD_HINT, passwordRule } from '../api/forms';
import { PLATFORM_NAME, useSite } from '../api/site';
import { showSuccess } from '../ui/feedback';
import { PageContainer } from '../ui/PageContainer';
import { useAuth, useMe } from './auth';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordForm({ onDone }: { onDone: (m: MeDto) => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    try {
      const m = await api.post<MeDto>('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      showSuccess('密码已修改');
      onDone(m);
    } catch (e) {
      if (isApiError(e) && e.code === 'WRONG_PASSWORD') form.setFields([{ name: 'oldPassword', errors: [e.message] }]);
      else applyServerErrors(form, e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }} data-testid="password-form">
      <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" extra={PASSWORD_HINT} rules={[passwordRule(() => me.username)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_r, value) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        确认修改
      </Button>
    </Form>
  );
}

/** Change password: forced after the first login or when the password has expired, or chosen from the user menu. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { setMe, logout } = useAuth();
  const navigate = useNavigate();
  const site = useSite();
  const onDone = (m: MeDto) => {
    setMe(m);
    navigate('/', { replace: true });
  };

  if (forced) {
    return (
      <div className="zc-login">
        <div className="zc-login-panel">
          <div className="zc-login-brand">
            <Typography.Title level={3} className="zc-login-bureau">
              {site?.bureauName ?? ' '}
            </Typography.Title>
            <Typography.Text className="zc-login-platform">{PLATFORM_NAME} · 管理端</Typography.Text>
          </div>
          <Card className="zc-login-card" title="修改密码">
            <Alert
              type="warning"
              showIcon
              title="首次登录或密码已到期，请修改密码"
              description="修改密码后方可使用系统其他功能。"
              style={{ marginBottom: 16 }}
            />
            <PasswordForm onDone={onDone} />
            <Space style={{ marginTop: 16 }}>
              <Button type="link" onClick={() => void logout()} style={{ padding: 0 }}>
                退出登录
              </Button>
            </Space>
          </Card>
        </div>
      </div>
    );
  }
  return (
    <PageContainer title="修改密码">
      <Card>
        <PasswordForm onDone={onDone} />
      </Card>
    </PageContainer>
  );
}
