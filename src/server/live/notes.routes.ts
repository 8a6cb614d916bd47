import { Hocuspocus, isTransactionOrigin, type LocalTransactionOrigin } from '@hocuspocus/server';
import type { FastifyPluginAsync } from 'fastify';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { giveTextblocksText, lacksTextblockText, NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import type { AppContext } from '../app-context.ts';
import { groupCommit } from '../db/group-commit.ts';
import { openSpaceNotes } from '../features/open-spaces/open-spaces.public.ts';
import { getVisibleSession, sessionAbilities } from '../features/sessions/sessions.public.ts';
import { AppError } from '../http/errors.ts';
import { isOwnOrigin } from '../http/origin-guard.ts';
import type { Viewer } from '../http/viewer.ts';
import { EVERY_CIRCLE, EVERYONE } from './access-revocations.ts';
import { createNotesRedis } from './notes-redis.ts';
import { createNotesSizeLimit } from './notes-size-limit.ts';
import { isReadableUpdate, type NotesStore, type NoteUpdate } from './notes-store.ts';
import { seedNotesFromAgenda, sessionNotesStore } from './session-notes.store.ts';

interface NotesContext {
  viewer: Viewer;
  /** Set at authentication: the circle whose session these notes belong to (circle sessions only). */
  circleId?: string;
}

/** What the viewer may do with one notes document: rejects when they may not open it. */
export interface NotesGrant {
  /** The circle whose access revocations close the connection, if any. */
  circleId?: string;
  /** Open to read only: the connection's edits are ignored and nothing of them is stored. */
  readOnly: boolean;
}

/** A kind of notes document (`<kind>:<id>`): where it is stored and who may open it. */
export interface NotesKind {
  store: NotesStore;
  authorise(db: AppContext['db'], id: string, viewer: Viewer): Promise<NotesGrant>;
  /** Writes a first document when none is stored yet. */
  seed?(db: AppContext['db'], id: string): Promise<void>;
}

/** The window over which a document's outgoing edits and cursors are merged (decision 044). */
export const NOTES_FLUSH_MS = 30;

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The document update a Hocuspocus message carries, if it is one (sync step 2 or update). */
export function documentUpdateOf(message: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const kind = decoding.readVarUint(decoder);
    return kind === SYNC_STEP_2 || kind === SYNC_UPDATE ? decoding.readVarUint8Array(decoder) : null;
  } catch {
    return null;
  }
}

/** Edits applied from the database: already stored, so never stored again from here. */
const fromDatabase: LocalTransactionOrigin = { source: 'local', skipStoreHooks: true };

/** The kind and id of a notes document's name, if it is one. */
function parseDocumentName(documentName: string) {
  const match = /^(session|open-space-session):([A-Za-z0-9-]{1,100})$/.exec(documentName);
  return match ? { kind: match[1] as 'session' | 'open-space-session', id: match[2] as string } : undefined;
}

/**
 * Shared notes: one Yjs document per circle session (`session:<id>`) or open-space session
 * (`open-space-session:<id>`), edited with Tiptap in the browser, synchronised by Hocuspocus over
 * /api/v1/notes. A circle session's participants and the circle's members may open its notes; an
 * open-space session's notes follow the open space's rules (open-spaces.public.ts: readers of the
 * event read, participants write once the host opened them). Anyone else is refused at
 * authentication. A load that fails refuses the document: nothing empty is ever stored over real
 * notes.
 */
export function notesRoutes(ctx: AppContext, log: (message: string) => void = () => {}): FastifyPluginAsync {
  const { db, viewers, env } = ctx;
  const sizeLimit = createNotesSizeLimit();
  // Several instances share the open documents through Redis; alone, nothing leaves the process.
  const redis = env.REDIS_URL
    ? createNotesRedis({ url: env.REDIS_URL, prefix: env.REDIS_KEY_PREFIX, log })
    : undefined;

  /** The circle of the notes' session, if the viewer may open them (rejects otherwise). */
  async function circleOfNotes(sessionId: string, viewer: Viewer): Promise<string> {
    const { session, circle } = await getVisibleSession(db, sessionId, viewer);
    if (!(await sessionAbilities(db, session, circle, viewer)).takePart) throw new Error('not found');
    return circle.id;
  }

  const kinds: Record<'session' | 'open-space-session', NotesKind> = {
    session: {
      store: sessionNotesStore,
      authorise: async (_db, id, viewer) => ({ circleId: await circleOfNotes(id, viewer), readOnly: false }),
      seed: seedNotesFromAgenda,
    },
    'open-space-session': openSpaceNotes,
  };
  // Each kind's log is appended by group commit: the updates of many editors that arrive while one
  // insert runs are inserted together by the next, and each is acknowledged once stored (decision 049).
  const appenders = new Map<NotesStore, (update: NoteUpdate) => Promise<void>>();
  const appendOf = (store: NotesStore) => {
    let append = appenders.get(store);
    if (!append) {
      append = groupCommit<NoteUpdate>((batch) => store.appendNoteUpdates(db, batch));
      appenders.set(store, append);
    }
    return append;
  };

  const documentOf = (documentName: string) => {
    const parsed = parseDocumentName(documentName);
    return parsed ? { id: parsed.id, kind: kinds[parsed.kind] } : undefined;
  };

  const hocuspocus = new Hocuspocus<NotesContext>({
    quiet: true,
    debounce: 2000,
    maxDebounce: 10_000,
    // Edits and cursors are sent out together once per window, merged: a document with N editors
    // typing sends N messages per window instead of N per keystroke (decision 044).
    flushDelay: NOTES_FLUSH_MS,
    extensions: redis ? [redis] : [],
    async onAuthenticate({ documentName, context, connectionConfig }) {
      const notes = documentOf(documentName);
      if (!notes) throw new Error('not found');
      const grant = await notes.kind.authorise(db, notes.id, context.viewer);
      if (grant.readOnly) connectionConfig.readOnly = true;
      // Hocuspocus merges what authentication returns into the connection's context.
      return grant.circleId ? { circleId: grant.circleId } : {};
    },
    async onLoadDocument({ documentName, document }) {
      const notes = documentOf(documentName);
      if (!notes) throw new Error('not found');
      const { store } = notes.kind;
      let state = await store.loadNoteState(db, notes.id);
      if (!state && notes.kind.seed) {
        await notes.kind.seed(db, notes.id);
        state = await store.loadNoteState(db, notes.id);
      }
      if (state) Y.applyUpdate(document, state);
      // Empty paragraphs written before they carried their own text get it now, and the repair is
      // logged like any edit (see giveTextblocksText). Two instances may open the notes at once: the
      // repair is made under the owner's lock from the notes read again under it, so the second one
      // finds the first's repair instead of adding a second text to the same paragraph.
      const textblocks = () => document.getXmlFragment(NOTES_FRAGMENT).toArray();
      if (lacksTextblockText(textblocks())) {
        await store.underLock(db, notes.id, async (trx) => {
          const current = await store.loadNoteState(trx, notes.id);
          if (current) Y.applyUpdate(document, current);
          const before = Y.encodeStateVector(document);
          const filled = document.transact(() => giveTextblocksText(textblocks()));
          if (filled > 0)
            await store.appendNoteUpdate(trx, notes.id, Y.encodeStateAsUpdate(document, before));
        });
      }
      return document;
    },
    async beforeHandleMessage({ documentName, update, document, connection }) {
      const notes = documentOf(documentName);
      const documentUpdate = documentUpdateOf(update);
      if (!notes || !documentUpdate) return;
      // A reader's edits are dropped by Hocuspocus; none of them may reach the log either.
      if (connection.readOnly) return;
      // A malformed update would be refused by Yjs but, once logged, would make the notes unloadable:
      // refusing it here closes that connection and stores nothing.
      if (!isReadableUpdate(documentUpdate)) throw new Error('malformed update');
      // Refused the same way, with a reason the editor shows: the stored notes stay as they were.
      sizeLimit.check(document, documentUpdate);
      // Written before Hocuspocus applies and acknowledges it: an acknowledged edit is stored.
      await appendOf(notes.kind.store)({ sessionId: notes.id, update: documentUpdate });
    },
    onChange: async ({ document, update, transactionOrigin }) => {
      // What another instance's editors wrote (through Redis) or the database brought: it grows the
      // document without passing the size check here, so the estimate takes it in.
      if (!isTransactionOrigin(transactionOrigin) || transactionOrigin.source !== 'connection')
        sizeLimit.grew(document, update.byteLength);
    },
    async onStoreDocument({ documentName, document }) {
      const notes = documentOf(documentName);
      if (!notes) return;
      await notes.kind.store.compactNotes(db, notes.id);
      if (redis) await catchUpWithDatabase(notes.kind.store, notes.id, document);
    },
  });

  /**
   * With several instances, an editor's edit is logged by the instance it reached, then relayed
   * through Redis. An instance killed between the two leaves logged edits that the others' open
   * documents never got (its editors resend theirs when they reconnect, but one who left does not).
   * After each compaction, what the database holds and this document lacks is applied to it: it
   * reaches this instance's editors and the other instances, is not logged again, and triggers no
   * further store.
   */
  async function catchUpWithDatabase(store: NotesStore, id: string, document: Y.Doc) {
    const stored = await store.loadNoteState(db, id);
    if (!stored) return;
    const missing = Y.diffUpdate(stored, Y.encodeStateVector(document));
    Y.applyUpdate(document, missing, fromDatabase);
  }

  const stopWatching = ctx.revocations.onRevoke(({ circleId, userId }) => {
    for (const document of hocuspocus.documents.values()) {
      const notes = documentOf(document.name);
      for (const connection of document.getConnections()) {
        const context = connection.context;
        if (userId === EVERYONE) {
          // The circle became more private: whoever may no longer open these notes is let go.
          if (!notes || context.circleId !== circleId) continue;
          notes.kind.authorise(db, notes.id, context.viewer).catch(() => connection.close());
          continue;
        }
        if (context.viewer.id !== userId) continue;
        if (context.circleId === circleId || circleId === EVERY_CIRCLE) connection.close();
      }
    }
  });

  // A deleted session: its notes close for everyone (nothing may be written after its rows went).
  const stopClosing = ctx.revocations.onTopicClosed((topic) => {
    for (const connection of hocuspocus.documents.get(topic)?.getConnections() ?? []) connection.close();
  });

  return async (app) => {
    app.addHook('onClose', async () => {
      stopWatching();
      stopClosing();
      hocuspocus.flushPendingStores();
      if (redis) {
        // Documents unload (after the extension's one-second grace) before its connections go.
        hocuspocus.closeConnections();
        const deadline = Date.now() + 5_000;
        while (hocuspocus.documents.size > 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20));
        await redis.onDestroy();
      }
    });
    app.get(
      '/notes',
      {
        websocket: true,
        schema: { hide: true },
        onRequest: async (request) => {
          const origin = request.headers.origin;
          if (origin !== undefined && !isOwnOrigin(origin, request.headers.host, env.PUBLIC_URL)) {
            throw new AppError('FORBIDDEN', 'Cross-origin connection refused');
          }
        },
        preHandler: async (request) => {
          await viewers.require(request);
        },
      },
      async (socket, request) => {
        // Listeners first: a message that arrives while the viewer is resolved is queued, not lost.
        const pending: Uint8Array[] = [];
        let client: ReturnType<typeof hocuspocus.handleConnection> | null = null;
        socket.on('message', (data: Buffer) => {
          const bytes = new Uint8Array(data);
          if (client) client.handleMessage(bytes);
          else pending.push(bytes);
        });
        socket.on('close', (code: number, reason: Buffer) =>
          client?.handleClose({ code, reason: reason.toString() }),
        );
        const viewer = await viewers.require(request);
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        client = hocuspocus.handleConnection(
          socket,
          new Request(`${env.PUBLIC_URL}${request.url}`, { headers }),
          {
            viewer,
          },
        );
        for (const bytes of pending.splice(0)) client.handleMessage(bytes);
      },
    );
  };
}
