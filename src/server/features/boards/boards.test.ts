import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, BoardNote } from '../../../contract/board.ts';
import { openLiveClient } from '../../testing/live-client.ts';
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

describe.each(testDialects())('boards on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let circleId: string;
  let communitySlug: string;

  const call = (user: TestUser | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: user ? { cookie: user.cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const newBoard = async (payload: Record<string, unknown> = {}): Promise<Board> => {
    const response = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Cercle des cercles',
      categories: [
        { name: 'BLEU', color: 'blue', meaning: 'prochains pas' },
        { name: 'JAUNE', color: 'yellow', meaning: 'idées' },
      ],
      ...payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const addNote = async (user: TestUser, boardId: string, payload: Record<string, unknown>) => {
    const response = await call(user, 'POST', `/boards/${boardId}/notes`, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as BoardNote;
  };
  const getBoard = async (user: TestUser, boardId: string): Promise<Board> => {
    const response = await call(user, 'GET', `/boards/${boardId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  const liveUrl = () => `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    facilitator = await registerUser(t.app, 'Fanny Facilitatrice');
    alice = await registerUser(t.app, 'Alice Agent');
    bob = await registerUser(t.app, 'Bob Agent');
    outsider = await registerUser(t.app, 'Olga Outsider');
    const community = await buildCommunity(t.app, facilitator);
    communitySlug = community.slug;
    for (const user of [alice, bob, outsider]) await joinCommunity(t.app, user, community.slug);
    // Public circle: the outsider sees the circle, yet its boards are for members.
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'public' })).id;
    await addToCircle(t.app, facilitator, circleId, alice);
    await addToCircle(t.app, facilitator, circleId, bob);
  });
  afterAll(() => t.close());

  it('creates a board with its legend and lists it for members only (404 for others)', async () => {
    const board = await newBoard();
    expect(board).toMatchObject({
      title: 'Cercle des cercles',
      anonymous: false,
      dotsPerParticipant: 5,
      maxDotsPerNote: null,
      canSteer: true,
    });
    expect(board.categories.map((c) => [c.name, c.color, c.meaning])).toEqual([
      ['BLEU', 'blue', 'prochains pas'],
      ['JAUNE', 'yellow', 'idées'],
    ]);
    const list = await call(alice, 'GET', `/circles/${circleId}/boards`);
    expect(list.json().items.map((b: Board) => b.id)).toContain(board.id);
    expect((await getBoard(alice, board.id)).canSteer).toBe(false);

    for (const [method, url, payload] of [
      ['GET', `/circles/${circleId}/boards`, undefined],
      ['POST', `/circles/${circleId}/boards`, { title: 'x' }],
      ['GET', `/boards/${board.id}`, undefined],
      ['POST', `/boards/${board.id}/notes`, { text: 'intrusion' }],
    ] as const) {
      const response = await call(outsider, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect((await call(null, 'GET', `/boards/${board.id}`)).statusCode).toBe(401);
    const note = await addNote(alice, board.id, { text: 'Forum ouvert' });
    for (const [method, url, payload] of [
      ['PATCH', `/notes/${note.id}`, { x: 1 }],
      ['DELETE', `/notes/${note.id}`, undefined],
      ['PUT', `/notes/${note.id}/dots/me`, { count: 1 }],
      ['POST', `/notes/${note.id}/action`, {}],
    ] as const) {
      expect((await call(outsider, method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('refuses unknown categories, oversized text, and a per-post-it maximum above the budget', async () => {
    const board = await newBoard();
    const other = await newBoard();
    const unknown = await call(alice, 'POST', `/boards/${board.id}/notes`, {
      text: 'x',
      categoryId: other.categories[0]?.id,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toEqual(['body', 'categoryId']);
    const long = await call(alice, 'POST', `/boards/${board.id}/notes`, { text: 'é'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(
      (await call(alice, 'POST', `/boards/${board.id}/notes`, { text: 'é'.repeat(2000) })).statusCode,
    ).toBe(201);
    expect((await call(alice, 'POST', `/boards/${board.id}/notes`, { text: '   ' })).statusCode).toBe(400);
    const badColor = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'x',
      categories: [{ name: 'ROUGE', color: 'red' }],
    });
    expect(badColor.statusCode).toBe(400);
    const badMax = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'x',
      dotsPerParticipant: 3,
      maxDotsPerNote: 4,
    });
    expect(badMax.statusCode).toBe(400);
    const badPatch = await call(facilitator, 'PATCH', `/boards/${board.id}`, { maxDotsPerNote: 6 });
    expect(badPatch.statusCode).toBe(400);
  });

  it('keeps post-it text as typed: markup is text, never interpreted', async () => {
    const board = await newBoard();
    const text = '<img src=x onerror=alert(1)>\nligne 2 & <b>gras</b>';
    const note = await addNote(alice, board.id, { text });
    expect(note.text).toBe(text);
    expect((await getBoard(bob, board.id)).notes.find((n) => n.id === note.id)?.text).toBe(text);
  });

  it('lets authors edit and delete their own post-its; others move and group them; facilitators hide', async () => {
    const board = await newBoard();
    const note = await addNote(alice, board.id, { text: 'Essaimage', categoryId: board.categories[1]?.id });
    expect(note).toMatchObject({ isMine: true, author: { id: alice.id, name: 'Alice Agent' } });
    expect((await call(bob, 'PATCH', `/notes/${note.id}`, { text: 'pris' })).statusCode).toBe(403);
    expect((await call(bob, 'DELETE', `/notes/${note.id}`)).statusCode).toBe(403);
    const moved = await call(bob, 'PATCH', `/notes/${note.id}`, { x: 120, y: 40 });
    expect(moved.json()).toMatchObject({ x: 120, y: 40, text: 'Essaimage' });
    const edited = await call(alice, 'PATCH', `/notes/${note.id}`, { text: 'Essaimage sur les territoires' });
    expect(edited.json().text).toBe('Essaimage sur les territoires');

    expect((await call(bob, 'PATCH', `/notes/${note.id}`, { hidden: true })).statusCode).toBe(403);
    expect((await call(facilitator, 'PATCH', `/notes/${note.id}`, { hidden: true })).json().hidden).toBe(
      true,
    );
    expect((await getBoard(bob, board.id)).notes.map((n) => n.id)).not.toContain(note.id);
    expect((await getBoard(alice, board.id)).notes.find((n) => n.id === note.id)?.hidden).toBe(true);
    expect((await call(bob, 'PATCH', `/notes/${note.id}`, { x: 1 })).statusCode).toBe(404);

    const cluster = await call(bob, 'POST', `/boards/${board.id}/clusters`, {
      title: 'Territoires',
      noteIds: [note.id],
    });
    expect(cluster.statusCode).toBe(201);
    const clusterId = cluster.json().clusters[0].id;
    expect(
      (await call(alice, 'PATCH', `/clusters/${clusterId}`, { title: 'Sur les territoires' })).json()
        .clusters,
    ).toEqual([{ id: clusterId, title: 'Sur les territoires' }]);
    expect((await getBoard(alice, board.id)).notes[0]?.clusterId).toBe(clusterId);
    const ungrouped = await call(alice, 'DELETE', `/clusters/${clusterId}`);
    expect(ungrouped.json().clusters).toEqual([]);
    expect((await call(outsider, 'DELETE', `/clusters/${clusterId}`)).statusCode).toBe(404);

    expect((await call(alice, 'DELETE', `/notes/${note.id}`)).statusCode).toBe(204);
    expect((await getBoard(alice, board.id)).notes).toEqual([]);
  });

  it('locks the board: no post-its, moves or dots until unlocked; only facilitators lock', async () => {
    const board = await newBoard();
    const note = await addNote(alice, board.id, { text: 'Défi' });
    expect((await call(alice, 'PATCH', `/boards/${board.id}`, { locked: true })).statusCode).toBe(403);
    expect((await call(facilitator, 'PATCH', `/boards/${board.id}`, { locked: true })).json().locked).toBe(
      true,
    );
    for (const [method, url, payload] of [
      ['POST', `/boards/${board.id}/notes`, { text: 'trop tard' }],
      ['PATCH', `/notes/${note.id}`, { x: 5 }],
      ['PUT', `/notes/${note.id}/dots/me`, { count: 1 }],
      ['DELETE', `/notes/${note.id}`, undefined],
    ] as const) {
      const response = await call(alice, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(409);
    }
    expect((await call(facilitator, 'PATCH', `/notes/${note.id}`, { hidden: true })).statusCode).toBe(200);
  });

  it('keeps dots within the budget and the per-post-it maximum, and closes them with the timer', async () => {
    const board = await newBoard({ dotsPerParticipant: 3, maxDotsPerNote: 2 });
    const [a, b, c] = [
      await addNote(alice, board.id, { text: 'A' }),
      await addNote(alice, board.id, { text: 'B' }),
      await addNote(bob, board.id, { text: 'C' }),
    ];
    const dots = (user: TestUser, noteId: string | undefined, count: number) =>
      call(user, 'PUT', `/notes/${noteId}/dots/me`, { count });
    expect((await dots(bob, a?.id, 3)).statusCode).toBe(400);
    expect((await dots(bob, a?.id, 2)).json()).toEqual({ noteId: a?.id, myDots: 2, myDotsUsed: 2 });
    const over = await dots(bob, b?.id, 2);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toMatch(/dots left/);
    expect((await dots(bob, b?.id, 1)).json().myDotsUsed).toBe(3);
    expect((await dots(alice, a?.id, 1)).statusCode).toBe(200);
    expect((await dots(bob, a?.id, 0)).json().myDotsUsed).toBe(1);
    expect((await dots(bob, c?.id, 2)).statusCode).toBe(200);

    const seen = await getBoard(alice, board.id);
    expect(seen.notes.map((n) => [n.text, n.dots, n.myDots])).toEqual([
      ['A', 1, 1],
      ['B', 1, 0],
      ['C', 2, 0],
    ]);
    expect(seen.myDotsUsed).toBe(1);

    const past = new Date(Date.now() - 1000).toISOString();
    await call(facilitator, 'PATCH', `/boards/${board.id}`, { votingClosesAt: past });
    const closed = await dots(alice, b?.id, 1);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toMatch(/closed/);
    expect((await getBoard(alice, board.id)).isVotingOpen).toBe(false);
  });

  it('never lets concurrent dots overspend the budget', async () => {
    const board = await newBoard({ dotsPerParticipant: 5, maxDotsPerNote: 1 });
    const notes = [];
    for (let i = 0; i < 20; i++) notes.push(await addNote(bob, board.id, { text: `Idée ${i}` }));
    const results = await Promise.all(
      notes.flatMap((note) =>
        [alice, facilitator].map((user) => call(user, 'PUT', `/notes/${note.id}/dots/me`, { count: 1 })),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    const stored = await t.database.db
      .selectFrom('boardDots')
      .select(['userId', (eb) => eb.fn.sum<number>('count').as('total')])
      .where('boardId', '=', board.id)
      .groupBy('userId')
      .execute();
    expect(stored.map((row) => Number(row.total))).toEqual([5, 5]);
  });

  it('keeps private post-its of a silent brainstorm out of reads and events until the reveal', async () => {
    const board = await newBoard({ silent: true });
    const url = liveUrl();
    const watcher = await openLiveClient(url, bob);
    const intruder = await openLiveClient(url, outsider);
    watcher.send({ type: 'subscribe', topic: `board:${board.id}` });
    intruder.send({ type: 'subscribe', topic: `board:${board.id}` });
    await watcher.waitFor((m) => m.type === 'subscribed');
    expect(await intruder.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'NOT_FOUND' });

    const secret = await addNote(alice, board.id, { text: 'Idée secrète' });
    expect(secret.private).toBe(true);
    expect((await call(alice, 'PUT', `/notes/${secret.id}/dots/me`, { count: 1 })).statusCode).toBe(409);
    expect((await call(alice, 'POST', `/notes/${secret.id}/action`, {})).statusCode).toBe(409);
    const created = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'board.note.created');
    expect(JSON.stringify(created)).not.toContain('secrète');
    expect(JSON.stringify(created)).not.toContain(secret.id);
    expect(JSON.stringify(created)).not.toContain(alice.id);

    const bobSees = await getBoard(bob, board.id);
    expect(bobSees.notes).toEqual([]);
    expect(bobSees.privateNoteCount).toBe(1);
    expect((await getBoard(facilitator, board.id)).notes).toEqual([]);
    expect((await getBoard(alice, board.id)).notes.map((n) => n.text)).toEqual(['Idée secrète']);
    expect((await call(bob, 'PUT', `/notes/${secret.id}/dots/me`, { count: 1 })).statusCode).toBe(404);
    expect(
      (await call(bob, 'GET', `/circles/${circleId}/boards`))
        .json()
        .items.find((b: Board) => b.id === board.id).noteCount,
    ).toBe(0);

    expect((await call(bob, 'POST', `/boards/${board.id}/reveal`, { what: 'notes' })).statusCode).toBe(403);
    const revealed = await call(facilitator, 'POST', `/boards/${board.id}/reveal`, { what: 'notes' });
    expect(revealed.json()).toMatchObject({ silent: false, privateNoteCount: 0 });
    await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'board.revealed');
    expect((await getBoard(bob, board.id)).notes.map((n) => [n.text, n.private])).toEqual([
      ['Idée secrète', false],
    ]);
    expect(intruder.messages.filter((m) => m.type === 'event')).toEqual([]);
    watcher.socket.close();
    intruder.socket.close();
  });

  it('names nobody on an anonymous board and hides dot totals until they are revealed', async () => {
    const board = await newBoard({ anonymous: true, hideDots: true });
    const url = liveUrl();
    const watcher = await openLiveClient(url, facilitator);
    watcher.send({ type: 'subscribe', topic: `board:${board.id}` });
    const { seq } = (await watcher.waitFor((m) => m.type === 'subscribed')) as { seq: number };
    const note = await addNote(alice, board.id, { text: 'Évaluation au sein des cercles' });
    expect(note).toMatchObject({ isMine: true, author: null });
    await call(bob, 'PUT', `/notes/${note.id}/dots/me`, { count: 2 });
    const dotsEvent = await watcher.waitFor(
      (m) => m.type === 'event' && m.event.type === 'board.dots.updated',
    );
    // While totals are hidden, the event does not say which post-it got dots, nor from whom.
    expect(dotsEvent).toMatchObject({ event: { boardId: board.id, noteId: null } });
    // The post-it is shown as members see it (decision 043): its text, never its author.
    const frames = JSON.stringify(watcher.messages);
    for (const secret of [alice.id, bob.id, 'Alice', 'Bob']) expect(frames).not.toContain(secret);
    expect(frames).toContain('"author":null');
    watcher.socket.close();

    // A client that comes back with the last seq it saw gets what it missed, in order.
    const again = await openLiveClient(url, facilitator);
    again.send({ type: 'subscribe', topic: `board:${board.id}`, since: seq });
    await again.waitFor((m) => m.type === 'event' && m.event.type === 'board.dots.updated');
    expect(
      again.messages.filter((m) => m.type === 'event').map((m) => (m.type === 'event' ? m.event.type : '')),
    ).toEqual(['board.note.created', 'board.dots.updated']);
    again.socket.close();
    const seen = (await getBoard(alice, board.id)).notes[0];
    expect(seen).toMatchObject({ author: null, isMine: true, dots: null, myDots: 0 });
    expect(JSON.stringify(await getBoard(bob, board.id))).not.toContain(alice.id);
    expect((await getBoard(bob, board.id)).notes[0]).toMatchObject({ isMine: false, dots: null, myDots: 2 });
    await call(facilitator, 'POST', `/boards/${board.id}/reveal`, { what: 'dots' });
    expect((await getBoard(alice, board.id)).notes[0]?.dots).toBe(2);
  });

  it('makes a post-it an action in one step, linked back, with owners among the circle', async () => {
    const session = await buildSession(t.app, facilitator, circleId);
    const agenda = await call(facilitator, 'POST', `/sessions/${session.id}/agenda/template`, {
      template: 'plain',
    });
    const itemId = agenda.json().items[0].id;
    const board = await newBoard({ sessionId: session.id, agendaItemId: itemId });
    expect(board).toMatchObject({ sessionId: session.id, agendaItemId: itemId });
    const note = await addNote(alice, board.id, { text: 'Scénario pédagogique du REX' });

    const badOwner = await call(alice, 'POST', `/notes/${note.id}/action`, { ownerIds: [outsider.id] });
    expect(badOwner.statusCode).toBe(400);
    const made = await call(alice, 'POST', `/notes/${note.id}/action`, {
      ownerIds: [bob.id],
      dueOn: '2026-12-15',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      title: 'Scénario pédagogique du REX',
      sessionId: session.id,
      dueOn: '2026-12-15',
      owners: [{ userId: bob.id, name: 'Bob Agent' }],
    });
    expect((await getBoard(bob, board.id)).notes[0]?.actionId).toBe(made.json().id);
    expect((await call(bob, 'POST', `/notes/${note.id}/action`, {})).statusCode).toBe(409);
    const sessionActions = await call(bob, 'GET', `/sessions/${session.id}/actions`);
    expect(sessionActions.json().items.map((a: { id: string }) => a.id)).toContain(made.json().id);

    const otherCircle = await buildCircle(t.app, facilitator, communitySlug);
    const foreignSession = await buildSession(t.app, facilitator, otherCircle.id);
    const wrong = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'x',
      sessionId: foreignSession.id,
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('renews the legend while keeping the post-its of kept categories', async () => {
    const board = await newBoard();
    const [blue, yellow] = board.categories;
    const note = await addNote(alice, board.id, { text: 'Abécédaire', categoryId: blue?.id });
    const other = await addNote(alice, board.id, { text: 'Virtuel', categoryId: yellow?.id });
    const patched = await call(facilitator, 'PATCH', `/boards/${board.id}`, {
      categories: [
        { id: blue?.id, name: 'BLEU', color: 'blue', meaning: 'prochains pas' },
        { name: 'VERT', color: 'green', meaning: 'questions' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = patched.json() as Board;
    expect(after.categories.map((c) => c.name)).toEqual(['BLEU', 'VERT']);
    expect(after.notes.find((n) => n.id === note.id)?.categoryId).toBe(blue?.id);
    expect(after.notes.find((n) => n.id === other.id)?.categoryId).toBeNull();
  });

  it('lets its facilitators delete a board, and closes it to someone who leaves the circle', async () => {
    const board = await newBoard();
    await addNote(alice, board.id, { text: 'À garder ?' });
    expect((await call(alice, 'DELETE', `/boards/${board.id}`)).statusCode).toBe(403);
    expect((await call(facilitator, 'DELETE', `/boards/${board.id}`)).statusCode).toBe(204);
    expect((await call(alice, 'GET', `/boards/${board.id}`)).statusCode).toBe(404);

    const kept = await newBoard();
    const leaver = await registerUser(t.app);
    await joinCommunity(t.app, leaver, communitySlug);
    await addToCircle(t.app, facilitator, circleId, leaver);
    expect((await call(leaver, 'GET', `/boards/${kept.id}`)).statusCode).toBe(200);
    await call(facilitator, 'DELETE', `/circles/${circleId}/members/${leaver.id}`);
    expect((await call(leaver, 'GET', `/boards/${kept.id}`)).statusCode).toBe(404);
  });
});
