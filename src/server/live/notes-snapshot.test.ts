import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTES_MAX_BYTES, NOTES_TOO_LARGE } from '../../contract/notes-document.ts';
import type { DB } from '../db/schema.ts';
import { openNotes, until } from '../testing/notes-editor.ts';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { appendNoteUpdate, compactNotes, loadNoteState } from './session-notes.store.ts';

/** One paragraph of the notes, as the editor writes it. */
function paragraph(doc: Y.Doc, index: number, text: string) {
  const element = new Y.XmlElement('paragraph');
  doc.getXmlFragment('default').insert(index, [element]);
  element.insert(0, [new Y.XmlText(text)]);
}

/**
 * `db`, whose second statement waits for `between()` to finish before it runs: what a compaction
 * committing between two reads of the notes looks like, made certain instead of rare.
 */
function pausedAfterFirstStatement(db: Kysely<DB>, between: () => Promise<unknown>): Kysely<DB> {
  let statements = 0;
  const wrap = <T extends object>(builder: T): T =>
    new Proxy(builder, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        if (key === 'execute' || key === 'executeTakeFirst')
          return async (...args: unknown[]) => {
            statements += 1;
            if (statements === 2) await between();
            return value.apply(target, args);
          };
        return (...args: unknown[]) => {
          const result = value.apply(target, args);
          return result && typeof result === 'object' && 'execute' in result ? wrap(result) : result;
        };
      },
    });
  return new Proxy(db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (key !== 'selectFrom' || typeof value !== 'function') return value;
      return (...args: unknown[]) => wrap(value.apply(target, args));
    },
  });
}

describe.each(testDialects())('the size and the reading of shared notes on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let circleId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/notes`;
    facilitator = await registerUser(t.app);
    const community = await buildCommunity(t.app, facilitator);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'public' })).id;
  });
  afterAll(() => t.close());

  const newSession = async () => (await buildSession(t.app, facilitator, circleId, { title: 'Notes' })).id;
  const logOf = (sessionId: string) =>
    t.database.db
      .selectFrom('sessionNoteUpdates')
      .select('update')
      .where('sessionId', '=', sessionId)
      .execute();
  const snapshotOf = (sessionId: string) =>
    t.database.db
      .selectFrom('sessionNoteSnapshots')
      .select(['state', 'markdown'])
      .where('sessionId', '=', sessionId)
      .executeTakeFirstOrThrow();

  it('reads a long history from the snapshot: the log is folded once, deleted text dropped, no replay after', async () => {
    const sessionId = await newSession();
    // 300 pastes of 4 KB, then all but the last deleted: 1.2 MB of history for 4 KB of notes.
    const author = new Y.Doc();
    const pending: Promise<void>[] = [];
    author.on('update', (update: Uint8Array) => {
      pending.push(appendNoteUpdate(t.database.db, sessionId, update));
    });
    for (let i = 0; i < 300; i++) paragraph(author, i, `${i} ${'compte rendu '.repeat(300)}`);
    author.getXmlFragment('default').delete(0, 299);
    await Promise.all(pending);
    const history = (await logOf(sessionId)).reduce((sum, row) => sum + row.update.byteLength, 0);
    expect(history).toBeGreaterThan(1_000_000);

    const read = await t.app.inject({ url: `/api/v1/sessions/${sessionId}` });
    expect(read.statusCode).toBe(200);
    const notes = read.json().sharedNotes;
    expect(notes).toBe(`299 ${'compte rendu '.repeat(300)}`.trim());
    expect(await logOf(sessionId)).toEqual([]);
    const snapshot = await snapshotOf(sessionId);
    expect(snapshot.markdown).toBe(notes);
    expect(snapshot.state.byteLength).toBeLessThan(history / 20);

    // Later reads serve the stored text: they no longer depend on the Yjs state at all.
    await t.database.db
      .updateTable('sessionNoteSnapshots')
      .set({ state: new Uint8Array([1, 2, 3]) })
      .where('sessionId', '=', sessionId)
      .execute();
    expect((await t.app.inject({ url: `/api/v1/sessions/${sessionId}` })).json().sharedNotes).toBe(notes);
    const minutes = await t.app.inject({ url: `/api/v1/sessions/${sessionId}/minutes.md` });
    expect(minutes.body).toContain(notes);
  });

  it('serves what was just typed: an edit still in the log is folded in by the read', async () => {
    const sessionId = await newSession();
    const editor = openNotes(url, sessionId, facilitator);
    await until(() => editor.events.synced);
    editor.doc.transact(() => paragraph(editor.doc, 1, 'Prochain pas : relire le chapitre 3.'));
    await until(() => !editor.provider.hasUnsyncedChanges);
    const read = await t.app.inject({ url: `/api/v1/sessions/${sessionId}` });
    expect(read.json().sharedNotes).toBe('Prochain pas : relire le chapitre 3.');
    editor.close();
  });

  it('loads every stored update even when a compaction commits between its two reads', async () => {
    const sessionId = await newSession();
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    const notes = author.getText('notes');
    for (const line of ['Tour météo', 'Prochain pas : relire le chapitre 3', 'Synthèse']) {
      notes.insert(notes.length, `${line}\n`);
    }
    for (const update of updates) await appendNoteUpdate(t.database.db, sessionId, update);

    let compactions = 0;
    const compacting = () => compactNotes(t.database.db, sessionId).then(() => (compactions += 1));
    const state = await loadNoteState(pausedAfterFirstStatement(t.database.db, compacting), sessionId);
    expect(compactions).toBe(1);
    expect(await logOf(sessionId)).toEqual([]);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, state ?? new Uint8Array());
    expect(loaded.getText('notes').toString()).toBe(
      'Tour météo\nProchain pas : relire le chapitre 3\nSynthèse\n',
    );
  });

  it('refuses an edit that would pass the size limit, tells the editor why, and keeps the stored notes intact', async () => {
    const sessionId = await newSession();
    const writer = openNotes(url, sessionId, facilitator);
    await until(() => writer.events.synced);
    const kept = 'a'.repeat(1_500_000);
    writer.doc.getText('long').insert(0, kept);
    await until(() => !writer.provider.hasUnsyncedChanges, 15_000);

    writer.doc.getText('long').insert(0, 'b'.repeat(NOTES_MAX_BYTES - 1_500_000));
    await until(() => writer.events.closeReasons.includes(NOTES_TOO_LARGE), 15_000);
    writer.close();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadNoteState(t.database.db, sessionId)) ?? new Uint8Array());
    expect(stored.getText('long').toString()).toBe(kept);

    // Full notes still open, and deleting makes room again.
    const reader = openNotes(url, sessionId, facilitator);
    await until(() => reader.events.synced, 15_000);
    expect(reader.doc.getText('long').length).toBe(kept.length);
    reader.doc.getText('long').delete(0, 1_000_000);
    reader.doc.getText('long').insert(0, 'Synthèse. ');
    await until(() => !reader.provider.hasUnsyncedChanges, 15_000);
    expect(reader.events.closeReasons).toEqual([]);
    reader.close();
    const after = new Y.Doc();
    Y.applyUpdate(after, (await loadNoteState(t.database.db, sessionId)) ?? new Uint8Array());
    expect(after.getText('long').toString()).toBe(`Synthèse. ${'a'.repeat(500_000)}`);
  });

  it('gives the empty paragraphs of notes written before their fix their text when the notes open', async () => {
    const sessionId = await newSession();
    const older = new Y.Doc();
    older.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    await appendNoteUpdate(t.database.db, sessionId, Y.encodeStateAsUpdate(older));
    const editor = openNotes(url, sessionId, facilitator);
    await until(() => editor.events.synced);
    const [first] = editor.doc.getXmlFragment('default').toArray();
    expect(first instanceof Y.XmlElement && first.toArray()[0] instanceof Y.XmlText).toBe(true);
    editor.close();
    // The repair is stored like any edit, so every editor that opens the notes later shares it.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadNoteState(t.database.db, sessionId)) ?? new Uint8Array());
    const [paragraphStored] = stored.getXmlFragment('default').toArray();
    expect(paragraphStored instanceof Y.XmlElement && paragraphStored.length).toBe(1);
  });
});
