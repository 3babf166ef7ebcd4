/** DTOs of the patent list, detail, chains and awards (packages/shared/src/contracts/patent.ts). */
import {
  highlightSegments,
  highValueCategories,
  maintenanceYears,
  normalizeIpc,
  regionName,
  snippetAround,
  type DivisionIndex,
  type IndustryChainDto,
  type IpcLabel,
  type PatentAwardDto,
  type PatentDetailDto,
  type PatentListItemDto,
  type TextSegment,
} from '@zhichan/shared';
import type { Selectable } from 'kysely';
import type { IndustryChainsTable, PatentAwardsTable, PatentsTable } from '../../db/schema';
import type { PatentListRow } from './patents.repository';

/** The IPC symbol a chain pattern names ('G06F11*' → 'G06F11/00'), for its Chinese title. */
export function patternCode(pattern: string): string | null {
  return normalizeIpc(pattern.replace(/\*$/, ''));
}

export function ipcLabel(code: string | null, titles: Map<string, string>): IpcLabel | null {
  return code ? { code, titleZh: titles.get(code) ?? null } : null;
}

/** The most precise region name known: county, else city, else province. */
export function placeName(r: { countyCode: string | null; cityCode: string | null; provinceCode: string | null }, divisions: DivisionIndex): string | null {
  for (const code of [r.countyCode, r.cityCode, r.provinceCode]) {
    if (code) {
      const n = regionName(code, divisions);
      if (n) return n;
    }
  }
  return null;
}

export function presentListItem(
  r: PatentListRow,
  q: string | undefined,
  ctx: { titles: Map<string, string>; chains: Map<number, { name: string }>; divisions: DivisionIndex },
): PatentListItemDto {
  const plain = (t: string): TextSegment[] => [{ text: t, hit: false }];
  return {
    id: r.id,
    appNo: r.appNo,
    pubNo: r.pubNo,
    appDate: r.appDate,
    grantDate: r.grantDate,
    patentType: r.patentType,
    legalStatus: r.legalStatus,
    title: r.title,
    titleSegments: q ? highlightSegments(r.title, q) : plain(r.title),
    abstractSnippet: r.abstract ? (q ? snippetAround(r.abstract, q) : snippetAround(r.abstract, '')) : null,
    applicants: r.applicants,
    countyName: placeName(r, ctx.divisions),
    mainIpc: ipcLabel(r.mainIpc, ctx.titles),
    chainNames: r.chainIds.map((id) => ctx.chains.get(id)?.name).filter((n): n is string => !!n),
    isHighValue: r.isHighValue,
    dataSource: r.dataSource,
  };
}

export function presentDetail(
  p: Selectable<PatentsTable>,
  ctx: {
    titles: Map<string, string>;
    chains: Map<number, { name: string; isDemo: boolean }>;
    sei: Map<string, { branchName: string; industryName: string }>;
    wipo: Map<number, { fieldZh: string; sectorZh: string }>;
    awards: { award: 'nationalSciTech' | 'chinaPatentAward'; awardYear: number; awardLevel: string | null }[];
    divisions: DivisionIndex;
    asOf: string;
    pledgeThresholdWan: number;
  },
): PatentDetailDto {
  const pledge = p.pledgeAmountWan === null ? null : Number(p.pledgeAmountWan);
  // Recomputed live with the same rule as the stored flags, so the page explains today's answer (and its reason).
  const hv = highValueCategories(
    {
      patentType: p.patentType,
      legalStatus: p.legalStatus,
      appDate: p.appDate,
      seiBranches: p.seiBranches,
      foreignFamilyGranted: p.foreignFamilyGranted,
      pledgeAmountWan: pledge,
      awarded: ctx.awards.length > 0,
    },
    { asOf: ctx.asOf, pledgeThresholdWan: ctx.pledgeThresholdWan },
  );
  return {
    id: p.id,
    patentKey: p.patentKey,
    appNo: p.appNo,
    pubNo: p.pubNo,
    grantNo: p.grantNo,
    appDate: p.appDate,
    pubDate: p.pubDate,
    grantDate: p.grantDate,
    patentType: p.patentType,
    title: p.title,
    abstract: p.abstract,
    applicants: p.applicants,
    applicantAddress: p.applicantAddress,
    inventors: p.inventors,
    agency: p.agency,
    region: { provinceCode: p.provinceCode, cityCode: p.cityCode, countyCode: p.countyCode, name: placeName(p, ctx.divisions), source: p.regionSource },
    legalStatus: p.legalStatus,
    legalStatusRaw: p.legalStatusRaw,
    maintenanceYears: maintenanceYears(p.appDate, ctx.asOf),
    mainIpc: ipcLabel(p.mainIpc, ctx.titles),
    ipcCodes: p.ipcCodes.map((c) => ipcLabel(c, ctx.titles)!),
    seiBranches: p.seiBranches.map((b) => ({ branchNo: b, branchName: ctx.sei.get(b)?.branchName ?? b, industryName: ctx.sei.get(b)?.industryName ?? '' })),
    wipoFields: p.wipoFields.map((n) => ({ fieldNo: n, fieldZh: ctx.wipo.get(n)?.fieldZh ?? String(n), sectorZh: ctx.wipo.get(n)?.sectorZh ?? '' })),
    chains: p.chainIds.filter((id) => ctx.chains.has(id)).map((id) => ({ id, name: ctx.chains.get(id)!.name, isDemo: ctx.chains.get(id)!.isDemo })),
    foreignFamilyGranted: p.foreignFamilyGranted,
    pledgeAmountWan: pledge,
    awards: ctx.awards,
    highValue: { isHighValue: hv.isHighValue, categories: hv.categories, reasonIfNot: hv.reasonIfNot },
    dataSource: p.dataSource,
    importJobId: p.importJobId,
    updatedAt: p.updatedAt,
  };
}

export function presentChain(
  c: Selectable<IndustryChainsTable>,
  ctx: { titles: Map<string, string>; sei: Map<string, { branchName: string }>; counts: Map<number, { n: number; highValue: number }> },
): IndustryChainDto {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    description: c.description,
    ipcPatterns: c.ipcPatterns.map((pt) => ({ code: pt, titleZh: ctx.titles.get(patternCode(pt) ?? '') ?? null })),
    keywords: c.keywords,
    seiBranches: c.seiBranches.map((b) => ({ branchNo: b, branchName: ctx.sei.get(b)?.branchName ?? b })),
    isDemo: c.isDemo,
    enabled: c.enabled,
    sort: c.sort,
    version: c.version,
    classifyStatus: c.classifyStatus,
    classifiedAt: c.classifiedAt,
    patentCount: ctx.counts.get(c.id)?.n ?? 0,
    highValueCount: ctx.counts.get(c.id)?.highValue ?? 0,
  };
}

export function presentAward(a: Selectable<PatentAwardsTable>, patent: { id: number; title: string } | null): PatentAwardDto {
  return {
    id: a.id,
    patentNumber: a.patentNumber,
    award: a.award,
    awardYear: a.awardYear,
    awardLevel: a.awardLevel,
    note: a.note,
    patent,
    createdAt: a.createdAt,
  };
}
