/**
 * 案件办理: the unit's open cases sorted by 届满日 (黄灯 / 红灯), by tab (调查中 / 待审核 / 待决定 / 待送达 / 执行中 / 已结案),
 * with filters; 简易程序 (当场处罚) in a drawer; `?newFromLead=<id>` opens the 立案登记 drawer prefilled from that lead.
 */
import { useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Grid, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  CASE_PROCEDURES,
  CASE_STATUSES,
  CASE_TAB_LIST,
  CASE_TABS,
  CASE_TYPE_LIST,
  CASE_TYPES,
  type CaseListItemDto,
  type CaseListPageDto,
  type CaseProcedure,
  type CaseStatus,
  type CaseTab,
  type CaseTypeKey,
} from '@zhichan/shared';
import { useAuth } from '../../admin/auth';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { fmtDate } from '../../ui/format';
import { FileCaseDrawer, SimplifiedDrawer } from './CaseForms';
import { CaseStatusTag, DueTag, caseTypeLabel, yuan } from './labels';
import './cases.css';

type TabKey = CaseTab | 'open' | 'all';

const DEADLINE_STATES = { overdue: '红灯（已超期）', warning: '黄灯（临近届满）', normal: '正常', paused: '暂停计时' } as const;

export default function CasesPage() {
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as TabKey | null) ?? 'open';
  const [status, setStatus] = useState<CaseStatus | undefined>();
  const [caseType, setCaseType] = useState<CaseTypeKey | undefined>();
  const [procedure, setProcedure] = useState<CaseProcedure | undefined>();
  const [deadlineState, setDeadlineState] = useState<keyof typeof DEADLINE_STATES | undefined>(
    (params.get('deadlineState') as keyof typeof DEADLINE_STATES | null) ?? undefined,
  );
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [simplified, setSimplified] = useState(false);
  const wide = !!Grid.useBreakpoint().md;
  const newFromLead = Number(params.get('newFromLead')) || null;

  const list = usePagedList<CaseListItemDto>('/api/cases', { tab, status, caseType, procedure, deadlineState, q: q || undefined });
  const page = list.data as CaseListPageDto | undefined;
  const allStatuses = Object.keys(CASE_STATUSES) as CaseStatus[];
  const statusOptions: readonly CaseStatus[] =
    tab === 'open' ? allStatuses.filter((s) => !CASE_TABS.closed.statuses.includes(s as never)) : tab === 'all' ? allStatuses : CASE_TABS[tab].statuses;

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };

  const open = (id: number) => navigate(`/cases/${id}`);

  const columns: ColumnsType<CaseListItemDto> = [
    {
      title: '案号',
      dataIndex: 'caseNo',
      width: 190,
      fixed: wide ? 'left' : undefined,
      render: (v: string, r) => (
        <>
          <Typography.Link className="zc-mono" onClick={() => open(r.id)}>
            {v}
          </Typography.Link>
          <div className="zk-sub">
            {r.procedure === 'simplified' && <Tag className="zk-inline-tag">简易程序</Tag>}
            {r.major && (
              <Tag className="zk-inline-tag" color="red">
                重大
              </Tag>
            )}
            {r.fromComplaint && <Tag className="zk-inline-tag">诉转案</Tag>}
          </div>
        </>
      ),
    },
    {
      title: '案由',
      dataIndex: 'title',
      width: 240,
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <>
          <Tooltip title={v}>
            <div className="zk-ellipsis">{v}</div>
          </Tooltip>
          <div className="zk-sub">{caseTypeLabel(r.caseType)}</div>
        </>
      ),
    },
    {
      title: '当事人',
      dataIndex: 'partyName',
      width: 190,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: '办案机构',
      dataIndex: 'unitName',
      width: 150,
      render: (v: string, r) => (
        <>
          {v}
          {r.leadHandlerName && <div className="zk-sub">主办：{r.leadHandlerName}</div>}
        </>
      ),
    },
    { title: '立案日期', dataIndex: 'filedOn', width: 106, render: (v: string) => fmtDate(v) },
    { title: '状态', dataIndex: 'status', width: 112, render: (v: CaseStatus, r) => <CaseStatusTag status={v} label={r.statusLabel} /> },
    {
      title: '届满日',
      key: 'due',
      width: 130,
      render: (_: unknown, r) => (r.status === 'closed' || r.status === 'archived' || r.status === 'revoked' ? <span className="zc-muted">—</span> : <DueTag dueOn={r.dueOn} state={r.deadlineState} />),
    },
    { title: '罚款', dataIndex: 'fineAmount', width: 120, align: 'right', render: (v: number | null) => (v === null ? <span className="zc-muted">—</span> : yuan(v)) },
    {
      title: '操作',
      key: 'actions',
      width: 68,
      fixed: wide ? 'right' : undefined,
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => open(r.id)}>
          办理
        </Button>
      ),
    },
  ];

  const tabs = [
    { key: 'open', label: '全部在办' },
    ...CASE_TAB_LIST.map((t) => ({ key: t, label: CASE_TABS[t].label })),
    { key: 'all', label: '全部' },
  ];

  return (
    <PageContainer
      title="案件办理"
      subTitle="行政处罚案件：立案、调查取证、法制审核、告知、听证、决定、送达、执行、结案与归档"
      extra={
        <Space>
          {can('case.handle') && (
            <Button icon={<ThunderboltOutlined />} onClick={() => setSimplified(true)} data-testid="open-simplified">
              简易程序
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
          items={tabs}
          onChange={(k) => {
            setStatus(undefined);
            setParam('tab', k === 'open' ? null : k);
          }}
        />
        <Space wrap className="zk-filters">
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={statusOptions.map((s) => ({ value: s, label: CASE_STATUSES[s] }))}
          />
          <Select allowClear placeholder="案件类型" style={{ width: 140 }} value={caseType} onChange={setCaseType} options={CASE_TYPE_LIST.map((t) => ({ value: t, label: CASE_TYPES[t] }))} />
          <Select
            allowClear
            placeholder="程序"
            style={{ width: 110 }}
            value={procedure}
            onChange={setProcedure}
            options={(Object.keys(CASE_PROCEDURES) as CaseProcedure[]).map((p) => ({ value: p, label: CASE_PROCEDURES[p] }))}
          />
          <Select
            allowClear
            placeholder="期限状态"
            style={{ width: 150 }}
            value={deadlineState}
            onChange={setDeadlineState}
            options={(Object.keys(DEADLINE_STATES) as (keyof typeof DEADLINE_STATES)[]).map((s) => ({ value: s, label: DEADLINE_STATES[s] }))}
          />
          <Input.Search
            allowClear
            placeholder="案号、当事人或案由"
            style={{ width: 260 }}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
          />
        </Space>
        <Table<CaseListItemDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={columns}
          pagination={{ ...list.pagination, showTotal: (total: number) => `共 ${total}${page?.totalIsLowerBound ? ' 条以上' : ' 条'}` }}
          scroll={{ x: 1320 }}
          rowClassName={(r) => (r.deadlineState === 'overdue' ? 'zk-row-overdue' : '')}
          onRow={(r) => ({ 'data-testid': `case-row-${r.id}`, onDoubleClick: () => open(r.id) }) as HTMLAttributes<HTMLElement>}
          data-testid="case-list"
        />
      </Card>
      {simplified && (
        <SimplifiedDrawer
          onClose={() => setSimplified(false)}
          onFiled={(c) => {
            setSimplified(false);
            navigate(`/cases/${c.id}`);
          }}
        />
      )}
      {newFromLead !== null && (
        <FileCaseDrawer
          leadId={newFromLead}
          onClose={() => setParam('newFromLead', null)}
          onFiled={(c) => navigate(`/cases/${c.id}`, { replace: true })}
        />
      )}
    </PageContainer>
  );
}
