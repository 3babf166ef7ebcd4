/**
 * 申请延期 next to an open deadline of a lead or case (the leads and cases pages embed it). Asks the server whether the
 * deadline can be extended now, by how much and who approves (the limits of supervision-rules.ts); shows 延期待审批
 * while a request is pending. The form is pre-filled with the largest extension the rule allows.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import {
  CreateExtensionRequestInput,
  DEADLINE_UNIT_LABELS,
  type ExtensionEligibilityDto,
  type ExtensionRequestDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { useRequest } from '../../ui/hooks';

export interface ExtensionRequestButtonProps {
  /** The open deadline to extend (from the record's detail DTO). */
  deadline: { id: number; title: string; ruleKey: string; dueOn: string | null };
  onDone?: () => void;
}

interface FormValues {
  amount: number;
  reason: string;
  collective?: boolean;
}

export function ExtensionRequestButton({ deadline, onDone }: ExtensionRequestButtonProps) {
  const [open, setOpen] = useState(false);
  const elig = useRequest<ExtensionEligibilityDto>(
    (signal) => api.get<ExtensionEligibilityDto>('/api/extension-requests/eligibility', { deadlineId: deadline.id }, { signal }),
    [deadline.id, deadline.dueOn],
    // A deadline the user may not see or extend simply shows no button.
    { onError: () => {} },
  );
  const e = elig.data;
  if (!e) return null;
  if (e.pending) {
    const p = e.pending;
    return (
      <Tooltip title={`${p.requestedBy ?? ''}申请延长${p.amountText}（${p.approvalLabel}）：${p.reason}`}>
        <Tag color="processing" data-testid="extension-pending">
          延期待审批
        </Tag>
      </Tooltip>
    );
  }
  const extended = e.approvedCount > 0 ? <Tag data-testid="extension-count">已延期{e.approvedCount > 1 ? ` ${e.approvedCount} 次` : ''}</Tag> : null;
  if (!e.canRequest || !e.next) return extended;
  return (
    <Space size={4}>
      {extended}
      <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="extension-request-button">
        申请延期
      </Button>
      {open && (
        <RequestModal
          deadline={deadline}
          eligibility={e}
          onCancel={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            elig.reload();
            onDone?.();
          }}
        />
      )}
    </Space>
  );
}

function RequestModal({
  deadline,
  eligibility,
  onCancel,
  onDone,
}: {
  deadline: ExtensionRequestButtonProps['deadline'];
  eligibility: ExtensionEligibilityDto;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [sending, setSending] = useState(false);
  const next = eligibility.next!;
  const collective = next.approval === 'collective';
  const unitText = DEADLINE_UNIT_LABELS[next.unit];

  const submit = async (v: FormValues) => {
    setSending(true);
    try {
      await api.post<ExtensionRequestDto>('/api/extension-requests', {
        deadlineId: deadline.id,
        amount: v.amount,
        unit: next.unit,
        reason: v.reason,
        collective,
      });
      showSuccess('延期申请已提交，等待审批');
      onDone();
    } catch (err) {
      applyServerErrors(form, err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={`申请延期 · ${deadline.title}`}
      okText="提交申请"
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {eligibility.ruleName}期限当前届满日：{fmtDate(eligibility.dueOn)}
        </Typography.Text>
        <Alert
          type="info"
          showIcon
          title={`本次最多延长 ${next.maxAmount}${unitText}，${next.approvalLabel}`}
          description={
            <>
              <div>{next.note}</div>
              <div>依据：{next.basis}</div>
            </>
          }
        />
        <Form
          form={form}
          layout="vertical"
          initialValues={{ amount: next.maxAmount, reason: '' }}
          onFinish={(v) => void submit(v)}
          data-testid="extension-request-form"
        >
          <Form.Item label="延长期限" required>
            <Space>
              <Form.Item name="amount" noStyle rules={[{ required: true, message: '请填写延长的期限' }]}>
                <InputNumber min={1} max={next.maxAmount} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <span>{unitText}</span>
            </Space>
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[zodRule(CreateExtensionRequestInput.shape.reason)]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder="如：需进行检测鉴定、案情复杂需补充调查取证等" />
          </Form.Item>
          {collective && (
            <Form.Item
              name="collective"
              valuePropName="checked"
              rules={[{ validator: async (_r, v) => { if (!v) throw new Error('继续延期须经负责人集体讨论决定'); } }]}
            >
              <Checkbox>已经负责人集体讨论决定继续延期，并确定了上述延长期限</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Space>
    </Modal>
  );
}
