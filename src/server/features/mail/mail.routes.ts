import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  circleRemindersSchema,
  jobListQuerySchema,
  jobListSchema,
  mailPreferenceSchema,
  unsubscribeBodySchema,
  unsubscribeInfoSchema,
} from '../../../contract/mail.ts';
import type { AppContext } from '../../app-context.ts';
import { resolveAuthSecret } from '../../auth/auth-secret.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { type Keyset, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB, MailPreference } from '../../db/schema.ts';
import { adminOnly } from '../../http/admin-only.ts';
import { notFound } from '../../http/errors.ts';
import { jobStatusCounts, retryFailedJob } from '../../jobs/jobs.ts';
import { guestResponseOf, newsletterReaderOf, verifyUnsubscribeToken } from '../../mail/unsubscribe-token.ts';
import { requireSteward } from '../../policy/access.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';

const tokenParams = z.object({ token: z.string().min(1).max(300) });
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Most recently touched first; a job that runs again between two page reads may move (decision 023). */
const jobOrder: Keyset<{ id: string; updatedAt: string | Date }> = {
  list: 'jobs',
  keys: [{ expr: 'updatedAt', kind: 'time', direction: 'desc' }],
  id: 'id',
  of: (row) => ({ keys: [row.updatedAt], id: row.id }),
};

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(2, Math.min(6, local.length - 1)))}@${domain}`;
}

async function setPreference(db: Kysely<DB>, userId: string, preference: MailPreference) {
  await db
    .updateTable('users')
    .set({ mailPreference: preference, updatedAt: new Date().toISOString() })
    .where('id', '=', userId)
    .execute();
}

/**
 * Mail preferences, unsubscribe links (no sign-in: the signed token is the proof), each circle's
 * reminder setting, and the job queue as instance admins see it. Registered at the root because
 * the RFC 8058 one-click target lives at /unsubscribe/{token}, beside the page of the same URL.
 */
export function mailRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    const secret = await resolveAuthSecret(db, ctx.env.AUTH_SECRET);
    // Mail clients send the one-click POST as a form: `List-Unsubscribe=One-Click`.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    // RFC 8058 also allows multipart/form-data; its only field says what the URL already means.
    app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_request, _body, done) =>
      done(null, {}),
    );

    /**
     * Who a link is for: an account, or a poll's guest (their answer), whose link forgets the
     * address they left; once forgotten, the link says so ('none' and no address) rather than 404.
     */
    const subjectOfToken = async (
      token: string,
    ): Promise<{
      kind: 'user' | 'guest' | 'newsletter';
      id: string;
      email: string | null;
      mailPreference: MailPreference;
      newsletters?: boolean;
    }> => {
      const subject = verifyUnsubscribeToken(secret, token);
      const reader = subject && newsletterReaderOf(subject);
      if (reader) {
        const user = await db
          .selectFrom('users')
          .select(['id', 'email', 'mailPreference', 'newsletters'])
          .where('id', '=', reader)
          .executeTakeFirst();
        if (!user) throw notFound('Unsubscribe link');
        return { kind: 'newsletter', ...user, newsletters: toBool(user.newsletters) };
      }
      const responseId = subject && guestResponseOf(subject);
      if (responseId) {
        const response = await db
          .selectFrom('datePollResponses')
          .select(['id', 'guestEmail'])
          .where('id', '=', responseId)
          .where('userId', 'is', null)
          .executeTakeFirst();
        if (!response) throw notFound('Unsubscribe link');
        const email = response.guestEmail;
        return { kind: 'guest', id: response.id, email, mailPreference: email ? 'all' : 'none' };
      }
      const user =
        subject &&
        (await db
          .selectFrom('users')
          .select(['id', 'email', 'mailPreference'])
          .where('id', '=', subject)
          .executeTakeFirst());
      if (!user) throw notFound('Unsubscribe link');
      return { kind: 'user', ...user };
    };
    const masked = (email: string | null) => (email ? maskEmail(email) : '');

    app.get(
      '/api/v1/me/mail-preference',
      {
        schema: {
          tags: ['me'],
          summary: 'Which mails I receive: all, the weekly digest only, or none (account mails always go)',
          response: { 200: mailPreferenceSchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const row = await db
          .selectFrom('users')
          .select('mailPreference')
          .where('id', '=', viewer.id)
          .executeTakeFirst();
        return { preference: row?.mailPreference ?? 'all' };
      },
    );

    app.put(
      '/api/v1/me/mail-preference',
      {
        schema: {
          tags: ['me'],
          summary: 'Choose which mails I receive',
          body: mailPreferenceSchema,
          response: { 200: mailPreferenceSchema, 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        await setPreference(db, viewer.id, request.body.preference);
        return { preference: request.body.preference };
      },
    );

    app.get(
      '/api/v1/unsubscribe/:token',
      {
        schema: {
          tags: ['mail'],
          summary: 'What an unsubscribe link is about (no sign-in needed)',
          params: tokenParams,
          response: { 200: unsubscribeInfoSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const subject = await subjectOfToken(request.params.token);
        return {
          maskedEmail: masked(subject.email),
          preference: subject.mailPreference,
          ...(subject.kind === 'guest' && { guest: true }),
          ...(subject.kind === 'newsletter' && { newsletter: true, newsletters: subject.newsletters }),
        };
      },
    );

    const unsubscribe = {
      schema: {
        tags: ['mail'],
        params: tokenParams,
        body: unsubscribeBodySchema,
        response: { 200: unsubscribeInfoSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    };
    const handleUnsubscribe = async (request: {
      params: { token: string };
      body: { preference: 'digest' | 'none' } | { 'List-Unsubscribe'?: string };
    }) => {
      const subject = await subjectOfToken(request.params.token);
      if (subject.kind === 'guest') {
        // A guest gets no digest: either way, their address is forgotten and no mail goes again.
        await db
          .updateTable('datePollResponses')
          .set({ guestEmail: null })
          .where('id', '=', subject.id)
          .execute();
        return { maskedEmail: masked(subject.email), preference: 'none' as const, guest: true };
      }
      if (subject.kind === 'newsletter') {
        // A newsletter's link stops newsletters only; the mails of one's circles keep their preference.
        await db
          .updateTable('users')
          .set({ newsletters: false, updatedAt: new Date().toISOString() })
          .where('id', '=', subject.id)
          .execute();
        return {
          maskedEmail: masked(subject.email),
          preference: subject.mailPreference,
          newsletter: true,
          newsletters: false,
        };
      }
      const preference = 'preference' in request.body ? request.body.preference : 'none';
      await setPreference(db, subject.id, preference);
      return { maskedEmail: masked(subject.email), preference };
    };
    app.post(
      '/api/v1/unsubscribe/:token',
      {
        ...unsubscribe,
        schema: { ...unsubscribe.schema, summary: 'Stop mails (or keep only the digest) from a link' },
      },
      handleUnsubscribe,
    );
    app.post(
      '/unsubscribe/:token',
      {
        schema: {
          tags: ['mail'],
          summary:
            'RFC 8058 one-click unsubscribe (the List-Unsubscribe target): stops every non-account mail',
          params: tokenParams,
          body: z
            .object({ 'List-Unsubscribe': z.literal('One-Click').optional() })
            .nullish()
            .transform((body) => body ?? {}),
          response: { 200: unsubscribeInfoSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      handleUnsubscribe,
    );

    app.get(
      '/api/v1/circles/:id/reminders',
      {
        schema: {
          tags: ['circles'],
          summary: 'When session reminders go out for this circle',
          params: idParams,
          response: { 200: circleRemindersSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const circle = await getVisibleCircle(db, request.params.id, await viewers.find(request));
        const row = await db
          .selectFrom('circles')
          .select('reminderHours')
          .where('id', '=', circle.id)
          .executeTakeFirst();
        return { reminderHours: row?.reminderHours ?? null };
      },
    );

    app.put(
      '/api/v1/circles/:id/reminders',
      {
        schema: {
          tags: ['circles'],
          summary: 'Set the session reminder: hours before (1 to 168), or null for none (facilitators)',
          params: idParams,
          body: circleRemindersSchema,
          response: { 200: circleRemindersSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await db
          .updateTable('circles')
          .set({ reminderHours: request.body.reminderHours, updatedAt: new Date().toISOString() })
          .where('id', '=', circle.id)
          .execute();
        return { reminderHours: request.body.reminderHours };
      },
    );

    app.get(
      '/api/v1/admin/jobs',
      {
        onRequest: adminOnly(viewers),
        schema: {
          tags: ['admin'],
          summary: 'Background jobs by status, failed ones first by default (instance admins)',
          querystring: jobListQuerySchema,
          response: { 200: jobListSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const page = { ...request.query, scope: request.query.status };
        const query = db.selectFrom('jobs').selectAll().where('status', '=', request.query.status);
        const { items: rows, nextCursor } = toPage(
          await pageQuery(query, jobOrder, page).execute(),
          jobOrder,
          page,
        );
        const counts = { pending: 0, running: 0, done: 0, failed: 0 };
        for (const { status, n } of await jobStatusCounts(db)) counts[status] = Number(n);
        return {
          counts,
          nextCursor,
          items: rows.map((row) => ({
            id: row.id,
            kind: row.kind,
            key: row.key,
            status: row.status,
            attempts: row.attempts,
            maxAttempts: row.maxAttempts,
            runAt: toIso(row.runAt),
            lastError: row.lastError,
            createdAt: toIso(row.createdAt),
            updatedAt: toIso(row.updatedAt),
          })),
        };
      },
    );

    app.post(
      '/api/v1/admin/jobs/:id/retry',
      {
        onRequest: adminOnly(viewers),
        schema: {
          tags: ['admin'],
          summary: 'Queue a failed job again with fresh attempts (instance admins)',
          params: idParams,
          response: { 204: z.null(), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { id } = request.params;
        await db.transaction().execute(async (trx) => {
          // Only a failed job moves (the condition is in the update): two retries make one.
          if (!(await retryFailedJob(trx, id))) throw notFound('Failed job');
          await recordAudit(trx, {
            kind: 'admin.job-retry',
            actorId: viewer.id,
            ip: auditIp(request, ctx.env),
            subject: { kind: 'job', id },
          });
        });
        return reply.status(204).send(null);
      },
    );
  };
}
