import { randomInt, randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { BallotPutInput } from '../../../contract/poll.ts';
import { type BallotContent, ballotProblem } from '../../../domain/poll.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { lockPoll } from '../../db/locks.ts';
import type { DB, PollRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { openGuestsAmong } from '../guests/guests.public.ts';
import { hashReceipt, newReceipt, serialiseBallot } from './ballot-content.ts';
import { effectivePhase } from './poll-access.ts';

export type CastResult = { pollId: string; ballot: BallotContent; receipt?: string } | { notVoter: true };

interface Pending {
  pollId: string;
  userId: string;
  input: BallotPutInput;
  ballot: BallotContent;
  resolve(result: CastResult): void;
  reject(error: unknown): void;
}

/** Ballots settled inside the transaction, handed to their requests only once it has committed. */
type Outcome = { item: Pending } & ({ result: CastResult } | { error: unknown });

const MAX_BATCH = 500;
/**
 * Ballots waiting beyond this are refused at once (429): past it, the queue only grows while a
 * flood lasts (memory, and answers later than any client waits). About 4 s of SQLite's sustained
 * rate, forty times the vote storm a community event makes.
 */
const MAX_QUEUED = 20_000;
const ROWS_PER_INSERT = 200;

function toContent(input: BallotPutInput): BallotContent {
  if ('choices' in input) return { choices: input.choices };
  if ('ranking' in input) return { ranking: input.ranking };
  return { scores: input.scores };
}

function openProblem(poll: PollRow, now: number): AppError | undefined {
  const phase = effectivePhase(poll, now);
  if (phase === 'closed') return new AppError('CONFLICT', 'The poll is closed');
  if (phase === 'proposal')
    return new AppError('CONFLICT', 'The vote is not open yet: options are being proposed');
  if (poll.opensAt && Date.parse(toIso(poll.opensAt)) > now)
    return new AppError('CONFLICT', 'The vote is not open yet');
  return undefined;
}

/**
 * Casts ballots in groups: the ballots that arrive while the previous group is being written go
 * into the next transaction together (group commit). Per poll, that transaction locks the poll row,
 * then reads everything that decides whether a ballot counts (open, voter, options, quotas) and
 * writes; each ballot still gets its own answer. A vote storm thus costs a few statements per group
 * instead of six per ballot, with the same guarantees: state read under the lock in the same
 * transaction as the write, and one current ballot per voter held by the primary key.
 */
export class BallotBatcher {
  readonly #db: Kysely<DB>;
  readonly #maxQueued: number;
  #queue: Pending[] = [];
  #running = false;

  constructor(db: Kysely<DB>, maxQueued = MAX_QUEUED) {
    this.#db = db;
    this.#maxQueued = maxQueued;
  }

  cast(pollId: string, userId: string, input: BallotPutInput): Promise<CastResult> {
    if (this.#queue.length >= this.#maxQueued) {
      return Promise.reject(new AppError('RATE_LIMITED', 'Too many ballots at once: try again in a moment'));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ pollId, userId, input, ballot: toContent(input), resolve, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) await this.#write(this.#queue.splice(0, MAX_BATCH));
    this.#running = false;
  }

  /**
   * A group whose transaction fails (a deadlock, a lost connection, a constraint) rolled back as a
   * whole and answered nobody yet: it is written again in smaller groups, one poll at a time, then
   * one ballot at a time, so a failure reaches only the ballots it belongs to.
   */
  async #write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.#db.transaction().execute((trx) => writeBatch(trx, batch));
      for (const outcome of outcomes) {
        if ('result' in outcome) outcome.item.resolve(outcome.result);
        else outcome.item.reject(outcome.error);
      }
    } catch (error) {
      const polls = new Set(batch.map((item) => item.pollId));
      if (batch.length === 1) batch[0]?.reject(error);
      else if (polls.size > 1) {
        for (const pollId of polls) await this.#write(batch.filter((item) => item.pollId === pollId));
      } else for (const item of batch) await this.#write([item]);
    }
  }
}

async function writeBatch(trx: Transaction<DB>, batch: Pending[]): Promise<Outcome[]> {
  const byPoll = new Map<string, Pending[]>();
  for (const item of batch) byPoll.set(item.pollId, [...(byPoll.get(item.pollId) ?? []), item]);
  const outcomes: Outcome[] = [];
  // Polls are locked in id order, so two instances writing the same polls cannot deadlock.
  for (const pollId of [...byPoll.keys()].sort()) {
    outcomes.push(...(await writePollBallots(trx, pollId, byPoll.get(pollId) ?? [])));
  }
  return outcomes;
}

async function writePollBallots(trx: Transaction<DB>, pollId: string, items: Pending[]): Promise<Outcome[]> {
  const poll = await lockPoll(trx, pollId);
  if (!poll) return items.map((item) => ({ item, error: notFound('Poll') }));
  const voters = await votersAmong(trx, poll, [...new Set(items.map((item) => item.userId))]);
  const outcomes: Outcome[] = [];
  const eligible: Pending[] = [];
  for (const item of items) {
    if (voters.has(item.userId)) eligible.push(item);
    else outcomes.push({ item, result: { notVoter: true } });
  }
  const closed = openProblem(poll, Date.now());
  if (closed) return [...outcomes, ...eligible.map((item) => ({ item, error: closed }))];
  const options = await trx
    .selectFrom('pollOptions')
    .select(['id', 'sectionId'])
    .where('pollId', '=', pollId)
    .execute();
  const valid: Pending[] = [];
  for (const item of eligible) {
    const problem = ballotProblem(poll, options, item.ballot);
    if (!problem) valid.push(item);
    else {
      const path = Object.keys(item.ballot)[0] ?? 'choices';
      outcomes.push({
        item,
        error: new AppError('INVALID_INPUT', problem, [{ path: ['body', path], message: problem }]),
      });
    }
  }
  if (toBool(poll.anonymous)) {
    const written: Outcome[] = [];
    for (const item of valid) written.push(await writeAnonymous(trx, pollId, item));
    if (written.some((outcome) => 'result' in outcome)) await reshuffleAnonymous(trx, pollId);
    outcomes.push(...written);
  } else {
    await writeNamed(trx, pollId, valid);
    for (const item of valid) outcomes.push({ item, result: { pollId, ballot: item.ballot } });
  }
  return outcomes;
}

async function votersAmong(trx: Transaction<DB>, poll: PollRow, userIds: string[]): Promise<Set<string>> {
  const rows = poll.circleId
    ? await trx
        .selectFrom('circleMembers')
        .select('userId')
        .where('circleId', '=', poll.circleId)
        .where('status', '=', 'member')
        .where('userId', 'in', userIds)
        .execute()
    : await trx
        .selectFrom('communityMembers')
        .select('userId')
        .where('communityId', '=', poll.communityId)
        .where('status', '=', 'active')
        .where('userId', 'in', userIds)
        .execute();
  const voters = new Set(rows.map((row) => row.userId));
  // Guests of the poll's session vote on it while their code is open (decision 051).
  const others = userIds.filter((id) => !voters.has(id));
  if (poll.circleId && poll.sessionId && others.length > 0)
    for (const id of await openGuestsAmong(trx, poll.sessionId, others)) voters.add(id);
  return voters;
}

/** One upsert for the group; when a voter sent several ballots at once, the last one arrived wins. */
async function writeNamed(trx: Transaction<DB>, pollId: string, items: Pending[]) {
  const latest = new Map<string, Pending>();
  for (const item of items) latest.set(item.userId, item);
  const updatedAt = new Date().toISOString();
  const rows = [...latest.values()].map((item) => ({
    pollId,
    userId: item.userId,
    content: serialiseBallot(item.ballot),
    updatedAt,
  }));
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await trx
      .insertInto('pollBallots')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['pollId', 'userId']).doUpdateSet((eb) => ({
          content: eb.ref('excluded.content'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .execute();
  }
}

/**
 * Anonymous: the first ballot marks the voter in poll_voters and stores the ballot apart, under the
 * hash of a fresh receipt; a change must bring that receipt back (the server cannot find the ballot
 * of a person, by design).
 */
async function writeAnonymous(trx: Transaction<DB>, pollId: string, item: Pending): Promise<Outcome> {
  const content = serialiseBallot(item.ballot);
  if (item.input.receipt) {
    // Only someone who has voted has a ballot to change: a receipt left on a shared computer must
    // not let the next person overwrite another's ballot (and never be counted themselves).
    const voted = await trx
      .selectFrom('pollVoters')
      .select('userId')
      .where('pollId', '=', pollId)
      .where('userId', '=', item.userId)
      .executeTakeFirst();
    const changed = !voted
      ? { numUpdatedRows: 0n }
      : await trx
          .updateTable('pollAnonymousBallots')
          .set({ content })
          .where('pollId', '=', pollId)
          .where('receiptHash', '=', hashReceipt(item.input.receipt))
          .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) {
      return { item, error: new AppError('FORBIDDEN', 'This receipt does not match a ballot of this poll') };
    }
    return { item, result: { pollId, ballot: item.ballot } };
  }
  const first = await trx
    .insertInto('pollVoters')
    .values({ pollId, userId: item.userId })
    .onConflict((oc) => oc.columns(['pollId', 'userId']).doNothing())
    .executeTakeFirst();
  if (Number(first.numInsertedOrUpdatedRows ?? 0) !== 1) {
    return {
      item,
      error: new AppError('CONFLICT', 'You have already voted: change your ballot with its receipt'),
    };
  }
  const receipt = newReceipt();
  await trx
    .insertInto('pollAnonymousBallots')
    .values({ id: randomUUID(), pollId, receiptHash: hashReceipt(receipt), content })
    .execute();
  return { item, result: { pollId, ballot: item.ballot, receipt } };
}

/**
 * PostgreSQL stamps every row with the transaction that wrote it (xmin) and keeps rows in the order
 * they were written (ctid), both readable by a plain SELECT: a voter's mark and their ballot would
 * share one. After each group, the poll's anonymous ballots are written again, all in this
 * transaction and in a random order, so neither points at a voter. SQLite keeps neither (WITHOUT
 * ROWID tables ordered by random ids). Costs one rewrite of the poll's ballots per group.
 */
async function reshuffleAnonymous(trx: Transaction<DB>, pollId: string) {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const rows = await trx
    .deleteFrom('pollAnonymousBallots')
    .where('pollId', '=', pollId)
    .returning(['id', 'pollId', 'receiptHash', 'content'])
    .execute();
  const shuffled = rows
    .map((row) => ({ row: { ...row, id: randomUUID() }, key: randomInt(2 ** 47) }))
    .sort((a, b) => a.key - b.key)
    .map(({ row }) => row);
  for (let start = 0; start < shuffled.length; start += ROWS_PER_INSERT) {
    await trx
      .insertInto('pollAnonymousBallots')
      .values(shuffled.slice(start, start + ROWS_PER_INSERT))
      .execute();
  }
}
