/**
 * The workflow actions of a case, one modal each. Every request carries the case's row version (optimistic locking);
 * the server checks the status table, the dates and the statutory limits again (fine caps: the same pure check from
 * packages/shared runs here as the officer types).
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography, Upload, type FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CASE_ACTION_PATHS,
  CASE_ACTIONS,
  CASE_DECISIONS,
  CASE_EVIDENCE_KIND_LIST,
  CASE_EVIDENCE_KINDS,
  CASE_MEASURE_KIND_LIST,
  CASE_MEASURES,
  CASE_PENALTY_KIND_LIST,
  CASE_PENALTY_KINDS,
  DECISION_CHANGE_BASES,
  DECISION_CHANGE_BASIS_LIST,
  NO_PENALTY_REASON_LIST,
  NO_PENALTY_REASONS,
  SERVICE_METHOD_HINTS,
  SERVICE_METHOD_LIST,
  SERVICE_METHODS,
  checkPenalty,
  formatYuan,
  type CaseAction,
  type CaseDecisionKind,
  type CaseDetailDto,
  type CaseMeasureDto,
  type CasePenaltyKind,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';
import { notFuture, ymd } from './labels';

export interface ActionModalProps {
  detail: CaseDetailDto;
  onDone: (d: CaseDetailDto) => void;
  onCancel: () => void;
  /** A stale version or a status that moved on: reload the case. */
  onStale: () => void;
}

type Values = Record<string, unknown>;

/** The modal frame: posts `{version, ...toBody(values)}` to the action's URL and shows the server's field errors in place. */
function ActionModal({
  action,
  props,
  form,
  toBody,
  initialValues,
  width = 560,
  okText,
  children,
  multipart,
}: {
  action: Exclude<CaseAction, 'file'>;
  props: ActionModalProps;
  form: FormInstance;
  toBody: (v: Values) => Values;
  initialValues?: Values;
  width?: number;
  okText?: string;
  children: ReactNode;
  /** Sends multipart/form-data (fields first, then the file). */
  multipart?: (v: Values) => FormData;
}) {
  const { detail, onDone, onCancel, onStale } = props;
  const [sending, setSending] = useState(false);
  const submit = async (v: Values) => {
    setSending(true);
    try {
      const url = `/api/cases/${detail.id}/${CASE_ACTION_PATHS[action]}`;
      const d = multipart ? await api.post<CaseDetailDto>(url, multipart(v)) : await api.post<CaseDetailDto>(url, { version: detail.version, ...toBody(v) });
      showSuccess(`已${CASE_ACTIONS[action]}`);
      onDone(d);
    } catch (e) {
      if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'NOT_FOUND')) {
        showError(e);
        onStale();
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
      title={`${CASE_ACTIONS[action]} · ${detail.caseNo}`}
      okText={okText ?? '确定'}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
      width={width}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} data-testid={`action-form-${action}`}>
        {children}
      </Form>
    </Modal>
  );
}

const required = (message: string) => [{ required: true, whitespace: true, message }];
const DateField = ({ name, label }: { name: string; label: string }) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
  </Form.Item>
);
const today = () => dayjs();
const d = (v: unknown) => ymd(v as Dayjs | undefined);
const t = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const n = (v: unknown) => (typeof v === 'number' ? v : null);

// ---------- 证据、措施 ----------

export function EvidenceModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  return (
    <ActionModal
      action="registerEvidence"
      props={props}
      form={form}
      okText="登记"
      toBody={() => ({})}
      initialValues={{ collectedOn: today(), kind: 'documentary' }}
      multipart={(v) => {
        const fd = new FormData();
        fd.append('version', String(props.detail.version));
        fd.append('kind', String(v.kind));
        fd.append('title', String(v.title ?? ''));
        fd.append('collectedOn', d(v.collectedOn) ?? '');
        fd.append('collectedBy', String(v.collectedBy ?? ''));
        if (t(v.note)) fd.append('note', String(v.note));
        if (file) fd.append('file', file, file.name);
        return fd;
      }}
    >
      <Form.Item name="kind" label="证据种类" extra="行政处罚法 第四十六条" rules={[{ required: true, message: '请选择证据种类' }]}>
        <Select options={CASE_EVIDENCE_KIND_LIST.map((k) => ({ value: k, label: CASE_EVIDENCE_KINDS[k] }))} />
      </Form.Item>
      <Form.Item name="title" label="证据名称" rules={required('请填写证据名称')}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <DateField name="collectedOn" label="取证日期" />
        </Col>
        <Col span={12}>
          <Form.Item name="collectedBy" label="取证人" rules={required('请填写取证人')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="证明事项或说明">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item label="证据文件" extra="图片、PDF、Word、Excel、音视频；可不上传（如实物证据另行保管）">
        <Upload
          maxCount={1}
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

export function StartMeasureModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as keyof typeof CASE_MEASURES | undefined;
  return (
    <ActionModal
      action="startMeasure"
      props={props}
      form={form}
      initialValues={{ startedOn: today(), kind: 'evidencePreservation' }}
      toBody={(v) => ({ kind: v.kind, startedOn: d(v.startedOn), items: v.items, approval: t(v.approval), note: t(v.note) })}
    >
      <Form.Item name="kind" label="措施" rules={[{ required: true, message: '请选择措施' }]} extra={kind ? CASE_MEASURES[kind].basis : undefined}>
        <Select options={CASE_MEASURE_KIND_LIST.map((k) => ({ value: k, label: CASE_MEASURES[k].label }))} />
      </Form.Item>
      <DateField name="startedOn" label="开始日期" />
      <Form.Item name="items" label="涉及物品或事项" rules={required('请填写涉及的物品或事项')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {(kind === 'evidencePreservation' || kind === 'seizure') && (
        <Form.Item name="approval" label="负责人批准" extra="先行登记保存、查封扣押须经行政机关负责人批准">
          <Input maxLength={200} placeholder="如 经局长张某某批准" />
        </Form.Item>
      )}
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export function EndMeasureModal(props: ActionModalProps & { measure: CaseMeasureDto }) {
  const [form] = Form.useForm();
  const rule = CASE_MEASURES[props.measure.kind];
  return (
    <ActionModal
      action="endMeasure"
      props={props}
      form={form}
      initialValues={{ endedOn: today() }}
      toBody={(v) => ({ measureId: props.measure.id, endedOn: d(v.endedOn), outcome: v.outcome })}
    >
      <Typography.Paragraph>
        {rule.label}（{props.measure.startedOn} 起）：{props.measure.items}
      </Typography.Paragraph>
      <DateField name="endedOn" label={`${rule.endLabel}日期`} />
      <Form.Item name="outcome" label={rule.endLabel} rules={required('请填写处理决定或结果')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 中止、恢复、调查终结、法制审核 ----------

function SimpleModal({
  action,
  props,
  dateName,
  dateLabel,
  textName,
  textLabel,
  textRequired = true,
  extraFields,
  hint,
}: {
  action: Exclude<CaseAction, 'file'>;
  props: ActionModalProps;
  dateName: string;
  dateLabel: string;
  textName: string;
  textLabel: string;
  textRequired?: boolean;
  extraFields?: ReactNode;
  hint?: ReactNode;
}) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action={action}
      props={props}
      form={form}
      initialValues={{ [dateName]: today() }}
      toBody={(v) => {
        const out: Values = { [dateName]: d(v[dateName]), [textName]: textRequired ? v[textName] : t(v[textName]) };
        for (const [k, val] of Object.entries(v)) if (!(k in out)) out[k] = typeof val === 'string' ? t(val) : val;
        return out;
      }}
    >
      {hint}
      <DateField name={dateName} label={dateLabel} />
      <Form.Item name={textName} label={textLabel} rules={textRequired ? required(`请填写${textLabel}`) : []}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      {extraFields}
    </ActionModal>
  );
}

export const SuspendModal = (p: ActionModalProps) => (
  <SimpleModal
    action="suspend"
    props={p}
    dateName="suspendedOn"
    dateLabel="中止日期"
    textName="reason"
    textLabel="中止理由"
    hint={<Alert className="zk-block" type="info" showIcon title="中止期间不计入办案期限；如商标权属存在争议或权利人已向人民法院起诉的，可以中止案件的查处（商标法 第六十二条第三款）。" />}
    extraFields={
      <Form.Item name="basis" label="中止依据">
        <Input maxLength={200} placeholder="如 商标法 第六十二条第三款" />
      </Form.Item>
    }
  />
);
export const ResumeModal = (p: ActionModalProps) => <SimpleModal action="resume" props={p} dateName="resumedOn" dateLabel="恢复日期" textName="note" textLabel="恢复说明" textRequired={false} />;
export const ConcludeModal = (p: ActionModalProps) => (
  <SimpleModal
    action="conclude"
    props={p}
    dateName="concludedOn"
    dateLabel="调查终结日期"
    textName="report"
    textLabel="调查终结报告"
    hint={<Alert className="zk-block" type="info" showIcon title="调查终结后提交法制审核，审核期限十个工作日（市场监督管理行政处罚程序规定）。本系统对普通程序案件一律进行法制审核（行政处罚法 第五十八条）。" />}
    extraFields={
      <Form.Item name="proposal" label="拟处理意见">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    }
  />
);
export const PassReviewModal = (p: ActionModalProps) => <SimpleModal action="passReview" props={p} dateName="reviewedOn" dateLabel="审核日期" textName="opinion" textLabel="审核意见" />;
export const ReturnReviewModal = (p: ActionModalProps) => <SimpleModal action="returnReview" props={p} dateName="reviewedOn" dateLabel="审核日期" textName="opinion" textLabel="退回意见（需补充调查的事项）" />;
export const DiscussModal = (p: ActionModalProps) => (
  <SimpleModal
    action="collectiveDiscuss"
    props={p}
    dateName="discussedOn"
    dateLabel="讨论日期"
    textName="conclusion"
    textLabel="讨论结论"
    hint={<Alert className="zk-block" type="info" showIcon title="对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（行政处罚法 第五十七条第二款）。" />}
    extraFields={
      <Form.Item name="participants" label="参加讨论的负责人" rules={required('请填写参加讨论的负责人')}>
        <Input maxLength={500} />
      </Form.Item>
    }
  />
);

// ---------- 处罚内容 with the statutory check ----------

function PenaltyFields({ detail, form, summaryLabel }: { detail: CaseDetailDto; form: FormInstance; summaryLabel: string }) {
  const v = Form.useWatch([], form) as Values | undefined;
  const kinds = (v?.penaltyKinds as CasePenaltyKind[] | undefined) ?? [];
  const check = useMemo(
    () =>
      checkPenalty({
        caseType: detail.caseType,
        procedure: detail.procedure,
        partyKind: detail.party.kind,
        penaltyKinds: kinds,
        fineAmount: n(v?.fineAmount),
        confiscatedAmount: n(v?.confiscatedAmount),
        illegalTurnover: n(v?.illegalTurnover),
        illegalGains: n(v?.illegalGains),
        repeatWithin5Years: !!v?.repeatWithin5Years,
        decisionSummary: (v?.summary as string) ?? '',
      }),
    [v, kinds, detail],
  );
  return (
    <>
      <Form.Item name="penaltyKinds" label="处罚种类" rules={[{ required: true, message: '请选择处罚种类' }]}>
        <Checkbox.Group options={CASE_PENALTY_KIND_LIST.map((k) => ({ value: k, label: CASE_PENALTY_KINDS[k] }))} />
      </Form.Item>
      <Row gutter={16}>
        {detail.caseType === 'trademarkInfringement' && (
          <Col span={12}>
            <Form.Item name="illegalTurnover" label="违法经营额（元）">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {detail.caseType === 'patentCounterfeiting' && (
          <Col span={12}>
            <Form.Item name="illegalGains" label="违法所得（元）">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        <Col span={12}>
          <Form.Item name="fineAmount" label="罚款（元）" extra={check.limit ? `法定上限 ${formatYuan(check.limit.maxFine)}（${check.limit.basis}：${check.limit.explanation}）` : undefined}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} disabled={!kinds.includes('fine')} data-testid="fine-amount" />
          </Form.Item>
        </Col>
        {kinds.includes('confiscateGains') && (
          <Col span={12}>
            <Form.Item name="confiscatedAmount" label="没收违法所得（元）">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {detail.caseType === 'trademarkInfringement' && (
          <Col span={12}>
            <Form.Item name="repeatWithin5Years" valuePropName="checked" label=" ">
              <Checkbox>五年内两次以上商标侵权（应当从重处罚）</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="summary" label={summaryLabel} rules={required(`请填写${summaryLabel}`)}>
        <Input.TextArea rows={3} maxLength={3000} showCount />
      </Form.Item>
      {check.ok ? (
        <Alert className="zk-block" type="success" showIcon title={`符合法定处罚幅度${check.published ? '；作出决定后二十个工作日内公示（总局令第45号 第九条）' : ''}`} data-testid="penalty-check" />
      ) : (
        <Alert className="zk-block" type="error" showIcon title="不符合法定处罚幅度" description={check.issues.map((i) => i.message).join('；')} data-testid="penalty-check" />
      )}
      {check.notes.length > 0 && <Alert className="zk-block" type="warning" showIcon title={check.notes.join('；')} />}
    </>
  );
}

const penaltyBody = (v: Values) => ({
  penaltyKinds: v.penaltyKinds ?? [],
  fineAmount: (v.penaltyKinds as string[] | undefined)?.includes('fine') ? n(v.fineAmount) : null,
  confiscatedAmount: (v.penaltyKinds as string[] | undefined)?.includes('confiscateGains') ? n(v.confiscatedAmount) : null,
  ...(v.illegalTurnover !== undefined ? { illegalTurnover: n(v.illegalTurnover) } : {}),
  ...(v.illegalGains !== undefined ? { illegalGains: n(v.illegalGains) } : {}),
  ...(v.repeatWithin5Years !== undefined ? { repeatWithin5Years: !!v.repeatWithin5Years } : {}),
  summary: t(v.summary),
});

const penaltyInitial = (detail: CaseDetailDto) => ({
  illegalTurnover: detail.illegalTurnover ?? undefined,
  illegalGains: detail.illegalGains ?? undefined,
  repeatWithin5Years: detail.repeatWithin5Years,
});

export function NotifyModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="notify"
      props={props}
      form={form}
      width={720}
      initialValues={{ noticeOn: today(), hearingRight: true, penaltyKinds: ['fine'], ...penaltyInitial(props.detail) }}
      toBody={(v) => ({ noticeOn: d(v.noticeOn), hearingRight: !!v.hearingRight, ...penaltyBody(v) })}
    >
      <Alert
        className="zk-block"
        type="info"
        showIcon
        title="告知当事人拟作出的行政处罚内容及事实、理由、依据，以及陈述、申辩、要求听证的权利（行政处罚法 第四十四条）。当事人要求听证的，应当在告知后五个工作日内提出（第六十四条）。"
      />
      <DateField name="noticeOn" label="告知日期" />
      <PenaltyFields detail={props.detail} form={form} summaryLabel="拟作出的行政处罚内容及事实、理由、依据" />
      <Form.Item name="hearingRight" valuePropName="checked">
        <Checkbox>已告知当事人有要求听证的权利（较大数额罚款等，第六十三条）</Checkbox>
      </Form.Item>
    </ActionModal>
  );
}

export function StatementModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="recordStatement"
      props={props}
      form={form}
      initialValues={{ statedOn: today(), adopted: false, waivesHearing: false }}
      toBody={(v) => ({ statedOn: d(v.statedOn), content: v.content, adopted: !!v.adopted, review: t(v.review), waivesHearing: !!v.waivesHearing })}
    >
      <DateField name="statedOn" label="陈述申辩日期" />
      <Form.Item name="content" label="陈述申辩内容" rules={required('请填写陈述申辩内容')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="review" label="复核意见" extra="行政机关必须充分听取当事人的意见，对其提出的事实、理由和证据进行复核（第四十五条）">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="adopted" valuePropName="checked">
        <Checkbox>当事人提出的事实、理由或者证据成立，予以采纳</Checkbox>
      </Form.Item>
      <Form.Item name="waivesHearing" valuePropName="checked">
        <Checkbox>当事人书面表示放弃听证（可不等待五个工作日届满即作出决定）</Checkbox>
      </Form.Item>
    </ActionModal>
  );
}

export function RequestHearingModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const until = props.detail.guide.statementPeriodUntil;
  return (
    <ActionModal action="requestHearing" props={props} form={form} initialValues={{ requestedOn: today() }} toBody={(v) => ({ requestedOn: d(v.requestedOn), note: t(v.note) })}>
      <Alert className="zk-block" type="info" showIcon title={`当事人应当在告知后五个工作日内提出听证要求${until ? `（本案至 ${until}）` : ''}；听证期间不计入办案期限。`} />
      <DateField name="requestedOn" label="提出听证要求的日期" />
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export function ScheduleHearingModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const noticeOn = ymd(Form.useWatch('noticeOn', form) as Dayjs | undefined);
  const earliest = useRequest(
    (signal) => api.get<{ result: string }>('/api/calendar/working-days/add', { from: noticeOn!, days: 7 }, { signal }),
    [noticeOn],
    { enabled: !!noticeOn, onError: () => undefined },
  );
  const h = props.detail.guide.hearing;
  return (
    <ActionModal
      action="scheduleHearing"
      props={props}
      form={form}
      initialValues={{ noticeOn: today(), place: h?.place ?? undefined, host: h?.host ?? undefined }}
      toBody={(v) => ({ noticeOn: d(v.noticeOn), hearingOn: ymd(v.hearingOn as Dayjs), place: v.place, host: v.host })}
    >
      <DateField name="noticeOn" label="听证通知日期" />
      <Form.Item
        name="hearingOn"
        label="听证日期"
        rules={[{ required: true, message: '请选择听证日期' }]}
        extra={`行政机关应当在举行听证的七日（工作日）前通知当事人（行政处罚法 第六十四条第（二）项）${earliest.data ? `：最早 ${earliest.data.result}` : ''}`}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(x) => !!earliest.data && x.format('YYYY-MM-DD') < earliest.data.result} />
      </Form.Item>
      <Form.Item name="place" label="听证地点" rules={required('请填写听证地点')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="host" label="主持人" rules={required('请填写听证主持人')} extra="由行政机关指定的非本案调查人员主持（第六十四条第（四）项）">
        <Input maxLength={50} />
      </Form.Item>
    </ActionModal>
  );
}

export function HoldHearingModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="holdHearing"
      props={props}
      form={form}
      initialValues={{ heldOn: today(), partyAbsent: false }}
      toBody={(v) => ({ heldOn: d(v.heldOn), record: v.record, partyAbsent: !!v.partyAbsent })}
    >
      <DateField name="heldOn" label="听证日期" />
      <Form.Item name="record" label="听证笔录摘要" rules={required('请填写听证笔录摘要')}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Form.Item name="partyAbsent" valuePropName="checked">
        <Checkbox>当事人无正当理由拒不出席或中途退出，视为放弃听证（第六十四条第（六）项）</Checkbox>
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 决定 ----------

export function DecideModal(props: ActionModalProps) {
  const { detail } = props;
  const [form] = Form.useForm();
  const decision = (Form.useWatch('decision', form) as CaseDecisionKind | undefined) ?? detail.decisionsAllowed[0];
  const proposal = detail.guide.proposal;
  const waiting = decision === 'penalty' && detail.status === 'noticed' && !detail.guide.statementPeriodOver;
  return (
    <ActionModal
      action="decide"
      props={props}
      form={form}
      width={760}
      okText="作出决定"
      initialValues={{
        decision: detail.decisionsAllowed[0],
        decidedOn: today(),
        penaltyKinds: proposal?.penaltyKinds ?? ['fine'],
        fineAmount: proposal?.fineAmount ?? undefined,
        confiscatedAmount: proposal?.confiscatedAmount ?? undefined,
        summary: proposal?.summary ?? undefined,
        ...penaltyInitial(detail),
      }}
      toBody={(v) => {
        const base = { decision: v.decision, decidedOn: d(v.decidedOn), note: t(v.note) };
        if (v.decision === 'penalty') return { ...base, ...penaltyBody(v) };
        if (v.decision === 'noPenalty') return { ...base, noPenaltyReason: v.noPenaltyReason, summary: t(v.summary) };
        if (v.decision === 'transferToPolice') return { ...base, policeUnit: t(v.policeUnit), transferredOn: d(v.transferredOn), summary: t(v.summary) };
        return { ...base, summary: t(v.summary) };
      }}
    >
      {detail.decisionsAllowed.length === 0 && (
        <Alert className="zk-block" type="warning" showIcon title="重大案件应当先由负责人集体讨论（行政处罚法 第五十七条第二款）" />
      )}
      <Form.Item name="decision" label="决定" rules={[{ required: true, message: '请选择决定' }]}>
        <Radio.Group optionType="button" options={detail.decisionsAllowed.map((k) => ({ value: k, label: CASE_DECISIONS[k] }))} />
      </Form.Item>
      {waiting && (
        <Alert
          className="zk-block"
          type="warning"
          showIcon
          title={`陈述申辩、要求听证的期限至 ${detail.guide.statementPeriodUntil} 届满，届满前（当事人书面放弃听证的除外）不能作出行政处罚决定（第六十二条、第六十四条）`}
        />
      )}
      <DateField name="decidedOn" label="决定日期" />
      {decision === 'penalty' && <PenaltyFields detail={detail} form={form} summaryLabel="处罚内容" />}
      {decision === 'noPenalty' && (
        <>
          <Form.Item name="noPenaltyReason" label="不予处罚的理由" rules={[{ required: true, message: '请选择不予处罚的理由' }]}>
            <Select options={NO_PENALTY_REASON_LIST.map((r) => ({ value: r, label: NO_PENALTY_REASONS[r] }))} />
          </Form.Item>
          <Form.Item name="summary" label="说明">
            <Input.TextArea rows={2} maxLength={3000} />
          </Form.Item>
        </>
      )}
      {decision === 'transferToPolice' && (
        <>
          <Alert className="zk-block" type="info" showIcon title="违法行为涉嫌犯罪的，移送司法机关（行政处罚法 第五十七条第一款第（四）项、商标法 第六十一条）。" />
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="policeUnit" label="接收移送的公安机关" rules={required('请填写接收移送的公安机关')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="transferredOn" label="移送日期">
                <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="summary" label="移送理由">
            <Input.TextArea rows={2} maxLength={3000} />
          </Form.Item>
        </>
      )}
      {decision === 'withdrawn' && (
        <Form.Item name="summary" label="销案理由" rules={required('请填写销案理由')}>
          <Input.TextArea rows={2} maxLength={3000} />
        </Form.Item>
      )}
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 送达、执行、结案、归档 ----------

export function ServeModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const method = Form.useWatch('method', form) as keyof typeof SERVICE_METHODS | undefined;
  return (
    <ActionModal
      action="serve"
      props={props}
      form={form}
      width={640}
      initialValues={{ method: 'direct', recipient: props.detail.party.name, servedOn: today(), electronicConsent: false }}
      toBody={(v) => ({
        method: v.method,
        recipient: v.recipient,
        servedOn: v.method !== 'announcement' ? d(v.servedOn) : undefined,
        announcedOn: v.method === 'announcement' ? d(v.announcedOn) : undefined,
        trackingNo: v.method === 'mail' ? t(v.trackingNo) : null,
        electronicConsent: v.method === 'electronic' ? !!v.electronicConsent : false,
        announcementText: v.method === 'announcement' ? t(v.announcementText) : null,
        note: t(v.note),
      })}
    >
      <Alert
        className="zk-block"
        type="info"
        showIcon
        title="送达最新生成的行政处罚决定书（须先在“文书”中生成）。当事人不在场的，应当在七日（工作日）内送达（行政处罚法 第六十一条）；罚款自收到决定书之日起十五日内缴纳（第六十七条）。"
      />
      <Form.Item name="method" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]} extra={method ? SERVICE_METHOD_HINTS[method] : undefined}>
        <Select options={SERVICE_METHOD_LIST.map((m) => ({ value: m, label: SERVICE_METHODS[m] }))} />
      </Form.Item>
      <Form.Item name="recipient" label="受送达人" rules={required('请填写受送达人')}>
        <Input maxLength={200} />
      </Form.Item>
      {method === 'announcement' ? (
        <>
          <DateField name="announcedOn" label="公告日期" />
          <Form.Item name="announcementText" label="公告内容">
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </>
      ) : (
        <DateField name="servedOn" label="送达日期" />
      )}
      {method === 'mail' && (
        <Form.Item name="trackingNo" label="邮件单号" rules={required('请填写邮件单号')}>
          <Input maxLength={60} className="zc-mono" />
        </Form.Item>
      )}
      {method === 'electronic' && (
        <Form.Item name="electronicConsent" valuePropName="checked" rules={[{ validator: async (_r, v) => { if (!v) throw new Error('电子送达须经当事人同意并签订确认书'); } }]}>
          <Checkbox>当事人已同意并签订送达地址确认书（行政处罚法 第六十一条第二款）</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export function PaymentModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="recordPayment"
      props={props}
      form={form}
      initialValues={{ paidOn: today(), amount: props.detail.fineAmount ?? undefined }}
      toBody={(v) => ({ paidOn: d(v.paidOn), amount: n(v.amount), note: t(v.note) })}
    >
      <DateField name="paidOn" label="缴款日期" />
      <Form.Item name="amount" label="缴款金额（元）">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="缴款凭证号或说明">
        <Input maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export function EnforcementModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="applyEnforcement"
      props={props}
      form={form}
      initialValues={{ appliedOn: today() }}
      toBody={(v) => ({ appliedOn: d(v.appliedOn), court: v.court, note: t(v.note) })}
    >
      <Alert className="zk-block" type="info" showIcon title="当事人逾期不履行的，可以每日按罚款数额的百分之三加处罚款，并依法申请人民法院强制执行（行政处罚法 第七十二条）。" />
      <DateField name="appliedOn" label="申请日期" />
      <Form.Item name="court" label="受理申请的人民法院" rules={required('请填写受理申请的人民法院')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

export const CloseModal = (p: ActionModalProps) => (
  <SimpleModal
    action="close"
    props={p}
    dateName="closedOn"
    dateLabel="结案日期"
    textName="summary"
    textLabel="结案意见"
    extraFields={
      <Form.Item name="publicText" label="告知投诉人、举报人的办理结果" extra="不填时使用“案件已办结：已依法作出行政处罚决定”等规范表述；不含当事人个人信息和罚款金额">
        <Input maxLength={500} />
      </Form.Item>
    }
  />
);

export function ArchiveModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="archive" props={props} form={form} initialValues={{ archivedOn: today() }} toBody={(v) => ({ archivedOn: d(v.archivedOn), archiveNo: t(v.archiveNo) })}>
      <DateField name="archivedOn" label="归档日期" />
      <Form.Item name="archiveNo" label="档案号">
        <Input maxLength={60} className="zc-mono" />
      </Form.Item>
    </ActionModal>
  );
}

export function ChangeDecisionModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as 'changed' | 'revoked' | undefined) ?? 'revoked';
  const { detail } = props;
  return (
    <ActionModal
      action="changeDecision"
      props={props}
      form={form}
      width={720}
      initialValues={{
        kind: 'revoked', basis: 'reconsideration', on: today(), penaltyKinds: detail.penaltyKinds, fineAmount: detail.fineAmount ?? undefined,
        confiscatedAmount: detail.confiscatedAmount ?? undefined, summary: detail.decisionSummary ?? undefined, ...penaltyInitial(detail),
      }}
      toBody={(v) => ({ kind: v.kind, basis: v.basis, on: d(v.on), reason: v.reason, ...(v.kind === 'changed' ? penaltyBody(v) : {}) })}
    >
      <Alert className="zk-block" type="info" showIcon title="行政处罚决定被依法变更、撤销、确认违法或者确认无效的，应当在三个工作日内撤回公示信息并说明理由（总局令第45号 第十一条）。" />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label="变更或撤销" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'revoked', label: '撤销' },
                { value: 'changed', label: '变更', disabled: detail.decision !== 'penalty' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="basis" label="依据" rules={[{ required: true }]}>
            <Select options={DECISION_CHANGE_BASIS_LIST.map((b) => ({ value: b, label: DECISION_CHANGE_BASES[b] }))} />
          </Form.Item>
        </Col>
      </Row>
      <DateField name="on" label="变更或撤销日期" />
      <Form.Item name="reason" label="理由及文书" rules={required('请填写变更或撤销的理由及文书')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {kind === 'changed' && <PenaltyFields detail={detail} form={form} summaryLabel="变更后的处罚内容" />}
    </ActionModal>
  );
}

/** The modal of a header action (evidence and measures open from their own tabs). */
export function modalFor(action: CaseAction): ((p: ActionModalProps) => ReactNode) | null {
  switch (action) {
    case 'suspend':
      return SuspendModal;
    case 'resume':
      return ResumeModal;
    case 'conclude':
      return ConcludeModal;
    case 'passReview':
      return PassReviewModal;
    case 'returnReview':
      return ReturnReviewModal;
    case 'notify':
      return NotifyModal;
    case 'recordStatement':
      return StatementModal;
    case 'requestHearing':
      return RequestHearingModal;
    case 'scheduleHearing':
      return ScheduleHearingModal;
    case 'holdHearing':
      return HoldHearingModal;
    case 'collectiveDiscuss':
      return DiscussModal;
    case 'decide':
      return DecideModal;
    case 'serve':
      return ServeModal;
    case 'recordPayment':
      return PaymentModal;
    case 'applyEnforcement':
      return EnforcementModal;
    case 'close':
      return CloseModal;
    case 'archive':
      return ArchiveModal;
    case 'changeDecision':
      return ChangeDecisionModal;
    default:
      return null;
  }
}
