import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { mailJobKinds } from './mail-jobs.ts';
import { scheduleDueMail } from './mail-scheduler.ts';

describe.each(testDialects())('the community’s time zone on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await registerUser(t.app, 'Florent');
  });
  afterAll(() => t.close());
  const db = () => t.database.db;

  const patch = (slug: string, user: TestUser, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${slug}`,
      headers: { cookie: user.cookie },
      payload,
    });

  /** An action due on `dueOn` in a new circle of the community, owned by a new member. */
  async function actionDue(slug: string, dueOn: string) {
    const circle = await buildCircle(t.app, owner, slug);
    const person = await registerUser(t.app, 'Noa');
    await joinCommunity(t.app, person, slug);
    const actionId = randomUUID();
    const now = new Date().toISOString();
    await db()
      .insertInto('actions')
      .values({
        id: actionId,
        circleId: circle.id,
        sessionId: null,
        title: 'Relire la synthèse',
        dueOn,
        status: 'todo',
        createdBy: owner.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db()
      .insertInto('actionOwners')
      .values({ actionId, position: 0, userId: person.id, guestName: null })
      .execute();
    return { actionId, person };
  }
  const reminded = async (actionId: string) =>
    (await db().selectFrom('jobs').select('payload').where('kind', '=', mailJobKinds.actionDue).execute())
      .map((job) => JSON.parse(job.payload) as { actionId: string; dueOn: string })
      .filter((payload) => payload.actionId === actionId);

  it('is Europe/Paris unless chosen, and its animators may change it', async () => {
    const community = await buildCommunity(t.app, owner);
    const read = await t.app.inject({ url: `/api/v1/communities/${community.slug}` });
    expect(read.json().timeZone).toBe('Europe/Paris');
    const changed = await patch(community.slug, owner, { timeZone: 'America/Cayenne' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().timeZone).toBe('America/Cayenne');
  });

  it('refuses a zone the runtime does not know, with a 400 on the field', async () => {
    const community = await buildCommunity(t.app, owner);
    const response = await patch(community.slug, owner, { timeZone: 'Mars/Olympus_Mons' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_INPUT');
  });

  it('lets no plain member change it', async () => {
    const community = await buildCommunity(t.app, owner);
    const member = await registerUser(t.app, 'Yann');
    await joinCommunity(t.app, member, community.slug);
    expect((await patch(community.slug, member, { timeZone: 'Pacific/Noumea' })).statusCode).toBe(403);
  });

  it('reminds of an action due tomorrow at 8:00 in Nouméa, the evening before in Paris', async () => {
    const community = await buildCommunity(t.app, owner, { timeZone: 'Pacific/Noumea' });
    // Nouméa is UTC+11: 2026-12-01 07:30 there is 2026-11-30 20:30 UTC.
    const { actionId } = await actionDue(community.slug, '2026-12-02');
    await scheduleDueMail(db(), new Date('2026-11-30T20:30:00Z'));
    expect(await reminded(actionId)).toEqual([]);
    await scheduleDueMail(db(), new Date('2026-11-30T21:30:00Z')); // 8:30 in Nouméa, 22:30 in Paris
    expect((await reminded(actionId)).map((payload) => payload.dueOn)).toEqual(['2026-12-02']);
  });

  it('reminds of an action due tomorrow at 8:00 in Cayenne, not at 8:00 in Paris', async () => {
    const community = await buildCommunity(t.app, owner, { timeZone: 'America/Cayenne' });
    // Cayenne is UTC−3: 8:00 there is 11:00 UTC, when Paris is at noon.
    const { actionId } = await actionDue(community.slug, '2026-12-03');
    await scheduleDueMail(db(), new Date('2026-12-02T07:30:00Z')); // 8:30 in Paris, 4:30 in Cayenne
    expect(await reminded(actionId)).toEqual([]);
    await scheduleDueMail(db(), new Date('2026-12-02T11:30:00Z'));
    expect((await reminded(actionId)).map((payload) => payload.dueOn)).toEqual(['2026-12-03']);
  });

  it('sends the Monday digest batch of a zone at its own Monday morning, to its members', async () => {
    const community = await buildCommunity(t.app, owner, { timeZone: 'Pacific/Noumea' });
    const member = await registerUser(t.app, 'Kenza');
    await joinCommunity(t.app, member, community.slug);
    // Monday 2026-12-07 at 8:30 in Nouméa is Sunday 21:30 UTC: no Paris batch yet.
    await scheduleDueMail(db(), new Date('2026-12-06T21:30:00Z'));
    const batches = await db()
      .selectFrom('jobs')
      .select(['key', 'payload'])
      .where('kind', '=', mailJobKinds.weeklyDigestFanout)
      .where('key', 'like', 'digest:2026-12-07%')
      .execute();
    expect(batches.map((batch) => batch.key)).toEqual(['digest:2026-12-07:Pacific/Noumea']);
    await t.runJobs();
    const digests = await db()
      .selectFrom('jobs')
      .select('key')
      .where('kind', '=', mailJobKinds.weeklyDigest)
      .where('key', 'like', 'digest:2026-12-07:%')
      .execute();
    const keys = digests.map((digest) => digest.key);
    expect(keys).toContain(`digest:2026-12-07:${member.id}`);
    // The owner belongs to Paris communities too, but the first Monday morning among theirs wins.
    expect(keys).toContain(`digest:2026-12-07:${owner.id}`);
  });
});
