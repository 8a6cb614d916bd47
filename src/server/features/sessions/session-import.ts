import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { ImportedSession } from '../../../domain/pad-import/imported-session.ts';
import { zonedInstant } from '../../../domain/zoned-time.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { insertActionIn } from '../actions/actions.public.ts';

/** Names compared as people write them: case, accents and spacing do not matter. */
const nameKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

/** Wall-clock bounds of the session: its first and last timed items, else an hour at noon. */
function sessionBounds(imported: ImportedSession, date: string, timeZone: string) {
  const starts = imported.agenda.map((item) => item.startTime).filter((t): t is string => Boolean(t));
  const ends = imported.agenda.map((item) => item.endTime).filter((t): t is string => Boolean(t));
  const startsAt = zonedInstant(date, starts.sort()[0] ?? '12:00', timeZone);
  const last = ends.sort().at(-1);
  const endsAt = last ? zonedInstant(date, last, timeZone) : new Date(startsAt.getTime() + 3600_000);
  return { startsAt, endsAt: endsAt > startsAt ? endsAt : new Date(startsAt.getTime() + 3600_000) };
}

function notesMarkdown(imported: ImportedSession): string {
  return [imported.subtitle ? `_${imported.subtitle}_` : '', imported.notes].filter(Boolean).join('\n\n');
}

/**
 * Stores a parsed pad as a session of the circle, in the caller's transaction: participants matched
 * to the circle's people by name (else listed as guests), agenda with its times in the meeting's
 * time zone, notes per item, synthesis, next steps with owners, announcements, vote results. Text
 * the parser could not place is in the session's notes, never dropped.
 */
export async function storeImportedSession(
  trx: Kysely<DB>,
  input: {
    circleId: string;
    creatorId: string | null;
    imported: ImportedSession;
    date: string;
    timeZone: string;
  },
): Promise<string> {
  const { imported, date, timeZone } = input;
  const { startsAt, endsAt } = sessionBounds(imported, date, timeZone);
  const id = randomUUID();
  const now = new Date().toISOString();
  await trx
    .insertInto('sessions')
    .values({
      id,
      circleId: input.circleId,
      title: imported.title ?? 'Séance importée',
      description: imported.dateText ?? '',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      timeZone,
      place: '',
      status: 'ended',
      currentItemId: null,
      currentItemStartedAt: null,
      startedAt: startsAt.toISOString(),
      synthesis: imported.synthesis.map((line) => `- ${line}`).join('\n'),
      notesMarkdown: notesMarkdown(imported),
      createdBy: input.creatorId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();

  const people = await trx
    .selectFrom('circleMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name'])
    .where('m.circleId', '=', input.circleId)
    .execute();
  const userByName = new Map(people.map((person) => [nameKey(person.name), person.id]));

  // Listed in the pad's order: creation times one millisecond apart keep it. One statement per
  // table (the counts are bounded by requireStorableSize), not one round trip per row.
  if (imported.participants.length > 0) {
    await trx
      .insertInto('sessionParticipants')
      .values(
        imported.participants.map((participant, index) => {
          const userId = userByName.get(nameKey(participant.name)) ?? null;
          return {
            id: randomUUID(),
            sessionId: id,
            userId,
            guestName: userId ? null : participant.name,
            status: participant.status === 'excused' ? ('excused' as const) : ('present' as const),
            createdAt: new Date(Date.parse(now) + index).toISOString(),
          };
        }),
      )
      .onConflict((oc) => oc.columns(['sessionId', 'userId']).doNothing())
      .execute();
  }
  await insertAgenda(trx, id, imported, date, timeZone);

  const importedAt = Date.now();
  for (const [index, action] of imported.actions.entries()) {
    const ownerIds = action.ownerNames.flatMap((name) => userByName.get(nameKey(name)) ?? []);
    const guestOwners = action.ownerNames.filter((name) => !userByName.has(nameKey(name)));
    const actionId = await insertActionIn(
      trx,
      { circleId: input.circleId, sessionId: id },
      input.creatorId,
      {
        title: action.title,
        ownerIds,
        guestOwners,
      },
      new Date(importedAt + index),
    );
    if (action.isDone)
      await trx.updateTable('actions').set({ status: 'done' }).where('id', '=', actionId).execute();
  }

  if (imported.announcements.length > 0) {
    await trx
      .insertInto('announcements')
      .values(
        imported.announcements.map((text, index) => ({
          id: randomUUID(),
          sessionId: id,
          position: index + 1,
          text,
        })),
      )
      .execute();
  }
  if (imported.votes.length > 0) {
    await trx
      .insertInto('sessionVotes')
      .values(
        imported.votes.map((vote, index) => ({
          id: randomUUID(),
          sessionId: id,
          position: index + 1,
          title: vote.title,
          sections: JSON.stringify(vote.sections),
        })),
      )
      .execute();
  }
  return id;
}

/** Items, then their sub-items (which point at them), numbered in the pad's order. */
async function insertAgenda(
  trx: Kysely<DB>,
  sessionId: string,
  imported: ImportedSession,
  date: string,
  timeZone: string,
): Promise<void> {
  const at = (time: string | null) => (time ? zonedInstant(date, time, timeZone).toISOString() : null);
  const items: Insertable<DB['agendaItems']>[] = [];
  const children: Insertable<DB['agendaItems']>[] = [];
  let position = 0;
  for (const item of imported.agenda) {
    const parentId = randomUUID();
    const fields = { sessionId, kind: null, ownerId: null };
    items.push({
      ...fields,
      id: parentId,
      parentId: null,
      position: ++position,
      title: item.title,
      startsAt: at(item.startTime),
      endsAt: at(item.endTime),
      notes: item.notes,
    });
    for (const title of item.children) {
      children.push({
        ...fields,
        id: randomUUID(),
        parentId,
        position: ++position,
        title,
        startsAt: null,
        endsAt: null,
        notes: '',
      });
    }
  }
  if (items.length > 0) await trx.insertInto('agendaItems').values(items).execute();
  if (children.length > 0) await trx.insertInto('agendaItems').values(children).execute();
}

/**
 * What one import may hold. A meeting has tens of items, people and next steps; a pad with tens
 * of thousands is a list pasted by mistake, and storing it would hold a transaction for minutes.
 */
export const importLimits = {
  agendaItems: 300,
  participants: 300,
  actions: 300,
  announcements: 300,
  votes: 100,
} as const;

/** Refuses notes that hold more of something than an import takes, saying what and how many. */
export function requireStorableSize(imported: ImportedSession): void {
  const counts: [what: string, count: number, limit: number][] = [
    [
      'agenda items',
      imported.agenda.reduce((sum, item) => sum + 1 + item.children.length, 0),
      importLimits.agendaItems,
    ],
    ['participants', imported.participants.length, importLimits.participants],
    ['next steps', imported.actions.length, importLimits.actions],
    ['announcements', imported.announcements.length, importLimits.announcements],
    ['votes', imported.votes.length, importLimits.votes],
  ];
  for (const [what, count, limit] of counts) {
    if (count <= limit) continue;
    throw new AppError(
      'INVALID_INPUT',
      `These notes hold ${count} ${what}; an import takes at most ${limit}. Import them in several parts.`,
      [{ path: ['body'], message: `too many ${what}` }],
    );
  }
}

/** Refuses what is not pad text: empty, binary or not UTF-8. */
export function requireImportableText(text: string): string {
  if (text.trim().length === 0) {
    throw new AppError('INVALID_INPUT', 'The text to import is empty', [
      { path: ['body'], message: 'empty' },
    ]);
  }
  if (text.includes('\uFFFD')) {
    throw new AppError('INVALID_INPUT', 'The file is not UTF-8 text', [
      { path: ['body'], message: 'not UTF-8 text' },
    ]);
  }
  return text;
}
