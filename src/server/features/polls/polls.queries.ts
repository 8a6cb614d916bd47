import type { Kysely } from 'kysely';
import type { MyBallot, Poll, PollResults, PollSummary } from '../../../contract/poll.ts';
import { type BallotContent, tallyBallots } from '../../../domain/poll.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB, PollRow } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { hashReceipt, parseBallot } from './ballot-content.ts';
import { effectivePhase, type PollAccess } from './poll-access.ts';

const iso = (value: Date | string | null) => (value === null ? null : toIso(value));

/** How many people have a current ballot. */
export async function countVoters(db: Kysely<DB>, poll: Pick<PollRow, 'id' | 'anonymous'>): Promise<number> {
  const table = toBool(poll.anonymous) ? 'pollVoters' : 'pollBallots';
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pollId', '=', poll.id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function hasVoted(db: Kysely<DB>, poll: Pick<PollRow, 'id' | 'anonymous'>, userId: string) {
  const table = toBool(poll.anonymous) ? 'pollVoters' : 'pollBallots';
  const row = await db
    .selectFrom(table)
    .select('userId')
    .where('pollId', '=', poll.id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Results are hidden, from everyone, until the poll closes when its organiser asked for it. */
export function resultsVisible(poll: PollRow): boolean {
  return !toBool(poll.hideResults) || effectivePhase(poll) === 'closed';
}

/** A poll's sections and options, in their order. */
async function sectionsAndOptions(db: Kysely<DB>, pollId: string) {
  const [sections, options] = await Promise.all([
    db
      .selectFrom('pollSections')
      .select(['id', 'title'])
      .where('pollId', '=', pollId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('pollOptions')
      .select(['id', 'text', 'sectionId'])
      .where('pollId', '=', pollId)
      .orderBy('position')
      .execute(),
  ]);
  return { sections, options };
}

export async function loadPollDetail(
  db: Kysely<DB>,
  access: PollAccess,
  viewer: Viewer | undefined,
): Promise<Poll> {
  const { poll, scope } = access;
  const [{ sections, options }, voterCount, voted] = await Promise.all([
    sectionsAndOptions(db, poll.id),
    countVoters(db, poll),
    viewer ? hasVoted(db, poll, viewer.id) : Promise.resolve(false),
  ]);
  const phase = effectivePhase(poll);
  const notOpenYet = poll.opensAt !== null && Date.parse(toIso(poll.opensAt)) > Date.now();
  // Taking part now: voting while the poll votes, proposing while it takes proposals.
  const canVote = access.canVote && phase === 'voting' && !notOpenYet;
  const canPropose = access.canVote && phase === 'proposal';
  return {
    id: poll.id,
    title: poll.title,
    description: poll.description,
    kind: poll.kind,
    phase,
    communityId: scope.communityId,
    communitySlug: scope.communitySlug,
    circleId: scope.kind === 'circle' ? scope.circleId : null,
    circleName: scope.kind === 'circle' ? scope.circleName : null,
    sessionId: poll.sessionId,
    sections,
    options,
    maxPerSection: poll.maxPerSection,
    minChoices: poll.minChoices,
    maxChoices: poll.maxChoices,
    anonymous: toBool(poll.anonymous),
    hideResultsUntilClose: toBool(poll.hideResults),
    opensAt: iso(poll.opensAt),
    closesAt: iso(poll.closesAt),
    closedAt: iso(poll.closedAt),
    createdAt: toIso(poll.createdAt),
    voterCount,
    abilities: { ...access.abilities, takePart: canVote || canPropose },
    canVote,
    canOrganise: access.canOrganise,
    canPropose,
    resultsVisible: resultsVisible(poll),
    hasVoted: voted,
  };
}

const pollOrder: Keyset<PollRow> = {
  list: 'polls',
  keys: [{ expr: 'createdAt', kind: 'time', direction: 'desc' }],
  id: 'id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

/** Polls of a circle, or the community-wide polls of a community (never its circles' polls), newest first. */
export async function listPolls(
  db: Kysely<DB>,
  where: { circleId: string } | { communityId: string },
  viewer: Viewer | undefined,
  page: PageRequest,
): Promise<{ items: PollSummary[]; nextCursor: string | null }> {
  let query = db.selectFrom('polls').selectAll();
  query =
    'circleId' in where
      ? query.where('circleId', '=', where.circleId)
      : query.where('communityId', '=', where.communityId).where('circleId', 'is', null);
  const { items, nextCursor } = toPage(await pageQuery(query, pollOrder, page).execute(), pollOrder, page);
  return { items: await Promise.all(items.map((poll) => toPollSummary(db, poll, viewer))), nextCursor };
}

async function toPollSummary(
  db: Kysely<DB>,
  poll: PollRow,
  viewer: Viewer | undefined,
): Promise<PollSummary> {
  return {
    id: poll.id,
    title: poll.title,
    kind: poll.kind,
    phase: effectivePhase(poll),
    circleId: poll.circleId,
    sessionId: poll.sessionId,
    anonymous: toBool(poll.anonymous),
    closesAt: iso(poll.closesAt),
    closedAt: iso(poll.closedAt),
    createdAt: toIso(poll.createdAt),
    voterCount: await countVoters(db, poll),
    hasVoted: viewer ? await hasVoted(db, poll, viewer.id) : false,
  };
}

/** The current ballots' contents, and nothing about who cast them. */
async function currentBallots(db: Kysely<DB>, poll: PollRow): Promise<BallotContent[]> {
  const rows = toBool(poll.anonymous)
    ? await db.selectFrom('pollAnonymousBallots').select('content').where('pollId', '=', poll.id).execute()
    : await db.selectFrom('pollBallots').select('content').where('pollId', '=', poll.id).execute();
  return rows.map((row) => parseBallot(row.content));
}

/** A recount of the current ballots, shaped per kind. 409 while results are hidden. */
export async function loadResults(db: Kysely<DB>, poll: PollRow): Promise<PollResults> {
  if (!resultsVisible(poll)) {
    throw new AppError('CONFLICT', 'Results are hidden until the poll closes');
  }
  const [{ sections, options }, ballots] = await Promise.all([
    sectionsAndOptions(db, poll.id),
    currentBallots(db, poll),
  ]);
  const tally = tallyBallots(
    poll.kind,
    options.map((o) => o.id),
    ballots,
  );
  const results = options.map((option, index) => ({
    ...tally.options[index],
    id: option.id,
    text: option.text,
    count: tally.options[index]?.count ?? 0,
  }));
  const base = {
    pollId: poll.id,
    kind: poll.kind,
    voters: tally.voters,
    final: effectivePhase(poll) === 'closed',
  };
  if (poll.kind === 'sections') {
    return {
      ...base,
      sections: sections.map((section) => ({
        id: section.id,
        title: section.title,
        options: results.filter((_, index) => options[index]?.sectionId === section.id),
      })),
    };
  }
  return { ...base, options: results, ...(tally.runoff && { runoff: tally.runoff }) };
}

/** The viewer's own ballot. Anonymous polls keep no link: only the receipt's holder can read it. */
export async function loadMyBallot(
  db: Kysely<DB>,
  poll: PollRow,
  viewer: Viewer,
  receipt: string | undefined,
): Promise<MyBallot> {
  if (!toBool(poll.anonymous)) {
    const row = await db
      .selectFrom('pollBallots')
      .select('content')
      .where('pollId', '=', poll.id)
      .where('userId', '=', viewer.id)
      .executeTakeFirst();
    return { hasVoted: row !== undefined, ballot: row ? parseBallot(row.content) : null };
  }
  const voted = await hasVoted(db, poll, viewer.id);
  if (!voted || !receipt) return { hasVoted: voted, ballot: null };
  const row = await db
    .selectFrom('pollAnonymousBallots')
    .select('content')
    .where('pollId', '=', poll.id)
    .where('receiptHash', '=', hashReceipt(receipt))
    .executeTakeFirst();
  return { hasVoted: voted, ballot: row ? parseBallot(row.content) : null };
}
