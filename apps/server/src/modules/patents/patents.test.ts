/**
 * Patent detail (Chinese IPC titles, SEI and WIPO names, chains, the five high-value categories recomputed live), the
 * award list making a valid invention high-value, the applicant profile and name suggestions.
 */
import { appNoCheckChar } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { waitForPatentTasks } from './patent-tasks';
import { loadClassificationContext, preparePatent, upsertPatents, type RawPatentRecord } from './patent-write';

let t: TestApp;
let city: TestClient;
let county1: TestClient;
let leader: TestClient;

function appNo(year: number, typeDigit: number, serial: number): string {
  const digits = `${year}${typeDigit}${String(serial).padStart(7, '0')}`;
  return `CN${digits}.${appNoCheckChar(digits)}`;
}

const PLAIN = appNo(2020, 1, 11); // a valid invention outside every category
const BATTERY = appNo(2021, 1, 12);

const RECORDS: RawPatentRecord[] = [
  {
    appNo: PLAIN, pubNo: 'CN111000011A', grantNo: 'CN111000011B', patentType: '发明授权', title: '一种折叠式餐桌', abstract: '本发明公开了一种折叠式餐桌，桌面可折叠收纳。',
    ipcCodes: 'A47B3/00', appDate: '2020-06-01', grantDate: '2022-03-04', legalStatus: '有效', applicants: '泰安某家具有限公司；张三', applicantAddress: '山东省泰安市泰山区某路1号',
    inventors: '张三;李四', agency: '泰安某专利事务所',
  },
  {
    appNo: BATTERY, title: '一种锂离子电池正极材料及其制备方法', abstract: '本发明涉及锂离子电池技术领域，提供一种高镍正极材料。', ipcCodes: 'H01M4/525;H01M10/0525',
    appDate: '2021-03-01', legalStatus: '有效', applicants: '泰安某家具有限公司;泰安某新能源有限公司', applicantAddress: '山东省泰安市岱岳区',
  },
  { appNo: appNo(2022, 2, 13), title: '一种可调节的椅子', ipcCodes: 'A47C7/00', appDate: '2022-02-02', legalStatus: '有效', applicants: '泰安某家具有限公司', applicantAddress: '山东省泰安市泰山区' },
];

let ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [city, county1, leader] = [await t.login('cityip'), await t.login('county1'), await t.login('leader')];
  const cx = await loadClassificationContext(t.deps.db, t.deps);
  const rows = RECORDS.map((r) => {
    const p = preparePatent(r, cx, { importJobId: null, dataSource: 'import' });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.row;
  });
  await t.deps.db.transaction().execute((trx) => upsertPatents(trx, rows));
  const all = await t.deps.db.selectFrom('patents').select(['id', 'title']).execute();
  ids = Object.fromEntries(all.map((r) => [r.title, r.id]));
}, 120_000);

afterAll(async () => {
  await waitForPatentTasks();
  await t?.close();
});

describe('patent detail', () => {
  it('shows the bibliographic data with Chinese IPC titles, SEI and WIPO names and chains', async () => {
    const res = await county1.get(`/api/patents/${ids['一种锂离子电池正极材料及其制备方法']}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.appNo).toBe(BATTERY);
    expect(d.patentType).toBe('invention');
    expect(d.mainIpc.code).toBe('H01M4/525');
    expect(d.ipcCodes.map((l: { code: string }) => l.code)).toEqual(['H01M4/525', 'H01M10/0525']);
    expect(d.ipcCodes.every((l: { titleZh: string | null }) => l.titleZh && /[\u4e00-\u9fff]/.test(l.titleZh))).toBe(true);
    expect(d.wipoFields).toContainEqual({ fieldNo: 1, fieldZh: '电机、电气装置、电能', sectorZh: '电气工程' });
    expect(d.chains.map((c: { name: string }) => c.name)).toContain('新能源（锂电池与光伏）');
    expect(d.chains.every((c: { isDemo: boolean }) => c.isDemo)).toBe(true);
    for (const b of d.seiBranches) expect(b.branchName).not.toBe(b.branchNo);
    expect(d.region).toMatchObject({ cityCode: '3709', countyCode: '370911', name: '岱岳区', source: 'address' });
    expect(d.maintenanceYears).toBe(5); // 2021-03-01 → 2026-11-20
    expect(d.highValue.isHighValue).toBe(d.seiBranches.length > 0);
  });

  it('answers 404 for an unknown id and 403 without patent.read', async () => {
    expect((await city.get('/api/patents/999999')).statusCode).toBe(404);
    expect((await (await t.login('sysadmin')).get(`/api/patents/${ids['一种折叠式餐桌']}`)).statusCode).toBe(403);
  });
});

describe('award list (高价值第五类)', () => {
  it('an award makes a valid invention high-value, and removing it takes that back', async () => {
    const id = ids['一种折叠式餐桌']!;
    let d = (await city.get(`/api/patents/${id}`)).json();
    expect(d.seiBranches).toEqual([]);
    expect(d.highValue).toEqual({
      isHighValue: false,
      categories: { sei: false, foreignFamily: false, over10Years: false, pledge: false, award: false },
      reasonIfNot: '不符合五类情形中的任何一类',
    });

    expect((await county1.post('/api/patent-awards', { patentNumber: `ZL${PLAIN.slice(2)}`, award: 'chinaPatentAward', awardYear: 2024 })).statusCode).toBe(403);
    const bad = await city.post('/api/patent-awards', { patentNumber: 'ABCDEFG', award: 'chinaPatentAward', awardYear: 2024 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.patentNumber');

    // 专利号 as printed on the certificate: ZL + application number.
    const res = await city.post('/api/patent-awards', { patentNumber: `ZL ${PLAIN.slice(2)}`, award: 'chinaPatentAward', awardYear: 2024, awardLevel: '优秀奖' });
    expect(res.statusCode, res.body).toBe(201);
    const award = res.json();
    expect(award.patent).toEqual({ id, title: '一种折叠式餐桌' });
    expect((await city.post('/api/patent-awards', { patentNumber: 'CN111000011B', award: 'chinaPatentAward', awardYear: 2024 })).statusCode).toBe(409);

    d = (await city.get(`/api/patents/${id}`)).json();
    expect(d.awards).toEqual([{ award: 'chinaPatentAward', awardYear: 2024, awardLevel: '优秀奖' }]);
    expect(d.highValue.isHighValue).toBe(true);
    expect(d.highValue.categories.award).toBe(true);
    const row = await t.deps.db.selectFrom('patents').select(['hvAward', 'isHighValue']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hvAward: true, isHighValue: true });
    expect((await leader.get('/api/patent-awards')).json()).toHaveLength(1);
    expect((await city.get('/api/patents/search?highValue=true&hvCategory=award')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);

    expect((await city.delete(`/api/patent-awards/${award.id}`)).statusCode).toBe(204);
    const after = await t.deps.db.selectFrom('patents').select(['hvAward', 'isHighValue']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual({ hvAward: false, isHighValue: false });
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'patentAward').execute();
    expect(audit.map((a) => a.action)).toEqual(['patentAward.create', 'patentAward.delete']);
  });

  it('an award for a utility model is listed but does not make it high-value', async () => {
    const res = await city.post('/api/patent-awards', { patentNumber: appNo(2022, 2, 13), award: 'chinaPatentAward', awardYear: 2025 });
    expect(res.statusCode, res.body).toBe(201);
    const d = (await city.get(`/api/patents/${ids['一种可调节的椅子']}`)).json();
    expect(d.awards).toHaveLength(1);
    expect(d.highValue).toMatchObject({ isHighValue: false, reasonIfNot: '非发明专利' });
  });
});

describe('applicants', () => {
  it('profile: counts, trend, IPC with titles, co-applicants, county', async () => {
    const res = await leader.get(`/api/patents/applicants/profile?name=${encodeURIComponent('泰安某家具有限公司')}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.total).toBe(3);
    expect(p.byType).toEqual({ invention: 2, utilityModel: 1, design: 0 });
    expect(p.byStatus.valid).toBe(3);
    expect(p.validInventions).toBe(2);
    expect(p.trend).toEqual([
      { year: 2020, applications: 1, grants: 0 },
      { year: 2021, applications: 1, grants: 0 },
      { year: 2022, applications: 1, grants: 1 },
    ]);
    expect(p.topIpc.find((i: { subclass: string }) => i.subclass === 'A47B').titleZh).toBeTruthy();
    expect(p.coApplicants.map((c: { name: string }) => c.name).sort()).toEqual(['张三', '泰安某新能源有限公司']);
    expect(p.countyName).toBe('泰山区');
    expect((await leader.get(`/api/patents/applicants/profile?name=${encodeURIComponent('不存在的公司')}`)).statusCode).toBe(404);
  });

  it('suggest: names containing the text, most patents first', async () => {
    const res = await city.get(`/api/patents/applicants/suggest?q=${encodeURIComponent('泰安某')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { name: '泰安某家具有限公司', n: 3 },
      { name: '泰安某新能源有限公司', n: 1 },
    ]);
    expect((await city.get(`/api/patents/applicants/suggest?q=${encodeURIComponent('泰')}`)).json()).toEqual([]);
  });

  it('search finds text in abstracts and applicants, title hits first', async () => {
    const r = (await city.get(`/api/patents/search?q=${encodeURIComponent('家具')}`)).json();
    expect(r.total).toBe(3);
    const s = (await city.get(`/api/patents/search?q=${encodeURIComponent('折叠')}`)).json();
    expect(s.items[0].title).toBe('一种折叠式餐桌');
    expect(s.items[0].abstractSnippet.some((seg: { hit: boolean; text: string }) => seg.hit && seg.text === '折叠')).toBe(true);
  });
});
