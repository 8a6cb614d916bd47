import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../db/schema.ts';
import { writeCalendar } from './ics-writer.ts';

function session(timeZone: string, startsAt: string): SessionRow {
  return {
    id: 'session',
    circleId: 'circle',
    title: 'Séance',
    description: '',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    timeZone,
    place: '',
    status: 'scheduled',
    currentItemId: null,
    currentItemStartedAt: null,
    startedAt: null,
    synthesis: '',
    notesMarkdown: '',
    createdBy: null,
    createdAt: startsAt,
    updatedAt: startsAt,
    sequence: 0,
    videoUrl: null,
    cancelledAt: null,
    cancelReason: null,
    version: 0,
    timerPausedAt: null,
    timerPausedMs: 0,
    timerExtendedMs: 0,
    seriesId: null,
  };
}

/** The instant a reader gets back from DTSTART, with the file's own VTIMEZONE (never a built-in one). */
function readStart(ics: string): string {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const zones = new Map(
    calendar
      .getAllSubcomponents('vtimezone')
      .map((zone) => [String(zone.getFirstPropertyValue('tzid')), new ICAL.Timezone(zone)]),
  );
  const property = calendar.getFirstSubcomponent('vevent')?.getFirstProperty('dtstart');
  const time = property?.getFirstValue() as ICAL.Time;
  const tzid = property?.getParameter('tzid');
  if (tzid) {
    const zone = zones.get(String(tzid));
    if (!zone) throw new Error(`TZID ${tzid} without VTIMEZONE`);
    time.zone = zone;
  }
  return time.toJSDate().toISOString();
}

describe('VTIMEZONE', () => {
  it('gives back the stored instant in every zone the runtime knows, winter and summer', () => {
    const wrong: string[] = [];
    for (const zone of [
      ...Intl.supportedValuesOf('timeZone'),
      'UTC',
      'Etc/UTC',
      'US/Eastern',
      'Etc/GMT-14',
    ]) {
      for (const startsAt of ['2026-01-15T10:00:00.000Z', '2026-07-15T10:00:00.000Z']) {
        const ics = writeCalendar([{ session: session(zone, startsAt), circleName: 'Cercle' }], {
          publicUrl: 'https://archipel.example.org',
          locale: 'fr',
          name: 'Archipel',
        });
        const got = readStart(ics);
        if (got !== startsAt) wrong.push(`${zone} ${startsAt}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
