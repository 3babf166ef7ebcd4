import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Tabs } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginInput, PublicRegisterInput, type MeDto } from '@zhichan/shared';
import { api } from '../api/client';
import { applyServerErrors, loginErrorText, PASSWORD_HINT, passwordRule, usccRule, zodRule } from '../api/forms';
import { showSuccess } from '../ui/feedback';
import { usePortalAuth } from './auth';

export type AuthTab = 'login' | 'register';

function LoginForm({ onDone }: { onDone: () => void }) {
  const { setMe } = usePortalAuth();
  const [form] = Form.useForm<LoginInput>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const onFinish = async (v: LoginInput) => {
    setLoading(true);
    setError(null);
    try {
      const m = await api.post<MeDto>('/api/portal/auth/login', v, { quiet: true });
      setMe(m);
      showSuccess(`欢迎，${m.displayName}`);
      onDone();
    } catch (e) {
      setError(loginErrorText(e));
      form.setFieldValue('password', '');
    } finally {
      setLoading(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="portal-login-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="username" label="用户名" rules={[zodRule(LoginInput.shape.username)]}>
        <Input prefix={<UserOutlined />} autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[zodRule(LoginInput.shape.password)]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading}>
        登录
      </Button>
    </Form>
  );
}

interface RegisterValues {
  publicKind: 'enterprise' | 'person';
  username: string;
  password: string;
  confirm: string;
  displayName: string;
  uscc?: string;
  phone: string;
  consent: boolean;
}

const R = PublicRegisterInput.shape;

function RegisterForm({ onDone }: { onDone: () => void }) {
  const { setMe } = usePortalAuth();
  const [form] = Form.useForm<RegisterValues>();
  const [loading, setLoading] = useState(false);
  const kind = Form.useWatch('publicKind', form) ?? 'enterprise';

  const onFinish = async (v: RegisterValues) => {
    setLoading(true);
    try {
      const m = await api.post<MeDto>(
        '/api/portal/auth/register',
        {
          username: v.username.trim(),
          password: v.password,
          displayName: v.displayName.trim(),
          publicKind: v.publicKind,
          uscc: v.publicKind === 'enterprise' ? v.uscc?.trim().toUpperCase() : undefined,
          phone: v.phone.trim(),
        },
        { quiet: true },
      );
      setMe(m);
      showSuccess('注册成功，已为您登录');
      onDone();
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'username' });
    } finally {
      setLoading(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ publicKind: 'enterprise' }}
      data-testid="portal-register-form"
    >
      <Form.Item name="publicKind" label="注册类型">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'enterprise', label: '企业' },
            { value: 'person', label: '个人' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={kind === 'enterprise' ? '企业名称' : '姓名'}
        rules={[zodRule(R.displayName)]}
        required
      >
        <Input maxLength={100} placeholder={kind === 'enterprise' ? '与营业执照一致' : '与身份证件一致'} />
      </Form.Item>
      {kind === 'enterprise' && (
        <Form.Item name="uscc" label="统一社会信用代码" rules={[usccRule]} required normalize={(v: string) => v?.toUpperCase()}>
          <Input maxLength={18} placeholder="18 位，见营业执照" />
        </Form.Item>
      )}
      <Form.Item name="phone" label="手机号" rules={[zodRule(R.phone)]} required>
        <Input maxLength={11} inputMode="numeric" autoComplete="tel" />
      </Form.Item>
      <Form.Item name="username" label="用户名" rules={[zodRule(R.username)]} required extra="4 至 32 位字母、数字或下划线">
        <Input maxLength={32} autoComplete="username" />
      </Form.Item>
      <Form.Item
        name="password"
        label="密码"
        required
        extra={PASSWORD_HINT}
        rules={[passwordRule(() => form.getFieldValue('username') as string | undefined)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认密码"
        dependencies={['password']}
        required
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, value) => {
              if (!value) throw new Error('请再次输入密码');
              if (value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[{ validator: async (_r, v) => { if (!v) throw new Error('请阅读并勾选'); } }]}
      >
        <Checkbox>我已知悉：所填信息仅用于办理相关业务，平台依照《中华人民共和国个人信息保护法》保护个人信息。</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading}>
        注册
      </Button>
    </Form>
  );
}

export function AuthModal({ open, tab, onTab, onClose }: { open: boolean; tab: AuthTab; onTab: (t: AuthTab) => void; onClose: () => void }) {
  const [key, setKey] = useState(0);
  useEffect(() => {
    if (open) setKey((k) => k + 1); // fresh forms each time
  }, [open]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={480} title="企业 / 个人用户" destroyOnHidden>
      <Tabs
        key={key}
        activeKey={tab}
        onChange={(k) => onTab(k as AuthTab)}
        items={[
          { key: 'login', label: '登录', children: <LoginForm onDone={onClose} /> },
          { key: 'register', label: '注册', children: <RegisterForm onDone={onClose} /> },
        ]}
      />
    </Modal>
  );
}
