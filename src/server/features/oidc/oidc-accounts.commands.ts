import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toBool } from '../../db/columns.ts';
import { isUniqueViolation } from '../../db/constraint-errors.ts';
import type { DB } from '../../db/schema.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { recordAudit } from '../audit/audit.public.ts';
import { claimFirstAdmin } from '../users/users.public.ts';
import { type OidcIdentity, profileNameOf } from './oidc-identity.ts';
import { OidcRefusal } from './oidc-refusal.ts';

/** The providerId of accounts linked through single sign-on (auth_accounts, better-auth's table). */
export const OIDC_PROVIDER_ID = 'oidc';

export interface AccountOutcome {
  userId: string;
  how: 'known' | 'linked' | 'created';
  /** Sessions and passwords set up by whoever registered the address before it was proven. */
  revokedUnprovenAccess: boolean;
}

interface Context {
  locale: Locale;
  ip: string | null;
  /** Addresses the provider vouches for without saying so (OIDC_ASSUME_EMAIL_VERIFIED). */
  assumeEmailVerified: boolean;
}

/**
 * Finds the account of the person the provider proved, links it by address or creates it, in one
 * transaction with its audit entry. Links by address only when the provider says the address is
 * verified: otherwise whoever controls an account at the provider could take over any Archipel
 * account by typing its address there.
 */
export async function accountForIdentity(
  db: Kysely<DB>,
  identity: OidcIdentity,
  context: Context,
): Promise<AccountOutcome> {
  try {
    return await db.transaction().execute((trx) => resolve(trx, identity, context));
  } catch (error) {
    // Two first sign-ins of one person at once: the unique keys (provider + subject, address)
    // stopped the second; it finds what the first created.
    if (!isUniqueViolation(error)) throw error;
    return db.transaction().execute((trx) => resolve(trx, identity, context));
  }
}

async function resolve(trx: Kysely<DB>, identity: OidcIdentity, context: Context): Promise<AccountOutcome> {
  const linked = await trx
    .selectFrom('authAccounts')
    .select('userId')
    .where('providerId', '=', OIDC_PROVIDER_ID)
    .where('accountId', '=', identity.subject)
    .executeTakeFirst();
  if (linked) return { userId: linked.userId, how: 'known', revokedUnprovenAccess: false };

  const { email } = identity;
  if (!email) throw new OidcRefusal('no email', 'unverified');
  const verified = identity.emailVerified ?? context.assumeEmailVerified;
  if (!verified) {
    throw new OidcRefusal(
      identity.emailVerified === false ? 'email not verified' : 'email_verified absent',
      'unverified',
    );
  }
  const now = new Date().toISOString();
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'emailVerified', 'isPlaceholder'])
    .where('email', '=', email)
    .executeTakeFirst();

  if (existing) {
    // A placeholder is claimed through its invitation (placeholders feature), as a registration
    // with its address would be refused.
    if (toBool(existing.isPlaceholder)) throw new OidcRefusal('address held by a placeholder');
    const unproven = !toBool(existing.emailVerified);
    if (unproven) {
      // Whoever registered this address before its owner proved it keeps nothing: as with a first
      // sign-in link (auth.ts), their password and sessions go.
      await trx
        .deleteFrom('authAccounts')
        .where('userId', '=', existing.id)
        .where('providerId', '=', 'credential')
        .execute();
      await trx.deleteFrom('authSessions').where('userId', '=', existing.id).execute();
      await trx
        .updateTable('users')
        .set({ emailVerified: true, updatedAt: now })
        .where('id', '=', existing.id)
        .execute();
    }
    await insertLink(trx, existing.id, identity.subject, now);
    await recordAudit(trx, {
      kind: 'auth.oidc-linked',
      actorId: existing.id,
      subject: { kind: 'user', id: existing.id },
      ip: context.ip,
      ...(unproven && { detail: 'unproven address: password and sessions removed' }),
    });
    return { userId: existing.id, how: 'linked', revokedUnprovenAccess: unproven };
  }

  const userId = randomUUID();
  await trx
    .insertInto('users')
    .values({
      id: userId,
      name: profileNameOf({ ...identity, email }),
      email,
      emailVerified: true,
      image: null,
      createdAt: now,
      updatedAt: now,
      organisation: null,
      territory: null,
      bio: null,
      locale: context.locale,
    })
    .execute();
  await insertLink(trx, userId, identity.subject, now);
  await claimFirstAdmin(trx, userId);
  await recordAudit(trx, {
    kind: 'auth.sign-up',
    actorId: userId,
    subject: { kind: 'user', id: userId },
    ip: context.ip,
    detail: 'oidc',
  });
  return { userId, how: 'created', revokedUnprovenAccess: false };
}

async function insertLink(trx: Kysely<DB>, userId: string, subject: string, now: string): Promise<void> {
  await trx
    .insertInto('authAccounts')
    .values({
      id: randomUUID(),
      userId,
      providerId: OIDC_PROVIDER_ID,
      accountId: subject,
      accessToken: null,
      refreshToken: null,
      idToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      scope: null,
      password: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}
