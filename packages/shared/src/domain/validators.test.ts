import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  checkResidentIdNo,
  checkUscc,
  isLandline,
  isMobile,
  isOrganizationCode,
  isProvinceCode,
  isRegionCode,
  isResidentIdNo,
  isUscc,
  normalizeRegionCode,
  normalizeResidentIdNo,
  regionAncestors,
  regionLevel,
  residentIdCheckChar,
  usccCheckChar,
} from './validators';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Public codes of well-known organisations. Each passes BOTH the GB 32100 mod-31 check character and the
  // independent GB 11714 mod-11 check of the embedded organisation code (positions 9–17), which a mistyped code
  // passes by chance with probability about 1/341; several also appear in public code next to the company name.
  it.each([
    ['91350100M000100Y43', 'example verified in user-expectations.md §5.3'],
    ['914403001922038216', '华为技术有限公司'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
    ['91330100799655058B', '阿里巴巴（中国）有限公司'],
    ['91520000214434146R', '贵州茅台酒股份有限公司'],
    ['91440300192317458F', '比亚迪股份有限公司'],
    ['91110108551385082Q', '小米科技有限责任公司'],
    ['91110105592343655N', '北京字节跳动科技有限公司'],
  ])('%s (%s) is valid', (code) => {
    expect(isUscc(code)).toBe(true);
    const r = checkUscc(code);
    expect(r.ok).toBe(true);
    expect(r.organizationCodeCheckOk).toBe(true);
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['914403001922038217', 'checkChar', 'wrong check character (should be 6)'],
    ['91350100M000100Y44', 'checkChar', 'wrong check character (should be 3)'],
    ['91350100M000100Y4X', 'checkChar', 'X is a code character but not the right one'],
    ['91440300708461136t', 'format', 'lower-case letter'],
    ['91350100m000100y43', 'format', 'lower-case letters'],
    ['91350100I000100Y43', 'format', 'I is not a code character'],
    ['91350100O000100Y43', 'format', 'O is not a code character'],
    ['91350100Z000100Y43', 'format', 'Z is not a code character'],
    ['91350100S000100Y43', 'format', 'S is not a code character'],
    ['91350100V000100Y43', 'format', 'V is not a code character'],
    ['91A40300192203821E', 'format', 'letter in positions 3–8 (check character itself is right)'],
    ['91440300192203821', 'format', '17 characters'],
    ['9144030019220382160', 'format', '19 characters'],
    [' 914403001922038216', 'format', 'leading space'],
    ['', 'format', 'empty'],
  ])('%s is invalid: %s (%s)', (code, problem) => {
    expect(isUscc(code)).toBe(false);
    expect(checkUscc(code)).toMatchObject({ ok: false, problem });
    expect(checkUscc(code).message).toMatch(/统一社会信用代码/);
  });

  it('decodes the parts of a valid code', () => {
    expect(checkUscc('914403001922038216')).toEqual({
      ok: true,
      registrationAuthority: '9',
      organizationType: '1',
      regionCode: '440300',
      organizationCode: '192203821',
      organizationCodeCheckOk: true,
    });
  });

  it.each([
    ['192203821', true],
    ['M000100Y4', true],
    ['192203822', false],
    ['D2143569X', true], // the classic example code
    ['D21435690', false],
  ])('isOrganizationCode(%s) = %s (GB 11714)', (code, expected) => {
    expect(isOrganizationCode(code)).toBe(expected);
  });
});

describe('居民身份证号码 (GB 11643-1999)', () => {
  // 11010519491231002X is the standard's example. Hand check: Σ = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9
  // +3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → 'X'. The others were built for the test and their check
  // characters computed with a separate script and cross-checked with residentIdCheckChar.
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['53010219200508011X', '1920-05-08', 'male'],
    ['370902199003071231', '1990-03-07', 'male'],
    ['370983200002290049', '2000-02-29', 'female'],
    ['370902198506155619', '1985-06-15', 'male'],
    ['650101199912319991', '1999-12-31', 'male'],
    ['450105200808080021', '2008-08-08', 'female'],
    ['370902190001011234', '1900-01-01', 'male'],
    ['81000019700101001X', '1970-01-01', 'male'],
  ])('%s is valid (born %s, %s)', (id, birthDate, sex) => {
    expect(isResidentIdNo(id)).toBe(true);
    expect(checkResidentIdNo(id)).toMatchObject({ ok: true, birthDate, sex, provinceCode: id.slice(0, 2) });
  });

  it.each([
    ['11010519491231002x', 'format', 'lower-case x is rejected unless normalised first'],
    ['110105194912310021', 'checkChar', 'wrong check character'],
    ['370902199003071232', 'checkChar', 'wrong check character'],
    ['440524188001015368', 'birthDate', 'check character right, but born 1880 (before 1900)'],
    ['37090218991231123X', 'birthDate', 'check character right, born 1899-12-31'],
    ['370902199002301234', 'birthDate', 'check character right, 1990-02-30 does not exist'],
    ['370902190013011231', 'birthDate', 'check character right, month 13'],
    ['990101199001011230', 'province', 'check character right, province 99 does not exist'],
    ['200101199001011239', 'province', 'check character right, province 20 does not exist'],
    ['110105491231002', 'format', '15-digit (first-generation) numbers are not accepted'],
    ['11010519491231002XX', 'format', '19 characters'],
    ['1101051949123100 2X', 'format', 'inner space'],
    ['', 'format', 'empty'],
  ])('%s is invalid: %s (%s)', (id, problem) => {
    expect(isResidentIdNo(id)).toBe(false);
    expect(checkResidentIdNo(id)).toMatchObject({ ok: false, problem });
  });

  it.each([
    [' 11010519491231002x ', '11010519491231002X'],
    ['110105 19491231 002x', '11010519491231002X'],
  ])('normalizeResidentIdNo(%j) = %s, which then validates', (input, expected) => {
    expect(normalizeResidentIdNo(input)).toBe(expected);
    expect(isResidentIdNo(normalizeResidentIdNo(input))).toBe(true);
  });

  it.each([
    ['2008-08-07', false],
    ['2008-08-08', true],
    ['2026-01-01', true],
  ])('birth date 2008-08-08 checked against today = %s → %s', (today, expected) => {
    expect(isResidentIdNo('450105200808080021', { today })).toBe(expected);
  });

  it('residentIdCheckChar', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('1101051949123100')).toBeUndefined();
  });

  it.each([
    ['11', true],
    ['37', true],
    ['46', true],
    ['71', true],
    ['83', true],
    ['16', false],
    ['38', false],
    ['47', false],
    ['55', false],
    ['66', false],
    ['72', false],
    ['84', false],
    ['91', false],
  ])('isProvinceCode(%s) = %s', (code, expected) => {
    expect(isProvinceCode(code)).toBe(expected);
  });
});

describe('telephone numbers', () => {
  it.each([
    ['13812341234', true],
    ['19912345678', true],
    ['16612345678', true],
    ['12812341234', false], // second digit 2
    ['10086123456', false],
    ['1381234123', false], // 10 digits
    ['138123412345', false], // 12 digits
    ['+8613812341234', false],
    ['138-1234-1234', false],
    ['', false],
  ])('isMobile(%j) = %s', (s, expected) => {
    expect(isMobile(s)).toBe(expected);
  });

  it.each([
    ['0538-8221234', true], // 泰安, 7-digit local number
    ['05388221234', true],
    ['0538-82212345', true], // 8-digit local number
    ['(0538)8221234', true],
    ['0536 8221234', true], // 潍坊
    ['010-65123456', true], // 北京, 8 digits
    ['01065123456', true],
    ['021-61234567', true],
    ['0538-8221234-801', true], // extension
    ['0538-8221234转801', true],
    ['010-6512345', false], // 010 takes 8 digits
    ['0538-0221234', false], // local number starts with 0
    ['0538-1221234', false], // local number starts with 1
    ['0538-822123', false], // 6 digits
    ['0538-822123456', false], // 9 digits
    ['0138-8221234', false], // no 01x area code other than 010
    ['538-8221234', false],
    ['13812341234', false],
    ['', false],
  ])('isLandline(%j) = %s', (s, expected) => {
    expect(isLandline(s)).toBe(expected);
  });
});

describe('region codes (行政区划代码)', () => {
  it.each([
    ['37', 'province', []],
    ['3709', 'city', ['37']],
    ['370902', 'county', ['37', '3709']],
    ['370902001', 'township', ['37', '3709', '370902']],
    ['370902001001', 'village', ['37', '3709', '370902', '370902001']],
    ['1101', 'city', ['11']], // 北京 市辖区
    ['429004', 'county', ['42', '4290']], // 仙桃市 (省直辖县级行政区划)
    ['441900003', 'township', ['44', '4419', '441900']], // 东莞 has no counties: county segment 00
    ['8100', undefined, []],
  ] as [string, string | undefined, string[]][])('%s: level %s, ancestors %j', (code, level, ancestors) => {
    expect(regionLevel(code)).toBe(level);
    expect(regionAncestors(code)).toEqual(ancestors);
  });

  it.each([
    ['37', true],
    ['3709', true],
    ['370983', true],
    ['370983001', true],
    ['81', true],
    ['3', false],
    ['370', false], // 3 digits
    ['37090', false],
    ['3709020', false],
    ['99', false], // no such province
    ['3809', false],
    ['3700', false], // padded province
    ['370900', false], // padded city: use '3709'
    ['370902000', false],
    ['370902001000', false],
    ['370002', false], // city segment 00
    ['37a9', false],
    ['', false],
  ])('isRegionCode(%j) = %s', (code, expected) => {
    expect(isRegionCode(code)).toBe(expected);
  });

  it.each([
    ['370000', '37'],
    ['370900', '3709'],
    ['370902', '370902'],
    ['370902000000', '370902'],
    ['370902001000', '370902001'],
    ['37', '37'],
    ['37090', undefined],
  ] as [string, string | undefined][])('normalizeRegionCode(%s) = %s', (code, expected) => {
    expect(normalizeRegionCode(code)).toBe(expected);
  });

  const seedDir = fileURLToPath(new URL('../../../../apps/server/seed/divisions/', import.meta.url));
  const codesOf = (file: string): string[] =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);

  it('accepts every Shandong code in the seed (NBS 2023: 16 cities, 151 counties, 1853 townships)', () => {
    const codes = ['cities-37.csv', 'areas-37.csv', 'streets-37.csv'].flatMap((f) => codesOf(seedDir + f));
    expect(codes.length).toBe(16 + 151 + 1853);
    expect(codes.filter((c) => !isRegionCode(c))).toEqual([]);
    // each code's ancestors are in the data set as well
    const known = new Set(['37', ...codes]);
    expect(codes.filter((c) => regionAncestors(c).some((a) => !known.has(a)))).toEqual([]);
  });

  // The national data set lives outside the repository (../shared/data); run when it is there.
  const nationalDir = fileURLToPath(new URL('../../../../../shared/data/admin-divisions-cn/', import.meta.url));
  it.skipIf(!existsSync(nationalDir))('accepts every national code except the NBS placeholders', () => {
    const codes = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'].flatMap((f) =>
      codesOf(nationalDir + f).map((c) => c.replace(/"/g, '')),
    );
    expect(codes.length).toBeGreaterThan(44_000);
    // 441900/442000/460400 stand for the county level of 东莞/中山/儋州 (cities without counties) and 350527000 for
    // 金门县 (no townships): padded codes of the parent, which this project writes as 4419, 4420, 4604, 350527.
    expect(codes.filter((c) => !isRegionCode(c)).sort()).toEqual(['350527000', '441900', '442000', '460400']);
  });
});

describe('checkPassword (等保 2.0 口令复杂度)', () => {
  const TOO_SHORT = '密码长度不能少于 8 位';
  const TOO_LONG = '密码长度不能超过 64 位';
  const CLASSES = '密码须包含大写字母、小写字母、数字、特殊符号中的至少 3 类';
  const HAS_USER = '密码不能包含用户名';

  it.each([
    ['Taian2024', undefined, []],
    ['taian#2024', undefined, []],
    ['TAIAN#2024', undefined, []],
    ['Ta#ian!Ta', undefined, []],
    ['Aa1!Aa1!', undefined, []], // exactly 8
    ['Aa1' + 'x'.repeat(61), undefined, []], // exactly 64
    ['泰安Taian2024', undefined, []], // non-ASCII characters count as symbols
    ['Aa1!', undefined, [TOO_SHORT]],
    ['Aa1' + 'x'.repeat(62), undefined, [TOO_LONG]],
    ['taian2024', undefined, [CLASSES]],
    ['TaianTaian', undefined, [CLASSES]],
    ['12345678', undefined, [CLASSES]],
    ['abc', undefined, [TOO_SHORT, CLASSES]],
    ['', undefined, [TOO_SHORT, CLASSES]],
    ['Zhangsan@2024', 'zhangsan', [HAS_USER]],
    ['ZHANGSAN@2024', 'zhangsan', [HAS_USER]],
    ['Zs@2024abc', 'zhangsan', []],
    ['zhangsan', 'zhangsan', [CLASSES, HAS_USER]],
    ['Taian2024', '', []],
  ] as [string, string | undefined, string[]][])('checkPassword(%j, username %j) → %j', (password, username, problems) => {
    expect(checkPassword(password, { username })).toEqual({ ok: problems.length === 0, problems });
  });

  it('works without options', () => {
    expect(checkPassword('Taian2024').ok).toBe(true);
  });
});
