import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listenLive, openLiveClient } from '../../testing/live-client.ts';
import { openNotes, until } from '../../testing/notes-editor.ts';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

// Next year: taking part ends with the event.
const day = `${new Date().getUTCFullYear() + 1}-11-20`;
const EVENT_START = `${day}T08:00:00.000Z`;
const EVENT_END = `${day}T18:00:00.000Z`;
const slots = [
  { startsAt: `${day}T09:00:00.000Z`, endsAt: `${day}T10:00:00.000Z` },
  { startsAt: `${day}T10:30:00.000Z`, endsAt: `${day}T11:30:00.000Z` },
];

describe.each(testDialects())('open spaces on %s', (dialect) => {
  let t: TestApp;
  let organiser: TestUser;
  let member: TestUser;
  let other: TestUser;
  let outsider: TestUser;
  let communityEventId: string;
  let publicEventId: string;

  /** An event row of the community (the events routes are another feature's). */
  async function insertEvent(communityId: string, visibility: 'public' | 'community') {
    const id = randomUUID();
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('events')
      .values({
        id,
        communityId,
        parentId: null,
        title: `Université ${visibility}`,
        description: '',
        startsAt: EVENT_START,
        endsAt: EVENT_END,
        timeZone: 'Europe/Paris',
        visibility,
        capacity: null,
        cancelledAt: null,
        createdBy: organiser.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return id;
  }

  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    who?: TestUser,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(who ? { headers: { cookie: who.cookie } } : {}),
      ...(payload ? { payload } : {}),
    });

  async function createSpace(eventId = communityEventId) {
    const response = await api('POST', `/events/${eventId}/open-space`, organiser, {
      title: 'Forum ouvert',
      rooms: ['Salle Cercles', 'Salle Territoires'],
      slots,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as {
      id: string;
      rooms: [{ id: string; name: string }, { id: string; name: string }];
      slots: [{ id: string; startsAt: string }, { id: string; startsAt: string }];
    };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    organiser = await registerUser(t.app, 'Nadia Organise');
    member = await registerUser(t.app, 'Marc Membre');
    other = await registerUser(t.app, 'Ines Autre');
    outsider = await registerUser(t.app, 'Olivier Dehors');
    const community = await buildCommunity(t.app, organiser);
    await joinCommunity(t.app, member, community.slug);
    await joinCommunity(t.app, other, community.slug);
    communityEventId = await insertEvent(community.id, 'community');
    publicEventId = await insertEvent(community.id, 'public');
  });
  afterAll(() => t.close());

  it('creates an open space with its rooms and slots, listed on its event', async () => {
    const space = await createSpace();
    expect(space.rooms.map((room) => room.name)).toEqual(['Salle Cercles', 'Salle Territoires']);
    expect(space.slots.map((slot) => slot.startsAt)).toEqual(slots.map((slot) => slot.startsAt));
    const list = await api('GET', `/events/${communityEventId}/open-spaces`, member);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(space.id);
  });

  it('refuses slots outside the event, overlapping, or ending before they start (400)', async () => {
    const bad = [
      [{ startsAt: `${day}T07:00:00.000Z`, endsAt: `${day}T09:00:00.000Z` }],
      [slots[0], { startsAt: `${day}T09:30:00.000Z`, endsAt: `${day}T10:15:00.000Z` }],
      [{ startsAt: `${day}T11:00:00.000Z`, endsAt: `${day}T10:00:00.000Z` }],
    ];
    for (const badSlots of bad) {
      const response = await api('POST', `/events/${communityEventId}/open-space`, organiser, {
        rooms: ['A'],
        slots: badSlots,
      });
      expect(response.statusCode, JSON.stringify(badSlots)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
    const noRooms = await api('POST', `/events/${communityEventId}/open-space`, organiser, {
      rooms: [],
      slots,
    });
    expect(noRooms.statusCode).toBe(400);
  });

  it('lets only organisers create one (403), and hides a community event’s from outsiders (404)', async () => {
    const byMember = await api('POST', `/events/${communityEventId}/open-space`, member, {
      rooms: ['A'],
      slots,
    });
    expect(byMember.statusCode).toBe(403);
    const space = await createSpace();
    for (const url of [`/open-spaces/${space.id}`, `/events/${communityEventId}/open-spaces`]) {
      expect((await api('GET', url, outsider)).statusCode).toBe(404);
      expect((await api('GET', url)).statusCode).toBe(404);
    }
    const proposal = await api('POST', `/open-spaces/${space.id}/sessions`, outsider, {
      title: 'Intrus',
      roomId: space.rooms[0]?.id,
      slotId: space.slots[0]?.id,
    });
    expect(proposal.statusCode).toBe(404);
    expect((await api('GET', `/open-spaces/${space.id}/report.md`, member)).statusCode).toBe(403);
  });

  it('places exactly one of 30 simultaneous proposals into the same free cell; the 29 others get 409', async () => {
    const space = await createSpace();
    const people = [
      member,
      other,
      organiser,
      ...(await Promise.all(Array.from({ length: 27 }, () => registerUser(t.app)))),
    ];
    const community = await t.database.db
      .selectFrom('events')
      .select('communityId')
      .where('id', '=', communityEventId)
      .executeTakeFirstOrThrow();
    const slug = (
      await t.database.db
        .selectFrom('communities')
        .select('slug')
        .where('id', '=', community.communityId)
        .executeTakeFirstOrThrow()
    ).slug;
    for (const person of people.slice(3)) await joinCommunity(t.app, person, slug);
    const cell = { roomId: space.rooms[1]?.id, slotId: space.slots[0]?.id };
    const responses = await Promise.all(
      people.map((person, index) =>
        api('POST', `/open-spaces/${space.id}/sessions`, person, { title: `Proposition ${index}`, ...cell }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(29);
    const grid = (await api('GET', `/open-spaces/${space.id}`, member)).json();
    expect(grid.sessions).toHaveLength(1);
  });

  it('refuses a taken cell and a cell of another open space; the host moves and withdraws', async () => {
    const space = await createSpace();
    const [room0, room1] = space.rooms as [{ id: string }, { id: string }];
    const [slot0, slot1] = space.slots as [{ id: string }, { id: string }];
    const first = await api('POST', `/open-spaces/${space.id}/sessions`, member, {
      title: 'Cercles et territoires',
      question: 'Comment porter les cercles sur les territoires ?',
      roomId: room0.id,
      slotId: slot0.id,
    });
    expect(first.statusCode).toBe(201);
    const session = first.json();
    expect(session.host.name).toBe('Marc Membre');
    const taken = await api('POST', `/open-spaces/${space.id}/sessions`, other, {
      title: 'Doublon',
      roomId: room0.id,
      slotId: slot0.id,
    });
    expect(taken.statusCode).toBe(409);
    const foreign = await createSpace();
    const wrongCell = await api('POST', `/open-spaces/${space.id}/sessions`, other, {
      title: 'Ailleurs',
      roomId: foreign.rooms[0]?.id,
      slotId: slot0.id,
    });
    expect(wrongCell.statusCode).toBe(400);
    const second = (
      await api('POST', `/open-spaces/${space.id}/sessions`, other, {
        title: 'Outils',
        roomId: room1.id,
        slotId: slot0.id,
      })
    ).json();
    // Someone else may not move it; its host may, not into a taken cell.
    const notHost = await api('PATCH', `/open-spaces/${space.id}/sessions/${session.id}`, other, {
      slotId: slot1.id,
    });
    expect(notHost.statusCode).toBe(403);
    const intoTaken = await api('PATCH', `/open-spaces/${space.id}/sessions/${session.id}`, member, {
      roomId: room1.id,
    });
    expect(intoTaken.statusCode).toBe(409);
    const moved = await api('PATCH', `/open-spaces/${space.id}/sessions/${session.id}`, member, {
      slotId: slot1.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().slotId).toBe(slot1.id);
    // Organisers may change any session.
    const renamed = await api('PATCH', `/open-spaces/${space.id}/sessions/${second.id}`, organiser, {
      title: 'Outils libres',
    });
    expect(renamed.json().title).toBe('Outils libres');
    expect((await api('DELETE', `/open-spaces/${space.id}/sessions/${session.id}`, other)).statusCode).toBe(
      403,
    );
    expect((await api('DELETE', `/open-spaces/${space.id}/sessions/${session.id}`, member)).statusCode).toBe(
      204,
    );
    const again = await api('POST', `/open-spaces/${space.id}/sessions`, other, {
      title: 'Libre',
      roomId: room0.id,
      slotId: slot1.id,
    });
    expect(again.statusCode).toBe(201);
  });

  it('keeps one place per time slot: presence in two sessions of the same slot leaves only the last', async () => {
    const space = await createSpace();
    const [room0, room1] = space.rooms as [{ id: string }, { id: string }];
    const [slot0, slot1] = space.slots as [{ id: string }, { id: string }];
    const propose = async (roomId: string, slotId: string, title: string) =>
      (await api('POST', `/open-spaces/${space.id}/sessions`, organiser, { title, roomId, slotId })).json()
        .id as string;
    const a = await propose(room0.id, slot0.id, 'A');
    const b = await propose(room1.id, slot0.id, 'B');
    const c = await propose(room0.id, slot1.id, 'C');
    expect((await api('PUT', `/open-spaces/${space.id}/presence`, member, { sessionId: a })).statusCode).toBe(
      200,
    );
    await api('PUT', `/open-spaces/${space.id}/presence`, member, { sessionId: c });
    const afterMove = await api('PUT', `/open-spaces/${space.id}/presence`, member, { sessionId: b });
    const grid = afterMove.json();
    const count = (id: string) => grid.sessions.find((s: { id: string }) => s.id === id).presentCount;
    expect([count(a), count(b), count(c)]).toEqual([0, 1, 1]);
    expect(grid.myPlaces).toHaveLength(2);
    expect(grid.sessions.find((s: { id: string }) => s.id === b).iAmHere).toBe(true);
    const rows = await t.database.db
      .selectFrom('openSpacePresences')
      .select(['sessionId'])
      .where('openSpaceId', '=', space.id)
      .where('userId', '=', member.id)
      .execute();
    expect(rows.map((row) => row.sessionId).sort()).toEqual([b, c].sort());
    // The same person's simultaneous moves in one slot still leave one place.
    await Promise.all(
      [a, b, a, b].map((sessionId) => api('PUT', `/open-spaces/${space.id}/presence`, other, { sessionId })),
    );
    const otherRows = await t.database.db
      .selectFrom('openSpacePresences')
      .select('sessionId')
      .where('userId', '=', other.id)
      .where('slotId', '=', slot0.id)
      .execute();
    expect(otherRows).toHaveLength(1);
    // Nobody else sees who is there: counts only.
    const seen = await api('GET', `/open-spaces/${space.id}`, other);
    expect(seen.body).not.toContain(member.id);
    expect(seen.body).not.toContain('Marc Membre');
    const left = await api('DELETE', `/open-spaces/${space.id}/presence?slotId=${slot0.id}`, member);
    expect(left.json().myPlaces).toEqual([{ slotId: slot1.id, sessionId: c }]);
    expect(
      (await api('PUT', `/open-spaces/${space.id}/presence`, outsider, { sessionId: a })).statusCode,
    ).toBe(404);
  });

  it('shows a public event’s open space to anyone, counts only; outsiders with an account take part', async () => {
    const space = await createSpace(publicEventId);
    const proposed = await api('POST', `/open-spaces/${space.id}/sessions`, outsider, {
      title: 'Venu d’ailleurs',
      roomId: space.rooms[0]?.id,
      slotId: space.slots[0]?.id,
    });
    expect(proposed.statusCode).toBe(201);
    await api('PUT', `/open-spaces/${space.id}/presence`, member, { sessionId: proposed.json().id });
    const anonymous = await api('GET', `/open-spaces/${space.id}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().abilities).toEqual({ read: true, takePart: false, steer: false });
    expect(anonymous.json().sessions[0].presentCount).toBe(1);
    expect(anonymous.body).not.toContain('Marc Membre');
    expect(
      (
        await api('POST', `/open-spaces/${space.id}/sessions`, undefined, {
          title: 'x',
          roomId: 'a',
          slotId: 'b',
        })
      ).statusCode,
    ).toBe(401);
  });

  it('publishes every change on open-space:<id>, refused to outsiders of a community event', async () => {
    const space = await createSpace();
    const url = await listenLive(t.app);
    const watcher = await openLiveClient(url, other);
    const stranger = await openLiveClient(url, outsider);
    expect((await watcher.subscribe(`open-space:${space.id}`)).type).toBe('subscribed');
    expect((await stranger.subscribe(`open-space:${space.id}`)).type).toBe('error');
    await api('POST', `/open-spaces/${space.id}/sessions`, member, {
      title: 'En direct',
      roomId: space.rooms[0]?.id,
      slotId: space.slots[0]?.id,
    });
    const frame = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'open-space.changed');
    expect(JSON.stringify(frame)).toContain(space.id);
    watcher.close();
    stranger.close();
  });

  it('names hosts to the community’s members only, and lets a leaver’s open notes go', async () => {
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const notesUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/notes`;
    const space = await createSpace(publicEventId);
    const leaver = await registerUser(t.app, 'Lou Partante');
    const slug = (await api('GET', `/events/${publicEventId}`, organiser)).json().communitySlug as string;
    await joinCommunity(t.app, leaver, slug);
    const hosted = await api('POST', `/open-spaces/${space.id}/sessions`, leaver, {
      title: 'Essaimer',
      roomId: space.rooms[0].id,
      slotId: space.slots[1].id,
    });
    expect(hosted.statusCode, hosted.body).toBe(201);
    const named = (await api('GET', `/open-spaces/${space.id}`, member)).json();
    expect(named.sessions.find((x: { id: string }) => x.id === hosted.json().id).host.name).toBe(
      'Lou Partante',
    );
    const anonymous = await api('GET', `/open-spaces/${space.id}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toContain('Lou Partante');
    expect((await api('GET', `/open-spaces/${space.id}`, outsider)).body).not.toContain('Lou Partante');

    const editor = openNotes(notesUrl, hosted.json().id, leaver, `open-space-session:${hosted.json().id}`);
    await until(() => editor.events.synced);
    expect((await api('DELETE', `/communities/${slug}/members/me`, leaver)).statusCode).toBeLessThan(300);
    await until(() => editor.events.closed);
    editor.close();
    // The event cannot be moved so that its forum's time slots fall outside it.
    const shorter = await api('PATCH', `/events/${publicEventId}`, organiser, { endsAt: slots[0]?.endsAt });
    expect(shorter.statusCode).toBe(400);
  });

  it('compiles the text typed in each session’s notes under its title; notes open to participants by the host', async () => {
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const notesUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/notes`;
    const space = await createSpace();
    const [room0, room1] = space.rooms as [{ id: string }, { id: string }];
    const [slot0] = space.slots;
    const first = (
      await api('POST', `/open-spaces/${space.id}/sessions`, member, {
        title: 'Comment porter les cercles sur les territoires ?',
        question: 'Qui anime dans chaque département ?',
        roomId: room0.id,
        slotId: slot0.id,
      })
    ).json();
    const second = (
      await api('POST', `/open-spaces/${space.id}/sessions`, other, {
        title: 'Outils du réseau',
        roomId: room1.id,
        slotId: slot0.id,
      })
    ).json();
    const write = async (sessionId: string, who: TestUser, text: string) => {
      const editor = openNotes(notesUrl, sessionId, who, `open-space-session:${sessionId}`);
      await until(() => editor.events.synced || editor.events.failed);
      expect(editor.events.failed).toBe(false);
      addParagraph(editor.doc, text);
      await until(() => !editor.provider.hasUnsyncedChanges);
      editor.close();
    };
    await write(first.id, member, 'Un binôme par territoire, relayé par les animateurs.');
    await write(second.id, other, 'Le wiki et la liste de diffusion suffisent.');
    // Before the host opens them, another participant's edits are not stored.
    const early = openNotes(notesUrl, first.id, other, `open-space-session:${first.id}`);
    await until(() => early.events.synced);
    addParagraph(early.doc, 'Texte non autorisé');
    await new Promise((resolve) => setTimeout(resolve, 300));
    early.close();
    // An outsider of the community cannot even open them.
    const intruder = openNotes(notesUrl, first.id, outsider, `open-space-session:${first.id}`);
    await until(() => intruder.events.failed);
    intruder.close();
    expect(
      (
        await api('PATCH', `/open-spaces/${space.id}/sessions/${first.id}`, member, { notesOpen: true })
      ).json().notesOpen,
    ).toBe(true);
    await write(first.id, other, 'Ines ajoute : commencer par deux départements.');

    const report = await api('GET', `/open-spaces/${space.id}/report.md?lang=fr`, organiser);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/markdown');
    const text = report.body;
    const firstAt = text.indexOf('### Comment porter les cercles sur les territoires ?');
    const secondAt = text.indexOf('### Outils du réseau');
    expect(firstAt).toBeGreaterThan(0);
    expect(secondAt).toBeGreaterThan(firstAt);
    const firstPart = text.slice(firstAt, secondAt);
    expect(firstPart).toContain('Un binôme par territoire, relayé par les animateurs.');
    expect(firstPart).toContain('Ines ajoute : commencer par deux départements.');
    expect(firstPart).toContain('Qui anime dans chaque département ?');
    expect(firstPart).toContain('Marc Membre');
    expect(text.slice(secondAt)).toContain('Le wiki et la liste de diffusion suffisent.');
    expect(text).not.toContain('Texte non autorisé');
    // Opening or closing the notes lets open editors go, to reconnect under the new rule.
    const reader = openNotes(notesUrl, second.id, member, `open-space-session:${second.id}`);
    await until(() => reader.events.synced);
    await api('PATCH', `/open-spaces/${space.id}/sessions/${second.id}`, other, { notesOpen: true });
    await until(() => reader.events.closed);
    reader.close();
    await api('PATCH', `/open-spaces/${space.id}/sessions/${second.id}`, other, { notesOpen: false });
    const detail = await api('GET', `/open-spaces/${space.id}/sessions/${second.id}`, member);
    expect(detail.json().notes).toContain('Le wiki');
    expect(detail.json().abilities.takePart).toBe(false);
  });
});

/** A Tiptap paragraph holding the text, as the browser's editor writes it (first in the notes). */
function addParagraph(doc: Y.Doc, text: string): void {
  const element = new Y.XmlElement('paragraph');
  doc.getXmlFragment('default').insert(0, [element]);
  element.insert(0, [new Y.XmlText(text)]);
}
