/**
 * One modal for every lead action: the fields each action needs (reason codes from the shared tables with their
 * article, dates, texts), checked by the same zod schema as the server, sent with the lead's row version.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  FILING_DECISIONS,
  LEAD_ACTIONS,
  LEAD_ACTION_INPUTS,
  LEAD_NOTICE_METHODS,
  LEAD_REJECTION_REASONS,
  LEAD_RETURN_REASONS,
  LEAD_TERMINATION_REASONS,
  LEAD_VERIFICATION_PAUSE_REASONS,
  MEDIATION_AGREEMENT_FORMS,
  VERIFICATION_RESULTS,
  type LeadDetailDto,
  type LeadUnitOptionDto,
  type LeadUserAction,
  type ReasonCode,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, issueMessage } from '../../api/forms';
import { chinaParts, partsDay } from '../../ui/chinaTime';
import { showSuccess } from '../../ui/feedback';

type Field =
  | { kind: 'unit'; name: 'toUnitId'; label: string; targets: 'dispatch' | 'assign' }
  | { kind: 'reason'; name: 'reasonCode'; label: string; table: Record<string, ReasonCode> }
  | { kind: 'options'; name: string; label: string; options: Record<string, string>; radio?: boolean }
  | { kind: 'date'; name: 'on' | 'from'; label: string; required: boolean; extra?: string }
  | { kind: 'text'; name: string; label: string; rows?: number; required?: boolean; placeholder?: string; extra?: string }
  | { kind: 'consent'; name: 'bothConsent'; label: string };

interface FormDef {
  title: string;
  hint?: ReactNode;
  fields: Field[];
  danger?: boolean;
}

const noteField: Field = { kind: 'text', name: 'note', label: '说明（内部）', rows: 2 };
const onField = (label = '日期', extra?: string): Field => ({ kind: 'date', name: 'on', label, required: false, extra: extra ?? '不填为今天' });

/** What each action asks for. Statutory periods are named so the officer knows what starts or stops. */
const FORMS: Record<LeadUserAction, FormDef> = {
  dispatch: {
    title: '分派',
    hint: '分派至有处理权限的县级局签收办理；县级局无处理权限的，应退回统一受理机构，不得自行移送（暂行办法 第三十七条）。',
    fields: [{ kind: 'unit', name: 'toUnitId', label: '承办机构', targets: 'dispatch' }, noteField],
  },
  sign: { title: '签收', hint: '签收后由本机构依法办理，办理期限自收到之日起计算，不因签收而重新起算。', fields: [noteField] },
  return: {
    title: '退回',
    hint: '不属于本机构处理权限的，退回上一级（市场监管所退回县级局，县级局退回统一受理机构），不得自行转送其他机构（暂行办法 第三十七条）。',
    fields: [
      { kind: 'reason', name: 'reasonCode', label: '退回理由', table: LEAD_RETURN_REASONS },
      { kind: 'text', name: 'note', label: '具体说明', rows: 3, required: true, placeholder: '如：被举报人实际经营地不在本辖区' },
    ],
  },
  assign: { title: '指派', hint: '指派至本局下属的市场监管所办理，由其以本局名义处理（暂行办法 第二十六条）。', fields: [{ kind: 'unit', name: 'toUnitId', label: '市场监管所', targets: 'assign' }, noteField] },
  accept: { title: '受理', hint: '自收到投诉之日起七个工作日内作出受理决定并告知投诉人（暂行办法 第十四条）。网上投诉的投诉人可在进度查询中看到。', fields: [onField('受理日期'), noteField] },
  reject: {
    title: '不予受理',
    hint: '不予受理的，应当告知投诉人并说明理由（暂行办法 第十四条、第十五条）。',
    danger: true,
    fields: [
      { kind: 'reason', name: 'reasonCode', label: '不予受理情形（第十五条）', table: LEAD_REJECTION_REASONS },
      { kind: 'text', name: 'publicText', label: '告知投诉人的理由', rows: 3, required: true, extra: '投诉人可以看到，请写明理由和可以采取的其他途径' },
      onField('决定日期'),
    ],
  },
  startMediation: {
    title: '组织调解',
    hint: '经投诉人和被投诉人同意，采用调解的方式处理投诉；调解期限为自受理之日起四十五个工作日（暂行办法 第十六条、第二十一条）。',
    fields: [{ kind: 'consent', name: 'bothConsent', label: '投诉人和被投诉人均同意调解' }, { kind: 'text', name: 'mediators', label: '调解人员' }, onField('开始调解日期'), noteField],
  },
  startTesting: {
    title: '检定、检验、检测、鉴定',
    hint: '检定、检验、检测、鉴定所需时间不计算在调解期限内（暂行办法 第二十条），自开始之日起暂停计算。',
    fields: [{ kind: 'date', name: 'from', label: '开始日期', required: true }, { kind: 'text', name: 'note', label: '事项', rows: 2, required: true, placeholder: '如：委托某检测机构鉴定商品真伪' }],
  },
  endTesting: { title: '检测鉴定完毕', hint: '自该日起恢复计算调解期限。', fields: [{ kind: 'date', name: 'on', label: '恢复计算日期', required: true }, noteField] },
  suspendMediation: {
    title: '中止调解（回避申请）',
    hint: '投诉人或者被投诉人对调解人员提出回避申请的，应当中止调解，并作出是否回避的决定（暂行办法 第十九条）；中止期间不计入调解期限。',
    fields: [{ kind: 'date', name: 'from', label: '中止日期', required: true }, { kind: 'text', name: 'note', label: '回避申请情况', rows: 2, required: true }],
  },
  resumeMediation: {
    title: '恢复调解',
    fields: [{ kind: 'date', name: 'on', label: '恢复日期', required: true }, { kind: 'text', name: 'note', label: '是否回避的决定', rows: 2, required: true }],
  },
  agreementReached: {
    title: '达成调解协议',
    hint: '现场调解达成协议的应制作调解书（即时履行或双方同意不制作的除外），未制作调解书的做好调解记录备查（暂行办法 第二十二条）。',
    fields: [
      { kind: 'options', name: 'form', label: '形式', options: MEDIATION_AGREEMENT_FORMS, radio: true },
      { kind: 'text', name: 'result', label: '调解结果', rows: 3, required: true, extra: '投诉人可以看到' },
      onField('达成日期'),
    ],
  },
  terminateMediation: {
    title: '终止调解',
    hint: '终止调解的，应当自作出决定之日起七个工作日内告知投诉人和被投诉人（暂行办法 第二十一条）。',
    danger: true,
    fields: [
      { kind: 'reason', name: 'reasonCode', label: '终止情形（第二十一条）', table: LEAD_TERMINATION_REASONS },
      { kind: 'text', name: 'note', label: '具体情况', rows: 3, required: true },
      onField('决定日期'),
    ],
  },
  notifyTermination: {
    title: '告知终止调解',
    hint: '已将终止调解决定告知投诉人和被投诉人，本件办结。',
    fields: [{ kind: 'options', name: 'method', label: '告知方式', options: LEAD_NOTICE_METHODS }, onField('告知日期'), noteField],
  },
  spawnLead: {
    title: '转违法线索',
    hint: '在调解中发现涉嫌违反市场监督管理法律、法规、规章线索的，应当自发现之日起十五个工作日内予以核查（暂行办法 第二十三条）。将生成一条新线索。',
    fields: [
      { kind: 'text', name: 'title', label: '线索标题', rows: 1, required: true },
      { kind: 'text', name: 'facts', label: '发现的违法线索', rows: 4, required: true },
      onField('发现日期'),
    ],
  },
  startVerification: { title: '开始核查', hint: '自收到之日起十五个工作日内核查并决定是否立案（程序规定 第十八条）；特殊情况需延期的，请在办理期限中申请延期。', fields: [noteField] },
  pauseVerification: {
    title: '核查暂停计时',
    hint: '检测、检验、检疫、鉴定以及权利人辨认或者鉴别等所需时间不计入核查期限。',
    fields: [
      { kind: 'reason', name: 'reasonCode', label: '事由', table: LEAD_VERIFICATION_PAUSE_REASONS },
      { kind: 'date', name: 'from', label: '开始日期', required: true },
      noteField,
    ],
  },
  resumeVerification: { title: '恢复核查计时', fields: [{ kind: 'date', name: 'on', label: '恢复计算日期', required: true }, noteField] },
  submitVerification: {
    title: '提交核查结果',
    hint: '核查结果和处理建议报负责人审批。',
    fields: [
      { kind: 'options', name: 'result', label: '核查结果', options: VERIFICATION_RESULTS, radio: true },
      { kind: 'options', name: 'proposal', label: '处理建议', options: FILING_DECISIONS, radio: true },
      { kind: 'text', name: 'opinion', label: '核查情况及意见', rows: 4, required: true },
    ],
  },
  approveFiling: { title: '批准立案', hint: '批准后由承办机构登记案件。实名举报的，应自决定之日起五个工作日内告知举报人（暂行办法 第三十一条）。', fields: [{ kind: 'text', name: 'opinion', label: '审批意见', rows: 2 }, onField('决定日期')] },
  declineFiling: { title: '不予立案', danger: true, fields: [{ kind: 'text', name: 'opinion', label: '不予立案理由', rows: 3, required: true }, onField('决定日期')] },
  sendBack: { title: '退回补充核查', fields: [{ kind: 'text', name: 'opinion', label: '需要补充核查的内容', rows: 3, required: true }] },
  notifyReporter: {
    title: '告知举报人',
    hint: '实名举报人应自作出是否立案决定之日起五个工作日内告知（暂行办法 第三十一条）。网上举报的，举报人可在进度查询中看到核查结果和立案决定。',
    fields: [{ kind: 'options', name: 'method', label: '告知方式', options: LEAD_NOTICE_METHODS }, onField('告知日期'), noteField],
  },
  close: { title: '办结', hint: '办理结果对网上诉求的提交人公开，提交人可以评价。', fields: [{ kind: 'text', name: 'result', label: '办理结果', rows: 3, required: true }, onField('办结日期')] },
};

export function leadActionTitle(a: LeadUserAction): string {
  return FORMS[a]?.title ?? LEAD_ACTIONS[a];
}

export function isDangerAction(a: LeadUserAction): boolean {
  return !!FORMS[a]?.danger;
}

/** Checks one field with the action's zod schema (the same rules as the server). */
function fieldRule(action: LeadUserAction, name: string) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const schema = (LEAD_ACTION_INPUTS[action] as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: Parameters<typeof issueMessage>[0][] } } }> }).shape[name];
      if (!schema) return;
      const v = value === '' ? undefined : dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
      const r = schema.safeParse(v);
      if (!r.success && r.error) throw new Error(issueMessage(r.error.issues[0]!));
    },
  };
}

function unitOptions(targets: LeadUnitOptionDto[]) {
  return targets.map((u) => ({
    value: u.id,
    label: (
      <Space size={6}>
        {u.name}
        {u.suggested && <Tag color="green">建议</Tag>}
      </Space>
    ),
  }));
}

export function LeadActionModal({
  lead,
  action,
  onDone,
  onCancel,
  onConflict,
}: {
  lead: LeadDetailDto;
  action: LeadUserAction;
  onDone: (d: LeadDetailDto) => void;
  onCancel: () => void;
  onConflict: (e: unknown) => boolean;
}) {
  const def = FORMS[action];
  const [form] = Form.useForm<Record<string, unknown>>();
  const [sending, setSending] = useState(false);
  const today = partsDay(chinaParts(Date.now())!);
  const initial = useMemo(() => {
    const v: Record<string, unknown> = {};
    for (const f of def.fields) {
      if (f.kind === 'unit' && f.targets === 'dispatch') v.toUnitId = lead.dispatchTargets.find((t) => t.suggested)?.id;
      if (f.kind === 'options' && f.radio) v[f.name] = Object.keys(f.options)[0];
      if (f.kind === 'options' && f.name === 'method') v.method = 'phone';
      if (f.kind === 'date' && f.required) v[f.name] = dayjs(today);
    }
    if (action === 'submitVerification') v.proposal = 'fileCase';
    return v;
  }, [def, lead, action, today]);

  const submit = async (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = { version: lead.version };
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === '') continue;
      body[k] = dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : v;
    }
    setSending(true);
    try {
      const d = await api.post<LeadDetailDto>(`/api/leads/${lead.id}/actions/${action}`, body);
      showSuccess(`已${leadActionTitle(action)}`);
      onDone(d);
    } catch (e) {
      if (!onConflict(e)) applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      width={620}
      title={`${def.title} · ${lead.leadNo}`}
      okText={def.title}
      okButtonProps={{ danger: def.danger }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={sending}
      destroyOnHidden
    >
      {def.hint && <Alert type="info" showIcon title={def.hint} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid={`lead-action-form-${action}`}>
        {def.fields.map((f) => {
          switch (f.kind) {
            case 'unit':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
                  <Select placeholder={`请选择${f.label}`} options={unitOptions(f.targets === 'dispatch' ? lead.dispatchTargets : lead.assignTargets)} />
                </Form.Item>
              );
            case 'reason':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
                  <Select
                    placeholder="请选择"
                    optionLabelProp="short"
                    options={Object.entries(f.table).map(([code, r]) => ({
                      value: code,
                      short: r.label,
                      label: (
                        <div style={{ whiteSpace: 'normal' }}>
                          {r.label}
                          <Typography.Text type="secondary">（{r.basis}）</Typography.Text>
                        </div>
                      ),
                    }))}
                  />
                </Form.Item>
              );
            case 'options':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请选择${f.label}` }]}>
                  {f.radio ? (
                    <Radio.Group optionType="button" options={Object.entries(f.options).map(([value, label]) => ({ value, label }))} />
                  ) : (
                    <Select options={Object.entries(f.options).map(([value, label]) => ({ value, label }))} />
                  )}
                </Form.Item>
              );
            case 'date':
              return (
                <Form.Item
                  key={f.name}
                  name={f.name}
                  label={f.label}
                  extra={f.extra}
                  rules={[...(f.required ? [{ required: true, message: `请选择${f.label}` }] : []), fieldRule(action, f.name)]}
                >
                  <DatePicker style={{ width: 220 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
                </Form.Item>
              );
            case 'consent':
              return (
                <Form.Item key={f.name} name={f.name} valuePropName="checked" rules={[fieldRule(action, f.name)]}>
                  <Checkbox>{f.label}</Checkbox>
                </Form.Item>
              );
            default:
              return (
                <Form.Item
                  key={f.name}
                  name={f.name}
                  label={f.label}
                  extra={f.extra}
                  rules={[...(f.required ? [{ required: true, whitespace: true, message: `请填写${f.label}` }] : []), fieldRule(action, f.name)]}
                >
                  {f.rows === 1 ? <Input maxLength={200} placeholder={f.placeholder} /> : <Input.TextArea rows={f.rows ?? 3} maxLength={f.name === 'facts' ? 5000 : 2000} showCount placeholder={f.placeholder} />}
                </Form.Item>
              );
          }
        })}
      </Form>
    </Modal>
  );
}
