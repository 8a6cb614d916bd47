import type { TerritoryMapEntry } from '../../../contract/territory.ts';

/** The shades of the map, from none to "3 or more" (the legend says the same). */
export const shades = ['#eef2f4', '#a9d3dd', '#4f9bb0', '#0e5a6e'] as const;
export const levelCount = shades.length;
/** The legend's levels: 0, 1, 2, then "3 or more". */
export const levels = [0, 1, 2, 3] as const;

export function shadeOf(count: number): string {
  return shades[Math.min(count, levelCount - 1)] ?? shades[0];
}

/** A département's figures: its own circles, and those linked to its whole région. */
export interface DepartmentFigures {
  own: number;
  regional: number;
  /** The table row its link leads to: the département's, else its région's, else none. */
  target: string | null;
}

export function departmentFigures(
  code: string,
  regionCode: string | undefined,
  entries: ReadonlyMap<string, TerritoryMapEntry>,
): DepartmentFigures {
  const own = entries.get(code)?.circles ?? 0;
  const region = regionCode ? entries.get(regionCode) : undefined;
  const regional = region?.ownCircles ?? 0;
  const target = entries.has(code) ? code : region ? (regionCode ?? null) : null;
  return { own, regional, target };
}
