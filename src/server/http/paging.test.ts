import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceholder } from '../testing/placeholder-factory.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';

/** One paged list: how to read it, and how to add an item to it between two page reads. */
interface PagedList {
  url: () => string;
  as: () => TestUser;
  add: () => Promise<void>;
}

/** Every row of a list made this old, so the id alone orders them: the tie-breaker is walked too. */
const TIED = '2026-01-01T00:00:00.000Z';

describe.each(testDialects())('paged lists on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let member: TestUser;
  let community: { id: string; slug: string };
  let circleId: string;
  let sessionId: string;
  let counter = 0;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const get = (url: string, user: TestUser) => t.app.inject({ url: `/api/v1${url}`, headers: as(user) });
  const post = async (url: string, user: TestUser, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as(user), payload });
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json() as { id: string };
  };
  /** Makes the rows of one list equally old (then only their ids tell them apart). */
  const tie = async (table: 'boards' | 'polls' | 'datePolls' | 'signupSheets' | 'actions' | 'circles') => {
    await t.database.db.updateTable(table).set({ createdAt: TIED }).execute();
  };
  const newMember = async () => {
    const user = await registerUser(t.app, 'Même Nom');
    await joinCommunity(t.app, user, community.slug);
    return user;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await registerUser(t.app, 'Admin');
    owner = await registerUser(t.app, 'Owner');
    member = await registerUser(t.app, 'Member');
    community = await buildCommunity(t.app, owner, { name: 'Même nom' });
    await joinCommunity(t.app, member, community.slug);
    circleId = (await buildCircle(t.app, owner, community.slug, { capacity: 3 })).id;
    await addToCircle(t.app, owner, circleId, member);
    sessionId = (await buildSession(t.app, owner, circleId)).id;
  });
  afterAll(() => t.close());

  const lists: Record<string, PagedList> = {
    communities: {
      url: () => '/communities',
      as: () => member,
      add: async () => void (await buildCommunity(t.app, owner, { name: 'Même nom' })),
    },
    'community members': {
      url: () => `/communities/${community.slug}/members`,
      as: () => owner,
      add: async () => void (await newMember()),
    },
    'community circles': {
      url: () => `/communities/${community.slug}/circles`,
      as: () => member,
      add: async () => {
        await buildCircle(t.app, owner, community.slug);
        await tie('circles');
      },
    },
    'circle members and waitlist': {
      url: () => `/circles/${circleId}/members`,
      as: () => owner,
      add: async () => void (await addToCircle(t.app, owner, circleId, await newMember())),
    },
    'my circles': {
      url: () => '/me/circles',
      as: () => member,
      add: async () => {
        const circle = await buildCircle(t.app, owner, community.slug, { name: 'Même cercle' });
        await addToCircle(t.app, owner, circle.id, member);
      },
    },
    'learning designs': {
      url: () => `/communities/${community.slug}/learning-designs`,
      as: () => member,
      // The same title each time: the id alone orders them, so the tie-breaker is walked too.
      add: async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/communities/${community.slug}/learning-designs`,
          headers: { cookie: member.cookie },
          payload: { title: 'Même scénario', objectives: [], sequences: [{ title: 'Accueil', minutes: 10 }] },
        });
        if (response.statusCode !== 201) throw new Error(response.body);
      },
    },
    'circle sessions': {
      url: () => `/circles/${circleId}/sessions`,
      as: () => member,
      add: async () => void (await buildSession(t.app, owner, circleId)),
    },
    'my coming sessions': {
      url: () => '/me/sessions?when=upcoming',
      as: () => owner,
      add: async () =>
        void (await buildSession(t.app, owner, circleId, {
          startsAt: '2099-05-01T10:00:00Z',
          endsAt: '2099-05-01T11:00:00Z',
        })),
    },
    'my past sessions': {
      url: () => '/me/sessions?when=past',
      as: () => owner,
      add: async () => void (await buildSession(t.app, owner, circleId)),
    },
    'session actions': {
      url: () => `/sessions/${sessionId}/actions`,
      as: () => member,
      add: async () => {
        await post(`/sessions/${sessionId}/actions`, owner, { title: `Action ${++counter}` });
        await tie('actions');
      },
    },
    'my actions': {
      url: () => '/me/actions',
      as: () => member,
      add: async () => {
        await post(`/sessions/${sessionId}/actions`, owner, {
          title: `Mine ${++counter}`,
          ownerIds: [member.id],
        });
        await tie('actions');
      },
    },
    boards: {
      url: () => `/circles/${circleId}/boards`,
      as: () => owner,
      add: async () => {
        await post(`/circles/${circleId}/boards`, owner, { title: `Board ${++counter}` });
        await tie('boards');
      },
    },
    'circle polls': {
      url: () => `/circles/${circleId}/polls`,
      as: () => member,
      add: async () => {
        await post(`/circles/${circleId}/polls`, owner, {
          title: 'Poll',
          kind: 'single',
          options: ['a', 'b'],
        });
        await tie('polls');
      },
    },
    'community polls': {
      url: () => `/communities/${community.slug}/polls`,
      as: () => member,
      add: async () => {
        await post(`/communities/${community.slug}/polls`, owner, {
          title: 'Poll',
          kind: 'single',
          options: ['a', 'b'],
        });
        await tie('polls');
      },
    },
    'date polls': {
      url: () => `/circles/${circleId}/date-polls`,
      as: () => member,
      add: async () => {
        await post(`/circles/${circleId}/date-polls`, owner, {
          title: 'When?',
          slots: [{ startsAt: '2099-02-01T10:00:00Z', endsAt: '2099-02-01T11:00:00Z' }],
        });
        await tie('datePolls');
      },
    },
    'sign-up sheets': {
      url: () => `/circles/${circleId}/signup-sheets`,
      as: () => member,
      add: async () => {
        await post(`/circles/${circleId}/signup-sheets`, owner, {
          title: 'Who?',
          topics: [{ title: 'REX' }],
        });
        await tie('signupSheets');
      },
    },
    placeholders: {
      url: () => `/communities/${community.slug}/placeholders`,
      as: () => owner,
      add: async () =>
        void (await buildPlaceholder(t.database.db, { name: 'Même', communityId: community.id })),
    },
    'admin outbox': {
      url: () => '/admin/outbox',
      as: () => admin,
      add: async () => {
        const id = randomUUID();
        await t.database.db
          .insertInto('outboxMessages')
          .values({ id, toAddress: 'x@example.org', subject: 'Hello', textBody: 'Hello', createdAt: TIED })
          .execute();
      },
    },
    'admin jobs': {
      url: () => '/admin/jobs?status=done',
      as: () => admin,
      add: async () => {
        const id = randomUUID();
        await t.database.db
          .insertInto('jobs')
          .values({
            id,
            kind: 'test',
            payload: '{}',
            key: null,
            status: 'done',
            maxAttempts: 1,
            runAt: TIED,
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
            createdAt: TIED,
            updatedAt: TIED,
          })
          .execute();
      },
    },
  };

  const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
  const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

  it.each(Object.keys(lists))(
    '%s: a walk with inserts between pages meets every item once, in order',
    async (name) => {
      const list = lists[name] as PagedList;
      for (let i = 0; i < 5; i++) await list.add();
      const whole = await get(withQuery(list.url(), 'limit=100'), list.as());
      expect(whole.statusCode).toBe(200);
      const before = idsOf(whole.json());
      expect(before.length).toBeGreaterThanOrEqual(5);
      expect(whole.json().nextCursor).toBeNull();

      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await get(withQuery(list.url(), query), list.as());
        expect(page.statusCode).toBe(200);
        expect(page.json().items.length).toBeLessThanOrEqual(2);
        walked.push(...idsOf(page.json()));
        cursor = page.json().nextCursor;
        await list.add();
      } while (cursor !== null);

      expect(new Set(walked).size).toBe(walked.length);
      expect(walked.filter((id) => before.includes(id))).toEqual(before);
    },
  );

  it('counts the waitlist across pages as in the whole list', async () => {
    const small = (await buildCircle(t.app, owner, community.slug, { capacity: 1 })).id;
    for (let i = 0; i < 4; i++) await addToCircle(t.app, owner, small, await newMember());
    const url = `/circles/${small}/members`;
    const whole = (await get(`${url}?limit=100`, owner)).json().items;
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = (
        await get(`${url}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, owner)
      ).json();
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(whole.some((item: { waitlistPosition: number | null }) => item.waitlistPosition === 2)).toBe(true);
    expect(paged).toEqual(whole);
  });
});

describe.each(testDialects())('cursors and limits on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let circleA: string;
  let circleB: string;
  const as = (user: TestUser) => ({ cookie: user.cookie });
  const status = async (url: string) => {
    const response = await t.app.inject({ url: `/api/v1${url}`, headers: as(owner) });
    if (response.statusCode === 400) expect(response.json().error.code).toBe('INVALID_INPUT');
    return response.statusCode;
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const firstCursor = async (url: string) =>
    (await t.app.inject({ url: `/api/v1${url}?limit=1`, headers: as(owner) })).json().nextCursor as string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await registerUser(t.app, 'Owner');
    const community = await buildCommunity(t.app, owner);
    circleA = (await buildCircle(t.app, owner, community.slug)).id;
    circleB = (await buildCircle(t.app, owner, community.slug)).id;
    for (const circleId of [circleA, circleB]) {
      for (let i = 0; i < 2; i++) await buildSession(t.app, owner, circleId);
    }
  });
  afterAll(() => t.close());

  it('takes a cursor it gave', async () => {
    expect(
      await status(
        `/circles/${circleA}/sessions?cursor=${await firstCursor(`/circles/${circleA}/sessions`)}`,
      ),
    ).toBe(200);
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['the wrong shape', encode({ hello: 'world' })],
    ['a sort key of the wrong type', encode({ l: 'circle-sessions:x', k: [42], i: 'x' })],
    ['far too long', 'A'.repeat(5000)],
  ])('refuses a cursor that is %s with a 400', async (_, cursor) => {
    expect(await status(`/circles/${circleA}/sessions?cursor=${cursor}`)).toBe(400);
  });

  it('refuses a cursor whose date was tampered with', async () => {
    const cursor = JSON.parse(
      Buffer.from(await firstCursor(`/circles/${circleA}/sessions`), 'base64url').toString(),
    ) as { k: unknown[] };
    cursor.k = ['yesterday'];
    expect(await status(`/circles/${circleA}/sessions?cursor=${encode(cursor)}`)).toBe(400);
  });

  it("refuses another circle's cursor", async () => {
    const cursor = await firstCursor(`/circles/${circleA}/sessions`);
    expect(await status(`/circles/${circleB}/sessions?cursor=${cursor}`)).toBe(400);
  });

  it("refuses another list's cursor", async () => {
    const cursor = await firstCursor(`/circles/${circleA}/sessions`);
    expect(await status(`/communities?cursor=${cursor}`)).toBe(400);
  });

  it('refuses the cursor of the other filter', async () => {
    await buildSession(t.app, owner, circleA);
    const cursor = await firstCursor('/me/sessions?when=past');
    expect(await status(`/me/sessions?when=upcoming&cursor=${cursor}`)).toBe(400);
  });

  it.each(['0', '101', '-1', '2.5', 'many'])('refuses limit=%s with a 400', async (limit) => {
    expect(await status(`/circles/${circleA}/sessions?limit=${limit}`)).toBe(400);
  });

  it('takes limits from 1 to 100', async () => {
    expect(await status(`/circles/${circleA}/sessions?limit=1`)).toBe(200);
    expect(await status(`/circles/${circleA}/sessions?limit=100`)).toBe(200);
  });

  it('shows cursor and limit in OpenAPI', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const parameters = spec.paths['/api/v1/circles/{id}/sessions'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(parameters).toEqual(expect.arrayContaining(['cursor', 'limit']));
  });
});

describe.each(testDialects())('pages and privacy on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('never shows an outsider a private circle, whatever the page size', async () => {
    const owner = await registerUser(t.app, 'Owner');
    const outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, owner);
    const visible: string[] = [];
    for (let i = 0; i < 6; i++) {
      const visibility = i % 2 === 0 ? 'private' : 'public';
      const circle = await buildCircle(t.app, owner, community.slug, { visibility });
      if (visibility === 'public') visible.push(circle.id);
    }
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/communities/${community.slug}/circles?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ url, headers: { cookie: outsider.cookie } })).json();
      walked.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(visible);
  });
});
