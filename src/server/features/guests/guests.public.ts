/** What other features and the app may use of guests: finding a guest viewer, guests who may vote. */
export { findGuestViewer, openGuestsAmong } from './guests.queries.ts';
