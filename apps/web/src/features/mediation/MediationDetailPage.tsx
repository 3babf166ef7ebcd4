/**
 * 调解详情: 调解案号, status, source and the buttons the DTO's allowedActions give (each opens its modal); for court cases
 * the court box (法院, 案号, the court's period with its light, 反馈法院); then tabs: 基本信息 (dispute, source link,
 * parties masked with an audited full view) / 调解员与调解记录 / 协议与司法确认 (the 30-day window with its light, or the
 * 确权 block message before anyone tries) / 办理期限 / 文书 (调解协议书) / 材料 / 办理记录.
 */
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tabs, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, EyeOutlined, PaperClipOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  addDaysIso,
  AGREEMENT_TERM_KINDS,
  COURT_PROCEDURES,
  isCourtSource,
  MEDIATION_ACTIONS,
  MEDIATION_CHANNELS,
  MEDIATION_PERFORMANCES,
  MEDIATION_RULINGS,
  MEDIATION_SOURCES,
  type MediationActionDto,
  type MediationDeadlineDto,
  type MediationDetailDto,
  type MediationFileDto,
  type MediationIdentityDto,
  type MediationPartyDto,
  type MediationUserAction,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { DeadlineStateTag, basisText } from '../cases/labels';
import { DueTag } from '../../ui/DueTag';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { modalFor, type ActionModalProps } from './MediationActionModals';
import { MediationStatusTag, SourceTag, fmtSize, yuan } from './labels';
import './mediation.css';

const PRIMARY: MediationUserAction[] = ['accept', 'recordSession', 'reachAgreement', 'applyConfirmation', 'recordRuling', 'informCourt', 'close'];
const DANGER: MediationUserAction[] = ['refuse', 'terminate'];
const RULE_CONFIRMATION = 'mediation.judicialConfirmation';

/** The last excluded day of a pause (its `until` is the first day counted again). */
const dayBefore = (iso: string) => addDaysIso(iso, -1);

/** A readable line of an action's data for the timeline. */
function actionSummary(a: MediationActionDto): ReactNode {
  const x = a.data ?? {};
  const s = (k: string) => (typeof x[k] === 'string' && x[k] ? String(x[k]) : null);
  const parts: (string | null)[] = [];
  const mediators = Array.isArray(x.mediators)
    ? (x.mediators as { name?: string; role?: string }[])
        .filter((m) => m && typeof m.name === 'string')
        .map((m) => `${m.name}${m.role === 'chief' ? '（主持）' : ''}`)
        .join('、')
    : null;
  switch (a.action) {
    case 'register':
      parts.push(
        MEDIATION_SOURCES[x.source as keyof typeof MEDIATION_SOURCES] ?? null,
        MEDIATION_CHANNELS[x.channel as keyof typeof MEDIATION_CHANNELS] ?? null,
        s('courtName') ? `${s('courtName')}${s('courtCaseNo') ? `（${s('courtCaseNo')}）` : ''}` : null,
        s('materialsReceivedOn') ? `${s('materialsReceivedOn')} 签收材料` : null,
      );
      break;
    case 'accept':
      parts.push(s('acceptedOn') ? `${s('acceptedOn')} 受理` : null, mediators ? `调解员：${mediators}` : null);
      break;
    case 'assignMediators':
      parts.push(mediators ? `调解员：${mediators}` : null, s('reason'));
      break;
    case 'refuse':
      parts.push(s('refusedOn'));
      break;
    case 'recordSession':
      parts.push(s('heldOn'), s('place'), x.online ? '在线调解' : null);
      break;
    case 'extend':
      parts.push(typeof x.days === 'number' ? `延长 ${x.days} 日` : null, s('agreedOn') ? `${s('agreedOn')} 双方同意` : null, s('dueOn') ? `延长后 ${s('dueOn')} 届满` : null);
      break;
    case 'reachAgreement':
      parts.push(
        x.form === 'oral' ? '口头协议' : x.form === 'written' ? '书面调解协议' : null,
        s('effectiveOn') ? `${s('effectiveOn')} 生效` : null,
        typeof x.amount === 'number' ? `协议金额 ${yuan(x.amount)}` : null,
        x.confirmationBlocked ? '涉及权属确认，不能申请司法确认' : s('confirmationWindowDueOn') ? `${s('confirmationWindowDueOn')} 前可共同申请司法确认` : null,
      );
      break;
    case 'terminate':
      parts.push(s('terminatedOn'));
      break;
    case 'applyConfirmation':
      parts.push(s('appliedOn'), s('court'), s('caseNo'));
      break;
    case 'recordRuling':
      parts.push(s('rulingOn'), s('rulingLabel') ?? MEDIATION_RULINGS[x.ruling as keyof typeof MEDIATION_RULINGS] ?? null, s('caseNo'));
      break;
    case 'recordPerformance':
      parts.push(s('on'), s('label') ?? MEDIATION_PERFORMANCES[x.performance as keyof typeof MEDIATION_PERFORMANCES] ?? null);
      break;
    case 'informCourt':
      parts.push(s('informedOn') ? `${s('informedOn')} 向${s('court') ?? '法院'}反馈` : null);
      break;
    case 'close':
      parts.push(s('closedOn'));
      break;
    default:
      break;
  }
  if (a.note && !parts.includes(a.note)) parts.push(a.note);
  const text = (parts.filter(Boolean) as string[]).join('；');
  return text ? <div className="zm-timeline-note">{text}</div> : null;
}

function FileLink({ f }: { f: MediationFileDto }) {
  return (
    <Typography.Link href={f.downloadUrl} target="_blank">
      <PaperClipOutlined /> {f.name}（{fmtSize(f.size)}）
    </Typography.Link>
  );
}

/** 法院 box of a court-delegated or -entrusted mediation: the court's period is the court's deadline. */
function CourtBox({ m }: { m: MediationDetailDto }) {
  const p = m.courtPeriod;
  const closedPeriod = p?.state === 'done';
  return (
    <Card size="small" className="zm-court" title={`${MEDIATION_SOURCES[m.source]} · ${m.courtName ?? ''}`} data-testid="court-box">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="法院案号">
          <span className="zc-mono">{m.courtCaseNo ?? '—'}</span>
        </Descriptions.Item>
        {m.source === 'courtEntrusted' && <Descriptions.Item label="适用程序">{m.courtProcedure ? COURT_PROCEDURES[m.courtProcedure] : '—'}</Descriptions.Item>}
        <Descriptions.Item label="签收材料">{fmtDate(m.materialsReceivedOn)}</Descriptions.Item>
        <Descriptions.Item label="调解期限">
          {p ? (
            closedPeriod ? (
              <Space size={4}>
                <span>{fmtDate(p.dueOn)}</span>
                <Tag color="green">已办结</Tag>
              </Space>
            ) : (
              <DueTag dueOn={p.dueOn} state={p.state} title="法院委派（委托）的调解期限" />
            )
          ) : (
            '—'
          )}
          {p && p.extendedDays > 0 && <span className="zm-sub">（经双方同意延长 {p.extendedDays} 日）</span>}
        </Descriptions.Item>
        <Descriptions.Item label="反馈法院">
          {m.courtInformedOn ? (
            <span>{fmtDate(m.courtInformedOn)} 已反馈</span>
          ) : (
            <Tag color={['mediating', 'applied'].includes(m.status) ? 'default' : 'orange'} data-testid="court-not-informed">
              尚未反馈
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="期限依据" span="filled">
          {p?.basis ?? '《最高人民法院关于人民法院特邀调解的规定》第二十七条'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function PartiesSection({ m, identity, onReveal, revealing }: { m: MediationDetailDto; identity: MediationIdentityDto | null; onReveal: () => void; revealing: boolean }) {
  const full = new Map((identity?.parties ?? []).map((p) => [p.id, p]));
  const columns: ColumnsType<MediationPartyDto> = [
    { title: '', dataIndex: 'side', width: 90, render: (v: MediationPartyDto['side']) => (v === 'applicant' ? '申请人' : '被申请人') },
    {
      title: '名称或姓名',
      dataIndex: 'name',
      render: (v: string, p) => (
        <>
          <div>
            {v} <Tag className="zm-inline-tag">{p.kind === 'organization' ? '单位' : '自然人'}</Tag>
          </div>
          {p.agent && <div className="zm-sub">委托代理人：{p.agent}</div>}
        </>
      ),
    },
    {
      title: '证件号码',
      key: 'no',
      width: 200,
      render: (_: unknown, p) =>
        p.kind === 'organization' ? (
          <span className="zc-mono">{p.uscc ?? '—'}</span>
        ) : (
          <span className="zc-mono">{full.get(p.id)?.idNo ?? p.idNoMasked ?? '—'}</span>
        ),
    },
    { title: '联系电话', key: 'phone', width: 140, render: (_: unknown, p) => <span className="zc-mono">{full.get(p.id)?.phone ?? p.phoneMasked ?? '—'}</span> },
    { title: '地址', dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];
  const hasMasked = m.parties.some((p) => p.idNoMasked || p.phoneMasked);
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '24px 0 8px' }}>
        <Typography.Text strong>当事人</Typography.Text>
        {m.abilities.viewIdentity && hasMasked && !identity && (
          <Button size="small" icon={<EyeOutlined />} loading={revealing} onClick={onReveal} data-testid="view-identity">
            查看完整证件号码和电话
          </Button>
        )}
      </div>
      <Table<MediationPartyDto> rowKey="id" size="small" pagination={false} dataSource={m.parties} columns={columns} data-testid="mediation-parties" />
      {identity && (
        <Typography.Paragraph type="warning" className="zm-sub" style={{ marginTop: 8 }}>
          已显示完整证件号码和联系电话，本次查看已记入审计日志。
        </Typography.Paragraph>
      )}
    </>
  );
}

function BasicInfo(props: { m: MediationDetailDto; identity: MediationIdentityDto | null; onReveal: () => void; revealing: boolean }) {
  const { m } = props;
  return (
    <>
      <Descriptions className="zm-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="纠纷情况">
        <Descriptions.Item label="调解案号">
          <span className="zc-mono">{m.mediationNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label="来源">
          {MEDIATION_SOURCES[m.source]} · {MEDIATION_CHANNELS[m.channel]}
        </Descriptions.Item>
        <Descriptions.Item label="纠纷事由" span="filled">
          {m.subject}
        </Descriptions.Item>
        <Descriptions.Item label="知识产权类型">{m.ipTypeLabel}</Descriptions.Item>
        <Descriptions.Item label="纠纷类型">{m.disputeTypeLabel}</Descriptions.Item>
        <Descriptions.Item label="调解请求" span="filled">
          <div className="zm-pre">{m.claims}</div>
        </Descriptions.Item>
        <Descriptions.Item label="请求金额">{yuan(m.amountClaimed)}</Descriptions.Item>
        <Descriptions.Item label="调解组织">{m.unitName}</Descriptions.Item>
        <Descriptions.Item label="申请日期">{fmtDate(m.appliedOn)}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{fmtDate(m.acceptedOn)}</Descriptions.Item>
        {m.lead && (
          <Descriptions.Item label="来源投诉" span="filled">
            <Link to={`/leads/${m.lead.id}`} className="zc-mono">
              {m.lead.leadNo}
            </Link>
          </Descriptions.Item>
        )}
        {m.adjudication && (
          <Descriptions.Item label="来源行政裁决" span="filled">
            <Link to={`/adjudications/${m.adjudication.id}`} className="zc-mono">
              {m.adjudication.caseNo ?? m.adjudication.requestNo}
            </Link>
          </Descriptions.Item>
        )}
        {m.refusedReason && (
          <Descriptions.Item label="不予调解理由" span="filled">
            <div className="zm-pre">{m.refusedReason}</div>
          </Descriptions.Item>
        )}
        {m.closedOn && (
          <Descriptions.Item label="结案日期" span="filled">
            {fmtDate(m.closedOn)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <PartiesSection {...props} />
    </>
  );
}

function MediationProcess({ m }: { m: MediationDetailDto }) {
  return (
    <>
      <Typography.Text strong>调解员</Typography.Text>
      {m.mediators.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未指派调解员" />
      ) : (
        <Table
          rowKey="mediatorId"
          size="small"
          pagination={false}
          style={{ margin: '8px 0 24px' }}
          dataSource={m.mediators}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (v: string, r) => (<>{v} {r.role === 'chief' && <Tag color="blue" className="zm-inline-tag">{r.roleLabel}</Tag>}</>) },
            { title: '类别', dataIndex: 'kindLabel', width: 120 },
            { title: '工作单位', dataIndex: 'employer', render: (v: string | null) => v ?? '—' },
            { title: '角色', dataIndex: 'roleLabel', width: 120 },
            { title: '指派时间', dataIndex: 'assignedAt', width: 150, render: (v: string) => fmtTime(v) },
          ]}
          data-testid="mediation-mediators"
        />
      )}
      <Typography.Text strong>调解记录（{m.sessions.length}）</Typography.Text>
      {m.sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无调解记录" />
      ) : (
        <div data-testid="mediation-sessions">
          {m.sessions.map((s) => (
            <div key={s.id} className="zm-session">
              <Space size={8} wrap>
                <Typography.Text strong>{fmtDate(s.heldOn)}</Typography.Text>
                <span>{s.place}</span>
                {s.online && <Tag className="zm-inline-tag">在线调解</Tag>}
                <span className="zm-sub">
                  记录人 {s.createdByName ?? '—'} · {fmtTime(s.createdAt)}
                </span>
              </Space>
              <div className="zm-sub">参加人：{s.attendees}</div>
              <div className="zm-pre" style={{ marginTop: 4 }}>
                {s.minutes}
              </div>
              {s.file && (
                <div style={{ marginTop: 4 }}>
                  <FileLink f={s.file} />
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </>
  );
}

function AgreementSection({ m }: { m: MediationDetailDto }) {
  const a = m.agreement;
  const c = m.confirmation;
  const window = m.deadlines.find((d) => d.ruleKey === RULE_CONFIRMATION);
  return (
    <>
      {m.termination && (
        <Descriptions className="zm-detail zm-block" bordered size="small" column={{ xs: 1, md: 2 }} title="终止调解">
          <Descriptions.Item label="终止日期">{fmtDate(m.termination.terminatedOn)}</Descriptions.Item>
          <Descriptions.Item label="终止原因">
            <div className="zm-pre">{m.termination.reason}</div>
          </Descriptions.Item>
        </Descriptions>
      )}
      {!a ? (
        !m.termination && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未达成调解协议" />
      ) : (
        <>
          <Descriptions className="zm-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="调解协议" data-testid="mediation-agreement">
            <Descriptions.Item label="协议形式">{a.formLabel}</Descriptions.Item>
            <Descriptions.Item label="生效日期">{fmtDate(a.effectiveOn)}</Descriptions.Item>
            <Descriptions.Item label="协议事项" span="filled">
              {a.termKinds.map((k) => (
                <Tag key={k} color={k === 'ownership' ? 'orange' : undefined}>
                  {AGREEMENT_TERM_KINDS[k]}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="协议内容" span="filled">
              <div className="zm-pre">{a.terms}</div>
            </Descriptions.Item>
            <Descriptions.Item label="协议金额">{yuan(a.amount)}</Descriptions.Item>
            <Descriptions.Item label="履行期限">{fmtDate(a.performanceDueOn)}</Descriptions.Item>
          </Descriptions>

          <Descriptions className="zm-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="司法确认" style={{ marginTop: 24 }} data-testid="mediation-confirmation">
            {c.blockMessage ? (
              <Descriptions.Item label="能否申请" span="filled">
                <Alert type="warning" showIcon title="不能申请司法确认" description={c.blockMessage} data-testid="confirmation-block" />
              </Descriptions.Item>
            ) : (
              <Descriptions.Item label="申请期限" span="filled">
                {c.windowDueOn ? (
                  <Space size={8} wrap>
                    {window && window.state !== 'done' ? (
                      <DueTag dueOn={c.windowDueOn} state={window.state} title="双方共同申请司法确认的期限" />
                    ) : (
                      <span>{fmtDate(c.windowDueOn)}</span>
                    )}
                    <span className="zm-sub">协议生效之日起三十日内双方共同申请（人民调解法 第三十三条；民事诉讼法 第二百零五条）</span>
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
            )}
            {c.appliedOn && (
              <>
                <Descriptions.Item label="申请日期">{fmtDate(c.appliedOn)}</Descriptions.Item>
                <Descriptions.Item label="受理法院">{c.court ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="法院案号">
                  <span className="zc-mono">{c.caseNo ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label="裁定">
                  {c.ruling ? (
                    <Space size={4}>
                      <Tag color={c.ruling === 'confirmed' ? 'green' : 'red'}>{MEDIATION_RULINGS[c.ruling]}</Tag>
                      <span>{fmtDate(c.rulingOn)}</span>
                    </Space>
                  ) : (
                    <span className="zm-sub">等待人民法院裁定</span>
                  )}
                </Descriptions.Item>
              </>
            )}
            {!c.appliedOn && !c.blockMessage && <Descriptions.Item label="申请情况">尚未申请</Descriptions.Item>}
          </Descriptions>
          {c.ruling === 'confirmed' && (
            <Typography.Paragraph type="secondary" className="zm-sub" style={{ marginTop: 8 }}>
              调解协议经人民法院确认有效，一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行（民事诉讼法 第二百零六条）。
            </Typography.Paragraph>
          )}

          <Descriptions className="zm-detail" bordered size="small" column={{ xs: 1, md: 2 }} title="履行情况" style={{ marginTop: 24 }}>
            {m.performance ? (
              <>
                <Descriptions.Item label="履行情况">
                  <Tag color={m.performance.performance === 'performed' ? 'green' : m.performance.performance === 'notPerformed' ? 'red' : 'gold'}>{m.performance.label}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label="登记日期">{fmtDate(m.performance.on)}</Descriptions.Item>
                {m.performance.note && (
                  <Descriptions.Item label="说明" span="filled">
                    <div className="zm-pre">{m.performance.note}</div>
                  </Descriptions.Item>
                )}
              </>
            ) : (
              <Descriptions.Item label="履行情况">尚未登记</Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
    </>
  );
}

function DeadlinesTab({ m }: { m: MediationDetailDto }) {
  const columns: ColumnsType<MediationDeadlineDto> = [
    {
      title: '期限',
      dataIndex: 'title',
      render: (v: string, d) => (
        <>
          <div>{v}</div>
          {d.provisional && <div className="zm-sub">暂定（该年度节假日安排尚未公布）</div>}
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
            <div key={i} className="zm-sub">
              不计入期限：{p.from} 至 {p.until ? dayBefore(p.until) : '今'}（{p.reason}）
            </div>
          ))}
          {d.extensions.map((e, i) => (
            <div key={`e${i}`} className="zm-sub">
              延长 {e.amount}
              {e.unit === 'workingDays' ? '个工作日' : e.unit === 'months' ? '个月' : '日'}（{e.approvedOn}：{e.reason}）
            </div>
          ))}
        </>
      ),
    },
    { title: '完成日', dataIndex: 'completedOn', width: 106, render: fmtDate },
  ];
  return (
    <>
      <Table<MediationDeadlineDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={m.deadlines}
        columns={columns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理期限" /> }}
        data-testid="mediation-deadlines"
      />
      {!isCourtSource(m.source) && (
        <Typography.Paragraph type="secondary" className="zm-sub" style={{ marginTop: 8 }}>
          人民调解法未规定调解期限；法院委派、委托的调解按特邀调解规定第二十七条计算期限。
        </Typography.Paragraph>
      )}
    </>
  );
}

function FilesTab({ m, onUploaded }: { m: MediationDetailDto; onUploaded: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <>
      {m.abilities.uploadFile && (
        <Upload
          showUploadList={false}
          beforeUpload={(f) => {
            setBusy(true);
            api
              .upload<MediationFileDto>(`/api/mediations/${m.id}/files`, f, f.name)
              .then(() => {
                showSuccess(`已上传 ${f.name}`);
                onUploaded();
              })
              .catch((e: unknown) => showError(e, '上传失败，请稍后再试'))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} className="zm-block">
            上传材料
          </Button>
        </Upload>
      )}
      {m.files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无材料" />
      ) : (
        <Table<MediationFileDto>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.files}
          columns={[
            { title: '文件', key: 'name', render: (_: unknown, f) => <FileLink f={f} /> },
            { title: '类型', dataIndex: 'mime', width: 200, className: 'zm-sub' },
          ]}
        />
      )}
    </>
  );
}

export default function MediationDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [tab, setTab] = useState('basic');
  const [action, setAction] = useState<MediationUserAction | null>(null);
  const [identity, setIdentity] = useState<MediationIdentityDto | null>(null);
  const [revealing, setRevealing] = useState(false);
  const req = useRequest((signal) => api.get<MediationDetailDto>(`/api/mediations/${id}`, undefined, { signal }), [id], {
    enabled: Number.isInteger(id) && id > 0,
    onError: (e) => {
      if (!(isApiError(e) && e.code === 'NOT_FOUND')) showError(e, '加载失败，请稍后再试');
    },
  });
  const m = req.data;

  if ((req.error && isApiError(req.error) && req.error.code === 'NOT_FOUND') || !(Number.isInteger(id) && id > 0)) {
    return (
      <PageContainer title="调解详情">
        <Result status="404" title="调解不存在或无权访问" extra={<Button onClick={() => navigate('/mediations')}>返回调解列表</Button>} />
      </PageContainer>
    );
  }
  if (!m) {
    return (
      <PageContainer title="调解详情">
        <Spin />
      </PageContainer>
    );
  }

  const court = isCourtSource(m.source);
  // The status table decides; a period extension and the court feedback only make sense for court cases.
  const actions = (m.allowedActions.filter((a) => a !== 'register') as MediationUserAction[]).filter(
    (a) => modalFor(a) && (court || (a !== 'extend' && a !== 'informCourt')),
  );
  const blocked = !!m.confirmation.blockMessage;
  const modalProps: ActionModalProps = {
    detail: m,
    onCancel: () => setAction(null),
    onStale: () => {
      setAction(null);
      req.reload();
    },
    onDone: (d) => {
      setAction(null);
      req.setData(d);
    },
  };
  const Modal = action ? modalFor(action) : null;

  const reveal = () => {
    modal.confirm({
      title: '查看完整证件号码和联系电话',
      content: (
        <>
          <p>本次查看将记入审计日志。</p>
          <p>当事人的个人信息仅可用于办理本件调解，不得泄露给与调解无关的人员。</p>
        </>
      ),
      okText: '确认查看',
      cancelText: '取消',
      onOk: async () => {
        setRevealing(true);
        try {
          setIdentity(await api.get<MediationIdentityDto>(`/api/mediations/${m.id}/identity`));
        } catch (e) {
          showError(e);
        } finally {
          setRevealing(false);
        }
      },
    });
  };

  const hints: ReactNode[] = [];
  if (m.status === 'terminated' && m.termination) {
    hints.push(
      <Alert
        key="terminated"
        type="info"
        showIcon
        title={`${fmtDate(m.termination.terminatedOn)} 终止调解：${m.termination.reason}`}
        description="应当告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（人民调解法 第二十六条）。"
      />,
    );
  }
  if (m.status === 'refused' && m.refusedReason) {
    hints.push(<Alert key="refused" type="info" showIcon title={`不予调解：${m.refusedReason}`} />);
  }
  if (m.status === 'agreed' && blocked) {
    hints.push(<Alert key="block" type="warning" showIcon title="该调解协议不能申请司法确认" description={m.confirmation.blockMessage} />);
  } else if (m.status === 'agreed' && m.confirmation.windowDueOn && !m.confirmation.appliedOn) {
    hints.push(
      <Alert
        key="window"
        type="info"
        showIcon
        title={`双方当事人认为有必要的，可以在 ${fmtDate(m.confirmation.windowDueOn)} 前共同向人民法院申请司法确认（人民调解法 第三十三条）。`}
      />,
    );
  }
  if (court && !m.courtInformedOn && ['refused', 'terminated', 'agreed', 'confirmed', 'confirmationRejected'].includes(m.status)) {
    hints.push(<Alert key="court" type="warning" showIcon title={`请向${m.courtName ?? '委派（委托）法院'}反馈调解结果；反馈后方可结案。`} />);
  }

  return (
    <PageContainer
      title={
        <Space wrap size={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/mediations')} aria-label="返回调解列表" />
          <span className="zc-mono" data-testid="mediation-no">
            {m.mediationNo}
          </span>
          <MediationStatusTag status={m.status} label={m.statusLabel} />
          <SourceTag item={m} />
        </Space>
      }
      subTitle={
        <span className="zm-header-meta">
          <span>{m.subject}</span>
          {m.chiefMediatorName && <span>主持调解员：{m.chiefMediatorName}</span>}
          {m.dueOn && !['closed', 'refused', 'terminated'].includes(m.status) && (
            <span>
              届满日：<DueTag dueOn={m.dueOn} state={m.deadlineState} />
            </span>
          )}
        </span>
      }
      extra={<Button icon={<ReloadOutlined />} onClick={req.reload}>刷新</Button>}
    >
      {actions.length > 0 && (
        <Space wrap className="zm-actions" data-testid="mediation-actions">
          {actions.map((a) => {
            const disabled = a === 'applyConfirmation' && blocked;
            const button = (
              <Button
                key={a}
                type={PRIMARY.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                disabled={disabled}
                onClick={() => setAction(a)}
                data-testid={`mediation-action-${a}`}
              >
                {MEDIATION_ACTIONS[a]}
              </Button>
            );
            return disabled ? (
              <Tooltip key={a} title={m.confirmation.blockMessage}>
                {button}
              </Tooltip>
            ) : (
              button
            );
          })}
        </Space>
      )}
      {hints.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
          {hints}
        </Space>
      )}
      {court && <CourtBox m={m} />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: '基本信息', children: <BasicInfo m={m} identity={identity} onReveal={reveal} revealing={revealing} /> },
            { key: 'process', label: `调解员与调解记录（${m.sessions.length}）`, children: <MediationProcess m={m} /> },
            { key: 'agreement', label: '协议与司法确认', children: <AgreementSection m={m} /> },
            { key: 'deadlines', label: '办理期限', children: <DeadlinesTab m={m} /> },
            {
              key: 'documents',
              label: '文书',
              children: (
                <>
                  {!m.agreement && (
                    <Alert className="zm-block" type="info" showIcon title="达成书面调解协议后，可在此制作调解协议书（人民调解法 第二十九条）。" />
                  )}
                  <DocumentsPanel entityType="mediation" entityId={m.id} kinds={['mediationAgreement']} onGenerated={req.reload} refreshKey={m.version} />
                </>
              ),
            },
            { key: 'files', label: `材料（${m.files.length}）`, children: <FilesTab m={m} onUploaded={req.reload} /> },
            {
              key: 'timeline',
              label: '办理记录',
              children: (
                <Timeline
                  items={[...m.actions].reverse().map((a) => ({
                    key: a.id,
                    content: (
                      <>
                        <Space size={8} wrap>
                          <Typography.Text strong>{a.label}</Typography.Text>
                          <span className="zm-sub">
                            {fmtTime(a.at)} · {a.actorName ?? (m.channel === 'portal' && a.action === 'register' ? '申请人（在线）' : '系统')}
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
      {Modal && <Modal {...modalProps} />}
    </PageContainer>
  );
}
