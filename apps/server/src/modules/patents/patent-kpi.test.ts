import ExcelJS from 'exceljs';
import { highValueCategories, type PatentKpiDto, type PopulationDto } from '@zhichan/shared';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import type { PatentsTable } from '../../db/schema';
import { runPatentMaintenance } from './patent-maintenance.job';
import { getPatentKpi } from './patent-kpi.service';
import { getPatentDashboard, rebuildPatentStats } from './patent-stats.service';

/**
 * 每万人口高价值发明专利拥有量 on a fixture small enough to compute by hand (legal-rules.md §2.1-2.2):
 *
 *   #  patent                                         county  high value?  valid invention?
 *   1  valid invention in an SEI branch              A       yes (类 1)   yes
 *   2  valid invention filed 2014 (> 10 years)       A       yes (类 3)   yes
 *   3  invalid invention in an SEI branch            A       no (失效)    no
 *   4  valid utility model in an SEI branch          A       no (非发明)  no
 *   5  valid invention, pledge 1500 万 ≥ 1000 万     B       yes (类 4)   yes
 *   6  valid invention in no category                A       no           yes
 *   7  pending invention in an SEI branch            A       no (审中)    no
 *
 * Population: A 50.00 万 (2025), B missing, the city 560.00 万 (2025).
 *   A: 2 ÷ 50 = 0.04;  B: 1 high-value, value null, listed as missing;  city: 3 ÷ 560 = 0.0054 → 0.01.
 */

const CITY = '3709';
const A = '370902'; // 泰山区
const B = '370911'; // 岱岳区
const AS_OF = '2026-11-20';
const PLEDGE = 1000;

let t: TestApp;
let city: TestClient;
let county1: TestClient;
let leader: TestClient;

interface P {
  type: 'invention' | 'utilityModel' | 'design';
  status: 'valid' | 'invalid' | 'pending';
  appDate: string;
  county: string;
  sei?: string[];
  pledge?: number;
}

const PATENTS: P[] = [
  { type: 'invention', status: 'valid', appDate: '2021-03-01', county: A, sei: ['1.1'] },
  { type: 'invention', status: 'valid', appDate: '2014-05-01', county: A },
  { type: 'invention', status: 'invalid', appDate: '2019-01-10', county: A, sei: ['6.3'] },
  { type: 'utilityModel', status: 'valid', appDate: '2022-07-01', county: A, sei: ['6.3'] },
  { type: 'invention', status: 'valid', appDate: '2020-02-02', county: B, pledge: 1500 },
  { type: 'invention', status: 'valid', appDate: '2023-09-09', county: A },
  { type: 'invention', status: 'pending', appDate: '2025-01-01', county: A, sei: ['1.1'] },
];

function row(p: P, i: number): Insertable<PatentsTable> {
  // The flags are those the import would store (the domain rule at the test's date).
  const v = highValueCategories(
    { patentType: p.type, legalStatus: p.status, appDate: p.appDate, seiBranches: p.sei ?? [], foreignFamilyGranted: false, pledgeAmountWan: p.pledge ?? null, awarded: false },
    { asOf: AS_OF, pledgeThresholdWan: PLEDGE },
  );
  return {
    patentKey: `KPI${i}`,
    appNo: `CN20211000000${i}.X`,
    appDate: p.appDate,
    patentType: p.type,
    title: `高价值测试专利 ${i}`,
    applicants: [`泰安测试企业${i}有限公司`],
    firstApplicant: `泰安测试企业${i}有限公司`,
    provinceCode: '37',
    cityCode: CITY,
    countyCode: p.county,
    regionSource: 'address',
    legalStatus: p.status,
    seiBranches: p.sei ?? [],
    pledgeAmountWan: p.pledge ?? null,
    hvSei: v.categories.sei,
    hvForeignFamily: v.categories.foreignFamily,
    hvOver10Years: v.categories.over10Years,
    hvPledge: v.categories.pledge,
    hvAward: v.categories.award,
    isHighValue: v.isHighValue,
    dataSource: 'import',
  };
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

beforeAll(async () => {
  t = await createTestApp({ now: `${AS_OF}T02:00:00.000Z` });
  t.deps.config.patentPledgeHighValueWan = PLEDGE;
  city = await t.login('cityip');
  county1 = await t.login('county1');
  leader = await t.login('leader');
  const db = t.deps.db;
  // Whatever the reference seed holds for 泰安, this fixture states its own population.
  await db.deleteFrom('residentPopulation').where('regionCode', 'like', `${CITY}%`).execute();
  await db.deleteFrom('kpiTargets').where('regionCode', 'like', `${CITY}%`).execute();
  await db.insertInto('patents').values(PATENTS.map(row)).execute();
}, 120_000);
afterAll(() => t?.close());

describe('population and targets', () => {
  it('PUT /patent-population stores a sourced figure with an audit row', async () => {
    const res = await city.put('/api/patent-population', {
      regionCode: A, year: 2025, populationWan: 50, source: '泰山区2025年国民经济和社会发展统计公报（测试数据）', sourceUrl: null, note: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: A, regionName: '泰山区', year: 2025, populationWan: 50 } satisfies Partial<PopulationDto>);
    const c = await city.put('/api/patent-population', { regionCode: CITY, year: 2025, populationWan: 560, source: '泰安市2025年统计公报（测试数据）' });
    expect(c.statusCode, c.body).toBe(200);
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action', 'entityId']).where('entityType', '=', 'residentPopulation').orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'patentPopulation.create', entityId: `${A}:2025` },
      { action: 'patentPopulation.create', entityId: `${CITY}:2025` },
    ]);
    const list = (await county1.get('/api/patent-population')).json() as PopulationDto[];
    expect(list.find((p) => p.regionCode === A && p.year === 2025)).toMatchObject({ populationWan: 50, source: expect.stringContaining('统计公报') });
  });

  it('bad population input is a 400 naming the field', async () => {
    const base = { regionCode: A, year: 2025, populationWan: 50, source: '统计公报' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, populationWan: -3 }, 'body.populationWan'],
      [{ ...base, populationWan: 0 }, 'body.populationWan'],
      [{ ...base, source: '' }, 'body.source'],
      [{ ...base, regionCode: '3709A' }, 'body.regionCode'],
      [{ ...base, regionCode: '370999' }, 'body.regionCode'],
      [{ ...base, year: 2031 }, 'body.year'],
      [{ ...base, sourceUrl: 'not a url' }, 'body.sourceUrl'],
    ];
    for (const [body, path] of cases) {
      const res = await city.put('/api/patent-population', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(paths(res), JSON.stringify(body)).toContain(path);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a county officer and a leader may read but not change population, targets or snapshots (403)', async () => {
    for (const c of [county1, leader]) {
      expect((await c.put('/api/patent-population', { regionCode: A, year: 2024, populationWan: 49, source: '统计公报' })).statusCode).toBe(403);
      expect((await c.put('/api/patent-kpi/targets', { regionCode: CITY, year: 2025, target: 3.6 })).statusCode).toBe(403);
      expect((await c.post('/api/patent-kpi/official', { regionCode: CITY, asOf: '2023-06-30', value: 2.67, note: '泰安市知识产权工作评估（2023）' })).statusCode).toBe(403);
      expect((await c.post('/api/patent-kpi/snapshot')).statusCode).toBe(403);
      expect((await c.delete(`/api/patent-population/${A}/2025`)).statusCode).toBe(403);
      expect((await c.get('/api/patent-kpi')).statusCode).toBe(200);
      expect((await c.get('/api/patent-kpi/targets')).statusCode).toBe(200);
    }
  });

  it('targets are kept per region and year with their basis', async () => {
    const res = await city.put('/api/patent-kpi/targets', { regionCode: CITY, year: 2025, target: 3.6, source: '泰安市“十四五”知识产权发展规划' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: CITY, regionName: '泰安市', year: 2025, target: 3.6 });
    const bad = await city.put('/api/patent-kpi/targets', { regionCode: CITY, year: 2025, target: -1 });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toContain('body.target');
    const list = (await city.get('/api/patent-kpi/targets')).json();
    expect(list).toEqual([expect.objectContaining({ regionCode: CITY, year: 2025, target: 3.6, source: '泰安市“十四五”知识产权发展规划' })]);
  });
});

describe('the KPI', () => {
  it('is computed by hand on the seven-patent fixture', async () => {
    const res = await county1.get('/api/patent-kpi?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const k = res.json() as PatentKpiDto;
    expect(k.asOf).toBe(AS_OF);
    expect(k.pledgeThresholdWan).toBe(PLEDGE);
    expect(k.rows.map((r) => r.regionCode)).toEqual([CITY, '370902', '370911', '370921', '370923', '370982', '370983']);
    const cityRow = k.rows[0]!;
    expect(cityRow).toEqual({
      regionCode: CITY, name: '泰安市', level: 'city', highValueCount: 3, validInventions: 4, populationWan: 560, populationYear: 2025,
      populationSource: '泰安市2025年统计公报（测试数据）', value: 0.01, target: 3.6, targetYear: 2025,
    });
    const a = k.rows.find((r) => r.regionCode === A)!;
    expect(a).toMatchObject({ name: '泰山区', level: 'county', highValueCount: 2, validInventions: 3, populationWan: 50, populationYear: 2025, value: 0.04, target: null });
    const b = k.rows.find((r) => r.regionCode === B)!;
    expect(b).toMatchObject({ name: '岱岳区', highValueCount: 1, validInventions: 1, populationWan: null, populationYear: null, populationSource: null, value: null });
    // Missing populations are listed for entry, never guessed.
    expect(k.missingPopulation.map((m) => m.regionCode)).toEqual(['370911', '370921', '370923', '370982', '370983']);
    expect(k.byCategory).toEqual([
      { category: 'sei', label: '战略性新兴产业的发明专利', n: 1 },
      { category: 'foreignFamily', label: '在海外有同族专利权的发明专利', n: 0 },
      { category: 'over10Years', label: '维持年限超过10年的发明专利', n: 1 },
      { category: 'pledge', label: '实现较高质押融资金额的发明专利', n: 1 },
      { category: 'award', label: '获得国家科学技术奖或中国专利奖的发明专利', n: 0 },
    ]);
  });

  it('uses the population of the latest year not after the requested year', async () => {
    expect((await city.put('/api/patent-population', { regionCode: A, year: 2022, populationWan: 40, source: '2022年统计公报（测试数据）' })).statusCode).toBe(200);
    const k2024 = await getPatentKpi(t.deps.db, t.deps, { year: 2024 });
    expect(k2024.rows.find((r) => r.regionCode === A)).toMatchObject({ populationWan: 40, populationYear: 2022, value: 0.05 });
    const k2021 = await getPatentKpi(t.deps.db, t.deps, { year: 2021 });
    expect(k2021.rows.find((r) => r.regionCode === A)).toMatchObject({ populationWan: null, value: null });
    expect(k2021.missingPopulation.map((m) => m.regionCode)).toContain(A);
    // Deleting a figure is audited and the KPI falls back to the figure before it.
    const del = await city.delete(`/api/patent-population/${A}/2025`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await city.delete(`/api/patent-population/${A}/2025`)).statusCode).toBe(404);
    const k = await getPatentKpi(t.deps.db, t.deps, {});
    expect(k.rows.find((r) => r.regionCode === A)).toMatchObject({ populationWan: 40, populationYear: 2022, value: 0.05 });
    expect((await city.put('/api/patent-population', { regionCode: A, year: 2025, populationWan: 50, source: '泰山区2025年统计公报（测试数据）' })).statusCode).toBe(200);
  });

  it('reads the rollups once built, with the same figures, which agree with the dashboard', async () => {
    const fromBase = await getPatentKpi(t.deps.db, t.deps, {});
    await rebuildPatentStats(t.deps);
    const k = await getPatentKpi(t.deps.db, t.deps, {});
    expect(k).toEqual(fromBase);
    const d = await getPatentDashboard(t.deps.db, t.deps, {});
    expect(d.source).toBe('rollup');
    expect(d.totals.highValue).toBe(k.rows[0]!.highValueCount);
    expect(d.totals.validInventions).toBe(k.rows[0]!.validInventions);
    for (const c of d.byCounty) expect(c.highValue).toBe(k.rows.find((r) => r.regionCode === c.regionCode)!.highValueCount);
    expect(d.highValueByCategory).toEqual(k.byCategory);
  });

  it('an official figure and computed snapshots make the ordered trend', async () => {
    const off = await city.post('/api/patent-kpi/official', { regionCode: CITY, asOf: '2023-06-30', value: 2.67, note: '泰安市知识产权工作评估（2023）' });
    expect(off.statusCode, off.body).toBe(201);
    expect(off.json()).toEqual({ regionCode: CITY, asOf: '2023-06-30', origin: 'official', value: 2.67, note: '泰安市知识产权工作评估（2023）' });
    const noNote = await city.post('/api/patent-kpi/official', { regionCode: CITY, asOf: '2023-12-31', value: 2.9, note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(paths(noNote)).toContain('body.note');
    const future = await city.post('/api/patent-kpi/official', { regionCode: CITY, asOf: '2027-06-30', value: 2.9, note: '测试' });
    expect(future.statusCode).toBe(400);
    expect(paths(future)).toContain('body.asOf');

    const snap = await city.post('/api/patent-kpi/snapshot');
    expect(snap.statusCode, snap.body).toBe(201);
    const stored = await t.deps.db.selectFrom('patentKpiSnapshots').selectAll().where('origin', '=', 'computed').where('asOf', '=', AS_OF).orderBy('regionCode').execute();
    expect(stored.map((s) => s.regionCode)).toEqual([CITY, '370902', '370911', '370921', '370923', '370982', '370983']);
    expect(stored.find((s) => s.regionCode === A)).toMatchObject({ highValueCount: 2, populationYear: 2025, createdBy: null });
    expect(Number(stored.find((s) => s.regionCode === A)!.value)).toBe(0.04);
    expect(stored.find((s) => s.regionCode === B)!.value).toBeNull();
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'patentKpiSnapshot').orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual(['patentKpi.official.create', 'patentKpi.snapshot']);

    // The first run of the maintenance job after a quarter end keeps that quarter end (2026Q3 → 2026-09-30), once.
    const out = await runPatentMaintenance(t.deps, { force: true });
    expect(out).toContain('KPI snapshot of 2026Q3 stored');
    expect(await runPatentMaintenance(t.deps, { force: true })).not.toContain('KPI snapshot');
    expect(await runPatentMaintenance(t.deps)).toBe(`${AS_OF}: high-value flags changed on 0 patents`);

    const k = (await city.get('/api/patent-kpi')).json() as PatentKpiDto;
    expect(k.trend).toEqual([
      { asOf: '2023-06-30', value: 2.67, origin: 'official', note: '泰安市知识产权工作评估（2023）' },
      { asOf: '2026-09-30', value: 0.01, origin: 'computed', note: expect.stringContaining('2026Q3') },
      { asOf: AS_OF, value: 0.01, origin: 'computed', note: '手动留存' },
    ]);
  });

  it('the maintenance job moves a valid invention into category 3 on the day it passes 10 years, and runs once a day', async () => {
    // Filed 2015-11-21: on 2026-11-20 it is 10 whole years old (not "more than 10"); on 2026-11-21 it is 11.
    await t.deps.db.insertInto('patents').values(row({ type: 'invention', status: 'valid', appDate: '2015-11-21', county: A }, 8)).execute();
    const p8 = () => t.deps.db.selectFrom('patents').select(['hvOver10Years', 'isHighValue']).where('patentKey', '=', 'KPI8').executeTakeFirstOrThrow();
    expect(await p8()).toEqual({ hvOver10Years: false, isHighValue: false });
    expect(await runPatentMaintenance(t.deps, { force: true })).toContain('changed on 0 patents');
    t.clock.set('2026-11-21T02:00:00.000Z');
    // The scheduler calls the job every period; the first call of the day does the work.
    const { runJobOnce } = await import('../../jobs/scheduler');
    expect(await runJobOnce(t.deps, 'patent-maintenance')).toContain('2026-11-21: high-value flags changed on 1 patents; stats rebuilt');
    expect(await runJobOnce(t.deps, 'patent-maintenance')).toBe('2026-11-21: already done today');
    expect(await p8()).toEqual({ hvOver10Years: true, isHighValue: true });
    const k = await getPatentKpi(t.deps.db, t.deps, {});
    expect(k.rows.find((r) => r.regionCode === A)).toMatchObject({ highValueCount: 3, value: 0.06 });
    expect((await getPatentDashboard(t.deps.db, t.deps, { region: A })).totals.highValue).toBe(3);
    // A status change stored without recomputing the flags is corrected by the next day's run.
    await t.deps.db.updateTable('patents').set({ legalStatus: 'invalid' }).where('patentKey', '=', 'KPI8').execute();
    t.clock.set('2026-11-21T20:00:00.000Z'); // 2026-11-22 in China
    expect(await runJobOnce(t.deps, 'patent-maintenance')).toContain('2026-11-22: high-value flags changed on 1 patents');
    expect(await p8()).toEqual({ hvOver10Years: true, isHighValue: false });
    expect((await getPatentDashboard(t.deps.db, t.deps, { region: A })).totals.highValue).toBe(2);
    t.clock.set(`${AS_OF}T02:00:00.000Z`);
  });

  it('exports an .xlsx with the table, the sources and a Chinese file name', async () => {
    const res = await county1.get('/api/patent-kpi/export.xlsx?year=2026');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('每万人口高价值发明专利拥有量_泰安市_')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('每万人口高价值发明专利')!;
    expect(String(ws.getCell(1, 1).value)).toBe('泰安市每万人口高价值发明专利拥有量');
    expect(String(ws.getCell(2, 1).value)).toContain(`统计时点：${AS_OF}`);
    const headers = (ws.getRow(3).values as unknown[]).filter(Boolean);
    expect(headers).toContain('每万人口高价值发明专利拥有量（件）');
    expect(headers).toContain('人口数据来源');
    const rows: unknown[][] = [];
    ws.eachRow((r, i) => { if (i > 3) rows.push((r.values as unknown[]).slice(1)); });
    const a = rows.find((r) => r[0] === A)!;
    expect(a.slice(0, 8)).toEqual([A, '泰山区', 2, 3, 50, 2025, '泰山区2025年统计公报（测试数据）', 0.04]);
    expect(rows.find((r) => r[0] === B)![7]).toBe('待录入人口');
    expect(rows.flat().join('')).toContain('缺少常住人口数据：岱岳区');
    expect(wb.getWorksheet('历年趋势')!.getCell(4, 1).value).toBe('2023-06-30');
  });
});
