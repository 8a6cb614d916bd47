import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityDashboard, DashboardPeople } from '../../../contract/hub.ts';
import { addDays } from '../../../domain/review.ts';
import { findTerritory } from '../../../domain/territories.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { territoryCodesOf } from '../territories/territories.public.ts';
import { dashboardFromScratch } from './dashboard-from-scratch.ts';
import { drainDashboardFigures } from './dashboard-refresh.ts';

const day = 24 * 3600_000;
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString();
const today = () => zonedParts(new Date(), 'Europe/Paris').date;

/** A small deterministic generator (mulberry32), so a failing mix can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(testDialects())('the dashboard’s kept figures on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  const people: TestUser[] = [];
  let slug: string;
  let communityId: string;
  const circleIds: string[] = [];
  const sessions: { id: string; circleId: string; participants: string[] }[] = [];
  const steps: string[] = [];
  const surveys: { id: string; questionId: string }[] = [];

  const call = async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: animator.cookie },
      ...(payload && { payload }),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : undefined;
  };

  const read = async <T>(url: string): Promise<T> => {
    const response = await t.app.inject({ url: `/api/v1${url}`, headers: { cookie: animator.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };

  /**
   * The dashboard's lines, total and territories against the old computation from scratch: read
   * as the web reads them (pages with `people=apart`, then the people apart), and in one answer.
   */
  const compare = async (period: { from?: string; to?: string }, timeZone = 'Europe/Paris') => {
    const query = new URLSearchParams({ ...period, limit: '2', people: 'apart' });
    let kept: CommunityDashboard | undefined;
    const lines: CommunityDashboard['circles'] = [];
    let cursor: string | null = null;
    do {
      if (cursor) query.set('cursor', cursor);
      kept = await read<CommunityDashboard>(`/communities/${slug}/dashboard?${query}`);
      expect(kept.total.peopleActive).toBeNull();
      lines.push(...kept.circles);
      cursor = kept.nextCursor;
    } while (cursor);
    const people = await read<DashboardPeople>(
      `/communities/${slug}/dashboard/people?${new URLSearchParams(period)}`,
    );
    const peopleOf = new Map(people.territories.map((line) => [line.code, line.peopleActive]));
    if (kept) {
      kept.total.peopleActive = people.total.peopleActive;
      for (const line of kept.territories) line.peopleActive = peopleOf.get(line.code) ?? -1;
    }
    const whole = await read<CommunityDashboard>(
      `/communities/${slug}/dashboard?${new URLSearchParams(period)}`,
    );
    const codes = await territoryCodesOf(t.database.db, 'circle', circleIds);
    const withRegions = new Map(
      [...codes].map(([id, list]) => [
        id,
        [
          ...new Set(
            list.flatMap((c) => [
              c,
              ...(findTerritory(c)?.parentCode ? [findTerritory(c)?.parentCode ?? ''] : []),
            ]),
          ),
        ],
      ]),
    );
    const scratch = await dashboardFromScratch(
      t.database.db,
      { id: communityId, slug, name: 'x', timeZone },
      period,
      withRegions,
    );
    const byId = (rows: CommunityDashboard['circles']) =>
      Object.fromEntries(rows.map(({ circle, ...figures }) => [circle.id, figures]));
    expect(byId(lines)).toEqual(byId(scratch.circles));
    expect(lines.map((l) => l.circle.name)).toEqual(scratch.circles.map((l) => l.circle.name));
    expect(kept?.total).toEqual(scratch.total);
    expect(kept?.territories).toEqual(scratch.territories);
    expect(whole.total).toEqual(scratch.total);
    expect(whole.territories).toEqual(scratch.territories);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    const community = await buildCommunity(t.app, animator);
    slug = community.slug;
    communityId = community.id;
    for (const name of ['Ana', 'Bob', 'Cyd', 'Dan']) {
      const user = await registerUser(t.app, name);
      await joinCommunity(t.app, user, slug);
      people.push(user);
    }
    for (const name of ['Écoute 2', 'ecoute 10', 'Arpentage', 'Boussoles']) {
      const circle = await buildCircle(t.app, animator, slug, { name, visibility: 'community' });
      circleIds.push(circle.id);
      for (const user of people) await addToCircle(t.app, animator, circle.id, user);
    }
  });
  afterAll(() => t?.close());

  it('stay equal to the figures computed from scratch after a random mix of writes', async () => {
    const next = random(dialect === 'sqlite' ? 47 : 4747);
    const pick = <T>(items: T[]): T | undefined => items[Math.floor(next() * items.length)];
    const offset = () => Math.floor(next() * 80) - 50;
    const writes: (() => Promise<unknown>)[] = [
      async () => {
        const circleId = pick(circleIds) ?? '';
        const startsAt = at(offset());
        const endsAt = new Date(Date.parse(startsAt) + 3600_000).toISOString();
        const { id } = await buildSession(t.app, animator, circleId, { startsAt, endsAt });
        sessions.push({ id, circleId, participants: [] });
      },
      async () => {
        const session = pick(sessions);
        if (!session) return;
        const user = pick(people);
        const who = next() < 0.7 && user ? { userId: user.id } : { guestName: `Invité ${sessions.length}` };
        const status = pick(['present', 'present', 'excused', 'invited', 'confirmed']);
        const dto = await call('POST', `/sessions/${session.id}/participants`, { ...who, status }).catch(
          () => null,
        );
        if (dto) session.participants = dto.participants.map((p: { id: string }) => p.id);
      },
      async () => {
        const session = pick(sessions);
        const participant = session && pick(session.participants);
        if (!session || !participant) return;
        await call('PATCH', `/sessions/${session.id}/participants/${participant}`, {
          status: pick(['present', 'invited', 'excused', 'confirmed']),
        });
      },
      async () => {
        const session = pick(sessions);
        if (!session) return;
        const startsAt = at(offset());
        await call('PATCH', `/sessions/${session.id}`, {
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(),
        });
      },
      async () => {
        const session = pick(sessions);
        if (!session) return;
        if (next() < 0.5)
          await call('POST', `/sessions/${session.id}/cancel`, { reason: 'Grève' }).catch(() => null);
        else {
          await call('DELETE', `/sessions/${session.id}`);
          sessions.splice(sessions.indexOf(session), 1);
        }
      },
      async () => {
        const session = pick(sessions);
        if (!session) return;
        const owner = pick(people);
        const action = await call('POST', `/sessions/${session.id}/actions`, {
          title: 'Pas',
          dueOn: addDays(today(), offset()),
          ownerIds: owner ? [owner.id] : [],
        });
        steps.push(action.id);
      },
      async () => {
        const step = pick(steps);
        if (!step) return;
        const owner = pick(people);
        const patch = pick([
          { status: 'done' },
          { status: 'todo' },
          { dueOn: addDays(today(), offset()) },
          { ownerIds: owner ? [owner.id] : [] },
        ]);
        await call('PATCH', `/actions/${step}`, patch ?? {}).catch(() => null);
      },
      async () => {
        const step = pick(steps);
        if (!step) return;
        await call('DELETE', `/actions/${step}`).catch(() => null);
        steps.splice(steps.indexOf(step), 1);
      },
      async () => {
        const session = pick(sessions);
        if (session)
          await call('PUT', `/sessions/${session.id}/checkins/me`, { weather: 'sunny' }).catch(() => null);
      },
      async () => {
        const created = await call('POST', `/circles/${pick(circleIds)}/surveys`, {
          title: 'Évaluation',
          audience: 'members',
          anonymous: next() < 0.5,
          questions: [{ kind: 'scale', text: 'Utile ?' }],
        });
        surveys.push({ id: created.id, questionId: created.questions[0].id });
      },
      async () => {
        const survey = pick(surveys);
        if (!survey) return;
        if (next() < 0.3) {
          await call('POST', `/surveys/${survey.id}/close`).catch(() => null);
          return;
        }
        await call('PUT', `/surveys/${survey.id}/responses/me`, {
          answers: [{ questionId: survey.questionId, value: 1 + Math.floor(next() * 5) }],
        }).catch(() => null);
      },
      async () => {
        const circleId = pick(circleIds) ?? '';
        await call('PATCH', `/circles/${circleId}`, {
          territoryCodes: pick([['33'], ['33', '24'], ['75'], []]),
        });
      },
    ];
    for (let round = 0; round < 6; round += 1) {
      for (let i = 0; i < 25; i += 1) await pick(writes)?.();
      await compare({ from: addDays(today(), -40), to: addDays(today(), 20) });
      await compare({});
    }
    expect(sessions.length).toBeGreaterThan(3);
  }, 180_000);

  it('rebuilds the people’s active days and the days’ and months’ sums in bulk (the seeds) exactly as the writes kept them', async () => {
    const db = t.database.db;
    const rows = () =>
      Promise.all([
        db
          .selectFrom('dashboardPersonDays')
          .selectAll()
          .orderBy('scope')
          .orderBy('userId')
          .orderBy('day')
          .execute(),
        db
          .selectFrom('dashboardDays')
          .selectAll()
          .orderBy('communityId')
          .orderBy('scope')
          .orderBy('day')
          .execute(),
        db
          .selectFrom('dashboardMonths')
          .selectAll()
          .orderBy('communityId')
          .orderBy('scope')
          .orderBy('month')
          .execute(),
      ]);
    const kept = await rows();
    expect(kept[0].length).toBeGreaterThan(0);
    expect(kept[1].length).toBeGreaterThan(0);
    expect(kept[2].length).toBeGreaterThan(0);
    await db
      .insertInto('dashboardStale')
      .values(circleIds.map((circleId) => ({ circleId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    expect(await drainDashboardFigures(db, { bulk: true })).toBe(circleIds.length);
    expect(await rows()).toEqual(kept);
  });

  it('moves a session’s figures from one day to another, today’s counted once started', async () => {
    const [circleId = ''] = circleIds;
    const period = { from: addDays(today(), -40), to: addDays(today(), 20) };
    const [user] = people;
    const { id } = await buildSession(t.app, animator, circleId, { startsAt: at(-10), endsAt: at(-9.9) });
    await call('POST', `/sessions/${id}/participants`, { userId: user?.id, status: 'present' });
    await compare(period);
    for (const startsAt of [at(-3), at(-1 / 24), at(1 / 24), at(-12)]) {
      await call('PATCH', `/sessions/${id}`, {
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 1800_000).toISOString(),
      });
      await compare(period);
      await compare({});
    }
  });

  it('moves a circle’s figures from its old territories to its new ones', async () => {
    const [, circleId = ''] = circleIds;
    for (const territoryCodes of [['33'], ['24'], ['33', '75'], [], ['75']]) {
      await call('PATCH', `/circles/${circleId}`, { territoryCodes });
      await compare({ from: addDays(today(), -40), to: addDays(today(), 20) });
    }
  });

  it('moves every day when its community changes time zone', async () => {
    const zone = 'Pacific/Kiritimati';
    // 12:00 UTC: 13:00 (or 14:00) in Paris, 02:00 the next day in Kiritimati (UTC+14).
    const [circleId = ''] = circleIds;
    const [user] = people;
    const startsAt = `${addDays(today(), -5)}T12:00:00.000Z`;
    const { id } = await buildSession(t.app, animator, circleId, {
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 1800_000).toISOString(),
    });
    await call('POST', `/sessions/${id}/participants`, { userId: user?.id, status: 'present' });
    await call('POST', `/sessions/${id}/actions`, {
      title: 'Pas',
      dueOn: addDays(today(), -4),
      ownerIds: [],
    });
    await compare({ from: addDays(today(), -4), to: today() });
    await call('PATCH', `/communities/${slug}`, { timeZone: zone });
    const marked = await t.database.db.selectFrom('dashboardStale').select('circleId').execute();
    expect(marked.length).toBe(circleIds.length);
    const kiritimatiToday = zonedParts(new Date(), zone).date;
    await compare({ from: addDays(today(), -4), to: today() }, zone);
    await compare({ from: addDays(kiritimatiToday, -40), to: addDays(kiritimatiToday, 20) }, zone);
    await compare({}, zone);
  });
});
