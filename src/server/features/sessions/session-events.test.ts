import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../contract/live.ts';
import type { Session } from '../../../contract/session.ts';
import { applySessionEvent } from '../../../contract/session-follower.ts';
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

/**
 * Agenda moves and check-ins carry the change and the session's version (decision 043): a follower
 * that patches its copy with the web client's code ends with the page the server gives.
 */
describe.each(testDialects())('session events on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let circleId: string;

  const call = async (user: TestUser, method: string, path: string, payload?: unknown) => {
    const response = await t.app.inject({
      method: method as 'GET',
      url: `/api/v1${path}`,
      headers: { cookie: user.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const getSession = (user: TestUser, id: string): Promise<Session> => call(user, 'GET', `/sessions/${id}`);
  const eventsOf = (socket: LiveClient): LiveEvent[] =>
    socket.messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    url = await listenLive(t.app);
    facilitator = await registerUser(t.app, 'Fanny Facilitatrice');
    alice = await registerUser(t.app, 'Alice Agent');
    bob = await registerUser(t.app, 'Bob Agent');
    const community = await buildCommunity(t.app, facilitator);
    for (const user of [alice, bob]) await joinCommunity(t.app, user, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug)).id;
    await addToCircle(t.app, facilitator, circleId, alice);
    await addToCircle(t.app, facilitator, circleId, bob);
  });
  afterAll(() => t.close());

  it('brings every follower to the session the server shows, through moves, check-ins and other writes', async () => {
    const session = await buildSession(t.app, facilitator, circleId);
    const agenda = await call(facilitator, 'POST', `/sessions/${session.id}/agenda/template`, {
      template: 'plain',
    });
    const items = (agenda.items as { id: string }[]).map((item) => item.id);
    const people = [facilitator, alice, bob];
    const sockets = await Promise.all(people.map((user) => openLiveClient(url, user)));
    for (const socket of sockets)
      expect((await socket.subscribe(`session:${session.id}`)).type).toBe('subscribed');
    const copies = await Promise.all(people.map((user) => getSession(user, session.id)));

    await call(facilitator, 'POST', `/sessions/${session.id}/current-item`, { itemId: items[0] });
    await call(alice, 'PUT', `/sessions/${session.id}/checkins/me`, { weather: 'sunny', word: 'curieuse' });
    await call(bob, 'PUT', `/sessions/${session.id}/checkins/me`, { weather: 'cloudy' });
    await call(alice, 'PUT', `/sessions/${session.id}/checkins/me`, { weather: 'rainy', word: 'fatiguée' });
    await call(facilitator, 'POST', `/sessions/${session.id}/current-item`, { itemId: items[1] });
    await call(facilitator, 'PUT', `/sessions/${session.id}/announcements`, { items: ['À communiquer'] });
    await call(bob, 'PUT', `/sessions/${session.id}/checkins/me`, { weather: 'sunny', round: 'closing' });
    const last = (await getSession(facilitator, session.id)).version;
    expect(last).toBe(6);

    for (const [index, socket] of sockets.entries()) {
      await socket.waitFor(
        (m) => m.type === 'event' && m.event.type === 'checkin.updated' && m.event.version === last,
      );
      const person = people[index] as TestUser;
      let copy = copies[index] as Session;
      let reads = 0;
      for (const event of eventsOf(socket)) {
        const next = applySessionEvent(copy, event);
        if (next === 'refetch') {
          // The announcement: the web client reads the session again (events after it still apply).
          reads++;
          copy = await getSession(person, session.id);
        } else copy = next;
      }
      expect(reads).toBe(1);
      expect(copy, person.name).toEqual(await getSession(person, session.id));
      expect(copy.checkins.map((c) => [c.name, c.round, c.weather])).toEqual([
        ['Bob Agent', 'opening', 'cloudy'],
        ['Alice Agent', 'opening', 'rainy'],
        ['Bob Agent', 'closing', 'sunny'],
      ]);
      socket.close();
    }
    // An event carries no more than the page shows: the answer and its author's name.
    const checkinEvent = eventsOf(sockets[0] as LiveClient).find((event) => event.type === 'checkin.updated');
    expect(checkinEvent).toEqual({
      type: 'checkin.updated',
      sessionId: session.id,
      userId: alice.id,
      version: 2,
      checkin: {
        userId: alice.id,
        name: 'Alice Agent',
        round: 'opening',
        weather: 'sunny',
        word: 'curieuse',
      },
    });
  });
});
