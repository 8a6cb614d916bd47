import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleDueMail } from '../../mail/mail-scheduler.ts';
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
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/** What deleting a session takes with it, and what it leaves standing (detached). */
describe.each(testDialects())('deleting a session on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let circleId: string;

  const call = (user: TestUser, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload && { payload }),
    });
  const pendingMailsOf = async (sessionId: string) =>
    (await t.database.db.selectFrom('jobs').select(['payload', 'status']).execute()).filter(
      (job) => job.status === 'pending' && job.payload.includes(sessionId),
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Julie');
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
    expect(
      (await call(facilitator, 'PUT', `/circles/${circleId}/reminders`, { reminderHours: 24 })).statusCode,
    ).toBe(200);
  });
  afterAll(() => t.close());

  it('cancels its queued reminders and keeps those of other sessions', async () => {
    const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const doomed = await buildSession(t.app, facilitator, circleId, { startsAt: soon(3), endsAt: soon(4) });
    const kept = await buildSession(t.app, facilitator, circleId, { startsAt: soon(5), endsAt: soon(6) });
    await scheduleDueMail(t.database.db);
    expect((await pendingMailsOf(doomed.id)).length).toBeGreaterThanOrEqual(2);
    const keptBefore = (await pendingMailsOf(kept.id)).length;

    expect((await call(facilitator, 'DELETE', `/sessions/${doomed.id}`)).statusCode).toBe(204);
    expect(await pendingMailsOf(doomed.id)).toEqual([]);
    expect((await pendingMailsOf(kept.id)).length).toBe(keptBefore);
    // The next scheduler tick does not queue them again.
    await scheduleDueMail(t.database.db);
    expect(await pendingMailsOf(doomed.id)).toEqual([]);
    await t.runJobs();
    const sent = await t.database.db.selectFrom('outboxMessages').select(['subject', 'textBody']).execute();
    expect(sent.filter((mail) => mail.textBody.includes(doomed.id))).toEqual([]);
  });

  it('leaves its next steps in "Mes actions", detached, and its boards in the circle', async () => {
    const session = await buildSession(t.app, facilitator, circleId);
    const action = await call(facilitator, 'POST', `/sessions/${session.id}/actions`, {
      title: 'Envoyer la synthèse',
      ownerIds: [member.id],
    });
    expect(action.statusCode, action.body).toBe(201);
    const board = await call(facilitator, 'POST', `/circles/${circleId}/boards`, {
      title: 'Tableau de la séance',
      sessionId: session.id,
      categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
    });
    expect(board.statusCode, board.body).toBe(201);

    expect((await call(facilitator, 'DELETE', `/sessions/${session.id}`)).statusCode).toBe(204);
    const mine = (await call(member, 'GET', '/me/actions')).json().items as {
      id: string;
      sessionId: string | null;
    }[];
    expect(mine.find((item) => item.id === action.json().id)).toMatchObject({ sessionId: null });
    const kept = await call(member, 'GET', `/boards/${board.json().id}`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json().sessionId).toBeNull();
    const sessions = (await call(member, 'GET', `/circles/${circleId}/sessions`)).json().items as {
      id: string;
    }[];
    expect(sessions.map((s) => s.id)).not.toContain(session.id);
    expect(
      (await call(member, 'GET', '/me/sessions')).json().items.map((s: { id: string }) => s.id),
    ).not.toContain(session.id);
  });
});
