import path from 'node:path';
import { BUILTIN_ROLE_TABLE, BUILTIN_ROLES, type BuiltinRole } from '@zhichan/shared';
import type { Executor } from '../db/database';
import type { Deps } from '../deps';
import { hashPassword } from '../modules/auth/auth.service';
import { readCsv } from './csv';
import { isDevelopmentZone, SEED_DIR } from './regions.seed';

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  unit: string;
  realm: 'admin' | 'portal';
}

/** The initial password of every demo account; each must be changed at first login (等保: no default passwords kept). */
export const DEMO_PASSWORD = 'Zhichan@2026';

interface Options {
  /** Tests skip the forced first change to keep each login to one request. */
  demoMustChangePassword?: boolean;
}

/**
 * The city's organisation from the division list: the city bureau, one bureau per county-level division
 * (development zones excluded), one 市场监管所 per township, the built-in roles and, when DEMO=true,
 * one demo account per role (labelled 演示 in their names).
 */
export async function seedOrganisation(trx: Executor, deps: Deps, opts: Options = {}) {
  const cityCode = deps.config.cityCode;
  const dir = path.join(SEED_DIR, 'divisions');
  const city = readCsv(path.join(dir, 'cities-37.csv')).find((c) => c.code === cityCode);
  if (!city) throw new Error(`CITY_CODE ${cityCode} 不是山东省的地级市代码`);
  const counties = readCsv(path.join(dir, 'areas-37.csv')).filter((a) => a.cityCode === cityCode && !isDevelopmentZone(a.code!));
  const townships = readCsv(path.join(dir, 'streets-37.csv')).filter((s) => s.cityCode === cityCode);

  async function insertUnit(parentId: number | null, parentPath: string, name: string, kind: 'cityBureau' | 'countyBureau' | 'station', regionCodes: string[], sort: number) {
    const row = await trx.insertInto('units').values({ parentId, name, shortName: null, kind, regionCodes, phone: null, address: null, sort }).returning('id').executeTakeFirstOrThrow();
    const unitPath = `${parentPath}${row.id}/`;
    await trx.updateTable('units').set({ path: unitPath }).where('id', '=', row.id).execute();
    return { id: row.id, path: unitPath, name };
  }

  const cityBureau = await insertUnit(null, '/', `${city.name}市场监督管理局`, 'cityBureau', [cityCode], 0);
  await trx.updateTable('units').set({ shortName: `${city.name}局（知识产权局）` }).where('id', '=', cityBureau.id).execute();
  const countyUnits: { id: number; path: string; name: string; code: string }[] = [];
  let sort = 0;
  for (const c of counties) {
    const u = await insertUnit(cityBureau.id, cityBureau.path, `${c.name}市场监督管理局`, 'countyBureau', [c.code!], sort++);
    countyUnits.push({ ...u, code: c.code! });
  }
  const stationsByCounty = new Map<number, { id: number; name: string }[]>();
  for (const county of countyUnits) {
    let s = 0;
    for (const t of townships.filter((x) => x.areaCode === county.code)) {
      const st = await insertUnit(county.id, county.path, `${t.name}市场监管所`, 'station', [t.code!], s++);
      stationsByCounty.set(county.id, [...(stationsByCounty.get(county.id) ?? []), st]);
    }
  }

  const roleIds = {} as Record<BuiltinRole, number>;
  for (const [code, def] of Object.entries(BUILTIN_ROLE_TABLE) as [BuiltinRole, (typeof BUILTIN_ROLE_TABLE)[BuiltinRole]][]) {
    const row = await trx
      .insertInto('roles')
      .values({ code, name: BUILTIN_ROLES[code], builtin: true, permissions: [...def.permissions], dataScope: def.dataScope, remark: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    roleIds[code] = row.id;
  }

  const demoAccounts: DemoAccount[] = [];
  if (deps.config.demo) {
    const [county1, county2] = countyUnits;
    const station1 = county1 ? stationsByCounty.get(county1.id)?.[0] : undefined;
    const staff: { username: string; role: BuiltinRole; unit: { id: number; name: string } | undefined; certNo?: string }[] = [
      { username: 'sysadmin', role: 'sysAdmin', unit: cityBureau },
      { username: 'secadmin', role: 'secAdmin', unit: cityBureau },
      { username: 'auditadmin', role: 'auditAdmin', unit: cityBureau },
      { username: 'leader', role: 'leader', unit: cityBureau },
      { username: 'cityip', role: 'cityIpOfficer', unit: cityBureau, certNo: `${cityCode}00000001` },
      { username: 'county1head', role: 'countyLeader', unit: county1, certNo: `${cityCode}00000100` },
      { username: 'county1', role: 'countyOfficer', unit: county1, certNo: `${cityCode}00000101` },
      { username: 'county1b', role: 'countyOfficer', unit: county1, certNo: `${cityCode}00000103` },
      { username: 'county2head', role: 'countyLeader', unit: county2, certNo: `${cityCode}00000200` },
      { username: 'county2', role: 'countyOfficer', unit: county2, certNo: `${cityCode}00000201` },
      { username: 'county2b', role: 'countyOfficer', unit: county2, certNo: `${cityCode}00000202` },
      { username: 'station1', role: 'stationOfficer', unit: station1, certNo: `${cityCode}00000102` },
      { username: 'mediator', role: 'mediator', unit: cityBureau },
    ];
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const mustChange = opts.demoMustChangePassword ?? true;
    for (const s of staff) {
      if (!s.unit) continue;
      const user = await trx
        .insertInto('users')
        .values({
          username: s.username,
          displayName: `${BUILTIN_ROLES[s.role]}（演示）`,
          kind: 'staff',
          publicKind: null,
          uscc: null,
          unitId: s.unit.id,
          phoneEnc: null,
          phoneHash: null,
          lawEnforcementCertNo: s.certNo ?? null,
          passwordHash,
          passwordChangedAt: null,
          mustChangePassword: mustChange,
          lockedUntil: null,
          lastLoginAt: null,
          lastLoginIp: null,
          createdBy: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('userRoles').values({ userId: user.id, roleId: roleIds[s.role] }).execute();
      demoAccounts.push({ username: s.username, password: DEMO_PASSWORD, role: BUILTIN_ROLES[s.role], unit: s.unit.name, realm: 'admin' });
    }
    await trx
      .insertInto('users')
      .values({
        username: 'demo_enterprise',
        displayName: '演示科技有限公司（演示）',
        kind: 'public',
        publicKind: 'enterprise',
        uscc: '91350100M000100Y43',
        unitId: null,
        phoneEnc: null,
        phoneHash: null,
        lawEnforcementCertNo: null,
        passwordHash,
        passwordChangedAt: null,
        mustChangePassword: false,
        lockedUntil: null,
        lastLoginAt: null,
        lastLoginIp: null,
        createdBy: null,
      })
      .execute();
    demoAccounts.push({ username: 'demo_enterprise', password: DEMO_PASSWORD, role: '企业用户', unit: '门户', realm: 'portal' });
  }
  return { cityBureauName: cityBureau.name, cityBureauId: cityBureau.id, countyUnitIds: countyUnits.map((c) => c.id), roleIds, demoAccounts };
}
