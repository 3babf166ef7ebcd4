/**
 * 我的调解申请 (one tab of 我的裁决与调解): the logged-in user's mediation applications (GET /api/portal/mediations/mine),
 * each opening its public timeline (GET /api/portal/mediations/mine/:mediationNo).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, List, Spin, Tag, Timeline, Typography } from 'antd';
import type { MediationStatus, MyMediationDto, MyMediationProgressDto, Page } from '@zhichan/shared';
import { api } from '../../../api/client';
import { fmtDate } from '../../../ui/format';
import { useRequest } from '../../../ui/hooks';
import './disputes.css';

const STATUS_COLORS: Record<MediationStatus, string> = {
  applied: 'processing',
  refused: 'default',
  mediating: 'blue',
  agreed: 'green',
  terminated: 'default',
  confirmationApplied: 'cyan',
  confirmed: 'success',
  confirmationRejected: 'orange',
  closed: 'success',
};

const STEP_COLORS: Record<string, string> = { refuse: 'gray', terminate: 'gray', agreement: 'green', ruling: 'green', close: 'green' };

export function MediationStatusTag({ status, label }: { status: MediationStatus; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

function MediationProgress({ mediationNo, onBack }: { mediationNo: string; onBack: () => void }) {
  const req = useRequest(
    (signal) => api.get<MyMediationProgressDto>(`/api/portal/mediations/mine/${encodeURIComponent(mediationNo)}`, undefined, { signal }),
    [mediationNo],
  );
  const p = req.data;
  return (
    <Card
      title={`调解申请 ${mediationNo}`}
      extra={
        <Button type="link" onClick={onBack}>
          返回列表
        </Button>
      }
      data-testid="my-mediation-detail"
    >
      {!p ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered className="zd-block">
            <Descriptions.Item label="状态">
              <MediationStatusTag status={p.status} label={p.statusLabel} />
            </Descriptions.Item>
            <Descriptions.Item label="申请日期">{fmtDate(p.appliedOn)}</Descriptions.Item>
            <Descriptions.Item label="纠纷类型">{p.disputeTypeLabel}</Descriptions.Item>
            <Descriptions.Item label="调解机构">{p.unitName}</Descriptions.Item>
            <Descriptions.Item label="被申请人" span={2}>
              {p.respondentNames.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="纠纷事项" span={2}>
              {p.subject}
            </Descriptions.Item>
            <Descriptions.Item label="调解请求" span={2}>
              <div className="zd-pre">{p.claims}</div>
            </Descriptions.Item>
          </Descriptions>
          {p.result && <Alert className="zd-block" type="success" showIcon title="办理结果" description={p.result} />}
          {p.nextStep && (
            <Alert
              className="zd-block"
              type="info"
              showIcon
              title={`下一步：${p.nextStep}${p.expectedNextStepBy ? `（预计 ${fmtDate(p.expectedNextStepBy)} 前）` : ''}`}
            />
          )}
          <Typography.Title level={5}>办理过程</Typography.Title>
          <Timeline
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
        </>
      )}
    </Card>
  );
}

export function MyMediations() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useRequest(
    (signal) => api.get<Page<MyMediationDto>>('/api/portal/mediations/mine', { page, pageSize: 10 }, { signal }),
    [page],
  );
  if (open) return <MediationProgress mediationNo={open} onBack={() => setOpen(null)} />;
  const items = list.data?.items ?? [];
  return (
    <Card data-testid="my-mediations">
      <List<MyMediationDto>
        loading={list.loading}
        dataSource={items}
        locale={{
          emptyText: (
            <Empty description="您还没有提交调解申请">
              <Link to="/disputes/mediation">申请调解</Link>
            </Empty>
          ),
        }}
        pagination={
          (list.data?.total ?? 0) > 10 ? { current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small' } : false
        }
        renderItem={(m) => (
          <List.Item
            actions={[
              <Button key="open" type="link" onClick={() => setOpen(m.mediationNo)}>
                查看进度
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span className="zd-list-item-title">
                  <span className="zc-mono">{m.mediationNo}</span> <MediationStatusTag status={m.status} label={m.statusLabel} />
                </span>
              }
              description={
                <>
                  <div>{m.subject}</div>
                  <div className="zd-muted">
                    {m.disputeTypeLabel} · 被申请人 {m.respondentNames.join('、') || '—'} · 申请日期 {fmtDate(m.appliedOn)}
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
