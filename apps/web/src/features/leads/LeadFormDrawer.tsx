/**
 * 登记线索: a lead from 12315, the provincial platform, an inspection, another department, a superior or online
 * monitoring. The same zod schema as the server checks the fields; the server's field errors are shown in place.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Col, DatePicker, Divider, Drawer, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CreateLeadInput,
  IP_TYPES,
  IP_TYPE_LIST,
  LEAD_KINDS,
  LEAD_KIND_LIST,
  LEAD_SOURCES,
  MANUAL_LEAD_SOURCES,
  type IpType,
  type LeadDetailDto,
  type LeadKind,
  type ManualLeadSource,
  type UnitDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import type { RegionDto } from '../../api/types';
import { applyServerErrors } from '../../api/forms';
import { chinaParts, partsDay } from '../../ui/chinaTime';
import { showSuccess } from '../../ui/feedback';

interface Values {
  kind: LeadKind;
  source: ManualLeadSource;
  externalId?: string;
  ipType: IpType;
  title: string;
  facts: string;
  respondentName: string;
  respondentUscc?: string;
  respondentAddress?: string;
  respondentRegionCode?: string;
  informantName?: string;
  informantPhone?: string;
  realName: boolean;
  receivedOn: Dayjs;
  note?: string;
}

/** The form's flat values → CreateLeadInput. */
function toInput(v: Values) {
  const hasInformant = !!(v.informantName?.trim() || v.informantPhone?.trim());
  return {
    kind: v.kind,
    source: v.source,
    externalId: v.externalId?.trim() || null,
    ipType: v.ipType,
    title: v.title,
    facts: v.facts,
    respondent: {
      name: v.respondentName,
      uscc: v.respondentUscc?.trim() || null,
      address: v.respondentAddress?.trim() || null,
      regionCode: v.respondentRegionCode || null,
    },
    informant: hasInformant ? { name: v.informantName?.trim() ?? '', phone: v.informantPhone?.trim() || null } : null,
    realName: v.kind === 'complaint' ? true : v.realName,
    receivedOn: v.receivedOn.format('YYYY-MM-DD'),
    note: v.note?.trim() || null,
  };
}

/** Server paths (respondent.name) → the flat field names of this form. */
function rename(name: (string | number)[]): (string | number)[] | null {
  const [a, b] = name;
  if (a === 'respondent') return [`respondent${String(b ?? 'name').replace(/^./, (c) => c.toUpperCase())}`];
  if (a === 'informant') return [`informant${String(b ?? 'name').replace(/^./, (c) => c.toUpperCase())}`];
  return name;
}

/** A check of the whole input by the shared schema, its issue for one flat field (kept in step with the server). */
function schemaRule(field: keyof Values, all: () => Values) {
  return {
    validator: async () => {
      const r = CreateLeadInput.safeParse(toInput(all()));
      if (r.success) return;
      const hit = r.error.issues.find((i) => (rename(i.path as (string | number)[]) ?? [])[0] === field);
      if (hit) throw new Error(hit.message);
    },
  };
}

export function LeadFormDrawer({ open, units, onClose, onCreated }: { open: boolean; units: UnitDto[]; onClose: () => void; onCreated: (d: LeadDetailDto) => void }) {
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [counties, setCounties] = useState<RegionDto[]>([]);
  const kind = Form.useWatch('kind', form);
  const cityCode = useMemo(() => units.find((u) => u.parentId === null)?.regionCodes[0], [units]);
  const today = partsDay(chinaParts(Date.now())!);

  useEffect(() => {
    if (!open || !cityCode) return;
    api.get<RegionDto[]>('/api/regions', { parent: cityCode }).then(setCounties).catch(() => setCounties([]));
  }, [open, cityCode]);

  const submit = async (v: Values) => {
    setSending(true);
    try {
      const d = await api.post<LeadDetailDto>('/api/leads', toInput(v));
      showSuccess(`已登记线索 ${d.leadNo}`);
      form.resetFields();
      onCreated(d);
    } catch (e) {
      applyServerErrors(form, e, { rename, duplicateField: 'externalId' });
    } finally {
      setSending(false);
    }
  };

  const rule = (f: keyof Values) => schemaRule(f, () => form.getFieldsValue(true) as Values);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title="登记线索"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="lead-form-submit">
            登记
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'report', source: 'hotline12315', ipType: 'trademark', realName: false, receivedOn: dayjs(today) }}
        onFinish={(v) => void submit(v)}
        data-testid="lead-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]} extra={kind === 'complaint' ? '投诉：七个工作日内作出受理决定（暂行办法 第十四条）' : '举报、线索：十五个工作日内核查并决定是否立案'}>
              <Radio.Group optionType="button" options={LEAD_KIND_LIST.map((k) => ({ value: k, label: LEAD_KINDS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]} extra="期限自次日起算">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="source" label="来源" rules={[{ required: true }]}>
              <Select options={MANUAL_LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCES[s] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="externalId" label="来源编号" extra="12315 登记号、省平台线索号等；同一来源同一编号只能登记一次" rules={[rule('externalId')]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="ipType" label="知识产权类型" rules={[{ required: true }]}>
              <Select options={IP_TYPE_LIST.map((t) => ({ value: t, label: IP_TYPES[t] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="标题（案由摘要）" rules={[{ required: true, whitespace: true, message: '请填写标题' }, rule('title')]}>
          <Input maxLength={200} showCount placeholder="如：某商行销售假冒注册商标的白酒" />
        </Form.Item>
        <Form.Item name="facts" label="线索内容" rules={[{ required: true, whitespace: true, message: '请填写线索内容' }, rule('facts')]}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>

        <Divider titlePlacement="start">{kind === 'complaint' ? '被投诉人' : '被举报人或涉嫌违法主体'}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="respondentName" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, rule('respondentName')]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="respondentUscc" label="统一社会信用代码" rules={[rule('respondentUscc')]}>
              <Input maxLength={18} className="zc-mono" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="respondentRegionCode" label="所在县（市、区）" extra="用于建议承办的县级局">
              <Select allowClear options={counties.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="respondentAddress" label="地址">
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{kind === 'complaint' ? '投诉人' : '举报人（联系人）'}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="informantName" label="姓名" rules={[rule('informantName')]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="informantPhone" label="联系电话" rules={[rule('informantPhone')]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        {kind !== 'complaint' && (
          <Form.Item name="realName" valuePropName="checked" extra="实名举报的，应自作出是否立案决定之日起五个工作日内告知举报人（暂行办法 第三十一条）">
            <Checkbox>实名举报</Checkbox>
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary">
          姓名、联系电话加密保存，列表中脱敏显示，查看完整信息须经授权并记入审计日志（暂行办法 第三十三条）。
        </Typography.Paragraph>
        <Form.Item name="note" label="登记说明（内部）">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
