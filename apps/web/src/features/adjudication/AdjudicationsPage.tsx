/**
 * 行政裁决: the adjudication cases in the user's scope (the city bureau's own, and for a county bureau or station the requests
 * it received or is asked to assist with), by tab (办理中 / 待立案审查 / 已裁决 / 已结案 / 全部), with the deadline light of the
 * current step (黄灯 / 红灯), filters, 需要本单位协助, and 登记请求 for a paper request.
 */
import { useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Grid, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  ADJUDICATION_STATUSES,
  ADJUDICATION_STATUS_LIST,
  ADJUDICATION_TABS,
  type AdjudicationListItemDto,
  type AdjudicationStatus,
  type AdjudicationTab,
} from '@zhichan/shared';
import { useAuth } from '../../admin/auth';
import { DueTag } from '../../ui/DueTag';
import { fmtDate } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { ADJUDICATION_FINISHED, AdjudicationStatusTag, PatentCheckTag, patentKindLabel } from './labels';
import { RegisterDrawer } from './RegisterDrawer';
import '../cases/cases.css';

const DEADLINE_STATES = { overdue: '红灯（已超期）', warning: '黄灯（临近届满）', normal: '正常', paused: '暂停计时' } as const;
type DeadlineFilter = keyof typeof DEADLINE_STATES;

export default function AdjudicationsPage() {
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = ((params.get('tab') as AdjudicationTab | null) ?? 'open') as AdjudicationTab;
  const assist = params.get('assist') === '1';
  const [status, setStatus] = useState<AdjudicationStatus | undefined>();
  const [deadlineState, setDeadlineState] = useState<DeadlineFilter | undefined>((params.get('deadlineState') as DeadlineFilter | null) ?? undefined);
  const [mine, setMine] = useState(false);
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const wide = !!Grid.useBreakpoint().md;

  const list = usePagedList<AdjudicationListItemDto>('/api/adjudications', {
    tab,
    status,
    deadlineState,
    q: q || undefined,
    mine: mine ? 'true' : undefined,
    assist: assist ? 'true' : undefined,
  });

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  const open = (id: number) => navigate(`/adjudications/${id}`);

  const columns: ColumnsType<AdjudicationListItemDto> = [
    {
      title: '请求登记号 / 立案号',
      dataIndex: 'requestNo',
      width: 210,
      fixed: wide ? 'left' : undefined,
      render: (v: string, r) => (
        <>
          <Typography.Link className="zc-mono" onClick={() => open(r.id)} data-testid={`adjudication-link-${r.id}`}>
            {v}
          </Typography.Link>
          {r.caseNo && <div className="zc-mono">{r.caseNo}</div>}
          <div className="zk-sub">
            {r.openAssistsForMe > 0 && (
              <Tag className="zk-inline-tag" color="orange">
                待本单位协助
              </Tag>
            )}
            {!r.actionable && r.openAssistsForMe === 0 && <Tag className="zk-inline-tag">代收</Tag>}
          </div>
        </>
      ),
    },
    {
      title: '涉案专利',
      dataIndex: 'patentTitle',
      width: 240,
      render: (v: string, r) => (
        <>
          <Tooltip title={v}>
            <div className="zk-ellipsis">{v}</div>
          </Tooltip>
          <div className="zk-sub">
            <span className="zc-mono">{r.patentNo}</span> · {patentKindLabel(r.patentType)} <PatentCheckTag check={r.patentCheck} />
          </div>
        </>
      ),
    },
    {
      title: '请求人',
      dataIndex: 'requesterName',
      width: 170,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: '被请求人',
      dataIndex: 'respondentName',
      width: 190,
      render: (v: string, r) => (
        <>
          <Tooltip title={v}>
            <div className="zk-ellipsis">{v}</div>
          </Tooltip>
          <Tooltip title={r.accusedProduct}>
            <div className="zk-sub zk-ellipsis">{r.accusedProduct}</div>
          </Tooltip>
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 120, render: (v: AdjudicationStatus, r) => <AdjudicationStatusTag status={v} label={r.statusLabel} /> },
    {
      title: '当前期限',
      key: 'due',
      width: 130,
      render: (_: unknown, r) => (ADJUDICATION_FINISHED.includes(r.status) ? <span className="zc-muted">—</span> : <DueTag dueOn={r.dueOn} state={r.deadlineState} />),
    },
    {
      title: '收到 / 立案',
      key: 'dates',
      width: 120,
      render: (_: unknown, r) => (
        <>
          <div>{fmtDate(r.receivedOn)}</div>
          <div className="zk-sub">{r.filedOn ? `立案 ${fmtDate(r.filedOn)}` : '未立案'}</div>
        </>
      ),
    },
    {
      title: '办案机构',
      dataIndex: 'unitName',
      width: 170,
      render: (v: string, r) => (
        <>
          <div>{v}</div>
          {r.receivedByUnitId !== r.unitId && <div className="zk-sub">代收：{r.receivedByUnitName}</div>}
          {r.chiefName && <div className="zk-sub">主审：{r.chiefName}</div>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 68,
      fixed: wide ? 'right' : undefined,
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => open(r.id)}>
          {r.actionable ? '办理' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title="行政裁决"
      subTitle="专利侵权纠纷行政裁决：请求、立案、送达、答辩、审理、裁决、送达与执行"
      extra={
        <Space>
          {can('adjudication.handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-adjudication">
              登记请求
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        </Space>
      }
    >
      <Card>
        <Tabs
          activeKey={tab}
          items={(Object.keys(ADJUDICATION_TABS) as AdjudicationTab[]).map((k) => ({ key: k, label: ADJUDICATION_TABS[k] }))}
          onChange={(k) => {
            setStatus(undefined);
            setParam('tab', k === 'open' ? null : k);
          }}
        />
        <Space wrap className="zk-filters">
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 150 }}
            value={status}
            onChange={setStatus}
            options={ADJUDICATION_STATUS_LIST.map((s) => ({ value: s, label: ADJUDICATION_STATUSES[s] }))}
          />
          <Select
            allowClear
            placeholder="期限状态"
            style={{ width: 150 }}
            value={deadlineState}
            onChange={setDeadlineState}
            options={(Object.keys(DEADLINE_STATES) as DeadlineFilter[]).map((s) => ({ value: s, label: DEADLINE_STATES[s] }))}
          />
          <Input.Search
            allowClear
            placeholder="登记号、立案号、当事人、专利号或产品"
            style={{ width: 300 }}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
          />
          <Checkbox checked={assist} onChange={(e) => setParam('assist', e.target.checked ? '1' : null)} data-testid="filter-assist">
            需要本单位协助
          </Checkbox>
          <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
            我参与合议的
          </Checkbox>
        </Space>
        <Table<AdjudicationListItemDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={columns}
          pagination={list.pagination}
          scroll={{ x: 1420 }}
          rowClassName={(r) => (r.deadlineState === 'overdue' && !ADJUDICATION_FINISHED.includes(r.status) ? 'zk-row-overdue' : '')}
          onRow={(r) => ({ 'data-testid': `adjudication-row-${r.id}`, onDoubleClick: () => open(r.id) }) as HTMLAttributes<HTMLElement>}
          data-testid="adjudication-list"
        />
      </Card>
      {registering && (
        <RegisterDrawer
          onClose={() => setRegistering(false)}
          onDone={(d) => {
            setRegistering(false);
            navigate(`/adjudications/${d.id}`);
          }}
        />
      )}
    </PageContainer>
  );
}
