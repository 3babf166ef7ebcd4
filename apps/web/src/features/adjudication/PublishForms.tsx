/**
 * 裁决书公开: the publish drawer (the redacted text prefilled by the server from the case — a natural person's name as
 * surname + 某, no ID numbers or phones — editable, with a note of what was removed, e.g. trade secrets) and the withdraw
 * dialog. Used by the 裁决书公开 page and by the case page's 公开 tab.
 */
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Modal, Select, Space, Spin, Typography } from 'antd';
import type {
  AdjudicationPublicationDraftDto,
  AdjudicationPublicationDto,
  PublishAdjudicationRawInput,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';

interface PublishValues {
  title: string;
  body: string;
  redactions: string[];
}

export function PublishDrawer({
  adjudicationId,
  label,
  onClose,
  onDone,
}: {
  adjudicationId: number;
  /** 立案号 or 请求登记号, for the title. */
  label: string;
  onClose: () => void;
  onDone: (p: AdjudicationPublicationDto) => void;
}) {
  const [form] = Form.useForm<PublishValues>();
  const [sending, setSending] = useState(false);
  const draft = useRequest(
    (signal) => api.get<AdjudicationPublicationDraftDto>('/api/adjudication-publications/draft', { adjudicationId }, { signal }),
    [adjudicationId],
    {
      onError: (e) => {
        showError(e, '无法生成公开文本，请稍后再试');
        onClose();
      },
    },
  );
  const d = draft.data;

  const submit = async (v: PublishValues) => {
    if (!d) return;
    setSending(true);
    try {
      const body: PublishAdjudicationRawInput = {
        adjudicationId,
        version: d.version,
        title: v.title.trim(),
        body: v.body,
        redactions: (v.redactions ?? []).map((s) => s.trim()).filter((s) => s.length >= 2),
      };
      const p = await api.post<AdjudicationPublicationDto>('/api/adjudication-publications', body);
      showSuccess('裁决书已在门户“行政裁决公开”栏目公开');
      onDone(p);
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        showError(e);
        draft.reload();
      } else applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      size={820}
      title={`公开裁决书 · ${label}`}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} disabled={!d} onClick={() => form.submit()} data-testid="publish-submit">
            公开
          </Button>
        </Space>
      }
    >
      {!d ? (
        <Spin />
      ) : (
        <Form<PublishValues>
          form={form}
          layout="vertical"
          initialValues={{ title: d.title, body: d.body, redactions: [] }}
          onFinish={(v) => void submit(v)}
          data-testid="publish-form"
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="公开前请核对正文：自然人当事人以姓氏加“某”表示，不公开身份证件号码、联系电话、住址等个人信息；涉及商业秘密的内容请删去，并在下方“删除内容说明”中注明。提交时服务器会再次去除个人信息。"
            description={d.autoRedactions.length ? `系统已自动处理：${d.autoRedactions.join('；')}` : undefined}
          />
          <Form.Item name="title" label="公开标题" rules={[{ required: true, whitespace: true, message: '请填写公开标题' }, { min: 4, message: '至少 4 个字' }]}>
            <Input maxLength={200} />
          </Form.Item>
          {d.docNo && (
            <Typography.Paragraph>
              裁决书文号：<span className="zc-mono">{d.docNo}</span>
            </Typography.Paragraph>
          )}
          <Form.Item name="body" label="公开正文" rules={[{ required: true, whitespace: true, message: '请填写公开正文' }, { min: 20, message: '公开正文不少于 20 个字' }]}>
            <Input.TextArea rows={18} maxLength={30000} showCount data-testid="publish-body" />
          </Form.Item>
          <Form.Item name="redactions" label="删除内容说明" extra="每项一条，如“商业秘密：工艺参数 1 处”，只写删除了什么，不写被删除的内容">
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['；', ';']} placeholder="输入后按回车（选填）" />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}

export function WithdrawPublicationModal({
  publication,
  onClose,
  onDone,
}: {
  publication: { id: number; title: string; version: number };
  onClose: () => void;
  onDone: (p: AdjudicationPublicationDto) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [sending, setSending] = useState(false);
  const submit = async (v: { reason: string }) => {
    setSending(true);
    try {
      const p = await api.post<AdjudicationPublicationDto>(`/api/adjudication-publications/${publication.id}/withdraw`, { version: publication.version, reason: v.reason.trim() });
      showSuccess('已撤回公开');
      onDone(p);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={`撤回公开 · ${publication.title}`} okText="撤回公开" okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="withdraw-form">
        <Typography.Paragraph type="secondary">撤回后门户不再显示该裁决书。裁决被人民法院撤销、变更，或者公开内容有误的，应当及时撤回。</Typography.Paragraph>
        <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }, { min: 4, message: '撤回理由不少于 4 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
