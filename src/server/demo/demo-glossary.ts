import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { foldText, letterOf } from '../../domain/glossary.ts';
import type { DB } from '../db/schema.ts';
import { demoGlossary } from './demo-polls.ts';

/**
 * The abécédaire as the seed meeting left it: the vote "3 mots par lettre" chose twelve words for
 * A–D, now `selected` entries linked to that vote with the votes they got; the other candidates
 * of the vote stay `proposed`. No definition is written: the meeting calls that work "gros
 * travail", still to do, and nothing invented is shown as the community's.
 */
export async function seedDemoGlossary(trx: Transaction<DB>, communityId: string, pollId: string) {
  const poll = await trx
    .selectFrom('polls')
    .select(['closedAt', 'createdBy'])
    .where('id', '=', pollId)
    .executeTakeFirstOrThrow();
  const closedAt = String(poll.closedAt instanceof Date ? poll.closedAt.toISOString() : poll.closedAt);
  const options = await trx
    .selectFrom('pollOptions')
    .select(['id', 'text'])
    .where('pollId', '=', pollId)
    .execute();
  const ballots = await trx
    .selectFrom('pollBallots')
    .select('content')
    .where('pollId', '=', pollId)
    .execute();
  const votes = new Map<string, number>();
  for (const ballot of ballots) {
    const { choices } = JSON.parse(ballot.content) as { choices: string[] };
    for (const id of choices) votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  await trx
    .insertInto('glossaryVotes')
    .values({
      pollId,
      communityId,
      perLetter: 3,
      appliedAt: closedAt,
      createdBy: poll.createdBy,
      createdAt: closedAt,
    })
    .execute();
  for (const { chosen, others } of demoGlossary) {
    for (const term of [...chosen, ...others]) {
      const option = options.find((o) => o.text === term);
      if (!option) throw new Error(`the demo vote has no option “${term}”`);
      const isChosen = (chosen as readonly string[]).includes(term);
      const entryId = randomUUID();
      await trx
        .insertInto('glossaryEntries')
        .values({
          id: entryId,
          communityId,
          term,
          termKey: foldText(term),
          letter: letterOf(term),
          status: isChosen ? 'selected' : 'proposed',
          definition: '',
          argument: '',
          examples: '[]',
          sources: '[]',
          relatedIds: '[]',
          searchText: foldText(term),
          revision: 1,
          votePollId: isChosen ? pollId : null,
          voteCount: isChosen ? (votes.get(option.id) ?? 0) : null,
          voteTied: false,
          createdBy: null,
          createdAt: closedAt,
          updatedAt: closedAt,
        })
        .execute();
      await trx
        .insertInto('glossaryRevisions')
        .values({
          entryId,
          revision: 1,
          authorId: null,
          term,
          status: isChosen ? 'selected' : 'proposed',
          definition: '',
          argument: '',
          examples: '[]',
          sources: '[]',
          relatedIds: '[]',
          createdAt: closedAt,
        })
        .execute();
      await trx.insertInto('glossaryVoteOptions').values({ optionId: option.id, pollId, entryId }).execute();
    }
  }
}
