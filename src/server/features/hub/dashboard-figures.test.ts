import { describe, expect, it } from 'vitest';
import { emptyTally, mergeTallies, type Tally, territoryFigures, toFigures } from './dashboard-figures.ts';

const tally = (overrides: Partial<Tally>): Tally => ({ ...emptyTally(), ...overrides });

describe('the dashboard’s figures', () => {
  const codev = tally({
    held: 2,
    people: new Set(['ana', 'bob']),
    present: 3,
    listed: 4,
    due: 2,
    doneOnTime: 1,
  });
  const boussoles = tally({
    held: 1,
    people: new Set(['bob', 'cyd']),
    present: 1,
    listed: 4,
    scoreSum: 150,
    scoreCount: 2,
    surveysCounted: 1,
  });
  const arpentage = tally({ held: 5, people: new Set(['dan']), surveysWithheld: 1 });
  const circles = [
    { circleId: 'codev', tally: codev },
    { circleId: 'boussoles', tally: boussoles },
    { circleId: 'arpentage', tally: arpentage },
  ];

  it('adds circles up into a territory, a person active in two circles counted once', () => {
    const codes = new Map([
      ['codev', ['33', 'NAQ']],
      ['boussoles', ['NAQ']],
      ['unknown-circle', ['75']],
    ]);
    expect(territoryFigures(circles, codes)).toEqual([
      { code: '33', ...toFigures(codev) },
      {
        code: 'NAQ',
        sessionsHeld: 3,
        peopleActive: 3,
        attendance: { present: 4, listed: 8, rate: 0.5 },
        steps: { due: 2, doneOnTime: 1, rate: 0.5 },
        surveys: { counted: 1, withheld: 0, score: 75 },
      },
    ]);
  });

  it('counts a circle once in a territory even when its code is repeated, and none without codes', () => {
    expect(territoryFigures(circles, new Map([['arpentage', ['24', '24']]]))).toEqual([
      { code: '24', ...toFigures(arpentage) },
    ]);
    expect(territoryFigures(circles, new Map())).toEqual([]);
  });

  it('gives no rate where nothing was counted', () => {
    expect(toFigures(mergeTallies([]))).toEqual({
      sessionsHeld: 0,
      peopleActive: 0,
      attendance: { present: 0, listed: 0, rate: null },
      steps: { due: 0, doneOnTime: 0, rate: null },
      surveys: { counted: 0, withheld: 0, score: null },
    });
  });
});
