import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleCreateSchema, rolePatchSchema, roleSchema } from '../../../contract/challenge.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { eventTopic, getEventAccess, getSteeredEvent } from './event-access.ts';
import { createRole, deleteRole, patchRole, releaseRole, takeRole } from './roles.commands.ts';
import { getRoleAccess, listRoles, roleDetail } from './roles.queries.ts';

const tags = ['events'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Roles of an event ("Qui porte la Riposte le jour j ?"): duties members take. */
export function rolesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  /** Whoever watches the event (its page) reads it again. */
  const changed = (eventId: string) => live.publish(eventTopic(eventId), { type: 'event.changed', eventId });
  const reread = async (id: string, viewer: Viewer | undefined) =>
    roleDetail(db, await getRoleAccess(db, id, viewer), viewer);
  const steered = async (id: string, viewer: Viewer) => {
    const access = await getRoleAccess(db, id, viewer);
    if (!access.abilities.steer) throw new AppError('FORBIDDEN', 'Only the event’s organisers can do this');
    return access;
  };

  return async (app) => {
    app.post(
      '/events/:id/roles',
      {
        schema: {
          tags,
          summary: 'Add a role to an event: a duty and how many people it needs',
          params: idParams,
          body: roleCreateSchema,
          response: { 201: roleSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        const id = await createRole(db, event.id, viewer.id, request.body);
        changed(event.id);
        return reply.status(201).send(await reread(id, viewer));
      },
    );

    app.get(
      '/events/:id/roles',
      {
        schema: {
          tags,
          summary: 'The roles of an event (takers’ names for community members only)',
          params: idParams,
          response: { 200: listOf(roleSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const access = await getEventAccess(db, request.params.id, viewer);
        return { items: await listRoles(db, access, viewer) };
      },
    );

    app.patch(
      '/event-roles/:id',
      {
        schema: {
          tags,
          summary: 'Edit a role (it cannot need fewer people than took it)',
          params: idParams,
          body: rolePatchSchema,
          response: { 200: roleSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await steered(request.params.id, viewer);
        await patchRole(db, access.role, request.body);
        changed(access.role.eventId);
        return reread(access.role.id, viewer);
      },
    );

    app.delete(
      '/event-roles/:id',
      {
        schema: {
          tags,
          summary: 'Delete a role',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await steered(request.params.id, viewer);
        await deleteRole(db, access.role.id);
        changed(access.role.eventId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/event-roles/:id/takers/me',
      {
        schema: {
          tags,
          summary: 'Take a role (the community’s members; 409 when enough people took it)',
          params: idParams,
          response: { 200: roleSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getRoleAccess(db, request.params.id, viewer);
        if (!access.abilities.takePart) {
          throw new AppError('FORBIDDEN', 'Roles are taken by members of the event’s community');
        }
        await takeRole(db, access.role.id, viewer.id);
        changed(access.role.eventId);
        return reread(access.role.id, viewer);
      },
    );

    app.delete(
      '/event-roles/:id/takers/me',
      {
        schema: {
          tags,
          summary: 'Release a role I took',
          params: idParams,
          response: { 200: roleSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getRoleAccess(db, request.params.id, viewer);
        await releaseRole(db, access.role.id, viewer.id);
        changed(access.role.eventId);
        return reread(access.role.id, viewer);
      },
    );
  };
}
