import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../contract/board.ts';
import { createTestApp, registerUser, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';

describe.each(testDialects())('demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('creates the seed meeting’s community and circles once, concurrently safe', async () => {
    const results = await Promise.all([seedDemoData(t.database.db), seedDemoData(t.database.db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await seedDemoData(t.database.db)).toBe(false);

    const community = await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale' });
    expect(community.json()).toMatchObject({
      name: 'Riposte créative territoriale',
      joinPolicy: 'open',
      memberCount: 8,
    });
    const circles = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/circles' })
    ).json().items as { name: string; kind: string; visibility: string; method: string; id: string }[];
    expect(circles.map((c) => c.name).sort()).toEqual(
      [
        'Cercle Codev',
        'Cercle arpentage',
        'Cercle des boussoles',
        'Cercle sciences comportementales',
        'Équipe d’animation',
      ].sort(),
    );
    expect(circles.every((c) => c.visibility === 'public')).toBe(true);
    const team = circles.find((c) => c.kind === 'animation_team');
    const members = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/members` })).json().items as {
      name: string;
    }[];
    expect(members.map((m) => m.name)).toContain('Sandrine Demoulin-Noirclerc');
    expect(members).toHaveLength(8);

    // The animation team holds the 15 June 2021 session, imported from its pad notes, and the REX.
    const sessions = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/sessions` })).json().items;
    // The 15 June 2021 meeting, the September REX and the next meeting, added for the demonstration.
    expect(sessions).toHaveLength(3);
    const seed = sessions.find((s: { startsAt: string }) => s.startsAt.startsWith('2021-06-15'));
    const session = (await t.app.inject({ url: `/api/v1/sessions/${seed.id}` })).json();
    expect(session).toMatchObject({
      title: "Stratégie d'animation de la communauté",
      startsAt: '2021-06-15T10:00:00.000Z',
    });
    expect(session.agenda).toHaveLength(5);
    expect(session.participants.every((p: { userId: string | null }) => p.userId !== null)).toBe(true);
    const bernard = session.actions.filter((a: { owners: { name: string }[] }) =>
      a.owners.some((o) => o.name === 'Bernard Alix'),
    );
    expect(bernard).toHaveLength(3);
    expect(session.votes[0].sections).toHaveLength(4);
  });

  it('leaves demo people without a password, so nobody signs in as them, and the first real account is admin', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'florent.merlet@demo.archipel.invalid', password: 'anything at all' },
    });
    expect(login.statusCode).toBe(401);
    const first = await registerUser(t.app);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(me.json().user.isAdmin).toBe(true);
  });

  it('puts the Cercle des cercles board on the session’s agenda item, with ideas and BLUE next steps', async () => {
    const db = t.database.db;
    const board = await db.selectFrom('boards').selectAll().executeTakeFirstOrThrow();
    const item = await db
      .selectFrom('agendaItems')
      .select('title')
      .where('id', '=', board.agendaItemId ?? '')
      .executeTakeFirstOrThrow();
    expect(item.title).toMatch(/Retour sur le Cercle des cercles/);
    const reader = await registerUser(t.app);
    await db
      .insertInto('circleMembers')
      .values({
        circleId: board.circleId,
        userId: reader.id,
        role: 'member',
        status: 'member',
        position: 99,
        createdAt: new Date().toISOString(),
      })
      .execute();
    const response = await t.app.inject({
      url: `/api/v1/boards/${board.id}`,
      headers: { cookie: reader.cookie },
    });
    expect(response.statusCode).toBe(200);
    const seen = response.json() as Board;
    expect(seen.categories.map((c) => [c.name, c.color, c.meaning])).toContainEqual([
      'BLEU',
      'blue',
      'Prochains pas',
    ]);
    const blue = seen.categories.find((c) => c.color === 'blue')?.id;
    const next = seen.notes.filter((n) => n.categoryId === blue);
    expect(next.map((n) => n.text)).toEqual([
      'abécédaire (gros travail) et dernière séquence Boussole',
      'évaluation au sein des cercles',
      'scénario pédagogique du REX',
    ]);
    // The blue post-its are the session's next steps: each links to the action imported with Bernard.
    expect(next.every((n) => n.actionId !== null)).toBe(true);
    const texts = seen.notes.map((n) => n.text).join('\n');
    expect(texts).toMatch(/forum ouvert/);
    expect(texts).toMatch(/virtuel/);
    expect(texts).toMatch(/comment porter les cercles sur les territoires/);
    expect(texts).toMatch(/essaimer/);
    expect(seen.clusters.map((c) => c.title)).toEqual(['Université de l’innovation publique']);
  });

  it('plans the September REX from the “Scénario pédagogique du REX”, reviewing the learning circles', async () => {
    const animator = await registerUser(t.app);
    const db = t.database.db;
    const community = await db
      .selectFrom('communities')
      .select('id')
      .where('slug', '=', 'riposte-creative-territoriale')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('communityMembers')
      .values({
        communityId: community.id,
        userId: animator.id,
        role: 'member',
        status: 'active',
        createdAt: new Date().toISOString(),
      })
      .execute();
    const as = { cookie: animator.cookie };
    const library = (
      await t.app.inject({
        url: '/api/v1/communities/riposte-creative-territoriale/learning-designs',
        headers: as,
      })
    ).json();
    expect(library.items.map((d: { title: string }) => d.title)).toEqual(['Scénario pédagogique du REX']);
    const design = (
      await t.app.inject({ url: `/api/v1/learning-designs/${library.items[0].id}`, headers: as })
    ).json();
    expect(design).toMatchObject({ createdBy: null, totalMinutes: 120, sequenceCount: 6 });
    expect(design.objectives.join(' ')).toMatch(/reconduite ou déploiement/);

    const circles = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/circles' })
    ).json().items as { id: string; kind: string }[];
    const team = circles.find((c) => c.kind === 'animation_team');
    const sessions = (await t.app.inject({ url: `/api/v1/circles/${team?.id}/sessions` })).json().items;
    const rex = sessions.find((s: { title: string }) => s.title.startsWith('REX'));
    const session = (await t.app.inject({ url: `/api/v1/sessions/${rex.id}` })).json();
    expect(session).toMatchObject({
      startsAt: '2021-09-28T12:00:00.000Z',
      endsAt: '2021-09-28T14:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
    expect(session.agenda.map((item: { title: string }) => item.title)).toEqual(
      design.sequences.map((s: { title: string }) => s.title),
    );
    expect(session.participants).toHaveLength(8);
    expect(session.participants.every((p: { status: string }) => p.status === 'invited')).toBe(true);
    const reviewed = (await t.app.inject({ url: `/api/v1/sessions/${rex.id}/reviewed-circles` })).json();
    expect(reviewed.items.map((i: { review: { circleName: string } }) => i.review.circleName)).toEqual([
      'Cercle Codev',
      'Cercle sciences comportementales',
      'Cercle arpentage',
      'Cercle des boussoles',
    ]);
    // Nothing is made up: the learning circles have no session in the demo, and nobody has decided.
    for (const { review } of reviewed.items) {
      expect(review).toMatchObject({ to: '2021-09-28', sessions: { held: 0 }, decision: null });
    }
  });

  it('holds the Université of November 2021 on several sites, with the online forum ouvert within it', async () => {
    await seedDemoData(t.database.db);
    const events = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/events' })
    ).json().items as { id: string; title: string; parentId: string | null; siteNames: string[] }[];
    const university = events.find((e) =>
      e.title.startsWith('Université de l’innovation publique territoriale'),
    );
    expect(university?.siteNames.length).toBeGreaterThanOrEqual(4);
    const forum = events.find((e) => e.parentId === university?.id);
    expect(forum?.title).toContain('Forum ouvert');
    const openSpaces = (await t.app.inject({ url: `/api/v1/events/${forum?.id}/open-spaces` })).json().items;
    expect(openSpaces).toHaveLength(1);
    const grid = (await t.app.inject({ url: `/api/v1/open-spaces/${openSpaces[0].id}` })).json();
    expect(grid.sessions.length).toBeGreaterThanOrEqual(3);
    const detail = (await t.app.inject({ url: `/api/v1/events/${university?.id}` })).json();
    expect(detail).toMatchObject({ visibility: 'public', timeZone: 'Europe/Paris' });
    expect(detail.startsAt.startsWith('2021-11-16')).toBe(true);
    expect(detail.children.map((c: { id: string }) => c.id)).toEqual([forum?.id]);
    expect(
      detail.slots.some((s: { title: string }) =>
        s.title.includes('Comment porter les cercles sur les territoires'),
      ),
    ).toBe(true);
    expect(detail.challenges.map((c: { question: string }) => c.question)).toEqual([
      'Comment porter les cercles sur les territoires ?',
    ]);
    // Carried by the meeting's eight participants, whose names only members see.
    expect(detail.challenges[0].carriers).toEqual([]);
    const carriers = await t.database.db
      .selectFrom('eventChallengeCarriers')
      .select('userId')
      .where('challengeId', '=', detail.challenges[0].id)
      .execute();
    expect(carriers).toHaveLength(8);
    expect(detail.roles.map((r: { takenCount: number }) => r.takenCount)).toEqual([0, 0, 0]);
    // Past, it takes no registration any more (409), and nobody is made up as registered.
    expect(detail).toMatchObject({ confirmedCount: 0, abilities: { takePart: false } });
    const visitor = await registerUser(t.app, 'Visiteuse');
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${university?.id}/registrations`,
      headers: { cookie: visitor.cookie },
      payload: {},
    });
    expect(late.statusCode).toBe(409);
  });
});
