import type { Transaction } from 'kysely';
import { zonedInstant } from '../../domain/zoned-time.ts';
import type { DB } from '../db/schema.ts';
import { createSessionWithAgenda, setOwnParticipation } from '../features/sessions/sessions.public.ts';

const ZONE = 'Europe/Paris';

/** The first Tuesday at least a week after `now`, as a calendar day. */
function tuesdayAfterAWeek(now: string): string {
  const weekAhead = new Date(Date.parse(now) + 7 * 86_400_000);
  const days = (2 - weekAhead.getUTCDay() + 7) % 7;
  return new Date(weekAhead.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The animation team's next meeting, so that the demo has a "next session" where the 15 June
 * 2021 next steps come back. The notes give no date for it: like the date poll's slots, it is
 * placed after the day the demo is created (a Tuesday, 12:00–13:30 like the seed meeting), and
 * its description says it was added for the demonstration. Its agenda only takes up what the
 * notes leave open; nothing is invented as said.
 */
export async function seedDemoNextMeeting(
  trx: Transaction<DB>,
  input: { teamCircleId: string; userIds: string[]; now: string },
): Promise<string> {
  const day = tuesdayAfterAWeek(input.now);
  const at = (time: string) => zonedInstant(day, time, ZONE).toISOString();
  const sessionId = await createSessionWithAgenda(
    trx,
    input.teamCircleId,
    null,
    {
      title: 'Réunion de l’équipe d’animation',
      startsAt: at('12:00'),
      endsAt: at('13:30'),
      timeZone: ZONE,
      description:
        'Réunion suivante de l’équipe d’animation, ajoutée pour la démonstration : les notes du 15 juin ' +
        '2021 n’en donnent pas la date.',
    },
    [
      { title: 'Un tour de météo', startsAt: at('12:00'), endsAt: at('12:10'), kind: 'checkin' },
      {
        title: 'Nos prochains pas du 15 juin : où en sommes-nous ?',
        startsAt: at('12:10'),
        endsAt: at('12:50'),
      },
      {
        title: 'Retour d’expérience des cercles : les deux séances de travail',
        startsAt: at('12:50'),
        endsAt: at('13:20'),
      },
      { title: 'À communiquer', startsAt: at('13:20'), endsAt: at('13:30') },
    ],
  );
  for (const userId of input.userIds) await setOwnParticipation(trx, sessionId, userId, 'invited');
  return sessionId;
}
