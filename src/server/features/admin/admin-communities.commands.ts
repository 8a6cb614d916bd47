import type { Kysely } from 'kysely';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.public.ts';
import type { Acting } from './admin-users.commands.ts';

/**
 * Hands a community to another account, under the community lock: the account becomes an active
 * animator (joining if it was not a member) and, with `demoteOthers`, the other animators become
 * members. Placeholders and disabled accounts cannot receive it: someone must be able to run it.
 */
export async function transferCommunity(
  db: Kysely<DB>,
  communityId: string,
  input: { userId: string; demoteOthers: boolean },
  acting: Acting,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await lockCommunity(trx, communityId))) throw notFound('Community');
    const user = await trx
      .selectFrom('users')
      .select(['isPlaceholder', 'disabledAt'])
      .where('id', '=', input.userId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!user || user.isPlaceholder === true || user.isPlaceholder === 1 || user.disabledAt !== null) {
      throw new AppError('INVALID_INPUT', 'This account cannot take the community over', [
        { path: ['body', 'userId'], message: user ? 'placeholder or disabled' : 'unknown' },
      ]);
    }
    await trx
      .insertInto('communityMembers')
      .values({
        communityId,
        userId: input.userId,
        role: 'animator',
        status: 'active',
        createdAt: new Date().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(['communityId', 'userId']).doUpdateSet({ role: 'animator', status: 'active' }),
      )
      .execute();
    if (input.demoteOthers) {
      await trx
        .updateTable('communityMembers')
        .set({ role: 'member' })
        .where('communityId', '=', communityId)
        .where('userId', '!=', input.userId)
        .where('role', '=', 'animator')
        .execute();
    }
    await recordAudit(trx, {
      kind: 'admin.community-transfer',
      actorId: acting.actorId,
      ip: acting.ip,
      subject: { kind: 'community', id: communityId },
      detail: `to ${input.userId}${input.demoteOthers ? ', other animators now members' : ''}`,
    });
  });
}

/** Archives (read-only, out of lists for non-members: decision 038) or brings a community back. */
export async function setCommunityArchived(
  db: Kysely<DB>,
  communityId: string,
  archived: boolean,
  acting: Acting,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('communities')
      .select('archivedAt')
      .where('id', '=', communityId)
      .executeTakeFirst();
    if (!row) throw notFound('Community');
    if ((row.archivedAt !== null) === archived) return;
    await trx
      .updateTable('communities')
      .set({ archivedAt: archived ? new Date().toISOString() : null, updatedAt: new Date().toISOString() })
      .where('id', '=', communityId)
      .execute();
    await recordAudit(trx, {
      kind: archived ? 'admin.community-archive' : 'admin.community-unarchive',
      actorId: acting.actorId,
      ip: acting.ip,
      subject: { kind: 'community', id: communityId },
    });
  });
}
