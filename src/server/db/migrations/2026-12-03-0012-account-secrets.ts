import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Account secrets at rest. Password reset tokens were stored in clear in auth_verifications; from
 * now on only their SHA-256 is. The pending clear ones (at most an hour old) are deleted rather
 * than hashed in place: a reset link sent before the upgrade stops working and is asked for again.
 */
export function accountSecrets(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`DELETE FROM auth_verifications WHERE identifier LIKE 'reset-password:%'`.execute(db);
    },
  };
}
