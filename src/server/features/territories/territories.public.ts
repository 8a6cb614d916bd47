/**
 * What other features may use of territories: writing and reading the territories of a community,
 * circle, event or profile, and finding what lies in a territory. The catalogue itself is in
 * domain/territories.ts.
 */

export type { TerritorySubjectKind } from './territories.tables.ts';
export {
  deleteTerritoryLinks,
  parseTerritoryCodes,
  subjectsInTerritory,
  territoryCodesColumn,
  territoryCodesOf,
  writeTerritoryCodes,
} from './territory-links.ts';
