import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { drainDashboardFigures } from '../features/hub/hub.public.ts';
import { featureSearchSources } from '../features/registry.ts';
import { isPostgres } from '../search/search-index.ts';
import { drainSearchIndex } from '../search/search-indexer.ts';
import { insertRows } from './bulk-insert.ts';
import { firstNames, lastNames, randomFrom } from './scale-text.ts';
import { seedScaleBoardsAndPolls } from './seed-scale-boards.ts';
import { seedScaleSessions } from './seed-scale-sessions.ts';
import { seedScaleWave2 } from './seed-scale-wave2.ts';

export const SCALE_SLUG = 'grande-communaute';

/** What the issue asks at scale 1; `--scale 0.01` divides every count by 100. */
export interface ScaleCounts {
  members: number;
  circles: number;
  /** Per circle. */
  sessionsPerCircle: number;
  /** One board every this many sessions. */
  sessionsPerBoard: number;
  postitsPerBoard: number;
  ballotsPerPoll: number;
}

export function countsFor(scale: number, members?: number): ScaleCounts {
  return {
    members: members ?? Math.max(200, Math.round(100_000 * scale)),
    circles: Math.max(20, Math.round(10_000 * scale)),
    sessionsPerCircle: 10,
    sessionsPerBoard: 5,
    postitsPerBoard: 50,
    ballotsPerPoll: 20,
  };
}

/** The people and circles the later steps hang their objects on. */
export interface ScaleWorld {
  db: Kysely<DB>;
  counts: ScaleCounts;
  communityId: string;
  userIds: string[];
  circleIds: string[];
  /** The members of each circle, facilitators first (circleMembersOf(c)[0] facilitates). */
  circleMembersOf: (circle: number) => number[];
  /** Filled by the sessions step: circle c's i-th session is sessionIds[c * sessionsPerCircle + i]. */
  sessionIds: string[];
  now: number;
  log: (line: string) => void;
}

export const MEMBERS_PER_CIRCLE = 30;
export const ANIMATORS = 20;
const day = 86_400_000;

/** A multiplier coprime with n, so i → i·k mod n is a permutation of 0..n-1. */
function coprimeStep(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 7919;
  while (gcd(step, n) !== 1) step += 2;
  return step;
}

/**
 * Fills an empty database with a large community (issue 16, item 5): members, circles, sessions
 * with agendas and minutes, boards with post-its, polls with ballots, the wave-2 objects, then the
 * search index. Rows are written in bulk, not through the routes: the routes' own rules are what
 * the bench then reads through.
 */
export async function seedScale(
  db: Kysely<DB>,
  options: {
    scale: number;
    members?: number;
    /** Index at most this many objects of each kind (undefined: all). */
    indexPerKind?: number;
    log: (line: string) => void;
  },
): Promise<{ counts: ScaleCounts; rows: Record<string, number> }> {
  const existing = await db
    .selectFrom('communities')
    .select('id')
    .where('slug', '=', SCALE_SLUG)
    .executeTakeFirst();
  if (existing) throw new Error(`The community "${SCALE_SLUG}" is already there: seed an empty database.`);
  const counts = countsFor(options.scale, options.members);
  const rows: Record<string, number> = {};
  const step = async (name: string, work: () => Promise<Record<string, number>>) => {
    const started = performance.now();
    const written = await work();
    Object.assign(rows, written);
    const summary = Object.entries(written)
      .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
      .join(', ');
    options.log(`${name}: ${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  const world = await seedPeopleAndCircles(db, counts, options.log, step);
  await step('sessions, agendas, minutes, participants, next steps', () => seedScaleSessions(world));
  await step('boards, post-its, polls, ballots', () => seedScaleBoardsAndPolls(world));
  await step('glossary, events, questionnaires, learning designs, territories', () => seedScaleWave2(world));
  if (isPostgres(db)) await step('analyze', analyze(db));
  // The triggers marked every circle the seed wrote; their rows are computed here, as after any
  // write, so the bench reads the dashboard as a running instance would.
  await step('dashboard figures', async () => ({
    dashboard_circles: await drainDashboardFigures(db, { bulk: true }),
    dashboard_days: Number(
      (
        await db
          .selectFrom('dashboardDays')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  }));
  await step('search index', async () => {
    const left = await limitMarks(db, options.indexPerKind);
    const documents = await drainSearchIndex(db, featureSearchSources());
    if (left > 0)
      options.log(`search: ${left.toLocaleString('en')} objects left out of the index (--index-per-kind)`);
    return { search_documents: documents };
  });
  if (isPostgres(db)) await step('analyze', analyze(db));
  return { counts, rows };
}

/**
 * Keeps at most `perKind` marks of each kind (the first ones by id: random ids, so a sample spread
 * over every circle and date) and drops the others. The indexer writes one document at a time, and
 * on PostgreSQL (French stems, lexeme pairs) 1.2 million documents would take over half an hour,
 * far past the ten minutes a seed may run. Returns how many objects were left out.
 */
async function limitMarks(db: Kysely<DB>, perKind: number | undefined): Promise<number> {
  if (perKind === undefined) return 0;
  let left = 0;
  const kinds = await db.selectFrom('searchPending').select('kind').distinct().execute();
  for (const { kind } of kinds) {
    const cut = await db
      .selectFrom('searchPending')
      .select('objectId')
      .where('kind', '=', kind)
      .orderBy('objectId')
      .limit(1)
      .offset(perKind)
      .executeTakeFirst();
    if (!cut) continue;
    const result = await db
      .deleteFrom('searchPending')
      .where('kind', '=', kind)
      .where('objectId', '>=', cut.objectId)
      .executeTakeFirst();
    left += Number(result.numDeletedRows);
  }
  return left;
}

/** What autovacuum would do after a large load: the planner's statistics of the new rows. */
const analyze = (db: Kysely<DB>) => async () => {
  await sql`analyze`.execute(db);
  return {};
};

async function seedPeopleAndCircles(
  db: Kysely<DB>,
  counts: ScaleCounts,
  log: (line: string) => void,
  step: (name: string, work: () => Promise<Record<string, number>>) => Promise<void>,
): Promise<ScaleWorld> {
  const now = Date.now();
  const random = randomFrom(16);
  const communityId = randomUUID();
  const userIds = Array.from({ length: counts.members }, () => randomUUID());
  const circleIds = Array.from({ length: counts.circles }, () => randomUUID());
  const stepK = coprimeStep(counts.members - 1);
  const circleMembersOf = (circle: number) =>
    Array.from(
      { length: Math.min(MEMBERS_PER_CIRCLE, counts.members - 1) },
      // Member 0 (the instance admin) is in no circle; the others are spread by a permutation.
      (_, k) => 1 + (((circle * MEMBERS_PER_CIRCLE + k) * stepK) % (counts.members - 1)),
    );
  const world: ScaleWorld = {
    db,
    counts,
    communityId,
    userIds,
    circleIds,
    circleMembersOf,
    sessionIds: [],
    now,
    log,
  };
  const iso = (offsetDays: number) => new Date(now + offsetDays * day).toISOString();

  await step('members', async () => ({
    users: await insertRows(
      db,
      'users',
      [
        'id',
        'name',
        'email',
        'email_verified',
        'created_at',
        'updated_at',
        'organisation',
        'is_admin',
        'last_active_at',
      ],
      (function* () {
        for (const [i, id] of userIds.entries()) {
          const name =
            i === 0
              ? 'Admin Grande Communauté'
              : `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length]} ${i}`;
          const joined = iso(-900 + Math.floor(random() * 800));
          yield [
            id,
            name,
            `membre-${i}@scale.archipel.test`,
            true,
            joined,
            joined,
            i % 3 === 0 ? 'CNFPT' : null,
            i === 0,
            iso(-Math.floor(random() * 60)),
          ];
        }
      })(),
    ),
    communities: await insertRows(
      db,
      'communities',
      [
        'id',
        'slug',
        'name',
        'description',
        'charter',
        'join_policy',
        'invite_code',
        'created_by',
        'created_at',
        'updated_at',
      ],
      [
        [
          communityId,
          SCALE_SLUG,
          'Grande communauté',
          'Une communauté de 100 000 membres.',
          '',
          'open',
          randomBytes(18).toString('base64url'),
          userIds[1],
          iso(-900),
          iso(-900),
        ],
      ],
    ),
    community_members: await insertRows(
      db,
      'community_members',
      ['community_id', 'user_id', 'role', 'status', 'created_at'],
      (function* () {
        for (let i = 1; i < userIds.length; i++)
          yield [communityId, userIds[i], i <= ANIMATORS ? 'animator' : 'member', 'active', iso(-800)];
      })(),
    ),
  }));

  const methods = ['codev', 'arpentage', 'behavioural_sciences', 'boussole', 'free', null];
  await step('circles', async () => ({
    circles: await insertRows(
      db,
      'circles',
      [
        'id',
        'community_id',
        'name',
        'kind',
        'method',
        'description',
        'intention',
        'capacity',
        'visibility',
        'status',
        'join_policy',
        'created_by',
        'created_at',
        'updated_at',
      ],
      (function* () {
        for (const [c, id] of circleIds.entries()) {
          // 30 % public, 40 % for the community, 30 % private; one in ten closed.
          const visibility = c % 10 < 3 ? 'public' : c % 10 < 7 ? 'community' : 'private';
          const kind = c % 50 === 0 ? 'animation_team' : c % 7 === 0 ? 'working_group' : 'learning_circle';
          const at = iso(-700 + (c % 400));
          yield [
            id,
            communityId,
            `Cercle ${c + 1}`,
            kind,
            methods[c % methods.length],
            `Le cercle ${c + 1} de la grande communauté.`,
            '',
            c % 4 === 0 ? 40 : null,
            visibility,
            c % 10 === 9 ? 'closed' : 'active',
            c % 3 === 0 ? 'request' : 'open',
            userIds[circleMembersOf(c)[0] ?? 1],
            at,
            at,
          ];
        }
      })(),
    ),
    circle_members: await insertRows(
      db,
      'circle_members',
      ['circle_id', 'user_id', 'role', 'status', 'position', 'created_at'],
      (function* () {
        for (const [c, id] of circleIds.entries())
          for (const [k, member] of circleMembersOf(c).entries())
            yield [id, userIds[member], k < 2 ? 'facilitator' : 'member', 'member', k + 1, iso(-600)];
      })(),
    ),
  }));
  log(
    `community "${SCALE_SLUG}": ${counts.members.toLocaleString('en')} members, ${counts.circles.toLocaleString('en')} circles`,
  );
  return world;
}
