import { describe, expect, it } from 'vitest';
import { emptyTally, toFigures } from './dashboard-figures.ts';

describe('the dashboard’s figures', () => {
  it('gives no rate where nothing was counted', () => {
    expect(toFigures(emptyTally())).toEqual({
      sessionsHeld: 0,
      peopleActive: 0,
      attendance: { present: 0, listed: 0, rate: null },
      steps: { due: 0, doneOnTime: 0, rate: null },
      surveys: { counted: 0, withheld: 0, score: null },
    });
  });

  it('rounds rates to three decimals and the score to one', () => {
    const figures = toFigures({
      ...emptyTally(),
      present: 1,
      listed: 3,
      due: 3,
      doneOnTime: 2,
      scoreSum: 200,
      scoreCount: 3,
    });
    expect(figures.attendance.rate).toBe(0.333);
    expect(figures.steps.rate).toBe(0.667);
    expect(figures.surveys.score).toBe(66.7);
  });
});
