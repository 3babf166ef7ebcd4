/**
 * The workflow actions of an adjudication case, one modal each, posting to POST /api/adjudications/:id/actions/:action
 * with the case's row version (optimistic locking). The server checks the status table, the dates and the statutory
 * limits again; its field errors are shown on the fields (e.g. the earliest hearing day on scheduledOn).
 */
import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  TimePicker,
  Typography,
  Upload,
  type FormInstance,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ADJUDICATION_ACTIONS,
  ADJUDICATION_DECISIONS,
  ADJUDICATION_FILE_KINDS,
  ADJUDICATION_ORDERS,
  ADJUDICATION_REJECTION_REASONS,
  INVALIDATION_RESULTS,
  JUDGMENT_RESULTS,
  SERVICE_METHOD_HINTS,
  SERVICE_METHOD_LIST,
  SERVICE_METHODS,
  SUSPENSION_REFUSAL_GROUNDS,
  panelProblem,
  type AdjudicationAction,
  type AdjudicationDecision,
  type AdjudicationDetailDto,
  type AdjudicationEndpointAction,
  type AdjudicationFileDto,
  type AdjudicationFileKind,
  type AdjudicationFileParty,
  type AdjudicationOrder,
  type AdjudicationPanelCandidateDto,
  type AdjudicationRejectionReason,
  type JudgmentResult,
  type ServiceDocumentOptionDto,
  type ServiceMethod,
  type SuspensionRefusalGround,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showError, showSuccess, feedback } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { notFuture, ymd } from '../cases/labels';
import { decisionAnnouncement, panelOf, renamePanel, requestAnnouncement, serviceBody } from './actionBodies';

export interface ActionModalProps {
  detail: AdjudicationDetailDto;
  onDone: (d: AdjudicationDetailDto) => void;
  onCancel: () => void;
  /** A stale version or a status that moved on: reload the case. */
  onStale: () => void;
}

type Values = Record<string, unknown>;

/** The version to send: a file uploaded from inside a modal may have moved the case on (the modal reloads it). */
const VersionCtx = createContext<{ detail: AdjudicationDetailDto; refresh: () => Promise<void> } | null>(null);

const caseLabel = (d: AdjudicationDetailDto) => d.caseNo ?? d.requestNo;
const today = () => dayjs();
const dv = (v: unknown) => ymd(v as Dayjs | undefined) ?? null;
const t = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const required = (message: string) => [{ required: true, whitespace: true, message }];

/** The modal frame: posts `{version, ...toBody(values)}` and shows the server's field errors in place. */
function ActionModal({
  action,
  props,
  form,
  toBody,
  initialValues,
  width = 600,
  okText,
  children,
  rename,
  afterDone,
}: {
  action: AdjudicationEndpointAction;
  props: ActionModalProps;
  form: FormInstance;
  toBody: (v: Values) => Values;
  initialValues?: Values;
  width?: number;
  okText?: string;
  children: ReactNode;
  rename?: (name: (string | number)[]) => (string | number)[] | null;
  /** Extra feedback after success (e.g. the deemed-served date of an announcement). */
  afterDone?: (d: AdjudicationDetailDto, v: Values) => void;
}) {
  const { onDone, onCancel, onStale } = props;
  const [detail, setDetail] = useState(props.detail);
  const versionRef = useRef(props.detail.version);
  const [sending, setSending] = useState(false);
  const refresh = async () => {
    const d = await api.get<AdjudicationDetailDto>(`/api/adjudications/${detail.id}`);
    versionRef.current = d.version;
    setDetail(d);
  };
  const submit = async (v: Values) => {
    setSending(true);
    try {
      const d = await api.post<AdjudicationDetailDto>(`/api/adjudications/${detail.id}/actions/${action}`, { version: versionRef.current, ...toBody(v) });
      showSuccess(v.method === 'announcement' ? '已登记公告送达' : `已${ADJUDICATION_ACTIONS[action]}`);
      afterDone?.(d, v);
      onDone(d);
    } catch (e) {
      if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'NOT_FOUND')) {
        showError(e);
        onStale();
      } else {
        applyServerErrors(form, e, { rename });
      }
    } finally {
      setSending(false);
    }
  };
  return (
    <VersionCtx.Provider value={{ detail, refresh }}>
      <Modal
        open
        title={`${ADJUDICATION_ACTIONS[action]} · ${caseLabel(detail)}`}
        okText={okText ?? '确定'}
        onOk={() => form.submit()}
        onCancel={onCancel}
        confirmLoading={sending}
        destroyOnHidden
        width={width}
        maskClosable={false}
      >
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} data-testid={`action-form-${action}`}>
          {children}
        </Form>
      </Modal>
    </VersionCtx.Provider>
  );
}

const DateField = ({ name, label, future = false, extra }: { name: string; label: string; future?: boolean; extra?: ReactNode }) => (
  <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker disabledDate={future ? undefined : notFuture} style={{ width: '100%' }} />
  </Form.Item>
);

const NoteField = ({ label = '备注', name = 'note', rows = 2, req }: { label?: string; name?: string; rows?: number; req?: string }) => (
  <Form.Item name={name} label={label} rules={req ? required(req) : []}>
    <Input.TextArea rows={rows} maxLength={2000} showCount={rows > 2} />
  </Form.Item>
);

const Hint = ({ children }: { children: ReactNode }) => <Alert className="zk-block" type="info" showIcon title={children} />;

// ---------- 材料 (a file of the case, picked or uploaded in place) ----------

/** Uploads one file to the case (POST /api/adjudications/:id/files, fields first, then the file). */
export async function uploadCaseFile(id: number, file: File, kind: AdjudicationFileKind, party: AdjudicationFileParty, title: string): Promise<AdjudicationFileDto> {
  const fd = new FormData();
  fd.append('kind', kind);
  fd.append('party', party);
  fd.append('title', title.slice(0, 200));
  fd.append('file', file, file.name);
  return api.post<AdjudicationFileDto>(`/api/adjudications/${id}/files`, fd);
}

function CaseFileField({ name, label, kind, party, extra }: { name: string; label: string; kind: AdjudicationFileKind; party: AdjudicationFileParty; extra?: string }) {
  const ctx = useContext(VersionCtx)!;
  const form = Form.useFormInstance();
  const [uploading, setUploading] = useState(false);
  const options = ctx.detail.files.filter((f) => f.kind === kind).map((f) => ({ value: f.fileId, label: `${f.title}（${f.name}）` }));
  return (
    <Form.Item label={label} extra={extra}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={name} noStyle>
          <Select allowClear placeholder={options.length ? `选择已上传的${ADJUDICATION_FILE_KINDS[kind]}` : `尚无${ADJUDICATION_FILE_KINDS[kind]}，可上传`} options={options} style={{ width: '100%' }} />
        </Form.Item>
        <Upload
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            setUploading(true);
            try {
              const f = file as File;
              const dto = await uploadCaseFile(ctx.detail.id, f, kind, party, f.name.replace(/\.[^.]+$/, '') || ADJUDICATION_FILE_KINDS[kind]);
              await ctx.refresh();
              form.setFieldValue(name, dto.fileId);
              showSuccess(`已上传${ADJUDICATION_FILE_KINDS[kind]}`);
              onSuccess?.(dto);
            } catch (e) {
              showError(e, '上传失败，请稍后再试');
              onError?.(e as Error);
            } finally {
              setUploading(false);
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            上传
          </Button>
        </Upload>
      </Space.Compact>
    </Form.Item>
  );
}

// ---------- 合议组 ----------

function PanelFields({ form }: { form: FormInstance }) {
  const ctx = useContext(VersionCtx)!;
  const cands = useRequest(
    (signal) => api.get<AdjudicationPanelCandidateDto[]>('/api/adjudications/panel-candidates', { adjudicationId: ctx.detail.id }, { signal }),
    [ctx.detail.id],
  );
  const members = (Form.useWatch('members', form) as number[] | undefined) ?? [];
  const chief = Form.useWatch('chief', form) as number | undefined;
  const byId = new Map((cands.data ?? []).map((c) => [c.id, c]));
  const problem = members.length ? panelProblem(members.map((userId) => ({ userId, role: userId === chief ? 'chief' : 'member' }))) : null;
  return (
    <>
      <Alert
        className="zk-block"
        type={problem ? 'warning' : members.length ? 'success' : 'info'}
        showIcon
        data-testid="panel-rule"
        title={
          problem
            ? `${problem}（专利行政执法办法 第十条：合议组由三名以上单数办案人员组成，并指定一名主审）`
            : members.length
              ? `合议组 ${members.length} 人，符合“三名以上单数、一名主审”的要求`
              : '合议组由三名以上单数办案人员组成，并指定一名主审（专利行政执法办法 第十条）'
        }
      />
      <Form.Item name="members" label="合议组成员" rules={[{ required: true, message: '请选择合议组成员' }]}>
        <Select
          mode="multiple"
          loading={cands.loading}
          placeholder="选择三名以上单数的办案人员"
          showSearch={{ optionFilterProp: 'label' }}
          options={(cands.data ?? []).map((c) => ({ value: c.id, label: `${c.displayName} · ${c.unitName}${c.certNo ? ` · 执法证 ${c.certNo}` : ''}` }))}
          onChange={(v: number[]) => {
            if (chief !== undefined && !v.includes(chief)) form.setFieldValue('chief', undefined);
          }}
          data-testid="panel-members"
        />
      </Form.Item>
      <Form.Item name="chief" label="主审" rules={[{ required: true, message: '请指定主审' }]}>
        <Select
          placeholder={members.length ? '从合议组成员中指定' : '请先选择合议组成员'}
          options={members.map((id) => ({ value: id, label: byId.get(id)?.displayName ?? String(id) }))}
          data-testid="panel-chief"
        />
      </Form.Item>
    </>
  );
}

export function FileModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const d = props.detail;
  return (
    <ActionModal
      action="file"
      props={props}
      form={form}
      width={680}
      okText="立案"
      rename={renamePanel}
      initialValues={{ filedOn: today(), simpleCase: false }}
      toBody={(v) => ({ filedOn: dv(v.filedOn), panel: panelOf(v), simpleCase: !!v.simpleCase, note: t(v.note) })}
    >
      <Hint>
        请求符合条件的，自收到请求之日起五个工作日内立案并通知请求人；立案后五个工作日内将请求书副本送达被请求人（专利行政执法办法
        第十条、第十三条）。自立案之日起三个月内作出裁决。
      </Hint>
      {d.evaluationReportExpected && !d.evaluationReportProvided && (
        <Alert className="zk-block" type="warning" showIcon title="本案为实用新型或外观设计专利，请求人尚未提交专利权评价报告；立案后可以要求其提交（山东省专利条例 第二十条）。" />
      )}
      <DateField name="filedOn" label="立案日期" />
      <PanelFields form={form} />
      <Form.Item name="simpleCase" valuePropName="checked" extra="事实清楚、权利义务关系明确、争议不大的，可以按简易案件快速办理（繁简分流）">
        <Checkbox>简易案件</Checkbox>
      </Form.Item>
      <NoteField label="立案意见" />
    </ActionModal>
  );
}

export function AssignPanelModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const current = props.detail.handlers;
  return (
    <ActionModal
      action="assignPanel"
      props={props}
      form={form}
      width={680}
      rename={renamePanel}
      initialValues={{ members: current.map((h) => h.userId), chief: current.find((h) => h.role === 'chief')?.userId }}
      toBody={(v) => ({ panel: panelOf(v), reason: v.reason })}
    >
      <PanelFields form={form} />
      <NoteField name="reason" label="变更理由" req="请填写变更合议组的理由" />
    </ActionModal>
  );
}

export function RejectModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="reject"
      props={props}
      form={form}
      okText="不予受理"
      initialValues={{ rejectedOn: today() }}
      toBody={(v) => ({ reason: v.reason, reasonText: v.reasonText, rejectedOn: dv(v.rejectedOn) })}
    >
      <Hint>不符合受理条件的，自收到请求之日起五个工作日内通知请求人不予受理，并说明理由（山东省专利条例 第十八条）。请求人可以在“我的裁决与调解”看到理由。</Hint>
      <Form.Item name="reason" label="不予受理的情形" rules={[{ required: true, message: '请选择不予受理的情形' }]}>
        <Select
          options={(Object.keys(ADJUDICATION_REJECTION_REASONS) as AdjudicationRejectionReason[]).map((k) => ({ value: k, label: ADJUDICATION_REJECTION_REASONS[k] }))}
          data-testid="reject-reason"
        />
      </Form.Item>
      <NoteField name="reasonText" label="具体理由（告知请求人）" rows={4} req="请填写不予受理的具体理由" />
      <DateField name="rejectedOn" label="决定日期" />
    </ActionModal>
  );
}

// ---------- 送达 (请求书副本 / 裁决书) ----------

function ServiceFields({ form, docKinds }: { form: FormInstance; docKinds?: string[] }) {
  const ctx = useContext(VersionCtx)!;
  const method = Form.useWatch('method', form) as ServiceMethod | undefined;
  const docs = useRequest(
    (signal) => api.get<ServiceDocumentOptionDto[]>('/api/service-records/documents', { entityType: 'adjudication', entityId: ctx.detail.id }, { signal }),
    [ctx.detail.id],
    { onError: () => undefined },
  );
  const options = (docs.data ?? [])
    .filter((x) => !docKinds || docKinds.includes(x.kind))
    .map((x) => ({ value: x.id, label: x.docNo ? `${x.title}（${x.docNo}）` : x.title }));
  return (
    <>
      <Form.Item label="送达的文书">
        <Space.Compact style={{ width: '100%' }}>
          {options.length > 0 && (
            <Form.Item name="documentId" noStyle>
              <Select
                style={{ width: '45%' }}
                allowClear
                placeholder="选择已生成的文书"
                options={options}
                onChange={(id: number | undefined) => {
                  const o = options.find((x) => x.value === id);
                  if (o) form.setFieldValue('documentTitle', o.label);
                }}
              />
            </Form.Item>
          )}
          <Form.Item name="documentTitle" noStyle>
            <Input maxLength={200} placeholder="文书名称及文号" />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="method" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Select options={SERVICE_METHOD_LIST.map((m) => ({ value: m, label: SERVICE_METHODS[m] }))} data-testid="service-method" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recipient" label="受送达人" rules={required('请填写受送达人')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      {method && <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>{SERVICE_METHOD_HINTS[method]}</Typography.Paragraph>}
      {method === 'announcement' ? (
        <>
          <DateField name="announcedOn" label="公告日期" />
          <Alert
            className="zk-block"
            type="warning"
            showIcon
            title="自发出公告之日起经过三十日视为送达（民事诉讼法 第九十五条）；视为送达日由系统按期限规则计算，届满日为法定节假日的顺延。公告期间不计入裁决期限。"
          />
          <Form.Item
            name="announcementText"
            label="公告正文"
            extra="公告正文将在门户“送达公告”栏目公开，请勿写入身份证号码、电话号码等个人信息"
            rules={[{ required: true, whitespace: true, message: '请填写公告正文' }, { min: 20, message: '公告正文不少于 20 个字' }]}
          >
            <Input.TextArea rows={6} maxLength={5000} showCount data-testid="announcement-text" />
          </Form.Item>
        </>
      ) : (
        <DateField name="servedOn" label="送达日期" />
      )}
      {method === 'mail' && (
        <Form.Item
          name="trackingNo"
          label="邮件单号"
          rules={[{ required: true, whitespace: true, message: '邮寄送达须填写邮件单号' }, { pattern: /^[0-9A-Za-z-]*$/, message: '邮件单号只能包含字母、数字和短横线' }]}
        >
          <Input maxLength={50} className="zc-mono" />
        </Form.Item>
      )}
      {method === 'electronic' && (
        <Form.Item
          name="electronicConsent"
          valuePropName="checked"
          rules={[{ validator: async (_r, v) => { if (v !== true) throw new Error('电子送达须经受送达人同意并确认送达地址'); } }]}
        >
          <Checkbox>受送达人已同意电子送达，并已签署送达地址确认书（民事诉讼法 第九十条）</Checkbox>
        </Form.Item>
      )}
      <NoteField />
    </>
  );
}

function announcementDone(title: string, deemed: string | null | undefined, next: string) {
  if (!deemed) return;
  feedback.modal.info({
    title: '已登记公告送达',
    content: (
      <div data-testid="deemed-served-info">
        <p>
          {title}视为送达日：<strong>{fmtDate(deemed)}</strong>（自公告之日起经过三十日，民事诉讼法 第九十五条）。
        </p>
        <p>{next}</p>
        <p>公告已在门户“送达公告”栏目公开。</p>
      </div>
    ),
  });
}

export function ServeRequestModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const d = props.detail;
  const method = Form.useWatch('method', form) as ServiceMethod | undefined;
  return (
    <ActionModal
      action="serveRequest"
      props={props}
      form={form}
      width={700}
      initialValues={{ method: 'direct', recipient: d.respondent.name, servedOn: today(), announcedOn: today(), documentTitle: '请求书副本及答辩通知书', announcementText: requestAnnouncement(d) }}
      toBody={serviceBody}
      afterDone={(nd, v) => {
        if (v.method === 'announcement') {
          announcementDone(
            '请求书副本',
            nd.respondentServedOn,
            `被请求人的答辩期自视为送达之日起计算十五日${nd.answerDueOn ? `，至 ${fmtDate(nd.answerDueOn)} 届满` : ''}；公告期间不计入裁决期限。`,
          );
        }
      }}
    >
      <Hint>
        立案之日起五个工作日内将请求书及其附件的副本送达被请求人，要求其自收到之日起十五日内提交答辩书（专利行政执法办法 第十三条）。
        {method === 'announcement' ? '被请求人下落不明或者以其他方式无法送达的，可以公告送达。' : ''}
      </Hint>
      <ServiceFields form={form} docKinds={['adjudicationFilingNotice', 'answerNotice']} />
    </ActionModal>
  );
}

export function ServeDecisionModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const d = props.detail;
  const pending = d.guide.decisionServicePending;
  const first = pending[0] ?? 'requester';
  const nameOf = (p: 'requester' | 'respondent') => (p === 'requester' ? d.requester.name : d.respondent.name);
  return (
    <ActionModal
      action="serveDecision"
      props={props}
      form={form}
      width={700}
      initialValues={{
        party: first,
        method: 'direct',
        recipient: nameOf(first),
        servedOn: today(),
        announcedOn: today(),
        documentTitle: d.decisionDocNo ? `专利侵权纠纷行政裁决书（${d.decisionDocNo}）` : '专利侵权纠纷行政裁决书',
        announcementText: decisionAnnouncement(d, first),
      }}
      toBody={(v) => ({ party: v.party, ...serviceBody(v) })}
      afterDone={(nd, v) => {
        if (v.method === 'announcement') {
          const s = nd.services.filter((x) => x.purpose === (v.party === 'requester' ? 'decisionRequester' : 'decisionRespondent')).pop();
          announcementDone('行政裁决书', s?.deemedServedOn, '当事人可以自收到裁决书之日起十五日内向人民法院起诉（专利法 第六十五条）；起诉期自最后一方当事人收到裁决书之日起计算。');
        }
      }}
    >
      <Hint>裁决书应当送达双方当事人；当事人不服的，可以自收到裁决书之日起十五日内向人民法院起诉（专利法 第六十五条）。双方均送达后，系统按较晚的送达日计算起诉期。</Hint>
      {!d.decisionDocNo && <Alert className="zk-block" type="warning" showIcon title="尚未生成行政裁决书，请先在“文书”中生成，以便登记文号。" />}
      <Form.Item name="party" label="受送达的当事人" rules={[{ required: true, message: '请选择受送达的当事人' }]}>
        <Radio.Group
          optionType="button"
          options={(['requester', 'respondent'] as const).map((p) => ({
            value: p,
            label: `${p === 'requester' ? '请求人' : '被请求人'}${pending.includes(p) ? '（待送达）' : '（已送达）'}`,
          }))}
          onChange={(e) => {
            const p = e.target.value as 'requester' | 'respondent';
            form.setFieldValue('recipient', nameOf(p));
            form.setFieldValue('announcementText', decisionAnnouncement(d, p));
          }}
        />
      </Form.Item>
      <ServiceFields form={form} docKinds={['adjudicationDecision']} />
    </ActionModal>
  );
}

// ---------- 答辩、审理 ----------

export function RecordAnswerModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const d = props.detail;
  return (
    <ActionModal
      action="recordAnswer"
      props={props}
      form={form}
      initialValues={{ receivedOn: today() }}
      toBody={(v) => ({ receivedOn: dv(v.receivedOn), fileId: (v.fileId as number | undefined) ?? null, note: t(v.note) })}
    >
      <Hint>
        被请求人应当自收到请求书副本之日起十五日内提交答辩书{d.answerDueOn ? `（本案至 ${fmtDate(d.answerDueOn)}）` : ''}；逾期未提交的，不影响案件处理。收到答辩书后五个工作日内将副本送达请求人。
      </Hint>
      <DateField name="receivedOn" label="收到答辩书日期" />
      <CaseFileField name="fileId" label="答辩书" kind="answer" party="respondent" extra="可选择已上传的答辩书，或直接上传扫描件" />
      <NoteField label="答辩要点" rows={3} />
    </ActionModal>
  );
}

export function ForwardAnswerModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="forwardAnswer" props={props} form={form} initialValues={{ forwardedOn: today() }} toBody={(v) => ({ forwardedOn: dv(v.forwardedOn), note: t(v.note) })}>
      <Hint>自收到答辩书之日起五个工作日内将答辩书副本送达请求人。</Hint>
      <DateField name="forwardedOn" label="送达请求人日期" />
      <NoteField />
    </ActionModal>
  );
}

export function ScheduleHearingModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const g = props.detail.guide;
  const earliest = g.earliestHearingOn;
  const online = Form.useWatch('online', form) as boolean | undefined;
  return (
    <ActionModal
      action="scheduleHearing"
      props={props}
      form={form}
      width={680}
      initialValues={{ scheduledOn: earliest ? dayjs(earliest) : undefined, scheduledTime: dayjs('09:00', 'HH:mm'), online: false, jointWithCnipa: false, technicalInvestigators: [] }}
      toBody={(v) => ({
        scheduledOn: dv(v.scheduledOn),
        scheduledTime: (v.scheduledTime as Dayjs | undefined)?.format('HH:mm'),
        place: v.place,
        online: !!v.online,
        technicalInvestigators: (v.technicalInvestigators as string[] | undefined) ?? [],
        jointWithCnipa: !!v.jointWithCnipa,
        note: t(v.note),
      })}
    >
      {!g.hearingAllowed && g.hearingBlockedReason && <Alert className="zk-block" type="warning" showIcon title={g.hearingBlockedReason} />}
      <Hint>
        口头审理通知今天发出，应当在审理日的三个工作日前通知当事人{earliest ? `：最早可定于 ${fmtDate(earliest)}` : ''}。请同时在“文书”中生成口头审理通知书，送达双方当事人。
      </Hint>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="scheduledOn" label="审理日期" rules={[{ required: true, message: '请选择审理日期' }]} extra={earliest ? `不早于 ${fmtDate(earliest)}` : undefined}>
            <DatePicker style={{ width: '100%' }} disabledDate={(x) => (earliest ? x.format('YYYY-MM-DD') < earliest : x.isBefore(dayjs(), 'day'))} data-testid="hearing-date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="scheduledTime" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="online" label="审理方式" valuePropName="checked">
        <Switch checkedChildren="在线审理" unCheckedChildren="现场审理" />
      </Form.Item>
      <Form.Item name="place" label={online ? '在线审理平台' : '审理地点'} rules={required(online ? '请填写在线审理平台' : '请填写审理地点')}>
        <Input maxLength={200} placeholder={online ? '如 山东省知识产权纠纷在线调处平台' : '如 本局第一审理室'} />
      </Form.Item>
      <Form.Item name="technicalInvestigators" label="技术调查官" extra="输入姓名后按回车，可填写多名">
        <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="参加审理的技术调查官（选填）" open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item name="jointWithCnipa" valuePropName="checked">
        <Checkbox>与国家知识产权局复审和无效审理部联合审理</Checkbox>
      </Form.Item>
      <NoteField />
    </ActionModal>
  );
}

export function HoldHearingModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const h = props.detail.hearings.find((x) => x.status === 'scheduled');
  return (
    <ActionModal
      action="holdHearing"
      props={props}
      form={form}
      initialValues={{ heldOn: h ? dayjs(h.scheduledOn) : today() }}
      toBody={(v) => ({ heldOn: dv(v.heldOn), recordSummary: v.recordSummary, fileId: (v.fileId as number | undefined) ?? null })}
    >
      {h && (
        <Typography.Paragraph>
          已通知：{fmtDate(h.scheduledOn)} {h.scheduledTime}，{h.online ? '在线审理' : ''}
          {h.place}
        </Typography.Paragraph>
      )}
      <DateField name="heldOn" label="审理日期" />
      <NoteField name="recordSummary" label="审理笔录摘要" rows={5} req="请填写审理笔录摘要" />
      <CaseFileField name="fileId" label="审理笔录" kind="hearingRecord" party="office" />
    </ActionModal>
  );
}

export function WrittenReviewModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const g = props.detail.guide;
  return (
    <ActionModal action="chooseWrittenReview" props={props} form={form} toBody={(v) => ({ reason: v.reason })}>
      {!g.hearingAllowed && g.hearingBlockedReason && <Alert className="zk-block" type="warning" showIcon title={g.hearingBlockedReason} />}
      <Hint>案件事实清楚、双方对主要事实无争议的，可以不进行口头审理，根据双方提交的材料书面审理。</Hint>
      <NoteField name="reason" label="书面审理的理由" rows={3} req="请填写书面审理的理由" />
    </ActionModal>
  );
}

// ---------- 评价报告、鉴定、协助 ----------

export function RequestReportModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="requestEvaluationReport"
      props={props}
      form={form}
      initialValues={{ requestedOn: today() }}
      toBody={(v) => ({ requestedOn: dv(v.requestedOn), dueOn: dv(v.dueOn), note: t(v.note) })}
    >
      <Hint>涉案专利为实用新型或者外观设计的，可以要求请求人出具专利权评价报告；无正当理由拒不提供的，可以驳回处理请求（山东省专利条例 第二十条）。</Hint>
      <DateField name="requestedOn" label="要求日期" />
      <Form.Item name="dueOn" label="提交期限">
        <DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <NoteField />
    </ActionModal>
  );
}

export function StartAppraisalModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="startAppraisal" props={props} form={form} initialValues={{ startedOn: today() }} toBody={(v) => ({ startedOn: dv(v.startedOn), subject: v.subject, institution: t(v.institution) })}>
      <Hint>鉴定期间不计入裁决期限，裁决期限自委托之日起暂停计时，鉴定完成后恢复。</Hint>
      <DateField name="startedOn" label="委托日期" />
      <NoteField name="subject" label="鉴定事项" rows={3} req="请填写鉴定事项" />
      <Form.Item name="institution" label="鉴定机构">
        <Input maxLength={200} />
      </Form.Item>
    </ActionModal>
  );
}

export function EndAppraisalModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="endAppraisal" props={props} form={form} initialValues={{ endedOn: today() }} toBody={(v) => ({ endedOn: dv(v.endedOn), result: v.result })}>
      <DateField name="endedOn" label="鉴定完成日期" />
      <NoteField name="result" label="鉴定意见" rows={4} req="请填写鉴定意见" />
    </ActionModal>
  );
}

export function RequestAssistModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const units = props.detail.guide.assistUnits;
  return (
    <ActionModal action="requestAssist" props={props} form={form} toBody={(v) => ({ unitId: v.unitId, task: v.task, dueOn: dv(v.dueOn) })}>
      <Hint>市、县、所三级联动：可以请县（市、区）局或市场监管所协助现场勘验、调查取证、送达等。协助单位可以查看本案并登记协助结果。</Hint>
      <Form.Item name="unitId" label="协助单位" rules={[{ required: true, message: '请选择协助单位' }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} placeholder="县（市、区）局或市场监管所" data-testid="assist-unit" />
      </Form.Item>
      <NoteField name="task" label="协助事项" rows={3} req="请填写协助事项" />
      <Form.Item name="dueOn" label="要求完成日期">
        <DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </ActionModal>
  );
}

// ---------- 中止 ----------

export function SuspendModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="suspend"
      props={props}
      form={form}
      width={640}
      initialValues={{ suspendedOn: today(), invalidationCaseNo: props.detail.invalidationCaseNo ?? undefined }}
      toBody={(v) => ({
        invalidationCaseNo: v.invalidationCaseNo,
        invalidationAcceptedOn: dv(v.invalidationAcceptedOn),
        suspendedOn: dv(v.suspendedOn),
        fileId: (v.fileId as number | undefined) ?? null,
        note: t(v.note),
      })}
    >
      <Hint>被请求人提出无效宣告请求并被国家知识产权局受理后，请求中止处理的，可以中止（专利法实施细则 第九十八条，山东省专利条例 第十九条）。中止期间裁决期限和答辩期暂停计时。</Hint>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="invalidationCaseNo" label="无效宣告请求案件编号" rules={required('请填写国家知识产权局无效宣告请求案件编号')}>
            <Input maxLength={60} className="zc-mono" placeholder="以无效宣告请求受理通知书为准" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <DateField name="invalidationAcceptedOn" label="受理日期" />
        </Col>
      </Row>
      <DateField name="suspendedOn" label="中止日期" />
      <CaseFileField name="fileId" label="无效宣告请求受理通知书" kind="invalidationNotice" party="respondent" />
      <NoteField />
    </ActionModal>
  );
}

export function RefuseSuspensionModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="refuseSuspension"
      props={props}
      form={form}
      toBody={(v) => ({ ground: v.ground, reason: v.reason, invalidationCaseNo: t(v.invalidationCaseNo) })}
    >
      <Hint>被请求人请求中止，但有下列情形之一的，可以不中止处理（山东省专利条例 第十九条第二款）。</Hint>
      <Form.Item name="ground" label="不予中止的情形" rules={[{ required: true, message: '请选择不予中止的情形' }]}>
        <Select options={(Object.keys(SUSPENSION_REFUSAL_GROUNDS) as SuspensionRefusalGround[]).map((k) => ({ value: k, label: SUSPENSION_REFUSAL_GROUNDS[k] }))} />
      </Form.Item>
      <NoteField name="reason" label="理由" rows={3} req="请填写不予中止的理由" />
      <Form.Item name="invalidationCaseNo" label="无效宣告请求案件编号（如有）">
        <Input maxLength={60} className="zc-mono" />
      </Form.Item>
    </ActionModal>
  );
}

export function ResumeModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal
      action="resume"
      props={props}
      form={form}
      initialValues={{ resumedOn: today(), invalidationResult: 'valid' }}
      toBody={(v) => ({ invalidationResult: v.invalidationResult, invalidationDecidedOn: dv(v.invalidationDecidedOn), resumedOn: dv(v.resumedOn), note: t(v.note) })}
    >
      <Hint>国家知识产权局作出维持专利权有效或者宣告部分无效的审查决定后，恢复处理，暂停的期限自恢复之日起继续计算。专利权被宣告全部无效的，请使用“专利权无效驳回请求”。</Hint>
      <Form.Item name="invalidationResult" label="无效宣告审查决定" rules={[{ required: true, message: '请选择无效宣告审查决定结果' }]}>
        <Radio.Group options={(['valid', 'partlyValid'] as const).map((k) => ({ value: k, label: INVALIDATION_RESULTS[k] }))} />
      </Form.Item>
      <DateField name="invalidationDecidedOn" label="审查决定日期" />
      <DateField name="resumedOn" label="恢复审理日期" />
      <NoteField />
    </ActionModal>
  );
}

export function DismissInvalidatedModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="dismissInvalidated" props={props} form={form} okText="驳回请求" toBody={(v) => ({ invalidationDecidedOn: dv(v.invalidationDecidedOn), note: t(v.note) })}>
      <Hint>涉案专利权被宣告全部无效的，驳回处理请求，本案结案。</Hint>
      <DateField name="invalidationDecidedOn" label="宣告无效的审查决定日期" />
      <NoteField label="说明" />
    </ActionModal>
  );
}

export function DismissNoReportModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="dismissNoReport" props={props} form={form} okText="驳回请求" toBody={(v) => ({ note: v.note })}>
      <Hint>请求人无正当理由拒不提供专利权评价报告的，驳回处理请求（山东省专利条例 第二十条）。</Hint>
      <NoteField label="驳回说明" rows={3} req="请填写驳回说明" />
    </ActionModal>
  );
}

function EndModal({ action, props, hint }: { action: 'withdraw' | 'settle'; props: ActionModalProps; hint: string }) {
  const [form] = Form.useForm();
  return (
    <ActionModal action={action} props={props} form={form} initialValues={{ endedOn: today() }} toBody={(v) => ({ endedOn: dv(v.endedOn), note: v.note })}>
      <Hint>{hint}</Hint>
      <DateField name="endedOn" label={action === 'withdraw' ? '撤回日期' : '和解日期'} />
      <NoteField label="说明" rows={3} req="请填写说明" />
    </ActionModal>
  );
}
export const WithdrawModal = (p: ActionModalProps) => <EndModal action="withdraw" props={p} hint="请求人在裁决作出前撤回请求的，本案结案，未完成的期限一并终止。" />;
export const SettleModal = (p: ActionModalProps) => <EndModal action="settle" props={p} hint="当事人自行和解的，本案结案；和解协议可作为材料上传。" />;

export function DamagesMediationModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="startDamagesMediation" props={props} form={form} toBody={(v) => ({ amountClaimed: (v.amountClaimed as number | undefined) ?? null, claims: v.claims })}>
      <Hint>侵犯专利权的赔偿数额，可以应当事人的请求进行调解；调解不成的，当事人可以向人民法院起诉（专利法 第六十五条）。调解另行登记，裁决程序继续进行。</Hint>
      <Form.Item name="amountClaimed" label="请求人主张的赔偿数额（元）">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <NoteField name="claims" label="调解请求（赔偿数额及理由）" rows={3} req="请填写调解请求" />
    </ActionModal>
  );
}

// ---------- 裁决 ----------

export function DecideModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const d = props.detail;
  const decision = Form.useWatch('decision', form) as AdjudicationDecision | undefined;
  return (
    <ActionModal
      action="decide"
      props={props}
      form={form}
      width={720}
      okText="作出裁决"
      initialValues={{ decidedOn: today(), orders: [] }}
      toBody={(v) => ({
        decision: v.decision,
        decidedOn: dv(v.decidedOn),
        orders: v.decision === 'infringement' ? ((v.orders as AdjudicationOrder[] | undefined) ?? []) : [],
        decisionSummary: v.decisionSummary,
      })}
    >
      <Hint>
        自立案之日起三个月内作出裁决{d.decisionDueOn ? `（法定结案期限 ${fmtDate(d.decisionDueOn)}` : ''}
        {d.pilotTargetOn ? `，本局办结目标 ${fmtDate(d.pilotTargetOn)}）` : d.decisionDueOn ? '）' : ''}。认定侵权行为成立的，责令侵权人立即停止侵权行为（专利法 第六十五条）。裁决后请在“文书”中生成行政裁决书并送达双方当事人。
      </Hint>
      <Form.Item name="decision" label="裁决结论" rules={[{ required: true, message: '请选择裁决结论' }]}>
        <Radio.Group options={(Object.keys(ADJUDICATION_DECISIONS) as AdjudicationDecision[]).map((k) => ({ value: k, label: ADJUDICATION_DECISIONS[k] }))} data-testid="decision" />
      </Form.Item>
      {decision === 'infringement' && (
        <Form.Item name="orders" label="责令事项" extra="山东省专利条例 第二十五条" rules={[{ required: true, type: 'array', min: 1, message: '认定侵权的，请选择责令停止侵权的事项' }]}>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            options={(Object.keys(ADJUDICATION_ORDERS) as AdjudicationOrder[]).map((k) => ({ value: k, label: ADJUDICATION_ORDERS[k] }))}
            data-testid="orders"
          />
        </Form.Item>
      )}
      <DateField name="decidedOn" label="裁决日期" />
      <NoteField name="decisionSummary" label="裁决主文" rows={5} req="请填写裁决主文" />
    </ActionModal>
  );
}

// ---------- 裁决后 ----------

export function LawsuitModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const due = props.detail.lawsuitDueOn;
  const filedOn = ymd(Form.useWatch('filedOn', form) as Dayjs | undefined);
  const late = !!(due && filedOn && filedOn > due);
  return (
    <ActionModal
      action="recordLawsuit"
      props={props}
      form={form}
      initialValues={{ lateConfirmed: false }}
      toBody={(v) => ({ plaintiff: v.plaintiff, court: v.court, caseNo: v.caseNo, filedOn: dv(v.filedOn), lateConfirmed: late && !!v.lateConfirmed, note: t(v.note) })}
    >
      <Hint>当事人不服裁决的，可以自收到裁决书之日起十五日内依照行政诉讼法向人民法院起诉（专利法 第六十五条）{due ? `；本案起诉期至 ${fmtDate(due)}` : ''}。</Hint>
      <Form.Item name="plaintiff" label="起诉的当事人" rules={[{ required: true, message: '请选择起诉的当事人' }]}>
        <Radio.Group options={[{ value: 'requester', label: `请求人 ${props.detail.requester.name}` }, { value: 'respondent', label: `被请求人 ${props.detail.respondent.name}` }]} />
      </Form.Item>
      <Form.Item name="court" label="受理诉讼的人民法院" rules={required('请填写受理诉讼的人民法院')}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="caseNo" label="法院案号" rules={required('请填写法院案号')}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <DateField name="filedOn" label="起诉日期" />
        </Col>
      </Row>
      {late && (
        <Form.Item name="lateConfirmed" valuePropName="checked" rules={[{ validator: async (_r, v) => { if (!v) throw new Error('起诉日期晚于起诉期届满日，请确认人民法院已受理'); } }]}>
          <Checkbox>起诉日期晚于起诉期届满日（{fmtDate(due)}），人民法院已受理</Checkbox>
        </Form.Item>
      )}
      <NoteField />
    </ActionModal>
  );
}

export function EffectiveModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  const d = props.detail;
  return (
    <ActionModal action="becomeEffective" props={props} form={form} initialValues={{ effectiveOn: today() }} toBody={(v) => ({ effectiveOn: dv(v.effectiveOn), note: t(v.note) })}>
      {d.guide.effectiveAllowed ? (
        <Hint>起诉期已届满{d.lawsuitDueOn ? `（${fmtDate(d.lawsuitDueOn)}）` : ''}，当事人未起诉的，裁决生效。侵权人期满不起诉又不停止侵权行为的，可以申请人民法院强制执行（专利法 第六十五条）。</Hint>
      ) : (
        <Alert className="zk-block" type="warning" showIcon title={`起诉期尚未届满${d.lawsuitDueOn ? `（至 ${fmtDate(d.lawsuitDueOn)}）` : ''}，届满后方可登记裁决生效。`} />
      )}
      <DateField name="effectiveOn" label="生效日期" />
      <NoteField />
    </ActionModal>
  );
}

export function JudgmentModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="recordJudgment" props={props} form={form} toBody={(v) => ({ result: v.result, judgedOn: dv(v.judgedOn), note: t(v.note) })}>
      <Form.Item name="result" label="判决结果" rules={[{ required: true, message: '请选择判决结果' }]} extra="撤销裁决的，裁决书的网上公开将一并撤回">
        <Radio.Group options={(Object.keys(JUDGMENT_RESULTS) as JudgmentResult[]).map((k) => ({ value: k, label: JUDGMENT_RESULTS[k] }))} />
      </Form.Item>
      <DateField name="judgedOn" label="判决日期" />
      <NoteField label="判决要点" rows={3} />
    </ActionModal>
  );
}

export function PerformanceModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="recordPerformance" props={props} form={form} initialValues={{ performedOn: today() }} toBody={(v) => ({ performedOn: dv(v.performedOn), note: t(v.note) })}>
      <DateField name="performedOn" label="履行日期" />
      <NoteField label="履行情况" rows={3} />
    </ActionModal>
  );
}

export function NonPerformanceModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="recordNonPerformance" props={props} form={form} initialValues={{ on: today() }} toBody={(v) => ({ on: dv(v.on), note: v.note })}>
      <Alert className="zk-block" type="warning" showIcon title="有履行能力而拒不履行生效行政裁决的，推送信用监管（列入失信行为记录）；可以申请人民法院强制执行。" />
      <DateField name="on" label="登记日期" />
      <NoteField label="拒不履行的情况" rows={3} req="请填写拒不履行的情况" />
    </ActionModal>
  );
}

export function EnforcementModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="applyEnforcement" props={props} form={form} initialValues={{ appliedOn: today() }} toBody={(v) => ({ appliedOn: dv(v.appliedOn), court: v.court, note: t(v.note) })}>
      <Hint>侵权人期满不起诉又不停止侵权行为的，可以申请人民法院强制执行（专利法 第六十五条）。</Hint>
      <DateField name="appliedOn" label="申请日期" />
      <Form.Item name="court" label="受理申请的人民法院" rules={required('请填写受理申请的人民法院')}>
        <Input maxLength={100} />
      </Form.Item>
      <NoteField />
    </ActionModal>
  );
}

export function CloseModal(props: ActionModalProps) {
  const [form] = Form.useForm();
  return (
    <ActionModal action="close" props={props} form={form} okText="结案" initialValues={{ closedOn: today() }} toBody={(v) => ({ closedOn: dv(v.closedOn), summary: v.summary })}>
      <DateField name="closedOn" label="结案日期" />
      <NoteField name="summary" label="结案意见" rows={3} req="请填写结案意见" />
    </ActionModal>
  );
}

/** Actions offered as header buttons with their modal (publish / unpublish go through the publication forms). */
const MODALS: Partial<Record<AdjudicationAction, (p: ActionModalProps) => ReactNode>> = {
  file: FileModal,
  reject: RejectModal,
  assignPanel: AssignPanelModal,
  serveRequest: ServeRequestModal,
  recordAnswer: RecordAnswerModal,
  forwardAnswer: ForwardAnswerModal,
  scheduleHearing: ScheduleHearingModal,
  holdHearing: HoldHearingModal,
  chooseWrittenReview: WrittenReviewModal,
  requestEvaluationReport: RequestReportModal,
  startAppraisal: StartAppraisalModal,
  endAppraisal: EndAppraisalModal,
  requestAssist: RequestAssistModal,
  refuseSuspension: RefuseSuspensionModal,
  suspend: SuspendModal,
  resume: ResumeModal,
  dismissInvalidated: DismissInvalidatedModal,
  dismissNoReport: DismissNoReportModal,
  withdraw: WithdrawModal,
  settle: SettleModal,
  startDamagesMediation: DamagesMediationModal,
  decide: DecideModal,
  serveDecision: ServeDecisionModal,
  recordLawsuit: LawsuitModal,
  becomeEffective: EffectiveModal,
  recordJudgment: JudgmentModal,
  recordPerformance: PerformanceModal,
  recordNonPerformance: NonPerformanceModal,
  applyEnforcement: EnforcementModal,
  close: CloseModal,
};

export function modalFor(action: AdjudicationAction): ((p: ActionModalProps) => ReactNode) | null {
  return MODALS[action] ?? null;
}

/** Memo helper for the page: which allowed actions have a modal. */
export function useHeaderActions(allowed: readonly AdjudicationAction[]) {
  return useMemo(() => allowed.filter((a) => MODALS[a]), [allowed]);
}
