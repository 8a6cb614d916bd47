import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { writeTerritoryCodes } from '../features/territories/territories.public.ts';

/**
 * Where the demo's circles work (decision 034). The community itself has no territory: the
 * Riposte is national ("les cercles s'affranchissent des frontières physiques"). The meeting of 15
 * June 2021 names two places where the circles land: "Gironde : lancement wiki riposte Gironde […]
 * la Base et Nouvelle Aquitaine […] terrain d'apprentissage", and "réseaux d'innovateurs (Grand
 * Est...)" beside the boussole. The other circles stay national, as the notes leave them.
 */
export const demoCircleTerritories: Record<string, string[]> = {
  'Cercle Codev': ['33'],
  'Cercle arpentage': ['R75'],
  'Cercle des boussoles': ['R44'],
};

/**
 * A few participants with a profile territory, so that the map shows members too. The notes do not
 * say where each person works: these are the demo's choices, one per place the notes name.
 */
export const demoPeopleTerritories: Record<string, string[]> = {
  'Julie Chabaud': ['33'],
  'Isabelle Cazaunau': ['R75'],
  'Bruno Ach': ['R44'],
};

export async function seedDemoTerritories(
  trx: Kysely<DB>,
  ids: { circles: ReadonlyMap<string, string>; people: ReadonlyMap<string, string> },
) {
  for (const [name, codes] of Object.entries(demoCircleTerritories)) {
    const circleId = ids.circles.get(name);
    if (circleId) await writeTerritoryCodes(trx, 'circle', circleId, codes);
  }
  for (const [name, codes] of Object.entries(demoPeopleTerritories)) {
    const userId = ids.people.get(name);
    if (userId) await writeTerritoryCodes(trx, 'user', userId, codes);
  }
}
