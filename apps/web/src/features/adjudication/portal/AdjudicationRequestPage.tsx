/**
 * 行政裁决请求 on the portal (logged-in 企业 / 个人 users): the request for handling a patent-infringement dispute, in five
 * steps (专利信息 → 请求人 → 被请求人 → 请求事项与理由 → 证据材料与声明).
 *
 * - The patent number and type are checked against the patent database as they are typed (a note, never a block).
 * - 请求人 is prefilled from the account (enterprise name or person's name, phone); the user may change it.
 * - The 专利权评价报告 upload appears, and is required, for 实用新型 and 外观设计 (山东省专利条例 第二十条).
 * - One Idempotency-Key per form session: a double click or a resend after a lost answer files once.
 * - The server's 400 field errors are put on the fields and the step holding the first one is opened.
 * - The request number and the date by which the filing decision is due are shown only after the server committed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Grid, Result, Steps, Typography } from 'antd';
import {
  PATENT_CHECKS,
  evaluationReportExpected,
  type AdjudicationReceiptDto,
  type IntakeInfoDto,
  type PatentKind,
  type PortalAdjudicationRawInput,
} from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { applyServerErrors } from '../../../api/forms';
import { showError } from '../../../ui/feedback';
import { fmtDate, fmtDateLong } from '../../../ui/format';
import { usePortalAuth } from '../../../portal/auth';
import { newRequestKey } from '../../../portal/pages/submit/intake';
import {
  ClaimFields,
  NoLawsuitField,
  PatentFields,
  RequesterFields,
  RespondentFields,
  RequestSummary,
} from '../RequestFields';
import { renamePortalPath, requestBody, type RequestFormValues } from '../requestForm';
import { LoginGate } from './LoginGate';
import { PortalUpload, fileRefs, filesBusy, type PortalFile } from './PortalUpload';
import './disputes.css';

interface FormValues extends RequestFormValues {
  evidenceFiles?: PortalFile[];
  reportFiles?: PortalFile[];
  identityFiles?: PortalFile[];
  pledge?: boolean;
}

const STEP_TITLES = ['专利信息', '请求人', '被请求人', '请求事项与理由', '证据材料与声明'];

const STEP_FIELDS: (string | number)[][][] = [
  [['patent']],
  [['requester']],
  [['respondent']],
  [['accusedProduct'], ['claimsComparison'], ['requests'], ['factsReasons']],
  [['evidenceFiles'], ['reportFiles'], ['identityFiles'], ['noLawsuitDeclared'], ['pledge']],
];

function stepOfField(first: string | number): number {
  if (first === 'patent') return 0;
  if (first === 'requester') return 1;
  if (first === 'respondent') return 2;
  if (first === 'accusedProduct' || first === 'claimsComparison' || first === 'requests' || first === 'factsReasons') return 3;
  return 4;
}

function RequestForm() {
  const { me } = usePortalAuth();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  const [intake, setIntake] = useState<IntakeInfoDto | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [receipt, setReceipt] = useState<AdjudicationReceiptDto | null>(null);
  // 一次填报一个请求标识：重试、连点都沿用它，服务端据此只登记一次。
  const idempotencyKey = useRef<string>(newRequestKey());

  const patentType = Form.useWatch(['patent', 'type'], form) as PatentKind | undefined;
  const evidence = Form.useWatch('evidenceFiles', form) as PortalFile[] | undefined;
  const reports = Form.useWatch('reportFiles', form) as PortalFile[] | undefined;
  const identity = Form.useWatch('identityFiles', form) as PortalFile[] | undefined;
  const needReport = !!patentType && evaluationReportExpected(patentType);
  const busy = filesBusy(evidence) || filesBusy(reports) || filesBusy(identity);

  useEffect(() => {
    api
      .get<IntakeInfoDto>('/api/public/submissions/intake-info', undefined, { quiet: true })
      .then(setIntake)
      .catch(() => setIntake(null));
  }, []);

  // 请求人 from the account (only empty fields; the user may change them).
  useEffect(() => {
    if (me?.kind !== 'public') return;
    const name = me.displayName.replace(/（演示）$/, '').trim();
    if (!form.getFieldValue(['requester', 'name'])) {
      form.setFieldValue(['requester', 'kind'], me.publicKind === 'person' ? 'person' : 'organization');
      form.setFieldValue(['requester', 'name'], name);
    }
    if (me.phone && !form.getFieldValue(['requester', 'phone'])) form.setFieldValue(['requester', 'phone'], me.phone);
    // MeDto does not carry the enterprise's 统一社会信用代码 yet (users.uscc); filled in as soon as it does.
    const uscc = (me as { uscc?: string | null }).uscc;
    if (uscc && me.publicKind !== 'person' && !form.getFieldValue(['requester', 'uscc'])) form.setFieldValue(['requester', 'uscc'], uscc);
  }, [me, form]);

  const goTo = useCallback(
    (n: number, focus?: (string | number)[]) => {
      setStep(n);
      setTimeout(() => {
        if (focus) form.scrollToField(focus, { block: 'center', behavior: 'smooth', focus: true });
        else document.querySelector('.zd-form-card')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      }, 50);
    },
    [form],
  );

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step], { recursive: true });
      goTo(step + 1);
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    }
  };

  const submit = async () => {
    if (sendingRef.current) return;
    let values: FormValues;
    try {
      await form.validateFields(undefined, { recursive: true });
      values = form.getFieldsValue(true) as FormValues;
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) goTo(stepOfField(first.name[0]), first.name);
      return;
    }
    if (busy) {
      showError(new Error(), '还有材料正在上传，请稍候再提交');
      return;
    }
    const report = needReport ? fileRefs(values.reportFiles)[0] : undefined;
    const body: PortalAdjudicationRawInput = {
      ...requestBody(values),
      files: {
        evidence: fileRefs(values.evidenceFiles),
        evaluationReport: report ?? null,
        requestForm: null,
        identity: fileRefs(values.identityFiles),
      },
    };
    sendingRef.current = true;
    setSending(true);
    try {
      const r = await api.post<AdjudicationReceiptDto>('/api/portal/adjudications', body, { headers: { 'Idempotency-Key': idempotencyKey.current } });
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (e) {
      if (isApiError(e) && e.code === 'IDEMPOTENCY_CONFLICT') {
        // An earlier attempt under this key was recorded (its answer was lost) and the content has changed since.
        idempotencyKey.current = newRequestKey();
        showError(new Error(), '您此前的一次提交可能已经登记成功（当时未收到回执），之后内容又有修改。请先到“我的裁决与调解”查看；如确需按修改后的内容再次提交，请再点一次“提交请求”。');
      } else if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        const placed = applyServerErrors(form, e, { rename: renamePortalPath });
        if (placed) {
          const firstBad = form.getFieldsError().find((f) => f.errors.length > 0);
          if (firstBad) goTo(stepOfField(firstBad.name[0]), firstBad.name);
        }
      } else if (isApiError(e) && (e.status === 0 || e.status >= 500)) {
        showError(new Error(), `${e.message.replace(/。$/, '')}。重新提交不会重复登记。`);
      } else {
        showError(e, '提交失败，请稍后再试');
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  if (receipt) return <ReceiptView receipt={receipt} onMine={() => navigate(`/disputes/mine?requestNo=${encodeURIComponent(receipt.requestNo)}`)} />;

  const hidden = (n: number) => (step === n ? undefined : { display: 'none' });
  const maxBytes = intake?.maxFileBytes ?? null;
  const csrf = me?.csrfToken ?? null;

  return (
    <div className="zd-page">
      <div className="zd-head">
        <Typography.Title level={2} className="zd-title">
          专利侵权纠纷行政裁决请求
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zd-lead">
          专利权人或者利害关系人可以请求处理专利侵权纠纷（专利法 第六十五条）。收到请求后五个工作日内作出立案或者不予受理的决定。{' '}
          <Link to="/disputes">了解行政裁决与调解</Link>
        </Typography.Paragraph>
      </div>
      <Card className="zd-form-card">
        {narrow ? (
          <div className="zd-step-compact" aria-live="polite">
            <span className="zd-step-count">
              第 {step + 1} 步 / 共 {STEP_TITLES.length} 步
            </span>
            <span className="zd-step-name">{STEP_TITLES[step]}</span>
            <div className="zd-step-bar">
              <span style={{ width: `${((step + 1) / STEP_TITLES.length) * 100}%` }} />
            </div>
          </div>
        ) : (
          <Steps current={step} size="small" className="zd-steps" items={STEP_TITLES.map((title) => ({ title }))} />
        )}
        <Form<FormValues>
          form={form}
          layout="vertical"
          scrollToFirstError={false}
          initialValues={{
            requester: { kind: 'organization' },
            respondent: { kind: 'organization' },
            evidenceFiles: [],
            reportFiles: [],
            identityFiles: [],
          }}
          onFinish={() => void submit()}
          data-testid="adjudication-request-form"
        >
          <div style={hidden(0)} data-step="patent">
            <PatentFields form={form} checkUrl="/api/public/adjudications/patent-check" />
          </div>
          <div style={hidden(1)} data-step="requester">
            <Typography.Paragraph type="secondary" className="zd-hint">
              已按您的账号信息填写，请核对；代他人提出请求的，请按请求人的情况修改。身份证号码、联系电话加密保存，仅承办人员可见。
            </Typography.Paragraph>
            <RequesterFields form={form} />
          </div>
          <div style={hidden(2)} data-step="respondent">
            <RespondentFields form={form} />
          </div>
          <div style={hidden(3)} data-step="claims">
            <ClaimFields />
          </div>
          <div style={hidden(4)} data-step="files">
            <Form.Item
              name="evidenceFiles"
              label="证据材料"
              required
              validateTrigger={[]}
              rules={[
                {
                  validator: async (_r, v: PortalFile[] | undefined) => {
                    if (filesBusy(v)) throw new Error('还有文件正在上传，请稍候');
                    if (fileRefs(v).length === 0) throw new Error('请上传至少一份证据材料');
                  },
                },
              ]}
            >
              <PortalUpload
                maxFiles={20}
                maxFileBytes={maxBytes}
                csrfToken={csrf}
                testId="evidence-upload"
                hint="专利证书、侵权产品照片或实物购买凭证、网页截图、公证书、技术特征对比图等。"
              />
            </Form.Item>
            {needReport && (
              <Form.Item
                name="reportFiles"
                label="专利权评价报告"
                required
                validateTrigger={[]}
                rules={[
                  {
                    validator: async (_r, v: PortalFile[] | undefined) => {
                      if (filesBusy(v)) throw new Error('还有文件正在上传，请稍候');
                      if (fileRefs(v).length === 0) throw new Error('涉案专利为实用新型或外观设计的，请上传专利权评价报告（山东省专利条例 第二十条）');
                    },
                  },
                ]}
              >
                <PortalUpload
                  maxFiles={1}
                  maxFileBytes={maxBytes}
                  csrfToken={csrf}
                  testId="report-upload"
                  buttonText="上传评价报告"
                  hint="国家知识产权局出具的专利权评价报告。"
                />
              </Form.Item>
            )}
            <Form.Item name="identityFiles" label="主体资格证明（选填）" validateTrigger={[]}>
              <PortalUpload
                maxFiles={5}
                maxFileBytes={maxBytes}
                csrfToken={csrf}
                testId="identity-upload"
                hint="营业执照或身份证复印件；利害关系人请附许可合同、继承证明等。"
              />
            </Form.Item>
            {step === 4 && (
              <Alert
                className="zd-block"
                type="info"
                title="请核对请求的主要内容"
                description={<RequestSummary v={form.getFieldsValue(true) as FormValues} />}
              />
            )}
            <NoLawsuitField />
            <Form.Item
              name="pledge"
              valuePropName="checked"
              rules={[{ validator: async (_r, v) => { if (!v) throw new Error('请阅读并勾选承诺'); } }]}
            >
              <Checkbox data-testid="pledge">本人承诺所填信息和提交的材料真实、准确，如有虚假，愿意承担相应的法律责任。</Checkbox>
            </Form.Item>
          </div>
          <div className="zd-step-nav">
            {step > 0 ? <Button onClick={() => goTo(step - 1)}>上一步</Button> : <span />}
            {/* Distinct keys, so React does not reuse the 下一步 button as the submit button mid-click. */}
            {step === STEP_TITLES.length - 1 ? (
              <Button key="submit" type="primary" htmlType="submit" loading={sending} disabled={sending || busy} data-testid="submit-adjudication">
                {sending ? '正在提交…' : '提交请求'}
              </Button>
            ) : (
              <Button key="next" type="primary" onClick={() => void next()}>
                下一步
              </Button>
            )}
          </div>
        </Form>
      </Card>
      <Typography.Paragraph type="secondary" className="zd-foot-note">
        提交成功后页面显示请求登记号，您可以随时在“<Link to="/disputes/mine">我的裁决与调解</Link>”查看办理进度。
      </Typography.Paragraph>
    </div>
  );
}

function ReceiptView({ receipt, onMine }: { receipt: AdjudicationReceiptDto; onMine: () => void }) {
  return (
    <div className="zd-page">
      <Card>
        <Result
          status="success"
          title="行政裁决请求已提交"
          subTitle="请记下请求登记号。立案或者不予受理的决定将在“我的裁决与调解”中告知，并按您填写的送达地址送达。"
          extra={[
            <Button key="mine" type="primary" onClick={onMine} data-testid="to-mine">
              查看办理进度
            </Button>,
            <Link key="back" to="/disputes">
              <Button>返回纠纷处理</Button>
            </Link>,
          ]}
        >
          <Descriptions column={1} bordered size="small" data-testid="adjudication-receipt" styles={{ label: { width: 150 } }}>
            <Descriptions.Item label="请求登记号">
              <span className="zd-result-no" data-testid="request-no">
                {receipt.requestNo}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="收到请求日期">{fmtDate(receipt.receivedOn)}</Descriptions.Item>
            <Descriptions.Item label="下一步">{receipt.nextStep}</Descriptions.Item>
            <Descriptions.Item label="预计决定日期">
              {receipt.expectedFilingDecisionBy ? (
                <span data-testid="expected-filing">
                  {fmtDateLong(receipt.expectedFilingDecisionBy)}前
                  {receipt.provisional && <span className="zd-muted">（该年度节假日安排尚未公布，日期暂定）</span>}
                </span>
              ) : (
                '—'
              )}
              <div className="zd-muted">{receipt.nextStepBasis}</div>
            </Descriptions.Item>
            <Descriptions.Item label="专利数据库核对">
              {PATENT_CHECKS[receipt.patentCheck]}
              {receipt.patentCheckNote && <div className="zd-muted">{receipt.patentCheckNote}</div>}
            </Descriptions.Item>
          </Descriptions>
        </Result>
      </Card>
    </div>
  );
}

export default function AdjudicationRequestPage() {
  return (
    <LoginGate title="专利侵权纠纷行政裁决请求" reason="提出行政裁决请求需要登录，以便您随时查看办理进度、接收文书。没有账号的，请先注册（企业或个人均可）。">
      <RequestForm />
    </LoginGate>
  );
}
