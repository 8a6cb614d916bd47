import { z } from 'zod';

/** My calendar subscription link: secret, personal, replaced on demand. */
export const calendarFeedSchema = z.object({ url: z.string() }).meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
