import {
  HIGH_VALUE_CATEGORY_LABELS,
  type HighValueCategory,
  type NamedCount,
  type PatentDashboardDto,
  type PatentKpiDto,
} from '../contracts/patent';

/**
 * ECharts option builders for the patent dashboards (issue 5).
 *
 * Pure functions returning plain option objects: no echarts import and no functions inside the option, because the same
 * options are rendered in the browser AND on the server (SSR to SVG → PNG for the quarterly .docx report). Formatters are
 * template strings only. Thousands separators: ECharts' default tooltip and value-axis labels already format numbers with
 * commas (makeValueReadable / IntervalScale.getLabel), so no formatter function is needed for them.
 * Animation is left to the caller (the server turns it off).
 */

export type EChartsOptionObject = Record<string, unknown>;

/** Colours chosen to stay distinguishable on white paper and in a greyscale print (different lightness). */
export const PATENT_CHART_PALETTE = ['#1f5fa8', '#e08a1e', '#3a8f4f', '#8e5ea2', '#c0392b', '#5b6b7a', '#2a9d9a', '#b08900', '#7f8c8d', '#d35f8d'];

/** Fixed colours so that 发明/实用新型/外观设计 and 有效/失效/审中 look the same in every chart. */
export const PATENT_KEY_COLORS: Record<string, string> = {
  invention: '#1f5fa8',
  utilityModel: '#3a8f4f',
  design: '#e08a1e',
  valid: '#3a8f4f',
  invalid: '#8c8c8c',
  pending: '#e08a1e',
  unknown: '#c8c8c8',
};

/** Short axis labels for the five categories (the full CNIPA wording is in HIGH_VALUE_CATEGORY_LABELS, shown in tooltips). */
export const HIGH_VALUE_CATEGORY_SHORT_LABELS: Record<HighValueCategory, string> = {
  sei: '战略性新兴产业',
  foreignFamily: '海外有同族专利权',
  over10Years: '维持年限超过10年',
  pledge: '较高质押融资金额',
  award: '获国家科技奖或中国专利奖',
};

const AXIS_LABEL_COLOR = '#595959';
const SPLIT_LINE = { lineStyle: { color: '#e8e8e8' } };

function titleOf(title: string | undefined, subtext?: string): EChartsOptionObject | undefined {
  if (!title && !subtext) return undefined;
  return {
    text: title ?? '',
    subtext: subtext ?? '',
    left: 'center',
    top: 4,
    textStyle: { fontSize: 15, fontWeight: 'bold', color: '#262626' },
    subtextStyle: { fontSize: 12, color: '#8c8c8c' },
  };
}

/** Top offset of the plot area: room for the title (and subtitle) and a legend row. */
function topOffset(title: string | undefined, subtext: string | undefined, legend: boolean): number {
  let top = 16;
  if (title) top += 26;
  if (subtext) top += 18;
  if (legend) top += 26;
  return top;
}

function legendTop(title: string | undefined, subtext: string | undefined): number {
  let top = 4;
  if (title) top += 26;
  if (subtext) top += 18;
  return top;
}

/** Base object shared by every chart: palette and optional title; keys are omitted rather than set to undefined. */
function base(title: string | undefined, subtext?: string): EChartsOptionObject {
  const o: EChartsOptionObject = { color: PATENT_CHART_PALETTE, backgroundColor: '#ffffff' };
  const t = titleOf(title, subtext);
  if (t) o.title = t;
  return o;
}

/** Grid that keeps the axis labels inside the chart (ECharts 6 replacement of the deprecated grid.containLabel). */
function grid(top: number, extra: EChartsOptionObject = {}): EChartsOptionObject {
  return { left: 16, right: 32, top, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'all', ...extra };
}

const TYPE_SERIES: { key: 'invention' | 'utilityModel' | 'design'; name: string }[] = [
  { key: 'invention', name: '发明' },
  { key: 'utilityModel', name: '实用新型' },
  { key: 'design', name: '外观设计' },
];

/**
 * 申请趋势 / 授权趋势: columns per year stacked by patent type.
 * The caller states the publication lag (近 18 个月数据因公开滞后不完整) next to the chart, or passes it as `opts.subtext`.
 */
export function trendOption(
  rows: { year: number; invention: number; utilityModel: number; design: number }[],
  title?: string,
  opts: { subtext?: string } = {},
): EChartsOptionObject {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  return {
    ...base(title, opts.subtext),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: legendTop(title, opts.subtext), data: TYPE_SERIES.map((s) => s.name) },
    grid: grid(topOffset(title, opts.subtext, true)),
    xAxis: {
      type: 'category',
      data: sorted.map((r) => String(r.year)),
      axisLabel: { color: AXIS_LABEL_COLOR },
    },
    yAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE },
    series: TYPE_SERIES.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: '合计',
      barMaxWidth: 36,
      itemStyle: { color: PATENT_KEY_COLORS[s.key] },
      emphasis: { focus: 'series' },
      data: sorted.map((r) => r[s.key]),
    })),
  };
}

/** 类型构成 / 法律状态: a ring chart; known keys (invention, valid, …) keep their fixed colours. */
export function mixPieOption(items: NamedCount[], title?: string): EChartsOptionObject {
  const withColour = items.map((it) => {
    const colour = PATENT_KEY_COLORS[it.key];
    return colour ? { name: it.name, value: it.value, itemStyle: { color: colour } } : { name: it.name, value: it.value };
  });
  return {
    ...base(title),
    tooltip: { trigger: 'item' },
    legend: { bottom: 4, data: items.map((it) => it.name) },
    series: [
      {
        name: title ?? '构成',
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', title ? '52%' : '46%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{d}%', color: '#262626' },
        data: withColour,
      },
    ],
  };
}

/** Horizontal ranked bars, the first row at the top; long names truncated on the axis (full name in the tooltip). */
function horizontalBars(names: string[], values: number[], o: { title?: string; labelWidth: number; barMaxWidth: number; color: string }): EChartsOptionObject {
  return {
    ...base(o.title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: grid(topOffset(o.title, undefined, false), { right: 48 }),
    xAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisLabel: { color: AXIS_LABEL_COLOR, width: o.labelWidth, overflow: 'truncate' },
    },
    series: [
      {
        name: '专利数量',
        type: 'bar',
        barMaxWidth: o.barMaxWidth,
        itemStyle: { color: o.color },
        label: { show: true, position: 'right', color: '#595959' },
        data: values,
      },
    ],
  };
}

/** 申请人排名: horizontal bars, the first row at the top. */
export function topApplicantsOption(rows: { name: string; n: number }[], title?: string): EChartsOptionObject {
  return horizontalBars(rows.map((r) => r.name), rows.map((r) => r.n), { title, labelWidth: 180, barMaxWidth: 18, color: PATENT_CHART_PALETTE[0]! });
}

type IpcNode = PatentDashboardDto['ipcTree'][number];
interface TreemapNode {
  name: string;
  value: number;
  code: string;
  titleZh: string;
  children?: TreemapNode[];
}

function treemapNode(n: { code: string; name: string; value: number; children?: { code: string; name: string; value: number; children?: unknown[] }[] }): TreemapNode {
  const node: TreemapNode = {
    // 分类号与中文类名同时显示，便于不熟悉 IPC 的读者理解
    name: n.name ? `${n.code} ${n.name}` : n.code,
    value: n.value,
    code: n.code,
    titleZh: n.name,
  };
  if (n.children && n.children.length) node.children = n.children.map((c) => treemapNode(c as IpcNode));
  return node;
}

/**
 * IPC 技术构成: section → class → subclass. Each node keeps `code` so a click can open the search with that IPC filter;
 * the treemap's own zoom-on-click is off (the page decides what a click does).
 */
export function ipcTreemapOption(tree: PatentDashboardDto['ipcTree'], title?: string): EChartsOptionObject {
  return {
    ...base(title),
    tooltip: { trigger: 'item' },
    series: [
      {
        name: 'IPC 技术构成',
        type: 'treemap',
        top: title ? 40 : 8,
        left: 8,
        right: 8,
        bottom: 8,
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        label: { show: true, overflow: 'truncate', fontSize: 12 },
        upperLabel: { show: true, height: 22, color: '#ffffff', overflow: 'truncate' },
        levels: [
          { itemStyle: { borderColor: '#ffffff', borderWidth: 3, gapWidth: 3 } },
          { colorSaturation: [0.35, 0.6], itemStyle: { borderColorSaturation: 0.7, gapWidth: 2, borderWidth: 2 } },
          { colorSaturation: [0.3, 0.55], itemStyle: { borderColorSaturation: 0.6, gapWidth: 1 } },
        ],
        data: tree.map(treemapNode),
      },
    ],
  };
}

/** 战略性新兴产业分布: horizontal bars per branch (专利总量 and 其中有效发明). */
export function seiBarOption(rows: PatentDashboardDto['seiDistribution'], title?: string): EChartsOptionObject {
  return {
    ...base(title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: legendTop(title, undefined), data: ['专利总量', '其中有效发明'] },
    grid: grid(topOffset(title, undefined, true)),
    xAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${r.branchNo} ${r.branchName}`),
      axisLabel: { color: AXIS_LABEL_COLOR, width: 200, overflow: 'truncate' },
    },
    series: [
      { name: '专利总量', type: 'bar', barMaxWidth: 14, data: rows.map((r) => r.n) },
      { name: '其中有效发明', type: 'bar', barMaxWidth: 14, data: rows.map((r) => r.nValidInvention) },
    ],
  };
}

/** WIPO 技术领域 (35 fields of the WIPO IPC–technology concordance): horizontal bars. */
export function wipoBarOption(rows: PatentDashboardDto['wipoDistribution'], title?: string): EChartsOptionObject {
  return horizontalBars(rows.map((r) => r.fieldZh), rows.map((r) => r.n), { title, labelWidth: 160, barMaxWidth: 16, color: PATENT_CHART_PALETTE[6]! });
}

/**
 * 各县（市、区）对比: grouped columns (专利总量, 有效发明, 高价值发明). A column chart, not a map: there is no vetted,
 * approved (审图号) GeoJSON of the city's counties in the repository (user-expectations.md §4.3).
 */
export function countyBarOption(rows: PatentDashboardDto['byCounty'], title?: string): EChartsOptionObject {
  return {
    ...base(title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: legendTop(title, undefined), data: ['专利总量', '有效发明', '高价值发明'] },
    grid: grid(topOffset(title, undefined, true)),
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { color: AXIS_LABEL_COLOR, interval: 0, hideOverlap: false, width: 72, overflow: 'break' },
    },
    yAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE },
    series: [
      { name: '专利总量', type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.n) },
      { name: '有效发明', type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.validInventions) },
      { name: '高价值发明', type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.highValue) },
    ],
  };
}

/**
 * 高价值发明专利五类: horizontal bars in CNIPA's order. One patent may fall into several categories, so the bars do not add
 * up to the high-value total (the caller says so).
 */
export function highValueCategoryOption(rows: PatentDashboardDto['highValueByCategory'], title?: string): EChartsOptionObject {
  return {
    ...base(title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: grid(topOffset(title, undefined, false), { right: 48 }),
    xAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => HIGH_VALUE_CATEGORY_SHORT_LABELS[r.category] ?? r.label ?? HIGH_VALUE_CATEGORY_LABELS[r.category]),
      axisLabel: { color: AXIS_LABEL_COLOR, width: 170, overflow: 'truncate' },
    },
    series: [
      {
        name: '高价值发明专利',
        type: 'bar',
        barMaxWidth: 20,
        itemStyle: { color: PATENT_CHART_PALETTE[3] },
        label: { show: true, position: 'right', color: '#595959' },
        data: rows.map((r) => r.n),
      },
    ],
  };
}

/**
 * 每万人口高价值发明专利拥有量 trend: 系统测算 (computed snapshots) and 官方发布 (official figures) on one date axis, with the
 * annual target as a dashed markLine. A null value (population missing at that date) stays a gap.
 */
export function kpiTrendOption(trend: PatentKpiDto['trend'], target: number | null, title?: string): EChartsOptionObject {
  const dates = [...new Set(trend.map((t) => t.asOf))].sort();
  const valueAt = (origin: 'computed' | 'official', d: string): number | null => {
    const hit = trend.filter((t) => t.origin === origin && t.asOf === d);
    return hit.length ? hit[hit.length - 1].value : null;
  };
  const computed: EChartsOptionObject = {
    name: '系统测算',
    type: 'line',
    symbol: 'circle',
    symbolSize: 7,
    connectNulls: true,
    itemStyle: { color: PATENT_CHART_PALETTE[0] },
    label: { show: true, position: 'top', color: '#1f5fa8' },
    data: dates.map((d) => valueAt('computed', d)),
  };
  if (target != null) {
    computed.markLine = {
      symbol: 'none',
      silent: true,
      lineStyle: { type: 'dashed', color: '#c0392b', width: 1.5 },
      label: { formatter: '年度目标 {c}', position: 'insideEndTop', color: '#c0392b' },
      data: [{ yAxis: target, name: '年度目标' }],
    };
  }
  const official: EChartsOptionObject = {
    name: '官方发布',
    type: 'line',
    symbol: 'diamond',
    symbolSize: 10,
    connectNulls: true,
    lineStyle: { type: 'dotted', width: 2 },
    itemStyle: { color: PATENT_CHART_PALETTE[1] },
    label: { show: true, position: 'bottom', color: '#b86e10' },
    data: dates.map((d) => valueAt('official', d)),
  };
  const yAxis: EChartsOptionObject = { type: 'value', name: '件/万人', min: 0, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE };
  // markLine values do not widen the axis: keep the target line inside the plot when it is above every figure
  const values = trend.map((t) => t.value).filter((v): v is number => v != null);
  if (target != null && target >= Math.max(0, ...values)) yAxis.max = Math.ceil(target * 1.2);
  return {
    ...base(title),
    tooltip: { trigger: 'axis' },
    legend: { top: legendTop(title, undefined), data: ['系统测算', '官方发布'] },
    grid: grid(topOffset(title, undefined, true)),
    xAxis: { type: 'category', data: dates, boundaryGap: true, axisLabel: { color: AXIS_LABEL_COLOR } },
    yAxis,
    series: [computed, official],
  };
}

/** 申请人画像: applications and grants per year as two lines. */
export function applicationGrantTrendOption(
  rows: { year: number; applications: number; grants: number }[],
  title?: string,
): EChartsOptionObject {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  return {
    ...base(title),
    tooltip: { trigger: 'axis' },
    legend: { top: legendTop(title, undefined), data: ['申请量', '授权量'] },
    grid: grid(topOffset(title, undefined, true)),
    xAxis: { type: 'category', data: sorted.map((r) => String(r.year)), axisLabel: { color: AXIS_LABEL_COLOR } },
    yAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: AXIS_LABEL_COLOR }, splitLine: SPLIT_LINE },
    series: [
      { name: '申请量', type: 'bar', barMaxWidth: 28, itemStyle: { color: PATENT_CHART_PALETTE[0] }, data: sorted.map((r) => r.applications) },
      { name: '授权量', type: 'line', symbol: 'circle', itemStyle: { color: PATENT_CHART_PALETTE[1] }, data: sorted.map((r) => r.grants) },
    ],
  };
}

/** A generic ranked horizontal bar (IPC top subclasses, co-applicants, chains) with the first row on top. */
export function rankBarOption(rows: { name: string; n: number }[], title?: string, seriesName = '专利数量'): EChartsOptionObject {
  const o = topApplicantsOption(rows, title);
  (o.series as EChartsOptionObject[])[0].name = seriesName;
  return o;
}
