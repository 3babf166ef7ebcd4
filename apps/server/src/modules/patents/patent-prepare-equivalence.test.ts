import crypto from 'node:crypto';
import { sql } from 'kysely';
import { suggestPatentMapping } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { rawRecordFromRow } from './patent-demo.seed';
import { SYNTHETIC_HEADERS, syntheticPatentRows } from './patent-synthetic';
import { loadClassificationContext, preparePatent, upsertPatents, type PreparedPatent, type RawPatentRecord } from './patent-write';

/**
 * The import speed-up (issue 5: parsed IPC patterns and codes cached in patent-classify.ts, the batch sent as one JSON
 * parameter) must not change a single prepared value or stored column.
 *
 * GOLDEN_10K is the SHA-256 of the prepared rows of the synthetic 10,000-row set (seed 1, city 3709, as of 2026-11-21,
 * the seeded reference data and demo chains), one JSON line per row incl. the rejected extra rows below, computed with
 * preparePatent as committed before the speed-up (commit fd89d04). A deliberate change of the rules (normalisation,
 * classification, bigrams, the seeded tables) changes it: recompute it then and say why in the commit.
 */
const GOLDEN_10K = '15278d7cc4763485c0d08b9b0727e79f72293012d2bd36b73f05860c766d363b';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('patent import speed-up keeps the results', () => {
  it('prepares the synthetic 10k set exactly as the committed preparePatent did (hash of every prepared row)', async () => {
    const cx = { ...(await loadClassificationContext(t.deps.db, t.deps)), asOf: '2026-11-21' };
    const mapping = suggestPatentMapping(SYNTHETIC_HEADERS);
    const raws: RawPatentRecord[] = [...syntheticPatentRows({ count: 10_000, seed: 1, cityCode: '3709' })].map((r) => rawRecordFromRow(r, SYNTHETIC_HEADERS, mapping));
    // Rejected rows and odd codes go through the same hash.
    raws.push(
      { title: '', appNo: 'x' },
      { title: 'a', appNo: 'CN2022232206651', appDate: 'bad', pledgeAmount: 'x', foreignFamilyGranted: '?' },
      { title: '一种电池', appNo: '202223220665.2', mainIpc: 'h01m 10/0525 (2006.01)', ipcCodes: 'H01M;G06F11;B60L53/00;Ｈ０１Ｍ４/３６;bad', abstract: 'RFID 锂电池' },
    );
    const h = crypto.createHash('sha256');
    let ok = 0;
    for (const raw of raws) {
      const p = preparePatent(raw, cx, { dataSource: 'synthetic', importJobId: null });
      if (p.ok) ok++;
      h.update(`${JSON.stringify(p)}\n`);
    }
    expect(ok).toBe(10_001);
    expect(h.digest('hex')).toBe(GOLDEN_10K);
  }, 120_000);

  it('upsertPatents stores every column as given: quotes, backslashes, braces, NULLs, empty arrays, non-BMP text; a lone surrogate becomes U+FFFD', async () => {
    const base = (key: string): PreparedPatent => ({
      patentKey: key, appNo: null, pubNo: `CN${key}A`, grantNo: null, appDate: '2020-02-29', pubDate: null, grantDate: null,
      patentType: 'invention', title: 't', abstract: null, applicants: [], firstApplicant: null, applicantAddress: null,
      inventors: [], agency: null, provinceCodeRaw: null, provinceCode: null, cityCode: null, countyCode: null, regionSource: 'none',
      legalStatus: 'valid', legalStatusRaw: null, mainIpc: null, ipcCodes: [], seiBranches: [], wipoFields: [], chainIds: [],
      foreignFamilyGranted: false, pledgeAmountWan: null, hvSei: false, hvForeignFamily: false, hvOver10Years: false, hvPledge: false,
      hvAward: false, isHighValue: false, searchTokens: [], dataSource: 'import', importJobId: null,
    });
    const odd = 'a"b\\c{d},e\tf\ng NULL 𠮷 \'q\' [1] {"x":1}';
    const rows: PreparedPatent[] = [
      {
        ...base('P:EQ1'), title: odd, abstract: odd, applicants: [odd, 'NULL', '', '"'], firstApplicant: odd, inventors: ['甲', '乙'],
        ipcCodes: ['H01M10/0525'], seiBranches: ['1.1'], wipoFields: [1, 35], chainIds: [2], pledgeAmountWan: 1200.5,
        searchTokens: ['a"', '\\c', '{d', '},', 'NU', '𠮷 ', ''], foreignFamilyGranted: true, isHighValue: true, hvSei: true,
      },
      { ...base('P:EQ2'), title: 'x\uD800y', applicants: ['\uDC00'] },
      base('P:EQ3'),
    ];
    expect(await upsertPatents(t.deps.db, rows)).toEqual({ inserted: 3, updated: 0 });
    expect(await upsertPatents(t.deps.db, [rows[2]!, rows[2]!])).toEqual({ inserted: 0, updated: 1 });
    const got = await t.deps.db.selectFrom('patents').selectAll().where('patentKey', 'in', ['P:EQ1', 'P:EQ2', 'P:EQ3']).orderBy('patentKey').execute();
    const cols = Object.keys(rows[0]!) as (keyof PreparedPatent)[];
    const pick = (r: Record<string, unknown>) => Object.fromEntries(cols.map((c) => [c, c === 'pledgeAmountWan' && r[c] !== null ? Number(r[c]) : r[c]]));
    expect(pick(got[0]!)).toEqual(pick(rows[0]!));
    expect(pick(got[1]!)).toEqual(pick({ ...rows[1]!, title: 'x\uFFFDy', applicants: ['\uFFFD'] }));
    expect(pick(got[2]!)).toEqual(pick(rows[2]!));
    await sql`DELETE FROM patents WHERE patent_key LIKE 'P:EQ%'`.execute(t.deps.db);
  });
});
