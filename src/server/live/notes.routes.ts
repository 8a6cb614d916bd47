import { Hocuspocus } from '@hocuspocus/server';
import type { FastifyPluginAsync } from 'fastify';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { giveTextblocksText, NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import type { AppContext } from '../app-context.ts';
import { getVisibleSession, sessionAbilities } from '../features/sessions/sessions.public.ts';
import { AppError } from '../http/errors.ts';
import { isOwnOrigin } from '../http/origin-guard.ts';
import type { Viewer } from '../http/viewer.ts';
import { EVERY_CIRCLE, EVERYONE } from './access-revocations.ts';
import { createNotesSizeLimit } from './notes-size-limit.ts';
import {
  appendNoteUpdate,
  compactNotes,
  isReadableUpdate,
  loadNoteState,
  seedNotesFromAgenda,
} from './session-notes.store.ts';

interface NotesContext {
  viewer: Viewer;
  /** Set at authentication: the circle whose session these notes belong to. */
  circleId?: string;
}

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

const sessionIdOf = (documentName: string) => /^session:([A-Za-z0-9-]{1,100})$/.exec(documentName)?.[1];

/**
 * Shared notes: one Yjs document per session (`session:<id>`), edited with Tiptap in the browser,
 * synchronised by Hocuspocus over /api/v1/notes. Only the session's participants and the circle's
 * members may open it (refused at authentication otherwise). A load that fails refuses the
 * document: nothing empty is ever stored over real notes.
 */
export function notesRoutes(ctx: AppContext): FastifyPluginAsync {
  const { db, viewers, env } = ctx;
  const sizeLimit = createNotesSizeLimit();

  /** The circle of the notes' session, if the viewer may open them (rejects otherwise). */
  async function circleOfNotes(sessionId: string, viewer: Viewer): Promise<string> {
    const { session, circle } = await getVisibleSession(db, sessionId, viewer);
    if (!(await sessionAbilities(db, session, circle, viewer)).takePart) throw new Error('not found');
    return circle.id;
  }

  const hocuspocus = new Hocuspocus<NotesContext>({
    quiet: true,
    debounce: 2000,
    maxDebounce: 10_000,
    async onAuthenticate({ documentName, context }) {
      const sessionId = sessionIdOf(documentName);
      if (!sessionId) throw new Error('not found');
      // Hocuspocus merges what authentication returns into the connection's context.
      return { circleId: await circleOfNotes(sessionId, context.viewer) };
    },
    async onLoadDocument({ documentName, document }) {
      const sessionId = sessionIdOf(documentName);
      if (!sessionId) throw new Error('not found');
      let state = await loadNoteState(db, sessionId);
      if (!state) {
        await seedNotesFromAgenda(db, sessionId);
        state = await loadNoteState(db, sessionId);
      }
      if (state) Y.applyUpdate(document, state);
      // Empty paragraphs written before they carried their own text get it now, from the one server
      // that owns the document, and the repair is logged like any edit (see giveTextblocksText).
      const before = Y.encodeStateVector(document);
      const filled = document.transact(() =>
        giveTextblocksText(document.getXmlFragment(NOTES_FRAGMENT).toArray()),
      );
      if (filled > 0) await appendNoteUpdate(db, sessionId, Y.encodeStateAsUpdate(document, before));
      return document;
    },
    async beforeHandleMessage({ documentName, update, document }) {
      const sessionId = sessionIdOf(documentName);
      const documentUpdate = documentUpdateOf(update);
      if (!sessionId || !documentUpdate) return;
      // A malformed update would be refused by Yjs but, once logged, would make the notes unloadable:
      // refusing it here closes that connection and stores nothing.
      if (!isReadableUpdate(documentUpdate)) throw new Error('malformed update');
      // Refused the same way, with a reason the editor shows: the stored notes stay as they were.
      sizeLimit.check(document, documentUpdate);
      // Written before Hocuspocus applies and acknowledges it: an acknowledged edit is stored.
      await appendNoteUpdate(db, sessionId, documentUpdate);
    },
    async onStoreDocument({ documentName }) {
      const sessionId = sessionIdOf(documentName);
      if (sessionId) await compactNotes(db, sessionId);
    },
  });

  const stopWatching = ctx.revocations.onRevoke(({ circleId, userId }) => {
    for (const document of hocuspocus.documents.values()) {
      const sessionId = sessionIdOf(document.name) ?? '';
      for (const connection of document.getConnections()) {
        const context = connection.context;
        if (userId === EVERYONE) {
          // The circle became more private: whoever may no longer open these notes is let go.
          if (context.circleId !== circleId) continue;
          circleOfNotes(sessionId, context.viewer).catch(() => connection.close());
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
