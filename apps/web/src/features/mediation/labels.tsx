/** Tags, labels and small helpers of the 纠纷调解 pages (back office and portal). */
import { Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import {
  formatYuan,
  isCourtSource,
  MEDIATION_SOURCES,
  type MediationListItemDto,
  type MediationSource,
  type MediationStatus,
} from '@zhichan/shared';

const STATUS_COLORS: Record<MediationStatus, string> = {
  applied: 'processing',
  refused: 'default',
  mediating: 'blue',
  agreed: 'green',
  terminated: 'orange',
  confirmationApplied: 'purple',
  confirmed: 'success',
  confirmationRejected: 'red',
  closed: 'default',
};

export function MediationStatusTag({ status, label }: { status: MediationStatus; label: string }) {
  const c = STATUS_COLORS[status];
  // antd 6 has no 'default' preset: no colour gives the grey default tag.
  return <Tag color={c && c !== 'default' ? c : undefined}>{label}</Tag>;
}

const SOURCE_COLORS: Record<MediationSource, string> = {
  application: 'default',
  courtDelegated: 'geekblue',
  courtEntrusted: 'purple',
  complaint: 'cyan',
  adjudication: 'gold',
};

/** Short words for the list tag (法院委派 / 法院委托 carry the court's name in the tooltip). */
const SOURCE_SHORT: Record<MediationSource, string> = {
  application: '当事人申请',
  courtDelegated: '法院委派',
  courtEntrusted: '法院委托',
  complaint: '投诉转调解',
  adjudication: '裁决赔偿调解',
};

export function SourceTag({ item }: { item: Pick<MediationListItemDto, 'source' | 'courtName' | 'courtCaseNo'> }) {
  const tag = (
    <Tag color={SOURCE_COLORS[item.source] === 'default' ? undefined : SOURCE_COLORS[item.source]} className="zm-inline-tag">
      {SOURCE_SHORT[item.source]}
    </Tag>
  );
  if (!isCourtSource(item.source) || !item.courtName) return tag;
  return <Tooltip title={`${MEDIATION_SOURCES[item.source]}：${item.courtName}${item.courtCaseNo ? `（${item.courtCaseNo}）` : ''}`}>{tag}</Tooltip>;
}

/** ¥12,500.00, or — */
export const yuan = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatYuan(v));

/** Dayjs → 'YYYY-MM-DD' (undefined stays undefined). */
export const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Dates in the future cannot be picked for things that happened. */
export const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Trimmed text or null. */
export const textOrNull = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function fmtSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** 66.7% */
export const fmtRate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 12.3 天 */
export const fmtDays = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} 天`);
