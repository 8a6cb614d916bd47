/** The next-steps section: actions and who owns them. */

import { readOwnedAction, readOwnerAssignment } from './action-owners.ts';
import type { ImportedAction } from './imported-session.ts';
import type { NameDirectory } from './name-directory.ts';
import { type PadLine, plainText } from './pad-lines.ts';

/**
 * One action per bullet or unbulleted line. A line such as "Bernard OK pour travailler sur ces
 * points." is no action: it hands the bulleted list just above it to the people it names.
 */
export function readActions(lines: readonly PadLine[], directory: NameDirectory): ImportedAction[] {
  const actions: ImportedAction[] = [];
  let listAbove: ImportedAction[] = [];
  for (const line of lines) {
    if (line.isBlank) continue;
    const text = plainText(line);
    const source = line.raw.trim();
    const assignedOwners =
      line.bullet === null && listAbove.length > 0 ? readOwnerAssignment(text, directory) : null;
    if (assignedOwners) {
      assignList(listAbove, assignedOwners, source);
      listAbove = [];
      continue;
    }
    const owned = readOwnedAction(text, directory);
    const action: ImportedAction = { ...owned, isDone: line.checkbox === 'checked', sourceLines: [source] };
    actions.push(action);
    if (line.bullet === null) listAbove = [];
    else listAbove.push(action);
  }
  return actions;
}

/** Owners named in the list itself stay; the others take the assignment's. */
function assignList(actions: readonly ImportedAction[], owners: readonly string[], source: string): void {
  for (const action of actions) {
    if (action.ownerNames.length === 0) action.ownerNames = [...owners];
    action.sourceLines.push(source);
  }
}
