import type { Executor } from '../../db/database';

/** Queries of the auth module. Repositories only query; the service decides. */
export const authRepository = {
  findUserByUsername(db: Executor, username: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst();
  },

  findOpenSession(db: Executor, id: string) {
    return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** User, unit and roles of a session's user in one round trip each. */
  async loadUserWithRoles(db: Executor, userId: number) {
    const user = await db
      .selectFrom('users')
      .leftJoin('units', 'units.id', 'users.unitId')
      .select([
        'users.id', 'users.username', 'users.displayName', 'users.kind', 'users.unitId', 'users.status',
        'users.mustChangePassword', 'units.name as unitName',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!user) return undefined;
    const roles = await db
      .selectFrom('userRoles')
      .innerJoin('roles', 'roles.id', 'userRoles.roleId')
      .select(['roles.id', 'roles.code', 'roles.name', 'roles.permissions', 'roles.dataScope'])
      .where('userRoles.userId', '=', userId)
      .orderBy('roles.id')
      .execute();
    return { user, roles };
  },

  countRecentIpFailures(db: Executor, ip: string, sinceIso: string) {
    return db
      .selectFrom('loginLogs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', false)
      .where('at', '>', sinceIso)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  insertLoginLog(
    db: Executor,
    row: { at: string; username: string; userId: number | null; realm: 'admin' | 'portal'; success: boolean; reason: string | null; ip: string | null; userAgent: string | null },
  ) {
    return db.insertInto('loginLogs').values(row).execute();
  },
};
