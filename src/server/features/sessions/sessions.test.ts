import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

// Summer time (CEST) offset: tests that need winter dates spell their own instants.
const paris = (day: string, hhmm: string) => `${day}T${hhmm}:00+02:00`;

describe.each(testDialects())('sessions on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let circleId: string;

  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const createSession = (payload: object, user: TestUser = facilitator) =>
    t.app.inject({ method: 'POST', url: `/api/v1/circles/${circleId}/sessions`, headers: as(user), payload });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Bernard');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, facilitator);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/members`,
      headers: as(member),
    });
    circleId = (
      await buildCircle(t.app, facilitator, community.slug, { visibility: 'private', name: 'Équipe' })
    ).id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/members`,
      headers: as(facilitator),
      payload: { userId: member.id },
    });
  });
  afterAll(() => t.close());

  it('plans a session with a time-boxed agenda, refusing agendas that do not fit', async () => {
    const created = await createSession({
      title: 'Stratégie d’animation',
      startsAt: paris('2021-06-15', '12:00'),
      endsAt: paris('2021-06-15', '13:00'),
      place: 'https://visio.example.org/riposte',
    });
    expect(created.statusCode).toBe(201);
    const session = created.json();
    expect(session).toMatchObject({
      timeZone: 'Europe/Paris',
      status: 'scheduled',
      startsAt: '2021-06-15T10:00:00.000Z',
    });
    expect(
      (
        await createSession({
          title: 'x',
          startsAt: paris('2021-06-15', '12:00'),
          endsAt: paris('2021-06-15', '12:00'),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await createSession({ title: 'x', startsAt: 'tomorrow', endsAt: paris('2021-06-15', '12:00') }))
        .statusCode,
    ).toBe(400);
    // Year 0 is valid ISO but not a PostgreSQL timestamp: a 400, not a 500.
    expect(
      (await createSession({ title: 'x', startsAt: '0000-01-01T10:00:00Z', endsAt: '0000-01-01T11:00:00Z' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await createSession({
          title: 'x',
          startsAt: paris('2021-06-15', '12:00'),
          endsAt: paris('2021-06-15', '13:00'),
          timeZone: 'Mars/Olympus',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await createSession(
          { title: 'x', startsAt: paris('2021-06-15', '12:00'), endsAt: paris('2021-06-15', '13:00') },
          member,
        )
      ).statusCode,
    ).toBe(403);

    const agenda = {
      items: [
        {
          title: 'Un tour de météo',
          startsAt: paris('2021-06-15', '12:00'),
          endsAt: paris('2021-06-15', '12:10'),
          kind: 'checkin',
        },
        {
          title: 'Retour sur le Cercle des cercles',
          startsAt: paris('2021-06-15', '12:10'),
          endsAt: paris('2021-06-15', '12:30'),
          children: [{ title: 'Quels sont nos prochains pas ? Post-it BLEU' }],
        },
      ],
    };
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/agenda`,
      headers: as(facilitator),
      payload: agenda,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().items.map((i: { title: string }) => i.title)).toEqual([
      'Un tour de météo',
      'Retour sur le Cercle des cercles',
    ]);
    expect(put.json().items[1].children[0].title).toBe('Quels sont nos prochains pas ? Post-it BLEU');

    for (const bad of [
      {
        items: [
          {
            title: 'à l’envers',
            startsAt: paris('2021-06-15', '12:10'),
            endsAt: paris('2021-06-15', '12:00'),
          },
        ],
      },
      {
        items: [
          {
            title: 'trop tard',
            startsAt: paris('2021-06-15', '12:50'),
            endsAt: paris('2021-06-15', '13:20'),
          },
        ],
      },
      { items: [{ title: 'sans fin', startsAt: paris('2021-06-15', '12:50') }] },
      {
        items: [
          {
            title: 'sous-point hors créneau',
            startsAt: paris('2021-06-15', '12:00'),
            endsAt: paris('2021-06-15', '12:10'),
            children: [
              { title: 'plus tard', startsAt: '2031-01-01T10:00:00Z', endsAt: '2031-01-01T11:00:00Z' },
            ],
          },
        ],
      },
    ]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/sessions/${session.id}/agenda`,
        headers: as(facilitator),
        payload: bad,
      });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    // A refused agenda leaves the stored one intact.
    const after = (await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(member) })).json();
    expect(after.agenda).toHaveLength(2);
  });

  it('builds an agenda from a method template in one call', async () => {
    const session = (
      await createSession({
        title: 'Codev',
        startsAt: paris('2026-12-01', '09:30'),
        endsAt: paris('2026-12-01', '11:00'),
      })
    ).json();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/agenda/template`,
      headers: as(facilitator),
      payload: { template: 'codev' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((i: { title: string }) => i.title)).toContain(
      'Questions de clarification',
    );
    expect(response.json().items[0].startsAt).toBe('2026-12-01T07:30:00.000Z');
    const tooShort = (
      await createSession({
        title: 'Court',
        startsAt: paris('2026-12-02', '09:30'),
        endsAt: paris('2026-12-02', '10:00'),
      })
    ).json();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${tooShort.id}/agenda/template`,
      headers: as(facilitator),
      payload: { template: 'codev' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('moves the current item (starting the session), takes one check-in per person and round', async () => {
    const session = (
      await createSession({
        title: 'Live',
        startsAt: paris('2026-12-03', '12:00'),
        endsAt: paris('2026-12-03', '13:00'),
      })
    ).json();
    const agenda = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${session.id}/agenda/template`,
        headers: as(facilitator),
        payload: { template: 'plain' },
      })
    ).json().items;
    const byMember = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/current-item`,
      headers: as(member),
      payload: { itemId: agenda[0].id },
    });
    expect(byMember.statusCode).toBe(403);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/current-item`,
      headers: as(facilitator),
      payload: { itemId: agenda[1].id },
    });
    expect(moved.json()).toMatchObject({ status: 'live', currentItemId: agenda[1].id });
    expect(moved.json().currentItemStartedAt).not.toBeNull();
    const unknownItem = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/current-item`,
      headers: as(facilitator),
      payload: { itemId: 'nope' },
    });
    expect(unknownItem.statusCode).toBe(404);

    const checkin = (user: TestUser, payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/sessions/${session.id}/checkins/me`,
        headers: as(user),
        payload,
      });
    expect((await checkin(member, { weather: 'cloudy', word: 'fatigué' })).statusCode).toBe(200);
    const replaced = await checkin(member, { weather: 'sunny', word: 'content' });
    expect(replaced.json().items).toEqual([
      { userId: member.id, name: member.name, round: 'opening', weather: 'sunny', word: 'content' },
    ]);
    await checkin(member, { weather: 'rainbow', round: 'closing' });
    expect((await checkin(member, { weather: 'hail' })).statusCode).toBe(400);
    expect((await checkin(outsider, { weather: 'sunny' })).statusCode).toBe(404);
    const detail = (
      await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(facilitator) })
    ).json();
    expect(detail.checkins).toHaveLength(2);
  });

  it('records next steps that come back in later sessions until closed, and lists mine', async () => {
    const first = (
      await createSession({
        title: 'Juin',
        startsAt: paris('2021-06-15', '12:00'),
        endsAt: paris('2021-06-15', '13:00'),
      })
    ).json();
    const later = (
      await createSession({
        title: 'Septembre',
        startsAt: paris('2021-09-20', '12:00'),
        endsAt: paris('2021-09-20', '13:00'),
      })
    ).json();
    const create = (payload: object, user: TestUser = member) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${first.id}/actions`,
        headers: as(user),
        payload,
      });
    const action = await create({
      title: 'Scénario pédagogique du REX',
      ownerIds: [member.id],
      dueOn: '2021-09-01',
    });
    expect(action.statusCode).toBe(201);
    expect(action.json()).toMatchObject({
      status: 'todo',
      owners: [{ userId: member.id, name: member.name }],
    });
    const guest = await create({ title: 'Propositions de dates', guestOwners: ['Florent Merlet'] });
    expect(guest.json().owners).toEqual([{ userId: null, name: 'Florent Merlet' }]);
    expect((await create({ title: 'x', ownerIds: [outsider.id] })).statusCode).toBe(400);
    expect((await create({ title: 'x', dueOn: '2021-02-30' })).statusCode).toBe(400);
    expect((await create({ title: 'x' }, outsider)).statusCode).toBe(404);

    const open = (await t.app.inject({ url: `/api/v1/sessions/${later.id}`, headers: as(member) })).json()
      .openActions;
    expect(open.map((a: { title: string }) => a.title)).toEqual([
      'Scénario pédagogique du REX',
      'Propositions de dates',
    ]);
    const firstAgain = (
      await t.app.inject({ url: `/api/v1/sessions/${first.id}`, headers: as(member) })
    ).json();
    expect(firstAgain.openActions).toEqual([]);

    const outsiderPatch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${action.json().id}`,
      headers: as(outsider),
      payload: { status: 'done' },
    });
    expect(outsiderPatch.statusCode).toBe(404);
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${action.json().id}`,
      headers: as(member),
      payload: { status: 'done' },
    });
    expect(done.json().status).toBe('done');
    const reopened = (await t.app.inject({ url: `/api/v1/sessions/${later.id}`, headers: as(member) })).json()
      .openActions;
    expect(reopened.map((a: { title: string }) => a.title)).toEqual(['Propositions de dates']);

    const mine = (await t.app.inject({ url: '/api/v1/me/actions', headers: as(member) })).json().items;
    expect(mine.map((a: { title: string }) => a.title)).toEqual(['Scénario pédagogique du REX']);
  });

  it('writes the minutes in Markdown with times, participants and next steps with owners', async () => {
    const session = (
      await createSession({
        title: 'Compte rendu',
        startsAt: paris('2021-06-15', '12:00'),
        endsAt: paris('2021-06-15', '13:00'),
      })
    ).json();
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/agenda`,
      headers: as(facilitator),
      payload: {
        items: [
          {
            title: 'Un tour de météo',
            startsAt: paris('2021-06-15', '12:00'),
            endsAt: paris('2021-06-15', '12:10'),
          },
        ],
      },
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/participants/me`,
      headers: as(member),
      payload: { status: 'confirmed' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/participants`,
      headers: as(facilitator),
      payload: { guestName: 'Julie Chabaud', status: 'excused' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/actions`,
      headers: as(member),
      payload: { title: 'Évaluation au sein des cercles', ownerIds: [member.id] },
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      headers: as(facilitator),
      payload: { synthesis: 'Proposer un événement distancié.' },
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/announcements`,
      headers: as(member),
      payload: { items: ['Lancement du wiki le 2 juillet'] },
    });

    const minutes = await t.app.inject({
      url: `/api/v1/sessions/${session.id}/minutes.md`,
      headers: as(member),
    });
    expect(minutes.statusCode).toBe(200);
    expect(minutes.headers['content-type']).toContain('text/markdown');
    expect(minutes.body).toContain('[12:00 > 12:10] **Un tour de météo**');
    expect(minutes.body).toContain(`- ${member.name}`);
    expect(minutes.body).toMatch(/## Excusé·es\n\n- Julie Chabaud/);
    expect(minutes.body).toContain(`Évaluation au sein des cercles (${member.name})`);
    expect(minutes.body).toContain('Proposer un événement distancié.');
    expect(minutes.body).toContain('- Lancement du wiki le 2 juillet');
    expect(minutes.body).toContain('mardi 15 juin 2021');
  });

  it('answers 404 to non-members on every session route of a private circle', async () => {
    const session = (
      await createSession({
        title: 'Privée',
        startsAt: paris('2026-12-10', '12:00'),
        endsAt: paris('2026-12-10', '13:00'),
      })
    ).json();
    const action = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${session.id}/actions`,
        headers: as(member),
        payload: { title: 'Secret' },
      })
    ).json();
    const routes = [
      { method: 'GET' as const, url: `/api/v1/circles/${circleId}/sessions` },
      {
        method: 'POST' as const,
        url: `/api/v1/circles/${circleId}/sessions`,
        payload: { title: 'x', startsAt: paris('2026-12-11', '12:00'), endsAt: paris('2026-12-11', '13:00') },
      },
      { method: 'GET' as const, url: `/api/v1/sessions/${session.id}` },
      { method: 'PATCH' as const, url: `/api/v1/sessions/${session.id}`, payload: { title: 'Hacked' } },
      { method: 'PUT' as const, url: `/api/v1/sessions/${session.id}/agenda`, payload: { items: [] } },
      {
        method: 'POST' as const,
        url: `/api/v1/sessions/${session.id}/agenda/template`,
        payload: { template: 'plain' },
      },
      {
        method: 'POST' as const,
        url: `/api/v1/sessions/${session.id}/current-item`,
        payload: { itemId: null },
      },
      {
        method: 'PUT' as const,
        url: `/api/v1/sessions/${session.id}/checkins/me`,
        payload: { weather: 'sunny' },
      },
      {
        method: 'PUT' as const,
        url: `/api/v1/sessions/${session.id}/participants/me`,
        payload: { status: 'confirmed' },
      },
      {
        method: 'POST' as const,
        url: `/api/v1/sessions/${session.id}/participants`,
        payload: { guestName: 'x' },
      },
      {
        method: 'PUT' as const,
        url: `/api/v1/sessions/${session.id}/announcements`,
        payload: { items: ['x'] },
      },
      { method: 'GET' as const, url: `/api/v1/sessions/${session.id}/actions` },
      { method: 'POST' as const, url: `/api/v1/sessions/${session.id}/actions`, payload: { title: 'x' } },
      { method: 'PATCH' as const, url: `/api/v1/actions/${action.id}`, payload: { status: 'done' } },
      { method: 'GET' as const, url: `/api/v1/sessions/${session.id}/minutes.md` },
    ];
    for (const route of routes) {
      const response = await t.app.inject({ ...route, headers: as(outsider) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.body).not.toContain('Privée');
      expect(response.body).not.toContain('Secret');
    }
    const stillThere = (
      await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(member) })
    ).json();
    expect(stillThere.title).toBe('Privée');
  });

  it('keeps the room on its item when the agenda is edited, and only an item starts the session', async () => {
    const session = (
      await createSession({
        title: 'Édition',
        startsAt: paris('2026-12-04', '12:00'),
        endsAt: paris('2026-12-04', '13:00'),
      })
    ).json();
    const stay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/current-item`,
      headers: as(facilitator),
      payload: { itemId: null },
    });
    expect(stay.json().status).toBe('scheduled');
    const agenda = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${session.id}/agenda/template`,
        headers: as(facilitator),
        payload: { template: 'plain' },
      })
    ).json().items;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/current-item`,
      headers: as(facilitator),
      payload: { itemId: agenda[1].id },
    });
    const edited = agenda.map((item: { id: string; title: string; startsAt: string; endsAt: string }) => ({
      id: item.id,
      title: `${item.title} (modifié)`,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
    }));
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/agenda`,
      headers: as(facilitator),
      payload: { items: edited },
    });
    expect(put.json().items.map((i: { id: string }) => i.id)).toEqual(
      agenda.map((i: { id: string }) => i.id),
    );
    const after = (await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(member) })).json();
    expect(after).toMatchObject({
      status: 'live',
      currentItemId: agenda[1].id,
      canParticipate: true,
      canFacilitate: false,
    });
    // Ids from elsewhere are not taken over.
    const foreign = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/agenda`,
      headers: as(facilitator),
      payload: { items: [{ ...edited[0], id: 'not-from-here' }] },
    });
    expect(foreign.json().items[0].id).not.toBe('not-from-here');
    expect(
      (await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(member) })).json()
        .currentItemId,
    ).toBeNull();
  });

  it('tells who recorded an action and in which session', async () => {
    const session = (
      await createSession({
        title: 'Origine',
        startsAt: paris('2026-12-05', '12:00'),
        endsAt: paris('2026-12-05', '13:00'),
      })
    ).json();
    const action = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/actions`,
      headers: as(member),
      payload: { title: 'Écrire le questionnaire', guestOwners: ['Nadia'] },
    });
    expect(action.json()).toMatchObject({ authorId: member.id, sessionTitle: 'Origine' });
    // The author may update it although not an owner.
    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${action.json().id}`,
      headers: as(member),
      payload: { status: 'in_progress' },
    });
    expect(updated.json().status).toBe('in_progress');
  });

  it('serialises concurrent agenda saves: no error, no doubled agenda', async () => {
    const session = (
      await createSession({
        title: 'Course',
        startsAt: paris('2026-12-06', '12:00'),
        endsAt: paris('2026-12-06', '13:00'),
      })
    ).json();
    const items = [
      { title: 'Un', startsAt: paris('2026-12-06', '12:00'), endsAt: paris('2026-12-06', '12:20') },
      { title: 'Deux', startsAt: paris('2026-12-06', '12:20'), endsAt: paris('2026-12-06', '12:40') },
    ];
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/sessions/${session.id}/agenda`,
          headers: as(facilitator),
          payload: { items },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const stored = (await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(member) })).json()
      .agenda;
    expect(stored.map((i: { title: string }) => i.title)).toEqual(['Un', 'Deux']);
  });

  it('keeps a private circle’s sessions from people only waitlisted in it', async () => {
    const waiting = await registerUser(t.app);
    const session = (
      await createSession({
        title: 'Confidentielle',
        startsAt: paris('2026-12-07', '12:00'),
        endsAt: paris('2026-12-07', '13:00'),
      })
    ).json();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circleId}`,
      headers: as(facilitator),
      payload: { capacity: 1 },
    });
    const communitySlug = (
      await t.app.inject({ url: `/api/v1/circles/${circleId}`, headers: as(facilitator) })
    ).json().communitySlug;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${communitySlug}/members`,
      headers: as(waiting),
    });
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/members`,
      headers: as(facilitator),
      payload: { userId: waiting.id },
    });
    expect(added.json().status).toBe('waitlisted');
    expect(
      (await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(waiting) })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/sessions/${session.id}/minutes.md`, headers: as(waiting) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/circles/${circleId}/sessions`, headers: as(waiting) })).json()
        .items,
    ).toEqual([]);
    const owner = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/actions`,
      headers: as(facilitator),
      payload: { title: 'Pour quelqu’un en attente', ownerIds: [waiting.id] },
    });
    expect(owner.statusCode).toBe(400);
  });

  it('takes back an agenda exactly as GET gave it', async () => {
    const session = (
      await createSession({
        title: 'Aller-retour',
        startsAt: paris('2026-12-08', '12:00'),
        endsAt: paris('2026-12-08', '13:00'),
      })
    ).json();
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/agenda`,
      headers: as(facilitator),
      payload: {
        items: [
          {
            title: 'Un',
            startsAt: paris('2026-12-08', '12:00'),
            endsAt: paris('2026-12-08', '12:30'),
            children: [{ title: 'Sous-point' }],
          },
        ],
      },
    });
    const agenda = (
      await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(facilitator) })
    ).json().agenda;
    const again = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/agenda`,
      headers: as(facilitator),
      payload: { items: agenda },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().items[0]).toMatchObject({
      id: agenda[0].id,
      title: 'Un',
      children: [{ title: 'Sous-point' }],
    });
  });

  it('lists my coming and past sessions', async () => {
    const past = (
      await createSession({
        title: 'Passée',
        startsAt: '2020-01-10T10:00:00Z',
        endsAt: '2020-01-10T11:00:00Z',
      })
    ).json();
    const coming = (
      await createSession({
        title: 'À venir',
        startsAt: '2030-01-10T10:00:00Z',
        endsAt: '2030-01-10T11:00:00Z',
      })
    ).json();
    const upcoming = (await t.app.inject({ url: '/api/v1/me/sessions', headers: as(member) })).json().items;
    const earlier = (await t.app.inject({ url: '/api/v1/me/sessions?when=past', headers: as(member) })).json()
      .items;
    expect(upcoming.map((s: { id: string }) => s.id)).toContain(coming.id);
    expect(upcoming.map((s: { id: string }) => s.id)).not.toContain(past.id);
    expect(earlier.map((s: { id: string }) => s.id)).toContain(past.id);
    expect((await t.app.inject({ url: '/api/v1/me/sessions', headers: as(outsider) })).json().items).toEqual(
      [],
    );
    expect(
      (await t.app.inject({ url: '/api/v1/me/sessions?when=someday', headers: as(member) })).statusCode,
    ).toBe(400);
  });

  it('never lists an ended or a cancelled session as coming, whatever its planned time', async () => {
    const soon = Date.now() + 86_400_000;
    const plan = async (title: string) =>
      (
        await createSession({
          title,
          startsAt: new Date(soon).toISOString(),
          endsAt: new Date(soon + 3_600_000).toISOString(),
        })
      ).json();
    const ended = await plan('Terminée en avance');
    const cancelled = await plan('Annulée');
    const kept = await plan('Maintenue');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/sessions/${ended.id}`,
      headers: as(facilitator),
      payload: { status: 'ended' },
    });
    expect(patch.statusCode).toBe(200);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${cancelled.id}/cancel`,
      headers: as(facilitator),
      payload: { reason: 'Grève des transports' },
    });
    expect(cancel.statusCode).toBe(200);
    const ids = async (query: string) =>
      (await t.app.inject({ url: `/api/v1/me/sessions${query}`, headers: as(member) }))
        .json()
        .items.map((s: { id: string }) => s.id);
    const coming = await ids('');
    expect(coming).toContain(kept.id);
    expect(coming).not.toContain(ended.id);
    expect(coming).not.toContain(cancelled.id);
    expect(await ids('?when=past')).toEqual(expect.arrayContaining([ended.id, cancelled.id]));
  });

  it('lets owners move their action along, but only its author or facilitators change who carries it', async () => {
    const session = (
      await createSession({
        title: 'Porteurs',
        startsAt: paris('2026-12-09', '12:00'),
        endsAt: paris('2026-12-09', '13:00'),
      })
    ).json();
    const action = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${session.id}/actions`,
        headers: as(facilitator),
        payload: { title: 'Relire', ownerIds: [member.id], guestOwners: ['Nadia'] },
      })
    ).json();
    const patch = (payload: object, user: TestUser) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/actions/${action.id}`, headers: as(user), payload });
    expect((await patch({ status: 'in_progress' }, member)).statusCode).toBe(200);
    expect((await patch({ ownerIds: [], guestOwners: [] }, member)).statusCode).toBe(403);
    const byAuthor = await patch({ guestOwners: [] }, facilitator);
    expect(byAuthor.json().owners).toEqual([{ userId: member.id, name: member.name }]);
  });

  it('lists next steps in the order they were recorded, even within one millisecond', async () => {
    const session = (
      await createSession({
        title: 'Cinq prochains pas',
        startsAt: paris('2026-12-11', '12:00'),
        endsAt: paris('2026-12-11', '13:00'),
      })
    ).json();
    const titles = ['Relire', 'Écrire', 'Inviter', 'Réserver', 'Essaimer'];
    // One millisecond for all five: their ids (random) must not decide their order.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-11T12:30:00Z') });
    try {
      for (const title of titles) {
        const recorded = await t.app.inject({
          method: 'POST',
          url: `/api/v1/sessions/${session.id}/actions`,
          headers: as(facilitator),
          payload: { title },
        });
        expect(recorded.statusCode).toBe(201);
      }
    } finally {
      vi.useRealTimers();
    }
    const listed = (
      await t.app.inject({ url: `/api/v1/sessions/${session.id}/actions`, headers: as(facilitator) })
    ).json();
    expect(listed.items.map((action: { title: string }) => action.title)).toEqual(titles);
    const detail = (
      await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(facilitator) })
    ).json();
    expect(detail.actions.map((action: { title: string }) => action.title)).toEqual(titles);
  });

  it('tells each reader what the action policy lets them do on a next step', async () => {
    const session = (
      await createSession({
        title: 'Qui peut quoi',
        startsAt: paris('2026-12-10', '12:00'),
        endsAt: paris('2026-12-10', '13:00'),
      })
    ).json();
    const record = async (user: TestUser, payload: object) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/sessions/${session.id}/actions`,
          headers: as(user),
          payload,
        })
      ).json();
    const carried = await record(facilitator, { title: 'Porté par Bernard', ownerIds: [member.id] });
    const notHis = await record(facilitator, { title: 'Porté par Florent', ownerIds: [facilitator.id] });
    const his = await record(member, { title: 'Noté par Bernard', guestOwners: ['Nadia'] });
    const owner = { read: true, takePart: true, steer: false };
    const steers = { read: true, takePart: true, steer: true };
    const bystander = { read: true, takePart: false, steer: false };
    expect(carried.abilities).toEqual(steers);
    const abilitiesOf = async (user: TestUser) => {
      const detail = (
        await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(user) })
      ).json();
      return Object.fromEntries(
        detail.actions.map((a: { id: string; abilities: object }) => [a.id, a.abilities]),
      );
    };
    expect(await abilitiesOf(member)).toEqual({
      [carried.id]: owner,
      [notHis.id]: bystander,
      [his.id]: steers,
    });
    expect(await abilitiesOf(facilitator)).toEqual({
      [carried.id]: steers,
      [notHis.id]: steers,
      [his.id]: steers,
    });
    const listed = (
      await t.app.inject({ url: `/api/v1/sessions/${session.id}/actions`, headers: as(member) })
    ).json();
    expect(listed.items.map((a: { abilities: object }) => a.abilities)).toEqual([owner, bystander, steers]);
    const mine = (await t.app.inject({ url: '/api/v1/me/actions', headers: as(member) })).json();
    expect(mine.items.find((a: { id: string }) => a.id === carried.id).abilities).toEqual(owner);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${carried.id}`,
      headers: as(member),
      payload: { status: 'done' },
    });
    expect(moved.json().abilities).toEqual(owner);
  });

  it('lets an action be edited after creation: title and due date by its owners, owners by its stewards, under the rules of creation', async () => {
    const session = (
      await createSession({
        title: 'Après coup',
        startsAt: paris('2026-12-16', '12:00'),
        endsAt: paris('2026-12-16', '13:00'),
      })
    ).json();
    const action = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${session.id}/actions`,
        headers: as(facilitator),
        payload: { title: 'Relire le compte rendu', ownerIds: [member.id] },
      })
    ).json();
    const patch = (payload: object, user: TestUser) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/actions/${action.id}`, headers: as(user), payload });
    const byOwner = await patch({ title: 'Relire et diffuser le compte rendu', dueOn: '2027-01-08' }, member);
    expect(byOwner.statusCode).toBe(200);
    expect(byOwner.json()).toMatchObject({
      title: 'Relire et diffuser le compte rendu',
      dueOn: '2027-01-08',
    });
    expect((await patch({ dueOn: null }, member)).json().dueOn).toBeNull();
    expect((await patch({ title: ' ' }, member)).statusCode).toBe(400);
    // Owners, like at creation: members of the circle or named guests, never someone outside it.
    const outside = await patch({ ownerIds: [outsider.id] }, facilitator);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('INVALID_INPUT');
    const reassigned = await patch({ ownerIds: [facilitator.id], guestOwners: ['Nadia'] }, facilitator);
    expect(reassigned.json().owners).toEqual([
      { userId: facilitator.id, name: facilitator.name },
      { userId: null, name: 'Nadia' },
    ]);
    // No longer an owner, no longer an editor; outside the private circle, the action does not exist.
    expect((await patch({ title: 'Encore' }, member)).statusCode).toBe(403);
    expect((await patch({ title: 'Encore' }, outsider)).statusCode).toBe(404);
  });
});
