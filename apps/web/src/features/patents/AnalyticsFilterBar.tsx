/**
 * Filter bar of 专利分析: 产业链, 地区 (the city or one county), 类型, 法律状态, 申请年 range and 申请人. The page keeps the filter in the
 * URL (patentFilters.ts), so every state can be bookmarked and shared.
 */
import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Button, DatePicker, Select, Space, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { HIGH_VALUE_CATEGORY_LABELS, type IndustryChainDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { LEGAL_STATUS_OPTIONS, PATENT_TYPE_OPTIONS, type PatentFilterWithQ } from './patentFilters';
import type { RegionOption } from './AnalyticsWidgets';

export interface AnalyticsFilterBarProps {
  filter: PatentFilterWithQ;
  onChange: (f: PatentFilterWithQ) => void;
  chains: IndustryChainDto[];
  city: RegionOption | null;
  counties: RegionOption[];
}

/** Applicant names as the user types (GET /api/patents/applicants/suggest, top 20). */
export function ApplicantInput({
  value,
  onApply,
  placeholder = '申请人（输入后选择或回车）',
  width = 240,
}: {
  value: string | undefined;
  onApply: (name: string | undefined) => void;
  placeholder?: string;
  width?: number;
}) {
  const [text, setText] = useState(value ?? '');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const suggest = (q: string) => {
    clearTimeout(timer.current);
    if (q.trim().length < 2) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      api
        .get<{ name: string; n: number }[]>('/api/patents/applicants/suggest', { q: q.trim() })
        .then((rows) => setOptions(rows.map((r) => ({ value: r.name, label: `${r.name}（${r.n.toLocaleString('zh-CN')} 件）` }))))
        .catch(() => setOptions([]));
    }, 250);
  };

  return (
    <AutoComplete
      style={{ width }}
      value={text}
      options={options}
      placeholder={placeholder}
      allowClear
      onSearch={(q) => {
        setText(q);
        suggest(q);
      }}
      onSelect={(v: string) => {
        setText(v);
        onApply(v);
      }}
      onClear={() => {
        setText('');
        onApply(undefined);
      }}
      onInputKeyDown={(e) => {
        if (e.key === 'Enter') onApply(text.trim() || undefined);
      }}
      onBlur={() => {
        if ((text.trim() || undefined) !== value) onApply(text.trim() || undefined);
      }}
      data-testid="filter-applicant"
    />
  );
}

export function AnalyticsFilterBar({ filter, onChange, chains, city, counties }: AnalyticsFilterBarProps) {
  const set = (patch: Partial<PatentFilterWithQ>) => onChange({ ...filter, ...patch });
  const sei = filter.seiBranch;
  const extras: { key: keyof PatentFilterWithQ; label: string }[] = [];
  if (sei) extras.push({ key: 'seiBranch', label: `战略性新兴产业分支：${sei}` });
  if (filter.ipc) extras.push({ key: 'ipc', label: `分类号：${filter.ipc}` });
  if (filter.highValue === true) extras.push({ key: 'highValue', label: '仅高价值发明专利' });
  if (filter.highValue === false) extras.push({ key: 'highValue', label: '非高价值发明专利' });
  if (filter.hvCategory) extras.push({ key: 'hvCategory', label: `高价值类别：${HIGH_VALUE_CATEGORY_LABELS[filter.hvCategory]}` });

  return (
    <div>
      <Space wrap size={[8, 8]}>
        <Select
          style={{ width: 200 }}
          value={filter.chainId ?? 0}
          onChange={(v: number) => set({ chainId: v === 0 ? undefined : v })}
          options={[
            { value: 0, label: '全部专利（不限产业链）' },
            ...chains
              .filter((c) => c.enabled || c.id === filter.chainId)
              .map((c) => ({ value: c.id, label: c.isDemo ? `${c.name}（示例）` : c.name })),
          ]}
          data-testid="filter-chain"
        />
        <Select
          style={{ width: 150 }}
          value={!filter.region || filter.region === city?.code ? '' : filter.region}
          onChange={(v: string) => set({ region: v === '' || v === city?.code ? undefined : v })}
          options={[
            { value: '', label: city ? `${city.name}（全市）` : '全市' },
            ...counties.map((c) => ({ value: c.code, label: c.name })),
            // a region from a link that is not one of the counties (another city) stays visible
            ...(filter.region && !counties.some((c) => c.code === filter.region) && filter.region !== city?.code
              ? [{ value: filter.region, label: `地区 ${filter.region}` }]
              : []),
          ]}
          data-testid="filter-region"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 150 }}
          placeholder="专利类型"
          value={filter.type ?? []}
          onChange={(v) => set({ type: v.length ? v : undefined })}
          options={PATENT_TYPE_OPTIONS}
          data-testid="filter-type"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 140 }}
          placeholder="法律状态"
          value={filter.status ?? []}
          onChange={(v) => set({ status: v.length ? v : undefined })}
          options={LEGAL_STATUS_OPTIONS}
          data-testid="filter-status"
        />
        <DatePicker.RangePicker
          picker="year"
          allowEmpty={[true, true]}
          placeholder={['申请年起', '申请年止']}
          style={{ width: 220 }}
          value={[filter.yearFrom ? dayjs(`${filter.yearFrom}-01-01`) : null, filter.yearTo ? dayjs(`${filter.yearTo}-01-01`) : null]}
          disabledDate={(d) => d.year() < 1985 || d.year() > dayjs().year()}
          onChange={(v) => set({ yearFrom: v?.[0] ? v[0].year() : undefined, yearTo: v?.[1] ? v[1].year() : undefined })}
          data-testid="filter-years"
        />
        <ApplicantInput value={filter.applicant} onApply={(name) => set({ applicant: name })} />
        <Button icon={<ReloadOutlined />} onClick={() => onChange({})}>
          重置
        </Button>
      </Space>
      {extras.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {extras.map((x) => (
            <Tag key={x.key} closable color="blue" onClose={() => set({ [x.key]: undefined })}>
              {x.label}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}
