/**
 * What other features may use of date polls: a viewer's standing in a circle (sign-up sheets use
 * the same rule for who may organise and answer).
 */
export { type CircleStanding, getCircleStanding } from './date-poll-access.ts';
