import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  attendancePutSchema,
  guestRegistrationSchema,
  organiserRegistrationSchema,
  registrationCreateSchema,
  registrationLinkSchema,
  registrationSchema,
  registrationSlotsPutSchema,
} from '../../../contract/event.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { neutraliseFormula } from '../../../domain/poll.ts';
import type { AppContext } from '../../app-context.ts';
import { resolveAuthSecret } from '../../auth/auth-secret.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { authRateLimit } from '../../http/rate-limit.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { guestAnswerOrigin } from '../date-polls/date-polls.public.ts';
import { eventTopic, getEventAccess, getSteeredEvent } from './event-access.ts';
import { registrationCalendar } from './event-calendar.ts';
import {
  allRegistrations,
  listRegistrations,
  registrationLinkView,
  registrationView,
} from './events.queries.ts';
import { sendIcs } from './events.routes.ts';
import {
  cancelRegistration,
  confirmGuest,
  findByToken,
  registerGuest,
  registerMember,
  replaceSlots,
  setAttendance,
} from './registrations.commands.ts';

const tags = ['events'];
const idParams = z.object({ id: z.string().max(100) });
const tokenParams = z.object({ token: z.string().max(200) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

const csvWords = {
  fr: {
    name: 'Nom',
    email: 'Adresse',
    kind: 'Type',
    guest: 'Invité·e',
    member: 'Compte',
    status: 'Statut',
    waitlist: 'Rang en liste d’attente',
    registeredAt: 'Inscrit·e le',
    slots: 'Créneaux',
    attendance: 'Présence',
    statuses: {
      confirmed: 'confirmé',
      waitlisted: 'liste d’attente',
      unconfirmed: 'à confirmer',
      cancelled: 'annulé',
    },
    attendances: { present: 'présent·e', absent: 'absent·e' },
  },
  en: {
    name: 'Name',
    email: 'E-mail',
    kind: 'Kind',
    guest: 'Guest',
    member: 'Account',
    status: 'Status',
    waitlist: 'Waitlist position',
    registeredAt: 'Registered at',
    slots: 'Slots',
    attendance: 'Attendance',
    statuses: {
      confirmed: 'confirmed',
      waitlisted: 'waitlisted',
      unconfirmed: 'to confirm',
      cancelled: 'cancelled',
    },
    attendances: { present: 'present', absent: 'absent' },
  },
} as const;

export function registrationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live, env } = ctx;
  const publicUrl = env.PUBLIC_URL;
  const changed = (eventId: string) => live.publish(eventTopic(eventId), { type: 'event.changed', eventId });
  // Anonymous routes that take a secret or send a mail: limited per address like the account
  // routes, ten times looser (a whole office behind one address registers for the same day).
  const guestLimited = { rateLimit: { ...authRateLimit(env), max: env.AUTH_RATE_LIMIT * 10 } };

  /** The registration if the viewer holds it (or organises its event): 404 otherwise. */
  const ownRegistration = async (id: string, viewer: Viewer, organiserToo: boolean) => {
    const row = await db
      .selectFrom('eventRegistrations')
      .select(['id', 'eventId', 'userId', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Registration');
    const access = await getEventAccess(db, row.eventId, viewer).catch(() => undefined);
    const mine = row.userId === viewer.id;
    if (!access || !(mine || (organiserToo && access.abilities.steer))) throw notFound('Registration');
    return { row, access, mine };
  };

  return async (app) => {
    const secret = await resolveAuthSecret(db, env.AUTH_SECRET);

    app.post(
      '/events/:id/registrations',
      {
        config: guestLimited,
        schema: {
          tags,
          summary:
            'Register: signed in with `{slotIds?}` (one click); a guest of a public event with `{name, email, slotIds?}`, confirmed by the link mailed to them (it holds no place until then)',
          params: idParams,
          body: registrationCreateSchema,
          response: { 201: registrationSchema, 200: registrationSchema, ...errors, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.find(request);
        const access = await getEventAccess(db, request.params.id, viewer);
        const body = request.body;
        const isGuest = 'email' in body;
        if (viewer) {
          if (isGuest) {
            throw new AppError('INVALID_INPUT', 'Signed in, you register with your account', [
              { path: ['body', 'email'], message: 'not for a signed-in person' },
            ]);
          }
          if (!access.abilities.takePart) {
            // Every signed-in reader takes part in an open event: refused, it is cancelled or over.
            throw new AppError(
              'CONFLICT',
              access.event.cancelledAt ? 'This event is cancelled' : 'This event is over',
            );
          }
          const outcome = await registerMember(db, access.event.id, viewer.id, body.slotIds);
          changed(access.event.id);
          return reply.status(outcome.created ? 201 : 200).send(await registrationView(db, outcome.id));
        }
        if (access.event.visibility !== 'public') throw notFound('Event');
        const guest = guestRegistrationSchema.safeParse(body);
        if (!guest.success)
          throw new AppError('UNAUTHENTICATED', 'Sign in, or register with your name and e-mail');
        const source = (env.TRUST_PROXY ? request.ip : request.socket.remoteAddress) ?? 'unknown';
        const outcome = await registerGuest(
          db,
          secret,
          access.event.id,
          { ...guest.data, locale: requestLocale(request) },
          guestAnswerOrigin(secret, source, guest.data.email),
        );
        return reply.status(201).send(await registrationView(db, outcome.id));
      },
    );

    app.put(
      '/registrations/:id/slots',
      {
        schema: {
          tags,
          summary: 'Choose my slots (exactly these); overlapping slots are refused',
          params: idParams,
          body: registrationSlotsPutSchema,
          response: { 200: registrationSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { row } = await ownRegistration(request.params.id, viewer, false);
        await replaceSlots(db, row.id, request.body.slotIds);
        changed(row.eventId);
        return registrationView(db, row.id);
      },
    );

    app.delete(
      '/registrations/:id',
      {
        schema: {
          tags,
          summary: 'Cancel a registration (its holder or the organisers); the waitlist moves up',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { row } = await ownRegistration(request.params.id, viewer, true);
        await cancelRegistration(db, row.id);
        changed(row.eventId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/registrations/:id/calendar.ics',
      {
        schema: {
          tags,
          summary: 'My registration as a calendar: the event and the slots I registered for',
          params: idParams,
          produces: ['text/calendar', 'application/json'],
          response: {
            200: z.string().describe('text/calendar (RFC 5545)'),
            401: errorBodySchema,
            404: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { row } = await ownRegistration(request.params.id, viewer, false);
        if (row.status === 'cancelled') throw notFound('Registration');
        const ics = await registrationCalendar(db, row.id, { publicUrl, locale: requestLocale(request) });
        return sendIcs(reply, ics, 'inscription.ics');
      },
    );

    app.get(
      '/events/:id/registrations',
      {
        schema: {
          tags,
          summary: 'The registrations of an event, in order of arrival (organisers)',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(organiserRegistrationSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        return listRegistrations(db, event.id, { ...request.query, scope: event.id });
      },
    );

    app.get(
      '/events/:id/registrations.csv',
      {
        schema: {
          tags,
          summary:
            'The registrations as CSV (organisers); cells a spreadsheet would run as formulas are neutralised; `separator=semicolon` for spreadsheets set to French',
          params: idParams,
          querystring: z.object({ separator: z.enum(['comma', 'semicolon']).default('comma') }),
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        const words = csvWords[requestLocale(request)];
        const rows = await allRegistrations(db, event.id);
        const slots = await db
          .selectFrom('eventSlots')
          .select(['id', 'title'])
          .where('eventId', '=', event.id)
          .execute();
        const title = new Map(slots.map((slot) => [slot.id, slot.title]));
        const lines = [
          [
            words.name,
            words.email,
            words.kind,
            words.status,
            words.waitlist,
            words.registeredAt,
            words.slots,
            words.attendance,
          ],
          ...rows.map((row) => [
            row.name,
            row.email ?? '',
            row.guest ? words.guest : words.member,
            words.statuses[row.status],
            row.waitlistPosition === null ? '' : String(row.waitlistPosition),
            row.registeredAt,
            row.slots
              .map((slot) =>
                slot.status === 'confirmed'
                  ? (title.get(slot.slotId) ?? '')
                  : `${title.get(slot.slotId) ?? ''} (${words.statuses[slot.status === 'pending' ? 'unconfirmed' : slot.status]})`,
              )
              .join(' | '),
            row.attendance ? words.attendances[row.attendance] : '',
          ]),
        ];
        const csv = stringify(
          lines.map((line) => line.map(neutraliseFormula)),
          { delimiter: request.query.separator === 'semicolon' ? ';' : ',', bom: true },
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="inscriptions-${event.id.slice(0, 8)}.csv"`)
          .send(csv);
      },
    );

    app.put(
      '/registrations/:id/attendance',
      {
        schema: {
          tags,
          summary: 'Mark someone present or absent (organisers); null clears it',
          params: idParams,
          body: attendancePutSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const row = await db
          .selectFrom('eventRegistrations')
          .select(['id', 'eventId'])
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!row) throw notFound('Registration');
        const access = await getEventAccess(db, row.eventId, viewer).catch(() => undefined);
        if (!access) throw notFound('Registration');
        if (!access.abilities.steer)
          throw new AppError('FORBIDDEN', 'Only the event’s organisers can do this');
        await setAttendance(db, row.eventId, row.id, request.body.attendance);
        return reply.status(204).send(null);
      },
    );

    // --- A guest's link (no sign-in: the link is the permission) ---------------------------------

    app.get(
      '/registration-links/:token',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'What a guest’s registration link holds',
          params: tokenParams,
          response: { 200: registrationLinkSchema, 404: errorBodySchema, 429: errorBodySchema },
        },
      },
      async (request) => registrationLinkView(db, await findByToken(db, request.params.token)),
    );

    app.post(
      '/registration-links/:token/confirm',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'Confirm a guest’s registration (double opt-in): it takes its place or joins the waitlist',
          params: tokenParams,
          response: { 200: registrationLinkSchema, ...errors, 429: errorBodySchema },
        },
      },
      async (request) => {
        const id = await confirmGuest(db, request.params.token);
        const row = await findByToken(db, request.params.token);
        changed(row.eventId);
        return registrationLinkView(db, { ...row, id });
      },
    );

    app.post(
      '/registration-links/:token/cancel',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'Cancel a guest’s registration from its link; the waitlist moves up',
          params: tokenParams,
          response: { 200: registrationLinkSchema, ...errors, 429: errorBodySchema },
        },
      },
      async (request) => {
        const row = await findByToken(db, request.params.token);
        await cancelRegistration(db, row.id);
        changed(row.eventId);
        return registrationLinkView(db, await findByToken(db, request.params.token));
      },
    );

    app.get(
      '/registration-links/:token/calendar.ics',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'A guest’s registration as a calendar',
          params: tokenParams,
          produces: ['text/calendar', 'application/json'],
          response: {
            200: z.string().describe('text/calendar (RFC 5545)'),
            404: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const row = await findByToken(db, request.params.token);
        if (row.status === 'cancelled' || row.status === 'unconfirmed') throw notFound('Registration');
        const ics = await registrationCalendar(db, row.id, { publicUrl, locale: requestLocale(request) });
        return sendIcs(reply, ics, 'inscription.ics');
      },
    );
  };
}
