import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Select, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { EditOutlined, FormOutlined, LinkOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useAuth } from '../../admin/auth';
import { fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { FIRST_YEAR, loadYearView, type YearView } from './calendarData';
import { DeadlineCalculator } from './DeadlineCalculator';
import { NoticeFormModal } from './NoticeFormModal';
import { CalendarLegend, YearCalendar } from './YearCalendar';

function yearStats(view: YearView) {
  let working = 0;
  let holiday = 0;
  let adjusted = 0;
  const d = new Date(Date.UTC(view.year, 0, 1));
  while (d.getUTCFullYear() === view.year) {
    const e = view.explain(d.toISOString().slice(0, 10));
    if (e.workingDay) working++;
    if (e.kind === 'holiday') holiday++;
    if (e.kind === 'adjustedWorkday') adjusted++;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return { working, holiday, adjusted };
}

function NoticeInfo({ view }: { view: YearView }) {
  const n = view.dto.notice;
  if (!n) return null;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'title',
          label: '通知',
          span: 2,
          children: n.url ? (
            <a href={n.url} target="_blank" rel="noreferrer noopener">
              {n.title} <LinkOutlined />
            </a>
          ) : (
            n.title
          ),
        },
        { key: 'no', label: '文号', children: n.documentNo || '—' },
        {
          key: 'source',
          label: '来源',
          children:
            n.source === 'official-seed'
              ? '系统预置（国务院办公厅通知）'
              : `管理员录入${n.enteredBy ? `（${n.enteredBy}，${fmtTime(n.enteredAt)}）` : ''}`,
        },
        ...(n.fileId
          ? [
              {
                key: 'file',
                label: '通知文件',
                children: (
                  <a href={`/api/calendar/years/${view.year}/notice-file`} target="_blank" rel="noreferrer noopener">
                    <PaperClipOutlined /> 查看 PDF
                  </a>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export default function CalendarPage() {
  const { can } = useAuth();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState(false);
  const view = useRequest<YearView>((signal) => loadYearView(year, signal), [year]);
  const years = useMemo(
    () => Array.from({ length: thisYear + 1 - FIRST_YEAR + 1 }, (_, i) => thisYear + 1 - i),
    [thisYear],
  );
  const current = view.data && view.data.year === year ? view.data : undefined;
  const stats = useMemo(() => (current ? yearStats(current) : null), [current]);
  const mayEdit = can('calendar.update');

  return (
    <PageContainer
      title="节假日与工作日"
      subTitle="依据国务院办公厅每年发布的部分节假日安排通知，办理期限据此计算"
      extra={
        <Space wrap>
          <Select
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
            style={{ width: 120 }}
            aria-label="选择年度"
            data-testid="calendar-year"
          />
          {mayEdit && current?.dto.covered && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改放假安排
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Spin spinning={view.loading}>
              {current && !current.dto.covered && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="calendar-not-covered"
                  title="尚未录入该年度国务院办公厅节假日安排通知，期限计算按普通周末处理（临时）"
                  action={
                    mayEdit && (
                      <Button type="primary" icon={<FormOutlined />} onClick={() => setEditing(true)}>
                        录入放假安排
                      </Button>
                    )
                  }
                />
              )}
              {current && <NoticeInfo view={current} />}
              {stats && (
                <Space size={32} wrap style={{ margin: '8px 0 4px' }}>
                  <Statistic title="全年工作日" value={stats.working} suffix="天" />
                  <Statistic title="节假日放假" value={stats.holiday} suffix="天" />
                  <Statistic title="调休上班" value={stats.adjusted} suffix="天" />
                  {!current?.dto.covered && <Tag color="warning">临时</Tag>}
                </Space>
              )}
            </Spin>
          </Card>
          <Card size="small" title={`${year} 年日历`} extra={<CalendarLegend />}>
            <Spin spinning={view.loading}>
              {current ? (
                <YearCalendar year={year} explain={current.explain} />
              ) : (
                <div style={{ minHeight: 320 }} />
              )}
            </Spin>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              鼠标移到日期上可查看节日名称。每年 12 月下旬的日期可能由下一年度的通知安排，日历已合并相邻年度的通知。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <DeadlineCalculator />
        </Col>
      </Row>
      <NoticeFormModal
        open={editing}
        year={year}
        current={current?.dto ?? null}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          view.reload();
        }}
      />
    </PageContainer>
  );
}
