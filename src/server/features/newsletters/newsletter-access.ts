import type { Kysely } from 'kysely';
import type { AbilitiesDto } from '../../../contract/abilities.ts';
import { toBool } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';

export interface NewsletterCommunity {
  id: string;
  slug: string;
  name: string;
  /** Active member (animators included). */
  isMember: boolean;
  /** Active animators and instance admins compose and send. */
  steers: boolean;
  publicArchive: boolean;
}

/**
 * A community as its newsletters see the viewer, read in one query: membership, animator role and
 * whether its archive is public. Communities are listed for everyone, so only an unknown slug is 404.
 */
export async function newsletterCommunity(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer | undefined,
): Promise<NewsletterCommunity> {
  const row = await db
    .selectFrom('communities as c')
    .leftJoin('communityMembers as m', (join) =>
      join
        .onRef('m.communityId', '=', 'c.id')
        .on('m.userId', '=', viewer?.id ?? '')
        .on('m.status', '=', 'active'),
    )
    .leftJoin('newsletterSettings as s', 's.communityId', 'c.id')
    .select(['c.id', 'c.slug', 'c.name', 'm.role', 's.publicArchive'])
    .where('c.slug', '=', slug)
    .executeTakeFirst();
  if (!row) throw notFound('Community');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    isMember: row.role !== null,
    steers: viewer?.isAdmin === true || row.role === 'animator',
    publicArchive: row.publicArchive !== null && toBool(row.publicArchive),
  };
}

/** Who reads a community's sent letters: anyone when its archive is public, else its members and admins. */
export const readsArchive = (community: NewsletterCommunity, viewer: Viewer | undefined) =>
  community.publicArchive || community.isMember || viewer?.isAdmin === true;

/**
 * A letter's abilities: a draft is its animators' work (others get 404, as for anything they may
 * not see); a sent letter is read like the archive. Only a draft can be changed or sent.
 */
export function newsletterAbilities(
  community: NewsletterCommunity,
  viewer: Viewer | undefined,
  status: 'draft' | 'sent',
): AbilitiesDto {
  const read = status === 'draft' ? community.steers : readsArchive(community, viewer);
  return { read, takePart: false, steer: community.steers && status === 'draft' };
}
