import departementRows from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import regionRows from '@etalab/decoupage-administratif/data/regions.json' with { type: 'json' };

/**
 * French régions and départements of the current Code officiel géographique, bundled from
 * @etalab/decoupage-administratif (decision 034): no outside service is ever asked. Only the two
 * small files are read (never communes.json, 8 MB), and only the zones "metro" and "drom": 18
 * régions and 101 départements; collectivités d'outre-mer ("com") are not régions or départements.
 *
 * Régions and départements share some official codes ("01" is Guadeloupe and Ain), so a territory's
 * key is a département's code as is ("33", "2A", "971") and a région's code behind an R ("R75").
 */

export const territoryKinds = ['region', 'department'] as const;
export type TerritoryKind = (typeof territoryKinds)[number];

export interface Territory {
  /** The key: "R75" for a région, "33" for a département. */
  code: string;
  /** The bare official code (INSEE). */
  inseeCode: string;
  name: string;
  kind: TerritoryKind;
  /** A département's région, by key. */
  parentCode?: string;
}

/** At most this many territories on one circle, community, event or profile. */
export const MAX_TERRITORIES = 20;

interface SourceRow {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

const kept = (row: SourceRow) => row.zone === 'metro' || row.zone === 'drom';
const byCode = (a: SourceRow, b: SourceRow) => a.code.localeCompare(b.code, 'en', { numeric: true });

export const regionKey = (inseeCode: string) => `R${inseeCode}`;

function buildCatalogue(): readonly Territory[] {
  const regionSource: readonly SourceRow[] = regionRows;
  const departmentSource: readonly SourceRow[] = departementRows;
  const regions = regionSource.filter(kept).sort(byCode);
  const departments = departmentSource.filter(kept).sort(byCode);
  return [
    ...regions.map(
      (row): Territory => ({
        code: regionKey(row.code),
        inseeCode: row.code,
        name: row.nom,
        kind: 'region',
      }),
    ),
    ...departments.map(
      (row): Territory => ({
        code: row.code,
        inseeCode: row.code,
        name: row.nom,
        kind: 'department',
        parentCode: regionKey(row.region ?? ''),
      }),
    ),
  ];
}

/** Régions first (by official code), then départements (by official code). */
export const territories: readonly Territory[] = buildCatalogue();

const byKey = new Map(territories.map((territory) => [territory.code, territory]));

export function findTerritory(code: string): Territory | undefined {
  return byKey.get(code);
}

export function isTerritoryCode(code: string): boolean {
  return byKey.has(code);
}

/** A région's départements' keys; none for a département. */
export function departmentsOf(regionCode: string): string[] {
  return territories.filter((territory) => territory.parentCode === regionCode).map((t) => t.code);
}

const order = new Map(territories.map((territory, index) => [territory.code, index]));

/** Keys in catalogue order (régions, then départements), without duplicates or unknown keys. */
export function sortTerritoryCodes(codes: Iterable<string>): string[] {
  return [...new Set(codes)]
    .filter((code) => order.has(code))
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}
