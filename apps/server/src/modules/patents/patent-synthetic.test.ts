import { appNoCheckChar, normalizeAppNo, PATENT_IMPORT_FIELDS, suggestPatentMapping, type PatentImportField } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { rawRecordFromRow, seedDemoPatentsIfEmpty } from './patent-demo.seed';
import { SYNTHETIC_HEADERS, syntheticPatentRows } from './patent-synthetic';
import { loadClassificationContext, preparePatent } from './patent-write';

const rows = (n: number, seed = 1, startSeq?: number) => [...syntheticPatentRows({ count: n, seed, cityCode: '3709', startSeq })];

describe('synthetic patent generator', () => {
  it('is deterministic: same options, same rows; another seed, other rows; startSeq continues the sequence', () => {
    const a = rows(300);
    expect(rows(300)).toEqual(a);
    expect(rows(300, 2)[0]).not.toEqual(a[0]);
    expect(rows(100, 1, 200)).toEqual(a.slice(200, 300));
  });

  it('every row has every export column and says it is synthetic', () => {
    for (const r of rows(200)) {
      expect(Object.keys(r)).toEqual(SYNTHETIC_HEADERS);
      expect(r['数据来源']).toContain('合成数据');
      expect(r['专利名称']!.length).toBeGreaterThan(1);
      expect(r['申请摘要']!.length).toBeGreaterThanOrEqual(80);
      expect(r['申请摘要']!.length).toBeLessThanOrEqual(200);
    }
  });

  it('application numbers carry a valid check character and never repeat', () => {
    // 国家知识产权局 申请号校验位 on the real number CN202223220665.2 (shared/data/cn-patents-sample).
    expect(appNoCheckChar('202223220665')).toBe('2');
    const rs = rows(3000);
    const keys = new Set<string>();
    for (const r of rs) {
      const m = /^CN(\d{12})\.([\dX])$/.exec(r['申请号']!);
      expect(m, r['申请号']).not.toBeNull();
      expect(appNoCheckChar(m![1]!)).toBe(m![2]);
      const n = normalizeAppNo(r['申请号']);
      expect(n, r['申请号']).not.toBeNull();
      keys.add(n!.key);
    }
    expect(keys.size).toBe(rs.length);
  });

  it('follows the intended mix: ~45% invention, ~45% utility model, ~10% design; filed 2005 to asOf; mostly in the demo city', () => {
    const rs = rows(4000);
    const share = (f: (r: Record<string, string>) => boolean) => rs.filter(f).length / rs.length;
    expect(share((r) => r['专利类型']!.startsWith('发明'))).toBeCloseTo(0.45, 1);
    expect(share((r) => r['专利类型'] === '实用新型')).toBeCloseTo(0.45, 1);
    expect(share((r) => r['专利类型'] === '外观设计')).toBeCloseTo(0.1, 1);
    for (const r of rs) {
      expect(r['申请日']! >= '20050101' && r['申请日']! <= '20261031').toBe(true);
      if (r['授权公告日']) expect(r['授权公告日']! >= r['申请日']!).toBe(true);
    }
    expect(share((r) => r['申请人地址']!.includes('泰安市'))).toBeGreaterThan(0.6);
    expect(share((r) => r['主分类号'] !== '')).toBeGreaterThan(0.85);
  });

  it('its headers map to every import field with suggestPatentMapping', () => {
    const m = suggestPatentMapping(SYNTHETIC_HEADERS);
    const expected: Record<PatentImportField, string> = {
      appNo: '申请号', appDate: '申请日', pubNo: '公开号', pubDate: '公开日', grantNo: '授权公告号', grantDate: '授权公告日',
      patentType: '专利类型', title: '专利名称', abstract: '申请摘要', applicants: '申请人', applicantAddress: '申请人地址',
      provinceCode: '国省代码', mainIpc: '主分类号', ipcCodes: '分类号', legalStatus: '法律状态', inventors: '发明人',
      agency: '专利代理机构', foreignFamilyGranted: '海外同族授权', pledgeAmount: '质押金额',
    };
    for (const f of PATENT_IMPORT_FIELDS) expect([f, m[f] === null ? null : SYNTHETIC_HEADERS[m[f]!]]).toEqual([f, expected[f]]);
  });
});

describe('synthetic patents through the import path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('1,000 rows pass preparePatent without errors, with types, statuses and regions recognised', async () => {
    const cx = await loadClassificationContext(t.deps.db, t.deps);
    const mapping = suggestPatentMapping(SYNTHETIC_HEADERS);
    const prepared = rows(1000).map((r) => preparePatent(rawRecordFromRow(r, SYNTHETIC_HEADERS, mapping), cx, { dataSource: 'synthetic', importJobId: null }));
    const errors = prepared.flatMap((p, i) => (p.ok ? [] : [{ row: i, errors: p.errors }]));
    expect(errors).toEqual([]);
    const ok = prepared.map((p) => (p.ok ? p.row : null)!);
    expect(ok.every((p) => p.dataSource === 'synthetic')).toBe(true);
    expect(ok.filter((p) => p.legalStatus === 'unknown')).toHaveLength(0);
    expect(ok.filter((p) => p.cityCode === '3709').length).toBeGreaterThan(600);
    expect(ok.filter((p) => p.countyCode?.startsWith('3709')).length).toBeGreaterThan(600);
    // Real title fragments in the right IPC subclass: some rows fall into strategic emerging industries.
    expect(ok.filter((p) => (p.seiBranches as string[] | undefined)?.length).length).toBeGreaterThan(50);
  });

  it('the demo seed loads DEMO_PATENTS demo rows once, labelled demo, and rebuilds the rollups', async () => {
    const deps = { ...t.deps, config: { ...t.deps.config, demoPatents: 500 } };
    const t0 = Date.now();
    expect(await seedDemoPatentsIfEmpty(deps)).toBe(500);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const c = await deps.db.selectFrom('patents').select((eb) => [eb.fn.countAll<number>().as('n')]).where('dataSource', '=', 'demo').executeTakeFirstOrThrow();
    expect(Number(c.n)).toBe(500);
    const meta = await deps.db.selectFrom('patentStatsMeta').selectAll().executeTakeFirstOrThrow();
    expect(meta.patentCount).toBe(500);
    expect(await seedDemoPatentsIfEmpty(deps)).toBe(0);
  }, 60_000);
});
