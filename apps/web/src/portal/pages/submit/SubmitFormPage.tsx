/**
 * 我要投诉 / 我要举报 / 维权援助申请: one form per kind, in four steps (对象 → 事实与证据 → 身份信息 → 确认提交).
 *
 * - Every field is checked in the browser with the same rules as the server (GB 32100 credit code, GB 11643 ID number,
 *   phone), and the server's field errors (details[].path) are put back on the fields, on the step that holds them.
 * - One Idempotency-Key per form session, reused on every retry: a double click or a resend after a lost answer
 *   never files twice. The button is disabled while sending.
 * - After repeated submissions from one address the server asks for the image captcha (CAPTCHA_REQUIRED).
 * - The receipt page is shown only after the server has committed the record and answered with the receipt.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Grid,
  Input,
  Radio,
  Space,
  Steps,
  Switch,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import {
  IP_TYPES,
  IP_TYPE_LIST,
  SUBMISSION_MAX_FILES,
  checkResidentIdNo,
  checkUscc,
  isLandline,
  isMobile,
  normalizeResidentIdNo,
  type IntakeInfoDto,
  type IpType,
  type SubmissionKind,
  type SubmissionReceiptDto,
  type SubmitSubmissionRawInput,
} from '@zhichan/shared';
import { api, isApiError } from '../../../api/client';
import { applyServerErrors } from '../../../api/forms';
import { useSite } from '../../../api/site';
import { showError } from '../../../ui/feedback';
import { chinaToday } from '../../../ui/chinaTime';
import { usePortalAuth } from '../../auth';
import NotFoundPage from '../NotFoundPage';
import { CaptchaInput, useCaptcha } from './CaptchaField';
import { EvidenceUpload, evidenceBusy, evidenceRefs, type EvidenceFile } from './EvidenceUpload';
import { KIND_INFO, RECEIPT_PATH, copyrightReferral, keepReceipt, kindFromPath, newRequestKey } from './intake';
import { RegionCascader, regionNames } from './RegionCascader';
import './submit.css';

type IpChoice = IpType | 'copyright';

interface FormValues {
  ipType?: IpChoice;
  respondent: {
    name?: string;
    uscc?: string;
    address?: string;
    region?: string[];
    online?: boolean;
    shopUrl?: string;
    platform?: string;
  };
  facts?: string;
  requestedOutcome?: string;
  files?: EvidenceFile[];
  anonymous?: boolean;
  forOrganization?: boolean;
  submitter: {
    name?: string;
    phone?: string;
    idNo?: string;
    address?: string;
    email?: string;
    organizationName?: string;
    organizationUscc?: string;
  };
  consentPublication?: boolean;
  consentDelegatedMediation?: boolean;
  captchaAnswer?: string;
  pledge?: boolean;
}

/** The step that holds a form field (by the first part of its name). */
function stepOfField(first: string | number): number {
  if (first === 'ipType' || first === 'respondent') return 0;
  if (first === 'facts' || first === 'requestedOutcome' || first === 'files') return 1;
  if (first === 'anonymous' || first === 'submitter' || first === 'forOrganization' || String(first).startsWith('consent')) return 2;
  return 3;
}

/** Top-level form fields of each step, validated with `recursive` when the user moves on. */
const STEP_FIELDS: (string | number)[][][] = [
  [['ipType'], ['respondent']],
  [['facts'], ['requestedOutcome'], ['files']],
  [['anonymous'], ['forOrganization'], ['submitter'], ['consentPublication'], ['consentDelegatedMediation']],
  [['captchaAnswer'], ['pledge']],
];

const text = (v: string | undefined | null) => (v ?? '').trim();
const orNull = (v: string | undefined | null) => text(v) || null;

// ---------- field rules (the server's rules, checked early) ----------
const usccRule = (optional: boolean): Rule => ({
  validator: async (_r, value: unknown) => {
    const v = text(value as string).toUpperCase();
    if (!v) {
      if (optional) return;
      throw new Error('请填写统一社会信用代码');
    }
    const c = checkUscc(v);
    if (!c.ok) throw new Error(c.message ?? '统一社会信用代码不正确');
  },
});

const phoneRule: Rule = {
  validator: async (_r, value: unknown) => {
    const v = text(value as string);
    if (!v) throw new Error('请填写联系电话');
    if (!isMobile(v) && !isLandline(v)) throw new Error('联系电话应为 11 位手机号，或带区号的固定电话（如 0538-8888888）');
  },
};

const idNoRule: Rule = {
  validator: async (_r, value: unknown) => {
    const v = normalizeResidentIdNo(text(value as string));
    if (!v) throw new Error('请填写身份证号码');
    const c = checkResidentIdNo(v, { today: chinaToday() });
    if (!c.ok) throw new Error(c.message ?? '居民身份证号码不正确，请核对');
  },
};

const urlRule: Rule = {
  validator: async (_r, value: unknown) => {
    const v = text(value as string);
    if (!v) throw new Error('网络经营的请填写店铺或页面网址');
    if (!/^https?:\/\/\S+$/i.test(v)) throw new Error('网址应以 http:// 或 https:// 开头');
  },
};

const regionRule: Rule = {
  validator: async (_r, value: unknown) => {
    const path = (value as string[] | undefined) ?? [];
    const last = path[path.length - 1];
    if (!last) throw new Error('请选择所在区县');
    if (last.length < 6) throw new Error('请选择到县（市、区）一级');
  },
};

/** A display name that is an organisation's, not a person's. */
const ORGANIZATION_NAME = /公司|企业|集团|厂|店|中心|事务所|合作社|研究院|研究所|协会|学会|商会|大学|学院|医院|银行/;

const PLATFORMS = ['淘宝', '天猫', '京东', '拼多多', '抖音', '快手', '小红书', '微信', '闲鱼', '1688', '美团', '其他'];

function StepNav({
  step,
  last,
  onPrev,
  onNext,
  submit,
}: {
  step: number;
  last: boolean;
  onPrev: () => void;
  onNext: () => void;
  submit?: ReactNode;
}) {
  return (
    <div className="zs-step-nav">
      {step > 0 ? <Button onClick={onPrev}>上一步</Button> : <span />}
      {/* Distinct keys: without them React reuses the 下一步 <button> as the submit button while its click is still
          being handled (the step changes in a microtask), so the browser submits the form on arrival at the last step
          and 请阅读并勾选承诺 shows before the user could tick it. */}
      {last ? (
        <span key="submit">{submit}</span>
      ) : (
        <Button key="next" type="primary" onClick={onNext}>
          下一步
        </Button>
      )}
    </div>
  );
}

function SubmitForm({ kind }: { kind: SubmissionKind }) {
  const info = KIND_INFO[kind];
  const site = useSite();
  const { me } = usePortalAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  const [intake, setIntake] = useState<IntakeInfoDto | null>(null);
  const [needCaptcha, setNeedCaptcha] = useState(false);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  // 一次填报一个请求标识：重试、连点都沿用它，服务端据此只登记一次。
  const idempotencyKey = useRef<string>(newRequestKey());
  const captcha = useCaptcha();

  const ipType = Form.useWatch('ipType', form);
  const online = Form.useWatch(['respondent', 'online'], form);
  const anonymous = Form.useWatch('anonymous', form);
  const forOrganization = Form.useWatch('forOrganization', form);
  const files = Form.useWatch('files', form);

  const canBeAnonymous = kind === 'report';
  const askMediation = kind !== 'report';
  const maxFiles = intake?.maxFiles ?? SUBMISSION_MAX_FILES;

  useEffect(() => {
    api
      .get<IntakeInfoDto>('/api/public/submissions/intake-info', undefined, { quiet: true })
      .then((d) => {
        setIntake(d);
        if (d.captchaRequired) setNeedCaptcha(true);
      })
      .catch(() => setIntake(null));
  }, []);

  // A logged-in public user: fill in what the account knows (only empty fields, the user may change them). An
  // enterprise account's name goes to 单位名称 (the contact person's name is not on file), a person's to 姓名; the
  // account's phone to 联系电话. publicKind says which; only a server that does not send it yet falls back to
  // telling an organisation's name by its wording.
  useEffect(() => {
    if (me?.kind !== 'public') return;
    const name = me.displayName.replace(/（演示）$/, '').trim();
    const enterprise = me.publicKind != null ? me.publicKind === 'enterprise' : me.publicKind === undefined && ORGANIZATION_NAME.test(name);
    const fillEmpty = (field: 'name' | 'phone', value: string) => {
      if (!form.getFieldValue(['submitter', field])) form.setFieldValue(['submitter', field], value);
    };
    if (enterprise) {
      if (kind !== 'report' && !form.getFieldValue(['submitter', 'organizationName'])) {
        form.setFieldValue('forOrganization', true);
        form.setFieldValue(['submitter', 'organizationName'], name);
      }
    } else if (name) {
      fillEmpty('name', name);
    }
    if (me.phone) fillEmpty('phone', me.phone);
  }, [me, form, kind]);

  const refreshCaptcha = captcha.refresh;
  useEffect(() => {
    if (needCaptcha && step === 3 && !captcha.captcha && !captcha.loading) void refreshCaptcha();
  }, [needCaptcha, step, captcha.captcha, captcha.loading, refreshCaptcha]);

  const goTo = useCallback(
    (n: number, focus?: (string | number)[]) => {
      setStep(n);
      setTimeout(() => {
        if (focus) form.scrollToField(focus, { block: 'center', behavior: 'smooth', focus: true });
        else document.querySelector('.zs-form-card')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
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

  /** Shows the server's field errors where they belong and opens the step of the first one. */
  const placeServerErrors = (e: unknown) => {
    const placed = applyServerErrors(form, e, {
      rename: (name) => {
        const [a, b] = name;
        if (a === 'respondent' && b === 'regionCode') return ['respondent', 'region'];
        if (a === 'files') return ['files'];
        if (a === 'submitter' && name.length === 1) return ['submitter', 'name'];
        if (a === 'captchaId') return ['captchaAnswer'];
        if (a === 'kind') return null;
        return name;
      },
    });
    if (!placed) return;
    const firstBad = form.getFieldsError().find((f) => f.errors.length > 0);
    if (firstBad) goTo(stepOfField(firstBad.name[0]), firstBad.name);
  };

  const buildBody = (v: FormValues): SubmitSubmissionRawInput => {
    const anon = canBeAnonymous && !!v.anonymous;
    const r = v.respondent;
    const s = v.submitter;
    const region = r.region ?? [];
    const isOnline = !!r.online;
    return {
      kind,
      ipType: v.ipType as IpChoice,
      respondent: {
        name: text(r.name),
        uscc: orNull(r.uscc)?.toUpperCase() ?? null,
        address: orNull(r.address),
        regionCode: region[region.length - 1] ?? '',
        online: isOnline,
        shopUrl: isOnline ? orNull(r.shopUrl) : null,
        platform: isOnline ? orNull(r.platform) : null,
      },
      facts: text(v.facts),
      requestedOutcome: orNull(v.requestedOutcome),
      anonymous: anon,
      submitter: anon
        ? null
        : {
            name: text(s.name),
            phone: text(s.phone),
            idNo: normalizeResidentIdNo(text(s.idNo)),
            address: orNull(s.address),
            email: orNull(s.email),
            organizationName: v.forOrganization ? orNull(s.organizationName) : null,
            organizationUscc: v.forOrganization ? (orNull(s.organizationUscc)?.toUpperCase() ?? null) : null,
          },
      consentPublication: !!v.consentPublication,
      consentDelegatedMediation: askMediation && !!v.consentDelegatedMediation,
      files: evidenceRefs(v.files),
      captchaId: needCaptcha ? (captcha.captcha?.id ?? null) : null,
      captchaAnswer: needCaptcha ? orNull(v.captchaAnswer) : null,
    };
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
    if (evidenceBusy(values.files)) {
      showError(new Error(), '还有证据材料正在上传，请稍候再提交');
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const receipt = await api.post<SubmissionReceiptDto>('/api/portal/submissions', buildBody(values), {
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      keepReceipt(receipt);
      navigate(RECEIPT_PATH, { replace: true, state: { receipt } });
    } catch (e) {
      if (isApiError(e) && (e.code === 'CAPTCHA_REQUIRED' || e.code === 'CAPTCHA_INVALID')) {
        setNeedCaptcha(true);
        await captcha.refresh();
        form.setFields([{ name: 'captchaAnswer', value: '', errors: [e.message] }]);
        goTo(3, ['captchaAnswer']);
      } else if (isApiError(e) && e.code === 'IDEMPOTENCY_CONFLICT') {
        // An earlier attempt under this key was recorded (its answer was lost) and the content has changed since.
        // A new key lets a deliberate resend go through; say so, since it files a second record.
        idempotencyKey.current = newRequestKey();
        showError(new Error(), '您此前的一次提交可能已经登记成功（当时未收到回执），之后内容又有修改。如确需按修改后的内容再次提交，请再点一次“提交”。');
      } else if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        placeServerErrors(e);
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

  const stepTitles = [`${info.other}信息`, '事实与证据', `${info.person}信息`, '确认提交'];
  const ipOptions = useMemo(
    () => [
      ...IP_TYPE_LIST.map((t) => ({ value: t as IpChoice, label: IP_TYPES[t] })),
      { value: 'copyright' as IpChoice, label: '著作权（版权）' },
    ],
    [],
  );

  const hidden = (n: number) => (step === n ? undefined : { display: 'none' });

  return (
    <div className="zs-page">
      <div className="zs-head">
        <Typography.Title level={2} className="zs-title">
          {info.action}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zs-lead">
          {info.summary}。{info.next}{' '}
          <Link to="/submit">不确定选哪一类？</Link>
        </Typography.Paragraph>
      </div>

      <Card className="zs-form-card">
        {narrow ? (
          <div className="zs-step-compact" aria-live="polite">
            <span className="zs-step-count">
              第 {step + 1} 步 / 共 4 步
            </span>
            <span className="zs-step-name">{stepTitles[step]}</span>
            <div className="zs-step-bar">
              <span style={{ width: `${((step + 1) / 4) * 100}%` }} />
            </div>
          </div>
        ) : (
          <Steps current={step} size="small" className="zs-steps" items={stepTitles.map((title) => ({ title }))} />
        )}

        <Form<FormValues>
          form={form}
          layout="vertical"
          requiredMark
          scrollToFirstError={false}
          initialValues={{
            respondent: { online: false },
            submitter: {},
            anonymous: false,
            forOrganization: kind === 'assistanceRequest',
            files: [],
          }}
          onFinish={() => void submit()}
          data-testid="submission-form"
        >
          {/* ───── 1 对象 ───── */}
          <div style={hidden(0)} data-step="respondent">
            <Form.Item
              name="ipType"
              label="知识产权类型"
              rules={[
                { required: true, message: '请选择知识产权类型' },
                {
                  validator: async (_r, v) => {
                    if (v === 'copyright') throw new Error('著作权（版权）事项请向版权管理部门反映，见下方说明');
                  },
                },
              ]}
            >
              <Radio.Group optionType="button" className="zs-ip-types" options={ipOptions} />
            </Form.Item>
            {ipType === 'copyright' && (
              <Alert
                type="warning"
                showIcon
                className="zs-block"
                title="著作权（版权）事项请向版权管理部门反映"
                description={copyrightReferral(site?.cityName)}
              />
            )}
            <Form.Item
              name={['respondent', 'name']}
              label={`${info.other}名称`}
              extra="企业名称、个体工商户字号、网店名称或个人姓名"
              rules={[
                { required: true, whitespace: true, message: `请填写${info.other}名称` },
                { min: 2, message: '至少 2 个字' },
                { max: 200, message: '不能超过 200 个字' },
              ]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['respondent', 'uscc']}
              label="统一社会信用代码"
              extra="选填。18 位，可在营业执照或国家企业信用信息公示系统查到"
              rules={[usccRule(true)]}
              normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
            >
              <Input maxLength={18} autoComplete="off" className="zs-code-input" />
            </Form.Item>
            <Form.Item name={['respondent', 'region']} label="所在地区" rules={[regionRule]} required>
              <RegionCascader />
            </Form.Item>
            <Form.Item name={['respondent', 'address']} label="详细地址" rules={[{ max: 300, message: '不能超过 300 个字' }]}>
              <Input maxLength={300} placeholder="经营场所地址，如知道请填写" />
            </Form.Item>
            <Form.Item name={['respondent', 'online']} label="是否网络经营" valuePropName="checked" extra="在网店、直播间、小程序等网上销售或提供服务的，请打开">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
            {online && (
              <div className="zc-form-row">
                <Form.Item
                  name={['respondent', 'shopUrl']}
                  label="店铺或页面网址"
                  rules={[urlRule]}
                  required
                  className="zs-grow"
                >
                  <Input maxLength={500} placeholder="https://" inputMode="url" />
                </Form.Item>
                <Form.Item
                  name={['respondent', 'platform']}
                  label="平台"
                  rules={[{ required: true, whitespace: true, message: '请填写平台名称' }]}
                  className="zs-platform"
                >
                  <AutoComplete
                    allowClear
                    placeholder="选择或输入"
                    options={PLATFORMS.map((p) => ({ value: p }))}
                    showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
                  />
                </Form.Item>
              </div>
            )}
          </div>

          {/* ───── 2 事实与证据 ───── */}
          <div style={hidden(1)} data-step="facts">
            <Form.Item
              name="facts"
              label="事实与理由"
              extra="请写明发生的时间、地点和经过，涉及的商标注册号、专利号或地理标志名称，商品名称、数量、金额等"
              rules={[
                { required: true, whitespace: true, message: '请填写事实与理由' },
                { min: 10, message: '请至少用 10 个字说明事实与理由' },
                { max: 5000, message: '不能超过 5000 个字' },
              ]}
            >
              <Input.TextArea rows={6} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item
              name="requestedOutcome"
              label={kind === 'report' ? '诉求（选填）' : kind === 'assistanceRequest' ? '需要的帮助（诉求）' : '投诉请求（诉求）'}
              extra={
                kind === 'complaint'
                  ? '例如：要求停止销售侵权商品、退货退款、赔偿损失等'
                  : kind === 'assistanceRequest'
                    ? '例如：维权指导、协调电商平台处理、侵权判定咨询、协助证据收集等'
                    : '希望执法部门如何处理'
              }
              rules={[
                { required: kind !== 'report', whitespace: true, message: '请填写您的诉求' },
                { max: 2000, message: '不能超过 2000 个字' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item
              name="files"
              label="证据材料"
              // Checked when the user moves on or submits, not on every progress tick.
              validateTrigger={[]}
              rules={[
                {
                  validator: async (_r, v: EvidenceFile[] | undefined) => {
                    if (evidenceBusy(v)) throw new Error('还有文件正在上传，请稍候');
                  },
                },
              ]}
            >
              <EvidenceUpload maxFiles={maxFiles} maxFileBytes={intake?.maxFileBytes ?? null} csrfToken={me?.csrfToken ?? null} />
            </Form.Item>
          </div>

          {/* ───── 3 身份信息 ───── */}
          <div style={hidden(2)} data-step="identity">
            {canBeAnonymous && (
              <>
                <Form.Item name="anonymous" label="匿名举报" valuePropName="checked">
                  <Switch checkedChildren="匿名" unCheckedChildren="实名" data-testid="anonymous-switch" />
                </Form.Item>
                {anonymous ? (
                  <Alert
                    type="info"
                    showIcon
                    className="zs-block"
                    title="匿名举报不告知处理结果"
                    description="按照《市场监督管理投诉举报处理暂行办法》第三十一条，实名举报的，执法部门自作出是否立案决定之日起五个工作日内告知举报人；匿名举报的不予告知。请尽量提供具体线索和证据，以便核查。提交后您仍可凭受理编号和查询码查看办理进度。"
                  />
                ) : (
                  <Typography.Paragraph type="secondary" className="zs-hint">
                    实名举报的，执法部门会告知您是否立案。您的身份信息依法保密，不会透露给被举报人（暂行办法 第三十三条）。
                  </Typography.Paragraph>
                )}
              </>
            )}
            {!canBeAnonymous && (
              <Typography.Paragraph type="secondary" className="zs-hint">
                {info.identity}。您的身份信息加密保存，仅承办人员可见。
              </Typography.Paragraph>
            )}
            {!(canBeAnonymous && anonymous) && (
              <>
                <div className="zc-form-row">
                  <Form.Item
                    name={['submitter', 'name']}
                    label="姓名"
                    className="zs-half"
                    rules={[
                      { required: true, whitespace: true, message: '请填写真实姓名' },
                      { min: 2, message: '请填写真实姓名' },
                      { max: 50, message: '不能超过 50 个字' },
                    ]}
                  >
                    <Input maxLength={50} autoComplete="name" />
                  </Form.Item>
                  <Form.Item name={['submitter', 'phone']} label="联系电话" className="zs-half" rules={[phoneRule]} required>
                    <Input maxLength={30} autoComplete="tel" inputMode="tel" />
                  </Form.Item>
                </div>
                <Form.Item
                  name={['submitter', 'idNo']}
                  label="身份证号码"
                  rules={[idNoRule]}
                  required
                  normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
                >
                  <Input maxLength={18} autoComplete="off" className="zs-code-input" />
                </Form.Item>
                <div className="zc-form-row">
                  <Form.Item
                    name={['submitter', 'address']}
                    label="通讯地址"
                    className="zs-grow"
                    rules={[
                      // 暂行办法 第九条: 投诉应当提供投诉人的姓名、电话号码、通讯地址
                      { required: kind === 'complaint', whitespace: true, message: '请填写通讯地址' },
                      { max: 300, message: '不能超过 300 个字' },
                    ]}
                  >
                    <Input maxLength={300} autoComplete="street-address" />
                  </Form.Item>
                  <Form.Item name={['submitter', 'email']} label="电子邮箱（选填）" className="zs-half" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
                    <Input maxLength={200} autoComplete="email" inputMode="email" />
                  </Form.Item>
                </div>
                {kind !== 'report' && (
                  <Form.Item name="forOrganization" valuePropName="checked" className="zs-tight">
                    <Checkbox>代表企业或其他单位提交</Checkbox>
                  </Form.Item>
                )}
                {kind !== 'report' && forOrganization && (
                  <div className="zc-form-row">
                    <Form.Item
                      name={['submitter', 'organizationName']}
                      label="单位名称"
                      className="zs-grow"
                      rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 200, message: '不能超过 200 个字' }]}
                    >
                      <Input maxLength={200} autoComplete="organization" />
                    </Form.Item>
                    <Form.Item
                      name={['submitter', 'organizationUscc']}
                      label="单位统一社会信用代码"
                      className="zs-half"
                      rules={[usccRule(true)]}
                      normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
                    >
                      <Input maxLength={18} autoComplete="off" className="zs-code-input" />
                    </Form.Item>
                  </div>
                )}
              </>
            )}

            <div className="zs-consents">
              <Form.Item
                name="consentPublication"
                label={`是否同意公示${info.noun}信息`}
                extra={`同意的，在去除您的个人信息后，市场监管部门可以依法公开本${info.noun}的处理情况。`}
                rules={[{ required: true, message: '请选择是否同意' }]}
              >
                <Radio.Group options={[{ value: true, label: '同意' }, { value: false, label: '不同意' }]} />
              </Form.Item>
              {askMediation && (
                <Form.Item
                  name="consentDelegatedMediation"
                  label="是否同意委托调解"
                  extra="同意的，市场监管部门可以委托消费者协会、知识产权纠纷人民调解委员会等依法成立的调解组织代为调解（暂行办法 第十七条）。"
                  rules={[{ required: true, message: '请选择是否同意' }]}
                >
                  <Radio.Group options={[{ value: true, label: '同意' }, { value: false, label: '不同意' }]} />
                </Form.Item>
              )}
            </div>
          </div>

          {/* ───── 4 确认提交 ───── */}
          {step === 3 && <Review kind={kind} values={form.getFieldsValue(true) as FormValues} />}
          <div style={hidden(3)} data-step="confirm">
            {needCaptcha && (
              <Form.Item
                name="captchaAnswer"
                label="验证码"
                extra="本网络地址提交较频繁，请输入图片中的字符"
                rules={[{ required: true, whitespace: true, message: '请输入验证码' }]}
              >
                <CaptchaInput
                  captcha={captcha.captcha}
                  loading={captcha.loading}
                  error={captcha.error}
                  onRefresh={() => {
                    form.setFieldValue('captchaAnswer', '');
                    void captcha.refresh();
                  }}
                />
              </Form.Item>
            )}
            <Form.Item
              name="pledge"
              valuePropName="checked"
              rules={[{ validator: async (_r, v) => { if (!v) throw new Error('请阅读并勾选承诺'); } }]}
            >
              <Checkbox data-testid="pledge">
                本人承诺所填信息和提交的材料真实、准确，如有虚假，愿意承担相应的法律责任。
              </Checkbox>
            </Form.Item>
          </div>

          <StepNav
            step={step}
            last={step === 3}
            onPrev={() => goTo(step - 1)}
            onNext={() => void next()}
            submit={
              <Button type="primary" htmlType="submit" loading={sending} disabled={sending || evidenceBusy(files)} data-testid="submit-button">
                {sending ? '正在提交…' : `提交${info.noun}`}
              </Button>
            }
          />
        </Form>
      </Card>
      <Typography.Paragraph type="secondary" className="zs-foot-note">
        提交成功后，页面会显示受理编号和查询码，请妥善保存，凭它们可以在“<Link to="/progress">进度查询</Link>”查看办理情况。
      </Typography.Paragraph>
    </div>
  );
}

function Review({ kind, values }: { kind: SubmissionKind; values: FormValues }) {
  const info = KIND_INFO[kind];
  const r = values.respondent ?? {};
  const s = values.submitter ?? {};
  const anon = kind === 'report' && !!values.anonymous;
  const done = (values.files ?? []).filter((f) => f.status === 'done');
  const yesNo = (v: boolean | undefined) => (v ? '同意' : '不同意');
  return (
    <div className="zs-review" data-testid="submission-review">
      <Typography.Paragraph>请核对以下信息，确认无误后提交。</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 128 } }}>
        <Descriptions.Item label="类型">
          {info.action.replace(/^我要/, '')} · {values.ipType && values.ipType !== 'copyright' ? IP_TYPES[values.ipType] : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={info.other}>
          {r.name}
          {r.uscc ? `（${r.uscc}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="所在地区">{regionNames(r.region ?? []) || '—'}</Descriptions.Item>
        {r.address && <Descriptions.Item label="详细地址">{r.address}</Descriptions.Item>}
        {r.online && (
          <Descriptions.Item label="网络经营">
            {r.platform} {r.shopUrl}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="事实与理由">
          <div className="zs-pre">{values.facts}</div>
        </Descriptions.Item>
        {values.requestedOutcome && (
          <Descriptions.Item label="诉求">
            <div className="zs-pre">{values.requestedOutcome}</div>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="证据材料">{done.length ? done.map((f) => f.name).join('、') : '无'}</Descriptions.Item>
        <Descriptions.Item label={info.person}>
          {anon ? '匿名' : `${s.name ?? ''}，${s.phone ?? ''}${values.forOrganization && s.organizationName ? `，代表${s.organizationName}` : ''}`}
        </Descriptions.Item>
        <Descriptions.Item label="公示">{yesNo(values.consentPublication)}</Descriptions.Item>
        {kind !== 'report' && <Descriptions.Item label="委托调解">{yesNo(values.consentDelegatedMediation)}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}

export default function SubmitFormPage() {
  const { pathname } = useLocation();
  const kind = kindFromPath(pathname);
  if (!kind) return <NotFoundPage />;
  // A new form (and a new request key) per kind.
  return <SubmitForm key={kind} kind={kind} />;
}
