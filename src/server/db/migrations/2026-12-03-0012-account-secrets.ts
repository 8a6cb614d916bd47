import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/** The account mails' subjects up to this migration, in both languages. */
const accountSubjects = [
  'Votre lien de connexion à Archipel',
  'Your Archipel sign-in link',
  'Réinitialiser votre mot de passe Archipel',
  'Reset your Archipel password',
];
/** Secret links as mails carried them up to this migration (frozen copy of log-redaction.ts). */
const secretPaths =
  /(\/calendar-feeds\/|\/date-polls\/by-link\/|\/date-polls\/link\/|\/guest-answers\/|\/date-polls\/[^/?#\s]+\/guest\/|\/unsubscribe\/)[^/?#\s"'<>]+/g;
const secretQuery = /([?&](?:token|code)=)[^&#\s"'<>]*/gi;
const redact = (text: string | null) =>
  text === null ? null : text.replace(secretPaths, '$1[redacted]').replace(secretQuery, '$1[redacted]');

/**
 * Account secrets at rest. Password reset tokens were stored in clear in auth_verifications; from
 * now on only their SHA-256 is. The pending clear ones (at most an hour old) are deleted rather
 * than hashed in place: a reset link sent before the upgrade stops working and is asked for again.
 * The outbox kept whole account mails (working sign-in and reset links) for admins to read, and
 * the secret links of other mails: the former keep their envelope only, the latter lose the links.
 */
export function accountSecrets(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await sql`DELETE FROM auth_verifications WHERE identifier LIKE 'reset-password:%'`.execute(db);

      await db.schema
        .alterTable('outbox_messages')
        .addColumn('content_withheld', t.flag, (c) =>
          c.notNull().defaultTo(dialect === 'postgres' ? false : 0),
        )
        .execute();
      const withheld = dialect === 'postgres' ? sql`true` : sql`1`;
      await sql`UPDATE outbox_messages SET text_body = '', html_body = NULL, headers = NULL,
        content_withheld = ${withheld} WHERE subject IN (${sql.join(accountSubjects)})`.execute(db);
      const rows = await sql<{
        id: string;
        text_body: string;
        html_body: string | null;
        headers: string | null;
      }>`
        SELECT id, text_body, html_body, headers FROM outbox_messages
        WHERE subject NOT IN (${sql.join(accountSubjects)})`.execute(db);
      for (const row of rows.rows) {
        await sql`UPDATE outbox_messages SET text_body = ${redact(row.text_body)},
          html_body = ${redact(row.html_body)}, headers = ${redact(row.headers)}
          WHERE id = ${row.id}`.execute(db);
      }
    },
  };
}
