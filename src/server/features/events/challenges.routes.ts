import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  challengeCreateSchema,
  challengePatchSchema,
  challengeSchema,
  teamCreateSchema,
  teamJoinSchema,
} from '../../../contract/challenge.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import {
  addTeam,
  createChallenge,
  deleteChallenge,
  joinTeam,
  leaveTeam,
  patchChallenge,
} from './challenges.commands.ts';
import { challengeDetail, getChallengeAccess, listChallenges } from './challenges.queries.ts';
import { eventTopic, getEventAccess, getSteeredEvent } from './event-access.ts';

const tags = ['events'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Challenges (défis) of an event: carriers, teams that people join, the outcome. */
export function challengesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  /** Whoever watches the event (its page) reads it again. */
  const changed = (eventId: string) => live.publish(eventTopic(eventId), { type: 'event.changed', eventId });
  const reread = async (id: string, viewer: Viewer | undefined) =>
    challengeDetail(db, await getChallengeAccess(db, id, viewer), viewer);

  return async (app) => {
    app.post(
      '/events/:id/challenges',
      {
        schema: {
          tags,
          summary: 'Add a challenge to an event: a question carried by members of its community',
          params: idParams,
          body: challengeCreateSchema,
          response: { 201: challengeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        const id = await createChallenge(db, event, viewer.id, request.body);
        changed(event.id);
        return reply.status(201).send(await reread(id, viewer));
      },
    );

    app.get(
      '/events/:id/challenges',
      {
        schema: {
          tags,
          summary: 'The challenges of an event (names for community members only)',
          params: idParams,
          response: { 200: listOf(challengeSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const access = await getEventAccess(db, request.params.id, viewer);
        return { items: await listChallenges(db, access, viewer) };
      },
    );

    app.get(
      '/challenges/:id',
      {
        schema: {
          tags,
          summary: 'A challenge with its teams and outcome',
          params: idParams,
          response: { 200: challengeSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        return reread(request.params.id, viewer);
      },
    );

    app.patch(
      '/challenges/:id',
      {
        schema: {
          tags,
          summary: 'Edit a challenge or write its outcome (its carriers and the event’s organisers)',
          params: idParams,
          body: challengePatchSchema,
          response: { 200: challengeSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getChallengeAccess(db, request.params.id, viewer);
        if (!access.abilities.steer) {
          throw new AppError(
            'FORBIDDEN',
            'Only the challenge’s carriers and the event’s organisers can do this',
          );
        }
        await patchChallenge(db, access.challenge, access.event.community.id, request.body);
        changed(access.challenge.eventId);
        return reread(access.challenge.id, viewer);
      },
    );

    app.delete(
      '/challenges/:id',
      {
        schema: {
          tags,
          summary: 'Delete a challenge (the event’s organisers)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getChallengeAccess(db, request.params.id, viewer);
        if (!access.event.abilities.steer) {
          throw new AppError('FORBIDDEN', 'Only the event’s organisers can delete a challenge');
        }
        await deleteChallenge(db, access.challenge.id);
        changed(access.challenge.eventId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/challenges/:id/teams',
      {
        schema: {
          tags,
          summary: 'Add a named team to a challenge (its carriers and the event’s organisers)',
          params: idParams,
          body: teamCreateSchema,
          response: { 201: challengeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getChallengeAccess(db, request.params.id, viewer);
        if (!access.abilities.steer) {
          throw new AppError(
            'FORBIDDEN',
            'Only the challenge’s carriers and the event’s organisers can do this',
          );
        }
        await addTeam(db, access.challenge, request.body.name);
        changed(access.challenge.eventId);
        return reply.status(201).send(await reread(access.challenge.id, viewer));
      },
    );

    app.post(
      '/challenges/:id/teams/me',
      {
        schema: {
          tags,
          summary:
            'Join a team: the one given if it has room (409 when full), or the first with room, or a new one',
          params: idParams,
          body: teamJoinSchema,
          response: { 200: challengeSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getChallengeAccess(db, request.params.id, viewer);
        if (!access.abilities.takePart) {
          throw new AppError('FORBIDDEN', 'Teams of this challenge cannot be joined now');
        }
        await joinTeam(db, access.challenge.id, viewer.id, request.body.teamId);
        changed(access.challenge.eventId);
        return reread(access.challenge.id, viewer);
      },
    );

    app.delete(
      '/challenges/:id/teams/me',
      {
        schema: {
          tags,
          summary: 'Leave my team of a challenge',
          params: idParams,
          response: { 200: challengeSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getChallengeAccess(db, request.params.id, viewer);
        await leaveTeam(db, access.challenge.id, viewer.id);
        changed(access.challenge.eventId);
        return reread(access.challenge.id, viewer);
      },
    );
  };
}
