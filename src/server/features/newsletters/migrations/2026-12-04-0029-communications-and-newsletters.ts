import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * "À communiquer" items gain who flagged them and when (rows written before stay without either:
 * the session's date stands in for them), and a community's newsletters are composed from them.
 * A newsletter copies the text of the items it uses: replacing a session's list later never
 * rewrites a letter already sent. `users.newsletters` is the newsletter preference, beside
 * `mail_preference` (all / digest / none); a newsletter's unsubscribe link turns it off.
 */
export function communicationsAndNewsletters(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const yes = dialect === 'postgres' ? sql`true` : sql`1`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('announcements')
        .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      await db.schema.alterTable('announcements').addColumn('created_at', t.timestamp).execute();
      await db.schema.createIndex('announcements_session').on('announcements').column('session_id').execute();
      await db.schema
        .alterTable('users')
        .addColumn('newsletters', t.flag, (c) => c.notNull().defaultTo(yes))
        .execute();

      await db.schema
        .createTable('newsletters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'sent')`))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('recipient_count', 'integer')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('sent_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('newsletters_community')
        .on('newsletters')
        .columns(['community_id', 'status', 'sent_at'])
        .execute();

      await db.schema
        .createTable('newsletter_items')
        .addColumn('newsletter_id', 'text', (c) =>
          c.notNull().references('newsletters.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('announcement_id', 'text', (c) => c.references('announcements.id').onDelete('set null'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('session_title', 'text', (c) => c.notNull())
        .addColumn('circle_name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_items_pk', ['newsletter_id', 'position'])
        .execute();
      await db.schema
        .createIndex('newsletter_items_announcement')
        .on('newsletter_items')
        .column('announcement_id')
        .execute();

      await db.schema
        .createTable('newsletter_settings')
        .addColumn('community_id', 'text', (c) =>
          c.primaryKey().references('communities.id').onDelete('cascade'),
        )
        .addColumn('public_archive', t.flag, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
