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

/** Decision 008: hidden results are hidden from everyone, the organiser included, until the close. */
describe.each(testDialects())('hidden poll results on %s', (dialect) => {
  let t: TestApp;
  let organiser: TestUser;
  let voter: TestUser;
  let circleId: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser, payload?: object) =>
    t.app.inject({ method, url: `/api/v1/${url}`, headers: as(user), ...(payload && { payload }) });
  const hiddenPoll = async () => {
    const created = await api('POST', `circles/${circleId}/polls`, organiser, {
      title: 'Qui anime la prochaine séance ?',
      kind: 'single',
      options: ['Julie', 'Bernard'],
      hideResultsUntilClose: true,
    });
    expect(created.statusCode).toBe(201);
    const poll = created.json();
    expect(
      (await api('PUT', `polls/${poll.id}/ballot`, voter, { choices: [poll.options[0].id] })).statusCode,
    ).toBe(200);
    return poll as { id: string };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    organiser = await registerUser(t.app, 'Florent');
    voter = await registerUser(t.app, 'Julie');
    const community = await buildCommunity(t.app, organiser);
    await joinCommunity(t.app, voter, community.slug);
    circleId = (await buildCircle(t.app, organiser, community.slug)).id;
    await addToCircle(t.app, organiser, circleId, voter);
  });
  afterAll(() => t.close());

  it('refuses to switch hiding off before the close (409), so results cannot be peeked at', async () => {
    const poll = await hiddenPoll();
    const reveal = await api('PATCH', `polls/${poll.id}`, organiser, { hideResultsUntilClose: false });
    expect(reveal.statusCode).toBe(409);
    expect(reveal.json()).toMatchObject({
      error: { code: 'CONFLICT', details: [{ path: ['body', 'hideResultsUntilClose'] }] },
    });
    // Nothing changed, and every way to the figures still answers 409.
    expect((await api('GET', `polls/${poll.id}`, organiser)).json()).toMatchObject({
      hideResultsUntilClose: true,
      resultsVisible: false,
    });
    expect((await api('GET', `polls/${poll.id}/results`, organiser)).statusCode).toBe(409);
    expect((await api('GET', `polls/${poll.id}/results.csv`, organiser)).statusCode).toBe(409);
    // Other edits still go through; setting the flag to what it already is is no change.
    const renamed = await api('PATCH', `polls/${poll.id}`, organiser, {
      title: 'Qui anime ?',
      hideResultsUntilClose: true,
    });
    expect(renamed.statusCode).toBe(200);
  });

  it('lets a visible poll be hidden, then keeps it hidden', async () => {
    const created = await api('POST', `circles/${circleId}/polls`, organiser, {
      title: 'Visible',
      kind: 'single',
      options: ['a', 'b'],
    });
    const poll = created.json();
    expect(
      (await api('PATCH', `polls/${poll.id}`, organiser, { hideResultsUntilClose: true })).statusCode,
    ).toBe(200);
    expect(
      (await api('PATCH', `polls/${poll.id}`, organiser, { hideResultsUntilClose: false })).statusCode,
    ).toBe(409);
  });

  it('shows results once closed, and a closed poll cannot be reopened to vote again', async () => {
    const poll = await hiddenPoll();
    // Closing by moving the closing date to the past is a close like any other: final.
    const closed = await api('PATCH', `polls/${poll.id}`, organiser, { closesAt: '2020-01-01T00:00:00Z' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ phase: 'closed', resultsVisible: true });
    expect((await api('GET', `polls/${poll.id}/results`, organiser)).json()).toMatchObject({ voters: 1 });
    const reopen = await api('PATCH', `polls/${poll.id}`, organiser, { closesAt: null });
    expect(reopen.statusCode).toBe(409);
    expect((await api('POST', `polls/${poll.id}/open`, organiser)).statusCode).toBe(409);
    const late = await api('PUT', `polls/${poll.id}/ballot`, voter, { choices: [] });
    expect(late.statusCode).toBe(409);
  });
});
