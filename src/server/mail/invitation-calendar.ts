import { sessionCalendar } from '../calendar/session-calendar.ts';
import type { MailDeps, Recipient } from './mail-delivery.ts';
import { mailText } from './mail-i18n.ts';
import type { MailAttachment } from './mailer.ts';

/**
 * The session's .ics as an invitation attachment, for someone who may see the session: a member
 * of its circle or one of its listed participants (a poll's guest is listed by name when invited).
 * Nothing for anyone else, nor for a session that is gone. No METHOD:REQUEST: there is no
 * ORGANIZER to reply to, the file only puts the session in a calendar.
 */
export async function sessionCalendarAttachment(
  deps: Pick<MailDeps, 'db' | 'publicUrl'>,
  sessionId: string,
  recipient: Pick<Recipient, 'id' | 'locale' | 'guest'>,
): Promise<MailAttachment[]> {
  const { db } = deps;
  if (!recipient.guest) {
    const row = await db
      .selectFrom('sessions as s')
      .leftJoin('circleMembers as m', (join) =>
        join
          .onRef('m.circleId', '=', 's.circleId')
          .on('m.userId', '=', recipient.id)
          .on('m.status', '=', 'member'),
      )
      .leftJoin('sessionParticipants as p', (join) =>
        join.onRef('p.sessionId', '=', 's.id').on('p.userId', '=', recipient.id),
      )
      .select(['m.userId as memberId', 'p.id as participantId'])
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
    if (!row?.memberId && !row?.participantId) return [];
  } else {
    const exists = await db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!exists) return [];
  }
  const content = await sessionCalendar(db, sessionId, {
    publicUrl: deps.publicUrl,
    locale: recipient.locale,
  });
  return [
    {
      filename: mailText(recipient.locale)('calendar.fileName'),
      content,
      contentType: 'text/calendar; charset=utf-8',
    },
  ];
}
