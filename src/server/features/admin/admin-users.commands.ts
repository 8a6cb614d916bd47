import { type Kysely, PostgresAdapter } from 'kysely';
import type { AdminUserPatch } from '../../../contract/admin.ts';
import type { AuditKind } from '../../../domain/audit.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.public.ts';

/** Who acts, as the audit log keeps it. */
export interface Acting {
  actorId: string;
  ip: string | null;
}

/**
 * Locks every admin account: two admins revoking each other at once would otherwise both see
 * another admin left. On PostgreSQL the second waits and then reads the first one's change;
 * SQLite transactions already begin IMMEDIATE.
 */
async function countAdminsLocked(trx: Kysely<DB>): Promise<number> {
  let query = trx
    .selectFrom('users')
    .select('id')
    .where('isAdmin', '=', true)
    .where('disabledAt', 'is', null);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return (await query.execute()).length;
}

/**
 * Disables or re-enables an account and/or grants or revokes instance admin, in one transaction
 * with its audit entries. An admin cannot disable themselves, and the instance always keeps one
 * admin who can sign in. Disabling deletes the account's sessions. Returns whether sessions ended.
 */
export async function updateAccount(
  db: Kysely<DB>,
  userId: string,
  patch: AdminUserPatch,
  acting: Acting,
): Promise<{ sessionsEnded: boolean }> {
  return db.transaction().execute(async (trx) => {
    const adminCount = await countAdminsLocked(trx);
    const user = await trx
      .selectFrom('users')
      .select(['id', 'isAdmin', 'disabledAt', 'isPlaceholder'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound('User');
    const isAdmin = user.isAdmin === true || user.isAdmin === 1;
    const isDisabled = user.disabledAt !== null;
    const activeAdmin = isAdmin && !isDisabled;
    if (patch.disabled === true && userId === acting.actorId) {
      throw new AppError('CONFLICT', 'You cannot disable your own account', [
        { path: ['body', 'disabled'], message: 'self' },
      ]);
    }
    const losesAdmin = activeAdmin && (patch.admin === false || patch.disabled === true);
    if (losesAdmin && adminCount <= 1) {
      throw new AppError('CONFLICT', 'The instance must keep at least one admin', [
        { path: ['body', patch.admin === false ? 'admin' : 'disabled'], message: 'last admin' },
      ]);
    }
    const kinds: AuditKind[] = [];
    if (patch.disabled !== undefined && patch.disabled !== isDisabled) {
      kinds.push(patch.disabled ? 'admin.user-disable' : 'admin.user-enable');
    }
    if (patch.admin !== undefined && patch.admin !== isAdmin) {
      kinds.push(patch.admin ? 'admin.user-grant-admin' : 'admin.user-revoke-admin');
    }
    if (kinds.length === 0) return { sessionsEnded: false };
    await trx
      .updateTable('users')
      .set({
        ...(patch.disabled !== undefined && {
          disabledAt: patch.disabled ? new Date().toISOString() : null,
        }),
        ...(patch.admin !== undefined && { isAdmin: patch.admin }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    for (const kind of kinds) {
      await recordAudit(trx, {
        kind,
        actorId: acting.actorId,
        ip: acting.ip,
        subject: { kind: 'user', id: userId },
      });
    }
    const disabling = kinds.includes('admin.user-disable');
    if (disabling) await deleteSessions(trx, userId);
    return { sessionsEnded: disabling };
  });
}

/** Ends every session of the account (sign out everywhere), with its audit entry. */
export async function signOutEverywhere(db: Kysely<DB>, userId: string, acting: Acting): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('User');
    await deleteSessions(trx, userId);
    await recordAudit(trx, {
      kind: 'admin.user-sign-out',
      actorId: acting.actorId,
      ip: acting.ip,
      subject: { kind: 'user', id: userId },
    });
  });
}

async function deleteSessions(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx.deleteFrom('authSessions').where('userId', '=', userId).execute();
}
