/**
 * For the tests only: the dashboard as it was computed before decision 047, from the sessions,
 * attendance, steps and questionnaires themselves at every read. The tests compare the figures the
 * writers keep with this after random writes.
 */
import type { Kysely } from 'kysely';
import type { CommunityDashboard, DashboardFigures } from '../../../contract/hub.ts';
import { addDays, isDoneOnTime, reviewPeriod } from '../../../domain/review.ts';
import { rangeOf } from '../../../domain/survey.ts';
import { zonedInstant, zonedParts } from '../../../domain/zoned-time.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { circleSurveyResults } from '../surveys/surveys.public.ts';
import type { DashboardCommunity } from './dashboard-period.ts';

/**
 * What the dashboard adds up for one circle, kept as raw counts (and the people themselves) so that
 * territories and the community total are sums of circles without counting a person twice.
 */
interface Tally {
  held: number;
  /** Account ids of the people active (a person active in two circles is one person in a total). */
  people: Set<string>;
  present: number;
  listed: number;
  due: number;
  doneOnTime: number;
  /** Scale questions' means, each on 0–100 over its own range: summed and counted. */
  scoreSum: number;
  scoreCount: number;
  surveysCounted: number;
  surveysWithheld: number;
}

const emptyTally = (): Tally => ({
  held: 0,
  people: new Set(),
  present: 0,
  listed: 0,
  due: 0,
  doneOnTime: 0,
  scoreSum: 0,
  scoreCount: 0,
  surveysCounted: 0,
  surveysWithheld: 0,
});

/** The sum of several circles' tallies (people as a union). */
function mergeTallies(tallies: Tally[]): Tally {
  const total = emptyTally();
  for (const t of tallies) {
    total.held += t.held;
    for (const person of t.people) total.people.add(person);
    total.present += t.present;
    total.listed += t.listed;
    total.due += t.due;
    total.doneOnTime += t.doneOnTime;
    total.scoreSum += t.scoreSum;
    total.scoreCount += t.scoreCount;
    total.surveysCounted += t.surveysCounted;
    total.surveysWithheld += t.surveysWithheld;
  }
  return total;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

function toFigures(t: Tally): DashboardFigures {
  return {
    sessionsHeld: t.held,
    peopleActive: t.people.size,
    attendance: { present: t.present, listed: t.listed, rate: ratio(t.present, t.listed) },
    steps: { due: t.due, doneOnTime: t.doneOnTime, rate: ratio(t.doneOnTime, t.due) },
    surveys: {
      counted: t.surveysCounted,
      withheld: t.surveysWithheld,
      score: t.scoreCount > 0 ? Math.round((t.scoreSum / t.scoreCount) * 10) / 10 : null,
    },
  };
}

/**
 * Figures per territory: each code sums the circles it is given for (a circle with two codes counts
 * in both; one without any counts in none). `codesByCircle` comes from the territories' links.
 */
function territoryFigures(
  circles: { circleId: string; tally: Tally }[],
  codesByCircle: ReadonlyMap<string, readonly string[]>,
): (DashboardFigures & { code: string })[] {
  const byCode = new Map<string, Tally[]>();
  for (const { circleId, tally } of circles) {
    for (const code of new Set(codesByCircle.get(circleId) ?? [])) {
      byCode.set(code, [...(byCode.get(code) ?? []), tally]);
    }
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, tallies]) => ({ code, ...toFigures(mergeTallies(tallies)) }));
}

const nameOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

interface Period {
  communityId: string;
  /** Instants: the period's first moment, its end, and the end of what has been held (now at most). */
  fromAt: string;
  toAt: string;
  heldBefore: string;
  from: string;
  to: string;
  timeZone: string;
}

/** Held sessions of the community's circles in the period: started, not called off. */
function heldSessions(db: Kysely<DB>, p: Period) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('circles as ci', 'ci.id', 's.circleId')
    .where('ci.communityId', '=', p.communityId)
    .where('s.cancelledAt', 'is', null)
    .where('s.startsAt', '>=', p.fromAt)
    .where('s.startsAt', '<', p.heldBefore);
}

/** Sessions held and attendance: present and listed, over sessions where someone was marked present. */
async function tallySessions(db: Kysely<DB>, p: Period, tallyOf: (circleId: string) => Tally) {
  const [sessions, answers] = await Promise.all([
    heldSessions(db, p).select(['s.id', 's.circleId']).execute(),
    heldSessions(db, p)
      .innerJoin('sessionParticipants as sp', 'sp.sessionId', 's.id')
      .select(['s.id', 's.circleId', 'sp.status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy(['s.id', 's.circleId', 'sp.status'])
      .execute(),
  ]);
  for (const session of sessions) tallyOf(session.circleId).held += 1;
  const bySession = new Map<string, { circleId: string; present: number; listed: number }>();
  for (const row of answers) {
    const entry = bySession.get(row.id) ?? { circleId: row.circleId, present: 0, listed: 0 };
    entry.listed += Number(row.n);
    if (row.status === 'present') entry.present += Number(row.n);
    bySession.set(row.id, entry);
  }
  for (const entry of bySession.values()) {
    if (entry.present === 0) continue; // attendance not recorded for this session
    tallyOf(entry.circleId).present += entry.present;
    tallyOf(entry.circleId).listed += entry.listed;
  }
}

/** People active: marked present or checked in at a held session, or owning a step of the period. */
async function tallyPeople(db: Kysely<DB>, p: Period, tallyOf: (circleId: string) => Tally) {
  const [present, checkedIn, owners] = await Promise.all([
    heldSessions(db, p)
      .innerJoin('sessionParticipants as sp', 'sp.sessionId', 's.id')
      .select(['s.circleId', 'sp.userId'])
      .where('sp.status', '=', 'present')
      .where('sp.userId', 'is not', null)
      .distinct()
      .execute(),
    heldSessions(db, p)
      .innerJoin('checkins as ch', 'ch.sessionId', 's.id')
      .select(['s.circleId', 'ch.userId'])
      .distinct()
      .execute(),
    // A step belongs to the period of the session it was recorded at, or to its own creation.
    db
      .selectFrom('actions as a')
      .innerJoin('circles as ci', 'ci.id', 'a.circleId')
      .leftJoin('sessions as s', 's.id', 'a.sessionId')
      .innerJoin('actionOwners as o', 'o.actionId', 'a.id')
      .select(['a.circleId', 'o.userId'])
      .where('ci.communityId', '=', p.communityId)
      .where('o.userId', 'is not', null)
      .where((eb) =>
        eb.and([
          eb(eb.fn.coalesce('s.startsAt', 'a.createdAt'), '>=', p.fromAt),
          eb(eb.fn.coalesce('s.startsAt', 'a.createdAt'), '<', p.toAt),
        ]),
      )
      .distinct()
      .execute(),
  ]);
  for (const row of [...present, ...checkedIn, ...owners]) {
    if (row.userId) tallyOf(row.circleId).people.add(row.userId);
  }
}

/** Next steps due in the period, and those done on or before their due day (community's zone). */
async function tallySteps(db: Kysely<DB>, p: Period, tallyOf: (circleId: string) => Tally) {
  const steps = await db
    .selectFrom('actions as a')
    .innerJoin('circles as ci', 'ci.id', 'a.circleId')
    .select(['a.circleId', 'a.status', 'a.dueOn', 'a.updatedAt'])
    .where('ci.communityId', '=', p.communityId)
    .where('a.dueOn', '>=', p.from)
    .where('a.dueOn', '<=', p.to)
    .execute();
  for (const step of steps) {
    const tally = tallyOf(step.circleId);
    tally.due += 1;
    const changedOn = zonedParts(new Date(toIso(step.updatedAt)), p.timeZone).date;
    if (isDoneOnTime({ status: step.status, dueOn: step.dueOn, changedOn })) tally.doneOnTime += 1;
  }
}

/**
 * Questionnaire scores through the surveys feature's own results, so its withholding rules hold:
 * a withheld questionnaire gives no figure here either, only its count in `withheld`.
 */
async function tallySurveys(db: Kysely<DB>, p: Period, circleIds: string[], tallyOf: (id: string) => Tally) {
  const withSurveys = await db
    .selectFrom('surveys')
    .select('circleId')
    .distinct()
    .where('communityId', '=', p.communityId)
    .where('circleId', 'in', circleIds.length ? circleIds : [''])
    .where('createdAt', '>=', p.fromAt)
    .where('createdAt', '<', p.toAt)
    .execute();
  for (const { circleId } of withSurveys) {
    if (!circleId) continue;
    const tally = tallyOf(circleId);
    for (const survey of await circleSurveyResults(db, circleId, { from: p.fromAt, to: p.toAt })) {
      if (survey.results.withheld) {
        tally.surveysWithheld += 1;
        continue;
      }
      tally.surveysCounted += 1;
      for (const result of survey.results.questions) {
        const question = survey.questions.find((q) => q.id === result.id);
        if (question?.kind !== 'scale' || result.mean === null || result.mean === undefined) continue;
        const { min, max } = rangeOf(question);
        tally.scoreSum += ((result.mean - min) / (max - min)) * 100;
        tally.scoreCount += 1;
      }
    }
  }
}

/** The asked days as instants in the community's zone; what is "held" stops at now. */
function periodOf(
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Period {
  const { timeZone } = community;
  const { from, to } = reviewPeriod(asked, zonedParts(now, timeZone).date);
  const fromAt = zonedInstant(from, '00:00', timeZone).toISOString();
  const toAt = zonedInstant(addDays(to, 1), '00:00', timeZone).toISOString();
  const heldBefore = new Date(Math.min(Date.parse(toAt), now.getTime())).toISOString();
  return { communityId: community.id, fromAt, toAt, heldBefore, from, to, timeZone };
}

/**
 * The animators' dashboard over a period (see contract/hub.ts for each figure). `codesByCircle`
 * gives each circle's territory codes; circles without any count in no territory.
 */
export async function dashboardFromScratch(
  db: Kysely<DB>,
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  codesByCircle: ReadonlyMap<string, readonly string[]>,
  now = new Date(),
): Promise<CommunityDashboard> {
  const p = periodOf(community, asked, now);
  const { from, to, timeZone } = p;

  const circles = await db
    .selectFrom('circles')
    .select(['id', 'name'])
    .where('communityId', '=', community.id)
    .execute()
    // Ordered as people read names (SQLite's byte order puts "Cercle Codev" before "Cercle arpentage").
    .then((rows) => rows.sort((a, b) => nameOrder.compare(a.name, b.name) || a.id.localeCompare(b.id)));
  const tallies = new Map(circles.map((circle) => [circle.id, emptyTally()]));
  const tallyOf = (circleId: string) => tallies.get(circleId) ?? emptyTally();
  await Promise.all([
    tallySessions(db, p, tallyOf),
    tallyPeople(db, p, tallyOf),
    tallySteps(db, p, tallyOf),
    tallySurveys(db, p, [...tallies.keys()], tallyOf),
  ]);
  const perCircle = circles.map((circle) => ({ circleId: circle.id, tally: tallyOf(circle.id) }));
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    from,
    to,
    timeZone,
    pendingCircles: 0,
    total: toFigures(mergeTallies(perCircle.map((c) => c.tally))),
    circles: circles.map((circle) => ({ circle, ...toFigures(tallyOf(circle.id)) })),
    nextCursor: null,
    territories: territoryFigures(perCircle, codesByCircle),
  };
}
