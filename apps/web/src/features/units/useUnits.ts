import type { UnitDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useRequest } from '../../ui/hooks';

/** GET /api/units: the flat list of units in the actor's data scope. */
export function useUnits(enabled = true) {
  const req = useRequest<UnitDto[]>((signal) => api.get<UnitDto[]>('/api/units', undefined, { signal }), [], { enabled });
  return { ...req, units: req.data ?? [] };
}
