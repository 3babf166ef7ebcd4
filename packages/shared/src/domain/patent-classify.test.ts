import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  classifySei,
  ipcPatternMatches,
  matchChains,
  seiKeywordTerms,
  wipoFieldsOf,
  type ChainDefinition,
  type SeiRule,
  type WipoPrefix,
} from './patent-classify';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Minimal RFC 4180 reader for the seed CSVs (quoted cells may hold commas). */
function parseCsv(text: string): Record<string, string>[] {
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
  const [header, ...body] = rows.filter((r) => r.length > 1);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// The copy the server seeds from (identical to ../shared/data/sei-ipc-2021/sei_ipc_2021_rules.csv).
const ruleRows = parseCsv(readFileSync(path.join(repoRoot, 'apps/server/seed/patents/sei_ipc_2021_rules.csv'), 'utf8'));
const list = (s: string) => s.split('|').filter(Boolean);
const toRule = (r: Record<string, string>): SeiRule => ({
  industryNo: r.industry_no,
  branchNo: r.branch_no,
  ipcPatterns: list(r.ipc_patterns),
  excludePatterns: list(r.exclude_ipc_patterns),
  keywordTerms: seiKeywordTerms(r.keywords),
});
const allRules = ruleRows.map(toRule);
const ruleOf = (branch: string, idx: number) => toRule(ruleRows.find((r) => r.branch_no === branch && r.rule_idx === String(idx))!);

describe('ipcPatternMatches (参照关系表 semantics)', () => {
  it.each([
    // branch 1.1 rule 1: G06F11* = main group 11 and its subgroups only
    ['G06F11*', 'G06F11/30', true],
    ['G06F11*', 'G06F11/00', true],
    ['G06F11*', 'G06F110/00', false],
    ['G06F11*', 'G06F1/16', false],
    ['G06F11*', 'G06F', false], // subclass-only code: only subclass-level patterns
    ['G06F*', 'G06F1/16', true],
    ['G06F*', 'G06F', true],
    ['G06F*', 'G06Q10/06', false],
    ['G06F', 'G06F', true],
    ['G06*', 'G06F', true],
    ['H01M10/05*', 'H01M10/0525', true],
    ['H01M10/05*', 'H01M10/05', true],
    ['H01M10/05*', 'H01M10/06', false],
    ['G06F11/14', 'G06F11/14', true], // no * = exactly that group
    ['G06F11/14', 'G06F11/1402', false],
    ['G06F11/14', 'G06F11/140', false],
    ['G06F11/14', 'G06F 11/14 (2006.01)', true],
    ['G16H', 'G16H50/20', true], // written without * and group in the table (1.5 rule 7): the whole subclass
    ['H03M13', 'H03M13/09', true], // 1.3 rule 4
    ['H03M13', 'H03M1/12', false],
    ['g06f11*', 'g06f11/30', true],
    ['G06F11*', '不是分类号', false],
  ])('%s ~ %s → %s', (pattern, code, out) => expect(ipcPatternMatches(pattern, code)).toBe(out));
});

describe('seiKeywordTerms (our reading of 关键词概述)', () => {
  it.each([
    ['新型航空铝合金材料、Al-Ca、Al-In、Al-V、Al-Ca-In、铝锂合金', ['新型航空铝合金材料', 'Al-Ca', 'Al-In', 'Al-V', 'Al-Ca-In', '铝锂合金']],
    ['稀土相关关键词', ['稀土']],
    ['量子计算、量子芯片、量子测控等量子计算机相关关键词', ['量子计算', '量子芯片', '量子测控', '量子计算机']],
    ['高端路由器、单槽位处理路由器等其他计算机制造；新一代移动通信基站设备', ['高端路由器', '单槽位处理路由器', '新一代移动通信基站设备']],
    ['自动半自动电弧、等离子弧焊接机等金属切割及焊接设备制造', ['自动半自动电弧', '等离子弧焊接机', '金属切割', '焊接设备']],
    ['计算机整机制造；工业控制计算机及系统制造', ['计算机整机', '工业控制计算机']],
    ['企业对个人（B2C）电子商务服务', ['企业对个人', 'B2C', '电子商务']],
    ['产品相关关键词', []],
    ['', []],
    [null, []],
  ])('%s', (summary, terms) => expect(seiKeywordTerms(summary)).toEqual(terms));

  it('every rule of the 2021 table yields IPC patterns, and most keyword summaries yield terms', () => {
    expect(allRules).toHaveLength(303);
    expect(allRules.filter((r) => r.ipcPatterns.length === 0)).toEqual([]);
    const withSummary = ruleRows.filter((r) => r.keywords.trim() !== '');
    const emptyTerms = withSummary.filter((r) => seiKeywordTerms(r.keywords).length === 0);
    expect(emptyTerms.map((r) => `${r.branch_no}/${r.rule_idx}:${r.keywords}`)).toEqual(['2.1/11:产品相关关键词']);
  });
});

describe('classifySei on rules read from the 2021 table', () => {
  const p = (ipcCodes: string[], title: string, abstract: string | null = null) => ({ ipcCodes, title, abstract });

  it('reads the rows checked by hand', () => {
    expect(ruleOf('1.1', 1)).toEqual({
      industryNo: '1',
      branchNo: '1.1',
      ipcPatterns: ['G06F11*', 'G06F21*', 'H04L1*'],
      excludePatterns: ['G06F11/14', 'G06F11/36', 'G06F21/60', 'G06F21/62'],
      keywordTerms: ['计算机和辅助设备修理'], // the whole 国民经济行业 class name: the summary is not split on 和
    });
    expect(ruleOf('3.2', 18)).toMatchObject({ ipcPatterns: ['C22C21*'], excludePatterns: [], keywordTerms: expect.arrayContaining(['铝锂合金']) });
    expect(ruleOf('1.2', 1)).toMatchObject({ ipcPatterns: expect.arrayContaining(['C09K19/30', 'G06N10/00']), keywordTerms: [] });
    expect(ruleOf('6.3', 1)).toMatchObject({ excludePatterns: expect.arrayContaining(['F24S25/00', 'F24S25/617']), keywordTerms: [] });
  });

  it.each([
    // (a)/(b) 1.1 rule 1: G06F11*, 不含 G06F11/14; keywords 计算机和辅助设备修理
    ['1.1', 1, p(['G06F11/30'], '面向计算机和辅助设备修理的故障诊断方法'), ['1.1']],
    ['1.1', 1, p(['G06F11/14'], '面向计算机和辅助设备修理的数据备份方法'), []], // excluded group
    ['1.1', 1, p(['G06F11/14', 'G06F11/30'], '面向计算机和辅助设备修理的数据备份方法'), ['1.1']], // another code still qualifies
    ['1.1', 1, p(['G06F110/00'], '计算机和辅助设备修理'), []],
    ['1.1', 1, p(['G06F1/16'], '计算机和辅助设备修理'), []],
    ['1.1', 1, p(['G06F11/30'], '一种计算机故障诊断方法'), []], // keyword summary not met
    // (c) 3.2 rule 18: C22C21* with keywords
    ['3.2', 18, p(['C22C21/00'], '一种铝锂合金的制备方法'), ['3.2']],
    ['3.2', 18, p(['C22C21/00'], '一种铝制饭盒'), []],
    ['3.2', 18, p(['C22C21/00'], '一种铝合金', '含 al-ca 中间合金'), ['3.2']], // ASCII case, abstract
    // 1.2 rule 1: exact groups, no keyword needed
    ['1.2', 1, p(['C09K19/30'], '液晶组合物'), ['1.2']],
    ['1.2', 1, p(['C09K19/3001'], '液晶组合物'), []],
    // 6.3 rule 1: F24S25* 不含 F24S25/617
    ['6.3', 1, p(['F24S25/10'], '太阳能集热器支架'), ['6.3']],
    ['6.3', 1, p(['F24S25/617'], '太阳能集热器支架'), []],
  ] as [string, number, ReturnType<typeof p>, string[]][])('%s rule %s: %j → %j', (branch, idx, patent, out) => {
    expect(classifySei(patent, [ruleOf(branch, idx)])).toEqual(out);
  });

  it('with the whole table', () => {
    expect(classifySei(p(['C22C21/00'], '一种铝锂合金的制备方法'), allRules)).toContain('3.2');
    expect(classifySei(p(['C22C21/00'], '一种铝制饭盒'), allRules)).not.toContain('3.2');
    expect(classifySei(p(['C09K19/30'], '液晶组合物'), allRules)).toContain('1.2');
    expect(classifySei(p([], '一种铝锂合金'), allRules)).toEqual([]);
    // sorted numerically and unique
    const many = classifySei(p(['C09K19/30', 'C22C21/00', 'G06F11/30', 'G16H50/20'], '计算机和辅助设备修理 铝锂合金 人脑'), allRules);
    expect(many).toEqual([...new Set(many)]);
    expect(many).toEqual(expect.arrayContaining(['1.1', '1.2', '1.5', '3.2']));
    expect(classifySei(p(['A01B1/00'], 'x'), [{ ...allRules[0], branchNo: '1.10', ipcPatterns: ['A01B*'], keywordTerms: [] }, { ...allRules[0], branchNo: '1.9', ipcPatterns: ['A01B*'], keywordTerms: [] }])).toEqual(['1.9', '1.10']);
  });
});

describe('wipoFieldsOf', () => {
  const concordance: WipoPrefix[] = [
    { fieldNo: 1, prefix: 'H01M' },
    { fieldNo: 14, prefix: 'A61K8' },
    { fieldNo: 16, prefix: 'A61K31/' },
    { fieldNo: 2, prefix: 'H04N5/' },
    { fieldNo: 4, prefix: 'H04N21' },
  ];
  it.each([
    [['H01M10/0525'], [1]],
    [['A61K8/02'], [14]],
    [['A61K80/00'], []], // not main group 8
    [['A61K31/415', 'A61K8/02', 'H01M4/13'], [1, 14, 16]],
    [['H04N5/225', 'H04N21/00'], [2, 4]],
    [['H01M'], [1]], // subclass-only data
    [['H04N'], []], // subclass-only code, group-level prefixes: no field
    [['坏'], []],
  ])('%j → %j', (codes, out) => expect(wipoFieldsOf(codes, concordance)).toEqual(out));

  it('with the seed concordance (prefix = IPC_code without % and spaces)', () => {
    const rows = parseCsv(readFileSync(path.join(repoRoot, 'apps/server/seed/patents/ipc_technology.csv'), 'utf8'));
    const conc = rows.map((r) => ({ fieldNo: Number(r.Field_number), prefix: r.IPC_code.replace(/[%\s]/g, '') }));
    expect(wipoFieldsOf(['H01M10/0525'], conc)).toEqual([1]);
    expect(wipoFieldsOf(['A61K8/02'], conc)).toEqual([14]);
    expect(wipoFieldsOf(['A61K31/415'], conc)).toEqual([16]);
  });
});

describe('matchChains', () => {
  const chains: ChainDefinition[] = [
    { id: 1, ipcPatterns: ['H01M*'], keywords: [], seiBranches: [] }, // IPC only
    { id: 2, ipcPatterns: [], keywords: ['输变电', '特高压'], seiBranches: [] }, // keywords only
    { id: 3, ipcPatterns: ['C22C21*'], keywords: ['铝合金'], seiBranches: [] }, // both: IPC AND keyword
    { id: 4, ipcPatterns: [], keywords: [], seiBranches: ['6.3'] }, // SEI branch
    { id: 5, ipcPatterns: [], keywords: [], seiBranches: [] }, // empty: never
  ];
  const p = (ipcCodes: string[], title: string, seiBranches: string[] = [], abstract: string | null = null) => ({ ipcCodes, title, abstract, seiBranches });
  it.each([
    [p(['H01M10/0525'], '锂离子电池'), [1]],
    [p(['H02J3/00'], '一种特高压输电装置'), [2]],
    [p(['G01R31/00'], '检测装置', [], '用于输变电设备'), [2]],
    [p(['C22C21/00'], '一种铝合金型材'), [3]],
    [p(['C22C21/00'], '一种铜合金'), []],
    [p(['B21C23/00'], '一种铝合金型材'), []],
    [p(['F24S25/10'], '支架', ['6.3']), [4]],
    [p(['H01M4/13', 'C22C21/02'], '铝合金电池壳', ['6.3']), [1, 3, 4]],
    [p([], '', []), []],
  ])('%j → %j', (patent, out) => expect(matchChains(patent, chains)).toEqual(out));
});
