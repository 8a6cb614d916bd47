import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/** Frozen copies of the value lists, so this file keeps producing the same schema. */
function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/**
 * Background jobs (a durable queue with leases), one row per mail ever sent (idempotency), the
 * richer outbox, each person's mail preference and each circle's reminder setting.
 */
export function jobsAndMail(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        // Idempotent enqueue: a second job with the same key is never created (NULLs do not clash).
        .addColumn('key', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(oneOf('status', ['pending', 'running', 'done', 'failed'])),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts > 0`))
        .addColumn('run_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('finished_at', t.timestamp)
        .execute();
      await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();

      await db.schema
        .createTable('mail_deliveries')
        .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
        .addColumn('job_id', 'text')
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(oneOf('status', ['sending', 'sent', 'skipped'])),
        )
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('sent_at', t.timestamp)
        .execute();

      await db.schema.alterTable('outbox_messages').addColumn('html_body', 'text').execute();
      await db.schema.alterTable('outbox_messages').addColumn('headers', 'text').execute();
      await db.schema.alterTable('outbox_messages').addColumn('attachment_names', 'text').execute();

      await db.schema
        .alterTable('users')
        .addColumn('mail_preference', 'text', (c) =>
          c
            .notNull()
            .defaultTo('all')
            .check(oneOf('mail_preference', ['all', 'digest', 'none'])),
        )
        .execute();
      // Hours before a session its reminder goes out; NULL means no reminder for this circle.
      await db.schema
        .alterTable('circles')
        .addColumn('reminder_hours', 'integer', (c) =>
          c
            .defaultTo(24)
            .check(sql`reminder_hours is null or (reminder_hours >= 1 and reminder_hours <= 168)`),
        )
        .execute();
    },
  };
}
