import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, BoardNote, BoardZone } from '../../../contract/board.ts';
import { applyBoardEvent } from '../../../contract/board-follower.ts';
import type { LiveEvent } from '../../../contract/live.ts';
import { openLiveClient } from '../../testing/live-client.ts';
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

describe.each(testDialects())('the wall on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let circleId: string;

  const call = (
    user: TestUser | null,
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { ...(user ? { cookie: user.cookie } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const newBoard = async (payload: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await call(
      facilitator,
      'POST',
      `/circles/${circleId}/boards`,
      {
        title: 'Le mur',
        categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
        ...payload,
      },
      headers,
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Board;
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
    for (const user of [alice, bob, outsider]) await joinCommunity(t.app, user, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'public' })).id;
    await addToCircle(t.app, facilitator, circleId, alice);
    await addToCircle(t.app, facilitator, circleId, bob);
  });
  afterAll(() => t.close());

  it('places post-its on the wall with a size; anyone moves them, only the author or a facilitator resizes', async () => {
    const board = await newBoard();
    const loose = await addNote(alice, board.id, { text: 'Sans place' });
    expect(loose).toMatchObject({ wallX: null, wallY: null, size: 'M' });
    const note = await addNote(alice, board.id, { text: 'Placé', wallX: 300, wallY: -40, size: 'L' });
    expect(note).toMatchObject({ wallX: 300, wallY: -40, size: 'L' });

    const moved = await call(bob, 'PATCH', `/notes/${note.id}`, { wallX: 520, wallY: 80 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ wallX: 520, wallY: 80, y: note.y });
    expect((await call(bob, 'PATCH', `/notes/${note.id}`, { size: 'S' })).statusCode).toBe(403);
    expect((await call(alice, 'PATCH', `/notes/${note.id}`, { size: 'S' })).json()).toMatchObject({
      size: 'S',
    });
    expect((await call(facilitator, 'PATCH', `/notes/${note.id}`, { size: 'M' })).statusCode).toBe(200);
    for (const bad of [{ size: 'XL' }, { wallX: 10 }, { wallX: 1e6, wallY: 0 }, { wallX: 1.5, wallY: 2 }]) {
      const response = await call(alice, 'PATCH', `/notes/${note.id}`, bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
    expect((await call(outsider, 'PATCH', `/notes/${note.id}`, { wallX: 1, wallY: 1 })).statusCode).toBe(404);
    const seen = (await getBoard(bob, board.id)).notes.find((n) => n.id === note.id);
    expect(seen).toMatchObject({ wallX: 520, wallY: 80, size: 'M' });
  });

  it('moves reach followers as one post-it patched in place, in the board’s order', async () => {
    const board = await newBoard();
    const first = await addNote(alice, board.id, { text: 'Un', wallX: 0, wallY: 0 });
    await addNote(alice, board.id, { text: 'Deux', wallX: 200, wallY: 0 });
    let copy = await getBoard(bob, board.id);
    const watcher = await openLiveClient(liveUrl(), bob);
    await watcher.subscribe(`board:${board.id}`);
    await call(alice, 'PATCH', `/notes/${first.id}`, { wallX: 640, wallY: 360 });
    const frame = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'board.note.updated');
    watcher.close();
    const event = (frame as { event: LiveEvent }).event;
    const next = applyBoardEvent(copy, event);
    expect(next).not.toBe('refetch');
    copy = next as Board;
    expect(copy.notes.map((n) => [n.text, n.wallX, n.wallY])).toEqual([
      ['Un', 640, 360],
      ['Deux', 200, 0],
    ]);
    expect(copy).toEqual(await getBoard(bob, board.id));
  });

  it('lets facilitators draw, move, resize, rename and remove zones, live; others get 403, outsiders 404', async () => {
    const board = await newBoard();
    let copy = await getBoard(bob, board.id);
    expect(copy.zones).toEqual([]);
    const watcher = await openLiveClient(liveUrl(), bob);
    await watcher.subscribe(`board:${board.id}`);

    const input = { title: 'Idées', x: 0, y: 0, width: 600, height: 400 };
    expect((await call(bob, 'POST', `/boards/${board.id}/zones`, input)).statusCode).toBe(403);
    expect((await call(outsider, 'POST', `/boards/${board.id}/zones`, input)).statusCode).toBe(404);
    expect((await call(null, 'POST', `/boards/${board.id}/zones`, input)).statusCode).toBe(401);
    for (const bad of [
      { ...input, width: 10 },
      { ...input, title: ' ' },
      { ...input, extra: true },
      { ...input, x: 'left' },
    ]) {
      expect((await call(facilitator, 'POST', `/boards/${board.id}/zones`, bad)).statusCode).toBe(400);
    }
    const created = await call(facilitator, 'POST', `/boards/${board.id}/zones`, {
      ...input,
      color: 'yellow',
    });
    expect(created.statusCode, created.body).toBe(201);
    const zone = created.json() as BoardZone;
    expect(zone).toMatchObject({ ...input, color: 'yellow' });

    expect((await call(bob, 'PATCH', `/zones/${zone.id}`, { x: 5 })).statusCode).toBe(403);
    expect((await call(outsider, 'PATCH', `/zones/${zone.id}`, { x: 5 })).statusCode).toBe(404);
    expect((await call(facilitator, 'PATCH', `/zones/unknown`, { x: 5 })).statusCode).toBe(404);
    const patched = await call(facilitator, 'PATCH', `/zones/${zone.id}`, {
      x: 40,
      y: 60,
      width: 800,
      title: 'Idées retenues',
    });
    expect(patched.json()).toMatchObject({ x: 40, y: 60, width: 800, height: 400, title: 'Idées retenues' });
    const second = (
      await call(facilitator, 'POST', `/boards/${board.id}/zones`, { ...input, title: 'Actions', x: 900 })
    ).json() as BoardZone;
    expect((await call(bob, 'DELETE', `/zones/${second.id}`)).statusCode).toBe(403);
    expect((await call(facilitator, 'DELETE', `/zones/${second.id}`)).statusCode).toBe(204);
    expect((await call(facilitator, 'DELETE', `/zones/${second.id}`)).statusCode).toBe(404);

    // The follower's copy, patched event by event, is the board the server shows.
    await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'board.zone.deleted');
    watcher.close();
    for (const message of watcher.messages) {
      if (message.type !== 'event') continue;
      const next = applyBoardEvent(copy, message.event);
      expect(next, message.event.type).not.toBe('refetch');
      copy = next as Board;
    }
    const now = await getBoard(bob, board.id);
    expect(now.zones).toEqual([
      { id: zone.id, title: 'Idées retenues', color: 'yellow', x: 40, y: 60, width: 800, height: 400 },
    ]);
    expect(copy).toEqual(now);
  });

  it('sends a facilitator’s focus to everyone on the board, for a zone of that board only', async () => {
    const board = await newBoard();
    const other = await newBoard();
    const zone = (
      await call(facilitator, 'POST', `/boards/${board.id}/zones`, {
        title: 'Ici',
        x: 0,
        y: 0,
        width: 300,
        height: 300,
      })
    ).json() as BoardZone;
    const elsewhere = (
      await call(facilitator, 'POST', `/boards/${other.id}/zones`, {
        title: 'Là',
        x: 0,
        y: 0,
        width: 300,
        height: 300,
      })
    ).json() as BoardZone;
    const watcher = await openLiveClient(liveUrl(), bob);
    await watcher.subscribe(`board:${board.id}`);
    expect((await call(bob, 'POST', `/boards/${board.id}/focus`, { zoneId: zone.id })).statusCode).toBe(403);
    expect((await call(outsider, 'POST', `/boards/${board.id}/focus`, { zoneId: zone.id })).statusCode).toBe(
      404,
    );
    expect(
      (await call(facilitator, 'POST', `/boards/${board.id}/focus`, { zoneId: elsewhere.id })).statusCode,
    ).toBe(404);
    expect(
      (await call(facilitator, 'POST', `/boards/${board.id}/focus`, { zoneId: zone.id })).statusCode,
    ).toBe(204);
    const frame = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'board.focus');
    watcher.close();
    const event = (frame as { event: LiveEvent }).event;
    expect(event).toEqual({
      type: 'board.focus',
      boardId: board.id,
      zoneId: zone.id,
      by: 'Fanny Facilitatrice',
      byId: facilitator.id,
    });
    const copy = await getBoard(bob, board.id);
    expect(applyBoardEvent(copy, event)).toBe(copy);
  });

  it('creates a board from a template in the request’s language', async () => {
    const fr = await newBoard({ template: 'swot', categories: undefined });
    expect(fr.zones.map((z) => z.title)).toEqual(['Forces', 'Faiblesses', 'Opportunités', 'Menaces']);
    expect(fr.categories).toEqual([]);
    const en = await newBoard({ template: 'retro', categories: undefined }, { 'accept-language': 'en' });
    expect(en.zones.map((z) => z.title)).toEqual([
      'What went well',
      'What went less well',
      'Ideas for next time',
      'Actions',
    ]);
    expect(en.categories.map((c) => c.meaning)).toEqual(['went well', 'less well', 'ideas', 'actions']);
    const forum = await newBoard({ template: 'open-forum' });
    expect(forum.zones).toHaveLength(5);
    expect(forum.categories.map((c) => c.name)).toEqual(['BLEU']);
    const steps = await newBoard({ template: 'next-steps', categories: undefined });
    expect(steps.zones[0]?.title).toBe('À faire');
    expect(
      (await call(facilitator, 'POST', `/circles/${circleId}/boards`, { title: 'x', template: 'kanban' }))
        .statusCode,
    ).toBe(400);
  });

  it('exports the post-its the viewer sees as CSV, with their zone, formulas neutralised', async () => {
    const board = await newBoard();
    const [category] = board.categories;
    await call(facilitator, 'POST', `/boards/${board.id}/zones`, {
      title: 'Ici',
      x: 0,
      y: 0,
      width: 500,
      height: 500,
    });
    await addNote(alice, board.id, {
      text: 'Dans la zone',
      categoryId: category?.id,
      wallX: 100,
      wallY: 100,
    });
    await addNote(bob, board.id, { text: '=HYPERLINK("x")', wallX: 2000, wallY: 2000, size: 'S' });
    await call(facilitator, 'PATCH', `/boards/${board.id}`, { silent: true });
    await addNote(alice, board.id, { text: 'Encore privé' });

    const response = await call(bob, 'GET', `/boards/${board.id}/export.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('text,category,color,author,size,x,y,zone,dots,created_at');
    expect(lines[1]).toMatch(/^Dans la zone,BLEU,blue,Alice Agent,M,100,100,Ici,0,/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",,,Bob Agent,S,2000,2000,,0,/);
    expect(lines).toHaveLength(3);
    expect(response.body).not.toContain('Encore privé');
    expect((await call(outsider, 'GET', `/boards/${board.id}/export.csv`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/boards/${board.id}/export.csv`)).statusCode).toBe(401);
  });

  it('imports a Klaxoon-style CSV: columns detected, categories matched or created, places kept', async () => {
    const board = await newBoard();
    const csv = [
      '\uFEFFContenu;Couleur;Auteur;X;Y',
      'Une idée;bleu;Marie;10;20',
      '"Sur deux\nlignes";jaune;;;',
      'Sans couleur;;Paul;;',
    ].join('\n');
    expect((await call(bob, 'POST', `/boards/${board.id}/import`, { csv })).statusCode).toBe(403);
    expect((await call(outsider, 'POST', `/boards/${board.id}/import`, { csv })).statusCode).toBe(404);
    const response = await call(facilitator, 'POST', `/boards/${board.id}/import`, { csv });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ imported: 3, categoriesCreated: 1 });
    const after = await getBoard(bob, board.id);
    const blue = after.categories.find((c) => c.color === 'blue');
    const yellow = after.categories.find((c) => c.color === 'yellow');
    expect(after.notes.map((n) => [n.text, n.categoryId, n.wallX, n.wallY])).toEqual([
      ['Une idée\n— Marie', blue?.id, 10, 20],
      ['Sur deux\nlignes', yellow?.id, null, null],
      ['Sans couleur\n— Paul', null, null, null],
    ]);

    const klaxoon = 'Idea,Category,Author\nPlus de temps,Pistes,Léa\n';
    const second = await call(facilitator, 'POST', `/boards/${board.id}/import`, { csv: klaxoon });
    expect(second.json()).toEqual({ imported: 1, categoriesCreated: 1 });
    expect((await getBoard(bob, board.id)).categories.map((c) => c.name)).toContain('Pistes');
  });

  it('refuses bad files with a 400 and writes nothing', async () => {
    const board = await newBoard();
    const refused = async (payload: unknown) => {
      const response = await call(facilitator, 'POST', `/boards/${board.id}/import`, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
      return response.json();
    };
    await refused({ csv: 'Couleur;Auteur\nbleu;Marie' });
    await refused({ csv: 'text\n' });
    await refused({ csv: 'text,x\n"unterminated,1' });
    await refused({ csv: `text\n${'a'.repeat(2001)}` });
    await refused({ csv: `text,x,y\nok,1,${10 ** 7}` });
    await refused({ csv: `text\n${Array.from({ length: 501 }, (_, i) => `n${i}`).join('\n')}` });
    await refused({ csv: 'a'.repeat(500_001) });
    await refused({ csv: 42 });
    await refused({ file: 'text\nx' });
    const bad = await refused({ csv: 'text,x,y\nok,,\n,3,4\nfine,,' });
    expect(bad.error.details).toEqual([expect.objectContaining({ path: ['body', 'csv', 3, 'text'] })]);
    expect((await getBoard(facilitator, board.id)).notes).toEqual([]);
    await call(facilitator, 'PATCH', `/boards/${board.id}`, { locked: true });
    expect(
      (await call(facilitator, 'POST', `/boards/${board.id}/import`, { csv: 'text\nok' })).statusCode,
    ).toBe(409);
  });
});
