import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import './account.tables.ts';

/**
 * "Last active" kept cheaply: the viewer resolver tells each verified session (at most every few
 * seconds per session), and this writes `users.last_active_at` at most once per person per UTC day
 * and instance, never waiting for it. Inactive accounts are counted in months, so a day is plenty.
 */
export function lastActivity(db: Kysely<DB>, log: (message: string) => void, now = () => new Date()) {
  const written = new Map<string, string>();
  return (userId: string) => {
    const at = now();
    const day = at.toISOString().slice(0, 10);
    if (written.get(userId) === day) return;
    if (written.size >= 100_000) written.clear();
    written.set(userId, day);
    db.updateTable('users')
      .set({ lastActiveAt: at.toISOString() })
      .where('id', '=', userId)
      .where('deletedAt', 'is', null)
      .execute()
      .catch((error: Error) => {
        written.delete(userId);
        log(`last activity not recorded (${error.message})`);
      });
  };
}
