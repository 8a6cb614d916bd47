import { describe, expect, it } from 'vitest';
import { isoFromPostgres } from './snapshot.ts';

describe('instants read from PostgreSQL', () => {
  it.each([
    ['2026-12-04 21:00:00+00', '2026-12-04T21:00:00.000Z'],
    ['2026-12-04 21:00:00.1+00', '2026-12-04T21:00:00.100Z'],
    ['2026-12-04 21:00:00.123+00', '2026-12-04T21:00:00.123Z'],
    // now() writes microseconds (job leases): kept, so PostgreSQL to PostgreSQL loses nothing.
    ['2026-12-04 21:00:00.123456+00', '2026-12-04T21:00:00.123456Z'],
    ['2026-12-04 21:00:00.1234+00', '2026-12-04T21:00:00.123400Z'],
    ['2026-12-04 23:00:00+02', '2026-12-04T21:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(isoFromPostgres(text)).toBe(iso);
  });
});
