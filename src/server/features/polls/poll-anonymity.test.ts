import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServerMessage } from '../../../contract/live.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/** Every frame a socket received, to search for a voter's id afterwards. */
async function follow(url: string, user: TestUser, topic: string) {
  const frames: string[] = [];
  const socket = new WebSocket(url, { headers: { cookie: user.cookie, origin: TEST_ORIGIN } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.on('message', (data) => frames.push(data.toString()));
  socket.send(JSON.stringify({ type: 'subscribe', topic }));
  const deadline = Date.now() + 15_000;
  while (!frames.some((f) => f.includes('"subscribed"') || f.includes('"error"')) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    frames,
    messages: () => frames.map((f) => JSON.parse(f) as LiveServerMessage),
    close: () => socket.close(),
  };
}

function hasEvent(socket: { messages: () => LiveServerMessage[] }, type: string): boolean {
  return socket.messages().some((m) => m.type === 'event' && m.event.type === type);
}

describe.each(testDialects())('anonymous polls and live results on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let organiser: TestUser;
  let voters: TestUser[];
  let outsider: TestUser;
  let circleId: string;
  let communitySlug: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const vote = (pollId: string, payload: object, user: TestUser) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/polls/${pollId}/ballot`, headers: as(user), payload });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
    organiser = await registerUser(t.app, 'Organiser');
    outsider = await registerUser(t.app, 'Outsider');
    voters = [];
    for (let i = 0; i < 8; i++) voters.push(await registerUser(t.app, `Voter ${i}`));
    const community = await buildCommunity(t.app, organiser);
    communitySlug = community.slug;
    circleId = (await buildCircle(t.app, organiser, community.slug, { visibility: 'private' })).id;
    for (const voter of voters) {
      await joinCommunity(t.app, voter, community.slug);
      await addToCircle(t.app, organiser, circleId, voter);
    }
  });
  afterAll(() => t.close());

  it('stores no voter column in the anonymous ballots, and no link anywhere', async () => {
    const columns = async (table: string) =>
      dialect === 'sqlite'
        ? (
            await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.database.db)
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select column_name as name from information_schema.columns where table_name = ${table}`.execute(
              t.database.db,
            )
          ).rows.map((r) => r.name);
    expect((await columns('poll_anonymous_ballots')).sort()).toEqual([
      'content',
      'id',
      'poll_id',
      'receipt_hash',
    ]);
    expect((await columns('poll_voters')).sort()).toEqual(['poll_id', 'user_id']);

    const poll = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circleId}/polls`,
        headers: as(organiser),
        payload: { title: 'Anonyme', kind: 'single', options: ['Oui', 'Non'], anonymous: true },
      })
    ).json();
    const watcher = await follow(url, organiser, `poll:${poll.id}`);
    const [oui, non] = poll.options.map((o: { id: string }) => o.id);
    const receipts: string[] = [];
    for (const [index, voter] of voters.entries()) {
      const cast = await vote(poll.id, { choices: [index % 3 === 0 ? non : oui] }, voter);
      expect(cast.statusCode).toBe(200);
      expect(cast.body).not.toContain(voter.id);
      receipts.push(cast.json().receipt);
    }
    // A second ballot without the receipt is refused; with it, the ballot changes in place.
    expect((await vote(poll.id, { choices: [oui] }, voters[0] as TestUser)).statusCode).toBe(409);
    expect(
      (await vote(poll.id, { choices: [oui], receipt: 'x'.repeat(32) }, voters[0] as TestUser)).statusCode,
    ).toBe(403);
    expect(
      (await vote(poll.id, { choices: [oui], receipt: receipts[0] }, voters[0] as TestUser)).statusCode,
    ).toBe(200);
    const mine = await t.app.inject({
      url: `/api/v1/polls/${poll.id}/ballot`,
      headers: { ...as(voters[0] as TestUser), 'ballot-receipt': receipts[0] ?? '' },
    });
    expect(mine.json()).toEqual({ hasVoted: true, ballot: { choices: [oui] } });
    const withoutReceipt = await t.app.inject({
      url: `/api/v1/polls/${poll.id}/ballot`,
      headers: as(voters[0] as TestUser),
    });
    expect(withoutReceipt.json()).toEqual({ hasVoted: true, ballot: null });

    // Live results would reveal a ballot by difference: an anonymous poll shows them at the close.
    expect(poll.hideResultsUntilClose).toBe(true);
    const early = await t.app.inject({ url: `/api/v1/polls/${poll.id}/results`, headers: as(organiser) });
    expect(early.statusCode).toBe(409);
    const reveal = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.id}`,
      headers: as(organiser),
      payload: { hideResultsUntilClose: false },
    });
    expect(reveal.statusCode).toBe(400);
    await t.app.inject({ method: 'POST', url: `/api/v1/polls/${poll.id}/close`, headers: as(organiser) });
    const results = (
      await t.app.inject({ url: `/api/v1/polls/${poll.id}/results`, headers: as(organiser) })
    ).json();
    expect(results).toMatchObject({
      voters: 8,
      options: [
        { id: oui, count: 6 },
        { id: non, count: 2 },
      ],
    });
    const csv = (await t.app.inject({ url: `/api/v1/polls/${poll.id}/results.csv`, headers: as(organiser) }))
      .body;
    const detail = (await t.app.inject({ url: `/api/v1/polls/${poll.id}`, headers: as(organiser) })).body;
    await expect.poll(() => hasEvent(watcher, 'poll.results.updated')).toBe(true);
    const everything = [JSON.stringify(results), csv, detail, ...watcher.frames].join('\n');
    for (const voter of voters) {
      expect(everything).not.toContain(voter.id);
      expect(everything).not.toContain(voter.name);
    }
    expect(
      watcher.messages().some((m) => m.type === 'event' && m.event.type === 'poll.results.updated'),
    ).toBe(true);
    watcher.close();

    // The database: ballots carry no user, no time; voters carry no choice.
    const ballots = await t.database.db
      .selectFrom('pollAnonymousBallots')
      .selectAll()
      .where('pollId', '=', poll.id)
      .execute();
    expect(ballots).toHaveLength(8);
    const stored = JSON.stringify(ballots);
    for (const voter of voters) expect(stored).not.toContain(voter.id);
    expect(stored).not.toContain(receipts[1]);
    expect(
      await t.database.db.selectFrom('pollBallots').selectAll().where('pollId', '=', poll.id).execute(),
    ).toEqual([]);
  });

  it('leaves no order or transaction id in the tables that pairs a voter with a ballot', async () => {
    const poll = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circleId}/polls`,
        headers: as(organiser),
        payload: { title: 'Notes', kind: 'score', options: ['a', 'b'], anonymous: true },
      })
    ).json();
    const [a, b] = poll.options.map((o: { id: string }) => o.id);
    // Voters one at a time, each ballot telling its voter apart (their index).
    const cast: string[] = [];
    for (const [index, voter] of voters.entries()) {
      const scores = { [a]: index % 6, [b]: Math.floor(index / 6) };
      expect((await vote(poll.id, { scores }, voter)).statusCode).toBe(200);
      cast.push(JSON.stringify({ scores }));
    }
    const ballots =
      dialect === 'postgres'
        ? (
            await sql<{ content: string; tx: string }>`select content, xmin::text as tx
              from poll_anonymous_ballots where poll_id = ${poll.id} order by ctid`.execute(t.database.db)
          ).rows
        : (
            await sql<{ content: string; tx: string }>`select content, '' as tx
              from poll_anonymous_ballots where poll_id = ${poll.id}`.execute(t.database.db)
          ).rows;
    expect(ballots.map((row) => row.content).sort()).toEqual([...cast].sort());
    // The stored order is not the voting order (one chance in 8! of a false alarm).
    expect(ballots.map((row) => row.content)).not.toEqual(cast);
    if (dialect === 'postgres') {
      // The transaction that marked a voter must not single out one ballot.
      const marks = (
        await sql<{ tx: string }>`select xmin::text as tx from poll_voters
          where poll_id = ${poll.id}`.execute(t.database.db)
      ).rows;
      for (const { tx } of marks) {
        const sharing = ballots.filter((row) => row.tx === tx).length;
        expect([0, ballots.length]).toContain(sharing);
      }
    }
  });

  it('lets a receipt change a ballot only for someone who has voted (a shared computer keeps another’s)', async () => {
    const poll = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circleId}/polls`,
        headers: as(organiser),
        payload: { title: 'Poste partagé', kind: 'single', options: ['Oui', 'Non'], anonymous: true },
      })
    ).json();
    const [oui, non] = poll.options.map((o: { id: string }) => o.id);
    const first = voters[4] as TestUser;
    const second = voters[5] as TestUser;
    const receipt = (await vote(poll.id, { choices: [oui] }, first)).json().receipt;
    // The next person on the same browser sends the receipt left behind: refused, nothing changes.
    const borrowed = await vote(poll.id, { choices: [non], receipt }, second);
    expect(borrowed.statusCode).toBe(403);
    const mine = await t.app.inject({
      url: `/api/v1/polls/${poll.id}/ballot`,
      headers: { ...as(first), 'ballot-receipt': receipt },
    });
    expect(mine.json()).toEqual({ hasVoted: true, ballot: { choices: [oui] } });
    // Their own first ballot still counts.
    expect((await vote(poll.id, { choices: [non] }, second)).statusCode).toBe(200);
    const stored = await t.database.db
      .selectFrom('pollAnonymousBallots')
      .select('content')
      .where('pollId', '=', poll.id)
      .execute();
    expect(stored.map((row) => row.content).sort()).toEqual(
      [JSON.stringify({ choices: [non] }), JSON.stringify({ choices: [oui] })].sort(),
    );
  });

  it('coalesces a vote storm into at most one results event per tick', async () => {
    const poll = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circleId}/polls`,
        headers: as(organiser),
        payload: { title: 'Tempête', kind: 'single', options: ['a', 'b'] },
      })
    ).json();
    const watcher = await follow(url, voters[0] as TestUser, `poll:${poll.id}`);
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        vote(poll.id, { choices: [poll.options[i % 2].id] }, voters[i % voters.length] as TestUser),
      ),
    );
    const elapsed = Date.now() - started;
    await expect.poll(() => hasEvent(watcher, 'poll.results.updated')).toBe(true);
    const events = watcher
      .messages()
      .filter((m) => m.type === 'event' && m.event.type === 'poll.results.updated');
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(watcher.frames.join('')).not.toContain(voters[1]?.id);
    watcher.close();
  });

  it('authorises a community poll’s topic for the community’s members only', async () => {
    const poll = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${communitySlug}/polls`,
        headers: as(organiser),
        payload: { title: 'Communauté', kind: 'single', options: ['a', 'b'] },
      })
    ).json();
    const member = await follow(url, voters[2] as TestUser, `poll:${poll.id}`);
    const stranger = await follow(url, outsider, `poll:${poll.id}`);
    expect(member.messages()[0]).toMatchObject({ type: 'subscribed' });
    expect(stranger.messages()[0]).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    await vote(poll.id, { choices: [poll.options[0].id] }, voters[2] as TestUser);
    // The same event reaches every follower at once: once the member has it, the stranger would too.
    await expect.poll(() => member.messages().some((m) => m.type === 'event')).toBe(true);
    expect(stranger.messages().some((m) => m.type === 'event')).toBe(false);
    member.close();
    stranger.close();
  });

  it('stops a community poll’s events to someone who leaves the community', async () => {
    const poll = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${communitySlug}/polls`,
        headers: as(organiser),
        payload: { title: 'Départ', kind: 'single', options: ['a', 'b'] },
      })
    ).json();
    const leaver = await registerUser(t.app, 'Leaver');
    await joinCommunity(t.app, leaver, communitySlug);
    const socket = await follow(url, leaver, `poll:${poll.id}`);
    const stayer = await follow(url, voters[3] as TestUser, `poll:${poll.id}`);
    expect(socket.messages()[0]).toMatchObject({ type: 'subscribed' });
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${communitySlug}/members/me`,
      headers: as(leaver),
    });
    expect(left.statusCode).toBe(204);
    await expect
      .poll(() => socket.messages())
      .toContainEqual(
        expect.objectContaining({ type: 'error', code: 'NOT_FOUND', topic: `poll:${poll.id}` }),
      );
    await vote(poll.id, { choices: [poll.options[0].id] }, voters[3] as TestUser);
    // Someone who stayed receives the vote's event: by then the leaver would have had it too.
    await expect.poll(() => stayer.messages().some((m) => m.type === 'event')).toBe(true);
    expect(socket.messages().some((m) => m.type === 'event')).toBe(false);
    socket.close();
    stayer.close();
  });
});
