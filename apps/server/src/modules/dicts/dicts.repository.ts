import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DictItemsTable, DictTypesTable } from '../../db/schema';

/** Queries of the dictionaries. Dictionaries are configuration shared by all units: no data scope applies. */
export const dictsRepository = {
  listTypes(db: Executor) {
    return db.selectFrom('dictTypes').select(['code', 'name', 'remark', 'builtin']).orderBy('builtin', 'desc').orderBy('code').execute();
  },

  listItems(db: Executor, typeCode?: string) {
    let q = db.selectFrom('dictItems').select(['id', 'typeCode', 'value', 'label', 'sort', 'enabled']);
    if (typeCode !== undefined) q = q.where('typeCode', '=', typeCode);
    return q.orderBy('typeCode').orderBy('sort').orderBy('id').execute();
  },

  findType(db: Executor, code: string, forUpdate = false) {
    let q = db.selectFrom('dictTypes').select(['code', 'name', 'remark', 'builtin']).where('code', '=', code);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  insertType(db: Executor, row: Insertable<DictTypesTable>) {
    return db.insertInto('dictTypes').values(row).execute();
  },

  updateType(db: Executor, code: string, patch: Updateable<DictTypesTable>) {
    return db.updateTable('dictTypes').set(patch).where('code', '=', code).execute();
  },

  findItem(db: Executor, typeCode: string, id: number) {
    return db.selectFrom('dictItems').select(['id', 'typeCode', 'value', 'label', 'sort', 'enabled']).where('typeCode', '=', typeCode).where('id', '=', id).executeTakeFirst();
  },

  findItemByValue(db: Executor, typeCode: string, value: string) {
    return db.selectFrom('dictItems').select('id').where('typeCode', '=', typeCode).where('value', '=', value).executeTakeFirst();
  },

  insertItems(db: Executor, rows: Insertable<DictItemsTable>[]) {
    return db.insertInto('dictItems').values(rows).returning(['id', 'typeCode', 'value', 'label', 'sort', 'enabled']).execute();
  },

  updateItem(db: Executor, id: number, patch: Updateable<DictItemsTable>) {
    return db.updateTable('dictItems').set(patch).where('id', '=', id).returning(['id', 'typeCode', 'value', 'label', 'sort', 'enabled']).executeTakeFirstOrThrow();
  },

  deleteItem(db: Executor, id: number) {
    return db.deleteFrom('dictItems').where('id', '=', id).execute();
  },
};
