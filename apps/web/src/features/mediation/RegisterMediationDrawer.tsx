/**
 * 登记调解: a party's application at the window, a court's 委派 (诉前) or 委托 (诉中) case, or a complaint turned to
 * mediation. Court cases need the court, its case number, the procedure (委托: 普通 15 日 / 简易 7 日) and the day the
 * mediator signed for the materials — the court period runs from that day (特邀调解规定 第二十七条).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  COURT_PROCEDURES,
  DISPUTE_TYPES,
  MEDIATION_IP_TYPES,
  REGISTRABLE_MEDIATION_SOURCES,
  type CourtProcedure,
  type DisputeType,
  type LeadListItemDto,
  type MediationDetailDto,
  type MediationIpType,
  type Page,
  type RegistrableMediationSource,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { useAuth } from '../../admin/auth';
import { showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';
import { UnitTreeSelect } from '../units/UnitTreeSelect';
import { useUnits } from '../units/useUnits';
import { notFuture, ymd } from './labels';
import { registerBody } from './bodies';
import { PartiesEditor, type PartyValues } from './PartiesEditor';

interface Values {
  source: RegistrableMediationSource;
  unitId?: number | null;
  appliedOn?: Dayjs;
  courtName?: string;
  courtCaseNo?: string;
  courtProcedure?: CourtProcedure;
  materialsReceivedOn?: Dayjs;
  leadId?: number;
  ipType: MediationIpType;
  disputeType: DisputeType;
  subject?: string;
  claims?: string;
  amountClaimed?: number | null;
  parties: PartyValues[];
}

const SOURCE_HINTS: Record<RegistrableMediationSource, string> = {
  application: '当事人到窗口申请调解。一方当事人明确拒绝调解的，不得调解（人民调解法 第十七条）。',
  courtDelegated: '人民法院在立案前委派调解，调解期限为 30 日，自调解员签收材料之日起算；双方同意可以延长（特邀调解规定 第二十七条）。',
  courtEntrusted: '人民法院立案后委托调解，调解期限普通程序 15 日、简易程序 7 日，自调解员签收材料之日起算；双方同意可以延长（特邀调解规定 第二十七条）。',
  complaint: '投诉受理后经双方同意转入调解，请选择来源投诉。',
};

const SOURCE_LABELS: Record<RegistrableMediationSource, string> = {
  application: '当事人申请',
  courtDelegated: '法院委派（诉前）',
  courtEntrusted: '法院委托（诉中）',
  complaint: '投诉转调解',
};

/** Complaint leads in the actor's scope, searched by number, title or respondent. */
function LeadPicker({ value, onChange, onPicked }: { value?: number; onChange?: (v: number | undefined) => void; onPicked?: (l: LeadListItemDto) => void }) {
  const [q, setQ] = useState('');
  const { data, loading } = useRequest(
    (signal) => api.get<Page<LeadListItemDto>>('/api/leads', { kind: 'complaint', tab: undefined, q: q || undefined, pageSize: 20 }, { signal }),
    [q],
    { onError: () => undefined },
  );
  const items = data?.items ?? [];
  return (
    <Select
      value={value}
      onChange={(v: number | undefined) => {
        onChange?.(v);
        const l = items.find((x) => x.id === v);
        if (l) onPicked?.(l);
      }}
      allowClear
      loading={loading}
      placeholder="输入线索编号、标题或被投诉人查找"
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim()) }}
      notFoundContent={loading ? '正在查找…' : '没有找到投诉'}
      options={items.map((l) => ({
        value: l.id,
        label: `${l.leadNo} ${l.title}（被投诉人：${l.respondentName}）`,
      }))}
      data-testid="lead-picker"
    />
  );
}

export function RegisterMediationDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (d: MediationDetailDto) => void }) {
  const { me, can } = useAuth();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const source = Form.useWatch('source', form) ?? 'application';
  const { units } = useUnits();
  const court = source === 'courtDelegated' || source === 'courtEntrusted';
  const initialValues = useMemo<Partial<Values>>(
    () => ({
      source: 'application',
      unitId: me?.unitId ?? null,
      appliedOn: dayjs(),
      ipType: 'patent',
      disputeType: 'infringementDamages',
      parties: [
        { side: 'applicant', kind: 'organization' },
        { side: 'respondent', kind: 'organization' },
      ],
    }),
    [me],
  );

  const toBody = (v: Values) =>
    registerBody({ ...v, appliedOn: ymd(v.appliedOn) ?? null, materialsReceivedOn: ymd(v.materialsReceivedOn) ?? null });

  const submit = async () => {
    setSending(true);
    try {
      // getFieldsValue(true): also the values of fields hidden by the current source.
      const d = await api.post<MediationDetailDto>('/api/mediations', toBody(form.getFieldsValue(true) as Values));
      showSuccess(`已登记调解 ${d.mediationNo}`);
      onCreated(d);
    } catch (e) {
      if (applyServerErrors(form, e)) {
        const first = form.getFieldsError().find((f) => f.errors.length > 0);
        if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      title="登记调解"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="mediation-register-submit">
            登记
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" scrollToFirstError initialValues={initialValues} onFinish={() => void submit()} data-testid="mediation-register-form">
        <Form.Item name="source" label="调解来源" rules={[{ required: true, message: '请选择调解来源' }]} extra={SOURCE_HINTS[source]}>
          <Radio.Group optionType="button" options={REGISTRABLE_MEDIATION_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
        </Form.Item>
        <Row gutter={16}>
          {units.length > 1 && (
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label="调解组织（所在机构）" extra="默认为本机构">
                <UnitTreeSelect units={units} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="appliedOn" label={court ? '收到委派（委托）日期' : '申请日期'} rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
        </Row>

        {court && (
          <>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="courtName" label="人民法院" rules={[{ required: true, whitespace: true, message: '请填写委派（委托）调解的人民法院' }]}>
                  <Input maxLength={100} placeholder="如 泰安市中级人民法院" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="courtCaseNo" label="法院案号" rules={[{ required: true, whitespace: true, message: '请填写法院案号' }]} extra={source === 'courtDelegated' ? '诉前调解号' : '民事案号'}>
                  <Input maxLength={60} className="zc-mono" placeholder="如 （2026）鲁09民初123号" />
                </Form.Item>
              </Col>
              {source === 'courtEntrusted' && (
                <Col xs={24} md={12}>
                  <Form.Item name="courtProcedure" label="适用程序" rules={[{ required: true, message: '请选择适用程序' }]} extra="普通程序 15 日，简易程序 7 日">
                    <Radio.Group optionType="button" options={(Object.keys(COURT_PROCEDURES) as CourtProcedure[]).map((p) => ({ value: p, label: COURT_PROCEDURES[p] }))} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={12}>
                <Form.Item name="materialsReceivedOn" label="签收材料日期" rules={[{ required: true, message: '请选择调解员签收法院材料的日期' }]} extra="调解期限自签收之日起算">
                  <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        {source === 'complaint' && (
          <Form.Item name="leadId" label="来源投诉" rules={[{ required: true, message: '请选择来源投诉' }]}>
            {can('lead.read') ? (
              <LeadPicker
                onPicked={(l) => {
                  if (!form.getFieldValue('subject')) form.setFieldValue('subject', l.title);
                  const parties = (form.getFieldValue('parties') as PartyValues[] | undefined) ?? [];
                  const i = parties.findIndex((p) => p.side === 'respondent');
                  if (i >= 0 && !parties[i].name) form.setFieldValue(['parties', i, 'name'], l.respondentName);
                }}
              />
            ) : (
              <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder="线索编号（内部编号）" />
            )}
          </Form.Item>
        )}

        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="ipType" label="知识产权类型" rules={[{ required: true, message: '请选择知识产权类型' }]}>
              <Select options={(Object.keys(MEDIATION_IP_TYPES) as MediationIpType[]).map((t) => ({ value: t, label: MEDIATION_IP_TYPES[t] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="disputeType" label="纠纷类型" rules={[{ required: true, message: '请选择纠纷类型' }]}>
              <Select options={(Object.keys(DISPUTE_TYPES) as DisputeType[]).map((t) => ({ value: t, label: DISPUTE_TYPES[t] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="subject"
          label="纠纷事由"
          rules={[
            { required: true, whitespace: true, message: '请填写纠纷事由' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input maxLength={200} showCount placeholder="如 某某公司与某某厂侵害实用新型专利权纠纷" />
        </Form.Item>
        <Form.Item
          name="claims"
          label="调解请求"
          rules={[
            { required: true, whitespace: true, message: '请填写申请调解的事项和请求' },
            { min: 5, message: '请至少用 5 个字说明' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="纠纷的主要事实和申请人的请求" />
        </Form.Item>
        <Form.Item name="amountClaimed" label="请求金额（元）" extra="涉及赔偿或费用的填写；没有的不填">
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>

        <PartiesEditor form={form} />
        {court && (
          <Alert type="info" showIcon title="法院移送的调解，结案前须向法院反馈调解结果。" style={{ marginTop: 8 }} />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          登记后系统自动编号（知调），并按来源开始计算期限。
        </Typography.Paragraph>
      </Form>
    </Drawer>
  );
}
