/** Time-boxed agendas: the checks a facilitator needs before the session starts. */

export interface TimedItem {
  title: string;
  /** Milliseconds since the epoch. */
  startsAt: number;
  endsAt: number;
}

export type AgendaProblem =
  | { kind: 'ends-before-start'; index: number }
  | { kind: 'overlaps-previous'; index: number }
  | { kind: 'outside-session'; index: number };

/**
 * What is wrong with a top-level agenda, item by item. Items must end after they start, follow
 * one another without overlapping, and sit inside the session's time.
 */
export function agendaProblems(items: readonly TimedItem[], session: { startsAt: number; endsAt: number }) {
  const problems: AgendaProblem[] = [];
  items.forEach((item, index) => {
    if (item.endsAt <= item.startsAt) problems.push({ kind: 'ends-before-start', index });
    const previous = items[index - 1];
    if (previous && item.startsAt < previous.endsAt) problems.push({ kind: 'overlaps-previous', index });
    if (item.startsAt < session.startsAt || item.endsAt > session.endsAt) {
      problems.push({ kind: 'outside-session', index });
    }
  });
  return problems;
}

/** Planned minutes against the session's length: the facilitator sees the difference before starting. */
export function agendaBudget(items: readonly TimedItem[], session: { startsAt: number; endsAt: number }) {
  const minute = 60_000;
  const planned = items.reduce((sum, item) => sum + Math.max(0, item.endsAt - item.startsAt), 0) / minute;
  const available = (session.endsAt - session.startsAt) / minute;
  return {
    plannedMinutes: planned,
    availableMinutes: available,
    overMinutes: Math.max(0, planned - available),
  };
}

export interface ChildTimes {
  startsAt?: number | undefined;
  endsAt?: number | undefined;
}

/**
 * Sub-items may carry times, and then both, inside their item's slot. Returns the positions
 * (item, sub-item) of those that do not.
 */
export function childTimeProblems(items: readonly (TimedItem & { children?: readonly ChildTimes[] })[]) {
  const problems: { index: number; childIndex: number }[] = [];
  items.forEach((item, index) => {
    (item.children ?? []).forEach((child, childIndex) => {
      const hasStart = child.startsAt !== undefined;
      const hasEnd = child.endsAt !== undefined;
      if (!hasStart && !hasEnd) return;
      const fits =
        hasStart &&
        hasEnd &&
        (child.startsAt ?? 0) < (child.endsAt ?? 0) &&
        (child.startsAt ?? 0) >= item.startsAt &&
        (child.endsAt ?? 0) <= item.endsAt;
      if (!fits) problems.push({ index, childIndex });
    });
  });
  return problems;
}
