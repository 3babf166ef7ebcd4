/**
 * Reference data of the patent database, seeded on first start (inside the seed transaction) and into the test template:
 * IPC 2026.01 Chinese titles, the 2021 SEI ↔ IPC table, the WIPO 35-field concordance, the resident population of the
 * Shandong cities that one (secondary) source gives, and — in a demo — example industry chains for 泰安.
 * Each table is filled only when it is empty, so an administrator's edits are never overwritten.
 * Sources: apps/server/seed/SOURCES.md (copies of shared/data, see shared/data/SOURCES.md §3-5 and shandong-population).
 */
import path from 'node:path';
import { seiKeywordTerms } from '@zhichan/shared';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { readCsv } from '../../seed/csv';
import { SEED_DIR } from '../../seed/regions.seed';
import { DEMO_CHAINS, DEMO_CHAIN_NOTE } from './demo-chains';

const PATENT_SEED_DIR = path.join(SEED_DIR, 'patents');

type IpcLevel = 'section' | 'class' | 'subclass' | 'mainGroup' | 'subgroup';
const IPC_LEVELS: Record<string, IpcLevel> = {
  section: 'section',
  class: 'class',
  subclass: 'subclass',
  main_group: 'mainGroup',
  mainGroup: 'mainGroup',
  subgroup: 'subgroup',
};

/** WIPO's sector names in Chinese (the concordance ships English, French and Spanish only). */
const WIPO_SECTOR_ZH: Record<string, string> = {
  'Electrical engineering': '电气工程',
  Instruments: '仪器',
  Chemistry: '化学',
  'Mechanical engineering': '机械工程',
  'Other fields': '其他领域',
};

/** WIPO's 35 technology fields in Chinese, by field number (our translation, after the usual Chinese usage in CNIPA reports). */
const WIPO_FIELD_ZH: Record<number, string> = {
  1: '电机、电气装置、电能',
  2: '视听技术',
  3: '电信',
  4: '数字通信',
  5: '基础通信程序',
  6: '计算机技术',
  7: '管理用信息技术方法',
  8: '半导体',
  9: '光学',
  10: '测量',
  11: '生物材料分析',
  12: '控制',
  13: '医疗技术',
  14: '有机精细化学',
  15: '生物技术',
  16: '医药',
  17: '高分子化学、聚合物',
  18: '食品化学',
  19: '基础材料化学',
  20: '材料、冶金',
  21: '表面技术、涂层',
  22: '微观结构和纳米技术',
  23: '化学工程',
  24: '环境技术',
  25: '装卸',
  26: '机床',
  27: '发动机、泵、涡轮机',
  28: '纺织和造纸机械',
  29: '其他专用机械',
  30: '热工过程和器具',
  31: '机械元件',
  32: '运输',
  33: '家具、游戏',
  34: '其他消费品',
  35: '土木工程',
};

/** Rows per INSERT … SELECT FROM unnest(…): one statement of 4 array parameters each (no 65k-parameter limit). */
const IPC_CHUNK = 20_000;

async function isEmpty(ex: Executor, table: 'ipcTitles' | 'seiRules' | 'wipoFields' | 'residentPopulation' | 'industryChains'): Promise<boolean> {
  const row = await ex.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
  return !row;
}

async function seedIpcTitles(ex: Executor): Promise<void> {
  const rows = readCsv(path.join(PATENT_SEED_DIR, 'ipc_2026_01_zh.csv'));
  for (let i = 0; i < rows.length; i += IPC_CHUNK) {
    const chunk = rows.slice(i, i + IPC_CHUNK);
    const codes: string[] = [];
    const levels: string[] = [];
    const titles: string[] = [];
    const parents: (string | null)[] = [];
    for (const r of chunk) {
      const level = IPC_LEVELS[r.level ?? ''];
      if (!r.code || !level) continue;
      codes.push(r.code);
      levels.push(level);
      titles.push(r.title_zh ?? '');
      parents.push(r.parent ? r.parent : null);
    }
    await sql`
      INSERT INTO ipc_titles (code, level, title_zh, parent)
      SELECT * FROM unnest(${sql.val(codes)}::text[], ${sql.val(levels)}::text[], ${sql.val(titles)}::text[], ${sql.val(parents)}::text[])
      ON CONFLICT (code) DO NOTHING`.execute(ex);
  }
}

async function seedSeiRules(ex: Executor): Promise<void> {
  const rows = readCsv(path.join(PATENT_SEED_DIR, 'sei_ipc_2021_rules.csv'));
  const list = (s: string | undefined) => (s ?? '').split('|').map((x) => x.trim()).filter(Boolean);
  await ex
    .insertInto('seiRules')
    .values(
      rows.map((r) => ({
        tableVersion: '2021',
        industryNo: r.industry_no!,
        industryName: r.industry_name!,
        branchNo: r.branch_no!,
        branchName: r.branch_name!,
        ruleIdx: Number(r.rule_idx),
        ipcPatterns: list(r.ipc_patterns),
        excludePatterns: list(r.exclude_ipc_patterns),
        keywords: r.keywords?.trim() ? r.keywords.trim() : null,
        // 参照关系表（2021）: 非空关键词须与 IPC 结合使用; the terms are our reading of the 关键词概述 (seiKeywordTerms).
        keywordTerms: seiKeywordTerms(r.keywords),
        sourcePage: r.source_pdf_page ? Number(r.source_pdf_page) : null,
      })),
    )
    .execute();
}

async function seedWipoFields(ex: Executor): Promise<void> {
  const rows = readCsv(path.join(PATENT_SEED_DIR, 'ipc_technology.csv'));
  const fields = new Map<number, { sectorEn: string; fieldEn: string; prefixes: string[] }>();
  for (const r of rows) {
    const no = Number(r.Field_number);
    if (!Number.isInteger(no) || no < 1) continue;
    const f = fields.get(no) ?? { sectorEn: r.Sector_en ?? '', fieldEn: r.Field_en ?? '', prefixes: [] };
    // The concordance's SQL LIKE patterns ('H04N   3/%') become plain prefixes ('H04N3/'): the slash stays, so main
    // group 3 does not swallow 30-39.
    const prefix = (r.IPC_code ?? '').replace(/%/g, '').replace(/\s+/g, '').toUpperCase();
    if (prefix && !f.prefixes.includes(prefix)) f.prefixes.push(prefix);
    fields.set(no, f);
  }
  await ex
    .insertInto('wipoFields')
    .values(
      [...fields.entries()].sort((a, b) => a[0] - b[0]).map(([no, f]) => ({
        fieldNo: no,
        sectorEn: f.sectorEn,
        sectorZh: WIPO_SECTOR_ZH[f.sectorEn] ?? f.sectorEn,
        fieldEn: f.fieldEn,
        fieldZh: WIPO_FIELD_ZH[no] ?? f.fieldEn,
        ipcPrefixes: f.prefixes,
      })),
    )
    .execute();
}

/**
 * Resident population from the one secondary page in seed/shandong_city_population.csv. The page labels the figures
 * “2023年常住人口”, but its province total (10162.79万, −7.22万) is Shandong's 2022 year-end figure (published in 2023), so
 * the rows are stored as year 2022 (shared/data/shandong-population/README.md). Cities without a figure (泰安 among them)
 * stay missing: they must be entered from the 统计公报, never estimated.
 */
async function seedPopulation(ex: Executor): Promise<void> {
  const rows = readCsv(path.join(SEED_DIR, 'shandong_city_population.csv'));
  const values = rows
    .filter((r) => r.resident_population_10k && Number(r.resident_population_10k) > 0)
    .map((r) => ({
      regionCode: r.region_code!,
      year: 2022,
      populationWan: Number(r.resident_population_10k),
      source: `网页转载《山东各市常住人口》（原文标注“${r.period_label_in_source || '2023年常住人口'}”，按省总数判断应为2022年末数）`,
      sourceUrl: r.source_url || null,
      note: '二手来源，待以统计公报核对',
      updatedBy: null,
    }));
  if (values.length > 0) await ex.insertInto('residentPopulation').values(values).execute();
}

async function seedDemoChains(ex: Executor): Promise<void> {
  await ex
    .insertInto('industryChains')
    .values(
      DEMO_CHAINS.map((c, i) => ({
        code: c.code,
        name: c.name,
        description: `${DEMO_CHAIN_NOTE}检索策略：${c.strategy}`,
        ipcPatterns: c.ipcPatterns,
        keywords: c.keywords,
        seiBranches: c.seiBranches,
        isDemo: true,
        enabled: true,
        sort: (i + 1) * 10,
        // Seeded before any patent exists, so there is nothing to reclassify: the chains start current.
        version: 1,
        classifiedVersion: 1,
        classifyStatus: 'current' as const,
        classifiedAt: sql<string>`now()`,
        createdBy: null,
      })),
    )
    .execute();
}

export async function seedPatentReference(ex: Executor, opts: { demo: boolean }): Promise<void> {
  if (await isEmpty(ex, 'ipcTitles')) await seedIpcTitles(ex);
  if (await isEmpty(ex, 'seiRules')) await seedSeiRules(ex);
  if (await isEmpty(ex, 'wipoFields')) await seedWipoFields(ex);
  if (await isEmpty(ex, 'residentPopulation')) await seedPopulation(ex);
  if (opts.demo && (await isEmpty(ex, 'industryChains'))) await seedDemoChains(ex);
}

/** Chinese titles for codes (any level), for presenters: Map code → title. Codes without a title are absent. */
export async function ipcTitles(ex: Executor, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes.filter(Boolean))];
  const out = new Map<string, string>();
  if (unique.length === 0) return out;
  const rows = await ex.selectFrom('ipcTitles').select(['code', 'titleZh']).where(sql<boolean>`code = ANY(${sql.val(unique)}::text[])`).execute();
  for (const r of rows) out.set(r.code, r.titleZh);
  return out;
}
