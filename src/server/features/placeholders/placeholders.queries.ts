import type { Kysely } from 'kysely';
import type { ClaimPreview, Placeholder } from '../../../contract/placeholder.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { findCommunityMembership } from '../communities/communities.public.ts';
import { claimTokenHash, claimTokenOf, claimUrl } from './claim-tokens.ts';

/** Placeholders with a standing in the community or in one of its circles. */
function placeholdersOf(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.isPlaceholder', '=', true)
    .where((eb) =>
      eb.or([
        eb(
          'u.id',
          'in',
          eb.selectFrom('communityMembers').select('userId').where('communityId', '=', communityId),
        ),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('circleMembers as m')
            .innerJoin('circles as c', 'c.id', 'm.circleId')
            .select('m.userId')
            .where('c.communityId', '=', communityId),
        ),
      ]),
    );
}

const placeholderOrder: Keyset<{ id: string; name: string }> = {
  list: 'placeholders',
  keys: [{ expr: 'u.name', kind: 'text' }],
  id: 'u.id',
  of: (row) => ({ keys: [row.name], id: row.id }),
};

/**
 * The community's placeholders with what is theirs there, and each one's pending invitation with
 * its link (rebuilt from the nonce) for the steward to copy.
 */
export async function listPlaceholders(
  db: Kysely<DB>,
  communityId: string,
  links: { secret: string; publicUrl: string },
  page: PageRequest,
): Promise<{ items: Placeholder[]; nextCursor: string | null }> {
  const rows = await pageQuery(placeholdersOf(db, communityId), placeholderOrder, page).execute();
  const { items: people, nextCursor } = toPage(rows, placeholderOrder, page);
  return { items: await withStanding(db, communityId, links, people), nextCursor };
}

async function withStanding(
  db: Kysely<DB>,
  communityId: string,
  links: { secret: string; publicUrl: string },
  people: { id: string; name: string }[],
): Promise<Placeholder[]> {
  if (people.length === 0) return [];
  const ids = people.map((person) => person.id);
  const [circles, actions, sessions, invitations] = await Promise.all([
    db
      .selectFrom('circleMembers as m')
      .innerJoin('circles as c', 'c.id', 'm.circleId')
      .select(['m.userId', 'c.id', 'c.name', 'm.role'])
      .where('c.communityId', '=', communityId)
      .where('m.userId', 'in', ids)
      .orderBy('c.name')
      .execute(),
    db
      .selectFrom('actionOwners as o')
      .innerJoin('actions as a', 'a.id', 'o.actionId')
      .innerJoin('circles as c', 'c.id', 'a.circleId')
      .select('o.userId')
      .where('c.communityId', '=', communityId)
      .where('o.userId', 'in', ids)
      .execute(),
    db
      .selectFrom('sessionParticipants as p')
      .innerJoin('sessions as s', 's.id', 'p.sessionId')
      .innerJoin('circles as c', 'c.id', 's.circleId')
      .select('p.userId')
      .where('c.communityId', '=', communityId)
      .where('p.userId', 'in', ids)
      .execute(),
    pendingInvitations(db)
      .select(['placeholderId', 'email', 'nonce', 'createdAt', 'expiresAt'])
      .where('communityId', '=', communityId)
      .where('placeholderId', 'in', ids)
      .execute(),
  ]);
  const count = (rows: { userId: string | null }[], id: string) => rows.filter((r) => r.userId === id).length;
  return people.map((person) => {
    const invitation = invitations.find((row) => row.placeholderId === person.id);
    return {
      id: person.id,
      name: person.name,
      circles: circles
        .filter((row) => row.userId === person.id)
        .map((row) => ({ id: row.id, name: row.name, role: row.role })),
      actionCount: count(actions, person.id),
      sessionCount: count(sessions, person.id),
      invitation: invitation
        ? {
            email: invitation.email,
            createdAt: toIso(invitation.createdAt),
            expiresAt: toIso(invitation.expiresAt),
            url: claimUrl(links.publicUrl, claimTokenOf(links.secret, invitation.nonce)),
          }
        : null,
    };
  });
}

/** Invitations still waiting for their answer: not accepted, not replaced, not expired. */
export function pendingInvitations(db: Kysely<DB>) {
  return db
    .selectFrom('placeholderInvitations')
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date().toISOString());
}

/** A placeholder of this community, or 404: stewards of one community never reach another's. */
export async function getCommunityPlaceholder(db: Kysely<DB>, communityId: string, placeholderId: string) {
  const row = await placeholdersOf(db, communityId).where('u.id', '=', placeholderId).executeTakeFirst();
  if (!row) throw notFound('Placeholder');
  return row;
}

/**
 * Who may invite someone to claim a placeholder: the community's animators (and instance admins,
 * as for every community steering), and the facilitators of a circle the placeholder belongs to.
 */
export async function requirePlaceholderSteward(
  db: Kysely<DB>,
  communityId: string,
  placeholderId: string,
  viewer: Viewer,
): Promise<void> {
  if (viewer.isAdmin) return;
  const membership = await findCommunityMembership(db, communityId, viewer.id);
  if (membership?.role === 'animator' && membership.status === 'active') return;
  const facilitated = await db
    .selectFrom('circleMembers as mine')
    .innerJoin('circleMembers as theirs', 'theirs.circleId', 'mine.circleId')
    .innerJoin('circles as c', 'c.id', 'mine.circleId')
    .select('c.id')
    .where('c.communityId', '=', communityId)
    .where('mine.userId', '=', viewer.id)
    .where('mine.role', '=', 'facilitator')
    .where('mine.status', '=', 'member')
    .where('theirs.userId', '=', placeholderId)
    .executeTakeFirst();
  if (!facilitated) {
    throw new AppError(
      'FORBIDDEN',
      'Only the community’s animators and the circle’s facilitators can invite',
    );
  }
}

/** Whether the viewer may see the community's placeholders at all (any steward in it). */
export async function isCommunitySteward(db: Kysely<DB>, communityId: string, viewer: Viewer) {
  if (viewer.isAdmin) return true;
  const membership = await findCommunityMembership(db, communityId, viewer.id);
  if (membership?.role === 'animator' && membership.status === 'active') return true;
  const facilitated = await db
    .selectFrom('circleMembers as mine')
    .innerJoin('circles as c', 'c.id', 'mine.circleId')
    .select('c.id')
    .where('c.communityId', '=', communityId)
    .where('mine.userId', '=', viewer.id)
    .where('mine.role', '=', 'facilitator')
    .where('mine.status', '=', 'member')
    .executeTakeFirst();
  return Boolean(facilitated);
}

/** The invitation a link opens, or 404 (unknown, malformed or forged token). */
export async function getInvitationByToken(db: Kysely<DB>, token: string) {
  const row = await db
    .selectFrom('placeholderInvitations as i')
    .innerJoin('communities as c', 'c.id', 'i.communityId')
    .leftJoin('users as inviter', 'inviter.id', 'i.invitedBy')
    .selectAll('i')
    .select(['c.name as communityName', 'c.slug as communitySlug', 'inviter.name as invitedByName'])
    .where('i.tokenHash', '=', claimTokenHash(token))
    .executeTakeFirst();
  if (!row) throw notFound('Invitation');
  return row;
}

type InvitationRow = Awaited<ReturnType<typeof getInvitationByToken>>;

export function claimStateOf(
  row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt' | 'placeholderId'>,
) {
  if (row.acceptedAt !== null) return 'accepted' as const;
  if (row.revokedAt !== null || row.placeholderId === null) return 'revoked' as const;
  if (Date.parse(toIso(row.expiresAt)) <= Date.now()) return 'expired' as const;
  return 'pending' as const;
}

export function toClaimPreviewDto(row: InvitationRow): ClaimPreview {
  return {
    placeholderName: row.placeholderName,
    communityName: row.communityName,
    communitySlug: row.communitySlug,
    invitedByName: row.invitedByName,
    email: row.email,
    expiresAt: toIso(row.expiresAt),
    state: claimStateOf(row),
  };
}
