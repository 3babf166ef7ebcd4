import { BUILTIN_ROLE_TABLE, type BuiltinRole, type Permission } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';

/**
 * The access matrix of every route, from the routes' own declarations (config.access), for every built-in role:
 *  - a staff route answers 401 to a caller without a session, and 403 to a staff user whose roles lack its permission;
 *  - a user holding the permission is let through (a GET answers neither 401 nor 403: 200, or 404 for an id that is not
 *    in the user's scope, or 400 for an id the route does not know);
 *  - a portal route refuses a back-office session, and a back-office route a portal session.
 * Record-level jurisdiction (another county's record is 404) is tested in each module against real records.
 */
const DEMO_USER_OF_ROLE: Record<BuiltinRole, string> = {
  sysAdmin: 'sysadmin',
  secAdmin: 'secadmin',
  auditAdmin: 'auditadmin',
  leader: 'leader',
  cityIpOfficer: 'cityip',
  countyLeader: 'county1head',
  countyOfficer: 'county1',
  stationOfficer: 'station1',
  mediator: 'mediator',
};
const ROLES = Object.keys(DEMO_USER_OF_ROLE) as BuiltinRole[];
const holds = (role: BuiltinRole, p: Permission) => (BUILTIN_ROLE_TABLE[role].permissions as readonly string[]).includes(p);

let t: TestApp;
const clients = {} as Record<BuiltinRole, TestClient>;
let anonymous: TestClient;
let portalUser: TestClient;

/** A concrete URL for a route pattern: every :param becomes 1 (the id matters not: access is decided first). */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, 'x');

function routes() {
  const seen = new Set<string>();
  return t.app.declaredRoutes.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (!r.url.startsWith('/api/') || r.method === 'HEAD' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) clients[role] = await t.login(DEMO_USER_OF_ROLE[role]);
  anonymous = t.anonymous();
  portalUser = await t.login('demo_enterprise');
}, 120_000);
afterAll(() => t.close());

describe('route access matrix', () => {
  it('every /api route declares its access', () => {
    const undeclared = routes().filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('staff routes: 401 without a session, 403 without the permission, for every built-in role', async () => {
    const problems: string[] = [];
    let refusals = 0;
    const staffRoutes = routes().filter((r) => r.access?.auth === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(100);
    for (const r of staffRoutes) {
      const url = concrete(r.url);
      const anon = await anonymous.request({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      if (anon.statusCode !== 401) problems.push(`${r.method} ${r.url} without a session: ${anon.statusCode}`);
      const portal = await portalUser.request({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      if (portal.statusCode !== 401) problems.push(`${r.method} ${r.url} with a portal session: ${portal.statusCode}`);
      const permission = r.access?.permission;
      if (!permission) continue;
      for (const role of ROLES) {
        if (holds(role, permission)) continue;
        refusals++;
        const res = await clients[role].request({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        if (res.statusCode !== 403) problems.push(`${r.method} ${r.url} as ${role} (no ${permission}): ${res.statusCode}`);
      }
    }
    expect(problems).toEqual([]);
    // Every role lacks most permissions: the matrix is large (route × role pairs that must be refused).
    expect(refusals).toBeGreaterThan(500);
  }, 300_000);

  it('GET routes let every role that holds the permission through', async () => {
    const problems: string[] = [];
    for (const r of routes().filter((x) => x.access?.auth === 'staff' && x.method === 'GET')) {
      const url = concrete(r.url);
      for (const role of ROLES) {
        if (r.access?.permission && !holds(role, r.access.permission)) continue;
        const res = await clients[role].request({ method: 'GET', url });
        if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500) problems.push(`GET ${r.url} as ${role}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('portal routes refuse a back-office session', async () => {
    const problems: string[] = [];
    for (const r of routes().filter((x) => x.access?.auth === 'public')) {
      const res = await clients.cityIpOfficer.request({ method: r.method as 'GET', url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (res.statusCode !== 401) problems.push(`${r.method} ${r.url} with a staff session: ${res.statusCode}`);
    }
    expect(problems).toEqual([]);
  });
});
