import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { liveClientMessageSchema } from '../../contract/live.ts';
import type { AppContext } from '../app-context.ts';
import type { DB } from '../db/schema.ts';
import { getBoardAccess } from '../features/boards/board-access.ts';
import { getVisiblePoll } from '../features/date-polls/date-poll-access.ts';
import { getPollAccess } from '../features/polls/poll-access.ts';
import { getVisibleSession } from '../features/sessions/sessions.queries.ts';
import { getVisibleSheet } from '../features/signups/signups.queries.ts';
import { AppError } from '../http/errors.ts';
import { isOwnOrigin } from '../http/origin-guard.ts';
import type { Viewer } from '../http/viewer.ts';
import { EVERY_CIRCLE } from './access-revocations.ts';
import { send } from './live-hub.ts';

const MAX_TOPICS_PER_SOCKET = 50;
/** Subscribe frames are tiny; the WebSocket server's own limit is sized for the notes. */
const MAX_FRAME_BYTES = 16 * 1024;
const HEARTBEAT_MS = 30_000;

type Finder = (db: Kysely<DB>, id: string, viewer: Viewer) => Promise<{ circle: { id: string } }>;
const inCircle =
  (find: Finder) =>
  (db: Kysely<DB>, id: string, viewer: Viewer): Promise<string> =>
    find(db, id, viewer).then(({ circle }) => circle.id);

/**
 * How each kind of topic finds its scope as the viewer may see it (rejects when hidden): a circle id
 * (its access can be revoked), or `community:<id>` for a community-wide poll.
 */
const topicScopes: Record<string, (db: Kysely<DB>, id: string, viewer: Viewer) => Promise<string>> = {
  session: inCircle(getVisibleSession),
  board: inCircle(getBoardAccess),
  'date-poll': inCircle(getVisiblePoll),
  'signup-sheet': inCircle(getVisibleSheet),
  poll: (db, id, viewer) =>
    getPollAccess(db, id, viewer).then(({ scope }) =>
      scope.kind === 'circle' ? scope.circleId : `community:${scope.communityId}`,
    ),
};

/**
 * The live transport: one WebSocket per browser tab at /api/v1/live. Writes go through HTTP; this
 * only carries what happened. Same-origin and signed-in only; every topic is authorised on
 * subscribe with the same visibility rule as the HTTP routes (a hidden session is NOT_FOUND).
 */
export function liveRoutes(ctx: AppContext): FastifyPluginAsync {
  const { db, viewers, live, env, revocations } = ctx;

  /**
   * The scope a topic belongs to, if the viewer may follow it: a circle id (its access can be
   * revoked), or `community:<id>` for a community-wide poll.
   */
  async function scopeOf(topic: string, viewer: Viewer): Promise<string | undefined> {
    const [kind, id = ''] = topic.split(':');
    const find = topicScopes[kind ?? ''];
    return find?.(db, id, viewer).then(
      (scope) => scope,
      () => undefined,
    );
  }

  return async (app) => {
    app.get(
      '/live',
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
      async (socket: WebSocket, request) => {
        // The viewer was resolved by preHandler; this promise is the cached one, settled before any
        // frame can arrive (frames come in later I/O events).
        const viewer = await viewers.require(request);
        /** Followed topics, with the circle each belongs to (to drop them when access is lost). */
        const topics = new Map<string, string>();
        /** Topics whose authorisation is still running. */
        const pending = new Set<string>();
        /** Counts this viewer's revocations, so an authorisation that spans one is checked again. */
        let revoked = 0;
        const stopWatching = revocations.onRevoke(({ circleId, userId }) => {
          if (userId !== viewer.id) return;
          revoked += 1;
          // Signed out: the socket was opened with a session that no longer exists.
          if (circleId === EVERY_CIRCLE) return socket.close(4401, 'Signed out');
          for (const [topic, topicCircle] of topics) {
            if (topicCircle !== circleId) continue;
            topics.delete(topic);
            live.unsubscribe(socket, topic);
            send(socket, { type: 'error', code: 'NOT_FOUND', message: 'No such topic', topic });
          }
        });
        const stopClosing = revocations.onTopicClosed((topic) => {
          if (!topics.delete(topic)) return;
          live.unsubscribe(socket, topic);
          send(socket, { type: 'error', code: 'NOT_FOUND', message: 'No such topic', topic });
        });
        let alive = true;
        const heartbeat = setInterval(() => {
          if (!alive) return socket.terminate();
          alive = false;
          socket.ping();
        }, HEARTBEAT_MS);
        socket.on('pong', () => {
          alive = true;
        });
        socket.on('close', () => {
          clearInterval(heartbeat);
          stopWatching();
          stopClosing();
          live.drop(socket, topics.keys());
        });
        socket.on('message', async (data: Buffer) => {
          if (data.length > MAX_FRAME_BYTES) {
            return send(socket, { type: 'error', code: 'INVALID_INPUT', message: 'Frame too large' });
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(data.toString());
          } catch {
            return send(socket, { type: 'error', code: 'INVALID_INPUT', message: 'Frames are JSON' });
          }
          const message = liveClientMessageSchema.safeParse(parsed);
          if (!message.success) {
            return send(socket, {
              type: 'error',
              code: 'INVALID_INPUT',
              message: message.error.issues[0]?.message ?? 'invalid',
            });
          }
          const { topic } = message.data;
          if (message.data.type === 'unsubscribe') {
            topics.delete(topic);
            return live.unsubscribe(socket, topic);
          }
          if (
            !topics.has(topic) &&
            !pending.has(topic) &&
            topics.size + pending.size >= MAX_TOPICS_PER_SOCKET
          ) {
            return send(socket, {
              type: 'error',
              code: 'RATE_LIMITED',
              message: 'Too many topics on one connection',
              topic,
            });
          }
          // Frames arrive faster than the authorisation answers: a topic being checked counts too.
          pending.add(topic);
          let circleId: string | undefined;
          try {
            // Access lost while the check ran (the viewer left the circle meanwhile): check again,
            // or the topic would outlive the revocation that was meant to close it.
            for (let seen = -1; seen !== revoked; ) {
              seen = revoked;
              circleId = await scopeOf(topic, viewer);
            }
          } finally {
            pending.delete(topic);
          }
          // The socket closed meanwhile: its topics were already dropped, this one would stay (a
          // ghost in the presence count, and a dead socket kept by the hub).
          if (socket.readyState !== socket.OPEN) return;
          if (!circleId) {
            return send(socket, { type: 'error', code: 'NOT_FOUND', message: 'No such topic', topic });
          }
          topics.set(topic, circleId);
          live.subscribe(socket, topic, message.data.since, viewer.id);
        });
      },
    );
  };
}
