import type { CircleVisibility } from '../../domain/circle.ts';
import {
  addToCircle,
  buildCommunity,
  buildSession,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from './test-app.ts';

/** The standings the policy walk checks, one account each (anonymous has none). */
export const standingNames = [
  'anonymous',
  'outsider',
  'communityMember',
  'circleMember',
  'waitlisted',
  'removed',
  'steward',
  'animator',
  'admin',
] as const;
export type StandingName = (typeof standingNames)[number];

/** One circle of each visibility and one object of every kind in it, all made by its steward. */
export interface CircleTarget {
  visibility: CircleVisibility;
  ids: Record<
    | 'circle'
    | 'session'
    | 'action'
    | 'board'
    | 'note'
    | 'cluster'
    | 'zone'
    | 'poll'
    | 'datePoll'
    | 'sheet'
    | 'topic'
    | 'survey',
    string
  >;
}

export interface PolicyWorld {
  users: Record<Exclude<StandingName, 'anonymous'>, TestUser>;
  communitySlug: string;
  communityPollId: string;
  /** A named, open questionnaire for the whole community, made by the animator. */
  communitySurveyId: string;
  /** Two entries of the community's abécédaire: one selected by the animator, one proposed. */
  glossary: { selectedId: string; proposedId: string };
  /** A learning design of the community's library, written by the animator. */
  learningDesignId: string;
  /** A public and a community event made by the animator, each with the animator's registration. */
  events: Record<
    'public' | 'community',
    // With a challenge (no carriers) and a role, both added by the animator.
    { event: string; registration: string; challenge: string; role: string }
  >;
  circles: CircleTarget[];
  /**
   * A public and a community event of the animator's, each with an open space and a session in it
   * hosted by the animator (so that its host's rights add nothing to the organisers').
   */
  openSpaces: OpenSpaceTarget[];
}

export interface OpenSpaceTarget {
  visibility: 'public' | 'community';
  ids: Record<'event' | 'openSpace' | 'openSpaceSession', string>;
}

/** An event of each visibility with an open space and one session, made by the animator. */
async function buildOpenSpaceTarget(
  app: App,
  animator: TestUser,
  slug: string,
  visibility: 'public' | 'community',
): Promise<OpenSpaceTarget> {
  const event = await post(app, animator, `/communities/${slug}/events`, {
    title: `Forum ${visibility}`,
    startsAt: inAMonth(0),
    endsAt: inAMonth(8),
    timeZone: 'Europe/Paris',
    visibility,
  });
  const space = await post(app, animator, `/events/${event.id}/open-space`, {
    rooms: ['Salle A'],
    slots: [{ startsAt: inAMonth(1), endsAt: inAMonth(2) }],
  });
  const session = await post(app, animator, `/open-spaces/${space.id}/sessions`, {
    title: 'Session',
    roomId: space.rooms[0].id,
    slotId: space.slots[0].id,
  });
  return { visibility, ids: { event: event.id, openSpace: space.id, openSpaceSession: session.id } };
}

type App = TestApp['app'];

async function post(app: App, user: TestUser, url: string, payload: object, expected = 201, method = 'POST') {
  const response = await app.inject({
    method: method as 'POST',
    url: `/api/v1${url}`,
    headers: { cookie: user.cookie },
    payload,
  });
  if (response.statusCode !== expected) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const inAMonth = (hours: number) => new Date(Date.now() + (30 * 24 + hours) * 3600_000).toISOString();

/** Every object of a circle, created by its steward through the API. */
async function buildCircleTarget(
  app: App,
  w: Omit<PolicyWorld, 'circles' | 'openSpaces'>,
  visibility: CircleVisibility,
) {
  const { users } = w;
  const circle = await post(app, users.steward, `/communities/${w.communitySlug}/circles`, {
    name: `Cercle ${visibility}`,
    kind: 'learning_circle',
    visibility,
    capacity: 1,
  });
  // "removed" held the place and was taken out; then the member took it and "waitlisted" queued.
  await addToCircle(app, users.steward, circle.id, users.removed);
  const removal = await app.inject({
    method: 'DELETE',
    url: `/api/v1/circles/${circle.id}/members/${users.removed.id}`,
    headers: { cookie: users.steward.cookie },
  });
  if (removal.statusCode >= 300) throw new Error(`removal: ${removal.body}`);
  await addToCircle(app, users.steward, circle.id, users.circleMember);
  const queued = await addToCircle(app, users.steward, circle.id, users.waitlisted);
  if (queued.status !== 'waitlisted') throw new Error(`expected a waitlist, got ${queued.status}`);
  const session = await buildSession(app, users.steward, circle.id);
  const action = await post(app, users.steward, `/sessions/${session.id}/actions`, { title: 'Relire' });
  const board = await post(app, users.steward, `/circles/${circle.id}/boards`, { title: 'Tableau' });
  const note = await post(app, users.steward, `/boards/${board.id}/notes`, { text: 'Idée' });
  const cluster = await post(app, users.steward, `/boards/${board.id}/clusters`, {
    title: 'Groupe',
    noteIds: [note.id],
  });
  const zone = await post(app, users.steward, `/boards/${board.id}/zones`, {
    title: 'Zone',
    x: 0,
    y: 0,
    width: 400,
    height: 300,
  });
  const poll = await post(app, users.steward, `/circles/${circle.id}/polls`, {
    title: 'Vote',
    kind: 'single',
    options: ['a', 'b'],
  });
  const datePoll = await post(app, users.steward, `/circles/${circle.id}/date-polls`, {
    title: 'Quand ?',
    slots: [{ startsAt: inAMonth(0), endsAt: inAMonth(1) }],
  });
  const sheet = await post(app, users.steward, `/circles/${circle.id}/signup-sheets`, {
    title: 'Qui ?',
    topics: [{ title: 'REX' }],
  });
  // Named, so that its organisers read its CSV while it is open.
  const survey = await post(app, users.steward, `/circles/${circle.id}/surveys`, {
    title: 'Bilan',
    audience: 'members',
    anonymous: false,
    templateId: 'session-weather',
  });
  return {
    visibility,
    ids: {
      survey: survey.id,
      circle: circle.id,
      session: session.id,
      action: action.id,
      board: board.id,
      note: note.id,
      cluster: cluster.id,
      zone: zone.id,
      poll: poll.id,
      datePoll: datePoll.id,
      sheet: sheet.id,
      topic: sheet.topics[0].id,
    },
  };
}

/** The world the policy walk runs in, built once per dialect through the public API. */
export async function buildPolicyWorld(app: App): Promise<PolicyWorld> {
  // The first account is the instance admin; it joins nothing.
  const admin = await registerUser(app, 'Admin');
  const animator = await registerUser(app, 'Animatrice');
  const names = ['outsider', 'communityMember', 'circleMember', 'waitlisted', 'removed', 'steward'] as const;
  const others = await Promise.all(names.map((name) => registerUser(app, name)));
  const users = {
    admin,
    animator,
    ...Object.fromEntries(names.map((name, i) => [name, others[i]])),
  } as PolicyWorld['users'];
  const community = await buildCommunity(app, animator);
  for (const name of ['communityMember', 'circleMember', 'waitlisted', 'removed', 'steward'] as const) {
    await joinCommunity(app, users[name], community.slug);
  }
  const communityPoll = await post(app, animator, `/communities/${community.slug}/polls`, {
    title: 'Vote commun',
    kind: 'single',
    options: ['a', 'b'],
  });
  const selected = await post(app, users.communityMember, `/communities/${community.slug}/glossary`, {
    term: 'Altérité',
  });
  await post(
    app,
    animator,
    `/glossary/${selected.id}`,
    { baseRevision: 1, status: 'selected' },
    200,
    'PATCH',
  );
  const proposed = await post(app, users.communityMember, `/communities/${community.slug}/glossary`, {
    term: 'Apprenance',
  });
  const communitySurvey = await post(app, animator, `/communities/${community.slug}/surveys`, {
    title: 'Évaluation commune',
    audience: 'members',
    anonymous: false,
    templateId: 'circle-evaluation',
  });
  const design = await post(app, animator, `/communities/${community.slug}/learning-designs`, {
    title: 'Scénario',
    objectives: ['Décider'],
    sequences: [{ title: 'Accueil', minutes: 10 }],
  });
  const events = {} as PolicyWorld['events'];
  for (const visibility of ['public', 'community'] as const) {
    const year = new Date().getUTCFullYear() + 1;
    const event = await post(app, animator, `/communities/${community.slug}/events`, {
      title: `Événement ${visibility}`,
      startsAt: `${year}-11-16T09:00:00+01:00`,
      endsAt: `${year}-11-16T18:00:00+01:00`,
      timeZone: 'Europe/Paris',
      visibility,
    });
    const registration = await post(app, animator, `/events/${event.id}/registrations`, {});
    const challenge = await post(app, animator, `/events/${event.id}/challenges`, { question: 'Défi ?' });
    const role = await post(app, animator, `/events/${event.id}/roles`, { title: 'Accueillir', needed: 2 });
    events[visibility] = {
      event: event.id,
      registration: registration.id,
      challenge: challenge.id,
      role: role.id,
    };
  }
  const base = {
    users,
    events,
    learningDesignId: design.id,
    communitySlug: community.slug,
    communityPollId: communityPoll.id,
    communitySurveyId: communitySurvey.id,
    glossary: { selectedId: selected.id, proposedId: proposed.id },
  };
  const circles: CircleTarget[] = [];
  for (const visibility of ['public', 'community', 'private'] as const) {
    circles.push(await buildCircleTarget(app, base, visibility));
  }
  const openSpaces = [
    await buildOpenSpaceTarget(app, animator, community.slug, 'public'),
    await buildOpenSpaceTarget(app, animator, community.slug, 'community'),
  ];
  return { ...base, circles, openSpaces };
}
