import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { seedDemoData } from './demo-data.ts';
import { demoGlossary } from './demo-polls.ts';

describe.each(testDialects())('demo glossary vote on %s', (dialect) => {
  let t: TestApp;
  let visitor: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    visitor = await registerUser(t.app);
    await seedDemoData(t.database.db);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/riposte-creative-territoriale/members',
      headers: { cookie: visitor.cookie },
    });
  });
  afterAll(() => t.close());

  it('is a closed sections poll whose three most voted words per letter are the seed meeting’s', async () => {
    const as = { cookie: visitor.cookie };
    const list = await t.app.inject({
      url: '/api/v1/communities/riposte-creative-territoriale/polls',
      headers: as,
    });
    const [summary] = list.json().items;
    expect(summary).toMatchObject({ kind: 'sections', phase: 'closed', voterCount: 8 });
    const poll = (await t.app.inject({ url: `/api/v1/polls/${summary.id}`, headers: as })).json();
    expect(poll).toMatchObject({ maxPerSection: 3, canVote: false, resultsVisible: true });
    const results = (await t.app.inject({ url: `/api/v1/polls/${summary.id}/results`, headers: as })).json();
    expect(results.voters).toBe(8);
    expect(results.sections.map((s: { title: string }) => s.title)).toEqual(['A', 'B', 'C', 'D']);
    for (const [index, section] of results.sections.entries()) {
      const ranked = [...section.options].sort(
        (a: { count: number }, b: { count: number }) => b.count - a.count,
      ) as { text: string; count: number }[];
      const top = ranked.slice(0, 3);
      expect(top.map((o) => o.text).sort()).toEqual([...(demoGlossary[index]?.chosen ?? [])].sort());
      // The chosen three are clearly ahead of every other candidate.
      expect(Math.min(...top.map((o) => o.count))).toBeGreaterThan(ranked[3]?.count ?? 0);
      expect(section.options.reduce((n: number, o: { count: number }) => n + o.count, 0)).toBe(24);
    }
    expect(results.sections[0].options.map((o: { text: string }) => o.text)).toContain(
      'Apprendre ensemble (Apprenance)',
    );
    const vote = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/polls/${summary.id}/ballot`,
      headers: as,
      payload: { choices: [poll.options[0].id] },
    });
    expect(vote.statusCode).toBe(409);
  });

  it('fills the abécédaire: the twelve chosen words, A–D, selected and linked to the vote', async () => {
    const glossary = (
      await t.app.inject({ url: '/api/v1/communities/riposte-creative-territoriale/glossary' })
    ).json();
    const chosen = demoGlossary.flatMap((letter) => letter.chosen);
    expect(glossary.items.map((e: { term: string }) => e.term).sort()).toEqual([...chosen].sort());
    expect(
      glossary.items.every(
        (e: { status: string; hasDefinition: boolean }) => e.status === 'selected' && !e.hasDefinition,
      ),
    ).toBe(true);
    expect(glossary.letters).toEqual(['A', 'B', 'C', 'D'].map((letter) => ({ letter, count: 3 })));
    const archipel = glossary.items.find((e: { term: string }) => e.term === 'Archipel');
    const entry = (await t.app.inject({ url: `/api/v1/glossary/${archipel.id}` })).json();
    const results = (
      await t.app.inject({
        url: `/api/v1/polls/${entry.vote.pollId}/results`,
        headers: { cookie: visitor.cookie },
      })
    ).json();
    const counted = results.sections[0].options.find((o: { text: string }) => o.text === 'Archipel').count;
    expect(entry.vote).toEqual({ pollId: expect.any(String), votes: counted, tied: false });
    // Members also see the vote's other candidates, still proposed.
    const asMember = (
      await t.app.inject({
        url: '/api/v1/communities/riposte-creative-territoriale/glossary?status=proposed',
        headers: { cookie: visitor.cookie },
      })
    ).json();
    expect(asMember.items).toHaveLength(8);
  });

  it('keeps the evaluation questionnaire as the community’s template, with no answer made up', async () => {
    const listed = await t.app.inject({
      url: '/api/v1/survey-templates?community=riposte-creative-territoriale',
      headers: { cookie: visitor.cookie },
    });
    const own = listed.json().items.filter((tpl: { builtIn: boolean }) => !tpl.builtIn);
    expect(own).toHaveLength(1);
    expect(own[0].title).toBe('Évaluation des cercles d’apprentissage de la Riposte');
    expect(own[0].questions.map((q: { kind: string }) => q.kind)).toContain('nps');
    const responses = await t.database.db.selectFrom('surveyResponses').select('id').execute();
    expect(responses).toEqual([]);
  });
});
