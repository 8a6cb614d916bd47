import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import type { Session } from '../../../contract/session.ts';
import { importOffersSchema, importReportSchema, sessionSchema } from '../../../contract/session.ts';
import { isMeetingDate, meetingYears } from '../../../domain/pad-import/french-date.ts';
import { schedulingOffers } from '../../../domain/pad-import/scheduling-offers.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requireSteward } from '../../policy/access.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';
import { createPadParser } from './pad-parser.ts';
import { requireImportableText, requireStorableSize, storeImportedSession } from './session-import.ts';
import { loadSessionDetail } from './sessions.queries.ts';

const importResultSchema = z.object({
  session: sessionSchema,
  report: importReportSchema,
  offers: importOffersSchema,
});

/** Carries a dry run's preview out of the transaction that is then rolled back. */
class DryRun extends Error {
  readonly preview: Session;
  constructor(preview: Session) {
    super('dry run');
    this.preview = preview;
  }
}

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    const parser = createPadParser({ timeLimitMs: ctx.env.IMPORT_TIME_LIMIT_MS });
    // Started with a listening server only: tests build many apps and import in few of them.
    app.addHook('onListen', () => parser.warm());
    app.addHook('onClose', () => parser.close());
    app.post(
      '/circles/:id/sessions/import',
      {
        schema: {
          tags: ['sessions'],
          summary:
            'Import pad-style meeting notes as a session (facilitators); ?dryRun=1 previews without saving',
          consumes: ['text/plain'],
          params: z.object({ id: z.string().max(100) }),
          querystring: z.object({
            dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
            date: z.iso
              .date()
              .refine(isMeetingDate, {
                message: `a meeting is dated from ${meetingYears.first} to ${meetingYears.last}`,
              })
              .optional(),
            timeZone: z.string().max(64).default('Europe/Paris'),
          }),
          body: z.string().max(1_000_000),
          response: {
            200: importResultSchema,
            201: importResultSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            403: errorBodySchema,
            404: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        const text = requireImportableText(request.body);
        const { session: imported, unplacedCount } = await parser.parse(text);
        requireStorableSize(imported);
        const date = request.query.date ?? imported.date;
        if (!date) {
          throw new AppError(
            'INVALID_INPUT',
            'No meeting date found in the text: give one with ?date=YYYY-MM-DD',
            [{ path: ['querystring', 'date'], message: 'required when the text has no date' }],
          );
        }
        try {
          new Intl.DateTimeFormat('en', { timeZone: request.query.timeZone });
        } catch {
          throw new AppError('INVALID_INPUT', 'Unknown time zone', [
            { path: ['querystring', 'timeZone'], message: 'unknown' },
          ]);
        }
        const isDryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
        const report = { unplaced: imported.unplaced, unplacedCount };
        const offers = schedulingOffers(text);
        try {
          const session = await db.transaction().execute(async (trx) => {
            const id = await storeImportedSession(trx, {
              circleId: circle.id,
              creatorId: viewer.id,
              imported,
              date,
              timeZone: request.query.timeZone,
            });
            const row = await trx
              .selectFrom('sessions')
              .selectAll()
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            // Its importer steers the circle, and takes part as a listed participant.
            const detail = await loadSessionDetail(trx, row, { circle, viewer, isListed: true });
            if (isDryRun) throw new DryRun(detail);
            return detail;
          });
          return reply.status(201).send({ session, report, offers });
        } catch (error) {
          if (error instanceof DryRun)
            return reply.status(200).send({ session: error.preview, report, offers });
          throw error;
        }
      },
    );
  };
}
