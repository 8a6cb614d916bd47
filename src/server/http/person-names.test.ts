import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';

/** Names that would reverse or break the text around them wherever they are shown. */
const unsafeNames = [
  'Camille\u202Egro.elpmaxe@nimda', // right-to-left override
  'Camille\u2066Admin\u2069', // isolates
  'Camille\u202A', // left-to-right embedding
  'Cam\u0007ille', // C0 bell
  'Cam\u0085ille', // C1 next line
  'Camille\nAdmin', // a line break inside
  'Cam\u007Fille', // DEL
];

describe.each(testDialects())('names of people on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let sessionId: string;
  let poll: { id: string; shareToken: string; slots: { id: string }[] };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    const community = await buildCommunity(t.app, facilitator);
    const circle = await buildCircle(t.app, facilitator, community.slug);
    sessionId = (await buildSession(t.app, facilitator, circle.id)).id;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/date-polls`,
      headers: { cookie: facilitator.cookie },
      payload: {
        title: 'Rentrée',
        timeZone: 'Europe/Paris',
        slots: [{ startsAt: '2027-01-12T10:00:00+01:00', endsAt: '2027-01-12T11:00:00+01:00' }],
      },
    });
    expect(created.statusCode).toBe(201);
    poll = created.json();
  });
  afterAll(() => t.close());

  /** Every door through which a person's name comes in, with the path of the name in its body. */
  const doors = () => [
    {
      what: 'registration',
      send: (name: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: {
            email: `n${Math.random().toString(36).slice(2)}@example.org`,
            password: 'long enough',
            name,
          },
        }),
      path: ['body', 'name'],
    },
    {
      what: 'profile',
      send: (name: string) =>
        t.app.inject({
          method: 'PATCH',
          url: '/api/v1/me',
          headers: { cookie: facilitator.cookie },
          payload: { name },
        }),
      path: ['body', 'name'],
    },
    {
      what: 'date poll guest',
      send: (name: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/date-polls/${poll.id}/guest-answers`,
          payload: {
            name,
            shareToken: poll.shareToken,
            answers: [{ slotId: poll.slots[0]?.id, value: 'yes' }],
          },
        }),
      path: ['body', 'name'],
    },
    {
      what: 'guest participant',
      send: (name: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/sessions/${sessionId}/participants`,
          headers: { cookie: facilitator.cookie },
          payload: { guestName: name },
        }),
      path: ['body', 'guestName'],
    },
    {
      what: 'guest owner of a next step',
      send: (name: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/sessions/${sessionId}/actions`,
          headers: { cookie: facilitator.cookie },
          payload: { title: 'Relancer', guestOwners: [name] },
        }),
      path: ['body', 'guestOwners', '0'],
    },
  ];

  it('refuses control characters and text-direction overrides with a 400 naming the field', async () => {
    for (const door of doors()) {
      for (const name of unsafeNames) {
        const response = await door.send(name);
        expect(response.statusCode, `${door.what}: ${JSON.stringify(name)}`).toBe(400);
        const { error } = response.json();
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.details, JSON.stringify(error.details)).toContainEqual(
          expect.objectContaining({ path: door.path }),
        );
      }
    }
  });

  it('accepts names in any script, right-to-left marks included', async () => {
    for (const door of doors()) {
      for (const name of ['Zoë Lefèvre-N’Diaye', 'فاطمة\u200F الزهراء', '  Jean-Baptiste  ']) {
        const response = await door.send(name);
        expect(response.statusCode, `${door.what}: ${JSON.stringify(name)}`).toBeLessThan(300);
      }
    }
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: facilitator.cookie } });
    expect(me.json().user.name).toBe('Jean-Baptiste');
  });
});
