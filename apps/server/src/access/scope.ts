import { DATA_SCOPE_WIDTH, type DataScopeKind } from '@zhichan/shared';
import { type ExpressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../db/database';
import type { Actor, ResolvedScope } from './actor';

interface RoleScope {
  roleId: number;
  dataScope: DataScopeKind;
}

/** The widest data scope among the roles: all > unitAndBelow > custom > unit > self. */
export function widestScopeKind(roles: RoleScope[]): DataScopeKind {
  let best: DataScopeKind = 'self';
  for (const r of roles) if (DATA_SCOPE_WIDTH[r.dataScope] > DATA_SCOPE_WIDTH[best]) best = r.dataScope;
  return best;
}

/**
 * Resolves the roles' scopes into the set of visible unit ids. Several roles are merged as a union
 * (so the widest one wins), as users of RuoYi-style systems expect (user-expectations §1.2).
 */
export async function resolveScope(db: Executor, user: { id: number; unitId: number | null }, roles: RoleScope[]): Promise<ResolvedScope> {
  if (roles.some((r) => r.dataScope === 'all')) return { kind: 'all' };
  const ids = new Set<number>();
  let self = false;
  const customRoleIds: number[] = [];
  for (const r of roles) {
    if (r.dataScope === 'self') self = true;
    else if (r.dataScope === 'custom') customRoleIds.push(r.roleId);
    else if (user.unitId !== null && r.dataScope === 'unit') ids.add(user.unitId);
  }
  if (user.unitId !== null && roles.some((r) => r.dataScope === 'unitAndBelow')) {
    const own = await db.selectFrom('units').select('path').where('id', '=', user.unitId).executeTakeFirst();
    if (own) {
      const rows = await db.selectFrom('units').select('id').where('path', 'like', `${own.path}%`).execute();
      for (const row of rows) ids.add(row.id);
    }
  }
  if (customRoleIds.length > 0) {
    const rows = await db.selectFrom('roleUnits').select('unitId').where('roleId', 'in', customRoleIds).execute();
    for (const row of rows) ids.add(row.unitId);
  }
  return { kind: 'limited', unitIds: [...ids].sort((a, b) => a - b), self };
}

/**
 * The WHERE condition that keeps only records inside the actor's data scope. Every repository list and get
 * passes the actor through this; a record outside scope is then simply not found (404, never 403).
 * @param unitColumn the column holding the record's responsible unit
 * @param ownerColumn the column holding the creator's user id, for the 仅本人 scope
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  unitColumn: string,
  ownerColumn?: string,
): Expression<SqlBool> {
  const scope = actor.scope;
  if (scope.kind === 'all') return sql<boolean>`true`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.unitIds.length > 0) ors.push(eb(eb.ref(unitColumn as any), 'in', scope.unitIds as any) as Expression<SqlBool>);
  if (scope.self && ownerColumn) ors.push(eb(eb.ref(ownerColumn as any), '=', actor.userId as any) as Expression<SqlBool>);
  if (ors.length === 0) return sql<boolean>`false`;
  return eb.or(ors);
}
