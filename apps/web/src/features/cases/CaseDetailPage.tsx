/**
 * 案件详情: 案号, 案由, 当事人, status and the buttons the DTO's allowedActions give (each opens its modal), then tabs:
 * 基本信息 / 办理期限 (each deadline with its 法律依据, pauses and 申请延期) / 证据 / 调查措施 / 办理记录 / 文书 / 送达.
 */
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, EyeOutlined, PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  addDaysIso,
  CASE_ACTIONS,
  CASE_EVIDENCE_KINDS,
  CASE_HANDLER_ROLES,
  CASE_PENALTY_KINDS,
  CASE_PROCEDURES,
  CASE_STATUSES,
  type CaseAction,
  type CaseActionDto,
  type CaseDeadlineDto,
  type CaseDetailDto,
  type CaseEvidenceDto,
  type CaseMeasureDto,
  type CasePartyIdentityDto,
  type CaseStatus,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { useAuth } from '../../admin/auth';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { ServicePanel } from '../service/ServicePanel';
import { ExtensionHistory } from '../supervision/ExtensionHistory';
import { ExtensionRequestButton } from '../supervision/ExtensionRequestButton';
import { showError } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { EndMeasureModal, EvidenceModal, StartMeasureModal, modalFor, type ActionModalProps } from './CaseActionModals';
import { CaseStatusTag, DeadlineStateTag, DueTag, basisText, caseTypeLabel, yuan } from './labels';
import './cases.css';

/** Actions offered in the header (evidence and measures have their own tabs). */
const TAB_ACTIONS: CaseAction[] = ['registerEvidence', 'startMeasure', 'endMeasure'];
const PRIMARY: CaseAction[] = ['conclude', 'passReview', 'notify', 'decide', 'serve', 'close', 'scheduleHearing', 'holdHearing', 'recordPayment'];
const DANGER: CaseAction[] = ['returnReview', 'changeDecision'];

function fmtSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** A readable line of an action's data for the timeline. */
function actionSummary(a: CaseActionDto): ReactNode {
  const x = a.data ?? {};
  const s = (k: string) => (typeof x[k] === 'string' && x[k] ? String(x[k]) : null);
  const parts: (string | null)[] = [];
  switch (a.action) {
    case 'file':
      parts.push(s('caseNo') ? `立案号 ${s('caseNo')}` : null, x.procedure === 'simplified' ? '简易程序' : null, s('leadNo') ? `线索 ${s('leadNo')}` : null);
      break;
    case 'registerEvidence':
      parts.push(`${CASE_EVIDENCE_KINDS[x.kind as keyof typeof CASE_EVIDENCE_KINDS] ?? ''}：${s('title') ?? ''}`);
      break;
    case 'startMeasure':
      parts.push(`${s('startedOn') ?? ''} 起：${s('items') ?? ''}`, s('approval'));
      break;
    case 'endMeasure':
      parts.push(`${s('endedOn') ?? ''}：${s('outcome') ?? ''}`);
      break;
    case 'suspend':
      parts.push(s('suspendedOn'), s('basis'));
      break;
    case 'resume':
      parts.push(s('resumedOn'));
      break;
    case 'conclude':
      parts.push(s('report'), s('proposal') ? `拟处理意见：${s('proposal')}` : null);
      break;
    case 'notify':
      parts.push(s('noticeOn') ? `告知日期 ${s('noticeOn')}` : null, s('summary'));
      break;
    case 'recordStatement':
      parts.push(s('content'), x.waivesHearing ? '书面放弃听证' : null, x.adopted ? '意见予以采纳' : null);
      break;
    case 'requestHearing':
      parts.push(s('requestedOn') ? `${s('requestedOn')} 提出` : null);
      break;
    case 'scheduleHearing':
      parts.push(`${s('noticeOn') ?? ''} 通知，${s('hearingOn') ?? ''} 在${s('place') ?? ''}举行，主持人 ${s('host') ?? ''}`);
      break;
    case 'holdHearing':
      parts.push(s('heldOn'), x.partyAbsent ? '当事人未出席，视为放弃听证' : null, s('record'));
      break;
    case 'collectiveDiscuss':
      parts.push(s('participants'), s('conclusion'));
      break;
    case 'decide':
      parts.push(s('decidedOn'), s('summary'), s('policeUnit') ? `移送 ${s('policeUnit')}` : null);
      break;
    case 'serve':
      parts.push(s('documentTitle'), s('servedOn') ? `送达日 ${s('servedOn')}` : null, s('fineDueOn') ? `罚款缴纳期限至 ${s('fineDueOn')}` : null);
      break;
    case 'recordPayment':
      parts.push(s('paidOn'), typeof x.amount === 'number' ? yuan(x.amount) : null);
      break;
    case 'applyEnforcement':
      parts.push(s('appliedOn'), s('court'));
      break;
    case 'close':
      parts.push(s('closedOn'), s('summary'));
      break;
    case 'archive':
      parts.push(s('archivedOn'), s('archiveNo'));
      break;
    case 'changeDecision':
      parts.push(x.kind === 'revoked' ? '撤销' : '变更', s('on'), s('reason'));
      break;
    default:
      parts.push(a.note);
  }
  if (a.note && !parts.includes(a.note) && !['conclude', 'notify', 'recordStatement', 'holdHearing', 'collectiveDiscuss', 'decide', 'close', 'changeDecision', 'suspend'].includes(a.action)) parts.push(a.note);
  const text = (parts.filter(Boolean) as string[]).reduce((acc, p) => (acc === '' ? p : `${acc}${/[。；！？]$/.test(acc) ? '' : '；'}${p}`), '');
  return text ? <div className="zk-timeline-note">{text}</div> : null;
}

function BasicInfo({ c, onReveal, revealed }: { c: CaseDetailDto; onReveal: () => void; revealed: string | null }) {
  const p = c.party;
  return (
    <>
      <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="案件信息">
        <Descriptions.Item label="立案号">
          <span className="zc-mono">{c.caseNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label="案件类型">
          {caseTypeLabel(c.caseType)} · {CASE_PROCEDURES[c.procedure]}
          {c.major && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              重大案件
            </Tag>
          )}
          {c.fromComplaint && <Tag style={{ marginLeft: 8 }}>诉转案</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="案由" span={2}>
          {c.title}
        </Descriptions.Item>
        <Descriptions.Item label="办案机构">{c.unitName}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{fmtDate(c.filedOn)}</Descriptions.Item>
        <Descriptions.Item label="案源线索">{c.leadNo ? <span className="zc-mono">{c.leadNo}</span> : '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <CaseStatusTag status={c.status} label={c.statusLabel} />
        </Descriptions.Item>
        <Descriptions.Item label="案件事实" span={2}>
          <div className="zk-pre">{c.facts ?? '—'}</div>
        </Descriptions.Item>
        {c.caseType === 'trademarkInfringement' && <Descriptions.Item label="违法经营额">{yuan(c.illegalTurnover)}</Descriptions.Item>}
        {c.caseType === 'patentCounterfeiting' && <Descriptions.Item label="违法所得">{yuan(c.illegalGains)}</Descriptions.Item>}
        {c.repeatWithin5Years && <Descriptions.Item label="从重情节">五年内实施两次以上商标侵权行为</Descriptions.Item>}
      </Descriptions>
      <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="当事人" style={{ marginTop: 24 }}>
        <Descriptions.Item label={p.kind === 'person' ? '姓名' : '名称'}>{p.name}</Descriptions.Item>
        {p.kind === 'person' ? (
          <Descriptions.Item label="身份证号码">
            <Space>
              <span className="zc-mono">{revealed ?? p.idNoMasked}</span>
              {c.abilities.viewPartyIdentity && !revealed && (
                <Button size="small" type="link" icon={<EyeOutlined />} onClick={onReveal}>
                  查看完整号码
                </Button>
              )}
            </Space>
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label="统一社会信用代码">
            <span className="zc-mono">{p.uscc}</span>
          </Descriptions.Item>
        )}
        {p.kind === 'organization' && <Descriptions.Item label="法定代表人（负责人）">{p.legalRep ?? '—'}</Descriptions.Item>}
        <Descriptions.Item label="住所" span={p.kind === 'organization' ? 1 : 2}>
          {p.address ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="承办人员" style={{ marginTop: 24 }}>
        {c.handlers.map((h) => (
          <Descriptions.Item key={h.userId} label={CASE_HANDLER_ROLES[h.role]}>
            {h.name}（执法证号 <span className="zc-mono">{h.certNo}</span>）{h.unitName ? ` · ${h.unitName}` : ''}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {c.decision && (
        <Descriptions className="zk-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="决定与执行" style={{ marginTop: 24 }}>
          <Descriptions.Item label="决定">{c.decisionLabel}</Descriptions.Item>
          <Descriptions.Item label="决定日期">{fmtDate(c.decisionOn)}</Descriptions.Item>
          <Descriptions.Item label="决定书文号">{c.decisionDocNo ? <span className="zc-mono">{c.decisionDocNo}</span> : '—'}</Descriptions.Item>
          <Descriptions.Item label="处罚种类">{c.penaltyKinds.length ? c.penaltyKinds.map((k) => CASE_PENALTY_KINDS[k]).join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label="罚款">{yuan(c.fineAmount)}</Descriptions.Item>
          <Descriptions.Item label="没收违法所得">{yuan(c.confiscatedAmount)}</Descriptions.Item>
          <Descriptions.Item label="处罚内容" span={2}>
            <div className="zk-pre">{c.decisionSummary ?? '—'}</div>
          </Descriptions.Item>
          <Descriptions.Item label="信息公示">{c.published ? '应当公示（总局令第45号）' : '不予公示'}</Descriptions.Item>
          <Descriptions.Item label="送达日期">{fmtDate(c.servedOn)}</Descriptions.Item>
          <Descriptions.Item label="罚款缴纳期限">{fmtDate(c.fineDueOn)}</Descriptions.Item>
          <Descriptions.Item label="缴清日期">{fmtDate(c.paidOn)}</Descriptions.Item>
          <Descriptions.Item label="结案日期">{fmtDate(c.closedOn)}</Descriptions.Item>
          <Descriptions.Item label="归档日期">{fmtDate(c.archivedOn)}</Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}

function DeadlinesTab({ c, reload }: { c: CaseDetailDto; reload: () => void }) {
  const columns: ColumnsType<CaseDeadlineDto> = [
    { title: '期限', dataIndex: 'title', render: (v: string, d) => (<><div>{v}</div>{d.provisional && <div className="zk-sub">暂定（该年度节假日安排尚未公布）</div>}</>) },
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
      render: (_: unknown, d) => (d.completedOn ? null : <ExtensionRequestButton deadline={{ id: d.id, title: d.title, ruleKey: d.ruleKey, dueOn: d.dueOn }} onDone={reload} />),
    },
  ];
  return (
    <>
      <Table<CaseDeadlineDto> rowKey="id" size="small" pagination={false} dataSource={c.deadlines} columns={columns} data-testid="case-deadlines" />
      {/* 延期申请 with their reasons and decisions (shown only when there are any). */}
      <ExtensionHistory entityType="case" entityId={c.id} refreshKey={c.version} />
    </>
  );
}

/** The last excluded day of a pause (its `until` is the first day counted again). */
const dayBefore = (iso: string) => addDaysIso(iso, -1);

export default function CaseDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const { can } = useAuth();
  const [tab, setTab] = useState('basic');
  const [modal, setModal] = useState<{ action: CaseAction; measure?: CaseMeasureDto } | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const req = useRequest((signal) => api.get<CaseDetailDto>(`/api/cases/${id}`, undefined, { signal }), [id], {
    enabled: Number.isInteger(id) && id > 0,
    onError: (e) => {
      if (!(isApiError(e) && e.code === 'NOT_FOUND')) showError(e, '加载失败，请稍后再试');
    },
  });
  const c = req.data;

  if (req.error && isApiError(req.error) && req.error.code === 'NOT_FOUND') {
    return (
      <PageContainer title="案件详情">
        <Result status="404" title="案件不存在或无权访问" extra={<Button onClick={() => navigate('/cases')}>返回案件列表</Button>} />
      </PageContainer>
    );
  }
  if (!c) {
    return (
      <PageContainer title="案件详情">
        <Spin />
      </PageContainer>
    );
  }

  const allowed = new Set(c.allowedActions);
  const headerActions = c.allowedActions.filter((a) => !TAB_ACTIONS.includes(a) && modalFor(a));
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
  const Modal = modal ? modalFor(modal.action) : null;
  const open = !['closed', 'archived', 'revoked'].includes(c.status);

  const reveal = async () => {
    try {
      const r = await api.get<CasePartyIdentityDto>(`/api/cases/${c.id}/party-identity`);
      setRevealed(r.idNo);
    } catch (e) {
      showError(e);
    }
  };

  const hints: ReactNode[] = [];
  if (c.guide.collectiveDiscussionRequired && !c.guide.collectiveDiscussionDone && open && !c.decision) {
    hints.push(<Alert key="cd" type="warning" showIcon title="重大案件：作出处罚或不予处罚决定前，应当由行政机关负责人集体讨论决定（行政处罚法 第五十七条第二款）。" />);
  }
  if (c.status === 'noticed' && c.guide.statementPeriodUntil) {
    hints.push(
      <Alert
        key="sp"
        type="info"
        showIcon
        title={c.guide.statementPeriodOver ? '陈述申辩、要求听证的期限已届满或当事人已放弃听证，可以作出决定。' : `当事人可在 ${c.guide.statementPeriodUntil} 前陈述申辩、要求听证（行政处罚法 第六十四条第（一）项）。`}
      />,
    );
  }
  if (c.status === 'decided' && c.decision === 'penalty' && !c.decisionDocNo) {
    hints.push(<Alert key="doc" type="info" showIcon title="请先在“文书”中生成行政处罚决定书，再登记送达。" />);
  }

  const evidenceColumns: ColumnsType<CaseEvidenceDto> = [
    { title: '种类', dataIndex: 'kind', width: 130, render: (k: keyof typeof CASE_EVIDENCE_KINDS) => CASE_EVIDENCE_KINDS[k] },
    { title: '证据名称', dataIndex: 'title', render: (v: string, e) => (<><div>{v}</div>{e.note && <div className="zk-sub">{e.note}</div>}</>) },
    { title: '取证日期', dataIndex: 'collectedOn', width: 106, render: fmtDate },
    { title: '取证人', dataIndex: 'collectedBy', width: 160 },
    {
      title: '文件',
      key: 'file',
      width: 220,
      render: (_: unknown, e) =>
        e.file ? (
          <Typography.Link href={e.file.downloadUrl} target="_blank">
            <PaperClipOutlined /> {e.file.name}（{fmtSize(e.file.size)}）
          </Typography.Link>
        ) : (
          <span className="zc-muted">—</span>
        ),
    },
  ];
  const measureColumns: ColumnsType<CaseMeasureDto> = [
    { title: '措施', dataIndex: 'label', width: 150 },
    { title: '涉及物品或事项', dataIndex: 'items', render: (v: string | null, m) => (<><div>{v ?? '—'}</div>{m.outcome && <div className="zk-sub">结果：{m.outcome}</div>}</>) },
    { title: '开始日期', dataIndex: 'startedOn', width: 106, render: fmtDate },
    {
      title: '期限',
      key: 'deadline',
      width: 220,
      render: (_: unknown, m) =>
        m.deadline ? (
          <>
            <DueTag dueOn={m.deadline.dueOn} state={m.deadline.state === 'done' ? 'normal' : m.deadline.state} title={m.deadline.title} />
            <div className="zk-sub">{basisText(m.deadline)}</div>
          </>
        ) : (
          <span className="zk-sub">期间不计入办案期限</span>
        ),
    },
    { title: '结束日期', dataIndex: 'endedOn', width: 106, render: (v: string | null, m) => (m.running ? <Tag color="processing">进行中</Tag> : fmtDate(v)) },
    {
      title: '操作',
      key: 'ops',
      width: 120,
      render: (_: unknown, m) =>
        m.running && allowed.has('endMeasure') ? (
          <Button size="small" type="link" onClick={() => setModal({ action: 'endMeasure', measure: m })}>
            处理完毕
          </Button>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title={
        <Space wrap size={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/cases')} aria-label="返回案件列表" />
          <span className="zc-mono" data-testid="case-no">
            {c.caseNo}
          </span>
          <CaseStatusTag status={c.status as CaseStatus} label={CASE_STATUSES[c.status as CaseStatus]} />
          {c.major && <Tag color="red">重大案件</Tag>}
        </Space>
      }
      subTitle={
        <span className="zk-header-meta">
          <span>{c.title}</span>
          <span>当事人：{c.party.name}</span>
          {open && c.dueOn && (
            <span>
              届满日：<DueTag dueOn={c.dueOn} state={c.deadlineState} />
            </span>
          )}
        </span>
      }
      extra={<Button icon={<ReloadOutlined />} onClick={req.reload}>刷新</Button>}
    >
      {headerActions.length > 0 && (
        <Space wrap className="zk-actions" data-testid="case-actions">
          {headerActions.map((a) => (
            <Button
              key={a}
              type={PRIMARY.includes(a) ? 'primary' : 'default'}
              danger={DANGER.includes(a)}
              onClick={() => setModal({ action: a })}
              data-testid={`case-action-${a}`}
            >
              {CASE_ACTIONS[a]}
            </Button>
          ))}
        </Space>
      )}
      {hints.length > 0 && <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>{hints}</Space>}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: '基本信息', children: <BasicInfo c={c} onReveal={() => void reveal()} revealed={revealed} /> },
            { key: 'deadlines', label: '办理期限', children: <DeadlinesTab c={c} reload={req.reload} /> },
            {
              key: 'evidence',
              label: `证据（${c.evidence.length}）`,
              children: (
                <>
                  {allowed.has('registerEvidence') && (
                    <Button type="primary" className="zk-block" onClick={() => setModal({ action: 'registerEvidence' })} data-testid="add-evidence">
                      登记证据
                    </Button>
                  )}
                  <Table<CaseEvidenceDto> rowKey="id" size="small" pagination={false} dataSource={c.evidence} columns={evidenceColumns} locale={{ emptyText: <Empty description="尚未登记证据" /> }} />
                </>
              ),
            },
            {
              key: 'measures',
              label: `调查措施（${c.measures.length}）`,
              children: (
                <>
                  {allowed.has('startMeasure') && (
                    <Button type="primary" className="zk-block" onClick={() => setModal({ action: 'startMeasure' })} data-testid="add-measure">
                      采取措施
                    </Button>
                  )}
                  <Table<CaseMeasureDto> rowKey="id" size="small" pagination={false} dataSource={c.measures} columns={measureColumns} locale={{ emptyText: <Empty description="尚未采取调查措施" /> }} />
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
            {
              key: 'documents',
              label: '文书',
              children: (
                <DocumentsPanel entityType="case" entityId={c.id} kinds={['filingApproval', 'penaltyNotice', 'penaltyDecision', 'serviceReceipt', 'closingApproval']} onGenerated={req.reload} refreshKey={c.version} />
              ),
            },
            {
              key: 'service',
              label: '送达',
              children: (
                <>
                  {allowed.has('serve') && (
                    <Alert className="zk-block" type="info" showIcon title="行政处罚决定书的送达请使用页面上方的“送达”按钮登记，系统将据此计算罚款缴纳期限；其他文书（如行政处罚告知书）的送达在此登记。" />
                  )}
                  {/* Remounted on each change of the case (a 送达 action adds a record the panel must show). */}
                  <ServicePanel key={c.version} entityType="case" entityId={c.id} canEdit={can('case.handle') && open} onChanged={req.reload} />
                </>
              ),
            },
          ]}
        />
      </Card>
      {modal?.action === 'registerEvidence' && <EvidenceModal {...modalProps} />}
      {modal?.action === 'startMeasure' && <StartMeasureModal {...modalProps} />}
      {modal?.action === 'endMeasure' && modal.measure && <EndMeasureModal {...modalProps} measure={modal.measure} />}
      {Modal && !TAB_ACTIONS.includes(modal!.action) && <Modal {...modalProps} />}
    </PageContainer>
  );
}
