import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { liveClientMessageSchema } from '../../contract/live.ts';
import type { AppContext } from '../app-context.ts';
import { getVisibleSession } from '../features/sessions/sessions.queries.ts';
import { AppError } from '../http/errors.ts';
import { isOwnOrigin } from '../http/origin-guard.ts';
import type { Viewer } from '../http/viewer.ts';
import { send } from './live-hub.ts';

const MAX_TOPICS_PER_SOCKET = 50;
/** Subscribe frames are tiny; the WebSocket server's own limit is sized for the notes. */
const MAX_FRAME_BYTES = 16 * 1024;
const HEARTBEAT_MS = 30_000;

/**
 * The live transport: one WebSocket per browser tab at /api/v1/live. Writes go through HTTP; this
 * only carries what happened. Same-origin and signed-in only; every topic is authorised on
 * subscribe with the same visibility rule as the HTTP routes (a hidden session is NOT_FOUND).
 */
export function liveRoutes(ctx: AppContext): FastifyPluginAsync {
  const { db, viewers, live, env, revocations } = ctx;

  /** The circle a topic belongs to, if the viewer may follow it. */
  async function circleOf(topic: string, viewer: Viewer): Promise<string | undefined> {
    const [kind, id = ''] = topic.split(':');
    if (kind !== 'session') return undefined;
    return getVisibleSession(db, id, viewer).then(
      ({ circle }) => circle.id,
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
        const stopWatching = revocations.onRevoke(({ circleId, userId }) => {
          if (userId !== viewer.id) return;
          for (const [topic, topicCircle] of topics) {
            if (topicCircle !== circleId) continue;
            topics.delete(topic);
            live.unsubscribe(socket, topic);
            send(socket, { type: 'error', code: 'NOT_FOUND', message: 'No such topic', topic });
          }
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
          if (!topics.has(topic) && topics.size >= MAX_TOPICS_PER_SOCKET) {
            return send(socket, {
              type: 'error',
              code: 'RATE_LIMITED',
              message: 'Too many topics on one connection',
              topic,
            });
          }
          const circleId = await circleOf(topic, viewer);
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
