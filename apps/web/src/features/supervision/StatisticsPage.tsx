/**
 * 执法统计: received, accepted, verified, filed, 诉转案, fines (万元), transfers to police, average working days to close and
 * the on-time rate, by county bureau, month or type, for a chosen period; 导出 Excel gives the same table as a return.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Radio, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, QuestionCircleOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  STAT_METRICS,
  STATISTICS_GROUP_BY,
  type EnforcementStatisticsDto,
  type StatisticsGroupBy,
  type StatisticsRowDto,
  type StatMetric,
} from '@zhichan/shared';
import { api, buildUrl } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { fmtRate, fmtWan } from './labels';
import './supervision.css';

interface Params {
  from: string;
  to: string;
  groupBy: StatisticsGroupBy;
}

const DEF = Object.fromEntries(STAT_METRICS.map((m) => [m.key, m])) as Record<StatMetric, (typeof STAT_METRICS)[number]>;

function head(key: StatMetric, unit?: string) {
  const m = DEF[key];
  return (
    <Tooltip title={m.definition}>
      <span>
        {m.label}
        {unit ? `（${unit}）` : ''} <QuestionCircleOutlined style={{ color: '#bfbfbf' }} />
      </span>
    </Tooltip>
  );
}

const GROUP_TITLE: Record<StatisticsGroupBy, string> = { unit: '单位', month: '月份', type: '类型' };

function columns(groupBy: StatisticsGroupBy): ColumnsType<StatisticsRowDto> {
  const n = (key: keyof StatisticsRowDto, metric: StatMetric, unit = '件') => ({
    title: head(metric, unit),
    dataIndex: key,
    align: 'right' as const,
    width: 96,
  });
  return [
    { title: GROUP_TITLE[groupBy], dataIndex: 'label', fixed: 'left', width: groupBy === 'unit' ? 200 : 110, ellipsis: true },
    n('received', 'received'),
    n('accepted', 'accepted'),
    n('leadsVerified', 'leadsVerified'),
    n('casesFiled', 'casesFiled'),
    n('complaintToCase', 'complaintToCase'),
    { title: head('finesAndConfiscations', '万元'), dataIndex: 'fineWan', align: 'right', width: 116, render: (v: number) => fmtWan(v) },
    n('transferredToPolice', 'transferredToPolice'),
    {
      title: head('avgWorkingDaysToClose'),
      dataIndex: 'avgWorkingDaysToClose',
      align: 'right',
      width: 116,
      render: (v: number | null, r) => (
        <Tooltip title={`结案 ${r.closedCases} 件`}>{v === null ? '—' : v.toFixed(1)}</Tooltip>
      ),
    },
    {
      title: head('onTimeRate'),
      dataIndex: 'onTimeRate',
      align: 'right',
      width: 104,
      render: (v: number | null, r) => <Tooltip title={`按期 ${r.deadlinesOnTime} / 完成 ${r.deadlinesCompleted}`}>{fmtRate(v)}</Tooltip>,
    },
  ];
}

export default function StatisticsPage() {
  const today = dayjs();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('year'), today]);
  const [groupBy, setGroupBy] = useState<StatisticsGroupBy>('unit');
  const [params, setParams] = useState<Params>({ from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD'), groupBy: 'unit' });

  const stats = useRequest<EnforcementStatisticsDto>(
    (signal) => api.get('/api/statistics/enforcement', { ...params }, { signal }),
    [params.from, params.to, params.groupBy],
  );

  const query = (g: StatisticsGroupBy = groupBy) =>
    setParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy: g });

  const s = stats.data;
  const cols = columns(params.groupBy);
  return (
    <PageContainer
      title="执法统计"
      subTitle="收到诉求与线索、受理、核查、立案、诉转案、罚没金额、移送公安、办结时长与按期办结率"
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={buildUrl('/api/statistics/enforcement.xlsx', { ...params })}
          disabled={!s}
          data-testid="statistics-export"
        >
          导出 Excel
        </Button>
      }
    >
      <Card>
        <Space wrap className="zs-filters">
          <span>统计期间</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            disabledDate={(d) => d.isAfter(today, 'day')}
            presets={[
              { label: '本年', value: [today.startOf('year'), today] },
              { label: '上一年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
              { label: '本季度', value: [today.startOf('month').subtract((today.month() % 3), 'month'), today] },
              { label: '本月', value: [today.startOf('month'), today] },
            ]}
          />
          <Radio.Group
            optionType="button"
            value={groupBy}
            onChange={(e) => {
              setGroupBy(e.target.value);
              query(e.target.value);
            }}
            options={(Object.keys(STATISTICS_GROUP_BY) as StatisticsGroupBy[]).map((g) => ({ value: g, label: STATISTICS_GROUP_BY[g] }))}
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => query()}>
            统计
          </Button>
        </Space>
        {s && (
          <Typography.Paragraph type="secondary">
            制表单位：{s.preparedBy || '—'}　统计期间：{s.from} 至 {s.to}　制表日期：{s.preparedOn}
          </Typography.Paragraph>
        )}
        <Table<StatisticsRowDto>
          rowKey="key"
          size="middle"
          bordered
          loading={stats.loading}
          dataSource={s?.rows ?? []}
          columns={cols}
          pagination={false}
          scroll={{ x: 1100 }}
          summary={() =>
            s ? (
              <Table.Summary fixed>
                <Table.Summary.Row className="zs-table-total">
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{s.total.received}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{s.total.accepted}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{s.total.leadsVerified}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{s.total.casesFiled}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{s.total.complaintToCase}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{fmtWan(s.total.fineWan)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{s.total.transferredToPolice}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    {s.total.avgWorkingDaysToClose === null ? '—' : s.total.avgWorkingDaysToClose.toFixed(1)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">{fmtRate(s.total.onTimeRate)}</Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
          data-testid="statistics-table"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          说明：罚没金额为罚款与没收违法所得之和，单位万元；平均办结工作日按官方节假日安排计算；按期办结率为统计期间内完成的办理期限中按期完成的比例。将鼠标移到列名上可查看统计口径。
        </Typography.Paragraph>
      </Card>
    </PageContainer>
  );
}
