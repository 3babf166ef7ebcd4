/**
 * 申请人画像 (?name=): totals, type and legal-status mix, application/grant trend, top IPC subclasses with Chinese titles, the
 * industry chains it files in, and its co-applicants (合作申请人). Links open its patents in 专利检索.
 */
import { useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  applicationGrantTrendOption,
  mixPieOption,
  rankBarOption,
  LEGAL_STATUSES,
  LEGAL_STATUS_LABELS,
  PATENT_TYPES,
  PATENT_TYPE_LABELS,
  type ApplicantProfileDto,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { EChart, type EChartClick } from '../../ui/EChart';
import { ApplicantInput } from './AnalyticsFilterBar';
import { ChartCard, DemoTag, Tile, TILE_ROW_STYLE, analyticsPath, applicantPath, fmtInt, searchPath, useCityRegions } from './AnalyticsWidgets';

export default function ApplicantProfilePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const name = params.get('name')?.trim() || '';
  const { demo } = useCityRegions();

  const req = useRequest<ApplicantProfileDto>(
    (signal) => api.get('/api/patents/applicants/profile', { name }, { signal }),
    [name],
    { enabled: !!name, onError: () => undefined },
  );
  const p = name ? req.data : undefined;
  const notFound = isApiError(req.error) && req.error.status === 404;

  const opts = useMemo(() => {
    if (!p) return null;
    return {
      type: mixPieOption(PATENT_TYPES.filter((t) => (p.byType[t] ?? 0) > 0).map((t) => ({ key: t, name: PATENT_TYPE_LABELS[t], value: p.byType[t] }))),
      status: mixPieOption(
        LEGAL_STATUSES.filter((s) => (p.byStatus[s] ?? 0) > 0).map((s) => ({
          key: s,
          name: LEGAL_STATUS_LABELS[s],
          value: p.byStatus[s] ?? 0,
        })),
      ),
      trend: applicationGrantTrendOption(p.trend),
      ipc: rankBarOption(
        p.topIpc.map((x) => ({ name: x.titleZh ? `${x.subclass} ${x.titleZh}` : x.subclass, n: x.n })),
        undefined,
        '专利数量',
      ),
    };
  }, [p]);

  const onIpc = (e: EChartClick) => {
    const sub = p?.topIpc[e.dataIndex]?.subclass;
    if (sub && p) navigate(searchPath({ applicant: p.name, ipc: sub }));
  };

  const search = (
    <ApplicantInput value={name || undefined} onApply={(n) => n && navigate(applicantPath(n))} placeholder="输入申请人名称查找" width={320} />
  );

  return (
    <PageContainer
      title={
        <Space size={8}>
          <span>申请人画像</span>
          {demo && <DemoTag />}
        </Space>
      }
      subTitle={p ? p.name : '按申请人（专利权人）名称查看其专利概况'}
      extra={
        <Space>
          {search}
          {p && (
            <Link to={searchPath({ applicant: p.name })}>
              <Button type="primary" icon={<SearchOutlined />} data-testid="applicant-patents">
                查看该申请人的专利
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      {!name ? (
        <Card>
          <Empty description="请在右上角输入申请人名称，或从专利分析的申请人排名点击进入" />
        </Card>
      ) : req.loading && !p ? (
        <div className="zc-center">
          <Spin />
        </div>
      ) : !p ? (
        notFound ? (
          <Card>
            <Empty description={`数据库中没有申请人“${name}”的专利`} />
          </Card>
        ) : req.error ? (
          <Alert type="error" showIcon title={isApiError(req.error) ? req.error.message : '申请人画像加载失败，请稍后再试'} />
        ) : null
      ) : p.total === 0 ? (
        <Card>
          <Empty description={`数据库中没有申请人“${p.name}”的专利`} />
        </Card>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div style={TILE_ROW_STYLE} data-testid="applicant-tiles">
            <Tile label="专利总量（件）" value={fmtInt(p.total)} />
            <Tile label="发明（件）" value={fmtInt(p.byType.invention)} />
            <Tile label="实用新型（件）" value={fmtInt(p.byType.utilityModel)} />
            <Tile label="外观设计（件）" value={fmtInt(p.byType.design)} />
            <Tile label="有效发明专利（件）" value={fmtInt(p.validInventions)} />
            <Tile label="高价值发明专利（件）" value={<Link to={searchPath({ applicant: p.name, highValue: true })}>{fmtInt(p.highValue)}</Link>} />
          </div>
          {p.countyName && (
            <Typography.Text type="secondary">
              所在地区：{p.countyName}（按申请人地址归属）
            </Typography.Text>
          )}
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <ChartCard title="申请与授权趋势" detailPath={searchPath({ applicant: p.name })} empty={p.trend.length === 0} note="近 18 个月数据因公开滞后不完整。">
                {opts && <EChart option={opts.trend} height={300} imageName={`${p.name}申请与授权趋势`} />}
              </ChartCard>
            </Col>
            <Col xs={12} xl={6}>
              <ChartCard title="类型构成" detailPath={null}>
                {opts && <EChart option={opts.type} height={300} />}
              </ChartCard>
            </Col>
            <Col xs={12} xl={6}>
              <ChartCard title="法律状态" detailPath={null}>
                {opts && <EChart option={opts.status} height={300} />}
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard
                title="主要技术领域（IPC 小类）"
                detailPath={null}
                empty={p.topIpc.length === 0}
                note="按主分类号小类统计。点击查看该申请人在此小类下的专利。"
              >
                {opts && <EChart option={opts.ipc} height={Math.max(220, p.topIpc.length * 28 + 60)} onClick={onIpc} />}
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                <Card size="small" title="所属产业链">
                  {p.chains.length === 0 ? (
                    <Typography.Text type="secondary">未归入已配置的产业链</Typography.Text>
                  ) : (
                    <Space wrap>
                      {p.chains.map((c) => (
                        <Link key={c.chainId} to={analyticsPath({ chainId: c.chainId, applicant: p.name })}>
                          <Tag color="blue" style={{ cursor: 'pointer' }}>
                            {c.name} {fmtInt(c.n)} 件
                          </Tag>
                        </Link>
                      ))}
                    </Space>
                  )}
                </Card>
                <Card size="small" title="合作申请人" styles={{ body: { padding: 0 } }}>
                  <Table
                    rowKey="name"
                    size="small"
                    dataSource={p.coApplicants}
                    pagination={p.coApplicants.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    locale={{ emptyText: '无共同申请的专利' }}
                    columns={[
                      { title: '合作申请人', dataIndex: 'name', render: (v: string) => <Link to={applicantPath(v)}>{v}</Link> },
                      {
                        title: '共同申请（件）',
                        dataIndex: 'n',
                        align: 'right',
                        width: 130,
                        render: (n: number) => fmtInt(n),
                      },
                    ]}
                  />
                </Card>
              </Space>
            </Col>
          </Row>
        </Space>
      )}
    </PageContainer>
  );
}
