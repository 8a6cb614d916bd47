import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type { GlossaryPatch } from '../../../contract/glossary.ts';
import { foldText, letterOf } from '../../../domain/glossary.ts';
import { isUniqueViolation } from '../../db/constraint-errors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import {
  contentOf,
  type EntryAccess,
  type EntryContent,
  type EntryRow,
  entryDetail,
  type GlossaryCommunity,
  storedContent,
} from './glossary.queries.ts';

type Content = EntryContent;

const searchTextOf = (content: Content) =>
  foldText([content.term, content.definition, content.argument, ...content.examples].join(' '));

/** The same term twice in one community (case and accents ignored) is refused, naming the first. */
async function refuseDuplicate(db: Kysely<DB>, communityId: string, term: string, exceptId?: string) {
  let query = db
    .selectFrom('glossaryEntries')
    .select(['id', 'term'])
    .where('communityId', '=', communityId)
    .where('termKey', '=', foldText(term));
  if (exceptId) query = query.where('id', '!=', exceptId);
  const existing = await query.executeTakeFirst();
  if (existing) duplicate(existing);
}

function duplicate(existing: { id: string; term: string }): never {
  throw new AppError('CONFLICT', `“${existing.term}” is already in the glossary`, {
    existingId: existing.id,
    existingTerm: existing.term,
  });
}

async function writeRevision(
  trx: Kysely<DB>,
  entryId: string,
  revision: number,
  authorId: string,
  content: Content,
  at: string,
) {
  await trx
    .insertInto('glossaryRevisions')
    .values({ entryId, revision, authorId, ...storedContent(content), createdAt: at })
    .execute();
}

/** A member proposes a term: revision 1, status `proposed`. */
export async function proposeEntry(
  db: Kysely<DB>,
  community: GlossaryCommunity,
  viewer: Viewer,
  term: string,
) {
  await refuseDuplicate(db, community.id, term);
  const id = randomUUID();
  const now = new Date().toISOString();
  const content: Content = {
    term,
    status: 'proposed',
    definition: '',
    argument: '',
    examples: [],
    sources: [],
    relatedIds: [],
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('glossaryEntries')
        .values({
          id,
          communityId: community.id,
          term,
          termKey: foldText(term),
          letter: letterOf(term),
          status: 'proposed',
          definition: '',
          argument: '',
          examples: '[]',
          sources: '[]',
          relatedIds: '[]',
          searchText: searchTextOf(content),
          revision: 1,
          votePollId: null,
          voteCount: null,
          voteTied: false,
          createdBy: viewer.id,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      await writeRevision(trx, id, 1, viewer.id, content, now);
    });
  } catch (error) {
    // Two people proposing the same term at once: the unique key keeps one, the other is told.
    if (isUniqueViolation(error)) await refuseDuplicate(db, community.id, term);
    throw error;
  }
  return id;
}

/** The entry under a row lock for the rest of the transaction (FOR UPDATE on PostgreSQL). */
async function lockEntry(trx: Kysely<DB>, entryId: string) {
  let query = trx.selectFrom('glossaryEntries').selectAll().where('id', '=', entryId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const entry = await query.executeTakeFirst();
  if (!entry) throw notFound('Glossary entry');
  return entry;
}

/** Related entries are other entries of the same community. */
async function checkRelated(trx: Kysely<DB>, entry: EntryRow, relatedIds: string[]) {
  const unique = [...new Set(relatedIds)];
  if (unique.includes(entry.id)) {
    throw new AppError('INVALID_INPUT', 'An entry is not related to itself', [
      { path: ['relatedIds'], message: 'itself' },
    ]);
  }
  if (unique.length === 0) return unique;
  const found = await trx
    .selectFrom('glossaryEntries')
    .select('id')
    .where('communityId', '=', entry.communityId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    throw new AppError('INVALID_INPUT', 'Related entries must be entries of this glossary', [
      { path: ['relatedIds'], message: 'unknown entry' },
    ]);
  }
  return unique;
}

/**
 * Saves a new revision when the edit is based on the current one; otherwise 409 with the current
 * entry in `details.current`, so the writer can merge: nothing anyone wrote is overwritten unseen.
 */
async function saveRevision(
  db: Kysely<DB>,
  access: EntryAccess,
  viewer: Viewer,
  baseRevision: number,
  change: (current: Content, trx: Kysely<DB>, entry: EntryRow) => Promise<Content>,
) {
  try {
    return await db.transaction().execute(async (trx) => {
      const entry = await lockEntry(trx, access.entry.id);
      if (entry.revision !== baseRevision) {
        const current = await entryDetail(trx, { ...access, entry });
        throw new AppError('CONFLICT', 'The entry was changed since this edit began', { current });
      }
      const content = await change(contentOf(entry), trx, entry);
      if (content.term !== entry.term) await refuseDuplicate(trx, entry.communityId, content.term, entry.id);
      const revision = entry.revision + 1;
      const now = new Date().toISOString();
      await trx
        .updateTable('glossaryEntries')
        .set({
          ...storedContent(content),
          termKey: foldText(content.term),
          letter: letterOf(content.term),
          searchText: searchTextOf(content),
          revision,
          updatedAt: now,
        })
        .where('id', '=', entry.id)
        .execute();
      await writeRevision(trx, entry.id, revision, viewer.id, content, now);
      return revision;
    });
  } catch (error) {
    // Another entry took the same term between the check and the write.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'That term is already in the glossary');
    throw error;
  }
}

/**
 * Members write (term, definition, argumentaire, examples, sources, related entries); the status
 * (selecting, publishing, archiving) is the animators'.
 */
export async function patchEntry(db: Kysely<DB>, access: EntryAccess, viewer: Viewer, patch: GlossaryPatch) {
  const { baseRevision, status, ...text } = patch;
  const writesText = Object.values(text).some((value) => value !== undefined);
  if (writesText && !access.abilities.takePart) {
    throw new AppError('FORBIDDEN', 'Only the community’s members can write the glossary');
  }
  if (status !== undefined && status !== access.entry.status && !access.abilities.steer) {
    throw new AppError('FORBIDDEN', 'Only the community’s animators can select, publish or archive an entry');
  }
  return saveRevision(db, access, viewer, baseRevision, async (current, trx, entry) => {
    const next: Content = {
      term: text.term ?? current.term,
      status: status ?? current.status,
      definition: text.definition ?? current.definition,
      argument: text.argument ?? current.argument,
      examples: text.examples ?? current.examples,
      sources: text.sources ?? current.sources,
      relatedIds: text.relatedIds ? await checkRelated(trx, entry, text.relatedIds) : current.relatedIds,
    };
    // Published is the glossary's word to the world: an entry is published once it is defined.
    if (next.status === 'published' && !next.definition.trim()) {
      throw new AppError('INVALID_INPUT', 'An entry is published once it has a definition', [
        { path: ['body', 'status'], message: 'needs a definition' },
      ]);
    }
    return next;
  });
}

/** Brings back an older revision's text as a new revision; the status stays as it is. */
export async function restoreRevision(
  db: Kysely<DB>,
  access: EntryAccess,
  viewer: Viewer,
  input: { revision: number; baseRevision: number },
) {
  if (!access.abilities.takePart)
    throw new AppError('FORBIDDEN', 'Only the community’s members can write the glossary');
  const old = await db
    .selectFrom('glossaryRevisions')
    .selectAll()
    .where('entryId', '=', access.entry.id)
    .where('revision', '=', input.revision)
    .executeTakeFirst();
  if (!old) throw notFound('Revision');
  return saveRevision(db, access, viewer, input.baseRevision, async (current, trx, entry) => {
    const restored = contentOf(old);
    // Entries related then may have gone since: keep those still in this glossary.
    const stillThere = restored.relatedIds.length
      ? await trx
          .selectFrom('glossaryEntries')
          .select('id')
          .where('communityId', '=', entry.communityId)
          .where('id', 'in', restored.relatedIds)
          .execute()
      : [];
    return {
      ...restored,
      status: current.status,
      relatedIds: restored.relatedIds.filter((id) => stillThere.some((row) => row.id === id)),
    };
  });
}

/** "Qui veut y travailler ?": signing up as a writer twice changes nothing. */
export async function addWriter(db: Kysely<DB>, access: EntryAccess, viewer: Viewer) {
  if (!access.abilities.takePart)
    throw new AppError('FORBIDDEN', 'Only the community’s members can write the glossary');
  await db
    .insertInto('glossaryWriters')
    .values({ entryId: access.entry.id, userId: viewer.id, createdAt: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['entryId', 'userId']).doNothing())
    .execute();
}

export async function removeWriter(db: Kysely<DB>, entryId: string, viewer: Viewer) {
  await db
    .deleteFrom('glossaryWriters')
    .where('entryId', '=', entryId)
    .where('userId', '=', viewer.id)
    .execute();
}
