import ExcelJS from 'exceljs';
import { highValueCategories, type PatentDashboardDto, type PatentFilter } from '@zhichan/shared';
import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import type { PatentsTable } from '../../db/schema';
import { runPatentMaintenance } from './patent-maintenance.job';
import { DASHBOARD_WIDGETS } from './patent-stats.presenter';
import { patentStatsRepository } from './patent-stats.repository';
import { getChainOverview, getPatentDashboard, rebuildPatentStats } from './patent-stats.service';

/**
 * The statistics against a generated fixture whose answers are known in JS: the rollups give the same numbers as the base
 * table for every covered filter, a forcing filter reads the base table, totals agree with the widgets and with a count of
 * the fixture, the per-county bars drill down to the same totals, and each widget exports as an .xlsx.
 */

const CITY = '3709';
const A = '370902'; // 泰山区
const B = '370911'; // 岱岳区
const C = '370982'; // 新泰市
const OTHER_CITY_COUNTY = '370102'; // 济南市历下区
const AS_OF = '2026-11-20';
const PLEDGE = 1000;

let t: TestApp;
let city: TestClient;
let county1: TestClient;
let chain1 = 0;
let chain2 = 0;

interface Fx {
  type: 'invention' | 'utilityModel' | 'design';
  status: 'valid' | 'invalid' | 'pending' | 'unknown';
  appDate: string | null;
  grantDate: string | null;
  cityCode: string | null;
  countyCode: string | null;
  applicants: string[];
  mainIpc: string | null;
  sei: string[];
  wipo: number[];
  chains: number[];
  hv: boolean;
  hvCats: Record<'sei' | 'foreignFamily' | 'over10Years' | 'pledge' | 'award', boolean>;
}
const fixture: Fx[] = [];

/** mulberry32: a small seeded generator, so the fixture is the same on every run and engine. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const APPLICANTS = ['泰安某某新能源有限公司', '山东某某农业大学', '泰山某某电缆有限公司', '岱岳某某机械厂', '某某研究院', '张某', '新泰某某化工有限公司', '肥城某某装备有限公司'];
const IPCS = ['H01M10/0525', 'H01M4/13', 'A01B1/00', 'A01G9/14', 'G06F16/00', 'B65G47/00', 'H02J7/00', 'C08L23/00'];
const SEI = ['1.1', '1.2', '6.3', '7.1'];

function buildFixture(n: number) {
  const r = rng(20261120);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    const type = pick(['invention', 'invention', 'utilityModel', 'design'] as const);
    const status = pick(['valid', 'valid', 'invalid', 'pending', 'unknown'] as const);
    const year = 2008 + Math.floor(r() * 18);
    const appDate = r() < 0.05 ? null : `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15`;
    const grantDate = appDate && status !== 'pending' && r() < 0.7 ? `${Math.min(2026, year + 1 + Math.floor(r() * 3))}-06-01` : null;
    const regionRoll = r();
    const [cityCode, countyCode] =
      regionRoll < 0.3 ? [CITY, A] : regionRoll < 0.55 ? [CITY, B] : regionRoll < 0.7 ? [CITY, C] : regionRoll < 0.8 ? [CITY, null] : regionRoll < 0.9 ? ['3701', OTHER_CITY_COUNTY] : [null, null];
    const applicants = [...new Set([pick(APPLICANTS), ...(r() < 0.3 ? [pick(APPLICANTS)] : [])])];
    const mainIpc = r() < 0.9 ? pick(IPCS) : null;
    const sei = r() < 0.4 ? [...new Set([pick(SEI), ...(r() < 0.2 ? [pick(SEI)] : [])])].sort() : [];
    const wipo = mainIpc ? [1 + Math.floor(r() * 35)] : [];
    const chains = [...(r() < 0.4 ? [chain1] : []), ...(r() < 0.3 ? [chain2] : [])];
    const v = highValueCategories(
      { patentType: type, legalStatus: status, appDate, seiBranches: sei, foreignFamilyGranted: r() < 0.1, pledgeAmountWan: r() < 0.1 ? 2000 : null, awarded: r() < 0.03 },
      { asOf: AS_OF, pledgeThresholdWan: PLEDGE },
    );
    fixture.push({ type, status, appDate, grantDate, cityCode, countyCode, applicants, mainIpc, sei, wipo, chains, hv: v.isHighValue, hvCats: v.categories });
  }
}

function row(p: Fx, i: number): Insertable<PatentsTable> {
  return {
    patentKey: `TEST${String(i).padStart(8, '0')}`,
    appNo: `CN2020100${String(i).padStart(5, '0')}.X`,
    appDate: p.appDate,
    grantDate: p.grantDate,
    patentType: p.type,
    title: `测试专利 ${i}`,
    applicants: p.applicants,
    firstApplicant: p.applicants[0] ?? null,
    provinceCode: p.cityCode ? '37' : null,
    cityCode: p.cityCode,
    countyCode: p.countyCode,
    regionSource: p.cityCode ? 'address' : 'none',
    legalStatus: p.status,
    mainIpc: p.mainIpc,
    ipcCodes: p.mainIpc ? [p.mainIpc] : [],
    seiBranches: p.sei,
    wipoFields: p.wipo,
    chainIds: p.chains,
    hvSei: p.hvCats.sei,
    hvForeignFamily: p.hvCats.foreignFamily,
    hvOver10Years: p.hvCats.over10Years,
    hvPledge: p.hvCats.pledge,
    hvAward: p.hvCats.award,
    isHighValue: p.hv,
    dataSource: 'synthetic',
  };
}

/** The fixture's patents matching a filter (the spec, written independently of the SQL). */
function matching(f: PatentFilter): Fx[] {
  const region = f.region ?? CITY;
  return fixture.filter((p) => {
    if (f.chainId && !p.chains.includes(f.chainId)) return false;
    if (region.length === 4 ? p.cityCode !== region : region.length === 6 ? p.countyCode !== region : !p.cityCode) return false;
    if (f.type && !f.type.includes(p.type)) return false;
    if (f.status && !f.status.includes(p.status)) return false;
    const y = p.appDate ? Number(p.appDate.slice(0, 4)) : null;
    if (f.yearFrom !== undefined && (y === null || y < f.yearFrom)) return false;
    if (f.yearTo !== undefined && (y === null || y > f.yearTo)) return false;
    if (f.applicant && !p.applicants.includes(f.applicant)) return false;
    if (f.highValue !== undefined && p.hv !== f.highValue) return false;
    return true;
  });
}

function expectedTotals(f: PatentFilter): PatentDashboardDto['totals'] {
  const m = matching(f);
  return {
    patents: m.length,
    inventions: m.filter((p) => p.type === 'invention').length,
    validInventions: m.filter((p) => p.type === 'invention' && p.status === 'valid').length,
    granted: m.filter((p) => p.grantDate).length,
    highValue: m.filter((p) => p.hv).length,
    sei: m.filter((p) => p.sei.length > 0).length,
  };
}

const sumOf = (xs: { value?: number; n?: number }[]) => xs.reduce((s, x) => s + (x.value ?? x.n ?? 0), 0);
const strip = (d: PatentDashboardDto) => ({ ...d, source: undefined, rebuiltAt: undefined });

beforeAll(async () => {
  t = await createTestApp({ now: `${AS_OF}T02:00:00.000Z` });
  t.deps.config.patentPledgeHighValueWan = PLEDGE;
  city = await t.login('cityip');
  county1 = await t.login('county1');
  const db = t.deps.db;
  const c = await db
    .insertInto('industryChains')
    .values([
      { code: 'test-energy', name: '测试新能源产业链', ipcPatterns: ['H01M*'], isDemo: true, sort: 1 },
      { code: 'test-agri', name: '测试农机装备产业链', ipcPatterns: ['A01B*'], isDemo: true, sort: 2 },
    ])
    .returning('id')
    .execute();
  chain1 = c[0]!.id;
  chain2 = c[1]!.id;
  // Titles for the IPC tree; the reference seed may already hold the real ones.
  await db
    .insertInto('ipcTitles')
    .values([
      { code: 'H', level: 'section', titleZh: '电学', parent: null },
      { code: 'H01', level: 'class', titleZh: '基本电气元件', parent: 'H' },
      { code: 'H01M', level: 'subclass', titleZh: '用于直接转变化学能为电能的方法或装置', parent: 'H01' },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  buildFixture(400);
  await db.insertInto('patents').values(fixture.map(row)).execute();
}, 120_000);
afterAll(() => t?.close());

describe('rollups and the dashboard', () => {
  it('before any rebuild the dashboard reads the base table', async () => {
    const d = await getPatentDashboard(t.deps.db, t.deps, {});
    expect(d.source).toBe('base');
    expect(d.rebuiltAt).toBeNull();
    expect(d.totals).toEqual(expectedTotals({}));
  });

  it('rebuildPatentStats fills every rollup and the meta row', async () => {
    const r = await rebuildPatentStats(t.deps);
    expect(r.patentCount).toBe(fixture.length);
    const status = await city.get('/api/patent-stats/status');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ patentCount: fixture.length, rebuiltAt: expect.any(String) });
    // chain 0 + region '' holds every patent; the city row only those with a city of 3709.
    const all = await sql<{ n: number }>`SELECT sum(n)::int AS n FROM patent_stats WHERE chain_id = 0 AND region_code = ''`.execute(t.deps.db);
    expect(all.rows[0]!.n).toBe(fixture.length);
    const other = await sql<{ n: number }>`SELECT sum(n)::int AS n FROM patent_stats WHERE chain_id = 0 AND region_code = ${OTHER_CITY_COUNTY}`.execute(t.deps.db);
    expect(other.rows[0]!.n).toBe(fixture.filter((p) => p.countyCode === OTHER_CITY_COUNTY).length);
    const noYear = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM patent_stats WHERE chain_id = 0 AND region_code = '' AND app_year = 0`.execute(t.deps.db);
    expect(noYear.rows[0]!.n).toBe(fixture.filter((p) => !p.appDate).length);
    // A second rebuild replaces (never adds to) the figures.
    await rebuildPatentStats(t.deps);
    const again = await sql<{ n: number }>`SELECT sum(n)::int AS n FROM patent_stats WHERE chain_id = 0 AND region_code = ''`.execute(t.deps.db);
    expect(again.rows[0]!.n).toBe(fixture.length);
  });

  const covered: PatentFilter[] = [
    {},
    { chainId: 0 },
    { region: A },
    { region: '3701' },
    { type: ['invention'] },
    { status: ['valid', 'pending'] },
    { yearFrom: 2015, yearTo: 2020 },
    { chainId: -1, region: B, type: ['invention', 'design'], status: ['valid'] },
    { chainId: -2, yearFrom: 2012 },
    // Year ranges (the year-keyed rollups of migration 0010): a single year, a range, open ranges, with chain and county.
    { yearFrom: 2019, yearTo: 2019 },
    { yearFrom: 2010, yearTo: 2017 },
    { yearFrom: 2021 },
    { yearTo: 2012 },
    { yearFrom: 1990, yearTo: 2100 },
    { yearFrom: 2020, yearTo: 2015 },
    { chainId: -1, yearFrom: 2016, yearTo: 2016 },
    { chainId: -1, yearTo: 2014 },
    { region: A, yearFrom: 2013, yearTo: 2022 },
    { region: C, yearFrom: 2024 },
    { region: '3701', yearFrom: 2010, yearTo: 2020 },
    { chainId: -2, region: B, yearFrom: 2011, yearTo: 2019 },
    { chainId: -1, region: A, yearTo: 2018 },
    { chainId: -2, region: C, yearFrom: 2020, yearTo: 2020 },
  ];

  it('the rollups give the same figures as the base table for covered filters', async () => {
    for (const raw of covered) {
      const f = { ...raw, chainId: raw.chainId === -1 ? chain1 : raw.chainId === -2 ? chain2 : raw.chainId };
      const fromRollup = await getPatentDashboard(t.deps.db, t.deps, f);
      const fromBase = await getPatentDashboard(t.deps.db, t.deps, f, { forceBase: true });
      // Type and status are keys of patent_stats only: the applicant, IPC, SEI and WIPO widgets then read the base table.
      const onlyChainRegionYear = !f.type && !f.status;
      expect(fromRollup.source, JSON.stringify(f)).toBe(onlyChainRegionYear ? 'rollup' : 'base');
      expect(fromBase.source).toBe('base');
      expect(strip(fromRollup), JSON.stringify(f)).toEqual(strip(fromBase));
      expect(fromRollup.totals, JSON.stringify(f)).toEqual(expectedTotals(f));
    }
  });

  it('the year-range ranking is exact whichever step proves it: candidates per year, a larger K, or the whole range', async () => {
    // Small K and a short list make every step happen on the fixture (8 applicants a year at most).
    const steps = new Map<string, number>();
    const ranges: [number | undefined, number | undefined][] = [[2019, 2019], [2010, 2017], [2021, undefined], [undefined, 2012], [2008, 2025], [2016, 2018]];
    for (const chainId of [0, chain1, chain2]) {
      for (const region of [CITY, A, B, C, '3701']) {
        for (const [yearFrom, yearTo] of ranges) {
          for (const limit of [1, 3, 5]) {
            const f = { chainId, region, yearFrom, yearTo };
            const base = await patentStatsRepository.topApplicantsBase(t.deps.db, f, limit);
            let step: number | 'all' = 0;
            const rollup = await patentStatsRepository.topApplicantsRollup(t.deps.db, f, limit, { candidates: [1, 2], answeredBy: (s) => (step = s) });
            expect(rollup, JSON.stringify({ ...f, limit })).toEqual(base);
            steps.set(String(step), (steps.get(String(step)) ?? 0) + 1);
            // The default steps as the dashboard runs them.
            expect(await patentStatsRepository.topApplicantsRollup(t.deps.db, f, limit)).toEqual(base);
          }
        }
      }
    }
    expect([...steps.keys()].sort()).toEqual(['1', '2', 'all']);
    // The dashboard ranking against a count of the fixture: 2010-2017 in the city.
    const f: PatentFilter = { yearFrom: 2010, yearTo: 2017 };
    const d = await getPatentDashboard(t.deps.db, t.deps, f);
    expect(d.source).toBe('rollup');
    for (const a of d.topApplicants) expect(a.n).toBe(matching(f).filter((p) => p.applicants.includes(a.name)).length);
  });

  it('a filter on applicant or high value reads the base table with the same answer as a count of the fixture', async () => {
    for (const f of [{ applicant: APPLICANTS[0] }, { highValue: true }, { applicant: APPLICANTS[2], type: ['invention'] }] as PatentFilter[]) {
      const d = await getPatentDashboard(t.deps.db, t.deps, f);
      expect(d.source).toBe('base');
      expect(d.totals).toEqual(expectedTotals(f));
      if (f.applicant) expect(d.topApplicants[0]).toMatchObject({ name: f.applicant, n: d.totals.patents });
    }
    // Drill-down from the category bar: hvCategory with highValue=true gives the bar's count.
    const bar = (await getPatentDashboard(t.deps.db, t.deps, {})).highValueByCategory.find((c) => c.category === 'pledge')!;
    const res = await city.get(`/api/patent-stats/dashboard?hvCategory=pledge&highValue=true`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as PatentDashboardDto;
    expect(d.source).toBe('base');
    expect(d.totals.patents).toBe(matching({}).filter((p) => p.hv && p.hvCats.pledge).length);
    expect(d.totals.patents).toBe(bar.n);
    expect(d.totals.highValue).toBe(d.totals.patents);
    // hvCategory alone means the category flag, as in the patent list.
    const flag = await getPatentDashboard(t.deps.db, t.deps, { hvCategory: 'pledge' });
    expect(flag.totals.patents).toBe(matching({}).filter((p) => p.hvCats.pledge).length);
  });

  it('the totals agree with every widget', async () => {
    for (const f of [{}, { chainId: chain1 }, { yearFrom: 2016, yearTo: 2019 }] as PatentFilter[]) {
      const d = await getPatentDashboard(t.deps.db, t.deps, f);
      const m = matching(f);
      expect(sumOf(d.typeMix)).toBe(d.totals.patents);
      expect(sumOf(d.statusMix)).toBe(d.totals.patents);
      const trendSum = d.applicationTrend.reduce((s, r) => s + r.invention + r.utilityModel + r.design, 0);
      expect(trendSum).toBe(m.filter((p) => p.appDate).length);
      expect(d.typeMix.find((x) => x.key === 'invention')!.value).toBe(d.totals.inventions);
      const ipcSum = d.ipcTree.reduce((s, x) => s + x.value, 0);
      expect(ipcSum).toBe(m.filter((p) => p.mainIpc).length);
      for (const sec of d.ipcTree) expect(sec.children!.reduce((s, c) => s + c.value, 0)).toBe(sec.value);
      expect(d.byCounty.reduce((s, r) => s + r.n, 0)).toBe(m.filter((p) => p.countyCode).length);
      expect(d.highValueByCategory.find((c) => c.category === 'pledge')!.n).toBe(m.filter((p) => p.hv && p.hvCats.pledge).length);
      // SEI: one patent can be in several branches.
      for (const b of SEI) expect(d.seiDistribution.find((x) => x.branchNo === b)?.n ?? 0).toBe(m.filter((p) => p.sei.includes(b)).length);
      const top = d.topApplicants[0]!;
      expect(top.n).toBe(m.filter((p) => p.applicants.includes(top.name)).length);
      expect(d.topApplicants.map((a) => a.n)).toEqual([...d.topApplicants.map((a) => a.n)].sort((x, y) => y - x));
    }
  });

  it('the IPC tree runs section → class → subclass with Chinese titles', async () => {
    const d = await getPatentDashboard(t.deps.db, t.deps, {});
    const h = d.ipcTree.find((s) => s.code === 'H')!;
    const titles = await t.deps.db.selectFrom('ipcTitles').select(['code', 'titleZh']).where('code', 'in', ['H', 'H01', 'H01M']).execute();
    const title = new Map(titles.map((x) => [x.code, x.titleZh]));
    expect(h.name).toBe(title.get('H'));
    const h01 = h.children!.find((c) => c.code === 'H01')!;
    expect(h01.name).toBe(title.get('H01'));
    expect(h01.children!.find((c) => c.code === 'H01M')).toMatchObject({ name: title.get('H01M'), value: matching({}).filter((p) => p.mainIpc?.startsWith('H01M')).length });
  });

  it('a year filter limits the application trend to those years and the grant trend to those grant years', async () => {
    const res = await city.get('/api/patent-stats/dashboard?yearFrom=2015&yearTo=2018&type=invention,utilityModel');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as PatentDashboardDto;
    expect(d.applicationTrend.map((r) => r.year)).toEqual([2015, 2016, 2017, 2018]);
    expect(d.applicationTrend.every((r) => r.design === 0)).toBe(true);
    const f = { yearFrom: 2015, yearTo: 2018, type: ['invention', 'utilityModel'] } as PatentFilter;
    expect(d.totals).toEqual(expectedTotals(f));
    expect(d.applicationTrend.find((r) => r.year === 2016)!.invention).toBe(
      matching(f).filter((p) => p.type === 'invention' && p.appDate!.startsWith('2016')).length,
    );
    for (const r of d.grantTrend) expect(r.year >= 2015 && r.year <= 2018).toBe(true);
    const grants2017 = fixture.filter((p) => p.cityCode === CITY && p.type === 'invention' && p.grantDate?.startsWith('2017')).length;
    expect(d.grantTrend.find((r) => r.year === 2017)?.invention ?? 0).toBe(grants2017);
    expect(d.typeMix.map((x) => x.key)).toEqual(['invention', 'utilityModel']);
  });

  it('drill-down: a county bar equals the totals of that county', async () => {
    for (const f of [{}, { chainId: chain2 }, { status: ['valid'] }] as PatentFilter[]) {
      const d = await getPatentDashboard(t.deps.db, t.deps, f);
      expect(d.byCounty.map((r) => r.regionCode)).toEqual(['370902', '370911', '370921', '370923', '370982', '370983']);
      for (const bar of d.byCounty) {
        const drilled = await getPatentDashboard(t.deps.db, t.deps, { ...f, region: bar.regionCode });
        expect(drilled.totals.patents, `${bar.regionCode} ${JSON.stringify(f)}`).toBe(bar.n);
        expect(drilled.totals.validInventions).toBe(bar.validInventions);
        expect(drilled.totals.highValue).toBe(bar.highValue);
        expect(drilled.byCounty).toEqual([bar]);
      }
    }
    const a = (await getPatentDashboard(t.deps.db, t.deps, {})).byCounty.find((r) => r.regionCode === A)!;
    expect(a.name).toBe('泰山区');
    expect(a.n).toBe(fixture.filter((p) => p.countyCode === A).length);
  });

  it('the chain overview agrees with the dashboard of each chain', async () => {
    const res = await county1.get('/api/patent-stats/chains');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as Awaited<ReturnType<typeof getChainOverview>>;
    // The all-chains row first, then every enabled chain (the reference seed may add demo chains).
    expect(o.chains[0]).toMatchObject({ id: 0, name: '全部产业链', patents: matching({}).length });
    expect(o.chains.map((c) => c.id)).toEqual(expect.arrayContaining([chain1, chain2]));
    for (const c of o.chains) {
      const d = await getPatentDashboard(t.deps.db, t.deps, { chainId: c.id });
      expect(c.patents).toBe(d.totals.patents);
      expect(c.validInventions).toBe(d.totals.validInventions);
      expect(c.highValue).toBe(d.totals.highValue);
      const m = matching({ chainId: c.id });
      const y25 = m.filter((p) => p.appDate?.startsWith('2025')).length;
      const y24 = m.filter((p) => p.appDate?.startsWith('2024')).length;
      expect(c.lastYearApplications).toBe(y25);
      expect(c.yearOnYear).toBe(y24 === 0 ? null : Math.round(((y25 - y24) / y24) * 1000) / 10);
      expect(c.topApplicant).toBe(d.topApplicants[0]?.name ?? null);
    }
    expect(o.chains.find((c) => c.id === chain1)).toMatchObject({ name: '测试新能源产业链', isDemo: true });
  });

  it('the maintenance job rebuilds the rollups only when a flag changed', async () => {
    const before = (await t.deps.db.selectFrom('patentStatsMeta').select('rebuiltAt').executeTakeFirstOrThrow()).rebuiltAt;
    const quiet = await runPatentMaintenance(t.deps, { force: true });
    expect(quiet).toContain('changed on 0 patents');
    expect((await t.deps.db.selectFrom('patentStatsMeta').select('rebuiltAt').executeTakeFirstOrThrow()).rebuiltAt).toBe(before);
    // A valid invention filed 11 years and a few days ago was stored without its category 3 flag: the job sets it.
    await t.deps.db
      .insertInto('patents')
      .values({ ...row({ ...fixture[0]!, type: 'invention', status: 'valid', appDate: '2015-11-01', cityCode: CITY, countyCode: A, sei: [], chains: [], hv: false, hvCats: { sei: false, foreignFamily: false, over10Years: false, pledge: false, award: false } }, 99999) })
      .execute();
    const out = await runPatentMaintenance(t.deps, { force: true });
    expect(out).toContain('changed on 1 patents');
    const p = await t.deps.db.selectFrom('patents').select(['hvOver10Years', 'isHighValue']).where('patentKey', '=', 'TEST00099999').executeTakeFirstOrThrow();
    expect(p).toEqual({ hvOver10Years: true, isHighValue: true });
    const d = await getPatentDashboard(t.deps.db, t.deps, { region: A });
    expect(d.source).toBe('rollup');
    expect(d.totals.patents).toBe(fixture.filter((x) => x.countyCode === A).length + 1);
    await t.deps.db.deleteFrom('patents').where('patentKey', '=', 'TEST00099999').execute();
    await rebuildPatentStats(t.deps);
    // Rollups cleared by a migration that adds a rollup table (0010 sets rebuilt_at to NULL): the next run rebuilds.
    await t.deps.db.updateTable('patentStatsMeta').set({ rebuiltAt: null }).where('id', '=', 1).execute();
    expect((await getPatentDashboard(t.deps.db, t.deps, { yearFrom: 2015 })).source).toBe('base');
    expect(await runPatentMaintenance(t.deps, { force: true })).toContain('changed on 0 patents; stats rebuilt');
    expect((await getPatentDashboard(t.deps.db, t.deps, { yearFrom: 2015 })).source).toBe('rollup');
  });
});

describe('Excel exports', () => {
  it('every widget exports an .xlsx with Chinese headers, the filter in a title row and a Chinese file name', async () => {
    for (const w of DASHBOARD_WIDGETS) {
      const res = await county1.get(`/api/patent-stats/export.xlsx?widget=${w}&chainId=${chain1}&type=invention&yearFrom=2012`);
      expect(res.statusCode, `${w}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''%E4%B8%93%E5%88%A9%E7%BB%9F%E8%AE%A1/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(String(ws.getCell(1, 1).value)).toContain('泰安市');
      const filterLine = String(ws.getCell(2, 1).value);
      expect(filterLine).toContain('筛选条件：产业链：测试新能源产业链；地区：泰安市；专利类型：发明；年度：2012年起');
      expect(String(ws.getCell(3, 1).value)).toContain('数据来源');
      const headers = (ws.getRow(4).values as unknown[]).filter(Boolean).map(String);
      expect(headers.length).toBeGreaterThan(1);
      expect(headers.join('')).toMatch(/[\u4e00-\u9fa5]/);
      const notes: string[] = [];
      ws.eachRow((r) => notes.push(String(r.getCell(1).value ?? '')));
      expect(notes.join('\n')).toContain('合成测试数据');
    }
  });

  it('the per-county export lists the counties with the dashboard figures', async () => {
    const res = await city.get('/api/patent-stats/export.xlsx?widget=byCounty');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(4).values as unknown[]).filter(Boolean)).toEqual(['区划代码', '地区', '专利件数', '有效发明专利（件）', '高价值发明专利（件）']);
    const d = await getPatentDashboard(t.deps.db, t.deps, {});
    const a = d.byCounty.find((r) => r.regionCode === A)!;
    expect(ws.getRow(5).values).toEqual([undefined, A, '泰山区', a.n, a.validInventions, a.highValue]);
  });

  it('a bad widget or filter is a 400 with the field', async () => {
    const res = await city.get('/api/patent-stats/export.xlsx?widget=pie');
    expect(res.statusCode).toBe(400);
    const bad = await city.get('/api/patent-stats/dashboard?region=37090');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((x: { path: string }) => x.path)).toContain('querystring.region');
  });
});
