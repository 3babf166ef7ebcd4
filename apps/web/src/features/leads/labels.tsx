/** Tags and labels of the 线索 pages (status colours, 黄灯/红灯, legal basis). */
import { Tag } from 'antd';
import { LEAD_KINDS, LEAD_SOURCES, type LeadKind, type LeadSource, type LeadStatus } from '@zhichan/shared';
import { DueTag } from '../../ui/DueTag';

const STATUS_COLORS: Record<LeadStatus, string> = {
  pendingDispatch: 'orange',
  dispatched: 'gold',
  assigned: 'gold',
  signed: 'blue',
  accepted: 'blue',
  mediating: 'processing',
  testing: 'default',
  mediationSuspended: 'default',
  mediationTerminated: 'purple',
  notAccepted: 'default',
  verifying: 'processing',
  verificationPaused: 'default',
  pendingApproval: 'magenta',
  filingApproved: 'cyan',
  caseFiled: 'green',
  notFiled: 'default',
  closed: 'success',
};

const KIND_COLORS: Record<LeadKind, string> = { complaint: 'geekblue', report: 'volcano', lead: 'cyan' };

export function LeadStatusTag({ status, label }: { status: LeadStatus; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

export function LeadKindTag({ kind }: { kind: LeadKind }) {
  return <Tag color={KIND_COLORS[kind]}>{LEAD_KINDS[kind]}</Tag>;
}

export const sourceLabel = (s: LeadSource) => LEAD_SOURCES[s] ?? s;

export const DEADLINE_STATE_LABELS = { normal: '正常', warning: '黄灯', overdue: '红灯', paused: '暂停计时' } as const;

/** 届满日 with 黄灯 (close to the due date) / 红灯 (overdue) / 暂停计时, as in the 统一受理 queue. */
export const LeadDeadlineTag = DueTag;

export const TRUST_LABELS = { verified: '已核对原文', secondary: '二手资料，待核对', unverified: '待核实' } as const;

/** 《市场监督管理投诉举报处理暂行办法》第十四条（2022年修正） */
export function basisText(b: { regulation: string; article: string; version: string }): string {
  return `《${b.regulation}》${b.article}（${b.version}）`;
}

export const DEADLINE_UNITS = { workingDays: '个工作日', calendarDays: '日', months: '个月' } as const;
