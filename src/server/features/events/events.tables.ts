import type {
  EventVisibility,
  RegistrationStatus,
  SlotKind,
  SlotRegistrationStatus,
} from '../../../domain/event.ts';
import type { Timestamp } from '../../db/schema.ts';

/** An event of a community; `parentId` names the event it is part of. */
export interface EventsTable {
  id: string;
  communityId: string;
  parentId: string | null;
  title: string;
  /** Markdown, sanitised when rendered. */
  description: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  timeZone: string;
  visibility: EventVisibility;
  capacity: number | null;
  cancelledAt: Timestamp | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A place (address, capacity) or an online room (visio link) of an event. */
export interface EventSitesTable {
  id: string;
  eventId: string;
  position: number;
  name: string;
  address: string;
  onlineUrl: string | null;
  capacity: number | null;
  createdAt: Timestamp;
}

/** A slot of the programme. */
export interface EventSlotsTable {
  id: string;
  eventId: string;
  siteId: string | null;
  title: string;
  kind: SlotKind;
  startsAt: Timestamp;
  endsAt: Timestamp;
  /** JSON: string[], the speakers or hosts as printed. */
  speakers: string;
  description: string;
  capacity: number | null;
  createdAt: Timestamp;
}

/**
 * A registration to an event: a member's (`userId`) or a guest's (name, address, language). A
 * guest's is `unconfirmed` until the link they were sent is opened: it holds no place and is gone
 * after 48 h. `position` is the order of arrival among those placed (confirmed or waitlisted),
 * unique per event: the waitlist is promoted in that order.
 */
export interface EventRegistrationsTable {
  id: string;
  eventId: string;
  userId: string | null;
  guestName: string | null;
  guestEmail: string | null;
  guestLocale: string | null;
  status: RegistrationStatus;
  position: number | null;
  /**
   * A guest's link (confirm, cancel, calendar): the token is the HMAC of this random nonce under
   * the instance secret, so the mail job can rebuild it; only its SHA-256 is looked up.
   */
  tokenNonce: string | null;
  tokenHash: string | null;
  confirmBy: Timestamp | null;
  attendance: 'present' | 'absent' | null;
  createdAt: Timestamp;
  placedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
}

/** One registration's place on one slot, ordered per slot by `position` (null while pending). */
export interface EventSlotRegistrationsTable {
  id: string;
  registrationId: string;
  slotId: string;
  status: SlotRegistrationStatus;
  position: number | null;
  createdAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    events: EventsTable;
    eventSites: EventSitesTable;
    eventSlots: EventSlotsTable;
    eventRegistrations: EventRegistrationsTable;
    eventSlotRegistrations: EventSlotRegistrationsTable;
  }
}
