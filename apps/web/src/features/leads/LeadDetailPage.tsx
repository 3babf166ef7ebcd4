/**
 * 线索详情: status and the actions this user may take now (from the DTO), the facts, the informant (masked; a full view
 * is audited), every deadline with its legal basis (事项、起算日、届满日、剩余工作日、状态、依据), the generated documents
 * and the action log.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, EyeOutlined, FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  FILING_DECISIONS,
  IP_TYPES,
  VERIFICATION_RESULTS,
  type LeadDeadlineDto,
  type LeadDetailDto,
  type LeadInformantDto,
  type LeadUserAction,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { showError } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { PageContainer } from '../../ui/PageContainer';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { ExtensionHistory } from '../supervision/ExtensionHistory';
import { ExtensionRequestButton } from '../supervision/ExtensionRequestButton';
import { LeadActionModal, isDangerAction, leadActionTitle } from './LeadActionModal';
import { DEADLINE_UNITS, LeadDeadlineTag, LeadKindTag, LeadStatusTag, TRUST_LABELS, sourceLabel } from './labels';
import './leads.css';

function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} className="zl-section">
      {children}
    </Card>
  );
}

/** The main step of each status first: the action most officers take next is the primary button. */
const PRIMARY: LeadUserAction[] = ['dispatch', 'sign', 'accept', 'startVerification', 'submitVerification', 'approveFiling', 'startMediation', 'endTesting', 'resumeMediation', 'resumeVerification', 'agreementReached', 'notifyTermination', 'notifyReporter', 'close'];

function DeadlinesTable({ lead, onChanged }: { lead: LeadDetailDto; onChanged: () => void }) {
  const columns: ColumnsType<LeadDeadlineDto> = [
    { title: '事项', dataIndex: 'title', width: 170 },
    { title: '起算日', dataIndex: 'startOn', width: 110 },
    {
      title: '届满日',
      dataIndex: 'dueOn',
      width: 130,
      render: (v: string | null, d) => (
        <>
          {v ?? '—'}
          {d.provisional && (
            <Tooltip title="届满日所在年度的节假日安排尚未公布，届满日为暂定">
              <Tag style={{ marginLeft: 4 }}>暂定</Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: '剩余工作日',
      dataIndex: 'workingDaysLeft',
      width: 100,
      render: (v: number | null, d) => (d.completedOn ? '—' : v === null ? '—' : v < 0 ? <Typography.Text type="danger">超期 {-v} 天</Typography.Text> : v),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 150,
      render: (s: LeadDeadlineDto['state'], d) => (
        <Space orientation="vertical" size={0}>
          {/* A running period reads 正常 here: its date is already in 届满日. */}
          {s === 'normal' && !d.completedOn ? <Tag color="green">正常</Tag> : <LeadDeadlineTag state={s} dueOn={d.dueOn} title={d.title} />}
          {d.completedOn && <span className="zl-sub">{d.completedOn} 完成{d.dueOn && d.completedOn > d.dueOn ? '（超期）' : ''}</span>}
        </Space>
      ),
    },
    {
      title: '法律依据',
      key: 'basis',
      render: (_: unknown, d) => (
        <div>
          《{d.basis.regulation}》{d.basis.article}
          <div className="zl-sub">
            {d.basis.version}
            <Tag style={{ marginLeft: 6 }} color={d.basis.trust === 'verified' ? 'green' : 'orange'}>
              {TRUST_LABELS[d.basis.trust]}
            </Tag>
          </div>
          {d.pauses.map((p, i) => (
            <div key={`p${i}`} className="zl-sub">
              不计入期限：{p.from} 至 {p.until ?? '今'}（{p.reason}）
            </div>
          ))}
          {d.extensions.map((e, i) => (
            <div key={`e${i}`} className="zl-sub">
              延期 {e.amount}
              {DEADLINE_UNITS[e.unit as keyof typeof DEADLINE_UNITS] ?? e.unit}（{e.approvedOn} 批准：{e.reason}）
            </div>
          ))}
        </div>
      ),
    },
    {
      title: '',
      key: 'ext',
      width: 110,
      render: (_: unknown, d) =>
        d.completedOn ? null : <ExtensionRequestButton deadline={{ id: d.id, title: d.title, ruleKey: d.ruleKey, dueOn: d.dueOn }} onDone={onChanged} />,
    },
  ];
  return <Table<LeadDeadlineDto> rowKey="id" size="small" pagination={false} dataSource={lead.deadlines} columns={columns} scroll={{ x: 900 }} data-testid="lead-deadlines" />;
}

export default function LeadDetailPage() {
  const { id } = useParams();
  const leadId = Number(id);
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [lead, setLead] = useState<LeadDetailDto | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState<unknown>(null);
  const [action, setAction] = useState<LeadUserAction | null>(null);
  const [informant, setInformant] = useState<LeadInformantDto | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setLead(await api.get<LeadDetailDto>(`/api/leads/${leadId}`));
      setFailed(null);
    } catch (e) {
      setFailed(e);
    } finally {
      setLoading(false);
    }
  }, [leadId]);

  useEffect(() => {
    setInformant(null);
    void load();
  }, [load]);

  const conflict = (e: unknown) => {
    if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'ACTION_NOT_ALLOWED' || e.code === 'NOT_FOUND')) {
      showError(e);
      setAction(null);
      void load();
      return true;
    }
    return false;
  };

  const viewInformant = () =>
    modal.confirm({
      title: '查看完整身份信息',
      content: '本次查看将记入审计日志。投诉人、举报人的身份信息依法保密，仅可用于办理本件，不得泄露给被投诉（举报）人或与办理无关的人员（暂行办法 第三十三条）。',
      okText: '确认查看',
      cancelText: '取消',
      onOk: async () => {
        try {
          setInformant(await api.get<LeadInformantDto>(`/api/leads/${leadId}/informant`));
        } catch (e) {
          showError(e);
        }
      },
    });

  if (!Number.isInteger(leadId) || leadId <= 0) return <Result status="404" title="线索不存在" />;
  if (failed && !lead) {
    return (
      <PageContainer title="线索详情">
        <Result
          status={isApiError(failed) && failed.status === 404 ? '404' : 'warning'}
          title={isApiError(failed) ? failed.message : '加载失败，请稍后再试'}
          extra={<Button onClick={() => navigate('/leads')}>返回线索列表</Button>}
        />
      </PageContainer>
    );
  }
  if (!lead) {
    return (
      <div className="zc-center">
        <Spin />
      </div>
    );
  }
  const l = lead;
  const primary = PRIMARY.find((a) => l.allowedActions.includes(a));
  const respondentTitle = l.kind === 'complaint' ? '被投诉人' : l.kind === 'report' ? '被举报人' : '涉嫌违法主体';
  const informantTitle = l.kind === 'complaint' ? '投诉人' : l.kind === 'report' ? '举报人' : '联系人';

  return (
    <PageContainer
      title={
        <Space wrap size={8}>
          <span className="zl-no" data-testid="lead-detail-no">{l.leadNo}</span>
          <LeadKindTag kind={l.kind} />
          <LeadStatusTag status={l.status} label={l.statusLabel} />
          {l.closedOn === null && <LeadDeadlineTag state={l.deadlineState} dueOn={l.dueOn} />}
        </Space>
      }
      subTitle={l.title}
      extra={
        <div className="zl-header-actions" data-testid="lead-actions">
          {l.abilities.registerCase && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate(`/cases?newFromLead=${l.id}`)} data-testid="lead-register-case">
              登记案件
            </Button>
          )}
          {l.allowedActions.map((a) => (
            <Button
              key={a}
              type={a === primary && !l.abilities.registerCase ? 'primary' : 'default'}
              danger={isDangerAction(a)}
              onClick={() => setAction(a)}
              data-testid={`lead-action-${a}`}
            >
              {leadActionTitle(a)}
            </Button>
          ))}
          <Button icon={<ReloadOutlined />} onClick={() => void load()} title="刷新" />
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/leads')}>
            返回列表
          </Button>
        </div>
      }
    >
      <Spin spinning={loading}>
        {l.result && (
          <Alert
            type={l.status === 'notAccepted' ? 'warning' : 'success'}
            showIcon
            className="zl-section"
            title={`办理结果${l.closedOn ? `（${l.closedOn} 办结）` : ''}`}
            description={<div className="zl-pre">{l.result}</div>}
          />
        )}
        {l.status === 'filingApproved' && (
          <Alert
            type="info"
            showIcon
            className="zl-section"
            title={`负责人已于 ${l.decidedOn} 批准立案，请登记案件。`}
            description={l.abilities.registerCase ? undefined : '登记案件须具有“办理案件”权限。'}
          />
        )}

        <Section title="基本信息">
          <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label="线索编号">
              <span className="zl-no">{l.leadNo}</span>
            </Descriptions.Item>
            <Descriptions.Item label="来源">
              {sourceLabel(l.source)}
              {l.externalId && <span className="zl-sub"> · {l.externalId}</span>}
            </Descriptions.Item>
            <Descriptions.Item label="知识产权类型">{IP_TYPES[l.ipType]}</Descriptions.Item>
            <Descriptions.Item label="收到日期">{l.receivedOn}</Descriptions.Item>
            <Descriptions.Item label="统一受理机构">{l.intakeUnitName}</Descriptions.Item>
            <Descriptions.Item label="责任机构">{l.unitName}</Descriptions.Item>
            {l.countyUnitName && <Descriptions.Item label="承办县级局">{l.countyUnitName}</Descriptions.Item>}
            {l.submission && (
              <Descriptions.Item label="网上诉求">
                <span className="zl-no">{l.submission.receiptNo}</span>
              </Descriptions.Item>
            )}
            {l.parent && (
              <Descriptions.Item label="原投诉">
                <Link to={`/leads/${l.parent.id}`} className="zl-no">
                  {l.parent.leadNo}
                </Link>
              </Descriptions.Item>
            )}
            {l.children.length > 0 && (
              <Descriptions.Item label="调解中发现的线索">
                <Space wrap>
                  {l.children.map((c) => (
                    <Link key={c.id} to={`/leads/${c.id}`} className="zl-no">
                      {c.leadNo}（{c.statusLabel}）
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            {l.case && (
              <Descriptions.Item label="案件">
                <Link to={`/cases/${l.case.id}`}>{l.case.caseNo}</Link>
              </Descriptions.Item>
            )}
            {l.reasonLabel && <Descriptions.Item label={l.kind === 'complaint' ? '不予受理或终止调解情形' : '理由'}>{l.reasonLabel}</Descriptions.Item>}
            {l.verificationResult && <Descriptions.Item label="核查结果">{VERIFICATION_RESULTS[l.verificationResult]}</Descriptions.Item>}
            {l.decision && (
              <Descriptions.Item label="负责人决定">
                {FILING_DECISIONS[l.decision]}（{l.decidedOn}）
              </Descriptions.Item>
            )}
            {l.realName && l.decision && <Descriptions.Item label="告知举报人">{l.reporterNotifiedOn ?? '尚未告知'}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            线索内容
          </Typography.Title>
          <div className="zl-pre">{l.facts}</div>
        </Section>

        <Section title={respondentTitle}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="名称" span={2}>
              {l.respondentName}
            </Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">
              <span className="zc-mono">{l.respondentUscc ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="所在地区">{l.respondentRegionName ?? l.respondentRegionCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="地址" span={2}>
              {l.respondentAddress ?? '—'}
            </Descriptions.Item>
          </Descriptions>
        </Section>

        <Section
          title={informantTitle}
          extra={
            l.abilities.viewInformant && !informant ? (
              <Button size="small" icon={<EyeOutlined />} onClick={viewInformant} data-testid="lead-view-informant">
                查看完整身份信息
              </Button>
            ) : null
          }
        >
          {l.informant || informant ? (
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="姓名">{informant?.name ?? l.informant?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{informant?.phone ?? l.informant?.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="实名">{l.realName ? '是' : '否'}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{l.kind === 'report' && !l.realName ? '匿名举报（不告知处理结果）' : '未登记'}</Typography.Text>
          )}
          {informant && (
            <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
              已显示完整身份信息，本次查看已记入审计日志。
            </Typography.Paragraph>
          )}
        </Section>

        <Section title="办理期限">
          {l.deadlines.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无办理期限" /> : <DeadlinesTable lead={l} onChanged={() => void load()} />}
          <ExtensionHistory entityType="lead" entityId={l.id} refreshKey={l.version} />
        </Section>

        <Section title="文书">
          <DocumentsPanel entityType="lead" entityId={l.id} refreshKey={l.version} kinds={['filingApproval', 'acceptanceNotice', 'rejectionNotice', 'mediationTermination']} onGenerated={() => void load()} />
        </Section>

        <Section title="办理记录">
          <Timeline
            className="zl-timeline"
            items={l.timeline.map((a) => ({
              key: a.id,
              color: a.action === 'return' || a.action === 'reject' || a.action === 'terminateMediation' ? 'red' : a.action === 'close' || a.action === 'caseClosed' ? 'green' : 'blue',
              content: (
                <div data-action={a.action}>
                  <Space size={6} wrap>
                    <strong>{a.actionLabel}</strong>
                    {a.toUnitName && <span>→ {a.toUnitName}</span>}
                    <span className="zl-sub">
                      {fmtTime(a.at)} · {a.unitName}
                      {a.actorName ? ` · ${a.actorName}` : ''}
                    </span>
                  </Space>
                  {a.reasonLabel && <div>理由：{a.reasonLabel}</div>}
                  {a.note && <div className="zl-pre">{a.note}</div>}
                </div>
              ),
            }))}
          />
        </Section>
      </Spin>
      {action && (
        <LeadActionModal
          lead={l}
          action={action}
          onDone={(d) => {
            // After 退回 the lead belongs to the unit above: back to the list.
            if (action === 'return') navigate('/leads');
            else setLead(d);
            setAction(null);
          }}
          onCancel={() => setAction(null)}
          onConflict={conflict}
        />
      )}
    </PageContainer>
  );
}
