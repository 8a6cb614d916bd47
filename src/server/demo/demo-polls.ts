import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The glossary (abécédaire) vote of the community, "3 mots par lettre", as the seed meeting reports
 * it: the first three words of each letter are the ones the community chose; the last two are
 * candidates that got fewer votes.
 */
export const demoGlossary: { letter: string; chosen: [string, string, string]; others: [string, string] }[] =
  [
    {
      letter: 'A',
      chosen: ['Altérité', 'Apprendre ensemble (Apprenance)', 'Archipel'],
      others: ['Autonomie', 'Audace'],
    },
    {
      letter: 'B',
      chosen: ['Bienveillant', 'Biomimetisme', 'Boussoles'],
      others: ['Bien commun', 'Bricolage'],
    },
    {
      letter: 'C',
      chosen: ['Communauté', 'Coopération ouverte', 'Créativité'],
      others: ['Confiance', 'Curiosité'],
    },
    { letter: 'D', chosen: ['Démocratie', 'Désir', 'Diffusion'], others: ['Dialogue', 'Débat'] },
  ];

/**
 * Who voted what, per letter, for 8 voters: five voters each trade one chosen word for a candidate,
 * so the chosen words get 7, 6 and 6 votes and the candidates 3 and 2 (rotated per letter).
 */
function picks(voter: number, letterIndex: number): number[] {
  const chosen = [0, 1, 2];
  const drop = [0, 1, 2, 1, 2][voter];
  if (drop === undefined) return chosen;
  const swapped = chosen.filter((index) => index !== (drop + letterIndex) % 3);
  return [...swapped, voter < 3 ? 3 : 4];
}

export async function seedDemoPolls(trx: Transaction<DB>, communityId: string, voterIds: string[]) {
  const pollId = randomUUID();
  await trx
    .insertInto('polls')
    .values({
      id: pollId,
      communityId,
      circleId: null,
      sessionId: null,
      title: 'Abécédaire de la communauté\u00a0: 3 mots par lettre',
      description:
        'Pour chaque lettre, choisissez au plus trois mots qui disent ce que sont nos cercles. Les mots retenus ' +
        'nourrissent l’abécédaire présenté au Cercle des cercles.',
      kind: 'sections',
      phase: 'closed',
      maxPerSection: 3,
      minChoices: null,
      maxChoices: null,
      anonymous: false,
      hideResults: false,
      opensAt: '2021-05-17T07:00:00.000Z',
      closesAt: '2021-05-31T16:00:00.000Z',
      closedAt: '2021-05-31T16:00:00.000Z',
      createdBy: voterIds[0] ?? null,
      createdAt: '2021-05-17T07:00:00.000Z',
      updatedAt: '2021-05-31T16:00:00.000Z',
    })
    .execute();
  const optionIds = demoGlossary.map(() => [] as string[]);
  let position = 0;
  for (const [letterIndex, entry] of demoGlossary.entries()) {
    const sectionId = randomUUID();
    await trx
      .insertInto('pollSections')
      .values({ id: sectionId, pollId, position: letterIndex, title: entry.letter })
      .execute();
    for (const text of [...entry.chosen, ...entry.others]) {
      const id = randomUUID();
      optionIds[letterIndex]?.push(id);
      await trx
        .insertInto('pollOptions')
        .values({ id, pollId, sectionId, position: position++, text })
        .execute();
    }
  }
  await trx
    .insertInto('pollBallots')
    .values(
      voterIds.map((userId, voter) => ({
        pollId,
        userId,
        content: JSON.stringify({
          choices: optionIds.flatMap((ids, letterIndex) =>
            picks(voter, letterIndex).map((index) => ids[index] ?? ''),
          ),
        }),
        updatedAt: '2021-05-28T10:00:00.000Z',
      })),
    )
    .execute();
  return pollId;
}
