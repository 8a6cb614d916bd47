import { describe, expect, it } from 'vitest';
import { zonedInstant } from './zoned-time.ts';

describe('wall-clock times in a time zone', () => {
  it('places Paris summer and winter times on the right instants', () => {
    expect(zonedInstant('2021-06-15', '12:00', 'Europe/Paris').toISOString()).toBe(
      '2021-06-15T10:00:00.000Z',
    );
    expect(zonedInstant('2026-12-01', '09:30', 'Europe/Paris').toISOString()).toBe(
      '2026-12-01T08:30:00.000Z',
    );
    expect(zonedInstant('2026-03-29', '03:30', 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(zonedInstant('2021-06-15', '12:00', 'America/Cayenne').toISOString()).toBe(
      '2021-06-15T15:00:00.000Z',
    );
  });
});
