import { describe, expect, it } from 'vitest';
import { byDay, byMonth, formatEventRange, formatMonth } from './event-time.ts';

const spans = (from: string, to: string) => `du ${from} au ${to}`;

describe('formatEventRange', () => {
  it('writes a one-day event with its hours in its own zone, capitalised', () => {
    expect(
      formatEventRange('2027-11-17T08:00:00Z', '2027-11-17T16:30:00Z', 'Europe/Paris', 'fr-FR', spans),
    ).toBe('Mercredi 17 novembre 2027, 09:00 – 17:30');
    // The same instants in La Réunion (UTC+4) are its own hours.
    expect(
      formatEventRange('2027-11-17T08:00:00Z', '2027-11-17T16:30:00Z', 'Indian/Reunion', 'fr-FR', spans),
    ).toBe('Mercredi 17 novembre 2027, 12:00 – 20:30');
  });

  it('spans days when the event ends on another day in its zone', () => {
    expect(
      formatEventRange('2027-11-01T08:00:00Z', '2027-11-03T16:00:00Z', 'Europe/Paris', 'fr-FR', spans),
    ).toBe('Du lundi 1er novembre 2027, 09:00 au mercredi 3 novembre 2027, 17:00');
  });
});

describe('byMonth and byDay', () => {
  it('groups by the month in the event’s zone, not in UTC', () => {
    // 23:30 UTC on 31 October is already 1 November in Paris.
    const events = [
      { id: 'a', startsAt: '2027-10-31T23:30:00Z', timeZone: 'Europe/Paris' },
      { id: 'b', startsAt: '2027-10-31T22:30:00Z', timeZone: 'America/Cayenne' },
    ];
    expect(byMonth(events).map(([month, items]) => [month, items.map((e) => e.id)])).toEqual([
      ['2027-11', ['a']],
      ['2027-10', ['b']],
    ]);
    expect(formatMonth('2027-11', 'fr-FR')).toBe('novembre 2027');
  });

  it('orders slots by start then end, one group per day in the zone', () => {
    const slots = [
      { id: 'late', startsAt: '2027-11-18T08:00:00Z', endsAt: '2027-11-18T09:00:00Z' },
      { id: 'long', startsAt: '2027-11-17T08:00:00Z', endsAt: '2027-11-17T10:00:00Z' },
      { id: 'short', startsAt: '2027-11-17T08:00:00Z', endsAt: '2027-11-17T09:00:00Z' },
    ];
    expect(byDay(slots, 'Europe/Paris').map(([day, items]) => [day, items.map((s) => s.id)])).toEqual([
      ['2027-11-17', ['short', 'long']],
      ['2027-11-18', ['late']],
    ]);
  });
});
