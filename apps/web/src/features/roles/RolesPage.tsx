import { useState } from 'react';
import { Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { DATA_SCOPES, type DataScopeKind, type RoleDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useAuth } from '../../admin/auth';
import { showError, showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { useUnits } from '../units/useUnits';
import { RoleDrawer } from './RoleDrawer';

export default function RolesPage() {
  const { can } = useAuth();
  const roles = useRequest<RoleDto[]>((signal) => api.get<RoleDto[]>('/api/roles', undefined, { signal }), []);
  const { units } = useUnits(can('unit.read'));
  const [drawer, setDrawer] = useState<{ role: RoleDto | null; readOnly: boolean } | null>(null);

  const remove = async (r: RoleDto) => {
    try {
      await api.del(`/api/roles/${r.id}`);
      showSuccess('角色已删除');
      roles.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: ColumnsType<RoleDto> = [
    {
      title: '角色名称',
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={6}>
          <Typography.Text strong>{v}</Typography.Text>
          {r.builtin ? <Tag color="purple">内置</Tag> : <Tag>自定义</Tag>}
        </Space>
      ),
    },
    { title: '角色编码', dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: '数据权限',
      dataIndex: 'dataScope',
      render: (v: string, r) =>
        v === 'custom' ? (
          <Tooltip title={`${r.customUnitIds.length} 个机构`}>
            <Tag color="blue">{DATA_SCOPES.custom}</Tag>
          </Tooltip>
        ) : (
          <Tag color="blue">{DATA_SCOPES[v as DataScopeKind]}</Tag>
        ),
    },
    { title: '功能权限', dataIndex: 'permissions', render: (p: string[]) => `${p.length} 项` },
    { title: '用户数', dataIndex: 'userCount', align: 'right' },
    { title: '备注', dataIndex: 'remark', ellipsis: true, render: (v: string | null) => v || '—' },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_: unknown, r) => (
        <Space size={0}>
          {can('role.update') ? (
            <Button type="link" size="small" onClick={() => setDrawer({ role: r, readOnly: false })}>
              编辑
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => setDrawer({ role: r, readOnly: true })}>
              查看
            </Button>
          )}
          {can('role.delete') && !r.builtin && (
            <Popconfirm
              title={`确定删除角色“${r.name}”吗？`}
              description={r.userCount > 0 ? `该角色仍有 ${r.userCount} 名用户，删除后这些用户将失去该角色的权限。` : undefined}
              okText="删除"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(r)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="角色与权限"
      subTitle="角色 = 功能权限 + 数据权限；用户拥有多个角色时数据权限取最大范围"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={roles.reload}>
            刷新
          </Button>
          {can('role.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ role: null, readOnly: false })}>
              新增角色
            </Button>
          )}
        </Space>
      }
    >
      <Card size="small">
        <Table<RoleDto>
          rowKey="id"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.loading}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="roles-table"
        />
      </Card>
      <RoleDrawer
        open={!!drawer}
        role={drawer?.role ?? null}
        readOnly={drawer?.readOnly ?? false}
        units={units}
        onClose={() => setDrawer(null)}
        onSaved={() => {
          setDrawer(null);
          roles.reload();
        }}
      />
    </PageContainer>
  );
}
