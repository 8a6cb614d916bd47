import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInMembers } from '../../testing/member-factory.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

interface Topic {
  id: string;
  title: string;
  capacity: number | null;
  confirmedCount: number;
  waitlistCount: number;
  workingGroupId: string | null;
  entries: { userId: string; name: string; status: string; note: string; waitlistPosition: number | null }[];
}

describe.each(testDialects())('sign-up sheets on %s', (dialect) => {
  let t: TestApp;
  let organiser: TestUser;
  let facilitator: TestUser;
  let outsider: TestUser;
  let bystander: TestUser;
  let community: { id: string; slug: string };
  let circleId: string;

  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const createSheet = (payload: object, user: TestUser = organiser) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/signup-sheets`,
      headers: as(user),
      payload,
    });
  const getSheet = async (id: string, user: TestUser = organiser) =>
    t.app.inject({ method: 'GET', url: `/api/v1/signup-sheets/${id}`, headers: as(user) });
  const topicOf = async (sheetId: string, index = 0): Promise<Topic> =>
    (await getSheet(sheetId)).json().topics[index];
  const signUp = (topicId: string, user: TestUser, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/signup-topics/${topicId}/entries`,
      headers: as(user),
      ...(payload && { payload }),
    });
  const withdraw = (topicId: string, user: TestUser) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/signup-topics/${topicId}/entries/me`, headers: as(user) });
  const member = async (name?: string) => {
    const user = await registerUser(t.app, name);
    await joinCommunity(t.app, user, community.slug);
    await addToCircle(t.app, facilitator, circleId, user);
    return user;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    outsider = await registerUser(t.app, 'Outsider');
    bystander = await registerUser(t.app, 'Bystander');
    community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, outsider, community.slug);
    await joinCommunity(t.app, bystander, community.slug);
    circleId = (
      await buildCircle(t.app, facilitator, community.slug, { visibility: 'private', name: 'Équipe' })
    ).id;
    organiser = await member('Philippe');
  });
  afterAll(() => t.close());

  it('refuses bad sheets with clear 400s', async () => {
    for (const payload of [
      { title: 'Qui ?', topics: [{ title: 'REX', capacity: 0 }] },
      { title: 'Qui ?', topics: [{ title: 'REX', capacity: -2 }] },
      { title: 'Qui ?', topics: [{ title: 'REX', capacity: 1.5 }] },
      { title: 'Qui ?', topics: [] },
      { title: '', topics: [{ title: 'REX' }] },
      { title: 'Qui ?', topics: [{ title: ' ' }] },
    ]) {
      const response = await createSheet(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
  });

  it('keeps a private circle’s sheets from non-members (404) and sign-ups to members', async () => {
    const sheet = (
      await createSheet({ title: 'Qui veut y travailler ?', topics: [{ title: 'REX' }] })
    ).json();
    const topicId = sheet.topics[0].id;
    expect((await getSheet(sheet.id, outsider)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/signup-sheets/${sheet.id}` })).statusCode).toBe(
      404,
    );
    expect((await signUp(topicId, outsider)).statusCode).toBe(404);
    expect((await withdraw(topicId, outsider)).statusCode).toBe(404);
    expect((await createSheet({ title: 'x', topics: [{ title: 'y' }] }, outsider)).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/circles/${circleId}/signup-sheets`,
          headers: as(outsider),
        })
      ).statusCode,
    ).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/circles/${circleId}/signup-sheets`,
      headers: as(organiser),
    });
    expect(list.json().items.map((s: { title: string }) => s.title)).toContain('Qui veut y travailler ?');
    // A community-visible circle shows its sheet to community members, who may not sign up.
    const open = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'community' })).id;
    const openSheet = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${open}/signup-sheets`,
      headers: as(facilitator),
      payload: { title: 'Ouvert', topics: [{ title: 'A' }] },
    });
    expect((await getSheet(openSheet.json().id, bystander)).json()).toMatchObject({ canSignUp: false });
    expect((await signUp(openSheet.json().topics[0].id, bystander)).statusCode).toBe(403);
  });

  it('confirms within capacity, waitlists after, keeps notes, and signing up twice keeps the place', async () => {
    const sheet = (
      await createSheet({
        title: 'Qui veut y travailler ?',
        topics: [{ title: 'REX', capacity: 2 }, { title: 'Évaluation' }],
      })
    ).json();
    const [rex, evaluation] = sheet.topics;
    const [a, b, c] = [await member('Anne'), await member('Bruno'), await member('Chloé')];
    expect((await signUp(rex.id, a, { note: 'Je peux animer' })).json()).toEqual({ status: 'confirmed' });
    expect((await signUp(rex.id, b)).statusCode).toBe(201);
    const third = await signUp(rex.id, c);
    expect(third.statusCode).toBe(201);
    expect(third.json()).toEqual({ status: 'waitlisted' });
    const again = await signUp(rex.id, a, { note: 'Je peux animer la première' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'confirmed' });
    expect((await signUp(evaluation.id, c)).json()).toEqual({ status: 'confirmed' });
    const read = (await getSheet(sheet.id, a)).json();
    expect(read.topics[0]).toMatchObject({
      title: 'REX',
      capacity: 2,
      confirmedCount: 2,
      waitlistCount: 1,
      myStatus: 'confirmed',
      entries: [
        { name: 'Anne', status: 'confirmed', note: 'Je peux animer la première', waitlistPosition: null },
        { name: 'Bruno', status: 'confirmed' },
        { name: 'Chloé', status: 'waitlisted', waitlistPosition: 1 },
      ],
    });
    expect(read.topics[1]).toMatchObject({ capacity: null, confirmedCount: 1, waitlistCount: 0 });
    const rename = (user: TestUser) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/signup-sheets/${sheet.id}`,
        headers: as(user),
        payload: { title: 'Chantiers' },
      });
    expect((await rename(a)).statusCode).toBe(403);
    expect((await rename(outsider)).statusCode).toBe(404);
    expect((await rename(facilitator)).json().title).toBe('Chantiers');
    // Withdrawing from the waitlist promotes nobody; withdrawing twice is 404.
    expect((await withdraw(rex.id, c)).statusCode).toBe(204);
    expect((await withdraw(rex.id, c)).statusCode).toBe(404);
    expect((await topicOf(sheet.id)).entries.map((e) => e.name)).toEqual(['Anne', 'Bruno']);
  });

  it('holds capacity under 200 simultaneous sign-ups: 10 confirmed, 190 waitlisted in arrival order; a withdrawal promotes the first and mails them', async () => {
    const sheet = (
      await createSheet({ title: 'Atelier', topics: [{ title: 'Places comptées', capacity: 10 }] })
    ).json();
    const topicId = sheet.topics[0].id;
    // Set-up written straight into the database: the sign-ups below are what is tested.
    const people = await buildSignedInMembers(t.database.db, {
      count: 200,
      communityId: community.id,
      circleId,
      namePrefix: 'Inscrit',
    });
    expect(people.every((person) => person.cookie.includes('session_token'))).toBe(true);
    const results = await Promise.all(people.map((person) => signUp(topicId, person)));
    expect(results.every((response) => response.statusCode === 201)).toBe(true);
    const statuses = results.map((response) => response.json().status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);

    // Arrival order is the order in which sign-ups took the topic lock: positions 1..200, the
    // first ten confirmed, and each person's answer matches the stored entry.
    const rows = await t.database.db
      .selectFrom('signupEntries')
      .select(['userId', 'status', 'position'])
      .where('topicId', '=', topicId)
      .orderBy('position')
      .execute();
    expect(rows.map((row) => row.position)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(rows.slice(0, 10).every((row) => row.status === 'confirmed')).toBe(true);
    expect(rows.slice(10).every((row) => row.status === 'waitlisted')).toBe(true);
    for (const [index, person] of people.entries()) {
      expect(rows.find((row) => row.userId === person.id)?.status).toBe(statuses[index]);
    }
    const topic = await topicOf(sheet.id);
    expect(topic).toMatchObject({ confirmedCount: 10, waitlistCount: 190 });
    const waiting = topic.entries.filter((e) => e.status === 'waitlisted');
    expect(waiting.map((e) => e.waitlistPosition)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    expect(waiting.map((e) => e.userId)).toEqual(rows.slice(10).map((row) => row.userId));

    const firstWaiting = people.find((person) => person.id === rows[10]?.userId);
    const leaver = people.find((person) => person.id === rows[3]?.userId);
    if (!firstWaiting || !leaver) throw new Error('missing people');
    expect((await withdraw(topicId, leaver)).statusCode).toBe(204);
    const after = await topicOf(sheet.id);
    expect(after).toMatchObject({ confirmedCount: 10, waitlistCount: 189 });
    expect(after.entries.find((e) => e.userId === firstWaiting.id)?.status).toBe('confirmed');
    expect(after.entries.find((e) => e.userId === rows[11]?.userId)?.waitlistPosition).toBe(1);
    // One mail: the promotion; nobody else is told. It was
    // queued with the withdrawal and goes once, however often the runner runs.
    await t.runJobs();
    await t.runJobs();
    const mails = await t.database.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('subject', 'like', '%Places comptées%')
      .execute();
    expect(mails.map((mail) => mail.toAddress)).toEqual([firstWaiting.email]);
    expect(mails[0]?.subject).toContain('Places comptées');
    expect(mails[0]?.textBody).toContain(`/signup-sheets/${sheet.id}`);
    // The recipient's unsubscribe link; admins reading the outbox see it redacted.
    expect(JSON.parse(mails[0]?.headers ?? '{}')['List-Unsubscribe']).toMatch(/\/unsubscribe\/\[redacted\]/);
    expect(t.lastMailTo(firstWaiting.email).headers?.['List-Unsubscribe']).toMatch(/\/unsubscribe\/u1~/);
  }, 180_000);

  it('turns a topic’s confirmed sign-ups into a working group circle, once', async () => {
    const sheet = (
      await createSheet({
        title: 'Qui veut y travailler ?',
        topics: [{ title: 'Retour d’expérience des cercles', capacity: 2 }],
      })
    ).json();
    const topicId = sheet.topics[0].id;
    const [a, b, c] = [await member('Sandrine'), await member('Thierry'), await member('Julie')];
    for (const person of [a, b, c]) await signUp(topicId, person);
    const make = (user: TestUser) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/signup-topics/${topicId}/working-group`,
        headers: as(user),
      });
    expect((await make(a)).statusCode).toBe(403);
    const made = await make(organiser);
    expect(made.statusCode).toBe(201);
    const { circle } = made.json();
    expect(circle).toMatchObject({
      name: 'Retour d’expérience des cercles',
      kind: 'working_group',
      communitySlug: community.slug,
      myRole: 'facilitator',
      memberCount: 2,
    });
    const members = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/circles/${circle.id}/members`,
        headers: as(organiser),
      })
    ).json().items;
    expect(members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Philippe', 'facilitator'],
      ['Sandrine', 'member'],
      ['Thierry', 'member'],
    ]);
    expect((await make(facilitator)).statusCode).toBe(409);
    expect((await topicOf(sheet.id)).workingGroupId).toBe(circle.id);
  });
  it('leaves people who left the circle or the community out of the working group', async () => {
    const sheet = (
      await createSheet({ title: 'Chantiers', topics: [{ title: 'Achats responsables', capacity: 5 }] })
    ).json();
    const topicId = sheet.topics[0].id;
    const [stays, leftCircle, leftCommunity] = [
      await member('Reste'),
      await member('Partie du cercle'),
      await member('Partie de la communauté'),
    ];
    for (const person of [stays, leftCircle, leftCommunity]) {
      expect((await signUp(topicId, person)).statusCode).toBe(201);
    }
    const leave = (url: string, user: TestUser) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/${url}/members/me`, headers: as(user) });
    expect((await leave(`circles/${circleId}`, leftCircle)).statusCode).toBe(204);
    expect((await leave(`communities/${community.slug}`, leftCommunity)).statusCode).toBe(204);
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signup-topics/${topicId}/working-group`,
      headers: as(organiser),
    });
    expect(made.statusCode).toBe(201);
    const members = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/circles/${made.json().circle.id}/members`,
        headers: as(organiser),
      })
    ).json().items;
    expect(members.map((m: { name: string }) => m.name)).toEqual(['Philippe', 'Reste']);
  });
  it('gives the place of someone who leaves the community to the first person waiting', async () => {
    const sheet = (
      await createSheet({ title: 'Relecture', topics: [{ title: 'Synthèse', capacity: 1 }] })
    ).json();
    const topicId = sheet.topics[0].id;
    const [leaver, waiting] = [await member('Part'), await member('Attend')];
    expect((await signUp(topicId, leaver)).json().status).toBe('confirmed');
    expect((await signUp(topicId, waiting)).json().status).toBe('waitlisted');
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${community.slug}/members/me`,
      headers: as(leaver),
    });
    expect(left.statusCode).toBe(204);
    const topic = await topicOf(sheet.id);
    expect(topic.entries.map((e) => [e.userId, e.status])).toEqual([[waiting.id, 'confirmed']]);
  });
  it('promotes the first person waiting who is still in the circle, not someone who left', async () => {
    const sheet = (
      await createSheet({ title: 'Relecture', topics: [{ title: 'Une place', capacity: 1 }] })
    ).json();
    const topicId = sheet.topics[0].id;
    const [holder, gone, next] = [await member('Titulaire'), await member('Parti'), await member('Suivant')];
    for (const person of [holder, gone, next]) await signUp(topicId, person);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${gone.id}`,
      headers: as(facilitator),
    });
    expect(removed.statusCode).toBe(204);
    const before = await t.database.db.selectFrom('jobs').select('id').execute();
    expect((await withdraw(topicId, holder)).statusCode).toBe(204);
    const entries = (await topicOf(sheet.id)).entries.map((e) => [e.name, e.status]);
    expect(entries).toContainEqual(['Suivant', 'confirmed']);
    expect(entries).not.toContainEqual(['Parti', 'confirmed']);
    const promotions = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'mail.signup-promotion')
      .where(
        'id',
        'not in',
        before.map((job) => job.id),
      )
      .execute();
    expect(promotions.map((job) => JSON.parse(job.payload).userId)).toEqual([next.id]);
  });
  it('takes the organiser’s rights away once they leave the circle', async () => {
    const openCircle = (
      await buildCircle(t.app, facilitator, community.slug, { visibility: 'community', name: 'Ouvert' })
    ).id;
    const former = await registerUser(t.app, 'Ancien organisateur');
    await joinCommunity(t.app, former, community.slug);
    await addToCircle(t.app, facilitator, openCircle, former);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${openCircle}/signup-sheets`,
      headers: as(former),
      payload: { title: 'Avant le départ', topics: [{ title: 'Sujet' }] },
    });
    expect(created.statusCode).toBe(201);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${openCircle}/members/me`,
      headers: as(former),
    });
    expect(left.statusCode).toBe(204);
    expect((await getSheet(created.json().id, former)).json().canManage).toBe(false);
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signup-topics/${created.json().topics[0].id}/working-group`,
      headers: as(former),
    });
    expect(made.statusCode).toBe(403);
  });
  it('frees the places of someone who leaves the circle, and promotes the next person waiting', async () => {
    const sheet = (
      await createSheet({ title: 'Départs', topics: [{ title: 'Place unique', capacity: 1 }] })
    ).json();
    const topicId = sheet.topics[0].id;
    const [holder, waiting] = [await member('Sur le départ'), await member('En attente')];
    for (const person of [holder, waiting]) await signUp(topicId, person);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${holder.id}`,
      headers: as(facilitator),
    });
    expect(removed.statusCode).toBe(204);
    const topic = await topicOf(sheet.id);
    expect(topic.entries.map((e) => [e.name, e.status])).toEqual([['En attente', 'confirmed']]);
    const promotions = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'mail.signup-promotion')
      .execute();
    expect(promotions.map((job) => JSON.parse(job.payload).userId)).toContain(waiting.id);
  });
});
