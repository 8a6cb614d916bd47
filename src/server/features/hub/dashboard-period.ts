import { addDays, reviewPeriod } from '../../../domain/review.ts';
import { zonedInstant, zonedParts } from '../../../domain/zoned-time.ts';

export interface DashboardCommunity {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

export interface Period {
  communityId: string;
  /** Instants: the period's first moment, its end, and the end of what has been held (now at most). */
  fromAt: string;
  toAt: string;
  heldBefore: string;
  now: string;
  /** Calendar days in the community's zone: the period's first and last, and today. */
  from: string;
  to: string;
  today: string;
  /** Today's first instant: days before it are held whole, today's sessions count once started. */
  todayAt: string;
  timeZone: string;
}

/** The asked days as instants in the community's zone; what is "held" stops at now. */
export function periodOf(
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Period {
  const { timeZone } = community;
  const today = zonedParts(now, timeZone).date;
  const { from, to } = reviewPeriod(asked, today);
  const fromAt = zonedInstant(from, '00:00', timeZone).toISOString();
  const toAt = zonedInstant(addDays(to, 1), '00:00', timeZone).toISOString();
  const heldBefore = new Date(Math.min(Date.parse(toAt), now.getTime())).toISOString();
  const todayAt = zonedInstant(today, '00:00', timeZone).toISOString();
  return {
    communityId: community.id,
    fromAt,
    toAt,
    heldBefore,
    now: now.toISOString(),
    from,
    to,
    today,
    todayAt,
    timeZone,
  };
}
