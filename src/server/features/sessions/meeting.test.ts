import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../contract/live.ts';
import type { Session } from '../../../contract/session.ts';
import { applySessionEvent } from '../../../contract/session-follower.ts';
import { remainingMs } from '../../../domain/meeting-timer.ts';
import { type LiveClient, listenLive, openLiveClient } from '../../testing/live-client.ts';
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

/** The meeting view (issue 17, item 2): the steered countdown, the speaking queue, the agenda's links. */
describe.each(testDialects())('meeting view on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let circleId: string;
  let otherCircleId: string;

  const send = (user: TestUser, method: string, path: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${path}`,
      headers: { cookie: user.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const call = async (user: TestUser, method: string, path: string, payload?: unknown) => {
    const response = await send(user, method, path, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const getSession = (user: TestUser, id: string): Promise<Session> => call(user, 'GET', `/sessions/${id}`);
  const eventsOf = (socket: LiveClient): LiveEvent[] =>
    socket.messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
  /** The current item's remaining time as a participant's page computes it at `now`. */
  const leftOf = (session: Session, now: number) => {
    const item = session.agenda.find((i) => i.id === session.currentItemId);
    if (!item || !session.timer) throw new Error('no item is running');
    return remainingMs(session.timer, Date.parse(item.endsAt ?? '') - Date.parse(item.startsAt ?? ''), now);
  };

  /** A session whose first item is running. */
  const liveSession = async () => {
    const session = await buildSession(t.app, facilitator, circleId);
    const agenda = await call(facilitator, 'POST', `/sessions/${session.id}/agenda/template`, {
      template: 'plain',
    });
    const items = (agenda.items as { id: string }[]).map((item) => item.id);
    await call(facilitator, 'POST', `/sessions/${session.id}/current-item`, { itemId: items[0] });
    return { id: session.id, items };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    url = await listenLive(t.app);
    facilitator = await registerUser(t.app, 'Fanny Facilitatrice');
    alice = await registerUser(t.app, 'Alice Agent');
    bob = await registerUser(t.app, 'Bob Agent');
    outsider = await registerUser(t.app, 'Oscar Outsider');
    const community = await buildCommunity(t.app, facilitator);
    for (const user of [alice, bob, outsider]) await joinCommunity(t.app, user, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' })).id;
    otherCircleId = (await buildCircle(t.app, facilitator, community.slug)).id;
    await addToCircle(t.app, facilitator, circleId, alice);
    await addToCircle(t.app, facilitator, circleId, bob);
  });
  afterAll(() => t.close());

  it('pauses, resumes and extends the countdown: every reader computes the same remaining time', async () => {
    const { id, items } = await liveSession();
    const started = await getSession(alice, id);
    expect(started.timer).toMatchObject({ pausedAt: null, pausedMs: 0, extendedMs: 0 });

    const paused: Session = await call(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'pause' });
    expect(paused.timer?.pausedAt).not.toBeNull();
    // Paused: whenever and whoever reads it, the same time is left.
    const [forAlice, forBob] = await Promise.all([getSession(alice, id), getSession(bob, id)]);
    const left = leftOf(paused, Date.now());
    expect(leftOf(forAlice, Date.now() + 60_000)).toBe(left);
    expect(leftOf(forBob, Date.now() + 5_000)).toBe(left);

    // Pausing twice changes nothing; +2 min adds two minutes, paused or not.
    await call(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'pause' });
    const extended: Session = await call(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'extend' });
    expect(extended.timer?.extendedMs).toBe(120_000);
    expect(leftOf(extended, Date.now())).toBe(left + 120_000);
    const more: Session = await call(facilitator, 'POST', `/sessions/${id}/timer`, {
      action: 'extend',
      minutes: 5,
    });
    expect(more.timer?.extendedMs).toBe(420_000);

    const resumed: Session = await call(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'resume' });
    expect(resumed.timer?.pausedAt).toBeNull();
    expect(resumed.timer?.pausedMs).toBeGreaterThanOrEqual(0);
    const now = Date.now();
    expect(leftOf(resumed, now)).toBeLessThanOrEqual(left + 420_000);
    expect(leftOf(resumed, now)).toBeGreaterThan(left + 420_000 - 10_000);

    // The next item starts a fresh countdown.
    const moved: Session = await call(facilitator, 'POST', `/sessions/${id}/current-item`, {
      itemId: items[1],
    });
    expect(moved.timer).toMatchObject({ pausedAt: null, pausedMs: 0, extendedMs: 0 });
  });

  it('lets only facilitators steer the countdown, refuses bad input and a session not running', async () => {
    const { id } = await liveSession();
    expect((await send(alice, 'POST', `/sessions/${id}/timer`, { action: 'pause' })).statusCode).toBe(403);
    expect((await send(outsider, 'POST', `/sessions/${id}/timer`, { action: 'pause' })).statusCode).toBe(404);
    expect((await send(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'stop' })).statusCode).toBe(
      400,
    );
    expect(
      (await send(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'extend', minutes: 31 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await send(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'pause', minutes: 2 })).statusCode,
    ).toBe(400);
    const planned = await buildSession(t.app, facilitator, circleId);
    const notRunning = await send(facilitator, 'POST', `/sessions/${planned.id}/timer`, { action: 'pause' });
    expect(notRunning.statusCode).toBe(409);
    expect(notRunning.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await send(facilitator, 'POST', '/sessions/nope/timer', { action: 'pause' })).statusCode).toBe(
      404,
    );
  });

  it('keeps a speaking queue in order: raise, give the floor, lower, cleared by the next item', async () => {
    const { id, items } = await liveSession();
    expect(
      (await call(bob, 'PUT', `/sessions/${id}/hands/me`)).items.map((h: { name: string }) => h.name),
    ).toEqual(['Bob Agent']);
    await call(alice, 'PUT', `/sessions/${id}/hands/me`);
    // Raising again keeps one's place.
    const queue = await call(bob, 'PUT', `/sessions/${id}/hands/me`);
    expect(queue.items.map((h: { name: string }) => h.name)).toEqual(['Bob Agent', 'Alice Agent']);

    // Only facilitators give the floor or lower someone else's hand; outsiders see nothing.
    expect((await send(alice, 'POST', `/sessions/${id}/hands/${bob.id}/floor`)).statusCode).toBe(403);
    expect((await send(alice, 'DELETE', `/sessions/${id}/hands/${bob.id}`)).statusCode).toBe(403);
    expect((await send(alice, 'DELETE', `/sessions/${id}/hands`)).statusCode).toBe(403);
    expect((await send(outsider, 'PUT', `/sessions/${id}/hands/me`)).statusCode).toBe(404);
    expect((await send(outsider, 'DELETE', `/sessions/${id}/hands`)).statusCode).toBe(404);
    expect((await send(facilitator, 'POST', `/sessions/${id}/hands/${outsider.id}/floor`)).statusCode).toBe(
      404,
    );

    const floor = await call(facilitator, 'POST', `/sessions/${id}/hands/${bob.id}/floor`);
    expect(floor.items).toMatchObject([
      { name: 'Bob Agent', hasFloor: true },
      { name: 'Alice Agent', hasFloor: false },
    ]);
    // The floor passes on: the one who spoke lowers their hand.
    const next = await call(facilitator, 'POST', `/sessions/${id}/hands/${alice.id}/floor`);
    expect(next.items).toMatchObject([{ name: 'Alice Agent', hasFloor: true }]);
    expect((await call(alice, 'DELETE', `/sessions/${id}/hands/me`)).items).toEqual([]);

    await call(bob, 'PUT', `/sessions/${id}/hands/me`);
    expect((await call(facilitator, 'DELETE', `/sessions/${id}/hands`)).items).toEqual([]);
    await call(bob, 'PUT', `/sessions/${id}/hands/me`);
    expect((await getSession(alice, id)).hands).toHaveLength(1);
    await call(facilitator, 'POST', `/sessions/${id}/current-item`, { itemId: items[1] });
    expect((await getSession(alice, id)).hands).toEqual([]);
  });

  it('brings every follower to the server’s timer and queue through live events', async () => {
    const { id } = await liveSession();
    const people = [facilitator, alice, bob];
    const sockets = await Promise.all(people.map((user) => openLiveClient(url, user)));
    for (const socket of sockets) expect((await socket.subscribe(`session:${id}`)).type).toBe('subscribed');
    const copies = await Promise.all(people.map((user) => getSession(user, id)));

    await call(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'pause' });
    await call(alice, 'PUT', `/sessions/${id}/hands/me`);
    await call(facilitator, 'POST', `/sessions/${id}/timer`, { action: 'extend' });
    await call(bob, 'PUT', `/sessions/${id}/hands/me`);
    await call(facilitator, 'POST', `/sessions/${id}/hands/${alice.id}/floor`);
    const last = await getSession(facilitator, id);

    for (const [index, socket] of sockets.entries()) {
      await socket.waitFor(
        (m) => m.type === 'event' && 'version' in m.event && m.event.version === last.version,
      );
      let copy = copies[index] as Session;
      for (const event of eventsOf(socket)) {
        const next = applySessionEvent(copy, event);
        expect(next).not.toBe('refetch');
        copy = next as Session;
      }
      const server = await getSession(people[index] as TestUser, id);
      expect(copy.timer).toEqual(server.timer);
      expect(copy.hands).toEqual(server.hands);
      expect(copy.version).toBe(server.version);
      socket.close();
    }
  });

  it('links boards, polls, sign-up sheets and date polls of the circle into agenda items', async () => {
    const { id, items } = await liveSession();
    const sheet = await call(facilitator, 'POST', `/circles/${circleId}/signup-sheets`, {
      title: 'Qui veut y travailler ?',
      topics: [{ title: 'Atelier' }],
    });
    const board = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Prochains pas',
      sessionId: id,
      agendaItemId: items[1],
    });
    const elsewhere = await call(facilitator, 'POST', `/circles/${otherCircleId}/signup-sheets`, {
      title: 'Ailleurs',
      topics: [{ title: 'Atelier' }],
    });

    const targets = await call(facilitator, 'GET', `/sessions/${id}/agenda-link-targets`);
    expect(targets.items).toEqual(
      expect.arrayContaining([
        { kind: 'signup-sheet', id: sheet.id, title: 'Qui veut y travailler ?' },
        { kind: 'board', id: board.id, title: 'Prochains pas' },
      ]),
    );
    expect(targets.items.some((target: { id: string }) => target.id === elsewhere.id)).toBe(false);
    expect((await send(alice, 'GET', `/sessions/${id}/agenda-link-targets`)).statusCode).toBe(403);

    const link = { itemId: items[0], kind: 'signup-sheet', targetId: sheet.id };
    expect((await send(alice, 'POST', `/sessions/${id}/agenda-links`, link)).statusCode).toBe(403);
    expect((await send(outsider, 'POST', `/sessions/${id}/agenda-links`, link)).statusCode).toBe(404);
    expect(
      (await send(facilitator, 'POST', `/sessions/${id}/agenda-links`, { ...link, targetId: elsewhere.id }))
        .statusCode,
    ).toBe(400);
    expect(
      (await send(facilitator, 'POST', `/sessions/${id}/agenda-links`, { ...link, itemId: 'nope' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await send(facilitator, 'POST', `/sessions/${id}/agenda-links`, { ...link, kind: 'wiki' })).statusCode,
    ).toBe(400);
    const created = await send(facilitator, 'POST', `/sessions/${id}/agenda-links`, link);
    expect(created.statusCode).toBe(201);
    expect((await send(facilitator, 'POST', `/sessions/${id}/agenda-links`, link)).statusCode).toBe(409);

    const seen = await getSession(alice, id);
    expect(seen.agendaLinks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: items[0], kind: 'signup-sheet', title: 'Qui veut y travailler ?' }),
        expect.objectContaining({ itemId: items[1], kind: 'board', title: 'Prochains pas' }),
      ]),
    );

    // An agenda save that drops the item drops its links; a kept item keeps them.
    const agenda = (await getSession(facilitator, id)).agenda;
    await call(facilitator, 'PUT', `/sessions/${id}/agenda`, {
      items: agenda.slice(1).map(({ children, ...item }) => ({ ...item, children })),
    });
    const after = await getSession(alice, id);
    expect(after.agendaLinks.map((l) => l.kind)).toEqual(['board']);

    const [boardLink] = after.agendaLinks;
    if (!boardLink) throw new Error('the board link is gone');
    expect((await send(alice, 'DELETE', `/sessions/${id}/agenda-links/${boardLink.id}`)).statusCode).toBe(
      403,
    );
    expect((await call(facilitator, 'DELETE', `/sessions/${id}/agenda-links/${boardLink.id}`)).items).toEqual(
      [],
    );
    expect((await send(facilitator, 'DELETE', `/sessions/${id}/agenda-links/nope`)).statusCode).toBe(404);
  });
  it('shows a reader only the linked kinds they may open: no board to someone outside a public circle', async () => {
    const session = await buildSession(t.app, facilitator, otherCircleId);
    const agenda = await call(facilitator, 'POST', `/sessions/${session.id}/agenda/template`, {
      template: 'plain',
    });
    const itemId = (agenda.items as { id: string }[])[0]?.id;
    await call(facilitator, 'POST', `/circles/${otherCircleId}/boards`, {
      title: 'Mur des membres',
      sessionId: session.id,
      agendaItemId: itemId,
    });
    const sheet = await call(facilitator, 'POST', `/circles/${otherCircleId}/signup-sheets`, {
      title: 'Ouvert à tous',
      topics: [{ title: 'Atelier' }],
    });
    await call(facilitator, 'POST', `/sessions/${session.id}/agenda-links`, {
      itemId,
      kind: 'signup-sheet',
      targetId: sheet.id,
    });
    const kindsFor = async (user: TestUser) =>
      (await getSession(user, session.id)).agendaLinks.map((link) => link.kind).sort();
    expect(await kindsFor(facilitator)).toEqual(['board', 'signup-sheet']);
    // The public circle's session and sheet are for everyone; its boards for its members only.
    expect(await kindsFor(outsider)).toEqual(['signup-sheet']);
  });
});
