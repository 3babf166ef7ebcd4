/**
 * 立案登记 (from a lead whose 立案 the head approved) and 简易程序 (当场处罚) forms, with the party's fields (单位: 统一社会信用代码
 * checked; 自然人: 身份证号 checked) and the handler picker (officers holding a 行政执法证, 行政处罚法 第四十二条).
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Typography,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CASE_PENALTY_KINDS,
  CASE_TYPE_LIST,
  CASE_TYPES,
  SIMPLIFIED_FINE_LIMIT,
  checkPenalty,
  checkResidentIdNo,
  type CaseDetailDto,
  type CaseOfficerDto,
  type CasePenaltyKind,
  type CasePrefillDto,
  type CaseTypeKey,
  type UnitDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, usccRule } from '../../api/forms';
import { loadSite } from '../../api/site';
import type { RegionDto } from '../../api/types';
import { useMe } from '../../admin/auth';
import { showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';
import { notFuture, ymd, yuan } from './labels';

// ---------- 当事人 ----------

/** The counties of the site's city (当事人所在区县). */
export function CountySelect({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { data, loading } = useRequest(
    async (signal) => {
      const site = await loadSite();
      const city = site.cityCode?.slice(0, 4);
      return city ? api.get<RegionDto[]>('/api/regions', { parent: city }, { signal }) : [];
    },
    [],
    { onError: () => undefined },
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder="选择所在区县"
      options={(data ?? []).map((r) => ({ value: r.code, label: r.name }))}
    />
  );
}

const idNoRule = {
  validator: async (_r: unknown, value: unknown) => {
    if (!value) throw new Error('请输入身份证号码');
    const c = checkResidentIdNo(String(value).trim().toUpperCase());
    if (!c.ok) throw new Error(c.message);
  },
};

export function PartyFields({ form }: { form: FormInstance }) {
  const kind = Form.useWatch(['party', 'kind'], form) as 'organization' | 'person' | undefined;
  return (
    <>
      <Form.Item name={['party', 'kind']} label="当事人类别" rules={[{ required: true, message: '请选择当事人类别' }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'organization', label: '单位' },
            { value: 'person', label: '自然人' },
          ]}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['party', 'name']} label={kind === 'person' ? '姓名' : '名称'} rules={[{ required: true, whitespace: true, message: '请填写当事人' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {kind === 'person' ? (
            <Form.Item name={['party', 'idNo']} label="身份证号码" required rules={[idNoRule]} extra="加密保存，页面仅显示脱敏号码">
              <Input maxLength={18} className="zc-mono" />
            </Form.Item>
          ) : (
            <Form.Item name={['party', 'uscc']} label="统一社会信用代码" required rules={[usccRule]}>
              <Input maxLength={18} className="zc-mono" />
            </Form.Item>
          )}
        </Col>
        {kind !== 'person' && (
          <Col xs={24} md={12}>
            <Form.Item name={['party', 'legalRep']} label="法定代表人（负责人）" rules={[{ required: true, whitespace: true, message: '请填写法定代表人（负责人）' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name={['party', 'regionCode']} label="所在区县" rules={kind === 'person' ? [] : [{ required: true, message: '请选择所在区县' }]}>
            <CountySelect />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={['party', 'address']} label={kind === 'person' ? '住址' : '住所（经营场所）'} rules={kind === 'person' ? [] : [{ required: true, whitespace: true, message: '请填写住所' }]}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** The party as the API takes it (only the fields of its kind). */
function partyBody(p: Record<string, string | undefined>) {
  const t = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
  return p.kind === 'person'
    ? { kind: 'person', name: t(p.name), idNo: t(p.idNo)?.toUpperCase(), address: t(p.address), regionCode: t(p.regionCode) }
    : { kind: 'organization', name: t(p.name), uscc: t(p.uscc)?.toUpperCase(), legalRep: t(p.legalRep), address: t(p.address), regionCode: t(p.regionCode) };
}

// ---------- 承办人员 ----------

const officerLabel = (o: CaseOfficerDto) => `执法证号 ${o.certNo} · ${o.displayName} · ${o.unitName}`;

/** 主办 + 协办: officers with a 行政执法证 of the case's county bureau and below. */
export function HandlerFields({ unitId, min }: { unitId: number | null | undefined; min: 1 | 2 }) {
  const officers = useRequest(
    (signal) => api.get<CaseOfficerDto[]>('/api/cases/officers', unitId ? { unitId } : undefined, { signal }),
    [unitId],
    { enabled: unitId !== undefined },
  );
  const options = (officers.data ?? []).map((o) => ({ value: o.id, label: officerLabel(o) }));
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="leadHandlerId" label="主办人" rules={[{ required: true, message: '请选择主办人' }]}>
          <Select options={options} popupMatchSelectWidth={false} loading={officers.loading} showSearch={{ optionFilterProp: 'label' }} placeholder="持有行政执法证的执法人员" data-testid="lead-handler" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="assistantHandlerIds"
          label="协办人"
          rules={min === 2 ? [{ required: true, type: 'array', min: 1, message: '执法人员不得少于两人（行政处罚法 第四十二条）' }] : []}
          extra={min === 2 ? '执法人员不得少于两人（行政处罚法 第四十二条）' : '简易程序可由一名执法人员出示执法证件当场作出（第五十二条）'}
        >
          <Select mode="multiple" options={options} popupMatchSelectWidth={false} loading={officers.loading} showSearch={{ optionFilterProp: 'label' }} data-testid="assistant-handlers" />
        </Form.Item>
      </Col>
    </Row>
  );
}

// ---------- 立案登记 ----------

interface FileValues {
  caseType: CaseTypeKey;
  title: string;
  party: Record<string, string | undefined>;
  facts: string;
  major: boolean;
  illegalTurnover?: number | null;
  illegalGains?: number | null;
  repeatWithin5Years: boolean;
  leadHandlerId: number;
  assistantHandlerIds: number[];
}

/** 立案登记表 drawer, prefilled from the lead (GET /api/cases/prefill-from-lead/:leadId). */
export function FileCaseDrawer({ leadId, onClose, onFiled }: { leadId: number; onClose: () => void; onFiled: (c: CaseDetailDto) => void }) {
  const [form] = Form.useForm<FileValues>();
  const [sending, setSending] = useState(false);
  const prefill = useRequest((signal) => api.get<CasePrefillDto>(`/api/cases/prefill-from-lead/${leadId}`, undefined, { signal }), [leadId]);
  const caseType = Form.useWatch('caseType', form);

  useEffect(() => {
    const p = prefill.data;
    if (!p) return;
    form.setFieldsValue({
      caseType: p.caseType,
      title: p.title,
      facts: p.facts,
      major: false,
      repeatWithin5Years: false,
      party: { kind: p.party.kind, name: p.party.name, uscc: p.party.uscc ?? undefined, address: p.party.address ?? undefined, regionCode: p.party.regionCode ?? undefined },
      assistantHandlerIds: [],
    });
  }, [prefill.data, form]);

  const submit = async (v: FileValues) => {
    setSending(true);
    try {
      const c = await api.post<CaseDetailDto>('/api/cases', {
        leadId,
        caseType: v.caseType,
        title: v.title,
        party: partyBody(v.party),
        facts: v.facts,
        major: !!v.major,
        illegalTurnover: v.illegalTurnover ?? null,
        illegalGains: v.illegalGains ?? null,
        repeatWithin5Years: !!v.repeatWithin5Years,
        leadHandlerId: v.leadHandlerId,
        assistantHandlerIds: v.assistantHandlerIds ?? [],
      });
      showSuccess(`已立案，立案号 ${c.caseNo}`);
      onFiled(c);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      size={760}
      title={prefill.data ? `立案登记 · 线索 ${prefill.data.leadNo}` : '立案登记'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} disabled={!prefill.data} onClick={() => form.submit()} data-testid="file-case-submit">
            立案
          </Button>
        </Space>
      }
    >
      {prefill.loading ? (
        <Spin />
      ) : prefill.error ? (
        <Alert type="error" showIcon title="该线索不能立案登记" description={(prefill.error as Error).message} />
      ) : (
        <Form<FileValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="file-case-form">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`办案机构：${prefill.data?.unitName ?? ''}${prefill.data?.fromComplaint ? '（诉转案）' : ''}`}
            description="立案之日起九十日内作出行政处罚决定（行政处罚法 第六十条）；中止、听证、检测检验检疫鉴定、权利人辨认或者鉴别期间不计入。"
          />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="caseType" label="案件类型" rules={[{ required: true, message: '请选择案件类型' }]}>
                <Select options={CASE_TYPE_LIST.map((t) => ({ value: t, label: CASE_TYPES[t] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="title" label="案由" rules={[{ required: true, whitespace: true, message: '请填写案由' }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>当事人</Typography.Title>
          <PartyFields form={form} />
          <Form.Item name="facts" label="案件事实" rules={[{ required: true, min: 10, message: '请填写案件事实（不少于 10 个字）' }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Row gutter={16}>
            {caseType === 'trademarkInfringement' && (
              <Col xs={24} md={8}>
                <Form.Item name="illegalTurnover" label="违法经营额（元）" extra="商标法 第六十条：罚款上限按此计算">
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            {caseType === 'patentCounterfeiting' && (
              <Col xs={24} md={8}>
                <Form.Item name="illegalGains" label="违法所得（元）" extra="专利法 第六十八条：罚款上限按此计算">
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="major" valuePropName="checked" label=" " extra="须经负责人集体讨论决定（行政处罚法 第五十七条第二款）">
                <Checkbox>重大案件</Checkbox>
              </Form.Item>
            </Col>
            {caseType === 'trademarkInfringement' && (
              <Col xs={24} md={8}>
                <Form.Item name="repeatWithin5Years" valuePropName="checked" label=" " extra="应当从重处罚（商标法 第六十条第二款）">
                  <Checkbox>五年内两次以上侵权</Checkbox>
                </Form.Item>
              </Col>
            )}
          </Row>
          <Typography.Title level={5}>承办人员</Typography.Title>
          <HandlerFields unitId={prefill.data?.unitId} min={2} />
        </Form>
      )}
    </Drawer>
  );
}

// ---------- 简易程序 ----------

interface SimpleValues {
  unitId?: number;
  caseType: CaseTypeKey;
  title: string;
  party: Record<string, string | undefined>;
  facts: string;
  penaltyKinds: CasePenaltyKind[];
  fineAmount?: number | null;
  decisionSummary: string;
  legalBasis: string;
  place: string;
  decidedOn?: Dayjs;
  decisionDocNo?: string;
  onSpotCollection?: 'smallFine' | 'hardToEnforce' | 'none';
  leadHandlerId: number;
  assistantHandlerIds: number[];
}

const SIMPLE_KINDS: CasePenaltyKind[] = ['warning', 'fine', 'orderToStop', 'orderToCorrect'];

/** 简易程序: 当场作出、当场交付 (行政处罚法 第五十一条、第五十二条); the limits are checked as the officer types. */
export function SimplifiedDrawer({ onClose, onFiled }: { onClose: () => void; onFiled: (c: CaseDetailDto) => void }) {
  const me = useMe();
  const [form] = Form.useForm<SimpleValues>();
  const [sending, setSending] = useState(false);
  const units = useRequest((signal) => api.get<UnitDto[]>('/api/units', undefined, { signal }), [], { onError: () => undefined });
  const unitId = Form.useWatch('unitId', form) ?? me.unitId ?? undefined;
  const values = Form.useWatch([], form) as Partial<SimpleValues> | undefined;
  const check = useMemo(() => {
    if (!values?.penaltyKinds?.length || !values.caseType) return null;
    return checkPenalty({
      caseType: values.caseType,
      procedure: 'simplified',
      partyKind: (values.party?.kind as 'organization' | 'person') ?? 'organization',
      penaltyKinds: values.penaltyKinds,
      fineAmount: values.fineAmount ?? null,
      decisionSummary: values.decisionSummary ?? '',
    });
  }, [values]);
  const partyKind = (values?.party?.kind as 'organization' | 'person') ?? 'organization';

  const submit = async (v: SimpleValues) => {
    setSending(true);
    try {
      const c = await api.post<CaseDetailDto>('/api/cases/simplified', {
        unitId: v.unitId ?? undefined,
        caseType: v.caseType,
        title: v.title,
        party: partyBody(v.party),
        facts: v.facts,
        penaltyKinds: v.penaltyKinds,
        fineAmount: v.penaltyKinds.includes('fine') ? (v.fineAmount ?? null) : null,
        decisionSummary: v.decisionSummary,
        legalBasis: v.legalBasis,
        place: v.place,
        decidedOn: ymd(v.decidedOn),
        decisionDocNo: v.decisionDocNo?.trim() || null,
        onSpotCollection: v.onSpotCollection && v.onSpotCollection !== 'none' ? v.onSpotCollection : null,
        leadHandlerId: v.leadHandlerId,
        assistantHandlerIds: v.assistantHandlerIds ?? [],
      });
      showSuccess(`已登记当场处罚，案号 ${c.caseNo}`);
      onFiled(c);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      size={760}
      title="简易程序（当场处罚）"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="simplified-submit">
            登记当场处罚
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出行政处罚决定（行政处罚法 第五十一条）。"
        description="执法人员应当出示执法证件，填写预定格式、编有号码的行政处罚决定书，并当场交付当事人（第五十二条）。罚款自收到决定书之日起十五日内缴纳（第六十七条）。"
      />
      <Form<SimpleValues>
        form={form}
        layout="vertical"
        initialValues={{ caseType: 'trademarkInfringement', party: { kind: 'organization' }, penaltyKinds: ['fine'], decidedOn: dayjs(), onSpotCollection: 'none', assistantHandlerIds: [] }}
        onFinish={(v) => void submit(v)}
        data-testid="simplified-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label="办案机构" extra="默认为本人所在机构">
              <Select
                allowClear
                placeholder={me.unitName ?? '选择机构'}
                showSearch={{ optionFilterProp: 'label' }}
                options={(units.data ?? []).filter((u) => u.kind !== 'department').map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="caseType" label="案件类型" rules={[{ required: true, message: '请选择案件类型' }]}>
              <Select options={CASE_TYPE_LIST.map((t) => ({ value: t, label: CASE_TYPES[t] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="案由" rules={[{ required: true, whitespace: true, message: '请填写案由' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Title level={5}>当事人</Typography.Title>
        <PartyFields form={form} />
        <Form.Item name="facts" label="违法事实" rules={[{ required: true, min: 10, message: '请填写违法事实（不少于 10 个字）' }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Typography.Title level={5}>处罚决定</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="penaltyKinds" label="处罚种类" rules={[{ required: true, message: '请选择处罚种类' }]}>
              <Checkbox.Group options={SIMPLE_KINDS.map((k) => ({ value: k, label: CASE_PENALTY_KINDS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="fineAmount" label="罚款金额（元）" extra={`上限：${partyKind === 'person' ? '公民' : '单位'} ${yuan(SIMPLIFIED_FINE_LIMIT[partyKind])}`}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} disabled={!values?.penaltyKinds?.includes('fine')} />
            </Form.Item>
          </Col>
        </Row>
        {check && !check.ok && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={check.issues.map((i) => i.message).join('；')} data-testid="simplified-check" />}
        <Form.Item name="decisionSummary" label="处罚内容" rules={[{ required: true, whitespace: true, message: '请填写处罚内容' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="legalBasis" label="处罚依据" rules={[{ required: true, whitespace: true, message: '请填写处罚依据' }]}>
              <Input maxLength={500} placeholder="如 专利法 第六十八条" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label="处罚地点" rules={[{ required: true, whitespace: true, message: '请填写处罚地点' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}>
              <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decisionDocNo" label="决定书编号" extra="预定格式、编有号码的当场处罚决定书上的编号">
              <Input maxLength={60} className="zc-mono" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="onSpotCollection" label="当场收缴罚款" extra="行政处罚法 第六十八条：依法给予一百元以下罚款的，或者不当场收缴事后难以执行的">
          <Radio.Group
            options={[
              { value: 'none', label: '否（当事人到银行或电子支付缴纳）' },
              { value: 'smallFine', label: '一百元以下罚款' },
              { value: 'hardToEnforce', label: '不当场收缴事后难以执行' },
            ]}
          />
        </Form.Item>
        <Typography.Title level={5}>执法人员</Typography.Title>
        <HandlerFields unitId={unitId ?? null} min={1} />
      </Form>
    </Drawer>
  );
}
