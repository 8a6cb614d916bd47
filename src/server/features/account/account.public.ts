/** What the app uses of the account lifecycle: recording when a person was last active. */
export { lastActivity } from './last-activity.ts';
