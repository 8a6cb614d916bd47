/**
 * What other features may use of events: finding an event as the viewer may see it (open spaces and
 * challenges hang on events) and its lock.
 */
export {
  type EventAccess,
  type EventRow,
  eventTopic,
  getEventAccess,
  getSteeredEvent,
} from './event-access.ts';
export { lockEvent } from './events.commands.ts';
