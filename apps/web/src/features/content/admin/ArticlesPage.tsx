/** 内容管理: articles in the user's data scope, by column and status; opens the editor. */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ArticleKind, ArticleListItemDto, ContentStatus } from '@zhichan/shared';
import { useAuth } from '../../../admin/auth';
import { fmtTime } from '../../../ui/format';
import { usePagedList } from '../../../ui/hooks';
import { PageContainer } from '../../../ui/PageContainer';
import { articleLabel, KIND_LABELS, STATUS_LABELS } from '../labels';

export const STATUS_COLORS: Record<ContentStatus, string> = {
  draft: 'default',
  inReview: 'processing',
  approved: 'cyan',
  scheduled: 'purple',
  published: 'success',
  unpublished: 'warning',
};

export function StatusTag({ status }: { status: ContentStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
}

const KIND_TABS: { key: ArticleKind | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  ...(Object.keys(KIND_LABELS) as ArticleKind[]).map((k) => ({ key: k, label: k === 'news' ? '维权动态/工作动态' : KIND_LABELS[k] })),
];

export default function ArticlesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as ArticleKind | null) ?? undefined;
  const status = (params.get('status') as ContentStatus | null) ?? undefined;
  const [keywordInput, setKeywordInput] = useState(params.get('keyword') ?? '');
  const keyword = params.get('keyword') ?? undefined;

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  const list = usePagedList<ArticleListItemDto>('/api/articles', { kind, status, keyword });

  const columns: ColumnsType<ArticleListItemDto> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, a) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/articles/${a.id}`}>{title}</Link>
          {(a.issuer || a.documentNo) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[a.issuer, a.documentNo].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '栏目', width: 110, render: (_: unknown, a) => articleLabel(a) },
    { title: '状态', dataIndex: 'status', width: 100, render: (s: ContentStatus) => <StatusTag status={s} /> },
    { title: '所属机构', dataIndex: 'unitName', width: 180, ellipsis: true },
    {
      title: '发布时间',
      width: 170,
      render: (_: unknown, a) =>
        a.status === 'scheduled' ? (
          <Typography.Text type="secondary">定时 {fmtTime(a.publishAt)}</Typography.Text>
        ) : a.publishedAt ? (
          fmtTime(a.publishedAt)
        ) : (
          '—'
        ),
    },
    { title: '修改时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => fmtTime(v) },
    { title: '创建人', dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '系统' },
  ];

  return (
    <PageContainer
      title="内容管理"
      subTitle="政策法规、政策解读、典型案例、维权动态/工作动态、办事指南：起草 → 审核 → 发布"
      extra={
        can('content.edit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/articles/new${kind ? `?kind=${kind}` : ''}`)}>
            新建
          </Button>
        )
      }
    >
      <Tabs activeKey={kind ?? 'all'} items={KIND_TABS.map((t) => ({ key: t.key, label: t.label }))} onChange={(k) => set('kind', k === 'all' ? undefined : k)} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={(v) => set('status', v)}
          options={(Object.keys(STATUS_LABELS) as ContentStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          data-testid="article-status-filter"
        />
        <Input.Search
          allowClear
          placeholder="标题、正文关键词"
          style={{ width: 260 }}
          value={keywordInput}
          maxLength={50}
          onChange={(e) => setKeywordInput(e.target.value)}
          onSearch={(v) => set('keyword', v.trim() || undefined)}
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      </Space>
      <Table<ArticleListItemDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        scroll={{ x: 900 }}
        data-testid="articles-table"
      />
    </PageContainer>
  );
}
