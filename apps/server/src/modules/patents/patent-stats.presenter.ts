import ExcelJS from 'exceljs';
import {
  HIGH_VALUE_CATEGORIES,
  HIGH_VALUE_CATEGORY_LABELS,
  LEGAL_STATUSES,
  LEGAL_STATUS_LABELS,
  PATENT_TYPES,
  PATENT_TYPE_LABELS,
  type HighValueCategory,
  type LegalStatusCode,
  type PatentDashboardDto,
  type PatentFilter,
  type PatentKpiDto,
  type PatentTypeCode,
} from '@zhichan/shared';
import type { ApplicantRow, GrantGroupRow, KeyCountRow, SeiCountRow, StatsGroupRow, WipoCountRow } from './patent-stats.repository';

// ---------------------------------------------------------------- dashboard DTO

export interface DashboardParts {
  filter: PatentFilter;
  source: 'rollup' | 'base';
  rebuiltAt: string | null;
  groups: StatsGroupRow[];
  grants: GrantGroupRow[];
  byCounty: PatentDashboardDto['byCounty'];
  applicants: ApplicantRow[];
  ipc: KeyCountRow[];
  ipcTitles: Map<string, string>;
  sei: SeiCountRow[];
  seiNames: Map<string, { branchName: string; industryName: string }>;
  wipo: WipoCountRow[];
  wipoNames: Map<number, string>;
  types?: string[];
  statuses?: string[];
}

type TrendRow = PatentDashboardDto['applicationTrend'][number];

/** Year rows from the first to the last year with data, gaps filled with zeros (a trend line must not skip years). */
function trend(rows: { year: number; patentType: string; n: number }[]): TrendRow[] {
  const years = rows.filter((r) => r.year > 0 && r.n > 0).map((r) => r.year);
  if (years.length === 0) return [];
  const min = Math.min(...years);
  const max = Math.max(...years);
  const out = new Map<number, TrendRow>();
  for (let y = min; y <= max; y++) out.set(y, { year: y, invention: 0, utilityModel: 0, design: 0 });
  for (const r of rows) {
    const row = out.get(r.year);
    if (row && (r.patentType === 'invention' || r.patentType === 'utilityModel' || r.patentType === 'design')) row[r.patentType] += r.n;
  }
  return [...out.values()];
}

/** Branch numbers like 1.2 < 1.10 < 2.1. */
function compareBranch(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return (a1! - b1!) || ((a2 ?? 0) - (b2 ?? 0));
}

function ipcTree(rows: KeyCountRow[], titles: Map<string, string>): PatentDashboardDto['ipcTree'] {
  type Sub = { code: string; name: string; value: number };
  type Cls = Sub & { children: Sub[] };
  const sections = new Map<string, Sub & { children: Map<string, Cls> }>();
  for (const r of rows) {
    if (r.n <= 0) continue;
    const s = r.key.slice(0, 1);
    const c = r.key.slice(0, 3);
    let sec = sections.get(s);
    if (!sec) sections.set(s, (sec = { code: s, name: titles.get(s) ?? s, value: 0, children: new Map() }));
    let cls = sec.children.get(c);
    if (!cls) sec.children.set(c, (cls = { code: c, name: titles.get(c) ?? c, value: 0, children: [] }));
    cls.children.push({ code: r.key, name: titles.get(r.key) ?? r.key, value: r.n });
    cls.value += r.n;
    sec.value += r.n;
  }
  const byValue = (a: { value: number; code: string }, b: { value: number; code: string }) => b.value - a.value || a.code.localeCompare(b.code);
  return [...sections.values()].sort(byValue).map((sec) => ({
    code: sec.code,
    name: sec.name,
    value: sec.value,
    children: [...sec.children.values()].sort(byValue).map((cls) => ({ ...cls, children: cls.children.sort(byValue) })),
  }));
}

export function presentDashboard(p: DashboardParts): PatentDashboardDto {
  const g = p.groups;
  const sum = (pred: (r: StatsGroupRow) => boolean, val: (r: StatsGroupRow) => number = (r) => r.n) =>
    g.filter(pred).reduce((s, r) => s + val(r), 0);
  const all = () => true;
  const types = (p.types ?? PATENT_TYPES) as readonly string[];
  const statuses = (p.statuses ?? LEGAL_STATUSES) as readonly string[];
  const catCol: Record<HighValueCategory, keyof StatsGroupRow> = {
    sei: 'nHvSei', foreignFamily: 'nHvForeignFamily', over10Years: 'nHvOver10Years', pledge: 'nHvPledge', award: 'nHvAward',
  };
  return {
    filter: p.filter,
    source: p.source,
    rebuiltAt: p.rebuiltAt,
    totals: {
      patents: sum(all),
      inventions: sum((r) => r.patentType === 'invention'),
      validInventions: sum((r) => r.patentType === 'invention' && r.legalStatus === 'valid'),
      granted: sum(all, (r) => r.nGranted),
      highValue: sum(all, (r) => r.nHighValue),
      sei: sum(all, (r) => r.nSei),
    },
    applicationTrend: trend(g.map((r) => ({ year: r.appYear, patentType: r.patentType, n: r.n }))),
    grantTrend: trend(p.grants.map((r) => ({ year: r.grantYear, patentType: r.patentType, n: r.n }))),
    typeMix: PATENT_TYPES.filter((t) => types.includes(t)).map((t) => ({ key: t, name: PATENT_TYPE_LABELS[t], value: sum((r) => r.patentType === t) })),
    statusMix: LEGAL_STATUSES.filter((s) => statuses.includes(s)).map((s) => ({ key: s, name: LEGAL_STATUS_LABELS[s], value: sum((r) => r.legalStatus === s) })),
    topApplicants: p.applicants.map((a) => ({ name: a.name, n: a.n, nValidInvention: a.nValidInvention, nHighValue: a.nHighValue })),
    ipcTree: ipcTree(p.ipc, p.ipcTitles),
    seiDistribution: p.sei
      .filter((r) => r.n > 0)
      .sort((a, b) => compareBranch(a.branchNo, b.branchNo))
      .map((r) => ({
        branchNo: r.branchNo,
        branchName: p.seiNames.get(r.branchNo)?.branchName ?? r.branchNo,
        industryName: p.seiNames.get(r.branchNo)?.industryName ?? '',
        n: r.n,
        nValidInvention: r.nValidInvention,
      })),
    wipoDistribution: p.wipo
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n || a.fieldNo - b.fieldNo)
      .map((r) => ({ fieldNo: r.fieldNo, fieldZh: p.wipoNames.get(r.fieldNo) ?? `技术领域 ${r.fieldNo}`, n: r.n })),
    byCounty: p.byCounty,
    highValueByCategory: HIGH_VALUE_CATEGORIES.map((c) => ({ category: c, label: HIGH_VALUE_CATEGORY_LABELS[c], n: sum(all, (r) => r[catCol[c]] as number) })),
  };
}

// ---------------------------------------------------------------- Excel exports (user-expectations §4.2)

export const DASHBOARD_WIDGETS = ['applicationTrend', 'grantTrend', 'typeMix', 'statusMix', 'topApplicants', 'ipc', 'sei', 'wipo', 'byCounty', 'highValue'] as const;
export type DashboardWidget = (typeof DASHBOARD_WIDGETS)[number];

export const WIDGET_LABELS: Record<DashboardWidget, string> = {
  applicationTrend: '专利申请趋势',
  grantTrend: '专利授权趋势',
  typeMix: '专利类型构成',
  statusMix: '法律状态构成',
  topApplicants: '申请人排名',
  ipc: '技术构成（IPC 主分类号）',
  sei: '战略性新兴产业分布',
  wipo: 'WIPO 技术领域分布',
  byCounty: '分地区对比',
  highValue: '高价值发明专利分类统计',
};

/** Names the filter refers to, for the title row of an export. */
export interface FilterNames {
  regionName: string;
  chainName: string | null;
  seiBranchName?: string | null;
  ipcTitle?: string | null;
}

/** The filter in words: 产业链：…；地区：…；专利类型：…；法律状态：…；申请年：…. */
export function describeFilter(f: PatentFilter, names: FilterNames): string {
  const parts = [`产业链：${f.chainId ? (names.chainName ?? `编号 ${f.chainId}`) : '全部'}`, `地区：${names.regionName}`];
  if (f.type?.length) parts.push(`专利类型：${f.type.map((t) => PATENT_TYPE_LABELS[t as PatentTypeCode]).join('、')}`);
  if (f.status?.length) parts.push(`法律状态：${f.status.map((s) => LEGAL_STATUS_LABELS[s as LegalStatusCode]).join('、')}`);
  if (f.yearFrom !== undefined || f.yearTo !== undefined) {
    const from = f.yearFrom !== undefined ? `${f.yearFrom}年` : '';
    const to = f.yearTo !== undefined ? `${f.yearTo}年` : '';
    parts.push(`年度：${from && to ? `${from}至${to}` : from ? `${from}起` : `至${to}`}`);
  }
  if (f.applicant) parts.push(`申请人：${f.applicant}`);
  if (f.seiBranch) parts.push(`战略性新兴产业：${f.seiBranch}${names.seiBranchName ? ` ${names.seiBranchName}` : ''}`);
  if (f.ipc) parts.push(`IPC：${f.ipc.toUpperCase()}${names.ipcTitle ? ` ${names.ipcTitle}` : ''}`);
  if (f.highValue !== undefined) parts.push(f.highValue ? '仅高价值发明专利' : '非高价值发明专利');
  if (f.hvCategory) parts.push(`高价值类别：${HIGH_VALUE_CATEGORY_LABELS[f.hvCategory]}`);
  return parts.join('；');
}

interface Table {
  headers: string[];
  widths: number[];
  rows: (string | number | null)[][];
  /** Column indexes holding counts (right-aligned, #,##0). */
  numeric: number[];
  total?: (string | number | null)[];
}

function trendTable(rows: PatentDashboardDto['applicationTrend'], yearHeader: string): Table {
  return {
    headers: [yearHeader, '发明（件）', '实用新型（件）', '外观设计（件）', '合计（件）'],
    widths: [12, 14, 16, 16, 14],
    rows: rows.map((r) => [r.year, r.invention, r.utilityModel, r.design, r.invention + r.utilityModel + r.design]),
    numeric: [1, 2, 3, 4],
    total: ['合计', ...[0, 1, 2].map((i) => rows.reduce((s, r) => s + [r.invention, r.utilityModel, r.design][i]!, 0)), rows.reduce((s, r) => s + r.invention + r.utilityModel + r.design, 0)],
  };
}

function widgetTable(d: PatentDashboardDto, w: DashboardWidget): Table {
  const total = (vals: number[]) => vals.reduce((s, v) => s + v, 0);
  switch (w) {
    case 'applicationTrend':
      return trendTable(d.applicationTrend, '申请年');
    case 'grantTrend':
      return trendTable(d.grantTrend, '授权公告年');
    case 'typeMix':
      return { headers: ['专利类型', '件数'], widths: [16, 12], rows: d.typeMix.map((r) => [r.name, r.value]), numeric: [1], total: ['合计', total(d.typeMix.map((r) => r.value))] };
    case 'statusMix':
      return { headers: ['法律状态', '件数'], widths: [16, 12], rows: d.statusMix.map((r) => [r.name, r.value]), numeric: [1], total: ['合计', total(d.statusMix.map((r) => r.value))] };
    case 'topApplicants':
      return {
        headers: ['排名', '申请人（专利权人）', '专利件数', '有效发明专利（件）', '高价值发明专利（件）'],
        widths: [8, 44, 12, 18, 20],
        rows: d.topApplicants.map((r, i) => [i + 1, r.name, r.n, r.nValidInvention, r.nHighValue]),
        numeric: [2, 3, 4],
      };
    case 'ipc': {
      const rows: (string | number)[][] = [];
      for (const s of d.ipcTree) for (const c of s.children ?? []) for (const sc of c.children ?? []) rows.push([s.code, s.name, c.code, c.name, sc.code, sc.name, sc.value]);
      return {
        headers: ['部', '部名称', '大类', '大类名称', '小类', '小类名称', '件数'],
        widths: [6, 24, 8, 30, 8, 50, 10],
        rows,
        numeric: [6],
        total: ['合计', '', '', '', '', '', total(d.ipcTree.map((s) => s.value))],
      };
    }
    case 'sei':
      return {
        headers: ['战略性新兴产业', '分支代码', '分支名称', '专利件数', '其中有效发明（件）'],
        widths: [24, 10, 36, 12, 18],
        rows: d.seiDistribution.map((r) => [r.industryName, r.branchNo, r.branchName, r.n, r.nValidInvention]),
        numeric: [3, 4],
      };
    case 'wipo':
      return { headers: ['领域序号', '技术领域', '件数'], widths: [10, 30, 12], rows: d.wipoDistribution.map((r) => [r.fieldNo, r.fieldZh, r.n]), numeric: [2] };
    case 'byCounty':
      return {
        headers: ['区划代码', '地区', '专利件数', '有效发明专利（件）', '高价值发明专利（件）'],
        widths: [12, 24, 12, 18, 20],
        rows: d.byCounty.map((r) => [r.regionCode, r.name, r.n, r.validInventions, r.highValue]),
        numeric: [2, 3, 4],
        total: ['合计', '', total(d.byCounty.map((r) => r.n)), total(d.byCounty.map((r) => r.validInventions)), total(d.byCounty.map((r) => r.highValue))],
      };
    case 'highValue':
      return {
        headers: ['类别', '件数'],
        widths: [44, 12],
        rows: [...d.highValueByCategory.map((r) => [r.label, r.n]), ['高价值发明专利（每件只计一次）', d.totals.highValue]],
        numeric: [1],
      };
  }
}

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** A sheet laid out like a statistics return: a merged title, the filter and source lines, bold headers, the rows, notes. */
function writeSheet(wb: ExcelJS.Workbook, sheetName: string, title: string, infoLines: string[], t: Table, notes: string[]): void {
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: infoLines.length + 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = t.headers.length;
  ws.columns = t.widths.map((w) => ({ width: w }));
  ws.mergeCells(1, 1, 1, last);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: FONT, size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  infoLines.forEach((line, i) => {
    const r = i + 2;
    ws.mergeCells(r, 1, r, last);
    const c = ws.getCell(r, 1);
    c.value = line;
    c.font = { name: FONT, size: 10 };
    c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    ws.getRow(r).height = line.length > 80 ? 32 : 20;
  });
  const header = ws.getRow(infoLines.length + 2);
  t.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 24;
  const write = (values: (string | number | null)[], bold: boolean) => {
    const row = ws.addRow(values.map((v) => (v === null ? '—' : v)));
    values.forEach((_, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      cell.font = { name: FONT, size: 10, bold };
      if (t.numeric.includes(i) && typeof cell.value === 'number') {
        cell.numFmt = Number.isInteger(cell.value) ? '#,##0' : '#,##0.00';
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
      } else {
        cell.alignment = { horizontal: 'left', vertical: 'middle' };
      }
    });
  };
  for (const r of t.rows) write(r, false);
  if (t.total && t.rows.length > 0) write(t.total, true);
  if (t.rows.length === 0) {
    const row = ws.addRow(['（无数据）']);
    ws.mergeCells(row.number, 1, row.number, last);
  }
  if (notes.length) {
    ws.addRow([]);
    ws.addRow(['说明：']).getCell(1).font = { name: FONT, size: 9, bold: true };
    notes.forEach((n, i) => {
      const row = ws.addRow([`${i + 1}. ${n}`]);
      ws.mergeCells(row.number, 1, row.number, last);
      row.getCell(1).font = { name: FONT, size: 9 };
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    });
  }
}

function dataNote(d: { demo: boolean; synthetic: boolean }): string[] {
  const out: string[] = [];
  if (d.demo) out.push('数据库中含演示数据（合成的示例专利，非真实专利），统计数字包含这些数据。');
  if (d.synthetic) out.push('数据库中含合成测试数据（非真实专利），统计数字包含这些数据。');
  return out;
}

export function widgetFileName(w: DashboardWidget, regionName: string): string {
  return `专利统计_${WIDGET_LABELS[w].replace(/[（）() ]/g, '')}_${regionName}.xlsx`;
}

export async function dashboardWidgetWorkbook(
  d: PatentDashboardDto,
  w: DashboardWidget,
  o: { filterText: string; regionName: string; preparedOn: string; nonImported: { demo: boolean; synthetic: boolean } },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhichan';
  wb.created = new Date(`${o.preparedOn}T00:00:00+08:00`);
  const source = d.source === 'rollup' ? `汇总表（更新于 ${d.rebuiltAt ? isoToChina(d.rebuiltAt) : '—'}）` : '专利明细表（按筛选条件实时统计）';
  const notes = [
    '地区按第一申请人（专利权人）地址归属。',
    w === 'grantTrend' ? '授权趋势按授权公告日所在年度统计；筛选年度指授权公告年。' : '年度按申请日所在年度统计。',
    ...(w === 'topApplicants' ? ['共同申请的专利，每个申请人各计一次。'] : []),
    ...(w === 'sei' ? ['按《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》归类，一件专利可属多个分支。'] : []),
    ...(w === 'wipo' ? ['按 WIPO IPC 与技术领域对照表归类，一件专利可属多个领域。'] : []),
    ...(w === 'ipc' ? ['按主分类号所在小类统计。'] : []),
    ...(w === 'highValue' ? ['高价值发明专利为有效发明专利且符合五类情形之一，一件符合多类的在各类中分别计数，合计只计一次。'] : []),
    ...dataNote(o.nonImported),
  ];
  writeSheet(wb, WIDGET_LABELS[w].slice(0, 31), `${o.regionName}${WIDGET_LABELS[w]}`, [`筛选条件：${o.filterText}`, `数据来源：${source}　　制表日期：${o.preparedOn}`], widgetTable(d, w), notes);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function isoToChina(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

// ---------------------------------------------------------------- KPI export

export function kpiFileName(k: PatentKpiDto, cityName: string): string {
  return `每万人口高价值发明专利拥有量_${cityName}_${k.asOf}.xlsx`;
}

export async function kpiWorkbook(k: PatentKpiDto, o: { cityName: string; year: number; nonImported: { demo: boolean; synthetic: boolean } }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhichan';
  wb.created = new Date(`${k.asOf}T00:00:00+08:00`);
  const table: Table = {
    headers: ['区划代码', '地区', '高价值发明专利（件）', '有效发明专利（件）', '常住人口（万人）', '人口年度', '人口数据来源', '每万人口高价值发明专利拥有量（件）', '目标值', '目标年度'],
    widths: [10, 16, 14, 14, 12, 10, 36, 18, 10, 10],
    rows: k.rows.map((r) => [r.regionCode, r.name, r.highValueCount, r.validInventions, r.populationWan, r.populationYear, r.populationSource, r.value ?? '待录入人口', r.target, r.targetYear]),
    numeric: [2, 3, 4, 7, 8],
  };
  const notes = [
    '每万人口高价值发明专利拥有量 = 本地区高价值发明专利件数 ÷ 年末常住人口（万人），保留两位小数。',
    '高价值发明专利：有效发明专利中，属于战略性新兴产业、在海外有同族专利权、维持年限超过10年、实现较高质押融资金额（本系统阈值 ' +
      `${k.pledgeThresholdWan} 万元）、获得国家科学技术奖或中国专利奖五类情形之一的，每件只计一次。`,
    '地区按第一专利权人地址归属；人口取所选年度及以前最近一年的年末常住人口，缺失的须录入，不作估算。',
    ...(k.missingPopulation.length ? [`缺少常住人口数据：${k.missingPopulation.map((m) => m.name).join('、')}。`] : []),
    ...dataNote(o.nonImported),
  ];
  writeSheet(wb, '每万人口高价值发明专利', `${o.cityName}每万人口高价值发明专利拥有量`, [`统计时点：${k.asOf}　　人口与目标年度：${o.year}年`], table, notes);
  // Second sheet: the trend (system snapshots and official figures).
  writeSheet(wb, '历年趋势', `${o.cityName}每万人口高价值发明专利拥有量趋势`, ['系统计算值为各季度末留存的时点值；官方发布数注明出处。'], {
    headers: ['统计时点', '每万人口拥有量（件）', '来源', '说明'],
    widths: [14, 18, 12, 50],
    rows: k.trend.map((t) => [t.asOf, t.value, t.origin === 'official' ? '官方发布' : '系统计算', t.note]),
    numeric: [1],
  }, []);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
