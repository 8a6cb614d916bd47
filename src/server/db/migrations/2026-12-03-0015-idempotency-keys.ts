import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/**
 * The answers to creating requests sent with an `Idempotency-Key`, so a repeated request (double
 * click, retry after a lost answer) gets the first answer instead of creating again.
 */
export function idempotencyKeys(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        /** Method and path, e.g. `POST /api/v1/circles/c1/sessions`: one key may serve several routes. */
        .addColumn('route', 'text', (c) => c.notNull())
        /** SHA-256 of the request body: the same key with another body is refused. */
        .addColumn('request_hash', 'text', (c) => c.notNull())
        /** Who is running the request now; a finished or abandoned row is matched by it. */
        .addColumn('attempt_id', 'text', (c) => c.notNull())
        /** Null while the first request runs. */
        .addColumn('status_code', 'integer')
        .addColumn('content_type', 'text')
        .addColumn('response_body', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        // The one arbiter of concurrent requests: the second insert of a key finds the first.
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key', 'route'])
        .execute();
      await db.schema
        .createIndex('idempotency_keys_expiry_idx')
        .on('idempotency_keys')
        .column('expires_at')
        .execute();
    },
  };
}
