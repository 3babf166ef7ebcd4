/**
 * 产业链总览: the landing page of 专利信息. One card (or table row) per key industry chain with 专利总量, 有效发明, 高价值,
 * 上年申请量 and 同比, 第一申请人; a click opens 专利分析 for that chain.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { AppstoreOutlined, BarsOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ChainOverviewDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { useAuth } from '../../admin/auth';
import { DataStamp, DemoTag, analyticsPath, applicantPath, fmtChange, fmtInt, useCityRegions } from './AnalyticsWidgets';

type ChainRow = ChainOverviewDto['chains'][number];

const LAST_YEAR = new Date().getFullYear() - 1;

function ChangeText({ pct }: { pct: number | null }) {
  if (pct === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = pct > 0 ? '#cf1322' : pct < 0 ? '#389e0d' : undefined; // 国内惯例：增长红、下降绿
  return <span style={{ color }}>{fmtChange(pct)}</span>;
}

function ChainCard({ c, onOpen }: { c: ChainRow; onOpen: () => void }) {
  return (
    <Card
      hoverable
      size="small"
      onClick={onOpen}
      data-testid={`chain-card-${c.id}`}
      title={
        <Space size={6}>
          <span>{c.name}</span>
          {c.isDemo && (
            <Tooltip title="演示用示例产业链，其检索式不代表本局认定的产业链范围">
              <Tag color="orange">示例</Tag>
            </Tooltip>
          )}
        </Space>
      }
      extra={<RightOutlined style={{ color: '#bfbfbf' }} />}
    >
      <Row gutter={[8, 8]}>
        <Col span={8}>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>专利总量</div>
          <div style={{ fontSize: 20, fontWeight: 600 }}>{fmtInt(c.patents)}</div>
        </Col>
        <Col span={8}>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>有效发明</div>
          <div style={{ fontSize: 20, fontWeight: 600 }}>{fmtInt(c.validInventions)}</div>
        </Col>
        <Col span={8}>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>高价值发明</div>
          <div style={{ fontSize: 20, fontWeight: 600 }}>{fmtInt(c.highValue)}</div>
        </Col>
        <Col span={12}>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>上年（{LAST_YEAR}年）申请量</div>
          <div>
            {fmtInt(c.lastYearApplications)} 件　同比 <ChangeText pct={c.yearOnYear} />
          </div>
        </Col>
        <Col span={12}>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>第一申请人</div>
          <Typography.Text ellipsis={{ tooltip: c.topApplicant ?? undefined }} style={{ maxWidth: '100%' }}>
            {c.topApplicant ?? '—'}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}

export default function ChainOverviewPage() {
  const navigate = useNavigate();
  const { can } = useAuth();
  const { demo } = useCityRegions();
  const [view, setView] = useState<'cards' | 'table'>('cards');
  const req = useRequest<ChainOverviewDto>((signal) => api.get('/api/patent-stats/chains', undefined, { signal }), []);
  const data = req.data;
  const chains = data?.chains ?? [];
  const anyDemo = demo || chains.some((c) => c.isDemo);
  const open = (c: ChainRow) => navigate(analyticsPath(c.id ? { chainId: c.id } : {}));

  return (
    <PageContainer
      title={
        <Space size={8}>
          <span>产业链总览</span>
          {anyDemo && <DemoTag />}
        </Space>
      }
      subTitle="重点产业链专利概况，点击产业链进入专利分析"
      extra={
        <Space>
          {data && <DataStamp rebuiltAt={data.rebuiltAt} />}
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'cards' | 'table')}
            options={[
              { value: 'cards', icon: <AppstoreOutlined />, label: '卡片' },
              { value: 'table', icon: <BarsOutlined />, label: '表格' },
            ]}
          />
          <Link to={analyticsPath({})}>
            <Button type="primary">全部专利分析</Button>
          </Link>
        </Space>
      }
    >
      {req.loading && !data ? (
        <div className="zc-center">
          <Spin />
        </div>
      ) : !data ? (
        req.error ? <Alert type="error" showIcon title="产业链概况加载失败，请稍后刷新重试。" /> : null
      ) : chains.length === 0 ? (
        <Card>
          <Empty description="尚未配置重点产业链">
            {can('patent.configure') && (
              <Link to="/patents/chains">
                <Button icon={<SettingOutlined />}>去配置产业链</Button>
              </Link>
            )}
          </Empty>
        </Card>
      ) : view === 'cards' ? (
        <Row gutter={[12, 12]} data-testid="chain-cards">
          {chains.map((c) => (
            <Col key={c.id} xs={24} md={12} xxl={8}>
              <ChainCard c={c} onOpen={() => open(c)} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card size="small">
          <Table<ChainRow>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={chains}
            data-testid="chain-table"
            onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: '产业链',
                dataIndex: 'name',
                render: (v: string, c) => (
                  <Space size={6}>
                    <a>{v}</a>
                    {c.isDemo && <Tag color="orange">示例</Tag>}
                  </Space>
                ),
              },
              { title: '专利总量（件）', dataIndex: 'patents', align: 'right', sorter: (a, b) => a.patents - b.patents, render: fmtInt },
              { title: '有效发明（件）', dataIndex: 'validInventions', align: 'right', sorter: (a, b) => a.validInventions - b.validInventions, render: fmtInt },
              { title: '高价值发明（件）', dataIndex: 'highValue', align: 'right', sorter: (a, b) => a.highValue - b.highValue, render: fmtInt },
              {
                title: `上年申请量（${LAST_YEAR}年）`,
                dataIndex: 'lastYearApplications',
                align: 'right',
                sorter: (a, b) => a.lastYearApplications - b.lastYearApplications,
                render: fmtInt,
              },
              {
                title: '同比',
                dataIndex: 'yearOnYear',
                align: 'right',
                sorter: (a, b) => (a.yearOnYear ?? -Infinity) - (b.yearOnYear ?? -Infinity),
                render: (v: number | null) => <ChangeText pct={v} />,
              },
              {
                title: '第一申请人',
                dataIndex: 'topApplicant',
                ellipsis: true,
                render: (v: string | null) =>
                  v ? (
                    <Link to={applicantPath(v)} onClick={(e) => e.stopPropagation()}>
                      {v}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
        说明：产业链专利按本局配置的分类号、关键词及战略性新兴产业分支归集，一件专利可属于多条产业链；同比为上年申请量与前年申请量相比的变化，
        近 18 个月的申请因公开滞后尚不完整。
        {anyDemo ? '标注“示例”的产业链为演示用配置，数据为合成数据。' : ''}
      </Typography.Paragraph>
    </PageContainer>
  );
}
