/**
 * The workflow actions of a mediation, one modal each, posted to POST /api/mediations/:id/actions/:action with the row's
 * version (optimistic locking). The server checks the status table and the guards again (回避, the 30-day window for
 * 司法确认, the 确权 block, the court to be informed before 结案); its 409 reason is shown in the modal as it comes.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography, Upload, type FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AGREEMENT_TERM_KINDS,
  MEDIATION_ACTIONS,
  MEDIATION_AGREEMENT_TYPES,
  MEDIATION_PERFORMANCES,
  MEDIATION_RULINGS,
  MEDIATION_TERMINATION_REASONS,
  judicialConfirmationBlock,
  type AgreementTermKind,
  type MediationDetailDto,
  type MediationFileDto,
  type MediationTerminationReason,
  type MediationUserAction,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { notFuture, textOrNull, ymd } from './labels';
import { MediatorPicker, type Assignment } from './MediatorPicker';

export interface ActionModalProps {
  detail: MediationDetailDto;
  onDone: (d: MediationDetailDto) => void;
  onCancel: () => void;
  /** A stale version or a record gone from scope: reload the mediation. */
  onStale: () => void;
}

type Values = Record<string, unknown>;

/** The modal frame: posts `{version, ...toBody(values)}`; field errors go to the fields, a refusal (409) into the modal. */
function ActionModal({
  action,
  props,
  form,
  toBody,
  initialValues,
  width = 560,
  okText,
  children,
  beforeSend,
}: {
  action: MediationUserAction;
  props: ActionModalProps;
  form: FormInstance;
  toBody: (v: Values) => Values;
  initialValues?: Values;
  width?: number;
  okText?: string;
  children: ReactNode;
  /** Runs before the request (e.g. uploads the signed minutes) and may add to the body. */
  beforeSend?: () => Promise<Values>;
}) {
  const { detail, onDone, onCancel, onStale } = props;
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async () => {
    setSending(true);
    setRefusal(null);
    try {
      const extra = beforeSend ? await beforeSend() : {};
      const body = { version: detail.version, ...toBody(form.getFieldsValue(true) as Values), ...extra };
      const d = await api.post<MediationDetailDto>(`/api/mediations/${detail.id}/actions/${action}`, body);
      showSuccess(`已${MEDIATION_ACTIONS[action]}`);
      onDone(d);
    } catch (e) {
      if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'NOT_FOUND')) {
        showError(e);
        onStale();
      } else if (isApiError(e) && e.status === 409) {
        // 回避, 司法确认期限, 确权协议, 未反馈法院 …: the server says why.
        setRefusal(e.message);
      } else {
        applyServerErrors(form, e);
      }
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={`${MEDIATION_ACTIONS[action]} · ${detail.mediationNo}`}
      okText={okText ?? '确定'}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
      width={width}
    >
      {refusal && <Alert className="zm-block" type="error" showIcon title={refusal} data-testid="action-refusal" />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit()} data-testid={`action-form-${action}`}>
        {children}
      </Form>
    </Modal>
  );
}

const required = (message: string) => [{ required: true, whitespace: true, message }];
const DateField = ({ name, label, extra, allowFuture }: { name: string; label: string; extra?: ReactNode; allowFuture?: boolean }) => (
  <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker disabledDate={allowFuture ? undefined : notFuture} style={{ width: '100%' }} />
  </Form.Item>
);
const today = () => dayjs();
const d = (v: unknown) => ymd(v as Dayjs | undefined) ?? null;
const t = textOrNull;

const mediatorsRule = {
  validator: async (_r: unknown, v: Assignment[] | undefined) => {
    if (!v || v.length === 0) throw new Error('请指派调解员');
    if (v.filter((a) => a.role === 'chief').length !== 1) throw new Error('请指定一名（且仅一名）主持调解员');
  },
};

// ---------- 受理、不予调解、指派 ----------

export function AcceptModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="accept"
      props={props}
      form={form}
      width={880}
      okText="受理并指派"
      initialValues={{ acceptedOn: today(), mediators: [] }}
      toBody={(v) => ({ acceptedOn: d(v.acceptedOn), mediators: v.mediators, note: t(v.note) })}
    >
      <Alert
        className="zm-block"
        type="info"
        showIcon
        title="双方当事人同意调解的，予以受理；当事人一方明确拒绝调解的，不得调解（人民调解法 第十七条），请改用“不予调解”。"
      />
      <DateField name="acceptedOn" label="受理日期" />
      <Form.Item name="mediators" label="调解员" rules={[mediatorsRule]} required>
        <MediatorPicker mediationId={props.detail.id} />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={1000} placeholder="如 双方当事人均同意调解，被申请人于某日电话确认" />
      </Form.Item>
    </ActionModal>
  );
}

export function RefuseModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="refuse"
      props={props}
      form={form}
      initialValues={{ refusedOn: today() }}
      toBody={(v) => ({ refusedOn: d(v.refusedOn), reason: t(v.reason) })}
    >
      <Alert className="zm-block" type="info" showIcon title="当事人一方明确拒绝调解的，不得调解（人民调解法 第十七条）。请告知申请人可以依法通过仲裁、行政、司法等途径维护权利。" />
      <DateField name="refusedOn" label="决定日期" />
      <Form.Item name="reason" label="不予调解的理由" rules={required('请填写不予调解的理由')}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如 被申请人明确表示拒绝调解" />
      </Form.Item>
    </ActionModal>
  );
}

export function AssignMediatorsModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="assignMediators"
      props={props}
      form={form}
      width={880}
      okText="确定变更"
      initialValues={{ mediators: [] }}
      toBody={(v) => ({ mediators: v.mediators, reason: t(v.reason) })}
    >
      <Form.Item name="mediators" label="调解员" rules={[mediatorsRule]} required>
        <MediatorPicker mediationId={props.detail.id} />
      </Form.Item>
      <Form.Item name="reason" label="变更理由">
        <Input maxLength={500} placeholder="如 当事人申请更换调解员、原调解员回避" />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 调解记录、延长 ----------

export function RecordSessionModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<{ file: File; id: number } | null>(null);
  const online = Form.useWatch('online', form) as boolean | undefined;
  return (
    <ActionModal
      action="recordSession"
      props={props}
      form={form}
      width={680}
      okText="保存记录"
      initialValues={{ heldOn: today(), online: false, attendees: props.detail.mediators.map((m) => `${m.name}（${m.roleLabel}）`).join('、') || undefined }}
      toBody={(v) => ({ heldOn: d(v.heldOn), place: t(v.place), online: !!v.online, attendees: t(v.attendees), minutes: t(v.minutes) })}
      beforeSend={async () => {
        if (!file) return { fileId: null };
        // Upload the signed minutes once; a retry after a refused save reuses the same file.
        if (uploaded && uploaded.file === file) return { fileId: uploaded.id };
        const f = await api.upload<MediationFileDto>(`/api/mediations/${props.detail.id}/files`, file, file.name);
        setUploaded({ file, id: f.id });
        return { fileId: f.id };
      }}
    >
      <Typography.Paragraph type="secondary">人民调解员应当记录调解情况（人民调解法 第二十七条）。</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <DateField name="heldOn" label="调解日期" />
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="online" label="调解方式" valuePropName="checked">
            <Switch checkedChildren="在线调解" unCheckedChildren="现场调解" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="place" label={online ? '在线调解平台' : '调解地点'} rules={required(online ? '请填写在线调解平台名称' : '请填写调解地点')}>
        <Input maxLength={200} placeholder={online ? '如 人民法院调解平台' : '如 市知识产权纠纷人民调解委员会调解室'} />
      </Form.Item>
      <Form.Item name="attendees" label="参加人" rules={required('请填写参加人')}>
        <Input.TextArea rows={2} maxLength={1000} placeholder="调解员、双方当事人及其代理人" />
      </Form.Item>
      <Form.Item name="minutes" label="调解笔录" rules={required('请填写调解笔录')}>
        <Input.TextArea rows={6} maxLength={10000} showCount placeholder="双方陈述、争议焦点、调解员的意见、各方的意向" />
      </Form.Item>
      <Form.Item label="签字笔录扫描件" extra="选填；PDF 或图片">
        <Upload
          maxCount={1}
          accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.doc,.docx"
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Typography.Link>
            <UploadOutlined /> 选择文件
          </Typography.Link>
        </Upload>
      </Form.Item>
    </ActionModal>
  );
}

export function ExtendModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const p = props.detail.courtPeriod;
  return (
    <ActionModal
      action="extend"
      props={props}
      form={form}
      okText="延长"
      initialValues={{ agreedOn: today(), days: 15 }}
      toBody={(v) => ({ days: v.days, agreedOn: d(v.agreedOn), note: t(v.note) })}
    >
      <Alert
        className="zm-block"
        type="info"
        showIcon
        title={`委派、委托调解的期限经双方当事人同意可以延长（特邀调解规定 第二十七条）。${p?.dueOn ? `当前届满日 ${fmtDate(p.dueOn)}` : ''}${p && p.extendedDays > 0 ? `，已延长 ${p.extendedDays} 日` : ''}。`}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="days" label="延长天数" rules={[{ required: true, message: '请填写延长天数' }]}>
            <InputNumber min={1} max={90} precision={0} suffix="日" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <DateField name="agreedOn" label="双方同意日期" />
        </Col>
      </Row>
      <Form.Item name="note" label="说明">
        <Input maxLength={500} placeholder="如 双方当事人书面同意延长调解期限，已告知法院" />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 协议、终止 ----------

export function AgreementModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const formKind = Form.useWatch('form', form) as 'written' | 'oral' | undefined;
  const termKinds = (Form.useWatch('termKinds', form) as AgreementTermKind[] | undefined) ?? [];
  const block = useMemo(() => judicialConfirmationBlock(termKinds, props.detail.disputeType), [termKinds, props.detail.disputeType]);
  return (
    <ActionModal
      action="reachAgreement"
      props={props}
      form={form}
      width={720}
      okText="登记协议"
      initialValues={{ form: 'written', effectiveOn: today(), termKinds: [] }}
      toBody={(v) => ({
        form: v.form,
        terms: t(v.terms),
        termKinds: v.termKinds ?? [],
        amount: typeof v.amount === 'number' ? v.amount : null,
        effectiveOn: d(v.effectiveOn),
        performanceDueOn: d(v.performanceDueOn),
      })}
    >
      <Form.Item name="form" label="协议形式" rules={[{ required: true, message: '请选择协议形式' }]}>
        <Radio.Group optionType="button" options={(['written', 'oral'] as const).map((k) => ({ value: k, label: MEDIATION_AGREEMENT_TYPES[k] }))} />
      </Form.Item>
      <DateField
        name="effectiveOn"
        label="协议生效日期"
        extra={
          formKind === 'oral'
            ? '口头调解协议自各方当事人达成协议之日起生效（人民调解法 第三十条），调解员应当记录协议内容。'
            : '调解协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（人民调解法 第二十九条）。'
        }
      />
      <Form.Item name="termKinds" label="协议事项" rules={[{ required: true, type: 'array', min: 1, message: '请选择协议事项类别' }]}>
        <Checkbox.Group options={(Object.keys(AGREEMENT_TERM_KINDS) as AgreementTermKind[]).map((k) => ({ value: k, label: AGREEMENT_TERM_KINDS[k] }))} />
      </Form.Item>
      <Form.Item name="terms" label="协议内容" rules={required('请填写协议内容')} extra="当事人达成的协议内容，履行的方式、期限（人民调解法 第二十九条）">
        <Input.TextArea rows={6} maxLength={10000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="amount"
            label="协议金额（元）"
            rules={[
              {
                validator: async (_r, v) => {
                  if (termKinds.includes('compensation') && !(typeof v === 'number' && v > 0)) throw new Error('约定支付赔偿金的，请填写协议金额');
                },
              },
            ]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="performanceDueOn" label="履行期限">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      {block ? (
        <Alert type="warning" showIcon title="该协议不能申请司法确认" description={block} data-testid="agreement-block" />
      ) : (
        <Alert type="info" showIcon title="协议生效后，双方当事人认为有必要的，可以自生效之日起三十日内共同向人民法院申请司法确认（人民调解法 第三十三条）。" />
      )}
    </ActionModal>
  );
}

export function TerminateModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const court = props.detail.courtPeriod;
  return (
    <ActionModal
      action="terminate"
      props={props}
      form={form}
      okText="终止调解"
      initialValues={{ terminatedOn: today(), reasonCode: court && court.state === 'overdue' ? 'expired' : 'noAgreement' }}
      toBody={(v) => ({ terminatedOn: d(v.terminatedOn), reasonCode: v.reasonCode, reason: t(v.reason) })}
    >
      <Alert
        className="zm-block"
        type="info"
        showIcon
        title="调解不成的，应当终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（人民调解法 第二十六条）。"
      />
      <DateField name="terminatedOn" label="终止日期" />
      <Form.Item name="reasonCode" label="终止原因" rules={[{ required: true, message: '请选择终止原因' }]}>
        <Select options={(Object.keys(MEDIATION_TERMINATION_REASONS) as MediationTerminationReason[]).map((k) => ({ value: k, label: MEDIATION_TERMINATION_REASONS[k] }))} />
      </Form.Item>
      <Form.Item name="reason" label="具体说明">
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 司法确认、履行 ----------

export function ApplyConfirmationModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const c = props.detail.confirmation;
  const appliedOn = Form.useWatch('appliedOn', form) as Dayjs | undefined;
  const late = !!(c.windowDueOn && appliedOn && appliedOn.format('YYYY-MM-DD') > c.windowDueOn);
  return (
    <ActionModal
      action="applyConfirmation"
      props={props}
      form={form}
      okText="登记申请"
      initialValues={{ appliedOn: today(), court: props.detail.courtName ?? undefined }}
      toBody={(v) => ({ appliedOn: d(v.appliedOn), court: t(v.court), caseNo: t(v.caseNo) })}
    >
      <Alert
        className="zm-block"
        type={late ? 'error' : 'info'}
        showIcon
        title={
          late
            ? `申请日期已超过三十日的申请期限（${fmtDate(c.windowDueOn)} 届满），人民法院不予受理。`
            : `双方当事人应当自调解协议生效之日起三十日内共同申请司法确认（人民调解法 第三十三条；民事诉讼法 第二百零五条）${c.windowDueOn ? `，${fmtDate(c.windowDueOn)} 届满` : ''}。`
        }
      />
      <DateField name="appliedOn" label="共同申请日期" />
      <Form.Item
        name="court"
        label="受理申请的人民法院"
        rules={required('请填写受理司法确认申请的人民法院')}
        extra="委派调解的，向作出委派的人民法院提出；其他的，向当事人住所地、标的物所在地或调解组织所在地的基层人民法院提出（民事诉讼法 第二百零五条）"
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="caseNo" label="法院案号" extra="法院已立案的填写">
        <Input maxLength={60} className="zc-mono" />
      </Form.Item>
    </ActionModal>
  );
}

export function RulingModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const ruling = Form.useWatch('ruling', form) as 'confirmed' | 'rejected' | undefined;
  return (
    <ActionModal
      action="recordRuling"
      props={props}
      form={form}
      okText="登记裁定"
      initialValues={{ ruling: 'confirmed', rulingOn: today(), caseNo: props.detail.confirmation.caseNo ?? undefined }}
      toBody={(v) => ({ ruling: v.ruling, rulingOn: d(v.rulingOn), caseNo: t(v.caseNo), note: t(v.note) })}
    >
      <Form.Item name="ruling" label="裁定结果" rules={[{ required: true, message: '请选择裁定结果' }]}>
        <Radio.Group optionType="button" options={(['confirmed', 'rejected'] as const).map((k) => ({ value: k, label: MEDIATION_RULINGS[k] }))} />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        {ruling === 'rejected'
          ? '人民法院裁定驳回申请的，当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼（民事诉讼法 第二百零六条）。'
          : '人民法院裁定调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行（民事诉讼法 第二百零六条）。'}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <DateField name="rulingOn" label="裁定日期" />
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="caseNo" label="司法确认案号" rules={required('请填写司法确认案号')}>
            <Input maxLength={60} className="zc-mono" placeholder="如 （2026）鲁0902民特12号" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export function PerformanceModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const due = props.detail.agreement?.performanceDueOn;
  return (
    <ActionModal
      action="recordPerformance"
      props={props}
      form={form}
      okText="登记"
      initialValues={{ performance: 'performed', on: today() }}
      toBody={(v) => ({ performance: v.performance, on: d(v.on), note: t(v.note) })}
    >
      <Typography.Paragraph type="secondary">
        人民调解委员会应当对调解协议的履行情况进行监督，督促当事人履行约定的义务（人民调解法 第三十一条）。{due ? `协议约定的履行期限：${fmtDate(due)}。` : ''}
      </Typography.Paragraph>
      <Form.Item name="performance" label="履行情况" rules={[{ required: true, message: '请选择履行情况' }]}>
        <Radio.Group optionType="button" options={(['performed', 'partlyPerformed', 'notPerformed'] as const).map((k) => ({ value: k, label: MEDIATION_PERFORMANCES[k] }))} />
      </Form.Item>
      <DateField name="on" label="登记日期" />
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={3} maxLength={1000} placeholder="如 被申请人已于某日支付赔偿金 5 万元；未履行的，告知申请人可以申请强制执行或者起诉" />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 反馈法院、结案 ----------

export function InformCourtModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const x = props.detail;
  return (
    <ActionModal
      action="informCourt"
      props={props}
      form={form}
      okText="登记反馈"
      initialValues={{ informedOn: today() }}
      toBody={(v) => ({ informedOn: d(v.informedOn), note: t(v.note) })}
    >
      <Typography.Paragraph>
        向 {x.courtName ?? '委派（委托）法院'}
        {x.courtCaseNo ? `（${x.courtCaseNo}）` : ''}反馈调解结果：<Typography.Text strong>{x.statusLabel}</Typography.Text>。
      </Typography.Paragraph>
      <DateField name="informedOn" label="反馈日期" />
      <Form.Item name="note" label="反馈内容" extra="如 已将调解协议书、调解笔录移送法院；调解不成的，说明原因并退回材料">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export function CloseModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="close"
      props={props}
      form={form}
      okText="结案"
      initialValues={{ closedOn: today() }}
      toBody={(v) => ({ closedOn: d(v.closedOn), note: t(v.note) })}
    >
      {props.detail.courtName && !props.detail.courtInformedOn && (
        <Alert className="zm-block" type="warning" showIcon title={`法院移送的调解，须先向${props.detail.courtName}反馈调解结果，才能结案。`} />
      )}
      <Typography.Paragraph type="secondary">结案后，调解登记、调解记录、调解协议书等材料立卷归档（人民调解法 第二十七条）。</Typography.Paragraph>
      <DateField name="closedOn" label="结案日期" />
      <Form.Item name="note" label="结案说明">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

/** The modal of an action. */
export function modalFor(action: MediationUserAction): ((p: ActionModalProps) => ReactNode) | null {
  switch (action) {
    case 'accept':
      return AcceptModal;
    case 'refuse':
      return RefuseModal;
    case 'assignMediators':
      return AssignMediatorsModal;
    case 'recordSession':
      return RecordSessionModal;
    case 'extend':
      return ExtendModal;
    case 'reachAgreement':
      return AgreementModal;
    case 'terminate':
      return TerminateModal;
    case 'applyConfirmation':
      return ApplyConfirmationModal;
    case 'recordRuling':
      return RulingModal;
    case 'recordPerformance':
      return PerformanceModal;
    case 'informCourt':
      return InformCourtModal;
    case 'close':
      return CloseModal;
    default:
      return null;
  }
}
