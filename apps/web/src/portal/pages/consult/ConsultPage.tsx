/**
 * 我要咨询: ask a question (anonymous or logged in), see the 咨询编号 and the one-time 查询码 after the commit, look an
 * answer up by number + code, and — when logged in — 我的咨询. Tabs follow the URL hash (#ask, #lookup, #mine) so a
 * message link ('/consult#mine') and the back button land on the right tab.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Empty, Form, Input, List, Result, Select, Spin, Tabs, Tag, Typography } from 'antd';
import { CopyOutlined, SearchOutlined } from '@ant-design/icons';
import {
  ConsultationLookupQuery,
  CreateConsultationInput,
  type ConsultationFormDto,
  type ConsultationPublicDto,
  type ConsultationReceiptDto,
  type Page,
} from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { applyServerErrors, emptyToNull, mobileRule, zodRule } from '../../../api/forms';
import { showError } from '../../../ui/feedback';
import { fmtDateLong, fmtTime } from '../../../ui/format';
import { usePortalAuth } from '../../auth';
import { copyText, FAQ_PATH, loadConsultationForm, newIdempotencyKey, periodText } from './consult';
import './consult.css';

type TabKey = 'ask' | 'lookup' | 'mine';

const S = CreateConsultationInput.shape;
const L = ConsultationLookupQuery.shape;

const STATUS_COLOR: Record<ConsultationPublicDto['status'], string> = {
  pending: 'processing',
  answered: 'success',
  published: 'success',
  closed: 'default',
};

interface AskValues {
  ipType: string;
  title: string;
  question: string;
  askerName?: string;
  askerPhone?: string;
}

function CodeBox({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="zq-code-box">
      <div className="zq-code-label">{label}</div>
      <div className="zq-code-value">
        <span data-testid={testId}>{value}</span>
        <Button type="text" icon={<CopyOutlined />} aria-label={`复制${label}`} onClick={() => void copyText(value, label)}>
          复制
        </Button>
      </div>
    </div>
  );
}

function Receipt({ receipt, onLookup, onAgain }: { receipt: ConsultationReceiptDto; onLookup: () => void; onAgain: () => void }) {
  return (
    <Card className="zq-card" data-testid="consult-receipt">
      <Result status="success" title="您的咨询已提交" subTitle={`提交时间 ${fmtTime(receipt.submittedAt)}`} className="zq-result" />
      <div className="zq-codes">
        <CodeBox label="咨询编号" value={receipt.consultationNo} testId="consult-no" />
        <CodeBox label="查询码" value={receipt.lookupCode} testId="consult-code" />
      </div>
      <Alert
        type="warning"
        showIcon
        title="请妥善保存咨询编号和查询码"
        description="查询码只在此页显示一次，系统不保存其明文，遗失后无法找回。请抄写或截图保存，查询答复时需要同时输入咨询编号和查询码。"
      />
      {receipt.expectedAnswerBy && (
        <Typography.Paragraph className="zq-expect">
          我们将在 <strong>{fmtDateLong(receipt.expectedAnswerBy)}</strong> 前答复（法定节假日顺延）。
        </Typography.Paragraph>
      )}
      <div className="zq-actions">
        <Button type="primary" icon={<SearchOutlined />} onClick={onLookup}>
          查询答复
        </Button>
        <Button onClick={onAgain}>继续提问</Button>
      </div>
    </Card>
  );
}

function AskForm({ form, onDone }: { form: ConsultationFormDto | null; onDone: (r: ConsultationReceiptDto) => void }) {
  const [f] = Form.useForm<AskValues>();
  const [saving, setSaving] = useState(false);
  // One key per distinct content: a retry of the same content (double click, lost answer) reuses it.
  const key = useRef(newIdempotencyKey());
  const period = periodText(form?.answerPeriod ?? null);

  const submit = async () => {
    let v: AskValues;
    try {
      v = await f.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const body = emptyToNull(
        { ipType: v.ipType, title: v.title.trim(), question: v.question.trim(), askerName: v.askerName?.trim(), askerPhone: v.askerPhone?.trim() },
        ['askerName', 'askerPhone'],
      );
      const receipt = await api.post<ConsultationReceiptDto>('/api/portal/consultations', body, { headers: { 'Idempotency-Key': key.current } });
      key.current = newIdempotencyKey();
      f.resetFields();
      onDone(receipt);
    } catch (e) {
      if (isApiError(e) && (e.code === 'RATE_LIMITED' || e.code === 'IDEMPOTENCY_CONFLICT')) showError(e);
      else applyServerErrors(f, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card className="zq-card">
      <Form form={f} layout="vertical" requiredMark="optional" onValuesChange={() => (key.current = newIdempotencyKey())} data-testid="consult-form">
        <Form.Item name="ipType" label="业务类型" rules={[{ required: true, message: '请选择业务类型' }]}>
          <Select
            placeholder="请选择"
            loading={!form}
            options={form?.ipTypes ?? []}
            aria-label="业务类型"
          />
        </Form.Item>
        <Form.Item name="title" label="标题" required rules={[zodRule(S.title)]}>
          <Input maxLength={100} showCount placeholder="用一句话概括您的问题，如：专利权质押登记需要哪些材料" />
        </Form.Item>
        <Form.Item name="question" label="问题描述" required rules={[zodRule(S.question)]}>
          <Input.TextArea rows={6} maxLength={2000} showCount placeholder="请写明事情经过和您想了解的内容。请不要在此填写身份证号等个人信息。" />
        </Form.Item>
        <div className="zq-row">
          <Form.Item name="askerName" label="姓名" rules={[zodRule(S.askerName)]} className="zq-half">
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="askerPhone" label="手机号" rules={[mobileRule]} className="zq-half">
            <Input maxLength={11} inputMode="numeric" autoComplete="tel" />
          </Form.Item>
        </div>
        <Typography.Paragraph type="secondary" className="zq-note">
          姓名和手机号可以不填。填写的，仅供工作人员在需要时与您联系，手机号加密保存；不会公开，也不会出现在常见问题中。
          {period ? `我们将在 ${period}内答复（法定节假日顺延），` : ''}答复凭咨询编号和查询码查询。
          著作权（版权）事项请向当地宣传部门（版权局）咨询。
        </Typography.Paragraph>
        <Button type="primary" size="large" block loading={saving} onClick={() => void submit()} data-testid="consult-submit">
          提交咨询
        </Button>
      </Form>
    </Card>
  );
}

function AnswerView({ c }: { c: ConsultationPublicDto }) {
  return (
    <div className="zq-answer" data-testid="consult-result">
      <div className="zq-answer-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {c.title}
        </Typography.Title>
        <Tag color={STATUS_COLOR[c.status]}>{c.statusLabel}</Tag>
      </div>
      <Typography.Text type="secondary" className="zq-meta">
        {c.consultationNo} · {c.ipTypeLabel} · 提交于 {fmtTime(c.submittedAt)}
      </Typography.Text>
      <div className="zq-block">
        <div className="zq-block-label">问题</div>
        <div className="zq-text">{c.question}</div>
      </div>
      {c.answer ? (
        <div className="zq-block zq-block-answer">
          <div className="zq-block-label">
            {c.answeringUnit}答复{c.answeredAt ? `（${fmtTime(c.answeredAt)}）` : ''}
          </div>
          <div className="zq-text">{c.answer}</div>
        </div>
      ) : c.status === 'closed' ? (
        <Alert type="info" showIcon title="该咨询已办结，未作答复" description={c.closeReason ?? undefined} />
      ) : (
        <Alert
          type="info"
          showIcon
          title="正在办理，尚未答复"
          description={c.expectedAnswerBy ? `预计在 ${fmtDateLong(c.expectedAnswerBy)} 前答复。` : undefined}
        />
      )}
    </div>
  );
}

interface LookupValues {
  no: string;
  code: string;
}

function LookupForm({ prefill }: { prefill: LookupValues | null }) {
  const [f] = Form.useForm<LookupValues>();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<ConsultationPublicDto | null>(null);
  const [notFound, setNotFound] = useState(false);

  const run = async (v: LookupValues) => {
    setLoading(true);
    setNotFound(false);
    try {
      setResult(await api.get<ConsultationPublicDto>('/api/public/consultations/lookup', { no: v.no.trim(), code: v.code.trim() }));
    } catch (e) {
      setResult(null);
      if (isApiError(e) && e.status === 404) setNotFound(true);
      else applyServerErrors(f, e, { rename: (n) => [n[0] === 'querystring' ? String(n[1]) : String(n[0])] });
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (prefill) {
      f.setFieldsValue(prefill);
      void run(prefill);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prefill]);

  return (
    <Card className="zq-card">
      <Form form={f} layout="vertical" onFinish={(v) => void run(v)} data-testid="consult-lookup">
        <div className="zq-row">
          <Form.Item name="no" label="咨询编号" required rules={[zodRule(L.no)]} className="zq-half">
            <Input placeholder="ZX-2026-370900-000001" autoComplete="off" />
          </Form.Item>
          <Form.Item name="code" label="查询码" required rules={[zodRule(L.code)]} className="zq-half">
            <Input placeholder="8 位字母或数字" autoComplete="off" />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} block>
          查询答复
        </Button>
      </Form>
      {notFound && <Alert className="zq-gap" type="error" showIcon title="咨询编号或查询码不正确" description="请核对后重试。查询码遗失的，可以重新提问。" />}
      {result && (
        <div className="zq-gap">
          <AnswerView c={result} />
        </div>
      )}
    </Card>
  );
}

function MineList() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<ConsultationPublicDto> | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    setLoading(true);
    api
      .get<Page<ConsultationPublicDto>>('/api/portal/consultations/mine', { page, pageSize: 10 })
      .then(setData)
      .catch((e: unknown) => showError(e, '加载失败，请稍后再试'))
      .finally(() => setLoading(false));
  }, [page]);
  return (
    <Card className="zq-card">
      <Spin spinning={loading}>
        {data && data.total === 0 ? (
          <Empty description="您还没有提过咨询" />
        ) : (
          <List
            dataSource={data?.items ?? []}
            pagination={data && data.total > 10 ? { current: page, pageSize: 10, total: data.total, onChange: setPage, size: 'small' } : false}
            renderItem={(c) => (
              <List.Item key={c.consultationNo}>
                <AnswerView c={c} />
              </List.Item>
            )}
          />
        )}
      </Spin>
    </Card>
  );
}

export default function ConsultPage() {
  const { me } = usePortalAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [form, setForm] = useState<ConsultationFormDto | null>(null);
  const [receipt, setReceipt] = useState<ConsultationReceiptDto | null>(null);
  const [prefill, setPrefill] = useState<LookupValues | null>(null);
  const hashTab = location.hash.replace('#', '') as TabKey;
  const tab: TabKey = hashTab === 'lookup' || (hashTab === 'mine' && me) ? hashTab : 'ask';
  const period = periodText(form?.answerPeriod ?? null);

  useEffect(() => {
    loadConsultationForm()
      .then(setForm)
      .catch((e: unknown) => showError(e, '业务类型加载失败，请刷新页面'));
  }, []);

  const go = (k: TabKey) => navigate({ hash: k === 'ask' ? '' : k }, { replace: true });

  return (
    <div className="zq-page">
      <div className="zq-head">
        <Typography.Title level={2} className="zq-title">
          我要咨询
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zq-lead">
          就专利、商标、地理标志、知识产权代理等事项向{form?.answeringUnit || '市局'}提问{period ? `，我们在 ${period}内答复` : ''}。
          提问前可以先看看 <Link to={FAQ_PATH}>常见问题</Link>。
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k as TabKey)}
        items={[
          {
            key: 'ask',
            label: '我要提问',
            children: receipt ? (
              <Receipt
                receipt={receipt}
                onLookup={() => {
                  setPrefill({ no: receipt.consultationNo, code: receipt.lookupCode });
                  go('lookup');
                }}
                onAgain={() => setReceipt(null)}
              />
            ) : (
              <AskForm
                form={form}
                onDone={(r) => {
                  setReceipt(r);
                  window.scrollTo(0, 0);
                }}
              />
            ),
          },
          { key: 'lookup', label: '查询答复', children: <LookupForm prefill={prefill} /> },
          ...(me ? [{ key: 'mine', label: '我的咨询', children: <MineList /> }] : []),
        ]}
      />
    </div>
  );
}
