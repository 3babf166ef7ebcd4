/** Tags and small helpers shared by the 督办 pages. */
import { Tag, Tooltip, Typography } from 'antd';
import type { ExtensionRequestDto, SupervisionDeadlineState, SupervisionFlagDto } from '@zhichan/shared';
import { fmtDate, fmtTime } from '../../ui/format';

/** An in-app link of the back office ('/admin/leads/3') as a router path (the router's basename is /admin). */
export function routerPath(link: string): string {
  return link.replace(/^\/admin(?=\/|$)/, '') || '/';
}

export function DeadlineStateTag({ state, dueOn }: { state: SupervisionDeadlineState; dueOn?: string | null }) {
  const due = dueOn ? fmtDate(dueOn) : '';
  switch (state) {
    case 'overdue':
      return (
        <Tag color="red" data-deadline="overdue">
          红灯{due && ` ${due}`}
        </Tag>
      );
    case 'warning':
      return (
        <Tag color="gold" data-deadline="warning">
          黄灯{due && ` ${due}`}
        </Tag>
      );
    case 'paused':
      return <Tag data-deadline="paused">暂停计时</Tag>;
    case 'none':
      return <span className="zc-muted">无期限</span>;
    default:
      return <span data-deadline="normal">{due || '—'}</span>;
  }
}

/** 剩余 N 个工作日 / 超期 N 个工作日 (an item past its date over a weekend is 已超期 with no working day lost yet). */
export function DaysLeft({ days, overdue }: { days: number | null; overdue?: boolean }) {
  if (days === null) return <span className="zc-muted">—</span>;
  if (days < 0) return <Typography.Text type="danger">超期 {-days} 个工作日</Typography.Text>;
  if (overdue) return <Typography.Text type="danger">已超期</Typography.Text>;
  if (days === 0) return <Typography.Text type="warning">今日到期</Typography.Text>;
  return <span>剩余 {days} 个工作日</span>;
}

export function FlagTag({ flag }: { flag: SupervisionFlagDto }) {
  const tip = (
    <div>
      <div>
        {flag.levelLabel}，要求 {fmtDate(flag.dueOn)} 前办结
      </div>
      <div>督办要求：{flag.reason}</div>
      <div>
        挂牌：{flag.flaggedBy ?? '—'} {fmtTime(flag.flaggedAt)}
      </div>
      {flag.escalatedAt && <div>已于 {fmtTime(flag.escalatedAt)} 逾期提醒上级领导</div>}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <Tag color={flag.overdue ? 'red' : 'volcano'} data-testid="flag-tag">
        {flag.level === 'city' ? '市局挂牌' : '县局挂牌'}
        {flag.overdue ? '·逾期' : ''}
      </Tag>
    </Tooltip>
  );
}

const EXT_STATUS_COLORS: Record<ExtensionRequestDto['status'], string> = { pending: 'processing', approved: 'success', denied: 'default' };

export function ExtensionStatusTag({ r }: { r: ExtensionRequestDto }) {
  const tag = <Tag color={EXT_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>;
  if (r.status === 'pending' || !r.decisionNote) return tag;
  return <Tooltip title={`审批意见：${r.decisionNote}`}>{tag}</Tooltip>;
}

/** 50.0% */
export function fmtRate(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** 1.25 (万元, two decimals with thousands separators). */
export function fmtWan(v: number): string {
  return v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
