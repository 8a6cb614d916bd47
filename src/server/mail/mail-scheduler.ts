import type { Kysely } from 'kysely';
import { DEFAULT_TIME_ZONE, zonedParts } from '../../domain/zoned-time.ts';
import { toIso } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import { mailJobKinds } from './mail-jobs.ts';

const HOUR = 3_600_000;
/** The longest reminder a circle may ask for (one week), so the search window is bounded. */
const MAX_REMINDER_HOURS = 168;
/** Digests and action reminders go out from this hour (the community's time), not at midnight. */
const MORNING_HOUR = 8;
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Enqueues what is due at `now`: session reminders, action reminders and the Monday digest. Every
 * job has a deterministic key, so any number of instances running this every minute, restarts
 * included, create each mail once. Preferences are applied here (who gets a job) and again when
 * the mail is sent (a preference changed in between wins).
 */
export async function scheduleDueMail(db: Kysely<DB>, now = new Date()): Promise<number> {
  let created = 0;
  const count = (result: { created: boolean }) => {
    if (result.created) created += 1;
  };

  const sessions = await db
    .selectFrom('sessions')
    .innerJoin('circles', 'circles.id', 'sessions.circleId')
    .select([
      'sessions.id',
      'sessions.circleId',
      'sessions.startsAt',
      'circles.reminderHours',
      'circles.visibility',
    ])
    .where('sessions.status', '=', 'scheduled')
    .where('sessions.cancelledAt', 'is', null)
    .where('circles.reminderHours', 'is not', null)
    .where('sessions.startsAt', '>', now.toISOString())
    .where('sessions.startsAt', '<=', new Date(now.getTime() + MAX_REMINDER_HOURS * HOUR).toISOString())
    .execute();
  for (const session of sessions) {
    const startsAt = new Date(session.startsAt);
    if (startsAt.getTime() - (session.reminderHours ?? 0) * HOUR > now.getTime()) continue;
    const people = await db
      .selectFrom('users')
      .select('users.id')
      .where('users.mailPreference', '=', 'all')
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('circleMembers')
              .select('circleMembers.userId')
              .whereRef('circleMembers.userId', '=', 'users.id')
              .where('circleMembers.circleId', '=', session.circleId)
              .where('circleMembers.status', '=', 'member'),
          ),
          // People listed on the session who are not members (they left the circle) are reminded only
          // of a public circle's session: any other is hidden from them now, and no mail may name it.
          session.visibility === 'public'
            ? eb.exists(
                eb
                  .selectFrom('sessionParticipants')
                  .select('sessionParticipants.userId')
                  .whereRef('sessionParticipants.userId', '=', 'users.id')
                  .where('sessionParticipants.sessionId', '=', session.id)
                  .where('sessionParticipants.status', '!=', 'excused'),
              )
            : eb.val(false),
        ]),
      )
      // A member who said they cannot come is not reminded.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('sessionParticipants')
              .select('sessionParticipants.userId')
              .whereRef('sessionParticipants.userId', '=', 'users.id')
              .where('sessionParticipants.sessionId', '=', session.id)
              .where('sessionParticipants.status', '=', 'excused'),
          ),
        ),
      )
      .execute();
    const startsAtIso = toIso(session.startsAt);
    // Keys already queued for this session: each later tick then costs one read, not one insert
    // attempt per person.
    const queued = new Set(
      (
        await db
          .selectFrom('jobs')
          .select('key')
          .where('key', 'like', `reminder:session:${session.id}:%`)
          .execute()
      ).map((job) => job.key),
    );
    for (const person of people) {
      if (queued.has(`reminder:session:${session.id}:${person.id}:${startsAtIso}`)) continue;
      count(
        await enqueueJob(db, {
          kind: mailJobKinds.sessionReminder,
          payload: { sessionId: session.id, userId: person.id, startsAt: startsAtIso },
          key: `reminder:session:${session.id}:${person.id}:${startsAtIso}`,
        }),
      );
    }
  }

  // Each community's morning comes at its own hour: Nouméa's 8:00 is Paris's 22:00 the day before.
  const zones = await db.selectFrom('communities').select('timeZone').distinct().execute();
  for (const timeZone of new Set([DEFAULT_TIME_ZONE, ...zones.map((zone) => zone.timeZone)])) {
    const local = zonedParts(now, timeZone);
    if (local.hour < MORNING_HOUR) continue;
    const tomorrow = addDays(local.date, 1);
    const owners = await db
      .selectFrom('actions')
      .innerJoin('circles', 'circles.id', 'actions.circleId')
      .innerJoin('communities', 'communities.id', 'circles.communityId')
      .innerJoin('actionOwners', 'actionOwners.actionId', 'actions.id')
      .innerJoin('users', 'users.id', 'actionOwners.userId')
      .select(['actions.id as actionId', 'users.id as userId'])
      .where('communities.timeZone', '=', timeZone)
      .where('actions.dueOn', '=', tomorrow)
      .where('actions.status', 'in', ['todo', 'in_progress'])
      .where('users.mailPreference', '=', 'all')
      .execute();
    for (const owner of owners) {
      count(
        await enqueueJob(db, {
          kind: mailJobKinds.actionDue,
          payload: { actionId: owner.actionId, userId: owner.userId, dueOn: tomorrow },
          key: `reminder:action:${owner.actionId}:${owner.userId}:${tomorrow}`,
        }),
      );
    }
    if (local.weekday === 'Mon') {
      // One batch per zone; a person in communities of several zones gets the digest of the first
      // Monday morning among them (the per-person key of the week lets no second one through).
      count(
        await enqueueJob(db, {
          kind: mailJobKinds.weeklyDigestFanout,
          payload: { week: local.date, timeZone },
          key: timeZone === DEFAULT_TIME_ZONE ? `digest:${local.date}` : `digest:${local.date}:${timeZone}`,
        }),
      );
    }
  }
  return created;
}
