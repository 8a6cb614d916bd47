import { z } from 'zod';
import { boardColors, NOTE_TEXT_MAX } from '../domain/board.ts';
import { boardTemplateIds, noteSizes, WALL_LIMIT, ZONE_MAX, ZONE_MIN } from '../domain/board-wall.ts';
import { abilitiesSchema, deprecatedFlag } from './abilities.ts';
import { isoInstant } from './time.ts';

const id = z.string().min(1).max(100);
/**
 * Post-its are plain text as typed (line breaks kept); they are rendered as text, never as markup.
 * Trimmed, at most 2,000 characters.
 */
const noteText = z.string().trim().min(1).max(NOTE_TEXT_MAX);
/**
 * Within PostgreSQL's integer, far beyond what new post-its reach (each goes 1,024 below the last:
 * a bound of 1,000,000 was passed by the 977th post-it of a board, and moves below it failed).
 */
const coordinate = z.number().int().min(-1_000_000_000).max(1_000_000_000);
/** A place on the wall (its own coordinates: `y` stays the column view's order). */
const wallCoordinate = z.number().int().min(-WALL_LIMIT).max(WALL_LIMIT);
const noteSize = z.enum(noteSizes);

export const boardCategoryInputSchema = z
  .object({
    /** Keeps an existing category (and its post-its) when the legend is saved again. */
    id: id.optional(),
    name: z.string().trim().min(1).max(60),
    color: z.enum(boardColors),
    meaning: z.string().trim().max(200).optional(),
  })
  .strict();

const boardSettings = {
  anonymous: z.boolean(),
  /** New post-its stay private to their author until a facilitator reveals them. */
  silent: z.boolean(),
  locked: z.boolean(),
  /** Totals of dots stay hidden until a facilitator reveals them. */
  hideDots: z.boolean(),
  dotsPerParticipant: z.number().int().min(0).max(100),
  /** At most this many dots on one post-it; the whole budget when null. */
  maxDotsPerNote: z.number().int().min(1).max(100).nullable(),
  /** Dot voting closes at this instant; open without limit when null. */
  votingClosesAt: isoInstant.nullable(),
};

const perNoteFitsBudget = (input: { dotsPerParticipant?: number; maxDotsPerNote?: number | null }) =>
  input.maxDotsPerNote == null ||
  input.dotsPerParticipant === undefined ||
  input.maxDotsPerNote <= input.dotsPerParticipant;
const perNoteIssue = { message: 'at most the whole budget', path: ['maxDotsPerNote'] };

export const boardCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    categories: z
      .array(boardCategoryInputSchema.omit({ id: true }))
      .max(12)
      .optional(),
    anonymous: boardSettings.anonymous.optional(),
    silent: boardSettings.silent.optional(),
    hideDots: boardSettings.hideDots.optional(),
    dotsPerParticipant: boardSettings.dotsPerParticipant.optional(),
    maxDotsPerNote: boardSettings.maxDotsPerNote.optional(),
    votingClosesAt: boardSettings.votingClosesAt.optional(),
    /** Attaches the board to a session of the circle, and optionally to one of its agenda items. */
    sessionId: id.optional(),
    agendaItemId: id.optional(),
    /** Lays out the template's zones (and its legend, when no categories are given). */
    template: z.enum(boardTemplateIds).optional(),
  })
  .strict()
  .refine(perNoteFitsBudget, perNoteIssue)
  .refine((input) => !input.agendaItemId || input.sessionId, {
    message: 'an agenda item needs its session',
    path: ['agendaItemId'],
  });
export type BoardCreateInput = z.infer<typeof boardCreateSchema>;

export const boardPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    /** The whole legend: categories left out are removed (their post-its keep no category). */
    categories: z.array(boardCategoryInputSchema).max(12).optional(),
    anonymous: boardSettings.anonymous.optional(),
    silent: boardSettings.silent.optional(),
    locked: boardSettings.locked.optional(),
    hideDots: boardSettings.hideDots.optional(),
    dotsPerParticipant: boardSettings.dotsPerParticipant.optional(),
    maxDotsPerNote: boardSettings.maxDotsPerNote.optional(),
    votingClosesAt: boardSettings.votingClosesAt.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
  .refine(perNoteFitsBudget, perNoteIssue);
export type BoardPatch = z.infer<typeof boardPatchSchema>;

export const boardRevealSchema = z.object({ what: z.enum(['notes', 'dots']) }).strict();

export const noteCreateSchema = z
  .object({
    text: noteText,
    categoryId: id.nullable().optional(),
    clusterId: id.nullable().optional(),
    x: coordinate.optional(),
    y: coordinate.optional(),
    wallX: wallCoordinate.optional(),
    wallY: wallCoordinate.optional(),
    size: noteSize.optional(),
  })
  .strict()
  .refine((input) => (input.wallX === undefined) === (input.wallY === undefined), {
    message: 'a place on the wall needs both coordinates',
    path: ['wallY'],
  });
export type NoteCreateInput = z.infer<typeof noteCreateSchema>;

export const notePatchSchema = z
  .object({
    text: noteText.optional(),
    categoryId: id.nullable().optional(),
    clusterId: id.nullable().optional(),
    x: coordinate.optional(),
    y: coordinate.optional(),
    /** A move on the wall: both coordinates, by anyone who may move post-its. */
    wallX: wallCoordinate.optional(),
    wallY: wallCoordinate.optional(),
    /** Its author or a facilitator. */
    size: noteSize.optional(),
    /** Facilitators hide a post-it from everyone but themselves and its author. */
    hidden: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
  .refine((patch) => (patch.wallX === undefined) === (patch.wallY === undefined), {
    message: 'a place on the wall needs both coordinates',
    path: ['wallY'],
  });
export type NotePatch = z.infer<typeof notePatchSchema>;

export const dotsPutSchema = z.object({ count: z.number().int().min(0).max(100) }).strict();

export const noteActionSchema = z
  .object({
    /** The post-it's text when left out. */
    title: z.string().trim().min(1).max(500).optional(),
    ownerIds: z.array(id).max(20).optional(),
    dueOn: z.iso.date().optional(),
  })
  .strict();

export const clusterCreateSchema = z
  .object({ title: z.string().trim().min(1).max(200), noteIds: z.array(id).max(200).optional() })
  .strict();
export const clusterPatchSchema = z.object({ title: z.string().trim().min(1).max(200) }).strict();

const zoneTitle = z.string().trim().min(1).max(120);
const zoneSide = z.number().int().min(ZONE_MIN).max(ZONE_MAX);
export const zoneCreateSchema = z
  .object({
    title: zoneTitle,
    color: z.enum(boardColors).nullable().optional(),
    x: wallCoordinate,
    y: wallCoordinate,
    width: zoneSide,
    height: zoneSide,
  })
  .strict();
export type ZoneCreateInput = z.infer<typeof zoneCreateSchema>;
export const zonePatchSchema = z
  .object({
    title: zoneTitle.optional(),
    color: z.enum(boardColors).nullable().optional(),
    x: wallCoordinate.optional(),
    y: wallCoordinate.optional(),
    width: zoneSide.optional(),
    height: zoneSide.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type ZonePatch = z.infer<typeof zonePatchSchema>;
export const boardFocusSchema = z.object({ zoneId: id }).strict();

/** A titled rectangle on the wall, drawn by facilitators (decision 053). */
export const boardZoneSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    color: z.enum(boardColors).nullable(),
    x: z.number(),
    y: z.number(),
    width: z.number(),
    height: z.number(),
  })
  .meta({ id: 'BoardZone' });
export type BoardZone = z.infer<typeof boardZoneSchema>;

/** At most this many characters of CSV (about 500 post-its of a few lines each). */
export const BOARD_IMPORT_MAX_CHARS = 500_000;
export const BOARD_IMPORT_MAX_ROWS = 500;
export const boardImportSchema = z.object({ csv: z.string().min(1).max(BOARD_IMPORT_MAX_CHARS) }).strict();
export const boardImportResultSchema = z.object({
  imported: z.number(),
  categoriesCreated: z.number(),
});

export const boardCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.enum(boardColors),
  meaning: z.string(),
});
export type BoardCategory = z.infer<typeof boardCategorySchema>;

export const boardClusterSchema = z.object({ id: z.string(), title: z.string() });
export type BoardCluster = z.infer<typeof boardClusterSchema>;

export const boardNoteSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    categoryId: z.string().nullable(),
    clusterId: z.string().nullable(),
    x: z.number(),
    y: z.number(),
    /** Its place on the wall; null until first placed (laid out by category, domain/board-wall.ts). */
    wallX: z.number().nullable(),
    wallY: z.number().nullable(),
    size: noteSize,
    /** The viewer wrote it (edit and delete are theirs). */
    isMine: z.boolean(),
    /** Null on an anonymous board. */
    author: z.object({ id: z.string(), name: z.string() }).nullable(),
    hidden: z.boolean(),
    /** Still private (silent brainstorm): only its author sees it. */
    private: z.boolean(),
    /** Everyone's dots on it; null while dots are hidden. */
    dots: z.number().nullable(),
    myDots: z.number(),
    actionId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'BoardNote' });
export type BoardNote = z.infer<typeof boardNoteSchema>;

const boardBase = {
  id: z.string(),
  circleId: z.string(),
  sessionId: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  anonymous: z.boolean(),
  silent: z.boolean(),
  locked: z.boolean(),
  hideDots: z.boolean(),
  dotsRevealed: z.boolean(),
  dotsPerParticipant: z.number(),
  maxDotsPerNote: z.number().nullable(),
  votingClosesAt: z.string().nullable(),
  createdAt: z.string(),
};

export const boardSummarySchema = z
  .object({ ...boardBase, noteCount: z.number() })
  .meta({ id: 'BoardSummary' });
export type BoardSummary = z.infer<typeof boardSummarySchema>;

export const boardSchema = z
  .object({
    ...boardBase,
    categories: z.array(boardCategorySchema),
    clusters: z.array(boardClusterSchema),
    zones: z.array(boardZoneSchema),
    notes: z.array(boardNoteSchema),
    /** Other people's post-its still private in a silent brainstorm: a count, never their content. */
    privateNoteCount: z.number(),
    isVotingOpen: z.boolean(),
    myDotsUsed: z.number(),
    /** The board's change number: live events carry the next ones (decision 043). */
    version: z.number(),
    abilities: abilitiesSchema,
    /** The viewer may lock, hide, reveal and change the settings. */
    canSteer: deprecatedFlag('steer'),
  })
  .meta({ id: 'Board' });
export type Board = z.infer<typeof boardSchema>;

export const myDotsSchema = z.object({ noteId: z.string(), myDots: z.number(), myDotsUsed: z.number() });
