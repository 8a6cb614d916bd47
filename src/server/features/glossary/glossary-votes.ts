import { type Kysely, PostgresAdapter } from 'kysely';
import type { GlossaryVoteCreate } from '../../../contract/glossary.ts';
import { selectTop } from '../../../domain/glossary.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { createPoll, effectivePhase, loadResults } from '../polls/polls.public.ts';
import type { GlossaryCommunity } from './glossary.queries.ts';

const titles: Record<Locale, (perLetter: number, letters: string) => string> = {
  fr: (n, letters) => `Abécédaire\u00a0: ${n} mot${n > 1 ? 's' : ''} par lettre (${letters})`,
  en: (n, letters) => `Glossary: ${n} word${n > 1 ? 's' : ''} per letter (${letters})`,
};
const descriptions: Record<Locale, string> = {
  fr: 'Pour chaque lettre, choisissez les mots qui disent ce que sont nos cercles. Les plus choisis entrent dans l’abécédaire, à définir ensemble.',
  en: 'For each letter, choose the words that say what our circles are. The most chosen enter the glossary, to be defined together.',
};

/**
 * "On lance la suite ?": a community `sections` poll, one section per letter holding its proposed
 * terms, at most `perLetter` choices in each. Ballots, anonymity, live results and CSV are the
 * polls'; the glossary keeps which entry each option stands for.
 */
export async function openVoteCampaign(
  db: Kysely<DB>,
  community: GlossaryCommunity,
  viewer: Viewer,
  input: GlossaryVoteCreate,
  locale: Locale,
): Promise<string> {
  const letters = [...new Set(input.letters)];
  const entries = await db
    .selectFrom('glossaryEntries')
    .select(['id', 'term', 'letter'])
    .where('communityId', '=', community.id)
    .where('status', '=', 'proposed')
    .where('letter', 'in', letters)
    .orderBy('termKey')
    .execute();
  const empty = letters.filter((letter) => !entries.some((entry) => entry.letter === letter));
  if (empty.length) {
    throw new AppError('INVALID_INPUT', `No proposed term to vote on for ${empty.join(', ')}`, [
      { path: ['body', 'letters'], message: `no proposed term: ${empty.join(', ')}` },
    ]);
  }
  const pollId = await createPoll(db, { communityId: community.id, circleId: null }, viewer.id, {
    title: titles[locale](input.perLetter, letters.join(', ')),
    description: descriptions[locale],
    kind: 'sections',
    sections: letters.map((letter) => ({
      title: letter,
      options: entries.filter((entry) => entry.letter === letter).map((entry) => entry.term),
    })),
    maxPerSection: input.perLetter,
    anonymous: input.anonymous,
    hideResultsUntilClose: false,
    proposals: false,
    ...(input.closesAt && { closesAt: input.closesAt }),
  });
  const options = await db
    .selectFrom('pollOptions as o')
    .innerJoin('pollSections as s', 's.id', 'o.sectionId')
    .select(['o.id', 'o.text', 's.title as letter'])
    .where('o.pollId', '=', pollId)
    .execute();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('glossaryVotes')
      .values({
        pollId,
        communityId: community.id,
        perLetter: input.perLetter,
        appliedAt: null,
        createdBy: viewer.id,
        createdAt: new Date().toISOString(),
      })
      .execute();
    const links = options.flatMap((option) => {
      const entry = entries.find((e) => e.letter === option.letter && e.term === option.text);
      return entry ? [{ optionId: option.id, pollId, entryId: entry.id }] : [];
    });
    await trx.insertInto('glossaryVoteOptions').values(links).execute();
  });
  return pollId;
}

/**
 * Applies the result of every campaign of the community whose poll has closed (by its organiser
 * or at its closing time) and is not applied yet: the top `perLetter` of each letter, or the tied
 * set at the cut, become `selected`, with the vote and their counts; the others stay `proposed`.
 * Run before the glossary is read, so a close is seen at once; says whether it applied one.
 * Idempotent under concurrency (the
 * campaign row is locked and re-checked).
 */
export async function settleVotes(db: Kysely<DB>, communityId: string): Promise<boolean> {
  const pending = await db
    .selectFrom('glossaryVotes as v')
    .innerJoin('polls as p', 'p.id', 'v.pollId')
    .select(['v.pollId', 'p.phase', 'p.closesAt'])
    .where('v.communityId', '=', communityId)
    .where('v.appliedAt', 'is', null)
    .execute();
  let applied = false;
  for (const campaign of pending) {
    if (effectivePhase(campaign) !== 'closed') continue;
    await db.transaction().execute(async (trx) => {
      let locked = trx.selectFrom('glossaryVotes').selectAll().where('pollId', '=', campaign.pollId);
      if (trx.getExecutor().adapter instanceof PostgresAdapter) locked = locked.forUpdate();
      const vote = await locked.executeTakeFirst();
      if (!vote || vote.appliedAt !== null) return;
      const poll = await trx
        .selectFrom('polls')
        .selectAll()
        .where('id', '=', vote.pollId)
        .executeTakeFirstOrThrow();
      const results = await loadResults(trx, poll);
      const links = await trx
        .selectFrom('glossaryVoteOptions')
        .select(['optionId', 'entryId'])
        .where('pollId', '=', vote.pollId)
        .execute();
      const entryOf = new Map(links.map((link) => [link.optionId, link.entryId]));
      const now = new Date().toISOString();
      for (const section of results.sections ?? []) {
        const { selected, tied } = selectTop(section.options, vote.perLetter);
        for (const option of selected) {
          const entryId = entryOf.get(option.id);
          if (entryId)
            await selectByVote(trx, entryId, { pollId: vote.pollId, votes: option.count, tied }, now);
        }
      }
      await trx
        .updateTable('glossaryVotes')
        .set({ appliedAt: now })
        .where('pollId', '=', vote.pollId)
        .execute();
      applied = true;
    });
  }
  return applied;
}

/** A still-proposed entry becomes `selected` by the vote: a revision without an author. */
async function selectByVote(
  trx: Kysely<DB>,
  entryId: string,
  vote: { pollId: string; votes: number; tied: boolean },
  now: string,
) {
  const entry = await trx
    .selectFrom('glossaryEntries')
    .selectAll()
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (entry?.status !== 'proposed') return;
  const revision = entry.revision + 1;
  await trx
    .updateTable('glossaryEntries')
    .set({
      status: 'selected',
      votePollId: vote.pollId,
      voteCount: vote.votes,
      voteTied: vote.tied,
      revision,
      updatedAt: now,
    })
    .where('id', '=', entryId)
    .execute();
  await trx
    .insertInto('glossaryRevisions')
    .values({
      entryId,
      revision,
      authorId: null,
      term: entry.term,
      status: 'selected',
      definition: entry.definition,
      argument: entry.argument,
      examples: entry.examples,
      sources: entry.sources,
      relatedIds: entry.relatedIds,
      createdAt: now,
    })
    .execute();
}
