/**
 * 产业链配置: the city's key industry chains and how patents are assigned to them (IPC patterns, keywords, 战略性新兴产业
 * branches). Everyone with patent.read sees the definitions and the counts; only holders of patent.configure edit them.
 * Demo definitions are labelled 示例 (they are a starting point, not the bureau's official chain list).
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import type { IndustryChainDto } from '@zhichan/shared';
import { useAuth } from '../../admin/auth';
import { api } from '../../api/client';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { ChainFormDrawer } from './ChainFormDrawer';
import { fmtInt } from './SearchParts';

const CLASSIFY_STATUS: Record<IndustryChainDto['classifyStatus'], { text: string; status: 'processing' | 'success' | 'error' | 'default' }> = {
  pending: { text: '归类中', status: 'processing' },
  running: { text: '归类中', status: 'processing' },
  current: { text: '已是最新', status: 'success' },
  failed: { text: '归类失败', status: 'error' },
};

const MAX_TAGS = 4;
const CLAMP_2 = { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' } as const;

export default function ChainsPage() {
  const { can } = useAuth();
  const canConfigure = can('patent.configure');
  const list = useRequest((signal) => api.get<IndustryChainDto[]>('/api/patent-chains', undefined, { signal }), []);
  const chains = list.data ?? [];
  const [editing, setEditing] = useState<{ chain: IndustryChainDto | null } | null>(null);
  const [reclassifying, setReclassifying] = useState(false);

  // While any chain is being re-classified, refresh every 3 s so the status and counts update by themselves.
  const busy = chains.some((c) => c.classifyStatus === 'pending' || c.classifyStatus === 'running');
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => {
      api
        .get<IndustryChainDto[]>('/api/patent-chains')
        .then((d) => list.setData(d))
        .catch(() => undefined);
    }, 3000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [busy]);

  const reclassify = async () => {
    setReclassifying(true);
    try {
      await api.post('/api/patent-chains/reclassify', {});
      showSuccess('已开始重新归类，完成后统计数据自动更新');
      list.reload();
    } catch (e) {
      showError(e, '未能开始重新归类');
    } finally {
      setReclassifying(false);
    }
  };

  const columns: ColumnsType<IndustryChainDto> = [
    {
      title: '名称',
      key: 'name',
      width: 260,
      render: (_, c) => (
        <div>
          <Space size={4} wrap>
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.isDemo && (
              <Tooltip title="系统预置的示例定义，请按本市实际修改">
                <Tag color="orange">示例</Tag>
              </Tooltip>
            )}
            {!c.enabled && <Tag>已停用</Tag>}
          </Space>
          {c.description && (
            <Tooltip title={c.description}>
              <div style={CLAMP_2}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.description}
                </Typography.Text>
              </div>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: 'IPC 式样',
      key: 'ipc',
      width: 90,
      align: 'right',
      render: (_, c) =>
        c.ipcPatterns.length === 0 ? (
          '—'
        ) : (
          <Tooltip
            title={
              <div style={{ maxHeight: 320, overflow: 'auto' }}>
                {c.ipcPatterns.map((p) => (
                  <div key={p.code}>
                    {p.code} {p.titleZh ?? ''}
                  </div>
                ))}
              </div>
            }
          >
            <span style={{ borderBottom: '1px dashed #bfbfbf', cursor: 'help' }}>{c.ipcPatterns.length} 个</span>
          </Tooltip>
        ),
    },
    {
      title: '关键词',
      key: 'keywords',
      width: 200,
      render: (_, c) =>
        c.keywords.length === 0 ? (
          '—'
        ) : (
          <>
            {c.keywords.slice(0, MAX_TAGS).map((k) => (
              <Tag key={k}>{k}</Tag>
            ))}
            {c.keywords.length > MAX_TAGS && (
              <Tooltip title={c.keywords.slice(MAX_TAGS).join('、')}>
                <Tag>等 {c.keywords.length} 个</Tag>
              </Tooltip>
            )}
          </>
        ),
    },
    {
      title: '战略性新兴产业分支',
      key: 'sei',
      render: (_, c) =>
        c.seiBranches.length === 0
          ? '—'
          : c.seiBranches.map((b) => (
              <Tooltip key={b.branchNo} title={b.branchName}>
                <Tag color="geekblue">
                  {b.branchNo} {b.branchName.length > 8 ? `${b.branchName.slice(0, 8)}…` : b.branchName}
                </Tag>
              </Tooltip>
            )),
    },
    {
      title: '专利数',
      dataIndex: 'patentCount',
      width: 80,
      align: 'right',
      render: (v: number, c) => <Link to={`/patents/search?chainId=${c.id}`}>{fmtInt(v)}</Link>,
    },
    {
      title: '高价值',
      dataIndex: 'highValueCount',
      width: 80,
      align: 'right',
      render: (v: number, c) => <Link to={`/patents/search?chainId=${c.id}&highValue=true`}>{fmtInt(v)}</Link>,
    },
    {
      title: '归类状态',
      key: 'status',
      width: 110,
      render: (_, c) => (
        <Tooltip title={c.classifiedAt ? `上次归类：${fmtTime(c.classifiedAt)}` : '尚未归类'}>
          <Badge status={CLASSIFY_STATUS[c.classifyStatus].status} text={CLASSIFY_STATUS[c.classifyStatus].text} />
        </Tooltip>
      ),
    },
    ...(canConfigure
      ? [
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, c: IndustryChainDto) => (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ chain: c })}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="产业链配置"
      subTitle="按 IPC 式样、关键词和战略性新兴产业分支定义重点产业链，专利据此自动归类"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          {canConfigure && (
            <Popconfirm
              title="对全部专利重新归类？"
              description="在后台运行，数据量大时需要较长时间，期间统计数据仍为旧口径。"
              okText="重新归类"
              cancelText="取消"
              onConfirm={reclassify}
            >
              <Button icon={<SyncOutlined />} loading={reclassifying} data-testid="chain-reclassify">
                重新归类
              </Button>
            </Popconfirm>
          )}
          {canConfigure && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ chain: null })} data-testid="chain-add">
              新增产业链
            </Button>
          )}
        </Space>
      }
    >
      {chains.some((c) => c.isDemo) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="标有“示例”的产业链为系统预置的演示定义，用于展示功能，请按本市重点产业链的实际范围修改后使用。"
        />
      )}
      <Card>
        <Table<IndustryChainDto>
          rowKey="id"
          loading={list.loading}
          dataSource={chains}
          columns={columns}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1100 }}
          locale={{ emptyText: '暂无数据' }}
          data-testid="chain-table"
        />
      </Card>
      {editing && (
      <ChainFormDrawer
        open
        chain={editing?.chain ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      )}
    </PageContainer>
  );
}
