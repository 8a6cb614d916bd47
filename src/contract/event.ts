import { z } from 'zod';
import {
  eventVisibilities,
  MAX_CAPACITY,
  registrationStatuses,
  slotKinds,
  slotRegistrationStatuses,
} from '../domain/event.ts';
import { abilitiesSchema } from './abilities.ts';
import { challengeSchema, roleSchema } from './challenge.ts';
import { territoryCodesSchema } from './territory.ts';
import { oneLine } from './text.ts';
import { isoInstant, timeZone } from './time.ts';

const id = z.string().min(1).max(100);
const capacity = z.number().int().min(1).max(MAX_CAPACITY);
/** A web address people open: http(s) only, never javascript: or data:. */
const webUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'an http(s) address');

const endsAfterStart = <T extends { startsAt?: string | undefined; endsAt?: string | undefined }>(
  value: T,
  ctx: z.RefinementCtx,
) => {
  if (value.startsAt && value.endsAt && Date.parse(value.endsAt) <= Date.parse(value.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
};

const eventFields = {
  title: oneLine(200),
  /** Markdown, rendered sanitised. */
  description: z.string().trim().max(20_000),
  startsAt: isoInstant,
  endsAt: isoInstant,
  timeZone,
  visibility: z.enum(eventVisibilities),
  /** An event within the event: the parent, of the same community. */
  parentId: id.nullable(),
  /** How many people the event holds (null: no limit); beyond it, a waitlist. */
  capacity: capacity.nullable(),
};

export const eventCreateSchema = z
  .object({
    ...eventFields,
    description: eventFields.description.default(''),
    parentId: id.optional(),
    capacity: capacity.optional(),
  })
  .strict()
  .superRefine(endsAfterStart);
export type EventCreateInput = z.output<typeof eventCreateSchema>;

export const eventPatchSchema = z
  .object({ ...eventFields, cancelled: z.boolean(), territoryCodes: territoryCodesSchema })
  .partial()
  .strict()
  .superRefine(endsAfterStart);
export type EventPatchInput = z.output<typeof eventPatchSchema>;

export const siteCreateSchema = z
  .object({
    name: oneLine(200),
    address: z.string().trim().max(500).optional(),
    /** An online site's visio link; shown to registered people and organisers only. */
    onlineUrl: webUrl.optional(),
    capacity: capacity.optional(),
  })
  .strict();
export type SiteCreateInput = z.output<typeof siteCreateSchema>;
export const sitePatchSchema = z
  .object({
    name: oneLine(200),
    address: z.string().trim().max(500),
    onlineUrl: webUrl.nullable(),
    capacity: capacity.nullable(),
  })
  .partial()
  .strict();
export type SitePatchInput = z.output<typeof sitePatchSchema>;

export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  online: z.boolean(),
  /** Null unless the viewer is registered (confirmed) or organises the event. */
  onlineUrl: z.string().nullable(),
  capacity: z.number().int().nullable(),
});
export type SiteDto = z.infer<typeof siteSchema>;

const slotFields = {
  title: oneLine(200),
  kind: z.enum(slotKinds),
  startsAt: isoInstant,
  endsAt: isoInstant,
  siteId: id.nullable(),
  /** Speakers or hosts, as they appear on the programme. */
  speakers: z.array(oneLine(120)).max(20),
  description: z.string().trim().max(5000),
  capacity: capacity.nullable(),
};

export const slotCreateSchema = z
  .object({
    ...slotFields,
    siteId: id.optional(),
    speakers: slotFields.speakers.default([]),
    description: slotFields.description.default(''),
    capacity: capacity.optional(),
  })
  .strict()
  .superRefine(endsAfterStart);
export type SlotCreateInput = z.output<typeof slotCreateSchema>;

export const slotPatchSchema = z.object(slotFields).partial().strict().superRefine(endsAfterStart);
export type SlotPatchInput = z.output<typeof slotPatchSchema>;

export const slotSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(slotKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  siteId: z.string().nullable(),
  speakers: z.array(z.string()),
  description: z.string(),
  capacity: z.number().int().nullable(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  /** The viewer's place on this slot, if they registered for it. */
  myStatus: z.enum(slotRegistrationStatuses).nullable(),
});
export type SlotDto = z.infer<typeof slotSchema>;

export const eventRefSchema = z.object({ id: z.string(), title: z.string() });

export const registrationSlotSchema = z.object({
  slotId: z.string(),
  status: z.enum(slotRegistrationStatuses),
  /** Place in the slot's waitlist (1 = next), while waitlisted. */
  waitlistPosition: z.number().int().nullable(),
});

/** The viewer's own registration, as they see it. */
export const myRegistrationSchema = z.object({
  id: z.string(),
  status: z.enum(registrationStatuses),
  waitlistPosition: z.number().int().nullable(),
  slots: z.array(registrationSlotSchema),
});
export type MyRegistrationDto = z.infer<typeof myRegistrationSchema>;

export const eventSummarySchema = z.object({
  id: z.string(),
  communitySlug: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  visibility: z.enum(eventVisibilities),
  parentId: z.string().nullable(),
  cancelled: z.boolean(),
  /** The names of its sites ("online" ones included), in order. */
  siteNames: z.array(z.string()),
  confirmedCount: z.number().int(),
  capacity: z.number().int().nullable(),
});
export type EventSummaryDto = z.infer<typeof eventSummarySchema>;

export const eventSchema = z.object({
  id: z.string(),
  communitySlug: z.string(),
  communityName: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  visibility: z.enum(eventVisibilities),
  capacity: z.number().int().nullable(),
  cancelled: z.boolean(),
  parent: eventRefSchema.nullable(),
  /** Events within this event that the viewer may see. */
  children: z.array(eventSummarySchema),
  /** Régions ("R75") and départements ("33") where it takes place or whom it concerns. */
  territoryCodes: z.array(z.string()),
  sites: z.array(siteSchema),
  slots: z.array(slotSchema),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  myRegistration: myRegistrationSchema.nullable(),
  /** Where to register without an account, on a public event. */
  guestsWelcome: z.boolean(),
  abilities: abilitiesSchema,
  challenges: z.array(challengeSchema),
  roles: z.array(roleSchema),
});
export type EventDto = z.infer<typeof eventSchema>;

export const memberRegistrationSchema = z.object({ slotIds: z.array(id).max(50).default([]) }).strict();
export const guestRegistrationSchema = z
  .object({
    name: oneLine(120),
    email: z.email().max(254),
    slotIds: z.array(id).max(50).default([]),
  })
  .strict();
/** Signed in: `{slotIds?}`; a guest: `{name, email, slotIds?}`. */
export const registrationCreateSchema = z.union([guestRegistrationSchema, memberRegistrationSchema]);
export type RegistrationCreateInput = z.output<typeof registrationCreateSchema>;

export const registrationSchema = z.object({
  id: z.string(),
  status: z.enum(registrationStatuses),
  waitlistPosition: z.number().int().nullable(),
  slots: z.array(registrationSlotSchema),
});
export type RegistrationDto = z.infer<typeof registrationSchema>;

export const registrationSlotsPutSchema = z.object({ slotIds: z.array(id).max(50) }).strict();

/** What a registration link shows (no sign-in): the event, the registration, and what may be done. */
export const registrationLinkSchema = z.object({
  event: eventRefSchema.extend({ startsAt: z.string(), endsAt: z.string(), timeZone: z.string() }),
  name: z.string(),
  status: z.enum(registrationStatuses),
  waitlistPosition: z.number().int().nullable(),
  slots: z.array(
    registrationSlotSchema.extend({ title: z.string(), startsAt: z.string(), endsAt: z.string() }),
  ),
  /** Whether the link can still confirm the registration (unconfirmed and within 48 h). */
  confirmable: z.boolean(),
  /** Until when it can (ISO), while unconfirmed. */
  confirmBy: z.string().nullable(),
});
export type RegistrationLinkDto = z.infer<typeof registrationLinkSchema>;

export const attendanceValues = ['present', 'absent'] as const;
export const attendancePutSchema = z.object({ attendance: z.enum(attendanceValues).nullable() }).strict();

/** A registration as organisers see it. */
export const organiserRegistrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Organisers reach people by mail; guests' addresses included. */
  email: z.string().nullable(),
  guest: z.boolean(),
  status: z.enum(registrationStatuses),
  waitlistPosition: z.number().int().nullable(),
  registeredAt: z.string(),
  slots: z.array(registrationSlotSchema),
  attendance: z.enum(attendanceValues).nullable(),
});
export type OrganiserRegistrationDto = z.infer<typeof organiserRegistrationSchema>;

export const eventListQuerySchema = z.object({
  /** Only events ending at or after this instant (default: all). */
  from: isoInstant.optional(),
});

declare module './live.ts' {
  interface LiveEvents {
    /** Registrations or the programme changed: counts and places are read again, never who. */
    'event.changed': { eventId: string };
  }
}
