import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';

export interface UserFilter {
  unitPath?: string;
  unitId?: number;
  keyword?: string;
  status?: 'active' | 'disabled';
}

/** Staff accounts within the actor's scope: a user is visible when their unit is (仅本人: oneself). */
function scoped(db: Executor, actor: Actor) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unitId')
    .where('users.kind', '=', 'staff')
    .where((eb) => inScope(eb, actor, 'users.unitId', 'users.id'));
}

export const usersRepository = {
  async list(db: Executor, actor: Actor, f: UserFilter, page: { limit: number; offset: number }) {
    let q = scoped(db, actor);
    if (f.unitPath) q = q.where('units.path', 'like', `${f.unitPath}%`);
    else if (f.unitId) q = q.where('users.unitId', '=', f.unitId);
    if (f.keyword) {
      const k = `%${f.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('users.username', 'like', k), eb('users.displayName', 'like', k)]));
    }
    if (f.status) q = q.where('users.status', '=', f.status);
    const [rows, count] = await Promise.all([
      q.selectAll('users').select('units.name as unitName').orderBy('units.path').orderBy('users.id').limit(page.limit).offset(page.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  get(db: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    let q = scoped(db, actor).selectAll('users').select('units.name as unitName').where('users.id', '=', id);
    if (opts.forUpdate) q = q.forUpdate(['users']);
    return q.executeTakeFirst();
  },

  rolesOf(db: Executor, userIds: number[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('userRoles')
      .innerJoin('roles', 'roles.id', 'userRoles.roleId')
      .select(['userRoles.userId', 'roles.id', 'roles.code', 'roles.name', 'roles.dataScope'])
      .where('userRoles.userId', 'in', userIds)
      .orderBy('roles.id')
      .execute();
  },
};
