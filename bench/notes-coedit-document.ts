/**
 * The co-edited notes benchmark's document: one paragraph per editor written before the run, and
 * what is stored after it, counted keystroke by keystroke.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { NOTES_FRAGMENT } from '../src/contract/notes-document.ts';
import { ALPHABET, paragraphPrefix } from './notes-coedit-load.ts';

async function until(check: () => boolean, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Adds one paragraph `e<i>:` per editor to the notes, through a provider, and waits until the server
 * acknowledged it. The provider stays open until `close` (a bare server forgets a document nobody has
 * open): one more reader of every keystroke, the same for both servers.
 */
export async function writeParagraphs(
  url: string,
  documentName: string,
  as: { cookie: string; origin: string },
  editors: number,
): Promise<{ close(): void }> {
  class CookieSocket extends WebSocket {
    constructor(address: string) {
      super(address, { headers: { ...(as.cookie && { cookie: as.cookie }), origin: as.origin } });
      this.on('error', () => {}); // a reconnection under way when closed is reported as an error
    }
  }
  const doc = new Y.Doc();
  let synced = false;
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CookieSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token: 'session-cookie',
    onSynced: () => {
      synced = true;
    },
  });
  provider.attach();
  socket.on('disconnect', ({ event }: { event: { code: number; reason: string } }) => {
    if (synced) console.warn(`the facilitator's connection closed: ${event.code} ${event.reason}`);
  });
  await until(() => synced, 'the setup editor to sync');
  const fragment = doc.getXmlFragment(NOTES_FRAGMENT);
  doc.transact(() => {
    for (let i = 0; i < editors; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      fragment.insert(fragment.length, [paragraph]);
      paragraph.insert(0, [new Y.XmlText(paragraphPrefix(i))]);
    }
  });
  await until(() => !provider.hasUnsyncedChanges, 'the paragraphs to be stored');
  return {
    close() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Counts, in the notes' Markdown, the keystrokes each editor typed (editor i's k-th is ALPHABET[k % 26]). */
export function readStoredNotes(markdown: string, typed: number[][]) {
  const lines = new Map<number, string>();
  for (const line of markdown.split('\n')) {
    const match = /^e(\d+):([a-z]*)$/.exec(line.trim());
    if (match) lines.set(Number(match[1]), match[2] ?? '');
  }
  let present = 0;
  let complete = 0;
  typed.forEach((times, editor) => {
    const stored = lines.get(editor) ?? '';
    let k = 0;
    while (k < times.length && stored[k] === ALPHABET[k % ALPHABET.length]) k++;
    present += k;
    if (k === times.length && stored.length === times.length) complete++;
  });
  return { present, complete };
}

/** Bytes of one session's stored notes (snapshot + log), read beside the server. */
export function storedNotesBytes(dataDir: string, sessionId: string) {
  const file = join(dataDir, 'archipel.sqlite');
  const sqlite = new DatabaseSync(file, { readOnly: true });
  try {
    const one = (sql: string) => Number((sqlite.prepare(sql).get(sessionId) as { n: number | null }).n ?? 0);
    const snapshot = one('select sum(length(state)) as n from session_note_snapshots where session_id = ?');
    const log = one('select sum(length("update")) as n from session_note_updates where session_id = ?');
    const logRows = one('select count(*) as n from session_note_updates where session_id = ?');
    return { state: snapshot + log, logRows };
  } finally {
    sqlite.close();
  }
}
