/**
 * Events of a community (an université, a forum day, a distanced event within the event): their
 * programme of slots on sites, registrations with capacity and waitlist, and guests' double opt-in.
 */

export const eventVisibilities = ['public', 'community'] as const;
export type EventVisibility = (typeof eventVisibilities)[number];

export const slotKinds = ['plenary', 'workshop', 'open-space', 'challenge', 'break'] as const;
export type SlotKind = (typeof slotKinds)[number];

/**
 * A registration to an event: `unconfirmed` (a guest who has not opened the link they were sent:
 * it holds no place), `confirmed` (has a place), `waitlisted` (in line for one), `cancelled`.
 */
export const registrationStatuses = ['unconfirmed', 'confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** A registration to one slot; `pending` while the registration itself is unconfirmed. */
export const slotRegistrationStatuses = ['pending', 'confirmed', 'waitlisted'] as const;
export type SlotRegistrationStatus = (typeof slotRegistrationStatuses)[number];

/** How long a guest's confirmation link works; after it the registration is gone. */
export const GUEST_CONFIRM_HOURS = 48;
/** An event lasts at most this long (a festival month), a slot at most a day. */
export const MAX_EVENT_DAYS = 62;
export const MAX_SLOT_HOURS = 24;
export const MAX_SLOTS_PER_EVENT = 400;
export const MAX_SITES_PER_EVENT = 50;
export const MAX_CAPACITY = 100_000;

export interface Interval {
  startsAt: string;
  endsAt: string;
}

const ms = (iso: string) => Date.parse(iso);

/** Two intervals overlap when each starts before the other ends (touching ends do not overlap). */
export function overlaps(a: Interval, b: Interval): boolean {
  return ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
}

/** The first pair of overlapping intervals in a list, if any. */
export function firstOverlap<T extends Interval>(items: readonly T[]): [T, T] | undefined {
  const sorted = [...items].sort((a, b) => ms(a.startsAt) - ms(b.startsAt));
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1] as T;
    const current = sorted[index] as T;
    if (overlaps(previous, current)) return [previous, current];
  }
  return undefined;
}

/** Whether an interval lies within another (a slot within its event). */
export function within(inner: Interval, outer: Interval): boolean {
  return ms(inner.startsAt) >= ms(outer.startsAt) && ms(inner.endsAt) <= ms(outer.endsAt);
}

/** Whether someone placed now gets a place: the count of those already confirmed is below capacity. */
export function placeFor(confirmedCount: number, capacity: number | null): 'confirmed' | 'waitlisted' {
  return capacity === null || confirmedCount < capacity ? 'confirmed' : 'waitlisted';
}

/** The day (YYYY-MM-DD) an instant falls on in a time zone, for the timetable's days. */
export function dayIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** The month (YYYY-MM) an instant falls in, in a time zone: how an events page groups its events. */
export function monthIn(iso: string, timeZone: string): string {
  return dayIn(iso, timeZone).slice(0, 7);
}
