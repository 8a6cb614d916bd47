import type { Kysely } from 'kysely';
import type { DatePoll, DatePollSummary } from '../../../contract/date-poll.ts';
import { bestSlotIndexes, type DateAnswerValue } from '../../../domain/date-poll.ts';
import type { Abilities } from '../../../domain/policy.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DatePollRow, DB } from '../../db/schema.ts';

/** Open, and before its deadline: answers are still taken. */
export function isAnswerable(poll: DatePollRow, now = Date.now()): boolean {
  return poll.status === 'open' && (poll.deadline === null || Date.parse(toIso(poll.deadline)) > now);
}

export interface PollView {
  viewerId: string | undefined;
  /** A guest reading through their private link sees their own row as theirs. */
  guestResponseId?: string | undefined;
  /** The organiser and stewards see every name even when names are hidden. */
  seesNames: boolean;
  /** The date-poll policy's answer (domain/policy.ts), before the poll's state. */
  abilities: Abilities;
  showShareToken: boolean;
}

export async function loadDatePollDetail(
  db: Kysely<DB>,
  poll: DatePollRow,
  circleName: string,
  view: PollView,
): Promise<DatePoll> {
  // Now: answers while it is answerable, steering (closing, editing) while it is open.
  const abilities = {
    ...view.abilities,
    takePart: view.abilities.takePart && isAnswerable(poll),
    steer: view.abilities.steer && poll.status === 'open',
  };
  const [slots, responses, answers, organiser] = await Promise.all([
    db.selectFrom('datePollSlots').selectAll().where('pollId', '=', poll.id).orderBy('position').execute(),
    db
      .selectFrom('datePollResponses as r')
      .leftJoin('users as u', 'u.id', 'r.userId')
      .select(['r.id', 'r.userId', 'r.guestName', 'r.comment', 'u.name as userName'])
      .where('r.pollId', '=', poll.id)
      .orderBy('r.createdAt')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('datePollAnswers as a')
      .innerJoin('datePollResponses as r', 'r.id', 'a.responseId')
      .select(['a.responseId', 'a.slotId', 'a.value'])
      .where('r.pollId', '=', poll.id)
      .execute(),
    poll.createdBy
      ? db.selectFrom('users').select('name').where('id', '=', poll.createdBy).executeTakeFirst()
      : undefined,
  ]);
  const tallies = slots.map((slot) => {
    const count = (value: DateAnswerValue) =>
      answers.filter((a) => a.slotId === slot.id && a.value === value).length;
    return { yes: count('yes'), maybe: count('maybe'), no: count('no') };
  });
  const best = new Set(bestSlotIndexes(tallies));
  const hidden = toBool(poll.hideParticipants) && !view.seesNames;
  const participants = responses.map((response) => {
    const isMe =
      (view.viewerId !== undefined && response.userId === view.viewerId) ||
      response.id === view.guestResponseId;
    return {
      name: hidden && !isMe ? null : (response.userName ?? response.guestName ?? ''),
      isGuest: response.userId === null,
      isMe,
      comment: hidden && !isMe ? '' : response.comment,
      answers: answers
        .filter((a) => a.responseId === response.id)
        .map((a) => ({ slotId: a.slotId, value: a.value })),
    };
  });
  return {
    id: poll.id,
    circleId: poll.circleId,
    circleName,
    title: poll.title,
    timeZone: poll.timeZone,
    deadline: poll.deadline === null ? null : toIso(poll.deadline),
    hideParticipants: toBool(poll.hideParticipants),
    status: poll.status,
    isAnswerable: isAnswerable(poll),
    chosenSlotId: poll.chosenSlotId,
    sessionId: poll.sessionId,
    chosenSlotIds: slots
      .filter((slot) => slot.sessionId !== null || slot.id === poll.chosenSlotId)
      .map((slot) => slot.id),
    organiserName: organiser?.name ?? null,
    slots: slots.map((slot, index) => ({
      id: slot.id,
      startsAt: toIso(slot.startsAt),
      endsAt: toIso(slot.endsAt),
      ...(tallies[index] ?? { yes: 0, maybe: 0, no: 0 }),
      isBest: best.has(index),
      sessionId: slot.sessionId ?? (slot.id === poll.chosenSlotId ? poll.sessionId : null),
    })),
    participants,
    shareToken: view.showShareToken ? poll.shareToken : null,
    abilities,
    canAnswer: abilities.takePart,
    canClose: abilities.steer,
    createdAt: toIso(poll.createdAt),
  };
}

const newestFirst: Keyset<{ id: string; createdAt: string | Date }> = {
  list: 'date-polls',
  keys: [{ expr: 'p.createdAt', kind: 'time', direction: 'desc' }],
  id: 'p.id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

export async function listCirclePolls(
  db: Kysely<DB>,
  circleId: string,
  page: PageRequest,
): Promise<{ items: DatePollSummary[]; nextCursor: string | null }> {
  const query = db
    .selectFrom('datePolls as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('datePollSlots as s')
        .whereRef('s.pollId', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('slotCount'),
      eb
        .selectFrom('datePollResponses as r')
        .whereRef('r.pollId', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('respondentCount'),
    ])
    .where('p.circleId', '=', circleId);
  const rows = await pageQuery(query, newestFirst, page).execute();
  const { items, nextCursor } = toPage(rows, newestFirst, page);
  const toSummary = (row: (typeof rows)[number]): DatePollSummary => ({
    id: row.id,
    circleId: row.circleId,
    title: row.title,
    timeZone: row.timeZone,
    deadline: row.deadline === null ? null : toIso(row.deadline),
    status: row.status,
    slotCount: Number(row.slotCount ?? 0),
    respondentCount: Number(row.respondentCount ?? 0),
    sessionId: row.sessionId,
    createdAt: toIso(row.createdAt),
  });
  return { items: items.map(toSummary), nextCursor };
}
