import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTES_FRAGMENT } from '../../../contract/notes-document.ts';
import type { SearchResponse } from '../../../contract/search.ts';
import { appendNoteUpdate } from '../../live/session-notes.store.ts';
import { writeDocuments } from '../../search/search-index.ts';
import { reindexAll } from '../../search/search-indexer.ts';
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
import { featureSearchSources } from '../registry.ts';

/** A Yjs update that writes one paragraph into a session's shared notes, as an editor would. */
function notesParagraph(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(NOTES_FRAGMENT).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(testDialects())('search on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let neighbour: TestUser;
  let listed: TestUser;
  let stranger: TestUser;
  let slug: string;
  let publicCircleId: string;
  let privateCircleId: string;
  let privateSessionId: string;

  const search = async (user: TestUser | undefined, query: Record<string, string>) => {
    const response = await t.app.inject({
      url: `/api/v1/search?${new URLSearchParams(query)}`,
      ...(user && { headers: { cookie: user.cookie } }),
    });
    return { status: response.statusCode, body: response.json() as SearchResponse };
  };
  const call = (user: TestUser, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload && { payload }),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florence');
    member = await registerUser(t.app, 'Malik');
    neighbour = await registerUser(t.app, 'Nadia');
    listed = await registerUser(t.app, 'Lise');
    stranger = await registerUser(t.app, 'Sami');
    const community = await buildCommunity(t.app, facilitator);
    slug = community.slug;
    for (const user of [member, neighbour, listed]) await joinCommunity(t.app, user, slug);
    publicCircleId = (await buildCircle(t.app, facilitator, slug, { name: 'Cercle Codev' })).id;
    privateCircleId = (
      await buildCircle(t.app, facilitator, slug, { name: 'Cercle des boussoles', visibility: 'private' })
    ).id;
    await addToCircle(t.app, facilitator, privateCircleId, member);
    await buildSession(t.app, facilitator, publicCircleId, { title: 'Coopération ouverte en Gironde' });
    await buildSession(t.app, facilitator, publicCircleId, {
      title: 'Atelier des communs',
      description: 'Comment coopérer entre services ? La coopération commence par écouter.',
    });
    const privateSession = await buildSession(t.app, facilitator, privateCircleId, { title: 'Séance close' });
    privateSessionId = privateSession.id;
    expect(
      (
        await call(facilitator, 'PATCH', `/sessions/${privateSessionId}`, {
          synthesis: 'Le mot caché est zanzibarite.',
        })
      ).statusCode,
    ).toBe(200);
    await appendNoteUpdate(
      t.database.db,
      privateSessionId,
      notesParagraph('Dans les notes : quetzalcoatlite'),
    );
    // Listed on the session without being in the circle (someone who left it since, say).
    await t.database.db
      .insertInto('sessionParticipants')
      .values({
        id: randomUUID(),
        sessionId: privateSessionId,
        userId: listed.id,
        guestName: null,
        status: 'invited',
        createdAt: new Date().toISOString(),
      })
      .execute();
    await t.indexSearch();
  });
  afterAll(() => t.close());

  it('finds "coopération", "coopérer" and "Coopération ouverte" for "cooperation", ranked title first', async () => {
    const { status, body } = await search(member, { q: 'cooperation', community: slug });
    expect(status).toBe(200);
    expect(body.items.map((item) => item.title)).toEqual([
      'Coopération ouverte en Gironde',
      'Atelier des communs',
    ]);
    expect(body.total).toBe(2);
    const [first, second] = body.items;
    expect(first?.titleHighlights).toEqual([[0, 11]]);
    expect(second?.snippet).toContain('coopérer');
    const marked = (second?.highlights ?? []).map(([start, end]) => second?.snippet.slice(start, end));
    expect(marked).toEqual(['coopérer', 'coopération']);
    expect(first?.url).toMatch(/^\/sessions\//);
    expect(first?.circle).toEqual({ id: publicCircleId, name: 'Cercle Codev' });
  });

  it('takes "phrases" and prefixes*', async () => {
    const phrase = await search(member, { q: '"cooperation ouverte"' });
    expect(phrase.body.items.map((item) => item.title)).toEqual(['Coopération ouverte en Gironde']);
    const apart = await search(member, { q: '"cooperation commence"' });
    expect(apart.body.items.map((item) => item.title)).toEqual(['Atelier des communs']);
    const prefix = await search(member, { q: 'giron*' });
    expect(prefix.body.items.map((item) => item.title)).toEqual(['Coopération ouverte en Gironde']);
  });

  it('keeps a phrase in order, across stop words and over three words', async () => {
    await buildSession(t.app, facilitator, publicCircleId, {
      title: 'Phrase en ordre',
      description: 'La boussole collective partagée guide le cercle de qualité.',
    });
    // Holds every adjacent pair of both phrases below, but neither phrase in order.
    await buildSession(t.app, facilitator, publicCircleId, {
      title: 'Phrase en désordre',
      description: 'Une boussole collective reste collective partagée ; la qualité de cercle varie.',
    });
    await t.indexSearch();
    for (const q of ['"boussole collective partagée"', '"cercle de qualité"']) {
      const { body } = await search(member, { q });
      expect(
        body.items.map((item) => item.title),
        q,
      ).toEqual(['Phrase en ordre']);
      expect(body.total, q).toBe(1);
    }
    const both = await search(member, { q: '"boussole collective"' });
    expect(both.body.items.map((item) => item.title).sort()).toEqual([
      'Phrase en désordre',
      'Phrase en ordre',
    ]);
  });

  it('finds a private circle’s minutes and notes for its members only: no result, no count, no snippet', async () => {
    for (const word of ['zanzibarite', 'quetzalcoatlite']) {
      const mine = await search(member, { q: word });
      expect(mine.body.total).toBe(1);
      expect(mine.body.items[0]?.snippet).toContain(word);
      expect((await search(facilitator, { q: word })).body.total).toBe(1);
      for (const outsider of [neighbour, stranger, undefined]) {
        const theirs = await search(outsider, { q: word });
        expect(theirs.status).toBe(200);
        expect(theirs.body).toEqual({ items: [], total: 0, totalIsExact: true });
      }
    }
    // Listed on the session but no longer in the private circle: the session answers 404, so does search.
    const opened = await t.app.inject({
      url: `/api/v1/sessions/${privateSessionId}`,
      headers: { cookie: listed.cookie },
    });
    expect(opened.statusCode).toBe(404);
    expect((await search(listed, { q: 'zanzibarite' })).body.total).toBe(0);
  });

  it('keeps a silent board’s post-its to their author until they are revealed', async () => {
    const board = (
      await call(facilitator, 'POST', `/circles/${publicCircleId}/boards`, { title: 'Idées', silent: true })
    ).json();
    await addToCircle(t.app, facilitator, publicCircleId, member);
    const note = await call(member, 'POST', `/boards/${board.id}/notes`, { text: 'Ornithorynque voyageur' });
    expect(note.statusCode).toBe(201);
    await t.indexSearch();
    expect((await search(member, { q: 'ornithorynque' })).body.total).toBe(1);
    expect((await search(facilitator, { q: 'ornithorynque' })).body.total).toBe(0);
    expect(
      (await call(facilitator, 'POST', `/boards/${board.id}/reveal`, { what: 'notes' })).statusCode,
    ).toBe(200);
    await t.indexSearch();
    expect((await search(facilitator, { q: 'ornithorynque' })).body.total).toBe(1);
    // Boards are for the circle's members and stewards, even in a public circle.
    expect((await search(neighbour, { q: 'ornithorynque' })).body.total).toBe(0);
  });

  it('follows edits and deletions', async () => {
    const session = await buildSession(t.app, facilitator, publicCircleId, { title: 'Brouillon' });
    await t.indexSearch();
    expect((await search(member, { q: 'brouillon' })).body.total).toBe(1);
    await call(facilitator, 'PATCH', `/sessions/${session.id}`, { title: 'Version définitive' });
    await t.indexSearch();
    expect((await search(member, { q: 'brouillon' })).body.total).toBe(0);
    expect((await search(member, { q: 'definitive' })).body.total).toBe(1);
    expect((await call(facilitator, 'DELETE', `/sessions/${session.id}`)).statusCode).toBeLessThan(300);
    await t.indexSearch();
    expect((await search(member, { q: 'definitive' })).body.total).toBe(0);
  });

  it('rebuilds the index in place: what exists is found again, what is gone leaves', async () => {
    const db = t.database.db;
    // A document whose object no longer exists (left by an earlier version, say).
    const { id: communityId } = await db
      .selectFrom('communities')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    await db.transaction().execute((trx) =>
      writeDocuments(trx, 'glossary', [
        {
          objectId: 'gone',
          communityId,
          circleId: null,
          sessionId: null,
          ownerId: null,
          audience: 'everyone',
          title: 'Fantôme',
          body: '',
          url: '/glossary/gone',
          date: null,
        },
      ]),
    );
    expect((await search(member, { q: 'fantome' })).body.total).toBeGreaterThan(0);
    expect(await reindexAll(db, featureSearchSources())).toBeGreaterThan(5);
    expect((await search(member, { q: 'fantome' })).body.total).toBe(0);
    expect((await search(member, { q: 'cooperation', community: slug })).body.total).toBe(2);
    expect(await db.selectFrom('searchPending').selectAll().execute()).toEqual([]);
  });

  it('narrows by kind, circle and period', async () => {
    expect((await search(member, { q: 'cercle', kind: 'circle' })).body.total).toBe(2);
    expect((await search(neighbour, { q: 'cercle', kind: 'circle' })).body.total).toBe(1);
    expect((await search(member, { q: 'cooperation', circleId: privateCircleId })).body.total).toBe(0);
    expect(
      (await search(member, { q: 'cooperation', from: '2026-12-03', to: '2026-12-03' })).body.total,
    ).toBe(2);
    expect((await search(member, { q: 'cooperation', from: '2026-12-04' })).body.total).toBe(0);
    // A page past the last result still says how many there are.
    expect((await search(member, { q: 'cooperation', offset: '5' })).body).toEqual({
      items: [],
      total: 2,
      totalIsExact: true,
    });
    // The public circle is in Gironde: found under Gironde and under its région, not elsewhere.
    const placed = await call(facilitator, 'PATCH', `/circles/${publicCircleId}`, { territoryCodes: ['33'] });
    expect(placed.statusCode).toBe(200);
    expect((await search(member, { q: 'cooperation', territory: '33' })).body.total).toBe(2);
    expect((await search(member, { q: 'cooperation', territory: 'R75' })).body.total).toBe(2);
    expect((await search(member, { q: 'cooperation', territory: 'R44' })).body.total).toBe(0);
    expect((await search(member, { q: 'cooperation', territory: 'R99' })).status).toBe(400);
  });

  it('answers bad input with a 400 and any text with a 200, never a 500', async () => {
    const bad: Record<string, string>[] = [
      { q: '' },
      { q: 'x', kind: 'wiki' },
      { q: 'x', offset: '5000' },
      { q: 'x', from: '2026-13-01' },
    ];
    for (const query of bad) {
      expect((await search(member, query)).status).toBe(400);
    }
    expect((await search(member, { q: 'x', from: '2026-12-04', to: '2026-12-01' })).status).toBe(400);
    expect((await search(member, { q: 'x', community: 'nowhere' })).status).toBe(404);
    for (const q of ['"', '*', 'NEAR(a b)', 'a:* & !b', "l'", '"" OR 1=1 --', 'coop*"ér', 'de la']) {
      const answer = await search(member, { q });
      expect(answer.status).toBe(200);
    }
  });
});
