import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { canSeeCircleContent } from '../features/circles/circles.public.ts';
import type { Viewer } from '../http/viewer.ts';
import { mailText } from './mail-i18n.ts';
import { formatDay, formatWhen, type Locale } from './mail-templates.ts';

/**
 * The Monday digest's lines for one person: their circles' sessions in the coming week and the
 * actions they carry. Each line is kept only if the person may still see it, by the same rule as
 * the HTTP routes (canSeeCircleContent), read as the digest is sent: someone removed from a
 * private circle after being asked to carry one of its actions reads no more of it here.
 */
export async function digestContent(db: Kysely<DB>, reader: Viewer, locale: Locale, publicUrl: string) {
  const now = new Date();
  const inAWeek = new Date(now.getTime() + 7 * 86_400_000);
  const sessions = await db
    .selectFrom('sessions')
    .innerJoin('circleMembers', 'circleMembers.circleId', 'sessions.circleId')
    .innerJoin('circles', 'circles.id', 'sessions.circleId')
    .innerJoin('communities', 'communities.id', 'circles.communityId')
    .select([
      'sessions.id',
      'sessions.circleId',
      'sessions.title',
      'sessions.startsAt',
      'sessions.timeZone',
      'communities.timeZone as communityTimeZone',
      'circles.name as circleName',
    ])
    .where('circleMembers.userId', '=', reader.id)
    .where('circleMembers.status', '=', 'member')
    .where('sessions.cancelledAt', 'is', null)
    .where('sessions.startsAt', '>=', now.toISOString())
    .where('sessions.startsAt', '<', inAWeek.toISOString())
    .orderBy('sessions.startsAt')
    .limit(20)
    .execute();
  const actions = await db
    .selectFrom('actions')
    .innerJoin('actionOwners', 'actionOwners.actionId', 'actions.id')
    .innerJoin('circles', 'circles.id', 'actions.circleId')
    .select([
      'actions.id',
      'actions.circleId',
      'actions.sessionId',
      'actions.title',
      'actions.dueOn',
      'circles.name as circleName',
    ])
    .where('actionOwners.userId', '=', reader.id)
    .where('actions.status', 'in', ['todo', 'in_progress'])
    .orderBy('actions.dueOn')
    .limit(20)
    .execute();
  // One check per circle and session named, however many lines name it.
  const checked = new Map<string, Promise<boolean>>();
  const sees = (about: { circleId: string; sessionId: string | null }) => {
    const key = `${about.circleId}:${about.sessionId ?? ''}`;
    let answer = checked.get(key);
    if (!answer) {
      answer = canSeeCircleContent(db, reader, about);
      checked.set(key, answer);
    }
    return answer;
  };
  const visibleSessions = [];
  for (const s of sessions)
    if (await sees({ circleId: s.circleId, sessionId: s.id })) visibleSessions.push(s);
  const visibleActions = [];
  for (const a of actions) if (await sees(a)) visibleActions.push(a);
  return {
    sessions: visibleSessions.map((s) => ({
      text: mailText(locale)('labelled', {
        label: formatWhen(locale, new Date(s.startsAt), null, s.timeZone, s.communityTimeZone),
        value: `${s.title} (${s.circleName})`,
      }),
      url: `${publicUrl}/sessions/${s.id}`,
    })),
    actions: visibleActions.map((a) => ({
      text: `${a.title} (${a.circleName})${a.dueOn ? ` · ${formatDay(locale, a.dueOn)}` : ''}`,
      url: `${publicUrl}/my-actions`,
    })),
  };
}
