import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BoardColor } from '../../domain/board.ts';
import type { DB } from '../db/schema.ts';

interface DemoNote {
  text: string;
  category: 'next' | 'idea' | 'question';
  cluster?: 'university';
}

/**
 * What the animation team put on its Klaxoon board after the Cercle des cercles, as the meeting's
 * notes tell it (15 June 2021): ideas in yellow, open questions in pink, next steps in BLUE.
 */
const legend: { key: DemoNote['category']; name: string; color: BoardColor; meaning: string }[] = [
  { key: 'next', name: 'BLEU', color: 'blue', meaning: 'Prochains pas' },
  { key: 'idea', name: 'JAUNE', color: 'yellow', meaning: 'Idées' },
  { key: 'question', name: 'ROSE', color: 'pink', meaning: 'Questions ouvertes' },
];

const notes: DemoNote[] = [
  {
    text: 'Proposer un temps inspirant (forum ouvert) pour les participants de l’Université',
    category: 'idea',
    cluster: 'university',
  },
  {
    text: 'Un événement distancié, virtuel, pour inspirer en amont des universités',
    category: 'idea',
    cluster: 'university',
  },
  {
    text: 'Faire un défi « comment porter les cercles sur les territoires »',
    category: 'idea',
    cluster: 'university',
  },
  {
    text: 'Faire converger le mois de l’innovation et l’Université de l’innovation publique',
    category: 'idea',
    cluster: 'university',
  },
  { text: 'Un site virtuel autour de la Riposte créative ?', category: 'idea' },
  {
    text: 'Essaimage : les cercles mobilisent encore peu de monde, besoin d’atterrir et d’essaimer',
    category: 'idea',
  },
  {
    text: 'Capitaliser les bonnes pratiques des cercles : une séance qui concentre tous les ingrédients de la coopération',
    category: 'idea',
  },
  {
    text: 'Portage local : intégrer l’équipe d’organisation de l’Université locale pour influencer',
    category: 'idea',
  },
  { text: 'Qui porte la Riposte le jour J ?', category: 'question' },
  { text: 'Doit-on avoir une nouvelle séance de travail pour creuser des pistes ?', category: 'question' },
  { text: 'abécédaire (gros travail) et dernière séquence Boussole', category: 'next' },
  { text: 'évaluation au sein des cercles', category: 'next' },
  { text: 'scénario pédagogique du REX', category: 'next' },
];

const normalise = (text: string) => text.toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim();

/**
 * The "Cercle des cercles" board of the animation team, attached to the imported session's agenda
 * item when it is there. Blue post-its that match a next step of the session link to that action.
 */
export async function seedDemoBoard(trx: Kysely<DB>, circleId: string, authorIds: string[]) {
  const session = await trx
    .selectFrom('sessions')
    .select('id')
    .where('circleId', '=', circleId)
    .orderBy('startsAt')
    .executeTakeFirst();
  const item = session
    ? await trx
        .selectFrom('agendaItems')
        .select(['id', 'title'])
        .where('sessionId', '=', session.id)
        .where('parentId', 'is', null)
        .execute()
        .then((items) => items.find((candidate) => /cercle des cercles/i.test(candidate.title)))
    : undefined;
  const actions = session
    ? await trx.selectFrom('actions').select(['id', 'title']).where('sessionId', '=', session.id).execute()
    : [];
  const boardId = randomUUID();
  const now = new Date('2021-06-15T10:30:00.000Z');
  await trx
    .insertInto('boards')
    .values({
      id: boardId,
      circleId,
      sessionId: session?.id ?? null,
      agendaItemId: item?.id ?? null,
      title: 'Cercle des cercles\u00a0: idées et prochains pas',
      anonymous: false,
      silent: false,
      locked: false,
      hideDots: false,
      dotsRevealed: false,
      dotsPerParticipant: 3,
      maxDotsPerNote: null,
      votingClosesAt: null,
      createdBy: authorIds[0] ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })
    .execute();
  const categoryIds = new Map<DemoNote['category'], string>();
  for (const [index, category] of legend.entries()) {
    const id = randomUUID();
    categoryIds.set(category.key, id);
    const { key: _key, ...values } = category;
    await trx
      .insertInto('boardCategories')
      .values({ id, boardId, position: index + 1, ...values })
      .execute();
  }
  const clusterId = randomUUID();
  await trx
    .insertInto('boardClusters')
    .values({
      id: clusterId,
      boardId,
      title: 'Université de l’innovation publique',
      createdAt: now.toISOString(),
    })
    .execute();
  for (const [index, note] of notes.entries()) {
    const at = new Date(now.getTime() + index * 60_000).toISOString();
    const action = actions.find((candidate) => normalise(candidate.title) === normalise(note.text));
    await trx
      .insertInto('boardNotes')
      .values({
        id: randomUUID(),
        boardId,
        categoryId: categoryIds.get(note.category) ?? null,
        clusterId: note.cluster ? clusterId : null,
        authorId: authorIds[index % Math.max(authorIds.length, 1)] ?? null,
        text: note.text,
        x: 0,
        y: (index + 1) * 1024,
        hidden: false,
        private: false,
        actionId: action?.id ?? null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
  }
}
