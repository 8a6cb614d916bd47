import type { NotesKind } from '../../live/notes.routes.ts';
import { notesStore } from '../../live/notes-store.ts';
import { getOpenSpaceSessionAccess } from './open-space-access.ts';
import { lockOpenSpaceSession } from './open-spaces.commands.ts';

/** An open-space session's shared notes: the same Yjs log and snapshot as a circle session's. */
export const openSpaceNotesStore = notesStore({
  updates: 'openSpaceNoteUpdates',
  snapshots: 'openSpaceNoteSnapshots',
  lock: lockOpenSpaceSession,
});

/**
 * The notes document `open-space-session:<id>`: readers of the event open it to read; participants
 * write once the host opened the notes; the host and the organisers always write.
 */
export const openSpaceNotes: NotesKind = {
  store: openSpaceNotesStore,
  async authorise(db, id, viewer) {
    const { sessionAbilities, community } = await getOpenSpaceSessionAccess(db, id, viewer);
    // Scoped to the community: leaving it, or the event becoming more private, closes the
    // connection (access-revocations.ts), as for the live topics of its events.
    return { circleId: `community:${community.id}`, readOnly: !sessionAbilities.takePart };
  },
};
