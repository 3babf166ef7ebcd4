import { Button, Card, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import type { SessionDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useAuth } from '../../admin/auth';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { browserName, REALMS } from './LoginLogsPage';

export default function SessionsPage() {
  const { can } = useAuth();
  const sessions = useRequest<SessionDto[]>((signal) => api.get<SessionDto[]>('/api/sessions', undefined, { signal }), []);

  const revoke = async (s: SessionDto) => {
    try {
      await api.del(`/api/sessions/${encodeURIComponent(s.id)}`);
      showSuccess(`已强制退出 ${s.displayName} 的登录`);
      sessions.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: ColumnsType<SessionDto> = [
    {
      title: '用户',
      key: 'user',
      width: 180,
      render: (_: unknown, s) => (
        <span>
          {s.displayName} <Typography.Text type="secondary">{s.username}</Typography.Text>
          {s.current && (
            <Tag color="blue" style={{ marginInlineStart: 6 }}>
              当前会话
            </Tag>
          )}
        </span>
      ),
    },
    { title: '机构', dataIndex: 'unitName', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '登录端', dataIndex: 'realm', width: 100, render: (v: string) => REALMS[v] ?? v },
    { title: 'IP', dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '浏览器',
      dataIndex: 'userAgent',
      width: 160,
      ellipsis: true,
      render: (v: string | null) => <Tooltip title={v}>{browserName(v)}</Tooltip>,
    },
    { title: '登录时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
    { title: '最近活动', dataIndex: 'lastSeenAt', width: 150, render: (v: string) => fmtTime(v) },
  ];
  if (can('session.revoke')) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_: unknown, s) =>
        s.current ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Popconfirm
            title={`确定强制退出 ${s.displayName} 的登录吗？`}
            description="对方将立即下线，未保存的内容可能丢失。"
            okText="强制退出"
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke(s)}
          >
            <Button type="link" size="small" danger>
              强制退出
            </Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <PageContainer
      title="在线用户"
      subTitle="当前有效的登录会话；空闲超过 30 分钟的会话自动失效"
      extra={
        <Button icon={<ReloadOutlined />} onClick={sessions.reload}>
          刷新
        </Button>
      }
    >
      <Card size="small">
        <Table<SessionDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={sessions.data ?? []}
          loading={sessions.loading}
          pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 个会话` }}
          scroll={{ x: 1100 }}
          data-testid="sessions-table"
        />
      </Card>
    </PageContainer>
  );
}
