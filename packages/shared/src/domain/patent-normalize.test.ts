import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appNoCheckChar,
  buildDivisionIndex,
  ipcLineage,
  ipcMainGroup,
  ipcSubclass,
  legalStatusFrom,
  maintenanceYears,
  normalizeAppNo,
  normalizeIpc,
  normalizePubNo,
  parseDateCn,
  parseYesNo,
  PATENT_FIELD_ALIASES,
  PATENT_FIELD_LABELS,
  patentTypeFrom,
  regionName,
  resolveRegion,
  splitIpcCodes,
  splitNames,
  suggestPatentMapping,
  type DivisionRow,
  type LegalStatus,
  type PatentType,
} from './patent-normalize';
import { PATENT_IMPORT_FIELDS, type PatentImportField } from '../contracts/patent';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const sharedData = path.resolve(repoRoot, '../shared/data');
const samplePath = path.join(sharedData, 'cn-patents-sample/patentsemantix_henan_10.csv');
const titlesPath = path.join(sharedData, 'cn-patents-ipc-titles/cn_patent_titles_ipc_subclasses.csv');

/** Minimal RFC 4180 reader (quoted cells with commas, "" and newlines) for the fixture files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}
const readCsv = (file: string) => {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
};

describe('appNoCheckChar / normalizeAppNo (CNIPA 专利申请号标准: 校验位)', () => {
  it.each([
    // [raw, display, key]
    ['CN202223220665.2', 'CN202223220665.2', '2022232206652'],
    ['202223220665.2', 'CN202223220665.2', '2022232206652'],
    ['2022232206652', 'CN202223220665.2', '2022232206652'],
    ['ZL 2022 2 3220665.2', 'CN202223220665.2', '2022232206652'],
    ['ZL202223220665.2', 'CN202223220665.2', '2022232206652'],
    ['  cn202121635235.x ', 'CN202121635235.X', '202121635235X'],
    ['ＣＮ２０２１２１６３５２３５．Ｘ', 'CN202121635235.X', '202121635235X'],
    ['202223220665', 'CN202223220665.2', '2022232206652'], // without check character: computed
    // old 8-digit number (before 2003), weights 2..9: 8·2+9·3+1·4+0+0+0+0+1·9 = 56 ≡ 1 (mod 11)
    ['89100001.1', 'CN89100001.1', '891000011'],
    ['ZL 89 1 00001.1', 'CN89100001.1', '891000011'],
  ])('%s → %s', (raw, display, key) => {
    expect(normalizeAppNo(raw)).toEqual({ display, key });
  });

  it.each([
    ['CN202223220665.3'], // wrong check digit
    ['89100001.X'], // wrong check character
    ['CN218751475U'], // a publication number
    ['202243220665.2'], // type digit 4 does not exist
    ['1985123456789'],
    [''],
    ['申请号'],
    [null],
    [undefined],
  ])('%s → null', (raw) => {
    expect(normalizeAppNo(raw)).toBeNull();
  });

  it('the check algorithm agrees with all 10 real numbers of the sample export', () => {
    const { rows } = readCsv(samplePath);
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      const m = /^CN(\d{12})\.([\dX])$/.exec(r['申请号'])!;
      expect(m, r['申请号']).not.toBeNull();
      expect(appNoCheckChar(m[1])).toBe(m[2]);
      expect(normalizeAppNo(r['申请号'])?.display).toBe(r['申请号']);
    }
  });

  it.each([
    ['202223220665', '2'],
    ['202121635235', 'X'],
    ['89100001', '1'],
  ])('appNoCheckChar(%s) = %s', (digits, c) => expect(appNoCheckChar(digits)).toBe(c));
});

describe('normalizePubNo', () => {
  it.each([
    ['CN 218751475 U', 'CN218751475U'],
    ['CN218751475U', 'CN218751475U'],
    ['cn115883397b', 'CN115883397B'],
    ['115883397A', 'CN115883397A'],
    ['CN1036279C', 'CN1036279C'],
    ['CN 306123456 S', 'CN306123456S'],
    ['CN1234567Y', 'CN1234567Y'],
    ['CN115883397A1', 'CN115883397A1'],
    ['CN202223220665.2', null],
    ['CN218751475X', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, out) => expect(normalizePubNo(raw)).toBe(out));

  it('accepts every publication number of the 9,740-row public data set (one number per cell)', () => {
    const { header, rows } = readCsv(titlesPath);
    expect(header).toEqual(['dataset_row', 'publication_numbers', 'patent_title', 'ipc_subclasses']);
    expect(rows).toHaveLength(9740);
    // the column is called publication_numbers, but no cell holds more than one number
    expect(rows.filter((r) => /[;,|\s]/.test(r.publication_numbers.trim()))).toEqual([]);
    const bad = rows.filter((r) => normalizePubNo(r.publication_numbers) !== r.publication_numbers.trim());
    expect(bad).toEqual([]);
    const types = new Map<PatentType | null, number>();
    for (const r of rows) {
      const t = patentTypeFrom(null, null, r.publication_numbers);
      types.set(t, (types.get(t) ?? 0) + 1);
    }
    // SOURCES.md: 4,696 …A + 524 …B inventions, 4,520 …U utility models
    expect(Object.fromEntries(types)).toEqual({ invention: 4696 + 524, utilityModel: 4520 });
  });
});

describe('patentTypeFrom', () => {
  it.each([
    ['发明专利', null, null, 'invention'],
    ['发明授权', null, null, 'invention'],
    ['发明申请', null, null, 'invention'],
    ['发明公开;发明授权', null, null, 'invention'], // sample file
    ['实用新型', 'CN202212345678.1', null, 'utilityModel'],
    ['外观设计', null, null, 'design'],
    ['', 'CN202223220665.2', null, 'utilityModel'], // 5th digit 2
    [null, 'CN202211740332.4', null, 'invention'], // 5th digit 1
    [null, '2022830000001', null, null], // invalid number → falls through to nothing
    [null, null, 'CN116245100A', 'invention'],
    [null, null, 'CN115883397B', 'invention'],
    [null, null, 'CN218751475U', 'utilityModel'],
    [null, null, 'CN306123456S', 'design'],
    ['其他', null, null, null],
  ] as [string | null, string | null, string | null, PatentType | null][])('(%s, %s, %s) → %s', (t, a, p, out) => {
    expect(patentTypeFrom(t, a, p)).toBe(out);
  });

  it('the sample file: type text and application number agree', () => {
    for (const r of readCsv(samplePath).rows) {
      expect(patentTypeFrom(r['专利类型'], null, null)).toBe(patentTypeFrom(null, r['申请号'], null));
    }
  });
});

describe('legalStatusFrom', () => {
  it.each([
    ['有权-审定授权', 'valid'],
    ['审中-实质审查', 'pending'],
    ['审中-公开', 'pending'],
    ['有效', 'valid'],
    ['授权', 'valid'],
    ['有权', 'valid'],
    ['失效', 'invalid'],
    ['审中', 'pending'],
    ['实质审查', 'pending'],
    ['公开', 'pending'],
    ['未缴年费终止', 'invalid'],
    ['无权-未缴年费', 'invalid'],
    ['放弃', 'invalid'],
    ['驳回', 'invalid'],
    ['无权-驳回', 'invalid'],
    ['撤回', 'invalid'],
    ['视为撤回', 'invalid'],
    ['无权-视为撤回', 'invalid'],
    ['期限届满', 'invalid'],
    ['权利终止', 'invalid'],
    ['专利权终止', 'invalid'],
    ['全部无效', 'invalid'],
    ['部分无效', 'valid'],
    ['有权-部分无效', 'valid'],
    ['PCT-有效期内', 'pending'],
    ['PCT-有效期满', 'invalid'],
    ['PCT－有效期满', 'invalid'],
    [' 有效 ', 'valid'],
    ['', 'unknown'],
    [null, 'unknown'],
    ['其他', 'unknown'],
  ] as [string | null, LegalStatus][])('%s → %s', (raw, out) => expect(legalStatusFrom(raw)).toBe(out));

  it('every status of the sample file is recognised', () => {
    const { rows } = readCsv(samplePath);
    expect(rows.map((r) => legalStatusFrom(r['法律状态'])).filter((s) => s === 'unknown')).toEqual([]);
  });
});

describe('splitNames', () => {
  it.each([
    ['刘迪;刘敏;王煜伟', ['刘迪', '刘敏', '王煜伟']],
    ['甲公司；乙大学, 丙 ，丁、戊|己\n庚', ['甲公司', '乙大学', '丙', '丁', '戊', '己', '庚']],
    ['张三;张三; 李四 ;', ['张三', '李四']],
    ['Huawei  Technologies Co., Ltd.', ['Huawei Technologies Co.', 'Ltd.']],
    ['', []],
    [null, []],
  ] as [string | null, string[]][])('%s', (raw, out) => expect(splitNames(raw)).toEqual(out));
});

describe('parseDateCn', () => {
  it.each([
    ['20221202', '2022-12-02'],
    ['2022-12-02', '2022-12-02'],
    ['2022/12/2', '2022-12-02'],
    ['2022.12.02', '2022-12-02'],
    ['2022年12月2日', '2022-12-02'],
    ['2022-12-02 00:00:00', '2022-12-02'],
    ['2024-02-29', '2024-02-29'],
    [20221202, '2022-12-02'],
    [44897, '2022-12-02'], // Excel serial
    ['44897', '2022-12-02'],
    [new Date(Date.UTC(2022, 11, 2)), '2022-12-02'],
    ['', null],
    ['  ', null],
    [null, null],
    [undefined, null],
    // the real export writes 0 in 授权公告日 for an application not yet granted
    ['0', null],
    [0, null],
    ['00000000', null],
    ['2023-02-29', undefined],
    ['20221302', undefined],
    ['明天', undefined],
    ['2022-12', undefined],
    [new Date('x'), undefined],
  ] as [string | number | Date | null | undefined, string | null | undefined][])('%s → %s', (raw, out) => {
    expect(parseDateCn(raw)).toBe(out);
  });
});

describe('parseYesNo', () => {
  it.each([
    ['是', true], ['有', true], ['Y', true], ['true', true], ['1', true], [1, true], [true, true],
    ['否', false], ['无', false], ['N', false], ['false', false], ['0', false], ['', false], [null, false], [0, false],
    ['也许', undefined], [2, undefined],
  ] as [unknown, boolean | undefined][])('%s → %s', (raw, out) => expect(parseYesNo(raw)).toBe(out));
});

describe('IPC symbols', () => {
  it.each([
    ['H01M 10/0525 (2006.01)', 'H01M10/0525'],
    ['H01M10/0525', 'H01M10/0525'],
    ['g06f', 'G06F'],
    ['G06F 11/30', 'G06F11/30'],
    ['G06F11', 'G06F11/00'],
    ['B64U101/30', 'B64U101/30'],
    ['Ｈ０１Ｍ１０／０５２５', 'H01M10/0525'],
    ['H01', 'H01'],
    ['H', 'H'],
    ['H01M10/', null],
    ['I01M', null],
    ['H1M', null],
    ['', null],
    [null, null],
  ] as [string | null, string | null][])('normalizeIpc(%s) = %s', (raw, out) => expect(normalizeIpc(raw)).toBe(out));

  it.each([
    ['B64U20/80;B64U101/30', ['B64U20/80', 'B64U101/30'], []],
    ['H04N7/18;G07C1/20；B64C39/02 , b64d47/08|H04N7/18', ['H04N7/18', 'G07C1/20', 'B64C39/02', 'B64D47/08'], []],
    ['A01M|G06F|H02G', ['A01M', 'G06F', 'H02G'], []],
    ['G06F40/289;坏数据;X99', ['G06F40/289'], ['坏数据', 'X99']],
    ['', [], []],
  ])('splitIpcCodes(%s)', (raw, codes, invalid) => expect(splitIpcCodes(raw)).toEqual({ codes, invalid }));

  it.each([
    ['H01M10/0525', 'H01M', 'H01M10/00', ['H', 'H01', 'H01M', 'H01M10/00', 'H01M10/0525']],
    ['H01M10/00', 'H01M', 'H01M10/00', ['H', 'H01', 'H01M', 'H01M10/00']],
    ['G06F', 'G06F', null, ['G', 'G06', 'G06F']],
    ['G06', null, null, ['G', 'G06']],
  ] as [string, string | null, string | null, string[]][])('%s: subclass %s, main group %s', (code, sub, mg, lineage) => {
    expect(ipcSubclass(code)).toBe(sub);
    expect(ipcMainGroup(code)).toBe(mg);
    expect(ipcLineage(code)).toEqual(lineage);
  });

  it('every IPC cell of the sample file normalises without loss', () => {
    for (const r of readCsv(samplePath).rows) {
      const { codes, invalid } = splitIpcCodes(r['分类号']);
      expect(invalid).toEqual([]);
      expect(codes).toContain(normalizeIpc(r['主分类号']));
    }
  });
});

describe('resolveRegion (NBS divisions seed)', () => {
  const seedDir = path.join(repoRoot, 'apps/server/seed/divisions');
  const rowsOf = (file: string, level: DivisionRow['level']): DivisionRow[] =>
    readCsv(path.join(seedDir, file)).rows.map((r) => ({ code: r.code, name: r.name, level }));
  const index = buildDivisionIndex([
    ...rowsOf('provinces-cn.csv', 'province'),
    ...rowsOf('cities-cn.csv', 'city'),
    ...rowsOf('areas-cn.csv', 'county'),
  ]);
  const r = (province: string | null, city: string | null, county: string | null, source: string) => ({
    provinceCode: province,
    cityCode: city,
    countyCode: county,
    source,
  });

  it.each([
    ['山东省泰安市泰山区东岳大街1号', null, r('37', '3709', '370902', 'address')],
    ['泰安市岱岳区粥店街道', null, r('37', '3709', '370911', 'address')],
    ['山东泰安高新区中天门大街', null, r('37', '3709', null, 'address')],
    ['北京市海淀区中关村大街1号', null, r('11', '1101', '110108', 'address')],
    ['北京市', null, r('11', '1101', null, 'address')],
    ['上海市浦东新区张江路', null, r('31', '3101', '310115', 'address')],
    ['河南省郑州市郑东新区', null, r('41', '4101', null, 'address')],
    ['450000河南省郑州市郑东新区中道东路6号创意岛大厦8层', '河南(41)', r('41', '4101', null, 'address')],
    ['中国山东省济南市历下区', null, r('37', '3701', '370102', 'address')],
    ['山东省新泰市青云街道', null, r('37', '3709', '370982', 'address')], // county-level city without its prefecture
    ['新泰市青云街道', null, r('37', '3709', '370982', 'address')], // unique county name nationwide
    ['山东省泰安市高新区，岱岳区', null, r('37', '3709', '370911', 'address')],
    ['朝阳区某路', null, r(null, null, null, 'none')], // 朝阳区: Beijing and Changchun: never guessed
    ['', '37', r('37', null, null, 'provinceCode')],
    [null, '山东;37', r('37', null, null, 'provinceCode')],
    [null, '山东', r('37', null, null, 'provinceCode')],
    ['美国加利福尼亚州', '河南(41)', r('41', null, null, 'provinceCode')],
    [null, null, r(null, null, null, 'none')],
    ['某地', '99', r(null, null, null, 'none')],
  ] as [string | null, string | null, ReturnType<typeof r>][])('%s / %s', (address, code, out) => {
    expect(resolveRegion(address, code, index)).toEqual(out);
  });

  it('names municipalities and divisions', () => {
    expect(regionName('1101', index)).toBe('北京市');
    expect(regionName('3709', index)).toBe('泰安市');
    expect(regionName('370902', index)).toBe('泰山区');
    expect(regionName('37', index)).toBe('山东省');
    expect(regionName('9999', index)).toBeNull();
  });

  it('every address of the sample file resolves to 郑州', () => {
    for (const row of readCsv(samplePath).rows) {
      const res = resolveRegion(row['申请人地址'], row['国省代码'], index);
      expect(res).toMatchObject({ provinceCode: '41', cityCode: '4101', source: 'address' });
    }
  });
});

describe('maintenanceYears', () => {
  it.each([
    ['2016-03-01', '2026-03-01', 10],
    ['2016-03-02', '2026-03-01', 9],
    ['2015-03-01', '2026-03-01', 11],
    ['2026-03-01', '2026-03-01', 0],
    ['2020-02-29', '2021-02-28', 0],
    [null, '2026-03-01', null],
  ] as [string | null, string, number | null][])('%s → %s: %s', (a, b, n) => expect(maintenanceYears(a, b)).toBe(n));
});

describe('suggestPatentMapping', () => {
  it('labels and aliases cover every import field', () => {
    for (const f of PATENT_IMPORT_FIELDS) {
      expect(PATENT_FIELD_LABELS[f]).toBeTruthy();
      expect(PATENT_FIELD_ALIASES[f].length).toBeGreaterThan(0);
    }
  });

  it('maps the 61-column header of the sample export', () => {
    const { header } = readCsv(samplePath);
    expect(header).toHaveLength(61);
    const m = suggestPatentMapping(header);
    const col = (f: PatentImportField) => (m[f] === null ? null : header[m[f]!]);
    expect({
      appNo: col('appNo'),
      appDate: col('appDate'),
      pubNo: col('pubNo'),
      pubDate: col('pubDate'),
      grantNo: col('grantNo'),
      grantDate: col('grantDate'),
      patentType: col('patentType'),
      title: col('title'),
      abstract: col('abstract'),
      applicants: col('applicants'),
      applicantAddress: col('applicantAddress'),
      provinceCode: col('provinceCode'),
      mainIpc: col('mainIpc'),
      ipcCodes: col('ipcCodes'),
      legalStatus: col('legalStatus'),
      inventors: col('inventors'),
      agency: col('agency'),
      pledgeAmount: col('pledgeAmount'),
    }).toEqual({
      appNo: '申请号',
      appDate: '申请日',
      pubNo: '公开号',
      pubDate: '公开日',
      grantNo: '授权公告号',
      grantDate: '授权公告日',
      patentType: '专利类型',
      title: '专利名称',
      abstract: '申请摘要',
      applicants: '申请人',
      applicantAddress: '申请人地址',
      provinceCode: '国省代码',
      mainIpc: '主分类号',
      ipcCodes: '分类号',
      legalStatus: '法律状态',
      inventors: '发明人',
      agency: '专利代理机构',
      pledgeAmount: null, // 质押次数 is a count, not an amount
    });
    const used = Object.values(m).filter((v) => v !== null);
    expect(new Set(used).size).toBe(used.length);
  });

  it('maps the 9,740-row data set header', () => {
    const m = suggestPatentMapping(['dataset_row', 'publication_numbers', 'patent_title', 'ipc_subclasses']);
    expect(m).toMatchObject({ pubNo: 1, title: 2, ipcCodes: 3, appNo: null, applicants: null });
  });

  it.each([
    [['公开（公告）号', '申请号 ', '名称', 'IPC主分类', 'IPC'], { pubNo: 0, appNo: 1, title: 2, mainIpc: 3, ipcCodes: 4 }],
    [['申请人地址', '申请人类型', '申请(专利权)人'], { applicantAddress: 0, applicants: 2 }],
    [['CPC分类号', '主分类号'], { mainIpc: 1, ipcCodes: null }],
    [['第一申请人名称', '当前法律状态', '质押金额（万元）', '海外同族授权'], { applicants: 0, legalStatus: 1, pledgeAmount: 2, foreignFamilyGranted: 3 }],
    [[], { appNo: null, title: null }],
  ] as [string[], Partial<Record<PatentImportField, number | null>>][])('%j', (headers, expected) => {
    expect(suggestPatentMapping(headers)).toMatchObject(expected);
  });
});
