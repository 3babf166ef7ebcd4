/**
 * 行政处罚信息公示 (总局令第45号): 待公示 (decided penalty cases with the 20-working-day deadline of 第九条), 公示中,
 * 已撤回, 公示期满. Publishing opens a drawer with the summary (第四条), the text with personal data removed (第六条,
 * editable to remove trade secrets) and the period (第十三条); withdrawal (第十一条) asks for the reason.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  Modal,
  Radio,
  Space,
  Spin,
  Table,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PUBLICATION_PERIODS,
  type PublicationCandidateDto,
  type PublicationDto,
  type PublicationPeriod,
  type PublicationPreviewDto,
  type PublicationStatus,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { fmtYuan, PublicationDeadlineTag, PublicationStatusTag } from './labels';

type TabKey = 'candidates' | PublicationStatus;

const TABS: { key: TabKey; label: string }[] = [
  { key: 'candidates', label: '待公示' },
  { key: 'published', label: '公示中' },
  { key: 'withdrawn', label: '已撤回' },
  { key: 'expired', label: '公示期满' },
];

export default function PublicationsAdminPage() {
  const [tab, setTab] = useState<TabKey>('candidates');
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [publishCase, setPublishCase] = useState<PublicationCandidateDto | null>(null);
  const [viewing, setViewing] = useState<PublicationDto | null>(null);
  const [withdrawing, setWithdrawing] = useState<PublicationDto | null>(null);
  const wide = !!Grid.useBreakpoint().md;

  const candidates = usePagedList<PublicationCandidateDto>('/api/penalty-publications/candidates', { q: q || undefined }, 20, tab === 'candidates');
  const publications = usePagedList<PublicationDto>('/api/penalty-publications', { status: tab === 'candidates' ? undefined : tab, q: q || undefined }, 20, tab !== 'candidates');
  const reload = () => (tab === 'candidates' ? candidates.reload() : publications.reload());

  const candidateColumns: ColumnsType<PublicationCandidateDto> = [
    {
      title: '案件',
      dataIndex: 'caseNo',
      render: (v: string, r) => (
        <div>
          <Link to={`/cases/${r.caseId}`} className="zc-mono">
            {v}
          </Link>
          <div>{r.title}</div>
          <Typography.Text type="secondary">{r.unitName}</Typography.Text>
        </div>
      ),
    },
    { title: '当事人', dataIndex: 'partyName', width: 170 },
    {
      title: '处罚决定',
      key: 'decision',
      width: 200,
      render: (_: unknown, r) => (
        <div>
          <div className="zc-mono">{r.decisionDocNo}</div>
          <Typography.Text type="secondary">
            {fmtDate(r.decisionOn)}
            {r.fineAmount !== null && ` · 罚款 ${fmtYuan(r.fineAmount)}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: (
        <Tooltip title="作出行政处罚决定之日起二十个工作日内公示（总局令第45号 第九条）">
          公示期限 <QuestionCircleOutlined />
        </Tooltip>
      ),
      key: 'deadline',
      width: 170,
      render: (_: unknown, r) => <PublicationDeadlineTag d={r.deadline} />,
    },
    {
      title: (
        <Tooltip title="执法决定信息在作出之日起七个工作日内网上公开（国办发〔2018〕118号，待核实）">
          网上公开期限 <QuestionCircleOutlined />
        </Tooltip>
      ),
      key: 'portal',
      width: 170,
      render: (_: unknown, r) => <PublicationDeadlineTag d={r.portalDeadline} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 72,
      fixed: wide ? 'right' : undefined,
      render: (_: unknown, r) =>
        r.abilities.publish ? (
          <Button type="link" size="small" onClick={() => setPublishCase(r)} data-testid="publication-publish">
            公示
          </Button>
        ) : null,
    },
  ];

  const publicationColumns: ColumnsType<PublicationDto> = [
    {
      title: '决定书文号',
      dataIndex: 'docNo',
      width: 200,
      render: (v: string, r) => (
        <div>
          <Typography.Link className="zc-mono" onClick={() => setViewing(r)}>
            {v}
          </Typography.Link>
          <div>
            <Typography.Text type="secondary">{r.caseNo}</Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '当事人', dataIndex: 'partyName', width: 180 },
    { title: '违法行为类型', dataIndex: 'violationType', width: 150 },
    {
      title: '处罚内容',
      dataIndex: 'penaltyContent',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: '公示',
      key: 'period',
      width: 190,
      render: (_: unknown, r) => (
        <div>
          <div>{fmtDate(r.publishedOn)} 起 {r.periodLabel}</div>
          <Typography.Text type="secondary">至 {fmtDate(r.expiresOn)}</Typography.Text>
        </div>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_: unknown, r) => (
        <div>
          <PublicationStatusTag status={r.status} label={r.statusLabel} />
          {r.status === 'withdrawn' && (
            <Tooltip title={r.withdrawReason}>
              <div>
                <Typography.Text type="secondary">{fmtDate(r.withdrawnOn)} 撤回</Typography.Text>
              </div>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: wide ? 'right' : undefined,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            查看
          </Button>
          {r.abilities.withdraw && (
            <Button type="link" size="small" danger onClick={() => setWithdrawing(r)} data-testid="publication-withdraw">
              撤回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="行政处罚信息公示"
      subTitle="普通程序作出的行政处罚决定自作出之日起二十个工作日内公示，仅受警告的不予公示；决定被变更、撤销的三个工作日内撤回（总局令第45号）"
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      }
    >
      <Card>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={tab === 'candidates' ? '立案号、决定书文号、当事人' : '决定书文号、当事人、违法行为类型'}
            style={{ width: 320, maxWidth: '100%' }}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => setQ(v.trim())}
          />
        </Space>
        {tab === 'candidates' ? (
          <Table
            rowKey="caseId"
            columns={candidateColumns}
            dataSource={candidates.items}
            loading={candidates.loading}
            pagination={candidates.pagination}
            scroll={{ x: 1000 }}
            locale={{ emptyText: '没有待公示的处罚决定' }}
            data-testid="publication-candidates"
          />
        ) : (
          <Table
            rowKey="id"
            columns={publicationColumns}
            dataSource={publications.items}
            loading={publications.loading}
            pagination={publications.pagination}
            scroll={{ x: 1100 }}
            locale={{ emptyText: '暂无记录' }}
            data-testid="publication-list"
          />
        )}
      </Card>
      {publishCase && (
        <PublishDrawer
          candidate={publishCase}
          onClose={() => setPublishCase(null)}
          onDone={() => {
            setPublishCase(null);
            candidates.reload();
          }}
        />
      )}
      {viewing && <PublicationDrawer p={viewing} onClose={() => setViewing(null)} />}
      {withdrawing && (
        <WithdrawModal
          p={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            publications.reload();
          }}
        />
      )}
    </PageContainer>
  );
}

function SummaryBlock({ s, extra }: { s: PublicationPreviewDto['summary']; extra?: { label: string; value: string }[] }) {
  return (
    <Descriptions size="small" bordered column={1} title="行政处罚信息摘要">
      <Descriptions.Item label="行政处罚决定书文号">{s.docNo}</Descriptions.Item>
      <Descriptions.Item label="当事人">{s.partyName}</Descriptions.Item>
      {s.partyUscc && <Descriptions.Item label="统一社会信用代码">{s.partyUscc}</Descriptions.Item>}
      <Descriptions.Item label="违法行为类型">{s.violationType}</Descriptions.Item>
      <Descriptions.Item label="行政处罚内容">{s.penaltyContent}</Descriptions.Item>
      <Descriptions.Item label="作出决定机关">{s.authorityName}</Descriptions.Item>
      <Descriptions.Item label="作出决定日期">{fmtDate(s.decidedOn)}</Descriptions.Item>
      {extra?.map((e) => (
        <Descriptions.Item key={e.label} label={e.label}>
          {e.value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

function PublishDrawer({ candidate, onClose, onDone }: { candidate: PublicationCandidateDto; onClose: () => void; onDone: () => void }) {
  const [preview, setPreview] = useState<PublicationPreviewDto | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [period, setPeriod] = useState<PublicationPeriod>('threeYears');
  const [sending, setSending] = useState(false);
  const screens = Grid.useBreakpoint();

  useEffect(() => {
    const ctl = new AbortController();
    api
      .get<PublicationPreviewDto>('/api/penalty-publications/preview', { caseId: candidate.caseId }, { signal: ctl.signal })
      .then((p) => {
        setPreview(p);
        setBody(p.body);
        setPeriod(p.suggestedPeriod);
      })
      .catch((e: unknown) => {
        if ((e as Error)?.name === 'AbortError') return;
        setFailed(isApiError(e) ? e.message : '预览加载失败，请稍后再试');
      });
    return () => ctl.abort();
  }, [candidate.caseId]);

  const publish = async () => {
    if (!preview) return;
    if (body.trim().length < 20) {
      showError(new Error(), '公示正文不少于 20 个字');
      return;
    }
    setSending(true);
    try {
      await api.post<PublicationDto>('/api/penalty-publications', {
        caseId: candidate.caseId,
        body: body.trim() === preview.body.trim() ? undefined : body,
        period,
      });
      showSuccess('已公示，门户“处罚公示”栏目可查看');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.lg ? 860 : '100%'}
      destroyOnHidden
      title={`公示行政处罚信息 · ${candidate.caseNo}`}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} disabled={!preview} onClick={() => void publish()} data-testid="publication-confirm">
            确认公示
          </Button>
        </Space>
      }
    >
      {failed ? (
        <Alert type="error" showIcon title={failed} />
      ) : !preview ? (
        <div className="zc-center">
          <Spin />
        </div>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <span>公示期限：</span>
            <PublicationDeadlineTag d={preview.deadline} />
          </Space>
          <SummaryBlock s={preview.summary} />
          <div>
            <Typography.Title level={5}>公示期</Typography.Title>
            <Radio.Group value={period} onChange={(e) => setPeriod(e.target.value as PublicationPeriod)}>
              <Radio value="threeMonths">
                {PUBLICATION_PERIODS.threeMonths}（至 {fmtDate(preview.expiresOn.threeMonths)}）
              </Radio>
              <Radio value="threeYears">
                {PUBLICATION_PERIODS.threeYears}（至 {fmtDate(preview.expiresOn.threeYears)}）
              </Radio>
            </Radio.Group>
            <div>
              <Typography.Text type="secondary">
                建议：{PUBLICATION_PERIODS[preview.suggestedPeriod]}。{preview.periodReason}
                {preview.lowFineThresholdYuan === null && '。通报批评或较低数额罚款的公示三个月，较低数额标准以省级市场监管部门规定为准。'}
              </Typography.Text>
            </div>
            {period !== preview.suggestedPeriod && <Alert style={{ marginTop: 8 }} type="warning" showIcon title="所选公示期与系统建议不同，请确认符合本省规定。" />}
          </div>
          <div>
            <Typography.Title level={5}>公示正文</Typography.Title>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={
                preview.redactions.length > 0
                  ? `系统已处理个人信息：${preview.redactions.join('，')}。`
                  : '系统未在正文中发现需处理的个人信息。'
              }
              description="请逐段核对：其他自然人的姓名、住址、联系方式，以及商业秘密，须删除或处理后再公示（第六条）；其余内容应与送达的决定书一致（第七条）。提交时系统将再次处理身份证号码、电话号码。"
            />
            <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 12, maxRows: 30 }} maxLength={20000} showCount data-testid="publication-body" />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

function PublicationDrawer({ p, onClose }: { p: PublicationDto; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.lg ? 760 : '100%'}
      destroyOnHidden
      title={
        <Space wrap>
          <span className="zc-mono">{p.docNo}</span>
          <PublicationStatusTag status={p.status} label={p.statusLabel} />
        </Space>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <SummaryBlock
          s={p}
          extra={[
            { label: '公示日期', value: fmtDate(p.publishedOn) },
            { label: '公示期', value: `${p.periodLabel}（至 ${fmtDate(p.expiresOn)}）` },
            { label: '发布人', value: `${p.publishedByName ?? '—'}（${fmtTime(p.createdAt)}）` },
            ...(p.status === 'withdrawn' ? [{ label: '撤回', value: `${fmtDate(p.withdrawnOn)}：${p.withdrawReason ?? ''}` }] : []),
          ]}
        />
        <div>
          <Typography.Title level={5}>公示正文</Typography.Title>
          <div style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 4 }}>{p.body}</div>
        </div>
        {p.status === 'published' && (
          <Typography.Link href={`/penalties/${p.id}`} target="_blank">
            在门户查看
          </Typography.Link>
        )}
      </Space>
    </Drawer>
  );
}

function WithdrawModal({ p, onCancel, onDone }: { p: PublicationDto; onCancel: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string; changedOn: Dayjs }>();
  const [sending, setSending] = useState(false);
  const submit = async (v: { reason: string; changedOn: Dayjs }) => {
    setSending(true);
    try {
      await api.post<PublicationDto>(`/api/penalty-publications/${p.id}/withdraw`, {
        reason: v.reason,
        changedOn: v.changedOn.format('YYYY-MM-DD'),
        version: p.version,
      });
      showSuccess('已撤回公示信息');
      onDone();
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        showError(e);
        onDone();
      } else applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={`撤回公示信息 · ${p.docNo}`} okText="撤回" okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onCancel} confirmLoading={sending} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        行政处罚决定被依法变更、撤销、确认违法或者确认无效的，应当在三个工作日内撤回公示信息并说明理由（总局令第45号 第十一条）。撤回后门户不再显示。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ changedOn: dayjs() }} onFinish={(v) => void submit(v)} data-testid="withdraw-form">
        <Form.Item name="changedOn" label="决定被变更、撤销的日期" rules={[{ required: true, message: '请选择日期' }]} extra="三个工作日自该日起计算">
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }, { min: 4, message: '撤回理由不少于 4 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如 原处罚决定经行政复议被撤销（复议决定书文号）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

