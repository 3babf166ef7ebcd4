/**
 * 专利分析: the dashboard of one filter (产业链, 地区, 类型, 法律状态, 申请年, 申请人), kept in the URL. Every chart can be exported to
 * Excel with the same filter, opens the matching patents (查看明细), and drills down on click (user-expectations.md §3.1).
 */
import { useMemo } from 'react';
import { Alert, Card, Col, Row, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  countyBarOption,
  highValueCategoryOption,
  ipcTreemapOption,
  mixPieOption,
  seiBarOption,
  topApplicantsOption,
  trendOption,
  wipoBarOption,
  PATENT_TYPES,
  type LegalStatusCode,
  type PatentDashboardDto,
  type PatentTypeCode,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { EChart, type EChartClick } from '../../ui/EChart';
import { filterFromSearch, filterLabel, filterToQuery, filterToSearch, type PatentFilterWithQ } from './patentFilters';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import {
  ChartCard,
  DataStamp,
  DemoTag,
  Tile,
  TILE_ROW_STYLE,
  analyticsPath,
  applicantPath,
  fmtInt,
  searchPath,
  useCityRegions,
  usePatentChains,
} from './AnalyticsWidgets';

const TYPE_BY_SERIES: Record<string, PatentTypeCode> = { 发明: 'invention', 实用新型: 'utilityModel', 外观设计: 'design' };

/** Many years of data: let the user zoom the year axis. */
function withYearZoom(option: Record<string, unknown>, years: number): Record<string, unknown> {
  if (years <= 20) return option;
  return {
    ...option,
    grid: { ...(option.grid as object), bottom: 44 },
    dataZoom: [
      { type: 'inside', startValue: years - 20 },
      { type: 'slider', height: 16, bottom: 8, startValue: years - 20 },
    ],
  };
}

function barHeight(rows: number, per = 26, min = 240): number {
  return Math.max(min, rows * per + 70);
}

export default function AnalyticsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filter = useMemo(() => {
    const f = filterFromSearch(params);
    delete f.q; // the dashboard has no full-text query
    return f;
  }, [params]);
  const qs = filterToSearch(filter);
  const chains = usePatentChains();
  const { city, counties, demo } = useCityRegions();

  const setFilter = (f: PatentFilterWithQ) => setParams(new URLSearchParams(filterToSearch(f)));

  const dash = useRequest<PatentDashboardDto>(
    (signal) => api.get('/api/patent-stats/dashboard', filterToQuery(filter), { signal }),
    [qs],
  );
  const d = dash.data;

  const chain = filter.chainId ? chains.find((c) => c.id === filter.chainId) : undefined;
  const summary = filterLabel(filter, {
    chains: chains.map((c) => ({ id: c.id, name: c.name })),
    regions: [...(city ? [city] : []), ...counties],
  });

  const opts = useMemo(() => {
    if (!d) return null;
    return {
      appTrend: withYearZoom(trendOption(d.applicationTrend), d.applicationTrend.length),
      grantTrend: withYearZoom(trendOption(d.grantTrend), d.grantTrend.length),
      typeMix: mixPieOption(d.typeMix.filter((x) => x.value > 0)),
      statusMix: mixPieOption(d.statusMix.filter((x) => x.value > 0)),
      top: topApplicantsOption(d.topApplicants.slice(0, 20)),
      ipc: ipcTreemapOption(d.ipcTree),
      sei: seiBarOption(d.seiDistribution),
      wipo: wipoBarOption(d.wipoDistribution),
      county: countyBarOption(d.byCounty),
      hv: highValueCategoryOption(d.highValueByCategory),
    };
  }, [d]);

  // ---- drill-down
  const onAppTrend = (e: EChartClick) => {
    const year = Number(e.name);
    if (!Number.isInteger(year)) return;
    const type = e.seriesName ? TYPE_BY_SERIES[e.seriesName] : undefined;
    navigate(searchPath({ ...filter, yearFrom: year, yearTo: year, ...(type ? { type: [type] } : {}) }));
  };
  const onTypeMix = (e: EChartClick) => {
    const key = d?.typeMix.filter((x) => x.value > 0)[e.dataIndex]?.key;
    if (key && (PATENT_TYPES as readonly string[]).includes(key)) setFilter({ ...filter, type: [key as PatentTypeCode] });
  };
  const onStatusMix = (e: EChartClick) => {
    const key = d?.statusMix.filter((x) => x.value > 0)[e.dataIndex]?.key;
    if (key) setFilter({ ...filter, status: [key as LegalStatusCode] });
  };
  const onTop = (e: EChartClick) => {
    const name = d?.topApplicants[e.dataIndex]?.name;
    if (name) navigate(applicantPath(name));
  };
  const onIpc = (e: EChartClick) => {
    const code = (e.data as { code?: string } | undefined)?.code;
    if (code) navigate(searchPath({ ...filter, ipc: code }));
  };
  const onSei = (e: EChartClick) => {
    const branch = d?.seiDistribution[e.dataIndex]?.branchNo;
    if (branch) setFilter({ ...filter, seiBranch: branch });
  };
  const onCounty = (e: EChartClick) => {
    const code = d?.byCounty[e.dataIndex]?.regionCode;
    if (code) setFilter({ ...filter, region: code });
  };
  const onHv = (e: EChartClick) => {
    const cat = d?.highValueByCategory[e.dataIndex]?.category;
    if (cat) navigate(searchPath({ ...filter, highValue: true, hvCategory: cat }));
  };

  const showDemo = demo || chain?.isDemo;
  const isCounty = !!filter.region && filter.region.length === 6;

  return (
    <PageContainer
      title={
        <Space size={8}>
          <span>专利分析</span>
          {showDemo && <DemoTag text={chain?.isDemo && !demo ? '示例产业链' : '演示数据'} />}
        </Space>
      }
      subTitle={summary || '全部专利，未设置筛选条件'}
      extra={d ? <DataStamp source={d.source} rebuiltAt={d.rebuiltAt} /> : null}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <AnalyticsFilterBar filter={filter} onChange={setFilter} chains={chains} city={city} counties={counties} />
        </Card>

        {!dash.loading && !d && dash.error ? (
          <Alert type="error" showIcon title="统计数据加载失败" description="请稍后刷新页面重试。" />
        ) : null}

        <div style={TILE_ROW_STYLE} data-testid="analytics-tiles">
          <Tile label="专利总量（件）" value={fmtInt(d?.totals.patents)} />
          <Tile label="发明专利（件）" value={fmtInt(d?.totals.inventions)} />
          <Tile label="有效发明专利（件）" value={fmtInt(d?.totals.validInventions)} />
          <Tile label="已授权专利（件）" value={fmtInt(d?.totals.granted)} />
          <Tile label="高价值发明专利（件）" value={fmtInt(d?.totals.highValue)} />
          <Tile label="战略性新兴产业专利（件）" value={fmtInt(d?.totals.sei)} />
        </div>

        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <ChartCard
              title="申请趋势（按申请年）"
              widget="applicationTrend"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.applicationTrend.length === 0}
              note="近 18 个月数据因公开滞后不完整（发明专利申请通常在申请后约 18 个月公开）。点击柱形查看该年该类型的专利。"
              testId="chart-application-trend"
            >
              {opts && <EChart option={opts.appTrend} height={320} onClick={onAppTrend} imageName="申请趋势" />}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="授权趋势（按授权公告年）"
              widget="grantTrend"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.grantTrend.length === 0}
              note="近 18 个月数据因公开滞后不完整。申请年筛选条件仍按申请日计算。"
              testId="chart-grant-trend"
            >
              {opts && <EChart option={opts.grantTrend} height={320} imageName="授权趋势" />}
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title="类型构成"
              widget="typeMix"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.typeMix.every((x) => x.value === 0)}
              note="点击扇区按该类型筛选。"
              testId="chart-type-mix"
            >
              {opts && <EChart option={opts.typeMix} height={280} onClick={onTypeMix} imageName="类型构成" />}
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title="法律状态"
              widget="statusMix"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.statusMix.every((x) => x.value === 0)}
              note="点击扇区按该法律状态筛选。"
              testId="chart-status-mix"
            >
              {opts && <EChart option={opts.statusMix} height={280} onClick={onStatusMix} imageName="法律状态" />}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="申请人排名（前 20 名）"
              widget="topApplicants"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.topApplicants.length === 0}
              note="点击申请人查看申请人画像。"
              testId="chart-top-applicants"
            >
              {opts && d && (
                <EChart
                  option={opts.top}
                  height={barHeight(Math.min(20, d.topApplicants.length), 24)}
                  onClick={onTop}
                  imageName="申请人排名"
                />
              )}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="IPC 技术构成"
              widget="ipc"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.ipcTree.length === 0}
              note="按主分类号统计（部 → 大类 → 小类）。点击色块检索该分类号下的专利。"
              testId="chart-ipc"
            >
              {opts && <EChart option={opts.ipc} height={420} onClick={onIpc} imageName="IPC技术构成" />}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="战略性新兴产业分布"
              widget="sei"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.seiDistribution.length === 0}
              note="依据《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》归类；一件专利可属多个分支。点击分支按其筛选。"
              testId="chart-sei"
            >
              {opts && d && (
                <EChart option={opts.sei} height={barHeight(d.seiDistribution.length, 30)} onClick={onSei} imageName="战略性新兴产业分布" />
              )}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="WIPO 技术领域"
              widget="wipo"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.wipoDistribution.length === 0}
              note="依据世界知识产权组织 IPC 与技术领域对照表（35 个技术领域）；一件专利可属多个领域。"
              testId="chart-wipo"
            >
              {opts && d && <EChart option={opts.wipo} height={barHeight(d.wipoDistribution.length, 22)} imageName="WIPO技术领域" />}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="各县（市、区）对比"
              widget="byCounty"
              filter={filter}
              loading={dash.loading && !d}
              empty={!!d && d.byCounty.length === 0}
              note={
                <>
                  未接入经审核的行政区划底图，以柱状图展示。按申请人地址归属县（市、区）；点击柱形查看该县（市、区）。
                  {isCounty ? '当前已按单个县（市、区）筛选。' : ''}
                </>
              }
              testId="chart-county"
            >
              {opts && <EChart option={opts.county} height={320} onClick={onCounty} imageName="各县市区对比" />}
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title="高价值发明专利五类"
              widget="highValue"
              filter={filter}
              detailPath={searchPath({ ...filter, highValue: true })}
              loading={dash.loading && !d}
              empty={!!d && d.highValueByCategory.length === 0}
              note={`一件专利可同时属于多类，各类之和不等于高价值发明专利总数（${fmtInt(d?.totals.highValue)} 件）。点击类别查看明细。`}
              testId="chart-high-value"
            >
              {opts && <EChart option={opts.hv} height={260} onClick={onHv} imageName="高价值发明专利五类" />}
            </ChartCard>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          说明：统计对象为数据库中已导入的专利著录项目；地区按申请人地址归属。高价值发明专利按国家知识产权局五类情形认定，仅统计有效发明专利。
          {d ? <> 本页数据来自{d.source === 'rollup' ? '汇总表' : '明细表'}。</> : null}
          <a onClick={() => navigate(analyticsPath({}))}>清除全部筛选</a>
        </Typography.Paragraph>
      </Space>
    </PageContainer>
  );
}
