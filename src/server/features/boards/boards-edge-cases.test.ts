import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, BoardNote } from '../../../contract/board.ts';
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

/** Edge cases found in review: privacy after the fact, dots on hidden post-its, limits. */
describe.each(testDialects())('board edge cases on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let circleId: string;

  const call = (user: TestUser, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const newBoard = async (payload: Record<string, unknown> = {}): Promise<Board> => {
    const response = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Revue',
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

  beforeAll(async () => {
    t = await createTestApp(dialect);
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

  it('never names the authors of post-its written on an anonymous board, even if anonymity is turned off', async () => {
    const board = await newBoard({ anonymous: true });
    await addNote(alice, board.id, { text: 'Un avis franc' });
    const off = await call(facilitator, 'PATCH', `/boards/${board.id}`, { anonymous: false });
    expect(off.statusCode, off.body).toBe(409);
    expect(JSON.stringify(await getBoard(bob, board.id))).not.toContain(alice.id);
    // An empty anonymous board may still change its mind.
    const empty = await newBoard({ anonymous: true });
    expect((await call(facilitator, 'PATCH', `/boards/${empty.id}`, { anonymous: false })).statusCode).toBe(
      200,
    );
  });
  it('gives back the dots left on a post-it the facilitator hides: they no longer count in the budget', async () => {
    const board = await newBoard({ dotsPerParticipant: 2 });
    const hiddenLater = await addNote(bob, board.id, { text: 'Hors sujet' });
    const other = await addNote(bob, board.id, { text: 'Dans le sujet' });
    expect((await call(alice, 'PUT', `/notes/${hiddenLater.id}/dots/me`, { count: 2 })).statusCode).toBe(200);
    expect((await call(facilitator, 'PATCH', `/notes/${hiddenLater.id}`, { hidden: true })).statusCode).toBe(
      200,
    );
    // Alice can no longer see (nor reach) that post-it: her two dots must not stay locked in it.
    expect((await getBoard(alice, board.id)).myDotsUsed).toBe(0);
    const moved = await call(alice, 'PUT', `/notes/${other.id}/dots/me`, { count: 2 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().myDotsUsed).toBe(2);
  });

  it('makes no action of a hidden post-it, and none on a locked board but by its facilitators', async () => {
    const board = await newBoard();
    const hidden = await addNote(alice, board.id, { text: 'Propos masqué' });
    await call(facilitator, 'PATCH', `/notes/${hidden.id}`, { hidden: true });
    for (const user of [alice, facilitator]) {
      const response = await call(user, 'POST', `/notes/${hidden.id}/action`, {});
      expect(response.statusCode, response.body).toBe(409);
    }
    const note = await addNote(alice, board.id, { text: 'Prochain pas' });
    await call(facilitator, 'PATCH', `/boards/${board.id}`, { locked: true });
    expect((await call(bob, 'POST', `/notes/${note.id}/action`, {})).statusCode).toBe(409);
    expect((await call(facilitator, 'POST', `/notes/${note.id}/action`, {})).statusCode).toBe(201);
  });

  it('lets a post-it created far down the board be moved further down', async () => {
    const board = await newBoard();
    const first = await addNote(alice, board.id, { text: 'Premier' });
    expect((await call(alice, 'PATCH', `/notes/${first.id}`, { y: 999_500 })).statusCode).toBe(200);
    const last = await addNote(alice, board.id, { text: 'Dernier' });
    expect(last.y).toBeGreaterThan(999_500);
    // What the page sends to move the first one below the last.
    const below = await call(alice, 'PATCH', `/notes/${first.id}`, { y: last.y + 1024 });
    expect(below.statusCode, below.body).toBe(200);
  });

  it('counts the 2,000 characters of a post-it as characters, not UTF-16 units', async () => {
    const board = await newBoard();
    expect(
      (await call(alice, 'POST', `/boards/${board.id}/notes`, { text: '🌱'.repeat(2000) })).statusCode,
    ).toBe(201);
    expect(
      (await call(alice, 'POST', `/boards/${board.id}/notes`, { text: '🌱'.repeat(2001) })).statusCode,
    ).toBe(400);
  });

  it('hides dot totals again when hiding is turned back on after a reveal', async () => {
    const board = await newBoard({ hideDots: true });
    const note = await addNote(alice, board.id, { text: 'Vote' });
    await call(bob, 'PUT', `/notes/${note.id}/dots/me`, { count: 1 });
    await call(facilitator, 'POST', `/boards/${board.id}/reveal`, { what: 'dots' });
    expect((await getBoard(alice, board.id)).notes[0]?.dots).toBe(1);
    await call(facilitator, 'PATCH', `/boards/${board.id}`, { hideDots: false });
    const again = await call(facilitator, 'PATCH', `/boards/${board.id}`, { hideDots: true });
    expect(again.json()).toMatchObject({ hideDots: true, dotsRevealed: false });
    expect((await getBoard(alice, board.id)).notes[0]?.dots).toBeNull();
  });

  it('answers odd timer instants with 4xx, never a 500', async () => {
    const board = await newBoard();
    for (const instant of [
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59-14:00',
      '2026-11-29T10:00:00.123456789+01:00',
    ]) {
      const response = await call(facilitator, 'PATCH', `/boards/${board.id}`, { votingClosesAt: instant });
      expect(response.statusCode, `${instant} ${response.body}`).toBeLessThan(500);
      const created = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
        title: 'x',
        votingClosesAt: instant,
      });
      expect(created.statusCode, `${instant} ${created.body}`).toBeLessThan(500);
    }
  });

  it('answers dots on a post-it deleted meanwhile with 404, never a 500', async () => {
    const board = await newBoard({ dotsPerParticipant: 100, maxDotsPerNote: 1 });
    const notes = [];
    for (let i = 0; i < 12; i++) notes.push(await addNote(alice, board.id, { text: `Idée ${i}` }));
    const results = await Promise.all(
      notes.flatMap((note) => [
        call(bob, 'PUT', `/notes/${note.id}/dots/me`, { count: 1 }),
        call(alice, 'DELETE', `/notes/${note.id}`),
      ]),
    );
    for (const response of results) expect([200, 204, 404], response.body).toContain(response.statusCode);
    const left = await t.database.db
      .selectFrom('boardDots')
      .select('noteId')
      .where('boardId', '=', board.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('shortens a long post-it into an action title without cutting a character in half', async () => {
    const board = await newBoard();
    const note = await addNote(alice, board.id, { text: `${'a'.repeat(498)}🌱 et la suite du post-it` });
    const made = await call(alice, 'POST', `/notes/${note.id}/action`, {});
    expect(made.statusCode, made.body).toBe(201);
    const title: string = made.json().title;
    expect(title.isWellFormed()).toBe(true);
    expect(title).toBe(`${'a'.repeat(498)}🌱…`);
  });

  it('closes every board route to someone waitlisted, and to a member of another circle', async () => {
    const community = await buildCommunity(t.app, facilitator);
    const full = (await buildCircle(t.app, facilitator, community.slug, { capacity: 1 })).id;
    const [first, waiting] = [await registerUser(t.app), await registerUser(t.app)];
    for (const user of [first, waiting]) await joinCommunity(t.app, user, community.slug);
    expect((await call(first, 'POST', `/circles/${full}/members`, {})).json().status).toBe('member');
    expect((await call(waiting, 'POST', `/circles/${full}/members`, {})).json().status).toBe('waitlisted');
    const created = await call(facilitator, 'POST', `/circles/${full}/boards`, { title: 'Complet' });
    const board = created.json() as Board;
    const note = await addNote(first, board.id, { text: 'Dedans' });
    const cluster = (await call(first, 'POST', `/boards/${board.id}/clusters`, { title: 'G' })).json()
      .clusters[0];
    // Bob is a member of a circle elsewhere, not of this one.
    for (const user of [waiting, bob]) {
      for (const [method, url, payload] of [
        ['GET', `/circles/${full}/boards`, undefined],
        ['GET', `/boards/${board.id}`, undefined],
        ['PATCH', `/boards/${board.id}`, { title: 'x' }],
        ['POST', `/boards/${board.id}/reveal`, { what: 'notes' }],
        ['POST', `/boards/${board.id}/notes`, { text: 'x' }],
        ['POST', `/boards/${board.id}/clusters`, { title: 'x' }],
        ['PATCH', `/clusters/${cluster.id}`, { title: 'x' }],
        ['DELETE', `/clusters/${cluster.id}`, undefined],
        ['PATCH', `/notes/${note.id}`, { x: 1 }],
        ['PUT', `/notes/${note.id}/dots/me`, { count: 1 }],
        ['POST', `/notes/${note.id}/action`, {}],
        ['DELETE', `/notes/${note.id}`, undefined],
        ['DELETE', `/boards/${board.id}`, undefined],
      ] as const) {
        const response = await call(user, method, url, payload);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
    }
  });

  it('keeps clusters and categories to their own board', async () => {
    const [one, two] = [await newBoard(), await newBoard({ categories: [{ name: 'BLEU', color: 'blue' }] })];
    const note = await addNote(alice, one.id, { text: 'Ici' });
    const foreign = (
      await call(bob, 'POST', `/boards/${two.id}/clusters`, { title: 'Ailleurs', noteIds: [note.id] })
    ).json() as Board;
    const foreignCluster = foreign.clusters[0]?.id;
    expect((await getBoard(alice, one.id)).notes[0]?.clusterId).toBeNull();
    for (const payload of [{ clusterId: foreignCluster }, { categoryId: two.categories[0]?.id }]) {
      const response = await call(alice, 'PATCH', `/notes/${note.id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const created = await call(alice, 'POST', `/boards/${one.id}/notes`, {
      text: 'x',
      clusterId: foreignCluster,
    });
    expect(created.statusCode).toBe(400);
  });

  it('keeps moving a post-it between two neighbours however often it is done (no tie in y)', async () => {
    const board = await newBoard();
    for (const text of ['A', 'B', 'C']) await addNote(alice, board.id, { text });
    // What the page sends to put a post-it between two others (board-columns.tsx).
    const between = (before: number, after: number) => Math.floor((before + after) / 2);
    for (let round = 0; round < 14; round++) {
      const order = (await getBoard(alice, board.id)).notes;
      const [first, second, last] = order;
      if (!first || !second || !last) throw new Error('three post-its expected');
      const moved = await call(bob, 'PATCH', `/notes/${last.id}`, { y: between(first.y, second.y) });
      expect(moved.statusCode).toBe(200);
      const after = (await getBoard(alice, board.id)).notes.map((n) => n.text);
      expect(after, `round ${round}`).toEqual([first.text, last.text, second.text]);
    }
  });

  it('lets facilitators group post-its on a locked board, as the page offers them', async () => {
    const board = await newBoard();
    const note = await addNote(alice, board.id, { text: 'À ranger' });
    await call(facilitator, 'PATCH', `/boards/${board.id}`, { locked: true });
    expect((await call(alice, 'POST', `/boards/${board.id}/clusters`, { title: 'Non' })).statusCode).toBe(
      409,
    );
    const created = await call(facilitator, 'POST', `/boards/${board.id}/clusters`, {
      title: 'Synthèse',
      noteIds: [note.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const clusterId = (created.json() as Board).clusters[0]?.id;
    expect((await call(alice, 'PATCH', `/clusters/${clusterId}`, { title: 'Non' })).statusCode).toBe(409);
    expect((await call(alice, 'DELETE', `/clusters/${clusterId}`)).statusCode).toBe(409);
    expect(
      (await call(facilitator, 'PATCH', `/clusters/${clusterId}`, { title: 'Synthèse finale' })).statusCode,
    ).toBe(200);
    expect((await call(facilitator, 'DELETE', `/clusters/${clusterId}`)).statusCode).toBe(200);
  });
});
