import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/**
 * One short-lived mark per guest answer that leaves an e-mail address, so guest answers can be limited per e-mail address and per
 * network address across every instance and restart. Both are kept only as HMACs under the instance
 * secret, and marks older than a day are deleted as new ones come: no address outlives the limit.
 */
export function guestAnswerMarks(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guest_answer_marks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        /** HMAC of the lower-cased e-mail address the guest left (answers without one are not marked). */
        .addColumn('address_hash', 'text', (c) => c.notNull())
        /** HMAC of the network address the answer came from. */
        .addColumn('source_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('guest_answer_marks_address_idx')
        .on('guest_answer_marks')
        .columns(['address_hash', 'created_at'])
        .execute();
      await db.schema
        .createIndex('guest_answer_marks_source_idx')
        .on('guest_answer_marks')
        .columns(['source_hash', 'created_at'])
        .execute();
      await db.schema
        .createIndex('guest_answer_marks_created_idx')
        .on('guest_answer_marks')
        .columns(['created_at'])
        .execute();
    },
  };
}
