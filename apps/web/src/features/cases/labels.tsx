/** Tags, labels and small helpers of the 案件办理 pages. */
import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { CASE_TYPES, formatYuan, type CaseDeadlineDto, type CaseStatus, type CaseTypeKey } from '@zhichan/shared';
import { DueTag } from '../../ui/DueTag';

const STATUS_COLORS: Record<CaseStatus, string> = {
  investigating: 'processing',
  suspended: 'default',
  legalReview: 'purple',
  reviewed: 'geekblue',
  noticed: 'blue',
  hearingRequested: 'magenta',
  hearingScheduled: 'magenta',
  heard: 'blue',
  discussed: 'cyan',
  decided: 'orange',
  executing: 'gold',
  pendingClose: 'lime',
  closed: 'success',
  archived: 'default',
  revoked: 'red',
};

export function CaseStatusTag({ status, label }: { status: CaseStatus; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

export const caseTypeLabel = (t: CaseTypeKey) => CASE_TYPES[t] ?? t;

/** ¥12,500.00, or — */
export const yuan = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatYuan(v));

/** 届满日 with 黄灯 / 红灯 / 暂停 (the case's earliest open deadline). */
export { DueTag };

const STATE_TEXT: Record<CaseDeadlineDto['state'], { color: string; text: string }> = {
  normal: { color: 'green', text: '正常' },
  warning: { color: 'gold', text: '黄灯' },
  overdue: { color: 'red', text: '红灯' },
  paused: { color: 'default', text: '暂停计时' },
  done: { color: 'default', text: '已完成' },
};

export function DeadlineStateTag({ d }: { d: CaseDeadlineDto }) {
  const s = STATE_TEXT[d.state];
  const late = d.state === 'done' && d.completedOn && d.dueOn && d.completedOn > d.dueOn;
  return <Tag color={late ? 'red' : s.color}>{late ? '逾期完成' : s.text}</Tag>;
}

const UNIT_WORDS = { workingDays: '个工作日', calendarDays: '日', months: '个月' } as const;

/** 《中华人民共和国行政处罚法》第六十条（2021年修订）：90 日 */
export function basisText(d: Pick<CaseDeadlineDto, 'basis' | 'amount' | 'unit'>): string {
  const reg = d.basis.regulation.startsWith('《') ? d.basis.regulation : `《${d.basis.regulation}》`;
  const version = d.basis.version ? `（${d.basis.version.replace(/（(.*?)）/g, '，$1')}）` : '';
  return `${reg}${d.basis.article}${version}：${d.amount}${UNIT_WORDS[d.unit] ?? ''}`;
}

/** Dayjs → 'YYYY-MM-DD' (undefined stays undefined). */
export const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Dates in the future cannot be picked for things that happened. */
export const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
