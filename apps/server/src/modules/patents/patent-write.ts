/**
 * The one write path of patent records, shared by the importer, the demo/synthetic generators and the reclassification:
 * normalise and validate a raw record (preparePatent), classify it (SEI 2021 table, WIPO fields, industry chains, the five
 * high-value categories), and upsert batches by patent_key in one unnest-based statement (upsertPatents).
 * Pure rules live in packages/shared/src/domain/patent-*.ts; this file only gathers the reference data they need.
 */
import path from 'node:path';
import {
  buildDivisionIndex,
  classifySei,
  highValueCategories,
  legalStatusFrom,
  matchChains,
  normalizeAppNo,
  normalizeIpc,
  normalizePubNo,
  parseDateCn,
  parseYesNo,
  patentTypeFrom,
  resolveRegion,
  searchTokens,
  splitIpcCodes,
  splitNames,
  wipoFieldsOf,
  PATENT_FIELD_LABELS,
  type ChainDefinition,
  type DivisionIndex,
  type DivisionRow,
  type LegalStatus,
  type PatentImportField,
  type PatentType,
  type SeiRule,
  type WipoPrefix,
} from '@zhichan/shared';
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database';
import type { PatentsTable } from '../../db/schema';
import type { Deps } from '../../deps';
import { chinaDate } from '../../lib/clock';
import { readCsv } from '../../seed/csv';
import { SEED_DIR } from '../../seed/regions.seed';

export type RawPatentRecord = Partial<Record<PatentImportField, string | number | Date | null>>;

export interface ClassificationContext {
  seiRules: SeiRule[];
  wipo: WipoPrefix[];
  chains: ChainDefinition[];
  /** patent_key values of the award list (高价值第五类). */
  awardKeys: Set<string>;
  pledgeThresholdWan: number;
  /** Today in China: the reference date of 维持年限 and the high-value categories. */
  asOf: string;
  divisions: DivisionIndex;
}

export type PreparedPatent = Insertable<PatentsTable>;

// ---------------------------------------------------------------------------------------------------------------
// reference data
// ---------------------------------------------------------------------------------------------------------------

let divisionCache: DivisionIndex | null = null;

/** The national division list (province → city → county) from seed/divisions/*-cn.csv, read once per process. */
export function divisionIndex(): DivisionIndex {
  if (divisionCache) return divisionCache;
  const dir = path.join(SEED_DIR, 'divisions');
  const rows: DivisionRow[] = [
    ...readCsv(path.join(dir, 'provinces-cn.csv')).map((r) => ({ code: r.code!, name: r.name!, level: 'province' as const })),
    ...readCsv(path.join(dir, 'cities-cn.csv')).map((r) => ({ code: r.code!, name: r.name!, level: 'city' as const })),
    ...readCsv(path.join(dir, 'areas-cn.csv')).map((r) => ({ code: r.code!, name: r.name!, level: 'county' as const })),
  ];
  divisionCache = buildDivisionIndex(rows);
  return divisionCache;
}

export async function loadSeiRules(ex: Executor): Promise<SeiRule[]> {
  const rows = await ex
    .selectFrom('seiRules')
    .select(['industryNo', 'branchNo', 'ipcPatterns', 'excludePatterns', 'keywordTerms'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ industryNo: r.industryNo, branchNo: r.branchNo, ipcPatterns: r.ipcPatterns, excludePatterns: r.excludePatterns, keywordTerms: r.keywordTerms }));
}

export async function loadWipoPrefixes(ex: Executor): Promise<WipoPrefix[]> {
  const rows = await ex.selectFrom('wipoFields').select(['fieldNo', 'ipcPrefixes']).orderBy('fieldNo').execute();
  return rows.flatMap((r) => r.ipcPrefixes.map((prefix) => ({ fieldNo: r.fieldNo, prefix })));
}

/** Enabled chains (a disabled chain keeps its definition but classifies nothing). */
export async function loadChainDefinitions(ex: Executor): Promise<(ChainDefinition & { version: number })[]> {
  const rows = await ex
    .selectFrom('industryChains')
    .select(['id', 'ipcPatterns', 'keywords', 'seiBranches', 'version'])
    .where('enabled', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, ipcPatterns: r.ipcPatterns, keywords: r.keywords, seiBranches: r.seiBranches, version: r.version }));
}

export async function loadClassificationContext(ex: Executor, deps: Deps): Promise<ClassificationContext> {
  const [seiRules, wipo, chains, awards] = [
    await loadSeiRules(ex),
    await loadWipoPrefixes(ex),
    await loadChainDefinitions(ex),
    await ex.selectFrom('patentAwards').select('patentKey').execute(),
  ];
  return {
    seiRules,
    wipo,
    chains: chains.map(({ version: _v, ...c }) => c),
    awardKeys: new Set(awards.map((a) => a.patentKey)),
    pledgeThresholdWan: deps.config.patentPledgeHighValueWan,
    asOf: chinaDate(deps.clock.now()),
    divisions: divisionIndex(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// classification of one record
// ---------------------------------------------------------------------------------------------------------------

export interface ClassifiableFields {
  patentKey: string;
  pubNo: string | null;
  grantNo: string | null;
  patentType: PatentType;
  legalStatus: LegalStatus;
  appDate: string | null;
  title: string;
  abstract: string | null;
  ipcCodes: string[];
  foreignFamilyGranted: boolean;
  pledgeAmountWan: number | null;
}

export interface Classification {
  seiBranches: string[];
  wipoFields: number[];
  chainIds: number[];
  hvSei: boolean;
  hvForeignFamily: boolean;
  hvOver10Years: boolean;
  hvPledge: boolean;
  hvAward: boolean;
  isHighValue: boolean;
}

/** An award recorded by 申请号/专利号 or by 公开（公告）号 both reach the patent. */
export function hasAward(p: { patentKey: string; pubNo: string | null; grantNo: string | null }, awardKeys: Set<string>): boolean {
  if (awardKeys.size === 0) return false;
  return awardKeys.has(p.patentKey) || (!!p.pubNo && awardKeys.has(`P:${p.pubNo}`)) || (!!p.grantNo && awardKeys.has(`P:${p.grantNo}`));
}

/** The patterns and exclusions of one rule under one head. */
interface HeadEntry {
  ruleNo: number;
  ipc: string[];
  excl: string[];
}
interface RuleIndex {
  rules: SeiRule[];
  /** head → the rules with a pattern or an exclusion under it, in rule order */
  byHead: Map<string, HeadEntry[]>;
  wipo: Map<string, WipoPrefix[]>;
  cache: Map<string, { sei: SeiRule[]; wipo: WipoPrefix[] }>;
}
const ruleIndexes = new WeakMap<ClassificationContext, RuleIndex>();
const CANDIDATE_CACHE_MAX = 20_000;

function patternHead(pattern: string): string {
  const p = pattern.replace(/\*$/, '').replace(/\s+/g, '').toUpperCase();
  return p.slice(0, Math.min(p.length, 4));
}

function ruleIndex(cx: ClassificationContext): RuleIndex {
  let idx = ruleIndexes.get(cx);
  if (idx) return idx;
  const wipo = new Map<string, WipoPrefix[]>();
  for (const w of cx.wipo) {
    const head = patternHead(w.prefix);
    wipo.set(head, [...(wipo.get(head) ?? []), w]);
  }
  const byHead = new Map<string, HeadEntry[]>();
  cx.seiRules.forEach((rule, ruleNo) => {
    const entryOf = (head: string): HeadEntry => {
      const list = byHead.get(head) ?? [];
      byHead.set(head, list);
      let e = list[list.length - 1];
      if (!e || e.ruleNo !== ruleNo) list.push((e = { ruleNo, ipc: [], excl: [] }));
      return e;
    };
    for (const pt of rule.ipcPatterns) entryOf(patternHead(pt)).ipc.push(pt);
    for (const pt of rule.excludePatterns) entryOf(patternHead(pt)).excl.push(pt);
  });
  idx = { rules: cx.seiRules, byHead, wipo, cache: new Map() };
  ruleIndexes.set(cx, idx);
  return idx;
}

/**
 * Candidate rules for a set of IPC heads. classifySei and wipoFieldsOf test every pattern of every rule against every code
 * (≈5 ms per patent over the 1,689 patterns of the 2021 table). A pattern can only match codes under its head
 * ('G06F11*' → 'G06F', 'B60*' → 'B60', 'A*' → 'A'), so each rule is reduced to the patterns (and exclusions) whose head is
 * one of the patent's; rules left without an IPC pattern cannot match and are dropped. Same answer, many times faster.
 * The rules are filed by head once, so a set of heads visits only its own rules; the reduced lists are cached per set of
 * heads (patents share few distinct subclass combinations).
 */
function candidates(ipcCodes: string[], idx: RuleIndex): { sei: SeiRule[]; wipo: WipoPrefix[] } {
  const heads = new Set<string>();
  for (const c of ipcCodes) for (const h of [c.slice(0, 1), c.slice(0, 3), c.slice(0, 4)]) heads.add(h);
  const key = [...heads].sort().join(',');
  const hit = idx.cache.get(key);
  if (hit) return hit;
  // Only the rules filed under one of the heads (a few of the table's hundreds), gathered per rule.
  const perRule = new Map<number, { ipcPatterns: string[]; excludePatterns: string[] }>();
  for (const h of heads) {
    for (const e of idx.byHead.get(h) ?? []) {
      let r = perRule.get(e.ruleNo);
      if (!r) perRule.set(e.ruleNo, (r = { ipcPatterns: [], excludePatterns: [] }));
      r.ipcPatterns.push(...e.ipc);
      r.excludePatterns.push(...e.excl);
    }
  }
  const sei: SeiRule[] = [];
  for (const ruleNo of [...perRule.keys()].sort((a, b) => a - b)) {
    const r = perRule.get(ruleNo)!;
    if (r.ipcPatterns.length > 0) sei.push({ ...idx.rules[ruleNo]!, ...r });
  }
  const wipo = [...heads].filter((h) => h.length === 4).flatMap((h) => idx.wipo.get(h) ?? []);
  if (idx.cache.size >= CANDIDATE_CACHE_MAX) idx.cache.clear();
  const out = { sei, wipo };
  idx.cache.set(key, out);
  return out;
}

/** SEI branches, WIPO fields, chains and the five high-value flags of one patent (used by import and reclassification alike). */
export function classifyPatent(p: ClassifiableFields, cx: ClassificationContext): Classification {
  const cand = candidates(p.ipcCodes, ruleIndex(cx));
  const seiBranches = classifySei({ ipcCodes: p.ipcCodes, title: p.title, abstract: p.abstract }, cand.sei);
  const wipoFields = wipoFieldsOf(p.ipcCodes, cand.wipo);
  const chainIds = matchChains({ ipcCodes: p.ipcCodes, title: p.title, abstract: p.abstract, seiBranches }, cx.chains);
  const hv = highValueCategories(
    {
      patentType: p.patentType,
      legalStatus: p.legalStatus,
      appDate: p.appDate,
      seiBranches,
      foreignFamilyGranted: p.foreignFamilyGranted,
      pledgeAmountWan: p.pledgeAmountWan,
      awarded: hasAward(p, cx.awardKeys),
    },
    { asOf: cx.asOf, pledgeThresholdWan: cx.pledgeThresholdWan },
  );
  return {
    seiBranches,
    wipoFields,
    chainIds,
    hvSei: hv.categories.sei,
    hvForeignFamily: hv.categories.foreignFamily,
    hvOver10Years: hv.categories.over10Years,
    hvPledge: hv.categories.pledge,
    hvAward: hv.categories.award,
    isHighValue: hv.isHighValue,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// preparePatent
// ---------------------------------------------------------------------------------------------------------------

function text(v: string | number | Date | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  return s === '' ? null : s;
}

function quote(v: string | number | Date | null | undefined): string {
  const s = v instanceof Date ? String(v) : String(v ?? '');
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** '1,200.5' | '1200万元' | 1200 → 1200 (万元); null when empty; undefined when not a number. */
function parseAmountWan(v: string | number | Date | null | undefined): number | null | undefined {
  if (v === null || v === undefined || v instanceof Date) return v instanceof Date ? undefined : null;
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  const s = v.trim().replace(/[,，\s]/g, '').replace(/万元$|万$/, '');
  if (s === '') return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** Normalises, validates and classifies one record. columnNames maps a field to the file's header text, used in error messages. */
export function preparePatent(
  raw: RawPatentRecord,
  cx: ClassificationContext,
  opts: { importJobId: number | null; dataSource: 'import' | 'demo' | 'synthetic'; columnNames?: Partial<Record<PatentImportField, string>> },
): { ok: true; row: PreparedPatent } | { ok: false; errors: { column: string | null; reason: string }[] } {
  const errors: { column: string | null; reason: string }[] = [];
  const col = (f: PatentImportField): string => opts.columnNames?.[f] ?? PATENT_FIELD_LABELS[f];

  const title = text(raw.title);
  if (!title) errors.push({ column: col('title'), reason: '专利名称为空' });

  const appRaw = text(raw.appNo);
  const app = appRaw ? normalizeAppNo(appRaw) : null;
  if (appRaw && !app) errors.push({ column: col('appNo'), reason: `申请号格式不正确：“${quote(appRaw)}”` });

  const pubRaw = text(raw.pubNo);
  const pubNo = pubRaw ? normalizePubNo(pubRaw) : null;
  if (pubRaw && !pubNo) errors.push({ column: col('pubNo'), reason: `公开（公告）号格式不正确：“${quote(pubRaw)}”` });

  const grantRaw = text(raw.grantNo);
  const grantNo = grantRaw ? normalizePubNo(grantRaw) : null;
  if (grantRaw && !grantNo) errors.push({ column: col('grantNo'), reason: `授权公告号格式不正确：“${quote(grantRaw)}”` });

  if (!appRaw && !pubRaw) errors.push({ column: null, reason: '既无申请号也无公开（公告）号' });

  const date = (f: 'appDate' | 'pubDate' | 'grantDate', label: string): string | null => {
    const v = raw[f];
    const d = parseDateCn(v ?? null);
    if (d === undefined) {
      errors.push({ column: col(f), reason: `${label}不是有效日期：“${quote(v)}”` });
      return null;
    }
    return d;
  };
  const appDate = date('appDate', '申请日');
  const pubDate = date('pubDate', '公开（公告）日');
  // 授权公告日 is kept as a fact; it sets neither the legal status nor anything else by itself (a granted patent may have lapsed).
  const grantDate = date('grantDate', '授权公告日');

  const patentType = patentTypeFrom(text(raw.patentType), app?.display ?? null, pubNo ?? grantNo);
  if (!patentType && (app || pubNo)) errors.push({ column: col('patentType'), reason: '无法确定专利类型' });

  // IPC: the main code first, then the others; invalid codes are dropped as long as a valid one remains.
  const mainRaw = text(raw.mainIpc);
  const mainNorm = mainRaw ? splitIpcCodes(mainRaw) : { codes: [], invalid: [] };
  const ipcRaw = text(raw.ipcCodes);
  const others = ipcRaw ? splitIpcCodes(ipcRaw) : { codes: [], invalid: [] };
  const ipcCodes = [...new Set([...mainNorm.codes, ...others.codes])];
  const mainIpc = mainNorm.codes[0] ?? ipcCodes[0] ?? null;
  if (ipcCodes.length === 0 && (mainNorm.invalid.length > 0 || others.invalid.length > 0)) {
    const bad = [...mainNorm.invalid, ...others.invalid].join('；');
    errors.push({ column: others.invalid.length > 0 ? col('ipcCodes') : col('mainIpc'), reason: `分类号 "${quote(bad)}" 无法识别` });
  }

  const ff = raw.foreignFamilyGranted === undefined || raw.foreignFamilyGranted === null ? false : parseYesNo(raw.foreignFamilyGranted);
  if (ff === undefined) errors.push({ column: col('foreignFamilyGranted'), reason: `海外同族授权应填“是”或“否”：“${quote(raw.foreignFamilyGranted)}”` });
  const pledge = parseAmountWan(raw.pledgeAmount);
  if (pledge === undefined) errors.push({ column: col('pledgeAmount'), reason: `质押金额不是有效数字（万元）：“${quote(raw.pledgeAmount)}”` });

  if (errors.length > 0 || !title || !patentType) return { ok: false, errors };

  const patentKey = app ? app.key : `P:${pubNo!}`;
  const legalStatusRaw = text(raw.legalStatus);
  const legalStatus = legalStatusFrom(legalStatusRaw);
  const applicants = splitNames(text(raw.applicants));
  const applicantAddress = text(raw.applicantAddress);
  const provinceCodeRaw = text(raw.provinceCode);
  const region = resolveRegion(applicantAddress, provinceCodeRaw, cx.divisions);
  const abstract = text(raw.abstract);
  const foreignFamilyGranted = ff ?? false;
  const pledgeAmountWan = pledge ?? null;

  const cls = classifyPatent(
    { patentKey, pubNo, grantNo, patentType, legalStatus, appDate, title, abstract, ipcCodes, foreignFamilyGranted, pledgeAmountWan },
    cx,
  );

  return {
    ok: true,
    row: {
      patentKey,
      appNo: app?.display ?? null,
      pubNo,
      grantNo,
      appDate,
      pubDate,
      grantDate,
      patentType,
      title,
      abstract,
      applicants,
      firstApplicant: applicants[0] ?? null,
      applicantAddress,
      inventors: splitNames(text(raw.inventors)),
      agency: text(raw.agency),
      provinceCodeRaw,
      provinceCode: region.provinceCode,
      cityCode: region.cityCode,
      countyCode: region.countyCode,
      regionSource: region.source,
      legalStatus,
      legalStatusRaw,
      mainIpc: mainIpc ? normalizeIpc(mainIpc) : null,
      ipcCodes,
      ...cls,
      foreignFamilyGranted,
      pledgeAmountWan,
      searchTokens: searchTokens([title, abstract, applicants.join(' ')]),
      dataSource: opts.dataSource,
      importJobId: opts.importJobId,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// upsertPatents
// ---------------------------------------------------------------------------------------------------------------

/**
 * A PostgreSQL array literal ('{"a","b\"c"}') for one row's array column. unnest() over a two-dimensional array would
 * flatten it, so per-row arrays travel as literals in a text[] and are cast back (u.applicants::text[]).
 */
export function pgArrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** Upserted columns, in order: [property, SQL column, kind (element type of the unnest parameter and the cast back)]. */
const COLUMNS: [keyof PreparedPatent & string, string, 'text' | 'date' | 'bool' | 'int' | 'numeric' | 'textArr' | 'intArr'][] = [
  ['patentKey', 'patent_key', 'text'],
  ['appNo', 'app_no', 'text'],
  ['pubNo', 'pub_no', 'text'],
  ['grantNo', 'grant_no', 'text'],
  ['appDate', 'app_date', 'date'],
  ['pubDate', 'pub_date', 'date'],
  ['grantDate', 'grant_date', 'date'],
  ['patentType', 'patent_type', 'text'],
  ['title', 'title', 'text'],
  ['abstract', 'abstract', 'text'],
  ['applicants', 'applicants', 'textArr'],
  ['firstApplicant', 'first_applicant', 'text'],
  ['applicantAddress', 'applicant_address', 'text'],
  ['inventors', 'inventors', 'textArr'],
  ['agency', 'agency', 'text'],
  ['provinceCodeRaw', 'province_code_raw', 'text'],
  ['provinceCode', 'province_code', 'text'],
  ['cityCode', 'city_code', 'text'],
  ['countyCode', 'county_code', 'text'],
  ['regionSource', 'region_source', 'text'],
  ['legalStatus', 'legal_status', 'text'],
  ['legalStatusRaw', 'legal_status_raw', 'text'],
  ['mainIpc', 'main_ipc', 'text'],
  ['ipcCodes', 'ipc_codes', 'textArr'],
  ['seiBranches', 'sei_branches', 'textArr'],
  ['wipoFields', 'wipo_fields', 'intArr'],
  ['chainIds', 'chain_ids', 'intArr'],
  ['foreignFamilyGranted', 'foreign_family_granted', 'bool'],
  ['pledgeAmountWan', 'pledge_amount_wan', 'numeric'],
  ['hvSei', 'hv_sei', 'bool'],
  ['hvForeignFamily', 'hv_foreign_family', 'bool'],
  ['hvOver10Years', 'hv_over10_years', 'bool'],
  ['hvPledge', 'hv_pledge', 'bool'],
  ['hvAward', 'hv_award', 'bool'],
  ['isHighValue', 'is_high_value', 'bool'],
  ['searchTokens', 'search_tokens', 'textArr'],
  ['dataSource', 'data_source', 'text'],
  ['importJobId', 'import_job_id', 'int'],
];

/** SQL type of each kind in json_to_recordset's column list. */
const SQL_TYPE = { text: 'text', date: 'date', bool: 'boolean', int: 'int', numeric: 'numeric', textArr: 'text[]', intArr: 'int[]' } as const;
const DEFAULTS: Partial<Record<string, unknown>> = { regionSource: 'none', dataSource: 'import', foreignFamilyGranted: false };

function cell(row: PreparedPatent, key: string, kind: (typeof COLUMNS)[number][2]): unknown {
  const v = (row as Record<string, unknown>)[key] ?? DEFAULTS[key];
  if (kind === 'textArr' || kind === 'intArr') return v ?? [];
  if (kind === 'bool') return v === undefined || v === null ? false : Boolean(v);
  if (kind === 'numeric') return v === undefined || v === null ? null : String(v);
  return v === undefined ? null : v;
}

/** Lone surrogates replaced by U+FFFD (String.prototype.toWellFormed, Node 20; not in the ES2022 typings). */
const wellFormed = (s: string): string => (s as string & { toWellFormed(): string }).toWellFormed();

/**
 * The batch as one JSON text: [{"patent_key": …, "applicants": ["…"], …}, …]. JSON.stringify is native and the driver
 * sends a string parameter as it is, whereas arrays of array literals were escaped twice in JavaScript (once per row,
 * once by the driver), which cost more than the statement itself. A lone UTF-16 surrogate (never produced by the CSV
 * decoder, possible in an XLSX string) is escaped by JSON.stringify and PostgreSQL refuses that escape: such a batch is
 * encoded again with the surrogate replaced by U+FFFD, which is what the driver's UTF-8 encoding did before.
 */
function batchJson(batch: PreparedPatent[]): string {
  const objects = (fix: ((s: string) => string) | null) =>
    batch.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [key, col, kind] of COLUMNS) {
        const v = cell(r, key, kind);
        if (fix === null) o[col] = v;
        else o[col] = typeof v === 'string' ? fix(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? fix(x) : x)) : v;
      }
      return o;
    });
  const json = JSON.stringify(objects(null));
  return /\\u[dD][89a-fA-F]/.test(json) ? JSON.stringify(objects(wellFormed)) : json;
}

/**
 * A batch as the one JSON parameter of upsertPatentsJson; within a batch the last duplicate of a patent_key wins (at the
 * position of its last occurrence). Null for an empty batch. Pure: the import's worker thread builds it.
 */
export function patentBatchJson(rows: PreparedPatent[]): string | null {
  if (rows.length === 0) return null;
  const byKey = new Map<string, PreparedPatent>();
  for (const r of rows) {
    byKey.delete(r.patentKey); // keep the last occurrence's position as well as its content
    byKey.set(r.patentKey, r);
  }
  return batchJson([...byKey.values()]);
}

/**
 * Upsert by patent_key: one INSERT … SELECT FROM json_to_recordset(…) ON CONFLICT DO UPDATE per call (one parameter,
 * whatever the batch size, so no parameter limit). Existing rows get every column replaced except id and created_at.
 * `xmax = 0` tells a fresh insert from an update on PostgreSQL 15 and PGlite alike.
 */
export async function upsertPatents(ex: Executor, rows: PreparedPatent[]): Promise<{ inserted: number; updated: number }> {
  const json = patentBatchJson(rows);
  return json === null ? { inserted: 0, updated: 0 } : upsertPatentsJson(ex, json);
}

/** upsertPatents of a batch already turned into JSON by patentBatchJson. */
export async function upsertPatentsJson(ex: Executor, json: string): Promise<{ inserted: number; updated: number }> {
  const colList = sql.raw(COLUMNS.map(([, c]) => c).join(', '));
  const recordDef = sql.raw(COLUMNS.map(([, c, kind]) => `${c} ${SQL_TYPE[kind]}`).join(', '));
  const updateList = sql.raw(
    COLUMNS.filter(([, c]) => c !== 'patent_key')
      .map(([, c]) => `${c} = EXCLUDED.${c}`)
      .concat('updated_at = now()')
      .join(', '),
  );
  const result = await sql<{ inserted: boolean }>`
    INSERT INTO patents (${colList})
    SELECT ${colList} FROM json_to_recordset(${json}::json) AS u(${recordDef})
    ON CONFLICT (patent_key) DO UPDATE SET ${updateList}
    RETURNING (xmax = 0) AS inserted`.execute(ex);
  let inserted = 0;
  for (const r of result.rows) if (r.inserted) inserted++;
  return { inserted, updated: result.rows.length - inserted };
}
