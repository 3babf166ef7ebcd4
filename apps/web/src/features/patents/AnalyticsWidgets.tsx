/**
 * Building blocks shared by the patent analytics pages (产业链总览, 专利分析, 高价值发明专利, 申请人画像, 季度分析报告):
 * a chart card with 导出 Excel / 查看明细, the county list of the city, the chain list, number formatting and the demo tag.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { IndustryChainDto } from '@zhichan/shared';
import { api, buildUrl } from '../../api/client';
import { useSite } from '../../api/site';
import { fmtTime } from '../../ui/format';
import { filterToQuery, filterToSearch, type PatentFilterWithQ } from './patentFilters';

/** Integer with thousands separators (1,234). */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString('zh-CN');
}

/** Percentage change with sign: +12.5% / -3.0%; — when not computable. */
export function fmtChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** Router paths (the admin router has basename /admin). */
export function searchPath(f: PatentFilterWithQ): string {
  const qs = filterToSearch(f);
  return qs ? `/patents/search?${qs}` : '/patents/search';
}
export function analyticsPath(f: PatentFilterWithQ): string {
  const qs = filterToSearch(f);
  return qs ? `/patents/analytics?${qs}` : '/patents/analytics';
}
export function applicantPath(name: string): string {
  return `/patents/applicant?${new URLSearchParams({ name }).toString()}`;
}

/** Excel export of one dashboard widget with the same filters (GET /api/patent-stats/export.xlsx). */
export function widgetExportUrl(widget: string, f: PatentFilterWithQ): string {
  const { q: _q, ...rest } = f;
  return buildUrl('/api/patent-stats/export.xlsx', { widget, ...filterToQuery(rest) });
}

export const SOURCE_LABELS: Record<'rollup' | 'base', string> = { rollup: '汇总表', base: '明细表' };

/** 演示数据: shown wherever demo chains or synthetic patents are in use. */
export function DemoTag({ text = '演示数据', title }: { text?: string; title?: string }) {
  return (
    <Tooltip title={title ?? '演示环境的合成数据与示例产业链，不代表真实统计结果'}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** A discreet line: 数据来源 and 数据更新时间. */
export function DataStamp({ source, rebuiltAt }: { source?: 'rollup' | 'base'; rebuiltAt: string | null | undefined }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {source ? `数据来源：${SOURCE_LABELS[source]}　` : ''}数据更新时间：{rebuiltAt ? fmtTime(rebuiltAt) : '尚未统计'}
    </Typography.Text>
  );
}

export interface ChartCardProps {
  title: ReactNode;
  /** Dashboard widget key for 导出 Excel; none = no export button. */
  widget?: string;
  filter?: PatentFilterWithQ;
  /** 查看明细 link (router path); defaults to the search page with `filter` when a filter is given. */
  detailPath?: string | null;
  /** Small grey note under the title (口径, caveats). */
  note?: ReactNode;
  empty?: boolean;
  loading?: boolean;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function ChartCard({ title, widget, filter, detailPath, note, empty, loading, extra, children, testId }: ChartCardProps) {
  const detail = detailPath === undefined ? (filter ? searchPath(filter) : null) : detailPath;
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      styles={{ body: { paddingTop: note ? 4 : 12 } }}
      extra={
        <Space size={4}>
          {extra}
          {widget && filter && (
            <Button size="small" type="text" icon={<DownloadOutlined />} href={widgetExportUrl(widget, filter)}>
              导出 Excel
            </Button>
          )}
          {detail && (
            <Link to={detail}>
              <Button size="small" type="text" icon={<UnorderedListOutlined />}>
                查看明细
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      {note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          {note}
        </Typography.Paragraph>
      )}
      {loading ? (
        <div className="zc-center" style={{ minHeight: 200 }}>
          <Spin />
        </div>
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" style={{ padding: '48px 0' }} />
      ) : (
        children
      )}
    </Card>
  );
}

const TILE_STYLE = { background: '#fff', border: '1px solid #eef0f3', borderRadius: 6, padding: '10px 14px' } as const;

/** A KPI tile. */
export function Tile({ label, value, hint, testId }: { label: ReactNode; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div style={TILE_STYLE} data-testid={testId}>
      <div style={{ color: '#8c8c8c', fontSize: 13 }}>{label}</div>
      <div style={{ fontSize: 24, fontWeight: 600, color: '#1f1f1f', lineHeight: 1.4 }}>{value}</div>
      {hint ? <div style={{ color: '#8c8c8c', fontSize: 12 }}>{hint}</div> : null}
    </div>
  );
}

export const TILE_ROW_STYLE = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
  gap: 12,
} as const;

export interface RegionOption {
  code: string;
  name: string;
}

/** The city (from the site settings) and its counties (GET /api/regions?parent=city). */
export function useCityRegions(): { city: RegionOption | null; counties: RegionOption[]; demo: boolean } {
  const site = useSite();
  const [counties, setCounties] = useState<RegionOption[]>([]);
  const cityCode = site?.cityCode ? site.cityCode.slice(0, 4) : '';
  useEffect(() => {
    if (!cityCode) return;
    let alive = true;
    api
      .get<{ code: string; name: string; level: string }[]>('/api/regions', { parent: cityCode })
      .then((rows) => {
        if (alive) setCounties(rows.filter((r) => r.code.length === 6).map((r) => ({ code: r.code, name: r.name })));
      })
      .catch(() => {
        if (alive) setCounties([]);
      });
    return () => {
      alive = false;
    };
  }, [cityCode]);
  return {
    city: cityCode ? { code: cityCode, name: site?.cityName || '全市' } : null,
    counties,
    demo: site?.demo ?? false,
  };
}

/** The industry chains (GET /api/patent-chains), for selects and names. */
export function usePatentChains(): IndustryChainDto[] {
  const [chains, setChains] = useState<IndustryChainDto[]>([]);
  useEffect(() => {
    let alive = true;
    api
      .get<IndustryChainDto[]>('/api/patent-chains')
      .then((rows) => {
        if (alive) setChains(rows);
      })
      .catch(() => {
        if (alive) setChains([]);
      });
    return () => {
      alive = false;
    };
  }, []);
  return chains;
}
