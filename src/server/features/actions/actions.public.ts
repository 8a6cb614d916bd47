/** What other features may use of actions: listing them and writing one (in a caller's transaction). */
export { createAction, insertActionIn } from './actions.commands.ts';
export {
  type ActionReader,
  type ActionRow,
  actionAbilities,
  listActions,
  pageActions,
  withAbilities,
} from './actions.queries.ts';
