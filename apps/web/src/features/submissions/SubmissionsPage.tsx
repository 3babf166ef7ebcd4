/**
 * 统一受理 queue: every submission of the intake unit's scope, newest first, with possible duplicates highlighted
 * (same credit code, or a close respondent name and the same IP type, within the configured window) and the
 * deadline of the next step in 黄灯/红灯. A row opens the detail drawer.
 */
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Checkbox, Grid, Input, Popover, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  IP_TYPES,
  IP_TYPE_LIST,
  SUBMISSION_KINDS,
  SUBMISSION_KIND_LIST,
  SUBMISSION_STATUSES,
  SUBMISSION_STATUS_LIST,
  type IpType,
  type PossibleDuplicateDto,
  type SubmissionKind,
  type SubmissionListItemDto,
  type SubmissionStatus,
} from '@zhichan/shared';
import { fmtTime } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { DeadlineTag, DUPLICATE_REASONS, KindTag, SubmissionStatusTag, ipTypeLabel } from './labels';
import { SubmissionDrawer } from './SubmissionDrawer';
import './submissions.css';

export function DuplicateList({ items, onOpen }: { items: PossibleDuplicateDto[]; onOpen: (id: number) => void }) {
  return (
    <div className="zq-dup-list" data-testid="duplicate-list">
      {items.map((d) => (
        <div key={d.id} className="zq-dup-item">
          <Space size={6} wrap>
            <Typography.Link className="zc-mono" onClick={() => onOpen(d.id)}>
              {d.receiptNo}
            </Typography.Link>
            <KindTag kind={d.kind} />
            <span>{d.respondentName}</span>
          </Space>
          <div className="zq-dup-meta">
            {DUPLICATE_REASONS[d.reason]}
            {d.reason === 'name' && `（相似度 ${Math.round(d.similarity * 100)}%）`} · {IP_TYPES[d.ipType]} ·{' '}
            {SUBMISSION_STATUSES[d.status]} · {fmtTime(d.submittedAt)}
          </div>
        </div>
      ))}
    </div>
  );
}

export default function SubmissionsPage() {
  const [status, setStatus] = useState<SubmissionStatus | undefined>();
  const [kind, setKind] = useState<SubmissionKind | undefined>();
  const [ipType, setIpType] = useState<IpType | undefined>();
  const [keywordInput, setKeywordInput] = useState('');
  const [keyword, setKeyword] = useState('');
  const [duplicatesOnly, setDuplicatesOnly] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const wide = !!Grid.useBreakpoint().md;

  const list = usePagedList<SubmissionListItemDto>('/api/submissions', {
    status,
    kind,
    ipType,
    keyword: keyword || undefined,
    duplicatesOnly: duplicatesOnly ? 'true' : undefined,
  });

  const columns: ColumnsType<SubmissionListItemDto> = [
    {
      title: '受理编号',
      dataIndex: 'receiptNo',
      width: 186,
      fixed: wide ? 'left' : undefined,
      render: (v: string, r) => (
        <>
          <Typography.Link className="zc-mono zq-receipt" onClick={() => setOpenId(r.id)}>
            {v}
          </Typography.Link>
          <div className="zq-receipt-meta">
            {r.possibleDuplicates.length > 0 && (
              <Popover
                trigger="click"
                title={`疑似重复（${r.possibleDuplicates.length}）`}
                content={<DuplicateList items={r.possibleDuplicates} onOpen={setOpenId} />}
              >
                <Tag color="orange" className="zq-dup-tag" data-testid="duplicate-tag" onClick={(e) => e.stopPropagation()}>
                  疑似重复 {r.possibleDuplicates.length}
                </Tag>
              </Popover>
            )}
            {r.fileCount > 0 && (
              <span className="zq-sub" title={`证据材料 ${r.fileCount} 个`}>
                <PaperClipOutlined /> {r.fileCount}
              </span>
            )}
          </div>
        </>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 100, render: (v: SubmissionKind) => <KindTag kind={v} /> },
    {
      title: '知识产权类型',
      dataIndex: 'ipType',
      width: 104,
      render: (v: IpType, r) => (
        <>
          {ipTypeLabel(v)}
          {r.category && <div className="zq-sub">{r.category}</div>}
        </>
      ),
    },
    {
      title: '被投诉/举报对象',
      dataIndex: 'respondentName',
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <div className="zq-respondent">
          <Tooltip title={v}>
            <span className="zq-name">{v}</span>
          </Tooltip>
          <div className="zq-sub">
            {[r.respondentUscc, r.respondentRegionName].filter(Boolean).join(' · ')}
            {r.online && (
              <Tag className="zq-inline-tag" color="purple">
                网络
              </Tag>
            )}
          </div>
        </div>
      ),
    },
    {
      title: '提交人',
      dataIndex: 'submitterName',
      width: 104,
      render: (v: string, r) =>
        r.anonymous ? (
          <Tag>匿名</Tag>
        ) : (
          <>
            {v}
            {r.submitterPhone && <div className="zq-sub">{r.submitterPhone}</div>}
          </>
        ),
    },
    { title: '提交时间', dataIndex: 'submittedAt', width: 136, render: (v: string) => fmtTime(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 92,
      render: (v: SubmissionStatus, r) => <SubmissionStatusTag status={v} label={r.statusLabel} />,
    },
    {
      title: '期限',
      key: 'deadline',
      width: 124,
      render: (_: unknown, r) => <DeadlineTag deadline={r.deadline} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 68,
      fixed: wide ? 'right' : undefined,
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
          办理
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title="统一受理"
      subTitle="网上投诉、举报和维权援助申请的登记、分类、查重与办结"
      extra={
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      }
    >
      <Card>
        <Space wrap className="zq-filters">
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={status}
            onChange={setStatus}
            options={SUBMISSION_STATUS_LIST.map((s) => ({ value: s, label: SUBMISSION_STATUSES[s] }))}
          />
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 140 }}
            value={kind}
            onChange={setKind}
            options={SUBMISSION_KIND_LIST.map((k) => ({ value: k, label: SUBMISSION_KINDS[k] }))}
          />
          <Select
            allowClear
            placeholder="知识产权类型"
            style={{ width: 140 }}
            value={ipType}
            onChange={setIpType}
            options={IP_TYPE_LIST.map((t) => ({ value: t, label: IP_TYPES[t] }))}
          />
          <Input.Search
            allowClear
            placeholder="受理编号、对象名称、信用代码或事实"
            style={{ width: 300 }}
            value={keywordInput}
            onChange={(e) => {
              setKeywordInput(e.target.value);
              if (!e.target.value) setKeyword('');
            }}
            onSearch={(v) => setKeyword(v.trim())}
          />
          <Checkbox checked={duplicatesOnly} onChange={(e) => setDuplicatesOnly(e.target.checked)} data-testid="duplicates-only">
            仅看疑似重复
          </Checkbox>
        </Space>
        <Table<SubmissionListItemDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={columns}
          pagination={list.pagination}
          scroll={{ x: 1140 }}
          rowClassName={(r) => (r.possibleDuplicates.length > 0 ? 'zq-row-dup' : '')}
          onRow={(r) =>
            ({
              'data-testid': `queue-row-${r.receiptNo}`,
              onDoubleClick: () => setOpenId(r.id),
            }) as HTMLAttributes<HTMLElement>
          }
          data-testid="submission-queue"
        />
      </Card>
      <SubmissionDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onOpen={setOpenId}
        onChanged={list.reload}
      />
    </PageContainer>
  );
}
