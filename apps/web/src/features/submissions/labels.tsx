/** Tags and labels of the 统一受理 pages. */
import { Tag } from 'antd';
import {
  IP_TYPES,
  SUBMISSION_KINDS,
  type IpType,
  type SubmissionKind,
  type SubmissionListItemDto,
  type SubmissionStatus,
} from '@zhichan/shared';
import { DueTag } from '../../ui/DueTag';

const STATUS_COLORS: Record<SubmissionStatus, string> = {
  received: 'processing',
  registered: 'blue',
  merged: 'default',
  closed: 'success',
  reopened: 'warning',
  dispatched: 'cyan',
  inProgress: 'processing',
};

const KIND_COLORS: Record<SubmissionKind, string> = {
  complaint: 'geekblue',
  report: 'volcano',
  assistanceRequest: 'cyan',
};

export function SubmissionStatusTag({ status, label }: { status: SubmissionStatus; label: string }) {
  return <Tag color={STATUS_COLORS[status]}>{label}</Tag>;
}

export function KindTag({ kind }: { kind: SubmissionKind }) {
  return <Tag color={KIND_COLORS[kind]}>{SUBMISSION_KINDS[kind]}</Tag>;
}

export const ipTypeLabel = (t: IpType) => IP_TYPES[t] ?? t;

/** 期限: 红灯 overdue, 黄灯 close to the due date, otherwise the date. */
export function DeadlineTag({ deadline }: { deadline: SubmissionListItemDto['deadline'] }) {
  if (!deadline) return <span className="zc-muted">—</span>;
  return <DueTag state={deadline.state} dueOn={deadline.dueOn} title={deadline.title} />;
}

export const DUPLICATE_REASONS = { uscc: '统一社会信用代码相同', name: '对象名称相近且知识产权类型相同' } as const;

/** Suggestions for 登记分类 (free text on the server). */
export const CATEGORY_SUGGESTIONS = [
  '商标侵权',
  '假冒注册商标商品',
  '商标使用违法',
  '专利侵权纠纷',
  '假冒专利',
  '专利标识标注不规范',
  '地理标志违法使用',
  '专利代理违法违规',
  '商标代理违法违规',
  '维权援助',
  '其他',
];

/** Reasons often given when closing (shown to the submitter). */
export const CLOSE_TEMPLATES = [
  '经核实，该事项不属于本部门职责，已告知您向有权机关反映。',
  '所反映问题已移交有管辖权的县（市、区）市场监督管理局办理。',
  '经核查，未发现所反映的违法行为。',
  '已与您沟通并提供维权指导，本件办结。',
];
