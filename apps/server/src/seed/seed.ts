import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Deps } from '../deps';
import { seedCalendar } from '../modules/calendar/calendar.seed';
import { seedDeadlineRules } from '../modules/deadlines/deadline-rules.seed';
import { seedDicts } from '../modules/dicts/dicts.seed';
import { seedContent } from '../modules/content/content.seed';
import { seedOrganisation, type DemoAccount } from './organisation.seed';
import { seedRegions } from './regions.seed';
import { seedPatentReference } from '../modules/patents/patent-reference.seed';
import { seedDemoMediators } from '../modules/mediation/mediators.seed';

export interface SeedResult {
  seeded: boolean;
  cityName: string;
  demoAccounts: DemoAccount[];
}

/**
 * First-start seed, in one transaction: regions of Shandong, the city's unit tree, built-in roles,
 * demo accounts (when DEMO=true), dictionaries, the official holiday calendar 2007-2026 and the deadline rules.
 * Does nothing when units already exist.
 */
export async function seedIfEmpty(deps: Deps, opts: { demoMustChangePassword?: boolean } = {}): Promise<SeedResult> {
  const existing = await deps.db.selectFrom('units').select(['id', 'name']).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
  if (existing) return { seeded: false, cityName: existing.name, demoAccounts: [] };
  return deps.db.transaction().execute(async (trx: Transaction<Database>) => {
    await seedRegions(trx);
    const org = await seedOrganisation(trx, deps, opts);
    await seedDicts(trx);
    await seedCalendar(trx);
    await seedDeadlineRules(trx);
    await seedContent(trx, { demo: deps.config.demo, now: deps.clock.now() });
    await seedPatentReference(trx, { demo: deps.config.demo });
    if (deps.config.demo) await seedDemoMediators(trx, deps);
    return { seeded: true, cityName: org.cityBureauName, demoAccounts: org.demoAccounts };
  });
}
