/**
 * What other code may use of open spaces: the live notes transport opens `open-space-session:<id>`
 * documents under the open space's rules.
 */
export { openSpaceNotes, openSpaceNotesStore } from './open-space-notes.ts';
