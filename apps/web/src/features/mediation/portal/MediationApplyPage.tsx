/**
 * 知识产权纠纷调解申请 (portal, /disputes/mediation): a logged-in public user applies for people's mediation of an IP
 * dispute. The page explains what mediation is (free, voluntary, either side may refuse, the agreement binds, judicial
 * confirmation within 30 days), then the form: 申请人 (the account, prefilled), 对方当事人, 纠纷类型, 知识产权类型, 纠纷事由,
 * 请求, 金额 and evidence files. One Idempotency-Key per form session (a retry or a double click never files twice);
 * the server's field errors land on the fields; the answer (调解案号) is shown only after the server committed it.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result, Select, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DISPUTE_TYPES,
  MEDIATION_IP_TYPES,
  MEDIATION_MAX_FILES,
  type DisputeType,
  type IntakeInfoDto,
  type MediationIpType,
  type MediationReceiptDto,
} from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { applyServerErrors } from '../../../api/forms';
import { showError } from '../../../ui/feedback';
import { fmtDate } from '../../../ui/format';
import { AuthModal, type AuthTab } from '../../../portal/AuthModal';
import { usePortalAuth } from '../../../portal/auth';
import { EvidenceUpload, evidenceBusy, evidenceRefs, type EvidenceFile } from '../../../portal/pages/submit/EvidenceUpload';
import { newRequestKey } from '../../../portal/pages/submit/intake';
import { portalBody } from '../bodies';
import { PartyFields, type PartyValues } from '../PartiesEditor';
import '../../../portal/pages/submit/submit.css';
import './apply.css';

interface Values {
  disputeType?: DisputeType;
  ipType?: MediationIpType;
  parties: PartyValues[];
  subject?: string;
  claims?: string;
  amountClaimed?: number | null;
  files?: EvidenceFile[];
  consent?: boolean;
}

/** What people's mediation is, in plain words, with the articles. */
function Explanation() {
  return (
    <Card className="zma-explain" size="small" title="关于知识产权纠纷人民调解" data-testid="mediation-explanation">
      <ul>
        <li>
          <b>免费。</b>人民调解委员会调解纠纷，不收取任何费用（《中华人民共和国人民调解法》第四条）。
        </li>
        <li>
          <b>自愿。</b>调解在双方自愿、平等的基础上进行；任何一方明确拒绝调解的，不得调解，您也可以随时要求终止调解（第三条、第十七条、第二十三条）。调解不影响您依法通过仲裁、行政裁决或者诉讼维护权利。
        </li>
        <li>
          <b>调解员。</b>由知识产权纠纷人民调解员和技术专家主持调解，与当事人有利害关系的调解员应当回避；您有权选择或者接受调解员（第二十三条）。
        </li>
        <li>
          <b>协议有约束力。</b>达成的调解协议具有法律约束力，当事人应当按照约定履行（第三十一条）。
        </li>
        <li>
          <b>司法确认。</b>协议生效之日起三十日内，双方可以共同向人民法院申请司法确认；确认有效后，一方不履行的，另一方可以申请人民法院强制执行（第三十三条）。涉及专利权、商标权等权属确认的协议，人民法院不予司法确认。
        </li>
      </ul>
      <Typography.Paragraph type="secondary" className="zma-explain-foot">
        提交后，调解组织将联系对方当事人征求是否同意调解；双方同意的，予以受理并指派调解员。办理进度可在“<Link to="/disputes/mine">我的裁决与调解</Link>”中查看。
      </Typography.Paragraph>
    </Card>
  );
}

function LoginRequired() {
  const [auth, setAuth] = useState<{ open: boolean; tab: AuthTab }>({ open: false, tab: 'login' });
  return (
    <Card data-testid="login-required">
      <div className="zma-login">
        <Typography.Paragraph>申请调解需要先登录。登录后，系统会带出您的名称和联系电话，并可随时查看办理进度。</Typography.Paragraph>
        <Space>
          <Button type="primary" onClick={() => setAuth({ open: true, tab: 'login' })}>
            登录
          </Button>
          <Button onClick={() => setAuth({ open: true, tab: 'register' })}>注册账号</Button>
        </Space>
      </div>
      <AuthModal open={auth.open} tab={auth.tab} onTab={(tab) => setAuth({ open: true, tab })} onClose={() => setAuth((a) => ({ ...a, open: false }))} />
    </Card>
  );
}

function Receipt({ receipt }: { receipt: MediationReceiptDto }) {
  const navigate = useNavigate();
  return (
    <Card>
      <Result
        status="success"
        title="调解申请已提交"
        subTitle={
          <>
            调解案号：
            <Typography.Text strong copyable className="zma-no" data-testid="mediation-receipt-no">
              {receipt.mediationNo}
            </Typography.Text>
          </>
        }
        extra={
          <Space wrap>
            <Button type="primary" onClick={() => navigate('/disputes/mine')}>
              查看我的裁决与调解
            </Button>
            <Button onClick={() => navigate('/disputes')}>返回纠纷处理</Button>
          </Space>
        }
      />
      <Typography.Paragraph className="zma-next" data-testid="mediation-receipt-next">
        申请日期：{fmtDate(receipt.appliedOn)}　当前状态：{receipt.statusLabel}
        <br />
        下一步：{receipt.nextStep}
        {receipt.expectedNextStepBy ? `（预计 ${fmtDate(receipt.expectedNextStepBy)} 前）` : ''}
      </Typography.Paragraph>
    </Card>
  );
}

function ApplyForm({ onDone }: { onDone: (r: MediationReceiptDto) => void }) {
  const { me } = usePortalAuth();
  const [form] = Form.useForm<Values>();
  const [intake, setIntake] = useState<IntakeInfoDto | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  // 一次填报一个请求标识：重试、连点都沿用它，服务端据此只登记一次。
  const idempotencyKey = useRef<string>(newRequestKey());
  const files = Form.useWatch('files', form);
  const parties = (Form.useWatch('parties', { form, preserve: true }) as PartyValues[] | undefined) ?? [];

  useEffect(() => {
    api
      .get<IntakeInfoDto>('/api/public/submissions/intake-info', undefined, { quiet: true })
      .then(setIntake)
      .catch(() => setIntake(null));
  }, []);

  // The applicant is the account holder: its name, kind and phone are filled in (the user may correct them).
  const initialValues: Values = {
    ipType: 'patent',
    disputeType: 'infringementDamages',
    parties: [
      {
        side: 'applicant',
        kind: me?.publicKind === 'person' ? 'person' : 'organization',
        name: me?.displayName.replace(/（演示）$/, '').trim(),
        phone: me?.phone ?? undefined,
      },
      { side: 'respondent', kind: 'organization' },
    ],
    files: [],
    consent: false,
  };

  const buildBody = (v: Values) => portalBody({ ...v, files: evidenceRefs(v.files) });

  const submit = async () => {
    if (sendingRef.current) return;
    let values: Values;
    try {
      await form.validateFields(undefined, { recursive: true });
      values = form.getFieldsValue(true) as Values;
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      return;
    }
    if (evidenceBusy(values.files)) {
      showError(new Error(), '还有材料正在上传，请稍候再提交');
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const receipt = await api.post<MediationReceiptDto>('/api/portal/mediations', buildBody(values), {
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      onDone(receipt);
    } catch (e) {
      if (isApiError(e) && e.code === 'IDEMPOTENCY_CONFLICT') {
        // An earlier attempt under this key was recorded (its answer was lost) and the content has changed since.
        idempotencyKey.current = newRequestKey();
        showError(new Error(), '您此前的一次提交可能已经登记成功（当时未收到回复），之后内容又有修改。请先到“我的裁决与调解”查看；如确需按修改后的内容再次申请，请再点一次“提交申请”。');
      } else if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        const placed = applyServerErrors(form, e, { rename: (name) => (name[0] === 'files' ? ['files'] : name) });
        if (placed) {
          const firstBad = form.getFieldsError().find((f) => f.errors.length > 0);
          if (firstBad) form.scrollToField(firstBad.name, { block: 'center', behavior: 'smooth' });
        }
      } else if (isApiError(e) && (e.status === 0 || e.status >= 500)) {
        // The same request key goes with the retry: if the first attempt was in fact recorded, it is not filed again.
        showError(new Error(), `${e.message.replace(/。$/, '')}。重新提交不会重复登记。`);
      } else {
        showError(e, '提交失败，请稍后再试');
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Card className="zs-form-card">
      <Form<Values> form={form} layout="vertical" requiredMark initialValues={initialValues} onFinish={() => void submit()} scrollToFirstError={false} data-testid="mediation-apply-form">
        <Form.Item name="ipType" label="知识产权类型" rules={[{ required: true, message: '请选择知识产权类型' }]}>
          <Radio.Group optionType="button" className="zs-ip-types" options={(Object.keys(MEDIATION_IP_TYPES) as MediationIpType[]).map((t) => ({ value: t, label: MEDIATION_IP_TYPES[t] }))} />
        </Form.Item>
        <Form.Item name="disputeType" label="纠纷类型" rules={[{ required: true, message: '请选择纠纷类型' }]}>
          <Select options={(Object.keys(DISPUTE_TYPES) as DisputeType[]).map((t) => ({ value: t, label: DISPUTE_TYPES[t] }))} />
        </Form.Item>

        <Form.List name="parties">
          {(fields, { add, remove }, { errors }) => {
            const respondents = fields.filter((f) => parties[f.name]?.side === 'respondent');
            const applicant = fields.find((f) => parties[f.name]?.side === 'applicant') ?? fields[0];
            return (
              <>
                <div className="zma-section">申请人（您）</div>
                {applicant && (
                  <div className="zma-party" data-testid="apply-applicant">
                    <PartyFields form={form} index={applicant.name} phoneRequired />
                  </div>
                )}
                <div className="zma-section">对方当事人（被申请人）</div>
                {respondents.map((f, i) => (
                  <div key={f.key} className="zma-party" data-testid={`apply-respondent-${i}`}>
                    {respondents.length > 1 && (
                      <div className="zma-party-head">
                        <span>被申请人 {i + 1}</span>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                          删除
                        </Button>
                      </div>
                    )}
                    <PartyFields form={form} index={f.name} />
                  </div>
                ))}
                {respondents.length < 5 && (
                  <Button type="dashed" block icon={<PlusOutlined />} className="zs-block" onClick={() => add({ side: 'respondent', kind: 'organization' } satisfies PartyValues)}>
                    再添加一个被申请人
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </>
            );
          }}
        </Form.List>

        <Form.Item
          name="subject"
          label="纠纷事由"
          extra="一句话概括纠纷，如：某某公司与某某厂侵害实用新型专利权纠纷"
          rules={[
            { required: true, whitespace: true, message: '请填写纠纷事由' },
            { min: 2, message: '至少 2 个字' },
            { max: 200, message: '不能超过 200 个字' },
          ]}
        >
          <Input maxLength={200} showCount />
        </Form.Item>
        <Form.Item
          name="claims"
          label="事实与请求"
          extra="纠纷经过、涉及的专利号或商标注册号，以及希望解决的事项（如停止侵权、赔偿损失）"
          rules={[
            { required: true, whitespace: true, message: '请填写申请调解的事项和请求' },
            { min: 5, message: '请至少用 5 个字说明' },
            { max: 5000, message: '不能超过 5000 个字' },
          ]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="amountClaimed" label="请求金额（元）" extra="涉及赔偿、使用费或报酬的填写；没有的不填">
          <InputNumber min={0} precision={2} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item
          name="files"
          label="证据材料"
          validateTrigger={[]}
          rules={[
            {
              validator: async (_r, v: EvidenceFile[] | undefined) => {
                if (evidenceBusy(v)) throw new Error('还有文件正在上传，请稍候');
              },
            },
          ]}
        >
          <EvidenceUpload maxFiles={Math.min(MEDIATION_MAX_FILES, intake?.maxFiles ?? MEDIATION_MAX_FILES)} maxFileBytes={intake?.maxFileBytes ?? null} csrfToken={me?.csrfToken ?? null} />
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[
            {
              validator: async (_r, v) => {
                if (!v) throw new Error('请确认自愿申请调解并保证所填信息真实');
              },
            },
          ]}
        >
          <Checkbox data-testid="mediation-consent">本人自愿申请调解，所填信息和提交的材料真实、准确。</Checkbox>
        </Form.Item>
        <Alert type="info" showIcon className="zs-block" title="您的身份证号码、联系电话加密保存，仅调解工作人员可见。" />
        <div className="zma-submit">
          <Button type="primary" htmlType="submit" size="large" loading={sending} disabled={sending || evidenceBusy(files)} data-testid="mediation-apply-submit">
            {sending ? '正在提交…' : '提交申请'}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function MediationApplyPage() {
  const { me, ready } = usePortalAuth();
  const [receipt, setReceipt] = useState<MediationReceiptDto | null>(null);
  return (
    <div className="zs-page">
      <div className="zs-head">
        <Typography.Title level={2} className="zs-title">
          知识产权纠纷调解申请
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zs-lead">
          专利、商标等知识产权侵权赔偿、权属、许可使用、职务发明奖酬等民事纠纷，可以申请人民调解。{' '}
          <Link to="/disputes">不确定选调解还是行政裁决？</Link>
        </Typography.Paragraph>
      </div>
      {receipt ? (
        <Receipt receipt={receipt} />
      ) : (
        <>
          <Explanation />
          {!ready ? (
            <div className="zma-login">
              <Spin />
            </div>
          ) : me?.kind === 'public' ? (
            <ApplyForm
              key={me.id}
              onDone={(r) => {
                setReceipt(r);
                window.scrollTo(0, 0);
              }}
            />
          ) : (
            <LoginRequired />
          )}
        </>
      )}
    </div>
  );
}
