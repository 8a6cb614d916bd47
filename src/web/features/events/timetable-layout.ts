/**
 * Where each slot of a day sits in the wide timetable: a column per site, widened into lanes when
 * a site holds slots at the same time (two workshops in two rooms of one place), and a row per
 * quarter of an hour from the day's first slot. Slots of no site (a plenary) span every column.
 */

export const ROW_MINUTES = 15;

interface TimedSlot {
  id: string;
  siteId: string | null;
  startsAt: string;
  endsAt: string;
}

export interface SiteHead {
  siteId: string;
  /** CSS grid-column: the site's lanes. */
  column: string;
}

export interface TimetableLayout {
  columns: number;
  heads: SiteHead[];
  /** CSS grid-column and grid-row of each slot (row 1 holds the site heads). */
  places: Map<string, { column: string; row: string }>;
}

const minutesFrom = (origin: string, iso: string) => (Date.parse(iso) - Date.parse(origin)) / 60_000;

/** Greedy lanes: each slot, in order of start, takes the first lane free by then. */
function lanesOf(slots: readonly TimedSlot[]): Map<string, number> {
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const start = Date.parse(slot.startsAt);
    let lane = laneEnds.findIndex((end) => end <= start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = Date.parse(slot.endsAt);
    lanes.set(slot.id, lane);
  }
  return lanes;
}

/** The layout of one day's slots, `siteIds` in the event's order of sites. */
export function timetableLayout(slots: readonly TimedSlot[], siteIds: readonly string[]): TimetableLayout {
  const origin = slots.reduce(
    (first, slot) => (Date.parse(slot.startsAt) < Date.parse(first) ? slot.startsAt : first),
    slots[0]?.startsAt ?? '',
  );
  const heads: SiteHead[] = [];
  const places = new Map<string, { column: string; row: string }>();
  let next = 1;
  for (const siteId of siteIds) {
    const ofSite = slots.filter((slot) => slot.siteId === siteId);
    if (ofSite.length === 0) continue;
    const lanes = lanesOf(ofSite);
    const width = Math.max(...lanes.values()) + 1;
    heads.push({ siteId, column: `${next} / span ${width}` });
    for (const slot of ofSite)
      places.set(slot.id, { column: String(next + (lanes.get(slot.id) ?? 0)), row: '' });
    next += width;
  }
  for (const slot of slots) {
    const start = Math.floor(minutesFrom(origin, slot.startsAt) / ROW_MINUTES) + 2;
    const end = Math.max(start + 1, Math.ceil(minutesFrom(origin, slot.endsAt) / ROW_MINUTES) + 2);
    const column = places.get(slot.id)?.column ?? '1 / -1';
    places.set(slot.id, { column, row: `${start} / ${end}` });
  }
  return { columns: Math.max(1, next - 1), heads, places };
}
