import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Each community's time zone (IANA name, checked with Intl at the edge): the hour of its reminders
 * and digests and the zone of the dates its mails print. Existing communities keep the instance's
 * former single zone.
 */
export function communityTimeZone(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('communities')
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo(sql`'Europe/Paris'`))
        .execute();
    },
  };
}
