import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BellOutlined } from '@ant-design/icons';
import { DATA_SCOPES, type DataScopeKind, type DeadlineDto, type Page } from '@zhichan/shared';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../admin/auth';
import { PAGES } from '../../admin/routes';
import { useUnread } from '../../admin/unread';
import { fmtDate, greeting } from '../../ui/format';
import { useRequest } from '../../ui/hooks';

const SCOPE_EXPLAIN: Record<DataScopeKind, string> = {
  all: '可查看全市所有机构的数据',
  custom: '可查看角色指定机构的数据',
  unitAndBelow: '可查看本机构及其下级机构的数据',
  unit: '可查看本机构的数据',
  self: '仅可查看本人经办的数据',
};

/** The back-office page of the record a deadline belongs to (other entity types have no page of their own). */
const RECORD_PAGES: Record<string, string> = { lead: 'leads', case: 'cases', adjudication: 'adjudications', mediation: 'mediations' };

/** 黄灯 (warning) and 红灯 (overdue) deadlines in the user's data scope. */
function DeadlineAlerts() {
  const req = useRequest(
    async (signal) => {
      const [overdue, warning] = await Promise.all([
        api.get<Page<DeadlineDto>>('/api/deadlines', { state: 'overdue', page: 1, pageSize: 10 }, { signal }),
        api.get<Page<DeadlineDto>>('/api/deadlines', { state: 'warning', page: 1, pageSize: 10 }, { signal }),
      ]);
      return { overdue, warning };
    },
    [],
  );
  const rows = [...(req.data?.overdue.items ?? []), ...(req.data?.warning.items ?? [])];
  const columns: ColumnsType<DeadlineDto> = [
    {
      title: '状态',
      dataIndex: 'state',
      width: 80,
      render: (s: DeadlineDto['state']) =>
        s === 'overdue' ? <Tag color="red">红灯</Tag> : <Tag color="gold">黄灯</Tag>,
    },
    {
      title: '事项',
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, r) => (RECORD_PAGES[r.entityType] ? <Link to={`/${RECORD_PAGES[r.entityType]}/${r.entityId}`}>{v}</Link> : v),
    },
    { title: '承办机构', dataIndex: 'unitName', width: 170, ellipsis: true },
    {
      title: '届满日',
      dataIndex: 'dueOn',
      width: 130,
      render: (v: string | null, r) => (
        <Space size={4}>
          {fmtDate(v)}
          {r.provisional && (
            <Tooltip title="涉及尚未录入节假日安排的年度，届满日为临时计算结果">
              <Tag>临时</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '剩余',
      dataIndex: 'workingDaysLeft',
      width: 130,
      render: (v: number | null) =>
        v === null ? '—' : v < 0 ? <Typography.Text type="danger">超期 {-v} 个工作日</Typography.Text> : `${v} 个工作日`,
    },
    {
      title: '依据',
      key: 'basis',
      width: 220,
      ellipsis: true,
      render: (_: unknown, r) => `《${r.basis.regulation.replace(/^《|》$/g, '')}》${r.basis.article}`,
    },
  ];
  return (
    <Card
      title="期限预警"
      size="small"
      extra={
        req.data && (
          <Space>
            <Tag color="red">红灯 {req.data.overdue.total}</Tag>
            <Tag color="gold">黄灯 {req.data.warning.total}</Tag>
          </Space>
        )
      }
      data-testid="deadline-alerts"
    >
      <Table<DeadlineDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={req.loading}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有临近到期或已超期的事项" /> }}
      />
    </Card>
  );
}

export default function WorkbenchPage() {
  const me = useMe();
  const { can } = useAuth();
  const unread = useUnread();
  const shortcuts = PAGES.filter((p) => p.path !== '' && !p.hidden && (!p.permission || can(p.permission)));
  const scope = me.dataScope as DataScopeKind;

  return (
    <div className="zc-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {greeting()}，{me.displayName}
            </Typography.Title>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'unit', label: '所属机构', children: me.unitName ?? '—' },
                { key: 'user', label: '用户名', children: me.username },
                {
                  key: 'roles',
                  label: '我的角色',
                  children: me.roles.length ? (
                    <Space size={[0, 4]} wrap>
                      {me.roles.map((r) => (
                        <Tag key={r.id} color="geekblue">
                          {r.name}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    '未分配角色'
                  ),
                },
                {
                  key: 'scope',
                  label: '数据权限',
                  children: (
                    <Tooltip title="多个角色时取范围最大的一项">
                      <span>
                        <Tag color="blue">{DATA_SCOPES[scope]}</Tag>
                        <Typography.Text type="secondary">{SCOPE_EXPLAIN[scope]}</Typography.Text>
                      </span>
                    </Tooltip>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Link to="/notifications">
              <Statistic title="未读消息" value={unread.count} prefix={<BellOutlined />} suffix="条" />
            </Link>
          </Card>
        </Col>
        {can('deadline.read') && (
          <Col span={24}>
            <DeadlineAlerts />
          </Col>
        )}
        <Col span={24}>
          <Card size="small" title="常用功能">
            <div className="zc-shortcuts">
              {shortcuts.map((p) => (
                <Link key={p.path} to={'/' + p.path} className="zc-shortcut">
                  <span className="zc-shortcut-icon">{p.icon}</span>
                  <span>{p.label}</span>
                </Link>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
