/** Tags and formats of the 行政处罚信息公示 back-office page. */
import { Tag, Tooltip } from 'antd';
import type { PublicationDeadlineDto, PublicationStatus } from '@zhichan/shared';
import { fmtDate } from '../../ui/format';

/** ¥12,500.00 (amounts in tables). */
export function fmtYuan(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const STATUS_COLORS: Record<PublicationStatus, string> = { published: 'green', withdrawn: 'default', expired: 'default' };

export function PublicationStatusTag({ status, label }: { status: PublicationStatus; label: string }) {
  return <Tag color={STATUS_COLORS[status]}>{label}</Tag>;
}

function basisOf(d: PublicationDeadlineDto): string {
  const b = d.basis;
  const version = b.version ? `（${b.version}）` : '';
  return `${d.title}：${b.regulation}${b.article}${version}${d.computed ? '；按决定日期计算' : ''}${d.provisional ? '；节假日安排未公布，日期暂定' : ''}`;
}

/** 期限 with its legal basis: 红灯 overdue, 黄灯 close, else the due date and the working days left. */
export function PublicationDeadlineTag({ d }: { d: PublicationDeadlineDto | null }) {
  if (!d) return <span className="zc-muted">—</span>;
  const due = d.dueOn ? fmtDate(d.dueOn) : '';
  const tip = basisOf(d);
  let body;
  switch (d.state) {
    case 'overdue':
      body = (
        <Tag color="red" data-deadline="overdue">
          红灯 {due}
        </Tag>
      );
      break;
    case 'warning':
      body = (
        <Tag color="gold" data-deadline="warning">
          黄灯 {due}
        </Tag>
      );
      break;
    case 'paused':
      body = <Tag data-deadline="paused">暂停计时</Tag>;
      break;
    case 'done':
      body = <Tag data-deadline="done">已完成</Tag>;
      break;
    default:
      body = (
        <span data-deadline="normal">
          {due || '—'}
          {d.workingDaysLeft !== null && <span className="zc-muted">（剩 {d.workingDaysLeft} 个工作日）</span>}
        </span>
      );
  }
  return <Tooltip title={tip}>{body}</Tooltip>;
}
