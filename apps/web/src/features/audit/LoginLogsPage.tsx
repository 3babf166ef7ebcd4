import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { ERROR_TABLE, type LoginLogDto } from '@zhichan/shared';
import { fmtTimeSec } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';

export const REALMS: Record<string, string> = { admin: '管理端', portal: '公众门户' };

/** A failure reason may be an error code; show its Chinese message. */
function reasonText(reason: string | null): string {
  if (!reason) return '—';
  return (ERROR_TABLE as Record<string, { message: string }>)[reason]?.message ?? reason;
}

/** A short browser description from the user agent. */
export function browserName(ua: string | null): string {
  if (!ua) return '—';
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  const br = /Edg\//.test(ua)
    ? 'Edge'
    : /QQBrowser/.test(ua)
      ? 'QQ浏览器'
      : /360SE|360EE/.test(ua)
        ? '360浏览器'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Firefox\//.test(ua)
            ? 'Firefox'
            : /Safari\//.test(ua)
              ? 'Safari'
              : '';
  return [br, os].filter(Boolean).join(' / ') || ua.slice(0, 30);
}

interface FilterValues {
  username?: string;
  success?: 'true' | 'false';
  ip?: string;
}

export default function LoginLogsPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<FilterValues>({});
  const list = usePagedList<LoginLogDto>('/api/login-logs', {
    username: filters.username,
    success: filters.success,
    ip: filters.ip,
  });

  const columns: ColumnsType<LoginLogDto> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtTimeSec(v) },
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '登录端', dataIndex: 'realm', width: 100, render: (v: string) => REALMS[v] ?? v },
    {
      title: '结果',
      dataIndex: 'success',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>),
    },
    { title: '失败原因', dataIndex: 'reason', width: 220, render: (v: string | null) => reasonText(v) },
    { title: 'IP', dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '浏览器',
      dataIndex: 'userAgent',
      ellipsis: true,
      render: (v: string | null) => (
        <Tooltip title={v}>
          <Typography.Text>{browserName(v)}</Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <PageContainer title="登录日志" subTitle="管理端和公众门户的登录记录，含失败的登录尝试">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          className="zc-filter-form"
          onFinish={(v) =>
            setFilters({ username: v.username?.trim() || undefined, success: v.success, ip: v.ip?.trim() || undefined })
          }
        >
          <Form.Item name="username" label="用户名">
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="success" label="结果">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 110 }}
              options={[
                { value: 'true', label: '成功' },
                { value: 'false', label: '失败' },
              ]}
            />
          </Form.Item>
          <Form.Item name="ip" label="IP">
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                重置
              </Button>
              <Button icon={<ReloadOutlined />} onClick={list.reload}>
                刷新
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <Table<LoginLogDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: 1000 }}
          data-testid="login-logs-table"
        />
      </Card>
    </PageContainer>
  );
}
