import { z } from 'zod';
import { dateAnswerValues, datePollStatuses, MAX_DATE_POLL_SLOTS } from '../domain/date-poll.ts';
import { abilitiesSchema, deprecatedFlag } from './abilities.ts';
import { personNameSchema } from './person-name.ts';
import { sessionSchema } from './session.ts';
import { isoInstant, timeZone } from './time.ts';

const text = (max: number) => z.string().trim().max(max);
const id = z.string().min(1).max(100);

const slotInput = z
  .object({ startsAt: isoInstant, endsAt: isoInstant })
  .strict()
  .refine((slot) => Date.parse(slot.endsAt) > Date.parse(slot.startsAt), {
    message: 'must end after it starts',
    path: ['endsAt'],
  });

export const datePollCreateSchema = z
  .object({
    title: text(200).min(1),
    slots: z.array(slotInput).min(1).max(MAX_DATE_POLL_SLOTS),
    timeZone: timeZone.default('Europe/Paris'),
    deadline: isoInstant.optional(),
    hideParticipants: z.boolean().default(false),
  })
  .strict();
export type DatePollCreateInput = z.infer<typeof datePollCreateSchema>;

/** The organiser's edits; slots stay as they are once people have answered them. */
export const datePollPatchSchema = z
  .object({ title: text(200).min(1), deadline: isoInstant.nullable(), hideParticipants: z.boolean() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type DatePollPatch = z.infer<typeof datePollPatchSchema>;

const answersInput = z
  .array(z.object({ slotId: id, value: z.enum(dateAnswerValues) }).strict())
  .max(MAX_DATE_POLL_SLOTS);
export type DateAnswerInput = z.infer<typeof answersInput>;

export const myDateAnswersSchema = z
  .object({ answers: answersInput, comment: text(1000).optional() })
  .strict();
export const guestAnswersCreateSchema = z
  .object({
    name: personNameSchema,
    email: z.email().max(254).optional(),
    answers: answersInput,
    comment: text(1000).optional(),
    /** The secret of the poll's shareable link; needed unless the circle is public. */
    shareToken: z.string().max(100).optional(),
  })
  .strict();
export const guestAnswersPutSchema = z
  .object({ answers: answersInput, comment: text(1000).optional(), name: personNameSchema.optional() })
  .strict();
/**
 * The slots the poll closes on, one session each: `slotIds` (one or several), or `slotId` for a
 * single slot (the first form of this request, still taken).
 */
export const datePollCloseSchema = z
  .object({
    slotId: id.optional(),
    slotIds: z.array(id).min(1).max(MAX_DATE_POLL_SLOTS).optional(),
  })
  .strict()
  .refine((body) => (body.slotId === undefined) !== (body.slotIds === undefined), {
    message: 'give slotId or slotIds, not both',
    path: ['slotIds'],
  });
export type DatePollCloseInput = z.infer<typeof datePollCloseSchema>;

export const datePollSlotSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  yes: z.number().int(),
  maybe: z.number().int(),
  no: z.number().int(),
  /** Most yes, then most "if need be" (ties are all best). */
  isBest: z.boolean(),
  /** The session created for this slot when the poll closed on it; null for slots not chosen. */
  sessionId: z.string().nullable(),
});

export const datePollParticipantSchema = z.object({
  /** Null when the organiser hid participants' names from the others. */
  name: z.string().nullable(),
  isGuest: z.boolean(),
  isMe: z.boolean(),
  comment: z.string(),
  answers: z.array(z.object({ slotId: z.string(), value: z.enum(dateAnswerValues) })),
});

export const datePollSummarySchema = z
  .object({
    id: z.string(),
    circleId: z.string(),
    title: z.string(),
    timeZone: z.string(),
    deadline: z.string().nullable(),
    status: z.enum(datePollStatuses),
    slotCount: z.number().int(),
    respondentCount: z.number().int(),
    sessionId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'DatePollSummary' });
export type DatePollSummary = z.infer<typeof datePollSummarySchema>;

export const datePollSchema = z
  .object({
    id: z.string(),
    circleId: z.string(),
    circleName: z.string(),
    title: z.string(),
    timeZone: z.string(),
    deadline: z.string().nullable(),
    hideParticipants: z.boolean(),
    status: z.enum(datePollStatuses),
    /** Open, and before its deadline. */
    isAnswerable: z.boolean(),
    /** The first chosen slot and its session (a poll may close on several: see chosenSlotIds). */
    chosenSlotId: z.string().nullable(),
    sessionId: z.string().nullable(),
    /** Every slot the poll closed on, in time order; each has its session (slots[].sessionId). */
    chosenSlotIds: z.array(z.string()),
    organiserName: z.string().nullable(),
    slots: z.array(datePollSlotSchema),
    participants: z.array(datePollParticipantSchema),
    /** The shareable link's secret: given to the circle's members, never to guests. */
    shareToken: z.string().nullable(),
    abilities: abilitiesSchema,
    canAnswer: deprecatedFlag('takePart'),
    canClose: deprecatedFlag('steer'),
    createdAt: z.string(),
  })
  .meta({ id: 'DatePoll' });
export type DatePoll = z.infer<typeof datePollSchema>;
export type DatePollSlot = z.infer<typeof datePollSlotSchema>;
export type DatePollParticipant = z.infer<typeof datePollParticipantSchema>;

export const guestAnswerCreatedSchema = z.object({ editToken: z.string(), pollId: z.string() });
export const guestAnswerSchema = z.object({
  poll: datePollSchema,
  name: z.string(),
  comment: z.string(),
  answers: z.array(z.object({ slotId: z.string(), value: z.enum(dateAnswerValues) })),
});
export type GuestAnswer = z.infer<typeof guestAnswerSchema>;
/** `session` is the first of `sessions` (one per chosen slot, in time order). */
export const datePollClosedSchema = z.object({ session: sessionSchema, sessions: z.array(sessionSchema) });
