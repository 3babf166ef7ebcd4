import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { UnitDto } from '@zhichan/shared';
import { buildUnitTree, type UnitNode } from './unitTree';

interface SelectNode {
  value: number;
  title: string;
  children?: SelectNode[];
}

const strip = (nodes: UnitNode[]): SelectNode[] =>
  nodes.map((n) => ({ value: n.value, title: n.label, children: n.children ? strip(n.children) : undefined }));

/** Unit picker over the units in the actor's data scope. Single by default; `multiple` for custom data scopes. */
export function UnitTreeSelect({
  units,
  value,
  onChange,
  multiple,
  placeholder = '请选择机构',
  disabled,
  allowClear,
}: {
  units: UnitDto[];
  value?: number | number[] | null;
  onChange?: (v: number | number[] | null) => void;
  multiple?: boolean;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
}) {
  const treeData = useMemo(() => strip(buildUnitTree(units.filter((u) => u.enabled || u.id === value))), [units, value]);
  return (
    <TreeSelect
      treeData={treeData}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as number | number[] | undefined) ?? null)}
      multiple={multiple}
      treeCheckable={false}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={units.length <= 60}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      placeholder={placeholder}
      disabled={disabled}
      allowClear={allowClear}
      style={{ width: '100%' }}
      listHeight={400}
    />
  );
}
