import { describe, expect, it } from 'vitest';
import { agendaBudget, agendaProblems, childTimeProblems } from './agenda.ts';
import { buildAgendaFromTemplate } from './agenda-templates.ts';

const at = (hhmm: string) => Date.parse(`2021-06-15T${hhmm}:00+02:00`);
const session = { startsAt: at('12:00'), endsAt: at('13:00') };

describe('agenda checks', () => {
  it('accepts the seed meeting agenda', () => {
    const items = [
      ['12:00', '12:10'],
      ['12:10', '12:30'],
      ['12:30', '12:40'],
      ['12:40', '12:50'],
      ['12:50', '13:00'],
    ].map(([start = '', end = ''], i) => ({ title: `item ${i}`, startsAt: at(start), endsAt: at(end) }));
    expect(agendaProblems(items, session)).toEqual([]);
    expect(agendaBudget(items, session)).toEqual({
      plannedMinutes: 60,
      availableMinutes: 60,
      overMinutes: 0,
    });
  });

  it('names items that end before they start, overlap, or leave the session', () => {
    const items = [
      { title: 'a', startsAt: at('12:10'), endsAt: at('12:05') },
      { title: 'b', startsAt: at('12:00'), endsAt: at('12:20') },
      { title: 'c', startsAt: at('12:50'), endsAt: at('13:15') },
    ];
    expect(agendaProblems(items, session)).toEqual([
      { kind: 'ends-before-start', index: 0 },
      { kind: 'overlaps-previous', index: 1 },
      { kind: 'outside-session', index: 2 },
    ]);
    expect(agendaBudget(items, session).overMinutes).toBe(0);
  });
});

describe('method templates', () => {
  it('lays a Codev agenda end to end from the session start, in French or English', () => {
    const items = buildAgendaFromTemplate('codev', at('09:30'), 'fr');
    expect(items.map((i) => i.title)).toContain('Questions de clarification');
    expect(items[0]?.startsAt).toBe(at('09:30'));
    for (const [i, item] of items.slice(1).entries()) expect(item.startsAt).toBe(items[i]?.endsAt);
    expect(buildAgendaFromTemplate('codev', at('09:30'), 'en')[2]?.title).toBe('Clarifying questions');
    const minutes = (items.at(-1)?.endsAt ?? 0) - at('09:30');
    expect(minutes / 60_000).toBe(90);
  });
});

describe('sub-item times', () => {
  it('accepts untimed sub-items and timed ones inside their item, refuses the rest', () => {
    const item = { title: 'Consultation', startsAt: at('12:10'), endsAt: at('12:30') };
    expect(
      childTimeProblems([{ ...item, children: [{}, { startsAt: at('12:10'), endsAt: at('12:20') }] }]),
    ).toEqual([]);
    expect(
      childTimeProblems([
        {
          ...item,
          children: [
            { startsAt: at('12:25'), endsAt: at('12:40') },
            { startsAt: at('12:15') },
            { startsAt: at('12:20'), endsAt: at('12:15') },
          ],
        },
      ]),
    ).toEqual([
      { index: 0, childIndex: 0 },
      { index: 0, childIndex: 1 },
      { index: 0, childIndex: 2 },
    ]);
  });
});
