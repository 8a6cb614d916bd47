import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('the abécédaire on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let member: TestUser;
  let other: TestUser;
  let outsider: TestUser;
  let slug: string;
  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const propose = (term: string, user: TestUser = member) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/glossary`,
      headers: as(user),
      payload: { term },
    });
  const patch = (id: string, payload: object, user: TestUser = member) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/glossary/${id}`, headers: as(user), payload });
  const list = async (query = '', user?: TestUser) =>
    (await t.app.inject({ url: `/api/v1/communities/${slug}/glossary${query}`, headers: as(user) })).json();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    member = await registerUser(t.app, 'Bernard');
    other = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Outsider');
    slug = (await buildCommunity(t.app, animator)).slug;
    await joinCommunity(t.app, member, slug);
    await joinCommunity(t.app, other, slug);
  });
  afterAll(() => t?.close());

  it('files a proposed term under its folded letter and refuses the same term twice, naming it', async () => {
    const created = await propose('Écoute');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ term: 'Écoute', letter: 'E', status: 'proposed', revision: 1 });
    const again = await propose('  ECOUTE ', other);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ existingId: created.json().id, existingTerm: 'Écoute' });
    expect((await propose('Œuvre commune')).json().letter).toBe('O');
    expect((await propose('3 mots par lettre')).json().letter).toBe('#');
  });

  it('lets only members propose, and shows proposed terms to members only', async () => {
    expect((await propose('Extérieur', outsider)).statusCode).toBe(403);
    expect((await list('', outsider)).abilities).toEqual({ read: true, takePart: false, steer: false });
    expect((await list('', member)).abilities).toEqual({ read: true, takePart: true, steer: false });
    expect((await list('', animator)).abilities).toEqual({ read: true, takePart: true, steer: true });
    const id = (await propose('Essaimer')).json().id;
    expect((await t.app.inject({ url: `/api/v1/glossary/${id}`, headers: as(outsider) })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: `/api/v1/glossary/${id}` })).statusCode).toBe(404);
    expect((await list('', outsider)).items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await list('', other)).items.map((e: { id: string }) => e.id)).toContain(id);
    // Selected by an animator, the entry is for everyone who sees the community.
    expect((await patch(id, { baseRevision: 1, status: 'selected' }, member)).statusCode).toBe(403);
    expect((await patch(id, { baseRevision: 1, status: 'selected' }, animator)).statusCode).toBe(200);
    const seen = await t.app.inject({ url: `/api/v1/glossary/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({ read: true, takePart: false, steer: false });
  });

  it('refuses an edit based on an old revision with the current entry, and keeps both in the history', async () => {
    const id = (await propose('Entraide')).json().id;
    const first = await patch(id, { baseRevision: 1, definition: 'S’aider les uns les autres.' }, member);
    expect(first.statusCode).toBe(200);
    expect(first.json().revision).toBe(2);
    const second = await patch(id, { baseRevision: 1, definition: 'Apprendre à plusieurs.' }, other);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details.current).toMatchObject({
      revision: 2,
      definition: 'S’aider les uns les autres.',
    });
    const merged = await patch(
      id,
      { baseRevision: 2, definition: 'S’aider les uns les autres, apprendre à plusieurs.' },
      other,
    );
    expect(merged.json()).toMatchObject({ revision: 3 });
    expect(merged.json().contributors.map((c: { name: string }) => c.name)).toEqual(['Bernard', 'Julie']);
    const history = (
      await t.app.inject({ url: `/api/v1/glossary/${id}/revisions`, headers: as(member) })
    ).json();
    expect(
      history.items.map((r: { revision: number; author: { name: string } }) => [r.revision, r.author.name]),
    ).toEqual([
      [3, 'Julie'],
      [2, 'Bernard'],
      [1, 'Bernard'],
    ]);
    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/v1/glossary/${id}/revisions/2/restore`,
      headers: as(member),
      payload: { baseRevision: 3 },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ revision: 4, definition: 'S’aider les uns les autres.' });
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/v1/glossary/${id}/revisions/1/restore`,
      headers: as(member),
      payload: { baseRevision: 3 },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('keeps sources on http(s), related entries in the glossary, and resolves wiki links', async () => {
    const archipel = (await propose('Archipel')).json().id;
    const id = (await propose('Boussoles')).json().id;
    const bad = await patch(id, { baseRevision: 1, sources: [{ title: 'x', url: 'javascript:alert(1)' }] });
    expect(bad.statusCode).toBe(400);
    expect((await patch(id, { baseRevision: 1, relatedIds: [id] })).statusCode).toBe(400);
    expect((await patch(id, { baseRevision: 1, relatedIds: ['nope'] })).statusCode).toBe(400);
    const saved = await patch(id, {
      baseRevision: 1,
      definition: 'Des repères, comme [[archipel]] et [[Bien commun]].',
      sources: [{ title: 'Riposte', url: 'https://example.org/riposte' }],
      relatedIds: [archipel],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().related).toEqual([{ id: archipel, term: 'Archipel' }]);
    expect(saved.json().links).toEqual([
      { term: 'archipel', id: archipel },
      { term: 'Bien commun', id: null },
    ]);
  });

  it('signs writers up once, and lists them', async () => {
    const id = (await propose('Désir')).json().id;
    const put = () =>
      t.app.inject({ method: 'PUT', url: `/api/v1/glossary/${id}/writers/me`, headers: as(other) });
    await put();
    const twice = await put();
    expect(twice.json().writers).toEqual([{ id: other.id, name: 'Julie' }]);
    const listed = (await list('?letter=D', member)).items.find((e: { id: string }) => e.id === id);
    expect(listed).toMatchObject({ writers: [{ id: other.id, name: 'Julie' }], writerCount: 1 });
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/v1/glossary/${id}/writers/me`, headers: as(outsider) }))
        .statusCode,
    ).toBe(404);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/glossary/${id}/writers/me`,
      headers: as(other),
    });
    expect(left.json().writers).toEqual([]);
  });

  it('indexes by letter with counts, filters, and searches with accents ignored', async () => {
    const index = await list('', member);
    const counts = Object.fromEntries(
      index.letters.map((l: { letter: string; count: number }) => [l.letter, l.count]),
    );
    expect(counts.E).toBeGreaterThanOrEqual(3);
    const letterE = await list('?letter=e', member);
    expect(letterE.items.every((e: { letter: string }) => e.letter === 'E')).toBe(true);
    const found = await list('?q=ECOUTE', member);
    expect(found.items.map((e: { term: string }) => e.term)).toEqual(['Écoute']);
    const byDefinition = await list(`?q=${encodeURIComponent('repères')}`, member);
    expect(byDefinition.items.map((e: { term: string }) => e.term)).toEqual(['Boussoles']);
    expect((await list('?q=%25', member)).items).toEqual([]);
    expect((await list('?letter=AB', member)).error.code).toBe('INVALID_INPUT');
  });

  it('opens a vote on letters with a quota, and its close selects the top terms of each letter', async () => {
    const voters = [member, other, await registerUser(t.app, 'Nadia'), await registerUser(t.app, 'Marc')];
    for (const voter of voters.slice(2)) await joinCommunity(t.app, voter, slug);
    const terms = ['Faire ensemble', 'Fabrique', 'Frugalité', 'Fête', 'Fragilité'];
    const ids: Record<string, string> = {};
    for (const [i, term] of terms.entries())
      ids[term] = (await propose(term, voters[i % voters.length])).json().id;
    const open = (payload: object, user: TestUser = animator) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${slug}/glossary/votes`,
        headers: as(user),
        payload,
      });
    expect((await open({ letters: ['F'], perLetter: 3 }, member)).statusCode).toBe(403);
    expect((await open({ letters: ['Z'], perLetter: 3 })).statusCode).toBe(400);
    const opened = await open({ letters: ['f'], perLetter: 3 });
    expect(opened.statusCode).toBe(201);
    const { pollId } = opened.json();
    const poll = (await t.app.inject({ url: `/api/v1/polls/${pollId}`, headers: as(member) })).json();
    expect(poll.kind).toBe('sections');
    const optionOf = (term: string) => poll.options.find((o: { text: string }) => o.text === term).id;
    // Votes: Fabrique 4, Frugalité 3, Faire ensemble 2, Fête 1, Fragilité 0.
    const ballots = [
      ['Fabrique', 'Frugalité', 'Faire ensemble'],
      ['Fabrique', 'Frugalité', 'Faire ensemble'],
      ['Fabrique', 'Frugalité', 'Fête'],
      ['Fabrique'],
    ];
    for (const [i, choice] of ballots.entries()) {
      const cast = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/polls/${pollId}/ballot`,
        headers: as(voters[i]),
        payload: { choices: choice.map(optionOf) },
      });
      expect(cast.statusCode).toBe(200);
    }
    // Still open: nothing is selected yet.
    expect((await list('?letter=F&status=selected', member)).items).toEqual([]);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/polls/${pollId}/close`,
      headers: as(animator),
    });
    expect(closed.statusCode).toBe(200);
    const statuses = Object.fromEntries(
      (await list('?letter=F', member)).items.map((e: { term: string; status: string }) => [
        e.term,
        e.status,
      ]),
    );
    expect(statuses).toEqual({
      'Faire ensemble': 'selected',
      Fabrique: 'selected',
      Frugalité: 'selected',
      Fête: 'proposed',
      Fragilité: 'proposed',
    });
    const chosen = (await t.app.inject({ url: `/api/v1/glossary/${ids.Fabrique}` })).json();
    expect(chosen.vote).toEqual({ pollId, votes: 4, tied: false });
    const history = (await t.app.inject({ url: `/api/v1/glossary/${ids.Fabrique}/revisions` })).json();
    expect(history.items[0]).toMatchObject({ status: 'selected', author: null });
    // Read again: the result is applied once.
    expect((await t.app.inject({ url: `/api/v1/glossary/${ids.Fabrique}` })).json().revision).toBe(
      chosen.revision,
    );
  });

  it('selects every term tied at the cut, and says so, when the vote reaches its closing time', async () => {
    const terms = ['Gratitude', 'Gouvernance', 'Générosité'];
    for (const term of terms) await propose(term);
    const { pollId } = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${slug}/glossary/votes`,
        headers: as(animator),
        payload: { letters: ['G'], perLetter: 1 },
      })
    ).json();
    const poll = (await t.app.inject({ url: `/api/v1/polls/${pollId}`, headers: as(member) })).json();
    const optionOf = (term: string) => poll.options.find((o: { text: string }) => o.text === term).id;
    for (const [user, term] of [
      [member, 'Gratitude'],
      [other, 'Gouvernance'],
    ] as const) {
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/polls/${pollId}/ballot`,
        headers: as(user),
        payload: { choices: [optionOf(term)] },
      });
    }
    // This vote ends at its closing time, nobody closing it: the next read applies it.
    await t.database.db
      .updateTable('polls')
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', pollId)
      .execute();
    const entries = (await list('?letter=G', member)).items as { id: string; term: string; status: string }[];
    expect(
      entries
        .filter((e) => e.status === 'selected')
        .map((e) => e.term)
        .sort(),
    ).toEqual(['Gouvernance', 'Gratitude']);
    const tied = entries.find((e) => e.term === 'Gratitude');
    expect((await t.app.inject({ url: `/api/v1/glossary/${tied?.id}` })).json().vote).toMatchObject({
      votes: 1,
      tied: true,
    });
  });

  it('exports the published entries as Markdown, user text never live markup', async () => {
    const id = (await propose('Publier')).json().id;
    const undefinedYet = await patch(id, { baseRevision: 1, status: 'published' }, animator);
    expect(undefinedYet.statusCode).toBe(400);
    expect(undefinedYet.json().error.details).toEqual([
      { path: ['body', 'status'], message: 'needs a definition' },
    ]);
    await patch(id, {
      baseRevision: 1,
      definition: 'Rendre public <script>alert(1)</script> et <img src=x onerror=alert(1)>.',
      sources: [{ title: 'Un [lien]', url: 'https://example.org/a (b)' }],
    });
    expect((await patch(id, { baseRevision: 2, status: 'published' }, animator)).statusCode).toBe(200);
    const exported = await t.app.inject({ url: `/api/v1/communities/${slug}/glossary.md` });
    expect(exported.headers['content-type']).toMatch(/^text\/markdown/);
    expect(exported.body).toContain('## P');
    expect(exported.body).toContain('### Publier');
    expect(exported.body).not.toMatch(/<script|<img/);
    expect(exported.body).toContain('&lt;script>');
    expect(exported.body).toContain('[Un \\[lien\\]](https://example.org/a%20%28b%29)');
    expect(exported.body).not.toContain('Écoute');
  });
});
