import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PollCreateInput, PollPatchInput } from '../../../contract/poll.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { lockPoll } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { effectivePhase } from './poll-access.ts';

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', message, [{ path: ['body', path], message }]);

export async function createPoll(
  db: Kysely<DB>,
  where: { communityId: string; circleId: string | null },
  creatorId: string,
  input: PollCreateInput,
): Promise<string> {
  if (input.sessionId) {
    const session = await db
      .selectFrom('sessions')
      .select('circleId')
      .where('id', '=', input.sessionId)
      .executeTakeFirst();
    if (!session || session.circleId !== where.circleId)
      throw invalid('sessionId', 'not a session of this circle');
  }
  const now = new Date().toISOString();
  const pollId = randomUUID();
  const sections = (input.sections ?? []).map((section, position) => ({
    id: randomUUID(),
    position,
    ...section,
  }));
  const options = input.sections
    ? sections.flatMap((section) => section.options.map((text) => ({ text, sectionId: section.id })))
    : (input.options ?? []).map((text) => ({ text, sectionId: null }));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('polls')
      .values({
        id: pollId,
        communityId: where.communityId,
        circleId: where.circleId,
        sessionId: input.sessionId ?? null,
        title: input.title,
        description: input.description ?? '',
        kind: input.kind,
        phase: input.proposals ? 'proposal' : 'voting',
        maxPerSection: input.maxPerSection ?? null,
        minChoices: input.minChoices ?? null,
        maxChoices: input.maxChoices ?? null,
        anonymous: input.anonymous,
        // Live results of an anonymous poll would give away a ballot by difference to anyone who
        // watches its voter press the button: anonymous polls show results at the close only.
        hideResults: input.anonymous || input.hideResultsUntilClose,
        opensAt: input.opensAt ? toIso(input.opensAt) : null,
        closesAt: input.closesAt ? toIso(input.closesAt) : null,
        closedAt: null,
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    if (sections.length > 0) {
      await trx
        .insertInto('pollSections')
        .values(sections.map(({ id, position, title }) => ({ id, pollId, position, title })))
        .execute();
    }
    if (options.length > 0) {
      await trx
        .insertInto('pollOptions')
        .values(options.map((option, position) => ({ id: randomUUID(), pollId, position, ...option })))
        .execute();
    }
  });
  return pollId;
}

/** Proposal phase: a voter adds an option (to a section of a sections poll). */
export async function addOption(
  db: Kysely<DB>,
  pollId: string,
  input: { text: string; sectionId?: string | undefined },
) {
  return db.transaction().execute(async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!poll) throw notFound('Poll');
    if (effectivePhase(poll) !== 'proposal')
      throw new AppError('CONFLICT', 'Options are proposed before the vote opens');
    const sectionId = input.sectionId ?? null;
    if (poll.kind === 'sections') {
      const section = sectionId
        ? await trx
            .selectFrom('pollSections')
            .select('id')
            .where('id', '=', sectionId)
            .where('pollId', '=', pollId)
            .executeTakeFirst()
        : undefined;
      if (!section) throw invalid('sectionId', 'choose one of the poll’s sections');
    } else if (sectionId) {
      throw invalid('sectionId', 'only a sections poll has sections');
    }
    const last = await trx
      .selectFrom('pollOptions')
      .select((eb) => [eb.fn.max('position').as('position'), eb.fn.countAll<number>().as('n')])
      .where('pollId', '=', pollId)
      .executeTakeFirst();
    if (Number(last?.n ?? 0) >= 200) throw new AppError('CONFLICT', 'This poll has its 200 options already');
    const duplicate = await trx
      .selectFrom('pollOptions')
      .select('id')
      .where('pollId', '=', pollId)
      .where('text', '=', input.text)
      .where('sectionId', sectionId === null ? 'is' : '=', sectionId)
      .executeTakeFirst();
    if (duplicate) throw new AppError('CONFLICT', 'This option is already proposed');
    const id = randomUUID();
    await trx
      .insertInto('pollOptions')
      .values({ id, pollId, sectionId, text: input.text, position: Number(last?.position ?? -1) + 1 })
      .execute();
    return id;
  });
}

/** Ends the proposal phase: the options are frozen from here on. */
export async function openVoting(db: Kysely<DB>, pollId: string) {
  await db.transaction().execute(async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!poll) throw notFound('Poll');
    if (effectivePhase(poll) !== 'proposal') throw new AppError('CONFLICT', 'The vote is already open');
    const options = await trx
      .selectFrom('pollOptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pollId', '=', pollId)
      .executeTakeFirst();
    if (Number(options?.n ?? 0) < 2 && poll.kind !== 'score') {
      throw new AppError('CONFLICT', 'Propose at least two options before opening the vote');
    }
    // Each ballot must hold minChoices options: fewer options would make a poll nobody can vote in.
    const counted = poll.kind === 'multiple' || poll.kind === 'sections';
    if (counted && poll.minChoices !== null && Number(options?.n ?? 0) < poll.minChoices) {
      throw new AppError('CONFLICT', `Propose at least ${poll.minChoices} options before opening the vote`);
    }
    await trx
      .updateTable('polls')
      .set({ phase: 'voting', updatedAt: new Date().toISOString() })
      .where('id', '=', pollId)
      .execute();
  });
}

export async function closePoll(db: Kysely<DB>, pollId: string) {
  await db.transaction().execute(async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!poll) throw notFound('Poll');
    if (poll.phase === 'closed') throw new AppError('CONFLICT', 'The poll is already closed');
    const now = new Date().toISOString();
    const closesAt = poll.closesAt ? toIso(poll.closesAt) : null;
    await trx
      .updateTable('polls')
      .set({ phase: 'closed', closedAt: closesAt && closesAt < now ? closesAt : now, updatedAt: now })
      .where('id', '=', pollId)
      .execute();
  });
}

export async function patchPoll(db: Kysely<DB>, pollId: string, patch: PollPatchInput) {
  await db.transaction().execute(async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!poll) throw notFound('Poll');
    if (effectivePhase(poll) === 'closed')
      throw new AppError('CONFLICT', 'A closed poll is a record: it no longer changes');
    if (toBool(poll.anonymous) && patch.hideResultsUntilClose === false) {
      throw invalid('hideResultsUntilClose', 'an anonymous poll shows its results at the close only');
    }
    // Hiding is one-way while the poll is open: switching it off, reading, then on again would let
    // the organiser peek at what every voter was promised nobody could see before the close.
    if (toBool(poll.hideResults) && patch.hideResultsUntilClose === false) {
      throw new AppError('CONFLICT', 'Hidden results stay hidden until the poll closes', [
        { path: ['body', 'hideResultsUntilClose'], message: 'cannot be switched off before the close' },
      ]);
    }
    if (patch.closesAt && poll.opensAt && Date.parse(patch.closesAt) <= Date.parse(toIso(poll.opensAt))) {
      throw invalid('closesAt', 'must close after it opens');
    }
    await trx
      .updateTable('polls')
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.hideResultsUntilClose !== undefined && { hideResults: patch.hideResultsUntilClose }),
        ...(patch.closesAt !== undefined && {
          closesAt: patch.closesAt === null ? null : toIso(patch.closesAt),
        }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', pollId)
      .execute();
  });
}

/** Deleting is for mistakes: once someone has voted, the poll is a record and stays. */
export async function deletePoll(db: Kysely<DB>, pollId: string) {
  await db.transaction().execute(async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!poll) throw notFound('Poll');
    const table = toBool(poll.anonymous) ? 'pollVoters' : 'pollBallots';
    const voted = await trx
      .selectFrom(table)
      .select('pollId')
      .where('pollId', '=', pollId)
      .limit(1)
      .executeTakeFirst();
    if (voted) throw new AppError('CONFLICT', 'People have voted: close the poll instead of deleting it');
    await trx.deleteFrom('polls').where('id', '=', pollId).execute();
  });
}
