/**
 * 裁决案件详情: request / case number, status, the statutory decision due date (法定结案期限) beside the bureau's own 60-day
 * target (本局办结目标), the buttons of the actions the DTO allows (each opens its modal), then tabs: 案件信息 / 办理期限 /
 * 合议组 / 送达 / 口头审理 / 协助调查 / 材料 / 文书 / 关联调解 / 公开 / 办理记录. A county bureau or station that received the
 * request or is asked to assist sees the case read-only and registers its assist result.
 */
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, DownOutlined, EyeOutlined, PaperClipOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  addDaysIso,
  ADJUDICATION_ACTIONS,
  ADJUDICATION_CHANNELS,
  ADJUDICATION_DECISIONS,
  ADJUDICATION_FILE_KINDS,
  ADJUDICATION_FILE_PARTIES,
  ADJUDICATION_REJECTION_REASONS,
  INVALIDATION_RESULTS,
  JUDGMENT_RESULTS,
  PATENT_KINDS,
  SERVICE_METHODS,
  SUSPENSION_REFUSAL_GROUNDS,
  type AdjudicationAction,
  type AdjudicationActionDto,
  type AdjudicationAssistDto,
  type AdjudicationDeadlineDto,
  type AdjudicationDetailDto,
  type AdjudicationFileDto,
  type AdjudicationFileKind,
  type AdjudicationFileParty,
  type AdjudicationHearingDto,
  type AdjudicationIdentityDto,
  type ExtensionRequestDto,
  type Page,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { useAuth } from '../../admin/auth';
import { applyServerErrors } from '../../api/forms';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { ServicePanel } from '../service/ServicePanel';
import { ExtensionRequestButton } from '../supervision/ExtensionRequestButton';
import { ExtensionStatusTag } from '../supervision/labels';
import { showError, showSuccess } from '../../ui/feedback';
import { DueTag } from '../../ui/DueTag';
import { fmtDate, fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { DeadlineStateTag, basisText, notFuture, ymd } from '../cases/labels';
import { modalFor, uploadCaseFile, useHeaderActions, type ActionModalProps } from './ActionModals';
import { ADJUDICATION_FINISHED, AdjudicationStatusTag, PatentCheckTag } from './labels';
import { PublishDrawer, WithdrawPublicationModal } from './PublishForms';
import '../cases/cases.css';
import './adjudication.css';

const PRIMARY: AdjudicationAction[] = ['file', 'serveRequest', 'recordAnswer', 'scheduleHearing', 'holdHearing', 'decide', 'serveDecision', 'becomeEffective', 'close', 'resume'];
const DANGER: AdjudicationAction[] = ['reject', 'dismissInvalidated', 'dismissNoReport', 'recordNonPerformance'];
/** Shown under 更多操作 so the main buttons stay few. */
const SECONDARY: AdjudicationAction[] = [
  'assignPanel',
  'requestEvaluationReport',
  'startAppraisal',
  'endAppraisal',
  'requestAssist',
  'refuseSuspension',
  'suspend',
  'dismissNoReport',
  'withdraw',
  'settle',
  'startDamagesMediation',
];

/** The last excluded day of a pause (its `until` is the first day counted again). */
const dayBefore = (iso: string) => addDaysIso(iso, -1);

function fmtSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

// ---------- 办理记录 ----------

const DATA_LABELS: Record<string, string> = {
  caseNo: '立案号',
  filedOn: '立案日期',
  reason: '理由',
  reasonText: '理由',
  ground: '情形',
  method: '送达方式',
  party: '受送达人',
  recipient: '受送达人',
  servedOn: '送达日期',
  announcedOn: '公告日期',
  deemedServedOn: '视为送达日',
  receivedOn: '收到日期',
  forwardedOn: '送达请求人日期',
  scheduledOn: '审理日期',
  scheduledTime: '时间',
  place: '地点',
  heldOn: '审理日期',
  invalidationCaseNo: '无效宣告请求案件编号',
  invalidationAcceptedOn: '受理日期',
  invalidationResult: '审查决定',
  invalidationDecidedOn: '审查决定日期',
  suspendedOn: '中止日期',
  resumedOn: '恢复日期',
  decision: '裁决结论',
  decidedOn: '裁决日期',
  plaintiff: '起诉人',
  court: '人民法院',
  filedCaseNo: '法院案号',
  judgedOn: '判决日期',
  result: '结果',
  effectiveOn: '生效日期',
  performedOn: '履行日期',
  appliedOn: '申请日期',
  endedOn: '日期',
  closedOn: '结案日期',
  subject: '鉴定事项',
  institution: '鉴定机构',
  startedOn: '开始日期',
  unitName: '协助单位',
  task: '协助事项',
  dueOn: '期限',
  mediationNo: '调解编号',
  amountClaimed: '主张赔偿数额（元）',
  summary: '意见',
  decisionSummary: '裁决主文',
  recordSummary: '笔录摘要',
  channel: '渠道',
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  method: SERVICE_METHODS,
  decision: ADJUDICATION_DECISIONS,
  invalidationResult: INVALIDATION_RESULTS,
  result: JUDGMENT_RESULTS,
  ground: SUSPENSION_REFUSAL_GROUNDS,
  reason: ADJUDICATION_REJECTION_REASONS,
  party: { requester: '请求人', respondent: '被请求人' },
  plaintiff: { requester: '请求人', respondent: '被请求人' },
  channel: ADJUDICATION_CHANNELS,
};

function actionSummary(a: AdjudicationActionDto): ReactNode {
  const x = a.data ?? {};
  const parts: string[] = [];
  for (const [k, label] of Object.entries(DATA_LABELS)) {
    const v = x[k];
    if (v === null || v === undefined || v === '' || typeof v === 'object') continue;
    const shown = typeof v === 'boolean' ? (v ? '是' : '否') : (VALUE_LABELS[k]?.[String(v)] ?? String(v));
    parts.push(`${label}：${shown}`);
  }
  if (Array.isArray(x.panel)) parts.push(`合议组 ${x.panel.length} 人`);
  if (a.note && !parts.some((p) => p.endsWith(a.note!))) parts.push(a.note);
  return parts.length ? <div className="zk-timeline-note">{parts.join('；')}</div> : null;
}

// ---------- 案件信息 ----------

function BasicInfo({ c }: { c: AdjudicationDetailDto }) {
  const [identity, setIdentity] = useState<AdjudicationIdentityDto | null>(null);
  const [loading, setLoading] = useState(false);
  const r = c.requester;
  const p = c.respondent;
  const reveal = async () => {
    setLoading(true);
    try {
      setIdentity(await api.get<AdjudicationIdentityDto>(`/api/adjudications/${c.id}/identity`));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="请求">
        <Descriptions.Item label="请求登记号">
          <span className="zc-mono">{c.requestNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label="立案号">{c.caseNo ? <span className="zc-mono">{c.caseNo}</span> : '尚未立案'}</Descriptions.Item>
        <Descriptions.Item label="请求渠道">{c.channelLabel}</Descriptions.Item>
        <Descriptions.Item label="收到请求日期">{fmtDate(c.receivedOn)}</Descriptions.Item>
        <Descriptions.Item label="裁决机关">{c.unitName}</Descriptions.Item>
        <Descriptions.Item label="接收单位">{c.receivedByUnitName}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{fmtDate(c.filedOn)}</Descriptions.Item>
        <Descriptions.Item label="审理方式">
          {c.procedureMode === 'oral' ? '口头审理' : c.procedureMode === 'written' ? '书面审理' : '—'}
          {c.simpleCase && <Tag style={{ marginLeft: 8 }}>简易案件</Tag>}
        </Descriptions.Item>
        {c.notAcceptedReason && (
          <Descriptions.Item label="不予受理理由" span={2}>
            <div className="zk-pre">{c.notAcceptedReason}</div>
          </Descriptions.Item>
        )}
        {c.endedReasonLabel && (
          <Descriptions.Item label="结束原因" span={2}>
            {c.endedReasonLabel}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="涉案专利" style={{ marginTop: 24 }}>
        <Descriptions.Item label="专利号">
          <span className="zc-mono">{c.patentNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label="专利类型">{PATENT_KINDS[c.patentType]}</Descriptions.Item>
        <Descriptions.Item label="专利名称">{c.patentTitle}</Descriptions.Item>
        <Descriptions.Item label="专利权人">{c.patentee}</Descriptions.Item>
        <Descriptions.Item label="专利数据库核对" span={2}>
          <Space wrap>
            <PatentCheckTag check={c.patentCheck} note={c.patentCheckNote} />
            <span>{c.patentCheckNote ?? c.patentCheckLabel}</span>
          </Space>
        </Descriptions.Item>
        {c.evaluationReportExpected && (
          <Descriptions.Item label="专利权评价报告" span={2}>
            {c.evaluationReportProvided ? '已提交' : <Typography.Text type="warning">未提交（实用新型、外观设计应当提交，山东省专利条例 第二十条）</Typography.Text>}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Descriptions
        className="zk-detail"
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title="请求人"
        style={{ marginTop: 24 }}
        extra={
          c.abilities.viewIdentity && !identity && (r.idNoMasked || r.phoneMasked) ? (
            <Button size="small" icon={<EyeOutlined />} loading={loading} onClick={() => void reveal()} data-testid="view-identity">
              查看完整信息
            </Button>
          ) : null
        }
      >
        <Descriptions.Item label={r.kind === 'organization' ? '名称' : '姓名'}>{r.name}</Descriptions.Item>
        <Descriptions.Item label="请求人身份">{r.roleLabel}</Descriptions.Item>
        {r.kind === 'organization' ? (
          <Descriptions.Item label="统一社会信用代码">
            <span className="zc-mono">{r.uscc ?? '—'}</span>
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label="身份证号码">
            <span className="zc-mono" data-testid="requester-id">
              {identity?.idNo ?? r.idNoMasked ?? '—'}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="联系电话">
          <span className="zc-mono">{identity?.phone ?? r.phoneMasked ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="送达地址">{r.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="委托代理人">{r.agent ?? '—'}</Descriptions.Item>
      </Descriptions>
      {identity && <Typography.Text type="secondary">完整信息的查看已记入审计日志。</Typography.Text>}

      <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="被请求人" style={{ marginTop: 24 }}>
        <Descriptions.Item label={p.kind === 'organization' ? '名称' : '姓名'}>{p.name}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{p.uscc ? <span className="zc-mono">{p.uscc}</span> : '—'}</Descriptions.Item>
        <Descriptions.Item label="所在地区">{p.regionName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="住所">{p.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="法定代表人">{p.legalRep ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{p.phone ?? '—'}</Descriptions.Item>
      </Descriptions>

      <Descriptions className="zk-detail" bordered size="small" column={1} title="请求事项与理由" style={{ marginTop: 24 }}>
        <Descriptions.Item label="被控侵权产品或方法">{c.accusedProduct}</Descriptions.Item>
        <Descriptions.Item label="请求事项">
          <div className="zk-pre">{c.requests}</div>
        </Descriptions.Item>
        <Descriptions.Item label="技术特征对比">
          <div className="zk-pre">{c.claimsComparison}</div>
        </Descriptions.Item>
        <Descriptions.Item label="事实与理由">
          <div className="zk-pre">{c.factsReasons}</div>
        </Descriptions.Item>
        <Descriptions.Item label="未起诉声明">{c.noLawsuitDeclared ? '请求人声明当事人未就该纠纷向人民法院起诉' : '—'}</Descriptions.Item>
      </Descriptions>

      {(c.invalidationCaseNo || c.answerReceivedOn || c.respondentServedOn) && (
        <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="送达、答辩与中止" style={{ marginTop: 24 }}>
          <Descriptions.Item label="请求书副本送达">
            {c.respondentAnnouncedOn ? `公告 ${fmtDate(c.respondentAnnouncedOn)}，视为送达 ${fmtDate(c.respondentServedOn)}` : fmtDate(c.respondentServedOn)}
          </Descriptions.Item>
          <Descriptions.Item label="答辩期届满">{fmtDate(c.answerDueOn)}</Descriptions.Item>
          <Descriptions.Item label="收到答辩书">{fmtDate(c.answerReceivedOn)}</Descriptions.Item>
          <Descriptions.Item label="答辩书副本送达请求人">{fmtDate(c.answerForwardedOn)}</Descriptions.Item>
          {c.invalidationCaseNo && (
            <>
              <Descriptions.Item label="无效宣告请求案件编号">
                <span className="zc-mono">{c.invalidationCaseNo}</span>
              </Descriptions.Item>
              <Descriptions.Item label="受理日期">{fmtDate(c.invalidationAcceptedOn)}</Descriptions.Item>
              <Descriptions.Item label="审查决定">{c.invalidationResult ? INVALIDATION_RESULTS[c.invalidationResult] : '尚未作出'}</Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}

      {c.decision && (
        <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="裁决与执行" style={{ marginTop: 24 }} data-testid="decision-info">
          <Descriptions.Item label="裁决结论">{c.decisionLabel}</Descriptions.Item>
          <Descriptions.Item label="裁决日期">{fmtDate(c.decisionOn)}</Descriptions.Item>
          <Descriptions.Item label="裁决书文号">{c.decisionDocNo ? <span className="zc-mono">{c.decisionDocNo}</span> : '尚未生成裁决书'}</Descriptions.Item>
          <Descriptions.Item label="责令事项">{c.orderLabels.length ? c.orderLabels.join('；') : '—'}</Descriptions.Item>
          <Descriptions.Item label="裁决主文" span={2}>
            <div className="zk-pre">{c.decisionSummary ?? '—'}</div>
          </Descriptions.Item>
          <Descriptions.Item label="裁决书送达">{fmtDate(c.decisionServedOn)}</Descriptions.Item>
          <Descriptions.Item label="起诉期届满">{fmtDate(c.lawsuitDueOn)}</Descriptions.Item>
          {c.lawsuitFiledOn && (
            <>
              <Descriptions.Item label="行政诉讼">
                {fmtDate(c.lawsuitFiledOn)} {c.lawsuitCourt} {c.lawsuitCaseNo}
              </Descriptions.Item>
              <Descriptions.Item label="判决结果">{c.judgmentResult ? JUDGMENT_RESULTS[c.judgmentResult] : '尚未判决'}</Descriptions.Item>
            </>
          )}
          <Descriptions.Item label="生效日期">{fmtDate(c.effectiveOn)}</Descriptions.Item>
          <Descriptions.Item label="履行情况">
            {c.performance === 'performed' ? '已履行' : c.performance === 'notPerformed' ? '拒不履行' : c.performance === 'enforcementApplied' ? '已申请人民法院强制执行' : '—'}
            {c.performanceOn && ` · ${fmtDate(c.performanceOn)}`}
            {c.creditFlaggedOn && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {fmtDate(c.creditFlaggedOn)} 已推送信用监管
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="结案日期">{fmtDate(c.closedOn)}</Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}

// ---------- 办理期限 ----------

/**
 * 延期申请及审批 of the decision period (policy adjudication.decision: one month at most, the head approves). Listed by the
 * deadline (the supervision list filters entity types lead | case only).
 */
function DecisionExtensions({ deadlineId, refreshKey }: { deadlineId: number; refreshKey: number }) {
  const req = useRequest<Page<ExtensionRequestDto>>(
    (signal) => api.get('/api/extension-requests', { deadlineId, pageSize: 50 }, { signal }),
    [deadlineId, refreshKey],
    { onError: () => {} },
  );
  const items = req.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Table<ExtensionRequestDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      style={{ marginTop: 16 }}
      title={() => '延期申请及审批'}
      data-testid="extension-history"
      columns={[
        { title: '延长', key: 'amount', width: 160, render: (_: unknown, r) => (<>{r.amountText} <Tag color="blue">{r.approvalLabel}</Tag></>) },
        { title: '延期理由', dataIndex: 'reason' },
        { title: '申请', key: 'req', width: 170, render: (_: unknown, r) => `${r.requestedBy ?? '—'} ${fmtTime(r.requestedAt)}` },
        { title: '审批', key: 'status', width: 200, render: (_: unknown, r) => (<><ExtensionStatusTag r={r} /> {r.decidedBy ?? ''}</>) },
      ]}
    />
  );
}

function DeadlinesTab({ c, reload }: { c: AdjudicationDetailDto; reload: () => void }) {
  const decisionDl = c.deadlines.find((d) => d.ruleKey === 'adjudication.decision');
  const columns: ColumnsType<AdjudicationDeadlineDto> = [
    {
      title: '期限',
      dataIndex: 'title',
      render: (v: string, d) => (
        <>
          <div>{v}</div>
          {d.provisional && <div className="zk-sub">暂定（该年度节假日安排尚未公布）</div>}
        </>
      ),
    },
    { title: '起算日', dataIndex: 'startOn', width: 106, render: fmtDate },
    { title: '届满日', dataIndex: 'dueOn', width: 120, render: (v: string | null, d) => (d.state === 'paused' ? <Tag>暂停计时</Tag> : fmtDate(v)) },
    { title: '状态', key: 'state', width: 100, render: (_: unknown, d) => <DeadlineStateTag d={d} /> },
    {
      title: '法律依据',
      key: 'basis',
      render: (_: unknown, d) => (
        <>
          <div>{basisText(d)}</div>
          {d.pauses.map((p, i) => (
            <div key={i} className="zk-sub">
              不计入期限：{p.from} 至 {p.until ? dayBefore(p.until) : '今'}（{p.reason}）
            </div>
          ))}
          {d.extensions.map((e, i) => (
            <div key={`e${i}`} className="zk-sub">
              延期 {e.amount}
              {e.unit === 'workingDays' ? '个工作日' : e.unit === 'months' ? '个月' : '日'}（{e.approvedOn} 批准：{e.reason}）
            </div>
          ))}
        </>
      ),
    },
    { title: '完成日', dataIndex: 'completedOn', width: 106, render: fmtDate },
    {
      title: '操作',
      key: 'ops',
      width: 140,
      render: (_: unknown, d) =>
        d.completedOn || !c.abilities.requestExtension || d.ruleKey !== 'adjudication.decision' ? null : (
          <ExtensionRequestButton deadline={{ id: d.id, title: d.title, ruleKey: d.ruleKey, dueOn: d.dueOn }} onDone={reload} />
        ),
    },
  ];
  return (
    <>
      {c.pilotTargetOn && (
        <Alert
          className="zk-block"
          type="info"
          showIcon
          title={`本局办结目标 ${fmtDate(c.pilotTargetOn)}：自立案之日起六十日，扣除中止、公告、鉴定期间${c.pilotTargetBasis ? `；依据 ${c.pilotTargetBasis.regulation}${c.pilotTargetBasis.article}` : ''}。该目标为本局自我要求，不作为法定期限，不列入下表。`}
        />
      )}
      <Table<AdjudicationDeadlineDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.deadlines}
        columns={columns}
        data-testid="adjudication-deadlines"
        locale={{ emptyText: <Empty description="暂无办理期限" /> }}
      />
      {decisionDl && <DecisionExtensions deadlineId={decisionDl.id} refreshKey={c.version} />}
    </>
  );
}

// ---------- 协助调查 ----------

function CompleteAssistModal({ assist, onClose, onDone }: { assist: AdjudicationAssistDto; onClose: () => void; onDone: (d: AdjudicationDetailDto) => void }) {
  const [form] = Form.useForm<{ result: string; doneOn?: Dayjs }>();
  const [sending, setSending] = useState(false);
  const submit = async (v: { result: string; doneOn?: Dayjs }) => {
    setSending(true);
    try {
      const d = await api.post<AdjudicationDetailDto>(`/api/adjudication-assists/${assist.id}/complete`, { result: v.result.trim(), doneOn: ymd(v.doneOn) ?? null });
      showSuccess('已登记协助结果');
      onDone(d);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title="登记协助结果" okText="登记" onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Typography.Paragraph>
        协助事项：{assist.task}
        {assist.dueOn && `（要求 ${fmtDate(assist.dueOn)} 前完成）`}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ doneOn: dayjs() }} onFinish={(v) => void submit(v)} data-testid="assist-complete-form">
        <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
          <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="result" label="协助结果" rules={[{ required: true, whitespace: true, message: '请填写协助结果' }, { min: 2, message: '至少 2 个字' }]}>
          <Input.TextArea rows={5} maxLength={3000} showCount placeholder="如 现场勘验情况、调取的证据、送达情况等；相关材料可在“材料”中上传" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssistsTab({ c, onChanged }: { c: AdjudicationDetailDto; onChanged: (d: AdjudicationDetailDto) => void }) {
  const [completing, setCompleting] = useState<AdjudicationAssistDto | null>(null);
  const columns: ColumnsType<AdjudicationAssistDto> = [
    { title: '协助单位', dataIndex: 'unitName', width: 170 },
    {
      title: '协助事项',
      dataIndex: 'task',
      render: (v: string, a) => (
        <>
          <div className="zk-pre">{v}</div>
          {a.result && <div className="zk-sub zk-pre">结果：{a.result}</div>}
        </>
      ),
    },
    { title: '发出', key: 'req', width: 150, render: (_: unknown, a) => `${fmtDate(a.requestedOn)} ${a.requestedByName ?? ''}` },
    { title: '要求完成', dataIndex: 'dueOn', width: 106, render: fmtDate },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_: unknown, a) =>
        a.status === 'done' ? (
          <>
            <Tag color="green">{a.statusLabel}</Tag>
            <div className="zk-sub">
              {fmtDate(a.doneOn)} {a.doneByName ?? ''}
            </div>
          </>
        ) : (
          <Tag color="processing">{a.statusLabel}</Tag>
        ),
    },
    {
      title: '操作',
      key: 'ops',
      width: 120,
      render: (_: unknown, a) =>
        a.canComplete ? (
          <Button size="small" type="primary" onClick={() => setCompleting(a)} data-testid={`assist-complete-${a.id}`}>
            登记协助结果
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">市、县、所三级联动：裁决机关可以请县（市、区）局或市场监管所协助现场勘验、调查取证、送达；协助单位在此登记结果。</Typography.Paragraph>
      <Table<AdjudicationAssistDto> rowKey="id" size="small" pagination={false} dataSource={c.assists} columns={columns} locale={{ emptyText: <Empty description="尚未请求协助调查" /> }} />
      {completing && (
        <CompleteAssistModal
          assist={completing}
          onClose={() => setCompleting(null)}
          onDone={(d) => {
            setCompleting(null);
            onChanged(d);
          }}
        />
      )}
    </>
  );
}

// ---------- 材料 ----------

function AddFileModal({ c, onClose, onDone }: { c: AdjudicationDetailDto; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ kind: AdjudicationFileKind; party: AdjudicationFileParty; title: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (v: { kind: AdjudicationFileKind; party: AdjudicationFileParty; title: string }) => {
    if (!file) {
      showError(new Error(), '请选择要上传的文件');
      return;
    }
    setSending(true);
    try {
      await uploadCaseFile(c.id, file, v.kind, v.party, v.title.trim());
      showSuccess('材料已上传');
      onDone();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title="上传材料" okText="上传" onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'evidence', party: 'requester' }} onFinish={(v) => void submit(v)} data-testid="add-file-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label="材料种类" rules={[{ required: true, message: '请选择材料种类' }]}>
              <Select options={(Object.keys(ADJUDICATION_FILE_KINDS) as AdjudicationFileKind[]).map((k) => ({ value: k, label: ADJUDICATION_FILE_KINDS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="party" label="提交方" rules={[{ required: true, message: '请选择提交方' }]}>
              <Select options={(Object.keys(ADJUDICATION_FILE_PARTIES) as AdjudicationFileParty[]).map((k) => ({ value: k, label: ADJUDICATION_FILE_PARTIES[k] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="材料名称" rules={[{ required: true, whitespace: true, message: '请填写材料名称' }, { min: 2, message: '至少 2 个字' }]}>
          <Input maxLength={200} placeholder="如 请求书、专利证书复印件、侵权产品照片" />
        </Form.Item>
        <Form.Item label="文件" required>
          <Upload
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              if (!form.getFieldValue('title')) form.setFieldValue('title', f.name.replace(/\.[^.]+$/, ''));
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FilesTab({ c, onChanged }: { c: AdjudicationDetailDto; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  const columns: ColumnsType<AdjudicationFileDto> = [
    { title: '种类', dataIndex: 'kindLabel', width: 170 },
    { title: '材料名称', dataIndex: 'title' },
    { title: '提交方', dataIndex: 'party', width: 90, render: (v: AdjudicationFileParty) => ADJUDICATION_FILE_PARTIES[v] },
    {
      title: '文件',
      key: 'file',
      width: 260,
      render: (_: unknown, f) => (
        <Typography.Link href={f.downloadUrl} target="_blank" data-testid="file-download">
          <PaperClipOutlined /> {f.name}（{fmtSize(f.size)}）
        </Typography.Link>
      ),
    },
    { title: '上传', key: 'by', width: 170, render: (_: unknown, f) => `${f.createdByName ?? '请求人（在线提交）'} ${fmtTime(f.createdAt)}` },
  ];
  return (
    <>
      {c.abilities.addFiles && (
        <Button type="primary" className="zk-block" icon={<UploadOutlined />} onClick={() => setAdding(true)} data-testid="add-file">
          上传材料
        </Button>
      )}
      <Table<AdjudicationFileDto> rowKey="id" size="small" pagination={false} dataSource={c.files} columns={columns} locale={{ emptyText: <Empty description="尚无材料" /> }} />
      {adding && (
        <AddFileModal
          c={c}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}

// ---------- 期限概览 (法定结案期限 / 本局办结目标) ----------

function PeriodsCard({ c }: { c: AdjudicationDetailDto }) {
  const decisionDl = c.deadlines.find((d) => d.ruleKey === 'adjudication.decision');
  const filingDl = c.deadlines.find((d) => d.ruleKey === 'adjudication.filing');
  const finished = ADJUDICATION_FINISHED.includes(c.status);
  const current = c.deadlines.filter((d) => !d.completedOn && d.dueOn === c.dueOn)[0];
  return (
    <Card size="small" className="zj-periods" data-testid="periods">
      <Row gutter={[16, 12]}>
        {decisionDl ? (
          <Col xs={24} md={8}>
            <div className="zj-period-label">法定结案期限</div>
            <div className="zj-period-value" data-testid="decision-due">
              {decisionDl.state === 'paused' ? (
                <Tag>暂停计时</Tag>
              ) : decisionDl.completedOn ? (
                <span>{fmtDate(c.decisionDueOn ?? decisionDl.dueOn)}</span>
              ) : (
                <DueTag dueOn={c.decisionDueOn ?? decisionDl.dueOn} state={decisionDl.state === 'done' ? 'normal' : decisionDl.state} />
              )}
              {decisionDl.completedOn && <span className="zk-sub"> · {fmtDate(decisionDl.completedOn)} 已裁决</span>}
            </div>
            <div className="zk-sub">{basisText(decisionDl)}，自立案之日起计算；中止、公告、鉴定期间不计入</div>
          </Col>
        ) : (
          filingDl && (
            <Col xs={24} md={8}>
              <div className="zj-period-label">立案审查期限</div>
              <div className="zj-period-value">{filingDl.completedOn ? `${fmtDate(filingDl.completedOn)} 已完成` : <DueTag dueOn={filingDl.dueOn} state={filingDl.state === 'done' ? 'normal' : filingDl.state} />}</div>
              <div className="zk-sub">{basisText(filingDl)}，自收到请求之日起计算</div>
            </Col>
          )
        )}
        {c.pilotTargetOn && (
          <Col xs={24} md={8}>
            <div className="zj-period-label">本局办结目标</div>
            <div className="zj-period-value" data-testid="pilot-target">
              {fmtDate(c.pilotTargetOn)}
            </div>
            <div className="zk-sub">
              {c.pilotTargetBasis ? `${c.pilotTargetBasis.regulation}${c.pilotTargetBasis.article}` : '本局试点目标，不作为法定期限'}：自立案之日起六十日，扣除中止、公告、鉴定期间
            </div>
          </Col>
        )}
        {!finished && current && current.ruleKey !== 'adjudication.decision' && !(current.ruleKey === 'adjudication.filing' && !decisionDl) && (
          <Col xs={24} md={8}>
            <div className="zj-period-label">当前步骤</div>
            <div className="zj-period-value">
              <DueTag dueOn={c.dueOn} state={c.deadlineState} title={current.title} />
            </div>
            <div className="zk-sub">{current.title}</div>
          </Col>
        )}
      </Row>
    </Card>
  );
}

// ---------- page ----------

export default function AdjudicationDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const { can } = useAuth();
  const [tab, setTab] = useState('basic');
  const [modal, setModal] = useState<AdjudicationAction | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const req = useRequest((signal) => api.get<AdjudicationDetailDto>(`/api/adjudications/${id}`, undefined, { signal }), [id], {
    enabled: Number.isInteger(id) && id > 0,
    onError: (e) => {
      if (!(isApiError(e) && e.code === 'NOT_FOUND')) showError(e, '加载失败，请稍后再试');
    },
  });
  const c = req.data;
  const headerActions = useHeaderActions(c?.allowedActions ?? []);

  if ((req.error && isApiError(req.error) && req.error.code === 'NOT_FOUND') || !(Number.isInteger(id) && id > 0)) {
    return (
      <PageContainer title="裁决案件详情">
        <Result status="404" title="案件不存在或无权访问" extra={<Button onClick={() => navigate('/adjudications')}>返回行政裁决列表</Button>} />
      </PageContainer>
    );
  }
  if (!c) {
    return (
      <PageContainer title="裁决案件详情">
        <Spin />
      </PageContainer>
    );
  }

  const modalProps: ActionModalProps = {
    detail: c,
    onCancel: () => setModal(null),
    onStale: () => {
      setModal(null);
      req.reload();
    },
    onDone: (d) => {
      setModal(null);
      req.setData(d);
    },
  };
  const ModalC = modal ? modalFor(modal) : null;
  const main = headerActions.filter((a) => !SECONDARY.includes(a));
  const more = headerActions.filter((a) => SECONDARY.includes(a));
  const canPublish = c.abilities.publish;
  const canWithdraw = c.abilities.withdrawPublication && !!c.publication && c.publication.status === 'published';

  const hints: ReactNode[] = [];
  if (!c.actionable) {
    hints.push(
      <Alert
        key="ro"
        type="info"
        showIcon
        title={`本案由${c.unitName}办理。本单位为${c.assists.some((a) => a.canComplete || a.status === 'done') ? '协助单位' : '代收单位'}，可以查看案件进展；协助事项请在“协助调查”中登记结果。`}
      />,
    );
  }
  if (c.status === 'suspended') {
    hints.push(
      <Alert
        key="susp"
        type="warning"
        showIcon
        title={`案件已中止：被请求人提出的无效宣告请求（${c.invalidationCaseNo ?? '—'}）已于 ${fmtDate(c.invalidationAcceptedOn)} 受理，裁决期限暂停计时，待国家知识产权局作出审查决定后恢复审理。`}
      />,
    );
  }
  if (c.guide.appraisalRunning) hints.push(<Alert key="appr" type="info" showIcon title="鉴定进行中：鉴定期间不计入裁决期限。" />);
  if (c.status === 'decided' && !c.decisionDocNo && c.allowedActions.includes('serveDecision')) {
    hints.push(<Alert key="doc" type="info" showIcon title="请先在“文书”中生成专利侵权纠纷行政裁决书，再登记送达。" />);
  }
  if ((c.status === 'decided' || c.status === 'lawsuitWindow') && c.guide.decisionServicePending.length > 0) {
    hints.push(
      <Alert
        key="svc"
        type="info"
        showIcon
        title={`裁决书尚待送达：${c.guide.decisionServicePending.map((p) => (p === 'requester' ? '请求人' : '被请求人')).join('、')}。起诉期自最后一方当事人收到裁决书之日起计算十五日。`}
      />,
    );
  }
  if (c.creditFlaggedOn) hints.push(<Alert key="credit" type="error" showIcon title={`当事人拒不履行生效裁决，已于 ${fmtDate(c.creditFlaggedOn)} 推送信用监管。`} />);

  const hearingColumns: ColumnsType<AdjudicationHearingDto> = [
    { title: '审理时间', key: 'at', width: 150, render: (_: unknown, h) => `${fmtDate(h.scheduledOn)} ${h.scheduledTime}` },
    { title: '地点', key: 'place', render: (_: unknown, h) => (h.online ? `在线审理：${h.place}` : h.place) },
    { title: '通知日期', dataIndex: 'noticeOn', width: 106, render: fmtDate },
    {
      title: '技术调查官 / 联合审理',
      key: 'tech',
      width: 220,
      render: (_: unknown, h) => (
        <>
          <div>{h.technicalInvestigators.length ? h.technicalInvestigators.join('、') : '—'}</div>
          {h.jointWithCnipa && <Tag color="purple">与复审和无效审理部联合审理</Tag>}
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 220,
      render: (_: unknown, h) => (
        <>
          <Tag color={h.status === 'held' ? 'green' : h.status === 'scheduled' ? 'processing' : 'default'}>{h.statusLabel}</Tag>
          {h.heldOn && <span className="zk-sub">{fmtDate(h.heldOn)}</span>}
          {h.recordSummary && <div className="zk-sub zk-pre">{h.recordSummary}</div>}
        </>
      ),
    },
  ];

  const svcPurpose: Record<string, string> = { request: '请求书副本', decisionRequester: '裁决书（请求人）', decisionRespondent: '裁决书（被请求人）', other: '其他文书' };

  return (
    <PageContainer
      title={
        <Space wrap size={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/adjudications')} aria-label="返回行政裁决列表" />
          <span className="zc-mono" data-testid="adjudication-no">
            {c.caseNo ?? c.requestNo}
          </span>
          <AdjudicationStatusTag status={c.status} label={c.statusLabel} />
          {c.simpleCase && <Tag>简易案件</Tag>}
        </Space>
      }
      subTitle={
        <span className="zk-header-meta">
          <span>
            {c.requester.name} 与 {c.respondent.name} 专利侵权纠纷
          </span>
          <span>
            专利 {c.patentNo}《{c.patentTitle}》
          </span>
          {c.caseNo && <span>请求登记号 {c.requestNo}</span>}
        </span>
      }
      extra={<Button icon={<ReloadOutlined />} onClick={req.reload}>刷新</Button>}
    >
      {(main.length > 0 || more.length > 0 || canPublish) && (
        <Space wrap className="zk-actions" data-testid="adjudication-actions">
          {main.map((a) => (
            <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setModal(a)} data-testid={`adj-action-${a}`}>
              {ADJUDICATION_ACTIONS[a]}
            </Button>
          ))}
          {canPublish && (
            <Button onClick={() => setPublishing(true)} data-testid="adj-action-publish">
              公开裁决书
            </Button>
          )}
          {more.length > 0 && (
            <Dropdown
              trigger={['click']}
              menu={{ items: more.map((a) => ({ key: a, label: ADJUDICATION_ACTIONS[a], danger: DANGER.includes(a) })), onClick: ({ key }) => setModal(key as AdjudicationAction) }}
            >
              <Button data-testid="adj-more-actions">
                更多操作 <DownOutlined />
              </Button>
            </Dropdown>
          )}
        </Space>
      )}
      {hints.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
          {hints}
        </Space>
      )}
      <PeriodsCard c={c} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: '案件信息', children: <BasicInfo c={c} /> },
            { key: 'deadlines', label: '办理期限', children: <DeadlinesTab c={c} reload={req.reload} /> },
            {
              key: 'panel',
              label: `合议组（${c.handlers.length}）`,
              children: (
                <Table
                  rowKey="userId"
                  size="small"
                  pagination={false}
                  dataSource={c.handlers}
                  locale={{ emptyText: <Empty description="立案时指定合议组" /> }}
                  columns={[
                    { title: '职责', dataIndex: 'roleLabel', width: 120, render: (v: string, h) => <Tag color={h.role === 'chief' ? 'blue' : 'default'}>{v}</Tag> },
                    { title: '姓名', dataIndex: 'name', width: 140 },
                    { title: '单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                    { title: '执法证号', dataIndex: 'certNo', width: 160, render: (v: string | null) => (v ? <span className="zc-mono">{v}</span> : '—') },
                  ]}
                />
              ),
            },
            {
              key: 'service',
              label: '送达',
              children: (
                <>
                  <Alert
                    className="zk-block"
                    type="info"
                    showIcon
                    title="请求书副本和裁决书的送达请使用页面上方的“送达请求书副本”“送达裁决书”按钮登记，系统据此计算答辩期和起诉期；公告送达的视为送达日由系统计算。口头审理通知书等其他文书的送达在下方登记。"
                  />
                  {c.services.length > 0 && (
                    <Descriptions className="zk-detail zk-block" bordered size="small" column={1}>
                      {c.services.map((s) => (
                        <Descriptions.Item key={s.id} label={svcPurpose[s.purpose] ?? s.documentTitle}>
                          {s.methodLabel} · {s.recipient} ·{' '}
                          {s.announcedOn ? (
                            <span data-testid="deemed-served">
                              公告 {fmtDate(s.announcedOn)}，视为送达日 {fmtDate(s.deemedServedOn)} {s.pending ? <Tag color="gold">公告期内</Tag> : <Tag color="green">已送达</Tag>}
                            </span>
                          ) : (
                            `送达日 ${fmtDate(s.servedOn)}`
                          )}
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  )}
                  <ServicePanel key={c.version} entityType="adjudication" entityId={c.id} canEdit={c.actionable && can('adjudication.handle') && !ADJUDICATION_FINISHED.includes(c.status)} onChanged={req.reload} />
                </>
              ),
            },
            {
              key: 'hearings',
              label: `口头审理（${c.hearings.length}）`,
              children: (
                <Table<AdjudicationHearingDto>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={c.hearings}
                  columns={hearingColumns}
                  locale={{ emptyText: <Empty description={c.procedureMode === 'written' ? '本案书面审理' : '尚未安排口头审理'} /> }}
                />
              ),
            },
            {
              key: 'assists',
              label: (
                <span>
                  协助调查（{c.assists.length}）{c.assists.some((a) => a.canComplete) && <Tag color="orange" style={{ marginLeft: 4 }}>待办</Tag>}
                </span>
              ),
              children: <AssistsTab c={c} onChanged={(d) => req.setData(d)} />,
            },
            { key: 'files', label: `材料（${c.files.length}）`, children: <FilesTab c={c} onChanged={req.reload} /> },
            {
              key: 'documents',
              label: '文书',
              children: (
                <DocumentsPanel
                  entityType="adjudication"
                  entityId={c.id}
                  kinds={['adjudicationFilingNotice', 'adjudicationRejectionNotice', 'answerNotice', 'oralHearingNotice', 'suspensionNotice', 'adjudicationDecision', 'serviceReceipt']}
                  onGenerated={req.reload}
                  refreshKey={c.version}
                />
              ),
            },
            {
              key: 'mediations',
              label: `关联调解（${c.mediations.length}）`,
              children: c.mediations.length ? (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={c.mediations}
                  columns={[
                    {
                      title: '调解编号',
                      dataIndex: 'mediationNo',
                      render: (v: string, m) => (
                        <Typography.Link className="zc-mono" onClick={() => navigate(`/mediations/${m.id}`)}>
                          {v}
                        </Typography.Link>
                      ),
                    },
                    { title: '状态', dataIndex: 'statusLabel', width: 160, render: (v: string) => <Tag>{v}</Tag> },
                  ]}
                />
              ) : (
                <Empty description="尚无关联调解。赔偿数额可以应当事人请求进行调解（“更多操作”中的“赔偿数额调解”）。" />
              ),
            },
            {
              key: 'publication',
              label: '公开',
              children: (
                <>
                  {c.publication ? (
                    <Descriptions className="zk-detail zk-block" bordered size="small" column={{ xs: 1, md: 2 }} data-testid="publication-info">
                      <Descriptions.Item label="公开标题" span={2}>
                        {c.publication.title}
                      </Descriptions.Item>
                      <Descriptions.Item label="状态">
                        {c.publication.status === 'published' ? <Tag color="green">已公开</Tag> : <Tag>已撤回</Tag>}
                      </Descriptions.Item>
                      <Descriptions.Item label="公开日期">{fmtDate(c.publication.publishedOn)}</Descriptions.Item>
                      {c.publication.withdrawnOn && (
                        <>
                          <Descriptions.Item label="撤回日期">{fmtDate(c.publication.withdrawnOn)}</Descriptions.Item>
                          <Descriptions.Item label="撤回理由">{c.publication.withdrawnReason ?? '—'}</Descriptions.Item>
                        </>
                      )}
                      {c.publication.status === 'published' && (
                        <Descriptions.Item label="门户页面" span={2}>
                          <Typography.Link href={`/adjudication-decisions/${c.publication.id}`} target="_blank">
                            在门户中查看
                          </Typography.Link>
                        </Descriptions.Item>
                      )}
                    </Descriptions>
                  ) : (
                    <Typography.Paragraph type="secondary">
                      {c.decision ? '裁决书尚未公开。' : '作出裁决后，可以在去除个人信息和商业秘密后在门户“行政裁决公开”栏目公开裁决书。'}
                    </Typography.Paragraph>
                  )}
                  <Space>
                    {canPublish && (
                      <Button type="primary" onClick={() => setPublishing(true)}>
                        {c.publication ? '重新公开' : '公开裁决书'}
                      </Button>
                    )}
                    {canWithdraw && (
                      <Button danger onClick={() => setWithdrawing(true)}>
                        撤回公开
                      </Button>
                    )}
                  </Space>
                </>
              ),
            },
            {
              key: 'timeline',
              label: '办理记录',
              children: (
                <Timeline
                  items={[...c.actions].reverse().map((a) => ({
                    key: a.id,
                    children: (
                      <>
                        <Space size={8} wrap>
                          <Typography.Text strong>{a.label}</Typography.Text>
                          <span className="zk-sub">
                            {fmtTime(a.at)} · {a.actorName ?? '系统'}
                          </span>
                        </Space>
                        {actionSummary(a)}
                      </>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
      {ModalC && <ModalC {...modalProps} />}
      {publishing && (
        <PublishDrawer
          adjudicationId={c.id}
          label={c.caseNo ?? c.requestNo}
          onClose={() => setPublishing(false)}
          onDone={() => {
            setPublishing(false);
            setTab('publication');
            req.reload();
          }}
        />
      )}
      {withdrawing && c.publication && (
        <WithdrawPublicationModal
          publication={c.publication}
          onClose={() => setWithdrawing(false)}
          onDone={() => {
            setWithdrawing(false);
            req.reload();
          }}
        />
      )}
    </PageContainer>
  );
}
