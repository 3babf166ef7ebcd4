import type { UnitDto } from '@zhichan/shared';
import { can, type Actor } from '../../access/actor';
import type { Unit } from '../../db/schema';

export function presentUnit(actor: Actor, u: Unit, regionNames: Map<string, string>): UnitDto {
  return {
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    regionCodes: u.regionCodes,
    regionNames: u.regionCodes.map((c) => regionNames.get(c) ?? c),
    phone: u.phone,
    address: u.address,
    sort: u.sort,
    enabled: u.enabled,
    version: u.version,
    abilities: {
      update: can(actor, 'unit.update'),
      // The root of the organisation cannot be removed.
      delete: can(actor, 'unit.delete') && u.parentId !== null,
      createChild: can(actor, 'unit.create') && u.kind !== 'station',
    },
  };
}
