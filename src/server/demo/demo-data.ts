import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import type { CircleKind, CircleMethod, CircleStatus } from '../../domain/circle.ts';
import { parsePadNotes } from '../../domain/pad-import/parse-pad-notes.ts';
import type { DB } from '../db/schema.ts';
import { storeImportedSession } from '../features/sessions/sessions.public.ts';
import { seedDemoBoard } from './demo-boards.ts';
import { seedDemoBranch } from './demo-branch.ts';
import { seedDemoEvents } from './demo-events.ts';
import { seedDemoGlossary } from './demo-glossary.ts';
import { seedDemoNewsletter } from './demo-newsletter.ts';
import { seedDemoNextMeeting } from './demo-next-meeting.ts';
import { seedDemoPolls } from './demo-polls.ts';
import { seedDemoRex } from './demo-rex.ts';
import { addDemoSignups } from './demo-signups.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoTerritories } from './demo-territories.ts';

/**
 * The demo community, drawn from the animation team's meeting notes of 15 June 2021
 * (shared/seed/000_ccd74ee6f6e0d1ee.txt). Its people are the meeting's participants, as
 * placeholders: they have no password, so nobody can sign in as them, and an animator invites each
 * real person to claim theirs (features/placeholders).
 */
export const demoCommunity = {
  slug: 'riposte-creative-territoriale',
  name: 'Riposte créative territoriale',
  description:
    'La communauté des cercles d’apprentissage et d’entraide de la Riposte créative territoriale : des agents ' +
    'territoriaux, des agents du CNFPT et des chercheurs qui apprennent ensemble, entre pairs, à distance comme ' +
    'dans les territoires.',
  charter:
    'Les cercles posent les bases de la coopération : bienveillance, écoute, confidentialité de ce qui se dit en ' +
    'séance, engagement à venir aux séances prévues. Chaque cercle a un·e facilitateur·rice. Les apprentissages ' +
    'se partagent avec la communauté (retours d’expérience, abécédaire).',
};

export const demoParticipants = [
  'Florent Merlet',
  'Philippe Gambier',
  'Thierry Ambrosini',
  'Sandrine Demoulin-Noirclerc',
  'Bernard Alix',
  'Isabelle Cazaunau',
  'Bruno Ach',
  'Julie Chabaud',
] as const;

interface DemoCircle {
  name: string;
  kind: CircleKind;
  method: CircleMethod;
  status: CircleStatus;
  capacity: number | null;
  intention: string;
  description: string;
}

export const demoCircles: DemoCircle[] = [
  {
    name: 'Équipe d’animation',
    kind: 'animation_team',
    method: 'free',
    status: 'active',
    capacity: null,
    intention: 'Animer la communauté des cercles d’apprentissage et d’entraide, et la faire essaimer.',
    description:
      'Stratégie d’animation de la communauté : retour sur le Cercle des cercles, abécédaire, retour ' +
      'd’expérience des cercles, évaluation des cercles d’apprentissage.',
  },
  {
    name: 'Cercle Codev',
    kind: 'learning_circle',
    method: 'codev',
    status: 'active',
    capacity: 12,
    intention: 'Se consulter entre pairs sur des situations professionnelles réelles (co-développement).',
    description:
      'Une bonne dynamique, en lien avec le cercle sur les sciences comportementales (gamification). ' +
      'Proposition d’échange sur un livre sur le Codev (Claude Champagne).',
  },
  {
    name: 'Cercle sciences comportementales',
    kind: 'learning_circle',
    method: 'behavioural_sciences',
    status: 'active',
    capacity: 12,
    intention: 'Découvrir et expérimenter les sciences comportementales dans l’action publique.',
    description: 'En lien avec le Cercle Codev autour de la gamification.',
  },
  {
    name: 'Cercle arpentage',
    kind: 'learning_circle',
    method: 'arpentage',
    status: 'active',
    capacity: 12,
    intention: 'Lire ensemble un ouvrage en le partageant, puis en débattre (arpentage).',
    description: 'Lecture collective : chacun lit une partie, la restitue, puis le groupe débat.',
  },
  {
    name: 'Cercle des boussoles',
    kind: 'learning_circle',
    method: 'boussole',
    status: 'active',
    capacity: 12,
    intention: 'Construire ensemble des boussoles pour s’orienter dans les transitions.',
    description: 'Fin du cercle des boussoles prévue en septembre, avec une dernière séquence.',
  },
];

/** The animation team's meeting of 15 June 2021, as written in its pad. */
const seedMeeting = new URL('../../../fixtures/seed-meeting-2021-06-15.txt', import.meta.url);

const demoEmail = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@demo.archipel.invalid`;

/**
 * Creates the demo community once, on a database that has none. The flag row and the data commit
 * together, so two instances starting at the same time seed it once.
 */
export async function seedDemoData(db: Kysely<DB>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const anyCommunity = await trx.selectFrom('communities').select('id').limit(1).executeTakeFirst();
    if (anyCommunity) return false;
    const claimed = await trx
      .insertInto('instanceSettings')
      .values({ key: 'demo_seeded', value: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await insertDemo(trx);
    return true;
  });
}

async function insertDemo(trx: Transaction<DB>) {
  const now = new Date().toISOString();
  const userIds = demoParticipants.map(() => randomUUID());
  await trx
    .insertInto('users')
    .values(
      demoParticipants.map((name, index) => ({
        id: userIds[index] ?? randomUUID(),
        name,
        email: demoEmail(name),
        emailVerified: false,
        image: null,
        organisation: null,
        territory: null,
        bio: null,
        // Nobody signs in as them: a steward invites the real person to claim their place.
        isPlaceholder: true,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();

  const communityId = randomUUID();
  await trx
    .insertInto('communities')
    .values({
      id: communityId,
      ...demoCommunity,
      joinPolicy: 'open',
      inviteCode: randomBytes(18).toString('base64url'),
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await trx
    .insertInto('communityMembers')
    .values(
      userIds.map((userId) => ({
        communityId,
        userId,
        role: 'animator' as const,
        status: 'active' as const,
        createdAt: now,
      })),
    )
    .execute();

  const people = demoParticipants.map((name, index) => ({ id: userIds[index] ?? '', name }));
  await seedDemoBranch(trx, { parentId: communityId, people, now });
  await seedDemoGlossary(trx, communityId, await seedDemoPolls(trx, communityId, userIds));
  await seedDemoSurveys(trx, communityId, now);
  await seedDemoEvents(trx, { communityId, userIds, now });
  let teamCircleId: string | undefined;
  const learningCircleIds: string[] = [];
  const circleIds = new Map<string, string>();
  for (const circle of demoCircles) {
    const circleId = randomUUID();
    circleIds.set(circle.name, circleId);
    await trx
      .insertInto('circles')
      .values({
        id: circleId,
        communityId,
        ...circle,
        visibility: 'public',
        joinPolicy: 'open',
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    // The meeting's participants are the animation team; the other circles' members are not named
    // in the notes, so they start empty rather than with invented people.
    if (circle.kind === 'animation_team') {
      await addAnimationTeam(trx, circleId, userIds, now);
      teamCircleId = circleId;
    } else learningCircleIds.push(circleId);
  }
  const peopleByName = new Map(people.map((person) => [person.name, person.id]));
  await seedDemoTerritories(trx, { circles: circleIds, people: peopleByName });
  // "En septembre : REX […] Reconduite ou déploiement": planned in the animation team's circle,
  // reviewing the learning circles.
  if (teamCircleId) {
    await seedDemoRex(trx, { communityId, teamCircleId, reviewedCircleIds: learningCircleIds, userIds });
    await seedDemoNextMeeting(trx, { teamCircleId, userIds, now });
  }
  await seedDemoNewsletter(trx, communityId, now);
}

/** The meeting's participants, then the meeting itself, imported from its pad notes. */
async function addAnimationTeam(trx: Transaction<DB>, circleId: string, userIds: string[], now: string) {
  await trx
    .insertInto('circleMembers')
    .values(
      userIds.map((userId, index) => ({
        circleId,
        userId,
        role: index === 0 ? ('facilitator' as const) : ('member' as const),
        status: 'member' as const,
        position: index + 1,
        createdAt: now,
      })),
    )
    .execute();
  const notes = readFileSync(seedMeeting, 'utf8');
  const imported = parsePadNotes(notes);
  await storeImportedSession(trx, {
    circleId,
    creatorId: null,
    imported,
    date: imported.date ?? '2021-06-15',
    timeZone: 'Europe/Paris',
  });
  await seedDemoBoard(trx, circleId, userIds);
  await addDemoSignups(trx, circleId, userIds, now);
}
