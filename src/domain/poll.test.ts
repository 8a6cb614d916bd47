import { describe, expect, it } from 'vitest';
import { ballotProblem, instantRunoff, neutraliseFormula, tallyBallots } from './poll.ts';

describe('poll rules', () => {
  const options = [
    { id: 'a1', sectionId: 'A' },
    { id: 'a2', sectionId: 'A' },
    { id: 'a3', sectionId: 'A' },
    { id: 'a4', sectionId: 'A' },
    { id: 'b1', sectionId: 'B' },
  ];
  const sections = { kind: 'sections' as const, maxPerSection: 3, minChoices: null, maxChoices: null };

  it('holds the quota per section', () => {
    expect(ballotProblem(sections, options, { choices: ['a1', 'a2', 'a3', 'b1'] })).toBeUndefined();
    expect(ballotProblem(sections, options, { choices: ['a1', 'a2', 'a3', 'a4'] })).toMatch(/per section/);
    expect(ballotProblem(sections, options, { choices: ['zz'] })).toMatch(/unknown/);
  });

  it('neutralises every formula trigger, and only those', () => {
    for (const cell of ['=1', '+1', '-1', '@a', '\tx', '\rx'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(neutraliseFormula('Archipel')).toBe('Archipel');
    expect(neutraliseFormula('')).toBe('');
  });

  it('counts ranked ballots by instant runoff with a majority of the ballots still counting', () => {
    const rankings = [['x', 'y'], ['x'], ['y', 'x'], ['z', 'y'], ['z', 'y']];
    const tally = tallyBallots(
      'ranking',
      ['x', 'y', 'z'],
      rankings.map((ranking) => ({ ranking })),
    );
    // First round x2 y1 z2: y out; its ballot goes to x: x3 against z2.
    expect(tally.runoff?.winner).toBe('x');
    expect(tally.runoff?.rounds).toHaveLength(2);
    expect(instantRunoff(['x'], [], new Map()).winner).toBeNull();
  });
});
