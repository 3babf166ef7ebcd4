import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';

/**
 * Permission matrix: roles × units (own, child, sibling, parent) × actions. The expected answer comes from a
 * reference model computed from the unit tree here, independently of the server's scope code.
 */
interface U { id: number; parentId: number | null; path: string; kind: string; name: string }
type Relation = 'own' | 'child' | 'sibling' | 'parent';
type Action = 'unit.get' | 'unit.list' | 'unit.update' | 'user.get' | 'user.list' | 'user.update';

let t: TestApp;
let units: U[] = [];
const actors: Record<string, { client: TestClient; unit: U; userId: number; scope: 'all' | 'unitAndBelow' | 'unit' | 'self'; perms: Set<string> }> = {};
/** One staff user per unit used as a target. */
const userInUnit = new Map<number, number>();

const byId = (id: number) => units.find((u) => u.id === id)!;

function related(actorUnit: U, rel: Relation): U[] {
  switch (rel) {
    case 'own':
      return [actorUnit];
    case 'child':
      return units.filter((u) => u.parentId === actorUnit.id);
    case 'sibling':
      return units.filter((u) => u.parentId === actorUnit.parentId && u.id !== actorUnit.id && u.parentId !== null);
    case 'parent':
      return actorUnit.parentId ? [byId(actorUnit.parentId)] : [];
  }
}

function visible(actor: (typeof actors)[string], target: U): boolean {
  if (actor.scope === 'all') return true;
  if (actor.scope === 'unitAndBelow') return target.path.startsWith(actor.unit.path);
  if (actor.scope === 'unit') return target.id === actor.unit.id;
  return false;
}

beforeAll(async () => {
  t = await createTestApp();
  const sys = await t.login('sysadmin');
  // The reference tree comes straight from the table (the DTO has no path).
  units = await t.deps.db.selectFrom('units').select(['id', 'parentId', 'path', 'kind', 'name']).orderBy('path').execute();
  const city = units.find((u) => u.kind === 'cityBureau')!;
  const [countyA, countyB] = units.filter((u) => u.kind === 'countyBureau');
  const stationsA = units.filter((u) => u.parentId === countyA!.id);
  const stationsB = units.filter((u) => u.parentId === countyB!.id);
  // Target users in the units the relations reach.
  for (const unit of [city, countyA!, countyB!, stationsA[0]!, stationsA[1]!, stationsB[0]!]) {
    const res = await sys.post('/api/users', { username: `target${unit.id}`, displayName: `目标用户${unit.id}`, unitId: unit.id });
    expect(res.statusCode).toBe(200);
    userInUnit.set(unit.id, res.json().user.id);
  }
  // A custom role that may write within its county: proves that writes honour the scope too.
  const sec = await t.login('secadmin');
  const role = await sec.post('/api/roles', { code: 'countyAdmin', name: '县级局系统管理（测试）', permissions: ['unit.read', 'unit.update', 'user.read', 'user.update'], dataScope: 'unitAndBelow', customUnitIds: [] });
  expect(role.statusCode).toBe(200);
  const created = await sys.post('/api/users', { username: 'countyadmin', displayName: '县级局管理员', unitId: countyA!.id });
  const user = (await sys.get(`/api/users/${created.json().user.id}`)).json();
  expect((await sec.put(`/api/users/${user.id}/roles`, { roleIds: [role.json().id], version: user.version })).statusCode).toBe(200);
  const ca = await t.login('countyadmin', { password: created.json().initialPassword });
  expect((await ca.post('/api/auth/password', { oldPassword: created.json().initialPassword, newPassword: 'County#Admin2026' })).statusCode).toBe(200);

  const spec: [string, TestClient, 'all' | 'unitAndBelow' | 'unit' | 'self'][] = [
    ['county1', await t.login('county1'), 'unitAndBelow'],
    ['county2', await t.login('county2'), 'unitAndBelow'],
    ['station1', await t.login('station1'), 'unit'],
    ['cityip', await t.login('cityip'), 'unitAndBelow'],
    ['mediator', await t.login('mediator'), 'self'],
    ['sysadmin', sys, 'all'],
    ['countyadmin', ca, 'unitAndBelow'],
  ];
  for (const [name, client, scope] of spec) {
    const me = (await client.get('/api/auth/me')).json();
    actors[name] = { client, unit: byId(me.unitId), userId: me.id, scope, perms: new Set(me.permissions) };
  }
});
afterAll(() => t.close());

const NEED: Record<Action, string> = {
  'unit.get': 'unit.read', 'unit.list': 'unit.read', 'unit.update': 'unit.update',
  'user.get': 'user.read', 'user.list': 'user.read', 'user.update': 'user.update',
};

async function act(a: (typeof actors)[string], action: Action, target: U): Promise<{ status: number; sees: boolean | null }> {
  const c = a.client;
  const targetUser = userInUnit.get(target.id);
  switch (action) {
    case 'unit.get':
      return { status: (await c.get(`/api/units/${target.id}`)).statusCode, sees: null };
    case 'unit.list': {
      const res = await c.get('/api/units');
      return { status: res.statusCode, sees: res.statusCode === 200 ? res.json().some((u: U) => u.id === target.id) : null };
    }
    case 'unit.update': {
      const current = await t.deps.db.selectFrom('units').select(['version', 'name']).where('id', '=', target.id).executeTakeFirstOrThrow();
      return { status: (await c.patch(`/api/units/${target.id}`, { version: current.version, name: current.name })).statusCode, sees: null };
    }
    case 'user.get':
      return { status: (await c.get(`/api/users/${targetUser}`)).statusCode, sees: null };
    case 'user.list': {
      const res = await c.get(`/api/users?unitId=${target.id}&includeChildren=false&pageSize=200`);
      return { status: res.statusCode, sees: res.statusCode === 200 ? res.json().items.some((u: { id: number }) => u.id === targetUser) : null };
    }
    case 'user.update': {
      const current = await t.deps.db.selectFrom('users').select(['version', 'displayName']).where('id', '=', targetUser!).executeTakeFirstOrThrow();
      return { status: (await c.patch(`/api/users/${targetUser}`, { version: current.version, displayName: current.displayName })).statusCode, sees: null };
    }
  }
}

describe('no route reads or writes outside the data scope', () => {
  it('matches the reference model for roles × units × actions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(actors)),
        fc.constantFrom<Relation>('own', 'child', 'sibling', 'parent'),
        fc.constantFrom<Action>('unit.get', 'unit.list', 'unit.update', 'user.get', 'user.list', 'user.update'),
        fc.nat(),
        async (name, rel, action, pick) => {
          const a = actors[name]!;
          const candidates = related(a.unit, rel).filter((u) => !action.startsWith('user.') || userInUnit.has(u.id));
          fc.pre(candidates.length > 0);
          const target = candidates[pick % candidates.length]!;
          const { status, sees } = await act(a, action, target);
          if (!a.perms.has(NEED[action])) {
            expect(status, `${name} ${action} without permission`).toBe(403);
            return;
          }
          const expectVisible = visible(a, target);
          if (sees !== null) {
            expect(status).toBe(200);
            expect(sees, `${name} ${action} ${rel} ${target.name}`).toBe(expectVisible);
          } else {
            expect(status, `${name} ${action} ${rel} ${target.name}`).toBe(expectVisible ? 200 : 404);
          }
        },
      ),
      { numRuns: 250, seed: 20261121 },
    );
  });

  it('never lists a unit or a user outside the scope (whole lists)', async () => {
    for (const [name, a] of Object.entries(actors)) {
      if (!a.perms.has('unit.read')) continue;
      const listed: U[] = (await a.client.get('/api/units')).json();
      expect(listed.every((u) => visible(a, byId(u.id))), name).toBe(true);
      expect(listed.length, name).toBe(units.filter((u) => visible(a, u)).length);
      const users = (await a.client.get('/api/users?pageSize=200')).json().items as { unitId: number }[];
      expect(users.every((u) => visible(a, byId(u.unitId))), name).toBe(true);
    }
  });
});
