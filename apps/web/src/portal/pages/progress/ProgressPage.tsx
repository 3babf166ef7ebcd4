/**
 * 进度查询: 受理编号 + 查询码 → the public steps as a timeline (登记, 分派, 受理/不予受理, 核查, 办结 …), the status, the
 * next step and its expected date, the result; after closing, one rating (满意/基本满意/不满意 + comment;
 * 不满意 reopens review by the city). A logged-in public user also sees 我的诉求 and opens them without the code.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Space,
  Spin,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  IP_TYPES,
  LookupCode,
  ReceiptNo,
  SATISFACTION_LEVELS,
  SUBMISSION_KINDS,
  type MySubmissionDto,
  type Page,
  type Satisfaction,
  type SubmissionProgressDto,
  type SubmissionStatus,
} from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { applyServerErrors, zodRule } from '../../../api/forms';
import { showError, showSuccess } from '../../../ui/feedback';
import { fmtDate, fmtDateLong, fmtTime } from '../../../ui/format';
import { usePortalAuth } from '../../auth';
import { receiptPdfUrl, type ProgressPrefill } from '../submit/intake';
import '../submit/submit.css';

const STATUS_COLORS: Record<SubmissionStatus, string> = {
  received: 'processing',
  registered: 'blue',
  merged: 'default',
  closed: 'success',
  reopened: 'warning',
  dispatched: 'cyan',
  inProgress: 'processing',
};

const STEP_COLORS: Record<string, string> = {
  reject: 'red',
  close: 'green',
  reopen: 'orange',
  rate: 'gray',
};

interface LookupValues {
  receiptNo: string;
  lookupCode: string;
}

interface Shown {
  progress: SubmissionProgressDto;
  /** Known when looked up with the code; absent for 我的诉求 opened with the session. */
  lookupCode?: string;
}

export function StatusTag({ status, label }: { status: SubmissionStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="progress-status">
      {label}
    </Tag>
  );
}

function RatingForm({ shown, onRated }: { shown: Shown; onRated: (p: SubmissionProgressDto) => void }) {
  const [form] = Form.useForm<{ satisfaction: Satisfaction; comment?: string; lookupCode?: string }>();
  const [sending, setSending] = useState(false);
  const satisfaction = Form.useWatch('satisfaction', form);
  const p = shown.progress;

  const send = async (v: { satisfaction: Satisfaction; comment?: string; lookupCode?: string }) => {
    setSending(true);
    try {
      const r = await api.post<SubmissionProgressDto>('/api/public/submissions/rate', {
        receiptNo: p.receiptNo,
        lookupCode: (shown.lookupCode ?? v.lookupCode ?? '').trim().toUpperCase(),
        satisfaction: v.satisfaction,
        comment: v.comment?.trim() || null,
      });
      showSuccess('感谢您的评价');
      onRated(r);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title="评价办理结果" className="zs-card-gap" data-testid="rating-form">
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
        <Form.Item name="satisfaction" label="您对本次办理是否满意" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(Object.keys(SATISFACTION_LEVELS) as Satisfaction[]).map((k) => ({ value: k, label: SATISFACTION_LEVELS[k] }))}
          />
        </Form.Item>
        {satisfaction === 'dissatisfied' && (
          <Alert type="info" showIcon className="zs-block" title="选择“不满意”的，市局将重新审查办理情况。请在下面写明不满意的原因。" />
        )}
        <Form.Item
          name="comment"
          label="意见和建议"
          rules={[
            { required: satisfaction === 'dissatisfied', whitespace: true, message: '请写明不满意的原因' },
            { max: 1000, message: '不能超过 1000 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {!shown.lookupCode && (
          <Form.Item name="lookupCode" label="查询码" extra="评价需要核对查询码" rules={[{ required: true, message: '请输入查询码' }, zodRule(LookupCode)]}>
            <Input maxLength={8} autoComplete="off" style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary" className="zs-hint">
          每件诉求只能评价一次，提交后不能修改。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={sending} disabled={sending}>
          提交评价
        </Button>
      </Form>
    </Card>
  );
}

function ProgressView({ shown, onRated }: { shown: Shown; onRated: (p: SubmissionProgressDto) => void }) {
  const p = shown.progress;
  const items = p.timeline.map((t, i) => ({
    key: `${t.step}-${i}`,
    color: STEP_COLORS[t.step] ?? 'blue',
    content: (
      <div data-step={t.step}>
        <div className="zs-timeline-title">{t.title}</div>
        <div className="zs-timeline-time">{fmtTime(t.at)}</div>
        {t.text && <div className="zs-pre">{t.text}</div>}
      </div>
    ),
  }));
  if (p.nextStep && p.status !== 'closed' && p.status !== 'merged') {
    items.push({
      key: 'next',
      color: 'gray',
      content: (
        <div>
          <div className="zs-timeline-title">{p.nextStep}</div>
          <div className="zs-timeline-time">
            {p.expectedNextStepBy ? `预计 ${fmtDate(p.expectedNextStepBy)} 前` : '办理中'}
          </div>
        </div>
      ),
    });
  }

  return (
    <div data-testid="progress-result">
      <Card className="zs-card-gap">
        <div className="zs-progress-head">
          <span className="zs-progress-no">{p.receiptNo}</span>
          <Space size={4} wrap>
            <Tag>{SUBMISSION_KINDS[p.kind]}</Tag>
            <Tag>{IP_TYPES[p.ipType]}</Tag>
            <StatusTag status={p.status} label={p.statusLabel} />
          </Space>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          对象：{p.respondentName} · 提交于 {fmtTime(p.submittedAt)}
        </Typography.Paragraph>
        {p.nextStep && p.expectedNextStepBy && p.status !== 'closed' && p.status !== 'merged' && (
          <Alert
            type="info"
            showIcon
            className="zs-next-step"
            title={
              <>
                下一步：{p.nextStep}，预计在 <strong>{fmtDateLong(p.expectedNextStepBy)}</strong> 前
              </>
            }
          />
        )}
        {p.mergedInto && (
          <Alert type="info" showIcon className="zs-next-step" title={`已与 ${p.mergedInto} 合并办理，后续进度请查看该编号。`} />
        )}
        {p.result && !p.mergedInto && (
          <Alert
            type={p.status === 'reopened' ? 'warning' : 'success'}
            showIcon
            className="zs-next-step"
            title={`${p.status === 'reopened' ? '上次办理结果' : '办理结果'}${p.closedAt ? `（${fmtTime(p.closedAt)}）` : ''}`}
            description={<div className="zs-pre">{p.result}</div>}
            data-testid="progress-outcome"
          />
        )}
        <Timeline items={items} className="zs-progress-timeline" data-testid="progress-timeline" />
        {shown.lookupCode && (
          <div className="zs-progress-actions">
            <Button size="small" href={receiptPdfUrl(p.receiptNo, shown.lookupCode)} target="_blank" rel="noopener">
              下载回执（PDF）
            </Button>
          </div>
        )}
      </Card>
      {p.rating.given && (
        <Card size="small" title="您的评价" className="zs-card-gap" data-testid="rating-given">
          <Space wrap>
            <Tag color={p.rating.given.satisfaction === 'dissatisfied' ? 'orange' : 'green'}>
              {SATISFACTION_LEVELS[p.rating.given.satisfaction]}
            </Tag>
            <Typography.Text type="secondary">{fmtTime(p.rating.given.ratedAt)}</Typography.Text>
          </Space>
          {p.rating.given.comment && <div className="zs-pre" style={{ marginTop: 8 }}>{p.rating.given.comment}</div>}
        </Card>
      )}
      {p.rating.open && !p.rating.given && <RatingForm shown={shown} onRated={onRated} />}
    </div>
  );
}

function MySubmissions({ onOpen, openedNo }: { onOpen: (receiptNo: string) => void; openedNo?: string }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<MySubmissionDto> | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    api
      .get<Page<MySubmissionDto>>('/api/portal/submissions/mine', { page, pageSize: 10 })
      .then((d) => alive && setData(d))
      .catch((e) => alive && showError(e, '加载失败，请稍后再试'))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [page]);
  return (
    <List<MySubmissionDto>
      loading={loading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: <Empty description="您还没有用本账号提交过投诉、举报或申请" /> }}
      pagination={
        data && data.total > 10
          ? { current: page, pageSize: 10, total: data.total, onChange: setPage, size: 'small' }
          : false
      }
      renderItem={(s) => (
        <List.Item
          key={s.receiptNo}
          actions={[
            <Button key="open" type={openedNo === s.receiptNo ? 'primary' : 'link'} size="small" onClick={() => onOpen(s.receiptNo)}>
              查看进度
            </Button>,
          ]}
          data-testid={`mine-${s.receiptNo}`}
        >
          <List.Item.Meta
            title={
              <Space size={6} wrap>
                <span className="zc-mono" style={{ fontSize: 14 }}>{s.receiptNo}</span>
                <StatusTag status={s.status} label={s.statusLabel} />
              </Space>
            }
            description={`${SUBMISSION_KINDS[s.kind]} · ${IP_TYPES[s.ipType]} · ${s.respondentName} · ${fmtTime(s.submittedAt)}`}
          />
        </List.Item>
      )}
    />
  );
}

export default function ProgressPage() {
  const location = useLocation();
  const [params] = useSearchParams();
  const { me } = usePortalAuth();
  const prefill = (location.state as ProgressPrefill | null) ?? null;
  const [form] = Form.useForm<LookupValues>();
  const [loading, setLoading] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [tab, setTab] = useState<'lookup' | 'mine'>('lookup');
  const autoRan = useRef(false);
  const loggedIn = me?.kind === 'public';

  const lookup = useCallback(
    async (v: LookupValues) => {
      const receiptNo = v.receiptNo.trim().toUpperCase();
      const lookupCode = v.lookupCode.trim().toUpperCase();
      setLoading(true);
      setNotFound(false);
      try {
        const progress = await api.get<SubmissionProgressDto>('/api/public/submissions/lookup', { receiptNo, lookupCode });
        setShown({ progress, lookupCode });
      } catch (e) {
        setShown(null);
        if (isApiError(e) && e.status === 404) setNotFound(true);
        else applyServerErrors(form, e);
      } finally {
        setLoading(false);
      }
    },
    [form],
  );

  const openMine = async (receiptNo: string) => {
    setLoading(true);
    setNotFound(false);
    try {
      const progress = await api.get<SubmissionProgressDto>(`/api/portal/submissions/mine/${encodeURIComponent(receiptNo)}`);
      setShown({ progress });
    } catch (e) {
      showError(e, '加载失败，请稍后再试');
    } finally {
      setLoading(false);
    }
  };

  // A logged-in user who did not come with a receipt sees 我的诉求 first.
  useEffect(() => {
    if (loggedIn && !prefill && !params.get('receiptNo')) setTab('mine');
  }, [loggedIn, prefill, params]);

  // Coming from the receipt page: both codes are in the navigation state, look it up at once.
  useEffect(() => {
    if (autoRan.current) return;
    const receiptNo = prefill?.receiptNo ?? params.get('receiptNo') ?? '';
    if (receiptNo) form.setFieldValue('receiptNo', receiptNo);
    if (prefill?.lookupCode) form.setFieldValue('lookupCode', prefill.lookupCode);
    if (receiptNo && prefill?.lookupCode) {
      autoRan.current = true;
      void lookup({ receiptNo, lookupCode: prefill.lookupCode });
    }
  }, [prefill, params, form, lookup]);

  const lookupForm = (
    <Form<LookupValues> form={form} layout="vertical" onFinish={(v) => void lookup(v)} className="zs-lookup-form" data-testid="lookup-form">
      <Form.Item
        name="receiptNo"
        label="受理编号"
        rules={[{ required: true, message: '请输入受理编号' }, zodRule(ReceiptNo)]}
        normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
      >
        <Input placeholder="ZC-2026-370900-000123" maxLength={24} autoComplete="off" className="zs-code-input" />
      </Form.Item>
      <Form.Item
        name="lookupCode"
        label="查询码"
        rules={[{ required: true, message: '请输入查询码' }, zodRule(LookupCode)]}
        normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
      >
        <Input placeholder="8 位字母或数字" maxLength={8} autoComplete="off" className="zs-code-input" />
      </Form.Item>
      <Form.Item label=" " className="zs-lookup-btn">
        <Button type="primary" htmlType="submit" loading={loading} data-testid="lookup-button">
          查询
        </Button>
      </Form.Item>
    </Form>
  );

  return (
    <div className="zs-page">
      <div className="zs-head">
        <Typography.Title level={2} className="zs-title">
          进度查询
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zs-lead">
          输入提交时获得的受理编号和查询码，查看投诉、举报或维权援助申请的办理进度。
        </Typography.Paragraph>
      </div>
      <Card>
        {loggedIn ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as 'lookup' | 'mine')}
            items={[
              { key: 'lookup', label: '按编号查询', children: lookupForm },
              {
                key: 'mine',
                label: '我的诉求',
                children: <MySubmissions onOpen={(no) => void openMine(no)} openedNo={shown?.progress.receiptNo} />,
              },
            ]}
          />
        ) : (
          lookupForm
        )}
        {notFound && (
          <Alert
            type="error"
            showIcon
            title="没有查到"
            description="受理编号或查询码不正确，请核对后重试。查询码为提交成功时页面显示的 8 位字母或数字。"
            data-testid="lookup-not-found"
          />
        )}
      </Card>
      {loading && !shown && (
        <div className="zc-center">
          <Spin />
        </div>
      )}
      {shown && <ProgressView shown={shown} onRated={(progress) => setShown((s) => (s ? { ...s, progress } : s))} />}
    </div>
  );
}
