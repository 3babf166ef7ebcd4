/**
 * Forms of the 高价值发明专利 page: 常住人口 (来源 required: a population figure without a source is never used), 年度目标 and
 * 官方发布数 (with 出处). All writes need patent.configure; the server validates again (PopulationInput, KpiTargetInput,
 * OfficialKpiInput in contracts/patent.ts).
 */
import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { PopulationDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import type { RegionOption } from './AnalyticsWidgets';

/** GET /api/patent-kpi/targets rows (the contract names only the input; these are the fields the page reads). */
export interface KpiTargetRow {
  regionCode: string;
  regionName?: string | null;
  year: number;
  target: number;
  source?: string | null;
  updatedAt?: string | null;
}

export function regionOptions(city: RegionOption | null, counties: RegionOption[]) {
  return [...(city ? [{ value: city.code, label: `${city.name}（全市）` }] : []), ...counties.map((c) => ({ value: c.code, label: c.name }))];
}

const THIS_YEAR = new Date().getFullYear();

// ------------------------------------------------------------------------------------------------ 常住人口
export interface PopulationInitial {
  regionCode?: string;
  year?: number;
  populationWan?: number;
  source?: string;
  sourceUrl?: string | null;
  note?: string | null;
}

export function PopulationModal({
  open,
  initial,
  editing,
  city,
  counties,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial: PopulationInitial | null;
  /** Editing an existing (region, year): both fixed. */
  editing: boolean;
  city: RegionOption | null;
  counties: RegionOption[];
  onClose: () => void;
  onSaved: (p: PopulationDto) => void;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ year: THIS_YEAR - 1, ...initial });
  }, [open, initial, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const saved = await api.put<PopulationDto>('/api/patent-population', {
        regionCode: v.regionCode,
        year: v.year,
        populationWan: v.populationWan,
        source: v.source.trim(),
        sourceUrl: v.sourceUrl?.trim() || null,
        note: v.note?.trim() || null,
      });
      showSuccess('常住人口已保存');
      onSaved(saved);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? '修改常住人口' : '录入常住人口'}
      okText="保存"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      data-testid="population-modal"
    >
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}>
          <Select options={regionOptions(city, counties)} disabled={editing} placeholder="请选择市或县（市、区）" />
        </Form.Item>
        <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]} extra="常住人口通常取上年末数，以统计公报发布为准">
          <InputNumber min={2000} max={2100} precision={0} disabled={editing} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="populationWan"
          label="常住人口（万人）"
          rules={[
            { required: true, message: '请填写常住人口' },
            { type: 'number', min: 0.01, message: '常住人口须大于 0' },
          ]}
        >
          <InputNumber min={0} max={20000} precision={2} style={{ width: 200 }} suffix="万人" />
        </Form.Item>
        <Form.Item
          name="source"
          label="数据来源"
          rules={[
            { required: true, whitespace: true, message: '请注明数据来源' },
            { min: 2, message: '请注明数据来源' },
          ]}
          extra="如：泰安市 2025 年国民经济和社会发展统计公报"
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="sourceUrl" label="来源链接" rules={[{ type: 'url', message: '请输入以 http:// 或 https:// 开头的网址' }]}>
          <Input maxLength={500} placeholder="可选" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------------------------------------------ 年度目标
export function TargetModal({
  open,
  initial,
  city,
  counties,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial: Partial<KpiTargetRow> | null;
  city: RegionOption | null;
  counties: RegionOption[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ year: THIS_YEAR, regionCode: city?.code, ...initial });
  }, [open, initial, form, city]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.put('/api/patent-kpi/targets', { regionCode: v.regionCode, year: v.year, target: v.target, source: v.source?.trim() || null });
      showSuccess('年度目标已保存');
      onSaved();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="设置年度目标" okText="保存" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}>
          <Select options={regionOptions(city, counties)} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="target" label="每万人口高价值发明专利拥有量目标（件）" rules={[{ required: true, message: '请填写目标值' }]}>
          <InputNumber min={0} max={10000} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="source" label="目标依据" extra="如：泰安市“十四五”知识产权发展规划">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------------------------------------------ 官方发布数
export function OfficialModal({
  open,
  city,
  counties,
  onClose,
  onSaved,
}: {
  open: boolean;
  city: RegionOption | null;
  counties: RegionOption[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ regionCode: city?.code, asOf: dayjs(`${THIS_YEAR - 1}-12-31`) });
  }, [open, form, city]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post('/api/patent-kpi/official', {
        regionCode: v.regionCode,
        asOf: (v.asOf as Dayjs).format('YYYY-MM-DD'),
        value: v.value,
        note: v.note.trim(),
      });
      showSuccess('官方发布数已录入');
      onSaved();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="录入官方发布数" okText="保存" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}>
          <Select options={regionOptions(city, counties)} />
        </Form.Item>
        <Form.Item name="asOf" label="统计截至日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="value" label="每万人口高价值发明专利拥有量（件）" rules={[{ required: true, message: '请填写发布值' }]}>
          <InputNumber min={0} max={10000} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="note"
          label="出处"
          rules={[
            { required: true, whitespace: true, message: '请注明出处' },
            { min: 2, message: '请注明出处' },
          ]}
          extra="如：山东省知识产权局 2025 年知识产权统计简报"
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
