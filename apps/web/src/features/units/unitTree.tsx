import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { UNIT_KINDS, type UnitDto, type UnitKind } from '@zhichan/shared';

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  cityBureau: 'red',
  countyBureau: 'blue',
  station: 'green',
  department: 'default',
};

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  return (
    <Tag color={UNIT_KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {UNIT_KINDS[kind]}
    </Tag>
  );
}

export interface UnitNode {
  key: number;
  value: number;
  title: ReactNode;
  /** Plain name, for TreeSelect search and labels. */
  label: string;
  unit: UnitDto;
  children?: UnitNode[];
  disabled?: boolean;
}

const byOrder = (a: UnitDto, b: UnitDto) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-Hans-CN');

/**
 * Builds the tree from the flat list of units in the actor's data scope. A unit whose parent is not in the
 * list (outside the scope) is a root.
 */
export function buildUnitTree(
  units: UnitDto[],
  render: (u: UnitDto) => ReactNode = (u) => u.name,
): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<number | null, UnitDto[]>();
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  const make = (u: UnitDto): UnitNode => {
    const kids = (children.get(u.id) ?? []).sort(byOrder).map(make);
    return { key: u.id, value: u.id, title: render(u), label: u.name, unit: u, children: kids.length ? kids : undefined };
  };
  return (children.get(null) ?? []).sort(byOrder).map(make);
}

/** Keeps the nodes whose name (or short name) contains the keyword, with their ancestors. */
export function filterUnitTree(nodes: UnitNode[], keyword: string): UnitNode[] {
  const k = keyword.trim().toLowerCase();
  if (!k) return nodes;
  const walk = (list: UnitNode[]): UnitNode[] =>
    list.flatMap((n) => {
      const kids = n.children ? walk(n.children) : [];
      const hit =
        n.unit.name.toLowerCase().includes(k) || (n.unit.shortName ?? '').toLowerCase().includes(k);
      if (!hit && kids.length === 0) return [];
      return [{ ...n, children: kids.length ? kids : hit ? n.children : undefined }];
    });
  return walk(nodes);
}

export function allKeys(nodes: UnitNode[]): number[] {
  return nodes.flatMap((n) => [n.key, ...(n.children ? allKeys(n.children) : [])]);
}

/** Keys of the first levels, for the initial expansion. */
export function topKeys(nodes: UnitNode[], depth = 2): number[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => [n.key, ...(n.children ? topKeys(n.children, depth - 1) : [])]);
}

/** Highlights the keyword inside a name. */
export function highlight(text: string, keyword: string): ReactNode {
  const k = keyword.trim();
  if (!k) return text;
  const i = text.toLowerCase().indexOf(k.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <span className="zc-hit">{text.slice(i, i + k.length)}</span>
      {text.slice(i + k.length)}
    </>
  );
}
