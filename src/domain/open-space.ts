/**
 * An open space (forum ouvert) of an event: a marketplace of rooms × time slots where participants
 * propose sessions into free cells, and the law of two feet: each person is in at most one place
 * per time slot and may move at any time.
 */

export const MAX_OPEN_SPACE_ROOMS = 40;
export const MAX_OPEN_SPACE_SLOTS = 24;
/** A slot of an open space lasts at most a day, like a programme slot. */
export const MAX_OPEN_SPACE_SLOT_HOURS = 24;

/** The document name of an open-space session's shared notes (live notes transport). */
export const openSpaceNotesDocument = (sessionId: string) => `open-space-session:${sessionId}`;

/** The live topic of an open space: the grid, its proposals, moves and presence counts. */
export const openSpaceTopic = (openSpaceId: string) => `open-space:${openSpaceId}`;
