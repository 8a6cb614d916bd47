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

/** 'YYYY-MM' moved by whole months. */
function shiftMonth(month: string, by: number): string {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1 + by, 1)).toISOString().slice(0, 7);
}

/**
 * The period as the whole months it holds before today's month (their sums are kept per month)
 * and the days around them, so that a year reads about 60 days and 12 months a scope (decision 057).
 */
export function periodParts(p: Period): {
  months: { from: string; to: string } | undefined;
  days: { from: string; to: string }[];
} {
  const firstWhole = p.from.endsWith('-01') ? p.from.slice(0, 7) : shiftMonth(p.from.slice(0, 7), 1);
  const endsMonth = addDays(p.to, 1).endsWith('-01');
  const lastOfTo = endsMonth ? p.to.slice(0, 7) : shiftMonth(p.to.slice(0, 7), -1);
  const beforeToday = shiftMonth(p.today.slice(0, 7), -1);
  // The earlier of the two ('YYYY-MM' sorts as it reads).
  const lastWhole = [lastOfTo, beforeToday].sort()[0] ?? beforeToday;
  if (firstWhole > lastWhole) return { months: undefined, days: [{ from: p.from, to: p.to }] };
  const days = [
    { from: p.from, to: addDays(`${firstWhole}-01`, -1) },
    { from: `${shiftMonth(lastWhole, 1)}-01`, to: p.to },
  ].filter((range) => range.from <= range.to);
  return { months: { from: firstWhole, to: lastWhole }, days };
}
