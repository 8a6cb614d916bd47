import { z } from 'zod';
import { firstOverlap } from '../domain/event.ts';
import { MAX_OPEN_SPACE_ROOMS, MAX_OPEN_SPACE_SLOTS } from '../domain/open-space.ts';
import { abilitiesSchema } from './abilities.ts';
import { isoInstant } from './time.ts';

const id = z.string().min(1).max(100);
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'one line, without control characters');

const slotInputSchema = z
  .object({ startsAt: isoInstant, endsAt: isoInstant })
  .strict()
  .superRefine((value, ctx) => {
    if (Date.parse(value.endsAt) <= Date.parse(value.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    }
  });

export const openSpaceCreateSchema = z
  .object({
    title: line(200).optional(),
    /** The rooms' names, in the order of the grid's columns. */
    rooms: z.array(line(100)).min(1).max(MAX_OPEN_SPACE_ROOMS),
    /** The time slots; within the event, not overlapping each other. */
    slots: z.array(slotInputSchema).min(1).max(MAX_OPEN_SPACE_SLOTS),
  })
  .strict()
  .superRefine((value, ctx) => {
    const names = value.rooms.map((name) => name.toLocaleLowerCase());
    const twice = names.findIndex((name, index) => names.indexOf(name) !== index);
    if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['rooms', twice], message: 'a room named twice' });
    if (firstOverlap(value.slots)) {
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'time slots must not overlap' });
    }
  });
export type OpenSpaceCreateInput = z.output<typeof openSpaceCreateSchema>;

export const openSpacePatchSchema = z
  .object({ title: line(200) })
  .partial()
  .strict();

export const openSpaceRoomSchema = z.object({ id: z.string(), name: z.string() });
export const openSpaceSlotSchema = z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() });

export const openSpaceSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  question: z.string(),
  roomId: z.string(),
  slotId: z.string(),
  /** Who proposed it and hosts it: a name only, for the community's members (null for others). */
  host: z.object({ name: z.string().nullable() }),
  /** How many people say they are here now (never who). */
  presentCount: z.number().int(),
  /** Whether the host opened its shared notes to the participants. */
  notesOpen: z.boolean(),
  /** Whether the viewer said they are here. */
  iAmHere: z.boolean(),
  /** The viewer hosts it. */
  mine: z.boolean(),
  /** What the viewer may do on this session: takePart = write its notes, steer = edit, move, withdraw. */
  abilities: abilitiesSchema,
});
export type OpenSpaceSessionDto = z.infer<typeof openSpaceSessionSchema>;

export const openSpaceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  eventId: z.string(),
  roomCount: z.number().int(),
  slotCount: z.number().int(),
  sessionCount: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});
export type OpenSpaceSummaryDto = z.infer<typeof openSpaceSummarySchema>;

export const openSpaceSchema = z.object({
  id: z.string(),
  title: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  timeZone: z.string(),
  rooms: z.array(openSpaceRoomSchema),
  slots: z.array(openSpaceSlotSchema),
  sessions: z.array(openSpaceSessionSchema),
  /** Where the viewer is, one place per time slot. */
  myPlaces: z.array(z.object({ slotId: z.string(), sessionId: z.string() })),
  /** read: see the grid; takePart: propose and say where one is; steer: organise, compile the report. */
  abilities: abilitiesSchema,
});
export type OpenSpaceDto = z.infer<typeof openSpaceSchema>;

export const openSpaceSessionCreateSchema = z
  .object({
    title: line(200),
    question: z.string().trim().max(2000).default(''),
    roomId: id,
    slotId: id,
  })
  .strict();
export type OpenSpaceSessionCreateInput = z.output<typeof openSpaceSessionCreateSchema>;

export const openSpaceSessionPatchSchema = z
  .object({
    title: line(200),
    question: z.string().trim().max(2000),
    roomId: id,
    slotId: id,
    /** The host opens (or closes) the notes to the participants' writing. */
    notesOpen: z.boolean(),
  })
  .partial()
  .strict();
export type OpenSpaceSessionPatchInput = z.output<typeof openSpaceSessionPatchSchema>;

/** One session with its notes as Markdown (what those who cannot write read). */
export const openSpaceSessionDetailSchema = openSpaceSessionSchema.extend({
  openSpaceId: z.string(),
  openSpaceTitle: z.string(),
  eventId: z.string(),
  timeZone: z.string(),
  roomName: z.string(),
  slot: openSpaceSlotSchema,
  notes: z.string(),
});
export type OpenSpaceSessionDetailDto = z.infer<typeof openSpaceSessionDetailSchema>;

export const presencePutSchema = z.object({ sessionId: id }).strict();
export const presenceDeleteQuerySchema = z.object({
  /** Leave the place of this time slot only (default: every place in this open space). */
  slotId: id.optional(),
});

declare module './live.ts' {
  interface LiveEvents {
    /** The grid changed (a proposal, a move, an edit, a presence): clients refetch. */
    'open-space.changed': { openSpaceId: string };
  }
}
