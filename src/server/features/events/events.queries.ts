import type { Kysely } from 'kysely';
import type {
  EventDto,
  EventSummaryDto,
  MyRegistrationDto,
  OrganiserRegistrationDto,
  RegistrationLinkDto,
  SiteDto,
  SlotDto,
} from '../../../contract/event.ts';
import type { RegistrationStatus, SlotRegistrationStatus } from '../../../domain/event.ts';
import { abilitiesOn, type Standing } from '../../../domain/policy.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { territoryCodesOf } from '../territories/territories.public.ts';
import { listChallenges } from './challenges.queries.ts';
import { type EventAccess, type EventCommunity, isOpen } from './event-access.ts';
import { isExpired } from './registrations.commands.ts';
import { listRoles } from './roles.queries.ts';

const eventOrder: Keyset<{ id: string; startsAt: Date | string }> = {
  list: 'events',
  keys: [{ expr: 'e.startsAt', kind: 'time' }],
  id: 'e.id',
  of: (row) => ({ keys: [toIso(row.startsAt)], id: row.id }),
};

/**
 * The events of a community the viewer may see (public ones for everybody, community ones for its
 * members and admins, decided in the SQL), in time order, optionally from an instant on.
 */
export async function listEvents(
  db: Kysely<DB>,
  community: EventCommunity,
  standing: Standing,
  options: { from?: string | undefined; parentId?: string },
  page: PageRequest,
) {
  const seesCommunityEvents = abilitiesOn(standing, {
    kind: 'event',
    visibility: 'community',
    createdBy: null,
  }).read;
  let query = db
    .selectFrom('events as e')
    .selectAll('e')
    .select((eb) => [
      eb
        .selectFrom('eventRegistrations as r')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('r.eventId', '=', 'e.id')
        .where('r.status', '=', 'confirmed')
        .as('confirmedCount'),
    ])
    .where('e.communityId', '=', community.id);
  if (!seesCommunityEvents) query = query.where('e.visibility', '=', 'public');
  if (options.from) query = query.where('e.endsAt', '>=', toIso(options.from));
  if (options.parentId) query = query.where('e.parentId', '=', options.parentId);
  const rows = await pageQuery(query, eventOrder, page).execute();
  const { items, nextCursor } = toPage(rows, eventOrder, page);
  const sites = await sitesOf(
    db,
    items.map((row) => row.id),
  );
  return {
    items: items.map(
      (row): EventSummaryDto => ({
        id: row.id,
        communitySlug: community.slug,
        title: row.title,
        startsAt: toIso(row.startsAt),
        endsAt: toIso(row.endsAt),
        timeZone: row.timeZone,
        visibility: row.visibility,
        parentId: row.parentId,
        cancelled: row.cancelledAt !== null,
        siteNames: sites.get(row.id) ?? [],
        confirmedCount: Number(row.confirmedCount ?? 0),
        capacity: row.capacity,
      }),
    ),
    nextCursor,
  };
}

async function sitesOf(db: Kysely<DB>, eventIds: string[]) {
  const byEvent = new Map<string, string[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .selectFrom('eventSites')
    .select(['eventId', 'name'])
    .where('eventId', 'in', eventIds)
    .orderBy('position')
    .execute();
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row.name]);
  return byEvent;
}

/** Places in line, 1 = next: the waitlisted ahead of each, counted per event and per slot. */
async function waitlistPositions(db: Kysely<DB>, eventId: string) {
  const event = await db
    .selectFrom('eventRegistrations')
    .select(['id', 'position'])
    .where('eventId', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('position')
    .execute();
  const slots = await db
    .selectFrom('eventSlotRegistrations as sr')
    .innerJoin('eventSlots as s', 's.id', 'sr.slotId')
    .select(['sr.registrationId', 'sr.slotId'])
    .where('s.eventId', '=', eventId)
    .where('sr.status', '=', 'waitlisted')
    .orderBy('sr.slotId')
    .orderBy('sr.position')
    .execute();
  const onEvent = new Map(event.map((row, index) => [row.id, index + 1]));
  const onSlot = new Map<string, number>();
  const counters = new Map<string, number>();
  for (const row of slots) {
    const next = (counters.get(row.slotId) ?? 0) + 1;
    counters.set(row.slotId, next);
    onSlot.set(`${row.registrationId}:${row.slotId}`, next);
  }
  return { onEvent, onSlot };
}

type Positions = Awaited<ReturnType<typeof waitlistPositions>>;

async function slotRegistrationsOf(db: Kysely<DB>, registrationIds: string[], positions: Positions) {
  const bySlot = new Map<string, MyRegistrationDto['slots']>();
  if (registrationIds.length === 0) return bySlot;
  const rows = await db
    .selectFrom('eventSlotRegistrations as sr')
    .innerJoin('eventSlots as s', 's.id', 'sr.slotId')
    .select(['sr.registrationId', 'sr.slotId', 'sr.status'])
    .where('sr.registrationId', 'in', registrationIds)
    .orderBy('s.startsAt')
    .execute();
  for (const row of rows) {
    const list = bySlot.get(row.registrationId) ?? [];
    list.push({
      slotId: row.slotId,
      status: row.status,
      waitlistPosition:
        row.status === 'waitlisted'
          ? (positions.onSlot.get(`${row.registrationId}:${row.slotId}`) ?? null)
          : null,
    });
    bySlot.set(row.registrationId, list);
  }
  return bySlot;
}

/** One registration as its holder sees it. */
export async function registrationView(db: Kysely<DB>, registrationId: string): Promise<MyRegistrationDto> {
  const row = await db
    .selectFrom('eventRegistrations')
    .select(['id', 'eventId', 'status'])
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const positions = await waitlistPositions(db, row.eventId);
  const slots = await slotRegistrationsOf(db, [row.id], positions);
  return {
    id: row.id,
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? (positions.onEvent.get(row.id) ?? null) : null,
    slots: slots.get(row.id) ?? [],
  };
}

/**
 * The event as the viewer may see it: its sites (visio links only for those with a place and for
 * organisers), its programme with counts, the events within it they may see, their registration.
 * Counts are numbers only: nobody but organisers learns who registered.
 */
export async function eventDetail(
  db: Kysely<DB>,
  access: EventAccess,
  viewer: Viewer | undefined,
): Promise<EventDto> {
  const { event, community, standing, abilities } = access;
  const mine = viewer
    ? await db
        .selectFrom('eventRegistrations')
        .select(['id', 'status'])
        .where('eventId', '=', event.id)
        .where('userId', '=', viewer.id)
        .where('status', '!=', 'cancelled')
        .executeTakeFirst()
    : undefined;
  const myRegistration = mine ? await registrationView(db, mine.id) : null;
  const mySlots = new Map(myRegistration?.slots.map((slot) => [slot.slotId, slot.status]) ?? []);
  const seesLinks = abilities.steer || mine?.status === 'confirmed';

  const [sites, slots, counts, parent, children, territories] = await Promise.all([
    db.selectFrom('eventSites').selectAll().where('eventId', '=', event.id).orderBy('position').execute(),
    db
      .selectFrom('eventSlots as s')
      .selectAll('s')
      .select((eb) => [
        eb
          .selectFrom('eventSlotRegistrations as sr')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('sr.slotId', '=', 's.id')
          .where('sr.status', '=', 'confirmed')
          .as('confirmedCount'),
        eb
          .selectFrom('eventSlotRegistrations as sr')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('sr.slotId', '=', 's.id')
          .where('sr.status', '=', 'waitlisted')
          .as('waitlistCount'),
      ])
      .where('s.eventId', '=', event.id)
      .orderBy('s.startsAt')
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('eventRegistrations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('eventId', '=', event.id)
      .where('status', 'in', ['confirmed', 'waitlisted'])
      .groupBy('status')
      .execute(),
    event.parentId
      ? db
          .selectFrom('events')
          .select(['id', 'title', 'visibility'])
          .where('id', '=', event.parentId)
          .executeTakeFirst()
      : undefined,
    listEvents(db, community, standing, { parentId: event.id }, { limit: 100, scope: event.id }),
    territoryCodesOf(db, 'event', [event.id]),
  ]);
  const count = (status: RegistrationStatus) => Number(counts.find((row) => row.status === status)?.n ?? 0);
  const seesParent =
    parent !== undefined &&
    abilitiesOn(standing, { kind: 'event', visibility: parent.visibility, createdBy: null }).read;
  return {
    id: event.id,
    communitySlug: community.slug,
    communityName: community.name,
    title: event.title,
    description: event.description,
    startsAt: toIso(event.startsAt),
    endsAt: toIso(event.endsAt),
    timeZone: event.timeZone,
    visibility: event.visibility,
    capacity: event.capacity,
    cancelled: event.cancelledAt !== null,
    parent: seesParent ? { id: parent.id, title: parent.title } : null,
    children: children.items,
    territoryCodes: territories.get(event.id) ?? [],
    sites: sites.map(
      (site): SiteDto => ({
        id: site.id,
        name: site.name,
        address: site.address,
        online: site.onlineUrl !== null,
        onlineUrl: seesLinks ? site.onlineUrl : null,
        capacity: site.capacity,
      }),
    ),
    slots: slots.map(
      (slot): SlotDto => ({
        id: slot.id,
        title: slot.title,
        kind: slot.kind,
        startsAt: toIso(slot.startsAt),
        endsAt: toIso(slot.endsAt),
        siteId: slot.siteId,
        speakers: JSON.parse(slot.speakers) as string[],
        description: slot.description,
        capacity: slot.capacity,
        confirmedCount: Number(slot.confirmedCount ?? 0),
        waitlistCount: Number(slot.waitlistCount ?? 0),
        myStatus: (mySlots.get(slot.id) as SlotRegistrationStatus | undefined) ?? null,
      }),
    ),
    confirmedCount: count('confirmed'),
    waitlistCount: count('waitlisted'),
    myRegistration,
    guestsWelcome: event.visibility === 'public' && isOpen(event),
    abilities,
    challenges: await listChallenges(db, access, viewer),
    roles: await listRoles(db, access, viewer),
  };
}

const registrationOrder: Keyset<{ id: string; createdAt: Date | string }> = {
  list: 'event-registrations',
  keys: [{ expr: 'r.createdAt', kind: 'time' }],
  id: 'r.id',
  of: (row) => ({ keys: [toIso(row.createdAt)], id: row.id }),
};

function registrationsQuery(db: Kysely<DB>, eventId: string) {
  return db
    .selectFrom('eventRegistrations as r')
    .leftJoin('users as u', 'u.id', 'r.userId')
    .select([
      'r.id',
      'r.status',
      'r.createdAt',
      'r.attendance',
      'r.guestName',
      'r.guestEmail',
      'r.userId',
      'r.confirmBy',
      'u.name as userName',
      'u.email as userEmail',
      'u.isPlaceholder',
    ])
    .where('r.eventId', '=', eventId)
    .where('r.status', '!=', 'cancelled');
}

type RegistrationRow = Awaited<ReturnType<ReturnType<typeof registrationsQuery>['execute']>>[number];

async function toOrganiserRows(db: Kysely<DB>, eventId: string, rows: RegistrationRow[]) {
  const live = rows.filter((row) => !isExpired(row));
  const positions = await waitlistPositions(db, eventId);
  const slots = await slotRegistrationsOf(
    db,
    live.map((row) => row.id),
    positions,
  );
  return live.map(
    (row): OrganiserRegistrationDto => ({
      id: row.id,
      name: row.userId ? (row.userName ?? '') : (row.guestName ?? ''),
      email: row.userId ? (row.isPlaceholder ? null : (row.userEmail ?? null)) : row.guestEmail,
      guest: row.userId === null,
      status: row.status,
      waitlistPosition: row.status === 'waitlisted' ? (positions.onEvent.get(row.id) ?? null) : null,
      registeredAt: toIso(row.createdAt),
      slots: slots.get(row.id) ?? [],
      attendance: row.attendance,
    }),
  );
}

/** One page of an event's registrations, for its organisers, in order of arrival. */
export async function listRegistrations(db: Kysely<DB>, eventId: string, page: PageRequest) {
  const rows = await pageQuery(registrationsQuery(db, eventId), registrationOrder, page).execute();
  const { items, nextCursor } = toPage(rows, registrationOrder, page);
  return { items: await toOrganiserRows(db, eventId, items), nextCursor };
}

/** Every registration of an event, for the CSV export. */
export async function allRegistrations(db: Kysely<DB>, eventId: string) {
  const rows = await registrationsQuery(db, eventId).orderBy('r.createdAt').orderBy('r.id').execute();
  return toOrganiserRows(db, eventId, rows);
}

/** What a guest's link shows: the event, their registration and its slots. */
export async function registrationLinkView(
  db: Kysely<DB>,
  row: {
    id: string;
    eventId: string;
    guestName: string | null;
    status: RegistrationStatus;
    confirmBy: Date | string | null;
  },
): Promise<RegistrationLinkDto> {
  const event = await db
    .selectFrom('events')
    .select(['id', 'title', 'startsAt', 'endsAt', 'timeZone'])
    .where('id', '=', row.eventId)
    .executeTakeFirstOrThrow();
  const view = await registrationView(db, row.id);
  const slotRows = await db
    .selectFrom('eventSlots')
    .select(['id', 'title', 'startsAt', 'endsAt'])
    .where('eventId', '=', row.eventId)
    .execute();
  const byId = new Map(slotRows.map((slot) => [slot.id, slot]));
  const expired = isExpired(row);
  return {
    event: {
      id: event.id,
      title: event.title,
      startsAt: toIso(event.startsAt),
      endsAt: toIso(event.endsAt),
      timeZone: event.timeZone,
    },
    // Anyone may type any name with any address: the instance shows it only once the address's
    // owner confirmed, never to whoever opens an unconfirmed link.
    name: row.status === 'unconfirmed' ? '' : (row.guestName ?? ''),
    status: row.status,
    waitlistPosition: view.waitlistPosition,
    slots: view.slots.map((slot) => {
      const info = byId.get(slot.slotId);
      return {
        ...slot,
        title: info?.title ?? '',
        startsAt: info ? toIso(info.startsAt) : '',
        endsAt: info ? toIso(info.endsAt) : '',
      };
    }),
    confirmable: row.status === 'unconfirmed' && !expired,
    confirmBy: row.status === 'unconfirmed' && row.confirmBy ? toIso(row.confirmBy) : null,
  };
}
