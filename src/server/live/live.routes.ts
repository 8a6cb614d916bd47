import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { liveClientMessageSchema, liveCloseCodes } from '../../contract/live.ts';
import type { AppContext } from '../app-context.ts';
import type { TopicGrant } from '../features/feature-descriptor.ts';
import { topicResolvers } from '../features/registry.ts';
import { AppError } from '../http/errors.ts';
import { isOwnOrigin } from '../http/origin-guard.ts';
import type { Viewer } from '../http/viewer.ts';
import { EVERY_CIRCLE, EVERYONE } from './access-revocations.ts';
import { LiveConnection } from './live-connection.ts';
import { send } from './live-hub.ts';
import { ConnectionQuota, FrameBudget } from './live-limits.ts';

/**
 * Subscribe frames are tiny; the WebSocket server's own limit (2 MiB) is sized for the notes, so a
 * live frame is at most that big before this refuses it.
 */
const MAX_FRAME_BYTES = 16 * 1024;
/** A tab resubscribing its 50 topics at once, with room to spare; then a navigation's worth a second. */
const FRAME_BURST = 100;
const FRAMES_PER_SECOND = 10;

/**
 * The live transport: one WebSocket per browser tab at /api/v1/live. Writes go through HTTP; this
 * only carries what happened. Same-origin and signed-in only; every topic is authorised on
 * subscribe with the same visibility rule as the HTTP routes (a hidden session is NOT_FOUND).
 */
export function liveRoutes(ctx: AppContext): FastifyPluginAsync {
  const { db, viewers, live, env, revocations } = ctx;
  const quota = new ConnectionQuota(env.LIVE_CONNECTIONS_PER_PERSON);
  // Each feature's topic kinds with their authorisation (its descriptor's `topics`).
  const resolvers = topicResolvers();
  const kinds = [...resolvers.keys()].join(', ');

  /**
   * The scope a topic belongs to, if the viewer may follow it: a circle id (its access can be
   * revoked), or `community:<id>` for a community-wide poll.
   */
  async function scopeOf(topic: string, viewer: Viewer): Promise<TopicGrant | undefined> {
    const [kind = '', id = ''] = topic.split(':');
    return resolvers
      .get(kind)?.(db, id, viewer)
      .then(
        (grant) => (typeof grant === 'string' ? { scope: grant, steward: false } : grant),
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
        // Counted and checked in one synchronous step: two handshakes cannot both take the last place.
        if (!quota.take(viewer.id)) {
          return socket.close(liveCloseCodes.tooManyConnections, 'Too many live connections');
        }
        const connection = new LiveConnection(socket, viewer.id, live, (topic) => scopeOf(topic, viewer));
        const budget = new FrameBudget(FRAME_BURST, FRAMES_PER_SECOND);
        const stopWatching = revocations.onRevoke(({ circleId, userId }) => {
          if (userId === EVERYONE) return void connection.recheck(circleId);
          if (userId !== viewer.id) return;
          // Signed out: the socket was opened with a session that no longer exists.
          if (circleId === EVERY_CIRCLE) return socket.close(liveCloseCodes.signedOut, 'Signed out');
          connection.revoke(circleId);
        });
        const stopClosing = revocations.onTopicClosed((topic) => connection.closeTopic(topic));
        const stopRoles = revocations.onRoleChanged((userId) => {
          if (userId === viewer.id) void connection.recheckAll();
        });
        // A peer gone without a close frame (sleep, lost network) would hold its topics, presence and
        // memory for ever: each interval, a socket that did not answer the last ping is dropped.
        let alive = true;
        const heartbeat = setInterval(() => {
          if (!alive) return socket.terminate();
          alive = false;
          socket.ping();
        }, env.LIVE_HEARTBEAT_SECONDS * 1000);
        socket.on('pong', () => {
          alive = true;
        });
        socket.on('close', () => {
          clearInterval(heartbeat);
          stopWatching();
          stopClosing();
          stopRoles();
          connection.close();
          quota.release(viewer.id);
        });
        socket.on('message', (data: Buffer) => {
          // Frames the peer sent before reading our close frame still arrive: ignored, unparsed.
          if (socket.readyState !== socket.OPEN) return;
          if (!budget.take()) return socket.close(liveCloseCodes.tooManyFrames, 'Too many frames');
          if (data.length > MAX_FRAME_BYTES) {
            return socket.close(liveCloseCodes.frameTooLarge, 'Frame too large');
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
          // The contract checks a topic's shape; which kinds exist is the features' to say.
          if (!resolvers.has(message.data.topic.split(':')[0] ?? '')) {
            return send(socket, {
              type: 'error',
              code: 'INVALID_INPUT',
              message: `Unknown topic kind: topics are <kind>:<id> with kind among ${kinds}`,
            });
          }
          if (message.data.type === 'unsubscribe') return connection.unsubscribe(message.data.topic);
          void connection.subscribe(message.data.topic, message.data.since);
        });
      },
    );
  };
}
