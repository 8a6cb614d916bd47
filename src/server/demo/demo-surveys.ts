import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { templateQuestions } from '../features/surveys/surveys.public.ts';

/**
 * "Comment évaluer les cercles d'apprentissage ?" and "évaluation au sein des cercles": the
 * community keeps the evaluation questionnaire as its own template, ready for each circle to use
 * at the end of its cycle and for the REX to compare. No questionnaire is sent and no answer is
 * made up: the meeting only decided to build the evaluation.
 */
export async function seedDemoSurveys(trx: Transaction<DB>, communityId: string, now: string) {
  const evaluation = await templateQuestions(trx, 'circle-evaluation', communityId, 'fr');
  await trx
    .insertInto('surveyTemplates')
    .values({
      id: randomUUID(),
      communityId,
      title: 'Évaluation des cercles d’apprentissage de la Riposte',
      description:
        'À proposer aux membres de chaque cercle à la fin de son cycle, avant le retour d’expérience de ' +
        'septembre : les effets sur la pratique, le groupe, ce qui a freiné, ce qui a été appris, le ressenti.',
      questions: JSON.stringify(evaluation.questions),
      createdBy: null,
      createdAt: now,
    })
    .execute();
}
