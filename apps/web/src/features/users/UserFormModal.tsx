import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { CreateUserInput, UpdateUserInput, type UnitDto, type UserDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import type { CreatedUserDto } from '../../api/types';
import { showSuccess } from '../../ui/feedback';
import { UnitTreeSelect } from '../units/UnitTreeSelect';

interface Values {
  username?: string;
  displayName: string;
  unitId: number;
  phone?: string;
  lawEnforcementCertNo?: string;
  status?: 'active' | 'disabled';
}

const C = CreateUserInput.shape;
const U = UpdateUserInput.shape;

export function UserFormModal({
  open,
  user,
  units,
  defaultUnitId,
  onClose,
  onCreated,
  onUpdated,
}: {
  open: boolean;
  /** null = 新增用户 */
  user: UserDto | null;
  units: UnitDto[];
  defaultUnitId?: number | null;
  onClose: () => void;
  onCreated: (r: CreatedUserDto) => void;
  onUpdated: (u: UserDto) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        unitId: user.unitId ?? undefined,
        lawEnforcementCertNo: user.lawEnforcementCertNo ?? '',
        status: user.status,
        phone: '',
      });
    } else if (defaultUnitId) {
      form.setFieldsValue({ unitId: defaultUnitId });
    }
  }, [open, user, defaultUnitId, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      if (user) {
        const body: Record<string, unknown> = {
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          lawEnforcementCertNo: v.lawEnforcementCertNo?.trim() || null,
          status: v.status,
          version: user.version,
        };
        // The list shows the phone masked: only a newly typed number is sent.
        if (v.phone?.trim()) body.phone = v.phone.trim();
        const saved = await api.patch<UserDto>(`/api/users/${user.id}`, body);
        showSuccess('用户信息已保存');
        onUpdated(saved);
      } else {
        const created = await api.post<CreatedUserDto>('/api/users', {
          username: v.username?.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          phone: v.phone?.trim() || null,
          lawEnforcementCertNo: v.lawEnforcementCertNo?.trim() || null,
        });
        onCreated(created);
      }
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'username' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? `编辑用户：${user.displayName}（${user.username}）` : '新增用户'}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      width={600}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="user-form">
        {!user && (
          <Form.Item name="username" label="用户名" required rules={[zodRule(C.username)]} extra="登录用，创建后不能修改">
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" required rules={[zodRule(C.displayName)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unitId" label="所属机构" required rules={[zodRule(C.unitId)]}>
          <UnitTreeSelect units={units} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[zodRule(user ? U.phone : C.phone)]}
          extra={user ? (user.phone ? `当前：${user.phone}（已脱敏）。不修改请留空。` : '不修改请留空') : undefined}
        >
          <Input maxLength={11} inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item name="lawEnforcementCertNo" label="执法证号" rules={[zodRule(C.lawEnforcementCertNo)]}>
          <Input maxLength={30} />
        </Form.Item>
        {user && (
          <Form.Item name="status" label="账号状态">
            <Radio.Group
              options={[
                { value: 'active', label: '正常' },
                { value: 'disabled', label: '停用' },
              ]}
            />
          </Form.Item>
        )}
        {!user && (
          <Alert
            type="info"
            showIcon
            title="保存后系统生成初始密码，仅显示一次。用户首次登录时须修改密码。角色由安全管理员另行分配。"
          />
        )}
      </Form>
    </Modal>
  );
}
