import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTES_MAX_BYTES, NOTES_TOO_LARGE } from '../../contract/notes-document.ts';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import { openNotes, until } from '../testing/notes-editor.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { dropRedisPrefix, reachableTestRedis, testRedisPrefix } from '../testing/test-redis.ts';
import { toBytes } from './notes-store.ts';
import { appendNoteUpdate, compactNotes, loadNoteState } from './session-notes.store.ts';

/**
 * Two Archipel apps on one database and one Redis, as two instances behind a load balancer that
 * sends each socket anywhere: the shared notes opened on A and on B are one document. (The same
 * with two real processes, and one of them killed, is in notes-processes.test.ts.)
 */
const redisUrl = await reachableTestRedis();

describe.skipIf(!redisUrl).each(testDialects())('shared notes on two instances (%s, Redis)', (dialect) => {
  const prefix = testRedisPrefix();
  let a: TestApp;
  let b: FastifyInstance;
  let urlA: string;
  let urlB: string;
  let facilitator: TestUser;
  let community: { slug: string };
  let circleId: string;

  const notesUrl = (app: FastifyInstance) =>
    `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/notes`;

  beforeAll(async () => {
    const shared = { REDIS_URL: redisUrl ?? '', REDIS_KEY_PREFIX: prefix };
    a = await createTestApp(dialect, shared);
    const env = parseEnv({
      PUBLIC_URL: TEST_ORIGIN,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      ...shared,
    });
    const mailer = createMailer({ from: env.MAIL_FROM, db: a.database.db, log: () => {} });
    b = await buildApp({ database: a.database, env, mailer, version: 'test', webRoot: '/nonexistent' });
    await a.app.listen({ port: 0, host: '127.0.0.1' });
    await b.listen({ port: 0, host: '127.0.0.1' });
    urlA = notesUrl(a.app);
    urlB = notesUrl(b);
    facilitator = await registerUser(a.app, 'Florent');
    community = await buildCommunity(a.app, facilitator);
    circleId = (await buildCircle(a.app, facilitator, community.slug, { visibility: 'private' })).id;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (redisUrl) await dropRedisPrefix(redisUrl, prefix);
  });

  async function member(name: string) {
    const user = await registerUser(a.app, name);
    await joinCommunity(a.app, user, community.slug);
    await addToCircle(a.app, facilitator, circleId, user);
    return user;
  }

  const newSession = async () => (await buildSession(a.app, facilitator, circleId)).id;

  /** The log rows holding something written by one Yjs client (an editor's document). */
  async function loggedRowsOf(sessionId: string, clientId: number) {
    const rows = await a.database.db
      .selectFrom('sessionNoteUpdates')
      .select('update')
      .where('sessionId', '=', sessionId)
      .execute();
    return rows.filter((row) =>
      Y.decodeUpdate(toBytes(row.update)).structs.some((struct) => struct.id.client === clientId),
    ).length;
  }

  it('shows each editor what the other types, cursors included, and logs each edit once', async () => {
    const sessionId = await newSession();
    const maud = await member('Maud');
    const onA = openNotes(urlA, sessionId, facilitator);
    const onB = openNotes(urlB, sessionId, maud);
    await until(() => onA.events.synced && onB.events.synced);
    onA.provider.setAwarenessField('user', { name: 'Florent' });
    onB.provider.setAwarenessField('user', { name: 'Maud' });

    onA.doc.getText('notes').insert(0, 'Météo : soleil. ');
    onB.doc.getText('notes').insert(0, 'Prochain pas : Nadia. ');
    const sees = (editor: typeof onA, text: string) => editor.doc.getText('notes').toString().includes(text);
    await until(() => sees(onA, 'Nadia') && sees(onB, 'soleil'));
    expect(onA.doc.getText('notes').toString()).toBe(onB.doc.getText('notes').toString());
    const names = (editor: typeof onA) =>
      [...(editor.provider.awareness?.getStates().values() ?? [])].map((state) => state.user?.name).sort();
    await until(() => names(onA).length === 2 && names(onB).length === 2);
    expect(names(onA)).toEqual(['Florent', 'Maud']);

    await until(() => !onA.provider.hasUnsyncedChanges && !onB.provider.hasUnsyncedChanges);
    // Each edit was logged by the instance its editor reached, and not again by the one it was
    // relayed to (the store debounce is 2 s: the log still holds them).
    expect(await loggedRowsOf(sessionId, onA.doc.clientID)).toBe(1);
    expect(await loggedRowsOf(sessionId, onB.doc.clientID)).toBe(1);

    // A third editor opening the notes on B later gets it all.
    const late = openNotes(urlB, sessionId, facilitator);
    await until(() => late.events.synced);
    await until(() => sees(late, 'soleil') && sees(late, 'Nadia'));
    for (const editor of [onA, onB, late]) editor.close();
  });

  it('closes the notes a person holds on B when they sign out, or are removed, through A', async () => {
    const sessionId = await newSession();
    const leaving = await member('Léa');
    const removed = await member('Rémi');
    const signedOut = openNotes(urlB, sessionId, leaving);
    const excluded = openNotes(urlB, sessionId, removed);
    const staying = openNotes(urlB, sessionId, facilitator);
    await until(() => signedOut.events.synced && excluded.events.synced && staying.events.synced);

    const out = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: leaving.cookie, origin: TEST_ORIGIN },
    });
    expect(out.statusCode).toBe(204);
    await until(() => signedOut.events.closed);
    const removal = await a.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${removed.id}`,
      headers: { cookie: facilitator.cookie, origin: TEST_ORIGIN },
    });
    expect(removal.statusCode).toBe(204);
    await until(() => excluded.events.closed);

    // Neither comes back on B: the ended session is refused at the handshake (B forgot it too),
    // the removed person at authentication.
    const again = openNotes(urlB, sessionId, leaving);
    const againRemoved = openNotes(urlB, sessionId, removed);
    await until(() => (again.events.closed || again.events.failed) && againRemoved.events.failed);
    expect(again.events.synced || againRemoved.events.synced).toBe(false);
    expect(staying.events.closed).toBe(false);
    for (const editor of [signedOut, excluded, staying, again, againRemoved]) editor.close();
  });

  it('holds the size limit across instances: what A took counts on B', async () => {
    const sessionId = await newSession();
    const onB = openNotes(urlB, sessionId, facilitator);
    await until(() => onB.events.synced);
    // B has measured the document once, while it was small.
    onB.doc.getText('long').insert(0, 'Ouverture. ');
    await until(() => !onB.provider.hasUnsyncedChanges);
    const onA = openNotes(urlA, sessionId, facilitator);
    await until(() => onA.events.synced);
    onA.doc.getText('long').insert(0, 'a'.repeat(1_500_000));
    await until(() => !onA.provider.hasUnsyncedChanges && onB.doc.getText('long').length > 1_500_000);

    onB.doc.getText('long').insert(0, 'b'.repeat(NOTES_MAX_BYTES - 1_500_000));
    await until(() => onB.events.closeReasons.includes(NOTES_TOO_LARGE));
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadNoteState(a.database.db, sessionId)) ?? new Uint8Array());
    expect(stored.getText('long').toString().includes('b')).toBe(false);
    expect(stored.getText('long').length).toBe(1_500_000 + 'Ouverture. '.length);
    onA.close();
    onB.close();
  });

  it('brings to open documents an edit that was logged but never relayed (its instance died)', async () => {
    const sessionId = await newSession();
    const onB = openNotes(urlB, sessionId, facilitator);
    await until(() => onB.events.synced);
    // What an instance killed between logging an edit and relaying it leaves: a row nobody relays.
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(onB.doc));
    lost.getText('notes').insert(0, 'Écrit sur une instance tombée. ');
    await appendNoteUpdate(
      a.database.db,
      sessionId,
      Y.encodeStateAsUpdate(lost, Y.encodeStateVector(onB.doc)),
    );

    // The next compaction on B (after an edit there) applies it to B's document and its editors.
    onB.doc.getText('notes').insert(0, 'Suite. ');
    await until(() => onB.doc.getText('notes').toString().includes('tombée'), 20_000);
    const onA = openNotes(urlA, sessionId, facilitator);
    await until(() => onA.events.synced && onA.doc.getText('notes').toString().includes('tombée'));
    onA.close();
    onB.close();
  });

  it('compacts one document from two instances at once without losing or doubling an edit', async () => {
    const sessionId = await newSession();
    const writer = new Y.Doc();
    const lines = writer.getArray<string>('lines');
    const appends: Promise<void>[] = [];
    const compactions: Promise<unknown>[] = [];
    writer.on('update', (update: Uint8Array) =>
      appends.push(appendNoteUpdate(a.database.db, sessionId, update)),
    );
    // Edits keep arriving while both instances fold the log (each compaction on its own
    // connection on PostgreSQL; the database's lock on the session serialises them).
    for (let i = 0; i < 60; i++) {
      lines.push([`ligne ${i}`]);
      if (i % 6 === 0)
        compactions.push(compactNotes(a.database.db, sessionId), compactNotes(a.database.db, sessionId));
    }
    await Promise.all([...appends, ...compactions]);
    await compactNotes(a.database.db, sessionId);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadNoteState(a.database.db, sessionId)) ?? new Uint8Array());
    expect(stored.getArray<string>('lines').toArray()).toEqual(lines.toArray());
    const left = await a.database.db
      .selectFrom('sessionNoteUpdates')
      .select('id')
      .where('sessionId', '=', sessionId)
      .execute();
    expect(left).toEqual([]);
  });

  it('gives an old empty paragraph one text when both instances open the notes at once', async () => {
    const sessionId = await newSession();
    // Notes written before paragraphs carried their text from birth (decision 015).
    const older = new Y.Doc();
    older.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph'), new Y.XmlElement('paragraph')]);
    await appendNoteUpdate(a.database.db, sessionId, Y.encodeStateAsUpdate(older));
    const onA = openNotes(urlA, sessionId, facilitator);
    const onB = openNotes(urlB, sessionId, facilitator);
    await until(() => onA.events.synced && onB.events.synced);
    const same = () =>
      Buffer.from(Y.encodeStateVector(onA.doc)).equals(Buffer.from(Y.encodeStateVector(onB.doc)));
    await until(same);
    const textsPerParagraph = (doc: Y.Doc) =>
      doc
        .getXmlFragment('default')
        .toArray()
        .map((node) => (node instanceof Y.XmlElement ? node.length : -1));
    expect(textsPerParagraph(onA.doc)).toEqual([1, 1]);
    expect(textsPerParagraph(onB.doc)).toEqual([1, 1]);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadNoteState(a.database.db, sessionId)) ?? new Uint8Array());
    expect(textsPerParagraph(stored)).toEqual([1, 1]);
    onA.close();
    onB.close();
  });
});
