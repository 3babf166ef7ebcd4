/**
 * 裁决书公开: decided cases whose decision is not yet on the portal (待公开), and the published or withdrawn decisions
 * (已公开 / 已撤回). Publishing opens the drawer with the redacted text prefilled by the server; withdrawing asks for the
 * reason (a decision revoked by the court is withdrawn automatically).
 */
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Input, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import type { AdjudicationListItemDto, AdjudicationPublicationDto, Page } from '@zhichan/shared';
import { api } from '../../api/client';
import { useAuth } from '../../admin/auth';
import { fmtDate } from '../../ui/format';
import { usePagedList, useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { AdjudicationStatusTag } from './labels';
import { PublishDrawer, WithdrawPublicationModal } from './PublishForms';
import '../cases/cases.css';

type TabKey = 'candidates' | 'published' | 'withdrawn';

/** Decided cases that may be published (a revoked decision is never published). */
const DECIDED_STATUSES = new Set(['decided', 'lawsuitWindow', 'inLitigation', 'effective', 'closed']);

function Candidates({ q, canPublish, onPublished }: { q: string; canPublish: boolean; onPublished: () => void }) {
  const navigate = useNavigate();
  const [publishing, setPublishing] = useState<AdjudicationListItemDto | null>(null);
  // The list has no publication column: the live publications are fetched once and taken out here.
  const cases = useRequest(
    (signal) => api.get<Page<AdjudicationListItemDto>>('/api/adjudications', { tab: 'decided', q: q || undefined, page: 1, pageSize: 200 }, { signal }),
    [q],
  );
  const live = useRequest(
    (signal) => api.get<Page<AdjudicationPublicationDto>>('/api/adjudication-publications', { status: 'published', page: 1, pageSize: 200 }, { signal }),
    [],
  );
  const rows = useMemo(() => {
    const published = new Set((live.data?.items ?? []).map((p) => p.adjudicationId));
    return (cases.data?.items ?? []).filter((c) => DECIDED_STATUSES.has(c.status) && c.filedOn && !published.has(c.id));
  }, [cases.data, live.data]);

  const columns: ColumnsType<AdjudicationListItemDto> = [
    {
      title: '立案号',
      dataIndex: 'caseNo',
      width: 210,
      render: (v: string | null, r) => (
        <Typography.Link className="zc-mono" onClick={() => navigate(`/adjudications/${r.id}`)}>
          {v ?? r.requestNo}
        </Typography.Link>
      ),
    },
    {
      title: '当事人',
      key: 'parties',
      render: (_: unknown, r) => (
        <>
          <div>请求人：{r.requesterName}</div>
          <div className="zk-sub">被请求人：{r.respondentName}</div>
        </>
      ),
    },
    {
      title: '涉案专利',
      dataIndex: 'patentTitle',
      width: 260,
      render: (v: string, r) => (
        <>
          <Tooltip title={v}>
            <div className="zk-ellipsis">{v}</div>
          </Tooltip>
          <div className="zk-sub zc-mono">{r.patentNo}</div>
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 120, render: (_: unknown, r) => <AdjudicationStatusTag status={r.status} label={r.statusLabel} /> },
    { title: '办案机构', dataIndex: 'unitName', width: 150 },
    {
      title: '操作',
      key: 'ops',
      width: 100,
      render: (_: unknown, r) =>
        canPublish && r.actionable ? (
          <Button size="small" type="primary" onClick={() => setPublishing(r)} data-testid={`publish-${r.id}`}>
            公开
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Table<AdjudicationListItemDto>
        rowKey="id"
        size="middle"
        loading={cases.loading || live.loading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 20, showTotal: (n: number) => `共 ${n} 件` }}
        locale={{ emptyText: <Empty description="没有待公开的裁决书" /> }}
        data-testid="publication-candidates"
      />
      {publishing && (
        <PublishDrawer
          adjudicationId={publishing.id}
          label={publishing.caseNo ?? publishing.requestNo}
          onClose={() => setPublishing(null)}
          onDone={() => {
            setPublishing(null);
            onPublished();
          }}
        />
      )}
    </>
  );
}

function Publications({ status, q }: { status: 'published' | 'withdrawn'; q: string }) {
  const navigate = useNavigate();
  const [withdrawing, setWithdrawing] = useState<AdjudicationPublicationDto | null>(null);
  const list = usePagedList<AdjudicationPublicationDto>('/api/adjudication-publications', { status, q: q || undefined });
  const columns: ColumnsType<AdjudicationPublicationDto> = [
    {
      title: '公开标题',
      dataIndex: 'title',
      render: (v: string, p) => (
        <>
          <div>{v}</div>
          <div className="zk-sub">
            {p.docNo && <span className="zc-mono">{p.docNo} · </span>}
            <Typography.Link onClick={() => navigate(`/adjudications/${p.adjudicationId}`)}>{p.caseNo ?? p.requestNo}</Typography.Link>
            {p.redactions.length > 0 && ` · 删除内容：${p.redactions.join('；')}`}
          </div>
        </>
      ),
    },
    { title: '公开机构', dataIndex: 'unitName', width: 150 },
    { title: '公开日期', dataIndex: 'publishedOn', width: 110, render: fmtDate },
    { title: '公开人', dataIndex: 'publishedByName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_: unknown, p) =>
        p.status === 'published' ? (
          <Tag color="green">{p.statusLabel}</Tag>
        ) : (
          <>
            <Tag>{p.statusLabel}</Tag>
            <div className="zk-sub">
              {fmtDate(p.withdrawnOn)} {p.withdrawnReason}
            </div>
          </>
        ),
    },
    {
      title: '操作',
      key: 'ops',
      width: 150,
      render: (_: unknown, p) => (
        <Space size={4}>
          {p.status === 'published' && (
            <Typography.Link href={`/adjudication-decisions/${p.id}`} target="_blank">
              门户查看
            </Typography.Link>
          )}
          {p.abilities.withdraw && p.status === 'published' && (
            <Button size="small" type="link" danger onClick={() => setWithdrawing(p)}>
              撤回
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<AdjudicationPublicationDto>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (p) => <div className="zk-pre" style={{ maxHeight: 360, overflow: 'auto' }}>{p.body}</div> }}
        locale={{ emptyText: <Empty description={status === 'published' ? '尚未公开裁决书' : '没有撤回的裁决书'} /> }}
        data-testid={`publications-${status}`}
      />
      {withdrawing && (
        <WithdrawPublicationModal
          publication={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}

export default function PublicationsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as TabKey | null) ?? 'candidates';
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const canPublish = can('adjudication.publish');
  return (
    <PageContainer
      title="裁决书公开"
      subTitle="在门户“行政裁决公开”栏目公开专利侵权纠纷行政裁决书：自然人以姓氏加“某”表示，不公开个人信息和商业秘密"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)}>
          刷新
        </Button>
      }
    >
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'candidates' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'candidates', label: '待公开' },
            { key: 'published', label: '已公开' },
            { key: 'withdrawn', label: '已撤回' },
          ]}
        />
        <Space wrap className="zk-filters">
          <Input.Search
            allowClear
            placeholder="立案号、当事人、专利号或标题"
            style={{ width: 300 }}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
          />
        </Space>
        {tab === 'candidates' ? (
          <Candidates key={reloadKey} q={q} canPublish={canPublish} onPublished={() => setReloadKey((k) => k + 1)} />
        ) : (
          <Publications key={`${tab}-${reloadKey}`} status={tab} q={q} />
        )}
      </Card>
    </PageContainer>
  );
}
