import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type { ClaimResult } from '../../../contract/placeholder.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import type { PersonColumn } from '../feature-descriptor.ts';
import { claimMailKind } from './claim-mail.ts';
import { CLAIM_TTL_MS, claimTokenHash, freshClaimToken } from './claim-tokens.ts';
import { mergePlaceholder } from './placeholder-merge.ts';
import { claimStateOf } from './placeholders.queries.ts';

/**
 * Invites someone to claim a placeholder: earlier pending invitations for it stop working, the new
 * one is stored (nonce and token hash only) and its mail queued, all in one transaction. Returns
 * the token, for the steward's copyable link.
 */
export async function inviteToClaim(
  db: Kysely<DB>,
  secret: string,
  input: { communityId: string; placeholder: { id: string; name: string }; email: string; invitedBy: string },
): Promise<{ token: string; createdAt: string; expiresAt: string }> {
  const { nonce, token, tokenHash } = freshClaimToken(secret);
  const now = new Date();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + CLAIM_TTL_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('placeholderInvitations')
      .set({ revokedAt: createdAt })
      .where('placeholderId', '=', input.placeholder.id)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .execute();
    const id = randomUUID();
    await trx
      .insertInto('placeholderInvitations')
      .values({
        id,
        placeholderId: input.placeholder.id,
        placeholderName: input.placeholder.name,
        communityId: input.communityId,
        email: input.email,
        nonce,
        tokenHash,
        invitedBy: input.invitedBy,
        createdAt,
        expiresAt,
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      })
      .execute();
    await enqueueJob(trx, {
      kind: claimMailKind,
      payload: { invitationId: id },
      key: `placeholder-claim:${id}`,
    });
  });
  return { token, createdAt, expiresAt };
}

/** Withdraws the pending invitation of a placeholder: its link stops working. */
export async function revokeClaimInvitation(db: Kysely<DB>, placeholderId: string): Promise<void> {
  await db
    .updateTable('placeholderInvitations')
    .set({ revokedAt: new Date().toISOString() })
    .where('placeholderId', '=', placeholderId)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .execute();
}

const refusals = {
  accepted: 'This invitation has already been accepted',
  expired: 'This invitation has expired: ask for a new one',
  revoked: 'This invitation was replaced or withdrawn: ask for a new one',
} as const;

/**
 * Accepts an invitation: under the invitation's row lock it is checked (pending), marked
 * accepted and the placeholder merged into the account, in one transaction. Two accepts at once
 * (two tabs, two people holding the link) find it accepted after the first: single use.
 */
export async function acceptClaim(
  db: Kysely<DB>,
  token: string,
  accountId: string,
  personColumns: readonly PersonColumn[],
): Promise<ClaimResult> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('placeholderInvitations as i')
      .innerJoin('communities as c', 'c.id', 'i.communityId')
      .select(['i.id', 'i.placeholderId', 'i.placeholderName', 'i.acceptedAt', 'i.revokedAt', 'i.expiresAt'])
      .select('c.slug as communitySlug')
      .where('i.tokenHash', '=', claimTokenHash(token));
    if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate('i');
    const invitation = await query.executeTakeFirst();
    if (!invitation) throw notFound('Invitation');
    const state = claimStateOf(invitation);
    if (state !== 'pending' || invitation.placeholderId === null) {
      throw new AppError('CONFLICT', refusals[state === 'pending' ? 'revoked' : state], { state });
    }
    const account = await trx
      .selectFrom('users')
      .select('isPlaceholder')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    if (account.isPlaceholder === true || account.isPlaceholder === 1) {
      throw new AppError('FORBIDDEN', 'A placeholder cannot claim another one');
    }
    await trx
      .updateTable('placeholderInvitations')
      .set({ acceptedAt: new Date().toISOString(), acceptedBy: accountId })
      .where('id', '=', invitation.id)
      .execute();
    const counts = await mergePlaceholder(trx, invitation.placeholderId, accountId, personColumns);
    return {
      communitySlug: invitation.communitySlug,
      placeholderName: invitation.placeholderName,
      ...counts,
    };
  });
}
