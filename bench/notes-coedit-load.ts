/**
 * One load process of the co-edited notes benchmark (bench/notes-coedit.ts), pinned to the load
 * core: a slice of the editors, each the browser's provider (`HocuspocusProvider`, `ws` as its
 * WebSocket) with its own cookie and its own connection, typing 2 characters a second into its own
 * paragraph and moving its awareness cursor with each keystroke.
 *
 * Arrival is observed cheaply, or one core could not follow 400 editors: once an editor is synced,
 * the document updates and awareness frames it receives are read at its socket (the frame's Yjs
 * update is parsed for its (client, clock) ranges with `Y.parseUpdateMeta`) instead of being applied
 * to 400 separate copies of the document. Each editor types with a known client id, one character
 * per keystroke, so (client, clock) names the editor and the keystroke exactly: arrival is matched
 * by key. Times are on one clock for every process (`performance.timeOrigin + performance.now()`).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { NOTES_FRAGMENT } from '../src/contract/notes-document.ts';

export interface CoeditJob {
  url: string;
  documentName: string;
  origin: string;
  /** One cookie per editor of this slice (empty strings for the bare server). */
  cookies: string[];
  /** Index of this slice's first editor among all editors. */
  first: number;
  /** Editors in this slice. */
  editors: number;
  /** Editors in all slices. */
  totalEditors: number;
  seconds: number;
}

export type ToLoad =
  | { type: 'job'; job: CoeditJob }
  | { type: 'go'; startAt: number }
  | { type: 'drain'; typed: number[][]; timeoutMs: number };

export type FromLoad =
  | { type: 'ready' }
  | { type: 'typed'; typed: number[][]; lagP95: number; lagMax: number; updateBytes: number }
  | { type: 'result'; result: SliceResult };

export interface SliceResult {
  /** Latency histogram: [bin, count] pairs, bins of BIN_MS. */
  histogram: [number, number][];
  delivered: number;
  expected: number;
  duplicates: number;
  awarenessFrames: number;
  updateFrames: number;
  /** Editors' connections lost while typing (each reconnected), and their close codes. */
  reconnections: number;
  closeCodes: Record<string, number>;
  /** Editors whose last edits the server had still not acknowledged when the run ended. */
  unacknowledged: number;
}

/** Editor i writes with this Yjs client id, so a (client, clock) pair names editor and keystroke. */
export const CLIENT_BASE = 0x40000000;
export const BIN_MS = 0.1;
/** A keystroke's character: the k-th keystroke of any editor types ALPHABET[k % 26]. */
export const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
export const paragraphPrefix = (editor: number) => `e${editor}:`;

const now = () => performance.timeOrigin + performance.now();
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_UPDATE = 2;

let job: CoeditJob;
let keysPerEditor = 0;
interface Editor {
  index: number;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  text?: Y.XmlText;
  live: boolean;
  synced: boolean;
  seen: Uint8Array;
}
const editors: Editor[] = [];
// Every arrival: which keystroke (editor * keysPerEditor + clock) and when.
let arrivalKey = new Int32Array(1 << 20);
let arrivalAt = new Float64Array(1 << 20);
let arrivals = 0;
let duplicates = 0;
let awarenessFrames = 0;
let updateFrames = 0;
let reconnections = 0;
const closeCodes: Record<string, number> = {};
/** Bytes of the updates this slice's editors sent: what the server appends to its log per keystroke. */
let updateBytes = 0;

function record(key: number, at: number) {
  if (arrivals === arrivalKey.length) {
    const keys = new Int32Array(arrivalKey.length * 2);
    keys.set(arrivalKey);
    arrivalKey = keys;
    const ats = new Float64Array(arrivalAt.length * 2);
    ats.set(arrivalAt);
    arrivalAt = ats;
  }
  arrivalKey[arrivals] = key;
  arrivalAt[arrivals++] = at;
}

/** Reads a frame at the editor's socket; true when it was a live update or awareness frame (consumed). */
function meter(editor: Editor, data: ArrayBuffer): boolean {
  if (!editor.live) return false;
  const at = now();
  // The provider reconnects after 30 s without a message: what is read here counts as one.
  editor.socket.lastMessageReceived = Date.now();
  const decoder = decoding.createDecoder(new Uint8Array(data));
  decoding.readVarUint8Array(decoder); // the document name
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) {
    awarenessFrames++;
    return true;
  }
  if (type !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== SYNC_UPDATE) return false;
  updateFrames++;
  const { from, to } = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
  for (const [client, start] of from) {
    const typist = client - CLIENT_BASE;
    if (typist < 0 || typist >= job.totalEditors || typist === editor.index) continue;
    const end = to.get(client) ?? start;
    for (let clock = start; clock < end && clock < keysPerEditor; clock++) {
      const key = typist * keysPerEditor + clock;
      const byte = key >> 3;
      const bit = 1 << (key & 7);
      if ((editor.seen[byte] ?? 0) & bit) {
        duplicates++;
        continue;
      }
      editor.seen[byte] = (editor.seen[byte] ?? 0) | bit;
      record(key, at);
    }
  }
  return true;
}
function socketClass(editor: Editor, cookie: string) {
  return class MeteredSocket extends WebSocket {
    private wrapped = new Map<unknown, (event: { data: ArrayBuffer }) => void>();
    constructor(address: string) {
      super(address, {
        headers: { ...(cookie && { cookie }), origin: job.origin },
        perMessageDeflate: false,
      });
      // A reconnection still under way when the run ends is closed unopened, which `ws` reports as
      // an error once the provider has let go of its listeners.
      this.on('error', () => {});
    }
    // biome-ignore lint/suspicious/noExplicitAny: the provider passes the DOM listener shape.
    override addEventListener(type: any, listener: any, options?: any) {
      if (type !== 'message') return super.addEventListener(type, listener, options);
      const wrapper = (event: { data: ArrayBuffer }) => {
        if (!meter(editor, event.data)) listener(event);
      };
      this.wrapped.set(listener, wrapper);
      return super.addEventListener(type, wrapper, options);
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    override removeEventListener(type: any, listener: any) {
      const wrapper = type === 'message' ? this.wrapped.get(listener) : undefined;
      return super.removeEventListener(type, wrapper ?? listener);
    }
  };
}

function open(index: number, cookie: string): Editor {
  const doc = new Y.Doc();
  doc.clientID = CLIENT_BASE + index;
  const editor = { index, doc, live: false, synced: false } as Editor;
  editor.seen = new Uint8Array(Math.ceil((job.totalEditors * keysPerEditor) / 8));
  editor.socket = new HocuspocusProviderWebsocket({
    url: job.url,
    WebSocketPolyfill: socketClass(editor, cookie),
    // Reconnects as the browser does (a handshake may fail on a busy machine); one that happens
    // while typing shows as missing deliveries, since what it missed comes back in one sync.
    delay: 200,
    minDelay: 200,
    maxDelay: 2000,
  });
  editor.socket.on('disconnect', ({ event }: { event: { code: number; reason: string } }) => {
    if (!editor.live) return;
    reconnections++;
    const why = `${event.code} ${event.reason}`.trim();
    closeCodes[why] = (closeCodes[why] ?? 0) + 1;
  });
  editor.provider = new HocuspocusProvider({
    websocketProvider: editor.socket,
    name: job.documentName,
    document: doc,
    token: 'session-cookie',
    onSynced: () => {
      editor.synced = true;
    },
    onAuthenticationFailed: ({ reason }) => console.error(`editor ${index} refused: ${reason}`),
  });
  editor.provider.attach();
  doc.on('update', (update: Uint8Array) => {
    if (editor.live) updateBytes += update.byteLength;
  });
  editor.provider.setAwarenessField('user', { name: `Personne ${index}` });
  return editor;
}

function findText(editor: Editor): Y.XmlText | undefined {
  const prefix = paragraphPrefix(editor.index);
  for (const node of editor.doc.getXmlFragment(NOTES_FRAGMENT).toArray()) {
    const text = node instanceof Y.XmlElement ? node.get(0) : undefined;
    if (text instanceof Y.XmlText && text.toString().startsWith(prefix)) return text;
  }
  return undefined;
}

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`load: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function connect() {
  keysPerEditor = job.seconds * 2 + 8;
  // A few at a time, as people arrive: 400 handshakes at once would only measure the handshakes.
  for (let i = 0; i < job.editors; i += 10) {
    const batch = Array.from({ length: Math.min(10, job.editors - i) }, (_, j) =>
      open(job.first + i + j, job.cookies[i + j] ?? ''),
    );
    editors.push(...batch);
    await until(() => batch.every((editor) => editor.synced), 120_000, 'editors to sync');
  }
  await until(() => editors.every((editor) => findText(editor) !== undefined), 60_000, 'paragraphs');
  for (const editor of editors) {
    editor.text = findText(editor);
    editor.live = true;
  }
}

/** Open loop: keystroke k of editor i is due at startAt + phase(i) + 500 k ms, whatever came before. */
async function type(startAt: number): Promise<{ typed: number[][]; lags: number[] }> {
  const typed = editors.map(() => [] as number[]);
  const lags: number[] = [];
  const end = startAt + job.seconds * 1000;
  const due = (slot: number, k: number) => startAt + ((job.first + slot) / job.totalEditors) * 500 + k * 500;
  while (now() < end) {
    const at = now();
    editors.forEach((editor, slot) => {
      const done = typed[slot] as number[];
      const scheduled = due(slot, done.length);
      if (scheduled > at || scheduled >= end || !editor.text) return;
      const text = editor.text;
      const typedAt = now();
      text.insert(text.length, ALPHABET[done.length % ALPHABET.length] ?? 'a');
      done.push(typedAt);
      lags.push(typedAt - scheduled);
      // The caret after the new character, as Tiptap's collaboration caret shares it.
      const position = Y.createRelativePositionFromTypeIndex(text, text.length);
      const cursor = Y.relativePositionToJSON(position);
      editor.provider.setAwarenessField('cursor', { anchor: cursor, head: cursor });
    });
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return { typed, lags };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

async function drain(typed: number[][], timeoutMs: number): Promise<SliceResult> {
  const total = typed.reduce((sum, times) => sum + times.length, 0);
  const expected = editors.reduce((sum, editor) => sum + total - (typed[editor.index]?.length ?? 0), 0);
  await until(() => arrivals >= expected, timeoutMs, 'deliveries').catch(() => {});
  // As a browser would, the editors keep their connection until the server acknowledged what they
  // typed (a busy server may still be taking it): what is left unacknowledged is counted.
  await until(() => editors.every((editor) => !editor.provider.hasUnsyncedChanges), timeoutMs, 'acks').catch(
    () => {},
  );
  const unacknowledged = editors.filter((editor) => editor.provider.hasUnsyncedChanges).length;
  const bins = new Map<number, number>();
  let delivered = 0;
  for (let i = 0; i < arrivals; i++) {
    const key = arrivalKey[i] ?? 0;
    const typist = Math.floor(key / keysPerEditor);
    const sentAt = typed[typist]?.[key - typist * keysPerEditor];
    if (sentAt === undefined) continue;
    delivered++;
    const bin = Math.max(0, Math.round(((arrivalAt[i] ?? 0) - sentAt) / BIN_MS));
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  return {
    histogram: [...bins],
    delivered,
    expected,
    duplicates,
    awarenessFrames,
    updateFrames,
    reconnections,
    closeCodes,
    unacknowledged,
  };
}

const send = (message: FromLoad) => process.send?.(message);
process.on('message', async (message: ToLoad) => {
  if (message.type === 'job') {
    job = message.job;
    await connect();
    send({ type: 'ready' });
  } else if (message.type === 'go') {
    const { typed, lags } = await type(message.startAt);
    lags.sort((a, b) => a - b);
    send({ type: 'typed', typed, lagP95: percentile(lags, 0.95), lagMax: lags.at(-1) ?? 0, updateBytes });
  } else {
    const result = await drain(message.typed, message.timeoutMs);
    for (const editor of editors) {
      editor.provider.destroy();
      editor.socket.destroy();
    }
    process.send?.({ type: 'result', result } satisfies FromLoad, undefined, {}, () => process.exit(0));
  }
});
