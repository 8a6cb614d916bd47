import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServerMessage } from '../../contract/live.ts';
import type { PolicyKind } from '../../domain/policy.ts';
import {
  buildPolicyWorld,
  type PolicyWorld,
  type StandingName,
  standingNames,
} from '../testing/policy-world.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { expectedAbility, type RouteRule, routeRules } from './policy-walk.rules.ts';
import { sampleOf } from './sample-body.ts';
import { documentVisibleTo } from './search-visibility.ts';

type Operation = { requestBody?: { content?: Record<string, { schema?: object }> } };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: object } };
interface Target {
  kind: PolicyKind;
  visibility: 'public' | 'community' | 'private';
  ids: Record<string, string>;
}

const hours = (n: number) => new Date(Date.now() + (40 * 24 + n) * 3600_000).toISOString();
/** Bodies whose rules span fields (a schema-shaped sample would be refused with 400 first). */
const bodies: Record<string, object> = {
  'POST /api/v1/circles/{id}/date-polls': { title: 'x', slots: [{ startsAt: hours(0), endsAt: hours(1) }] },
  'POST /api/v1/circles/{id}/polls': { title: 'x', kind: 'single', options: ['a', 'b'] },
  'POST /api/v1/communities/{slug}/polls': { title: 'x', kind: 'single', options: ['a', 'b'] },
  'POST /api/v1/circles/{id}/sessions': { title: 'x', startsAt: hours(0), endsAt: hours(1) },
  'POST /api/v1/circles/{id}/session-series': {
    title: 'x',
    firstDate: `${new Date().getUTCFullYear() + 1}-03-02`,
    startTime: '12:00',
    endTime: '13:00',
    frequency: 'weekly',
    count: 1,
  },
  'PATCH /api/v1/glossary/{id}': { baseRevision: 1, definition: 'x' },
  'POST /api/v1/circles/{id}/surveys': { title: 'x', audience: 'members', templateId: 'session-weather' },
  'POST /api/v1/communities/{slug}/surveys': {
    title: 'x',
    audience: 'members',
    templateId: 'session-weather',
  },
  'PUT /api/v1/surveys/{id}/responses/me': { answers: [] },
  'POST /api/v1/communities/{slug}/glossary/votes': { letters: ['A'], perLetter: 1 },
  'POST /api/v1/communities/{slug}/events': {
    title: 'x',
    startsAt: hours(0),
    endsAt: hours(1),
    timeZone: 'Europe/Paris',
    visibility: 'public',
  },
  'PATCH /api/v1/events/{id}': { title: 'x' },
  'POST /api/v1/events/{id}/sites': { name: 'x', onlineUrl: 'https://visio.example.org/x' },
  'PATCH /api/v1/events/{id}/sites/{siteId}': { name: 'x' },
  'POST /api/v1/events/{id}/slots': { title: 'x', kind: 'workshop', startsAt: hours(0), endsAt: hours(1) },
  'PATCH /api/v1/events/{id}/slots/{slotId}': { title: 'x' },
  'POST /api/v1/events/{id}/registrations': {},
  'PUT /api/v1/registrations/{id}/slots': { slotIds: [] },
  'PUT /api/v1/registrations/{id}/attendance': { attendance: 'present' },
  'POST /api/v1/events/{id}/challenges': { question: 'x' },
  'PATCH /api/v1/challenges/{id}': { question: 'x' },
  'POST /api/v1/challenges/{id}/teams': { name: 'x' },
  'POST /api/v1/challenges/{id}/teams/me': {},
  'POST /api/v1/events/{id}/roles': { title: 'x', needed: 1 },
  'PATCH /api/v1/event-roles/{id}': { title: 'x' },
  'POST /api/v1/events/{id}/open-space': { rooms: ['A'], slots: [{ startsAt: hours(0), endsAt: hours(1) }] },
  'POST /api/v1/learning-designs/{id}/sessions': {
    circleId: 'x',
    startsAt: '2030-01-07T14:00',
    timeZone: 'Europe/Paris',
  },
};

/** Where a route's `{id}` points, by the segment before it. */
const idOf: Record<string, string> = {
  circles: 'circle',
  sessions: 'session',
  actions: 'action',
  boards: 'board',
  notes: 'note',
  clusters: 'cluster',
  zones: 'zone',
  polls: 'poll',
  'date-polls': 'datePoll',
  'signup-sheets': 'sheet',
  'signup-topics': 'topic',
  glossary: 'glossary',
  surveys: 'survey',
  'learning-designs': 'learningDesign',
  events: 'event',
  'open-spaces': 'openSpace',
  registrations: 'registration',
  challenges: 'challenge',
  'event-roles': 'role',
};

/** The objects a rule is walked on: its kind in each circle, or the community (and its poll). */
function targetsOf(rule: Exclude<RouteRule, { skip: string }>, world: PolicyWorld): Target[] {
  const community = {
    ...(world.circles[0]?.ids ?? {}),
    poll: world.communityPollId,
    survey: world.communitySurveyId,
  };
  const inCommunity = (kind: PolicyKind): Target => ({ kind, visibility: 'public', ids: community });
  if (rule.kind === 'community' || rule.kind === 'communityPoll' || rule.kind === 'communitySurvey') {
    return [inCommunity(rule.kind)];
  }
  // A selected entry (read by all who see the community) and a proposed one (members only).
  if (rule.kind === 'glossaryEntry') {
    return [
      {
        kind: 'glossaryEntry',
        visibility: 'public',
        ids: { ...community, glossary: world.glossary.selectedId },
      },
      {
        kind: 'glossaryEntry',
        visibility: 'community',
        ids: { ...community, glossary: world.glossary.proposedId },
      },
    ];
  }
  // A public and a community event (`public` and `community` stand for the event's visibility),
  // with an open space (on another event of that visibility) and a session in it.
  if (rule.kind === 'event') {
    return (['public', 'community'] as const).map((visibility) => {
      const space = world.openSpaces.find((target) => target.visibility === visibility);
      return {
        kind: 'event',
        visibility,
        ids: {
          ...community,
          ...world.events[visibility],
          openSpace: space?.ids.openSpace ?? 'unknown',
          openSpaceSession: space?.ids.openSpaceSession ?? 'unknown',
        },
      };
    });
  }
  if (rule.kind === 'learningDesign') {
    return [
      {
        kind: 'learningDesign',
        visibility: 'public',
        ids: { ...community, learningDesign: world.learningDesignId },
      },
    ];
  }
  const kind = rule.kind === 'poll' ? 'circlePoll' : rule.kind === 'survey' ? 'circleSurvey' : rule.kind;
  const circles = world.circles.map((circle) => ({ kind, visibility: circle.visibility, ids: circle.ids }));
  if (rule.kind === 'poll') return [...circles, inCommunity('communityPoll')];
  if (rule.kind === 'survey') return [...circles, inCommunity('communitySurvey')];
  return circles;
}

function urlOf(path: string, target: Target, world: PolicyWorld): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const before = segments[i - 1] ?? '';
      if (segment === '{id}') return target.ids[idOf[before] ?? ''] ?? 'unknown';
      if (segment === '{slug}') return world.communitySlug;
      if (segment === '{revision}') return '1';
      if (segment === '{sessionId}' && path.includes('/open-spaces/'))
        return target.ids.openSpaceSession ?? '';
      if (segment === '{userId}')
        return before === 'members' && path.includes('/communities/')
          ? world.users.animator.id
          : world.users.steward.id;
      return segment.startsWith('{') ? 'unknown' : segment;
    })
    .join('/');
}

/** The statuses the specification allows, or undefined when this case is not sent. */
function allowedStatuses(
  rule: Exclude<RouteRule, { skip: string }>,
  target: Target,
  who: StandingName,
  method: string,
) {
  const readKind = rule.read ?? target.kind;
  const actionKind = rule.kind === 'poll' || rule.kind === 'survey' ? target.kind : rule.kind;
  const reads = expectedAbility(readKind, 'read', who, target.visibility);
  const may = reads && expectedAbility(actionKind, rule.action, who, target.visibility);
  const anonymous = who === 'anonymous';
  if (!reads) return anonymous ? [401, 404] : [404];
  // Past the 404, a hiddenOnly route answers by its own rule.
  if (rule.hiddenOnly) return undefined;
  if (!may) return anonymous ? [401, 403] : [403];
  // Allowed writes are not sent: the world stays as it was for the next standing.
  if (method !== 'GET') return undefined;
  return anonymous ? [200, 401] : [200];
}

/** Every searchable object of the world, as its search document id, with the policy that reads it. */
function searchTargetsOf(world: PolicyWorld) {
  const targets: { id: string; kind: PolicyKind; visibility: Target['visibility'] }[] = [];
  const kinds = [
    ['circle', 'circle', 'circle'],
    ['session', 'session', 'session'],
    ['action', 'action', 'action'],
    ['note', 'postit', 'board'],
    ['poll', 'poll', 'circlePoll'],
    ['datePoll', 'date-poll', 'datePoll'],
    ['sheet', 'signup-sheet', 'signupSheet'],
  ] as const;
  for (const circle of world.circles) {
    for (const [key, searchKind, kind] of kinds) {
      targets.push({ id: `${searchKind}:${circle.ids[key]}`, kind, visibility: circle.visibility });
    }
  }
  targets.push(
    { id: `poll:${world.communityPollId}`, kind: 'communityPoll', visibility: 'public' },
    { id: `glossary:${world.glossary.selectedId}`, kind: 'glossaryEntry', visibility: 'public' },
    { id: `glossary:${world.glossary.proposedId}`, kind: 'glossaryEntry', visibility: 'community' },
    { id: `learning-design:${world.learningDesignId}`, kind: 'learningDesign', visibility: 'public' },
    { id: `event:${world.events.public.event}`, kind: 'event', visibility: 'public' },
    { id: `event:${world.events.community.event}`, kind: 'event', visibility: 'community' },
  );
  return targets;
}

const signedInNames = standingNames.filter(
  (name): name is Exclude<StandingName, 'anonymous'> => name !== 'anonymous',
);

describe.each(testDialects())('the policy walk on %s', (dialect) => {
  let t: TestApp;
  let world: PolicyWorld;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await buildPolicyWorld(t.app);
    doc = t.app.swagger() as unknown as OpenApi;
  }, 120_000);
  afterAll(async () => t?.close());

  const cookieOf = (who: StandingName) => (who === 'anonymous' ? {} : { cookie: world.users[who].cookie });

  it('has a rule for every route of the API', () => {
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.filter((route) => !(route in routeRules))).toEqual([]);
    expect(Object.keys(routeRules).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers every route, for every standing, as the policies say', async () => {
    const wrong: string[] = [];
    for (const [route, rule] of Object.entries(routeRules)) {
      if ('skip' in rule) continue;
      const [method = 'GET', path = ''] = route.split(' ');
      const operation = doc.paths[path]?.[method.toLowerCase()];
      const [contentType, media] = Object.entries(operation?.requestBody?.content ?? {})[0] ?? [];
      for (const target of targetsOf(rule, world)) {
        for (const who of standingNames) {
          const statuses = allowedStatuses(rule, target, who, method);
          if (!statuses) continue;
          const body =
            bodies[route] ??
            (media?.schema ? sampleOf(media.schema, doc.components?.schemas ?? {}) : undefined);
          const response = await t.app.inject({
            method: method as 'GET',
            url: urlOf(path, target, world),
            headers: { ...cookieOf(who), ...(contentType && { 'content-type': contentType }) },
            ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
          });
          if (!statuses.includes(response.statusCode)) {
            wrong.push(
              `${route} on ${target.kind} (${target.visibility}) as ${who}: ${response.statusCode}, expected ${statuses.join(' or ')} ${response.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it('gives every object’s abilities as the policies say', async () => {
    const readers = [
      ['circle', '/api/v1/circles/{id}'],
      ['session', '/api/v1/sessions/{id}'],
      ['board', '/api/v1/boards/{id}'],
      ['circlePoll', '/api/v1/polls/{id}'],
      ['datePoll', '/api/v1/date-polls/{id}'],
      ['signupSheet', '/api/v1/signup-sheets/{id}'],
      ['circleSurvey', '/api/v1/surveys/{id}'],
      // A next step is read in its session's list (and page), with its own abilities.
      ['action', '/api/v1/sessions/{id}/actions'],
    ] as const;
    type Body = { abilities?: unknown; items?: { id: string; abilities: unknown }[] };
    const abilitiesIn = (body: Body, target: Target) =>
      target.kind === 'action'
        ? body.items?.find((item) => item.id === target.ids.action)?.abilities
        : body.abilities;
    const wrong: string[] = [];
    const check = async (target: Target, path: string, who: StandingName) => {
      if (!expectedAbility(target.kind, 'read', who, target.visibility)) return;
      const response = await t.app.inject({
        method: 'GET',
        url: urlOf(path, target, world),
        headers: cookieOf(who),
      });
      const actual = abilitiesIn(response.json(), target);
      const wanted = Object.fromEntries(
        (['read', 'takePart', 'steer'] as const).map((a) => [
          a,
          expectedAbility(target.kind, a, who, target.visibility),
        ]),
      );
      if (JSON.stringify(actual) !== JSON.stringify(wanted))
        wrong.push(
          `${target.kind} (${target.visibility}) as ${who}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`,
        );
    };
    for (const who of standingNames) {
      for (const circle of world.circles) {
        for (const [kind, path] of readers)
          await check({ kind, visibility: circle.visibility, ids: circle.ids }, path, who);
      }
      const community = {
        ...(world.circles[0]?.ids ?? {}),
        poll: world.communityPollId,
        survey: world.communitySurveyId,
      };
      await check(
        { kind: 'community', visibility: 'public', ids: community },
        '/api/v1/communities/{slug}',
        who,
      );
      await check({ kind: 'communityPoll', visibility: 'public', ids: community }, '/api/v1/polls/{id}', who);
      await check(
        { kind: 'communitySurvey', visibility: 'public', ids: community },
        '/api/v1/surveys/{id}',
        who,
      );
      for (const [visibility, id] of [
        ['public', world.glossary.selectedId],
        ['community', world.glossary.proposedId],
      ] as const) {
        await check(
          { kind: 'glossaryEntry', visibility, ids: { glossary: id } },
          '/api/v1/glossary/{id}',
          who,
        );
      }
      for (const target of world.openSpaces) {
        await check({ kind: 'event', ...target }, '/api/v1/open-spaces/{id}', who);
      }
      await check(
        { kind: 'learningDesign', visibility: 'public', ids: { learningDesign: world.learningDesignId } },
        '/api/v1/learning-designs/{id}',
        who,
      );
      for (const visibility of ['public', 'community'] as const) {
        await check({ kind: 'event', visibility, ids: world.events[visibility] }, '/api/v1/events/{id}', who);
        // A challenge without carriers: its abilities are its event's.
        await check(
          { kind: 'event', visibility, ids: world.events[visibility] },
          '/api/v1/challenges/{id}',
          who,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets each standing find in search exactly what it may read', async () => {
    await t.indexSearch();
    const searchTargets = searchTargetsOf(world);
    const indexed = await t.database.db.selectFrom('searchDocuments').select('id').execute();
    const missing = searchTargets
      .map((target) => target.id)
      .filter((id) => !indexed.some((row) => row.id === id));
    expect(missing).toEqual([]);
    const wrong: string[] = [];
    for (const who of standingNames) {
      const viewer = who === 'anonymous' ? undefined : { id: world.users[who].id, isAdmin: who === 'admin' };
      const found = await t.database.db
        .selectFrom('searchDocuments as d')
        .where((eb) => documentVisibleTo(eb, viewer))
        .select('d.id')
        .execute();
      for (const target of searchTargets) {
        const expected = expectedAbility(target.kind, 'read', who, target.visibility);
        if (found.some((row) => row.id === target.id) !== expected) {
          wrong.push(`${target.id} (${target.kind}, ${target.visibility}) as ${who}: expected ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('accepts a live subscription exactly where the policies let one read', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address.replace('http', 'ws')}/api/v1/live`;
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/live' });
    expect(anonymous.statusCode).toBe(401);
    const topics = [
      ['session', 'session', 'session'],
      ['board', 'board', 'board'],
      ['poll', 'poll', 'circlePoll'],
      ['date-poll', 'datePoll', 'datePoll'],
      ['signup-sheet', 'sheet', 'signupSheet'],
      ['survey', 'survey', 'circleSurvey'],
    ] as const;
    const wrong: string[] = [];
    for (const who of signedInNames) {
      const socket = new WebSocket(url, {
        headers: { cookie: world.users[who].cookie, origin: TEST_ORIGIN },
      });
      const answers = new Map<string, string>();
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as LiveServerMessage;
        // The first answer to a subscribe; presence and events may follow.
        if (message.type === 'subscribed' && !answers.has(message.topic))
          answers.set(message.topic, 'subscribed');
        if (message.type === 'error' && message.topic && !answers.has(message.topic))
          answers.set(message.topic, message.code);
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const asked: [string, boolean][] = [];
      for (const circle of world.circles) {
        for (const [prefix, id, kind] of topics) {
          const topic = `${prefix}:${circle.ids[id]}`;
          asked.push([topic, expectedAbility(kind, 'read', who, circle.visibility)]);
        }
      }
      asked.push([`poll:${world.communityPollId}`, expectedAbility('communityPoll', 'read', who, 'public')]);
      asked.push([
        `survey:${world.communitySurveyId}`,
        expectedAbility('communitySurvey', 'read', who, 'public'),
      ]);
      asked.push([
        `glossary:${world.glossary.selectedId}`,
        expectedAbility('glossaryEntry', 'read', who, 'public'),
      ]);
      asked.push([
        `glossary:${world.glossary.proposedId}`,
        expectedAbility('glossaryEntry', 'read', who, 'community'),
      ]);
      for (const visibility of ['public', 'community'] as const) {
        asked.push([
          `event:${world.events[visibility].event}`,
          expectedAbility('event', 'read', who, visibility),
        ]);
      }
      for (const { visibility, ids } of world.openSpaces) {
        asked.push([`open-space:${ids.openSpace}`, expectedAbility('event', 'read', who, visibility)]);
      }
      for (const [topic] of asked) socket.send(JSON.stringify({ type: 'subscribe', topic }));
      const deadline = Date.now() + 15_000;
      while (answers.size < asked.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      for (const [topic, reads] of asked) {
        const wanted = reads ? 'subscribed' : 'NOT_FOUND';
        if (answers.get(topic) !== wanted)
          wrong.push(`${topic} as ${who}: ${answers.get(topic)}, expected ${wanted}`);
      }
      socket.close();
    }
    expect(wrong).toEqual([]);
  });
});
