import { useEffect, useMemo, useState } from 'react';
import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { CreateUnitInput, UNIT_KINDS, type UnitDto, type UnitKind } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, emptyToNull, zodRule } from '../../api/forms';
import { useSite } from '../../api/site';
import { showSuccess } from '../../ui/feedback';
import { RegionSelect } from './RegionSelect';

interface Values {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  regionCodes: string[];
  phone?: string | null;
  address?: string | null;
  sort: number;
  enabled?: boolean;
}

/** The kind a new child usually has, given its parent's kind. */
function defaultChildKind(parent: UnitDto): UnitKind {
  if (parent.kind === 'cityBureau') return 'countyBureau';
  if (parent.kind === 'countyBureau') return 'station';
  return 'department';
}

const S = CreateUnitInput.shape;

/** 新增下级 (parent given) or 编辑 (unit given). */
export function UnitFormModal({
  open,
  parent,
  unit,
  onClose,
  onSaved,
}: {
  open: boolean;
  parent?: UnitDto | null;
  unit?: UnitDto | null;
  onClose: () => void;
  onSaved: (u: UnitDto) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const site = useSite();
  const editing = !!unit;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit) {
      form.setFieldsValue({
        name: unit.name,
        shortName: unit.shortName,
        kind: unit.kind,
        regionCodes: unit.regionCodes,
        phone: unit.phone,
        address: unit.address,
        sort: unit.sort,
        enabled: unit.enabled,
      });
    } else if (parent) {
      form.setFieldsValue({ kind: defaultChildKind(parent), regionCodes: [], sort: 0 });
    }
  }, [open, unit, parent, form]);

  const names = useMemo(() => {
    const m: Record<string, string> = {};
    unit?.regionCodes.forEach((c, i) => {
      if (unit.regionNames[i]) m[c] = unit.regionNames[i];
    });
    return m;
  }, [unit]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = emptyToNull({ ...values }, ['shortName', 'phone', 'address']);
    setSaving(true);
    try {
      let saved: UnitDto;
      if (unit) {
        saved = await api.patch<UnitDto>(`/api/units/${unit.id}`, { ...body, version: unit.version });
        showSuccess('机构信息已保存');
      } else {
        const { enabled: _ignored, ...create } = body;
        void _ignored;
        saved = await api.post<UnitDto>('/api/units', { ...create, parentId: parent!.id });
        showSuccess('机构已新增');
      }
      onSaved(saved);
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'name' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `编辑机构：${unit?.name}` : `新增下级机构（上级：${parent?.name ?? ''}）`}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      width={640}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="unit-form">
        <Form.Item name="name" label="机构名称" required rules={[zodRule(S.name)]}>
          <Input placeholder="如：泰山区市场监督管理局" maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label="简称" rules={[zodRule(S.shortName)]}>
          <Input placeholder="如：泰山区局" maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label="机构类型" required rules={[zodRule(S.kind)]}>
          <Select
            options={(Object.keys(UNIT_KINDS) as UnitKind[]).map((k) => ({ value: k, label: UNIT_KINDS[k] }))}
          />
        </Form.Item>
        <Form.Item
          name="regionCodes"
          label="管辖区域（区划代码）"
          extra="统计用区划代码，县级局选择所辖县（市、区），市场监管所选择所辖乡镇（街道）"
          rules={[zodRule(S.regionCodes)]}
        >
          <RegionSelect names={names} focusCode={site?.cityCode || undefined} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[zodRule(S.phone)]}>
          <Input placeholder="如：0538-1234567" maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label="办公地址" rules={[zodRule(S.address)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="sort" label="排序号" extra="数字越小越靠前" rules={[zodRule(S.sort)]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {editing && (
          <Form.Item name="enabled" label="状态" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
