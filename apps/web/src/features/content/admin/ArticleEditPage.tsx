/**
 * The article editor: fields (read-only outside draft and 已撤回), attachments, a text preview, the workflow buttons the
 * DTO's abilities allow, and the action history. The body is plain text: '#'/'##'/'###' lines are headings.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PaperClipOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CreateArticleInput,
  type ArticleActionDto,
  type ArticleAttachmentDto,
  type ArticleDto,
  type ArticleKind,
  type ArticleListItemDto,
  type FileDto,
  type NewsCategory,
  type Page,
  type RequestableContentAction,
} from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { applyServerErrors, zodRule } from '../../../api/forms';
import { useAuth } from '../../../admin/auth';
import { showError, showSuccess } from '../../../ui/feedback';
import { fmtTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/PageContainer';
import { ACTION_LABELS, CATEGORY_LABELS, fileSize, KIND_LABELS, STATUS_LABELS } from '../labels';
import { ArticleText } from '../portal/ArticleText';
import { StatusTag } from './ArticlesPage';

interface FormValues {
  kind: ArticleKind;
  category?: NewsCategory | null;
  title: string;
  summary?: string | null;
  body: string;
  issuer?: string | null;
  documentNo?: string | null;
  issuedOn?: Dayjs | null;
  effectiveOn?: Dayjs | null;
  edition?: string | null;
  relatedArticleId?: number | null;
}

const S = CreateArticleInput.shape;
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const ACTION_BUTTONS: Record<RequestableContentAction, { label: string; primary?: boolean; danger?: boolean }> = {
  submitReview: { label: '提交审核', primary: true },
  approve: { label: '审核通过', primary: true },
  reject: { label: '退回修改', danger: true },
  publish: { label: '立即发布', primary: true },
  schedule: { label: '定时发布' },
  cancelSchedule: { label: '取消定时' },
  unpublish: { label: '撤回', danger: true },
};

const emptyToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** Searchable picker of 政策法规 for an interpretation. */
function PolicySelect({ value, onChange, disabled, initial }: { value?: number | null; onChange?: (v: number | null) => void; disabled?: boolean; initial?: { id: number; title: string } | null }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>(initial ? [{ value: initial.id, label: initial.title }] : []);
  const [loading, setLoading] = useState(false);
  const load = async (keyword?: string) => {
    setLoading(true);
    try {
      const page = await api.get<Page<ArticleListItemDto>>('/api/articles', { kind: 'policy', keyword: keyword || undefined, pageSize: 50 });
      const opts = page.items.map((p) => ({ value: p.id, label: p.title }));
      if (initial && !opts.some((o) => o.value === initial.id)) opts.unshift({ value: initial.id, label: initial.title });
      setOptions(opts);
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (v) => void load(v.trim()) }}
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      onOpenChange={(open) => open && options.length <= 1 && void load()}
      loading={loading}
      options={options}
      placeholder="搜索并选择所解读的政策法规"
      notFoundContent={loading ? <Spin size="small" /> : '没有找到'}
    />
  );
}

function ActionDialog({
  action,
  onCancel,
  onConfirm,
}: {
  action: RequestableContentAction | null;
  onCancel: () => void;
  onConfirm: (v: { note?: string; publishAt?: string }) => Promise<void>;
}) {
  const [form] = Form.useForm<{ note?: string; publishAt?: Dayjs }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  if (!action) return null;
  const needsNote = action === 'reject';
  const needsTime = action === 'schedule';
  return (
    <Modal
      open
      title={ACTION_BUTTONS[action].label}
      okText="确定"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields();
        setSaving(true);
        try {
          await onConfirm({ note: v.note?.trim() || undefined, publishAt: v.publishAt?.toISOString() });
        } finally {
          setSaving(false);
        }
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="article-action-form">
        {needsTime && (
          <Form.Item name="publishAt" label="发布时间" rules={[{ required: true, message: '请选择发布时间' }, { validator: async (_r, v?: Dayjs) => { if (v && !v.isAfter(dayjs())) throw new Error('发布时间应晚于当前时间'); } }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        )}
        <Form.Item name="note" label={needsNote ? '退回原因' : '意见（可选）'} rules={needsNote ? [{ required: true, whitespace: true, message: '请填写退回原因' }] : []}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ArticleEditPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [form] = Form.useForm<FormValues>();
  const [article, setArticle] = useState<ArticleDto | null>(null);
  const [history, setHistory] = useState<ArticleActionDto[]>([]);
  const [attachments, setAttachments] = useState<ArticleAttachmentDto[]>([]);
  const [loading, setLoading] = useState(!isNew);
  const [notFound, setNotFound] = useState(false);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState<RequestableContentAction | null>(null);
  const kind = (Form.useWatch('kind', form) as ArticleKind | undefined) ?? article?.kind;
  const body = (Form.useWatch('body', form) as string | undefined) ?? '';

  const editable = isNew ? can('content.edit') : !!article?.abilities.edit;

  const fill = (a: ArticleDto) => {
    setArticle(a);
    setAttachments(a.attachments);
    setDirty(false);
    form.setFieldsValue({
      kind: a.kind,
      category: a.category,
      title: a.title,
      summary: a.summary,
      body: a.body,
      issuer: a.issuer,
      documentNo: a.documentNo,
      issuedOn: a.issuedOn ? dayjs(a.issuedOn) : null,
      effectiveOn: a.effectiveOn ? dayjs(a.effectiveOn) : null,
      edition: a.edition,
      relatedArticleId: a.relatedArticle?.id ?? null,
    });
  };

  const loadHistory = async (articleId: number) => {
    try {
      setHistory(await api.get<ArticleActionDto[]>(`/api/articles/${articleId}/actions`));
    } catch (e) {
      showError(e);
    }
  };

  useEffect(() => {
    if (isNew) {
      const k = params.get('kind') as ArticleKind | null;
      form.setFieldsValue({ kind: k && k in KIND_LABELS ? k : 'news', category: k === 'news' || !k ? 'rights' : null });
      return;
    }
    let alive = true;
    setLoading(true);
    api
      .get<ArticleDto>(`/api/articles/${id}`)
      .then((a) => {
        if (!alive) return;
        fill(a);
        void loadHistory(a.id);
      })
      .catch((e) => {
        if (isApiError(e) && (e.status === 404 || e.status === 400)) setNotFound(true);
        else showError(e);
      })
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const payload = (v: FormValues) => ({
    title: v.title.trim(),
    summary: emptyToNull(v.summary),
    body: v.body,
    issuer: emptyToNull(v.issuer),
    documentNo: emptyToNull(v.documentNo),
    issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
    effectiveOn: v.effectiveOn ? v.effectiveOn.format('YYYY-MM-DD') : null,
    edition: emptyToNull(v.edition),
    relatedArticleId: v.kind === 'interpretation' ? (v.relatedArticleId ?? null) : null,
    attachmentIds: attachments.map((f) => f.id),
  });

  const save = async (): Promise<ArticleDto | null> => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (isNew) {
        const created = await api.post<ArticleDto>('/api/articles', { ...payload(v), kind: v.kind, category: v.kind === 'news' ? v.category : null });
        showSuccess('已保存为草稿');
        navigate(`/articles/${created.id}`, { replace: true });
        return created;
      }
      const updated = await api.patch<ArticleDto>(`/api/articles/${article!.id}`, {
        ...payload(v),
        category: article!.kind === 'news' ? v.category : null,
        version: article!.version,
      });
      fill(updated);
      void loadHistory(updated.id);
      showSuccess('已保存');
      return updated;
    } catch (e) {
      applyServerErrors(form, e);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const runAction = async (action: RequestableContentAction, extra: { note?: string; publishAt?: string } = {}) => {
    let current = article!;
    // Unsaved changes go in first, so that what is submitted is what the editor sees.
    if (dirty && current.abilities.edit) {
      const saved = await save();
      if (!saved) return;
      current = saved;
    }
    try {
      const a = await api.post<ArticleDto>(`/api/articles/${current.id}/actions`, { action, version: current.version, ...extra });
      fill(a);
      void loadHistory(a.id);
      setPending(null);
      showSuccess(`${ACTION_BUTTONS[action].label}：已完成，当前状态为${STATUS_LABELS[a.status]}`);
    } catch (e) {
      if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'ACTION_NOT_ALLOWED')) {
        showError(e);
        const fresh = await api.get<ArticleDto>(`/api/articles/${current.id}`);
        fill(fresh);
        void loadHistory(fresh.id);
        setPending(null);
      } else showError(e);
    }
  };

  const onAction = (action: RequestableContentAction) => {
    if (action === 'schedule' || action === 'reject') setPending(action);
    else if (action === 'unpublish') {
      Modal.confirm({
        title: '撤回后公众将看不到此内容，确定撤回？',
        okText: '撤回',
        okButtonProps: { danger: true },
        onOk: () => runAction('unpublish'),
      });
    } else void runAction(action);
  };

  const preview = useMemo(() => <ArticleText body={body} />, [body]);

  if (notFound) {
    return (
      <PageContainer title="内容管理">
        <Empty description="内容不存在或不在您的数据权限内">
          <Link to="/articles">返回列表</Link>
        </Empty>
      </PageContainer>
    );
  }

  const docKind = kind === 'policy' || kind === 'interpretation';

  return (
    <PageContainer
      title={isNew ? '新建内容' : (article?.title ?? '内容')}
      subTitle={article ? <Space size={4}><StatusTag status={article.status} />{article.kind === 'news' && article.category ? CATEGORY_LABELS[article.category] : KIND_LABELS[article.kind]}</Space> : undefined}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/articles')}>
          返回列表
        </Button>
      }
    >
      <Spin spinning={loading}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card>
              {!isNew && article && !article.abilities.edit && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={article.status === 'published' ? '已发布的内容不能直接修改：请先撤回，修改后重新提交审核。' : '当前状态下内容不能修改。'}
                />
              )}
              <Form<FormValues> form={form} layout="vertical" disabled={!editable} onValuesChange={() => setDirty(true)} data-testid="article-form">
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="kind" label="栏目" rules={[{ required: true }]}>
                      <Select
                        disabled={!isNew}
                        options={(Object.keys(KIND_LABELS) as ArticleKind[]).map((k) => ({ value: k, label: k === 'news' ? '维权动态/工作动态' : KIND_LABELS[k] }))}
                        onChange={(k: ArticleKind) => form.setFieldValue('category', k === 'news' ? 'rights' : null)}
                      />
                    </Form.Item>
                  </Col>
                  {kind === 'news' && (
                    <Col xs={24} md={12}>
                      <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
                        <Select options={[{ value: 'rights', label: '维权动态' }, { value: 'work', label: '工作动态' }]} />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
                <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, zodRule(S.title)]}>
                  <Input maxLength={200} showCount />
                </Form.Item>
                {kind === 'interpretation' && (
                  <Form.Item name="relatedArticleId" label="所解读的政策法规" extra="发布后，政策法规页面会列出这篇解读">
                    <PolicySelect disabled={!editable} initial={article?.relatedArticle ? { id: article.relatedArticle.id, title: article.relatedArticle.title } : null} />
                  </Form.Item>
                )}
                {docKind && (
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item name="issuer" label="发文机关" rules={[zodRule(S.issuer)]}>
                        <Input maxLength={100} placeholder="如 国家市场监督管理总局" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name="documentNo" label="文号" rules={[zodRule(S.documentNo)]}>
                        <Input maxLength={100} placeholder="如 国家市场监督管理总局令第20号" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item name="issuedOn" label="发布日期">
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item
                        name="effectiveOn"
                        label="施行日期"
                        dependencies={['issuedOn']}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: async (_r, v?: Dayjs | null) => {
                              const issued = getFieldValue('issuedOn') as Dayjs | null | undefined;
                              if (v && issued && v.isBefore(issued, 'day')) throw new Error('施行日期不能早于发布日期');
                            },
                          }),
                        ]}
                      >
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name="edition" label="版本" rules={[zodRule(S.edition)]}>
                        <Input maxLength={100} placeholder="如 2020年10月17日第四次修正" />
                      </Form.Item>
                    </Col>
                  </Row>
                )}
                <Form.Item name="summary" label="摘要" rules={[zodRule(S.summary)]}>
                  <Input.TextArea rows={2} maxLength={1000} showCount placeholder="列表中显示；不填则显示正文开头" />
                </Form.Item>
                <Tabs
                  items={[
                    {
                      key: 'edit',
                      label: '正文',
                      children: (
                        <Form.Item
                          name="body"
                          extra="纯文本：每行一段；以“## ”开头的行为标题（如“## 第一章 总则”）。不支持 HTML。"
                          rules={[{ required: true, whitespace: true, message: '请填写正文' }, zodRule(S.body)]}
                        >
                          <Input.TextArea rows={18} style={{ fontFamily: 'inherit' }} data-testid="article-body" />
                        </Form.Item>
                      ),
                    },
                    { key: 'preview', label: '预览', children: <div className="zc-admin-preview">{body.trim() ? preview : <Empty description="尚无正文" />}</div> },
                  ]}
                />
                <Form.Item label="附件（办事指南的表格等）">
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {attachments.length === 0 && <Typography.Text type="secondary">暂无附件</Typography.Text>}
                    {attachments.map((f) => (
                      <Space key={f.id} wrap>
                        <PaperClipOutlined />
                        <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                          {f.originalName}
                        </a>
                        <Typography.Text type="secondary">{fileSize(f.size)}</Typography.Text>
                        {editable && (
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={`移除 ${f.originalName}`}
                            onClick={() => {
                              setAttachments((list) => list.filter((x) => x.id !== f.id));
                              setDirty(true);
                            }}
                          />
                        )}
                      </Space>
                    ))}
                    {editable && (
                      <Upload
                        multiple
                        showUploadList={false}
                        accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"
                        beforeUpload={(file) => {
                          if (file.size > MAX_UPLOAD_BYTES) {
                            showError(new Error(), `${file.name} 超过 50 MB`);
                            return Upload.LIST_IGNORE;
                          }
                          return true;
                        }}
                        customRequest={async ({ file, onSuccess, onError }) => {
                          try {
                            const dto = await api.upload<FileDto>('/api/files', file as File);
                            setAttachments((list) => [...list, { id: dto.id, originalName: dto.originalName, size: dto.size, mime: dto.mime }]);
                            setDirty(true);
                            onSuccess?.(dto);
                          } catch (e) {
                            showError(e);
                            onError?.(e as Error);
                          }
                        }}
                      >
                        <Button icon={<UploadOutlined />}>上传附件</Button>
                      </Upload>
                    )}
                  </Space>
                </Form.Item>
                {editable && (
                  <Space>
                    <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="article-save">
                      {isNew ? '保存草稿' : '保存'}
                    </Button>
                    {!isNew && dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
                  </Space>
                )}
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            {article && (
              <Space orientation="vertical" style={{ width: '100%' }} size={16}>
                <Card title="流转" size="small" data-testid="article-workflow">
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label="状态">
                      <StatusTag status={article.status} />
                    </Descriptions.Item>
                    <Descriptions.Item label="所属机构">{article.unitName}</Descriptions.Item>
                    {article.publishAt && <Descriptions.Item label="定时发布">{fmtTime(article.publishAt)}</Descriptions.Item>}
                    {article.publishedAt && <Descriptions.Item label="发布时间">{fmtTime(article.publishedAt)}</Descriptions.Item>}
                    {article.status === 'published' && (
                      <Descriptions.Item label="门户">
                        <a href={`/articles/${article.id}`} target="_blank" rel="noreferrer">
                          在门户查看
                        </a>
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  {article.abilities.actions.length > 0 ? (
                    <Space wrap style={{ marginTop: 8 }}>
                      {article.abilities.actions.map((a) => (
                        <Button key={a} type={ACTION_BUTTONS[a].primary ? 'primary' : 'default'} danger={ACTION_BUTTONS[a].danger} onClick={() => onAction(a)} data-testid={`article-action-${a}`}>
                          {ACTION_BUTTONS[a].label}
                        </Button>
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">当前状态下您没有可执行的操作。</Typography.Text>
                  )}
                </Card>
                {article.kind === 'policy' && article.interpretations.length > 0 && (
                  <Card title="政策解读" size="small">
                    {article.interpretations.map((i) => (
                      <div key={i.id}>
                        <Link to={`/articles/${i.id}`}>{i.title}</Link> <StatusTag status={i.status} />
                      </div>
                    ))}
                  </Card>
                )}
                <Card title="流转记录" size="small" data-testid="article-history">
                  <Timeline
                    items={history.map((h) => ({
                      key: h.id,
                      content: (
                        <div>
                          <Typography.Text strong>{ACTION_LABELS[h.action]}</Typography.Text>
                          <Typography.Text type="secondary"> → {STATUS_LABELS[h.toStatus]}</Typography.Text>
                          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                            {h.actorName ?? '系统'} · {fmtTime(h.at)}
                            {h.publishAt ? ` · 定于 ${fmtTime(h.publishAt)}` : ''}
                          </div>
                          {h.note && <div style={{ fontSize: 13 }}>{h.note}</div>}
                        </div>
                      ),
                    }))}
                  />
                </Card>
              </Space>
            )}
          </Col>
        </Row>
      </Spin>
      <ActionDialog action={pending} onCancel={() => setPending(null)} onConfirm={(v) => runAction(pending!, v)} />
    </PageContainer>
  );
}
