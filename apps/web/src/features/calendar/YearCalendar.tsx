import { memo } from 'react';
import { Col, Row } from 'antd';
import type { DayExplanation } from '@zhichan/shared';
import { DAY_KIND_LABELS } from './calendarData';
import { chinaToday } from '../../ui/chinaTime';

const WEEK_HEADERS = ['一', '二', '三', '四', '五', '六', '日'];

const pad = (n: number) => String(n).padStart(2, '0');

// 今天 in China (UTC+8), not in the browser's time zone.
const todayIso = chinaToday;

function dayTitle(e: DayExplanation): string {
  const parts = [e.date];
  if (e.kind === 'holiday') parts.push(`${e.name ?? ''} 放假`.trim());
  else if (e.kind === 'adjustedWorkday') parts.push(`${e.name ? e.name + ' ' : ''}调休上班`);
  else parts.push(DAY_KIND_LABELS[e.kind]);
  if (!e.covered) parts.push('（该年度安排尚未录入，临时按普通周末）');
  return parts.join(' ');
}

const Month = memo(function Month({
  year,
  month,
  explain,
  today,
}: {
  year: number;
  month: number;
  explain: (d: string) => DayExplanation;
  today: string;
}) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday-first
  const cells: (DayExplanation | null)[] = [];
  for (let i = 0; i < lead; i++) cells.push(null);
  for (let d = 1; d <= days; d++) cells.push(explain(`${year}-${pad(month)}-${pad(d)}`));
  while (cells.length % 7 !== 0) cells.push(null);

  return (
    <div className="zc-month" data-month={`${year}-${pad(month)}`}>
      <div className="zc-month-title">{month}月</div>
      <div className="zc-month-grid">
        {WEEK_HEADERS.map((w, i) => (
          <div key={w} className={'zc-week-head' + (i >= 5 ? ' zc-week-head-end' : '')}>
            {w}
          </div>
        ))}
        {cells.map((e, i) =>
          e ? (
            <div
              key={e.date}
              className={`zc-day zc-day-${e.kind}${e.date === today ? ' zc-day-today' : ''}${e.covered ? '' : ' zc-day-provisional'}`}
              data-date={e.date}
              data-kind={e.kind}
              title={dayTitle(e)}
            >
              <span className="zc-day-num">{Number(e.date.slice(8))}</span>
              {e.kind === 'holiday' && <span className="zc-day-mark">休</span>}
              {e.kind === 'adjustedWorkday' && <span className="zc-day-mark">班</span>}
            </div>
          ) : (
            <div key={'blank' + i} className="zc-day zc-day-blank" />
          ),
        )}
      </div>
    </div>
  );
});

/** Twelve small month grids, Monday first; every day cell has data-date and data-kind. */
export function YearCalendar({ year, explain }: { year: number; explain: (d: string) => DayExplanation }) {
  const today = todayIso();
  return (
    <Row gutter={[16, 16]} className="zc-year-calendar" data-year={year}>
      {Array.from({ length: 12 }, (_, i) => (
        <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
          <Month year={year} month={i + 1} explain={explain} today={today} />
        </Col>
      ))}
    </Row>
  );
}

export function CalendarLegend() {
  return (
    <div className="zc-legend">
      <span>
        <i className="zc-swatch zc-day-workday" /> 工作日
      </span>
      <span>
        <i className="zc-swatch zc-day-weekend" /> 周末
      </span>
      <span>
        <i className="zc-swatch zc-day-holiday">休</i> 法定节假日（放假）
      </span>
      <span>
        <i className="zc-swatch zc-day-adjustedWorkday">班</i> 调休上班
      </span>
      <span>
        <i className="zc-swatch zc-day-workday zc-day-today" /> 今天
      </span>
    </div>
  );
}
