import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GlossaryCopyResult } from '../../../contract/glossary.ts';
import { publicGlossaryStatuses } from '../../../domain/glossary.ts';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { contentOf, type EntryRow } from './glossary.queries.ts';
import { settleVotes } from './glossary-votes.ts';

/**
 * A territorial branch takes its parent's selected and published entries into its own glossary
 * (decision 035): what the parent shows everyone, never its proposals. Each copy is a new entry
 * (revision 1 by the animator who copied, status kept, no vote) the branch then writes on its own.
 * Idempotent: a term the branch already has (same fold) is left as it is, whatever it says. One
 * transaction under the branch's lock, so two copies at once do not both count an entry.
 */
export async function copyParentGlossary(
  db: Kysely<DB>,
  branchId: string,
  authorId: string,
): Promise<GlossaryCopyResult> {
  const parentId = await parentOf(db, branchId);
  // A closed vote of the parent selects its terms before they are read (decision 027).
  await settleVotes(db, parentId);
  return db.transaction().execute(async (trx) => {
    await lockCommunity(trx, branchId);
    const entries = await trx
      .selectFrom('glossaryEntries')
      .selectAll()
      .where('communityId', '=', parentId)
      .where('status', 'in', publicGlossaryStatuses)
      .orderBy('termKey')
      .execute();
    const now = new Date().toISOString();
    const copies: { entry: EntryRow; id: string }[] = [];
    for (const entry of entries) {
      const id = randomUUID();
      const inserted = await trx
        .insertInto('glossaryEntries')
        .values({
          ...entry,
          id,
          communityId: branchId,
          relatedIds: '[]',
          revision: 1,
          votePollId: null,
          voteCount: null,
          voteTied: false,
          createdBy: authorId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict((oc) => oc.columns(['communityId', 'termKey']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) copies.push({ entry, id });
    }
    await writeCopies(trx, branchId, entries, copies, authorId, now);
    return { copied: copies.length, skipped: entries.length - copies.length };
  });
}

async function parentOf(db: Kysely<DB>, branchId: string): Promise<string> {
  const row = await db
    .selectFrom('communities')
    .select('parentId')
    .where('id', '=', branchId)
    .executeTakeFirst();
  if (!row?.parentId) {
    throw new AppError('CONFLICT', 'Only a territorial branch copies its parent’s glossary');
  }
  return row.parentId;
}

/**
 * Related entries point to the branch's entry of the same term, where it has one (a link to a
 * proposal of the parent is dropped); then each copy's first revision records what was copied.
 */
async function writeCopies(
  trx: Kysely<DB>,
  branchId: string,
  parentEntries: EntryRow[],
  copies: { entry: EntryRow; id: string }[],
  authorId: string,
  at: string,
) {
  if (copies.length === 0) return;
  const keyOfParent = new Map(parentEntries.map((e) => [e.id, e.termKey]));
  const branchEntries = await trx
    .selectFrom('glossaryEntries')
    .select(['id', 'termKey'])
    .where('communityId', '=', branchId)
    .execute();
  const idOfKey = new Map(branchEntries.map((e) => [e.termKey, e.id]));
  for (const { entry, id } of copies) {
    const related = contentOf(entry)
      .relatedIds.map((parentEntryId) => idOfKey.get(keyOfParent.get(parentEntryId) ?? ''))
      .filter((relatedId): relatedId is string => relatedId !== undefined && relatedId !== id);
    const relatedIds = JSON.stringify(related);
    if (related.length > 0) {
      await trx.updateTable('glossaryEntries').set({ relatedIds }).where('id', '=', id).execute();
    }
    const { term, status, definition, argument, examples, sources } = entry;
    await trx
      .insertInto('glossaryRevisions')
      .values({
        entryId: id,
        revision: 1,
        authorId,
        term,
        status,
        definition,
        argument,
        examples,
        sources,
        relatedIds,
        createdAt: at,
      })
      .execute();
  }
}
