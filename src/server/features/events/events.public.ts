/**
 * What other features may use of events: finding an event as the viewer may see it (open spaces and
 * challenges hang on events), its lock, and what a person registered for as calendar items (their
 * personal feed).
 */

export { seesNames } from './challenges.queries.ts';
export {
  type EventAccess,
  type EventRow,
  eventTopic,
  getEventAccess,
  getSteeredEvent,
} from './event-access.ts';
export { registeredCalendarItems } from './event-calendar.ts';
export { lockEvent } from './events.commands.ts';
export { releaseUpcomingRegistrations } from './registrations.commands.ts';
