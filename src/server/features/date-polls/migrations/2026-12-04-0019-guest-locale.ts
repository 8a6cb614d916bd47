import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../../db/database.ts';

/**
 * The language a guest answered a date poll in ('fr' or 'en'): the poll's result reaches them in
 * it. Answers given before keep none and are written to in French, as they were.
 */
export function datePollGuestLocale(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('date_poll_responses').addColumn('guest_locale', 'text').execute();
    },
  };
}
