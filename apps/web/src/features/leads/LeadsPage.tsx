/**
 * 线索办理: the leads of the user's data scope by tab (待分派 / 待签收 / 办理中 / 待审批 / 已办结), the most urgent first
 * (届满日 ascending, 黄灯/红灯 marked), with 登记线索 and 批量导入 for the intake staff.
 */
import { useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  IP_TYPES,
  LEAD_KINDS,
  LEAD_KIND_LIST,
  LEAD_SOURCES,
  LEAD_SOURCE_LIST,
  LEAD_TABS,
  LEAD_TAB_LIST,
  type LeadKind,
  type LeadListItemDto,
  type LeadSource,
  type LeadTab,
} from '@zhichan/shared';
import { useAuth } from '../../admin/auth';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { UnitTreeSelect } from '../units/UnitTreeSelect';
import { useUnits } from '../units/useUnits';
import { LeadFormDrawer } from './LeadFormDrawer';
import { DEADLINE_STATE_LABELS, LeadDeadlineTag, LeadKindTag, LeadStatusTag, sourceLabel } from './labels';
import './leads.css';

type DeadlineFilter = keyof typeof DEADLINE_STATE_LABELS;

export default function LeadsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const defaultTab: LeadTab = can('lead.dispatch') ? 'pendingDispatch' : 'pendingSign';
  const tabParam = params.get('tab');
  const tab: LeadTab | 'all' = tabParam === 'all' ? 'all' : LEAD_TAB_LIST.includes(tabParam as LeadTab) ? (tabParam as LeadTab) : defaultTab;
  const [kind, setKind] = useState<LeadKind | undefined>();
  const [source, setSource] = useState<LeadSource | undefined>();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [deadlineState, setDeadlineState] = useState<DeadlineFilter | undefined>();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const { units } = useUnits();

  const list = usePagedList<LeadListItemDto>('/api/leads', {
    tab: tab === 'all' ? undefined : tab,
    kind,
    source,
    unitId: unitId ?? undefined,
    deadlineState,
    q: q || undefined,
  });

  const open = (id: number) => navigate(`/leads/${id}`);

  const columns: ColumnsType<LeadListItemDto> = [
    {
      title: '线索编号',
      dataIndex: 'leadNo',
      width: 190,
      render: (v: string, r) => (
        <Typography.Link className="zl-no" onClick={() => open(r.id)} data-testid={`lead-no-${r.id}`}>
          {v}
        </Typography.Link>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 92, render: (v: LeadKind) => <LeadKindTag kind={v} /> },
    { title: '来源', dataIndex: 'source', width: 120, render: (v: LeadSource) => sourceLabel(v) },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Tooltip title={v}>
          <span>{v}</span>
          <div className="zl-sub">
            {IP_TYPES[r.ipType]} · 收到 {r.receivedOn}
          </div>
        </Tooltip>
      ),
    },
    { title: '被投诉（举报）人', dataIndex: 'respondentName', width: 200, ellipsis: true },
    { title: '责任机构', dataIndex: 'unitName', width: 170, ellipsis: true },
    {
      title: '届满日',
      key: 'due',
      width: 132,
      render: (_: unknown, r) => <LeadDeadlineTag state={r.deadlineState} dueOn={r.dueOn} />,
    },
    { title: '状态', dataIndex: 'status', width: 130, render: (_: unknown, r) => <LeadStatusTag status={r.status} label={r.statusLabel} /> },
  ];

  const tabs = [
    ...LEAD_TAB_LIST.map((k) => ({ key: k, label: LEAD_TABS[k].label })),
    { key: 'all', label: '全部' },
  ];

  return (
    <PageContainer
      title="线索办理"
      subTitle="投诉、举报及各渠道线索的分派、签收、受理、核查与立案决定"
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          {can('lead.create') && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/leads/import')} data-testid="lead-import">
                批量导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="lead-register">
                登记线索
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Card>
        <Tabs
          activeKey={tab}
          items={tabs}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            next.set('tab', k);
            setParams(next, { replace: true });
          }}
        />
        <Space wrap className="zl-filters">
          <Select allowClear placeholder="类型" style={{ width: 120 }} value={kind} onChange={setKind} options={LEAD_KIND_LIST.map((k) => ({ value: k, label: LEAD_KINDS[k] }))} />
          <Select allowClear placeholder="来源" style={{ width: 150 }} value={source} onChange={setSource} options={LEAD_SOURCE_LIST.map((s) => ({ value: s, label: LEAD_SOURCES[s] }))} />
          <div style={{ width: 220 }}>
            <UnitTreeSelect units={units} value={unitId} onChange={(v) => setUnitId((v as number | null) ?? null)} placeholder="责任机构" allowClear />
          </div>
          <Select
            allowClear
            placeholder="期限状态"
            style={{ width: 120 }}
            value={deadlineState}
            onChange={setDeadlineState}
            options={(Object.keys(DEADLINE_STATE_LABELS) as DeadlineFilter[]).map((s) => ({ value: s, label: DEADLINE_STATE_LABELS[s] }))}
          />
          <Input.Search
            allowClear
            placeholder="线索编号、标题或对象名称"
            style={{ width: 280 }}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
          />
        </Space>
        <Table<LeadListItemDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={columns}
          pagination={list.pagination}
          scroll={{ x: 1200 }}
          onRow={(r) => ({ 'data-testid': `lead-row-${r.leadNo}`, onDoubleClick: () => open(r.id) }) as HTMLAttributes<HTMLElement>}
          data-testid="lead-list"
        />
      </Card>
      <LeadFormDrawer
        open={registering}
        units={units}
        onClose={() => setRegistering(false)}
        onCreated={(d) => {
          setRegistering(false);
          open(d.id);
        }}
      />
    </PageContainer>
  );
}
