/**
 * 延期审批: 待我审批 (approve or deny with an opinion), 我的申请, and every request in the user's scope. An approval moves
 * the deadline at once (the server calls the deadline engine in the same transaction).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import {
  DenyExtensionInput,
  EXTENSION_REQUEST_STATUSES,
  type ExtensionRequestDto,
  type ExtensionRequestStatus,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { useAuth } from '../../admin/auth';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { ExtensionStatusTag, routerPath } from './labels';

type Box = 'pending' | 'mine' | 'all';

function DecisionModal({ request, kind, onClose, onDone }: { request: ExtensionRequestDto; kind: 'approve' | 'deny'; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const [sending, setSending] = useState(false);
  const approve = kind === 'approve';
  const submit = async (v: { note?: string }) => {
    setSending(true);
    try {
      await api.post<ExtensionRequestDto>(`/api/extension-requests/${request.id}/${kind}`, { version: request.version, note: v.note?.trim() || null });
      showSuccess(approve ? '已批准延期，办理期限已顺延' : '已不予批准');
      onDone();
    } catch (e) {
      if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'ACTION_NOT_ALLOWED')) {
        showError(e);
        onDone();
      } else applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={approve ? '批准延期' : '不予批准延期'}
      okText={approve ? '批准' : '不予批准'}
      okButtonProps={{ danger: !approve }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="事项">
          {request.entityNumber} {request.entityTitle}
        </Descriptions.Item>
        <Descriptions.Item label="期限">
          {request.ruleName}，当前届满日 {fmtDate(request.dueOn)}
        </Descriptions.Item>
        <Descriptions.Item label="申请延长">
          {request.amountText}（{request.approvalLabel}）
        </Descriptions.Item>
        <Descriptions.Item label="延期理由">{request.reason}</Descriptions.Item>
        <Descriptions.Item label="依据">{request.basis || '—'}</Descriptions.Item>
        <Descriptions.Item label="申请人">
          {request.requestedBy ?? '—'}（{fmtTime(request.requestedAt)}）
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => void submit(v)} data-testid="extension-decision-form">
        <Form.Item
          name="note"
          label={approve ? '审批意见（选填）' : '不予批准的理由'}
          rules={approve ? [] : [zodRule(DenyExtensionInput.shape.note)]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={approve ? '同意延期' : '请写明理由，申请人将收到通知'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestsTable({ box }: { box: Box }) {
  const [status, setStatus] = useState<ExtensionRequestStatus | undefined>();
  const [deciding, setDeciding] = useState<{ request: ExtensionRequestDto; kind: 'approve' | 'deny' } | null>(null);
  const list = usePagedList<ExtensionRequestDto>('/api/extension-requests', { box, status: box === 'pending' ? undefined : status });

  const columns: ColumnsType<ExtensionRequestDto> = [
    {
      title: '事项',
      key: 'entity',
      width: 260,
      render: (_: unknown, r) => (
        <>
          <Link to={routerPath(r.link)} className="zc-mono">
            {r.entityNumber ?? `${r.entityType === 'lead' ? '线索' : '案件'} ${r.entityId}`}
          </Link>
          <div className="zc-muted">{r.entityTitle}</div>
        </>
      ),
    },
    { title: '承办机构', dataIndex: 'unitName', width: 160, ellipsis: true },
    {
      title: '期限',
      key: 'deadline',
      width: 170,
      render: (_: unknown, r) => (
        <>
          {r.ruleName}
          <div className="zc-muted">届满日 {fmtDate(r.dueOn)}</div>
        </>
      ),
    },
    {
      title: '申请延长',
      key: 'amount',
      width: 150,
      render: (_: unknown, r) => (
        <>
          {r.amountText}
          <div>
            <Tag color={r.collective ? 'purple' : 'blue'}>{r.approvalLabel}</Tag>
          </div>
        </>
      ),
    },
    { title: '延期理由', dataIndex: 'reason', ellipsis: true },
    {
      title: '申请人',
      key: 'requestedBy',
      width: 150,
      render: (_: unknown, r) => (
        <>
          {r.requestedBy ?? '—'}
          <div className="zc-muted">{fmtTime(r.requestedAt)}</div>
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_: unknown, r) => (
        <>
          <ExtensionStatusTag r={r} />
          {r.decidedBy && <div className="zc-muted">{r.decidedBy}</div>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_: unknown, r) =>
        r.abilities.approve || r.abilities.deny ? (
          <Space size={0}>
            {r.abilities.approve && (
              <Button type="link" size="small" onClick={() => setDeciding({ request: r, kind: 'approve' })}>
                批准
              </Button>
            )}
            {r.abilities.deny && (
              <Button type="link" size="small" danger onClick={() => setDeciding({ request: r, kind: 'deny' })}>
                不予批准
              </Button>
            )}
          </Space>
        ) : (
          <span className="zc-muted">—</span>
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {box !== 'pending' && (
          <Select
            allowClear
            placeholder="审批状态"
            style={{ width: 130 }}
            value={status}
            onChange={setStatus}
            options={(Object.keys(EXTENSION_REQUEST_STATUSES) as ExtensionRequestStatus[]).map((s) => ({ value: s, label: EXTENSION_REQUEST_STATUSES[s] }))}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      </Space>
      <Table<ExtensionRequestDto>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={list.pagination}
        scroll={{ x: 1250 }}
        locale={{ emptyText: box === 'pending' ? '没有待审批的延期申请' : '暂无延期申请' }}
        data-testid={`extension-requests-${box}`}
      />
      {deciding && (
        <DecisionModal
          request={deciding.request}
          kind={deciding.kind}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}

export default function ExtensionRequestsPage() {
  const { canAny } = useAuth();
  const approver = canAny(['lead.approve', 'case.approve']);
  const [tab, setTab] = useState<Box>(approver ? 'pending' : 'mine');
  const items = [
    ...(approver ? [{ key: 'pending', label: '待我审批', children: <RequestsTable box="pending" /> }] : []),
    { key: 'mine', label: '我的申请', children: <RequestsTable box="mine" /> },
    { key: 'all', label: '全部申请', children: <RequestsTable box="all" /> },
  ];
  return (
    <PageContainer title="延期审批" subTitle="办理期限的延期申请与审批；批准后期限即时顺延，并在线索、案件页面显示延期理由">
      <Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          线索核查可延长一次，不超过十五个工作日（负责人批准）；处罚决定首次延期不超过三十日（负责人批准），仍需延期的须经负责人集体讨论决定；查封扣押可延长一次，不超过三十日；投诉调解期限不得延长。
        </Typography.Paragraph>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as Box)} items={items} destroyOnHidden />
      </Card>
    </PageContainer>
  );
}
