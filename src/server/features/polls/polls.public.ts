/** What other features may use of polls: creating one, reading it, its phase and its results. */

/** Receipts of anonymous answers: a fresh one, and the hash that is all the server keeps. */
export { hashReceipt, newReceipt } from './ballot-content.ts';
export { effectivePhase } from './poll-access.ts';
export { createPoll } from './polls.commands.ts';
export { loadResults } from './polls.queries.ts';
