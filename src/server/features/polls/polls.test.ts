import { sql } from 'kysely';
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

describe.each(testDialects())('polls on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let other: TestUser;
  let outsider: TestUser;
  let circleId: string;
  let privateCircleId: string;
  let communitySlug: string;

  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const create = (payload: object, user = facilitator, where = `circles/${circleId}`) =>
    t.app.inject({ method: 'POST', url: `/api/v1/${where}/polls`, headers: as(user), payload });
  const vote = (pollId: string, payload: object, user = member) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/polls/${pollId}/ballot`, headers: as(user), payload });
  const get = (url: string, user: TestUser | undefined = member) =>
    t.app.inject({ url: `/api/v1/${url}`, headers: as(user) });
  const post = (url: string, user = facilitator, payload?: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/${url}`, headers: as(user), ...(payload && { payload }) });

  const glossary = {
    title: 'Abécédaire : 3 mots par lettre',
    kind: 'sections',
    maxPerSection: 3,
    sections: [
      { title: 'A', options: ['Altérité', 'Apprendre ensemble', 'Archipel', 'Autonomie'] },
      { title: 'B', options: ['Bienveillant', 'Biomimétisme', 'Boussoles'] },
    ],
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Bernard');
    other = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, facilitator);
    communitySlug = community.slug;
    await joinCommunity(t.app, member, community.slug);
    await joinCommunity(t.app, other, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug)).id;
    privateCircleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
    await addToCircle(t.app, facilitator, circleId, other);
  });
  afterAll(() => t.close());

  it('creates a sections poll whose options come back with ids, and counts a quota-respecting ballot', async () => {
    const created = await create(glossary);
    expect(created.statusCode).toBe(201);
    const poll = created.json();
    expect(poll).toMatchObject({
      kind: 'sections',
      phase: 'voting',
      maxPerSection: 3,
      voterCount: 0,
      canOrganise: true,
    });
    expect(poll.sections.map((s: { title: string }) => s.title)).toEqual(['A', 'B']);
    expect(poll.options).toHaveLength(7);
    const a = poll.options.filter((o: { sectionId: string }) => o.sectionId === poll.sections[0].id);
    const b = poll.options.filter((o: { sectionId: string }) => o.sectionId === poll.sections[1].id);

    // Four choices in a section with a quota of three: refused, nothing stored.
    const tooMany = await vote(poll.id, { choices: a.map((o: { id: string }) => o.id) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('INVALID_INPUT');
    expect((await vote(poll.id, { choices: ['no-such-option'] })).statusCode).toBe(400);
    expect((await vote(poll.id, { choices: [a[0].id, a[0].id] })).statusCode).toBe(400);
    expect((await vote(poll.id, { ranking: [a[0].id] })).statusCode).toBe(400);

    const ok = await vote(poll.id, { choices: [a[0].id, a[1].id, a[2].id, b[0].id] });
    expect(ok.statusCode).toBe(200);
    expect((await vote(poll.id, { choices: [a[0].id, b[2].id] }, other)).statusCode).toBe(200);
    // A changed ballot replaces the first one.
    expect((await vote(poll.id, { choices: [a[3].id, b[2].id] }, other)).statusCode).toBe(200);

    const results = (await get(`polls/${poll.id}/results`)).json();
    expect(results.voters).toBe(2);
    expect(results.sections[0]).toMatchObject({ title: 'A' });
    const countOf = (id: string) =>
      results.sections
        .flatMap((s: { options: { id: string; count: number }[] }) => s.options)
        .find((o: { id: string }) => o.id === id).count;
    expect([a[0].id, a[1].id, a[2].id, a[3].id, b[0].id, b[1].id, b[2].id].map(countOf)).toEqual([
      1, 1, 1, 1, 1, 0, 1,
    ]);
    expect((await get(`polls/${poll.id}/ballot`, other)).json()).toEqual({
      hasVoted: true,
      ballot: { choices: [a[3].id, b[2].id] },
    });
  });

  it('keeps exactly one ballot when one voter sends 200 ballots at once', async () => {
    const poll = (await create({ title: 'Date', kind: 'single', options: ['Mardi', 'Jeudi'] })).json();
    const [mardi, jeudi] = poll.options;
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => vote(poll.id, { choices: [i % 2 ? mardi.id : jeudi.id] })),
    );
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const rows = await t.database.db
      .selectFrom('pollBallots')
      .selectAll()
      .where('pollId', '=', poll.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await get(`polls/${poll.id}/results`)).json().voters).toBe(1);
  });

  it('answers each ballot of a group written together on its own', async () => {
    const poll = (await create(glossary)).json();
    const a = poll.options.filter((o: { sectionId: string }) => o.sectionId === poll.sections[0].id);
    const [ok, tooMany, stranger] = await Promise.all([
      vote(poll.id, { choices: [a[0].id] }, member),
      vote(poll.id, { choices: a.map((o: { id: string }) => o.id) }, other),
      vote(poll.id, { choices: [a[0].id] }, outsider),
    ]);
    expect([ok.statusCode, tooMany.statusCode, stranger.statusCode]).toEqual([200, 400, 403]);
    const rows = await t.database.db
      .selectFrom('pollBallots')
      .select('userId')
      .where('pollId', '=', poll.id)
      .execute();
    expect(rows.map((r) => r.userId)).toEqual([member.id]);
  });

  it('answers a group spanning polls (open, closed, anonymous) ballot by ballot, one anonymous ballot per voter', async () => {
    const open = (await create({ title: 'Ouvert', kind: 'single', options: ['a', 'b'] })).json();
    const shut = (await create({ title: 'Fermé', kind: 'single', options: ['a', 'b'] })).json();
    const secret = (
      await create({ title: 'Secret', kind: 'single', options: ['a', 'b'], anonymous: true })
    ).json();
    await post(`polls/${shut.id}/close`);
    const responses = await Promise.all([
      vote(open.id, { choices: [open.options[0].id] }, member),
      vote(shut.id, { choices: [shut.options[0].id] }, member),
      vote(open.id, { choices: ['nope'] }, other),
      ...Array.from({ length: 200 }, () => vote(secret.id, { choices: [secret.options[1].id] }, member)),
    ]);
    const [named, closed, invalid, ...anonymous] = responses.map((r) => r.statusCode);
    expect([named, closed, invalid]).toEqual([200, 409, 400]);
    expect(anonymous.filter((code) => code === 200)).toHaveLength(1);
    expect(anonymous.filter((code) => code === 409)).toHaveLength(199);
    const count = async (table: 'pollVoters' | 'pollAnonymousBallots' | 'pollBallots', pollId: string) =>
      (await t.database.db.selectFrom(table).select('pollId').where('pollId', '=', pollId).execute()).length;
    expect(await count('pollVoters', secret.id)).toBe(1);
    expect(await count('pollAnonymousBallots', secret.id)).toBe(1);
    expect(await count('pollBallots', open.id)).toBe(1);
    expect(await count('pollBallots', shut.id)).toBe(0);
  });

  it('keeps the other polls’ ballots of a group when writing one poll’s ballots fails', async () => {
    const broken = (await create({ title: 'Panne', kind: 'single', options: ['a', 'b'] })).json();
    const sound = (await create({ title: 'Sain', kind: 'single', options: ['a', 'b'] })).json();
    // A database failure on one poll only (a deadlock, a lost connection…), staged by a trigger.
    if (dialect === 'sqlite') {
      await sql`create trigger fail_ballot before insert on poll_ballots
        when new.poll_id = ${sql.lit(broken.id)} begin select raise(abort, 'staged failure'); end`.execute(
        t.database.db,
      );
    } else {
      await sql`create function fail_ballot() returns trigger language plpgsql as $$
        begin raise exception 'staged failure'; end $$`.execute(t.database.db);
      await sql`create trigger fail_ballot before insert on poll_ballots for each row
        when (new.poll_id = ${sql.lit(broken.id)}) execute function fail_ballot()`.execute(t.database.db);
    }
    try {
      const [failed, counted] = await Promise.all([
        vote(broken.id, { choices: [broken.options[0].id] }, member),
        vote(sound.id, { choices: [sound.options[0].id] }, member),
      ]);
      expect(failed.statusCode).toBe(500);
      expect(counted.statusCode).toBe(200);
      expect((await get(`polls/${sound.id}/results`)).json().voters).toBe(1);
      expect((await get(`polls/${broken.id}/results`)).json().voters).toBe(0);
    } finally {
      await sql`drop trigger fail_ballot${sql.raw(dialect === 'sqlite' ? '' : ' on poll_ballots')}`.execute(
        t.database.db,
      );
    }
  });

  it('refuses any ballot once closed (409), by hand or by date, and only organisers close', async () => {
    const poll = (await create({ title: 'Lieu', kind: 'single', options: ['Lyon', 'Nancy'] })).json();
    expect((await post(`polls/${poll.id}/close`, member)).statusCode).toBe(403);
    expect((await post(`polls/${poll.id}/close`)).json()).toMatchObject({ phase: 'closed' });
    expect((await post(`polls/${poll.id}/close`)).statusCode).toBe(409);
    const late = await vote(poll.id, { choices: [poll.options[0].id] });
    expect(late.statusCode).toBe(409);
    // Even an invalid ballot on a closed poll is a 409: the state is checked first.
    expect((await vote(poll.id, { choices: [] })).statusCode).toBe(409);

    const past = (
      await create({ title: 'Passé', kind: 'single', options: ['x', 'y'], closesAt: '2020-01-01T00:00:00Z' })
    ).json();
    expect(past.phase).toBe('closed');
    expect((await vote(past.id, { choices: [past.options[0].id] })).statusCode).toBe(409);
    const later = (
      await create({
        title: 'Plus tard',
        kind: 'single',
        options: ['x', 'y'],
        opensAt: '2999-01-01T00:00:00Z',
      })
    ).json();
    expect((await vote(later.id, { choices: [later.options[0].id] })).statusCode).toBe(409);
    // The page must not offer a ballot the server will refuse.
    expect((await get(`polls/${later.id}`)).json().canVote).toBe(false);
  });

  it('multiple choice respects min and max; ranking gives Borda and the instant-runoff winner; score gives averages', async () => {
    const multi = (
      await create({
        title: 'Thèmes',
        kind: 'multiple',
        options: ['a', 'b', 'c', 'd'],
        minChoices: 2,
        maxChoices: 3,
      })
    ).json();
    // A minimum that no ballot can reach, and a score poll without options: refused at creation.
    const unreachable = [
      { title: 'Trop', kind: 'multiple', options: ['a', 'b'], minChoices: 3 },
      {
        title: 'Quota',
        kind: 'sections',
        maxPerSection: 1,
        minChoices: 3,
        sections: [
          { title: 'A', options: ['a1', 'a2'] },
          { title: 'B', options: ['b1', 'b2'] },
        ],
      },
      { title: 'Rien', kind: 'score' },
    ];
    for (const payload of unreachable) expect((await create(payload)).statusCode).toBe(400);
    const ids = multi.options.map((o: { id: string }) => o.id);
    expect((await vote(multi.id, { choices: [ids[0]] })).statusCode).toBe(400);
    expect((await vote(multi.id, { choices: ids })).statusCode).toBe(400);
    expect((await vote(multi.id, { choices: ids.slice(0, 3) })).statusCode).toBe(200);

    const ranking = (await create({ title: 'Priorités', kind: 'ranking', options: ['X', 'Y', 'Z'] })).json();
    const [x, y, z] = ranking.options.map((o: { id: string }) => o.id);
    await vote(ranking.id, { ranking: [x, y, z] }, facilitator);
    await vote(ranking.id, { ranking: [y, x] }, member);
    await vote(ranking.id, { ranking: [z, y, x] }, other);
    const ranked = (await get(`polls/${ranking.id}/results`)).json();
    expect(ranked.options.map((o: { borda: number }) => o.borda)).toEqual([3, 4, 2]);
    // Round 1: 1-1-1, Z eliminated (lowest Borda); round 2: Y wins 2-1.
    expect(ranked.runoff.winner).toBe(y);
    expect(ranked.runoff.rounds[0].eliminated).toBe(z);

    const score = (await create({ title: 'Notes', kind: 'score', options: ['P', 'Q'] })).json();
    const [p, q] = score.options.map((o: { id: string }) => o.id);
    expect((await vote(score.id, { scores: { [p]: 6 } })).statusCode).toBe(400);
    await vote(score.id, { scores: { [p]: 5, [q]: 2 } }, member);
    await vote(score.id, { scores: { [p]: 4 } }, other);
    const scored = (await get(`polls/${score.id}/results`)).json();
    expect(scored.options).toMatchObject([
      { id: p, count: 2, total: 9, average: 4.5 },
      { id: q, count: 1, total: 2, average: 2 },
    ]);
  });

  it('results equal a recount of the current ballots after random ballots and changes', async () => {
    const poll = (
      await create({
        title: 'Au hasard',
        kind: 'sections',
        maxPerSection: 2,
        sections: [
          { title: 'S1', options: ['a', 'b', 'c'] },
          { title: 'S2', options: ['d', 'e', 'f'] },
        ],
      })
    ).json();
    const bySection = poll.sections.map((s: { id: string }) =>
      poll.options
        .filter((o: { sectionId: string }) => o.sectionId === s.id)
        .map((o: { id: string }) => o.id),
    ) as string[][];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const voters = [facilitator, member, other];
    const expected = new Map<string, string[]>();
    for (let round = 0; round < 30; round++) {
      const voter = voters[Math.floor(random() * voters.length)] ?? member;
      const choices = bySection.flatMap((ids) => ids.filter(() => random() < 0.5).slice(0, 2));
      if (choices.length === 0) continue;
      const response = await vote(poll.id, { choices }, voter);
      expect(response.statusCode).toBe(200);
      expected.set(voter.id, choices);
    }
    const results = (await get(`polls/${poll.id}/results`)).json();
    expect(results.voters).toBe(expected.size);
    for (const section of results.sections) {
      for (const option of section.options) {
        const recount = [...expected.values()].filter((choices) => choices.includes(option.id)).length;
        expect(option.count).toBe(recount);
      }
    }
  });

  it('runs a proposal phase: voters add options, then the organiser opens the vote', async () => {
    const poll = (await create({ title: 'Idées', kind: 'multiple', proposals: true })).json();
    expect(poll).toMatchObject({ phase: 'proposal', canPropose: true });
    expect((await vote(poll.id, { choices: [] })).statusCode).toBe(409);
    expect((await post(`polls/${poll.id}/open`)).statusCode).toBe(409);
    const added = await post(`polls/${poll.id}/options`, member, { text: 'Une université d’été' });
    expect(added.statusCode).toBe(201);
    expect((await post(`polls/${poll.id}/options`, other, { text: 'Une université d’été' })).statusCode).toBe(
      409,
    );
    expect((await post(`polls/${poll.id}/options`, outsider, { text: 'Spam' })).statusCode).toBe(403);
    await post(`polls/${poll.id}/options`, other, { text: 'Un abécédaire' });
    expect((await post(`polls/${poll.id}/open`, member)).statusCode).toBe(403);
    const opened = (await post(`polls/${poll.id}/open`)).json();
    expect(opened).toMatchObject({ phase: 'voting' });
    expect(opened.options.map((o: { text: string }) => o.text)).toEqual([
      'Une université d’été',
      'Un abécédaire',
    ]);
    expect((await post(`polls/${poll.id}/options`, member, { text: 'Trop tard' })).statusCode).toBe(409);
    expect((await vote(poll.id, { choices: [added.json().id] })).statusCode).toBe(200);

    // At least three choices on a ballot: the vote opens once three options exist, not before.
    const three = (await create({ title: 'Trois', kind: 'multiple', proposals: true, minChoices: 3 })).json();
    await post(`polls/${three.id}/options`, member, { text: 'Un' });
    await post(`polls/${three.id}/options`, member, { text: 'Deux' });
    expect((await post(`polls/${three.id}/open`)).statusCode).toBe(409);
    await post(`polls/${three.id}/options`, member, { text: 'Trois' });
    expect((await post(`polls/${three.id}/open`)).statusCode).toBe(200);
  });

  it('hides results from everyone, organiser included, until the close when asked', async () => {
    const poll = (
      await create({ title: 'Secret', kind: 'single', options: ['a', 'b'], hideResultsUntilClose: true })
    ).json();
    await vote(poll.id, { choices: [poll.options[0].id] });
    expect((await get(`polls/${poll.id}/results`, facilitator)).statusCode).toBe(409);
    expect((await get(`polls/${poll.id}/results.csv`, facilitator)).statusCode).toBe(409);
    expect((await get(`polls/${poll.id}`)).json()).toMatchObject({ resultsVisible: false, voterCount: 1 });
    await post(`polls/${poll.id}/close`);
    expect((await get(`polls/${poll.id}/results`)).json()).toMatchObject({ final: true, voters: 1 });
  });

  it('exports CSV with formula injection neutralised', async () => {
    const poll = (
      await create({
        title: 'Export',
        kind: 'sections',
        sections: [
          {
            title: '=1+1',
            options: ['=HYPERLINK("http://evil")', '+33 6', '-2', '@SUM(A1)', 'Tab ok', 'Plain; "quoted"'],
          },
        ],
      })
    ).json();
    await vote(poll.id, { choices: [poll.options[0].id, poll.options[5].id] });
    const csv = await get(`polls/${poll.id}/results.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('section,option,count');
    expect(lines[1]).toBe(`'=1+1,"'=HYPERLINK(""http://evil"")",1`);
    expect(lines[2]).toBe(`'=1+1,'+33 6,0`);
    expect(lines[3]).toBe(`'=1+1,'-2,0`);
    expect(lines[4]).toBe(`'=1+1,'@SUM(A1),0`);
    expect(lines[5]).toBe(`'=1+1,Tab ok,0`);
    expect(lines[6]).toBe(`'=1+1,"Plain; ""quoted""",1`);
    expect(lines.at(-1)).toBe('voters,,1');
    // Spreadsheets set to French expect semicolons: the same cells, a semicolon between them.
    const french = (await get(`polls/${poll.id}/results.csv?separator=semicolon`)).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(french[0]).toBe('section;option;count');
    expect(french[6]).toBe(`'=1+1;"Plain; ""quoted""";1`);
    expect((await get(`polls/${poll.id}/results.csv?separator=tab`)).statusCode).toBe(400);
  });

  it('lets only circle members vote and hides a private circle’s polls', async () => {
    const poll = (await create({ title: 'Membres', kind: 'single', options: ['a', 'b'] })).json();
    // The circle is public: an outsider sees the poll but cannot vote.
    expect((await get(`polls/${poll.id}`, outsider)).json()).toMatchObject({ canVote: false });
    expect((await vote(poll.id, { choices: [poll.options[0].id] }, outsider)).statusCode).toBe(403);
    const hidden = (
      await create(
        { title: 'Privé', kind: 'single', options: ['a', 'b'] },
        facilitator,
        `circles/${privateCircleId}`,
      )
    ).json();
    expect((await get(`polls/${hidden.id}`, outsider)).statusCode).toBe(404);
    expect((await vote(hidden.id, { choices: [hidden.options[0].id] }, outsider)).statusCode).toBe(404);
    expect((await get(`circles/${privateCircleId}/polls`, outsider)).statusCode).toBe(404);
    await joinCommunity(t.app, outsider, communitySlug);
    // Seeing a private circle (as a community member) does not show what it decides.
    const seen = await get(`circles/${privateCircleId}/polls`, outsider);
    expect(seen.statusCode === 404 || seen.json().items.length === 0).toBe(true);
    expect((await create({ title: 'x', kind: 'single', options: ['a', 'b'] }, outsider)).statusCode).toBe(
      403,
    );
    expect((await create({ title: 'x', kind: 'sections', options: ['a', 'b'] })).statusCode).toBe(400);
    expect((await create({ title: 'x', kind: 'single', options: ['a'] })).statusCode).toBe(400);
    expect((await create({ title: 'x', kind: 'single', options: ['a'.repeat(2001), 'b'] })).statusCode).toBe(
      400,
    );
    const list = (await get(`circles/${circleId}/polls`)).json().items;
    expect(list.some((p: { id: string }) => p.id === poll.id)).toBe(true);
  });

  it('runs a community-wide poll for the community’s active members', async () => {
    expect(
      (
        await create(
          { title: 'x', kind: 'single', options: ['a', 'b'] },
          member,
          `communities/${communitySlug}`,
        )
      ).statusCode,
    ).toBe(403);
    const created = await create(
      { title: 'Université d’été', kind: 'single', options: ['Oui', 'Non'] },
      facilitator,
      `communities/${communitySlug}`,
    );
    expect(created.statusCode).toBe(201);
    const poll = created.json();
    expect(poll).toMatchObject({ circleId: null, communitySlug });
    expect((await vote(poll.id, { choices: [poll.options[0].id] }, member)).statusCode).toBe(200);
    const stranger = await registerUser(t.app, 'Stranger');
    expect((await get(`polls/${poll.id}`, stranger)).statusCode).toBe(404);
    expect((await vote(poll.id, { choices: [poll.options[0].id] }, stranger)).statusCode).toBe(404);
    const list = (await get(`communities/${poll.communityId}/polls`)).json().items;
    expect(list.map((p: { id: string }) => p.id)).toEqual([poll.id]);
  });

  it('takes the organiser’s rights away from a creator who left the circle', async () => {
    const leaver = await registerUser(t.app, 'Leaver');
    await joinCommunity(t.app, leaver, communitySlug);
    await addToCircle(t.app, facilitator, circleId, leaver);
    const poll = (
      await create({ title: 'Avant départ', kind: 'single', options: ['a', 'b'] }, leaver)
    ).json();
    expect(poll.canOrganise).toBe(true);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/me`,
      headers: as(leaver),
    });
    expect(left.statusCode).toBe(204);
    // The circle is public: they still see the poll, but no longer steer it.
    expect((await get(`polls/${poll.id}`, leaver)).json().canOrganise).toBe(false);
    expect((await post(`polls/${poll.id}/close`, leaver)).statusCode).toBe(403);
  });

  it('edits and deletes a poll only before anyone votes', async () => {
    const poll = (await create({ title: 'Brouillon', kind: 'single', options: ['a', 'b'] })).json();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.id}`,
      headers: as(facilitator),
      payload: { title: 'Propre' },
    });
    expect(patched.json().title).toBe('Propre');
    // A closing date before the opening date would make a poll nobody can ever vote in.
    const later = (
      await create({
        title: 'Plus tard',
        kind: 'single',
        options: ['a', 'b'],
        opensAt: '2999-01-02T00:00:00Z',
      })
    ).json();
    const backwards = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${later.id}`,
      headers: as(facilitator),
      payload: { closesAt: '2999-01-01T00:00:00Z' },
    });
    expect(backwards.statusCode).toBe(400);
    await vote(poll.id, { choices: [poll.options[0].id] });
    const del = (user: TestUser) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/polls/${poll.id}`, headers: as(user) });
    expect((await del(member)).statusCode).toBe(403);
    expect((await del(facilitator)).statusCode).toBe(409);
    const fresh = (await create({ title: 'Erreur', kind: 'single', options: ['a', 'b'] })).json();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/polls/${fresh.id}`, headers: as(facilitator) }))
        .statusCode,
    ).toBe(204);
    expect((await get(`polls/${fresh.id}`)).statusCode).toBe(404);
  });
});
