import type { ExpressionBuilder, Kysely } from 'kysely';
import { HOME_LIST_LIMIT, type HomeItem } from '../../../contract/hub.ts';
import { one, toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { circleContentVisibleTo, circleVisibleTo } from '../../policy/visibility.ts';
import type { HomeScope } from './home-sessions.ts';

/** The home's scope plus whether the viewer reads the community's own polls and questionnaires. */
export interface VoteScope extends HomeScope {
  /** An active member of the community or an instance admin (the communityPoll policy's `read`). */
  readsCommunity: boolean;
  /** An active member (who answers the community's questionnaires). */
  isMember: boolean;
}

interface Line {
  id: string;
  title: string;
  date: Date | string | null;
  circleId?: string | null;
  circleName?: string | null;
}

const item = (row: Line, url: string, timeZone: string | null = null): HomeItem => ({
  id: row.id,
  title: row.title,
  url,
  date: row.date === null ? null : toIso(row.date),
  timeZone,
  circle: row.circleId && row.circleName ? { id: row.circleId, name: row.circleName } : null,
});

/** Circle lists and community lists, each already bounded, merged newest first. */
const newestFirst = <T extends { createdAt: Date | string }>(rows: T[]) =>
  rows
    .sort((a, b) => Date.parse(toIso(b.createdAt)) - Date.parse(toIso(a.createdAt)))
    .slice(0, HOME_LIST_LIMIT);

/** Polls in proposal or voting (not past their closing time), of visible circles or the community. */
export async function openPolls(db: Kysely<DB>, scope: VoteScope): Promise<HomeItem[]> {
  const base = db
    .selectFrom('polls as p')
    .where('p.communityId', '=', scope.communityId)
    .where('p.phase', '!=', 'closed')
    .where((eb) => eb.or([eb('p.closesAt', 'is', null), eb('p.closesAt', '>', scope.now)]))
    .orderBy('p.createdAt', 'desc')
    .limit(HOME_LIST_LIMIT);
  const [inCircles, own] = await Promise.all([
    base
      .innerJoin('circles as ci', 'ci.id', 'p.circleId')
      .select([
        'p.id',
        'p.title',
        'p.closesAt as date',
        'p.createdAt',
        'ci.id as circleId',
        'ci.name as circleName',
      ])
      .where((eb) => circleContentVisibleTo(eb, scope.viewer, null))
      .execute(),
    scope.readsCommunity
      ? base
          .select(['p.id', 'p.title', 'p.closesAt as date', 'p.createdAt'])
          .where('p.circleId', 'is', null)
          .execute()
      : [],
  ]);
  return newestFirst([...inCircles, ...own]).map((row) => item(row, `/polls/${row.id}`));
}

/** Date polls still open (deadline not passed), soonest deadline first. */
export async function openDatePolls(db: Kysely<DB>, scope: HomeScope): Promise<HomeItem[]> {
  const rows = await db
    .selectFrom('datePolls as dp')
    // Open date polls lead (date_polls_status_idx), as sessions do in home-sessions.ts.
    .crossJoin('circles as ci')
    .whereRef('ci.id', '=', 'dp.circleId')
    .select([
      'dp.id',
      'dp.title',
      'dp.deadline as date',
      'dp.timeZone',
      'ci.id as circleId',
      'ci.name as circleName',
    ])
    .where('ci.communityId', '=', scope.communityId)
    .where('dp.status', '=', 'open')
    .where((eb) => eb.or([eb('dp.deadline', 'is', null), eb('dp.deadline', '>', scope.now)]))
    .where((eb) => circleContentVisibleTo(eb, scope.viewer, null))
    .orderBy((eb) => eb.case().when('dp.deadline', 'is', null).then(1).else(0).end())
    .orderBy('dp.deadline')
    .orderBy('dp.createdAt', 'desc')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows.map((row) => item(row, `/date-polls/${row.id}`, row.timeZone));
}

/** Sign-up sheets of the circles whose content the viewer reads, newest first. */
export async function signupSheets(db: Kysely<DB>, scope: HomeScope): Promise<HomeItem[]> {
  const rows = await db
    .selectFrom('signupSheets as sh')
    // The newest sheets lead (signup_sheets_created_idx), as sessions do in home-sessions.ts.
    .crossJoin('circles as ci')
    .whereRef('ci.id', '=', 'sh.circleId')
    .select(['sh.id', 'sh.title', 'ci.id as circleId', 'ci.name as circleName'])
    .where('ci.communityId', '=', scope.communityId)
    .where('ci.status', '!=', 'closed')
    .where((eb) => circleContentVisibleTo(eb, scope.viewer, null))
    .orderBy('sh.createdAt', 'desc')
    .orderBy('sh.id')
    .limit(HOME_LIST_LIMIT)
    .execute();
  // A sheet has no date of its own worth showing (its creation is not an appointment).
  return rows.map((row) => item({ ...row, date: null }, `/signup-sheets/${row.id}`));
}

type WithSurvey = DB & { sv: DB['surveys']; ci: DB['circles'] };

/** A circle's questionnaire is answered by its members, or by its session's listed people. */
function answersInCircle(eb: ExpressionBuilder<WithSurvey, 'sv' | 'ci'>, me: string) {
  const listed = eb
    .selectFrom('sessionParticipants as listed')
    .whereRef('listed.sessionId', '=', 'sv.sessionId')
    .where('listed.userId', '=', me)
    .where('listed.status', '!=', 'excused')
    .select(one);
  const member = eb
    .selectFrom('circleMembers as own')
    .whereRef('own.circleId', '=', 'ci.id')
    .where('own.userId', '=', me)
    .where('own.status', '=', 'member')
    .select(one);
  return eb.or([
    eb.and([eb('sv.audience', '=', 'participants'), eb.exists(listed)]),
    eb.and([eb('sv.audience', '!=', 'participants'), eb.exists(member)]),
  ]);
}

/**
 * Open questionnaires the viewer would answer (the circleSurvey and communitySurvey policies'
 * `takePart`) and has not: the community's for its members; a circle's for its members, or for the
 * people listed on its session when it is for that session's participants.
 */
export async function surveysToAnswer(db: Kysely<DB>, scope: VoteScope): Promise<HomeItem[]> {
  const me = scope.viewer?.id;
  if (!me) return [];
  const base = db
    .selectFrom('surveys as sv')
    .where('sv.communityId', '=', scope.communityId)
    .where('sv.closedAt', 'is', null)
    .where((eb) => eb.or([eb('sv.closesAt', 'is', null), eb('sv.closesAt', '>', scope.now)]))
    .where((eb) => eb.or([eb('sv.opensAt', 'is', null), eb('sv.opensAt', '<=', scope.now)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('surveyRespondents as r')
            .whereRef('r.surveyId', '=', 'sv.id')
            .where('r.userId', '=', me)
            .select(one),
        ),
      ),
    )
    .orderBy('sv.createdAt', 'desc')
    .limit(HOME_LIST_LIMIT);
  const [inCircles, own] = await Promise.all([
    base
      .innerJoin('circles as ci', 'ci.id', 'sv.circleId')
      .select([
        'sv.id',
        'sv.title',
        'sv.closesAt as date',
        'sv.createdAt',
        'ci.id as circleId',
        'ci.name as circleName',
      ])
      .where((eb) => circleVisibleTo(eb, scope.viewer))
      .where((eb) => answersInCircle(eb, me))
      .execute(),
    scope.isMember
      ? base
          .select(['sv.id', 'sv.title', 'sv.closesAt as date', 'sv.createdAt'])
          .where('sv.circleId', 'is', null)
          .execute()
      : [],
  ]);
  return newestFirst([...inCircles, ...own]).map((row) => item(row, `/surveys/${row.id}`));
}
