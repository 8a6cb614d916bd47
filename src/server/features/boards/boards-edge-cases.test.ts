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
});
