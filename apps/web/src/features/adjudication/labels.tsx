/** Tags, labels and small helpers of the 行政裁决 pages (back office). */
import { Tag, Tooltip } from 'antd';
import { PATENT_CHECKS, PATENT_KINDS, type AdjudicationStatus, type PatentCheck, type PatentKind } from '@zhichan/shared';

const STATUS_COLORS: Record<AdjudicationStatus, string> = {
  requested: 'processing',
  notAccepted: 'default',
  filed: 'blue',
  answering: 'cyan',
  hearingScheduled: 'magenta',
  deliberating: 'purple',
  suspended: 'default',
  decided: 'orange',
  lawsuitWindow: 'gold',
  inLitigation: 'volcano',
  effective: 'green',
  closed: 'success',
  revoked: 'red',
};

export function AdjudicationStatusTag({ status, label }: { status: AdjudicationStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="adjudication-status">
      {label}
    </Tag>
  );
}

const CHECK_COLORS: Record<PatentCheck, string> = {
  valid: 'green',
  invalid: 'red',
  pending: 'orange',
  unknown: 'default',
  notFound: 'default',
  mismatch: 'orange',
};

/** 专利数据库核对结果 as a small tag (the full note in the tooltip). */
export function PatentCheckTag({ check, note }: { check: PatentCheck; note?: string | null }) {
  const short: Record<PatentCheck, string> = {
    valid: '有效',
    invalid: '已失效',
    pending: '审中',
    unknown: '状态未知',
    notFound: '库中未收录',
    mismatch: '信息不符',
  };
  return (
    <Tooltip title={note ?? PATENT_CHECKS[check]}>
      <Tag color={CHECK_COLORS[check]}>{short[check]}</Tag>
    </Tooltip>
  );
}

export const patentKindLabel = (k: PatentKind) => PATENT_KINDS[k] ?? k;

/** Statuses in which the case is over (no deadline light in the list). */
export const ADJUDICATION_FINISHED: readonly AdjudicationStatus[] = ['notAccepted', 'closed', 'revoked'];
