import { describe, expect, it } from 'vitest';
import { countdown, formatClock, isoToZoned, placeUrl, zonedToIso } from './session-time.ts';

describe('zonedToIso', () => {
  it('reads a wall-clock time in the session time zone, summer and winter', () => {
    expect(zonedToIso('2026-06-15', '12:00', 'Europe/Paris')).toBe('2026-06-15T10:00:00.000Z');
    expect(zonedToIso('2026-01-15', '12:00', 'Europe/Paris')).toBe('2026-01-15T11:00:00.000Z');
    expect(zonedToIso('2026-06-15', '12:00', 'Indian/Reunion')).toBe('2026-06-15T08:00:00.000Z');
  });

  it('refuses a malformed date or time', () => {
    expect(zonedToIso('15/06/2026', '12:00', 'Europe/Paris')).toBeUndefined();
    expect(zonedToIso('2026-06-15', 'midi', 'Europe/Paris')).toBeUndefined();
  });

  it('round-trips with isoToZoned', () => {
    expect(isoToZoned('2026-03-29T09:30:00.000Z', 'Europe/Paris')).toEqual({
      date: '2026-03-29',
      time: '11:30',
    });
  });
});

describe('countdown', () => {
  const item = { startsAt: '2026-06-15T10:00:00Z', endsAt: '2026-06-15T10:10:00Z' };
  const started = '2026-06-15T10:02:00Z';

  it('counts the planned duration down from when the item was started', () => {
    expect(countdown(started, item, Date.parse('2026-06-15T10:05:00Z'))).toEqual({
      remaining: 420,
      isOver: false,
    });
  });

  it('goes negative and says so once over time', () => {
    expect(countdown(started, item, Date.parse('2026-06-15T10:13:30Z'))).toEqual({
      remaining: -90,
      isOver: true,
    });
  });

  it('has nothing to count without a start or a duration', () => {
    expect(countdown(null, item, 0)).toBeUndefined();
    expect(countdown(started, { startsAt: null, endsAt: null }, 0)).toBeUndefined();
  });
});

describe('formatClock and placeUrl', () => {
  it('formats minutes and seconds, hours when needed', () => {
    expect(formatClock(420)).toBe('7:00');
    expect(formatClock(-90)).toBe('1:30');
    expect(formatClock(3725)).toBe('1:02:05');
  });

  it('links only http(s) places', () => {
    expect(placeUrl('https://visio.example.fr/abc')).toBe('https://visio.example.fr/abc');
    expect(placeUrl('Salle 2, CNFPT Lyon')).toBeUndefined();
    expect(placeUrl('javascript:alert(1)')).toBeUndefined();
  });
});
