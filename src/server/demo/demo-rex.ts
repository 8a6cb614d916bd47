import type { Transaction } from 'kysely';
import type { LearningDesignCreate } from '../../contract/learning-design.ts';
import type { DB } from '../db/schema.ts';
import { createDesign, scheduleDesign, writeReviewedCircles } from '../features/rex/rex.public.ts';
import { setOwnParticipation } from '../features/sessions/sessions.public.ts';

/**
 * The seed meeting's "scénario pédagogique du REX", a next step of 15 June 2021, written as a
 * learning design: a proposal of sequences for the REX the notes plan "en septembre", "avec
 * facilitateur.trices, membres des cercles, agents CNFPT qui souhaitent découvrir les cercles" to
 * decide "Reconduite ou déploiement". It is a design, not a record: nobody wrote it in the app
 * (no author), and no review, answer or decision is made up.
 */
export const demoRexDesign: LearningDesignCreate = {
  title: 'Scénario pédagogique du REX',
  objectives: [
    'Partager le bilan de chaque cercle d’apprentissage : séances, présence, prochains pas',
    'Faire découvrir les cercles aux agents du CNFPT qui le souhaitent',
    'Décider pour chaque cercle : reconduite ou déploiement',
  ],
  audience: 'Facilitateur·rices, membres des cercles, agents CNFPT qui souhaitent découvrir les cercles',
  sequences: [
    {
      title: 'Accueil et tour de météo',
      minutes: 15,
      method: 'Chacun·e donne sa météo et un mot sur ce que le cercle lui a apporté.',
      lead: 'Équipe d’animation',
    },
    {
      title: 'Les bilans des cercles',
      minutes: 30,
      method: 'Chaque cercle présente son bilan en cinq minutes : séances tenues, présence, prochains pas.',
      materials: 'Les bilans des cercles (page du REX)',
      lead: 'Facilitateur·rices des cercles',
    },
    {
      title: 'Ateliers : ce que nous avons appris',
      minutes: 40,
      method:
        'En sous-groupes qui mêlent membres des cercles et agents qui les découvrent : ce qui marche, ce qui ' +
        'manque, ce qui pourrait essaimer.',
      materials: 'Un tableau à post-its par sous-groupe',
    },
    { title: 'Pause', minutes: 10 },
    {
      title: 'Décisions : reconduite ou déploiement',
      minutes: 20,
      method: 'Pour chaque cercle, la proposition de son ou sa facilitateur·rice, puis la décision.',
      lead: 'Équipe d’animation',
    },
    {
      title: 'Prochains pas et clôture',
      minutes: 5,
      method: 'Les prochains pas avec leurs porteurs et leurs échéances ; un mot de clôture.',
    },
  ],
};

/**
 * The notes place the REX "fin septembre ?" without a day: the demo plans it on the last Tuesday
 * of September 2021 at 14:00, and says in its title that the day is to be confirmed.
 */
export const demoRexStart = '2021-09-28T14:00';

export async function seedDemoRex(
  trx: Transaction<DB>,
  input: { communityId: string; teamCircleId: string; reviewedCircleIds: string[]; userIds: string[] },
): Promise<string> {
  const designId = await createDesign(trx, input.communityId, null, demoRexDesign);
  const design = await trx
    .selectFrom('learningDesigns')
    .select(['title', 'objectives', 'sequences'])
    .where('id', '=', designId)
    .executeTakeFirstOrThrow();
  const sessionId = await scheduleDesign(
    trx,
    design,
    input.teamCircleId,
    null,
    {
      startsAt: demoRexStart,
      timeZone: 'Europe/Paris',
      title: 'REX des cercles d’apprentissage (date à confirmer, fin septembre)',
    },
    'fr',
  );
  await writeReviewedCircles(trx, sessionId, input.reviewedCircleIds, {});
  // The meeting's participants (facilitators and members of the circles) are invited; the curious
  // agents of the CNFPT are not named in the notes, so none is made up.
  for (const userId of input.userIds) await setOwnParticipation(trx, sessionId, userId, 'invited');
  return sessionId;
}
