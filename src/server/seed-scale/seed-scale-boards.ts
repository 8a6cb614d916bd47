import { randomUUID } from 'node:crypto';
import { insertRows } from './bulk-insert.ts';
import { randomFrom, sentence, words } from './scale-text.ts';
import type { ScaleWorld } from './seed-scale.ts';
import { sessionStart } from './seed-scale-sessions.ts';

const minute = 60_000;
const CATEGORIES = [
  ['Idées', 'yellow'],
  ['Prochains pas', 'blue'],
  ['Questions', 'pink'],
] as const;
const OPTIONS = 4;

/** A board on every fifth session with its post-its, and a poll per circle with its ballots. */
export async function seedScaleBoardsAndPolls(world: ScaleWorld): Promise<Record<string, number>> {
  const { db, counts, circleIds, userIds, circleMembersOf, sessionIds } = world;
  const perCircle = counts.sessionsPerCircle;
  const random = randomFrom(3);
  const iso = (at: number) => new Date(at).toISOString();
  const boards: { id: string; c: number; sessionId: string; at: number; categoryIds: string[] }[] = [];
  for (let n = 0; n < sessionIds.length; n += counts.sessionsPerBoard) {
    const c = Math.floor(n / perCircle);
    const at = sessionStart(world, c, n % perCircle);
    boards.push({
      id: randomUUID(),
      c,
      sessionId: sessionIds[n] ?? '',
      at,
      categoryIds: CATEGORIES.map(() => randomUUID()),
    });
  }
  const rows: Record<string, number> = {};
  rows.boards = await insertRows(
    db,
    'boards',
    [
      'id',
      'circle_id',
      'session_id',
      'title',
      'anonymous',
      'silent',
      'locked',
      'hide_dots',
      'dots_revealed',
      'dots_per_participant',
      'created_by',
      'created_at',
      'updated_at',
    ],
    boards.map((b) => [
      b.id,
      circleIds[b.c],
      b.sessionId,
      `Tableau : ${words(random, 2, 4)}`,
      false,
      false,
      b.at < world.now,
      false,
      true,
      3,
      userIds[circleMembersOf(b.c)[0] ?? 1],
      iso(b.at),
      iso(b.at),
    ]),
  );
  rows.board_categories = await insertRows(
    db,
    'board_categories',
    ['id', 'board_id', 'position', 'name', 'color', 'meaning'],
    boards.flatMap((b) => CATEGORIES.map(([name, color], k) => [b.categoryIds[k], b.id, k, name, color, ''])),
  );
  rows.board_notes = await insertRows(
    db,
    'board_notes',
    [
      'id',
      'board_id',
      'category_id',
      'author_id',
      'text',
      'x',
      'y',
      'hidden',
      'private',
      'created_at',
      'updated_at',
    ],
    (function* () {
      for (const b of boards) {
        const members = circleMembersOf(b.c);
        for (let k = 0; k < counts.postitsPerBoard; k++) {
          const at = iso(b.at + (20 + k) * minute);
          yield [
            randomUUID(),
            b.id,
            b.categoryIds[k % CATEGORIES.length],
            userIds[members[k % members.length] ?? 1],
            words(random, 3, 14),
            (k % 10) * 120,
            Math.floor(k / 10) * 90,
            false,
            false,
            at,
            at,
          ];
        }
      }
    })(),
  );

  const polls = circleIds.map((circleId, c) => {
    const i = c % 7; // a held session
    return {
      id: randomUUID(),
      c,
      circleId,
      sessionId: sessionIds[c * perCircle + i],
      at: sessionStart(world, c, i),
      optionIds: Array.from({ length: OPTIONS }, () => randomUUID()),
    };
  });
  rows.polls = await insertRows(
    db,
    'polls',
    [
      'id',
      'community_id',
      'circle_id',
      'session_id',
      'title',
      'description',
      'kind',
      'phase',
      'anonymous',
      'hide_results',
      'closed_at',
      'created_by',
      'created_at',
      'updated_at',
    ],
    polls.map((p) => {
      const closed = p.c % 2 === 0;
      return [
        p.id,
        world.communityId,
        p.circleId,
        p.sessionId,
        `Vote : ${words(random, 3, 6)}`,
        sentence(random, 5, 12),
        'single',
        closed ? 'closed' : 'voting',
        false,
        false,
        closed ? iso(p.at + 80 * minute) : null,
        userIds[circleMembersOf(p.c)[0] ?? 1],
        iso(p.at),
        iso(p.at),
      ];
    }),
  );
  rows.poll_options = await insertRows(
    db,
    'poll_options',
    ['id', 'poll_id', 'position', 'text'],
    polls.flatMap((p) => p.optionIds.map((id, k) => [id, p.id, k, words(random, 2, 6)])),
  );
  rows.poll_ballots = await insertRows(
    db,
    'poll_ballots',
    ['poll_id', 'user_id', 'content', 'updated_at'],
    (function* () {
      for (const p of polls) {
        const members = circleMembersOf(p.c);
        for (let k = 0; k < Math.min(counts.ballotsPerPoll, members.length); k++)
          yield [
            p.id,
            userIds[members[k] ?? 1],
            JSON.stringify({ choices: [p.optionIds[(k * 7 + p.c) % OPTIONS]] }),
            iso(p.at + (30 + k) * minute),
          ];
      }
    })(),
  );
  return rows;
}
