/**
 * 纠纷调解: the mediations in the actor's scope (a mediator sees those assigned to them), by tab (办理中 / 待受理 / 调解中 /
 * 协议与司法确认 / 已结案 / 全部), with the source (法院委派、委托 with the court), the parties, the status, the deadline light
 * (the court's period or the judicial-confirmation window) and the 主持调解员; 登记调解 opens the registration drawer.
 */
import { useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Grid, Input, Select, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  MEDIATION_SOURCE_LIST,
  MEDIATION_SOURCES,
  MEDIATION_STATUS_LIST,
  MEDIATION_STATUSES,
  MEDIATION_TABS,
  type MediationListItemDto,
  type MediationSource,
  type MediationStatus,
  type MediationTab,
} from '@zhichan/shared';
import { useAuth } from '../../admin/auth';
import { DueTag } from '../../ui/DueTag';
import { fmtDate } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { MediationStatusTag, SourceTag } from './labels';
import { RegisterMediationDrawer } from './RegisterMediationDrawer';
import './mediation.css';

const DEADLINE_STATES = { overdue: '红灯（已超期）', warning: '黄灯（临近届满）', normal: '正常', paused: '暂停计时' } as const;
type DeadlineFilter = keyof typeof DEADLINE_STATES;

const TAB_STATUSES: Record<MediationTab, readonly MediationStatus[]> = {
  open: MEDIATION_STATUS_LIST.filter((s) => s !== 'closed'),
  pending: ['applied'],
  mediating: ['mediating'],
  confirmation: ['agreed', 'confirmationApplied', 'confirmed', 'confirmationRejected'],
  closed: ['closed'],
  all: MEDIATION_STATUS_LIST,
};

/** What the due date of a row is about (the list carries only the earliest one). */
function dueTitle(r: MediationListItemDto): string | undefined {
  if (r.status === 'mediating' && r.courtName) return `${r.courtName}${r.courtCaseNo ? `（${r.courtCaseNo}）` : ''}委派（委托）的调解期限`;
  if (r.status === 'agreed') return '申请司法确认的期限（协议生效之日起三十日）';
  if (r.status === 'applied') return '受理前的期限';
  return undefined;
}

const names = (list: string[]) => (list.length <= 2 ? list.join('、') : `${list.slice(0, 2).join('、')} 等 ${list.length} 人`);

export default function MediationsPage() {
  const navigate = useNavigate();
  const { can, me } = useAuth();
  // A mediator (数据范围 仅本人) works on the mediations assigned to them; registering belongs to the bureau.
  const canRegister = can('mediation.handle') && me?.dataScope !== 'self';
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as MediationTab | null) ?? 'open';
  const [status, setStatus] = useState<MediationStatus | undefined>();
  const [source, setSource] = useState<MediationSource | undefined>();
  const [deadlineState, setDeadlineState] = useState<DeadlineFilter | undefined>((params.get('deadlineState') as DeadlineFilter | null) ?? undefined);
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const wide = !!Grid.useBreakpoint().md;

  const list = usePagedList<MediationListItemDto>('/api/mediations', { tab, status, source, deadlineState, q: q || undefined });

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  const open = (id: number) => navigate(`/mediations/${id}`);
  const finished = (s: MediationStatus) => s === 'closed' || s === 'refused' || s === 'terminated';

  const columns: ColumnsType<MediationListItemDto> = [
    {
      title: '调解案号',
      dataIndex: 'mediationNo',
      width: 220,
      fixed: wide ? 'left' : undefined,
      render: (v: string, r) => (
        <>
          <Typography.Link className="zc-mono" onClick={() => open(r.id)}>
            {v}
          </Typography.Link>
          <div>
            <SourceTag item={r} />
          </div>
          {r.courtName && (
            <Tooltip title={`${r.courtName}${r.courtCaseNo ? `（${r.courtCaseNo}）` : ''}`}>
              <div className="zm-sub zm-ellipsis">
                {r.courtName} {r.courtCaseNo}
              </div>
            </Tooltip>
          )}
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 110, render: (v: MediationStatus, r) => <MediationStatusTag status={v} label={r.statusLabel} /> },
    {
      title: '届满日',
      key: 'due',
      width: 120,
      render: (_: unknown, r) => (finished(r.status) ? <span className="zc-muted">—</span> : <DueTag dueOn={r.dueOn} state={r.deadlineState} title={dueTitle(r)} />),
    },
    {
      title: '纠纷事由',
      dataIndex: 'subject',
      width: 210,
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <>
          <Tooltip title={v}>
            <div className="zm-ellipsis">{v}</div>
          </Tooltip>
          <div className="zm-sub">
            {r.ipTypeLabel} · {r.disputeTypeLabel}
          </div>
        </>
      ),
    },
    {
      title: '当事人',
      key: 'parties',
      width: 210,
      render: (_: unknown, r) => (
        <>
          <Tooltip title={r.applicantNames.join('、')}>
            <div className="zm-ellipsis">申请人：{names(r.applicantNames)}</div>
          </Tooltip>
          <Tooltip title={r.respondentNames.join('、')}>
            <div className="zm-ellipsis zm-sub">被申请人：{names(r.respondentNames)}</div>
          </Tooltip>
        </>
      ),
    },
    { title: '申请日期', dataIndex: 'appliedOn', width: 100, render: (v: string) => fmtDate(v) },
    {
      title: '调解员',
      dataIndex: 'chiefMediatorName',
      width: 150,
      render: (v: string | null, r) => (
        <>
          {v ? <div>{v}（主持）</div> : r.status === 'applied' ? <div className="zm-sub">待指派</div> : <div className="zc-muted">—</div>}
          <div className="zm-sub zm-ellipsis">{r.unitName}</div>
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
          办理
        </Button>
      ),
    },
  ];

  const tabs = (Object.keys(MEDIATION_TABS) as MediationTab[]).map((t) => ({ key: t, label: MEDIATION_TABS[t] }));

  return (
    <PageContainer
      title="纠纷调解"
      subTitle="当事人申请、法院委派（委托）、投诉转调解和行政裁决中的赔偿调解：受理、指派调解员、调解、协议、司法确认与履行"
      extra={
        <Space>
          {canRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="mediation-register">
              登记调解
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
        <Space wrap className="zm-filters">
          <Select
            allowClear
            placeholder="来源"
            style={{ width: 170 }}
            value={source}
            onChange={setSource}
            options={MEDIATION_SOURCE_LIST.map((s) => ({ value: s, label: MEDIATION_SOURCES[s] }))}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 150 }}
            value={status}
            onChange={setStatus}
            options={TAB_STATUSES[tab].map((s) => ({ value: s, label: MEDIATION_STATUSES[s] }))}
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
            placeholder="调解案号、当事人、事由或法院案号"
            style={{ width: 290 }}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
          />
        </Space>
        <Table<MediationListItemDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={columns}
          pagination={list.pagination}
          scroll={{ x: 1190 }}
          rowClassName={(r) => (r.deadlineState === 'overdue' && !finished(r.status) ? 'zm-row-overdue' : '')}
          onRow={(r) => ({ 'data-testid': `mediation-row-${r.id}`, onDoubleClick: () => open(r.id) }) as HTMLAttributes<HTMLElement>}
          data-testid="mediation-list"
        />
      </Card>
      {registering && (
        <RegisterMediationDrawer
          onClose={() => setRegistering(false)}
          onCreated={(d) => {
            setRegistering(false);
            navigate(`/mediations/${d.id}`);
          }}
        />
      )}
    </PageContainer>
  );
}
