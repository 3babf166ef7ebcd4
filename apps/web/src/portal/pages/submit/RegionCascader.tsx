/**
 * 所在地区: province → city → county over GET /api/regions?parent=. The value is the code path
 * (['37', '3709', '370902']); the submission sends the last (county) code. The site's own city is loaded up front so
 * that its counties are one click away.
 */
import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { api } from '../../../api/client';
import type { RegionDto } from '../../../api/types';
import { loadSite } from '../../../api/site';

interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
  loading?: boolean;
}

/** County level (6 digits) is as deep as the respondent's region goes. */
const COUNTY_LEN = 6;

/** Names of the codes loaded so far, for showing a chosen path as text. */
const NAMES = new Map<string, string>();

export function regionNames(path: string[]): string {
  return path.map((c) => NAMES.get(c) ?? c).join(' ');
}

const toOption = (r: RegionDto): Option => {
  NAMES.set(r.code, r.name);
  return { value: r.code, label: r.name, isLeaf: r.code.length >= COUNTY_LEN };
};

async function children(parent?: string): Promise<Option[]> {
  const list = await api.get<RegionDto[]>('/api/regions', parent ? { parent } : undefined);
  return list.filter((r) => r.code.length <= COUNTY_LEN).map(toOption);
}

export function RegionCascader({
  value,
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const [roots, site] = await Promise.all([children(), loadSite()]);
        // Walk down to the site's city (e.g. 37 → 3709) so its counties are ready.
        const city = site.cityCode?.slice(0, 4);
        const chain = city ? [city.slice(0, 2), city] : [];
        let level = roots;
        for (const code of chain) {
          const node = level.find((o) => o.value === code);
          if (!node) break;
          node.children = await children(code);
          if (node.children.length === 0) node.isLeaf = true;
          level = node.children;
        }
        if (alive) setOptions([...roots]);
      } catch {
        if (alive) setFailed(true);
      }
    })();
    return () => {
      alive = false;
    };
  }, []);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (target.children) return;
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const kids = await children(target.value);
      target.children = kids;
      if (kids.length === 0) target.isLeaf = true;
    } catch {
      setFailed(true);
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  return (
    <Cascader<Option>
      id={id}
      options={options}
      loadData={loadData}
      value={value}
      onChange={(v) => onChange?.((v as string[] | undefined) ?? [])}
      placeholder={failed ? '区划列表加载失败，请刷新页面' : '请选择省 / 市 / 县（区）'}
      status={failed ? 'error' : undefined}
      style={{ width: '100%' }}
      displayRender={(labels) => labels.join(' / ')}
      data-testid="respondent-region"
    />
  );
}
