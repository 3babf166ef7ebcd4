import type { DataScopeKind, Permission } from '@zhichan/shared';

/**
 * The data scope of one request, resolved from the user's roles at the start of every request
 * (never cached across requests, so a new unit or a changed role applies at once).
 * `all`: no filter. Otherwise a record is visible when its unit is in `unitIds`, or, with `self`, when the actor created it.
 */
export type ResolvedScope =
  | { kind: 'all' }
  | { kind: 'limited'; unitIds: number[]; self: boolean };

/** Who is acting: a logged-in staff member, a public user, or nobody (anonymous portal visitor). */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'public';
  unitId: number | null;
  unitName: string | null;
  roles: { id: number; code: string; name: string }[];
  permissions: ReadonlySet<Permission>;
  /** The widest data-scope kind among the roles (for display). */
  dataScopeKind: DataScopeKind;
  scope: ResolvedScope;
  sessionId: string;
  realm: 'admin' | 'portal';
  csrfToken: string;
  mustChangePassword: boolean;
}

/** Request facts every audited write needs. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The actor of a service call: the user (or null for an anonymous portal visitor) and the request facts. */
export interface Ctx {
  actor: Actor | null;
  meta: RequestMeta;
}

/** A context for scheduled jobs and seeds: no user, full scope. Only `unsafe...` code paths accept it. */
export const SYSTEM_CTX: Ctx = { actor: null, meta: { ip: null, userAgent: 'system' } };

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && actor.kind === 'staff' && actor.permissions.has(permission);
}

/** True when the unit lies inside the actor's data scope. */
export function unitInScope(actor: Actor, unitId: number | null): boolean {
  if (actor.scope.kind === 'all') return true;
  return unitId !== null && actor.scope.unitIds.includes(unitId);
}
