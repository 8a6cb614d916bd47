import type { Kysely, Selectable } from 'kysely';
import { type Abilities, abilitiesOn, type Standing } from '../../../domain/policy.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { resolveCommunityStanding } from '../../policy/standing.ts';
import type { EventsTable } from './events.tables.ts';

export type EventRow = Selectable<EventsTable>;

export interface EventCommunity {
  id: string;
  slug: string;
  name: string;
}

export interface EventAccess {
  event: EventRow;
  community: EventCommunity;
  standing: Standing;
  /** read: see it (public: anyone); takePart: register, take a role, join a team; steer: organise. */
  abilities: Abilities;
}

export const eventTopic = (eventId: string) => `event:${eventId}`;

/** A community (id or slug) and the viewer's standing in it, or 404. */
export async function findCommunity(db: Kysely<DB>, idOrSlug: string, viewer: Viewer | undefined) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  if (!community) throw notFound('Community');
  const standing = await resolveCommunityStanding(db, community.id, viewer);
  return { community, standing };
}

/** What the viewer may do on a community's events in general: steer = create one. */
export function communityEventAbilities(standing: Standing): Abilities {
  return abilitiesOn(standing, { kind: 'event', visibility: 'community', createdBy: null });
}

/** Not cancelled, not over: people may still register, take roles, join teams. */
export const isOpen = (event: Pick<EventRow, 'cancelledAt' | 'endsAt'>, now = Date.now()) =>
  event.cancelledAt === null && Date.parse(toIso(event.endsAt)) > now;

/** The event if the viewer may see it (404 otherwise, as if absent), with what they may do. */
export async function getEventAccess(
  db: Kysely<DB>,
  eventId: string,
  viewer: Viewer | undefined,
): Promise<EventAccess> {
  const event = await db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!event) throw notFound('Event');
  const { community, standing } = await findCommunity(db, event.communityId, viewer);
  const abilities = abilitiesOn(standing, {
    kind: 'event',
    visibility: event.visibility,
    createdBy: event.createdBy,
  });
  if (!abilities.read) throw notFound('Event');
  return {
    event,
    community,
    standing,
    // Registering, taking a role or joining a team ends with the event (or its cancellation).
    abilities: { ...abilities, takePart: abilities.takePart && isOpen(event) },
  };
}

/** The event if the viewer organises it: 404 when hidden, 403 when only seen. */
export async function getSteeredEvent(db: Kysely<DB>, eventId: string, viewer: Viewer | undefined) {
  const access = await getEventAccess(db, eventId, viewer);
  if (!access.abilities.steer) throw new AppError('FORBIDDEN', 'Only the event’s organisers can do this');
  return access;
}
