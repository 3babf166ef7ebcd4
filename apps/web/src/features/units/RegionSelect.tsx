import { useEffect, useRef, useState } from 'react';
import { Button, Cascader, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { regionAncestors } from '@zhichan/shared';
import { api } from '../../api/client';
import type { RegionDto } from '../../api/types';
import { showError } from '../../ui/feedback';

interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
  loading?: boolean;
}

const toOption = (r: RegionDto): Option => ({ value: r.code, label: r.name, isLeaf: r.code.length >= 9 });

async function fetchChildren(parent?: string): Promise<Option[]> {
  const list = await api.get<RegionDto[]>('/api/regions', parent ? { parent } : undefined);
  return list.map(toOption);
}

function findPath(options: Option[], path: string[]): Option[] {
  const out: Option[] = [];
  let level = options;
  for (const v of path) {
    const o = level.find((x) => x.value === v);
    if (!o) break;
    out.push(o);
    level = o.children ?? [];
  }
  return out;
}

/**
 * 区划代码 picker for a unit's jurisdiction: the chosen codes as tags (with names), and a cascader that walks the
 * division list (GET /api/regions?parent=) to add one more. `focusCode` (the city) opens the cascader at the city.
 */
export function RegionSelect({
  value,
  onChange,
  names: initialNames,
  focusCode,
  disabled,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  /** Known names of codes, e.g. from UnitDto.regionNames. */
  names?: Record<string, string>;
  focusCode?: string;
  disabled?: boolean;
}) {
  const codes = value ?? [];
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const [names, setNames] = useState<Record<string, string>>(initialNames ?? {});
  const loadedFocus = useRef(false);

  useEffect(() => {
    setNames((n) => ({ ...initialNames, ...n }));
  }, [initialNames]);

  // Load provinces, then walk down to the focus code (the city), so that counties are one click away.
  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const roots = await fetchChildren();
        if (!alive) return;
        if (!focusCode || loadedFocus.current) {
          setOptions(roots);
          return;
        }
        loadedFocus.current = true;
        const chain = [...regionAncestors(focusCode), focusCode];
        let level = roots;
        const walked: string[] = [];
        for (const code of chain) {
          const node = level.find((o) => o.value === code);
          if (!node) break;
          node.children = await fetchChildren(code);
          if (node.children.length === 0) node.isLeaf = true;
          walked.push(code);
          level = node.children;
        }
        if (!alive) return;
        setOptions([...roots]);
        setPath(walked);
      } catch (e) {
        if (alive) showError(e, '区划列表加载失败');
      }
    })();
    return () => {
      alive = false;
    };
  }, [focusCode]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (target.children) return;
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const kids = await fetchChildren(target.value);
      target.children = kids;
      if (kids.length === 0) target.isLeaf = true;
    } catch (e) {
      showError(e, '区划列表加载失败');
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  const add = () => {
    const chosen = findPath(options, path);
    const last = chosen[chosen.length - 1];
    if (!last || codes.includes(last.value)) return;
    setNames((n) => ({ ...n, [last.value]: chosen.map((o) => o.label).join('') }));
    onChange?.([...codes, last.value]);
  };

  const remove = (code: string) => onChange?.(codes.filter((c) => c !== code));

  return (
    <div className="zc-region-select">
      <div style={{ marginBottom: codes.length ? 8 : 0 }}>
        {codes.map((c) => (
          <Tooltip key={c} title={`区划代码 ${c}`}>
            <Tag closable={!disabled} onClose={() => remove(c)} style={{ marginBottom: 4 }}>
              {names[c] ? `${names[c]}（${c}）` : c}
            </Tag>
          </Tooltip>
        ))}
        {codes.length === 0 && <Typography.Text type="secondary">未设置管辖区域</Typography.Text>}
      </div>
      {!disabled && (
        <Space.Compact style={{ width: '100%' }}>
          <Cascader<Option>
            options={options}
            loadData={loadData}
            changeOnSelect
            value={path}
            onChange={(v) => setPath((v as string[] | undefined) ?? [])}
            placeholder="选择省 / 市 / 县（区） / 乡镇（街道）"
            style={{ width: '100%' }}
            showSearch={false}
          />
          <Button icon={<PlusOutlined />} onClick={add} disabled={path.length === 0}>
            添加
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
