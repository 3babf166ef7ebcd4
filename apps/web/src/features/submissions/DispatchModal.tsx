/**
 * 分派 (暂行办法 第三十七条): the city hands a classified submission to the competent county bureau, where it is handled
 * as a lead. The county of the respondent's region is preselected and marked 建议.
 */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { DispatchSubmissionInput, type DispatchTargetsDto, type SubmissionDetailDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';

export function DispatchModal({
  detail,
  onDone,
  onCancel,
  onConflict,
}: {
  detail: SubmissionDetailDto;
  onDone: (d: SubmissionDetailDto) => void;
  onCancel: () => void;
  onConflict: (e: unknown) => boolean;
}) {
  const [form] = Form.useForm<{ toUnitId: number; note?: string }>();
  const [targets, setTargets] = useState<DispatchTargetsDto | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let alive = true;
    api
      .get<DispatchTargetsDto>(`/api/submissions/${detail.id}/dispatch-targets`)
      .then((t) => {
        if (!alive) return;
        setTargets(t);
        if (t.suggestedUnitId) form.setFieldValue('toUnitId', t.suggestedUnitId);
      })
      .catch((e) => alive && showError(e, '加载承办机构失败'));
    return () => {
      alive = false;
    };
  }, [detail.id, form]);

  const submit = async (v: { toUnitId: number; note?: string }) => {
    setSending(true);
    try {
      const d = await api.post<SubmissionDetailDto>(`/api/submissions/${detail.id}/dispatch`, { toUnitId: v.toUnitId, note: v.note || null, version: detail.version });
      showSuccess('已分派，承办机构签收后开始办理');
      onDone(d);
    } catch (e) {
      if (!onConflict(e)) applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      width={560}
      title={`分派 · ${detail.receiptNo}`}
      okText="分派"
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Spin spinning={!targets}>
        <Typography.Paragraph type="secondary">
          分派至有处理权限的县级局，生成线索并由其签收办理；提交人可在进度查询中看到“分派”。
          {targets?.regionName && <>被投诉（举报）人所在地：{targets.regionName}。</>}
        </Typography.Paragraph>
        {targets && !targets.suggestedUnitId && (
          <Alert type="info" showIcon className="zq-block" title="未能按所在地区建议承办机构，请人工选择。" />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="dispatch-form">
          <Form.Item name="toUnitId" label="承办机构" rules={[{ required: true, message: '请选择承办的县级局' }]}>
            <Select
              placeholder="选择县级局"
              options={(targets?.targets ?? []).map((u) => ({
                value: u.id,
                label: (
                  <Space size={6}>
                    {u.name}
                    {u.suggested && <Tag color="green">建议</Tag>}
                  </Space>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label="分派说明（内部）" rules={[zodRule(DispatchSubmissionInput.shape.note)]}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：请依法核查并按期反馈" />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}
