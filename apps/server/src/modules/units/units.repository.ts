import type { Actor } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';

export const unitsRepository = {
  /** Units inside the actor's data scope, siblings in their configured order. */
  list(db: Executor, actor: Actor) {
    return db
      .selectFrom('units')
      .selectAll()
      .where((eb) => inScope(eb, actor, 'units.id'))
      // Parents before children is not needed (the client builds the tree by parentId); siblings keep their configured order.
      // A text path would sort /1/10/ before /1/2/.
      .orderBy('sort')
      .orderBy('id')
      .execute();
  },

  /** One unit, only if inside the actor's scope (otherwise undefined → 404). */
  get(db: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
    let q = db.selectFrom('units').selectAll().where('id', '=', id).where((eb) => inScope(eb, actor, 'units.id'));
    if (opts.forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  regionNames(db: Executor, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([] as { code: string; name: string }[]);
    return db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  },

  countChildren(db: Executor, id: number) {
    return db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('parentId', '=', id).executeTakeFirstOrThrow().then((r) => Number(r.n));
  },

  countUsers(db: Executor, id: number) {
    return db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('unitId', '=', id).executeTakeFirstOrThrow().then((r) => Number(r.n));
  },
};
