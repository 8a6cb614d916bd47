import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ImportedSession } from '../../../domain/pad-import/imported-session.ts';
import { zonedInstant } from '../../../domain/zoned-time.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { insertActionIn } from '../actions/actions.commands.ts';

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

  // Listed in the pad's order: creation times one millisecond apart keep it.
  for (const [index, participant] of imported.participants.entries()) {
    const userId = userByName.get(nameKey(participant.name)) ?? null;
    await trx
      .insertInto('sessionParticipants')
      .values({
        id: randomUUID(),
        sessionId: id,
        userId,
        guestName: userId ? null : participant.name,
        status: participant.status === 'excused' ? 'excused' : 'present',
        createdAt: new Date(Date.parse(now) + index).toISOString(),
      })
      .onConflict((oc) => oc.columns(['sessionId', 'userId']).doNothing())
      .execute();
  }

  let position = 0;
  for (const item of imported.agenda) {
    const parentId = randomUUID();
    const at = (time: string | null) => (time ? zonedInstant(date, time, timeZone).toISOString() : null);
    await trx
      .insertInto('agendaItems')
      .values({
        id: parentId,
        sessionId: id,
        parentId: null,
        position: ++position,
        title: item.title,
        startsAt: at(item.startTime),
        endsAt: at(item.endTime),
        kind: null,
        ownerId: null,
        notes: item.notes,
      })
      .execute();
    for (const child of item.children) {
      await trx
        .insertInto('agendaItems')
        .values({
          id: randomUUID(),
          sessionId: id,
          parentId,
          position: ++position,
          title: child,
          startsAt: null,
          endsAt: null,
          kind: null,
          ownerId: null,
          notes: '',
        })
        .execute();
    }
  }

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

  for (const [index, text] of imported.announcements.entries()) {
    await trx
      .insertInto('announcements')
      .values({ id: randomUUID(), sessionId: id, position: index + 1, text })
      .execute();
  }
  for (const [index, vote] of imported.votes.entries()) {
    await trx
      .insertInto('sessionVotes')
      .values({
        id: randomUUID(),
        sessionId: id,
        position: index + 1,
        title: vote.title,
        sections: JSON.stringify(vote.sections),
      })
      .execute();
  }
  return id;
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
