/**
 * 咨询答复: the queue of portal questions with the answering deadline in 正常 / 黄灯 / 红灯 / 已答复, a detail drawer,
 * the answer form, closing with a reason, and publishing an edited version to 常见问题 (without the asker's details).
 * Buttons follow the DTO's abilities (permission × status table on the server).
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AnswerConsultationInput,
  CloseConsultationInput,
  CONSULTATION_ACTIONS,
  CONSULTATION_STATUSES,
  PublishFaqInput,
  type ConsultationDeadlineDto,
  type ConsultationDetailDto,
  type ConsultationFormDto,
  type ConsultationListItemDto,
  type ConsultationStatus,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { usePagedList, useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import './consultations.css';

const STATUS_COLOR: Record<ConsultationStatus, string> = { pending: 'processing', answered: 'success', published: 'cyan', closed: 'default' };

/** 正常 / 黄灯 / 红灯 / 已答复 with the working days left. */
export function DeadlineTag({ d, status }: { d: ConsultationDeadlineDto | null; status: ConsultationStatus }) {
  if (!d) return <Typography.Text type="secondary">—</Typography.Text>;
  const basis = `期限依据：${d.basis.regulation}${d.basis.article && d.basis.article !== '—' ? ` ${d.basis.article}` : ''}（${d.basis.version}）`;
  if (d.state === 'done') {
    const label = status === 'closed' ? '已办结' : '已答复';
    const late = d.completedOn && d.dueOn && d.completedOn > d.dueOn;
    return (
      <Tooltip title={`${basis}；届满 ${fmtDate(d.dueOn)}，完成 ${fmtDate(d.completedOn)}`}>
        <Tag color={late ? 'orange' : 'green'}>{late ? `${label}（超期）` : label}</Tag>
      </Tooltip>
    );
  }
  const left = d.workingDaysLeft;
  const text =
    d.state === 'overdue' ? `红灯 · 超期 ${Math.abs(left ?? 0)} 个工作日` : d.state === 'warning' ? `黄灯 · ${left === 0 ? '今日到期' : `剩 ${left} 个工作日`}` : `正常 · 剩 ${left} 个工作日`;
  const color = d.state === 'overdue' ? 'red' : d.state === 'warning' ? 'gold' : 'blue';
  return (
    <Tooltip title={`${basis}；届满 ${fmtDate(d.dueOn)}`}>
      <Tag color={color} data-state={d.state}>
        {text}
      </Tag>
    </Tooltip>
  );
}

function Asker({ c }: { c: ConsultationListItemDto }) {
  const parts = [c.askerName, c.askerPhone].filter(Boolean).join(' ');
  return (
    <Space size={4} wrap>
      <span>{parts || '匿名'}</span>
      {c.fromPortalUser && <Tag>门户用户</Tag>}
    </Space>
  );
}

function CloseModal({ detail, open, onClose, onDone }: { detail: ConsultationDetailDto; open: boolean; onClose: () => void; onDone: (d: ConsultationDetailDto) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      onDone(await api.post<ConsultationDetailDto>(`/api/consultations/${detail.id}/close`, { reason: v.reason.trim(), version: detail.version }));
      showSuccess('咨询已关闭，提问人查询时可以看到关闭理由');
      form.resetFields();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title="关闭咨询（不予答复）" okText="关闭咨询" okButtonProps={{ danger: true }} confirmLoading={saving} onOk={submit} onCancel={onClose} forceRender>
      <Typography.Paragraph type="secondary">用于不属于本局职责、重复提问或无实际内容的咨询。关闭理由会向提问人公开，请写明可以向哪个部门咨询。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="关闭理由" required rules={[zodRule(CloseConsultationInput.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：著作权登记由市版权局负责，请向市委宣传部（市版权局）咨询。" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerForm({ detail, onDone }: { detail: ConsultationDetailDto; onDone: (d: ConsultationDetailDto) => void }) {
  const [form] = Form.useForm<{ answer: string }>();
  const [saving, setSaving] = useState(false);
  const [closing, setClosing] = useState(false);
  const submit = async () => {
    let v: { answer: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      onDone(await api.post<ConsultationDetailDto>(`/api/consultations/${detail.id}/answer`, { answer: v.answer.trim(), version: detail.version }));
      showSuccess(detail.fromPortalUser ? '已答复，并已通知提问人' : '已答复，提问人可凭查询码查看');
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="答复" className="zc-consult-card">
      <Form form={form} layout="vertical" data-testid="answer-form">
        <Form.Item name="answer" rules={[zodRule(AnswerConsultationInput.shape.answer)]} required>
          <Input.TextArea rows={6} maxLength={5000} showCount placeholder="答复内容将向提问人公开（凭咨询编号和查询码查看）" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="answer-submit">
            提交答复
          </Button>
          {detail.abilities.close && (
            <Button danger onClick={() => setClosing(true)}>
              关闭（不予答复）
            </Button>
          )}
        </Space>
      </Form>
      <CloseModal
        detail={detail}
        open={closing}
        onClose={() => setClosing(false)}
        onDone={(d) => {
          setClosing(false);
          onDone(d);
        }}
      />
    </Card>
  );
}

function PublishForm({ detail, onDone }: { detail: ConsultationDetailDto; onDone: (d: ConsultationDetailDto) => void }) {
  const [form] = Form.useForm<{ faqQuestion: string; faqAnswer: string }>();
  const [saving, setSaving] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const published = detail.status === 'published';

  useEffect(() => {
    // Prefilled with the question and the answer; staff remove whatever identifies the asker before publishing.
    form.setFieldsValue({
      faqQuestion: detail.faqQuestion ?? (Array.from(detail.question).length <= 300 ? detail.question : detail.title),
      faqAnswer: detail.faqAnswer ?? detail.answer ?? '',
    });
  }, [detail.id, detail.faqQuestion, detail.faqAnswer, detail.question, detail.title, detail.answer, form]);

  const submit = async () => {
    let v: { faqQuestion: string; faqAnswer: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      onDone(await api.post<ConsultationDetailDto>(`/api/consultations/${detail.id}/publish-faq`, { faqQuestion: v.faqQuestion.trim(), faqAnswer: v.faqAnswer.trim(), version: detail.version }));
      showSuccess(published ? '常见问题已更新' : '已发布到门户“常见问题”');
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  const withdraw = async () => {
    setWithdrawing(true);
    try {
      onDone(await api.post<ConsultationDetailDto>(`/api/consultations/${detail.id}/unpublish-faq`, { version: detail.version }));
      showSuccess('已从“常见问题”撤回');
    } catch (e) {
      showError(e);
    } finally {
      setWithdrawing(false);
    }
  };

  return (
    <Card
      size="small"
      title={published ? `常见问题（已发布 ${fmtTime(detail.faqPublishedAt)}）` : '发布为常见问题'}
      className="zc-consult-card"
      data-testid="faq-form"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="发布前请删除提问人的姓名、电话、企业名称等能识别提问人的内容"
        description="公开的问题和答复可以改写得更通用；包含提问人姓名或手机号的内容系统会拒绝发布。"
      />
      <Form form={form} layout="vertical">
        <Form.Item name="faqQuestion" label="公开的问题" required rules={[zodRule(PublishFaqInput.shape.faqQuestion)]}>
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
        <Form.Item name="faqAnswer" label="公开的答复" required rules={[zodRule(PublishFaqInput.shape.faqAnswer)]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Space wrap>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="faq-publish">
            {published ? '更新常见问题' : '发布'}
          </Button>
          {detail.abilities.unpublishFaq && (
            <Popconfirm title="从门户“常见问题”撤回这一条？" okText="撤回" cancelText="取消" onConfirm={withdraw}>
              <Button loading={withdrawing}>撤回</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </Card>
  );
}

function DetailDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const req = useRequest<ConsultationDetailDto>((signal) => api.get<ConsultationDetailDto>(`/api/consultations/${id}`, undefined, { signal }), [id], { enabled: id !== null });
  const detail = id !== null ? req.data : undefined;
  const update = (d: ConsultationDetailDto) => {
    req.setData(d);
    onChanged();
  };
  return (
    <Drawer open={id !== null} onClose={onClose} size={720} title={detail ? `咨询 ${detail.consultationNo}` : '咨询详情'} destroyOnHidden data-testid="consult-drawer">
      <Spin spinning={req.loading}>
        {!detail ? (
          <Empty />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label="业务类型">{detail.ipTypeLabel}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <Tag color={STATUS_COLOR[detail.status]}>{CONSULTATION_STATUSES[detail.status]}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="提问人">
                <Asker c={detail} />
              </Descriptions.Item>
              <Descriptions.Item label="提交时间">{fmtTime(detail.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="答复机构">{detail.unitName}</Descriptions.Item>
              <Descriptions.Item label="答复期限">
                <Space size={4} wrap>
                  <span>{fmtDate(detail.deadline?.dueOn)}</span>
                  <DeadlineTag d={detail.deadline} status={detail.status} />
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Card size="small" title={detail.title} className="zc-consult-card">
              <div className="zc-consult-text">{detail.question}</div>
            </Card>
            {detail.answer && (
              <Card size="small" title={`答复（${detail.answeredByName ?? ''} ${fmtTime(detail.answeredAt)}）`} className="zc-consult-card">
                <div className="zc-consult-text">{detail.answer}</div>
              </Card>
            )}
            {detail.status === 'closed' && <Alert type="warning" showIcon title="已关闭（不予答复）" description={detail.closeReason} />}
            {detail.abilities.answer && <AnswerForm detail={detail} onDone={update} />}
            {(detail.abilities.publishFaq || detail.abilities.unpublishFaq) && <PublishForm detail={detail} onDone={update} />}
            {!detail.abilities.publishFaq && detail.status === 'published' && (
              <Card size="small" title="常见问题（已发布）" className="zc-consult-card">
                <Typography.Paragraph strong>{detail.faqQuestion}</Typography.Paragraph>
                <div className="zc-consult-text">{detail.faqAnswer}</div>
              </Card>
            )}
            <Card size="small" title="办理记录" className="zc-consult-card">
              <Timeline
                items={detail.actions.map((a) => ({
                  color: a.action === 'close' ? 'gray' : a.action === 'answer' ? 'green' : 'blue',
                  content: (
                    <div>
                      <div>
                        {CONSULTATION_ACTIONS[a.action]} · {a.action === 'submit' ? '提问人' : (a.actorName ?? '')}
                      </div>
                      <Typography.Text type="secondary">{fmtTime(a.at)}</Typography.Text>
                      {a.note && <div>{a.note}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        )}
      </Spin>
    </Drawer>
  );
}

interface Filters {
  status?: ConsultationStatus;
  deadlineState?: 'normal' | 'warning' | 'overdue' | 'done';
  ipType?: string;
  keyword?: string;
}

export default function ConsultationsPage() {
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ status: 'pending' });
  const [openId, setOpenId] = useState<number | null>(null);
  const list = usePagedList<ConsultationListItemDto>('/api/consultations', { ...filters });
  const form = useRequest<ConsultationFormDto>((signal) => api.get<ConsultationFormDto>('/api/public/consultations/form', undefined, { signal }), []);
  const period = form.data?.answerPeriod;

  const columns: ColumnsType<ConsultationListItemDto> = [
    {
      title: '咨询编号',
      dataIndex: 'consultationNo',
      width: 185,
      render: (v: string, r) => (
        <Typography.Link onClick={() => setOpenId(r.id)} data-testid="consult-open">
          {v}
        </Typography.Link>
      ),
    },
    { title: '业务类型', dataIndex: 'ipTypeLabel', width: 90 },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, r) => (
        <div className="zc-consult-title">
          <Typography.Text ellipsis={{ tooltip: v }}>{v}</Typography.Text>
          <Typography.Text type="secondary">提交于 {fmtTime(r.submittedAt)}</Typography.Text>
        </div>
      ),
    },
    { title: '提问人', key: 'asker', width: 170, render: (_: unknown, r) => <Asker c={r} /> },
    {
      title: '答复期限',
      key: 'deadline',
      width: 200,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <span>{fmtDate(r.deadline?.dueOn)}</span>
          <DeadlineTag d={r.deadline} status={r.status} />
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: ConsultationStatus) => <Badge status={STATUS_COLOR[s] === 'processing' ? 'processing' : s === 'closed' ? 'default' : 'success'} text={CONSULTATION_STATUSES[s]} />,
    },
    {
      title: '操作',
      key: 'op',
      width: 76,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
          {r.abilities.answer ? '答复' : r.abilities.publishFaq ? '发布' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title="咨询答复"
      subTitle={period ? `公众在门户提出的咨询，应在 ${period.amount} 个工作日内答复（期限规则 consultation.answer）` : '公众在门户提出的咨询'}
      extra={
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={filterForm}
          layout="inline"
          className="zc-filter-form"
          initialValues={filters}
          onFinish={(v) => setFilters({ ...v, keyword: v.keyword?.trim() || undefined })}
        >
          <Form.Item name="status" label="状态">
            <Select allowClear placeholder="全部" style={{ width: 150 }} options={(Object.keys(CONSULTATION_STATUSES) as ConsultationStatus[]).map((s) => ({ value: s, label: CONSULTATION_STATUSES[s] }))} />
          </Form.Item>
          <Form.Item name="deadlineState" label="期限">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 120 }}
              options={[
                { value: 'normal', label: '正常' },
                { value: 'warning', label: '黄灯' },
                { value: 'overdue', label: '红灯' },
                { value: 'done', label: '已答复' },
              ]}
            />
          </Form.Item>
          <Form.Item name="ipType" label="业务类型">
            <Select allowClear placeholder="全部" style={{ width: 130 }} options={form.data?.ipTypes ?? []} />
          </Form.Item>
          <Form.Item name="keyword" label="关键词">
            <Input allowClear placeholder="编号或标题" style={{ width: 180 }} maxLength={50} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<ConsultationListItemDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.items}
          pagination={list.pagination}
          scroll={{ x: 1000 }}
          data-testid="consult-table"
          locale={{ emptyText: <Empty description="没有符合条件的咨询" /> }}
        />
      </Card>
      <DetailDrawer id={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </PageContainer>
  );
}
