import { useEffect, useState } from 'react';
import { Alert, Checkbox, Modal, Space, Spin, Tag, Typography } from 'antd';
import { DATA_SCOPES, type DataScopeKind, type RoleDto, type UserDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { showError, showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';

/** 分配角色: the roles as checkboxes, each with its 数据权限. */
export function AssignRolesModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserDto | null;
  onClose: () => void;
  onSaved: (u: UserDto) => void;
}) {
  const open = !!user;
  const roles = useRequest<RoleDto[]>((signal) => api.get<RoleDto[]>('/api/roles', undefined, { signal }), [], {
    enabled: open,
  });
  const [checked, setChecked] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) setChecked(user.roles.map((r) => r.id));
  }, [user]);

  const save = async () => {
    if (!user) return;
    setSaving(true);
    try {
      const saved = await api.put<UserDto>(`/api/users/${user.id}/roles`, { roleIds: checked, version: user.version });
      showSuccess('角色已分配');
      onSaved(saved);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? `分配角色：${user.displayName}（${user.username}）` : '分配角色'}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={saving}
      width={560}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="用户拥有多个角色时，功能权限取各角色之和，数据权限取其中范围最大的一项。"
      />
      <Spin spinning={roles.loading}>
        <Checkbox.Group value={checked} onChange={(v) => setChecked(v as number[])} style={{ width: '100%' }}>
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="assign-roles">
            {(roles.data ?? []).map((r) => (
              <Checkbox key={r.id} value={r.id}>
                <Space size={6} wrap>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <Typography.Text type="secondary">{r.code}</Typography.Text>
                  <Tag color="blue">数据权限：{DATA_SCOPES[r.dataScope as DataScopeKind]}</Tag>
                  {r.builtin && <Tag>内置</Tag>}
                </Space>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Spin>
    </Modal>
  );
}
