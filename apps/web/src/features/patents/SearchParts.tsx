/**
 * Small pieces shared by the patent search page, the detail drawer, the chain and award pages: highlighted text, status and
 * data-source tags, and the option lists (chains, the city's counties) the filter bars need.
 */
import { Tag } from 'antd';
import {
  LEGAL_STATUS_LABELS,
  PATENT_TYPE_LABELS,
  type IndustryChainDto,
  type LegalStatusCode,
  type PatentTypeCode,
  type TextSegment,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { loadSite } from '../../api/site';
import type { RegionDto } from '../../api/types';
import { useRequest } from '../../ui/hooks';
import { LEGAL_STATUS_COLORS } from './patentFilters';

const MARK_STYLE = { padding: 0, background: '#ffe58f', color: 'inherit' } as const;

/** Text with the parts that match the query in <mark>. */
export function Segments({ segments, fallback }: { segments: TextSegment[] | null | undefined; fallback?: string }) {
  if (!segments || segments.length === 0) return <>{fallback ?? ''}</>;
  return (
    <>
      {segments.map((s, i) => (s.hit ? <mark key={i} style={MARK_STYLE}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

export function LegalStatusTag({ status }: { status: LegalStatusCode }) {
  return <Tag color={LEGAL_STATUS_COLORS[status]}>{LEGAL_STATUS_LABELS[status]}</Tag>;
}

export function PatentTypeText({ type }: { type: PatentTypeCode }) {
  return <>{PATENT_TYPE_LABELS[type]}</>;
}

/** Demo and synthetic records are always labelled (DESIGN: 演示数据/合成数据 shown wherever such data appears). */
export function DataSourceTag({ source }: { source: 'import' | 'demo' | 'synthetic' }) {
  if (source === 'demo') return <Tag color="orange">演示数据</Tag>;
  if (source === 'synthetic') return <Tag color="orange">合成数据</Tag>;
  return null;
}

export function HighValueTag({ show }: { show: boolean }) {
  return show ? <Tag color="gold">高价值</Tag> : null;
}

/** All industry chains (GET /api/patent-chains), for filter selects and name look-ups. */
export function useChainList() {
  const req = useRequest((signal) => api.get<IndustryChainDto[]>('/api/patent-chains', undefined, { signal }), [], {
    onError: () => undefined,
  });
  return { chains: req.data ?? [], loading: req.loading, reload: req.reload, setChains: req.setData };
}

/** The counties of the site's city (GET /api/regions?parent=<city>), for the 地区 filter. */
export function useCityCounties() {
  const req = useRequest(
    async (signal) => {
      const site = await loadSite();
      const city = site.cityCode?.slice(0, 4);
      const counties = city ? await api.get<RegionDto[]>('/api/regions', { parent: city }, { signal }) : [];
      return { cityCode: city ?? '', cityName: site.cityName ?? '', counties };
    },
    [],
    { onError: () => undefined },
  );
  return {
    cityCode: req.data?.cityCode ?? '',
    cityName: req.data?.cityName ?? '',
    counties: req.data?.counties ?? [],
    loading: req.loading,
  };
}

/** 1536 → '1.5 KB'; for file sizes shown to the user. */
export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} 字节`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** 12345 → '12,345' */
export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('zh-CN');
}
