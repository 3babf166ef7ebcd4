/**
 * Reference data as seeded, classification through the database against the pure domain functions, industry-chain
 * maintenance (versioning, validation, access) and the background reclassification it triggers.
 */
import { appNoCheckChar, classifySei, matchChains, wipoFieldsOf } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { runPendingReclassification } from './patent-classification.service';
import { waitForPatentTasks } from './patent-tasks';
import { loadChainDefinitions, loadClassificationContext, loadSeiRules, loadWipoPrefixes, preparePatent, upsertPatents, type RawPatentRecord } from './patent-write';

let t: TestApp;
let city: TestClient;
let county1: TestClient;

/** A valid new-style application number of the given year and type digit. */
function appNo(year: number, typeDigit: number, serial: number): string {
  const digits = `${year}${typeDigit}${String(serial).padStart(7, '0')}`;
  return `CN${digits}.${appNoCheckChar(digits)}`;
}

const RECORDS: RawPatentRecord[] = [
  { appNo: appNo(2021, 1, 1), title: '一种锂离子电池正极材料及其制备方法', ipcCodes: 'H01M4/525;H01M10/0525', appDate: '2021-03-01', legalStatus: '有效', applicants: '泰安某某新能源有限公司', applicantAddress: '山东省泰安市岱岳区' },
  { appNo: appNo(2020, 1, 2), title: '一种玻璃纤维增强复合材料', ipcCodes: 'C03C13/00;B29C70/02', appDate: '2020-05-06', legalStatus: '有效', applicants: '泰山玻璃纤维有限公司', applicantAddress: '山东省泰安市' },
  { appNo: appNo(2022, 2, 3), title: '一种农药喷洒无人机', mainIpc: 'A01M7/00', ipcCodes: 'B64D1/18', appDate: '2022-01-10', legalStatus: '授权', applicants: '肥城某农机公司', applicantAddress: '山东省肥城市' },
  { appNo: appNo(2019, 1, 4), title: '基于深度学习的图像识别方法', ipcCodes: 'G06V10/82;G06N3/08', appDate: '2019-07-07', legalStatus: '实质审查', applicants: '某大学', applicantAddress: '山东省济南市历下区' },
  { appNo: appNo(2018, 1, 5), title: '一种变压器绕组结构', ipcCodes: 'H01F27/28', appDate: '2018-02-02', legalStatus: '未缴年费终止失效', applicants: '泰安某变压器厂', applicantAddress: '山东省泰安市泰山区' },
  { appNo: appNo(2023, 1, 6), title: '一种污水处理装置', ipcCodes: 'C02F9/00;B01D21/00', appDate: '2023-04-04', legalStatus: '有效', applicants: '新泰某环保公司', applicantAddress: '山东省新泰市' },
];

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('cityip');
  county1 = await t.login('county1');
  const cx = await loadClassificationContext(t.deps.db, t.deps);
  const rows = RECORDS.map((r) => {
    const p = preparePatent(r, cx, { importJobId: null, dataSource: 'import' });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.row;
  });
  await t.deps.db.transaction().execute((trx) => upsertPatents(trx, rows));
}, 120_000);

afterAll(async () => {
  await waitForPatentTasks();
  await t?.close();
});

async function patentsByTitle() {
  const rows = await t.deps.db.selectFrom('patents').selectAll().orderBy('id').execute();
  return new Map(rows.map((r) => [r.title, r]));
}

describe('reference data', () => {
  it('is seeded: IPC titles, the 2021 table, WIPO fields in Chinese, population 2022, demo chains', async () => {
    const db = t.deps.db;
    const ipc = await db.selectFrom('ipcTitles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(ipc.n)).toBe(77242);
    const h01m = await db.selectFrom('ipcTitles').selectAll().where('code', '=', 'H01M10/00').executeTakeFirstOrThrow();
    expect(h01m.level).toBe('mainGroup');
    const sei = await db.selectFrom('seiRules').selectAll().execute();
    expect(sei.length).toBe(303);
    expect(new Set(sei.map((r) => r.tableVersion))).toEqual(new Set(['2021']));
    // Every keyword summary yields search terms, except 2.1 rule 11 whose source text is the placeholder “产品相关关键词”.
    expect(sei.filter((r) => r.keywords && r.keywordTerms.length === 0).map((r) => `${r.branchNo}/${r.ruleIdx}`)).toEqual(['2.1/11']);
    const wipo = await db.selectFrom('wipoFields').selectAll().orderBy('fieldNo').execute();
    expect(wipo.length).toBe(35);
    expect(wipo[5]!.fieldZh).toBe('计算机技术');
    expect(wipo.every((w) => /[\u4e00-\u9fff]/.test(w.fieldZh) && /[\u4e00-\u9fff]/.test(w.sectorZh))).toBe(true);
    expect(wipo.flatMap((w) => w.ipcPrefixes).every((p) => !/[\s%]/.test(p))).toBe(true);
    const pop = await db.selectFrom('residentPopulation').selectAll().execute();
    expect(pop.length).toBe(11);
    expect(pop.every((p) => p.year === 2022 && p.note === '二手来源，待以统计公报核对' && p.sourceUrl)).toBe(true);
    expect(pop.find((p) => p.regionCode === '3709')).toBeUndefined(); // 泰安: not in the source, to be entered
    const chains = await db.selectFrom('industryChains').selectAll().execute();
    expect(chains.length).toBeGreaterThanOrEqual(8);
    expect(chains.every((c) => c.isDemo && c.description!.startsWith('示例定义，须由本局按产业链工作方案核定'))).toBe(true);
  });

  it('answers the reference endpoints', async () => {
    const branches = (await city.get('/api/patent-reference/sei-branches')).json();
    expect(branches.length).toBe(40);
    expect(branches[0]).toEqual({ industryNo: '1', industryName: '新一代信息技术产业', branchNo: '1.1', branchName: '下一代信息网络产业' });
    const labels = (await city.get('/api/patent-reference/ipc?codes=H01M,H01M10/00,Z99')).json();
    expect(labels[0].titleZh).toContain('电能');
    expect(labels[1].titleZh).toBeTruthy();
    expect(labels[2]).toEqual({ code: 'Z99', titleZh: null });
    const found = (await city.get(`/api/patent-reference/ipc/search?q=${encodeURIComponent('锂')}`)).json();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((l: { titleZh: string }) => l.titleZh.includes('锂'))).toBe(true);
    const byCode = (await city.get('/api/patent-reference/ipc/search?q=h01m10')).json();
    expect(byCode[0].code.startsWith('H01M10')).toBe(true);
  });
});

describe('classification', () => {
  it('the stored columns equal the domain functions on the same rows', async () => {
    const db = t.deps.db;
    const [rules, wipo, chains] = [await loadSeiRules(db), await loadWipoPrefixes(db), await loadChainDefinitions(db)];
    const rows = await db.selectFrom('patents').selectAll().execute();
    expect(rows.length).toBe(RECORDS.length);
    for (const r of rows) {
      const sei = classifySei({ ipcCodes: r.ipcCodes, title: r.title, abstract: r.abstract }, rules);
      expect(r.seiBranches, r.title).toEqual(sei);
      expect(r.wipoFields, r.title).toEqual(wipoFieldsOf(r.ipcCodes, wipo));
      expect(r.chainIds, r.title).toEqual(matchChains({ ipcCodes: r.ipcCodes, title: r.title, abstract: r.abstract, seiBranches: sei }, chains));
    }
  });

  it('normalises the record: main IPC first, type, legal status, region, tokens', async () => {
    const p = await patentsByTitle();
    const drone = p.get('一种农药喷洒无人机')!;
    expect(drone.mainIpc).toBe('A01M7/00');
    expect(drone.ipcCodes).toEqual(['A01M7/00', 'B64D1/18']);
    expect(drone.patentType).toBe('utilityModel');
    expect(drone.legalStatus).toBe('valid');
    expect(drone.countyCode).toBe('370983');
    const battery = p.get('一种锂离子电池正极材料及其制备方法')!;
    expect(battery.patentType).toBe('invention');
    expect(battery.cityCode).toBe('3709');
    expect(battery.countyCode).toBe('370911');
    expect(battery.searchTokens).toContain('锂离');
    const newEnergy = await t.deps.db.selectFrom('industryChains').select('id').where('code', '=', 'new-energy').executeTakeFirstOrThrow();
    expect(battery.chainIds).toContain(newEnergy.id);
    expect(battery.wipoFields).toContain(1); // H01M: 电机、电气装置、电能
    expect(p.get('一种变压器绕组结构')!.legalStatus).toBe('invalid');
    expect(p.get('基于深度学习的图像识别方法')!.legalStatus).toBe('pending');
  });

  it('reports broken records with the column and a Chinese reason, and keeps valid IPC codes', async () => {
    const cx = await loadClassificationContext(t.deps.db, t.deps);
    const cols = { title: '标题', appNo: 'App No', appDate: '申请日期', ipcCodes: 'IPC' };
    const bad = preparePatent({ appNo: 'CN2021100000', title: '  ', appDate: '2021-13-45', ipcCodes: 'XYZ' }, cx, { importJobId: null, dataSource: 'import', columnNames: cols });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { column: '标题', reason: '专利名称为空' },
        { column: 'App No', reason: '申请号格式不正确：“CN2021100000”' },
        { column: '申请日期', reason: '申请日不是有效日期：“2021-13-45”' },
        { column: 'IPC', reason: '分类号 "XYZ" 无法识别' },
      ]),
    );
    const none = preparePatent({ title: '一种装置' }, cx, { importJobId: null, dataSource: 'import' });
    expect(none.ok ? [] : none.errors).toEqual([{ column: null, reason: '既无申请号也无公开（公告）号' }]);
    const partly = preparePatent({ pubNo: 'CN 218751475 U', title: '一种装置', ipcCodes: 'G01N 33/00; ???' }, cx, { importJobId: null, dataSource: 'import' });
    expect(partly.ok && partly.row.ipcCodes).toEqual(['G01N33/00']);
    expect(partly.ok && partly.row.patentKey).toBe('P:CN218751475U');
    expect(partly.ok && partly.row.patentType).toBe('utilityModel');
    // 授权公告日 alone does not make a patent valid.
    const granted = preparePatent({ pubNo: 'CN114081026B', title: '一种装置', grantDate: '2023-01-01' }, cx, { importJobId: null, dataSource: 'import' });
    expect(granted.ok && granted.row.legalStatus).toBe('unknown');
  });

  it('upsert by patent_key: the last duplicate of a batch wins, an existing row is replaced', async () => {
    const cx = await loadClassificationContext(t.deps.db, t.deps);
    const mk = (title: string) => {
      const p = preparePatent({ appNo: appNo(2024, 1, 99), title, ipcCodes: 'A47G1/00' }, cx, { importJobId: null, dataSource: 'import' });
      if (!p.ok) throw new Error('prepare');
      return p.row;
    };
    const first = await t.deps.db.transaction().execute((trx) => upsertPatents(trx, [mk('旧名称'), mk('新名称')]));
    expect(first).toEqual({ inserted: 1, updated: 0 });
    const second = await t.deps.db.transaction().execute((trx) => upsertPatents(trx, [mk('再次更新的名称')]));
    expect(second).toEqual({ inserted: 0, updated: 1 });
    const row = await t.deps.db.selectFrom('patents').selectAll().where('patentKey', '=', appNo(2024, 1, 99).slice(2).replace('.', '')).executeTakeFirstOrThrow();
    expect(row.title).toBe('再次更新的名称');
    await t.deps.db.deleteFrom('patents').where('id', '=', row.id).execute();
  });
});

describe('industry chains', () => {
  const input = { code: 'drones', name: '无人机产业链', description: '测试', ipcPatterns: ['A01M*'], keywords: [], seiBranches: [], enabled: true, sort: 5 };

  it('county officers may read but not change chains', async () => {
    expect((await county1.get('/api/patent-chains')).statusCode).toBe(200);
    expect((await county1.post('/api/patent-chains', input)).statusCode).toBe(403);
  });

  it('rejects a malformed IPC pattern and an unknown SEI branch with the field path', async () => {
    const bad = await city.post('/api/patent-chains', { ...input, ipcPatterns: ['A01M*', 'X99*'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.ipcPatterns.1');
    const sei = await city.post('/api/patent-chains', { ...input, seiBranches: ['9.9'] });
    expect(sei.statusCode).toBe(400);
    expect(sei.json().details[0].path).toBe('body.seiBranches.0');
  });

  it('creates a chain, reclassifies in the background, and a changed definition moves patents', async () => {
    const res = await city.post('/api/patent-chains', input);
    expect(res.statusCode, res.body).toBe(201);
    const chain = res.json();
    expect(chain.isDemo).toBe(false);
    expect(chain.classifyStatus).toBe('pending');
    expect(chain.ipcPatterns[0].titleZh).toBeTruthy();
    expect((await city.post('/api/patent-chains', input)).statusCode).toBe(409);

    await waitForPatentTasks();
    await runPendingReclassification(t.deps);
    let p = await patentsByTitle();
    expect(p.get('一种农药喷洒无人机')!.chainIds).toContain(chain.id);
    expect(p.get('一种污水处理装置')!.chainIds).not.toContain(chain.id);
    const listed = (await city.get('/api/patent-chains')).json().find((c: { id: number }) => c.id === chain.id);
    expect(listed.classifyStatus).toBe('current');

    const stale = await city.put(`/api/patent-chains/${chain.id}`, { ...input, ipcPatterns: ['C02F*'], version: chain.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const upd = await city.put(`/api/patent-chains/${chain.id}`, { ...input, ipcPatterns: ['C02F*'], version: chain.version });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().version).toBe(chain.version + 1);
    await waitForPatentTasks();
    await runPendingReclassification(t.deps);
    p = await patentsByTitle();
    expect(p.get('一种农药喷洒无人机')!.chainIds).not.toContain(chain.id);
    expect(p.get('一种污水处理装置')!.chainIds).toContain(chain.id);

    // Disabled: its id leaves every patent.
    const cur = (await city.get('/api/patent-chains')).json().find((c: { id: number }) => c.id === chain.id);
    expect((await city.put(`/api/patent-chains/${chain.id}`, { ...input, ipcPatterns: ['C02F*'], enabled: false, version: cur.version })).statusCode).toBe(200);
    await waitForPatentTasks();
    await runPendingReclassification(t.deps);
    p = await patentsByTitle();
    expect(p.get('一种污水处理装置')!.chainIds).not.toContain(chain.id);

    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'industryChain').execute();
    expect(audit.map((a) => a.action)).toEqual(['patentChain.create', 'patentChain.update', 'patentChain.update']);
  });

  it('reclassify on request is refused without patent.configure and runs with it', async () => {
    expect((await county1.post('/api/patent-chains/reclassify')).statusCode).toBe(403);
    const res = await city.post('/api/patent-chains/reclassify');
    expect(res.statusCode, res.body).toBe(200);
    await waitForPatentTasks();
    expect(await runPendingReclassification(t.deps)).toBe(false);
    const chains = (await city.get('/api/patent-chains')).json();
    expect(chains.every((c: { classifyStatus: string }) => c.classifyStatus === 'current')).toBe(true);
  });
});
