import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { ballotPutSchema, ballotSchema, myBallotSchema, pollResultsSchema } from '../../../contract/poll.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { BallotBatcher } from './ballot-batcher.ts';
import { getPollAccess } from './poll-access.ts';
import type { PollSignals } from './poll-signals.ts';
import { loadMyBallot, loadResults } from './polls.queries.ts';
import { resultsCsvRows } from './results-csv.ts';

const tags = ['polls'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Ballots and results: the hot path of a vote storm, kept lean (see decision 008). */
export function ballotsRoutes(ctx: AppContext, signals: PollSignals): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  const ballots = new BallotBatcher(db);

  return async (app) => {
    app.put(
      '/polls/:id/ballot',
      {
        schema: {
          tags,
          summary:
            'Cast or change my ballot: {choices} (single, multiple, sections), {ranking} or {scores} (0–5). ' +
            'Anonymous polls return a receipt with the first ballot; send it back to change the ballot.',
          params: idParams,
          body: ballotPutSchema,
          response: { 200: ballotSchema, ...errors, 429: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const result = await ballots.cast(request.params.id, viewer.id, request.body);
        if ('notVoter' in result) {
          // The slow path only for refusals: 404 if the poll is hidden from this person, else 403.
          await getPollAccess(db, request.params.id, viewer);
          throw new AppError('FORBIDDEN', 'Only the poll’s circle or community members can vote');
        }
        signals.ballotCounted(result.pollId);
        return { ...result.ballot, ...(result.receipt && { receipt: result.receipt }) };
      },
    );

    app.get(
      '/polls/:id/ballot',
      {
        schema: {
          tags,
          summary: 'My ballot (anonymous polls: only with the receipt in the Ballot-Receipt header)',
          params: idParams,
          headers: z.object({ 'ballot-receipt': z.string().max(200).optional() }),
          response: { 200: myBallotSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll } = await getPollAccess(db, request.params.id, viewer);
        return loadMyBallot(db, poll, viewer, request.headers['ballot-receipt']);
      },
    );

    app.get(
      '/polls/:id/results',
      {
        schema: {
          tags,
          summary: 'Results, recounted from the current ballots (409 while hidden until the close)',
          params: idParams,
          response: { 200: pollResultsSchema, ...errors },
        },
      },
      async (request) => {
        const { poll } = await getPollAccess(db, request.params.id, await viewers.find(request));
        return signals.resultsCache.get(poll.id, () => loadResults(db, poll));
      },
    );

    app.get(
      '/polls/:id/results.csv',
      {
        schema: {
          tags,
          summary:
            'Results as CSV (cells that a spreadsheet would run as formulas are neutralised); ' +
            '`separator=semicolon` for spreadsheets set to French, which expect semicolons',
          params: idParams,
          querystring: z.object({ separator: z.enum(['comma', 'semicolon']).default('comma') }),
        },
      },
      async (request, reply) => {
        const { poll } = await getPollAccess(db, request.params.id, await viewers.find(request));
        const results = await signals.resultsCache.get(poll.id, () => loadResults(db, poll));
        const csv = stringify(resultsCsvRows(results), {
          delimiter: request.query.separator === 'semicolon' ? ';' : ',',
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="resultats-${poll.id.slice(0, 8)}.csv"`)
          .send(`\uFEFF${csv}`);
      },
    );
  };
}
