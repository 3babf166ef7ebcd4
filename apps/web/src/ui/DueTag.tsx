import { Tag, Tooltip } from 'antd';
import { fmtDate } from './format';

/**
 * 届满日 with its state, the same everywhere (统一受理, 线索, 案件, 督办): 红灯 overdue, 黄灯 close to the due date, 暂停计时
 * while the clock stands still, 已完成, otherwise the date. `title` (what must be done) goes into the tooltip.
 */
export function DueTag({ state, dueOn, title }: { state: string | null; dueOn: string | null; title?: string }) {
  const due = dueOn ? fmtDate(dueOn) : '';
  const tip = title ? `${title}${due ? `，${due} 届满` : ''}` : due ? `${due} 届满` : undefined;
  switch (state) {
    case 'overdue':
      return (
        <Tooltip title={tip}>
          <Tag color="red" data-deadline="overdue">
            红灯 {due}
          </Tag>
        </Tooltip>
      );
    case 'warning':
      return (
        <Tooltip title={tip}>
          <Tag color="gold" data-deadline="warning">
            黄灯 {due}
          </Tag>
        </Tooltip>
      );
    case 'paused':
      return (
        <Tooltip title={tip}>
          <Tag data-deadline="paused">暂停计时</Tag>
        </Tooltip>
      );
    case 'done':
      return (
        <Tag color="green" data-deadline="done">
          已完成
        </Tag>
      );
    default:
      return due ? (
        <Tooltip title={tip}>
          <span data-deadline="normal">{due}</span>
        </Tooltip>
      ) : (
        <span className="zc-muted">—</span>
      );
  }
}
