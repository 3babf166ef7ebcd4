/**
 * The extension requests of one lead or case with their reasons and decisions (延期情况), for the record's page:
 * approved extensions are shown on the record with the reason (issue 4, capability 8).
 */
import { Table, Tag } from 'antd';
import type { ExtensionRequestDto, Page } from '@zhichan/shared';
import { api } from '../../api/client';
import { fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { ExtensionStatusTag } from './labels';

export interface ExtensionHistoryProps {
  entityType: 'lead' | 'case';
  entityId: number;
  /** Change it to reload (e.g. the record's version). */
  refreshKey?: unknown;
}

export function ExtensionHistory({ entityType, entityId, refreshKey }: ExtensionHistoryProps) {
  const req = useRequest<Page<ExtensionRequestDto>>(
    (signal) => api.get('/api/extension-requests', { entityType, entityId, pageSize: 50 }, { signal }),
    [entityType, entityId, refreshKey],
    { onError: () => {} },
  );
  const items = req.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Table<ExtensionRequestDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid="extension-history"
      style={{ marginTop: 16 }}
      title={() => '延期申请及审批'}
      columns={[
        { title: '期限', dataIndex: 'ruleName', width: 140 },
        {
          title: '延长',
          key: 'amount',
          width: 150,
          render: (_: unknown, r) => (
            <>
              {r.amountText} <Tag color={r.collective ? 'purple' : 'blue'}>{r.approvalLabel}</Tag>
            </>
          ),
        },
        { title: '延期理由', dataIndex: 'reason' },
        { title: '申请', key: 'req', width: 170, render: (_: unknown, r) => `${r.requestedBy ?? '—'} ${fmtTime(r.requestedAt)}` },
        {
          title: '审批',
          key: 'status',
          width: 200,
          render: (_: unknown, r) => (
            <>
              <ExtensionStatusTag r={r} /> {r.decidedBy ?? ''}
              {r.decisionNote && <div className="zc-muted">{r.decisionNote}</div>}
            </>
          ),
        },
      ]}
    />
  );
}
