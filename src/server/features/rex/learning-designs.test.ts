import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const rexDesign = {
  title: 'Scénario pédagogique du REX',
  objectives: ['Partager ce que les cercles ont appris', 'Décider : reconduite ou déploiement'],
  audience: 'Facilitateur·rices, membres des cercles, agents curieux',
  sequences: [
    { title: 'Accueil et tour de météo', minutes: 10, lead: 'Facilitatrice' },
    { title: 'Bilans des cercles', minutes: 20, method: 'Chaque cercle présente son bilan' },
    { title: 'Ateliers en sous-groupes', minutes: 45, materials: 'Tableau, post-its' },
    { title: 'Décisions', minutes: 15 },
  ],
};

/** A wall-clock time in Paris, "14:10". */
const parisTime = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

describe.each(testDialects())('learning designs on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let slug: string;
  let circleId: string;
  let privateCircleId: string;
  const as = (user?: TestUser) => (user ? { cookie: user.cookie } : {});
  const create = (payload: object, user: TestUser = facilitator) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/learning-designs`,
      headers: as(user),
      payload,
    });
  const plan = (designId: string, payload: object, user: TestUser = facilitator) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/learning-designs/${designId}/sessions`,
      headers: as(user),
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    facilitator = await registerUser(t.app, 'Bernard');
    member = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Dehors');
    slug = (await buildCommunity(t.app, animator)).slug;
    await joinCommunity(t.app, facilitator, slug);
    await joinCommunity(t.app, member, slug);
    circleId = (await buildCircle(t.app, facilitator, slug, { name: 'Équipe d’animation' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
    privateCircleId = (await buildCircle(t.app, animator, slug, { visibility: 'private' })).id;
  });
  afterAll(() => t?.close());

  it('keeps a design in the library and answers it whole', async () => {
    const created = await create(rexDesign);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: rexDesign.title,
      objectives: rexDesign.objectives,
      audience: rexDesign.audience,
      sequenceCount: 4,
      totalMinutes: 90,
      communitySlug: slug,
      createdBy: { id: facilitator.id, name: 'Bernard' },
      abilities: { read: true, takePart: true, steer: true },
    });
    expect(created.json().sequences[0]).toEqual({
      title: 'Accueil et tour de météo',
      minutes: 10,
      method: '',
      materials: '',
      lead: 'Facilitatrice',
    });
    const read = await t.app.inject({
      url: `/api/v1/learning-designs/${created.json().id}`,
      headers: as(member),
    });
    expect(read.json()).toMatchObject({
      title: rexDesign.title,
      abilities: { steer: false, takePart: true },
    });
  });

  it('pages the library by title', async () => {
    await create({ ...rexDesign, title: 'Arpentage' });
    await create({ ...rexDesign, title: 'Codev' });
    const first = await t.app.inject({
      url: `/api/v1/communities/${slug}/learning-designs?limit=2`,
      headers: as(member),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((d: { title: string }) => d.title)).toEqual(['Arpentage', 'Codev']);
    const next = await t.app.inject({
      url: `/api/v1/communities/${slug}/learning-designs?limit=2&cursor=${first.json().nextCursor}`,
      headers: as(member),
    });
    expect(next.json().items.map((d: { title: string }) => d.title)).toEqual([rexDesign.title]);
    expect(next.json().nextCursor).toBeNull();
  });

  it('is for the community’s members: others get 403 on the library and 404 on a design', async () => {
    const id = (await create(rexDesign)).json().id;
    const list = await t.app.inject({
      url: `/api/v1/communities/${slug}/learning-designs`,
      headers: as(outsider),
    });
    expect(list.statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/communities/${slug}/learning-designs` })).statusCode).toBe(
      401,
    );
    expect(
      (await t.app.inject({ url: `/api/v1/learning-designs/${id}`, headers: as(outsider) })).statusCode,
    ).toBe(404);
    expect((await create(rexDesign, outsider)).statusCode).toBe(403);
  });

  it('lets its author and the animators edit and delete it, not other members', async () => {
    const id = (await create(rexDesign)).json().id;
    const patch = (payload: object, user: TestUser) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/learning-designs/${id}`, headers: as(user), payload });
    expect((await patch({ title: 'Autre' }, member)).statusCode).toBe(403);
    const edited = await patch({ sequences: [{ title: 'Seule séquence', minutes: 30 }] }, animator);
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: rexDesign.title, sequenceCount: 1, totalMinutes: 30 });
    const remove = (user: TestUser) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/learning-designs/${id}`, headers: as(user) });
    expect((await remove(member)).statusCode).toBe(403);
    expect((await remove(facilitator)).statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/v1/learning-designs/${id}`, headers: as(animator) })).statusCode,
    ).toBe(404);
  });

  it('refuses bad designs with 400 and the house error shape', async () => {
    const bad = [
      { ...rexDesign, title: '' },
      { ...rexDesign, sequences: [] },
      { ...rexDesign, sequences: [{ title: 'x', minutes: 0 }] },
      { ...rexDesign, sequences: [{ title: 'x', minutes: 1.5 }] },
      { ...rexDesign, sequences: [{ title: 'x', minutes: 601 }] },
      { ...rexDesign, objectives: 'pas une liste' },
      { ...rexDesign, extra: true },
      { ...rexDesign, title: 'deux\nlignes' },
    ];
    for (const payload of bad) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
    const id = (await create(rexDesign)).json().id;
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/learning-designs/${id}`,
      headers: as(facilitator),
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });

  it('plans a session whose agenda is the sequences end to end (14:00, 14:10, 14:30, 15:15 → 15:30)', async () => {
    const design = (await create(rexDesign)).json();
    const planned = await plan(design.id, {
      circleId,
      startsAt: '2027-09-14T14:00',
      timeZone: 'Europe/Paris',
    });
    expect(planned.statusCode).toBe(201);
    const session = planned.json();
    expect(session).toMatchObject({
      circleId,
      title: rexDesign.title,
      timeZone: 'Europe/Paris',
      startsAt: '2027-09-14T12:00:00.000Z',
      endsAt: '2027-09-14T13:30:00.000Z',
    });
    expect(session.agenda.map((item: { startsAt: string }) => parisTime(item.startsAt))).toEqual([
      '14:00',
      '14:10',
      '14:30',
      '15:15',
    ]);
    expect(session.agenda.map((item: { endsAt: string }) => parisTime(item.endsAt))).toEqual([
      '14:10',
      '14:30',
      '15:15',
      '15:30',
    ]);
    expect(parisTime(session.endsAt)).toBe('15:30');
    expect(session.agenda.map((item: { title: string }) => item.title)).toEqual(
      rexDesign.sequences.map((s) => s.title),
    );
    expect(session.agenda[0].notes).toBe('Qui anime : Facilitatrice');
    expect(session.description).toBe(rexDesign.objectives.map((o) => `- ${o}`).join('\n'));
    // The answer is the session as GET /sessions/{id} gives it.
    const read = await t.app.inject({ url: `/api/v1/sessions/${session.id}`, headers: as(facilitator) });
    expect(read.json()).toEqual(session);
  });

  it('plans only for the target circle’s stewards, in the design’s community', async () => {
    const design = (await create(rexDesign)).json();
    const at = { startsAt: '2027-09-14T14:00', timeZone: 'Europe/Paris' };
    expect((await plan(design.id, { circleId, ...at }, member)).statusCode).toBe(403);
    expect((await plan(design.id, { circleId: privateCircleId, ...at }, facilitator)).statusCode).toBe(404);
    expect((await plan(design.id, { circleId: 'no-such-circle', ...at })).statusCode).toBe(404);
    expect((await plan(design.id, { circleId, ...at }, outsider)).statusCode).toBe(404);
    const elsewhere = await buildCommunity(t.app, facilitator);
    const foreign = await buildCircle(t.app, facilitator, elsewhere.slug);
    const refused = await plan(design.id, { circleId: foreign.id, ...at });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toEqual(['body', 'circleId']);
    for (const payload of [
      { circleId, startsAt: '2027-09-14T14:00Z', timeZone: 'Europe/Paris' },
      { circleId, startsAt: 'demain', timeZone: 'Europe/Paris' },
      { circleId, startsAt: '2027-09-14T14:00', timeZone: 'Mars/Olympus' },
      { circleId, startsAt: '0000-01-01T14:00', timeZone: 'Europe/Paris' },
    ]) {
      expect((await plan(design.id, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});
