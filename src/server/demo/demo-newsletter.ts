import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * A draft newsletter of the demo's animation team. The seed meeting's "A communiquer" heading is
 * its last line and is empty, so the imported session flags nothing and this draft carries no
 * item: it is written for the demo (and says so), naming only what the demo really holds, read
 * back from the database so the names match the pages.
 */
export async function seedDemoNewsletter(trx: Transaction<DB>, communityId: string, now: string) {
  const event = await trx
    .selectFrom('events')
    .select('title')
    .where('communityId', '=', communityId)
    .where('parentId', 'is', null)
    .executeTakeFirst();
  const poll = await trx
    .selectFrom('polls')
    .select('title')
    .where('communityId', '=', communityId)
    .executeTakeFirst();
  const lines = [
    '*Brouillon écrit pour la démonstration d’Archipel : il ne vient pas de la réunion du 15 juin 2021, dont la rubrique « A communiquer » est restée vide.*',
    '',
    '## Ce qui se prépare',
    '',
    ...(event ? [`- **${event.title}** : les inscriptions sont ouvertes, sur place ou en ligne.`] : []),
    ...(poll ? [`- **${poll.title}** : votez pour les mots de l’abécédaire.`] : []),
    '- **REX des cercles d’apprentissage** en septembre : chaque cercle fait son bilan.',
    '',
    'Signalez « à communiquer » dans vos séances ce que la communauté doit savoir : l’équipe d’animation le reprendra ici.',
  ];
  await trx
    .insertInto('newsletters')
    .values({
      id: randomUUID(),
      communityId,
      subject: 'La lettre de la Riposte — rentrée 2021 (brouillon de démonstration)',
      body: lines.join('\n'),
      status: 'draft',
      createdBy: null,
      recipientCount: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    })
    .execute();
}
