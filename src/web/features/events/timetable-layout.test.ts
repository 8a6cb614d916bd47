import { describe, expect, it } from 'vitest';
import { timetableLayout } from './timetable-layout.ts';

const slot = (id: string, siteId: string | null, from: string, to: string) => ({
  id,
  siteId,
  startsAt: `2027-11-17T${from}:00Z`,
  endsAt: `2027-11-17T${to}:00Z`,
});

describe('timetableLayout', () => {
  it('gives each site a column and a plenary all of them, rows by the quarter hour', () => {
    const layout = timetableLayout(
      [
        slot('open', null, '08:00', '09:00'),
        slot('a', 'nancy', '09:30', '11:00'),
        slot('b', 'angers', '09:30', '10:00'),
      ],
      ['nancy', 'angers', 'dunkerque'],
    );
    expect(layout.columns).toBe(2);
    expect(layout.heads).toEqual([
      { siteId: 'nancy', column: '1 / span 1' },
      { siteId: 'angers', column: '2 / span 1' },
    ]);
    expect(layout.places.get('open')).toEqual({ column: '1 / -1', row: '2 / 6' });
    expect(layout.places.get('a')).toEqual({ column: '1', row: '8 / 14' });
    expect(layout.places.get('b')).toEqual({ column: '2', row: '8 / 10' });
  });

  it('widens a site into lanes when two of its slots run at once, and reuses a lane once free', () => {
    const layout = timetableLayout(
      [
        slot('x', 'nancy', '09:00', '10:00'),
        slot('y', 'nancy', '09:30', '10:30'),
        slot('z', 'nancy', '10:00', '11:00'),
        slot('w', 'online', '09:00', '10:00'),
      ],
      ['nancy', 'online'],
    );
    expect(layout.columns).toBe(3);
    expect(layout.heads).toEqual([
      { siteId: 'nancy', column: '1 / span 2' },
      { siteId: 'online', column: '3 / span 1' },
    ]);
    expect(['x', 'y', 'z', 'w'].map((id) => layout.places.get(id)?.column)).toEqual(['1', '2', '1', '3']);
  });
});
