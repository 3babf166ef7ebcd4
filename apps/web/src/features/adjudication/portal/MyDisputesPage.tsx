/**
 * 我的裁决与调解 (logged-in public user): two lists, the user's adjudication requests (GET /api/portal/adjudications/mine)
 * and mediation applications (GET /api/portal/mediations/mine). A request opens its public timeline (steps with dates),
 * the next step with its expected date, the result and, once published, the link to the decision.
 * `?requestNo=` opens that request directly (the link after submitting).
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, List, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import type { AdjudicationProgressDto, AdjudicationStatus, MyAdjudicationDto, Page } from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { fmtDate, fmtTime } from '../../../ui/format';
import { useRequest } from '../../../ui/hooks';
import { LoginGate } from './LoginGate';
import { MyMediations } from './MyMediations';
import './disputes.css';

const STATUS_COLORS: Partial<Record<AdjudicationStatus, string>> = {
  requested: 'processing',
  notAccepted: 'default',
  suspended: 'default',
  decided: 'orange',
  lawsuitWindow: 'gold',
  inLitigation: 'volcano',
  effective: 'green',
  closed: 'success',
  revoked: 'red',
};

const STEP_COLORS: Record<string, string> = { reject: 'red', withdraw: 'gray', settle: 'green', decide: 'green', close: 'green', suspend: 'gray' };

function StatusTag({ status, label }: { status: AdjudicationStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'blue'} data-testid="my-adjudication-status">
      {label}
    </Tag>
  );
}

function NextStep({ step, by, basis }: { step: string | null; by: string | null; basis?: string | null }) {
  if (!step) return null;
  return (
    <Alert
      className="zd-block"
      type="info"
      showIcon
      title={`下一步：${step}${by ? `（预计 ${fmtDate(by)} 前）` : ''}`}
      description={basis ?? undefined}
      data-testid="next-step"
    />
  );
}

function AdjudicationProgress({ requestNo, onBack }: { requestNo: string; onBack: () => void }) {
  const req = useRequest(
    (signal) => api.get<AdjudicationProgressDto>(`/api/portal/adjudications/mine/${encodeURIComponent(requestNo)}`, undefined, { signal }),
    [requestNo],
    { onError: () => undefined },
  );
  const p = req.data;
  const notFound = isApiError(req.error) && req.error.status === 404;
  return (
    <Card
      title={`行政裁决请求 ${requestNo}`}
      extra={
        <Button type="link" onClick={onBack}>
          返回列表
        </Button>
      }
      data-testid="my-adjudication-detail"
    >
      {notFound ? (
        <Empty description="没有找到该请求，或它不是您提交的" />
      ) : req.error ? (
        <Alert type="error" title={isApiError(req.error) ? req.error.message : '加载失败，请稍后再试'} />
      ) : !p ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered className="zd-block">
            <Descriptions.Item label="状态">
              <StatusTag status={p.status} label={p.statusLabel} />
            </Descriptions.Item>
            <Descriptions.Item label="立案号">{p.caseNo ?? '尚未立案'}</Descriptions.Item>
            <Descriptions.Item label="涉案专利" span={2}>
              {p.patentNo} {p.patentTitle}
            </Descriptions.Item>
            <Descriptions.Item label="被请求人" span={2}>
              {p.respondentName}
            </Descriptions.Item>
            <Descriptions.Item label="提交时间">{fmtTime(p.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="立案日期">{fmtDate(p.filedOn)}</Descriptions.Item>
            {p.decisionOn && <Descriptions.Item label="裁决日期">{fmtDate(p.decisionOn)}</Descriptions.Item>}
          </Descriptions>
          {p.result && (
            <Alert
              className="zd-block"
              type={p.status === 'notAccepted' || p.status === 'revoked' ? 'warning' : 'success'}
              showIcon
              title="办理结果"
              description={
                <>
                  <div className="zd-pre">{p.result}</div>
                  {p.publicationId !== null && (
                    <div style={{ marginTop: 4 }}>
                      <Link to={`/adjudication-decisions/${p.publicationId}`} data-testid="decision-link">
                        查看公开的行政裁决书
                      </Link>
                    </div>
                  )}
                </>
              }
              data-testid="adjudication-result"
            />
          )}
          {!p.result && p.publicationId !== null && (
            <p>
              <Link to={`/adjudication-decisions/${p.publicationId}`} data-testid="decision-link">
                查看公开的行政裁决书
              </Link>
            </p>
          )}
          <NextStep step={p.nextStep} by={p.expectedNextStepBy} basis={p.nextStepBasis} />
          <Typography.Title level={5}>办理过程</Typography.Title>
          <Timeline
            data-testid="adjudication-timeline"
            items={p.timeline.map((s, i) => ({
              key: i,
              color: STEP_COLORS[s.step] ?? 'blue',
              children: (
                <>
                  <div>
                    <strong>{s.title}</strong> <span className="zd-muted">{fmtDate(s.on)}</span>
                  </div>
                  {s.text && <div className="zd-muted zd-pre">{s.text}</div>}
                </>
              ),
            }))}
          />
          {p.files.length > 0 && (
            <>
              <Typography.Title level={5}>已提交的材料</Typography.Title>
              <ul className="zd-muted">
                {p.files.map((f, i) => (
                  <li key={i}>
                    {f.kindLabel}：{f.title}（
                    <a href={f.downloadUrl} download={f.originalName}>
                      下载
                    </a>
                    ）
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Card>
  );
}

function MyAdjudications({ open, setOpen }: { open: string | null; setOpen: (v: string | null) => void }) {
  const [page, setPage] = useState(1);
  const list = useRequest(
    (signal) => api.get<Page<MyAdjudicationDto>>('/api/portal/adjudications/mine', { page, pageSize: 10 }, { signal }),
    [page],
  );
  if (open) return <AdjudicationProgress requestNo={open} onBack={() => setOpen(null)} />;
  return (
    <Card data-testid="my-adjudications">
      <List<MyAdjudicationDto>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty description="您还没有提出行政裁决请求">
              <Link to="/disputes/adjudication">提出行政裁决请求</Link>
            </Empty>
          ),
        }}
        pagination={
          (list.data?.total ?? 0) > 10 ? { current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small' } : false
        }
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button key="open" type="link" onClick={() => setOpen(a.requestNo)} data-testid={`open-${a.requestNo}`}>
                查看进度
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span className="zd-list-item-title">
                  <span className="zc-mono">{a.requestNo}</span> <StatusTag status={a.status} label={a.statusLabel} />
                </span>
              }
              description={
                <>
                  <div>
                    {a.patentNo} {a.patentTitle} · 被请求人 {a.respondentName}
                  </div>
                  <div className="zd-muted">
                    提交于 {fmtTime(a.submittedAt)}
                    {a.caseNo ? ` · 立案号 ${a.caseNo}` : ''}
                    {a.nextStep ? ` · 下一步：${a.nextStep}${a.expectedNextStepBy ? `（预计 ${fmtDate(a.expectedNextStepBy)} 前）` : ''}` : ''}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function MyDisputes() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mediation' ? 'mediation' : 'adjudication';
  const open = params.get('requestNo');
  const setParam = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: true });
  };
  return (
    <div className="zd-page">
      <div className="zd-head">
        <Typography.Title level={2} className="zd-title">
          我的裁决与调解
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zd-lead">
          您本人提交的行政裁决请求和调解申请，以及每一步的办理日期。需要提出新的请求或申请的，请到“<Link to="/disputes">纠纷处理</Link>”。
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam({ tab: k === 'mediation' ? 'mediation' : null, requestNo: null })}
        items={[
          { key: 'adjudication', label: '行政裁决请求', children: <MyAdjudications open={open} setOpen={(v) => setParam({ requestNo: v })} /> },
          { key: 'mediation', label: '调解申请', children: <MyMediations /> },
        ]}
      />
    </div>
  );
}

export default function MyDisputesPage() {
  return (
    <LoginGate title="我的裁决与调解" reason="请登录后查看您提交的行政裁决请求和调解申请。">
      <MyDisputes />
    </LoginGate>
  );
}
