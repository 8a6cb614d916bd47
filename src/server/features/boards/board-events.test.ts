import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, BoardNote } from '../../../contract/board.ts';
import { applyBoardEvent, BoardFollower } from '../../../contract/board-follower.ts';
import type { LiveEvent, LiveServerMessage } from '../../../contract/live.ts';
import { type LiveClient, listenLive, openLiveClient } from '../../testing/live-client.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/**
 * Board events carry what changed, per audience (decision 043): these tests read the frames each
 * person receives, check that nothing private is in them, and that a follower who patches its copy
 * with them (the web client's own code) ends with the board the server gives that person.
 */
describe.each(testDialects())('board events on %s', (dialect) => {
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
    return response.statusCode === 204 ? null : response.json();
  };
  const getBoard = (user: TestUser, id: string): Promise<Board> => call(user, 'GET', `/boards/${id}`);

  /** A person following the board: their socket, and their copy patched by the frames. */
  async function follow(user: TestUser, boardId: string) {
    const socket = await openLiveClient(url, user);
    expect((await socket.subscribe(`board:${boardId}`)).type).toBe('subscribed');
    let copy = await getBoard(user, boardId);
    const set = (board: Board) => {
      copy = board;
    };
    const follower = new BoardFollower({ get: () => copy, set, refetch: () => {} });
    let applied = 0;
    return {
      socket,
      events: () => eventsOf(socket),
      /** Applies every frame received so far; says whether one asked for a read of the board. */
      catchUp(): boolean {
        let refetch = false;
        for (const event of eventsOf(socket).slice(applied)) {
          const next = applyBoardEvent(copy, event);
          if (next === 'refetch') refetch = true;
          else follower.onEvent(event);
          applied += 1;
        }
        return refetch;
      },
      copy: () => copy,
    };
  }
  const eventsOf = (socket: LiveClient): LiveEvent[] =>
    socket.messages.flatMap((m: LiveServerMessage) => (m.type === 'event' ? [m.event] : []));
  /** Waits until every follower received the event of the board's version `version`. */
  const reached = (sockets: LiveClient[], version: number) =>
    Promise.all(
      sockets.map((socket) =>
        socket.waitFor((m) => m.type === 'event' && 'version' in m.event && m.event.version === version),
      ),
    );

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

  it('tells a private post-it to its author only; the others get a count', async () => {
    const board: Board = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Brainstorm silencieux',
      silent: true,
      anonymous: true,
    });
    const [mine, others, steward] = await Promise.all([
      follow(alice, board.id),
      follow(bob, board.id),
      follow(facilitator, board.id),
    ]);
    const note: BoardNote = await call(alice, 'POST', `/boards/${board.id}/notes`, {
      text: 'Idée très secrète',
    });
    await call(alice, 'PATCH', `/notes/${note.id}`, { text: 'Idée encore plus secrète' });
    await reached([mine.socket, others.socket, steward.socket], 2);
    for (const follower of [others, steward]) {
      const frames = JSON.stringify(follower.events());
      for (const secret of ['secrète', note.id, alice.id, 'Alice']) expect(frames).not.toContain(secret);
      follower.catchUp();
      expect(follower.copy()).toEqual(await getBoard(follower === others ? bob : facilitator, board.id));
      expect(follower.copy().privateNoteCount).toBe(1);
    }
    const own = mine.events();
    expect(own[0]).toMatchObject({ noteId: note.id, note: { isMine: true, private: true, author: null } });
    mine.catchUp();
    expect(mine.copy()).toEqual(await getBoard(alice, board.id));
    for (const f of [mine, others, steward]) f.socket.close();
  });

  it('keeps a hidden post-it to its author and the stewards, and hidden totals unsaid', async () => {
    const board: Board = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Retours',
      hideDots: true,
    });
    const note: BoardNote = await call(alice, 'POST', `/boards/${board.id}/notes`, { text: 'À modérer' });
    await call(facilitator, 'PATCH', `/notes/${note.id}`, { hidden: true });
    const [mine, others, steward] = await Promise.all([
      follow(alice, board.id),
      follow(bob, board.id),
      follow(facilitator, board.id),
    ]);
    expect((await getBoard(bob, board.id)).notes).toEqual([]);
    await call(alice, 'PATCH', `/notes/${note.id}`, { text: 'À modérer, reformulé' });
    const visible: BoardNote = await call(bob, 'POST', `/boards/${board.id}/notes`, { text: 'Visible' });
    await call(alice, 'PUT', `/notes/${visible.id}/dots/me`, { count: 2 });
    const sockets = [mine.socket, others.socket, steward.socket];
    await reached(sockets, 5);
    expect(JSON.stringify(others.events())).not.toContain('reformulé');
    expect(others.events()[0]).toEqual({
      type: 'board.note.updated',
      boardId: board.id,
      version: 3,
      noteId: null,
    });
    expect(steward.events()[0]).toMatchObject({
      note: { text: 'À modérer, reformulé', hidden: true, isMine: false },
    });
    expect(mine.events()[0]).toMatchObject({ note: { text: 'À modérer, reformulé', isMine: true } });
    // Totals hidden: nobody learns which post-it got dots, the voter their own dots only.
    expect(others.events()[2]).toEqual({
      type: 'board.dots.updated',
      boardId: board.id,
      version: 5,
      noteId: null,
    });
    expect(steward.events()[2]).toEqual(others.events()[2]);
    expect(mine.events()[2]).toMatchObject({
      noteId: visible.id,
      dots: null,
      mine: { myDots: 2, myDotsUsed: 2 },
    });

    // Revealed: everyone reads the board again (a change of much at once), then totals flow.
    await call(facilitator, 'POST', `/boards/${board.id}/reveal`, { what: 'dots' });
    await reached(sockets, 6);
    for (const follower of [mine, others, steward]) expect(follower.catchUp()).toBe(true);
    await call(bob, 'PUT', `/notes/${visible.id}/dots/me`, { count: 1 });
    await call(facilitator, 'DELETE', `/notes/${note.id}`);
    await reached(sockets, 8);
    // Bob voted: his own frame says his dots; the others get the total only.
    expect(steward.events()[4]).toEqual({
      type: 'board.dots.updated',
      boardId: board.id,
      version: 7,
      noteId: visible.id,
      dots: 3,
    });
    expect(others.events()[4]).toMatchObject({ dots: 3, mine: { myDots: 1, myDotsUsed: 1 } });
    expect(others.events()[5]).toMatchObject({ type: 'board.note.deleted', version: 8, noteId: null });
    expect(steward.events()[5]).toMatchObject({ noteId: note.id });
    for (const f of [mine, others, steward]) f.socket.close();
  });

  it('stops sending a steward’s variant once the person no longer steers the board', async () => {
    const board: Board = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Modération',
    });
    const note: BoardNote = await call(alice, 'POST', `/boards/${board.id}/notes`, { text: 'Masquée' });
    await call(facilitator, 'PATCH', `/notes/${note.id}`, { hidden: true });
    await call(facilitator, 'PATCH', `/circles/${circleId}/members/${bob.id}`, { role: 'facilitator' });
    const promoted = await follow(bob, board.id);
    await call(alice, 'PATCH', `/notes/${note.id}`, { text: 'Masquée, vue des animateurs' });
    await reached([promoted.socket], 3);
    expect(promoted.events()[0]).toMatchObject({ note: { text: 'Masquée, vue des animateurs' } });
    await call(facilitator, 'PATCH', `/circles/${circleId}/members/${bob.id}`, { role: 'member' });
    // The role change reaches the connection asynchronously: wait until it no longer steers, seen
    // from the frames of two writes made after it (the first may still be the steward's variant).
    let version = 3;
    for (;;) {
      version += 1;
      await call(alice, 'PATCH', `/notes/${note.id}`, { text: `Masquée, version ${version}` });
      await reached([promoted.socket], version);
      const last = promoted.events().at(-1);
      if (last && 'noteId' in last && last.noteId === null) break;
      expect(version).toBeLessThan(50);
    }
    await call(alice, 'PATCH', `/notes/${note.id}`, { text: 'Masquée, dernière' });
    await reached([promoted.socket], version + 1);
    expect(JSON.stringify(promoted.events().at(-1))).not.toContain('dernière');
    promoted.socket.close();
  });

  it('brings every follower to the board the server shows them, through a mixed session of writes', async () => {
    const board: Board = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Cercle des cercles',
      categories: [{ name: 'BLEU', color: 'blue' }],
      dotsPerParticipant: 5,
    });
    const people = [facilitator, alice, bob];
    const followers = await Promise.all(people.map((user) => follow(user, board.id)));
    const category = (await getBoard(alice, board.id)).categories[0]?.id;
    const a: BoardNote = await call(alice, 'POST', `/boards/${board.id}/notes`, {
      text: 'Une',
      categoryId: category,
    });
    const b: BoardNote = await call(bob, 'POST', `/boards/${board.id}/notes`, { text: 'Deux' });
    const c: BoardNote = await call(facilitator, 'POST', `/boards/${board.id}/notes`, { text: 'Trois' });
    await call(alice, 'PUT', `/notes/${b.id}/dots/me`, { count: 2 });
    await call(bob, 'PUT', `/notes/${b.id}/dots/me`, { count: 1 });
    await call(bob, 'PUT', `/notes/${a.id}/dots/me`, { count: 3 });
    await call(alice, 'PATCH', `/notes/${a.id}`, { text: 'Une, précisée', y: 5000 });
    await call(bob, 'PATCH', `/notes/${c.id}`, { x: 40 });
    await call(alice, 'DELETE', `/notes/${a.id}`);
    await call(facilitator, 'POST', `/notes/${b.id}/action`, {});
    await call(alice, 'PUT', `/notes/${b.id}/dots/me`, { count: 0 });
    await reached(
      followers.map((f) => f.socket),
      11,
    );
    for (const [index, follower] of followers.entries()) {
      expect(follower.catchUp()).toBe(false);
      const person = people[index] as TestUser;
      expect(follower.copy(), person.name).toEqual(await getBoard(person, board.id));
    }
    for (const f of followers) f.socket.close();
  });
});
