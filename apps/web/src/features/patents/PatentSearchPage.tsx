/**
 * 专利检索: Chinese full-text search over 专利名称、摘要、申请人 with the analytics filters. Every filter lives in the URL query
 * string (same names as PatentFilterQuery), so the analytics and chain pages drill down by linking to
 * /admin/patents/search?chainId=…&region=…&type=…, and a result list can be bookmarked or sent to a colleague.
 */
import { useEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  AutoComplete,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PATENT_TYPE_LABELS, type PatentListItemDto, type PatentSearchResultDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { feedback } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import {
  LEGAL_STATUS_OPTIONS,
  PATENT_TYPE_OPTIONS,
  filterFromSearch,
  filterLabel,
  filterToQuery,
  filterToSearch,
  type PatentFilterWithQ,
} from './patentFilters';
import { PatentDetailDrawer } from './PatentDetailDrawer';
import { DataSourceTag, HighValueTag, LegalStatusTag, Segments, fmtInt, useChainList, useCityCounties } from './SearchParts';

type Sort = 'relevance' | 'appDateDesc' | 'appDateAsc' | 'grantDateDesc';
const SORT_OPTIONS: { value: Sort; label: string }[] = [
  { value: 'relevance', label: '按相关度' },
  { value: 'appDateDesc', label: '申请日从新到旧' },
  { value: 'appDateAsc', label: '申请日从旧到新' },
  { value: 'grantDateDesc', label: '授权日从新到旧' },
];
const SORTS = SORT_OPTIONS.map((o) => o.value);

/** The abstract snippet is ~120 characters around the first hit: at most two lines in the list. */
const SNIPPET_STYLE = { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' } as const;

/** Characters, not UTF-16 units (a rare CJK character outside the BMP counts as one). */
const charCount = (s: string) => [...s.trim()].length;

export default function PatentSearchPage() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromSearch(params), [params]);
  const sortParam = params.get('sort') as Sort | null;
  const sort: Sort = sortParam && SORTS.includes(sortParam) ? sortParam : 'relevance';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;

  const [qInput, setQInput] = useState(filter.q ?? '');
  useEffect(() => setQInput(filter.q ?? ''), [filter.q]);
  const [openId, setOpenId] = useState<number | null>(null);

  const { chains } = useChainList();
  const { counties, cityName, cityCode } = useCityCounties();
  const regionOptions = useMemo(
    () => [
      ...(cityCode ? [{ value: cityCode, label: `${cityName || '本市'}（全市）` }] : []),
      ...counties.map((c) => ({ value: c.code, label: c.name })),
    ],
    [cityCode, cityName, counties],
  );

  /** Writes a new filter to the URL; any filter change goes back to page 1. */
  const update = (next: PatentFilterWithQ, extra: { sort?: Sort; page?: number; pageSize?: number } = {}) => {
    const sp = new URLSearchParams(filterToSearch(next));
    const s = extra.sort ?? sort;
    if (s !== 'relevance') sp.set('sort', s);
    if (extra.page && extra.page > 1) sp.set('page', String(extra.page));
    const ps = extra.pageSize ?? pageSize;
    if (ps !== 20) sp.set('pageSize', String(ps));
    setParams(sp);
  };
  const set = (patch: Partial<PatentFilterWithQ>) => {
    const next: PatentFilterWithQ = { ...filter, ...patch };
    for (const k of Object.keys(patch) as (keyof PatentFilterWithQ)[]) if (patch[k] === undefined) delete next[k];
    update(next);
  };

  const query = filterToSearch(filter);
  const result = useRequest(
    (signal) =>
      api.get<PatentSearchResultDto>('/api/patents/search', { ...filterToQuery(filter), sort, page, pageSize }, { signal }),
    [query, sort, page, pageSize],
  );
  const data = result.data;

  const onSearch = (raw: string) => {
    const q = raw.trim();
    if (q && charCount(q) < 2) {
      feedback.message.warning('请至少输入 2 个字再检索');
      return;
    }
    set({ q: q || undefined });
  };

  const chainNames = useMemo(() => chains.map((c) => ({ id: c.id, name: c.name })), [chains]);
  const regionNames = useMemo(() => regionOptions.map((o) => ({ code: o.value, name: o.label })), [regionOptions]);
  const summary = filterLabel({ ...filter, q: undefined }, { chains: chainNames, regions: regionNames });
  const hasFilter = summary !== '';

  const exportHref = `/api/patents/export.xlsx${query ? `?${query}` : ''}`;

  const columns: ColumnsType<PatentListItemDto> = [
    {
      title: '专利名称',
      key: 'title',
      width: 400,
      render: (_, r) => (
        <div>
          <Typography.Link onClick={() => setOpenId(r.id)} strong>
            <Segments segments={r.titleSegments} fallback={r.title} />
          </Typography.Link>
          <Space size={4} style={{ marginLeft: 6 }}>
            <HighValueTag show={r.isHighValue} />
            <DataSourceTag source={r.dataSource} />
          </Space>
          {r.abstractSnippet && (
            <div style={SNIPPET_STYLE}>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                <Segments segments={r.abstractSnippet} />
              </Typography.Text>
            </div>
          )}
          {r.chainNames.length > 0 && (
            <div style={{ marginTop: 4 }}>
              {r.chainNames.map((n) => (
                <Tag key={n} color="blue" bordered={false}>
                  {n}
                </Tag>
              ))}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '申请号',
      key: 'appNo',
      width: 150,
      render: (_, r) => (
        <div>
          <div>{r.appNo ?? '—'}</div>
          {r.pubNo && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              公开号 {r.pubNo}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '申请日', dataIndex: 'appDate', width: 100, render: (v: string | null) => fmtDate(v) },
    { title: '类型', dataIndex: 'patentType', width: 80, render: (v: PatentListItemDto['patentType']) => PATENT_TYPE_LABELS[v] },
    { title: '法律状态', dataIndex: 'legalStatus', width: 80, render: (v: PatentListItemDto['legalStatus']) => <LegalStatusTag status={v} /> },
    {
      title: '申请人',
      key: 'applicants',
      width: 190,
      render: (_, r) => (
        <>
          {r.applicants.length === 0
            ? '—'
            : r.applicants.map((name, i) => (
                <span key={name}>
                  {i > 0 && '；'}
                  <Link to={`/patents/applicant?name=${encodeURIComponent(name)}`} onClick={(e) => e.stopPropagation()}>
                    {name}
                  </Link>
                </span>
              ))}
          {r.countyName && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.countyName}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: '主分类号',
      key: 'mainIpc',
      width: 110,
      render: (_, r) =>
        r.mainIpc ? (
          <Tooltip title={r.mainIpc.titleZh ?? '暂无中文类名'}>
            <span style={{ borderBottom: '1px dashed #bfbfbf', cursor: 'help' }}>{r.mainIpc.code}</span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];

  const totalText = data ? (data.totalCapped ? '1 万条以上' : `共 ${fmtInt(data.total)} 条`) : '';

  return (
    <PageContainer
      title="专利检索"
      subTitle="按专利名称、摘要和申请人检索，可按产业链、地区、类型、法律状态、申请年等筛选"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={result.reload}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref} data-testid="patent-export">
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Input.Search
            size="large"
            allowClear
            enterButton="检索"
            placeholder="输入专利名称、摘要或申请人中的词语，至少 2 个字，如：锂电池、泰山"
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (e.target.value === '' && filter.q) set({ q: undefined });
            }}
            onSearch={onSearch}
            maxLength={100}
            data-testid="patent-search-input"
          />
          <Space wrap>
            <Select
              style={{ width: 240 }}
              popupMatchSelectWidth={false}
              allowClear
              placeholder="产业链"
              value={filter.chainId || undefined}
              onChange={(v?: number) => set({ chainId: v })}
              options={chains.map((c) => ({ value: c.id, label: c.isDemo ? `${c.name}（示例）` : c.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent="暂无产业链"
              data-testid="filter-chain"
            />
            <Select
              style={{ width: 160 }}
              allowClear
              placeholder="地区"
              value={filter.region}
              onChange={(v?: string) => set({ region: v })}
              options={regionOptions}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent="暂无数据"
              data-testid="filter-region"
            />
            <Select
              style={{ width: 200 }}
              mode="multiple"
              allowClear
              placeholder="专利类型"
              value={filter.type ?? []}
              onChange={(v: PatentFilterWithQ['type']) => set({ type: v && v.length ? v : undefined })}
              options={PATENT_TYPE_OPTIONS}
              data-testid="filter-type"
            />
            <Select
              style={{ width: 180 }}
              mode="multiple"
              allowClear
              placeholder="法律状态"
              value={filter.status ?? []}
              onChange={(v: PatentFilterWithQ['status']) => set({ status: v && v.length ? v : undefined })}
              options={LEGAL_STATUS_OPTIONS}
              data-testid="filter-status"
            />
            <DatePicker.RangePicker
              picker="year"
              allowEmpty={[true, true]}
              placeholder={['申请年起', '申请年止']}
              style={{ width: 220 }}
              value={[
                filter.yearFrom ? dayjs(`${filter.yearFrom}-01-01`) : null,
                filter.yearTo ? dayjs(`${filter.yearTo}-01-01`) : null,
              ]}
              onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
                set({ yearFrom: v?.[0]?.year() ?? undefined, yearTo: v?.[1]?.year() ?? undefined })
              }
              disabledDate={(d) => d.year() < 1985 || d.year() > 2100}
            />
            <ApplicantInput value={filter.applicant} onChange={(v) => set({ applicant: v })} />
            <Checkbox
              checked={filter.highValue === true}
              onChange={(e) => set({ highValue: e.target.checked ? true : undefined })}
              data-testid="filter-high-value"
            >
              仅看高价值发明专利
            </Checkbox>
          </Space>
          {(hasFilter || filter.seiBranch || filter.ipc || filter.hvCategory) && (
            <Space wrap>
              <Typography.Text type="secondary">当前条件：{summary || '无'}</Typography.Text>
              <Button size="small" type="link" onClick={() => update(filter.q ? { q: filter.q } : {})}>
                清除筛选条件
              </Button>
            </Space>
          )}
        </Space>
      </Card>

      <Card>
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text data-testid="patent-total">
            {data ? (
              <>
                {totalText}
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  用时 {data.tookMs} 毫秒
                </Typography.Text>
              </>
            ) : (
              ' '
            )}
          </Typography.Text>
          <Select
            style={{ width: 160 }}
            value={sort}
            onChange={(v: Sort) => update(filter, { sort: v })}
            options={SORT_OPTIONS}
          />
        </Space>
        <Table<PatentListItemDto>
          rowKey="id"
          size="middle"
          loading={result.loading}
          dataSource={data?.items ?? []}
          columns={columns}
          locale={{ emptyText: filter.q ? `没有找到包含“${filter.q}”的专利` : '暂无数据' }}
          scroll={{ x: 1100 }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: () => totalText,
            onChange: (p, ps) => update(filter, ps !== pageSize ? { pageSize: ps, page: 1 } : { page: p }),
          }}
          data-testid="patent-results"
        />
        {data?.totalCapped && (
          <Typography.Text type="secondary">
            结果超过 1 万条时只能翻阅前 1 万条{filter.q ? '，且按申请日由近及远排列（不再按相关度排序）' : ''}，请增加检索词或筛选条件缩小范围。
          </Typography.Text>
        )}
      </Card>

      <PatentDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </PageContainer>
  );
}

/** 申请人 filter: free text with suggestions from GET /api/patents/applicants/suggest (top 20 by patent count). */
function ApplicantInput({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  const [options, setOptions] = useState<{ value: string; label: ReactNode }[]>([]);
  useEffect(() => setText(value ?? ''), [value]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);

  const suggest = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (charCount(q) < 2) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      api
        .get<{ name: string; n: number }[]>('/api/patents/applicants/suggest', { q: q.trim() })
        .then((list) => {
          if (mine !== seq.current) return;
          setOptions(
            list.map((a) => ({
              value: a.name,
              label: (
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <span>{a.name}</span>
                  <Typography.Text type="secondary">{a.n} 件</Typography.Text>
                </Space>
              ),
            })),
          );
        })
        .catch(() => setOptions([]));
    }, 250);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commit = (v: string) => onChange(v.trim() ? v.trim() : undefined);
  return (
    <AutoComplete
      style={{ width: 240 }}
      value={text}
      options={options}
      onSearch={(q) => {
        setText(q);
        suggest(q);
      }}
      onSelect={(v: string) => {
        setText(v);
        commit(v);
      }}
      onBlur={() => {
        if ((value ?? '') !== text.trim()) commit(text);
      }}
      onClear={() => {
        setText('');
        onChange(undefined);
      }}
      allowClear
      placeholder="申请人"
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
      }}
      data-testid="filter-applicant"
    />
  );
}
