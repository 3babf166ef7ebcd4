/**
 * 指派调解员: the candidates of GET /api/mediators/candidates (active and available mediators; a mediator who declared an
 * interest in a party is listed but cannot be picked, with the reason — 回避; expertise matching the dispute marked),
 * several may be picked, exactly one of them 主持调解员.
 */
import { useEffect } from 'react';
import { Alert, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MEDIATOR_EXPERTISE, type MediatorCandidateDto, type MediatorExpertise } from '@zhichan/shared';
import { api } from '../../api/client';
import { useRequest } from '../../ui/hooks';

export interface Assignment {
  mediatorId: number;
  role: 'chief' | 'member';
}

export function MediatorPicker({ mediationId, value, onChange }: { mediationId: number; value?: Assignment[]; onChange?: (v: Assignment[]) => void }) {
  const { data, loading } = useRequest(
    (signal) => api.get<MediatorCandidateDto[]>('/api/mediators/candidates', { mediationId }, { signal }),
    [mediationId],
  );
  const candidates = data ?? [];
  const chosen = value ?? [];
  const chosenIds = chosen.map((a) => a.mediatorId);
  const chief = chosen.find((a) => a.role === 'chief')?.mediatorId;

  // Start from the mediators already assigned (变更调解员).
  useEffect(() => {
    if (!data || (value && value.length > 0)) return;
    const assigned = data.filter((c) => c.assignedRole).map((c) => ({ mediatorId: c.id, role: c.assignedRole! }));
    if (assigned.length) onChange?.(assigned);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  const select = (ids: number[]) => {
    const next: Assignment[] = ids.map((id) => ({ mediatorId: id, role: id === chief ? 'chief' : 'member' }));
    // The first one picked presides until the user says otherwise.
    if (next.length > 0 && !next.some((a) => a.role === 'chief')) next[0] = { ...next[0], role: 'chief' };
    onChange?.(next);
  };
  const setChief = (id: number) => onChange?.(chosen.map((a) => ({ ...a, role: a.mediatorId === id ? 'chief' : 'member' })));

  const columns: ColumnsType<MediatorCandidateDto> = [
    {
      title: '调解员',
      dataIndex: 'name',
      width: 200,
      render: (v: string, c) => (
        <>
          <Space size={4} wrap>
            <span>{v}</span>
            <Tag className="zm-inline-tag">{c.kindLabel}</Tag>
            {c.expertiseMatch && (
              <Tag color="green" className="zm-inline-tag">
                专长对口
              </Tag>
            )}
          </Space>
          <div className="zm-sub">{[c.employer, c.title].filter(Boolean).join(' · ') || '—'}</div>
        </>
      ),
    },
    {
      title: '专长与技术领域',
      key: 'expertise',
      render: (_: unknown, c) => (
        <>
          <div>{c.expertise.map((x: MediatorExpertise) => MEDIATOR_EXPERTISE[x]).join('、') || '—'}</div>
          {c.technicalFields.length > 0 && <div className="zm-sub">{c.technicalFields.join('、')}</div>}
        </>
      ),
    },
    { title: '在办', dataIndex: 'openMediationCount', width: 64, align: 'right', render: (v: number) => `${v} 件` },
    {
      title: '可否指派',
      key: 'state',
      width: 220,
      render: (_: unknown, c) =>
        c.selectable ? (
          c.assignedRole ? (
            <Tag color="blue">已指派</Tag>
          ) : (
            <Tag color="green">可指派</Tag>
          )
        ) : (
          <Typography.Text type="danger" className="zm-sub" style={{ color: '#cf1322' }}>
            {c.disabledReason ?? (c.conflicts.length ? `与${c.conflicts[0].partyName}存在利害关系（${c.conflicts[0].relation}），应当回避` : '暂不可指派')}
          </Typography.Text>
        ),
    },
    {
      title: '主持调解员',
      key: 'chief',
      width: 100,
      align: 'center',
      render: (_: unknown, c) =>
        chosenIds.includes(c.id) ? <Radio checked={chief === c.id} onChange={() => setChief(c.id)} aria-label={`${c.name}主持调解`} data-testid={`chief-${c.id}`} /> : null,
    },
  ];

  const blocked = candidates.filter((c) => !c.selectable && c.conflicts.length > 0).length;

  return (
    <div data-testid="mediator-picker">
      {blocked > 0 && (
        <Alert
          className="zm-block"
          type="warning"
          showIcon
          title={`有 ${blocked} 名调解员申报了与本案当事人的利害关系，依法应当回避，不能指派。`}
        />
      )}
      <Table<MediatorCandidateDto>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={candidates}
        columns={columns}
        pagination={false}
        scroll={{ y: 360 }}
        rowClassName={(c) => (c.selectable ? '' : 'zm-candidate-disabled')}
        rowSelection={{
          hideSelectAll: true,
          selectedRowKeys: chosenIds,
          onChange: (keys) => select(keys as number[]),
          getCheckboxProps: (c) => ({ disabled: !c.selectable && !chosenIds.includes(c.id), name: c.name }),
          renderCell: (_checked, c, _i, node) =>
            !c.selectable && c.disabledReason ? <Tooltip title={c.disabledReason}>{node}</Tooltip> : node,
        }}
        locale={{ emptyText: '专家库中暂无可指派的调解员' }}
      />
      <Typography.Paragraph type="secondary" className="zm-sub" style={{ marginTop: 8 }}>
        当事人有权选择或者接受人民调解员（人民调解法 第二十三条）。勾选参加调解的调解员，并指定一名主持调解员。
      </Typography.Paragraph>
    </div>
  );
}
