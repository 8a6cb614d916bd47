import type { Kysely, Selectable } from 'kysely';
import type { Abilities } from '../../../domain/policy.ts';
import { toBool } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { type EventAccess, getEventAccess } from '../events/events.public.ts';
import type { OpenSpaceSessionsTable, OpenSpacesTable } from './open-spaces.tables.ts';

export type OpenSpaceRow = Selectable<OpenSpacesTable>;
export type OpenSpaceSessionRow = Selectable<OpenSpaceSessionsTable>;

/**
 * An open space as the viewer may see it. Its rules are its event's: who reads the event reads its
 * open spaces; who takes part in it (signed in, the event not cancelled) proposes sessions and says
 * where they are; who organises it organises the open space and compiles the report.
 */
export interface OpenSpaceAccess extends EventAccess {
  openSpace: OpenSpaceRow;
}

/** The open space if the viewer may see its event (404 otherwise, as if absent). */
export async function getOpenSpaceAccess(
  db: Kysely<DB>,
  openSpaceId: string,
  viewer: Viewer | undefined,
): Promise<OpenSpaceAccess> {
  const openSpace = await db
    .selectFrom('openSpaces')
    .selectAll()
    .where('id', '=', openSpaceId)
    .executeTakeFirst();
  if (!openSpace) throw notFound('Open space');
  try {
    return { ...(await getEventAccess(db, openSpace.eventId, viewer)), openSpace };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Open space');
    throw error;
  }
}

/** The open space if the viewer organises its event: 404 when hidden, 403 when only seen. */
export async function getSteeredOpenSpace(db: Kysely<DB>, openSpaceId: string, viewer: Viewer | undefined) {
  const access = await getOpenSpaceAccess(db, openSpaceId, viewer);
  if (!access.abilities.steer) {
    throw new AppError('FORBIDDEN', 'Only the event’s organisers can do this');
  }
  return access;
}

/** The open space if the viewer may take part in it (propose, say where they are). */
export async function getOpenSpaceToTakePart(db: Kysely<DB>, openSpaceId: string, viewer: Viewer) {
  const access = await getOpenSpaceAccess(db, openSpaceId, viewer);
  if (!access.abilities.takePart) {
    throw new AppError('FORBIDDEN', 'Only the event’s participants can take part in its open space');
  }
  return access;
}

/**
 * What the viewer may do on one session: its host (while they may still take part) and the
 * organisers steer it (edit, move, withdraw, open its notes); the participants write its notes once
 * the host opened them; its host and the organisers always may.
 */
export function sessionAbilities(
  access: Pick<OpenSpaceAccess, 'abilities'>,
  session: Pick<OpenSpaceSessionRow, 'hostId' | 'notesOpen'>,
  viewer: Viewer | undefined,
): Abilities {
  const isHost = viewer !== undefined && session.hostId === viewer.id;
  const steer = access.abilities.steer || (isHost && access.abilities.takePart);
  return {
    read: access.abilities.read,
    takePart: steer || (access.abilities.takePart && toBool(session.notesOpen)),
    steer,
  };
}

export interface OpenSpaceSessionAccess extends OpenSpaceAccess {
  session: OpenSpaceSessionRow;
  sessionAbilities: Abilities;
}

/** A session of an open space, as the viewer may see it (404 otherwise). */
export async function getOpenSpaceSessionAccess(
  db: Kysely<DB>,
  sessionId: string,
  viewer: Viewer | undefined,
  openSpaceId?: string,
): Promise<OpenSpaceSessionAccess> {
  const session = await db
    .selectFrom('openSpaceSessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session || (openSpaceId !== undefined && session.openSpaceId !== openSpaceId)) {
    throw notFound('Session');
  }
  const access = await getOpenSpaceAccess(db, session.openSpaceId, viewer);
  return { ...access, session, sessionAbilities: sessionAbilities(access, session, viewer) };
}
