import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type {
  GlossaryEntry,
  GlossaryEntrySummary,
  GlossaryRevision,
  glossaryListQuerySchema,
} from '../../../contract/glossary.ts';
import { foldText, type GlossaryStatus, glossaryStatuses, wikiLinks } from '../../../domain/glossary.ts';
import { type Abilities, abilitiesOn, type Standing } from '../../../domain/policy.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { type Keyset, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { resolveCommunityStanding } from '../../policy/standing.ts';
import type { GlossaryEntriesTable } from './glossary.tables.ts';

export type EntryRow = Selectable<GlossaryEntriesTable>;
export interface GlossaryCommunity {
  id: string;
  slug: string;
  name: string;
}

/** The community of a glossary, and the viewer's standing there (404 if there is no such community). */
export async function glossaryCommunity(db: Kysely<DB>, slug: string, viewer: Viewer | undefined) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!community) throw notFound('Community');
  return { community, standing: await resolveCommunityStanding(db, community.id, viewer) };
}

/** The statuses the standing reads: the policy's `read`, asked once per status. */
export function readableStatuses(standing: Standing): GlossaryStatus[] {
  return glossaryStatuses.filter((status) => abilitiesOn(standing, { kind: 'glossaryEntry', status }).read);
}

export interface EntryAccess {
  entry: EntryRow;
  community: GlossaryCommunity;
  standing: Standing;
  abilities: Abilities;
}

/** An entry as the viewer may see it, with what they may do on it; 404 when they may not read it. */
export async function getEntryAccess(
  db: Kysely<DB>,
  entryId: string,
  viewer: Viewer | undefined,
): Promise<EntryAccess> {
  const entry = await db
    .selectFrom('glossaryEntries')
    .selectAll()
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!entry) throw notFound('Glossary entry');
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug', 'name'])
    .where('id', '=', entry.communityId)
    .executeTakeFirstOrThrow();
  const standing = await resolveCommunityStanding(db, community.id, viewer);
  const abilities = abilitiesOn(standing, { kind: 'glossaryEntry', status: entry.status });
  if (!abilities.read) throw notFound('Glossary entry');
  return { entry, community, standing, abilities };
}

const stringList = z.array(z.string()).catch([]);
const sourceList = z.array(z.object({ title: z.string(), url: z.string() })).catch([]);
/** A JSON column read defensively: a damaged value shows as empty rather than failing the page. */
function parseJson<T>(schema: z.ZodType<T>, json: string): T {
  try {
    return schema.parse(JSON.parse(json));
  } catch {
    return schema.parse(undefined);
  }
}
export const readExamples = (json: string) => parseJson(stringList, json);
export const readSources = (json: string) => parseJson(sourceList, json);
export const readRelatedIds = (json: string) => parseJson(stringList, json);

/** What an entry or a revision says: the text a revision keeps and a restore brings back. */
export interface EntryContent {
  term: string;
  status: GlossaryStatus;
  definition: string;
  argument: string;
  examples: string[];
  sources: { title: string; url: string }[];
  relatedIds: string[];
}

type StoredContent = Pick<
  EntryRow,
  'term' | 'status' | 'definition' | 'argument' | 'examples' | 'sources' | 'relatedIds'
>;

export const contentOf = (row: StoredContent): EntryContent => ({
  term: row.term,
  status: row.status,
  definition: row.definition,
  argument: row.argument,
  examples: readExamples(row.examples),
  sources: readSources(row.sources),
  relatedIds: readRelatedIds(row.relatedIds),
});

/** The columns that store a content, on an entry and on a revision alike. */
export const storedContent = (content: EntryContent): StoredContent => ({
  term: content.term,
  status: content.status,
  definition: content.definition,
  argument: content.argument,
  examples: JSON.stringify(content.examples),
  sources: JSON.stringify(content.sources),
  relatedIds: JSON.stringify(content.relatedIds),
});

const entryOrder: Keyset<{ id: string; letter: string; termKey: string }> = {
  list: 'glossary',
  keys: [
    { expr: 'g.letter', kind: 'text' },
    { expr: 'g.termKey', kind: 'text' },
  ],
  id: 'g.id',
  of: (row) => ({ keys: [row.letter, row.termKey], id: row.id }),
};

/** `%` and `_` are literal in a search: LIKE … ESCAPE '\'. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

type ListQuery = z.output<typeof glossaryListQuerySchema>;

/**
 * The glossary as a whole: read by whoever reads its selected entries (all who see the community);
 * proposing is taking part in a proposed entry, opening votes and publishing is steering one.
 */
export function glossaryAbilities(standing: Standing): Abilities {
  const proposed = abilitiesOn(standing, { kind: 'glossaryEntry', status: 'proposed' });
  return {
    read: abilitiesOn(standing, { kind: 'glossaryEntry', status: 'selected' }).read,
    takePart: proposed.takePart,
    steer: proposed.steer,
  };
}

/** One page of the A–Z index as the viewer may see it, with the count of each letter. */
export async function listEntries(
  db: Kysely<DB>,
  community: GlossaryCommunity,
  standing: Standing,
  query: ListQuery,
) {
  const statuses = readableStatuses(standing);
  const visible = () =>
    db
      .selectFrom('glossaryEntries as g')
      .where('g.communityId', '=', community.id)
      .where('g.status', 'in', statuses);
  let rows = visible().select((eb) => [
    'g.id',
    'g.term',
    'g.termKey',
    'g.letter',
    'g.status',
    'g.revision',
    'g.updatedAt',
    eb.fn<number>('length', ['g.definition']).as('definitionLength'),
  ]);
  if (query.letter) rows = rows.where('g.letter', '=', query.letter);
  if (query.status) rows = rows.where('g.status', '=', query.status);
  const needle = query.q ? foldText(query.q) : '';
  if (needle) {
    const pattern = `%${likeEscaped(needle)}%`;
    // SQLite has no default escape character; PostgreSQL's is the backslash: say it for both.
    rows = rows.where(sql<SqlBool>`${sql.ref('g.searchText')} like ${pattern} escape '\\'`);
  }
  const scope = `${community.id}:${query.letter ?? ''}:${query.status ?? ''}:${needle}`;
  const page = { ...query, scope };
  const found = await pageQuery(rows, entryOrder, page).execute();
  const { items, nextCursor } = toPage(found, entryOrder, page);
  const [letters, writers] = await Promise.all([
    visible()
      .select(['g.letter', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('g.letter')
      .orderBy('g.letter')
      .execute(),
    items.length
      ? db
          .selectFrom('glossaryWriters as w')
          .innerJoin('users as u', 'u.id', 'w.userId')
          .select(['w.entryId', 'u.id', 'u.name'])
          .where(
            'w.entryId',
            'in',
            items.map((row) => row.id),
          )
          .orderBy('w.createdAt')
          .orderBy('u.id')
          .execute()
      : [],
  ]);
  return {
    items: items.map((row): GlossaryEntrySummary => {
      const itsWriters = writers.filter((w) => w.entryId === row.id).map(({ id, name }) => ({ id, name }));
      return {
        id: row.id,
        term: row.term,
        letter: row.letter,
        status: row.status,
        hasDefinition: Number(row.definitionLength) > 0,
        writers: itsWriters,
        writerCount: itsWriters.length,
        revision: row.revision,
        updatedAt: toIso(row.updatedAt),
      };
    }),
    nextCursor,
    letters: letters.map((row) => ({ letter: row.letter, count: Number(row.count) })),
    abilities: glossaryAbilities(standing),
  };
}

/** The whole entry, as its page shows it. */
export async function entryDetail(db: Kysely<DB>, access: EntryAccess): Promise<GlossaryEntry> {
  const { entry, community, standing, abilities } = access;
  const statuses = readableStatuses(standing);
  const relatedIds = readRelatedIds(entry.relatedIds);
  const linked = wikiLinks(`${entry.definition}\n${entry.argument}`);
  const [writers, contributors, related, linkedEntries] = await Promise.all([
    db
      .selectFrom('glossaryWriters as w')
      .innerJoin('users as u', 'u.id', 'w.userId')
      .select(['u.id', 'u.name'])
      .where('w.entryId', '=', entry.id)
      .orderBy('w.createdAt')
      .orderBy('u.id')
      .execute(),
    db
      .selectFrom('glossaryRevisions as r')
      .innerJoin('users as u', 'u.id', 'r.authorId')
      .select(['u.id', 'u.name', (eb) => eb.fn.min('r.revision').as('first')])
      .where('r.entryId', '=', entry.id)
      .groupBy(['u.id', 'u.name'])
      .orderBy('first')
      .execute(),
    relatedIds.length
      ? db
          .selectFrom('glossaryEntries')
          .select(['id', 'term', 'termKey'])
          .where('communityId', '=', community.id)
          .where('id', 'in', relatedIds)
          .where('status', 'in', statuses)
          .orderBy('termKey')
          .execute()
      : [],
    linked.length
      ? db
          .selectFrom('glossaryEntries')
          .select(['id', 'termKey'])
          .where('communityId', '=', community.id)
          .where('termKey', 'in', linked.map(foldText))
          .where('status', 'in', statuses)
          .execute()
      : [],
  ]);
  const idByKey = new Map(linkedEntries.map((row) => [row.termKey, row.id]));
  return {
    id: entry.id,
    communityId: community.id,
    communitySlug: community.slug,
    term: entry.term,
    letter: entry.letter,
    status: entry.status,
    hasDefinition: entry.definition.length > 0,
    writerCount: writers.length,
    revision: entry.revision,
    definition: entry.definition,
    argument: entry.argument,
    examples: readExamples(entry.examples),
    sources: readSources(entry.sources),
    related: related.map(({ id, term }) => ({ id, term })),
    links: linked.map((term) => ({ term, id: idByKey.get(foldText(term)) ?? null })),
    writers,
    contributors: contributors.map(({ id, name }) => ({ id, name })),
    vote:
      entry.votePollId && entry.voteCount !== null
        ? { pollId: entry.votePollId, votes: entry.voteCount, tied: toBool(entry.voteTied) }
        : null,
    createdAt: toIso(entry.createdAt),
    updatedAt: toIso(entry.updatedAt),
    abilities,
  };
}

const revisionOrder: Keyset<{ revision: number; entryId: string }> = {
  list: 'glossary-revisions',
  keys: [{ expr: 'r.revision', kind: 'number', direction: 'desc' }],
  id: 'r.entryId',
  of: (row) => ({ keys: [row.revision], id: row.entryId }),
};

/** The entry's history, newest first, with each revision's whole content (the web shows diffs). */
export async function pageRevisions(
  db: Kysely<DB>,
  entryId: string,
  query: { cursor?: string; limit: number },
) {
  const page = { ...query, scope: entryId };
  const rows = await pageQuery(
    db
      .selectFrom('glossaryRevisions as r')
      .leftJoin('users as u', 'u.id', 'r.authorId')
      .selectAll('r')
      .select('u.name as authorName')
      .where('r.entryId', '=', entryId),
    revisionOrder,
    page,
  ).execute();
  const { items, nextCursor } = toPage(rows, revisionOrder, page);
  return {
    items: items.map(
      (row): GlossaryRevision => ({
        revision: row.revision,
        author: row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
        createdAt: toIso(row.createdAt),
        ...contentOf(row),
      }),
    ),
    nextCursor,
  };
}

/** The published entries, by letter then term: what the Markdown export and the print page show. */
export async function publishedEntries(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('glossaryEntries')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('status', '=', 'published')
    .orderBy('letter')
    .orderBy('termKey')
    .orderBy('id')
    .execute();
}
