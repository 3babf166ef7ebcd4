import { describe, expect, it } from 'vitest';
import type { PatentDashboardDto, PatentKpiDto } from '../contracts/patent';
import {
  applicationGrantTrendOption,
  countyBarOption,
  highValueCategoryOption,
  ipcTreemapOption,
  kpiTrendOption,
  mixPieOption,
  rankBarOption,
  seiBarOption,
  topApplicantsOption,
  trendOption,
  wipoBarOption,
} from './patent-charts';

type Obj = Record<string, any>;
const series = (o: Obj): Obj[] => o.series as Obj[];
const HAN = /[\u4e00-\u9fff]/;
const ASCII_WORD = /[A-Za-z]{3,}/;

/** Every option must survive JSON (the server renders it after serialising) and hold no functions. */
function assertPlain(o: unknown) {
  const walk = (v: unknown, path: string) => {
    expect(typeof v, path).not.toBe('function');
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(o, 'option');
  expect(JSON.parse(JSON.stringify(o))).toEqual(o);
}

/** Visible labels (series names, legend entries, axis names) are Chinese, never English words. */
function assertChineseLabels(o: Obj) {
  const labels: string[] = [];
  for (const s of series(o)) if (s.name) labels.push(s.name);
  const legend = o.legend as Obj | undefined;
  if (legend?.data) labels.push(...(legend.data as string[]));
  for (const ax of [o.xAxis, o.yAxis] as (Obj | undefined)[]) if (ax?.name) labels.push(ax.name);
  if (o.title) labels.push((o.title as Obj).text);
  for (const l of labels) {
    expect(l, l).toMatch(HAN);
    expect(l.replace(/IPC|WIPO/g, ''), l).not.toMatch(ASCII_WORD);
  }
}

describe('trendOption (申请趋势 / 授权趋势)', () => {
  const rows = [
    { year: 2024, invention: 1200, utilityModel: 3400, design: 150 },
    { year: 2022, invention: 1000, utilityModel: 3000, design: 100 },
    { year: 2023, invention: 1100, utilityModel: 3200, design: 0 },
  ];
  it('stacks the three types per year, sorted by year, with the input numbers', () => {
    const o = trendOption(rows, '专利申请趋势', { subtext: '近 18 个月数据因公开滞后不完整' }) as Obj;
    expect(o.xAxis.data).toEqual(['2022', '2023', '2024']);
    expect(series(o).map((s) => s.name)).toEqual(['发明', '实用新型', '外观设计']);
    expect(series(o).map((s) => s.data)).toEqual([
      [1000, 1100, 1200],
      [3000, 3200, 3400],
      [100, 0, 150],
    ]);
    expect(series(o).every((s) => s.type === 'bar' && s.stack === '合计')).toBe(true);
    expect(o.title.text).toBe('专利申请趋势');
    expect(o.title.subtext).toContain('18 个月');
    assertChineseLabels(o);
    assertPlain(o);
  });
  it('has no title block when no title is given, and leaves animation to the caller', () => {
    const o = trendOption([]) as Obj;
    expect(o.title).toBeUndefined();
    expect('animation' in o).toBe(false);
    expect(series(o).map((s) => s.data)).toEqual([[], [], []]);
  });
  it('uses the default (comma-separating) tooltip: no formatter function or template', () => {
    const o = trendOption(rows) as Obj;
    expect(o.tooltip.formatter).toBeUndefined();
    expect(o.tooltip.valueFormatter).toBeUndefined();
  });
});

describe('mixPieOption (类型构成 / 法律状态)', () => {
  it('keeps names and values, and gives known keys their fixed colours', () => {
    const items = [
      { key: 'valid', name: '有效', value: 2500 },
      { key: 'invalid', name: '失效', value: 800 },
      { key: 'pending', name: '审中', value: 300 },
      { key: 'other', name: '其他', value: 1 },
    ];
    const o = mixPieOption(items, '法律状态') as Obj;
    const s = series(o)[0];
    expect(s.type).toBe('pie');
    expect(s.data.map((d: Obj) => [d.name, d.value])).toEqual(items.map((i) => [i.name, i.value]));
    expect(s.data[0].itemStyle.color).toBe('#3a8f4f');
    expect(s.data[3].itemStyle).toBeUndefined();
    expect(o.legend.data).toEqual(['有效', '失效', '审中', '其他']);
    assertChineseLabels(o);
    assertPlain(o);
  });
});

describe('topApplicantsOption (申请人排名)', () => {
  it('lists applicants top-down with their counts', () => {
    const rows = [
      { name: '泰安航天特种车有限公司', n: 320 },
      { name: '山东农业大学', n: 210 },
      { name: '张三', n: 3 },
    ];
    const o = topApplicantsOption(rows, '申请人排名') as Obj;
    expect(o.yAxis.data).toEqual(rows.map((r) => r.name));
    expect(o.yAxis.inverse).toBe(true);
    expect(series(o)[0].data).toEqual([320, 210, 3]);
    expect(series(o)[0].name).toBe('专利数量');
    assertChineseLabels(o);
    assertPlain(o);
  });
  it('rankBarOption renames the series', () => {
    const o = rankBarOption([{ name: 'H01M 电池', n: 5 }], undefined, '合作申请数') as Obj;
    expect(series(o)[0].name).toBe('合作申请数');
    expect(series(o)[0].data).toEqual([5]);
  });
});

describe('ipcTreemapOption (IPC 技术构成)', () => {
  const tree: PatentDashboardDto['ipcTree'] = [
    {
      code: 'H',
      name: '电学',
      value: 900,
      children: [
        { code: 'H01', name: '基本电气元件', value: 600, children: [{ code: 'H01M', name: '用于直接转变化学能为电能的方法或装置', value: 600 }] },
        { code: 'H02', name: '发电、变电或配电', value: 300 },
      ],
    },
    { code: 'A', name: '人类生活必需', value: 100 },
  ];
  it('keeps the tree, values and codes, and shows code plus Chinese title', () => {
    const o = ipcTreemapOption(tree, 'IPC 技术构成') as Obj;
    const s = series(o)[0];
    expect(s.type).toBe('treemap');
    expect(s.nodeClick).toBe(false);
    const strip = (ns: Obj[]): unknown[] => ns.map((n) => ({ code: n.code, value: n.value, ...(n.children ? { children: strip(n.children) } : {}) }));
    const expected = (ns: PatentDashboardDto['ipcTree'] | undefined): unknown[] =>
      (ns ?? []).map((n) => ({ code: n.code, value: n.value, ...(n.children ? { children: expected(n.children as PatentDashboardDto['ipcTree']) } : {}) }));
    expect(strip(s.data)).toEqual(expected(tree));
    expect(s.data[0].name).toBe('H 电学');
    expect(s.data[0].children[0].children[0].name).toBe('H01M 用于直接转变化学能为电能的方法或装置');
    expect(s.data[1].children).toBeUndefined();
    assertPlain(o);
  });
  it('falls back to the code when a title is missing', () => {
    const o = ipcTreemapOption([{ code: 'G06F', name: '', value: 1 }]) as Obj;
    expect(series(o)[0].data[0].name).toBe('G06F');
  });
});

describe('seiBarOption / wipoBarOption', () => {
  it('战略性新兴产业: branch number and name on the axis, totals and valid inventions as series', () => {
    const rows: PatentDashboardDto['seiDistribution'] = [
      { branchNo: '1.2', branchName: '电子核心产业', industryName: '新一代信息技术产业', n: 150, nValidInvention: 40 },
      { branchNo: '6.1', branchName: '新能源汽车装置、配件制造', industryName: '新能源汽车产业', n: 90, nValidInvention: 12 },
    ];
    const o = seiBarOption(rows) as Obj;
    expect(o.yAxis.data).toEqual(['1.2 电子核心产业', '6.1 新能源汽车装置、配件制造']);
    expect(series(o).map((s) => s.data)).toEqual([
      [150, 90],
      [40, 12],
    ]);
    assertChineseLabels(o);
    assertPlain(o);
  });
  it('WIPO 技术领域: Chinese field names with counts', () => {
    const rows = [
      { fieldNo: 1, fieldZh: '电气机械、设备和能源', n: 77 },
      { fieldNo: 6, fieldZh: '计算机技术', n: 31 },
    ];
    const o = wipoBarOption(rows, 'WIPO 技术领域分布') as Obj;
    expect(o.yAxis.data).toEqual(['电气机械、设备和能源', '计算机技术']);
    expect(series(o)[0].data).toEqual([77, 31]);
    assertChineseLabels(o);
    assertPlain(o);
  });
});

describe('countyBarOption (各县（市、区）对比)', () => {
  it('one category per county, three series in input order', () => {
    const rows: PatentDashboardDto['byCounty'] = [
      { regionCode: '370902', name: '泰山区', n: 1200, validInventions: 300, highValue: 120 },
      { regionCode: '370911', name: '岱岳区', n: 800, validInventions: 150, highValue: 60 },
      { regionCode: '370982', name: '新泰市', n: 500, validInventions: 90, highValue: 20 },
    ];
    const o = countyBarOption(rows, '各县（市、区）专利对比') as Obj;
    expect(o.xAxis.data).toEqual(['泰山区', '岱岳区', '新泰市']);
    expect(series(o).map((s) => s.name)).toEqual(['专利总量', '有效发明', '高价值发明']);
    expect(series(o).map((s) => s.data)).toEqual([
      [1200, 800, 500],
      [300, 150, 90],
      [120, 60, 20],
    ]);
    expect(series(o).some((s) => s.type === 'map')).toBe(false);
    assertChineseLabels(o);
    assertPlain(o);
  });
});

describe('highValueCategoryOption (高价值发明专利五类)', () => {
  it('short Chinese labels in CNIPA order with the input counts', () => {
    const rows: PatentDashboardDto['highValueByCategory'] = [
      { category: 'sei', label: '战略性新兴产业的发明专利', n: 410 },
      { category: 'foreignFamily', label: '在海外有同族专利权的发明专利', n: 12 },
      { category: 'over10Years', label: '维持年限超过10年的发明专利', n: 95 },
      { category: 'pledge', label: '实现较高质押融资金额的发明专利', n: 3 },
      { category: 'award', label: '获得国家科学技术奖或中国专利奖的发明专利', n: 0 },
    ];
    const o = highValueCategoryOption(rows) as Obj;
    expect(o.yAxis.data).toEqual(['战略性新兴产业', '海外有同族专利权', '维持年限超过10年', '较高质押融资金额', '获国家科技奖或中国专利奖']);
    expect(series(o)[0].data).toEqual([410, 12, 95, 3, 0]);
    assertChineseLabels(o);
    assertPlain(o);
  });
});

describe('kpiTrendOption (每万人口高价值发明专利拥有量)', () => {
  const trend: PatentKpiDto['trend'] = [
    { asOf: '2025-12-31', value: 8.1, origin: 'computed', note: null },
    { asOf: '2024-12-31', value: 7.2, origin: 'official', note: '泰安市知识产权局 2024 年统计公报' },
    { asOf: '2025-06-30', value: null, origin: 'computed', note: '常住人口待录入' },
    { asOf: '2024-12-31', value: 6.9, origin: 'computed', note: null },
  ];
  it('puts computed and official figures on one sorted date axis, gaps as null', () => {
    const o = kpiTrendOption(trend, 12, '每万人口高价值发明专利拥有量') as Obj;
    expect(o.xAxis.data).toEqual(['2024-12-31', '2025-06-30', '2025-12-31']);
    expect(series(o).map((s) => s.name)).toEqual(['系统测算', '官方发布']);
    expect(series(o)[0].data).toEqual([6.9, null, 8.1]);
    expect(series(o)[1].data).toEqual([7.2, null, null]);
    assertChineseLabels(o);
    assertPlain(o);
  });
  it('draws the target as a markLine and keeps it inside the axis', () => {
    const o = kpiTrendOption(trend, 12) as Obj;
    const ml = series(o)[0].markLine;
    expect(ml.data).toEqual([{ yAxis: 12, name: '年度目标' }]);
    expect(ml.label.formatter).toContain('年度目标');
    expect(o.yAxis.max).toBeGreaterThanOrEqual(12);
  });
  it('no target → no markLine and a free axis', () => {
    const o = kpiTrendOption(trend, null) as Obj;
    expect(series(o)[0].markLine).toBeUndefined();
    expect(o.yAxis.max).toBeUndefined();
  });
});

describe('applicationGrantTrendOption (申请人画像)', () => {
  it('applications and grants per year', () => {
    const o = applicationGrantTrendOption([
      { year: 2021, applications: 10, grants: 4 },
      { year: 2020, applications: 8, grants: 6 },
    ]) as Obj;
    expect(o.xAxis.data).toEqual(['2020', '2021']);
    expect(series(o).map((s) => s.data)).toEqual([
      [8, 10],
      [6, 4],
    ]);
    assertChineseLabels(o);
    assertPlain(o);
  });
});
