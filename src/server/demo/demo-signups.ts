import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { zonedInstant } from '../../domain/zoned-time.ts';
import type { DB } from '../db/schema.ts';

/** The calendar day `days` after `from`, as "YYYY-MM-DD" (UTC is fine for a demo's dates). */
function dayAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The seed meeting's "Qui veut y travailler ? Inscrivez-vous ici" and "Organisation de deux
 * séances de travail (framadate ?)", as the animation team would now run them: a sign-up sheet
 * with the two topics, and a date poll with a few answers already in.
 */
export async function addDemoSignups(trx: Transaction<DB>, circleId: string, userIds: string[], now: string) {
  const [florent, philippe, thierry, sandrine, bernard, isabelle] = userIds;
  if (!florent || !philippe || !thierry || !sandrine || !bernard || !isabelle) return;

  const sheetId = randomUUID();
  await trx
    .insertInto('signupSheets')
    .values({ id: sheetId, circleId, title: 'Qui veut y travailler ?', createdBy: florent, createdAt: now })
    .execute();
  const topics = [
    { title: 'Retour d’expérience des cercles', capacity: 4, people: [philippe, sandrine, bernard] },
    { title: 'Évaluation des cercles d’apprentissage', capacity: null, people: [thierry, isabelle] },
  ];
  for (const [index, topic] of topics.entries()) {
    const topicId = randomUUID();
    await trx
      .insertInto('signupTopics')
      .values({
        id: topicId,
        sheetId,
        position: index + 1,
        title: topic.title,
        capacity: topic.capacity,
        workingGroupId: null,
      })
      .execute();
    await trx
      .insertInto('signupEntries')
      .values(
        topic.people.map((userId, position) => ({
          id: randomUUID(),
          topicId,
          userId,
          note: '',
          status: 'confirmed' as const,
          position: position + 1,
          createdAt: now,
        })),
      )
      .execute();
  }

  const pollId = randomUUID();
  await trx
    .insertInto('datePolls')
    .values({
      id: pollId,
      circleId,
      title: 'Deux séances de travail',
      timeZone: 'Europe/Paris',
      deadline: null,
      hideParticipants: false,
      shareToken: randomBytes(24).toString('base64url'),
      status: 'open',
      chosenSlotId: null,
      sessionId: null,
      createdBy: florent,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  // Tuesdays and Thursdays at lunchtime, from the Tuesday at least a week ahead.
  const weekAhead = new Date(Date.parse(now) + 7 * 86_400_000);
  const start = new Date(weekAhead.getTime() + ((9 - weekAhead.getUTCDay()) % 7) * 86_400_000);
  const slots = [0, 2, 7, 9].map((days, index) => ({
    id: randomUUID(),
    pollId,
    position: index + 1,
    startsAt: zonedInstant(dayAfter(start, days), '12:00', 'Europe/Paris').toISOString(),
    endsAt: zonedInstant(dayAfter(start, days), '13:30', 'Europe/Paris').toISOString(),
  }));
  await trx.insertInto('datePollSlots').values(slots).execute();
  const answers: [string | null, string, ('yes' | 'maybe' | 'no')[]][] = [
    [philippe, '', ['yes', 'no', 'yes', 'maybe']],
    [sandrine, 'Le jeudi m’arrange mieux.', ['maybe', 'yes', 'yes', 'no']],
    [bernard, '', ['no', 'yes', 'yes', 'yes']],
    [null, 'Julie Chabaud', ['yes', 'maybe', 'no', 'yes']],
  ];
  for (const [userId, text, values] of answers) {
    const responseId = randomUUID();
    await trx
      .insertInto('datePollResponses')
      .values({
        id: responseId,
        pollId,
        userId,
        // A guest's row: her private link was "sent" to her, so only its hash exists.
        guestName: userId ? null : text,
        guestEmail: null,
        editTokenHash: userId ? null : createHash('sha256').update(randomBytes(24)).digest('hex'),
        comment: userId ? text : '',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('datePollAnswers')
      .values(values.map((value, index) => ({ responseId, slotId: slots[index]?.id ?? '', value })))
      .execute();
  }
}
