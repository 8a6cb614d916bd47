import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { SlotKind } from '../../domain/event.ts';
import type { DB } from '../db/schema.ts';

/**
 * The seed meeting's plans for the "Université de l'innovation publique territoriale (novembre
 * 2021)": "nombreux sites", "proposer un temps inspirant (forum ouvert) pour les participants",
 * "un événement dans l'événement (novembre = mois de l'innovation publique)", "un évènement
 * distancié, virtuel, pour inspirer en amont", and the challenge "comment porter les cercles sur
 * les territoires". The notes give neither days nor sites: the demo places the Université from 16
 * to 18 November 2021 on the CNFPT's four institutes (by city: the
 * notes give no address) and online, and the network's online forum
 * ouvert on 4 November, ahead of it. Nobody wrote these in the app (no author) and nobody is made
 * to have registered.
 */
export const demoUniversity = {
  title: 'Université de l’innovation publique territoriale — novembre 2021',
  description: [
    'Trois jours pour **inspirer, outiller et relier** celles et ceux qui innovent dans les collectivités, sur de nombreux sites et en ligne.',
    '',
    'La Riposte créative territoriale y porte :',
    '',
    '- un **forum ouvert** en ligne, en amont, pour inspirer les participant·es (un événement dans l’événement : novembre est le mois de l’innovation publique) ;',
    '- un **défi** : « Comment porter les cercles sur les territoires ? » ;',
    '- une séance qui réunit tous les ingrédients de la coopération au sens des cercles.',
  ].join('\n'),
  startsAt: '2021-11-16T09:00:00+01:00',
  endsAt: '2021-11-18T17:30:00+01:00',
} as const;

export const demoForum = {
  title: 'Forum ouvert de la Riposte : inspirer en amont de l’Université',
  description:
    'Un temps inspirant, distancié et virtuel, ouvert à toutes et tous : chacun·e propose une question, ' +
    'on se répartit dans les salles, on circule librement (la loi des deux pieds) et chaque session laisse ses notes.',
  startsAt: '2021-11-04T14:00:00+01:00',
  endsAt: '2021-11-04T17:00:00+01:00',
} as const;

const sites = [
  { key: 'nancy', name: 'INSET de Nancy', address: 'Nancy', capacity: 150 },
  { key: 'angers', name: 'INSET d’Angers', address: 'Angers', capacity: 120 },
  { key: 'montpellier', name: 'INSET de Montpellier', address: 'Montpellier', capacity: 120 },
  { key: 'dunkerque', name: 'INSET de Dunkerque', address: 'Dunkerque', capacity: 100 },
  { key: 'online', name: 'En ligne', address: '', capacity: null, online: true },
] as const;
type SiteKey = (typeof sites)[number]['key'];

const at = (day: number, time: string) => `2021-11-${String(day).padStart(2, '0')}T${time}:00+01:00`;

const programme: {
  title: string;
  kind: SlotKind;
  day: number;
  from: string;
  to: string;
  site: SiteKey | null;
  speakers?: string[];
  capacity?: number;
  description?: string;
}[] = [
  {
    title: 'Ouverture de l’Université',
    kind: 'plenary',
    day: 16,
    from: '09:30',
    to: '10:30',
    site: 'online',
  },
  {
    title: 'Les cercles d’apprentissage : une séance avec tous les ingrédients de la coopération',
    kind: 'workshop',
    day: 16,
    from: '11:00',
    to: '12:30',
    site: 'nancy',
    speakers: ['Riposte créative territoriale'],
    capacity: 20,
    description:
      'Météo, tour de table, partage d’expériences, prochains pas : vivre une séance de cercle en 90 minutes.',
  },
  {
    title: 'Abécédaire de la coopération',
    kind: 'workshop',
    day: 16,
    from: '11:00',
    to: '12:30',
    site: 'angers',
    capacity: 25,
    description: 'Trois mots par lettre, choisis ensemble : ce que coopérer veut dire pour nous.',
  },
  { title: 'Déjeuner', kind: 'break', day: 16, from: '12:30', to: '14:00', site: null },
  {
    title: 'Défi : Comment porter les cercles sur les territoires ?',
    kind: 'challenge',
    day: 16,
    from: '14:00',
    to: '17:00',
    site: 'montpellier',
    speakers: ['Riposte créative territoriale'],
    capacity: 30,
  },
  {
    title: 'La boussole des transitions',
    kind: 'workshop',
    day: 17,
    from: '09:30',
    to: '11:00',
    site: 'dunkerque',
    capacity: 20,
  },
  {
    title: 'Réseaux d’innovateurs : essaimer à partir des territoires',
    kind: 'workshop',
    day: 17,
    from: '09:30',
    to: '11:00',
    site: 'nancy',
    capacity: 25,
  },
  {
    title: 'Défi : restitution des équipes',
    kind: 'challenge',
    day: 18,
    from: '14:00',
    to: '15:30',
    site: 'online',
  },
  { title: 'Clôture', kind: 'plenary', day: 18, from: '16:00', to: '17:30', site: 'online' },
];

export interface DemoEvents {
  universityId: string;
  forumId: string;
}

/** The Université with its sites and programme, and the online forum ouvert within it. */
export async function seedDemoEvents(
  trx: Transaction<DB>,
  communityId: string,
  now: string,
): Promise<DemoEvents> {
  const insertEvent = async (
    input: { title: string; description: string; startsAt: string; endsAt: string },
    parentId: string | null,
  ) => {
    const id = randomUUID();
    await trx
      .insertInto('events')
      .values({
        id,
        communityId,
        parentId,
        title: input.title,
        description: input.description,
        startsAt: new Date(input.startsAt).toISOString(),
        endsAt: new Date(input.endsAt).toISOString(),
        timeZone: 'Europe/Paris',
        visibility: 'public',
        capacity: null,
        cancelledAt: null,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return id;
  };
  const universityId = await insertEvent(demoUniversity, null);
  const siteIds = new Map<SiteKey, string>();
  for (const [index, site] of sites.entries()) {
    const id = randomUUID();
    siteIds.set(site.key, id);
    await trx
      .insertInto('eventSites')
      .values({
        id,
        eventId: universityId,
        position: index + 1,
        name: site.name,
        address: site.address,
        // The real link is the organisers' to give: the demo's points nowhere.
        onlineUrl: 'online' in site ? 'https://visio.example.org/universite-innovation-publique' : null,
        capacity: site.capacity,
        createdAt: now,
      })
      .execute();
  }
  for (const slot of programme) {
    await trx
      .insertInto('eventSlots')
      .values({
        id: randomUUID(),
        eventId: universityId,
        siteId: slot.site ? (siteIds.get(slot.site) ?? null) : null,
        title: slot.title,
        kind: slot.kind,
        startsAt: new Date(at(slot.day, slot.from)).toISOString(),
        endsAt: new Date(at(slot.day, slot.to)).toISOString(),
        speakers: JSON.stringify(slot.speakers ?? []),
        description: slot.description ?? '',
        capacity: slot.capacity ?? null,
        createdAt: now,
      })
      .execute();
  }
  const forumId = await insertEvent(demoForum, universityId);
  await trx
    .insertInto('eventSites')
    .values({
      id: randomUUID(),
      eventId: forumId,
      position: 1,
      name: 'En ligne',
      address: '',
      onlineUrl: 'https://visio.example.org/forum-ouvert-riposte',
      capacity: null,
      createdAt: now,
    })
    .execute();
  return { universityId, forumId };
}
