import { useEffect, useState } from 'react';
import { Alert, Card, DatePicker, Space, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarDayDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { showError } from '../../ui/feedback';
import { fmtDateLong } from '../../ui/format';

function explanation(d: CalendarDayDto): string {
  switch (d.kind) {
    case 'holiday':
      return `${d.name ? d.name + '，' : ''}法定节假日放假`;
    case 'adjustedWorkday':
      return `${d.name ? d.name + '调休，' : ''}该日虽为周末，但按国务院办公厅通知调休上班`;
    case 'weekend':
      return '周六、周日，休息日';
    default:
      return '周一至周五，正常工作日';
  }
}

/** 节假日查询: is a date a working day, and why. */
export function DayLookup({ bordered = true }: { bordered?: boolean }) {
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [day, setDay] = useState<CalendarDayDto | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    api
      .get<CalendarDayDto>(`/api/calendar/days/${date.format('YYYY-MM-DD')}`, undefined, { signal: ctl.signal })
      .then(setDay)
      .catch((e: unknown) => {
        if ((e as Error)?.name !== 'AbortError') {
          setDay(null);
          showError(e, '查询失败，请稍后再试');
        }
      })
      .finally(() => !ctl.signal.aborted && setLoading(false));
    return () => ctl.abort();
  }, [date]);

  return (
    <Card
      title={
        <Space>
          <SearchOutlined />
          节假日查询
        </Space>
      }
      variant={bordered ? 'outlined' : 'borderless'}
      className="zc-tool-card"
      data-testid="day-lookup"
    >
      <Typography.Paragraph type="secondary">选择日期，查询当天是工作日还是休息日。</Typography.Paragraph>
      <DatePicker
        value={date}
        onChange={(d) => d && setDate(d)}
        allowClear={false}
        style={{ width: '100%' }}
        aria-label="查询日期"
      />
      <Spin spinning={loading}>
        {day && (
          <Alert
            style={{ marginTop: 16 }}
            type={day.workingDay ? 'info' : 'success'}
            data-testid="day-lookup-result"
            data-kind={day.kind}
            title={
              <Space wrap>
                <span>{fmtDateLong(day.date)}</span>
                {day.workingDay ? <Tag color="blue">工作日</Tag> : <Tag color="red">休息日</Tag>}
              </Space>
            }
            description={
              <>
                <div>{explanation(day)}</div>
                {!day.covered && (
                  <div style={{ marginTop: 4 }}>
                    该年度国务院办公厅节假日安排尚未公布或录入，暂按普通周末判断，结果仅供参考。
                  </div>
                )}
              </>
            }
          />
        )}
      </Spin>
    </Card>
  );
}
