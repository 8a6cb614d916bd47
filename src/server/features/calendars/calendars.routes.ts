import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarFeedSchema } from '../../../contract/calendar.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import type { AppContext } from '../../app-context.ts';
import { resolveAuthSecret } from '../../auth/auth-secret.ts';
import {
  type CalendarLocale,
  sessionCalendarItems,
  writeCalendar,
  writeCalendarItems,
} from '../../calendar/ics-writer.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { asLocale } from '../../mail/mail-i18n.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { registeredCalendarItems } from '../events/events.public.ts';
import { getVisibleSession } from '../sessions/sessions.public.ts';
import { getUser } from '../users/users.public.ts';
import { ensureFeedToken, findFeedOwner, revokeFeedToken, rotateFeedToken } from './calendar-feeds.ts';
import { feedWindowStart, findPublicCircleFeed, listFeedSessions } from './calendars.queries.ts';

const tags = ['calendars'];
const idParams = z.object({ id: z.string().max(100) });
const icsResponse = { 200: z.string().describe('text/calendar (RFC 5545)'), 404: errorBodySchema };
/** The calendar on success, the JSON error shape otherwise. */
const icsProduces = ['text/calendar', 'application/json'];
/** Subscribed clients read feeds again about every hour. */
const FEED_REFRESH_SECONDS = 3600;

const feedNames = {
  fr: 'Archipel · mes séances',
  en: 'Archipel · my sessions',
} as const;

function sendCalendar(reply: FastifyReply, ics: string, cacheControl: string, filename?: string) {
  reply.type('text/calendar; charset=utf-8').header('cache-control', cacheControl);
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.send(ics);
}

export function calendarsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, env } = ctx;
  const publicUrl = env.PUBLIC_URL;
  const feedUrl = (token: string) => `${publicUrl}/api/v1/calendar-feeds/${token}.ics`;
  const localeOf = async (viewer: Viewer | undefined): Promise<CalendarLocale> =>
    asLocale(viewer && (await getUser(db, viewer.id)).locale);

  return async (app) => {
    const secret = await resolveAuthSecret(db, env.AUTH_SECRET);

    app.get(
      '/sessions/:id/calendar.ics',
      {
        schema: {
          tags,
          summary: 'The session as an iCalendar file, to add to one’s calendar',
          params: idParams,
          produces: icsProduces,
          response: icsResponse,
        },
      },
      async (request, reply) => {
        const viewer = await viewers.find(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        const locale = await localeOf(viewer);
        const ics = writeCalendar([{ session, circleName: circle.name }], {
          publicUrl,
          locale,
          name: session.title,
        });
        // The session's day where it takes place (en-CA writes dates as YYYY-MM-DD).
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: session.timeZone }).format(
          new Date(session.startsAt),
        );
        return sendCalendar(reply, ics, 'private, no-cache', `seance-${day}.ics`);
      },
    );

    app.get(
      '/circles/:id/calendar.ics',
      {
        schema: {
          tags,
          summary: 'The calendar feed of a public circle (other circles: 404)',
          params: idParams,
          produces: icsProduces,
          response: icsResponse,
        },
      },
      async (request, reply) => {
        const feed = await findPublicCircleFeed(db, request.params.id, feedWindowStart());
        if (!feed) throw notFound('Circle');
        const ics = writeCalendar(feed.entries, {
          publicUrl,
          locale: 'fr',
          name: `${feed.name} · Archipel`,
          refreshSeconds: FEED_REFRESH_SECONDS,
        });
        return sendCalendar(reply, ics, 'public, max-age=300');
      },
    );

    app.get(
      '/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'My secret calendar subscription link (created on first call)',
          response: { 200: calendarFeedSchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        return { url: feedUrl(await ensureFeedToken(db, secret, viewer.id)) };
      },
    );

    app.post(
      '/me/calendar-feed/rotate',
      {
        schema: {
          tags,
          summary: 'Replace my calendar link; the old one answers 404 from now on',
          response: { 200: calendarFeedSchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const token = await rotateFeedToken(db, secret, viewer.id);
        await recordAudit(db, {
          kind: 'feed.rotate',
          actorId: viewer.id,
          ip: auditIp(request, env),
          subject: { kind: 'calendar-feed', id: viewer.id },
          detail: 'replaced',
        });
        return { url: feedUrl(token) };
      },
    );

    app.delete(
      '/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Revoke my calendar link (a later GET creates a new one)',
          response: { 204: z.null(), 401: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        await revokeFeedToken(db, viewer.id);
        await recordAudit(db, {
          kind: 'feed.rotate',
          actorId: viewer.id,
          ip: auditIp(request, env),
          subject: { kind: 'calendar-feed', id: viewer.id },
          detail: 'revoked',
        });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/calendar-feeds/:token.ics',
      {
        schema: {
          tags,
          summary:
            'A personal calendar feed: the sessions of the owner’s circles and the events they registered for (no cookie needed)',
          params: z.object({ token: z.string().max(200) }),
          produces: icsProduces,
          response: icsResponse,
        },
      },
      async (request, reply) => {
        const userId = await findFeedOwner(db, request.params.token);
        if (!userId) throw notFound('Calendar feed');
        const locale = asLocale((await getUser(db, userId)).locale);
        const since = feedWindowStart();
        const options = { publicUrl, locale, name: feedNames[locale], refreshSeconds: FEED_REFRESH_SECONDS };
        // The sessions of my circles, and the events I registered for.
        const ics = writeCalendarItems(
          [
            ...sessionCalendarItems(await listFeedSessions(db, userId, since), options),
            ...(await registeredCalendarItems(db, userId, since, { publicUrl, locale })),
          ],
          options,
        );
        return sendCalendar(reply, ics, 'private, no-cache');
      },
    );
  };
}
