/**
 * 调解统计: the mediations registered in a period within the actor's scope — total, agreements, success rate, average
 * duration, amounts agreed; by source, by outcome, by mediator; court cases concluded within the court's period. 导出
 * Excel gives the same breakdowns (one sheet each) for the chosen period.
 */
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, QuestionCircleOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { MediationStatsDto } from '@zhichan/shared';
import { api, buildUrl } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { fmtDays, fmtRate, yuan } from './labels';
import './mediation.css';

type SourceRow = MediationStatsDto['bySource'][number];
type MediatorRow = MediationStatsDto['byMediator'][number];
type OutcomeRow = MediationStatsDto['byOutcome'][number];

const head = (label: string, tip: string) => (
  <Tooltip title={tip}>
    <span>
      {label} <QuestionCircleOutlined style={{ color: '#bfbfbf' }} />
    </span>
  </Tooltip>
);

const rate = (agreement: number, terminated: number) => (agreement + terminated > 0 ? agreement / (agreement + terminated) : null);

const SOURCE_COLUMNS: ColumnsType<SourceRow> = [
  { title: '来源', dataIndex: 'label', width: 150 },
  { title: '受理登记', dataIndex: 'total', align: 'right', width: 84 },
  { title: '达成协议', dataIndex: 'agreement', align: 'right', width: 84 },
  { title: '调解终止', dataIndex: 'terminated', align: 'right', width: 84 },
  { title: '不予调解', dataIndex: 'refused', align: 'right', width: 84 },
  { title: '办理中', dataIndex: 'open', align: 'right', width: 84 },
  {
    title: head('调解成功率', '达成协议 ÷（达成协议 + 调解终止）'),
    key: 'rate',
    align: 'right',
    width: 116,
    render: (_: unknown, r) => fmtRate(rate(r.agreement, r.terminated)),
  },
];

const MEDIATOR_COLUMNS: ColumnsType<MediatorRow> = [
  { title: '调解员', dataIndex: 'name', width: 160 },
  { title: '参与调解', dataIndex: 'count', align: 'right', width: 96, render: (v: number) => `${v} 件` },
  { title: '达成协议', dataIndex: 'agreements', align: 'right', width: 96, render: (v: number) => `${v} 件` },
  {
    title: head('平均用时', '自申请（收到委派、委托）之日至协议生效或终止调解之日的自然日数'),
    dataIndex: 'averageDurationDays',
    align: 'right',
    width: 120,
    render: fmtDays,
  },
];

const OUTCOME_COLUMNS: ColumnsType<OutcomeRow> = [
  { title: '结果', dataIndex: 'label', width: 160 },
  { title: '件数', dataIndex: 'count', align: 'right', width: 96 },
];

export default function MediationStatsPage() {
  const today = dayjs();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('year'), today]);
  const [params, setParams] = useState({ from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') });

  const stats = useRequest<MediationStatsDto>((signal) => api.get('/api/mediation-stats', params, { signal }), [params.from, params.to]);
  const s = stats.data;
  const agreements = s?.byOutcome.find((o) => o.outcome === 'agreement')?.count ?? 0;
  const query = () => setParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });

  return (
    <PageContainer
      title="调解统计"
      subTitle="按来源、结果、调解员统计调解件数、成功率和用时；法院委派、委托案件在法院期限内办结情况"
      extra={
        <Button icon={<DownloadOutlined />} href={buildUrl('/api/mediation-stats.xlsx', params)} disabled={!s} data-testid="mediation-stats-export">
          导出 Excel
        </Button>
      }
    >
      <Card className="zm-block">
        <Space wrap>
          <span>统计期间</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            disabledDate={(d) => d.isAfter(today, 'day')}
            presets={[
              { label: '本年', value: [today.startOf('year'), today] },
              { label: '上一年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
              { label: '本季度', value: [today.startOf('month').subtract(today.month() % 3, 'month'), today] },
              { label: '本月', value: [today.startOf('month'), today] },
            ]}
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={query} data-testid="mediation-stats-query">
            统计
          </Button>
        </Space>
        {s && (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            统计范围：{s.scopeLabel}　统计期间：{s.from} 至 {s.to}（按申请或收到委派、委托的日期）
          </Typography.Paragraph>
        )}
      </Card>

      <Row gutter={[16, 16]} className="zm-stat-cards zm-block" data-testid="mediation-stats-cards">
        <Col xs={12} md={8} xl={4}>
          <Card loading={stats.loading}>
            <Statistic title="调解总数" value={s?.total ?? 0} suffix="件" />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card loading={stats.loading}>
            <Statistic title="达成协议" value={agreements} suffix="件" />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card loading={stats.loading}>
            <Statistic title={head('调解成功率', '达成协议 ÷（达成协议 + 调解终止），办理中和不予调解的不计入')} value={fmtRate(s?.successRate ?? null)} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card loading={stats.loading}>
            <Statistic title={head('平均用时', '自申请之日至协议生效或终止调解之日的自然日数')} value={fmtDays(s?.averageDurationDays ?? null)} />
          </Card>
        </Col>
        <Col xs={24} md={8} xl={5}>
          <Card loading={stats.loading}>
            <Statistic title="协议金额合计" value={s ? yuan(s.amountAgreed) : '—'} />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="按来源" size="small">
            <Table<SourceRow>
              rowKey="source"
              size="small"
              bordered
              loading={stats.loading}
              dataSource={s?.bySource ?? []}
              columns={SOURCE_COLUMNS}
              pagination={false}
              scroll={{ x: 680 }}
              data-testid="mediation-stats-source"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="按结果" size="small">
            <Table<OutcomeRow> rowKey="outcome" size="small" bordered loading={stats.loading} dataSource={s?.byOutcome ?? []} columns={OUTCOME_COLUMNS} pagination={false} />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title="按调解员" size="small">
            <Table<MediatorRow>
              rowKey="mediatorId"
              size="small"
              bordered
              loading={stats.loading}
              dataSource={s?.byMediator ?? []}
              columns={MEDIATOR_COLUMNS}
              pagination={s && s.byMediator.length > 20 ? { pageSize: 20, showTotal: (n) => `共 ${n} 名` } : false}
              locale={{ emptyText: '统计期间没有指派调解员的调解' }}
              data-testid="mediation-stats-mediator"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="法院委派、委托调解" size="small" data-testid="mediation-stats-court">
            {s && s.court.total > 0 ? (
              <>
                <Row gutter={16}>
                  <Col span={12}>
                    <Statistic title="法院移送" value={s.court.total} suffix="件" />
                  </Col>
                  <Col span={12}>
                    <Statistic title="期限内办结" value={s.court.withinPeriod} suffix="件" />
                  </Col>
                  <Col span={12} style={{ marginTop: 16 }}>
                    <Statistic title="超期办结" value={s.court.afterPeriod} suffix="件" styles={s.court.afterPeriod > 0 ? { content: { color: '#cf1322' } } : undefined} />
                  </Col>
                  <Col span={12} style={{ marginTop: 16 }}>
                    <Statistic title="办理中" value={s.court.open} suffix="件" />
                  </Col>
                </Row>
                <Typography.Paragraph type="secondary" className="zm-sub" style={{ marginTop: 12, marginBottom: 0 }}>
                  期限内办结：在法院委派（30 日）、委托（普通程序 15 日、简易程序 7 日，经双方同意延长的按延长后计算）期限内达成协议或终止调解（特邀调解规定 第二十七条）。
                </Typography.Paragraph>
              </>
            ) : (
              <Typography.Text type="secondary">统计期间没有法院委派、委托的调解</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
