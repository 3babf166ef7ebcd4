/** The 统一受理 actions: 登记分类, 合并/关联, 办结. Each sends the record's version (optimistic locking). */
import { useEffect, useMemo, useRef, useState } from 'react';
import { AutoComplete, Form, type FormInstance, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import {
  CloseSubmissionInput,
  IP_TYPES,
  IP_TYPE_LIST,
  RegisterSubmissionInput,
  SUBMISSION_KINDS,
  type IpType,
  type Page,
  type SubmissionDetailDto,
  type SubmissionListItemDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import { CATEGORY_SUGGESTIONS, CLOSE_TEMPLATES, DUPLICATE_REASONS } from './labels';

interface ActionProps {
  detail: SubmissionDetailDto;
  onDone: (d: SubmissionDetailDto) => void;
  onCancel: () => void;
  /** Handles VERSION_CONFLICT / ACTION_NOT_ALLOWED (reloads); returns true when it did. */
  onConflict: (e: unknown) => boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function useSend(form: FormInstance<any>, props: ActionProps) {
  const [sending, setSending] = useState(false);
  const send = async (path: string, body: unknown, done: string) => {
    setSending(true);
    try {
      const d = await api.post<SubmissionDetailDto>(`/api/submissions/${props.detail.id}/${path}`, body);
      showSuccess(done);
      props.onDone(d);
    } catch (e) {
      if (!props.onConflict(e)) applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return { sending, send };
}

export function RegisterModal(props: ActionProps) {
  const { detail, onCancel } = props;
  const [form] = Form.useForm<{ ipType: IpType; category?: string; note?: string }>();
  const { sending, send } = useSend(form, props);
  return (
    <Modal
      open
      title={`登记分类 · ${detail.receiptNo}`}
      okText="登记"
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        核定知识产权类型和类别。分派到承办单位在分派功能中进行。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ipType: detail.ipType, category: detail.category ?? undefined }}
        onFinish={(v) => void send('register', { ...v, version: detail.version }, '已登记分类')}
        data-testid="register-form"
      >
        <Form.Item name="ipType" label="知识产权类型" rules={[{ required: true, message: '请选择' }]}>
          <Select options={IP_TYPE_LIST.map((t) => ({ value: t, label: IP_TYPES[t] }))} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[zodRule(RegisterSubmissionInput.shape.category)]}>
          <AutoComplete
            options={CATEGORY_SUGGESTIONS.map((c) => ({ value: c }))}
            placeholder="如 商标侵权、假冒专利"
            allowClear
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
          />
        </Form.Item>
        <Form.Item name="note" label="登记说明（内部）" rules={[zodRule(RegisterSubmissionInput.shape.note)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LinkValues {
  otherId: number;
  mode: 'duplicate' | 'related';
}

export function LinkModal(props: ActionProps & { initialOtherId?: number }) {
  const { detail, onCancel, initialOtherId } = props;
  const [form] = Form.useForm<LinkValues>();
  const { sending, send } = useSend(form, props);
  const mode = Form.useWatch('mode', form);
  const [found, setFound] = useState<SubmissionListItemDto[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const search = (keyword: string) => {
    clearTimeout(timer.current);
    const k = keyword.trim();
    if (!k) return;
    timer.current = setTimeout(async () => {
      setSearching(true);
      try {
        const page = await api.get<Page<SubmissionListItemDto>>('/api/submissions', { keyword: k, pageSize: 20 });
        setFound(page.items.filter((s) => s.id !== detail.id));
      } catch {
        setFound([]);
      } finally {
        setSearching(false);
      }
    }, 300);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const options = useMemo(() => {
    const dup = detail.possibleDuplicates.map((d) => ({
      value: d.id,
      label: (
        <Space size={4}>
          <span className="zc-mono">{d.receiptNo}</span>
          <span>{d.respondentName}</span>
          <Tag color="orange">{DUPLICATE_REASONS[d.reason]}</Tag>
        </Space>
      ),
      text: `${d.receiptNo} ${d.respondentName}`,
    }));
    const seen = new Set(dup.map((o) => o.value));
    const rest = found
      .filter((s) => !seen.has(s.id))
      .map((s) => ({
        value: s.id,
        label: (
          <Space size={4}>
            <span className="zc-mono">{s.receiptNo}</span>
            <span>{s.respondentName}</span>
            <Typography.Text type="secondary">{SUBMISSION_KINDS[s.kind]} · {s.statusLabel}</Typography.Text>
          </Space>
        ),
        text: `${s.receiptNo} ${s.respondentName}`,
      }));
    return [...dup, ...rest];
  }, [detail, found]);

  const modes = [
    detail.abilities.merge && {
      value: 'duplicate',
      label: '合并：本件是重复件，并入所选件一并办理（本件不再单独办理）',
    },
    detail.abilities.link && { value: 'related', label: '关联：两件相关，分别办理' },
  ].filter(Boolean) as { value: LinkValues['mode']; label: string }[];

  return (
    <Modal
      open
      width={640}
      title={`合并/关联 · ${detail.receiptNo}`}
      okText={mode === 'duplicate' ? '合并' : mode === 'related' ? '关联' : '确定'}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Form<LinkValues>
        form={form}
        layout="vertical"
        // Merging ends this record's own handling: no default, the user picks the mode.
        initialValues={{ otherId: initialOtherId, mode: modes.length === 1 ? modes[0].value : undefined }}
        onFinish={(v) =>
          void send('link', { ...v, version: detail.version }, v.mode === 'duplicate' ? '已合并' : '已关联')
        }
        data-testid="link-form"
      >
        <Form.Item name="otherId" label="另一件诉求" rules={[{ required: true, message: '请选择另一件诉求' }]} extra="疑似重复件列在最前；也可输入受理编号或对象名称查找">
          <Select
            showSearch={{ filterOption: false, onSearch: search }}
            placeholder="受理编号或对象名称"
            options={options}
            loading={searching}
            notFoundContent={searching ? '查找中…' : '没有找到'}
            optionLabelProp="label"
          />
        </Form.Item>
        <Form.Item name="mode" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
          <Radio.Group options={modes} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CloseModal(props: ActionProps) {
  const { detail, onCancel } = props;
  const [form] = Form.useForm<{ reason: string }>();
  const { sending, send } = useSend(form, props);
  return (
    <Modal
      open
      width={600}
      title={`办结 · ${detail.receiptNo}`}
      okText="办结"
      okButtonProps={{ danger: false }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void send('close', { reason: v.reason, version: detail.version }, '已办结')}
        data-testid="close-form"
      >
        <Form.Item
          name="reason"
          label="办结理由（提交人可在进度查询中看到）"
          rules={[{ required: true, whitespace: true, message: '请填写办结理由' }, zodRule(CloseSubmissionInput.shape.reason)]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        <div className="zq-templates">
          <Typography.Text type="secondary">常用：</Typography.Text>
          {CLOSE_TEMPLATES.map((t) => (
            <Tag key={t} className="zq-template" onClick={() => form.setFieldValue('reason', t)}>
              {t}
            </Tag>
          ))}
        </div>
        {detail.anonymous && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            本件为匿名举报，不告知处理结果（暂行办法 第三十一条）。
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
