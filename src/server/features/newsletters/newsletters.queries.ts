import type { Kysely, Selectable } from 'kysely';
import type { Newsletter, NewsletterSummary } from '../../../contract/newsletters.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import {
  type NewsletterCommunity,
  newsletterAbilities,
  newsletterCommunity,
  readsArchive,
} from './newsletter-access.ts';
import type { NewslettersTable } from './newsletters.tables.ts';

type NewsletterRow = Selectable<NewslettersTable>;

export interface NewsletterAccess {
  newsletter: NewsletterRow;
  community: NewsletterCommunity;
  abilities: Newsletter['abilities'];
}

/** A letter as the viewer may see it (404 otherwise), with its community and abilities. */
export async function getNewsletterAccess(
  db: Kysely<DB>,
  id: string,
  viewer: Viewer | undefined,
): Promise<NewsletterAccess> {
  const row = await db
    .selectFrom('newsletters as n')
    .innerJoin('communities as c', 'c.id', 'n.communityId')
    .selectAll('n')
    .select('c.slug')
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Newsletter');
  const community = await newsletterCommunity(db, row.slug, viewer);
  const abilities = newsletterAbilities(community, viewer, row.status);
  if (!abilities.read) throw notFound('Newsletter');
  return { newsletter: row, community, abilities };
}

export async function newsletterItems(db: Kysely<DB>, newsletterId: string) {
  return db
    .selectFrom('newsletterItems')
    .select(['announcementId', 'text', 'sessionTitle', 'circleName'])
    .where('newsletterId', '=', newsletterId)
    .orderBy('position')
    .execute();
}

export async function toNewsletterDto(db: Kysely<DB>, access: NewsletterAccess): Promise<Newsletter> {
  const { newsletter: n, community } = access;
  return {
    id: n.id,
    communitySlug: community.slug,
    communityName: community.name,
    subject: n.subject,
    body: n.body,
    status: n.status,
    items: await newsletterItems(db, n.id),
    createdAt: toIso(n.createdAt),
    updatedAt: toIso(n.updatedAt),
    sentAt: n.sentAt ? toIso(n.sentAt) : null,
    recipientCount: n.recipientCount,
    abilities: access.abilities,
  };
}

type SummaryRow = {
  id: string;
  subject: string;
  status: 'draft' | 'sent';
  createdAt: Date | string;
  sentAt: Date | string | null;
  updatedAt: Date | string;
};

const sentOrder: Keyset<SummaryRow> = {
  list: 'newsletters-sent',
  keys: [{ expr: 'updatedAt', kind: 'time', direction: 'desc' }],
  id: 'id',
  of: (row) => ({ keys: [row.updatedAt], id: row.id }),
};

/**
 * Sent letters newest first for their readers; drafts (last edited first) for animators and admins
 * only, 404 for others as for a draft itself. A sent letter is never edited, so `updated_at` is
 * its sending time and one keyset serves both lists.
 */
export async function listNewsletters(
  db: Kysely<DB>,
  community: NewsletterCommunity,
  viewer: Viewer | undefined,
  status: 'draft' | 'sent',
  page: PageRequest,
): Promise<{ items: NewsletterSummary[]; nextCursor: string | null }> {
  const allowed = status === 'draft' ? community.steers : readsArchive(community, viewer);
  if (!allowed) throw notFound('Community newsletters');
  const query = db
    .selectFrom('newsletters')
    .select(['id', 'subject', 'status', 'createdAt', 'sentAt', 'updatedAt'])
    .where('communityId', '=', community.id)
    .where('status', '=', status);
  const rows = await pageQuery(query, sentOrder, page).execute();
  const { items, nextCursor } = toPage(rows, sentOrder, page);
  return {
    items: items.map((row) => ({
      id: row.id,
      subject: row.subject,
      status: row.status,
      createdAt: toIso(row.createdAt),
      sentAt: row.sentAt ? toIso(row.sentAt) : null,
    })),
    nextCursor,
  };
}

/** Only a draft changes; a sent letter is a record. */
export function requireDraft(newsletter: { status: string }) {
  if (newsletter.status !== 'draft') throw new AppError('CONFLICT', 'This newsletter has already been sent');
}
