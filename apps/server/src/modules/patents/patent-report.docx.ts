/**
 * The quarterly analysis report (产业专利发展情况季度分析) as a .docx laid out after GB/T 9704-2012 (lib/docx/gbt9704.ts:
 * A4, 37/35/28/26 mm margins, 3号仿宋_GB2312 body, 2号方正小标宋简体 title, page numbers, East Asian font on every run).
 * Pure layout: every number comes from `ReportFigures` (stored as patent_reports.figures, so the report can be checked
 * against the screen), every chart is a PNG rendered beforehand.
 */
import {
  HIGH_VALUE_CATEGORY_LABELS,
  PATENT_TYPE_LABELS,
  changeRate,
  type HighValueCategory,
  type KpiRegionRow,
  type PatentDashboardDto,
} from '@zhichan/shared';
import type { FileChild } from 'docx';
import {
  blankLine,
  bodyParagraph,
  caption,
  chineseDate,
  dataTable,
  heading1,
  heading2,
  imageParagraph,
  renderOfficialDocument,
  signatureBlock,
  title,
  type DataTableColumn,
} from '../../lib/docx/gbt9704';

export interface TypeCountsFig {
  invention: number;
  utilityModel: number;
  design: number;
  total: number;
}

/** The numbers of one report, as stored in patent_reports.figures. */
export interface ReportFigures {
  quarter: string;
  /** 2026年第三季度 */
  quarterLabel: string;
  range: { from: string; to: string };
  previousQuarter: { quarter: string; label: string };
  sameQuarterLastYear: { quarter: string; label: string };
  chain: { id: number; name: string; isDemo: boolean } | null;
  regionCode: string;
  regionName: string;
  organ: string;
  /** Date of the report (China time), YYYY-MM-DD. */
  preparedOn: string;
  applications: { current: TypeCountsFig; previous: TypeCountsFig; lastYear: TypeCountsFig; qoq: number | null; yoy: number | null };
  grants: { current: TypeCountsFig; previous: TypeCountsFig; lastYear: TypeCountsFig; qoq: number | null; yoy: number | null };
  /** Cumulative figures of the chain (or all) in the city, exactly as the dashboard shows them. */
  totals: PatentDashboardDto['totals'];
  applicationTrend: PatentDashboardDto['applicationTrend'];
  grantTrend: PatentDashboardDto['grantTrend'];
  topApplicants: PatentDashboardDto['topApplicants'];
  byCounty: PatentDashboardDto['byCounty'];
  ipcSubclasses: { code: string; titleZh: string; n: number }[];
  seiDistribution: PatentDashboardDto['seiDistribution'];
  highValueByCategory: { category: HighValueCategory; label: string; n: number }[];
  kpi: {
    asOf: string;
    year: number;
    pledgeThresholdWan: number;
    rows: KpiRegionRow[];
    missingPopulation: { regionCode: string; name: string }[];
  };
  dataSources: { import: number; demo: number; synthetic: number };
  coverage: { maxAppDate: string | null; maxGrantDate: string | null };
  rebuiltAt: string | null;
}

export interface ReportCharts {
  trend: Buffer | null;
  grantTrend: Buffer | null;
  topApplicants: Buffer | null;
  byCounty: Buffer | null;
}

/** Pixel size at which the charts are rendered (before the ×2 scale); the document scales them to the text width. */
export const CHART_SIZE = { width: 640, height: 340 } as const;
export const CHART_SIZE_TALL = { width: 640, height: 400 } as const;

const CN_DIGITS = ['零', '一', '二', '三', '四'];

/** '2026Q3' → '2026年第三季度' */
export function quarterLabel(q: string): string {
  return `${q.slice(0, 4)}年第${CN_DIGITS[Number(q.slice(5))]}季度`;
}

/** 《2026年第三季度新能源产业链专利发展情况分析》 (without the book-title marks, as a 公文 title is set). */
export function reportTitle(f: Pick<ReportFigures, 'quarterLabel' | 'chain'>): string {
  const scope = f.chain ? (f.chain.name.endsWith('产业链') ? f.chain.name : `${f.chain.name}产业链`) : '重点产业链';
  return `${f.quarterLabel}${scope}专利发展情况分析`;
}

/** Scope as used inside sentences: 全市重点产业链 / 全市新能源产业链. */
function scopeText(f: ReportFigures): string {
  const city = f.regionName.endsWith('市') ? '全市' : f.regionName;
  return f.chain ? `${city}${f.chain.name.endsWith('产业链') ? f.chain.name : `${f.chain.name}产业链`}` : `${city}重点产业链`;
}

const n = (v: number) => String(v);
const pct = (v: number) => `${v.toFixed(1)}%`;
/** 2026-07-01..2026-09-30 → 2026年7月1日至9月30日 */
function rangeText(r: { from: string; to: string }): string {
  const to = chineseDate(r.to);
  return `${chineseDate(r.from)}至${r.from.slice(0, 4) === r.to.slice(0, 4) ? to.replace(/^\d{4}年/, '') : to}`;
}

/** 较上季度（120件）增长12.5% / 下降3.0% / 持平; wording for a base of zero. */
export function changeSentence(cur: number, prev: number, baseName: string, rateName: '环比' | '同比'): string {
  if (prev === 0) return cur === 0 ? `与${baseName}持平（均为0件）` : `${baseName}为0件，${rateName}无法计算`;
  const rate = changeRate(cur, prev);
  if (rate === null || rate === 0) return `与${baseName}（${n(prev)}件）持平，${rateName}变化0.0%`;
  return `较${baseName}（${n(prev)}件）${rate > 0 ? '增长' : '下降'}${pct(Math.abs(rate))}（${rateName}）`;
}

function rateCell(cur: number, prev: number): string {
  const r = changeRate(cur, prev);
  if (r === null) return '—';
  return `${r > 0 ? '+' : ''}${r.toFixed(1)}%`;
}

function typeBreakdown(c: TypeCountsFig): string {
  return `其中发明专利${n(c.invention)}件、实用新型专利${n(c.utilityModel)}件、外观设计专利${n(c.design)}件`;
}

function noData(text = '本期无相关数据。'): FileChild {
  return bodyParagraph(text);
}

/** Chinese date and time of rebuiltAt (China time), e.g. 2026年11月20日10时05分. */
function chinaDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${chineseDate(d.slice(0, 10))}${Number(d.slice(11, 13))}时${d.slice(14, 16)}分`;
}

// ------------------------------------------------------------------------------------------------------------------

function overallSection(f: ReportFigures, tableNo: () => number): FileChild[] {
  const scope = scopeText(f);
  const a = f.applications;
  const g = f.grants;
  const out: FileChild[] = [heading1('一、总体情况')];
  out.push(
    bodyParagraph(
      `${f.quarterLabel}（${rangeText(f.range)}），${scope}新提交专利申请${n(a.current.total)}件，${typeBreakdown(a.current)}；` +
        `${changeSentence(a.current.total, a.previous.total, '上季度', '环比')}，${changeSentence(a.current.total, a.lastYear.total, '上年同期', '同比')}。`,
    ),
  );
  out.push(
    bodyParagraph(
      `本季度获得专利授权${n(g.current.total)}件，${typeBreakdown(g.current)}；` +
        `${changeSentence(g.current.total, g.previous.total, '上季度', '环比')}，${changeSentence(g.current.total, g.lastYear.total, '上年同期', '同比')}。` +
        // 发明授权单独说一句：仅当上季度有发明授权、可以比较时
        (g.previous.invention > 0 ? `其中发明专利授权${g.current.invention}件，${changeSentence(g.current.invention, g.previous.invention, '上季度', '环比')}。` : ''),
    ),
  );
  const t = f.totals;
  const hvShare = t.validInventions > 0 ? `，占有效发明专利的${pct((t.highValue / t.validInventions) * 100)}` : '';
  out.push(
    bodyParagraph(
      `截至${chineseDate(f.preparedOn)}，数据库收录${scope}专利${n(t.patents)}件，其中发明专利${n(t.inventions)}件，已授权专利${n(t.granted)}件；` +
        `有效发明专利${n(t.validInventions)}件，高价值发明专利${n(t.highValue)}件${hvShare}；属于战略性新兴产业的专利${n(t.sei)}件。`,
    ),
  );
  out.push(
    bodyParagraph(
      '需要说明的是，发明专利申请自申请日起满18个月才予公布（《中华人民共和国专利法》第三十四条），实用新型和外观设计专利在授权公告时才公开，' +
        '因此本季度及此前约18个月内的申请量尚不完整，将随公开陆续补齐，相关环比、同比仅供参考。',
    ),
  );
  out.push(caption(`表${tableNo()}　${f.quarterLabel}专利申请与授权情况（件）`));
  const cols: DataTableColumn[] = [
    { title: '指标', widthMm: 34 },
    { title: '本季度', widthMm: 20, align: 'right' },
    { title: '上季度', widthMm: 20, align: 'right' },
    { title: '环比', widthMm: 20, align: 'right' },
    { title: '上年同期', widthMm: 22, align: 'right' },
    { title: '同比', widthMm: 20, align: 'right' },
  ];
  const rows: (string | number)[][] = [];
  for (const [label, block] of [['专利申请量', a], ['专利授权量', g]] as const) {
    rows.push([label, block.current.total, block.previous.total, rateCell(block.current.total, block.previous.total), block.lastYear.total, rateCell(block.current.total, block.lastYear.total)]);
    for (const k of ['invention', 'utilityModel', 'design'] as const) {
      rows.push([`　其中：${PATENT_TYPE_LABELS[k]}`, block.current[k], block.previous[k], rateCell(block.current[k], block.previous[k]), block.lastYear[k], rateCell(block.current[k], block.lastYear[k])]);
    }
  }
  out.push(dataTable(cols, rows));
  return out;
}

function trendSection(f: ReportFigures, charts: ReportCharts, figureNo: () => number): FileChild[] {
  const out: FileChild[] = [heading1('二、专利申请与授权趋势')];
  const trend = f.applicationTrend.filter((r) => r.invention + r.utilityModel + r.design > 0);
  if (trend.length === 0) {
    out.push(noData('数据库中暂无可统计申请日的专利。'));
    return out;
  }
  const total = (r: { invention: number; utilityModel: number; design: number }) => r.invention + r.utilityModel + r.design;
  const peak = trend.reduce((m, r) => (total(r) > total(m) ? r : m), trend[0]!);
  const first = trend[0]!;
  const last = trend[trend.length - 1]!;
  out.push(
    bodyParagraph(
      `按申请年统计，${first.year}年至${last.year}年${scopeText(f)}累计申请专利${n(trend.reduce((s, r) => s + total(r), 0))}件，` +
        `其中${peak.year}年申请量最多，为${n(total(peak))}件。图中最近两个年度的申请量受公开滞后影响偏低，不代表申请活动下降。`,
    ),
  );
  if (charts.trend) {
    out.push(imageParagraph(charts.trend, CHART_SIZE, '专利申请趋势'));
    out.push(caption(`图${figureNo()}　专利申请趋势（按申请年，分专利类型）`));
  }
  const grants = f.grantTrend.filter((r) => total(r) > 0);
  if (grants.length > 0) {
    const gl = grants[grants.length - 1]!;
    out.push(bodyParagraph(`按授权公告年统计，${gl.year}年获得授权${n(total(gl))}件，其中发明专利${n(gl.invention)}件。`));
    if (charts.grantTrend) {
      out.push(imageParagraph(charts.grantTrend, CHART_SIZE, '专利授权趋势'));
      out.push(caption(`图${figureNo()}　专利授权趋势（按授权公告年，分专利类型）`));
    }
  }
  return out;
}

function applicantSection(f: ReportFigures, charts: ReportCharts, tableNo: () => number, figureNo: () => number): FileChild[] {
  const out: FileChild[] = [heading1('三、主要创新主体')];
  const top = f.topApplicants;
  if (top.length === 0) {
    out.push(noData('数据库中暂无申请人数据。'));
    return out;
  }
  const lead = top[0]!;
  out.push(
    bodyParagraph(
      `按专利数量排名，${scopeText(f)}前${top.length}位申请人（专利权人）依次为${top.map((r) => r.name).join('、')}。` +
        `其中${lead.name}以${n(lead.n)}件居首，拥有有效发明专利${n(lead.nValidInvention)}件、高价值发明专利${n(lead.nHighValue)}件。共同申请的专利，每个申请人各计一次。`,
    ),
  );
  out.push(caption(`表${tableNo()}　主要申请人（前${top.length}位）`));
  out.push(
    dataTable(
      [
        { title: '排名', widthMm: 12, align: 'center' },
        { title: '申请人（专利权人）', widthMm: 70 },
        { title: '专利数量', widthMm: 22, align: 'right' },
        { title: '有效发明', widthMm: 22, align: 'right' },
        { title: '高价值发明', widthMm: 24, align: 'right' },
      ],
      top.map((r, i) => [i + 1, r.name, r.n, r.nValidInvention, r.nHighValue]),
    ),
  );
  if (charts.topApplicants) {
    out.push(imageParagraph(charts.topApplicants, CHART_SIZE_TALL, '主要申请人专利数量'));
    out.push(caption(`图${figureNo()}　主要申请人专利数量`));
  }
  return out;
}

function technologySection(f: ReportFigures, tableNo: () => number): FileChild[] {
  const out: FileChild[] = [heading1('四、技术构成')];
  out.push(heading2('（一）国际专利分类（IPC）分布'));
  const ipc = f.ipcSubclasses;
  if (ipc.length === 0) {
    out.push(noData('暂无主分类号数据。'));
  } else {
    const sum = ipc.reduce((s, r) => s + r.n, 0);
    const t = f.totals.patents;
    out.push(
      bodyParagraph(
        `按主分类号所在小类统计，专利最集中的技术领域为${ipc[0]!.code}（${ipc[0]!.titleZh || '—'}），共${n(ipc[0]!.n)}件；` +
          (ipc.length > 1 ? `前${ipc.length}个小类合计${n(sum)}件${t > 0 ? `，占全部专利的${pct((sum / t) * 100)}` : ''}。` : `占全部专利的${t > 0 ? pct((sum / t) * 100) : '—'}。`),
      ),
    );
    out.push(caption(`表${tableNo()}　主要技术领域（IPC小类，按主分类号）`));
    out.push(
      dataTable(
        [
          { title: '排名', widthMm: 12, align: 'center' },
          { title: 'IPC小类', widthMm: 20, align: 'center' },
          { title: '类名', widthMm: 84 },
          { title: '专利数量', widthMm: 22, align: 'right' },
          { title: '占比', widthMm: 18, align: 'right' },
        ],
        ipc.map((r, i) => [i + 1, r.code, r.titleZh || '—', r.n, t > 0 ? pct((r.n / t) * 100) : '—']),
      ),
    );
  }
  out.push(heading2('（二）战略性新兴产业分布'));
  const sei = f.seiDistribution;
  if (sei.length === 0) {
    out.push(noData('按《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》，暂无归入战略性新兴产业的专利。'));
  } else {
    out.push(
      bodyParagraph(
        `按《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》归类，属于战略性新兴产业的专利共${n(f.totals.sei)}件，` +
          `数量最多的分支为${sei[0]!.branchNo} ${sei[0]!.branchName}（${n(sei[0]!.n)}件）。一件专利可归入多个分支，各分支之和可能大于合计。`,
      ),
    );
    out.push(caption(`表${tableNo()}　战略性新兴产业分布`));
    out.push(
      dataTable(
        [
          { title: '分支代码', widthMm: 18, align: 'center' },
          { title: '分支名称', widthMm: 58 },
          { title: '所属产业', widthMm: 40 },
          { title: '专利数量', widthMm: 20, align: 'right' },
          { title: '有效发明', widthMm: 20, align: 'right' },
        ],
        sei.map((r) => [r.branchNo, r.branchName, r.industryName, r.n, r.nValidInvention]),
      ),
    );
  }
  return out;
}

function highValueSection(f: ReportFigures, charts: ReportCharts, tableNo: () => number, figureNo: () => number): FileChild[] {
  const out: FileChild[] = [heading1('五、高价值发明专利')];
  const t = f.totals;
  out.push(
    bodyParagraph(
      `按国家知识产权局高价值发明专利的五类情形认定（仅统计有效发明专利，每件只计一次），${scopeText(f)}现有高价值发明专利${n(t.highValue)}件` +
        `${t.validInventions > 0 ? `，占有效发明专利（${n(t.validInventions)}件）的${pct((t.highValue / t.validInventions) * 100)}` : ''}。` +
        '按情形统计如下表，一件专利可同时符合多类情形，各类之和可能大于合计。',
    ),
  );
  out.push(caption(`表${tableNo()}　高价值发明专利按情形统计（件）`));
  out.push(
    dataTable(
      [
        { title: '序号', widthMm: 12, align: 'center' },
        { title: '情形', widthMm: 110 },
        { title: '件数', widthMm: 24, align: 'right' },
      ],
      f.highValueByCategory.map((r, i) => [i + 1, HIGH_VALUE_CATEGORY_LABELS[r.category] ?? r.label, r.n]),
    ),
  );

  out.push(heading2('（一）每万人口高价值发明专利拥有量'));
  const k = f.kpi;
  const city = k.rows.find((r) => r.level === 'city');
  if (city) {
    const value =
      city.value !== null
        ? `${city.name}每万人口高价值发明专利拥有量为${city.value.toFixed(2)}件（高价值发明专利${n(city.highValueCount)}件，${city.populationYear}年末常住人口${city.populationWan}万人）`
        : `${city.name}现有高价值发明专利${n(city.highValueCount)}件，常住人口待补录，每万人口拥有量暂无法计算`;
    const target =
      city.target !== null
        ? city.value !== null
          ? `，${city.targetYear}年目标为${city.target.toFixed(2)}件，${city.value >= city.target ? '已达到目标' : `距目标尚差${(city.target - city.value).toFixed(2)}件`}`
          : `，${city.targetYear}年目标为${city.target.toFixed(2)}件`
        : '，年度目标尚未设置';
    out.push(
      bodyParagraph(
        `截至${chineseDate(k.asOf)}，${value}${target}。该指标按全市全部专利计算，不限于本报告的产业链。` +
          (k.missingPopulation.length > 0 ? `${k.missingPopulation.map((m) => m.name).join('、')}的常住人口尚待补录，表中相应数值标为“待补录”。` : ''),
      ),
    );
  }
  out.push(caption(`表${tableNo()}　每万人口高价值发明专利拥有量（分县、市、区）`));
  out.push(
    dataTable(
      [
        { title: '地区', widthMm: 32 },
        { title: '高价值发明专利（件）', widthMm: 30, align: 'right' },
        { title: '常住人口（万人）', widthMm: 28, align: 'right' },
        { title: '每万人口拥有量（件）', widthMm: 30, align: 'right' },
        { title: '年度目标（件）', widthMm: 24, align: 'right' },
      ],
      k.rows.map((r) => [
        r.name,
        r.highValueCount,
        r.populationWan !== null ? `${r.populationWan}${r.populationYear ? `（${r.populationYear}年）` : ''}` : '待补录',
        r.value !== null ? r.value.toFixed(2) : '待补录',
        r.target !== null ? r.target.toFixed(2) : '—',
      ]),
    ),
  );
  if (charts.byCounty && f.byCounty.length > 0) {
    out.push(bodyParagraph(`${scopeText(f)}专利在各县（市、区）的分布见下图（按第一申请人地址归属）。`));
    out.push(imageParagraph(charts.byCounty, CHART_SIZE, '各县（市、区）专利情况'));
    out.push(caption(`图${figureNo()}　各县（市、区）专利数量、有效发明与高价值发明专利`));
  }
  return out;
}

function notesSection(f: ReportFigures): FileChild[] {
  const out: FileChild[] = [heading1('六、说明')];
  const rebuilt = chinaDateTime(f.rebuiltAt);
  const notes: string[] = [];
  notes.push(
    `数据来源：本系统专利信息数据库${rebuilt ? `（统计数据更新于${rebuilt}）` : ''}，为导入的专利著录项目数据` +
      `${f.coverage.maxAppDate ? `，最近申请日为${chineseDate(f.coverage.maxAppDate)}` : ''}。专利所属地区按第一申请人地址确定，统计口径为${f.regionName}。`,
  );
  notes.push('公开滞后：发明专利申请自申请日起满18个月公布，实用新型和外观设计专利在授权后公告，近期申请量将随公开陆续增加，本报告的季度数字以报告生成时数据库中的数据为准。');
  if (f.chain) {
    notes.push(
      `产业链口径：“${f.chain.name}”按管理员维护的产业链定义（国际专利分类号、关键词与战略性新兴产业分支）归类${f.chain.isDemo ? '，该定义为演示用的示例定义，并非本市正式的产业链口径' : ''}。`,
    );
  } else {
    notes.push('统计范围：本市全部专利（不区分产业链）。');
  }
  notes.push(
    `高价值发明专利按国家知识产权局五类情形认定；其中“实现较高质押融资金额”的阈值为${f.kpi.pledgeThresholdWan}万元（由本局设定）。常住人口取自统计公报，缺失的须补录，不作估算。`,
  );
  const ds = f.dataSources;
  const all = ds.import + ds.demo + ds.synthetic;
  if (ds.demo > 0 || ds.synthetic > 0) {
    const parts: string[] = [];
    if (ds.demo > 0) parts.push(`演示数据${n(ds.demo)}件（占${pct((ds.demo / all) * 100)}）`);
    if (ds.synthetic > 0) parts.push(`合成测试数据${n(ds.synthetic)}件（占${pct((ds.synthetic / all) * 100)}）`);
    notes.push(`本报告所用数据含演示数据：${parts.join('，')}，为系统生成的示例专利，并非真实专利，相关数字仅供演示，不得作为工作依据。`);
  }
  notes.forEach((text, i) => out.push(bodyParagraph(`${i + 1}. ${text}`)));
  return out;
}

/** Builds the .docx of one report. */
export async function buildPatentReportDocx(f: ReportFigures, charts: ReportCharts): Promise<Buffer> {
  let tables = 0;
  let figures = 0;
  const tableNo = () => ++tables;
  const figureNo = () => ++figures;
  const heading = reportTitle(f);
  const children: FileChild[] = [
    title(heading),
    blankLine(),
    ...overallSection(f, tableNo),
    ...trendSection(f, charts, figureNo),
    ...applicantSection(f, charts, tableNo, figureNo),
    ...technologySection(f, tableNo),
    ...highValueSection(f, charts, tableNo, figureNo),
    ...notesSection(f),
    ...signatureBlock(f.organ, f.preparedOn, { sealNote: false }),
  ];
  return renderOfficialDocument({ title: heading, creator: f.organ, children });
}
