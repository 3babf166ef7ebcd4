/**
 * 高价值发明专利: 每万人口高价值发明专利拥有量 for the city and each county (legal-rules.md §2; user-expectations.md §3.2).
 * A missing population is shown as 待录入 with a 录入 button, never estimated. Tabs hold the inputs the indicator needs:
 * 常住人口 (with 来源), 年度目标, 官方发布数 and 生成本期快照.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Popconfirm, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  highValueCategoryOption,
  kpiTrendOption,
  type KpiRegionRow,
  type PatentKpiDto,
  type PopulationDto,
} from '@zhichan/shared';
import { api, buildUrl } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { EChart, type EChartClick } from '../../ui/EChart';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { useAuth } from '../../admin/auth';
import { ChartCard, DemoTag, fmtInt, searchPath, useCityRegions } from './AnalyticsWidgets';
import { OfficialModal, PopulationModal, TargetModal, type KpiTargetRow, type PopulationInitial } from './KpiForms';

const THIS_YEAR = new Date().getFullYear();

function fmtKpi(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(2);
}

function completion(r: KpiRegionRow): string {
  if (r.value === null || r.target === null || r.target <= 0) return '—';
  return `${((r.value / r.target) * 100).toFixed(1)}%`;
}

export default function KpiPage() {
  const { can } = useAuth();
  const canConfigure = can('patent.configure');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const tab = params.get('tab') ?? 'overview';
  const { city, counties, demo } = useCityRegions();

  const kpi = useRequest<PatentKpiDto>((signal) => api.get('/api/patent-kpi', { year }, { signal }), [year]);
  const population = useRequest<PopulationDto[]>((signal) => api.get('/api/patent-population', undefined, { signal }), []);
  const targets = useRequest<KpiTargetRow[]>((signal) => api.get('/api/patent-kpi/targets', undefined, { signal }), []);

  const [popModal, setPopModal] = useState<{ initial: PopulationInitial | null; editing: boolean } | null>(null);
  const [targetModal, setTargetModal] = useState<Partial<KpiTargetRow> | null>(null);
  const [officialOpen, setOfficialOpen] = useState(false);
  const [snapshotting, setSnapshotting] = useState(false);

  const k = kpi.data;
  const cityRow = k?.rows.find((r) => r.level === 'city');
  const regionNames = useMemo(() => {
    const m = new Map<string, string>();
    if (city) m.set(city.code, city.name);
    for (const c of counties) m.set(c.code, c.name);
    for (const r of k?.rows ?? []) m.set(r.regionCode, r.name);
    return m;
  }, [city, counties, k]);

  const trendOpt = useMemo(() => (k ? kpiTrendOption(k.trend, cityRow?.target ?? null) : null), [k, cityRow]);
  const catOpt = useMemo(() => (k ? highValueCategoryOption(k.byCategory) : null), [k]);

  const setTab = (t: string) => {
    const p = new URLSearchParams(params);
    p.set('tab', t);
    setParams(p, { replace: true });
  };
  const setYear = (y: number | undefined) => {
    const p = new URLSearchParams(params);
    if (y) p.set('year', String(y));
    else p.delete('year');
    setParams(p);
  };

  const reloadAll = () => {
    kpi.reload();
    population.reload();
    targets.reload();
  };

  const snapshot = async () => {
    setSnapshotting(true);
    try {
      await api.post('/api/patent-kpi/snapshot', {});
      showSuccess('已生成本期快照');
      kpi.reload();
    } catch (e) {
      showError(e, '生成快照失败，请稍后再试');
    } finally {
      setSnapshotting(false);
    }
  };

  const removePopulation = async (p: PopulationDto) => {
    try {
      await api.del(`/api/patent-population/${encodeURIComponent(p.regionCode)}/${p.year}`);
      showSuccess('已删除');
      reloadAll();
    } catch (e) {
      showError(e, '删除失败，请稍后再试');
    }
  };

  const onCategory = (e: EChartClick) => {
    const cat = k?.byCategory[e.dataIndex]?.category;
    if (cat) navigate(searchPath({ highValue: true, hvCategory: cat }));
  };

  const overview = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {k && k.missingPopulation.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`以下地区缺少常住人口数据，暂不能计算每万人口拥有量：${k.missingPopulation.map((m) => m.name).join('、')}`}
          description="常住人口须以统计公报等权威来源录入，系统不作估算。"
          action={
            canConfigure ? (
              <Button size="small" onClick={() => setPopModal({ initial: { regionCode: k.missingPopulation[0].regionCode }, editing: false })}>
                录入常住人口
              </Button>
            ) : undefined
          }
        />
      )}
      <Card size="small" title="每万人口高价值发明专利拥有量" data-testid="kpi-table-card">
        <Table<KpiRegionRow>
          rowKey="regionCode"
          size="middle"
          bordered
          loading={kpi.loading}
          dataSource={k?.rows ?? []}
          pagination={false}
          scroll={{ x: 960 }}
          data-testid="kpi-table"
          columns={[
            {
              title: '地区',
              dataIndex: 'name',
              fixed: 'left',
              width: 140,
              render: (v: string, r) => (r.level === 'city' ? <b>{v}</b> : v),
            },
            {
              title: '高价值发明专利（件）',
              dataIndex: 'highValueCount',
              align: 'right',
              width: 120,
              render: (v: number, r) => (
                <a onClick={() => navigate(searchPath({ highValue: true, ...(r.level === 'county' ? { region: r.regionCode } : {}) }))}>{fmtInt(v)}</a>
              ),
            },
            { title: '有效发明专利（件）', dataIndex: 'validInventions', align: 'right', width: 120, render: fmtInt },
            {
              title: '常住人口（万人）',
              dataIndex: 'populationWan',
              align: 'right',
              width: 180,
              render: (v: number | null, r) =>
                v === null ? (
                  <Space size={4}>
                    <Tag color="warning">待录入</Tag>
                    {canConfigure && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setPopModal({ initial: { regionCode: r.regionCode }, editing: false })}
                        data-testid={`population-enter-${r.regionCode}`}
                      >
                        录入
                      </Button>
                    )}
                  </Space>
                ) : (
                  <Tooltip title={`${r.populationYear ?? ''}年 · 来源：${r.populationSource ?? '未注明'}`}>
                    <span>
                      {v.toFixed(2)}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        （{r.populationYear}年）
                      </Typography.Text>
                    </span>
                  </Tooltip>
                ),
            },
            {
              title: '每万人口拥有量（件）',
              dataIndex: 'value',
              align: 'right',
              width: 130,
              render: (v: number | null) => (v === null ? <Typography.Text type="secondary">待录入人口</Typography.Text> : <b>{fmtKpi(v)}</b>),
            },
            {
              title: '年度目标',
              dataIndex: 'target',
              align: 'right',
              width: 110,
              render: (v: number | null, r) => (v === null ? '未设置' : `${fmtKpi(v)}${r.targetYear ? `（${r.targetYear}年）` : ''}`),
            },
            { title: '完成率', key: 'rate', align: 'right', width: 90, render: (_: unknown, r) => completion(r) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          口径：每万人口高价值发明专利拥有量 = 高价值发明专利件数 ÷ 常住人口（万人），保留两位小数。高价值发明专利指有效发明专利中属于五类情形之一者：
          战略性新兴产业的发明专利、在海外有同族专利权的发明专利、维持年限超过 10 年的发明专利、实现较高质押融资金额的发明专利、获得国家科学技术奖或中国专利奖的发明专利。
          {k ? `统计截至 ${fmtDate(k.asOf)}。` : ''}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={`趋势（${cityRow?.name ?? '全市'}）`}
            loading={kpi.loading && !k}
            empty={!!k && k.trend.every((t) => t.value === null)}
            detailPath={null}
            note="蓝色实线为系统按快照测算的数值，橙色点线为录入的官方发布数，红色虚线为年度目标。"
            testId="kpi-trend"
          >
            {trendOpt && <EChart option={trendOpt} height={300} imageName="每万人口高价值发明专利拥有量趋势" />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="高价值发明专利五类"
            loading={kpi.loading && !k}
            empty={!!k && k.byCategory.length === 0}
            detailPath={searchPath({ highValue: true })}
            note="一件专利可同时属于多类，各类之和不等于高价值发明专利总数。点击类别查看明细。"
            testId="kpi-categories"
          >
            {catOpt && <EChart option={catOpt} height={300} onClick={onCategory} imageName="高价值发明专利五类" />}
          </ChartCard>
        </Col>
      </Row>
    </Space>
  );

  const populationTab = (
    <Card
      size="small"
      title="常住人口"
      extra={
        canConfigure && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPopModal({ initial: null, editing: false })} data-testid="population-add">
            录入常住人口
          </Button>
        )
      }
    >
      <Table<PopulationDto>
        rowKey={(r) => `${r.regionCode}-${r.year}`}
        size="middle"
        loading={population.loading}
        dataSource={population.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="population-table"
        columns={[
          { title: '地区', dataIndex: 'regionName', width: 140 },
          { title: '年份', dataIndex: 'year', width: 80, sorter: (a, b) => a.year - b.year },
          { title: '常住人口（万人）', dataIndex: 'populationWan', align: 'right', width: 140, render: (v: number) => v.toFixed(2) },
          {
            title: '数据来源',
            dataIndex: 'source',
            render: (v: string, r) =>
              r.sourceUrl ? (
                <a href={r.sourceUrl} target="_blank" rel="noreferrer noopener">
                  {v}
                </a>
              ) : (
                v
              ),
          },
          { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
          { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: fmtTime },
          ...(canConfigure
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 120,
                  render: (_: unknown, r: PopulationDto) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        onClick={() =>
                          setPopModal({
                            initial: {
                              regionCode: r.regionCode,
                              year: r.year,
                              populationWan: r.populationWan,
                              source: r.source,
                              sourceUrl: r.sourceUrl,
                              note: r.note,
                            },
                            editing: true,
                          })
                        }
                      >
                        修改
                      </Button>
                      <Popconfirm title={`删除${r.regionName} ${r.year} 年的常住人口？`} okText="删除" cancelText="取消" onConfirm={() => removePopulation(r)}>
                        <Button size="small" type="link" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        计算时取不晚于统计年度的最近一年常住人口。每条数据须注明来源（如统计公报），便于核对。
      </Typography.Paragraph>
    </Card>
  );

  const targetsTab = (
    <Card
      size="small"
      title="年度目标"
      extra={
        canConfigure && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTargetModal({})} data-testid="target-add">
            设置年度目标
          </Button>
        )
      }
    >
      <Table<KpiTargetRow>
        rowKey={(r) => `${r.regionCode}-${r.year}`}
        size="middle"
        loading={targets.loading}
        dataSource={targets.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="target-table"
        columns={[
          { title: '地区', dataIndex: 'regionCode', width: 140, render: (v: string, r) => r.regionName ?? regionNames.get(v) ?? v },
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '目标（件/万人）', dataIndex: 'target', align: 'right', width: 140, render: (v: number) => fmtKpi(v) },
          { title: '目标依据', dataIndex: 'source', render: (v: string | null | undefined) => v ?? '' },
          ...(canConfigure
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, r: KpiTargetRow) => (
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setTargetModal(r)}>
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );

  const officialTab = (
    <Card
      size="small"
      title="官方发布数与本期快照"
      extra={
        canConfigure && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setOfficialOpen(true)} data-testid="official-add">
              录入官方发布数
            </Button>
            <Popconfirm
              title="按当前数据计算并保存本期快照？"
              description="快照记录当前的高价值发明专利件数与每万人口拥有量，用于趋势对比。"
              okText="生成"
              cancelText="取消"
              onConfirm={snapshot}
            >
              <Button type="primary" loading={snapshotting} data-testid="snapshot">
                生成本期快照
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Table
        rowKey={(r) => `${r.origin}-${r.asOf}`}
        size="middle"
        loading={kpi.loading}
        dataSource={[...(k?.trend ?? [])].sort((a, b) => b.asOf.localeCompare(a.asOf))}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="trend-table"
        columns={[
          { title: '截至日期', dataIndex: 'asOf', width: 120, render: fmtDate },
          {
            title: '类别',
            dataIndex: 'origin',
            width: 110,
            render: (v: 'computed' | 'official') => (v === 'official' ? <Tag color="gold">官方发布</Tag> : <Tag color="blue">系统测算</Tag>),
          },
          { title: `每万人口拥有量（${cityRow?.name ?? '全市'}）`, dataIndex: 'value', align: 'right', width: 170, render: (v: number | null) => (v === null ? '待录入人口' : fmtKpi(v)) },
          { title: '出处或说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );

  return (
    <PageContainer
      title={
        <Space size={8}>
          <span>高价值发明专利</span>
          {demo && <DemoTag />}
        </Space>
      }
      subTitle="每万人口高价值发明专利拥有量及五类构成"
      extra={
        <Space>
          <Select
            style={{ width: 130 }}
            value={year ?? 0}
            onChange={(v: number) => setYear(v || undefined)}
            options={[
              { value: 0, label: '当前年度' },
              ...Array.from({ length: 6 }, (_, i) => THIS_YEAR - 1 - i).map((y) => ({ value: y, label: `${y}年度` })),
            ]}
            data-testid="kpi-year"
          />
          <Button icon={<DownloadOutlined />} href={buildUrl('/api/patent-kpi/export.xlsx', { year })} data-testid="kpi-export">
            导出 Excel
          </Button>
        </Space>
      }
    >
      {k && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          质押融资金额阈值 {fmtInt(k.pledgeThresholdWan)} 万元，由本局设定
          <Tooltip title="“实现较高质押融资金额”的具体金额国家未作统一规定，本系统按本局设定的阈值认定：单件专利质押融资金额达到阈值即属此类。">
            <QuestionCircleOutlined style={{ marginLeft: 4, color: '#bfbfbf' }} />
          </Tooltip>
        </Typography.Paragraph>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'overview', label: '指标总览', children: overview },
          { key: 'population', label: '常住人口', children: populationTab },
          { key: 'targets', label: '年度目标', children: targetsTab },
          { key: 'official', label: '官方发布数与快照', children: officialTab },
        ]}
      />
      <PopulationModal
        open={!!popModal}
        initial={popModal?.initial ?? null}
        editing={popModal?.editing ?? false}
        city={city}
        counties={counties}
        onClose={() => setPopModal(null)}
        onSaved={() => {
          setPopModal(null);
          reloadAll();
        }}
      />
      <TargetModal
        open={!!targetModal}
        initial={targetModal}
        city={city}
        counties={counties}
        onClose={() => setTargetModal(null)}
        onSaved={() => {
          setTargetModal(null);
          reloadAll();
        }}
      />
      <OfficialModal
        open={officialOpen}
        city={city}
        counties={counties}
        onClose={() => setOfficialOpen(false)}
        onSaved={() => {
          setOfficialOpen(false);
          kpi.reload();
        }}
      />
    </PageContainer>
  );
}
