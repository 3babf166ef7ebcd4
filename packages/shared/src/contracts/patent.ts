import { z } from 'zod';

/**
 * Patent information database (issue 5): the HTTP contract shared by server and web.
 * Inputs are zod schemas (validation + types); outputs are plain interfaces (the server builds them in presenters).
 */

export const PATENT_TYPES = ['invention', 'utilityModel', 'design'] as const;
export type PatentTypeCode = (typeof PATENT_TYPES)[number];
export const PATENT_TYPE_LABELS: Record<PatentTypeCode, string> = { invention: '发明', utilityModel: '实用新型', design: '外观设计' };

export const LEGAL_STATUSES = ['valid', 'invalid', 'pending', 'unknown'] as const;
export type LegalStatusCode = (typeof LEGAL_STATUSES)[number];
export const LEGAL_STATUS_LABELS: Record<LegalStatusCode, string> = { valid: '有效', invalid: '失效', pending: '审中', unknown: '未知' };

/** CNIPA's five categories of 高价值发明专利 (legal-rules.md §2.1), in the official order. */
export const HIGH_VALUE_CATEGORIES = ['sei', 'foreignFamily', 'over10Years', 'pledge', 'award'] as const;
export type HighValueCategory = (typeof HIGH_VALUE_CATEGORIES)[number];
export const HIGH_VALUE_CATEGORY_LABELS: Record<HighValueCategory, string> = {
  sei: '战略性新兴产业的发明专利',
  foreignFamily: '在海外有同族专利权的发明专利',
  over10Years: '维持年限超过10年的发明专利',
  pledge: '实现较高质押融资金额的发明专利',
  award: '获得国家科学技术奖或中国专利奖的发明专利',
};

export const KPI_HIGH_VALUE_PER_10K = 'highValueInventionsPer10k';

// ---------------------------------------------------------------- filters shared by list, search and dashboards
const csvList = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/**
 * Query-string filters every patent list, search, dashboard widget and export accepts.
 * region: '' or absent = the whole city (config CITY_REGION_CODE); a 4-digit city or 6-digit county code otherwise.
 */
export const PatentFilterQuery = z.object({
  chainId: z.coerce.number().int().min(0).optional(),
  region: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '地区代码应为 2、4 或 6 位数字').optional(),
  type: csvList.pipe(z.array(z.enum(PATENT_TYPES))).optional(),
  status: csvList.pipe(z.array(z.enum(LEGAL_STATUSES))).optional(),
  yearFrom: z.coerce.number().int().min(1985).max(2100).optional(),
  yearTo: z.coerce.number().int().min(1985).max(2100).optional(),
  applicant: z.string().trim().min(1).max(200).optional(),
  seiBranch: z.string().regex(/^\d\.\d{1,2}$/).optional(),
  ipc: z.string().trim().regex(/^[A-H](\d{2}([A-Z](\d{1,4}(\/\d{1,6})?)?)?)?$/i, 'IPC 分类号格式不正确').optional(),
  highValue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  hvCategory: z.enum(HIGH_VALUE_CATEGORIES).optional(),
});
export type PatentFilter = z.infer<typeof PatentFilterQuery>;

export const PatentSearchQuery = PatentFilterQuery.extend({
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['relevance', 'appDateDesc', 'appDateAsc', 'grantDateDesc']).default('relevance'),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PatentSearchInput = z.infer<typeof PatentSearchQuery>;

// ---------------------------------------------------------------- list / detail
/** A piece of highlighted text: `hit` marks the parts that match the query. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

export interface IpcLabel {
  code: string;
  titleZh: string | null;
}

export interface PatentListItemDto {
  id: number;
  appNo: string | null;
  pubNo: string | null;
  appDate: string | null;
  grantDate: string | null;
  patentType: PatentTypeCode;
  legalStatus: LegalStatusCode;
  title: string;
  titleSegments: TextSegment[];
  /** Up to ~120 characters of the abstract around the first hit, highlighted; null when no abstract. */
  abstractSnippet: TextSegment[] | null;
  applicants: string[];
  countyName: string | null;
  mainIpc: IpcLabel | null;
  chainNames: string[];
  isHighValue: boolean;
  dataSource: 'import' | 'demo' | 'synthetic';
}

export interface PatentSearchResultDto {
  items: PatentListItemDto[];
  /** Exact up to 10,000; above that `totalCapped` is true and total is 10,000 (显示“1 万条以上”). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  tookMs: number;
}

export interface PatentDetailDto {
  id: number;
  patentKey: string;
  appNo: string | null;
  pubNo: string | null;
  grantNo: string | null;
  appDate: string | null;
  pubDate: string | null;
  grantDate: string | null;
  patentType: PatentTypeCode;
  title: string;
  abstract: string | null;
  applicants: string[];
  applicantAddress: string | null;
  inventors: string[];
  agency: string | null;
  region: { provinceCode: string | null; cityCode: string | null; countyCode: string | null; name: string | null; source: 'address' | 'provinceCode' | 'none' };
  legalStatus: LegalStatusCode;
  legalStatusRaw: string | null;
  /** Whole years from the filing date to today (维持年限), null without a filing date. */
  maintenanceYears: number | null;
  mainIpc: IpcLabel | null;
  ipcCodes: IpcLabel[];
  seiBranches: { branchNo: string; branchName: string; industryName: string }[];
  wipoFields: { fieldNo: number; fieldZh: string; sectorZh: string }[];
  chains: { id: number; name: string; isDemo: boolean }[];
  foreignFamilyGranted: boolean;
  pledgeAmountWan: number | null;
  awards: { award: 'nationalSciTech' | 'chinaPatentAward'; awardYear: number; awardLevel: string | null }[];
  highValue: { isHighValue: boolean; categories: Record<HighValueCategory, boolean>; reasonIfNot: string | null };
  dataSource: 'import' | 'demo' | 'synthetic';
  importJobId: number | null;
  updatedAt: string;
}

export interface ApplicantProfileDto {
  name: string;
  total: number;
  byType: Record<PatentTypeCode, number>;
  byStatus: Record<LegalStatusCode, number>;
  validInventions: number;
  highValue: number;
  trend: { year: number; applications: number; grants: number }[];
  topIpc: { subclass: string; titleZh: string | null; n: number }[];
  chains: { chainId: number; name: string; n: number }[];
  coApplicants: { name: string; n: number }[];
  countyName: string | null;
}

// ---------------------------------------------------------------- import
/** The fields of the common Chinese export layout the importer understands. */
export const PATENT_IMPORT_FIELDS = [
  'appNo', 'appDate', 'pubNo', 'pubDate', 'grantNo', 'grantDate', 'patentType', 'title', 'abstract', 'applicants',
  'applicantAddress', 'provinceCode', 'mainIpc', 'ipcCodes', 'legalStatus', 'inventors', 'agency',
  'foreignFamilyGranted', 'pledgeAmount',
] as const;
export type PatentImportField = (typeof PATENT_IMPORT_FIELDS)[number];

/** field → 0-based column index in the file, or null when the file has no such column. */
export const PatentImportMapping = z.record(z.enum(PATENT_IMPORT_FIELDS), z.number().int().min(0).max(500).nullable());
export type PatentImportMappingInput = z.infer<typeof PatentImportMapping>;

export const StartPatentImportInput = z.object({
  mapping: PatentImportMapping,
  version: z.number().int().optional(),
});

export interface PatentImportJobDto {
  id: number;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  status: 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  headers: string[];
  mapping: Partial<Record<PatentImportField, number | null>> | null;
  /** Suggested mapping from the header names (only while status is uploaded). */
  suggestedMapping: Partial<Record<PatentImportField, number | null>> | null;
  /** First rows as read (only while status is uploaded), for the user to check the mapping. */
  preview: string[][] | null;
  totalBytes: number;
  processedBytes: number;
  /** 0-100 */
  percent: number;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsFailed: number;
  hasErrorReport: boolean;
  message: string | null;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  abilities: { start: boolean; cancel: boolean };
}

// ---------------------------------------------------------------- chains and reference data
export const IndustryChainInput = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/, '代码为 2-40 位小写字母、数字或连字符，以字母开头'),
  name: z.string().trim().min(2).max(40),
  description: z.string().trim().max(2000).nullable().optional(),
  ipcPatterns: z.array(z.string().trim().regex(/^[A-H](\d{2}([A-Z](\d{1,4}(\/\d{1,6})?)?)?)?\*?$/, 'IPC 式样格式不正确，如 H01M* 或 H01M10/0525')).max(500),
  keywords: z.array(z.string().trim().min(2).max(40)).max(200),
  seiBranches: z.array(z.string().regex(/^\d\.\d{1,2}$/)).max(40),
  enabled: z.boolean().default(true),
  sort: z.number().int().min(0).max(9999).default(0),
});
export const UpdateIndustryChainInput = IndustryChainInput.extend({ version: z.number().int() });

export interface IndustryChainDto {
  id: number;
  code: string;
  name: string;
  description: string | null;
  ipcPatterns: IpcLabel[];
  keywords: string[];
  seiBranches: { branchNo: string; branchName: string }[];
  isDemo: boolean;
  enabled: boolean;
  sort: number;
  version: number;
  classifyStatus: 'pending' | 'running' | 'current' | 'failed';
  classifiedAt: string | null;
  patentCount: number;
  highValueCount: number;
}

export const PopulationInput = z.object({
  regionCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '地区代码应为 2、4 或 6 位数字'),
  year: z.number().int().min(2000).max(2100),
  populationWan: z.number().positive('常住人口须大于 0').max(20000),
  source: z.string().trim().min(2, '请注明数据来源').max(200),
  sourceUrl: z.string().trim().url().max(500).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export interface PopulationDto {
  regionCode: string;
  regionName: string;
  year: number;
  populationWan: number;
  source: string;
  sourceUrl: string | null;
  note: string | null;
  updatedAt: string;
}

export const KpiTargetInput = z.object({
  regionCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
  year: z.number().int().min(2000).max(2100),
  target: z.number().min(0).max(10000),
  source: z.string().trim().max(200).nullable().optional(),
});

export const OfficialKpiInput = z.object({
  regionCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  value: z.number().min(0).max(10000),
  note: z.string().trim().min(2, '请注明出处').max(500),
});

export const PatentAwardInput = z.object({
  patentNumber: z.string().trim().min(5).max(40),
  award: z.enum(['nationalSciTech', 'chinaPatentAward']),
  awardYear: z.number().int().min(1985).max(2100),
  awardLevel: z.string().trim().max(40).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export interface PatentAwardDto {
  id: number;
  patentNumber: string;
  award: 'nationalSciTech' | 'chinaPatentAward';
  awardYear: number;
  awardLevel: string | null;
  note: string | null;
  /** The matching patent in the database, if any. */
  patent: { id: number; title: string } | null;
  createdAt: string;
}

// ---------------------------------------------------------------- dashboards and KPI
export interface NamedCount {
  key: string;
  name: string;
  value: number;
}

/** Everything the analytics page shows for one filter set. Each chart's data is also exportable to Excel. */
export interface PatentDashboardDto {
  filter: PatentFilter;
  /** 'rollup' when every widget came from the rollup tables, 'base' when a filter forced the base table. */
  source: 'rollup' | 'base';
  rebuiltAt: string | null;
  totals: { patents: number; inventions: number; validInventions: number; granted: number; highValue: number; sei: number };
  applicationTrend: { year: number; invention: number; utilityModel: number; design: number }[];
  grantTrend: { year: number; invention: number; utilityModel: number; design: number }[];
  typeMix: NamedCount[];
  statusMix: NamedCount[];
  topApplicants: { name: string; n: number; nValidInvention: number; nHighValue: number }[];
  /** IPC treemap: section → class → subclass with Chinese titles. */
  ipcTree: { code: string; name: string; value: number; children?: { code: string; name: string; value: number; children?: { code: string; name: string; value: number }[] }[] }[];
  seiDistribution: { branchNo: string; branchName: string; industryName: string; n: number; nValidInvention: number }[];
  wipoDistribution: { fieldNo: number; fieldZh: string; n: number }[];
  byCounty: { regionCode: string; name: string; n: number; validInventions: number; highValue: number }[];
  highValueByCategory: { category: HighValueCategory; label: string; n: number }[];
}

export interface ChainOverviewDto {
  chains: {
    id: number;
    name: string;
    isDemo: boolean;
    patents: number;
    validInventions: number;
    highValue: number;
    lastYearApplications: number;
    yearOnYear: number | null;
    topApplicant: string | null;
  }[];
  rebuiltAt: string | null;
}

export interface KpiRegionRow {
  regionCode: string;
  name: string;
  level: 'city' | 'county';
  highValueCount: number;
  validInventions: number;
  populationWan: number | null;
  populationYear: number | null;
  populationSource: string | null;
  /** null when the population is missing (to be entered, never guessed). */
  value: number | null;
  target: number | null;
  targetYear: number | null;
}
export interface PatentKpiDto {
  asOf: string;
  pledgeThresholdWan: number;
  rows: KpiRegionRow[];
  /** Trend of the city figure: snapshots computed by the system and official figures entered with their source. */
  trend: { asOf: string; value: number | null; origin: 'computed' | 'official'; note: string | null }[];
  byCategory: { category: HighValueCategory; label: string; n: number }[];
  missingPopulation: { regionCode: string; name: string }[];
}

// ---------------------------------------------------------------- quarterly report
export const PatentReportInput = z.object({
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, '季度格式如 2026Q3'),
  chainId: z.number().int().positive().nullable(),
});
export interface PatentReportDto {
  id: number;
  quarter: string;
  chainId: number | null;
  chainName: string | null;
  regionCode: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  fileId: number | null;
  message: string | null;
  requestedByName: string | null;
  createdAt: string;
  finishedAt: string | null;
}
