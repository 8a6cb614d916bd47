/**
 * How long writing a calendar feed takes, by number of sessions (the personal feed is capped at
 * 1,000). Prints a table (best of 3 runs, after a warm-up). Run: node bench/calendar-feed.ts
 */
import { writeCalendar } from '../src/server/calendar/ics-writer.ts';
import type { SessionRow } from '../src/server/db/schema.ts';

function session(index: number): SessionRow {
  const startsAt = new Date(Date.UTC(2026, 0, 1, 10) + index * 86_400_000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    circleId: 'circle',
    title: `Séance ${index} : Codev, le cas de Claire`,
    description: 'Apportez une situation professionnelle sur laquelle vous butez. '.repeat(3),
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 90 * 60_000).toISOString(),
    timeZone: index % 10 === 0 ? 'America/Cayenne' : 'Europe/Paris',
    place: 'Salle 204, Hôtel de région',
    status: 'scheduled',
    currentItemId: null,
    currentItemStartedAt: null,
    startedAt: null,
    synthesis: '',
    notesMarkdown: '',
    createdBy: null,
    createdAt: startsAt,
    updatedAt: startsAt,
    sequence: index % 3,
    videoUrl: 'https://visio.example.org/riposte-codev',
    cancelledAt: index % 7 === 0 ? startsAt : null,
    cancelReason: index % 7 === 0 ? 'Reportée' : null,
    version: 0,
    timerPausedAt: null,
    timerPausedMs: 0,
    timerExtendedMs: 0,
    seriesId: null,
  };
}

const options = { publicUrl: 'https://archipel.example.org', locale: 'fr', name: 'Archipel' } as const;
writeCalendar([{ session: session(1), circleName: 'Codev' }], options);
console.log('calendar feed: best of 3 runs');
console.log('sessions   ms      KB');
for (const count of [1, 100, 500, 1000]) {
  const entries = Array.from({ length: count }, (_, i) => ({ session: session(i), circleName: 'Codev' }));
  let best = Number.POSITIVE_INFINITY;
  let size = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    size = writeCalendar(entries, options).length;
    best = Math.min(best, performance.now() - started);
  }
  console.log(
    `${String(count).padStart(8)} ${best.toFixed(1).padStart(6)} ${(size / 1024).toFixed(0).padStart(7)}`,
  );
}
