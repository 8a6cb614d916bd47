/** What other features may use of polls: creating one, reading it, its phase and its results. */
export { effectivePhase } from './poll-access.ts';
export { createPoll } from './polls.commands.ts';
export { loadResults } from './polls.queries.ts';
