import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Radio, Space, Tree, Typography } from 'antd';
import {
  DATA_SCOPES,
  PERMISSION_GROUPS,
  PERMISSIONS,
  RoleInput,
  type DataScopeKind,
  type Permission,
  type RoleDto,
  type UnitDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import { UnitTreeSelect } from '../units/UnitTreeSelect';

const GROUP_PREFIX = 'group:';

const SCOPE_HELP: Record<DataScopeKind, string> = {
  all: '可查看和处理全市所有机构的数据',
  custom: '仅可查看指定机构的数据（不自动包含其下级机构）',
  unitAndBelow: '可查看本人所在机构及其全部下级机构的数据',
  unit: '仅可查看本人所在机构的数据',
  self: '仅可查看本人创建或承办的数据',
};

const PERMISSION_TREE = PERMISSION_GROUPS.map((g) => ({
  key: GROUP_PREFIX + g.label,
  title: g.label,
  children: g.permissions.map((p) => ({
    key: p,
    title: (
      <span>
        {PERMISSIONS[p]} <Typography.Text type="secondary">{p}</Typography.Text>
      </span>
    ),
  })),
}));

/** Permissions as a checkable tree grouped by module; the value holds permission keys only. */
export function PermissionTree({
  value,
  onChange,
  disabled,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
}) {
  return (
    <Tree
      checkable
      selectable={false}
      defaultExpandAll
      disabled={disabled}
      treeData={PERMISSION_TREE}
      checkedKeys={value ?? []}
      onCheck={(checked) => {
        const keys = (Array.isArray(checked) ? checked : checked.checked) as string[];
        onChange?.(keys.filter((k) => !k.startsWith(GROUP_PREFIX)));
      }}
      data-testid="permission-tree"
    />
  );
}

interface Values {
  code: string;
  name: string;
  remark?: string | null;
  dataScope: DataScopeKind;
  customUnitIds: number[];
  permissions: Permission[];
}

const S = RoleInput.shape;

export function RoleDrawer({
  open,
  role,
  units,
  readOnly,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null = 新增角色 */
  role: RoleDto | null;
  units: UnitDto[];
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const dataScope = Form.useWatch('dataScope', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (role) {
      form.setFieldsValue({
        code: role.code,
        name: role.name,
        remark: role.remark ?? '',
        dataScope: role.dataScope as DataScopeKind,
        customUnitIds: role.customUnitIds,
        permissions: role.permissions as Permission[],
      });
    } else {
      form.setFieldsValue({ dataScope: 'unit', customUnitIds: [], permissions: [] });
    }
  }, [open, role, form]);

  const scopeOptions = useMemo(
    () => (Object.keys(DATA_SCOPES) as DataScopeKind[]).map((k) => ({ value: k, label: DATA_SCOPES[k] })),
    [],
  );

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      name: v.name.trim(),
      remark: v.remark?.trim() || null,
      dataScope: v.dataScope,
      customUnitIds: v.dataScope === 'custom' ? (v.customUnitIds ?? []) : [],
      permissions: v.permissions ?? [],
    };
    setSaving(true);
    try {
      if (role) await api.patch(`/api/roles/${role.id}`, { ...body, version: role.version });
      else await api.post('/api/roles', { ...body, code: v.code.trim() });
      showSuccess(role ? '角色已保存' : '角色已新增');
      onSaved();
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'code' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      title={role ? (readOnly ? `查看角色：${role.name}` : `编辑角色：${role.name}`) : '新增角色'}
      forceRender
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={saving} onClick={submit}>
              保存
            </Button>
          </Space>
        )
      }
    >
      {role?.builtin && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="内置角色"
          description="系统管理员、安全管理员、审计管理员三员分立，请勿将审计权限授予系统管理员或安全管理员。"
        />
      )}
      <Form form={form} layout="vertical" disabled={readOnly} data-testid="role-form">
        <Form.Item name="code" label="角色编码" required rules={[zodRule(S.code)]}>
          <Input disabled={!!role || readOnly} maxLength={32} placeholder="如 countyReviewer" />
        </Form.Item>
        <Form.Item name="name" label="角色名称" required rules={[zodRule(S.name)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="remark" label="备注" rules={[zodRule(S.remark)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item
          name="dataScope"
          label="数据权限"
          required
          extra={dataScope ? SCOPE_HELP[dataScope] : undefined}
          rules={[zodRule(S.dataScope)]}
        >
          <Radio.Group options={scopeOptions} optionType="button" buttonStyle="solid" />
        </Form.Item>
        {dataScope === 'custom' && (
          <Form.Item
            name="customUnitIds"
            label="自定义机构"
            required
            rules={[
              {
                validator: async (_r, v: number[] | undefined) => {
                  if (!v || v.length === 0) throw new Error('请至少选择一个机构');
                },
              },
            ]}
          >
            <UnitTreeSelect units={units} multiple placeholder="选择可访问其数据的机构" />
          </Form.Item>
        )}
        <Form.Item name="permissions" label="功能权限" rules={[zodRule(S.permissions)]}>
          <PermissionTree disabled={readOnly} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
