/**
 * Reading a session whose shared notes have a long history: 30 MB of edits (3,000 pastes of 10 KB,
 * all but the last 150 deleted again) leaving 1.5 MB of notes. Prints, in one run, the replay of the
 * whole history that every read used to do (the yardstick), the one compaction the editing server
 * does as it goes, and what an anonymous visitor then waits for: the session page's JSON and the
 * minutes, through the real app. SQLite in memory; PostgreSQL too with TEST_DATABASE_URL.
 * Run: node bench/notes-read.ts
 */
import * as Y from 'yjs';
import type { DialectName } from '../src/server/db/database.ts';
import { notesToMarkdown } from '../src/server/live/notes-markdown.ts';
import { appendNoteUpdate, compactNotes, loadNoteState } from '../src/server/live/session-notes.store.ts';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
} from '../src/server/testing/test-app.ts';
import { testDialects } from '../src/server/testing/test-database.ts';

const PASTES = 3_000;
const KEPT = 150;
const PASTE = 'Le cercle relit le chapitre 3 et note ses prochains pas. '.repeat(180).slice(0, 10_000);

async function median(runs: number, read: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

async function bench(dialect: DialectName) {
  const t = await createTestApp(dialect);
  try {
    const owner = await registerUser(t.app);
    const community = await buildCommunity(t.app, owner);
    const circle = await buildCircle(t.app, owner, community.slug, { visibility: 'public' });
    const sessionId = (await buildSession(t.app, owner, circle.id, { title: 'Notes longues' })).id;
    const emptyId = (await buildSession(t.app, owner, circle.id, { title: 'Sans notes' })).id;

    // The history, as the editing server logs it: one row per update.
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    const fragment = author.getXmlFragment('default');
    for (let i = 0; i < PASTES; i++) {
      author.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        fragment.insert(i, [paragraph]);
        paragraph.insert(0, [new Y.XmlText(`${i}. ${PASTE}`)]);
      });
    }
    for (let i = 0; i < PASTES - KEPT; i++) fragment.delete(0, 1);
    for (const update of updates) await appendNoteUpdate(t.database.db, sessionId, update);
    const logMb = updates.reduce((sum, update) => sum + update.byteLength, 0) / 1e6;

    const replayMs = await median(3, async () =>
      notesToMarkdown(await loadNoteState(t.database.db, sessionId)),
    );
    const compactionMs = await median(1, () => compactNotes(t.database.db, sessionId));
    const page = () => t.app.inject({ url: `/api/v1/sessions/${sessionId}` });
    const notesKb = (await page()).json().sharedNotes.length / 1e3;
    const pageMs = await median(9, page);
    const emptyMs = await median(9, () => t.app.inject({ url: `/api/v1/sessions/${emptyId}` }));
    const minutesMs = await median(9, () =>
      t.app.inject({ url: `/api/v1/sessions/${sessionId}/minutes.md` }),
    );
    const snapshot = await t.database.db
      .selectFrom('sessionNoteSnapshots')
      .select('state')
      .where('sessionId', '=', sessionId)
      .executeTakeFirstOrThrow();
    const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
    console.log(
      `${dialect}: ${updates.length} updates, ${logMb.toFixed(1)} MB of history, ${notesKb.toFixed(0)} KB of notes` +
        ` (snapshot state ${(snapshot.state.byteLength / 1e3).toFixed(0)} KB)`,
    );
    console.log(`  replay of the whole history (every read, before)  ${ms(replayMs)}`);
    console.log(`  compaction, once, by the editing server           ${ms(compactionMs)}`);
    console.log(`  session page, anonymous (after)                   ${ms(pageMs)}`);
    console.log(`  minutes.md, anonymous (after)                     ${ms(minutesMs)}`);
    console.log(`  yardstick: session page without notes            ${ms(emptyMs)}`);
  } finally {
    await t.close();
  }
}

console.log('shared notes with a long history (medians; reads through app.inject, as a visitor)');
for (const dialect of testDialects()) await bench(dialect);
