import { randomUUID } from 'node:crypto';
import { insertRows } from './bulk-insert.ts';
import { randomFrom, sentence, words } from './scale-text.ts';
import type { ScaleWorld } from './seed-scale.ts';

const day = 86_400_000;
const minute = 60_000;
const AGENDA = [
  ['Tour de météo', 'checkin', 10],
  ['Le cas du jour', 'discussion', 30],
  ['Les conseils du groupe', 'discussion', 30],
  ['Tableau des idées', 'board', 15],
  ['Prochains pas et clôture', 'closing', 5],
] as const;
const PARTICIPANTS = 8;

/** When circle c's i-th session starts: monthly, seven in the past and three to come. */
export function sessionStart(world: ScaleWorld, c: number, i: number): number {
  const midnight = Math.floor(world.now / day) * day;
  return midnight + ((i - 7) * 28 + (c % 28)) * day + (9 + (c % 8)) * 60 * minute;
}

const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16).replace(':', 'h');

/** Each circle's sessions with a five-item agenda, minutes when held, 8 people, a next step. */
export async function seedScaleSessions(world: ScaleWorld): Promise<Record<string, number>> {
  const { db, counts, circleIds, userIds, circleMembersOf } = world;
  const perCircle = counts.sessionsPerCircle;
  world.sessionIds = Array.from({ length: circleIds.length * perCircle }, () => randomUUID());
  const sessionIds = world.sessionIds;
  function* each() {
    for (let c = 0; c < circleIds.length; c++)
      for (let i = 0; i < perCircle; i++) {
        const starts = sessionStart(world, c, i);
        yield { c, i, id: sessionIds[c * perCircle + i] ?? '', starts, held: starts < world.now };
      }
  }
  const iso = (at: number) => new Date(at).toISOString();
  const random = randomFrom(2);
  const rows: Record<string, number> = {};

  rows.sessions = await insertRows(
    db,
    'sessions',
    [
      'id',
      'circle_id',
      'title',
      'description',
      'starts_at',
      'ends_at',
      'time_zone',
      'place',
      'status',
      'synthesis',
      'notes_markdown',
      'created_by',
      'created_at',
      'updated_at',
    ],
    (function* () {
      for (const { c, i, id, starts, held } of each()) {
        const synthesis = held ? `${sentence(random, 20, 60)} ${sentence(random, 10, 30)}` : '';
        const notes = held
          ? AGENDA.map(([title]) => `## ${title}\n\n${sentence(random, 15, 40)}`).join('\n\n')
          : '';
        const created = iso(starts - 20 * day);
        yield [
          id,
          circleIds[c],
          `Séance ${i + 1} : ${words(random, 2, 5)}`,
          sentence(random, 5, 15),
          iso(starts),
          iso(starts + 90 * minute),
          'Europe/Paris',
          c % 2 === 0 ? 'En visio' : 'Salle 2',
          held ? 'ended' : 'scheduled',
          synthesis,
          notes,
          userIds[circleMembersOf(c)[0] ?? 1],
          created,
          held ? iso(starts + 2 * 60 * minute) : created,
        ];
      }
    })(),
  );

  rows.agenda_items = await insertRows(
    db,
    'agenda_items',
    ['id', 'session_id', 'position', 'title', 'starts_at', 'ends_at', 'kind', 'owner_id', 'notes'],
    (function* () {
      for (const { c, id, starts, held } of each()) {
        let at = starts;
        for (const [position, [title, kind, minutes]] of AGENDA.entries()) {
          const ends = at + minutes * minute;
          const owner = position === 1 ? userIds[circleMembersOf(c)[position + 2] ?? 1] : null;
          yield [
            randomUUID(),
            id,
            position,
            `[${hhmm(at)} > ${hhmm(ends)}] ${title}`,
            iso(at),
            iso(ends),
            kind,
            owner,
            held ? sentence(random, 8, 25) : '',
          ];
          at = ends;
        }
      }
    })(),
  );

  rows.session_participants = await insertRows(
    db,
    'session_participants',
    ['id', 'session_id', 'user_id', 'status', 'created_at'],
    (function* () {
      for (const { c, i, id, starts, held } of each()) {
        const members = circleMembersOf(c);
        for (let j = 0; j < Math.min(PARTICIPANTS, members.length); j++) {
          const status = held ? (j % 5 === 4 ? 'excused' : 'present') : j % 2 === 0 ? 'confirmed' : 'invited';
          yield [
            randomUUID(),
            id,
            userIds[members[(i * 3 + j) % members.length] ?? 1],
            status,
            iso(starts - 20 * day),
          ];
        }
      }
    })(),
  );

  const actionIds = sessionIds.map(() => randomUUID());
  rows.actions = await insertRows(
    db,
    'actions',
    ['id', 'circle_id', 'session_id', 'title', 'due_on', 'status', 'created_by', 'created_at', 'updated_at'],
    (function* () {
      for (const { c, i, id, starts, held } of each()) {
        const n = c * perCircle + i;
        const status = !held ? 'todo' : n % 5 < 3 ? 'done' : n % 5 === 3 ? 'in_progress' : 'todo';
        yield [
          actionIds[n],
          circleIds[c],
          id,
          sentence(random, 4, 10),
          iso(starts + 14 * day).slice(0, 10),
          status,
          userIds[circleMembersOf(c)[0] ?? 1],
          iso(starts),
          iso(starts),
        ];
      }
    })(),
  );
  rows.action_owners = await insertRows(
    db,
    'action_owners',
    ['action_id', 'position', 'user_id'],
    (function* () {
      for (const { c, i } of each()) {
        const members = circleMembersOf(c);
        yield [actionIds[c * perCircle + i], 0, userIds[members[(i * 3 + 1) % members.length] ?? 1]];
      }
    })(),
  );

  rows.announcements = await insertRows(
    db,
    'announcements',
    ['id', 'session_id', 'position', 'text', 'author_id', 'created_at'],
    (function* () {
      for (const { c, i, id, starts, held } of each())
        if (held && (c + i) % 5 === 0)
          yield [
            randomUUID(),
            id,
            0,
            sentence(random, 8, 20),
            userIds[circleMembersOf(c)[0] ?? 1],
            iso(starts + 60 * minute),
          ];
    })(),
  );
  return rows;
}
