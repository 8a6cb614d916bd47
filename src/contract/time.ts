import { z } from 'zod';

/**
 * An ISO 8601 instant with its offset, between the years 1970 and 9999 in UTC: PostgreSQL refuses
 * year 0, and ISO strings cannot carry years past 9999.
 */
export const isoInstant = z.iso.datetime({ offset: true }).refine((value) => {
  const instant = Date.parse(value);
  return instant >= Date.UTC(1970, 0, 1) && instant < Date.UTC(10000, 0, 1);
}, 'an instant between the years 1970 and 9999');

/** A time zone the runtime knows, by its IANA name. */
export const timeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Paris');
