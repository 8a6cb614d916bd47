import type { AddressInfo } from 'node:net';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import { openNotes, until } from '../testing/notes-editor.ts';
import {
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
import { documentUpdateOf } from './notes.routes.ts';
import { isReadableUpdate, loadNoteState } from './session-notes.store.ts';

describe.each(testDialects())('shared notes on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let sessionId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/notes`;
    facilitator = await registerUser(t.app);
    member = await registerUser(t.app);
    outsider = await registerUser(t.app);
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    await joinCommunity(t.app, outsider, community.slug);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'community' });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/members`,
      headers: { cookie: member.cookie },
    });
    sessionId = (await buildSession(t.app, facilitator, circle.id, { title: 'Notes' })).id;
  });
  afterAll(() => t.close());

  it('lets two members write together; an acknowledged edit is already stored', async () => {
    const a = openNotes(url, sessionId, facilitator);
    const b = openNotes(url, sessionId, member);
    await until(() => a.events.synced && b.events.synced);
    a.doc.getText('notes').insert(0, 'Météo : soleil pour tous. ');
    b.doc.getText('notes').insert(0, 'Prochain pas : Nadia. ');
    await until(
      () =>
        a.doc.getText('notes').toString().includes('Nadia') &&
        b.doc.getText('notes').toString().includes('soleil'),
    );
    await until(() => !a.provider.hasUnsyncedChanges && !b.provider.hasUnsyncedChanges);
    // No waiting for the store debounce: the log already holds both edits.
    const stored = new Y.Doc();
    const state = await loadNoteState(t.database.db, sessionId);
    if (state) Y.applyUpdate(stored, state);
    expect(stored.getText('notes').toString()).toContain('soleil');
    expect(stored.getText('notes').toString()).toContain('Nadia');
    a.close();
    b.close();
  });

  it('sends edits made together to the other editors merged, each edit once and in order', async () => {
    const typist = openNotes(url, sessionId, facilitator);
    const reader = openNotes(url, sessionId, member);
    await until(() => typist.events.synced && reader.events.synced);
    const frames: number[] = [];
    reader.provider.on('message', ({ event }: { event: MessageEvent<ArrayBuffer> }) => {
      if (documentUpdateOf(new Uint8Array(event.data))) frames.push(event.data.byteLength);
    });
    // Twenty keystrokes, each its own update and message, sent at once (as fast typing or many
    // editors do): the server logs each before applying it, then sends them on in merged messages.
    const text = typist.doc.getText('batched');
    for (const letter of 'abcdefghijklmnopqrst') text.insert(text.length, letter);
    await until(() => reader.doc.getText('batched').toString() === 'abcdefghijklmnopqrst');
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(10);
    await until(() => !typist.provider.hasUnsyncedChanges);
    const stored = new Y.Doc();
    const state = await loadNoteState(t.database.db, sessionId);
    if (state) Y.applyUpdate(stored, state);
    expect(stored.getText('batched').toString()).toBe('abcdefghijklmnopqrst');
    typist.close();
    reader.close();
  });

  it('refuses people who are not in the circle at authentication', async () => {
    const intruder = openNotes(url, sessionId, outsider);
    await until(() => intruder.events.failed);
    expect(intruder.doc.getText('notes').toString()).toBe('');
    intruder.close();
  });

  it('serves the notes again from another server process on the same database', async () => {
    const env = parseEnv({
      PUBLIC_URL: TEST_ORIGIN,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    });
    const second = await buildApp({
      database: t.database,
      env,
      mailer: createMailer({ from: env.MAIL_FROM, db: t.database.db, log: () => {} }),
      version: 'test',
      webRoot: '/nonexistent',
    });
    await second.listen({ port: 0, host: '127.0.0.1' });
    try {
      const secondUrl = `ws://127.0.0.1:${(second.server.address() as AddressInfo).port}/api/v1/notes`;
      const reader = openNotes(secondUrl, sessionId, member);
      await until(() => reader.events.synced);
      expect(reader.doc.getText('notes').toString()).toContain('soleil');
      reader.close();
    } finally {
      await second.close();
    }
  });

  it('refuses a document it cannot load, and leaves the stored notes untouched', async () => {
    const damaged = new Uint8Array([1, 2, 3, 250, 251, 252]);
    await t.database.db
      .insertInto('sessionNoteSnapshots')
      .values({ sessionId, state: damaged, updatedAt: new Date().toISOString() })
      .onConflict((oc) => oc.column('sessionId').doUpdateSet({ state: damaged }))
      .execute();
    const env = parseEnv({
      PUBLIC_URL: TEST_ORIGIN,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    });
    const fresh = await buildApp({
      database: t.database,
      env,
      mailer: createMailer({ from: env.MAIL_FROM, db: t.database.db, log: () => {} }),
      version: 'test',
      webRoot: '/nonexistent',
    });
    await fresh.listen({ port: 0, host: '127.0.0.1' });
    try {
      const freshUrl = `ws://127.0.0.1:${(fresh.server.address() as AddressInfo).port}/api/v1/notes`;
      const editor = openNotes(freshUrl, sessionId, member);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(editor.events.synced).toBe(false);
      editor.close();
    } finally {
      await fresh.close();
    }
    const row = await t.database.db
      .selectFrom('sessionNoteSnapshots')
      .select('state')
      .where('sessionId', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect([...new Uint8Array(row.state)]).toEqual([...damaged]);
    // The session page still opens, showing no shared notes rather than failing.
    const page = await t.app.inject({
      url: `/api/v1/sessions/${sessionId}`,
      headers: { cookie: member.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().sharedNotes).toBe('');
  });

  it('starts a session’s notes with one heading per agenda item', async () => {
    const circleId = (
      await t.app.inject({ url: `/api/v1/sessions/${sessionId}`, headers: { cookie: member.cookie } })
    ).json().circleId;
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/sessions`,
      headers: { cookie: facilitator.cookie },
      payload: {
        title: 'Avec ordre du jour',
        startsAt: '2026-12-10T11:00:00Z',
        endsAt: '2026-12-10T12:00:00Z',
      },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${other.json().id}/agenda/template`,
      headers: { cookie: facilitator.cookie },
      payload: { template: 'plain' },
    });
    const editor = openNotes(url, other.json().id, member);
    await until(() => editor.events.synced);
    const xml = editor.doc.getXmlFragment('default').toString();
    expect(xml).toContain('<heading level="2">Tour de météo</heading>');
    expect(xml).toContain('<heading level="2">Prochains pas</heading>');
    // What is written there reaches the session's sharedNotes and its minutes.
    editor.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      editor.doc.getXmlFragment('default').insert(1, [paragraph]);
      paragraph.insert(0, [new Y.XmlText('Tout le monde est là.')]);
    });
    await until(() => !editor.provider.hasUnsyncedChanges);
    const detail = await t.app.inject({
      url: `/api/v1/sessions/${other.json().id}`,
      headers: { cookie: member.cookie },
    });
    expect(detail.json().sharedNotes).toContain('### Tour de météo\n\nTout le monde est là.');
    const minutes = await t.app.inject({
      url: `/api/v1/sessions/${other.json().id}/minutes.md`,
      headers: { cookie: member.cookie },
    });
    expect(minutes.body).toContain('Tout le monde est là.');
    editor.close();
  });

  it('recognises malformed updates (refused before they are logged) and takes a 40 KB paste', async () => {
    // The damaged snapshot of an earlier test is cleared for this one.
    await t.database.db.deleteFrom('sessionNoteSnapshots').where('sessionId', '=', sessionId).execute();
    await t.database.db.deleteFrom('sessionNoteUpdates').where('sessionId', '=', sessionId).execute();
    const before = await t.database.db
      .selectFrom('sessionNoteUpdates')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .execute();
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, `session:${sessionId}`);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array([0xff, 0xff, 0xff, 1, 2, 3, 4, 5]));
    expect(documentUpdateOf(encoding.toUint8Array(encoder))).not.toBeNull();
    expect(isReadableUpdate(new Uint8Array([0xff, 0xff, 0xff, 1, 2, 3, 4, 5]))).toBe(false);

    const editor = openNotes(url, sessionId, member);
    await until(() => editor.events.synced);
    editor.doc.getText('notes').insert(0, 'x'.repeat(40_000));
    await until(() => !editor.provider.hasUnsyncedChanges);
    const after = await t.database.db
      .selectFrom('sessionNoteUpdates')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .execute();
    expect(after.length).toBeGreaterThan(before.length);
    const state = await loadNoteState(t.database.db, sessionId);
    const stored = new Y.Doc();
    if (state) Y.applyUpdate(stored, state);
    expect(stored.getText('notes').length).toBe(40_000);
    editor.close();
  });

  it('closes the notes of someone removed from the circle, on the connection they already have open', async () => {
    const stayer = openNotes(url, sessionId, facilitator);
    const leaver = openNotes(url, sessionId, member);
    await until(() => stayer.events.synced && leaver.events.synced);
    const circleId = (
      await t.app.inject({ url: `/api/v1/sessions/${sessionId}`, headers: { cookie: facilitator.cookie } })
    ).json().circleId;
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${member.id}`,
      headers: { cookie: facilitator.cookie },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    stayer.doc.getText('after').insert(0, 'dit après le départ');
    await until(() => !stayer.provider.hasUnsyncedChanges);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leaver.doc.getText('after').toString()).toBe('');
    stayer.close();
    leaver.close();
  });

  it('closes the notes of a community animator outside the circle when the circle becomes private', async () => {
    // The animator steers every circle of their community, so may open its notes while it is visible.
    const { slug } = await buildCommunity(t.app, facilitator);
    const owner = await registerUser(t.app);
    await joinCommunity(t.app, owner, slug);
    const circle = await buildCircle(t.app, owner, slug, { visibility: 'community' });
    const session = await buildSession(t.app, owner, circle.id, { title: 'Ouverte' });
    const writer = openNotes(url, session.id, owner);
    const witness = openNotes(url, session.id, owner);
    const guest = openNotes(url, session.id, facilitator);
    await until(() => writer.events.synced && witness.events.synced && guest.events.synced);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: owner.cookie },
      payload: { visibility: 'private' },
    });
    expect(patched.statusCode).toBe(200);
    // The guest's connection is let go; what is written next reaches the witness, not the guest.
    await until(() => guest.events.closed);
    expect(writer.events.closed || witness.events.closed).toBe(false);
    writer.doc.getText('after').insert(0, 'dit entre membres');
    await until(() => witness.doc.getText('after').toString() === 'dit entre membres');
    expect(guest.doc.getText('after').toString()).toBe('');
    for (const editor of [writer, witness, guest]) editor.close();
  });
});
