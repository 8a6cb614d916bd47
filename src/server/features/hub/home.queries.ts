import type { Kysely } from 'kysely';
import type { CommunityHome } from '../../../contract/hub.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { findCommunityMembership } from '../communities/communities.public.ts';
import { myActions, overdueActions } from './home-actions.ts';
import { glossaryProgress, nextEvents } from './home-community.ts';
import { latestAnnouncements, latestMinutes, nextSessions } from './home-sessions.ts';
import { openDatePolls, openPolls, signupSheets, surveysToAnswer, type VoteScope } from './home-votes.ts';

/** Communities are listed for everyone (the community policy), so only an unknown slug is a 404. */
export async function getHomeCommunity(db: Kysely<DB>, slug: string) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug', 'name', 'timeZone'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!community) throw notFound('Community');
  return community;
}

/**
 * The community home: a dozen bounded reads run side by side, each with the visibility rule of what
 * it lists inside its SQL, so nothing the viewer may not read is fetched at all.
 */
export async function communityHome(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer | undefined,
  now = new Date(),
): Promise<CommunityHome> {
  const community = await getHomeCommunity(db, slug);
  const membership = viewer ? await findCommunityMembership(db, community.id, viewer.id) : undefined;
  const isMember = membership?.status === 'active';
  const scope: VoteScope = {
    communityId: community.id,
    viewer,
    now: now.toISOString(),
    isMember,
    readsCommunity: isMember || viewer?.isAdmin === true,
  };
  const today = zonedParts(now, community.timeZone).date;
  const [
    sessions,
    events,
    polls,
    datePolls,
    sheets,
    surveys,
    mine,
    overdue,
    minutes,
    glossary,
    announcements,
  ] = await Promise.all([
    nextSessions(db, scope),
    nextEvents(db, scope),
    openPolls(db, scope),
    openDatePolls(db, scope),
    signupSheets(db, scope),
    surveysToAnswer(db, scope),
    myActions(db, scope),
    overdueActions(db, scope, today),
    latestMinutes(db, scope),
    glossaryProgress(db, scope, community),
    latestAnnouncements(db, scope),
  ]);
  const base = `/c/${community.slug}`;
  return {
    community,
    nextSessions: sessions,
    events,
    openPolls: polls,
    openDatePolls: datePolls,
    openSignupSheets: sheets,
    surveysToAnswer: surveys,
    myActions: mine,
    overdueActions: overdue,
    latestMinutes: minutes,
    glossary,
    announcements,
    seeAll: {
      sessions: viewer ? '/my-sessions' : null,
      events: `${base}/events`,
      myActions: viewer ? '/my-actions' : null,
      surveys: scope.readsCommunity ? `${base}/surveys` : null,
      glossary: `${base}/glossary`,
    },
  };
}
