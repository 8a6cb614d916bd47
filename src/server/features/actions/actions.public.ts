/** What other features may use of actions: listing them and writing one (in a caller's transaction). */
export { createAction, insertActionIn } from './actions.commands.ts';
export { listActions, pageActions } from './actions.queries.ts';
