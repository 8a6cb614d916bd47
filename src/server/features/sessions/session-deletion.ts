import type { Kysely } from 'kysely';
import { lockSession } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { mailJobKinds } from '../../mail/mail-jobs.ts';

/**
 * Deletes a session for good, with what only it holds: agenda, participants, check-ins,
 * announcements, votes and shared notes go by cascade. What has a life of its own stays, detached
 * (foreign keys SET NULL): next steps (still in their owners' "Mes actions", without a session),
 * boards and polls (still in the circle's lists), and the date poll that scheduled it.
 * Invitations and reminders still queued for it are dropped in the same transaction; one already
 * being sent finds no session and sends nothing.
 */
export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    await trx
      .deleteFrom('jobs')
      .where('status', '=', 'pending')
      .where('kind', 'in', [mailJobKinds.invitation, mailJobKinds.sessionReminder])
      // Payloads are JSON written by enqueueJob: {"sessionId":"<id>",…}; ids have no LIKE wildcard.
      .where('payload', 'like', `%"sessionId":${JSON.stringify(sessionId)}%`)
      .execute();
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
  });
}
