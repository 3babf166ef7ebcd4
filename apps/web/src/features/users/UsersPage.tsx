import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { DATA_SCOPES, type DataScopeKind, type UserDto } from '@zhichan/shared';
import { api } from '../../api/client';
import type { CreatedUserDto, InitialPasswordDto } from '../../api/types';
import { useAuth } from '../../admin/auth';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { allKeys, buildUnitTree, filterUnitTree, highlight, topKeys } from '../units/unitTree';
import { useUnits } from '../units/useUnits';
import { AssignRolesModal } from './AssignRolesModal';
import { InitialPasswordModal } from './InitialPasswordModal';
import { UserFormModal } from './UserFormModal';

export function UserStatusTag({ user }: { user: Pick<UserDto, 'status' | 'locked'> }) {
  if (user.status === 'disabled') return <Tag>停用</Tag>;
  if (user.locked) return <Tag color="error">已锁定</Tag>;
  return <Tag color="success">正常</Tag>;
}

interface PasswordShown {
  title: string;
  username: string;
  displayName: string;
  password: string;
}

export default function UsersPage() {
  const { can } = useAuth();
  const { units, loading: unitsLoading } = useUnits();
  const [unitKeyword, setUnitKeyword] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [includeChildren, setIncludeChildren] = useState(true);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [keywordInput, setKeywordInput] = useState('');
  const [keyword, setKeyword] = useState('');
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>();
  const [editing, setEditing] = useState<UserDto | null | undefined>(undefined); // undefined = closed, null = new
  const [assigning, setAssigning] = useState<UserDto | null>(null);
  const [passwordShown, setPasswordShown] = useState<PasswordShown | null>(null);

  const list = usePagedList<UserDto>('/api/users', {
    unitId: unitId ?? undefined,
    includeChildren: unitId ? String(includeChildren) : undefined,
    keyword: keyword || undefined,
    status,
  });

  const tree = useMemo(() => buildUnitTree(units, (u) => highlight(u.name, unitKeyword)), [units, unitKeyword]);
  const shownTree = useMemo(() => filterUnitTree(tree, unitKeyword), [tree, unitKeyword]);
  const expandedKeys = unitKeyword.trim() ? allKeys(shownTree) : (expanded ?? topKeys(tree, 1));

  const resetPassword = async (u: UserDto) => {
    try {
      const r = await api.post<InitialPasswordDto>(`/api/users/${u.id}/reset-password`);
      setPasswordShown({ title: '密码已重置', username: u.username, displayName: u.displayName, password: r.initialPassword });
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const unlock = async (u: UserDto) => {
    try {
      await api.post(`/api/users/${u.id}/unlock`);
      showSuccess(`已解锁 ${u.displayName} 的账号`);
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: ColumnsType<UserDto> = [
    { title: '用户名', dataIndex: 'username', width: 120, fixed: 'left' },
    { title: '姓名', dataIndex: 'displayName', width: 150 },
    { title: '所属机构', dataIndex: 'unitName', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '执法证号', dataIndex: 'lawEnforcementCertNo', width: 130, render: (v: string | null) => v || '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      width: 200,
      render: (roles: UserDto['roles']) =>
        roles.length ? (
          <Space size={[0, 4]} wrap>
            {roles.map((r) => (
              <Tag key={r.id} color="geekblue">
                {r.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ),
    },
    {
      title: '数据权限',
      dataIndex: 'effectiveDataScope',
      width: 110,
      render: (v: string | null) => (v ? DATA_SCOPES[v as DataScopeKind] : '—'),
    },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_: unknown, u) => (
        <Space size={4}>
          <UserStatusTag user={u} />
          {u.mustChangePassword && (
            <Tooltip title="尚未修改初始密码，或密码已到期">
              <Tag color="warning">待改密</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => fmtTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 240,
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          {u.abilities.update && (
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              编辑
            </Button>
          )}
          {u.abilities.assignRole && (
            <Button type="link" size="small" onClick={() => setAssigning(u)}>
              分配角色
            </Button>
          )}
          {u.abilities.resetPassword && (
            <Popconfirm
              title={`确定重置 ${u.displayName} 的密码吗？`}
              description="将生成新的初始密码，用户下次登录时须修改。"
              onConfirm={() => resetPassword(u)}
            >
              <Button type="link" size="small">
                重置密码
              </Button>
            </Popconfirm>
          )}
          {u.abilities.unlock && u.locked && (
            <Popconfirm title={`确定解锁 ${u.displayName} 的账号吗？`} onConfirm={() => unlock(u)}>
              <Button type="link" size="small">
                解锁
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="用户管理"
      subTitle="工作人员账号、所属机构与角色"
      extra={
        can('user.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            新增用户
          </Button>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8} lg={7} xl={6}>
          <Card size="small" title="按机构筛选" className="zc-tree-card">
            <Input.Search
              placeholder="搜索机构"
              allowClear
              value={unitKeyword}
              onChange={(e) => setUnitKeyword(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            <Space style={{ marginBottom: 8 }} wrap>
              <Button size="small" type={unitId === null ? 'primary' : 'default'} onClick={() => setUnitId(null)}>
                全部机构
              </Button>
              <Checkbox checked={includeChildren} onChange={(e) => setIncludeChildren(e.target.checked)}>
                含下级机构
              </Checkbox>
            </Space>
            <Spin spinning={unitsLoading}>
              {shownTree.length ? (
                <Tree
                  treeData={shownTree}
                  blockNode
                  selectedKeys={unitId !== null ? [unitId] : []}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys as number[])}
                  onSelect={(keys) => setUnitId(keys.length ? (keys[0] as number) : null)}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的机构" />
              )}
            </Spin>
          </Card>
        </Col>
        <Col xs={24} md={16} lg={17} xl={18}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search
                placeholder="用户名 / 姓名"
                allowClear
                value={keywordInput}
                onChange={(e) => setKeywordInput(e.target.value)}
                onSearch={(v) => setKeyword(v.trim())}
                style={{ width: 240 }}
                enterButton="查询"
              />
              <Select
                placeholder="账号状态"
                allowClear
                value={status}
                onChange={setStatus}
                style={{ width: 130 }}
                options={[
                  { value: 'active', label: '正常' },
                  { value: 'disabled', label: '停用' },
                ]}
              />
              <Button icon={<ReloadOutlined />} onClick={list.reload}>
                刷新
              </Button>
            </Space>
            <Table<UserDto>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={list.pagination}
              scroll={{ x: 1450 }}
              data-testid="users-table"
            />
          </Card>
        </Col>
      </Row>

      <UserFormModal
        open={editing !== undefined}
        user={editing ?? null}
        units={units}
        defaultUnitId={unitId}
        onClose={() => setEditing(undefined)}
        onUpdated={() => {
          setEditing(undefined);
          list.reload();
        }}
        onCreated={(r: CreatedUserDto) => {
          setEditing(undefined);
          setPasswordShown({
            title: '用户已创建',
            username: r.user.username,
            displayName: r.user.displayName,
            password: r.initialPassword,
          });
          list.reload();
        }}
      />
      <AssignRolesModal
        user={assigning}
        onClose={() => setAssigning(null)}
        onSaved={() => {
          setAssigning(null);
          list.reload();
        }}
      />
      <InitialPasswordModal
        open={!!passwordShown}
        title={passwordShown?.title ?? ''}
        username={passwordShown?.username}
        displayName={passwordShown?.displayName}
        password={passwordShown?.password}
        onClose={() => setPasswordShown(null)}
      />
    </PageContainer>
  );
}
