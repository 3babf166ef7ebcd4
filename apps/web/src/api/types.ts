/** Shapes the web needs that the shared contracts describe only as zod schemas or not at all. */
import type { UnitKind } from '@zhichan/shared';

/** GET /api/public/site */
export interface SiteDto {
  cityCode: string;
  cityName: string;
  bureauName: string;
  demo: boolean;
}

/** GET /api/public/units: the city bureau and the county bureaus, for the public 机构名录. */
export interface PublicUnitDto {
  id: number;
  name: string;
  kind: UnitKind;
  regionCodes: string[];
  /** Not promised by the API yet; shown when present. */
  regionNames?: string[];
  phone: string | null;
  address: string | null;
  parentId: number | null;
}

/** GET /api/regions?parent=CODE */
export interface RegionDto {
  code: string;
  name: string;
  level: number | string;
}

/** GET /api/calendar/working-days/add and /api/calendar/calendar-days/add */
export interface DaysAddDto {
  from: string;
  days: number;
  result: string;
  provisional: boolean;
  basis: string;
}

/** POST /api/users */
export interface CreatedUserDto {
  user: import('@zhichan/shared').UserDto;
  initialPassword: string;
}

/** POST /api/users/:id/reset-password */
export interface InitialPasswordDto {
  userId: number;
  initialPassword: string;
}
