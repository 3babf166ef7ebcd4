/**
 * 送达记录 of a lead, case or adjudication: the list of services (送达回证) with method, recipient, dates (公告送达 shows
 * 公告日期 and 视为送达日 with its legal basis), tracking number and proof; 登记送达 and proof upload when allowed.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PaperClipOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  SERVICE_METHOD_HINTS,
  SERVICE_METHOD_LIST,
  SERVICE_METHODS,
  type FileDto,
  type ServiceDocumentOptionDto,
  type ServiceMethod,
  type ServiceRecordDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, emptyToNull } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';

export interface ServicePanelProps {
  entityType: 'lead' | 'case' | 'adjudication';
  entityId: number;
  /** Whether the user may add service records here. */
  canEdit?: boolean;
  onChanged?: () => void;
}

const METHOD_COLORS: Partial<Record<ServiceMethod, string>> = {
  direct: 'blue',
  electronic: 'cyan',
  mail: 'geekblue',
  leaving: 'orange',
  announcement: 'purple',
};

function basisText(r: ServiceRecordDto): string {
  const p = r.announcementPeriod;
  if (!p) return '';
  return `依据：${p.basis.regulation}${p.basis.article}（${p.basis.version}）${p.provisional ? '；该年度节假日安排尚未公布，日期暂定' : ''}`;
}

function ServedDates({ r }: { r: ServiceRecordDto }) {
  if (r.method !== 'announcement') return <span>{fmtDate(r.servedOn)}</span>;
  return (
    <div>
      <div>公告日期 {fmtDate(r.announcedOn)}</div>
      <Tooltip title={basisText(r)}>
        <div>
          视为送达日 {fmtDate(r.deemedServedOn)}{' '}
          {r.pending ? <Tag color="gold">公告期内</Tag> : <Tag color="green">已送达</Tag>}
        </div>
      </Tooltip>
    </div>
  );
}

function ProofCell({ r, canEdit, onUploaded }: { r: ServiceRecordDto; canEdit: boolean; onUploaded: () => void }) {
  const [uploading, setUploading] = useState(false);
  const mayUpload = canEdit && r.abilities.uploadProof;
  return (
    <Space size={4} wrap>
      {r.proof ? (
        <Typography.Link href={`/api/service-records/${r.id}/proof`} download={r.proof.originalName} data-testid="service-proof-link">
          <PaperClipOutlined /> {r.proof.originalName}
        </Typography.Link>
      ) : (
        <Typography.Text type="secondary">未上传</Typography.Text>
      )}
      {mayUpload && (
        <Upload
          showUploadList={false}
          accept=".pdf,.jpg,.jpeg,.png,.docx"
          customRequest={async ({ file, onSuccess, onError }) => {
            setUploading(true);
            try {
              const dto = await api.upload<ServiceRecordDto>(`/api/service-records/${r.id}/proof`, file as File);
              showSuccess('送达凭证已上传');
              onSuccess?.(dto);
              onUploaded();
            } catch (e) {
              showError(e);
              onError?.(e as Error);
            } finally {
              setUploading(false);
            }
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={uploading}>
            {r.proof ? '重新上传' : '上传凭证'}
          </Button>
        </Upload>
      )}
    </Space>
  );
}

export function ServicePanel({ entityType, entityId, canEdit = false, onChanged }: ServicePanelProps) {
  const [adding, setAdding] = useState(false);
  const list = useRequest(
    (signal) => api.get<ServiceRecordDto[]>('/api/service-records', { entityType, entityId }, { signal }),
    [entityType, entityId],
  );
  const changed = () => {
    list.reload();
    onChanged?.();
  };

  const columns: ColumnsType<ServiceRecordDto> = [
    {
      title: '送达文书',
      dataIndex: 'documentTitle',
      render: (v: string, r) => (
        <div>
          <div>{v}</div>
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
        </div>
      ),
    },
    {
      title: '送达方式',
      dataIndex: 'method',
      width: 104,
      render: (v: ServiceMethod, r) => <Tag color={METHOD_COLORS[v]}>{r.methodLabel}</Tag>,
    },
    { title: '受送达人', dataIndex: 'recipient', width: 140 },
    { title: '送达日期', key: 'dates', width: 210, render: (_: unknown, r) => <ServedDates r={r} /> },
    {
      title: '邮件单号',
      dataIndex: 'trackingNo',
      width: 140,
      render: (v: string | null, r) => (v ? <span className="zc-mono">{v}</span> : r.method === 'electronic' ? <Tag>已同意电子送达</Tag> : '—'),
    },
    { title: '送达凭证', key: 'proof', width: 200, render: (_: unknown, r) => <ProofCell r={r} canEdit={canEdit} onUploaded={changed} /> },
    {
      title: '登记',
      key: 'created',
      width: 150,
      render: (_: unknown, r) => (
        <div>
          <div>{r.createdByName ?? '系统'}</div>
          <Typography.Text type="secondary">{fmtTime(r.createdAt)}</Typography.Text>
        </div>
      ),
    },
  ];

  const announcements = (list.data ?? []).filter((r) => r.method === 'announcement' && r.announcementText);

  return (
    <Card
      size="small"
      title="送达记录"
      data-testid="service-panel"
      extra={
        <Space>
          <Button size="small" icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新送达记录" />
          {canEdit && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="service-add">
              登记送达
            </Button>
          )}
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '尚无送达记录' }}
        expandable={
          announcements.length > 0
            ? {
                rowExpandable: (r) => r.method === 'announcement' && !!r.announcementText,
                expandedRowRender: (r) => (
                  <div style={{ whiteSpace: 'pre-wrap' }}>
                    <Typography.Text type="secondary">公告正文（已在门户“送达公告”栏目公开）：</Typography.Text>
                    <div>{r.announcementText}</div>
                  </div>
                ),
              }
            : undefined
        }
      />
      {adding && (
        <ServiceFormModal
          entityType={entityType}
          entityId={entityId}
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            changed();
          }}
        />
      )}
    </Card>
  );
}

interface FormValues {
  documentTitle: string;
  method: ServiceMethod;
  recipient: string;
  servedOn?: Dayjs;
  announcedOn?: Dayjs;
  trackingNo?: string;
  electronicConsent?: boolean;
  announcementText?: string;
  note?: string;
}

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function ServiceFormModal({
  entityType,
  entityId,
  onCancel,
  onDone,
}: {
  entityType: ServicePanelProps['entityType'];
  entityId: number;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const method = Form.useWatch('method', form);
  const [documentId, setDocumentId] = useState<number | null>(null);
  const [proof, setProof] = useState<FileDto | null>(null);
  const [sending, setSending] = useState(false);
  const docs = useRequest(
    (signal) => api.get<ServiceDocumentOptionDto[]>('/api/service-records/documents', { entityType, entityId }, { signal }),
    [entityType, entityId],
    { onError: () => undefined },
  );
  const docOptions = (docs.data ?? []).map((d) => ({ value: d.id, label: d.docNo ? `${d.title}（${d.docNo}）` : d.title }));

  const submit = async (v: FormValues) => {
    setSending(true);
    try {
      const body = emptyToNull(
        {
          entityType,
          entityId,
          documentId,
          documentTitle: v.documentTitle,
          method: v.method,
          recipient: v.recipient,
          servedOn: v.method !== 'announcement' && v.servedOn ? v.servedOn.format('YYYY-MM-DD') : null,
          announcedOn: v.method === 'announcement' && v.announcedOn ? v.announcedOn.format('YYYY-MM-DD') : null,
          trackingNo: v.method === 'mail' ? v.trackingNo : null,
          electronicConsent: v.method === 'electronic' ? v.electronicConsent === true : undefined,
          announcementText: v.method === 'announcement' ? v.announcementText : null,
          proofFileId: proof?.id ?? null,
          note: v.note,
        },
        ['trackingNo', 'announcementText', 'note'],
      );
      const r = await api.post<ServiceRecordDto>('/api/service-records', body);
      showSuccess(r.method === 'announcement' ? `已登记公告送达，视为送达日 ${r.deemedServedOn ?? ''}` : '已登记送达');
      onDone();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title="登记送达"
      okText="登记"
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
      width={640}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ method: 'direct', servedOn: dayjs() }}
        onFinish={(v) => void submit(v)}
        data-testid="service-form"
      >
        <Form.Item label="送达的文书" required>
          <Space.Compact style={{ width: '100%' }}>
            {docOptions.length > 0 && (
              <Select
                style={{ width: '45%' }}
                placeholder="选择已生成的文书"
                allowClear
                value={documentId ?? undefined}
                options={docOptions}
                onChange={(id: number | undefined) => {
                  setDocumentId(id ?? null);
                  const o = docOptions.find((x) => x.value === id);
                  if (o) form.setFieldValue('documentTitle', o.label);
                }}
              />
            )}
            <Form.Item name="documentTitle" noStyle rules={[{ required: true, whitespace: true, message: '请填写送达的文书名称及文号' }]}>
              <Input placeholder="文书名称及文号，如 行政处罚决定书（泰岱市监罚〔2026〕5号）" maxLength={200} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="method" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]} extra={method ? SERVICE_METHOD_HINTS[method] : undefined}>
          <Select options={SERVICE_METHOD_LIST.map((m) => ({ value: m, label: SERVICE_METHODS[m] }))} />
        </Form.Item>
        <Form.Item name="recipient" label="受送达人" rules={[{ required: true, whitespace: true, message: '请填写受送达人' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {method === 'announcement' ? (
          <>
            <Form.Item name="announcedOn" label="公告日期" rules={[{ required: true, message: '请选择公告日期' }]}>
              <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
            </Form.Item>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="自发出公告之日起经过三十日视为送达（民事诉讼法 第九十五条）；届满日为法定节假日的顺延至节后第一个工作日，视为送达日由系统计算。"
            />
            <Form.Item
              name="announcementText"
              label="公告正文"
              extra="公告正文将在门户“送达公告”栏目公开，请勿写入身份证号码、电话号码等不必要的个人信息。"
              rules={[{ required: true, whitespace: true, message: '请填写公告正文' }, { min: 20, message: '公告正文不少于 20 个字' }]}
            >
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="servedOn" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]}>
            <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {method === 'mail' && (
          <Form.Item name="trackingNo" label="邮件单号" rules={[{ required: true, whitespace: true, message: '邮寄送达须填写邮件单号' }, { pattern: /^[0-9A-Za-z-]*$/, message: '邮件单号只能包含字母、数字和短横线' }]}>
            <Input maxLength={50} className="zc-mono" />
          </Form.Item>
        )}
        {method === 'electronic' && (
          <Form.Item
            name="electronicConsent"
            valuePropName="checked"
            rules={[{ validator: async (_r, v) => { if (v !== true) throw new Error('电子送达须经受送达人同意并确认送达地址'); } }]}
          >
            <Checkbox>受送达人已同意电子送达，并已签署送达地址确认书</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="送达凭证（可稍后上传）">
          <Space wrap>
            <Upload
              showUploadList={false}
              accept=".pdf,.jpg,.jpeg,.png,.docx"
              customRequest={async ({ file, onSuccess, onError }) => {
                try {
                  const dto = await api.upload<FileDto>('/api/files', file as File);
                  setProof(dto);
                  onSuccess?.(dto);
                } catch (e) {
                  showError(e);
                  onError?.(e as Error);
                }
              }}
            >
              <Button icon={<UploadOutlined />}>{proof ? '更换文件' : '上传签收的送达回证等'}</Button>
            </Upload>
            {proof && (
              <Typography.Text>
                <PaperClipOutlined /> {proof.originalName}
              </Typography.Text>
            )}
          </Space>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} placeholder="如 留置送达的见证人、电子送达的地址" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default ServicePanel;
