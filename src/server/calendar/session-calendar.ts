import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/errors.ts';
import { type CalendarLocale, writeCalendar } from './ics-writer.ts';

/**
 * The .ics of one session (for a download or a mail attachment). It does not check who asks:
 * callers send it only to people who may see the session (the HTTP route goes through
 * getVisibleSession first). Throws NOT_FOUND for an unknown session.
 */
export async function sessionCalendar(
  db: Kysely<DB>,
  sessionId: string,
  options: { publicUrl: string; locale?: CalendarLocale },
): Promise<string> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('circles as c', 'c.id', 's.circleId')
    .selectAll('s')
    .select('c.name as circleName')
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) throw notFound('Session');
  const { circleName, ...session } = row;
  return writeCalendar([{ session, circleName }], {
    publicUrl: options.publicUrl,
    locale: options.locale ?? 'fr',
    name: session.title,
  });
}
