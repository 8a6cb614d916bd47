/**
 * Loaders for the contract's zod schemas, used by forms. Each is a dynamic import so that zod
 * stays out of first-load JavaScript; the import is cached after the first call.
 */
export const userSchemas = () => import('../../contract/user.ts');
export const communitySchemas = () => import('../../contract/community.ts');
export const circleSchemas = () => import('../../contract/circle.ts');
export const sessionSchemas = () => import('../../contract/session.ts');
export const boardSchemas = () => import('../../contract/board.ts');
export const signupSchemas = () => import('../../contract/signup.ts');
export const datePollSchemas = () => import('../../contract/date-poll.ts');
export const pollSchemas = () => import('../../contract/poll.ts');
export const calendarSchemas = () => import('../../contract/calendar.ts');
export const placeholderSchemas = () => import('../../contract/placeholder.ts');
export const eventSchemas = () => import('../../contract/event.ts');
