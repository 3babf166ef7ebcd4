import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../db/database';
import { readCsv } from './csv';

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed');

/**
 * Shandong's divisions from the 2023 统计用区划代码 (seed/divisions, copied from shared/data/admin-divisions-cn;
 * see seed/SOURCES.md). Statistics-only development zones (county codes xx7x) are kept in the region list,
 * because addresses use them, but they get no bureau of their own in the unit tree.
 */
export async function seedRegions(trx: Executor): Promise<void> {
  const dir = path.join(SEED_DIR, 'divisions');
  const rows: { code: string; name: string; level: 'province' | 'city' | 'county' | 'township'; parentCode: string | null }[] = [
    { code: '37', name: '山东省', level: 'province', parentCode: null },
  ];
  for (const r of readCsv(path.join(dir, 'cities-37.csv'))) rows.push({ code: r.code!, name: r.name!, level: 'city', parentCode: '37' });
  for (const r of readCsv(path.join(dir, 'areas-37.csv'))) rows.push({ code: r.code!, name: r.name!, level: 'county', parentCode: r.cityCode! });
  for (const r of readCsv(path.join(dir, 'streets-37.csv'))) rows.push({ code: r.code!, name: r.name!, level: 'township', parentCode: r.areaCode! });
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('regions').values(rows.slice(i, i + 500)).execute();
  }
}

/** County-level codes of the form xx7x are statistics-only development zones, not GB/T 2260 divisions. */
export function isDevelopmentZone(countyCode: string): boolean {
  return countyCode.length === 6 && countyCode[4] === '7';
}
