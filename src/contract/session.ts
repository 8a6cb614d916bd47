import { z } from 'zod';
import { agendaTemplateIds } from '../domain/agenda-templates.ts';
import { agendaLinkKinds } from '../domain/meeting-links.ts';
import { maxExtensionMinutes } from '../domain/meeting-timer.ts';
import { MAX_SERIES_OCCURRENCES, recurrenceFrequencies } from '../domain/recurrence.ts';
import {
  actionStatuses,
  agendaItemKinds,
  checkinRounds,
  participantStatuses,
  sessionStates,
  sessionStatuses,
  weathers,
} from '../domain/session.ts';
import { abilitiesSchema, deprecatedFlag } from './abilities.ts';
import { personNameSchema } from './person-name.ts';
import { isoInstant, timeZone } from './time.ts';

const text = (max: number) => z.string().trim().max(max);
const calendarDate = z.iso.date();
const id = z.string().min(1).max(100);
/** A visio link: https only (it ends up in calendars and mails); empty clears it. */
const videoUrl = z.union([z.url({ protocol: /^https$/ }).max(1000), z.literal('')]);

const endsAfterStart = <
  T extends { startsAt?: string | null | undefined; endsAt?: string | null | undefined },
>(
  value: T,
) => !value.startsAt || !value.endsAt || Date.parse(value.endsAt) > Date.parse(value.startsAt);
const endsAfterStartIssue = { message: 'must end after it starts', path: ['endsAt'] };

export const sessionCreateSchema = z
  .object({
    title: text(200).min(1),
    startsAt: isoInstant,
    endsAt: isoInstant,
    timeZone: timeZone.default('Europe/Paris'),
    place: text(500).optional(),
    description: text(4000).optional(),
    videoUrl: videoUrl.nullish(),
  })
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue);
export type SessionCreateInput = z.infer<typeof sessionCreateSchema>;

export const sessionPatchSchema = z
  .object({
    title: text(200).min(1),
    startsAt: isoInstant,
    endsAt: isoInstant,
    timeZone,
    place: text(500),
    description: text(4000),
    videoUrl: videoUrl.nullable(),
    synthesis: text(20000),
    notes: text(200000),
    status: z.enum(sessionStatuses),
  })
  .partial()
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue)
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type SessionPatch = z.infer<typeof sessionPatchSchema>;

// Optional fields also accept null, so an agenda read with GET can be sent back as it is.
const agendaChildInput = z
  .object({
    id: id.nullish(),
    title: text(300).min(1),
    startsAt: isoInstant.nullish(),
    endsAt: isoInstant.nullish(),
    kind: z.enum(agendaItemKinds).nullish(),
    ownerId: id.nullish(),
    notes: text(50000).nullish(),
  })
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue);

export const agendaItemInputSchema = z
  .object({
    /** An existing item's id keeps its identity (and the room's current item) across edits. */
    id: id.nullish(),
    title: text(300).min(1),
    startsAt: isoInstant,
    endsAt: isoInstant,
    kind: z.enum(agendaItemKinds).nullish(),
    ownerId: id.nullish(),
    notes: text(50000).nullish(),
    children: z.array(agendaChildInput).max(50).optional(),
  })
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue);
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

export const agendaPutSchema = z.object({ items: z.array(agendaItemInputSchema).max(100) }).strict();
export const agendaTemplateSchema = z.object({ template: z.enum(agendaTemplateIds) }).strict();

export const currentItemSchema = z.object({ itemId: id.nullable() }).strict();

/** Steering the current item's countdown: pause, resume, or add minutes ("+2 min"). */
export const timerActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z
    .object({
      action: z.literal('extend'),
      minutes: z.number().int().min(1).max(maxExtensionMinutes).default(2),
    })
    .strict(),
]);
export type TimerAction = z.infer<typeof timerActionSchema>;

/** The current item's countdown state (null when no item is current): see domain/meeting-timer.ts. */
export const meetingTimerSchema = z.object({
  startedAt: z.string(),
  pausedAt: z.string().nullable(),
  pausedMs: z.number(),
  extendedMs: z.number(),
});

/** A raised hand in the speaking queue, in the order hands went up. */
export const speakingHandSchema = z.object({
  userId: z.string(),
  name: z.string(),
  raisedAt: z.string(),
  /** The facilitator gave this person the floor. */
  hasFloor: z.boolean(),
});
export type SpeakingHand = z.infer<typeof speakingHandSchema>;

export const agendaLinkCreateSchema = z
  .object({ itemId: id, kind: z.enum(agendaLinkKinds), targetId: id })
  .strict();
export type AgendaLinkCreateInput = z.infer<typeof agendaLinkCreateSchema>;

/** A board, poll, sign-up sheet or date poll linked into an agenda item. */
export const agendaLinkSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: z.enum(agendaLinkKinds),
  targetId: z.string(),
  title: z.string(),
});
export type AgendaLink = z.infer<typeof agendaLinkSchema>;

/** What a facilitator may link into the agenda: the circle's boards, polls, sheets and date polls. */
export const agendaLinkTargetSchema = z.object({
  kind: z.enum(agendaLinkKinds),
  id: z.string(),
  title: z.string(),
});
export type AgendaLinkTarget = z.infer<typeof agendaLinkTargetSchema>;

export const checkinPutSchema = z
  .object({
    weather: z.enum(weathers),
    word: text(60).optional(),
    round: z.enum(checkinRounds).default('opening'),
  })
  .strict();

export const participantPutSchema = z.object({ status: z.enum(['confirmed', 'excused']) }).strict();
export const participantAddSchema = z
  .object({
    userId: id.optional(),
    guestName: personNameSchema.optional(),
    status: z.enum(participantStatuses).optional(),
  })
  .strict()
  .refine((input) => Boolean(input.userId) !== Boolean(input.guestName), 'either userId or guestName');
export const participantPatchSchema = z.object({ status: z.enum(participantStatuses) }).strict();

const ownersInput = {
  ownerIds: z.array(id).max(20).optional(),
  guestOwners: z.array(personNameSchema).max(20).optional(),
};
export const actionCreateSchema = z
  .object({ title: text(500).min(1), dueOn: calendarDate.optional(), ...ownersInput })
  .strict();
export type ActionCreateInput = z.infer<typeof actionCreateSchema>;
export const actionPatchSchema = z
  .object({
    title: text(500).min(1).optional(),
    dueOn: calendarDate.nullable().optional(),
    status: z.enum(actionStatuses).optional(),
    ...ownersInput,
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type ActionPatch = z.infer<typeof actionPatchSchema>;

export const announcementsPutSchema = z.object({ items: z.array(text(2000).min(1)).max(100) }).strict();

const ownerSchema = z.object({ userId: z.string().nullable(), name: z.string() });
export const actionSchema = z
  .object({
    id: z.string(),
    circleId: z.string(),
    sessionId: z.string().nullable(),
    title: z.string(),
    status: z.enum(actionStatuses),
    dueOn: z.string().nullable(),
    owners: z.array(ownerSchema),
    /** Who recorded it: with the owners and the facilitators, the people who may change it. */
    authorId: z.string().nullable(),
    /** The session it was decided in, for lists across sessions. */
    sessionTitle: z.string().nullable(),
    createdAt: z.string(),
    /** takePart: move it along (status, due date); steer: also decide who carries it. */
    abilities: abilitiesSchema,
  })
  .meta({ id: 'Action' });
export type Action = z.infer<typeof actionSchema>;

const agendaChildSchema = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  kind: z.enum(agendaItemKinds).nullable(),
  ownerId: z.string().nullable(),
  notes: z.string(),
});
export const agendaItemSchema = agendaChildSchema
  .extend({ children: z.array(agendaChildSchema) })
  .meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const participantSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  status: z.enum(participantStatuses),
});

export const checkinSchema = z.object({
  userId: z.string(),
  name: z.string(),
  round: z.enum(checkinRounds),
  weather: z.enum(weathers),
  word: z.string().nullable(),
});
export type Checkin = z.infer<typeof checkinSchema>;

export const voteResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  sections: z.array(z.object({ label: z.string(), options: z.array(z.string()) })),
});

export const sessionSummarySchema = z
  .object({
    id: z.string(),
    circleId: z.string(),
    circleName: z.string(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    place: z.string(),
    /** `cancelled` once called off by a facilitator, whatever the session's stored life status. */
    status: z.enum(sessionStates),
    /**
     * "Séance 3 sur 4": its rank among the circle's sessions not called off (by start), and the
     * number of sessions the circle plans, if it plans one; null for a cancelled session.
     */
    numbering: z.object({ rank: z.number().int(), plannedTotal: z.number().int().nullable() }).nullable(),
  })
  .meta({ id: 'SessionSummary' });
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionSchema = sessionSummarySchema
  .extend({
    description: z.string(),
    /** The visio link (https), shown on the page and put in calendars. */
    videoUrl: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    currentItemId: z.string().nullable(),
    currentItemStartedAt: z.string().nullable(),
    /** The current item's countdown: pauses and extensions, the same for every participant. */
    timer: meetingTimerSchema.nullable(),
    /** The speaking queue ("je demande la parole"), first raised first. */
    hands: z.array(speakingHandSchema),
    /** Boards, polls, sign-up sheets and date polls linked into the agenda's items. */
    agendaLinks: z.array(agendaLinkSchema),
    synthesis: z.string(),
    /** Notes kept as Markdown (imported from a pad, or typed by a facilitator). */
    notes: z.string(),
    /** The live shared notes, rendered as Markdown for reading and for the minutes. */
    sharedNotes: z.string(),
    agenda: z.array(agendaItemSchema),
    participants: z.array(participantSchema),
    /** In the order they were given (the last answer of a person moves to the end). */
    checkins: z.array(checkinSchema),
    actions: z.array(actionSchema),
    /** Still-open actions of the circle's earlier sessions, for review at the top of the agenda. */
    openActions: z.array(actionSchema),
    /** What to tell the wider community; `authorName` is who flagged it (null before authors were kept). */
    announcements: z.array(z.object({ id: z.string(), text: z.string(), authorName: z.string().nullable() })),
    votes: z.array(voteResultSchema),
    /** The session's change number: its agenda moves and check-in events carry the next ones (decision 043). */
    version: z.number(),
    /** The series of recurring sessions it is an occurrence of; editing or cancelling it touches it alone. */
    seriesId: z.string().nullable(),
    abilities: abilitiesSchema,
    canFacilitate: deprecatedFlag('steer'),
    /** The viewer may check in, answer, record next steps: a circle member or a listed participant. */
    canParticipate: deprecatedFlag('takePart'),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 12:00');
const endsAfterStartTime = (value: { startTime?: string | undefined; endTime?: string | undefined }) =>
  !value.startTime || !value.endTime || value.endTime > value.startTime;

/**
 * Plan recurring sessions: from `firstDate`, every `interval` weeks (same weekday) or months (same
 * weekday of the same week: "every 2nd Tuesday"), `count` dates or up to `until`, at `startTime` to
 * `endTime` in `timeZone` (the wall-clock time holds across daylight-saving changes); `skip` leaves
 * some of the rule's dates out, `moves` holds some on another day (and times).
 */
export const sessionSeriesCreateSchema = z
  .object({
    title: text(200).min(1),
    timeZone: timeZone.default('Europe/Paris'),
    place: text(500).optional(),
    description: text(4000).optional(),
    videoUrl: videoUrl.nullish(),
    firstDate: calendarDate,
    startTime: wallClock,
    endTime: wallClock,
    frequency: z.enum(recurrenceFrequencies),
    interval: z.number().int().min(1).max(12).default(1),
    count: z.number().int().min(1).max(MAX_SERIES_OCCURRENCES).optional(),
    until: calendarDate.optional(),
    skip: z.array(calendarDate).max(MAX_SERIES_OCCURRENCES).default([]),
    moves: z
      .array(
        z
          .object({
            date: calendarDate,
            to: calendarDate,
            startTime: wallClock.optional(),
            endTime: wallClock.optional(),
          })
          .strict()
          .refine(endsAfterStartTime, { message: 'must end after it starts', path: ['endTime'] }),
      )
      .max(MAX_SERIES_OCCURRENCES)
      .default([]),
  })
  .strict()
  .refine((value) => (value.count === undefined) !== (value.until === undefined), {
    message: 'give a count or an until date',
    path: ['count'],
  })
  .refine(endsAfterStartTime, { message: 'must end after it starts', path: ['endTime'] });
export type SessionSeriesCreateInput = z.infer<typeof sessionSeriesCreateSchema>;
/** The request body as a client writes it (defaults left out). */
export type SessionSeriesCreateBody = z.input<typeof sessionSeriesCreateSchema>;

export const sessionSeriesCreatedSchema = z.object({
  seriesId: z.string(),
  sessions: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() })),
});

export const sessionCancelSchema = z.object({ reason: text(1000).min(1) }).strict();
export type SessionCancelInput = z.infer<typeof sessionCancelSchema>;

/**
 * How many unplaced lines an import reports by name: a pasted list can leave hundreds of thousands
 * unplaced (all kept in the notes), and the first ones are enough to see what went wrong.
 */
export const maxReportedUnplaced = 200;

/** What an import could not place: the first lines, and how many there were in all. */
export const importReportSchema = z.object({
  unplaced: z.array(z.string()).max(maxReportedUnplaced),
  unplacedCount: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** What the pad asks to organise ("Inscrivez-vous ici", "(framadate ?)"): the review offers to create them. */
export const importOffersSchema = z.object({
  signup: z.object({ title: z.string(), topics: z.array(z.string()) }).nullable(),
  datePolls: z.array(z.object({ title: z.string() })),
});
export type ImportOffers = z.infer<typeof importOffersSchema>;
