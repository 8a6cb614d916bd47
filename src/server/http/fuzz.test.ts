import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';

/** A small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}

const nasty = [
  '',
  ' ',
  '\u0000',
  '../../etc/passwd',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '🌦️',
  'x'.repeat(5000),
  '%00',
  'null',
  'me',
  '{}',
];

function makeValue(schema: JsonSchema | undefined, random: () => number, depth = 0): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const roll = random();
  if (roll < 0.25 || !schema) {
    return pick<unknown>([
      null,
      0,
      -1,
      1.5,
      1e15,
      true,
      [],
      {},
      [1, 'a'],
      { nested: { deep: [] } },
      ...nasty,
    ]);
  }
  if (schema.enum) return roll < 0.7 ? pick(schema.enum) : pick(nasty);
  if (schema.anyOf?.length) return makeValue(pick(schema.anyOf), random, depth);
  const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type;
  switch (type) {
    case 'string':
      return pick([
        ...nasty,
        'valid-slug-text',
        'someone@example.org',
        'Cercle des boussoles',
        'a'.repeat(130),
      ]);
    case 'integer':
    case 'number':
      return pick([0, 1, 12, -5, 2.5, 100000, Number.MAX_SAFE_INTEGER]);
    case 'boolean':
      return random() < 0.5;
    case 'array':
      return depth > 2 ? [] : [makeValue(schema.items, random, depth + 1)];
    case 'object': {
      const body: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (random() < 0.7) body[key] = makeValue(property, random, depth + 1);
      }
      if (random() < 0.2) body[pick(['extra', '__proto__', 'constructor', 'isAdmin'])] = pick(nasty);
      return body;
    }
    default:
      return pick(nasty);
  }
}

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: JsonSchema;
}

const kinds: [string, string][] = [
  ['/api/v1/boards', 'boardId'],
  ['/api/v1/notes', 'noteId'],
  ['/api/v1/clusters', 'clusterId'],
  ['/api/v1/polls', 'pollId'],
  ['/api/v1/date-polls', 'datePollId'],
  ['/api/v1/signup-sheets', 'sheetId'],
  ['/api/v1/signup-topics', 'topicId'],
  ['/api/v1/surveys', 'surveyId'],
  ['/api/v1/survey-templates', 'templateId'],
  ['/api/v1/learning-designs', 'designId'],
  ['/api/v1/events', 'eventId'],
  ['/api/v1/registrations', 'registrationId'],
  ['/api/v1/open-spaces', 'openSpaceId'],
  ['/api/v1/challenges', 'challengeId'],
  ['/api/v1/event-roles', 'roleId'],
];

describe.each(testDialects())('fuzzing every documented route on %s', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  let real: Record<string, string>;
  /** The real id a path's `{id}` stands for, by the resource the path starts with. */
  const realId = (path: string, name: string) => {
    if (name !== 'id') return real[name];
    if (path.startsWith('/api/v1/sessions')) return real.sessionId;
    if (path.startsWith('/api/v1/actions')) return real.actionId;
    // The features of the live and scheduling issues: a real object of each kind, so bodies reach
    // past the 404 (and, now and then, an id of another kind stands in for it).
    for (const [prefix, key] of kinds) if (path.startsWith(prefix)) return real[key];
    return real.circleId;
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    user = await registerUser(t.app);
    const community = await buildCommunity(t.app, user);
    const circle = await buildCircle(t.app, user, community.slug, { visibility: 'private', capacity: 3 });
    const session = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/sessions`,
      headers: { cookie: user.cookie },
      payload: { title: 'Fuzz', startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T10:00:00Z' },
    });
    const action = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.json().id}/actions`,
      headers: { cookie: user.cookie },
      payload: { title: 'Fuzz action' },
    });
    const as = { cookie: user.cookie };
    const post = async (url: string, payload: object) => {
      const response = await t.app.inject({ method: 'POST', url, headers: as, payload });
      expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(300);
      return response.json();
    };
    const board = await post(`/api/v1/circles/${circle.id}/boards`, {
      title: 'Fuzz board',
      categories: [{ name: 'BLEU', color: 'blue' }],
    });
    const note = await post(`/api/v1/boards/${board.id}/notes`, { text: 'Fuzz post-it' });
    const cluster = await post(`/api/v1/boards/${board.id}/clusters`, { title: 'Fuzz cluster' });
    const poll = await post(`/api/v1/circles/${circle.id}/polls`, {
      title: 'Fuzz poll',
      kind: 'single',
      options: ['a', 'b'],
    });
    const datePoll = await post(`/api/v1/circles/${circle.id}/date-polls`, {
      title: 'Fuzz date poll',
      timeZone: 'Europe/Paris',
      slots: [{ startsAt: '2027-01-12T10:00:00+01:00', endsAt: '2027-01-12T11:00:00+01:00' }],
    });
    const guest = await post(`/api/v1/date-polls/${datePoll.id}/guest-answers`, {
      name: 'Fuzz guest',
      shareToken: datePoll.shareToken,
      answers: [{ slotId: datePoll.slots[0].id, value: 'yes' }],
    });
    const sheet = await post(`/api/v1/circles/${circle.id}/signup-sheets`, {
      title: 'Fuzz sheet',
      topics: [{ title: 'Fuzz topic', capacity: 2 }],
    });
    const survey = await post(`/api/v1/circles/${circle.id}/surveys`, {
      title: 'Fuzz questionnaire',
      audience: 'link',
      anonymous: false,
      templateId: 'circle-evaluation',
    });
    const template = await post(`/api/v1/surveys/${survey.id}/template`, {});
    const design = await post(`/api/v1/communities/${community.slug}/learning-designs`, {
      title: 'Fuzz design',
      objectives: ['Fuzz'],
      sequences: [{ title: 'Fuzz sequence', minutes: 10 }],
    });
    const year = new Date().getUTCFullYear() + 1;
    const event = await post(`/api/v1/communities/${community.slug}/events`, {
      title: 'Fuzz event',
      startsAt: `${year}-03-10T09:00:00+01:00`,
      endsAt: `${year}-03-10T18:00:00+01:00`,
      timeZone: 'Europe/Paris',
      visibility: 'public',
      capacity: 2,
    });
    const site = await post(`/api/v1/events/${event.id}/sites`, { name: 'Fuzz site', capacity: 10 });
    const slot = await post(`/api/v1/events/${event.id}/slots`, {
      title: 'Fuzz slot',
      kind: 'workshop',
      startsAt: `${year}-03-10T10:00:00+01:00`,
      endsAt: `${year}-03-10T11:00:00+01:00`,
      siteId: site.id,
      capacity: 1,
    });
    const registration = await post(`/api/v1/events/${event.id}/registrations`, { slotIds: [slot.id] });
    const openSpace = await post(`/api/v1/events/${event.id}/open-space`, {
      rooms: ['Fuzz room'],
      slots: [{ startsAt: `${year}-03-10T14:00:00+01:00`, endsAt: `${year}-03-10T15:00:00+01:00` }],
    });
    const challenge = await post(`/api/v1/events/${event.id}/challenges`, {
      question: 'Fuzz ?',
      teamCapacity: 2,
    });
    const role = await post(`/api/v1/events/${event.id}/roles`, { title: 'Fuzz role', needed: 1 });
    real = {
      eventId: event.id,
      siteId: site.id,
      slotId: slot.id,
      registrationId: registration.id,
      openSpaceId: openSpace.id,
      challengeId: challenge.id,
      roleId: role.id,
      surveyId: survey.id,
      templateId: template.id,
      designId: design.id,
      boardId: board.id,
      noteId: note.id,
      clusterId: cluster.id,
      pollId: poll.id,
      datePollId: datePoll.id,
      editToken: guest.editToken,
      token: datePoll.shareToken,
      sheetId: sheet.id,
      topicId: sheet.topics[0].id,
      slug: community.slug,
      circleId: circle.id,
      sessionId: session.json().id,
      actionId: action.json().id,
      userId: user.id,
      participantId: 'unknown',
    };
  });
  afterAll(() => t.close());

  it('never answers 500, whatever the path parameters, query and body', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);
    const random = mulberry32(seed);
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
      >;
    };
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations.push({
          method: method.toUpperCase() as Operation['method'],
          path,
          body: operation.requestBody?.content?.['application/json']?.schema,
        });
      }
    }
    expect(operations.length).toBeGreaterThan(25);

    const failures: string[] = [];
    for (const operation of operations) {
      for (let i = 0; i < 25; i++) {
        const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          random() < 0.6 && realId(operation.path, name)
            ? (realId(operation.path, name) ?? '')
            : encodeURIComponent(String(makeValue(undefined, random))),
        );
        const query =
          random() < 0.3 ? `?mine=${encodeURIComponent(String(makeValue(undefined, random)))}&token=x` : '';
        const asUser = random() < 0.7;
        const rawBody = random() < 0.1;
        const response = await t.app.inject({
          method: operation.method,
          url: url + query,
          headers: {
            ...(asUser && { cookie: user.cookie }),
            ...(rawBody && { 'content-type': 'application/json' }),
          },
          ...(operation.method !== 'GET' && {
            payload: rawBody ? '{"unterminated": ' : (makeValue(operation.body, random) as object),
          }),
        });
        if (response.statusCode >= 500) {
          failures.push(
            `${operation.method} ${url.slice(0, 120)}${query} -> ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        } else if (response.statusCode >= 400 && response.headers['content-type']?.includes('json')) {
          const error = response.json().error;
          if (!error?.code || !error?.message) {
            failures.push(
              `${operation.method} ${url.slice(0, 120)}: ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
          }
        }
      }
    }
    expect(failures, `seed ${seed}`).toEqual([]);
    // The session and the data it owns survived the storm.
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } });
    expect([200, 401]).toContain(me.statusCode);
    const circle = await t.app.inject({
      url: `/api/v1/circles/${real.circleId}`,
      headers: { cookie: user.cookie },
    });
    expect([200, 404]).toContain(circle.statusCode);
  }, 120_000);
});
