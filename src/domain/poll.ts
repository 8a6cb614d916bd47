/** Polls: the rules of a valid ballot and the tallies, pure so the server and tests share them. */

export const pollKinds = ['single', 'multiple', 'sections', 'ranking', 'score'] as const;
export type PollKind = (typeof pollKinds)[number];

export const pollPhases = ['proposal', 'voting', 'closed'] as const;
export type PollPhase = (typeof pollPhases)[number];

export const MAX_SCORE = 5;

export interface PollRules {
  kind: PollKind;
  maxPerSection: number | null;
  minChoices: number | null;
  maxChoices: number | null;
}

export interface PollOptionRef {
  id: string;
  sectionId: string | null;
}

/** A ballot as stored: chosen ids (single, multiple, sections), an order (ranking) or scores. */
export type BallotContent =
  | { choices: string[] }
  | { ranking: string[] }
  | { scores: Record<string, number> };

/** Why a ballot is refused, in words a voter understands; undefined when it is valid. */
export function ballotProblem(
  rules: PollRules,
  options: readonly PollOptionRef[],
  ballot: BallotContent,
): string | undefined {
  const known = new Map(options.map((option) => [option.id, option]));
  if (rules.kind === 'score') {
    if (!('scores' in ballot)) return 'a score poll takes { scores }';
    const entries = Object.entries(ballot.scores);
    if (entries.length === 0) return 'score at least one option';
    for (const [id, score] of entries) {
      if (!known.has(id)) return `unknown option ${id}`;
      if (!Number.isInteger(score) || score < 0 || score > MAX_SCORE)
        return `scores go from 0 to ${MAX_SCORE}`;
    }
    return undefined;
  }
  if (rules.kind === 'ranking') {
    if (!('ranking' in ballot)) return 'a ranking poll takes { ranking }';
    return (
      idsProblem(ballot.ranking, known) ??
      (ballot.ranking.length === 0 ? 'rank at least one option' : undefined)
    );
  }
  if (!('choices' in ballot)) return `a ${rules.kind} poll takes { choices }`;
  const ids = ballot.choices;
  const problem = idsProblem(ids, known);
  if (problem) return problem;
  if (rules.kind === 'single') return ids.length === 1 ? undefined : 'choose exactly one option';
  const min = rules.minChoices ?? 1;
  const max = rules.maxChoices ?? options.length;
  if (ids.length < min) return `choose at least ${min} option(s)`;
  if (ids.length > max) return `choose at most ${max} option(s)`;
  if (rules.kind === 'sections' && rules.maxPerSection !== null) {
    const perSection = new Map<string, number>();
    for (const id of ids) {
      const section = known.get(id)?.sectionId ?? '';
      const count = (perSection.get(section) ?? 0) + 1;
      if (count > rules.maxPerSection) return `at most ${rules.maxPerSection} choice(s) per section`;
      perSection.set(section, count);
    }
  }
  return undefined;
}

function idsProblem(ids: readonly string[], known: Map<string, PollOptionRef>): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!known.has(id)) return `unknown option ${id}`;
    if (seen.has(id)) return `option ${id} is given twice`;
    seen.add(id);
  }
  return undefined;
}

export interface OptionTally {
  id: string;
  count: number;
  /** Ranking: Borda points (n-1 for a first place, 0 for unranked). */
  borda?: number;
  /** Score: sum and mean of the scores given to this option. */
  total?: number;
  average?: number | null;
}

export interface RunoffRound {
  /** First preferences of the ballots still counting, by option id. */
  counts: Record<string, number>;
  eliminated: string | null;
}

export interface Tally {
  voters: number;
  options: OptionTally[];
  runoff?: { winner: string | null; rounds: RunoffRound[] };
}

/** Counts the current ballots from scratch: results are always a recount, never running totals. */
export function tallyBallots(
  kind: PollKind,
  optionIds: readonly string[],
  ballots: readonly BallotContent[],
): Tally {
  const counts = new Map(optionIds.map((id) => [id, 0]));
  const borda = new Map(optionIds.map((id) => [id, 0]));
  const totals = new Map(optionIds.map((id) => [id, 0]));
  const n = optionIds.length;
  for (const ballot of ballots) {
    if ('choices' in ballot) for (const id of ballot.choices) bump(counts, id, 1);
    if ('ranking' in ballot) {
      ballot.ranking.forEach((id, rank) => {
        if (rank === 0) bump(counts, id, 1);
        bump(borda, id, n - 1 - rank);
      });
    }
    if ('scores' in ballot) {
      for (const [id, score] of Object.entries(ballot.scores)) {
        bump(counts, id, 1);
        bump(totals, id, score);
      }
    }
  }
  const options = optionIds.map((id): OptionTally => {
    const count = counts.get(id) ?? 0;
    if (kind === 'ranking') return { id, count, borda: borda.get(id) ?? 0 };
    if (kind === 'score') {
      const total = totals.get(id) ?? 0;
      return { id, count, total, average: count === 0 ? null : Math.round((total / count) * 100) / 100 };
    }
    return { id, count };
  });
  const tally: Tally = { voters: ballots.length, options };
  if (kind === 'ranking') {
    const rankings = ballots.flatMap((b) => ('ranking' in b ? [b.ranking] : []));
    tally.runoff = instantRunoff(optionIds, rankings, borda);
  }
  return tally;
}

function bump(map: Map<string, number>, id: string, by: number) {
  const value = map.get(id);
  if (value !== undefined) map.set(id, value + by);
}

/**
 * Ranked choice (instant runoff): each round counts every ballot for its highest-ranked option still
 * in the race; an option with more than half of the ballots still counting wins, otherwise the one
 * with fewest first preferences is eliminated. Ties for elimination go to the lowest Borda score,
 * then to the later option, so the outcome is deterministic.
 */
export function instantRunoff(
  optionIds: readonly string[],
  rankings: readonly (readonly string[])[],
  borda: Map<string, number>,
): { winner: string | null; rounds: RunoffRound[] } {
  const remaining = new Set(optionIds);
  const rounds: RunoffRound[] = [];
  while (remaining.size > 0) {
    const counts: Record<string, number> = {};
    for (const id of remaining) counts[id] = 0;
    let active = 0;
    for (const ranking of rankings) {
      const top = ranking.find((id) => remaining.has(id));
      if (top === undefined) continue;
      counts[top] = (counts[top] ?? 0) + 1;
      active += 1;
    }
    if (active === 0) {
      rounds.push({ counts, eliminated: null });
      return { winner: null, rounds };
    }
    const leader = [...remaining].reduce((a, b) => ((counts[b] ?? 0) > (counts[a] ?? 0) ? b : a));
    if ((counts[leader] ?? 0) * 2 > active || remaining.size === 1) {
      rounds.push({ counts, eliminated: null });
      return { winner: leader, rounds };
    }
    const order = [...remaining];
    const loser = order.reduce((worst, id) => {
      const byCount = (counts[id] ?? 0) - (counts[worst] ?? 0);
      if (byCount !== 0) return byCount < 0 ? id : worst;
      const byBorda = (borda.get(id) ?? 0) - (borda.get(worst) ?? 0);
      if (byBorda !== 0) return byBorda < 0 ? id : worst;
      return order.indexOf(id) > order.indexOf(worst) ? id : worst;
    });
    rounds.push({ counts, eliminated: loser });
    remaining.delete(loser);
  }
  return { winner: null, rounds };
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula: such cells get a leading apostrophe so they stay text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
